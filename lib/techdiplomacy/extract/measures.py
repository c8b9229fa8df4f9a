"""What a figure measures: the phrase beside its number that says what is counted.

A count's noun after the number ("۵ مرکز داده", "8,000 such firms"); for a share or an amount,
the phrase after "of / من / از" or the words before the number in its clause. In Arabic the
phrase is a noun phrase: common news verbs (``data/reference/verbs.csv``), relative pronouns,
other numbers and time words end it, and a verb of amount points to its subject.
"""

from __future__ import annotations

from techdiplomacy.extract.lexicon import definite
from techdiplomacy.extract.units import PERSIAN_VERBS, PUNCT, UNIT_BEFORE, strip_proclitics
from techdiplomacy.text.normalisation import normalise


def content_word(word: str, lex) -> bool:
    if not word or not word[0].isalpha() or len(word) < 2:
        return False
    if word in lex["stop"] or word in lex["approx"] or word in lex["en_verbs"]:
        return False
    return True


def prepositional(word: str, language: str) -> bool:
    """True for an Arabic word carrying the preposition ب or ل on a common word ("بنجاح",
    "لمدة"): what follows "ناهيد 2 بنجاح" is no counted noun."""
    if language != "ar" or len(word) < 4 or word[0] not in "بل" or word.startswith(("بال", "لل")):
        return False
    from techdiplomacy.extract.lexicon import zipf

    return zipf(word[1:], "ar") >= 4.0 and zipf(word, "ar") < zipf(word[1:], "ar")


def noun_phrase(toks, k, lex, language=""):
    """Return the span of the counted noun phrase starting at token ``k`` (up to 4 words).

    English stops after a plural noun, Arabic keeps definite or adjective-shaped words,
    Persian keeps content words (its verbs come last, after function words or none).
    """
    starts, ends, words = toks
    if k >= len(words) or not content_word(words[k], lex):
        return None
    last = k
    latin = words[k].isascii()
    for m in range(k + 1, min(k + 4, len(words))):
        word = words[m]
        prev = words[m - 1]
        if not content_word(word, lex) or starts[m] - ends[m - 1] > 1:
            break
        if latin:
            if prev.endswith("s") and prev not in ("mous",) or not word.isascii():
                break
        elif language == "fa":
            if word in PERSIAN_VERBS or word.startswith("مي"):
                break
        elif not (word.startswith("ال") or word.endswith(("ه", "ي", "يه", "ان", "ها")) or not is_arabic(word)):
            break
        last = m
    return starts[k], ends[last]


def is_arabic(word: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in word)


def measure(toks, i, k, lex, arabic=False):
    """Return the span saying what a percentage or an amount measures.

    The phrase after "of / من / از" when there is one, else the words before the number in
    its clause (without "about", "reached", "بنسبة" ...). In Arabic the phrase is a noun
    phrase: it stops at a verb, a relative pronoun, another number or a time word, and when
    nothing is left it is the subject of the verb of amount before the number ("بلغ حجم
    التبادل ... 5 مليارات", "المسبار الذي يزن 360").
    """
    starts, ends, words = toks
    while arabic and k + 1 < len(words) and words[k] in ADVERBS:
        k += 1  # "12 في المئة فقط من القطارات"
    if k < len(words) and words[k] in lex["linkers"] and not (arabic and words[k] not in ("من", "ل")):
        first = k + 1
        while first < len(words) and words[first] in lex["linkers"] | {"ال", "the"}:
            first += 1
        last = None
        if first < len(words) and (words[first][:1].isdigit() or arabic and time_word(words[first], lex)):
            first = len(words)  # "in 2024", "في الشهر": a date, not what is measured
        for m in range(first, min(first + 12, len(words))):
            if words[m] in PUNCT or words[m] == "and" or words[m][:1].isdigit():
                break
            if arabic and m > first and words[m] not in lex["verbs"] and boundary(words[m], lex):
                break  # "25% من الشركات الناشئة ... تعمل في مجال ...": what the share does stays
            if arabic and m > first and (words[m] in ATTACHED or time_word(words[m], lex)):
                break  # "من حسابات فيسبوك النشطة على الموقع خلال ...": the noun phrase, not where
            last = m
        if last is not None:
            while last > first and words[last] in lex["stop"]:
                last -= 1
            return starts[first], ends[last]
    # words before: back to punctuation, at most 6 words
    first = i
    m = i - 1
    while m >= 0 and i - m <= 8 and words[m] not in PUNCT:
        first = m
        m -= 1
    last = i - 1
    while last >= first and (words[last] in lex["approx"] or words[last] in lex["stop"]
                             or strip_proclitics(words[last]) in lex["approx"] or words[last] in UNIT_BEFORE
                             or arabic and time_word(words[last], lex)):
        last -= 1
    if arabic:
        anchored = anchor_phrase(words, first, last, i, lex)
        if anchored is not None:
            return starts[anchored[0]] + anchored[2], ends[anchored[1]]
        span = arabic_phrase(words, first, last, lex)
        if span is None:
            span = amount_subject(words, i, lex)
        if span is not None and span[0] == span[1] and strip_proclitics(words[span[0]]) in lex["generic"]:
            span = None  # "يبلغ حجمه 2 غيغابايت": a word that says a number is measured, not what
        if span is None:
            span = after_in(words, k, lex)
        if span is None and last < first:
            span = before_comma(words, first, lex)
        if span is None:
            return None
        first, last = span
    while first <= last and (words[first] in lex["stop"] or words[first] in lex["approx"]):
        first += 1
    if last < first:
        return None
    return starts[first], ends[last]


