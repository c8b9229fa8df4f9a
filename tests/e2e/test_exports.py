"""Exports as a user gets them: PNG and SVG of a chart, and an evidence bundle whose
``evidence.csv`` holds the evidence rows the page lists for the same view."""

from __future__ import annotations

import csv
import io
import zipfile

TIMEOUT = 120_000


def _download(page, tmp_path, label: str, nth: int = 0):
    with page.expect_download(timeout=TIMEOUT) as download:
        page.get_by_test_id("stDownloadButton").filter(has_text=label).nth(nth).click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    return path


def test_png_svg_and_evidence_bundle_of_a_filtered_view(app_url, page, tmp_path):
    page.goto(f"{app_url}/countries?country=ARM", timeout=TIMEOUT)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=TIMEOUT)
    panel = page.get_by_test_id("stExpander").filter(has_text="Evidence sentences")
    panel.wait_for(timeout=TIMEOUT)
    listed = int(panel.first.locator("summary").inner_text().split("(")[-1].rstrip(")+ \n").replace(",", ""))
    assert listed > 0
    page.get_by_text("Download", exact=True).first.click()
    png = _download(page, tmp_path, "PNG")
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    svg = _download(page, tmp_path, "SVG")
    assert b"<svg" in svg.read_bytes()[:500]
    bundle = _download(page, tmp_path, "Evidence bundle")
    with zipfile.ZipFile(bundle) as archive:
        assert {"chart.png", "chart.svg", "evidence.csv", "data.csv", "manifest.json"} <= set(archive.namelist())
        evidence = list(csv.DictReader(io.StringIO(archive.read("evidence.csv").decode("utf-8-sig"))))
    assert len(evidence) >= listed
    assert all(row["sentence"] for row in evidence)
    assert page.outside_requests == [], page.outside_requests
