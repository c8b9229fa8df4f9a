"""Reference data (``data/reference/*.csv``): read once, with normalised aliases.

Each CSV has a stable id column (named after the table's noun: ``iso3``, ``place``,
``sector``, ``title``, ``organisation``, ``official``), one name column per language
(``name_en``, ``name_ar``, ``name_fa``) and ``aliases`` separated by ``|``. Analysts edit them
in a spreadsheet; this module is the only reader.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pandas as pd

from techdiplomacy.text.normalisation import normalise

#: Reference tables and the name of their id column.
ID_COLUMNS = {
    "countries": "iso3",
    "places": "place",
    "sectors": "sector",
    "titles": "title",
    "organisations": "organisation",
    "officials": "official",
    "first_names": "name",
    "cooperation_cues": "cue",
    "outlets": "outlet",
}
NAME_COLUMNS = ("name_en", "name_ar", "name_fa")
ALIAS_SEPARATOR = "|"


def reference_dir() -> Path:
    """Return the folder of reference CSVs (``TECHDIPLOMACY_REFERENCE`` overrides it)."""
    override = os.environ.get("TECHDIPLOMACY_REFERENCE")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "data" / "reference"


@cache
def load(name: str) -> pd.DataFrame:
    """Return reference table ``name``: one row per entity, every column a string ('' if blank)."""
    path = reference_dir() / f"{name}.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return frame


def split_aliases(value: str) -> list[str]:
    """Return the non-empty ``|``-separated parts of an aliases cell, stripped."""
    return [part.strip() for part in (value or "").split(ALIAS_SEPARATOR) if part.strip()]


@cache
def aliases(name: str, columns: tuple[str, ...] = NAME_COLUMNS + ("aliases",)) -> pd.DataFrame:
    """Return one row per (id, alias): columns ``id``, ``alias`` (as written) and ``norm``.

    ``columns`` are the cells read for names; cells are split on ``|``. Aliases that normalise
    to the same string for the same id appear once.
    """
    table = load(name)
    id_column = ID_COLUMNS[name]
    rows = []
    for record in table.to_dict("records"):
        seen = set()
        for column in columns:
            for alias in split_aliases(record.get(column, "")):
                norm = " ".join(normalise(alias).split())
                if norm and norm not in seen:
                    seen.add(norm)
                    rows.append({"id": record[id_column], "alias": alias, "norm": norm})
    return pd.DataFrame(rows, columns=["id", "alias", "norm"])


@cache
def labels(name: str, language: str = "en") -> dict[str, str]:
    """Return {id: name in ``language``} for reference table ``name`` (English as fallback)."""
    table = load(name)
    id_column = ID_COLUMNS[name]
    column = f"name_{language}"
    out = {}
    for record in table.to_dict("records"):
        out[record[id_column]] = record.get(column) or record.get("name_en") or record[id_column]
    return out

