"""The warehouse: the dashboard's filters and queries, run in DuckDB over the store.

``filters`` (the frozen :class:`~techdiplomacy.warehouse.filters.Filters`, kept in the URL),
``query`` (filters as parameterised SQL; reader connections), ``facets`` (each filter option's count
in the view), ``counts`` (the small frames
charts plot), ``rows`` (a page of rows, streamed CSVs, evidence, one article), ``selection``
(a chart selection -> filters), ``cooperation`` (the Cooperation page's threads, stages and milestones), ``partners`` (the bilateral view: partners and their fields from cooperation rows). May import: ``store``, ``text``, ``i18n``, ``schema``,
``export``, ``reference``; never ``charts`` or ``ui``.
"""
