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
