"""Class session helpers: the questions of ``notebooks/05_teaching.ipynb`` as tested functions.

The teaching notebook and its solutions notebook only narrate and call these functions, so every
answer a student sees is computed by code the test suite reaches. All functions read the
processed tables (see the data dictionary in the README) and return pandas tables that keep the
evidence sentence and the source file next to every claim: the session is about reading sources
critically, so a number is never shown without the sentences it comes from.

* corpus and actors: :func:`load_tables`, :func:`corpus_table`, :func:`actors_by_kind`, :func:`actor_table`;
* history: :func:`partnership_history` (events in date order with their evidence), :func:`handout_history`
  (the events and numbered sources of the one-page class handout);
* the network over time (with :func:`analysis.network.change_between_periods`): :func:`edge_years`,
  :func:`year_spans`, :func:`middle_period_end`, :func:`dating_summary`;
* evidence: :func:`relation_evidence`, :func:`evidence_context`, :func:`context_table`;
* exercises: :func:`partner_table`, :func:`partners_by_document` (1); :func:`brokers_between`,
  :func:`broker_summary`, :func:`first_entity`, :func:`group_ties`, :func:`bridge_subgraph`,
  :func:`bridge_layout`, :func:`plot_bridge`, :func:`communities_table` (2);
  :func:`partnership_history` with filters (3); :func:`questionable_relations`, :func:`pick_relation`,
  :func:`relation_card`, :func:`rejection_snippet`, :func:`preview_corrections` (4);
  :func:`country_roles` (5);
* display: :func:`show` (left-aligned, wrapped, HTML-escaped tables for JupyterLab).
"""

from __future__ import annotations

import copy
import re
from collections import deque
from pathlib import Path
from typing import Iterable, Sequence

import networkx as nx
import pandas as pd
import yaml
from pandas.io.formats.style import Styler

from .citation import cite_all, number_sources, source_table
from .corrections import KEYS as CORRECTION_KEYS
from .corrections import apply_corrections
from .kb import ACTOR_KINDS, fold, is_case_sensitive, split_aliases
from .sentences import split_sentences
from .tables import read_table

#: the processed tables the class session reads
TABLES = ("documents", "entities", "mentions", "relations", "events")

#: confidence of a relation whose subject was taken from an anaphor / from the page's main actor (README)
ANAPHOR_CONFIDENCE = 0.75
FOCAL_CONFIDENCE = 0.6


# ---------------------------------------------------------------------------------------------
# reading and showing


def load_tables(processed_dir: str | Path) -> dict[str, pd.DataFrame]:
    """The processed tables of :data:`TABLES`, read with :func:`analysis.tables.read_table`."""
    return {name: read_table(Path(processed_dir), name) for name in TABLES}


def label_map(entities: pd.DataFrame) -> dict[str, str]:
    """Short label of every entity id: its acronym, else its name."""
    return {e: (a or n or e) for e, a, n in zip(entities["entity_id"], entities["acronym"], entities["name"])}


def _labels(ids: Iterable[str], labels: dict[str, str], sep: str = ", ") -> str:
    return sep.join(labels.get(i, i) for i in ids if i)


def _sentence(mention: pd.Series, body: dict[str, str]) -> str:
    """The sentence a ``mentions`` row points to (its ``sentence_id`` in the split of its document's body)."""
    return split_sentences(body[mention["doc_id"]])[int(mention["sentence_id"])].text


def _documents(doc_ids: Iterable[str], documents: pd.DataFrame) -> str:
    """The documents ``doc_ids`` cited by title, publisher, date and URL (:mod:`analysis.citation`; the
    file name only when the page has no title), in doc_id order, separated by '; '."""
    return cite_all(sorted({d for d in doc_ids if d}), source_table(documents[documents["doc_id"].isin(set(doc_ids))]))


def show(df: pd.DataFrame, precision: int = 3) -> Styler:
    """A table for reading: no index, text left-aligned and wrapped, every cell HTML-escaped.

    Evidence sentences come from scraped pages; escaping keeps any markup in them as text.
    """
    cell = [("text-align", "left"), ("vertical-align", "top"), ("white-space", "normal")]
    return (df.style.hide(axis="index").format(escape="html", precision=precision, na_rep="")
            .set_table_styles([{"selector": "td", "props": cell}, {"selector": "th", "props": cell}]))


# ---------------------------------------------------------------------------------------------
# corpus, actors, history


def corpus_table(documents: pd.DataFrame) -> pd.DataFrame:
    """One row per document: file, language, publication date ('' when the page gives none), place
    of the dateline, publisher, title, characters kept and lines removed as boilerplate."""
    cols = ["file", "language", "published", "dateline_place", "publisher", "title", "n_chars_body", "n_lines_removed"]
    return documents[cols].sort_values("file", kind="mergesort").reset_index(drop=True)


