"""What every page does first: data, sidebar filters, title and the sentence describing them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from techdiplomacy import export, labels
from techdiplomacy.filters import Filters
from techdiplomacy.page_text import t
from techdiplomacy.selection import evidence
from techdiplomacy.ui import data
from techdiplomacy.ui.downloads import table_download
from techdiplomacy.ui.sidebar import sidebar


def start(title_key: str) -> tuple[dict[str, pd.DataFrame], Filters, dict[str, pd.DataFrame]]:
    """Return (all tables, filters, filtered tables) after showing sidebar, title and caption."""
    tables = data.tables()
    filters = sidebar(tables)
    view = data.filtered(filters)
    st.title(t(title_key, filters.lang))
    st.caption(labels.strip_isolates(filters.describe(len(view["articles"]))))
    if tables["articles"].empty:
        st.info(t("no_articles", filters.lang))
    return tables, filters, view


def manifest(filters: Filters, **extra) -> dict:
    """Return the manifest of an evidence bundle under ``filters``."""
    return export.bundle_manifest(filters, corpus_version=data.corpus_version(), **extra)


def evidence_panel(view: dict[str, pd.DataFrame], filters: Filters, *, key: str) -> pd.DataFrame:
    """Show the evidence sentences behind the current selection; return them."""
    rows = evidence(view, countries=filters.countries, sectors=filters.sectors, topics=filters.topics)
    with st.expander(f"{t('evidence', filters.lang)} ({len(rows)})", expanded=bool(len(rows))):
        if rows.empty:
            st.caption(t("evidence_hint", filters.lang))
        else:
            st.dataframe(rows, hide_index=True, width="stretch")
            table_download(rows, None, f"evidence-{key}", filters, key=f"evidence-{key}")
    return rows
