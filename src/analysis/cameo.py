"""CAMEO event codes for the relation vocabulary and the event types, read from ``resources/cameo.csv``.

CAMEO (Conflict and Mediation Event Observations; Schrodt 2012, *CAMEO Event and Actor Codebook*,
version 1.1b3) is the event typology of GDELT, ICEWS and the POLECAT/PLOVER conversions; a code on
each relation and event lets the tables be joined with those data sets. The mapping is data: one row
per relation (``vocabulary`` relation) and per event type (``vocabulary`` event) with the code, its
codebook label and why; an empty code means CAMEO has no category for it (founding a body, one body
replacing another). Codes are strings ('057': the leading zero is part of the code).
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path
from typing import Iterable

PATH = Path(__file__).resolve().parent / "resources" / "cameo.csv"


@functools.lru_cache(maxsize=1)
def mapping() -> dict[tuple[str, str], tuple[str, str]]:
    """(vocabulary, term) → (code, label), checked: every code three or four digits, or empty."""
    out: dict[tuple[str, str], tuple[str, str]] = {}
    with open(PATH, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row["cameo"].strip()
            if code and not (code.isdigit() and len(code) in (3, 4)):
                raise ValueError(f"{PATH}: {row['vocabulary']} {row['term']}: '{code}' is not a CAMEO code")
            key = (row["vocabulary"].strip(), row["term"].strip())
            if key in out:
                raise ValueError(f"{PATH}: {key[0]} {key[1]} is listed twice")
            out[key] = (code, row["cameo_label"].strip())
    return out


def relation_code(relation: str) -> str:
    """The CAMEO code of a relation type ('' when CAMEO has none or the type is unknown)."""
    return mapping().get(("relation", relation), ("", ""))[0]


def event_code(event_type: str, relations: Iterable[str] = ()) -> str:
    """The CAMEO code of an event: the one code ``relations`` (the types of the relations that make this type
    of event) share when they agree on one (a hosted delegation is 043, Host a visit), else its event type's."""
    codes = {relation_code(r) for r in relations} - {""}
    return codes.pop() if len(codes) == 1 else mapping().get(("event", event_type), ("", ""))[0]


def label(code: str) -> str:
    """The codebook label of a code used in the mapping ('' otherwise)."""
    return next((lab for c, lab in mapping().values() if c == code and code), "")


__all__ = ["event_code", "label", "mapping", "relation_code"]
