"""The person-name CRF against the officials rules: name spans on ANERcorp, ARMAN and the dev set.

    .venv/bin/python benchmarks/bench_name_tagger.py [--show 0]

Per corpus (ANERcorp CAMeL Lab test, ar; ArmanPersoNER fold 1, fa, the fold the Persian model
was not trained on), on each sentence's text (its tokens joined by spaces):

* CRF: PERS span precision / recall / F1 over all gold person spans (exact token span);
* titled persons: the gold person spans with a title word (a first word of a title of
  ``data/reference/titles.csv``, proclitics allowed) within 3 tokens before or after. Each
  system's spans are kept when they stand so beside a title word too, then scored exactly
  (same first and last corpus token) and by overlap: precision against every gold person span,
  recall of the titled ones. (a) rules: the name spans of ``officials.extract``'s rows; (b) the
  CRF's spans; (c) the rules with the CRF as second opinion (``second_opinion=True``).
* speed: words per second of ``name_tagger.analyse`` over the corpus.

Dev set (``../shared/data/realnews-dev``): the "official names" F1 of ``techdiplomacy.evaluate``
with and without the second opinion, per language. Exits cleanly when the data is absent.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))
sys.path.insert(0, str(ROOT / "scripts"))

from train_name_tagger import ANERCORP_TEST, ARMAN, DATA, read_conll, words_and_labels

from techdiplomacy import evaluate
from techdiplomacy.extract import lexicon, name_tagger, officials, titles
from techdiplomacy.text.document import Document
from techdiplomacy.text.normalisation import normalise

DEV = DATA / "realnews-dev"
NEAR = 3


def _title_word(token: str) -> bool:
    heads = titles._title_heads()
    return any(f in heads for f in lexicon.clitic_forms(normalise(token)))


def _gold(sentence, corpus: str) -> list[tuple[int, int]]:
    out, start = [], None
    for k, (_, tag) in enumerate(sentence):
        kind = tag.split("-", 1)[-1].lower()
        if tag.startswith("B-") and kind in ("pers", "per") or tag.startswith("I-") and kind in ("pers", "per") and start is None:
            if start is not None:
                out.append((start, k - 1))
            start = k
        elif not (tag.startswith("I-") and kind in ("pers", "per")) and start is not None:
            out.append((start, k - 1))
            start = None
    if start is not None:
        out.append((start, len(sentence) - 1))
    return out


def _near_title(span: tuple[int, int], title_at: set[int]) -> bool:
    a, b = span
    return any(k in title_at for k in (*range(a - NEAR, a), *range(b + 1, b + 1 + NEAR)))


def _rule_spans(text: str, bounds: list[tuple[int, int]], language: str, second: bool) -> set[tuple[int, int]]:
    doc = Document(text, language=language)
    out = set()
    for row in officials.extract(doc, second_opinion=second):
        ks = [k for k, (s, e) in enumerate(bounds) if s < row["end"] and row["start"] < e]
        if ks:
            out.add((ks[0], ks[-1]))
    return out


def _score(pred: list[set], gold_all: list[list], gold_titled: list[list]) -> dict:
    n_pred = sum(map(len, pred))
    n_gold = sum(map(len, gold_titled))
    tp_p = sum(len(p & set(g)) for p, g in zip(pred, gold_all))
    tp_r = sum(len(set(g) & p) for p, g in zip(pred, gold_titled))
    ov_p = sum(sum(any(a <= y and x <= b for x, y in g) for a, b in p) for p, g in zip(pred, gold_all))
    ov_r = sum(sum(any(a <= y and x <= b for a, b in p) for x, y in g) for p, g in zip(pred, gold_titled))
    return {"n_pred": n_pred, "n_gold": n_gold, "P": tp_p / n_pred if n_pred else 0.0,
            "R": tp_r / n_gold if n_gold else 0.0, "P_overlap": ov_p / n_pred if n_pred else 0.0,
            "R_overlap": ov_r / n_gold if n_gold else 0.0}


def _words(tokens: list[str], spans) -> list[str]:
    return [" ".join(tokens[a:b + 1]) for a, b in sorted(spans)]


def corpus_scores(path: Path, language: str, corpus: str, show: int = 0) -> list[dict]:
    """Return the rows of the table for one test corpus."""
    sentences = read_conll(path)
    gold_all, gold_titled, crf_all, crf_titled, rules, both = [], [], [], [], [], []
    all_words = []
    shown = 0
    for sentence in sentences:
        tokens = [t for t, _ in sentence]
        text, bounds, pos = "", [], 0
        for t in tokens:
            bounds.append((pos, pos + len(t)))
            pos += len(t) + 1
        text = " ".join(tokens)
        title_at = {k for k, t in enumerate(tokens) if _title_word(t)}
        gold = _gold(sentence, corpus)
        gold_all.append(gold)
        gold_titled.append([g for g in gold if _near_title(g, title_at)])
        words, _, origin = words_and_labels(sentence, corpus)
        labels, _ = name_tagger.analyse(words, language)
        all_words.append(words)
        crf = {(origin[a], origin[b]) for a, b in name_tagger.spans(labels)}
        crf_all.append(crf)
        crf_titled.append({s for s in crf if _near_title(s, title_at)})
        rules.append({s for s in _rule_spans(text, bounds, language, False) if _near_title(s, title_at)})
        both.append({s for s in _rule_spans(text, bounds, language, True) if _near_title(s, title_at)})
        if shown < show and rules[-1] != both[-1]:
            shown += 1
            print(f"  gold {_words(tokens, gold_titled[-1])} rules {_words(tokens, rules[-1])}"
                  f" +crf {_words(tokens, both[-1])}")
    t0 = time.process_time()  # a second pass: the words' features are cached, as in a long build
    for words in all_words:
        name_tagger.analyse(words, language)
    tagging = time.process_time() - t0
    n_words = sum(map(len, all_words))
    n_pred = sum(map(len, crf_all))
    n_gold = sum(map(len, gold_all))
    tp = sum(len(p & set(g)) for p, g in zip(crf_all, gold_all))
    p, r = tp / n_pred, tp / n_gold
    print(f"{path.name}: CRF PERS spans P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r):.3f} "
          f"(gold {n_gold}, predicted {n_pred}); tagging {n_words / tagging:,.0f} words/s (CPU, labels and probabilities, second pass)")
    rows = []
    for system, pred in (("(a) rules", rules), ("(b) CRF", crf_titled), ("(c) rules + CRF", both)):
        rows.append({"corpus": path.name, "system": system, **_score(pred, gold_all, gold_titled)})
    return rows


def dev_scores() -> list[dict]:
    """Return the officials "name" rows of the dev set with and without the second opinion."""
    from techdiplomacy.tables import keyword_pass

    records = evaluate.read_gold(DEV / "realnews-dev.jsonl")
    out = []
    for second in (False, True):
        preds = []
        for r in records:
            doc = Document(r["text"], article_id=str(r.get("id", "")), language=r.get("language", ""),
                           keywords=keyword_pass())
            preds.append({"officials": officials.extract(doc, second_opinion=second), "figures": [],
                          "countries": [], "sectors": []})
        for language in ("all", "ar", "fa", "en"):
            pairs = [(r, p) for r, p in zip(records, preds) if language in ("all", r["language"])]
            table = evaluate.score([r for r, _ in pairs], [p for _, p in pairs])
            row = table[(table.extractor == "officials") & (table.field == "name")].iloc[0]
            out.append({"second_opinion": second, "language": language, "P": float(row.precision),
                        "R": float(row.recall), "F1": float(row.f1), "n_gold": int(row.n_gold),
                        "n_pred": int(row.n_pred)})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print this many sentences where (c) differs from (a)")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"no shared data at {DATA}: nothing to measure")
        return 0
    rows = []
    for path, language, corpus in ((ANERCORP_TEST, "ar", "anercorp"), (ARMAN / "test_fold1.txt", "fa", "arman")):
        if not name_tagger.available(language):
            print(f"{language}: no model at {name_tagger.model_path(language)} (scripts/train_name_tagger.py)")
            continue
        rows += corpus_scores(path, language, corpus, args.show)
    print("\nTitled persons (exact span; overlap in brackets)")
    print(f"{'corpus':30} {'system':16} {'P':>14} {'R':>14} {'pred':>5} {'gold':>5}")
    for r in rows:
        print(f"{r['corpus']:30} {r['system']:16} {r['P']:6.3f} ({r['P_overlap']:.3f}) {r['R']:6.3f} ({r['R_overlap']:.3f})"
              f" {r['n_pred']:5} {r['n_gold']:5}")
    if DEV.exists():
        print("\nDev set, officials 'name' (distinct persons per article)")
        print(f"{'second opinion':15} {'lang':5} {'P':>6} {'R':>6} {'F1':>6} {'pred':>5} {'gold':>5}")
        for r in dev_scores():
            print(f"{r['second_opinion']!s:15} {r['language']:5} {r['P']:6.3f} {r['R']:6.3f} {r['F1']:6.3f}"
                  f" {r['n_pred']:5} {r['n_gold']:5}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
