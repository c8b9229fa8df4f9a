"""Text handling for Arabic, Persian and English news.

Normalisation is a chain of one-purpose steps, each a ``str -> str`` function built on a
translation table, so the same chain runs fast on a whole corpus.  Every step either maps one
character to one character, deletes a character or expands a presentation-form ligature; that
lets :func:`normalise_with_offsets` map each normalised character back to the original text, so
an extracted span can always be shown exactly as written.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

# --- one-purpose character maps -------------------------------------------------------------

#: Hamza-carrying and decorated alef forms -> bare alef.
ALEF_FORMS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا"}
#: Persian yeh/keheh, alef maksura and Persian heh variants -> one Arabic form each.
LETTER_VARIANTS = {
    "ی": "ي", "ى": "ي", "ې": "ي", "ۍ": "ي", "ئ": "ي",
    "ک": "ك", "ڪ": "ك",
    "ؤ": "و",
    "ۀ": "ه", "ە": "ه", "ھ": "ه", "ۃ": "ه", "ہ": "ه",
}
#: Ta marbuta folds into heh, only for matching (it is a spelling variant in the wild).
TA_MARBUTA = {"ة": "ه"}
#: Persian (U+06F0..) and Arabic-Indic (U+0660..) digits and separators -> ASCII.
DIGITS = {
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
    "٫": ".",  # Arabic decimal separator
    "٬": ",",  # Arabic thousands separator
    "٪": "%",
}
#: One ZWNJ policy: a zero-width non-joiner separates morphemes, so it becomes a space.
ZWNJ = {"\u200c": " "}
#: Spaces of every kind -> a plain space.
SPACES = {c: " " for c in "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u3000"}

#: Characters deleted outright: tatweel, harakat and Quranic marks, bidi controls, ZWJ, BOM.
DELETED = (
    "\u0640"
    + "".join(chr(c) for c in range(0x064B, 0x0660))
    + "\u0670"
    + "".join(chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06E5, 0x06E6))
    + "\u200b\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u00ad\ufeff\u061c"
)


@cache
def _presentation_forms() -> dict[str, str]:
    """Arabic presentation forms (ligatures, isolated/final glyphs) -> their letters."""
    out: dict[str, str] = {}
    for code in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFF00)):
        ch = chr(code)
        if unicodedata.category(ch) == "Cn":
            continue
        expanded = unicodedata.normalize("NFKC", ch)
        if expanded != ch:
            out[ch] = "".join(c for c in expanded if c not in DELETED and c != " ") or ""
    return out


@cache
def _latin_lower() -> dict[str, str]:
    """Upper-case letters whose lower case is a single character (length-preserving)."""
    out = {}
    for code in range(0x41, 0x2000):
        ch = chr(code)
        low = ch.lower()
        if low != ch and len(low) == 1:
            out[ch] = low
    return out


def _table(mapping: dict[str, str]) -> dict[int, str]:
    return {ord(k): v for k, v in mapping.items()}


_ALEF = _table(ALEF_FORMS)
_LETTERS = _table(LETTER_VARIANTS)
_TA = _table(TA_MARBUTA)
_DIGITS = _table(DIGITS)
_ZWNJ = _table(ZWNJ)
_SPACES = _table(SPACES)
_DELETE = {ord(c): None for c in DELETED}


def fold_alef(text: str) -> str:
    """Return text with every alef form (أ إ آ ٱ) written as bare alef."""
    return text.translate(_ALEF)


def fold_letter_variants(text: str) -> str:
    """Return text with Persian ی/ک, alef maksura, hamza seats and heh variants folded."""
    return text.translate(_LETTERS)


def fold_ta_marbuta(text: str) -> str:
    """Return text with ta marbuta (ة) written as heh (ه), for matching."""
    return text.translate(_TA)


def strip_marks(text: str) -> str:
    """Return text without tatweel, harakat, Quranic marks, bidi controls, ZWJ and BOM."""
    return text.translate(_DELETE)


def fold_digits(text: str) -> str:
    """Return text with Persian and Arabic-Indic digits, ٫ ٬ and ٪ written in ASCII."""
    return text.translate(_DIGITS)


def zwnj_to_space(text: str) -> str:
    """Return text with each zero-width non-joiner replaced by a space."""
    return text.translate(_ZWNJ)


def fold_spaces(text: str) -> str:
    """Return text with no-break and other Unicode spaces written as a plain space."""
    return text.translate(_SPACES)


def expand_presentation_forms(text: str) -> str:
    """Return text with Arabic presentation-form glyphs replaced by their letters."""
    return text.translate(_table(_presentation_forms()))


def lower_latin(text: str) -> str:
    """Return text with letters lower-cased where that keeps its length."""
    return text.translate(_table(_latin_lower()))


#: The chain, in order. ``normalise`` applies exactly these steps.
NORMALISERS = (
    expand_presentation_forms,
    strip_marks,
    fold_alef,
    fold_letter_variants,
    fold_ta_marbuta,
    fold_digits,
    zwnj_to_space,
    fold_spaces,
    lower_latin,
)


@cache
def _one_to_one_table() -> dict[int, str]:
    """The whole chain's one-character substitutions as a single translate table."""
    table: dict[int, str] = {}
    chars = set()
    for mapping in (ALEF_FORMS, LETTER_VARIANTS, TA_MARBUTA, DIGITS, ZWNJ, SPACES, _latin_lower()):
        chars.update(mapping)
    for ch in chars:
        out = ch
        for step in NORMALISERS[2:]:
            out = step(out)
        if out != ch:
            table[ord(ch)] = out
    return table


