"""Tables as a reader sees them: names instead of keys, dates as dates, "—" for missing values,
headers in the display language; ids left out.

:func:`display_table` is for the screen only: CSV downloads keep the stored rows, ids and all.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from babel import Locale

from techdiplomacy import reference
from techdiplomacy.i18n import labels
from techdiplomacy.i18n.phrases import t

#: What a missing value looks like on screen.
MISSING = "—"

#: Columns that hold ids or positions: in CSVs, never on screen.
HIDDEN = frozenset({
    "article_id", "article_ids", "official", "official_id", "group_id", "representative_article_id",
    "aid", "rid", "start", "end", "passage", "x", "y", "rank", "path_hash",
})

#: Columns whose values are keys of a kind of name (labels.name).
KEYED = {"country": "country", "iso3": "country", "sector": "sector", "role": "role", "language": "language"}

#: Columns holding several keys joined by "|".
JOINED = {"countries": "country", "sectors": "sector"}

#: Display names of figure units that are not currencies (currencies come from CLDR).
UNIT_NAMES: dict[str, dict[str, str]] = {
    "count": {"en": "count", "ar": "عدد", "fa": "تعداد"},
    "percent": {"en": "percent", "ar": "نسبة مئوية", "fa": "درصد"},
    "other": {"en": "other", "ar": "أخرى", "fa": "سایر"},
    "km": {"en": "km", "ar": "كم", "fa": "کیلومتر"},
    "GB": {"en": "GB", "ar": "غيغابايت", "fa": "گیگابایت"},
    "TB": {"en": "TB", "ar": "تيرابايت", "fa": "ترابایت"},
    "MB": {"en": "MB", "ar": "ميغابايت", "fa": "مگابایت"},
    "Tbps": {"en": "Tbps", "ar": "تيرابت/ث", "fa": "ترابیت بر ثانیه"},
    "Gbps": {"en": "Gbps", "ar": "غيغابت/ث", "fa": "گیگابیت بر ثانیه"},
    "Mbps": {"en": "Mbps", "ar": "ميغابت/ث", "fa": "مگابیت بر ثانیه"},
    "MW": {"en": "MW", "ar": "ميغاواط", "fa": "مگاوات"},
}

#: Column headers in the three languages (a column not listed keeps its name, underscores as spaces).
HEADERS: dict[str, dict[str, str]] = {
    "title": {"en": "Title", "ar": "العنوان", "fa": "عنوان"},
    "source": {"en": "Source", "ar": "المصدر", "fa": "منبع"},
    "published": {"en": "Published", "ar": "تاريخ النشر", "fa": "تاریخ انتشار"},
    "language": {"en": "Language", "ar": "اللغة", "fa": "زبان"},
    "url": {"en": "Address", "ar": "الرابط", "fa": "نشانی"},
    "path": {"en": "File", "ar": "الملف", "fa": "فایل"},
    "text": {"en": "Text", "ar": "النص", "fa": "متن"},
    "kind": {"en": "Kind", "ar": "النوع", "fa": "نوع"},
    "key": {"en": "Name", "ar": "الاسم", "fa": "نام"},
    "label": {"en": "Name", "ar": "الاسم", "fa": "نام"},
    "country": {"en": "Country", "ar": "البلد", "fa": "کشور"},
    "countries": {"en": "Countries", "ar": "البلدان", "fa": "کشورها"},
    "sector": {"en": "Sector", "ar": "القطاع", "fa": "بخش"},
    "sectors": {"en": "Sectors", "ar": "القطاعات", "fa": "بخش‌ها"},
    "surface": {"en": "As written", "ar": "كما ورد", "fa": "به همان شکل"},
    "sentence": {"en": "Sentence", "ar": "الجملة", "fa": "جمله"},
    "gloss": {"en": "In brief", "ar": "باختصار", "fa": "به اختصار"},
    "name": {"en": "Name", "ar": "الاسم", "fa": "نام"},
    "role": {"en": "Role", "ar": "المنصب", "fa": "سمت"},
    "organisation": {"en": "Organisation", "ar": "الجهة", "fa": "سازمان"},
    "n_articles": {"en": "Articles", "ar": "المقالات", "fa": "مقاله‌ها"},
    "n_officials": {"en": "Officials", "ar": "المسؤولون", "fa": "مقامات"},
    "n_passages": {"en": "Passages", "ar": "الفقرات", "fa": "بندها"},
    "value": {"en": "Value", "ar": "القيمة", "fa": "مقدار"},
    "unit": {"en": "Unit", "ar": "الوحدة", "fa": "واحد"},
    "measure": {"en": "Measure", "ar": "المقياس", "fa": "سنجه"},
    "topic_id": {"en": "Topic", "ar": "الموضوع", "fa": "موضوع"},
    "topic": {"en": "Topic", "ar": "الموضوع", "fa": "موضوع"},
    "weight": {"en": "Weight", "ar": "الوزن", "fa": "وزن"},
    "terms": {"en": "Terms", "ar": "المفردات", "fa": "واژه‌ها"},
    "size": {"en": "Articles", "ar": "المقالات", "fa": "مقاله‌ها"},
    "representative": {"en": "Representative passage", "ar": "فقرة تمثيلية", "fa": "بند نماینده"},
    "similarity": {"en": "Similarity", "ar": "التشابه", "fa": "شباهت"},
    "error": {"en": "Error", "ar": "الخطأ", "fa": "خطا"},
    "added_at": {"en": "Added", "ar": "أضيف في", "fa": "افزوده‌شده در"},
    "last_fetched": {"en": "Last fetched", "ar": "آخر جلب", "fa": "آخرین دریافت"},
    "last_status": {"en": "Last status", "ar": "آخر حالة", "fa": "آخرین وضعیت"},
    "items_added": {"en": "Items added", "ar": "العناصر المضافة", "fa": "موارد افزوده‌شده"},
    "item": {"en": "Item", "ar": "العنصر", "fa": "مورد"},
    "status": {"en": "Result", "ar": "النتيجة", "fa": "نتیجه"},
    "reason": {"en": "Reason", "ar": "السبب", "fa": "دلیل"},
    "sentences": {"en": "Sentences", "ar": "الجمل", "fa": "جمله‌ها"},
}

#: Mention and evidence kinds, and add results, as words.
WORDS: dict[str, dict[str, str]] = {
    "country": {"en": "country", "ar": "بلد", "fa": "کشور"},
    "place": {"en": "place", "ar": "مكان", "fa": "مکان"},
    "sector": {"en": "sector", "ar": "قطاع", "fa": "بخش"},
    "organisation": {"en": "organisation", "ar": "جهة", "fa": "سازمان"},
    "official": {"en": "official", "ar": "مسؤول", "fa": "مقام"},
    "figure": {"en": "figure", "ar": "رقم", "fa": "رقم"},
    "passage": {"en": "passage", "ar": "فقرة", "fa": "بند"},
    "topic": {"en": "topic", "ar": "موضوع", "fa": "موضوع"},
    "added": {"en": "added", "ar": "أضيف", "fa": "افزوده شد"},
    "duplicate": {"en": "duplicate", "ar": "مكرر", "fa": "تکراری"},
    "rejected": {"en": "rejected", "ar": "مرفوض", "fa": "رد شد"},
}

#: Reference tables that name keys of a mention kind besides countries and sectors.
_KIND_TABLES = {"place": "places", "organisation": "organisations", "official": "officials"}


def header(column: str, lang: str) -> str:
    """Return the display header of ``column`` in ``lang``."""
    names = HEADERS.get(column)
    if names:
        return names.get(labels.ui_language(lang)) or names["en"]
    return column.replace("_", " ")


def word(value: str, lang: str) -> str:
    """Return a kind or status word in ``lang`` (the value itself if not known)."""
    names = WORDS.get(str(value))
    return (names.get(labels.ui_language(lang)) or names["en"]) if names else str(value)


def unit_name(unit, lang: str) -> str:
    """Return the display name of a figure unit: CLDR's currency names for ISO codes."""
    if _missing(unit):
        return MISSING
    unit = str(unit)
    lang = labels.ui_language(lang)
    if unit in UNIT_NAMES:
        return UNIT_NAMES[unit].get(lang) or UNIT_NAMES[unit]["en"]
    if len(unit) == 3 and unit.isupper():
        return Locale(lang).currencies.get(unit, unit)
    return unit


