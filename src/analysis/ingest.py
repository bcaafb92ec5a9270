"""Stage 1: raw files → ``documents`` (clean article body and metadata) and ``boilerplate``.

For every file of the raw folder: decode it (encoding detected, not assumed), find the
site furniture by structure (:mod:`analysis.boilerplate`), re-join the body paragraphs,
and read the title, the language, the dateline ('Cairo, 2 July 2024 - ') and the
publication date. A file that cannot be used is not fatal: it gets a row in ``rejected``
with the reason, and the other files go on.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import itertools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import boilerplate as bp
from .cache import DocCache, code_hash, module_closure, sha256_text
from .dates import WEEKDAYS, DateMention, find_dates, iso_mention
from .fastre import first_letter_groups
from .lang import ORDER, alt, words
from .language import SUPPORTED as LANGUAGES_SUPPORTED, detect_language
from .limits import LIMITS, LimitExceeded, check
from .parallel import fewer_collections, process_map, shared
from .progress import per_item
from .records import quick_init
from .tables import shown_name

TEXT_TYPES = {".txt", ".md", ".text"}
HTML_TYPES = {".html", ".htm"}
PDF_TYPES = {".pdf"}
SUPPORTED = TEXT_TYPES | HTML_TYPES | PDF_TYPES
SIDECAR = "sources.csv"
RELEVANT = re.compile("|".join(first_letter_groups(words("relevant_words"), after=r"\b")) + r"|\([A-Z][A-Z.&-]{1,10}\)")
WESTERN_ENCODINGS = ["utf_8", "utf_16", "utf_32", "cp1252", "latin_1", "iso8859_15", "mac_roman", "cp850"]

#: the words before a publication date ('Published on', 'Publicado em') and before a page's last change ('Last
#: modified:', 'Mise à jour :'), one pattern a language: of the cues found first on a line, the longest is the one the
#: page writes ('Publicado em 13/10/2020': Portuguese 'publicado em', not Spanish 'publicado' before a stray 'em')
_PUBLISHED_CUES, _UPDATED_CUES = (tuple(re.compile(r"(?<!\w)" + alt(key, (code,)) + r"\s*:?\s*", re.IGNORECASE) for code in ORDER)
                                  for key in ("published_cues", "updated_cues"))
#: a dateline's place before its date ('GENEVA, ', 'Quito, Ecuador – ', 'Tegucigalpa, Honduras (', '(Niamey – ',
#: 'Oaxaca de Juárez, Oax. ': a region's abbreviation)
_DATELINE_PLACE = re.compile(r"^[\"“(]?(?P<place>[A-ZÀ-Ý][\w'’.()À-ÿ -]{1,40}?)(?:\s*,\s*[A-ZÀ-Ý][\w'’.À-ÿ -]{1,30}?(?<=\w\w\.)\s+|(?:\s*,\s*[A-ZÀ-Ý][\w'’.À-ÿ -]{1,30}?)?\s*(?:,|–|—|-|\()\s*)(?:"
                             + alt("dateline_articles") + r"\s+)?$")
#: what closes a dateline's date: a dash or colon, maybe after a closing parenthesis, a full stop or a credit in
#: parentheses ('12.09.2024).- La …', '05 SEPTEMBER 2018 (VANUATU DAILY POST) – …')
_DATELINE_AFTER = re.compile(r"\)?\.?\s*(?:\([^()]{1,40}\))?\s*(?:–|—|-|:|/)\s*")
_DASH_BEFORE = re.compile(r"[–—-]\s*$")
_DATELINE_CLOSED = re.compile(r"\)\s+(?=[\"“«A-ZÀ-Ý])")  # '(Niamey – 1er Août 2021) L’Equipe …': a dateline in parentheses


_DATELINE_DATE_FIRST = re.compile(r"\s*(?:,|–|—|-)\s*(?P<place>[A-ZÀ-Ý][\w'’.()À-ÿ -]{1,40}?)(?:\s*,\s*[A-ZÀ-Ý][\w'’.À-ÿ -]{1,30}?)?"
                                  r"\s*(?::|–|—|-)\s+")
#: what may stand between a header line's place (or its start) and its date: a weekday ('mardi, 20 mai 2008',
#: 'Ouagadougou, jeudi 01 décembre 2022', 'sábado, 25 de fevereiro de 2012') or a field separator ('FE REPORT | …')
_HEADER_BEFORE_DATE = re.compile(r"(?:(?<![\w-])(?:" + "|".join(sorted(map(re.escape, WEEKDAYS), key=len, reverse=True))
                                 + r")\s*,?|\|)\s*$", re.IGNORECASE)
_DATELINE_ARTICLE = re.compile(alt("dateline_articles"), re.IGNORECASE)  # 'Le' before a date-first dateline
#: the opening of a byline ('Rédigé par leral.net le', 'Por: Manuel Herrera'): the date that follows dates the page
_BYLINE = re.compile(r"^\W*(?:" + alt("byline_cues") + r")\b\s*:?\s*(?=\w)", re.IGNORECASE)
#: where a scraped date field runs into its neighbours ('News article25 May 2018', '13 de maio de 2017O Alto'): a
#: day number glued after a letter, a year glued before one
_GLUED_FIELD = re.compile(r"(?<=[^\W\d_])(?=[0-3]?\d\s)|(?<=(?:19|20)\d\d)(?=[^\W\d_])")
#: a metadata line opening a stored page: 'date 2020-09', 'Published: 2021-05-03'
_LEADING_DATE = re.compile(r"^\s*(?:" + alt("published_cues") + "|" + alt("updated_cues") + r")\s*:?\s*(?P<iso>(?:19|20)\d\d-[01]\d(?:-[0-3]\d)?)\b[ \t]*\n?",
                           re.IGNORECASE)


class IngestError(Exception):
    """A raw file that cannot be turned into a document; the message says why."""


@quick_init  # made by the thousand: see analysis.records
@dataclass(frozen=True)
class Dateline:
    """The place and date opening a news story ('Vienna, Austria - 17 April 2019 - ')."""

    place: str
    date: DateMention
    end: int  # offset in the paragraph where the story text starts


def file_id(path: Path) -> str:
    """Stable document id of a raw file: its name without extension, made safe."""
    stem = re.sub(r"[^\w.-]+", "_", path.stem).lstrip("_-").rstrip("_") or "doc"  # no '-' first: a CSV formula
    return stem


def unique_id(path: Path, taken: "dict[str, object] | set[str]") -> str:
    """:func:`file_id` of ``path``, or, when another file already has it ('r_x.md' and 'r_x.txt'), the file's whole
    name made safe, then that name with '-2', '-3' …: two files never share a document id."""
    first = file_id(path)
    whole = re.sub(r"[^\w.-]+", "_", path.name).lstrip("_-").rstrip("_") or first
    candidates = itertools.chain((first, whole), (f"{whole}-{n}" for n in itertools.count(2)))
    return next(c for c in candidates if c not in taken)


def decode_bytes(data: bytes, name: str) -> str:
    """Decode a text file: BOM-marked UTF-8/16 first, then UTF-8, then detection by charset-normalizer."""
    if not data.strip():
        raise IngestError("empty file")
    marked = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else \
        "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ""
    if marked:
        try:
            return data.decode(marked)
        except UnicodeDecodeError as err:  # a byte order mark on bytes that are not that encoding (cut, or binary)
            raise IngestError(f"marked as {marked} but not valid {marked}: {err.reason} at byte {err.start}") from None
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


@dataclass(frozen=True)
class RawPage:
    """The text of a raw file and what its format says about it (HTML and PDF metadata)."""

    text: str
    title: str = ""
    published: str = ""
    source_format: str = "text"


def _entry_kind(path: Path) -> str:
    """'file', 'folder', 'FIFO', 'socket', 'device' or 'other' for a raw folder entry (links followed), never opening it."""
    import stat  # noqa: PLC0415

    mode = path.stat().st_mode
    for test, name in ((stat.S_ISREG, "file"), (stat.S_ISDIR, "folder"), (stat.S_ISFIFO, "FIFO"),
                       (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "device"), (stat.S_ISBLK, "device")):
        if test(mode):
            return name
    return "other"


def read_raw(path: Path, raw_dir: Path | None = None) -> RawPage:
    """Read a raw file (.txt/.md in any common encoding, .html/.htm, .pdf) or raise :class:`IngestError`."""
    if raw_dir is not None and path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (RuntimeError, OSError) as exc:  # a loop of links, a dangling link
            raise IngestError(f"symbolic link that leads nowhere ({type(exc).__name__})") from None
        if Path(raw_dir).resolve() not in target.parents:
            raise IngestError("symbolic link pointing outside the raw folder")  # the target is not named: it may be private
    kind = _entry_kind(path)
    if kind != "file":
        raise IngestError(f"not a regular file ({kind}): only files are read")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise IngestError(f"unsupported file type '{path.suffix or '(none)'}' (supported: {', '.join(sorted(SUPPORTED))})")
    size = path.stat().st_size
    check("file_bytes", size, "file too large (bytes)")
    if suffix in HTML_TYPES:
        check("html_bytes", size, "web page too large (bytes)")
    data = path.read_bytes()
    if suffix in PDF_TYPES:
        page = _read_pdf(data)
    else:
        text = decode_bytes(data, path.name)
        if "\x00" in text:
            raise IngestError("binary content (NUL bytes)")
        page = _read_html(text) if suffix in HTML_TYPES else RawPage(text)
    check("chars", len(page.text), "text too long (characters)")
    return page


def _read_html(html: str) -> RawPage:
    """Main text, title and date of a web page, with trafilatura."""
    import trafilatura  # noqa: PLC0415

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                      date_extraction_params={"extensive_search": False, "max_date": "2100-12-31"})
    if doc is None:
        raise IngestError("no main text found in the HTML page")
    d = doc if isinstance(doc, dict) else doc.as_dict()
    text = (d.get("text") or "").strip()
    if not text:
        raise IngestError("no main text found in the HTML page")
    title = (d.get("title") or "").strip()
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return RawPage(text.replace("\n", "\n\n"), title, d.get("date") or "", "html")


def _read_pdf(data: bytes) -> RawPage:
    """Text of a PDF's pages, with pypdf, within :data:`analysis.limits.LIMITS` (pages, decompressed bytes of a
    stream and its declared /Length, characters)."""
    import io as _io  # noqa: PLC0415

    from pypdf import PdfReader, apply_configuration  # noqa: PLC0415
    from pypdf.errors import LimitReachedError, PdfReadError  # noqa: PLC0415

    bound = LIMITS.pdf_stream_bytes
    streams = {k: bound for k in ("maximum_declared_stream_length", "array_based_stream_maximum_output_length",
                                  "jbig2_maximum_output_length", "lzw_maximum_output_length",
                                  "run_length_maximum_output_length", "zlib_maximum_output_length",
                                  "brotli_maximum_output_length", "image_maximum_buffer_size")}
    try:
        with apply_configuration(**streams):
            reader = PdfReader(_io.BytesIO(data))
            if reader.is_encrypted:
                raise IngestError("encrypted PDF")
            check("pdf_pages", len(reader.pages), "PDF has too many pages")
            pages, n_chars = [], 0
            for p in reader.pages:
                pages.append(p.extract_text() or "")
                n_chars += len(pages[-1])
                check("chars", n_chars, "PDF text too long (characters)")
            title = ((reader.metadata or {}).get("/Title") or "") if reader.metadata else ""
    except (IngestError, LimitExceeded):
        raise
    except LimitReachedError as exc:  # a Flate bomb, a huge /Length: pypdf stopped at our limit
        raise LimitExceeded(f"PDF stream over a decompression limit ({' '.join(str(exc).split())[:120]}; "
                            f"limit pdf_stream_bytes={bound:,})") from None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise IngestError(f"corrupt or unreadable PDF ({type(exc).__name__})") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise IngestError("PDF has no extractable text (scanned images?)")
    return RawPage(text, str(title), "", "pdf")


def read_sidecar(raw_dir: Path) -> dict[str, dict[str, str]]:
    """Optional ``sources.csv`` of the raw folder: file, url, publisher, published (per file name)."""
    path = Path(raw_dir) / SIDECAR
    if not path.is_file():
        return {}
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        if "file" not in (reader.fieldnames or []):
            raise IngestError(f"{SIDECAR}: needs a 'file' column")
        return {row["file"].strip(): {k: normalise_text(v or "").strip() for k, v in row.items() if k} for row in reader}


_ODD_SPACE = re.compile(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000]")


#: characters that show nothing or reorder what is shown: control characters (an ESC breaks the GraphML
#: writer), zero-width joiners ('UN\u200dHCR' would read as 'UN' and 'HCR'), bidirectional overrides (U+202E),
#: soft hyphens and byte-order marks; they are removed, never turned into a space
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200c-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


_ODD_OR_INVISIBLE = re.compile(_ODD_SPACE.pattern[:-1] + _INVISIBLE.pattern[1:])  # either class, one character


def normalise_text(text: str) -> str:
    """Unicode NFC, Unix newlines, non-breaking and odd spaces made plain, invisible characters removed, trailing
    spaces dropped."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    if _ODD_OR_INVISIBLE.search(text):  # one scan for both (most pages have neither)
        text = _ODD_SPACE.sub(" ", _INVISIBLE.sub("", text) if _INVISIBLE.search(text) else text)
    return "\n".join(map(str.rstrip, text.split("\n")))


