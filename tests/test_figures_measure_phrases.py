"""What an Arabic figure measures when the press points back to it («قدرها», «بقيمة»), names
it after «على», converts it in brackets, or attaches phrases of place and time to it."""

from __future__ import annotations

import pytest

from techdiplomacy.extract import figures
from techdiplomacy.text.document import Document


def _measures(text: str) -> list[tuple[float, str, str]]:
    return [(r["value"], r["unit"], r["measure"]) for r in figures.extract(Document(text, language="ar"))]


@pytest.mark.parametrize(("text", "value", "measure"), [
    # the noun phrase before an anchor word, not the clause around it
    ("وسيدفع المصرف والشركة معا غرامة قدرها 30 مليون دولار.", 30e6, "غرامة"),
    ("ويتضمن القرار رسم خدمة قدره 300 جنيه على كل طلب.", 300, "رسم خدمة"),
    ("قضت المحكمة بتعويض قدره 2.5 مليون دولار للمتضرر.", 2.5e6, "تعويض"),
    ("وتتصدر البرازيل قائمة الدول باحتياطي نحاس قدره 4500 طن.", 4500, "احتياطي نحاس"),
    ("ويأتي القرض امتدادا لجولة من التمويل بقيمة 120 مليون دولار.", 120e6, "جولة من التمويل"),
])
def test_the_phrase_an_anchor_points_back_to(text, value, measure):
    assert (value, measure) in [(v, m) for v, _, m in _measures(text)], _measures(text)


@pytest.mark.parametrize(("text", "value", "measure"), [
    # the phrase after «من» ends before the place or time attached to it
    ("وقدرت الشركة أن 6 في المئة من الحسابات النشطة على المنصة خلال العام كانت وهمية.", 6,
     "الحسابات النشطة"),
    ("وبلغت الصادرات 2.1 مليار دولار من القمح والشعير إلى الدول المجاورة عام 2019.", 2.1e9, "القمح والشعير"),
    # an adverb between the unit and «من»
    ("وقال إن 15 في المئة فقط من الحافلات ستعمل يوم الأحد.", 15, "الحافلات ستعمل"),
    # the goods after «على» when nothing before the number says it
    ("وفرضت الحكومة رسوما على المعادن، وصلت إلى 25% على واردات النحاس.", 25, "واردات النحاس"),
])
def test_the_noun_phrase_without_what_is_attached_to_it(text, value, measure):
    assert (value, measure) in [(v, m) for v, _, m in _measures(text)], _measures(text)


def test_a_figure_in_brackets_converts_the_one_before():
    rows = _measures("وباعت الشركة حصتها في وحدة التكرير مقابل أرباح قدرها 3 مليارات درهم (816 مليون دولار).")
    by_unit = {u: m for _, u, m in rows}
    assert by_unit["AED"] == "أرباح" and by_unit["USD"] == "أرباح", rows


def test_at_least_is_no_measure():
    rows = _measures("وارتفعت المبيعات 20% على الأقل.")
    assert all("الأقل" not in m for _, _, m in rows), rows


@pytest.mark.parametrize("text", [
    "ورجحت دراسة وجود 10 آلاف إلى 20 ألف نجم نيوتروني في المجرة.",
    "وفرضت غرامة تتراوح بين 500 دينار إلى 1000 دينار على كل مخالف.",
])
def test_both_ends_of_a_range_measure_the_same_thing(text):
    rows = _measures(text)
    assert len(rows) == 2 and rows[0][2] and rows[0][2] == rows[1][2], rows


def test_others_count_what_the_word_before_the_number_names():
    rows = _measures("وأسفر القصف عن مقتل شخصين وإصابة 12 آخرين في المدينة.")
    assert (12, "count", "إصابة") in rows, rows


@pytest.mark.parametrize("text", [
    "وتوفر النسخة الجديدة مساحة يبلغ حجمها 3 غيغابايت.",
    "وفرضت رسوما بنسبة 20% بدلا من 10% في العام الماضي.",
])
def test_a_word_that_only_says_a_number_is_measured_is_no_measure(text):
    rows = _measures(text)
    assert rows and all(m not in ("حجمها", "بدلا") for _, _, m in rows), rows


def test_the_phrase_a_comma_sets_an_amount_beside():
    assert (2.1e8, "EUR", "خسائر صافية") in _measures("وسجلت شركة الطيران خسائر صافية، بنحو 210 مليون يورو، في الربع الأول.")
    # not another amount before the comma
    rows = _measures("وبلغ السعر 300 جنيه استرليني، حوالي 400 دولار، قبل إزالة الإعلان.")
    assert all("استرليني" not in m for _, _, m in rows), rows


def test_the_object_of_a_verb_of_amount_after_its_subject():
    # VSO: "سجلت الشركة أرباحا" measures the profits, not the company
    rows = _measures("وسجلت الشركة الوطنية أرباحا صافية بلغت 120 مليون دولار.")
    assert rows and rows[0][2] in ("أرباحا صافية",), rows


@pytest.mark.parametrize("text", [
    'وقدمت برنامج "100% سينما" على القناة لسنوات.',
    'ويتصدر الجهاز قائمة "أفضل 500 حاسوب" في العالم.',
    "وتقول حملة «النضال من أجل 15 دولارا» إنها ستواصل.",
])
def test_a_number_in_a_short_quoted_name_is_no_figure(text):
    assert _measures(text) == []


def test_a_quoted_sentence_keeps_its_figures():
    rows = _measures('وقال الوزير: "ارتفعت الصادرات بنسبة 12 في المئة هذا العام، وهو رقم قياسي".')
    assert [v for v, _, _ in rows] == [12], rows
