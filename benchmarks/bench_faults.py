"""Kill-and-recover cycles: SIGKILL at a random moment of `build`, `add` or `import`, with a
reader querying the store meanwhile, then the same command run again to the end.

Each cycle checks, right after the kill, that the store opens; after the recovery run, that no
article is lost (every article stored before the cycle, every one the killed run had
committed, and every file ever offered is in the store) and that every derived table is whole
(no article without topics, no stage behind the stored corpus, the dashboard tables and the
search text current and complete, the near-duplicate group of the corpus present). Prints
articles lost and derived-table defects: both must be 0.

    .venv/bin/python benchmarks/bench_faults.py --cycles 10 --seed 0

No shared data needed: the corpus is generated (English stories, one near-duplicate pair).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))

import duckdb

from techdiplomacy.readers.corpus import Article, read_paths
from techdiplomacy.store import dashboard, derived
from techdiplomacy.store.database import Store, StoreLockedError, reading

STORY = ("Iran's ICT minister met {country}'s ambassador in Tehran on day {day} to discuss data centres, internet "
         "transit through {country} to Europe, a joint cybersecurity centre and the export of Iranian software. "
         "The two sides agreed to set up working group {day} on fibre links and cloud services, item {tag}.")
COUNTRIES = ["Armenia", "Oman", "Russia", "China", "Iraq", "Turkey", "India", "Qatar"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "lib"), "TECHDIPLOMACY_WORKERS": "1", "TECHDIPLOMACY_LOCK_WAIT": "120"}


def write_articles(folder: Path, tag: str, n: int) -> None:
    """Write ``n`` distinct article files named after ``tag``."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = STORY.format(country=COUNTRIES[i % len(COUNTRIES)], day=f"{tag}-{i}", tag=f"{tag}{i}")
        (folder / f"{tag}-{i}.md").write_text(f"---\ntitle: {tag} {i}\n---\n{text}\n", encoding="utf-8")


def ids_of(folder: Path) -> set[str]:
    return {r.article_id for r in read_paths([folder]) if isinstance(r, Article)}


def cli(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "techdiplomacy", *args], env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def stored_ids(store: Path) -> set[str]:
    with Store(store, read_only=True) as s:
        return {row[0] for row in s.con.execute("SELECT article_id FROM articles").fetchall()}


def fingerprint(store: Path) -> tuple:
    wal = Path(f"{store}.wal")
    st = store.stat()
    return st.st_ino, st.st_mtime_ns, st.st_size, wal.stat().st_size if wal.exists() else -1


def defects(store: Path, with_duplicates: bool) -> list[str]:
    """Return what is not whole in the store's derived tables (empty: all whole)."""
    out = []
    with Store(store, read_only=True) as s:
        n = s.count("articles")
        if orphans := derived.without_topics(s):
            out.append(f"{len(orphans)} articles without topics")
        if behind := derived.behind(s):
            out.append(f"stages behind: {sorted(behind)}")
        if not dashboard.current(s):
            out.append("dashboard tables not current")
        searchable = s.con.execute(f"SELECT count(*) FROM {dashboard.SEARCH}").fetchall()[0][0]
        if searchable != n:
            out.append(f"search text for {searchable} of {n} articles")
        if s.count("topics") == 0:
            out.append("no topics")
        if with_duplicates and s.count("near_duplicates") == 0:
            out.append("near_duplicates empty")
    return out


class Reader(threading.Thread):
    """Queries the store in a loop, as the dashboard does: the reader's lock for each query."""

    def __init__(self, store: Path):
        super().__init__(daemon=True)
        self.store, self.stop, self.reads, self.refused, self.errors = store, threading.Event(), 0, 0, []

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                with reading(self.store), Store(self.store, read_only=True, wait_seconds=0) as s:
                    s.count("articles")
                self.reads += 1
            except StoreLockedError:
                self.refused += 1  # a writer at work: the reader is told at once, by design
            except duckdb.IOException as exc:
                if "lock" in str(exc).lower():
                    self.refused += 1
                else:
                    self.errors.append(str(exc).splitlines()[0])
            except Exception as exc:  # noqa: BLE001 -- counted and printed: the benchmark's point
                self.errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
            time.sleep(0.02)


