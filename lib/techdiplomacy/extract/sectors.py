"""Sectors an article talks about: one row per mention of a sector term, with its evidence.

The 16 sector ids and what they cover are fixed by TAXONOMY.md; the terms are data
(``data/reference/sectors.csv``: names, ``aliases`` as written in the wild in Arabic, Persian and
English). A sector counts when the text treats it as a field of activity or cooperation, not
when its word only sits inside an unrelated name: the ``exclusions`` column lists such names
(``وزير الاتصالات وتكنولوجيا المعلومات``, ``شركة البنية التحتية للاتصالات``,
``Telecommunication Infrastructure Company``, ``البريد الإلكتروني``), and a longer exclusion
hides the sector term it contains. "مجال الاتصالات وتكنولوجيا المعلومات" as a field of cooperation
stays telecom_infrastructure.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from techdiplomacy import reference
from techdiplomacy.extract import keywords
from techdiplomacy.extract.gazetteer import Gazetteer, is_cased_acronym, links_in
from techdiplomacy.text.document import Document

#: The fixed sector ids of TAXONOMY.md, in its order.
SECTORS = (
    "telecom_infrastructure",
    "internet_transit",
    "data_centres",
    "ict_parks",
    "cybersecurity",
    "e_government",
    "space",
    "artificial_intelligence",
    "post",
    "e_commerce",
    "startups",
    "digital_content",
    "education_technology",
    "digital_payments",
    "hardware_manufacturing",
    "emerging_tech",
)


@dataclass(frozen=True)
class _Tables:
    gazetteer: Gazetteer
    labels: dict[str, str]


@cache
def tables() -> _Tables:
    """Return the sector matcher and labels built from ``sectors.csv`` (built once)."""
    table = reference.load("sectors")
    entries = []
    cased = []
    exclusions = []
    for row in table.to_dict("records"):
        for column in ("name_en", "name_ar", "name_fa", "aliases"):
            for alias in reference.split_aliases(row.get(column, "")):
                if is_cased_acronym(alias):
                    cased.append((row["sector"], alias))
        exclusions.extend(reference.split_aliases(row.get("exclusions", "")))
    cased_set = {alias for _, alias in cased}
    for record in reference.aliases("sectors").to_dict("records"):
        if record["alias"] not in cased_set:
            entries.append((record["id"], record["norm"]))
    gazetteer = Gazetteer(entries, clitics=True, suffixes="nominal", cased=cased, exclusions=exclusions)
    labels = dict(zip(table["sector"], table["name_en"]))
    return _Tables(gazetteer, labels)


def patterns() -> dict[str, tuple]:
    """Every sector term the gazetteer looks for (for the keyword pass)."""
    return tables().gazetteer.patterns()


def extract(doc: Document) -> list[dict]:
    """Return one row per sector mention (``mentions`` columns, kind 'sector'), in text order.

    Computed once per document (figures ask for it too); each call gets fresh dicts.
    """
    return [dict(row) for row in rows(doc)]


def rows(doc: Document) -> list[dict]:
    """Return the rows of :func:`extract` as found once per document: read them, never change
    them (other extractors read them here rather than pay for copies)."""
    return doc.memo("sectors", lambda: _extract(doc))


def _extract(doc: Document) -> list[dict]:
    t = tables()
    rows = []
    for match in t.gazetteer.find(doc.norm, doc.text, doc.offsets, keywords.hits(doc, "sectors", patterns), links_in(doc)):
        row = {"article_id": doc.article_id, "kind": "sector", "key": match.key, "label": t.labels[match.key], "country": ""}
        row.update(doc.evidence_norm(match.start, match.end))
        rows.append(row)
    return rows
