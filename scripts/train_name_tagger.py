"""Train the person-name CRF of :mod:`techdiplomacy.extract.name_tagger` and write its weights.

    .venv/bin/python scripts/train_name_tagger.py [--language ar fa] [--c1 0.1] [--c2 0.01]

Needs sklearn-crfsuite (``pip install -e '.[train]'``) and the corpora in ``../shared/data/``
(never copied into the repository):

* ar: NewsFANE Gold (CC BY-SA 3.0), its person classes (Politician, Athlete, Artist,
  Other_PER, Religious_PER, Scientist, Businessperson, Lawyer, Engineer, Police) as PERS; the
  class Group (nationalities, "الصينيون") is not a person's name. NewsFANE re-annotates newswire
  that ANERcorp holds too, so every sentence sharing a word 6-gram with the ANERcorp CAMeL Lab
  test split (the test set) is left out.
* fa: ArmanPersoNERCorpus folds 2 and 3 ("academic research use only"), less any sentence
  that also occurs in fold 1, the test fold. The model file this writes is not committed (see
  ``data/models/README.md``).

Each corpus token is normalised as the extractors normalise text and split as
:mod:`techdiplomacy.extract.lexicon` splits it (a ZWNJ compound becomes two words), the label
following: the first piece keeps it, the others continue a name ("I") or stay "O".
Writes ``data/models/name_tagger_<lang>.json.gz``: {"labels", "transitions", "state": {feature:
[weight per label]}}, weights rounded to 4 decimals, features whose weights are all 0 dropped.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))

from techdiplomacy.extract import lexicon, name_tagger
from techdiplomacy.extract.units import split_columns
from techdiplomacy.text.normalisation import normalise

DATA = ROOT / ".." / "shared" / "data"
NEWSFANE = DATA / "newsfane_gold" / "NewsFANE_Gold_2014_170K.txt"
ANERCORP_TEST = DATA / "anercorp_camel" / "ANERCorp_CamelLab_test.txt"
ARMAN = DATA / "arman_personer"
#: NewsFANE's fine-grained person classes (Group is a collective, not a name).
NEWSFANE_PERSONS = frozenset(
    ["Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist", "Businessperson", "Lawyer", "Engineer", "Police"]
)


def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    """Return the sentences of a one-token-a-line file as [(token, tag)] (a blank line, or a
    line of only a tab, ends a sentence); strips a BOM, CR and U+200E marks."""
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        line = line.replace("\u200e", "").rstrip("\r")
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        parts = line.rsplit(None, 1)
        if len(parts) != 2:
            continue
        token, tag = parts
        current.append((token, tag))
    if current:
        sentences.append(current)
    return sentences


def person_tag(tag: str, corpus: str) -> str:
    """Return "B", "I" or "O": the corpus tag read as person / not person."""
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, kind = tag.split("-", 1)
    is_person = kind in NEWSFANE_PERSONS if corpus == "newsfane" else kind.lower() in ("pers", "per")
    return prefix if is_person and prefix in ("B", "I") else "O"


def words_and_labels(sentence: list[tuple[str, str]], corpus: str) -> tuple[list[str], list[str], list[int]]:
    """Return the normalised words of a corpus sentence, their labels, and for each word the
    index of the corpus token it comes from."""
    words, labels, origin = [], [], []
    for k, (token, tag) in enumerate(sentence):
        label = person_tag(tag, corpus)
        norm = normalise(token)
        pieces = split_columns(lexicon._TOKEN_SPLIT, norm, 0, len(norm))[2]
        for p, piece in enumerate(pieces):
            words.append(piece)
            labels.append(label if p == 0 else ("I" if label != "O" else "O"))
            origin.append(k)
    return words, labels, origin


def _grams(words: list[str], n: int = 6) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def corpus(language: str) -> list[tuple[list[str], list[str]]]:
    """Return the training sentences of ``language`` as (words, labels)."""
    if language == "ar":
        # NewsFANE re-annotates newswire that ANERcorp also holds (a third of the ANERcorp test
        # split's 8-grams occur in it, though no sentence is split alike): drop every NewsFANE
        # sentence that shares a word 6-gram with the ANERcorp test split, the test set
        test = set()
        for sentence in read_conll(ANERCORP_TEST):
            test.update(_grams([normalise(t) for t, _ in sentence]))
        train = read_conll(NEWSFANE)
        kept = [s for s in train if not test.intersection(_grams([normalise(t) for t, _ in s]))]
        print(f"ar: {len(train)} NewsFANE sentences, {len(train) - len(kept)} sharing text with the ANERcorp test dropped")
        sentences = [(s, "newsfane") for s in kept]
    else:
        test = {tuple(t for t, _ in s) for s in read_conll(ARMAN / "test_fold1.txt")}
        train = read_conll(ARMAN / "test_fold2.txt") + read_conll(ARMAN / "test_fold3.txt")
        kept = [s for s in train if tuple(t for t, _ in s) not in test]
        print(f"fa: {len(train)} sentences in folds 2+3, {len(train) - len(kept)} also in fold 1 dropped")
        sentences = [(s, "arman") for s in kept]
    out = []
    for s, name in sentences:
        words, labels, _ = words_and_labels(s, name)
        if words:
            out.append((words, labels))
    return out


def train(language: str, c1: float, c2: float, iterations: int) -> Path:
    """Train ``language``'s CRF and write its model file; return its path."""
    import sklearn_crfsuite

    data = corpus(language)
    x = [name_tagger.features(w, language) for w, _ in data]
    y = [labels for _, labels in data]
    n_tokens = sum(map(len, y))
    print(f"{language}: {len(data)} sentences, {n_tokens} words, {sum(l.count('B') for l in y)} names")
    t0 = time.perf_counter()
    crf = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=c1, c2=c2, max_iterations=iterations,
                               all_possible_transitions=True)
    crf.fit(x, y)
    print(f"{language}: trained in {time.perf_counter() - t0:.0f} s")
    index = {label: i for i, label in enumerate(name_tagger.LABELS)}
    state: dict[str, list[float]] = {}
    for (attr, label), weight in crf.state_features_.items():
        state.setdefault(attr, [0.0, 0.0, 0.0])[index[label]] = round(weight, 4)
    state = {k: v for k, v in sorted(state.items()) if any(v)}
    trans = [[0.0] * 3 for _ in range(3)]
    for (a, b), weight in crf.transition_features_.items():
        trans[index[a]][index[b]] = round(weight, 4)
    model = {
        "labels": list(name_tagger.LABELS),
        "language": language,
        "trained_on": "NewsFANE Gold less the sentences sharing a 6-gram with the ANERcorp test split" if language == "ar" else "ArmanPersoNERCorpus folds 2+3 less fold 1",
        "c1": c1, "c2": c2, "max_iterations": iterations,
        "transitions": trans,
        "state": state,
    }
    path = name_tagger.model_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
        json.dump(model, f, ensure_ascii=False, separators=(",", ":"))
    print(f"{language}: {len(state)} features -> {path} ({path.stat().st_size / 1e6:.2f} MB)")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", nargs="+", default=["ar", "fa"], choices=["ar", "fa"])
    parser.add_argument("--c1", type=float, default=0.1, help="L1 weight (sparser model)")
    parser.add_argument("--c2", type=float, default=0.01, help="L2 weight")
    parser.add_argument("--iterations", type=int, default=150)
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"no shared data at {DATA}: nothing to train on")
        return 0
    for language in args.language:
        train(language, args.c1, args.c2, args.iterations)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
