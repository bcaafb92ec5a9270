"""Boilerplate detection by page structure, not by lists of known menu lines.

A scraped page is a sequence of lines. Each line gets a *reason* when it is judged to be
site furniture rather than article body:

``menu-run``       a run of many short lines without sentence punctuation (menus, country pickers)
``menu-context``   a line whose neighbours are mostly such short lines (mega-menu blurbs, nav headers)
``menu-blurb``     a menu caption glued to its text ('WHO WE AREThe ...')
``repeated``       a line also found on another page of the corpus (site headers shared by pages)
``footer``         a contact / share / 'related' block, from its cue line to the end of the block
``read-also``      a link to another story ('Read also', 'Lire aussi', 'Lea también')
``social``         share buttons, social handles, bare e-mail addresses, phone numbers, URLs
``header``         short lines (three words at most) above the first line of prose
``no-words``       lines of punctuation only
``photo-credit``   the credit part of a caption ('Photo Credit: ...', 'Crédit photo', 'Foto:')

Removed lines are kept, with their reason, in the ``boilerplate`` table so a researcher can
check what was dropped. The remaining lines are re-joined into paragraphs (undoing the
hard wrapping of e-mail style pages).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from .lang import alt, words
from .records import quick_init

TERMINAL = tuple(".!?…:;\"”»)'’")
_WORDS = re.compile(r"\w+(?:[’'.-]\w+)*", re.UNICODE)

FOOTER_CUE = re.compile(r"^\s*" + alt("footer_cues") + r"\b", re.IGNORECASE)
READ_ALSO = re.compile(r"^\s*" + alt("read_also") + r"\b\s*[:\-–»]?", re.IGNORECASE)
SOCIAL = re.compile(
    r"^\s*" + alt("social") + r"\b\s*:?\s*\S{0,60}$"
    r"|^\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*$|^\s*\+?[\d ()./-]{7,}\s*$|^\s*(?:https?://|www\.)\S+\s*$|^\s*@\w+\s*$",
    re.IGNORECASE)
PHOTO_CREDIT = re.compile(r"(?:" + "|".join(words("photo_credit")) + r"|©)\s*:.*$|\s*©.*$", re.IGNORECASE)
DISCLAIMER = re.compile(r"\s*[\[(][^\])]{0,300}?" + alt("disclaimers") + r"[^\])]{0,300}[\])]\s*", re.IGNORECASE)
#: a caption line: it ends with the photo's credit in parentheses ('… en la frontera Ecuador-Colombia (Fotografía
#: cortesía ACNUR)'); the caption describes a picture, not the story
CAPTION = re.compile(r"\((?:" + "|".join(words("photo_credit")) + r")\b[^()]{0,80}\)\s*$", re.IGNORECASE)
#: a short line above a story saying whose item it is ('Article from Ministry of Justice'): the page's header
PROVENANCE = re.compile(r"^\s*" + alt("provenance_lines") + r"\b", re.IGNORECASE)
GLUED_MENU = re.compile(r"^(?:[A-Z]+[ '&-])*[A-Z]{2,}[A-Z][a-z]")
# a menu caption glued to the text that follows it: 'Who We AreThe …', 'Quiénes somosLa Organización …'
# (or to an acronym: 'WHO WE AREIOM is the leading …')
GLUED_TITLE = re.compile(r"^[A-ZÀ-Ý](?:[\w'’-]*\s){0,3}?[\w'’-]*[a-zà-ÿ][A-ZÀ-Ý](?:[a-zà-ÿ]|['’]\w| [a-zà-ÿA-ZÀ-Ý])|^(?:[A-Z]+[ '&-])+[A-Z]{4,}\s+[a-z]")


@quick_init  # made by the thousand: see analysis.records
@dataclass(frozen=True)
class Paragraph:
    """A paragraph of article body re-joined from one or more raw lines."""

    text: str
    first_line: int  # 1-based number of its first raw line
    heading: bool  # a short line without sentence punctuation (title or section heading)


@functools.lru_cache(maxsize=1 << 17)  # site lines (menus, country pickers, footers) repeat on every page
def normalise_line(line: str) -> str:
    """Canonical form of a line for comparing pages: NFKC, casefolded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", line).casefold().split())


@functools.lru_cache(maxsize=1 << 17)
def n_words(line: str) -> int:
    """Number of words in ``line``."""
    return len(_WORDS.findall(line))


