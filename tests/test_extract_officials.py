"""Officials: the shipped sample, golden files in three languages, and invariants."""

from pathlib import Path

import pytest
from golden_cases import golden_cases
from hypothesis import given, settings
from hypothesis import strategies as st

from techdiplomacy import schema
from techdiplomacy.evaluate import name_key
from techdiplomacy.extract import officials
from techdiplomacy.readers.corpus import read_file
from techdiplomacy.text.document import Document

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "articles" / "al-vefagh-224281-iran-armenia-ict.md"


def _cases():
    return golden_cases("officials")


@pytest.fixture(scope="module")
def sample_rows():
    (article,) = read_file(SAMPLE)
    doc = Document(article.text, article_id=article.article_id, language=article.language)
    return doc, officials.extract(doc)


def test_sample_four_persons(sample_rows):
    _, rows = sample_rows
    persons = {(r["official_id"], r["name"], r["role"], r["country"]) for r in rows}
    assert persons == {
        ("sattar_hashemi", "ستار هاشمي", "minister", "IRN"),
        ("grigor_hakobyan", "غريغور هاكوبيان", "ambassador", "ARM"),
        ("behzad_akbari", "بهزاد أكبري", "executive", "IRN"),
        ("meysam_abadi", "ميثم عبادي", "deputy_minister", "IRN"),
    }


def test_sample_surname_alone_resolves(sample_rows):
    _, rows = sample_rows
    hashemi = [r for r in rows if r["official_id"] == "sattar_hashemi"]
    assert [r["surface"] for r in hashemi] == ["ستار هاشمي", "هاشمي"]
    assert {r["name"] for r in hashemi} == {"ستار هاشمي"}
    hakobyan = [r for r in rows if r["official_id"] == "grigor_hakobyan"]
    assert len(hakobyan) == 2


def test_sample_organisation_and_title(sample_rows):
    _, rows = sample_rows
    akbari = next(r for r in rows if r["official_id"] == "behzad_akbari")
    assert akbari["organisation"] == "شركة البنية التحتية للاتصالات"
    assert akbari["title"] == "الرئيس التنفيذي لشركة البنية التحتية للاتصالات"
    abadi = next(r for r in rows if r["official_id"] == "meysam_abadi")
    assert abadi["title"] == "مساعد وزير الاتصالات للشؤون الدولية"


def test_sample_evidence(sample_rows):
    doc, rows = sample_rows
    for row in rows:
        assert doc.text[row["start"]:row["end"]] == row["surface"]
        assert row["surface"] in row["sentence"]
        assert row["article_id"] == doc.article_id
    frame = schema.conform("officials", rows)
    assert list(frame.columns) == schema.columns("officials")
    assert set(frame["role"]) <= set(schema.ROLES)


@pytest.mark.parametrize("case", list(_cases()))
def test_golden(case):
    doc = Document(case["text"], language=case["language"])
    rows = officials.extract(doc)
    got = sorted({(name_key(r["name"]), r["role"], r["country"]) for r in rows})
    want = sorted({(name_key(o["name"]), o["role"], o["country"]) for o in case["officials"]})
    assert got == want
    for person in case["officials"]:
        mine = [r for r in rows if name_key(r["name"]) == name_key(person["name"])]
        assert {r["name"] for r in mine} == {person["name"]}, "the name is shown as written"
        if "organisation" in person:
            assert {r["organisation"] for r in mine} == {person["organisation"]}
        if "title" in person:
            assert {r["title"] for r in mine} == {person["title"]}
        if "n_rows" in person:
            assert len(mine) == person["n_rows"]
    for row in rows:
        assert doc.text[row["start"]:row["end"]] == row["surface"]


@pytest.mark.parametrize(
    "text",
    [
        "عیسی زارع‌پور وزیر ارتباطات گفت همکاری ادامه دارد. زارع پور افزود: شبکه ملی تکمیل می‌شود.",
        "عیسی زارعپور وزیر ارتباطات گفت همکاری ادامه دارد. زارع‌پور افزود: شبکه ملی تکمیل می‌شود.",
    ],
)
def test_spelling_variants_share_one_person(text):
    rows = officials.extract(Document(text, language="fa"))
    assert len(rows) == 2
    assert {r["official_id"] for r in rows} == {"isa_zarepour"}


