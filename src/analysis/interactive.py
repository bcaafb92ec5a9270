"""Interactive cooperation network: one self-contained HTML page that works offline from the file.

:func:`write_interactive_network` draws the multigraph of :func:`analysis.network.build_graph`
as inline SVG with vanilla JavaScript (template ``templates/interactive.html.j2``): nodes coloured
by kind (the Okabe-Ito palette of the figures) with a legend and labels, one line per pair of
actors; hovering, clicking or focusing a line shows every relation behind it with its type, date,
evidence sentence and source file; checkboxes filter by relation type and node kind, two year
inputs (and 'hide undated') filter relations by year, and ``#status`` counts what is shown.

The page loads nothing: no CDN, no URL, no fetch, and a Content-Security-Policy (``default-src
'none'``, the page's own script and style allowed by hash) enforces it. Positions are computed
here with a seeded spring layout, rounded, and nodes, pairs and relations are sorted, so the same
graph gives a byte-identical file. Text from documents travels only as JSON inside
``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped, and the
script inserts it with ``textContent``, never as markup.
"""

from __future__ import annotations

import base64
import hashlib
import json
import textwrap
from collections import Counter
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import pandas as pd

from .citation import source_table
from .figures import PALETTE, layout
from .network import cooperation_graph
from .tables import atomic_write_text

TEMPLATES = Path(__file__).parent / "templates"
WIDTH, HEIGHT, MARGIN = 1000, 720, 70
MAX_NODES = 150  # a larger network shows its most connected actors (all are in the graph files)
MAX_RELATIONS_PER_PAIR = 40  # evidence listed per pair of actors, earliest first (all are in relations.csv)
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def write_interactive_network(G: nx.MultiDiGraph, path: Path, title: str = "Interactive cooperation network",
                              seed: int = 42, max_nodes: int = MAX_NODES,
                              max_per_pair: int = MAX_RELATIONS_PER_PAIR, documents: pd.DataFrame | None = None) -> Path:
    """Write ``G`` as one self-contained, offline, interactive HTML page at ``path``; return the path.

    ``G`` is the cooperation multigraph (nodes: name, acronym, kind, parent, first_year, last_year,
    n_documents; edges keyed by relation id: relation, directed, date, evidence, doc_id, file,
    confidence, rule, place, year), built in memory or read back with
    :func:`analysis.network.load_graph`. ``seed`` fixes the spring layout; the file is
    byte-identical for the same graph, title and seed. A large network stays usable in a browser:
    the page shows the ``max_nodes`` actors with the most relations and, per pair, the first
    ``max_per_pair`` relations (it says so, and the tables and graph files hold everything).
    With ``documents`` (the documents table), each relation's source is cited by title, publisher,
    date and URL (:func:`analysis.citation.source_of`; the URL is shown as text, never loaded), else
    by its file name.
    """
    n_total, r_total = G.number_of_nodes(), G.number_of_edges()
    if n_total > max_nodes:
        degree = Counter()
        for u, v in G.edges():
            degree[u] += 1
            degree[v] += 1
        G = G.subgraph(sorted(G.nodes, key=lambda n: (-degree[n], str(n)))[:max_nodes])
    data = _graph_data(G, seed, max_per_pair)
    cited = {r["doc_id"] for e in data["edges"] for r in e["relations"]}
    sources = source_table(documents[documents["doc_id"].isin(sorted(cited))]) if documents is not None and len(documents) else {}
    data["sources"] = {d: sources[d]["label"] for d in sorted(sources)}
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters["csp_hash"] = _csp_hash
    kinds = Counter(n["kind"] for n in data["nodes"])
    relations = Counter(r["relation"] for e in data["edges"] for r in e["relations"])
    years = sorted({r["year"] for e in data["edges"] for r in e["relations"] if r["year"]})
    order = {k: i for i, k in enumerate(PALETTE)}
    html = env.get_template("interactive.html.j2").render(
        title=title, width=WIDTH, height=HEIGHT, data_json=_embed_json(data),
        kinds=[{"name": k, "colour": _colour(k), "count": kinds[k]} for k in sorted(kinds, key=lambda k: (order.get(k, 99), k))],
        relations=sorted(relations.items()), year_min=years[0] if years else 0, year_max=years[-1] if years else 0,
        n_undated=sum(1 for e in data["edges"] for r in e["relations"] if not r["year"]),
        n_nodes=len(data["nodes"]), n_relations=sum(relations.values()), n_nodes_total=n_total, n_relations_total=r_total,
        max_per_pair=max_per_pair, pairs_cut=sum(1 for e in data["edges"] if e["n_relations"] > len(e["relations"])),
        n_documents=len({r["doc_id"] for e in data["edges"] for r in e["relations"]}))
    atomic_write_text(Path(path), html)
    return Path(path)


