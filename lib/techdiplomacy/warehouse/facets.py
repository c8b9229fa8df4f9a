"""Facet counts: how many articles of the view each filter option holds (datasette's facets).

Values within one filter are alternatives (OR), so an option's count is taken with that
filter's own values left out: the count of *Armenia* is the number of articles matching every
*other* filter that Armenia would select, whether or not a country is chosen already. Choosing
it adds exactly those articles (less the ones already shown). Each count is one DuckDB
``GROUP BY`` over the narrow derived tables (:mod:`techdiplomacy.store.dashboard`), with the
meaning of the filter itself (:mod:`techdiplomacy.warehouse.filters`): countries as linked
by :data:`td_countries`, sectors by mention, topics by dominant topic, near-duplicates once.
"""

from __future__ import annotations

from techdiplomacy.warehouse.query import Query, with_selection

#: For each multi-valued filter field: the (aid, value) rows it selects on.
FACETS = {
    "countries": "SELECT aid, country AS value FROM td_countries",
    "sectors": "SELECT aid, key AS value FROM td_pairs WHERE kind = 'sector'",
    "languages": "SELECT aid, language AS value FROM td_articles",
    "sources": "SELECT aid, source AS value FROM td_articles",
    "topics": "SELECT aid, topic_id AS value FROM td_dominant",
}


def facet_view(filters, field: str):
    """Return the filters an option count of ``field`` is taken under: ``filters`` without
    the values of ``field`` itself (so every option of one filter is counted alike)."""
    if field not in FACETS:
        raise KeyError(field)
    return filters.replace(**{field: ()})


def facet_counts(con, selected: Query, field: str) -> dict:
    """Return {value: number of selected articles having it} for the filter ``field``
    (countries, sectors, languages, sources, topics); values with no article, and blank ones,
    are left out.
    Run it over the selection of :func:`facet_view`; keys are str, topics int."""
    if field not in FACETS:
        raise KeyError(field)
    body = (
        f"SELECT value, count(DISTINCT aid) AS n FROM ({FACETS[field]}) WHERE aid IN (SELECT aid FROM sel) "
        # blank values (an official of no known country) are no option: no filter selects them
        "AND value IS NOT NULL AND CAST(value AS VARCHAR) <> '' GROUP BY value"
    )
    rows = con.execute(*with_selection(selected, body)).fetchall()
    cast = int if field == "topics" else str
    return {cast(value): int(n) for value, n in rows}


def ranked_options(options: list, counts: dict, chosen=()) -> list:
    """Return ``options`` most articles first (ties: their order in ``options``), those with
    none last; options in ``chosen`` are always kept, whatever their count."""
    position = {value: i for i, value in enumerate(options)}
    kept = list(dict.fromkeys([*options, *[c for c in chosen if c not in position]]))
    return sorted(kept, key=lambda v: (-counts.get(v, 0), position.get(v, len(position))))
