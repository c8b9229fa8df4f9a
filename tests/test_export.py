import csv
import io
import json
import os
import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from techdiplomacy import charts, export, schema
from techdiplomacy.export import BOM, FORMULA_TRIGGERS
from techdiplomacy.i18n.labels import PDI, RLI
from techdiplomacy.warehouse.filters import Filters

HAS_CHROMIUM = bool(os.environ.get("BROWSER_PATH") or shutil.which("chromium") or shutil.which("chromium-browser"))
needs_chromium = pytest.mark.skipif(
    not HAS_CHROMIUM, reason="Kaleido needs a Chromium: apt-get install -y chromium (CI installs it)"
)


def mentions() -> pd.DataFrame:
    return schema.conform(
        "mentions",
        [
            {"article_id": "a1", "kind": "country", "key": "ARM", "label": "Armenia", "country": "ARM",
             "surface": "أرمينيا", "start": 30, "end": 37, "sentence": "تطوير التعاون بين إيران وأرمينيا"},
            {"article_id": "a2", "kind": "country", "key": "TUR", "label": "Türkiye", "country": "TUR",
             "surface": "=HYPERLINK(\"http://x\")", "start": 0, "end": 5, "sentence": "-5% growth, +3 points\nsecond line"},
        ],
    )


def partner_counts() -> pd.DataFrame:
    """The partner counts of :func:`mentions` (what the pages give the map and the bars)."""
    from techdiplomacy.warehouse import counts as wc
    from techdiplomacy.warehouse import query as wh

    con = wh.connect({"articles": schema.conform("articles", [{"article_id": "a1"}, {"article_id": "a2"}]), "mentions": mentions()})
    return wc.country_counts(con, wh.ALL)


def read_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# --- CSV ---------------------------------------------------------------------------------------


def test_csv_starts_with_bom_and_uses_schema_order():
    frame = mentions()[["sentence", "article_id", "key"]]  # shuffled, columns missing
    data = export.table_csv(frame, "mentions")
    assert data.startswith(BOM)
    assert read_rows(data)[0] == schema.columns("mentions")


def test_csv_without_table_keeps_the_frame_columns():
    frame = pd.DataFrame({"country": ["ARM"], "n_articles": [3]})
    assert read_rows(export.table_csv(frame))[0] == ["country", "n_articles"]


def test_csv_keeps_extra_columns_after_the_schema_ones():
    frame = mentions().assign(note="x")
    assert read_rows(export.table_csv(frame, "mentions"))[0] == schema.columns("mentions") + ["note"]


def test_csv_neutralises_formulas_in_text_only():
    frame = pd.DataFrame(
        {
            "text": ["=1+1", "+cmd", "-5%", "@SUM(A1)", "\tx", "\rx", "＝1", "safe", "سلام", None],
            "number": [-5, 3, -1, 0, 1, 2, 3, 4, 5, 6],
            "value": [-5.5, 1.0, None, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0],
        }
    )
    rows = read_rows(export.table_csv(frame))[1:]
    assert [r[0] for r in rows] == ["'=1+1", "'+cmd", "'-5%", "'@SUM(A1)", "'\tx", "'\rx", "'＝1", "safe", "سلام", ""]
    assert [r[1] for r in rows][:3] == ["-5", "3", "-1"]  # numbers stay numbers
    assert rows[0][2] == "-5.5" and rows[2][2] == ""


def test_csv_neutralises_strings_in_mixed_and_categorical_columns():
    frame = pd.DataFrame(
        {"mixed": pd.Series(["=x", -5, "ok", 2.5], dtype=object), "cat": pd.Categorical(["@a", "b", "+c", "b"])}
    )
    rows = read_rows(export.table_csv(frame))[1:]
    assert [r[0] for r in rows] == ["'=x", "-5", "ok", "2.5"]
    assert [r[1] for r in rows] == ["'@a", "b", "'+c", "b"]


