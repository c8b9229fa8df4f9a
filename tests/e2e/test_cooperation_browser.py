"""The Cooperation page in headless Chromium, in en/ar/fa: both charts render, partners by
name, the timeline hover holds the date, stage and evidence, and no request leaves the machine."""

from __future__ import annotations

import re

import pytest

from .conftest import DRAWN_BAR

TIMEOUT = 120_000
ARMENIA = {"en": "Armenia", "ar": "أرمينيا", "fa": "ارمنستان"}
STAGE = {"en": "Stage", "ar": "المرحلة", "fa": "مرحله"}


@pytest.mark.parametrize("lang", ["en", "ar", "fa"])
def test_cooperation_page_renders_in_every_language(app_url, page, lang):
    query = "" if lang == "en" else f"?lang={lang}"
    page.goto(f"{app_url}/cooperation{query}", timeout=TIMEOUT)
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2", timeout=TIMEOUT)
    # the pipeline's bars (the bilateral view below has bars too)
    page.wait_for_function(DRAWN_BAR, timeout=TIMEOUT)
    # the partner's name among the pipeline's ticks (wait: the bilateral view's sector ticks may come first)
    seen = "name => [...document.querySelectorAll('.js-plotly-plot .ytick text')].some(e => e.textContent.includes(name))"
    page.wait_for_function(seen, arg=ARMENIA[lang], timeout=TIMEOUT)
    ticks = page.eval_on_selector_all(".js-plotly-plot .ytick text", "els => els.map(e => e.textContent)")
    assert any(ARMENIA[lang] in t for t in ticks), ticks
    assert not any(t.strip() == "ARM" for t in ticks)
    timeline = page.locator(".js-plotly-plot").nth(1)
    point = timeline.locator(".scatterlayer .trace .points path").first
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector(".hoverlayer .hovertext", timeout=TIMEOUT)
    shown = page.locator(".hoverlayer .hovertext").first.text_content()
    assert STAGE[lang] in shown and re.search(r"\d{4}-\d{2}-\d{2}", shown), shown
    assert page.outside_requests == [], page.outside_requests


THREAD = {"en": "Evidence of a thread", "ar": "أدلة مسار", "fa": "شواهد یک رشته"}
HINT = {"en": "Click a mark on the timeline", "ar": "انقر على علامة في الخط الزمني", "fa": "روی نشانه‌ای در خط زمانی کلیک کنید"}


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_a_click_on_a_timeline_mark_shows_its_threads_evidence(app_url, page, lang):
    query = "" if lang == "en" else f"?lang={lang}"
    page.goto(f"{app_url}/cooperation{query}", timeout=TIMEOUT)
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2", timeout=TIMEOUT)
    page.get_by_text(HINT[lang]).wait_for(timeout=TIMEOUT)
    timeline = page.locator(".js-plotly-plot").nth(1)
    timeline.locator(".scatterlayer .trace .points path").first.wait_for(timeout=TIMEOUT)
    point = timeline.locator(".scatterlayer .trace .points path").last  # the last thread's mark: not the default
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector(".hoverlayer .hovertext", timeout=TIMEOUT)
    partners = page.locator(".hoverlayer .hovertext text tspan").first.text_content().strip("\u2066\u2067\u2068\u2069 ")
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_text(HINT[lang]).wait_for(state="detached", timeout=TIMEOUT)  # the page ran again with the thread
    box = page.get_by_test_id("stSelectbox").filter(has_text=THREAD[lang])
    pytest.importorskip("playwright.sync_api").expect(box).to_have_count(1, timeout=TIMEOUT)  # the widget of the earlier run is gone
    chosen = box.evaluate("el => el.outerHTML")  # the chosen option is in the widget's markup, not its text
    assert partners and partners in chosen, (partners, chosen)
    assert page.outside_requests == [], page.outside_requests
