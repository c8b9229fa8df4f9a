"""The Cooperation page in headless Chromium, in en/ar/fa: both charts render, partners by
name, the timeline hover holds the date, stage and evidence, and no request leaves the machine."""

from __future__ import annotations

import re

import pytest

TIMEOUT = 120_000
ARMENIA = {"en": "Armenia", "ar": "أرمينيا", "fa": "ارمنستان"}
STAGE = {"en": "Stage", "ar": "المرحلة", "fa": "مرحله"}


@pytest.mark.parametrize("lang", ["en", "ar", "fa"])
def test_cooperation_page_renders_in_every_language(app_url, page, lang):
    query = "" if lang == "en" else f"?lang={lang}"
    page.goto(f"{app_url}/cooperation{query}", timeout=TIMEOUT)
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2", timeout=TIMEOUT)
    page.wait_for_selector(".js-plotly-plot .barlayer .point path", timeout=TIMEOUT)
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
