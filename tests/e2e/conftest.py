"""A real app in a real browser: `streamlit run` on a loopback port, Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
SAMPLE = ROOT / "data" / "articles"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = ROOT / "tests" / "e2e" / "artifacts"
# the first chart has a drawn bar (a bar of zero length, such as a stage with no thread, is hidden)
DRAWN_BAR = (
    "(() => { const p = document.querySelector('.js-plotly-plot');"
    " return p && [...p.querySelectorAll('.barlayer .point path')].some(b => b.getBBox().width > 0); })()"
)
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    """Start the dashboard on a fresh store of the sample + fixture articles; yield its URL (one
    server for the session: the tests only read, and a cold start costs seconds per module)."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    corpus = tmp_path_factory.mktemp("corpus")
    for path in list(SAMPLE.glob("*.md")) + list(FIXTURES.glob("*.md")):
        shutil.copy(path, corpus / path.name)
    store = tmp_path_factory.mktemp("store") / "e2e.duckdb"
    yield from dashboard(tmp_path_factory, store, corpus)


def dashboard(tmp_path_factory, store: Path, data: Path):
    """Run the dashboard of this checkout on ``store`` (``data``: its corpus folder) on a free
    loopback port; yield its URL once healthy, stop it after (a fixture's body)."""
    port = _free_port()
    # this checkout's lib first: an editable install elsewhere (another worktree) must not win
    path = os.pathsep.join(p for p in (str(ROOT / "lib"), os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "TECHDIPLOMACY_STORE": str(store), "TECHDIPLOMACY_DATA": str(data), "PYTHONPATH": path}
    log = open(tmp_path_factory.mktemp("log") / "streamlit.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port),
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"streamlit did not start; see {log.name}")
        time.sleep(0.3)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium for this module only (a running sync Playwright blocks others)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser, request):
    """A fresh context that records every request and aborts any that leaves loopback."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
    outside: list[str] = []

    def guard(route):
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOOPBACK:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.outside_requests = outside
    yield page
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so a failed browser test leaves a screenshot."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
