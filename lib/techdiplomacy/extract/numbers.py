"""Numbers in a text: every number written in digits or words, with its span and scale words.

Works on the *matching form* of a text (:func:`techdiplomacy.text.normalisation.normalise`);
:func:`find` returns every number with its span in that form, reading each with
:mod:`techdiplomacy.extract.numerals`.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from techdiplomacy.extract.numerals import (
    ATTACHED_ONLY,
    DUALS,
    UNIT_WORDS,
    number_words,
    parse_digits,
    parse_words,
    word_tables,
)
from techdiplomacy.extract.units import split_columns


class Number(NamedTuple):  # a tuple: made many times per article, far faster than a frozen dataclass
    """A number found in normalised text: ``value`` and its span ``[start, end)``."""

    value: float
    start: int
    end: int
    written: str  # "digits" or "words"


# A number in digits, optionally glued to an English scale suffix ("11bn", "2.5m").
_DIGIT_NUMBER = re.compile(
    r"([0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|[0-9]+/[0-9]+|[0-9]+,[0-9]{1,2})(bn|mn|m|b|k|tn)?(?![\w/:×]|-[^\W\d_]*[0-9]|-(?![^\W\d_])|[.,][0-9]| ?[×x*] ?[0-9])"
)
_DECIMAL_COMMA = re.compile(r"[0-9]+,[0-9]{1,2}")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_WORD_SPLIT = re.compile(r"([^\W\d_]++(?:-[^\W\d_]++)*+)")  # _WORD, possessive: the same matches, faster
_DIGIT_RUN = re.compile(r"[0-9]+")


def _digit_numbers(norm: str):
    """Yield the matches of ``_DIGIT_NUMBER.finditer(norm)`` with no :data:`_GLUE` character
    right before them (:func:`find` skips those), tried only where a run of digits starts (a
    regex starting with a repeat is tried at every position). A glued run, or one where no
    match starts, is passed over whole: a match starting inside it or inside a glued match
    has a digit or a separator (, . /) before it, which glues it too."""
    match, search = _DIGIT_NUMBER.match, _DIGIT_RUN.search
    pos = 0
    while True:
        run = search(norm, pos)
        if run is None:
            return
        start = run.start()
        m = None if start and norm[start - 1] in _GLUE else match(norm, start)
        if m is None:
            pos = run.end()
            continue
        yield m
        pos = m.end()


#: What may stand right before a number word (the text is searched with a space in front).
_WORD_STARTS = (" ", "\n", "(", "«")
#: The language keys of :func:`~techdiplomacy.extract.numerals.number_words` (``""``: any other language).
_LANGUAGE_KEYS = (*UNIT_WORDS, "")


@cache
def patterns() -> dict[str, tuple[int, frozenset[str]]]:
    """Return {word start + number word: (word length, the language keys it is looked for
    in)}: the number words of every language at once, searched in the text with one space
    in front; a hit ending at ``last`` starts at ``last + 1 - length``."""
    out: dict[str, tuple[int, set[str]]] = {}
    for language in _LANGUAGE_KEYS:
        for word in number_words(language):
            for before in _WORD_STARTS:
                out.setdefault(before + word, (len(word), set()))[1].add(language)
    return {pattern: (length, frozenset(languages)) for pattern, (length, languages) in out.items()}


@cache
def _word_automaton():
    """An automaton of :func:`patterns`."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for pattern, value in patterns().items():
        auto.add_word(pattern, value)
    auto.make_automaton()
    return auto


#: A digit glued after one of these is part of a code, a date or a decimal, not a number start.
_GLUE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.,/:+-×*")


