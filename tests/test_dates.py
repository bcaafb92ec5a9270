import datetime as dt

from hypothesis import given, settings, strategies as st

from analysis.dates import find_dates, parse_iso, resolve_relative

REF = dt.date(2024, 11, 20)


def values(text, ref=None, context_year=None, fallback_year=None):
    return [(d.value, d.precision) for d in find_dates(text, ref, context_year, fallback_year)]


def test_english_day_month_year_and_ranges():
    assert values("Cairo, 2 July 2024 - The") == [("2024-07-02", "day")]
    assert values("met from 29-31 January 2019.") == [("2019-01-29/2019-01-31", "range")]
    assert values("established in May 2018") == [("2018-05", "month")]
    assert values("signed in 1996 and") == [("1996", "year")]
    assert values("on July 2, 2024,") == [("2024-07-02", "day")]


def test_french_and_spanish_forms():
    assert values("le 15 novembre 2022") == [("2022-11-15", "day")]
    assert values("du 12 au 14 septembre 2022") == [("2022-09-12/2022-09-14", "range")]
    assert values("Bogotá, Enero 21 de 2016") == [("2016-01-21", "day")]
    assert values("el 5 de marzo de 2020") == [("2020-03-05", "day")]
    assert values("en mayo de 2018") == [("2018-05", "month")]


def test_dates_without_year_use_context_or_publication_date():
    assert values("signed the agreement in September.", context_year=2016) == [("2016-09", "month")]
    assert values("le 15 novembre", ref=REF) == [("2024-11-15", "day")]
    # a later month than the publication date belongs to the previous year
    assert values("le 15 décembre", ref=REF) == [("2023-12-15", "day")]
    # unknown stays unknown
    assert values("le 15 novembre") == []
    assert values("signed in Geneva this week") == []


def test_relative_expressions_need_a_reference_date():
    assert values("yesterday (14/11)", ref=REF) == [("2024-11-14", "day")]
    assert values("hier", ref=REF) == [("2024-11-19", "day")]
    assert values("ayer", ref=REF) == [("2024-11-19", "day")]
    assert values("this week", ref=REF) == [("2024-11-18/2024-11-24", "range")]
    assert resolve_relative("cette semaine", REF) == ("2024-11-18/2024-11-24", "range")


def test_numbers_that_are_not_dates():
    assert values("the 2030 Agenda") == []
    assert values("with 175 member states and 171 countries") == []
    assert values("resolution A/RES/47/4") == []


def test_parse_iso_any_precision():
    assert parse_iso("2018") == dt.date(2018, 1, 1)
    assert parse_iso("2018-05") == dt.date(2018, 5, 1)
    assert parse_iso("2019-01-29/2019-01-31") == dt.date(2019, 1, 29)
    assert parse_iso("") is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_find_dates_never_fails_and_spans_are_faithful(text):
    for d in find_dates(text, REF, 2020):
        assert text[d.start:d.end] == d.text
        assert parse_iso(d.value) is not None
        assert d.precision in {"day", "month", "year", "range"}


def test_a_month_name_is_a_whole_word():
    # 'Marseille' does not start with 'mars', 'maintien' with 'mai', 'Maicao' with 'mai'
    assert find_dates("Ils se sont réunis à Marseille du 22 au 24 de octubre de 2017.")[0].precision == "range"
    assert find_dates("financé par le Département des opérations de maintien de la paix", context_year=2015) == []
    assert find_dates("a delegation in Maicao in August 2005")[0].value == "2005-08"
    assert [d.value for d in find_dates("en mai et en sept. 2020", context_year=2020)] == ["2020-05", "2020-09"]


def test_one_scan_of_a_body_resolves_each_sentence_as_a_scan_of_the_sentence():
    from pathlib import Path

    from analysis.dates import dates_in, scan_dates
    from analysis.ingest import ingest_corpus
    from analysis.sentences import split_sentences

    docs, _, _ = ingest_corpus(Path(__file__).parent / "data/dev_corpus/raw")
    checked = 0
    for doc in docs:
        scan = scan_dates(doc["body"])
        for s in split_sentences(doc["body"]):
            for ref, year in ((None, None), (dt.date(2021, 6, 30), None), (dt.date(2021, 6, 30), 2019)):
                assert dates_in(scan, s.start, s.end, ref, year) == find_dates(s.text, ref, year)
            checked += bool(find_dates(s.text))
    assert checked > 20


