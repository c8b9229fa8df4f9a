"""Tables (and the Articles list) shown a page at a time, with the whole filtered table as CSV on a click."""

from __future__ import annotations

import streamlit as st

from techdiplomacy import export
from techdiplomacy.i18n.display import display_table, topic_labels
from techdiplomacy.i18n.gloss import with_glosses
from techdiplomacy.i18n.listing import cards_html
from techdiplomacy.i18n.phrases import t
from techdiplomacy.ui import data
from techdiplomacy.warehouse import counts, rows
from techdiplomacy.warehouse.filters import Filters

PAGE_ROWS = 50


def show_rows(frame, lang: str) -> None:
    """Show ``frame`` as a reader sees it (:func:`display_table`: names, dates, "—"; no ids),
    officials and figures rows with their gloss in ``lang`` beside the sentence."""
    st.dataframe(display_table(with_glosses(frame, lang), lang, topics=topic_labels(data.get(counts.topics, Filters()), lang)), hide_index=True, width="stretch")


def _page_number(total: int, page_rows: int, lang: str, key: str) -> int:
    pages = max(1, -(-total // page_rows))
    if pages == 1:
        return 1
    return int(st.number_input(t("page_number", lang), min_value=1, max_value=pages, value=1, step=1, key=f"page-{key}"))


def _csv_button(table: str, filters: Filters, view, where, total: int, key: str) -> None:
    st.download_button(
        f"⬇ {t('table_csv', filters.lang)} ({t('full_csv', filters.lang, total=f'{total:,}')})",
        data=lambda: data.table_csv(table, view, where),
        file_name=export.export_filename(key, filters, "csv"),
        mime="text/csv",
        key=f"csv-{key}",
        on_click="ignore",
    )


def article_list(filters: Filters, *, key: str, page_rows: int = 20):
    """Show one page of the filtered articles as cards (title, source and date, countries,
    topic, the search hit in context) and a CSV download of them all; return the rows shown."""
    total = data.get(rows.total, filters, "articles")
    number = _page_number(total, page_rows, filters.lang, key)
    offset = (number - 1) * page_rows
    shown = data.get(rows.article_list, filters, query=filters.query, offset=offset, limit=page_rows)
    topics = topic_labels(data.get(counts.topics, Filters()), filters.lang)
    if not shown.empty:
        st.html(cards_html(shown, filters.lang, topics=topics))
        st.caption(t("rows_shown", filters.lang, first=f"{offset + 1:,}", last=f"{offset + len(shown):,}", total=f"{total:,}"))
    _csv_button("articles", filters, filters, None, total, key)
    return shown


def paged_table(
    table: str, filters: Filters, *, key: str, columns: list[str] | None = None, where=None, page_rows: int = PAGE_ROWS,
    view=None,
):
    """Show one page of the filtered ``table`` (``columns``; stable order, a page picker) and a
    CSV download of all its filtered rows; return the rows shown. ``view`` (default: the
    filters) is what selects the articles, e.g. :func:`data.both`; ``where`` narrows the rows."""
    view = filters if view is None else view
    total = data.get(rows.total, view, table, where=where)
    number = _page_number(total, page_rows, filters.lang, key)
    offset = (number - 1) * page_rows
    shown = data.get(rows.page, view, table, columns=columns, offset=offset, limit=page_rows, where=where)
    show_rows(shown, filters.lang)
    if total:
        st.caption(t("rows_shown", filters.lang, first=f"{offset + 1:,}", last=f"{offset + len(shown):,}", total=f"{total:,}"))
    _csv_button(table, filters, view, where, total, key)
    return shown
