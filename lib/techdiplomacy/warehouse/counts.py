"""The small frames charts plot, counted in DuckDB over a selection of articles.

Each function takes a connection (or cursor) and a selection (:func:`warehouse.selection`)
and returns one tidy aggregate, with the columns, dtypes and order the charts expect:

- a *partner* is any country other than Iran that an article names: a country mention, or a
  place mention inside the country (``mentions.kind == "place"``, its ``country``);
- counts are of distinct articles unless a column says otherwise;
- ties are broken by key (ascending), so results never depend on row order.
"""

from __future__ import annotations

import pandas as pd

from techdiplomacy import schema
from techdiplomacy.schema import OTHER_KEY
from techdiplomacy.warehouse.query import Query, marks, run, with_selection

HOME = "IRN"
#: DuckDB ``date_trunc`` part of each period (pandas W periods start on Monday, as ISO weeks).
PERIODS = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
IN_SEL = "article_id IN (SELECT article_id FROM sel)"
#: The same for the derived tables (integer keys).
AID_IN_SEL = "aid IN (SELECT aid FROM sel)"
#: The person an officials row is: its ``official_id`` when known, else the name.
WHO = "coalesce(official_id, name)"
#: Article ids listed per official (customdata of the network): the first ones by id.
MAX_IDS = 100


def _typed(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns.items()})
    return frame[list(columns)].astype(columns).reset_index(drop=True)


def country_pairs_sql(exclude: tuple[str, ...] = (HOME,), *, named: tuple[str, ...] | None = None) -> Query:
    """SQL of one row per (selected article, country) named by a country or place mention:
    ``aid``, ``country``, ``n_mentions``. With ``named``, country mentions count only for
    those countries (places always count)."""
    if named is None:  # the derived pairs: no pass over the mentions
        outer = f"AND key NOT IN ({marks(exclude)})" if exclude else ""
        sql = f"SELECT aid, key AS country, n_mentions FROM td_pairs WHERE kind = 'country' AND {AID_IN_SEL} {outer}"
        return sql, list(exclude)
    where, params = [IN_SEL, "kind IN ('country', 'place')"], []
    if named is not None:
        where.append(f"(kind <> 'country' OR key IN ({marks(named) or 'NULL'}))")
        params += list(named)
    key = "CASE WHEN kind = 'country' THEN key ELSE country END"
    outer = f"WHERE country NOT IN ({marks(exclude)})" if exclude else ""
    sql = (
        f"SELECT t.aid, m.country, count(*) AS n_mentions FROM (SELECT article_id, {key} AS country "
        f"FROM mentions WHERE {' AND '.join(where)}) m JOIN td_articles t ON t.article_id = m.article_id "
        f"WHERE m.country IS NOT NULL {'AND m.' + outer[6:] if outer else ''} GROUP BY t.aid, m.country"
    )
    return sql, params + list(exclude)


SECTOR_PAIRS = f"SELECT aid, key AS sector, n_mentions FROM td_pairs WHERE kind = 'sector' AND {AID_IN_SEL}"


def _ranked(con, selected: Query, pairs: Query, key: str, top_n: int | None) -> pd.DataFrame:
    limit = f"LIMIT {int(top_n)}" if top_n is not None else ""
    body = (
        f"SELECT {key}, count(*) AS n_articles, sum(n_mentions) AS n_mentions FROM ({pairs[0]}) "
        f"GROUP BY {key} ORDER BY n_articles DESC, {key} {limit}"
    )
    frame = run(con, with_selection(selected, body, pairs[1]))
    return _typed(frame, {key: "string", "n_articles": "Int64", "n_mentions": "Int64"})


def country_counts(con, selected: Query, *, exclude=(HOME,), top_n: int | None = None) -> pd.DataFrame:
    """One row per partner country: ``country``, ``n_articles`` naming it, ``n_mentions``;
    most articles first (the ``top_n`` first)."""
    return _ranked(con, selected, country_pairs_sql(tuple(exclude)), "country", top_n)


