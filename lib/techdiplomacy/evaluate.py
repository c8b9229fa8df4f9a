"""Score the extractors against gold files: precision, recall and F1 per extractor and field.

Gold files are JSON Lines (``*.jsonl`` in a folder, read recursively), one text a line::

    {"text": "...", "language": "ar",
     "officials": [{"name": "ستار هاشمي", "role": "minister", "country": "IRN"}],
     "figures": [{"value": 25, "unit": "percent"}],
     "countries": ["IRN", "ARM"],
     "sectors": ["startups"]}

A key left out means "not annotated": that line does not count for that extractor, while an
empty list means "there is none" (every prediction is then a false positive). ``id``,
``article_id`` and any other keys are ignored here. Lines in the mentions golden format
(``"mentions": [[kind, key, surface], ...]``) give ``countries`` and ``sectors``; a missing
``language`` is detected from the text.

Matching, per line:

* officials: distinct persons, assigned one to one. A predicted and a gold person are the same
  person when their names agree in matching form (spaces removed, so زارع‌پور = زارع پور,
  honorifics such as سيد / Seyyed left out) or, failing that, when their surnames (last words)
  agree and neither name is a single word: a name cut to its first word never matches.
  ``name`` scores the pairs, ``name+role`` those whose role is the gold role or one of its
  ``alt_roles`` (a second, equally defensible role), ``name+role+country`` those whose
  served country agrees too. Pairs are made so as to score the most on the strictest field.
* figures: the set of ``value+unit`` (values equal to 1e-9 relative; a figure repeated in
  the text counts once), and the set of ``value`` alone.
* countries: the set of ISO3 codes of country mentions. sectors: the set of sector ids.
* cooperation: rows assigned one to one. ``partners+stage`` (the headline) pairs a predicted
  and a gold row of the same partner set and stage (preferring the same instrument, then the
  most sectors in common); ``partners`` pairs rows of the same partner set whatever their
  stage, and ``stage|partners`` is the share of those pairs that agree on the stage (precision,
  recall and F1 all hold that accuracy; n_gold and n_pred are the pairs). Over the
  ``partners+stage`` pairs, ``instrument|match`` is the share with the gold instrument and
  ``sectors|match`` scores the sector ids of each pair (precision over the predicted ids,
  recall over the gold ids).
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

from techdiplomacy.extract.outlets import country as outlet_country
from techdiplomacy.text.document import Document
from techdiplomacy.text.language import detect_language
from techdiplomacy.text.normalisation import normalise

COLUMNS = ["extractor", "field", "precision", "recall", "f1", "n_gold", "n_pred"]
#: (extractor, field) scored, in report order; the first field of each is the headline.
FIELDS = (
    ("officials", "name+role+country"),
    ("officials", "name+role"),
    ("officials", "name"),
    ("figures", "value+unit"),
    ("figures", "value"),
    ("countries", "iso3"),
    ("sectors", "sector"),
    ("cooperation", "partners+stage"),
    ("cooperation", "partners"),
    ("cooperation", "stage|partners"),
    ("cooperation", "instrument|match"),
    ("cooperation", "sectors|match"),
)


def read_gold(gold_dir: str | Path) -> list[dict]:
    """Return every gold record of the ``*.jsonl`` files under ``gold_dir`` (or one file)."""
    root = Path(gold_dir)
    paths = [root] if root.is_file() else sorted(root.rglob("*.jsonl"))
    records = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
            if not line.strip():
                continue
            record = json.loads(line)
            if not isinstance(record, dict) or "text" not in record:
                raise ValueError(f"{path}:{number}: a gold line needs an object with 'text'")
            if not record.get("language"):
                record["language"] = detect_language(record["text"])
            if isinstance(record.get("mentions"), list):
                kinds = [m for m in record["mentions"] if isinstance(m, (list, tuple)) and len(m) >= 2]
                record.setdefault("countries", sorted({m[1] for m in kinds if m[0] == "country"}))
                record.setdefault("sectors", sorted({m[1] for m in kinds if m[0] == "sector"}))
            records.append(record)
    return records


def name_key(name: str) -> str:
    """Return a name in matching form without spaces (ZWNJ and spacing variants agree)."""
    return "".join(normalise(name or "").split())


#: Honorifics some outlets write before a name and others drop (normalised).
HONORIFICS = frozenset(normalise(w) for w in "سيد سید السيد seyyed seyed sayyid sayed syed dr dr. الدكتور دكتر".split())


def _name_words(name: str) -> list[str]:
    words = normalise(name or "").replace("-", " ").split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    return words


def same_person(a: str, b: str) -> bool:
    """Whether two written names stand for one person under the scoring rule above."""
    wa, wb = _name_words(a), _name_words(b)
    if not wa or not wb:
        return False
    if "".join(wa) == "".join(wb):
        return True
    return len(wa) > 1 and len(wb) > 1 and wa[-1] == wb[-1]


def _value_key(value) -> float:
    v = float(value)
    return float(f"{v:.9g}") if math.isfinite(v) else v


def _persons(rows: Iterable) -> list[tuple[str, frozenset, str]]:
    """Distinct (name, accepted roles, country) of officials rows (gold rows add ``alt_roles``)."""
    seen, out = set(), []
    for r in rows:
        roles = frozenset([r.get("role") or "", *(r.get("alt_roles") or ())])
        key = ("".join(_name_words(r.get("name", ""))), roles, r.get("country") or "")
        if key not in seen:
            seen.add(key)
            out.append((r.get("name", ""), roles, r.get("country") or ""))
    return out


def match_officials(gold_rows: Iterable, predicted_rows: Iterable) -> dict[str, int]:
    """Return the true positives per officials field, persons assigned one to one."""
    gold, pred = _persons(gold_rows), _persons(predicted_rows)
    pairs = []
    for i, (gname, groles, gcountry) in enumerate(gold):
        for j, (pname, proles, pcountry) in enumerate(pred):
            if same_person(gname, pname):
                role_ok = bool(groles & proles)
                exact = "".join(_name_words(gname)) == "".join(_name_words(pname))
                pairs.append(((role_ok and gcountry == pcountry, role_ok, exact), i, j))
    pairs.sort(key=lambda p: p[0], reverse=True)
    used_g, used_p = set(), set()
    tp = {"name": 0, "name+role": 0, "name+role+country": 0}
    for (full, role_ok, _exact), i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        tp["name"] += 1
        tp["name+role"] += role_ok
        tp["name+role+country"] += full
    return tp


def _cooperation_rows(rows: Iterable) -> list[tuple[frozenset, str, str, frozenset]]:
    """(partners, stage, instrument, sectors) of gold or predicted cooperation rows (lists or
    "|"-separated strings)."""
    def ids(value) -> frozenset:
        if isinstance(value, str):
            return frozenset(v for v in value.split("|") if v)
        return frozenset(value or ())
    return [(ids(r.get("partners")), r.get("stage") or "", r.get("instrument") or "none", ids(r.get("sectors")))
            for r in rows]


def _pair(gold: list, pred: list, same, quality) -> list[tuple[int, int]]:
    """Pairs (i, j) of gold and predicted rows, one to one, where ``same(g, p)``, the best
    ``quality(g, p)`` first."""
    candidates = sorted(((quality(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred) if same(g, p)),
                        key=lambda c: (-c[0][0], -c[0][1], c[1], c[2]))
    used_g, used_p, out = set(), set(), []
    for _, i, j in candidates:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def match_cooperation(gold_rows: Iterable, predicted_rows: Iterable) -> dict[str, tuple[int, int, int]]:
    """Return {field: (true positives, n_gold, n_pred)} of the cooperation fields for one text."""
    gold, pred = _cooperation_rows(gold_rows), _cooperation_rows(predicted_rows)

    def quality(g, p):
        return (g[2] == p[2], len(g[3] & p[3]))

    detected = _pair(gold, pred, lambda g, p: g[0] == p[0] and g[1] == p[1], quality)
    by_partners = _pair(gold, pred, lambda g, p: g[0] == p[0], lambda g, p: (g[1] == p[1], g[2] == p[2]))
    same_stage = sum(gold[i][1] == pred[j][1] for i, j in by_partners)
    same_instrument = sum(gold[i][2] == pred[j][2] for i, j in detected)
    sector_tp = sum(len(gold[i][3] & pred[j][3]) for i, j in detected)
    return {
        "partners+stage": (len(detected), len(gold), len(pred)),
        "partners": (len(by_partners), len(gold), len(pred)),
        "stage|partners": (same_stage, len(by_partners), len(by_partners)),
        "instrument|match": (same_instrument, len(detected), len(detected)),
        "sectors|match": (sector_tp, sum(len(gold[i][3]) for i, _ in detected), sum(len(pred[j][3]) for _, j in detected)),
    }


def gold_items(record: dict, extractor: str, field: str) -> Counter | None:
    """Return the gold multiset of ``field`` for one record, or None when not annotated."""
    if extractor not in record:
        return None
    return Counter(_items(record[extractor], extractor, field))


def predicted_items(predictions: dict[str, list], extractor: str, field: str) -> Counter:
    """Return the predicted multiset of ``field`` from one record's predictions."""
    return Counter(_items(predictions[extractor], extractor, field))


