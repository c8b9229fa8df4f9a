"""The only Streamlit glue: cached loaders, sidebar, page frame, charts with downloads, paged tables.

``data`` (cached read-only store connections), ``sidebar`` (filters in the URL), ``page``
(what every page does first), ``show`` (a chart with selection, evidence and downloads),
``downloads``, ``tables``, ``bilateral`` (the bilateral view of one partner). May import anything in the library; only pages import it.
"""
