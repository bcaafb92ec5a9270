"""The review queue: the relations most worth a human look, and the decisions taken on them.

Each extraction writes ``data/annotations/review.csv`` (parameter ``review_file``): the relations with
the lowest confidence, from the rules least measured on real pages, or naming an actor the knowledge
base does not have, each with its evidence sentence and why it is listed, and two columns for the
reader: ``decision`` (``accept``, ``reject`` or ``fix``) and ``note``. For ``fix`` the reader edits
``source``, ``target``, ``relation`` or ``date`` in the row.

Decisions are never lost: a rerun keeps every decided row as it is (relation ids are stable hashes)
and lists new candidates after it. They are applied on every run through the corrections mechanism
(:mod:`analysis.corrections`): ``reject`` removes the relation, ``accept`` confirms it (confidence
1.0), ``fix`` removes it and adds the corrected relation; ``corrections_applied.csv`` and the report
show each, and :func:`summary` counts them ('78 relations, 3 reviewed: 2 accepted, 1 rejected').
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

from .calibration import CALIBRATION_FILE, rule_key
from .relations import RELATIONS
from .tables import atomic_write_text, defuse_cell

COLUMNS = ["relation_id", "doc_id", "source", "target", "relation", "date", "confidence", "rule", "reasons", "evidence",
           "decision", "note"]
DECISIONS = ("accept", "reject", "fix")
LOW_CONFIDENCE = 0.7  # below this calibrated precision a relation is listed
FEW_MEASURED = 5  # a rule measured on fewer real relations than this is 'weak'
DEFAULT_SIZE = 40  # undecided relations listed per run


def read_queue(path: Path | None) -> list[dict[str, str]]:
    """The rows of a review file (none when it does not exist). A decision other than accept, reject, fix or
    empty, or a row without its relation id, is an error naming the file and the row."""
    if path is None or not Path(path).exists():
        return []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in ("relation_id", "decision") if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: lacks column(s) {', '.join(missing)}")
        rows = [{c: (row.get(c) or "").strip() for c in COLUMNS} for row in reader]
    for i, row in enumerate(rows, start=2):
        row["decision"] = row["decision"].lower()
        if row["decision"] and row["decision"] not in DECISIONS:
            raise ValueError(f"{path}: line {i} ({row['relation_id'] or 'no relation id'}): decision "
                             f"'{row['decision']}' is not one of {', '.join(DECISIONS)} (or empty)")
        if row["decision"] and not row["relation_id"]:
            raise ValueError(f"{path}: line {i}: a decision needs the row's relation_id")
        if row["decision"] == "fix":
            empty = [c for c in ("doc_id", "source", "target", "relation") if not row[c]]
            if empty:
                raise ValueError(f"{path}: line {i} ({row['relation_id']}): 'fix' needs {', '.join(empty)}")
            if row["relation"] not in RELATIONS:
                raise ValueError(f"{path}: line {i} ({row['relation_id']}): 'fix' relation '{row['relation']}' is not one of "
                                 f"{', '.join(sorted(RELATIONS))}")
    return rows


def decided(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows with a decision, in file order."""
    return [r for r in rows if r["decision"]]


def as_corrections(rows: list[dict[str, str]]) -> dict[str, list[dict]]:
    """The decisions as corrections (see :mod:`analysis.corrections`): reject and fix remove the relation by
    id, accept confirms it, fix adds the row's corrected relation."""
    out: dict[str, list[dict]] = {"reject_relations": [], "accept_relations": [], "add_relations": []}
    for r in decided(rows):
        if r["decision"] == "accept":
            out["accept_relations"].append({"relation_id": r["relation_id"]})
            continue
        out["reject_relations"].append({"relation_id": r["relation_id"]})
        if r["decision"] == "fix":
            fixed = {k: r[k] for k in ("doc_id", "source", "target", "relation", "date", "evidence") if r[k]}
            directed = RELATIONS[r["relation"]][0]
            if not directed:  # an undirected relation is stored with its ends sorted, as the extraction does
                fixed["source"], fixed["target"] = sorted((r["source"], r["target"]))
            out["add_relations"].append({**fixed, "directed": str(directed), "relation_id": "RF" + r["relation_id"][1:]})
    return out


