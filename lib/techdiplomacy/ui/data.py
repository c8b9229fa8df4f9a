"""Cached access to the store for the pages: one reader connection per store state, small query
results cached per filter state; builds the store on first run with a progress bar.

Nothing here loads a table into pandas: pages ask for the aggregates and the page of rows they
show (:mod:`techdiplomacy.warehouse.query`, ``warehouse.counts``, ``warehouse.rows``), and every
query runs on its own cursor of the shared connection (DuckDB cursors are thread safe).

The store state is the file's modification time (and its WAL's): an add or a rebuild changes
it, so the next page run opens a fresh connection and computes fresh results. The store file
is attached to that connection only while queries run, under a reader's share of the writer
lock (:mod:`techdiplomacy.store.lock`): DuckDB refuses a writer beside any reader of the file,
so an idle dashboard must hold nothing, and a build, an add or an import (from the command line
or the Add page) waits at most for the queries under way. While a writer is at work, pages say
so (:class:`StoreBusy`) instead of waiting.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from techdiplomacy.i18n.labels import ui_language
from techdiplomacy.i18n.phrases import PROGRESS_WORDS, progress_text
from techdiplomacy.settings import Settings
from techdiplomacy.store import integrity
from techdiplomacy.store.builder import build
from techdiplomacy.store.lock import StoreLockedError, acquire_reading
from techdiplomacy.warehouse import query as warehouse
from techdiplomacy.warehouse import rows
from techdiplomacy.warehouse.filters import Filters

#: Selections kept as tables in the reader's in-memory catalog (one per recent filter state; a
#: view with facet counts uses up to six: its own and one per filter set, left out).
KEPT_SELECTIONS = 16


class StoreBusy(RuntimeError):
    """Another process is writing the store (a build or an import): try again in a moment."""


class StoreDamaged(RuntimeError):
    """The store's file is empty, cut short or corrupt: its message names the store and what to do."""


def _refused(path: str, exc: Exception) -> RuntimeError:
    """Return what an error on opening or reading the store means to a page: damage is damage
    (never "being built"), a held file is a writer at work."""
    if isinstance(exc, integrity.StoreDamagedError):
        return StoreDamaged(str(exc))
    if integrity.is_damage(str(exc)) and not integrity.is_held(exc):
        return StoreDamaged(str(integrity.damaged(path, integrity.first_line(exc))))
    return StoreBusy(str(exc))


def settings() -> Settings:
    """Return the app's settings (environment variables may point at another store/corpus)."""
    return Settings()


def ensure_store() -> Path:
    """Return the store path, building it from the corpus folder first if it does not exist."""
    config = settings()
    if not config.store_path.exists():
        lang = ui_language(st.query_params.get("lang"))
        bar = st.progress(0.0, text=PROGRESS_WORDS["building"][lang])

        def progress(stage: str, done: int, total: int | None) -> None:
            fraction = done / total if total else 0.5
            bar.progress(min(fraction, 1.0), text=progress_text(stage, done, total, lang))

        with _GATE:
            build([config.data_dir], config.store_path, progress=progress)
        bar.empty()
    return config.store_path


def _stamp(path: Path) -> float:
    wal = Path(str(path) + ".wal")
    return max(path.stat().st_mtime, wal.stat().st_mtime if wal.exists() else 0.0)


# --- the reader connection -----------------------------------------------------------------

_GATE = threading.RLock()  # guards the readers' bookkeeping


class _Reader:
    """One store state's reader: an in-memory DuckDB connection (the selections and any derived
    tables it made live there) with the store file attached only while queries run."""

    def __init__(self, stamp: float):
        self.stamp = stamp
        self.con: duckdb.DuckDBPyConnection | None = None
        self.selections: OrderedDict = OrderedDict()
        self.users = 0
        self.lock: int | None = None  # descriptor holding the reader's share of the writer lock
        self.retired = False


_READERS: dict[str, _Reader] = {}


