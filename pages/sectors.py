"""Sectors: counts, over time, co-occurrence and the partners of one sector."""

import streamlit as st

from techdiplomacy import charts, labels
from techdiplomacy.charts_frames import counts_over_time, partners_in_sector, sector_cooccurrence_counts, sector_counts, sector_pairs
from techdiplomacy.page_text import t
from techdiplomacy.ui.page import evidence_panel, manifest, start
from techdiplomacy.ui.show import chart

tables, filters, view = start("page_sectors")
lang = filters.lang
mentions = view["mentions"]
left, right = st.columns(2)
with left:
    chart(charts.sectors_by_count(mentions, lang=lang), key="count", filters=filters, data=lambda: sector_counts(mentions), manifest=manifest(filters))
with right:
    data = lambda: counts_over_time(view["articles"], sector_pairs(mentions), "sector")
    chart(charts.sectors_over_time(view["articles"], mentions, lang=lang), key="time", filters=filters, data=data, manifest=manifest(filters))
chart(charts.sector_cooccurrence(mentions, lang=lang), key="cooc", filters=filters, data=lambda: sector_cooccurrence_counts(mentions), manifest=manifest(filters))
sectors = sector_counts(mentions)["sector"].tolist()
if sectors:
    sector = st.selectbox(t("choose_sector", lang), sectors, format_func=lambda k: labels.name("sector", k, lang))
    chart(charts.partners_by_sector(mentions, sector, lang=lang), key="partners", filters=filters, data=lambda: partners_in_sector(mentions, sector), manifest=manifest(filters, sector=sector))
evidence_panel(view, filters, key="sectors")
