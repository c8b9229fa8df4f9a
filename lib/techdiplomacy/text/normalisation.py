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