def _items(rows: Iterable, extractor: str, field: str) -> Iterator:
    if extractor == "officials":
        yield from _persons(rows)
    elif extractor == "figures":
        values = {_value_key(r["value"]) for r in rows} if field == "value" else \
            {(_value_key(r["value"]), r.get("unit") or "") for r in rows}
        yield from values
    else:
        yield from {str(r) for r in rows}


def predict(record: dict) -> dict[str, list]:
    """Return what the extractors find in one gold record's text, in gold shape."""
    from techdiplomacy.extract import cooperation, figures, officials, organisations, places, sectors
    from techdiplomacy.tables import keyword_pass

    doc = Document(
        record["text"], article_id=str(record.get("id", "")), language=record.get("language", ""), keywords=keyword_pass(),
        outlet=outlet_country(str(record.get("url") or ""), str(record.get("source") or "")),
    )
    mentions = places.extract(doc) + sectors.extract(doc) + organisations.extract(doc)
    found_officials = officials.extract(doc, mentions)
    return {
        "officials": found_officials,
        "figures": figures.extract(doc, mentions),
        "countries": sorted({r["key"] for r in mentions if r["kind"] == "country"}),
        "sectors": sorted({r["key"] for r in mentions if r["kind"] == "sector"}),
        "cooperation": cooperation.extract(doc, mentions, found_officials),
    }