_DIGIT = re.compile(r"\d")  # what every day or range date contains (the date patterns' digits are \d too)


def find_dateline(paragraph: str, dates: list[DateMention] | None = None) -> Dateline | None:
    """Recognise a dateline at the start of a paragraph: place, optional region, date, dash.

    ``dates`` are the dates of the paragraph's first 120 characters when the caller has them.
    """
    head = paragraph[:120]
    if dates is None and not _DIGIT.search(head):
        return None  # a dateline's date is a day or a range, always written with digits: no need to scan for dates
    for d in (find_dates(head) if dates is None else dates):
        if d.precision not in ("day", "range") or d.start > 70:
            continue
        m = _DATELINE_PLACE.match(head[: d.start])
        after = _DATELINE_AFTER.match(head, d.end) or (_DATELINE_CLOSED.match(head, d.end) if head.startswith("(") else None)
        if head.startswith("(") and not _DASH_BEFORE.search(head, 0, d.start):
            continue  # '(AFP, 3 May 2019)': a credit, no place; a dateline in parentheses has its dash ('(Niamey – …)')
        if m and after:
            return Dateline(place=m.group("place").strip(), date=d, end=after.end())
        after_stop = re.match(r"\.\s+(?=[\"“«A-ZÀ-Ý])", head[d.end:])  # 'Guatemala, 30 de junio del 2021. Durante …'
        if m and after_stop and d.precision == "day":
            return Dateline(place=m.group("place").strip(), date=d, end=d.end + after_stop.end())
        opening = head[: d.start].strip()  # nothing, or an article ('Le 15 mars 2017 – Genève, Suisse – …')
        place_after = _DATELINE_DATE_FIRST.match(head[d.end:]) \
            if not opening or _DATELINE_ARTICLE.fullmatch(opening) else None
        if place_after:  # '02 May 2019, Tadjourah, Djibouti: The Intergovernmental Authority …'
            return Dateline(place=place_after.group("place").strip(), date=d, end=d.end + place_after.end())
    return None


