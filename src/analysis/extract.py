"""Stage 2: documents → entities, mentions, relations and events (the extraction stage).

Reads the ``documents`` table, applies the knowledge base and the text's own definitions
(:mod:`analysis.entities`), reads relations sentence by sentence (:mod:`analysis.relations`)
with dates (:mod:`analysis.dates`) and places, merges event mentions into events
(:mod:`analysis.events`) and applies the researcher's corrections
(:mod:`analysis.corrections`). Rows are plain dicts; :func:`analysis.tables.frame` orders them.
"""

from __future__ import annotations

import datetime as dt
import bisect
import hashlib
import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Callable, Iterable

from .cache import module_closure, sha256_text
from .calibration import calibrated
from .cameo import event_code, relation_code
from .corrections import apply_corrections
from .dates import DateMention, dates_in, iso_mention, nearest_year, parse_iso, scan_dates, written_years
from .entities import Discovery, Mention, discover, entity_for, find_mentions
from .events import EventMention, dates_agree, merge_events
from .ingest import failure_reason, find_dateline, parse_date
from .kb import ACTOR_KINDS, KnowledgeBase
from .fastre import Regrouped, first_letter_alternation, lower_same_length
from .lang import LANGUAGES, ORDER, alt, table, words
from .limits import LimitExceeded, check
from .language import paragraph_languages
from .offices import Offices, bound_event
from .pairs import infer_pairs
from .parallel import fewer_collections, process_map, shared
from .progress import per_item
from .relations import (EVENT_COMPANIONS, EVENT_TYPES, MAX_GROUP, RELATIONS, VENUE_BEFORE_ANY, Arg, Context, anaphors,
                        extract_from_sentence)
from .sentences import split_sentences



def _event_cue(langs: tuple[str, ...] | None = None) -> Regrouped:
    """'A workshop … was held on 14-17 November 2016': the words naming an event in ``langs`` (default: all), a group
    by event type (run on the lowercased sentence; searched through their first letters, see
    :class:`~analysis.fastre.Regrouped`)."""
    cues = table("event_cues", langs)
    typed = re.compile("|".join(rf"\b(?P<{etype}>" + "|".join(p.lower() for p in pats) + r")\b" for etype, pats in cues.items()))
    return Regrouped(typed, first_letter_alternation([p.lower() for pats in cues.values() for p in pats]) + r"\b")


#: language -> its event words (a Spanish 'oficina' is an office, a Portuguese one a workshop)
EVENT_CUES = {code: _event_cue((code,)) for code in ORDER}
EVENT_CUE = _event_cue()  # a text of no known language: every language's words
_NAME_BEFORE_COPULA = re.compile(r"[A-ZÀ-Ý][\w'’.-]*\)?\s*$")  # a name (or its acronym in parentheses) right before 'is a'
DEFINITION_BEFORE = {code: re.compile("|".join(f"(?:{p})" for p in LANGUAGES[code]["definition_before"]))
                     for code in ORDER if LANGUAGES[code]["definition_before"]}
SIGNING = tuple(words("signing_stems"))  # an agreement cue holding a word that starts with one is an event even undated
_SIGNING_WORD = re.compile(r"\b(?:" + "|".join(SIGNING) + ")")  # 'The signing took place …' names one again
_CLAUSE_END = re.compile(r"[.;:]")  # between a signing word and another cue: another clause
_AND_WORD = re.compile(r"\b" + alt("and") + r"\b")  # (lowercased) 'signed a letter, and the agreement …': another act
LAUNCH = re.compile(alt("launch_stems"), re.IGNORECASE)
#: language -> words right before a cue saying its act was just done ('have just signed', 'viennent de signer')
RECENT_PAST = {code: re.compile(r"\b" + alt("recent_past", (code,)) + r"\s*$", re.IGNORECASE) for code in ORDER}


#: the group of :data:`EVENT_ANAPHOR` naming an event of any type ('The event was attended by …')
ANY_EVENT = "any"
#: how many sentences before or after an event the relations giving it its participants' partners may be stated
STORY_WINDOW = 3


def _event_anaphor(code: str) -> re.Pattern[str]:
    """'The workshop', 'the three-day training', 'cet atelier', 'the memorandum': a determiner, at most one hyphenated or
    numbered modifier and an event word of language ``code``; the group names the event type, or is :data:`ANY_EVENT` for a
    noun of any event ('the event', 'cette activité') (run on lowercased text)."""
    det = first_letter_alternation(words("event_anaphor_determiners", (code,)), r"[\w-]") + r"(?:\s+|(?<=['’]))"
    mod = r"(?:[\w]*[-\d][\w-]*\s+)?"
    groups = [rf"(?P<{etype}>" + "|".join(p.lower() for p in pats) + ")" for etype, pats in table("event_cues", (code,)).items()]
    groups.append("(?P<agreement>" + "|".join(words("agreement_anaphor_nouns", (code,))) + ")")  # 'the memorandum'
    groups.append(rf"(?P<{ANY_EVENT}>" + "|".join(words("event_generic_nouns", (code,))) + ")")
    return re.compile(rf"{det}{mod}(?:" + "|".join(groups) + r")(?![\w-])")


#: language -> the pattern of a definite event noun that names again an event of the page
EVENT_ANAPHOR = {code: _event_anaphor(code) for code in ORDER}


@dataclass
class DocExtraction:
    """Everything extracted from one document, before corpus-level merging."""

    mentions: list[dict]
    relations: list[dict]
    event_mentions: list[EventMention]


def relation_id(doc_id: str, sentence_id: int, source: str, target: str, relation: str) -> str:
    """Stable relation id (survives reruns, so corrections can name it)."""
    key = f"{doc_id}|{sentence_id}|{source}|{target}|{relation}"
    return "R" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def _eligible(m: Mention, kb: KnowledgeBase, found: Discovery) -> bool:
    kind = entity_for(m.entity_id, kb, found).kind
    return kind in ACTOR_KINDS or (kind == "country" and m.role != "place")


