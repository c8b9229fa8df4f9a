"""Build at scale: generate corpora of N articles from real ones, build each in a subprocess and
report build time, articles/s, peak memory of the build's process tree, store size, and the
dashboard's server time for the overview and for a filter change (Streamlit AppTest).

    .venv/bin/python benchmarks/bench_scale.py --sizes 10000,100000,1000000 [--keep DIR]
    .venv/bin/python benchmarks/bench_scale.py --dashboard-only STORE

Each generated article has a new id (its text is new), the title of one real ANT article, and a
text made of one sentence from each of 8 to 16 random real articles, each losing about one
word in six, shuffled; dates spread
over 2019-2025 and the six ANT sources. Near-duplicate grouping should therefore fold almost
none of them: the report says how many it folded. A corpus is one ``corpus.jsonl.gz`` per size
(``--layout gz``, the default: read as users will run it, streamed), or a folder of JSONL files
of 2,000 records (``--layout files``, as before the readers streamed), in a scratch folder under /tmp.

Targets (issue #7): 100k -> 1M takes <= 12x the time; peak RSS < 4 GB at 1M; a filter change
< 1 s of server time at 1M.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ant_news  # noqa: E402

PER_FILE = 2000
#: Real articles one generated article draws a sentence from (a million articles made of 7,400
#: must reuse each sentence often; one sentence per source keeps what two texts share small).
SOURCES_PER_ARTICLE = (8, 16)
#: Each drawn sentence loses each word with this chance: at a million articles every real sentence
#: is drawn about 200 times, and exact copies would make texts that share one sentence (pairs
#: growing with n^2, unlike a real corpus, where such sharing is boilerplate or a republished
#: story) the bulk of near-duplicate candidates.
DROP = 1 / 6
YEARS = range(2019, 2026)
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|\n+")
#: A piece longer than this many words is cut further (some texts have no sentence marks).
_MAX_WORDS = 40
_PIECE_WORDS = 25


def sentences(text: str) -> list[str]:
    """Return the sentences of a real article; long runs without a mark are cut into pieces."""
    out = []
    for sentence in _SENTENCE_END.split(text):
        words = sentence.split()
        if len(words) <= _MAX_WORDS:
            if words:
                out.append(" ".join(words))
            continue
        out.extend(" ".join(words[i : i + _PIECE_WORDS]) for i in range(0, len(words), _PIECE_WORDS))
    return out


def generated_records(n: int, seed: int = 0):
    """Yield N new article records made from real ones (see the module docstring)."""
    rows = ant_news()
    pieces = [sentences(r["text"]) for r in rows]
    sources = sorted({r["source"] for r in rows if r["source"]})
    rng = random.Random(seed)
    for i in range(n):
        base = rng.randrange(len(rows))
        drawn = []
        for j in [base] + [rng.randrange(len(rows)) for _ in range(rng.randint(*SOURCES_PER_ARTICLE) - 1)]:
            words = rng.choice(pieces[j]).split()
            kept = [w for w in words if rng.random() >= DROP] if len(words) > 3 else words
            drawn.append(" ".join(kept or words))
        rng.shuffle(drawn)
        paragraphs = [" ".join(drawn[k : k + 4]) for k in range(0, len(drawn), 4)]
        year = rng.choice(YEARS)
        yield {
            "title": rows[base].get("title") or f"article {i}",
            "text": "\n".join(paragraphs),
            "source": rng.choice(sources),
            "published": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "url": f"https://example.org/scale/{seed}/{i}",
            "language": "ar",
        }


def write_corpus(folder: Path, n: int, seed: int = 0) -> int:
    """Write N generated articles as JSONL files of PER_FILE lines; return the bytes written."""
    folder.mkdir(parents=True, exist_ok=True)
    out, written = None, 0
    for i, record in enumerate(generated_records(n, seed)):
        if i % PER_FILE == 0:
            if out:
                out.close()
            out = open(folder / f"part-{i // PER_FILE:05d}.jsonl", "w", encoding="utf-8")
        line = json.dumps(record, ensure_ascii=False) + "\n"
        written += out.write(line)
    if out:
        out.close()
    return written


def write_archive(path: Path, n: int, seed: int = 0) -> int:
    """Write N generated articles as one JSONL.gz at ``path``; return the uncompressed bytes written."""
    written = 0
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as out:
        for record in generated_records(n, seed):
            written += out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return written


def ensure_corpus(folder: Path, n: int, layout: str = "gz") -> Path:
    """Return the N-article corpus (the .jsonl.gz, or the folder of files), written unless an earlier run left it."""
    marker = folder / "COMPLETE"
    if not (marker.exists() and marker.read_text().strip() == f"{n} {layout}"):
        shutil.rmtree(folder, ignore_errors=True)
        if layout == "gz":
            folder.mkdir(parents=True, exist_ok=True)
            write_archive(folder / "corpus.jsonl.gz", n)
        else:
            write_corpus(folder, n)
        marker.write_text(f"{n} {layout}")
    return folder / "corpus.jsonl.gz" if layout == "gz" else folder


def _tree_sample(root, cpu: dict[int, float]) -> int:
    """Return the summed RSS (bytes) of ``root`` and all its descendants (psutil), and note
    each one's CPU seconds so far in ``cpu`` (by pid; the last sample of an exited one stays)."""
    total = 0
    for proc in [root, *root.children(recursive=True)]:
        try:
            total += proc.memory_info().rss
            times = proc.cpu_times()
            cpu[proc.pid] = times.user + times.system
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return total


