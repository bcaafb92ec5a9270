"""Language identification for English, French and Spanish press releases.

A document's language decides which relation patterns and date words apply. The three
target languages are told apart reliably by their most frequent function words, so the
identifier is a small deterministic stop-word profile (no model to download, same answer
on every machine); anything that matches none of them well is reported as ``und``.
"""

from __future__ import annotations

import re
from collections import Counter

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the of and to in is are was were for on with that by this from has have which as at be will its their".split()),
    "fr": frozenset("le la les des du de et est sont pour dans par sur avec une un qui que au aux ont été cette ces leur".split()),
    "es": frozenset("el la los las del de y es son para en por con una un que al han fue esta estos su sus como".split()),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str, min_hits: int = 3) -> str:
    """Return ``en``, ``fr`` or ``es`` for the language of ``text``, ``und`` when undecidable.

    Counts the words of ``text`` that are frequent function words of each language; words
    shared by two languages ('de', 'la', 'en') count for both, the exclusive ones decide.
    """
    seen = Counter(_WORD.findall(text.lower()))
    counts = {lang: sum(seen[w] for w in words if w in seen) for lang, words in STOPWORDS.items()}
    best = max(sorted(counts), key=lambda lang: counts[lang])
    ranked = sorted(counts.values(), reverse=True)
    if counts[best] < min_hits or ranked[0] == ranked[1]:
        return "und"
    return best
