"""Charts of partner countries: over time, by count, on a map, against sectors.

Every function takes tidy, already-filtered tables and returns a ``go.Figure``; an empty
input gives a figure saying "No data for these filters". Display names come from
:mod:`techdiplomacy.i18n.labels` in ``lang`` and are isolated when right to left; ``customdata``
carries the keys (ISO3, sector id, period) so a click can be traced back to the rows.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from techdiplomacy import escape
from techdiplomacy.charts.style import (
    OTHER_KEY,
    SEQUENTIAL,
    TIME_TICKS,
    count_axis,
    count_colorbar,
    country_colour,
    distinct_colours,
    empty_figure,
    legend_below,
    mirror_for_rtl,
    room_for_labels,
    sector_colour,
    style,
    time_axis,
)
from techdiplomacy.i18n import labels


def key_label(kind: str, key, lang: str, fallbacks: dict | None = None) -> str:
    """Return the display label of ``key`` ("Other" for the merged group), escaped for Plotly
    (an unknown key, or its fallback name from the store, is shown as written)."""
    if key == OTHER_KEY:
        return labels.isolate(labels.message("other", lang))
    return escape.plotly(labels.display_name(kind, key, lang, (fallbacks or {}).get(key)))


def hover(*lines: str) -> str:
    """Return a hovertemplate of ``lines`` ("field: value") with no trace box."""
    return "<br>".join(lines) + "<extra></extra>"


def lines_over_time(
    counts: pd.DataFrame, key: str, kind: str, *, freq: str, chart: str, title: str, lang: str, fallbacks: dict | None = None,
    undated: int = 0, measure: str = "count",
) -> go.Figure:
    """Return one line per key of a :func:`warehouse.counts.counts_over_time` frame, each in
    its own colour (:func:`~techdiplomacy.charts.style.distinct_colours`), "Other" grey and
    dotted, the legend under the plot.

    ``measure`` "count" plots ``n_articles``; "share" plots ``share`` (the frame passed through
    :func:`warehouse.counts.with_share`: the key's articles over all the view's articles of
    the period) as a percentage. customdata per point: ``[key, period "YYYY-MM-DD",
    n_articles]``. ``undated``: articles of the view without a date (named when no line can
    be drawn).
    """
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {sorted(MEASURES)}, not {measure!r}")
    if counts.empty:
        return empty_figure(chart=chart, title=title, lang=lang, undated=undated)
    share = measure == "share"
    colours = distinct_colours(kind, counts[key].drop_duplicates().tolist())
    articles = labels.isolate(labels.message("articles", lang))
    y_title = labels.isolate(labels.message("share_of_view", lang)) if share else articles
    value = f"{y_title}: %{{y:.1%}}<br>{articles}: %{{customdata[2]}}" if share else f"{articles}: %{{y}}"
    when = f"{labels.isolate(labels.message('date', lang))}: %{{x|{TIME_TICKS[freq]['hover']}}}"
    fig = go.Figure()
    counts = counts.assign(period=pd.to_datetime(counts["period"]))
    for name, rows in counts.groupby(key, sort=False):
        periods = rows["period"].dt.strftime("%Y-%m-%d")
        n = rows["n_articles"].astype(int).tolist()
        y = [None if pd.isna(v) else float(v) for v in rows["share"]] if share else n
        fig.add_trace(
            go.Scatter(
                x=rows["period"].tolist(),
                y=y,
                mode="lines+markers" if len(rows) <= 60 else "lines",
                name=key_label(kind, name, lang, fallbacks),
                line=dict(color=colours[name], width=2.5 if name != OTHER_KEY else 2, dash="dot" if name == OTHER_KEY else "solid"),
                marker=dict(size=5),
                customdata=[[str(name), p, c] for p, c in zip(periods, n)],
                hovertemplate=hover("%{fullData.name}", when, value),
            )
        )
    # a horizontal legend takes a row per entry in a narrow column: room for it under the plot
    fig.update_layout(height=400 + 22 * len(colours))
    fig.update_yaxes(title=y_title, rangemode="tozero")
    if share:
        fig.update_yaxes(tickformat=".0%")
    else:
        count_axis(fig, "y", int(counts["n_articles"].max()))
    time_axis(fig, freq, counts["period"].nunique())
    style(fig, chart=chart, title=title, lang=lang)
    return legend_below(fig, lang)


#: What a chart over time plots: articles, or their share of all articles in the view.
MEASURES = ("count", "share")


def articles_over_time(
    counts: pd.DataFrame, *, freq: str = "M", lang: str = "en", fallbacks: dict | None = None, undated: int = 0,
    measure: str = "count",
) -> go.Figure:
    """Return lines of articles per period (``freq`` D, W, M, Q, Y) naming each partner country.

    ``counts``: :func:`warehouse.counts.counts_over_time` of kind "country" (with the same
    ``freq``, and ``top_n``: the rest share an "Other" line, dotted); with ``measure="share"``
    passed through :func:`warehouse.counts.with_share`. customdata per point: ``[iso3 or
    "__other__", period start "YYYY-MM-DD", n_articles]``.
    """
    return lines_over_time(counts, "country", "country", freq=freq, chart="articles_over_time",
                           title=labels.message("title_articles_over_time", lang), lang=lang, fallbacks=fallbacks,
                           undated=undated, measure=measure)


def bars(
    counts: pd.DataFrame, key: str, kind: str, *, chart: str, title: str, lang: str, fallbacks: dict | None = None,
    extra: dict | None = None,
) -> go.Figure:
    """Return horizontal bars of ``n_articles`` per key, largest at the top, pinned colours.

    customdata per bar: ``[key, n_articles, n_mentions]`` plus ``extra`` values (constant
    per chart, e.g. the sector of :func:`charts.sectors.partners_by_sector`).
    """
    if counts.empty:
        return empty_figure(chart=chart, title=title, lang=lang)
    colour = {"country": country_colour, "sector": sector_colour}[kind]
    keys = counts[key].tolist()
    mentions = counts["n_mentions"].astype(int).tolist() if "n_mentions" in counts else [None] * len(keys)
    constant = list((extra or {}).values())
    fig = go.Figure(
        go.Bar(
            x=counts["n_articles"].astype(int).tolist(),
            y=[key_label(kind, k, lang, fallbacks) for k in keys],
            orientation="h",
            marker=dict(color=[colour(k) for k in keys]),
            customdata=[[str(k), int(n), m, *constant] for k, n, m in zip(keys, counts["n_articles"], mentions)],
            text=counts["n_articles"].astype(int).tolist(),
            textposition="outside",
            textangle=0,
            cliponaxis=False,
            hovertemplate=hover("%{y}", f"{labels.isolate(labels.message('articles', lang))}: %{{x}}",
                                f"{labels.isolate(labels.message('mentions', lang))}: %{{customdata[2]}}"),
        )
    )
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(title=labels.isolate(labels.message("articles", lang)), rangemode="tozero")
    fig.update_layout(height=max(320, 90 + 28 * len(keys)), showlegend=False)
    count_axis(fig, "x", int(counts["n_articles"].max()))
    room_for_labels(fig, int(counts["n_articles"].max()))
    style(fig, chart=chart, title=title, lang=lang)
    return mirror_for_rtl(fig, lang)


def mentions_by_country(counts: pd.DataFrame, *, top_n: int = 15, lang: str = "en", fallbacks: dict | None = None) -> go.Figure:
    """Return bars of the ``top_n`` countries by number of articles naming them.

    ``counts``: :func:`warehouse.counts.country_counts` (Iran left out by default: it is in
    nearly every article). customdata per bar: ``[iso3, n_articles, n_mentions]``.
    """
    return bars(counts.head(top_n), "country", "country", chart="mentions_by_country",
                title=labels.message("title_mentions_by_country", lang), lang=lang, fallbacks=fallbacks)


def partner_map(counts: pd.DataFrame, *, lang: str = "en", resolution: int = 50, fallbacks: dict | None = None) -> go.Figure:
    """Return a choropleth of partner countries shaded by articles naming them, Iran in grey.

    ``locationmode="ISO-3"`` on the world map at ``resolution`` 50 (the 110m map has no
    Bahrain), zoomed to the countries shown (``fitbounds``). The topojson is served offline:
    see static/topojson/README.md. ``counts``: :func:`warehouse.counts.country_counts`.
    customdata per country: ``[iso3, n_articles, n_mentions]``.
    """
    chart, title = "partner_map", labels.message("title_partner_map", lang)
    if counts.empty:
        return empty_figure(chart=chart, title=title, lang=lang)
    keys = counts["country"].tolist()
    fallbacks = fallbacks or {}
    names = [labels.display_name("country", k, lang, fallbacks.get(k)) for k in keys]
    articles_word = labels.isolate(labels.message("articles", lang))
    fig = go.Figure()
    fig.add_trace(
        go.Choropleth(
            locations=["IRN"], z=[1], locationmode="ISO-3", showscale=False, hoverinfo="skip",
            colorscale=[[0, "#6E6E6E"], [1, "#6E6E6E"]], marker=dict(line=dict(color="white", width=0.5)),
            name=labels.display_name("country", "IRN", lang),
        )
    )
    fig.add_trace(
        go.Choropleth(
            locations=keys,
            z=counts["n_articles"].astype(int).tolist(),
            locationmode="ISO-3",
            text=names,
            colorscale=SEQUENTIAL,
            zmin=0,
            zmax=int(counts["n_articles"].max()),
            marker=dict(line=dict(color="white", width=0.5)),
            colorbar=dict(title=dict(text=articles_word), **count_colorbar(int(counts["n_articles"].max()))),
            customdata=[[k, int(n), int(m)] for k, n, m in zip(keys, counts["n_articles"], counts["n_mentions"])],
            hovertemplate=hover("%{text}", f"{articles_word}: %{{z}}"),
            name=articles_word,
        )
    )
    fig.update_geos(
        scope="world", resolution=resolution, projection_type="natural earth", fitbounds="locations",
        showcountries=True, countrycolor="#FFFFFF", showland=True, landcolor="#ECEFF3",
        showframe=False, showcoastlines=False,
    )
    fig.update_layout(margin=dict(l=0, r=0, t=60, b=0), height=520)
    return style(fig, chart=chart, title=title, lang=lang)


def heatmap(
    counts: pd.DataFrame, row: str, column: str, row_kind: str, column_kind: str, *, chart: str, title: str, lang: str,
    row_fallbacks: dict | None = None, column_fallbacks: dict | None = None, row_order=None, column_order=None,
    blank_diagonal: bool = False,
) -> go.Figure:
    """Return a heatmap of ``n_articles`` with rows ``row`` and columns ``column``; with
    ``blank_diagonal`` the cells whose row and column keys are equal are left blank and out
    of the colour scale.

    customdata per cell: ``[row key, column key]``.
    """
    if counts.empty:
        return empty_figure(chart=chart, title=title, lang=lang)
    matrix = counts.pivot_table(index=row, columns=column, values="n_articles", aggfunc="sum", fill_value=0)
    rows = list(row_order) if row_order is not None else list(matrix.index)
    cols = list(column_order) if column_order is not None else list(matrix.columns)
    matrix = matrix.reindex(index=rows, columns=cols, fill_value=0)
    if blank_diagonal:
        counts = counts[counts[row].ne(counts[column])]
        matrix = matrix.astype("Float64")
        for key in set(rows) & set(cols):
            matrix.loc[key, key] = pd.NA
    if counts.empty:
        return empty_figure(chart=chart, title=title, lang=lang)
    largest = int(matrix.max().max()) if matrix.size else 0
    z = [[None if pd.isna(v) else int(v) for v in line] for line in matrix.to_numpy()]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[key_label(column_kind, c, lang, column_fallbacks) for c in cols],
            y=[key_label(row_kind, r, lang, row_fallbacks) for r in rows],
            customdata=[[[str(r), str(c)] for c in cols] for r in rows],
            colorscale=SEQUENTIAL,
            zmin=0,
            zmax=max(largest, 1),
            text=[["" if not v else f"{v:,}" for v in line] for line in z],  # no "0" in every empty cell
            texttemplate="%{text}",
            colorbar=dict(title=dict(text=labels.isolate(labels.message("articles", lang))), **count_colorbar(largest)),
            hovertemplate=hover("%{y}", "%{x}", f"{labels.isolate(labels.message('articles', lang))}: %{{z}}"),
            xgap=1, ygap=1,
        )
    )
    # Plotly reports no click or box selection on heatmap cells: an invisible square marker on
    # every non-empty cell carries the cell's keys, so a click (or a box) on it filters.
    x_labels = [key_label(column_kind, c, lang, column_fallbacks) for c in cols]
    y_labels = [key_label(row_kind, r, lang, row_fallbacks) for r in rows]
    cells = [(i, j) for i in range(len(rows)) for j in range(len(cols)) if (z[i][j] or 0) > 0]
    fig.data[0].hoverinfo = "skip"
    fig.add_trace(go.Scatter(
        x=[x_labels[j] for _, j in cells], y=[y_labels[i] for i, _ in cells],
        customdata=[[str(rows[i]), str(cols[j]), z[i][j]] for i, j in cells],
        mode="markers", marker=dict(symbol="square", size=22, color="rgba(0,0,0,0)"),
        hovertemplate=hover("%{y}", "%{x}", f"{labels.isolate(labels.message('articles', lang))}: %{{customdata[2]}}"),
        showlegend=False, name="",
    ))
    fig.update_xaxes(type="category", tickangle=-35)
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_layout(height=max(360, 150 + 28 * len(rows)), clickmode="event+select")
    return style(fig, chart=chart, title=title, lang=lang)


def country_sector_heatmap(
    counts: pd.DataFrame, countries: pd.DataFrame, sectors: pd.DataFrame, *, top_n: int = 15, lang: str = "en",
    country_fallbacks: dict | None = None, sector_fallbacks: dict | None = None,
) -> go.Figure:
    """Return a heatmap of articles naming a partner country (rows, the ``top_n`` with most
    articles) and a sector (columns, most mentioned first) together.

    ``counts``: :func:`warehouse.counts.country_sector_counts`; ``countries`` and ``sectors``
    (:func:`~techdiplomacy.warehouse.counts.country_counts`, :func:`~techdiplomacy.warehouse.counts.sector_counts`) give
    the order. customdata per cell: ``[iso3, sector]``.
    """
    rows = countries["country"].head(top_n).tolist()
    counts = counts[counts["country"].isin(rows)]
    cols = [s for s in sectors["sector"] if s in set(counts["sector"])]
    return heatmap(counts, "country", "sector", "country", "sector", chart="country_sector_heatmap",
                   title=labels.message("title_country_sector_heatmap", lang), lang=lang,
                   row_fallbacks=country_fallbacks, column_fallbacks=sector_fallbacks,
                   row_order=[r for r in rows if r in set(counts["country"])], column_order=cols)