def find_published(lines: list[str]) -> DateMention | None:
    """A publication date announced on the page: 'Published on 3 May 2021', 'Publié le …', or a short
    line that is only a place and a date ('Quito, 6 de marzo de 2020', '09/12/2021 16:40 | Actualizado …'), the
    date maybe after a weekday ('mardi, 20 mai 2008') or a field separator ('FE REPORT | May 22, 2024'); failing
    those, the date the page says it was last changed ('Last modified: September 21, 2002')."""
    cued = _cued_date(lines, _PUBLISHED_CUES)
    if cued:
        return cued
    for line in lines:
        s = line.strip()
        if not s or not _DIGIT.search(s) or bp.n_words(s) > (20 if _BYLINE.match(s) else 12):
            continue  # (a day date is written with digits; a byline may go on with the time, comments)
        dates = [d for d in find_dates(s) if d.precision == "day" and d.start <= 40]
        short_day = _SHORT_WORD_COMMA.match(s)  # 'mar, 31/07/2018 - 22:40': an abbreviated weekday before the field
        numeric = _numeric_date(s) or (_numeric_date(s[short_day.end():]) if short_day else None)
        if numeric:
            return numeric
        if not dates:
            continue
        if _CREDIT.fullmatch(s[dates[0].end:]) and s.startswith("("):  # '(Xinhua News Agency July 12, 2003)'
            return dates[0]
        before = s[:dates[0].start]
        header = _HEADER_BEFORE_DATE.search(before)
        if header:  # the weekday or separator is no part of the place: 'Ouagadougou, jeudi' -> 'Ouagadougou,'
            before = before[:header.start()]
        if not before.strip(" |•") or _DATELINE_PLACE.match(before) or (header and header.group(0).strip() == "|"
                                                                           and bp.n_words(before) <= 4) \
                or (_BYLINE.match(before) and bp.n_words(before) <= 6):
            return dates[0]  # ('| Mercredi 5 Juillet 2006 à 21:28': a field separator opening the line)
    return _cued_date(lines, _UPDATED_CUES) or glued_date(lines)


