"""techdiplomacy dashboard: page configuration and navigation, nothing else."""

import streamlit as st

st.set_page_config(page_title="techdiplomacy", page_icon="🌐", layout="wide")

pages = [
    st.Page("pages/overview.py", title="Overview", default=True),
    st.Page("pages/data.py", title="Data"),
]
st.navigation(pages).run()
