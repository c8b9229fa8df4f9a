"""Articles + extractors -> the tidy tables.

:func:`extract_article` is a pure function of one article (so it can run in any process or on
any worker); :func:`build_tables` runs it over a corpus and returns every table in schema form.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable, Iterable
from functools import cache
from operator import itemgetter

import pandas as pd

from techdiplomacy import schema
from techdiplomacy.extract import (
    cooperation,
    figures,
    keywords,
    numbers,
    officials,
    organisations,
    outlets,
    places,
    reported,
    sectors,
    titles,
)
from techdiplomacy.readers.corpus import Article, ReadError
from techdiplomacy.settings import Settings
from techdiplomacy.text.document import Document

#: (table, extractor) pairs; each extractor maps a Document to rows of that table.
EXTRACTORS: tuple[tuple[str, Callable[[Document], list[dict]]], ...] = (
    ("mentions", places.extract),
    ("mentions", sectors.extract),
    ("mentions", organisations.extract),
    ("officials", officials.extract),
    ("figures", figures.extract),
    ("cooperation", cooperation.extract),
)
#: The tables :data:`EXTRACTORS` fill, besides ``articles``.
EXTRACTED_TABLES = ("mentions", "officials", "figures", "cooperation")

#: Bump when an extractor's output changes, so stores re-extract unchanged articles.
EXTRACTOR_VERSION = "9"  # bump when the extractors' output changes: stores re-extract


#: The Article fields that are articles columns (all of them, in order).
ARTICLE_FIELDS = tuple(f.name for f in dataclasses.fields(Article))


@cache
def keyword_pass() -> keywords.KeywordPass:
    """Return the one keyword pass over every extractor's keywords (each document is scanned
    once for all of them; see :mod:`techdiplomacy.extract.keywords`)."""
    return keywords.KeywordPass(
        {
            "places": places.patterns,
            "sectors": sectors.patterns,
            "organisations": organisations.patterns,
            "titles": titles.patterns,
            "numbers": numbers.patterns,
            "name_heads": places.name_head_patterns,
            "reporting": reported.patterns,
            "cooperation": cooperation.patterns,
        },
        word_starts=("numbers",),
    )


def article_row(article: Article) -> dict:
    """Return the ``articles`` row of one article."""
    # Field by field: dataclasses.asdict deep-copies recursively and cost a fifth of TF-IDF's time.
    row = {name: getattr(article, name) for name in ARTICLE_FIELDS}
    row["n_chars"] = len(article.text)
    return row


#: Mentions in text order: by start, end, kind and key (the key built in C, no call per row).
_MENTION_ORDER = itemgetter("start", "end", "kind", "key")


def extract_article(article: Article) -> dict[str, list[dict]]:
    """Return {table: rows} for one article: its articles row and every extracted row."""
    return _extract_phased([article])[0]


#: Articles :func:`extract_articles` takes through the extractors together, step by step.
PHASE_BATCH = 256


def extract_articles(articles: Iterable[Article]) -> list[dict[str, list[dict]]]:
    """Return :func:`extract_article` of every article, in order: the build's batch entry point.

    Articles go through in groups of :data:`PHASE_BATCH`, one step at a time over the group
    (normalise all, keyword pass over all, places for all, ...): each step's reference data
    (the keyword automaton, gazetteers, lexicons) stays in the processor's caches across the
    group instead of being pushed out by the other steps; the rows are those of one article
    at a time. The cyclic garbage collector pauses for the batch. Extraction makes almost no
    reference cycles (its garbage goes by reference counting), yet the collector's passes,
    over the reference data too, cost 3-10% of the time; whatever cycles a batch leaves are
    collected by the first pass after it.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        out: list[dict[str, list[dict]]] = []
        group: list[Article] = []
        for article in articles:
            group.append(article)
            if len(group) == PHASE_BATCH:
                out.extend(_extract_phased(group))
                group = []
        if group:
            out.extend(_extract_phased(group))
        return out
    finally:
        if paused:
            gc.enable()


def _extract_phased(articles: list[Article]) -> list[dict[str, list[dict]]]:
    """Return {table: rows} of each article, every extraction step run over all of them in turn."""
    shared = keyword_pass()
    docs = [Document(a.text, article_id=a.article_id, language=a.language, keywords=shared,
                     outlet=outlets.country(a.url, a.source)) for a in articles]
    for doc in docs:
        keywords.hits(doc, "places", places.patterns)  # the one keyword pass every extractor reads
    parts = [{"articles": [article_row(a)], **{table: [] for table in EXTRACTED_TABLES}} for a in articles]
    for table, extractor in EXTRACTORS:
        for doc, out in zip(docs, parts):
            # officials, figures and cooperation read the country, place, sector and organisation
            # mentions (and cooperation the officials) found just before them, rather than
            # asking for them again
            if table == "mentions":
                out[table].extend(extractor(doc))
            elif table == "cooperation":
                out[table].extend(extractor(doc, out["mentions"], out["officials"]))
            else:
                out[table].extend(extractor(doc, out["mentions"]))
    for article, out in zip(articles, parts):
        out["mentions"].sort(key=_MENTION_ORDER)
        for row in out["cooperation"]:
            row["published"] = article.published
    return parts


def rows_to_tables(parts: Iterable[dict[str, list[dict]]]) -> dict[str, pd.DataFrame]:
    """Return one schema frame per table from many :func:`extract_article` results."""
    collected: dict[str, list[dict]] = {"articles": [], **{table: [] for table in EXTRACTED_TABLES}}
    for part in parts:
        for table, rows in part.items():
            collected[table].extend(rows)
    return {table: schema.conform(table, rows) for table, rows in collected.items()}


def within_limits(record: Article | ReadError, *, max_chars: int = Settings.max_article_chars) -> Article | ReadError:
    """Return ``record``, or the error of an article too long to extract.

    Memory per article grows with its length (rows, evidence windows, the normalised copy), so
    one article longer than ``max_chars`` (the ``max_article_chars`` setting) is refused alone:
    the rest of the run goes on.
    """
    if isinstance(record, ReadError) or len(record.text) <= max_chars:
        return record
    return ReadError(
        record.path,
        f"article text of {len(record.text):,} characters is longer than the max_article_chars limit "
        f"({max_chars:,}): split it into smaller articles",
    )


def build_tables(
    records: Iterable[Article | ReadError], *, max_article_chars: int = Settings.max_article_chars
) -> dict[str, pd.DataFrame]:
    """Return the articles, mentions, officials, figures, cooperation and errors tables of a corpus.

    The same article read twice (same ``article_id``) is one article: the first one read wins.
    An article longer than ``max_article_chars`` is an error row (see :func:`within_limits`).
    """
    seen: set[str] = set()
    articles = []
    errors = []
    for record in records:
        record = within_limits(record, max_chars=max_article_chars)
        if isinstance(record, ReadError):
            errors.append({"path": record.path, "error": record.error})
            continue
        if record.article_id in seen:
            continue
        seen.add(record.article_id)
        articles.append(record)
    tables = rows_to_tables(extract_articles(articles))
    tables["errors"] = schema.conform("errors", errors)
    return tables
