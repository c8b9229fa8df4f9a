"""A plain-text summary of the corpus for the terminal, counted as the dashboard counts.

The counts come from the dashboard's own queries (:mod:`techdiplomacy.warehouse.counts` over
the whole kept corpus), so ``report``, ``info`` and the overview page never disagree.

Terminals neither shape Arabic nor apply the bidi algorithm, so when the output is a terminal
Arabic/Persian runs go through arabic-reshaper and python-bidi; piped to a file, text stays in
logical order (what every other program expects).
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

import arabic_reshaper
import pandas as pd
from bidi import get_display

from techdiplomacy import escape
from techdiplomacy.i18n import labels
from techdiplomacy.i18n.phrases import progress_text  # noqa: F401 - the CLI's progress lines come through here

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")


def visual(text: str) -> str:
    """Return ``text`` shaped and in visual order for a terminal (unchanged if no Arabic script)."""
    if not _ARABIC_SCRIPT.search(text):
        return text
    return get_display(arabic_reshaper.reshape(text))


#: The headline quantities, in the order the report prints them: the dashboard's overview
#: counts (:func:`techdiplomacy.warehouse.counts.headline_counts`), one definition each.
HEADLINE = ("articles", "partners", "sectors", "officials", "figures", "topics", "sources")


def headline(con) -> dict[str, int]:
    """Return the corpus's headline counts as the dashboard's overview shows them with no
    filter: ``articles`` (near-duplicates once), ``partners`` (countries other than Iran named by
    a country or place mention), ``sectors``, ``officials`` (distinct people), ``figures``,
    ``topics`` (distinct dominant topics), ``sources``, and ``undated`` (articles without a date)
    and ``errors`` (files that could not be read). ``con`` reads the store (:func:`open_store`)."""
    from techdiplomacy.warehouse import rows  # the query layer loads DuckDB: only when counting
    from techdiplomacy.warehouse.counts import headline_counts, undated_count
    from techdiplomacy.warehouse.query import ALL

    counts = headline_counts(con, ALL)
    out = {name: counts[name] for name in HEADLINE}
    out["undated"] = undated_count(con, ALL)
    out["errors"] = rows.total(con, ALL, "errors")
    return out


def corpus_summary(con, *, top_n: int = 10) -> dict[str, pd.DataFrame | dict]:
    """Return the headline counts (:func:`headline`) and the top partners, sectors and
    officials, counted as the dashboard counts them (articles, near-duplicates once; a person
    by the articles naming them), and the first figures."""
    from techdiplomacy.warehouse import rows
    from techdiplomacy.warehouse.counts import country_counts, official_nodes, sector_counts
    from techdiplomacy.warehouse.query import ALL

    partners = country_counts(con, ALL, top_n=top_n)
    partners = pd.DataFrame({
        "partner": [f"{labels.name('country', k, 'en')} ({k})" for k in partners["country"]],
        "articles": partners["n_articles"].astype(int).tolist(),
    })
    sectors = sector_counts(con, ALL, top_n=top_n)
    sectors = pd.DataFrame({
        "sector": [labels.name("sector", k, "en") for k in sectors["sector"]],
        "articles": sectors["n_articles"].astype(int).tolist(),
    })
    people = official_nodes(con, ALL, top_n=top_n)
    people = pd.DataFrame({
        "name": people["name"].tolist(),
        "role": [None if pd.isna(r) else labels.name("role", r, "en") for r in people["role"]],
        "country": [None if pd.isna(c) else labels.name("country", c, "en") for c in people["country"]],
        "articles": people["n_articles"].astype(int).tolist(),
    })
    figures = rows.page(con, ALL, "figures", columns=["value", "unit", "measure", "country"], limit=top_n)
    return {"headline": headline(con), "partners": partners, "sectors": sectors, "officials": people, "figures": figures}


@contextmanager
def counting(path) -> Iterator:
    """Yield a read-only connection to the store at ``path`` on which :func:`headline` and
    :func:`corpus_summary` count as the dashboard does (its reader connection); closed after."""
    from techdiplomacy.warehouse import query

    con = query.open_store(path)
    try:
        yield query.cursor(con)
    finally:
        con.close()


#: Each section's title, saying what its number counts.
SECTIONS = {
    "partners": "Partners (articles naming them)",
    "sectors": "Sectors (articles mentioning them)",
    "officials": "Officials (articles naming them)",
    "figures": "Figures (the first stated)",
}


def render_report(summary: dict, *, shape: bool) -> str:
    """Return the summary as text; ``shape`` puts Arabic/Persian in visual order for terminals."""
    fix = visual if shape else (lambda s: s)
    lines = ["techdiplomacy report", ""]
    lines.append("  ".join(f"{k}: {v}" for k, v in summary["headline"].items()))
    for section in ("partners", "sectors", "officials", "figures"):
        frame: pd.DataFrame = summary[section]
        lines += ["", SECTIONS[section]]
        if frame.empty:
            lines.append("  (none)")
            continue
        for row in frame.itertuples(index=False):
            cells = ["" if pd.isna(v) else (f"{v:g}" if isinstance(v, float) else str(v)) for v in row]
            lines.append("  " + " | ".join(fix(escape.terminal(c)) for c in cells))  # names, measures: untrusted
    return "\n".join(lines) + "\n"


def _jsonable(value):
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def records(frame: pd.DataFrame) -> list[dict]:
    """Return a table's rows as JSON-ready dicts (dates ISO, missing values None)."""
    return [{k: _jsonable(v) for k, v in row.items()} for row in frame.to_dict("records")]


