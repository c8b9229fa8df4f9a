"""Sectors: counts, over time, co-occurrence and the partners of one sector."""

import streamlit as st

from techdiplomacy import charts
from techdiplomacy.i18n import labels
from techdiplomacy.i18n.phrases import t
from techdiplomacy.ui import data
from techdiplomacy.ui.page import evidence_panel, manifest, start
from techdiplomacy.ui.show import chart, over_time, over_time_controls
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
    freq, measure = over_time_controls(lang, key="time")
    lines = over_time(filters, "sector", freq=freq, measure=measure, top_n=8)
    fig = charts.sectors_over_time(lines, freq=freq, measure=measure, lang=lang, fallbacks=sectors, undated=undated)
    chart(fig, key="time", filters=filters, data=lines, manifest=manifest(filters))
pairs = data.get(wc.sector_cooccurrence_counts, filters)
order = counts["sector"].tolist()
chart(charts.sector_cooccurrence(pairs, order, lang=lang, fallbacks=sectors), key="cooc", filters=filters, data=pairs, manifest=manifest(filters))
if order:
    sector = st.selectbox(t("choose_sector", lang), order, format_func=lambda k: labels.name("sector", k, lang))
    partners = data.get(wc.partners_in_sector, filters, sector)
    fig = charts.partners_by_sector(partners, sector, lang=lang, country_fallbacks=countries, sector_fallbacks=sectors)
    chart(fig, key="partners", filters=filters, data=partners, manifest=manifest(filters, sector=sector))
evidence_panel(filters, key="sectors")