def score(records: list[dict], predictions: list[dict[str, list]]) -> pd.DataFrame:
    """Return one row per (extractor, field): precision, recall, F1, n_gold, n_pred."""
    rows = []
    matched = [match_officials(r["officials"], p["officials"]) if "officials" in r else None
               for r, p in zip(records, predictions)]  # officials are paired once per record
    together = [match_cooperation(r["cooperation"], p.get("cooperation", [])) if "cooperation" in r else None
                for r, p in zip(records, predictions)]
    for extractor, field in FIELDS:
        tp = n_gold = n_pred = 0
        for record, predicted, officials_tp, cooperation_tp in zip(records, predictions, matched, together):
            if extractor == "cooperation":
                if cooperation_tp is not None:
                    tp, n_gold, n_pred = (a + b for a, b in zip((tp, n_gold, n_pred), cooperation_tp[field]))
                continue
            gold = gold_items(record, extractor, field)
            if gold is None:
                continue
            pred = predicted_items(predicted, extractor, field)
            if extractor == "officials":
                tp += officials_tp[field]
            else:
                tp += sum((gold & pred).values())
            n_gold += sum(gold.values())
            n_pred += sum(pred.values())
        precision = tp / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
        recall = tp / n_gold if n_gold else (1.0 if n_pred == 0 else 0.0)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append({"extractor": extractor, "field": field, "precision": precision, "recall": recall,
                     "f1": f1, "n_gold": n_gold, "n_pred": n_pred})
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.astype({"precision": "Float64", "recall": "Float64", "f1": "Float64",
                         "n_gold": "Int64", "n_pred": "Int64"})


def evaluate(gold_dir: str | Path, *, by_language: bool = False) -> pd.DataFrame:
    """Return one row per (extractor, field) scoring the extractors on the gold files.

    With ``by_language`` a first column ``language`` splits the scores by the records'
    language ("all" rows are the pooled scores).
    """
    records = read_gold(gold_dir)
    predictions = [predict(r) for r in records]
    table = score(records, predictions)
    if not by_language:
        return table
    parts = [table.assign(language="all")]
    for language in sorted({r["language"] for r in records}):
        pairs = [(r, p) for r, p in zip(records, predictions) if r["language"] == language]
        parts.append(score([r for r, _ in pairs], [p for _, p in pairs]).assign(language=language))
    frame = pd.concat(parts, ignore_index=True)
    return frame[["language", *COLUMNS]]


def main(argv: list[str] | None = None) -> int:
    """``python -m techdiplomacy.evaluate GOLD_DIR [--by-language]``: print the scores."""
    args = list(sys.argv[1:] if argv is None else argv)
    by_language = "--by-language" in args
    args = [a for a in args if a != "--by-language"]
    if len(args) != 1:
        print("usage: python -m techdiplomacy.evaluate GOLD_DIR [--by-language]", file=sys.stderr)
        return 2
    table = evaluate(args[0], by_language=by_language)
    with pd.option_context("display.width", 160, "display.max_rows", 200, "display.float_format", "{:.3f}".format):
        print(table.to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
