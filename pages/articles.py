"""Articles: search (sidebar), read one right-to-left when Arabic or Persian, extractions in place."""

import streamlit as st

from techdiplomacy.highlight import KIND_COLOURS, highlight_html, spans_of
from techdiplomacy.page_text import t
from techdiplomacy.ui import data
from techdiplomacy.ui.page import start

tables, filters, view = start("page_articles")
lang = filters.lang
articles = view["articles"].sort_values("published", ascending=False, na_position="last")
st.dataframe(articles[["title", "source", "published", "language", "url"]], hide_index=True, width="stretch")
if not articles.empty:
    chosen = st.selectbox(
        t("read_article", lang), articles["article_id"].tolist(),
        format_func=lambda a: str(articles.set_index("article_id").loc[a, "title"])[:120],
    )
    article = articles.set_index("article_id").loc[chosen]
    st.caption(" · ".join(str(v) for v in (article["source"], article["published"], article["url"]) if v is not None and str(v) not in ("", "NaT", "<NA>")))
    st.html(" ".join(f'<span style="background:{c};padding:0 4px;margin-right:4px">{k}</span>' for k, c in KIND_COLOURS.items()))
    rtl = article["language"] in ("ar", "fa")
    st.html(highlight_html(str(article["text"]), spans_of(chosen, view), rtl=rtl))
    everything = data.all_tables()
    groups = everything["near_duplicates"]
    group = groups.loc[groups["article_id"] == chosen, "group_id"]
    if not group.empty:
        members = groups[groups["group_id"] == group.iloc[0]].merge(everything["articles"][["article_id", "title", "source", "published"]], on="article_id")
        st.subheader(t("near_duplicates", lang))
        st.dataframe(members[["title", "source", "published", "similarity"]], hide_index=True, width="stretch")
