"""Add articles: upload files (zip too), paste text, add a web page, follow RSS/Atom feeds."""

import pandas as pd
import streamlit as st

from techdiplomacy.i18n.labels import embed
from techdiplomacy.i18n.phrases import t
from techdiplomacy.ingest import add as ingest
from techdiplomacy.ingest import subscriptions
from techdiplomacy.ui import data
from techdiplomacy.ui.page import file_uploader, start
from techdiplomacy.ui.tables import show_rows

filters = start("page_add")
lang = filters.lang
config = data.settings()
store = config.store_path


def show(results) -> None:
    """Refresh every page's data and run the page again, so the count under the title is the
    new one; the per-item results are shown by that run (they wait in the session)."""
    data.clear()
    st.session_state[RESULTS] = pd.DataFrame([r.as_dict() for r in results], columns=["item", "status", "title", "reason", "article_id"])
    st.rerun()


RESULTS = "_td_add_results"
if RESULTS in st.session_state:  # the results of the add that just ran
    frame = st.session_state.pop(RESULTS)
    counts = frame["status"].value_counts().to_dict()
    st.success(t("add_result", lang, **{s: counts.get(s, 0) for s in ("added", "duplicate", "rejected")}))
    show_rows(frame, filters.lang)


def run(pairs) -> None:
    bar = st.progress(0.0, text=t("adding", lang))
    with data.writing_store():  # the reader connection is closed while this process writes
        results = ingest.add_records(store, pairs, settings=config, progress=lambda s, d, n: bar.progress(min(d / n, 1.0) if n else 0.0, text=t("add_progress", lang, stage=embed(s, lang), done=d, total=n or "?")))
    bar.empty()
    show(results)


upload, paste, link, feeds = st.tabs([t(k, lang) for k in ("tab_upload", "tab_paste", "tab_link", "tab_feeds")])
with upload:
    files = file_uploader(t("upload_label", lang), lang, config.max_upload_mb, accept_multiple_files=True)
    st.caption(t("upload_limits", lang, upload_mb=config.max_upload_mb, record_mb=f"{config.max_record_bytes / 1e6:g}",
                 file_mb=f"{config.max_file_bytes / 1e6:g}"))
    if files and st.button(t("add_files", lang)):
        run((f.name, record) for f in files for record in ingest.iter_upload(f.name, f.getvalue(), settings=config))
with paste:
    with st.form("paste"):
        text = st.text_area(t("article_text", lang), height=220)
        title, date = st.columns(2)
        title_value, date_value = title.text_input(t("title_optional", lang)), date.text_input(t("date_optional", lang))
        source_value, url_value = st.text_input(t("source_optional", lang)), st.text_input(t("url_optional", lang))
        if st.form_submit_button(t("add_text", lang)):
            run([("pasted text", r) for r in ingest.read_pasted(text, title=title_value, date=date_value, source=source_value, url=url_value)])
with link:
    url = st.text_input(t("page_url", lang))
    if url and st.button(t("fetch_and_add", lang)):
        with st.spinner(t("fetching", lang)):
            pairs = ingest.read_sources([url], settings=config) if ingest.is_url(url) else [(url, None)]
        if pairs and pairs[0][1] is None:
            st.error(t("only_http", lang))
        else:
            run(pairs)
with feeds:
    feed_url = st.text_input(t("feed_url", lang))
    if feed_url and st.button(t("follow_feed", lang)):
        with st.spinner(t("fetching_feed", lang)), data.writing_store():
            show(subscriptions.add_feed(store, feed_url, settings=config))
    followed = data.feeds()
    show_rows(followed, filters.lang)
    if not followed.empty and st.button(t("refresh_feeds", lang)):
        with st.spinner(t("refreshing_feeds", lang)), data.writing_store():
            show(subscriptions.refresh_feeds(store, settings=config))
if not config.fetch_allow_private:
    st.caption(t("private_refused", lang))
