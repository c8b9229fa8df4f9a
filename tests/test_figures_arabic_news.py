"""Figures as Arabic news writes them: measures that are noun phrases (never a verb, a
relative clause, another number or a date), units as written, values as written (decimal
commas, compounds), and the numbers that are no figure (ratios, fractions, resolutions,
product names, match minutes, durations)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from techdiplomacy.extract import figures
from techdiplomacy.extract.units import arabic_verbs, verb_forms, word_sets
from techdiplomacy.text.document import Document
from techdiplomacy.text.normalisation import normalise


def _rows(text: str) -> list[tuple]:
    return [(r["value"], r["unit"], r["measure"]) for r in figures.extract(Document(text, language="ar"))]


@pytest.mark.parametrize(("text", "measure"), [
    # verb of amount, then its subject, then the number (VSO)
    ("بلغ حجم التبادل التجاري بين البلدين 5 مليارات دولار العام الماضي.", "حجم التبادل التجاري بين البلدين"),
    ("وسجلت صادرات الخدمات الرقمية 300 مليون دولار.", "صادرات الخدمات الرقمية"),
    # a verb before the subject, the number after a linker of amount
    ("وارتفعت واردات الأجهزة بنسبة 12 بالمئة.", "واردات الأجهزة"),
    # a complementiser and a verb before the subject
    ("وتوقعت الوزارة أن يبلغ إجمالي الاستثمارات 40 مليار ريال سعودي.", "إجمالي الاستثمارات"),
    # the noun before a relative pronoun and its verb
    ("ويعد القمر الذي يزن 90 كيلوغراما الأكبر بين أقمار البلاد.", "القمر"),
    # a time word between the measure and the number is no part of it
    ("وتراجعت مبيعات الهواتف خلال العام 8 بالمئة.", "مبيعات الهواتف"),
    # a price: the thing priced, not the verb of the sale
    ("بيعت اللوحة بسعر 12,5 مليون دولار في مزاد بلندن.", "اللوحة"),
])
def test_the_measure_is_the_noun_phrase(text, measure):
    assert [m for _, _, m in _rows(text)] == [measure]


@pytest.mark.parametrize("text", [
    "وارتفعت الصادرات 5 بالمئة إلى 20 مليار دولار بعدما سجلت 18 مليار دولار قبل عام.",
    "وبلغت قيمة الصفقة 40 مليون يورو والتي تبلغ 25 بالمئة من رأس مال الشركة.",
    "وانخفض الإنتاج 3 ملايين طن في يناير مقارنة بـ 4 ملايين طن في ديسمبر.",
])
def test_no_measure_holds_a_verb_another_number_or_a_month(text):
    verbs, _ = arabic_verbs()
    lex = word_sets()
    for value, _, measure in _rows(text):
        words = normalise(measure).split()
        assert not any(w in verbs for w in words), (value, measure)
        assert not any(w[:1].isdigit() or w in lex["months"] or w in lex["number_words"] for w in words), (value, measure)


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("وبيعت الشركة بمبلغ 157,2 مليون دولار.", 157_200_000, "USD"),  # a decimal comma
    ("ووصل عدد المستخدمين إلى 2,2 مليار مستخدم.", 2_200_000_000, "count"),
    ("وتوفر الخطة 250 ألف و500 فرصة عمل.", 250_500, "count"),  # a compound written out
    ("وتنافس في الانتخابات 7 آلاف و367 مرشحا.", 7_367, "count"),
    ("وقالت الدراسة إن مليارا و400 مليون شخص لا يمارسون الرياضة.", 1_400_000_000, "count"),
    ("ويستطيع الحاسوب إجراء 200 كوادرليون عملية حسابية في الثانية.", 2e17, "count"),
    ("ويستهلك المحرك 3,4 لترا من الوقود.", 3.4, "other"),  # litres are no count
    ("وتبلغ سعة البطارية 4000 ملي أمبير.", 4000, "other"),
    ("وتبلغ سرعة القطار 350 كيلومترا في الساعة.", 350, "other"),  # a speed is no distance
    ("وتغطي الغابات 2 مليون كيلومتر مربع.", 2_000_000, "other"),  # an area is no distance
    ("وتبعد المدينة 150 كلم عن العاصمة.", 150, "km"),
    ("ويبلغ ثمن الجهاز 350 ريالا سعوديا.", 350, "SAR"),
    ("وبلغت قيمة المنحة مليار فرنك إفريقي.", 1e9, "XOF"),
])
def test_values_and_units_as_written(text, value, unit):
    assert (value, unit) in [(v, u) for v, u, _ in _rows(text)]


def test_a_bare_riyal_takes_the_currency_the_article_names():
    rows = _rows("واشترى جهازا بنحو 350 ريالا سعوديا ينقل القنوات مقابل اشتراك سنوي يصل لنحو 150 ريالا.")
    assert [(v, u) for v, u, _ in rows] == [(350, "SAR"), (150, "SAR")]


@pytest.mark.parametrize("text", [
    "وتبلغ دقة الشاشة 1080×2220 بيكسل.",  # a screen resolution
    "وقالت الدراسة إن منشورا واحدا من كل 20 منشورا مزيف.",  # a ratio's denominator
    "ويعيش ثلاثة أرباع السكان في المدن.",  # a fraction
    "وارتفع الإنتاج ستة أضعاف.",  # a multiple
    "وتعطلت شاشات هواتف آيفون 8 بعد التحديث.",  # a product name
    "وسجل الفريق هدفه الأول في الدقيقة 12 من المباراة.",  # a match minute
    "فبعد ثلاثة عقود أخذت القضية منحى آخر.",  # a duration (a verb after «عقود»)
    "وقال إن قرار مجلس الأمن 2254 يجب أن يطبق.",  # a resolution number
])
def test_no_figure(text):
    assert _rows(text) == []


def test_contracts_after_a_number_stay_a_count():
    assert [(v, u) for v, u, _ in _rows("ووقعت الشركتان 8 عقود استثمار جديدة.")] == [(8, "count")]


def test_two_numbers_without_a_scale_word_stay_two():
    values = [v for v, _, _ in _rows("وتراوح عدد الزوار بين 2000 و500 زائر يوميا.")]
    assert 2500 not in values


def test_verb_forms_inflect_the_third_person():
    assert {normalise(w) for w in ("بلغت", "وبلغ", "بلغوا")} <= verb_forms("بلغ", "past")
    assert {normalise(w) for w in ("تبلغ", "سيبلغ", "لتبلغ", "ويبلغون")} <= verb_forms("يبلغ", "present")
    # no first person plural: «نمو» (growth) is no form of «ينمو»
    assert normalise("نمو") not in verb_forms("ينمو", "present")


def test_the_verb_list_holds_no_common_measure_noun():
    verbs, amount = arabic_verbs()
    assert amount <= verbs
    for noun in ("نمو", "مثل", "قدم", "عرض", "طلب", "رأي", "سعي", "الصادرات", "حجم", "نسبة", "قيمة"):
        assert normalise(noun) not in verbs, noun


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(
    ["بلغ", "ارتفع", "5", "بالمئة", "مليار", "دولار", "الذي", "التي", "من", "كل", "ألف", "و500", "،", ".", "ريالا", "سعوديا", "12,5", "×", "3", "أرباع", "في", "يناير", "الشركة"]
), max_size=25))
def test_any_arabic_word_salad_reads_without_error(words):
    text = " ".join(words)
    for row in figures.extract(Document(text, language="ar")):
        assert 0 <= row["start"] <= row["end"] <= len(text)
        assert row["measure"] == " ".join(row["measure"].split())


@pytest.mark.parametrize(("text", "measure"), [
    # the subject of a verb of change, across a year in the clause
    ("وتقلص عجز الميزان التجاري خلال الأشهر الأولى من 2015 بـ1543 مليون دينار.", "عجز الميزان التجاري"),
    # nothing before the figure: what follows «في» after its unit
    ("ما يشير إلى زيادة بواقع 13 في المئة في استخدام التطبيقات.", "استخدام التطبيقات"),
])
def test_the_measure_found_around_an_empty_clause(text, measure):
    assert [m for _, _, m in _rows(text)] == [measure]


@pytest.mark.parametrize("text", [
    "وقال إن المؤشر ارتفع إلى مستوى 3117 نقطة.",
    "وسجلت الواردات بدورها تراجعا بنسبة 15 بالمئة.",
])
def test_a_word_that_only_says_measured_is_no_measure(text):
    for _, _, measure in _rows(text):
        assert measure not in ("مستوى", "بدورها", "نسبة")


def test_degrees_are_no_count():
    assert [(v, u) for v, u, _ in _rows("وبلغت درجات الحرارة 39.3 درجة مئوية في البلدة.")] == [(39.3, "other")]


def test_a_bare_riyal_in_a_sentence_naming_no_state_takes_the_article_state():
    text = ("أعلنت وزارة العمل في السعودية لائحة جديدة. وأضاف المتحدث أن المنشأة تعاقب بغرامة تصل إلى "
            "3000 ريال عن كل عامل.")
    assert [(v, u) for v, u, _ in _rows(text)] == [(3000, "SAR")]


def test_a_share_of_a_whole_is_no_count():
    assert _rows("وتصدرت الرواية المبيعات في 48 من بين 50 ولاية.") == []
