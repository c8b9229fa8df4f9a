"""techdiplomacy dashboard: page configuration and navigation, nothing else."""

import streamlit as st

from techdiplomacy.i18n.labels import ui_language
from techdiplomacy.i18n.phrases import t

st.set_page_config(page_title="techdiplomacy", page_icon="🌐", layout="wide")

lang = ui_language(st.query_params.get("lang"))  # navigation in the display language; URLs stay the same
pages = [
    st.Page("pages/overview.py", title=t("page_overview", lang), url_path="overview", default=True),
    st.Page("pages/countries.py", title=t("page_countries", lang), url_path="countries"),
    st.Page("pages/sectors.py", title=t("page_sectors", lang), url_path="sectors"),
    st.Page("pages/officials.py", title=t("page_officials", lang), url_path="officials"),
    st.Page("pages/figures.py", title=t("page_figures", lang), url_path="figures"),
    st.Page("pages/topics.py", title=t("page_topics", lang), url_path="topics"),
    st.Page("pages/articles.py", title=t("page_articles", lang), url_path="articles"),
    st.Page("pages/data.py", title=t("page_data", lang), url_path="data"),
    st.Page("pages/add.py", title=t("page_add", lang), url_path="add"),
]
st.navigation(pages).run()
