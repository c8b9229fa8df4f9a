"""Figures: the ledger of every figure with its sentence, and comparable figures by unit."""

import streamlit as st

from techdiplomacy import charts
from techdiplomacy.page_text import t
from techdiplomacy.ui.downloads import table_download
from techdiplomacy.ui.page import evidence_panel, manifest, start
from techdiplomacy.ui.show import chart

tables, filters, view = start("page_figures")
lang = filters.lang
figures = view["figures"]
st.subheader(t("ledger", lang))
st.dataframe(figures[["value", "unit", "measure", "country", "sector", "surface", "sentence"]], hide_index=True, width="stretch")
table_download(figures, "figures", "figures", filters, key="ledger")
units = figures["unit"].dropna().value_counts().index.tolist()
if units:
    unit = st.selectbox(t("choose_unit", lang), units)
    same = figures[figures["unit"] == unit]
    chart(charts.figures_by_unit(figures, unit, lang=lang), key="by-unit", filters=filters, data=same, evidence=same, manifest=manifest(filters, unit=unit))
evidence_panel(view, filters, key="figures")