@cache
def _special_table() -> tuple[re.Pattern[str], dict[str, str]]:
    """Characters that change length (deleted or expanded) and what they become."""
    special: dict[str, str] = {c: "" for c in DELETED}
    for ch, expanded in _presentation_forms().items():
        special[ch] = expanded.translate(_one_to_one_table())
    pattern = re.compile("[" + "".join(re.escape(c) for c in special) + "]")
    return pattern, special


@cache
def _one_to_one_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """The characters :func:`_one_to_one_table` changes, as one character class."""
    table = {chr(k): v for k, v in _one_to_one_table().items()}
    return re.compile("[" + "".join(re.escape(c) for c in sorted(table)) + "]"), table


#: The folds most frequent in Arabic and Persian news, each done by one ``str.replace``.
_FREQUENT_FOLDS = "ةأإآىئؤیک\u00a0"


def _fold_one_to_one(text: str) -> str:
    """Return ``text.translate(_one_to_one_table())``, faster: most characters of a text stay
    as they are, and ``str.translate`` looks every non-ASCII one up in a dict, where
    ``str.replace`` folds the frequent ones and a regex visits only the rare others."""
    pattern, table = _one_to_one_pattern()
    for ch in _FREQUENT_FOLDS:
        text = text.replace(ch, table[ch])
    return pattern.sub(lambda m: table[m.group()], text)


def normalise(text: str) -> str:
    """Return the matching form of ``text``: the whole normalisation chain applied once."""
    pattern, _ = _special_table()
    folded = _fold_one_to_one(text)
    if not pattern.search(folded):
        return folded
    if not _expanded_pattern().search(folded):
        return pattern.sub("", folded)
    return normalise_with_offsets(text)[0]


def normalise_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """Return (normalised text, offsets) where ``offsets[i]`` is the index in ``text`` of the
    character that produced normalised character ``i``; ``None`` means the identity map.

    ``offsets`` has one extra final entry, ``len(text)``, so an end offset maps too.
    """
    norm, offsets = normalise_with_index(text)
    return norm, offsets if offsets is None or isinstance(offsets, list) else offsets.tolist()


