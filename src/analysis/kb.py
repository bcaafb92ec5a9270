"""The reference knowledge base: organizations, countries and places with multilingual aliases.

Three CSV files ship with the package (``resources/reference/``); a project adds rows in files of the same
names and columns in its own reference folder (``data/reference/``), and a row whose id the package has
replaces the package's row:

``organizations.csv``  id, name, acronym, kind, parent, aliases_en, aliases_fr, aliases_es
``countries.csv``      iso3, name_en, aliases_en, name_fr, aliases_fr, name_es, aliases_es, adjectives
``places.csv``         place_id, name_en, aliases, iso3

Every country yields two entities: ``C_<ISO3>`` (kind ``country``: the country as a place
or scope) and ``GOV_<ISO3>`` (kind ``government``: the state acting). :class:`AliasMatcher`
finds the longest alias at each position of a text, accent- and case-insensitively for
names, case-sensitively for acronyms ('UN' is not the French 'un').
"""

from __future__ import annotations

import csv
import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable

from .fastre import literal_prefixes
from .lang import LANGUAGES, ORDER
from .records import quick_init

#: id prefixes of a state's missions abroad ('EMB_', 'CON_'): national bodies found by role (entities.py)
MISSION_PREFIXES = tuple(f"{p}_" for p in LANGUAGES["en"]["mission_nouns"])

ACTOR_KINDS = frozenset({"organization", "mechanism", "programme", "government"})
KINDS = frozenset(ACTOR_KINDS | {"country", "person", "place", "instrument"})
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


