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


def _legend_below(fig: plt.Figure, kinds: list[str]) -> None:
    """The legend of node kinds in one row under the drawing (outside the axes: it covers no node)."""
    handles = [plt.Line2D([], [], marker="o", ls="", color=PALETTE.get(k, "#777777"), markersize=8, label=k) for k in kinds]
    fig.legend(handles=handles, loc="lower center", ncol=max(1, len(handles)), frameon=False, fontsize=8,
               title="kind of actor", title_fontsize=8, bbox_to_anchor=(0.5, 0.0))


def short_name(name: str, n: int = 30) -> str:
    """``name`` cut to ``n`` characters with an ellipsis (tick labels of the bar charts and the heatmap)."""
    return name if len(name) <= n else name[: n - 1].rstrip() + "…"


def top_nodes(H: nx.Graph, top_n: int) -> list:
    """The ``top_n`` nodes with the most relations (weighted degree), ties by id: what a figure keeps."""
    return sorted(H.nodes, key=lambda n: (-H.degree(n, weight="weight"), str(n)))[:top_n]


def _cut_note(shown: int, total: int, what: str = "actors", why: str = "with the most relations") -> str:
    """'All 27 actors shown.' or 'The 40 of 312 actors with the most relations shown; …'."""
    if shown >= total:
        return f"All {total} {what} shown."
    return f"The {shown} of {total} {what} {why} shown; the others are in the tables and graph files."


#: directions tried around a node for its label, in order of preference (below, above, right, left, diagonals,
#: then the eight directions between them)
_DIRECTIONS = [(0, -1), (0, 1), (1, 0), (-1, 0), (1, -1), (-1, -1), (1, 1), (-1, 1),
               (0.4, -1), (-0.4, -1), (0.4, 1), (-0.4, 1), (1, -0.4), (-1, -0.4), (1, 0.4), (-1, 0.4)]


def _boxes_overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float], pad: float = 1.0) -> bool:
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


def _box_hits_disc(box: tuple[float, float, float, float], cx: float, cy: float, r: float) -> bool:
    nx_, ny_ = min(max(cx, box[0]), box[2]), min(max(cy, box[1]), box[3])
    return (nx_ - cx) ** 2 + (ny_ - cy) ** 2 < r * r


