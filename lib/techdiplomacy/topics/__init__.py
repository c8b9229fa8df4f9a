"""Topics: how texts group, as TF-IDF topics and as near-duplicate stories.

``features`` (content words, light stems, language-free concept tokens), ``model`` (the
scikit-learn pipeline: fit, assign, topics over time and per country), ``space`` (how many
topics, the 2-D map), ``tables`` (the topic tables from scores), ``phrases`` (labels of
phrases, not names split), ``duplicates`` (MinHash/LSH
near-duplicate groups). Works on frames in memory. May import: ``text``, ``schema``.
"""