@functools.lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Accent-free, case-folded form of ``text`` (for matching names); cached, tokens repeat."""
    if text.isascii():
        return text.casefold()  # nothing to decompose, no accent to drop
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def split_aliases(value: str | None) -> list[str]:
    """Split a '|'-separated alias cell into stripped, non-empty aliases."""
    return [a.strip() for a in (value or "").split("|") if a.strip()]


@dataclass
class Entity:
    """An actor or other named thing: one row of the ``entities`` table."""

    entity_id: str
    name: str
    kind: str
    acronym: str = ""
    parent: str = ""
    source: str = "reference"
    aliases: set[str] = field(default_factory=set)
    iso3: str = ""

    def row(self) -> dict:
        """The ``entities`` table row of this entity."""
        forms = sorted({a for a in self.aliases | {self.name, self.acronym} if a}, key=lambda a: (fold(a), a))
        return {"entity_id": self.entity_id, "name": self.name, "acronym": self.acronym, "kind": self.kind,
                "parent": self.parent, "source": self.source, "aliases": "|".join(forms)}


@dataclass(frozen=True)
class Place:
    """A city or other place where events happen."""

    place_id: str
    name: str
    aliases: tuple[str, ...]
    iso3: str


def is_case_sensitive(alias: str) -> bool:
    """Acronyms and other all-capital forms ('UN', 'OIM', 'UNCTs', 'GLO.ACT') must match exactly."""
    tokens = _TOKEN.findall(alias)
    return bool(tokens) and len(tokens) <= 3 and all(sum(c.isupper() for c in t) >= 2 or t.isdigit() for t in tokens)


@quick_init  # made by the thousand: see analysis.records
@dataclass(frozen=True)
class Match:
    """An alias found in a text."""

    start: int
    end: int
    key: str  # entity id or place id
    alias: str


_BREAK = re.compile(r"[,;:()\n]|\. ")  # what separates two names rather than joining one name's words
_END = ""  # key of the alias entries ending at a trie node (never a token: tokens are non-empty)


def accents_agree(word: str, alias: str) -> bool:
    """Whether a one-word match keeps its accents: folding lets 'Mexico' match 'México', but a word
    written with other accents than the alias is another word (Portuguese 'Irá', 'will', is not 'Irã').

    >>> accents_agree("Mexico", "México"), accents_agree("Perú", "Peru"), accents_agree("Irá", "Irã")
    (True, True, False)
    """
    return word.isascii() or alias.isascii() or word.casefold() == alias.casefold()


class AliasMatcher:
    """Longest-match lookup of many aliases over token sequences.

    Aliases are stored in a trie of folded tokens; matching tokenises the text once and, at
    each token, walks the trie as far as the text allows, then tries the aliases ending on
    that path longest first. The cost per token is the length of the longest alias prefix
    found there, not the number of aliases sharing its first word ('the', 'United').
    """

    def __init__(self, commas: bool = False) -> None:
        # commas: names may contain a comma where their alias has one (curated reference names such as
        # 'Bureau of Population, Refugees, and Migration'; names discovered in text never do)
        self.commas = commas
        self._root: dict[str, dict] = {}
        # first tokens of case-sensitive aliases written lowercase first ('eSwatini'): other
        # aliases need a capital or a digit where the match starts, so lowercase words are skipped
        self._lower_first: set[str] = set()
        # aliases written with a comma that match across one even when ``commas`` is off (a minister's title:
        # 'ministro del Interior, Promoción de la Descentralización y del Desarrollo Local de Mauritania')
        self._comma_aliases: set[str] = set()
        # the matches of short texts (names recur over a corpus), under the versions of the matchers they were
        # found with: adding or retargeting an alias makes a new version, so that a memo never outlives its data
        self._version = 0
        self._memo: dict[tuple, tuple[Match, ...]] = {}
        # per group of matchers searched together (this one first): the first tokens of their aliases and those of
        # them an alias may start with in lowercase, for the matchers' versions
        self._firsts: dict[tuple[int, ...], tuple] = {}

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_memo": {}, "_firsts": {}}  # a worker process receives the data, not what is derived

    def opens_alias(self, word: str) -> bool:
        """Whether some alias starts with ``word`` (compared folded): 'Organización' opens 'Organización Internacional
        para las Migraciones'."""
        return fold(word) in self._root

    def clear_memo(self) -> None:
        """Forget the remembered matches (they are recomputed on demand; benchmarks start cold)."""
        self._memo.clear()
        self._firsts.clear()

    def _first_tokens(self, matchers: tuple["AliasMatcher", ...]) -> tuple[frozenset[str], frozenset[str]]:
        """The folded tokens that start an alias of one of ``matchers`` (this one first), and those of them an alias
        may start with in lowercase; kept for the matchers' current versions."""
        key = tuple(map(id, matchers))
        now = tuple(m._version for m in matchers)
        known = self._firsts.get(key)
        if known is None or known[1] != now or any(a is not b for a, b in zip(known[0], matchers)):
            known = self._firsts[key] = (matchers, now, frozenset().union(*(m._root for m in matchers)),
                                         frozenset().union(*(m._lower_first for m in matchers)))
        return known[2], known[3]

    def add(self, alias: str, key: str, lowercase_start: bool = False, commas: bool = False) -> None:
        """Register ``alias`` (any language) for ``key``. A name matches only where the text starts it with
        a capital, unless ``lowercase_start`` ('le ministère de l'Intérieur', 'el ministerio del Interior')
        or the name carries an acronym the text writes as the alias does ('la task force UA-UE-ONU').
        ``commas``: the alias matches across the commas it is written with, whatever the matcher's setting."""
        tokens = tuple(_TOKEN.findall(alias))
        if not tokens:
            return
        if commas and "," in alias and alias not in self._comma_aliases:
            self._version += 1  # a new version for each change of what matches (see find)
            self._comma_aliases.add(alias)
        exact = tokens if is_case_sensitive(alias) else None
        node = self._root
        for t in tokens:
            node = node.setdefault(fold(t), {})
        entries = node.setdefault(_END, [])
        # lowercase start: True (any), or the acronyms (position, token) the text must write exactly
        lower = lowercase_start or tuple((j, t) for j, t in enumerate(tokens)
                                         if j and exact is None and sum(c.isupper() for c in t) >= 2)
        if any(e == exact and k == key and lo == lower and a.casefold() == alias.casefold() for e, k, a, lo in entries):
            return  # each spelling is kept ('Haiti', 'Haïti', 'Haití'): a one-word match checks its accents
        self._version += 1
        entries.append((exact, key, alias, lower))
        if lower or exact is not None and not (tokens[0][:1].isupper() or tokens[0][:1].isdigit()):
            self._lower_first.add(fold(tokens[0]))

    def _entry_lists(self):
        stack = [self._root]
        while stack:
            node = stack.pop()
            for tok, child in node.items():
                if tok == _END:
                    yield child
                else:
                    stack.append(child)

    def retarget_many(self, moves: dict[str, str]) -> None:
        """Point the aliases of each key ``old`` to ``moves[old]`` (when two discovered entities are one)."""
        self._version += 1
        for entries in self._entry_lists():
            entries[:] = [(e, moves.get(k, k), a, lo) for e, k, a, lo in entries]

    def __len__(self) -> int:
        return sum(len(v) for v in self._entry_lists())

    def find(self, text: str, *others: "AliasMatcher") -> list[Match]:
        """Non-overlapping matches in ``text`` over this matcher and ``others``.

        The longest alias starting at each token is a candidate (on equal length, the first
        matcher's); overlapping candidates are resolved longest first, then the one ending
        later ('Secretariat of the United Nations Network on Migration' is the Network, not
        the Secretariat). The matches of a short text are remembered for the matchers' current
        versions (see :meth:`add`).
        """
        if len(text) >= _SHORT_TEXT:
            return self._find(text, *others)
        key = (text, self._version, *((m, m._version) for m in others))
        hit = self._memo.get(key)
        if hit is None:
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            hit = self._memo[key] = tuple(self._find(text, *others))
        return list(hit)

    def _find(self, text: str, *others: "AliasMatcher") -> list[Match]:
        """:meth:`find`, not remembered."""
        tokens = tokenize(text)
        words, folded = tokens.words, tokens.folded
        n = len(words)
        matchers = (self, *others)
        cands: list[tuple[int, int, str, str]] = []  # (first token, n tokens, key, alias)
        if n >= _MANY_TOKENS:  # a page: one pass over its tokens against the first tokens of every matcher's aliases
            firsts, lowers = self._first_tokens(matchers)
            starts: Iterable[int] = itertools.compress(range(n), map(firsts.__contains__, folded))
        else:  # a name (matchers may grow between two names: no set of first tokens to build)
            starts, lowers = (i for i, f in enumerate(folded) if any(f in m._root for m in matchers)), None
        tries = [(m, m._root, m._lower_first, m.commas or m._comma_aliases) for m in matchers]
        for i in starts:  # tokens that start an alias
            f = folded[i]
            c0 = words[i][0]
            capital = c0.isupper() or c0.isdigit()
            if not capital and lowers is not None and f not in lowers:
                continue  # a lowercase word starts no alias here (each matcher would skip it below)
            best: tuple[int, str, str] | None = None
            for matcher, root, lower_first, commas in tries:
                node = root.get(f)
                if node is None or not (capital or f in lower_first):
                    continue
                path: list[tuple[int, list]] = []
                k = 1
                while True:
                    if _END in node:
                        path.append((k, node[_END]))
                    if i + k >= n or folded[i + k] not in node:
                        break
                    node = node[folded[i + k]]
                    k += 1
                for k, entries in reversed(path):
                    if best and k <= best[0]:
                        break
                    strict = k == 1 or _contiguous(tokens, i, k)
                    if not strict and not (commas and _contiguous(tokens, i, k, commas=True)):
                        continue
                    for exact, key, alias, lower in entries:  # the first entry the text writes as it needs
                        if (strict or "," in alias and (matcher.commas or alias in matcher._comma_aliases)) and \
                                (tuple(words[i:i + k]) == exact if exact is not None else
                                 capital or lower is True or lower and all(words[i + j] == t for j, t in lower)) \
                                and (k > 1 or accents_agree(words[i], alias)):
                            best = (k, key, alias)
                            break
                    if best and best[0] == k:
                        break
            if best:
                cands.append((i, best[0], best[1], best[2]))
        taken = [False] * n
        chosen = []
        starts = tokens.starts
        for i, k, key, alias in sorted(cands, key=lambda c: (-c[1], -(c[0] + c[1]), c[0])):
            if any(taken[i:i + k]):
                continue
            for j in range(i, i + k):
                taken[j] = True
            chosen.append(Match(starts[i], starts[i + k - 1] + len(words[i + k - 1]), key, alias))
        return sorted(chosen, key=lambda m: m.start)


