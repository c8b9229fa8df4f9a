"""techdiplomacy dashboard: page configuration and navigation, nothing else."""

import streamlit as st

from techdiplomacy.i18n.labels import ui_language
from techdiplomacy.i18n.phrases import t

st.set_page_config(page_title="techdiplomacy", page_icon="🌐", layout="wide")

lang = ui_language(st.query_params.get("lang"))  # navigation in the display language (URLs come from the file names)
pages = [
    st.Page("pages/overview.py", title=t("page_overview", lang), default=True),
    st.Page("pages/countries.py", title=t("page_countries", lang)),
    st.Page("pages/sectors.py", title=t("page_sectors", lang)),
    st.Page("pages/officials.py", title=t("page_officials", lang)),
    st.Page("pages/figures.py", title=t("page_figures", lang)),
    st.Page("pages/cooperation.py", title=t("page_cooperation", lang)),
    st.Page("pages/topics.py", title=t("page_topics", lang)),
    st.Page("pages/articles.py", title=t("page_articles", lang)),
    st.Page("pages/data.py", title=t("page_data", lang)),
    st.Page("pages/add.py", title=t("page_add", lang)),
]
st.navigation(pages).run()
