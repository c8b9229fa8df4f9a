"""Free-text search of the articles: query terms, the normalised text searched, the matches.

Every whitespace-separated term (or ``"quoted phrase"``) of the normalised query must occur in
the normalised title + text (:func:`techdiplomacy.text.normalise`), so ی/ي, ک/ك, hamza seats,
harakat and Persian digits do not matter. :class:`techdiplomacy.filters.Filters` uses this for
its ``query`` filter.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from techdiplomacy.text import normalise


def query_terms(query: str) -> list[str]:
    """Return the normalised search terms of ``query``: ``"quoted phrases"`` stay whole."""
    terms = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', query or ""):
        norm = " ".join(normalise(phrase or word).split())
        norm = norm.strip('"')
        if norm:
            terms.append(norm)
    return list(dict.fromkeys(terms))


def search_text(articles: pd.DataFrame) -> pd.Series:
    """Return the normalised ``title + text`` of each article (index: ``article_id``).

    :meth:`Filters.apply` computes this when it needs it; pass it in (cached by the UI) to
    search a large corpus repeatedly without normalising it each time.
    """
    if articles.empty:
        return pd.Series([], dtype="string", index=pd.Index([], name="article_id"))
    combined = articles["title"].fillna("") + "\n" + articles["text"].fillna("")
    norm = combined.map(lambda t: " ".join(normalise(t).split()), na_action="ignore")
    return pd.Series(norm.to_numpy(), index=pd.Index(articles["article_id"], name="article_id"), dtype="string")


def matching_ids(articles: pd.DataFrame, terms: list[str], search: pd.Series | None = None) -> pd.Index:
    """Return the ids of ``articles`` whose search text contains every one of ``terms``.

    ``search`` is :func:`search_text` of (at least) these articles, if already computed.
    """
    if search is None:
        text = search_text(articles)
    else:
        text = search.reindex(pd.Index(articles["article_id"]))
    found = np.ones(len(text), dtype=bool)
    for term in terms:
        found &= text.str.contains(term, regex=False).fillna(False).to_numpy(dtype=bool)
    return text.index[found]


def as_list(ids) -> list:
    """Return ``ids`` (a Series, Index, array or iterable) as a list of Python values."""
    if isinstance(ids, (pd.Series, pd.Index)):
        ids = ids.array
    if hasattr(ids, "tolist"):
        return ids.tolist()
    return list(ids)


def isin(column: pd.Series, values) -> pd.Series:
    """Return ``column.isin(values)`` as a boolean Series, NA as False.

    Arrow-backed strings go through ``pyarrow.compute.is_in``: pandas' own ``isin`` on them
    builds one Arrow scalar per value in Python, about 8 times slower for 50k article ids.
    """
    values = [v for v in as_list(values) if v is not None and v is not pd.NA]
    array = column.array
    if isinstance(column.dtype, pd.StringDtype) and column.dtype.storage == "pyarrow":
        arrow = pa.array(array)
        found = pc.is_in(arrow, value_set=pa.array([str(v) for v in values], type=arrow.type))
        return pd.Series(np.asarray(found.fill_null(False), dtype=bool), index=column.index)
    return column.isin(values).fillna(False).astype(bool)


# --- the same search in SQL (the dashboard's query layer, :mod:`techdiplomacy.warehouse`) -------

#: Name of the SQL function :func:`register_sql` adds: Python's ``normalise`` for the rare
#: texts holding presentation forms (one letter that expands to several).
SQL_NORMALISE = "td_normalise"


def _regex_class(chars) -> str:
    return "[" + "".join(f"\\x{{{ord(c):x}}}" for c in sorted(chars)) + "]"


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@cache
def _sql_tables() -> tuple[str, str, str, str]:
    """(translate from, translate to, expanding characters class, whitespace class) for SQL."""
    from techdiplomacy.text import _one_to_one_table, _special_table

    table = _one_to_one_table()
    _, special = _special_table()
    deleted = [c for c, v in special.items() if v == ""]
    source = "".join(chr(k) for k in table) + "".join(deleted)
    target = "".join(table.values())
    expanding = [c for c, v in special.items() if v != ""]
    spaces = [chr(i) for i in range(0x110000) if chr(i).isspace()]
    return source, target, _regex_class(expanding), _regex_class(spaces)


def search_text_sql(title: str, text: str) -> str:
    """Return an SQL expression equal to :func:`search_text` of the columns ``title`` and
    ``text``: one ``translate`` does the one-to-one folds and deletions; the rare text with a
    presentation form goes through Python's ``normalise`` (:func:`register_sql`)."""
    source, target, expanding, spaces = _sql_tables()
    combined = f"(coalesce({title}, '') || chr(10) || coalesce({text}, ''))"
    folded = (
        f"CASE WHEN regexp_matches({combined}, {_sql_literal(expanding)}) THEN {SQL_NORMALISE}({combined}) "
        f"ELSE translate({combined}, {_sql_literal(source)}, {_sql_literal(target)}) END"
    )
    return f"trim(regexp_replace({folded}, {_sql_literal(spaces + '+')}, ' ', 'g'))"


def register_sql(con) -> None:
    """Add :data:`SQL_NORMALISE` to a DuckDB connection (idempotent per connection)."""
    try:
        con.create_function(SQL_NORMALISE, normalise, ["VARCHAR"], "VARCHAR", null_handling="default")
    except Exception as exc:  # duckdb raises NotImplementedException when it exists already
        if "already" not in str(exc).lower() and "exists" not in str(exc).lower():
            raise