def sector_counts(con, selected: Query, *, top_n: int | None = None) -> pd.DataFrame:
    """One row per sector: ``sector``, ``n_articles`` mentioning it, ``n_mentions``."""
    return _ranked(con, selected, (SECTOR_PAIRS, []), "sector", top_n)


def partners_in_sector(con, selected: Query, sector: str, *, top_n: int | None = None) -> pd.DataFrame:
    """One row per partner country named in selected articles that mention ``sector``:
    ``country``, ``n_articles``, ``n_mentions``; most articles first."""
    sql, params = country_pairs_sql()
    pairs = (
        f"SELECT * FROM ({sql}) WHERE aid IN "
        "(SELECT aid FROM td_pairs WHERE kind = 'sector' AND key = ?)",
        [*params, sector],
    )
    return _ranked(con, selected, pairs, "country", top_n)


def _pairs(kind: str, named: tuple[str, ...] | None = None) -> Query:
    if kind == "country":
        sql, params = country_pairs_sql(named=named)
        return f"SELECT aid, country AS key FROM ({sql})", params
    if kind == "sector":
        return f"SELECT aid, sector AS key FROM ({SECTOR_PAIRS})", []
    if kind == "topic":
        return f"SELECT aid, CAST(topic_id AS VARCHAR) AS key FROM td_dominant WHERE {AID_IN_SEL}", []
    raise ValueError(f"unknown kind {kind!r}")


def counts_over_time(
    con, selected: Query, kind: str, *, freq: str = "M", top_n: int | None = None, named: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """One row per (period, key): ``period`` (start date), ``kind`` (the key), ``n_articles`` —
    keys are partner countries, sectors or dominant topics (``kind`` country, sector, topic).

    Every period between the first and the last dated selected article appears for every key
    (0 when none). With ``top_n``, keys beyond the ``top_n`` with most articles are merged
    into :data:`OTHER_KEY` (its articles counted once per period). Undated articles are left
    out. Keys: most articles first, "other" last.
    """
    if freq not in PERIODS:
        raise ValueError(f"freq must be one of {sorted(PERIODS)}, not {freq!r}")
    pairs = _pairs(kind, named)
    part = PERIODS[freq]
    dated = (
        f", d AS MATERIALIZED (SELECT aid, CAST(date_trunc('{part}', published) AS DATE) AS period FROM td_articles "
        f"WHERE {AID_IN_SEL} AND published IS NOT NULL)"
    )
    # (article, key) pairs are unique, so a plain count is a count of articles; only the
    # merged "other" key needs a distinct count (an article may name several of its keys)
    count = "count(DISTINCT aid)" if kind == "topic" else "count(*)"
    body = (
        f"{dated}, r AS MATERIALIZED (SELECT p.aid, p.key, d.period FROM ({pairs[0]}) p JOIN d USING (aid)), "
        f"c AS (SELECT period, key, {count} AS n FROM r GROUP BY GROUPING SETS ((period, key), (key))) "
    )
    params = list(pairs[1])
    # the first and last periods ride along as two rows with n = -1 and -2
    ends = "SELECT min(period) AS period, NULL AS key, -1 AS n FROM d UNION ALL SELECT max(period), NULL, -2 FROM d UNION ALL "
    if top_n is None:
        body += ends + "SELECT period, key, n FROM c"
    else:
        body += (
            f", top AS (SELECT key FROM c WHERE period IS NULL ORDER BY n DESC, key LIMIT {int(top_n)}) "
            + ends + "SELECT period, key, n FROM c WHERE key IN (SELECT key FROM top) UNION ALL "
            "SELECT period, ? AS key, count(DISTINCT aid) AS n FROM r WHERE key NOT IN (SELECT key FROM top) "
            "GROUP BY GROUPING SETS ((period), ()) HAVING count(DISTINCT aid) > 0"
        )
        params.append(OTHER_KEY)
    return _fill_periods(_with(con, selected, body, params), freq).rename(columns={"key": kind})


def _fill_periods(frame: pd.DataFrame, freq: str) -> pd.DataFrame:
    columns = {"period": "datetime64[ns]", "key": "string", "n_articles": "Int64"}
    ends = frame[frame["n"] < 0]
    bounds = tuple(ends.sort_values("n", ascending=False)["period"]) if len(ends) == 2 else (None, None)
    frame = frame[frame["n"] >= 0]
    cells = frame[frame["period"].notna()]
    totals = frame[frame["period"].isna()]
    if cells.empty or bounds[0] is None or pd.isna(bounds[0]):
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns.items()})
    first, last = pd.Timestamp(bounds[0]), pd.Timestamp(bounds[1])
    pandas_freq = {"D": "D", "W": "W", "M": "M", "Q": "Q", "Y": "Y"}[freq]
    periods = pd.period_range(first, last, freq=pandas_freq).start_time
    total = dict(zip(totals["key"], totals["n"]))
    keys = sorted(total, key=lambda k: (k == OTHER_KEY, -total[k], k))
    grid = pd.MultiIndex.from_product([periods, keys], names=["period", "key"])
    series = pd.Series(cells["n"].to_numpy(), index=pd.MultiIndex.from_arrays([pd.to_datetime(cells["period"]), cells["key"]]))
    out = series.reindex(grid, fill_value=0).rename("n_articles").reset_index()
    out["period"] = out["period"].astype("datetime64[ns]")
    return out.astype(columns)


