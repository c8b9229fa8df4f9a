import datetime

import jdatetime
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from techdiplomacy.readers.dates import GREGORIAN_MONTHS, SOLAR_HIJRI_MONTHS, parse_date

D = datetime.date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # ISO and numeric Gregorian
        ("2024-08-12", D(2024, 8, 12)),
        ("2024-08-12T10:00:00Z", D(2024, 8, 12)),
        ("2024-08-12T23:30:00-05:00", D(2024, 8, 12)),  # the date as written, not UTC
        ("2024-08-12 10:00:00", D(2024, 8, 12)),
        ("2024/08/12", D(2024, 8, 12)),
        ("2024.8.2", D(2024, 8, 2)),
        ("  2024-08-12\n", D(2024, 8, 12)),
        # RFC 2822 (feeds)
        ("Mon, 12 Aug 2024 10:00:00 +0000", D(2024, 8, 12)),
        ("Tue, 05 Mar 2024 08:15:00 GMT", D(2024, 3, 5)),
        # English month names
        ("12 August 2024", D(2024, 8, 12)),
        ("August 12, 2024", D(2024, 8, 12)),
        ("12 Aug 2024", D(2024, 8, 12)),
        ("Aug. 12, 2024", D(2024, 8, 12)),
        ("12th of August, 2024", D(2024, 8, 12)),
        ("Monday, 1 September 2025 - 14:05", D(2025, 9, 1)),
        ("SEPT 3 2024", D(2024, 9, 3)),
        # Arabic, Egyptian/Gulf month names
        ("12 أغسطس 2024", D(2024, 8, 12)),
        ("12 اغسطس 2024", D(2024, 8, 12)),
        ("3 أبريل 2024", D(2024, 4, 3)),
        ("3 ابريل 2024", D(2024, 4, 3)),
        ("15 يونيه 2023", D(2023, 6, 15)),
        ("15 يوليه 2023", D(2023, 7, 15)),
        ("1 يناير 2025", D(2025, 1, 1)),
        ("31 ديسمبر 2024", D(2024, 12, 31)),
        # Levantine/Iraqi month names
        ("12 آب 2024", D(2024, 8, 12)),
        ("20 شباط 2024", D(2024, 2, 20)),
        ("1 آذار 2024", D(2024, 3, 1)),
        ("9 نيسان 2024", D(2024, 4, 9)),
        ("7 أيار 2024", D(2024, 5, 7)),
        ("12 تشرين الأول 2024", D(2024, 10, 12)),
        ("12 تشرين الثاني 2024", D(2024, 11, 12)),
        ("3 كانون الثاني 2024", D(2024, 1, 3)),
        ("25 كانون الأول 2024", D(2024, 12, 25)),
        # combined forms, Arabic-Indic digits, weekday
        ("12 أغسطس/آب 2024", D(2024, 8, 12)),
        ("12 آب (أغسطس) 2024", D(2024, 8, 12)),
        ("١٢ أغسطس ٢٠٢٤", D(2024, 8, 12)),
        ("الاثنين 12 أغسطس 2024", D(2024, 8, 12)),
        ("الاثنين ١٢ أغسطس/آب ٢٠٢٤م - ١٠:٣٠", D(2024, 8, 12)),
        # Solar Hijri
        ("۱۴۰۳/۰۵/۲۲", D(2024, 8, 12)),
        ("1403/05/22", D(2024, 8, 12)),
        ("1403-05-22", D(2024, 8, 12)),
        ("۲۲ مرداد ۱۴۰۳", D(2024, 8, 12)),
        ("دوشنبه ۲۲ مرداد ۱۴۰۳", D(2024, 8, 12)),
        ("۲۲ مرداد ماه ۱۴۰۳", D(2024, 8, 12)),
        ("۱ فروردین ۱۴۰۳", D(2024, 3, 20)),
        ("۳۰ اسفند ۱۴۰۲", None),  # 1402 is a common year: Esfand has 29 days
        ("۳۰ اسفند ۱۴۰۳", D(2025, 3, 20)),  # 1403 is leap
        ("1404/12/30", None),
        ("۳۰ اسفند ۱۳۹۹", D(2021, 3, 20)),  # 1399 is leap
        ("۱۰ دی ۱۴۰۲", D(2023, 12, 31)),
        ("۵ آذر ۱۴۰۲", D(2023, 11, 26)),
        # Persian spellings of Gregorian months
        ("۱۲ اوت ۲۰۲۴", D(2024, 8, 12)),
        ("۱۲ آگوست ۲۰۲۴", D(2024, 8, 12)),
        ("۵ ژانویه ۲۰۲۵", D(2025, 1, 5)),
        ("۱۸ فوریه ۲۰۲۴", D(2024, 2, 18)),
        ("۱ آوریل ۲۰۲۴", D(2024, 4, 1)),
        ("۹ مه ۲۰۲۴", D(2024, 5, 9)),
        ("۳ ژوئن ۲۰۲۴", D(2024, 6, 3)),
        ("۳ ژوئیه ۲۰۲۴", D(2024, 7, 3)),
        ("۲۰ سپتامبر ۲۰۲۴", D(2024, 9, 20)),
        ("۲۰ اکتبر ۲۰۲۴", D(2024, 10, 20)),
        ("۲۰ نوامبر ۲۰۲۴", D(2024, 11, 20)),
        ("۲۰ دسامبر ۲۰۲۴", D(2024, 12, 20)),
        # invalid or unknown: None, never invented
        ("2024-02-30", None),
        ("2023-02-29", None),
        ("2024-13-01", None),
        ("2024-00-10", None),
        ("32 August 2024", None),
        ("August 2024", None),  # no day
        ("12 August", None),  # no year
        ("12/08/2024", None),  # day-first or month-first: ambiguous
        ("۲۲ مرداد ۲۰۲۴", None),  # Solar month with a Gregorian year
        ("12 أغسطس 1403", None),  # Gregorian month with a Solar year
        ("12 أغسطس/أيلول 2024", None),  # two different months
        ("2024-08-12 and 2024-08-13", None),  # two dates
        ("3 hours ago", None),
        ("yesterday", None),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_same_date_written_twice_is_one_date():
    assert parse_date("12 August 2024 (2024-08-12)") == D(2024, 8, 12)


