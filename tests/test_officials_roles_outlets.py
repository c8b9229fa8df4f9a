"""Officials on broad Arabic news: the role a head's form gives (رئيس اتحاد / الرئيس الراحل /
رئيسه), directors and speakers, full compound names, a company's name after its title, a
spouse, a verb before an apposed name, and the home state of a national outlet."""

from __future__ import annotations

import pytest

from techdiplomacy.extract import officials, outlets
from techdiplomacy.readers.article import make_article
from techdiplomacy.tables import extract_articles
from techdiplomacy.text.document import Document


def _people(text: str, language: str = "ar", outlet: str = "") -> dict[str, tuple[str, str]]:
    rows = officials.extract(Document(text, language=language, outlet=outlet))
    return {r["name"]: (r["role"], r["country"]) for r in rows}


@pytest.mark.parametrize(("text", "name", "role"), [
    # an indefinite head governs the noun after it: the head of a body, an executive
    ("وقال كمال يوسف رئيس اتحاد المصارف العربية إن التعاون مستمر.", "كمال يوسف", "executive"),
    ("وأكد الدكتور هشام فؤاد، رئيس جهاز تنظيم الاتصالات المصري، أن الخدمة ستبدأ.", "هشام فؤاد", "executive"),
    # a director is never a leader
    ("وقال مدير مكتب الإعلام سامي خليل إن الموظفين بخير.", "سامي خليل", "executive"),
    ("وقال مدير الأحوال المدنية في الأردن باسل حداد إن السجلات كاملة.", "باسل حداد", "executive"),
    # the definite head with adjectives only is the president
    ("وكان مستشارا للرئيس الراحل جمال عبد الناصر في الستينيات.", "جمال عبد الناصر", "leader"),
    ("وعمل مع الرئيس السابق زين العابدين بن علي سنوات.", "زين العابدين بن علي", "leader"),
    # the head of the state is its leader
    ("كما زار رئيس البلاد إلهام علييف موقع المشروع.", "إلهام علييف", "leader"),
    # "رئيسه": the head of the party named before
    ("قرر حزب الأمل عدم مشاركة رئيسه، منير الطاهر في الحكومة.", "منير الطاهر", "executive"),
    # a speaker of parliament is an official (taxonomy: leaders are heads of state and government)
    ("وأكد رئيس البرلمان فيصل العمري أن الجلسة ستعقد غدا.", "فيصل العمري", "official"),
])
def test_the_form_of_the_head_gives_the_role(text, name, role):
    people = _people(text)
    assert people.get(name, ("",))[0] == role, people


def test_a_compound_first_name_is_kept_whole():
    people = _people("وحضر وزير الشؤون الثقافية محمد زين العابدين حفل الافتتاح.")
    assert "محمد زين العابدين" in people, people


@pytest.mark.parametrize(("text", "person", "not_person"), [
    # the words after "شركة" / "منظمة" name the body; its head is the apposed name before
    ("ونقلت الصحيفة عن سمير حداد، مدير شركة «نور سوفت» المتخصصة بالبرمجيات، قوله إن الطلب يرتفع.",
     "سمير حداد", "نور سوفت"),
    ("وقال رامي حداد، مدير عام شركة فوسفات الجنوب، إن الإنتاج تضاعف.", "رامي حداد", "فوسفات الجنوب"),
    # a verb before the apposed name is no part of it
    ("وهي مفارقة أكدها جون سميث، مدير منظمة الشفافية الرقمية، في تقريره.", "جون سميث", "أكدها جون سميث"),
])
def test_a_body_named_after_its_title_is_not_its_head(text, person, not_person):
    people = _people(text)
    assert person in people and not_person not in people, people


def test_the_spouse_of_a_president_is_no_president():
    people = _people("وجلست زوجة الرئيس الفرنسي إيزابيل دوران في المنصة الشرفية.")
    assert "إيزابيل دوران" not in people, people


def test_an_actor_is_no_representative():
    assert _people("كما نعاه الممثل كريم فهمي في رسالة مؤثرة.") == {}
    # "ممثل X" names X's representative, not X
    assert "مارك زوكربيرغ" not in _people("وقالت إن ممثل مارك زوكربيرغ سيحضر الجلسة.")