class Tokens:
    """The tokens of a text (``words``), their folded forms, their character offsets (``starts``) and
    what separates them (``gaps[j]``: the text before token j), from one ``re.split`` of the text."""

    __slots__ = ("text", "words", "folded", "starts", "gaps")

    def __init__(self, text: str) -> None:
        parts = _TOKEN_SPLIT.split(text)  # gap, token, gap, token, ..., gap
        self.text = text
        self.words: list[str] = parts[1::2]
        self.folded: list[str] = list(map(fold, self.words))
        self.starts: list[int] = list(itertools.accumulate(map(len, parts)))[0:-1:2]
        self.gaps: list[str] = parts[0:-1:2]

    def start(self, i: int) -> int:
        """Character offset of token ``i``."""
        return self.starts[i]

    def end(self, i: int) -> int:
        """Character offset just after token ``i``."""
        return self.starts[i] + len(self.words[i])


_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")


#: texts shorter than this are names or short lines: their tokens and matches are remembered in larger numbers
_SHORT_TEXT = 200
_MANY_TOKENS = 64  # texts of this many tokens are matched against the matchers' first tokens at once
_MEMO_SIZE = 1 << 14  # remembered matches per matcher (the memo starts again when full)


def tokenize(text: str) -> Tokens:
    """The :class:`Tokens` of ``text`` (cached: a body is matched several times, and the same names recur over a
    corpus; few bodies are kept, many names)."""
    return _tokenize_name(text) if len(text) < _SHORT_TEXT else _tokenize_body(text)


