"""Display language: names and UI phrases in English, Arabic and Persian, and bidi isolation.

``labels`` (display names of countries, sectors, roles… from the reference data; number and
date formatting; right-to-left isolation of display strings), ``phrases`` (the pages' titles,
widget labels and captions), ``gloss`` (one plain sentence per cooperation row in the reader's
language), ``display`` (tables as a reader sees them: names for keys, dates as dates, "—" for
missing values, headers in the display language, no ids), ``listing`` (the Articles list: one
safe HTML card per article with its search hit in context). May import: ``reference``.
"""
