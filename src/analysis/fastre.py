"""Regular-expression shapes that Python's ``re`` scans quickly.

``re`` can jump straight to the characters a match may start with only when the pattern
starts with a literal or a set of literals; a leading ``\\b``, look-behind or optional group
makes it try the whole pattern at every position of the text. The helpers here write a word
list so that it starts with literals and checks the word boundary just after the first letter
(same matches as ``\\b(?:w1|w2|…)``, several times faster on long texts). Used by the date,
cue and clause scans of :mod:`analysis.dates` and :mod:`analysis.relations`.
"""

from __future__ import annotations

import re
import sys
from typing import Iterator


def word_start_alternation(words) -> str:
    """Pattern source matching any of ``words`` starting at a word boundary, grouped by first character:
    ``(?:b(?<!\\w.)(?:y)|p(?<!\\w.)(?:ar|or))`` for by/par/por. Longer words are tried first."""
    first: dict[str, list[str]] = {}
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        first.setdefault(w[0], []).append(re.escape(w[1:]))
    return "(?:" + "|".join(f"{re.escape(c)}(?<!\\w.)(?:{'|'.join(rest)})" for c, rest in sorted(first.items())) + ")"


def lower_same_length(text: str) -> str:
    """``text`` lowercased with every character kept one character long ('İ' becomes 'i', as with
    re.IGNORECASE), so offsets in the result are offsets in ``text``."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower()[0] for c in text)


def literal_prefixes(patterns, lower: bool = True) -> tuple[str, ...]:
    """The literal start of each pattern, up to its first special character ('organi[sz]ations' → 'organi'),
    lowercased unless ``lower`` is false: every match of the pattern contains its literal start, so a text
    without any of them needs no scan."""
    out = []
    for p in patterns:
        m = re.match(r"[^\\.^$*+?{}\[\]|()]+", p)
        lit = m.group(0) if m else ""
        if lit and p[len(lit):len(lit) + 1] in ("?", "*", "{"):
            lit = lit[:-1]  # 'socios?': the last letter is optional
        if not lit:
            raise ValueError(f"pattern '{p}' starts with a special character: no literal start to check")
        out.append(lit.lower() if lower else lit)
    return tuple(dict.fromkeys(out))


def required_literal(pattern: str) -> str:
    """The longest piece of plain text that every match of ``pattern`` contains: a run of characters outside any
    group, class or quantifier ('(?:el|del) año (?:pasado|anterior)' → ' año '); '' when the pattern is an
    alternation at its top level or has no such run (every text contains ''). A text without it needs no scan."""
    if re.match(r"\(\?[aiLmsux]+\)", pattern):
        return ""  # global flags ('(?i)') may let the text write it otherwise
    best = run = ""
    depth, i, n = 0, 0, len(pattern)
    while i < n:
        c, ch = pattern[i], None
        if c == "\\":
            nxt = pattern[i + 1:i + 2]
            ch = nxt if nxt and not nxt.isalnum() else None  # '\.' is a dot; '\b', '\w', '\1' are not text
            i += 2
        elif c == "[":  # a class: one character of several
            j = i + 1 + (pattern[i + 1:i + 2] == "^")
            j += pattern[j:j + 1] == "]"
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i = j + 1
        elif c == "{":  # a repetition count
            i = pattern.find("}", i) + 1 or n
        elif c == "|" and depth == 0:
            return ""  # one of several: nothing every match must contain
        else:
            depth += (c == "(") - (c == ")")
            ch = None if c in "()|.^$*+?" else c
            i += 1
        if ch is not None and depth == 0 and pattern[i:i + 1] not in ("?", "*", "+", "{"):
            run += ch
        else:
            run = ""
        best = max(best, run, key=len)
    return best


def literal_options(patterns) -> tuple[str, ...] | None:
    """Pieces of text, one of which every match of one of ``patterns`` contains: each alternative's
    :func:`required_literal` when it has two characters or more, else the same of the alternative written with each
    character of its first small class in turn (``\\w*n['’]t`` → "n't", "n’t"); None when some alternative has
    none (every text would need the scan).

    >>> literal_options(["not", "no longer", r"\\w*n['’]t"])
    ('not', 'no longer', "n't", 'n’t')
    """
    out: list[str] = []
    for p in patterns:
        for a in _top_alternatives(p):
            lit = required_literal(a)
            if len(lit) < 2:
                cls = re.search(r"\[([^\]\\^-]{1,4})\](?![?*+{])", a)
                options = [required_literal(a[:cls.start()] + re.escape(c) + a[cls.end():]) for c in cls.group(1)] if cls else []
                if not options or any(len(o) < 2 for o in options):
                    return None
                out += options
            else:
                out.append(lit)
    return tuple(dict.fromkeys(out))


_QUANTIFIERS = ("?", "*", "+", "{")


def _atom_end(pattern: str, i: int) -> int:
    """The index just after the atom at ``pattern[i]``: an escape, a class, a group (with what it holds) or a character."""
    c, n = pattern[i], len(pattern)
    if c == "\\":
        return i + 2
    if c == "[":  # brackets inside a class are characters
        j = i + 1 + (pattern[i + 1:i + 2] == "^")
        j += pattern[j:j + 1] == "]"
        while j < n and pattern[j] != "]":
            j += 2 if pattern[j] == "\\" else 1
        return j + 1
    if c == "(":
        j = i + 1
        while j < n and pattern[j] != ")":
            j = _atom_end(pattern, j)
        if j >= n:
            raise ValueError(f"unbalanced group in '{pattern}'")
        return j + 1
    return i + 1


def _top_alternatives(pattern: str) -> list[str]:
    """``pattern`` split at its top-level '|'."""
    out, last, i = [], 0, 0
    while i < len(pattern):
        if pattern[i] == "|":
            out.append(pattern[last:i])
            last = i + 1
        i = _atom_end(pattern, i)
    return out + [pattern[last:]]


def _openings(pattern: str) -> list[tuple[str, str]]:
    """``pattern`` (no top-level '|') as ordered alternatives ``(first letter, rest)`` that match what it matches, with
    the same priority: look-behinds at its start move after the letter (``(?<!at )m…`` → ``m``, ``(?<!(?:at ).)…``),
    a leading non-capturing group is expanded (``(?:a|ont) lancé`` → ``a lancé``, ``ont lancé``; an optional one also
    without it, last: a greedy ``?`` tries the group first). ValueError when it opens otherwise (a class, an escape)."""
    if pattern.startswith(("(?<!", "(?<=")):
        end = _atom_end(pattern, 0)
        moved = pattern[:4] + "(?:" + pattern[4:end - 1] + ").)"  # the same test, one character later
        return [(c, moved + rest) for c, rest in _openings(pattern[end:])]
    if pattern.startswith("(?:"):
        end = _atom_end(pattern, 0)
        rest = pattern[end:]
        optional = rest[:1] == "?" and rest[1:2] not in ("?", "+")
        if optional:
            rest = rest[1:]
        elif rest[:1] in _QUANTIFIERS:
            raise ValueError(f"'{pattern}' opens with a repeated group")
        out = [o for a in _top_alternatives(pattern[3:end - 1]) for o in _openings(a + rest)]
        return out + (_openings(rest) if optional else [])
    c = pattern[:1]
    if not c.isalnum() or pattern[1:2] in _QUANTIFIERS:
        raise ValueError(f"'{pattern}' does not open with a letter")
    return [(c, pattern[1:])]


def first_letter_alternation(patterns, not_after: str = r"\w", marks=None) -> str:
    """Pattern source matching what ``(?<!not_after)(?:p1|p2|…)`` matches, with the same priority (at one position the
    first listed alternative that matches wins), written so that ``re`` jumps between the letters a match can start
    with: the alternatives grouped by first letter, in their order, the look-behind checked after that letter
    (``not_after``: a class of what may not come before a match, ``\\w`` for a word boundary). ``patterns`` are
    regular expressions (lowercase cues); ``marks``, one name per pattern (names may repeat: a cue's type), puts an
    empty group after each alternative it becomes (:func:`mark_of` then tells the mark of the pattern that matched).
    Falls back on the plain form when an alternative opens with anything but a letter, a look-behind or a group."""
    return "(?:" + "|".join(first_letter_groups(patterns, not_after, marks)) + ")"


def first_letter_groups(patterns, not_after: str = r"\w", marks=None, after: str = "") -> list[str]:
    """The alternatives of :func:`first_letter_alternation`, one per first letter, each followed by ``after`` (a
    pattern joining them with others by '|' at its top level keeps the jump between letters: 'the first op of every
    alternative is a literal')."""
    first: dict[str, list[str]] = {}
    try:
        for k, p in enumerate(patterns):
            if re.compile(p).groups:
                raise ValueError(f"'{p}' has a group of its own: expanding it would repeat the group")
            expanded = [o for a in _top_alternatives(p) for o in _openings(a)]
            for j, (c, rest) in enumerate(expanded):
                first.setdefault(c, []).append(rest + (f"(?P<{marks[k]}_{k}_{j}>)" if marks else ""))
    except ValueError:
        parts = [f"(?:{p})" + (f"(?P<{marks[k]}_{k}_0>)" if marks else "") for k, p in enumerate(patterns)]
        return [f"(?<!{not_after})(?:" + "|".join(parts) + ")" + after]
    return [f"{re.escape(c)}(?<!{not_after}.)(?:{'|'.join(rest)}){after}" for c, rest in first.items()]


def mark_of(match: re.Match[str]) -> str:
    """The name of the pattern a match of :func:`first_letter_alternation` (with ``marks``) matched."""
    return match.lastgroup.rsplit("_", 2)[0]


class Regrouped:
    """A pattern searched through a faster pattern that matches the same spans (the same alternatives without their
    groups, as :func:`first_letter_alternation` writes them): each span found is matched again by the pattern itself at
    its start, so that the match has the pattern's groups ('lastgroup': an event type). Used like the pattern for
    ``search`` and ``finditer``.

    >>> cue = Regrouped(re.compile(r"\\b(?P<meeting>met)\\b|\\b(?P<visit>visited)\\b"), r"(?<!\\w)(?:met|visited)\\b")
    >>> [(m.start(), m.lastgroup) for m in cue.finditer("they met and visited")]
    [(5, 'meeting'), (13, 'visit')]
    """

    def __init__(self, pattern: re.Pattern[str], fast: str) -> None:
        self.pattern = pattern
        self.fast = re.compile(fast, pattern.flags)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """The first match in ``text[pos:endpos]``, as ``pattern.search`` gives it."""
        m = self.fast.search(text, pos, endpos)
        return self.pattern.match(text, m.start(), endpos) if m else None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """The matches in ``text[pos:endpos]``, as ``pattern.finditer`` gives them."""
        for m in self.fast.finditer(text, pos, endpos):
            yield self.pattern.match(text, m.start(), endpos)


class Literals:
    """Strings looked for in a text all at once, in one pass over it (an Aho–Corasick automaton, pyahocorasick):
    ``literals.found_in(text)`` is ``any(w in text for w in words)`` without a scan of the text per word.

    >>> Literals(["yesterday", "hier"]).found_in("a annoncé hier"), Literals(["hoy"]).found_in("today")
    (True, False)
    >>> Literals(["project", "programme", "gram"]).starts_in("a programme and a project")
    [2, 5, 18]
    """

    def __init__(self, words) -> None:
        import ahocorasick  # noqa: PLC0415 - a compiled extension, loaded with the first word list

        self.words = tuple(dict.fromkeys(w for w in words if w))
        self._automaton = ahocorasick.Automaton()
        for w in self.words:
            self._automaton.add_word(w, len(w))
        if self.words:
            self._automaton.make_automaton()

    def __iter__(self) -> Iterator[str]:
        return iter(self.words)

    def found_in(self, text: str) -> bool:
        """Whether one of the words occurs in ``text``."""
        return bool(self.words) and next(self._automaton.iter(text), None) is not None

    def starts_in(self, text: str) -> list[int]:
        """Where the words occur in ``text`` (every start, in order; occurrences may overlap): the places where a
        pattern whose matches open with one of the words can start (see :func:`analysis.entities.matches_from`)."""
        return sorted({end + 1 - n for end, n in self._automaton.iter(text)}) if self.words else []
