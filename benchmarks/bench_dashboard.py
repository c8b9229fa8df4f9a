"""Dashboard at scale: build a store of N real articles, then time the first render of the
overview and a filter change (Streamlit AppTest, server time), in one run.

    .venv/bin/python benchmarks/bench_dashboard.py [--n 50000]
    .venv/bin/python benchmarks/bench_dashboard.py --store PATH   # measure an existing store
    .venv/bin/python benchmarks/bench_dashboard.py --replicate STORE --n 100000 --store OUT

``--replicate`` makes a large store fast, without extracting again: every row of a built store
(say the ANT corpus, 7,266 articles) is copied under new article ids (``id~k``), dated ``k``
years later, until about N articles, and the dashboard tables are derived again. Counts per
article and their spread are those of real news; only the texts repeat (so near-duplicate
grouping, which ran on the source, is copied, not run).

Articles come from ../shared/data/ant-arabic-news.jsonl.gz; past the corpus size, new articles
are made of a third of the words of each of three articles, in shuffled order (so near-duplicate
grouping does not fold them back into 7,400). Target: a filter change
re-renders in under 1 s of server time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ant_news, peak_rss_mb  # noqa: E402


def _similar_length(rows: list[dict], base: dict, rng: random.Random) -> dict:
    """Return a random other article at least about as long as ``base`` (a few tries)."""
    size = len(base["text"].split())
    for _ in range(20):
        other = rows[rng.randrange(len(rows))]
        if len(other["text"].split()) >= 0.8 * size:
            return other
    return other


def write_corpus(folder: Path, n: int, seed: int = 0) -> None:
    """Write N articles as JSONL files of 1,000 lines each (under the 20 MB file limit), dated over 2023-2024."""
    rows = ant_news()
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    out = None
    for i in range(n):
        if i % 1000 == 0:
            if out:
                out.close()
            out = open(folder / f"part-{i // 1000:04d}.jsonl", "w", encoding="utf-8")
        base = rows[i % len(rows)]
        sentences = [s for s in base["text"].split(".") if s.strip()]
        if i >= len(rows):
            # A new article, not a near-duplicate of any: a third of the words of each of three
            # articles (sentence marks are too rare in some texts to cut by sentence).
            pieces = []
            for other in (base, _similar_length(rows, base, rng), _similar_length(rows, base, rng)):
                words = other["text"].split()
                third = max(1, len(words) // 3)
                start = rng.randrange(max(1, len(words) - third + 1))
                pieces.append(" ".join(words[start : start + third]))
            rng.shuffle(pieces)
            sentences = [". ".join(pieces)]
        text = f"{base.get('title') or ''} ({i})\n\n" + ".".join(sentences)
        day = 1 + (i % 28)
        month = 1 + (i // 28) % 12
        year = 2023 + (i // 336) % 2
        record = {"title": base.get("title") or f"article {i}", "text": text, "source": base.get("source", ""),
                  "published": f"{year}-{month:02d}-{day:02d}", "language": "ar"}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    out.close()


def rss_mb() -> float:
    """Return this process's current resident memory in MB (Linux), else the peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_rss_mb()


def near_duplicate_folds(store: Path) -> int:
    """Return how many articles near-duplicate grouping folds into others (read in DuckDB)."""
    import duckdb

    with duckdb.connect(str(store), read_only=True) as con:
        return con.execute("SELECT count(*) FROM near_duplicates WHERE article_id <> group_id").fetchone()[0]


#: Columns holding article ids, per table (each copy renames them).
ID_COLUMNS = {
    "articles": ("article_id",), "mentions": ("article_id",), "officials": ("article_id",), "figures": ("article_id",),
    "cooperation": ("article_id",), "article_topics": ("article_id",), "passage_topics": ("article_id",),
    "near_duplicates": ("article_id", "group_id"),
}