def _cued_date(lines: list[str], cues: tuple[re.Pattern[str], ...]) -> DateMention | None:
    """The first day date right after a cue ('Published on 3 May 2021', 'Last Updated: Tuesday, 4 March, 2003'):
    of the languages' ``cues`` found first on a line, the longest."""
    for line in lines:
        found = [c for rx in cues if (c := rx.search(line))]
        first = min((c.start() for c in found), default=-1)
        m = max((c for c in found if c.start() == first), key=lambda c: c.end(), default=None)
        if m and m.end() < len(line):
            field = line[m.end(): m.end() + 40]
            for d in [*find_dates(field), *filter(None, [_numeric_date(field)])]:
                if d.precision == "day" and (d.start == 0 or _HEADER_BEFORE_DATE.fullmatch(field[:d.start])):
                    return d
    return None


#: a date field written in figures opening a line: day first ('17/02/2010', '28.03.2012'; a two-digit year only when the
#: line is nothing else: '17/02/10') or year first ('2022/6/23', '2017•12•11 Maastricht')
#: (a two-digit year only after slashes: '1.2.10' is a version or a section number, '17/02/10' a date)
_NUMERIC_FIELD = re.compile(r"(?P<d>[0-3]?\d)(?P<sep>[/.])(?P<m>[01]?\d)(?P=sep)(?:(?P<y>(?:19|20)\d\d)\b|(?<=/)(?P<yy>\d\d)\s*$)"
                            r"|(?P<y2>(?:19|20)\d\d)(?P<sep2>[/.•])(?P<m2>[01]?\d)(?P=sep2)(?P<d2>[0-3]?\d)(?!\d)")
