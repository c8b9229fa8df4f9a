"""The real app in headless Chromium: filter by a country, see the charts change, download a
CSV and a PNG and read them, and prove that no request left the machine."""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
TIMEOUT = 120_000  # generous: CI machines are shared and slow at times


def _metric(page, label: str) -> str:
    box = page.get_by_test_id("stMetric").filter(has_text=label).first
    return box.get_by_test_id("stMetricValue").inner_text().strip()


def _wait_for_charts(page) -> None:
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=TIMEOUT)
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length >= 3", timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")


TICKS = ".js-plotly-plot .ytick text, .js-plotly-plot .xtick text"


def _bar_labels(page) -> list[str]:
    return page.eval_on_selector_all(TICKS, "els => els.map(e => e.textContent)")


def test_filter_download_and_offline(app_url, page, tmp_path):
    page.goto(app_url, timeout=TIMEOUT)
    _wait_for_charts(page)
    page.wait_for_function(
        "[...document.querySelectorAll('[data-testid=stMetricValue]')].some(e => e.textContent.trim() === '6')",
        timeout=TIMEOUT,
    )
    assert _metric(page, "Articles") == "6"
    before = _bar_labels(page)
    if os.environ.get("TECHDIPLOMACY_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "overview.png"), full_page=True)

    # pick a partner country in the sidebar
    countries = page.get_by_test_id("stMultiSelect").filter(has_text="Partner country")
    countries.get_by_role("combobox").click()
    page.get_by_role("option", name="Türkiye (TUR)").click()
    page.keyboard.press("Escape")
    page.wait_for_function(
        "[...document.querySelectorAll('[data-testid=stMetricValue]')].some(e => e.textContent.trim() === '1')",
        timeout=TIMEOUT,
    )
    assert _metric(page, "Articles") == "1"
    assert "country=TUR" in page.url
    # the charts change with the filter (Türkiye's article has fewer sectors and months)
    page.wait_for_function(
        """([sel]) => {
            const ticks = [...document.querySelectorAll(sel)].map(e => e.textContent);
            return ticks.includes('Cybersecurity') && !ticks.includes('Postal services');
        }""",
        arg=[TICKS],
        timeout=TIMEOUT,
    )
    after = _bar_labels(page)
    assert after != before
    assert "Cybersecurity" in after and "Postal services" not in after

    # download the sectors chart's data (CSV) and image (PNG)
    page.get_by_text("Download").nth(1).click()
    with page.expect_download(timeout=TIMEOUT) as csv_download:
        page.get_by_test_id("stDownloadButton").filter(has_text="CSV").nth(1).click()
    csv_path = tmp_path / csv_download.value.suggested_filename
    csv_download.value.save_as(csv_path)
    assert "country-TUR" in csv_path.name
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert {row["sector"] for row in rows} >= {"cybersecurity", "e_government"}
    with page.expect_download(timeout=120_000) as png_download:
        page.get_by_test_id("stDownloadButton").filter(has_text="PNG").nth(1).click()
    png_path = tmp_path / "chart.png"
    png_download.value.save_as(png_path)
    assert png_path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert png_path.stat().st_size > 5_000

    assert page.outside_requests == [], page.outside_requests


def test_countries_page_map_renders_offline(app_url, page):
    page.goto(f"{app_url}/countries", timeout=TIMEOUT)
    page.wait_for_selector(".js-plotly-plot .geo, .js-plotly-plot .choroplethlayer", timeout=TIMEOUT)
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .choroplethlayer path').length > 3", timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")
    if os.environ.get("TECHDIPLOMACY_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "countries.png"), full_page=True)
    assert page.outside_requests == [], page.outside_requests
    assert re.search(r"/countries", page.url)


def test_clicking_a_bar_filters_to_it(app_url, page):
    page.goto(f"{app_url}/sectors", timeout=TIMEOUT)
    page.wait_for_selector(".js-plotly-plot .barlayer .point path", timeout=TIMEOUT)
    # "networkidle" never settles on some runs (a page's iframes keep it busy), so instead of
    # waiting for the network, click until Plotly's selection handler has been attached
    bar = page.locator(".js-plotly-plot").first.locator(".barlayer .point path").first
    for _ in range(10):
        box = bar.bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        try:
            page.wait_for_function("location.search.includes('sector=')", timeout=6_000)
            break
        except Exception:  # noqa: BLE001 - the handler was not attached yet: click again
            continue
    page.wait_for_function("location.search.includes('sector=')", timeout=TIMEOUT)
    page.wait_for_function(
        "[...document.querySelectorAll('[data-testid=stCaptionContainer]')].some(e => e.textContent.includes('sector is'))",
        timeout=TIMEOUT,
    )
    assert page.outside_requests == [], page.outside_requests

