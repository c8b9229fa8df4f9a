"""Sectors: counts, over time, co-occurrence and the partners of one sector."""

import streamlit as st

from techdiplomacy import charts
from techdiplomacy.i18n import labels
from techdiplomacy.i18n.phrases import t
from techdiplomacy.ui import data
from techdiplomacy.ui.page import evidence_panel, manifest, start
from techdiplomacy.ui.show import chart
from techdiplomacy.warehouse import counts as wc

filters = start("page_sectors")
lang = filters.lang
undated = data.get(wc.undated_count, filters)  # shown when a chart over time has no dated article
countries, sectors = data.fallbacks("country"), data.fallbacks("sector")
counts = data.get(wc.sector_counts, filters)
left, right = st.columns(2)
with left:
    chart(charts.sectors_by_count(counts, lang=lang, fallbacks=sectors), key="count", filters=filters, data=counts, manifest=manifest(filters))
with right:
    over_time = data.get(wc.counts_over_time, filters, "sector", top_n=8)
    chart(charts.sectors_over_time(over_time, lang=lang, fallbacks=sectors, undated=undated), key="time", filters=filters, data=over_time, manifest=manifest(filters))
pairs = data.get(wc.sector_cooccurrence_counts, filters)
order = counts["sector"].tolist()
chart(charts.sector_cooccurrence(pairs, order, lang=lang, fallbacks=sectors), key="cooc", filters=filters, data=pairs, manifest=manifest(filters))
if order:
    sector = st.selectbox(t("choose_sector", lang), order, format_func=lambda k: labels.name("sector", k, lang))
    partners = data.get(wc.partners_in_sector, filters, sector)
    fig = charts.partners_by_sector(partners, sector, lang=lang, country_fallbacks=countries, sector_fallbacks=sectors)
    chart(fig, key="partners", filters=filters, data=partners, manifest=manifest(filters, sector=sector))
evidence_panel(filters, key="sectors")