def run_build(corpus: Path, store: Path, log: Path, workers: int) -> dict:
    """Build ``store`` from ``corpus`` in a subprocess; return its time, the time of each stage
    (from its progress lines, stamped as they arrive), and the peak RSS of its process tree."""
    for path in (store, store.with_name(store.name + ".wal")):
        path.unlink(missing_ok=True)
    command = [sys.executable, "-m", "techdiplomacy", "build", str(corpus), "--store", str(store), "--workers", str(workers)]
    start = time.perf_counter()
    stages: dict[str, float] = {}
    with open(log, "w") as handle:
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT, text=True)

        def copy() -> None:
            for line in proc.stdout:
                elapsed = time.perf_counter() - start
                stages.setdefault(line.split(":", 1)[0], elapsed)
                handle.write(f"{elapsed:9.1f}s {line}")
                handle.flush()

        reader = threading.Thread(target=copy, daemon=True)
        reader.start()
        root, peak, cpu = psutil.Process(proc.pid), 0, {}
        while proc.poll() is None:
            peak = max(peak, _tree_sample(root, cpu))
            time.sleep(0.5)
        reader.join()
    seconds = time.perf_counter() - start
    if proc.returncode:
        raise RuntimeError(f"build failed ({proc.returncode}), see {log}")
    # Stage times: extraction until topics start, topics until near-duplicates, then the
    # near-duplicates until the dashboard's tables, which run to the end.
    marks = [stages.get("topics", seconds), stages.get("near-duplicates", seconds), stages.get("dashboard tables", seconds), seconds]
    # CPU seconds tell the build's own cost on a machine shared with other jobs.
    return {
        "build_s": seconds,
        "extract_s": marks[0],
        "topics_s": marks[1] - marks[0],
        "near_duplicates_s": marks[2] - marks[1],
        "dashboard_tables_s": marks[3] - marks[2],
        "cpu_s": sum(cpu.values()),
        "peak_rss_mb": peak / 1e6,
    }


def store_facts(store: Path) -> dict:
    """Return the store's size on disk, article count and how many near-duplicate grouping folded."""
    import duckdb

    size = sum(p.stat().st_size for p in (store, store.with_name(store.name + ".wal")) if p.exists())
    with duckdb.connect(str(store), read_only=True) as con:
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        folded = con.execute("SELECT count(*) FROM near_duplicates WHERE article_id <> group_id").fetchone()[0]
    return {"store_mb": size / 1e6, "articles": articles, "folded": folded}


def measure_dashboard(store: Path) -> dict:
    """Return the dashboard's server times on ``store``, measured in a fresh subprocess."""
    out = subprocess.run(
        [sys.executable, __file__, "--measure-dashboard", str(store)],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "TECHDIPLOMACY_STORE": str(store)},
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode or not lines:
        return {"dashboard_error": (out.stderr or out.stdout).strip().splitlines()[-1:] or ["no output"]}
    return json.loads(lines[-1])


def _dashboard_times(store: Path) -> dict:
    """In this process: first render of the overview, then a country filter change (AppTest)."""
    from streamlit.testing.v1 import AppTest

    os.environ["TECHDIPLOMACY_STORE"] = str(store)
    os.environ.setdefault("TECHDIPLOMACY_DATA", tempfile.mkdtemp(prefix="td-empty-"))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=1800)
    start = time.perf_counter()
    at.run()
    overview = time.perf_counter() - start
    assert not at.exception, [e.value for e in at.exception]
    countries = at.sidebar.multiselect[0]
    # options are shown as "Iraq (IRQ)"; the widget's value is the code (selecting the shown
    # label selects nothing, and then the "change" measures no change at all)
    shown = next(o for o in countries.options if "(IRQ)" in o or "(SAU)" in o or "(EGY)" in o)
    target = shown.rsplit("(", 1)[-1].rstrip(")")
    start = time.perf_counter()
    countries.select(target).run()
    change = time.perf_counter() - start
    assert not at.exception, [e.value for e in at.exception]
    assert target in str(dict(at.query_params)), "the country filter did not apply"
    # a text search on top of the country filter (the stored normalised text is scanned)
    search = next(t for t in at.sidebar.text_input if "search" in t.label.lower())
    start = time.perf_counter()
    search.set_value("الإنترنت").run()
    searched = time.perf_counter() - start
    assert not at.exception, [e.value for e in at.exception]
    return {"overview_s": overview, "filter_change_s": change, "search_s": searched}