@contextmanager
def _attached(path: str, stamp: float) -> Iterator[tuple[duckdb.DuckDBPyConnection, OrderedDict]]:
    """Yield the reader of this store state with the store attached, and let go of the file
    (and of the lock's share) when the last query running on it ends: a writer waits at most
    for the queries under way, never for an idle dashboard."""
    with _GATE:
        reader = _READERS.get(path)
        if reader is None or reader.stamp != stamp:
            if reader is not None:
                _retire(path)
            reader = _READERS[path] = _Reader(stamp)
        if reader.users == 0:
            try:
                reader.lock = acquire_reading(path)
            except StoreLockedError as exc:
                raise StoreBusy(str(exc)) from exc
            try:
                if reader.con is None:
                    integrity.check_file(path)
                    reader.con = warehouse.open_store(path)  # attaches, and derives what is stale
                    integrity.check_length(reader.con, path, warehouse.STORE)  # once per store state
                else:
                    warehouse.attach(reader.con, path)
            except (duckdb.Error, integrity.StoreDamagedError) as exc:  # damaged, or held by a program ignoring the lock
                os.close(reader.lock)
                reader.lock = None
                if reader.con is not None:
                    reader.con.close()
                    reader.con = None
                raise _refused(path, exc) from exc
        reader.users += 1
    try:
        yield reader.con, reader.selections
    except duckdb.Error as exc:  # a block missing from the file is met only by the query reading it
        if integrity.is_damage(str(exc)):
            raise _refused(path, exc) from exc
        raise
    finally:
        with _GATE:
            reader.users -= 1
            if reader.users == 0:
                warehouse.detach(reader.con)
                os.close(reader.lock)
                reader.lock = None
                if reader.retired:
                    reader.con.close()


def _retire(path: str) -> None:
    """Forget the reader of ``path``: closed now if idle, else when its last query ends."""
    reader = _READERS.pop(path)
    reader.retired = True
    if reader.users == 0 and reader.con is not None:
        reader.con.close()


def close() -> None:
    """Close every reader connection (they reopen on the next query)."""
    with _GATE:
        for path in list(_READERS):
            _retire(path)


@contextmanager
def writing_store() -> Iterator[Path]:
    """Forget the readers, let this process write the store (the writer lock waits for the
    queries running), then forget cached results. Yields the store path."""
    close()
    try:
        yield settings().store_path
    finally:
        clear()


def _selection(con, selections: OrderedDict, filters_key: tuple) -> warehouse.Query:
    """Return the selection of ``filters_key`` as a table in the reader's in-memory catalog,
    made once per filter state (the last :data:`KEPT_SELECTIONS` are kept)."""
    name = "sel_" + hashlib.sha1(repr(filters_key).encode()).hexdigest()[:16]
    with _GATE:
        if name not in selections:
            cur = warehouse.cursor(con)
            try:
                sql, params = _selection_query(filters_key, lambda query: _hits(cur, selections, query))
                cur.execute(f"CREATE OR REPLACE TABLE memory.main.{name} AS {sql}", params)
            finally:
                cur.close()
            selections[name] = True
            while len(selections) > KEPT_SELECTIONS:
                old, _ = selections.popitem(last=False)
                con.execute(f"DROP TABLE IF EXISTS {old if '.' in old else 'memory.main.' + old}")
        selections.move_to_end(name)
    return f"SELECT aid, article_id FROM memory.main.{name}", []


def _hits(cur, selections: OrderedDict, query: str) -> str:
    """Return the name of the in-memory table of the articles matching the search ``query``,
    made once per query (the text scan is the costly part of a selection; the facet counts of a
    view with a search select under several filter states, all with the same query)."""
    name = "memory.main.hits_" + hashlib.sha1(query.encode()).hexdigest()[:16]
    if name not in selections:
        sql, params = warehouse.search_hits(query)
        cur.execute(f"CREATE OR REPLACE TABLE {name} AS {sql}", params)
        selections[name] = True
    selections.move_to_end(name)
    return name


def both(first: Filters, second: Filters) -> tuple:
    """Return a view of the articles matching both filter states (pass it where filters go)."""
    return ("both", _filters_key(first), _filters_key(second))


def _selection_query(filters_key: tuple, hits: Callable[[str], str]) -> warehouse.Query:
    if filters_key[:1] == ("both",):
        return warehouse.both(_selection_query(filters_key[1], hits), _selection_query(filters_key[2], hits))
    filters = Filters.from_query(dict(filters_key))
    return warehouse.selection(filters, hits=hits(filters.query) if filters.query else None)


def _filters_key(filters) -> tuple:
    if isinstance(filters, tuple):
        return filters
    query = filters.replace(lang="en").to_query()
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in query.items()))


def _key() -> tuple[str, float]:
    path = ensure_store()
    return str(path), _stamp(path)