def replicate_store(source: Path, target: Path, n: int) -> int:
    """Write ``target``: the store ``source`` with its per-article rows copied until about
    ``n`` articles (copy ``k`` renames ids to ``id~k`` and moves dates ``k`` years on), its
    dashboard tables derived again. Return the number of articles."""
    import shutil

    import duckdb

    from techdiplomacy.store.database import Store

    shutil.copy(source, target)
    with duckdb.connect(str(target)) as con:
        base = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        copies = max(1, -(-n // base))
        for table, ids in ID_COLUMNS.items():
            columns = [r[0] for r in con.execute(f'DESCRIBE "{table}"').fetchall()]
            for k in range(1, copies):
                def value(column: str) -> str:
                    if column in ids:
                        return f"\"{column}\" || '~{k}'"
                    if column == "published":
                        return f"\"{column}\" + INTERVAL {k} YEAR"
                    return f'"{column}"'

                select = ", ".join(value(c) for c in columns)
                con.execute(f'INSERT INTO "{table}" SELECT {select} FROM "{table}" WHERE NOT contains(article_id, \'~\')')
    with Store(target) as store:
        store.store_dashboard_tables(built_at=time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime()))
        return store.count("articles")


def measure(store: Path, corpus: Path | None) -> dict:
    """Return {step: seconds} of the overview's first render, a rerun and four filter changes
    (country, + sector, + a search, - sector) under Streamlit AppTest (each with the sidebar's
    facet counts), plus RSS figures (MB)."""
    from streamlit.testing.v1 import AppTest

    os.environ["TECHDIPLOMACY_STORE"] = str(store)
    if corpus is not None:
        os.environ["TECHDIPLOMACY_DATA"] = str(corpus)
    results = {"RSS before the app (MB)": rss_mb()}
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=1800)
    start = time.perf_counter()
    at.run()
    results["first render (overview, cold cache)"] = time.perf_counter() - start
    assert not at.exception, [e.value for e in at.exception]
    start = time.perf_counter()
    at.run()
    results["rerun, same filters"] = time.perf_counter() - start
    countries = at.sidebar.multiselect[0]
    # options are shown as "Iraq (IRQ) — 120"; the widget's value is the code
    shown = next(o for o in countries.options if "(IRQ)" in o or "(SAU)" in o or "(EGY)" in o)
    target = shown.split(" (", 1)[1][:3]
    start, cpu = time.perf_counter(), time.process_time()
    countries.select(target).run()
    results["filter change (country)"] = time.perf_counter() - start
    results["  its CPU seconds (all threads)"] = time.process_time() - cpu
    assert target in str(dict(at.query_params)), "the country filter did not apply"
    sectors = at.sidebar.multiselect[1]
    start, cpu = time.perf_counter(), time.process_time()
    sectors.select(top_sector(store)).run()
    results["filter change (+ sector)"] = time.perf_counter() - start
    results["  its CPU seconds (all threads) "] = time.process_time() - cpu
    assert "sector" in dict(at.query_params), "the sector filter did not apply"
    start, cpu = time.perf_counter(), time.process_time()
    at.sidebar.text_input[0].input("إيران").run()  # a search on top: one scan of the texts
    results["filter change (+ search)"] = time.perf_counter() - start
    results["  its CPU seconds (all threads)  "] = time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    at.sidebar.multiselect[1].set_value([]).run()  # the search's hits are kept: no new scan
    results["filter change (- sector, search kept)"] = time.perf_counter() - start
    results["  its CPU seconds (all threads)   "] = time.process_time() - cpu
    assert not at.exception, [e.value for e in at.exception]
    results["RSS after (MB)"] = rss_mb()
    return results


def top_sector(store: Path) -> str:
    """Return the sector most articles of ``store`` mention (the sector filter's first option)."""
    from techdiplomacy.warehouse import query

    con = query.open_store(store)
    try:
        return query.options(query.cursor(con))["sectors"][0]
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=50_000, help="articles to generate and build (ignored with an existing --store)")
    parser.add_argument("--store", help="measure this store; built here first (from --n articles) if it does not exist")
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--replicate", help="make the --store of about --n articles by copying the rows of this built store")
    args = parser.parse_args()
    from techdiplomacy.store.builder import build

    work = Path(tempfile.mkdtemp(prefix="td-bench-"))
    store = Path(args.store) if args.store else work / "store.duckdb"
    corpus = None
    results = {}
    if not store.exists() and args.replicate:
        start = time.perf_counter()
        replicate_store(Path(args.replicate), store, args.n)
        results["replicate store"] = time.perf_counter() - start
    elif not store.exists():
        corpus = work / "corpus"
        start = time.perf_counter()
        write_corpus(corpus, args.n)
        results["write corpus"] = time.perf_counter() - start
        start = time.perf_counter()
        summary = build([corpus], store, workers=args.workers)
        results["store build"] = time.perf_counter() - start
        print(f"built: {summary.as_dict()}", file=sys.stderr)
    import duckdb

    with duckdb.connect(str(store), read_only=True) as con:
        n_articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    results.update(measure(store, corpus))
    print(f"near-duplicate grouping folds {near_duplicate_folds(store):,} articles into others")
    print(f"articles: {n_articles:,}  store: {store.stat().st_size / 1e6:.0f} MB  peak RSS: {peak_rss_mb():.0f} MB")
    for name, value in results.items():
        unit = "MB" if "MB" in name else "s"
        print(f"{name:<40}{value:>9.2f} {unit}")
    worst = max(v for k, v in results.items() if k.startswith("filter change"))
    verdict = "OK" if worst < 1.0 else "OVER"
    print(f"target: filter change < 1 s server time -> slowest {worst:.2f} s {verdict}")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