def _print_table(rows: list[dict]) -> None:
    head = (f"{'articles':>10} {'build s':>9} {'CPU s':>8} {'art/s':>7} {'peak RSS MB':>12} {'store MB':>9} {'folded':>7} "
            f"{'overview s':>11} {'filter s':>9} {'search s':>9}")
    print(head)
    for r in rows:
        print(
            f"{r.get('articles') or r['n']:>10,} {r.get('build_s', float('nan')):>9.1f} {r.get('cpu_s', float('nan')):>8.0f} "
            f"{r.get('articles_per_s', float('nan')):>7.0f} "
            f"{r.get('peak_rss_mb', float('nan')):>12.0f} {r.get('store_mb', float('nan')):>9.0f} {r.get('folded', -1):>7} "
            f"{r.get('overview_s', float('nan')):>11.2f} {r.get('filter_change_s', float('nan')):>9.2f} "
            f"{r.get('search_s', float('nan')):>9.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="corpus sizes, comma-separated")
    parser.add_argument("--workers", type=int, default=2, help="build --workers")
    parser.add_argument("--scratch", default="/tmp/scale", help="folder for the generated corpora")
    parser.add_argument(
        "--layout", choices=["gz", "files"], default="gz",
        help="one .jsonl.gz per size (default) or a folder of 2,000-line JSONL files",
    )
    parser.add_argument("--keep", metavar="DIR", help="keep the stores in DIR (default: deleted)")
    parser.add_argument("--json", default=None, help="write the results here (default: SCRATCH/bench_scale.json)")
    parser.add_argument("--dashboard-only", metavar="STORE", help="only measure the dashboard on an existing store")
    parser.add_argument("--skip-dashboard", action="store_true")
    parser.add_argument("--corpus-only", metavar="DIR", help="only write a corpus of the first size to DIR")
    parser.add_argument("--measure-dashboard", metavar="STORE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_dashboard:
        print(json.dumps(_dashboard_times(Path(args.measure_dashboard))))
        return
    if args.corpus_only:
        n = int(args.sizes.split(",")[0])
        start = time.perf_counter()
        ensure_corpus(Path(args.corpus_only), n, args.layout)
        size = sum(p.stat().st_size for p in Path(args.corpus_only).glob("*.jsonl*"))
        print(f"{n:,} articles, {size / 1e6:.0f} MB in {time.perf_counter() - start:.1f} s")
        return
    scratch = Path(args.scratch)
    scratch.mkdir(parents=True, exist_ok=True)
    out_json = Path(args.json or scratch / "bench_scale.json")
    if args.dashboard_only:
        store = Path(args.dashboard_only)
        row = {"n": None, **store_facts(store), **measure_dashboard(store)}
        _print_table([row])
        out_json.write_text(json.dumps([row], indent=1))
        return
    rows = []
    for n in [int(x) for x in args.sizes.split(",")]:
        corpus = ensure_corpus(scratch / f"corpus-{n}-{args.layout}", n, args.layout)
        keep = Path(args.keep) if args.keep else scratch
        keep.mkdir(parents=True, exist_ok=True)
        store = keep / f"store-{n}.duckdb"
        row = {"n": n, "workers": args.workers, "layout": args.layout, "rss_source": "psutil, main + all descendant processes"}
        row.update(run_build(corpus, store, scratch / f"build-{n}.log", args.workers))
        row.update(store_facts(store))
        row["articles_per_s"] = row["articles"] / row["build_s"]
        if not args.skip_dashboard:
            row.update(measure_dashboard(store))
        rows.append(row)
        print(json.dumps(row), flush=True)
        out_json.write_text(json.dumps(rows, indent=1))
        if not args.keep:
            store.unlink(missing_ok=True)
    _print_table(rows)
    for small, large in zip(rows, rows[1:]):
        ratio = large["build_s"] / small["build_s"]
        print(f"{small['n']:,} -> {large['n']:,}: {ratio:.1f}x the time for {large['n'] / small['n']:.0f}x the articles")
    print(f"results: {out_json}")


if __name__ == "__main__":
    main()
