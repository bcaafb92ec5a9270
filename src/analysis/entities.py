"""Stage 2a: entities and mentions — the reference knowledge base plus what the text itself defines.

Mechanisms, each general (nothing here names a seed document's actor):

* **Reference aliases** (:mod:`analysis.kb`): longest match, acronyms case-sensitive, so the
  'UN' inside 'UN Network on Migration' is the network, and 'OIM' or 'HCR' find IOM or UNHCR.
* **Acronym definitions** found in the text, in both orders: 'Long Name (ACR)' and
  'ACR (Long Name)', with the Schwartz & Hearst (2003) letter alignment. A definition of a
  reference acronym adds the long form as a seen alias; an unknown one creates an entity
  whose kind comes from the head noun of the long form ('… Group' → mechanism,
  '… Programme' → programme, '… Convention' → instrument, '… Office' → organization)
  or from the word that follows ('the BMM programme'); concepts ('Internally Displaced
  Persons (IDPs)') have no such head and are not entities.
* **Governments and ministries**: 'the Government of X', 'X's government', 'le gouvernement
  du X', 'el Gobierno de X', 'the Iranian authorities', 'Ministry of … (of X)', 'ministère
  de …', 'Ministerio de …'.
* **Country roles**: a country named as a place or scope ('in four countries: …', 'au Niger')
  is a ``country``; the relation stage turns a country that acts into its ``government``.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass, field
from typing import Callable, Iterator

from .fastre import Literals, literal_prefixes, lower_same_length, required_literal, word_start_alternation
from .lang import LANGUAGES, ORDER, alt, table, words
from .kb import ACTOR_KINDS, MISSION_PREFIXES, AliasMatcher, Entity, KnowledgeBase, Match, fold, is_case_sensitive, qualified_names, shares_word_stems, tokenize
from .records import quick_init

_HEADS: dict[str, set[str]] = {kind: set(heads) for kind, heads in table("heads").items()}
_FOLDED_KIND_HEADS = {kind: frozenset(fold(h) for h in heads) for kind, heads in _HEADS.items()}
_GENERIC = re.compile(r"^" + alt("generic_names"), re.IGNORECASE)
#: a news agency's name ('Agence Fides', 'Agencia Guatemalteca de Noticias'): the page's source, not a body
NEWS_AGENCY = re.compile("|".join(f"(?:{p})" for p in words("news_agency_names")))
_CONNECTORS = set(words("connectors"))
_SF = re.compile(r"\((?P<sf>[A-Z][\w.&/-]*[A-Z][\w.&/-]*?s?)(?:\s+(?P<rest>[^()]{1,60}))?\)")
_BRANCH_NAME = re.compile(r"[A-ZÀ-Ý][\w'’-]+(?: [A-ZÀ-Ý][\w'’-]+)?")  # the place after an acronym: '(CIAUD Canada)'
#: '(IcSP, por sus siglas en inglés)', '(TLPDP, sigla em inglês)': an acronym declared as one, often of a translated name
#: an acronym written in title case, as some newspapers write every acronym: '(Oim)', '(Ue)', '(Unodc)'
_SF_COMMA = re.compile(r"\((?P<sf>[A-Z][\w.&/-]*[A-Z][\w.&/-]*?s?),\s+[^()]{1,80}\)")  # '(PRAIDA, financé par …)'
_SF_TITLE = re.compile(r"\((?P<sf>[A-Z][a-z]{1,6})\)")
_SF_NOTE = re.compile(r"\((?P<sf>[A-Z][\w.&/-]*[A-Z][\w.&/-]*?s?),\s*" + alt("acronym_notes") + r"\s*\)", re.IGNORECASE)
#: 'IPAD – Instituto Português de Apoio ao Desenvolvimento': an acronym, a dash, then its long form
_DASH_GAP = re.compile(r"\s+[–—-]\s")
_CAPITAL_DASH_GAP = re.compile(r"[A-Z]" + _DASH_GAP.pattern)  # a capital and a dash gap after it
_ACRONYM_END = re.compile(r"\b[A-Z][A-Z0-9&]*[A-Z]$")
_SF_DASH_LF = re.compile(r"\b(?P<sf>[A-Z][A-Z0-9&]*[A-Z])\s+[–—-]\s+(?P<lf>[A-ZÀ-Ý][^\n;:()–—]{6,160})")
_CAPITALISED_TAIL = re.compile(r"(?:(?:" + alt("connectors") + r"\s+)*[A-ZÀ-Ý][\w'’-]*(?:\s+|$))*")
_LF_IN_PARENS = re.compile(r"(?P<sf>[A-Z](?<!\w.)[A-Z0-9.&/-]*[A-Z])\s+\((?P<lf>[A-ZÀ-Ý][^()]{6,120})\)")
_ARTICLE = alt("articles")  # 'the ', 'la ', "l'"
_BARE_ARTICLE = _ARTICLE.replace(r"\s+", "")  # 'the', 'la', "l'" (the spacing written by the pattern using it)
_OF = alt("of_words")
_AND = alt("and")

GOV_BEFORE = re.compile("(?:" + "|".join(words("government_before")) + ")$", re.IGNORECASE)
#: a cue naming a supporter right before a country: 'with the support of Japan', "avec l'appui de la France" (the state
#: funds; in French, Spanish and Portuguese the 'de' would otherwise make it a place)
SUPPORT_BEFORE = re.compile(r"(?:" + "|".join(p for code in ORDER for p in LANGUAGES[code]["relations"]["supported_by"])
                            + r")\s+(?:" + _ARTICLE + r")?$", re.IGNORECASE)
#: a cue naming a recipient right before a country: "a accordé à la Mauritanie un don", 'granted to Mauritania'
RECIPIENT_BEFORE = re.compile(r"\b(?:" + "|".join(words("recipient_before")) + r")\s+(?:" + _ARTICLE + r")?$", re.IGNORECASE)
#: a visit's cue right before a country: 'une visite de travail en Tunisie', 'a working visit to Ghana' (the host)
VISIT_BEFORE = re.compile(r"\b(?:" + "|".join(words("visit_to")) + r")\s+(?:" + _ARTICLE + r")?$", re.IGNORECASE)
#: a cue naming a party or an agent right before a country: 'accords conclus avec le Gabon', 'talks between Panama',
#: 'liderado por Portugal', 'un dialogue entre dix pays : l'Algérie' (the state acts: a party, never a place)
PARTY_BEFORE = re.compile(r"(?:" + "|".join(words("party_before")) + r")\s+(?:" + _ARTICLE + r")?$", re.IGNORECASE)
GOV_AFTER = re.compile(r"^(?:['’]s)?\s+" + alt("government_after") + r"\b", re.IGNORECASE)
GOV_NOUN_AFTER_ADJ = re.compile(r"^\s+" + alt("government_nouns_after_demonym") + r"\b", re.IGNORECASE)
#: a state's missions abroad: one named group a prefix ('EMB': embassies, 'CON': consulates; mission_nouns)
_MISSION = "|".join(f"(?P<{prefix}>" + "|".join(nouns) + ")" for prefix, nouns in table("mission_nouns").items())
_MISSION_IN = re.compile(r"\b(?:" + _MISSION + r")\b", re.IGNORECASE)
MISSION_OF = re.compile(r"\b(?:" + _MISSION + r")\s+" + _OF + r"\s+(?:" + _ARTICLE + r")?$", re.IGNORECASE)  # 'the Embassy of '
MISSION_AFTER = re.compile(r"(?:['’]s)?\s+(?:" + _MISSION + r")\b", re.IGNORECASE)  # 'the US Embassy', 'Bolivian consulate'
MISSION_BEFORE = re.compile(r"\b(?:" + _MISSION + r")\s+$", re.IGNORECASE)  # "l'ambassade japonaise", 'el consulado boliviano'
_EMBASSY_PLACE = re.compile(r"\s+" + alt("locative_words") + r"\s+(?:" + _ARTICLE + r")?(?P<where>[A-ZÀ-Ý][\w'’-]*"
                            r"(?:[ -][A-ZÀ-Ý][\w'’-]*){0,3})")  # 'Embassy of Japan in Senegal'
GOV_NOUN_BEFORE_ADJ = re.compile(r"\b" + alt("government_nouns_before_demonym") + r"\s+$", re.IGNORECASE)
PLACE_BEFORE = re.compile(
    r"(?:\b(?:" + "|".join(words("place_before") + words("listing_words")) + r")\s+" + _ARTICLE + "?"
    r"|\b" + alt("countries_words") + r"\s*(?::|" + alt("listing_words") + r")?\s*[^.;]{0,80}?)$",
    re.IGNORECASE)
#: one pattern a language; each has a group 'name' (and may have 'adj', a demonym before it)
MINISTRY = tuple(re.compile(p) for p in words("ministry_patterns"))
#: each ministry pattern with what may stand between a state and the ministry in its language ('the Bangladesh
#: Ministry of …', "Jamaica's Ministry of …"; None where the language names the state after the body)
_MINISTRY_OWNERS = tuple((re.compile(p), re.compile(r"(?:" + "|".join(re.escape(g) for g in sorted(
    LANGUAGES[code]["owner_gaps"], key=len, reverse=True)) + r")[^\S\n]+$") if LANGUAGES[code]["owner_gaps"] else None)
    for code in ORDER for p in LANGUAGES[code]["ministry_patterns"])
_MINISTRY_CUES = Literals(sorted(set(words("ministry_cues"))))
_NAME_HEADS = words("name_heads")
_FOLDED_HEADS = frozenset(fold(h) for h in _NAME_HEADS)
_LOWER_HEADS = frozenset(h.lower() for h in _NAME_HEADS)
_PERSON_TITLES = frozenset(fold(w) for w in words("person_titles"))
_OPENING_HEADS = frozenset(fold(h) for h in words("opening_heads"))  # heads only when first: 'City of Athens'
_MIDDLE_HEADS = frozenset(fold(h) for h in ("red", "cruz", "croix"))  # also ordinary words: count only as the last word
# (the look-behind follows the first capital, so that the scan jumps between capitals: see analysis.fastre)
TITLE_NAME = re.compile(
    r"(?P<name>[A-ZÀ-Ý](?<![\w´-].)(?:(?<!['’].)|(?<=\b[lLdD]['’].))[\w-]*(?: (?:(?:" + "|".join(words("name_connectors"))
    + r"|" + _AND + r"(?! " + _BARE_ARTICLE + r"\b)) ?)*[A-ZÀ-Ý][\w-]*){1,9})")
_OPENERS = {fold(w) for w in words("openers")}
_GENERIC_NAME = re.compile(r"^(?:" + alt("generic_name_words") + r"\s+\w+s?|[\w-]+\s+(?:" + "|".join(words("generic_name_tails"))
                           + r"))$")  # 'Special Council', 'Secretaría Técnica': a title, no name
_ROLE_OFFICE = re.compile(r"^" + alt("role_offices") + r"\s+" + _OF + r"\s+" + _ARTICLE + "?" + alt("role_titles") + r"\b",
                          re.IGNORECASE)
POSSESSIVE_BEFORE = re.compile(r"(?:['’´]s|\b" + _OF + r"\s+" + _ARTICLE + r"?)\s*$")
KIND_WORD_BEFORE = re.compile(r"\b(?P<w>" + "|".join(words("kind_words")) + r")\s+$", re.IGNORECASE)
FOLLOWING_KIND = re.compile(r"^\)?\s*(?P<w>" + "|".join(words("following_kind_words")) + r")\b", re.IGNORECASE)
_LEADING_ARTICLE = re.compile(r"^" + _ARTICLE + r"\s*", re.IGNORECASE)  # 'The ', 'La ', "L'"
_TRAILING_CONNECTOR = re.compile(r"\s+" + alt("connectors") + "$")
_TRAILING_DATE_WORD = re.compile(r"(?:\s+" + alt("connectors") + r")?\s+(?:" + "|".join(
    sorted({w for c in ORDER for names in LANGUAGES[c]["weekdays"].values() for w in names}
           | {w for c in ORDER for names in LANGUAGES[c]["months"].values() for w in names[:1]}, key=len, reverse=True))
    + r")$", re.IGNORECASE)
_IN_PLACE = re.compile(r"\s+" + alt("locative_words") + r"\s+(?P<where>[A-ZÀ-Ý][\w'’ -]*)$")  # 'in Baghdad' ends a name, 'de Lisboa' does not
_SUBJECT_START = re.compile(r"(?:^|[.!?]\s+|\n)[“\"«‘]?(?:" + _BARE_ARTICLE + r"\s+)?$"  # a quote may open it
                            r"|(?:,|\b" + alt("clause_breaks") + r")\s+(?:" + _BARE_ARTICLE + r")\s*$",
                            re.IGNORECASE)
_VERB_AFTER = re.compile(r" (?:(?!(?:" + "|".join(words("connectors") + words("of_words")) + r")\b)[a-zà-ÿ]{3,}|"
                         + alt("perfect_auxiliaries") + r" [a-zà-ÿ]{3,})\b")  # 'signed', 'a signé', 'ha firmado'
# a region opening an enumeration of places: 'para Centroamérica, Haití' (the region is no country of the knowledge base)
_REGION_THEN = re.compile(r"\b(?:" + "|".join(w for w in words("place_before") if w not in words("of_words")) + r")\s+"
                          r"[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+)?\s*,\s*$")
_NAME_THEN_PAREN = re.compile(r"[A-ZÀ-Ý][\w'’-]+\s*\(\s*$")  # 'Genève (' before a country: the city's country
#: between two items of an enumeration ('A, B', 'A and the B', 'A, la B')
_LIST_GAP = re.compile(r"\s*(?:,|;|,?\s+(?:" + _AND + "|" + alt("or_words") + "|" + alt("also_words") + r"))\s*(?:" + _OF + r"\s+)?(?:" + _ARTICLE
                       + r")?")  # 'les Gouvernements du Mali et du Niger': an 'of' repeated after the 'and'
_AND_OF_NAME = re.compile(r"\s" + _AND + r"\s+" + _OF + r"\s+(?:" + _ARTICLE + r")?(?=[A-ZÀ-Ý])")  # ' e da Embaixada'
_LOCATIVE_AT = re.compile(r"\s+" + alt("locative_words") + r"\s")  # ' en Afrique …' right after a known name
_AND_ARTICLE_AT = re.compile(r"\s+" + _AND + r"\s+(?:" + _ARTICLE + r")(?=[A-ZÀ-Ý])")  # " et l'OIM"
_AND_AT = re.compile(r"\s+" + _AND + r"\s+(?:" + _ARTICLE + r")?(?=[A-ZÀ-Ý])")  # ' e Gabinete …' after a known name
_AND_KNOWN = re.compile(r"\s" + _AND + r"\s+(?:" + _ARTICLE + r")?(?=[A-ZÀ-Ý][^\s]*$)")  # ' and IOM' closing a name
_AND_BEFORE = re.compile(r"\b" + _AND + r"\s+$")
_AND_NAME = re.compile(r"\b" + _AND + " [A-Z]")
_AND_ACRONYM = re.compile(" " + _AND + r" (?=[A-Z]{2,}\b)")
_OF_AT = re.compile(r"\s*" + _OF + r"\b")
_OF_END = re.compile(r"\s+" + _OF + r"\s+" + _ARTICLE + "?$")
_LETTERS = re.compile(r"[^\W\d_]+")  # a run of letters


@quick_init  # made by the thousand: see analysis.records
@dataclass(frozen=True)
class Mention:
    """An entity named in a document body: span, entity id and role (actor, place, mention)."""

    start: int
    end: int
    entity_id: str
    text: str
    role: str = "mention"


@dataclass
class Discovery:
    """Entities and aliases learnt from a corpus's own text."""

    entities: dict[str, Entity] = field(default_factory=dict)
    matcher: AliasMatcher = field(default_factory=AliasMatcher)
    seen_aliases: dict[str, set[str]] = field(default_factory=dict)  # reference id -> long forms seen
    #: acronyms a page defines for another body than the one they name elsewhere ('Ministério Público Federal
    #: (MPF)' beside 'Migration Partnership Facility (MPF)'): read as the page's own body on that page only
    homonyms: set[str] = field(default_factory=set)


