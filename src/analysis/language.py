"""Language identification: which language's resources read a document, a paragraph, a sentence.

A document's language decides which relation cues, date words and name patterns apply
(:mod:`analysis.lang`). Identification is done by `lingua <https://github.com/pemistahl/lingua-py>`_
(n-gram models shipped inside the wheel: offline, deterministic, accurate on short texts),
restricted to the languages the package has resources for plus a few others it must recognise
in order to *refuse* them (German, Italian, Dutch, Catalan, Romanian, Arabic, Russian): a page in
one of those is rejected with a reason, never read with another language's rules.

Three things keep this fast on large corpora: plain prose whose function words (declared in the
language files) leave no doubt is labelled by them (:data:`DECISIVE_SHARE`, :data:`DECISIVE_RATIO`;
a language without resources never passes that test, see ``tests/test_language.py``); otherwise
lingua reads a sample of the document's longest paragraphs (:data:`SAMPLE_CHARS`); and a paragraph
is only asked about when its function words point to another supported language than the
document's ('an English quote in a French story').
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from .kb import fold, tokenize
from .lang import LANGUAGES, ORDER

#: the languages with resources (analysis/lang/*.yaml)
SUPPORTED: tuple[str, ...] = ORDER
#: other languages the identifier knows, so that their pages are recognised and refused
OTHERS: tuple[str, ...] = ("de", "it", "nl", "ca", "ro", "ar", "ru")
PROFILE_CHARS = 3000  # characters whose function words are counted first
#: the function words decide alone when they are this share of the words and this many times the next language's
#: (press prose of a supported language: 0.35-0.5 and 2-4); Italian, Catalan, Galician or German text never is
DECISIVE_SHARE, DECISIVE_RATIO = 0.3, 2.0
#: a page the identifier gives to a language without resources is still read when this share of its words are
#: function words of a supported language (Italian or German text: under 0.1)
KEEP_SHARE = 0.2
SAMPLE_CHARS = 300  # characters of a document's longest paragraphs given to the identifier
MIN_PARAGRAPH_WORDS = 8  # shorter paragraphs take the document's language
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
STOPWORDS: dict[str, frozenset[str]] = {code: frozenset(LANGUAGES[code]["function_words"]) for code in SUPPORTED}
#: folded function word -> the supported languages it belongs to
_FUNCTION_WORD_LANGS: dict[str, tuple[str, ...]] = {}
for _code in SUPPORTED:
    for _w in STOPWORDS[_code]:
        _FUNCTION_WORD_LANGS[fold(_w)] = _FUNCTION_WORD_LANGS.get(fold(_w), ()) + (_code,)


#: language -> the function words of other supported languages that are not its own
_NOT_OF: dict[str, frozenset[str]] = {code: frozenset(w for w, langs in _FUNCTION_WORD_LANGS.items() if code not in langs)
                                      for code in SUPPORTED}


@functools.cache
def _detector():
    """The lingua detector over :data:`SUPPORTED` and :data:`OTHERS` (built once a process; models load lazily)."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder  # noqa: PLC0415 - loaded on first use

    langs = [Language.from_iso_code_639_1(IsoCode639_1.from_str(code)) for code in SUPPORTED + OTHERS]
    return LanguageDetectorBuilder.from_languages(*langs).build()


def identify(text: str) -> str:
    """ISO 639-1 code of the language of ``text`` among :data:`SUPPORTED` and :data:`OTHERS`; ``und`` if unknown."""
    if not _WORD.search(text):
        return "und"
    found = _detector().detect_language_of(text)
    return found.iso_code_639_1.name.lower() if found is not None else "und"


def _sample(text: str, limit: int = SAMPLE_CHARS) -> str:
    """The longest paragraphs of ``text`` (in text order) up to ``limit`` characters: headings, menus and
    captions are short, the story's paragraphs long."""
    paras = [p for p in (p.strip() for p in text.split("\n")) if p]
    chosen: set[int] = set()
    size = 0
    for i in sorted(range(len(paras)), key=lambda i: (-len(paras[i]), i)):
        if size >= limit:
            break
        chosen.add(i)
        size += len(paras[i])
    text = "\n".join(paras[i] for i in sorted(chosen))
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0]


def profile(text: str) -> dict[str, int]:
    """Counts of each supported language's function words in ``text``."""
    return _profile(_WORD.findall(text))


def _profile(words: list[str]) -> dict[str, int]:
    seen = Counter(map(str.lower, words))
    return {code: sum(seen[w] for w in stop & seen.keys()) for code, stop in STOPWORDS.items()}


def detect_language(text: str) -> str:
    """The language of a document body: a supported code (``en``, ``fr``, ``es``, ``pt``), another
    ISO 639-1 code for a language without resources (``it``, ``de`` …), or ``und`` when the text has
    too few words to tell."""
    words = _WORD.findall(text[:PROFILE_CHARS])
    if len(words) < 3:
        return "und"
    counts = _profile(words)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    (best, n1), (_, n2) = ranked[0], ranked[1]
    if n1 >= 10 and n1 >= DECISIVE_SHARE * len(words) and n1 >= DECISIVE_RATIO * n2:
        return best  # plain prose of one supported language: its function words say so without doubt
    found = identify(_sample(text))
    if found not in SUPPORTED and found != "und" and n1 >= 8 and n1 >= KEEP_SHARE * len(words):
        return best  # refusing a page of a supported language loses it: refuse only text that is not one
    return found


def paragraph_languages(body: str, language: str) -> list[tuple[int, int, str]]:
    """``(start, end, language)`` of the paragraphs of ``body`` written in another supported language
    than the document's ``language``: an English programme description inside a Spanish page.

    A paragraph is asked about only when it has :data:`MIN_PARAGRAPH_WORDS` words and its function
    words favour another supported language; the identifier then decides. The function words are
    counted on the body's cached tokens (:func:`analysis.kb.tokenize`), one pass a body."""
    out: list[tuple[int, int, str]] = []
    if language not in STOPWORDS:
        return out
    toks = tokenize(body)
    others = _NOT_OF[language]
    if sum(1 for f in toks.folded if f in others) < 3:
        return out  # too few function words of any other language (even counting capitalised ones): a quick exit
    get = _FUNCTION_WORD_LANGS.get
    langs = [get(f) if w.islower() else None for w, f in zip(toks.words, toks.folded)]  # 'UN' is not 'un'
    if sum(1 for ls in langs if ls and language not in ls) < 3:
        return out  # too few function words of any other language for one paragraph to be in it
    breaks = [i for i, gap in enumerate(toks.gaps) if "\n" in gap] + [len(langs)]
    first = 0
    for stop in breaks:
        if stop - first >= MIN_PARAGRAPH_WORDS:
            counts = Counter(c for ls in langs[first:stop] if ls for c in ls)
            if counts:
                best, n = max(sorted(counts.items()), key=lambda kv: kv[1])
                if best != language and n >= 3 and n > counts[language] + 1:
                    start = toks.starts[first]
                    end = body.find("\n", start)
                    end = len(body) if end < 0 else end
                    found = identify(body[start:end])
                    if found in STOPWORDS and found != language:
                        out.append((start, end, found))
        first = stop
    return out


__all__ = ["OTHERS", "SUPPORTED", "detect_language", "identify", "paragraph_languages", "profile"]
