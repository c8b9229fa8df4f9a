"""Normalisation, language id, passages and sentences on real Arabic, Persian, English."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from techdiplomacy.text import language, passages
from techdiplomacy.text import normalisation as T


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("الإيرانيّة", "الايرانيه"),  # alef with hamza, shadda, ta marbuta
        ("أرمينيا", "ارمينيا"),
        ("آذربایجان", "اذربايجان"),  # madda alef, Persian yeh
        ("وزیـــر", "وزير"),  # tatweel, Persian yeh
        ("شرکت", "شركت"),  # keheh
        ("مؤسسة", "موسسه"),
        ("على", "علي"),  # alef maksura
        ("زارع‌پور", "زارع پور"),  # ZWNJ becomes a space
        ("۱۴۰۳/۰۵/۲۲", "1403/05/22"),  # Persian digits
        ("٢٥٪", "25%"),  # Arabic-Indic digits and percent sign
        ("۱٫۵", "1.5"),  # Arabic decimal separator
        ("١٬٥٠٠", "1,500"),  # Arabic thousands separator
        ("ﻻ", "لا"),  # presentation-form ligature
        ("Iran's ICT Minister", "iran's ict minister"),
        ("\u200fطهران\u200e", "طهران"),  # bidi marks
        ("خانه‌ی", "خانه ي"),
    ],
)
def test_normalise(raw, expected):
    assert T.normalise(raw) == expected


@pytest.mark.parametrize("step", T.NORMALISERS)
def test_each_step_is_str_to_str(step):
    assert isinstance(step("الإيرانيّة ۱۲"), str)


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("أكد وزير الاتصالات وتكنولوجيا المعلومات الإيراني خلال لقائه مع سفير أرمينيا في طهران على التعاون", "ar"),
        ("وزیر ارتباطات و فناوری اطلاعات در دیدار با سفیر ارمنستان گفت که این همکاری مهم است", "fa"),
        ("Iran's ICT minister met the Armenian ambassador in Tehran on Monday.", "en"),
        # Arabic typed on a Persian keyboard (ی, ک) by an Iranian outlet is still Arabic.
        ("وقعت إیران وأرمینیا عقدًا یقوم على أساسه مقاولین إیرانیین ببناء طریق فی أرمینیا", "ar"),
        ("", "und"),
        ("12345 !!!", "und"),
    ],
)
def test_detect_language(sample, expected):
    assert language.detect_language(sample) == expected


def test_passages_blank_lines_keep_offsets():
    text = "العنوان\n\nالفقرة الأولى.\nتكملة.\n\n  الفقرة الثانية  "
    spans = passages.passages(text)
    assert [s.text for s in spans] == ["العنوان", "الفقرة الأولى.\nتكملة.", "الفقرة الثانية"]
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_passages_one_per_line_without_blank_lines():
    text = "Title\nFirst paragraph.\nSecond paragraph."
    assert [s.text for s in passages.passages(text)] == ["Title", "First paragraph.", "Second paragraph."]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("قال د. هاشمي إن النمو بلغ 1.5 بالمئة. وأضاف: نعم؟ نعم!", ["قال د. هاشمي إن النمو بلغ 1.5 بالمئة.", "وأضاف: نعم؟", "نعم!"]),
        ("وزیر گفت: «همکاری ادامه دارد». سفیر پاسخ داد؛ بله.", ["وزیر گفت: «همکاری ادامه دارد».", "سفیر پاسخ داد؛", "بله."]),
        ("Dr. Hashemi met the U.S. envoy. Talks went well!", ["Dr. Hashemi met the U.S. envoy.", "Talks went well!"]),
    ],
)
def test_sentences(raw, expected):
    assert [s.text for s in passages.sentences(raw)] == expected


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_normalise_is_idempotent(raw):
    once = T.normalise(raw)
    assert T.normalise(once) == once


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("اأإآةىيیکكـًٌٍَُِّْ \u200c\u200fﻻﷲ۱٢٫abcA.\n")) | st.characters()))
def test_offsets_map_back_into_the_original(raw):
    norm, offsets = T.normalise_with_offsets(raw)
    if offsets is None:
        assert len(norm) == len(raw)
        return
    assert len(offsets) == len(norm) + 1
    assert offsets == sorted(offsets)
    assert all(0 <= o <= len(raw) for o in offsets)
    for i, ch in enumerate(norm):
        assert T.normalise(raw[offsets[i]]) != "" or ch == " "


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_sentences_and_passages_stay_in_range(raw):
    for span in passages.sentence_index(raw) + passages.passages(raw):
        assert 0 <= span.start < span.end <= len(raw)
        assert raw[span.start : span.end] == span.text
    assert language.detect_language(raw) in {"ar", "fa", "en", "und"}
