"""Ingest: adding articles to a store from files, uploads, pasted text, web pages and feeds.

``add`` (items -> one transaction per article, results per item), ``fetch`` (bounded http(s)
fetching), ``addresses`` (which hosts may be fetched), ``subscriptions`` (the feeds a store
follows). May import: ``readers``, ``text``, ``tables``, ``topics``, ``store``, ``schema``,
``settings``.
"""
