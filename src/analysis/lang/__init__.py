"""Language resources: every word and pattern that depends on the language, one YAML file a language.

Each ``<code>.yaml`` beside this module declares the same keys (the keys of :data:`REQUIRED`);
the code of the stages has no word of any language and builds its patterns from these lists
(as spaCy keeps ``spacy/lang/<code>/`` and dateparser one data file a language). Entries are
regular-expression fragments written in lowercase unless a key says otherwise; a list may be
empty when the language has no such word, but the key must be there.

Adding a language: copy ``en.yaml`` to ``<code>.yaml``, translate every list, add the
language's names to the knowledge base (``aliases_<code>`` columns) and to the identifier's
set in :mod:`analysis.language`, and add tests (``tests/test_lang.py`` checks the keys).

>>> sorted(LANGUAGES)
['en', 'es', 'fr', 'pt']
>>> "by" in words("passive_agent")
True
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent

#: key -> what it holds (the schema every language file follows)
REQUIRED: dict[str, str] = {
    "name": "the language's English name",
    "function_words": "frequent function words (a quick profile of the language)",
    "months": "month number -> month words (lowercase; abbreviations included)",
    "weekdays": "weekday number (0 = Monday) -> weekday words",
    "relative_dates": "relative date expressions resolved against the publication date",
    "relative_cues": "literal pieces one of which every relative date expression contains",
    "relative_last": "words that move a relative expression one unit back ('last', 'dernier')",
    "relative_week": "the word for week", "relative_month": "the word for month", "relative_year": "the word for year",
    "relative_year_dates": "expressions of a year relative to the publication date ('last year', 'l'an dernier')",
    "date_glued_before": "words a date may be glued to in scraped text ('from15 to 17 February': read as 'from 15 …')",
    "weekday_before": "words that may precede a weekday ('last', 'this', 'el pasado')",
    "weekday_after": "words that may follow a weekday ('dernier')",
    "recent_past": "words right before a cue saying the act was just done ('have just signed', 'viennent de signer', 'acaban de firmar'): it is dated by the publication date",
    "relative_next": "words before or after a weekday that point forward from the publication date ('next Thursday', 'jeudi prochain', 'na próxima quinta-feira')",
    "weekday_not_after": "words before a weekday name that make it a place ('santo' Domingo)",
    "date_of": "the linking word inside a date ('de' in '5 de marzo de 2020')",
    "date_range_joiners": "words joining two days of a range ('to', 'au', 'al', 'a')",
    "date_range_before": "words opening a day range ('del 29 al 31')",
    "month_only_before": "prepositions before a month named alone ('in September')",
    "year_name_before": "words before a year that make it part of a name ('Agenda 2063', \"à l'horizon 2030\"), no date",
    "year_name_after": "words after a year that make it part of a name ('2030 Agenda'), no date",
    "ordinal_suffixes": "suffixes of a day number ('st', 'er')",
    "edition_heads": "meeting words that, numbered in capitals ('II Reunião Técnica …', 'XII Conferência …'), name a recurring meeting: a mechanism",
    "relations": "relation -> cue patterns (see analysis.relations.RELATIONS); has_members and supported_by are read in reverse",
    "case_sensitive_cues": "cues (from relations) that are acronyms and must keep their capitals",
    "passive_agent": "the word that introduces the agent of a passive ('by')",
    "between": "the word 'between' (its objects are linked to each other)",
    "articles": "definite articles and elided forms (followed by a space or not)",
    "clause_breaks": "words opening a new clause after a comma ('which', 'while')",
    "purpose": "phrases opening a purpose clause ('in order to')",
    "pair_anaphor_determiners": "'the', 'both', 'these' before a plural noun for two actors",
    "pair_anaphor_numerals": "the word 'two'",
    "pair_anaphor_nouns": "plural nouns for actors ('organizations', 'agencies', 'partners')",
    "locative_words": "prepositions of location that end a name before a place ('the Centre … in Baghdad'; not 'of')",
    "acronym_notes": "what may follow an acronym in parentheses after a comma ('por sus siglas en inglés')",
    "state_pair_anaphor_nouns": "plural nouns for states ('countries', 'governments'): 'the two countries' are the last two named",
    "programme_anaphor_determiners": "determiners before a programme noun",
    "programme_anaphor_nouns": "nouns for a programme ('project', 'initiative')",
    "of_words": "prepositions meaning 'of' (a noun followed by one is not an anaphor)",
    "focal_anaphor_articles": "articles before 'the Organization'",
    "focal_anaphor_nouns": "the word 'Organization' (capitalised)",
    "focal_anaphor_not_followed_by": "words after 'Organization' that make it another name",
    "passive_auxiliaries": "auxiliaries of the passive ('was', 'been')",
    "perfect_auxiliaries": "the auxiliaries of a compound tense ('has', 'a', 'ha', 'tem'): a verb after a subject, however short",
    "relative_pronouns": "relative pronouns ('which', 'that')",
    "joint_cues": "stems of a shared role ('co-lead', 'co-chair')",
    "member_nouns": "stem of the noun 'member'",
    "they": "pronouns for the last subjects ('They', 'Both'), capitalised",
    "and": "the conjunction 'and'",
    "heads": "kind -> head nouns of names of that kind",
    "generic_names": "patterns of generic groups that are never an entity ('civil society')",
    "connectors": "function words inside names ('of', 'for')",
    "government_before": "patterns ending right before a country that make it its government ('government of the ')",
    "government_after": "nouns right after a country (or its possessive) that make it its government",
    "government_nouns_after_demonym": "nouns after a demonym that make it a government ('Iranian officials')",
    "mission_nouns": "a state's missions abroad, prefix -> nouns (EMB: 'embassy', 'ambassade'; CON: 'consulate', 'consulado'): 'the Embassy of Japan', 'the US Embassy', 'l'ambassade japonaise', 'el consulado boliviano' name a national body (<prefix>_<ISO3>); the English first noun names it",
    "visit_to": "what right before a country makes it the host of a visit, a party, not a place ('a working visit to', 'visite de travail en'; regular expressions ending at the preposition)",
    "recipient_before": "what right before a country makes it a grant's recipient, a party, not a place ('accordé à', 'granted to'; regular expressions ending at the preposition)",
    "party_before": "what right before a country makes it a party of an agreement or talks, or the agent of an act ('signed with', 'talks between', 'led by'; regular expressions ending at the preposition): the state, not a place",
    "government_nouns_before_demonym": "noun phrases before a demonym that make it a government ('las autoridades')",
    "place_before": "prepositions before a country named as a place or scope",
    "countries_words": "the word 'countries' (a list after it is places)",
    "state_styles": "capitalised words of a state's formal style ('Royaume', 'Republic'): before an 'of' and a country, the state itself as a party (its government), unless a place word puts it",
    "listing_words": "'such as', 'including' before a list",
    "or_words": "the word 'or', closing an enumeration as 'and' does ('le Gabon, le Bénin ou le Sénégal')",
    "also_words": "'as well as', 'ainsi que' joining one more name to an enumeration",
    "possessive_gaps": "what stands between a body and the body it owns ('IOM’s Connecting Diaspora for Development': the possessive): the two work together (regular expressions)",
    "ministry_patterns": "patterns of a ministry's name (case-sensitive regular expressions; a group 'adj' may hold a demonym)",
    "ministry_cues": "literal pieces one of which every ministry pattern's match holds ('inist'): a page without any is not scanned",
    "minister_patterns": "patterns of a minister's or national director's title naming the ministry or directorate (case-sensitive; groups 'title', 'portfolio', maybe 'adj', a demonym)",
    "title_bodies": "body word -> the titles of who heads it ('ministère': ministre; 'Dirección Nacional': 'directora nacional'): a minister's title names a ministry, a national director's the directorate",
    "force_heads": "nouns of national police or gendarmerie forces (and their members) that name the force of a country with a demonym or 'of' + country",
    "national_words": "words that make a body's name a state's own body ('Comité National …', 'Polícia Nacional'): named without its state, it is the body of the page's country",
    "state_list_cues": "patterns which, earlier in a sentence, make an enumeration of countries acting states ('brought together', 'members')",
    "titled_words": "participles between a kind word and a name ('a project entitled X', 'projet intitulé X')",
    "sentence_name_heads": "kind -> head nouns that open a body's name written in sentence case ('la Commission tripartite pour le "
                           "rapatriement …'); empty where names are written in title case",
    "sentence_name_stops": "finite verbs and auxiliaries that show a capitalised head noun opens a clause, not a name ('la "
                           "Commission a approuvé')",
    "network_brands": "names of federations whose national members carry the brand and a country or city ('Caritas Chile', "
                      "'Cruz Roja Ecuatoriana', 'Caritas de Santiago'), as written (capitalised)",
    "name_heads": "head nouns of proper names of bodies discovered in the text",
    "name_connectors": "connectors allowed inside a capitalised name",
    "openers": "prepositions that open a phrase (never the first word of a name)",
    "generic_name_words": "capitalised first words of two-word titles that are not names ('National', 'Regional')",
    "generic_name_tails": "adjectives that after a head noun alone make a title, no name ('Secretaría Técnica', 'Oficina Regional'; regular expressions)",
    "role_offices": "offices of a person ('Office of the Special Representative')",
    "role_titles": "titles of a person after such an office",
    "kind_words": "nouns naming a kind of body before or after a brand name ('programme', 'network')",
    "ngo_nouns": "nouns introducing an NGO's name (case-sensitive patterns)",
    "footer_cues": "first words of footer lines (contacts, share, related)",
    "read_also": "first words of 'read also' link blocks",
    "social": "first words of social / print / skip lines",
    "photo_credit": "words introducing a photo credit",
    "published_cues": "words before a publication date ('Published on')",
    "updated_cues": "words before the date a page was last changed ('Updated on', 'Mise à jour'): its date when nothing else dates it",
    "byline_cues": "words opening a byline ('By', 'Rédigé par', 'Por:'): a short line opening with one and its author dates the page",
    "dateline_articles": "words between a dateline's place and its date ('le', 'el', 'on')",
    "provenance_lines": "openings of a short line above a story that says whose item it is ('Article from Ministry of Justice', 'Comunicado de …'): a page header, its names are frame",
    "national_body_name": "templates of a national body's name with its state ({body}: the body's name; {name}: the country's name in the language; {of_name}: 'of' + that name with its article's contraction, see of_articles; {demonym}: the state's capitalised demonym)",
    "demonym_after": "heads of national bodies' names a masculine demonym follows ('ministère': 'le ministère tunisien de …')",
    "opening_heads": "heads that name a body only when they open its name ('City of Athens'; 'Quezon City' is a place)",
    "local_heads": "heads of a town's or region's government ('mairie', 'prefeitura'): such a body is never qualified with its state",
    "regional_governments": "patterns of a state's, province's or region's own government (the whole match is the body's name, group 'unit' the place it governs: 'Gobierno del Estado de Oaxaca', 'Amazonas State Government'; each holds a plain word outside its groups, so that texts without it are not scanned)",
    "name_endings": "folded word endings (plurals, feminines) dropped when two names are compared ('Unies' and 'Unis', 'Migrações' and 'Migração')",
    "owner_gaps": "what may stand between a state and the body it owns when the language names the state first ('', \"'s\"): 'the Bangladesh Ministry of …'; empty when it never does",
    "demonym_feminine": "masculine ending -> feminine endings of demonyms: a demonym with its feminine among the country's is masculine singular ('tunisien' beside 'tunisienne')",
    "of_articles": "'of' before a country's name by the article it opens with ('le ': 'du '); '' for a name without article",
    "elision": "the elided 'of' -> the letters before which it replaces the plain one (\"d'\": a, e, …: \"d'Haïti\"); empty where 'of' is never elided",
    "government_name": "templates of a country's government name ({name}: the country's name in the language; {de_name}: 'de' + name, elided before a vowel)",
    "event_cues": "event type -> words naming a meeting, workshop, training or visit: a sentence with one and an actor reports an event",
    "definition_before": "what before an event word makes it a definition, no event ('is a forum', 'é um fórum'; regular expressions on lowercased text, ending at the word)",
    "person_titles": "titles of a person: a capitalised name containing one is a post, not a body ('Regional Programme Coordinator')",
    "national_government": "names of a country's government without the country ('Governo Federal'): the page's main country (case-sensitive patterns)",
    "disclaimers": "phrases of a repost's bracketed disclaimer ('does not necessarily reflect the views of …')",
    "relevant_words": "capitalised words that make a page relevant even without a known name ('Ministry')",
    "signing_stems": "stems of signing verbs: an agreement cue starting with one makes an event even undated",
    "launch_stems": "stems of launching verbs: an establishment cue starting with one is a launch",
    "following_kind_words": "nouns right after an acronym or name that give its kind ('the BMM programme')",
    "ngo_cues": "literal pieces one of which every NGO noun contains (a quick check before the scan)",
    "publication_before": "capitalised words of a newspaper's name before a place ('Jornal de', 'Times of'): the place is part of a title, no mention",
    "publication_after": "capitalised words of a newspaper's name after a place ('Press', 'Times', 'Hoy')",
    "news_agency_names": "patterns of a news agency's name ('Agence Fides', 'Sudan News Agency'): a page's source, never a body",
    "negations": "words that negate a cue a few words after them ('not', 'ne', 'no', 'não'): 'did not sign' states no agreement",
    "concept_words": "words that make a capitalised acronym's long form a concept, not a body ('Internally Displaced Persons (IDPs)')",
    "programme_anaphor_not_followed_by": "words after a programme noun that make it another name ('the project of …')",
    "event_anaphor_determiners": "determiners before an event noun that name again an event told before ('the workshop', 'cet atelier')",
    "event_generic_nouns": "nouns of an event of any type ('event', 'activité'): after such a determiner they name again the "
                           "event told last ('The event was attended by …')",
    "agreement_anaphor_nouns": "nouns of an agreement ('memorandum', 'accord', 'signatories'): after such a determiner they "
                               "name again the agreement told before ('Com esta Declaração, os signatários …')",
}


class LanguageDataError(ValueError):
    """A language file misses a key, has an unknown one, or holds a value of the wrong form."""


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise LanguageDataError(f"{path.name}: not a mapping")
    missing = sorted(set(REQUIRED) - set(data))
    unknown = sorted(set(data) - set(REQUIRED))
    if missing or unknown:
        raise LanguageDataError(f"{path.name}: " + "; ".join(
            p for p in (f"missing key(s) {', '.join(missing)}" if missing else "",
                        f"unknown key(s) {', '.join(unknown)}" if unknown else "") if p))
    for key, value in data.items():
        if key == "name":
            continue
        if key in ("months", "weekdays", "relations", "heads", "event_cues", "title_bodies", "sentence_name_heads",
                   "mission_nouns", "of_articles", "elision", "demonym_feminine"):
            if not isinstance(value, dict) or not all(isinstance(v, list) for v in value.values()):
                raise LanguageDataError(f"{path.name}: '{key}' must map to lists")
        elif not isinstance(value, list):
            raise LanguageDataError(f"{path.name}: '{key}' must be a list")
        items = [x for v in value.values() for x in v] if isinstance(value, dict) else value
        odd = [x for x in items if not isinstance(x, str)]
        if odd:
            raise LanguageDataError(f"{path.name}: '{key}' holds {odd[0]!r}, not a string (quote it: YAML reads "
                                    "on/off/yes/no as booleans and bare numbers as numbers)")
    return data


@functools.cache
def load_languages(folder: str = str(HERE)) -> dict[str, dict[str, Any]]:
    """Every ``<code>.yaml`` of ``folder``, validated against :data:`REQUIRED`: code -> resources."""
    return {p.stem: _load(p) for p in sorted(Path(folder).glob("*.yaml"))}


LANGUAGES: dict[str, dict[str, Any]] = load_languages()
#: the order in which languages are combined (English first: alternations keep their historical order)
ORDER: tuple[str, ...] = tuple(sorted(LANGUAGES, key=lambda c: (c != "en", c != "fr", c != "es", c)))


def words(key: str, langs: tuple[str, ...] | None = None) -> list[str]:
    """The entries of list ``key`` over ``langs`` (default: every language), first occurrence kept."""
    out: dict[str, None] = {}
    for code in langs or ORDER:
        for w in LANGUAGES[code][key]:
            out.setdefault(str(w), None)
    return list(out)


def table(key: str, langs: tuple[str, ...] | None = None) -> dict[str, list[str]]:
    """The mapping ``key`` (e.g. relations, heads) merged over ``langs``: sub-key -> entries in order."""
    out: dict[str, dict[str, None]] = {}
    for code in langs or ORDER:
        for sub, items in LANGUAGES[code][key].items():
            bucket = out.setdefault(str(sub), {})
            for w in items:
                bucket.setdefault(str(w), None)
    return {k: list(v) for k, v in out.items()}


def alt(key: str, langs: tuple[str, ...] | None = None) -> str:
    """A non-capturing alternation of the entries of ``key`` (regular-expression fragments)."""
    return "(?:" + "|".join(words(key, langs)) + ")"


__all__ = ["LANGUAGES", "ORDER", "REQUIRED", "LanguageDataError", "alt", "load_languages", "table", "words"]
