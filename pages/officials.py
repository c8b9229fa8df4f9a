"""Officials: who appears, in which role, for which state; who appears with whom; evidence."""

import streamlit as st

from techdiplomacy import charts
from techdiplomacy.i18n.display import person_label
from techdiplomacy.i18n.gloss import official_gloss
from techdiplomacy.i18n.phrases import t
from techdiplomacy.ui import data
from techdiplomacy.ui.downloads import table_download
from techdiplomacy.ui.page import evidence_panel, manifest, start
from techdiplomacy.ui.show import chart
from techdiplomacy.ui.tables import show_rows
from techdiplomacy.warehouse import counts as wc
from techdiplomacy.warehouse import rows

PAGE_ROWS = 50

filters = start("page_officials")
lang = filters.lang
roles = data.get(wc.officials_role_counts, filters)
nodes = data.get(wc.official_nodes, filters, top_n=60)  # the most named; the chart keeps the 20 most connected
edges = data.get(wc.official_edges, filters, tuple(nodes["official"]))
chart(charts.officials_by_role(roles, lang=lang), key="roles", filters=filters, data=roles, manifest=manifest(filters))
chart(charts.officials_network(nodes, edges, top_n=20, lang=lang), key="network", filters=filters, data=lambda: data.fresh(wc.official_edges, filters), manifest=manifest(filters))

st.subheader(t("people", lang))
total = data.get(wc.official_count, filters)
pages = max(1, -(-total // PAGE_ROWS))
number = int(st.number_input(t("page_number", lang), min_value=1, max_value=pages, value=1, key="people-page")) if pages > 1 else 1
people = data.get(wc.official_nodes, filters, top_n=PAGE_ROWS, offset=(number - 1) * PAGE_ROWS)
show_rows(people, lang)
if total:
    st.caption(t("rows_shown", lang, first=f"{(number - 1) * PAGE_ROWS + 1:,}", last=f"{(number - 1) * PAGE_ROWS + len(people):,}", total=f"{total:,}"))
table_download(lambda: data.fresh(wc.official_nodes, filters), None, "officials-people", filters, key="people")
if not people.empty:
    person = st.selectbox(
        t("evidence", lang), people["official"].tolist(),
        format_func=lambda k: person_label(people.set_index("official").loc[k], lang),
    )
    chosen = people.set_index("official").loc[person]
    st.caption(official_gloss({**chosen.to_dict(), "official_id": person}, lang))  # who the evidence is about, in plain words
    shown = data.get(rows.evidence, filters, official_ids=(person,))
    show_rows(shown, lang)
    table_download(lambda: data.fresh(rows.evidence, filters, official_ids=(person,), limit=None), None, "official-evidence", filters, key="official-evidence")
evidence_panel(filters, key="officials")