_tokenize_body = functools.lru_cache(maxsize=8)(Tokens)
_tokenize_name = functools.lru_cache(maxsize=1 << 14)(Tokens)


def _clear_tokens() -> None:
    _tokenize_body.cache_clear()
    _tokenize_name.cache_clear()


tokenize.cache_clear = _clear_tokens  # as for the other cached helpers: benchmarks and tests start cold


@functools.lru_cache(maxsize=4096)
def _joining(gap: str) -> bool:
    """Whether ``gap`` joins two words of one name (spaces or joining punctuation, no sentence break)."""
    return len(gap) <= 3 and not _BREAK.search(gap)


def _contiguous(tokens: Tokens, i: int, k: int, commas: bool = False) -> bool:
    """Tokens i..i+k-1 are separated only by spaces or joining punctuation (no sentence break); a full
    stop after a capital initial is an abbreviation, not a break ('the U.S. Agency for International …').
    With ``commas``, a comma may separate them too (for a name written with one: 'Bureau of Population,
    Refugees, and Migration')."""
    gaps, words = tokens.gaps, tokens.words
    return all(_joining(gaps[j]) or (gaps[j] == ". " and len(words[j - 1]) == 1 and words[j - 1].isupper())
               or (commas and gaps[j].replace(" ", "") == ",")
               for j in range(i + 1, i + k))


