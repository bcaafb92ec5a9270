import pytest

from analysis.corrections import apply_corrections, load_corrections
from analysis.extract import extract_corpus


def corpus():
    body = "UNHCR and UNICEF signed an agreement in Geneva on 3 May 2021. IOM works with WFP."
    return [{"doc_id": "d", "file": "d.txt", "body": body, "language": "en", "published": ""}]


def test_corrections_file_is_validated(tmp_path):
    p = tmp_path / "c.yaml"
    p.write_text("reject_relation: []\n")
    with pytest.raises(ValueError, match="unknown key"):
        load_corrections(p)
    assert load_corrections(tmp_path / "missing.yaml")["add_relations"] == []


def test_reject_add_merge_rename_and_report(kb):
    base = extract_corpus(corpus(), kb)
    rid = next(r["relation_id"] for r in base["relations"] if {r["source"], r["target"]} == {"IOM", "WFP"})
    corr = {"reject_relations": [{"relation_id": rid}, {"relation_id": "Rnothing"}],
            "add_relations": [{"doc_id": "d", "source": "IOM", "target": "UNHCR", "relation": "partnership",
                               "evidence": "checked by hand"}],
            "rename_entities": [{"entity_id": "WFP", "name": "World Food Programme (WFP)"}],
            "merge_entities": [{"from": "UNICEF", "into": "UNHCR"}]}
    out = extract_corpus(corpus(), kb, corr)
    got = {(r["source"], r["target"], r["rule"]) for r in out["relations"]}
    assert ("IOM", "UNHCR", "correction") in got
    assert not any({s, t} == {"IOM", "WFP"} for s, t, _ in got)
    assert "UNICEF" not in {e["entity_id"] for e in out["entities"]}
    effects = {(c["action"], c["effect"]) for c in out["corrections_applied"]}
    assert ("reject_relations", "matched nothing") in effects and ("add_relations", "added") in effects
    # the same corrections give the same ids on a rerun
    assert out == extract_corpus(corpus(), kb, corr)


def test_apply_corrections_unknown_entity_is_reported():
    tables = {"entities": [], "mentions": [], "relations": []}
    report = apply_corrections(tables, {"rename_entities": [{"entity_id": "X", "name": "Y"}]})
    assert report == [{"action": "rename_entities", "detail": "X", "effect": "no such entity"}]
