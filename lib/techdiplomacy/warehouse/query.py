"""The dashboard's query layer: filters as parameterised SQL over the store, run in DuckDB.

Nothing here loads a whole table: a :class:`~techdiplomacy.warehouse.filters.Filters` becomes an SQL
query selecting the matching article ids (:func:`selection`), and every other function takes
such a selection and returns a small frame (counts, one page of rows) or streams rows.

- A *selection* is a :data:`Query`: ``(sql, params)``; the SQL returns one column,
  ``aid`` and ``article_id``. User values only ever travel as bound parameters (``?``); table and column
  names come from :mod:`techdiplomacy.schema`, never from the user.
- Near-duplicates count once: an article whose ``near_duplicates.group_id`` is another
  article is never selected (:data:`KEPT`), so each group counts as its first article.
- The same SQL runs on the store (:func:`open_store`, read-only) and on pandas frames
  copied into an in-memory connection (:func:`connect`), which is how the tests compare it
  with the pandas definitions.
- Both connections read four narrow tables (:data:`techdiplomacy.store.dashboard.DERIVED`,
  :func:`techdiplomacy.store.dashboard.derive`), so no
  query re-aggregates the ten-times-larger ``mentions`` table or reads article text:
  ``td_articles`` (the kept articles: a small integer key ``aid``, the id, the row's ``rid``
  in ``articles`` to fetch a few titles without scanning, date, language, source, number of
  figures), ``td_pairs`` (one row per article and country or sector it
  names, with the number of mentions), ``td_countries`` (every country an article is linked
  to: the country filter's meaning) and ``td_dominant`` (each article's dominant topic).
  They hold kept articles only and join on ``aid``, an integer (twice as fast as the ids).
  A build stores them (:func:`techdiplomacy.store.dashboard.materialise`, stamped with the build's ``built_at``); a reader
  uses the stored ones when the stamp matches and derives them in memory otherwise (a store
  written by an older version, a restored backup), so opening a large store costs no query.
- A selection returns ``aid`` and ``article_id``: derived tables are matched on the first,
  the store's tables on the second.

Aggregates live in :mod:`techdiplomacy.warehouse.counts`, rows in :mod:`techdiplomacy.warehouse.rows`.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pandas as pd

from techdiplomacy import schema
from techdiplomacy.i18n import labels
from techdiplomacy.store.dashboard import DERIVED, DERIVED_STAMP, SEARCH, derive
from techdiplomacy.text.search import query_terms, register_sql

Query = tuple[str, list]

#: The whole (kept) corpus.
ALL: Query = ("SELECT a.aid, a.article_id FROM td_articles a", [])
#: The catalog the store is attached as on a reader connection.
STORE = "store"
def marks(values) -> str:
    """Return ``?, ?, ?``: one placeholder per value (the values are bound, never inlined)."""
    return ", ".join("?" for _ in values)


def search_hits(query: str) -> Query:
    """Return the query of the ids (``article_id``) of every article whose normalised title and
    text hold each term of ``query`` (the search filter alone: one scan of the search text)."""
    terms = query_terms(query)
    found = " AND ".join("contains(s.text, ?)" for _ in terms) or "TRUE"
    return f"SELECT s.article_id FROM {SEARCH} s WHERE {found}", terms


def selection(filters, *, hits: str | None = None) -> Query:
    """Return the query of the ids of the (kept) articles matching ``filters``: exactly the
    semantics of :mod:`techdiplomacy.warehouse.filters` (module docstring), one row per article.

    ``hits`` names a table holding the :func:`search_hits` of ``filters.query`` (a reader keeps
    one per recent query, so changing another filter does not scan the texts again)."""
    where, params = ["TRUE"], []
    if filters.countries:
        c = list(filters.countries)
        where.append(f"a.aid IN (SELECT aid FROM td_countries WHERE country IN ({marks(c)}))")
        params += c
    if filters.sectors:
        s = list(filters.sectors)
        where.append(f"a.aid IN (SELECT aid FROM td_pairs WHERE kind = 'sector' AND key IN ({marks(s)}))")
        params += s
    if filters.date_from or filters.date_to:
        where.append("a.published IS NOT NULL")
        if filters.date_from:
            where.append("a.published >= CAST(? AS TIMESTAMP)")
            params.append(datetime.combine(filters.date_from, datetime.min.time()))
        if filters.date_to:
            where.append("a.published < CAST(? AS TIMESTAMP)")
            params.append(datetime.combine(filters.date_to + timedelta(days=1), datetime.min.time()))
    for column, values in (("language", filters.languages), ("source", filters.sources)):
        if values:
            where.append(f"a.{column} IN ({marks(values)})")
            params += [str(v) for v in values]
    if filters.topics:
        t = [int(v) for v in filters.topics]
        where.append(f"a.aid IN (SELECT aid FROM td_dominant WHERE topic_id IN ({marks(t)}))")
        params += t
    if query_terms(filters.query):
        if hits is not None:
            where.append(f"a.article_id IN (SELECT article_id FROM {hits})")
        else:
            sql, terms = search_hits(filters.query)
            where.append(f"a.article_id IN ({sql})")
            params += terms
    return f"SELECT a.aid, a.article_id FROM td_articles a WHERE {' AND '.join(where)}", params


def both(first: Query, second: Query) -> Query:
    """Return the articles in both selections."""
    return f"({first[0]}) INTERSECT ({second[0]})", [*first[1], *second[1]]


def with_selection(selected: Query, body: str, params: list | None = None) -> Query:
    """Return ``WITH sel AS (selected) body``: ``body`` reads the selection as ``sel``."""
    return f"WITH sel AS ({selected[0]}) {body}", [*selected[1], *(params or [])]


def run(con, query: Query) -> pd.DataFrame:
    """Return the result of ``query`` as a frame (on a cursor of ``con``: thread safe)."""
    sql, params = query
    return con.execute(sql, params).df()


# --- connections ---------------------------------------------------------------------------


def connect(tables: Mapping[str, pd.DataFrame]) -> duckdb.DuckDBPyConnection:
    """Return an in-memory connection where each schema table holds the given frame (an empty
    one if missing): the same SQL as on the store, over pandas frames (tests, small tools)."""
    con = duckdb.connect()
    register_sql(con)
    for name in schema.TABLES:
        frame = tables.get(name)
        con.register("_frame", schema.empty(name) if frame is None else frame)
        con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM _frame')  # a table, as in the store
        con.unregister("_frame")
    derive(con)
    return con


def stored_derived(con, catalog: str = STORE) -> bool:
    """Return True when the database attached as ``catalog`` holds current :data:`DERIVED`
    tables: all of them, stamped with the store's ``built_at``."""
    wanted = [*DERIVED, SEARCH]
    found = con.execute(
        "SELECT count(DISTINCT table_name) FROM duckdb_tables() WHERE database_name = ? AND schema_name = 'main' "
        f"AND table_name IN ({marks(wanted)})",
        [catalog, *wanted],
    ).fetchone()[0]
    if found != len(wanted):
        return False
    stamps = dict(
        con.execute(f"SELECT key, value FROM {catalog}.main.meta WHERE key IN ('built_at', ?)", [DERIVED_STAMP]).fetchall()
    )
    return stamps.get("built_at") is not None and stamps.get(DERIVED_STAMP) == stamps["built_at"]


