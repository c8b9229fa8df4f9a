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
from techdiplomacy.i18n import labels
from techdiplomacy.i18n.phrases import t
from techdiplomacy.warehouse.filters import Filters


def table_download(
    frame: pd.DataFrame | Callable[[], pd.DataFrame], table: str | None, what: str, filters: Filters, *, key: str,
    label: str = "",
) -> None:
    """Show a CSV download button for ``frame`` (schema order when ``table`` is given); a
    function is called only on a click. ``label`` says which table, where a page has two."""
    make = frame if callable(frame) else (lambda: frame)
    st.download_button(
        f"⬇ {t('table_csv', filters.lang)}" + (f" — {label}" if label else ""),
        data=lambda: export.table_csv(make(), table),
        file_name=export.export_filename(what, filters, "csv"),
        mime="text/csv",
        key=f"csv-{key}",
        on_click="ignore",
    )


#: Why the last PNG/SVG/bundle made for a button failed, by button key: shown on the next run
#: of the page (Streamlit's own message for a failed deferred download gives no reason).
_FAILURES: dict[str, str] = {}


def _remembering(key: str, make: Callable[[], bytes]) -> Callable[[], bytes]:
    """Return ``make`` that, when it fails, keeps the reason for :data:`_FAILURES` and re-raises."""

    def run() -> bytes:
        try:
            content = make()
        except Exception as exc:
            _FAILURES[key] = f"{type(exc).__name__}: {exc}"[:400]
            raise
        _FAILURES.pop(key, None)
        return content

    return run


def figure_downloads(
    fig: go.Figure,
    data: pd.DataFrame | Callable[[], pd.DataFrame],
    evidence: pd.DataFrame | Callable[[], pd.DataFrame],
    what: str,
    filters: Filters,
    manifest: dict,
    *,
    key: str,
) -> None:
    """Show PNG, SVG, HTML, data CSV and evidence-bundle buttons for one chart.

    ``data`` and ``evidence`` may be functions: they are then computed only on a click. When
    PNG/SVG cannot be made here (no Kaleido, no Chromium) the page says why and how to fix
    it, and the bundle is made without images; a download that failed says why on the next run.
    """
    lang = filters.lang
    frame = data if callable(data) else (lambda: data)
    rows = evidence if callable(evidence) else (lambda: evidence)
    problem = export.image_export_problem()
    images = problem is None
    buttons = [
        ("PNG", "png", "image/png", lambda: export.figure_png(fig)),
        ("SVG", "svg", "image/svg+xml", lambda: export.figure_svg(fig)),
    ] if images else []
    buttons += [
        ("HTML", "html", "text/html", lambda: export.figure_html(fig)),
        (t("data_csv", lang), "csv", "text/csv", lambda: export.table_csv(frame())),
        (t("evidence_zip", lang), "zip", "application/zip",
         lambda: export.evidence_bundle(fig, frame(), rows(), {**manifest, "chart": what}, images=images)),
    ]
    cols = st.columns(len(buttons))
    for col, (label, ext, mime, make) in zip(cols, buttons):
        button_key = f"{ext}-{key}"
        col.download_button(
            f"⬇ {label}",
            data=_remembering(button_key, make),
            file_name=export.export_filename(what, filters, ext),
            mime=mime,
            key=button_key,
            on_click="ignore",
        )
    if problem:
        st.warning(t("no_image_export", lang, reason=labels.embed(problem, lang)))
    for ext, _label in (("png", "PNG"), ("svg", "SVG"), ("zip", "zip")):
        reason = _FAILURES.get(f"{ext}-{key}")
        if reason:
            st.error(t("download_failed", lang, what=ext.upper(), reason=labels.embed(reason, lang)))