def head_kind(long_form: str) -> str | None:
    """Kind suggested by the head noun of a name ('… Coordination Group against …' → mechanism)."""
    words = [w for w in re.findall(r"[^\W\d_]+", long_form)]
    if not words:
        return None
    low = [fold(w) for w in words]
    head = None
    for w in low:
        if w in _CONNECTORS:
            break
        head = w
    for kind in ("government", "instrument", "programme", "mechanism", "organization"):
        heads = _FOLDED_KIND_HEADS[kind]
        if head in heads or low[0] in heads:
            return kind
    return None


def best_long_form(short: str, before: str) -> str | None:
    """Schwartz & Hearst alignment: the shortest tail of ``before`` whose letters spell ``short``."""
    chars = [c.lower() for c in short.rstrip("s") if c.isalnum()] if short[-1:] == "s" and short[:-1].isupper() \
        else [c.lower() for c in short if c.isalnum()]
    if len(chars) < 2:
        return None
    words = before.split()
    found = _initials_long_form(chars, words)
    if found:
        return found
    # a place closing the name is not in its acronym: 'Alta Autoridade para a Imigração de Cabo Verde (AAI)'
    for suffix in _PLACE_SUFFIXES:
        place = suffix.search(before)
        found = _initials_long_form(chars, before[:place.start()].split()) if place else None
        if found:
            return found + before[place.start():]
    return _aligned_long_form(chars, words)


_OF_PLACE = r"\s+" + _OF + r"\s+(?:" + _ARTICLE + r")?[A-ZÀ-Ý][\w'’-]*(?:\s+[A-ZÀ-Ý][\w'’-]*){0,2}"
#: a place closing a name, in one 'of' phrase or, a state named by its style, two ('… Authority of the State of Israel')
_PLACE_SUFFIXES = (re.compile(_OF_PLACE + "$"), re.compile(_OF_PLACE + _OF_PLACE + "$"))

def _initials_long_form(chars: list[str], words: list[str]) -> str | None:
    """The last words whose initials (connectors skipped) spell ``chars``: 'Mixed Movements Protection … (MMPTP)'."""
    initials: list[str] = []
    for k in range(len(words) - 1, max(-1, len(words) - 2 * len(chars) - 3), -1):
        w = re.sub(r"^(?:[LlDd]['’])", "", words[k])
        if fold(w) in _CONNECTORS:
            continue
        parts = [p for p in re.split(r"[-/]", w) if p]
        initials = [p[0].lower() for p in parts] + initials if len(parts) > 1 and len(initials) + len(parts) <= len(chars) \
            and [p[0].lower() for p in parts] == chars[len(chars) - len(initials) - len(parts):len(chars) - len(initials)] \
            else [w[:1].lower()] + initials
        if initials == chars:
            lf = " ".join(words[k:])
            lf = re.sub(r"^(?:[LlDd]['’]|the\s+|The\s+)", "", lf).strip(" ,;:-–")
            if lf[:1].isupper():
                return lf
            break
        if initials != chars[len(chars) - len(initials):]:
            break
    return None


def _aligned_long_form(chars: list[str], words: list[str]) -> str | None:
    """Schwartz & Hearst's letter alignment over the last words: the shortest tail whose letters spell ``chars``."""
    limit = min(len(chars) + 5, len(chars) * 2)
    text = " ".join(words[-limit:])
    s_i, l_i = len(chars) - 1, len(text) - 1
    while s_i >= 0:
        c = chars[s_i]
        while l_i >= 0 and (text[l_i].lower() != c or (s_i == 0 and l_i > 0 and text[l_i - 1].isalnum())):
            l_i -= 1
        if l_i < 0:
            return None
        l_i -= 1
        s_i -= 1
    start = text.rfind(" ", 0, l_i + 1) + 1
    lf = re.sub(r"^(?:[LlDd]['’]|the\s+|The\s+)", "", text[start:]).strip(" ,;:-–")
    if len(lf.split()) < 2 or not lf[:1].isupper():
        return None
    return lf


def slug(text: str) -> str:
    """Upper-case identifier fragment of a name ('GLO.ACT' → 'GLO_ACT')."""
    return re.sub(r"[^A-Z0-9]+", "_", fold(text).upper()).strip("_")[:40] or "X"


def discover(bodies: dict[str, str], kb: KnowledgeBase) -> Discovery:
    """Learn entities from acronym definitions and ministry names across all document bodies."""
    found = Discovery()
    for doc_id in sorted(bodies):
        body = bodies[doc_id]
        for sf, lf, after, spelled, declared in _definitions(body, kb):
            if " " in sf and not _is_place(sf.split(" ", 1)[1], kb):
                continue  # '(CIAUD Canada)' is a branch and its place; '(CIAU Directeur)' names nothing
            _register_definition(found, kb, sf, lf, after, spelled, declared)
        country = functools.cache(lambda body=body: main_country(kb.matcher.find(body), kb, body))
        cued = _MINISTRY_CUES.found_in(body)  # every ministry or title match has one: else skip the scans
        for rx, owner_gap in _MINISTRY_OWNERS if cued else ():
            for m in rx.finditer(body):
                _register_ministry(found, kb, m, country, owner_gap=owner_gap)
        low = lower_same_length(body)  # the quick checks below run on it
        for rx, bodies_, titles in MINISTER:
            for m in matches_from(rx, body, titles.starts_in(low)):  # every match opens with a title
                _register_minister(found, kb, m, bodies_, country)
        kinds = functools.cache(lambda low=low: _KIND_LITERALS.starts_in(low))  # where a kind word may start
        for m in matches_from(FORCE, body, _FORCE_CUES.starts_in(low)):
            _register_force(found, kb, m, country)
        for rx, word in REGIONAL_GOVERNMENT:
            for m in rx.finditer(body) if word in body else ():
                _register_regional_government(found, kb, m)
        for m in NGO_NAME.finditer(body) if _NGO_WORDS.found_in(body) else ():
            _register_ngo(found, kb, m.group("name"))
        quotes = [q.start() for q in _QUOTE.finditer(body)]
        for m in matches_from(QUOTED_NAME, body, sorted(set(kinds()) | set(quotes))) if quotes else ():
            _register_quoted(found, kb, m)
        for m in SENTENCE_HEAD.finditer(body):
            if fold(m.group("head")) in _SENTENCE_HEADS:
                named = sentence_name(body, m, kb)
                if not named or _GENERIC.search(named[0]) or _known(kb, found, named[0]) or any(
                        h.start == 0 and entity_for(h.key, kb, found).kind != "country"
                        for h in found.matcher.find(named[0], kb.matcher)):  # 'Commission européenne pour sa …'
                    continue
                acronym = _PAREN_AFTER.match(body, m.start() + len(named[0]))
                key = acronym and (_known(kb, found, acronym.group("sf")) or _known(kb, found, acronym.group("sf").upper()))
                if key and entity_for(key, kb, found).kind not in ("country", "government"):
                    _add_alias(found, key, key, named[0])  # "l'Agence américaine pour le développement international (Usaid)"
                else:
                    _add_name(found, kb, *named)
        for m in NETWORK_MEMBER.finditer(body) if _BRAND_WORDS.found_in(body) else ():
            _register_network_member(found, kb, m)
        for m in matches_from(TITLED_NAME, body, kinds()) if _has_titled_cue(low) else ():
            _add_name(found, kb, m.group("name").strip(" ,.;:"), _kind_of_word(m.group("kind").lower()))
        for m in APPOSITIVE_BRAND.finditer(body) if ", " in body else ():
            # capitals all through are a headline; a line's first word in capitals, a dateline ('NIAMEY, Niger - The
            # project …'); a place is no programme
            if m.group("kind").isupper() or body[max(0, m.start() - 1):m.start()] in ("", "\n") \
                    or _known(kb, found, m.group("name")) or _is_place(m.group("name"), kb):
                continue
            _add_name(found, kb, m.group("name"), _kind_of_word(m.group("kind").lower()))
        for m in matches_from(BRAND_NAME, body, kinds()):  # a capitalised kind word opens it: 'Initiative conjointe UE-OIM'
            if m.group("kind").isupper():
                continue  # a headline in capitals: 'PROJET CONTRE LA TRAITE' names nothing
            name = m.group(0) if m.group("kind")[:1].isupper() and not m.group("name").isupper() else m.group("name")
            if _known(kb, found, m.group("name")):
                continue  # 'la Plataforma R4V': a known body's name after its kind word
            _add_name(found, kb, name, _kind_of_word(m.group("kind").lower()))
    for doc_id in sorted(bodies):
        _register_names(found, kb, bodies[doc_id])
        for m in ACRONYM_COMPOUND.finditer(bodies[doc_id]) if "-" in bodies[doc_id] else ():
            _register_compound(found, kb, m)
    _register_transposed_acronyms(found, kb, bodies)
    _fold_unplaced_ministries(found)
    _place_national_names(found, kb, bodies)
    _register_party_names(found, kb, bodies)
    _qualify_national_bodies(found, kb)
    return found


#: language -> the lowercase words that tell a name's language: its small words, head nouns and national words
#: (accents kept: 'polícia' is Portuguese, 'policía' Spanish)
_LANGUAGE_WORDS = {code: frozenset(w.lower() for w in (*LANGUAGES[code]["function_words"], *LANGUAGES[code]["national_words"],
                                                        *LANGUAGES[code]["name_heads"], *LANGUAGES[code]["title_bodies"]))
                   for code in ORDER}
#: language -> the lowercase head words its bodies' names open with ('ministry', 'ministère', 'comité', 'polícia' …)
_HEADS_BY_LANGUAGE = {code: frozenset(w.lower() for w in (*LANGUAGES[code]["title_bodies"], *LANGUAGES[code]["name_heads"],
                                                          *LANGUAGES[code]["force_heads"])) for code in ORDER}
_TITLE_BODY_WORDS = frozenset(w.lower() for code in ORDER for w in LANGUAGES[code]["title_bodies"])


#: language -> the heads a masculine demonym follows in a national body's name ('ministère': 'le ministère tunisien de …')
_DEMONYM_AFTER = {code: frozenset(w.lower() for w in LANGUAGES[code]["demonym_after"]) for code in ORDER}


def _qualify_national_bodies(found: Discovery, kb: KnowledgeBase) -> None:
    """A national body placed in its state ('Ministry of Justice' of Jamaica, 'ministère de l'Intérieur' of Tunisia)
    is also known by its name with the state's, in the language its name is written in (``national_body_name``):
    'Ministry of Justice of Jamaica', 'Jamaica Ministry of Justice', 'Jamaican Ministry of Justice', "ministère de
    l'Intérieur de Tunisie", and with the state's masculine demonym after a head of ``demonym_after`` ('ministère
    tunisien de l'Intérieur') — the names a reader of the graph and of the entities table needs to tell it from
    other states' ministries (listed among its aliases; a page writing it out is read by the ministry patterns, as
    any name with its country). A town's government (``local_heads``: 'City of Accra') is not qualified."""
    for eid in sorted(e for e, ent in found.entities.items() if e.startswith("MIN_") and ent.iso3):
        ent = found.entities[eid]
        names = kb.country_names.get(ent.iso3)
        if not names:
            continue
        extra: set[str] = set()
        for form in sorted(ent.aliases | {ent.name}):
            first = form.split(" ", 1)[0]
            if first[:1].islower() and first.lower() not in _TITLE_BODY_WORDS:
                continue  # a title's form ('ministro das Relações Exteriores') or a lowercase phrase
            if fold(first) in _LOCAL_HEADS:
                continue  # a town's government ('City of Accra', 'Mairie de Belladère'): its town says where
            lowered = [w.lower() for w in _LETTERS.findall(form)]
            if _names_country(form, kb) or not kb.adjectives.keys().isdisjoint(map(fold, lowered)):
                continue  # already named with its state ('Ministry of Interior of Iraq', 'ministère tunisien de …')
            langs = [code for code in ORDER if lowered[0] in _HEADS_BY_LANGUAGE[code]]  # 'comité': fr, es or pt …
            if not langs:
                continue
            code = max(langs, key=lambda c: sum(w in _LANGUAGE_WORDS[c] for w in lowered))  # … by its other words
            local = names[code][0] if names[code] else ""
            articles = [a for a in LANGUAGES[code]["of_articles"] if a]
            forms = [n for n in names[code] if n == local or n.lower() in {a + local.lower() for a in articles}]
            extra |= qualified_names(form, forms, LANGUAGES[code]["national_body_name"], LANGUAGES[code]["of_articles"],
                                     LANGUAGES[code]["elision"], kb.demonyms.get(ent.iso3, ()))
            head, _, rest = form.partition(" ")
            if rest and head.lower() in _DEMONYM_AFTER[code]:  # 'le ministère tunisien des Affaires sociales'
                extra |= {f"{head} {d} {rest}" for d in kb.masculine_demonyms.get(ent.iso3, {}).get(code, ())}
        ent.aliases |= extra


