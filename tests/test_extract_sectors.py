"""Sector mentions: the sample article, names that are not fields, terms as written."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from techdiplomacy import reference, schema
from techdiplomacy.extract import sectors
from techdiplomacy.text.document import Document

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "articles" / "al-vefagh-224281-iran-armenia-ict.md"
SAMPLE_SECTORS = {
    "telecom_infrastructure", "internet_transit", "data_centres", "ict_parks", "cybersecurity",
    "e_government", "space", "artificial_intelligence", "post", "e_commerce", "startups",
    "digital_content", "education_technology",
}


def keys(text: str, language: str) -> list[tuple[str, str]]:
    return [(r["key"], r["surface"]) for r in sectors.extract(Document(text, language=language))]


def test_sample_article_has_exactly_its_sectors():
    text = SAMPLE.read_text(encoding="utf-8")
    rows = sectors.extract(Document(text, article_id="sample"))
    assert {r["key"] for r in rows} == SAMPLE_SECTORS
    for row in rows:
        assert text[row["start"] : row["end"]] == row["surface"]
        assert row["kind"] == "sector" and row["country"] == ""
        assert list(row) == schema.columns("mentions")


def test_sectors_are_the_taxonomy():
    assert set(reference.load("sectors")["sector"]) == set(sectors.SECTORS)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # a minister's title and a company's name are names, not fields
        ("وزير الاتصالات وتكنولوجيا المعلومات", "ar", []),
        ("مساعد وزير الاتصالات للشؤون الدولية", "ar", []),
        ("الرئيس التنفيذي لشركة البنية التحتية للاتصالات", "ar", []),
        ("The Telecommunication Infrastructure Company signed", "en", []),
        ("وزیر ارتباطات و فناوری اطلاعات", "fa", []),
        # ... while the same words as a field of cooperation count
        ("التعاون في مجال الاتصالات وتكنولوجيا المعلومات", "ar", [("telecom_infrastructure", "الاتصالات وتكنولوجيا المعلومات")]),
        ("البنية التحتية للاتصالات في البلدين", "ar", [("telecom_infrastructure", "البنية التحتية للاتصالات")]),
        # e-mail is not post; satellite TV is not space; a friendly atmosphere is not space
        ("عبر البريد الإلكتروني", "ar", []),
        ("از طریق پست الکترونیک", "fa", []),
        ("القنوات الفضائية", "ar", []),
        ("در فضایی دوستانه", "fa", []),
        ("The Washington Post", "en", []),
        # longest term wins; clitics and suffixes
        ("بالحكومة الإلكترونية", "ar", [("e_government", "الحكومة الإلكترونية")]),
        ("والأمن السيبراني", "ar", [("cybersecurity", "الأمن السيبراني")]),
        ("الفضاء السيبراني", "ar", [("cybersecurity", "الفضاء السيبراني")]),
        ("ماهواره‌های مخابراتی", "fa", [("space", "ماهواره‌های مخابراتی")]),
        ("شرکت‌های دانش‌بنیان", "fa", [("startups", "شرکت‌های دانش‌بنیان")]),
        ("شرکتهای دانش بنیان", "fa", [("startups", "شرکتهای دانش بنیان")]),
        ("دیتاسنترها", "fa", [("data_centres", "دیتاسنترها")]),
        ("data centers and startups", "en", [("data_centres", "data centers"), ("startups", "startups")]),
        # acronyms only in capitals
        ("AI and IoT", "en", [("artificial_intelligence", "AI"), ("emerging_tech", "IoT")]),
        ("the ai said", "en", []),
    ],
)
def test_terms(text, language, expected):
    assert keys(text, language) == expected


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("مراكز البيانات", "data_centres"), ("داتا سنتر", "data_centres"), ("مرکز داده", "data_centres"),
        ("الحكومة الذكية", "e_government"), ("دولت هوشمند", "e_government"),
        ("الصناعة الفضائية", "space"), ("الأقمار الصناعية", "space"), ("صنعت فضایی", "space"),
        ("الذكاء الاصطناعي", "artificial_intelligence"), ("هوش مصنوعی", "artificial_intelligence"),
        ("قطاع البريد", "post"), ("خدمات پستی", "post"),
        ("التجارة الإلكترونية", "e_commerce"), ("الاقتصاد الرقمي", "e_commerce"), ("اقتصاد دیجیتال", "e_commerce"),
        ("الشركات الناشئة", "startups"), ("الشركات المعرفية", "startups"), ("زیست بوم نوآوری", "startups"),
        ("المحتوى الرقمي", "digital_content"), ("محتوای دیجیتال", "digital_content"),
        ("التعليم الإلكتروني", "education_technology"), ("تدريب المتخصصين", "education_technology"),
        ("ترانزيت المرور", "internet_transit"), ("عبور حركة الإنترنت", "internet_transit"), ("ترانزیت ترافیک", "internet_transit"),
        ("حدائق تكنولوجيا المعلومات", "ict_parks"), ("مدن العلوم والتكنولوجيا", "ict_parks"), ("پارک علم و فناوری", "ict_parks"),
        ("الألياف الضوئية", "telecom_infrastructure"), ("الجيل الخامس", "telecom_infrastructure"), ("فیبر نوری", "telecom_infrastructure"),
        ("الأمن الإلكتروني", "cybersecurity"), ("امنیت سایبری", "cybersecurity"),
        ("fintech", "digital_payments"), ("semiconductors", "hardware_manufacturing"), ("blockchain", "emerging_tech"),
    ],
)
def test_terms_in_the_wild(text, sector):
    assert [k for k, _ in keys(text, "")] == [sector]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("الأمن السيبراني والحكومة الإلكترونية ‌پست بانک AI e-mail .،\n")), max_size=120).map("".join))
def test_no_text_crashes(text):
    for row in sectors.extract(Document(text)):
        assert text[row["start"] : row["end"]] == row["surface"]