@dataclass
class KnowledgeBase:
    """Reference entities and places, with a matcher over all their aliases."""

    entities: dict[str, Entity]
    places: dict[str, Place]
    adjectives: dict[str, str]  # folded demonym -> iso3
    matcher: AliasMatcher
    place_matcher: AliasMatcher
    _place_names: dict[str, str] = field(default_factory=dict, repr=False)  # memo of place_name (names recur)
    #: iso3 -> language -> the country's names in that language ('NER' -> 'fr' -> ('Niger', 'le Niger', …))
    country_names: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict, repr=False)
    #: iso3 -> the country's capitalised demonyms, which are its English ones in the countries table (the other
    #: languages write theirs in lowercase): 'TUN' -> ('Tunisian',), for 'the Tunisian Ministry of …'
    demonyms: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    #: iso3 -> language -> its lowercase masculine singular demonyms ('TUN' -> 'fr' -> ('tunisien',))
    masculine_demonyms: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict, repr=False)
    _names: list = field(default_factory=list, repr=False)  # content-word indexes of resolve_name, built on first use

    @functools.cached_property
    def acronym_bodies(self) -> dict[str, frozenset[str]]:
        """Acronyms of four letters or more -> the reference actors (organizations, mechanisms, programmes,
        governments) they abbreviate (computed once: every page's misspelt acronyms are looked up in it)."""
        out: dict[str, set[str]] = {}
        for ent in self.entities.values():
            if ent.acronym and ent.kind in ACTOR_KINDS and len(ent.acronym) >= 4:
                out.setdefault(ent.acronym, set()).add(ent.entity_id)
        return {k: frozenset(v) for k, v in out.items()}

    def country_of(self, entity_id: str) -> str:
        """ISO3 code of a country or government entity id, '' otherwise."""
        return self.entities[entity_id].iso3 if entity_id in self.entities else ""

    def resolve_name(self, name: str) -> str | None:
        """The reference organization, mechanism or programme a name written differently stands for, if exactly
        one: the same content words whatever their case, punctuation, articles and prepositions ('Office of the
        United Nations on Drugs and Crime'), or all of a reference name's content words and one more or one less
        ('the International Organisation on Migration and Development' is not; 'Organización Internacional de
        las Migraciones' is IOM). Names of fewer than three content words are never resolved this way."""
        words = _name_words(name)
        if len(words) < 3:
            return None
        index, minus_one = self._name_index()
        keys = set(index.get(words, ()))
        if not keys:
            keys = set(minus_one.get(words, ()))  # a reference name with one more word
        if not keys and len(words) >= 4:
            keys = {k for w in words for k in index.get(words - {w}, ())}  # one more word in the text
        return keys.pop() if len(keys) == 1 else None

    def _name_index(self) -> tuple[dict[frozenset, set[str]], dict[frozenset, set[str]]]:
        if not self._names:
            index: dict[frozenset, set[str]] = {}
            minus_one: dict[frozenset, set[str]] = {}
            for ent in self.entities.values():
                if ent.kind not in ("organization", "mechanism", "programme"):
                    continue
                for alias in ent.aliases | {ent.name}:
                    words = _name_words(alias)
                    if len(words) >= 3:
                        index.setdefault(words, set()).add(ent.entity_id)
                    if len(words) >= 4:
                        for w in words:
                            minus_one.setdefault(words - {w}, set()).add(ent.entity_id)
            self._names.extend([index, minus_one])
        return self._names[0], self._names[1]

    def place_name(self, text: str) -> str:
        """The reference name of the place ``text`` names ('Ginebra' → 'Geneva'), else ``text`` itself."""
        if text not in self._place_names:
            hits = self.place_matcher.find(text) if text else []
            self._place_names[text] = self.places[hits[0].key].name if hits else text
        return self._place_names[text]


_FUNCTION_WORDS = frozenset(fold(w) for code in ORDER for key in ("connectors", "of_words", "and")
                            for w in LANGUAGES[code][key]) | frozenset(
    fold(w.replace("\\s+", "").replace("['’]", "")) for code in ORDER for w in LANGUAGES[code]["articles"])


def _content_words(name: str) -> frozenset[str]:
    """The folded words of a name without articles, prepositions and conjunctions (of every language)."""
    return frozenset(w for w in map(fold, _TOKEN.findall(name)) if w not in _FUNCTION_WORDS and len(w) > 1)


