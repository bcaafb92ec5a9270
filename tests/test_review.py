"""The review queue: what it lists, decisions kept across reruns and applied through the corrections."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis import extract, ingest
from analysis.pipeline import load_params, resolve_paths
from analysis.review import COLUMNS, build_queue, decisions_digest, read_queue, reasons, summary, write_queue
from analysis.tables import read_table

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "raw"
REFERENCE = ROOT / "data" / "reference"


def _rel(rid: str, confidence: float, rule: str = "en:partnership:active", source: str = "IOM", target: str = "UNHCR",
         prior: float = 0.9) -> dict:
    return {"relation_id": rid, "doc_id": "d", "source": source, "target": target, "relation": "partnership",
            "date": "", "confidence": confidence, "prior": prior, "rule": rule, "evidence": "IOM and UNHCR work together."}


def test_reasons_name_low_confidence_unmeasured_rules_and_new_actors():
    assert reasons(_rel("R1", 0.5), {}, {}) == ["low confidence 0.50", "rule never measured on real pages"]
    assert reasons(_rel("R1", 0.95), {}, {"partnership:active@0.9": 40}) == []
    assert reasons(_rel("R1", 0.95, target="X_NGO"), {"X_NGO": "Open Gate"}, {"partnership:active@0.9": 2}) == \
        ["rule measured on 2 real relations", "new actor Open Gate"]


def test_the_queue_keeps_decided_rows_and_lists_the_most_doubtful_first():
    rels = [_rel("R1", 0.95), _rel("R2", 0.5), _rel("R3", 0.55, target="X_NGO"), _rel("R4", 0.6)]
    ents = [{"entity_id": "X_NGO", "name": "Open Gate", "source": "discovered"}]
    previous = [{**{c: "" for c in COLUMNS}, "relation_id": "R9", "decision": "reject", "note": "not in the text"},
                {**{c: "" for c in COLUMNS}, "relation_id": "R4", "decision": ""}]
    rows = build_queue(rels, ents, previous, size=2)
    assert [(r["relation_id"], r["decision"]) for r in rows] == [("R9", "reject"), ("R3", ""), ("R2", "")]
    assert rows[0]["note"] == "not in the text" and "new actor Open Gate" in rows[1]["reasons"]


def test_a_wrong_decision_names_the_file_and_the_line(tmp_path):
    path = tmp_path / "review.csv"
    write_queue(path, [{**{c: "" for c in COLUMNS}, "relation_id": "R1", "decision": "maybe"}])
    with pytest.raises(ValueError, match=r"review.csv: line 2 \(R1\): decision 'maybe' is not one of accept, reject, fix"):
        read_queue(path)


def test_a_fix_needs_a_relation_of_the_vocabulary(tmp_path):
    path = tmp_path / "review.csv"
    write_queue(path, [{**{c: "" for c in COLUMNS}, "relation_id": "R1", "doc_id": "d", "source": "A", "target": "B",
                        "relation": "friends", "decision": "fix"}])
    with pytest.raises(ValueError, match=r"line 2 \(R1\): 'fix' relation 'friends' is not one of agreement"):
        read_queue(path)


def test_the_digest_follows_the_decisions_only(tmp_path):
    path = tmp_path / "review.csv"
    row = {**{c: "" for c in COLUMNS}, "relation_id": "R1"}
    write_queue(path, [row])
    empty = decisions_digest(path)
    assert empty == decisions_digest(tmp_path / "missing.csv")
    write_queue(path, [row, {**row, "relation_id": "R2", "evidence": "another candidate"}])
    assert decisions_digest(path) == empty
    write_queue(path, [{**row, "decision": "accept"}])
    assert decisions_digest(path) != empty


def test_the_review_file_follows_the_processed_folder_by_default(tmp_path):
    params = resolve_paths({**load_params(), "processed_dir": str(tmp_path / "out" / "processed")}, ROOT)
    assert params["review_file"] == str(tmp_path / "out" / "annotations" / "review.csv")


def test_round_trip_a_decision_written_is_applied_on_the_rerun(tmp_path):
    processed, review = tmp_path / "processed", tmp_path / "annotations" / "review.csv"
    ingest.run_stage(SEEDS, processed, progress=None, reference_dir=REFERENCE)
    extract.run_stage(processed, REFERENCE, None, progress=None, review_file=review, review_size=10)
    before = read_table(processed, "relations").set_index("relation_id")
    rows = read_queue(review)
    assert len(rows) == 10 and all(r["decision"] == "" and r["reasons"] and r["evidence"] for r in rows)
    with open(review, encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == COLUMNS
    accepted, rejected, fixed = rows[0]["relation_id"], rows[1]["relation_id"], rows[2]["relation_id"]
    rows[0].update(decision="accept", note="checked")
    rows[1].update(decision="Reject", note="not said")
    rows[2].update(decision="fix", relation="agreement")
    write_queue(review, rows)

    out = extract.run_stage(processed, REFERENCE, None, progress=None, review_file=review, review_size=10)
    after = read_table(processed, "relations").set_index("relation_id")
    assert after.loc[accepted, "confidence"] == 1.0 and before.loc[accepted, "confidence"] < 1.0
    assert rejected not in after.index and fixed not in after.index
    new = after.loc["RF" + fixed[1:]]
    assert (new["relation"], new["directed"], new["rule"], new["confidence"]) == ("agreement", "False", "correction", 1.0)
    assert [new["source"], new["target"]] == sorted([before.loc[fixed, "source"], before.loc[fixed, "target"]])
    applied = out["corrections_applied"]
    assert set(applied["action"]) >= {"accept_relations", "reject_relations", "add_relations"}
    assert not applied["effect"].str.contains("matched nothing").any()
    kept = read_queue(review)
    assert [(r["relation_id"], r["decision"], r["note"]) for r in kept[:3]] == \
        [(accepted, "accept", "checked"), (rejected, "reject", "not said"), (fixed, "fix", "")]
    assert len(kept) == 13 and all(not r["decision"] for r in kept[3:])
    assert summary(len(after), kept) == f"{len(after)} relations, 3 reviewed: 1 accepted, 1 rejected, 1 fixed"
