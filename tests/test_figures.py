"""Figures that read: no label over another label or over a node, the legend outside the drawing,
captions that say what was cut. Checked on matplotlib's own text bounding boxes."""

from __future__ import annotations

import itertools
from pathlib import Path

import matplotlib
import networkx as nx
import pandas as pd
import pytest

from analysis import extract, figures, ingest, network

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402

from conftest import ROOT, SEEDS  # noqa: E402


def label_boxes(fig: plt.Figure) -> list[tuple[str, object]]:
    """Every text written inside the axes (node labels), with its box in display units."""
    renderer = fig.canvas.get_renderer()
    return [(t.get_text(), t.get_window_extent(renderer)) for ax in fig.axes for t in ax.texts if t.get_text()]


def node_discs(fig: plt.Figure) -> list[tuple[float, float, float]]:
    """Centre and radius (display units) of every node marker drawn by networkx."""
    discs = []
    for ax in fig.axes:
        for coll in ax.collections:
            if isinstance(coll, PathCollection) and len(coll.get_offsets()):
                sizes = coll.get_sizes()
                for i, (x, y) in enumerate(ax.transData.transform(coll.get_offsets())):
                    area = sizes[i] if len(sizes) > 1 else sizes[0]
                    discs.append((float(x), float(y), area ** 0.5 / 2 * fig.dpi / 72))
    return discs


def collisions(fig: plt.Figure) -> list[str]:
    """Labels overlapping another label or a node disc, as readable strings (empty: none)."""
    boxes = label_boxes(fig)
    found = [f"{a!r} over {b!r}" for (a, ba), (b, bb) in itertools.combinations(boxes, 2) if ba.overlaps(bb)]
    for text, box in boxes:
        for cx, cy, r in node_discs(fig):
            nx_, ny_ = min(max(cx, box.x0), box.x1), min(max(cy, box.y0), box.y1)
            if (nx_ - cx) ** 2 + (ny_ - cy) ** 2 < (r * 0.98) ** 2:
                found.append(f"{text!r} over a node at ({cx:.0f}, {cy:.0f})")
    return found


@pytest.fixture(scope="module")
def seed_graph(tmp_path_factory) -> nx.Graph:
    out = tmp_path_factory.mktemp("figures") / "processed"
    ingest.run_stage(SEEDS, out, progress=None, reference_dir=ROOT / "data" / "reference")
    extract.run_stage(out, ROOT / "data" / "reference", None, progress=None)
    network.run_stage(out)
    return network.load_graph_json(out / "cooperation.json")


def crowded_graph(n: int = 40) -> nx.Graph:
    """A hub-and-spoke network with long names, the hardest case for labels: seeded, 40 actors."""
    G = nx.gnm_random_graph(n, 70, seed=3)
    G.add_edges_from((0, i) for i in range(1, n, 2))
    H = nx.Graph()
    kinds = ["organization", "mechanism", "government", "programme"]
    for v in G.nodes:
        name = f"Ministry of Interior and Public Security of Country {v}" if v % 5 == 0 else f"Organization {v}"
        H.add_node(f"N{v}", name=name, acronym="" if v % 5 == 0 else f"ORG{v}", kind=kinds[v % 4])
    for u, v in G.edges:
        H.add_edge(f"N{u}", f"N{v}", weight=1 + (u + v) % 4)
    return H


def test_collision_check_can_fail():
    """The check finds a label written over another and a label on a node."""
    fig, ax = plt.subplots()
    ax.scatter([0.5], [0.5], s=400)
    ax.text(0.5, 0.5, "UNODC")
    ax.text(0.51, 0.5, "Government of Iran")
    found = collisions(fig)
    plt.close(fig)
    assert any("over 'Government of Iran'" in f for f in found) and any("over a node" in f for f in found)


@pytest.mark.parametrize("case", ["seeds", "crowded"])
def test_network_figure_has_no_overlapping_labels_and_the_legend_outside(case, seed_graph):
    H = network.cooperation_graph(seed_graph) if case == "seeds" else crowded_graph()
    fig, note = figures.draw_network(H, seed=42, top_n=60)
    try:
        assert len(label_boxes(fig)) == H.number_of_nodes()  # every actor is named
        assert collisions(fig) == []
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        legend = fig.legends[0].get_window_extent(renderer)
        assert legend.y1 <= ax.get_window_extent(renderer).y0 + 1  # under the drawing
        assert not any(legend.overlaps(b) for _, b in label_boxes(fig))
        # the drawing fills its page: nodes spread over most of the axes
        xy = ax.transData.transform([p for p in ax.collections[-1].get_offsets()])
        frame = ax.get_window_extent(renderer)
        assert (xy[:, 0].max() - xy[:, 0].min()) > 0.6 * frame.width and (xy[:, 1].max() - xy[:, 1].min()) > 0.6 * frame.height
        assert note == f"All {H.number_of_nodes()} actors shown."
    finally:
        plt.close(fig)


