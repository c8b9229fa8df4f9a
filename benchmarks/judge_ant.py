"""Precision on broad real news: a fixed sample of officials and figures from the ANT corpus,
judged by hand, and the people the officials table splits into several ids.

The 7,400 Arabic news articles of ANT (``../shared/data/ant-arabic-news.jsonl.gz``) are run
through the extractors. From the rows, a fixed sample is drawn: 200 officials (one row per
person and article) and 200 figures, chosen by a hash of what the row says (article, name,
role, country; article, value, unit, measure) so the same rows are drawn again after a change
of the extractors and only the rows that changed need judging.

The judgements are data next to this script (``judgements/ant_officials.csv``,
``judgements/ant_figures.csv``): the row's key fields, ``judgement`` (``correct`` or
``incorrect``: name, role and country all right; value, unit and measure all right) and a
``note``. They hold no article text; the sentences are read from the corpus.

    python benchmarks/judge_ant.py sheet [--out FILE]   # rows to judge, with their sentences
    python benchmarks/judge_ant.py merge VERDICTS        # fold a judge's verdicts in
    python benchmarks/judge_ant.py score                # precision of the judged sample
    python benchmarks/judge_ant.py splits               # people split into several ids

``sheet`` merges the sample into the judgement files (keeping every judgement already made,
leaving new rows blank) and writes the rows still unjudged, numbered, as JSON lines (FILE) and
as text (FILE with ``.txt``) for a judge. ``merge`` reads the judge's JSON lines
(``{"n": 3, "judgement": "correct", "note": ""}``) against that FILE. ``score`` reports
precision over the judged rows of the current sample and counts the rows still unjudged.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ant_news

from techdiplomacy.readers.article import make_article
from techdiplomacy.tables import extract_articles
from techdiplomacy.text.normalisation import normalise

HERE = Path(__file__).resolve().parent
JUDGEMENTS = HERE / "judgements"
SAMPLE = 200
KEYS = {
    "officials": ("docno", "name", "role", "country"),
    "figures": ("docno", "value", "unit", "measure"),
}
EXTRA = {"officials": ("title",), "figures": ()}


def build() -> tuple[dict[str, list[dict]], dict[str, str]]:
    """Return {"officials": rows, "figures": rows} over ANT (each row with its ``docno``) and
    {article_id: docno}."""
    articles, docnos = [], {}
    for record in ant_news():
        article = make_article({"text": record["text"], "title": record.get("title"), "language": "ar",
                                "url": record.get("url"), "source": record.get("source")}, record["docno"])
        if hasattr(article, "article_id"):
            articles.append(article)
            docnos.setdefault(article.article_id, record["docno"])
    out: dict[str, list[dict]] = {"officials": [], "figures": []}
    for part in extract_articles(articles):
        for table, found in out.items():
            found.extend(dict(row, docno=docnos[row["article_id"]]) for row in part[table])
    return out, docnos


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return " ".join(str(value or "").split())


def sample(rows: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The fixed sample: per table, the SAMPLE distinct keyed rows of smallest key hash, each
    with the sentence of its first row."""
    out = {}
    for table, key_fields in KEYS.items():
        first: dict[tuple, dict] = {}
        for row in rows[table]:
            key = tuple(_cell(row[f]) for f in key_fields)
            first.setdefault(key, row)
        ranked = sorted(first, key=lambda k: hashlib.sha1("\x1f".join(k).encode()).hexdigest())[:SAMPLE]
        out[table] = [dict(zip(key_fields, key), **{f: _cell(first[key][f]) for f in EXTRA[table]},
                           sentence=first[key]["sentence"], surface=first[key]["surface"]) for key in ranked]
    return out


def read_judgements(table: str) -> dict[tuple, dict]:
    path = JUDGEMENTS / f"ant_{table}.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {tuple(r[f] for f in KEYS[table]): r for r in csv.DictReader(handle)}


def write_judgements(table: str, drawn: list[dict]) -> None:
    """Merge the drawn rows into the judgement file, keeping all judgements made."""
    known = read_judgements(table)
    for row in drawn:
        key = tuple(row[f] for f in KEYS[table])
        known.setdefault(key, {f: row.get(f, "") for f in (*KEYS[table], *EXTRA[table])})
    _write(table, known)