def place_labels(ax: plt.Axes, pos: dict, labels: dict, radii_pt: dict, fontsize: float = 7.5,
                 order: list | None = None) -> list[plt.Text]:
    """Write each node's label next to it where it covers no node and no label placed before.

    ``pos``: positions of every drawn node in data units (each is an obstacle), ``labels``: text per
    node to label, ``radii_pt``: node radius in points. Labels are placed in ``order`` (largest nodes first): for each, the directions of
    :data:`_DIRECTIONS` are tried at growing distances from the node until the label's box lies inside
    the axes and clear of every node disc and every placed label; a label set away from its node gets
    a thin leader line. Geometry is measured in display units with the figure's renderer, so the axes
    limits must be final; everything is deterministic (no random moves). Returns the text artists.
    """
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    px = fig.dpi / 72.0
    to_disp = ax.transData.transform
    frame = ax.get_window_extent(renderer)
    centres = {n: to_disp(pos[n]) for n in pos}
    discs = [(float(c[0]), float(c[1]), radii_pt[n] * px + 1.5) for n, c in centres.items()]
    placed: list[tuple[float, float, float, float]] = []
    texts = []
    pad = 0.15 * fontsize * px  # the white box behind the text
    for n in order or list(labels):
        t = ax.text(0, 0, labels[n], fontsize=fontsize, ha="center", va="center", zorder=5,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
        ext = t.get_window_extent(renderer)
        w, h = ext.width + 2 * pad, ext.height + 2 * pad
        cx, cy = (float(v) for v in centres[n])
        r = radii_pt[n] * px
        best = None
        for step in range(40):
            gap = 2 * px + step * 4 * px
            for dx, dy in _DIRECTIONS:
                norm = (dx * dx + dy * dy) ** 0.5
                bx = cx + dx / norm * (r + gap) + max(-1.0, min(1.0, dx)) * w / 2
                by = cy + dy / norm * (r + gap) + max(-1.0, min(1.0, dy)) * h / 2
                box = (bx - w / 2, by - h / 2, bx + w / 2, by + h / 2)
                if box[0] < frame.x0 or box[2] > frame.x1 or box[1] < frame.y0 or box[3] > frame.y1:
                    continue
                if any(_box_hits_disc(box, *d) for d in discs) or any(_boxes_overlap(box, o) for o in placed):
                    continue
                best = (bx, by, box, step)
                break
            if best:
                break
        if best is None:  # nowhere free within reach: below the node (the overlap test of the figures reports it)
            best = (cx, cy - r - 2 * px - h / 2, (cx - w / 2, cy - r - 2 * px - h, cx + w / 2, cy - r - 2 * px), 0)
        bx, by, box, step = best
        t.set_position(tuple(ax.transData.inverted().transform((bx, by))))
        if step >= 3:  # far from its node: a leader line from the node's edge to the label's box
            ex, ey = min(max(cx, box[0]), box[2]), min(max(cy, box[1]), box[3])
            ax.plot(*zip(*ax.transData.inverted().transform([(cx, cy), (ex, ey)])), color="#666666", lw=0.5, zorder=4)
        placed.append(box)
        texts.append(t)
    return texts


def _separate(pos: dict, radii: dict, rounds: int = 60) -> dict:
    """Push apart nodes whose discs (``radii`` in the units of ``pos``) overlap; deterministic."""
    import numpy as np  # noqa: PLC0415

    nodes = list(pos)
    xy = np.array([pos[n] for n in nodes], dtype=float)
    r = np.array([radii[n] for n in nodes], dtype=float)
    for _ in range(rounds):
        moved = False
        for i in range(len(nodes)):
            for j in range(i + 1, len(nodes)):
                d = xy[j] - xy[i]
                dist = float(np.hypot(*d))
                need = r[i] + r[j]
                if dist < need:
                    u = d / dist if dist > 1e-9 else np.array([1.0, 0.0])
                    shift = (need - dist) / 2 + 1e-6
                    xy[i] -= u * shift
                    xy[j] += u * shift
                    moved = True
        if not moved:
            break
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, xy)}


def draw_network(H: nx.Graph, seed: int = 42, title: str = "Cooperation network", top_n: int = 60,
                 figsize: tuple[float, float] = (7.2, 8.6)) -> tuple[plt.Figure, str]:
    """Draw the collapsed cooperation network (node size by weighted degree, edge width by weight);
    return the open figure and a note of what was left out.

    The drawing fills a portrait page: nodes are kept apart, each label sits next to its node
    without covering a node or another label (:func:`place_labels`), and the legend is under the
    drawing. Above ``top_n`` actors the most connected are drawn (the note says so).
    """
    total = H.number_of_nodes()
    if total > top_n:
        H = H.subgraph(top_nodes(H, top_n)).copy()
    note = _cut_note(H.number_of_nodes(), total)
    with plt.rc_context(STYLE):
        fig = plt.figure(figsize=figsize)
        ax = fig.add_axes((0.02, 0.07, 0.96, 0.86))
        ax.set_title(title)
        ax.set_axis_off()
        if H.number_of_nodes():
            wdeg = dict(H.degree(weight="weight"))
            top = max(wdeg.values()) or 1
            size = {n: 70 + 900 * (wdeg[n] / top) for n in H.nodes}  # marker area in pt²
            radius_pt = {n: size[n] ** 0.5 / 2 for n in H.nodes}
            pos = layout(H, seed)
            xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
            box = ax.get_window_extent(fig.canvas.get_renderer())
            span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
            unit_pt = min(box.width, box.height) / (fig.dpi / 72.0) / (span * 1.35)  # points per layout unit
            pos = _separate(pos, {n: (radius_pt[n] + 4) / unit_pt for n in H.nodes})
            xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
            mx, my = 0.16 * (max(xs) - min(xs) or 1), 0.10 * (max(ys) - min(ys) or 1)
            ax.set_xlim(min(xs) - mx, max(xs) + mx)
            ax.set_ylim(min(ys) - my, max(ys) + my)
            widths = [0.6 + 0.5 * d["weight"] ** 0.8 for _, _, d in H.edges(data=True)]
            nx.draw_networkx_edges(H, pos, ax=ax, width=widths, edge_color="#9a9a9a", alpha=0.7)
            nodes = list(H.nodes)
            nx.draw_networkx_nodes(H, pos, ax=ax, nodelist=nodes, node_size=[size[n] for n in nodes],
                                   node_color=[PALETTE.get(H.nodes[n].get("kind", ""), "#777777") for n in nodes],
                                   edgecolors="white", linewidths=0.8)
            place_labels(ax, pos, {n: label_of(H.nodes[n], n) for n in nodes}, radius_pt,
                         order=sorted(nodes, key=lambda n: (-wdeg[n], str(n))))
            _legend_below(fig, sorted({H.nodes[n].get("kind", "") for n in H.nodes}))
        else:
            ax.text(0.5, 0.5, "no relations extracted", ha="center", va="center", transform=ax.transAxes)
    return fig, note


