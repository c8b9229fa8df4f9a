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