def _missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() in ("", "nan", "NaT", "<NA>", "None")
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _kind_name(kind: str, key, lang: str) -> str:
    if _missing(key):
        return MISSING
    if kind in ("country", "sector"):
        return labels.name(kind, key, lang)
    table = _KIND_TABLES.get(kind)
    if table:
        try:
            found = reference.labels(table, labels.ui_language(lang)).get(str(key))
        except (FileNotFoundError, KeyError):
            found = None
        if found:
            return found
    text = str(key)
    return text.split(":", 1)[1] if text.startswith("p:") else text.replace("_", " ")


def _date(value) -> str:
    if _missing(value):
        return MISSING
    stamp = pd.Timestamp(value)
    if stamp.hour or stamp.minute or stamp.second:
        return stamp.strftime("%Y-%m-%d %H:%M")
    return stamp.strftime("%Y-%m-%d")


def _number(value) -> str:
    if _missing(value):
        return MISSING
    number = float(value)
    if number.is_integer():
        return f"{int(number):,}"
    return f"{number:,.2f}".rstrip("0").rstrip(".")


def display_table(frame: pd.DataFrame, lang: str = "en", *, topics: Mapping | None = None) -> pd.DataFrame:
    """Return one row per row of ``frame``, as text for the screen in ``lang``: ids and offsets
    left out, country/sector/role/language keys as names, a mention's ``key`` named by its
    ``kind``, topic ids as their labels (``topics``: {topic_id: label}), joined keys as names,
    dates as ``YYYY-MM-DD``, numbers with separators, missing values as "—"; headers in ``lang``."""
    topics = topics or {}
    out = pd.DataFrame(index=frame.index)
    kinds = frame["kind"].astype(object) if "kind" in frame else None
    separator = labels.message("comma", lang)
    for column in frame.columns:
        if column in HIDDEN or (column == "label" and "key" in frame and kinds is not None):
            continue
        series = frame[column]
        if column == "key" and kinds is not None:
            # a person outside the reference list has a made-up key ("p:" + folded name): the
            # words as written name them better
            written = frame["surface"].astype(object) if "surface" in frame else [None] * len(frame)
            values = [
                str(w) if str(v).startswith("p:") and not _missing(w) else _kind_name(str(k), v, lang)
                for k, v, w in zip(kinds, series.astype(object), written)
            ]
        elif column == "kind" or column == "status":
            values = [MISSING if _missing(v) else word(v, lang) for v in series.astype(object)]
        elif column in KEYED:
            values = [MISSING if _missing(v) else labels.name(KEYED[column], v, lang) for v in series.astype(object)]
        elif column in JOINED:
            values = [MISSING if _missing(v) else separator.join(labels.name(JOINED[column], k, lang) for k in str(v).split("|") if k)
                      for v in series.astype(object)]
        elif column in ("topic_id", "topic"):
            values = [MISSING if _missing(v) else str(topics.get(int(v), f"{labels.message('topic', lang)} {int(v)}")) for v in series.astype(object)]
        elif column == "gloss":  # its isolate marks keep names and dates in order
            values = [MISSING if _missing(v) else str(v) for v in series.astype(object)]
        elif column == "unit":
            values = [unit_name(v, lang) for v in series.astype(object)]
        elif column == "terms":
            values = [MISSING if _missing(v) else " · ".join(str(v).split("|")) for v in series.astype(object)]
        elif pd.api.types.is_datetime64_any_dtype(series.dtype) or column in ("published", "added_at", "last_fetched"):
            values = [_date(v) for v in series.astype(object)]
        elif pd.api.types.is_bool_dtype(series.dtype):
            values = [MISSING if _missing(v) else ("✓" if v else "✗") for v in series.astype(object)]
        elif pd.api.types.is_numeric_dtype(series.dtype):
            values = [_number(v) for v in series.astype(object)]
        else:
            values = [MISSING if _missing(v) else labels.strip_isolates(str(v)) for v in series.astype(object)]
        name = header(column, lang)
        out[name if name not in out else f"{name} ({column.replace('_', ' ')})"] = values
    return out.reset_index(drop=True)


