"""Stage 2c: events — one row per real-world event, merged across sentences, documents and languages.

Every relation whose type names an action (signing, hosting, joining, establishing, funding)
and that has a date, a place or a signing verb is an *event mention*. Mentions are merged
when they have the same type and the same participants (or one names a subset of the
other's) and nothing conflicts: known dates
must agree (at the coarser precision) and known places must be the same place. Mentions
from different documents must also agree positively on a date or a place, so two undated,
placeless reports are never merged by default. Dated mentions seed the events; undated ones
join the one event they fit (the English and French reports of one signing become one event).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


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
        """Stable id from the first mention (document and sentence) and what it is."""
        first = min(self.mentions, key=lambda m: (m.doc_id, m.sentence_id))
        key = "|".join([self.event_type, ",".join(sorted(self.participants)), first.doc_id, str(first.sentence_id)])
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


def _fits(ev: Event, m: EventMention) -> int:
    """-1 if the mention cannot be this event, else the number of positive agreements (date, place)."""
    if ev.event_type != m.event_type or not (ev.participants <= m.participants or m.participants <= ev.participants):
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
    same_doc = any(x.doc_id == m.doc_id for x in ev.mentions)
    if not same_doc and score == 0:
        return -1
    return score


def merge_events(mentions: list[EventMention]) -> list[Event]:
    """Merge event mentions into events (see the module docstring for the rule)."""
    ordered = sorted(mentions, key=lambda m: (m.date == "", -_RANK[m.precision], m.date, m.doc_id, m.sentence_id))
    events: list[Event] = []
    by_key: dict[tuple[str, str], list[int]] = {}  # (type, participant) -> events: candidates share one
    for m in ordered:
        candidates = sorted({i for p in m.participants for i in by_key.get((m.event_type, p), ())})
        scored = [(s, i) for i in candidates if (s := _fits(events[i], m)) >= 0]
        if scored:
            best = max(s for s, _ in scored)
            top = [i for s, i in scored if s == best]
            if len(top) == 1 or m.date:
                ev = events[top[0]]
                ev.mentions.append(m)
                ev.participants = ev.participants | m.participants
                if m.date and _RANK[m.precision] > _RANK[ev.precision]:
                    ev.date, ev.precision = m.date, m.precision
                ev.place = ev.place or m.place
                for p in m.participants:
                    if top[0] not in by_key.setdefault((m.event_type, p), []):
                        by_key[(m.event_type, p)].append(top[0])
                continue
            same_doc = [i for i in top if any(x.doc_id == m.doc_id for x in events[i].mentions)]
            if same_doc:
                events[same_doc[0]].mentions.append(m)
                events[same_doc[0]].participants = events[same_doc[0]].participants | m.participants
                events[same_doc[0]].place = events[same_doc[0]].place or m.place
                for p in m.participants:
                    if same_doc[0] not in by_key.setdefault((m.event_type, p), []):
                        by_key[(m.event_type, p)].append(same_doc[0])
                continue
        events.append(Event(m.event_type, m.participants, m.date, m.precision, m.place, [m]))
        for p in m.participants:
            by_key.setdefault((m.event_type, p), []).append(len(events) - 1)
    return events
