"""Extractors: one module per kind of row, each reading a prepared :class:`~techdiplomacy.text.document.Document`.

Rows: ``places`` (countries and places), ``sectors``, ``organisations``, ``officials``,
``cooperation`` (who agreed what with whom, and how far it got),
``figures``. Their parts: ``keywords`` (the one Aho-Corasick pass every extractor reads),
``gazetteer`` (word-aware multi-pattern matching), ``lexicon`` (word lists and tokens),
``titles`` (title phrases -> role, organisation, country), ``roles`` (the role a title gives), ``outlets`` (the
home state of the outlet that published an article), ``names``, ``surnames`` and
``name_matcher`` (where a name begins and ends; later mentions), ``name_tagger`` (a
person-name CRF, the second opinion on the names of officials), ``reported`` (surnames
beside verbs of saying), ``numerals``, ``numbers`` and ``units`` (written numbers, their
scales and units), ``measures`` (what a figure measures). May import: ``text``, ``reference``, ``schema``, ``settings``.
"""
