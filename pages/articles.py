"""Articles: the list with each search hit in context (sidebar search), read one right-to-left
when Arabic or Persian, extractions in place."""

import streamlit as st

from techdiplomacy import escape
from techdiplomacy.i18n.display import article_line, word
from techdiplomacy.i18n.phrases import t
from techdiplomacy.text.highlight import KIND_COLOURS, highlight_html, spans_of
from techdiplomacy.ui import data
from techdiplomacy.ui.page import start
from techdiplomacy.ui.tables import article_list, show_rows

filters = start("page_articles")
lang = filters.lang
shown = article_list(filters, key="articles")
if not shown.empty:
    titles = dict(zip(shown["article_id"], shown["title"]))
    chosen = st.selectbox(t("read_article", lang), list(titles), format_func=lambda a: str(titles[a])[:120])
    article, extracted = data.article(chosen)
    if article is not None:
        st.caption(escape.markdown(article_line(article, lang)))
        st.html(" ".join(f'<span style="background:{c};padding:0 4px;margin-right:4px">{escape.html(word(k, lang))}</span>' for k, c in KIND_COLOURS.items()))
        rtl = article["language"] in ("ar", "fa")
        st.html(highlight_html(str(article["text"]), spans_of(chosen, extracted), rtl=rtl))
        members = data.near_duplicates_of(chosen)
        if not members.empty:
            st.subheader(t("near_duplicates", lang))
            show_rows(members[["title", "source", "published", "similarity"]], lang)
