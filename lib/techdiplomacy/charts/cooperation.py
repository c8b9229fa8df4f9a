"""Charts of cooperation threads: the pipeline per partner and the timeline of threads.

Same contract as :mod:`techdiplomacy.charts.countries`: tidy filtered input, one figure out,
"No data for these filters" when empty, display names in ``lang``, keys in ``customdata``.
Stages keep one colour each (:data:`STAGE_COLOURS`) in every chart and view.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from techdiplomacy import escape, schema
from techdiplomacy.charts.countries import hover, key_label
from techdiplomacy.charts.style import EDGE_COLOUR, OTHER_COLOUR, count_axis, empty_figure, mirror_for_rtl, style
from techdiplomacy.i18n import labels

STAGES = schema.COOPERATION_STAGES
#: Light to dark along the pipeline (Okabe-Ito / ColorBrewer blues are colour-blind safe), stalled grey-red.
STAGE_COLOURS = {
    "discussed": "#C6DBEF",
    "proposed": "#9ECAE1",
    "agreed": "#4292C6",
    "signed": "#08519C",
    "implemented": "#009E73",
    "stalled": "#D55E00",
}
SNIPPET = 240  # characters of the evidence sentence shown on hover
LABEL = 40  # characters of a thread's axis label
LINE = 60  # characters per line of it


def _field(key: str, lang: str) -> str:
    return labels.isolate(labels.message(key, lang))


def stage_name(stage, lang: str) -> str:
    """Return the display label of ``stage`` in ``lang`` (isolated when right to left)."""
    if stage in STAGES:
        return labels.isolate(labels.message(f"stage_{stage}", lang))
    return labels.isolate(labels.message("unknown", lang))


def _ids(value) -> list[str]:
    if value is None or pd.isna(value):
        return []
    return [v for v in str(value).split("|") if v]


def _partners(value, lang: str) -> str:
    names = [labels.name("country", p, lang) for p in _ids(value)]
    return escape.plotly(labels.isolate(labels.message("comma", lang).join(names)) if names else labels.message("unknown", lang))


def _snippet(text) -> str:
    """The evidence sentence for a hover: its first :data:`SNIPPET` characters in lines of
    :data:`LINE` (a hover label is one line otherwise, wider than the chart), escaped, each line
    isolated when right to left."""
    if text is None or pd.isna(text):
        return ""
    text = " ".join(str(text).split())
    text = text[:SNIPPET] + ("…" if len(text) > SNIPPET else "")
    return "<br>".join(labels.isolate(escape.plotly(line)) for line in textwrap.wrap(text, LINE))


def cooperation_pipeline(pipeline: pd.DataFrame, *, lang: str = "en", top_n: int = 20) -> go.Figure:
    """Return horizontal stacked bars: one bar per partner (the ``top_n`` with most threads,
    most first), its threads split by their latest stage in pipeline order.

    ``pipeline``: :func:`warehouse.cooperation.pipeline`. customdata per segment: ``[iso3, stage]``.
    """
    chart, title = "cooperation_pipeline", labels.message("title_cooperation_pipeline", lang)
    if pipeline.empty:
        return empty_figure(chart=chart, title=title, lang=lang)
    partners = list(dict.fromkeys(pipeline["partner"]))[:top_n]
    names = [key_label("country", p, lang) for p in partners]
    fig = go.Figure()
    for stage in STAGES:
        part = pipeline[pipeline["stage"].eq(stage).fillna(False)]
        by_partner = dict(zip(part["partner"], part["n_threads"].astype(int)))
        if not by_partner:
            continue
        fig.add_trace(go.Bar(
            y=names, x=[by_partner.get(p, 0) for p in partners], orientation="h",
            name=stage_name(stage, lang), marker={"color": STAGE_COLOURS[stage]},
            customdata=[[p, stage] for p in partners],
            hovertemplate=hover("%{y}", f"{_field('stage', lang)}: %{{fullData.name}}", f"{_field('threads', lang)}: %{{x}}"),
        ))
    fig.update_layout(barmode="stack", height=max(320, 130 + 30 * len(partners)),
                      legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0.5, "xanchor": "center", "traceorder": "normal"})
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_xaxes(title=_field("threads", lang), rangemode="tozero")
    count_axis(fig, "x", int(pipeline.groupby("partner")["n_threads"].sum().max()))
    mirror_for_rtl(fig, lang)
    return style(fig, chart=chart, title=title, lang=lang)


def thread_label(row, lang: str) -> str:
    """Return a thread's axis label: its partners and its first sector, in ``lang``, cut at
    :data:`LABEL` characters (long labels left the marks a sliver of the chart; the hover
    names every partner)."""
    sectors = _ids(row.get("sectors"))
    text = labels.message("comma", lang).join(labels.name("country", p, lang) for p in _ids(row.get("partners")))
    if sectors:
        text += " · " + labels.name("sector", sectors[0], lang) + ("…" if len(sectors) > 1 else "")
    if len(text) > LABEL:
        text = text[:LABEL - 1].rstrip(" ·،,") + "…"
    return labels.isolate(escape.plotly(text))


def cooperation_timeline(threads: pd.DataFrame, marks: pd.DataFrame, *, lang: str = "en", top_n: int = 30) -> go.Figure:
    """Return one line per thread (the ``top_n`` first of ``threads``, latest first, top down)
    from its first to its latest date, with a mark per cooperation row coloured by its stage;
    hover shows the date, stage and evidence sentence. Undated rows have no place on it.

    ``threads``: :func:`warehouse.cooperation.threads`; ``marks``: :func:`warehouse.cooperation.marks`.
    customdata per mark: ``[thread_id, article_id, start, end]``.
    """
    chart, title = "cooperation_timeline", labels.message("title_cooperation_timeline", lang)
    dated = threads[threads["first_published"].notna()].head(top_n) if not threads.empty else threads
    if dated.empty:
        return empty_figure(chart=chart, title=title, lang=lang)
    position = {tid: i for i, tid in enumerate(dated["thread_id"])}
    fig = go.Figure()
    xs, ys = [], []
    for i, row in enumerate(dated.to_dict("records")):
        xs += [row["first_published"], row["latest_published"], None]
        ys += [i, i, None]
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line={"color": EDGE_COLOUR, "width": 3}, hoverinfo="skip",
                             showlegend=False, name="threads"))
    points = marks[marks["thread_id"].isin(list(position)) & marks["published"].notna()]
    partners = dict(zip(dated["thread_id"], dated["partners"]))
    for stage in STAGES:
        part = points[points["stage"].eq(stage).fillna(False)]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part["published"].tolist(), y=[position[t] for t in part["thread_id"]], mode="markers",
            name=stage_name(stage, lang),
            marker={"size": 12, "color": STAGE_COLOURS.get(stage, OTHER_COLOUR), "line": {"color": "#1F2328", "width": 1}},
            text=[_snippet(s) for s in part["sentence"]],
            hovertext=[_partners(partners[t], lang) for t in part["thread_id"]],
            customdata=[[str(t), str(a), int(s), int(e)] for t, a, s, e in
                        zip(part["thread_id"], part["article_id"], part["start"], part["end"])],
            hovertemplate=hover("%{hovertext}", f"{_field('date', lang)}: %{{x|%Y-%m-%d}}",
                                f"{_field('stage', lang)}: %{{fullData.name}}", "%{text}"),
        ))
    fig.update_yaxes(tickmode="array", tickvals=list(range(len(dated))),
                     ticktext=[thread_label(r, lang) for r in dated.to_dict("records")],
                     autorange="reversed", showgrid=False, zeroline=False)
    fig.update_xaxes(type="date", tickformat="%Y-%m", title=_field("date", lang))
    # the legend in a row above the plot, as on the pipeline: beside it, it took the width the
    # marks need (on 2,000+ real articles the marks were squeezed into a sliver)
    # (room above for two rows of it: in Arabic and Persian the six stages wrap)
    fig.update_layout(height=max(340, 160 + 28 * len(dated)), margin={"t": 115},
                      legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0.5, "xanchor": "center"})
    if labels.is_rtl(lang):
        fig.update_xaxes(autorange="reversed")
        fig.update_yaxes(side="right")
    return style(fig, chart=chart, title=title, lang=lang)
