"""Charts of officials and of extracted figures.

Same contract as :mod:`techdiplomacy.charts.countries`: tidy filtered input, one figure out,
"No data for these filters" when empty, display names in ``lang``, keys in ``customdata``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from techdiplomacy import escape, schema
from techdiplomacy.charts.countries import hover, key_label
from techdiplomacy.charts.style import EDGE_COLOUR, count_axis, country_colour, empty_figure, style
from techdiplomacy.i18n import labels

SNIPPET = 140  # characters of the evidence sentence shown on hover


def _field(key: str, lang: str) -> str:
    return labels.isolate(labels.message(key, lang))


def officials_by_role(counts: pd.DataFrame, *, lang: str = "en") -> go.Figure:
    """Return stacked bars of distinct officials per role (schema order), one colour per
    country (pinned).

    ``counts``: :func:`warehouse.counts.officials_role_counts`. customdata per bar segment:
    ``[role, iso3 or None]``.
    """
    chart, title = "officials_by_role", labels.message("title_officials_by_role", lang)
    if counts.empty:
        return empty_figure(chart=chart, title=title, lang=lang)
    roles = list(dict.fromkeys(counts["role"]))
    role_names = [labels.display_name("role", r, lang) for r in roles]
    fig = go.Figure()
    totals = counts.groupby("country", dropna=False)["n_officials"].sum().sort_values(ascending=False, kind="stable")
    for country in totals.index:
        rows = counts[counts["country"].isna()] if pd.isna(country) else counts[counts["country"].eq(country).fillna(False)]
        by_role = dict(zip(rows["role"], rows["n_officials"].astype(int)))
        iso3 = None if pd.isna(country) else str(country)
        fig.add_trace(
            go.Bar(
                x=role_names,
                y=[by_role.get(r, 0) for r in roles],
                name=labels.display_name("country", country, lang),
                marker=dict(color=country_colour(iso3)),
                customdata=[[r, iso3] for r in roles],
                hovertemplate=hover("%{fullData.name}", "%{x}", f"{_field('officials', lang)}: %{{y}}"),
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(type="category", title=_field("role", lang))
    fig.update_yaxes(title=_field("officials", lang), rangemode="tozero")
    count_axis(fig, "y", int(counts.groupby("role")["n_officials"].sum().max()))
    if labels.is_rtl(lang):
        fig.update_xaxes(autorange="reversed")
        fig.update_yaxes(side="right")
    return style(fig, chart=chart, title=title, lang=lang)


def officials_network(nodes: pd.DataFrame, edges: pd.DataFrame, *, lang: str = "en") -> go.Figure:
    """Return a network of officials (``nodes``, e.g. the 40 most named): an edge joins two people named
    in the same article (wider for more shared articles); node size grows with the number
    of articles, node colour is the official's country (pinned). The layout is a
    deterministic force layout (:func:`spring_layout`).

    ``nodes``: :func:`warehouse.counts.official_nodes`; ``edges``: :func:`warehouse.counts.official_edges` among them.
    customdata per node: ``[official (id or name), iso3, role, n_articles, article ids
    "|"-joined]``; per edge trace: none (edges are not hoverable).
    """
    chart, title = "officials_network", labels.message("title_officials_network", lang)
    if nodes.empty:
        return empty_figure(chart=chart, title=title, lang=lang)
    index = {key: i for i, key in enumerate(nodes["official"])}
    links = [(index[a], index[b], float(w)) for a, b, w in zip(edges["source"], edges["target"], edges["n_articles"]) if a in index and b in index]
    pos = spring_layout(len(nodes), links)
    fig = go.Figure()
    for low, high, width in ((1, 1, 1.0), (2, 2, 2.0), (3, None, 3.5)):
        xs, ys = [], []
        for a, b, w in links:
            if w >= low and (high is None or w <= high):
                xs += [pos[a, 0], pos[b, 0], None]
                ys += [pos[a, 1], pos[b, 1], None]
        if xs:
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color=EDGE_COLOUR, width=width),
                                     hoverinfo="skip", showlegend=False, name=f"edges-{low}"))
    n = nodes["n_articles"].astype(int).to_numpy()
    sizes = 12 + 30 * np.sqrt(n / n.max())
    names = [labels.isolate(escape.plotly(name if pd.notna(name) else key)) for name, key in zip(nodes["name"], nodes["official"])]
    fig.add_trace(
        go.Scatter(
            x=pos[:, 0].tolist(),
            y=pos[:, 1].tolist(),
            mode="markers+text",
            text=names,
            textposition="top center",
            marker=dict(size=sizes.round(1).tolist(), color=[country_colour(c if pd.notna(c) else None) for c in nodes["country"]],
                        line=dict(color="white", width=1)),
            customdata=[
                [str(k), None if pd.isna(c) else str(c), None if pd.isna(r) else str(r), int(a), str(ids)]
                for k, c, r, a, ids in zip(nodes["official"], nodes["country"], nodes["role"], nodes["n_articles"], nodes["article_ids"])
            ],
            hovertext=[
                f"{labels.display_name('role', r, lang) if pd.notna(r) else ''} · {labels.display_name('country', c, lang)}"
                for r, c in zip(nodes["role"], nodes["country"])
            ],
            hovertemplate=hover("%{text}", "%{hovertext}", f"{_field('articles', lang)}: %{{customdata[3]}}"),
            showlegend=False,
            name=_field("officials", lang),
        )
    )
    fig.update_xaxes(visible=False, range=[-1.25, 1.25])
    fig.update_yaxes(visible=False, range=[-1.2, 1.25], scaleanchor="x")
    fig.update_layout(height=620)
    return style(fig, chart=chart, title=title, lang=lang)


def figures_by_unit(figures: pd.DataFrame, unit: str, *, lang: str = "en") -> go.Figure:
    """Return the figures stated in ``unit`` (only those: values in different units do not
    compare) as points, one row per country, so their sizes can be compared. The value axis
    is logarithmic when positive values span more than three orders of magnitude.

    customdata per point: ``[article_id, start, end, iso3, sector, measure]`` (the evidence
    span in the article text).
    """
    chart = "figures_by_unit"
    title = labels.message("title_figures_by_unit", lang, unit=escape.plotly(unit))
    figures = schema.empty("figures") if figures is None else figures
    rows = figures[figures["unit"].eq(unit).fillna(False) & figures["value"].notna()]
    if rows.empty:
        return empty_figure(chart=chart, title=title, lang=lang)
    fig = go.Figure()
    order = rows.groupby("country", dropna=False)["value"].max().sort_values(ascending=False, kind="stable").index
    for country in order:
        part = rows[rows["country"].isna()] if pd.isna(country) else rows[rows["country"].eq(country).fillna(False)]
        iso3 = None if pd.isna(country) else str(country)
        name = key_label("country", iso3, lang)
        snippets = [labels.isolate(escape.plotly(str(s)[:SNIPPET] + ("…" if len(str(s)) > SNIPPET else ""))) if pd.notna(s) else "" for s in part["sentence"]]
        fig.add_trace(
            go.Scatter(
                x=part["value"].astype(float).tolist(),
                y=[name] * len(part),
                mode="markers",
                name=name,
                marker=dict(size=11, color=country_colour(iso3), line=dict(color="white", width=1)),
                text=snippets,
                hovertext=[labels.isolate(escape.plotly(m)) if pd.notna(m) else "" for m in part["measure"]],
                customdata=[
                    [str(a), None if pd.isna(s) else int(s), None if pd.isna(e) else int(e), iso3,
                     None if pd.isna(sec) else str(sec), None if pd.isna(m) else str(m)]
                    for a, s, e, sec, m in zip(part["article_id"], part["start"], part["end"], part["sector"], part["measure"])
                ],
                hovertemplate=hover("%{y}", f"{_field('value', lang)}: %{{x:,}} {labels.isolate(escape.plotly(unit))}",
                                    f"{_field('measure', lang)}: %{{hovertext}}", "%{text}"),
            )
        )
    values = rows["value"].astype(float)
    positive = values[values > 0]
    log = len(positive) == len(values) and positive.max() / positive.min() > 1000
    fig.update_xaxes(type="log" if log else "linear", title=f"{_field('value', lang)} ({labels.isolate(escape.plotly(unit))})")
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_layout(height=max(320, 110 + 36 * len(order)), showlegend=False)
    if labels.is_rtl(lang):
        fig.update_xaxes(autorange="reversed")
        fig.update_yaxes(side="right")
    return style(fig, chart=chart, title=title, lang=lang)


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
