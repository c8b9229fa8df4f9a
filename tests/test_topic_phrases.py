"""Topic labels as phrases: a term written inside a two-word name is shown as the name."""

import numpy as np

from techdiplomacy.topics.phrases import phrase_forms, phrase_label

TEXTS = [
    "قالت الولايات المتحدة إن السعودية وترامب اتفقا. وأكدت الولايات المتحدة ذلك.",
    "ردت الولايات المتحدة على اليمن، والمتحدة هنا كلمة وحدها.",
    "وزير خارجية الولايات المتحدة زار السعودية.",
    "Cambridge Analytica used Facebook data; Cambridge Analytica denied it. Cambridge Analytica again.",
]


def test_a_term_mostly_written_in_a_name_becomes_the_name():
    terms = [["المتحدة", "السعودية", "ترامب", "الولايات"], ["Analytica", "Facebook", "data"]]
    found = phrase_forms(TEXTS, terms, np.array([0, 0, 0, 1]))
    assert found[0] == {"المتحدة": "الولايات المتحدة", "الولايات": "الولايات المتحدة"}
    assert found[1] == {"Analytica": "Cambridge Analytica"}
    assert phrase_label(terms[0], found[0]) == "الولايات المتحدة · السعودية · ترامب"
    assert phrase_label(terms[1], found[1]) == "Cambridge Analytica · Facebook · data"


def test_a_topic_reads_only_its_own_texts_and_punctuation_breaks_a_phrase():
    terms = [["المتحدة"], ["Analytica"]]
    found = phrase_forms(TEXTS, terms, np.array([1, 1, 1, 0]))
    assert found == [{}, {}]  # each topic's term is in the other topic's texts
    assert phrase_forms(["data, centre. data; centre! data centre"], [["data"]]) == [{}]  # one pair, not three


def test_stop_words_never_make_a_phrase():
    texts = ["في المتحدة في المتحدة في المتحدة"]
    assert phrase_forms(texts, [["المتحدة"]]) == [{}]


def test_phrase_label_without_phrases_is_the_first_terms():
    assert phrase_label(["a", "b", "c", "d"], {}) == "a · b · c"
    assert phrase_label(["x"], {}) == "x"
    assert phrase_label([], {}) == ""
