"""Words a story puts alone beside a verb of saying (extract/reported.py)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from techdiplomacy.extract import reported
from techdiplomacy.text.document import Document


def test_the_subject_after_an_arabic_verb_and_before_a_persian_one():
    ar = Document("وقال السوداني إن العراق يدعم المشروع، فيما أشار كبير إلى الاستثمار. وأكد على أهمية ذلك.", language="ar")
    assert reported.words(ar) == {"السوداني", "كبير"}  # "على" after أكد names no one
    fa = Document("باقری اصل افزود: این طرح ادامه دارد. زارع‌پور گفت همکاری گسترش می‌یابد.", language="fa")
    assert {"اصل", "پور"} <= reported.words(fa)


def test_a_verb_inside_a_longer_word_or_with_another_word_glued_is_no_verb():
    doc = Document("ونقل الانتقال السوداني، ومقال السوداني، وبقال كبير", language="ar")
    assert reported.words(doc) == frozenset()


def test_between_and_called_on_are_no_verbs_of_saying():
    doc = Document("المواجهات بين الفلسطينيين والجيش، ودعت البريطانيين إلى الحذر.", language="ar")
    assert reported.words(doc) == frozenset()


def test_a_speaker_nisba_is_no_country_but_the_adjective_before_a_name_is():
    doc = Document("استقبل محمد شياع السوداني الوفد. وقال السوداني إن المشروع مهم. وقال الفرنسي أرسين فينغر إن الفريق جاهز.",
                   language="ar")
    norm = doc.norm
    first = norm.index("السوداني")
    assert reported.is_speaker_name(doc, first + 2, first + len("السوداني"))
    second = norm.index("السوداني", first + 1)
    assert reported.is_speaker_name(doc, second + 2, second + len("السوداني"))
    french = norm.index("الفرنسي")
    assert not reported.is_speaker_name(doc, french + 2, french + len("الفرنسي"))


WORDS = st.sampled_from(["وقال", "قال", "أشار", "السوداني", "كبير", "إن", "افزود", "گفت", "باقری", "،", ".", " ", "\n",
                         "وأكد", "على", "الفرنسي", "محمد"])


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS | st.text(max_size=3), max_size=20).map(" ".join))
def test_any_text_gives_words_of_the_text(raw):
    doc = Document(raw, language="ar")
    for word in reported.words(doc):
        assert word and word in doc.norm
    for start in range(len(doc.norm)):
        reported.is_speaker_name(doc, start, min(len(doc.norm), start + 3))
