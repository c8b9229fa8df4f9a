"""The look shared by every chart: palette, pinned colours, font, template, empty figures.

Set once here so that every view agrees: a country keeps its colour whatever the filters
(Plotly would otherwise reassign colours when a filter removes a group), labels use a font
with Arabic and Persian glyphs, and an empty selection gives a figure that says so.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from functools import cache

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from techdiplomacy import reference
from techdiplomacy.i18n import labels
from techdiplomacy.schema import OTHER_KEY

#: Okabe & Ito (2008) without black, then Paul Tol's "muted" scheme: 16 colours that stay
#: distinguishable for the common colour-vision deficiencies.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
TOL_MUTED = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499")
PALETTE = OKABE_ITO + TOL_MUTED
IRAN_COLOUR = "#6E6E6E"  # Iran is the hub, not a partner: neutral grey
OTHER_COLOUR = "#BBBBBB"  # "Other" groups and unknown keys
EDGE_COLOUR = "#C8CCD2"
#: Hues for the lines or groups of one chart, in the order they are handed out: the first
#: eight differ in hue or lightness (Okabe & Ito, then Tol's wine and olive), so no two lines
#: of a chart with its top eight and "Other" look alike; past eight they repeat.
DISTINCT = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#882255", "#999933",
            "#332288", "#44AA99")
#: A sequential, colour-blind-safe scale for counts (ColorBrewer Blues), starting at a blue
#: that shows on a light map: a country with one article must not look like no country.
SEQUENTIAL = [[0.0, "#DEEBF7"], [0.25, "#9ECAE1"], [0.5, "#4292C6"], [0.75, "#2171B5"], [1.0, "#08306B"]]

#: Fonts with Arabic and Persian glyphs first; DejaVu Sans is on every Debian machine.
FONT_FAMILY = "Noto Sans Arabic, Noto Sans, DejaVu Sans, sans-serif"

#: Iran's most frequent partners take the palette in this order, so the first sixteen never
#: share a colour; other countries get a colour from a stable hash of their code.
PINNED_COUNTRIES = (
    "ARM", "TUR", "RUS", "CHN", "IRQ", "AZE", "AFG", "PAK",
    "ARE", "QAT", "OMN", "SAU", "TKM", "KAZ", "UZB", "TJK",
)


def _hashed(key: str) -> str:
    return PALETTE[zlib.crc32(key.encode("utf-8")) % len(PALETTE)]


def country_colour(iso3) -> str:
    """Return the pinned colour of country ``iso3`` (grey for Iran and unknown)."""
    if iso3 is None or iso3 is pd.NA or iso3 == OTHER_KEY:
        return OTHER_COLOUR
    iso3 = str(iso3)
    if iso3 == "IRN":
        return IRAN_COLOUR
    if iso3 in PINNED_COUNTRIES:
        return PALETTE[PINNED_COUNTRIES.index(iso3) % len(PALETTE)]
    return _hashed(iso3)


@cache
def _sector_order() -> tuple[str, ...]:
    try:
        return tuple(reference.load("sectors")["sector"])
    except (FileNotFoundError, KeyError):
        return ()


def sector_colour(sector) -> str:
    """Return the pinned colour of ``sector``: its row order in sectors.csv, else a hash."""
    if sector is None or sector is pd.NA or sector == OTHER_KEY:
        return OTHER_COLOUR
    order = _sector_order()
    if sector in order:
        return PALETTE[order.index(sector) % len(PALETTE)]
    return _hashed(str(sector))


def topic_colour(topic_id) -> str:
    """Return the pinned colour of topic ``topic_id`` (grey for -1, the outliers)."""
    if topic_id is None or topic_id is pd.NA or topic_id == OTHER_KEY or int(topic_id) < 0:
        return OTHER_COLOUR
    return PALETTE[int(topic_id) % len(PALETTE)]


def colour_map(kind: str, keys: Iterable) -> dict:
    """Return {key: colour} for ``kind`` (country, sector, topic): a ``color_discrete_map``."""
    pick = {"country": country_colour, "sector": sector_colour, "topic": topic_colour}[kind]
    return {key: pick(key) for key in keys}


def known_countries(countries: pd.Series) -> pd.Series:
    """Return ``countries`` with blank codes ("") as missing: a row of no known country."""
    values = countries.astype("string")
    return values.mask(values.str.strip().eq("").fillna(False))


def distinct_colours(kind: str, keys: Iterable) -> dict:
    """Return {key: colour} for the keys of one chart (``kind`` country, sector, topic), every
    colour different: a key keeps its pinned colour (:func:`colour_map`) when that is one of
    :data:`DISTINCT` and still free, the others take the free ones in order; Iran stays dark
    grey and "Other" light grey."""
    keys = list(dict.fromkeys(keys))
    pinned = colour_map(kind, keys)
    fixed = {k: pinned[k] for k in keys if pinned[k] in (IRAN_COLOUR, OTHER_COLOUR)}
    out: dict = dict(fixed)
    for key in keys:
        if key not in out and pinned[key] in DISTINCT and pinned[key] not in out.values():
            out[key] = pinned[key]
    free = [c for c in DISTINCT if c not in out.values()]
    rest = [k for k in keys if k not in out]
    for i, key in enumerate(rest):
        out[key] = free[i] if i < len(free) else DISTINCT[i % len(DISTINCT)]
    return {key: out[key] for key in keys}


def legend_below(fig: go.Figure, lang: str) -> go.Figure:
    """Return ``fig`` with a horizontal legend under the plot, starting on the reading side:
    it wraps within the plot's width instead of widening the figure beside it."""
    rtl = labels.is_rtl(lang)
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.14, xanchor="right" if rtl else "left",
                                  x=1 if rtl else 0, title=dict(text="")))
    return fig


