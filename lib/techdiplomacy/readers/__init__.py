"""Readers: files, archives, feeds and saved web pages -> one :class:`~techdiplomacy.readers.article.Article` per article.

``article`` (the record), ``corpus`` (format dispatch, folders, zips), ``encodings`` (bytes ->
text), ``dates`` (publication dates in three calendars), ``webpages`` (saved HTML), ``feeds``
(RSS/Atom). May import: ``text``, ``schema``, ``settings``.
"""
