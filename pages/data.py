"""Data: every table, filtered, with a CSV download in schema order."""

import streamlit as st

from techdiplomacy.backup import backup_zip
from techdiplomacy.page_text import t
from techdiplomacy.ui import data
from techdiplomacy.ui.downloads import table_download
from techdiplomacy.ui.page import start

tables, filters, view = start("page_data")
for name in ("articles", "mentions", "officials", "figures", "topics", "article_topics", "passage_topics", "near_duplicates"):
    frame = view[name]
    st.subheader(f"{name} ({len(frame):,})")
    st.dataframe(frame.head(5000), hide_index=True, width="stretch")
    table_download(frame, name, name, filters, key=f"table-{name}")
errors = tables["errors"]
if not errors.empty:
    st.subheader(t("errors_read", filters.lang))
    st.dataframe(errors, hide_index=True, width="stretch")
    table_download(errors, "errors", "errors", filters, key="table-errors")
st.subheader("Backup")
st.download_button(
    "⬇ Back up the whole store (zip of CSVs + manifest; restore with `techdiplomacy import`)",
    data=lambda: backup_zip(data.settings().store_path), file_name="techdiplomacy-backup.zip",
    mime="application/zip", key="backup", on_click="ignore",
)
