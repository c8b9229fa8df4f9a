"""Free-text search of the articles: query terms, the normalised text searched, the matches.

Every whitespace-separated term (or ``"quoted phrase"``) of the normalised query must occur in
the normalised title + text (:func:`techdiplomacy.text.normalisation.normalise`, whitespace runs as one space),
so ی/ي, ک/ك, hamza seats, harakat and Persian digits do not matter. The dashboard searches in
DuckDB with :func:`search_text_sql`, the same normalisation as one SQL expression.
"""

from __future__ import annotations

import re
from functools import cache

from techdiplomacy.text.normalisation import normalise, normalise_with_offsets


def query_terms(query: str) -> list[str]:
    """Return the normalised search terms of ``query``: ``"quoted phrases"`` stay whole."""
    terms = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', query or ""):
        norm = " ".join(normalise(phrase or word).split())
        norm = norm.strip('"')
        if norm:
            terms.append(norm)
    return list(dict.fromkeys(terms))


# --- the same search in SQL (the dashboard's query layer, :mod:`techdiplomacy.warehouse.query`) -------

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
    from techdiplomacy.text.normalisation import _one_to_one_table, _special_table

    table = _one_to_one_table()
    _, special = _special_table()
    deleted = [c for c, v in special.items() if v == ""]
    source = "".join(chr(k) for k in table) + "".join(deleted)
    target = "".join(table.values())
    expanding = [c for c, v in special.items() if v != ""]
    spaces = [chr(i) for i in range(0x110000) if chr(i).isspace()]
    return source, target, _regex_class(expanding), _regex_class(spaces)


def search_text_sql(title: str, text: str) -> str:
    """Return an SQL expression equal to the normalised ``title + "\\n" + text`` of the columns
    ``title`` and ``text``, whitespace runs as one space: one ``translate`` does the one-to-one folds and deletions; the rare text with a
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


# --- the hit in context (the Articles list) ------------------------------------------------


def _term_pattern(term: str) -> re.Pattern[str]:
    # a term's single spaces stand for any run of whitespace (the SQL search folds them so)
    return re.compile(r"\s+".join(re.escape(part) for part in term.split(" ")))


def hit_snippet(text: str, terms: list[str], *, width: int = 70) -> tuple[str, str, str]:
    """Return ``(before, hit, after)``: the first place in ``text`` where a query term occurs
    (matched on the normalised text, cut from the original), with about ``width`` characters of
    context each side, cut at a space and marked "…" where text was left out. With no term
    found (or none given) the hit is empty and ``after`` is the text's opening."""
    text = str(text or "")
    norm, offsets = normalise_with_offsets(text)
    found = None
    for term in terms:
        match = _term_pattern(term).search(norm)
        if match and (found is None or match.start() < found[0]):
            found = (match.start(), match.end())
    if found is None:
        opening = " ".join(text[:6 * width].split())
        cut = _cut(opening, 2 * width, tail=True)
        return "", "", cut + "…" if len(cut) < len(" ".join(text.split())) else cut
    start, end = found if offsets is None else (offsets[found[0]], offsets[found[1]])
    before, hit, after = text[max(0, start - 3 * width):start], text[start:end], text[end:end + 3 * width]
    before = _cut(" ".join(before.split()) + (" " if before[-1:].isspace() else ""), width, tail=False)
    after = _cut((" " if after[:1].isspace() else "") + " ".join(after.split()), width, tail=True)
    more_before = start - 3 * width > 0 or len(" ".join(text[:start].split())) > width
    more_after = end + 3 * width < len(text) or len(" ".join(text[end:].split())) > width
    return ("…" + before if more_before else before), " ".join(hit.split()), (after + "…" if more_after else after)


def _cut(text: str, width: int, *, tail: bool) -> str:
    """Return at most about ``width`` characters of ``text``: its start (``tail``) or its end,
    cut at a space when one is near."""
    if len(text) <= width:
        return text
    if tail:
        piece = text[:width]
        space = piece.rfind(" ")
        return piece[:space] if space > width // 2 else piece
    piece = text[-width:]
    space = piece.find(" ")
    return piece[space + 1:] if 0 <= space < width // 2 else piece
