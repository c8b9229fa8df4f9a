"""Countries and places an article names: one row per mention, with its evidence.

Countries follow TAXONOMY.md: every sovereign present-day country named by name, short or long
form, demonym or adjective, with any Arabic clitic attached (``data/reference/countries.csv``).
Places are cities and sub-national places with the ISO3 of their country
(``data/reference/places.csv``); a country reached only through a city is a place mention.

Homographs are listed as data (``ambiguous_aliases``; ``alias@ar`` means ambiguous only in
Arabic articles) and resolved from context here:

* عمان in Arabic: Amman (a place of JOR) in a dateline or next to "the Jordanian capital",
  Oman otherwise; in Persian always Oman (Amman is امان there).
* آذربایجان in Persian: the province/region of Iran after استان/منطقه/خطه, else the Republic.
  (آذربایجان شرقی/غربی are places of IRN by the longest-match rule.)
* جورجيا / Georgia: the US state after ولاية/"state of", beside Atlanta or "American"; dropped.
* Jordan, Chad (English): dropped when they read as a person's name (a capitalised word beside).
* Any other ambiguous alias counts only with a cue: "دولة/جمهورية/کشور/country" before a country,
  "مدينة/شهر/العاصمة/city" before a city, its country in the same sentence (for a place), a
  dateline, or a list of other countries around it (ایران و مالی).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from techdiplomacy import reference
from techdiplomacy.extract import keywords, reported
from techdiplomacy.extract.gazetteer import Gazetteer, Match, is_arabic_script, is_cased_acronym, links_in
from techdiplomacy.text.document import Document
from techdiplomacy.text.normalisation import normalise

_SEP = "\t"
COUNTRY_CUES = frozenset(normalise(w) for w in "دولة جمهورية سلطنة مملكة بلد كشور جمهوری دولت country republic kingdom".split())
CITY_CUES = frozenset(
    normalise(w) for w in "مدينة العاصمة عاصمة شهر پایتخت بندر ميناء استان محافظة city capital".split()
)
#: Heads of event, team-venue, bank and university names: a country or city right after one is
#: part of a name (بطولة فرنسا المفتوحة, بنك فرنسا المركزي, ستاد عمان, جامعة طهران), not a mention.
NAME_HEADS = {
    "ar": frozenset(normalise(w) for w in "بطولة بنك نادي ستاد ملعب دوري كأس جائزة مهرجان رالي سباق جامعة صحيفة".split()),
    "fa": frozenset(normalise(w) for w in "جام بانک باشگاه ورزشگاه دانشگاه جشنواره روزنامه".split()),
    "en": frozenset(),
}
NAME_TAILS_EN = frozenset("open cup masters airways".split())


def patterns() -> dict[str, tuple]:
    """Every country and place alias the gazetteer looks for (for the keyword pass)."""
    return tables().gazetteer.patterns()


def name_head_patterns() -> dict[str, bool]:
    """Every word :func:`_inside_name` looks for (the heads of every language, and the English
    bank/university and tails), searched in the one keyword pass: a text where none is
    written, as a word or inside one, has no place inside such a name."""
    words = set(NAME_HEADS["ar"]) | set(NAME_HEADS["fa"]) | {"bank", "university"} | NAME_TAILS_EN
    return {word: True for word in words}


#: Words right after عمان that make it Amman: Jordanian, the Jordanian news agency Petra.
AMMAN_NEXT = frozenset(normalise(w) for w in "الأردنية الأردني الأردن بترا".split())
LIST_GLUE = re.compile(r"^(?:\s|[,،/-]|و|and|va)*$")
_TOKEN = re.compile(r"\w+")


class Hit(NamedTuple):  # a tuple: made many times per article, far faster than a frozen dataclass
    """One resolved mention in ``Document.norm``: a country or a place."""

    kind: str  # country | place
    key: str
    country: str
    start: int
    end: int
    form: str  # name | demonym (the adjective/demonym forms ANERCorp-style corpora leave untagged)


def _key(kind: str, ident: str, form: str, alias: str) -> str:
    return _SEP.join((kind, ident, form, alias))


def _ambiguous(cell: str) -> dict[str, str]:
    """Return {normalised alias: language it is ambiguous in ('*' = every language)}."""
    out = {}
    for item in reference.split_aliases(cell):
        alias, _, lang = item.partition("@")
        out[" ".join(normalise(alias).split())] = lang or "*"
    return out


def arabic_demonym(alias: str) -> str | None:
    """Return the Arabic nisba of a one-word name ending in alef (أرمينيا -> ارميني), else None."""
    if " " in alias or len(alias) < 4 or not alias.endswith("ا") or not is_arabic_script(alias):
        return None
    return alias[:-1] if alias.endswith("يا") else alias[:-1] + "ي"


@dataclass(frozen=True)
class _Tables:
    gazetteer: Gazetteer
    ambiguous: dict[tuple[str, str], str]  # (kind|id, alias) -> language
    labels: dict[tuple[str, str], str]
    place_country: dict[str, str]
    homographs: dict[str, str]  # normalised country alias -> the place spelt the same


@cache
def tables() -> _Tables:
    """Return the matcher and lookups built from the reference CSVs (built once)."""
    entries: list[tuple[str, str, str]] = []
    cased: list[tuple[str, str]] = []
    exclusions: list[str] = []
    ambiguous: dict[tuple[str, str], str] = {}
    labels: dict[tuple[str, str], str] = {}
    countries = reference.load("countries")
    country_aliases: set[str] = set()
    for row in countries.to_dict("records"):
        iso3 = row["iso3"]
        labels[("country", iso3)] = row["name_en"]
        amb = _ambiguous(row.get("ambiguous_aliases", ""))
        for a, lang in amb.items():
            ambiguous[(f"country:{iso3}", a)] = lang
        exclusions.extend(reference.split_aliases(row.get("exclusions", "")))
        demonym_norms = {" ".join(normalise(a).split()) for a in reference.split_aliases(row.get("demonyms", ""))}
        for form, columns in (("name", ("name_en", "name_ar", "name_fa", "aliases")), ("demonym", ("demonyms",))):
            for column in columns:
                for alias in reference.split_aliases(row.get(column, "")):
                    if is_cased_acronym(alias):
                        cased.append((_key("country", iso3, form, normalise(alias)), alias))
                        continue
                    norm = " ".join(normalise(alias).split())
                    country_aliases.add(norm)
                    # an ambiguous alias matches only as written: مالي, not ماليه (financial)
                    mode = "none" if norm in amb else "demonym"
                    key_form = form
                    if form == "name" and norm.endswith("يه") and norm[:-2] + "ي" in demonym_norms:
                        key_form = "name_fa"  # روسیه: the name in Persian, the adjective روسية in Arabic
                    entries.append((_key("country", iso3, key_form, norm), norm, mode))
                    derived = arabic_demonym(norm) if column == "name_ar" else None
                    if derived:
                        entries.append((_key("country", iso3, "demonym", derived), derived, "demonym"))
                        if norm in amb:
                            ambiguous[(f"country:{iso3}", derived)] = amb[norm]
    place_country: dict[str, str] = {}
    homographs: dict[str, str] = {}
    for row in reference.load("places").to_dict("records"):
        place = row["place"]
        place_country[place] = row["country"]
        labels[("place", place)] = row["name_en"]
        amb = _ambiguous(row.get("ambiguous_aliases", ""))
        for a, lang in amb.items():
            ambiguous[(f"place:{place}", a)] = lang
        exclusions.extend(reference.split_aliases(row.get("exclusions", "")))
        for column in ("name_en", "name_ar", "name_fa", "aliases"):
            for alias in reference.split_aliases(row.get(column, "")):
                norm = " ".join(normalise(alias).split())
                if norm in country_aliases:
                    # a city spelt like its country (عمان, مراكش): the country's rule decides,
                    # and a rejected country reading falls back to the city
                    homographs[norm] = place
                    continue
                entries.append((_key("place", place, "name", norm), norm, "none"))
    gazetteer = Gazetteer(entries, clitics=True, suffixes="demonym", cased=cased, exclusions=exclusions)
    return _Tables(gazetteer, ambiguous, labels, place_country, homographs)


# --- context -------------------------------------------------------------------------------


def _words_before(norm: str, start: int, n: int = 2) -> list[str]:
    """Return up to ``n`` normalised words before ``start``, nearest first: the last word
    runs (``_TOKEN``) of the 40 characters before it.

    A run never holds a space, so the runs after a space are the same read from there as
    from 40 characters back: the words after the (n+1)-th space back are read first.
    """
    lo = max(0, start - 40)
    q = start
    for _ in range(n + 1):
        q = norm.rfind(" ", lo, q)
        if q < 0:
            break
    else:
        words = _TOKEN.findall(norm, q + 1, start)
        if len(words) >= n:
            return words[:-n - 1:-1]
    return _TOKEN.findall(norm, lo, start)[::-1][:n]


def _words_after(norm: str, end: int, n: int = 2) -> list[str]:
    return _TOKEN.findall(norm, end, end + 40)[:n]


@lru_cache(maxsize=65536)
def _bare(word: str) -> str:
    """Return a word without a leading Arabic proclitic/article (for cue lookup)."""
    for prefix in ("وال", "بال", "فال", "لل", "ال", "و", "ب", "ل"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix) :]
    return word


def _is(word: str, vocabulary) -> bool:
    """True when ``word``, as written or without its proclitic, is in ``vocabulary``."""
    return word in vocabulary or _bare(word) in vocabulary


def _is_dateline(norm: str, start: int, end: int) -> bool:
    """A dateline: the name opens a line and is followed by a dash, colon, bracket or comma."""
    line_start = norm.rfind("\n", 0, start) + 1
    if norm[line_start:start].strip(" \t*_#(\"'«") not in ("",):
        return False
    return bool(re.match(r"\s*[-–—:(،,/]", norm[end : end + 4]))


def _in_list(norm: str, hit: Match, others: list[Match]) -> bool:
    """True when another country/place sits next to ``hit`` joined only by و، and commas."""
    for other in others:
        if other is hit:
            continue
        if 0 <= hit.start - other.end <= 8 and LIST_GLUE.match(norm[other.end : hit.start]):
            return True
        if 0 <= other.start - hit.end <= 8 and LIST_GLUE.match(norm[hit.end : other.start]):
            return True
    return False


def _capitalised(text: str) -> bool:
    return bool(text) and text[0].isupper()


_FUNCTION_WORDS = frozenset(
    "The In And Of From To With For By At On About As Both While Visiting Between Neighbouring Neighboring King Kingdom "
    "Republic Hashemite Said Says Minister President Iran".split()
)


def _reads_as_person(doc: Document, start: int, end: int) -> bool:
    """True when a capitalised word stands right before (Michael Jordan) or after (Chad Smith)."""
    s, e = doc.original(start, end)
    before = re.search(r"([A-Za-z][\w'-]*)\s+$", doc.text[max(0, s - 40) : s])
    after = re.match(r"\s+([A-Za-z][\w'-]*)", doc.text[e : e + 40])
    if before and _capitalised(before.group(1)) and before.group(1) not in _FUNCTION_WORDS:
        return True
    return bool(after and _capitalised(after.group(1)) and after.group(1) not in _FUNCTION_WORDS)


# --- resolution ----------------------------------------------------------------------------


def hits(doc: Document) -> list[Hit]:
    """Return the resolved country and place mentions of ``doc`` (spans into ``doc.norm``)."""
    t = tables()
    norm = doc.norm
    matches = t.gazetteer.find(norm, doc.text, doc.offsets, keywords.hits(doc, "places", patterns), links_in(doc))
    parsed = [(m, *_key_parts(m.key)) for m in matches]
    ambiguous_in = ("*", doc.language)
    clear = [(m, kind, ident) for m, kind, ident, _, _, lang in parsed if lang not in ambiguous_in]
    clear_keys = {(kind, ident) for _, kind, ident in clear}
    clear_matches = [m for m, _, _ in clear]
    heads_here = bool(keywords.hits(doc, "name_heads", name_head_patterns))
    out: list[Hit] = []
    for m, kind, ident, form, alias, lang in parsed:
        if _inside_name(doc, m, heads_here) or (ident == "YEM" and _right_hand(doc, m)):
            continue
        if lang in ambiguous_in and not (form == "demonym" and _article_before(norm, m.start)):
            # (a demonym with the article is no first name: الجورجي, التركي, not جورجي, تركي)
            resolved = _resolve(doc, m, kind, ident, alias, clear_keys, clear_matches, t)
            if resolved is None:
                continue
            kind, ident = resolved
        country = ident if kind == "country" else t.place_country[ident]
        if form == "name_fa":
            form = "demonym" if doc.language == "ar" else "name"
        if form == "name" and (
            not norm[m.start : m.end].endswith(alias)
            or _article_before(norm, m.start)
        ):
            form = "demonym"  # a nisba or plural built on the name (الإيرانية, ایرانیان, الألمان)
        if form == "demonym" and doc.language == "ar" and reported.is_speaker_name(doc, m.start, m.end):
            continue  # a person's nisba surname: "محمد شياع السوداني ... وقال السوداني"
        out.append(Hit(kind, ident, country, m.start, m.end, form))
    return out


@cache
def _key_parts(key: str) -> tuple[str, str, str, str, str | None]:
    """Return (kind, id, form, alias, language the alias is ambiguous in or None) of a
    gazetteer key (see :func:`_key`)."""
    kind, ident, form, alias = key.split(_SEP)
    return kind, ident, form, alias, tables().ambiguous.get((f"{kind}:{ident}", alias))


def _article_before(norm: str, start: int) -> bool:
    """True when the article ال (with or without a proclitic) is glued before ``start``."""
    if start < 2 or norm[start - 2 : start] != "ال":
        return False
    i = start - 2
    return i == 0 or not norm[i - 1].isalnum() or (norm[i - 1] in "وبفك" and (i < 2 or not norm[i - 2].isalnum()))


_RIGHT_HAND_NOUNS = frozenset(
    normalise(w) for w in "يد اليد يده يدها قدم القدم قدمه رجل الرجل ساق الساق عين العين أذن الأذن كتف ذراع كف الكف "
    "ركبة الركبة ضفة الضفة جهة الجهة ناحية الناحية زاوية الزاوية جناح الجناح".split()
)


def _right_hand(doc: Document, m: Match) -> bool:
    """True for اليمنى 'the right (side)', spelt like اليمني 'the Yemeni' once ى folds to ي."""
    s, e = doc.original(m.start, m.end)
    if not doc.text[s:e].endswith("ى"):
        return False
    before = _words_before(doc.norm, m.start, 1)
    return bool(before) and (_is(before[0], _RIGHT_HAND_NOUNS) or before[0].endswith("ه"))


def _inside_name(doc: Document, m: Match, heads_here: bool = True) -> bool:
    """True when the match is part of an event, club, bank or university name.

    ``heads_here``: False when none of the words looked for here is written anywhere in the
    text (:func:`name_head_patterns`): then the match is inside no name.
    """
    if not heads_here:
        return False
    before = _words_before(doc.norm, m.start, 1)
    if doc.language == "en" or not before or before[0].isascii():
        before = _words_before(doc.norm, m.start, 2)
        after = _words_after(doc.norm, m.end, 1)
        return before[:2] in (["of", "bank"], ["of", "university"]) or bool(after and after[0] in NAME_TAILS_EN)
    heads = NAME_HEADS.get(doc.language, NAME_HEADS["ar"])
    return _is(before[0], heads)


def _resolve(doc, m, kind, ident, alias, clear_keys, clear_matches, t) -> tuple[str, str] | None:
    """Return the (kind, key) an ambiguous match stands for here, or None to drop it."""
    norm = doc.norm
    before = _words_before(norm, m.start)
    after = _words_after(norm, m.end)
    sentence = doc.sentence_at(doc.original(m.start, m.end)[0])
    if alias == "عمان":
        if doc.language == "fa":
            return kind, ident
        s, e = doc.original(m.start, m.end)
        written = doc.text[s:e]
        if "\u064f" in written:  # عُمان: Oman is written with damma
            return kind, ident
        near = norm[max(0, m.start - 30) : m.start]
        dash_follows = re.match(r"\s*[-–—]", norm[m.end : m.end + 3]) is not None
        if "\u0651" in written or dash_follows or "العاصمه الاردنيه" in near or (after and after[0] in AMMAN_NEXT):
            return "place", "amman"
        # otherwise the article decides: Oman beside Omani/Muscat/the Sultanate, Amman beside Jordan
        if ("country", "OMN") in clear_keys or ("place", "muscat") in clear_keys:
            return kind, ident
        if ("country", "JOR") in clear_keys or any(t.place_country.get(i) == "JOR" for k, i in clear_keys if k == "place"):
            return "place", "amman"
        return kind, ident
    if alias == "اذربايجان":
        if before and _is(before[0], {"استان", "استانهاي", "منطقه", "خطه", "مردم", "ترك"}):
            return "place", "azarbaijan_region"
        return kind, ident
    if alias in ("جورجيا", "georgia"):
        us = {"ولايه", "state", "ولايات"}
        if (before and _is(before[0], us)) or (before[:2] == ["of", "state"]) or (after and after[0] in {"الامريكيه", "الاميركيه", "state"}):
            return None
        # normalised once per sentence, not per match in it (a sentence without full stops is long)
        s_norm = doc.memo(("normalised sentence", sentence.start), lambda: normalise(sentence.text))
        if "اتلانتا" in s_norm or "atlanta" in s_norm:
            return None
        return kind, ident
    if alias in ("jordan", "chad"):
        return None if _reads_as_person(doc, m.start, m.end) else (kind, ident)
    # generic rule
    cues = COUNTRY_CUES if kind == "country" else CITY_CUES
    if before and _is(before[0], cues):
        return kind, ident
    if _is_dateline(norm, m.start, m.end):
        return kind, ident
    if kind == "country":
        if _in_list(norm, m, clear_matches):
            return kind, ident
        if alias in t.homographs:
            return "place", t.homographs[alias]
        return None
    country = t.place_country[ident]
    for other in clear_matches:
        other_kind, other_id = other.key.split(_SEP)[:2]
        other_country = other_id if other_kind == "country" else t.place_country[other_id]
        if other_country == country and sentence.start <= doc.original(other.start, other.end)[0] < sentence.end:
            return kind, ident
    return None


def extract(doc: Document) -> list[dict]:
    """Return one row per country or place mention (``mentions`` columns), in text order.

    Computed once per document (other extractors ask for it too); each call gets fresh dicts.
    """
    return [dict(row) for row in rows(doc)]


def rows(doc: Document) -> list[dict]:
    """Return the rows of :func:`extract` as found once per document: read them, never change
    them (other extractors read them here rather than pay for copies)."""
    return doc.memo("places", lambda: _extract(doc))


def _extract(doc: Document) -> list[dict]:
    t = tables()
    rows = []
    text = doc.text
    for hit in hits(doc):
        start, end = doc.original(hit.start, hit.end)
        rows.append({
            "article_id": doc.article_id,
            "kind": hit.kind,
            "key": hit.key,
            "label": t.labels[(hit.kind, hit.key)],
            "country": hit.country,
            "surface": text[start:end],  # the evidence columns of Document.evidence
            "start": start,
            "end": end,
            "sentence": doc.evidence_sentence(start, end),
        })
    return rows


def countries_in(doc: Document) -> list[dict]:
    """Return only the country rows of :func:`extract`."""
    return [row for row in extract(doc) if row["kind"] == "country"]