def test_csv_round_trips_with_pandas():
    frame = mentions().iloc[:1]
    back = pd.read_csv(io.BytesIO(export.table_csv(frame, "mentions")), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert back.loc[0, "surface"] == "أرمينيا"
    assert back.loc[0, "sentence"] == "تطوير التعاون بين إيران وأرمينيا"
    assert back.loc[0, "start"] == "30"
    articles = schema.conform("articles", [{"article_id": "a1", "title": "عنوان", "published": pd.Timestamp("2024-01-15"), "n_chars": 10}])
    back = pd.read_csv(io.BytesIO(export.table_csv(articles, "articles")), encoding="utf-8-sig", parse_dates=["published"])
    assert back.loc[0, "published"] == pd.Timestamp("2024-01-15") and back.loc[0, "n_chars"] == 10


def test_csv_keeps_multiline_cells_whole():
    rows = read_rows(export.table_csv(mentions(), "mentions"))
    assert len(rows) == 3
    assert rows[2][schema.columns("mentions").index("sentence")] == "'-5% growth, +3 points\nsecond line"


def test_csv_of_an_empty_table_is_its_header():
    assert read_rows(export.table_csv(schema.empty("figures"), "figures")) == [schema.columns("figures")]


cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.one_of(cells, st.none()), st.integers(-10**9, 10**9), st.floats(allow_nan=False, allow_infinity=False, width=32)),
             min_size=1, max_size=8)
)
def test_no_text_cell_starts_with_a_formula_trigger(rows):
    frame = pd.DataFrame(rows, columns=["text", "number", "value"]).astype({"text": "string"})
    parsed = read_rows(export.table_csv(frame))
    assert parsed[0] == ["text", "number", "value"]
    body = parsed[1:]
    assert len(body) == len(rows)
    for (text, number, value), out in zip(rows, body):
        assert not out[0].startswith(FORMULA_TRIGGERS)
        expected = "" if text is None else ("'" + text if text.startswith(FORMULA_TRIGGERS) else text)
        assert out[0] == expected
        assert int(out[1]) == number  # a negative number is still a number
        assert float(out[2]) == pytest.approx(value, rel=1e-6, abs=1e-30)


# --- file names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "what, filters, ext, expected",
    [
        ("mentions", Filters(countries=("ARM",), sectors=("cybersecurity",), date_from=date(2024, 1, 1), date_to=date(2024, 12, 31)), "csv",
         "mentions__country-ARM__sector-cybersecurity__2024-01-01_2024-12-31.csv"),
        ("articles", Filters(), ".csv", "articles.csv"),
        ("articles", None, "csv", "articles.csv"),
        ("partner map", Filters(countries=("ARM", "TUR"), date_from=date(2024, 1, 1)), "png", "partner-map__country-ARM-TUR__from-2024-01-01.png"),
        ("figures", Filters(date_to=date(2024, 6, 30), languages=("ar", "fa"), topics=(3,)), "svg", "figures__lang-ar-fa__topic-3__to-2024-06-30.svg"),
        ("x", Filters(query="data centre"), "csv", "x__q-data-centre.csv"),
    ],
)
def test_export_filename(what, filters, ext, expected):
    assert export.export_filename(what, filters, ext) == expected


def test_export_filename_is_safe_for_any_source_or_query():
    name = export.export_filename("../مقالات", Filters(sources=("الوفاق", "Tehran Times"), query="أمن/<script>"), "csv")
    assert re.fullmatch(r"[A-Za-z0-9_.-]+", name), name
    assert "Tehran-Times" in name and "/" not in name and not name.startswith(".")
    other = export.export_filename("../مقالات", Filters(sources=("ایرنا",)), "csv")
    assert other != export.export_filename("../مقالات", Filters(sources=("الوفاق",)), "csv")  # hashes differ


def test_export_filename_is_capped():
    filters = Filters(countries=tuple(f"A{a}{b}" for a in "ABCDEFGHIJ" for b in "ABCDEFGHIJ"))
    name = export.export_filename("mentions", filters, "csv")
    assert len(name) <= export.MAX_FILENAME and name.endswith(".csv")
    assert name != export.export_filename("mentions", filters.replace(countries=filters.countries[:-1]), "csv")


# --- figures -----------------------------------------------------------------------------------


def arabic_bars() -> go.Figure:
    return charts.mentions_by_country(partner_counts(), lang="ar")


def test_html_is_self_contained():
    html = export.figure_html(arabic_bars()).decode("utf-8")
    assert not re.search(r"<script[^>]+src=[\"']?https?:", html, re.I)
    assert not re.search(r"<link[^>]+href=[\"']?https?:", html, re.I)
    assert "Plotly.newPlot" in html or "Plotly.react" in html
    assert "window.PlotlyGeoAssets=Object.assign" not in html  # no map, no topojson injected


def test_html_of_a_map_inlines_the_topojson():
    html = export.figure_html(charts.partner_map(partner_counts())).decode("utf-8")
    match = re.search(r'window\.PlotlyGeoAssets=Object\.assign\(window\.PlotlyGeoAssets\|\|\{\},\{topojson:\{"world_50m":', html)
    assert match
    assert html.index("PlotlyGeoAssets") < html.index("</head>")
    assert not re.search(r"<script[^>]+src=[\"']?https?:", html, re.I)


def test_topojson_files_are_shipped():
    for name in ("world_50m", "world_110m"):
        topo = json.loads((export.TOPOJSON_DIR / f"{name}.json").read_text())
        assert topo["type"] == "Topology" and "countries" in topo["objects"]
    ids = {g.get("id") for g in json.loads((export.TOPOJSON_DIR / "world_50m.json").read_text())["objects"]["countries"]["geometries"]}
    assert {"IRN", "ARM", "BHR", "TUR"} <= ids  # Bahrain: why 50m


