"""Countries: partner map, country x sector heatmap, and the bilateral view of one partner."""

import streamlit as st

from techdiplomacy import charts, labels
from techdiplomacy.charts_frames import country_counts, country_pairs, country_sector_counts, counts_over_time, sector_counts
from techdiplomacy.filters import Filters
from techdiplomacy.page_text import t
from techdiplomacy.ui.page import evidence_panel, manifest, start
from techdiplomacy.ui.show import chart

tables, filters, view = start("page_countries")
lang = filters.lang
fig = charts.partner_map(view["mentions"], lang=lang)
chart(fig, key="map", filters=filters, data=lambda: country_counts(view["mentions"]), manifest=manifest(filters))
fig = charts.country_sector_heatmap(view["mentions"], lang=lang)
chart(fig, key="heatmap", filters=filters, data=lambda: country_sector_counts(view["mentions"]), manifest=manifest(filters))
evidence_panel(view, filters, key="countries")

st.header(t("bilateral", lang))
partners = country_counts(view["mentions"])["country"].tolist()
if partners:
    partner = st.selectbox(t("choose_partner", lang), partners, format_func=lambda k: f"{labels.name('country', k, lang)} ({k})")
    one = Filters(countries=(partner,), lang=lang).apply(view)
    left, right = st.columns(2)
    with left:
        fig = charts.sectors_by_count(one["mentions"], lang=lang)
        chart(fig, key="partner-sectors", filters=filters, data=lambda: sector_counts(one["mentions"]), manifest=manifest(filters, partner=partner))
    with right:
        mentions = one["mentions"][(one["mentions"]["kind"] != "country") | (one["mentions"]["key"] == partner)]
        fig = charts.articles_over_time(one["articles"], mentions, lang=lang)
        data = lambda: counts_over_time(one["articles"], country_pairs(mentions), "country")
        chart(fig, key="partner-time", filters=filters, data=data, manifest=manifest(filters, partner=partner))
    people = one["officials"][one["officials"]["country"] == partner]
    st.subheader(t("officials", lang))
    st.dataframe(people.drop_duplicates("official_id")[["name", "title", "role", "organisation"]], hide_index=True, width="stretch")
    st.subheader(t("figures_n", lang))
    st.dataframe(one["figures"][["value", "unit", "measure", "sector", "sentence"]], hide_index=True, width="stretch")
