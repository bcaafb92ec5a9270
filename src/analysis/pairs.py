"""Stage 2b (after the sentence rules): cooperating pairs a page states through its structure.

A sentence rule (:mod:`analysis.relations`) reads one sentence. A page also says who works with whom
through what it is about: the actor its story is about works with the partners it names beside it, in
an enumeration, in the next sentence, in a sentence no rule could read. For the page's focal actor (the
one it names most) and every actor named in the same or an adjacent sentence,
:func:`pair_features` measures a few signals from the document's mentions and its rule relations
(how often each is named, how close they are, whether they are listed together, whether a rule
already linked them and how reliable that rule is, …). A logistic model trained on the real ``dev``
split (:func:`train`, ``analysis real train``; stored with the package as ``resources/pair_model.json``)
turns them into the probability that the page states the pair cooperates. A pair that no rule found
and whose probability reaches the model's threshold (chosen by cross-validation on ``dev``) becomes a
``partnership`` relation of rule ``doc:pair_model``, with that probability as its confidence and, as
evidence, the sentence naming both (or the two nearest sentences naming each).

The features are language-free (the enumeration test reads its words from the language files), so
the model carries to pages and languages it was not trained on as far as its signals do; its
cross-validated and held-out scores are stored beside its weights.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .lang import alt
from .sentences import split_sentences

MODEL_FILE = Path(__file__).resolve().parent / "resources" / "pair_model.json"
MODEL_RULE = "doc:pair_model"
#: feature name -> what it measures (the model's inputs; their order is the weights' order)
FEATURES: dict[str, str] = {
    "rule": "highest confidence of a sentence rule linking the two (0 if none)",
    "has_rule": "a sentence rule links the two",
    "n_rule": "log(1 + relation rows linking the two)",
    "r_partnership": "a partnership rule links the two",
    "r_agreement": "an agreement rule links the two",
    "r_member": "a membership or coordination rule links the two",
    "count_min": "log(1 + mentions of the less named of the two)",
    "count_max": "log(1 + mentions of the more named of the two)",
    "actors": "log(1 + actors the page names)",
    "lead": "both are first named in the page's first three sentences",
    "together": "some sentence names both",
    "between": "fewest other actor mentions between them in a sentence naming both (/10, 1 if none)",
    "listed": "they are neighbours in an enumeration ('A, B and C')",
    "crowd": "log(1 + actors named in the least crowded sentence naming both; 0 if none)",
    "governments": "both are governments",
    "mechanism": "one is a mechanism or a programme",
    "part_of": "one is part of the other (its parent, or its parent's parent: UNHCR and the UN, a ministry and its government)",
}
_LIST_GAP = re.compile(r"\s*(?:,|;|&|,?\s+" + alt("and") + r")?\s*(?:" + alt("articles") + r")?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """A pair of actors of one document, with its features."""

    doc_id: str
    a: str
    b: str
    features: dict[str, float]
    sentence_ids: tuple[int, int]  # a sentence naming both, or the nearest sentences naming each


@dataclass(frozen=True)
class PairModel:
    """Logistic model over :data:`FEATURES`: P(pair) = 1 / (1 + exp(-(bias + Σ weight·feature)))."""

    weights: dict[str, float]
    bias: float
    threshold: float
    about: dict

    def probability(self, features: dict[str, float]) -> float:
        """Probability that the page states the pair cooperates."""
        z = self.bias + sum(w * features.get(name, 0.0) for name, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-z))

    def to_json(self) -> str:
        """The model file's text (stable: same model, same bytes)."""
        return json.dumps({"features": list(self.weights), "weights": self.weights, "bias": self.bias,
                           "threshold": self.threshold, **self.about}, indent=1, ensure_ascii=False) + "\n"


@functools.cache
def load_model(path: str = str(MODEL_FILE)) -> PairModel | None:
    """The stored pair model (None when there is none: then no pair is inferred)."""
    p = Path(path)
    if not p.exists():
        return None
    data = json.loads(p.read_text(encoding="utf-8"))
    about = {k: v for k, v in data.items() if k not in ("features", "weights", "bias", "threshold")}
    return PairModel({f: float(data["weights"][f]) for f in data["features"]}, float(data["bias"]),
                     float(data["threshold"]), about)


