"""The geometry of topic clustering: how many topics, distinct points, the 2-D map."""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score


def n_distinct(E) -> int:
    """Return the number of distinct rows of an embedding (k-means cannot use more)."""
    if E.shape[0] == 0:
        return 0
    if sparse.issparse(E):
        E = sparse.csr_matrix(E)
        E.sort_indices()
        return len({(E.indices[a:b].tobytes(), np.round(E.data[a:b], 6).tobytes())
                    for a, b in zip(E.indptr[:-1], E.indptr[1:])})
    return len(np.unique(np.round(np.asarray(E), 6), axis=0))


def choose_k(
    E, distinct: int, *, k_min: int, k_max: int, sample: int, tolerance: float, random_state: int
) -> int:
    """Return the smallest k in [k_min, k_max] whose cosine silhouette, on a sample of units,
    reaches ``tolerance`` of the best one (``distinct``: how many distinct rows ``E`` has).

    On LSA text embeddings the silhouette keeps creeping up with k (ANT: 0.19 at 7, 0.24 at
    20), so the plain maximum always sits at the top of the range; the tolerance picks the
    point where more topics stop paying for themselves.
    """
    n = E.shape[0]
    if n > sample:
        pick = np.random.default_rng(random_state).choice(n, sample, replace=False)
        E = E[np.sort(pick)]
        distinct = n_distinct(E)
    high = min(k_max, distinct - 1)
    if high < k_min:
        return max(1, min(k_min, distinct))
    scores: dict[int, float] = {}
    for k in range(k_min, high + 1):
        labels = KMeans(n_clusters=k, n_init=3, random_state=random_state).fit_predict(E)
        if 2 <= len(np.unique(labels)) <= E.shape[0] - 1:
            scores[k] = float(silhouette_score(E, labels, metric="cosine"))
    if not scores:
        return k_min
    best = max(scores.values())
    floor = best - (1 - tolerance) * abs(best)
    return min(k for k, s in scores.items() if s >= floor)


def unit_rows(M: np.ndarray) -> np.ndarray:
    M = np.asarray(M, dtype=np.float64)
    norms = np.linalg.norm(M, axis=1, keepdims=True)
    return M / np.where(norms > 0, norms, 1.0)


def dense(M) -> np.ndarray:
    return M.toarray() if sparse.issparse(M) else np.asarray(M)


def fit_projection(E, limit: int = 5000) -> tuple[np.ndarray, np.ndarray]:
    """Return (mean, 2 x d components) of a PCA of the units' embeddings, signs fixed."""
    n, d = E.shape
    rows = dense(E[np.linspace(0, n - 1, min(n, limit)).astype(int)]) if n else np.zeros((0, d))
    mean = rows.mean(axis=0) if n else np.zeros(d)
    components = np.zeros((2, d))
    if n >= 2:
        _, _, vt = np.linalg.svd(rows - mean, full_matrices=False)
        vt = vt[:2]
        signs = np.sign(vt[np.arange(len(vt)), np.abs(vt).argmax(axis=1)])
        components[: len(vt)] = vt * np.where(signs == 0, 1, signs)[:, None]
    return mean, components