def open_store(path: str | Path, *, memory_limit: str = "1GB", threads: int = 2) -> duckdb.DuckDBPyConnection:
    """Return a reader connection to the store at ``path``: an in-memory database (scratch
    tables go there) with the store attached read-only as :data:`STORE`. DuckDB's buffer pool
    is capped at ``memory_limit``, so memory does not grow with the corpus text.

    Raises ``duckdb.IOException`` when another process is writing the store."""
    spill = Path(tempfile.gettempdir()) / "techdiplomacy-duckdb"  # never the working directory
    con = duckdb.connect(config={"memory_limit": memory_limit, "threads": threads, "temp_directory": str(spill)})
    attach(con, path)
    register_sql(con)
    if stored_derived(con):
        return con
    cur = cursor(con)
    try:
        derive(cur, into="memory.main.")
    finally:
        cur.close()
    return con


def attach(con: duckdb.DuckDBPyConnection, path: str | Path) -> None:
    """Attach the store at ``path`` read-only to a reader connection as :data:`STORE` (again,
    after :func:`detach`); raises ``duckdb.IOException`` while another process writes it."""
    con.execute(f"ATTACH {_literal(str(path))} AS {STORE} (READ_ONLY)")


def detach(con: duckdb.DuckDBPyConnection) -> None:
    """Let go of the store file (DuckDB's lock with it); what the reader made in memory stays."""
    con.execute(f"DETACH DATABASE IF EXISTS {STORE}")


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Return a new cursor of ``con`` reading the store's tables by their plain names."""
    cur = con.cursor()
    catalogs = {row[0] for row in cur.execute("SELECT database_name FROM duckdb_databases()").fetchall()}
    if STORE in catalogs:
        cur.execute(f"USE {STORE}")
        # derived tables made by this reader live in memory and come first (a stale stored copy
        # may exist); the stored ones are found when none was made
        cur.execute(f"SET search_path = 'memory.main,{STORE}.main'")
    return cur


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# --- corpus-wide values --------------------------------------------------------------------