def _template() -> go.layout.Template:
    template = go.layout.Template(pio.templates["plotly_white"])
    template.layout.update(
        font=dict(family=FONT_FAMILY, size=13, color="#1F2328"),
        colorway=list(PALETTE),
        hoverlabel=dict(font=dict(family=FONT_FAMILY)),
        title=dict(font=dict(size=17)),
        margin=dict(l=60, r=30, t=80, b=50),
        legend=dict(title=dict(text="")),
    )
    return template


#: The one template every chart uses (not registered globally: importing charts changes
#: nothing for other Plotly users in the process).
TEMPLATE = _template()


def style(fig: go.Figure, *, chart: str, title: str, lang: str, empty: bool = False) -> go.Figure:
    """Return ``fig`` with the template, a display title and RTL-aware title/hover placement.

    ``layout.meta`` records ``{"chart": name, "empty": bool, "lang": lang}`` so the UI and
    the tests can tell charts apart without reading titles.
    """
    rtl = labels.is_rtl(lang)
    fig.update_layout(
        template=TEMPLATE,
        # The font again outside the template: st.plotly_chart's default theme swaps templates.
        font=dict(family=FONT_FAMILY),
        # The title sits under the toolbar (top right, 30 px): a right-aligned Arabic or Persian
        # title would otherwise run into it.
        title=dict(text=labels.isolate(title), x=0.98 if rtl else 0.02, xanchor="right" if rtl else "left",
                   yref="container", y=1, yanchor="top", pad=dict(t=36)),
        hoverlabel=dict(align="right" if rtl else "left", font=dict(family=FONT_FAMILY)),
        meta={"chart": chart, "empty": empty, "lang": lang},
    )
    return fig


def empty_figure(*, chart: str, title: str, lang: str, undated: int = 0) -> go.Figure:
    """Return a figure with ``title`` and a centred "No data for these filters" note, or, for a
    chart over time with ``undated`` articles and none dated, "1 article without a date"."""
    fig = go.Figure()
    if undated:
        note = labels.message("n_undated_one", lang) if undated == 1 else labels.message("n_undated", lang, n=f"{undated:,}")
    else:
        note = labels.message("no_data", lang)
    fig.add_annotation(
        text=labels.isolate(note),
        xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False, font=dict(size=16, color="#6B7280"),
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return style(fig, chart=chart, title=title, lang=lang, empty=True)


#: Tick spacing and format of a time axis per period (``freq``): numeric dates read the same
#: in every UI language, where month names would be English in an Arabic chart.
TIME_TICKS = {
    "D": dict(tickformat="%Y-%m-%d", hover="%Y-%m-%d"),
    "W": dict(tickformat="%Y-%m-%d", hover="%Y-%m-%d"),
    "M": dict(dtick="M1", tickformat="%Y-%m", hover="%Y-%m"),
    "Q": dict(dtick="M3", tickformat="%Y-%m", hover="%Y-%m"),
    "Y": dict(dtick="M12", tickformat="%Y", hover="%Y"),
}


def time_axis(fig: go.Figure, freq: str, n_periods: int) -> go.Figure:
    """Return ``fig`` with a date x axis ticked once per period (thinned past 24 periods)."""
    ticks = dict(TIME_TICKS.get(freq, TIME_TICKS["M"]))
    ticks.pop("hover")
    if n_periods > 24 or freq in ("D", "W"):
        ticks.pop("dtick", None)  # let Plotly thin the ticks; keep the numeric format
    fig.update_xaxes(type="date", **ticks)
    return fig


def count_axis(fig: go.Figure, axis: str, largest: int) -> go.Figure:
    """Return ``fig`` with whole-number ticks on ``axis`` (x or y) for counts up to
    ``largest``: Plotly would otherwise label a count axis 0, 0.5, 1, 1.5."""
    if largest <= 10:
        getattr(fig, f"update_{axis}axes")(tick0=0, dtick=1)
    else:
        getattr(fig, f"update_{axis}axes")(tickformat=",d")
    return fig


def count_colorbar(largest: int) -> dict:
    """Return colorbar settings with whole-number ticks for counts up to ``largest``."""
    return dict(tick0=0, dtick=1) if largest <= 10 else dict(tickformat=",d")


def mirror_for_rtl(fig: go.Figure, lang: str, *, value_axis: str = "x") -> go.Figure:
    """Return a horizontal bar chart read from the right in Arabic and Persian: values grow
    leftwards and category labels sit on the right."""
    if labels.is_rtl(lang):
        span = fig.layout.xaxis.range
        if span is not None:  # an explicit range (room for the bar labels) is reversed instead
            fig.update_xaxes(range=list(span)[::-1])
        else:
            fig.update_xaxes(autorange="reversed")
        if value_axis == "x":
            fig.update_yaxes(side="right")
    return fig


def room_for_labels(fig: go.Figure, largest: float, axis: str = "x") -> go.Figure:
    """Return ``fig`` with its value ``axis`` running from 0 to a little past ``largest``, so
    the numbers written beyond the longest bar stay inside the figure."""
    getattr(fig, f"update_{axis}axes")(range=[0, largest * 1.15 + 0.5])
    return fig