def select_threads(threads: pd.DataFrame, *, partner: str | None = None, stage: str | None = None) -> pd.DataFrame:
    """The cooperation threads with ``partner`` (ISO3) among their partners and at ``stage``,
    the most lately active first."""
    if partner:
        partner = partner.upper()
        threads = threads[threads["partners"].fillna("").str.split("|").map(lambda p: partner in p)]
    if stage:
        threads = threads[threads["stage"] == stage]
    return threads.sort_values(["latest_published", "thread_id"], ascending=[False, True], na_position="last")


def thread_payload(threads: pd.DataFrame, evidence: dict[str, list[dict]], language: str) -> list[dict]:
    """The threads as JSON-ready dicts, each with its gloss in ``language`` and its evidence
    rows (each glossed too)."""
    from techdiplomacy.i18n.gloss import cooperation_gloss

    payload = []
    for thread in records(threads):
        shown = records(pd.DataFrame(evidence.get(thread["thread_id"], [])))
        for item in shown:
            item["gloss"] = cooperation_gloss(dict(thread, stage=item["stage"], instrument=item["instrument"],
                                                   published=item["published"]), language)
        payload.append(dict(thread, gloss=cooperation_gloss(dict(thread, published=thread["latest_published"]), language),
                            evidence=shown))
    return payload


def shaped(payload: list[dict]) -> list[dict]:
    """Return ``thread_payload`` output for a terminal: each gloss and evidence sentence shaped
    and in visual order (:func:`visual`; the glosses' isolates keep their dates in order, then
    go, since terminals show them as boxes). Only for a terminal: a file keeps logical order."""
    from techdiplomacy.i18n.labels import strip_isolates

    def fix(item: dict) -> dict:
        return {k: strip_isolates(visual(v)) if k in ("gloss", "sentence") and isinstance(v, str) else v for k, v in item.items()}

    return [dict(fix(thread), evidence=[fix(e) for e in thread.get("evidence", [])]) for thread in payload]


class Progress:
    """Progress lines on stderr: rewritten in place on a terminal, sparse otherwise."""

    def __init__(self, stream=None, every: int = 500):
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.every = every

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if not self.tty and done % self.every and done != total:
            return
        text = progress_text(stage, done, total)
        self.stream.write(("\r" + text) if self.tty else text + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")
