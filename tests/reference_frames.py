"""The pandas reference of the dashboard's query layer: what each SQL query must return.

Filtering (:func:`apply`, the meaning documented in :mod:`techdiplomacy.warehouse.filters`), near-duplicate
collapsing and every chart aggregate, written plainly over whole frames: the dashboard's code
once did this in pandas; the SQL in ``techdiplomacy.warehouse.query*`` replaced it, and
tests/test_warehouse.py checks the SQL against this on random tables.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from techdiplomacy import schema
from techdiplomacy.i18n import labels
from techdiplomacy.text.normalisation import normalise
from techdiplomacy.text.search import query_terms
from techdiplomacy.topics.duplicates import collapse_near_duplicates
from techdiplomacy.warehouse.filters import Filters

ARTICLE_TABLES = ("articles", "mentions", "officials", "figures", "article_topics", "passage_topics")


# --- search -------------------------------------------------------------------------------------

def search_text(articles: pd.DataFrame) -> pd.Series:
    """Return the normalised ``title + text`` of each article (index: ``article_id``).

    :meth:`Filters.apply` computes this when it needs it; pass it in (cached by the UI) to
    search a large corpus repeatedly without normalising it each time.
    """
    if articles.empty:
        return pd.Series([], dtype="string", index=pd.Index([], name="article_id"))
    combined = articles["title"].fillna("") + "\n" + articles["text"].fillna("")
    norm = combined.map(lambda t: " ".join(normalise(t).split()), na_action="ignore")
    return pd.Series(norm.to_numpy(), index=pd.Index(articles["article_id"], name="article_id"), dtype="string")


def matching_ids(articles: pd.DataFrame, terms: list[str], search: pd.Series | None = None) -> pd.Index:
    """Return the ids of ``articles`` whose search text contains every one of ``terms``.

    ``search`` is :func:`search_text` of (at least) these articles, if already computed.
    """
    if search is None:
        text = search_text(articles)
    else:
        text = search.reindex(pd.Index(articles["article_id"]))
    found = np.ones(len(text), dtype=bool)
    for term in terms:
        found &= text.str.contains(term, regex=False).fillna(False).to_numpy(dtype=bool)
    return text.index[found]


def as_list(ids) -> list:
    """Return ``ids`` (a Series, Index, array or iterable) as a list of Python values."""
    if isinstance(ids, (pd.Series, pd.Index)):
        ids = ids.array
    if hasattr(ids, "tolist"):
        return ids.tolist()
    return list(ids)


def isin(column: pd.Series, values) -> pd.Series:
    """Return ``column.isin(values)`` as a boolean Series, NA as False.

    Arrow-backed strings go through ``pyarrow.compute.is_in``: pandas' own ``isin`` on them
    builds one Arrow scalar per value in Python, about 8 times slower for 50k article ids.
    """
    values = [v for v in as_list(values) if v is not None and v is not pd.NA]
    array = column.array
    if isinstance(column.dtype, pd.StringDtype) and column.dtype.storage == "pyarrow":
        arrow = pa.array(array)
        found = pc.is_in(arrow, value_set=pa.array([str(v) for v in values], type=arrow.type))
        return pd.Series(np.asarray(found.fill_null(False), dtype=bool), index=column.index)
    return column.isin(values).fillna(False).astype(bool)


# --- filters ------------------------------------------------------------------------------------

def _table(tables: Mapping[str, pd.DataFrame], name: str) -> pd.DataFrame:
    frame = tables.get(name)
    return schema.empty(name) if frame is None else frame


def article_ids(self: Filters, tables, *, search=None):
    """Return the ids of the articles that match every set filter (module docstring).

    ``search`` is :func:`search_text` of the articles, if already computed.
    """
    articles = _table(tables, "articles")
    keep = pd.Series(True, index=articles.index)

    def having(ids) -> pd.Series:
        return isin(articles["article_id"], ids)

    if self.countries:
        mentions = _table(tables, "mentions")
        wanted = list(self.countries)
        hit = (mentions["kind"].eq("country") & isin(mentions["key"], wanted)) | (
            mentions["kind"].eq("place") & isin(mentions["country"], wanted)
        )
        ids = [mentions.loc[hit.fillna(False), "article_id"]]
        for name in ("officials", "figures"):
            other = _table(tables, name)
            ids.append(other.loc[isin(other["country"], wanted), "article_id"])
        keep &= having(pd.concat(ids, ignore_index=True).unique())
    if self.sectors:
        mentions = _table(tables, "mentions")
        hit = mentions["kind"].eq("sector") & isin(mentions["key"], self.sectors)
        keep &= having(mentions.loc[hit.fillna(False), "article_id"].unique())
    if self.date_from or self.date_to:
        published = pd.to_datetime(articles["published"], errors="coerce")
        in_range = published.notna()
        if self.date_from:
            in_range &= published >= pd.Timestamp(self.date_from)
        if self.date_to:
            in_range &= published < pd.Timestamp(self.date_to) + pd.Timedelta(days=1)
        keep &= in_range.fillna(False)
    if self.languages:
        keep &= isin(articles["language"], self.languages)
    if self.sources:
        keep &= isin(articles["source"], self.sources)
    if self.topics:
        assigned = _table(tables, "article_topics")
        dominant = assigned["rank"].eq(1) & assigned["topic_id"].isin(list(self.topics))
        keep &= having(assigned.loc[dominant.fillna(False), "article_id"].unique())
    terms = query_terms(self.query)
    if terms and keep.any():
        # Only the articles still in play are searched (and normalised, if need be).
        keep &= having(matching_ids(articles.loc[keep], terms, search))
    return pd.Index(articles.loc[keep, "article_id"].unique(), name="article_id")


def apply(self: Filters, tables, *, search=None) -> dict[str, pd.DataFrame]:
    """Return every table restricted to the matching articles.

    Tables keyed by article (articles, mentions, officials, figures, article_topics,
    passage_topics) keep the rows of matching articles; ``topics`` keeps the topics that are
    some matching article's dominant topic, with ``size`` (and ``n_passages`` when
    ``passage_topics`` is given) recounted over the matching articles; other tables
    (errors, ...) are returned as they are. Rows keep their order; indexes are reset.
    """
    if self.is_empty():
        return dict(tables)
    kept = as_list(article_ids(self, tables, search=search))
    out: dict[str, pd.DataFrame] = {}
    for name, frame in tables.items():
        if name in ARTICLE_TABLES and "article_id" in frame:
            out[name] = frame.loc[isin(frame["article_id"], kept)].reset_index(drop=True)
        else:
            out[name] = frame
    if "topics" in tables:
        out["topics"] = _topics(tables["topics"], out.get("article_topics"), out.get("passage_topics"))
    return out


def _topics(topics, article_topics, passage_topics) -> pd.DataFrame:
    if article_topics is None:
        return topics
    dominant = article_topics.loc[article_topics["rank"].eq(1).fillna(False)]
    sizes = dominant.groupby("topic_id")["article_id"].nunique()
    kept = topics.loc[topics["topic_id"].isin(sizes.index)].copy()
    kept["size"] = kept["topic_id"].map(sizes).astype(topics["size"].dtype)
    if passage_topics is not None:
        passages = passage_topics.groupby("topic_id").size()
        kept["n_passages"] = kept["topic_id"].map(passages).fillna(0).astype(topics["n_passages"].dtype)
    return kept.reset_index(drop=True)


def options(tables):
    """Return the values each sidebar widget can offer, from the (unfiltered) tables.

    ``countries``, ``sectors``, ``sources``, ``languages``, ``topics``: lists ordered by
    number of articles (most first, then by value); ``date_min``/``date_max``: the
    published range (``None`` if undated); ``lang``: the UI languages.
    """
    articles = _table(tables, "articles")
    mentions = _table(tables, "mentions")

    def ranked(frame: pd.DataFrame, column: str) -> list:
        pairs = frame[["article_id", column]].dropna().drop_duplicates()
        counts = pairs.groupby(column).size().reset_index(name="n")
        counts = counts.sort_values(["n", column], ascending=[False, True], kind="stable")
        return counts[column].tolist()

    country_rows = [
        mentions.loc[mentions["kind"].eq("country").fillna(False), ["article_id", "key"]].rename(columns={"key": "value"}),
        mentions.loc[mentions["kind"].eq("place").fillna(False), ["article_id", "country"]].rename(columns={"country": "value"}),
    ] + [
        _table(tables, name)[["article_id", "country"]].rename(columns={"country": "value"})
        for name in ("officials", "figures")
    ]
    sector_rows = mentions.loc[mentions["kind"].eq("sector").fillna(False), ["article_id", "key"]]
    assigned = _table(tables, "article_topics")
    dominant = assigned.loc[assigned["rank"].eq(1).fillna(False)]
    published = pd.to_datetime(articles["published"], errors="coerce").dropna()
    return {
        "countries": [str(v) for v in ranked(pd.concat(country_rows, ignore_index=True), "value")],
        "sectors": [str(v) for v in ranked(sector_rows, "key")],
        "languages": [str(v) for v in ranked(articles, "language")],
        "sources": [str(v) for v in ranked(articles, "source")],
        "topics": [int(v) for v in ranked(dominant, "topic_id")],
        "date_min": published.min().date() if len(published) else None,
        "date_max": published.max().date() if len(published) else None,
        "lang": list(labels.UI_LANGUAGES),
    }


# --- aggregates ---------------------------------------------------------------------------------

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
    merged into :data:`schema.OTHER_KEY` (its articles counted once per period).
    Undated articles are left out.
    """
    from techdiplomacy.charts.style import OTHER_KEY

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
    topic it is (the input of :func:`charts.topics.topics_over_time`)."""
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


# --- evidence -----------------------------------------------------------------------------------

EVIDENCE_COLUMNS = ["article_id", "title", "kind", "key", "surface", "sentence"]


def evidence(
    tables: Mapping[str, pd.DataFrame],
    *,
    countries: Iterable[str] = (),
    sectors: Iterable[str] = (),
    official_ids: Iterable[str] = (),
    topics: Iterable[int] = (),
    limit: int = 500,
) -> pd.DataFrame:
    """Return one row per evidence sentence for the given keys: article_id, title, kind, key,
    surface, sentence. Countries match country mentions, places in them, and officials and
    figures of them; topics give their articles' passages."""
    countries, sectors = list(countries), list(sectors)
    official_ids, topics = list(official_ids), [int(t) for t in topics]
    parts = []
    mentions = tables["mentions"]
    if countries:
        hit = (mentions["kind"].eq("country") & mentions["key"].isin(countries)) | (
            mentions["kind"].eq("place") & mentions["country"].isin(countries)
        )
        parts.append(mentions.loc[hit.fillna(False), ["article_id", "kind", "key", "surface", "sentence"]])
        for name, kind, key in (("officials", "official", "name"), ("figures", "figure", "measure")):
            frame = tables[name]
            rows = frame.loc[frame["country"].isin(countries).fillna(False)]
            parts.append(pd.DataFrame({"article_id": rows["article_id"], "kind": kind, "key": rows[key], "surface": rows["surface"], "sentence": rows["sentence"]}))
    if sectors:
        hit = mentions["kind"].eq("sector") & mentions["key"].isin(sectors)
        parts.append(mentions.loc[hit.fillna(False), ["article_id", "kind", "key", "surface", "sentence"]])
    if official_ids:
        officials = tables["officials"]
        rows = officials.loc[officials["official_id"].isin(official_ids)]
        parts.append(pd.DataFrame({"article_id": rows["article_id"], "kind": "official", "key": rows["name"], "surface": rows["surface"], "sentence": rows["sentence"]}))
    if topics and "passage_topics" in tables:
        passages = tables["passage_topics"]
        rows = passages.loc[passages["topic_id"].isin(topics)].sort_values("weight", ascending=False).head(limit)
        text = tables["articles"].set_index("article_id")["text"]
        sentences = [
            str(text.get(a, ""))[int(s) : int(e)] for a, s, e in zip(rows["article_id"], rows["start"], rows["end"])
        ]
        parts.append(pd.DataFrame({"article_id": rows["article_id"], "kind": "topic", "key": rows["topic_id"].astype(str), "surface": "", "sentence": sentences}))
    if not parts:
        return pd.DataFrame(columns=EVIDENCE_COLUMNS)
    found = pd.concat([p for p in parts if not p.empty] or [parts[0]], ignore_index=True)
    titles = tables["articles"].set_index("article_id")["title"]
    found["title"] = found["article_id"].map(titles)
    found = found.drop_duplicates(["article_id", "kind", "key", "sentence"])
    return found[EVIDENCE_COLUMNS].head(limit).reset_index(drop=True)


