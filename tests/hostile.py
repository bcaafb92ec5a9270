"""Hostile inputs, generated (no binary fixture is committed): hand-written PDFs, bombs, pages that never end.

``CASES`` maps a raw file name to a function writing it and to what the run must report for it: a reason
fragment for ``rejected.csv``, or ``DOCUMENT`` when the file must be read as a document. The whole folder
(the seeds plus every case) is run end to end by ``tests/test_hostile.py``.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path
from typing import Callable

from analysis.limits import LIMITS

DOCUMENT = "document"
#: English prose naming no actor (the language of a page is read from its function words)
PROSE = ("The partners of the programme met in Geneva and they agreed that the work of the organizations in the region "
         "is to be continued with the governments and the communities.")
GOOD = ("Geneva, 3 May 2021 - The International Organization for Migration (IOM) and the UN Refugee Agency (UNHCR) "
        "signed an agreement today to protect refugees and migrants in the Sahel.")


def text_stream(text: str) -> bytes:
    """A PDF content stream showing ``text`` in one line."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    data = f"BT /F1 10 Tf 40 700 Td ({escaped}) Tj ET".encode("latin-1")
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data)


def pdf(contents: list[bytes], title: str = "") -> bytes:
    """A PDF whose pages have the given content stream objects (dictionary + stream), with a cross-reference table."""
    n = len(contents)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode(),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i, content in enumerate(contents):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                       f"/Contents {5 + 2 * i} 0 R >>".encode())
        objects.append(content)
    info = b""
    if title:
        objects.append(f"<< /Title ({title}) >>".encode("latin-1"))
        info = f" /Info {len(objects)} 0 R".encode()
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (k, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, info, xref)
    return bytes(out)


def flate_bomb() -> bytes:
    """One page whose content stream inflates past the decompression limit (a few kB on disk)."""
    data = zlib.compress(b"0" * (LIMITS.pdf_stream_bytes + 1_000_000), 9)
    return pdf([b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data)])


def huge_length() -> bytes:
    """One page whose content stream declares a /Length far past the limit."""
    return pdf([b"<< /Length 99999999999 >>\nstream\nBT ET\nendstream"])


def _write(text: str | bytes) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return write


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _link(target: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        os.symlink(target, path)
    return write


def _sparse(size: int) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        with open(path, "wb") as fh:
            fh.truncate(size)
    return write


def _folder(path: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_text(GOOD, encoding="utf-8")


#: file name -> (writer, what the run reports: DOCUMENT or a fragment of the rejection reason)
CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "h_unpunctuated.txt": (_write("IOM and UNODC and " * 7000 + "UNHCR signed."), DOCUMENT),
    "h_long_text.txt": (_write("\n\n".join(f"Meeting {i}: IOM and UNHCR met the partners of the Sahel programme "
                                           f"in Niamey for the {i}th time." for i in range(2500))),
                        DOCUMENT),  # 220 kB: over the csv module's field limit
    "h_too_many_chars.txt": (_write("IOM and UNHCR. " * (LIMITS.chars // 15 + 10)), "limit chars="),
    "h_too_many_sentences.txt": (_write("IOM and UNHCR signed an agreement.\n\n" + "The partners met in Geneva. "
                                        * (LIMITS.sentences + 10)), "limit sentences="),
    "h_dense_sentence.txt": (_write(" ".join([PROSE] * 20) + "\n\n" + "IOM, " * (LIMITS.mentions_per_sentence + 10) + "met."),
                             "limit mentions_per_sentence="),
    "h_big_page.html": (_write("<html><body><p>" + "IOM and UNHCR work together. " * (LIMITS.html_bytes // 29 + 10)
                               + "</p></body></html>"), "limit html_bytes="),
    "h_svg_script.html": (_write("<svg><script>alert(1)</script></svg>"), "HTML"),
    "h_flate_bomb.pdf": (lambda p: p.write_bytes(flate_bomb()), "limit pdf_stream_bytes="),
    "h_huge_length.pdf": (lambda p: p.write_bytes(huge_length()), "limit pdf_stream_bytes="),
    "h_many_pages.pdf": (lambda p: p.write_bytes(pdf([text_stream(GOOD)] * (LIMITS.pdf_pages + 1))), "limit pdf_pages="),
    "h_release.pdf": (lambda p: p.write_bytes(pdf([text_stream(GOOD.replace("Sahel", "Chad"))], "R&D")), DOCUMENT),
    "h_huge.txt": (_sparse(LIMITS.file_bytes + 1), "limit file_bytes="),
    "h_esc\x1b[31mname.txt": (_write(GOOD.replace("Sahel", "Niger") + " \x1b[31mRed\x1b[0m \u202egnp.exe\u200d"), DOCUMENT),
    "h_bad\udcff\nname\u202e.txt": (_write("IOM and ILO signed an agreement in Geneva on 9 May 2022."), DOCUMENT),
    "h_zwj.txt": (_write("UN\u200dHCR and WFP signed a memorandum of understanding in Rome on 3 March 2020."), DOCUMENT),
    "h_formula.txt": (_write("=HYPERLINK(\"http://x\",\"IOM\")\n\n@SUM(1) IOM and UNICEF launched a programme in Chad."),
                      DOCUMENT),
    "-h_dash.txt": (_write("+1 IOM and WFP signed an agreement in Dakar on 5 May 2020."), DOCUMENT),
    "r_x.md": (_write("IOM and UNFPA met in Geneva on 1 June 2021."), DOCUMENT),
    "r_x.txt": (_write("IOM and UNICEF met in Geneva on 2 June 2021."), DOCUMENT),
    "r_x.txt.md": (_write("IOM and WHO met in Geneva on 3 June 2021."), DOCUMENT),
    "h_zz_copy.txt": (_write(GOOD), "same content as h_good.txt"),
    "h_empty.txt": (_write(""), "empty file"),
    "h_binary.txt": (_write(bytes(range(256)) * 8), "not decodable as text"),
    "h_notes.docx": (_write("x"), "unsupported file type"),
    "h_fifo.txt": (_fifo, "not a regular file (FIFO)"),
    "h_folder": (_folder, "not a regular file (folder)"),
    "h_loop.txt": (_link("h_loop.txt"), "symbolic link that leads nowhere"),
    "h_to_fifo.txt": (_link("h_fifo.txt"), "not a regular file (FIFO)"),
    "h_outside.txt": (_link("/etc/hostname"), "outside the raw folder"),
}
GOOD_FILE = ("h_good.txt", GOOD)
SIDECAR = ("file,url,publisher,published\n"
           "h_good.txt,=cmd|' /C calc'!A0,@evil,2021-05-04\n"
           "h_zwj.txt\n"  # a short row
           "r_x.md,https://example.org/x,IOM,\n")


def write_cases(raw: Path) -> Path:
    """Write every case (and a good file and a sources.csv with formulas and a short row) into ``raw``."""
    raw.mkdir(parents=True, exist_ok=True)
    (raw / GOOD_FILE[0]).write_text(GOOD_FILE[1], encoding="utf-8")
    (raw / "sources.csv").write_text(SIDECAR, encoding="utf-8")
    for name, (write, _) in CASES.items():
        write(raw / name)
    return raw
