"""The sidebar filters, kept in the URL query string (the URL is the source of truth)."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import streamlit as st

from techdiplomacy.charts.topics import topic_names
from techdiplomacy.i18n import labels
from techdiplomacy.i18n.display import counted
from techdiplomacy.i18n.phrases import t
from techdiplomacy.ui import data
from techdiplomacy.warehouse import counts, facets
from techdiplomacy.warehouse.filters import Filters

#: Right-to-left layout for ar/fa: the main column, the sidebar, every heading, caption, label
#: and message, right-aligned (Streamlit aligns headings left by its own rule, so each is named).
RTL_STYLE = """<style>
[data-testid="stMain"] .block-container, [data-testid="stSidebar"] {direction: rtl; text-align: right}
[data-testid="stHeading"], [data-testid="stHeading"] h1, [data-testid="stHeading"] h2, [data-testid="stHeading"] h3,
[data-testid="stCaptionContainer"], [data-testid="stMarkdownContainer"], [data-testid="stWidgetLabel"],
[data-testid="stAlertContainer"], [data-testid="stExpander"] summary, [data-testid="stMetric"] {direction: rtl; text-align: right}
[data-testid="stSidebarNav"] a {direction: rtl; text-align: right}
[role="listbox"] [role="option"] {direction: rtl; text-align: right}
[data-testid="stDateInput"] input, [data-testid="stNumberInput"] input {direction: ltr; text-align: right}
</style>"""

LANGUAGE_NAMES = {"en": "English", "ar": "العربية", "fa": "فارسی"}
#: Session key of a URL change whose browser history entry the next run makes.
_HISTORY = "_td_history"


def url_filters() -> Filters:
    """Return the filters the URL holds now."""
    return Filters.from_query(st.query_params)


def set_url(filters: Filters) -> None:
    """Write ``filters`` to the URL (only when they changed) as a new browser history entry
    (made by the next run of the page: callers rerun the script after this)."""
    before = url_filters().to_query()
    after = filters.to_query()
    if after != before:
        st.query_params.from_dict(after)
        st.session_state[_HISTORY] = (before, after)


def _pending_history() -> None:
    """Make the history entry of the last URL change, if one waits (see :func:`set_url`)."""
    pending = st.session_state.pop(_HISTORY, None)
    if pending is not None:
        _history_entry(*pending)


def _history_entry(before: dict, after: dict) -> None:
    """Keep the previous filters as their own history entry, so the back button returns to them.

    Streamlit replaces the current entry when query parameters change; a tiny script (run by
    ``st.html`` in the page itself, not an iframe) re-adds the old URL behind the new one. The URLs
    are built from validated filter values and passed as JSON strings, never as markup.
    """
    old, new = json.dumps("?" + urlencode(before, doseq=True)), json.dumps("?" + urlencode(after, doseq=True))
    st.html(
        f"<script>{{ const h = window.history, p = window.location.pathname;"
        f"h.replaceState(null, '', p + {old}); h.pushState(null, '', p + {new}); }}</script>",
        unsafe_allow_javascript=True,
    )


def back_button_support() -> None:
    """Reload the app when the user goes back or forward, so the view follows the URL."""
    st.html(
        "<script>if (!window.__tdPopstate) { window.__tdPopstate = true;"
        "window.addEventListener('popstate', () => window.location.reload()); }</script>",
        unsafe_allow_javascript=True,
    )


def sidebar() -> Filters:
    """Show the filter widgets (from the URL), write changes back to the URL; return the filters.

    Each option carries its facet count in the current view (:func:`facet_options`). A change
    is written to the URL and the script runs again at once, so the page and the counts are
    drawn for the new filters (never one change behind)."""
    options = data.options()
    current = Filters.from_query(st.query_params, known=options)
    lang = current.lang
    with st.sidebar:
        lang = st.selectbox(
            t("display_language", lang), list(labels.UI_LANGUAGES),
            index=list(labels.UI_LANGUAGES).index(lang), format_func=LANGUAGE_NAMES.get,
        )
        view = current.replace(lang=lang)
        st.header(t("filters", lang))
        names = topic_names(data.get(counts.topics, Filters()), lang)
        shown = {
            "countries": lambda k: f"{labels.name('country', k, lang)} ({k})",
            "sectors": lambda k: labels.name("sector", k, lang),
            "languages": lambda k: LANGUAGE_NAMES.get(k, k),
            "sources": str,
            "topics": lambda k: labels.strip_isolates(str(names.get(k, k))),
        }
        label = {"countries": "partner_country", "sectors": "sector", "languages": "language", "sources": "source", "topics": "topic"}
        chosen_values = {}
        for field in ("countries", "sectors", "languages", "sources", "topics"):
            if field == "languages":
                date_from, date_to = _dates(current, options, lang)
            values, formatted = facet_options(view, field, options[field], shown[field])
            chosen_values[field] = st.multiselect(
                t(label[field], lang), values, default=list(getattr(current, field)), format_func=formatted,
                select_all=False, placeholder=t("choose", lang), help=t("facet_help", lang),
            )
        query = st.text_input(t("search", lang), value=current.query)
        chosen = Filters(date_from=date_from, date_to=date_to, query=query, lang=lang, **chosen_values)
        if not chosen.is_empty() and st.button(t("clear_filters", lang)):
            chosen = Filters(lang=lang)
        st.caption(t("store_in_use", lang, path=labels.embed(str(data.settings().store_path), lang)))
    if chosen.to_query() != url_filters().to_query():
        set_url(chosen)
        st.rerun()  # draw the page, and the counts, for the new filters
    _pending_history()
    back_button_support()
    if labels.is_rtl(chosen.lang):
        st.html(RTL_STYLE)
    return chosen


def facet_options(view: Filters, field: str, options: list, name) -> tuple[list, object]:
    """Return (the options of the filter ``field`` most articles first, a function naming an
    option with its count): counts are those of :func:`techdiplomacy.warehouse.facets.facet_counts`
    in ``view`` without its own ``field`` (cached per view)."""
    found = data.get(facets.facet_counts, facets.facet_view(view, field), field)
    ranked = facets.ranked_options(list(options), found, getattr(view, field))
    return ranked, lambda k: counted(name(k), found.get(k, 0), view.lang)


def _dates(current: Filters, options: dict, lang: str):
    low, high = options["date_min"], options["date_max"]
    if low is None:
        return current.date_from, current.date_to
    start = current.date_from or low
    end = current.date_to or high
    picked = st.date_input(t("date_range", lang), value=(start, end), min_value=min(low, start), max_value=max(high, end))
    if not isinstance(picked, (tuple, list)) or len(picked) != 2:
        return current.date_from, current.date_to
    date_from = picked[0] if picked[0] != low else None
    date_to = picked[1] if picked[1] != high else None
    return date_from, date_to


def selected(filters: Filters, chart_filters: dict[str, tuple]) -> None:
    """Add a chart selection's values to the filters in the URL and rerun."""
    changes = {}
    for field, values in chart_filters.items():
        merged = tuple(dict.fromkeys(tuple(getattr(filters, field)) + tuple(values)))
        if merged != tuple(getattr(filters, field)):
            changes[field] = merged
    if changes:
        set_url(filters.replace(**changes))
        st.rerun()
