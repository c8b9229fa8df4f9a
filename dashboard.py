"""techdiplomacy dashboard: page configuration and navigation, nothing else."""

import streamlit as st

st.set_page_config(page_title="techdiplomacy", page_icon="🌐", layout="wide")

pages = [
    st.Page("pages/overview.py", title="Overview", default=True),
    st.Page("pages/countries.py", title="Countries"),
    st.Page("pages/sectors.py", title="Sectors"),
    st.Page("pages/officials.py", title="Officials"),
    st.Page("pages/figures.py", title="Figures"),
    st.Page("pages/cooperation.py", title="Cooperation"),
    st.Page("pages/topics.py", title="Topics"),
    st.Page("pages/articles.py", title="Articles"),
    st.Page("pages/data.py", title="Data"),
    st.Page("pages/add.py", title="Add articles"),
]
st.navigation(pages).run()
