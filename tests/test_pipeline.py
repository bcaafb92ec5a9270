"""End to end: the four notebooks executed by papermill on the seeds, and on other press releases."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.evaluate import evaluate
from analysis.tables import read_table

from conftest import ROOT, SEEDS, write_corpus

#: the level reached on the seeds; a change may not fall below it
SEED_FLOOR = {"actor_f1": 0.98, "pair_f1": 0.95, "event_recall": 0.95}


def run(args):
    return subprocess.run([sys.executable, "-m", "analysis.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=600)


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds")
    res = run(["run", "--raw-dir", str(SEEDS), "--processed-dir", str(out / "processed"), "--reports-dir", str(out / "reports")])
    assert res.returncode == 0, res.stderr[-2000:]
    return out, res


def test_tables_have_the_documented_columns(seed_run):
    out, res = seed_run
    for name, cols in {"documents": ["doc_id", "file", "language", "title", "published"],
                       "entities": ["entity_id", "name", "acronym", "kind", "aliases"],
                       "mentions": ["doc_id", "entity_id", "sentence_id", "start", "end", "text"],
                       "relations": ["doc_id", "source", "target", "relation", "date", "evidence", "confidence"],
                       "events": ["event_id", "date", "event_type", "participants", "place", "doc_ids"]}.items():
        df = read_table(out / "processed", name)
        assert set(cols) <= set(df.columns) and len(df)
    docs = read_table(out / "processed", "documents")
    assert sorted(docs["file"]) == sorted(p.name for p in SEEDS.glob("*.txt"))
    rel = read_table(out / "processed", "relations")
    assert all(rel["evidence"].str.len() > 20)
    ments = read_table(out / "processed", "mentions")
    body = dict(zip(docs["doc_id"], docs["body"]))
    assert all(body[d][s:e] == t for d, s, e, t in zip(ments["doc_id"], ments["start"], ments["end"], ments["text"]))
    assert "[01_ingest.ipynb] done" in res.stdout


def test_seed_scores_do_not_fall(seed_run):
    out, _ = seed_run
    summary, _ = evaluate(out / "processed", ROOT / "data/annotations/gold_seeds.json", ROOT / "data/annotations/aliases.json")
    for key, floor in SEED_FLOOR.items():
        assert summary[key] >= floor, (key, summary)
    assert summary["trap_hits"] == 0 and summary["merged_events"] == "1/1"


def test_graph_and_report(seed_run):
    out, _ = seed_run
    import networkx as nx
    G = nx.read_graphml(out / "processed" / "cooperation.graphml", force_multigraph=True)
    assert G.number_of_edges() > 10 and all(d.get("evidence") and d.get("doc_id") for _, _, d in G.edges(data=True))
    gexf = nx.read_gexf(out / "processed" / "cooperation.gexf")
    assert gexf.number_of_nodes() == G.number_of_nodes()
    # Gephi gets the collapsed graph: one edge per pair, its weight, types, documents and first year
    pairs = {tuple(sorted((u, v))) for u, v in G.edges()}
    assert {tuple(sorted(e)) for e in gexf.edges()} == pairs
    assert sum(d["weight"] for _, _, d in gexf.edges(data=True)) == G.number_of_edges()
    assert all(d.get("relations") and d.get("documents") for _, _, d in gexf.edges(data=True))
    from analysis.network import load_graph_json
    J = load_graph_json(out / "processed" / "cooperation.json")
    assert sorted(J.edges(keys=True)) == sorted(G.edges(keys=True))
    assert all(d.get("evidence") and d.get("doc_id") for _, _, d in J.edges(data=True))
    html = (out / "reports" / "report.html").read_text()
    assert html.count("<svg") >= 4 and "Partnership history" in html and "actor_f1=" in html
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org", "")
    from pypdf import PdfReader
    pdf = PdfReader(out / "reports" / "report.pdf")
    assert len(pdf.pages) >= 3
    assert "Partnership history" in "".join(p.extract_text() for p in pdf.pages[:8])
    import matplotlib.image as mpimg
    for stem in ("network", "timeline", "ego_network", "periods", "adjacency", "relation_types", "centrality"):
        assert (out / "reports" / "figures" / f"{stem}.svg").stat().st_size > 5_000
        pixels = mpimg.imread(out / "reports" / "figures" / f"{stem}.png")
        assert pixels.std() > 0.02, f"{stem}.png looks blank"
    assert (out / "reports" / "network.html").stat().st_size > 5_000
    periods = pd.read_csv(out / "processed" / "periods.csv")
    assert list(periods["actors"]) == sorted(periods["actors"]) and len(periods) >= 2
    for nb in ("01_ingest", "02_extract", "03_network", "04_report"):
        executed = json.loads((out / "reports" / "notebooks" / f"{nb}.ipynb").read_text())
        assert executed["metadata"]["papermill"]["exception"] is None
    manifest = json.loads((out / "processed" / "manifest.json").read_text())
    assert len(manifest["inputs"]) >= 5 and "pandas" in manifest["versions"]


def test_other_press_releases_and_a_changed_parameter(tmp_path):
    pages = {
        "unhcr_chad.txt": "UNHCR and WFP sign agreement\n\nN'Djamena, 3 March 2022 - The United Nations High Commissioner "
                          "for Refugees (UNHCR) and the World Food Programme (WFP) signed an agreement with the Government "
                          "of Chad to support refugees.\n\nThe programme is funded by the European Union.\n",
        "oim_fr.txt": "Dakar, le 15 novembre 2022 - L'Organisation internationale pour les migrations (OIM) et le HCR ont "
                      "signé un protocole d'accord avec le gouvernement du Sénégal.\n",
    }
    raw = write_corpus(tmp_path / "raw", pages)
    res = run(["run", "--raw-dir", str(raw), "--processed-dir", str(tmp_path / "p"), "--reports-dir", str(tmp_path / "r"),
               "-p", "focus_entity=UNHCR", "-p", "title=Chad and Senegal"])
    assert res.returncode == 0, res.stderr[-2000:]
    rel = read_table(tmp_path / "p", "relations")
    pairs = {frozenset((s, t)) for s, t in zip(rel["source"], rel["target"])}
    assert frozenset(("UNHCR", "WFP")) in pairs and frozenset(("IOM", "UNHCR")) in pairs
    html = (tmp_path / "r" / "report.html").read_text()
    assert "Chad and Senegal" in html and "Ego network of the focus actor (UNHCR)" in html
    assert "accuracy not computed" in html


def test_configuration_errors_are_one_line(tmp_path, capsys):
    assert main(["run", "-p", "colour=blue"]) == 2
    assert main(["run", "-p", "seed=abc"]) == 2
    assert main(["run", "--raw-dir", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all(line.startswith("analysis: configuration error:") for line in err)
    assert "unknown parameter(s): colour" in err[0] and "expected int" in err[1] and "raw folder not found" in err[2]


def _outputs(folder):
    files = sorted((folder / "processed").glob("*.csv")) + sorted((folder / "processed").glob("cooperation.*")) \
        + sorted((folder / "reports" / "figures").glob("*"))
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def test_two_runs_give_byte_identical_tables_graphs_and_figures(seed_run, tmp_path):
    out, _ = seed_run
    res = run(["run", "--raw-dir", str(SEEDS), "--processed-dir", str(tmp_path / "processed"),
               "--reports-dir", str(tmp_path / "reports")])
    assert res.returncode == 0, res.stderr[-2000:]
    first, second = _outputs(out), _outputs(tmp_path)
    assert len(first) >= 20 and first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_incremental_reruns(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(SEEDS, raw)
    args = ["run", "--raw-dir", str(raw), "--processed-dir", str(tmp_path / "p"), "--reports-dir", str(tmp_path / "r")]
    assert run(args).returncode == 0
    again = run(args)
    assert again.stdout.count("skipped") == 4
    # edit one page: that document only is processed again
    page = raw / "001_f9a6250c70dd7768.txt"
    page.write_text(page.read_text().replace("Ten years after", "Eleven years after"))
    edited = run(args)
    assert edited.returncode == 0
    lines = [line.split("] ", 1)[-1] for line in edited.stdout.splitlines()]  # '[2/5] ingest …': count, then the line
    fresh = [line for line in lines if line.startswith(("ingest ", "extract ")) and "from cache" not in line]
    assert [line.split(":")[0] for line in fresh] == ["ingest 001_f9a6250c70dd7768.txt", "extract 001_f9a6250c70dd7768.txt"]
    forced = run(args + ["--force"])
    assert forced.stdout.count("skipped") == 0 and forced.stdout.count("done in") == 4


def test_version_and_python_dash_m():
    import subprocess
    import sys

    from analysis import __version__

    out = subprocess.run([sys.executable, "-m", "analysis", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"analysis {__version__}"
