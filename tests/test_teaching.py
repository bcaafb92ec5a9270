"""The class session: unit tests of ``analysis.teaching`` on small hand-made tables, and both teaching
notebooks executed by papermill on tables built from the seed pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
import nbformat
import networkx as nx
import pandas as pd
import papermill as pm
import pytest
import yaml

from analysis import extract, ingest, network, teaching
from analysis.settings import package_path
from analysis.corrections import apply_corrections, load_corrections
from analysis.tables import frame, write_table

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "raw"
REFERENCE = ROOT / "data" / "reference"
NOTEBOOKS = package_path("notebooks")
STUDENT, SOLUTIONS = "05_teaching.ipynb", "05_teaching_solutions.ipynb"


# ---------------------------------------------------------------------------------------------
# small hand-made tables


def ent(eid, name, kind, acronym="", parent="", aliases=""):
    return {"entity_id": eid, "name": name, "acronym": acronym, "kind": kind, "parent": parent, "source": "reference",
            "aliases": aliases or "|".join(a for a in (name, acronym) if a)}


def rel(rid, doc, s, t, relation, evidence, sid, date="", conf=0.9, place="", rule="en:x:active"):
    return {"relation_id": rid, "doc_id": doc, "source": s, "target": t, "relation": relation,
            "directed": str(relation in ("funds", "coordinates", "member_of", "hosts_meeting")), "date": date,
            "date_precision": "year" if len(date) == 4 else ("month" if len(date) == 7 else ("day" if date else "")),
            "place": place, "evidence": evidence, "sentence_id": sid, "confidence": conf, "rule": rule}


S_SIGN = "Geneva, 3 May 2019 - IOM and UNHCR signed an agreement in Geneva."
S_THEY = "They will work together in Niger."
S_FUND = "The <b>EU</b> funds the programme."
S_NET = "IOM coordinates the Network."
S_LIST = "IOM works with UNHCR, WFP and UNICEF."
S_MALI = "The Ministry of Interior of Mali met IOM in March."


@pytest.fixture
def tiny() -> dict[str, pd.DataFrame]:
    documents = frame("documents", [
        {"doc_id": "d1", "file": "d1.txt", "language": "en", "title": "Signing", "published": "2019-05-03",
         "published_precision": "day", "dateline_place": "Geneva", "n_chars_raw": 120, "n_chars_body": 100, "n_lines_removed": 2,
         "body": f"{S_SIGN}\n\n{S_THEY} {S_FUND}"},
        {"doc_id": "d2", "file": "d2.txt", "language": "en", "title": "Partners", "published": "",
         "published_precision": "", "dateline_place": "", "n_chars_raw": 95, "n_chars_body": 90, "n_lines_removed": 0,
         "body": f"{S_NET}\n\n{S_LIST}\n\n{S_MALI}"}])
    entities = frame("entities", [
        ent("IOM", "International Organization for Migration", "organization", "IOM"),
        ent("UNHCR", "UN Refugee Agency", "organization", "UNHCR"), ent("WFP", "World Food Programme", "organization", "WFP"),
        ent("UNICEF", "UN Children's Fund", "organization", "UNICEF"), ent("EU", "European Union", "organization", "EU"),
        ent("NET", "A Network", "mechanism", aliases="A Network|the Network"),
        ent("C_NER", "Niger", "country"), ent("C_MLI", "Mali", "country"), ent("GOV_MLI", "Government of Mali", "government"),
        ent("MIN_MLI_INTERIOR", "Ministry of Interior of Mali", "government", parent="GOV_MLI"),
        ent("UNTOC", "Convention against Transnational Organized Crime", "instrument", "UNTOC")])
    relations = frame("relations", [
        rel("R1", "d1", "IOM", "UNHCR", "agreement", S_SIGN, 0, "2019-05-03", place="Geneva"),
        rel("R2", "d1", "IOM", "UNHCR", "partnership", S_THEY, 1, conf=0.75),
        rel("R3", "d1", "EU", "IOM", "funds", S_FUND, 2, "2019", conf=0.6),
        rel("R4", "d2", "IOM", "NET", "coordinates", S_NET, 0),
        rel("R5", "d2", "IOM", "UNHCR", "partnership", S_LIST, 1),
        rel("R6", "d2", "IOM", "WFP", "partnership", S_LIST, 1),
        rel("R7", "d2", "IOM", "UNICEF", "partnership", S_LIST, 1),
        rel("R8", "d2", "MIN_MLI_INTERIOR", "IOM", "hosts_meeting", S_MALI, 2, "2020-03"),
        rel("R9", "d2", "UNTOC", "IOM", "partnership", S_NET, 0),
        rel("R10", "d2", "EU", "UNICEF", "partnership", "checked by hand", -1, "2021", conf=1.0, rule="correction")])
    events = frame("events", [
        {"event_id": "E1", "date": "2019-05-03", "date_precision": "day", "event_type": "agreement",
         "participants": "IOM|UNHCR", "place": "Geneva", "doc_ids": "d1", "relation_ids": "R1", "evidence": S_SIGN},
        {"event_id": "E2", "date": "", "date_precision": "", "event_type": "meeting", "participants": "IOM|MIN_MLI_INTERIOR",
         "place": "", "doc_ids": "d2", "relation_ids": "R8", "evidence": S_MALI},
        {"event_id": "E3", "date": "2016-09", "date_precision": "month", "event_type": "membership",
         "participants": "IOM|NET", "place": "", "doc_ids": "d1|d2", "relation_ids": "R4", "evidence": S_NET}])
    mentions = frame("mentions", [
        {"mention_id": f"M{i}", "doc_id": d, "entity_id": e, "start": i, "end": i + 1,
         "sentence_id": ([S_SIGN, S_THEY, S_FUND] if d == "d1" else [S_NET, S_LIST, S_MALI]).index(s),
         "text": e, "role": role} for i, (d, e, s, role) in enumerate([
            ("d1", "IOM", S_SIGN, "mention"), ("d1", "IOM", S_FUND, "mention"), ("d1", "UNHCR", S_SIGN, "mention"),
            ("d1", "EU", S_FUND, "mention"), ("d1", "C_NER", S_THEY, "place"), ("d2", "IOM", S_NET, "mention"),
            ("d2", "IOM", S_LIST, "mention"), ("d2", "IOM", S_MALI, "mention"), ("d2", "UNHCR", S_LIST, "mention"),
            ("d2", "WFP", S_LIST, "mention"), ("d2", "UNICEF", S_LIST, "mention"), ("d2", "NET", S_NET, "mention"),
            ("d2", "C_MLI", S_MALI, "mention"), ("d2", "MIN_MLI_INTERIOR", S_MALI, "actor")])])
    return {"documents": documents, "entities": entities, "relations": relations, "events": events, "mentions": mentions}


def graph(t):
    return network.build_graph(t["entities"], t["relations"], t["mentions"], t["documents"])


def test_load_tables_and_show_escapes(tmp_path, tiny):
    for name in teaching.TABLES:
        write_table(tiny[name], tmp_path, name)
    t = teaching.load_tables(tmp_path)
    assert set(t) == set(teaching.TABLES) and len(t["relations"]) == 10
    html = teaching.show(teaching.relation_evidence(t["relations"], t["entities"], t["documents"], "EU")).to_html()
    assert "&lt;b&gt;EU&lt;/b&gt;" in html and "<b>EU</b>" not in html
    assert "text-align: left" in html and "row_heading" not in html  # no index column


def test_corpus_and_actors(tiny):
    corpus = teaching.corpus_table(tiny["documents"])
    assert list(corpus["file"]) == ["d1.txt", "d2.txt"] and "body" not in corpus.columns
    actors = teaching.actor_table(tiny["entities"], tiny["mentions"], kinds=teaching.ACTOR_KINDS)
    assert actors.iloc[0]["entity_id"] == "IOM" and actors.iloc[0]["n_mentions"] == 5 and actors.iloc[0]["n_documents"] == 2
    assert "C_NER" not in set(actors["entity_id"]) and actors.set_index("entity_id").loc["WFP", "n_documents"] == 1
    kinds = teaching.actors_by_kind(tiny["entities"], tiny["mentions"])
    assert list(kinds["actor"]) == sorted(kinds["actor"], reverse=True)  # actors first
    org = kinds.set_index("kind").loc["organization"]
    assert org["n_entities"] == 5 and org["entities"].startswith("IOM")
    assert not kinds.set_index("kind").loc["country", "actor"]


def test_partnership_history_order_filters_and_sources(tiny):
    h = teaching.partnership_history(tiny["events"], tiny["entities"], tiny["documents"])
    assert list(h["event_id"]) == ["E3", "E1", "E2"] and h.iloc[-1]["date"] == "undated"
    assert h.iloc[0]["documents"] == "‘Signing’, 2019-05-03; ‘Partners’, undated" and h.iloc[1]["participants"] == "IOM – UNHCR"
    assert h.iloc[0]["doc_ids"] == "d1|d2"
    assert h.iloc[1]["evidence"] == S_SIGN
    only = teaching.partnership_history(tiny["events"], tiny["entities"], tiny["documents"], participants=["IOM", "NET"],
                                        event_types=["membership"])
    assert list(only["event_id"]) == ["E3"]
    assert teaching.partnership_history(tiny["events"], tiny["entities"], tiny["documents"], event_types=["funding"]).empty


def test_years_periods_and_dating(tiny):
    G = graph(tiny)
    assert teaching.edge_years(G) == [2019, 2020, 2021]
    spans = teaching.year_spans(G)
    assert spans == [(2019, 2019), (2020, 2020), (2021, 2021)]
    change = network.change_between_periods(G, spans)
    assert list(change["new_actors"])[1] == "MIN_MLI_INTERIOR" and list(change["relations"]) == [3, 4, 5]
    assert teaching.year_spans(nx.MultiDiGraph()) == []
    assert teaching.middle_period_end([(1990, 1995), (1996, 2000), (2001, 2010)]) == 2000
    assert teaching.middle_period_end([(1990, 1995), (1996, 2000)]) == 2000 and teaching.middle_period_end([]) == 0
    assert teaching.dating_summary(G).startswith("5 of 9 relations have a year; 4 (44%) have none")
    assert teaching.dating_summary(nx.MultiDiGraph()) == "No relation in this network."


def test_partners_and_evidence(tiny):
    p = teaching.partner_table(tiny["relations"], tiny["entities"], tiny["documents"])
    top = p.iloc[0]
    assert top["entity_id"] == "IOM" and top["n_partners"] == 6 and top["n_documents"] == 2
    assert "UNTOC" not in top["partners"] and top["n_relations"] == 8  # instrument relation left out
    by_doc = teaching.partners_by_document(tiny["relations"], tiny["entities"], tiny["documents"], "IOM")
    assert list(by_doc["document"]) == ["‘Partners’, undated", "‘Signing’, 2019-05-03"] and by_doc.iloc[0]["n_partners"] == 5
    ev = teaching.relation_evidence(tiny["relations"], tiny["entities"], tiny["documents"], "IOM", partners=["UNHCR"])
    assert list(ev["relation_id"]) == ["R1", "R2", "R5"] and ev.iloc[1]["date"] == "undated"
    ev = teaching.relation_evidence(tiny["relations"], tiny["entities"], tiny["documents"], "IOM", relation_types=["funds"])
    assert list(ev["relation_id"]) == ["R3"] and ev.iloc[0]["document"] == "‘Signing’, 2019-05-03" and ev.iloc[0]["source"] == "EU"
    assert teaching.relation_evidence(tiny["relations"], tiny["entities"], tiny["documents"], "").empty


def test_evidence_in_its_paragraph(tiny):
    docs = tiny["documents"]
    assert teaching.evidence_context(docs, "d1.txt", S_FUND) == f"{S_THEY} {S_FUND}"
    assert teaching.evidence_context(docs, "d2", S_LIST, around=1) == f"{S_NET}\n\n{S_LIST}\n\n{S_MALI}"
    assert teaching.evidence_context(docs, "d1", "not in the page") == "" and teaching.evidence_context(docs, "zz", S_SIGN) == ""
    h = teaching.partnership_history(tiny["events"], tiny["entities"], tiny["documents"])
    ctx = teaching.context_table(h, docs)
    assert list(ctx["document"]) == ["‘Partners’, undated", "‘Signing’, 2019-05-03", "‘Partners’, undated"]  # E3's sentence is in its second document
    assert list(ctx["paragraph"]) == [S_NET, S_SIGN, S_MALI]


def test_brokers_between_counts_shares_of_shortest_paths():
    H = nx.Graph([("a1", "x"), ("x", "b1"), ("a1", "y"), ("y", "b1"), ("a2", "x"), ("b1", "b2"), ("c", "d")])
    nx.set_node_attributes(H, {n: {"name": n.upper(), "kind": "organization"} for n in H})
    df = teaching.brokers_between(H, ["a1", "a2", "zz"], ["b1", "b2", "c"], names=("A", "B"))
    scores = dict(zip(df["entity_id"], df["paths_through"]))
    # pairs (a1,b1) (a1,b2) (a2,b1) (a2,b2); c is not reachable: 4 connected pairs. x carries half of
    # a1's paths to b1 and b2 and all of a2's; b1 lies inside the paths to b2
    assert scores == {"x": 3.0, "y": 1.0, "b1": 2.0}
    assert list(df["entity_id"]) == ["x", "b1", "y"] and list(df["group"]) == ["", "B", ""]
    assert list(df["share"]) == [0.75, 0.5, 0.25] and set(df["connected_pairs"]) == {4}
    # the same numbers as networkx's subset betweenness (which halves undirected pairs)
    ref = nx.betweenness_centrality_subset(H, ["a1", "a2"], ["b1", "b2", "c"], normalized=False)
    assert all(abs(2 * ref[n] - scores.get(n, 0.0)) < 1e-9 for n in H if n not in ("a1", "a2"))
    assert teaching.first_entity(df) == "x" and teaching.first_entity(df.iloc[0:0]) == ""
    line = teaching.broker_summary(df, H, ["a1", "a2", "zz"], ["b1", "b2", "c"], names=("A", "B"))
    assert line.startswith("Main broker: x (X) lies on 75% of the shortest paths between the 2 A (a1, a2)")
    none = teaching.brokers_between(H, ["c"], ["b1"])
    assert none.empty and "no path" in teaching.broker_summary(none, H, ["c"], ["b1"])
    assert "no actor of the group B" in teaching.broker_summary(none, H, ["a1"], ["zz"])


def test_bridge_subgraph_layout_drawing_and_ties(tmp_path, tiny):
    H = nx.Graph([("a1", "x"), ("x", "b1"), ("a1", "a2"), ("x", "far"), ("b1", "b2")])
    B = teaching.bridge_subgraph(H, ["a1", "a2"], ["b1", "b2"])
    assert set(B) == {"a1", "a2", "x", "b1", "b2"}
    pos = teaching.bridge_layout(B, ["a1", "a2"], ["b1", "b2"])
    assert {n for n, p in pos.items() if p[0] == 0} == {"a1", "a2"} and pos["x"] == (1.0, 0.0)
    assert {n for n, p in pos.items() if p[0] == 2} == {"b1", "b2"} and pos["a1"][1] > pos["a2"][1]
    paths = teaching.plot_bridge(H, ["a1", "a2"], ["b1", "b2"], tmp_path / "bridge", names=("left", "right"))
    assert paths["png"].stat().st_size > 1000 and paths["svg"].exists()
    assert teaching.plot_bridge(H, ["zz"], ["yy"], tmp_path / "empty")["png"].exists()
    ties = teaching.group_ties(tiny["relations"], tiny["entities"], tiny["documents"], "IOM", ["UNHCR", "IOM"], ["WFP", "EU"],
                               names=("humanitarian", "donors"))
    assert list(ties["partner"]) == ["UNHCR", "WFP", "EU"]
    unhcr = ties.iloc[0]
    assert unhcr["n_sentences"] == 3 and unhcr["first_date"] == "2019-05-03" and unhcr["relations"] == "agreement, partnership"
    assert unhcr["documents"] == "‘Signing’, 2019-05-03; ‘Partners’, undated" and unhcr["example"] == S_SIGN and ties.iloc[2]["group"] == "donors"


def test_communities_table(tiny):
    H = network.cooperation_graph(graph(tiny))
    m = network.network_metrics(H, seed=1)
    c = teaching.communities_table(m, tiny["entities"])
    assert c["size"].sum() == H.number_of_nodes() and list(c["community"]) == sorted(c["community"])
    assert any("IOM" in members for members in c["members"])


def test_questionable_relations_flags(tiny):
    q = teaching.questionable_relations(tiny["relations"], tiny["entities"], tiny["documents"]).set_index("relation_id")
    assert "R1" not in q.index and "R4" not in q.index  # explicit, both named ('the Network' is an alias)
    assert "R10" not in q.index  # added by a correction
    assert "anaphor" in q.loc["R2", "flags"] and "IOM not named" in q.loc["R2", "flags"]
    assert "main actor" in q.loc["R3", "flags"] and "date not written" in q.loc["R3", "flags"]
    assert q.loc["R5", "flags"] == "one of 3 relations read from this sentence"
    assert q.loc["R8", "flags"] == "date not written in the sentence (taken from context)"
    order = list(q.index)
    assert order.index("R3") < order.index("R5") and q["n_flags"].is_monotonic_decreasing
    # acronyms match case-sensitively: a French 'un' is not the UN
    ents = pd.concat([tiny["entities"], frame("entities", [ent("UN", "United Nations", "organization", "UN")])])
    r = frame("relations", [rel("R", "d1", "IOM", "UN", "partnership", "L'OIM signe un accord avec IOM.", 0)])
    assert "UN not named" in teaching.questionable_relations(r, ents, tiny["documents"]).iloc[0]["flags"]


def test_pick_card_snippet_and_preview(tmp_path, tiny):
    q = teaching.questionable_relations(tiny["relations"], tiny["entities"], tiny["documents"])
    assert teaching.pick_relation(q, tiny["relations"]) == q.iloc[0]["relation_id"]
    assert teaching.pick_relation(q, tiny["relations"], "R1") == "R1"
    assert teaching.pick_relation(q.iloc[0:0], tiny["relations"]) == ""
    with pytest.raises(ValueError):
        teaching.pick_relation(q, tiny["relations"], "R404")
    card = dict(teaching.relation_card(tiny["relations"], tiny["entities"], tiny["documents"], "R3").values)
    assert card["document"] == "‘Signing’, 2019-05-03" and card["source"] == "EU (EU)" and card["date"] == "2019 (year)"
    assert card["paragraph"] == f"{S_THEY} {S_FUND}" and card["confidence"] == "0.6"
    assert teaching.relation_card(tiny["relations"], tiny["entities"], tiny["documents"], "").empty

    snippet = teaching.rejection_snippet(tiny["relations"], ["R2", "R3"], reason="not in the sentence: they = ?")
    data = yaml.safe_load(snippet)
    assert data == {"reject_relations": [{"relation_id": "R2"}, {"relation_id": "R3"}]}
    assert "# IOM partnership UNHCR (d1): not in the sentence: they = ?" in snippet
    path = tmp_path / "corrections.yaml"
    path.write_text(snippet, encoding="utf-8")
    corr = load_corrections(path)  # the project's own reader accepts it
    rows = {n: tiny[n].to_dict("records") for n in ("entities", "mentions", "relations")}
    assert [r["effect"] for r in apply_corrections(rows, corr)] == ["1 relation(s) removed"] * 2
    assert teaching.rejection_snippet(tiny["relations"], []) == "reject_relations: []\n"
    with pytest.raises(ValueError):
        teaching.rejection_snippet(tiny["relations"], ["R404"])

    applied, after = teaching.preview_corrections(tiny, snippet + "reject_entities:\n  - {entity_id: WFP}\n")
    assert list(applied["action"]) == ["reject_entities", "reject_relations", "reject_relations"]
    assert set(after["relations"]["relation_id"]) == set(tiny["relations"]["relation_id"]) - {"R2", "R3", "R6"}
    assert "WFP" not in set(after["entities"]["entity_id"]) and len(tiny["relations"]) == 10  # input untouched
    assert list(after["relations"].columns) == list(tiny["relations"].columns)
    with pytest.raises(ValueError):
        teaching.preview_corrections(tiny, "reject_relation: []\n")


def test_country_roles(tiny):
    roles = teaching.country_roles(tiny["entities"], tiny["mentions"], tiny["relations"], tiny["documents"]).set_index("iso3")
    assert roles.loc["MLI", "acting_relations"] == 1 and roles.loc["MLI", "acting_as"] == "Ministry of Interior of Mali"
    assert roles.loc["NER", "place_mentions"] == 1 and roles.loc["NER", "acting_relations"] == 0
    assert roles.loc["NER", "example"] == S_THEY and roles.loc["NER", "documents"] == "‘Signing’, 2019-05-03"
    only = teaching.country_roles(tiny["entities"], tiny["mentions"], tiny["relations"], tiny["documents"], only_places=True)
    assert list(only["country"]) == ["Niger"]


# ---------------------------------------------------------------------------------------------
# the notebooks


def test_notebooks_are_thin_parameterized_and_clean():
    for name in (STUDENT, SOLUTIONS):
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        nbformat.validate(nb)
        assert nb.metadata["kernelspec"]["name"] == "python3"
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert "parameters" in code[0].metadata.get("tags", [])
        assert "processed_dir = None" in code[0].source  # None: the project's (the notebook runs as it is)
        assert all(c.get("id") for c in nb.cells) and len({c.id for c in nb.cells}) == len(nb.cells)
        assert all(not c.outputs and c.execution_count is None for c in code)  # stored without outputs
        # thin: no function or class is defined in a notebook
        assert not any(re.search(r"^\s*(def|class|lambda)\b", c.source, re.M) for c in code)
    student = nbformat.read(NOTEBOOKS / STUDENT, as_version=4)
    answers = [c for c in student.cells if c.id.endswith("-answer")]
    assert len(answers) == 5 and all(c.cell_type == "code" and not c.source.strip() for c in answers)


@pytest.fixture(scope="module")
def processed(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("teaching") / "processed"
    ingest.run_stage(SEEDS, out, progress=None, reference_dir=REFERENCE)
    extract.run_stage(out, REFERENCE, None, progress=None)
    network.run_stage(out)
    return out


@pytest.fixture(scope="module")
def executed(processed) -> dict[str, nbformat.NotebookNode]:
    out = {}
    for name in (STUDENT, SOLUTIONS):
        path = processed.parent / name
        pm.execute_notebook(str(NOTEBOOKS / name), str(path), kernel_name="python3", cwd=str(NOTEBOOKS),
                            parameters={"processed_dir": str(processed), "figure_dir": str(processed.parent / "figures")},
                            progress_bar=False)
        out[name] = nbformat.read(path, as_version=4)
    return out


def outputs(nb: nbformat.NotebookNode, cell_id: str) -> str:
    """The text of a cell's outputs: streams, plain text, and the text of HTML tables."""
    cell = next(c for c in nb.cells if c.get("id") == cell_id)
    parts = []
    for o in cell.outputs:
        if o.output_type == "stream":
            parts.append(o.text)
        elif o.output_type in ("display_data", "execute_result"):
            if "text/html" in o.data:
                parts.append(" ".join(lxml.html.fromstring(o.data["text/html"]).text_content().split()))
            else:
                parts.append(o.data.get("text/plain", ""))
    return "\n".join(parts)


