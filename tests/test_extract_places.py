"""Country and place mentions: the sample article, hard cases, golden files, any text."""

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from techdiplomacy import schema
from techdiplomacy.extract import places, sectors
from techdiplomacy.text.document import Document

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
SAMPLE = ROOT / "data" / "articles" / "al-vefagh-224281-iran-armenia-ict.md"


def mentions(text: str, language: str) -> list[tuple[str, str, str]]:
    doc = Document(text, language=language)
    rows = sorted(places.extract(doc) + sectors.extract(doc), key=lambda r: (r["start"], r["end"], r["kind"]))
    return [(r["kind"], r["key"], r["surface"]) for r in rows]


def test_sample_article():
    text = SAMPLE.read_text(encoding="utf-8")
    doc = Document(text, article_id="al-vefagh-224281")
    rows = places.extract(doc)
    assert {r["key"] for r in rows if r["kind"] == "country"} == {"IRN", "ARM"}
    assert {(r["surface"], r["country"]) for r in rows if r["kind"] == "place"} == {("طهران", "IRN"), ("دبي", "ARE")}
    for row in rows:
        assert text[row["start"] : row["end"]] == row["surface"]
        assert row["surface"] in row["sentence"]
        assert row["article_id"] == "al-vefagh-224281"
    frame = schema.conform("mentions", rows)
    assert list(frame.columns) == schema.columns("mentions")


def test_rows_have_exactly_the_mention_columns():
    doc = Document("Iranian officials visited Baku.", language="en")
    rows = places.extract(doc)
    assert [r["kind"] for r in rows] == ["country", "place"]
    for row in rows:
        assert list(row) == schema.columns("mentions")
    assert rows[0]["label"] == "Iran" and rows[0]["country"] == "IRN"
    assert rows[1]["label"] == "Baku" and rows[1]["country"] == "AZE"
    assert places.countries_in(doc) == rows[:1]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # عمان: Amman in a Jordanian dateline or written with shadda, Oman otherwise
        ("عمان - بترا - وصل الوفد.", "ar", [("place", "amman", "عمان")]),
        ("زار الوزير عمّان أمس.", "ar", [("place", "amman", "عمّان")]),
        ("زار الوزير عمان أمس.", "ar", [("country", "OMN", "عمان")]),
        ("زار الوزير عُمان أمس.", "ar", [("country", "OMN", "عُمان")]),
        ("سفر وزیر به عمان", "fa", [("country", "OMN", "عمان")]),
        ("في خليج عمان", "ar", []),
        # آذربایجان: Iran's provinces vs the Republic
        ("استان آذربایجان شرقی", "fa", [("place", "east_azarbaijan", "استان آذربایجان شرقی")]),
        ("استان‌های آذربایجان", "fa", [("place", "azarbaijan_region", "استان‌های آذربایجان")]),
        ("مردم آذربایجان", "fa", [("place", "azarbaijan_region", "آذربایجان")]),
        ("سفیر آذربایجان در تهران", "fa", [("country", "AZE", "آذربایجان"), ("place", "tehran", "تهران")]),
        ("أذربيجان الشرقية", "ar", [("place", "east_azarbaijan", "أذربيجان الشرقية")]),
        # جورجيا / Georgia
        ("سفير جورجيا", "ar", [("country", "GEO", "جورجيا")]),
        ("ولاية جورجيا", "ar", []),
        ("in Atlanta, Georgia", "en", []),
        ("the state of Georgia", "en", []),
        # Jordan / Chad as names
        ("Michael Jordan said", "en", []),
        ("Iran and Jordan", "en", [("country", "IRN", "Iran"), ("country", "JOR", "Jordan")]),
        ("Lake Chad", "en", []),
        # regions, blocs, historical states are not countries
        ("البحر الأسود والخليج الفارسي والشرق الأوسط", "ar", []),
        ("the Soviet Union and the Caucasus", "en", []),
        ("الدول العربية", "ar", []),
        ("Latin America", "en", []),
        ("آمریکای لاتین", "fa", []),
        # names inside event and company names
        ("BakuTel 2024", "en", []),
        ("FIRA Barcelona", "en", []),
        ("بطولة فرنسا المفتوحة", "ar", []),
        # ambiguous words that are usually not places
        ("الدعم المالي", "ar", []),
        ("دولة مالي", "ar", [("country", "MLI", "مالي")]),
        ("روز دوشنبه", "fa", []),
        ("کابل فیبر نوری", "fa", []),
        ("في المشهد السياسي", "ar", []),
        ("في مسقط رأسه", "ar", []),
        # demonyms with clitics
        ("والإيرانيين", "ar", [("country", "IRN", "إيرانيين")]),
        ("الأرمني", "ar", [("country", "ARM", "الأرمني")]),  # الأرمن + nisba: the longer reading
        ("ارمنی‌ها", "fa", [("country", "ARM", "ارمنی")]),
        ("the Zionist regime", "en", [("country", "ISR", "the Zionist regime")]),
        ("الكيان الصهيوني", "ar", [("country", "ISR", "الكيان الصهيوني")]),
        ("رژیم صهیونیستی", "fa", [("country", "ISR", "رژیم صهیونیستی")]),
        ("US and UAE, not us", "en", [("country", "USA", "US"), ("country", "ARE", "UAE")]),
    ],
)
def test_hard_cases(text, language, expected):
    doc = Document(text, language=language)
    assert [(r["kind"], r["key"], r["surface"]) for r in places.extract(doc)] == expected


