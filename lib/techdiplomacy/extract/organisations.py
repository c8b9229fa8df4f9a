"""Organisation mentions: ministries, agencies, operators and companies named in the text.

One row per mention (kind ``organisation``, key = the organisation id of
``data/reference/organisations.csv``, country = its ISO3). Aliases are matched on
``Document.norm`` as whole words; an Arabic proclitic (و ف ب ل ك, ال, لل) may be glued to the
first word ("لشركة البنية التحتية للاتصالات").
"""

from __future__ import annotations

from functools import cache

import ahocorasick

from techdiplomacy import reference
from techdiplomacy.extract import keywords
from techdiplomacy.text.document import Document

#: Proclitics allowed before an alias's first letter; "ل" + "ال" is written "لل".
PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "ال", "وال", "بال", "فال", "لل", "ولل")


@cache
def patterns() -> dict[str, tuple[str, int, int, bool]]:
    """Return {pattern: (organisation id, pattern length, proclitic length, is an acronym)}:
    every alias with the proclitics it may carry (the shortest proclitic wins a tie)."""
    table = reference.aliases("organisations")
    out: dict[str, tuple[str, int, int, bool]] = {}
    for record in table.to_dict("records"):
        norm = record["norm"]
        variants = {norm}
        if norm.startswith("ال") and len(norm) > 4:
            variants.add("ل" + norm[1:])  # ل + ال -> لل
        for variant in variants:
            # a short alias takes no proclitic: "باكو" (Baku) is no ب + "اكو" (ECO)
            for clitic in PROCLITICS if not variant.isascii() and len(variant) > 3 else ("",):
                key = clitic + variant
                if variant.startswith("ال") and clitic.endswith(("ال", "لل")):
                    continue
                existing = out.get(key)
                if existing is None or len(clitic) < existing[2]:
                    out[key] = (record["id"], len(key), len(clitic), _acronym(record["alias"]))
    return out


@cache
def _automaton() -> ahocorasick.Automaton | None:
    auto = ahocorasick.Automaton()
    for key, value in patterns().items():
        auto.add_word(key, value)
    if len(auto) == 0:
        return None
    auto.make_automaton()
    return auto


@cache
def _info() -> dict[str, dict]:
    return {r["organisation"]: r for r in reference.load("organisations").to_dict("records")}


def _written(text: str, offsets: list[int] | None, start: int, end: int) -> str:
    if offsets is None:
        return text[start:end]
    return text[offsets[start]:offsets[end - 1] + 1]


def _acronym(alias: str) -> bool:
    return alias.isascii() and alias.isupper() and len(alias) <= 6


def find(norm: str, text: str | None = None, offsets: list[int] | None = None,
         found: list[tuple[int, tuple]] | None = None) -> list[tuple[str, int, int]]:
    """Return (organisation id, start, end) of each whole-word alias in ``norm``, longest first
    among overlapping matches; ``start`` skips any proclitic.

    ``text`` (the original) and ``offsets`` (``Document.offsets``) let acronyms such as ISA
    match only in capitals. ``found``: the (last index, value) hits of :func:`patterns` in
    ``norm`` when already searched for (:mod:`techdiplomacy.extract.keywords`).
    """
    auto = _automaton()
    if auto is None or not norm:
        return []
    hits = []
    for end_index, (org, length, clitic, acronym) in auto.iter(norm) if found is None else found:
        start = end_index - length + 1
        end = end_index + 1
        if start > 0 and norm[start - 1].isalnum():
            continue
        if end < len(norm) and norm[end].isalnum():
            continue
        hits.append((start, end, clitic, org, acronym))
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    taken: list[tuple[int, int]] = []
    out = []
    for start, end, clitic, org, acronym in hits:
        if any(start < b and a < end for a, b in taken):
            continue
        if acronym and text is not None and not _written(text, offsets, start, end).isupper():
            continue  # "ISA" the agency, not "Isa" the first name
        taken.append((start, end))
        out.append((org, start + clitic, end))
    out.sort(key=lambda x: x[1])
    return out


def extract(doc: Document) -> list[dict]:
    """Return one mentions row per organisation named in ``doc`` (kind ``organisation``).

    Found once per document (``Document.memo``): officials reuse the rows.
    """
    return [dict(row) for row in rows(doc)]


def rows(doc: Document) -> list[dict]:
    """Return the rows of :func:`extract` as found once per document: read them, never change
    them (other extractors read them here rather than pay for copies)."""
    return doc.memo("organisations", lambda: _extract(doc))


def _extract(doc: Document) -> list[dict]:
    info = _info()
    labels = reference.labels("organisations", "en")
    rows = []
    for org, start, end in find(doc.norm, doc.text, doc.offsets, keywords.hits(doc, "organisations", patterns)):
        ostart, oend = doc.original(start, end)
        rows.append({
            "article_id": doc.article_id,
            "kind": "organisation",
            "key": org,
            "label": labels.get(org, org),
            "country": info[org]["country"],
            **{k: v for k, v in doc.evidence(ostart, oend).items() if k != "article_id"},
        })
    return rows


def kind(organisation: str) -> str:
    """Return the kind of a reference organisation ("ministry", "company", "international"...),
    or "" for an unknown id."""
    return _info().get(organisation, {}).get("kind", "")
