"""The pages' chart controls: the period and measure of charts over time, the unit and measure
of figures, the people network's size (AppTest, no browser)."""

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    base = tmp_path_factory.mktemp("charts")
    corpus = base / "articles"
    corpus.mkdir()
    for path in list((ROOT / "data" / "articles").glob("*.md")) + list((ROOT / "tests" / "fixtures" / "articles").glob("*.md")):
        shutil.copy(path, corpus)
    return {"TECHDIPLOMACY_DATA": str(corpus), "TECHDIPLOMACY_STORE": str(base / "store.duckdb")}


def _app(monkeypatch, env, page: str, lang: str = "en") -> AppTest:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _figures(at: AppTest) -> dict:
    out = {}
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        out[spec["layout"]["meta"]["chart"]] = spec
    return out


@pytest.mark.parametrize(("page", "key", "chart"), [
    ("overview", "over-time", "articles_over_time"),
    ("sectors", "time", "sectors_over_time"),
    ("topics", "time", "topics_over_time"),
])
def test_period_and_share_change_the_chart_over_time(monkeypatch, env, page, key, chart):
    at = _app(monkeypatch, env, page)
    monthly = _figures(at)[chart]
    assert monthly["layout"]["xaxis"]["tickformat"] == "%Y-%m"
    at.radio(key=f"{key}-freq").set_value("Y").run()
    yearly = _figures(at)[chart]
    assert yearly["layout"]["xaxis"]["tickformat"] == "%Y"
    at.radio(key=f"{key}-measure").set_value("share").run()
    assert not at.exception
    share = _figures(at)[chart]
    assert share["layout"]["yaxis"]["tickformat"] == ".0%"
    values = [y for trace in share["data"] for y in trace["y"] if y is not None]
    assert values and all(0 <= y <= 1 for y in values)


def test_period_and_measure_choices_are_in_the_display_language(monkeypatch, env):
    at = _app(monkeypatch, env, "overview", lang="ar")
    freq, measure = at.radio(key="over-time-freq"), at.radio(key="over-time-measure")
    assert freq.label == "الفترة" and "شهر" in freq.options and "سنة" in freq.options
    assert "النسبة من العرض" in measure.options


def test_figures_compare_one_unit_and_one_measure(monkeypatch, env):
    at = _app(monkeypatch, env, "figures")
    measure = at.selectbox[1]
    assert measure.label.startswith("Measure")
    fig = _figures(at)["figures_by_unit"]
    chosen = measure.value
    stated = {row[5] or "" for trace in fig["data"] for row in trace["customdata"]}
    assert stated == {chosen}
    assert fig["layout"]["height"] <= 750
    assert (chosen or "Figures naming no measure") in fig["layout"]["title"]["text"]
    assert all(row[2] is None or row[1] <= row[2] for trace in fig["data"] for row in trace["customdata"])  # evidence spans


def test_the_people_network_names_at_most_twenty(monkeypatch, env):
    at = _app(monkeypatch, env, "officials")
    figs = _figures(at)
    people = [t for t in figs["officials_network"]["data"] if t.get("mode") == "markers+text"]
    assert 0 < sum(len(t["x"]) for t in people) <= 20
    assert all(len(t["text"]) == len(t["x"]) for t in people)
    assert figs["officials_by_role"]["layout"]["barmode"] == "group"