def pair_features(doc_id: str, body: str, mentions: list[dict], relations: list[dict],
                  kinds: dict[str, str], parents: dict[str, str] | None = None) -> list[Candidate]:
    """The candidate pairs of one document, with their features (see :data:`FEATURES`): the page's focal actor
    (its most named; the first named on a tie) with each actor named in the same or the next or previous sentence.

    ``mentions``: the document's mention rows of actors (entity_id, sentence_id, start, end);
    ``relations``: its relation rows (rows of this module's own rule are ignored); ``kinds``: entity
    id -> kind; ``parents``: entity id -> the body it is part of."""
    parents = parents or {}

    def ancestors(e: str) -> set[str]:
        up = parents.get(e, "")
        return {up} | {parents.get(up, "")} - {""} if up else set()

    sentences: dict[str, set[int]] = defaultdict(set)
    count: dict[str, int] = defaultdict(int)
    first: dict[str, int] = {}
    by_sentence: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for m in mentions:
        e, s = m["entity_id"], int(m["sentence_id"])
        sentences[e].add(s)
        count[e] += 1
        first[e] = min(first.get(e, s), s)
        by_sentence[s].append((int(m["start"]), int(m["end"]), e))
    if len(count) < 2:
        return []
    focal = max(sorted(count), key=lambda e: (count[e], -first[e]))
    linked: dict[frozenset, list[dict]] = defaultdict(list)
    for r in relations:
        if r["target"] and r["rule"] != MODEL_RULE:
            linked[frozenset((r["source"], r["target"]))].append(r)
    out = []
    for other in sorted(count):
        if other == focal:
            continue
        a, b = sorted((focal, other))
        both = sorted(sentences[a] & sentences[b])
        if both:
            sids = (both[0], both[0])
        else:  # the first sentence naming one next to a sentence naming the other
            near = [(x, y) for x in sorted(sentences[a]) for y in (x - 1, x + 1) if y in sentences[b]]
            if not near:
                continue
            sids = tuple(sorted(near[0]))
        rows = linked.get(frozenset((a, b)), [])
        types = {r["relation"] for r in rows}
        between, listed, crowd = 10, False, 0
        for s in both:
            named = sorted(by_sentence[s])
            crowd = min(crowd or 10**6, len({e for _, _, e in named}))
            where = [i for i, (_, _, e) in enumerate(named) if e in (a, b)]
            for i, j in zip(where, where[1:]):  # consecutive mentions of the two, in order
                if named[i][2] != named[j][2]:
                    between = min(between, j - i - 1)
                    listed = listed or (j == i + 1 and bool(_LIST_GAP.match(body[named[i][1]:named[j][0]])))
        f = {
            "rule": max((float(r["confidence"]) for r in rows), default=0.0),
            "has_rule": float(bool(rows)), "n_rule": math.log1p(len(rows)),
            "r_partnership": float("partnership" in types), "r_agreement": float("agreement" in types),
            "r_member": float(bool(types & {"member_of", "has_members", "coordinates"})),
            "count_min": math.log1p(min(count[a], count[b])), "count_max": math.log1p(max(count[a], count[b])),
            "actors": math.log1p(len(count)),
            "lead": float(first[a] <= 2 and first[b] <= 2), "together": float(bool(both)),
            "between": min(between, 10) / 10, "listed": float(listed), "crowd": math.log1p(crowd),
            "governments": float(kinds.get(a) == kinds.get(b) == "government"),
            "mechanism": float(bool({kinds.get(a), kinds.get(b)} & {"mechanism", "programme"})),
            "part_of": float(a in ancestors(b) or b in ancestors(a)),
        }
        out.append(Candidate(doc_id, a, b, f, sids))
    return out


