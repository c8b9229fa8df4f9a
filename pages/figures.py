"""Figures: the ledger of every figure with its sentence, and comparable figures by unit."""

import streamlit as st

from techdiplomacy import charts
from techdiplomacy.i18n.display import unit_name
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
    left, right = st.columns(2)
    unit = left.selectbox(t("choose_unit", lang), units, format_func=lambda u: unit_name(u, lang))
    measures = dict(data.get(rows.measures, filters, unit))  # values compare only within one unit and measure
    measure = right.selectbox(t("choose_measure", lang), list(measures),
                              format_func=lambda m: f"{m or t('no_measure', lang)} ({measures[m]:,})")
    same = data.get(rows.figures_in_unit, filters, unit, measure=measure)
    fig = charts.figures_by_unit(same, unit, measure=measure, lang=lang)
    chart(fig, key="by-unit", filters=filters, data=same, evidence=same, manifest=manifest(filters, unit=unit, measure=measure))
evidence_panel(filters, key="figures")
