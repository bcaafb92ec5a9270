"""Sentence splitting for English, French and Spanish press text.

Paragraphs are split after '.', '!', '?' or '…' (and a closing quote) when the next
sentence starts with a capital, a digit or an opening quote, except after known
abbreviations (titles, 'e.g.', initials). Bulleted paragraphs stay one sentence each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .limits import LIMITS
from .records import quick_init

ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st no nos art arts fig figs vol eg e.g ie i.e etc vs viz approx inc ltd co corp "
    "jan feb mar apr jun jul aug sep sept oct nov dec mme mmes mlle m me sr sra srta dra dr ing lic gen col "
    "lt capt sgt gov sen rep amb h.e he u.s u.k u.n op cit al".split())
_PARAGRAPH = re.compile(r"[^\n]+")
_INITIALS = re.compile(r"(?:[a-z]\.)*[a-z]")
# a boundary is the end mark, closing quotes and the space before the next sentence; the match starts at
# the mark (a set of characters re can jump between) and the sentence ends just after it
_BOUNDARY = re.compile(r"[.!?…][\"”»’)]*\s+(?=[\"“«(¿¡]?[A-ZÀ-Ý0-9])")


@quick_init  # made by the thousand: see analysis.records
@dataclass(frozen=True)
class Sentence:
    """A sentence of a document body, with its character span in the body."""

    index: int
    start: int
    end: int
    text: str


def split_sentences(body: str) -> list[Sentence]:
    """Split a document body (paragraphs separated by blank lines) into sentences with offsets."""
    out: list[Sentence] = []
    for para in _PARAGRAPH.finditer(body):
        p_start, text = para.start(), para.group(0)
        cut = 0
        for m in _BOUNDARY.finditer(text):
            end = m.start() + 1
            before = text[cut:end].rstrip("\"”»’)")  # ends with the mark
            token = before.rsplit(None, 1)[-1].lower().rstrip(".")  # the word the mark ends
            if token in ABBREVIATIONS or _INITIALS.fullmatch(token or "-"):
                continue
            _add(out, text, p_start, cut, end)
            cut = m.end()
        _add(out, text, p_start, cut, len(text))
    return out


#: longest sentence read as one: a run of text without a full stop (a scraped list, a hostile page of 'IOM and
#: UNODC and …') is cut at the last comma, semicolon or space before this many characters, so that the time and
#: memory of extraction stay linear in the text (declared with the other limits in :mod:`analysis.limits`)
MAX_SENTENCE_CHARS = LIMITS.sentence_chars


def _add(out: list[Sentence], text: str, offset: int, a: int, b: int) -> None:
    while b - a > MAX_SENTENCE_CHARS:
        window = text[a:a + MAX_SENTENCE_CHARS]
        cut = max(window.rfind(", "), window.rfind("; "))
        cut = cut + 1 if cut > MAX_SENTENCE_CHARS // 2 else (window.rfind(" ") if window.rfind(" ") > 0 else MAX_SENTENCE_CHARS)
        _add_one(out, text, offset, a, a + cut)
        a += cut
    _add_one(out, text, offset, a, b)


def _add_one(out: list[Sentence], text: str, offset: int, a: int, b: int) -> None:
    chunk = text[a:b]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    start = offset + a + lead
    out.append(Sentence(len(out), start, start + len(stripped), stripped))