def _by_document(mentions: list[dict], relations: list[dict], kinds: dict[str, str]
                 ) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """The mention rows of actors (entity ids of ``kinds``) and the relation rows, grouped by document."""
    by_doc_m: dict[str, list[dict]] = defaultdict(list)
    for m in mentions:
        if m["entity_id"] in kinds:
            by_doc_m[m["doc_id"]].append(m)
    by_doc_r: dict[str, list[dict]] = defaultdict(list)
    for r in relations:
        by_doc_r[r["doc_id"]].append(r)
    return by_doc_m, by_doc_r


def infer_pairs(documents: list[dict], mentions: list[dict], relations: list[dict], kinds: dict[str, str],
                model: PairModel | None = None, parents: dict[str, str] | None = None) -> list[dict]:
    """Relation rows for the pairs the model accepts and no rule found, document by document (``kinds``: actor
    entity id -> kind; ``parents``: entity id -> parent id)."""
    from .extract import relation_id  # noqa: PLC0415  (extract imports this module)

    model = model or load_model()
    if model is None:
        return []
    by_doc_m, by_doc_r = _by_document(mentions, relations, kinds)
    out = []
    for doc in sorted(documents, key=lambda d: d["doc_id"]):
        did = doc["doc_id"]
        accepted = [(c, p) for c in pair_features(did, doc["body"], by_doc_m.get(did, []), by_doc_r.get(did, []), kinds,
                                                  parents)
                    if not c.features["has_rule"] and (p := model.probability(c.features)) >= model.threshold]
        if not accepted:
            continue
        text = {s.index: s.text for s in split_sentences(doc["body"])}
        for c, p in accepted:
            s1, s2 = c.sentence_ids
            evidence = text.get(s1, "") if s1 == s2 else f"{text.get(s1, '')} … {text.get(s2, '')}"
            out.append({"relation_id": relation_id(did, s1, c.a, c.b, "partnership"), "doc_id": did, "source": c.a,
                        "target": c.b, "relation": "partnership", "directed": "False", "date": "", "date_precision": "",
                        "place": "", "evidence": evidence, "sentence_id": s1, "confidence": round(p, 3),
                        "prior": round(p, 3), "rule": MODEL_RULE})
    return out


def fit_logistic(rows: list[list[float]], labels: list[int], l2: float = 1.0) -> tuple[list[float], float]:
    """L2-regularised logistic regression (deterministic: L-BFGS from zeros): (weights, bias)."""
    import numpy as np  # noqa: PLC0415
    from scipy.optimize import minimize  # noqa: PLC0415

    X = np.hstack([np.asarray(rows, dtype=float), np.ones((len(rows), 1))])
    y = np.asarray(labels, dtype=float)
    penalty = np.r_[np.ones(X.shape[1] - 1), 0.0]

    def loss(w):
        p = 1.0 / (1.0 + np.exp(-(X @ w)))
        value = -np.sum(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12)) + l2 * np.sum(penalty * w * w)
        return value, X.T @ (p - y) + 2 * l2 * penalty * w

    w = minimize(loss, np.zeros(X.shape[1]), jac=True, method="L-BFGS-B").x
    return [float(v) for v in w[:-1]], float(w[-1])


@dataclass
class Labelled:
    """The candidates of a scored split with their gold verdicts, and the pairs its sentence rules found."""

    items: list[tuple[Candidate, str, int]]  # (candidate, gold key pair, 1 gold / 0 not accepted / -1 optional)
    rule_pairs: dict[tuple[str, str], int]  # (doc_id, key pair) found by a rule -> its verdict
    n_gold: int


