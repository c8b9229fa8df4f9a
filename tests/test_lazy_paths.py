"""Lazy and short-cut paths of extraction equal the plain code: same sentences, same matches."""

import bisect

from hypothesis import given, settings
from hypothesis import strategies as st

from techdiplomacy import text as T
from techdiplomacy.document import Document
from techdiplomacy.extract import gazetteer

#: Characters that exercise passages, sentence ends, links and Arabic letters.
TRICKY = st.text(
    alphabet=st.sampled_from(list("اأةيیك \u200c\u200f\u00a0\n\n\t\r.!?؟;؛…»\"'/:@w.abcA1")) | st.characters()
)


def plain_sentence_at(text: str, start: int) -> T.Span:
    """``Document.sentence_at`` as first written: a bisect over every sentence of the text."""
    sents = T.sentence_index(text)
    i = bisect.bisect_right([s.start for s in sents], start) - 1
    if i >= 0 and start < sents[i].end:
        return sents[i]
    return T.Span(0, len(text), text)


@settings(max_examples=300, deadline=None)
@given(TRICKY)
def test_sentence_at_cuts_one_passage_like_the_whole_index(raw):
    doc = Document(raw, language="ar")
    for start in range(len(raw) + 1):
        assert doc.sentence_at(start) == plain_sentence_at(raw, start)
    assert doc.sentences == T.sentence_index(raw)


@settings(max_examples=400, deadline=None)
@given(TRICKY)
def test_no_span_is_in_a_link_when_the_text_cannot_hold_one(raw):
    norm = T.normalise(raw)
    if gazetteer._may_hold_link(norm):
        return
    for start in range(len(norm)):
        for end in range(start + 1, min(len(norm), start + 12) + 1):
            assert not gazetteer._in_link(norm, start, end)
