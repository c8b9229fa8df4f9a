"""Sector wordings as real news writes them: one case per wording class, and its negative.

The phrases are written for these tests (generic sentences that show a wording), not taken
from any article; the accuracy of these rules is measured on ../shared/data/realnews-dev.
"""

import pytest

from techdiplomacy.extract import sectors
from techdiplomacy.text.document import Document


def keys(text: str, language: str) -> set[str]:
    return {r["key"] for r in sectors.extract(Document(text, language=language))}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # Persian without zero-width non-joiners: fused plurals, fused compounds
        ("توسعه همکاریهای فضایی دو کشور", "fa", {"space"}),
        ("ایجاد مراکزداده در منطقه", "fa", {"data_centres"}),
        ("فعالیت در شبکههای اجتماعی", "fa", {"digital_content"}),
        ("همکاری در حوزههای ارتباطات", "fa", {"telecom_infrastructure"}),
        # a modifier inside a two-word term
        ("ایجاد مراکز مشترک داده", "fa", {"data_centres"}),
        ("إطلاق منصات إقليمية مشتركة", "ar", {"digital_content"}),
        ("building joint regional platforms", "en", {"digital_content"}),
        # Arabic noun and adjective without their articles
        ("تطوير ألعاب إلكترونية", "ar", {"digital_content"}),
        ("سيارة بنظام دفع رباعي", "ar", set()),
        # generic information technology / ICT as a field is telecom_infrastructure
        ("التعاون في مجال تقنية الاتصالات", "ar", {"telecom_infrastructure"}),
        ("تعزيز التعاون في تكنولوجيا المعلومات", "ar", {"telecom_infrastructure"}),
        ("همکاری در حوزه فناوری اطلاعات", "fa", {"telecom_infrastructure"}),
        ("agreements on transport, culture and information technology", "en", {"telecom_infrastructure"}),
        ("a joint ICT working group", "en", {"telecom_infrastructure"}),
        ("cooperation in the field of communications", "en", {"telecom_infrastructure"}),
        # telecom wordings: frequencies, roaming, operators, internet links, digital infrastructure
        ("تنسيق الترددات في المناطق الحدودية", "ar", {"telecom_infrastructure"}),
        ("هماهنگی فرکانسی در مرزها", "fa", {"telecom_infrastructure"}),
        ("reducing the cost of roaming calls", "en", {"telecom_infrastructure"}),
        ("معدات للمشغل الخلوي الثالث", "ar", {"telecom_infrastructure"}),
        ("برقراری ارتباطات اینترنتی مستقیم", "fa", {"telecom_infrastructure"}),
        ("توسعه زیرساختهای دیجیتال", "fa", {"telecom_infrastructure"}),
        # telecom adjectives and bare مخابرات: Persian and Dari only
        ("گسترش همکاری های فنی، مخابراتی و پستی", "fa", {"telecom_infrastructure", "post"}),
        ("کیفیت خدمات انترنتی و مخابراتی کشور", "fa", {"telecom_infrastructure"}),
        ("توسعه مخابرات روستایی", "fa", {"telecom_infrastructure"}),
        ("صرح مسؤول في جهاز المخابرات", "ar", set()),
        ("ساخت ماهواره‌های سنجشی و مخابراتی", "fa", {"space"}),
        ("remote-sensing and telecommunication satellites", "en", {"space"}),
        # transit of data and traffic between countries
        ("مرکز انتقال و ترانزیت دیتای منطقه", "fa", {"internet_transit"}),
        ("تعزيز مسارات نقل البيانات بين البلدين", "ar", {"internet_transit"}),
        ("one of the main routes for data and voice transit", "en", {"internet_transit"}),
        ("information transit from east to west", "en", {"internet_transit"}),
        ("مشاريع إمرار سعات الإنترنت", "ar", {"internet_transit"}),
        # production and export of telecom products
        ("قرارداد تاسیس کارخانه تولید فیبر نوری", "fa", {"hardware_manufacturing"}),
        ("أدخلت معدات اتصالات إلى البلاد", "ar", {"hardware_manufacturing"}),
        ("firms that make communication equipment", "en", {"hardware_manufacturing"}),
        ("production of infrastructure equipment", "en", {"hardware_manufacturing"}),
        ("مذكرة في مجالات الأجهزة والبرمجيات", "ar", {"hardware_manufacturing"}),
        # innovation houses and technology zones are ict_parks
        ("افتتاح خانه نوآوری و فناوری ایران", "fa", {"ict_parks"}),
        ("the Iran House of Innovation and Technology opened", "en", {"ict_parks"}),
        ("إنشاء وإدارة المناطق التكنولوجية", "ar", {"ict_parks"}),
        # other sectors' wordings
        ("روسيا ستطلق قمرا صناعيا", "ar", {"space"}),
        ("تطوير التعاون الفضائي", "ar", {"space"}),
        ("cybersecurity, smart governance and AI", "en", {"cybersecurity", "e_government", "artificial_intelligence"}),
        ("قانون لمكافحة الجرائم المعلوماتية", "ar", {"cybersecurity"}),
        ("تطوير تطبيقات المراسلة المحلية", "ar", {"digital_content"}),
        ("the country's electronic trading", "en", {"e_commerce"}),
        ("التعاون في مجال العلوم والتكنولوجيا والابتكار", "ar", {"startups"}),
    ],
)
def test_wordings(text, language, expected):
    assert keys(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # a minister's title, with an honorific or a parenthesised acronym inside
        ("وزیر محترم ارتباطات و فناوری اطلاعات گفت", "fa"),
        ("Iran's Deputy Minister of Information and Communications Technology (ICT) said", "en"),
        ("وزير الصناعة وتكنولوجيا المعلومات الصيني", "ar"),
        ("the Minister of Industry and Information Technology", "en"),
        ("استقبل وزير الاتصالات والمعلوماتية", "ar"),
        ("وزیر آی سی تی کنیا", "fa"),
        # the head of an agency or a department
        ("رئیس سازمان فضایی حضور داشت", "fa"),
        ("كان مدير الإعلام الرقمي للحملة", "ar"),
        # an event's name
        ("بازدید از نمایشگاه بین المللی فناوری اطلاعات و ارتباطات", "fa"),
        ("the 5th ICT Expo in Tehran", "en"),
        # a company, an institute or an office that carries a sector word
        ("Samsung Electronics Co.", "en"),
        ("معهد بحوث الالكترونيات والاتصالات", "ar"),
        ("معاونت علمی، فناوری و اقتصاد دانشبنیان ریاست جمهوری", "fa"),
    ],
)
def test_names_are_not_fields(text, language):
    assert keys(text, language) == set()


