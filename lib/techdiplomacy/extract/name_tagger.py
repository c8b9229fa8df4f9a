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
        "name_words": lex["first"] | lex["first_common"] | lex["known_tokens"],
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


_ZERO = (0.0, 0.0, 0.0)


def _sum(state: dict, feats) -> tuple[float, float, float]:
    o = b = i = 0.0
    for f in feats:
        wo, wb, wi = state.get(f, _ZERO)
        o += wo
        b += wb
        i += wi
    return o, b, i


@lru_cache(maxsize=262144)
def _part(w: str, language: str, d: int) -> tuple[float, float, float]:
    """The weights the word ``w`` adds to the score of the word ``d`` places before it (0:
    its own features): the features of :func:`features` split by the word they read, so that
    each word's share is summed once and a sentence's scores are sums of cached parts."""
    state = _model(language)[0]
    s, feats, shared = _word_features(w, language)
    if d == 0:
        return _sum(state, ("bias", *feats))
    return _sum(state, (f"{d}:s={s}", *(f"{d}:{f}" for f in shared)))


@cache
def _edges(language: str) -> tuple[dict, dict]:
    state = _model(language)[0]
    return {d: state.get(f"{d}:BOS", _ZERO) for d in (-2, -1)}, {d: state.get(f"{d}:EOS", _ZERO) for d in (1, 2)}


def _emissions(words: list[str], language: str) -> list[tuple[float, float, float]]:
    """The score of each label for each word: its own part and its neighbours' (the same sums
    as the weights of :func:`features`)."""
    n = len(words)
    bos, eos = _edges(language)
    out = []
    for i in range(n):
        o, b, y = _part(words[i], language, 0)
        for d in (-2, -1, 1, 2):
            j = i + d
            if j < 0:
                po, pb, py = bos[d]
            elif j >= n:
                po, pb, py = eos[d]
            else:
                po, pb, py = _part(words[j], language, d)
            o += po
            b += pb
            y += py
        out.append((o, b, y))
    return out


def _viterbi(em: list[tuple[float, float, float]], trans: list[list[float]]) -> list[str]:
    score = list(em[0])
    back = []
    for e in em[1:]:
        ptr, new = [], []
        for y in range(3):
            c0, c1, c2 = score[0] + trans[0][y], score[1] + trans[1][y], score[2] + trans[2][y]
            best = 0 if c0 >= c1 and c0 >= c2 else (1 if c1 >= c2 else 2)
            ptr.append(best)
            new.append((c0, c1, c2)[best] + e[y])
        back.append(ptr)
        score = new
    y = max(range(3), key=score.__getitem__)
    path = [y]
    for ptr in reversed(back):
        y = ptr[y]
        path.append(y)
    return [LABELS[y] for y in reversed(path)]


@cache
def _exp_transitions(language: str) -> list[list[float]]:
    return [[math.exp(t) for t in row] for row in _model(language)[1]]


def _marginals(em: list[tuple[float, float, float]], et: list[list[float]]) -> list[float]:
    """P(label is B or I) per word: forward-backward, each step rescaled to sum 1."""
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
    trans = model[1]
    em = _emissions(words, language)
    return _viterbi(em, trans), _marginals(em, _exp_transitions(language))


def tags(words: list[str], language: str) -> list[str] | None:
    """Return the most likely label ("O", "B", "I") of each word (Viterbi), or None when
    ``language`` has no model."""
    model = _model(language)
    if model is None:
        return None
    return _viterbi(_emissions(words, language), model[1]) if words else []


def person_probabilities(words: list[str], language: str) -> list[float] | None:
    """Return the marginal probability that each word is part of a person's name ("B" or
    "I", forward-backward), or None when ``language`` has no model."""
    model = _model(language)
    if model is None:
        return None
    return _marginals(_emissions(words, language), _exp_transitions(language)) if words else []


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


#: A rule name whose every word the tagger gives less than this probability of being part of
#: a person's name is dropped ...
NO_PERSON = 0.01
#: ... and a word at the edge of a rule name is cut off when the tagger gives it no such chance
#: and it is this common (Zipf frequency).
COMMON_ZIPF = 4.0
#: A word rarer than this (Zipf frequency), or a known name word, may start a name: only
#: beside such words is the tagger asked.
RARE_ZIPF = 4.5
#: Words tagged before and after the words in question: the features read two words either side.
CONTEXT = 3
_COMMAS = frozenset({"،", ","})


