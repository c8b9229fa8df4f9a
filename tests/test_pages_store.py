"""Pages over the DuckDB query layer: tables a page at a time, injection-looking URL values,
a store that another process is writing, and the reader closed around an in-process write."""

import shutil
import subprocess
import sys
import time

import duckdb
import pytest
from streamlit.testing.v1 import AppTest
from test_pages import _app, _corpus


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A store built from the shipped article and the fixtures (95 mentions: two pages)."""
    base = tmp_path_factory.mktemp("store")
    folder = _corpus(base / "articles", fixtures=True)
    from techdiplomacy.store.builder import build

    build([folder], base / "store.duckdb")
    return {"TECHDIPLOMACY_DATA": str(folder), "TECHDIPLOMACY_STORE": str(base / "store.duckdb")}


def _metrics(at: AppTest) -> dict:
    return {m.label: m.value for m in at.metric}


def test_tables_show_one_page_at_a_time(monkeypatch, store):
    at = _app(monkeypatch, store, "data")
    with duckdb.connect(store["TECHDIPLOMACY_STORE"], read_only=True) as con:
        n_mentions = con.execute("SELECT count(*) FROM mentions").fetchone()[0]
    assert n_mentions > 50
    shown = {c.value for c in at.caption}
    assert f"Rows 1–50 of {n_mentions}" in shown
    mentions_page = next(n for n in at.number_input if n.key == "page-table-mentions")
    first = at.dataframe[1].value.copy()
    mentions_page.set_value(2).run()
    assert not at.exception
    assert f"Rows 51–{n_mentions} of {n_mentions}" in {c.value for c in at.caption}
    second = at.dataframe[1].value
    assert len(second) == n_mentions - 50
    # the screen shows names, not ids or offsets (two mentions of one word in one sentence then
    # look alike, so pages are told apart by their lengths; rows.page is tested in test_warehouse)
    assert len(first) == 50
    assert not {"article_id", "start", "end", "key"} & set(first.columns)
    assert "Name" in first.columns and "Sentence" in first.columns


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"source": "x' OR '1'='1"}, "6"),  # not a source of the corpus: the URL value is dropped
        ({"sector": "ai') OR ('1'='1"}, "6"),  # not a sector id at all: dropped
        ({"q": "'); DROP TABLE articles; --"}, "0"),  # searched for as text: a bound parameter
        ({"q": "\" OR 1=1 --"}, "0"),
        ({"q": "x' OR '1'='1", "country": "IRN"}, "0"),
    ],
)
def test_injection_looking_url_values_select_nothing_and_change_nothing(monkeypatch, store, params, expected):
    at = _app(monkeypatch, store, params=params)
    assert _metrics(at)["Articles"] == expected
    again = _app(monkeypatch, store)
    assert _metrics(again)["Articles"] == "6"
    with duckdb.connect(store["TECHDIPLOMACY_STORE"], read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 6


def test_a_store_written_by_another_process_shows_a_message(monkeypatch, store, tmp_path):
    busy = tmp_path / "busy.duckdb"
    shutil.copy(store["TECHDIPLOMACY_STORE"], busy)
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(busy)!r}); print('held', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        at = _app(monkeypatch, {**store, "TECHDIPLOMACY_STORE": str(busy)})
        assert any("being built or updated" in i.value for i in at.info)
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.1)
    at = _app(monkeypatch, {**store, "TECHDIPLOMACY_STORE": str(busy)})
    assert _metrics(at)["Articles"] == "6"  # readable again once the writer is gone


def test_the_reader_is_closed_for_an_in_process_write_and_reopened_after(monkeypatch, store, tmp_path):
    from techdiplomacy.store.database import Store
    from techdiplomacy.ui import data

    path = tmp_path / "w.duckdb"
    shutil.copy(store["TECHDIPLOMACY_STORE"], path)
    env = {**store, "TECHDIPLOMACY_STORE": str(path)}
    at = _app(monkeypatch, env)
    assert _metrics(at)["Articles"] == "6"
    assert str(path) in data._READERS  # the page left its reader open
    with data.writing_store() as where:
        assert str(path) not in data._READERS
        with Store(where) as writer:  # would fail beside an open reader of the same file
            writer.remove(["no-such-article"])
            writer.set_meta("corpus_version", "changed")
    at = _app(monkeypatch, env)
    assert _metrics(at)["Articles"] == "6"


@pytest.mark.parametrize("cut", ["empty", "half"])
def test_a_damaged_store_is_named_as_damaged_never_as_busy(monkeypatch, store, tmp_path, cut):
    """Issue 18, item 17: an empty or half-truncated store says it is damaged and what to do, on
    every page (no traceback, never "being built")."""
    damaged = tmp_path / "damaged.duckdb"
    shutil.copy(store["TECHDIPLOMACY_STORE"], damaged)
    with damaged.open("r+b") as handle:
        handle.truncate(0 if cut == "empty" else damaged.stat().st_size // 2)
    for page in ("overview", "officials"):
        at = _app(monkeypatch, {**store, "TECHDIPLOMACY_STORE": str(damaged)}, page=page)
        assert not at.exception
        assert not any("being built" in i.value for i in at.info)
        (error,) = at.error
        shown = error.value.replace("\\", "")  # the path is Markdown-escaped
        assert "is damaged and cannot be read" in shown and str(damaged) in shown
        assert any("techdiplomacy import" in c.value.replace("\\", "") for c in at.caption)  # what repairs it