def merge(corrections: dict[str, list[dict]], more: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Corrections from the corrections file followed by those of the review decisions."""
    return {k: list(corrections.get(k, [])) + list(more.get(k, [])) for k in sorted(set(corrections) | set(more))}


def decisions_digest(path: Path | None) -> str:
    """Hash of the decisions of a review file (what the extraction reads from it; the listed candidates are
    its output): unchanged decisions leave the stage's fingerprint unchanged."""
    rows = decided(read_queue(path))
    return hashlib.sha256(repr([[r[c] for c in COLUMNS] for r in rows]).encode("utf-8")).hexdigest()


def _measured() -> dict[str, int]:
    with open(CALIBRATION_FILE, encoding="utf-8", newline="") as fh:
        return {row["key"]: int(row["n"]) for row in csv.DictReader(fh)}


def reasons(relation: dict, discovered: dict[str, str], measured: dict[str, int]) -> list[str]:
    """Why a relation row is worth a human look: low confidence, a rule seldom or never measured on real pages,
    an actor the knowledge base does not have (``discovered``: entity id → name of the text-found entities)."""
    out = []
    confidence = float(relation["confidence"])
    if confidence < LOW_CONFIDENCE:
        out.append(f"low confidence {confidence:.2f}")
    if relation["rule"] != "correction":
        n = measured.get(rule_key(relation["rule"], float(relation["prior"] or confidence)), 0)
        if n < FEW_MEASURED:
            out.append(f"rule measured on {n} real relation{'s' * (n != 1)}" if n else "rule never measured on real pages")
    out += [f"new actor {discovered[e]}" for e in (relation["source"], relation["target"]) if e in discovered]
    return out


def build_queue(relations: list[dict], entities: list[dict], previous: list[dict[str, str]],
                size: int = DEFAULT_SIZE) -> list[dict[str, str]]:
    """The new review file's rows: every decided row of ``previous`` unchanged, then the ``size`` undecided
    relations with the most reasons (lowest confidence first, then by id)."""
    kept = decided(previous)
    done = {r["relation_id"] for r in kept}
    discovered = {e["entity_id"]: e["name"] for e in entities if e.get("source") == "discovered"}
    measured = _measured()
    candidates = []
    for r in relations:
        why = reasons(r, discovered, measured) if r["relation_id"] not in done and r.get("rule") != "correction" else []
        if why:
            candidates.append((-len(why), float(r["confidence"]), r["relation_id"], r, why))
    candidates.sort(key=lambda c: c[:3])
    fresh = [{**{c: str(r.get(c, "")) for c in COLUMNS}, "confidence": f"{float(r['confidence']):.3f}",
              "reasons": "; ".join(why), "decision": "", "note": ""} for *_, r, why in candidates[:max(size, 0)]]
    return kept + fresh


def write_queue(path: Path, rows: list[dict[str, str]]) -> None:
    """Write the review file atomically (UTF-8 CSV, the columns of :data:`COLUMNS`)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    # a spreadsheet must not run a sentence as a formula ('- The first …', '=…'): see analysis.tables.defuse_cell
    writer.writerows({k: defuse_cell(v) if k in ("evidence", "reasons", "note") else v for k, v in r.items()} for r in rows)
    atomic_write_text(Path(path), buf.getvalue())


def summary(n_relations: int, rows: list[dict[str, str]]) -> str:
    """'78 relations, 3 reviewed: 2 accepted, 1 rejected' (fixed ones counted as such)."""
    done = decided(rows)
    counts = [(d, sum(r["decision"] == d for r in done)) for d in DECISIONS]
    words = {"accept": "accepted", "reject": "rejected", "fix": "fixed"}
    detail = ", ".join(f"{n} {words[d]}" for d, n in counts if n)
    return f"{n_relations} relations, {len(done)} reviewed" + (f": {detail}" if detail else "")


__all__ = ["COLUMNS", "DECISIONS", "as_corrections", "build_queue", "decided", "decisions_digest", "merge",
           "read_queue", "reasons", "summary", "write_queue"]
