"""One hostile file never stops, hangs or floods a run; the run's own state never lies (issue 13).

Every input here is generated (``tests/hostile.py``): no binary fixture is committed.
"""

from __future__ import annotations

import csv
import fcntl
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import extract
from analysis.cache import DocCache
from analysis.extract import extract_corpus
from analysis.ingest import ingest_corpus, relevance_filter
from analysis.settings import package_path
from analysis.tables import frame, read_table, shown_name, write_table, write_tables

from conftest import ROOT, SEEDS, write_corpus
from hostile import CASES, DOCUMENT, GOOD, GOOD_FILE, write_cases

REFERENCE = ROOT / "data" / "reference"  # the project's additions to the package's knowledge base
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def run(args, **kw):
    return subprocess.run([sys.executable, "-m", "analysis.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=600, **kw)


def errors(res) -> list[str]:
    """The lines the command line wrote on stderr (a kernel's own warnings left out)."""
    return [line for line in res.stderr.splitlines() if line.startswith("analysis:")]


def reported(raw: Path, kb) -> dict[str, str]:
    """What ingestion and extraction report for each file of ``raw``: DOCUMENT, or its rejection reason."""
    docs, _, rejected = ingest_corpus(raw, relevant=relevance_filter(REFERENCE))
    out = {d["file"]: DOCUMENT for d in docs}
    for r in rejected + extract_corpus(docs, kb)["rejected"]:
        out[r["file"]] = r["reason"]
    return out


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_hostile_file_is_read_or_rejected_with_its_reason(tmp_path, kb, name):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / GOOD_FILE[0]).write_text(GOOD_FILE[1], encoding="utf-8")
    write, expected = CASES[name]
    write(raw / name)
    if name.startswith("h_to_fifo"):
        CASES["h_fifo.txt"][0](raw / "h_fifo.txt")
    got = reported(raw, kb)
    assert got[GOOD_FILE[0]] == DOCUMENT
    if expected == DOCUMENT:
        assert got[shown_name(name)] == DOCUMENT
    else:
        assert got[shown_name(name)] != DOCUMENT and expected in got[shown_name(name)], got[shown_name(name)]


def fail_extracting(monkeypatch, doc_id: str, error: Exception) -> None:
    """Make the extraction of document ``doc_id`` raise ``error`` (the others are extracted as usual)."""
    real = extract.extract_document

    def fragile(doc, *args, **kw):
        if doc["doc_id"] == doc_id:
            raise error
        return real(doc, *args, **kw)
    monkeypatch.setattr(extract, "extract_document", fragile)


def test_a_failure_while_extracting_one_document_rejects_that_document_only(kb, monkeypatch):
    docs = [{"doc_id": d, "file": f"{d}.txt", "body": body, "language": "en", "published": "2021-05-03"}
            for d, body in (("a", GOOD), ("b", GOOD.replace("Sahel", "Chad")), ("c", GOOD.replace("Sahel", "Mali")))]
    expected = extract_corpus([docs[0], docs[2]], kb)
    fail_extracting(monkeypatch, "b", KeyError("a rule bug"))
    got = extract_corpus(docs, kb)
    assert got["rejected"] == [{"file": "b.txt", "reason": "failed while extracting: KeyError: 'a rule bug'"}]
    assert {k: v for k, v in got.items() if k != "rejected"} == {k: v for k, v in expected.items() if k != "rejected"}
    assert {m["doc_id"] for m in got["mentions"]} == {"a", "c"}


def test_a_failure_while_discovering_names_rejects_that_document_only(kb, monkeypatch):
    docs = [{"doc_id": d, "file": f"{d}.txt", "body": body, "language": "en", "published": ""}
            for d, body in (("a", GOOD), ("b", "POISON " + GOOD.replace("Sahel", "Chad")))]
    real = extract.discover

    def fragile(bodies, kb):
        if any("POISON" in b for b in bodies.values()):
            raise RecursionError("maximum recursion depth exceeded")
        return real(bodies, kb)
    monkeypatch.setattr(extract, "discover", fragile)
    got = extract_corpus(docs, kb)
    assert got["rejected"] == [{"file": "b.txt", "reason": "failed while extracting: RecursionError: "
                                                          "maximum recursion depth exceeded"}]
    assert {m["doc_id"] for m in got["mentions"]} == {"a"} and got["relations"]


def test_the_extract_stage_adds_its_rejections_to_rejected_csv_once(tmp_path, monkeypatch):
    docs = [{"doc_id": d, "file": f"{d}.txt", "body": GOOD.replace("Sahel", place), "language": "en",
             "published": "", "n_chars_raw": 1, "n_chars_body": 1, "n_lines_removed": 0}
            for d, place in (("a", "Chad"), ("b", "Mali"))]
    write_table(frame("documents", docs), tmp_path, "documents")
    write_table(frame("rejected", [{"file": "empty.txt", "reason": "empty file"}]), tmp_path, "rejected")
    fail_extracting(monkeypatch, "b", ValueError("bad"))
    for _ in range(2):  # a rerun of the stage lists the failure once, and keeps ingestion's rows
        extract.run_stage(tmp_path, REFERENCE, progress=None)
        assert read_table(tmp_path, "rejected").to_dict("records") == [
            {"file": "b.txt", "reason": "failed while extracting: ValueError: bad"},
            {"file": "empty.txt", "reason": "empty file"}]
    assert set(read_table(tmp_path, "mentions")["doc_id"]) == {"a"}


def test_document_ids_never_collide(tmp_path, kb):
    names = ["a.md", "a?.md", "a_.md", "r_x.md", "r_x.txt", "r_x.txt.md", "r_x.txt-2.md"]
    raw = write_corpus(tmp_path / "raw", {n: f"IOM and UNHCR met in Geneva on {i + 1} June 2021." for i, n in enumerate(names)})
    docs, _, rejected = ingest_corpus(raw)
    assert not rejected and sorted(d["file"] for d in docs) == sorted(names)
    assert len({d["doc_id"] for d in docs}) == len(names)
    assert {d["file"]: d["doc_id"] for d in docs}["r_x.txt"] == "r_x.txt"


def test_a_table_set_is_written_whole_or_not_at_all(tmp_path, monkeypatch):
    from analysis import tables

    write_tables({"rejected": frame("rejected", [{"file": "old.txt", "reason": "old"}]),
                  "corrections_applied": frame("corrections_applied", [])}, tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real = tables.table_csv

    def disk_full(df, name):
        if name == "corrections_applied":
            raise OSError(28, "No space left on device")
        return real(df, name)
    monkeypatch.setattr(tables, "table_csv", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_tables({"rejected": frame("rejected", [{"file": "new.txt", "reason": "new"}]),
                      "corrections_applied": frame("corrections_applied", [])}, tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no new table, no temporary file


def test_a_cache_of_another_schema_or_shape_is_rebuilt_with_a_note(tmp_path):
    import sqlite3

    notes = []
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database at all " * 100)
    cache = DocCache(garbage, note=notes.append)
    cache.put("k", {"row": 1})
    cache.prune({"k"})
    assert DocCache(garbage).get("k") == {"row": 1}
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE cache (id INTEGER, payload BLOB, created TEXT)")
    assert DocCache(other, note=notes.append).get("k") is None
    assert [n.split(": ", 1)[1] for n in notes] == ["unreadable or of another schema: removed and rebuilt"] * 2
    shaped = DocCache(tmp_path / "shaped.sqlite", shapes=(frozenset({"row", "removed"}),))
    shaped.put("a", {"row": 1, "removed": []})
    shaped.put("b", {"unexpected": True})
    shaped.put("c", [1, 2])
    assert shaped.get("a") == {"row": 1, "removed": []} and shaped.get("b") is None and shaped.get("c") is None


def test_the_pdf_page_header_escapes_for_css_not_for_html():
    from analysis.report import css_string

    assert css_string("R&D") == '"R&D"'
    header = css_string('A "B" </style><script>x</script> \\ \n')
    assert "&amp;" not in header and "</style>" not in header and "<" not in header and '"' not in header[1:-1]


def _args(raw, out, *extra):
    return ["run", "--raw-dir", str(raw), "--processed-dir", str(out / "p"), "--reports-dir", str(out / "r"), *extra]


def test_a_folder_whose_only_file_is_rejected_exits_1_on_every_run(tmp_path):
    raw = write_corpus(tmp_path / "raw", {"empty.txt": ""})
    for attempt in range(2):  # the second run skips ingestion (cached) and must still say so
        res = run(_args(raw, tmp_path))
        assert res.returncode == 1, (attempt, res.stdout, res.stderr)
        assert errors(res) == [f"analysis: no usable file in {raw}: 1 rejected "
                                                   f"(reasons in {tmp_path / 'p' / 'rejected.csv'})"]
    assert "[01_ingest.ipynb] unchanged inputs, parameters and code: skipped" in res.stdout
    assert read_table(tmp_path / "p", "rejected")["reason"].tolist() == ["empty file"]
    assert not list((tmp_path / "p").glob(".run-*"))


def test_a_folder_whose_only_document_fails_extraction_exits_1(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    CASES["h_too_many_sentences.txt"][0](raw / "only.txt")
    res = run(_args(raw, tmp_path))
    assert res.returncode == 1 and "no usable file" in res.stderr, res.stderr
    assert "too many sentences" in read_table(tmp_path / "p", "rejected")["reason"][0]
    assert read_table(tmp_path / "p", "relations").empty  # this run's (empty) extraction, and no later stage's
    assert not (tmp_path / "p" / "cooperation.graphml").exists()


def test_a_second_run_on_the_same_folder_waits_for_the_first(tmp_path):
    raw = write_corpus(tmp_path / "raw", {"empty.txt": ""})
    (tmp_path / "p").mkdir()
    with open(tmp_path / "p" / ".lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another run holds the folder
        proc = subprocess.Popen([sys.executable, "-m", "analysis.cli", *_args(raw, tmp_path)], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first = proc.stdout.readline()
        assert first.startswith(f"waiting: another run is writing to {tmp_path / 'p'}"), first
        assert proc.poll() is None  # it waits, writing nothing
        assert not (tmp_path / "p" / "rejected.csv").exists()
    out, err = proc.communicate(timeout=300)  # the lock is released: it runs
    assert proc.returncode == 1 and "no usable file" in err and "[01_ingest.ipynb] done" in out


def test_a_failed_run_leaves_the_previous_tables_whole_and_a_bad_cache_is_rebuilt(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(SEEDS, raw)
    assert run(_args(raw, tmp_path)).returncode == 0
    processed = tmp_path / "p"
    before = {p.name: p.read_bytes() for p in processed.iterdir() if p.is_file() and p.name != ".lock"}
    # the next run has one more page and a full disk in its network stage (after ingest and extract wrote theirs)
    (raw / "new.txt").write_text(GOOD, encoding="utf-8")
    notebooks = shutil.copytree(package_path("notebooks"), tmp_path / "notebooks")
    nb = json.loads((notebooks / "03_network.ipynb").read_text())
    nb["cells"].insert(2, {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                           "source": "raise OSError(28, 'No space left on device')"})
    (notebooks / "03_network.ipynb").write_text(json.dumps(nb))
    res = run(_args(raw, tmp_path, "-p", f"notebooks_dir={notebooks}"))
    assert res.returncode == 1 and "[02_extract.ipynb] done" in res.stdout
    assert len(errors(res)) == 1 and "No space left on device" in errors(res)[0], res.stderr
    after = {p.name: p.read_bytes() for p in processed.iterdir() if p.is_file() and p.name != ".lock"}
    assert after == before  # the previous run's set, whole: no new documents.csv next to old relations
    assert not list(processed.glob(".run-*"))
    # caches and stage state that cannot be read: noted, recomputed, never a failed run
    (processed / ".cache" / "extract.sqlite").write_bytes(b"garbage " * 1000)
    (processed / ".cache" / "ingest.sqlite").unlink()
    import sqlite3
    with sqlite3.connect(processed / ".cache" / "ingest.sqlite") as conn:
        conn.execute("CREATE TABLE cache (id INTEGER, payload BLOB)")
    (processed / ".stages.json").write_text("[1, 2, 3]")
    res = run(_args(raw, tmp_path))
    assert res.returncode == 0, res.stderr
    assert res.stdout.count("unreadable or of another schema: removed and rebuilt") == 2
    assert ".stages.json of " in res.stdout and "every stage runs" in res.stdout
    assert "new.txt" in set(read_table(processed, "documents")["file"])
    assert run(_args(raw, tmp_path)).stdout.count("skipped") == 4


def _cells(folder: Path):
    csv.field_size_limit(sys.maxsize)
    for path in sorted(folder.glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    yield path.name, cell


def _is_number(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False


@pytest.mark.slow
def test_the_whole_hostile_folder_runs_and_reports_every_file(tmp_path):
    """The seeds and one file per hostile case, on two workers: exit 0, every file a document or rejected with
    its reason, the seed scores unchanged, no cell a spreadsheet would run; a rerun skips every stage."""
    from analysis.evaluate import evaluate

    raw = tmp_path / "raw"
    shutil.copytree(SEEDS, raw)
    write_cases(raw)
    title = 'R&D <b>"Partners"</b>'
    res = run(_args(raw, tmp_path, "--workers", "2", "-p", f"title={title}"))
    assert res.returncode == 0, res.stderr[-2000:]
    processed = tmp_path / "p"
    docs, rejected = read_table(processed, "documents"), read_table(processed, "rejected")
    reasons = dict(zip(rejected["file"], rejected["reason"]))
    entries = sorted(shown_name(p.name) for p in raw.iterdir() if p.name != "sources.csv")
    assert sorted(set(docs["file"]) | set(reasons)) == sorted(e if e[0] not in FORMULA_START else "'" + e for e in entries)
    for name, (_, expected) in CASES.items():
        shown = shown_name(name) if name[0] not in FORMULA_START else "'" + shown_name(name)
        if expected == DOCUMENT:
            assert shown in set(docs["file"]) and shown not in reasons, name
        else:
            assert expected in reasons[shown], (name, reasons.get(shown))
            assert f"rejected {shown}: {reasons[shown]}" in res.stdout
    summary, _ = evaluate(processed, ROOT / "data/annotations/gold_seeds.json", ROOT / "data/annotations/aliases.json")
    assert (summary["actor_f1"], summary["pair_f1"], summary["event_recall"], summary["trap_hits"]) == (1.0, 1.0, 1.0, 0)
    assert [(t, c[:40]) for t, c in _cells(processed) if c.startswith(FORMULA_START) and not _is_number(c)] == []
    # linear: a mention row references its sentence (the 126 kB unpunctuated page alone once wrote 28 MB of mentions)
    assert (processed / "mentions.csv").stat().st_size < 5 * (processed / "documents.csv").stat().st_size
    from pypdf import PdfReader
    assert title in PdfReader(tmp_path / "r" / "report.pdf").pages[1].extract_text()  # the page header, unescaped
    again = run(_args(raw, tmp_path, "--workers", "2", "-p", f"title={title}"))
    assert again.returncode == 0 and again.stdout.count("skipped") == 4


def test_a_sources_csv_with_a_huge_field_is_rejected_and_the_pages_are_read(tmp_path):
    raw = write_corpus(tmp_path / "raw", {"a.txt": GOOD, "sources.csv": "file,url\na.txt," + "x" * 140_000 + "\n"})
    previous = csv.field_size_limit(131072)  # the csv module's default, as in the ingest kernel
    try:
        docs, _, rejected = ingest_corpus(raw)
    finally:
        csv.field_size_limit(previous)
    assert [d["file"] for d in docs] == ["a.txt"] and docs[0]["url"] == ""
    assert rejected == [{"file": "sources.csv", "reason": "failed while reading: Error: field larger than field limit "
                                                          "(131072)"}]