#: what closes a closing credit after its date: '(Xinhua News Agency July 12, 2003)'
_CREDIT = re.compile(r"\s*\)\W*")


_SHORT_WORD_COMMA = re.compile(r"[^\W\d_]{2,4}\.?,\s*")  # 'mar,', 'Tue.,': a short word (an abbreviated weekday) and a comma


def _numeric_date(field: str) -> DateMention | None:
    """The day a date field written in figures opens ``field`` with (see :data:`_NUMERIC_FIELD`), day first unless the
    month cannot be the second number ('06/16/2025'); a two-digit year is of this century below 70 ('17/02/10': 2010),
    of the last one from 70."""
    m = _NUMERIC_FIELD.match(field.strip())
    if not m:
        return None
    if m["y2"]:
        y, mo, d = int(m["y2"]), int(m["m2"]), int(m["d2"])
    else:
        y = int(m["y"]) if m["y"] else int(m["yy"]) + (2000 if int(m["yy"]) < 70 else 1900)
        mo, d = int(m["m"]), int(m["d"])
    if mo > 12 and d <= 12 and not m["y2"]:
        mo, d = d, mo  # '06/16/2025': month first, as a US page writes it (only when the day first cannot be)
    try:
        value = dt.date(y, mo, d).isoformat()
    except ValueError:
        return None
    start = len(field) - len(field.lstrip())
    return DateMention(start, start + len(m.group(0).rstrip()), m.group(0).rstrip(), value, "day")