def test_notebooks_run_without_errors(executed, processed):
    for name, nb in executed.items():
        assert nb.metadata["papermill"]["exception"] is None, name
        assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"], name
    figures = processed.parent / "figures"
    for png in ("timeline", "network_by_period", "network_all", "bridge"):
        assert (figures / f"{png}.png").stat().st_size > 5_000, png
    images = [o for c in executed[STUDENT].cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 3  # the time line and the network at several dates
    assert "Exercise 1" in json.dumps([c.source for c in executed[STUDENT].cells])


@pytest.mark.parametrize("name", [STUDENT, SOLUTIONS])
def test_notebooks_run_on_tables_without_any_row(tmp_path, name):
    """Other corpora: no relation, no event, none of the parameter's actors; nothing may raise."""
    for table in teaching.TABLES:
        write_table(frame(table, []), tmp_path, table)
    pm.execute_notebook(str(NOTEBOOKS / name), str(tmp_path / name), kernel_name="python3", cwd=str(NOTEBOOKS),
                        parameters={"processed_dir": str(tmp_path), "figure_dir": str(tmp_path / "figures")},
                        progress_bar=False)
    nb = nbformat.read(tmp_path / name, as_version=4)
    assert nb.metadata["papermill"]["exception"] is None
    if name == SOLUTIONS:
        assert outputs(nb, "ex2-brokers").startswith("No broker")


def test_solutions_name_actual_actors(executed, processed):
    nb = executed[SOLUTIONS]
    G = network.load_graph(processed / "cooperation.graphml")
    line = outputs(nb, "ex2-brokers")
    broker = re.search(r"Main broker: (\S+) \(", line).group(1)
    assert broker in G
    top = re.search(r"n_documents documents (\S+)", outputs(nb, "ex1-partners")).group(1)
    assert top in G
    joined = outputs(nb, "ex3-events")
    assert re.search(r"\b2016-\d\d\b", joined) and "membership" in joined and "IOM" in joined
    assert "2016" in outputs(nb, "ex3-relations")
    snippet = outputs(nb, "ex4-correction")
    rid = re.search(r"relation_id: (R\w+)", snippet).group(1)
    assert rid in set(pd.read_csv(processed / "relations.csv", dtype=str)["relation_id"]) and "1 relation(s) removed" in snippet
    entities = pd.read_csv(processed / "entities.csv", dtype=str, keep_default_na=False)
    countries = set(entities.loc[entities["kind"] == "country", "name"])
    places = outputs(nb, "ex5-places")
    assert any(c in places for c in countries)


def test_seed_claims_in_the_solutions_prose_still_hold(executed):
    """The interpretations quote a few results of the seed corpus; if one fails, update that prose."""
    nb = executed[SOLUTIONS]
    assert outputs(nb, "ex1-partners").split("n_documents documents ")[1].startswith("IOM IOM organization")
    assert outputs(nb, "ex1-documents").split("n_relations ")[1].startswith("004_")
    line = outputs(nb, "ex2-brokers")
    assert line.startswith("Main broker: IOM (") and "lies on 100%" in line
    communities = outputs(nb, "ex2-communities")
    assert re.search(r"community size members brokers 1 \d+ IOM, .* IOM 2 ", communities)
    ties = outputs(nb, "ex2-evidence")
    for title in ("IOM and UNODC Join Forces", "Islamic Republic of Iran and UNODC to increase cooperation",  # sources by title
                  "L’Organisation internationale pour les migrations", "The International Organization for Migration has a long"):
        assert title in ties, title
    assert not re.search(r"\d{3}_[0-9a-f]{16}", ties)
    joined = outputs(nb, "ex3-events")
    for text in ("1996", "2016-06", "2016-09", "endorsed the move to join", "signed the agreement in September",
                 "joined the United Nations System in September 2016"):
        assert text in joined, text
    assert "ad hoc inclusion" in outputs(nb, "ex3-relations")
    card = outputs(nb, "ex4-card")
    assert "evidence “" in card and "IOM Director General" in card
    assert "Field missions maintain close working relationships with UN partners" in outputs(nb, "ex4-flagged")
    places = outputs(nb, "ex5-places")
    assert all(c in places for c in ("Afghanistan", "Austria", "Iraq", "Pakistan")) and "IRN" not in places
    assert "Vienna, Austria" in places and "in four countries" in places
