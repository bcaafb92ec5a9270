import re

from hypothesis import given, settings, strategies as st

from analysis.lang import alt, words
from analysis.fastre import lower_same_length, required_literal, word_start_alternation
from analysis.relations import AGENT_BEFORE, CLAUSE_BREAK, PASSIVE_AUX

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
