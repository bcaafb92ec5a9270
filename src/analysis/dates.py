"""Find date expressions in English, French and Spanish text and normalise them to ISO 8601.

Absolute dates ('2 July 2024', '29-31 January 2019', 'in May 2018', 'le 15 novembre',
'Enero 21 de 2016', '14/11') are found by regular expressions over month-name tables
for the three languages and carry a *precision*: ``day``, ``month``, ``year`` or ``range``.
Relative expressions ('yesterday', 'hier', 'ayer', 'this week', 'il y a deux jours') are
parsed by :mod:`dateparser` against the document's own publication date, and only when
one is known. A date that cannot be resolved stays unknown: nothing is invented.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass

from .fastre import Literals, first_letter_alternation, lower_same_length, required_literal, word_start_alternation
from .lang import LANGUAGES, ORDER, alt, words
from .records import quick_init

MONTHS: dict[str, int] = {}
_FULL_MONTHS: set[str] = set()  # the first word of each month of each language: its full name
for _code in ORDER:
    for _i, _names in LANGUAGES[_code]["months"].items():
        for _n in _names:
            MONTHS.setdefault(str(_n), int(_i))
        _FULL_MONTHS.add(str(_names[0]))

_MONTH = r"(?P<{g}>" + "|".join(sorted((re.escape(m) for m in MONTHS if len(m) > 3 or m in _FULL_MONTHS),
                                       key=len, reverse=True)) + r")\.?(?![^\W\d_])"  # a whole word: 'mai' is not the start of 'maintien'
_MONTH_WORDS = {m for m in MONTHS if len(m) > 3 or m in _FULL_MONTHS}  # the month words read anywhere
_YEAR = r"(?P<{g}>(?:19|20)\d\d)(?!\d)"  # a whole year: "20023" (a typo) is none
_ORDINAL = alt("ordinal_suffixes")
_OF = "(?:" + "".join(f"{w}\\s+|" for w in words("date_of")) + ")?"  # '5 de marzo de 2020'
_DAY = r"(?P<{g}>[0-3]?\d)" + _ORDINAL + "?"
# the same day starting a match: any digit after a word boundary, a second digit only after 0-3
_DAY_FIRST = r"(?P<{g}>\d(?<!\w\d)(?:(?<=[0-3])\d)?)" + _ORDINAL + "?"


PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # Patterns start with a digit, a literal or a set of digits where they can, and check the word boundary before
    # it with a look-behind: Python's re then jumps between the characters a match can start with instead of
    # trying every position (the same matches as a leading \b, 2-4x faster).
    # ISO 2024-07-02
    ("iso", re.compile(r"(?P<y>(?:19|20)(?<!\w..)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    # 29-31 January 2019 / 29 au 31 janvier 2019 / del 29 al 31 de enero de 2019
    ("day_range", re.compile(
        r"\b(?:" + alt("date_range_before") + r"\s+)?" + _DAY.format(g="d") + r"\s*(?:-|–|—|" + alt("date_range_joiners")
        + r")\s*" + _DAY.format(g="d2") + r"\s+" + _OF + _MONTH.format(g="m") + r"(?:,?\s+" + _OF + _YEAR.format(g="y") + r")?",
        re.IGNORECASE)),
    # 2 July 2024 / le 15 novembre / 5 de marzo de 2020 / 1er mai 2020
    ("dmy", re.compile(
        _DAY_FIRST.format(g="d") + r"\s+" + _OF + _MONTH.format(g="m")
        + r"(?:,?\s+" + _OF + _YEAR.format(g="y") + r")?", re.IGNORECASE)),
    # 30 Sep 2018 / 5 janv. 2020: an abbreviated month, only between a day and a year ('mar' alone is the sea)
    ("dmy_short", re.compile(
        _DAY_FIRST.format(g="d") + r"\s+(?P<m>" + "|".join(sorted((re.escape(m) for m in MONTHS if m not in _MONTH_WORDS),
                                                              key=len, reverse=True))
        + r")\.?,?\s+" + _YEAR.format(g="y") + r"\b", re.IGNORECASE)),
    # July 2, 2024 / Enero 21 de 2016
    ("mdy", re.compile(
        r"\b" + _MONTH.format(g="m") + r"\s+" + _DAY.format(g="d") + r"(?:,?\s+" + _OF + _YEAR.format(g="y") + r")?\b",
        re.IGNORECASE)),
    # May 2018 / mai 2018 / mayo de 2018
    ("my", re.compile(r"\b" + _MONTH.format(g="m") + r"\s+" + _OF + _YEAR.format(g="y") + r"\b", re.IGNORECASE)),
    # 14/11/2024, 14/11 (day first, as in the three languages' press usage)
    ("numeric", re.compile(r"(?<![\d/])(?P<d>[0-3]?\d)/(?P<m>[01]?\d)(?:/(?P<y>(?:19|20)\d\d))?(?![\d/])")),
    # 08.04.2022 (day first, with a year: a version number or a time is no date) / 2022/04/08 (year first)
    ("dotted", re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)(?![\d]|\.\d)")),
    # 22-08-2006 (day first, two-digit day and month, with a year; '29-31 January' is a range, '2018-2022' years)
    ("dashed", re.compile(r"(?P<d>[0-3](?<![\d-].)\d)-(?P<m>[01]\d)-(?P<y>(?:19|20)\d\d)(?![\d]|-\d)")),
    ("ymd_slash", re.compile(r"(?<![\d/])(?P<y>(?:19|20)\d\d)/(?P<m>[01]\d)/(?P<d>[0-3]\d)(?![\d/])")),
    # in September / en septembre / en septiembre (month alone after a preposition)
    ("month_only", re.compile(r"\b" + alt("month_only_before") + r"\s+" + _MONTH.format(g="m") + r"(?!\s*\d)", re.IGNORECASE)),
    # 2018-2022 / 2015-2019 (year range)
    # (the look-behind follows '19'/'20' so that the scan can jump between '1's and '2's)
    ("year_range", re.compile(r"(?P<y>(?:19|20)(?<![\d-]..)\d\d)\s*[-–]\s*(?P<y2>(?:19|20)\d\d)(?![\d-])")),
    # in 1992 / en 1992 / (2004)
    ("year", re.compile(r"(?P<y>(?:19|20)(?<![\d/.,-]..)\d\d)(?![\d/]|-\d)")),
]
#: a year that is part of a name ('Agenda 2063', "à l'horizon 2030", '2030 Agenda'): run on lowercased text
_YEAR_NAME_BEFORE = re.compile(r"\b(?:" + "|".join(re.escape(w.lower()) for w in words("year_name_before")) + r")\s+$")
_YEAR_NAME_AFTER = re.compile(r"\s*(?:" + "|".join(re.escape(w.lower()) for w in words("year_name_after")) + r")\b")

WEEKDAYS: dict[str, int] = {}
for _code in ORDER:
    for _i, _names in LANGUAGES[_code]["weekdays"].items():
        for _n in _names:
            WEEKDAYS.setdefault(str(_n), int(_i))
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_WEEKDAY_WORDS = [(re.compile(rf"\b{name}\b"), w) for name, w in WEEKDAYS.items()]  # each weekday name, whole
_NOT_WEEKDAY = "".join(f"(?<!{w} )" for w in words("weekday_not_after"))  # 'Santo Domingo' is a city

RELATIVE = re.compile(
    # a weekday alone is the latest such day up to the publication date ('signed on Tuesday', 'a appelé mardi',
    # 'presentó este jueves')
    r"\b(?:(?:" + alt("weekday_before") + "|" + alt("relative_next") + ") )?" + _NOT_WEEKDAY + "(?:" + _WEEKDAY + r")(?: (?:"
    + alt("weekday_after") + "|" + alt("relative_next") + r"))?\b|"
    r"\b" + alt("relative_dates") + r"\b",
    re.IGNORECASE)
#: 'last year', 'l'an dernier', 'el año pasado': a plain alternation, cheap enough to run on every text
RELATIVE_YEAR = re.compile(r"\b" + alt("relative_year_dates") + r"\b", re.IGNORECASE)
_LAST = re.compile(r"\b" + alt("relative_last") + r"\b")
_NEXT = re.compile(r"(?<!\w)" + alt("relative_next") + r"(?!\w)")  # 'next Thursday', 'jeudi prochain'
_WEEK = re.compile(alt("relative_week"))
_MONTH_UNIT = re.compile(alt("relative_month"))
_YEAR_UNIT = re.compile(r"(?<!\w)" + alt("relative_year") + r"(?!\w)")
#: a date glued to the word before it in scraped text ('from15 to 17 February'): the word's last letter is read as
#: a space (same length, offsets kept) so that the date starts at a word boundary
_GLUED = re.compile(r"(?<![^\W\d_])" + alt("date_glued_before") + r"$")  # searched up to the digit
_GLUED_DIGIT = re.compile(r"\d(?<=[^\W\d_]\d)")  # a digit right after a letter
#: what may stand between a date and the relative year that completes it ('in February last year', 'le 3 mai de l'an dernier')
_TO_RELATIVE_YEAR = re.compile(r"\s*,?\s*(?:" + "|".join(w + r"\s+" for w in words("date_of")) + "|of )?")
_WEEKDAY_BEFORE = re.compile(r"(?<!\w)(?P<w>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\W{0,3}$", re.IGNORECASE)
_DAY_KINDS = ("dmy", "mdy", "day_range", "numeric")  # day dates whose year may be left out
_DATEPARSER_LANGUAGES = list(ORDER)


# Case-insensitive alternations are slow in Python's re; the text is lowercased once (offsets kept, see
# analysis.fastre) and scanned by case-sensitive copies of the patterns (same matches, about 4x faster),
# each only when the text has what it needs: a digit, a month name, or a relative word.
_NEEDS = {"iso": "d", "day_range": "dm", "dmy": "dm", "dmy_short": "dm", "mdy": "dm", "my": "dm", "numeric": "ds", "dotted": "d", "dashed": "d", "ymd_slash": "ds", "month_only": "m",
          "year_range": "d", "year": "d"}  # d: a digit, m: a month name, s: a slash
# every relative expression contains one of these: the pattern only runs on texts that have one
_RELATIVE_CUES = Literals((*words("relative_cues"), *WEEKDAYS))
_MONTH_FIRST = ("mdy", "my")  # patterns whose match starts with a month name (a whole word): tried at month words only
_LOWER_PATTERNS = [(kind, re.compile(rx.pattern), _NEEDS[kind]) for kind, rx in PATTERNS]
_LOWER_RELATIVE = re.compile(RELATIVE.pattern)
_YEAR_EXPRESSIONS = tuple(words("relative_year_dates"))
_YEAR_TEXTS = tuple(map(required_literal, _YEAR_EXPRESSIONS))  # every relative year expression has one


@functools.lru_cache(maxsize=256)
def _relative_year(present: tuple[int, ...]) -> re.Pattern[str]:
    """The relative year expressions ``present`` (indices: those whose piece of text a text holds), as one pattern run
    on lowercased text: the others cannot match there, and fewer first letters make a faster scan."""
    return re.compile(first_letter_alternation([_YEAR_EXPRESSIONS[k] for k in present]) + r"\b")


_LOWER_RELATIVE_YEAR = _relative_year(tuple(range(len(_YEAR_EXPRESSIONS))))  # all of them
_DIGIT = re.compile(r"\d")


_MONTH_WORD = re.compile(word_start_alternation(MONTHS) + r"(?![^\W\d_])")  # a digit may follow: 'may2019'
_DIGITS = re.compile(r"\d(?<!\w\d)")  # a digit starting a word
_DE_BEFORE = re.compile(r"(?<!\w)" + alt("date_range_before") + r"\s+$")  # 'del 29 al 31 de enero'
_WORD_BEFORE = re.compile(r"(?<!\w)\w+\s+$")  # 'in September'


@quick_init  # made by the thousand: see analysis.records
@dataclass(frozen=True)
class DateMention:
    """A date expression found in a text: character span, ISO value and precision."""

    start: int
    end: int
    text: str
    value: str  # ISO: YYYY-MM-DD, YYYY-MM, YYYY, or START/END for a range
    precision: str  # day | month | year | range

    @property
    def first(self) -> str:
        """The first (or only) ISO date of the value."""
        return self.value.split("/")[0]


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def _month(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def _year_for(month: int, day: int | None, ref: dt.date | None, context_year: int | None) -> int | None:
    """Year of a date written without one: the context year if given, else the latest such date not after ``ref``."""
    if context_year:
        return context_year
    if ref is None:
        return None
    y = ref.year
    if (month, day or 1) > (ref.month, ref.day):
        y -= 1
    return y


@quick_init  # made by the thousand: see analysis.records
@dataclass(frozen=True)
class DateScan:
    """Every candidate date expression of a text, found once, for :func:`dates_in` to resolve by span.

    A document body is scanned once; each sentence then resolves the candidates inside it
    with its own reference date and context year (patterns never match across sentences,
    so the candidates of a sentence are those a scan of the sentence alone would find).
    """

    text: str
    candidates: tuple[tuple[str, tuple[int, ...], tuple[tuple[int, int, int, dict], ...]], ...]  # kind, starts, (s, e, s_month, groups)
    relative: tuple[tuple[int, int], ...]  # spans of relative expressions (none when not looked for)

    @functools.cached_property
    def starts(self) -> tuple[int, ...]:
        """Where the candidates of every kind start, in order: a span without one holds no candidate."""
        return tuple(sorted(s for _, starts, _ in self.candidates for s in starts))

    def any_candidate(self, lo: int, hi: int) -> bool:
        """Whether a candidate starts in ``[lo, hi)``."""
        k = bisect.bisect_left(self.starts, lo)
        return k < len(self.starts) and self.starts[k] < hi

    def relative_in(self, lo: int, hi: int) -> tuple[tuple[int, int], ...]:
        """The spans of :attr:`relative` inside ``[lo, hi)``, in order."""
        spans = self.relative[bisect.bisect_left(self.relative, (lo,)):bisect.bisect_right(self.relative, (hi, hi))]
        return spans if all(e <= hi for _, e in spans) else tuple(sp for sp in spans if sp[1] <= hi)


#: a piece every match of a pattern contains, found by a fast scan: a text without it needs no scan by the pattern
#: (whose look-behind at its start makes a scan slow)
_HINTS = {"numeric": re.compile(r"\d/\d"), "dotted": re.compile(r"\d\.\d"), "ymd_slash": re.compile(r"\d/[01]\d/")}
#: pieces of text every match of a pattern contains, one of each tuple (the month written '-0…' or '-1…', the year
#: '.19…' or '.20…'): a text without them needs no scan by the pattern (tested against the patterns)
_PIECES = {"iso": (("-0", "-1"),), "dashed": (("-0", "-1"), ("-19", "-20")), "dotted": ((".19", ".20"),),
           "ymd_slash": (("/0", "/1"),)}


#: each pattern with what a text needs for it to run: (kind, pattern, needs, pieces, hint)
_SCANS = [(kind, rx, frozenset(needs), _PIECES.get(kind, ()), _HINTS.get(kind)) for kind, rx, needs in _LOWER_PATTERNS]


def scan_dates(text: str, relative: bool = True) -> DateScan:
    """Scan ``text`` once with every date pattern (see :func:`find_dates`). ``relative``: also look for the relative
    expressions ('yesterday', 'last year'); only a reference date resolves them, so a caller without one skips them."""
    low = lower_same_length(text)
    month_words = list(_MONTH_WORD.finditer(low))
    months = [m.start() for m in month_words]
    # an abbreviated month ('30 Sep 2018') is a month word of its own (a whole word): none, no scan for one
    abbreviated = any(m.group() not in _MONTH_WORDS for m in month_words)
    if months:  # a glued date is a day before a month name ('from15 to 17 February'): looked for at digits after a letter
        glued = [d.start() for d in _GLUED_DIGIT.finditer(low) if _GLUED.search(low, max(0, d.start() - 12), d.start())]
        for end in glued:
            low = low[:end - 1] + " " + low[end:]
    has = frozenset(("d" if _DIGIT.search(text) else "") + ("m" if months else "") + ("s" if "/" in text else ""))
    candidates = []
    digits: list[int] | None = None  # where the numbers start, found once for the kinds that start there
    for kind, rx, needs, pieces, hint in _SCANS:
        if not needs <= has or (kind == "dmy_short" and not abbreviated) \
                or (pieces and any(not any(p in low for p in one_of) for one_of in pieces)) \
                or (hint is not None and not hint.search(low)):
            continue
        if kind in _MONTH_FIRST:
            found = _at(rx, low, months)
        elif kind == "month_only":  # a preposition right before a month word
            found = _at(rx, low, [m.start() for p in months if (m := _WORD_BEFORE.search(low, max(0, p - 20), p))])
        elif kind in ("day_range", "dmy"):  # at a number (a day's first digit), a range also at 'de'/'del' before it
            if digits is None:
                digits = [d.start() for d in _DIGITS.finditer(low)]
            found = _at(rx, low, digits if kind == "dmy" else [
                m.start() if (m := _DE_BEFORE.search(low, max(0, p - 12), p)) else p for p in digits])
        elif kind == "year":
            found = (m for m in rx.finditer(low) if not _YEAR_NAME_AFTER.match(low, m.end())
                     and not _YEAR_NAME_BEFORE.search(low, max(0, m.start() - 20), m.start()))
        else:
            found = rx.finditer(low)
        items = tuple((m.start(), m.end(), m.start("m") if kind == "month_only" else -1, m.groupdict()) for m in found)
        if items:
            candidates.append((kind, tuple(i[0] for i in items), items))
    if not relative:
        return DateScan(text, tuple(candidates), ())
    cued = _RELATIVE_CUES.found_in(low)
    spans = [m.span() for m in _LOWER_RELATIVE.finditer(low)] if cued else []
    present = tuple(k for k, piece in enumerate(_YEAR_TEXTS) if piece in low)
    if present:
        spans += [m.span() for m in _relative_year(present).finditer(low)]
    return DateScan(text, tuple(candidates), tuple(sorted(spans)))


def _at(rx: re.Pattern[str], text: str, positions: list[int]):
    """The matches ``rx.finditer(text)`` gives when every match must start at one of ``positions``
    (sorted): anchored tries there only, left to right, none inside an earlier match."""
    end = 0
    for p in positions:
        if p >= end and (m := rx.match(text, p)):
            end = m.end()
            yield m


def find_dates(text: str, ref: dt.date | None = None, context_year: int | None = None,
               fallback_year: int | None = None) -> list[DateMention]:
    """Find date expressions in ``text``.

    ``ref`` is the document's publication date (for relative expressions and dates without
    a year); ``context_year`` is the year of the nearest preceding full date in the document,
    which wins over ``ref`` for a month or day written without its year ('in September').
    Expressions whose year cannot be resolved are dropped. Overlapping matches keep the
    earliest-listed (most specific) pattern.

    A date written without its year takes, in order: the relative year right after it ('in February
    last year', '31 de diciembre del año pasado': the year before ``ref``); without ``ref``, when a
    weekday names it ('el pasado viernes 20 de febrero'), the year nearest to the year of the text
    (of another date of ``text``, else ``context_year``, else ``fallback_year``: a year written
    elsewhere on the page) in which that day is that weekday; ``context_year`` or ``ref`` as said
    above; without ``ref`` and ``context_year``, the year of another date of ``text``.
    """
    return dates_in(scan_dates(text, relative=ref is not None), 0, len(text), ref, context_year, fallback_year)


def written_years(scan: DateScan, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """``(start, year)`` of the candidates of ``scan.text[lo:hi]`` that write their year, by start."""
    hi = len(scan.text) if hi is None else hi
    return sorted((s, int(g["y"])) for kind, starts, items in scan.candidates if kind != "year_range"
                  for s, e, _, g in items[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]
                  if g.get("y") and e <= hi)


def nearest_year(years: list[tuple[int, int]], pos: int) -> int | None:
    """The year of ``years`` (``(start, year)``, see :func:`written_years`) written nearest to ``pos``."""
    if not years:
        return None
    k = bisect.bisect_left(years, (pos,))  # years are sorted by start: the nearest start is around pos
    lo = bisect.bisect_left(years, (years[k - 1][0],)) if k else 0  # the first year written at the start before pos
    return min(years[lo:k + 1], key=lambda sy: (abs(sy[0] - pos), sy[0]))[1]


def dates_in(scan: DateScan, lo: int, hi: int, ref: dt.date | None = None,
             context_year: int | None = None, fallback_year: int | None = None, to_month: bool = False) -> list[DateMention]:
    """The dates of ``scan.text[lo:hi]`` (offsets relative to ``lo``), resolved as :func:`find_dates` does.
    ``to_month``: ``ref`` is known to the month only (its first day is given): a relative expression naming a day or
    a week ('on Friday', 'yesterday', 'this week') dates to that month."""
    relative = scan.relative_in(lo, hi) if ref is not None else ()
    if not relative and not scan.any_candidate(lo, hi):
        return []  # most sentences have no date
    text = scan.text
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    here: list[tuple[int, int]] | None = None  # the years written in the text, computed when needed

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def implied_year(s: int, e: int, month: int, day: int | None) -> int | None:
        """The year of a date written without one (see :func:`find_dates`)."""
        nonlocal here
        for span in relative:
            if e <= span[0] and _TO_RELATIVE_YEAR.fullmatch(text, e, span[0]):
                rel = resolve_relative(text[span[0]:span[1]].lower(), ref)
                if rel and rel[1] == "year":
                    taken.append(span)
                    return int(rel[0])
        if ref is not None:
            return _year_for(month, day, ref, context_year)
        if here is None:
            here = written_years(scan, lo, hi)
        weekday = _WEEKDAY_BEFORE.search(text, max(lo, s - 30), s) if day is not None else None
        if weekday:
            base = nearest_year(here, s) or context_year or fallback_year
            wd = WEEKDAYS.get(weekday.group("w").lower())
            fits = [y for y in range(base - 6, base + 7) if _valid(y, month, day)
                    and dt.date(y, month, day).weekday() == wd] if base and wd is not None else []
            if fits:
                return min(fits, key=lambda y: (abs(y - base), -y))
        return context_year or nearest_year(here, s)

    for kind, starts, items in scan.candidates if scan.any_candidate(lo, hi) else ():
        for s, e, s_month, g in items[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]:
            if e > hi or not free(s, e):
                continue
            value = precision = None
            if kind in ("iso", "ymd_slash"):
                y, mo, d = int(g["y"]), int(g["m"]), int(g["d"])
                if _valid(y, mo, d):
                    value, precision = f"{y:04d}-{mo:02d}-{d:02d}", "day"
            elif kind in ("dmy", "dmy_short", "mdy", "day_range", "numeric", "dotted", "dashed"):
                mo = _month(g["m"]) if kind not in ("numeric", "dotted", "dashed") else int(g["m"])
                d = int(g["d"])
                if mo is None or not 1 <= mo <= 12:
                    continue
                if kind == "numeric" and not g.get("y") and not re.search(r"\(\s*$", text[lo:s]):
                    continue  # a bare 'd/m' is only a date in a parenthesis such as 'yesterday (14/11)'
                y = int(g["y"]) if g.get("y") else implied_year(s, e, mo, d)
                if y is None or not _valid(y, mo, d):
                    continue
                if kind == "day_range":
                    d2 = int(g["d2"])
                    if not _valid(y, mo, d2) or d2 <= d:
                        continue
                    value, precision = f"{y:04d}-{mo:02d}-{d:02d}/{y:04d}-{mo:02d}-{d2:02d}", "range"
                else:
                    value, precision = f"{y:04d}-{mo:02d}-{d:02d}", "day"
            elif kind == "my":
                mo = _month(g["m"])
                if mo:
                    value, precision = f"{int(g['y']):04d}-{mo:02d}", "month"
            elif kind == "month_only":
                mo = _month(g["m"])
                y = implied_year(s, e, mo, None) if mo else None
                if mo and y:
                    value, precision = f"{y:04d}-{mo:02d}", "month"
                    s = s_month
            elif kind == "year_range":
                y1, y2 = int(g["y"]), int(g["y2"])
                if y1 < y2:
                    value, precision = f"{y1:04d}/{y2:04d}", "range"
            elif kind == "year":
                value, precision = g["y"], "year"
            if value:
                found.append(DateMention(s - lo, e - lo, text[s:e], value, precision))
                taken.append((s, e))
    if ref is not None:
        for s, e in relative:
            followed_by_explicit = any(0 <= d.start + lo - e <= 3 for d in found)
            if free(s, e) and not followed_by_explicit:
                rel = resolve_relative(text[s:e].lower(), ref)
                if rel and to_month and rel[1] in ("day", "range"):
                    rel = (f"{ref.year:04d}-{ref.month:02d}", "month")
                if rel:
                    found.append(DateMention(s - lo, e - lo, text[s:e], rel[0], rel[1]))
    return sorted(found, key=lambda d: d.start)


@functools.lru_cache(maxsize=4096)
def resolve_relative(expression: str, ref: dt.date) -> tuple[str, str] | None:
    """Resolve a relative expression ('yesterday', 'cette semaine', 'hace dos días') against ``ref``.

    Weeks become the Monday–Sunday range containing the resolved day; other expressions a day.
    Uses :mod:`dateparser` (imported lazily: it is only needed when such an expression occurs).
    """
    low = expression.lower()
    day = next((w for rx, w in _WEEKDAY_WORDS if rx.search(low)), None)
    if day is not None and _NEXT.search(low):  # the next such weekday after ref ('next Thursday', 'jeudi prochain')
        return (ref + dt.timedelta(days=(day - ref.weekday()) % 7 or 7)).isoformat(), "day"
    if day is not None:  # the latest such weekday up to ref ('last Tuesday' on a Tuesday: a week before)
        back = (ref.weekday() - day) % 7 or (7 if _LAST.search(low) else 0)
        return (ref - dt.timedelta(days=back)).isoformat(), "day"
    if _WEEK.search(low):
        anchor = ref - dt.timedelta(days=7) if _LAST.search(low) else ref
        monday = anchor - dt.timedelta(days=anchor.weekday())
        return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}", "range"
    if _MONTH_UNIT.search(low):
        anchor = (ref.replace(day=1) - dt.timedelta(days=1)) if _LAST.search(low) else ref
        return f"{anchor.year:04d}-{anchor.month:02d}", "month"
    if _YEAR_UNIT.search(low):  # 'last year', 'l'an dernier', 'el año pasado', 'este ano'
        return f"{ref.year - 1 if _LAST.search(low) else ref.year:04d}", "year"
    import dateparser  # noqa: PLC0415 - heavy import, only when needed

    base = dt.datetime(ref.year, ref.month, ref.day, 12, 0)
    parsed = dateparser.parse(expression, languages=_DATEPARSER_LANGUAGES,
                              settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
    if parsed is None:
        return None
    return parsed.date().isoformat(), "day"


def iso_mention(value: str) -> DateMention | None:
    """An ISO date of any precision ('2022-09-05', '2022-09', '2022') as a date mention of that precision, None
    for anything else (a page's stored or published date, read as if written).

    >>> iso_mention("2022-09").precision, iso_mention("") is None
    ('month', True)
    """
    precision = {10: "day", 7: "month", 4: "year"}.get(len(value))
    return DateMention(0, len(value), value, value, precision) if precision and value[:4].isdigit() else None


def parse_iso(value: str) -> dt.date | None:
    """The first day of an ISO date value of any precision ('2024', '2024-07', '2024-07-02', ranges)."""
    if not value:
        return None
    first = value.split("/")[0]
    parts = [int(p) for p in first.split("-")]
    while len(parts) < 3:
        parts.append(1)
    try:
        return dt.date(*parts[:3])
    except ValueError:
        return None
