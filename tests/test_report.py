"""The report: evidence grouped by sentence, sources cited by name, at most 14 PDF pages for the
seeds with everything the HTML has, and no word cut inside a table cell of the PDF."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import extract, ingest, network, report
from analysis.citation import cite, number_sources, source_of

from conftest import ROOT, SEEDS

REFERENCE = ROOT / "data" / "reference"


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory) -> tuple[Path, Path, dict]:
    """The seeds through the stages' functions, then the report stage."""
    base = tmp_path_factory.mktemp("report")
    processed, reports = base / "processed", base / "reports"
    ingest.run_stage(SEEDS, processed, progress=None, reference_dir=REFERENCE)
    extract.run_stage(processed, REFERENCE, None, progress=None)
    network.run_stage(processed)
    params = {"title": "Seeds", "seed": 42, "top_n": 40, "focus_entity": "IOM", "max_relations_shown": 150}
    manifest = {"params_sha256": "0" * 64, "inputs": {f"raw/{p.name}": "a" * 64 for p in sorted(SEEDS.iterdir())}}
    paths = report.run_stage(processed, reports, params, manifest)
    return processed, reports, paths


def test_citation_by_title_publisher_date_and_url():
    doc = {"doc_id": "d1", "file": "d1.txt", "title": "IOM and UNODC sign", "publisher": "IOM", "published": "2024-07-02",
           "url": "https://example.org/a"}
    assert cite(doc) == "‘IOM and UNODC sign’, IOM, 2024-07-02, https://example.org/a"
    assert source_of({**doc, "publisher": "", "url": "", "published": ""})["label"] == "‘IOM and UNODC sign’, undated"
    assert source_of({"doc_id": "d2", "file": "d2.txt", "title": ""})["label"] == "‘d2.txt’, undated"  # last resort
    assert number_sources(["b", "a", "b", "", "c"]) == {"b": 1, "a": 2, "c": 3}


def rel(rid, doc, sid, evidence, s, t, relation="partnership", date="", conf=0.9):
    return {"relation_id": rid, "doc_id": doc, "sentence_id": sid, "evidence": evidence, "source": s, "target": t,
            "relation": relation, "directed": "False", "date": date, "place": "", "confidence": conf}


def test_evidence_grouped_by_sentence_in_document_and_date_order():
    rows = [rel("R1", "late", 0, "A and B and C work together.", "A", "B", "joint_programme"),
            rel("R2", "late", 0, "A and B and C work together.", "A", "C"),
            rel("R3", "late", 1, "In 2001 A met C.", "A", "C", "hosts_meeting", "2001"),
            rel("R4", "undated", 0, "B funds C.", "B", "C", "funds"),
            rel("R5", "early", 3, "A signed with B.", "A", "B", "agreement", "1999-05-01", 0.5)]
    sources = {"late": {"title": "Late", "published": "2020-01-01", "label": "Late"},
               "early": {"title": "Early", "published": "2000-01-01", "label": "Early"},
               "undated": {"title": "Undated", "published": "", "label": "Undated"}}
    groups = report.evidence_groups(pd.DataFrame(rows), sources, {"A": "AAA"})
    assert [g["doc_id"] for g in groups["documents"]] == ["early", "late", "undated"]
    late = groups["documents"][1]["sentences"]
    assert [s["evidence"] for s in late] == ["In 2001 A met C.", "A and B and C work together."]  # dated first
    assert [(r["source"], r["relation"], r["target"]) for r in late[1]["relations"]] == [("AAA", "joint programme", "B"),
                                                                                      ("AAA", "partnership", "C")]
    assert (groups["n_sentences"], groups["n_shown"], groups["n_relations"]) == (4, 4, 5)
    top = report.evidence_groups(pd.DataFrame(rows), sources, {}, limit=2)  # a long corpus: the most confident first
    assert top["n_shown"] == 2 and top["n_sentences"] == 4
    # the two most confident (the one with two relations first, then by document), shown in report order
    assert [s["evidence"] for g in top["documents"] for s in g["sentences"]] == ["In 2001 A met C.", "A and B and C work together."]


