"""The Cooperation page's frames: the selected articles' cooperation rows, their threads, the
threads per partner and stage, each thread's stage changes, and the newest signings.

Threads are followed again over the selected rows (:mod:`techdiplomacy.store.threads`, the
same rule as the stored table), so a date or source filter gives the threads those articles
tell. A partner filter keeps the rows whose partner set holds a chosen country; a sector filter
the rows naming a chosen sector.
"""

from __future__ import annotations

import pandas as pd

from techdiplomacy import schema
from techdiplomacy.i18n import labels
from techdiplomacy.i18n.gloss import cooperation_gloss
from techdiplomacy.i18n.phrases import t
from techdiplomacy.store.threads import cooperation_threads, thread_evidence
from techdiplomacy.warehouse.counts import IN_SEL
from techdiplomacy.warehouse.query import Query, with_selection

#: Stages in pipeline order; ``stalled`` last (it is no step forward).
STAGES = schema.COOPERATION_STAGES
#: Stages that are action, not talk: the table of newest milestones.
MILESTONES = ("signed", "implemented")
MARK_COLUMNS = ["thread_id", "published", "partners", "sectors", "stage", "instrument", "iranian_officials",
                "partner_officials", "article_id", "start", "end", "sentence"]


def _ids(value) -> list[str]:
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return []
    return [v for v in str(value).split("|") if v]


def rows(con, selected: Query, *, partners=(), sectors=()) -> pd.DataFrame:
    """Return the cooperation rows (schema columns, store order) of the selected articles whose
    partner set holds one of ``partners`` and which name one of ``sectors`` (when given)."""
    body = f'SELECT * FROM cooperation WHERE {IN_SEL} ORDER BY article_id, "start", partners, stage, instrument'
    frame = schema.conform("cooperation", con.execute(*with_selection(selected, body)).df())
    if partners:
        wanted = set(partners)
        frame = frame[[bool(wanted & set(_ids(p))) for p in frame["partners"]]]
    if sectors:
        wanted = set(sectors)
        frame = frame[[bool(wanted & set(_ids(s))) for s in frame["sectors"]]]
    return frame.reset_index(drop=True)


def threads(con, selected: Query, *, partners=(), sectors=(), window_days: int = 365) -> pd.DataFrame:
    """Return one row per thread of the selected rows (``cooperation_threads`` columns),
    latest first."""
    found = cooperation_threads(rows(con, selected, partners=partners, sectors=sectors), window_days=window_days)
    return found.sort_values(["latest_published", "thread_id"], ascending=[False, True], na_position="last",
                             kind="mergesort").reset_index(drop=True)


def marks(con, selected: Query, *, partners=(), sectors=(), window_days: int = 365) -> pd.DataFrame:
    """Return one row per (thread, cooperation row) of the selected rows, in date order within a
    thread: ``thread_id``, ``published``, ``stage``, ``instrument`` and the evidence."""
    chosen = rows(con, selected, partners=partners, sectors=sectors)
    found = thread_evidence(chosen, window_days=window_days)
    partners_of = dict(zip(*cooperation_threads(chosen, window_days=window_days)[["thread_id", "partners"]].T.values))
    out = [{"thread_id": tid, "partners": partners_of.get(tid), **row} for tid, members in found.items() for row in members]
    if not out:
        return pd.DataFrame({c: pd.Series(dtype=schema.TABLES["cooperation"].get(c, "string")) for c in MARK_COLUMNS})
    keys = ["article_id", "start", "stage", "instrument", "partners"]
    extra = chosen[keys + ["sectors", "iranian_officials", "partner_officials"]].drop_duplicates(keys)
    frame = pd.DataFrame(out).merge(extra, on=keys, how="left")[MARK_COLUMNS]
    frame["thread_id"] = frame["thread_id"].astype("string")
    return frame


def pipeline(threads: pd.DataFrame) -> pd.DataFrame:
    """Return one row per (partner, stage) with threads: ``partner`` (ISO3), ``stage`` (its
    latest), ``n_threads``; a thread of several partners counts for each. Partners with most
    threads first, stages in :data:`STAGES` order."""
    pairs = [(p, s) for ps, s in zip(threads["partners"], threads["stage"]) for p in _ids(ps)]
    if not pairs:
        return pd.DataFrame({"partner": pd.Series(dtype="string"), "stage": pd.Series(dtype="string"),
                             "n_threads": pd.Series(dtype="Int64")})
    frame = pd.DataFrame(pairs, columns=["partner", "stage"]).value_counts().rename("n_threads").reset_index()
    totals = frame.groupby("partner")["n_threads"].sum()
    frame["_total"] = frame["partner"].map(totals)
    frame["_stage"] = frame["stage"].map({s: i for i, s in enumerate(STAGES)}).fillna(len(STAGES))
    frame = frame.sort_values(["_total", "partner", "_stage"], ascending=[False, True, True], kind="mergesort")
    return frame[["partner", "stage", "n_threads"]].astype({"partner": "string", "stage": "string",
                                                            "n_threads": "Int64"}).reset_index(drop=True)