def topic_labels(topics: pd.DataFrame | None, lang: str = "en") -> dict[int, str]:
    """Return {topic_id: label as plain text} ("Topic 3" when a topic has no label)."""
    out = {}
    if topics is None or topics.empty:
        return out
    for topic_id, label in zip(topics["topic_id"], topics["label"]):
        out[int(topic_id)] = str(label) if not _missing(label) else f"{labels.message('topic', lang)} {int(topic_id)}"
    return out


def counted(option: str, n: int, lang: str = "en") -> str:
    """Return a filter option with its number of articles, "Armenia (ARM) — 12", the name
    isolated in ar/fa so the number stays after it."""
    name = labels.isolate(option) if labels.is_rtl(lang) else str(option)
    return t("facet_option", lang, option=name, n=f"{int(n):,}")


def person_label(person: Mapping, lang: str = "en") -> str:
    """Return "name — role, country" for a row of official_nodes (missing parts left out)."""
    parts = [labels.name("role", person.get("role"), lang)] if not _missing(person.get("role")) else []
    if not _missing(person.get("country")):
        parts.append(labels.name("country", person.get("country"), lang))
    name = person.get("name")
    name = MISSING if _missing(name) else str(name)
    return f"{name} — {labels.message('comma', lang).join(parts)}" if parts else name


def article_line(article: Mapping, lang: str = "en") -> str:
    """Return "source · date · address" of an article, missing parts left out."""
    parts = []
    for column in ("source", "published", "url"):
        value = article.get(column)
        if _missing(value):
            continue
        parts.append(_date(value) if column == "published" else str(value))
    return " · ".join(labels.embed(p, lang) for p in parts)
