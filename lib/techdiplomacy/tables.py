"""Articles + extractors -> the tidy tables.

:func:`extract_article` is a pure function of one article (so it can run in any process or on
any worker); :func:`build_tables` runs it over a corpus and returns every table in schema form.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable, Iterable
from operator import itemgetter

import pandas as pd

from techdiplomacy import schema
from techdiplomacy.corpus import Article, ReadError
from techdiplomacy.document import Document
from techdiplomacy.extract import figures, officials, organisations, places, sectors

#: (table, extractor) pairs; each extractor maps a Document to rows of that table.
EXTRACTORS: tuple[tuple[str, Callable[[Document], list[dict]]], ...] = (
    ("mentions", places.extract),
    ("mentions", sectors.extract),
    ("mentions", organisations.extract),
    ("officials", officials.extract),
    ("figures", figures.extract),
)

#: Bump when an extractor's output changes, so stores re-extract unchanged articles.
EXTRACTOR_VERSION = "2"  # bump when the extractors' output changes: stores re-extract


#: The Article fields that are articles columns (all of them, in order).
ARTICLE_FIELDS = tuple(f.name for f in dataclasses.fields(Article))


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
    doc = Document(article.text, article_id=article.article_id, language=article.language)
    out: dict[str, list[dict]] = {"articles": [article_row(article)], "mentions": [], "officials": [], "figures": []}
    for table, extractor in EXTRACTORS:
        # officials and figures read the country, place, sector and organisation mentions
        # found just before them, rather than asking for them again
        rows = extractor(doc, out["mentions"]) if table != "mentions" else extractor(doc)
        out[table].extend(rows)
    out["mentions"].sort(key=_MENTION_ORDER)
    return out


def extract_articles(articles: Iterable[Article]) -> list[dict[str, list[dict]]]:
    """Return :func:`extract_article` of every article, in order: the build's batch entry point.

    The cyclic garbage collector pauses for the batch. Extraction makes almost no reference
    cycles (its garbage goes by reference counting), yet the collector's passes, over the
    reference data too, cost 3-10% of the time; whatever cycles a batch leaves are collected
    by the first pass after it.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return [extract_article(a) for a in articles]
    finally:
        if paused:
            gc.enable()


def rows_to_tables(parts: Iterable[dict[str, list[dict]]]) -> dict[str, pd.DataFrame]:
    """Return one schema frame per table from many :func:`extract_article` results."""
    collected: dict[str, list[dict]] = {"articles": [], "mentions": [], "officials": [], "figures": []}
    for part in parts:
        for table, rows in part.items():
            collected[table].extend(rows)
    return {table: schema.conform(table, rows) for table, rows in collected.items()}


def build_tables(records: Iterable[Article | ReadError]) -> dict[str, pd.DataFrame]:
    """Return the articles, mentions, officials, figures and errors tables of a corpus.

    The same article read twice (same ``article_id``) is one article: the first one read wins.
    """
    seen: set[str] = set()
    articles = []
    errors = []
    for record in records:
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
