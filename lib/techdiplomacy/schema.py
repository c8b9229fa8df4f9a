"""Every table's columns and dtypes, declared once.

Producers return exactly these columns in this order, even when empty (:func:`empty` and
:func:`conform`). The store, the CSV exports and the JSON output all follow this order.
"""

from __future__ import annotations

import pandas as pd

STRING = "string"
INT = "Int64"
FLOAT = "Float64"
DATE = "datetime64[ns]"

#: The version of the tables' shape; the store records it and migrates or rebuilds on change.
SCHEMA_VERSION = 1

TABLES: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": STRING,
        "title": STRING,
        "text": STRING,
        "language": STRING,
        "published": DATE,
        "source": STRING,
        "url": STRING,
        "path": STRING,
        "n_chars": INT,
    },
    "mentions": {
        "article_id": STRING,
        "kind": STRING,  # country | place | sector | organisation
        "key": STRING,  # ISO3 for countries, sector id for sectors, place/organisation id
        "label": STRING,  # English label of the key
        "country": STRING,  # ISO3 the mention belongs to (a place's country)
        "surface": STRING,  # exactly text[start:end]
        "start": INT,
        "end": INT,
        "sentence": STRING,
    },
    "officials": {
        "article_id": STRING,
        "official_id": STRING,
        "name": STRING,
        "title": STRING,
        "role": STRING,
        "organisation": STRING,
        "country": STRING,
        "surface": STRING,
        "start": INT,
        "end": INT,
        "sentence": STRING,
    },
    "figures": {
        "article_id": STRING,
        "value": FLOAT,
        "unit": STRING,
        "measure": STRING,
        "country": STRING,
        "sector": STRING,
        "surface": STRING,
        "start": INT,
        "end": INT,
        "sentence": STRING,
    },
    # Cooperation (issue 17): one row per article, partner set, stage and instrument.
    "cooperation": {
        "article_id": STRING,
        "partners": STRING,  # ISO3 of every state party other than Iran, "|"-separated
        "sectors": STRING,  # sector ids, "|"-separated
        "stage": STRING,  # discussed | proposed | agreed | signed | implemented | stalled
        "instrument": STRING,  # mou | agreement | contract | joint_committee | none
        "iranian_officials": STRING,  # names as written, "|"-separated
        "partner_officials": STRING,
        "published": DATE,  # the article's date
        "surface": STRING,  # the stage cue, exactly text[start:end]
        "start": INT,
        "end": INT,
        "sentence": STRING,  # the evidence: the sentence that states the stage
    },
    # Cooperation threads (issue 17): derived from cooperation by store/threads.py.
    "cooperation_threads": {
        "thread_id": STRING,  # its first row's article_id:start
        "partners": STRING,
        "sectors": STRING,
        "instrument": STRING,
        "stage": STRING,  # the latest row's stage
        "stages": STRING,  # the stages it went through, in date order, "|"-separated
        "first_published": DATE,
        "latest_published": DATE,
        "n_articles": INT,
        "article_ids": STRING,  # "|"-separated, in date order
        "article_id": STRING,  # the latest row's evidence
        "start": INT,
        "end": INT,
        "sentence": STRING,
    },
    # Topic tables: owned by topics.py (issue 4); adjust there and here together.
    "topics": {
        "topic_id": INT,
        "label": STRING,
        "terms": STRING,  # top terms as written in the original script, "|"-separated
        "size": INT,  # articles whose dominant topic this is
        "n_passages": INT,
        "sectors": STRING,  # dominant sector ids, "|"-separated
        "countries": STRING,  # dominant ISO3 codes, "|"-separated
        "representative_article_id": STRING,
        "representative": STRING,  # the most representative passage, as written
    },
    "article_topics": {
        "article_id": STRING,
        "topic_id": INT,
        "weight": FLOAT,
        "rank": INT,  # 1 = dominant topic
        "x": FLOAT,  # 2-D projection for the topic map
        "y": FLOAT,
    },
    "passage_topics": {
        "article_id": STRING,
        "passage": INT,  # paragraph index within the article
        "start": INT,
        "end": INT,
        "topic_id": INT,
        "weight": FLOAT,
        "x": FLOAT,
        "y": FLOAT,
    },
    # Near-duplicate groups (issue 6): the same story republished, lightly edited.
    "near_duplicates": {
        "article_id": STRING,
        "group_id": STRING,  # the group's first article_id; charts count a group once
        "similarity": FLOAT,  # to the group's first article
    },
    # Feeds the user follows (issue 6): refreshed on demand.
    "feeds": {
        "url": STRING,
        "title": STRING,
        "added_at": STRING,
        "last_fetched": STRING,
        "last_status": STRING,
        "items_added": INT,
    },
    "errors": {
        "path": STRING,
        "error": STRING,
    },
}

