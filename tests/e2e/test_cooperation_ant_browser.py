"""The Cooperation page in headless Chromium on a store of ≥ 2,000 real articles (the ANT Arabic
news export), in en/ar/fa: no error box, both charts drawn, partners by name, a click on a
timeline mark shows its thread, nothing leaves the machine; a screenshot of each language in
tests/e2e/artifacts/ to look at. Skipped when the shared data is absent.

``TECHDIPLOMACY_ANT_STORE`` may name a store already built from the export (building it takes
minutes): ``techdiplomacy build ../shared/data/ant-arabic-news.jsonl.gz --store PATH``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ant_store import ant_store

from .conftest import ARTIFACTS, CHROMIUM, DRAWN_BAR, ROOT, dashboard

ANT = ROOT.parent / "shared" / "data" / "ant-arabic-news.jsonl.gz"
TIMEOUT = 180_000
THREAD = {"en": "Evidence of a thread", "ar": "أدلة مسار", "fa": "شواهد یک رشته"}
BILATERAL = {"en": "Bilateral view", "ar": "العلاقات الثنائية", "fa": "نمای دوجانبه"}
HINT = {"en": "Click a mark on the timeline", "ar": "انقر على علامة في الخط الزمني", "fa": "روی نشانه‌ای در خط زمانی کلیک کنید"}
pytestmark = pytest.mark.skipif(not ANT.exists(), reason=f"{ANT} is absent (shared evaluation data)")


@pytest.fixture(scope="module")
def ant_url(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    store = ant_store(tmp_path_factory)  # built once per session, shared with the other ANT tests
    yield from dashboard(tmp_path_factory, store, tmp_path_factory.mktemp("none"))


@pytest.mark.parametrize("lang", ["en", "ar", "fa"])
def test_cooperation_page_on_real_articles(ant_url, page, lang):
    page.goto(f"{ant_url}/cooperation?lang={lang}", timeout=TIMEOUT)
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2", timeout=TIMEOUT)
    first = page.locator(".js-plotly-plot").first
    # a drawn bar: a stage with no thread has a zero-width bar, hidden to the browser
    page.wait_for_function(DRAWN_BAR, timeout=TIMEOUT)
    page.get_by_text(HINT[lang]).wait_for(timeout=TIMEOUT)
    assert page.get_by_test_id("stException").count() == 0
    ticks = first.locator(".ytick text").all_text_contents()
    assert ticks and not any(t.strip("\u2066\u2067\u2068\u2069 ").isupper() for t in ticks), ticks  # names, not ISO3
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"cooperation-ant-{lang}.png"), full_page=True)
    timeline = page.locator(".js-plotly-plot").nth(1)
    point = timeline.locator(".scatterlayer .trace .points path").last
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_text(HINT[lang]).wait_for(state="detached", timeout=TIMEOUT)
    chooser = page.get_by_test_id("stSelectbox").filter(has_text=THREAD[lang])
    pytest.importorskip("playwright.sync_api").expect(chooser).to_have_count(1, timeout=TIMEOUT)
    assert page.get_by_test_id("stException").count() == 0
    timeline.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"cooperation-ant-{lang}-clicked.png"), full_page=True)
    page.get_by_role("heading", name=BILATERAL[lang]).scroll_into_view_if_needed()
    page.locator(".js-plotly-plot").nth(2).locator(".main-svg").first.wait_for(timeout=TIMEOUT)  # its sectors chart
    page.screenshot(path=str(ARTIFACTS / f"cooperation-ant-{lang}-bilateral.png"), full_page=True)
    assert page.outside_requests == [], page.outside_requests
