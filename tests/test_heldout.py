"""Quality floors on the blind held-out gold (tests/heldout: written from TAXONOMY only, never
used to tune the extractors). The floors sit a little under the scores first measured, so a
change that loses quality fails here; raise them as the extractors improve."""

from pathlib import Path

import pytest

from techdiplomacy.evaluate import evaluate

HELDOUT = Path(__file__).resolve().parent / "heldout"

#: (extractor, field) -> lowest F1 allowed in each language.
FLOORS = {
    ("countries", "iso3"): 0.96,
    ("sectors", "sector"): 0.80,
    ("officials", "name+role+country"): 0.75,
    ("figures", "value+unit"): 0.85,
}


@pytest.fixture(scope="module")
def scores():
    return evaluate(HELDOUT, by_language=True)


@pytest.mark.parametrize("language", ["ar", "fa", "en"])
@pytest.mark.parametrize(("extractor", "field"), list(FLOORS))
def test_f1_floor_per_language(scores, language, extractor, field):
    row = scores[(scores["language"] == language) & (scores["extractor"] == extractor) & (scores["field"] == field)]
    assert len(row) == 1
    assert row["n_gold"].iloc[0] > 0
    assert row["f1"].iloc[0] >= FLOORS[(extractor, field)], row.to_dict("records")
