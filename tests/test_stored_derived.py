"""The dashboard's derived tables are stored by the build and used by readers only while
their stamp matches the build (otherwise a reader derives its own in memory)."""

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from test_pages import _corpus

from techdiplomacy.store.builder import build
from techdiplomacy.warehouse import counts as wc
from techdiplomacy.warehouse import query as warehouse
from techdiplomacy.warehouse.filters import Filters


def _memory_tables(con) -> set[str]:
    return {r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = 'memory' "
        "UNION SELECT view_name FROM duckdb_views() WHERE database_name = 'memory' AND NOT internal"
    ).fetchall()}


def _derived(con) -> dict[str, pd.DataFrame]:
    cur = warehouse.cursor(con)
    try:
        return {name: cur.execute(f"SELECT * FROM {name} ORDER BY ALL").df() for name in [*warehouse.DERIVED, warehouse.SEARCH]}
    finally:
        cur.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A store built from the shipped article and the fixtures (tests that write copy it)."""
    base = tmp_path_factory.mktemp("built")
    path = base / "store.duckdb"
    build([_corpus(base / "articles", fixtures=True)], path)
    return path


def _stale_copy(path: Path, folder: Path) -> Path:
    """A copy of the store at ``path`` whose stored tables carry another build's stamp."""
    stale = folder / "stale.duckdb"
    shutil.copy(path, stale)
    with duckdb.connect(str(stale)) as w:
        w.execute("UPDATE meta SET value = 'older' WHERE key = ?", [warehouse.DERIVED_STAMP])
    return stale


def test_a_built_store_is_opened_without_deriving_and_reads_the_same(built, tmp_path):
    con = warehouse.open_store(built)
    assert warehouse.stored_derived(con)
    assert _memory_tables(con) == set()  # nothing derived at open
    stored = _derived(con)
    con.close()

    # the same store with its stamp broken: the reader derives in memory, from the same tables
    con = warehouse.open_store(_stale_copy(built, tmp_path))
    assert not warehouse.stored_derived(con)
    assert _memory_tables(con) == set(warehouse.DERIVED) | {warehouse.SEARCH}  # the search text as a view
    derived = _derived(con)
    con.close()
    assert stored.keys() == derived.keys()
    for name in stored:
        assert len(stored[name]) > 0, name
        pd.testing.assert_frame_equal(stored[name], derived[name], check_dtype=False)


def test_a_stale_stored_copy_is_shadowed_by_the_readers_own(built, tmp_path):
    """After the tables change behind the stored copy (an older tool, a partial write), every
    query reads the reader's fresh tables, never the stale stored ones."""
    path = tmp_path / "store.duckdb"
    shutil.copy(built, path)
    con = warehouse.open_store(path)
    before = wc.headline_counts(warehouse.cursor(con), warehouse.selection(Filters(countries=("ARM",))))
    con.close()
    assert before["articles"] > 0
    with duckdb.connect(str(path)) as w:  # drop every article naming Armenia, leave td_* as built
        w.execute("DELETE FROM mentions WHERE key = 'ARM' OR country = 'ARM'")
        w.execute("DELETE FROM officials WHERE country = 'ARM'")
        w.execute("DELETE FROM figures WHERE country = 'ARM'")
        w.execute("UPDATE meta SET value = 'changed' WHERE key = 'built_at'")
    con = warehouse.open_store(path)
    after = wc.headline_counts(warehouse.cursor(con), warehouse.selection(Filters(countries=("ARM",))))
    con.close()
    assert after["articles"] == 0


def test_a_rebuild_restamps_the_stored_tables(tmp_path):
    folder = _corpus(tmp_path / "articles", fixtures=True)
    path = tmp_path / "store.duckdb"
    build([folder], path)
    with duckdb.connect(str(path), read_only=True) as con:
        first = dict(con.execute("SELECT key, value FROM meta").fetchall())
    build([folder], path, rebuild=True)
    with duckdb.connect(str(path), read_only=True) as con:
        second = dict(con.execute("SELECT key, value FROM meta").fetchall())
    assert first[warehouse.DERIVED_STAMP] == first["built_at"]
    assert second[warehouse.DERIVED_STAMP] == second["built_at"]


def test_search_reads_the_stored_text_and_finds_what_the_view_finds(built, tmp_path):
    """The build stores each article's normalised text; a search over it selects the same
    articles as normalising every text in the query (the view a reader of an older store uses)."""
    con = warehouse.open_store(built)
    kinds = dict(con.execute(
        "SELECT table_name, 'table' FROM duckdb_tables() WHERE database_name = 'store' AND table_name = ?",
        [warehouse.SEARCH],
    ).fetchall())
    assert kinds == {warehouse.SEARCH: "table"}
    cur = warehouse.cursor(con)
    found = {}
    for query in ("هاشمي", "Armenia", '"data centre"', "ارمنستان ایران", "nothing-like-this"):
        found[query] = set(cur.execute(*warehouse.selection(Filters(query=query))).df()["article_id"])
    con.close()
    con = warehouse.open_store(_stale_copy(built, tmp_path))
    cur = warehouse.cursor(con)
    for query, ids in found.items():
        assert set(cur.execute(*warehouse.selection(Filters(query=query))).df()["article_id"]) == ids, query
    con.close()
    assert found["هاشمي"] and not found["nothing-like-this"]


def test_any_write_marks_the_stored_tables_stale_and_a_small_add_refreshes_them(tmp_path):
    from techdiplomacy.ingest.add import add_records, read_sources
    from techdiplomacy.settings import Settings
    from techdiplomacy.store.database import Store

    folder = _corpus(tmp_path / "articles", fixtures=False)
    path = tmp_path / "store.duckdb"
    build([folder], path)
    con = warehouse.open_store(path)
    before = warehouse.count(warehouse.cursor(con), warehouse.ALL)
    con.close()
    with Store(path) as store:  # a write that is no build: the stamp goes in the same transaction
        store.remove([store.article_paths().popitem()[0]])
        assert store.get_meta(warehouse.DERIVED_STAMP) is None
    con = warehouse.open_store(path)
    assert not warehouse.stored_derived(con)
    assert warehouse.count(warehouse.cursor(con), warehouse.ALL) == before - 1
    con.close()
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "new.md").write_text("وقال وزير الاتصالات الإيراني ستار هاشمي إن التعاون مع أرمينيا يتوسع.", encoding="utf-8")
    results = add_records(path, read_sources([str(extra / "new.md")], settings=Settings()))
    assert [r.status for r in results] == ["added"]
    con = warehouse.open_store(path)
    assert warehouse.stored_derived(con)  # refreshed by the add
    assert warehouse.count(warehouse.cursor(con), warehouse.ALL) == before
    searched = warehouse.cursor(con).execute(*warehouse.selection(Filters(query="يتوسع"))).df()
    assert [r.article_id for r in results] == list(searched["article_id"])
    con.close()
