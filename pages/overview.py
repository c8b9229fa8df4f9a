"""Overview: headline counts, articles over time by partner, top sectors, the partner map."""

import streamlit as st

from techdiplomacy import charts
from techdiplomacy.i18n.phrases import t
from techdiplomacy.ui import data
from techdiplomacy.ui.page import evidence_panel, manifest, start
from techdiplomacy.ui.show import chart, over_time, over_time_controls
from techdiplomacy.warehouse import counts as wc

filters = start("page_overview")
lang = filters.lang
undated = data.get(wc.undated_count, filters)  # shown when a chart over time has no dated article
countries, sectors = data.fallbacks("country"), data.fallbacks("sector")
counts = data.get(wc.headline_counts, filters)
cols = st.columns(5)
cols[0].metric(t("articles", lang), counts["articles"])
cols[1].metric(t("countries_n", lang), counts["partners"])
cols[2].metric(t("officials", lang), counts["officials"])
cols[3].metric(t("figures_n", lang), counts["figures"])
cols[4].metric(t("topics_n", lang), counts["topics"])

left, right = st.columns(2)
with left:
    freq, measure = over_time_controls(lang, key="over-time")
    lines = over_time(filters, "country", freq=freq, measure=measure, top_n=8)
    fig = charts.articles_over_time(lines, freq=freq, measure=measure, lang=lang, fallbacks=countries, undated=undated)
    chart(fig, key="over-time", filters=filters, data=lines, manifest=manifest(filters))
with right:
    top = data.get(wc.sector_counts, filters, top_n=12)
    chart(charts.sectors_by_count(top, lang=lang, fallbacks=sectors), key="sectors", filters=filters, data=lambda: data.get(wc.sector_counts, filters), manifest=manifest(filters))
partners = data.get(wc.country_counts, filters)
chart(charts.partner_map(partners, lang=lang, fallbacks=countries), key="map", filters=filters, data=partners, manifest=manifest(filters))
evidence_panel(filters, key="overview")
