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