def focal_actor(mentions: list[Mention], kb: KnowledgeBase, found: Discovery) -> str:
    """The actor a document names most (ties: the one named first); '' if none."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in mentions:
        if entity_for(m.entity_id, kb, found).kind in ACTOR_KINDS - {"government"}:
            counts[m.entity_id] += 1
            first.setdefault(m.entity_id, m.start)
    if not counts:
        return ""
    return min(counts, key=lambda e: (-counts[e], first[e]))


def _nearest(items: Iterable[tuple[int, object]], pos: int):
    best = None
    for start, item in items:
        if best is None or abs(start - pos) < best[0]:
            best = (abs(start - pos), item)
    return best[1] if best else None


def extract_document(doc: dict, kb: KnowledgeBase, found: Discovery, hits: list | None = None) -> DocExtraction:
    """Extract mentions, relations and event mentions from one ``documents`` row (``hits``: its alias
    matches, see :func:`analysis.entities.find_mentions`)."""
    body, doc_id, language = doc["body"], doc["doc_id"], doc["language"] or "und"
    ref = parse_date(doc.get("published", ""))
    mentions = find_mentions(body, kb, found, hits)
    sentences = split_sentences(body)
    check("sentences", len(sentences), "too many sentences")
    # paragraphs in another supported language than the page's are read with their own cues
    other_languages = paragraph_languages(body, language)
    focal = focal_actor(mentions, kb, found)
    ctx = Context(focal=focal, focal_has_members=bool(focal) and entity_for(focal, kb, found).kind == "mechanism")
    by_sentence: dict[int, list[Mention]] = {s.index: [] for s in sentences}
    sent_of: dict[int, int] = {}
    si = 0
    for k, m in enumerate(mentions):
        while si < len(sentences) - 1 and m.start >= sentences[si].end:
            si += 1
        by_sentence[sentences[si].index].append(m)
        sent_of[k] = sentences[si].index
    if mentions:
        busiest = max(by_sentence, key=lambda i: len(by_sentence[i]))
        check("mentions_per_sentence", len(by_sentence[busiest]), f"too many names in sentence {busiest}")
    governments: dict[tuple[int, int], str] = {}
    body_places = [(p, kb.places[p.key].name) for p in kb.place_matcher.find(body)]
    relations: list[dict] = []
    seen: set[str] = set()  # relation ids already written: a country and its government give one relation

    def keep(row: dict) -> None:
        if row["relation_id"] not in seen:
            seen.add(row["relation_id"])
            relations.append(row)

    events: list[EventMention] = []
    # a day and month without a year take the year of the page when only its month or year is known
    context_year: int | None = int(doc["published"][:4]) if doc.get("published") and ref is None else None
    # a page dated to the month ('2019-07'): its relative days ('na sexta-feira', 'yesterday') are of that month
    month_ref = parse_iso(doc["published"]) if ref is None and len(doc.get("published") or "") == 7 else None
    just_now = iso_mention(doc.get("published") or "")  # the date of an act the page says was just done
    scan = scan_dates(body, relative=(ref or month_ref) is not None)  # once per body; each sentence resolves its own candidates
    written = written_years(scan) if ref is None else []  # an undated page: the years it writes, for weekday dates
    sentence_dates: dict[int, list[DateMention]] = {}
    anaphors_of: dict[int, set[str]] = {}  # sentence -> types of the events it names again ('The workshop …')
    languages_of: dict[int, str] = {}  # sentence -> the language its cues are read in
    idle: dict[int, tuple[frozenset[str], str]] = {}  # undated sentence without an event of its own -> actors, text
    for s in sentences:
        first_here = len(events)  # events are appended sentence by sentence: this sentence's are events[first_here:]
        dateline = find_dateline(s.text, dates_in(scan, s.start, min(s.end, s.start + 120))) \
            if s.start == 0 or body[s.start - 1] == "\n" else None
        skip = dateline.end if dateline else 0
        dates = dates_in(scan, s.start + skip, s.end, ref or month_ref, context_year, nearest_year(written, s.start),
                         to_month=month_ref is not None)
        if skip:
            dates = [DateMention(d.start + skip, d.end + skip, d.text, d.value, d.precision) for d in dates]
        for d in dates:
            if d.precision in ("day", "month", "range") or d.precision == "year":
                context_year = int(d.first[:4])
        sm = by_sentence[s.index]
        args = _one_arg_per_name(s.text, [Arg(m.entity_id, m.start - s.start, m.end - s.start) for m in sm
                                          if _eligible(m, kb, found) and m.end - s.start > skip])
        args += anaphors(s.text, ctx, args)
        s_language = next((lang for a, b, lang in other_languages if a <= s.start < b), language)
        rels, subjects = extract_from_sentence(s.text, args, s_language, ctx)
        cues = sorted({(r.trigger_start, r.trigger_start + len(r.trigger), r.relation in EVENT_TYPES) for r in rels})
        places = [(p.start - s.start, name) for p, name in body_places if s.start <= p.start < s.end] if rels else []
        joined = _place_commas(s.text, [m.start - s.start for m in sm if m.role == "place"]
                               + [p.start - s.start for p, _ in body_places if s.start <= p.start < s.end]) if dates else frozenset()
        low_s = lower_same_length(s.text) if rels else ""
        for r in rels:
            src, tgt = _as_actor(r.source, kb), _as_actor(r.target, kb) if r.target else ""
            for m in sm:
                if m.entity_id in (r.source, r.target) and entity_for(m.entity_id, kb, found).kind == "country":
                    governments[(m.start, m.end)] = _as_actor(m.entity_id, kb)
            # a date belongs to the cue nearest to it ('the Agreement signed on 17 April 2012 and continue
            # to collaborate through …': the date is the signing's, not the collaboration's)
            date = _nearest(((d.start, d) for d in dates if _cue_of(d, cues, s.text, place_commas=joined) == r.trigger_start), r.trigger_start)
            if date is None and dateline and ref and dateline.date.first == doc.get("published"):
                date = dateline.date
            if just_now is not None and (recent := RECENT_PAST.get(s_language)) is not None \
                    and recent.search(s.text, max(0, r.trigger_start - 40), r.trigger_start) \
                    and (date is None or date.first[:7] < just_now.value[:7]):
                date = just_now  # 'le Maroc et le Portugal viennent de signer le protocole': on the page's date (not on
                # an earlier act's date the sentence gives; a date of the page's month at the cue stays)
            place = _nearest(places, r.trigger_start) or (dateline.place if dateline else "")
            place = kb.place_name(place)
            rid = relation_id(doc_id, s.index, src, tgt, r.relation)
            if src == tgt:
                continue  # 'Panamá' and its government read twice in one sentence
            if tgt:
                keep(_relation_row(doc_id, s, src, tgt, r.relation, date, place, r.rule, r.confidence, rid))
            etype = EVENT_TYPES.get(r.relation)
            if r.relation == "established" and LAUNCH.match(r.trigger):
                etype = "launch"
            # a signing: its cue says so, or a signing word opens the clause of its cue ('assinou, nesta quarta-feira,
            # 27, termo de cooperação com …': a date between the verb and the agreement's noun)
            signed = r.relation == "agreement" and (_SIGNING_WORD.search(r.trigger.lower()) or any(
                e <= r.trigger_start and _SIGNING_WORD.match(low_s, b) and not _CLAUSE_END.search(s.text, e, r.trigger_start)
                and not _AND_WORD.search(low_s, e, r.trigger_start) for b, e, _ in ctx.cues))
            is_event = etype and ":inverse" not in r.rule and (date or signed or r.relation in ("hosts_meeting", "established"))
            if is_event:
                parts = frozenset(p for p in (src, tgt) if p)
                events.append(EventMention(doc_id, s.index, etype, parts, date.value if date else "",
                                           date.precision if date else "", place, rid, s.text, r.trigger_start))
        _join_companions(events[first_here:], rels, args, kb, found)
        # 'The workshop, held on 12 May, was organized by A in partnership with B': a meeting of A and B
        # (undated when the sentence gives no date: 'the training was organized by A in cooperation with B')
        meeting = next((c for c in ctx.cues if c[2] == "hosts_meeting"), None)
        if meeting:
            here = [e for e in events[first_here:] if e.event_type in ("meeting", "agreement")]
            partners = [r for r in rels if r.relation == "partnership" and r.target and r.confidence >= 0.75]
            parts = frozenset(_as_actor(p, kb) for r in partners for p in (r.source, r.target))
            date = _nearest(((d.start, d) for d in dates), meeting[0])
            if parts and here and all(e.event_type == "meeting" for e in here):
                for e in here:  # the hosts' meeting, held with these partners
                    e.participants = e.participants | parts
            elif len(parts) >= 2 and not here:
                place = kb.place_name(_nearest(places, meeting[0]) or (dateline.place if dateline else ""))
                rid = min(relation_id(doc_id, s.index, _as_actor(r.source, kb), _as_actor(r.target, kb), r.relation)
                          for r in partners)
                events.append(EventMention(doc_id, s.index, "meeting", parts, date.value if date else "",
                                           date.precision if date else "", place, rid, s.text, meeting[0]))
        # 'The workshop on … was held on 14-17 November in Seoul', 'the first meeting of R4V took place in Panama':
        # a sentence naming a meeting or a visit, with actors, reports one even without a relation cue
        parts = frozenset(_as_actor(a.entity_id, kb) for a in args if a.how != "focal") if args else frozenset()
        if parts and not (events and events[-1].sentence_id == s.index):  # events are appended sentence by sentence
            low = lower_same_length(s.text)
            cue = EVENT_CUES.get(s_language, EVENT_CUE).search(low)
            definition = DEFINITION_BEFORE.get(s_language)
            copula = definition.search(low, max(0, cue.start() - 60), cue.start()) if cue and definition else None
            if copula and _NAME_BEFORE_COPULA.search(s.text, 0, copula.start()):
                cue = None  # 'a CPLP é um fórum de …': what a body is, no event ('the first activity is a workshop' is one)
            if cue:
                etype = cue.lastgroup
                date = _nearest(((d.start, d) for d in dates), cue.start())
                places = [(p.start - s.start, name) for p, name in body_places if s.start <= p.start < s.end]
                place = kb.place_name(_nearest(places, cue.start()) or (dateline.place if dateline else ""))
                events.append(EventMention(doc_id, s.index, etype, parts, date.value if date else "",
                                           date.precision if date else "", place,
                                           relation_id(doc_id, s.index, "", "", etype), s.text, cue.start()))
                met = parts - venues(s.text, args, kb) if etype == "meeting" else parts
                if not rels and 2 <= len(met) <= MAX_GROUP and etype in ("meeting", "visit"):
                    # 'UNODC and the Federal Police held a workshop': who meet together work together (who attend a launch
                    # need not; the body where a meeting is held need not either)
                    for m in sm:
                        if _as_actor(m.entity_id, kb) in met and entity_for(m.entity_id, kb, found).kind == "country":
                            governments[(m.start, m.end)] = _as_actor(m.entity_id, kb)
                    for a, b in itertools.combinations(sorted(met), 2):
                        keep(_relation_row(doc_id, s, a, b, "partnership", date, place,
                                           f"{language}:partnership:{etype}", 0.6))
        if len(events) > first_here and dates:  # a date no event of the sentence took may make one more event
            events += _events_of_other_dates(events[first_here:], dates, rels, s.text,
                                             frozenset(_as_actor(a.entity_id, kb) for a in args if a.how != "focal"),
                                             EVENT_CUES.get(s_language, EVENT_CUE), joined)
        if parts and len(events) == first_here and not dates:
            idle[s.index] = (parts, s.text)  # 'The event was attended by A and B': may name again an event told before
        # context for the next sentences
        for m in sm:  # states named, in any role ('Malaysia will take …, Bangladesh's proposal': the two countries)
            if m.entity_id.startswith("GOV_") or entity_for(m.entity_id, kb, found).kind == "country":
                state = _as_actor(m.entity_id, kb)
                ctx.last_states = [x for x in ctx.last_states if x != state][-1:] + [state]
        actors = [a for a in args if a.how == "explicit"]
        if len({a.entity_id for a in actors}) >= 2:
            ctx.last_group = list(dict.fromkeys(_as_actor(a.entity_id, kb) for a in actors))[:2] \
                if len(subjects) < 2 else [_as_actor(e, kb) for e in subjects]
        progs = [a.entity_id for a in actors if entity_for(a.entity_id, kb, found).kind == "programme"]
        if progs:
            ctx.last_programme = progs[-1]
        ctx.last_subjects = [_as_actor(e, kb) for e in subjects] or ctx.last_subjects
        sentence_dates[s.index] = ([dateline.date] if dateline else []) + dates  # the dateline dates its story
        languages_of[s.index] = s_language
    # 'The workshop …' names again an event of an earlier sentence (one event alone: only to bring its actors or date)
    if len(events) > 1 or (events and (idle or not events[0].date)):
        low = lower_same_length(body)
        starts = [s.start for s in sentences]
        for code in sorted(set(languages_of.values())):  # one scan of the body per language its sentences use
            for m in EVENT_ANAPHOR.get(code, EVENT_ANAPHOR["en"]).finditer(low):
                s = sentences[bisect.bisect_right(starts, m.start()) - 1]
                if m.lastgroup and languages_of[s.index] == code and m.end() <= s.end:
                    anaphors_of.setdefault(s.index, set()).add(m.lastgroup)
        events += _events_named_again(events, anaphors_of, idle)
        _join_event_anaphors(events, anaphors_of)
    # sentences naming again an event that no earlier sentence told as one ('On Tuesday 5 November the Minister met
    # the Chief of Mission of IOM. ¶ During this meeting, …'): the previous sentence tells it
    untold = {i for i, named in anaphors_of.items()
              if not any(e.sentence_id < i and (e.event_type in named or ANY_EVENT in named) for e in events)}
    _date_undated_events(events, sentences, sentence_dates, body, doc, relations, untold, anaphors_of)
    # events from the same trigger: one mention with all participants
    events = _group_event_mentions(events)
    rows = []
    for k, m in enumerate(mentions):
        eid = governments.get((m.start, m.end), m.entity_id)
        rows.append({"mention_id": f"{doc_id}:{m.start}-{m.end}", "doc_id": doc_id, "entity_id": eid,
                     "sentence_id": sent_of[k], "start": m.start, "end": m.end,
                     "text": m.text, "role": "actor" if eid.startswith("GOV_") else m.role})
    # an event's participants are actors of the page's tables: a country named only as a place or scope, whose
    # government no relation names, does not make the whole event unknown
    named = {r["entity_id"] for r in rows} | {x for r in relations for x in (r["source"], r["target"])}
    for e in events:
        e.participants = frozenset(p for p in e.participants if p in named)
    events = [e for e in events if e.participants]
    _join_story_partners(events, relations)
    return DocExtraction(rows, relations, events)


def _join_story_partners(events: list[EventMention], relations: list[dict], window: int = STORY_WINDOW) -> None:
    """An act is told over the sentences around it: each event takes as participants the partners that relations of
    the page, stated at most ``window`` sentences from it, give its participants ('A new Migrant Desk was inaugurated
    on 19 December. ¶ The desk, established through a partnership between the Assembly and IOM, …': the
    inauguration is the Assembly's and IOM's). A relation dated otherwise than the event, or stated in another
    sentence that reports an event of its own ('IOM obtained observer status in 1992. ¶ IOM joined the IASC in
    1992.'; '… opened a centre on 19 December. ¶ Later, the Ministry and UNHCR signed an agreement.'), tells
    another act."""
    told = {e.sentence_id for e in events}
    by_sentence: dict[int, list[dict]] = {}
    for r in relations:
        if r["target"] and r["relation"] in EVENT_COMPANIONS:
            by_sentence.setdefault(r["sentence_id"], []).append(r)
    if not by_sentence:
        return
    for e in events:
        parts, new = e.participants, set()
        for i in range(e.sentence_id - window, e.sentence_id + window + 1):
            for r in by_sentence.get(i, ()) if i == e.sentence_id or i not in told else ():
                a, b = r["source"], r["target"]
                other = b if a in parts else a if b in parts else ""
                if other and other not in parts and not (e.date and r["date"] and not dates_agree(e.date, r["date"])):
                    new.add(other)
        if new:
            e.participants = parts | new


_ACRONYM_AFTER = re.compile(r"\s*\(\s*")


def venues(sentence: str, args: list[Arg], kb: KnowledgeBase) -> frozenset[str]:
    """The actors a sentence names only where something takes place: right after a locative word ('a workshop held at
    the Ministry', 'na Academia Nacional de Polícia', 'the first of its kind in ASEAN'); a meeting held there does not
    make them its participants.

    >>> venues("IOM held a workshop at the Ministry.", [Arg("IOM", 0, 3), Arg("MIN", 27, 35)], None)
    frozenset({'MIN'})
    """
    named: dict[str, bool] = {}
    for a in args:
        if a.how == "explicit":
            actor = _as_actor(a.entity_id, kb)
            named[actor] = named.get(actor, True) and VENUE_BEFORE_ANY.search(sentence, 0, a.start) is not None
    return frozenset(e for e, only_there in named.items() if only_there)



def _one_arg_per_name(text: str, args: list[Arg]) -> list[Arg]:
    """A name and its acronym in parentheses right after it ('l'Agence … (Usaid)') are one argument, spanning both:
    a relation reads one body there, not two in a row."""
    out: list[Arg] = []
    for a in args:
        if out and out[-1].entity_id == a.entity_id and _ACRONYM_AFTER.fullmatch(text, out[-1].end, a.start):
            out[-1] = Arg(a.entity_id, out[-1].start, a.end + (text[a.end:a.end + 1] == ")"), a.how)
        else:
            out.append(a)
    return out


def _events_of_other_dates(here: list[EventMention], dates: list[DateMention], rels: list, text: str,
                           actors: frozenset[str], event_cue: Regrouped = EVENT_CUE,
                           place_commas: frozenset[int] = frozenset()) -> list[EventMention]:
    """One more event mention for each date of a sentence that no event of it took, when the cue nearest to the
    date names an event ('The Steering Group meeting, held over 2-3 May 2024, reflected on the Ministerial
    Conference held in Adelaide in February 2023': two meetings; 'réunis en juin 2014 à Accra et le 11 octobre
    2014 à Lomé': two meetings). Its participants are those of the sentence's events and its actors."""
    if not here:
        return []
    used = {e.date for e in here}
    low = lower_same_length(text)
    cues = [(m.start(), m.end(), m.lastgroup or "") for m in event_cue.finditer(low)]
    cues += [(r.trigger_start, r.trigger_start + len(r.trigger), EVENT_TYPES.get(r.relation) or "") for r in rels]
    if not cues:
        return []
    parts = frozenset().union(*(e.participants for e in here)) | actors
    first = here[0]
    made: list[EventMention] = []
    for d in dates:
        if d.value in used:
            continue
        start = _cue_of(d, [(a, b, bool(t)) for a, b, t in cues], text, prefer_events=False, place_commas=place_commas)
        etype = next((t for a, _, t in cues if a == start and t), "")
        if not etype:
            continue
        used.add(d.value)
        made.append(EventMention(first.doc_id, first.sentence_id, etype, parts, d.value, d.precision, first.place,
                                 relation_id(first.doc_id, first.sentence_id, "", d.value, etype), text, start))
    return made


def _join_companions(here: list[EventMention], rels: list, args: list[Arg], kb: KnowledgeBase,
                     found: Discovery) -> None:
    """The event mentions ``here`` of one sentence take as participants every actor of the sentence's cooperation
    relations (:data:`analysis.relations.EVENT_COMPANIONS`) and the mechanisms it names: 'The workshop, organised
    by IOM in partnership with the Ministry, was attended by UNHCR' is one workshop of the three."""
    if not here:
        return
    companions = {_as_actor(x, kb) for r in rels if r.target and r.relation in EVENT_COMPANIONS for x in (r.source, r.target)}
    companions |= {a.entity_id for a in args if a.how == "explicit" and entity_for(a.entity_id, kb, found).kind == "mechanism"}
    for e in here:
        e.participants = e.participants | companions


def _relation_row(doc_id: str, s, source: str, target: str, relation: str, date: DateMention | None, place: str,
                  rule: str, prior: float, rid: str = "") -> dict:
    """A ``relations`` row: its evidence is sentence ``s``, its confidence the calibrated precision of ``rule`` (``rid``:
    its :func:`relation_id`, when the caller has it)."""
    return {"relation_id": rid or relation_id(doc_id, s.index, source, target, relation), "doc_id": doc_id, "source": source,
            "target": target, "relation": relation, "directed": str(RELATIONS[relation][0]),
            "date": date.value if date else "", "date_precision": date.precision if date else "", "place": place,
            "evidence": s.text, "sentence_id": s.index, "confidence": calibrated(rule, prior), "prior": prior, "rule": rule}


_NEWLINE = re.compile("\n")


def _date_undated_events(events: list[EventMention], sentences: list, sentence_dates: dict[int, list[DateMention]],
                         body: str, doc: dict, relations: list[dict] = (), anaphoric: set[int] = frozenset(),
                         named_again: dict[int, set[str]] | None = None) -> None:
    """Dates for event mentions whose sentence gives none, from the nearest place that reports it, in order:

    1. the lead paragraph reports the news of its day: the page's date ('IOM and UNODC have signed …'
       under 'Cairo, 2 July 2024'), or the day its lead sentence, or one of the next two naming the act again ('… o
       acordo, assinado na quinta-feira'), tells when that is a few days before it ('… a annoncé hier le ministère',
       see :func:`_lead_day`), or, on a page without one, the first date of its lead
       ('On 22 January 2026, Frontex and the EUAA agreed …');
    2. the previous sentence of the same paragraph ('The workshop opened on 3 May. IOM and the
       Ministry signed …'), or of any paragraph when the sentence names again an event no earlier sentence
       told as one (``anaphoric``: those sentences; 'On Tuesday 5 November, the Minister met the Chief of Mission
       of IOM. ¶ During this meeting, the two parties …');
    3. the event the sentence names again (``named_again``: sentence -> types named, see :data:`EVENT_ANAPHOR`),
       the latest earlier dated one of a named type (the first cue of the latest such sentence: 'The mission began
       on Monday 20 June … On its first day, two meetings of the mission were held');
    4. one of the next two sentences when it opens by naming the act again, with a date ('… signed
       a Memorandum. The signing took place on Friday 20 February in Buenos Aires');
    5. the one date of the other mentions of the same kind of event with a shared participant
       (a meeting named undated in one sentence and dated in another);
    6. the page's date when every participant is an actor of the lead sentence's ``relations`` (rows), or two of
       those actors are participants: the story's protagonists doing its act ('On 22 January Frontex and the
       EUAA agreed to strengthen cooperation … The cooperation is set out in a working arrangement signed by …')."""
    if all(e.date for e in events):
        return
    breaks = [m.start() for m in _NEWLINE.finditer(body)]
    paragraph = {s.index: bisect.bisect_left(breaks, s.start) for s in sentences}
    lead_sentence = next((s for s in sentences if s.text.rstrip().endswith((".", "!", "?", "”", '"', "»"))
                          and len(s.text.split()) >= 8), None)
    lead = paragraph[lead_sentence.index] if lead_sentence else None
    news = (doc.get("published", ""), doc.get("published_precision", "") or "day")
    if not news[0] and lead_sentence is not None:
        first = next((d for d in sentence_dates.get(lead_sentence.index, []) if d.precision in ("day", "range")), None)
        news = (first.value, first.precision) if first else ("", "")
    elif lead_sentence is not None and news[1] == "day":
        news = _lead_day(sentence_dates.get(lead_sentence.index, []), news)
    # the story's present: from the lead sentence to the first sentence that dates something else
    present_end = next((s.index for s in sentences if lead_sentence is not None and s.index >= lead_sentence.index
                        and any(not dates_agree(d.value, news[0]) for d in sentence_dates.get(s.index, []))),
                       len(sentences)) if news[0] and doc.get("published") else -1
    event_cue = EVENT_CUES.get(doc.get("language", ""), EVENT_CUE)
    for e in events:
        if e.date:
            continue
        if news[0] and (paragraph.get(e.sentence_id) == lead or lead_sentence.index < e.sentence_id < present_end):
            told = _told_next(e, sentences, sentence_dates, event_cue)
            e.date, e.precision = _lead_day([told], news) if told else news  # '… o acordo, assinado na quinta-feira'
            continue
        before = sentence_dates.get(e.sentence_id - 1) or []
        if before and (paragraph.get(e.sentence_id - 1) == paragraph.get(e.sentence_id) or e.sentence_id in anaphoric):
            d = before[-1]
            e.date, e.precision = d.value, d.precision
            continue
        named = (named_again or {}).get(e.sentence_id, set())
        told = [o for o in events if o.date and o.sentence_id < e.sentence_id and (o.event_type in named or ANY_EVENT in named)]
        if told:
            last = max(told, key=lambda o: (o.sentence_id, -o.trigger_start))
            e.date, e.precision = last.date, last.precision
            continue
        told = _told_next(e, sentences, sentence_dates, event_cue)
        if told:
            e.date, e.precision = told.value, told.precision
    # the story's protagonists: the actors of the lead sentence's relations ('On 22 January, Frontex and the EUAA agreed
    # to strengthen cooperation … The cooperation is set out in a working arrangement signed by …')
    protagonists = {x for r in relations if lead_sentence is not None and r["sentence_id"] == lead_sentence.index
                    for x in (r["source"], r["target"])}
    for e in events:
        if e.date:
            continue
        known = {(o.date, o.precision) for o in events if o.date and o.event_type == e.event_type
                 and o.participants & e.participants}
        if len(known) == 1:
            e.date, e.precision = known.pop()
        elif news[0] and (e.participants <= protagonists or len(e.participants & protagonists) >= 2):
            e.date, e.precision = news  # the lead's actors doing it again (maybe with others): the story of the day


def _told_next(e: EventMention, sentences: list, sentence_dates: dict[int, list[DateMention]],
               event_cue: re.Pattern[str] | Regrouped = EVENT_CUE) -> DateMention | None:
    """The date of one of the two sentences after ``e``'s that opens by naming its act again ('… signed a Memorandum.
    The signing took place on Friday 20 February'), if one does."""
    for later in sentences[e.sentence_id + 1:e.sentence_id + 3]:
        dates = sentence_dates.get(later.index) or []
        if dates and _names_event(later.text[:dates[0].start], e.event_type, event_cue):
            return dates[0]
    return None


#: how many days before its page's date the day its lead tells may be ('a annoncé hier', 'no domingo')
STORY_DAYS = 7


def _lead_day(lead_dates: list[DateMention], published: tuple[str, str]) -> tuple[str, str]:
    """The day of the story: the first day the lead sentence gives when it is one of the :data:`STORY_DAYS` days before
    the page's date ('L'Espagne et le Sénégal ont reconduit l'accord, a annoncé hier le ministère' on a page of 22 July:
    the 21st), else the page's date."""
    day = next((d for d in lead_dates if d.precision == "day"), None)
    page, told = parse_date(published[0]), parse_date(day.value) if day else None
    if page and told and 0 < (page - told).days <= STORY_DAYS:
        return day.value, "day"
    return published


def _events_named_again(events: list[EventMention], anaphors_of: dict[int, set[str]],
                        idle: dict[int, tuple[frozenset[str], str]]) -> list[EventMention]:
    """Event mentions of the undated sentences without an event of their own (``idle``: sentence -> its actors and text) that
    name again an event told before ('The consultation was held on 27 September. The event was attended by A and B':
    A and B took part in the consultation). A noun of any event ('the event', 'cette activité') names the event of the
    nearest earlier sentence that tells one, an event word ('the workshop') the nearest of its type; the mention has
    that event's type, so that :func:`_join_event_anaphors` joins the two. ``anaphors_of`` gets the type named."""
    made: list[EventMention] = []
    for index, (parts, text) in idle.items():
        named = anaphors_of.get(index, set())
        if not named:
            continue
        earlier = [e for e in events if e.sentence_id < index and (ANY_EVENT in named or e.event_type in named)]
        if not earlier:
            continue
        last = max(e.sentence_id for e in earlier)
        before = min((e for e in earlier if e.sentence_id == last), key=lambda e: e.trigger_start)
        named.add(before.event_type)
        made.append(EventMention(before.doc_id, index, before.event_type, parts, "", "", "",
                                 before.relation_id, text, 0))  # the relation that told the event first
    return made


def _join_event_anaphors(events: list[EventMention], anaphors_of: dict[int, set[str]]) -> None:
    """An event mention of a sentence that names its event again ('A workshop was held on 14-17 November in Seoul …
    The workshop was organised by IOM') is the nearest earlier mention of that type: both take the participants
    of both, and the later one the earlier one's date when it gives none (of the earlier sentence's events, the
    first told)."""
    for k, e in enumerate(events):
        if e.event_type not in anaphors_of.get(e.sentence_id, ()):
            continue
        earlier = [o for o in events[:k] if o.sentence_id < e.sentence_id and o.event_type == e.event_type]
        if not earlier:
            continue
        last = max(o.sentence_id for o in earlier)  # that sentence's first-told event ('the meeting' is its story's)
        before = min((o for o in earlier if o.sentence_id == last), key=lambda o: o.trigger_start)
        if e.date and before.date and not dates_agree(e.date, before.date):
            continue  # 'Before the workshop opened, UNODC hosted a delegation on 11 November': another event
        both = before.participants | e.participants
        before.participants = e.participants = both
        if not e.date and before.date:
            e.date, e.precision = before.date, before.precision


def _names_event(text: str, event_type: str, event_cue: Regrouped = EVENT_CUE) -> bool:
    """Whether ``text`` (the opening of a sentence) names an act of this type again: a signing word for an
    agreement, a meeting or visit word for those."""
    low = lower_same_length(text)
    if event_type == "agreement":
        return _SIGNING_WORD.search(low) is not None
    return any(m.lastgroup == event_type for m in event_cue.finditer(low))


def _place_commas(sentence: str, places: Iterable[int]) -> frozenset[int]:
    """Offsets of the commas that join a name to the place it lies in ('held in Adelaide, Australia in February'):
    ``places`` are the starts of the sentence's place names; the comma must follow a capitalised word."""
    out = set()
    for start in places:
        head = sentence[:start].rstrip()
        if head.endswith(","):
            word = head[:-1].rstrip().rsplit(None, 1)[-1:]
            if word and word[0][:1].isupper():
                out.add(len(head) - 1)
    return frozenset(out)


def _cue_of(date: DateMention, cues: list[tuple[int, int, bool]], sentence: str, prefer_events: bool = True,
            place_commas: frozenset[int] = frozenset()) -> int:
    """Start of the cue a date belongs to: among the cues of events if any (among all with ``prefer_events``
    false), the closest one in the same clause (no comma or semicolon between, but for the commas of
    ``place_commas``, see :func:`_place_commas`), else the closest; on a tie, the cue before the date."""
    pool = ([c for c in cues if c[2]] if prefer_events else []) or cues

    def gap(cue: tuple[int, int, bool]) -> tuple[int, int, int]:
        a, b, _ = cue
        lo, hi = (b, date.start) if b <= date.start else (date.end, a)
        between = sentence[lo:hi]
        breaks = ("," in between or ";" in between) and (not place_commas or any(
            c in ",;" and lo + k not in place_commas for k, c in enumerate(between)))
        return (int(breaks), max(0, date.start - b, a - date.end), 0 if b <= date.start else 1)
    return min(pool, key=gap)[0] if pool else -1


def _as_actor(eid: str, kb: KnowledgeBase) -> str:
    """A country that is a relation argument is its government acting."""
    return f"GOV_{eid[2:]}" if eid.startswith("C_") else eid


def _group_event_mentions(items: list[EventMention]) -> list[EventMention]:
    grouped: dict[tuple, EventMention] = {}
    for e in items:
        key = (e.doc_id, e.sentence_id, e.event_type, e.date, e.trigger_start)
        if key in grouped:
            g = grouped[key]
            grouped[key] = EventMention(g.doc_id, g.sentence_id, g.event_type, g.participants | e.participants, g.date,
                                        g.precision, g.place or e.place, min(g.relation_id, e.relation_id), g.evidence,
                                        g.trigger_start)
        else:
            grouped[key] = e
    return list(grouped.values())


def _doc_key(doc: dict, found: Discovery, salt: str, hits: list) -> str:
    """What one document's extraction depends on: its text and dates, the discovered names matched in it
    (``hits``: its alias matches), the code and KB."""
    body = doc["body"]
    present = {h.key for h in hits}
    local = sorted((e.entity_id, e.name, e.kind, e.acronym, e.parent, sorted(e.aliases))
                   for e in (found.entities[k] for k in present if k in found.entities))
    return sha256_text(doc["doc_id"], body, doc.get("language", ""), doc.get("published", ""), local, salt)


#: the shape of a cached extraction (anything else read from the cache is recomputed)
CACHE_SHAPES = (frozenset({"mentions", "relations", "event_mentions"}),)


def _extract_cached(args: tuple[dict, str]) -> tuple[dict, bool, str]:
    """Worker: one document's extraction (from the cache when its inputs are unchanged), or ``{"rejected": reason}``
    when it is over a limit or the extraction failed on it: one document never ends the stage."""
    doc, salt = args
    found, kb, cache = shared()["found"], shared()["kb"], shared()["cache"]
    try:
        hits = found.matcher.find(doc["body"], kb.matcher)  # once, for the cache key and the mentions
        key = _doc_key(doc, found, salt, hits)
        hit = cache.get(key) if cache else None
        if hit is not None:
            return hit, True, key
        ex = extract_document(doc, kb, found, hits)
    except LimitExceeded as exc:
        return {"rejected": str(exc)}, False, ""
    except Exception as exc:  # noqa: BLE001 - a failure is this document's, never the run's
        return {"rejected": failure_reason(exc, "extracting")}, False, ""
    value = {"mentions": ex.mentions, "relations": ex.relations,
             "event_mentions": [{**vars(e), "participants": sorted(e.participants)} for e in ex.event_mentions]}
    return value, False, key  # stored by the main process (one writer)


def discover_isolated(documents: list[dict], kb: KnowledgeBase) -> tuple[Discovery, dict[str, str]]:
    """Names defined across the corpus (:func:`analysis.entities.discover`) and ``{doc_id: reason}`` of the documents
    on which discovery failed: they are found one by one (only after a failure) and left out."""
    bodies = {d["doc_id"]: d["body"] for d in documents}
    try:
        return discover(bodies, kb), {}
    except Exception:  # noqa: BLE001 - find the document(s) it failed on
        failed = {}
        for doc_id in sorted(bodies):
            try:
                discover({doc_id: bodies[doc_id]}, kb)
            except Exception as exc:  # noqa: BLE001
                failed[doc_id] = failure_reason(exc, "extracting")
        return discover({k: v for k, v in bodies.items() if k not in failed}, kb), failed


def extract_corpus(documents: list[dict], kb: KnowledgeBase, corrections: dict | None = None,
                   progress: Callable[[str], None] | None = None, cache=None, salt: str = "",
                   workers: int = 1, scheduler: str = "", offices: Offices | None = None) -> dict[str, list[dict]]:
    """Run the extraction on all documents: rows of entities, mentions, relations, events, corrections_applied.

    Relations and events carry their CAMEO code (:mod:`analysis.cameo`); an undated event whose sentences
    name office holders of ``offices`` gets the range their terms bound (:mod:`analysis.offices`).
    ``cache`` (a :class:`analysis.cache.DocCache`) skips documents whose inputs are unchanged;
    ``workers`` > 1 extracts documents in that many processes, ``scheduler`` on the Dask cluster at
    that address (same output as serial).
    """
    found, failed = discover_isolated(documents, kb)
    unusable = [{"file": d["file"], "reason": failed[d["doc_id"]]} for d in documents if d["doc_id"] in failed]
    mentions: list[dict] = []
    relations: list[dict] = []
    event_mentions: list[EventMention] = []
    docs = sorted((d for d in documents if d["doc_id"] not in failed), key=lambda d: d["doc_id"])
    jobs = [(doc, salt) for doc in docs]
    results = process_map(_extract_cached, jobs, workers, scheduler, kb=kb, found=found, cache=cache)
    say = per_item(progress, len(docs))
    for doc, (value, cached, key) in zip(docs, results):
        if "rejected" in value:
            unusable.append({"file": doc["file"], "reason": value["rejected"]})
            say(f"extract {doc['file']}: rejected: {value['rejected']}")
            continue
        if cache is not None and not cached:
            cache.put(key, value)
        mentions += value["mentions"]
        relations += value["relations"]
        event_mentions += [EventMention(**{**e, "participants": frozenset(e["participants"])}) for e in value["event_mentions"]]
        say(f"extract {doc['file']}: {len(value['mentions'])} mentions, {len(value['relations'])} relations, "
            f"{len(value['event_mentions'])} event mentions{' (unchanged, from cache)' if cached else ''}")
    if cache is not None:
        cache.prune({key for _, _, key in results if key})
    used = sorted({m["entity_id"] for m in mentions} | {r["source"] for r in relations} | {r["target"] for r in relations})
    seen_forms: dict[str, set[str]] = {}
    for m in mentions:
        seen_forms.setdefault(m["entity_id"], set()).add(m["text"])
    entities = []
    for eid in used:
        ent = entity_for(eid, kb, found)
        row = ent.row()
        seen = seen_forms.get(eid, set()) | found.seen_aliases.get(eid, set())
        row["aliases"] = "|".join(sorted(set(row["aliases"].split("|")) | seen, key=lambda a: (a.casefold(), a)))
        entities.append(row)
    # pairs the page states through its structure, beyond the sentence rules (analysis.pairs)
    relations += infer_pairs(docs, mentions, relations, {e["entity_id"]: e["kind"] for e in entities
                                                        if e["kind"] in ACTOR_KINDS},
                             parents={e["entity_id"]: e["parent"] for e in entities if e["parent"]})
    tables = {"entities": entities, "mentions": mentions, "relations": relations}
    before = {r["relation_id"] for r in relations}
    report = apply_corrections(tables, corrections or {})
    rejected = before - {r["relation_id"] for r in relations}
    known = {e["entity_id"] for e in tables["entities"]}
    event_mentions = with_states([e for e in event_mentions if e.relation_id not in rejected and e.participants <= known],
                                 tables["entities"], kb, found)
    kinds = {r["relation_id"]: r["relation"] for r in relations}
    events = [_event_row(ev, kinds, kb, offices) for ev in merge_events(event_mentions)]
    for row in events:  # an event told by an event word and no relation cites no relation
        row["relation_ids"] = "|".join(r for r in row["relation_ids"].split("|") if r in kinds)
    for r in relations:
        r["cameo"] = relation_code(r["relation"])
    return {**tables, "events": events, "corrections_applied": report, "rejected": unusable}


def with_states(event_mentions: list[EventMention], entities: list[dict], kb: KnowledgeBase,
                found: Discovery) -> list[EventMention]:
    """The event mentions with the state of each national body among their participants: 'le ministre soudanais de
    l'Intérieur … ont signé' is Sudan's signature too (so that the signing reported in English as Sudan's is one
    event). A state added so joins ``entities`` (the table's rows, extended in place)."""
    states = {e["entity_id"]: e["parent"] for e in entities if e["parent"].startswith("GOV_")}
    out = []
    for m in event_mentions:
        added = {states[p] for p in m.participants if p in states} - m.participants
        out.append(replace(m, participants=m.participants | added) if added else m)
    have = {e["entity_id"] for e in entities}
    entities += [entity_for(g, kb, found).row() for g in sorted({g for m in out for g in m.participants} - have)]
    entities.sort(key=lambda e: e["entity_id"])
    return out


def _event_row(ev, kinds: dict[str, str], kb: KnowledgeBase, offices: Offices | None) -> dict:
    """The events row of a merged event: its CAMEO code (from the relations that make this type of event, see
    :func:`analysis.cameo.event_code`) and, when the text gives no date, the range its office holders bound."""
    makers = sorted({kinds[m.relation_id] for m in ev.mentions
                     if EVENT_TYPES.get(kinds.get(m.relation_id, "")) == ev.event_type})
    row = {**ev.row(), "cameo": event_code(ev.event_type, makers), "date_start": "", "date_end": "", "date_reason": ""}
    if not ev.date and offices is not None:
        ordered = sorted(ev.mentions, key=lambda m: (m.doc_id, m.sentence_id))
        bound = bound_event([m.evidence for m in ordered], sorted(ev.participants), offices, kb)
        if bound:
            row.update(bound, date_precision="range")
    return row


__all__ = ["extract_corpus", "extract_document", "focal_actor", "relation_id", "dt"]


EXTRACT_MODULES = module_closure("extract")  # what the per-document cache key covers: derived from the imports


def run_stage(processed_dir, reference_dir, corrections_file=None, progress: Callable[[str], None] | None = print,
              workers: int = 1, scheduler: str = "", review_file=None, review_size: int = 40) -> dict:
    """Stage entry point: read ``documents``, write entities, mentions, relations, events, corrections_applied.

    With ``review_file``, the decisions already in it are applied with the corrections and the file is
    rewritten: its decided rows kept, then the ``review_size`` relations most worth a look (:mod:`analysis.review`).
    """
    from pathlib import Path  # noqa: PLC0415

    from .cache import DocCache, code_hash, sha256_text  # noqa: PLC0415
    from .corrections import load_corrections  # noqa: PLC0415
    from .ingest import reference_fingerprint  # noqa: PLC0415
    from .kb import load_kb  # noqa: PLC0415
    from .offices import load_offices  # noqa: PLC0415
    from .review import as_corrections, build_queue, merge, read_queue, write_queue  # noqa: PLC0415
    from .tables import frame, read_table, write_tables  # noqa: PLC0415

    documents = read_table(processed_dir, "documents").to_dict("records")
    kb = load_kb(reference_dir)
    offices = load_offices(reference_dir, set(kb.entities))
    reviewed = read_queue(review_file) if review_file else []
    corrections = merge(load_corrections(corrections_file), as_corrections(reviewed))
    salt = sha256_text(code_hash(*EXTRACT_MODULES), reference_fingerprint(reference_dir))
    cache = DocCache(Path(processed_dir) / ".cache" / "extract.sqlite", shapes=CACHE_SHAPES, note=progress)
    with fewer_collections():
        result = extract_corpus(documents, kb, corrections, progress, cache, salt, workers, scheduler, offices)
    # rejected.csv: the files ingestion rejected (never in documents) and the documents whose extraction failed
    files = {d["file"] for d in documents}
    ingest_rejected = [r for r in read_table(processed_dir, "rejected").to_dict("records") if r["file"] not in files]
    out = {"rejected": frame("rejected", ingest_rejected + result["rejected"])}
    for name in ("entities", "mentions", "relations", "events", "corrections_applied"):
        out[name] = frame(name, result[name])
    write_tables(out, processed_dir)
    if review_file:
        write_queue(Path(review_file), build_queue(result["relations"], result["entities"], reviewed, review_size))
    for r in result["rejected"]:
        if progress:
            progress(f"rejected {r['file']}: {r['reason']}")
    for row in result["corrections_applied"]:
        if progress:
            progress(f"correction {row['action']} {row['detail']}: {row['effect']}")
    return out
