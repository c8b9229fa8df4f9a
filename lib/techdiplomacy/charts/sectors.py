"""Charts of sectors: by count, over time, mentioned together, and partners in one sector.

Same contract as :mod:`techdiplomacy.charts.countries`: tidy filtered input, one figure out,
"No data for these filters" when empty, display names in ``lang``, keys in ``customdata``.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from techdiplomacy.charts.countries import bars, heatmap, lines_over_time
from techdiplomacy.i18n import labels


def sectors_by_count(counts: pd.DataFrame, *, top_n: int | None = None, lang: str = "en", fallbacks: dict | None = None) -> go.Figure:
    """Return bars of sectors by number of articles mentioning them (all, or the ``top_n``).

    ``counts``: :func:`warehouse.counts.sector_counts`. customdata per bar: ``[sector,
    n_articles, n_mentions]``.
    """
    if top_n is not None:
        counts = counts.head(top_n)
    return bars(counts, "sector", "sector", chart="sectors_by_count", title=labels.message("title_sectors_by_count", lang),
                lang=lang, fallbacks=fallbacks)


def sectors_over_time(
    counts: pd.DataFrame, *, freq: str = "M", lang: str = "en", fallbacks: dict | None = None, undated: int = 0,
    measure: str = "count",
) -> go.Figure:
    """Return lines of articles per period mentioning each sector (``top_n`` lines + "Other").

    ``counts``: :func:`warehouse.counts.counts_over_time` of kind "sector", same ``freq``;
    ``measure`` as in :func:`charts.countries.lines_over_time`. customdata per point:
    ``[sector or "__other__", period start "YYYY-MM-DD", n_articles]``.
    """
    return lines_over_time(counts, "sector", "sector", freq=freq, chart="sectors_over_time",
                           title=labels.message("title_sectors_over_time", lang), lang=lang, fallbacks=fallbacks,
                           undated=undated, measure=measure)


def sector_cooccurrence(counts: pd.DataFrame, order: list, *, lang: str = "en", fallbacks: dict | None = None) -> go.Figure:
    """Return a symmetric heatmap of articles mentioning two different sectors together; the
    diagonal (articles mentioning the sector at all, far larger) is left blank so that it
    does not set the colour scale. Sectors in ``order`` (most mentioned first), those
    mentioned with no other sector left out.

    ``counts``: :func:`warehouse.counts.sector_cooccurrence_counts`. customdata per cell:
    ``[sector_a (row), sector_b (column)]``.
    """
    paired = set(counts.loc[counts["sector_a"].ne(counts["sector_b"]), "sector_a"])
    order = [s for s in order if s in paired]
    return heatmap(counts, "sector_a", "sector_b", "sector", "sector", chart="sector_cooccurrence",
                   title=labels.message("title_sector_cooccurrence", lang), lang=lang,
                   row_fallbacks=fallbacks, column_fallbacks=fallbacks, row_order=order, column_order=order,
                   blank_diagonal=True)


def partners_by_sector(
    counts: pd.DataFrame, sector: str, *, top_n: int = 15, lang: str = "en",
    country_fallbacks: dict | None = None, sector_fallbacks: dict | None = None,
) -> go.Figure:
    """Return bars of partner countries named in articles that mention ``sector``.

    ``counts``: :func:`warehouse.counts.partners_in_sector`. customdata per bar: ``[iso3,
    n_articles, n_mentions, sector]``.
    """
    name = labels.name("sector", sector, lang, (sector_fallbacks or {}).get(sector))
    title = labels.message("title_partners_by_sector", lang, sector=name)
    return bars(counts.head(top_n), "country", "country", chart="partners_by_sector", title=title, lang=lang,
                fallbacks=country_fallbacks, extra={"sector": str(sector)})
