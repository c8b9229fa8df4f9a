"""The person-name CRF: decoding against brute force, spans, and the officials second opinion."""

from __future__ import annotations

import itertools
import math

import pytest

from techdiplomacy.extract import name_tagger, officials
from techdiplomacy.settings import Settings
from techdiplomacy.text.document import Document
from techdiplomacy.text.normalisation import normalise

needs_ar = pytest.mark.skipif(not name_tagger.available("ar"), reason="no Arabic model file")


@pytest.mark.parametrize(("labels", "expected"), [
    ([], []),
    (["O", "O"], []),
    (["B", "I", "O", "B"], [(0, 1), (3, 3)]),
    (["B", "B", "I"], [(0, 0), (1, 2)]),
    (["O", "I", "I", "O"], [(1, 2)]),  # an "I" after "O" opens a name
])
def test_spans(labels, expected):
    assert name_tagger.spans(labels) == expected


def test_no_model_no_opinion():
    assert not name_tagger.available("en")
    assert name_tagger.analyse(["Hashemi"], "en") is None
    assert name_tagger.person_spans("Minister Sattar Hashemi said", "en") == []


@needs_ar
def test_emissions_are_the_weights_of_the_features():
    words = normalise("قال الرئيس السوري بشار الأسد ، إن وزير الخارجية وليد المعلم سيزور طهران").split()
    state = name_tagger._model("ar")[0]
    expected = [name_tagger._sum(state, f) for f in name_tagger.features(words, "ar")]
    for got, want in zip(name_tagger._emissions(words, "ar"), expected):
        assert got == pytest.approx(want, abs=1e-9)


@needs_ar
def test_viterbi_and_marginals_match_brute_force():
    words = normalise("التقى الرئيس بشار الأسد").split()
    em = name_tagger._emissions(words, "ar")
    trans = name_tagger._model("ar")[1]
    scores = {}
    for path in itertools.product(range(3), repeat=len(words)):
        scores[path] = sum(em[t][y] for t, y in enumerate(path)) + sum(
            trans[a][b] for a, b in itertools.pairwise(path))
    best = max(scores, key=scores.get)
    assert name_tagger.tags(words, "ar") == [name_tagger.LABELS[y] for y in best]
    z = sum(math.exp(s) for s in scores.values())
    person = [sum(math.exp(s) for p, s in scores.items() if p[t] != 0) / z for t in range(len(words))]
    assert name_tagger.person_probabilities(words, "ar") == pytest.approx(person, abs=1e-9)


@needs_ar
def test_person_spans_are_offsets_into_the_normalised_text():
    text = "قال الرئيس السوري بشار الأسد إن وزير الخارجية وليد المعلم سيزور طهران"
    norm = normalise(text)
    assert [norm[a:b] for a, b in name_tagger.person_spans(text, "ar")] == ["بشار الاسد", "وليد المعلم"]


@needs_ar
@pytest.mark.parametrize(("text", "rules", "with_tagger"), [
    # the rules end the name a word short; the tagger reads it whole
    ("وقال سفير الأردن زيد بن رعد الحسين إن الاتفاق مهم.", ["زيد بن رعد"], ["زيد بن رعد الحسين"]),
    # the rules leave a bare first name out ("لويس" is no official); the tagger reads the name
    ("وأعلن الرئيس البرازيلي لويس لولا دا سيلفا أمس أن بلاده ستشارك.", [], ["لويس لولا دا سيلفا"]),
    # a title the rules left without a name: the tagger's name right before or after it
    ("وقال رومانو برودي رئيس المفوضية الأوروبية إن الاتفاق مهم.", [], ["رومانو برودي"]),
    ("وقال المتحدث باسم الوزارة باتريك دورتون إن الشركة ستتعاون.", [], ["باتريك دورتون"]),
])
def test_second_opinion(text, rules, with_tagger):
    doc = Document(text, language="ar")
    assert [r["name"] for r in officials.extract(doc, second_opinion=False)] == rules
    assert [r["name"] for r in officials.extract(doc, second_opinion=True)] == with_tagger


@needs_ar
def test_second_opinion_leaves_latin_names_alone():
    doc = Document("وقال وزير الاتصالات الإيراني Mohammad-Javad Azari-Jahromi إن التعاون مهم.", language="ar")
    assert [r["name"] for r in officials.extract(doc, second_opinion=True)] == [
        r["name"] for r in officials.extract(doc, second_opinion=False)]


def test_setting_reads_the_environment(monkeypatch):
    monkeypatch.setenv("TECHDIPLOMACY_NAME_TAGGER", "0")
    assert Settings().name_tagger is False
    monkeypatch.setenv("TECHDIPLOMACY_NAME_TAGGER", "1")
    assert Settings().name_tagger is True
    assert "name_tagger" in Settings.help()