def test_seed_report_quotes_each_sentence_once_and_cites_sources_by_name(seed_report):
    processed, reports, _ = seed_report
    html = (reports / "report.html").read_text(encoding="utf-8")
    rel = pd.read_csv(processed / "relations.csv", keep_default_na=False)
    section = html[html.index('id="relations"'):html.index('id="profiles"')]
    assert section.count('<div class="sentence">') == rel.groupby(["doc_id", "sentence_id"]).ngroups == 44
    assert section.count("<li>") == len(rel) == 78  # every relation listed under its sentence
    glo = "The Global Action against Trafficking in Persons and the Smuggling of Migrants - Asia and the Middle East"
    assert section.count(glo) == 1
    # sources by title and date; hashed file names only in the corpus list and the inputs
    history = html[html.index('id="history"'):html.index('id="relations"')]
    assert "[1] ‘IOM and UNODC Join Forces to Tackle Human Trafficking and Migrant Smuggling’, 2024-07-02" in history
    assert "[2] ‘Agreement To Help Strengthen Efforts to Protect Migrant Rights’, undated" in history
    assert "[1] ‘IOM and UNODC Join Forces to Tackle Human Trafficking and Migrant Smuggling’, 2024-07-02" in section
    for part in (history, section, html[html.index('id="profiles"'):html.index('id="accuracy"')]):
        assert not re.search(r"\d{3}_[0-9a-f]{16}\.txt", part)
    # every figure says what it leaves out
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", html, flags=re.DOTALL)
    assert len(captions) == 7 and all(re.search(r"shown|cannot be placed", c) for c in captions)
    # the full list: evidence.html and evidence.csv
    full = (reports / "evidence.html").read_text(encoding="utf-8")
    assert full.count('<div class="sentence">') == 44 and full.count("<li>") == 78
    with open(reports / "evidence.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 78 and {r["relation_id"] for r in rows} == set(rel["relation_id"])


def test_seed_pdf_has_at_most_14_pages_and_everything_the_html_has(seed_report):
    from pypdf import PdfReader

    _, reports, _ = seed_report
    pdf = PdfReader(reports / "report.pdf")
    assert len(pdf.pages) <= 14
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in pdf.pages))
    html = (reports / "report.html").read_text(encoding="utf-8")
    body = html[html.index("<body>"):]
    body = re.sub(r"<svg.*?</svg>", "", body, flags=re.DOTALL)  # the figures: the PDF has them as pictures
    words = re.sub(r"<[^>]+>", " ", body)
    import html as htmlmod

    missing = [w for w in set(htmlmod.unescape(words).split()) if re.sub(r"\s+", "", w) not in text]
    assert missing == []


def test_a_long_corpus_shows_the_top_with_counts(seed_report, tmp_path):
    processed, _, _ = seed_report
    params = {"title": "Seeds", "seed": 42, "top_n": 40, "focus_entity": "IOM", "max_relations_shown": 10}
    ctx = report.report_context(processed, tmp_path, params, {"params_sha256": ""}, None)
    html = report.render_html(ctx)
    section = html[html.index('id="relations"'):html.index('id="profiles"')]
    assert section.count('<div class="sentence">') == 10
    assert "The 10 sentences whose relations have the highest confidence are shown here" in section
    assert "all 44 are in" in section and ctx["evidence_all"]["n_shown"] == 44


