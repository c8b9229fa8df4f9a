"""Filters that never surprise: a typed exact name selects that country only, and a click on
a heatmap cell filters to its country and sector."""

from __future__ import annotations

TIMEOUT = 120_000


def test_typing_a_name_and_enter_selects_that_country_only(app_url, page):
    page.goto(app_url, timeout=TIMEOUT)
    box = page.get_by_test_id("stMultiSelect").filter(has_text="Partner country")
    box.get_by_role("combobox").click()
    page.keyboard.type("Iran")
    page.get_by_role("option", name="Iran (IRN)").wait_for(timeout=TIMEOUT)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function("location.search.includes('country=')", timeout=TIMEOUT)
    assert page.evaluate("new URLSearchParams(location.search).getAll('country')") == ["IRN"]
    assert page.outside_requests == [], page.outside_requests


def test_the_store_in_use_is_named_in_the_sidebar(app_url, page):
    page.goto(app_url, timeout=TIMEOUT)
    page.get_by_test_id("stSidebar").get_by_text("e2e.duckdb", exact=False).wait_for(timeout=TIMEOUT)


def test_clicking_a_heatmap_cell_filters_to_its_country_and_sector(app_url, page):
    page.goto(f"{app_url}/countries", timeout=TIMEOUT)
    heatmap = page.locator(".js-plotly-plot").nth(1)
    cell = heatmap.locator(".scatterlayer .point").first
    cell.wait_for(state="attached", timeout=TIMEOUT)
    for _ in range(10):
        box = cell.bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        try:
            page.wait_for_function("location.search.includes('sector=')", timeout=6_000)
            break
        except Exception:  # noqa: BLE001 - Plotly's click handler was not attached yet: click again
            continue
    page.wait_for_function("location.search.includes('sector=') && location.search.includes('country=')", timeout=TIMEOUT)
    params = page.evaluate("Object.fromEntries(['country','sector'].map(k => [k, new URLSearchParams(location.search).getAll(k)]))")
    assert len(params["country"]) == 1 and len(params["sector"]) == 1
    assert page.outside_requests == [], page.outside_requests
