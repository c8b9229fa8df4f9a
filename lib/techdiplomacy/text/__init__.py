"""Text: normalisation, language id, passages and sentences with offsets, the Document, search, highlighting.

``normalisation`` (one-purpose ``str -> str`` folds with offsets back to the original),
``language`` (ar/fa/en), ``passages`` (paragraphs and sentences as spans), ``document`` (a text
prepared once for every extractor), ``search`` (normalised query terms and the same
normalisation in SQL), ``highlight`` (an article as safe HTML with its spans marked).
The bottom of the flow: may import nothing of techdiplomacy but ``schema`` and ``escape``.
"""
