"""The topic tables, built from the scores of articles and paragraphs against the centroids.

:mod:`techdiplomacy.topics.model` fits the model; this module turns similarities into the schema's
``topics``, ``article_topics`` and ``passage_topics`` tables, and summarises article topics
over time and per country.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from techdiplomacy.schema import conform, empty
from techdiplomacy.topics.features import surface_forms
from techdiplomacy.topics.phrases import phrase_forms, phrase_label

#: Separator of the list cells (terms, sectors, countries), as schema.py documents.
LIST_SEPARATOR = "|"


@dataclass
class Scores:
    """Cosine similarities of n rows to the k centroids, their map position, and which rows
    had any feature at all."""

    sims: np.ndarray  # (n, k)
    xy: np.ndarray  # (n, 2)
    has: np.ndarray  # (n,) bool

    @property
    def dominant(self) -> np.ndarray:
        out = self.sims.argmax(axis=1) if self.sims.shape[1] else np.zeros(len(self.sims), int)
        return np.where(self.has, out, -1)

def softmax_weights(sims: np.ndarray, temperature: float) -> np.ndarray:
    """Return each row's topic distribution: softmax of cosine similarity / temperature."""
    if sims.shape[1] == 0:
        return sims
    z = (sims - sims.max(axis=1, keepdims=True)) / temperature
    w = np.exp(z)
    return w / w.sum(axis=1, keepdims=True)


def top_features(
    term_matrix, vocabulary: np.ndarray, dominant: np.ndarray, k: int, n_terms: int, *, back=None
) -> list[list[str]]:
    """Return, per topic, its most distinctive features: highest mean TF-IDF in the topic
    minus the mean over all units (a lone topic: highest mean), ties by feature name.
    ``back`` maps the matrix's columns to terms when they are LSA dimensions."""
    valid = dominant >= 0
    if term_matrix is None or not valid.any():
        return [[] for _ in range(k)]
    rows = np.flatnonzero(valid)
    onehot = sparse.csr_matrix((np.ones(len(rows)), (dominant[rows], rows)), shape=(k, term_matrix.shape[0]))
    sums = onehot @ term_matrix
    sums = sums.toarray() if sparse.issparse(sums) else np.asarray(sums)
    sizes = np.asarray(onehot.sum(axis=1)).ravel()
    mean_in = sums / np.maximum(sizes, 1)[:, None]
    overall = sums.sum(axis=0) / len(rows)
    if back is not None:
        mean_in, overall = mean_in @ back, overall @ back
    lift = mean_in - overall if k > 1 else mean_in  # one topic: its most weighty terms
    out = []
    by_name = np.argsort(vocabulary, kind="stable")
    for c in range(k):
        order = by_name[np.argsort(-lift[c, by_name], kind="stable")]
        keep = [i for i in order[: n_terms * 3] if lift[c, i] > 0 and mean_in[c, i] > 0]
        out.append([str(vocabulary[i]) for i in keep[:n_terms]])
    return out


def dominant_concepts(
    units: pd.DataFrame, dominant: np.ndarray, k: int, top: int = 3, chunk: int = 200_000
) -> dict[str, list[list[str]]]:
    """Return, per kind (sector, country), each topic's most frequent keys among its units
    (each unit counted once per key; ties by key). Units are counted ``chunk`` at a time, so
    a million articles never become one exploded frame of every token."""
    concepts = units["concepts"].to_numpy(dtype=object)
    parts = [pd.Series(dtype="int64", index=pd.MultiIndex.from_arrays([[], []], names=["topic", "token"]))]
    for start in range(0, len(concepts), chunk):
        stop = min(start + chunk, len(concepts))
        frame = pd.DataFrame(
            {"topic": dominant[start:stop], "unit": np.arange(start, stop), "token": pd.Series(concepts[start:stop]).str.split()}
        )
        frame = frame[frame["topic"] >= 0].explode("token").dropna(subset=["token"]).drop_duplicates()
        parts.append(frame.groupby(["topic", "token"]).size())
    totals = pd.concat(parts).groupby(level=["topic", "token"]).sum().reset_index(name="n")
    out: dict[str, list[list[str]]] = {}
    for kind in ("sector", "country"):
        counts = totals[totals["token"].astype(str).str.startswith(kind + ":")]
        counts = counts.sort_values(["topic", "n", "token"], ascending=[True, False, True])
        best = counts.groupby("topic").head(top)
        keys = best.assign(key=best["token"].str.split(":", n=1).str[1]).groupby("topic")["key"].agg(list)
        out[kind] = [keys.get(c, []) for c in range(k)]
    return out