def articles_per_period(con, selected: Query, *, freq: str = "M") -> pd.DataFrame:
    """One row per period from the first to the last dated selected article: ``period``
    (start date), ``n_articles`` (every dated selected article, 0 when none): the whole view,
    the denominator of :func:`with_share`."""
    if freq not in PERIODS:
        raise ValueError(f"freq must be one of {sorted(PERIODS)}, not {freq!r}")
    body = (
        f", d AS (SELECT CAST(date_trunc('{PERIODS[freq]}', published) AS DATE) AS period FROM td_articles "
        f"WHERE {AID_IN_SEL} AND published IS NOT NULL) "
        "SELECT min(period) AS period, NULL AS key, -1 AS n FROM d UNION ALL SELECT max(period), NULL, -2 FROM d "
        "UNION ALL SELECT period, 'all' AS key, count(*) AS n FROM d GROUP BY GROUPING SETS ((period), ())"
    )
    out = _fill_periods(_with(con, selected, body), freq)
    return out[["period", "n_articles"]].reset_index(drop=True)


def with_share(counts: pd.DataFrame, totals: pd.DataFrame) -> pd.DataFrame:
    """Return ``counts`` (:func:`counts_over_time`) with ``share``: its ``n_articles`` over all
    the view's articles of that period (:func:`articles_per_period`, same ``freq``), between 0
    and 1, NA for a period without articles — Media Cloud's "attention"."""
    whole = dict(zip(pd.to_datetime(totals["period"]), totals["n_articles"].astype("Int64")))
    denominator = pd.to_datetime(counts["period"]).map(whole).astype("Float64")
    share = counts["n_articles"].astype("Float64") / denominator.where(denominator > 0)
    return counts.assign(share=share.astype("Float64"))


def country_sector_counts(con, selected: Query) -> pd.DataFrame:
    """One row per (partner country, sector) named in the same selected article: ``country``,
    ``sector``, ``n_articles``; most articles first."""
    return _by_country(con, selected, SECTOR_PAIRS, "sector", "string", "n_articles DESC, country, sector")


