"""Build from one compressed archive: a generated ``.jsonl.gz`` of N short articles, built as a user
would (``techdiplomacy build corpus.jsonl.gz``) in a subprocess; reports the peak RSS of the
build's process tree (psutil, sampled every 0.5 s), time, and what the build read (issue #15).

    .venv/bin/python benchmarks/bench_stream.py --n 200000 [--workers 2] [--scratch /tmp/stream]

Each article is two to four sentences drawn from ANT articles (``../shared/data``), each losing
about one word in six, with a new title, date and URL. Target: peak RSS < 1.5 GB at 200,000
articles; the file is never held whole (the readers stream it), so memory grows with the build's
batch and the stored corpus's derived tables, not with the file.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scale import DROP, YEARS, sentences  # noqa: E402
from common import ant_news  # noqa: E402

TARGET_MB = 1500


def write_archive(path: Path, n: int, seed: int = 0) -> int:
    """Write N short generated articles to the JSONL.gz at ``path``; return the uncompressed bytes."""
    rows = ant_news()
    pieces = [p for p in (sentences(r["text"]) for r in rows) if p]
    rng = random.Random(seed)
    written = 0
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as out:
        for i in range(n):
            drawn = []
            for _ in range(rng.randint(2, 4)):
                words = rng.choice(rng.choice(pieces)).split()
                kept = [w for w in words if rng.random() >= DROP] if len(words) > 3 else words
                drawn.append(" ".join(kept or words))
            record = {
                "headline": f"{drawn[0][:60]} ({i})",
                "content": " ".join(drawn),
                "publish_date": f"{rng.choice(YEARS)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "url": f"https://example.org/stream/{seed}/{i}",
            }
            written += out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return written


def run(archive: Path, store: Path, log: Path, workers: int) -> dict:
    """Build ``store`` from ``archive`` in a subprocess; return time, peak RSS and the build summary."""
    for old in (store, store.with_name(store.name + ".wal")):
        old.unlink(missing_ok=True)
    command = [sys.executable, "-m", "techdiplomacy", "build", str(archive), "--store", str(store), "--workers", str(workers)]
    start = time.perf_counter()
    with open(log, "w") as handle:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=handle, cwd=ROOT)
        root, peak, cpu, last = psutil.Process(proc.pid), 0, {}, 0.0
        # by build stage (the last progress line's): the tree's peak RSS and, at that moment,
        # the build process's own and the largest other process's (a worker)
        stages: dict[str, tuple[int, int, int]] = {}
        while proc.poll() is None:
            own, others = _tree_rss(root, cpu)
            rss = own + sum(others)
            peak = max(peak, rss)
            stage = _stage(log)
            if rss > stages.get(stage, (0,))[0]:
                stages[stage] = (rss, own, max(others, default=0))
            if time.perf_counter() - last > 60:  # a running figure, for runs stopped early
                last = time.perf_counter()
                print(f"{last - start:7.0f} s  peak RSS so far {peak / 1e6:.0f} MB", flush=True)
            time.sleep(0.5)
    seconds = time.perf_counter() - start
    summary = json.loads(log.read_text().strip().splitlines()[-1]) if proc.returncode == 0 else {}
    return {"returncode": proc.returncode, "build_s": seconds, "cpu_s": sum(cpu.values()), "peak_rss_mb": peak / 1e6,
            "peak_rss_mb_by_stage": {k: round(v[0] / 1e6) for k, v in stages.items()},
            "at_stage_peak_build_and_largest_other_mb": {k: [round(v[1] / 1e6), round(v[2] / 1e6)] for k, v in stages.items()},
            **{k: summary.get(k) for k in ("read", "duplicates", "added", "errors")}}


def _tree_rss(root: psutil.Process, cpu: dict[int, float]) -> tuple[int, list[int]]:
    """Return the RSS (bytes) of ``root`` and of each of its descendants (psutil), noting each
    one's CPU seconds so far in ``cpu`` (by pid; the last sample of an exited one stays)."""
    own, others = 0, []
    for proc in [root, *root.children(recursive=True)]:
        try:
            rss = proc.memory_info().rss
            times = proc.cpu_times()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        cpu[proc.pid] = times.user + times.system
        if proc.pid == root.pid:
            own = rss
        else:
            others.append(rss)
    return own, others


def _stage(log: Path) -> str:
    """Return the stage of the build's last progress line ("extract", "topics", ...)."""
    with open(log, "rb") as handle:
        handle.seek(max(0, log.stat().st_size - 200))
        lines = handle.read().decode("utf-8", "replace").splitlines()
    return lines[-1].split(":", 1)[0] if lines else "start"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200_000, help="articles in the archive")
    parser.add_argument("--workers", type=int, default=2, help="build --workers")
    parser.add_argument("--scratch", default="/tmp/stream", help="folder for the archive, store and log")
    args = parser.parse_args()
    scratch = Path(args.scratch)
    scratch.mkdir(parents=True, exist_ok=True)
    archive = scratch / f"corpus-{args.n}.jsonl.gz"
    if not archive.exists():
        start = time.perf_counter()
        size = write_archive(archive, args.n)
        print(f"wrote {archive}: {args.n:,} articles, {size / 1e6:.0f} MB of JSONL, "
              f"{archive.stat().st_size / 1e6:.0f} MB gzipped, in {time.perf_counter() - start:.0f} s", flush=True)
    row = {"n": args.n, "workers": args.workers, **run(archive, scratch / f"store-{args.n}.duckdb", scratch / "build.log", args.workers)}
    print(json.dumps(row), flush=True)
    verdict = "under" if row["peak_rss_mb"] < TARGET_MB else "OVER"
    print(f"peak RSS {row['peak_rss_mb']:.0f} MB: {verdict} the {TARGET_MB} MB target")


if __name__ == "__main__":
    main()
