"""Near-duplicates: the same story republished by several outlets, lightly edited.

Each text becomes a set of word shingles of its *normalised* form (so ي/ی, ك/ک, alef forms,
harakat and Persian/Arabic digits do not matter). Shingles never cross a sentence boundary,
so shuffling sentences changes nothing. Two texts are near-duplicates when most shingles of
the shorter one occur in the longer one (containment, also called the overlap coefficient):
boilerplate added to one copy ("تابعونا على تويتر") only enlarges the longer set, and a
changed headline or a few changed words remove a few shingles.

For a corpus, MinHash signatures and LSH banding propose candidate pairs in near-linear time
(no all-pairs comparison); every candidate is then verified on the exact shingle sets, so
LSH only decides what is compared, never what is reported. Shingles that occur in a large
share of a big corpus (a site's standard footer) are ignored when grouping.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from itertools import chain, repeat

import numpy as np
import pandas as pd

from techdiplomacy.schema import conform, empty
from techdiplomacy.text.normalisation import normalise

#: Default containment above which two texts are near-duplicates.
DEFAULT_THRESHOLD = 0.6
#: Words per shingle.
SHINGLE_WORDS = 3
#: MinHash permutations, and LSH bands x rows (bands * rows == permutations).
PERMUTATIONS = 64
BANDS, ROWS = 32, 2
#: Shorter texts are compared by Jaccard, not containment: a few shingles are too easily contained.
MIN_SHINGLES_FOR_CONTAINMENT = 8
#: A shingle in more than this share of the corpus (and at least COMMON_MIN_DOCS texts) is boilerplate.
COMMON_SHARE = 0.01
COMMON_MIN_DOCS = 50
COMMON_SAMPLE = 5000  # texts sampled to find them
#: Buckets larger than this are linked to their first member only, to keep the work linear.
MAX_BUCKET = 100
SEED = 20240812


#: In normalised text: a word, or a sentence end (a line break is written as ¶ before splitting).
_PIECE = re.compile(r"\w+|[.!?؟;؛…¶]")
_BREAKS = frozenset(".!?؟;؛…¶")
#: The token code of a sentence end; every word's code is larger.
_BREAK = 1
_CHUNK_TEXTS = 2000  # texts tokenised at once (bounds the memory held in token strings)
_VALUE_BITS = np.uint64(48)  # bits of a shingle hash kept; the text number in a chunk takes the rest
_VALUE_MASK = np.uint64((1 << 48) - 1)
_MIX1, _MIX2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
_ROLL = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F))


@dataclass(frozen=True, slots=True)
class _Shingled:
    """Every text's shingle hashes, concatenated: text ``i`` owns ``values[offsets[i]:offsets[i+1]]``."""

    values: np.ndarray  # uint64, sorted and unique within each text
    offsets: np.ndarray  # int64, len(texts) + 1

    def of(self, i: int) -> np.ndarray:
        return self.values[self.offsets[i] : self.offsets[i + 1]]

    def sizes(self) -> np.ndarray:
        return np.diff(self.offsets)


