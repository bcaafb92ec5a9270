"""Stage 4a: publication figures (matplotlib), saved as SVG and PNG, reproducible byte for byte.

One style for all figures, a colour-blind-safe palette by kind (Okabe & Ito 2008) with a
legend, seeded layouts, and no run date written into the files.
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import pandas as pd  # noqa: E402

from .dates import parse_iso  # noqa: E402
from .offices import last_day  # noqa: E402
from .tables import atomic_write_bytes  # noqa: E402

#: Okabe-Ito colours by entity kind
PALETTE = {"organization": "#0072B2", "mechanism": "#E69F00", "programme": "#009E73", "government": "#CC79A7",
           "country": "#999999", "instrument": "#56B4E9", "person": "#D55E00", "place": "#F0E442"}
RELATION_COLOURS = {"agreement": "#0072B2", "partnership": "#009E73", "joint_programme": "#E69F00", "funds": "#D55E00",
                    "implements": "#CC79A7", "member_of": "#56B4E9", "coordinates": "#000000", "observer_of": "#999999",
                    "hosts_meeting": "#F0E442", "replaced": "#882255", "established": "#44AA99"}
STYLE = {"font.family": "DejaVu Sans", "font.size": 9, "axes.titlesize": 11, "axes.spines.top": False,
         "axes.spines.right": False, "svg.hashsalt": "analysis", "svg.fonttype": "path", "figure.dpi": 100}


PNG_DPI = 150  # print quality for the PDF report and slides; the SVG is the vector original


def label_of(node: dict, node_id: str) -> str:
    """Short label of a node: acronym, else the name wrapped on two lines."""
    return node.get("acronym") or "\n".join(textwrap.wrap(node.get("name") or node_id, 24)[:3])


def save(fig: plt.Figure, stem: Path) -> dict[str, Path]:
    """Save ``fig`` as ``stem``.svg and ``stem``.png without timestamps; close it."""
    stem = Path(stem)
    out = {}
    # the tight box is measured once (text extents, no drawing) and used for both files: 'tight' per
    # file would draw each figure twice more
    box = fig.get_tightbbox(fig.canvas.get_renderer()).padded(matplotlib.rcParams["savefig.pad_inches"])
    for ext, meta in (("svg", {"Date": None}), ("png", {"Software": None})):
        buf = io.BytesIO()
        fig.savefig(buf, format=ext, metadata=meta, bbox_inches=box, dpi=PNG_DPI if ext == "png" else None)
        path = stem.with_suffix(f".{ext}")
        atomic_write_bytes(path, buf.getvalue())
        out[ext] = path
    plt.close(fig)
    return out


def layout(H: nx.Graph, seed: int = 42) -> dict:
    """Seeded spring layout, spread enough for labels."""
    if H.number_of_nodes() == 0:
        return {}
    k = 1.8 / max(1, H.number_of_nodes()) ** 0.5
    return nx.spring_layout(H, seed=seed, k=k, iterations=200, weight="weight")


def _legend(ax: plt.Axes, kinds: list[str]) -> None:
    handles = [plt.Line2D([], [], marker="o", ls="", color=PALETTE.get(k, "#777777"), markersize=8, label=k)
               for k in kinds]
    ax.legend(handles=handles, loc="lower left", frameon=False, title="kind", fontsize=8)


def plot_network(H: nx.Graph, stem: Path, seed: int = 42, title: str = "Cooperation network",
                 top_n: int = 60) -> dict[str, Path]:
    """The collapsed cooperation network: node size by weighted degree, edge width by weight."""
    with plt.rc_context(STYLE):
        if H.number_of_nodes() > top_n:
            keep = sorted(H.nodes, key=lambda n: (-H.degree(n, weight="weight"), n))[:top_n]
            H = H.subgraph(keep).copy()
        fig, ax = plt.subplots(figsize=(8, 6.5))
        pos = layout(H, seed)
        if H.number_of_nodes():
            wdeg = dict(H.degree(weight="weight"))
            sizes = [120 + 60 * wdeg[n] for n in H.nodes]
            colours = [PALETTE.get(H.nodes[n].get("kind", ""), "#777777") for n in H.nodes]
            widths = [0.6 + 0.6 * d["weight"] for _, _, d in H.edges(data=True)]
            nx.draw_networkx_edges(H, pos, ax=ax, width=widths, edge_color="#8a8a8a", alpha=0.7)
            nx.draw_networkx_nodes(H, pos, ax=ax, node_size=sizes, node_color=colours, edgecolors="white", linewidths=0.8)
            for n, (x, y) in pos.items():
                ax.annotate(label_of(H.nodes[n], n), (x, y), xytext=(0, 7 + (wdeg[n] ** 0.5) * 2.2), textcoords="offset points",
                            ha="center", va="bottom", fontsize=7.5,
                            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75})
            _legend(ax, sorted({H.nodes[n].get("kind", "") for n in H.nodes}))
        else:
            ax.text(0.5, 0.5, "no relations extracted", ha="center", va="center", transform=ax.transAxes)
        ax.set_title(title)
        ax.set_axis_off()
        ax.margins(0.12)
        return save(fig, stem)


def plot_timeline(events: pd.DataFrame, entities: pd.DataFrame, stem: Path,
                  title: str = "Partnership history: dated events", max_events: int = 40) -> dict[str, Path]:
    """Dated events on a time axis, labelled with their participants, type and place; an undated event
    bounded by its signatories' terms of office (``date_start``/``date_end``) is a horizontal bar over its range.

    Beyond ``max_events`` (a large corpus) the events reported by the most documents are shown.
    """
    names = dict(zip(entities["entity_id"], [a or n for a, n in zip(entities["acronym"], entities["name"])]))
    placed = (events["date"] != "") | (events["date_start"] != "") if "date_start" in events.columns else events["date"] != ""
    ev = events[placed].copy()
    if len(ev) > max_events:
        ev["_reports"] = ev["doc_ids"].str.count(r"\|") + 1
        ev = ev.sort_values(["_reports", "date", "event_id"], ascending=[False, True, True]).head(max_events)
        title = f"{title} ({max_events} most reported of {int(placed.sum())})"
    with plt.rc_context(STYLE):
        n = len(ev)
        fig, ax = plt.subplots(figsize=(8, max(2.5, 0.42 * n + 1.2)))
        if n:
            start = ev["date"].where(ev["date"] != "", ev.get("date_start", ev["date"]))
            ev["when"] = pd.to_datetime([parse_iso(d) for d in start])
            end = ev.get("date_end", pd.Series("", index=ev.index)).where(ev["date"] == "", "")
            ev["until"] = pd.to_datetime([parse_iso(last_day(d)) if d else None for d in end])
            ev = ev.sort_values(["when", "event_id"]).reset_index(drop=True)
            lo, hi = ev["when"].min(), max(ev["when"].max(), ev["until"].max() if ev["until"].notna().any() else ev["when"].max())
            mid = lo + (hi - lo) / 2
            for i, r in ev.iterrows():
                who = "–".join(names.get(p, p) for p in r["participants"].split("|") if p)
                bounded = not r["date"]
                when = r["date"] or f"{r['date_start'][:4]}–{r['date_end'][:4] or '…'} (terms of office)"
                label = f"{when}  {who}: {r['event_type']}" + (f" ({r['place']})" if r["place"] else "")
                colour = {"agreement": "#0072B2", "meeting": "#E69F00", "membership": "#009E73",
                          "establishment": "#CC79A7", "funding": "#D55E00", "launch": "#56B4E9"}.get(r["event_type"], "#555555")
                late = n > 1 and r["when"] > mid
                if bounded:  # a range, never a day: a bar from the first to the last possible day (open: to the axis end)
                    until = r["until"] if pd.notna(r["until"]) else max(hi, r["when"] + pd.Timedelta(days=365))
                    ax.plot([r["when"], until], [i, i], "-", color=colour, linewidth=6, alpha=0.55, solid_capstyle="butt")
                    hi = max(hi, until)
                    # the label just above the bar, from the end nearer the middle of the axis
                    ax.annotate(label, (until if late else r["when"], i), xytext=(0, 5), textcoords="offset points",
                                va="bottom", ha="right" if late else "left", fontsize=7.5)
                    continue
                ax.plot([r["when"]], [i], "o", color=colour, markersize=7)
                ax.annotate(label, (r["when"], i), xytext=(-6 if late else 6, 0), textcoords="offset points",
                            va="center", ha="right" if late else "left", fontsize=7.5)
            ax.set_yticks([])
            ax.set_ylim(-0.8, n - 0.2)
            span = max((hi - lo).days, 365)
            ax.set_xlim(lo - pd.Timedelta(days=span * 0.05), hi + pd.Timedelta(days=span * 0.05))
            ax.invert_yaxis()
            ax.spines["left"].set_visible(False)
        else:
            ax.text(0.5, 0.5, "no dated events", ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
        ax.set_title(title)
        return save(fig, stem)


def plot_relation_types(relations: pd.DataFrame, stem: Path, title: str = "Relations by type") -> dict[str, Path]:
    """Number of relation rows per relation type."""
    counts = relations["relation"].value_counts().sort_index()
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(6, max(2, 0.35 * len(counts) + 1)))
        ax.barh(counts.index, counts.values, color=[RELATION_COLOURS.get(r, "#777777") for r in counts.index])
        for y, v in enumerate(counts.values):
            ax.text(v, y, f" {v}", va="center", fontsize=8)
        ax.invert_yaxis()
        ax.set_xlabel("relations (evidence sentences)")
        ax.set_title(title)
        return save(fig, stem)


def plot_centrality(metrics: pd.DataFrame, stem: Path, top_n: int = 15,
                    title: str = "Most central actors (PageRank)") -> dict[str, Path]:
    """Top actors by PageRank, coloured by kind."""
    top = metrics.head(top_n).iloc[::-1]
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(6, max(2, 0.32 * len(top) + 1)))
        ax.barh(top["name"].str.slice(0, 45), top["pagerank"], color=[PALETTE.get(k, "#777777") for k in top["kind"]])
        ax.set_xlabel("PageRank on the collapsed cooperation graph")
        ax.set_title(title)
        if len(top):
            _legend(ax, sorted(set(top["kind"])))
            ax.legend(loc="lower right", frameon=False, fontsize=8,
                      handles=[plt.Line2D([], [], marker="s", ls="", color=PALETTE.get(k, "#777"), label=k)
                               for k in sorted(set(top["kind"]))])
        return save(fig, stem)


def plot_adjacency(H: nx.Graph, stem: Path, top_n: int = 30, title: str = "Who cooperates with whom") -> dict[str, Path]:
    """Heatmap of the number of relations between the ``top_n`` most connected actors."""
    import numpy as np  # noqa: PLC0415

    nodes = sorted(H.nodes, key=lambda n: (-H.degree(n, weight="weight"), n))[:top_n]
    labels = [label_of(H.nodes[n], n).replace("\n", " ") for n in nodes]
    m = np.zeros((len(nodes), len(nodes)))
    for i, a in enumerate(nodes):
        for j, b in enumerate(nodes):
            if H.has_edge(a, b):
                m[i, j] = H[a][b]["weight"]
    with plt.rc_context(STYLE):
        size = max(4.0, 0.28 * len(nodes) + 2)
        fig, ax = plt.subplots(figsize=(size + 1, size))
        im = ax.imshow(m, cmap="Blues", vmin=0)
        ax.set_xticks(range(len(nodes)), labels, rotation=90, fontsize=7)
        ax.set_yticks(range(len(nodes)), labels, fontsize=7)
        ax.spines[:].set_visible(False)
        fig.colorbar(im, ax=ax, shrink=0.6, label="relations")
        ax.set_title(title)
        return save(fig, stem)


def plot_small_multiples(G: nx.MultiDiGraph, spans: list[tuple[int, int]], stem: Path, seed: int = 42,
                         title: str = "The network as it grew", top_n: int = 60) -> dict[str, Path]:
    """One panel per period: the network known at the end of it, on fixed node positions."""
    from .network import cooperation_graph, graph_as_of  # noqa: PLC0415

    full = cooperation_graph(G)
    if full.number_of_nodes() > top_n:
        keep = sorted(full.nodes, key=lambda v: (-full.degree(v, weight="weight"), v))[:top_n]
        full = full.subgraph(keep).copy()
        G = G.subgraph(keep).copy()
    pos = layout(full, seed)
    n = max(1, len(spans))
    with plt.rc_context(STYLE):
        cols = min(n, 2)
        rows = (n + cols - 1) // cols
        fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.8 * rows), squeeze=False)
        for ax in axes.flat:
            ax.set_axis_off()
        for ax, (start, end) in zip(axes.flat, spans):
            H = cooperation_graph(graph_as_of(G, end))
            nx.draw_networkx_edges(full, pos, ax=ax, edge_color="#e6e6e6", width=0.5)
            if H.number_of_nodes():
                nx.draw_networkx_edges(H, pos, ax=ax, edge_color="#7a7a7a", width=0.8)
                nx.draw_networkx_nodes(H, pos, ax=ax, node_size=40,
                                       node_color=[PALETTE.get(H.nodes[v].get("kind", ""), "#777") for v in H.nodes])
                top = sorted(H.nodes, key=lambda v: (-H.degree(v, weight="weight"), v))[:6]
                for v in top:
                    ax.annotate(label_of(H.nodes[v], v).replace("\n", " "), pos[v], fontsize=6.5, xytext=(0, 5),
                                textcoords="offset points", ha="center")
            ax.set_title(f"up to {end} ({H.number_of_nodes()} actors, {H.number_of_edges()} pairs)", fontsize=9)
        if not spans:
            axes.flat[0].text(0.5, 0.5, "no dated relations", ha="center", transform=axes.flat[0].transAxes)
        fig.suptitle(title)
        return save(fig, stem)
