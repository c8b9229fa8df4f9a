"""Charts of officials and of extracted figures.

Same contract as :mod:`techdiplomacy.charts.countries`: tidy filtered input, one figure out,
"No data for these filters" when empty, display names in ``lang``, keys in ``customdata``.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from techdiplomacy import escape, schema
from techdiplomacy.charts.countries import hover, key_label
from techdiplomacy.charts.style import (
    EDGE_COLOUR,
    OTHER_KEY,
    count_axis,
    country_colour,
    distinct_colours,
    empty_figure,
    known_countries,
    legend_below,
    style,
)
from techdiplomacy.i18n import labels
from techdiplomacy.i18n.display import unit_name

SNIPPET = 140  # characters of the evidence sentence shown on hover
COLOURED_COUNTRIES = 8  # countries with a colour of their own in the people network


def _field(key: str, lang: str) -> str:
    return labels.isolate(labels.message(key, lang))


def officials_by_role(counts: pd.DataFrame, *, top_n: int = 6, lang: str = "en") -> go.Figure:
    """Return grouped bars of distinct officials per role (schema order): one bar per role for
    each of the ``top_n`` countries with most officials, the rest (and officials of no known
    country) in one "Other" bar; each country in its own colour, Iran grey, the legend under the plot.

    ``counts``: :func:`warehouse.counts.officials_role_counts`. customdata per bar: ``[role,
    iso3 or "__other__"]``.
    """
    chart, title = "officials_by_role", labels.message("title_officials_by_role", lang)
    if counts.empty:
        return empty_figure(chart=chart, title=title, lang=lang)
    counts = counts.assign(country=known_countries(counts["country"]))
    roles = list(dict.fromkeys(counts["role"]))
    role_names = [labels.display_name("role", r, lang) for r in roles]
    known = counts[counts["country"].notna()]
    totals = known.groupby("country")["n_officials"].sum().reset_index()
    top = totals.sort_values(["n_officials", "country"], ascending=[False, True], kind="stable")["country"].head(top_n).tolist()
    group = counts["country"].where(counts["country"].isin(top), OTHER_KEY).fillna(OTHER_KEY)
    grouped = counts.assign(country=group).groupby(["country", "role"], sort=False)["n_officials"].sum()
    groups = top + ([OTHER_KEY] if OTHER_KEY in set(group) else [])
    colours = distinct_colours("country", groups)
    fig = go.Figure()
    for country in groups:
        fig.add_trace(
            go.Bar(
                x=role_names,
                y=[int(grouped.get((country, r), 0)) for r in roles],
                name=key_label("country", country, lang),
                marker=dict(color=colours[country]),
                customdata=[[r, str(country)] for r in roles],
                hovertemplate=hover("%{fullData.name}", "%{x}", f"{_field('officials', lang)}: %{{y}}"),
            )
        )
    fig.update_layout(barmode="group", bargap=0.25, bargroupgap=0.05, height=480)
    fig.update_xaxes(type="category")
    fig.update_yaxes(title=_field("officials", lang), rangemode="tozero")
    count_axis(fig, "y", int(grouped.max()))
    if labels.is_rtl(lang):
        fig.update_xaxes(autorange="reversed")
        fig.update_yaxes(side="right")
    style(fig, chart=chart, title=title, lang=lang)
    return legend_below(fig, lang)


def most_connected(nodes: pd.DataFrame, edges: pd.DataFrame, top_n: int) -> tuple[pd.DataFrame, list]:
    """Return (the ``top_n`` nodes with most shared articles with the others, ties: more
    articles, then key; with ``degree`` and ``links``) and their edges as (source, target,
    n_articles) among them. People who share no article with another are left out when
    anyone does."""
    keys = set(nodes["official"])
    links = [(a, b, int(w)) for a, b, w in zip(edges["source"], edges["target"], edges["n_articles"]) if a in keys and b in keys]
    degree: dict = {}
    neighbours: dict = {}
    for a, b, w in links:
        degree[a], degree[b] = degree.get(a, 0) + w, degree.get(b, 0) + w
        neighbours[a], neighbours[b] = neighbours.get(a, 0) + 1, neighbours.get(b, 0) + 1
    ranked = nodes.assign(degree=nodes["official"].map(degree).fillna(0).astype(int),
                          links=nodes["official"].map(neighbours).fillna(0).astype(int))
    if ranked["degree"].gt(0).any():
        ranked = ranked[ranked["degree"].gt(0)]
    ranked = ranked.sort_values(["degree", "n_articles", "official"], ascending=[False, False, True], kind="stable").head(top_n)
    kept = set(ranked["official"])
    return ranked.reset_index(drop=True), [(a, b, w) for a, b, w in links if a in kept and b in kept]


def circle_layout(countries: list) -> tuple[list[int], np.ndarray]:
    """Return (drawing order, (n, 2) positions on the unit circle): people of one country side
    by side, countries in order of first appearance, clockwise from the top."""
    first = {c: i for i, c in reversed(list(enumerate(countries)))}
    order = sorted(range(len(countries)), key=lambda i: (first[countries[i]], i))
    n = len(order)
    angles = np.pi / 2 - 2 * np.pi * np.arange(n) / max(n, 1)
    pos = np.zeros((n, 2))
    pos[order] = np.column_stack([np.cos(angles), np.sin(angles)])
    return order, pos


def officials_network(nodes: pd.DataFrame, edges: pd.DataFrame, *, top_n: int = 20, lang: str = "en") -> go.Figure:
    """Return the ``top_n`` most connected officials (:func:`most_connected`) on a circle, each
    named beside it, people of one country side by side and in its colour (legend under the
    plot); a line joins two people named in the same article, wider for more shared articles.
    Node size grows with the person's articles.

    ``nodes``: :func:`warehouse.counts.official_nodes` (the most named, e.g. 60);
    ``edges``: :func:`warehouse.counts.official_edges` among them. customdata per node:
    ``[official (id or name), iso3, role, n_articles, article ids "|"-joined, links]``; edge
    traces have none (they are not hoverable).
    """
    chart, title = "officials_network", labels.message("title_officials_network", lang)
    if nodes.empty:
        return empty_figure(chart=chart, title=title, lang=lang)
    people, links = most_connected(nodes.assign(country=known_countries(nodes["country"])), edges, top_n)
    countries = [None if pd.isna(c) else str(c) for c in people["country"]]
    # the countries with most people here keep a colour of their own, the rest share grey
    seen = Counter(c for c in countries if c is not None)
    coloured = set(sorted(seen, key=lambda c: (-seen[c], c))[:COLOURED_COUNTRIES])
    group = [c if c in coloured else OTHER_KEY for c in countries]
    _, pos = circle_layout([c if c is not None else OTHER_KEY for c in countries])
    index = {key: i for i, key in enumerate(people["official"])}
    fig = go.Figure()
    for low, high, width in ((1, 1, 0.8), (2, 3, 1.8), (4, None, 3.2)):
        xs, ys = [], []
        for a, b, w in links:
            if w >= low and (high is None or w <= high):
                xs += [pos[index[a], 0], pos[index[b], 0], None]
                ys += [pos[index[a], 1], pos[index[b], 1], None]
        if xs:
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color=EDGE_COLOUR, width=width),
                                     hoverinfo="skip", showlegend=False, name=f"edges-{low}"))
    n = people["n_articles"].astype(int).to_numpy()
    sizes = 10 + 22 * np.sqrt(n / n.max())
    traces = [c for c in dict.fromkeys(group) if c != OTHER_KEY] + ([OTHER_KEY] if OTHER_KEY in group else [])
    colours = distinct_colours("country", traces)
    articles, links_word = _field("articles", lang), _field("links", lang)
    for country in traces:
        rows = [i for i, g in enumerate(group) if g == country]
        part = people.iloc[rows]
        names = [labels.isolate(escape.plotly(name if pd.notna(name) else key)) for name, key in zip(part["name"], part["official"])]
        xs, ys = pos[rows, 0], pos[rows, 1]
        fig.add_trace(
            go.Scatter(
                x=xs.tolist(), y=ys.tolist(), mode="markers+text", text=names,
                textposition=["middle right" if x > 0.05 else "middle left" if x < -0.05 else ("top center" if y > 0 else "bottom center")
                              for x, y in zip(xs, ys)],
                textfont=dict(size=12),
                marker=dict(size=sizes[rows].round(1).tolist(), color=colours[country], line=dict(color="white", width=1)),
                customdata=[
                    [str(k), None if pd.isna(c) else str(c), None if pd.isna(r) else str(r), int(a), str(ids), int(d)]
                    for k, c, r, a, ids, d in zip(part["official"], part["country"], part["role"], part["n_articles"],
                                                  part["article_ids"], part["links"])
                ],
                hovertext=[
                    f"{labels.display_name('role', r, lang) if pd.notna(r) else ''} · {labels.display_name('country', c, lang)}"
                    for r, c in zip(part["role"], part["country"])
                ],
                hovertemplate=hover("%{text}", "%{hovertext}", f"{articles}: %{{customdata[3]}}", f"{links_word}: %{{customdata[5]}}"),
                name=key_label("country", country, lang),
            )
        )
    # room beside the circle for the names
    fig.update_xaxes(visible=False, range=[-2.1, 2.1])
    fig.update_yaxes(visible=False, range=[-1.2, 1.2], scaleanchor="x")
    fig.update_layout(height=640)
    style(fig, chart=chart, title=title, lang=lang)
    return legend_below(fig, lang)


def figures_by_unit(figures: pd.DataFrame, unit: str, *, measure: str | None = None, top_n: int = 15, lang: str = "en") -> go.Figure:
    """Return the figures stated in ``unit`` — and, given ``measure``, of that measure only
    (values of different units or measures do not compare) — as points, one row per country
    (the ``top_n`` with most figures, the rest in one "Other" row), so their sizes can be
    compared. The value axis is logarithmic when positive values span more than three orders
    of magnitude.

    customdata per point: ``[article_id, start, end, iso3, sector, measure]`` (the evidence
    span in the article text).
    """
    chart = "figures_by_unit"
    unit_label = labels.isolate(escape.plotly(unit_name(unit, lang)))
    if measure is None:
        title = labels.message("title_figures_by_unit", lang, unit=unit_label)
    else:
        what = escape.plotly(measure) if measure else labels.message("no_measure", lang)
        title = labels.message("title_figures_by_measure", lang, measure=labels.isolate(what), unit=unit_label)
    figures = schema.empty("figures") if figures is None else figures
    rows = figures[figures["unit"].eq(unit).fillna(False) & figures["value"].notna()]
    rows = rows.assign(country=known_countries(rows["country"]))
    if measure is not None:
        rows = rows[rows["measure"].fillna("").eq(measure)]
    if rows.empty:
        return empty_figure(chart=chart, title=title, lang=lang)
    ranked = rows["country"].value_counts(dropna=True)
    ranked = ranked.reset_index().sort_values(["count", "country"], ascending=[False, True], kind="stable")
    top = ranked["country"].head(top_n).tolist()
    group = rows["country"].where(rows["country"].isin(top), OTHER_KEY).fillna(OTHER_KEY)
    order = top + ([OTHER_KEY] if group.eq(OTHER_KEY).any() else [])
    colours = distinct_colours("country", order)
    fig = go.Figure()
    for country in order:
        part = rows[group.eq(country)]
        name = key_label("country", country, lang)
        snippets = [labels.isolate(escape.plotly(str(s)[:SNIPPET] + ("…" if len(str(s)) > SNIPPET else ""))) if pd.notna(s) else "" for s in part["sentence"]]
        fig.add_trace(
            go.Scatter(
                x=part["value"].astype(float).tolist(),
                y=[name] * len(part),
                mode="markers",
                name=name,
                marker=dict(size=11, color=colours[country], opacity=0.85, line=dict(color="white", width=1)),
                text=snippets,
                hovertext=[labels.isolate(escape.plotly(m)) if pd.notna(m) else "" for m in part["measure"]],
                customdata=[
                    [str(a), None if pd.isna(s) else int(s), None if pd.isna(e) else int(e), None if pd.isna(c) else str(c),
                     None if pd.isna(sec) else str(sec), None if pd.isna(m) else str(m)]
                    for a, s, e, c, sec, m in zip(part["article_id"], part["start"], part["end"], part["country"], part["sector"], part["measure"])
                ],
                hovertemplate=hover("%{y}", f"{_field('value', lang)}: %{{x:,}} {unit_label}",
                                    f"{_field('measure', lang)}: %{{hovertext}}", "%{text}"),
            )
        )
    values = rows["value"].astype(float)
    positive = values[values > 0]
    log = len(positive) == len(values) and positive.max() / positive.min() > 1000
    fig.update_xaxes(type="log" if log else "linear", title=f"{_field('value', lang)} ({unit_label})")
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_layout(height=150 + 34 * len(order), showlegend=False)
    if labels.is_rtl(lang):
        fig.update_xaxes(autorange="reversed")
        fig.update_yaxes(side="right")
    return style(fig, chart=chart, title=title, lang=lang)
