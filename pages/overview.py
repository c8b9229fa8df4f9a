"""Overview: headline counts, articles over time by partner, top sectors, the partner map."""

import streamlit as st

from techdiplomacy import charts
from techdiplomacy.charts_frames import country_counts, counts_over_time, country_pairs, sector_counts
from techdiplomacy.page_text import t
from techdiplomacy.ui.page import evidence_panel, manifest, start
from techdiplomacy.ui.show import chart

tables, filters, view = start("page_overview")
lang = filters.lang
counts = charts.headline_counts(view)
cols = st.columns(5)
cols[0].metric(t("articles", lang), counts["articles"])
cols[1].metric(t("countries_n", lang), counts["partners"])
cols[2].metric(t("officials", lang), counts["officials"])
cols[3].metric(t("figures_n", lang), counts["figures"])
cols[4].metric(t("topics_n", lang), len(view["topics"]))

left, right = st.columns(2)
with left:
    fig = charts.articles_over_time(view["articles"], view["mentions"], lang=lang)
    data = lambda: counts_over_time(view["articles"], country_pairs(view["mentions"]), "country")
    chart(fig, key="over-time", filters=filters, data=data, manifest=manifest(filters))
with right:
    fig = charts.sectors_by_count(view["mentions"], top_n=12, lang=lang)
    chart(fig, key="sectors", filters=filters, data=lambda: sector_counts(view["mentions"]), manifest=manifest(filters))
fig = charts.partner_map(view["mentions"], lang=lang)
chart(fig, key="map", filters=filters, data=lambda: country_counts(view["mentions"]), manifest=manifest(filters))
evidence_panel(view, filters, key="overview")
