"""How a document is cited wherever the outputs quote it: by title, publisher, date and URL.

The report (history, relations, profiles), the interactive page, the class handout and the
teaching notebook name a source the same way, from the columns of ``documents.csv`` (``title``
and ``published`` read from the page, ``publisher`` and ``url`` from ``sources.csv`` or the page;
see the README's data dictionary). The raw file name is the last resort, used only when the page
gave no title.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

import pandas as pd

#: the fields of a source, in citation order
FIELDS = ("title", "publisher", "published", "url")


def _text(value: Any) -> str:
    """A cell as stripped text; None and NaN (a missing cell of a hand-built table) are ''."""
    return "" if value is None or value != value else str(value).strip()


def source_of(doc: Mapping[str, Any]) -> dict[str, str]:
    """The citation fields of one ``documents.csv`` row: title (else the file name), publisher,
    published (ISO date, '' when unknown), url, file, doc_id and ``label``, the one-line citation."""
    fields = {k: _text(doc.get(k)) for k in (*FIELDS, "file", "doc_id")}
    if not fields["title"]:
        fields["title"] = fields["file"] or fields["doc_id"]
    fields["label"] = cite(fields)
    return fields


def cite(source: Mapping[str, Any]) -> str:
    """One-line citation: ‘Title’, Publisher, date, URL; 'undated' when no date is known, parts
    that are not known left out. Plain text (callers escape it for HTML)."""
    title = _text(source.get("title")) or _text(source.get("file")) or _text(source.get("doc_id"))
    parts = [f"‘{title}’"] if title else []
    parts += [_text(source.get("publisher")), _text(source.get("published")) or "undated", _text(source.get("url"))]
    return ", ".join(p for p in parts if p)


def source_table(documents: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Every document's citation fields (:func:`source_of`) by doc_id."""
    return {str(d["doc_id"]): source_of(d) for d in documents.to_dict("records")}


def cite_all(doc_ids: Iterable[str], sources: Mapping[str, Mapping[str, str]], sep: str = "; ") -> str:
    """The citations of several documents, each once, in the order of ``doc_ids`` (an unknown
    doc_id is shown as itself)."""
    seen = dict.fromkeys(d for d in doc_ids if d)
    return sep.join(sources[d]["label"] if d in sources else d for d in seen)


def number_sources(doc_ids: Iterable[str]) -> dict[str, int]:
    """Reference numbers 1, 2, … for documents in order of first citation (a doc_id cited again
    keeps its number)."""
    numbers: dict[str, int] = {}
    for d in doc_ids:
        if d and d not in numbers:
            numbers[d] = len(numbers) + 1
    return numbers


__all__ = ["FIELDS", "cite", "cite_all", "number_sources", "source_of", "source_table"]
