"""A plain-text summary of the corpus for the terminal.

Terminals neither shape Arabic nor apply the bidi algorithm, so when the output is a terminal
Arabic/Persian runs go through arabic-reshaper and python-bidi; piped to a file, text stays in
logical order (what every other program expects).
"""

from __future__ import annotations

import re

import arabic_reshaper
import pandas as pd
from bidi import get_display

from techdiplomacy import escape, reference
from techdiplomacy.i18n.phrases import progress_text  # noqa: F401 - the CLI's progress lines come through here

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")


def visual(text: str) -> str:
    """Return ``text`` shaped and in visual order for a terminal (unchanged if no Arabic script)."""
    if not _ARABIC_SCRIPT.search(text):
        return text
    return get_display(arabic_reshaper.reshape(text))


def corpus_summary(tables: dict[str, pd.DataFrame], *, top_n: int = 10) -> dict[str, pd.DataFrame | dict]:
    """Return the headline counts and top partners, sectors, officials and figures."""
    articles, mentions = tables["articles"], tables["mentions"]
    officials, figures = tables["officials"], tables["figures"]
    countries = mentions[(mentions["kind"] == "country") & (mentions["key"] != "IRN")]
    partners = (
        countries.groupby("key")["article_id"].nunique().sort_values(ascending=False).head(top_n).rename("articles")
    )
    country_names = reference.labels("countries", "en")
    partners = partners.rename(index=lambda k: f"{country_names.get(k, k)} ({k})").rename_axis("partner").reset_index()
    sector_names = reference.labels("sectors", "en")
    sectors = mentions[mentions["kind"] == "sector"].groupby("key")["article_id"].nunique()
    sectors = sectors.sort_values(ascending=False).head(top_n).rename("articles")
    sectors = sectors.rename(index=lambda k: sector_names.get(k, k)).rename_axis("sector").reset_index()
    people = (
        officials.groupby(["official_id", "name", "role", "country"], dropna=False)
        .size()
        .sort_values(ascending=False)
        .head(top_n)
        .rename("mentions")
        .reset_index()
        .drop(columns="official_id")
    )
    top_figures = figures[["value", "unit", "measure", "country"]].head(top_n)
    headline = {
        "articles": len(articles),
        "partners": int(countries["key"].nunique()),
        "sectors": int(mentions.loc[mentions["kind"] == "sector", "key"].nunique()),
        "officials": int(officials["official_id"].nunique()),
        "figures": len(figures),
        "errors": len(tables.get("errors", [])),
    }
    return {"headline": headline, "partners": partners, "sectors": sectors, "officials": people, "figures": top_figures}


def render_report(summary: dict, *, shape: bool) -> str:
    """Return the summary as text; ``shape`` puts Arabic/Persian in visual order for terminals."""
    fix = visual if shape else (lambda s: s)
    lines = ["techdiplomacy report", ""]
    lines.append("  ".join(f"{k}: {v}" for k, v in summary["headline"].items()))
    for section in ("partners", "sectors", "officials", "figures"):
        frame: pd.DataFrame = summary[section]
        lines += ["", section.capitalize()]
        if frame.empty:
            lines.append("  (none)")
            continue
        for row in frame.itertuples(index=False):
            cells = ["" if pd.isna(v) else (f"{v:g}" if isinstance(v, float) else str(v)) for v in row]
            lines.append("  " + " | ".join(fix(escape.terminal(c)) for c in cells))  # names, measures: untrusted
    return "\n".join(lines) + "\n"