def _by_country(con, selected: Query, other: str, column: str, dtype: str, order: str) -> pd.DataFrame:
    """Articles per (partner country, ``column`` of ``other``), a query of (aid, column) pairs
    over the selection: ``country``, ``column``, ``n_articles`` in ``order``."""
    sql, params = country_pairs_sql()
    body = (
        f"SELECT c.country, o.{column}, count(*) AS n_articles FROM ({sql}) c JOIN ({other}) o USING (aid) "
        f"GROUP BY c.country, o.{column} ORDER BY {order}"
    )
    frame = run(con, with_selection(selected, body, params))
    return _typed(frame, {"country": "string", column: dtype, "n_articles": "Int64"})


def sector_cooccurrence_counts(con, selected: Query) -> pd.DataFrame:
    """One row per ordered pair of sectors (``sector_a``, ``sector_b``) mentioned in the same
    selected article, ``n_articles``; the diagonal counts articles mentioning the sector."""
    body = (
        f"SELECT a.sector AS sector_a, b.sector AS sector_b, count(*) AS n_articles FROM ({SECTOR_PAIRS}) a "
        f"JOIN ({SECTOR_PAIRS}) b USING (aid) GROUP BY a.sector, b.sector ORDER BY sector_a, sector_b"
    )
    frame = run(con, with_selection(selected, body))
    return _typed(frame, {"sector_a": "string", "sector_b": "string", "n_articles": "Int64"})


def officials_role_counts(con, selected: Query) -> pd.DataFrame:
    """One row per (role, country): ``role``, ``country``, ``n_officials`` (distinct people);
    roles in :data:`schema.ROLES` order, then others."""
    order = " ".join(f"WHEN '{role}' THEN {i}" for i, role in enumerate(schema.ROLES))
    body = (
        f"SELECT * FROM (SELECT coalesce(role, 'official') AS role, country, count(DISTINCT {WHO}) AS n_officials "
        f"FROM officials WHERE {IN_SEL} AND {WHO} IS NOT NULL GROUP BY 1, 2) "
        f"ORDER BY CASE role {order} ELSE {len(schema.ROLES)} END, role, n_officials DESC, country NULLS LAST"
    )
    frame = run(con, with_selection(selected, body))
    return _typed(frame, {"role": "string", "country": "string", "n_officials": "Int64"})


def official_nodes(con, selected: Query, *, top_n: int | None = None, offset: int = 0) -> pd.DataFrame:
    """One row per person: ``official`` (id or name), ``name``, ``role``, ``country`` (their
    most frequent values, ties: the smallest), ``n_articles``, ``article_ids`` (the first
    :data:`MAX_IDS` by id, "|"-joined); most articles first (``top_n`` rows from ``offset``)."""
    limit = f"LIMIT {int(top_n)} OFFSET {int(offset)}" if top_n is not None else ""
    modes = []
    for column in ("name", "role", "country"):
        modes.append(
            f"{column}_m AS (SELECT official, {column} FROM (SELECT {WHO} AS official, {column}, "
            f"row_number() OVER (PARTITION BY {WHO} ORDER BY count(*) DESC, {column}) AS i FROM o "
            f"WHERE {column} IS NOT NULL GROUP BY {WHO}, {column}) WHERE i = 1)"
        )
    body = (
        f", o AS (SELECT * FROM officials WHERE {IN_SEL} AND {WHO} IS NOT NULL), {', '.join(modes)}, "
        f"p AS (SELECT {WHO} AS official, count(DISTINCT article_id) AS n_articles, "
        f"array_to_string(list_slice(list(DISTINCT article_id ORDER BY article_id), 1, {MAX_IDS}), '|') AS article_ids "
        f"FROM o GROUP BY {WHO} ORDER BY n_articles DESC, official {limit}) "
        "SELECT p.official, name_m.name, role_m.role, country_m.country, p.n_articles, p.article_ids FROM p "
        "LEFT JOIN name_m USING (official) LEFT JOIN role_m USING (official) LEFT JOIN country_m USING (official) "
        "ORDER BY p.n_articles DESC, p.official"
    )
    frame = _with(con, selected, body)
    columns = {"official": "string", "name": "string", "role": "string", "country": "string", "n_articles": "Int64", "article_ids": "string"}
    return _typed(frame, columns)