def _sorted_unique(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (sorted distinct values, count of each); np.unique's hash path is far slower here."""
    ordered = np.sort(values)
    fresh = np.ones(len(ordered), dtype=bool)
    np.not_equal(ordered[1:], ordered[:-1], out=fresh[1:])
    starts = np.flatnonzero(fresh)
    return ordered[starts], np.diff(np.append(starts, len(ordered)))


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads every input bit over the 64 output bits."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint64(30))
        x = x * _MIX1
        x = x ^ (x >> np.uint64(27))
        x = x * _MIX2
        return x ^ (x >> np.uint64(31))


def _word_code(word: str) -> int:
    """Return a stable 64-bit code of a normalised word (never a reserved code)."""
    code = int.from_bytes(hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")
    return code if code > _BREAK else code + _BREAK + 1


def _token_codes(tokens: list[str], words: dict[str, int]) -> list[tuple[int, ...]]:
    """Return the word and sentence-end codes of each whitespace-free token."""
    if not tokens:
        return []
    out = []
    # One normalise call for all of them: the chain maps character by character and never
    # touches a newline, so joining on newlines and splitting again keeps tokens apart.
    for normal in normalise("\n".join(tokens)).split("\n"):
        codes = []
        for piece in _PIECE.findall(normal):
            if piece in _BREAKS:
                codes.append(_BREAK)
                continue
            code = words.get(piece)
            if code is None:
                code = words[piece] = _word_code(piece)
            codes.append(code)
        out.append(tuple(codes))
    return out


def _shingle(texts: list[str]) -> _Shingled:
    """Return the shingle sets of ``texts`` (a text with no full shingle uses its words)."""
    # The vocabulary: token i's codes are flat[start[i] : start[i] + length[i]]. Each distinct
    # token is normalised and hashed once; per occurrence, only vectorised lookups.
    ids: dict[str, int] = {}
    length = np.zeros(0, dtype=np.int64)
    start = np.zeros(0, dtype=np.int64)
    flat = np.zeros(0, dtype=np.uint64)
    words: dict[str, int] = {}
    values: list[np.ndarray] = []
    owners: list[np.ndarray] = []
    for first in range(0, len(texts), _CHUNK_TEXTS):
        chunk = texts[first : first + _CHUNK_TEXTS]
        tokens = [t.replace("\r", "\n").replace("\n", " ¶ ").split() if isinstance(t, str) else [] for t in chunk]
        every = list(chain.from_iterable(tokens))
        token = np.fromiter(map(ids.get, every, repeat(-1)), dtype=np.int64, count=len(every))
        unknown = np.flatnonzero(token < 0)
        if len(unknown):
            fresh = list(dict.fromkeys(every[i] for i in unknown))
            table = _token_codes(fresh, words)
            new_length = np.fromiter(map(len, table), dtype=np.int64, count=len(table))
            start = np.concatenate([start, len(flat) + np.cumsum(new_length) - new_length])
            new_codes = np.fromiter(chain.from_iterable(table), dtype=np.uint64, count=int(new_length.sum()))
            flat = np.concatenate([flat, new_codes])
            length = np.concatenate([length, new_length])
            ids.update(zip(fresh, range(len(ids), len(ids) + len(fresh))))
            now_known = map(ids.__getitem__, (every[i] for i in unknown))
            token[unknown] = np.fromiter(now_known, dtype=np.int64, count=len(unknown))
        per_token = length[token]
        repeated = np.repeat(token, per_token)
        within = np.arange(len(repeated)) - np.repeat(np.cumsum(per_token) - per_token, per_token)
        code = flat[start[repeated] + within]
        token_owner = np.repeat(np.arange(len(tokens)), [len(t) for t in tokens])
        owner = np.repeat(token_owner, per_token)  # text number within the chunk
        text_starts = np.searchsorted(owner, np.arange(len(tokens)))
        value, who = _chunk_shingles(code, owner, text_starts)
        # One sort per chunk makes each text's set unique and sorted: the key is the text's
        # number in the high 16 bits over the shingle's top 48 bits (2**-48 collision odds).
        key, _ = _sorted_unique((who.astype(np.uint64) << _VALUE_BITS) | (value >> np.uint64(64 - _VALUE_BITS)))
        values.append(key & _VALUE_MASK)
        owners.append(first + (key >> _VALUE_BITS).astype(np.int64))
    value = np.concatenate(values) if values else np.zeros(0, dtype=np.uint64)
    owner = np.concatenate(owners) if owners else np.zeros(0, dtype=np.int64)
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(np.bincount(owner, minlength=len(texts)), out=offsets[1:])
    return _Shingled(value, offsets)


def _chunk_shingles(code: np.ndarray, owner: np.ndarray, text_starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (shingle hash, text) for every shingle of the token codes of some texts."""
    n = SHINGLE_WORDS
    boundary = code == _BREAK
    boundary[text_starts[text_starts < len(boundary)]] = True
    sentence = np.cumsum(boundary)
    is_word = code > _BREAK
    words, sentence, owner = code[is_word], sentence[is_word], owner[is_word]
    if len(words) >= n:
        with np.errstate(over="ignore"):
            combined = words[: len(words) - n + 1].copy()
            for k in range(1, n):
                combined = _mix(combined * _ROLL[k % 2]) + words[k : len(words) - n + 1 + k]
        keep = sentence[: len(sentence) - n + 1] == sentence[n - 1 :]
        shingles, shingle_owner = _mix(combined[keep]), owner[: len(owner) - n + 1][keep]
    else:
        shingles, shingle_owner = np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    # Texts too short for one shingle are represented by their words.
    has_shingle = np.zeros(int(owner.max()) + 1 if len(owner) else 0, dtype=bool)
    has_shingle[shingle_owner] = True
    short = ~has_shingle[owner]
    return np.concatenate([shingles, _mix(words[short])]), np.concatenate([shingle_owner, owner[short]])


def _similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Containment of the smaller shingle set in the larger (Jaccard when either is tiny)."""
    if len(a) == 0 or len(b) == 0:
        return 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    smaller = min(len(a), len(b))
    if smaller < MIN_SHINGLES_FOR_CONTAINMENT:
        return common / (len(a) + len(b) - common)
    return common / smaller


def is_near_duplicate(text_a: str, text_b: str, *, threshold: float = DEFAULT_THRESHOLD) -> tuple[bool, float]:
    """Return (whether the two texts are near-duplicates, their similarity in [0, 1]).

    The same measure as :func:`near_duplicate_groups`, except that a lone pair has no corpus
    to tell boilerplate by, so shingles common across a big corpus still count here.
    """
    shingled = _shingle([text_a, text_b])
    similarity = round(_similarity(shingled.of(0), shingled.of(1)), 4)
    return similarity >= threshold, similarity


# --- corpus ----------------------------------------------------------------------------------


def _without_common(shingled: _Shingled) -> _Shingled:
    """Drop shingles found in too many texts of a large corpus (site boilerplate)."""
    count = len(shingled.offsets) - 1
    # Boilerplate is frequent, so a sample of texts finds it: counting document frequency
    # over every shingle of a big corpus would cost a full sort.
    sample = [shingled.of(i) for i in range(0, count, sample_step(count))]
    return drop_shingles(shingled, common_shingles(sample, count))


def sample_step(count: int) -> int:
    """Return the step between the texts sampled to find boilerplate in a corpus of ``count``."""
    return max(1, count // COMMON_SAMPLE)


def common_shingles(sample: list[np.ndarray], count: int) -> np.ndarray:
    """Return the sorted shingles that the sampled texts' sets show to be boilerplate in a
    corpus of ``count`` texts (empty for a small corpus)."""
    limit = max(COMMON_MIN_DOCS, int(COMMON_SHARE * count))
    if count <= limit or not sample:
        return np.zeros(0, dtype=np.uint64)
    unique, df = _sorted_unique(np.concatenate(sample))
    sampled = len(sample)
    return unique[df > max(COMMON_MIN_DOCS * sampled / count, COMMON_SHARE * sampled)]


def drop_shingles(shingled: _Shingled, common: np.ndarray) -> _Shingled:
    """Return ``shingled`` without the ``common`` (sorted) shingles."""
    if len(common) == 0 or len(shingled.values) == 0:
        return shingled
    count = len(shingled.offsets) - 1
    at = np.minimum(np.searchsorted(common, shingled.values), len(common) - 1)
    keep = common[at] != shingled.values
    owner = np.repeat(np.arange(count), shingled.sizes())
    sizes = np.bincount(owner[keep], minlength=count)
    offsets = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    return _Shingled(shingled.values[keep], offsets)


def _signatures(shingled: _Shingled, rows: np.ndarray) -> np.ndarray:
    """Return the MinHash signatures (len(rows) x PERMUTATIONS) of the non-empty texts ``rows``."""
    rng = np.random.default_rng(SEED)
    a = rng.integers(1, 2**63, size=PERMUTATIONS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2**63, size=PERMUTATIONS, dtype=np.uint64)
    out = np.empty((len(rows), PERMUTATIONS), dtype=np.uint64)
    sizes = shingled.sizes()[rows]
    # Chunks of texts whose permuted values fit in about 32 MB at once.
    budget = max(1, (1 << 22) // PERMUTATIONS)
    ends = np.cumsum(sizes)
    start = 0
    while start < len(rows):
        stop = max(start + 1, int(np.searchsorted(ends, ends[start] - sizes[start] + budget, side="right")))
        chunk = rows[start:stop]
        values = np.concatenate([shingled.of(i) for i in chunk])
        offsets = np.cumsum(sizes[start:stop]) - sizes[start:stop]
        with np.errstate(over="ignore"):
            permuted = a[:, None] * values[None, :] + b[:, None]
        out[start:stop] = np.minimum.reduceat(permuted, offsets, axis=1).T
        start = stop
    return out


def _candidate_pairs(signatures: np.ndarray) -> np.ndarray:
    """Return unique (i, j), i < j, row pairs sharing at least one LSH band (int64, n x 2)."""
    found = [band_pairs(band_key(signatures, band)) for band in range(BANDS)]
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    return unique_pairs(np.concatenate(found), len(signatures))


def band_key(signatures: np.ndarray, band: int) -> np.ndarray:
    """Return each row's bucket in LSH band ``band``: its ROWS signature values mixed into one."""
    block = signatures[:, band * ROWS : (band + 1) * ROWS]
    key = block[:, 0].copy()
    with np.errstate(over="ignore"):
        for r in range(1, ROWS):
            key = _mix(key * _ROLL[0] + block[:, r])
    return key


def band_pairs(key: np.ndarray) -> np.ndarray:
    """Return the (row, row) pairs that share a bucket of one band (int64, m x 2, unsorted)."""
    n = len(key)
    found: list[np.ndarray] = [np.zeros((0, 2), dtype=np.int64)]
    # Sorted by (bucket, row), rows d places apart in one bucket are a pair: one
    # vectorised comparison per distance d instead of a Python loop over buckets.
    order = np.argsort(key, kind="stable")
    sorted_keys = key[order]
    fresh = np.ones(n, dtype=bool)
    np.not_equal(sorted_keys[1:], sorted_keys[:-1], out=fresh[1:])
    starts = np.flatnonzero(fresh)
    sizes = np.diff(np.append(starts, n))
    size_of = np.repeat(sizes, sizes)
    first_of = np.repeat(order[starts], sizes)
    large = size_of > MAX_BUCKET  # linked to the bucket's first row only
    found.append(np.stack([first_of[large], order[large]], axis=1)[first_of[large] != order[large]])
    small = ~large
    for d in range(1, int(size_of[small].max(initial=1))):
        same = (sorted_keys[:-d] == sorted_keys[d:]) & small[:-d]
        if not same.any():
            break
        found.append(np.stack([order[:-d][same], order[d:][same]], axis=1))
    return np.concatenate(found).astype(np.int64)


def unique_pairs(pairs: np.ndarray, n: int) -> np.ndarray:
    """Return the distinct pairs of rows among ``n``, as (i, j) sorted by i then j."""
    codes, _ = _sorted_unique(pairs[:, 0] * n + pairs[:, 1])
    return np.stack([codes // n, codes % n], axis=1)


def near_duplicate_groups(articles: pd.DataFrame, *, threshold: float = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """One row per article that has a near-duplicate: its group, and its similarity to the group's first.

    ``articles`` needs ``article_id`` and ``text``. ``group_id`` is the smallest article_id of
    the group (stable whatever the row order); ``similarity`` is the article's similarity to
    that first article (1.0 for the first itself; a member joined through another member may
    be lower than the threshold). Rows with the same article_id count as one article.
    """
    if articles.empty:
        return empty("near_duplicates")
    unique = articles.drop_duplicates("article_id")
    ids = unique["article_id"].astype(str).to_numpy()
    order = np.argsort(ids, kind="stable")
    ids = ids[order]
    texts = [t if isinstance(t, str) else "" for t in unique["text"].to_numpy()[order]]
    shingled = _without_common(_shingle(texts))
    rows = np.flatnonzero(shingled.sizes() > 0)
    if len(rows) < 2:
        return empty("near_duplicates")
    pairs = rows[_candidate_pairs(_signatures(shingled, rows))]
    parent = np.arange(len(ids))
    linked = np.zeros(len(ids), dtype=bool)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs.tolist():
        if _similarity(shingled.of(i), shingled.of(j)) < threshold:
            continue
        linked[i] = linked[j] = True
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)  # ids are sorted: the smaller index is the smaller id
    members = np.flatnonzero(linked)
    if len(members) == 0:
        return empty("near_duplicates")
    groups = np.array([root(i) for i in members])
    similarity = [
        1.0 if g == m else round(_similarity(shingled.of(m), shingled.of(g)), 4)
        for m, g in zip(members, groups, strict=True)
    ]
    out = conform(
        "near_duplicates",
        pd.DataFrame({"article_id": ids[members], "group_id": ids[groups], "similarity": similarity}),
    )
    return out.sort_values(["group_id", "article_id"], ignore_index=True)


def collapse_near_duplicates(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Return the tables with each near-duplicate group reduced to its first article.

    The same story republished by several outlets then counts once in every chart; the other
    members stay in the store and in ``near_duplicates``.
    """
    groups = tables.get("near_duplicates")
    if groups is None or groups.empty:
        return dict(tables)
    extra = set(groups.loc[groups["article_id"] != groups["group_id"], "article_id"])
    if not extra:
        return dict(tables)
    out = {}
    for name, frame in tables.items():
        if name not in ("near_duplicates", "feeds", "errors", "topics") and "article_id" in frame:
            out[name] = frame.loc[~frame["article_id"].isin(extra)].reset_index(drop=True)
        else:
            out[name] = frame
    return out