def test_unknown_person_gets_stable_id():
    a = officials.extract(Document("قال وزير الاتصالات العماني سعيد بن حمود المعولي إن الشبكة تتوسع.", language="ar"))
    b = officials.extract(Document("أكد سعيد بن حمود المعولي، وزير النقل والاتصالات العماني، أهمية الربط.", language="ar"))
    assert a and b
    assert a[0]["official_id"] == b[0]["official_id"]


def test_all_rows_of_a_person_agree():
    text = (
        "Iran's ICT Minister Sattar Hashemi met Armenian Ambassador Grigor Hakobyan. "
        "Hashemi said transit would grow. Hakobyan welcomed the plan, and Hashemi thanked him."
    )
    rows = officials.extract(Document(text, language="en"))
    by_id = {}
    for r in rows:
        by_id.setdefault(r["official_id"], set()).add((r["name"], r["title"], r["role"], r["country"]))
    assert all(len(v) == 1 for v in by_id.values())
    assert sum(r["official_id"] == "sattar_hashemi" for r in rows) == 3


@pytest.mark.parametrize(
    "text, language",
    [
        ("", "ar"),
        ("وزير", "ar"),
        ("قال الوزير.", "ar"),
        ("Minister", "en"),
        ("The minister, who spoke on Monday, said nothing.", "en"),
        ("محمد رضایی گفت بازار آماده است.", "fa"),
        ("Iran's ICT Minister Meets Armenian Ambassador in Tehran", "en"),
        ("Foreign Minister Says Talks Were Constructive", "en"),
        ("Deputy Minister Calls For More Investment In Startups", "en"),
        ("واقترح السفير الأرميني تشكيل لجنة مشتركة لمتابعة المشاريع.", "ar"),
        ("وأكد وزير الاتصالات الإيراني، خلال لقائه سفير أرمينيا في طهران، على مجالات التعاون.", "ar"),
    ],
)
def test_no_official(text, language):
    assert officials.extract(Document(text, language=language)) == []


_ALPHABET = st.sampled_from(
    list("وزيرالاتصالاتستارهاشميعیسیزارعپورگفتسفیر Minister Ali of the CEO،,.:؛ 0123456789٠١٢۱۲\u200c\u064e\u0640")
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_ALPHABET, st.sampled_from(["وزير ", "سفير ", "Minister ", "ستار هاشمي ", "، ", "رئيس ", "Dr. "])), max_size=60).map("".join))
def test_no_text_crashes_and_spans_read_as_written(text):
    doc = Document(text)
    for row in officials.extract(doc):
        assert 0 <= row["start"] < row["end"] <= len(text)
        assert text[row["start"]:row["end"]] == row["surface"]


def test_mentions_from_the_pipeline_give_the_same_rows(sample_rows):
    from techdiplomacy.extract import organisations, places

    doc, rows = sample_rows
    mentions = places.extract(doc) + organisations.extract(doc)
    assert officials.extract(doc, mentions) == rows


def test_possessive_is_not_part_of_the_name():
    text = "Iran's ICT Minister Sattar Hashemi's remarks came a day after talks. Hashemi's deputy was there."
    rows = officials.extract(Document(text, language="en"))
    assert [r["surface"] for r in rows] == ["Sattar Hashemi", "Hashemi"]
    assert {r["name"] for r in rows} == {"Sattar Hashemi"}


@pytest.mark.parametrize(
    "text, language, name, title",
    [
        ("والتقى سعادة السيد محمود علي يوسف وزير الدولة للتعاون الدولي بالسفير الإيراني.", "ar",
         "محمود علي يوسف", "وزير الدولة للتعاون الدولي"),
        ("سرکار خانم فاطمه مهاجرانی سخنگوی دولت گفت: طرح تصویب شد.", "fa", "فاطمه مهاجرانی", "سخنگوی دولت"),
        ("H.E. Dr. Isa Zarepour, Minister of ICT of the Islamic Republic of Iran, opened the event.", "en",
         "Isa Zarepour", "Minister of ICT of the Islamic Republic of Iran"),
    ],
)
def test_honorifics_and_title_extent(text, language, name, title):
    (row,) = officials.extract(Document(text, language=language))
    assert (row["name"], row["title"]) == (name, title)
