"""Person names by a statistical tagger: a linear-chain CRF trained on real newswire.

A second opinion beside the title anchoring of :mod:`officials`: where the rules cut a name
short ("بشار" for "بشار الأسد") or take a common word for one, the tagger's spans and
per-word person probabilities say so. The model is trained by ``scripts/train_name_tagger.py``
(sklearn-crfsuite) and shipped as its weights, ``data/models/name_tagger_<lang>.json.gz``
(see ``data/models/README.md``); decoding here is plain Python (Viterbi and forward-backward
over three labels), so the run time needs no CRF library. A language without a model file
(English; Persian, whose corpus may not be redistributed) gives no opinion: ``None``.

Words are the tokens of the normalised text (:func:`techdiplomacy.text.normalisation.normalise`)
as :mod:`lexicon` splits them, so the tagger and the officials extractor see the same words.
"""

from __future__ import annotations

import gzip
import json
import math
from functools import cache, lru_cache

from techdiplomacy.extract import lexicon
from techdiplomacy.extract.units import split_columns, strip_proclitics
from techdiplomacy.settings import PROJECT_ROOT
from techdiplomacy.text.normalisation import normalise

MODEL_DIR = PROJECT_ROOT / "data" / "models"
#: The labels, in the order of the weights in a model file: outside, first word, next word.
LABELS = ("O", "B", "I")


def model_path(language: str):
    """Return the path of ``language``'s model file (which may not exist)."""
    return MODEL_DIR / f"name_tagger_{language}.json.gz"


@cache
def _model(language: str) -> tuple[dict[str, tuple[float, float, float]], list[list[float]]] | None:
    """Return ({feature: weight per label}, transition weights [from][to]) of ``language``'s
    model, read once; None when it has none."""
    path = model_path(language)
    if not path.exists():
        return None
    with gzip.open(path, "rt", encoding="utf-8") as f:
        data = json.load(f)
    if data["labels"] != list(LABELS):
        raise ValueError(f"{path}: labels {data['labels']} are not {list(LABELS)}")
    return {k: tuple(v) for k, v in data["state"].items()}, data["transitions"]


def available(language: str) -> bool:
    """True when ``language`` has a model file."""
    return _model(language) is not None


@cache
def _lexicon() -> dict[str, frozenset[str]]:
    lex = lexicon.word_sets()
    from techdiplomacy.extract import titles

    return {
        "first": lex["first"],
        "first_common": lex["first_common"],
        "title": frozenset(titles._title_heads()) | lex["title_words"],
        "honorific": lex["honorifics"],
        "particle": lex["particles"],
        "stop": lex["stop"],
        "known": lex["known_tokens"],
    }