def test_a_weekday_is_the_latest_such_day_up_to_publication():
    ref = dt.date(2021, 2, 24)  # a Wednesday
    assert [(d.text, d.value, d.precision) for d in find_dates("a appelé mardi à la fermeture", ref)] == [("mardi", "2021-02-23", "day")]
    assert find_dates("IOM and UNHCR signed the agreement on Wednesday.", ref)[0].value == "2021-02-24"
    assert find_dates("signed last Wednesday", ref)[0].value == "2021-02-17"
    assert find_dates("la OIM presentó este jueves el plan", ref)[0].value == "2021-02-18"
    assert find_dates("a workshop in Santo Domingo", ref) == []
    assert find_dates("signed on Tuesday") == []  # no publication date: unknown, not guessed
    assert [d.value for d in find_dates("on Monday, 22 February 2021", ref)] == ["2021-02-22"]


# The scan's fast forms (lowercased text, digit- and letter-first patterns, tries at month words and numbers
# only) must find what the plain forms find: each pattern with a leading \b, case-insensitive, run everywhere.
def _plain_candidates(text):
    import re

    from analysis.dates import _DAY, _GLUED, _OF, PATTERNS, RELATIVE, RELATIVE_YEAR
    from analysis.fastre import lower_same_length

    from analysis.dates import _MONTH_WORD

    low = lower_same_length(text)
    for m in re.finditer(_GLUED.pattern[:-1] + r"(?=\d)", low) if _MONTH_WORD.search(low) else ():
        text = text[:m.end() - 1] + " " + text[m.end():]  # 'from15 May': the glued word's last letter reads as a space
    plain = dict(PATTERNS)
    plain["iso"] = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")
    day_first = plain["dmy"].pattern.split(r"\s+" + _OF, 1)[1]
    plain["dmy"] = re.compile(r"\b" + _DAY.format(g="d") + r"\s+" + _OF + day_first, re.IGNORECASE)
    out = []
    for kind, _ in PATTERNS:
        items = tuple((m.start(), m.end(), m.start("m") if kind == "month_only" else -1,
                       {k: v.lower() if v else v for k, v in m.groupdict().items()}) for m in plain[kind].finditer(text))
        if items:
            out.append((kind, items))
    return out, sorted([m.span() for m in RELATIVE.finditer(text)] + [m.span() for m in RELATIVE_YEAR.finditer(text)])


_DATE_BITS = ["12", "3", "31", "1er", "2nd", "2019", "2020-05-06", "1999", "-", "–", " ", "  ", "\n", ",", ".", "(", "/",
              "14/11", "de", "del", "au", "al", "y", "to", "in", "en", "since", "depuis", "of", "mai", "May", "MAYO",
              "janvier", "sept.", "Sept", "octubre", "x", "a", "today", "hier", "mardi", "el pasado", "İ", "Santo Domingo",
              "45 mai", "del 29 al 31 de enero", "from12", "du3", "xdel", "Del", "last year", "l'an dernier", "del año pasado", "de 5 au 7 mai", "5 May2019", "depuis septembre", "x2020-01-02"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_DATE_BITS), st.sampled_from([" ", " ", "", "  "])), max_size=20)
       .map(lambda bits: "".join(b + sep for b, sep in bits)))
def test_the_fast_scan_finds_what_the_plain_patterns_find(text):
    from analysis.dates import scan_dates

    scan = scan_dates(text)
    got = [(kind, tuple((s, e, sm, {k: v.lower() if v else v for k, v in g.items()}) for s, e, sm, g in items))
           for kind, _, items in scan.candidates]
    plain, relative = _plain_candidates(text)
    assert got == plain
    assert list(scan.relative) == relative


def test_a_year_is_a_whole_number():
    assert values("le 15 mai 20023 à Kinshasa", context_year=2023) == [("2023-05-15", "day")]
    assert values("le 15 mai 2002 à Kinshasa") == [("2002-05-15", "day")]


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_dotted_and_year_first_numeric_dates_round_trip(day):
    assert values(f"publicado em {day.day:02d}.{day.month:02d}.{day.year} às 10h") == [(day.isoformat(), "day")]
    assert values(f"posted {day.year}/{day.month:02d}/{day.day:02d}.") == [(day.isoformat(), "day")]