def is_short(line: str) -> bool:
    """A navigation-like line: few words and no sentence-final punctuation."""
    return _is_short(line.strip(), n_words(line))


def _is_short(s: str, words: int) -> bool:
    if not s or s[:1].islower():
        return False
    return words == 0 or (words <= 6 and not s.rstrip("\"”»)’' ").endswith((".", "!", "?", "…")))


@functools.lru_cache(maxsize=1 << 17)  # a site's lines recur on each of its pages
def _line_shape(line: str) -> tuple[int, bool, bool, bool]:
    """What :func:`classify_lines` reads of a line first: its words, whether it holds anything, whether it is short
    (:func:`is_short`) and whether it opens in lowercase (a continuation of the line before)."""
    s = line.strip()
    words_ = n_words(line)
    return words_, bool(s), _is_short(s, words_), s[:1].islower()


def is_title_like(line: str) -> bool:
    """A heading: most content words capitalised and no final full stop."""
    s = line.strip()
    words = [w for w in _WORDS.findall(s) if len(w) > 3]
    if not words or s.endswith((".", ",", ";")):
        return False
    caps = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return caps / len(words) >= 0.85


_SENTENCE_END_IN = re.compile(r"\w[.!?](?:\s|$)")


def line_keys(lines: list[str], min_words: int = 3) -> set[str]:
    """The normalised lines of a page that count for :func:`repeated_lines` (``min_words`` words or more)."""
    return {normalise_line(x) for x in lines if n_words(x) >= min_words}


def repeated_lines(pages: dict[str, list[str]], min_words: int = 3) -> set[str]:
    """Normalised lines of at least ``min_words`` words found on two or more pages.

    Pages that share most of their lines (the same article saved twice) are not counted
    against each other, so a duplicate never erases its own body.
    """
    return repeated_among({k: line_keys(v, min_words) for k, v in pages.items()})


def repeated_among(sets: dict[str, set[str]]) -> set[str]:
    """:func:`repeated_lines` over pages already reduced to their :func:`line_keys`."""
    counts: Counter[str] = Counter()
    for lines in sets.values():
        counts.update(lines)
    # a page most of whose lines occur elsewhere is a copy of another page: its lines alone prove nothing
    copies = {k for k, lines in sets.items() if lines and sum(counts[x] >= 2 for x in lines) >= 0.5 * len(lines)}
    own: Counter[str] = Counter()
    for k, lines in sets.items():
        if k not in copies:
            own.update(lines)
    # a paragraph of prose on just two pages is one story told by two publishers (a repost, a wire), not a site's
    # furniture: the furniture of a site recurs on its pages and is rarely a long sentence
    return {x for x, c in counts.items() if c >= 3 or (own[x] >= 2 and not _is_story(x))}


def _is_story(key: str) -> bool:
    """Whether a normalised line is a paragraph of prose (25 words or more, a sentence's end in it)."""
    return len(key.split()) >= 25 and bool(_SENTENCE_END_IN.search(key))


#: a line of three or more capitalised names separated by commas, no digit, no verb, no full stop: the tags or
#: categories of a page ('Panamá, República Dominicana, Otro'; 'Refugees, Migrants, Brazil')
#: (an acronym such as 'IOM' is a capitalised name already: a second alternative for it made the pattern try 2^n
#: readings of a line 'IOM, IOM, …' that does not match, a hang on one hostile line)
TAG_LIST = re.compile(r"[A-ZÀ-Ý][^\W\d_]*(?:[ -][A-ZÀ-Ý][^\W\d_]*){0,3}"
                      r"(?:, [A-ZÀ-Ý][^\W\d_]*(?:[ -][A-ZÀ-Ý][^\W\d_]*){0,3}){2,}")


_ENDS_SENTENCE = re.compile(r"[.!?”\"»)]\s*$")


_SENTENCE_GAP = re.compile(r"[.!?][”\"»]?\s+[A-ZÀ-Ý]")  # a sentence's end and the next one's capital


