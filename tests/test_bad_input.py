"""Real-world files in, bad input out: every case gets a clear reason, the rest is processed."""

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from analysis.entities import discover
from analysis.extract import extract_document
from analysis.ingest import ingest_corpus, read_raw, relevance_filter
from analysis.tables import read_table

from conftest import ROOT, SEEDS, write_corpus

GOOD = ("Geneva, 3 May 2021 - The International Organization for Migration (IOM) and the UN Refugee Agency (UNHCR) "
        "signed an agreement today to protect refugees and migrants in the Sahel.")
HTML = (f"<html><head><title>IOM and UNHCR sign</title></head><body><nav><a href='/'>Home</a><a>About us</a></nav>"
        f"<article><h1>IOM and UNHCR sign</h1><p>{GOOD}</p><p>The agreement covers data and protection, said the "
        "partners in a joint statement to the press.</p></article><footer>Contact | Privacy</footer></body></html>")


def make_pdf(path: Path, text: str) -> None:
    from weasyprint import HTML as W
    W(string=f"<p>{text}</p>").write_pdf(path)


@pytest.fixture()
def bad_corpus(tmp_path):
    raw = write_corpus(tmp_path / "raw", {"good.txt": GOOD, "page.html": HTML, "empty.txt": "",
                                          "notes.docx": "x", "irrelevant.txt": "The weather was sunny all week in the "
                                          "mountains and the lakes were calm.", "zz_copy.txt": GOOD})
    (raw / "utf16.txt").write_bytes(GOOD.replace("Geneva", "Genève").replace("UNHCR", "HCR").encode("utf-16"))
    (raw / "cp1252.txt").write_bytes(("Réunion à Genève : l'Organisation internationale pour les migrations (OIM) et le "
                                      "HCR ont signé un accord de coopération.").encode("cp1252"))
    (raw / "junk.txt").write_bytes(bytes(range(256)) * 8)
    (raw / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <</Type /Catalog>> garbage\n%%EOF")
    make_pdf(raw / "release.pdf", GOOD.replace("Sahel", "Chad"))
    with open(raw / "huge.txt", "wb") as fh:  # 100 MB, sparse: costs no disk
        fh.truncate(100 * 1024 * 1024)
    os.symlink("/etc/hostname", raw / "outside.txt")
    return raw


def test_each_bad_file_is_rejected_with_its_reason(bad_corpus):
    docs, _, rejected = ingest_corpus(bad_corpus, relevant=relevance_filter(ROOT / "data/reference"))
    reasons = {r["file"]: r["reason"] for r in rejected}
    assert sorted(d["file"] for d in docs) == ["cp1252.txt", "good.txt", "page.html", "release.pdf", "utf16.txt"]
    assert reasons["empty.txt"] == "empty file"
    assert reasons["zz_copy.txt"] == "same content as good.txt"
    assert reasons["notes.docx"].startswith("unsupported file type '.docx'")
    assert "file too large" in reasons["huge.txt"]
    assert "corrupt or unreadable PDF" in reasons["corrupt.pdf"]
    assert "outside the raw folder" in reasons["outside.txt"]
    assert reasons["irrelevant.txt"].startswith("nothing relevant")
    assert "junk.txt" in reasons
    by_file = {d["file"]: d for d in docs}
    assert by_file["page.html"]["source_format"] == "html" and "Home" not in by_file["page.html"]["body"]
    assert by_file["release.pdf"]["source_format"] == "pdf" and "Chad" in by_file["release.pdf"]["body"]
    assert "Genève" in by_file["utf16.txt"]["body"] and "Réunion à Genève" in by_file["cp1252.txt"]["body"]


def test_unreadable_file(tmp_path, monkeypatch):
    raw = write_corpus(tmp_path / "raw", {"a.txt": GOOD, "locked.txt": GOOD + " Again."})
    real = Path.read_bytes

    def deny(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)
    monkeypatch.setattr(Path, "read_bytes", deny)
    docs, _, rejected = ingest_corpus(raw)
    assert [d["file"] for d in docs] == ["a.txt"]
    assert rejected == [{"file": "locked.txt", "reason": "unreadable: Permission denied"}]


def test_sidecar_metadata_is_merged(tmp_path):
    raw = write_corpus(tmp_path / "raw", {"a.txt": GOOD.replace("Geneva, 3 May 2021 - ", ""),
                                          "sources.csv": "file,url,publisher,published\n"
                                                         "a.txt,https://example.org/a,IOM,2021-05-04\n"})
    docs, _, rejected = ingest_corpus(raw)
    assert not rejected
    assert (docs[0]["url"], docs[0]["publisher"], docs[0]["published"]) == ("https://example.org/a", "IOM", "2021-05-04")


def run(args, **kw):
    return subprocess.run([sys.executable, "-m", "analysis.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=600, **kw)


def test_exit_code_is_non_zero_only_when_nothing_is_usable(tmp_path):
    raw = write_corpus(tmp_path / "raw", {"empty.txt": "", "notes.docx": "x"})
    res = run(["run", "--raw-dir", str(raw), "--processed-dir", str(tmp_path / "p"), "--reports-dir", str(tmp_path / "r")])
    assert res.returncode == 1
    assert "no usable file" in res.stderr and "Traceback" not in res.stderr
    assert "rejected empty.txt: empty file" in res.stdout


def test_unwritable_output_and_bad_parameters(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    res = run(["run", "--processed-dir", str(blocker / "sub")])
    assert res.returncode == 2 and res.stderr.startswith("analysis: configuration error: processed_dir")
    assert len(res.stderr.strip().splitlines()) == 1


def test_interrupted_run_keeps_previous_outputs_and_next_run_completes(tmp_path):
    import shutil
    import signal

    raw = tmp_path / "raw"
    shutil.copytree(SEEDS, raw)
    args = ["run", "--raw-dir", str(raw), "--processed-dir", str(tmp_path / "p"), "--reports-dir", str(tmp_path / "r")]
    raw_hashes = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SEEDS.iterdir()}
    assert run(args).returncode == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "p").glob("*.csv")}
    # a new page, so that any table of the interrupted run would differ from the previous one; --force: every stage
    # runs (without it the unchanged stages are skipped and there is less to interrupt)
    (raw / "new.txt").write_text(GOOD, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "analysis.cli", *args, "--force"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    seen = []
    for line in proc.stdout:  # kill it while the extraction stage reports its documents
        seen.append(line)
        if line.split("] ", 1)[-1].startswith("extract "):  # '[2/6] extract …': count, then the line
            os.killpg(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, seen  # it was killed, not finished
    assert "[02_extract.ipynb] running\n" in seen and not any("[03_network.ipynb]" in line for line in seen)
    for name, content in before.items():  # every table is the previous run's: none of the killed run's was swapped in
        assert (tmp_path / "p" / name).read_bytes() == content, name
    assert not list((tmp_path / "p").glob(".*.tmp"))
    assert run(args).returncode == 0
    assert "new.txt" in set(read_table(tmp_path / "p", "documents")["file"])
    assert not list((tmp_path / "p").glob(".run-*"))  # the killed run's working copy is gone
    assert raw_hashes == {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SEEDS.iterdir()}


def test_parameters_are_data_never_code(tmp_path):
    marker = tmp_path / "pwned"
    title = f"\"; import os; os.system('touch {marker}') #<script>alert(1)</script>"
    res = run(["run", "--raw-dir", str(SEEDS), "--processed-dir", str(tmp_path / "p"), "--reports-dir", str(tmp_path / "r"),
               "-p", f"title={title}"])
    assert res.returncode == 0, res.stderr[-1500:]
    assert not marker.exists()
    html = (tmp_path / "r" / "report.html").read_text()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_document_text_cannot_inject_markup_into_the_report(tmp_path):
    evil = ("IOM and UNHCR signed an agreement <script>alert('x')</script> with the "
            "<img src=x onerror=alert(1)> Government of Chad in N'Djamena on 3 March 2022.")
    raw = write_corpus(tmp_path / "raw", {"evil.txt": evil})
    res = run(["run", "--raw-dir", str(raw), "--processed-dir", str(tmp_path / "p"), "--reports-dir", str(tmp_path / "r")])
    assert res.returncode == 0, res.stderr[-1500:]
    html = (tmp_path / "r" / "report.html").read_text()
    assert "<script" not in html and "<img src=x" not in html and "onerror=alert(1)&gt;" in html


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=600))
def test_arbitrary_text_never_crashes_extraction(kb, text):
    doc = {"doc_id": "x", "file": "x.txt", "body": text, "language": "en", "published": "2020-01-01"}
    ex = extract_document(doc, kb, discover({"x": text}, kb))
    for m in ex.mentions:
        assert text[m["start"]:m["end"]] == m["text"]


def test_links_fifos_folders_and_failing_libraries_reject_one_file_only(tmp_path, monkeypatch):
    """Hostile entries are each rejected with their reason, nothing hangs, the other files are read."""
    from analysis import ingest

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_text("The International Organization for Migration (IOM) and UNHCR signed an agreement "
                                  "in Geneva to protect refugees and migrants.\n", encoding="utf-8")
    (raw / "sub").mkdir()
    os.mkfifo(raw / "pipe.txt")
    os.symlink(raw / "loop.txt", raw / "loop.txt")
    os.symlink(raw / "pipe.txt", raw / "to_pipe.txt")
    (raw / "boom.html").write_text("<svg><script>x</script></svg>", encoding="utf-8")

    def explode(text):
        raise AssertionError("a library's own check failed")
    monkeypatch.setattr(ingest, "_read_html", explode)
    docs, _, rejected = ingest.ingest_corpus(raw)
    reasons = {r["file"]: r["reason"] for r in rejected}
    assert [d["file"] for d in docs] == ["good.txt"]
    assert reasons["sub"] == "not a regular file (folder): only files are read"
    assert reasons["pipe.txt"] == "not a regular file (FIFO): only files are read"
    assert reasons["to_pipe.txt"] == "not a regular file (FIFO): only files are read"
    assert reasons["loop.txt"].startswith("symbolic link that leads nowhere")
    assert reasons["boom.html"] == "failed while reading: AssertionError: a library's own check failed"


def test_a_document_longer_than_the_csv_field_limit_is_usable(tmp_path):
    from analysis.pipeline import _check_usable
    from analysis.tables import frame, write_table

    body = "IOM and UNHCR cooperate. " * 8000  # 200,000 characters in one CSV field
    write_table(frame("documents", [{"doc_id": "d", "file": "d.txt", "body": body}]), tmp_path, "documents")
    write_table(frame("rejected", []), tmp_path, "rejected")
    _check_usable(tmp_path, "raw")  # no 'field larger than field limit'


def test_parameters_file_and_output_folders_that_would_hang_or_lie_are_refused(tmp_path):
    from analysis.pipeline import ConfigError, load_params, resolve_paths

    with pytest.raises(ConfigError, match="not a regular file"):
        load_params(Path("/dev/zero"))
    big = tmp_path / "big.yaml"
    big.write_text("title: x\n" * 20000)
    with pytest.raises(ConfigError, match="too large"):
        load_params(big)
    params = load_params()
    (tmp_path / "raw").mkdir()
    params.update(raw_dir=str(tmp_path / "raw"), reports_dir=str(tmp_path / "raw"), processed_dir=str(tmp_path / "p"))
    with pytest.raises(ConfigError, match="reports_dir .* is inside the raw folder"):
        resolve_paths(params, tmp_path)


def test_cells_that_a_spreadsheet_would_run_are_defused(tmp_path):
    from analysis.tables import frame, read_table, write_table

    rows = [{"doc_id": "d", "file": "d.txt", "title": "=HYPERLINK(\"http://x\")", "publisher": "@SUM(A1)",
             "url": "-2+3", "body": "=not a cell a spreadsheet sees first", "n_chars_raw": 1, "n_chars_body": 1,
             "n_lines_removed": 0}]
    write_table(frame("documents", rows), tmp_path, "documents")
    got = read_table(tmp_path, "documents").iloc[0]
    assert got["title"].startswith("'=") and got["publisher"] == "'@SUM(A1)" and got["url"] == "'-2+3"
    assert got["body"] == rows[0]["body"]  # the body keeps its offsets


@pytest.mark.parametrize("override, message", [
    ({"relation_types": ["agrement"]}, "parameter relation_types: unknown value 'agrement' (did you mean agreement"),
    ({"languages": ["xx"]}, "parameter languages: unknown value 'xx'"),
    ({"top_n": -3}, "parameter top_n: -3 is out of range"),
    ({"min_confidence": 5.0}, "parameter min_confidence: 5.0 is out of range"),
    ({"year_min": 2020, "year_max": 2010}, "year_min is after year_max"),
    ({"focus_entity": "UNDOC"}, "parameter focus_entity: unknown value 'UNDOC' (did you mean UNTOC, UNODC"),
])
def test_parameter_mistakes_stop_before_any_work(tmp_path, override, message):
    from analysis.pipeline import ConfigError, load_params, validate_params

    params = {**load_params(), "processed_dir": str(tmp_path), **override}
    with pytest.raises(ConfigError) as err:
        validate_params(params)
    assert message in str(err.value), str(err.value)
    validate_params({**load_params(), "processed_dir": str(tmp_path)})  # the defaults pass