_NATIONAL_WORDS = frozenset(fold(w) for w in words("national_words"))


def _place_national_names(found: Discovery, kb: KnowledgeBase, bodies: dict[str, str]) -> None:
    """A body a page discovered whose name says it is a state's own but not which state's ('Comité National de Lutte
    contre la Traite des Personnes', 'Polícia Nacional'; ``national_words``) is, on each page naming it, the body of
    that page's main country, as a ministry named without its country is: Haiti's and Côte d'Ivoire's committees are
    two nodes. Its placed copy keeps the forms that page uses; pages naming no country keep the unplaced body."""
    national = {eid: sorted(ent.aliases | {ent.name}) for eid, ent in found.entities.items()
                if not ent.iso3 and not eid.startswith("MIN_") and ent.kind in ACTOR_KINDS
                and not _NATIONAL_WORDS.isdisjoint(words_ := [fold(w) for w in _LETTERS.findall(ent.name)])
                and kb.adjectives.keys().isdisjoint(words_)  # 'Comisión Nacional Colombiana': a named state's
                and not _names_country(ent.name, kb)}
    forms = Literals(sorted({f for names in national.values() for f in names}))
    for doc_id in sorted(bodies) if national else ():
        body = bodies[doc_id]
        if not forms.found_in(body):
            continue  # quick: no form of a national body in the text
        hits = found.matcher.find(body, kb.matcher)  # the matches find_mentions reads: the same names, the same country
        named: dict[str, set[str]] = {}
        for h in hits:
            if h.key in national:
                named.setdefault(h.key, set()).add(body[h.start:h.end])
        iso = main_country(hits, kb, body) if named else ""
        for eid, used in sorted(named.items()) if iso else ():
            ent = found.entities[eid]
            placed = found.entities.setdefault(_placed_id(eid, iso), Entity(
                _placed_id(eid, iso), ent.name, ent.kind, ent.acronym, f"GOV_{iso}", "discovered", set(), iso))
            placed.aliases |= used


_CAPS_WORD = re.compile(r"[A-Z](?<!\w.)[A-Z]{3,7}\b")  # a word of 4-8 capitals (look-behind after the first: see fastre)


def _register_transposed_acronyms(found: Discovery, kb: KnowledgeBase, bodies: dict[str, str]) -> None:
    """An unknown capitalised word that is a known body's acronym with two neighbouring letters swapped ('UNDOC' for
    UNODC) is that body's acronym misspelt, when exactly one known acronym reads so and no page defines the word."""
    acronyms = kb.acronym_bodies
    words_ = sorted({w for body in bodies.values() for w in _CAPS_WORD.findall(body)})
    for word in words_:
        if word in acronyms or _known(kb, found, word) or slug(word) in found.entities:
            continue
        keys = {k for i in range(len(word) - 1) if word[i] != word[i + 1]
                for k in acronyms.get(word[:i] + word[i + 1] + word[i] + word[i + 2:], ())}
        if len(keys) == 1:
            key = keys.pop()
            found.matcher.add(word, key)
            found.seen_aliases.setdefault(key, set()).add(word)


def _fold_unplaced_ministries(found: Discovery) -> None:
    """'the Ministry of Security' is the 'Ministry of Security of Bosnia and Herzegovina' named elsewhere, if only one."""
    placed: dict[str, list[str]] = {}
    for eid, ent in found.entities.items():
        if eid.startswith("MIN_") and ent.iso3:
            placed.setdefault(eid[len(f"MIN_{ent.iso3}_"):], []).append(eid)
    moves = {}
    for eid in sorted(e for e, ent in found.entities.items() if e.startswith("MIN_") and not ent.iso3):
        targets = placed.get(eid[len("MIN_"):], [])
        if len(targets) == 1:
            found.entities[targets[0]].aliases |= found.entities.pop(eid).aliases
            moves[eid] = targets[0]
    if moves:
        found.matcher.retarget_many(moves)


_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?\s+$")  # the word right before a name (and its abbreviation's point)


def _register_names(found: Discovery, kb: KnowledgeBase, body: str) -> None:
    """Proper names with an organization head noun ('the Hellenic Red Cross', 'Fiscalía General de la Nación').

    Skipped: headings, names already known, sub-units of a named body ('IOM's Regional
    Office', 'Division of the Council of Europe'), generic two-word titles ('Special Council').
    """
    for para in re.finditer(r"[^\n]+", body):
        text = para.group(0)
        if not text.rstrip().endswith((".", "!", "?", "”", '"', "»", ")")) and text.count(" ") < 20:
            continue  # a heading or title (names there are usually repeated in the body); a long line is prose cut short
        for m in TITLE_NAME.finditer(text):
            raw = full = _carried_on(text, m, kb, found) or m.group("name")
            if _register_edition(found, kb, raw):
                continue
            last = _AND_KNOWN.search(raw)
            if last and any(entity_for(h.key, kb, found).kind != "country"
                            for h in found.matcher.find(raw[last.end():], kb.matcher)):
                raw = raw[:last.start()]  # 'the Ghana Immigration Service and IOM': two bodies (not '… of Chile and Argentina')
            # 'da Fundação ALOLA e da Embaixada da União Europeia': two names, when what follows the 'and' is a
            # name too (a head noun or a known body), not the rest of one ('Consejo Centroamericano y del Caribe de …')
            joint = _AND_OF_NAME.search(raw)
            right = raw[joint.end():] if joint else ""
            two = bool(right) and (bool(_name_candidate(right)) or any(
                entity_for(h.key, kb, found).kind != "country" for h in found.matcher.find(right, kb.matcher)))
            # (each of two names joined so is a body: 'da Universidade Federal … e da Escola Nacional de …')
            left = _name_candidate(raw[:joint.start()]) if two else ""
            names = [left, _name_candidate(right)] if left else [_name_candidate(raw)]
            for name in names:
                if not name or _state_embassy(name, kb) or not _head_outside_places(name, kb):
                    continue  # no name, a state's embassy ('the British High Commission': found by its state, EMB_) or
                    # a head noun only inside a place ('… Crime pour l’Afrique de l’Ouest et du Centre': a region's 'Centre')
                start = para.start() + m.start("name") + full.find(name)
                title = _WORD_BEFORE.search(body, max(0, start - 24), start)
                if title and fold(title.group(1)) in _PERSON_TITLES:
                    continue  # 'la Sra. Lucía Fernández Câmara', 'le coordinateur Jean …': a person after a title
                if POSSESSIVE_BEFORE.search(body[max(0, start - 40):start]) and re.search(
                        r"[A-Z]{2,}\w*['’´]s\s*$", body[max(0, start - 40):start]):
                    continue  # "IOM's Permanent Observer Office": a part of a named body
                known = found.matcher.find(name, kb.matcher)
                lead = next((h for h in known if h.start == 0 and h.end < len(name) - 1), None)
                if lead and _LOCATIVE_AT.match(name, lead.end):
                    continue  # "l'Oim en Afrique de l'Ouest et du Centre": a known body and where it works, no new name
                joined = lead and entity_for(lead.key, kb, found).kind != "country" and _AND_AT.match(name, lead.end)
                if joined:  # 'Programa das Nações Unidas para o Desenvolvimento e Gabinete Integrado …': two bodies
                    rest = _name_candidate(name[joined.end():])
                    if not rest:
                        continue
                    start, name = body.find(rest, start), rest
                    known = found.matcher.find(name, kb.matcher)
                if any(h.start == 0 and h.end >= len(name) - 1 for h in known):
                    continue
                if any(_AND_BEFORE.search(name[:h.start]) for h in known):
                    continue  # two names joined: 'Red Cross and Red Crescent and Council of Europe'
                if _AND_NAME.search(name) and any(h.end == len(name) and not (
                        entity_for(h.key, kb, found).kind == "country" and _OF_END.search(name[:h.start].rstrip() + " "))
                                                  for h in known):
                    continue  # 'Red Cross and Council of Europe'; not 'Direcção de Migrações e Estrangeiros de Cabo Verde'
                if known and _OF_AT.match(name[known[-1].start - 4:known[-1].start] + " ") is None \
                        and any(_OF_END.search(name[:h.start].rstrip() + " ")
                                for h in known if (kb.entities.get(h.key) or found.entities.get(h.key)) and
                                (kb.entities.get(h.key) or found.entities[h.key]).kind in ("organization", "mechanism")):
                    continue  # "Anti-Trafficking Division of the Council of Europe": part of a known body
                at = _IN_PLACE.search(name)
                if at and _is_place(at.group("where"), kb):
                    name = name[:at.start()]  # 'the Al-Nahrain Centre for Strategic Studies in Baghdad'
                    if _GENERIC_NAME.match(name):
                        continue  # 'a Country Office in Madagascar': an office, no name
                kind = head_kind(name) or "organization"
                if kind not in ("organization", "mechanism", "programme"):
                    continue
                nickname = _QUOTED_AFTER.match(body, start + len(name)) if not at else None
                if nickname and FOLLOWING_KIND.match(body[nickname.end():nickname.end() + 30]):
                    nickname = None  # 'the Nordic Council “Stop Trafficking” campaign': the quote names its campaign
                _add_name(found, kb, name + nickname.group(0) if nickname else name, kind)


_PARTY = r"[A-ZÀ-Ý][\w'’-]*(?:[ -][A-ZÀ-Ý][\w'’-]*){0,3}"  # a capitalised name of one to four words
#: 'between Spain and Paraguay', 'entre a União Europeia e Cabo Verde': two parties named right after a name
_BETWEEN_PARTIES = re.compile(r"(?<=\s)" + alt("between") + r"\s+(?:" + _ARTICLE + r")?(?P<a>" + _PARTY + r")\s+" + _AND
                              + r"\s+(?:" + _ARTICLE + r")?(?P<b>" + _PARTY + r")(?![\w'’-])")
_BETWEEN_WORDS = Literals(words("between"))  # where a match may start (see matches_from)


def _register_party_names(found: Discovery, kb: KnowledgeBase, bodies: dict[str, str]) -> None:
    """A known or discovered body named with the two parties it joins ('Programa de Cooperación Bilateral entre España y
    Paraguay', 'Comissão Conjunta Permanente de Defesa e Segurança entre Moçambique e Malawi', 'the Joint Commission
    between Nigeria and Ghana'): the whole is a form of that body's name, listed among its aliases (the parties stay
    mentions of their own). Both parties must be known names; the body's name ends right before the 'between'."""
    for doc_id in sorted(bodies):
        body = bodies[doc_id]
        for m in matches_from(_BETWEEN_PARTIES, body, _BETWEEN_WORDS.starts_in(body)):
            if not (_known(kb, found, m.group("a")) and _known(kb, found, m.group("b"))):
                continue
            name = None
            for name in TITLE_NAME.finditer(body, max(0, m.start() - 160), m.start()):
                pass
            if name is None or body[name.end():m.start()].strip():
                continue
            key = _known(kb, found, _LEADING_ARTICLE.sub("", name.group("name")))
            if key and entity_for(key, kb, found).kind in ("organization", "mechanism", "programme"):
                found.seen_aliases.setdefault(key, set()).add(_LEADING_ARTICLE.sub("", body[name.start("name"):m.end()]))


#: words that open a sentence before a name and are none of it: weekdays, months, relative dates ('Yesterday Kano …')
_NOT_A_PLACE_WORD = frozenset(fold(w) for code in ORDER for w in (
    *(n for names in LANGUAGES[code]["weekdays"].values() for n in names),
    *(n for names in LANGUAGES[code]["months"].values() for n in names),
    *(w for w in LANGUAGES[code]["relative_dates"] if _LETTERS.fullmatch(w))))
#: a state's, province's or region's own government ('Gobierno del Estado de Oaxaca', 'Governo Provincial da Lunda-Norte',
#: 'Amazonas State Government'; regional_governments in each language file)
REGIONAL_GOVERNMENT = tuple((re.compile(p), required_literal(p)) for p in words("regional_governments"))  # (pattern, its word)


def _register_regional_government(found: Discovery, kb: KnowledgeBase, m: re.Match[str]) -> None:
    """A regional government named with the place it governs is a body of its own (kind government), unless that
    place is a country ('the Government of the State of Qatar' is Qatar's)."""
    unit, name = m.group("unit"), _LEADING_ARTICLE.sub("", m.group(0))
    first, _, rest = unit.partition(" ")
    if rest and name.startswith(first) and (fold(first) in _NOT_A_PLACE_WORD or fold(first) in _PERSON_TITLES):
        unit, name = rest, name[len(first) + 1:]  # 'Yesterday Kano State Government': Kano's
    if any(h.start == 0 and h.end >= len(unit) - 1 and entity_for(h.key, kb, found).kind == "country"
           for h in kb.matcher.find(unit)):
        return
    _add_name(found, kb, name, "government")
    if name[:1].islower() and slug(name) in found.entities:  # 'le gouvernement provincial du Nord-Kivu', as written
        found.matcher.add(name, slug(name), lowercase_start=True)


