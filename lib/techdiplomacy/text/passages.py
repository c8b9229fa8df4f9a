"""Passages and sentences of a text, as spans with offsets into it.

Passages are paragraphs (blank-line separated, else one per line); sentences end at . ! ? ؟ ; ؛ …
or a line break, never at a decimal point or a common abbreviation. Every span is trimmed and
``text[span.start:span.end] == span.text``.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Span(NamedTuple):
    """A piece of a text: ``text[start:end] == span.text`` (a tuple: made per sentence)."""

    start: int
    end: int
    text: str


_BLANK_LINE = re.compile(r"\n[ \t\r\u00a0]*\n")
# A sentence ends at . ! ? ؟ ; ؛ … (possibly repeated or followed by closing quotes) before a
# space or the end, or at a line break. A dot between digits (1.5) or after a single Latin
# letter / common abbreviation does not end a sentence.
_SENTENCE_END = re.compile(
    # written to start with one character class (the regex engine then skips to the next
    # candidate in C): a line break alone, or punctuation, more of it, closing quotes
    r"""[.!?؟;؛…\n](?:(?<=\n)|[.!?؟;؛…]*["'»”’)\]]*(?=\s|$))""",
)
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof eng st no vs etc gen col lt sr jr inc ltd co corp u.s u.k u.n e.g i.e approx".split()
)
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))


#: A line's text without the spaces and marks :func:`_trim` takes off its ends (``\s`` is
#: ``str.isspace``).
_TRIMMED_LINE = re.compile(r"[^\s\u200c\u200f\u200e\ufeff](?:[^\n]*[^\s\u200c\u200f\u200e\ufeff])?")


def passages(text: str) -> list[Span]:
    """Return the paragraphs of ``text`` (blank-line separated, else one per line), trimmed."""
    return [Span(start, end, text[start:end]) for start, end in passage_bounds(text)]


def passage_bounds(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of every paragraph :func:`passages` returns."""
    if not _BLANK_LINE.search(text):
        # one passage per line, trimmed: one regex match each
        return list(map(re.Match.span, _TRIMMED_LINE.finditer(text)))
    chunks: list[tuple[int, int]] = []
    pos = 0
    for m in _BLANK_LINE.finditer(text):
        chunks.append((pos, m.start()))
        pos = m.end()
    chunks.append((pos, len(text)))
    out = []
    for start, end in chunks:
        start, end = _trim(text, start, end)
        if end > start:
            out.append((start, end))
    return out


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Return the sentences of ``text[start:end]``, with offsets into ``text``."""
    end = len(text) if end is None else end
    out: list[Span] = []
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        cut, after = m.span()
        if text[cut] == "." and _is_abbreviation(text, cut):
            continue
        s, e = _trim(text, pos, after)
        if e > s and _has_word(text, s, e):
            out.append(Span(s, e, text[s:e]))
            pos = after
        elif e <= s:
            pos = after
    s, e = _trim(text, pos, end)
    if e > s:
        if out and not _has_word(text, s, e):
            last = out[-1]
            out[-1] = Span(last.start, e, text[last.start:e])
        else:
            out.append(Span(s, e, text[s:e]))
    return out


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    if dot > 1 and "\u0620" <= text[dot - 1] <= "\u064a" and (text[dot - 2].isalpha() or text[dot - 2] == "."):
        return False  # two letters or more, one an Arabic letter (that lowers to itself): no abbreviation
    if dot > _LONGEST_ABBREVIATION and text[dot - _LONGEST_ABBREVIATION - 1 : dot].isalpha():
        return False  # the word before the dot is longer than any abbreviation (most words)
    i = dot
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
        if dot - i > _LONGEST_ABBREVIATION:
            return False  # longer than any abbreviation (lowering never shortens a word)
    word = text[i:dot].lower()
    if not word:
        return False
    return len(word) == 1 or (word.isascii() and word in _ABBREVIATIONS)


#: One character for which ``str.isalnum`` is true (regex \w is isalnum or "_").
_ALNUM = re.compile(r"[^\W_]")


def _has_word(text: str, start: int, end: int) -> bool:
    return _ALNUM.search(text, start, end) is not None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "\u200c\u200f\u200e\ufeff"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\u200c\u200f\u200e\ufeff"):
        end -= 1
    return start, end


def sentence_index(text: str) -> list[Span]:
    """Return every sentence of ``text``, passage by passage (no sentence spans two passages)."""
    out: list[Span] = []
    for passage in passages(text):
        out.extend(sentences(text, passage.start, passage.end))
    return out