def representatives(passages: pd.DataFrame, scores: Scores, k: int) -> list[tuple[str | None, str | None]]:
    """Return, per topic, (article_id, text) of the paragraph closest to its centroid among
    the paragraphs it dominates (else among all paragraphs)."""
    dominant = scores.dominant
    out = []
    for c in range(k):
        pool = np.flatnonzero(dominant == c)
        if len(pool) == 0:
            pool = np.flatnonzero(scores.has)
        if len(pool) == 0:
            out.append((None, None))
            continue
        best = pool[np.argmax(scores.sims[pool, c])]
        out.append((passages["article_id"].iat[best], passages["text"].iat[best]))
    return out


def topic_table(
    *,
    k: int,
    features: list[list[str]],
    texts: pd.Series,
    units: pd.DataFrame,
    unit_dominant: np.ndarray,
    article_dominant: np.ndarray,
    passages: pd.DataFrame,
    passage_scores: Scores,
    text_topics: np.ndarray | None = None,
) -> pd.DataFrame:
    """Return one row per topic (schema ``topics``): terms as written in ``texts``, labelled
    with the phrases they stand in (:mod:`techdiplomacy.topics.phrases`; ``text_topics``, the
    topic of each of ``texts``, keeps a topic's phrases to its own texts), dominant sectors
    and countries, sizes and the most representative paragraph."""
    surfaces = surface_forms(texts, {f for fs in features for f in fs})
    written = [_distinct([surfaces.get(f, f) for f in fs]) for fs in features]
    return topic_rows(
        k=k,
        features=features,
        surfaces=surfaces,
        phrases=phrase_forms(texts, written, text_topics),
        concepts=dominant_concepts(units, unit_dominant, k),
        reps=representatives(passages, passage_scores, k),
        sizes=np.bincount(article_dominant[article_dominant >= 0], minlength=k)[:k],
        n_passages=np.bincount(passage_scores.dominant[passage_scores.dominant >= 0], minlength=k)[:k],
    )


def topic_rows(
    *,
    k: int,
    features: list[list[str]],
    surfaces: dict[str, str],
    concepts: dict[str, list[list[str]]],
    reps: list[tuple[str | None, str | None]],
    sizes: np.ndarray,
    n_passages: np.ndarray,
    phrases: list[dict[str, str]] | None = None,
) -> pd.DataFrame:
    """Return one row per topic (schema ``topics``) from its parts, each listed by topic id;
    ``phrases`` (:func:`~techdiplomacy.topics.phrases.phrase_forms`) makes labels of phrases."""
    rows = []
    for c in range(k):
        terms = _distinct([surfaces.get(f, f) for f in features[c]])
        words = phrase_label(terms, phrases[c] if phrases else {})
        label = words or " · ".join(concepts["sector"][c] + concepts["country"][c]) or f"topic {c}"
        rows.append(
            {
                "topic_id": c,
                "label": label,
                "terms": LIST_SEPARATOR.join(terms),
                "size": int(sizes[c]),
                "n_passages": int(n_passages[c]),
                "sectors": LIST_SEPARATOR.join(concepts["sector"][c]),
                "countries": LIST_SEPARATOR.join(concepts["country"][c]),
                "representative_article_id": reps[c][0],
                "representative": reps[c][1],
            }
        )
    return conform("topics", rows) if rows else empty("topics")


