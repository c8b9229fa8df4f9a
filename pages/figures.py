"""Figures: the ledger of every figure with its sentence, and comparable figures by unit."""

import streamlit as st

from techdiplomacy import charts
from techdiplomacy.i18n.phrases import t
from techdiplomacy.ui import data
from techdiplomacy.ui.page import evidence_panel, manifest, start
from techdiplomacy.ui.show import chart
from techdiplomacy.ui.tables import paged_table
from techdiplomacy.warehouse import rows

filters = start("page_figures")
lang = filters.lang
st.subheader(t("ledger", lang))
paged_table("figures", filters, key="figures", columns=["value", "unit", "measure", "country", "sector", "surface", "sentence"])
units = data.get(rows.units, filters)
if units:
    unit = st.selectbox(t("choose_unit", lang), units)
    same = data.get(rows.figures_in_unit, filters, unit)
    chart(charts.figures_by_unit(same, unit, lang=lang), key="by-unit", filters=filters, data=same, evidence=same, manifest=manifest(filters, unit=unit))
evidence_panel(filters, key="figures")
