"""Shared helpers for benchmarks: the real corpus, timing, memory."""

from __future__ import annotations

import gzip
import json
import resource
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT / ".." / "shared" / "data"
ANT_NEWS = SHARED_DATA / "ant-arabic-news.jsonl.gz"


def require(path: Path) -> Path:
    """Return ``path``, or exit cleanly with a message when the shared data is absent."""
    if not path.exists():
        print(f"skipped: {path} is not here (the shared evaluation data lives beside the repo)")
        raise SystemExit(0)
    return path


def ant_news(limit: int | None = None) -> list[dict]:
    """Return the labelled Arabic news articles (docno, label, title, text, ...)."""
    rows = []
    with gzip.open(require(ANT_NEWS), "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("text"):
                rows.append(row)
            if limit and len(rows) >= limit:
                break
    return rows


@contextmanager
def timer(results: dict, name: str):
    """Record the wall time of the block in ``results[name]`` (seconds)."""
    start = time.perf_counter()
    yield
    results[name] = time.perf_counter() - start


def peak_rss_mb() -> float:
    """Return this process's peak resident memory in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024
