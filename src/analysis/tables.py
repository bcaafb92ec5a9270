"""Table schemas and safe, deterministic reading and writing of the processed files.

Every processed table has a fixed column order (``SCHEMAS``) and is written
sorted, UTF-8, with ``\\n`` line endings and no index, through a temporary file
renamed into place, so a run that is interrupted never leaves a half-written
table and two runs on the same inputs give byte-identical files.
"""

from __future__ import annotations

import os
import re
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
    "mentions": ["mention_id", "doc_id", "entity_id", "sentence_id", "start", "end", "text", "role"],
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
        _readable(tmp)
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


def table_csv(df: pd.DataFrame, name: str) -> str:
    """The CSV text of table ``name``: columns in schema order, formula-like text cells defused."""
    cols = SCHEMAS[name]
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise ValueError(f"table {name} lacks columns {missing}")
    frame = df[cols]
    risky = [c for c in cols if c in TEXT_CELLS or c in OFFSET_CELLS]
    if risky and len(frame):
        frame = frame.copy()
        for c in risky:
            frame[c] = frame[c].map(escape_offset_cell if c in OFFSET_CELLS else defuse_cell)
    return frame.to_csv(index=False, lineterminator="\n")


def write_table(df: pd.DataFrame, directory: Path, name: str) -> Path:
    """Write table ``name`` as ``<directory>/<name>.csv`` atomically, columns in schema order."""
    out = Path(directory) / f"{name}.csv"
    atomic_write_text(out, table_csv(df, name))
    return out


def write_tables(tables: dict[str, pd.DataFrame], directory: Path) -> list[Path]:
    """Write a stage's tables together: every table to a temporary file first, then all renamed into place, so a
    failure while writing (a full disk) leaves the previous set whole instead of tables of two runs."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, df in tables.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.csv.", suffix=".tmp", dir=directory)
            staged.append((tmp, directory / f"{name}.csv"))
            with os.fdopen(fd, "wb") as fh:
                fh.write(table_csv(df, name).encode("utf-8"))
            _readable(tmp)
    except BaseException:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise
    for tmp, out in staged:
        os.replace(tmp, out)
    return [out for _, out in staged]


def _readable(tmp: str) -> None:
    """Give a temporary file the permissions of a normally created one (mkstemp makes it private)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)


#: columns of free text from the pages or the sidecar: a cell there that a spreadsheet would read as a formula
#: ('=HYPERLINK(…)', '+1…', '@SUM') is written with a leading apostrophe (OWASP's advice for CSV injection)
TEXT_CELLS = frozenset({"file", "title", "publisher", "url", "evidence", "text", "reason", "detail"})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


#: columns whose text carries character offsets (``documents.body``): escaped reversibly, so that
#: :func:`read_table` gives back the exact text: an apostrophe is added before a leading formula character or
#: apostrophe, and removed when read
OFFSET_CELLS = frozenset({"body"})


def escape_offset_cell(value):
    """Reversible form of :func:`defuse_cell` for an offsets-bearing text ('+1 IOM …' → "'+1 IOM …", "'Tis" → "''Tis").

    >>> escape_offset_cell("+1 IOM"), unescape_offset_cell(escape_offset_cell("'Tis"))
    ("'+1 IOM", "'Tis")
    """
    return "'" + value if isinstance(value, str) and value.startswith((*_FORMULA_START, "'")) else value


def unescape_offset_cell(value):
    """The text :func:`escape_offset_cell` was given."""
    return value[1:] if isinstance(value, str) and value.startswith("'") else value


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
    for col in OFFSET_CELLS & set(df.columns):
        df[col] = df[col].map(unescape_offset_cell)
    for col in ("start", "end", "line_no", "sentence_id", "n_chars_raw", "n_chars_body", "n_lines_removed"):
        if col in df.columns and len(df):
            df[col] = df[col].astype(int)
    if "confidence" in df.columns and len(df):
        df["confidence"] = df["confidence"].astype(float)
    return df


#: characters of a file name that a table, a graph file or a terminal must not receive as they are: control and
#: invisible characters (an ESC would colour the terminal and stop the GraphML writer) and undecodable bytes
_NAME_ESCAPES = re.compile(r"[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]")


def shown_name(name: str) -> str:
    r"""A raw file's name as the tables, the report and the terminal show it: control, invisible and undecodable
    characters written as Python escapes, everything else unchanged.

    >>> print(shown_name("r\x1b[31m\u202e.txt"), shown_name("Genève 2024.txt"))
    r\x1b[31m\u202e.txt Genève 2024.txt
    """
    return _NAME_ESCAPES.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                             else f"\\u{ord(m.group()):04x}", name)