@needs_chromium
def test_png_and_svg_with_arabic_labels():
    fig = arabic_bars()
    png = export.figure_png(fig, width=800, height=500, scale=1)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    svg = export.figure_svg(fig).decode("utf-8")
    assert svg.lstrip().startswith("<svg")
    # Arabic stays text, in logical order (the isolates are invisible marks around it)
    assert "أرمينيا" in svg and "المقالات التي تذكر كل بلد" in svg
    assert f"{RLI}أرمينيا{PDI}" in svg


@needs_chromium
def test_map_exports_offline_with_the_shipped_topojson():
    before = pio.defaults.topojson
    svg = export.figure_svg(charts.partner_map(partner_counts())).decode("utf-8")
    # one path per country drawn from the topojson: Iran and the two partners are shaded
    assert len(re.findall(r'class="choroplethlocation"', svg)) >= 3
    assert pio.defaults.topojson == before  # plotly's process-wide default left alone


@needs_chromium
def test_evidence_bundle_with_images():
    fig = arabic_bars()
    manifest = export.bundle_manifest(Filters(countries=("ARM",), lang="ar"), corpus_version="c0ffee")
    data = export.evidence_bundle(fig, pd.DataFrame({"country": ["ARM"], "n_articles": [1]}), mentions(), manifest, evidence_table="mentions")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == sorted(export.BUNDLE_FILES)
        assert archive.read("chart.png").startswith(b"\x89PNG")
        assert b"<svg" in archive.read("chart.svg")[:200]


def test_evidence_bundle_contents_and_manifest():
    fig = arabic_bars()
    data = export.evidence_bundle(fig, pd.DataFrame({"country": ["ARM"], "n_articles": [1]}), mentions(),
                                  {"filters": {"country": ["ARM"]}, "corpus_version": "c0ffee", "chart": "mentions_by_country"},
                                  evidence_table="mentions", images=False)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert names == ["chart.html", "data.csv", "evidence.csv", "manifest.json"]
        manifest = json.loads(archive.read("manifest.json"))
        evidence = archive.read("evidence.csv")
        data_csv = archive.read("data.csv")
    assert {"filters", "corpus_version", "tool_version", "created", "schema_version", "files"} <= set(manifest)
    assert manifest["filters"] == {"country": ["ARM"]} and manifest["corpus_version"] == "c0ffee"
    assert manifest["chart"] == "mentions_by_country" and manifest["files"] == names
    assert evidence.startswith(BOM) and read_rows(evidence)[0] == schema.columns("mentions")
    assert read_rows(data_csv) == [["country", "n_articles"], ["ARM", "1"]]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", manifest["created"])


def test_bundle_manifest_records_the_filters():
    manifest = export.bundle_manifest(Filters(countries=("ARM",), date_from=date(2024, 1, 1)), corpus_version="v1")
    assert manifest["filters"] == {"country": ["ARM"], "from": "2024-01-01"}
    assert manifest["description"].startswith("All articles") is False
    assert "country is" in manifest["description"] and manifest["corpus_version"] == "v1"
    assert manifest["tool_version"]


@needs_chromium
def test_html_map_renders_in_a_browser_with_no_network(tmp_path):
    """The exported HTML of a map draws its countries from the inlined topojson, asking no
    host at all (a fresh browser context, every non-file request refused and recorded)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test dependency")
    page_path = tmp_path / "map.html"
    page_path.write_bytes(export.figure_html(charts.partner_map(partner_counts(), lang="ar")))
    executable = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    requested = []

    def route(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            requested.append(route.request.url)
            route.abort()

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"],
        )
        try:
            context = browser.new_context()
            context.route("**/*", route)
            page = context.new_page()
            page.goto(page_path.as_uri())
            page.locator("path.choroplethlocation").first.wait_for(state="attached", timeout=15000)
            shaded = page.locator("path.choroplethlocation").count()
            title_text = page.locator(".gtitle").text_content()
        finally:
            browser.close()
    assert shaded == 3  # Iran, Armenia, Türkiye
    assert requested == []
    assert "البلدان الشريكة" in title_text


def test_csv_chunks_equal_one_csv_of_the_whole_table():
    frame = mentions()
    whole = export.table_csv(frame, "mentions")
    assert b"".join(export.csv_chunks([frame.iloc[:1], frame.iloc[1:]], "mentions")) == whole
    assert b"".join(export.csv_chunks([], "mentions")) == export.table_csv(schema.empty("mentions"), "mentions")


def test_image_export_problem_names_what_is_missing(monkeypatch):
    # on this machine Kaleido is installed (a runtime dependency) and Chromium is found
    if export.image_export_problem() is None:
        monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
        problem = export.image_export_problem()
        assert problem and "chromium" in problem.lower() and "BROWSER_PATH" in problem
    else:
        assert "pip install kaleido" in export.image_export_problem() or "chromium" in export.image_export_problem().lower()


def test_kaleido_is_a_runtime_dependency():
    import tomllib

    project = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())["project"]
    assert any(d.startswith("kaleido") for d in project["dependencies"])
