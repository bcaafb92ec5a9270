"""Table schemas and safe, deterministic reading and writing of the processed files.

Every processed table has a fixed column order (``SCHEMAS``) and is written
sorted, UTF-8, with ``\\n`` line endings and no index, through a temporary file
renamed into place, so a run that is interrupted never leaves a half-written
table and two runs on the same inputs give byte-identical files.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

import pandas as pd

#: Column order of every processed table; the data dictionary in the README documents each.
SCHEMAS: dict[str, list[str]] = {
    "documents": ["doc_id", "file", "sha256", "language", "title", "published", "published_precision",
                  "url", "publisher", "source_format", "dateline_place", "n_chars_raw", "n_chars_body",
                  "n_lines_removed", "body"],
    "boilerplate": ["doc_id", "line_no", "reason", "text"],
    "rejected": ["file", "reason"],
    "entities": ["entity_id", "name", "acronym", "kind", "parent", "source", "aliases"],
    "mentions": ["mention_id", "doc_id", "entity_id", "sentence_id", "sentence", "start", "end", "text", "role"],
    "relations": ["relation_id", "doc_id", "source", "target", "relation", "directed", "date", "date_precision",
                  "place", "evidence", "sentence_id", "confidence", "prior", "rule", "cameo"],
    "events": ["event_id", "date", "date_precision", "event_type", "participants", "place", "doc_ids",
               "relation_ids", "evidence", "cameo", "date_start", "date_end", "date_reason"],
    "corrections_applied": ["action", "detail", "effect"],
}

#: Sort keys, so that row order never depends on processing order.
SORT_KEYS: dict[str, list[str]] = {
    "documents": ["doc_id"],
    "boilerplate": ["doc_id", "line_no"],
    "rejected": ["file"],
    "entities": ["entity_id"],
    "mentions": ["doc_id", "start", "end", "entity_id"],
    "relations": ["doc_id", "sentence_id", "source", "target", "relation"],
    "events": ["date", "event_type", "event_id"],
    "corrections_applied": ["action", "detail"],
}


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and an atomic rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """Write UTF-8 text atomically (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"))


def frame(name: str, rows: Iterable[dict]) -> pd.DataFrame:
    """Build the table ``name`` from row dicts: schema columns in order, sorted rows."""
    cols = SCHEMAS[name]
    df = pd.DataFrame(list(rows), columns=cols)
    if len(df):
        df = df.sort_values(SORT_KEYS[name], kind="mergesort", na_position="first").reset_index(drop=True)
    return df


def write_table(df: pd.DataFrame, directory: Path, name: str) -> Path:
    """Write table ``name`` as ``<directory>/<name>.csv`` atomically, columns in schema order."""
    cols = SCHEMAS[name]
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise ValueError(f"table {name} lacks columns {missing}")
    out = Path(directory) / f"{name}.csv"
    frame = df[cols]
    risky = [c for c in cols if c in TEXT_CELLS]
    if risky and len(frame):
        frame = frame.copy()
        for c in risky:
            frame[c] = frame[c].map(defuse_cell)
    atomic_write_text(out, frame.to_csv(index=False, lineterminator="\n"))
    return out


#: columns of free text from the pages or the sidecar: a cell there that a spreadsheet would read as a formula
#: ('=HYPERLINK(…)', '+1…', '@SUM') is written with a leading apostrophe (OWASP's advice for CSV injection)
TEXT_CELLS = frozenset({"title", "publisher", "url", "evidence", "sentence", "text", "reason", "detail"})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse_cell(value):
    """``value`` with an apostrophe before a leading formula character ('=cmd' → "'=cmd"), else unchanged.

    >>> defuse_cell("=HYPERLINK(1)"), defuse_cell("IOM and UNODC")
    ("'=HYPERLINK(1)", 'IOM and UNODC')
    """
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def read_table(directory: Path, name: str) -> pd.DataFrame:
    """Read a processed table written by :func:`write_table` (all columns as strings, empty as '')."""
    path = Path(directory) / f"{name}.csv"
    if not path.exists():
        raise FileNotFoundError(f"{path}: table not found; run the previous stage first")
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    for col in ("start", "end", "line_no", "sentence_id", "n_chars_raw", "n_chars_body", "n_lines_removed"):
        if col in df.columns and len(df):
            df[col] = df[col].astype(int)
    if "confidence" in df.columns and len(df):
        df["confidence"] = df["confidence"].astype(float)
    return df
