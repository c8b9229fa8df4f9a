"""Document: evidence spans map back to the text exactly as written."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from techdiplomacy.text.document import Document


def test_evidence_from_normalised_span_reads_as_written():
    text = "قال الوزير إن ٢٥٪ من الشركات الإيرانيّة تعمل.\n\nوزیر ارتباطات گفت."
    doc = Document(text, article_id="a1")
    start = doc.norm.index("الايرانيه")
    row = doc.evidence_norm(start, start + len("الايرانيه"))
    assert row["surface"] == "الإيرانيّة"
    assert text[row["start"] : row["end"]] == row["surface"]
    assert row["sentence"] == "قال الوزير إن ٢٥٪ من الشركات الإيرانيّة تعمل."
    assert row["article_id"] == "a1"
    assert doc.language == "ar"


@pytest.mark.parametrize(
    ("text", "language"),
    [("Tehran hosted the talks.", "en"), ("تهران میزبان این گفتگو بود و وزیر گفت که همکاری ادامه دارد", "fa")],
)
def test_language_detected_when_not_given(text, language):
    assert Document(text).language == language


def test_sentence_at_outside_any_sentence_is_the_whole_text():
    doc = Document("  \n\n  ")
    assert doc.sentence_at(0).text == doc.text


@settings(max_examples=200, deadline=None)
@given(st.text(), st.data())
def test_any_normalised_span_maps_inside_the_text(text, data):
    doc = Document(text)
    if not doc.norm:
        return
    start = data.draw(st.integers(0, len(doc.norm) - 1))
    end = data.draw(st.integers(start + 1, len(doc.norm)))
    s, e = doc.original(start, end)
    assert 0 <= s <= e <= len(text)
