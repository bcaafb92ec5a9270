"""Stage 1: raw files → ``documents`` (clean article body and metadata) and ``boilerplate``.

For every file of the raw folder: decode it (encoding detected, not assumed), find the
site furniture by structure (:mod:`analysis.boilerplate`), re-join the body paragraphs,
and read the title, the language, the dateline ('Cairo, 2 July 2024 - ') and the
publication date. A file that cannot be used is not fatal: it gets a row in ``rejected``
with the reason, and the other files go on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import boilerplate as bp
from .dates import DateMention, find_dates
from .language import detect_language

SUPPORTED = {".txt", ".md", ".text"}
MAX_BYTES = 20_000_000
WESTERN_ENCODINGS = ["utf_8", "utf_16", "utf_32", "cp1252", "latin_1", "iso8859_15", "mac_roman", "cp850"]

PUBLISHED_CUE = re.compile(
    r"(?:published(?: on)?|posted(?: on)?|date|publié le|mis en ligne le|publicado(?: el)?|fecha)\s*:?\s*", re.IGNORECASE)
_DATELINE_PLACE = re.compile(r"^[\"“]?(?P<place>[A-ZÀ-Ý][\w'’.()À-ÿ -]{1,40}?)(?:\s*,\s*[A-ZÀ-Ý][\w'’.À-ÿ -]{1,30}?)?\s*(?:,|–|—|-)\s*(?:le\s+|el\s+|on\s+)?$")


class IngestError(Exception):
    """A raw file that cannot be turned into a document; the message says why."""


@dataclass(frozen=True)
class Dateline:
    """The place and date opening a news story ('Vienna, Austria - 17 April 2019 - ')."""

    place: str
    date: DateMention
    end: int  # offset in the paragraph where the story text starts


def file_id(path: Path) -> str:
    """Stable document id of a raw file: its name without extension, made safe."""
    stem = re.sub(r"[^\w.-]+", "_", path.stem).strip("_") or "doc"
    return stem


def decode_bytes(data: bytes, name: str) -> str:
    """Decode a text file: BOM-marked UTF-8/16 first, then UTF-8, then detection by charset-normalizer."""
    if not data.strip():
        raise IngestError("empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # noqa: PLC0415

    # the corpus languages (English, French, Spanish) are written in these code pages; detect among them
    # first so that a cp1252 page is not taken for a Central European one, then anywhere
    best = from_bytes(data, cp_isolation=WESTERN_ENCODINGS).best() or from_bytes(data).best()
    if best is None:
        raise IngestError("not decodable as text (binary or unknown encoding)")
    return str(best)


def read_raw(path: Path) -> str:
    """Read a raw file as text, or raise :class:`IngestError` naming the problem."""
    if path.suffix.lower() not in SUPPORTED:
        raise IngestError(f"unsupported file type '{path.suffix or '(none)'}' (supported: {', '.join(sorted(SUPPORTED))})")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise IngestError(f"file too large ({size} bytes > {MAX_BYTES})")
    text = decode_bytes(path.read_bytes(), path.name)
    if "\x00" in text:
        raise IngestError("binary content (NUL bytes)")
    return text


def normalise_text(text: str) -> str:
    """Unicode NFC, Unix newlines, non-breaking and odd spaces made plain, trailing spaces dropped."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000]", " ", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def find_dateline(paragraph: str) -> Dateline | None:
    """Recognise a dateline at the start of a paragraph: place, optional region, date, dash."""
    head = paragraph[:120]
    for d in find_dates(head):
        if d.precision not in ("day", "range") or d.start > 70:
            continue
        m = _DATELINE_PLACE.match(head[: d.start])
        after = re.match(r"\s*(?:\(\w+\))?\s*(?:–|—|-|:|/)\s*", head[d.end:])
        if m and after:
            return Dateline(place=m.group("place").strip(), date=d, end=d.end + after.end())
    return None


def find_published(lines: list[str]) -> DateMention | None:
    """A publication date announced on the page: 'Published on 3 May 2021', 'Publié le …', or a short
    line that is only a place and a date ('Quito, 6 de marzo de 2020', '09/12/2021 16:40 | Actualizado …')."""
    for line in lines:
        m = PUBLISHED_CUE.search(line)
        if m and m.end() < len(line):
            for d in find_dates(line[m.end(): m.end() + 40]):
                if d.start == 0 and d.precision == "day":
                    return d
    for line in lines:
        s = line.strip()
        if not s or bp.n_words(s) > 12:
            continue
        dates = [d for d in find_dates(s) if d.precision == "day" and d.start <= 40]
        numeric = re.match(r"^(?P<d>[0-3]?\d)[/.](?P<m>[01]?\d)[/.](?P<y>(?:19|20)\d\d)\b", s)
        if numeric:
            y, mo, d = int(numeric["y"]), int(numeric["m"]), int(numeric["d"])
            try:
                return DateMention(0, numeric.end(), numeric.group(0), dt.date(y, mo, d).isoformat(), "day")
            except ValueError:
                continue
        if dates and (dates[0].start == 0 or _DATELINE_PLACE.match(s[:dates[0].start])):
            return dates[0]
    return None


