"""CAMEO codes: the mapping covers the vocabulary, and the codes reach the tables and the graph files."""

from __future__ import annotations

import pandas as pd

from analysis.cameo import event_code, label, mapping, relation_code
from analysis.network import build_graph, write_graph_files
from analysis.relations import EVENT_TYPES, RELATIONS


def test_every_relation_and_event_type_is_mapped():
    assert {t for v, t in mapping() if v == "relation"} == set(RELATIONS)
    assert {t for v, t in mapping() if v == "event"} == set(EVENT_TYPES.values())
    assert all(code == "" or (code.isdigit() and len(code) in (3, 4)) for code, _ in mapping().values())


def test_codes_follow_the_codebook():
    assert (relation_code("agreement"), label("057")) == ("057", "Sign formal agreement")
    assert relation_code("partnership").startswith("06") and relation_code("funds").startswith("07")
    assert relation_code("hosts_meeting") == "043" and relation_code("replaced") == "" and relation_code("nope") == ""


def test_an_event_takes_its_relations_code_when_they_agree_else_its_types():
    assert event_code("meeting", ["hosts_meeting"]) == "043"
    assert event_code("meeting", []) == "040"
    assert event_code("membership", ["member_of", "observer_of"]) == "050"
    assert event_code("establishment", ["established"]) == ""


def test_graph_edges_carry_the_code(tmp_path):
    ents = pd.DataFrame([{"entity_id": e, "name": e, "acronym": e, "kind": "organization", "parent": ""} for e in ("A", "B")])
    rel = pd.DataFrame([{"relation_id": "R1", "doc_id": "d", "source": "A", "target": "B", "relation": "agreement",
                         "directed": "False", "date": "2020", "evidence": "A and B signed.", "confidence": 0.9,
                         "rule": "en:agreement:active", "place": "", "cameo": "057"}])
    docs = pd.DataFrame([{"doc_id": "d", "file": "d.txt", "published": ""}])
    G = build_graph(ents, rel, pd.DataFrame(columns=["entity_id", "doc_id"]), docs)
    assert G.edges["A", "B", "R1"]["cameo"] == "057"
    paths = write_graph_files(G, tmp_path)
    assert 'attr.name="cameo"' in paths["graphml"].read_text(encoding="utf-8")
    assert '"cameo": "057"' in paths["json"].read_text(encoding="utf-8")
    assert pd.read_csv(paths["edges"], dtype=str)["cameo"].tolist() == ["057"]