#: Arabic prepositions that attach a phrase to a noun phrase ("على الموقع", "خلال عام"): the
#: measure ends before them.
ATTACHED = frozenset(normalise(w) for w in "على إلى الى خلال عن مع منذ حتى ضمن عبر لدى فوق تحت".split())

#: Arabic adverbs that stand between a subject and its object: no part of a measure.
ADVERBS = frozenset(normalise(w) for w in "معا معاً أيضا أيضاً فقط كذلك حاليا سنويا شهريا يوميا تقريبا سابق لاحق".split())

#: Arabic words that point back from a number to what it measures: "غرامة قدرها 20 مليون",
#: "رسوم جمركية نسبتها 10 بالمئة", "توفير يبلغ حجمه 2 غيغابايت".
ANCHORS = frozenset(normalise(w) for w in
                    "قدره قدرها مقداره مقدارها نسبتها نسبته قيمته قيمتها حجمه حجمها بقيمة بمبلغ قيمة مبلغ".split())


def _conjoined(word: str) -> bool:
    """True when an Arabic word opening with و is و and a word ("وتسلا"), not a word of its own
    ("واردات", "وحدة")."""
    from techdiplomacy.extract.lexicon import zipf

    whole = zipf(word, "ar")
    return whole == 0 or zipf(word[1:], "ar") > whole


def _preposition(word: str) -> int:
    """Characters of a preposition ب/ل (after a conjunction و) opening an Arabic word
    ("باحتياطي", "وبتعويض", "للتعويض"), or 0."""
    from techdiplomacy.extract.lexicon import zipf

    base = word[1:] if word[:1] == "و" and word[1:2] in "بل" else word
    cut = len(word) - len(base)
    if base.startswith(("بال", "لل")):
        return cut + 1
    if base[:1] in "بل" and len(base) > 3 and zipf(base[1:], "ar") > zipf(base, "ar"):
        return cut + 1
    return 0


def anchor_phrase(words, first: int, last: int, i: int, lex) -> tuple[int, int, int] | None:
    """Return (first token, last token, characters of a proclitic to skip) of the noun phrase
    before an anchor word between it and the number at ``i`` ("فرض رسم تنمية موارد قدره 200"
    -> رسم تنمية موارد), or None: at most three words, back to a verb, a function word, a word
    opening with و, or through one word opening with the preposition ب/ل ("باحتياطي ذهب")."""
    if not any(strip_proclitics(words[x]) in ANCHORS or words[x] in ANCHORS for x in range(last + 1, i)):
        return None
    while last >= first and (words[last] in lex["verbs"] or words[last] in lex["approx"]):
        last -= 1  # "توفير يبلغ حجمه"
    a, crossed = last, 0
    while a >= first and last - a < 3 + crossed:
        word = words[a]
        if word == "من" and not crossed and first < a < last and words[a - 1] not in lex["stop"]:
            a, crossed = a - 1, 1  # "ضرائب دخل من المهن الحرة بقيمة": one "من" inside the phrase
            continue
        if word in PUNCT or word in lex["stop"] or boundary(word, lex) or word in ATTACHED or word in ADVERBS \
                or len(word) < 2 or time_word(word, lex):
            break
        opening = _preposition(word)
        if word[:1] == "و" and a < last and not opening and _conjoined(word):
            break  # "ماسك وتسلا معا غرامة": the subject is no part of it
        if a < last and definite(word) and not definite(words[a + 1]):
            break  # "القرار رسم خدمة": a definite word before an indefinite one ends a phrase
        a -= 1
        if opening:
            break  # "باحتياطي ذهب": the phrase opens with its preposition
    first = a + 1
    if first > last or all(strip_proclitics(w) in lex["change"] or w in lex["change"] for w in words[first:last + 1]):
        return None
    if first == last and strip_proclitics(words[first]) in lex["generic"]:
        return None
    return first, last, _preposition(words[first])


def time_word(word: str, lex) -> bool:
    return word in lex["time_nouns"] or strip_proclitics(word) in lex["time"]["ar"]