def test_a_time_or_an_impossible_dotted_date_is_no_date():
    assert values("às 10.30 do dia") == []
    assert values("le 12.13.2020") == []  # month 13: no date


def test_last_year_resolves_to_the_year_before_the_publication_date():
    ref = dt.date(2003, 4, 30)
    assert values("in Bali in February last year, two groups", ref) == [("2002-02", "month")]
    assert values("a 31 de diciembre del año pasado, la", ref) == [("2002-12-31", "day")]
    assert values("signé en mai de l'année dernière", ref) == [("2002-05", "month")]
    assert values("assinado no ano passado", ref) == [("2002", "year")]
    assert values("l'an dernier", ref) == [("2002", "year")]
    assert values("in March this year", ref) == [("2003-03", "month")]
    assert values("in February last year") == []  # no publication date: unknown stays unknown


def test_a_date_glued_to_the_word_before_it():
    assert values("in Baghdad from15 to 17 February 2022.") == [("2022-02-15/2022-02-17", "range")]
    assert values("organisé du12 au 14 mai 2019") == [("2019-05-12/2019-05-14", "range")]
    assert values("article12 mai", context_year=2019) == []  # only after the words that open a date
    assert values("du12 mai", context_year=2019) == [("2019-05-12", "day")]


def test_a_day_named_by_its_weekday_takes_the_year_in_which_it_falls_on_that_weekday():
    # an undated page: 20 June 2022 and 20 February 2015 fell on those weekdays, the nearest to the page's years
    assert values("Teve início esta segunda-feira, 20 de junho, a missão", fallback_year=2021) == [("2022-06-20", "day")]
    text = "realizada el pasado viernes 20 de febrero en Buenos Aires, antes de la aprobación en diciembre de 2014."
    assert values(text, context_year=1951)[0] == ("2015-02-20", "day")  # the sentence's own year wins
    assert values("le 3 mai, puis en 2019") == [("2019-05-03", "day"), ("2019", "year")]  # no weekday: the sentence's year
    assert values("Teve início esta segunda-feira, 20 de junho") == []  # no year anywhere: unknown
    # with a publication date the latest such day up to it, as before
    assert values("on Monday 20 June", ref=dt.date(2024, 11, 20)) == [("2024-06-20", "day")]


from hypothesis import given, strategies as st


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1990, 2030)), max_size=8), st.integers(-10, 70))
def test_the_nearest_written_year_is_found_by_bisection_as_by_a_scan(years, pos):
    from analysis.dates import nearest_year

    years = sorted(years)
    expected = min(years, key=lambda sy: (abs(sy[0] - pos), sy[0]))[1] if years else None
    assert nearest_year(years, pos) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_DATE_BITS), st.sampled_from([" ", " ", "", "  "])), max_size=20)
       .map(lambda bits: "".join(b + sep for b, sep in bits)), st.integers(0, 200), st.integers(0, 200))
def test_a_scan_knows_which_spans_hold_a_candidate_and_skips_relative_words_when_told(text, lo, hi):
    from analysis.dates import scan_dates

    scan = scan_dates(text)
    every = [s for _, starts, _ in scan.candidates for s in starts]
    assert scan.any_candidate(lo, hi) == any(lo <= s < hi for s in every)
    plain = scan_dates(text, relative=False)
    assert plain.candidates == scan.candidates and plain.relative == ()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_DATE_BITS), st.sampled_from([" ", " ", "", "  "])), max_size=20)
       .map(lambda bits: "".join(b + sep for b, sep in bits)), st.integers(0, 200), st.integers(0, 200))
def test_a_scan_gives_the_relative_expressions_inside_a_span(text, lo, hi):
    from analysis.dates import scan_dates

    scan = scan_dates(text)
    assert scan.relative_in(lo, hi) == tuple(sp for sp in scan.relative if lo <= sp[0] and sp[1] <= hi)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([b for b in _DATE_BITS if not any(c.isdigit() for c in b)]), max_size=20).map(" ".join))
def test_a_text_without_digits_has_no_day_or_range_date(text):
    # why find_dateline and find_published read no further a text without a digit
    assert not [d for d in find_dates(text) if d.precision in ("day", "range")]


