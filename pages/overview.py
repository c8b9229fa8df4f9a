"""Overview: headline counts of the corpus."""

import streamlit as st

from techdiplomacy.ui.data import tables

st.title("Iran's technology diplomacy")
data = tables()
articles, mentions = data["articles"], data["mentions"]
cols = st.columns(5)
cols[0].metric("Articles", len(articles))
cols[1].metric("Countries", mentions.loc[mentions["kind"] == "country", "key"].nunique())
cols[2].metric("Officials", data["officials"]["official_id"].nunique())
cols[3].metric("Figures", len(data["figures"]))
cols[4].metric("Topics", len(data["topics"]))
st.dataframe(articles[["title", "language", "published", "source"]], hide_index=True)