def _carried_on(text: str, m: re.Match[str], kb: KnowledgeBase, found: Discovery) -> str:
    """A name that goes on after 'and' and an article ('Comissão Nacional para os Direitos Humanos e a Cidadania',
    'Coalición Nacional contra la Trata de Personas y el Tráfico Ilícito de Migrantes'): the whole, when what follows
    the article names no body of its own (no head noun, no known body, country or place, no person's title, no first
    word of a known name, no acronym: 'the Ministry of Justice and the Police', '… and the Government of Chile',
    'Intendencia de San José y la Organización Internacional …', 'Instituto Politécnico de Bragança e o ISCTE' are
    two); '' otherwise."""
    joint = _AND_ARTICLE_AT.match(text, m.end())
    tail = (TITLE_NAME.match(text, joint.end()) or _CAPITALISED_WORD.match(text, joint.end())) if joint else None
    if tail is None:
        return ""
    letters = _LETTERS.findall(tail.group(0))
    if any(_head_word(w) for w in letters) or not _PERSON_TITLES.isdisjoint(map(fold, letters)) or letters[0].isupper() \
            or kb.matcher.opens_alias(letters[0]) or found.matcher.opens_alias(letters[0]) \
            or found.matcher.find(tail.group(0), kb.matcher) or kb.place_matcher.find(tail.group(0)):
        return ""
    return text[m.start("name"):tail.end()]


_CAPITALISED_WORD = re.compile(r"[A-ZÀ-Ý][\w-]*")


#: two acronyms joined by a hyphen: 'UNU-MERIT', 'PAIM-SICA', 'MSF-CH' (a body's institute, unit or section) or
#: 'UE-OIM', 'OFII-GIZ' (two bodies together)
ACRONYM_COMPOUND = re.compile(r"(?P<a>[A-Z](?<![\w-].)[A-Z0-9]{1,7})-(?P<b>[A-Z][A-Z0-9]{1,7})(?![\w-])")  # see fastre


def _register_compound(found: Discovery, kb: KnowledgeBase, m: re.Match[str]) -> None:
    """A hyphenated pair of acronyms one of which is a known body and the other nothing known (no body, no place):
    a unit of that body with a name of its own ('UNU-CRIS', 'SG-SICA', 'ILO-IPEC'). Two known bodies are two
    bodies ('UE-OIM'); two unknown acronyms name nothing we can tell ('BY-NC')."""
    known = [_known(kb, found, m.group(part)) for part in ("a", "b")]
    if sum(map(bool, known)) != 1 or _known(kb, found, m.group(0)):
        return
    parent, other = (known[0], m.group("b")) if known[0] else (known[1], m.group("a"))
    if _is_place(other, kb):
        return
    line_start = m.string.rfind("\n", 0, m.start()) + 1
    line_end = len(m.string) if (e := m.string.find("\n", m.end())) < 0 else e
    if m.string[line_start:line_end].isupper():
        return  # a headline in capitals
    _add_name(found, kb, m.group(0), "organization")
    unit = found.entities.get(slug(m.group(0)))
    if unit is not None and not unit.parent:
        unit.parent = parent


_EDITION_HEADS = frozenset(fold(w) for w in words("edition_heads"))


def _register_edition(found: Discovery, kb: KnowledgeBase, raw: str) -> bool:
    """A numbered meeting named in capitals ('XII Conferência de Chefes de Estado e de Governo da CPLP', 'II Reunião
    Técnica Conjunta sobre Mobilidade'): a recurring meeting, a mechanism of its own (also when it is a known body's),
    known by its name with and without its number and without the body it belongs to. The meeting of a named body
    ('XV Reunión del Comité Andino de Autoridades de Migración') is that body's, which it names. Whether ``raw`` was
    a numbered meeting."""
    bare = _LEADING_ARTICLE.sub("", raw).strip()
    edition = _EDITION.match(bare)
    if edition is None:
        return False
    name = _TRAILING_CONNECTOR.sub("", bare[edition.end():])
    words_ = name.split()
    if len(words_) < 3 or fold(words_[0]) not in _EDITION_HEADS or sum(w.isupper() for w in words_) * 2 > len(words_):
        return False  # no meeting, or a headline in capitals (an acronym inside is a name's: '… da CPLP')
    numbered = _TRAILING_CONNECTOR.sub("", bare)
    of = _OF_AT.match(name, len(words_[0]))
    body = _name_candidate(name[of.end():].strip()) if of else ""
    if body and not _known(kb, found, body):  # 'Reunión del Comité Andino …': the committee meets
        _add_name(found, kb, body, head_kind(body) or "organization")
        name = body
    elif _known(kb, found, name):
        return True
    else:
        _add_name(found, kb, name, "mechanism")
    key = _known(kb, found, name)
    if key and key in found.entities:
        forms = {numbered, name if body else bare[edition.end():]}
        owner = next((h for h in found.matcher.find(name, kb.matcher) if h.key != key and h.start > 0
                      and _OF_END.search(" " + name[:h.start].rstrip() + " ")), None)
        if owner is not None and not body:  # '… da CPLP': the meeting's name without the body it belongs to
            forms.add(_OF_END.sub("", name[:owner.start].rstrip() + " ").strip())
        for form in sorted(forms - {name}):
            _add_alias(found, key, key, form)
    return True


def _state_embassy(name: str, kb: KnowledgeBase) -> bool:
    """Whether ``name`` is a state's embassy named by its noun and the state or its demonym ('British High
    Commission', 'High Commission of Canada'): find_mentions names those (EMB_<ISO3>), no new body."""
    if not _MISSION_IN.search(name):
        return False
    first = name.split()[0]
    return fold(first) in kb.adjectives or any(kb.entities[h.key].kind == "country" for h in kb.matcher.find(name)
                                               if h.key in kb.entities)


def _head_outside_places(name: str, kb: KnowledgeBase) -> bool:
    """Whether a head noun of ``name`` stands outside the places it names ('Regional Office for West Africa': yes;
    'Afrique de l’Ouest et du Centre', a region, no)."""
    places = kb.place_matcher.find(name)
    if not places:
        return True
    rest, end = [], 0
    for p in places:
        rest.append(name[end:p.start])
        end = p.end
    rest.append(name[end:])
    return any(_head_word(w) for w in _LETTERS.findall(" ".join(rest)))


def _is_place(text: str, kb: KnowledgeBase) -> bool:
    """Whether ``text`` is, whole, a place or a country ('Baghdad', 'Brazil'; not 'Human Beings of the Republic of
    Moldova', which only ends with one)."""
    whole = lambda h: h.start == 0 and h.end >= len(text.rstrip()) - 1  # noqa: E731
    return any(whole(h) for h in kb.place_matcher.find(text)) or any(
        whole(h) and kb.entities[h.key].kind == "country" for h in kb.matcher.find(text))


@functools.lru_cache(maxsize=1 << 16)  # the same words recur across a corpus
def _head_word(word: str) -> bool:
    """Whether ``word`` is a body's head noun: its folded form is one ('Comite' without its accent too), unless it
    carries accents no head is spelled with ('Forcé' is no 'force', 'Câmara' is the Portuguese head)."""
    low = word.lower()
    folded = fold(word)
    return folded in _FOLDED_HEADS and (low == folded or low in _LOWER_HEADS)


@functools.lru_cache(maxsize=1 << 16)  # the same names recur across a corpus
def _name_candidate(raw: str) -> str:
    """The organization name a capitalised phrase may be ('' if not one): articles and openers
    dropped, a trailing function word cut, an organization head noun required, generic titles refused."""
    name = _EDITION.sub("", _LEADING_ARTICLE.sub("", raw).strip())  # 'II Fórum …': an edition, not the name
    first = name.split(" ", 1)
    if len(first) == 2 and fold(first[0]) in _OPENERS:
        name = _LEADING_ARTICLE.sub("", first[1])
    name = _TRAILING_CONNECTOR.sub("", name)
    name = _TRAILING_DATE_WORD.sub("", name)  # 'the African Union Commission on Thursday'
    name = _TRAILING_CONNECTOR.sub("", name)
    raw_words = re.findall(r"[^\W\d_]+", name)
    words = [fold(w) for w in raw_words]
    # (a head's accents must agree: 'Travail Forcé' has no 'force'; an opening head counts only first: 'Quezon City')
    heads = [_head_word(w) and (i == 0 or words[i] not in _OPENING_HEADS) for i, w in enumerate(raw_words)]
    # a head noun ends the name, opens it, or opens one of its first three words' phrase ('Organization for …');
    # 'Humanitarian Service Points' is no service
    if len(words) < 2 or not (heads[-1] or heads[0] or any(
            h and words[i] not in _MIDDLE_HEADS and words[i + 1] in _CONNECTORS for i, h in enumerate(heads[:3])
            if i + 1 < len(words))):
        return ""
    if not _PERSON_TITLES.isdisjoint(words):
        return ""  # 'UNODC Regional Programme Coordinator for South Eastern Europe' is a post
    if words[-1].endswith("ies") or _GENERIC_NAME.match(name) or _GENERIC.search(name) or _ROLE_OFFICE.match(name):
        return ""
    if len(words) >= 2 and name.isupper():
        return ""  # a headline in capitals ('UN PROJET CONTRE LA TRAITE'): a known body is found by the KB anyway
    return name


def _name_before(before: str, kb: KnowledgeBase) -> str:
    """The body's name that ends ``before`` (the text up to an acronym's parenthesis), '' if none: a name in
    sentence case ('la Fondation des entreprises en recrutement de la main-d'oeuvre agricole étrangère'), a
    capitalised name with a head noun, or of two capitalised words at least that is not the tail of a longer name."""
    heads = [m for m in SENTENCE_HEAD.finditer(before, max(0, len(before) - 160)) if fold(m.group("head")) in _SENTENCE_HEADS]
    for head in heads:
        named = sentence_name(before + " (", head, kb)
        if named and head.start() + len(named[0]) == len(before):
            return named[0]
    last = None
    for last in TITLE_NAME.finditer(before):
        pass
    if last is None or last.end() != len(before):
        return ""
    name = _LEADING_ARTICLE.sub("", last.group("name"))
    if candidate := _name_candidate(name):
        return candidate
    # without a head noun: two capitalised words at least, not the tail of a longer name ('… pour la promotion de
    # la Santé et du Développement (URCB/SD)') nor a person's title ('Minister Helga Konrad (ODHIR)')
    words_ = name.split()
    if sum(w[:1].isupper() for w in words_) < 2 or _OF_END.search(" " + before[:last.start()].rstrip() + " ") \
            or not _PERSON_TITLES.isdisjoint(fold(w) for w in words_):
        return ""
    return name


def _definitions(body: str, kb: KnowledgeBase) -> list[tuple[str, str, str, bool, bool]]:
    """Acronym definitions of ``body``: (short form, long form, what follows, whether the long form spells it,
    whether the text declares it an acronym)."""
    out = []
    for m in _SF.finditer(body):
        sf, rest = m.group("sf"), (m.group("rest") or "").strip()
        line_start = max(body.rfind("\n", 0, m.start()), body.rfind(". ", 0, m.start()) + 1)
        before = body[line_start:m.start()].rstrip()
        if rest:  # 'Free Movement and Migration in West Africa (FMM West Africa)': align without the shared tail
            if not fold(before).endswith(fold(rest)):
                if _BRANCH_NAME.fullmatch(rest) and (lf := best_long_form(sf, before)):
                    # 'Comité International pour l'Aide d'Urgence et le Développement (CIAUD Canada)': a branch's
                    # acronym and place, the long form spelling the acronym alone
                    out.append((f"{sf} {rest}", lf, body[m.end():m.end() + 20], True, False))
                continue
            before = before[: len(before) - len(rest)].rstrip()
        lf = best_long_form(sf, before)
        if lf:
            out.append((sf, f"{lf} {rest}".strip(), body[m.end():m.end() + 20], True, False))
        elif not rest and (lf := _name_before(before, kb)) and sf[0] in {w[0] for w in re.findall(r"[A-ZÀ-Ý]\w*", lf)}:
            # 'Action against Hunger (ACF)', 'Institut de Bien-Etre et de Recherches (IBESR)': a body's name right
            # before an acronym its letters do not spell (another language's, a contraction), one of its capitalised
            # words opening with the acronym's first letter
            out.append((sf, lf, body[m.end():m.end() + 20], False, True))
    for m in _SF_COMMA.finditer(body) if "(" in body else ():
        # "le Programme régional d'accueil et d'intégration des demandeurs d'asile (PRAIDA, financé par Québec …)":
        # an acronym and a remark, defined when the long form before spells it
        line_start = max(body.rfind("\n", 0, m.start()), body.rfind(". ", 0, m.start()) + 1)
        lf = best_long_form(m.group("sf"), body[line_start:m.start()].rstrip())
        if lf:
            out.append((m.group("sf"), lf, body[m.end():m.end() + 20], True, False))
    for m in _SF_TITLE.finditer(body) if "(" in body else ():
        line_start = max(body.rfind("\n", 0, m.start()), body.rfind(". ", 0, m.start()) + 1)
        lf = best_long_form(m.group("sf"), body[line_start:m.start()].rstrip())
        if lf:  # 'Organisation internationale pour les migrants (Oim)': registered only for a known acronym
            out.append((m.group("sf"), lf, body[m.end():m.end() + 20], True, False))
    for m in _SF_NOTE.finditer(body) if "(" in body else ():
        sf = m.group("sf")
        if not sf[:1].isupper() or sum(c.isupper() for c in sf) < 2:
            continue
        line_start = max(body.rfind("\n", 0, m.start()), body.rfind(". ", 0, m.start()) + 1)
        before = body[line_start:m.start()].rstrip()
        lf = best_long_form(sf, before)
        if lf:
            out.append((sf, lf, body[m.end():m.end() + 20], True, True))
            continue
        # a translated name ('… Contribuir a la Estabilidad y la Paz (IcSP, por sus siglas en inglés)'): its words
        # are not the acronym's, so the acronym alone names the body
        out.append((sf, sf, body[m.end():m.end() + 20], False, True))
    # 'IPAD – Instituto …': tried only where a capital ends right before a dash set in spaces (the scan jumps between
    # capitals; an acronym ends with one)
    dashes = [d.start() + 1 for d in _CAPITAL_DASH_GAP.finditer(body)]
    starts = [a.start() for d in dashes if (a := _ACRONYM_END.search(body, max(0, d - 16), d))]
    for m in matches_from(_SF_DASH_LF, body, starts):
        words_ = m.group("lf").split()
        for k in range(2, len(words_) + 1):  # the shortest opening of what follows that spells the acronym …
            lf = " ".join(words_[:k]).rstrip(",.")
            if fold(words_[k - 1]) not in _CONNECTORS and best_long_form(m.group("sf"), lf) == lf:
                tail = _CAPITALISED_TAIL.match(" ".join(words_[k:]))  # … and the capitalised words after it
                out.append((m.group("sf"), f"{lf} {tail.group(0)}".strip().rstrip(",.") if tail else lf, "", True, False))
                break
    for m in _LF_IN_PARENS.finditer(body):
        sf, lf = m.group("sf"), m.group("lf").strip()
        kind_word = KIND_WORD_BEFORE.search(body[max(0, m.start() - 30):m.start()])
        if best_long_form(sf, lf) == lf:
            out.append((sf, lf, body[m.end():m.end() + 20], True, False))
        elif kind_word and len(lf.split()) >= 3:
            # a brand name: 'the PROSPECTS partnership (Partnership for improving …)' / 'le partenariat PROSPECTS (…)'
            out.append((sf, lf, kind_word.group("w").lower(), True, False))
        elif len(lf.split()) >= 3 and head_kind(lf) in ("organization", "mechanism", "programme"):
            # an English acronym with its name translated: "l'AFIC (Communauté du renseignement Afrique-Frontex)";
            # only for an acronym nobody defined otherwise (see _register_definition)
            out.append((sf, lf, "", False, False))
    return out


