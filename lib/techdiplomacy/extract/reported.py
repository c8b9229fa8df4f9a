"""Words a story uses alone as a person's name beside a verb of saying: "وقال السوداني",
"وأشار المناعي", "باقری اصل افزود".

News names an official in full once and by surname alone afterwards, mostly as the subject of
a verb of saying. A surname that is also a common word ("السوداني" the Sudanese, "كبير" big,
"الخطيب" the preacher) is told from that word by such a mention: after a sure first name, a
word the story also puts beside a verb of saying ends the name (see
:func:`techdiplomacy.extract.names.name_forward`). The verbs are found in the one keyword pass
(:mod:`techdiplomacy.extract.keywords`).
"""

from __future__ import annotations

import re

from techdiplomacy.extract import keywords
from techdiplomacy.text.normalisation import normalise

#: Arabic verbs of saying, before their subject ("وقال السوداني"), with و or ف or bare (not
#: بين, "between" as often as "he showed", nor دعا, whose noun is who is called on).
VERBS_BEFORE = frozenset(normalise(w) for w in (
    "قال قالت أكد أكدت أوضح أوضحت أشار أشارت أضاف أضافت لفت لفتت بينت تابع تابعت ذكر ذكرت "
    "شدد شددت أعلن أعلنت اعتبر اعتبرت رأى صرح صرحت أفاد أفادت كشف كشفت أعرب أعربت أشاد أشادت"
).split())
#: Persian verbs of saying (or their first word), after their subject ("باقری اصل افزود").
VERBS_AFTER = frozenset(normalise(w) for w in (
    "گفت افزود تصریح خاطرنشان اظهار اعلام تاکید تأکید یادآور"
).split())

#: Words a verb of saying is often followed by that name no one: days, times, "قائلا".
NOT_SUBJECTS = frozenset(normalise(w) for w in (
    "السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة اليوم أمس غدا مساء صباح خلال "
    "قائلا قائلة مضيفا مضيفة مؤكدا مؤكدة مشيرا مشيرة إن أن ان على عن في إلى الى لـ له لها"
).split())

_NEXT_WORD = re.compile(r" +([^\W\d_]+)")
_WORD_BEFORE = re.compile(r"([^\W\d_]+) +$")


def patterns() -> dict[str, tuple[int, bool]]:
    """{verb: (its length, True when its subject comes after it)} for the keyword pass."""
    out = {verb: (len(verb), True) for verb in VERBS_BEFORE}
    out.update({verb: (len(verb), False) for verb in VERBS_AFTER})
    return out


class Lazy:
    """:func:`words` of a document, looked for on the first question (most names never ask)."""

    __slots__ = ("_doc", "_words")

    def __init__(self, doc) -> None:
        self._doc, self._words = doc, None

    def __contains__(self, word: str) -> bool:
        if self._words is None:
            self._words = words(self._doc)
        return word in self._words


def words(doc) -> frozenset[str]:
    """The words of ``doc`` that stand alone as the subject of a verb of saying (normalised)."""
    return doc.memo("reported", lambda: subjects(doc.norm, keywords.hits(doc, "reporting", patterns)))


def subjects(norm: str, hits) -> frozenset[str]:
    """The word after each Arabic verb and before each Persian verb of ``hits`` (the
    (last index, (length, subject after)) pairs of :func:`patterns` in ``norm``), when the
    verb is a whole word (an Arabic one may carry و or ف)."""
    out = set()
    for last, (length, after) in hits:
        start, end = last + 1 - length, last + 1
        if end < len(norm) and norm[end].isalnum():
            continue  # inside a longer word: "انتقال", "مقالة"
        if start > 0 and norm[start - 1].isalnum():
            glued = after and norm[start - 1] in "وف" and (start < 2 or not norm[start - 2].isalnum())
            if not glued:
                continue
        if after:
            m = _NEXT_WORD.match(norm, end)
        else:
            m = _WORD_BEFORE.search(norm, max(0, start - 40), start)
        if m and m.group(1) not in NOT_SUBJECTS:
            out.add(m.group(1))
    return frozenset(out)


_WORD = re.compile(r"[^\W\d_]+")


def is_speaker_name(doc, start: int, end: int) -> bool:
    """True when the word holding ``norm[start:end]`` (a nisba such as "السوداني") names a
    person here rather than a country: the story puts it alone beside a verb of saying, and
    this occurrence is that subject ("وقال السوداني") or stands right after a first name
    ("محمد شياع السوداني", "محمد السوداني")."""
    from techdiplomacy.extract import lexicon

    norm = doc.norm
    ws, we = start, end
    while ws > 0 and norm[ws - 1].isalnum():
        ws -= 1
    while we < len(norm) and norm[we].isalnum():
        we += 1
    word = norm[ws:we]
    if not (word.startswith("ال") and word.endswith("ي")):
        return False  # a surname nisba is definite and singular: السوداني, not سودانيون
    before = _WORD.findall(norm, max(0, ws - 40), ws)[-2:]
    if not before:
        return False
    last = before[-1]
    lex = lexicon.word_sets()
    if last in VERBS_BEFORE or last[:1] in "وف" and last[1:] in VERBS_BEFORE:
        # the subject itself when what follows is no name: "وقال السوداني إن", "وقال السوداني:",
        # not "وقال الإسباني غوارديولا" (the Spaniard)
        nxt = _WORD.match(norm, we + 1) if we < len(norm) and norm[we] == " " else None
        return nxt is None or nxt.group() in lex["stop"]
    after_name = last in lex["first"] or len(before) == 2 and before[0] in lex["first"] \
        and last not in lex["stop"] and last not in lex["title_words"] and last not in lex["qualifiers"]
    return after_name and word in words(doc)