def test_every_month_name_parses_to_its_month():
    for month, names in GREGORIAN_MONTHS.items():
        for name in names:
            assert parse_date(f"3 {name} 2024") == D(2024, month, 3), name
    for month, names in SOLAR_HIJRI_MONTHS.items():
        for name in names:
            assert parse_date(f"3 {name} 1403") == jdatetime.date(1403, month, 3).togregorian(), name


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_parse_date_never_raises(value):
    result = parse_date(value)
    assert result is None or isinstance(result, datetime.date)


@given(st.dates(min_value=D(1925, 1, 1), max_value=D(2050, 12, 31)))
@settings(max_examples=200, deadline=None)
def test_iso_and_solar_round_trip(day):
    assert parse_date(day.isoformat()) == day
    assert parse_date(day.strftime("%d %B %Y")) == day
    solar = jdatetime.date.fromgregorian(date=day)
    assert parse_date(f"{solar.year}/{solar.month:02d}/{solar.day:02d}") == day


_TOKENS = st.sampled_from(
    [*(n for names in GREGORIAN_MONTHS.values() for n in names), *(n for names in SOLAR_HIJRI_MONTHS.values() for n in names),
     "12", "۲۲", "١٢", "31", "0", "2024", "۱۴۰۳", "1403", "١٤٤٦", "9999", "/", "-", ",", "(", ")", "T10:00", "الاثنين", "ماه", "of"]
)  # fmt: skip


@given(st.lists(_TOKENS, max_size=8).map(" ".join))
@settings(max_examples=500, deadline=None)
def test_date_like_token_soup_gives_a_plausible_date_or_none(value):
    result = parse_date(value)
    assert result is None or D(1900, 1, 1) <= result <= D(2100, 12, 31)