#: a plural's or a feminine's last letters, in any language (``name_endings``), longest first
_NAME_ENDING = re.compile(r"(?<=\w{3})(?:" + "|".join(sorted({fold(e) for code in ORDER for e in LANGUAGES[code]["name_endings"]},
                                                            key=lambda e: (-len(e), e))) + ")$")


def _name_words(name: str) -> frozenset[str]:
    """The content words of a name without a plural's or a feminine's last letters (``name_endings``), for comparing
    names: 'Nations Unis' (a typo) and 'Nations Unies', 'Derechos Humanos' and 'Derecho Humano', 'Migrações' and
    'Migração' give the same words."""
    return frozenset(_NAME_ENDING.sub("", w) for w in _content_words(name))


def shares_word_stems(name: str, others: Iterable[str], stem: int = 4) -> bool:
    """Whether one of ``others`` shares the first ``stem`` letters of at least half of the content words of ``name``
    (or of its own): 'Organización Internacional para las Migraciones' and 'International Organization for
    Migration' do; 'Ministério Público Federal' and 'Migration Partnership Facility' (both 'MPF') do not, nor do
    'Instituto Guatemalteco de Migración' and 'Indicadores de Gobernanza de la Migración' (both 'IGM'). Two names of
    two or more words each share two stems at least ('UN Migration' is no translation of the Guatemalan institute)."""
    mine = {w[:stem] for w in _content_words(name) if len(w) > 2}
    for other in others:
        theirs = {w[:stem] for w in _content_words(other) if len(w) > 2}
        shared = len(mine & theirs)
        if mine and theirs and 2 * shared >= min(len(mine), len(theirs)) and (shared >= 2 or max(len(mine), len(theirs)) < 2):
            return True
    return False


#: the knowledge base of the package (read with importlib.resources: the same from a wheel or the repository)
PACKAGE_REFERENCE = Path(str(resources.files("analysis").joinpath("resources", "reference")))
#: table -> the column whose value identifies a row (a project's row with the same value replaces the package's)
TABLE_KEYS = {"organizations.csv": "id", "countries.csv": "iso3", "places.csv": "place_id"}


#: every table of the knowledge base (office_holders.csv: terms of office, read by analysis.offices)
TABLES = (*TABLE_KEYS, "office_holders.csv")


def reference_files(reference_dir: Path | None = None) -> list[Path]:
    """The reference tables a run reads, in order: the package's, then those of ``reference_dir`` (a project's
    additions; a missing folder or file adds nothing)."""
    files = [PACKAGE_REFERENCE / name for name in TABLES if (PACKAGE_REFERENCE / name).is_file()]
    if reference_dir and Path(reference_dir).resolve() != PACKAGE_REFERENCE.resolve():
        files += [Path(reference_dir) / name for name in TABLES if (Path(reference_dir) / name).is_file()]
    return files


def _read_csv(path: Path, required: list[str]) -> list[dict[str, str]]:
    if not path.exists():
        raise FileNotFoundError(f"{path}: reference file not found")
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
        return [row for row in reader if any((v or "").strip() for v in row.values())]


def _read_table(reference_dir: Path | None, name: str, required: list[str]) -> list[dict[str, str]]:
    """The rows of table ``name``: the package's, then the project's, a project row replacing the package row
    with the same key (in its place, so the order stays that of the package's file)."""
    rows: dict[str, dict[str, str]] = {}
    for path in (p for p in reference_files(reference_dir) if p.name == name):
        for i, row in enumerate(_read_csv(path, required)):
            key = (row.get(TABLE_KEYS[name]) or "").strip() or f"{path}:{i}"
            rows[key] = {**row, "_file": str(path)}
    return list(rows.values())


_LOWERCASE_NAME_KINDS = frozenset({"organization", "mechanism", "programme"})
_LOWERCASE_NAME_WORDS = 5