#: Tables whose rows come from extraction (all share the evidence columns).
EXTRACTED = ("mentions", "officials", "figures", "cooperation")
MENTION_KINDS = ("country", "place", "sector", "organisation")
#: The key of the "all others" group an aggregate folds its long tail into (never a real key).
OTHER_KEY = "__other__"
COOPERATION_STAGES = ("discussed", "proposed", "agreed", "signed", "implemented", "stalled")
COOPERATION_INSTRUMENTS = ("mou", "agreement", "contract", "joint_committee", "none")
ROLES = ("leader", "minister", "deputy_minister", "ambassador", "executive", "official")


def columns(table: str) -> list[str]:
    """Return the column names of ``table`` in schema order."""
    return list(TABLES[table])


def empty(table: str) -> pd.DataFrame:
    """Return an empty frame with ``table``'s columns and dtypes."""
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in TABLES[table].items()})


def arrow_schema(table: str):
    """Return ``table``'s columns as a :class:`pyarrow.Schema` (dates as ``date32``)."""
    import pyarrow as pa

    types = {STRING: pa.string(), INT: pa.int64(), FLOAT: pa.float64(), DATE: pa.date32()}
    return pa.schema([(col, types[dtype]) for col, dtype in TABLES[table].items()])


def arrow_table(table: str, rows: list[dict]):
    """Return row dicts as a :class:`pyarrow.Table` of ``table``'s schema: columns in order,
    missing keys null. Unknown keys raise ``KeyError``, as in :func:`conform`.

    Extraction results travel between processes and into the store in this form: it pickles
    as a few buffers and DuckDB inserts it without a copy, where row dicts pickle one by one.
    """
    import pyarrow as pa

    spec = TABLES[table]
    unknown = {key for row in rows[:1] for key in row} - set(spec)
    if unknown:
        raise KeyError(f"{table}: unknown columns {sorted(unknown)}")
    return pa.Table.from_pylist(rows, schema=arrow_schema(table))


def conform(table: str, rows) -> pd.DataFrame:
    """Return ``rows`` (a frame or a list of dicts) as ``table``: schema columns, order, dtypes.

    Missing columns are added empty; unknown columns raise ``KeyError`` so a typo is loud.
    """
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
    spec = TABLES[table]
    unknown = set(frame.columns) - set(spec)
    if unknown:
        raise KeyError(f"{table}: unknown columns {sorted(unknown)}")
    if frame.empty:
        return empty(table)
    out = {}
    for col, dtype in spec.items():
        series = frame[col] if col in frame else pd.Series([None] * len(frame), index=frame.index)
        if dtype == DATE:
            # ISO 8601 per value: a mixed column ("2024-01-15", "2024-12-31 18:30") must not take
            # its format from the first value and turn the rest into NaT.
            series = pd.to_datetime(series, errors="coerce", format="ISO8601")
            if getattr(series.dt, "tz", None) is not None:
                series = series.dt.tz_convert(None)
            series = series.astype(DATE)
        else:
            series = series.astype(dtype)
        out[col] = series
    return pd.DataFrame(out).reset_index(drop=True)
