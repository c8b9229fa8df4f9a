"""Page furniture and referring numerals are no figures; real counts beside them still are."""

from __future__ import annotations

import pytest

from techdiplomacy.extract import figures
from techdiplomacy.text.document import Document


def _values(text: str, language: str) -> list[float]:
    return [r["value"] for r in figures.extract(Document(text, language=language))]


@pytest.mark.parametrize(("text", "language"), [
    ("شماره خبر : 48213\nمنتشر شده در مورخ : شنبه\n\nوزیر ارتباطات از ایجاد مرکز داده خبر داد.", "fa"),
    ("20240512 1715512345 77120\nThe minister opened the data centre.", "en"),
    ("comments 0\n\n7 Views\n\nThe two ministers met in Tehran.", "en"),
    ("A+ ↺ − 18 px\n\nThe ministers met in Baku on Monday.", "en"),
    ("٣\nقال وزير الاتصالات إن التعاون مستمر.", "ar"),
    ("The ministers said the location of the four countries is important for transit.", "en"),
    ("وزیر گفت که دو کشور بر توسعه روابط تاکید دارند.", "fa"),
    ("ایران آماده است در همکاری‌های علمی دو جانبه مشارکت کند.", "fa"),
    ("وأكد الوزيران أن البلدين سيوقعان اتفاقا.", "ar"),
])
def test_furniture_and_referring_numerals_are_no_figures(text, language):
    assert _values(text, language) == []


@pytest.mark.parametrize(("text", "language", "value"), [
    ("The two countries will build 4 data centres by 2026, the minister said.", "en", 4),
    ("وزیر ارتباطات گفت ۲۵ درصد از استارتاپ‌های ایران در حوزه فناوری اطلاعات فعال هستند.", "fa", 25),
    ("وقال الوزير إن خمسة مراكز بيانات ستبنى في العراق.", "ar", 5),
])
def test_counts_in_sentences_stay(text, language, value):
    assert value in _values(text, language)


def test_the_dari_spelling_of_dollar_is_usd():
    rows = figures.extract(Document("این ماهواره با هزینه ۳۵ میلیون دالر ساخته شده است.", language="fa"))
    assert [(r["value"], r["unit"]) for r in rows] == [(35_000_000.0, "USD")]


@pytest.mark.parametrize(("text", "language"), [
    # a date by the Afghan solar months
    ("کابل - باختر - ۲۳ جوزا\nوزیر مخابرات با سفیر ترکمنستان دیدار کرد.", "fa"),
    # a number glued to a name by a dash: an event, a model, a disease
    ("وزیر ارتباطات برای شرکت در کنفرانس WTDC‑۲۵ عازم باکو شد.", "fa"),
    ("The minister arrived in Baku for the COP-29 summit and spoke about Covid-19 recovery.", "en"),
    # a vague quantity, a compound adjective, parties named as a number
    ("The rocket carried several dozen smaller satellites into orbit.", "en"),
    ("The remarks came at a four way ministerial meeting in Baku.", "en"),
    ("Ties between Iran and Syria as two strong regional states are growing.", "en"),
    # «عقود» as decades
    ("تمتد العلاقات بين البلدين منذ ثلاثة عقود من التعاون.", "ar"),
])
def test_dates_names_and_vague_quantities_are_no_figures(text, language):
    assert _values(text, language) == []


@pytest.mark.parametrize(("text", "language", "value"), [
    ("وأعلن الوزير عن توقيع 8 عقود استثمار صينية في إيران.", "ar", 8),  # «عقود» as contracts
    ("The two countries will open 3 new technology parks next year.", "en", 3),
    ("وزیر گفت ۱۶ شرکت دانش‌بنیان در نمایشگاه حضور دارند.", "fa", 16),
])
def test_counts_beside_those_shapes_stay(text, language, value):
    assert value in _values(text, language)
