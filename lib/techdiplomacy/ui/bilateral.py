"""The bilateral view of one partner: its fields and dates of cooperation, the cooperation rows
with their glosses, its officials and figures; partners from cooperation rows
(:mod:`techdiplomacy.warehouse.partners`), said on the page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from techdiplomacy import charts
from techdiplomacy.i18n import labels
from techdiplomacy.i18n.phrases import t
from techdiplomacy.ui import data
from techdiplomacy.ui.downloads import table_download
from techdiplomacy.ui.page import manifest
from techdiplomacy.ui.show import chart
from techdiplomacy.ui.tables import paged_table
from techdiplomacy.warehouse import cooperation as wco
from techdiplomacy.warehouse import partners as wp
from techdiplomacy.warehouse.filters import Filters


def partner_source(filters: Filters) -> str:
    """Show where the partners come from (a caption) and return it (``wp.COOPERATION`` or ``wp.MENTIONS``)."""
    origin = data.get(wp.source, filters)
    st.caption(t(f"partners_from_{origin}", filters.lang))
    return origin


def bilateral_view(filters: Filters, partners: pd.DataFrame, *, key: str, say_source: bool = True) -> None:
    """Show the bilateral view of a partner chosen among ``partners`` (:func:`wp.partner_counts`),
    under its header the caption saying where partners come from (unless the page said it)."""
    lang = filters.lang
    st.header(t("bilateral", lang))
    if say_source:
        partner_source(filters)
    if partners.empty:
        st.caption(t("no_partners", lang))
        return
    sectors = data.fallbacks("sector")
    partner = st.selectbox(t("choose_partner", lang), partners["country"].tolist(), key=f"{key}-partner",
                           format_func=lambda k: labels.name("country", k, lang))
    left, right = st.columns(2)
    with left:
        counts = data.get(wp.sectors_of, filters, partner)
        chart(charts.sectors_by_count(counts, lang=lang, fallbacks=sectors), key=f"{key}-partner-sectors", filters=filters,
              data=counts, manifest=manifest(filters, partner=partner))
    with right:
        over_time = data.get(wp.over_time, filters, partner)
        chart(charts.articles_over_time(over_time, lang=lang, fallbacks=data.fallbacks("country")), key=f"{key}-partner-time",
              filters=filters, data=over_time, manifest=manifest(filters, partner=partner))
    rows = data.get(wco.rows, filters, partners=(partner,), sectors=filters.sectors)
    if not rows.empty:
        st.subheader(t("partner_cooperation", lang, partner=labels.name("country", partner, lang)))
        shown = wco.milestones(rows, lang, top_n=len(rows), stages=wco.STAGES)
        st.dataframe(wco.readable(shown, lang), hide_index=True, width="stretch")
        table_download(wco.plain(shown), None, f"{key}-partner-cooperation", filters, key=f"{key}-partner-cooperation")
    one = data.both(filters, Filters(countries=(partner,)))  # the current view AND this partner
    st.subheader(t("officials", lang))
    paged_table("officials", filters, view=one, key=f"{key}-partner-officials", columns=["name", "title", "role", "organisation", "country"],
                where=("country = ?", [partner]))
    st.subheader(t("figures_n", lang))
    paged_table("figures", filters, view=one, key=f"{key}-partner-figures", columns=["value", "unit", "measure", "sector", "sentence"])
