"""Numerals: the words and digits numbers are written with in Arabic, Persian and English
news, and the value of one written number.

Everything here works on the *matching form* of a text (:func:`techdiplomacy.text.normalisation.normalise`):
digits are already ASCII, ٫ is ``.``, ٬ is ``,``, alef forms are bare alef, ة is ه and ی/ى are
ي. :func:`parse` reads one written number ("1,500", "۱٫۵", "خمسة وعشرين", "two million") to a
float; :func:`number_words` are the words :mod:`techdiplomacy.extract.numbers` looks for.
"""

from __future__ import annotations

import re
from functools import cache

from techdiplomacy.text.normalisation import normalise


def _norm_map(pairs: dict[str, float]) -> dict[str, float]:
    return {normalise(k): v for k, v in pairs.items()}


#: Words for 0-99 and the hundreds, each language in its own table (normalised on load).
UNIT_WORDS = {
    "ar": {
        "نصف": 0.5, "صفر": 0, "واحد": 1, "واحده": 1, "احد": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2,
        "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2,
        "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6,
        "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9,
        "عشر": 10, "عشره": 10,
        "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
        "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
        "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
        "مائه": 100, "مئه": 100, "مائتان": 200, "مائتين": 200, "مئتان": 200, "مئتين": 200,
        "ثلاثمائه": 300, "ثلاثمئه": 300, "اربعمائه": 400, "اربعمئه": 400, "خمسمائه": 500,
        "خمسمئه": 500, "ستمائه": 600, "ستمئه": 600, "سبعمائه": 700, "سبعمئه": 700,
        "ثمانمائه": 800, "ثمانمئه": 800, "ثمانيمائه": 800, "تسعمائه": 900, "تسعمئه": 900,
    },
    "fa": {
        "نیم": 0.5, "صفر": 0, "یک": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "هفت": 7, "هشت": 8,
        "نه": 9, "ده": 10, "یازده": 11, "دوازده": 12, "سیزده": 13, "چهارده": 14, "پانزده": 15,
        "پونزده": 15, "شانزده": 16, "هفده": 17, "هجده": 18, "هیجده": 18, "نوزده": 19,
        "بیست": 20, "سی": 30, "چهل": 40, "پنجاه": 50, "شصت": 60, "هفتاد": 70, "هشتاد": 80,
        "نود": 90, "صد": 100, "یکصد": 100, "دویست": 200, "سیصد": 300, "چهارصد": 400,
        "پانصد": 500, "ششصد": 600, "هفتصد": 700, "هشتصد": 800, "نهصد": 900,
    },
    "en": {
        "half": 0.5, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
        "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
        "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    },
}

#: Scale words: the number before them is multiplied. Dual forms carry their own 2.
SCALE_WORDS = {
    # Arabic (normalised): singular, plural, dual, with the accusative -ا
    "الف": 1e3, "الفا": 1e3, "الاف": 1e3, "الفان": 2e3, "الفين": 2e3, "الفي": 2e3,
    "مليون": 1e6, "مليونا": 1e6, "ملايين": 1e6, "مليونان": 2e6, "مليونين": 2e6, "مليوني": 2e6,
    "مليار": 1e9, "مليارا": 1e9, "مليارات": 1e9, "ملياران": 2e9, "مليارين": 2e9, "ملياري": 2e9,
    "بليون": 1e9, "تريليون": 1e12, "ترليون": 1e12, "تريليونا": 1e12, "تريليونات": 1e12,
    "تريليونان": 2e12, "تريليونين": 2e12, "تريليوني": 2e12, "كوادرليون": 1e15, "كوادريليون": 1e15,
    # Persian
    "هزار": 1e3, "میلیون": 1e6, "ملیون": 1e6, "میلیارد": 1e9, "ملیارد": 1e9, "بیلیون": 1e9,
    "تریلیون": 1e12,
    # English
    "thousand": 1e3, "thousands": 1e3, "million": 1e6, "millions": 1e6, "mn": 1e6, "m": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "quadrillion": 1e15,
    "k": 1e3,
}
#: Scale words that stand alone as a number ("ملياري دولار" = 2e9, "ألف شركة" = 1000).
STANDALONE_SCALES = {
    "الف", "الفا", "الفان", "الفين", "الفي", "مليون", "مليونا", "مليونان", "مليونين", "مليوني", "مليار", "مليارا",
    "ملياران", "مليارين", "ملياري", "تريليون", "تريليونان", "تريليونين", "تريليوني", "هزار", "میلیون", "میلیارد",
}
#: Duals: the scale word carries its own 2 ("ملياري دولار" = 2e9), not after a number.
DUALS = (2e3, 2e6, 2e9, 2e12)
#: A half after a whole scale group is half of that scale: "مليار ونصف" = 1.5e9, "دو میلیون و نیم" = 2.5e6.
HALVES = frozenset(normalise(w) for w in ("نصف", "نیم", "half"))
#: Scale words only read right after digits ("$11bn", "5m"): too ambiguous as free words.
ATTACHED_ONLY = {"m", "b", "bn", "mn", "tn", "k"}


@cache
def word_tables() -> tuple[dict[str, float], dict[str, float]]:
    """Return ({number word: value}, {scale word: multiplier}) in normalised form."""
    units: dict[str, float] = {}
    for table in UNIT_WORDS.values():
        units.update(_norm_map(table))
    return units, _norm_map(SCALE_WORDS)


# Arabic proclitics a number word may carry: و ب ل ف ك (not ال: "الخمسة" is "the five").
_PROCLITIC = re.compile(r"^(?:و|ف)?(?:ب|ل|ك)?")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_TOKEN = re.compile(r"\d+(?:[.,/]\d+)*|[^\W\d_]+(?:-[^\W\d_]+)*|%|\$|€|£")


def parse_digits(text: str) -> float | None:
    """Return the value of a digit string in any script ("1,500", "١٬٥٠٠", "۱٫۵", "2,5").

    A comma before exactly three digits groups thousands, else it is a decimal comma; a dot
    is a decimal point unless several dots group thousands ("1.500.000").
    """
    s = text if text.isascii() and _DIGITS.fullmatch(text) else normalise(text.strip()).replace(" ", "")
    if not s or not _DIGITS.fullmatch(s):
        return None
    if s.count(".") > 1 and "," not in s:
        return float(s.replace(".", ""))
    if "," in s:
        head, *groups = s.split(",")
        tail = groups[-1]
        if all(len(g.split(".")[0]) == 3 for g in groups) and len(head) <= 3 or (
            "." in tail and all(len(g) == 3 for g in groups[:-1])
        ):
            return float(s.replace(",", ""))
        if len(groups) == 1 and "." not in s:
            return float(head + "." + tail)
        return float(s.replace(",", ""))
    return float(s)


def _strip_clitic(word: str, table: dict[str, float]) -> str | None:
    if word in table:
        return word
    m = _PROCLITIC.match(word)
    if m and m.end() and word[m.end():] in table:
        return word[m.end():]
    return None


def parse_words(words: list[str]) -> tuple[float, int] | None:
    """Return (value, number of words read) for number words at the start of ``words``.

    Reads "خمسة وعشرين" (25), "بیست و پنج" (25), "twenty-five" (25), "three hundred"
    (300), "دو میلیون" (2e6), "ملياري" (2e9); ``words`` are normalised tokens.
    """
    units, scales = word_tables()
    total = 0.0
    current = 0.0
    last_group = 0.0
    last_scale = 0.0
    used = 0
    seen_any = False
    i = 0
    while i < len(words):
        w = words[i]
        if seen_any and w in ("و", "and") and i + 1 < len(words):
            nxt = _strip_clitic(words[i + 1], units) or (words[i + 1] if words[i + 1] in scales else None)
            if nxt is None:
                break
            i += 1
            continue
        parts = w.split("-") if "-" in w else [w]
        if len(parts) > 1 and all(p in units for p in parts):
            current += sum(units[p] for p in parts)
            seen_any = True
            i += 1
            used = i
            continue
        key = _strip_clitic(w, units) if (not seen_any or w.startswith("و")) else (w if w in units else None)
        if key in HALVES and current == 0 and last_scale:
            total += last_scale / 2  # "مليار ونصف المليار": half the scale, read once more or not
            i += 1
            used = i
            nxt = words[i] if i < len(words) else ""
            if nxt.startswith("ال") and scales.get(nxt[2:]) == last_scale or scales.get(nxt) == last_scale:
                i += 1
                used = i
            last_scale = 0.0
            continue
        if key is not None:
            value = units[key]
            if value == 100 and current and current < 10 and key in ("hundred", "مائه", "مئه", "صد"):
                current *= 100
            else:
                current += value
            seen_any = True
            i += 1
            used = i
            continue
        skey = w if w in scales else _strip_clitic(w, scales)
        if skey is not None and skey not in ATTACHED_ONLY and (seen_any or skey in _standalone()):
            scale = scales[skey]
            if seen_any and scale in DUALS:  # a dual after a number is still the scale
                scale /= 2
            if not seen_any:
                current = scale
            elif current == 0 and last_group:
                # a scale after a scale multiplies the group before: "عشرين ألف مليار" = 2e13
                total -= last_group
                current = last_group * scale
            else:
                current = (current or 1) * scale
            total += current
            last_group = current
            last_scale = scale / 2 if scale in DUALS else scale  # "مليارين ونصف": half of one billion
            current = 0.0
            seen_any = True
            i += 1
            used = i
            continue
        break
    if not seen_any:
        return None
    return total + current, used


@cache
def _standalone() -> frozenset[str]:
    return frozenset(normalise(w) for w in STANDALONE_SCALES)


def parse(text: str) -> float | None:
    """Return the value of one written number: digits, words or both ("2.5 مليار" = 2.5e9)."""
    words = [w for w in _TOKEN.findall(normalise(text)) if w not in ("%", "$", "€", "£")]
    if not words:
        return None
    _, scales = word_tables()
    first = parse_digits(words[0]) if words[0][0].isdigit() else None
    if first is not None:
        value, i = first, 1
        while i < len(words) and (words[i] in scales or _strip_clitic(words[i], scales)):
            value *= scales[words[i] if words[i] in scales else _strip_clitic(words[i], scales)]
            i += 1
        return value if i == len(words) else None
    parsed = parse_words(words)
    if parsed is None or parsed[1] != len(words):
        return None
    return parsed[0]


@cache
def number_words(language: str = "") -> frozenset[str]:
    """The number and scale words looked for in a text of ``language``: its own words and the
    English ones (all of them when the language is unknown); Arabic ones also with the
    proclitics و ف ب ل they may carry. Persian words stay out of Arabic text (سي, ده, نود are
    other words there) and the other way round."""
    languages = [language, "en"] if language in UNIT_WORDS else list(UNIT_WORDS)
    words = set()
    for lang in languages:
        words.update(w for w in _norm_map(UNIT_WORDS[lang]) if w)
    words.update(w for w in _norm_map(SCALE_WORDS) if w and w not in ATTACHED_ONLY)
    out = set(words)
    if language in ("ar", "", "und") or language not in UNIT_WORDS:
        arabic = set(_norm_map(UNIT_WORDS["ar"])) | {w for w in _norm_map(SCALE_WORDS) if not w.isascii()}
        for w in arabic & words:
            for clitic in ("و", "ف", "ب", "ل", "وب", "ول", "فب", "فل"):
                out.add(clitic + w)
    return frozenset(out)