def actor_table(entities: pd.DataFrame, mentions: pd.DataFrame, kinds: Iterable[str] | None = None) -> pd.DataFrame:
    """Entities (optionally of some ``kinds``) with how often and in how many documents they are named.

    Columns: entity_id, label, name, kind, parent, source (reference knowledge base or discovered
    in the text), n_mentions, n_documents; most mentioned first.
    """
    counts = mentions.groupby("entity_id").agg(n_mentions=("doc_id", "size"), n_documents=("doc_id", "nunique"))
    df = entities.copy()
    if kinds is not None:
        df = df[df["kind"].isin(sorted(kinds))]
    df = df.assign(label=df["entity_id"].map(label_map(entities)))
    df = df.join(counts, on="entity_id")
    df[["n_mentions", "n_documents"]] = df[["n_mentions", "n_documents"]].fillna(0).astype(int)
    cols = ["entity_id", "label", "name", "kind", "parent", "source", "n_mentions", "n_documents"]
    return df[cols].sort_values(["n_mentions", "entity_id"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def actors_by_kind(entities: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per entity kind: whether it counts as an actor in the network, how many entities and
    mentions it has, and its entities by decreasing number of mentions."""
    table = actor_table(entities, mentions)
    rows = []
    for kind, g in table.groupby("kind", sort=False):
        rows.append({"kind": kind, "actor": kind in ACTOR_KINDS, "n_entities": len(g), "n_mentions": int(g["n_mentions"].sum()),
                     "entities": ", ".join(g["label"])})
    df = pd.DataFrame(rows, columns=["kind", "actor", "n_entities", "n_mentions", "entities"])
    return df.sort_values(["actor", "n_entities", "kind"], ascending=[False, False, True], kind="mergesort").reset_index(drop=True)


def _bounded(event: dict) -> str:
    """'2001-01-01/2008-09 (terms of office)' for an undated event bounded by its office holders, else ''."""
    if not event.get("date_start"):
        return ""
    return f"{event['date_start']}/{event.get('date_end') or '…'} (terms of office)"


def partnership_history(events: pd.DataFrame, entities: pd.DataFrame, documents: pd.DataFrame,
                        participants: Sequence[str] | None = None, event_types: Sequence[str] | None = None) -> pd.DataFrame:
    """The events in date order (undated ones last), each with its evidence sentence and its documents; an
    undated event bounded by the terms of office of the heads its text names shows that range as its date
    (``date_reason`` in events.csv says which heads) and sits at its first possible date.

    ``participants``: keep events in which all these entity ids take part; ``event_types``: keep
    these types only. Columns: date, date_precision, event_type, participants (labels), place,
    evidence, documents (cited by title, publisher, date and URL), event_id, doc_ids ('|'-separated).
    """
    labels = label_map(entities)
    ev = events
    if participants:
        want = set(participants)
        ev = ev[ev["participants"].map(lambda p: want <= set(p.split("|"))).astype(bool)]
    if event_types:
        ev = ev[ev["event_type"].isin(list(event_types))]
    # an undated event bounded by the terms of office of its signatories sits at its first possible date
    ev = ev.assign(**{c: ev[c].astype(object).fillna("") if c in ev else "" for c in ("date_start", "date_end")})
    ev = ev.assign(_when=ev["date"].where(ev["date"] != "", ev["date_start"]))
    ev = ev.assign(_undated=ev["_when"] == "").sort_values(["_undated", "_when", "event_id"], kind="mergesort")
    rows = [{"date": r["date"] or _bounded(r) or "undated", "date_precision": r["date_precision"], "event_type": r["event_type"],
             "participants": _labels(r["participants"].split("|"), labels, " – "), "place": r["place"],
             "evidence": r["evidence"], "documents": _documents(r["doc_ids"].split("|"), documents), "event_id": r["event_id"],
             "doc_ids": r["doc_ids"]}
            for r in ev.to_dict("records")]
    return pd.DataFrame(rows, columns=["date", "date_precision", "event_type", "participants", "place", "evidence",
                                       "documents", "event_id", "doc_ids"])


def handout_history(events: pd.DataFrame, entities: pd.DataFrame, documents: pd.DataFrame, max_events: int = 20,
                    max_refs: int = 3, max_undated: int = 4) -> dict:
    """The partnership history of a one-page class handout: events with numbered sources.

    Dated events (at most ``max_events``: those reported by the most documents, see
    :func:`analysis.figures.timeline_events`; an event dated only by terms of office is one of them, a
    bar over its range) in time order, then up to ``max_undated`` undated ones;
    each cites at most ``max_refs`` of its documents by number ('[1, 2] +3'), numbered in order of
    first citation. Returns ``dated`` (the events the timeline draws), ``undated`` (rows: who, type,
    place, refs), ``refs`` (event id → '[1, 2]'), ``sources`` (rows: n, label — title, publisher,
    date, URL) and ``note`` (what was left out).
    """
    from .figures import timeline_events  # noqa: PLC0415

    labels = label_map(entities)
    dated, note = timeline_events(events, max_events)
    unbounded = events.get("date_start", pd.Series("", index=events.index)).astype(object).fillna("") == ""
    undated_all = events[(events["date"] == "") & unbounded].sort_values(["event_type", "event_id"], kind="mergesort")
    undated = undated_all.head(max_undated)
    shown = list(dated.to_dict("records")) + list(undated.to_dict("records"))
    docs = {e["event_id"]: [d for d in e["doc_ids"].split("|") if d] for e in shown}
    numbers = number_sources(d for e in shown for d in docs[e["event_id"]][:max_refs])
    refs = {}
    for e in shown:
        cited = docs[e["event_id"]][:max_refs]
        more = len(docs[e["event_id"]]) - len(cited)
        refs[e["event_id"]] = "[" + ", ".join(str(numbers[d]) for d in cited) + "]" + (f" +{more}" if more else "")
    names = source_table(documents)
    sources = [{"n": n, "label": names[d]["label"] if d in names else d} for d, n in numbers.items()]
    undated_rows = [{"who": _labels(e["participants"].split("|"), labels, " – "), "event_type": e["event_type"],
                     "place": e["place"], "refs": refs[e["event_id"]]} for e in undated.to_dict("records")]
    if len(undated_all) > len(undated):
        note += f" {len(undated)} of {len(undated_all)} undated events listed."
    if any(len(v) > max_refs for v in docs.values()):
        note += f" At most {max_refs} sources cited per event (+n: more in events.csv)."
    return {"dated": dated, "undated": undated_rows, "refs": refs, "sources": sources, "note": note.strip()}


# ---------------------------------------------------------------------------------------------
# the network over time


def edge_years(G: nx.MultiDiGraph) -> list[int]:
    """The distinct years carried by the edges of ``G`` (0, undated, left out), ascending."""
    return sorted({int(d["year"]) for _, _, d in G.edges(data=True) if d.get("year")})


def year_spans(G: nx.MultiDiGraph) -> list[tuple[int, int]]:
    """Consecutive periods ending at each year in which some relation is dated: (first, first),
    then (previous end + 1, year), ... For :func:`analysis.network.change_between_periods`, this
    tells year by year which actors and pairs a history adds."""
    years = edge_years(G)
    return [(years[0] if i == 0 else years[i - 1] + 1, y) for i, y in enumerate(years)]


def middle_period_end(spans: Sequence[tuple[int, int]]) -> int:
    """The end year of the middle period of ``spans`` (the later of the two middle ones); 0 when
    there are none (:func:`analysis.network.graph_as_of` then gives an empty network)."""
    ends = sorted(end for _, end in spans)
    return int(ends[len(ends) // 2]) if ends else 0


def dating_summary(G: nx.MultiDiGraph) -> str:
    """One line on how many relations of ``G`` have a year (their sentence's date, else their
    page's publication year) and how many have none and so belong to no period."""
    n = G.number_of_edges()
    undated = sum(1 for _, _, d in G.edges(data=True) if not d.get("year"))
    if not n:
        return "No relation in this network."
    return (f"{n - undated} of {n} relations have a year; {undated} ({100 * undated / n:.0f}%) have none "
            f"(undated sentence on an undated page): they are in no period, only in the full network.")


# ---------------------------------------------------------------------------------------------
# exercise 1: partners, and the evidence of an actor's relations


def _actor_relations(relations: pd.DataFrame, entities: pd.DataFrame) -> pd.DataFrame:
    actors = set(entities.loc[entities["kind"].isin(ACTOR_KINDS), "entity_id"])
    return relations[relations["source"].isin(actors) & relations["target"].isin(actors)]


def partner_table(relations: pd.DataFrame, entities: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Every actor with its distinct partners and the documents that state those relations.

    Columns: entity_id, label, kind, n_partners, partners (labels), n_relations (evidence
    sentences), n_documents, documents (cited by title, publisher, date and URL); most partners first.
    Only relations between actors count,
    as in the network.
    """
    labels = label_map(entities)
    kinds = dict(zip(entities["entity_id"], entities["kind"]))
    rel = _actor_relations(relations, entities)
    rows = []
    for eid in sorted(set(rel["source"]) | set(rel["target"])):
        mine = rel[(rel["source"] == eid) | (rel["target"] == eid)]
        partners = sorted((set(mine["source"]) | set(mine["target"])) - {eid}, key=lambda p: labels.get(p, p))
        rows.append({"entity_id": eid, "label": labels.get(eid, eid), "kind": kinds.get(eid, ""), "n_partners": len(partners),
                     "partners": _labels(partners, labels), "n_relations": len(mine),
                     "n_documents": mine["doc_id"].nunique(), "documents": _documents(mine["doc_id"], documents)})
    df = pd.DataFrame(rows, columns=["entity_id", "label", "kind", "n_partners", "partners", "n_relations", "n_documents", "documents"])
    return df.sort_values(["n_partners", "n_relations", "entity_id"], ascending=[False, False, True],
                          kind="mergesort").reset_index(drop=True)


def partners_by_document(relations: pd.DataFrame, entities: pd.DataFrame, documents: pd.DataFrame,
                         actor: str) -> pd.DataFrame:
    """Where the partners of ``actor`` come from: one row per document stating a relation of it.

    Columns: doc_id, document (cited by title, publisher, date and URL), n_partners, partners (labels),
    n_relations; most partners first. A partner named in several documents is counted in each.
    """
    labels = label_map(entities)
    rel = _actor_relations(relations, entities)
    rel = rel[(rel["source"] == actor) | (rel["target"] == actor)]
    rows = []
    for doc_id, g in rel.groupby("doc_id", sort=True):
        partners = sorted((set(g["source"]) | set(g["target"])) - {actor}, key=lambda p: labels.get(p, p))
        rows.append({"doc_id": doc_id, "document": _documents([doc_id], documents),
                     "n_partners": len(partners), "partners": _labels(partners, labels), "n_relations": len(g)})
    df = pd.DataFrame(rows, columns=["doc_id", "document", "n_partners", "partners", "n_relations"])
    return df.sort_values(["n_partners", "doc_id"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def relation_evidence(relations: pd.DataFrame, entities: pd.DataFrame, documents: pd.DataFrame, actor: str,
                      partners: Sequence[str] | None = None, relation_types: Sequence[str] | None = None) -> pd.DataFrame:
    """The relation rows of ``actor`` (optionally only with ``partners`` and of ``relation_types``),
    dated ones first in date order, each with its evidence sentence and source file.

    Columns: date, source, relation, target (labels), evidence, file, confidence, relation_id.
    """
    labels = label_map(entities)
    cited = source_table(documents)
    rel = relations[(relations["source"] == actor) | (relations["target"] == actor)]
    if partners:
        want = set(partners)
        other = rel["source"].where(rel["target"] == actor, rel["target"])
        rel = rel[other.isin(list(want))]
    if relation_types:
        rel = rel[rel["relation"].isin(list(relation_types))]
    rel = rel.assign(_undated=rel["date"] == "").sort_values(["_undated", "date", "doc_id", "sentence_id", "relation_id"],
                                                             kind="mergesort")
    rows = [{"date": r["date"] or "undated", "source": labels.get(r["source"], r["source"]), "relation": r["relation"],
             "target": labels.get(r["target"], r["target"]), "evidence": r["evidence"], "document": cited[r["doc_id"]]["label"] if r["doc_id"] in cited else r["doc_id"],
             "doc_id": r["doc_id"],
             "confidence": float(r["confidence"]), "relation_id": r["relation_id"]} for r in rel.to_dict("records")]
    return pd.DataFrame(rows, columns=["date", "source", "relation", "target", "evidence", "document", "confidence", "relation_id",
                                       "doc_id"])


# ---------------------------------------------------------------------------------------------
# a sentence in its paragraph


def _squash(text: str) -> str:
    return " ".join(text.split())


def evidence_context(documents: pd.DataFrame, doc: str, evidence: str, around: int = 0) -> str:
    """The paragraph of document ``doc`` (doc_id or file name) that contains the ``evidence``
    sentence, with ``around`` paragraphs on each side; '' when the sentence is not found."""
    hit = documents[(documents["doc_id"] == doc) | (documents["file"] == doc)]
    if hit.empty or not evidence.strip():
        return ""
    paragraphs = [p for p in re.split(r"\n\s*\n", hit.iloc[0]["body"]) if p.strip()]
    needle = _squash(evidence)
    for i, p in enumerate(paragraphs):
        if needle in _squash(p):
            return "\n\n".join(paragraphs[max(0, i - around): i + around + 1])
    return ""


def context_table(table: pd.DataFrame, documents: pd.DataFrame, around: int = 0) -> pd.DataFrame:
    """The paragraphs around the evidence sentences of a table with ``evidence`` and ``doc_id`` (or
    ``doc_ids``, '|'-separated) columns, as in :func:`partnership_history` or :func:`relation_evidence`:
    one row per distinct paragraph, with its document (cited by title, publisher, date and URL) and the
    sentences of the table it contains."""
    col = "doc_ids" if "doc_ids" in table.columns else "doc_id"
    seen: dict[tuple[str, str], list[str]] = {}
    for evidence, ids in zip(table["evidence"], table[col]):
        for f in str(ids).split("|"):
            par = evidence_context(documents, f, evidence, around)
            if par:
                sentences = seen.setdefault((f, par), [])
                if evidence not in sentences:
                    sentences.append(evidence)
                break
    rows = [{"document": _documents([f], documents) or f, "sentences": len(s), "paragraph": par} for (f, par), s in seen.items()]
    return pd.DataFrame(rows, columns=["document", "sentences", "paragraph"])


# ---------------------------------------------------------------------------------------------
# exercise 2: brokers between two groups of actors


def _bfs_counts(H: nx.Graph, source: str) -> tuple[dict[str, int], dict[str, int]]:
    """Distance from ``source`` and number of shortest paths from ``source`` to every reachable node."""
    dist, sigma = {source: 0}, {source: 1}
    queue = deque([source])
    while queue:
        v = queue.popleft()
        for w in sorted(H.neighbors(v)):
            if w not in dist:
                dist[w] = dist[v] + 1
                sigma[w] = 0
                queue.append(w)
            if dist[w] == dist[v] + 1:
                sigma[w] += sigma[v]
    return dist, sigma


def brokers_between(H: nx.Graph, group_a: Sequence[str], group_b: Sequence[str],
                    names: tuple[str, str] = ("group A", "group B")) -> pd.DataFrame:
    """Who lies between two groups of actors in the collapsed graph ``H``.

    For every pair (a, b) of members present in ``H`` and connected, each node strictly inside a
    shortest a–b path receives the share of those shortest paths that pass through it (the
    betweenness restricted to these pairs). Columns: entity_id, label, kind, group (``names``
    entry, '' for outsiders), paths_through (expected number of pairs routed through the node),
    share (paths_through / connected pairs), connected_pairs; highest first, zeros left out.
    An actor in both groups counts in ``group_a``.
    """
    a_set = [n for n in dict.fromkeys(group_a) if n in H]
    b_set = [n for n in dict.fromkeys(group_b) if n in H and n not in a_set]
    score: dict[str, float] = {}
    pairs = 0
    reach = {b: _bfs_counts(H, b) for b in b_set}
    for a in a_set:
        dist_a, sig_a = _bfs_counts(H, a)
        for b in b_set:
            if b not in dist_a:
                continue
            pairs += 1
            dist_b, sig_b = reach[b]
            d = dist_a[b]
            for v in dist_a:
                if v in (a, b) or v not in dist_b or dist_a[v] + dist_b[v] != d:
                    continue
                score[v] = score.get(v, 0.0) + sig_a[v] * sig_b[v] / sig_a[b]
    cols = ["entity_id", "label", "kind", "group", "paths_through", "share", "connected_pairs"]
    group = {**{n: names[1] for n in b_set}, **{n: names[0] for n in a_set}}
    rows = [{"entity_id": v, "label": H.nodes[v].get("acronym") or H.nodes[v].get("name") or v, "kind": H.nodes[v].get("kind", ""),
             "group": group.get(v, ""), "paths_through": round(s, 6), "share": round(s / pairs, 6), "connected_pairs": pairs}
            for v, s in score.items() if s > 0]
    df = pd.DataFrame(rows, columns=cols)
    return df.sort_values(["paths_through", "entity_id"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def broker_summary(brokers: pd.DataFrame, H: nx.Graph, group_a: Sequence[str], group_b: Sequence[str],
                   names: tuple[str, str] = ("group A", "group B")) -> str:
    """One line answering the broker question from a :func:`brokers_between` table.

    'Main broker: <id> (<name>) lies on <p>% of the shortest paths between ...', or a sentence
    saying why there is none (a group absent from the network, or no path between the groups).
    """
    present_a = [n for n in dict.fromkeys(group_a) if n in H]
    present_b = [n for n in dict.fromkeys(group_b) if n in H and n not in present_a]
    if not present_a or not present_b:
        missing = [nm for nm, p in zip(names, (present_a, present_b)) if not p]
        return f"No broker: no actor of the {' and '.join(missing)} is in this network."
    if brokers.empty:
        return (f"No broker: no path joins the {names[0]} ({', '.join(present_a)}) and the {names[1]} "
                f"({', '.join(present_b)}) through a third actor.")
    top = brokers.iloc[0]
    return (f"Main broker: {top['entity_id']} ({H.nodes[top['entity_id']].get('name', top['entity_id'])}) lies on "
            f"{100 * top['share']:.0f}% of the shortest paths between the {len(present_a)} {names[0]} "
            f"({', '.join(present_a)}) and the {len(present_b)} {names[1]} ({', '.join(present_b)}) present in the network.")


def first_entity(table: pd.DataFrame) -> str:
    """The ``entity_id`` of the first row of a ranked table, e.g. the main broker of a
    :func:`brokers_between` table or the top of a :func:`partner_table` ('' for an empty table)."""
    return str(table["entity_id"].iloc[0]) if len(table) else ""


def bridge_subgraph(H: nx.Graph, group_a: Sequence[str], group_b: Sequence[str]) -> nx.Graph:
    """The members of both groups present in ``H`` and every actor on a shortest path between them."""
    a_set = [n for n in group_a if n in H]
    b_set = [n for n in group_b if n in H]
    keep = set(a_set) | set(b_set)
    for a in a_set:
        for b in b_set:
            if a != b and nx.has_path(H, a, b):
                for path in nx.all_shortest_paths(H, a, b):
                    keep.update(path)
    return H.subgraph(sorted(keep)).copy()


def bridge_layout(B: nx.Graph, group_a: Sequence[str], group_b: Sequence[str]) -> dict[str, tuple[float, float]]:
    """Positions for a drawing of brokerage: members of ``group_a`` in a column on the left (x=0),
    of ``group_b`` on the right (x=2), every other node of ``B`` in the middle (x=1); each column
    sorted by label from the top and centred on y=0."""
    a_set = [n for n in dict.fromkeys(group_a) if n in B]
    b_set = [n for n in dict.fromkeys(group_b) if n in B and n not in a_set]
    middle = [n for n in B if n not in a_set and n not in b_set]
    label = {n: B.nodes[n].get("acronym") or B.nodes[n].get("name") or n for n in B}
    pos = {}
    for x, column in ((0.0, a_set), (1.0, middle), (2.0, b_set)):
        column = sorted(column, key=lambda n: (label[n].casefold(), n))
        for i, n in enumerate(column):
            pos[n] = (x, (len(column) - 1) / 2 - i)
    return pos


def plot_bridge(H: nx.Graph, group_a: Sequence[str], group_b: Sequence[str], stem: str | Path,
                names: tuple[str, str] = ("group A", "group B"), title: str = "") -> dict[str, Path]:
    """Draw the two groups and the actors between them (:func:`bridge_subgraph`) in three columns
    (:func:`bridge_layout`): ties across the middle column are the brokerage. Saved as
    ``stem``.svg and ``stem``.png with :func:`analysis.figures.save`; returns their paths."""
    import matplotlib.pyplot as plt  # noqa: PLC0415 - matplotlib only when drawing
    from matplotlib.patches import FancyArrowPatch  # noqa: PLC0415

    from . import figures  # noqa: PLC0415

    B = bridge_subgraph(H, group_a, group_b)
    pos = bridge_layout(B, group_a, group_b)
    rows = max([1, *(sum(1 for p in pos.values() if p[0] == x) for x in (0.0, 1.0, 2.0))])
    with plt.rc_context(figures.STYLE):
        fig, ax = plt.subplots(figsize=(8, max(3.0, 0.55 * rows + 1.6)))
        wdeg = dict(B.degree(weight="weight"))
        for u, v, d in sorted(B.edges(data=True)):
            (x1, y1), (x2, y2) = pos[u], pos[v]
            width = 0.6 + 0.5 * min(d.get("weight", 1), 8)
            style = "arc3,rad=0.35" if x1 == x2 else "arc3,rad=0"
            ax.add_patch(FancyArrowPatch((x1, y1), (x2, y2), arrowstyle="-", connectionstyle=style, color="#8a8a8a",
                                         linewidth=width, alpha=0.8, zorder=1, shrinkA=9, shrinkB=9))
        for n, (x, y) in pos.items():
            size = 110 + 25 * min(wdeg.get(n, 0), 40)
            gap = size ** 0.5 / 2 + 4  # marker radius in points, plus a margin
            ax.scatter([x], [y], s=size, color=figures.PALETTE.get(B.nodes[n].get("kind", ""), "#777777"),
                       edgecolors="white", linewidths=0.8, zorder=2)
            offset, ha, va = {0.0: ((-gap, 0), "right", "center"), 1.0: ((0, gap), "center", "bottom")}.get(x, ((gap, 0), "left", "center"))
            ax.annotate(figures.label_of(B.nodes[n], n), (x, y), xytext=offset, textcoords="offset points", ha=ha, va=va,
                        fontsize=8, zorder=3, bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
        top = (rows - 1) / 2 + 0.9
        for x, text in ((0.0, names[0]), (1.0, "between"), (2.0, names[1])):
            ax.text(x, top, text, ha="center", va="bottom", fontsize=9, fontweight="bold")
        if not pos:
            ax.text(1.0, 0.0, "no actor of either group in the network", ha="center", va="center")
        kinds = sorted({B.nodes[n].get("kind", "") for n in B})
        handles = [plt.Line2D([], [], marker="o", ls="", color=figures.PALETTE.get(k, "#777777"), markersize=8, label=k)
                   for k in kinds]
        if handles:
            ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=len(handles), frameon=False, fontsize=8)
        ax.set_xlim(-0.9, 2.9)
        ax.set_ylim(-(rows - 1) / 2 - 0.8, top + 0.5)
        ax.set_title(title or f"Between the {names[0]} and the {names[1]}")
        ax.set_axis_off()
        return figures.save(fig, Path(stem))


def group_ties(relations: pd.DataFrame, entities: pd.DataFrame, documents: pd.DataFrame, actor: str,
               group_a: Sequence[str], group_b: Sequence[str], names: tuple[str, str] = ("group A", "group B")) -> pd.DataFrame:
    """The ties of ``actor`` (e.g. a broker) to the members of two groups, one row per partner.

    Columns: group, partner (label), relations (types), n_sentences, documents, first_date, example (the
    first evidence sentence, dated ones first). Partners of ``group_a`` first.
    """
    ev = relation_evidence(relations, entities, documents, actor)
    labels = label_map(entities)
    ev = ev.assign(partner=[t if s == labels.get(actor, actor) else s for s, t in zip(ev["source"], ev["target"])])
    rows = []
    for name, group in zip(names, (group_a, group_b)):
        for member in dict.fromkeys(group):
            if member == actor:
                continue
            g = ev[ev["partner"] == labels.get(member, member)]
            if g.empty:
                continue
            dated = [d for d in g["date"] if d != "undated"]
            rows.append({"group": name, "partner": labels.get(member, member), "relations": ", ".join(sorted(set(g["relation"]))),
                         "n_sentences": g["evidence"].nunique(), "documents": _documents(g["doc_id"], documents),
                         "first_date": min(dated) if dated else "undated", "example": g["evidence"].iloc[0]})
    return pd.DataFrame(rows, columns=["group", "partner", "relations", "n_sentences", "documents", "first_date", "example"])


def communities_table(metrics: pd.DataFrame, entities: pd.DataFrame) -> pd.DataFrame:
    """The seeded Louvain communities of a :func:`analysis.network.network_metrics` table: size,
    members (labels, by PageRank) and the brokers among them."""
    labels = label_map(entities)
    rows = []
    for c, g in metrics.groupby("community", sort=True):
        rows.append({"community": int(c), "size": len(g), "members": _labels(g["entity_id"], labels),
                     "brokers": _labels(g.loc[g["broker"].astype(bool), "entity_id"], labels)})
    return pd.DataFrame(rows, columns=["community", "size", "members", "brokers"])


# ---------------------------------------------------------------------------------------------
# exercise 4: relations to challenge, and how to record the correction


def _named_in(sentence: str, aliases: Iterable[str]) -> bool:
    folded = fold(sentence)
    for alias in aliases:
        if is_case_sensitive(alias):
            if re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", sentence):
                return True
        elif len(alias) > 2 and re.search(rf"(?<!\w){re.escape(fold(alias))}(?!\w)", folded):
            return True
    return False


def questionable_relations(relations: pd.DataFrame, entities: pd.DataFrame, documents: pd.DataFrame,
                           crowded: int = 3) -> pd.DataFrame:
    """Relation rows a careful reader should check, each with the reasons it was flagged.

    Flags: the subject was not written out (resolved from an anaphor or taken from the page's main
    actor: confidence below 0.9); a participant is not named in the evidence sentence; the sentence
    yields ``crowded`` or more relations (an enumeration read pair by pair); the relation has a date
    whose year is not written in the sentence (taken from context). Relations added by corrections
    are not flagged. Columns: relation_id, document (cited by title, publisher, date and URL), source,
    relation, target, date, confidence, n_flags, flags, evidence; most flags first, then lowest confidence.
    """
    labels = label_map(entities)
    names = {e: split_aliases(a) + [n, ac] for e, a, n, ac in
             zip(entities["entity_id"], entities["aliases"], entities["name"], entities["acronym"])}
    cited = source_table(documents)
    per_sentence = relations.groupby(["doc_id", "evidence"])["relation_id"].transform("size") if len(relations) else pd.Series(dtype=int)
    rows = []
    for r, n_same in zip(relations.to_dict("records"), per_sentence):
        if r.get("rule") == "correction":
            continue
        flags = []
        conf = float(r["confidence"])
        if conf <= FOCAL_CONFIDENCE:
            flags.append("subject taken from the page's main actor")
        elif conf <= ANAPHOR_CONFIDENCE:
            flags.append("subject resolved from an anaphor ('they', 'the two organizations')")
        for role in ("source", "target"):
            if not _named_in(r["evidence"], [a for a in names.get(r[role], [r[role]]) if a]):
                flags.append(f"{labels.get(r[role], r[role])} not named in the sentence")
        if n_same >= crowded:
            flags.append(f"one of {n_same} relations read from this sentence")
        year = (r["date"] or "")[:4]
        if year and year not in r["evidence"]:
            flags.append("date not written in the sentence (taken from context)")
        if flags:
            rows.append({"relation_id": r["relation_id"], "document": cited[r["doc_id"]]["label"] if r["doc_id"] in cited else r["doc_id"],
                         "_doc": r["doc_id"],
                         "source": labels.get(r["source"], r["source"]), "relation": r["relation"],
                         "target": labels.get(r["target"], r["target"]), "date": r["date"], "confidence": conf,
                         "n_flags": len(flags), "flags": "; ".join(flags), "evidence": r["evidence"],
                         "_sentence": int(r["sentence_id"])})
    cols = ["relation_id", "document", "source", "relation", "target", "date", "confidence", "n_flags", "flags", "evidence"]
    df = pd.DataFrame(rows, columns=[*cols, "_doc", "_sentence"])
    df = df.sort_values(["n_flags", "confidence", "_doc", "_sentence", "relation_id"], ascending=[False, True, True, True, True],
                        kind="mergesort")
    return df[cols].reset_index(drop=True)


def pick_relation(questionable: pd.DataFrame, relations: pd.DataFrame, chosen: str = "") -> str:
    """The relation to discuss: ``chosen`` if given (it must exist in ``relations``), else the first
    row of a :func:`questionable_relations` table ('' when nothing was flagged)."""
    if chosen:
        if chosen not in set(relations["relation_id"]):
            raise ValueError(f"unknown relation id: {chosen}")
        return chosen
    return str(questionable["relation_id"].iloc[0]) if len(questionable) else ""


def relation_card(relations: pd.DataFrame, entities: pd.DataFrame, documents: pd.DataFrame, relation_id: str) -> pd.DataFrame:
    """Everything recorded about one relation, as field/value rows, with the paragraph of the page
    around its evidence sentence (empty table for an unknown or empty id)."""
    rel = relations[relations["relation_id"] == relation_id]
    if rel.empty:
        return pd.DataFrame(columns=["field", "value"])
    r = rel.iloc[0]
    labels = label_map(entities)
    fields = [("relation_id", r["relation_id"]), ("document", _documents([r["doc_id"]], documents) or r["doc_id"]),
              ("source", f"{labels.get(r['source'], r['source'])} ({r['source']})"), ("relation", r["relation"]),
              ("target", f"{labels.get(r['target'], r['target'])} ({r['target']})"),
              ("date", f"{r['date']} ({r['date_precision']})" if r["date"] else ""), ("place", r["place"]),
              ("confidence", f"{float(r['confidence']):g}"), ("rule", r["rule"]), ("evidence", r["evidence"]),
              ("paragraph", evidence_context(documents, r["doc_id"], r["evidence"]))]
    return pd.DataFrame(fields, columns=["field", "value"])


def rejection_snippet(relations: pd.DataFrame, relation_ids: Sequence[str], reason: str = "") -> str:
    """The lines to paste into ``data/annotations/corrections.yaml`` to reject these relations.

    Each relation is preceded by a comment naming it (and the ``reason``, if given), so the file
    documents the researcher's decision. Unknown ids raise ``ValueError``; no ids give an empty list.
    """
    rel = relations.set_index("relation_id")
    relation_ids = [i for i in relation_ids if i]
    unknown = [i for i in relation_ids if i not in rel.index]
    if unknown:
        raise ValueError(f"unknown relation id(s): {', '.join(unknown)}")
    if not relation_ids:
        return "reject_relations: []\n"
    lines = ["reject_relations:"]
    for rid in relation_ids:
        r = rel.loc[rid]
        note = f"{r['source']} {r['relation']} {r['target']} ({r['doc_id']})" + (f": {reason}" if reason else "")
        lines.append(f"  # {' '.join(note.split())}")
        lines.append(f"  - {yaml.safe_dump({'relation_id': str(rid)}, default_flow_style=True).strip()}")
    return "\n".join(lines) + "\n"


def preview_corrections(tables: dict[str, pd.DataFrame], corrections_yaml: str) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """What a corrections text would do, without touching any file.

    Applies ``corrections_yaml`` (the format of ``data/annotations/corrections.yaml``) with
    :func:`analysis.corrections.apply_corrections` to copies of the ``entities``, ``mentions`` and
    ``relations`` tables; returns the report rows (action, detail, effect) and the corrected tables.
    """
    data = yaml.safe_load(corrections_yaml) or {}
    if not isinstance(data, dict) or set(data) - set(CORRECTION_KEYS):
        raise ValueError(f"corrections must be a mapping with keys among {', '.join(CORRECTION_KEYS)}")
    corr = {k: list(data.get(k) or []) for k in CORRECTION_KEYS}
    rows = {n: copy.deepcopy(tables[n].to_dict("records")) for n in ("entities", "mentions", "relations")}
    report = apply_corrections(rows, corr)
    out = {n: pd.DataFrame(rows[n], columns=tables[n].columns) for n in rows}
    return pd.DataFrame(report, columns=["action", "detail", "effect"]), out


# ---------------------------------------------------------------------------------------------
# exercise 5: countries as places and as governments


def _iso3(entity_id: str, parent: dict[str, str]) -> str:
    seen = set()
    while entity_id and entity_id not in seen:
        seen.add(entity_id)
        m = re.fullmatch(r"(?:C|GOV)_([A-Z]{3})", entity_id)
        if m:
            return m.group(1)
        entity_id = parent.get(entity_id, "")
    return ""


def country_roles(entities: pd.DataFrame, mentions: pd.DataFrame, relations: pd.DataFrame, documents: pd.DataFrame,
                  only_places: bool = False) -> pd.DataFrame:
    """Every country of the corpus, named as a place (``C_<ISO3>``) and/or acting as a government
    (``GOV_<ISO3>`` or one of its ministries, in a relation).

    Columns: iso3, country, place_mentions (mentions of the country itself), acting_relations
    (relations of its government or ministries), acting_as (the acting entities), documents,
    example (a sentence naming the country). With ``only_places``: the countries named but never
    acting.
    """
    parent = dict(zip(entities["entity_id"], entities["parent"]))
    name = dict(zip(entities["entity_id"], entities["name"]))
    body = dict(zip(documents["doc_id"], documents["body"]))
    iso = {e: _iso3(e, parent) for e in entities["entity_id"]}
    iso = {e: c for e, c in iso.items() if c}
    rel = relations[["source", "target", "doc_id"]]
    rows = []
    for code in sorted(set(iso.values())):
        country = f"C_{code}"
        ments = mentions[mentions["entity_id"] == country]
        actors = sorted(e for e, c in iso.items() if c == code and e != country)
        acting = rel[rel["source"].isin(actors) | rel["target"].isin(actors)]
        acting_ids = sorted((set(acting["source"]) | set(acting["target"])) & set(actors))
        rows.append({"iso3": code, "country": name.get(country) or name.get(f"GOV_{code}", code),
                     "place_mentions": len(ments), "acting_relations": len(acting),
                     "acting_as": ", ".join(name.get(a, a) for a in acting_ids), "documents": _documents(set(ments["doc_id"]) | set(acting["doc_id"]), documents),
                     "example": _sentence(ments.iloc[0], body) if len(ments) else ""})
    df = pd.DataFrame(rows, columns=["iso3", "country", "place_mentions", "acting_relations", "acting_as", "documents", "example"])
    if only_places:
        df = df[(df["place_mentions"] > 0) & (df["acting_relations"] == 0)].reset_index(drop=True)
    return df
