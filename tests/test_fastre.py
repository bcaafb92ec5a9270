import re

from hypothesis import given, settings, strategies as st

from analysis.lang import alt, words
from analysis.extract import EVENT_ANAPHOR, EVENT_CUE, EVENT_CUES
from analysis.fastre import Regrouped, first_letter_alternation, lower_same_length, mark_of, required_literal, word_start_alternation
from analysis.relations import AGENT_BEFORE, CLAUSE_BREAK, COMPILED, PASSIVE_AUX, TRIGGERS

_BITS = ["by", "By", "BY", "par", "por", "the", "l'", "la", "x", "é", "2", "-", "_", ",", " ", " ", "  ", "\t", "was", "Been",
         "widely", "which", "in order to", "afin de", "para", "İ", "aby", "byx"]
_TEXTS = st.lists(st.sampled_from(_BITS), max_size=14).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.lists(st.sampled_from(["by", "par", "por", "para", "in order to", "é", "the", "x"]), min_size=1, max_size=5))
def test_a_word_start_alternation_matches_where_a_leading_word_boundary_does(text, words):
    fast = re.compile(word_start_alternation(words))
    plain = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(set(words), key=len, reverse=True))) + ")")
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aAİıßﬁΣσς ", max_size=12))
def test_lowercasing_keeps_offsets(text):
    low = lower_same_length(text)
    assert len(low) == len(text)
    assert all(c == t.lower()[0] or t in "Σ" for c, t in zip(low, text))  # final sigma may lowercase as 'ς'
    assert "İ" not in text or low[text.index("İ")] == "i"


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_the_clause_and_agent_scans_find_what_their_plain_forms_find(text):
    # the plain forms: each word list of the language files as a case-insensitive alternation with a leading \b
    agent = re.compile(r"\b" + alt("passive_agent") + r"\s+" + alt("articles") + "?$", re.IGNORECASE)
    aux = re.compile(r"\b" + alt("passive_auxiliaries") + r"\s+(?:\w+ly\s+)?$", re.IGNORECASE)
    clause = re.compile(r",\s+" + alt("clause_breaks") + r"\b|\b" + alt("purpose") + r"\b")
    low = lower_same_length(text)
    for end in range(len(text) + 1):
        assert bool(AGENT_BEFORE.search(low, 0, end)) == bool(agent.search(text[:end])), end
        assert bool(PASSIVE_AUX.search(low, 0, end)) == bool(aux.search(text[:end])), end
    assert [m.start() for m in CLAUSE_BREAK.finditer(text)] == [m.start() for m in clause.finditer(text)]


_PIECES = ["ab", "c", " año ", r"\.", r"\b", r"\w", "[xy]", "[^]a]", "d?", "e*", "f+", "g{2}", "h{1,3}", "(?:el|del)", "(?:i|j)?",
           "(?<!k)", "(lm)", "|", "(?:no|o) ", r"\s+"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6).map("".join).filter(lambda p: not p.startswith("|")
                                                                                      and not p.endswith("|")),
       st.data())
def test_every_match_of_a_pattern_contains_its_required_literal(pattern, data):
    text = data.draw(st.from_regex(pattern, fullmatch=True))
    assert required_literal(pattern) in text


def test_the_relative_year_expressions_have_a_literal_to_look_for():
    for p in words("relative_year_dates"):
        assert required_literal(p), p  # else the scan runs on every text
    assert required_literal("(?:el|del) año (?:pasado|anterior)") == " año "
    assert required_literal("a|b") == "" and required_literal("(?i)last year") == ""


# pieces of cue patterns as the language files write them: letters, classes, optional and alternative groups, look-behinds
_CUE_PIECES = ["a", "ab", "b", "é", "-", " ", "s?", "[ao]", "(?:a|ba)", "(?:b |a-)?", "(?<!x )", "(?<!\\bb )", "(?! a)",
               "(?:ab|a)?", "ba", "e"]
_CUES = st.lists(st.sampled_from(_CUE_PIECES), min_size=1, max_size=4).map("".join).filter(lambda p: p[:1] not in "-[ ?(é" or p.startswith(("(?:", "(?<!")))
_CUE_TEXTS = st.lists(st.sampled_from(["a", "b", "ab", "ba", "x ", "b ", " ", "-", "é", "e", "s", "o", "\n", "_"]), max_size=12).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.lists(_CUES, min_size=1, max_size=5), _CUE_TEXTS, st.sampled_from([r"\w", r"[\w-]"]))
def test_a_first_letter_alternation_finds_what_its_plain_form_finds(patterns, text, not_after):
    plain = re.compile(f"(?<!{not_after})(?:" + "|".join(f"(?:{p})(?P<p{k}>)" for k, p in enumerate(patterns)) + r")(?!\w)")
    fast = re.compile(first_letter_alternation(patterns, not_after, [f"p{k}" for k in range(len(patterns))]) + r"(?!\w)")
    assert [(m.span(), m.lastgroup) for m in plain.finditer(text)] == [(m.span(), mark_of(m)) for m in fast.finditer(text)]


