"""The tidy aggregates behind the charts: one function per aggregate, named by its grain.

Each chart in ``charts_*`` draws exactly one of these frames, so the numbers a user sees are
the numbers a "data.csv" download gives (call the same function). Inputs are already
filtered (:meth:`techdiplomacy.filters.Filters.apply`); nothing here filters by the UI state.

A *partner* is any country other than Iran that an article names: a country mention, or a
place mention inside the country (``mentions.kind == "place"``, its ``country``). Counts are
of distinct articles unless a column says otherwise.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from techdiplomacy import schema

HOME = "IRN"
FREQUENCIES = {"W": "W", "M": "M", "Q": "Q", "Y": "Y"}


def _frame(frame: pd.DataFrame | None, table: str) -> pd.DataFrame:
    return schema.empty(table) if frame is None else frame


def country_pairs(mentions: pd.DataFrame, *, exclude: tuple[str, ...] = (HOME,)) -> pd.DataFrame:
    """One row per (article, country) named by a country or place mention: ``article_id``,
    ``country``, ``n_mentions`` (how many such mentions). Countries in ``exclude`` dropped."""
    mentions = _frame(mentions, "mentions")
    country = mentions["key"].where(mentions["kind"].eq("country"), mentions["country"])
    named = mentions["kind"].isin(["country", "place"]).fillna(False) & country.notna()
    rows = pd.DataFrame({"article_id": mentions["article_id"], "country": country})[named.to_numpy()]
    rows = rows[~rows["country"].isin(list(exclude)).fillna(False)]
    out = rows.groupby(["article_id", "country"], sort=True).size().reset_index(name="n_mentions")
    return out.astype({"article_id": "string", "country": "string", "n_mentions": "Int64"})


def sector_pairs(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per (article, sector) mentioned: ``article_id``, ``sector``, ``n_mentions``."""
    mentions = _frame(mentions, "mentions")
    rows = mentions.loc[mentions["kind"].eq("sector").fillna(False) & mentions["key"].notna(), ["article_id", "key"]]
    out = rows.rename(columns={"key": "sector"}).groupby(["article_id", "sector"], sort=True).size()
    out = out.reset_index(name="n_mentions")
    return out.astype({"article_id": "string", "sector": "string", "n_mentions": "Int64"})


def _ranked(pairs: pd.DataFrame, key: str) -> pd.DataFrame:
    grouped = pairs.groupby(key, sort=False).agg(n_articles=("article_id", "nunique"), n_mentions=("n_mentions", "sum"))
    grouped = grouped.reset_index().sort_values(["n_articles", key], ascending=[False, True], kind="stable")
    return grouped.reset_index(drop=True).astype({key: "string", "n_articles": "Int64", "n_mentions": "Int64"})


def country_counts(mentions: pd.DataFrame, *, exclude: tuple[str, ...] = (HOME,)) -> pd.DataFrame:
    """One row per country: ``country``, ``n_articles`` naming it, ``n_mentions``; most
    articles first."""
    return _ranked(country_pairs(mentions, exclude=exclude), "country")