@pytest.mark.parametrize("language", ["ar", "fa", "en"])
def test_golden(language):
    """Golden sentences: regenerate on purpose with TECHDIPLOMACY_REGEN_GOLDEN=1, review the diff."""
    path = GOLDEN / f"mentions_{language}.jsonl"
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(cases) >= 30
    actual = [{"text": c["text"], "mentions": [list(m) for m in mentions(c["text"], language)]} for c in cases]
    if os.environ.get("TECHDIPLOMACY_REGEN_GOLDEN"):
        path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in actual), encoding="utf-8")
    for case, got in zip(cases, actual):
        assert got["mentions"] == case["mentions"], case["text"]


PIECES = list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي ءأإآةىئؤ ًٌٍَُِّْـ پچژگکی\u200c\u200d،.؟!-\n ") + list("IranUSAGeorgia jordan.,-") + [
    "ایران", "عمان", "أرمينيا", "العراق", "الإيرانية", "تهران", "US", "آذربایجان", "الأمن السيبراني", "ﻻ", "ﷲ",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.sampled_from(["ar", "fa", "en", ""]))
def test_no_text_crashes_and_spans_read_as_written(text, language):
    doc = Document(text, language=language)
    for row in places.extract(doc) + sectors.extract(doc):
        assert 0 <= row["start"] <= row["end"] <= len(text)
        assert text[row["start"] : row["end"]] == row["surface"]
        assert row["surface"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_text(text):
    doc = Document(text)
    for row in places.extract(doc) + sectors.extract(doc):
        assert text[row["start"] : row["end"]] == row["surface"]


def test_a_place_inside_a_name_is_no_mention_and_without_any_name_word_nothing_is_looked_up():
    from techdiplomacy.extract import keywords

    inside = Document("فاز فريق جامعة طهران على نادي عمان، وقال مسؤول في بنك فرنسا المركزي إن إيران تدعم الفريق.", language="ar")
    assert keywords.hits(inside, "name_heads", places.name_head_patterns)
    assert [r["key"] for r in places.extract(inside)] == ["IRN"]
    plain = Document("زار وزير الاتصالات الإيراني أرمينيا وبحث مع نظيره الأرمني التعاون.", language="ar")
    assert not keywords.hits(plain, "name_heads", places.name_head_patterns)
    assert [r["key"] for r in places.extract(plain)] == ["IRN", "ARM", "ARM"]
    english = Document("The Bank of England and the Iran Open were mentioned in Tehran.", language="en")
    assert keywords.hits(english, "name_heads", places.name_head_patterns)
    assert [r["key"] for r in places.extract(english)] == ["tehran"]