def _function(name: str) -> Callable:
    module, _, attr = name.rpartition(".")
    return getattr(importlib.import_module(module), attr)


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(path: str, stamp: float, name: str, filters_key: tuple, args: tuple, kwargs: tuple):
    return _run(path, stamp, name, filters_key, args, kwargs)


def _run(path: str, stamp: float, name: str, filters_key: tuple, args: tuple, kwargs: tuple):
    with _attached(path, stamp) as (con, selections):
        selected = _selection(con, selections, filters_key)
        cur = warehouse.cursor(con)
        try:
            return _function(name)(cur, selected, *args, **dict(kwargs))
        finally:
            cur.close()


def get(function: Callable, filters: Filters, *args, **kwargs):
    """Return ``function(cursor, selection of filters, *args, **kwargs)`` — a query-layer
    function — cached per store state, filter state and arguments (results are small)."""
    name = f"{function.__module__}.{function.__name__}"
    return _cached(*_key(), name, _filters_key(filters), args, tuple(sorted(kwargs.items())))


def fresh(function: Callable, filters: Filters, *args, **kwargs):
    """Like :func:`get` but never cached: for downloads made on a click (large results)."""
    name = f"{function.__module__}.{function.__name__}"
    return _run(*_key(), name, _filters_key(filters), args, tuple(sorted(kwargs.items())))


def evidence(filters: Filters, *, limit: int | None = 200) -> pd.DataFrame:
    """Return the evidence sentences of the view (:func:`rows.evidence` for the countries,
    sectors and topics the filters name): the first ``limit`` rows cached, or every row, fresh,
    with ``limit=None`` (a download)."""
    keys = {"countries": filters.countries, "sectors": filters.sectors, "topics": filters.topics}
    if limit is None:
        return fresh(rows.evidence, filters, limit=None, **keys)
    return get(rows.evidence, filters, limit=limit, **keys)


def _plain(function: Callable, *args):
    with _attached(*_key()) as (con, _):
        cur = warehouse.cursor(con)
        try:
            return function(cur, *args)
        finally:
            cur.close()


@st.cache_data(show_spinner=False, max_entries=8)
def _store_values(path: str, stamp: float) -> tuple[dict, str, dict, dict]:
    with _attached(path, stamp) as (con, _):
        cur = warehouse.cursor(con)
        try:
            return (warehouse.options(cur), warehouse.corpus_version(cur),
                    warehouse.key_labels(cur, "country"), warehouse.key_labels(cur, "sector"))
        finally:
            cur.close()


def options() -> dict:
    """Return the values the sidebar widgets offer (:func:`warehouse.options`)."""
    return _store_values(*_key())[0]


def corpus_version() -> str:
    """Return the store's corpus version (changes whenever articles are added or removed)."""
    return _store_values(*_key())[1]


def fallbacks(kind: str) -> dict:
    """Return {key: English label} of countries or sectors (the charts' last-resort names)."""
    values = _store_values(*_key())
    return values[2] if kind == "country" else values[3]


def count(filters: Filters) -> int:
    """Return the number of articles matching ``filters`` (near-duplicates counted once)."""
    return get(warehouse.count, filters)


def article(article_id: str) -> tuple[pd.Series | None, dict[str, pd.DataFrame]]:
    """Return one article and its extracted rows (:func:`warehouse.rows.article`)."""
    return _plain(rows.article, article_id)


def near_duplicates_of(article_id: str) -> pd.DataFrame:
    """Return the article's near-duplicate group (:func:`warehouse.rows.near_duplicates_of`)."""
    return _plain(rows.near_duplicates_of, article_id)


def feeds() -> pd.DataFrame:
    """Return the feeds the store follows."""
    return get(rows.page, Filters(), "feeds", limit=10_000)


def backup(path: Path) -> bytes:
    """Return :func:`techdiplomacy.store.backup.backup_zip` of the store (the reader is closed meanwhile)."""
    from techdiplomacy.store.backup import backup_zip

    with writing_store():
        return backup_zip(path)


def table_csv(table: str, filters: Filters, where: warehouse.Query | None = None) -> bytes:
    """Return the whole filtered ``table`` as CSV, streamed from DuckDB (made on a click)."""
    return fresh(rows.table_csv, filters, table, where=where)


def clear() -> None:
    """Forget cached results and connections (after an add)."""
    _cached.clear()
    _store_values.clear()
    close()
