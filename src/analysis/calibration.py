"""Per-rule precision on gold facts, and confidences calibrated by it.

Every relation row names the rule that produced it (``<language>:<relation>:<reading>[:<variant>]``,
e.g. ``en:funds:passive`` or ``es:member_of:listed``). Scored against gold facts, each rule has a
precision (pairs it states that the gold states, over pairs it states that the gold does not
accept) and a coverage (gold pairs it finds). :func:`rule_table` computes both; the weakest rules
are visible in numbers, on the real ``dev`` split (``analysis real rules``).

The ``confidence`` of a relation is the measured precision of its rule and subject reading on
the real ``dev`` split (:func:`calibration_table`, stored with the package in
``resources/calibration.csv`` by ``analysis real calibrate``), smoothed towards the hand-set
prior of the reading when the rule fired few times, so ``min_confidence=0.8`` keeps relations
whose kind was right at least 80 % of the time on pages the rules were not written for.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pandas as pd

from .evaluate import gold_keys
from .kb import ACTOR_KINDS
from .pairs import MODEL_RULE  # its rows' confidence is already a fitted probability, never recalibrated

CALIBRATION_FILE = Path(__file__).resolve().parent / "resources" / "calibration.csv"
#: the reliability table of the stored confidences on the real dev split (``analysis real calibrate``; shown by the report)
RELIABILITY_FILE = Path(__file__).resolve().parent / "resources" / "reliability.csv"
PRIOR_WEIGHT = 4  # a rule seen n times: (tp + PRIOR_WEIGHT * prior) / (n + PRIOR_WEIGHT)


def rule_key(rule: str, prior: float) -> str:
    """The language-free key of a rule and its subject reading: 'en:funds:passive', 0.9 -> 'funds:passive@0.9'."""
    return f"{rule.split(':', 1)[-1]}@{prior:g}"


def judged_relations(processed_dir: Path, gold: dict, aliases: dict) -> pd.DataFrame:
    """The relation rows of ``processed_dir`` between actors, each judged against the gold of its document:
    ``verdict`` is tp (a gold pair), optional (an optional pair: not counted) or fp."""
    docs = pd.read_csv(processed_dir / "documents.csv", dtype=str, keep_default_na=False)
    ents = pd.read_csv(processed_dir / "entities.csv", dtype=str, keep_default_na=False)
    rels = pd.read_csv(processed_dir / "relations.csv", dtype={"confidence": float}, keep_default_na=False)
    key = gold_keys(ents, aliases)
    kind = dict(zip(ents["entity_id"], ents["kind"]))
    by_file = {d["file"]: d for d in gold["documents"]}
    doc_gold = {r["doc_id"]: by_file.get(r["file"]) for r in docs.to_dict("records")}
    rows = []
    for r in rels.to_dict("records"):
        g = doc_gold.get(r["doc_id"])
        if g is None or kind.get(r["source"]) not in ACTOR_KINDS or kind.get(r["target"]) not in ACTOR_KINDS:
            continue
        pair = frozenset((key[r["source"]], key[r["target"]]))
        if len(pair) < 2:
            continue
        verdict = "tp" if pair in {frozenset(p) for p in g["pairs"]} else \
            "optional" if pair in {frozenset(p) for p in g["optional_pairs"]} else "fp"
        rows.append({"doc_id": r["doc_id"], "rule": r["rule"], "prior": r.get("prior", r["confidence"]),
                     "pair": " ~ ".join(sorted(pair)), "verdict": verdict})
    return pd.DataFrame(rows, columns=["doc_id", "rule", "prior", "pair", "verdict"])


def rule_table(judged: pd.DataFrame, gold: dict) -> pd.DataFrame:
    """Per rule: rows, distinct document pairs right (tp) and wrong (fp), precision and coverage of the gold pairs."""
    n_gold = sum(len(d["pairs"]) for d in gold["documents"]) or 1
    out = []
    for rule, g in judged.groupby("rule"):
        pairs = g.drop_duplicates(["doc_id", "pair"])
        tp, fp = int((pairs["verdict"] == "tp").sum()), int((pairs["verdict"] == "fp").sum())
        out.append({"rule": rule, "rows": len(g), "tp": tp, "fp": fp, "optional": int((pairs["verdict"] == "optional").sum()),
                    "precision": round(tp / (tp + fp), 3) if tp + fp else None, "coverage": round(tp / n_gold, 3)})
    table = pd.DataFrame(out, columns=["rule", "rows", "tp", "fp", "optional", "precision", "coverage"])
    return table.sort_values(["precision", "fp", "rule"], ascending=[True, False, True], na_position="last").reset_index(drop=True)


def calibration_table(judged: pd.DataFrame) -> pd.DataFrame:
    """Smoothed precision per language-free rule key (see :func:`rule_key`), for :func:`calibrated`."""
    if judged.empty:
        return pd.DataFrame(columns=["key", "n", "tp", "fp", "prior", "confidence"])
    judged = judged[(judged["verdict"] != "optional") & (judged["rule"] != MODEL_RULE)].copy()
    judged["key"] = [rule_key(r, float(p)) for r, p in zip(judged["rule"], judged["prior"])]
    out = []
    for key, g in judged.groupby("key"):
        tp, n = int((g["verdict"] == "tp").sum()), len(g)
        prior = float(key.rsplit("@", 1)[1])
        out.append({"key": key, "n": n, "tp": tp, "fp": n - tp, "prior": prior,
                    "confidence": round((tp + PRIOR_WEIGHT * prior) / (n + PRIOR_WEIGHT), 3)})
    return pd.DataFrame(out).sort_values("key").reset_index(drop=True)


@functools.cache
def _loaded(path: str) -> dict[str, float]:
    p = Path(path)
    if not p.exists():
        return {}
    table = pd.read_csv(p, dtype={"key": str}, keep_default_na=False)
    return dict(zip(table["key"], table["confidence"].astype(float)))


RELIABILITY_BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def confidence_bins(confidences: pd.Series, bins: tuple[float, ...] = RELIABILITY_BINS) -> pd.Series:
    """How many of ``confidences`` fall in each bin of the reliability table (labels as in :func:`reliability`)."""
    binned = pd.cut(confidences.astype(float), bins=list(bins), right=False)
    counts = binned.value_counts(sort=False)
    return pd.Series(counts.values, index=[str(i) for i in counts.index])


def calibrated(rule: str, prior: float, path: Path = CALIBRATION_FILE) -> float:
    """The calibrated confidence of a relation from ``rule`` with hand-set ``prior``; the prior itself for a
    rule the calibration has not seen."""
    return _loaded(str(path)).get(rule_key(rule, prior), prior)


def reliability(judged: pd.DataFrame, bins: tuple[float, ...] = RELIABILITY_BINS) -> pd.DataFrame:
    """Reliability table: relations binned by confidence, with the share of them that are right (tp among tp+fp)."""
    scored = judged[judged["verdict"] != "optional"].copy()
    scored["confidence"] = [calibrated(r, float(p)) for r, p in zip(scored["rule"], scored["prior"])]
    scored["bin"] = pd.cut(scored["confidence"], bins=list(bins), right=False)
    out = scored.groupby("bin", observed=True).agg(relations=("verdict", "size"),
                                                    right=("verdict", lambda v: round(float((v == "tp").mean()), 3)),
                                                    mean_confidence=("confidence", lambda c: round(float(c.mean()), 3)))
    return out.reset_index().assign(bin=lambda f: f["bin"].astype(str))


def load_gold(gold_file: Path, aliases_file: Path) -> tuple[dict, dict]:
    """Gold facts and alias table (JSON files in the scorer's form)."""
    gold = json.loads(Path(gold_file).read_text(encoding="utf-8"))
    aliases = {k: v for k, v in json.loads(Path(aliases_file).read_text(encoding="utf-8")).items() if not k.startswith("_")}
    return gold, aliases


__all__ = ["CALIBRATION_FILE", "RELIABILITY_FILE", "calibrated", "calibration_table", "confidence_bins", "judged_relations", "load_gold", "reliability",
           "rule_key", "rule_table"]