@pytest.mark.parametrize(("url", "source", "country"), [
    ("https://ar.mehrnews.com/news/1", "", "IRN"),
    ("http://www.jawharafm.net/ar/article/x", "", "TUN"),
    ("", "Jawhara FM", "TUN"),
    ("https://www.vetogate.com/1", "", "EGY"),
    ("https://almasra.iq/x", "", "IRQ"),  # a country-code domain
    ("https://www.bbc.com/arabic/x", "BBC Arabic", ""),  # reports the world
    ("https://news.bbc.co.uk/x", "", ""),
    ("https://example.com/x", "Some Blog", ""),
    ("", "", ""),
    ("not a url", "", ""),
])
def test_the_home_state_of_an_outlet(url, source, country):
    assert outlets.country(url, source) == country


def test_a_national_outlet_gives_its_state_to_an_untitled_minister():
    text = "أعلن وزير التجارة حاتم السالمي اليوم أنه تم الاتفاق على تأهيل سوق الجملة بولاية المنستير."
    assert _people(text)["حاتم السالمي"][1] != "TUN"
    assert _people(text, outlet="TUN")["حاتم السالمي"][1] == "TUN"
    # the outlet counts only when the story names its state or none: a Tunisian radio on Cannes
    cannes = "وقال رئيس المهرجان جان بيار موريل إن فرنسا ترحب بالضيوف في مدينة كان الفرنسية."
    assert _people(cannes, outlet="TUN")["جان بيار موريل"][1] == "FRA"


def test_the_outlet_reaches_the_extractors_through_the_article():
    article = make_article({"text": "أعلن وزير التجارة حاتم السالمي اليوم أن الأسعار ستنخفض بنسبة 5% وأن الغرامة 500 دينار.",
                            "language": "ar", "url": "https://www.jawharafm.net/ar/article/1"}, "a.json")
    tables = extract_articles([article])[0]
    assert {r["country"] for r in tables["officials"]} == {"TUN"}
    assert "TND" in {r["unit"] for r in tables["figures"]}


@pytest.mark.parametrize("text", [
    "قال الرئيس السابق خالد منصور إن البلاد بخير.",
    "وقال الوزير الأسبق خالد منصور في كلمته إن البلاد بخير.",
])
def test_a_word_of_when_the_title_was_held_is_part_of_the_title(text):
    people = _people(text)
    assert "خالد منصور" in people, people


def test_the_head_of_an_international_body_serves_no_state_of_the_story():
    people = _people("توقع سامي حداد، الأمين العام لمنظمة أوبك، أن ينمو الطلب في الهند والصين.")
    assert people["سامي حداد"] == ("executive", ""), people


def test_a_title_coordinated_with_a_demonym_title_takes_its_state():
    people = _people("لكن المسؤول الهولندي وعضو لجنة التحقيق، سامي حداد، قال في مؤتمر صحفي إن روسيا مسؤولة.")
    assert people["سامي حداد"][1] == "NLD", people


@pytest.mark.parametrize(("text", "name", "role"), [
    ("أكد رئيس مجلس الوزراء اليمني، الدكتور سالم العطاس، أن الاقتصاد سيستقر.", "سالم العطاس", "leader"),
    ("وحض المفوض السامي لشؤون اللاجئين في الأمم المتحدة، أنطونيو ريفيرا، الجانبين على التفاوض.", "أنطونيو ريفيرا",
     "executive"),
])
def test_heads_of_government_and_of_agencies(text, name, role):
    assert _people(text).get(name, ("",))[0] == role, _people(text)


def test_the_name_after_a_union_or_a_laboratory_is_the_body():
    people = _people('وقالت سارة جونسون رئيسة نقابة "نور أفترا" في بيان إن الاتفاق مهم.')
    assert "سارة جونسون" in people and "نور أفترا" not in people, people
    assert "أوك ريدج" not in _people('ويوجد الحاسوب في معمل "أوك ريدج" حيث يعمل مدير معمل "أوك ريدج" منذ سنوات.')


def test_an_indefinite_head_alone_governs_the_name_after_it():
    # "مستشار ترامب" is Trump's adviser: Trump is no adviser
    assert _people("وقال مستشار ترامب إن البلاد بخير.") == {}
    # "ونظيره": his counterpart is the name after it
    assert "سامي حداد" in _people("والتقى وزير الاتصالات الإيراني ونظيره سامي حداد في بغداد.")


def test_spellings_of_a_known_full_name_find_the_reference_person():
    rows = officials.extract(Document("وقال الرئيس الفرنسي فرنسوا هولاند إن البلاد بخير.", language="ar"))
    assert [r["official_id"] for r in rows] == ["francois_hollande"]
