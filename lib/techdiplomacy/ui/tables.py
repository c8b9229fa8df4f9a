"""Tables shown a page at a time, with the whole filtered table as CSV on a click."""

from __future__ import annotations

import streamlit as st

from techdiplomacy import export
from techdiplomacy.i18n.display import display_table, topic_labels
from techdiplomacy.i18n.gloss import with_glosses
from techdiplomacy.i18n.phrases import t
from techdiplomacy.ui import data
from techdiplomacy.warehouse import counts, rows
from techdiplomacy.warehouse.filters import Filters

PAGE_ROWS = 50


def show_rows(frame, lang: str) -> None:
    """Show ``frame`` as a reader sees it (:func:`display_table`: names, dates, "—"; no ids),
    officials and figures rows with their gloss in ``lang`` beside the sentence."""
    st.dataframe(display_table(with_glosses(frame, lang), lang, topics=topic_labels(data.get(counts.topics, Filters()), lang)), hide_index=True, width="stretch")


def paged_table(
    table: str, filters: Filters, *, key: str, columns: list[str] | None = None, where=None, page_rows: int = PAGE_ROWS,
    view=None,
):
    """Show one page of the filtered ``table`` (``columns``; stable order, a page picker) and a
    CSV download of all its filtered rows; return the rows shown. ``view`` (default: the
    filters) is what selects the articles, e.g. :func:`data.both`; ``where`` narrows the rows."""
    view = filters if view is None else view
    total = data.get(rows.total, view, table, where=where)
    pages = max(1, -(-total // page_rows))
    number = 1
    if pages > 1:
        number = int(st.number_input(t("page_number", filters.lang), min_value=1, max_value=pages, value=1, step=1, key=f"page-{key}"))
    offset = (number - 1) * page_rows
    shown = data.get(rows.page, view, table, columns=columns, offset=offset, limit=page_rows, where=where)
    show_rows(shown, filters.lang)
    if total:
        st.caption(t("rows_shown", filters.lang, first=f"{offset + 1:,}", last=f"{offset + len(shown):,}", total=f"{total:,}"))
    st.download_button(
        f"⬇ {t('table_csv', filters.lang)} ({t('full_csv', filters.lang, total=f'{total:,}')})",
        data=lambda: data.table_csv(table, view, where),
        file_name=export.export_filename(key, filters, "csv"),
        mime="text/csv",
        key=f"csv-{key}",
        on_click="ignore",
    )
    return shown
