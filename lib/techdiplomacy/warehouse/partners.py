"""The bilateral view's frames: who Iran's partners are, in which fields, and when.

A *partner* is a state party to a cooperation: a country in the ``partners`` of a cooperation
row of a selected article, and its fields are the ``sectors`` of those rows. A country the
article only names in passing (or reaches only through one of its cities) is no partner.
Only a store with no cooperation row at all (built before cooperation was extracted, or a
corpus where none is found) falls back to the articles' country mentions — countries named,
never a country reached through a place — and the sectors those articles mention;
:func:`source` says which one the store uses, so a page can say so.

Every function returns the columns and dtypes of its counterpart in
:mod:`techdiplomacy.warehouse.counts` (``country_counts``, ``country_sector_counts``,
``sector_counts``, ``counts_over_time``), so the same charts draw them.
"""

from __future__ import annotations

import pandas as pd

from techdiplomacy.warehouse.counts import HOME, PERIODS, SECTOR_PAIRS
from techdiplomacy.warehouse.query import Query, run, with_selection

COOPERATION, MENTIONS = "cooperation", "mentions"
_COUNTS = {"country": "string", "n_articles": "Int64", "n_mentions": "Int64"}
_CELLS = {"country": "string", "sector": "string", "n_articles": "Int64"}
_SECTORS = {"sector": "string", "n_articles": "Int64", "n_mentions": "Int64"}
_PERIODS = {"period": "datetime64[ns]", "country": "string", "n_articles": "Int64"}
#: (aid, article_id, country, n) per selected article and partner: ``n`` cooperation rows or
#: country mentions. ``{sector}`` is the cooperation row's sectors ("" for mentions).
_COOPERATION_PAIRS = (
    "SELECT s.aid, c.article_id, c.country, c.sectors FROM (SELECT article_id, sectors, "
    "unnest(string_split(partners, '|')) AS country FROM cooperation WHERE article_id IN "
    "(SELECT article_id FROM sel) AND partners IS NOT NULL) c JOIN sel s USING (article_id) "
    f"WHERE c.country <> '' AND c.country <> '{HOME}'"
)
_MENTION_PAIRS = (
    "SELECT s.aid, m.article_id, m.key AS country, '' AS sectors FROM mentions m JOIN sel s USING (article_id) "
    f"WHERE m.kind = 'country' AND m.key IS NOT NULL AND m.key <> '{HOME}'"
)


def source(con, selected: Query | None = None) -> str:
    """Return where partners come from in this store: :data:`COOPERATION` when it holds any
    cooperation row, else :data:`MENTIONS` (whatever the selection: it is the store's rule)."""
    return COOPERATION if con.execute("SELECT EXISTS (SELECT 1 FROM cooperation)").fetchone()[0] else MENTIONS


def _pairs(con) -> str:
    return _COOPERATION_PAIRS if source(con) == COOPERATION else _MENTION_PAIRS


def _typed(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns.items()})
    return frame[list(columns)].astype(columns).reset_index(drop=True)


def partner_counts(con, selected: Query, *, top_n: int | None = None) -> pd.DataFrame:
    """One row per partner: ``country``, ``n_articles`` (selected articles where it is party to
    a cooperation), ``n_mentions`` (its cooperation rows; country mentions in the fallback);
    most articles first, then by ISO3."""
    limit = f"LIMIT {int(top_n)}" if top_n is not None else ""
    body = (
        f"SELECT country, count(DISTINCT aid) AS n_articles, count(*) AS n_mentions FROM ({_pairs(con)}) "
        f"GROUP BY country ORDER BY n_articles DESC, country {limit}"
    )
    return _typed(run(con, with_selection(selected, body)), _COUNTS)


def _partner_sectors(con) -> str:
    """(aid, country, sector) per selected article, partner and field of the cooperation."""
    if source(con) == COOPERATION:
        return (
            "SELECT DISTINCT aid, country, sector FROM (SELECT aid, country, unnest(string_split(sectors, '|')) "
            f"AS sector FROM ({_COOPERATION_PAIRS}) WHERE sectors IS NOT NULL) WHERE sector <> ''"
        )
    return f"SELECT DISTINCT p.aid, p.country, o.sector FROM ({_MENTION_PAIRS}) p JOIN ({SECTOR_PAIRS}) o USING (aid)"


def partner_sector_counts(con, selected: Query) -> pd.DataFrame:
    """One row per (partner, sector) of a cooperation in the selected articles: ``country``,
    ``sector``, ``n_articles``; most articles first."""
    body = (
        f"SELECT country, sector, count(*) AS n_articles FROM ({_partner_sectors(con)}) "
        "GROUP BY country, sector ORDER BY n_articles DESC, country, sector"
    )
    return _typed(run(con, with_selection(selected, body)), _CELLS)


def sectors_of(con, selected: Query, partner: str, *, top_n: int | None = None) -> pd.DataFrame:
    """One row per sector of the cooperation with ``partner``: ``sector``, ``n_articles``,
    ``n_mentions`` (the same: one per article); most articles first."""
    limit = f"LIMIT {int(top_n)}" if top_n is not None else ""
    body = (
        f"SELECT sector, count(*) AS n_articles, count(*) AS n_mentions FROM ({_partner_sectors(con)}) "
        f"WHERE country = ? GROUP BY sector ORDER BY n_articles DESC, sector {limit}"
    )
    return _typed(run(con, with_selection(selected, body, [partner])), _SECTORS)


def over_time(con, selected: Query, partner: str, *, freq: str = "M") -> pd.DataFrame:
    """One row per period from the first to the last dated article where ``partner`` is party
    to a cooperation: ``period`` (start date), ``country``, ``n_articles`` (0 when none).
    Undated articles are left out."""
    if freq not in PERIODS:
        raise ValueError(f"freq must be one of {sorted(PERIODS)}, not {freq!r}")
    body = (
        f"SELECT CAST(date_trunc('{PERIODS[freq]}', t.published) AS DATE) AS period, count(DISTINCT p.aid) AS n "
        f"FROM ({_pairs(con)}) p JOIN td_articles t USING (aid) WHERE p.country = ? AND t.published IS NOT NULL "
        "GROUP BY period"
    )
    frame = run(con, with_selection(selected, body, [partner]))
    if frame.empty:
        return _typed(frame, _PERIODS)
    found = pd.Series(frame["n"].to_numpy(), index=pd.to_datetime(frame["period"]))
    periods = pd.period_range(found.index.min(), found.index.max(), freq=freq).start_time
    out = found.reindex(periods, fill_value=0).rename("n_articles").rename_axis("period").reset_index()
    out["country"] = partner
    return _typed(out, _PERIODS)