def plot_network(H: nx.Graph, stem: Path, seed: int = 42, title: str = "Cooperation network",
                 top_n: int = 60, figsize: tuple[float, float] = (7.2, 8.6)) -> dict:
    """:func:`draw_network` saved as ``stem``.svg/.png; returns their paths and ``note`` (what was cut)."""
    fig, note = draw_network(H, seed=seed, title=title, top_n=top_n, figsize=figsize)
    with plt.rc_context(STYLE):  # the SVG hash salt and font type apply when saving
        return {**save(fig, stem), "note": note}


#: colour of each event type in the timeline
EVENT_COLOURS = {"agreement": "#0072B2", "meeting": "#E69F00", "membership": "#009E73", "establishment": "#CC79A7",
                 "funding": "#D55E00", "launch": "#56B4E9"}
BOUNDED_ROW = 1.6  # height of a bounded event's row (bar plus the label above it), in rows of a dated event


def event_span(date: str) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """Where an event's ISO date lies on a time axis: the first and the last day it covers
    ('2019-01-29/2019-01-31' → 29 and 31 January; '2016-06' → 1 and 30 June; '2018/2022' → 1 January
    2018 and 31 December 2022; a day → that day twice), None when undated. The timeline marks the
    start; a caller can draw the span as a bar."""
    if not date:
        return None
    first, last = date.split("/")[0], date.split("/")[-1]
    start, end = parse_iso(first), parse_iso(last)
    if start is None or end is None:
        return None
    end = pd.Timestamp(end)
    if len(last) == 4:
        end = end + pd.offsets.YearEnd(0)
    elif len(last) == 7:
        end = end + pd.offsets.MonthEnd(0)
    return pd.Timestamp(start), end


def _placed_span(date: str, date_start: str, date_end: str) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """Where an event lies on a time axis: its date's :func:`event_span`, else (undated, bounded by terms of
    office) the first day of ``date_start`` to the last day of ``date_end`` (NaT: open), else None."""
    if date:
        return event_span(date)
    first = event_span(date_start)
    if first is None:
        return None
    last = event_span(date_end)
    return first[0], last[1] if last else pd.NaT


