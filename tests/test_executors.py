"""Executors: a build on a Dask cluster gives the same tables as a local one, row for row."""

import gc
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import psutil
import pytest
from dask.distributed import LocalCluster

from techdiplomacy import schema
from techdiplomacy.cli import main
from techdiplomacy.executors import DaskExecutor, LocalExecutor, open_executor
from techdiplomacy.readers.corpus import ReadError, read_paths
from techdiplomacy.store.builder import build
from techdiplomacy.store.database import load_tables
from techdiplomacy.tables import extract_article, extract_articles

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.md"))
COPIES = 17  # 5 fixtures x 17 = 85 articles


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """85 articles: each fixture (Arabic, Persian, English) with a numbered line, so ids differ."""
    folder = tmp_path_factory.mktemp("corpus")
    for copy in range(COPIES):
        for fixture in FIXTURES:
            text = fixture.read_text(encoding="utf-8").rstrip("\n")
            line = f"Line {copy + 1}: note {copy + 1} of the {fixture.stem} series."
            (folder / f"{fixture.stem}-{copy + 1:02d}.md").write_text(f"{text}\n\n{line}\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def local_tables(corpus, tmp_path_factory) -> dict[str, pd.DataFrame]:
    store = tmp_path_factory.mktemp("local") / "store.duckdb"
    summary = build([corpus], store, batch_size=32, workers=1, executor="local")
    assert summary.added == len(FIXTURES) * COPIES
    return load_tables(store)


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(list(frame.columns), na_position="last").reset_index(drop=True)


def assert_same_tables(left: dict[str, pd.DataFrame], right: dict[str, pd.DataFrame]) -> None:
    for name in schema.TABLES:
        pd.testing.assert_frame_equal(_sorted(left[name]), _sorted(right[name]), obj=name)


def _spawned_children(before: set[int]) -> list[psutil.Process]:
    """Child processes started since ``before``, less multiprocessing's long-lived resource tracker."""
    return [
        p
        for p in psutil.Process().children(recursive=True)
        if p.pid not in before and "resource_tracker" not in " ".join(p.cmdline())
    ]


def test_corpus_is_large_and_varied(local_tables):
    assert len(local_tables["articles"]) == len(FIXTURES) * COPIES
    assert set(local_tables["articles"]["language"]) == {"ar", "fa", "en"}
    for name in ("mentions", "officials", "figures", "topics", "article_topics"):
        assert len(local_tables[name]) > 0, name


def test_dask_build_matches_local_build_row_for_row(corpus, local_tables, tmp_path):
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    store = tmp_path / "dask.duckdb"
    # Three batches (32, 32, 21) on a 2-process local cluster started and closed by build.
    summary = build([corpus], store, batch_size=32, executor="dask")
    assert summary.added == len(FIXTURES) * COPIES and not summary.errors
    assert_same_tables(load_tables(store), local_tables)
    assert _spawned_children(before) == []


def test_cli_build_with_dask_executor(corpus, local_tables, tmp_path, capsys):
    store = tmp_path / "cli.duckdb"
    assert main(["build", str(corpus), "--executor", "dask", "--store", str(store)]) == 0
    assert f'"added": {len(FIXTURES) * COPIES}' in capsys.readouterr().err
    assert_same_tables(load_tables(store), local_tables)


def test_dask_executor_on_a_scheduler_keeps_the_batch_order(corpus):
    batch = [a for a in read_paths([corpus]) if not isinstance(a, ReadError)][:40]
    expected = [extract_article(a) for a in batch]
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        executor = DaskExecutor(cluster.scheduler_address)
        try:
            assert executor.extract(batch) == expected
            assert executor.extract([]) == []
        finally:
            executor.close()
    assert LocalExecutor(1).extract(batch) == expected


def _pid_and_square(number: int) -> tuple[int, int]:
    return os.getpid(), number * number


def test_a_sharing_executor_computes_every_nth_item_here_with_one_process_fewer():
    """A refit pass on 2 workers: one pool process and this one, results in order (#15)."""
    with open_executor("local", workers=2, sharing=True) as running:
        assert running._pool._max_workers == 1
        got = list(running.imap(_pid_and_square, range(9)))
    assert [square for _, square in got] == [i * i for i in range(9)]
    here = os.getpid()
    assert [pid == here for pid, _ in got] == [i % 2 == 1 for i in range(9)]  # items 2, 4, 6, 8
    assert len({pid for pid, _ in got}) == 2
    with open_executor("local", workers=1, sharing=True) as alone:
        assert [pid for pid, _ in alone.imap(_pid_and_square, range(3))] == [here] * 3


@pytest.mark.parametrize(
    "kind, scheduler, message",
    [
        ("spark", None, "unknown executor"),
        ("local", "tcp://127.0.0.1:8786", "needs the dask executor"),
    ],
)
def test_open_executor_refuses_bad_choices(kind, scheduler, message):
    with pytest.raises(ValueError, match=message):
        with open_executor(kind, scheduler=scheduler):
            pass


def test_cli_scheduler_needs_dask_executor(corpus, tmp_path):
    with pytest.raises(SystemExit, match="--scheduler needs --executor dask"):
        main(["build", str(corpus), "--scheduler", "tcp://127.0.0.1:8786", "--store", str(tmp_path / "s.duckdb")])


def test_local_build_never_imports_dask(tmp_path):
    code = (
        "import sys\n"
        "from techdiplomacy.cli import main\n"
        f"status = main(['build', {str(FIXTURES[0])!r}, '--workers', '1', '--store', {str(tmp_path / 's.duckdb')!r}])\n"
        "assert status == 0, status\n"
        "assert not [m for m in sys.modules if m == 'dask' or m.startswith(('dask.', 'distributed'))]\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr


def test_extract_articles_is_extract_article_per_article_with_the_collector_paused_meanwhile(corpus):
    batch = [a for a in read_paths([corpus]) if not isinstance(a, ReadError)][:25]
    seen = []
    gc.callbacks.append(lambda phase, info: seen.append(phase))
    try:
        parts = extract_articles(batch)
        assert seen == []  # no collection ran during the batch
    finally:
        gc.callbacks.pop()
    assert gc.isenabled()
    assert parts == [extract_article(a) for a in batch]
    gc.disable()
    try:
        extract_articles(batch[:2])
        assert not gc.isenabled()  # a caller's paused collector stays paused
    finally:
        gc.enable()


def test_a_batch_leaves_no_reference_cycles(corpus):
    # in a fresh process: the Dask tests leave threads here that make cyclic garbage meanwhile
    script = (
        "import gc, sys\n"
        "from techdiplomacy.readers.corpus import ReadError, read_paths\n"
        "from techdiplomacy.tables import extract_articles\n"
        "batch = [a for a in read_paths([sys.argv[1]]) if not isinstance(a, ReadError)]\n"
        "extract_articles(batch)  # whatever it loads is loaded (loading may make cycles, once)\n"
        "gc.collect()\n"
        "extract_articles(batch)\n"
        "print(gc.collect())\n"
    )
    run = subprocess.run([sys.executable, "-c", script, str(corpus)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "0"  # objects in cycles found after the second batch


def test_extract_articles_in_groups_gives_each_article_its_own_rows_in_order(corpus, monkeypatch):
    # groups of 4 over 10 articles: two whole groups and a short one, every step run group-wide
    import techdiplomacy.tables as tables

    batch = [a for a in read_paths([corpus]) if not isinstance(a, ReadError)][:10]
    monkeypatch.setattr(tables, "PHASE_BATCH", 4)
    parts = extract_articles(iter(batch))  # any iterable, read once
    assert [p["articles"][0]["article_id"] for p in parts] == [a.article_id for a in batch]
    assert parts == [extract_article(a) for a in batch]
    assert sum(len(p["mentions"]) for p in parts) > 0