def glued_date(lines: list[str]) -> DateMention | None:
    """The first day date run into a neighbouring word, as a scraped date field is ('News article25 May 2018',
    '13 de maio de 2017O Alto Comissariado', 'English13 Sep 2016'): page furniture carrying the page's date."""
    for line in lines:
        cuts = [g.start() for g in _GLUED_FIELD.finditer(line)]
        if not cuts:
            continue
        text = " ".join(line[a:b] for a, b in zip([0, *cuts], [*cuts, len(line)]))
        spaces = {c + k for k, c in enumerate(cuts)}  # offsets of the spaces put in
        for d in find_dates(text):
            if d.precision == "day" and (d.start - 1 in spaces or d.end in spaces):
                return d
    return None


def clean_page(text: str, repeated: set[str] = frozenset()) -> tuple[list[bp.Paragraph], list[tuple[int, str, str]]]:
    """Split a page into body paragraphs and removed boilerplate lines ``(line_no, reason, text)``."""
    return _clean_lines(normalise_text(text).split("\n"), repeated)


def _clean_lines(lines: list[str], repeated: set[str]) -> tuple[list[bp.Paragraph], list[tuple[int, str, str]]]:
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
        body, note = bp.strip_disclaimer(body)
        if note:
            removed.append((i, "disclaimer", note))
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


def build_document(doc_id: str, name: str, raw: str, repeated: set[str] = frozenset(),
                   meta: dict[str, str] | None = None, relevant: Callable[[str], bool] | None = None) -> tuple[dict, list[dict]]:
    """Turn one decoded raw page into a ``documents`` row and its ``boilerplate`` rows.

    ``meta`` may give title, published, url, publisher and source_format (HTML/PDF metadata,
    the sidecar file); ``relevant`` rejects a page that names no actor at all.
    """
    meta = meta or {}
    text = normalise_text(raw)
    leading = _LEADING_DATE.match(text)
    iso = leading.group("iso") if leading else ""
    stored = [iso_mention(iso)] if iso else []
    lines = (text[leading.end():] if leading else text).split("\n")
    paragraphs, removed = _clean_lines(lines, repeated)
    if not paragraphs:
        raise IngestError("no article text left after removing site boilerplate")
    if relevant is not None and not relevant("\n".join(p.text for p in paragraphs)):
        raise IngestError("nothing relevant: no organization, mechanism, programme or government named")
    body = "\n\n".join(p.text for p in paragraphs)
    language = detect_language(body)
    if language not in LANGUAGES_SUPPORTED and language != "und":
        raise IngestError(f"language {language}: no resources; supported: {', '.join(LANGUAGES_SUPPORTED)}")
    dateline = next((dl for p in paragraphs[:8] if not p.heading and (dl := find_dateline(p.text))), None)
    published = dateline.date if dateline else find_published(lines) or (stored[0] if stored else None)
    given = meta.get("published", "")
    given_date = find_dates(given)[0] if given and find_dates(given) else None
    if given_date and given_date.precision == "day":
        published = given_date
    row = {
        "doc_id": doc_id,
        "file": name,
        "sha256": hashlib.sha256(raw.encode("utf-8")).hexdigest(),
        "language": language,
        "title": normalise_text(meta.get("title") or "").strip() or pick_title(paragraphs),
        "published": published.first if published else "",
        "published_precision": published.precision if published else "",
        "url": meta.get("url", ""),
        "publisher": meta.get("publisher", ""),
        "source_format": meta.get("source_format", "text"),
        "dateline_place": dateline.place if dateline else "",
        "n_chars_raw": len(raw),
        "n_chars_body": len(body),
        "n_lines_removed": len(removed),
        "body": body,
    }
    bp_rows = [{"doc_id": doc_id, "line_no": no, "reason": reason, "text": text} for no, reason, text in removed]
    return row, bp_rows


def raw_files(raw_dir: Path) -> list[Path]:
    """The entries of the raw folder, sorted by name; hidden entries and the sidecar excluded (folders, FIFOs and
    devices are listed so that they are rejected with their reason, never silently skipped or opened)."""
    return sorted(p for p in Path(raw_dir).iterdir() if not p.name.startswith(".") and p.name != SIDECAR)


