"""Filters that never surprise: a typed exact name selects that country only, and a click on
a heatmap cell filters to its country and sector."""

from __future__ import annotations

import re

import pytest

from techdiplomacy.i18n import labels
from techdiplomacy.i18n.phrases import t

TIMEOUT = 120_000
ISOLATES = re.compile("[\u2066-\u2069]")


def _settled(page) -> None:
    """Wait until the page has run to its end (a chart drawn, no script running)."""
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=TIMEOUT)
    page.wait_for_function("!document.querySelector('[data-testid=stStatusWidgetRunningIcon]')", timeout=TIMEOUT)
    page.wait_for_function("document.querySelectorAll('[data-testid=stSidebar] [data-testid=stMultiSelect]').length == 5", timeout=TIMEOUT)


def _box(page, key: str, lang: str):
    """The sidebar multiselect labelled by phrase ``key`` in ``lang``."""
    return page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text=t(key, lang))


def _options(page) -> dict[str, int]:
    """{option name: count} of the open dropdown (options read "name — n")."""
    page.get_by_role("option").first.wait_for(timeout=TIMEOUT)
    texts = [ISOLATES.sub("", s).strip() for s in page.get_by_role("option").all_inner_texts()]
    return {s.rsplit(" — ", 1)[0]: int(s.rsplit(" — ", 1)[1].replace(",", "")) for s in texts if " — " in s}


# English: the typed name in test_typing_a_name_and_enter_selects_that_country_only; the counts
# are the same query in every language, read here right-to-left (CI's 20 minutes are counted)
@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_options_show_counts_and_a_typed_name_selects_it_alone(app_url, page, lang):
    page.goto(f"{app_url}/?lang={lang}" if lang != "en" else app_url, timeout=TIMEOUT)
    _settled(page)
    _box(page, "partner_country", lang).get_by_role("combobox").click()
    countries = _options(page)
    iran = labels.name("country", "IRN", lang)
    assert countries[f"{iran} (IRN)"] == 6  # every article of the corpus names Iran
    assert list(countries.values()) == sorted(countries.values(), reverse=True)
    page.keyboard.type(iran)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function("location.search.includes('country=')", timeout=TIMEOUT)
    assert page.evaluate("new URLSearchParams(location.search).getAll('country')") == ["IRN"]
    # the counts follow the view: with Armenia, each sector counts Armenia's articles only
    page.goto(f"{app_url}/?country=ARM" + (f"&lang={lang}" if lang != "en" else ""), timeout=TIMEOUT)
    _settled(page)
    _box(page, "sector", lang).get_by_role("combobox").click()
    sectors = _options(page)
    assert sectors[labels.name("sector", "space", lang)] == 1 and max(sectors.values()) == 1
    if lang != "en":
        page.keyboard.press("Escape")
        placeholders = page.evaluate("[...document.querySelectorAll('[data-testid=stSidebar] input[placeholder]')].map(e => e.placeholder)")
        assert t("choose", lang) in placeholders and "Choose options" not in placeholders
        assert "Choose options" not in page.get_by_test_id("stSidebar").inner_text()
    assert page.outside_requests == [], page.outside_requests


def test_typing_a_name_and_enter_selects_that_country_only(app_url, page):
    page.goto(app_url, timeout=TIMEOUT)
    _settled(page)
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
