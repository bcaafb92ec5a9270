"""Stage 2c: events — one row per real-world event, merged across sentences, documents and languages.

Every relation whose type names an action (signing, hosting, joining, establishing, funding)
and that has a date, a place or a signing verb is an *event mention*. Mentions are merged
when they have the same type and the same participants (or one names a subset of the
other's), or give the same day and share a state and a body (two pages naming a signing's
parties differently: Sudan on one, its minister on the other; a page's sentences telling one
event need only share someone), and nothing conflicts: known dates
must agree (at the coarser precision) and known places must be the same place. Mentions
from different documents must also agree positively on a date or a place, so two undated,
placeless reports are never merged by default. Dated mentions seed the events; undated ones
join the one event they fit (the English and French reports of one signing become one event).
"""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass, field

from .kb import MISSION_PREFIXES


@dataclass
class EventMention:
    """A relation read as an event, with what the sentence says of when and where."""

    doc_id: str
    sentence_id: int
    event_type: str
    participants: frozenset[str]
    date: str
    precision: str
    place: str
    relation_id: str
    evidence: str
    trigger_start: int = 0


@dataclass
class Event:
    """A merged real-world event."""

    event_type: str
    participants: frozenset[str]
    date: str = ""
    precision: str = ""
    place: str = ""
    mentions: list[EventMention] = field(default_factory=list)

    @property
    def event_id(self) -> str:
        """Stable id from the first mention (document, sentence, cue) and what it is, when (one sentence may tell
        two acts of the same parties: 'signed in 2004 and renewed in 2010')."""
        first = min(self.mentions, key=lambda m: (m.doc_id, m.sentence_id, m.trigger_start))
        key = "|".join([self.event_type, ",".join(sorted(self.participants)), first.doc_id, str(first.sentence_id),
                        self.date, str(first.trigger_start)])
        return "E" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]

    def row(self) -> dict:
        """The ``events`` table row."""
        return {
            "event_id": self.event_id, "date": self.date, "date_precision": self.precision,
            "event_type": self.event_type, "participants": "|".join(sorted(self.participants)), "place": self.place,
            "doc_ids": "|".join(sorted({m.doc_id for m in self.mentions})),
            "relation_ids": "|".join(sorted({m.relation_id for m in self.mentions})),
            "evidence": min(self.mentions, key=lambda m: (m.date == "", m.doc_id, m.sentence_id)).evidence,
        }


_RANK = {"day": 3, "range": 3, "month": 2, "year": 1, "": 0}


def dates_agree(a: str, b: str) -> bool:
    """Two ISO values are compatible: equal at the coarser precision (ranges by their first day)."""
    a, b = a.split("/")[0], b.split("/")[0]
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _fits(ev: Event, m: EventMention, ev_docs: set[str]) -> int:
    """-1 if the mention cannot be this event, else the number of positive agreements (date, place).

    ``ev_docs`` are the documents of the event's mentions."""
    if ev.event_type != m.event_type:
        return -1
    if not (ev.participants <= m.participants or m.participants <= ev.participants):
        # one page telling one event over several sentences ('The meeting, held on 13 October, was attended by A,
        # B and C … The Co-Chairs, D and E, …'): same page, same day, someone in common
        # two pages' reports of one signing that name its parties differently (one a country, the other its
        # minister): the same day, and a state and a body in common (see _state_and_body)
        same_day = ev.date and m.date and ev.date.split("/")[0] == m.date.split("/")[0] \
            and _RANK[ev.precision] >= 3 and _RANK[m.precision] >= 3
        common = ev.participants & m.participants
        if not (same_day and (_state_and_body(common) if m.doc_id not in ev_docs else common)):
            return -1  # same participants, or one report names fewer of them
    score = 0
    if ev.date and m.date:
        if not dates_agree(ev.date, m.date):
            return -1
        score += 1
    if ev.place and m.place:
        if ev.place != m.place:
            return -1
        score += 1
    if m.doc_id not in ev_docs and score == 0:
        return -1
    if score == 0 and not m.participants <= ev.participants:
        return -1  # nothing agrees and the mention names someone the event does not: another event
    return score


_STATES = ("GOV_", "C_")
_NATIONAL = ("GOV_", "C_", "MIN_", *MISSION_PREFIXES)  # a state, or one of its discovered national bodies


def _state_and_body(common: frozenset[str]) -> bool:
    """Whether the parties two pages' reports have in common are a state and a body that is none of a state's
    (Sudan and UNHCR): two bodies alone (IOM and UNHCR meet every day) or a ministry and its state do not make
    one event of two pages."""
    return any(p.startswith(_STATES) for p in common) and any(not p.startswith(_NATIONAL) for p in common)


