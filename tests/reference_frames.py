"""The pandas reference of the dashboard's query layer: what each SQL query must return.

Filtering, near-duplicate collapsing and every aggregate written plainly over whole frames;
tests/test_warehouse.py checks the SQL (techdiplomacy.warehouse*) against it on random tables.
"""

from __future__ import annotations

import pandas as pd

from techdiplomacy import charts_frames as frames
from techdiplomacy.dedup import collapse_near_duplicates
from techdiplomacy.filters import Filters


class reference:  # noqa: N801 - reads as a function call in the tests
    """The tables under ``filters`` (near-duplicates collapsed) and their aggregates."""

    def __init__(self, tables: dict[str, pd.DataFrame], filters: Filters):
        self.view = filters.apply(collapse_near_duplicates(tables))

    def country_counts(self, exclude=("IRN",)):
        return frames.country_counts(self.view["mentions"], exclude=exclude)

    def sector_counts(self):
        return frames.sector_counts(self.view["mentions"])

    def country_sector_counts(self):
        return frames.country_sector_counts(self.view["mentions"])

    def sector_cooccurrence_counts(self):
        return frames.sector_cooccurrence_counts(self.view["mentions"])

    def partners_in_sector(self, sector):
        return frames.partners_in_sector(self.view["mentions"], sector)

    def counts_over_time(self, kind, *, freq="M", top_n=None, named=None):
        mentions = self.view["mentions"]
        if named is not None:
            mentions = mentions[(mentions["kind"] != "country") | mentions["key"].isin(list(named))]
        pairs = frames.country_pairs(mentions) if kind == "country" else frames.sector_pairs(mentions)
        return frames.counts_over_time(self.view["articles"], pairs, kind, freq=freq, top_n=top_n)

    def officials_role_counts(self):
        return frames.officials_role_counts(self.view["officials"])

    def official_nodes(self, top_n=None):
        return frames.official_nodes(self.view["officials"], top_n=top_n)

    def official_edges(self, people=None):
        return frames.official_edges(self.view["officials"], people)

    def topic_counts_over_time(self):
        return frames.topic_counts_over_time(self.view["articles"], self.view["article_topics"])

    def topic_counts_by_country(self):
        return frames.topic_counts_by_country(self.view["mentions"], self.view["article_topics"])

    def headline_counts(self):
        out = frames.headline_counts(self.view)
        assigned = self.view["article_topics"]
        out["topics"] = int(assigned.loc[assigned["rank"].eq(1).fillna(False), "topic_id"].nunique())
        return out