def test_report_counts_the_reviews_and_lists_a_bounded_event_at_its_first_possible_date(seed_report, tmp_path):
    from analysis.review import COLUMNS, write_queue

    processed, _, _ = seed_report
    queue = tmp_path / "review.csv"
    blank = {c: "" for c in COLUMNS}
    write_queue(queue, [blank | {"relation_id": "R1", "decision": "accept"}, blank | {"relation_id": "R2", "decision": "reject"},
                        blank | {"relation_id": "R3"}])
    params = {"title": "Seeds", "seed": 42, "top_n": 40, "focus_entity": "IOM", "max_relations_shown": 150,
              "review_file": str(queue)}
    ctx = report.report_context(processed, tmp_path, params, {"params_sha256": ""}, None)
    html = report.render_html(ctx)
    n = len(pd.read_csv(processed / "relations.csv", keep_default_na=False))
    relations = html[html.index('id="relations"'):html.index('id="profiles"')]
    assert f"Review queue (<code>review.csv</code>): {n} relations, 2 reviewed: 1 accepted, 1 rejected." in relations
    history = html[html.index('id="history"'):html.index('id="relations"')]
    items = re.findall(r"<li><strong>(.*?)</strong> — (.*?):", history)
    bounded = items.index(("2001-01-01/2008-09", "IOM – UNFPA"))  # at its first possible date, among the dated
    assert [d for d, _ in items[:bounded]] == ["1992", "1992", "1996"] and "Bounded by terms of office: " in history
    assert "Review queue" not in report.render_html(report.report_context(
        processed, tmp_path, params | {"review_file": ""}, {"params_sha256": ""}, None))


# --- no word cut inside a table cell of the PDF ------------------------------------------------

