"""Showing a chart: offline map assets, click/box selection to filter, evidence and downloads."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from techdiplomacy.i18n.phrases import t
from techdiplomacy.ui import data as data_access
from techdiplomacy.ui.downloads import figure_downloads
from techdiplomacy.ui.sidebar import selected
from techdiplomacy.warehouse import counts as wc
from techdiplomacy.warehouse.filters import Filters
from techdiplomacy.warehouse.selection import SELECTABLE, selection_filters

#: The periods a chart over time offers (warehouse.counts.PERIODS), the month first chosen.
PERIODS = ("D", "W", "M", "Y")
MEASURES = ("count", "share")

#: plotly.js fetches map outlines from here: our own static files, never a CDN.
TOPOJSON_URL = "app/static/topojson/"


def _base_url() -> str:
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/" if base else "/"


def chart(
    fig: go.Figure,
    *,
    key: str,
    filters: Filters,
    data: pd.DataFrame | Callable[[], pd.DataFrame],
    evidence: pd.DataFrame | Callable[[], pd.DataFrame] | None = None,
    manifest: dict | None = None,
    pick: bool = False,
) -> list:
    """Show ``fig``; a selection on it filters the dashboard; downloads sit under it. Return
    the selected points (their ``customdata``), for a chart whose selection filters nothing
    but shows something on the page (``pick``: a click on a timeline mark shows its thread).

    ``data`` (the frame behind the chart) may be a function, computed only when downloaded.
    ``evidence`` (the bundle's ``evidence.csv``) defaults to every evidence sentence of the
    view, the rows the page's evidence panel lists.
    """
    name = (fig.layout.meta or {}).get("chart", key) if isinstance(fig.layout.meta, dict) else key
    state = hashlib.sha1(repr(sorted(filters.to_query().items())).encode()).hexdigest()[:8]
    config = {"topojsonURL": _base_url() + TOPOJSON_URL, "displaylogo": False}
    points: list = []
    if name in SELECTABLE or pick:
        event = st.plotly_chart(
            fig, key=f"{key}-{state}", on_select="rerun", selection_mode=("points", "box", "lasso"),
            config=config, width="stretch",
        )
        points = list((event or {}).get("selection", {}).get("points", [])) if event else []
        chosen = selection_filters(name, points)
        if chosen:
            selected(filters, chosen)
    else:
        st.plotly_chart(fig, key=f"{key}-{state}", config=config, width="stretch")
    with st.expander(t("downloads", filters.lang)):
        figure_downloads(
            fig, data, evidence if evidence is not None else (lambda: data_access.evidence(filters, limit=None)), key, filters,
            manifest or {}, key=f"{key}-{state}",
        )
    return points


def over_time_controls(lang: str, *, key: str) -> tuple[str, str]:
    """Show the period (day, week, month, year) and measure (articles, or share of the view)
    of a chart over time; return ``(freq, measure)``."""
    left, right = st.columns(2)
    freq = left.radio(t("period", lang), PERIODS, index=PERIODS.index("M"), horizontal=True,
                      format_func=lambda f: t(f"period_{f}", lang), key=f"{key}-freq")
    measure = right.radio(t("measure_shown", lang), MEASURES, horizontal=True,
                          format_func=lambda m: t(f"measure_{m}", lang), key=f"{key}-measure")
    return freq, measure


def over_time(filters: Filters, kind: str, *, freq: str, measure: str, **kwargs) -> pd.DataFrame:
    """Return :func:`warehouse.counts.counts_over_time` of the view, with each key's ``share``
    of the view's articles per period when ``measure`` is "share"."""
    counts = data_access.get(wc.counts_over_time, filters, kind, freq=freq, **kwargs)
    if measure != "share":
        return counts
    return wc.with_share(counts, data_access.get(wc.articles_per_period, filters, freq=freq))
