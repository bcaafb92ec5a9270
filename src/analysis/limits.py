"""Resource limits per document, declared in one place.

A hostile or broken file (a Flate bomb in a PDF, a page of 'IOM and UNODC and …' without a full stop,
a 20 MB web page) must cost one rejected document, never the run: every stage checks what it reads
against :data:`LIMITS` and rejects the document with :class:`LimitExceeded`, whose message names the
limit ('too many sentences: 25,000 > limit sentences=20,000'). The limits are far above any press
release or web page read so far: the seeds and the 110 real pages have at most 4,500 characters,
27 sentences and 18 names in one sentence.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """The most one document may hold or cost; each field is named in the reasons that cite it."""

    file_bytes: int = 20_000_000  #: size of a raw file, checked before it is opened
    html_bytes: int = 5_000_000  #: size of a web page handed to the HTML parser
    pdf_pages: int = 300  #: pages of a PDF
    pdf_stream_bytes: int = 20_000_000  #: bytes a PDF stream may decompress to, or declare as its /Length
    chars: int = 2_000_000  #: characters of a document's text (a 400-page book; a press release has 5,000)
    sentences: int = 20_000  #: sentences of a document's body
    sentence_chars: int = 2_000  #: a longer run without a full stop is cut into pieces of at most this length
    mentions_per_sentence: int = 300  #: names found in one sentence


LIMITS = Limits()


class LimitExceeded(ValueError):
    """A document over one of the :data:`LIMITS`; the message names the limit and the value found."""


def check(limit: str, value: int, what: str) -> None:
    """Raise :class:`LimitExceeded` when ``value`` is over ``LIMITS.<limit>``.

    >>> check("sentences", 10, "sentences")
    >>> check("sentences", 25_000, "too many sentences")
    Traceback (most recent call last):
    ...
    analysis.limits.LimitExceeded: too many sentences: 25,000 > limit sentences=20,000
    """
    bound = getattr(LIMITS, limit)
    if value > bound:
        raise LimitExceeded(f"{what}: {value:,} > limit {limit}={bound:,}")
