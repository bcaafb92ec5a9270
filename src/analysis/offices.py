"""Dates bounded by terms of office: an undated event whose sentences name the heads who signed it.

A page that says 'signed in Geneva this week by UNFPA Executive Director Thoraya Ahmed Obaid and
IOM Director-General Brunson McKinley' gives no year, but a historian can bound it: both held office
from January 2001 to September 2008. ``office_holders.csv`` of the package's knowledge base
(``resources/reference/``, documented in its ``SOURCES.md``; a project's ``data/reference/office_holders.csv``
adds terms) lists the heads of the organizations of the knowledge base with the start and end of each term
and a public source::

    holder_id, name, aliases, organization, office, start, end, source, note

``start``/``end`` are ISO dates at the precision the sources give (``2001``, ``2001-01``,
``2001-01-01``); an empty ``end`` means in office at the latest source. A person with several offices
(António Guterres: UNHCR, then UN Secretary-General) has one row per term under one ``holder_id``.

:func:`bound_event` reads the sentences of an undated event, finds the holders they name (aliases
matched like the knowledge base's names), keeps for each person the terms of the organization
related to the event's participants in the knowledge base's hierarchy (a holder of an organization
unrelated to the participants is not used), preferring those the sentences name, and intersects the terms of every named person. The
result is a range (precision ``range``) with its reason, never a day; a date stated in the text
always wins (the caller bounds undated events only).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .dates import parse_iso
from .kb import AliasMatcher, KnowledgeBase, _read_csv, reference_files, split_aliases

FILE = "office_holders.csv"
COLUMNS = ["holder_id", "name", "aliases", "organization", "office", "start", "end", "source", "note"]
_ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True)
class Term:
    """One term of office: ``name`` headed ``organization`` as ``office`` from ``start`` to ``end``."""

    holder_id: str
    name: str
    organization: str
    office: str
    start: str
    end: str  # '' = in office at the latest source
    source: str


@dataclass
class Offices:
    """The terms of office by holder and a matcher of the holders' names."""

    terms: dict[str, list[Term]] = field(default_factory=dict)
    matcher: AliasMatcher = field(default_factory=AliasMatcher)

    def named_in(self, texts: Iterable[str]) -> list[str]:
        """Holder ids named in ``texts``, in order of first appearance."""
        out: list[str] = []
        for text in texts:
            for m in self.matcher.find(text):
                if m.key not in out:
                    out.append(m.key)
        return out


def first_day(value: str) -> str:
    """The earliest day an ISO value of any precision can mean ('2001' → '2001-01-01')."""
    return value + "-01-01"[len(value) - 4:] if len(value) < 10 else value


def last_day(value: str) -> str:
    """The latest day an ISO value of any precision can mean ('2008-09' → '2008-09-30'); '' stays open."""
    if not value or len(value) == 10:
        return value
    if len(value) == 4:
        return value + "-12-31"
    year, month = int(value[:4]), int(value[5:7])
    return f"{value}-{calendar.monthrange(year, month)[1]:02d}"


def load_offices(reference_dir: Path | None, known: set[str] | None = None) -> Offices | None:
    """Read the package's ``office_holders.csv`` and the terms a project's ``reference_dir`` adds in its own
    (None when there is no such table at all: the table is optional).

    Every row is checked: dates in ISO form and in order, the organization one of ``known`` (the
    knowledge base's ids) when given; a wrong row is an error naming the file, the holder and the problem.
    """
    def iso(value: str) -> bool:
        return bool(_ISO.fullmatch(value)) and parse_iso(value) is not None

    paths = [p for p in reference_files(reference_dir) if p.name == FILE]
    if not paths:
        return None
    offices = Offices()
    for path, row in ((path, row) for path in paths for row in _read_csv(path, COLUMNS)):
        hid, start, end, org = row["holder_id"].strip(), row["start"].strip(), row["end"].strip(), row["organization"].strip()
        problem = ("no holder_id" if not hid else
                   f"start '{start}' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)" if not iso(start) else
                   f"end '{end}' is not an ISO date" if end and not iso(end) else
                   f"end {end} is before start {start}" if end and last_day(end) < first_day(start) else
                   f"unknown organization '{org}'" if known is not None and org not in known else
                   "no source" if not row["source"].strip() else "")
        if problem:
            raise ValueError(f"{path}: {hid or '(row)'}: {problem}")
        term = Term(hid, row["name"].strip(), org, row["office"].strip(), start, end, row["source"].strip())
        offices.terms.setdefault(hid, []).append(term)
        for alias in sorted({term.name, *split_aliases(row["aliases"])}):  # sorted: independent of the hash seed
            offices.matcher.add(alias, hid)
    return offices


def _related(org: str, participants: Iterable[str], parents: dict[str, str]) -> bool:
    """``org`` is a participant, or above or below one in the knowledge base's hierarchy (parent links)."""
    def chain(e: str) -> list[str]:
        out = [e]
        while parents.get(out[-1]) and parents[out[-1]] not in out:
            out.append(parents[out[-1]])
        return out
    up = chain(org)
    return any(p in up or org in chain(p) for p in participants)


def _span(term: Term) -> str:
    return f"{term.start}–{term.end}" if term.end else f"since {term.start}"


def bound_event(sentences: Iterable[str], participants: Iterable[str], offices: Offices,
                kb: KnowledgeBase) -> dict[str, str] | None:
    """The range an undated event lies in, from the terms of the office holders its sentences name.

    A named person's terms count when their organization is a participant, above or below one in the
    knowledge base's hierarchy; of those, the terms of an organization the sentences also name
    ('UNFPA Executive Director Thoraya Ahmed Obaid') when there are any, else all of them (a person
    with two related offices bounds the event by both). The terms of every named person are intersected.

    Returns ``date_start``, ``date_end`` ('' when a named holder is still in office) and ``date_reason``
    ('2001-01-01/2008-09: names Thoraya Ahmed Obaid, UNFPA Executive Director 2001-01-01–2010-12-31,
    and Brunson McKinley, IOM Director General 1998-10–2008-09'), or None when no holder related to a
    participant is named or the named terms never overlap.
    """
    sentences, participants = list(sentences), list(participants)
    parents = {e: ent.parent for e, ent in kb.entities.items()}
    named_orgs = {m.key for s in sentences for m in kb.matcher.find(s)}
    start, end, parts = "", "", []
    for hid in offices.named_in(sentences):
        related = [t for t in offices.terms[hid] if _related(t.organization, participants, parents)]
        terms = [t for t in related if t.organization in named_orgs] or related
        if not terms:
            continue
        lo = min(terms, key=lambda t: first_day(t.start)).start
        hi = "" if any(not t.end for t in terms) else max(terms, key=lambda t: last_day(t.end)).end
        if not start or first_day(lo) > first_day(start):
            start = lo
        if hi and (not end or last_day(hi) < last_day(end)):
            end = hi
        held = " and ".join(f"{_label(kb, t.organization)} {t.office} {_span(t)}" for t in terms)
        parts.append(f"{terms[0].name}, {held}")
    if not parts or (end and last_day(end) < first_day(start)):
        return None
    span = f"{start}/{end}" if end else f"from {start}"
    listed = ", and ".join(parts) if len(parts) < 3 else ", ".join(parts[:-1]) + ", and " + parts[-1]
    return {"date_start": start, "date_end": end, "date_reason": f"{span}: names {listed}"}


def _label(kb: KnowledgeBase, eid: str) -> str:
    ent = kb.entities.get(eid)
    return (ent.acronym or ent.name) if ent else eid


__all__ = ["Offices", "Term", "bound_event", "first_day", "last_day", "load_offices"]