def normalise_with_index(text: str) -> tuple[str, Sequence[int] | None]:
    """Return :func:`normalise_with_offsets`, with the offsets as any sequence of ints: an
    ``array`` of machine ints when characters were only deleted (the most frequent case; it
    is built in C, where a list needs one int object per character)."""
    pattern, special = _special_table()
    folded = _fold_one_to_one(text)
    if not pattern.search(folded):
        return folded, None
    if not _expanded_pattern().search(folded):
        return _deleted_only(folded, len(text))
    pieces: list[str] = []
    offsets: list[int] = []
    pos = 0
    for match in pattern.finditer(folded):
        start = match.start()
        pieces.append(folded[pos:start])
        offsets.extend(range(pos, start))
        replacement = special[match.group()]
        pieces.append(replacement)
        offsets.extend([start] * len(replacement))
        pos = start + 1
    pieces.append(folded[pos:])
    offsets.extend(range(pos, len(folded)))
    offsets.append(len(text))
    return "".join(pieces), offsets


@cache
def _expanded_pattern() -> re.Pattern[str]:
    """The presentation forms that expand to more than one letter or to none."""
    _, special = _special_table()
    return re.compile("[" + "".join(re.escape(c) for c, v in special.items() if len(v) != 0) + "]")


@cache
def _kept_codes():
    """A numpy look-up table over code points: True for a character that is kept."""
    import numpy as np

    kept = np.ones(0x110000, dtype=bool)
    kept[[ord(c) for c, v in _special_table()[1].items() if v == ""]] = False
    return kept


def _deleted_only(folded: str, n: int) -> tuple[str, array]:
    """:func:`normalise_with_index` for a text whose special characters are all deleted: the
    offsets are the positions of the characters kept (found with numpy, not one by one)."""
    import numpy as np

    codes = np.frombuffer(folded.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    offsets = array("q", np.flatnonzero(_kept_codes()[codes]).astype(np.int64).tobytes())
    offsets.append(n)
    return _special_table()[0].sub("", folded), offsets


# --- language identification ----------------------------------------------------------------

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_PERSIAN_LETTERS = re.compile(r"[پچژگ]")
_WORD = re.compile(r"[\w\u0600-\u06FF]+")

#: Frequent function words that tell Persian from Arabic (in normalised form).
PERSIAN_MARKERS = frozenset(
    normalise(w)
    for w in "است این که را با از می برای شده کرد های ها آن یک بود شد کند نیز اما باید دارد "
    "خود کرده شود هم وی ایشان بین تا اند ای همچنین گفت سال کشور میان".split()
)
ARABIC_MARKERS = frozenset(
    normalise(w)
    for w in "في من على إلى التي الذي أن مع عن هذا هذه كان قد لم ما بين حيث كما الى ذلك "
    "وقال وأضاف وأكد خلال بعد عند منذ الذين أو ثم لدى إن لقد تم".split()
)


def detect_language(text: str) -> str:
    """Return 'ar', 'fa' or 'en' for the dominant language of ``text`` ('und' if unknown)."""
    sample = text[:6000]
    arabic_script = len(_ARABIC_SCRIPT.findall(sample))
    latin = len(_LATIN.findall(sample))
    if arabic_script == 0 and latin == 0:
        return "und"
    if latin > arabic_script:
        return "en"
    words = _WORD.findall(normalise(sample))
    fa = sum(1 for w in words if w in PERSIAN_MARKERS)
    ar = sum(1 for w in words if w in ARABIC_MARKERS)
    # پ چ ژ گ never occur in Arabic words; ی and ک do (Iranian outlets type Arabic with them).
    fa += len(_PERSIAN_LETTERS.findall(sample)) / 4
    ar += sample.count("ة") / 4 + len(re.findall(r"(?:^|\s)[وفبل]?ال", sample)) / 8
    return "fa" if fa > ar else "ar"


# --- passages and sentences -----------------------------------------------------------------


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
