"""Topics: sizes, labels as written, the topic map, topics over time and per country."""

import streamlit as st

from techdiplomacy import charts, escape
from techdiplomacy.i18n.phrases import t
from techdiplomacy.ui import data
from techdiplomacy.ui.page import evidence_panel, manifest, start
from techdiplomacy.ui.show import chart, over_time_controls
from techdiplomacy.warehouse import counts as wc

MAP_POINTS = 3000

filters = start("page_topics")
lang = filters.lang
undated = data.get(wc.undated_count, filters)  # shown when a chart over time has no dated article
topics = data.get(wc.topics, filters)
left, right = st.columns(2)
with left:
    chart(charts.topic_sizes(topics, lang=lang), key="sizes", filters=filters, data=topics, manifest=manifest(filters))
with right:
    points = data.get(wc.topic_points, filters, limit=MAP_POINTS)
    chart(charts.topic_map(points, topics, lang=lang), key="map", filters=filters, data=points, manifest=manifest(filters))
    placed = int(topics["size"].sum()) if not topics.empty else 0
    if len(points) < placed:
        st.caption(t("map_sample", lang, shown=f"{len(points):,}", total=f"{placed:,}"))
freq, measure = over_time_controls(lang, key="time")
over_time = data.get(wc.topic_counts_over_time, filters, freq=freq)
if measure == "share":
    over_time = wc.with_share(over_time, data.get(wc.articles_per_period, filters, freq=freq))
fig = charts.topics_over_time(over_time, topics=topics, freq=freq, measure=measure, lang=lang, undated=undated)
chart(fig, key="time", filters=filters, data=over_time, manifest=manifest(filters))
per_country = data.get(wc.topic_counts_by_country, filters)
chart(charts.topics_per_country(per_country, topics=topics, lang=lang), key="country", filters=filters, data=per_country, manifest=manifest(filters))
st.subheader(t("representative", lang))
for row in topics.itertuples(index=False):
    with st.container(border=True):
        st.text(f"{row.topic_id}. {row.label}")
        st.caption(escape.markdown(" · ".join(str(row.terms).split("|")[:10])))
        st.text(row.representative or "")
evidence_panel(filters, key="topics")
