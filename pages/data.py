"""Data: every table, filtered, a page at a time, with the whole filtered table as CSV."""

import streamlit as st

from techdiplomacy.i18n.phrases import t
from techdiplomacy.ui import data
from techdiplomacy.ui.downloads import table_download
from techdiplomacy.ui.page import start
from techdiplomacy.ui.tables import paged_table, show_rows
from techdiplomacy.warehouse import counts as wc
from techdiplomacy.warehouse import rows

filters = start("page_data")
for name in ("articles", "mentions", "officials", "figures", "cooperation", "cooperation_threads", "article_topics",
             "passage_topics", "near_duplicates"):
    st.subheader(t(f"table_{name}", filters.lang))
    paged_table(name, filters, key=f"table-{name}")
st.subheader(t("table_topics", filters.lang))
topics = data.get(wc.topics, filters)
show_rows(topics, filters.lang)
table_download(topics, "topics", "topics", filters, key="table-topics")
if data.get(rows.total, filters, "errors"):
    st.subheader(t("errors_read", filters.lang))
    paged_table("errors", filters, key="table-errors")
st.subheader(t("backup", filters.lang))
st.download_button(
    t("backup_button", filters.lang),
    data=lambda: data.backup(data.settings().store_path), file_name="techdiplomacy-backup.zip",
    mime="application/zip", key="backup", on_click="ignore",
)
