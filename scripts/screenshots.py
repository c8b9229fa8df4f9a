"""Regenerate the dashboard screenshots: every page in each UI language, as optimised PNGs.

    python scripts/screenshots.py                      # the shipped sample -> docs/screenshots/
    python scripts/screenshots.py --store my.duckdb --out /tmp/shots --langs en,ar,fa

Starts ``streamlit run dashboard.py`` on a free loopback port (on ``--store``, or on a fresh
store built from ``data/articles`` in a temporary folder), opens each page in Debian's Chromium
through Playwright (never a downloaded browser; every request off loopback is refused), waits
until the page has stopped changing, and saves ``<page>-<lang>.png``: ``--width`` pixels wide,
at most ``--max-height`` tall, reduced to a 256-colour palette. Prints one line per file.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
#: (file name, URL path) of every page, in the navigation's order (dashboard.py).
PAGES = (
    ("overview", ""), ("countries", "countries"), ("sectors", "sectors"), ("officials", "officials"),
    ("figures", "figures"), ("cooperation", "cooperation"), ("topics", "topics"), ("articles", "articles"),
    ("data", "data"), ("add", "add"),
)
SETTLED = """() => {
  const busy = document.querySelector('[data-testid="stStatusWidget"]');
  const skeleton = document.querySelector('[data-testid="stSkeleton"]');
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  const drawn = plots.every(p => p.querySelector('.main-svg'));
  return !busy && !skeleton && drawn && document.body.scrollHeight + ':' + plots.length;
}"""


TALL = """() => {
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const side = document.querySelector('[data-testid="stSidebarContent"]');
  return Math.ceil(Math.max(main ? main.scrollHeight + 40 : 0, side ? side.scrollHeight : 0));
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(store: Path, log: Path) -> tuple[subprocess.Popen, str]:
    """Start the dashboard on ``store``; return the process and its URL once it answers."""
    port = free_port()
    path = os.pathsep.join(p for p in (str(ROOT / "lib"), os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "TECHDIPLOMACY_STORE": str(store), "PYTHONPATH": path}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"error: the dashboard did not start; see {log}")


def wait_settled(page, *, timeout: float = 180.0, quiet: float = 2.0) -> None:
    """Wait until the page shows no spinner or skeleton, every chart is drawn, and its height
    and number of charts have not changed for ``quiet`` seconds."""
    deadline, last, since = time.monotonic() + timeout, None, time.monotonic()
    while time.monotonic() < deadline:
        state = page.evaluate(SETTLED)
        if state != last:
            last, since = state, time.monotonic()
        elif state and time.monotonic() - since >= quiet:
            return
        page.wait_for_timeout(250)
    raise SystemExit(f"error: {page.url} did not settle in {timeout:.0f} s")


def optimise(path: Path, max_height: int) -> int:
    """Crop ``path`` to ``max_height`` pixels, reduce it to 256 colours; return its size in bytes."""
    from PIL import Image

    with Image.open(path) as image:
        image = image.convert("RGB")
        if image.height > max_height:
            image = image.crop((0, 0, image.width, max_height))
        image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)
    return path.stat().st_size


def shoot(url: str, out: Path, langs: list[str], pages: list[str], width: int, max_height: int) -> list[Path]:
    """Save a screenshot of each of ``pages`` in each of ``langs`` under ``out``."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written, outside = [], []

    def guard(route):
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOOPBACK:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        context = browser.new_context(viewport={"width": width, "height": 900})
        context.route("**/*", guard)
        page = context.new_page()
        for name, slug in PAGES:
            if name not in pages:
                continue
            for lang in langs:
                page.set_viewport_size({"width": width, "height": 900})
                page.goto(f"{url}/{slug}?lang={lang}", timeout=180_000)
                page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=180_000)
                wait_settled(page)
                # the main column scrolls inside the window: grow the window to its height
                height = page.evaluate(TALL)
                page.set_viewport_size({"width": width, "height": min(max(height, 900), max_height)})
                wait_settled(page, quiet=1.0)
                path = out / f"{name}-{lang}.png"
                page.screenshot(path=str(path), full_page=True)
                size = optimise(path, max_height)
                written.append(path)
                print(f"{path} {size / 1024:.0f} KB", flush=True)
        browser.close()
    if outside:
        raise SystemExit(f"error: the pages asked for {len(outside)} addresses off this machine, e.g. {outside[0]}")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="the DuckDB store shown (default: a fresh one of data/articles)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots", help="folder of the PNGs")
    parser.add_argument("--langs", default="en,ar", help="UI languages, comma separated (en, ar, fa)")
    parser.add_argument("--pages", default=",".join(name for name, _ in PAGES), help="pages, comma separated")
    parser.add_argument("--width", type=int, default=1280, help="browser width in pixels")
    parser.add_argument("--max-height", type=int, default=3000, help="crop taller pages to this many pixels")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print("error: Debian's chromium is not installed (apt-get install chromium fonts-noto-core)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="techdiplomacy-shots-") as tmp:
        store = args.store.resolve() if args.store else Path(tmp) / "techdiplomacy.duckdb"
        if args.store is None:
            env = {**os.environ, "PYTHONPATH": str(ROOT / "lib")}
            subprocess.run([sys.executable, "-m", "techdiplomacy", "build", str(ROOT / "data" / "articles"), "--store", str(store)],
                           cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        proc, url = start_app(store, Path(tmp) / "streamlit.log")
        try:
            shoot(url, args.out, args.langs.split(","), args.pages.split(","), args.width, args.max_height)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