def test_a_described_event_keeps_its_sector():
    # lower case: it describes an exhibition about telecom, it is not one's name
    assert keys("the telecom exhibition in the capital", "en") == {"telecom_infrastructure"}


@pytest.mark.parametrize(
    ("alone", "near", "language", "sector"),
    [
        ("برگزاری دوره‌های آموزشی", "برگزاری دوره‌های آموزشی امنیت سایبری", "fa", "education_technology"),
        ("عقد دورات تدريبية للموظفين", "عقد دورات تدريبية في الأمن السيبراني", "ar", "education_technology"),
        ("training courses for staff", "training courses for staff in cybersecurity", "en", "education_technology"),
        ("تدريب الموارد البشرية", "البنية التحتية للاتصالات وتدريب الموارد البشرية", "ar", "education_technology"),
        ("تعرفه ترانزیت کاهش یافت", "تعرفه ترانزیت در شبکه فیبر نوری کاهش یافت", "fa", "internet_transit"),
        ("transit tariffs were cut", "transit tariffs on the fibre optic route were cut", "en", "internet_transit"),
        ("توجه به سخت‌افزار", "توجه به سخت‌افزار و هوش مصنوعی", "fa", "hardware_manufacturing"),
    ],
)
def test_context_only_wordings_need_another_sector_nearby(alone, near, language, sector):
    assert sector not in keys(alone, language)
    assert sector in keys(near, language)


def test_context_window_is_a_distance():
    far = "برگزاری دوره‌های آموزشی. " + "متن " * (sectors.CONTEXT_WINDOW // 3) + "امنیت سایبری"
    assert keys(far, "fa") == {"cybersecurity"}


@pytest.mark.parametrize("text", ["همکاریهای فضایی", "مراکز مشترک داده", "منصات إقليمية مشتركة", "the ICT Expo"])
def test_spans_read_as_written(text):
    for row in sectors.extract(Document(text)):
        assert text[row["start"] : row["end"]] == row["surface"]


def test_social_media_as_the_channel_of_a_story_is_no_sector():
    """"Spread on social media" says where a story went, not a field of activity; "cooperation in
    social media" is the field."""
    from techdiplomacy.extract import sectors
    from techdiplomacy.text.document import Document

    def found(text, language):
        return {m["key"] for m in sectors.extract(Document(text, language=language))}

    assert "digital_content" not in found("وانتشرت الصور على مواقع التواصل الاجتماعي بشكل واسع.", "ar")
    assert "digital_content" not in found("وتداول رواد وسائل التواصل الاجتماعي المقطع.", "ar")
    assert "digital_content" not in found("The clip spread on social media within hours.", "en")
    assert "digital_content" in found("بحث الوزيران التعاون في مجال وسائل التواصل الاجتماعي.", "ar")
    assert "digital_content" in found("Both sides discussed cooperation on social media regulation.", "en")
