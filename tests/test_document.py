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


# -- evidence sentences are bounded (issue 18, item 5) ------------------------------------------


def test_a_short_sentence_is_its_own_evidence_whatever_the_limit():
    doc = Document("Iran and Armenia signed an ICT deal. Talks go on.", sentence_limit=40)
    assert doc.evidence(9, 16)["sentence"] == "Iran and Armenia signed an ICT deal."


@pytest.mark.parametrize("limit", [80, 200, 1000])
def test_a_long_sentence_is_cut_to_a_window_around_the_span(limit):
    words = [f"w{i}" for i in range(3000)]  # one sentence, no full stop, every word different
    text = " ".join(words)
    doc = Document(text, sentence_limit=limit)
    for word in ("w0", "w7", "w1500", "w2999"):
        start = text.index(f" {word} ") + 1 if word not in ("w0", "w2999") else text.index(word)
        end = start + len(word)
        window = doc.evidence(start, end)["sentence"]
        assert len(window) <= limit + len(word)
        assert window in text and f" {word} " in f" {window} "  # whole words, the span inside
        at = text.index(window)
        assert at <= start and end <= at + len(window)


def test_the_rows_of_one_long_sentence_share_their_windows():
    text = "Iran Armenia ICT " * 8000
    doc = Document(text.strip(), sentence_limit=1000)
    windows = [doc.evidence(i, i + 4)["sentence"] for i in range(0, len(text) - 20, 17)]
    assert len({id(w) for w in windows}) <= 2 * len(text) // 500 + 2  # a few per limit's length, not one per row
