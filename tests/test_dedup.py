"""dedup: near-duplicate stories, pair by pair and across a corpus."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from techdiplomacy.schema import columns
from techdiplomacy.topics import duplicates as dedup
from techdiplomacy.topics.duplicates import DEFAULT_THRESHOLD, is_near_duplicate, near_duplicate_groups

# --- Arabic: an agency story, a republished copy, and a different story on the same topic ---
AR = """إيران وأرمينيا توقعان مذكرة تفاهم في مجال الاتصالات
وقع وزير الاتصالات وتقنية المعلومات الإيراني مذكرة تفاهم مع نظيره الأرميني في طهران يوم الاثنين لتطوير التعاون في مراكز البيانات.
وتشمل المذكرة إنشاء خط ألياف ضوئية جديد يربط البلدين عبر معبر نوردوز الحدودي بطاقة 400 غيغابت في الثانية.
وقال الوزير الإيراني إن بلاده مستعدة لنقل حركة الإنترنت من آسيا الوسطى إلى أوروبا عبر الأراضي الأرمينية.
وأضاف أن لجنة مشتركة ستجتمع كل ستة أشهر لمتابعة تنفيذ المشاريع في مجالات الأمن السيبراني والحكومة الذكية.
من جهته أكد الوزير الأرميني أن التعاون التقني مع إيران يحظى بأولوية لدى حكومة بلاده وأن الشركات الناشئة في البلدين ستستفيد من الاتفاق."""
# Republished: new headline, sentences reordered, ي→ی and ك→ک as Iranian outlets type them,
# Persian digits, harakat, a word dropped, and the outlet's boilerplate around it.
AR_COPY = """طهران ويريفان توسعان الشراكة الرقمية
تابعونا على تويتر
وقال الوزير الإیراني إن بلاده مستعدة لنقل حرکة الإنترنت من آسيا الوسطى إلى أوروبا عبر الأراضي الأرمينية.
وَقَّعَ وزير الاتصالات وتقنية المعلومات الإيراني مذكرة تفاهم مع نظيره الأرميني في طهران يوم الاثنين لتطوير التعاون في مراكز البيانات.
وتشمل المذكرة إنشاء خط ألياف ضوئية جديد يربط البلدين عبر معبر نوردوز بطاقة ۴۰۰ غيغابت في الثانية.
من جهته أكد الوزير الأرميني أن التعاون التقني مع إيران يحظى بأولوية لدى حكومة بلاده وأن الشركات الناشئة في البلدين ستستفيد من الاتفاق.
وأضاف أن لجنة مشتركة ستجتمع كل ستة أشهر لمتابعة تنفيذ المشاريع في مجالات الأمن السيبراني والحكومة الذكية.
اشترك في نشرتنا الإخبارية اليومية
جميع الحقوق محفوظة"""
AR_OTHER = """إيران وروسيا تبحثان التعاون في الأمن السيبراني
بحث وزير الاتصالات وتقنية المعلومات الإيراني مع السفير الروسي في طهران يوم الأربعاء سبل تعزيز التعاون في الأمن السيبراني.
وأشار الوزير إلى أن شركات روسية أبدت اهتماما بالمشاركة في مشاريع مراكز البيانات والحوسبة السحابية في إيران.
وقال السفير الروسي إن موسكو تدعم إقامة منصة مشتركة لتبادل الخبرات في مكافحة الهجمات الإلكترونية.
وأضاف أن وفدا من شركات التقنية الروسية سيزور طهران الشهر المقبل للمشاركة في معرض الاتصالات الدولي.
تابعونا على تويتر"""

FA = """گسترش همکاری‌های فناوری اطلاعات ایران و ارمنستان
وزیر ارتباطات و فناوری اطلاعات در دیدار با سفیر ارمنستان در تهران بر گسترش همکاری‌های دو کشور در حوزه‌های مراکز داده و امنیت سایبری تأکید کرد.
ستار هاشمی با اشاره به پیوندهای فرهنگی و تاریخی ایران و ارمنستان گفت دیپلماسی فناوری از برنامه‌های اصلی وزارتخانه در این دوره است.
وی افزود ایران آماده است ترانزیت ترافیک اینترنت را از مسیر خاک خود به سوی ارمنستان گسترش دهد و شبکه فیبر نوری دو کشور منطقه را به هم پیوند می‌دهد.
سفیر ارمنستان نیز از گسترش همکاری با ایران در حوزه فناوری اطلاعات استقبال کرد و پیشنهاد تشکیل کمیته مشترک برای پیگیری پروژه‌ها را داد.
بر اساس این گزارش، حجم مبادلات فناوری دو کشور در سال ۱۴۰۲ به ۱۲۰ میلیون دلار رسیده است."""
FA_COPY = """دیدار وزیر ارتباطات با سفیر ارمنستان
به گزارش خبرگزاری ما،
وزير ارتباطات و فناوری اطلاعات در ديدار با سفير ارمنستان در تهران بر گسترش همكاری‌های دو كشور در حوزه‌های مراكز داده و امنيت سايبری تأكيد كرد.
وی افزود ایران آماده است ترانزیت ترافیک اینترنت را از مسیر خاک خود به سوی ارمنستان گسترش دهد و شبکه فیبر نوری دو کشور منطقه را به هم پیوند می‌دهد.
ستار هاشمی با اشاره به پیوندهای فرهنگی و تاریخی ایران و ارمنستان گفت دیپلماسی فناوری از برنامه‌های مهم وزارتخانه در این دوره است.
سفیر ارمنستان نیز از گسترش همکاری با ایران در حوزه فناوری اطلاعات استقبال کرد و پیشنهاد تشکیل کمیته مشترک برای پیگیری پروژه‌ها را داد.
بر اساس این گزارش، حجم مبادلات فناوری دو کشور در سال 1402 به 120 میلیون دلار رسیده است.
انتهای پیام"""
FA_OTHER = """توسعه همکاری‌های فضایی ایران و روسیه
رئیس سازمان فضایی ایران در دیدار با همتای روس خود در مسکو از آمادگی دو کشور برای ساخت مشترک ماهواره‌های سنجش از دور خبر داد.
وی گفت قرار است نخستین ماهواره مشترک تا پایان سال آینده از پایگاه وستوچنی به فضا پرتاب شود.
معاون سازمان فضایی روسیه نیز همکاری در آموزش متخصصان و تبادل داده‌های ماهواره‌ای را از اولویت‌های دو طرف دانست.
بر اساس این گزارش، دو کشور سند همکاری فضایی را در سال ۱۴۰۱ امضا کرده بودند.
انتهای پیام"""

EN = """Iran and Armenia sign ICT memorandum
Iran's minister of communications signed a memorandum of understanding with his Armenian counterpart in Tehran on Monday to expand cooperation on data centres.
The agreement covers a new fibre-optic link between the two countries through the Norduz border crossing with a capacity of 400 gigabits per second.
The Iranian minister said his country was ready to carry internet traffic from Central Asia to Europe across Armenian territory.
A joint committee will meet every six months to follow up projects in cybersecurity and e-government, he added.
The Armenian minister said technology cooperation with Iran was a priority for his government."""
EN_COPY = """Tehran, Yerevan deepen digital partnership (Reuters)
Follow us on Twitter and Facebook.
The Iranian minister said his country was ready to carry internet traffic from Central Asia to Europe across Armenian territory.
IRAN'S MINISTER OF COMMUNICATIONS signed a memorandum of understanding with his Armenian counterpart in Tehran on Monday to expand cooperation on data centres.
A joint committee will meet every six months to follow up projects in cybersecurity and e-government, he added.
The agreement covers a new fibre-optic link between the two countries through the Norduz crossing with a capacity of 400 gigabits per second.
The Armenian minister said technology cooperation with Iran was a priority for his government.
Sign up for our daily newsletter. All rights reserved."""
EN_OTHER = """Iran and Russia discuss cybersecurity cooperation
Iran's minister of communications met the Russian ambassador in Tehran on Wednesday to discuss closer cooperation on cybersecurity.
Russian companies have shown interest in data centre and cloud computing projects in Iran, the minister said.
The ambassador said Moscow supported a joint platform for sharing expertise on defending against cyber attacks.
A delegation of Russian technology firms will visit Tehran next month for the international telecoms exhibition.
Follow us on Twitter and Facebook."""


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (AR, AR_COPY, True),
        (FA, FA_COPY, True),
        (EN, EN_COPY, True),
        (AR, AR, True),
        (FA, FA, True),
        (EN, EN, True),
        (AR, AR_OTHER, False),
        (FA, FA_OTHER, False),
        (EN, EN_OTHER, False),
        (AR_COPY, AR_OTHER, False),  # both carry the same boilerplate
        (FA_COPY, FA_OTHER, False),
        (EN_COPY, EN_OTHER, False),
        (AR, EN, False),
    ],
    ids=["ar-copy", "fa-copy", "en-copy", "ar-same", "fa-same", "en-same", "ar-other", "fa-other",
         "en-other", "ar-boilerplate", "fa-boilerplate", "en-boilerplate", "ar-en"],  # fmt: skip
)
def test_is_near_duplicate(a, b, expected):
    found, similarity = is_near_duplicate(a, b)
    assert found is expected
    assert 0.0 <= similarity <= 1.0
    assert (similarity >= DEFAULT_THRESHOLD) is expected
    assert is_near_duplicate(b, a) == (found, similarity)  # symmetric


def test_identical_texts_have_similarity_one():
    assert is_near_duplicate(AR, AR) == (True, 1.0)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("", ""),
        ("", AR),
        ("...", "؟؟"),
        ("   \n\t", "\u200c\u0640"),
    ],
)
def test_empty_texts_are_never_duplicates(a, b):
    assert is_near_duplicate(a, b) == (False, 0.0)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("كتب الباحثون في الجامعة", "كَتَبَ الباحثون في الجامعة"),  # harakat
        ("رئیس جمهوری ایران", "رئيس جمهوري ايران"),  # Persian/Arabic yeh
        ("سال ۱۴۰۳ خورشیدی", "سال 1403 خورشیدی"),  # digits
        ("مي‌خواهد توسعه دهد", "مي خواهد توسعه دهد"),  # ZWNJ vs space
        ("Iran Signs Deal", "iran signs deal"),  # case
    ],
)
def test_spelling_variants_do_not_matter(a, b):
    assert is_near_duplicate(a, b) == (True, 1.0)


def _frame(texts: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({"article_id": list(texts), "text": list(texts.values())})


CORPUS = {
    "a3": AR_COPY, "a1": AR, "a2": AR_OTHER,
    "f9": FA_COPY, "f7": FA_OTHER, "f8": FA,
    "e5": EN, "e4": EN_COPY, "e6": EN_OTHER,
}  # fmt: skip


def test_groups_edited_copies_and_not_same_topic_stories():
    groups = near_duplicate_groups(_frame(CORPUS))
    assert list(groups.columns) == columns("near_duplicates")
    assert groups[["article_id", "group_id"]].values.tolist() == [
        ["a1", "a1"], ["a3", "a1"],
        ["e4", "e4"], ["e5", "e4"],
        ["f8", "f8"], ["f9", "f8"],
    ]  # fmt: skip
    similarity = dict(zip(groups["article_id"], groups["similarity"], strict=True))
    assert similarity["a1"] == similarity["e4"] == similarity["f8"] == 1.0
    assert similarity["a3"] == is_near_duplicate(AR, AR_COPY)[1]
    assert similarity["e5"] == is_near_duplicate(EN_COPY, EN)[1]


def test_group_ids_do_not_depend_on_row_order():
    frame = _frame(CORPUS)
    first = near_duplicate_groups(frame)
    for seed in range(3):
        shuffled = frame.sample(frac=1, random_state=seed).reset_index(drop=True)
        pd.testing.assert_frame_equal(near_duplicate_groups(shuffled), first)


def test_three_copies_form_one_group_named_by_the_smallest_id():
    groups = near_duplicate_groups(_frame({"z": AR, "m": AR_COPY, "b": AR + "\nالمصدر: وكالات", "q": EN}))
    assert groups.values.tolist()[0][:2] == ["b", "b"]
    assert set(groups["group_id"]) == {"b"}
    assert sorted(groups["article_id"]) == ["b", "m", "z"]


def test_identical_texts_under_different_ids_are_grouped():
    groups = near_duplicate_groups(_frame({"x2": FA, "x1": FA}))
    assert groups.values.tolist() == [["x1", "x1", 1.0], ["x2", "x1", 1.0]]


def test_repeated_article_id_counts_once():
    frame = pd.concat([_frame({"a1": AR}), _frame({"a1": AR, "a2": AR_OTHER})])
    assert near_duplicate_groups(frame).empty


@pytest.mark.parametrize("texts", [{}, {"only": AR}, {"a": "", "b": ""}, {"a": AR, "b": None}])
def test_small_or_empty_input(texts):
    groups = near_duplicate_groups(_frame(texts))
    assert groups.empty
    assert list(groups.columns) == columns("near_duplicates")


def test_many_articles_use_buckets_not_all_pairs(monkeypatch):
    # 600 distinct short "stories" (numbered words, so no two share a shingle) and 3 copies.
    stories = {f"s{i:04d}": " ".join(f"w{i}x{k}" for k in range(30)) + "." for i in range(600)}
    stories["s9990"] = stories["s0007"].replace("w7x3 ", "")
    stories["s9991"] = "تابعونا على تويتر. " + stories["s0007"]
    stories["s9992"] = stories["s0123"]
    compared = []
    real = dedup._similarity
    monkeypatch.setattr(dedup, "_similarity", lambda a, b: compared.append(1) or real(a, b))
    groups = near_duplicate_groups(_frame(stories))
    assert len(compared) < 20  # all pairs would be 181,503
    assert groups[["article_id", "group_id"]].values.tolist() == [
        ["s0007", "s0007"], ["s9990", "s0007"], ["s9991", "s0007"],
        ["s0123", "s0123"], ["s9992", "s0123"],
    ]  # fmt: skip


def test_a_lower_threshold_groups_more():
    loose = near_duplicate_groups(_frame(CORPUS), threshold=0.0001)
    strict = near_duplicate_groups(_frame(CORPUS))
    assert set(strict["article_id"]) <= set(loose["article_id"])


texts = st.text(alphabet=st.sampled_from(list("ابتثيیكکةه .؟\n\u200c\u064eab1۱٫") + [" "]), max_size=200)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=st.text(max_size=300), b=texts)
def test_is_near_duplicate_never_raises(a, b):
    found, similarity = is_near_duplicate(a, b)
    assert isinstance(found, bool)
    assert 0.0 <= similarity <= 1.0


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(max_size=200), texts), max_size=8))
def test_groups_never_raise(values):
    frame = pd.DataFrame({"article_id": [f"id{i}" for i in range(len(values))], "text": values})
    groups = near_duplicate_groups(frame)
    assert list(groups.columns) == columns("near_duplicates")
    assert set(groups["group_id"]) <= set(groups["article_id"])
    assert groups.groupby("group_id").size().min() >= 2 if len(groups) else True


def test_an_oversized_bucket_is_linked_to_its_first_member(monkeypatch):
    monkeypatch.setattr(dedup, "MAX_BUCKET", 2)
    copies = {f"c{i}": AR + "\n" + "تابعونا على تويتر " * i for i in range(5)}
    groups = near_duplicate_groups(_frame({**copies, "other": FA}))
    assert groups["article_id"].tolist() == ["c0", "c1", "c2", "c3", "c4"]
    assert set(groups["group_id"]) == {"c0"}