def test_small_multiples_labels_do_not_overlap(seed_graph, tmp_path, monkeypatch):
    kept = []
    monkeypatch.setattr(figures, "save", lambda fig, stem: kept.append(fig) or {"svg": stem, "png": stem})
    out = figures.plot_small_multiples(seed_graph, network.periods(seed_graph), tmp_path / "p")
    assert collisions(kept[0]) == [] and len(label_boxes(kept[0])) >= 6
    assert out["note"].startswith("Names on the 6 most connected actors of each panel.")
    plt.close(kept[0])


def test_a_cut_is_stated_in_the_note(tmp_path):
    H = crowded_graph()
    out = figures.plot_network(H, tmp_path / "n", top_n=10)
    assert out["note"] == "The 10 of 40 actors with the most relations shown; the others are in the tables and graph files."
    assert out["svg"].exists() and out["png"].exists()
    events = pd.DataFrame([{"event_id": f"E{i}", "date": f"20{10 + i}" if i < 5 else "", "event_type": "meeting",
                            "participants": "A|B", "place": "", "doc_ids": "d1"} for i in range(7)])
    entities = pd.DataFrame([{"entity_id": "A", "name": "A", "acronym": ""}, {"entity_id": "B", "name": "B", "acronym": ""}])
    ev, note = figures.timeline_events(events, max_events=3)
    assert len(ev) == 3 and note == ("The 3 of 5 dated events reported by the most documents shown. "
                                     "2 undated events cannot be placed (listed in the history).")
    assert figures.plot_timeline(events, entities, tmp_path / "t")["note"].startswith("All 5 dated events shown.")


def test_timeline_labels_of_dots_and_bars_do_not_overlap(tmp_path, monkeypatch):
    kept = []
    monkeypatch.setattr(figures, "save", lambda fig, stem: kept.append(fig) or {"svg": stem, "png": stem})
    def when(i: int) -> dict:  # every third event bounded by terms of office, the others dated: rows interleave
        if i % 3:
            return {"date": f"{2000 + i}-05-0{1 + i % 9}", "date_start": "", "date_end": "", "date_precision": "day"}
        return {"date": "", "date_start": f"{2000 + i}-01-01", "date_end": f"{2008 + i}-09", "date_precision": "range"}

    rows = [{"event_id": f"E{i:02d}", "event_type": "agreement", "participants": "A|B", "place": "Geneva",
             "doc_ids": "d1", **when(i)} for i in range(12)]
    rows[3]["date_end"] = ""  # an open range: the bar runs to the end of the axis
    entities = pd.DataFrame([{"entity_id": "A", "name": "A", "acronym": ""}, {"entity_id": "B", "name": "B", "acronym": ""}])
    out = figures.plot_timeline(pd.DataFrame(rows), entities, tmp_path / "t", refs={"E00": "[1, 2]"})
    fig = kept[0]
    try:
        assert collisions(fig) == [] and len(label_boxes(fig)) == 12
        ax, renderer = fig.axes[0], fig.canvas.get_renderer()
        bars = [ln for ln in ax.lines if len(ln.get_xdata()) == 2]
        assert len(bars) == 4 and len(ax.lines) == 12
        kinds = {t.get_text().split("  ")[0] for t in ax.texts if "terms of office" in t.get_text()}
        assert kinds == {"2000–2008 (terms of office)", "2003–… (terms of office)", "2006–2014 (terms of office)",
                         "2009–2017 (terms of office)"}
        for line, text in zip(ax.lines, ax.texts):  # one mark and one label per row, in row order
            if len(line.get_xdata()) == 2:  # a bar: its label sits above it, clear of the bar's thickness
                y = ax.transData.transform((0, line.get_ydata()[0]))[1]
                assert "terms of office" in text.get_text()
                assert text.get_window_extent(renderer).y0 - y > line.get_linewidth() / 2 * fig.dpi / 72
        assert "4 of them are dated only by the terms of office" in out["note"]
    finally:
        plt.close(fig)


def test_event_span_covers_ranges():
    assert figures.event_span("") is None
    assert figures.event_span("2019-01-29/2019-01-31") == (pd.Timestamp("2019-01-29"), pd.Timestamp("2019-01-31"))
    assert figures.event_span("2024-07-02") == (pd.Timestamp("2024-07-02"), pd.Timestamp("2024-07-02"))
    assert figures.event_span("2018/2022") == (pd.Timestamp("2018-01-01"), pd.Timestamp("2022-12-31"))
    assert figures.event_span("2016-06") == (pd.Timestamp("2016-06-01"), pd.Timestamp("2016-06-30"))
