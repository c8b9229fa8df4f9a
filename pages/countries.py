"""Countries: partner map, country x sector heatmap, and the bilateral view of one partner."""

import streamlit as st

from techdiplomacy import charts
from techdiplomacy.i18n import labels
from techdiplomacy.i18n.phrases import t
from techdiplomacy.ui import data
from techdiplomacy.ui.page import evidence_panel, manifest, start
from techdiplomacy.ui.show import chart
from techdiplomacy.ui.tables import paged_table
from techdiplomacy.warehouse import counts as wc
from techdiplomacy.warehouse.filters import Filters

filters = start("page_countries")
lang = filters.lang
countries, sectors = data.fallbacks("country"), data.fallbacks("sector")
partners = data.get(wc.country_counts, filters)
chart(charts.partner_map(partners, lang=lang, fallbacks=countries), key="map", filters=filters, data=partners, manifest=manifest(filters))
pairs = data.get(wc.country_sector_counts, filters)
fig = charts.country_sector_heatmap(pairs, partners, data.get(wc.sector_counts, filters), lang=lang, country_fallbacks=countries, sector_fallbacks=sectors)
chart(fig, key="heatmap", filters=filters, data=pairs, manifest=manifest(filters))
evidence_panel(filters, key="countries")

st.header(t("bilateral", lang))
if not partners.empty:
    partner = st.selectbox(t("choose_partner", lang), partners["country"].tolist(), format_func=lambda k: labels.name("country", k, lang))
    one = data.both(filters, Filters(countries=(partner,)))  # the current view AND this partner
    left, right = st.columns(2)
    with left:
        counts = data.get(wc.sector_counts, one)
        chart(charts.sectors_by_count(counts, lang=lang, fallbacks=sectors), key="partner-sectors", filters=filters, data=counts, manifest=manifest(filters, partner=partner))
    with right:
        over_time = data.get(wc.counts_over_time, one, "country", named=(partner,))
        chart(charts.articles_over_time(over_time, lang=lang, fallbacks=countries), key="partner-time", filters=filters, data=over_time, manifest=manifest(filters, partner=partner))
    st.subheader(t("officials", lang))
    paged_table("officials", filters, view=one, key="partner-officials", columns=["name", "title", "role", "organisation"], where=("country = ?", [partner]))
    st.subheader(t("figures_n", lang))
    paged_table("figures", filters, view=one, key="partner-figures", columns=["value", "unit", "measure", "sector", "sentence"])