def timeline_events(events: pd.DataFrame, max_events: int = 40) -> tuple[pd.DataFrame, str]:
    """The events a timeline can place, in time order, and a note of what was left out.

    A dated event sits at its :func:`event_span`; an undated one bounded by its signatories' terms of
    office (``date_start``/``date_end``, columns optional) spans that range (``bounded`` True; ``end``
    NaT when the range is open). Other undated events cannot be placed; beyond ``max_events`` those
    reported by the most documents are kept.
    """
    ev = events.copy()
    for c in ("date_start", "date_end"):
        ev[c] = ev[c].astype(object).fillna("") if c in ev else ""
    ev["bounded"] = (ev["date"] == "") & (ev["date_start"] != "")
    spans = [_placed_span(d, s, e) for d, s, e in zip(ev["date"], ev["date_start"], ev["date_end"])]
    placed = [x is not None for x in spans]
    ev["_span"] = spans
    dated = ev[placed].copy() if len(ev) else ev
    n_dated, n_undated = len(dated), len(events) - len(dated)
    if n_dated > max_events:
        dated["_reports"] = dated["doc_ids"].str.count(r"\|") + 1
        dated["_when"] = dated["date"].where(dated["date"] != "", dated["date_start"])
        dated = dated.sort_values(["_reports", "_when", "event_id"], ascending=[False, True, True]).head(max_events)
        dated = dated.drop(columns=["_reports", "_when"])
    if len(dated):
        dated["start"] = [s[0] for s in dated["_span"]]
        dated["end"] = [s[1] for s in dated["_span"]]
        dated = dated.sort_values(["start", "event_id"]).reset_index(drop=True)
    dated = dated.drop(columns=["_span"])
    note = (f"All {n_dated} dated events shown." if len(dated) == n_dated
            else f"The {len(dated)} of {n_dated} dated events reported by the most documents shown.")
    n_bounded = int(dated["bounded"].sum()) if len(dated) else 0
    if n_bounded:
        note += (f" {n_bounded} of them {'is' if n_bounded == 1 else 'are'} dated only by the terms of office of "
                 f"the heads {'its' if n_bounded == 1 else 'their'} text names (a bar over that range).")
    if n_undated:
        note += f" {n_undated} undated event{'s' if n_undated > 1 else ''} cannot be placed (listed in the history)."
    return dated, note