def classify_lines(lines: list[str], repeated: set[str] = frozenset(), run_length: int = 6) -> list[str | None]:
    """Return, for each line, the boilerplate reason or ``None`` for body text."""
    n = len(lines)
    reasons: list[str | None] = [None] * n
    shapes = [_line_shape(x) for x in lines]  # read once: every rule below looks at them
    nw = [shape[0] for shape in shapes]
    nonblank = [i for i, shape in enumerate(shapes) if shape[1]]
    short = {i for i in nonblank if shapes[i][2]}

    # runs of short lines (menus, pickers, lists of links); not prose set in a narrow column, whose lines run on
    # into lowercase continuations ('elementos do Serviço de' / 'Migração e Fronteiras' / 'são-tomense sobre')
    continued = {i for i, j in zip(nonblank, nonblank[1:]) if j == i + 1 and shapes[j][3]}
    run: list[int] = []
    for i in nonblank + [n]:
        if i < n and i in short:
            run.append(i)
            continue
        if len(run) >= run_length and 2 * sum(j in continued for j in run) < len(run):
            for j in run:
                reasons[j] = "menu-run"
        run = []

    # lines mostly surrounded by short lines
    m = len(nonblank)
    before = [0]  # before[k]: short lines among the first k non-blank lines
    for i in nonblank:
        before.append(before[-1] + (i in short))
    for k, i in enumerate(nonblank):
        if reasons[i] is not None or i in continued:
            continue  # a line running on into a lowercase continuation is prose
        lo, hi = max(0, k - 3), min(m, k + 4)  # three non-blank neighbours on each side
        s = before[hi] - before[lo] - (i in short)
        n_neigh = hi - lo - 1
        if s < 4 or s / max(1, n_neigh) < 0.66:
            continue
        # '|': a layout's cell; a paragraph of sentences is prose whatever closes it ('… 18 mil. Fonte: ACIME')
        long_prose = nw[i] >= 25 and (lines[i].rstrip(" |").endswith((".", "!", "?", "”", '"'))
                                      or len(_SENTENCE_GAP.findall(lines[i])) >= 2)
        if not long_prose or GLUED_TITLE.match(lines[i].strip()):
            reasons[i] = "menu-context"

    for i in nonblank:
        text = lines[i]
        if reasons[i]:
            continue
        if nw[i] == 0:
            reasons[i] = "no-words"
        elif GLUED_MENU.match(text.strip()):
            reasons[i] = "menu-blurb"
        elif "(" in text and CAPTION.search(text):
            reasons[i] = "photo-caption"
        elif READ_ALSO.match(text):
            reasons[i] = "read-also"
            if not text[READ_ALSO.match(text).end():].strip():
                # a bare 'Read more:' heads a list of links: the headline-like lines that follow
                for j in range(i + 1, n):
                    nxt = lines[j].strip()
                    if not nxt or nxt.endswith((".", "!", "?", "”", '"')) or nw[j] > 25:
                        break
                    reasons[j] = "read-also"
        elif SOCIAL.match(text):
            reasons[i] = "social"
        elif TAG_LIST.fullmatch(text.strip()):
            reasons[i] = "tags"
        elif repeated and normalise_line(text) in repeated:
            reasons[i] = "repeated"

    # footers: from a cue line to the next long prose line
    i = 0
    while i < n:
        if lines[i].strip() and FOOTER_CUE.match(lines[i]):
            j = i
            while j < n and not (nw[j] >= 20 and lines[j].rstrip().endswith((".", "!", "?", "”", '"'))
                                 and j > i):
                if lines[j].strip():
                    reasons[j] = reasons[j] or "footer"
                j += 1
            i = j
        else:
            i += 1
    # page header: short lines (at most three words) before the first line of prose, and the cells of a layout
    # table there ('UN Office for the Coordination of Humanitarian Affairs |': a site's name beside its logo)
    for i in nonblank:
        # a cell of fewer words than a sentence's that ends no sentence: a story laid out in a table is no header
        cell = lines[i].rstrip().endswith("|") and nw[i] < 15 and not _ENDS_SENTENCE.search(lines[i].rstrip(" |"))
        if (nw[i] >= 8 or i in continued) and not cell:
            break  # prose: a long line, or a short one running on into a lowercase continuation (a narrow column)
        if reasons[i] is None and (nw[i] <= 3 or cell or nw[i] <= 8 and PROVENANCE.match(lines[i]) and not _ENDS_SENTENCE.search(lines[i])):
            reasons[i] = "header"  # ('Article from Ministry of Justice': whose item the page is, no part of the story)
    # page tail: short lines without a sentence's end after the last line of prose ('Newspapers from Angola')
    prose = [i for i in nonblank if reasons[i] is None and nw[i] >= 8 and _ENDS_SENTENCE.search(lines[i])]
    for i in nonblank:
        if prose and i > prose[-1] and reasons[i] is None and nw[i] <= 6 and not _ENDS_SENTENCE.search(lines[i]):
            reasons[i] = "tail"
    return reasons