def sector_counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per sector: ``sector``, ``n_articles`` mentioning it, ``n_mentions``."""
    return _ranked(sector_pairs(mentions), "sector")


def period_start(published: pd.Series, freq: str) -> pd.Series:
    """Return the first day of the week/month/quarter/year (``freq`` W, M, Q, Y) of each date."""
    if freq not in FREQUENCIES:
        raise ValueError(f"freq must be one of {sorted(FREQUENCIES)}, not {freq!r}")
    dates = pd.to_datetime(published, errors="coerce")
    return dates.dt.to_period(FREQUENCIES[freq]).dt.start_time


def counts_over_time(
    articles: pd.DataFrame, pairs: pd.DataFrame, key: str, *, freq: str = "M", top_n: int | None = None
) -> pd.DataFrame:
    """One row per (period, key value): ``period`` (start date), ``key``, ``n_articles``.

    ``pairs`` has ``article_id`` and ``key`` columns (e.g. :func:`country_pairs`). Every period
    between the first and the last dated article appears for every key (0 when none), so
    lines do not skip gaps. With ``top_n``, keys beyond the ``top_n`` with most articles are
    merged into :data:`charts_style.OTHER_KEY` (its articles counted once per period).
    Undated articles are left out.
    """
    from techdiplomacy.charts_style import OTHER_KEY

    articles = _frame(articles, "articles")
    dated = pd.DataFrame({"article_id": articles["article_id"], "period": period_start(articles["published"], freq)})
    dated = dated.dropna(subset=["period"])
    rows = pairs[["article_id", key]].merge(dated, on="article_id", how="inner")
    columns = {"period": "datetime64[ns]", key: "string", "n_articles": "Int64"}
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns.items()})
    if top_n is not None:
        totals = rows.groupby(key)["article_id"].nunique().reset_index()
        totals = totals.sort_values(["article_id", key], ascending=[False, True], kind="stable")
        keep = set(totals[key].head(top_n))
        rows[key] = rows[key].where(rows[key].isin(keep), OTHER_KEY)
    counts = rows.groupby(["period", key])["article_id"].nunique()
    periods = pd.period_range(dated["period"].min(), dated["period"].max(), freq=FREQUENCIES[freq]).start_time
    totals = rows.groupby(key)["article_id"].nunique()
    keys = sorted(totals.index, key=lambda k: (k == OTHER_KEY, -totals[k], k))
    grid = pd.MultiIndex.from_product([periods, keys], names=["period", key])
    out = counts.reindex(grid, fill_value=0).rename("n_articles").reset_index()
    out["period"] = out["period"].astype("datetime64[ns]")
    return out.astype(columns)


def country_sector_counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per (partner country, sector) named in the same article: ``country``,
    ``sector``, ``n_articles``; most articles first."""
    pairs = country_pairs(mentions)[["article_id", "country"]].merge(sector_pairs(mentions)[["article_id", "sector"]], on="article_id")
    out = pairs.groupby(["country", "sector"]).size().reset_index(name="n_articles")
    out = out.sort_values(["n_articles", "country", "sector"], ascending=[False, True, True], kind="stable")
    return out.reset_index(drop=True).astype({"country": "string", "sector": "string", "n_articles": "Int64"})