def _read_one(path: Path, raw_dir: Path) -> tuple[RawPage, str, set[str]] | str:
    """Read one raw file: (page, hash of its normalised text, its line keys), or the reason it is rejected."""
    try:
        page = read_raw(path, raw_dir)
    except (IngestError, LimitExceeded) as exc:
        return str(exc)
    except (OSError, UnicodeDecodeError) as exc:
        return f"unreadable: {getattr(exc, 'strerror', None) or exc}"
    except Exception as exc:  # noqa: BLE001 - one file's failure (a library's own error) never ends the run
        return failure_reason(exc, "reading")
    norm = normalise_text(page.text)
    return page, hashlib.sha256(norm.encode("utf-8")).hexdigest(), bp.line_keys(norm.split("\n"))


#: the shapes of a cached ingestion result (anything else read from the cache is recomputed)
CACHE_SHAPES = (frozenset({"row", "removed"}), frozenset({"rejected"}))


def _build_one(job: tuple[str, str, str, dict[str, str]]) -> dict:
    """Worker: one document's cache value (``row`` and ``removed``, or ``rejected``)."""
    doc_id, name, raw, meta = job
    try:
        row, removed = build_document(doc_id, name, raw, shared()["repeated"], meta, shared()["relevant"])
        return {"row": row, "removed": removed}
    except (IngestError, LimitExceeded) as exc:
        return {"rejected": str(exc)}
    except Exception as exc:  # noqa: BLE001 - one document's failure never ends the run
        return {"rejected": failure_reason(exc, "cleaning")}


def failure_reason(exc: BaseException, stage: str) -> str:
    """The reason of a file rejected because a step failed on it: the step, the error type and its message
    ('failed while extracting: KeyError: 'x'')."""
    message = " ".join(str(exc).split())[:200]
    return f"failed while {stage}: {type(exc).__name__}{': ' + message if message else ''}"


def ingest_corpus(raw_dir: Path, progress: Callable[[str], None] | None = None,
                  relevant: Callable[[str], bool] | None = None, cache: "DocCache | None" = None,
                  salt: str = "", workers: int = 1, scheduler: str = "") -> tuple[list[dict], list[dict], list[dict]]:
    """Read every raw file: returns (documents rows, boilerplate rows, rejected rows).

    With a ``cache``, a page whose text, metadata, shared site lines and ``salt`` (code and
    reference versions) are unchanged is not processed again. ``workers`` > 1 reads and
    cleans files in that many processes, ``scheduler`` on a Dask cluster (same output).
    """
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder not found: {raw_dir}")
    texts: dict[str, tuple[str, str]] = {}
    metas: dict[str, dict[str, str]] = {}
    keys_of: dict[str, set[str]] = {}
    rejected: list[dict] = []
    seen_hash: dict[str, str] = {}
    try:
        sidecar = read_sidecar(raw_dir)
    except (IngestError, OSError, UnicodeDecodeError, csv.Error) as exc:  # csv.Error: a field over the csv limit
        rejected.append({"file": SIDECAR, "reason": str(exc) if isinstance(exc, IngestError) else failure_reason(exc, "reading")})
        sidecar = {}
    paths = raw_files(raw_dir)
    for path, got in zip(paths, process_map(functools.partial(_read_one, raw_dir=raw_dir), paths, workers, scheduler)):
        if isinstance(got, str):
            rejected.append({"file": shown_name(path.name), "reason": got})
            continue
        page, digest, line_keys = got
        if digest in seen_hash:
            rejected.append({"file": shown_name(path.name), "reason": f"same content as {seen_hash[digest]}"})
            continue
        seen_hash[digest] = shown_name(path.name)
        doc_id = unique_id(path, texts)
        texts[doc_id] = (shown_name(path.name), page.text)
        keys_of[doc_id] = line_keys
        metas[doc_id] = {"title": page.title, "published": page.published, "source_format": page.source_format,
                         **{k: v for k, v in sidecar.get(path.name, {}).items() if k in ("url", "publisher", "published", "title") and v}}
    repeated = bp.repeated_among(keys_of)
    jobs, values, keys = [], {}, {}
    for doc_id, (name, raw) in sorted(texts.items()):
        shared = sorted(repeated & keys_of[doc_id])
        keys[doc_id] = sha256_text(doc_id, name, raw, shared, metas[doc_id], relevant is not None, salt)
        hit = cache.get(keys[doc_id]) if cache else None
        if hit is None:
            jobs.append((doc_id, name, raw, metas[doc_id]))
        else:
            values[doc_id] = hit
    fresh = {job[0] for job in jobs}
    for job, value in zip(jobs, process_map(_build_one, jobs, workers, scheduler, repeated=repeated, relevant=relevant)):
        values[job[0]] = value
        if cache:
            cache.put(keys[job[0]], value)
    documents: list[dict] = []
    boiler: list[dict] = []
    say = per_item(progress, len(texts))
    for doc_id, (name, _) in sorted(texts.items()):
        hit = values[doc_id]
        if "rejected" in hit:
            rejected.append({"file": name, "reason": hit["rejected"]})
            continue
        row = hit["row"]
        documents.append(row)
        boiler.extend(hit["removed"])
        say(f"ingest {name}: {row['language']}, {row['n_chars_body']} chars kept, "
            f"{row['n_lines_removed']} lines removed{'' if doc_id in fresh else ' (unchanged, from cache)'}")
    if cache:
        cache.prune(set(keys.values()))
    return documents, boiler, rejected