class _Index:
    """Events by (type, participant) and by (type, exact participant set), to find in a large corpus the
    events a mention may join (same participants, a subset or a superset) without scanning them all."""

    MAX_SUBSETS_OF = 12  # participants; beyond, subsets are found by scanning the events sharing one

    def __init__(self) -> None:
        self.by_participant: dict[tuple[str, str], set[int]] = {}
        self.by_set: dict[tuple[str, frozenset[str]], set[int]] = {}
        self.by_doc: dict[tuple[str, str], set[int]] = {}  # (type, document) -> events it reports
        self.by_day: dict[tuple[str, str], set[int]] = {}  # (type, day) -> events of that day (day precision)

    def add_day(self, i: int, event_type: str, date: str, precision: str) -> None:
        """Record event ``i``'s date when it is a day (or a range: its first day)."""
        if _RANK[precision] >= 3:
            self.by_day.setdefault((event_type, date.split("/")[0]), set()).add(i)

    def add_doc(self, i: int, event_type: str, doc_id: str) -> None:
        """Record that document ``doc_id`` reports event ``i``."""
        self.by_doc.setdefault((event_type, doc_id), set()).add(i)

    def add(self, i: int, event_type: str, old: frozenset[str], new: frozenset[str]) -> None:
        """Record that event ``i`` now has participants ``new`` (``old`` before; empty when new)."""
        for p in new - old:
            self.by_participant.setdefault((event_type, p), set()).add(i)
        if old != new:
            self.by_set.get((event_type, old), set()).discard(i)
            self.by_set.setdefault((event_type, new), set()).add(i)

    def candidates(self, m: EventMention, events: list[Event], docs: list[set[str]]) -> list[int]:
        """Events whose participants contain the mention's or are contained in them, in creation order."""
        if not m.participants:
            return []
        sets = [self.by_participant.get((m.event_type, p), set()) for p in m.participants]
        found = set.intersection(*sets)  # events naming every participant of the mention (supersets)
        if m.date:  # events sharing someone, for the same page's same-day reports (see _fits)
            found |= {i for i in self.by_doc.get((m.event_type, m.doc_id), ()) if events[i].participants & m.participants}
            if _RANK[m.precision] >= 3:  # the same day's events sharing a state and a body, for another page's
                found |= {i for i in self.by_day.get((m.event_type, m.date.split("/")[0]), ())
                          if _state_and_body(events[i].participants & m.participants)}
        parts = sorted(m.participants)
        if len(parts) <= self.MAX_SUBSETS_OF:
            for r in range(1, len(parts) + 1):
                for combo in itertools.combinations(parts, r):
                    found |= self.by_set.get((m.event_type, frozenset(combo)), set())
        else:
            found |= {i for ids in sets for i in ids if events[i].participants <= m.participants}
        return sorted(found)


def merge_events(mentions: list[EventMention]) -> list[Event]:
    """Merge event mentions into events (see the module docstring for the rule)."""
    ordered = sorted(mentions, key=lambda m: (m.date == "", -_RANK[m.precision], m.date, m.doc_id, m.sentence_id))
    events: list[Event] = []
    docs: list[set[str]] = []
    index = _Index()

    def join(i: int, m: EventMention, with_date: bool) -> None:
        ev = events[i]
        old = ev.participants
        ev.mentions.append(m)
        docs[i].add(m.doc_id)
        index.add_doc(i, ev.event_type, m.doc_id)
        ev.participants = ev.participants | m.participants
        if with_date and m.date and _RANK[m.precision] > _RANK[ev.precision]:
            ev.date, ev.precision = m.date, m.precision
            index.add_day(i, ev.event_type, ev.date, ev.precision)
        ev.place = ev.place or m.place
        index.add(i, ev.event_type, old, ev.participants)

    for m in ordered:
        scored = [(s, i) for i in index.candidates(m, events, docs) if (s := _fits(events[i], m, docs[i])) >= 0]
        if scored:
            best = max(s for s, _ in scored)
            top = [i for s, i in scored if s == best]
            if len(top) == 1 or m.date:
                join(top[0], m, with_date=True)
                continue
            same_doc = [i for i in top if m.doc_id in docs[i]]
            if same_doc:
                join(same_doc[0], m, with_date=False)
                continue
        events.append(Event(m.event_type, m.participants, m.date, m.precision, m.place, [m]))
        docs.append({m.doc_id})
        index.add(len(events) - 1, m.event_type, frozenset(), m.participants)
        index.add_day(len(events) - 1, m.event_type, m.date, m.precision)
        index.add_doc(len(events) - 1, m.event_type, m.doc_id)
    return events
