"""Add articles: upload files (zip too), paste text, add a web page, follow RSS/Atom feeds."""

import pandas as pd
import streamlit as st

from techdiplomacy.ingest import add as ingest
from techdiplomacy.ingest import subscriptions
from techdiplomacy.ui import data
from techdiplomacy.ui.page import start
from techdiplomacy.ui.tables import show_rows

filters = start("page_add")
config = data.settings()
store = config.store_path


def show(results) -> None:
    """Show per-item results and refresh every page's data."""
    data.clear()
    frame = pd.DataFrame([r.as_dict() for r in results], columns=["item", "status", "title", "reason", "article_id"])
    counts = frame["status"].value_counts().to_dict()
    st.success(", ".join(f"{counts.get(s, 0)} {s}" for s in ("added", "duplicate", "rejected")))
    show_rows(frame, filters.lang)


def run(pairs) -> None:
    bar = st.progress(0.0, text="Adding…")
    with data.writing_store():  # the reader connection is closed while this process writes
        results = ingest.add_records(store, pairs, settings=config, progress=lambda s, d, n: bar.progress(d / max(n or 1, 1), text=f"{s}: {d}/{n}"))
    bar.empty()
    show(results)


upload, paste, link, feeds = st.tabs(["Upload files", "Paste text", "Web page", "RSS/Atom feeds"])
with upload:
    files = st.file_uploader("Articles (txt, md, json, jsonl, csv, html, xml, zip)", accept_multiple_files=True)
    if files and st.button("Add files"):
        run([(f.name, record) for f in files for record in ingest.read_upload(f.name, f.getvalue(), settings=config)])
with paste:
    with st.form("paste"):
        text = st.text_area("Article text", height=220)
        title, date = st.columns(2)
        title_value, date_value = title.text_input("Title (optional)"), date.text_input("Date (optional, e.g. 2024-08-12 or ۲۲ مرداد ۱۴۰۳)")
        source_value, url_value = st.text_input("Source (optional)"), st.text_input("URL (optional)")
        if st.form_submit_button("Add text"):
            run([("pasted text", r) for r in ingest.read_pasted(text, title=title_value, date=date_value, source=source_value, url=url_value)])
with link:
    url = st.text_input("Web page URL (http or https)")
    if url and st.button("Fetch and add"):
        with st.spinner("Fetching…"):
            pairs = ingest.read_sources([url], settings=config) if ingest.is_url(url) else [(url, None)]
        if pairs and pairs[0][1] is None:
            st.error("Only http(s) addresses can be fetched.")
        else:
            run(pairs)
with feeds:
    feed_url = st.text_input("Feed URL (RSS or Atom)")
    if feed_url and st.button("Follow feed and fetch it now"):
        with st.spinner("Fetching the feed…"), data.writing_store():
            show(subscriptions.add_feed(store, feed_url, settings=config))
    followed = data.feeds()
    show_rows(followed, filters.lang)
    if not followed.empty and st.button("Refresh feeds"):
        with st.spinner("Refreshing feeds…"), data.writing_store():
            show(subscriptions.refresh_feeds(store, settings=config))
if not config.fetch_allow_private:
    st.caption("Addresses on this machine's own network (loopback, private ranges) are refused; set TECHDIPLOMACY_ALLOW_PRIVATE=1 to allow them.")
