"""Stage 2b: relations between actors, one evidence sentence each, by language-specific patterns.

Controlled vocabulary (``RELATIONS``): each relation has a direction flag. A relation needs a
*trigger* (a cue word of cooperation in the sentence's language); co-mention alone is never
a relation. Around each trigger the sentence is read as

    [subject group] … TRIGGER … [objects up to the next trigger]

* symmetric relations (agreement, partnership, joint_programme) link the subject group to
  each object, and the members of a coordinated subject group to each other
  ('IOM and UNODC have signed …'); with 'between A and B' / 'by A and B' the objects are
  linked to each other;
* directed relations (member_of, coordinates, hosts_meeting, observer_of, replaced,
  funds, implements) go subject → object, or agent → subject in the passive ('funded by
  the EU', 'financé par', 'financiado por');
* enumerations ('with UNHCR, ILO, UNICEF and WFP') give one relation per object;
* a sentence without an explicit subject takes it from an anaphor ('the two organizations',
  'the project', 'the Organization', 'They') or, failing that, from the document's focal
  actor (the actor it names most), with a lower confidence.

Countries named as places or scope are never arguments; a country that is an argument is
its government acting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from .fastre import Literals, first_letter_alternation, literal_options, literal_prefixes, lower_same_length, mark_of, word_start_alternation
from .lang import LANGUAGES, ORDER, alt, words
from .records import quick_init

#: the relation vocabulary and rule parameters, declared in resources/relations.yaml
RULES = yaml.safe_load((Path(__file__).resolve().parent / "resources" / "relations.yaml").read_text(encoding="utf-8"))
#: relation -> (directed, description)
RELATIONS: dict[str, tuple[bool, str]] = {r: (bool(v["directed"]), v["description"]) for r, v in RULES["relations"].items()}
#: relations that make a dated real-world event, and the event type they make
EVENT_TYPES: dict[str, str] = {r: v["event"] for r, v in RULES["relations"].items() if v["event"]}

_T = dict[str, list[str]]
#: language -> relation -> cue patterns (lowercase regular expressions), from the language files (analysis.lang)
TRIGGERS: dict[str, _T] = {code: LANGUAGES[code]["relations"] for code in ORDER}
#: cue kinds read in reverse, cue kinds that need an explicit subject, relations whose agents work together and
#: the largest group of partners (see resources/relations.yaml)
INVERSE_CUES: dict[str, str] = dict(RULES["inverse_cues"])
CUE_RELATION: dict[str, str] = dict(RULES["explicit_subject_cues"])
JOINT_WORK = frozenset(RULES["joint_work"])
VENUE_RELATIONS = frozenset(RULES["venue_relations"])
EVENT_COMPANIONS = frozenset(RULES["event_companions"])
MAX_GROUP: int = int(RULES["max_group"])
FUSED_PRIORITY = frozenset(RULES["fused_priority"])
_CASE_SENSITIVE = set(words("case_sensitive_cues"))  # acronyms: matched lowercased like the others, then checked for their capitals


def _compile(patterns: list[tuple[str, _T]]) -> tuple[re.Pattern[str], list[str], dict[int, re.Pattern[str]]]:
    """One alternation over every cue of the given languages, run on lowercased text; the empty group
    closing alternative k names relation ``rels[k]``; ``exact[k]`` is the case-sensitive form a match
    of a case-sensitive cue must have.

    At a position the first listed alternative wins, so the order of :data:`TRIGGERS` is the priority.
    Cues are written lowercase and the pattern has no IGNORECASE flag, grouped by first letter
    (:func:`analysis.fastre.first_letter_alternation`): Python's ``re`` then jumps between the letters
    a cue can start with instead of trying every position.
    """
    parts, rels, exact = [], [], {}
    for _, table in patterns:
        for rel, pats in table.items():
            for p in pats:
                if p in _CASE_SENSITIVE:
                    exact[len(rels)] = re.compile(p)
                parts.append(p.lower())
                rels.append(rel)
    marks = [f"t{k}" for k in range(len(parts))]
    return re.compile(first_letter_alternation(parts, r"[\w-]", marks) + r"(?![\w-])"), rels, exact


COMPILED = {lang: _compile([(lang, t)]) for lang, t in TRIGGERS.items()}
#: language -> its negation words ('not', "n'", 'no'), found once per sentence (run on lowercased text)
NEGATION = {lang: re.compile(first_letter_alternation(LANGUAGES[lang]["negations"], r"[\w'’]") + r"(?:(?<=['’])|(?!\w))")
            for lang in ORDER if LANGUAGES[lang]["negations"]}
#: language -> pieces one of which every negation holds: a sentence without any has none, no scan (a language
#: whose negations have no such pieces is left out: every sentence is scanned)
_NEGATION_WORDS = {lang: Literals(pieces) for lang in NEGATION if (pieces := literal_options(LANGUAGES[lang]["negations"]))}
_UP_TO_TWO_WORDS = re.compile(r"\W*(?:[\w'’]+\W+){0,2}")  # between a negation and the cue it negates
COMPILED["und"] = _compile([(lang, TRIGGERS[lang]) for lang in ORDER])

_AGENT, _ARTICLE = alt("passive_agent"), alt("articles")
PASSIVE_BY = re.compile(r"^\W{0,3}(?:\w+\W+){0,3}?" + _AGENT + r"\b", re.IGNORECASE)
#: 'between' or a passive agent up to six words after a cue ('the agreement on a regular dialogue between …', 'signed in
#: Geneva on 12 May 2019 by …'; three words for the agent measured 0.003 lower pair F1 on the real dev split)
BETWEEN = re.compile(r"^\W{0,3}(?:\w+\W+){0,6}?(?:" + alt("between") + "|" + _AGENT + r")\b", re.IGNORECASE)
# The patterns searched in long stretches of a sentence start with literals (see analysis.fastre); those marked
# 'lowercased' run case-sensitively on the lowercased sentence, as a case-insensitive pattern would on the sentence.
AGENT_BEFORE = re.compile(word_start_alternation(words("passive_agent")) + r"\s+" + _ARTICLE + "?$")  # lowercased; 'funded by the '
CLAUSE_BREAK = re.compile(r",\s+" + alt("clause_breaks") + r"\b|" + word_start_alternation(words("purpose")) + r"\b")
PAIR_ANAPHOR = re.compile(r"\b" + alt("pair_anaphor_determiners") + r"\s+(?:" + alt("pair_anaphor_numerals") + r"\s+)?"
                          + alt("pair_anaphor_nouns") + r"\b", re.IGNORECASE)
#: 'the two countries', 'les deux pays', 'ambos gobiernos': the last two states named
STATE_PAIR_ANAPHOR = re.compile(r"\b" + alt("pair_anaphor_determiners") + r"\s+(?:" + alt("pair_anaphor_numerals")
                                + r"\s+)?" + alt("state_pair_anaphor_nouns") + r"\b", re.IGNORECASE)
PROGRAMME_ANAPHOR = re.compile(r"\b" + alt("programme_anaphor_determiners") + r"\s+" + alt("programme_anaphor_nouns")
                               + r"\b(?!\s+" + alt("programme_anaphor_not_followed_by") + r"\b)", re.IGNORECASE)
FOCAL_ANAPHOR = re.compile(r"\b" + alt("focal_anaphor_articles") + r"\s*" + alt("focal_anaphor_nouns") + r"\b(?!\s+"
                           + alt("focal_anaphor_not_followed_by") + ")")
PASSIVE_AUX = re.compile(word_start_alternation(words("passive_auxiliaries")) + r"\s+(?:\w+ly\s+)?$")  # lowercased
RELATIVE_PRONOUN = re.compile(r"^[^.;]{0,60}?,?\s*" + alt("relative_pronouns") + r"\s+" + _ARTICLE + "?$", re.IGNORECASE)
JOINT_CUE = re.compile(r"co-?" + alt("joint_cues"), re.IGNORECASE)  # a shared role
MEMBER_NOUN = re.compile(alt("member_nouns"), re.IGNORECASE)
# every match of the anaphor patterns contains the literal start of one of its nouns: the pattern runs only then
_PAIR_NOUNS = Literals(literal_prefixes(words("pair_anaphor_nouns")))
_PROGRAMME_NOUNS = Literals(literal_prefixes(words("programme_anaphor_nouns")))
_FOCAL_NOUNS = Literals(literal_prefixes(words("focal_anaphor_nouns"), lower=False))
THEY = re.compile(r"^\W*" + alt("they") + r"\b")
def _venue_before(langs: tuple[str, ...] | None = None) -> re.Pattern[str]:
    """A locative word (and article) of ``langs`` (default: all) ending right before a name: 'at the', 'en el', 'na'."""
    return re.compile(r"\b" + alt("locative_words", langs) + r"\s+(?:" + alt("articles", langs) + r")?$", re.IGNORECASE)


#: language -> a locative word (and article) ending right before a name: 'at the', 'en el', 'dans la', 'na'
VENUE_BEFORE = {code: _venue_before((code,)) for code in ORDER}
VENUE_BEFORE_ANY = _venue_before()  # any language's (a venue among a sentence's names, see analysis.extract.venues)


@quick_init  # made by the thousand: see analysis.records
@dataclass(frozen=True)
class Arg:
    """A relation argument in a sentence: entity id, offsets within the sentence, how it was found."""

    entity_id: str
    start: int
    end: int
    how: str = "explicit"  # explicit | anaphor | focal


@quick_init  # made by the thousand: see analysis.records
@dataclass(frozen=True)
class Relation:
    """One extracted relation with its evidence."""

    source: str
    target: str
    relation: str
    trigger: str
    trigger_start: int
    confidence: float
    rule: str


@dataclass
class Context:
    """What earlier sentences of the document say, for anaphora."""

    focal: str = ""
    #: whether the focal actor is a body with members (a network, process, group): only such a body is the
    #: missing subject of a membership listing ('members in attendance included …')
    focal_has_members: bool = False
    last_group: list[str] = field(default_factory=list)
    #: the last two states named (countries or their governments), for 'the two countries'
    last_states: list[str] = field(default_factory=list)
    last_programme: str = ""
    last_subjects: list[str] = field(default_factory=list)
    #: who hosted or organised in the last sentence naming actors ('The Ministry hosted a workshop …')
    last_hosts: list[str] = field(default_factory=list)
    #: the cues ``(start, end, relation)`` of the sentence last read by :func:`extract_from_sentence`
    cues: list[tuple[int, int, str]] = field(default_factory=list)


def find_triggers(sentence: str, language: str, low: str | None = None) -> list[tuple[int, int, str]]:
    """Non-overlapping trigger spans ``(start, end, relation)`` in ``sentence``, in order (``low``: the
    sentence lowercased by :func:`analysis.fastre.lower_same_length`, when the caller has it)."""
    rx, rels, exact = COMPILED.get(language, COMPILED["und"])
    low = lower_same_length(sentence) if low is None else low
    negation = NEGATION.get(language)
    negations: list[int] | None = None  # ends of the sentence's negations, found at its first cue
    out, denied = [], -1  # end of the last negated cue
    for m in rx.finditer(low):
        k = int(mark_of(m)[1:])
        if negations is None:
            negations = [n.end() for n in negation.finditer(low)] \
                if negation is not None and (language not in _NEGATION_WORDS or _NEGATION_WORDS[language].found_in(low)) else []
        if negations and (any(e <= m.start() and _UP_TO_TWO_WORDS.fullmatch(low, e, m.start()) for e in negations)
                          or (denied >= 0 and _NEAR_DENIED.fullmatch(low, denied, m.start()))):
            denied = m.end()  # 'did not sign', 'ne coopéreraient', "n'a pas signé l'accord": no relation
            continue
        if k not in exact or exact[k].fullmatch(sentence, m.start(), m.end()):
            out.append((m.start(), m.end(), rels[k]))
    return out


_NEAR = re.compile(r"\s*(?:[\w'’-]+\s+){0,2}")  # at most two words between two cues
_NEAR_DENIED = re.compile(r"\s*(?:[\w'’-]+\s*){0,2}")  # the same, elided articles included ("signé l'accord")


def merge_adjacent(triggers: list[tuple[int, int, str]], sentence: str) -> list[tuple[int, int, str]]:
    """Fuse cue words two words apart or less into one trigger with the last one's relation (a signing wins:
    'firmaron un acuerdo de colaboración', see ``fused_priority`` in resources/relations.yaml).

    'implemented in partnership with' is one partnership cue, 'working relationships with
    UN partners' one cue whose objects start right after 'with'.
    """
    out: list[tuple[int, int, str]] = []
    for t in triggers:
        if out and _NEAR.fullmatch(sentence, out[-1][1], t[0]):
            keep = out[-1][2] if out[-1][2] in FUSED_PRIORITY and t[2] not in FUSED_PRIORITY else t[2]
            out[-1] = (out[-1][0], t[1], keep)
        else:
            out.append(t)
    return out


def anaphors(sentence: str, ctx: Context, explicit: list[Arg]) -> list[Arg]:
    """Arguments implied by anaphoric noun phrases of the sentence."""
    out: list[Arg] = []
    occupied = [(a.start, a.end) for a in explicit]

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in occupied)

    # each pattern only runs when the context has something it could refer to and the sentence has its noun;
    # without the context's pair, an anaphor stands for two bodies the sentence names before it: it needs two
    pairs = len(ctx.last_group) >= 2 or len(explicit) >= 2 and _two_bodies(explicit)
    low = sentence.lower() if pairs or ctx.last_programme else ""
    noun = pairs and _PAIR_NOUNS.found_in(low)
    pair = noun and len(ctx.last_group) >= 2
    for m in PAIR_ANAPHOR.finditer(sentence) if noun else ():
        if free(*m.span()):
            # 'the directors of IOM and ILO signed an agreement between both agencies': the two bodies just
            # named in the sentence, else the previous sentence's pair (a state is never 'an agency')
            named = list(dict.fromkeys(a.entity_id for a in sorted(explicit, key=lambda a: a.start)
                                       if a.end <= m.start() and a.how == "explicit"
                                       and not _is_state(a.entity_id)))
            group = named[-2:] if len(named) >= 2 else ctx.last_group if pair else []
            out += [Arg(e, m.start(), m.end(), "anaphor") for e in group]
    for m in STATE_PAIR_ANAPHOR.finditer(sentence) if len(ctx.last_states) == 2 else ():
        if free(*m.span()):
            out += [Arg(e, m.start(), m.end(), "anaphor") for e in ctx.last_states]
    programme = ctx.last_programme and _PROGRAMME_NOUNS.found_in(low)
    for m in PROGRAMME_ANAPHOR.finditer(sentence) if programme else ():
        if free(*m.span()):
            out.append(Arg(ctx.last_programme, m.start(), m.end(), "anaphor"))
    for m in FOCAL_ANAPHOR.finditer(sentence) if ctx.focal and _FOCAL_NOUNS.found_in(sentence) else ():
        if free(*m.span()):
            out.append(Arg(ctx.focal, m.start(), m.end(), "anaphor"))
    m = THEY.match(sentence) if ctx.last_subjects else None
    if m:
        out += [Arg(e, m.start(), m.end(), "anaphor") for e in ctx.last_subjects]
    return out


def _is_state(entity_id: str) -> bool:
    """A country or its government (ids 'C_<ISO3>', 'GOV_<ISO3>')."""
    return entity_id.startswith(("C_", "GOV_"))


def _two_bodies(args: list[Arg]) -> bool:
    """Whether ``args`` name at least two bodies explicitly (states left out), as 'both agencies' needs."""
    return len({a.entity_id for a in args if a.how == "explicit" and not _is_state(a.entity_id)}) >= 2


def extract_from_sentence(sentence: str, args: list[Arg], language: str, ctx: Context) -> tuple[list[Relation], list[str]]:
    """Relations stated by one sentence, and the sentence's subject group (for the next sentence's 'They').

    ``args`` are the actor mentions of the sentence (anaphors included), in any order.
    """
    ctx.cues = []
    if not args:
        return [], []  # no actor, no relation: the cue search is the costly part, skip it
    names = [(a.start, a.end) for a in args if a.how == "explicit"]
    low = lower_same_length(sentence)
    # a cue inside a name is part of the name ('Organization for Security and Co-operation in Europe')
    triggers = merge_adjacent([t for t in find_triggers(sentence, language, low)
                               if not any(a <= t[0] and t[1] <= b for a, b in names)], sentence)
    ctx.cues = triggers
    args = sorted(args, key=lambda a: (a.start, a.end))
    previous_hosts = ctx.last_hosts
    joint = joint_names(sentence, args, language, triggers) + owned_names(sentence, args, language)
    if not triggers:
        ctx.last_hosts = []
        return joint, _subject_ids([a for a in args if a.how != "focal"])
    relations: list[Relation] = list(joint)
    prev_objects: list[Arg] = []
    prev_passive, prev_rel, prev_span = False, "", (0, 0)
    prev_members_of: list[Arg] = []  # the body whose members the previous cue listed ('members included …')
    first_trigger = triggers[0][0]
    sentence_subject = [a for a in args if a.end <= first_trigger and not AGENT_BEFORE.search(low, 0, a.start)]
    ctx.last_hosts = [a.entity_id for a in sentence_subject if a.how == "explicit"] \
        if any(t[2] == "hosts_meeting" for t in triggers) else []
    for k, (t_start, t_end, rel) in enumerate(triggers):
        next_start = triggers[k + 1][0] if k + 1 < len(triggers) else len(sentence)
        prev_end = triggers[k - 1][1] if k else 0
        # objects: after the trigger, up to the next trigger or a clause break
        inner = [a for a in args if t_start <= a.start and a.end <= t_end]
        # a clause break inside a name is part of the name ('Fondo … para la Infancia')
        limit = next((b.start() for b in CLAUSE_BREAK.finditer(sentence, t_end, next_start)
                      if not any(a <= b.start() < e for a, e in names)), next_start)
        objects = inner + [a for a in args if t_end <= a.start < limit]
        # subject: nearest group before the trigger in this stretch, else the sentence subject
        stretch = sentence[prev_end:t_start]
        comma = stretch.rfind(", ") if k else -1  # a later cue's own clause starts after the last comma
        local = [a for a in args if prev_end + max(comma, 0) <= a.start and a.end <= t_start
                 and not AGENT_BEFORE.search(low, 0, a.start)]
        by_agent = PASSIVE_BY.match(sentence[t_end:t_end + 40])  # 'funded by …': the objects are agents
        # 'funded by the EU and implemented by IOM': the first cue's agents are not the second one's patients
        agents_before = prev_passive and by_agent is not None
        if prev_members_of and rel == "partnership" and {a.entity_id for a in local} <= {a.entity_id for a in prev_objects}:
            # 'members included A, B and C, alongside D and E': the list goes on, D and E are members too
            for o in objects:
                for body in prev_members_of:
                    _add(relations, o, body, "member_of", sentence[t_start:t_end], t_start, 0.75,
                         f"{language}:member_of:inverse:continued")
            prev_objects = prev_objects + objects
            continue
        if k and prev_objects and not agents_before and (
                not local or (comma < 0 and {a.entity_id for a in local} <= {a.entity_id for a in prev_objects})):
            # 'a joint initiative by A and B being implemented in partnership with C': A and B act on C too
            subject = _dedupe(sentence_subject + prev_objects)
        else:
            subject = local or sentence_subject
        if not objects and subject and subject[0].how == "explicit":
            before = [a for a in args if a.end <= subject[0].start]
            if before and RELATIVE_PRONOUN.search(sentence[before[-1].end:subject[0].start]):
                objects = [before[-1]]  # 'R4V …, which UNHCR and IOM co-lead': the antecedent is the object
        inverse = rel in INVERSE_CUES
        needs_subject = rel in CUE_RELATION
        rel = INVERSE_CUES.get(rel, CUE_RELATION.get(rel, rel))
        passive = inverse or by_agent is not None
        if passive and not inverse and rel in ("member_of", "observer_of"):
            # 'X's inclusion by the Assembly in Y': the agent is not a member; read the rest actively
            agents_end = t_end + by_agent.end()
            objects = [a for a in objects if not (agents_end <= a.start and AGENT_BEFORE.search(low, 0, a.start))]
            passive = False
        elif not passive and RELATIONS[rel][0] and PASSIVE_AUX.search(low, 0, t_start):
            objects = []  # 'X was established in May 2018 …': no agent, X is what was acted on
        paired = bool(BETWEEN.match(sentence[t_end:t_end + 60]))
        if not k and not subject and not paired and rel != "member_of" and _OPENING.fullmatch(sentence, 0, t_start) \
                and (fronted := fronted_phrase(sentence, t_end, limit, objects)):
            objects, subject = fronted  # 'With the support of the EU, IOM launched …': IOM is the subject
        if rel == "member_of" and not passive and not inverse and len(objects) >= 2:
            # 'los países miembros del SICA: Costa Rica, El Salvador, …', 'integrantes de la CSM (República Argentina, …)':
            # the list after the colon or parenthesis are the members
            head = objects[0]
            opener = re.match(r"[^,;:(]{0,40}?[:(]", sentence[head.end:head.end + 60])  # 'del SICA:', 'de la CSM ('
            listed = [a for a in objects[1:] if opener and a.start >= head.end + opener.end()]
            if opener and opener.group(0).endswith("("):
                inside = sentence[head.end + opener.end():].split(")", 1)[0]
                if inside.count(",") < 2:
                    listed = []  # 'the Group of Experts (GRETA)': a name in parentheses, not a list of members
            for member in listed:
                _add(relations, member, head, "member_of", sentence[t_start:t_end], t_start, 0.75,
                     f"{language}:member_of:listed")
            if listed:
                objects = [head]
        if rel in VENUE_RELATIONS:
            objects = [a for a in objects if not at_venue(sentence, t_end, a, language)]
        directed = RELATIONS[rel][0]
        conf = 0.9 if subject and all(a.how == "explicit" for a in subject) else 0.75
        # 'Members of GRETA presented …' names people, it does not say the focal actor joined
        member_noun = rel in ("member_of", "observer_of") and not inverse and MEMBER_NOUN.match(sentence, t_start) is not None
        if not subject and k == 0 and t_start == 0 and previous_hosts and not inverse and not passive:
            # 'The Ministry hosted a workshop … Organised in partnership with Frontex and ICMPD, the meeting …':
            # a sentence opening on the cue continues the host's event
            subject = [Arg(h, -1, -1, "anaphor") for h in previous_hosts]
            conf = 0.75
        # the focal actor may be the missing subject of an action, or the body whose members a listing names
        if not subject and ctx.focal and not (paired and len(objects) >= 2) \
                and (not inverse or (rel == "member_of" and ctx.focal_has_members)) \
                and not needs_subject \
                and not member_noun \
                and not agents_before:
            subject = [Arg(ctx.focal, -1, -1, "focal")]
            conf = 0.6
        frame = Frame(sentence, language, rel, t_start, t_end, subject, objects, conf, directed, passive, inverse,
                      paired, agents_before, prev_rel, prev_objects, prev_span)
        for reading in READINGS:
            if reading.applies(frame):
                reading.read(frame, relations)
        prev_objects = objects or prev_objects
        prev_passive, prev_rel, prev_span = passive and not inverse, rel, (t_start, t_end)
        prev_members_of = subject if inverse and rel == "member_of" and objects else []
    return relations, _subject_ids(sentence_subject)


def at_venue(sentence: str, cue_end: int, arg: Arg, language: str) -> bool:
    """Whether ``arg``, named after a cue ending at ``cue_end``, follows a locative word there: the place where the act
    took place, not a party to it ('Bolivia y Perú suscribieron la Hoja de Ruta en el Centro Binacional …', 'signed at
    the Ministry'). A locative word inside the cue ('participate in') does not count.

    >>> at_venue("A and B signed it at the Ministry.", 15, Arg("MIN", 25, 33), "en")
    True
    """
    rx = VENUE_BEFORE.get(language)
    return rx is not None and arg.start > cue_end and rx.search(sentence, cue_end, arg.start) is not None


_COMMA = re.compile(r",\s")
_OPENING = re.compile(r"\W*(?:[\w'’]+\s+)?")  # a sentence opening on its cue: at most one word before it
_CONJUNCTION = re.compile(r"\b" + alt("and") + r"\b")


def fronted_phrase(sentence: str, start: int, end: int, objects: list[Arg]) -> tuple[list[Arg], list[Arg]] | None:
    """A sentence opening on its cue ('With the support of the EU and Sweden, IOM launched …', 'Con financiamiento de
    la Unión Europea, la UNODC promovió …', 'In collaboration with UNICEF, IOM organised …'): the cue's phrase ends at
    the comma that closes its enumeration, and the actors after that comma, up to the next comma, are the subject.

    ``start``-``end``: from the end of the cue to the next cue or clause break; ``objects``: the arguments found
    there. Returns (objects, subject), or None when no comma splits them.

    >>> eu, iom = Arg("EU", 24, 26), Arg("IOM", 28, 31)
    >>> fronted_phrase("With the support of the EU, IOM launched it.", 19, 44, [eu, iom]) == ([eu], [iom])
    True
    """
    commas = [m.start() for m in _COMMA.finditer(sentence, start, end)]
    commas = [c for c in commas if not any(a.start < c < a.end for a in objects)]  # a comma inside a name
    for i, c in enumerate(commas):
        before = [a for a in objects if a.end <= c]
        if not before:
            continue
        after_end = commas[i + 1] if i + 1 < len(commas) else end
        if i + 1 < len(commas) and _CONJUNCTION.search(sentence, c, after_end) \
                and _only_list_items(sentence, c + 1, after_end, objects):
            continue  # 'of the EU, Sweden and Norway, IOM …': the enumeration goes on to its last item
        after = [a for a in objects if c < a.start and a.end <= after_end]
        return (before, after) if after else None
    return None


_LIST_WORDS = frozenset(form for w in words("and") + words("of_words") + words("articles")
                        for form in (w.lower().replace("\\s+", "").strip().replace("['’]", q) for q in "'’"))


def _only_list_items(sentence: str, start: int, end: int, args: list[Arg]) -> bool:
    """Whether ``sentence[start:end]`` holds nothing but names of ``args`` and the words joining them ('Sweden and
    Norway'; not 'IOM and UNHCR trained 30 officers')."""
    text, pos = [], start
    for a in sorted((a for a in args if start <= a.start and a.end <= end), key=lambda a: a.start):
        text.append(sentence[pos:a.start])
        pos = a.end
    text.append(sentence[pos:end])
    return all(w.lower() in _LIST_WORDS for w in re.findall(r"[^\W\d_]+(?:['’])?", " ".join(text)))


_NAME_JOIN = re.compile(r"\s?[-–/]\s?")  # 'UNICEF-UNHCR', 'EU–IOM', 'IOM/UNHCR', 'UA - UE - ONU'


def joint_names(sentence: str, args: list[Arg], language: str,
                triggers: list[tuple[int, int, str]] = ()) -> list[Relation]:
    """A body named after its members: 'a joint UNICEF-UNHCR task force', 'the EU-IOM Joint Initiative',
    'la task force UA-UE-ONU' say that the bodies joined by a hyphen or slash work together. States joined so
    are partners only right next to a cue of cooperation (``triggers``: the sentence's cues): 'l'accord
    France-Sénégal', 'la coopération Maroc-Espagne'; 'the Afghanistan-Pakistan border' and 'signed the
    Afghanistan-Pakistan border plan' name a place."""
    out: list[Relation] = []
    if len(args) < 2 or not ("-" in sentence or "/" in sentence or "–" in sentence):
        return out
    named = sorted((a for a in args if a.how == "explicit"), key=lambda a: a.start)
    chain: list[Arg] = []
    for a in [*named, None]:  # None closes the last chain
        if a is not None and chain and _NAME_JOIN.fullmatch(sentence, chain[-1].end, a.start):
            chain.append(a)
            continue
        if chain and not any(e <= chain[0].start and sentence[e:chain[0].start] in _CUE_GAPS
                             or chain[-1].end <= s and sentence[chain[-1].end:s] in _CUE_GAPS for s, e, _ in triggers):
            chain = [x for x in chain if not _is_state(x.entity_id)]  # no cue: states name a place
        if len({x.entity_id for x in chain}) >= 2:
            _pairs(out, chain, "partnership", sentence[chain[0].start:chain[-1].end], chain[0].start, 0.75,
                   f"{language}:partnership:joint_name")
        chain = [a]
    return out


_POSSESSIVE = {code: re.compile("|".join(f"(?:{p})" for p in LANGUAGES[code]["possessive_gaps"]))
               for code in ORDER if LANGUAGES[code]["possessive_gaps"]}


def owned_names(sentence: str, args: list[Arg], language: str) -> list[Relation]:
    """A body named as another's: 'IOM’s Connecting Diaspora for Development (CD4D) scheme', 'UNHCR’s Regional
    Bureau': the owner runs it, a pair (a programme and the agency implementing it; a unit and its parent)."""
    gap = _POSSESSIVE.get(language)
    if gap is None or len(args) < 2:
        return []
    out: list[Relation] = []
    named = sorted((a for a in args if a.how == "explicit"), key=lambda a: a.start)
    for owner, owned in zip(named, named[1:]):
        if owner.entity_id != owned.entity_id and gap.fullmatch(sentence, owner.end, owned.start):
            _add(out, owner, owned, "implements", sentence[owner.start:owned.end], owner.start, 0.75,
                 f"{language}:implements:possessive")
    return out


_CUE_GAPS = ("", " ")  # a cue right before or after the joined names qualifies them ('accord France-Sénégal')


@quick_init  # made by the thousand: see analysis.records
@dataclass(frozen=True)
class Frame:
    """One cue of a sentence with its argument slots filled: what every reading reads.

    ``subject`` and ``objects`` are the arguments before and after the cue (see :func:`extract_from_sentence`),
    ``passive`` says the objects are agents ('funded by …'), ``inverse`` that the cue reads its objects as
    sources ('brings together …'), ``paired`` that 'between' follows the cue; the ``prev_*`` fields describe
    the sentence's previous cue."""

    sentence: str
    language: str
    relation: str
    start: int
    end: int
    subject: list[Arg]
    objects: list[Arg]
    confidence: float
    directed: bool
    passive: bool
    inverse: bool
    paired: bool
    agents_before: bool
    prev_relation: str
    prev_objects: list[Arg]
    prev_span: tuple[int, int]

    @property
    def cue(self) -> str:
        return self.sentence[self.start:self.end]

    @property
    def rule(self) -> str:
        """The rule name of the frame's main reading: '<language>:<relation>:<voice>'."""
        voice = "inverse" if self.inverse else "passive" if self.passive else "between" if self.paired else "active"
        return f"{self.language}:{self.relation}:{voice}"


@dataclass(frozen=True)
class Reading:
    """A named way of turning a filled frame into relations: ``applies`` says when, ``read`` adds the relations.
    The engine (:func:`extract_from_sentence`) runs :data:`READINGS` in order; the first relation stated
    between two actors in a sentence wins, so the order is the priority. A new case is a new reading with
    its own test (``tests/test_relations.py``), never a branch inside another."""

    name: str
    applies: Callable[[Frame], bool]
    read: Callable[[Frame, list[Relation]], None]


def _between(f: Frame, out: list[Relation]) -> None:
    """'an agreement between A and B' (and 'signed by A and B'): the objects with each other (when they are at most
    MAX_GROUP: a longer list is of members, not of partners with each other), the subject with each."""
    if len({a.entity_id for a in f.objects}) <= MAX_GROUP:
        _pairs(out, f.objects, f.relation, f.cue, f.start, 0.9, f.rule)
    _cross(out, f.subject, f.objects, f)


def _group(f: Frame, out: list[Relation]) -> None:
    """'IOM, UNHCR and UNICEF signed …': a coordinated subject of at most MAX_GROUP actors are partners."""
    _pairs(out, f.subject, f.relation, f.cue, f.start, f.confidence, f.rule + ":group")


def _cross(out: list[Relation], sources: list[Arg], targets: list[Arg], f: Frame, rule: str = "") -> None:
    for s in sources:
        for o in targets:
            _add(out, s, o, f.relation, f.cue, f.start, f.confidence, rule or f.rule)


def _unary(f: Frame, out: list[Relation]) -> None:
    """'X was established in May 2018': an establishment with one participant (an event, no pair)."""
    for s in f.subject:
        if s.how != "focal":
            rel = Relation(s.entity_id, "", f.relation, f.cue, f.start, f.confidence, f.rule + ":unary")
            if rel not in out:
                out.append(rel)


def _joint_role(f: Frame, out: list[Relation]) -> None:
    """'coliderada por la OIM y el ACNUR', 'which UNHCR and IOM co-lead', 'co-organized by A and B': those who
    lead or organise something together are partners."""
    joint = [a for a in (f.objects if f.passive else f.subject) if a.how == "explicit"]
    _pairs(out, joint, "partnership", f.cue, f.start, 0.75, f"{f.language}:partnership:joint")


def _coagents(f: Frame, out: list[Relation]) -> None:
    """'implemented by UNHCR, IOM and UN-Habitat', 'organizado pela PF e pelo UNODC': co-agents work together."""
    _pairs(out, [a for a in f.objects if a.how == "explicit"], "partnership", f.cue, f.start, 0.75,
           f"{f.language}:partnership:coagents")


def _cosubjects(f: Frame, out: list[Relation]) -> None:
    """'IOM and the ANLTP opened the first shelter', 'UNHCR and IOM organized a workshop': who do one thing
    together work together."""
    _pairs(out, [a for a in f.subject if a.how == "explicit"], "partnership", f.cue, f.start, 0.75,
           f"{f.language}:partnership:cosubjects")


def _chained(f: Frame, out: list[Relation]) -> None:
    """'funded by the EU and implemented by IOM', 'implemented by UNODC, funded by the EU': the donor funds what the
    other agent does; 'hosted by A, the training was organized by B': A hosts B."""
    chained = "funds" if "funds" in (f.relation, f.prev_relation) else f.prev_relation
    firsts, others, span = (f.prev_objects, f.objects, f.prev_span) if f.prev_relation == chained else \
        (f.objects, f.prev_objects, (f.start, f.end))
    for a in firsts:
        for o in others:
            _add(out, a, o, chained, f.sentence[span[0]:span[1]], span[0], 0.75, f"{f.language}:{chained}:passive:chained")


def _explicit_agents(f: Frame) -> int:
    return len({a.entity_id for a in f.objects if a.how == "explicit"})


#: the readings of a filled frame, in priority order (see :class:`Reading`)
READINGS: tuple[Reading, ...] = (
    Reading("between", lambda f: not f.directed and f.paired and len(f.objects) >= 2, _between),
    Reading("group", lambda f: not f.directed and not (f.paired and len(f.objects) >= 2)
            and 2 <= len({a.entity_id for a in f.subject}) <= MAX_GROUP, _group),
    Reading("symmetric", lambda f: not f.directed and not (f.paired and len(f.objects) >= 2),
            lambda f, out: _cross(out, f.subject, f.objects, f)),
    Reading("passive", lambda f: f.directed and f.passive, lambda f, out: _cross(out, f.objects, f.subject, f)),
    Reading("coagents", lambda f: f.directed and f.passive and f.relation in JOINT_WORK and not f.inverse
            and 2 <= _explicit_agents(f) <= MAX_GROUP, _coagents),
    Reading("active", lambda f: f.directed and not f.passive, lambda f, out: _cross(out, f.subject, f.objects, f)),
    Reading("cosubjects", lambda f: f.directed and not f.passive and f.relation in JOINT_WORK
            and 2 <= len({a.entity_id for a in f.subject if a.how == "explicit"}) <= MAX_GROUP, _cosubjects),
    Reading("unary", lambda f: f.directed and not f.passive and f.relation == "established" and not f.objects, _unary),
    Reading("joint_role", lambda f: f.directed and JOINT_CUE.match(f.cue) is not None, _joint_role),
    Reading("chained", lambda f: f.agents_before and f.directed and f.passive
            and ("funds" in (f.relation, f.prev_relation) or f.prev_relation == "hosts_meeting"), _chained),
)


def _same(a: Arg, group: list[Arg]) -> bool:
    return any(a.entity_id == g.entity_id for g in group)


def _dedupe(args: list[Arg]) -> list[Arg]:
    seen: set[str] = set()
    out = []
    for a in args:
        if a.entity_id not in seen:
            seen.add(a.entity_id)
            out.append(a)
    return out


def _subject_ids(args: list[Arg]) -> list[str]:
    return list(dict.fromkeys(a.entity_id for a in args))


def _add(out: list[Relation], s: Arg, o: Arg, rel: str, trig: str, pos: int, conf: float, rule: str) -> None:
    if s.entity_id == o.entity_id:
        return
    if not RELATIONS[rel][0]:
        a, b = sorted((s.entity_id, o.entity_id))
    else:
        a, b = s.entity_id, o.entity_id
        if any(r.source == b and r.target == a and r.relation == rel for r in out):
            return  # one direction per sentence: the first reading wins
    if any(r.source == a and r.target == b and r.relation == rel for r in out):
        return
    out.append(Relation(a, b, rel, trig, pos, conf, rule))


def _pairs(out: list[Relation], group: list[Arg], rel: str, trig: str, pos: int, conf: float, rule: str) -> None:
    for i, a in enumerate(group):
        for b in group[i + 1:]:
            _add(out, a, b, rel, trig, pos, conf, rule)
