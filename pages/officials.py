"""Officials: who appears, in which role, for which state; who appears with whom; evidence."""

import streamlit as st

from techdiplomacy import charts, labels
from techdiplomacy.charts_frames import official_edges, official_nodes, officials_role_counts
from techdiplomacy.page_text import t
from techdiplomacy.selection import evidence
from techdiplomacy.ui.downloads import table_download
from techdiplomacy.ui.page import evidence_panel, manifest, start
from techdiplomacy.ui.show import chart

tables, filters, view = start("page_officials")
lang = filters.lang
officials = view["officials"]
left, right = st.columns(2)
with left:
    chart(charts.officials_by_role(officials, lang=lang), key="roles", filters=filters, data=lambda: officials_role_counts(officials), manifest=manifest(filters))
with right:
    chart(charts.officials_network(officials, lang=lang), key="network", filters=filters, data=lambda: official_edges(officials), manifest=manifest(filters))
people = official_nodes(officials)
st.dataframe(people, hide_index=True, width="stretch")
if not officials.empty:
    names = officials.drop_duplicates("official_id").set_index("official_id")
    person = st.selectbox(
        t("evidence", lang), names.index.tolist(),
        format_func=lambda k: f"{names.loc[k, 'name']} — {labels.name('role', names.loc[k, 'role'], lang)} ({names.loc[k, 'country']})",
    )
    rows = evidence(view, official_ids=[person])
    st.dataframe(rows, hide_index=True, width="stretch")
    table_download(rows, None, "official-evidence", filters, key="official-evidence")
evidence_panel(view, filters, key="officials")