def find(norm: str, language: str = "", found: list[tuple[int, tuple]] | None = None) -> list[Number]:
    """Return every number in normalised text ``norm``, digits or words, with its scale words.

    Numbers inside codes (5G, COP28, 1403/05/12, 10:30, +98-21-...) are skipped here; what a
    number measures (or whether it is a year) is for the caller to judge. ``found``: the
    (last index in ``norm``, value) hits of :func:`patterns` when already searched for
    (:mod:`techdiplomacy.extract.keywords`).
    """
    _, scales = word_tables()
    out: list[Number] = []
    for m in _digit_numbers(norm):
        raw, suffix = m.group(1), m.group(2)
        if not _free_before(norm, m.start()):
            continue
        if "/" in raw:
            if language != "fa":
                continue
            a, b = raw.split("/")
            value = float(f"{a}.{b}")
        elif _DECIMAL_COMMA.fullmatch(raw):
            value = float(raw.replace(",", "."))  # "157,2 مليون": a decimal comma (no group has 1-2 digits)
        else:
            value = parse_digits(raw)
            if value is None:
                continue
        end = m.end()
        if suffix:
            value *= scales[suffix]
        else:
            # Scale words after the digits: "2 million", "۵۰۰ هزار", "2.5 مليار"
            while True:
                nxt = _SPACED_WORD.match(norm, end)
                if nxt is None or nxt.group(1) not in scales or nxt.group(1) in ATTACHED_ONLY:
                    break
                scale = scales[nxt.group(1)]
                value *= scale / (2 if scale in DUALS else 1)
                end = nxt.end()
        if "/" in raw and end == m.end():
            continue  # "1/2" without a scale word is a fraction or a date, not a decimal
        out.append(Number(value, m.start(), end, "digits"))
    digit_spans = [(n.start, n.end) for n in out]
    taken_until = -1
    # number words as whole words: one Aho-Corasick pass for " word" (a word start), then a
    # look at the character after it
    key = language if language in UNIT_WORDS else ""
    if found is None:
        found = [(end - 1, value) for end, value in _word_automaton().iter(" " + norm)] if norm else []
    n = len(norm)
    starts = sorted({
        last + 1 - length for last, (length, languages) in found
        if key in languages and (last + 1 >= n or not norm[last + 1].isalpha())
    })
    for s in starts:
        if s < taken_until or any(a <= s < b for a, b in digit_spans):
            continue
        end, parsed = _read_words(norm, s)
        if parsed is None:
            continue
        value = parsed[0]
        out.append(Number(value, s, end, "words"))
        taken_until = end
    out.sort(key=lambda x: x.start)
    return _joined(norm, out)


def _read_words(norm: str, s: int):
    """Return where the number read from ``s`` ends and :func:`parse_words` of the first 12
    words that run on with spaces only (digits end them: "یک میلیارد و ۲۰۰", see _joined).
    Up to 160 characters, the first 48 tried first: the parse reads at most one word past
    those it uses, and when that one is whole in them the 160 agree (test_fast_paths.py)."""
    far = min(len(norm), s + 160)
    near = min(far, s + 48)
    while True:
        starts, ends, texts = split_columns(_WORD_SPLIT, norm, s, near)
        k = 1  # words joined by spaces only
        while k < min(12, len(starts)) and not norm[ends[k - 1]:starts[k]].strip(" "):
            k += 1
        k = min(k, len(starts))
        parsed = parse_words(texts[:k])
        if near == far or k < len(starts) or (parsed[1] if parsed else 0) + 2 < k:
            return (ends[parsed[1] - 1] if parsed else None), parsed
        near = far


_AND = frozenset({"و", "and"})


def _last_group(value: float) -> float:
    """The largest power of 1,000 dividing ``value`` (1 when none): the scale of its last
    group, which a smaller number after "و" may complete (1e9 for "یک میلیارد", 1e3 for
    "100 ألف": "100 ألف و50 ألف" are two amounts, not 150,000)."""
    if value != int(value):
        return 1.0
    group, whole = 1, int(value)
    while whole and whole % (group * 1000) == 0 and group < 10**15:
        group *= 1000
    return float(group)


def _joined(norm: str, numbers: list[Number]) -> list[Number]:
    """Join a number with a smaller one after "و"/"and" that completes its last scale group:
    "یک میلیارد و ۲۰۰ میلیون" = 1.2e9, "3 ملايين و500 ألف" = 3.5e6 (not "500 ألف و200 ألف",
    nor "100 ألف و50 ألف")."""
    if len(numbers) < 2:
        return numbers
    out = [numbers[0]]
    for b in numbers[1:]:
        a = out[-1]
        # "250 ألف و500" = 250,500: a smaller number completes a scale group that was written
        # out; "بين 2000 و500" (no scale word) stays two numbers
        scaled = a.written == "words" or any(c.isalpha() for c in norm[a.start:a.end])
        if (1000 <= b.value or scaled and b.value == int(b.value)) and b.value < _last_group(a.value) \
                and norm[a.end:b.start].strip() in _AND:
            out[-1] = Number(a.value + b.value, a.start, b.end, a.written if a.written == b.written else "words")
        else:
            out.append(b)
    return out


_SPACED_WORD = re.compile(r" +([^\W\d_]+)(?![^\W\d_])")


def _free_before(norm: str, start: int) -> bool:
    """True unless digits are glued to a word (a lone Arabic proclitic و ب ل ف may be)."""
    if start == 0 or not norm[start - 1].isalpha():
        return True
    return norm[start - 1] in "وبلف" and (start == 1 or not norm[start - 2].isalnum())
