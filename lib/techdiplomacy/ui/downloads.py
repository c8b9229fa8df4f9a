"""Download rows: every table as CSV, every chart as PNG/SVG/HTML and an evidence bundle.

Files are generated only when a button is clicked (deferred ``data=callable``), so a page
render never waits for Kaleido.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from techdiplomacy import export
from techdiplomacy.warehouse.filters import Filters


def table_download(
    frame: pd.DataFrame | Callable[[], pd.DataFrame], table: str | None, what: str, filters: Filters, *, key: str
) -> None:
    """Show a CSV download button for ``frame`` (schema order when ``table`` is given); a
    function is called only on a click."""
    make = frame if callable(frame) else (lambda: frame)
    st.download_button(
        f"⬇ {what}.csv",
        data=lambda: export.table_csv(make(), table),
        file_name=export.export_filename(what, filters, "csv"),
        mime="text/csv",
        key=f"csv-{key}",
        on_click="ignore",
    )


def figure_downloads(
    fig: go.Figure,
    data: pd.DataFrame | Callable[[], pd.DataFrame],
    evidence: pd.DataFrame,
    what: str,
    filters: Filters,
    manifest: dict,
    *,
    key: str,
) -> None:
    """Show PNG, SVG, HTML, data CSV and evidence-bundle buttons for one chart.

    ``data`` may be a function: the frame behind the chart is then computed only on a click.
    """
    frame = data if callable(data) else (lambda: data)
    cols = st.columns(5)
    buttons = (
        ("PNG", "png", "image/png", lambda: export.figure_png(fig)),
        ("SVG", "svg", "image/svg+xml", lambda: export.figure_svg(fig)),
        ("HTML", "html", "text/html", lambda: export.figure_html(fig)),
        ("CSV", "csv", "text/csv", lambda: export.table_csv(frame())),
        ("Evidence (zip)", "zip", "application/zip", lambda: export.evidence_bundle(fig, frame(), evidence, {**manifest, "chart": what})),
    )
    for col, (label, ext, mime, make) in zip(cols, buttons):
        col.download_button(
            f"⬇ {label}",
            data=make,
            file_name=export.export_filename(what, filters, ext),
            mime=mime,
            key=f"{ext}-{key}",
            on_click="ignore",
        )
