"""Readers: files, archives, feeds and saved web pages -> one :class:`~techdiplomacy.readers.article.Article` per article.

``article`` (the record), ``corpus`` (format dispatch, folders), ``streams`` (JSON Lines, CSV
and large JSON lists record by record), ``compression`` (.gz/.bz2/.xz/.zst, bounded),
``archives`` (Parquet, WARC/ARC), ``zips`` (zip members, counted as they
decompress), ``encodings`` (bytes -> text), ``dates`` (publication dates
in three calendars), ``webpages`` (saved HTML), ``feeds`` (RSS/Atom).
May import: ``text``, ``schema``, ``settings``.
"""
