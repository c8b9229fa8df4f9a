"""Near-duplicate groups of a store too large to hold its texts in memory.

:func:`techdiplomacy.topics.duplicates.near_duplicate_groups` shingles every text at once. Above
:data:`STREAM_ABOVE` articles the store does the same work in passes over chunks of texts read
from DuckDB, keeping only one MinHash signature per article (64 x uint64, 512 MB for a million):

1. boilerplate shingles are found on the same sample of texts as in memory;
2. every chunk is shingled, boilerplate dropped, and its signatures kept;
3. each LSH band's candidate pairs are screened on the signatures: a pair is compared only if
   its count of equal MinHash values (of 64) is no more than SCREEN_SD standard deviations
   below what two sets of its sizes at the threshold containment would give. With 2-row bands,
   texts sharing a sentence or two collide often, and their number grows with n^2 (some 10^8
   candidates at a million generated articles that reuse real sentences);
4. the texts of the surviving pairs are read again, and every pair is verified on its exact
   shingle sets, as in memory; groups and similarities are then the same computation.

So the groups differ from the in-memory ones only where the screen drops a true pair: a pair
exactly at the threshold is dropped with probability about 0.6% (binomial tail), a pair well
above it practically never.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
import pandas as pd

from techdiplomacy.schema import conform, empty
from techdiplomacy.topics import duplicates as dedup

#: Corpora above this many articles are grouped in streamed passes (below: in memory).
STREAM_ABOVE = 50_000
#: Texts read and shingled at a time (a task of a refit worker or of the build process).
CHUNK = 10_000
#: A candidate is dropped unheard when its equal MinHash values fall this many standard deviations
#: short of a pair at the threshold (a true pair is lost about once in 160 at exactly the threshold).
SCREEN_SD = 2.5
#: Candidate pairs screened at a time (bounds the gathered signature rows to ~100 MB).
_SCREEN_BATCH = 100_000


def near_duplicates_streamed(
    con,
    *,
    threshold: float = dedup.DEFAULT_THRESHOLD,
    chunk: int = CHUNK,
    mapper: Callable = map,
    progress: Callable = lambda stage, done, total: None,
) -> pd.DataFrame:
    """Return the ``near_duplicates`` table of the store behind ``con`` (see the module doc).

    ``mapper(fn, chunks)`` computes the chunks' signatures (the build passes its executor's
    ordered ``imap``, so both cores shingle while this process reads the store)."""
    ids = np.array([r[0] for r in con.execute("SELECT article_id FROM articles ORDER BY article_id").fetchall()], dtype=object)
    count = len(ids)
    if count < 2:
        return empty("near_duplicates")
    sample_ids = ids[:: dedup.sample_step(count)]
    sample = dedup._shingle(_texts_of(con, sample_ids))
    common = dedup.common_shingles([sample.of(i) for i in range(len(sample_ids))], count)

    signatures = np.zeros((count, dedup.PERMUTATIONS), dtype=np.uint64)
    sizes = np.zeros(count, dtype=np.int64)
    signed = 0
    for chunk_ids, chunk_sizes, rows, chunk_signatures in mapper(partial(chunk_signatures_of, common), _chunks(con, chunk)):
        at = np.searchsorted(ids, chunk_ids)
        sizes[at] = chunk_sizes
        signatures[at[rows]] = chunk_signatures
        signed += len(chunk_ids)
        progress("near-duplicates: texts signed", signed, count)
    rows = np.flatnonzero(sizes > 0)
    if len(rows) < 2:
        return empty("near_duplicates")
    signatures, sizes = signatures[rows], sizes[rows]
    screened = [_screen(dedup.band_pairs(dedup.band_key(signatures, b)), signatures, sizes, threshold) for b in range(dedup.BANDS)]
    del signatures
    pairs = rows[dedup.unique_pairs(np.concatenate(screened), len(rows))]
    progress("near-duplicates: candidate pairs to verify", len(pairs), None)
    return _groups(con, ids, pairs, common, threshold, chunk)


def chunk_signatures_of(common: np.ndarray, chunk: tuple[np.ndarray, list[str]]):
    """Return (ids, shingle set sizes, rows with shingles, their MinHash signatures) of one
    chunk of texts, boilerplate ``common`` dropped (a task: runs in any process)."""
    chunk_ids, texts = chunk
    shingled = dedup.drop_shingles(dedup._shingle(texts), common)
    rows = np.flatnonzero(shingled.sizes() > 0)
    return chunk_ids, shingled.sizes(), rows, dedup._signatures(shingled, rows)


def _screen(pairs: np.ndarray, signatures: np.ndarray, sizes: np.ndarray, threshold: float) -> np.ndarray:
    """Return the pairs worth verifying: all but those whose count of equal MinHash values lies
    more than SCREEN_SD standard deviations below what a pair at ``threshold`` would show."""
    kept = [np.zeros((0, 2), dtype=np.int64)]
    permutations = signatures.shape[1]
    for start in range(0, len(pairs), _SCREEN_BATCH):
        part = pairs[start : start + _SCREEN_BATCH]
        matches = (signatures[part[:, 0]] == signatures[part[:, 1]]).sum(axis=1)
        a, b = sizes[part[:, 0]], sizes[part[:, 1]]
        small, large = np.minimum(a, b), np.maximum(a, b)
        # At the threshold the smaller set shares threshold * |small| shingles, so the Jaccard
        # index (each permutation's chance of an equal value) is that over the union; tiny sets
        # are compared by Jaccard itself.
        shared = threshold * small
        jaccard = np.where(small < dedup.MIN_SHINGLES_FOR_CONTAINMENT, threshold, shared / (small + large - shared))
        expected = permutations * jaccard
        floor = expected - SCREEN_SD * np.sqrt(expected * (1 - jaccard))
        kept.append(part[matches >= floor])
    return np.concatenate(kept)


def _groups(con, ids: np.ndarray, pairs: np.ndarray, common: np.ndarray, threshold: float, chunk: int) -> pd.DataFrame:
    """Verify ``pairs`` (indices into the sorted ``ids``) on exact shingle sets and return the
    groups, as :func:`techdiplomacy.topics.duplicates.near_duplicate_groups` forms them."""
    involved = np.unique(pairs) if len(pairs) else np.zeros(0, dtype=np.int64)
    if len(involved) == 0:
        return empty("near_duplicates")
    sets: dict[int, np.ndarray] = {}
    for start in range(0, len(involved), chunk):  # never every involved text at once
        part = involved[start : start + chunk]
        shingled = dedup.drop_shingles(dedup._shingle(_texts_of(con, ids[part])), common)
        sets.update((int(g), shingled.of(i)) for i, g in enumerate(part))
    parent = {int(g): int(g) for g in involved}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    linked = set()
    for i, j in pairs.tolist():
        if dedup._similarity(sets[i], sets[j]) < threshold:
            continue
        linked.update((i, j))
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)  # ids are sorted: the smaller index is the smaller id
    members = sorted(linked)
    if not members:
        return empty("near_duplicates")
    groups = [root(m) for m in members]
    similarity = [1.0 if g == m else round(dedup._similarity(sets[m], sets[g]), 4) for m, g in zip(members, groups)]
    out = conform(
        "near_duplicates",
        pd.DataFrame({"article_id": ids[members], "group_id": ids[groups], "similarity": similarity}),
    )
    return out.sort_values(["group_id", "article_id"], ignore_index=True)


def _texts_of(con, wanted: np.ndarray) -> list[str]:
    """Return the texts of the articles ``wanted``, in that order."""
    con.register("_wanted", pd.DataFrame({"article_id": wanted.astype(str)}))
    try:
        found = con.execute("SELECT article_id, text FROM articles SEMI JOIN _wanted USING (article_id)").fetchall()
    finally:
        con.unregister("_wanted")
    text_of = dict(found)
    return [text_of.get(i) or "" for i in wanted]


def _chunks(con, chunk: int):
    """Yield (article ids, texts) ``chunk`` rowids at a time, in storage order."""
    top = con.execute("SELECT max(rowid) FROM articles").fetchone()[0]
    for low in range(0, (top if top is not None else -1) + 1, chunk):
        rows = con.execute(
            f"SELECT article_id, text FROM articles WHERE rowid >= {low} AND rowid < {low + chunk}"
        ).fetchall()
        if rows:
            yield np.array([r[0] for r in rows], dtype=object), [r[1] or "" for r in rows]