def _graph_data(G: nx.MultiDiGraph, seed: int = 42, max_per_pair: int = MAX_RELATIONS_PER_PAIR) -> dict[str, list[dict[str, Any]]]:
    """The page's data: sorted nodes with rounded positions, and one entry per pair of actors
    listing its relations (sorted by year, date and id; the first ``max_per_pair``) with their
    evidence and source, and how many it has in all."""
    pos = _positions(G, seed)
    degree = Counter()
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        u, v = str(u), str(v)
        degree[u] += 1
        degree[v] += u != v
        pairs.setdefault(tuple(sorted((u, v))), []).append({
            "id": str(k), "relation": str(d.get("relation", "")), "directed": _bool(d.get("directed", False)),
            "source": u, "target": v, "date": str(d.get("date", "")), "year": _int(d.get("year")),
            "place": str(d.get("place", "")), "evidence": str(d.get("evidence", "")), "file": str(d.get("file", "")),
            "doc_id": str(d.get("doc_id", "")), "confidence": round(float(d.get("confidence") or 0.0), 3),
            "rule": str(d.get("rule", ""))})
    names = {str(n): str(d.get("name") or n) for n, d in G.nodes(data=True)}
    nodes = []
    for n in sorted(G.nodes, key=str):
        d, nid = G.nodes[n], str(n)
        x, y = pos.get(nid, (WIDTH / 2, HEIGHT / 2))
        parent = str(d.get("parent") or "")
        nodes.append({"id": nid, "name": names[nid], "acronym": str(d.get("acronym") or ""), "kind": str(d.get("kind") or ""),
                      "colour": _colour(str(d.get("kind") or "")), "parent": parent, "parent_name": names.get(parent, parent),
                      "first_year": _int(d.get("first_year")), "last_year": _int(d.get("last_year")),
                      "n_documents": _int(d.get("n_documents")), "degree": degree[nid],
                      "label": _label(d, nid), "x": x, "y": y, "r": round(7 + 2.2 * degree[nid] ** 0.5, 1)})
    edges = [{"source": a, "target": b, "n_relations": len(rels),
              "relations": sorted(rels, key=lambda r: (r["year"] == 0, r["year"], r["date"], r["id"]))[:max_per_pair]}
             for (a, b), rels in sorted(pairs.items())]
    return {"nodes": nodes, "edges": edges}


def _embed_json(data: Any) -> str:
    """Sorted, compact JSON that is safe inside a ``<script>`` element: ``<``, ``>``, ``&``,
    U+2028 and U+2029 become ``\\uXXXX`` escapes, so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return text.translate(str.maketrans(_JSON_ESCAPES))


def _positions(G: nx.MultiDiGraph, seed: int) -> dict[str, tuple[float, float]]:
    """Seeded spring layout of the undirected collapsed graph, scaled into the SVG box, rounded."""
    pos = layout(cooperation_graph(G), seed) if G.number_of_nodes() else {}
    if not pos:
        return {}
    xs, ys = [float(p[0]) for p in pos.values()], [float(p[1]) for p in pos.values()]

    def scale(v: float, lo: float, hi: float, size: int) -> float:
        return round(MARGIN + (size - 2 * MARGIN) * ((v - lo) / (hi - lo) if hi > lo else 0.5), 1)

    return {str(n): (scale(float(x), min(xs), max(xs), WIDTH), scale(float(y), min(ys), max(ys), HEIGHT))
            for n, (x, y) in pos.items()}


def _label(d: dict, node_id: str) -> list[str]:
    """Acronym, else the name on at most two lines of 20 characters (ellipsis when cut)."""
    if d.get("acronym"):
        return [str(d["acronym"])]
    lines = textwrap.wrap(str(d.get("name") or node_id), 20) or [node_id]
    return lines if len(lines) <= 2 else [lines[0], lines[1][:19] + "…"]


def _colour(kind: str) -> str:
    return PALETTE.get(kind, "#777777")


def _bool(value: Any) -> bool:
    return value is True or str(value).strip().lower() in ("true", "1", "yes")


def _int(value: Any) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return 0


def _csp_hash(text: str) -> str:
    """Content-Security-Policy hash (``sha256-…``, to quote) allowing exactly this inline script or style."""
    return "sha256-" + base64.b64encode(hashlib.sha256(str(text).encode("utf-8")).digest()).decode("ascii")


__all__ = ["write_interactive_network"]