def plot_timeline(events: pd.DataFrame, entities: pd.DataFrame, stem: Path,
                  title: str = "Partnership history: dated events", max_events: int = 40,
                  refs: dict[str, str] | None = None, width: float = 8.0) -> dict:
    """Dated events on a time axis, labelled with their participants, type and place (and, with
    ``refs`` — event id → '[1, 3]' — their numbered sources). Returns the paths and ``note``.

    An undated event bounded by its signatories' terms of office (``date_start``/``date_end``) is a
    horizontal bar over its range, its label just above the bar (its row is taller to make room).
    Beyond ``max_events`` (a large corpus) the events reported by the most documents are shown.
    """
    names = dict(zip(entities["entity_id"], [a or n for a, n in zip(entities["acronym"], entities["name"])]))
    ev, note = timeline_events(events, max_events)
    # a bar's row is taller: its label sits above the bar, clear of the neighbouring rows' labels
    rows = [0.0]
    for bounded in list(ev["bounded"])[1:] if len(ev) else []:
        rows.append(rows[-1] + (BOUNDED_ROW if bounded else 1.0))
    if len(ev) and ev["bounded"].iloc[0]:
        rows = [y + BOUNDED_ROW - 1.0 for y in rows]
    depth = (rows[-1] + 1.0) if len(ev) else 0.0
    with plt.rc_context(STYLE):
        n = len(ev)
        fig, ax = plt.subplots(figsize=(width, max(2.0, 0.27 * depth + 1.0)))
        if n:
            lo = ev["start"].min()
            hi = max(ev["start"].max(), ev["end"].max() if ev["end"].notna().any() else lo)
            mid = lo + (hi - lo) / 2
            open_end = max(hi, ev["start"].max() + pd.Timedelta(days=365))  # where an open range's bar stops
            for (_, r), y in zip(ev.iterrows(), rows):
                who = "–".join(names.get(p, p) for p in r["participants"].split("|") if p)
                when = r["date"] or f"{r['date_start'][:4]}–{r['date_end'][:4] or '…'} (terms of office)"
                label = f"{when}  {who}: {r['event_type']}" + (f" ({r['place']})" if r["place"] else "")
                if refs and refs.get(r["event_id"]):
                    label += f"  {refs[r['event_id']]}"
                colour = EVENT_COLOURS.get(r["event_type"], "#555555")
                late = n > 1 and r["start"] > mid
                if r["bounded"]:  # a range, never a day: a bar from the first to the last possible day
                    until = r["end"] if pd.notna(r["end"]) else open_end
                    hi = max(hi, until)
                    ax.plot([r["start"], until], [y, y], "-", color=colour, linewidth=5, alpha=0.55, solid_capstyle="butt")
                    ax.annotate(label, (until if late else r["start"], y), xytext=(0, 3.5), textcoords="offset points",
                                va="bottom", ha="right" if late else "left", fontsize=7.5)
                    continue
                ax.plot([r["start"]], [y], "o", color=colour, markersize=6)
                ax.annotate(label, (r["start"], y), xytext=(-6 if late else 6, 0), textcoords="offset points",
                            va="center", ha="right" if late else "left", fontsize=7.5)
            ax.set_yticks([])
            ax.set_ylim(-0.7, depth - 0.3)
            span = max((hi - lo).days, 365)
            ax.set_xlim(lo - pd.Timedelta(days=span * 0.05), hi + pd.Timedelta(days=span * 0.05))
            ax.invert_yaxis()
            ax.spines["left"].set_visible(False)
        else:
            ax.text(0.5, 0.5, "no dated events", ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
        ax.set_title(title)
        return {**save(fig, stem), "note": note}


def plot_relation_types(relations: pd.DataFrame, stem: Path, title: str = "Relations by type") -> dict[str, Path]:
    """Number of relation rows per relation type."""
    counts = relations["relation"].value_counts().sort_index()
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(3.6, max(2, 0.25 * len(counts) + 1)))
        ax.barh(counts.index, counts.values, color=[RELATION_COLOURS.get(r, "#777777") for r in counts.index])
        for y, v in enumerate(counts.values):
            ax.text(v, y, f" {v}", va="center", fontsize=7.5)
        ax.invert_yaxis()
        ax.set_xlabel("relations")
        ax.set_title(title)
        return {**save(fig, stem), "note": f"All {int(counts.sum())} relations shown ({len(counts)} types)."}


def plot_centrality(metrics: pd.DataFrame, stem: Path, top_n: int = 15,
                    title: str = "Most central actors (PageRank)") -> dict[str, Path]:
    """Top actors by PageRank, coloured by kind."""
    top = metrics.head(top_n).iloc[::-1]
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(3.6, max(2, 0.22 * len(top) + 1.2)))
        ax.tick_params(axis="y", labelsize=7)
        ax.barh([short_name(x) for x in top["name"]], top["pagerank"], color=[PALETTE.get(k, "#777777") for k in top["kind"]])
        ax.set_xlabel("PageRank (collapsed graph)")
        ax.set_title(title)
        if len(top):  # under the axis label, outside the bars
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=len(set(top["kind"])), frameon=False, fontsize=7.5,
                      handles=[plt.Line2D([], [], marker="s", ls="", color=PALETTE.get(k, "#777"), label=k)
                               for k in sorted(set(top["kind"]))])
        note = _cut_note(len(top), len(metrics), "actors", "with the highest PageRank")
        return {**save(fig, stem), "note": note}