#: a name introduced as an NGO: 'run by the NGO Open Gate - La Strada', "l'ONG Terre des Hommes", 'la ONG Cáritas'
NGO_NAME = re.compile(
    r"\b" + alt("ngo_nouns") + r"\s+(?P<name>[A-ZÀ-Ý][\w'’.&-]*(?:(?:\s+[-–]\s+|\s+)(?:(?:"
    + "|".join(words("name_connectors") + words("articles") + words("and")).replace(r"\s+", "")
    + r")\s+)?[A-ZÀ-Ý][\w'’.&-]*){0,6})")


_NGO_WORDS = Literals(words("ngo_cues"))  # every NGO_NAME match has one

#: a programme named in quotes after its kind word, or whose quoted name starts with it:
#: 'le projet « Appui à la libre circulation … »', 'del “Programa Ciudades Incluyentes, Comunidades Solidarias”'
_KINDS = "|".join(words("kind_words"))
_QUOTE = re.compile("[«“\"]")
QUOTED_NAME = re.compile(
    r"\b(?P<kind>" + _KINDS + r")\s*[«“\"]\s*(?P<name>[^«»“”\"\n]{6,160}?)\s*[»”\"]"
    r"|[«“\"]\s*(?P<full>(?P<kind2>" + _KINDS + r")\s+[^«»“”\"\n]{3,160}?)\s*[»”\"]", re.IGNORECASE)


#: a name given after a kind word and a participle ('le projet de trois ans intitulé « Haske DST »', 'el proyecto
#: denominado Cabo Blanco, que …', 'projet intitulé Renforcer les capacités … au Niger et avec le soutien …'): quoted,
#: or up to a punctuation mark or an 'and' before a lowercase word
_TITLED = "|".join(words("titled_words"))
_TITLED_CUES = re.compile(r"(?:" + "|".join(f"{w[0]}(?<![\\w]{w[0]})" + w[1:] for w in _TITLED.split("|")) + r")\b")  # lowercased
_TITLED_LITERALS = Literals(literal_prefixes(_TITLED.split("|")))  # every titled word holds one: a page without any needs no scan


def _has_titled_cue(low: str) -> bool:
    """Whether the lowercased text ``low`` holds a titled word ('intitulé', 'denominado', 'called'): a substring test
    for the words' literal starts first (their first letters are common, so the pattern would try most positions)."""
    return _TITLED_LITERALS.found_in(low) and _TITLED_CUES.search(low) is not None
TITLED_NAME = re.compile(
    r"\b(?P<kind>(?i:" + _KINDS + r"))\b(?:\s+[\w'’-]+){0,4}?\s+(?i:" + _TITLED + r")\s+(?:[«“\"]\s*)?"
    r"(?P<name>[A-ZÀ-Ý][^«»“”\"\n,.;:()]{1,160}?)\s*(?:[»”\"]|(?=[,.;:()\n])|(?=\s+" + _AND + r"\s+[a-zà-ÿ]))")
#: a brand name right after a kind word, written as no ordinary word is (a digit, a capital inside, or capitals
#: only): 'o projeto Coop4Int', 'programa regional UE-West Sahel', 'le projet COCOTIP'
BRAND_NAME = re.compile(r"\b(?P<kind>(?i:" + _KINDS + r"))(?:\s+[a-zà-ÿ]+)?\s+(?P<name>(?=[\w-]*(?:\d|[a-z][A-Z]|[A-Z]-[A-Z]))"
                        r"[A-Z][\w-]*\w(?:\s+[A-ZÀ-Ý][\w-]*){0,3}|[A-Z]{3,12}(?![\w'’-]))(?!\w)")


#: a name in capitals followed by its kind in apposition: 'HIJRA AMINA, EU funded programme', 'PROMIS, un projet de …'
APPOSITIVE_BRAND = re.compile(r"(?P<name>[A-Z](?<![\w'’].)[A-Z0-9-]{2,}(?: [A-Z][A-Z0-9-]{2,}){0,2}),\s+(?:[\w-]+\s+){0,3}?"
                              r"(?P<kind>(?i:" + "|".join(words("following_kind_words")) + r"))\b")
#: a quoted name right after a body's name is part of it: 'the Resource Centre for Women “Marta”'
_QUOTED_AFTER = re.compile(r" ?[“\"«] ?[A-ZÀ-Ý][\w'’ -]{0,40}?[\w] ?[”\"»]")
_EDITION = re.compile(r"^(?:[IVX]{1,4}|\d{1,2}(?:" + "|".join(map(re.escape, words("ordinal_suffixes"))) + r"))\s+(?=[A-ZÀ-Ý])")  # 'VI Reunión', '3rd Forum'
_KIND_LITERALS = Literals(literal_prefixes(_KINDS.split("|")))  # looked for all at once, on lowercased text


