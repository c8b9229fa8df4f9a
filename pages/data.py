"""Data: every table."""

import streamlit as st

from techdiplomacy.ui.data import tables

st.title("Data")
for name, frame in tables().items():
    st.subheader(name)
    st.dataframe(frame, hide_index=True)
