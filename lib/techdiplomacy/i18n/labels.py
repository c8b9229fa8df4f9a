"""Display names and UI phrases in the dashboard's language (en, ar, fa), and bidi isolation.

Names come from the reference CSVs (:func:`techdiplomacy.reference.labels`); when a CSV or a
name is missing, countries fall back to CLDR names from Babel and everything else to the key.
Nothing here changes data: names are for display only.

Right-to-left text in Plotly (ticks, bar text, titles, hover) comes out in the wrong order when
it starts with a number or contains Latin words ("25% من الشركات", "شركة Huawei في العراق").
Wrapping the display string in RIGHT-TO-LEFT ISOLATE ... POP DIRECTIONAL ISOLATE fixes it
(see RECIPES, "Plotly and right-to-left text"). :func:`isolate` does that for any string holding
Arabic-script letters; the marks never go into tables or CSVs (:func:`strip_isolates` removes
them, and :func:`techdiplomacy.text.normalisation.normalise` deletes them too).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache

import pandas as pd
from babel import Locale
from babel.core import get_global

from techdiplomacy import reference

UI_LANGUAGES = ("en", "ar", "fa")
RTL_LANGUAGES = ("ar", "fa")
DEFAULT_LANGUAGE = "en"

RLI = "\u2067"  # RIGHT-TO-LEFT ISOLATE
FSI = "\u2068"  # FIRST STRONG ISOLATE
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE

#: Strong right-to-left letters: Hebrew, Arabic, Syriac, Thaana, NKo, Arabic supplements and
#: presentation forms. A label holding any of these is isolated.
_RTL_LETTER = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
_ISOLATES = re.compile("[\u2066\u2067\u2068\u2069]")

#: Which reference table holds the display names of a kind of key.
REFERENCE_TABLES = {"country": "countries", "sector": "sectors"}

#: Display names of the schema's roles (schema.ROLES); not in a reference CSV.
ROLE_NAMES: dict[str, dict[str, str]] = {
    "leader": {"en": "Head of state or government", "ar": "رئيس دولة أو حكومة", "fa": "رئیس کشور یا دولت"},
    "minister": {"en": "Minister", "ar": "وزير", "fa": "وزیر"},
    "deputy_minister": {"en": "Deputy minister", "ar": "نائب وزير", "fa": "معاون وزیر"},
    "ambassador": {"en": "Ambassador", "ar": "سفير", "fa": "سفیر"},
    "executive": {"en": "Executive", "ar": "مدير تنفيذي", "fa": "مدیر اجرایی"},
    "official": {"en": "Official", "ar": "مسؤول", "fa": "مقام رسمی"},
}

#: UI phrases: chart titles, axis titles, notes and the pieces of Filters.describe.
#: ``{name}`` placeholders are filled with str.format.
MESSAGES: dict[str, dict[str, str]] = {
    "no_data": {"en": "No data for these filters", "ar": "لا توجد بيانات لهذه المرشحات", "fa": "برای این فیلترها داده‌ای نیست"},
    "n_undated_one": {"en": "1 article without a date", "ar": "مقال واحد بلا تاريخ", "fa": "۱ مقاله بدون تاریخ"},
    "n_undated": {"en": "{n} articles without a date", "ar": "{n} من المقالات بلا تاريخ", "fa": "{n} مقاله بدون تاریخ"},
    "other": {"en": "Other", "ar": "أخرى", "fa": "سایر"},
    "unknown": {"en": "Unknown", "ar": "غير معروف", "fa": "نامعلوم"},
    # axes and hover fields
    "articles": {"en": "Articles", "ar": "المقالات", "fa": "مقاله‌ها"},
    "share_of_view": {"en": "Share of all articles in the view", "ar": "النسبة من كل مقالات العرض", "fa": "سهم از همه مقاله‌های این نما"},
    "mentions": {"en": "Mentions", "ar": "الإشارات", "fa": "اشاره‌ها"},
    "country": {"en": "Country", "ar": "البلد", "fa": "کشور"},
    "sector": {"en": "Sector", "ar": "القطاع", "fa": "بخش"},
    "date": {"en": "Date", "ar": "التاريخ", "fa": "تاریخ"},
    "role": {"en": "Role", "ar": "المنصب", "fa": "سمت"},
    "official": {"en": "Official", "ar": "المسؤول", "fa": "مقام"},
    "officials": {"en": "Officials", "ar": "المسؤولون", "fa": "مقامات"},
    "links": {"en": "People named alongside", "ar": "أشخاص ذُكروا معه", "fa": "افرادی که همراهش آمده‌اند"},
    "value": {"en": "Value", "ar": "القيمة", "fa": "مقدار"},
    "measure": {"en": "Measure", "ar": "المقياس", "fa": "سنجه"},
    "topic": {"en": "Topic", "ar": "الموضوع", "fa": "موضوع"},
    "language": {"en": "Language", "ar": "اللغة", "fa": "زبان"},
    "source": {"en": "Source", "ar": "المصدر", "fa": "منبع"},
    "text_contains": {"en": "Text contains", "ar": "النص يحتوي على", "fa": "متن شامل"},
    # chart titles
    "title_articles_over_time": {"en": "Articles over time by partner country", "ar": "المقالات عبر الزمن حسب البلد الشريك", "fa": "مقاله‌ها در طول زمان به تفکیک کشور شریک"},
    "title_mentions_by_country": {"en": "Articles mentioning each country", "ar": "المقالات التي تذكر كل بلد", "fa": "مقاله‌هایی که از هر کشور نام می‌برند"},
    "title_partner_map": {"en": "Partner countries", "ar": "البلدان الشريكة", "fa": "کشورهای شریک"},
    "title_country_sector_heatmap": {"en": "Partner countries by sector", "ar": "البلدان الشريكة حسب القطاع", "fa": "کشورهای شریک به تفکیک بخش"},
    "title_sectors_by_count": {"en": "Articles by sector", "ar": "المقالات حسب القطاع", "fa": "مقاله‌ها به تفکیک بخش"},
    "title_sectors_over_time": {"en": "Sectors over time", "ar": "القطاعات عبر الزمن", "fa": "بخش‌ها در طول زمان"},
    "title_sector_cooccurrence": {"en": "Sectors mentioned together", "ar": "القطاعات المذكورة معاً", "fa": "بخش‌هایی که با هم آمده‌اند"},
    "title_partners_by_sector": {"en": "Partner countries in {sector}", "ar": "البلدان الشريكة في {sector}", "fa": "کشورهای شریک در {sector}"},
    "title_officials_by_role": {"en": "Officials by role", "ar": "المسؤولون حسب المنصب", "fa": "مقامات به تفکیک سمت"},
    "title_officials_network": {"en": "Officials who appear together", "ar": "المسؤولون الذين يظهرون معاً", "fa": "مقاماتی که با هم آمده‌اند"},
    "title_figures_by_measure": {"en": "Figures of “{measure}” ({unit}), by country", "ar": "أرقام «{measure}» ({unit}) حسب البلد", "fa": "ارقام «{measure}» ({unit}) به تفکیک کشور"},
    "no_measure": {"en": "Figures naming no measure", "ar": "أرقام لا تذكر مقياسًا", "fa": "ارقامی که سنجه‌ای نام نمی‌برند"},
    "title_figures_by_unit": {"en": "Figures in {unit}", "ar": "الأرقام بوحدة {unit}", "fa": "ارقام بر حسب {unit}"},
    "title_topic_sizes": {"en": "Topics by number of articles", "ar": "المواضيع حسب عدد المقالات", "fa": "موضوع‌ها بر اساس تعداد مقاله"},
    "title_topic_map": {"en": "Map of topics", "ar": "خريطة المواضيع", "fa": "نقشه موضوع‌ها"},
    "title_topics_over_time": {"en": "Topics over time", "ar": "المواضيع عبر الزمن", "fa": "موضوع‌ها در طول زمان"},
    "title_topics_per_country": {"en": "Topics by partner country", "ar": "المواضيع حسب البلد الشريك", "fa": "موضوع‌ها به تفکیک کشور شریک"},
    # cooperation (issue 17): chart titles, axes and the stages
    "title_cooperation_pipeline": {"en": "Cooperation threads per partner, by latest stage", "ar": "مسارات التعاون لكل شريك حسب آخر مرحلة", "fa": "رشته‌های همکاری هر شریک به تفکیک آخرین مرحله"},
    "title_cooperation_timeline": {"en": "Cooperation threads over time", "ar": "مسارات التعاون عبر الزمن", "fa": "رشته‌های همکاری در طول زمان"},
    "threads": {"en": "Threads", "ar": "المسارات", "fa": "رشته‌ها"},
    "stage": {"en": "Stage", "ar": "المرحلة", "fa": "مرحله"},
    "stage_discussed": {"en": "Discussed", "ar": "نوقش", "fa": "گفت‌وگو شده"},
    "stage_proposed": {"en": "Proposed", "ar": "مقترح", "fa": "پیشنهاد شده"},
    "stage_agreed": {"en": "Agreed", "ar": "متفق عليه", "fa": "توافق شده"},
    "stage_signed": {"en": "Signed", "ar": "موقّع", "fa": "امضا شده"},
    "stage_implemented": {"en": "Implemented", "ar": "منفّذ", "fa": "اجرا شده"},
    "stage_stalled": {"en": "Stalled", "ar": "متعثر", "fa": "متوقف"},
    # Filters.describe
    "n_articles": {"en": "{n} articles", "ar": "عدد المقالات: {n}", "fa": "{n} مقاله"},
    "n_articles_one": {"en": "1 article", "ar": "عدد المقالات: 1", "fa": "1 مقاله"},
    "all_articles": {"en": "All articles", "ar": "كل المقالات", "fa": "همه مقاله‌ها"},
    "where": {"en": " where ", "ar": "؛ ", "fa": "؛ "},
    "is": {"en": "{field} is {values}", "ar": "{field}: {values}", "fa": "{field}: {values}"},
    "or": {"en": " or ", "ar": " أو ", "fa": " یا "},
    "and": {"en": " and ", "ar": "؛ ", "fa": "؛ "},
    "comma": {"en": ", ", "ar": "، ", "fa": "، "},
    "from": {"en": "from {date}", "ar": "من {date}", "fa": "از {date}"},
    "until": {"en": "until {date}", "ar": "حتى {date}", "fa": "تا {date}"},
    "between": {"en": "from {start} to {end}", "ar": "من {start} إلى {end}", "fa": "از {start} تا {end}"},
    "contains": {"en": "text contains \u201c{query}\u201d", "ar": "النص يحتوي على «{query}»", "fa": "متن شامل «{query}»"},
}


def ui_language(lang: str | None) -> str:
    """Return ``lang`` if it is a UI language (en, ar, fa), else English."""
    return lang if lang in UI_LANGUAGES else DEFAULT_LANGUAGE


def is_rtl(lang: str) -> bool:
    """Return True if UI language ``lang`` is written right to left."""
    return lang in RTL_LANGUAGES


def has_rtl(text: str) -> bool:
    """Return True if ``text`` holds a right-to-left letter (Arabic script, Hebrew, ...)."""
    return bool(_RTL_LETTER.search(text or ""))


def has_latin(text: str) -> bool:
    """Return True if ``text`` holds a Latin letter."""
    return bool(_LATIN_LETTER.search(text or ""))


def strip_isolates(text: str) -> str:
    """Return ``text`` without bidi isolate marks (LRI, RLI, FSI, PDI)."""
    return _ISOLATES.sub("", text)


def isolate(text: str) -> str:
    """Return ``text`` wrapped in RLI ... PDI if it holds right-to-left letters, else as is.

    Idempotent: a wrapped string is not wrapped again. Pure Latin/number labels stay bare so
    English views carry no invisible characters.
    """
    if text is None:
        return ""
    text = str(text)
    if text.startswith(RLI) and text.endswith(PDI):
        return text
    return f"{RLI}{text}{PDI}" if has_rtl(text) else text


def embed(value: str, lang: str) -> str:
    """Return ``value`` ready to sit inside a sentence in ``lang``: FSI ... PDI around it when
    its script runs the other way (Arabic in an English sentence, Latin in an Arabic one)."""
    value = str(value)
    other_way = has_latin(value) if is_rtl(lang) else has_rtl(value)
    return f"{FSI}{value}{PDI}" if other_way else value


def message(key: str, lang: str = DEFAULT_LANGUAGE, **fields) -> str:
    """Return UI phrase ``key`` in ``lang`` (English if missing), with ``fields`` filled in."""
    phrases = MESSAGES[key]
    template = phrases.get(ui_language(lang)) or phrases["en"]
    return template.format(**fields) if fields else template


def title(key: str, lang: str = DEFAULT_LANGUAGE, **fields) -> str:
    """Return the display form (isolated when right to left) of UI phrase ``key``."""
    return isolate(message(key, lang, **fields))


@cache
def _iso3_to_iso2() -> dict[str, str]:
    """ISO3 -> ISO2 from CLDR territory aliases (Babel), for the country-name fallback."""
    out = {}
    for alias, targets in get_global("territory_aliases").items():
        if len(alias) == 3 and alias.isalpha() and alias.isupper() and targets:
            target = targets[0] if isinstance(targets, (list, tuple)) else targets
            if len(target) == 2 and target != "ZZ":  # ZZ: "unknown region"
                out[alias] = target
    out.setdefault("XKX", "XK")  # Kosovo: user-assigned code in wide use, not in CLDR aliases
    return out


@cache
def _cldr_country(iso3: str, lang: str) -> str | None:
    iso2 = _iso3_to_iso2().get(iso3)
    if not iso2:
        return None
    return Locale(lang).territories.get(iso2)


def _reference_names(kind: str, lang: str) -> dict[str, str]:
    table = REFERENCE_TABLES.get(kind)
    if table is None:
        return {}
    try:
        return reference.labels(table, lang)
    except FileNotFoundError:
        # The reference CSVs are optional at display time; fall back below.
        return {}


def names(kind: str, lang: str = DEFAULT_LANGUAGE) -> Mapping[str, str]:
    """Return {key: name in ``lang``} for ``kind`` (country, sector, role, language) as known
    to the reference data; :func:`name` adds the fallbacks for keys not listed."""
    lang = ui_language(lang)
    if kind == "role":
        return {role: phrases.get(lang) or phrases["en"] for role, phrases in ROLE_NAMES.items()}
    if kind == "language":
        return dict(Locale(lang).languages)
    return _reference_names(kind, lang)


def name(kind: str, key, lang: str = DEFAULT_LANGUAGE, fallback: str | None = None) -> str:
    """Return the display name of ``key`` (not isolated): reference data, then CLDR for
    countries, then ``fallback``, then the key itself (underscores as spaces)."""
    if key is None or (not isinstance(key, str) and bool(pd.isna(key))):
        return message("unknown", lang)
    key = str(key)
    lang = ui_language(lang)
    found = names(kind, lang).get(key)
    if kind == "country":
        # reference.labels falls back to the English name; CLDR has a better one in ar/fa.
        english = names(kind, "en").get(key)
        if not found or (lang != "en" and found == english):
            found = _cldr_country(key, lang) or found
    if found:
        return found
    if fallback:
        return str(fallback)
    return key.replace("_", " ") if kind in ("sector", "role") else key


def display_name(kind: str, key, lang: str = DEFAULT_LANGUAGE, fallback: str | None = None) -> str:
    """Return :func:`name` as a Plotly display label (RLI ... PDI around right-to-left text)."""
    return isolate(name(kind, key, lang, fallback))


def display_names(
    kind: str, keys: Iterable, lang: str = DEFAULT_LANGUAGE, fallbacks: Mapping | None = None
) -> list[str]:
    """Return the display label of each of ``keys``, in order (see :func:`display_name`)."""
    fallbacks = fallbacks or {}
    return [display_name(kind, key, lang, fallbacks.get(key)) for key in keys]
