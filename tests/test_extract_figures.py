"""Figures: the shipped sample, golden files in three languages, negatives and invariants."""

from pathlib import Path

import pytest
from golden_cases import golden_cases
from hypothesis import given, settings
from hypothesis import strategies as st

from techdiplomacy import schema
from techdiplomacy.extract import figures
from techdiplomacy.readers.corpus import read_file
from techdiplomacy.text.document import Document

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "articles" / "al-vefagh-224281-iran-armenia-ict.md"


def _cases():
    return golden_cases("figures")


def test_sample_exactly_one_figure():
    (article,) = read_file(SAMPLE)
    doc = Document(article.text, article_id=article.article_id, language=article.language)
    rows = figures.extract(doc)
    assert [(r["value"], r["unit"], r["country"], r["sector"]) for r in rows] == [(25.0, "percent", "IRN", "startups")]
    (row,) = rows
    assert row["measure"] == "الشركات الناشئة في إيران تعمل في مجال تكنولوجيا المعلومات والاتصالات"
    assert row["surface"] == "25 بالمئة" == doc.text[row["start"]:row["end"]]
    assert row["surface"] in row["sentence"]
    frame = schema.conform("figures", rows)
    assert list(frame.columns) == schema.columns("figures")


@pytest.mark.parametrize("case", list(_cases()))
def test_golden(case):
    doc = Document(case["text"], language=case["language"])
    rows = figures.extract(doc)
    got = sorted((r["value"], r["unit"]) for r in rows)
    want = sorted((float(f["value"]), f["unit"]) for f in case["figures"])
    assert got == want
    for row in rows:
        assert doc.text[row["start"]:row["end"]] == row["surface"]


@pytest.mark.parametrize(
    "text, language, value, unit, measure",
    [
        ("وأضاف أن نحو 25 بالمئة من الشركات الناشئة في إيران تعمل في مجال الاتصالات.", "ar", 25, "percent",
         "الشركات الناشئة في إيران تعمل في مجال الاتصالات"),
        ("وشاركت 150 شركة إيرانية في المعرض.", "ar", 150, "count", "شركة إيرانية"),
        ("بلغ حجم التبادل التجاري بين البلدين 2.5 مليار دولار.", "ar", 2.5e9, "USD", "حجم التبادل التجاري بين البلدين"),
        ("۲۵ درصد از شرکت‌های دانش‌بنیان در حوزه فناوری اطلاعات فعالند.", "fa", 25, "percent",
         "شرکت‌های دانش‌بنیان در حوزه فناوری اطلاعات فعالند"),
        ("۳۰۰ شرکت دانش‌بنیان ایرانی آماده حضور هستند.", "fa", 300, "count", "شرکت دانش‌بنیان ایرانی"),
        ("More than 100 Iranian companies attended.", "en", 100, "count", "Iranian companies"),
        ("Trade between the two countries reached $11 billion in 2024.", "en", 11e9, "USD",
         "Trade between the two countries"),
        ("Abadi said the countries would invest $11 billion in digital infrastructure.", "en", 11e9, "USD",
         "digital infrastructure"),
    ],
)
def test_measure(text, language, value, unit, measure):
    (row,) = figures.extract(Document(text, language=language))
    assert (row["value"], row["unit"], row["measure"]) == (value, unit, measure)


@pytest.mark.parametrize(
    "text, language",
    [
        ("عقد الاجتماع عام 2024 في طهران.", "ar"),
        ("در سال ۱۴۰۳ این طرح اجرا شد.", "fa"),
        ("The forum was held on 12 May 2025.", "en"),
        ("أطلقت الشركة خدمات 5G و4G في طهران.", "ar"),
        ("استمر المعرض ثلاثة أيام.", "ar"),
        ("بیش از ۲۰ سال از روابط دو کشور می‌گذرد.", "fa"),
        ("The two countries marked 20 years of relations.", "en"),
        ("Call +98 21 8888 8888 or 0912 123 4567.", "en"),
        ("تلفن: ۰۲۱-۸۸۸۸۸۸۸۸", "fa"),
        ("The meeting starts at 10:30.", "en"),
        ("Under Article 12 of resolution 2231 the parties agreed.", "en"),
        ("The 45-year-old minister opened the 3rd session.", "en"),
        ("وقع البلدان على الاتفاقية الأولى.", "ar"),
        ("دو کشور بر همکاری تاکید کردند.", "fa"),
        ("The two sides discussed transit.", "en"),
        ("الدورة الـ12 للجنة المشتركة", "ar"),
        ("دوازدهمین نشست کمیسیون مشترک", "fa"),
        ("See https://example.org/?p=224281 for details.", "en"),
        ("Industry 4.0 and Web3 were on the agenda, with COP28 and G20 mentioned.", "en"),
    ],
)
def test_not_figures(text, language):
    assert figures.extract(Document(text, language=language)) == []


def test_country_and_sector_come_from_the_sentence():
    text = "وأكد الوزير أهمية التعاون. وأضاف أن 40 بالمئة من مراكز البيانات في العراق تعمل بالطاقة الشمسية."
    (row,) = figures.extract(Document(text, language="ar"))
    assert (row["country"], row["sector"]) == ("IRQ", "data_centres")


_PIECES = st.sampled_from([
    "25 ", "٢٥٪ ", "۱٫۵ ", "1,500 ", "مليون ", "میلیارد ", "billion ", "دولار ", "درصد ", "percent ",
    "شركة ", "companies ", "عام ", "2024 ", "5G ", "، ", ". ", "من ", "of ", "$", "€", "خمسة وعشرين ",
    "بیست و پنج ", "twenty-five ", "10:30 ", "+98 ", "/", "-", "\u200c", "\u064e",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_no_text_crashes_and_spans_read_as_written(text):
    doc = Document(text)
    for row in figures.extract(doc):
        assert 0 <= row["start"] < row["end"] <= len(text)
        assert text[row["start"]:row["end"]] == row["surface"]
        assert isinstance(row["value"], float)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_text(text):
    doc = Document(text)
    for row in figures.extract(doc):
        assert text[row["start"]:row["end"]] == row["surface"]


def test_mentions_from_the_pipeline_give_the_same_rows():
    from techdiplomacy.extract import places, sectors

    (article,) = read_file(SAMPLE)
    doc = Document(article.text, article_id=article.article_id, language=article.language)
    mentions = places.extract(doc) + sectors.extract(doc)
    assert figures.extract(doc, mentions) == figures.extract(doc)


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("They plan a 400-km submarine cable.", 400, "km"),
        ("A 2-Gbps link opened.", 2, "Gbps"),
    ],
)
def test_hyphenated_units(text, value, unit):
    (row,) = figures.extract(Document(text, language="en"))
    assert (row["value"], row["unit"]) == (value, unit)
