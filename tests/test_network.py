import networkx as nx
import pandas as pd

from analysis.network import (build_graph, cooperation_graph, filter_relations, graph_as_of, load_graph,
                              network_metrics, write_graph_files)


def tables():
    ents = pd.DataFrame([
        {"entity_id": e, "name": n, "acronym": e, "kind": k, "parent": "", "source": "reference", "aliases": e}
        for e, n, k in [("IOM", "International Organization for Migration", "organization"),
                        ("UNHCR", "UNHCR", "organization"), ("EU", "European Union", "organization"),
                        ("NET", "A Network", "mechanism"), ("C_NER", "Niger", "country")]])
    rel = pd.DataFrame([
        {"relation_id": "R1", "doc_id": "a", "source": "IOM", "target": "UNHCR", "relation": "agreement", "directed": "False",
         "date": "2019-05-02", "date_precision": "day", "place": "Geneva", "evidence": "IOM and UNHCR signed <b>.",
         "sentence_id": 0, "confidence": 0.9, "rule": "en:agreement:active"},
        {"relation_id": "R2", "doc_id": "b", "source": "EU", "target": "IOM", "relation": "funds", "directed": "True",
         "date": "", "date_precision": "", "place": "", "evidence": "Funded by the EU.", "sentence_id": 3,
         "confidence": 0.6, "rule": "en:funds:passive"},
        {"relation_id": "R3", "doc_id": "b", "source": "IOM", "target": "NET", "relation": "coordinates", "directed": "True",
         "date": "2021", "date_precision": "year", "place": "", "evidence": "IOM coordinates the Network.", "sentence_id": 4,
         "confidence": 0.9, "rule": "en:coordinates:active"}])
    docs = pd.DataFrame([{"doc_id": "a", "file": "a.txt", "language": "en", "published": "2019-05-03"},
                         {"doc_id": "b", "file": "b.txt", "language": "fr", "published": "2020-01-01"}])
    ments = pd.DataFrame([{"doc_id": d, "entity_id": e} for d, e in [("a", "IOM"), ("a", "UNHCR"), ("b", "IOM"), ("b", "EU"),
                                                                       ("b", "NET"), ("b", "C_NER")]])
    return ents, rel, ments, docs


def test_graph_nodes_and_edges_carry_attributes():
    G = build_graph(*tables())
    assert set(G.nodes) == {"IOM", "UNHCR", "EU", "NET"}
    assert G.nodes["IOM"]["n_documents"] == 2 and G.nodes["IOM"]["first_year"] == 2019
    e = G.edges["IOM", "UNHCR", "R1"]
    assert e["evidence"].startswith("IOM and UNHCR") and e["file"] == "a.txt" and e["year"] == 2019
    assert G.edges["EU", "IOM", "R2"]["year"] == 2020  # undated: the document's publication year


def test_collapsed_graph_views_and_metrics():
    G = build_graph(*tables())
    H = cooperation_graph(G)
    assert H["IOM"]["UNHCR"]["weight"] == 1
    assert set(graph_as_of(G, 2019).edges(keys=True)) == {("IOM", "UNHCR", "R1")}
    m = network_metrics(H, seed=1)
    assert m.iloc[0]["entity_id"] == "IOM" and m.set_index("entity_id").loc["IOM", "degree"] == 3
    assert network_metrics(H, seed=1).equals(m)


def test_filters():
    ents, rel, ments, docs = tables()
    assert list(filter_relations(rel, docs, year_min=2020)["relation_id"]) == ["R2", "R3"]
    assert list(filter_relations(rel, docs, relation_types=["funds"])["relation_id"]) == ["R2"]
    assert list(filter_relations(rel, docs, languages=["en"])["relation_id"]) == ["R1"]
    assert list(filter_relations(rel, docs, min_confidence=0.8)["relation_id"]) == ["R1", "R3"]


def test_exports_load_back_with_evidence_and_are_deterministic(tmp_path):
    G = build_graph(*tables())
    paths = write_graph_files(G, tmp_path / "one")
    again = write_graph_files(build_graph(*tables()), tmp_path / "two")
    for k in paths:
        assert paths[k].read_bytes() == again[k].read_bytes()
    back = load_graph(paths["graphml"])
    assert all(d["evidence"] for _, _, d in back.edges(data=True)) and back.number_of_edges() == 3
    gexf = nx.read_gexf(paths["gexf"])
    assert gexf.number_of_edges() == 3
    assert "1970-01-01" in paths["gexf"].read_text()
