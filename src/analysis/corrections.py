"""Researcher corrections, applied on every run and reported.

``data/annotations/corrections.yaml`` holds lists under five keys (all optional)::

    reject_relations:          # drop relations by id, or by (doc_id, source, target[, relation])
      - relation_id: R1a2b3c4d5e
      - {doc_id: 002_x, source: EU, target: IOM}
    accept_relations:          # a reader checked these: confidence 1.0 (the review queue's 'accept')
      - relation_id: R1a2b3c4d5e
    add_relations:             # add a relation a reader has checked
      - {doc_id: 002_x, source: EU, target: IOM, relation: partnership, evidence: "...", date: "2019"}
    merge_entities:            # fold one entity into another (ids)
      - {from: GOV_IRN, into: C_IRN}
    rename_entities:           # change the display name (and kind) of an entity
      - {entity_id: UNNM, name: United Nations Network on Migration, kind: mechanism}
    reject_entities:           # drop an entity and every mention and relation of it
      - {entity_id: X}

The review queue's decisions (:mod:`analysis.review`) arrive as the same kinds of corrections.
Ids are stable across runs (entity ids come from the knowledge base or the text; relation
ids hash document, sentence, source, target and relation), so corrections survive reruns.
A correction that matches nothing is reported as such, never silently ignored.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import yaml

KEYS = ("reject_relations", "accept_relations", "add_relations", "merge_entities", "rename_entities", "reject_entities")


def load_corrections(path: Path | None) -> dict[str, list[dict[str, Any]]]:
    """Read a corrections file; a missing file means no corrections. Unknown keys are an error."""
    if path is None or not Path(path).exists():
        return {k: [] for k in KEYS}
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping with keys {', '.join(KEYS)}")
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise ValueError(f"{path}: unknown key(s) {', '.join(unknown)}; expected {', '.join(KEYS)}")
    out: dict[str, list[dict[str, Any]]] = {}
    for k in KEYS:
        items = data.get(k) or []
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise ValueError(f"{path}: '{k}' must be a list of mappings")
        out[k] = items
    return out


def apply_corrections(tables: dict[str, list[dict]], corr: dict[str, list[dict]]) -> list[dict]:
    """Apply corrections in place to row lists ``entities``, ``mentions``, ``relations``; return the report rows."""
    report: list[dict] = []
    ents = {e["entity_id"]: e for e in tables["entities"]}

    for item in corr.get("merge_entities", []):
        src, dst = str(item.get("from", "")), str(item.get("into", ""))
        if src not in ents or dst not in ents:
            report.append({"action": "merge_entities", "detail": f"{src} -> {dst}", "effect": "no such entity"})
            continue
        n = 0
        for table, cols in (("mentions", ("entity_id",)), ("relations", ("source", "target"))):
            for row in tables[table]:
                for c in cols:
                    if row[c] == src:
                        row[c] = dst
                        n += 1
        aliases = set(filter(None, ents[dst]["aliases"].split("|"))) | set(filter(None, ents[src]["aliases"].split("|")))
        ents[dst]["aliases"] = "|".join(sorted(aliases))
        del ents[src]
        tables["relations"][:] = [r for r in tables["relations"] if r["source"] != r["target"]]
        report.append({"action": "merge_entities", "detail": f"{src} -> {dst}", "effect": f"{n} references moved"})

    for item in corr.get("rename_entities", []):
        eid = str(item.get("entity_id", ""))
        if eid not in ents:
            report.append({"action": "rename_entities", "detail": eid, "effect": "no such entity"})
            continue
        for field in ("name", "kind", "acronym", "parent"):
            if field in item:
                ents[eid][field] = str(item[field])
        report.append({"action": "rename_entities", "detail": eid, "effect": f"now '{ents[eid]['name']}' ({ents[eid]['kind']})"})

    for item in corr.get("reject_entities", []):
        eid = str(item.get("entity_id", ""))
        if eid not in ents:
            report.append({"action": "reject_entities", "detail": eid, "effect": "no such entity"})
            continue
        del ents[eid]
        nm = len(tables["mentions"])
        tables["mentions"][:] = [m for m in tables["mentions"] if m["entity_id"] != eid]
        nr = len(tables["relations"])
        tables["relations"][:] = [r for r in tables["relations"] if eid not in (r["source"], r["target"])]
        report.append({"action": "reject_entities", "detail": eid,
                       "effect": f"{nm - len(tables['mentions'])} mentions, {nr - len(tables['relations'])} relations removed"})

    for item in corr.get("reject_relations", []):
        before = len(tables["relations"])
        tables["relations"][:] = [r for r in tables["relations"] if not _matches(r, item)]
        removed = before - len(tables["relations"])
        report.append({"action": "reject_relations", "detail": _describe(item),
                       "effect": f"{removed} relation(s) removed" if removed else "matched nothing"})

    for item in corr.get("accept_relations", []):
        rid = str(item.get("relation_id", ""))
        hits = [r for r in tables["relations"] if r["relation_id"] == rid]
        for r in hits:
            r["confidence"] = 1.0
        report.append({"action": "accept_relations", "detail": f"relation_id={rid}",
                       "effect": "confirmed (confidence 1.0)" if hits else "matched nothing"})

    for item in corr.get("add_relations", []):
        missing = [k for k in ("doc_id", "source", "target", "relation") if not item.get(k)]
        if missing:
            report.append({"action": "add_relations", "detail": _describe(item), "effect": f"missing {', '.join(missing)}"})
            continue
        unknown = [e for e in (item["source"], item["target"]) if e not in ents]
        if unknown:
            report.append({"action": "add_relations", "detail": _describe(item), "effect": f"unknown entity {', '.join(unknown)}"})
            continue
        row = {k: "" for k in tables["relations"][0]} if tables["relations"] else {}
        row.update({k: str(v) for k, v in item.items()})
        row.setdefault("evidence", "")
        row["relation_id"] = item.get("relation_id") or "RC" + hashlib.sha1(_describe(item).encode("utf-8")).hexdigest()[:10]
        row["rule"] = "correction"
        row["confidence"] = float(item.get("confidence", 1.0))
        row.setdefault("directed", "")
        if row.get("sentence_id") in ("", None):  # the row template has every column: a number the tables can read
            row["sentence_id"] = -1
        tables["relations"].append(row)
        report.append({"action": "add_relations", "detail": _describe(item), "effect": "added"})

    tables["entities"][:] = sorted(ents.values(), key=lambda e: e["entity_id"])
    return report


def _matches(row: dict, item: dict) -> bool:
    if "relation_id" in item:
        return row["relation_id"] == str(item["relation_id"])
    keys = [k for k in ("doc_id", "source", "target", "relation") if k in item]
    if not keys:
        return False
    if all(row[k] == str(item[k]) for k in keys):
        return True
    # symmetric relations may be stored in either order
    swapped = dict(item)
    if "source" in item and "target" in item:
        swapped["source"], swapped["target"] = item["target"], item["source"]
        return row.get("directed") in ("False", False, "false") and all(row[k] == str(swapped[k]) for k in keys)
    return False


def _describe(item: dict) -> str:
    return ", ".join(f"{k}={item[k]}" for k in sorted(item) if k != "evidence")