def _distinct(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def article_rows(articles: pd.DataFrame, scores: Scores, *, temperature: float, max_topics: int, min_weight: float) -> pd.DataFrame:
    """Return up to ``max_topics`` rows per article with content (schema ``article_topics``):
    its strongest topics by weight, rank 1 the dominant one; weaker than ``min_weight`` only
    at rank 1."""
    keep = np.flatnonzero(scores.has)
    k = scores.sims.shape[1]
    if len(keep) == 0 or k == 0:
        return empty("article_topics")
    weights = softmax_weights(scores.sims[keep], temperature)
    m = min(max_topics, k)
    ranked = np.argsort(-weights, axis=1, kind="stable")[:, :m]
    chosen = np.take_along_axis(weights, ranked, axis=1)
    ranks = np.broadcast_to(np.arange(1, m + 1), ranked.shape)
    mask = (chosen >= min_weight) | (ranks == 1)
    rows = np.broadcast_to(keep[:, None], ranked.shape)[mask]
    frame = pd.DataFrame(
        {
            "article_id": articles["article_id"].to_numpy()[rows],
            "topic_id": ranked[mask],
            "weight": chosen[mask],
            "rank": ranks[mask],
            "x": scores.xy[rows, 0],
            "y": scores.xy[rows, 1],
        }
    )
    return conform("article_topics", frame)


def passage_rows(passages: pd.DataFrame, scores: Scores, *, temperature: float) -> pd.DataFrame:
    """Return one row per paragraph with content (schema ``passage_topics``): its dominant
    topic, that topic's weight and its map position."""
    keep = np.flatnonzero(scores.has)
    if len(keep) == 0 or scores.sims.shape[1] == 0:
        return empty("passage_topics")
    weights = softmax_weights(scores.sims[keep], temperature)
    dominant = weights.argmax(axis=1)
    frame = pd.DataFrame(
        {
            "article_id": passages["article_id"].to_numpy()[keep],
            "passage": passages["passage"].to_numpy()[keep],
            "start": passages["start"].to_numpy()[keep],
            "end": passages["end"].to_numpy()[keep],
            "topic_id": dominant,
            "weight": weights[np.arange(len(keep)), dominant],
            "x": scores.xy[keep, 0],
            "y": scores.xy[keep, 1],
        }
    )
    return conform("passage_topics", frame)


# --- summaries -------------------------------------------------------------------------------


def topics_over_time(article_topics: pd.DataFrame, articles: pd.DataFrame, freq: str = "M") -> pd.DataFrame:
    """Return one row per (period, topic): ``period`` (start date), ``topic_id``, ``articles``
    (articles whose dominant topic it is, published in the period). Undated articles are left out.
    """
    dominant = article_topics.loc[article_topics["rank"] == 1, ["article_id", "topic_id"]]
    dated = articles[["article_id", "published"]].dropna(subset=["published"])
    joined = dominant.merge(dated.astype({"article_id": "string"}), on="article_id", how="inner")
    if joined.empty:
        return pd.DataFrame(
            {"period": pd.Series(dtype="datetime64[ns]"), "topic_id": pd.Series(dtype="Int64"),
             "articles": pd.Series(dtype="Int64")}
        )
    published = pd.to_datetime(joined["published"], utc=False)
    if getattr(published.dt, "tz", None) is not None:
        published = published.dt.tz_localize(None)
    joined["period"] = published.dt.to_period(freq).dt.start_time
    out = joined.groupby(["period", "topic_id"], as_index=False).agg(articles=("article_id", "nunique"))
    return out.astype({"topic_id": "Int64", "articles": "Int64"}).sort_values(["period", "topic_id"], ignore_index=True)


def topics_per_country(article_topics: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Return one row per (country, topic): ``country`` (ISO3), ``topic_id``, ``articles``
    (articles mentioning the country whose dominant topic it is) and ``share`` of that
    country's articles. A place counts for its country."""
    dominant = article_topics.loc[article_topics["rank"] == 1, ["article_id", "topic_id"]]
    rows = mentions[mentions["kind"].isin(["country", "place"])]
    iso3 = rows["key"].where(rows["kind"] == "country", rows["country"])
    pairs = pd.DataFrame({"article_id": rows["article_id"].astype("string"), "country": iso3.astype("string")})
    pairs = pairs.dropna().drop_duplicates()
    joined = pairs.merge(dominant, on="article_id", how="inner")
    out = joined.groupby(["country", "topic_id"], as_index=False).agg(articles=("article_id", "nunique"))
    totals = joined.groupby("country")["article_id"].nunique()
    out["share"] = (out["articles"] / out["country"].map(totals)).astype("Float64")
    out = out.astype({"country": "string", "topic_id": "Int64", "articles": "Int64"})
    return out.sort_values(["country", "articles", "topic_id"], ascending=[True, False, True], ignore_index=True)