def cut_words(html: str) -> list[str]:
    """Lay ``html`` out with WeasyPrint and list every table cell in which a line ends inside a word
    (not at a space, a hyphen or a '/'), or whose text runs past the cell's right edge."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    def walk(box):
        yield box
        for child in getattr(box, "children", None) or []:
            yield from walk(child)

    problems = []
    for page in HTML(string=html).render().pages:
        for cell in (b for b in walk(page._page_box) if isinstance(b, boxes.TableCellBox)):
            original = " ".join("".join(cell.element.itertext()).split())
            right = cell.content_box_x() + cell.width + 0.5
            lines = []
            for line in (b for b in walk(cell) if isinstance(b, boxes.LineBox)):
                texts = [t for t in walk(line) if isinstance(t, boxes.TextBox)]
                lines.append("".join(t.text for t in texts).strip())
                problems += [f"{t.text!r} runs out of its cell" for t in texts if t.position_x + t.width > right]
            done = lines[0] if lines else ""
            for b in lines[1:]:
                nxt = original[len(done):len(done) + 1]
                if nxt.isspace():
                    done += " "
                elif not done.endswith(("-", "/", "–")):
                    problems.append(f"{done.split()[-1] if done.split() else done!r}|{b.split()[0] if b.split() else b} cut "
                                    f"in {original[:40]!r}")
                done += b
    return problems


def test_cut_word_check_can_fail():
    html = ("<table style='table-layout:fixed;width:60px'><tr><td style='overflow-wrap:anywhere'>Government of Iran"
            "</td></tr></table>")
    assert any("cut in" in p for p in cut_words(html))
    html = "<table style='table-layout:fixed;width:30px'><tr><td>Government</td></tr></table>"
    assert any("runs out of its cell" in p for p in cut_words(html))
    assert cut_words("<table style='width:300px'><tr><td>Government of Iran, /work/<wbr>data</td></tr></table>") == []


def test_no_word_is_cut_in_the_tables_of_the_pdf(seed_report):
    processed, reports, _ = seed_report
    params = {"title": "Seeds", "seed": 42, "top_n": 40, "focus_entity": "IOM", "max_relations_shown": 150,
              "raw_dir": "/a/rather/long/path/to/the/raw/folder/of/a/project/data/raw"}
    manifest = json.loads(json.dumps({"params_sha256": "0" * 64, "inputs": {"annotations/corrections.yaml": "f" * 64}}))
    run_log = reports / "run_log.json"
    run_log.write_text(json.dumps({"stages": [{"notebook": "04_report.ipynb", "seconds": 1.5, "skipped": False,
                                               "peak_rss_mb": 310}]}), encoding="utf-8")
    ctx = report.report_context(processed, reports, params, manifest, None)
    assert cut_words(report.render_html(ctx, for_pdf=True)) == []


def test_class_handout_is_one_page_with_numbered_sources(seed_report, tmp_path):
    from pypdf import PdfReader

    processed, reports, paths = seed_report
    assert PdfReader(paths["handout_pdf"]).pages.__len__() == 1
    html = paths["handout_html"].read_text(encoding="utf-8")
    assert "‘IOM and UNODC Join Forces to Tackle Human Trafficking and Migrant Smuggling’, 2024-07-02" in html
    # the seeds' one undated event is bounded by the terms of office of the heads its text names: a bar on the
    # timeline, with its source number, so no undated event is left to list
    assert "<!-- 2001–2008 (terms of office)  IOM–UNFPA: agreement (Geneva)  [" in html
    assert "Undated events" not in html and "1 of them is dated only by the terms of office" in html
    # a long history: the most reported events that fit on one page, and the handout says what was cut
    events = pd.DataFrame([{"event_id": f"E{i:03d}", "date": f"{1990 + i % 30}-0{1 + i % 9}", "date_precision": "month",
                            "event_type": "meeting", "participants": "IOM|UNODC", "place": "",
                            "doc_ids": "|".join(f"d{j:03d}" for j in range(i % 7 + 1)), "relation_ids": "", "evidence": "x"}
                           for i in range(120)])
    others = [{"event_id": f"U{i}", "date": "", "date_precision": "", "event_type": "launch", "participants": "IOM|UNODC",
               "place": "Rome", "doc_ids": "d001", "relation_ids": "", "evidence": "x", "date_start": "", "date_end": ""}
              for i in range(5)]
    others[0] |= {"date_start": "2001-01-01", "date_end": "2008-09", "date_precision": "range",  # reported by all 7
                  "doc_ids": "|".join(f"d{j:03d}" for j in range(7)), "event_type": "agreement"}
    events = pd.concat([events, pd.DataFrame(others)], ignore_index=True).fillna("")
    documents = pd.DataFrame([{"doc_id": f"d{j:03d}", "file": f"d{j:03d}.txt", "title": f"A rather long press release title {j}",
                               "publisher": "Publisher", "published": "2020-01-01", "url": f"https://example.org/{j}"}
                              for j in range(7)])
    entities = pd.DataFrame([{"entity_id": "IOM", "name": "IOM", "acronym": "IOM"}, {"entity_id": "UNODC", "name": "UNODC", "acronym": "UNODC"}])
    out = report.write_handout({"events": events, "entities": entities, "documents": documents}, tmp_path, "Long")
    assert len(PdfReader(out["handout_pdf"]).pages) == 1
    text = out["handout_html"].read_text(encoding="utf-8")
    assert re.search(r"The \d+ of 121 dated events reported by the most documents shown\. 1 of them is dated only", text)
    assert "2001–2008 (terms of office)  IOM–UNODC: agreement (Rome)  [1, 2, 3] +4" in text  # on the timeline
    assert text.count("<li>IOM – UNODC: launch in Rome [2]</li>") == 4  # the undated ones, listed
    assert "4 undated events cannot be placed" in text and "IOM – UNODC: agreement" not in text
    assert "At most 3 sources cited per event" in text


def test_the_report_shows_how_far_a_confidence_can_be_trusted():
    import pandas as pd

    from analysis.calibration import RELIABILITY_FILE
    from analysis.report import reliability_rows

    rows = reliability_rows(pd.Series([0.95, 0.99, 0.55, 0.3]))
    stored = pd.read_csv(RELIABILITY_FILE)
    assert len(rows) == len(stored) and rows[-1]["band"] == "[0.9, 1.0]"
    assert [r["this_run"] for r in rows] == [1, 1, 0, 0, 0, 2]
    assert sum(r["measured"] for r in rows) == stored["relations"].sum()
    # the stored confidences are calibrated: the share right rises with the band
    right = [float(r["right"].rstrip("%")) for r in rows]
    assert right[-1] > right[0]
