"""Per-rule precision and calibrated confidences (analysis.calibration)."""

import pandas as pd

from analysis.calibration import PRIOR_WEIGHT, calibrated, calibration_table, rule_key, rule_table


def _judged(rows):
    return pd.DataFrame(rows, columns=["doc_id", "rule", "prior", "pair", "verdict"])


def test_rule_key_drops_the_language_and_keeps_the_subject_reading():
    assert rule_key("es:funds:passive", 0.9) == "funds:passive@0.9"
    assert rule_key("pt:member_of:inverse:continued", 0.75) == "member_of:inverse:continued@0.75"


def test_rule_table_counts_distinct_pairs_and_sorts_the_weakest_first():
    judged = _judged([("d1", "en:funds:passive", 0.9, "EU ~ IOM", "tp"), ("d1", "en:funds:passive", 0.9, "EU ~ IOM", "tp"),
                      ("d1", "en:partnership:between", 0.9, "HAITI ~ IOM", "fp"),
                      ("d2", "en:partnership:between", 0.9, "IOM ~ UNHCR", "tp"),
                      ("d2", "en:partnership:between", 0.9, "IOM ~ UN", "optional")])
    gold = {"documents": [{"pairs": [["EU", "IOM"]]}, {"pairs": [["IOM", "UNHCR"], ["IOM", "ILO"]]}]}
    table = rule_table(judged, gold)
    assert table["rule"].tolist() == ["en:partnership:between", "en:funds:passive"]
    between = table.iloc[0]
    assert (between["tp"], between["fp"], between["optional"], between["precision"]) == (1, 1, 1, 0.5)
    assert table.iloc[1]["rows"] == 2 and table.iloc[1]["coverage"] == round(1 / 3, 3)


def test_calibration_is_smoothed_towards_the_prior_and_ignores_optional_pairs():
    judged = _judged([("d", "en:partnership:between", 0.9, f"A ~ B{i}", "fp") for i in range(6)]
                     + [("d", "en:partnership:between", 0.9, "A ~ C", "tp"), ("d", "en:partnership:between", 0.9, "A ~ D", "optional")])
    row = calibration_table(judged).set_index("key").loc["partnership:between@0.9"]
    assert (row["n"], row["tp"]) == (7, 1)
    assert row["confidence"] == round((1 + PRIOR_WEIGHT * 0.9) / (7 + PRIOR_WEIGHT), 3)


def test_an_unseen_rule_keeps_its_prior(tmp_path):
    table = tmp_path / "calibration.csv"
    table.write_text("key,n,tp,fp,prior,confidence\nfunds:passive@0.9,10,9,1,0.9,0.9\npartnership:between@0.9,20,6,14,0.9,0.4\n")
    assert calibrated("fr:partnership:between", 0.9, table) == 0.4
    assert calibrated("fr:partnership:between", 0.75, table) == 0.75
    assert calibrated("en:observer_of:active", 0.6, table) == 0.6


def test_the_pair_models_rows_are_never_recalibrated():
    import pandas as pd

    from analysis.calibration import MODEL_RULE, calibration_table

    judged = pd.DataFrame([{"doc_id": "d", "rule": MODEL_RULE, "prior": 0.61, "pair": "A ~ B", "verdict": "tp"},
                           {"doc_id": "d", "rule": "en:funds:passive", "prior": 0.9, "pair": "A ~ C", "verdict": "fp"}])
    table = calibration_table(judged)
    assert list(table["key"]) == ["funds:passive@0.9"]
    from analysis import pairs
    assert pairs.MODEL_RULE == MODEL_RULE
