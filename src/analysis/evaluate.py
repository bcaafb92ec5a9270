"""Extraction accuracy against hand-made gold facts (the project's copy under ``data/annotations/``).

Computes exactly the figures of the shared scorer (``score.py``): actor precision/recall/F1
over the actor kinds, unordered cooperating-pair precision/recall/F1, event recall
(participants included and date prefix equal), trap hits (boilerplate names extracted) and
corpus events merged across documents. Entities are matched to gold keys through their
name, acronym and aliases, accent-, case- and punctuation-insensitively.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pandas as pd

from .kb import ACTOR_KINDS
from .tables import read_table


def norm(s: str) -> str:
    """Normalise a surface form for matching to gold aliases (as the shared scorer does)."""
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold().replace("’", "'")
    s = re.sub(r"^(the|l'|la|le|les)\s*", "", s.strip())
    s = re.sub(r"\((the)\)", "", s)
    s = re.sub(r"[^0-9a-z]+", " ", s)
    return " ".join(s.split())


def _split(v: str) -> list[str]:
    return [p.strip() for p in (v or "").split("|") if p.strip()]


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def gold_keys(entities: pd.DataFrame, aliases: dict[str, list[str]]) -> dict[str, str]:
    """Map each entity id to the gold key whose aliases it shares most ('?name' when none)."""
    table = {k: {norm(x) for x in v} for k, v in aliases.items() if not k.startswith("_")}
    out = {}
    for e in entities.to_dict("records"):
        forms = {norm(e.get("name", "")), norm(e.get("acronym", ""))} | {norm(x) for x in _split(e.get("aliases", ""))}
        forms.discard("")
        best, score = None, 0
        for k, al in table.items():
            n = len(forms & al)
            if n > score or (n == score and n and norm(e.get("name", "")) in al):
                best, score = k, n
        out[e["entity_id"]] = best if best else "?" + (e.get("name") or e["entity_id"])
    return out


def evaluate(processed_dir: Path, gold_file: Path, aliases_file: Path) -> tuple[dict, pd.DataFrame]:
    """Score the processed tables: (summary dict, one row per gold document with its errors)."""
    gold = json.loads(Path(gold_file).read_text(encoding="utf-8"))
    aliases = json.loads(Path(aliases_file).read_text(encoding="utf-8"))
    docs = read_table(processed_dir, "documents")
    ents = read_table(processed_dir, "entities")
    ments = read_table(processed_dir, "mentions")
    rels = read_table(processed_dir, "relations")
    evs = read_table(processed_dir, "events")
    doc_of = {Path(f).name: d for d, f in zip(docs["doc_id"], docs["file"])}
    kind = dict(zip(ents["entity_id"], ents["kind"].str.lower()))
    key = gold_keys(ents, aliases)

    def gk(eid: str) -> str:
        return key.get(eid, "?" + eid)

    T = dict(a_tp=0, a_fp=0, a_fn=0, p_tp=0, p_fp=0, p_fn=0, e_hit=0, e_all=0, traps=0)
    rows = []
    for g in gold["documents"]:
        did = doc_of.get(g["file"])
        if did is None:
            T["a_fn"] += len(g["actors"]); T["p_fn"] += len(g["pairs"]); T["e_all"] += len(g["events"])
            rows.append({"file": g["file"], "status": "missing from documents"})
            continue
        dm = ments[ments["doc_id"] == did]
        found_any = {gk(e) for e in dm["entity_id"]}
        found = {gk(e) for e in dm["entity_id"] if kind.get(e) in ACTOR_KINDS}
        req, opt = set(g["actors"]), set(g["optional"])
        a_tp, a_fn, a_fp = req & found, req - found, found - req - opt
        traps = set(g["traps"]) & found_any
        gp = {frozenset(p) for p in g["pairs"]}
        op = {frozenset(p) for p in g["optional_pairs"]}
        pp = set()
        for s, t in zip(rels.loc[rels["doc_id"] == did, "source"], rels.loc[rels["doc_id"] == did, "target"]):
            if kind.get(s) in ACTOR_KINDS and kind.get(t) in ACTOR_KINDS and gk(s) != gk(t):
                pp.add(frozenset((gk(s), gk(t))))
        p_tp, p_fn, p_fp = gp & pp, gp - pp, pp - gp - op
        devs = [(d, {gk(x) for x in _split(p)}) for d, p, ids in zip(evs["date"], evs["participants"], evs["doc_ids"])
                if did in _split(ids)]
        hit = 0
        for ge in g["events"]:
            want = set(ge["participants"])
            if any(want <= parts and (ge["date"] is None or date[: len(ge["date"])] == ge["date"]) for date, parts in devs):
                hit += 1
        for k, v in (("a_tp", a_tp), ("a_fp", a_fp), ("a_fn", a_fn), ("p_tp", p_tp), ("p_fp", p_fp), ("p_fn", p_fn)):
            T[k] += len(v)
        T["e_hit"] += hit; T["e_all"] += len(g["events"]); T["traps"] += len(traps)
        rows.append({"file": g["file"], "actors_tp": len(a_tp), "actors_fp": len(a_fp), "actors_fn": len(a_fn),
                     "pairs_tp": len(p_tp), "pairs_fp": len(p_fp), "pairs_fn": len(p_fn),
                     "events_hit": hit, "events_gold": len(g["events"]), "traps": len(traps),
                     "missed": "; ".join(sorted(a_fn) + [" ~ ".join(sorted(p)) for p in p_fn]),
                     "extra": "; ".join(sorted(a_fp) + [" ~ ".join(sorted(p)) for p in p_fp] + sorted(traps))})
    merged = []
    for ce in gold.get("corpus_events", []):
        dids = {doc_of.get(f) for f in ce["files"]}
        ok = None not in dids and any(
            set(ce["participants"]) <= {gk(x) for x in _split(p)} and dids <= set(_split(ids))
            for p, ids in zip(evs["participants"], evs["doc_ids"]))
        merged.append(ok)
    ap, ar, af = _f1(T["a_tp"], T["a_fp"], T["a_fn"])
    pp_, pr, pf = _f1(T["p_tp"], T["p_fp"], T["p_fn"])
    summary = dict(actor_p=round(ap, 3), actor_r=round(ar, 3), actor_f1=round(af, 3),
                   pair_p=round(pp_, 3), pair_r=round(pr, 3), pair_f1=round(pf, 3),
                   event_recall=round(T["e_hit"] / T["e_all"], 3) if T["e_all"] else 0.0,
                   trap_hits=T["traps"], merged_events=f"{sum(merged)}/{len(merged)}")
    return summary, pd.DataFrame(rows)


def summary_line(summary: dict) -> str:
    """The one-line summary, formatted as the shared scorer prints it."""
    return " ".join(f"{k}={v}" for k, v in summary.items())


def evaluate_if_covered(processed_dir: Path, gold_file: Path, aliases_file: Path) -> tuple[dict, pd.DataFrame] | None:
    """Evaluate when the gold file exists and names at least one processed file; else None."""
    if not Path(gold_file).is_file() or not Path(aliases_file).is_file():
        return None
    gold = json.loads(Path(gold_file).read_text(encoding="utf-8"))
    files = set(read_table(processed_dir, "documents")["file"])
    if not any(g["file"] in files for g in gold.get("documents", [])):
        return None
    return evaluate(processed_dir, gold_file, aliases_file)
