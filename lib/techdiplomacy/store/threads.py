"""Cooperation threads: the same cooperation followed across articles and time (TAXONOMY.md).

A thread is cooperation rows of the same partner set, with overlapping sectors (or none named on
one side), the same instrument where both name one, each within ``window_days`` of the thread's
latest row. Its stage is the stage of its latest row; its evidence that row's sentence. Rows
are taken in date order (undated rows last, then by article and position), so the threads of a
corpus are the same whatever order its articles were stored in; a row with no date joins a
thread whatever the thread's dates. A thread's id is its first row's article and position.

The table is derived whole from the ``cooperation`` table whenever the store's dashboard
tables are stored (every ``build`` and every ``add``): it is small beside the text, one row per
thread.
"""

from __future__ import annotations

import pandas as pd

from techdiplomacy import schema

_JOIN = "|"


def _ids(value) -> list[str]:
    if value is None or pd.isna(value):
        return []
    return [v for v in str(value).split(_JOIN) if v]


def cooperation_threads(cooperation: pd.DataFrame, *, window_days: int = 365) -> pd.DataFrame:
    """One row per thread of ``cooperation`` rows (``cooperation_threads`` columns), the
    threads in order of their first row."""
    if cooperation.empty:
        return schema.empty("cooperation_threads")
    return _table(_assign(cooperation, window_days))


def _assign(cooperation: pd.DataFrame, window_days: int) -> list[dict]:
    """The threads of ``cooperation`` rows, each with its rows (``members``) in date order."""
    frame = cooperation.assign(_undated=cooperation["published"].isna())
    frame = frame.sort_values(["_undated", "published", "article_id", "start", "stage", "instrument"],
                              kind="mergesort", na_position="last")
    window = window_days
    day = 86_400 * 10**9  # dates as whole days: Timestamp arithmetic per row costs 20x more
    threads: list[dict] = []
    open_by_partners: dict[str, list[dict]] = {}
    for row in frame.to_dict("records"):
        date = row["published"].value // day if not pd.isna(row["published"]) else None
        sectors = _ids(row["sectors"])
        instrument = row["instrument"] or "none"
        best = None
        candidates = open_by_partners.get(row["partners"], [])
        if date is not None and candidates:
            # rows come in date order: a thread left behind by the window stays closed
            candidates[:] = [t for t in candidates if t["latest"] is None or date - t["latest"] <= window]
        for thread in candidates:
            if instrument != "none" and thread["instrument"] not in ("none", instrument):
                continue
            if sectors and thread["sectors"] and not set(sectors) & set(thread["sectors"]):
                continue
            if date is not None and thread["latest"] is not None and date - thread["latest"] > window:
                continue
            if best is None or _later(thread, best):
                best = thread
        if best is None:
            best = {"thread_id": f"{row['article_id']}:{row['start']}", "partners": row["partners"], "sectors": [],
                    "instrument": "none", "stages": [], "first": date, "latest": None, "articles": {}, "members": []}
            threads.append(best)
            open_by_partners.setdefault(row["partners"], []).append(best)
        best["sectors"] += [s for s in sectors if s not in best["sectors"]]  # a few ids
        if instrument != "none":
            best["instrument"] = instrument
        if not best["stages"] or best["stages"][-1] != row["stage"]:
            best["stages"].append(row["stage"])
        best["articles"].setdefault(row["article_id"], None)  # an ordered set
        if date is not None:
            best["first"] = date if best["first"] is None else min(best["first"], date)
            best["latest"] = date if best["latest"] is None else max(best["latest"], date)
        best["members"].append(row)  # rows come in date order: the last one is the latest
    return threads


def _table(threads: list[dict]) -> pd.DataFrame:
    out = []
    for t in threads:
        evidence = t["members"][-1]
        out.append({
            "thread_id": t["thread_id"],
            "partners": t["partners"],
            "sectors": _JOIN.join(t["sectors"]),
            "instrument": t["instrument"],
            "stage": evidence["stage"],
            "stages": _JOIN.join(t["stages"]),
            "first_published": None if t["first"] is None else pd.Timestamp(t["first"], unit="D"),
            "latest_published": None if t["latest"] is None else pd.Timestamp(t["latest"], unit="D"),
            "n_articles": len(t["articles"]),
            "article_ids": _JOIN.join(t["articles"]),
            "article_id": evidence["article_id"],
            "start": evidence["start"],
            "end": evidence["end"],
            "sentence": evidence["sentence"],
        })
    return schema.conform("cooperation_threads", out)


def _later(a: dict, b: dict) -> bool:
    """Whether thread ``a`` was active more lately than ``b`` (the older thread on a tie)."""
    if a["latest"] is None or b["latest"] is None:
        return False
    return a["latest"] > b["latest"]


def thread_evidence(cooperation: pd.DataFrame, *, window_days: int = 365) -> dict[str, list[dict]]:
    """{thread_id: the evidence of its rows (article_id, published, stage, instrument, sentence,
    start, end), in date order} (the same threads as :func:`cooperation_threads`)."""
    if cooperation.empty:
        return {}
    cols = ("article_id", "published", "stage", "instrument", "sentence", "start", "end")
    return {t["thread_id"]: [{c: row[c] for c in cols} for row in t["members"]]
            for t in _assign(cooperation, window_days)}