def _write(table: str, known: dict[tuple, dict]) -> None:
    fields = (*KEYS[table], *EXTRA[table], "judgement", "note")
    JUDGEMENTS.mkdir(exist_ok=True)
    with (JUDGEMENTS / f"ant_{table}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        for key in sorted(known):
            writer.writerow({f: known[key].get(f, "") for f in fields})


def sheet(drawn: dict[str, list[dict]], out: Path) -> int:
    """Write the rows still unjudged, numbered, with their sentences, for a judge: JSON lines
    to ``out`` and text beside it; return how many."""
    n = 0
    with out.open("w", encoding="utf-8") as handle, out.with_suffix(".txt").open("w", encoding="utf-8") as text:
        for table, key_fields in KEYS.items():
            known = read_judgements(table)
            for row in drawn[table]:
                key = tuple(row[f] for f in key_fields)
                if known.get(key, {}).get("judgement"):
                    continue
                n += 1
                handle.write(json.dumps(dict(n=n, table=table, **row), ensure_ascii=False) + "\n")
                fields = " | ".join(f"{f}={row[f]}" for f in (*key_fields, *EXTRA[table]))
                text.write(f"#{n} [{table}] {fields}\n  surface: {row['surface']}\n  sentence: {row['sentence']}\n\n")
    return n


def merge(rows_file: Path, verdicts_file: Path) -> None:
    """Fold a judge's verdicts (JSON lines of n, judgement, note) into the judgement files."""
    rows = {r["n"]: r for r in map(json.loads, rows_file.read_text(encoding="utf-8").splitlines())}
    verdicts = [json.loads(line) for line in verdicts_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    for table, key_fields in KEYS.items():
        known = read_judgements(table)
        for v in verdicts:
            row = rows.get(v["n"])
            if row is None or row["table"] != table or v.get("judgement") not in ("correct", "incorrect"):
                continue
            key = tuple(row[f] for f in key_fields)
            entry = known.setdefault(key, {f: row.get(f, "") for f in (*key_fields, *EXTRA[table])})
            entry.update(judgement=v["judgement"], note=" ".join(str(v.get("note", "")).split()))
        _write(table, known)


def score(drawn: dict[str, list[dict]]) -> None:
    for table, key_fields in KEYS.items():
        known = read_judgements(table)
        verdicts = [known.get(tuple(r[f] for f in key_fields), {}).get("judgement", "") for r in drawn[table]]
        judged = [v for v in verdicts if v in ("correct", "incorrect")]
        right = sum(v == "correct" for v in judged)
        precision = right / len(judged) if judged else float("nan")
        print(f"{table}: precision {precision:.3f} ({right}/{len(judged)} judged correct), "
              f"{len(verdicts) - len(judged)} of {len(verdicts)} sampled rows unjudged")


def _skeleton(name: str) -> str:
    """A name's spelling skeleton: normalised, without spaces, long vowels, hamza seats and
    final ه/ة (ترامب / ترمب, نتنياهو / نتانياهو, بيسكوف / بسكوف, عبد العزيز / عبدالعزيز)."""
    folded = "".join(ch for ch in normalise(name) if ch not in " اويىءئؤ\u200c-")
    return folded.rstrip("هة")


def splits(rows: list[dict]) -> None:
    """Count people the officials table gives several ids: ids of one country whose names
    have the same spelling skeleton (:func:`_skeleton`)."""
    ids = defaultdict(set)
    names = defaultdict(set)
    for row in rows:
        key = (_skeleton(row["name"]), row["country"])
        ids[key].add(row["official_id"])
        names[key].add(row["name"])
    split = {k: v for k, v in ids.items() if len(v) > 1 and len(k[0]) >= 4}
    people = len({r["official_id"] for r in rows})
    print(f"officials: {len(rows)} rows, {people} ids; {len(split)} people hold more than one id "
          f"({sum(len(v) for v in split.values())} ids: same country, same spelling skeleton)")
    for key, members in sorted(split.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:15]:
        print(f"  {key[1] or '-'} {len(members)} ids: {' / '.join(sorted(names[key])[:6])}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("sheet", "merge", "score", "splits"))
    parser.add_argument("verdicts", nargs="?", type=Path, help="merge: the judge's JSON lines")
    parser.add_argument("--out", type=Path, default=Path("/tmp/ant_judging_sheet.jsonl"))
    args = parser.parse_args(argv)
    if args.command == "merge":
        if args.verdicts is None:
            parser.error("merge needs the verdicts file")
        merge(args.out, args.verdicts)
        return 0
    rows, _ = build()
    if args.command == "splits":
        splits(rows["officials"])
        return 0
    drawn = sample(rows)
    if args.command == "sheet":
        for table in KEYS:
            write_judgements(table, drawn[table])
        n = sheet(drawn, args.out)
        print(f"{n} rows to judge written to {args.out}")
    else:
        score(drawn)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