def clean_page(text: str, repeated: set[str] = frozenset()) -> tuple[list[bp.Paragraph], list[tuple[int, str, str]]]:
    """Split a page into body paragraphs and removed boilerplate lines ``(line_no, reason, text)``."""
    lines = normalise_text(text).split("\n")
    reasons = bp.classify_lines(lines, repeated)
    kept: list[tuple[int, str]] = []
    removed: list[tuple[int, str, str]] = []
    for i, (line, reason) in enumerate(zip(lines, reasons), start=1):
        if not line.strip():
            continue
        if reason:
            removed.append((i, reason, line.strip()))
            continue
        body, credit = bp.strip_photo_credit(line)
        if credit:
            removed.append((i, "photo-credit", credit))
        if body.strip():
            kept.append((i, body))
    return bp.join_paragraphs(kept), removed


def pick_title(paragraphs: list[bp.Paragraph]) -> str:
    """The first heading before the first prose paragraph, else the first sentence (shortened)."""
    for p in paragraphs:
        if p.heading and bp.n_words(p.text) >= 3:
            return p.text
        if not p.heading:
            break
    first = next((p.text for p in paragraphs if not p.heading), paragraphs[0].text if paragraphs else "")
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    return sentence if len(sentence) <= 160 else sentence[:157].rstrip() + "…"


def build_document(doc_id: str, name: str, raw: str, repeated: set[str] = frozenset()) -> tuple[dict, list[dict]]:
    """Turn one decoded raw page into a ``documents`` row and its ``boilerplate`` rows."""
    paragraphs, removed = clean_page(raw, repeated)
    if not paragraphs:
        raise IngestError("no article text left after removing site boilerplate")
    body = "\n\n".join(p.text for p in paragraphs)
    language = detect_language(body)
    dateline = next((dl for p in paragraphs[:8] if not p.heading and (dl := find_dateline(p.text))), None)
    published = dateline.date if dateline else find_published(normalise_text(raw).split("\n"))
    row = {
        "doc_id": doc_id,
        "file": name,
        "sha256": hashlib.sha256(raw.encode("utf-8")).hexdigest(),
        "language": language,
        "title": pick_title(paragraphs),
        "published": published.first if published else "",
        "published_precision": published.precision if published else "",
        "dateline_place": dateline.place if dateline else "",
        "n_chars_raw": len(raw),
        "n_chars_body": len(body),
        "n_lines_removed": len(removed),
        "body": body,
    }
    bp_rows = [{"doc_id": doc_id, "line_no": no, "reason": reason, "text": text} for no, reason, text in removed]
    return row, bp_rows


def raw_files(raw_dir: Path) -> list[Path]:
    """The files of the raw folder, sorted by name, hidden files and sidecars excluded."""
    return sorted(p for p in Path(raw_dir).iterdir()
                  if p.is_file() and not p.name.startswith(".") and p.name != "sources.csv")


def ingest_corpus(raw_dir: Path, progress: Callable[[str], None] | None = None) -> tuple[list[dict], list[dict], list[dict]]:
    """Read every raw file: returns (documents rows, boilerplate rows, rejected rows)."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder not found: {raw_dir}")
    texts: dict[str, tuple[str, str]] = {}
    rejected: list[dict] = []
    seen_hash: dict[str, str] = {}
    for path in raw_files(raw_dir):
        try:
            raw = read_raw(path)
        except (IngestError, OSError) as exc:
            rejected.append({"file": path.name, "reason": str(exc)})
            continue
        digest = hashlib.sha256(normalise_text(raw).encode("utf-8")).hexdigest()
        if digest in seen_hash:
            rejected.append({"file": path.name, "reason": f"same content as {seen_hash[digest]}"})
            continue
        seen_hash[digest] = path.name
        doc_id = file_id(path)
        if doc_id in texts:
            doc_id = re.sub(r"[^\w.-]+", "_", path.name)
        texts[doc_id] = (path.name, raw)
    repeated = bp.repeated_lines({k: normalise_text(v[1]).split("\n") for k, v in texts.items()})
    documents: list[dict] = []
    boiler: list[dict] = []
    for doc_id, (name, raw) in sorted(texts.items()):
        try:
            row, removed = build_document(doc_id, name, raw, repeated)
        except IngestError as exc:
            rejected.append({"file": name, "reason": str(exc)})
            continue
        documents.append(row)
        boiler.extend(removed)
        if progress:
            progress(f"ingest {name}: {row['language']}, {row['n_chars_body']} chars kept, {row['n_lines_removed']} lines removed")
    return documents, boiler, rejected


def parse_date(value: str) -> dt.date | None:
    """The date of an ISO day string, or None."""
    try:
        return dt.date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def run_stage(raw_dir: Path, processed_dir: Path, progress: Callable[[str], None] | None = print) -> dict:
    """Stage entry point: ingest ``raw_dir`` and write documents, boilerplate and rejected tables."""
    from .tables import frame, write_table  # noqa: PLC0415

    documents, boiler, rejected = ingest_corpus(raw_dir, progress)
    for r in rejected:
        if progress:
            progress(f"rejected {r['file']}: {r['reason']}")
    out = {"documents": frame("documents", documents), "boilerplate": frame("boilerplate", boiler),
           "rejected": frame("rejected", rejected)}
    for name, df in out.items():
        write_table(df, processed_dir, name)
    return out