def revise(tokens: list, pairs: list, phrases: list, language: str, blocked: set[int]) -> list:
    """Return the officials rules' [(title, (first, last))] name pairs over ``tokens``
    (:class:`lexicon.Token`) revised by the tagger: a name the tagger reads as longer (the
    rules' "بشار" within its "بشار الاسد") grows to the tagger's span, over words that are no
    title, entity (``blocked``), punctuation or other name; a common word at its edge that the
    tagger leaves out is cut ("جاك شيراك انذاك"); a name none of whose words the tagger gives any
    chance of being a person's is dropped; a title (``phrases``) the rules paired with no name
    takes the tagger's name right after or right before it (a comma between allowed). Latin
    words are left alone (no Latin training text).

    Only the neighbourhoods where the tagger could change something are tagged (a one-word
    name, a name word beside a name, a name word beside an unpaired title), each with
    :data:`CONTEXT` words either side and never across a window break: the second opinion
    costs little beside the rules."""
    n = len(tokens)
    lex = _lexicon()
    stop, names = lex["stop"], lex["name_words"]
    taken = {k for _, (a, b) in pairs for k in range(a, b + 1)}

    def plain(k: int) -> bool:  # an Arabic-script word, no title, entity or stop word
        w = tokens[k].norm if 0 <= k < n else ""
        return w[:1].isalpha() and not w.isascii() and k not in blocked and w not in stop

    def wordlike(k: int) -> bool:  # ... that is a name word, or rare
        return plain(k) and (lexicon.zipf(tokens[k].norm, language) < RARE_ZIPF
                             or any(f in names for f in lexicon.clitic_forms(tokens[k].norm)))

    ranges = []
    for _, (a, b) in pairs:
        if a == b or plain(a - 1) and a - 1 not in taken or plain(b + 1) and b + 1 not in taken:
            ranges.append((a - CONTEXT, b + CONTEXT + 2))
    paired = {id(t) for t, _ in pairs}
    for title in phrases:
        if id(title) in paired:
            continue
        after = title.last + 1 + (title.last + 1 < n and tokens[title.last + 1].norm in _COMMAS)
        before = title.first - 1 - (title.first >= 1 and tokens[title.first - 1].norm in _COMMAS)
        if after not in taken and (wordlike(after) or plain(after) and wordlike(after + 1)):
            ranges.append((title.last - CONTEXT + 1, after + CONTEXT + 2))
        if before not in taken and (wordlike(before) or plain(before) and wordlike(before - 1)):
            ranges.append((before - CONTEXT - 2, title.first + CONTEXT - 1))
    if not ranges:
        return pairs
    labels, probs = ["O"] * n, [1.0] * n  # untagged words: no opinion; nor on Latin words
    trans = _model(language)[1]
    for lo, hi in _merged(ranges, tokens):
        em = _emissions([t.norm for t in tokens[lo:hi + 1]], language)
        labels[lo:hi + 1] = _viterbi(em, trans)
        if any(k in taken for k in range(lo, hi + 1)):  # the probabilities serve the rules' names only
            probs[lo:hi + 1] = _marginals(em, _exp_transitions(language))
    found = [(a, b) for a, b in spans(labels) if not any(_latin(tokens[k].norm) for k in range(a, b + 1))]
    out = []
    for title, (a, b) in pairs:
        if max(probs[a:b + 1]) < NO_PERSON and not any(_latin(tokens[k].norm) for k in range(a, b + 1)):
            taken -= set(range(a, b + 1))
            continue
        while b > a and probs[b] < NO_PERSON and not _latin(tokens[b].norm) and lexicon.zipf(tokens[b].norm, language) >= COMMON_ZIPF:
            b -= 1
        while a < b and probs[a] < NO_PERSON and not _latin(tokens[a].norm) and lexicon.zipf(tokens[a].norm, language) >= COMMON_ZIPF:
            a += 1
        others = taken - set(range(a, b + 1))
        for ca, cb in found:
            if cb < a or ca > b:
                continue
            while ca < a and not _free(tokens, range(ca, a), blocked, others):
                ca += 1
            while cb > b and not _free(tokens, range(b + 1, cb + 1), blocked, others):
                cb -= 1
            a, b = min(a, ca), max(b, cb)
        taken |= set(range(a, b + 1))
        out.append((title, (a, b)))
    paired = {id(t) for t, _ in out}
    for title in phrases:
        if id(title) in paired:
            continue
        after = title.last + 1 + (title.last + 1 < n and tokens[title.last + 1].norm in _COMMAS)
        before = title.first - 1 - (title.first >= 1 and tokens[title.first - 1].norm in _COMMAS)
        for ca, cb in found:
            if (ca == after or cb == before) and _free(tokens, range(ca, cb + 1), blocked, taken):
                taken |= set(range(ca, cb + 1))
                out.append((title, (ca, cb)))
                break
    out.sort(key=lambda x: x[1][0])
    return out


def _latin(word: str) -> bool:
    return word[:1].isalpha() and word.isascii()


def _merged(ranges: list[tuple[int, int]], tokens: list) -> list[tuple[int, int]]:
    """The union of the token ranges, clipped to the text and cut at window breaks."""
    n = len(tokens)
    out: list[list[int]] = []
    for lo, hi in sorted((max(lo, 0), min(hi, n - 1)) for lo, hi in ranges):
        if out and lo <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    pieces = []
    for lo, hi in out:
        start = lo
        for k in range(lo, hi + 1):
            if tokens[k].norm == lexicon.BREAK:
                if k > start:
                    pieces.append((start, k - 1))
                start = k + 1
        if hi >= start:
            pieces.append((start, hi))
    return pieces


def _free(tokens: list, ks: range, blocked: set[int], taken: set[int]) -> bool:
    """True when the words ``ks`` may all join a name."""
    return all(k not in blocked and k not in taken and tokens[k].norm[:1].isalpha() for k in ks)
