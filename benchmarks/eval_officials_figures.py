"""Officials' names against real newswire: how many extracted names are gold person names.

Reads the shared NER corpora (``../shared/data``: ANERcorp for Arabic, ArmanPersoNER for
Persian), rebuilds their sentences, runs :func:`techdiplomacy.extract.officials.extract` on
groups of sentences and reports, for every extracted row, whether its span is exactly a gold
person span (PERS / pers), overlaps one, or is no person at all. Recall cannot be read from
these corpora (most persons there carry no title), so this measures precision of names only.

    python benchmarks/eval_officials_figures.py [--group 8]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from techdiplomacy.extract import officials
from techdiplomacy.text.document import Document

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
CORPORA = {
    "ar": (SHARED / "anercorp_camel" / "ANERCorp_CamelLab_test.txt", "PERS"),
    "fa": (SHARED / "arman_personer" / "test_fold1.txt", "pers"),
}


def sentences(path: Path) -> list[list[tuple[str, str]]]:
    """Return sentences as lists of (token, tag); a blank line or a lone '.' ends one."""
    out, current = [], []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        parts = line.strip().rsplit(" ", 1)
        if len(parts) != 2:
            if current:
                out.append(current)
                current = []
            continue
        current.append((parts[0], parts[1]))
        if parts[0] in (".", "؟", "!"):
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def documents(sents, group: int, label: str):
    """Yield (text, person spans) for groups of ``group`` sentences."""
    for i in range(0, len(sents), group):
        text, spans, pos, open_span = [], [], 0, None
        for sent in sents[i:i + group]:
            for token, tag in sent:
                start = pos
                text.append(token)
                pos += len(token) + 1
                if tag == f"B-{label}":
                    open_span = [start, start + len(token)]
                    spans.append(open_span)
                elif tag == f"I-{label}" and open_span is not None:
                    open_span[1] = start + len(token)
                else:
                    open_span = None
        yield " ".join(text), [tuple(s) for s in spans]


def evaluate(language: str, group: int) -> dict:
    path, label = CORPORA[language]
    counts = {"rows": 0, "exact": 0, "overlap": 0, "none": 0}
    misses = []
    t0 = time.perf_counter()
    for text, spans in documents(sentences(path), group, label):
        for row in officials.extract(Document(text, language=language)):
            counts["rows"] += 1
            s, e = row["start"], row["end"]
            if (s, e) in spans:
                counts["exact"] += 1
            elif any(s < b and a < e for a, b in spans):
                counts["overlap"] += 1
            else:
                counts["none"] += 1
                misses.append((row["surface"], row["title"]))
    counts["seconds"] = round(time.perf_counter() - t0, 2)
    counts["precision_exact"] = round(counts["exact"] / counts["rows"], 3) if counts["rows"] else None
    counts["precision_overlap"] = (
        round((counts["exact"] + counts["overlap"]) / counts["rows"], 3) if counts["rows"] else None
    )
    counts["examples_not_person"] = misses[:15]
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--group", type=int, default=8, help="sentences per document")
    args = parser.parse_args()
    for language, (path, _) in CORPORA.items():
        if not path.exists():
            print(f"{language}: {path} not found, skipped")
            continue
        print(language, evaluate(language, args.group))


if __name__ == "__main__":
    main()
