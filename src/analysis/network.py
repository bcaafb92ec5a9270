"""Stage 3: tables → cooperation network (networkx), its metrics and its export files.

* :func:`build_graph`: a ``MultiDiGraph`` with one node per actor and one edge per
  relation row (key = relation id), every edge carrying its relation, date, evidence
  sentence, document, file and confidence;
* :func:`cooperation_graph`: the collapsed, weighted, undirected graph for analysis;
* :func:`graph_as_of`: the network as it stood at the end of a given year;
* :func:`network_metrics`: degree, weighted degree, betweenness, PageRank, seeded Louvain
  communities and brokers; :func:`change_between_periods`: growth of the network by period;
* :func:`write_graph_files`: GraphML, GEXF (opens in Gephi), node-link JSON and an edge list,
  byte-identical for identical inputs.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import networkx as nx
import pandas as pd

from .kb import ACTOR_KINDS
from .tables import atomic_write_text

NODE_ATTRS = ("name", "acronym", "kind", "parent", "first_year", "last_year", "n_documents")
BETWEENNESS_SAMPLE = 300  # above this many actors, betweenness is estimated from this many seeded sources
EDGE_ATTRS = ("relation", "directed", "date", "evidence", "doc_id", "file", "confidence", "rule", "place", "cameo")


def _year(value: str) -> int | None:
    """The year an ISO date value starts with, or None."""
    head = (value or "")[:4]
    return int(head) if len(head) == 4 and head.isascii() and head.isdigit() else None


def build_graph(entities: pd.DataFrame, relations: pd.DataFrame, mentions: pd.DataFrame,
                documents: pd.DataFrame) -> nx.MultiDiGraph:
    """The cooperation multigraph: actors as nodes, relations as edges with their evidence."""
    files = dict(zip(documents["doc_id"], documents["file"]))
    published = dict(zip(documents["doc_id"], documents["published"]))
    ents = entities.set_index("entity_id")
    actors = set(ents.index[ents["kind"].isin(ACTOR_KINDS)])
    rel = relations[relations["source"].isin(actors) & relations["target"].isin(actors)]
    G = nx.MultiDiGraph(name="inter-agency cooperation")
    used = sorted(set(rel["source"]) | set(rel["target"]))
    docs_of: dict[str, set[str]] = {e: set() for e in used}
    years_of: dict[str, list[int]] = {e: [] for e in used}
    for eid, doc in zip(mentions["entity_id"], mentions["doc_id"]):
        if eid in docs_of:
            docs_of[eid].add(doc)
    for s, t, doc, date in zip(rel["source"], rel["target"], rel["doc_id"], rel["date"]):
        for eid in (s, t):
            docs_of[eid].add(doc)
            if _year(date):
                years_of[eid].append(_year(date))
    for eid in used:
        e = ents.loc[eid]
        docs = docs_of[eid]
        years = years_of[eid] + [y for y in (_year(published.get(d, "")) for d in docs) if y]
        G.add_node(eid, name=e["name"], acronym=e["acronym"], kind=e["kind"], parent=e["parent"],
                   first_year=min(years) if years else 0, last_year=max(years) if years else 0, n_documents=len(docs))
    rows = rel.sort_values(["relation_id"])
    for r in (dict(zip(rows.columns, values)) for values in zip(*(rows[c].tolist() for c in rows.columns))):
        G.add_edge(r["source"], r["target"], key=r["relation_id"], relation=r["relation"], directed=r["directed"],
                   date=r["date"], evidence=r["evidence"], doc_id=r["doc_id"], file=files.get(r["doc_id"], ""),
                   confidence=float(r["confidence"]), rule=r["rule"], place=r["place"], cameo=r.get("cameo", ""),
                   year=_year(r["date"]) or _year(published.get(r["doc_id"], "")) or 0)
    return G


def cooperation_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """Collapse the multigraph: one undirected edge per pair, weight = number of relation rows.

    Each edge also lists its relation types and documents, and its first and last year.
    """
    H = nx.Graph()
    for n in sorted(G.nodes):
        H.add_node(n, **G.nodes[n])
    pairs: dict[tuple[str, str], tuple[list[int], set[str], set[str], list[int]]] = {}
    for u, v, d in G.edges(data=True):
        weight, rels, docs, years = pairs.setdefault(tuple(sorted((u, v))), ([0], set(), set(), []))
        weight[0] += 1
        rels.add(str(d.get("relation", "")))
        docs.add(str(d.get("doc_id", "")))
        if d.get("year"):
            years.append(int(d["year"]))
    for (a, b), (weight, rels, docs, years) in sorted(pairs.items()):
        H.add_edge(a, b, weight=weight[0], relations="|".join(sorted(rels - {""})), documents="|".join(sorted(docs - {""})),
                   first_year=min(years, default=0), last_year=max(years, default=0))
    return H


def graph_as_of(G: nx.MultiDiGraph, year: int) -> nx.MultiDiGraph:
    """The network as known at the end of ``year``: edges dated (or published) up to that year."""
    H = nx.MultiDiGraph(name=f"{G.graph.get('name', '')} as of {year}")
    for u, v, k, d in G.edges(keys=True, data=True):
        if d.get("year") and d["year"] <= year:
            for n in (u, v):
                if n not in H:
                    H.add_node(n, **G.nodes[n])
            H.add_edge(u, v, key=k, **d)
    return H


def network_metrics(H: nx.Graph, seed: int = 42) -> pd.DataFrame:
    """Centralities, seeded communities and brokers of the collapsed graph, one row per actor."""
    cols = ["entity_id", "name", "kind", "degree", "weighted_degree", "betweenness", "pagerank", "community", "broker"]
    if H.number_of_nodes() == 0:
        return pd.DataFrame(columns=cols)
    # exact betweenness costs actors x pairs; on a large graph it is estimated from a seeded sample of sources
    k = BETWEENNESS_SAMPLE if H.number_of_nodes() > BETWEENNESS_SAMPLE else None
    btw = nx.betweenness_centrality(H, k=k, weight=None, normalized=True, seed=seed)
    pr = nx.pagerank(H, weight="weight")
    comms = nx.community.louvain_communities(H, weight="weight", seed=seed)
    comms = sorted((sorted(c) for c in comms), key=lambda c: (-len(c), c))
    community = {n: i + 1 for i, c in enumerate(comms) for n in c}
    rows = []
    for n in sorted(H.nodes):
        neigh_comms = {community[m] for m in H.neighbors(n)} - {community[n]}
        rows.append({"entity_id": n, "name": H.nodes[n].get("name", n), "kind": H.nodes[n].get("kind", ""),
                     "degree": H.degree(n), "weighted_degree": H.degree(n, weight="weight"),
                     "betweenness": round(btw[n], 6), "pagerank": round(pr[n], 6), "community": community[n],
                     "broker": bool(neigh_comms) and btw[n] > 0})
    df = pd.DataFrame(rows, columns=cols)
    return df.sort_values(["pagerank", "entity_id"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def write_graph_files(G: nx.MultiDiGraph, out_dir: Path, stem: str = "cooperation",
                      H: nx.Graph | None = None) -> dict[str, Path]:
    """Write GraphML, GEXF, node-link JSON and an edge list CSV; return their paths.

    GraphML, JSON and the edge list hold every relation with its evidence; the GEXF (for Gephi)
    holds the collapsed graph ``H`` (default: :func:`cooperation_graph` of ``G``), each pair's
    edge alive from its first year, so Gephi's timeline shows the network growing.
    """
    out_dir = Path(out_dir)
    paths = {k: out_dir / f"{stem}.{ext}" for k, ext in
             (("graphml", "graphml"), ("gexf", "gexf"), ("json", "json"), ("edges", "edges.csv"))}
    buf = io.BytesIO()
    nx.write_graphml(G, buf, encoding="utf-8")
    atomic_write_text(paths["graphml"], buf.getvalue().decode("utf-8"))
    gexf = "\n".join(nx.generate_gexf(_gexf_ready(G, cooperation_graph(G) if H is None else H)))
    gexf = re.sub(r'lastmodifieddate="[^"]*"', 'lastmodifieddate="1970-01-01"', gexf)  # no run date inside data
    atomic_write_text(paths["gexf"], gexf + "\n")
    data = nx.node_link_data(G, edges="links")
    # no indent: the standard library then encodes in C, ten times faster on large graphs
    atomic_write_text(paths["json"], json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
    rows = [{"relation_id": k, "source": u, "target": v, **{a: d.get(a, "") for a in EDGE_ATTRS}}
            for u, v, k, d in G.edges(keys=True, data=True)]
    atomic_write_text(paths["edges"], pd.DataFrame(rows, columns=["relation_id", "source", "target", *EDGE_ATTRS])
                      .to_csv(index=False, lineterminator="\n"))
    return paths


def _gexf_ready(G: nx.MultiDiGraph, H: nx.Graph) -> nx.Graph:
    """A copy of ``H`` with Gephi time intervals: each pair from its first year, each actor from its first year."""
    H = H.copy()
    H.graph.update(mode="dynamic", timeformat="double", name=G.graph.get("name", ""))
    last = max([d["year"] for _, _, d in G.edges(data=True) if d.get("year")] or [0])
    for n, d in H.nodes(data=True):
        if d.get("first_year"):
            d["start"] = float(d["first_year"])
    for _, _, d in H.edges(data=True):
        if d.get("first_year"):
            d["start"] = float(d["first_year"])
            d["end"] = float(max(last, d["first_year"]))
    return H


def load_graph_json(path: Path) -> nx.MultiDiGraph:
    """Read the node-link JSON written by :func:`write_graph_files` (much faster than GraphML)."""
    return nx.node_link_graph(json.loads(Path(path).read_text(encoding="utf-8")), edges="links")


def load_graph(path: Path) -> nx.MultiDiGraph:
    """Read a GraphML file written by :func:`write_graph_files` back into networkx."""
    return nx.read_graphml(path, force_multigraph=True)


def filter_relations(relations: pd.DataFrame, documents: pd.DataFrame, year_min: int | None = None,
                     year_max: int | None = None, relation_types: list[str] | None = None,
                     languages: list[str] | None = None, min_confidence: float = 0.0) -> pd.DataFrame:
    """The relations the report's parameters select (undated relations take their document's year)."""
    lang = dict(zip(documents["doc_id"], documents["language"]))
    pub = dict(zip(documents["doc_id"], documents["published"]))
    years = [(_year(d) or _year(pub.get(doc, ""))) for d, doc in zip(relations["date"], relations["doc_id"])]
    keep = pd.Series(True, index=relations.index)
    if year_min is not None:
        keep &= pd.Series([y is None or y >= year_min for y in years], index=relations.index, dtype=bool)
    if year_max is not None:
        keep &= pd.Series([y is None or y <= year_max for y in years], index=relations.index, dtype=bool)
    if relation_types:
        keep &= relations["relation"].isin(relation_types)
    if languages:
        keep &= relations["doc_id"].map(lang).isin(languages)
    keep &= relations["confidence"].astype(float) >= float(min_confidence)
    return relations[keep]


def run_stage(processed_dir: Path, seed: int = 42, year_min: int | None = None, year_max: int | None = None,
              relation_types: list[str] | None = None, languages: list[str] | None = None,
              min_confidence: float = 0.0) -> dict:
    """Stage entry point: build the graph from the tables, write graph files and ``metrics.csv``."""
    from .tables import read_table  # noqa: PLC0415

    t = {n: read_table(processed_dir, n) for n in ("documents", "entities", "mentions", "relations")}
    rel = filter_relations(t["relations"], t["documents"], year_min, year_max, relation_types, languages, min_confidence)
    G = build_graph(t["entities"], rel, t["mentions"], t["documents"])
    H = cooperation_graph(G)
    metrics = network_metrics(H, seed)
    paths = write_graph_files(G, processed_dir, H=H)
    atomic_write_text(Path(processed_dir) / "metrics.csv", metrics.to_csv(index=False, lineterminator="\n"))
    change = change_between_periods(G, periods(G))
    atomic_write_text(Path(processed_dir) / "periods.csv", change.to_csv(index=False, lineterminator="\n"))
    return {"graph": G, "cooperation": H, "metrics": metrics, "periods": change, "paths": paths}


def periods(G: nx.MultiDiGraph, n: int = 4) -> list[tuple[int, int]]:
    """Up to ``n`` consecutive year ranges covering the dated edges, with about as many edges each."""
    years = sorted(d["year"] for _, _, d in G.edges(data=True) if d.get("year"))
    if not years:
        return []
    bounds: list[tuple[int, int]] = []
    start = years[0]
    for k in range(1, n + 1):
        end = years[min(len(years) - 1, round(k * len(years) / n) - 1)]
        if end >= start and (not bounds or end > bounds[-1][1]):
            bounds.append((start, end))
            start = end + 1
    if bounds[-1][1] < years[-1]:
        bounds[-1] = (bounds[-1][0], years[-1])
    return bounds


def change_between_periods(G: nx.MultiDiGraph, spans: list[tuple[int, int]]) -> pd.DataFrame:
    """How the network grows: actors, pairs and density at the end of each period, and what is new in it.

    The same counts as :func:`cooperation_graph` of :func:`graph_as_of` each period's end, read
    from one pass over the edges.
    """
    cols = ["period", "start", "end", "actors", "pairs", "relations", "density", "new_actors", "new_pairs"]
    dated = sorted((int(d["year"]), u, v) for u, v, d in G.edges(data=True) if d.get("year"))
    rows, seen_nodes, seen_pairs = [], set(), set()
    nodes: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    i = 0
    for start, end in spans:
        while i < len(dated) and dated[i][0] <= end:
            _, u, v = dated[i]
            nodes |= {u, v}
            pairs.add(tuple(sorted((u, v))))
            i += 1
        n = len(nodes)
        rows.append({"period": f"{start}–{end}", "start": start, "end": end, "actors": n,
                     "pairs": len(pairs), "relations": i,
                     "density": round(2 * len(pairs) / (n * (n - 1)), 4) if n > 1 else 0.0,
                     "new_actors": ", ".join(sorted(nodes - seen_nodes)),
                     "new_pairs": len(pairs - seen_pairs)})
        seen_nodes |= nodes
        seen_pairs |= pairs
    return pd.DataFrame(rows, columns=cols)
