"""Cooperation: with whom, in which fields, and how far it got — threads per partner and stage,
their timeline, the newest signings and implementations with a gloss beside the evidence, and
the bilateral view of one partner."""

import streamlit as st

from techdiplomacy import charts
from techdiplomacy.i18n.phrases import t
from techdiplomacy.ui import data
from techdiplomacy.ui.bilateral import bilateral_view
from techdiplomacy.ui.downloads import table_download
from techdiplomacy.ui.page import evidence_panel, manifest, start
from techdiplomacy.ui.show import chart
from techdiplomacy.warehouse import cooperation as wco
from techdiplomacy.warehouse import partners as wp

filters = start("page_cooperation")
lang = filters.lang
keys = {"partners": filters.countries, "sectors": filters.sectors, "window_days": data.settings().thread_window_days}
threads = data.get(wco.threads, filters, **keys)
marks = data.get(wco.marks, filters, **keys)
pipeline = wco.pipeline(threads)
chart(charts.cooperation_pipeline(pipeline, lang=lang), key="pipeline", filters=filters, data=pipeline, evidence=marks, manifest=manifest(filters))
undated = int(threads["first_published"].isna().sum())
if undated:
    st.caption(t("undated_threads", lang, n=f"{undated:,}", total=f"{len(threads):,}"))
picked = chart(charts.cooperation_timeline(threads, marks, lang=lang), key="timeline", filters=filters, data=threads,
               evidence=marks, manifest=manifest(filters), pick=True)
if not threads.empty:  # a click on a mark of the timeline shows its thread's evidence here
    names = dict(zip(threads["thread_id"], wco.thread_table(threads, lang)[["partners", "sectors", "stage"]].agg(" · ".join, axis=1)))
    clicked = wco.picked_thread(picked, threads)
    thread = st.selectbox(t("thread_evidence", lang), list(names), format_func=names.get,
                          index=list(names).index(clicked) if clicked else 0)
    if not clicked:
        st.caption(t("thread_click_hint", lang))
    shown = wco.thread_rows(marks, thread, lang)
    st.dataframe(wco.readable(shown, lang), hide_index=True, width="stretch")
    table_download(wco.plain(shown), None, "cooperation-thread-evidence", filters, key="thread-evidence")

st.subheader(t("milestones", lang))
cooperation = data.get(wco.rows, filters, partners=keys["partners"], sectors=keys["sectors"])
newest = wco.milestones(cooperation, lang)
if newest.empty:
    st.caption(t("no_milestones", lang))
else:
    st.dataframe(wco.readable(newest, lang), hide_index=True, width="stretch")
table_download(wco.plain(newest), None, "cooperation-milestones", filters, key="milestones")

st.subheader(t("thread_list", lang))
st.dataframe(wco.readable(wco.thread_table(threads, lang), lang), hide_index=True, width="stretch")
table_download(threads, "cooperation_threads", "cooperation-threads", filters, key="threads",
               label=t("table_cooperation_threads", lang))
table_download(cooperation, "cooperation", "cooperation", filters, key="cooperation", label=t("table_cooperation", lang))
evidence_panel(filters, key="cooperation")
bilateral_view(filters, data.get(wp.partner_counts, filters), key="cooperation")
