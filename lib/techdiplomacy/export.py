"""Exports: tables as spreadsheet-safe CSV, figures as HTML/PNG/SVG, and evidence bundles.

- CSV is UTF-8 with a byte-order mark (so Excel shows Arabic and Persian), columns in schema
  order, and every *text* cell that a spreadsheet would run as a formula (starting with
  ``= + - @``, their full-width forms, tab or carriage return) prefixed with ``'`` (OWASP's
  advice for CSV injection). Numbers are written as numbers: ``-5`` stays ``-5``.
- Figures export with no network: HTML inlines plotly.js and, for maps, the world topojson
  from ``static/topojson``; PNG and SVG go through Kaleido and the system Chromium with the
  topojson read from ``file://``.
- File names say what was exported and under which filters, in safe ASCII.
"""

from __future__ import annotations

import asyncio
import csv
import hashlib
import io
import json
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from functools import cache
from importlib import metadata
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from techdiplomacy import schema

BOM = "\ufeff".encode("utf-8")
#: Characters that make a spreadsheet treat a cell as a formula (and their full-width forms).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
TOPOJSON_DIR = Path(__file__).resolve().parents[2] / "static" / "topojson"
MAX_FILENAME = 150
#: Figure size for PNG/SVG exports, in layout pixels (PNG is rendered at ``scale``).
WIDTH, HEIGHT, SCALE = 1200, 700, 2


# --- CSV -----------------------------------------------------------------------------------------


def neutralise(value):
    """Return ``value`` with a leading ``'`` if it is a string a spreadsheet would run as a
    formula; anything else (numbers, NA) unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def table_csv(frame: pd.DataFrame, table: str | None = None) -> bytes:
    """Return ``frame`` as CSV bytes: UTF-8 with BOM, CRLF line ends, formulas neutralised.

    With ``table`` (a :mod:`techdiplomacy.schema` table name) the columns come in schema order,
    missing schema columns are written empty, and any extra columns follow in their order.
    Text cells are neutralised (:func:`neutralise`); numeric columns are written as numbers.
    Dates and datetimes are written in ISO 8601.
    """
    return BOM + _csv_text(frame, table, header=True).encode("utf-8")


def csv_chunks(frames, table: str | None = None):
    """Yield the CSV of the concatenation of ``frames`` (an iterable of frames with the same
    columns, e.g. chunks streamed from DuckDB) in pieces: the same bytes :func:`table_csv`
    gives for the whole table, without ever holding it as one frame."""
    first = True
    for frame in frames:
        text = _csv_text(frame, table, header=first)
        yield (BOM if first else b"") + text.encode("utf-8")
        first = False
    if first:
        yield table_csv(schema.empty(table) if table else pd.DataFrame(), table)


def _csv_text(frame: pd.DataFrame, table: str | None, *, header: bool) -> str:
    frame = frame.copy()
    if table is not None:
        spec = schema.columns(table)
        for column in spec:
            if column not in frame:
                frame[column] = pd.Series(pd.NA, index=frame.index, dtype=schema.TABLES[table][column])
        frame = frame[spec + [c for c in frame.columns if c not in spec]]
    for column in frame.columns:
        series = frame[column]
        if pd.api.types.is_string_dtype(series.dtype) and series.dtype != object:
            risky = series.str.startswith(FORMULA_TRIGGERS).fillna(False).astype(bool)
            if risky.any():
                frame[column] = series.mask(risky, "'" + series)
        elif series.dtype == object or isinstance(series.dtype, pd.CategoricalDtype):
            # mixed cells: only the strings are touched
            frame[column] = series.astype(object).map(neutralise, na_action="ignore")
    return frame.to_csv(index=False, header=header, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)


# --- file names ----------------------------------------------------------------------------------

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def slug(text: str) -> str:
    """Return ``text`` as ASCII letters, digits, ``_``, ``.`` and ``-`` (runs of anything
    else become ``-``); text with no ASCII left becomes a short hash so it stays distinct."""
    ascii_part = _UNSAFE.sub("-", str(text)).strip("-.")
    if ascii_part and len(ascii_part) >= len(str(text).strip()) / 2:
        return ascii_part
    return "h" + hashlib.sha1(str(text).encode("utf-8")).hexdigest()[:8]


def export_filename(what: str, filters=None, ext: str = "csv") -> str:
    """Return a file name saying ``what`` was exported under which ``filters``, e.g.
    ``mentions__country-ARM__sector-cybersecurity__2024-01-01_2024-12-31.csv``.

    Only ASCII letters, digits, ``_``, ``-`` and ``.``: codes and dates as they are; source
    names and the search text as ASCII slugs (or a short hash if not Latin). Names longer than
    150 characters are cut and end in a hash of the full name, so they stay distinct.
    """
    parts = [slug(what) or "export"]
    if filters is not None:
        for prefix, values in (
            ("country", filters.countries),
            ("sector", filters.sectors),
            ("lang", filters.languages),
            ("source", [slug(s) for s in filters.sources]),
            ("topic", [str(t) for t in filters.topics]),
        ):
            if values:
                parts.append(f"{prefix}-" + "-".join(slug(v) for v in values))
        if filters.date_from and filters.date_to:
            parts.append(f"{filters.date_from.isoformat()}_{filters.date_to.isoformat()}")
        elif filters.date_from:
            parts.append(f"from-{filters.date_from.isoformat()}")
        elif filters.date_to:
            parts.append(f"to-{filters.date_to.isoformat()}")
        if filters.query:
            parts.append("q-" + slug(filters.query))
    stem = "__".join(parts)
    ext = slug(ext.lstrip(".")) or "bin"
    if len(stem) + len(ext) + 1 > MAX_FILENAME:
        digest = hashlib.sha1(stem.encode("utf-8")).hexdigest()[:8]
        stem = stem[: MAX_FILENAME - len(ext) - len(digest) - 3].rstrip("_-.") + "_" + digest
    return f"{stem}.{ext}"


# --- figures -------------------------------------------------------------------------------------


def _topojson_names(fig: go.Figure) -> list[str]:
    """Return the topojson files (e.g. ``world_50m``) the figure's maps need."""
    layout = fig.to_plotly_json().get("layout", {})
    needed = []
    geos = [v for k, v in layout.items() if re.fullmatch(r"geo\d*", k)]
    has_geo_trace = any(getattr(trace, "geo", None) is not None and trace.type in ("choropleth", "scattergeo") for trace in fig.data)
    if has_geo_trace and not geos:
        geos = [{}]
    for geo in geos:
        scope = (geo or {}).get("scope") or "world"
        resolution = (geo or {}).get("resolution") or 110
        name = f"{scope.replace(' ', '-')}_{int(resolution)}m"
        if name not in needed:
            needed.append(name)
    return needed