def parse_date(value: str) -> dt.date | None:
    """The date of an ISO day string, or None."""
    try:
        return dt.date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


INGEST_MODULES = module_closure("ingest")  # what the per-document cache key covers: derived from the imports


def reference_fingerprint(reference_dir: Path) -> str:
    """Hash of the reference files, the package's and the project's additions (their content decides what is
    relevant and what is matched)."""
    from .kb import reference_files  # noqa: PLC0415

    return sha256_text(*[(p.name, p.read_bytes().hex()) for p in reference_files(reference_dir)])


class RelevanceFilter:
    """A test that a text names at least one actor of the knowledge base, a government or a defined acronym
    (an object, not a closure, so worker processes can receive it)."""

    def __init__(self, reference_dir: Path) -> None:
        from .kb import load_kb  # noqa: PLC0415

        self.kb = load_kb(reference_dir)

    def __call__(self, text: str) -> bool:
        from .kb import ACTOR_KINDS  # noqa: PLC0415

        if RELEVANT.search(text):
            return True
        # paragraph by paragraph (no name spans two), stopping at the first actor: most pages name one early
        return any(self.kb.entities[h.key].kind in ACTOR_KINDS or self.kb.entities[h.key].kind == "country"
                   for para in text.split("\n") for h in self.kb.matcher.find(para))


def relevance_filter(reference_dir: Path) -> Callable[[str], bool]:
    """A :class:`RelevanceFilter` over the knowledge base of ``reference_dir``."""
    return RelevanceFilter(reference_dir)


def run_stage(raw_dir: Path, processed_dir: Path, progress: Callable[[str], None] | None = print,
              reference_dir: Path | None = None, workers: int = 1, scheduler: str = "") -> dict:
    """Stage entry point: ingest ``raw_dir`` and write documents, boilerplate and rejected tables.

    With ``reference_dir``, pages that name no actor at all are rejected as not relevant;
    ``workers`` > 1 reads and cleans the files in that many processes, ``scheduler`` (a Dask
    scheduler address) on that cluster's workers.
    """
    from .tables import frame, write_tables  # noqa: PLC0415

    relevant = relevance_filter(reference_dir) if reference_dir else None
    salt = sha256_text(code_hash(*INGEST_MODULES), reference_fingerprint(reference_dir) if reference_dir else "")
    cache = DocCache(Path(processed_dir) / ".cache" / "ingest.sqlite", shapes=CACHE_SHAPES, note=progress)
    with fewer_collections():
        documents, boiler, rejected = ingest_corpus(raw_dir, progress, relevant, cache, salt, workers, scheduler)
    for r in rejected:
        if progress:
            progress(f"rejected {r['file']}: {r['reason']}")
    out = {"documents": frame("documents", documents), "boilerplate": frame("boilerplate", boiler),
           "rejected": frame("rejected", rejected)}
    write_tables(out, processed_dir)
    return out