def load_kb(reference_dir: Path | None = None) -> KnowledgeBase:
    """Load the package's knowledge base with the additions of ``reference_dir`` and index every alias."""
    entities: dict[str, Entity] = {}
    matcher = AliasMatcher(commas=True)
    orgs = _read_table(reference_dir, "organizations.csv", ["id", "name", "acronym", "kind", "parent"])
    for row in orgs:
        eid = row["id"].strip()
        kind = row["kind"].strip().lower()
        if kind not in KINDS:
            raise ValueError(f"{row['_file']}: {eid}: unknown kind '{kind}'")
        aliases = {a for col in row if col.startswith("aliases_") for a in split_aliases(row.get(col))}
        aliases |= {row["name"].strip()} | ({row["acronym"].strip()} - {""})
        # an acronym written in title case or with points ('Unodc', 'U.N.H.C.R.'); short ones are also words
        aliases |= {v for a in aliases if a.isalpha() and a.isupper() and len(a) >= 5 for v in (a.title(), ".".join(a) + ".")}
        ent = Entity(eid, row["name"].strip(), kind, row["acronym"].strip(), row["parent"].strip(), "reference", aliases)
        entities[eid] = ent
    countries = _read_table(reference_dir, "countries.csv", ["iso3", "name_en", "name_fr", "name_es"])
    adjectives: dict[str, str] = {}
    country_names: dict[str, dict[str, tuple[str, ...]]] = {}
    demonyms: dict[str, tuple[str, ...]] = {}
    masculine: dict[str, dict[str, tuple[str, ...]]] = {}
    for row in countries:
        iso = row["iso3"].strip().upper()
        adjs = split_aliases(row.get("adjectives"))
        demonyms[iso] = tuple(a for a in adjs if a[:1].isupper())
        # each language's masculine singular ones: those with their feminine beside them (demonym_feminine:
        # tunisien/tunisienne, chileno/chilena), for 'le ministère tunisien de …'
        forms = set(adjs)
        masculine[iso] = {code: tuple(a for a in adjs if a[:1].islower() and any(
            a.endswith(m) and a[:len(a) - len(m)] + f in forms
            for m, fs in LANGUAGES[code]["demonym_feminine"].items() for f in fs))
            for code in ORDER}
        country_names[iso] = {code: tuple(dict.fromkeys(
            n for n in [(row.get(f"name_{code}") or "").strip(), *split_aliases(row.get(f"aliases_{code}"))] if n))
            for code in ORDER}
        names = {(row[c] or "").strip() for c in row if c.startswith("name_")} - {""}
        names |= {a for c in row if c.startswith("aliases_") for a in split_aliases(row.get(c))}
        name = row["name_en"].strip()
        entities[f"C_{iso}"] = Entity(f"C_{iso}", name, "country", "", "", "reference", set(names), iso)
        # 'Government of X', 'Gouvernement du X', 'Gobierno de X', 'Governo de X': each language's templates
        gov_names = {tpl.format(name=local, de_name=_fr_de(local))
                     for code in ORDER for local in [(row.get(f"name_{code}") or name).strip()]
                     for tpl in LANGUAGES[code]["government_name"]}
        entities[f"GOV_{iso}"] = Entity(f"GOV_{iso}", f"Government of {name}", "government", "", "", "reference",
                                        set(names) | gov_names, iso)
        # its missions abroad (embassies, consulates), national bodies of the state: found by role, see
        # entities.py (MISSION_*)
        for prefix, nouns in LANGUAGES["en"]["mission_nouns"].items():
            noun = literal_prefixes(nouns[:1], lower=False)[0].title()  # 'consulate(?:[ -]general)?': 'Consulate'
            entities[f"{prefix}_{iso}"] = Entity(f"{prefix}_{iso}", f"{noun} of {name}", "government", "",
                                                 f"GOV_{iso}", "reference", set(), iso)
        for adj in split_aliases(row.get("adjectives")):
            adjectives[fold(adj)] = iso
    for ent in entities.values():
        if ent.entity_id.startswith(("GOV_", *MISSION_PREFIXES)):
            continue  # governments are recognised from their country's names by role, see entities.py
        for alias in sorted(ent.aliases):  # sorted: the matcher's entries never depend on set order
            # a body's long name is itself written in lowercase too ("l'organisation internationale pour les
            # migrations"): five words or more say which body, whatever their case (a name holding an acronym
            # still needs the acronym written as it is: 'la task force UA-UE-ONU')
            tokens = _TOKEN.findall(alias)
            matcher.add(alias, ent.entity_id, lowercase_start=ent.kind in _LOWERCASE_NAME_KINDS
                        and len(tokens) >= _LOWERCASE_NAME_WORDS and not any(sum(map(str.isupper, t)) >= 2 for t in tokens))
    places: dict[str, Place] = {}
    place_matcher = AliasMatcher()
    for row in _read_table(reference_dir, "places.csv", ["place_id", "name_en", "aliases", "iso3"]):
        pl = Place(row["place_id"].strip(), row["name_en"].strip(), tuple(split_aliases(row.get("aliases"))),
                   row["iso3"].strip().upper())
        places[pl.place_id] = pl
        for alias in (pl.name, *pl.aliases):
            place_matcher.add(alias, pl.place_id)
    return KnowledgeBase(entities, places, adjectives, matcher, place_matcher, country_names=country_names,
                         demonyms=demonyms, masculine_demonyms=masculine)