def strip_disclaimer(line: str) -> tuple[str, str]:
    """Split off a bracketed disclaimer a repost puts before the story ('[This report does not necessarily reflect
    the views of the United Nations] TEHRAN, 30 Jun 2005 (IRIN) - …'): (text kept, disclaimer removed)."""
    m = DISCLAIMER.match(line) if line.lstrip().startswith(("[", "(")) else None
    return (line[m.end():], m.group(0).strip()) if m else (line, "")


def strip_photo_credit(line: str) -> tuple[str, str]:
    """Split a caption line into (text kept, photo credit removed)."""
    m = PHOTO_CREDIT.search(line) if ":" in line or "©" in line else None  # a credit has one or the other
    if not m:
        return line, ""
    return line[: m.start()].rstrip(), line[m.start():].strip()


#: a text is hard-wrapped when at least this share of its longer lines (40 characters or more) are no longer
#: than WRAP_WIDTH: e-mail and plain-text releases are, scraped pages (one paragraph a line) are not
WRAPPED_SHARE = 0.8
WRAP_WIDTH = 100


def is_hard_wrapped(lines: list[tuple[int, str]]) -> bool:
    """Whether the kept lines are hard-wrapped paragraphs (most long lines stop near one width).

    >>> is_hard_wrapped([(1, "A headline"), (2, "x" * 300)])
    False
    >>> is_hard_wrapped([(1, "y" * 70), (2, "z" * 72), (3, "end.")])
    True
    """
    long = [len(t.strip()) for _, t in lines if len(t.strip()) >= 40]
    return bool(long) and sum(n <= WRAP_WIDTH for n in long) >= WRAPPED_SHARE * len(long)


#: a line that stops on a function word ('… do Serviço de', '… the Ministry of') runs on into the next
_ENDS_ON_FUNCTION_WORD = re.compile(r"\s(?:" + "|".join(sorted({w.lower() for w in words("of_words") + words("and")}))
                                    + r")$", re.IGNORECASE)


def join_paragraphs(lines: list[tuple[int, str]]) -> list[Paragraph]:
    """Re-join kept lines ``(line_no, text)`` into paragraphs.

    Consecutive lines are joined when the earlier one ends mid-sentence before a lowercase
    continuation, or, in a hard-wrapped text (:func:`is_hard_wrapped`), when the earlier one is not a
    heading and does not end a sentence. In a page of one paragraph per line, a line without a full
    stop before a capitalised one is a headline or a caption, never glued to the story. A gap in line
    numbers (a blank or removed line) always ends a paragraph.
    """
    wrapped = is_hard_wrapped(lines)
    paras: list[Paragraph] = []
    buf: list[str] = []
    first = prev_no = -10
    for no, text in lines:
        t = text.strip()
        if not t:
            continue
        joinable = False
        if buf and no == prev_no + 1:
            last = buf[-1]
            ends_sentence = last.endswith(TERMINAL) and not last.endswith(("“", "«"))
            starts_lower = t[:1].islower()
            bullet = t.startswith(("- ", "• ", "* "))
            heading_last = is_title_like(last) and n_words(last) <= 14 and len(buf) == 1 and not starts_lower
            joinable = not bullet and not heading_last and (
                starts_lower or (wrapped and not ends_sentence and n_words(last) >= 6) or last.endswith(("“", "«"))
                or _ENDS_ON_FUNCTION_WORD.search(last) is not None  # 'elementos do Serviço de' / 'Migração e …'
            )
        if joinable:
            buf.append(t)
        else:
            if buf:
                paras.append(_paragraph(buf, first))
            buf, first = [t], no
        prev_no = no
    if buf:
        paras.append(_paragraph(buf, first))
    return paras


def _paragraph(buf: list[str], first: int) -> Paragraph:
    text = " ".join(" ".join(buf).split())  # runs of whitespace become one space
    heading = len(buf) == 1 and not text.endswith((".", "!", "?", "…", ":", "”", '"', "»")) and n_words(text) <= 25
    return Paragraph(text=text, first_line=first, heading=heading)