@cache
def _topojson_text(name: str) -> str:
    return (TOPOJSON_DIR / f"{name}.json").read_text(encoding="utf-8")


def figure_html(fig: go.Figure, *, title: str | None = None) -> bytes:
    """Return a self-contained HTML page of ``fig`` that works offline: plotly.js inline, and
    for maps the topojson inline as ``window.PlotlyGeoAssets`` (so no CDN is asked)."""
    html = fig.to_html(include_plotlyjs=True, full_html=True, include_mathjax=False,
                       config={"displaylogo": False, "responsive": True})
    assets = {}
    for name in _topojson_names(fig):
        path = TOPOJSON_DIR / f"{name}.json"
        if not path.exists():
            raise FileNotFoundError(f"{path} missing: maps need it offline (static/topojson/README.md)")
        assets[name] = _topojson_text(name)
    head = '<meta charset="utf-8">'
    if title:
        from techdiplomacy import escape

        head += f"<title>{escape.html(title)}</title>"
    if assets:
        inner = ",".join(f"{json.dumps(name)}:{text}" for name, text in assets.items())
        head += f"<script>window.PlotlyGeoAssets=Object.assign(window.PlotlyGeoAssets||{{}},{{topojson:{{{inner}}}}});</script>"
    html = html.replace("<head>", "<head>" + head, 1)
    return html.encode("utf-8")


#: How to get a browser for PNG/SVG export, shown when none is found.
BROWSER_HINT = "apt-get install chromium (Debian/Ubuntu), or set BROWSER_PATH to a Chrome or Chromium executable"


def image_export_problem() -> str | None:
    """Return why PNG/SVG export cannot work here (Kaleido missing, no Chromium found), or
    None when it can. Kaleido 1.x drives a Chrome/Chromium it finds on the PATH or in
    ``BROWSER_PATH``; it never downloads one at run time here."""
    try:
        import kaleido  # noqa: F401
        from choreographer.browsers.chromium import Chromium
    except ImportError as exc:
        return f"Kaleido is not installed ({exc.name}): pip install kaleido"
    path = Chromium.find_browser(skip_local=False)
    if not path or not Path(path).exists():
        return f"No Chrome or Chromium found for Kaleido: {BROWSER_HINT}"
    return None


def _options(fmt: str, width: int, height: int, scale: float) -> dict:
    return dict(format=fmt, width=width, height=height, scale=scale)