def labelled_candidates(processed_dir: Path, gold: dict, aliases: dict) -> Labelled:
    """The candidates of a scored split's tables with their gold verdicts (see :class:`Labelled`)."""
    from .evaluate import gold_keys  # noqa: PLC0415
    from .kb import ACTOR_KINDS  # noqa: PLC0415
    from .tables import read_table  # noqa: PLC0415

    docs = read_table(processed_dir, "documents")
    ents = read_table(processed_dir, "entities")
    kinds = {e: k for e, k in zip(ents["entity_id"], ents["kind"]) if k in ACTOR_KINDS}
    parents = {e: p for e, p in zip(ents["entity_id"], ents["parent"]) if p}
    key = gold_keys(ents, aliases)
    by_doc_m, by_doc_r = _by_document(read_table(processed_dir, "mentions").to_dict("records"),
                                      read_table(processed_dir, "relations").to_dict("records"), kinds)
    by_file = {d["file"]: d for d in gold["documents"]}
    items, rule_pairs = [], {}
    for doc in docs.to_dict("records"):
        g = by_file.get(Path(doc["file"]).name)
        if g is None:
            continue
        pairs = {frozenset(p) for p in g["pairs"]}
        optional = {frozenset(p) for p in g["optional_pairs"]}

        def verdict(pair: frozenset) -> int:
            return 1 if pair in pairs else -1 if pair in optional else 0

        did = doc["doc_id"]
        for r in by_doc_r[did]:
            pair = frozenset((key.get(r["source"], ""), key.get(r["target"], "")))
            if r["rule"] != MODEL_RULE and r["source"] in kinds and r["target"] in kinds and len(pair) == 2:
                rule_pairs[(did, " ~ ".join(sorted(pair)))] = verdict(pair)
        for c in pair_features(did, doc["body"], by_doc_m[did], by_doc_r[did], kinds, parents):
            pair = frozenset((key[c.a], key[c.b]))
            if len(pair) == 2:
                items.append((c, " ~ ".join(sorted(pair)), verdict(pair)))
    return Labelled(items, rule_pairs, sum(len(d["pairs"]) for d in gold["documents"]))


def document_f1(data: Labelled, accept: list[bool]) -> float:
    """Pair F1 of the rules' pairs plus the accepted candidates, once per document and key pair (as the scorer)."""
    found = dict(data.rule_pairs)
    for (c, pair, label), ok in zip(data.items, accept):
        if ok:
            found[(c.doc_id, pair)] = label
    tp = sum(1 for v in found.values() if v == 1)
    fp = sum(1 for v in found.values() if v == 0)
    p, r = (tp / (tp + fp) if tp + fp else 0.0), (tp / data.n_gold if data.n_gold else 0.0)
    return 2 * p * r / (p + r) if p + r else 0.0


def train(data: Labelled, folds: int = 5,
          thresholds: tuple[float, ...] = (0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6)) -> PairModel:
    """Fit the model on labelled candidates; choose the threshold by ``folds``-fold cross-validation over documents
    (documents dealt to folds in sorted order), maximising the pair F1 of rules plus model (ties: the higher)."""
    names = list(FEATURES)
    usable = [it for it in data.items if it[2] >= 0]  # optional pairs teach nothing either way
    docs = sorted({c.doc_id for c, _, _ in data.items})
    fold = {d: i % folds for i, d in enumerate(docs)}
    prob = [0.0] * len(data.items)
    for k in range(folds):
        part = [it for it in usable if fold[it[0].doc_id] != k]
        if not part:
            continue
        w, b = fit_logistic([[c.features[n] for n in names] for c, _, _ in part], [y for _, _, y in part])
        m = PairModel(dict(zip(names, w)), b, 0.5, {})
        for i, (c, _, _) in enumerate(data.items):
            if fold[c.doc_id] == k:
                prob[i] = m.probability(c.features)
    rules_only = document_f1(data, [False] * len(data.items))
    cv = {t: document_f1(data, [p >= t for p in prob]) for t in thresholds}
    best = max(thresholds, key=lambda t: (round(cv[t], 6), t))
    w, b = fit_logistic([[c.features[n] for n in names] for c, _, _ in usable], [y for _, _, y in usable])
    about = {"trained_on": {"documents": len(docs), "candidates": len(usable), "gold_pairs": data.n_gold},
             "cross_validation": {"folds": folds, "pair_f1_rules_only": round(rules_only, 4),
                                  "pair_f1_by_threshold": {f"{t:g}": round(v, 4) for t, v in cv.items()}}}
    return PairModel({n: round(v, 6) for n, v in zip(names, w)}, round(b, 6), best, about)


__all__ = ["FEATURES", "MODEL_FILE", "MODEL_RULE", "Candidate", "Labelled", "PairModel", "document_f1", "fit_logistic",
           "infer_pairs", "labelled_candidates", "load_model", "pair_features", "train"]