def matches_from(pattern: re.Pattern[str], text: str, starts) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` in ``text`` that start at one of ``starts`` (increasing positions where a match
    can begin: where its first literal is, found by a faster scan), without overlaps: the same matches as
    ``pattern.finditer(text)`` when every match begins at one of them, without trying every position."""
    end = 0
    for pos in starts:
        if pos < end:
            continue
        m = pattern.match(text, pos)
        if m:
            end = max(m.end(), pos + 1)
            yield m


#: per language: (head word -> kind, stop words, connectors) of names written in sentence case
_SENTENCE_RULES = tuple(
    ({fold(h): kind for kind, heads in LANGUAGES[code]["sentence_name_heads"].items() for h in heads},
     frozenset(w.lower() for w in LANGUAGES[code]["sentence_name_stops"]),  # accents kept: "à" is no "a"
     frozenset(fold(w) for w in LANGUAGES[code]["connectors"] + LANGUAGES[code]["name_connectors"]),
     frozenset(fold(w) for w in LANGUAGES[code]["relative_pronouns"] + LANGUAGES[code]["clause_breaks"]),
     frozenset(fold(w) for w in LANGUAGES[code]["and"]))
    for code in ORDER if LANGUAGES[code]["sentence_name_heads"])
_SENTENCE_HEADS = frozenset(h for heads, *_ in _SENTENCE_RULES for h in heads)
#: a capitalised word after a lowercase word of the same line (an article or a preposition) or after an elided article
#: ("L'Agence nationale …" opens a sentence): not a sentence's first word
SENTENCE_HEAD = re.compile(r"(?P<head>[A-ZÀ-Ý](?:(?<=[a-zà-ÿ]['’ ].)|(?<=\b[LD]['’].))[\w-]+)")  # look-behind after the capital: see fastre
_NEXT_WORD = re.compile(r" (?P<w>(?:[a-zà-ÿ]['’])?[^\W\d_][\w'’-]*)")
_NAME_STOP = re.compile(r"\s*(?:[,.;:()\n»”\"]|$)")
_ELISION = re.compile(r"^[a-zà-ÿ]['’]")
_PAREN_AFTER = re.compile(r"\s*\((?P<sf>[A-Z][\w.&-]{1,14})\)")  # a name's acronym in parentheses right after it


def _another_body_after(text: str, pos: int, kb: KnowledgeBase) -> bool:
    """Whether the 'and' at ``pos`` joins another body: an article and a capital (" et l'OIM") or a known name
    (' y ACNUR'), not the rest of one name ('Niñez y Adolescencia Migrante')."""
    if _AND_ARTICLE_AT.match(text, pos):
        return True
    joined = _AND_AT.match(text, pos)
    return bool(joined) and any(not h.start for h in kb.matcher.find(text[joined.end():joined.end() + 60]))


def sentence_name(text: str, head: re.Match[str], kb: KnowledgeBase) -> tuple[str, str] | None:
    """The body's name (and its kind) that a capitalised head noun opens in sentence case: 'la Commission tripartite
    pour le rapatriement volontaire des réfugiés ivoiriens, qui …', 'le Comité interministériel sur les questions de
    migration.', 'la Comisión nacional para los refugiados (…)'. The name runs over lowercase words (and a country
    closing it after a connector) up to a punctuation mark or a relative pronoun; it has three to twelve words, a
    connector inside, no finite verb ('la Commission a approuvé …' is a clause) and does not end on a connector."""
    for heads, stops, connectors, breaks, ands in _SENTENCE_RULES:
        kind = heads.get(fold(head.group("head")))
        if kind is None:
            continue
        tokens, pos = [head.group("head")], head.end()
        while len(tokens) <= 12:
            w = _NEXT_WORD.match(text, pos)
            if w is None or fold(w.group("w")) in breaks:
                break
            word = w.group("w")
            if fold(word) in ands and (fold(tokens[-1]) in kb.adjectives or _another_body_after(text, w.start(), kb)):
                # another body after the 'and', or a demonym closing the name before it ('la Banque de développement
                # rural guatémaltèque et l'ambassadeur …')
                break  # 'la Direction de la surveillance du territoire et l'OIM'
            core = _ELISION.sub("", word)
            if core[:1].isupper():  # a known name inside ("Haut-Commissariat de l'ONU pour …") or a country closing it
                at = w.start("w") + len(word) - len(core)
                hit = next(iter(kb.matcher.find(text[at:at + 60])), None)
                if hit is None or hit.start:  # an unknown capitalised word: 'la Direction générale de la Police nationale'
                    if len(tokens) == 1:
                        return None  # 'la Dirección Nacional de Migración': a name in title case (TITLE_NAME's)
                    tokens.append(word)
                    pos = w.end()
                    continue
                if kb.entities[hit.key].kind == "country":
                    if fold(tokens[-1]) not in connectors or not _NAME_STOP.match(text, at + hit.end):
                        return None
                    tokens.append(text[w.start("w"):at + hit.end])
                    pos = at + hit.end
                    break
                if fold(tokens[-1]) in connectors:  # "le Réseau des Nations Unies pour les migrations": a known name inside
                    tokens.append(text[w.start("w"):at + hit.end])
                    pos = at + hit.end
                    continue
            lowered = word.lower()
            if lowered in stops or (lowered[1:2] in ("'", "’") and lowered[:2] in stops):
                return None  # a verb: 'la Commission a …', "la Commission de suivi s'est réunie"
            tokens.append(word)
            pos = w.end()
        else:
            return None
        if not _NAME_STOP.match(text, pos) and (w is None or fold(w.group("w")) not in breaks | ands):
            return None  # the phrase goes on: a clause, not a name
        folded = [fold(t) for t in tokens]
        if len(tokens) < 3 or folded[-1] in connectors or connectors.isdisjoint(folded[1:]):
            return None
        name = " ".join(tokens)
        at = _IN_PLACE.search(name)
        if at and _is_place(at.group("where"), kb):
            name = name[:at.start()]  # 'le Centre de formation judiciaire à Dakar': where it is, not its name
        return name, kind
    return None


_BRANDS = tuple(words("network_brands"))
_BRAND_WORDS = Literals(_BRANDS)
#: a federation's brand, then a country, a demonym or a city, directly or after 'of': 'Caritas Chile', 'Cruz Roja
#: Ecuatoriana', 'la Croix-Rouge malienne', 'Caritas de Santiago'
_NAME_BEFORE = re.compile(r"(?<=[a-zà-ÿ] )(?P<lead>(?:[A-ZÀ-Ý][a-zà-ÿ]+ ){1,4})$")  # after a lowercase word
NETWORK_MEMBER = re.compile(r"\b(?P<brand>" + "|".join(map(re.escape, _BRANDS)) + r")\s+(?:" + _OF + r"\s+)?"
                            r"(?P<where>[\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+){0,2})")


def _register_network_member(found: Discovery, kb: KnowledgeBase, m: re.Match[str]) -> None:
    """The national (or local) member of a federation, named by the brand and its country, demonym or city: a body
    of its own ('Caritas Chile' is not Caritas Internationalis; 'Caritas de Santiago' is neither), with the
    title-case words that open its name after a lowercase word ('la Vicaría Pastoral Social Caritas de Santiago')."""
    where = m.group("where")
    first = where.split()[0]
    if fold(first) in kb.adjectives and (first[:1].isupper() or m.start("where") == m.end("brand") + 1):
        end = m.start("where") + len(first)  # 'Cruz Roja Ecuatoriana', 'la Croix-Rouge malienne'
    elif where[:1].isupper():
        whole = [h for h in list(kb.matcher.find(where)) + list(kb.place_matcher.find(where)) if h.start == 0
                 and (h.key in kb.places or kb.entities[h.key].kind == "country")]
        if not whole:
            return
        end = m.start("where") + max(h.end for h in whole)
    else:
        return
    lead = _NAME_BEFORE.search(m.string, max(0, m.start() - 80), m.start())
    start = lead.start("lead") if lead and fold(lead.group("lead").split()[0]) not in _OPENERS else m.start()
    name = m.string[start:end]  # with the title-case words that open it: 'la Vicaría Pastoral Social Caritas de Santiago'
    if not _known(kb, found, name):
        _add_name(found, kb, name, "organization")


def _register_quoted(found: Discovery, kb: KnowledgeBase, m: re.Match[str]) -> None:
    """A programme (or network, platform …) named in quotes: the quoted name, and without its kind word."""
    name = (m.group("name") or m.group("full") or "").strip(" ,.;:")
    kind = _kind_of_word((m.group("kind") or m.group("kind2") or "").lower())
    if len(name.split()) < 2 or not name[:1].isupper() or _known(kb, found, name):
        return
    if "," in name:  # names are matched within a clause: the text finds its first part, the entity keeps the whole
        head = name.split(",")[0].strip()
        if len(head.split()) < 2 or _known(kb, found, head):
            return
        _add_name(found, kb, head, kind)
        ent = found.entities.get(slug(head))
        if ent is not None:
            ent.name = name
            ent.aliases.add(name)
        return
    _add_name(found, kb, name, kind)
    bare = re.sub(r"^(?:" + _KINDS + r")\s+", "", name, flags=re.IGNORECASE)
    if bare != name and len(bare.split()) >= 2 and bare[:1].isupper():
        eid = slug(name)
        if eid in found.entities:
            found.entities[eid].aliases.add(bare)
            found.matcher.add(bare, eid)


def _register_ngo(found: Discovery, kb: KnowledgeBase, name: str) -> None:
    """An organization named right after 'NGO' / 'ONG', unless the name is already known."""
    name = name.strip(" -–").rstrip(".")
    if len(name) < 3 or _known(kb, found, name) or any(h.start == 0 and h.end == len(name)
                                                        for h in found.matcher.find(name, kb.matcher)):
        return
    _add_name(found, kb, name, "organization")


def _add_name(found: Discovery, kb: KnowledgeBase, name: str, kind: str) -> None:
    """A discovered body known by ``name`` (its id derived from the name), unless the reference has that id
    or knows the name written differently (then the name becomes an alias of the reference body)."""
    eid = slug(name)
    if eid in kb.entities or NEWS_AGENCY.search(name):
        return
    known = kb.resolve_name(name)
    if known:
        found.matcher.add(name, known)
        found.seen_aliases.setdefault(known, set()).add(name)
        return
    ent = found.entities.setdefault(eid, Entity(eid, name, kind, "", "", "discovered", set()))
    if name not in ent.aliases:
        ent.aliases.add(name)
        found.matcher.add(name, eid)



def _known(kb: KnowledgeBase, found: Discovery, alias: str) -> str | None:
    for matcher in (found.matcher, kb.matcher):
        hits = matcher.find(alias)
        if len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(alias.rstrip(" .")):
            return hits[0].key
    return None


def _names_of(ent: Entity, found: Discovery) -> set[str]:
    """Every name an entity is known by: its name, aliases and the long forms pages gave it."""
    return {ent.name, *ent.aliases, *found.seen_aliases.get(ent.entity_id, ())}


def _register_definition(found: Discovery, kb: KnowledgeBase, sf: str, lf: str, after: str, spelled: bool = True,
                         declared: bool = False) -> None:
    """Register an acronym definition; ``declared``: the text says it is an acronym ('sigla em inglês'), so a
    name without a head noun (or the acronym alone) is still a body."""
    if sf[1:].islower():  # a title-case acronym ('Oim') only stands for the body its capitals name ('OIM')
        key = _known(kb, found, sf.upper())
        if key and entity_for(key, kb, found).kind not in ("country", "government"):
            for alias in (sf, lf):
                if _known(kb, found, alias) != key:
                    found.matcher.add(alias, key)
                    found.seen_aliases.setdefault(key, set()).add(alias)
        return
    if not spelled and (_known(kb, found, sf) or slug(sf) in found.entities or _is_place(lf, kb)):
        return  # a known acronym followed by a description ('UNODC (Regional Office …)') is not a definition
    by_sf = _known(kb, found, sf)
    key = by_sf or _known(kb, found, lf) or kb.resolve_name(lf)
    if key and spelled and key == by_sf and not (_known(kb, found, lf) or kb.resolve_name(lf)) \
            and not shares_word_stems(lf, _names_of(entity_for(key, kb, found), found)):
        found.homonyms.add(sf)  # the acronym of another body: 'Instituto Guatemalteco de Migración (IGM)' is no IOM
        key = None  # programme's 'IGM' (Indicadores de Gobernanza de la Migración)
    if key:
        ents = found.entities if key in found.entities else kb.entities
        if ents[key].kind in ("country", "government"):
            return
        for alias in (sf, lf):
            if _known(kb, found, alias) != key:
                found.matcher.add(alias, key)
                found.seen_aliases.setdefault(key, set()).add(alias)
        return
    if _GENERIC.search(lf) or NEWS_AGENCY.search(lf):
        return  # 'organisations non gouvernementales (ONG)'; 'Agencia Guatemalteca de Noticias (AGN)': a source
    follow = FOLLOWING_KIND.match(after)
    kind = (_kind_of_word(after) if after in _KIND_WORDS else None) or head_kind(lf) \
        or (_kind_of_word(follow.group("w")) if follow else None) \
        or ("organization" if declared or (spelled and proper_body_name(lf)) else None)
    if kind is None:
        return
    eid = slug(sf)
    if eid in kb.entities or (eid in found.entities and fold(found.entities[eid].name) != fold(lf)):
        eid = f"{eid}_{slug(lf)[:12]}"
    ent = found.entities.setdefault(eid, Entity(eid, lf, kind, sf, "", "discovered", set()))
    ent.aliases |= {lf} if sf in found.homonyms else {sf, lf}  # a homonym's acronym stays the other body's
    if sf.endswith("s") and sf[:-1].isupper():
        ent.aliases.add(sf[:-1])
    for alias in sorted(ent.aliases):
        found.matcher.add(alias, eid)


_KIND_WORDS = set(words("kind_words"))
_CONCEPT_WORDS = frozenset(fold(w) for w in words("concept_words"))


def proper_body_name(long_form: str) -> bool:
    """Whether an acronym's long form reads as the proper name of a body though no head noun says so:
    two or more words, every word but the connectors capitalised, no concept word
    ('Mixed Migration Task Force', 'Países Africanos de Língua Oficial Portuguesa'; not 'Internally Displaced Persons').

    >>> proper_body_name("Mixed Migration Task Force"), proper_body_name("Internally Displaced Persons")
    (True, False)
    """
    content = [w for w in re.findall(r"[^\W\d_]+", long_form) if fold(w) not in _CONNECTORS]
    return len(content) >= 2 and all(w[0].isupper() for w in content) \
        and _CONCEPT_WORDS.isdisjoint(fold(w) for w in content)


def _kind_of_word(word: str) -> str:
    kind = head_kind(word)
    return kind if kind in ("mechanism", "programme") else "programme"


def main_country(hits: list, kb: KnowledgeBase, body: str = "") -> str:
    """ISO3 of the country a page names most (first named on a tie), '' if none: the state of its
    national bodies named without their country ('the Ministry of Interior' in a story about Ghana). A page
    that names no country but places of one country only, twice at least (``body``: its text), is about that
    country ('formados em Luanda, Malanje e Cuanza-Norte': Angola; 'Geneva – The Ministry …' is no Swiss page)."""
    counts: dict[str, list[int]] = {}
    for h in hits:
        ent = kb.entities.get(h.key)
        if ent is not None and ent.kind == "country":
            counts.setdefault(ent.iso3, [0, h.start])[0] += 1
    if not counts and body:  # places of one state only, named twice at least (one city may be a UN seat or a dateline)
        places = [kb.places[p.key].iso3 for p in kb.place_matcher.find(body)]
        states = set(places) - {""}
        return states.pop() if len(states) == 1 and len(places) >= 2 else ""
    return min(counts, key=lambda iso: (-counts[iso][0], counts[iso][1])) if counts else ""


def _placed_id(eid: str, iso: str) -> str:
    """The id of the national body ``eid`` (named without its country) as the body of state ``iso``: 'MIN_INTERIOR'
    -> 'MIN_GHA_INTERIOR', 'CNLTP' -> 'MIN_HTI_CNLTP'."""
    return f"MIN_{iso}_{eid.removeprefix('MIN_')}"


def _place_ministry(found: Discovery, eid: str, iso: str) -> str:
    """The national body ``eid`` (named without its country) as the body of state ``iso``: its own entity,
    so that two countries' ministries of the interior never become one node. Returns its id ('' without ``iso``)."""
    if not iso:
        return ""
    ent = found.entities[eid]
    placed = found.entities.setdefault(_placed_id(eid, iso), Entity(
        _placed_id(eid, iso), ent.name, "government", "", f"GOV_{iso}", "discovered", set(), iso))
    placed.aliases |= ent.aliases
    return placed.entity_id


_WORD_AFTER = re.compile(r"\s+([a-zà-ÿ]+(?:-[a-zà-ÿ]+)?)\b")  # a lowercase word right after a name (its demonym?)


def _register_ministry(found: Discovery, kb: KnowledgeBase, m: re.Match[str], country: Callable[[], str],
                       alias: str = "", owner_gap: re.Pattern[str] | None = None) -> None:
    """A ministry named in a body; ``country`` gives the body's main country (computed when needed). A demonym
    before it ('the Royal Norwegian Ministry of Foreign Affairs') names that country's ministry only: the form with
    the demonym is its alias, and the bare name stays free for other pages' ministries. So does a state named right
    before it, in a language that names states so (``owner_gap``, from ``owner_gaps``: 'the Solomon Islands Ministry
    of Foreign Affairs', "Jamaica's Ministry of Health"), unless the name closes with a state of its own."""
    name = (m.group("name") or "").strip(" ,")
    name = _AND_ACRONYM.split(name)[0]  # 'Ministry of Security and IOM'
    adj = m.groupdict().get("adj")
    iso = ""
    if adj and not alias and fold(adj) in kb.adjectives:
        alias = m.string[m.start("adj"):m.start("name") + len(name)]
    elif not alias and owner_gap is not None and not _names_country(name, kb) \
            and (before := _country_before(m.string, m.start("name"), kb, owner_gap)):
        iso, start = before
        alias, adj = m.string[start:m.start("name") + len(name)], None
    _register_national(found, kb, name, adj, m.string, m.end("name"), country, alias, iso=iso)


def _names_country(name: str, kb: KnowledgeBase) -> bool:
    """Whether ``name`` names a country in it ('Ministry of Foreign Affairs of Nigeria')."""
    return any(getattr(kb.entities.get(h.key), "kind", "") == "country" for h in kb.matcher.find(name))


def _country_before(text: str, start: int, kb: KnowledgeBase, gap_rx: re.Pattern[str]) -> tuple[str, int] | None:
    """The country named right before position ``start`` of ``text``, on the same line, ``gap_rx`` (closing the text
    before ``start``) between them ('the Solomon Islands Ministry of …', "Jamaica's Ministry of …"), as (its ISO3
    code, where its name starts), or None."""
    before = text[max(0, start - 48):start]
    gap = gap_rx.search(before)
    if gap is None:
        return None
    head = before[:gap.start()]
    hit = next((h for h in kb.matcher.find(head) if h.end == len(head)
                and getattr(kb.entities.get(h.key), "kind", "") == "country"), None)
    return (kb.entities[hit.key].iso3, start - len(before) + hit.start) if hit else None


def _register_national(found: Discovery, kb: KnowledgeBase, name: str, adj: str | None, text: str, end: int,
                       country: Callable[[], str], alias: str = "", written: bool = True, iso: str = "") -> str:
    """A national body (a ministry, a police force) named ``name`` at ``end`` of ``text``: its country from the
    demonym ``adj`` before it, a demonym inside or right after it, or a country closing it, else the page's main
    country. ``alias``: the form the text names it by when not its name (a minister's title: 'la ministre
    nigérienne des Affaires étrangères'), matched in lowercase too; with the demonym ``adj`` it names that country's
    body only, so the bare name is not registered. ``written``: ``name`` reads as the text would write it (a
    ministry's); a name read off a title alone ('la Directora Nacional de Migración' -> 'Dirección Nacional de
    Migración') is found only by that title and is no body another page discovered (an acronym's definition, say,
    of another country's body): that page keeps its name, and each country's body stays its own.
    ``iso``: the country named right before the name ('the Solomon Islands Ministry of …'), when known.
    Returns the body's id ('' if none)."""
    if not name:
        return ""
    iso = iso or (kb.adjectives.get(fold(adj), "") if adj else "")
    by_adj = bool(iso and alias)
    core = name
    after = _WORD_AFTER.match(text, end)
    if not iso and after and fold(after.group(1)) in kb.adjectives:
        iso = kb.adjectives[fold(after.group(1))]  # 'o Ministério dos Negócios Estrangeiros alemão'
        name = f"{name} {after.group(1)}"
        alias = f"{alias} {after.group(1)}" if alias else ""
    known = [h for h in found.matcher.find(name, kb.matcher) if h.start == 0 and h.end == len(name)
             and (written or h.key not in found.entities or h.key.startswith("MIN_"))]
    if known and not iso:  # already known (reference, an acronym definition, another page's ministry)
        key = known[0].key
        ent = found.entities.get(key)
        placed = key
        if ent is not None and key.startswith("MIN_") and not ent.iso3:
            placed = _place_ministry(found, key, country()) or key
        _add_alias(found, key, placed, alias)
        return placed
    demonym = next((w for w in re.findall(r"[^\W\d_]+", name) if w[:1].islower() and fold(w) in kb.adjectives), "")
    if demonym and not iso:  # 'le ministère de l'Intérieur djiboutien', 'el Ministerio del Interior chileno'
        iso = kb.adjectives[fold(demonym)]
        core = name[:name.rfind(demonym)].strip()
    if not iso:  # a country cut by the name's pattern runs on after it: 'ministre des Affaires Etrangères du Pays Bas'
        across = name + text[end:end + 40]
        cut = _country_across(name, across, kb)
        if cut:
            alias = alias + across[len(name):cut.end] if alias else ""
            name = across[:cut.end]
    for hit in kb.matcher.find(name):
        ent = kb.entities.get(hit.key)
        if ent and ent.kind == "country":
            iso = iso or ent.iso3
            core = _OF_END.sub("", name[:hit.start]).strip()
            if _AND_AT.match(name, hit.end):
                name = name[:hit.end]  # the country closes the name: '… de la República de Honduras y Lic. …'
            break
    eid = f"MIN_{iso + '_' if iso else ''}{slug(core)}"
    ent = found.entities.setdefault(eid, Entity(eid, name, "government", "", f"GOV_{iso}" if iso else "",
                                                "discovered", set(), iso))
    if len(name) > len(ent.name):
        ent.name = name
    ent.aliases |= {name, core}
    if written and not by_adj:
        # 'le ministère de l'Intérieur'; a name the pattern read over a comma matches over it
        found.matcher.add(name, eid, lowercase_start=name[:1].islower(), commas="," in name)
    placed = eid if iso else _place_ministry(found, eid, country()) or eid
    _add_alias(found, eid, placed, alias)
    return placed


def _country_across(name: str, across: str, kb: KnowledgeBase) -> Match | None:
    """The country named across the end of ``name`` in ``across`` (``name`` and the text after it), if any."""
    return next((h for h in kb.matcher.find(across) if h.start < len(name) < h.end
                 and getattr(kb.entities.get(h.key), "kind", "") == "country"), None)


def _add_alias(found: Discovery, key: str, placed: str, alias: str) -> None:
    """``alias``, another form of the body ``key``, found by the matcher (in lowercase too) and listed among the
    aliases of ``placed``: the body itself, or (a ministry named without its country) its copy placed in this
    page's country, so that other countries' copies do not take it."""
    if not alias:
        return
    found.matcher.add(alias, key, lowercase_start=True, commas="," in alias)
    if placed in found.entities and (placed != key or found.entities[key].iso3 or not key.startswith("MIN_")):
        found.entities[placed].aliases.add(alias)
    else:
        found.seen_aliases.setdefault(placed, set()).add(alias)


#: a minister's or national director's title, which names the body: (pattern, title -> the body's word, the titles'
#: literals in lowercase: where a match may start), one a language
MINISTER = tuple((re.compile(p), {fold(t): body for body, titles in LANGUAGES[code]["title_bodies"].items() for t in titles},
                  Literals(sorted({t.lower() for titles in LANGUAGES[code]["title_bodies"].values() for t in titles})))
                 for code in ORDER for p in LANGUAGES[code]["minister_patterns"])


_BODY_WORDS = frozenset(fold(body) for code in ORDER for body in LANGUAGES[code]["title_bodies"])


def _register_minister(found: Discovery, kb: KnowledgeBase, m: re.Match[str], bodies: dict[str, str],
                       country: Callable[[], str]) -> None:
    """'la ministre nigérienne des Affaires étrangères', 'el ministro del Interior … de Mauritania', 'o ministro
    angolano do Interior': the minister speaks for the ministry ('ministère des Affaires étrangères', of the
    country of the demonym, of the country closing the name, else of the page's main country); the title
    becomes an alias of that ministry."""
    title, adj = m.group("title"), m.groupdict().get("adj")
    body = bodies.get(fold(title)) or bodies.get(fold(title.split()[0]))  # 'directora nacional', 'ministro'
    if fold(title) in _BODY_WORDS and not adj:
        return  # 'le ministère de l'Intérieur': a ministry's own name (MINISTRY); 'ministério angolano do Interior' here
    portfolio = _AND_ACRONYM.split(m.group("portfolio").strip(" ,"))[0]
    if not body or not portfolio or _names_a_body(portfolio):
        return
    if adj and fold(adj) not in kb.adjectives:
        return  # 'le ministre chargé des …', 'the Minister said …': no demonym, not read as one
    end = m.start("portfolio") + len(portfolio)
    tail = _NAME_TAIL.match(m.string, end).group(0)
    run_on = _RUN_ON.match(m.string, end)
    if run_on and not _is_place(run_on.group("rest") or run_on.group("word"), kb) \
            and not _country_across(portfolio, portfolio + m.string[end:run_on.end()], kb):
        return  # 'do Diretor Geral de Marfinenses no / Exterior': the name goes on past what the pattern reads
    if any(entity_for(h.key, kb, found).kind != "country" for h in found.matcher.find(portfolio + tail, kb.matcher)):
        return  # 'os ministros do Interior da CPLP': the ministers of a body's members, no one ministry
    hits = found.matcher.find(portfolio, kb.matcher)
    if hits and not _OF_AT.sub("", portfolio[:hits[0].start], count=1).strip(" '’"):
        return  # 'the ministro de Angola': a country, no portfolio
    if m.group("title").split()[0].endswith("s") and not hits and not (adj and fold(adj) in kb.adjectives):
        return  # 'os Ministros do Interior aprovaram': several countries' ministers, none named
    if fold(body.split()[0]) in _LOCAL_HEADS:  # a mayor's town: 'the Mayor of Accra Elizabeth Sackey' is Accra's
        portfolio = _town(portfolio, kb)
        end = m.start("portfolio") + len(portfolio)
        if any(_head_word(w) and fold(w) not in _OPENING_HEADS for w in _LETTERS.findall(portfolio)):
            return  # 'the Governor of Central Bank of Nigeria': a body's head, no town or region
    name = f"{body} {portfolio}"
    written = any((n := rx.match(name)) and n.group("name") == name for rx in MINISTRY)
    _register_national(found, kb, name, adj, m.string, end, country, alias=m.string[m.start():end], written=written)


_LOCAL_HEADS = frozenset(fold(w) for w in words("local_heads"))  # a town's or region's government: 'mairie', 'city'


def _town(portfolio: str, kb: KnowledgeBase) -> str:
    """A mayor's 'of' and town, without what follows it: a known place or country at its start, else its words up to
    a run of three capitalised words without a connector, of which only the first is the town's ('de Belém Edmilson
    Rodrigues': a person's name after the town).

    >>> from analysis.kb import load_kb
    >>> kb = load_kb()
    >>> _town("of Accra Elizabeth Sackey", kb), _town("de Belém Edmilson Rodrigues", kb), _town("de San Andrés del Rabanedo", kb)
    ('of Accra', 'de Belém', 'de San Andrés del Rabanedo')
    """
    of = _LEADING_OF.match(portfolio)
    start = of.end() if of else 0
    town = portfolio[start:]
    hit = next((h for h in list(kb.place_matcher.find(town)) + list(kb.matcher.find(town)) if h.start == 0
                and (h.key in kb.places or getattr(kb.entities.get(h.key), "kind", "") == "country")), None)
    if hit:
        return portfolio[:start + hit.end]
    kept, run = [], 0
    for w in town.split(" "):
        run = run + 1 if w[:1].isupper() else 0
        if run == 3:
            return portfolio[:start] + " ".join(kept[:-1])
        kept.append(w)
    return portfolio


_ANY_HEADS = _FOLDED_HEADS.union(*(_FOLDED_KIND_HEADS[k] for k in ("organization", "mechanism", "programme")))


def _names_a_body(portfolio: str) -> bool:
    """Whether a title's portfolio opens with a body's own name, a head noun or an acronym ('el Director General
    del Servicio Nacional de Migración', 'o director nacional do SME'): the title's holder heads that body, which
    the text names itself; the title names no other."""
    first = _LEADING_OF.sub("", portfolio).split(" ", 1)[0]
    return fold(first) in _ANY_HEADS or (len(first) > 1 and first.isupper())


_LEADING_OF = re.compile(r"^" + _OF + r"(?:\s+|(?=[lL]['’]))(?:" + _ARTICLE + r")?\s*", re.IGNORECASE)  # 'del ', "de l'", 'de la '


#: capitalised words and connectors after a name (where a name cut short goes on: '… de Língua Portuguesa')
_NAME_TAIL = re.compile(r"(?:\s+(?:" + "|".join(w for w in words("connectors") + words("of_words") if w not in words("and"))
                        + r"|[A-ZÀ-Ý][\w'’-]*)\b)*")  # not across an 'and': '… de Chile y la OIM' names two
#: where a name read by a pattern goes on, cut short: a connector and capitalised words ('… de Marfinenses no
#: Exterior'), or one capitalised word right after it ('subsecretario de Derechos Humanos'; two are a person's name:
#: 'le ministre espagnol de l'Intérieur Alfredo Perez Rubalcaba')
_RUN_ON = re.compile(r"\s+(?:(?:" + "|".join(w for w in words("connectors") if w not in words("and")) + r")\s+(?:"
                     + _ARTICLE + r")?(?P<rest>[A-ZÀ-Ý][\w'’-]*(?:\s+[A-ZÀ-Ý][\w'’-]*)*)"
                     r"|(?P<word>[A-ZÀ-Ý][\w'’-]*)(?![\w'’-]|\s+[A-ZÀ-Ý]))")


#: a national force named by its kind and its country: 'la police fédérale belge', 'la maréchaussée royale
#: néerlandaise', 'deux gendarmes marocains', 'la Gendarmería Nacional de Mauritania'
FORCE = re.compile(r"\b(?P<head>" + alt("force_heads") + r")\b(?P<rest>(?:[ -]+[\w'’]+){1,4})", re.IGNORECASE)
_FORCE_CUES = Literals(literal_prefixes(words("force_heads")))  # on lowercased text


def _register_force(found: Discovery, kb: KnowledgeBase, m: re.Match[str], country: Callable[[], str]) -> None:
    """A police or gendarmerie force of a country: the force's noun, at most two words, then a demonym
    ('police aux frontières françaises') or a preposition and a country ('Gendarmería Nacional de Mauritania').
    A name the reference knows (written in lowercase) is that body."""
    rest, end = m.group("rest"), 0
    for i, w in enumerate(re.finditer(r"[\w'’]+", rest)):
        word = fold(w.group(0))
        if word in _FORCE_STOP or i > 2:
            return
        if w.group(0)[:1].islower() and word in kb.adjectives:
            end = m.start("rest") + w.end()  # 'la police fédérale belge'
            break
        if word in _CONNECTORS:
            after = rest[w.end():].lstrip(" ")
            after = after[len(_LEADING_ARTICLE.match(after).group(0)) if _LEADING_ARTICLE.match(after) else 0:]
            hit = next(iter(kb.matcher.find(after)), None)
            if hit is not None and hit.start == 0 and kb.entities[hit.key].kind == "country":
                end = m.start("rest") + len(rest) - len(after) + hit.end  # 'Gendarmería Nacional de Mauritania'
                break
            if word in _LOCATIVE_WORDS:
                return  # 'la Gendarmería en aguas mauritanas': a place of its work, not its name
    if not end:
        return
    name = m.string[m.start("head"):end]
    cap = name[:1].upper() + name[1:]
    known = [h for h in kb.matcher.find(cap) if h.start == 0 and h.end == len(cap)]
    if known and kb.entities[known[0].key].kind in ACTOR_KINDS:
        _add_alias(found, known[0].key, known[0].key, name)  # a reference body written in lowercase
        return
    _register_national(found, kb, name, None, m.string, end, country)


_LOCATIVE_WORDS = frozenset(fold(w) for w in words("locative_words"))
_FORCE_STOP = frozenset(fold(w) for w in words("relative_pronouns") + words("clause_breaks") + words("and")
                        + words("passive_auxiliaries"))


_STATE_STYLE = r"\b" + alt("state_styles") + r"\s+" + _OF + r"(?:\s+|(?<=['’]))(?:" + _ARTICLE + r")?"
_STATE_STYLE_AT = re.compile(_STATE_STYLE)  # a country's formal name: 'Royaume des Pays-Bas'
_STATE_STYLE_BEFORE = re.compile(_STATE_STYLE + r"$")
_ARTICLE_BEFORE = re.compile(r"(?:^|(?<![\w'’]))(?:" + _ARTICLE + r")$", re.IGNORECASE)  # a style before a country's name: 'Grand-Duché du Luxembourg'


def _styled_state(body: str, start: int, before: str) -> int:
    """Where the state named by its formal style at ``start`` begins ('Royaume des Pays-Bas', 'Grand-Duché du
    Luxembourg'), -1 if the country is not named so or a place word puts it ('en République de Guinée')."""
    styled = _STATE_STYLE_AT.match(body, start) or _STATE_STYLE_BEFORE.search(before)
    if styled is None:
        return -1
    at = start if styled.re is _STATE_STYLE_AT else start - (len(before) - styled.start())
    if not _ARTICLE_BEFORE.search(body, max(0, at - 6), at) or PLACE_BEFORE.search(body, max(0, at - 100), at) \
            or _LOCATIVE_BEFORE.search(body, max(0, at - 12), at):
        return -1  # a party is named with its article ('le Royaume …'); 'in Seoul, Republic of Korea' is a place
    return at


def _abbreviation_end(body: str, start: int, end: int) -> int:
    """Where the name at ``start:end`` ends with the final dot of an abbreviation ('U.S' of 'U.S. government': the
    words match without it) that the text writes; ``end`` otherwise ('Chad. Authorities': a sentence's end)."""
    return end + 1 if body.startswith(".", end) and "." in body[start:end] else end


def _mission(body: str, start: int, end: int, noun: re.Match[str], iso: str, kb: KnowledgeBase) -> Mention:
    """The mention of a state's mission (``noun``: the match naming its kind), with where it is when the text says
    so ('the Embassy of Japan in Senegal', "l'Ambassade de France à Port-au-Prince", 'el Consulado de Bolivia en
    Viedma': the form a reader names it by)."""
    at = _EMBASSY_PLACE.match(body, end)
    if at and _is_place(at.group("where"), kb):
        end = at.end()
    return Mention(start, end, f"{noun.lastgroup}_{iso}", body[start:end], "actor")


def find_mentions(body: str, kb: KnowledgeBase, found: Discovery, hits: list | None = None) -> list[Mention]:
    """All entity mentions of a document body, with governments and country roles resolved.

    ``hits`` are the alias matches of ``body`` (``found.matcher.find(body, kb.matcher)``) when the caller has them."""
    out: list[Mention] = []
    hits = found.matcher.find(body, kb.matcher) if hits is None else hits
    local = _local_acronyms(body, kb, found, hits)
    country = functools.cache(lambda: main_country(hits, kb, body))  # computed once, when a page needs it
    for hit in hits:
        key = local.get(body[hit.start:hit.end], hit.key)
        if key in found.entities and not found.entities[key].iso3:  # a ministry or national body named without its state
            key = _placed_id(key, country()) if _placed_id(key, country()) in found.entities else key
        ent = found.entities.get(key) or kb.entities[key]
        eid, start, role = key, hit.start, "mention"
        if ent.kind == "country" and (_PUBLICATION_BEFORE.search(body, max(0, hit.start - 30), hit.start)
                                      or _PUBLICATION_AFTER.match(body, hit.end)):
            continue  # 'Jornal de Angola', 'ANGOLA PRESS', 'Jakarta Post': a newspaper's name, no mention of the country
        if ent.kind == "country":
            before = body[max(0, hit.start - 120):hit.start]
            mission = MISSION_OF.search(before) or MISSION_AFTER.match(body, hit.end)
            gov = GOV_BEFORE.search(before)
            if mission and mission.re is MISSION_OF:  # 'the Embassy of Japan', 'el Consulado de Bolivia'
                out.append(_mission(body, hit.start - (len(before) - mission.start()), hit.end, mission, ent.iso3, kb))
                continue
            if gov:
                eid, start, role = f"GOV_{ent.iso3}", hit.start - (len(before) - gov.start()), "actor"
            elif mission:  # 'the US Embassy', 'the Japan Embassy in Dakar'
                out.append(_mission(body, hit.start, mission.end(), mission, ent.iso3, kb))
                continue
            elif out and out[-1].entity_id.startswith(("GOV_", *MISSION_PREFIXES)) and out[-1].role == "actor" \
                    and _LIST_GAP.fullmatch(body, out[-1].end, hit.start):
                # 'the Governments of Australia, Indonesia and Thailand', 'the embassies of France and Spain'
                eid, role = f"{out[-1].entity_id.partition('_')[0]}_{ent.iso3}", "actor"
            elif GOV_AFTER.match(body[_abbreviation_end(body, hit.start, hit.end):hit.end + 30]):
                eid, role = f"GOV_{ent.iso3}", "actor"  # 'the Chilean authorities', 'the U.S. government'
            elif (at := _styled_state(body, hit.start, before)) >= 0:
                # 'entre le Royaume de Belgique, le Grand-Duché du Luxembourg et le Royaume des Pays-Bas': the states,
                # parties ('en République de Guinée', 'from the Republic of Moldova': as any country, below)
                eid, start, role = f"GOV_{ent.iso3}", at, "actor"
            elif _SUBJECT_START.search(before[-12:]) and _VERB_AFTER.match(body, _enumeration_end(body, hits, hit)) \
                    and not (out and out[-1].role == "place" and _LIST_GAP.fullmatch(body, out[-1].end, hit.start)):
                # 'O Brasil vai aplicar …', 'Mexico signed …', 'The Philippines, Canada and IOM acted as observers': the
                # state acts (the rest of the enumeration follows it, below)
                eid, role = f"GOV_{ent.iso3}", "actor"
            elif _acting_list(body, hits, hit):
                eid, role = f"GOV_{ent.iso3}", "actor"  # 'La conférence a réuni …, ainsi que l'Islande, la Bulgarie …'
            elif SUPPORT_BEFORE.search(before[-80:]) or RECIPIENT_BEFORE.search(before[-80:]) or PARTY_BEFORE.search(before) \
                    or VISIT_BEFORE.search(before[-80:]):
                # 'con el apoyo de Japón', 'a accordé à la Mauritanie', 'conclus avec le Gabon', 'liderado por Portugal',
                # 'une visite de travail en Tunisie'
                eid, role = f"GOV_{ent.iso3}", "actor"
            elif PLACE_BEFORE.search(before[-100:]) or (_NAME_THEN_PAREN.search(before[-40:])
                                                        and body.startswith(")", hit.end)):
                role = "place"  # 'in Niger', 'à Genève (Suisse)'
            elif (out and out[-1].role == "place" and _LIST_GAP.fullmatch(body, out[-1].end, hit.start)) \
                    or _REGION_THEN.search(before[-60:]):
                role = "place"  # 'la directora de la OIT para Centroamérica, Haití, Panamá y República Dominicana'
            elif out and body[out[-1].end:hit.start] == " " and (found.entities.get(out[-1].entity_id) or kb.entities.get(
                    out[-1].entity_id, ent)).kind in ("organization", "programme", "mechanism"):
                role = "place"  # a country office: 'ACNUR Brasil', 'IOM Egypt', 'UNODC Brasil'
        out.append(Mention(start, hit.end, eid, body[start:hit.end], role))
    out += _national_governments(body, country)
    # demonyms that stand for a government: 'Iranian experts', 'las autoridades colombianas'
    # ('Bosnian, Croatian and Serbian ambassadors': each demonym of an enumeration ending in such a noun)
    taken = [(m.start, m.end) for m in out]
    chained = -1  # start of the demonym after this one, when that one stands for a government
    demonyms = _demonyms(body, kb)
    for start, end, word in reversed(demonyms):
        iso = kb.adjectives[fold(word)]
        listed = chained >= 0 and bool(_LIST_GAP.fullmatch(body, end, chained))
        chained = -1
        embassy_before = MISSION_BEFORE.search(body, max(0, start - 30), start)  # "l'ambassade japonaise"
        if not word[:1].isupper() and not embassy_before and not GOV_NOUN_BEFORE_ADJ.search(body[max(0, start - 30):start]):
            continue
        if any(a <= start < b for a, b in taken):
            continue
        if (embassy := MISSION_AFTER.match(body, end)) and word[:1].isupper():  # 'the Australian Embassy'
            out.append(_mission(body, start, embassy.end(), embassy, iso, kb))
        elif embassy_before:
            out.append(_mission(body, embassy_before.start(), end, embassy_before, iso, kb))
        elif listed or GOV_NOUN_AFTER_ADJ.match(body[end:end + 40]) \
                or GOV_NOUN_BEFORE_ADJ.search(body[max(0, start - 30):start]):
            out.append(Mention(start, end, f"GOV_{iso}", word, "actor"))
            chained = start
    # a noun before an enumeration of demonyms stands for each ('ses homologues marocain, espagnol et sénégalais')
    acting = {m.start for m in out if m.role == "actor" and m.entity_id.startswith("GOV_")}
    prev = None
    for start, end, word in demonyms if acting else ():
        if prev is not None and prev[0] in acting and start not in acting and _LIST_GAP.fullmatch(body, prev[1], start) \
                and not any(a <= start < b for a, b in taken):
            out.append(Mention(start, end, f"GOV_{kb.adjectives[fold(word)]}", word, "actor"))
            acting.add(start)
        prev = (start, end)
    return sorted(out, key=lambda m: (m.start, m.end))


_STATE_LIST_CUE = re.compile(r"\b(?:" + "|".join(words("state_list_cues")) + r")", re.IGNORECASE)
_LOCATIVE_BEFORE = re.compile(r"\b" + alt("locative_words") + r"\s+(?:" + _ARTICLE + r")?$", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")


def _acting_list(body: str, hits: list, hit) -> bool:
    """Whether the country ``hit`` opens an enumeration of countries (two or more, nothing else) that a cue earlier
    in its sentence makes acting states ('La conférence a réuni …, ainsi que l'Islande, la Bulgarie et la Suisse',
    'São membros da CPLP Angola, Brasil, Cabo Verde …'), unless a locative preposition puts it ('réuni à Dakar, …')."""
    before = body[max(0, hit.start - 300):hit.start]
    breaks = list(_SENTENCE_BREAK.finditer(before))
    sentence = before[breaks[-1].end():] if breaks else before
    if not _STATE_LIST_CUE.search(sentence) or _LOCATIVE_BEFORE.search(sentence[-12:]):
        return False
    end, n = hit.end, 1
    for h in hits:
        if h.start >= end and _LIST_GAP.fullmatch(body, end, h.start):
            if h.key.startswith("C_") or h.key.startswith("GOV_"):
                end, n = h.end, n + 1
                continue
            return False
        if h.start >= end:
            break
    return n >= 2


_PUBLICATION_BEFORE = re.compile(r"\b" + alt("publication_before") + r"\s+$")  # case-sensitive: a title's capitals
_PUBLICATION_AFTER = re.compile(r"\s+(?:" + "|".join(f"{w}|{w.upper()}" for w in words("publication_after")) + r")\b")


def _enumeration_end(body: str, hits: list, first) -> int:
    """Where the enumeration that ``first`` opens ends: after the last of the names that follow it, each joined to
    the one before by a comma or an 'and' ('Chile, Peru and the OAS signed': at the end of 'OAS')."""
    end = first.end
    for h in hits[bisect.bisect_left(hits, end, key=lambda h: h.start):]:
        if h.start < end:
            continue  # a name overlapping the previous one
        if not _LIST_GAP.fullmatch(body, end, h.start):
            break
        end = h.end
    return end


#: a country's government named without the country: 'o Governo Federal', 'the Federal Government', 'el Gobierno Nacional'
NATIONAL_GOVERNMENT = re.compile(r"\b" + alt("national_government") + r"\b")


def _national_governments(body: str, country: Callable[[], str]) -> list[Mention]:
    """'o Governo Federal' is the government of the page's main country (none on a page naming no country)."""
    found = list(NATIONAL_GOVERNMENT.finditer(body)) if _NATIONAL_GOVERNMENT_CUES.found_in(body) else []
    iso = country() if found else ""
    return [Mention(m.start(), m.end(), f"GOV_{iso}", m.group(0), "actor") for m in found if iso]


_NATIONAL_GOVERNMENT_CUES = Literals(literal_prefixes(words("national_government"), lower=False))


def _local_acronyms(body: str, kb: KnowledgeBase, found: Discovery, hits: list) -> dict[str, str]:
    """Acronyms this document defines for another body than the one they name elsewhere: a country ('the Danish
    Refugee Council (DRC)': here DRC is the Council, not the Democratic Republic of the Congo) or another body
    (``Discovery.homonyms``): surface form -> the defined body's id. Checked only when such an acronym occurs."""
    caps = {sf for h in hits if (sf := body[h.start:h.end]).isupper()
            and (sf in found.homonyms or (found.entities.get(h.key) or kb.entities[h.key]).kind == "country")}
    out: dict[str, str] = {}
    for sf, lf, *_ in _definitions(body, kb) if caps else ():
        if sf in caps:
            named = [h for h in found.matcher.find(lf, kb.matcher) if h.start == 0 and h.end == len(lf)]
            ent = (found.entities.get(named[0].key) or kb.entities[named[0].key]) if named else None
            if ent is not None and (ent.kind in ACTOR_KINDS - {"government"} or sf in found.homonyms
                                    and ent.kind != "country"):
                out[sf] = ent.entity_id
    return out


def _demonyms(body: str, kb: KnowledgeBase) -> list[tuple[int, int, str]]:
    """The words of ``body`` (runs of letters) that are known demonyms: (start, end, word), in order.

    Read off the body's cached tokens: a token that is a demonym is a whole run of letters; only a
    token mixing digits and letters ('2019Iranian') needs its letters scanned, and only then is the
    body scanned word by word."""
    tokens = tokenize(body)
    adjectives = kb.adjectives
    mixed = {w for t in set(tokens.folded) if not t.isalpha() and not t.isdecimal() for w in _LETTERS.findall(t)}
    if not adjectives.keys().isdisjoint(mixed):
        return [(w.start(), w.end(), w.group(0)) for w in _LETTERS.finditer(body) if fold(w.group(0)) in adjectives]
    words, starts = tokens.words, tokens.starts
    return [(starts[i], starts[i] + len(words[i]), words[i])
            for i in itertools.compress(range(len(words)), map(adjectives.__contains__, tokens.folded))]


def entity_for(eid: str, kb: KnowledgeBase, found: Discovery) -> Entity:
    """The entity record of an id from the reference or from discovery."""
    return found.entities.get(eid) or kb.entities[eid]


__all__ = ["Discovery", "Mention", "best_long_form", "discover", "entity_for", "find_mentions", "head_kind",
           "is_case_sensitive", "slug"]