def boundary(word: str, lex) -> bool:
    """True for an Arabic word no measure phrase runs across: a verb, a clause opener, a
    number (digits, a number word or its unit), a month or time word."""
    return (word in lex["verbs"] or word in lex["clause"] or word[:1].isdigit()
            or word in lex["time_nouns"] or word in lex["months"] or word in lex["number_words"])


def arabic_phrase(words, first: int, last: int, lex) -> tuple[int, int] | None:
    """Return the noun phrase nearest the number among tokens [first, last], or None."""
    m = last
    while m >= first and not boundary(words[m], lex):
        m -= 1
    if m == last:
        if words[m] not in lex["verbs"]:
            return None
        # "المسبار الذي يزن 360": the noun before the verb and its relative pronoun
        last = m - 1
        while last >= first and (words[last] in lex["clause"] or words[last] in lex["stop"]):
            last -= 1
        m = last
        while m >= first and not boundary(words[m], lex):
            m -= 1
    first = max(first, m + 1)
    while first <= last and (words[first] in lex["stop"] or words[first] in lex["clause"] or len(words[first]) < 2):
        first += 1
    while last >= first and (words[last] in lex["stop"] or len(words[last]) < 2):
        last -= 1
    if last < first or all(strip_proclitics(w) in lex["change"] or w in lex["change"] for w in words[first:last + 1]):
        return None
    if first == last and (words[first] in lex["generic"] or strip_proclitics(words[first]) in lex["generic"]):
        return None  # "نسبة", "مستوى", "حجمه": a word that says a number is measured, not what
    if m >= 0 and m + 1 == first and words[m] in lex["verbs"]:
        return _object(words, first, last, lex)  # right after a verb: its subject, then its object
    return first, last


def _object(words, first: int, last: int, lex) -> tuple[int, int]:
    """The object of a VSO clause when a phrase holds its subject too ("الشركة الوطنية أرباحا
    صافية": أرباحا صافية): a definite word before an indefinite one ends the subject."""
    for n in range(first + 1, last + 1):
        rest = words[n:last + 1]
        if definite(words[n - 1]) and not definite(words[n]) and words[n] not in lex["stop"] \
                and words[n] not in ATTACHED and not _preposition(words[n]) and not all(
                strip_proclitics(w) in lex["change"] or w in lex["change"] or w in lex["generic"] for w in rest):
            return n, last
    return first, last


def before_comma(words, first: int, lex) -> tuple[int, int] | None:
    """Return the noun phrase a comma sets an amount beside ("خسائر صافية، بنحو 269 مليون
    يورو"), when nothing but "about" stands between the comma and the number, or None: not
    another amount ("300 جنيه استرليني، حوالي 400 دولار")."""
    if first < 2 or words[first - 1] not in ("،", ","):
        return None
    last = first - 2
    if words[last] in UNIT_BEFORE or any(words[x][:1].isdigit() for x in range(max(0, last - 2), last + 1)):
        return None
    a = last
    while a - 1 >= 0 and last - a < 2 and words[a - 1] not in PUNCT and not (
            definite(words[a - 1]) and not definite(words[a])):
        a -= 1  # "شركة الطيران خسائر صافية": a definite word before an indefinite one ends it
    return arabic_phrase(words, a, last, lex)


def after_in(words, k: int, lex) -> tuple[int, int] | None:
    """Return the phrase after «في» or «على» that follows the unit ("بزيادة 13 في المئة في
    استخدام التطبيقات", "20% على واردات الألومنيوم"), for a figure with nothing before it, or None."""
    if k >= len(words) or words[k] not in ("في", "علي") or k + 1 < len(words) and words[k + 1] in ("الاقل", "الاكثر"):
        return None  # "20% على واردات الألومنيوم"; not "على الأقل"
    first = k + 1
    last = first - 1
    for n in range(first, min(first + 4, len(words))):
        word = words[n]
        if word in PUNCT or word in lex["stop"] or boundary(word, lex) or time_word(word, lex):
            break
        last = n
    return (first, last) if last >= first else None


def year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")


def amount_subject(words, i: int, lex) -> tuple[int, int] | None:
    """Return the subject of the nearest verb of amount before token ``i`` in its sentence
    ("ووصلت نسبة فقر الدخل، أي ... إلى 13.6 بالمئة": نسبة فقر الدخل), or None."""
    m = i - 1
    while m >= 0 and i - m <= 30 and words[m] not in (".", "!", "?", "؟", ";", "؛") \
            and not (words[m][:1].isdigit() and not year(words[m])):
        if words[m] in lex["amount_verbs"]:
            first = m + 1
            last = first - 1
            for n in range(first, min(first + 4, i)):
                word = words[n]
                if word in PUNCT or word in lex["stop"] or boundary(word, lex) or word in lex["approx"]:
                    break
                last = n
            if last < first:
                return None
            return _object(words, first, last, lex)  # "سجلت شركة الطيران خسائر صافية"
        m -= 1
    return None
