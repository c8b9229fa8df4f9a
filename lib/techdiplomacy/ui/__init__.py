"""The only Streamlit glue: cached loaders, sidebar, download rows."""