def plot_adjacency(H: nx.Graph, stem: Path, top_n: int = 30, title: str = "Who cooperates with whom") -> dict[str, Path]:
    """Heatmap of the number of relations between the ``top_n`` most connected actors."""
    import numpy as np  # noqa: PLC0415

    nodes = top_nodes(H, top_n)
    labels = [short_name(label_of(H.nodes[n], n).replace("\n", " ")) for n in nodes]
    m = np.zeros((len(nodes), len(nodes)))
    for i, a in enumerate(nodes):
        for j, b in enumerate(nodes):
            if H.has_edge(a, b):
                m[i, j] = H[a][b]["weight"]
    with plt.rc_context(STYLE):
        size = max(2.0, 0.13 * len(nodes))  # inches of matrix: the figure is printed near its own size
        fig, ax = plt.subplots(figsize=(size + 2.8, size + 1.9))
        im = ax.imshow(m, cmap="Blues", vmin=0)
        ax.set_xticks(range(len(nodes)), labels, rotation=90, fontsize=6.5)
        ax.set_yticks(range(len(nodes)), labels, fontsize=6.5)
        ax.spines[:].set_visible(False)
        fig.colorbar(im, ax=ax, shrink=0.6, label="relations")
        ax.set_title(title)
        return {**save(fig, stem), "note": _cut_note(len(nodes), H.number_of_nodes())}


def plot_small_multiples(G: nx.MultiDiGraph, spans: list[tuple[int, int]], stem: Path, seed: int = 42,
                         title: str = "The network as it grew", top_n: int = 60, labels_per_panel: int = 6) -> dict:
    """One panel per period: the network known at the end of it, on fixed node positions; the
    ``labels_per_panel`` most connected actors of each panel are named (clear of nodes and labels)."""
    from .network import cooperation_graph, graph_as_of  # noqa: PLC0415

    full = cooperation_graph(G)
    total = full.number_of_nodes()
    if total > top_n:
        keep = top_nodes(full, top_n)
        full = full.subgraph(keep).copy()
        G = G.subgraph(keep).copy()
    pos = layout(full, seed)
    n = max(1, len(spans))
    with plt.rc_context(STYLE):
        cols = min(n, 2)
        rows = (n + cols - 1) // cols
        fig, axes = plt.subplots(rows, cols, figsize=(3.5 * cols, 2.8 * rows), squeeze=False)
        for ax in axes.flat:
            ax.set_axis_off()
        xs, ys = [p[0] for p in pos.values()] or [0.0], [p[1] for p in pos.values()] or [0.0]
        mx, my = 0.08 * (max(xs) - min(xs) or 1), 0.08 * (max(ys) - min(ys) or 1)
        for ax, (start, end) in zip(axes.flat, spans):
            H = cooperation_graph(graph_as_of(G, end))
            ax.set_xlim(min(xs) - mx, max(xs) + mx)
            ax.set_ylim(min(ys) - my, max(ys) + my)
            nx.draw_networkx_edges(full, pos, ax=ax, edge_color="#e6e6e6", width=0.5)
            if H.number_of_nodes():
                nx.draw_networkx_edges(H, pos, ax=ax, edge_color="#7a7a7a", width=0.8)
                nx.draw_networkx_nodes(H, pos, ax=ax, node_size=40,
                                       node_color=[PALETTE.get(H.nodes[v].get("kind", ""), "#777") for v in H.nodes])
                top = top_nodes(H, labels_per_panel)
                place_labels(ax, {v: pos[v] for v in H.nodes}, {v: label_of(H.nodes[v], v).replace("\n", " ") for v in top},
                             {v: 40 ** 0.5 / 2 for v in H.nodes}, fontsize=6.5, order=top)
            ax.set_title(f"up to {end} ({H.number_of_nodes()} actors, {H.number_of_edges()} pairs)", fontsize=9)
        if not spans:
            axes.flat[0].text(0.5, 0.5, "no dated relations", ha="center", transform=axes.flat[0].transAxes)
        fig.suptitle(title)
        note = f"Names on the {labels_per_panel} most connected actors of each panel. " + _cut_note(full.number_of_nodes(), total)
        return {**save(fig, stem), "note": note}