def official_count(con, selected: Query) -> int:
    """Return the number of distinct people named in the selected articles."""
    body = f"SELECT count(DISTINCT {WHO}) FROM officials WHERE {IN_SEL}"
    sql, params = with_selection(selected, body)
    return int(con.execute(sql, params).fetchone()[0])


def official_edges(con, selected: Query, people=None) -> pd.DataFrame:
    """One row per pair of people named in the same selected article: ``source``, ``target``
    (source < target), ``n_articles`` shared; ``people`` restricts the pairs to them."""
    only, params = "", []
    if people is not None:
        people = [str(p) for p in people]
        if not people:
            return _typed(pd.DataFrame(), {"source": "string", "target": "string", "n_articles": "Int64"})
        only, params = f"AND {WHO} IN ({marks(people)})", people
    body = (
        f", p AS (SELECT DISTINCT article_id, {WHO} AS official FROM officials WHERE {IN_SEL} AND {WHO} IS NOT NULL {only}) "
        "SELECT a.official AS source, b.official AS target, count(*) AS n_articles FROM p a JOIN p b USING (article_id) "
        "WHERE a.official < b.official GROUP BY ALL ORDER BY source, target"
    )
    frame = _with(con, selected, body, params)
    return _typed(frame, {"source": "string", "target": "string", "n_articles": "Int64"})


def _with(con, selected: Query, tail: str, params: list | None = None) -> pd.DataFrame:
    """Run ``WITH sel AS (...)`` followed by ``tail`` (which starts with more CTEs)."""
    return con.execute(f"WITH sel AS ({selected[0]}) {tail}", [*selected[1], *(params or [])]).df()


# --- topics --------------------------------------------------------------------------------

DOMINANT = f"SELECT aid, topic_id FROM td_dominant WHERE {AID_IN_SEL}"


def topic_counts_over_time(con, selected: Query, *, freq: str = "M") -> pd.DataFrame:
    """One row per (period, topic): ``period``, ``topic_id``, ``n_articles`` whose dominant
    topic it is (the input of :func:`charts.topics.topics_over_time`)."""
    out = counts_over_time(con, selected, "topic", freq=freq).rename(columns={"topic": "topic_id"})
    return out.astype({"topic_id": "Int64"})


def topic_counts_by_country(con, selected: Query) -> pd.DataFrame:
    """One row per (partner country, topic): ``country``, ``topic_id``, ``n_articles`` naming
    the country whose dominant topic it is (the input of ``topics_per_country``)."""
    return _by_country(con, selected, DOMINANT, "topic_id", "Int64", "country, topic_id")


def topics(con, selected: Query) -> pd.DataFrame:
    """The ``topics`` table restricted to the dominant topics of the selected articles, with
    ``size`` and ``n_passages`` recounted over them."""
    columns = ", ".join(f"t.{c}" for c in schema.columns("topics") if c not in ("size", "n_passages"))
    body = (
        f", s AS (SELECT topic_id, count(DISTINCT aid) AS size FROM ({DOMINANT}) GROUP BY topic_id), "
        f"p AS (SELECT topic_id, count(*) AS n_passages FROM passage_topics WHERE {IN_SEL} GROUP BY topic_id) "
        f"SELECT {columns}, s.size, coalesce(p.n_passages, 0) AS n_passages FROM topics t JOIN s USING (topic_id) "
        "LEFT JOIN p USING (topic_id) ORDER BY t.topic_id"
    )
    frame = _with(con, selected, body)
    return schema.conform("topics", frame[schema.columns("topics")]) if not frame.empty else schema.empty("topics")


