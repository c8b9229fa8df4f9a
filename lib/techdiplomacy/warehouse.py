"""The dashboard's query layer: filters as parameterised SQL over the store, run in DuckDB.

Nothing here loads a whole table: a :class:`~techdiplomacy.filters.Filters` becomes an SQL
query selecting the matching article ids (:func:`selection`), and every other function takes
such a selection and returns a small frame (counts, one page of rows) or streams rows.

- A *selection* is a :data:`Query`: ``(sql, params)``; the SQL returns one column,
  ``article_id``. User values only ever travel as bound parameters (``?``); table and column
  names come from :mod:`techdiplomacy.schema`, never from the user.
- Near-duplicates count once: an article whose ``near_duplicates.group_id`` is another
  article is never selected (:data:`KEPT`), so each group counts as its first article.
- The same SQL runs on the store (:func:`open_store`, read-only) and on pandas frames
  registered on an in-memory connection (:func:`connect`), which is how the tests compare
  it with the pandas definitions.

Aggregates live in :mod:`techdiplomacy.warehouse_counts`, rows in :mod:`techdiplomacy.warehouse_rows`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pandas as pd

from techdiplomacy import labels, schema
from techdiplomacy.search import query_terms, register_sql, search_text_sql

Query = tuple[str, list]

#: Articles folded into another by near-duplicate grouping are never selected.
KEPT = (
    "NOT EXISTS (SELECT 1 FROM near_duplicates d "
    "WHERE d.article_id = a.article_id AND d.group_id <> d.article_id)"
)
#: The whole (kept) corpus.
ALL: Query = (f"SELECT a.article_id FROM articles a WHERE {KEPT}", [])
#: The catalog the store is attached as on a reader connection.
STORE = "store"


def marks(values) -> str:
    """Return ``?, ?, ?``: one placeholder per value (the values are bound, never inlined)."""
    return ", ".join("?" for _ in values)


def selection(filters) -> Query:
    """Return the query of the ids of the (kept) articles matching ``filters``: exactly the
    semantics of :mod:`techdiplomacy.filters` (module docstring), one row per article."""
    where, params = [KEPT], []
    if filters.countries:
        c = list(filters.countries)
        where.append(
            "a.article_id IN ("
            f"SELECT article_id FROM mentions WHERE (kind = 'country' AND key IN ({marks(c)})) "
            f"OR (kind = 'place' AND country IN ({marks(c)})) "
            f"UNION ALL SELECT article_id FROM officials WHERE country IN ({marks(c)}) "
            f"UNION ALL SELECT article_id FROM figures WHERE country IN ({marks(c)}))"
        )
        params += c * 4
    if filters.sectors:
        s = list(filters.sectors)
        where.append(f"a.article_id IN (SELECT article_id FROM mentions WHERE kind = 'sector' AND key IN ({marks(s)}))")
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
        where.append(f"a.article_id IN (SELECT article_id FROM article_topics WHERE rank = 1 AND topic_id IN ({marks(t)}))")
        params += t
    terms = query_terms(filters.query)
    if terms:
        text = search_text_sql("a.title", "a.text")
        where.append("(" + " AND ".join(f"contains({text}, ?)" for _ in terms) + ")")
        params += terms
    return f"SELECT a.article_id FROM articles a WHERE {' AND '.join(where)}", params


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
    return con


def open_store(path: str | Path, *, memory_limit: str = "1GB", threads: int = 2) -> duckdb.DuckDBPyConnection:
    """Return a reader connection to the store at ``path``: an in-memory database (scratch
    tables go there) with the store attached read-only as :data:`STORE`. DuckDB's buffer pool
    is capped at ``memory_limit``, so memory does not grow with the corpus text.

    Raises ``duckdb.IOException`` when another process is writing the store."""
    con = duckdb.connect(config={"memory_limit": memory_limit, "threads": threads})
    con.execute(f"ATTACH {_literal(str(path))} AS {STORE} (READ_ONLY)")
    register_sql(con)
    return con


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Return a new cursor of ``con`` reading the store's tables by their plain names."""
    cur = con.cursor()
    catalogs = {row[0] for row in cur.execute("SELECT database_name FROM duckdb_databases()").fetchall()}
    if STORE in catalogs:
        cur.execute(f"USE {STORE}")
    return cur


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# --- corpus-wide values --------------------------------------------------------------------


def count(con, selected: Query) -> int:
    """Return the number of selected articles."""
    return int(con.execute(f"SELECT count(*) FROM ({selected[0]})", selected[1]).fetchone()[0])


def options(con) -> dict:
    """Return the values each sidebar widget can offer, over the whole kept corpus: as
    :meth:`Filters.options` (most articles first, then by value; published range)."""
    ranked = """
        SELECT value FROM (SELECT DISTINCT article_id, value FROM ({rows}) WHERE value IS NOT NULL
                           AND article_id IN (SELECT article_id FROM sel))
        GROUP BY value ORDER BY count(*) DESC, value"""
    rows = {
        "countries": "SELECT article_id, key AS value FROM mentions WHERE kind = 'country' "
        "UNION ALL SELECT article_id, country FROM mentions WHERE kind = 'place' "
        "UNION ALL SELECT article_id, country FROM officials UNION ALL SELECT article_id, country FROM figures",
        "sectors": "SELECT article_id, key AS value FROM mentions WHERE kind = 'sector'",
        "languages": "SELECT article_id, language AS value FROM articles",
        "sources": "SELECT article_id, source AS value FROM articles",
        "topics": "SELECT article_id, topic_id AS value FROM article_topics WHERE rank = 1",
    }
    out: dict = {}
    for name, sql in rows.items():
        values = [r[0] for r in con.execute(*with_selection(ALL, ranked.format(rows=sql))).fetchall()]
        out[name] = [int(v) for v in values] if name == "topics" else [str(v) for v in values]
    low, high = con.execute(
        *with_selection(ALL, "SELECT min(published), max(published) FROM articles WHERE article_id IN (SELECT article_id FROM sel)")
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
