"""Charts of sectors: by count, over time, mentioned together, and partners in one sector.

Same contract as :mod:`techdiplomacy.charts_countries`: tidy filtered input, one figure out,
"No data for these filters" when empty, display names in ``lang``, keys in ``customdata``.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from techdiplomacy import charts_frames as frames
from techdiplomacy import labels
from techdiplomacy.charts_countries import bars, english_labels, heatmap, lines_over_time


def sectors_by_count(mentions: pd.DataFrame, *, top_n: int | None = None, lang: str = "en") -> go.Figure:
    """Return bars of sectors by number of articles mentioning them (all, or the ``top_n``).

    Data: :func:`charts_frames.sector_counts`. customdata per bar: ``[sector, n_articles,
    n_mentions]``.
    """
    counts = frames.sector_counts(mentions)
    if top_n is not None:
        counts = counts.head(top_n)
    return bars(counts, "sector", "sector", chart="sectors_by_count", title=labels.message("title_sectors_by_count", lang),
                lang=lang, fallbacks=english_labels(mentions, "sector"))


def sectors_over_time(articles: pd.DataFrame, mentions: pd.DataFrame, *, freq: str = "M", top_n: int = 8, lang: str = "en") -> go.Figure:
    """Return lines of articles per period mentioning each sector (``top_n`` lines + "Other").

    Data: :func:`charts_frames.counts_over_time` of :func:`charts_frames.sector_pairs`.
    customdata per point: ``[sector or "__other__", period start "YYYY-MM-DD"]``.
    """
    counts = frames.counts_over_time(articles, frames.sector_pairs(mentions), "sector", freq=freq, top_n=top_n)
    return lines_over_time(counts, "sector", "sector", freq=freq, chart="sectors_over_time", title=labels.message("title_sectors_over_time", lang),
                           lang=lang, fallbacks=english_labels(mentions, "sector"))


def sector_cooccurrence(mentions: pd.DataFrame, *, lang: str = "en") -> go.Figure:
    """Return a symmetric heatmap of articles mentioning two sectors together; the diagonal
    is the number of articles mentioning the sector at all. Sectors most mentioned first.

    Data: :func:`charts_frames.sector_cooccurrence_counts`. customdata per cell:
    ``[sector_a (row), sector_b (column)]``.
    """
    counts = frames.sector_cooccurrence_counts(mentions)
    order = frames.sector_counts(mentions)["sector"].tolist()
    fallbacks = english_labels(mentions, "sector")
    return heatmap(counts, "sector_a", "sector_b", "sector", "sector", chart="sector_cooccurrence",
                   title=labels.message("title_sector_cooccurrence", lang), lang=lang,
                   row_fallbacks=fallbacks, column_fallbacks=fallbacks, row_order=order, column_order=order)


def partners_by_sector(mentions: pd.DataFrame, sector: str, *, top_n: int = 15, lang: str = "en") -> go.Figure:
    """Return bars of partner countries named in articles that mention ``sector``.

    Data: :func:`charts_frames.partners_in_sector`. customdata per bar: ``[iso3, n_articles,
    n_mentions, sector]``.
    """
    fallbacks = english_labels(mentions, "sector")
    title = labels.message("title_partners_by_sector", lang, sector=labels.name("sector", sector, lang, fallbacks.get(sector)))
    counts = frames.partners_in_sector(mentions, sector).head(top_n)
    return bars(counts, "country", "country", chart="partners_by_sector", title=title, lang=lang,
                fallbacks=english_labels(mentions, "country"), extra={"sector": str(sector)})
