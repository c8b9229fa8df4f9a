"""Charts of topics: sizes, the 2-D topic map, topics over time and per partner country.

Same contract as :mod:`techdiplomacy.charts.countries`. Topic labels are written in the
corpus's scripts (often Arabic or Persian) and are isolated for display like any other label.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from techdiplomacy import escape, schema
from techdiplomacy.charts.countries import hover, key_label, lines_over_time
from techdiplomacy.charts.style import (
    OTHER_KEY,
    count_axis,
    empty_figure,
    legend_below,
    mirror_for_rtl,
    room_for_labels,
    style,
    topic_colour,
)
from techdiplomacy.i18n import labels

#: Above this many points the topic map uses WebGL (Scattergl) to stay responsive; below, SVG
#: markers, which stay vector in an SVG export (WebGL points become a bitmap there).
WEBGL_POINTS = 5000


def topic_names(topics: pd.DataFrame | None, lang: str = "en") -> dict:
    """Return {topic_id: display label}: the topic's label (terms of the corpus, escaped for
    Plotly), with its id added when two topics share a label; "Topic 3" when the label is missing."""
    out = {}
    if topics is not None and not topics.empty:
        counts = topics["label"].value_counts()
        for topic_id, label in zip(topics["topic_id"], topics["label"]):
            if pd.isna(label) or not str(label).strip():
                text = f"{labels.message('topic', lang)} {topic_id}"
            else:
                text = str(label) if counts.get(label, 0) <= 1 else f"{label} ({topic_id})"
            out[int(topic_id)] = labels.isolate(escape.plotly(text))
    return out


def topic_label(names: dict, topic_id, lang: str) -> str:
    """Return the display label of ``topic_id`` (a generic "Topic N" if unknown)."""
    if topic_id == OTHER_KEY:
        return labels.isolate(labels.message("other", lang))
    return names.get(int(topic_id)) or labels.isolate(f"{labels.message('topic', lang)} {topic_id}")


def topic_sizes(topics: pd.DataFrame, *, top_n: int | None = None, lang: str = "en") -> go.Figure:
    """Return bars of topics by ``size`` (articles whose dominant topic it is), largest first.

    customdata per bar: ``[topic_id, representative_article_id]``.
    """
    chart, title = "topic_sizes", labels.message("title_topic_sizes", lang)
    topics = schema.empty("topics") if topics is None else topics
    rows = topics[topics["size"].fillna(0) > 0].sort_values(["size", "topic_id"], ascending=[False, True], kind="stable")
    if top_n is not None:
        rows = rows.head(top_n)
    if rows.empty:
        return empty_figure(chart=chart, title=title, lang=lang)
    names = topic_names(topics, lang)
    ids = rows["topic_id"].astype(int).tolist()
    fig = go.Figure(
        go.Bar(
            x=rows["size"].astype(int).tolist(),
            y=[topic_label(names, t, lang) for t in ids],
            orientation="h",
            marker=dict(color=[topic_colour(t) for t in ids]),
            text=rows["size"].astype(int).tolist(),
            textposition="outside",
            textangle=0,
            cliponaxis=False,
            customdata=[[t, None if pd.isna(a) else str(a)] for t, a in zip(ids, rows["representative_article_id"])],
            hovertemplate=hover("%{y}", f"{labels.isolate(labels.message('articles', lang))}: %{{x}}"),
        )
    )
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_xaxes(title=labels.isolate(labels.message("articles", lang)), rangemode="tozero")
    fig.update_layout(height=max(320, 90 + 28 * len(ids)), showlegend=False)
    count_axis(fig, "x", int(rows["size"].max()))
    room_for_labels(fig, int(rows["size"].max()))
    style(fig, chart=chart, title=title, lang=lang)
    return mirror_for_rtl(fig, lang)


def topic_map(points: pd.DataFrame, topics: pd.DataFrame, *, lang: str = "en") -> go.Figure:
    """Return the articles as points on the 2-D topic projection, one colour and legend entry
    per topic; hover shows titles. ``points``: :func:`warehouse.counts.topic_points`
    (``article_id``, ``topic_id``, ``x``, ``y``, ``title``).

    customdata per point: ``[article_id, topic_id]``.
    """
    chart, title = "topic_map", labels.message("title_topic_map", lang)
    rows = points if points is not None else pd.DataFrame(columns=["article_id", "topic_id", "x", "y", "title"])
    rows = rows[rows["x"].notna() & rows["y"].notna()]
    if rows.empty:
        return empty_figure(chart=chart, title=title, lang=lang)
    titles = dict(zip(rows["article_id"], rows["title"]))
    names = topic_names(topics, lang)
    trace = go.Scattergl if len(rows) > WEBGL_POINTS else go.Scatter
    fig = go.Figure()
    for topic_id, part in rows.groupby("topic_id", sort=True):
        ids = part["article_id"].astype(str).tolist()
        fig.add_trace(
            trace(
                x=part["x"].astype(float).tolist(),
                y=part["y"].astype(float).tolist(),
                mode="markers",
                name=topic_label(names, topic_id, lang),
                marker=dict(size=7, color=topic_colour(topic_id), opacity=0.8),
                text=[labels.isolate(escape.plotly(titles.get(a) or a)) for a in ids],
                customdata=[[a, int(topic_id)] for a in ids],
                hovertemplate=hover("%{text}", "%{fullData.name}"),
            )
        )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x")
    fig.update_layout(height=600)
    style(fig, chart=chart, title=title, lang=lang)
    return legend_below(fig, lang)


def topics_over_time(
    over_time: pd.DataFrame, *, topics: pd.DataFrame | None = None, freq: str = "M", lang: str = "en", undated: int = 0,
    measure: str = "count",
) -> go.Figure:
    """Return one line per topic of articles per period, each in its own colour.

    ``over_time`` has one row per (period, topic): ``period`` (start date), ``topic_id``,
    ``n_articles`` — :func:`warehouse.counts.topic_counts_over_time` makes it, with the same
    ``freq`` (it sets the ticks); with ``measure="share"`` passed through
    :func:`warehouse.counts.with_share`. ``topics`` gives the labels. customdata per point:
    ``[topic_id, period start "YYYY-MM-DD", n_articles]``.
    """
    chart, title = "topics_over_time", labels.message("title_topics_over_time", lang)
    if over_time is None or over_time.empty:
        return empty_figure(chart=chart, title=title, lang=lang, undated=undated)
    names = topic_names(topics, lang)
    frame = over_time.astype({"topic_id": "string"}).rename(columns={"topic_id": "topic"})
    fig = lines_over_time(frame, "topic", "topic", freq=freq, chart=chart, title=title, lang=lang, undated=undated, measure=measure)
    for trace in fig.data:
        topic_id = trace.customdata[0][0]
        trace.name = topic_label(names, topic_id, lang)
        trace.customdata = [[int(topic_id), *row[1:]] for row in trace.customdata]
    return fig


def topics_per_country(frame: pd.DataFrame, *, topics: pd.DataFrame | None = None, top_n: int = 15, lang: str = "en") -> go.Figure:
    """Return stacked horizontal bars: for each partner country (the ``top_n`` with most
    articles), its articles split by dominant topic.

    ``frame`` has one row per (country, topic): ``country``, ``topic_id``, ``n_articles`` —
    :func:`warehouse.counts.topic_counts_by_country` makes it. customdata per segment:
    ``[iso3, topic_id]``.
    """
    chart, title = "topics_per_country", labels.message("title_topics_per_country", lang)
    if frame is None or frame.empty:
        return empty_figure(chart=chart, title=title, lang=lang)
    totals = frame.groupby("country")["n_articles"].sum().reset_index()
    totals = totals.sort_values(["n_articles", "country"], ascending=[False, True], kind="stable").head(top_n)
    countries = totals["country"].tolist()
    rows = frame[frame["country"].isin(countries)]
    country_names = [key_label("country", c, lang) for c in countries]
    names = topic_names(topics, lang)
    fig = go.Figure()
    for topic_id, part in rows.groupby("topic_id", sort=True):
        counts = dict(zip(part["country"], part["n_articles"].astype(int)))
        fig.add_trace(
            go.Bar(
                y=country_names,
                x=[counts.get(c, 0) for c in countries],
                orientation="h",
                name=topic_label(names, topic_id, lang),
                marker=dict(color=topic_colour(topic_id)),
                customdata=[[str(c), int(topic_id)] for c in countries],
                hovertemplate=hover("%{y}", "%{fullData.name}", f"{labels.isolate(labels.message('articles', lang))}: %{{x}}"),
            )
        )
    fig.update_layout(barmode="stack", height=max(380, 170 + 30 * len(countries)))
    legend_below(fig, lang)
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_xaxes(title=labels.isolate(labels.message("articles", lang)), rangemode="tozero")
    count_axis(fig, "x", int(totals["n_articles"].max()))
    style(fig, chart=chart, title=title, lang=lang)
    return mirror_for_rtl(fig, lang)
