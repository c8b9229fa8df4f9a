"""Figures: every quantity that measures something (percentages, money, counts, capacities).

One row per figure mention with ``value`` (scale words applied), ``unit``, ``measure`` (what is
counted, as written), and the ``country`` / ``sector`` the figure's sentence ties it to. Dates,
years, ordinals, durations, ages, codes (5G, COP28), phone and document numbers and referring
phrases ("the two countries", دو کشور) are not figures (see ``TAXONOMY.md``).

Matching runs on ``Document.norm``; every span is mapped back to the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import islice

from techdiplomacy.extract import keywords, measures, numbers, numerals
from techdiplomacy.extract.units import (
    CURRENCY_UNITS,
    NATIONAL_CURRENCY,
    PUNCT,
    UNIT_BEFORE,
    WINDOW_AFTER,
    WINDOW_BEFORE,
    YEAR_WORDS,
    index_at,
    strip_proclitics,
    token_columns,
    window_columns,
    word_sets,
)
from techdiplomacy.text.document import Document
from techdiplomacy.text.normalisation import normalise


def extract(doc: Document, mentions: Iterable[dict] | None = None) -> list[dict]:
    """Return one row per figure in ``doc``: value, unit, measure, country, sector, evidence.

    ``mentions``: the document's country, place and sector mention rows, when the caller has
    already found them (the pipeline does); found here otherwise.
    """
    lex = word_sets()
    norm = doc.norm
    found = numbers.find(norm, doc.language, keywords.hits(doc, "numbers", numbers.patterns))
    if not found:
        return []
    # many numbers: tokenise the text once rather than a window per number
    whole = token_columns(norm) if len(found) * (WINDOW_BEFORE + WINDOW_AFTER) > len(norm) else None
    rows = []
    bare_rows: list[dict] = []  # figures in a bare currency word ("ريال") not read by their country
    pools = None  # the mentions that give figures a country and a sector, found once

    def written(a: int, b: int) -> str:
        return doc.text.__getitem__(slice(*doc.original(a, b)))

    for number in found:
        if _furniture(norm, number) or _referring(norm, number) or _quoted_name(norm, number):
            continue
        # most numbers are dates, codes or counts of nothing: judge them on a narrow window,
        # then read the measure of the survivors on a wide one
        figure = None
        for before, after in ((32, 48), (WINDOW_BEFORE, WINDOW_AFTER)):
            toks = whole if whole is not None else window_columns(norm, number.start, number.end, before, after)
            ends = toks[1]
            i = index_at(toks[0], number.start)
            if i is None:
                break
            j = i
            while j < len(ends) and ends[j] <= number.end:
                j += 1
            figure = _read(norm, toks, i, j, number, lex, doc.language, written)
            if figure is None or whole is not None:
                break
        if figure is None:
            continue
        unit, start, end, measure = figure
        if pools is None:
            pools = _pools(list(_context_mentions(doc)) if mentions is None else list(mentions))
        ostart, oend = doc.original(start, end)
        row = doc.evidence(ostart, oend)
        mstart, mend = doc.original(*measure) if measure else (ostart, ostart)
        country, sector = _nearest(pools, doc.sentence_at(ostart), ostart, oend, mstart, mend)
        bare = unit in NATIONAL_CURRENCY and number.end < end and len(norm[number.end:end].split()) == 1
        if bare:
            # a bare "ريال" about Saudi Arabia; in a sentence naming no state, the outlet's home
            # state (a Tunisian radio's "دينار"), else the article's state
            unit = NATIONAL_CURRENCY[unit].get(country or doc.outlet or _main_country(pools), unit)
        rows.append({
            "article_id": doc.article_id,
            "value": float(number.value),
            "unit": unit,
            "measure": " ".join(doc.text[mstart:mend].split()),
            "country": country,
            "sector": sector,
            **{k: row[k] for k in ("surface", "start", "end", "sentence")},
        })
        if bare and unit in NATIONAL_CURRENCY:
            bare_rows.append(rows[-1])
    _named_currency(rows, bare_rows)
    _converted(doc.text, rows)
    return rows


#: Words that join the two ends of a range: "بين 500 دينار إلى 1000 دينار", "10 to 20".
RANGE_WORDS = frozenset(normalise(w) for w in "إلى الى و أو او - – — to and or".split())


def _converted(text: str, rows: list[dict]) -> None:
    """A figure in brackets right after another converts it ("ملياري درهم (544.6 مليون دولار)",
    "5 billion dinars (about $17 billion)"), and the upper end of a range in the same unit
    ("500 دينار إلى 1000 دينار") is of the same thing: with no measure of its own, each
    measures what the figure before it measures."""
    for before, row in zip(rows, rows[1:]):
        if bool(row["measure"]) == bool(before["measure"]):
            continue
        gap = text[before["end"]:row["start"]]
        if before["unit"] == row["unit"]:
            if 0 < len(gap) <= 6 and normalise(gap).strip() in RANGE_WORDS:
                # "10 آلاف إلى 20 ألف ثقب أسود": the lower end counts what the upper one does
                before["measure"] = row["measure"] = before["measure"] or row["measure"]
        elif not row["measure"] and len(gap) <= 12 and "(" in gap and not any(
                c.isalpha() and c not in "حوالينحزهاءabouty" for c in gap):
            row["measure"] = before["measure"]


def _named_currency(rows: list[dict], bare_rows: list[dict]) -> None:
    """A bare currency word in an article that names its currency elsewhere is that currency:
    "350 ريالا سعوديا ... 150 ريالا" is SAR twice (one named currency of the word's family)."""
    for row in bare_rows:
        family = NATIONAL_CURRENCY[row["unit"]].values()
        named = {r["unit"] for r in rows if r["unit"] in family}
        if len(named) == 1:
            row["unit"] = named.pop()


#: Words of a page's furniture beside a number: news codes, counters, widgets (normalised).
FURNITURE = re.compile(
    r"(?:شماره خبر|کد خبر|كد خبر|رمز خبر|کد مطلب|كود الخبر|رقم الخبر|رمز الخبر|news code|news id|story code"
    r"|views?|comments?|shares?|likes?|بازدید|تعداد بازدید|نظرات|مشاهده|تعليقات|مشاهدات|\bpx\b)",
)
_WORD = re.compile(r"[^\W\d_]{2,}")
_DASHES = frozenset("-‐‑‒–—")


def _furniture(norm: str, number) -> bool:
    """Whether the number is page furniture: alone on a line with under three words (a news
    code, a timestamp, "3 Views", "16 px"), or beside a furniture word on its line."""
    if number.start >= 2 and norm[number.start - 1] in _DASHES and norm[number.start - 2].isalpha():
        return True  # part of a name: "WTDC-25", "COP-29", "Su-35", "Covid-19"
    a = norm.rfind("\n", 0, number.start) + 1
    b = norm.find("\n", number.end)
    if next(islice(_WORD.finditer(norm, a, b if b >= 0 else len(norm)), 2, None), None) is None:
        return True  # fewer than three words on the line (the first three are enough to know)
    near = norm[max(a, number.start - 24):number.start] + " " + norm[number.end:number.end + 16]
    return bool(FURNITURE.search(near))


#: Small numbers written as words that refer to parties already named: "the four countries",
#: «دو کشور», «البلدين», and the adjectives «دوجانبه» / «سه جانبه» (bilateral, trilateral).
_REFERRING_AFTER = re.compile(
    r"\s*(?:کشور|كشور|طرف|جانبه|ملت|دولت|countries|country|sides|parties|nations|states|neighbou?ring"
    r"|البلدين|الطرفين|الدولتين|بلدان|دول)")
_ARTICLES = ("the ", "these ", "both ", "all ", " as ")
#: ... or after up to two adjectives: "two strong regional states" (English)
_REFERRING_LATER = re.compile(r"(?:\s+[a-z]+){1,2}?\s+(?:countries|nations|states|sides|parties)\b")


def _quoted_name(norm: str, number) -> bool:
    """Whether the number is part of a short name in quotation marks: a programme, a list or a
    campaign ("«100% بوليوود»", "قائمة "أفضل 500 كمبيوتر"", "حملة "النضال من أجل 15 دولارا""),
    not a quantity the article reports."""
    line_start = max(norm.rfind("\n", 0, number.start) + 1, number.start - 60)
    before = norm[line_start:number.start]
    after = norm[number.end:number.end + 60]
    for opening, closing in (("«", "»"), ("“", "”"), ('"', '"')):
        a = before.rfind(opening)
        if a < 0 or (opening == closing and before.count(opening) % 2 == 0) or closing in before[a + 1:] and opening != closing:
            continue
        b = after.find(closing)
        if b < 0:
            continue
        inside = before[a + 1:] + norm[number.start:number.end] + after[:b]
        if len(inside.split()) <= 5 and not any(c in inside for c in ".،,؛;:"):
            return True
    return False


def _referring(norm: str, number) -> bool:
    """Whether a number written as a word (not digits) of at most ten refers to parties the
    story has named rather than counting something."""
    surface = norm[number.start:number.end]
    if any(ch.isdigit() for ch in surface) or not 2 <= number.value <= 10:
        return False
    if norm[number.end:number.end + 6].lstrip().startswith("جانبه"):
        return True
    before = norm[max(0, number.start - 8):number.start]
    after = norm[number.end:number.end + 20]
    if surface.isascii():
        # "the two countries", "Iran and Syria as two strong regional states"
        after = norm[number.end:number.end + 40]
        return before.endswith(_ARTICLES) and bool(_REFERRING_AFTER.match(after) or _REFERRING_LATER.match(after))
    return bool(_REFERRING_AFTER.match(after))


def _read(norm, toks, i, j, number, lex, language="", written=None):
    """Return (unit, start, end, measure span) for the number at tokens [i, j), or None.

    ``toks``: the (starts, ends, texts) columns of :func:`~techdiplomacy.extract.units.token_columns`.
    """
    starts, ends, words = toks
    before = words[i - 1] if i > 0 else ""
    before2 = words[i - 2] if i > 1 else ""
    start, end = number.start, number.end
    unit = None
    # a currency sign or code before: "$11bn", "USD 5 million", "€ 3"
    if before in UNIT_BEFORE and (before in "$€£%" or ends[i - 1] < start):
        unit = UNIT_BEFORE[before]
        start = starts[i - 1]
    # "400-km": a unit glued by a hyphen, or nothing (a "3-member delegation" is no figure)
    hyphen = j < len(words) and words[j] == "-" and starts[j] == number.end
    if hyphen:
        j += 1
    # a unit after: longest phrase among the next tokens
    k = j
    if unit is None:
        best = None
        if j < len(words) and words[j] in lex["unit_starts"]:
            phrase = tuple(words[j:j + lex["max_unit"]])
            for n in range(len(phrase), 0, -1):
                if phrase[:n] in lex["units"]:
                    best = (lex["units"][phrase[:n]], n)
                    break
        if best is None and j < len(words):
            word = words[j]
            stripped = strip_proclitics(word) if not word.startswith("ال") else word
            if (stripped,) in lex["units"] and lex["units"][(stripped,)] in CURRENCY_UNITS:
                best = (lex["units"][(stripped,)], 1)
        if best:
            unit, n = best
            k = j + n
            end = ends[k - 1]
    elif j < len(words) and (words[j],) in lex["units"]:
        k = j + 1  # "$5 million dollars" reads once
    if hyphen and unit is None:
        return None
    value = number.value
    nxt = words[k] if k < len(words) else ""
    noun_at = k  # where the counted noun starts
    # --- what a number is not ---
    if before in lex["id_before"] or strip_proclitics(before) in lex["id_before"] and len(before) > 3:
        if unit is None or before in ("عام", "سنه", "سال", "year", "in", "from", "since", "until"):
            if unit is None or unit == "count":
                return None
    if before in ("#", "+", "ـ", "×") or before2 in ("+",):
        return None
    if unit is None and any(strip_proclitics(w) in ("قرار", "قرارات") for w in words[max(0, i - 3):i]):
        return None  # "قرار مجلس الأمن 2254": a resolution's number
    if before == "كل" and before2 in ("من", "بين") or before == "بين" and before2 == "من" or before in ("اصل", "out") and before2 in ("من", "of") \
            or strip_proclitics(nxt_word := words[j] if j < len(words) else "") in lex["parts"] or nxt_word in lex["parts"]:
        return None  # "1 من كل 20": a ratio's denominator; "ثلاثة أرباع", "ستة أمثاله": a fraction, a multiple
    if unit is None and number.written == "digits" and before in YEAR_WORDS and len(norm[number.start:number.end]) == 4:
        return None  # "عام 1863", "in 1979"
    if number.written == "words" and before.startswith("ال") and norm[number.start:number.end] in ("عشر", "عشره"):
        return None  # "القرن التاسع عشر": an ordinal
    # (a name written in Latin letters is ASCII letters in norm too: look no further otherwise)
    if unit is None and written is not None and i > 0 and before.isascii() and before.isalpha() \
            and _product_name(written(starts[i - 1], ends[i - 1])):
        return None  # "iOS 12", "Windows 11", "GPT 4"
    if number.written == "digits":
        raw = norm[number.start:number.end]
        digits = _NON_DIGIT.sub("", raw.split()[0])
        if unit is None and "," not in raw and "." not in raw and (
            len(digits) >= 7 or (digits.startswith("0") and len(digits) > 1)
        ):
            return None  # phone, document or code number
        if unit is None and value == int(value) and (1300 <= value <= 1500 or 1900 <= value <= 2100) \
                and "," not in raw and number.end == number.start + len(raw.split()[0]):
            return None  # a year
    if unit is None and (nxt in lex["months_after"] or before in lex["months"]):
        return None
    if unit is None and nxt in ("-", "/", ":", "–") and k + 1 < len(words) and words[k + 1][:1].isdigit():
        return None  # a range of dates, a clock time or a score
    if unit is None:
        time_words = lex["time"].get(language) or frozenset().union(*lex["time"].values())
        if nxt.isascii():
            time_words = lex["time"]["en"]
        if (strip_proclitics(nxt) in time_words or nxt in time_words) and (
                strip_proclitics(before) in _DURATION_BEFORE or not _contracts(toks[2], k)):
            return None
        words = norm[number.start:number.end].split()
        if number.written == "words" and len(words) == 1 and (
            words[0] in lex["ambiguous"] or value < 2
        ) and not _has_scale(norm[number.start:number.end]):
            return None
        if value <= 3 and number.written == "words" and (
            nxt in lex["referring"] or strip_proclitics(nxt) in lex["referring"]
        ):
            return None
        if before in ("the", "both") and number.written == "words" and value <= 3:
            return None  # "the two countries", "both sides"
        if number.written == "words" and (nxt in ("way", "sided") or (
                norm[number.start:number.end] == "dozen" and before in ("several", "few", "many", "some"))):
            return None  # "a four way meeting"; "several dozen satellites" is no number
        # a count needs a counted noun right after it, a scale word, or a verb of amount
        # before it ("ticket sales topped 150,000"); "8,000 such firms": the noun after a modifier
        if nxt in PRE_NOUN and k + 1 < len(toks[2]):
            noun_at, nxt = k + 1, toks[2][k + 1]
        if not measures.content_word(nxt, lex) or measures.prepositional(nxt, language):
            if not _has_scale(norm[number.start:number.end]) and not (
                before in lex["reach"] and (nxt in PUNCT or not nxt) and number.written == "digits"
            ):
                return None
        unit = "count"
    if unit == "count":
        measure = measures.noun_phrase(toks, noun_at, lex, language)
        if language == "ar" and measure is not None and toks[2][noun_at] in lex["generic"]:
            # "وإصابة 15 آخرين": "others" counts what the word before the number names
            word = toks[2][i - 1] if i > 0 else ""
            measure = None
            if measures.content_word(word, lex) and word not in lex["verbs"] and word not in lex["generic"]:
                skip = 1 if word[:1] == "و" and len(word) > 3 else 0
                measure = toks[0][i - 1] + skip, toks[1][i - 1]
    else:
        measure = measures.measure(toks, i, k, lex, arabic=language == "ar")
    return unit, start, end, measure


#: Words before a number that make «عقود» after it decades ("بعد ثلاثة عقود", "منذ عقدين").
_DURATION_BEFORE = frozenset(("بعد", "منذ", "قبل", "خلال", "طوال", "طيله", "مده", "لمده", "مدي"))
#: What follows «عقود» when it means decades ("ثلاثة عقود من العلاقات", "عقود مضت").
_DECADES_AFTER = frozenset(("من", "مضت", "ماضيه", "الماضيه", "قادمه", "القادمه", "المقبله", "مقبله", "على"))


def _contracts(words, k: int) -> bool:
    """True when «عقود» after a number means contracts, not decades: a noun qualifies it
    ("8 عقود استثمار", "عقود تجارية"; not "بعد ثلاثة عقود أخذت", a verb)."""
    if k >= len(words) or strip_proclitics(words[k]) not in ("عقود", "عقد"):
        return False
    after = words[k + 1] if k + 1 < len(words) else ""
    return after[:1].isalpha() and not after.isascii() and after not in _DECADES_AFTER \
        and after not in word_sets()["verbs"]


#: English words between a count and its noun: "8,000 such firms", "300 more engineers".
PRE_NOUN = frozenset(["such", "more", "other", "additional", "further", "extra", "new"])
_NON_DIGIT = re.compile(r"\D")
_LETTERS = re.compile(r"[^\W\d_]+")
_ATTACHED_SCALE = re.compile(r"\d(bn|mn|m|b|k|tn)\b")


def _product_name(word: str) -> bool:
    """True for a product or model name written in Latin letters before a number ("iOS 12",
    "GPT 4"): a capital inside the word, or all capitals that are no currency code."""
    if not word.isascii() or not word.isalpha():
        return False
    if any(c.isupper() for c in word[1:]) and not word.isupper():
        return True
    return len(word) >= 2 and word.isupper() and word.lower() not in UNIT_BEFORE


def _has_scale(text: str) -> bool:
    _, scales = numerals.word_tables()
    return any(w in scales for w in _LETTERS.findall(text)) or bool(_ATTACHED_SCALE.search(text))


def _context_mentions(doc: Document) -> list[dict]:
    """Return the country, place and sector mentions of ``doc`` (from their own extractors)."""
    from techdiplomacy.extract import places, sectors

    return places.rows(doc) + sectors.rows(doc)


def _main_country(pools) -> str:
    """The state an article names most often ('' when none is named)."""
    counts: dict[str, int] = {}
    for m in pools[0]:
        counts[m["country"]] = counts.get(m["country"], 0) + 1
    return max(sorted(counts), key=counts.__getitem__) if counts else ""


def _pools(mentions) -> tuple[list[dict], list[dict]]:
    """Return the mentions that can give a figure its country, and those that give a sector."""
    countries = [m for m in mentions if m.get("kind") in ("country", "place") and m.get("country")]
    sectors = [m for m in mentions if m.get("kind") == "sector" and m.get("key")]
    return countries, sectors


def _nearest(pools, sentence, start, end, mstart, mend):
    """Return (country, sector) of the figure: inside its measure first, else the nearest in
    its sentence. ``pools``: see :func:`_pools`."""

    def best(pool, field):
        found = [m for m in pool if sentence.start <= m["start"] and m["end"] <= sentence.end]
        if not found:
            return ""
        inside = [m for m in found if mstart <= m["start"] and m["end"] <= mend]
        pool = inside or found
        pick = min(pool, key=lambda m: (m["start"] - mstart if inside else
                                        min(abs(m["start"] - end), abs(start - m["end"]))))
        return pick.get(field) or ""

    return best(pools[0], "country"), best(pools[1], "key")
