"""The dashboard's narrow tables, derived from the store's tables and stored beside them.

Four small tables (:data:`DERIVED`) hold what every dashboard query reads, so no filter
change re-aggregates ``mentions`` or reads article text: ``td_articles`` (the kept articles:
a small integer key ``aid``, the id, the row's ``rid`` in ``articles``, date, language,
source, number of figures), ``td_pairs`` (one row per article and country or sector it
names, with the number of mentions), ``td_countries`` (every country an article is linked
to: the country filter's meaning) and ``td_dominant`` (each article's dominant topic);
:data:`SEARCH` holds each article's normalised text for search. A build stores them
(:func:`materialise`, stamped with its ``built_at``); a reader without current stored copies
derives its own in memory (:func:`derive`, :mod:`techdiplomacy.warehouse.query`).
"""

from __future__ import annotations

from techdiplomacy.text.search import register_sql, search_text_sql

#: Articles folded into another by near-duplicate grouping are never selected.
KEPT = (
    "NOT EXISTS (SELECT 1 FROM near_duplicates d "
    "WHERE d.article_id = a.article_id AND d.group_id <> d.article_id)"
)
#: The reader-side derived tables (made once per store state by :func:`derive`).
DERIVED = {
    "td_articles": (
        "SELECT row_number() OVER (ORDER BY a.article_id) AS aid, a.article_id, a.rowid AS rid, a.published, a.language, "
        "a.source, coalesce(f.n, 0) AS n_figures FROM articles a "
        "LEFT JOIN (SELECT article_id, count(*) AS n FROM figures GROUP BY article_id) f ON f.article_id = a.article_id "
        f"WHERE {KEPT}"
    ),
    "td_pairs": (
        "SELECT t.aid, p.kind, p.key, p.n_mentions FROM td_articles t JOIN ("
        "SELECT article_id, 'country' AS kind, key, count(*) AS n_mentions FROM (SELECT article_id, "
        "CASE WHEN kind = 'country' THEN key ELSE country END AS key FROM mentions WHERE kind IN ('country', 'place')) "
        "WHERE key IS NOT NULL GROUP BY article_id, key UNION ALL "
        "SELECT article_id, 'sector', key, count(*) FROM mentions WHERE kind = 'sector' AND key IS NOT NULL "
        "GROUP BY article_id, key) p ON p.article_id = t.article_id"
    ),
    "td_countries": (
        "SELECT aid, key AS country FROM td_pairs WHERE kind = 'country' UNION SELECT t.aid, c.country FROM td_articles t "
        "JOIN (SELECT article_id, country FROM officials UNION SELECT article_id, country FROM figures) c "
        "ON c.article_id = t.article_id WHERE c.country IS NOT NULL"
    ),
    "td_dominant": (
        "SELECT t.aid, d.topic_id FROM td_articles t JOIN article_topics d ON d.article_id = t.article_id WHERE d.rank = 1"
    ),
}
#: The searchable text of every article, by ``article_id``: its normalised title and text (see
#: :func:`techdiplomacy.text.search.search_text_sql`). A build stores it (normalising a million
#: texts per query took a minute; the stored text is scanned in a second or two) and an add
#: appends the new articles' rows; a reader without a stored copy reads it through a view that
#: normalises as it goes. Keyed by ``article_id``, not ``aid``, so an add need not rewrite it.
SEARCH = "td_text"
SEARCH_SQL = f"SELECT a.article_id, {search_text_sql('a.title', 'a.text')} AS text FROM articles a"
#: The ``meta`` key stamping stored :data:`DERIVED` tables with the ``built_at`` they belong to.
DERIVED_STAMP = "derived_at"


def derive(con, *, into: str = "", search: str = "view") -> None:
    """Create the :data:`DERIVED` tables (in catalog ``into``, e.g. ``memory.main.``) from the
    tables ``con`` reads by plain names, and :data:`SEARCH` as a ``view``, a ``table`` or not
    at all (``none``)."""
    for name, sql in DERIVED.items():
        con.execute(f"CREATE OR REPLACE TABLE {into}{name} AS {sql}")
    if search == "table":
        # no ORDER BY: sorting a million texts under a build's 512 MB cap ran out of memory;
        # a search scans the whole table anyway
        con.execute(f"CREATE OR REPLACE TABLE {into}{SEARCH} AS {SEARCH_SQL}")
    elif search == "view":
        con.execute(f"CREATE OR REPLACE VIEW {into}{SEARCH} AS {SEARCH_SQL}")


def materialise(con, stamp: str, *, added: list[str] | None = None) -> None:
    """Store the :data:`DERIVED` tables and the :data:`SEARCH` text in the database ``con``
    writes, stamped ``stamp`` (the build's ``built_at``): readers use them instead of deriving
    their own. ``added``: only these articles are new since the search text was stored (an
    add): the narrow tables are derived again, the search text gets their rows and those of any
    article it lacks (one a killed add committed), and loses those of removed articles."""
    register_sql(con)  # the search text calls Python's normalise for the rare presentation form
    has_search = bool(con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND table_name = ?", [SEARCH]
    ).fetchall()[0][0])
    con.execute("BEGIN")
    try:
        if added is not None and has_search:
            derive(con, search="none")
            con.execute(f"DELETE FROM {SEARCH} WHERE article_id NOT IN (SELECT article_id FROM articles) "
                        "OR article_id IN (SELECT unnest(?::VARCHAR[]))", [list(added)])
            con.execute(f"INSERT INTO {SEARCH} {SEARCH_SQL} WHERE a.article_id NOT IN (SELECT article_id FROM {SEARCH})")
        else:
            derive(con, search="table")
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [DERIVED_STAMP, stamp])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def current(store) -> bool:
    """True when ``store`` holds its :data:`DERIVED` tables and :data:`SEARCH` text stamped with
    its ``built_at`` (what readers trust); False after a write that was not followed by
    :func:`materialise` (a killed add, a removal)."""
    built = store.get_meta("built_at")
    if built is None or store.get_meta(DERIVED_STAMP) != built:
        return False
    found = store.con.execute(
        "SELECT count(DISTINCT table_name) FROM duckdb_tables() WHERE database_name = current_database() "
        "AND table_name IN (SELECT unnest(?::VARCHAR[]))", [[*DERIVED, SEARCH]]
    ).fetchall()[0][0]
    return found == len(DERIVED) + 1
