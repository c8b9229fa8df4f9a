"""Sectors an article talks about: one row per mention of a sector term, with its evidence.

The 16 sector ids and what they cover are fixed by TAXONOMY.md; the terms are data
(``data/reference/sectors.csv``: names, ``aliases`` as written in the wild in Arabic, Persian and
English). A sector counts when the text treats it as a field of activity or cooperation, not
when its word only sits inside an unrelated name: the ``exclusions`` column lists such names
(``وزير الاتصالات وتكنولوجيا المعلومات``, ``شركة البنية التحتية للاتصالات``,
``Telecommunication Infrastructure Company``, ``البريد الإلكتروني``), and a longer exclusion
hides the sector term it contains. "مجال الاتصالات وتكنولوجيا المعلومات" as a field of cooperation
stays telecom_infrastructure.

What real pages do that a list of aliases cannot spell out one by one:

* **Persian typed without zero-width non-joiners** (``همکاریهای فضایی``, ``دانشبنیان``,
  ``مراکزداده``): every Persian alias also matches with its ZWNJ dropped, with the plural
  ``ها/های`` fused to its noun, with the head noun of a term in the plural
  (``همکاری فضایی`` -> ``همکاری‌های فضایی``) and, for two words, as one fused word.
* **Arabic without its articles** (``منصات مشتركة``, ``ألعاب إلكترونية``): a noun-and-adjective
  term whose every word carries ``ال`` also matches with the articles dropped.
* **A modifier inside a two-word term** (``مراکز مشترک داده``, ``منصات إقليمية مشتركة``,
  ``joint regional platforms``): one word of :data:`MODIFIERS` may sit between its two words.
* **A title or an event named around the term** (``وزیر محترم ارتباطات و فناوری اطلاعات``,
  ``نمایشگاه بین المللی فناوری اطلاعات و ارتباطات``, ``the ICT Expo``): a term right after a
  word of :data:`NAME_HEADS` (only :data:`NAME_FILLERS` between) or, in English, right before a
  capitalised word of :data:`NAME_TAILS` names a post or an event, not a field ("the telecom
  exhibition", in lower case, describes one and keeps its sector).

Two columns hold terms that count only under a condition. ``fa_only``: sector words in Persian
and Dari that mean something else in Arabic (``مخابرات`` is telecommunications in Tehran and
intelligence in Cairo); they do not count in Arabic text. ``context_only``: words that are a
sector only in ICT news (training courses, transit tariffs, hardware); they count only within
:data:`CONTEXT_WINDOW` characters of a term of another kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from techdiplomacy import reference
from techdiplomacy.extract import keywords
from techdiplomacy.extract.gazetteer import Gazetteer, is_arabic_script, is_cased_acronym, links_in
from techdiplomacy.text.document import Document
from techdiplomacy.text.normalisation import normalise

#: The fixed sector ids of TAXONOMY.md, in its order.
SECTORS = (
    "telecom_infrastructure",
    "internet_transit",
    "data_centres",
    "ict_parks",
    "cybersecurity",
    "e_government",
    "space",
    "artificial_intelligence",
    "post",
    "e_commerce",
    "startups",
    "digital_content",
    "education_technology",
    "digital_payments",
    "hardware_manufacturing",
    "emerging_tech",
)

#: Words that may sit between the two words of a two-word term, by script.
MODIFIERS = {
    "persian": ("مشترک", "منطقه‌ای", "منطقه ای", "بین‌المللی", "بین المللی", "ملی", "جدید", "نوین", "دوجانبه"),
    "arabic": (
        "مشتركة", "المشتركة", "مشترك", "المشترك", "إقليمية", "الإقليمية", "إقليمي", "الإقليمي",
        "دولية", "الدولية", "دولي", "الدولي", "وطنية", "الوطنية", "وطني", "الوطني",
        "جديدة", "الجديدة", "حديثة", "الحديثة",
    ),
    "latin": ("joint", "common", "shared", "regional", "international", "national", "new", "bilateral"),
}
#: Words that open a person's title or an event's name: a term right after one is part of it.
NAME_HEADS = frozenset(normalise(w) for w in (
    "وزير وزيرة وزارة وزراء وزيرا معرض مؤتمر ملتقى منتدى رئيس رئيسة مدير "
    "وزیر وزارت وزرای نمایشگاه همایش کنفرانس اجلاس رئیس رییس مدیر مدیرکل مدیرعامل معاون معاونت سرپرست "
    "minister ministry ministers exhibition expo conference forum summit fair head director chief"
).split())
#: Words that may stand between a head and the term: honorifics, "international", "of the".
NAME_FILLERS = frozenset(normalise(w) for w in (
    "محترم سابق اسبق بین المللی بینالمللی منطقه ای ملی "
    "المحترم السابق الدولي الدولية العالمي العالمية السنوي الوطني الاقليمي "
    "of for the international national annual regional global world"
).split())
#: English words that, capitalised, close a title or an event's name after the term ("the ICT Minister").
NAME_TAILS = frozenset("minister ministry ministers exhibition expo conference summit forum fair week show".split())
#: How near (in characters) a ``context_only`` term must be to another sector term to count.
CONTEXT_WINDOW = 300
#: Gazetteer key prefixes of the conditional columns (a key is ``prefix + sector``).
_CONDITIONAL = {"fa_only": "fa:", "context_only": "ctx:"}
_PERSIAN_LETTERS = re.compile("[پچژگکی\u200c]")
_PLURAL_APART = re.compile(r" (ها|هاي|هايي)(?= |$)")
_WORD = re.compile(r"\w+")
_CLAUSE_BREAK = re.compile(r"[^\w\s]|\n")
_NEXT_WORD = re.compile(r"\s+(\w+)")
_PROCLITICS = frozenset("وفبل")


@dataclass(frozen=True)
class _Tables:
    gazetteer: Gazetteer
    labels: dict[str, str]


def _script(alias: str) -> str:
    """Return 'latin', 'persian' or 'arabic': Persian letters tell Persian, and so does a final
    ه with no Arabic article (حوزه ارتباطات; Arabic writes حوزة, الاتصالات)."""
    if not is_arabic_script(alias):
        return "latin"
    words = alias.split()
    if _PERSIAN_LETTERS.search(alias) or (
        any(w.endswith("ه") for w in words) and not any(w.startswith(("ال", "أل", "إل")) for w in words)
    ):
        return "persian"
    return "arabic"


def _indefinite(alias: str) -> str | None:
    """Return an Arabic noun-and-adjective term without its articles (المنصات المشتركة ->
    منصات مشتركة, الألعاب الإلكترونية -> ألعاب إلكترونية), normalised; None unless every word
    carries the article (in مراكز البيانات or نظام الدفع the article is not agreement).
    The original spelling tells the article from a root alef-lam: ألعاب, ألياف keep theirs."""
    words = alias.split()
    if len(words) < 2 or not all(w.startswith("ال") and len(w) > 4 for w in words):
        return None
    return " ".join(normalise(" ".join(w[2:] for w in words)).split())


def _variants(alias: str) -> set[str]:
    """Return the normalised forms ``alias`` takes in the wild (its own form included)."""
    norm = " ".join(normalise(alias).split())
    forms = {norm}
    script = _script(alias)
    words = norm.split()
    if len(words) == 2:
        forms.update(f"{words[0]} {normalise(m)} {words[1]}" for m in MODIFIERS[script])
    if script == "arabic" and _indefinite(alias):
        forms.add(_indefinite(alias))
    if script != "persian":
        return forms
    forms.add(" ".join(normalise(alias.replace("\u200c", "")).split()))
    if len(words) >= 2 and words[0] not in ("ها", "هاي") and not words[1].startswith("ها"):
        rest = " ".join(words[1:])
        forms.update({f"{words[0]} هاي {rest}", f"{words[0]}هاي {rest}"})
    if len(words) == 2:
        forms.add(words[0] + words[1])
    forms.update({_PLURAL_APART.sub(r"\1", form) for form in forms})
    return {form for form in forms if form}


@cache
def tables() -> _Tables:
    """Return the sector matcher and labels built from ``sectors.csv`` (built once)."""
    table = reference.load("sectors")
    entries: set[tuple[str, str]] = set()
    cased = []
    exclusions: set[str] = set()
    for row in table.to_dict("records"):
        sector = row["sector"]
        for column in ("name_en", "name_ar", "name_fa", "aliases", *_CONDITIONAL):
            key = _CONDITIONAL.get(column, "") + sector
            for alias in reference.split_aliases(row.get(column, "")):
                if is_cased_acronym(alias):
                    cased.append((key, alias))
                else:
                    entries.update((key, form) for form in _variants(alias))
        for phrase in reference.split_aliases(row.get("exclusions", "")):
            exclusions.update({phrase, phrase.replace("\u200c", "")})
            if _script(phrase) == "arabic" and _indefinite(phrase):
                exclusions.add(_indefinite(phrase))
    gazetteer = Gazetteer(sorted(entries), clitics=True, suffixes="nominal", cased=cased, exclusions=sorted(exclusions))
    labels = dict(zip(table["sector"], table["name_en"]))
    return _Tables(gazetteer, labels)


def patterns() -> dict[str, tuple]:
    """Every sector term the gazetteer looks for (for the keyword pass)."""
    return tables().gazetteer.patterns()


def extract(doc: Document) -> list[dict]:
    """Return one row per sector mention (``mentions`` columns, kind 'sector'), in text order.

    Computed once per document (figures ask for it too); each call gets fresh dicts.
    """
    return [dict(row) for row in rows(doc)]


def rows(doc: Document) -> list[dict]:
    """Return the rows of :func:`extract` as found once per document: read them, never change
    them (other extractors read them here rather than pay for copies)."""
    return doc.memo("sectors", lambda: _extract(doc))


def in_a_name(norm: str, start: int, end: int, text: str | None = None, offsets=None) -> bool:
    """Return True when ``norm[start:end]`` sits in a title or an event's name: right after a
    :data:`NAME_HEADS` word (only :data:`NAME_FILLERS` between, within the same clause) or right
    before a :data:`NAME_TAILS` word capitalised in the original ``text`` (``offsets`` map
    ``norm`` to it, None when they are the same length; without ``text`` no tail is looked at)."""
    clause = _CLAUSE_BREAK.split(norm[max(0, start - 80):start])[-1]
    for word in reversed(_WORD.findall(clause)):
        bare = word[1:] if word[:1] in _PROCLITICS and word[1:] in NAME_HEADS else word
        if bare in NAME_HEADS:
            return True
        if word not in NAME_FILLERS and word not in _PROCLITICS:
            break
    after = _NEXT_WORD.match(norm, end, min(len(norm), end + 20))
    if not after or after.group(1) not in NAME_TAILS or text is None:
        return False
    at = after.start(1)
    return text[offsets[at] if offsets is not None else at].isupper()


def _extract(doc: Document) -> list[dict]:
    t = tables()
    found = []
    for match in t.gazetteer.find(doc.norm, doc.text, doc.offsets, keywords.hits(doc, "sectors", patterns), links_in(doc)):
        prefix, _, key = match.key.rpartition(":")
        if (prefix == "fa" and doc.language == "ar") or in_a_name(doc.norm, match.start, match.end, doc.text, doc.offsets):
            continue
        found.append((prefix, key, match))
    anchors = [match.start for prefix, _, match in found if prefix != "ctx"]
    rows = []
    for prefix, key, match in found:
        if prefix == "ctx" and not any(abs(match.start - at) <= CONTEXT_WINDOW for at in anchors):
            continue
        row = {"article_id": doc.article_id, "kind": "sector", "key": key, "label": t.labels[key], "country": ""}
        row.update(doc.evidence_norm(match.start, match.end))
        rows.append(row)
    return rows
