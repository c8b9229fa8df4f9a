"""The store: one DuckDB file holding every table, built incrementally, with its derived tables.

``database`` (the :class:`~techdiplomacy.store.database.Store`: transactions, reads), ``lock``
(the writer lock every writer holds, and the readers' share of it),
``builder`` (``build``: corpus -> store in batches on an executor), ``derived`` (topics and
near-duplicate groups of the stored corpus), ``streamed_topics`` and ``streamed_duplicates``
(the same for stores too large for memory), ``dashboard`` (the narrow tables the dashboard
reads, stored beside the data), ``threads`` (cooperation rows followed across articles),
``parquet`` (the tables as partitioned Parquet), ``backup``
(export and exact restore, topic model and metadata included), ``pickles`` (stored models read
back from a backup only through an allowlist), ``integrity`` (empty, truncated and corrupt
store files found as such), ``failures`` (a failure as the one line the command line
prints). May import: ``readers``, ``text``, ``tables``, ``executors``,
``topics``, ``schema``, ``settings``, ``export``.
"""
