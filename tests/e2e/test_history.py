"""Browser history: each filter change is an entry; going back shows the earlier view."""

from __future__ import annotations

from tests.e2e.test_browser import TIMEOUT, _metric


def test_back_button_returns_to_the_previous_filters(app_url, page):
    page.goto(f"{app_url}/?country=TUR", timeout=TIMEOUT)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=TIMEOUT)
    entries = page.evaluate("history.length")
    countries = page.get_by_test_id("stMultiSelect").filter(has_text="Partner country")
    countries.get_by_role("combobox").click()
    page.get_by_role("option", name="Iraq (IRQ)").click()
    page.keyboard.press("Escape")
    page.wait_for_function("location.search.includes('IRQ')", timeout=TIMEOUT)
    page.wait_for_function(
        "[...document.querySelectorAll('[data-testid=stMetricValue]')].some(e => e.textContent.trim() === '2')",
        timeout=TIMEOUT,
    )
    page.wait_for_function("n => history.length > n", arg=entries, timeout=TIMEOUT)  # the new entry
    page.go_back()
    page.wait_for_function("!location.search.includes('IRQ') && location.search.includes('TUR')", timeout=TIMEOUT)
    page.wait_for_function(
        "[...document.querySelectorAll('[data-testid=stMetricValue]')].some(e => e.textContent.trim() === '1')",
        timeout=TIMEOUT,
    )
    assert _metric(page, "Articles") == "1"
    assert page.outside_requests == [], page.outside_requests
