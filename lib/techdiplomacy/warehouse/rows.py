"""Rows of the selected articles, a page at a time or streamed: tables, evidence, one article.

Every query has a stable ``ORDER BY`` ending in a unique key, so page ``k`` is always the same
rows; ``LIMIT``/``OFFSET`` are integers we write, user values are bound parameters.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from techdiplomacy import export, schema
from techdiplomacy.text.search import hit_snippet, query_terms
from techdiplomacy.warehouse.counts import IN_SEL, WHO
from techdiplomacy.warehouse.query import Query, marks, with_selection

#: Stable order of each table's rows (the last columns make it unique).
ORDER = {
    "articles": "published DESC NULLS LAST, article_id",
    "mentions": 'article_id, "start", "end", kind, key',
    "officials": 'article_id, "start", "end", official_id, name',
    "figures": 'article_id, "start", "end", unit, value',
    "cooperation": 'article_id, "start", partners, stage, instrument',
    "cooperation_threads": "latest_published DESC NULLS LAST, thread_id",
    "article_topics": "article_id, rank, topic_id",
    "passage_topics": "article_id, passage, topic_id",
    "near_duplicates": "group_id, article_id",
    "topics": "topic_id",
    "errors": "path, error",
    "feeds": "url",
}
#: Tables restricted to the selected articles; the others are shown whole.
PER_ARTICLE = ("articles", "mentions", "officials", "figures", "cooperation", "article_topics", "passage_topics")
EVIDENCE_COLUMNS = ["article_id", "title", "kind", "key", "surface", "sentence"]


def order(table: str) -> str:
    """Return the ORDER BY of ``table``: :data:`ORDER`, then the row id (a total order within
    one store state, so pages never overlap or skip, and no long text column is sorted)."""
    return f"{ORDER[table]}, rowid"


def _columns(table: str, columns: list[str] | None) -> str:
    names = columns or schema.columns(table)
    unknown = set(names) - set(schema.TABLES[table])
    if unknown:
        raise KeyError(f"{table}: unknown columns {sorted(unknown)}")
    return ", ".join(f'"{c}"' for c in names)


def _rows(table: str, columns: list[str] | None, where: Query | None) -> Query:
    if table not in ORDER:
        raise KeyError(table)
    conditions, params = [], []
    if table in PER_ARTICLE:
        conditions.append(IN_SEL)
    if where is not None:
        conditions.append(f"({where[0]})")
        params += where[1]
    clause = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    return f'SELECT {_columns(table, columns)} FROM "{table}" {clause}', params


def total(con, selected: Query, table: str, *, where: Query | None = None) -> int:
    """Return the number of rows of ``table`` for the selected articles."""
    sql, params = _rows(table, ["article_id"] if table in PER_ARTICLE else None, where)
    return int(con.execute(*with_selection(selected, f"SELECT count(*) FROM ({sql})", params)).fetchone()[0])


def page(
    con, selected: Query, table: str, *, columns: list[str] | None = None, offset: int = 0, limit: int = 50,
    where: Query | None = None,
) -> pd.DataFrame:
    """Return rows ``offset`` to ``offset + limit`` of ``table`` for the selected articles, in
    :data:`ORDER`, with ``columns`` (default: all, schema order) and their schema dtypes."""
    sql, params = _rows(table, columns, where)
    body = f"{sql} ORDER BY {order(table)} LIMIT {max(int(limit), 0)} OFFSET {max(int(offset), 0)}"
    frame = con.execute(*with_selection(selected, body, params)).df()
    return _typed(table, frame)


def _typed(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    spec = schema.TABLES[table]
    for column in frame.columns:
        dtype = spec[column]
        if dtype == schema.DATE:
            frame[column] = pd.to_datetime(frame[column], errors="coerce").astype(dtype)
        else:
            frame[column] = frame[column].astype(dtype)
    return frame


def chunks(con, selected: Query, table: str, *, where: Query | None = None, rows: int = 20_000) -> Iterator[pd.DataFrame]:
    """Yield every row of ``table`` for the selected articles, in :data:`ORDER`, ``rows`` at
    a time (DuckDB streams them: the table is never one frame)."""
    sql, params = _rows(table, None, where)
    result = con.execute(*with_selection(selected, f"{sql} ORDER BY {order(table)}", params))
    while True:
        frame = result.fetch_df_chunk(max(1, rows // 2048))
        if frame.empty:
            return
        yield schema.conform(table, frame)


def table_csv(con, selected: Query, table: str, *, where: Query | None = None) -> bytes:
    """Return the whole filtered ``table`` as spreadsheet-safe CSV (:func:`export.csv_chunks`)."""
    return b"".join(export.csv_chunks(chunks(con, selected, table, where=where), table))


# --- the Articles list ---------------------------------------------------------------------

LIST_COLUMNS = {
    "article_id": "string", "title": "string", "source": "string", "published": "datetime64[ns]", "language": "string",
    "countries": "string", "topic_id": "Int64", "before": "string", "hit": "string", "after": "string",
}
#: Countries listed per article (the most mentioned first).
LIST_COUNTRIES = 6


def article_list(con, selected: Query, *, query: str = "", offset: int = 0, limit: int = 50) -> pd.DataFrame:
    """One row per selected article of the page (``offset``, ``limit``; the order of
    :func:`page` of ``articles``): ``article_id``, ``title``, ``source``, ``published``,
    ``language``, ``countries`` (the first :data:`LIST_COUNTRIES` ISO3 codes it names, most
    mentioned first, "|"-joined), ``topic_id`` (its dominant topic), and the search hit in
    context, ``before``, ``hit``, ``after`` (:func:`techdiplomacy.text.search.hit_snippet` of
    ``query``'s terms; the text's opening when there is no query)."""
    body = (
        f", p AS (SELECT aid, article_id, rid, published FROM td_articles WHERE aid IN (SELECT aid FROM sel) "
        f"ORDER BY published DESC NULLS LAST, article_id LIMIT {max(int(limit), 0)} OFFSET {max(int(offset), 0)}), "
        # the text of these articles only, by row id (never a column of the whole corpus)
        "n AS (SELECT rowid AS rid, title, source, language, text FROM articles WHERE rowid IN (SELECT rid FROM p)), "
        "c AS (SELECT aid, string_agg(key, '|' ORDER BY n_mentions DESC, key) AS countries FROM "
        "(SELECT aid, key, n_mentions, row_number() OVER (PARTITION BY aid ORDER BY n_mentions DESC, key) AS i "
        "FROM td_pairs WHERE kind = 'country' AND aid IN (SELECT aid FROM p)) "
        f"WHERE i <= {LIST_COUNTRIES} GROUP BY aid) "
        "SELECT p.article_id, n.title, n.source, p.published, n.language, c.countries, d.topic_id, n.text "
        "FROM p JOIN n USING (rid) LEFT JOIN c USING (aid) LEFT JOIN td_dominant d USING (aid) "
        "ORDER BY p.published DESC NULLS LAST, p.article_id"
    )
    frame = con.execute(*with_selection(selected, body)).df()
    terms = query_terms(query)
    snippets = [hit_snippet(text, terms) for text in frame["text"]] if len(frame) else []
    for i, column in enumerate(("before", "hit", "after")):
        frame[column] = [s[i] for s in snippets]
    frame["published"] = pd.to_datetime(frame["published"], errors="coerce")
    return frame[list(LIST_COLUMNS)].astype(LIST_COLUMNS).reset_index(drop=True)


# --- evidence ------------------------------------------------------------------------------


def evidence(con, selected: Query, *, countries=(), sectors=(), official_ids=(), topics=(), limit: int | None = 500) -> pd.DataFrame:
    """Return one row per evidence sentence of the selected articles for the given keys:
    article_id, title, kind, key, surface, sentence; ordered by kind of evidence, article and
    position. Countries match country mentions, places in them, and officials and figures of
    them; topics give their articles' passages (the passage text, cut from the article).

    With ``limit``, each kind of evidence is read only up to its first ``limit`` rows in store
    order (so a large corpus is never read whole) and at most ``limit`` rows are returned;
    ``limit=None`` returns every row (a download)."""
    parts, params = _evidence_parts(list(countries), list(sectors), list(official_ids), [int(t) for t in topics], limit)
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="string") for c in EVIDENCE_COLUMNS})
    cut = f"LIMIT {int(limit)}" if limit is not None else ""
    body = (
        f", e AS (SELECT * FROM (SELECT DISTINCT ON (article_id, kind, key, sentence) * FROM ({' UNION ALL '.join(parts)}) "
        f"ORDER BY article_id, kind, key, sentence, part, pos) ORDER BY part, article_id, pos, key {cut}), "
        # titles of these articles only (by rowid: never the title column of the whole corpus)
        "t AS (SELECT article_id, title FROM articles WHERE rowid IN "
        "(SELECT rid FROM td_articles WHERE article_id IN (SELECT article_id FROM e))) "
        "SELECT e.article_id, t.title, e.kind, e.key, e.surface, e.sentence FROM e LEFT JOIN t ON t.article_id = e.article_id "
        "ORDER BY e.part, e.article_id, e.pos, e.key"
    )
    frame = con.execute(f"WITH sel AS ({selected[0]}) {body}", [*selected[1], *params]).df()
    return frame[EVIDENCE_COLUMNS].astype("string")


def _evidence_parts(countries: list, sectors: list, official_ids: list, topics: list, cap: int | None) -> tuple[list[str], list]:
    parts, params = [], []
    first = f"ORDER BY rowid LIMIT {int(cap)}" if cap is not None else ""

    def capped(source: str, where: str) -> str:
        # the first rows' ids are found on the narrow columns; only those rows' long sentences
        # are read (a filter reading every sentence costs seconds at a million articles)
        if cap is None:
            return f"(SELECT * FROM {source} WHERE {where})"
        return f"(SELECT * FROM {source} WHERE rowid IN (SELECT rowid FROM {source} WHERE {where} {first}))"

    def part(n: int, source: str, kind: str, key: str, surface: str, sentence: str, where: str, values: list) -> None:
        parts.append(
            f'SELECT {n} AS part, "start" AS pos, article_id, {kind} AS kind, {key} AS key, {surface} AS surface, '
            f"{sentence} AS sentence FROM {capped(source, where)}"
        )
        params.extend(values)

    if countries:
        c, values = marks(countries), [str(v) for v in countries]
        part(1, "mentions", "kind", "key", "surface", "sentence",
             f"{IN_SEL} AND ((kind = 'country' AND key IN ({c})) OR (kind = 'place' AND country IN ({c})))", values * 2)
        part(2, "officials", "'official'", "name", "surface", "sentence", f"{IN_SEL} AND country IN ({c})", values)
        part(3, "figures", "'figure'", "measure", "surface", "sentence", f"{IN_SEL} AND country IN ({c})", values)
    if sectors:
        part(4, "mentions", "kind", "key", "surface", "sentence",
             f"{IN_SEL} AND kind = 'sector' AND key IN ({marks(sectors)})", [str(v) for v in sectors])
    if official_ids:
        part(5, "officials", "'official'", "name", "surface", "sentence",
             f"{IN_SEL} AND {WHO} IN ({marks(official_ids)})", [str(v) for v in official_ids])
    if topics:
        parts.append(
            "SELECT 6 AS part, p.\"start\" AS pos, p.article_id, 'topic' AS kind, CAST(p.topic_id AS VARCHAR) AS key, '' AS surface, "
            "substring(a.text, p.\"start\" + 1, p.\"end\" - p.\"start\") AS sentence "
            f"FROM {capped('passage_topics', f'{IN_SEL} AND topic_id IN ({marks(topics)})')} p "
            "JOIN articles a ON a.article_id = p.article_id"
        )
        params.extend(int(t) for t in topics)
    return parts, params


# --- one article ---------------------------------------------------------------------------


def article(con, article_id: str) -> tuple[pd.Series | None, dict[str, pd.DataFrame]]:
    """Return (the article's row or None, {mentions, officials, figures}: its extracted rows)."""
    frame = con.execute("SELECT * FROM articles WHERE article_id = ?", [article_id]).df()
    rows = {
        name: _typed(name, con.execute(f'SELECT * FROM "{name}" WHERE article_id = ? ORDER BY {ORDER[name]}', [article_id]).df())
        for name in ("mentions", "officials", "figures")
    }
    return (None if frame.empty else _typed("articles", frame).iloc[0]), rows


def near_duplicates_of(con, article_id: str) -> pd.DataFrame:
    """Return the members of the article's near-duplicate group (itself included): title,
    source, published, similarity; empty when it has none."""
    return con.execute(
        "SELECT a.title, a.source, a.published, d.similarity FROM near_duplicates d JOIN articles a USING (article_id) "
        "WHERE d.group_id IN (SELECT group_id FROM near_duplicates WHERE article_id = ?) ORDER BY d.similarity DESC, a.article_id",
        [article_id],
    ).df()


def units(con, selected: Query) -> list[str]:
    """Return the units of the selected articles' figures, most figures first."""
    body = f"SELECT unit FROM figures WHERE {IN_SEL} AND unit IS NOT NULL GROUP BY unit ORDER BY count(*) DESC, unit"
    return [r[0] for r in con.execute(*with_selection(selected, body)).fetchall()]


def measures(con, selected: Query, unit: str, *, top_n: int = 40) -> list[tuple[str, int]]:
    """Return ``(measure, figures)`` of the selected articles' figures with a value in ``unit``,
    most figures first (the ``top_n`` first); "" stands for figures that name no measure."""
    body = (
        f"SELECT coalesce(measure, '') AS m, count(*) AS n FROM figures WHERE {IN_SEL} AND unit = ? "
        f"AND value IS NOT NULL GROUP BY m ORDER BY n DESC, m LIMIT {int(top_n)}"
    )
    return [(str(m), int(n)) for m, n in con.execute(*with_selection(selected, body, [unit])).fetchall()]


def figures_in_unit(con, selected: Query, unit: str, *, measure: str | None = None, limit: int = 2000) -> pd.DataFrame:
    """Return the selected articles' figures stated in ``unit`` with a value (the ``limit``
    largest), only those of ``measure`` when given ("": no measure named): the rows
    ``charts.figures_by_unit`` plots."""
    same = "" if measure is None else "AND coalesce(measure, '') = ?"
    # the rows are chosen on the narrow columns, then only theirs are read whole
    body = (
        f"SELECT * FROM figures WHERE rowid IN (SELECT rowid FROM figures WHERE {IN_SEL} AND unit = ? {same} "
        f"AND value IS NOT NULL ORDER BY value DESC, rowid LIMIT {int(limit)}) ORDER BY value DESC, rowid"
    )
    params = [unit] if measure is None else [unit, measure]
    return schema.conform("figures", con.execute(*with_selection(selected, body, params)).df())