def qualified_names(body: str, names: Iterable[str], templates: Iterable[str], of_articles: dict[str, list[str]],
                    elision: dict[str, list[str]], demonyms: Iterable[str] = ()) -> set[str]:
    """A national body's name with its country, by a language's templates ('{body} of {name}', '{body} {of_name}'):
    'Ministry of Justice' and 'Jamaica' -> 'Ministry of Justice of Jamaica'; 'ministère de la Justice' and 'le Niger'
    -> 'ministère de la Justice du Niger'. ``names``: the country's names in the language; ``of_articles``: 'of'
    with the article a name opens with ('le ' -> 'du ', '' -> 'de '); ``elision``: the elided 'of' and the letters it
    goes before ("d'" before a vowel: "d'Haïti"). A bare name beside the same name with its article is skipped.
    A template with '{demonym}' takes each of ``demonyms`` and ``body`` only ('{demonym} {body}': 'Tunisian Ministry
    of Social Affairs').

    >>> sorted(qualified_names("Ministry of Health", ["Ghana"], ["{body} of {name}", "{demonym} {body}"], {"": ["of "]},
    ...                        {}, ["Ghanaian"]))
    ['Ghanaian Ministry of Health', 'Ministry of Health of Ghana']
    """
    templates = list(templates)
    out = {t.format(body=body, demonym=d) for t in templates if "{demonym}" in t for d in demonyms}
    templates = [t for t in templates if "{demonym}" not in t]
    names = list(names)
    articles = sorted((a for a in of_articles if a), key=len, reverse=True)
    with_article = {n.lower()[len(a):] for n in names for a in articles if n.lower().startswith(a)}
    for name in names:
        if name.lower() in with_article:
            continue  # 'Niger' beside 'le Niger': the form with its article says how 'of' joins it
        article = next((a for a in articles if name.lower().startswith(a)), None)
        elided = next((e for e, letters in elision.items() if name[:1].lower() in letters), None)
        if article is not None:
            of_name = of_articles[article][0] + name[len(article):]
        else:
            of_name = (elided or of_articles.get("", [""])[0]) + name
        out |= {t.format(body=body, name=name, of_name=of_name) for t in templates if article is None or "{name}" not in t}
    return out


def _fr_de(name: str) -> str:
    """'de' + name with the elision of French and other Romance languages before a vowel ("d'Iran", 'de Cuba')."""
    return f"d'{name}" if name[:1].lower() in "aeiouyéèêàâîôûh" else f"de {name}"