def test_a_year_that_is_part_of_a_name_is_no_date():
    # 'Agenda 2063', "à l'horizon 2030", 'horizonte 2030', '2030 Agenda' (words of the language files)
    for text in ("They support the 2030 Agenda and Agenda 2063.", "Un programme à l’horizon 2030 pour l'Afrique.",
                 "La Estrategia 2030 y el horizonte 2030.", "A Visão 2030 do governo."):
        assert find_dates(text) == [], text
    assert [d.first for d in find_dates("In 2019 the agenda was set.")] == ["2019"]


def test_a_weekday_in_a_portuguese_phrase_is_the_latest_such_day():
    # a weekday alone is the latest such day up to the page date: Thursday 27 March 2025
    found = find_dates("A reunião decorre a partir desta segunda-feira em Luanda.", ref=dt.date(2025, 3, 27))
    assert [d.first for d in found] == ["2025-03-24"], found


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_every_match_of_a_date_pattern_holds_the_pieces_its_scan_looks_for_first(data):
    # scan_dates skips a pattern on a text without the pieces (or, for '30 Sep 2018', the abbreviated month word)
    # every match of it holds: the skip never loses a date
    import re

    from analysis.dates import _LOWER_PATTERNS, _MONTH_WORD, _MONTH_WORDS, _PIECES

    kind, rx, _ = data.draw(st.sampled_from([p for p in _LOWER_PATTERNS if p[0] in (*_PIECES, "dmy_short")]))
    text = data.draw(st.from_regex(rx, fullmatch=True).filter(lambda t: rx.fullmatch(t) is not None))
    for one_of in _PIECES.get(kind, ()):
        assert any(p in text for p in one_of), (kind, text)
    if kind == "dmy_short":
        month = rx.fullmatch(text).start("m")
        assert any(m.start() == month and m.group() not in _MONTH_WORDS for m in _MONTH_WORD.finditer(text)), text


def test_a_page_without_the_pieces_of_a_pattern_keeps_its_dates():
    assert [d.value for d in find_dates("Signed 2024-07-02, on 22-08-2006, 08.04.2022 and 30 Sep 2018; 2019/04/08.")] == [
        "2024-07-02", "2006-08-22", "2022-04-08", "2018-09-30", "2019-04-08"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["2", "15", "31", "1er", "3rd", " ", "  ", "de ", "mayo", "may", "juillet", "2019", "x", "-",
                                 "a15", "_1", "/", "."]), max_size=10).map("".join))
def test_day_dates_are_looked_for_at_the_numbers_only_and_found_as_a_full_scan_finds_them(text):
    # scan_dates tries the day-first pattern only where a number starts (the day range's own candidates)
    from analysis.dates import _DIGITS, _LOWER_PATTERNS, _at

    rx = next(rx for kind, rx, _ in _LOWER_PATTERNS if kind == "dmy")
    digits = [d.start() for d in _DIGITS.finditer(text)]
    assert [m.span() for m in _at(rx, text, digits)] == [m.span() for m in rx.finditer(text)]


def test_a_next_weekday_is_the_next_such_day_after_the_publication_date():
    ref = dt.date(2008, 6, 3)  # a Tuesday
    for text in ("will sign next Thursday in Luxembourg", "signera jeudi prochain à Luxembourg",
                 "firmarán el próximo jueves en Luxemburgo", "assinam, na próxima quinta-feira, a Declaração"):
        assert [d.value for d in find_dates(text, ref)] == ["2008-06-05"], text
    assert [d.value for d in find_dates("firmarán el jueves próximo", dt.date(2008, 6, 5))] == ["2008-06-12"]  # not today
    assert [d.value for d in find_dates("signed on Thursday in Luxembourg", ref)] == ["2008-05-29"]  # a weekday alone: past


def test_on_a_page_dated_to_the_month_a_relative_day_is_of_that_month():
    from analysis.dates import dates_in, scan_dates
    text = "A UE e o Camões assinam na sexta-feira um acordo."
    scan = scan_dates(text)
    found = [(d.text, d.value, d.precision) for d in dates_in(scan, 0, len(text), dt.date(2019, 7, 1), to_month=True)]
    assert found == [("na sexta-feira", "2019-07", "month")]
    assert [d.value for d in dates_in(scan, 0, len(text), dt.date(2019, 7, 10))] == ["2019-07-05"]  # a day: that day
    text = "The project started last month."
    found = [(d.value, d.precision) for d in dates_in(scan_dates(text), 0, len(text), dt.date(2019, 7, 1), to_month=True)]
    assert found == [("2019-06", "month")]  # a month back stays a month back
