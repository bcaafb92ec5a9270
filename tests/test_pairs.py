"""Document-level pairs (analysis.pairs): candidates, features, the model, inference and training."""

import json

import pytest

from analysis import pairs as P


def mention(eid, sid, start, end, doc="d"):
    return {"doc_id": doc, "entity_id": eid, "sentence_id": sid, "start": start, "end": end}


def relation(a, b, relation="partnership", conf=0.9, rule="en:partnership:active", doc="d"):
    return {"doc_id": doc, "source": a, "target": b, "relation": relation, "confidence": conf, "rule": rule}


BODY = "IOM, UNHCR and UNICEF met. IOM thanked WFP. Nothing here. Later, ILO spoke."
#        0    5      12     23      27   35      43  46           59       68   72
KINDS = {"IOM": "organization", "UNHCR": "organization", "UNICEF": "organization", "WFP": "organization",
         "ILO": "organization"}
MENTIONS = [mention("IOM", 0, 0, 3), mention("UNHCR", 0, 5, 10), mention("UNICEF", 0, 15, 21),
            mention("IOM", 1, 27, 30), mention("WFP", 1, 39, 42), mention("ILO", 3, 66, 69)]


def test_candidates_are_the_focal_actor_with_actors_named_in_the_same_or_an_adjacent_sentence():
    cands = {(c.a, c.b): c for c in P.pair_features("d", BODY, MENTIONS, [], KINDS)}
    # IOM is named most: pairs with UNHCR, UNICEF (same sentence) and WFP; never ILO (two sentences away)
    assert set(cands) == {("IOM", "UNHCR"), ("IOM", "UNICEF"), ("IOM", "WFP")}
    assert cands[("IOM", "UNHCR")].features["listed"] == 1.0  # 'IOM, UNHCR': neighbours of an enumeration
    assert cands[("IOM", "UNICEF")].features["listed"] == 0.0  # UNHCR stands between them
    assert cands[("IOM", "UNICEF")].features["between"] == pytest.approx(0.1)
    assert cands[("IOM", "WFP")].features["together"] == 1.0 and cands[("IOM", "WFP")].sentence_ids == (1, 1)
    assert set(cands[("IOM", "WFP")].features) == set(P.FEATURES)


def test_rule_features_come_from_the_rules_and_never_from_the_models_own_rows():
    rels = [relation("IOM", "UNHCR", conf=0.7), relation("IOM", "UNHCR", "agreement", 0.8, "en:agreement:active"),
            relation("IOM", "WFP", conf=0.99, rule=P.MODEL_RULE)]
    cands = {(c.a, c.b): c.features for c in P.pair_features("d", BODY, MENTIONS, rels, KINDS)}
    assert cands[("IOM", "UNHCR")]["rule"] == 0.8 and cands[("IOM", "UNHCR")]["r_agreement"] == 1.0
    assert cands[("IOM", "WFP")]["has_rule"] == 0.0 and cands[("IOM", "WFP")]["rule"] == 0.0


def test_a_page_naming_one_actor_has_no_candidates():
    assert P.pair_features("d", "IOM said.", [mention("IOM", 0, 0, 3)], [], KINDS) == []


def model(threshold=0.5, **weights):
    return P.PairModel({n: weights.get(n, 0.0) for n in P.FEATURES}, weights.get("bias", 0.0), threshold, {})


def test_the_model_is_a_logistic_function_of_its_features_and_round_trips_through_its_file(tmp_path):
    m = model(threshold=0.4, listed=2.0, bias=-1.0)
    assert m.probability({"listed": 0.0}) == pytest.approx(1 / (1 + 2.718281828 ** 1))
    assert m.probability({"listed": 1.0}) == pytest.approx(1 / (1 + 2.718281828 ** -1))
    path = tmp_path / "model.json"
    path.write_text(m.to_json(), encoding="utf-8")
    back = P.load_model(str(path))
    assert back.weights == m.weights and back.threshold == 0.4 and back.bias == -1.0
    assert P.load_model(str(tmp_path / "none.json")) is None


def test_the_stored_model_reads_every_feature_and_was_chosen_by_cross_validation():
    m = P.load_model()
    assert m is not None and list(m.weights) == list(P.FEATURES)
    cv = m.about["cross_validation"]
    assert f"{m.threshold:g}" in cv["pair_f1_by_threshold"]
    assert cv["pair_f1_by_threshold"][f"{m.threshold:g}"] == max(cv["pair_f1_by_threshold"].values())


def test_inferred_pairs_are_partnerships_with_evidence_and_the_probability_as_confidence():
    docs = [{"doc_id": "d", "body": BODY}]
    rels = [relation("IOM", "UNHCR")]
    rows = P.infer_pairs(docs, MENTIONS, rels, KINDS, model(threshold=0.5, listed=3.0, together=1.0, bias=-0.5))
    got = {(r["source"], r["target"]): r for r in rows}
    assert ("IOM", "UNHCR") not in got  # a rule found it already
    assert set(got) == {("IOM", "UNICEF"), ("IOM", "WFP")}
    wfp = got[("IOM", "WFP")]
    assert wfp["rule"] == P.MODEL_RULE and wfp["relation"] == "partnership" and wfp["evidence"] == "IOM thanked WFP."
    assert wfp["confidence"] == pytest.approx(1 / (1 + 2.718281828 ** -0.5), abs=1e-3)
    # a model that accepts nothing adds nothing
    assert P.infer_pairs(docs, MENTIONS, rels, KINDS, model(threshold=0.99)) == []


def test_logistic_fit_is_deterministic_and_learns_the_signal():
    rows = [[1.0, 0.0], [1.0, 1.0], [0.0, 0.0], [0.0, 1.0]] * 10
    labels = [1, 1, 0, 0] * 10
    w1, b1 = P.fit_logistic(rows, labels)
    w2, b2 = P.fit_logistic(rows, labels)
    assert (w1, b1) == (w2, b2)
    assert w1[0] > 1.0 and abs(w1[1]) < 0.1 and b1 < 0


def test_training_chooses_the_threshold_with_the_best_cross_validated_pair_f1():
    items = []
    for k in range(20):  # pages where 'listed' partners are gold pairs and other neighbours are not
        doc = f"d{k}"
        on = {n: 0.0 for n in P.FEATURES}
        items.append((P.Candidate(doc, "A", "B", {**on, "listed": 1.0}, (0, 0)), "A ~ B", 1))
        items.append((P.Candidate(doc, "A", "C", dict(on), (0, 0)), "A ~ C", 0))
    data = P.Labelled(items, {}, n_gold=20)
    m = P.train(data, folds=4)
    assert m.weights["listed"] > 0
    assert m.probability({"listed": 1.0}) >= m.threshold > m.probability({})
    assert m.about["cross_validation"]["pair_f1_rules_only"] == 0.0
    assert P.document_f1(data, [c.features["listed"] == 1.0 for c, _, _ in items]) == 1.0
    json.loads(m.to_json())


def test_a_body_and_the_body_it_is_part_of_are_marked():
    kinds = {**KINDS, "UN": "organization"}
    mentions = MENTIONS + [mention("UN", 1, 44, 46)]
    cands = {(c.a, c.b): c.features for c in P.pair_features("d", BODY + " UN", mentions, [], kinds,
                                                             parents={"UNHCR": "UN", "IOM": "UN"})}
    assert cands[("IOM", "UN")]["part_of"] == 1.0
    assert cands[("IOM", "UNHCR")]["part_of"] == 0.0  # siblings are not parts of each other