def topic_points(con, selected: Query, *, limit: int = 3000) -> pd.DataFrame:
    """One row per selected article placed on the topic map (dominant topic with ``x`` and
    ``y``): ``article_id``, ``topic_id``, ``x``, ``y``, ``title``. Past ``limit`` articles, a
    fixed sample of them (by a hash of the id), so the map stays readable and light."""
    body = (
        f", p AS (SELECT article_id, topic_id, x, y FROM article_topics WHERE {IN_SEL} AND rank = 1 "
        f"AND x IS NOT NULL AND y IS NOT NULL ORDER BY hash(article_id), article_id LIMIT {int(limit)}), "
        # the titles of these articles only, fetched by row id (never the whole title column)
        "n AS (SELECT article_id, title FROM articles WHERE rowid IN "
        "(SELECT rid FROM td_articles WHERE article_id IN (SELECT article_id FROM p))) "
        "SELECT p.article_id, p.topic_id, p.x, p.y, n.title FROM p LEFT JOIN n USING (article_id)"
    )
    frame = _with(con, selected, body)
    columns = {"article_id": "string", "topic_id": "Int64", "x": "Float64", "y": "Float64", "title": "string"}
    return _typed(frame, columns).sort_values(["topic_id", "article_id"]).reset_index(drop=True)


# --- headline ------------------------------------------------------------------------------


def headline_counts(con, selected: Query) -> dict:
    """Return the numbers for the dashboard's header: ``articles``, ``partners`` (distinct
    partner countries), ``sectors``, ``officials`` (distinct people), ``figures``, ``topics``
    (distinct dominant topics), ``sources``, ``languages`` ({code: articles}),
    ``date_min``/``date_max`` (ISO dates or None)."""
    # one pass over each table: the selected articles, their pairs, officials, dominant topics
    body = (
        f", a AS (SELECT count(*) AS n, coalesce(sum(n_figures), 0) AS f, count(DISTINCT source) AS s, "
        f"min(published) AS lo, max(published) AS hi FROM td_articles WHERE {AID_IN_SEL}), "
        "p AS (SELECT count(DISTINCT key) FILTER (WHERE kind = 'country' AND key <> ?) AS c, "
        f"count(DISTINCT key) FILTER (WHERE kind = 'sector') AS k FROM td_pairs WHERE {AID_IN_SEL}), "
        f"o AS (SELECT count(DISTINCT {WHO}) AS n FROM officials WHERE {IN_SEL}), "
        f"t AS (SELECT count(DISTINCT topic_id) AS n FROM ({DOMINANT})) "
        "SELECT a.n, p.c, p.k, o.n, a.f, t.n, a.s, a.lo, a.hi FROM a, p, o, t"
    )
    row = con.execute(f"WITH sel AS ({selected[0]}) {body}", [*selected[1], HOME]).fetchone()
    languages = con.execute(
        f"WITH sel AS ({selected[0]}) SELECT language, count(*) AS n FROM td_articles WHERE {AID_IN_SEL} "
        "AND language IS NOT NULL GROUP BY language ORDER BY n DESC, language",
        selected[1],
    ).fetchall()
    names = ("articles", "partners", "sectors", "officials", "figures", "topics", "sources")
    out = {name: int(value) for name, value in zip(names, row)}
    out["languages"] = {str(k): int(v) for k, v in languages}
    out["date_min"] = None if row[7] is None else pd.Timestamp(row[7]).date().isoformat()
    out["date_max"] = None if row[8] is None else pd.Timestamp(row[8]).date().isoformat()
    return out


def undated_count(con, selected: Query) -> int:
    """Return how many selected articles have no publication date (charts over time leave
    them out, so pages say how many there are)."""
    sql = f"WITH sel AS ({selected[0]}) SELECT count(*) FROM td_articles WHERE {AID_IN_SEL} AND published IS NULL"
    return int(con.execute(sql, list(selected[1])).fetchone()[0])
