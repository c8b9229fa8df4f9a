"""The shared keyword pass finds, for every source, exactly what a pass of that source alone finds,
and the rows extracted with and without it are the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from techdiplomacy import tables
from techdiplomacy.extract import keywords
from techdiplomacy.readers.corpus import read_file
from techdiplomacy.text.document import Document

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.md")) + sorted((ROOT / "data" / "articles").glob("*.md"))
PATTERNS = dict(zip(tables.keyword_pass().sources, tables.keyword_pass()._patterns))


#: Texts that hold what the fixtures lack (the heads of names a place may stand in).
EXTRA = [
    "وقال رئيس جامعة طهران إن البنك المركزي العراقي سيدعم المشروع.",
    "رئیس دانشگاه تهران و مدیر بانک ملی ایران در نشست حضور داشتند.",
    "The head of Tehran University met officials of the Central Bank of Iraq.",
]


def _texts() -> list[str]:
    out = list(EXTRA)
    for path in TEXTS:
        out.extend(a.text for a in read_file(path) if hasattr(a, "text"))
    return out


@pytest.mark.parametrize("source", sorted(PATTERNS))
def test_shared_pass_hits_equal_a_pass_of_one_source(source):
    texts = _texts()
    assert texts
    found = 0
    for text in texts:
        alone = keywords.hits(Document(text), source, PATTERNS[source])
        shared = keywords.hits(Document(text, keywords=tables.keyword_pass()), source, PATTERNS[source])
        assert shared == alone
        found += len(alone)
    assert found > 0, f"no {source} keyword in the fixtures: the comparison proves nothing"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["ایران", "إيران", "Iran", "Armenia", "أرمينيا", " خمسة ", "وزير", "الاتصالات",
                                 "data centre", "مرکز داده", "قال", "گفت", "بنك", " ", "،", "\n", "5", "٪"]),
                max_size=30))
def test_shared_pass_equals_single_passes_on_any_mix(words):
    text = " ".join(words)
    for source, patterns in PATTERNS.items():
        assert keywords.hits(Document(text, keywords=tables.keyword_pass()), source, patterns) == \
            keywords.hits(Document(text), source, patterns)


def test_a_pass_refuses_leading_space_patterns_outside_word_start_sources():
    bad = keywords.KeywordPass({"x": lambda: {" x": 1}})
    with pytest.raises(ValueError, match="may start with a space"):
        bad.automaton()


def test_rows_are_the_same_with_and_without_the_shared_pass():
    articles = [a for path in TEXTS for a in read_file(path) if hasattr(a, "text")]
    for article in articles:
        doc_shared = Document(article.text, article_id=article.article_id, language=article.language,
                              keywords=tables.keyword_pass())
        doc_alone = Document(article.text, article_id=article.article_id, language=article.language)
        for _table, extractor in tables.EXTRACTORS:
            if _table == "mentions":
                assert extractor(doc_shared) == extractor(doc_alone)
            else:
                mentions = tables.EXTRACTORS[0][1](doc_alone)
                assert extractor(doc_shared, mentions) == extractor(doc_alone, mentions)
