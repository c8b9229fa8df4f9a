"""What every page does first: sidebar filters, title and the sentence describing them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from techdiplomacy import escape, export
from techdiplomacy.i18n import labels
from techdiplomacy.i18n.display import topic_labels
from techdiplomacy.i18n.phrases import t
from techdiplomacy.ui import data
from techdiplomacy.ui.downloads import table_download
from techdiplomacy.ui.sidebar import sidebar, url_filters
from techdiplomacy.ui.tables import show_rows
from techdiplomacy.warehouse import counts
from techdiplomacy.warehouse.filters import Filters

#: Evidence rows shown in a panel (all of them are in its CSV).
EVIDENCE_ROWS = 200


def start(title_key: str) -> Filters:
    """Return the filters after showing sidebar, title and caption; stop the page with a
    message while another program is writing the store."""
    try:
        filters = sidebar()
        count = data.count(filters)
        corpus = count if filters.is_empty() else data.count(Filters())
    except data.StoreBusy:
        st.info(t("store_busy", url_filters().lang))
        st.stop()
    except data.StoreDamaged as exc:  # named as damage, with what to do: never "being built"
        st.error(t("store_damaged", url_filters().lang, path=escape.markdown(str(data.settings().store_path))))
        st.caption(escape.markdown(str(exc)))  # DuckDB's words and the commands that repair it
        st.stop()
    st.title(t(title_key, filters.lang))
    topics = topic_labels(data.get(counts.topics, Filters()), filters.lang)
    st.caption(escape.markdown(labels.strip_isolates(filters.describe(count, names={"topic": topics}))))  # q, sources: untrusted
    if corpus == 0:
        st.info(t("no_articles", filters.lang))
    return filters


def manifest(filters: Filters, **extra) -> dict:
    """Return the manifest of an evidence bundle under ``filters``."""
    return export.bundle_manifest(filters, corpus_version=data.corpus_version(), **extra)


def evidence_panel(filters: Filters, *, key: str) -> pd.DataFrame:
    """Show the evidence sentences behind the current selection (the first
    :data:`EVIDENCE_ROWS`; the CSV has them all); return the rows shown."""
    shown = data.evidence(filters, limit=EVIDENCE_ROWS)
    more = "+" if len(shown) >= EVIDENCE_ROWS else ""
    # with no country, sector or topic chosen there is nothing to show evidence for: no "(0)"
    chosen = filters.countries or filters.sectors or filters.topics
    count = f" ({len(shown):,}{more})" if chosen or not shown.empty else ""
    with st.expander(f"{t('evidence', filters.lang)}{count}", expanded=not shown.empty):
        if shown.empty:
            st.caption(t("evidence_hint", filters.lang))
        else:
            show_rows(shown, filters.lang)
            table_download(lambda: data.evidence(filters, limit=None), None, f"evidence-{key}", filters, key=f"evidence-{key}")
    return shown


def uploader_style(lang: str, upload_mb) -> str:
    """Return the ``<style>`` that puts Streamlit's own uploader words in the display language.

    Streamlit 1.67 offers no parameter for them (streamlit/streamlit#13500 asks for one): its
    button says "Upload", its hint "200MB per file", and "Drag and drop files here" shows while
    files are dragged over. Each is hidden (font size 0) and our phrase shown in its place.
    """
    zone = '[data-testid="stFileUploaderDropzone"]'
    swaps = (
        (f"{zone} button [data-testid=\"stMarkdownContainer\"] p", t("upload_button", lang)),
        ('[data-testid="stFileUploaderDropzoneInstructions"] span', t("upload_hint", lang, upload_mb=upload_mb)),
        # the text shown while dragging sits in the zone's only child without a test id
        (f"{zone} > div:not([data-testid]) div", t("upload_dragging", lang)),
    )
    rules = "".join(
        f"{where} {{font-size: 0}} {where}::after {{content: {escape.css_string(phrase)}; font-size: 0.875rem}}"
        for where, phrase in swaps
    )
    return f"<style>{rules}</style>"


def file_uploader(label: str, lang: str, upload_mb, **kwargs):
    """Return ``st.file_uploader(label, **kwargs)`` with every word of it in ``lang``."""
    st.html(uploader_style(lang, upload_mb))
    return st.file_uploader(label, **kwargs)