def test_a_first_letter_alternation_of_cues_keeps_their_order_and_jumps_between_letters():
    # the first listed alternative wins at a position, also when expanded from a group or moved behind a look-behind
    rx = re.compile(first_letter_alternation(["(?<!\\bno )agreements?", "(?:co-?operation |framework )?agreement", "agree"],
                                             r"\w", ["a", "b", "c"]))
    assert [(m.group(0), mark_of(m)) for m in rx.finditer("an agreement, no agreement, cooperation agreement")] == [
        ("agreement", "a"), ("agreement", "b"), ("cooperation agreement", "b")]
    assert rx.pattern.startswith("(?:a(?<!\\w.)")  # a literal first: re jumps between the letters
    # what it cannot regroup (an alternative opening with a class or an escape) stays in its plain form
    assert first_letter_alternation(["[ab]c", "d"]) == "(?:(?<!\\w)(?:(?:[ab]c)|(?:d)))"
    for lang, (rx, rels, _) in COMPILED.items():  # every language's cues are regrouped
        assert not rx.pattern.startswith("(?<!"), lang


_EVENT_BITS = ["meeting", "meetings", "at ", "met", "the ", "a ", "workshop", "was held", "were held", "réunion", "l'", "cet atelier",
               "se llevó a cabo", "taller", "visit", "visited", " ", "-", "x", "2", "inauguration", "reuniu-se", "o ", "evento",
               "launch event", "new offices", "nouveaux bureaux"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_EVENT_BITS), max_size=10).map("".join))
def test_the_event_cues_find_what_their_plain_forms_find(text):
    from analysis.lang import ORDER, table
    for code, cue in [*EVENT_CUES.items(), ("", EVENT_CUE)]:
        plain = re.compile("|".join(rf"\b(?P<{t}>" + "|".join(p.lower() for p in pats) + r")\b"
                                    for t, pats in table("event_cues", (code,) if code else None).items()))
        assert isinstance(cue, Regrouped) and not cue.fast.pattern.startswith(("\\b", "(?<"))  # starts with letters
        assert [(m.span(), m.lastgroup) for m in cue.finditer(text)] == [(m.span(), m.lastgroup) for m in plain.finditer(text)]
        found, first = cue.search(text), plain.search(text)
        assert (found and (found.span(), found.lastgroup)) == (first and (first.span(), first.lastgroup))
    for code in ORDER:  # the determiner before an event word named again, grouped by first letter too
        dets = words("event_anaphor_determiners", (code,))
        fast_det = first_letter_alternation(dets, r"[\w-]")
        assert EVENT_ANAPHOR[code].pattern.startswith(fast_det) and not fast_det.startswith("(?<")
        plain = re.compile(r"(?<![\w-])(?:" + "|".join(dets) + ")" + EVENT_ANAPHOR[code].pattern[len(fast_det):])
        assert [(m.span(), m.lastgroup) for m in EVENT_ANAPHOR[code].finditer(text)] == [
            (m.span(), m.lastgroup) for m in plain.finditer(text)]


_WORD_BITS = ["Government", "government", "Ministry", "Ministère", "Gobierno", "xGoverno", "(IOM)", "(A)", "last year",
              "l'an dernier", "l’année dernière", "el año pasado", "del año anterior", "este año", "neste ano", "this year",
              "the previous year", "cette année", " ", ".", "_", "-", "a", "2"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORD_BITS), max_size=8).map("".join))
def test_the_word_list_scans_find_what_their_plain_forms_find(text):
    from analysis.dates import _LOWER_RELATIVE_YEAR
    from analysis.ingest import RELEVANT

    relevant = re.compile(r"\b" + alt("relevant_words") + r"\b|\([A-Z][A-Z.&-]{1,10}\)")
    assert [m.span() for m in RELEVANT.finditer(text)] == [m.span() for m in relevant.finditer(text)]
    assert not RELEVANT.pattern.startswith(("\\b", "(?<"))
    low = lower_same_length(text)
    year = re.compile(r"\b" + alt("relative_year_dates") + r"\b")
    assert [m.span() for m in _LOWER_RELATIVE_YEAR.finditer(low)] == [m.span() for m in year.finditer(low)]
    from analysis.dates import _YEAR_TEXTS, _relative_year  # scan_dates: only the expressions whose piece the text holds

    present = tuple(k for k, piece in enumerate(_YEAR_TEXTS) if piece in low)
    assert [m.span() for m in _relative_year(present).finditer(low)] == [m.span() for m in year.finditer(low)] if present \
        else not year.search(low)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["IPAD", "A", "b", " ", "  ", "\n", "-", "–", "—", "x", "IOM", "_"]), max_size=12).map("".join))
def test_the_dash_scan_of_acronym_definitions_finds_the_gaps_an_acronym_can_end_before(text):
    from analysis.entities import _ACRONYM_END, _CAPITAL_DASH_GAP, _DASH_GAP

    def acronyms(gaps):
        return [a.start() for d in gaps if (a := _ACRONYM_END.search(text, max(0, d - 16), d))]

    assert acronyms([d.start() + 1 for d in _CAPITAL_DASH_GAP.finditer(text)]) == acronyms(
        [d.start() for d in _DASH_GAP.finditer(text)])


_LITERAL_TEXTS = st.lists(st.sampled_from(["a", "b", "ab", "ba", "é", " ", "hier", "ie", "x"]), max_size=10).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "ab", "ba", "hier", "ier", "é", "x", "bb", ""]), max_size=5), _LITERAL_TEXTS)
def test_a_word_list_is_found_where_any_of_its_words_occurs(words_, text):
    from analysis.fastre import Literals

    literals = Literals(words_)
    assert literals.found_in(text) == any(w and w in text for w in words_)
    assert literals.starts_in(text) == sorted({i for w in words_ if w for i in range(len(text)) if text.startswith(w, i)})