def count(con, selected: Query) -> int:
    """Return the number of selected articles."""
    return int(con.execute(f"SELECT count(*) FROM ({selected[0]})", selected[1]).fetchone()[0])


def options(con) -> dict:
    """Return the values each sidebar widget can offer, over the whole kept corpus:
    ``countries``, ``sectors``, ``sources``, ``languages``, ``topics`` ordered by number of
    articles (most first, then by value; blank values left out: no filter could select
    them); ``date_min``/``date_max`` (the published range, None if undated); ``lang``."""
    ranked = """
        SELECT value FROM (SELECT DISTINCT aid, value FROM ({rows}) WHERE value IS NOT NULL AND CAST(value AS VARCHAR) <> '')
        GROUP BY value ORDER BY count(*) DESC, value"""
    rows = {
        "countries": "SELECT aid, country AS value FROM td_countries",
        "sectors": "SELECT aid, key AS value FROM td_pairs WHERE kind = 'sector'",
        "languages": "SELECT aid, language AS value FROM td_articles",
        "sources": "SELECT aid, source AS value FROM td_articles",
        "topics": "SELECT aid, topic_id AS value FROM td_dominant",
    }
    out: dict = {}
    for name, sql in rows.items():
        values = [r[0] for r in con.execute(ranked.format(rows=sql)).fetchall()]
        out[name] = [int(v) for v in values] if name == "topics" else [str(v) for v in values]
    low, high = con.execute(
        "SELECT min(published), max(published) FROM td_articles", []
    ).fetchone()
    out["date_min"] = None if low is None else pd.Timestamp(low).date()
    out["date_max"] = None if high is None else pd.Timestamp(high).date()
    out["lang"] = list(labels.UI_LANGUAGES)
    return out


def key_labels(con, kind: str) -> dict:
    """Return {key: English label} of the mentions of ``kind`` (chart label fallbacks)."""
    rows = con.execute(
        "SELECT key, min(label) FROM mentions WHERE kind = ? AND key IS NOT NULL AND label IS NOT NULL GROUP BY key", [kind]
    ).fetchall()
    return dict(rows)


def corpus_version(con) -> str:
    """Return the store's corpus version ("" when it has none)."""
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'corpus_version'").fetchone()
    except duckdb.CatalogException:
        return ""
    return "" if row is None else str(row[0])