class reference:  # noqa: N801 - reads as a function call in the tests
    """The tables under ``filters`` (near-duplicates collapsed) and their aggregates."""

    def __init__(self, tables: dict[str, pd.DataFrame], filters: Filters):
        self.view = apply(filters, collapse_near_duplicates(tables))

    def country_counts(self, exclude=("IRN",)):
        return country_counts(self.view["mentions"], exclude=exclude)

    def sector_counts(self):
        return sector_counts(self.view["mentions"])

    def country_sector_counts(self):
        return country_sector_counts(self.view["mentions"])

    def sector_cooccurrence_counts(self):
        return sector_cooccurrence_counts(self.view["mentions"])

    def partners_in_sector(self, sector):
        return partners_in_sector(self.view["mentions"], sector)

    def counts_over_time(self, kind, *, freq="M", top_n=None, named=None):
        mentions = self.view["mentions"]
        if named is not None:
            mentions = mentions[(mentions["kind"] != "country") | mentions["key"].isin(list(named))]
        pairs = country_pairs(mentions) if kind == "country" else sector_pairs(mentions)
        return counts_over_time(self.view["articles"], pairs, kind, freq=freq, top_n=top_n)

    def officials_role_counts(self):
        return officials_role_counts(self.view["officials"])

    def official_nodes(self, top_n=None):
        return official_nodes(self.view["officials"], top_n=top_n)

    def official_edges(self, people=None):
        return official_edges(self.view["officials"], people)

    def topic_counts_over_time(self):
        return topic_counts_over_time(self.view["articles"], self.view["article_topics"])

    def topic_counts_by_country(self):
        return topic_counts_by_country(self.view["mentions"], self.view["article_topics"])

    def headline_counts(self):
        out = headline_counts(self.view)
        assigned = self.view["article_topics"]
        out["topics"] = int(assigned.loc[assigned["rank"].eq(1).fillna(False), "topic_id"].nunique())
        return out
