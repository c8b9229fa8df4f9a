"""The outlet that published an article, and the state it calls home.

A national outlet's "the minister" is its own state's: the press gives a demonym to foreigners
only. ``data/reference/outlets.csv`` lists outlets by their web domains and the source names
corpora give them; an outlet listed without a country reports the world (BBC, RT).
"""

from __future__ import annotations

from functools import cache

from techdiplomacy.reference import NAME_COLUMNS, load, split_aliases
from techdiplomacy.text.normalisation import normalise


@cache
def _outlet_index() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """({domain: country}, {normalised name: country}, {ISO2 lower: ISO3}) of the outlets table."""
    domains, names = {}, {}
    for record in load("outlets").to_dict("records"):
        for domain in split_aliases(record["domains"]):
            domains[domain.lower()] = record["country"]
        for column in NAME_COLUMNS + ("aliases",):
            for alias in split_aliases(record[column]):
                names[" ".join(normalise(alias).split())] = record["country"]
    tlds = {r["iso2"].lower(): r["iso3"] for r in load("countries").to_dict("records")}
    tlds["uk"] = "GBR"
    return domains, names, tlds


def country(url: str = "", source: str = "") -> str:
    """Return the home state (ISO3) of the outlet that published an article, or "".

    The outlet is found by its web domain (``data/reference/outlets.csv``; "ar.mehrnews.com"
    is mehrnews.com), else by the source name as the corpus gives it, else by a country-code
    domain (".ir", ".iq"). An outlet listed without a country reports the world (BBC, RT): no
    home state."""
    domains, names, tlds = _outlet_index()
    host = url.split("://", 1)[-1].split("/", 1)[0].split("@")[-1].split(":")[0].lower().strip(".")
    parts = host.split(".") if host else []
    for i in range(len(parts) - 1):
        domain = ".".join(parts[i:])
        if domain in domains:
            return domains[domain]
    name = " ".join(normalise(source or "").split())
    if name in names:
        return names[name]
    if len(parts) >= 2 and parts[-1] in tlds:
        return tlds[parts[-1]]
    return ""
