"""Lazy and short-cut paths of extraction equal the plain code: same sentences, same matches."""

import bisect
import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from techdiplomacy.extract import gazetteer, name_matcher, surnames
from techdiplomacy.text import normalisation as T
from techdiplomacy.text import passages
from techdiplomacy.text.document import Document

#: Characters that exercise passages, sentence ends, links and Arabic letters.
TRICKY = st.text(
    alphabet=st.sampled_from(list("اأةيیك \u200c\u200f\u00a0\n\n\t\r.!?؟;؛…»\"'/:@w.abcA1")) | st.characters()
)


def plain_sentence_at(text: str, start: int) -> passages.Span:
    """``Document.sentence_at`` as first written: a bisect over every sentence of the text."""
    sents = passages.sentence_index(text)
    i = bisect.bisect_right([s.start for s in sents], start) - 1
    if i >= 0 and start < sents[i].end:
        return sents[i]
    return passages.Span(0, len(text), text)


@settings(max_examples=300, deadline=None)
@given(TRICKY)
def test_sentence_at_cuts_one_passage_like_the_whole_index(raw):
    doc = Document(raw, language="ar")
    for start in range(len(raw) + 1):
        assert doc.sentence_at(start) == plain_sentence_at(raw, start)
    assert doc.sentences == passages.sentence_index(raw)


@settings(max_examples=400, deadline=None)
@given(TRICKY)
def test_no_span_is_in_a_link_when_the_text_cannot_hold_one(raw):
    norm = T.normalise(raw)
    if gazetteer._may_hold_link(norm):
        return
    for start in range(len(norm)):
        for end in range(start + 1, min(len(norm), start + 12) + 1):
            assert not gazetteer._in_link(norm, start, end)


#: Name forms and texts over a few letters, so that forms overlap, nest and tie.
LETTERS = st.sampled_from(list("زاوبلدa"))
WORD = st.text(alphabet=LETTERS, min_size=0, max_size=4)
FORM = st.lists(WORD, min_size=1, max_size=3).map(tuple)
NAME_TEXT = st.text(alphabet=st.sampled_from(list("زاوبلدa") + [" "] * 5 + ["1", "_", "،", "\n", "é"]), max_size=40)


@settings(max_examples=1500, deadline=None)
@given(st.sets(FORM, min_size=1, max_size=5), NAME_TEXT)
def test_name_matcher_finds_what_the_regex_of_the_forms_finds(forms, norm):
    ordered = sorted(forms, key=lambda words: len(surnames._pattern(words)), reverse=True)
    if not name_matcher.supported(ordered):
        return
    pattern = re.compile(r"(?<![^\W\d_])([وفبل])?(" + "|".join(map(surnames._pattern, ordered)) + r")(?![^\W\d_])")
    expected = [(m.group(1), m.start(2), m.end()) for m in pattern.finditer(norm)]
    assert name_matcher.finditer(norm, ordered) == expected


def test_name_matcher_on_many_seeded_random_texts():
    """The same check over 20,000 seeded random cases (forms that nest, tie and share letters)."""
    rng = random.Random(1)
    alphabet = list("زارعپوبلفمحدab")
    checked = 0
    for _ in range(20000):
        forms = {tuple("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 3))) for _ in range(rng.randint(1, 3)))
                 for _ in range(rng.randint(1, 4))}
        norm = "".join(rng.choice(alphabet + [" "] * 4 + ["1", "،"]) for _ in range(rng.randint(0, 40)))
        ordered = sorted(forms, key=lambda words: len(surnames._pattern(words)), reverse=True)
        if not name_matcher.supported(ordered):
            continue
        pattern = re.compile(r"(?<![^\W\d_])([وفبل])?(" + "|".join(map(surnames._pattern, ordered)) + r")(?![^\W\d_])")
        expected = [(m.group(1), m.start(2), m.end()) for m in pattern.finditer(norm)]
        assert name_matcher.finditer(norm, ordered) == expected, (norm, ordered)
        checked += bool(expected)
    assert checked > 300  # the cases do exercise matches


@settings(max_examples=300, deadline=None)
@given(TRICKY, st.randoms(use_true_random=False))
def test_sentence_at_in_any_order_like_the_whole_index(raw, rnd):
    """The last sentence found is kept for the next question: asked in any order, the answers
    stay those of the whole index."""
    doc = Document(raw, language="ar")
    starts = list(range(len(raw) + 1)) * 2
    rnd.shuffle(starts)
    for start in starts:
        assert doc.sentence_at(start) == plain_sentence_at(raw, start)