def _topojson_url() -> str:
    return TOPOJSON_DIR.as_uri() + "/"


def _image(fig: go.Figure, fmt: str, width: int, height: int, scale: float) -> bytes:
    """Render ``fig`` with Kaleido; maps read their topojson from ``static/topojson``.

    Kaleido is called directly with ``topojson=file://...`` rather than through
    ``plotly.io.defaults.topojson``, to leave Plotly's process-wide defaults alone; MathJax is
    off (it would be fetched from a CDN). If the app started ``kaleido.start_sync_server()``,
    the running browser is reused (~0.2 s an image instead of ~3 s).
    """
    import kaleido

    return kaleido.calc_fig_sync(
        fig.to_plotly_json(), opts=_options(fmt, width, height, scale), topojson=_topojson_url(), kopts={"mathjax": False}
    )


def figure_images(
    fig: go.Figure, formats: tuple[str, ...] = ("png", "svg"), *, width: int = WIDTH, height: int = HEIGHT, scale: float = SCALE
) -> dict[str, bytes]:
    """Return {format: bytes} for several formats from one browser session (PNG at
    ``scale``, vector formats at 1): half the wait of separate calls."""
    import kaleido

    figure = fig.to_plotly_json()

    async def render() -> dict[str, bytes]:
        async with kaleido.Kaleido(n=1, mathjax=False) as session:
            return {
                fmt: await session.calc_fig(figure, opts=_options(fmt, width, height, scale if fmt == "png" else 1), topojson=_topojson_url())
                for fmt in formats
            }

    # A thread of its own gives asyncio.run a fresh loop even when the caller runs one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, render()).result()


def figure_png(fig: go.Figure, *, width: int = WIDTH, height: int = HEIGHT, scale: float = SCALE) -> bytes:
    """Return ``fig`` as PNG bytes (``width`` x ``height`` layout pixels at ``scale``)."""
    return _image(fig, "png", width, height, scale)


def figure_svg(fig: go.Figure, *, width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """Return ``fig`` as SVG bytes; text (Arabic included) stays text, in logical order."""
    return _image(fig, "svg", width, height, 1)


# --- evidence bundle -----------------------------------------------------------------------------


def tool_version() -> str:
    """Return the installed techdiplomacy version ("unknown" if not installed)."""
    try:
        return metadata.version("techdiplomacy")
    except metadata.PackageNotFoundError:
        return "unknown"


def bundle_manifest(filters=None, *, corpus_version: str | None = None, **extra) -> dict:
    """Return the manifest of an evidence bundle: ``filters`` (URL parameters), their
    ``description``, ``corpus_version``, ``tool_version``, ``schema_version``, ``created``
    (UTC ISO 8601), plus ``extra``."""
    manifest = {
        "filters": filters.to_query() if filters is not None else {},
        "description": filters.describe() if filters is not None else "",
        "corpus_version": corpus_version,
        "tool_version": tool_version(),
        "schema_version": schema.SCHEMA_VERSION,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    manifest.update(extra)
    return manifest


BUNDLE_FILES = ("chart.png", "chart.svg", "chart.html", "data.csv", "evidence.csv", "manifest.json")


def evidence_bundle(
    fig: go.Figure,
    data: pd.DataFrame,
    evidence: pd.DataFrame,
    manifest: dict,
    *,
    data_table: str | None = None,
    evidence_table: str | None = None,
    images: bool = True,
) -> bytes:
    """Return a zip of one chart with what backs it: ``chart.png``, ``chart.svg``,
    ``chart.html``, ``data.csv`` (the aggregate drawn), ``evidence.csv`` (the rows with their
    sentences and spans) and ``manifest.json``.

    ``manifest`` is completed with the keys of :func:`bundle_manifest` it lacks (``filters``,
    ``corpus_version``, ``tool_version``, ``created``, ...) and gains ``files``. With
    ``images=False`` the PNG and SVG are left out (no Chromium needed).
    """
    complete = {**bundle_manifest(), **{k: v for k, v in manifest.items()}}
    for key in ("filters", "corpus_version"):
        complete.setdefault(key, None)
    files: dict[str, bytes] = {}
    if images:
        rendered = figure_images(fig, ("png", "svg"))
        files["chart.png"] = rendered["png"]
        files["chart.svg"] = rendered["svg"]
    files["chart.html"] = figure_html(fig)
    files["data.csv"] = table_csv(data, data_table)
    files["evidence.csv"] = table_csv(evidence, evidence_table)
    complete["files"] = list(files) + ["manifest.json"]
    files["manifest.json"] = json.dumps(complete, ensure_ascii=False, indent=2, default=str).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()