def run_to_end(args: list[str]) -> float:
    start = time.monotonic()
    proc = cli(*args)
    _, err = proc.communicate(timeout=600)
    if proc.returncode != 0:
        raise SystemExit(f"`techdiplomacy {' '.join(args)}` failed: {err[-2000:]}")
    return time.monotonic() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cycles", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--articles", type=int, default=40, help="articles of the first build")
    opts = parser.parse_args()
    rng = random.Random(opts.seed)
    work = Path(tempfile.mkdtemp(prefix="bench_faults_"))
    try:
        corpus, store, backup = work / "corpus", work / "store.duckdb", work / "backup"
        write_articles(corpus, "base", opts.articles)
        first = next(corpus.glob("base-0.md")).read_text(encoding="utf-8")
        (corpus / "near-copy.md").write_text(first.replace("data centres", "data centers"), encoding="utf-8")
        durations = {"build": run_to_end(["build", str(corpus), "--store", str(store)])}
        with Store(store, read_only=True) as s:
            with_duplicates = s.count("near_duplicates") > 0
        offered = ids_of(corpus)
        lost = defect_count = unreadable = after_write = 0
        reader_stats = {"reads": 0, "refused": 0, "errors": []}
        print(f"base store: {len(stored_ids(store))} articles, near-duplicate rows: {with_duplicates}; work in {work}")
        for cycle in range(opts.cycles):
            op = rng.choice(["build", "add", "import"])
            tag = f"c{cycle}"
            if op == "build":
                write_articles(corpus, tag, rng.randint(3, 12))
                args = ["build", str(corpus), "--store", str(store)]
                offered |= ids_of(corpus)
            elif op == "add":
                folder = work / f"add-{tag}"
                write_articles(folder, tag, rng.randint(3, 12))
                args = ["add", str(folder), "--store", str(store)]
                offered |= ids_of(folder)
            else:
                shutil.rmtree(backup, ignore_errors=True)
                run_to_end(["export", "--store", str(store), "--out", str(backup)])
                args = ["import", str(backup), "--store", str(store)]
            before, stamp = stored_ids(store), fingerprint(store)
            expected = durations.get(op) or durations["build"]
            # an import writes only at its end (a new file swapped in): its kills are aimed there
            delay = rng.uniform(0.6 * expected if op == "import" else 0.5, expected * 1.1)
            reader = Reader(store)
            reader.start()
            proc = cli(*args)
            try:
                proc.wait(timeout=delay)
                killed = False
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)  # our own child, by its pid
                proc.wait()
                killed = True
            reader.stop.set()
            reader.join()
            reader_stats["reads"] += reader.reads
            reader_stats["refused"] += reader.refused
            reader_stats["errors"] += reader.errors
            try:
                at_kill = stored_ids(store)
            except Exception as exc:  # noqa: BLE001 -- an unreadable store is what is counted here
                unreadable += 1
                at_kill = set()
                print(f"cycle {cycle}: store unreadable after the kill: {exc}")
            changed = fingerprint(store) != stamp
            after_write += killed and changed
            durations[op] = run_to_end(args)  # the recovery: the same command, to the end
            after = stored_ids(store)
            # an import restores a backup of the store before the cycle: it too holds all offered
            missing = (before | at_kill | offered) - after
            problems = defects(store, with_duplicates)
            lost += len(missing)
            defect_count += len(problems)
            print(f"cycle {cycle}: {op:<6} {'killed' if killed else 'finished'} at {delay:5.2f} s "
                  f"({'after' if changed else 'before'} its first write); articles {len(before)} -> {len(at_kill)} "
                  f"at the kill -> {len(after)}; lost {len(missing)}; defects {problems or 0}")
        print(f"\n{opts.cycles} cycles, {after_write} killed after writing; articles lost: {lost}; "
              f"derived-table defects: {defect_count}; unreadable after a kill: {unreadable}")
        print(f"concurrent reader: {reader_stats['reads']} reads, {reader_stats['refused']} refused while a "
              f"writer worked, {len(reader_stats['errors'])} errors {sorted(set(reader_stats['errors']))[:5]}")
        if lost or defect_count or unreadable or reader_stats["errors"]:
            raise SystemExit(1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