def sector_cooccurrence_counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per ordered pair of sectors (``sector_a``, ``sector_b``) mentioned in the same
    article, ``n_articles``; the diagonal (a == b) counts articles mentioning the sector."""
    pairs = sector_pairs(mentions)[["article_id", "sector"]]
    columns = {"sector_a": "string", "sector_b": "string", "n_articles": "Int64"}
    if pairs.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns.items()})
    joined = pairs.merge(pairs, on="article_id", suffixes=("_a", "_b"))
    out = joined.groupby(["sector_a", "sector_b"]).size().reset_index(name="n_articles")
    out = out[out["n_articles"] > 0]
    return out.reset_index(drop=True).astype(columns)


def partners_in_sector(mentions: pd.DataFrame, sector: str) -> pd.DataFrame:
    """One row per partner country named in articles that mention ``sector``: ``country``,
    ``n_articles``, ``n_mentions``; most articles first."""
    sectors = sector_pairs(mentions)
    ids = sectors.loc[sectors["sector"].eq(sector).fillna(False), "article_id"]
    pairs = country_pairs(mentions)
    return _ranked(pairs[pairs["article_id"].isin(ids.tolist())], "country")


def official_keys(officials: pd.DataFrame) -> pd.Series:
    """Return who each officials row is: ``official_id`` when known, else the name."""
    return officials["official_id"].fillna(officials["name"]).astype("string")


def officials_role_counts(officials: pd.DataFrame) -> pd.DataFrame:
    """One row per (role, country): ``role``, ``country``, ``n_officials`` (distinct people);
    roles in :data:`schema.ROLES` order, then others."""
    officials = _frame(officials, "officials")
    people = pd.DataFrame({"who": official_keys(officials), "role": officials["role"].fillna("official"), "country": officials["country"]})
    people = people.dropna(subset=["who"])
    out = people.groupby(["role", "country"], dropna=False)["who"].nunique().reset_index(name="n_officials")
    order = {role: i for i, role in enumerate(schema.ROLES)}
    out["_order"] = out["role"].map(lambda r: order.get(r, len(order)))
    out = out.sort_values(["_order", "role", "n_officials"], ascending=[True, True, False], kind="stable").drop(columns="_order")
    return out.reset_index(drop=True).astype({"role": "string", "country": "string", "n_officials": "Int64"})


def official_nodes(officials: pd.DataFrame, *, top_n: int | None = None) -> pd.DataFrame:
    """One row per person: ``official`` (id or name), ``name``, ``role``, ``country`` (their
    most frequent values), ``n_articles``, ``article_ids`` ("|"-joined); most articles first."""
    officials = _frame(officials, "officials")
    frame = pd.DataFrame(
        {"official": official_keys(officials), "article_id": officials["article_id"], "name": officials["name"],
         "role": officials["role"], "country": officials["country"]}
    ).dropna(subset=["official"])
    columns = {"official": "string", "name": "string", "role": "string", "country": "string", "n_articles": "Int64", "article_ids": "string"}
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns.items()})

    def most_frequent(column: str) -> pd.Series:
        # the value each person has most often (ties: the smallest, so row order never matters)
        counts = frame.groupby(["official", column]).size().reset_index(name="n")
        counts = counts.sort_values(["official", "n", column], ascending=[True, False, True], kind="stable")
        return counts.drop_duplicates("official").set_index("official")[column]

    pairs = frame[["official", "article_id"]].dropna().drop_duplicates().sort_values(["official", "article_id"])
    grouped = pairs.groupby("official", sort=True)["article_id"]
    out = pd.DataFrame({"n_articles": grouped.size(), "article_ids": grouped.agg(lambda ids: "|".join(list(ids)[:100]))})
    for column in ("name", "role", "country"):
        out[column] = most_frequent(column).reindex(out.index)
    out = out.reset_index()[["official", "name", "role", "country", "n_articles", "article_ids"]]
    out = out.sort_values(["n_articles", "official"], ascending=[False, True], kind="stable").reset_index(drop=True)
    if top_n is not None:
        out = out.head(top_n)
    return out.astype(columns)


def official_edges(officials: pd.DataFrame, people: pd.Series | None = None) -> pd.DataFrame:
    """One row per pair of people named in the same article: ``source``, ``target`` (source <
    target), ``n_articles`` shared. ``people`` restricts the pairs to those officials."""
    officials = _frame(officials, "officials")
    pairs = pd.DataFrame({"article_id": officials["article_id"], "official": official_keys(officials)}).dropna().drop_duplicates()
    if people is not None:
        pairs = pairs[pairs["official"].isin(list(people))]
    joined = pairs.merge(pairs, on="article_id", suffixes=("_a", "_b"))
    joined = joined[joined["official_a"] < joined["official_b"]]
    out = joined.groupby(["official_a", "official_b"]).size().reset_index(name="n_articles")
    out.columns = ["source", "target", "n_articles"]
    return out.astype({"source": "string", "target": "string", "n_articles": "Int64"})


def topic_counts_over_time(articles: pd.DataFrame, article_topics: pd.DataFrame, *, freq: str = "M") -> pd.DataFrame:
    """One row per (period, topic): ``period``, ``topic_id``, ``n_articles`` whose dominant
    topic it is (the input of :func:`charts_topics.topics_over_time`)."""
    assigned = _frame(article_topics, "article_topics")
    dominant = assigned.loc[assigned["rank"].eq(1).fillna(False), ["article_id", "topic_id"]]
    out = counts_over_time(articles, dominant.astype({"topic_id": "string"}), "topic_id", freq=freq)
    return out.astype({"topic_id": "Int64"})


def topic_counts_by_country(mentions: pd.DataFrame, article_topics: pd.DataFrame) -> pd.DataFrame:
    """One row per (partner country, topic): ``country``, ``topic_id``, ``n_articles`` naming
    the country whose dominant topic it is (the input of ``topics_per_country``)."""
    assigned = _frame(article_topics, "article_topics")
    dominant = assigned.loc[assigned["rank"].eq(1).fillna(False), ["article_id", "topic_id"]]
    joined = country_pairs(mentions)[["article_id", "country"]].merge(dominant, on="article_id")
    out = joined.groupby(["country", "topic_id"]).size().reset_index(name="n_articles")
    out = out.sort_values(["country", "topic_id"], kind="stable").reset_index(drop=True)
    return out.astype({"country": "string", "topic_id": "Int64", "n_articles": "Int64"})


def headline_counts(tables: dict[str, pd.DataFrame]) -> dict:
    """Return the numbers for the dashboard's header: ``articles``, ``partners`` (distinct
    partner countries), ``sectors``, ``officials`` (distinct people), ``figures``, ``sources``,
    ``languages`` ({code: articles}), ``date_min``/``date_max`` (ISO dates or None)."""
    articles = _frame(tables.get("articles"), "articles")
    mentions = _frame(tables.get("mentions"), "mentions")
    officials = _frame(tables.get("officials"), "officials")
    figures = _frame(tables.get("figures"), "figures")
    published = pd.to_datetime(articles["published"], errors="coerce").dropna()
    languages = articles["language"].dropna().value_counts()
    return {
        "articles": int(articles["article_id"].nunique()),
        "partners": int(country_pairs(mentions)["country"].nunique()),
        "sectors": int(sector_pairs(mentions)["sector"].nunique()),
        "officials": int(official_keys(officials).dropna().nunique()),
        "figures": int(len(figures)),
        "sources": int(articles["source"].dropna().nunique()),
        "languages": {str(k): int(v) for k, v in languages.items()},
        "date_min": published.min().date().isoformat() if len(published) else None,
        "date_max": published.max().date().isoformat() if len(published) else None,
    }


def spring_layout(n: int, edges: list[tuple[int, int, float]], *, iterations: int = 300, seed: int = 0) -> np.ndarray:
    """Return an (n, 2) array of node positions in [-1, 1]: Fruchterman–Reingold with a weak
    pull to the centre (so unconnected nodes stay in view). Deterministic for a given input:
    nodes start on a circle in input order (``seed`` only rotates that circle)."""
    if n == 0:
        return np.zeros((0, 2))
    if n == 1:
        return np.zeros((1, 2))
    angles = 2 * np.pi * (np.arange(n) / n) + seed
    pos = np.column_stack([np.cos(angles), np.sin(angles)])
    weights = np.zeros((n, n))
    for a, b, w in edges:
        weights[a, b] = weights[b, a] = weights[a, b] + w
    k = np.sqrt(4.0 / n)
    temperature = 0.2
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=-1), 1e-3)
        repulse = (k * k / distance**2)[..., None] * delta
        attract = (weights * distance / k)[..., None] * delta
        force = (repulse - attract).sum(axis=1) - 0.05 * pos * n / 10
        length = np.maximum(np.linalg.norm(force, axis=1, keepdims=True), 1e-9)
        pos = pos + force / length * np.minimum(length, temperature)
        temperature = max(temperature * 0.985, 0.002)
    pos = pos - pos.mean(axis=0)
    scale = np.abs(pos).max()
    return pos / scale if scale > 0 else pos