@lru_cache(maxsize=65536)
def _word_features(w: str, language: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """Return (the proclitic-stripped form, the features of one word about itself, those of
    them a neighbour sees, prefixed "{offset}:" by :func:`features`)."""
    s = strip_proclitics(w)
    if not w[:1].isalpha():
        kind = "digit" if w[:1].isdigit() else "punct"
        return s, ("w=" + w, kind), (kind,)
    lex = _lexicon()
    feats = ["w=" + w, "s=" + s, "p2=" + s[:2], "p3=" + s[:3], "x2=" + s[-2:], "x3=" + s[-3:],
             f"len={min(len(s), 8)}", f"z={int(lexicon.zipf(w, language))}"]
    if w.isascii():
        feats.append("latin")
    if w.startswith("ال") or s is not w and w.endswith("ال" + s):
        feats.append("al")
    forms = lexicon.clitic_forms(w)
    for name in ("first", "first_common", "title", "honorific", "particle", "known"):
        if any(f in lex[name] for f in forms):
            feats.append(name)
    if w in lex["stop"]:
        feats.append("stop")
    return s, tuple(feats), tuple(f for f in feats if f in _SHARED)


#: The own features copied onto a neighbour's word, with its offset as prefix.
_SHARED = frozenset(("first", "first_common", "title", "honorific", "particle", "stop", "punct", "digit", "al"))


def features(words: list[str], language: str) -> list[list[str]]:
    """Return the CRF features of each normalised word of one sentence: the word, its
    proclitic-stripped form and affixes, length, frequency band, whether it is a known first
    name, title word, honorific, name particle or stop word, and the same of two words either
    side. The training script calls this too, so training and tagging agree."""
    own = [_word_features(w, language) for w in words]
    n = len(words)
    out = []
    for i, (_, feats, _) in enumerate(own):
        row = ["bias", *feats]
        for d in (-2, -1, 1, 2):
            j = i + d
            if j < 0:
                row.append(f"{d}:BOS")
            elif j >= n:
                row.append(f"{d}:EOS")
            else:
                s2, _, shared = own[j]
                row.append(f"{d}:s={s2}")
                row.extend(f"{d}:{f}" for f in shared)
        out.append(row)
    return out


def _emissions(words: list[str], language: str, state: dict) -> list[tuple[float, float, float]]:
    zero = (0.0, 0.0, 0.0)
    out = []
    get = state.get
    for feats in features(words, language):
        o = b = i = 0.0
        for f in feats:
            wo, wb, wi = get(f, zero)
            o += wo
            b += wb
            i += wi
        out.append((o, b, i))
    return out


def _viterbi(em: list[tuple[float, float, float]], trans: list[list[float]]) -> list[str]:
    score = list(em[0])
    back = []
    for e in em[1:]:
        ptr, new = [], []
        for y in range(3):
            best = max(range(3), key=lambda x: score[x] + trans[x][y])
            ptr.append(best)
            new.append(score[best] + trans[best][y] + e[y])
        back.append(ptr)
        score = new
    y = max(range(3), key=score.__getitem__)
    path = [y]
    for ptr in reversed(back):
        y = ptr[y]
        path.append(y)
    return [LABELS[y] for y in reversed(path)]


def _marginals(em: list[tuple[float, float, float]], trans: list[list[float]]) -> list[float]:
    """P(label is B or I) per word: forward-backward, each step rescaled to sum 1."""
    et = [[math.exp(t) for t in row] for row in trans]
    pots = []
    for e in em:
        m = max(e)
        pots.append([math.exp(v - m) for v in e])
    alpha = []
    a = pots[0]
    for t, p in enumerate(pots):
        if t:
            a = [p[y] * (a[0] * et[0][y] + a[1] * et[1][y] + a[2] * et[2][y]) for y in range(3)]
        z = a[0] + a[1] + a[2]
        a = [v / z for v in a]
        alpha.append(a)
    beta = [1.0, 1.0, 1.0]
    out = [0.0] * len(em)
    for t in range(len(em) - 1, -1, -1):
        g = [alpha[t][y] * beta[y] for y in range(3)]
        out[t] = (g[1] + g[2]) / (g[0] + g[1] + g[2])
        if t:
            p = pots[t]
            beta = [et[x][0] * p[0] * beta[0] + et[x][1] * p[1] * beta[1] + et[x][2] * p[2] * beta[2] for x in range(3)]
            zb = beta[0] + beta[1] + beta[2]
            beta = [v / zb for v in beta]
    return out


def analyse(words: list[str], language: str) -> tuple[list[str], list[float]] | None:
    """Return (the most likely label of each word, the probability that each word is part of
    a person's name), or None when ``language`` has no model."""
    model = _model(language)
    if model is None:
        return None
    if not words:
        return [], []
    state, trans = model
    em = _emissions(words, language, state)
    return _viterbi(em, trans), _marginals(em, trans)


def tags(words: list[str], language: str) -> list[str] | None:
    """Return the most likely label ("O", "B", "I") of each word (Viterbi), or None when
    ``language`` has no model."""
    model = _model(language)
    if model is None:
        return None
    return _viterbi(_emissions(words, language, model[0]), model[1]) if words else []


def person_probabilities(words: list[str], language: str) -> list[float] | None:
    """Return the marginal probability that each word is part of a person's name ("B" or
    "I", forward-backward), or None when ``language`` has no model."""
    model = _model(language)
    if model is None:
        return None
    return _marginals(_emissions(words, language, model[0]), model[1]) if words else []


def spans(labels: list[str]) -> list[tuple[int, int]]:
    """Return the (first, last) word index of each name in a label sequence (an "I" after
    "O" opens a name too)."""
    out: list[tuple[int, int]] = []
    start = None
    for k, y in enumerate(labels):
        if y == "B" or y == "I" and start is None:
            if start is not None:
                out.append((start, k - 1))
            start = k
        elif y == "O" and start is not None:
            out.append((start, k - 1))
            start = None
    if start is not None:
        out.append((start, len(labels) - 1))
    return out


def person_spans(text: str, language: str) -> list[tuple[int, int]]:
    """Return the (start, end) character span of each person's name in ``normalise(text)``;
    empty when ``language`` has no model."""
    norm = normalise(text)
    starts, ends, words = split_columns(lexicon._TOKEN_SPLIT, norm, 0, len(norm))
    labels = tags(words, language)
    if not labels:
        return []
    return [(starts[a], ends[b]) for a, b in spans(labels)]
