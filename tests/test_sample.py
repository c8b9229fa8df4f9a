"""Acceptance: `techdiplomacy extract data/articles --format json` on the shipped sample."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SECTORS = {
    "telecom_infrastructure", "internet_transit", "data_centres", "ict_parks", "cybersecurity",
    "e_government", "space", "artificial_intelligence", "post", "e_commerce", "startups",
    "digital_content", "education_technology",
}


@pytest.fixture(scope="module")
def output() -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "techdiplomacy", "extract", str(ROOT / "data" / "articles"), "--format", "json"],
        capture_output=True, text=True, check=True, cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "lib"), "PATH": "/usr/bin:/bin"},
    )
    return json.loads(done.stdout)


def test_tables_and_article(output):
    assert set(output) == {"articles", "mentions", "officials", "figures", "errors"}
    assert output["errors"] == []
    (article,) = output["articles"]
    assert article["language"] == "ar"
    assert article["source"] == "الوفاق"
    assert article["url"] == "https://al-vefagh.net/?p=224281"
    assert article["published"] is None


def test_countries_places_sectors(output):
    mentions = output["mentions"]
    countries = {m["key"] for m in mentions if m["kind"] == "country"}
    places = {(m["surface"], m["country"]) for m in mentions if m["kind"] == "place"}
    sectors = {m["key"] for m in mentions if m["kind"] == "sector"}
    assert countries == {"IRN", "ARM"}
    assert places == {("طهران", "IRN"), ("دبي", "ARE")}
    assert sectors == SECTORS


def test_every_span_reads_as_written(output):
    text = output["articles"][0]["text"]
    for table in ("mentions", "officials", "figures"):
        for row in output[table]:
            assert text[row["start"] : row["end"]] == row["surface"], row
            assert row["surface"] in row["sentence"]


SEED = ROOT / ".." / "shared" / "data" / "seed" / "al-vefagh-224281-original.txt"


def _rows(text: str) -> dict:
    from techdiplomacy.extract import figures, officials, places, sectors
    from techdiplomacy.text.document import Document

    doc = Document(text, language="ar")
    return {
        "officials": {(r["name"], r["role"], r["country"]) for r in officials.extract(doc)},
        "figures": {(r["value"], r["unit"]) for r in figures.extract(doc)},
        "countries": {r["key"] for r in places.extract(doc) if r["kind"] == "country"},
        "sectors": {r["key"] for r in sectors.extract(doc)},
    }


@pytest.mark.skipif(not SEED.exists(), reason="the shared data (../shared/data/seed) is not beside the repo")
def test_the_original_article_gives_the_rows_of_its_rewording(output):
    # the sample is a rewording of a real Al-Vefagh article: the original, as the outlet
    # wrote it, must give the same officials, figure, countries and sectors
    original = _rows(SEED.read_text(encoding="utf-8"))
    (article,) = output["articles"]
    assert original == _rows(article["text"])
    assert original["sectors"] == SECTORS
    assert len(original["officials"]) == 4 and len(original["figures"]) == 1
