"""The later mentions of a name: where its forms are written, spaces optional, without a regex.

:func:`techdiplomacy.extract.surnames.later_mentions` looks for a document's name forms
(``("زارع", "پور")``), each letter of an Arabic-script word and each pair of words optionally
split by one space, after an optional proclitic و ف ب ل, between non-letters. One regex of
all forms says exactly that, but compiling it costs ~1 ms per document, more than the rest of
the search. :func:`finditer` returns the matches that regex would, in the same order and
with the same tie-breaks, by finding each form's letters in the text without spaces
(``str.find``) and walking the regex's steps from there.
"""

from __future__ import annotations

import re

import numpy as np

#: One letter, as the regex's look-arounds define it: a word character, not a digit nor "_".
LETTER = re.compile(r"[^\W\d_]")
PROCLITICS = "وفبل"

_SPACE = None  # an item of a form's pattern: an optional single space


def pattern_items(words: tuple[str, ...]) -> list[str | None]:
    """The steps of ``_spaced`` words joined by " ?": a character, or ``None`` for " ?"."""
    items: list[str | None] = []
    for n, word in enumerate(words):
        if n:
            items.append(_SPACE)
        if word.isascii():
            items.extend(word)
        else:
            for k, ch in enumerate(word):
                if k:
                    items.append(_SPACE)
                items.append(ch)
    return items


def supported(forms) -> bool:
    """True when every form can be matched here: its first word is not empty (a match starts
    with a letter of the form, not an optional space) and no word holds whitespace."""
    return all(words and words[0] and not any(ch.isspace() for w in words for ch in w) for words in forms)


def _walk(norm: str, items: list[str | None], i: int, k: int) -> int | None:
    """End of ``items[k:]`` matched at ``norm[i:]`` then a non-letter (the regex's
    backtracking order: an optional space is taken first), or None."""
    n = len(norm)
    while k < len(items):
        item = items[k]
        if item is _SPACE:
            if i < n and norm[i] == " ":
                end = _walk(norm, items, i + 1, k + 1)
                if end is not None:
                    return end
            k += 1
            continue
        if i < n and norm[i] == item:
            i += 1
            k += 1
            continue
        return None
    if i < n and LETTER.match(norm, i):
        return None
    return i


def finditer(norm: str, alternatives: list[tuple[str, ...]]) -> list[tuple[str | None, int, int]]:
    """Return (proclitic or None, start, end) of the name in each match, in text order, as
    ``re.finditer`` of ``(?<![^\\W\\d_])([وفبل])?(alt1|alt2|...)(?![^\\W\\d_])`` would find
    them, ``alternatives`` in the pattern's order (see :func:`supported` for the forms this
    handles)."""
    squeezed = norm.replace(" ", "")
    kept = None
    # every match of a form starts at one of its letters: the form's letters occur there in
    # the text without spaces
    ends: dict[int, list[tuple[int, int]]] = {}
    for rank, words in enumerate(alternatives):
        compact = "".join(words)
        at = squeezed.find(compact)
        if at < 0:
            continue
        if kept is None:
            codes = np.frombuffer(norm.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
            kept = np.flatnonzero(codes != 32)
        items = pattern_items(words)
        while at >= 0:
            q = int(kept[at])
            end = _walk(norm, items, q, 0)
            if end is not None:
                ends.setdefault(q, []).append((rank, end))
            at = squeezed.find(compact, at + 1)
    if not ends:
        return []
    best = {q: min(found)[1] for q, found in ends.items()}
    starts = sorted(set(best) | {q - 1 for q in best if q > 0})
    out: list[tuple[str | None, int, int]] = []
    pos = 0
    for p in starts:
        if p < pos or (p > 0 and LETTER.match(norm, p - 1)):
            continue
        if norm[p] in PROCLITICS and p + 1 in best:
            out.append((norm[p], p + 1, best[p + 1]))
            pos = best[p + 1]
        elif p in best:
            out.append((None, p, best[p]))
            pos = best[p]
    return out
