"""Publication dates as written in Arabic, Persian and English news, read into ``datetime.date``.

One public function, :func:`parse_date`. It reads a date field (front matter, a feed's
``pubDate``, a page's metadata), never guesses: a value it cannot read with certainty, a date
that does not exist (2024-02-30, 31 Esfand of a common year) or a year outside the plausible
range gives ``None``.

Calendars: numeric dates year-first are Gregorian for years 1900-2100 and Solar Hijri for years
1300-1430 (converted with ``jdatetime``). Month names carry their calendar: Persian solar
months (مرداد) are Solar Hijri; English, Arabic (أغسطس, آب), Maghrebi (غشت, أوت) and Persian
spellings of Gregorian months (اوت, آگوست) are Gregorian. Times and time zones are ignored: the
date is the one written, not converted to UTC.
"""

from __future__ import annotations

import datetime
import re
from functools import cache

import jdatetime

from techdiplomacy.text.normalisation import normalise

GREGORIAN = "gregorian"
SOLAR_HIJRI = "solar_hijri"

#: Gregorian month names by month number: English, Arabic (Egyptian/Gulf, Levantine/Iraqi,
#: Maghrebi) and Persian spellings. Kept as data; matched in normalised form.
GREGORIAN_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "يناير", "كانون الثاني", "جانفي", "ژانویه"),
    2: ("february", "feb", "فبراير", "شباط", "فيفري", "فوریه"),
    3: ("march", "mar", "مارس", "آذار", "مارچ"),
    4: ("april", "apr", "أبريل", "إبريل", "ابريل", "نيسان", "أفريل", "آوریل", "آپریل"),
    5: ("may", "مايو", "أيار", "ماي", "مه", "مِی"),
    6: ("june", "jun", "يونيو", "يونيه", "حزيران", "جوان", "ژوئن"),
    7: ("july", "jul", "يوليو", "يوليه", "تموز", "يوليوز", "جويلية", "ژوئیه", "ژوییه", "جولای"),
    8: ("august", "aug", "أغسطس", "اغسطس", "آب", "غشت", "أوت", "اوت", "آگوست", "آگست"),
    9: ("september", "sep", "sept", "سبتمبر", "أيلول", "شتنبر", "سپتامبر"),
    10: ("october", "oct", "أكتوبر", "تشرين الأول", "اکتبر"),
    11: ("november", "nov", "نوفمبر", "تشرين الثاني", "نونبر", "نوامبر"),
    12: ("december", "dec", "ديسمبر", "كانون الأول", "دجنبر", "دسامبر"),
}

#: Solar Hijri (Iranian) month names by month number.
SOLAR_HIJRI_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("فروردین",),
    2: ("اردیبهشت",),
    3: ("خرداد",),
    4: ("تیر",),
    5: ("مرداد", "امرداد"),
    6: ("شهریور",),
    7: ("مهر",),
    8: ("آبان",),
    9: ("آذر",),
    10: ("دی",),
    11: ("بهمن",),
    12: ("اسفند",),
}

#: Plausible years for a news article, per calendar; anything else is not a publication date.
YEAR_RANGE = {GREGORIAN: (1900, 2100), SOLAR_HIJRI: (1300, 1430)}


@cache
def _month_lexicon() -> dict[str, tuple[str, int]]:
    """Normalised month name -> (calendar, month)."""
    out: dict[str, tuple[str, int]] = {}
    for calendar, table in ((GREGORIAN, GREGORIAN_MONTHS), (SOLAR_HIJRI, SOLAR_HIJRI_MONTHS)):
        for month, names in table.items():
            for name in names:
                key = " ".join(normalise(name).split())
                if out.setdefault(key, (calendar, month)) != (calendar, month):
                    raise ValueError(f"month name {name!r} is ambiguous")
    return out


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    names = sorted(_month_lexicon(), key=len, reverse=True)
    name = "(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names) + ")"
    # One month, or a combined form naming the same month twice: "أغسطس/آب", "آب (أغسطس)".
    month = rf"(?<!\w)(?P<month>{name}(?:\s*[/(\-–]\s*{name}\s*\)?)?)(?!\w)"
    day = r"(?<!\d)(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d)"
    year = r"(?<![\d.:])(?P<year>\d{4})(?!\d)"
    # 12 August 2024, 12 Aug. 2024, 12th of August, 2024, ١٢ أغسطس/آب ٢٠٢٤, ۲۲ مرداد ۱۴۰۳
    day_month_year = re.compile(rf"{day}[\s,.]*(?:of\s+)?{month}[\s,.\-]*(?:(?:ماه|سال|عام)\s+)*{year}")
    # August 12, 2024; Aug 12 2024
    month_day_year = re.compile(rf"{month}[\s.]*{day}[\s,]+{year}")
    # 2024-08-12, 2024/08/12, 2024.08.12, 1403/05/22, with anything (a time) after it
    numeric = re.compile(r"(?<![\d/.\-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d/])")
    return day_month_year, month_day_year, numeric


_MONTH_SPLIT = re.compile(r"\s*[/(\-–)]\s*")


def parse_date(value: str | None) -> datetime.date | None:
    """Return the one calendar date written in ``value``, or ``None`` when there is not exactly one.

    Accepts ISO and slashed numeric dates (Gregorian or Solar Hijri by year), RFC 2822 (feeds),
    day-month-year and month-day-year with English, Arabic or Persian month names, optional
    weekday and time, in ASCII, Arabic-Indic or Persian digits. Never raises.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = " ".join(normalise(value[:500]).split())
    day_month_year, month_day_year, numeric = _patterns()
    found: set[datetime.date | None] = set()
    for match in numeric.finditer(text):
        year, month, day = int(match.group(1)), int(match.group(3)), int(match.group(4))
        calendar = SOLAR_HIJRI if year < 1500 else GREGORIAN
        found.add(_make_date(calendar, year, month, day))
    for pattern in (day_month_year, month_day_year):
        for match in pattern.finditer(text):
            found.add(_named_month_date(match))
    if len(found) != 1:
        return None
    return found.pop()


def _named_month_date(match: re.Match[str]) -> datetime.date | None:
    lexicon = _month_lexicon()
    months = {lexicon[" ".join(part.split())] for part in _MONTH_SPLIT.split(match.group("month")) if part}
    if len(months) != 1:
        return None  # "أغسطس/أيلول" names two different months
    calendar, month = months.pop()
    return _make_date(calendar, int(match.group("year")), month, int(match.group("day")))


def _make_date(calendar: str, year: int, month: int, day: int) -> datetime.date | None:
    low, high = YEAR_RANGE[calendar]
    if not low <= year <= high:
        return None
    try:
        if calendar == SOLAR_HIJRI:
            return jdatetime.date(year, month, day).togregorian()
        return datetime.date(year, month, day)
    except (ValueError, OverflowError):
        return None
