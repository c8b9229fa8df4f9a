"""Topics: sizes, labels as written, the topic map, topics over time and per country."""

import streamlit as st

from techdiplomacy import charts
from techdiplomacy.charts_frames import topic_counts_by_country, topic_counts_over_time
from techdiplomacy.page_text import t
from techdiplomacy.ui.page import evidence_panel, manifest, start
from techdiplomacy.ui.show import chart

tables, filters, view = start("page_topics")
lang = filters.lang
topics = view["topics"]
left, right = st.columns(2)
with left:
    chart(charts.topic_sizes(topics, lang=lang), key="sizes", filters=filters, data=topics, manifest=manifest(filters))
with right:
    fig = charts.topic_map(view["article_topics"], topics, articles=view["articles"], lang=lang)
    chart(fig, key="map", filters=filters, data=view["article_topics"], manifest=manifest(filters))
over_time = topic_counts_over_time(view["articles"], view["article_topics"])
chart(charts.topics_over_time(over_time, topics=topics, lang=lang), key="time", filters=filters, data=over_time, manifest=manifest(filters))
per_country = topic_counts_by_country(view["mentions"], view["article_topics"])
chart(charts.topics_per_country(per_country, topics=topics, lang=lang), key="country", filters=filters, data=per_country, manifest=manifest(filters))
st.subheader(t("representative", lang))
for row in topics.itertuples(index=False):
    with st.container(border=True):
        st.text(f"{row.topic_id}. {row.label}")
        st.caption(" · ".join(str(row.terms).split("|")[:10]))
        st.text(row.representative or "")
evidence_panel(view, filters, key="topics")