def _gloss(row, lang: str) -> str:
    """The row's gloss for a table: its names and date in isolates (:mod:`techdiplomacy.i18n.gloss`:
    bidi would show 2024-05-12 as 12-05-2024); :func:`plain` takes the marks out for CSVs."""
    return cooperation_gloss(row, lang)


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a display ``frame`` without bidi isolate marks in its text (for a CSV)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype in (object, "string"):
            out[column] = out[column].map(lambda v: labels.strip_isolates(v) if isinstance(v, str) else v)
    return out


def _days(dates: pd.Series) -> pd.Series:
    """ISO dates as text, blank when undated (a table would show "None")."""
    return pd.to_datetime(dates).dt.strftime("%Y-%m-%d").fillna("").astype("string")


def partner_names(partners, lang: str) -> str:
    """Return the partners of a "|"-joined ISO3 list by their names in ``lang``."""
    return labels.message("comma", lang).join(labels.name("country", p, lang) for p in _ids(partners))


def milestones(rows: pd.DataFrame, lang: str = "en", *, top_n: int = 50, stages=MILESTONES) -> pd.DataFrame:
    """Return the newest ``top_n`` rows of ``rows`` at one of ``stages`` (default: signed or
    implemented; newest first), for reading: ``published``, ``partners`` and ``stage`` by name
    in ``lang``, ``gloss`` (one sentence in ``lang``), ``sentence`` (the evidence as written),
    ``article_id``."""
    chosen = rows[rows["stage"].isin(stages).fillna(False)]
    chosen = chosen.sort_values(["published", "article_id", "start"], ascending=[False, True, True],
                                na_position="last", kind="mergesort").head(top_n)
    return pd.DataFrame({
        "published": _days(chosen["published"]),
        "partners": [partner_names(p, lang) for p in chosen["partners"]],
        "stage": [labels.message(f"stage_{s}", lang) for s in chosen["stage"]],
        "gloss": [_gloss(r, lang) for r in chosen.to_dict("records")],
        "sentence": chosen["sentence"],
        "article_id": chosen["article_id"],
    }).reset_index(drop=True)


def thread_table(threads: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Return ``threads`` for reading: partners, sectors and stages by name in ``lang``, first
    and latest dates, number of articles and the latest evidence sentence."""
    comma = labels.message("comma", lang)
    return pd.DataFrame({
        "partners": [partner_names(p, lang) for p in threads["partners"]],
        "sectors": [comma.join(labels.name("sector", s, lang) for s in _ids(v)) for v in threads["sectors"]],
        "stage": [labels.message(f"stage_{s}", lang) for s in threads["stage"]],
        "stages": [(" ← " if labels.is_rtl(lang) else " → ").join(labels.message(f"stage_{s}", lang) for s in _ids(v)) for v in threads["stages"]],
        "first": _days(threads["first_published"]),
        "latest": _days(threads["latest_published"]),
        "n_articles": threads["n_articles"],
        "sentence": threads["sentence"],
    })


def thread_rows(marks: pd.DataFrame, thread_id: str, lang: str = "en") -> pd.DataFrame:
    """Return the rows of one thread for reading, in date order: ``published``, ``stage`` by
    name, ``gloss`` in ``lang``, ``sentence`` as written, ``article_id``."""
    chosen = marks[marks["thread_id"].eq(thread_id).fillna(False)]
    return pd.DataFrame({
        "published": _days(chosen["published"]),
        "stage": [labels.message(f"stage_{s}", lang) for s in chosen["stage"]],
        "gloss": [_gloss(r, lang) for r in chosen.to_dict("records")],
        "sentence": chosen["sentence"],
        "article_id": chosen["article_id"],
    }).reset_index(drop=True)


def picked_thread(points, threads: pd.DataFrame) -> str | None:
    """Return the thread of the first selected timeline mark among ``points`` (a Streamlit
    selection: ``customdata`` ``[thread_id, article_id, start, end]``) that is one of
    ``threads``, or None (no mark selected, or a stale one after a filter change)."""
    known = set(threads["thread_id"].dropna().astype(str))
    for point in points or ():
        data = point.get("customdata") if hasattr(point, "get") else None
        if isinstance(data, (list, tuple)) and data and str(data[0]) in known:
            return str(data[0])
    return None


def readable(frame: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Return ``frame`` with its column names as headers in ``lang`` (for showing, not CSVs)."""
    return frame.rename(columns=lambda c: t(f"col_{c}", lang))
