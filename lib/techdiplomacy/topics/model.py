"""Topics: TF-IDF clusters of articles, or of one small corpus's paragraphs.

The pipeline (scikit-learn, fixed ``random_state``)::

    text      -> TfidfVectorizer(preprocessor=TopicText(): matching form, no stop words,
                                 light stems; sublinear TF; df bounds from corpus size)
                 -> LSA (TruncatedSVD, 50 dims, l2)                          weight 1
    mentions  -> TfidfVectorizer over sector:x tokens                       weight 0.5
              -> TfidfVectorizer over country:Y tokens (a place counts)     weight 0.1
    hstack -> l2 -> KMeans (30 restarts): spherical k-means in effect. k is given, or the
    smallest k in 2..16 whose silhouette (on a sample) is within 10% of the best.

LSA reduces the text block alone: the language-free concept dimensions stay explicit, so an
Arabic, a Persian and an English article about the same data-centre deal meet on them. The
weights were measured (benchmarks/bench_topics.py): heavier country weights, or concepts mixed
into the LSA, pull topics towards geography (ANT NMI 0.54 -> 0.24 with all mentions at 0.6).

The clustering unit is the article when the corpus has at least ``min_articles`` articles with
any content; a smaller corpus (one article, two articles) is clustered by paragraph, so a single
article already has topics. Every article and paragraph is then scored against the topic
centroids (cosine), which also serves :func:`assign_topics` for new texts.

Sizes: up to ``large`` (50,000) units everything is fitted exactly. Above it the model is
fitted on a deterministic random sample of ``fit_sample`` (20,000) units and every article and
paragraph is then assigned in chunks of ``chunk`` rows, so the sparse matrices never hold more
than a chunk (or the sample) at once.

Measured on ANT (7,400 Arabic news articles, 7 labels, k=7, 3 seeds, one core): NMI 0.538 ±
0.001 against 0.352 ± 0.044 for ``TfidfVectorizer()`` + ``KMeans(7)``; the whole build,
59,000 paragraphs included, in about 10 s of CPU (benchmarks/bench_topics.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import Normalizer, normalize

from techdiplomacy.schema import conform, empty
from techdiplomacy.topics.features import (
    LSA,
    article_concepts,
    concept_vectorizer,
    content_words,
    passage_table,
    text_vectorizer,
)
from techdiplomacy.topics.space import choose_k, dense, fit_projection, n_distinct, unit_rows
from techdiplomacy.topics.tables import (
    Scores,
    article_rows,
    passage_rows,
    top_features,
    topic_table,
    topics_over_time,
    topics_per_country,
)

__all__ = [
    "TopicModel",
    "TopicResult",
    "TopicSettings",
    "assign_topics",
    "fit_topics",
    "topics_over_time",
    "topics_per_country",
]


@dataclass(frozen=True)
class TopicSettings:
    """Tunables of topic clustering, each with a one-line help; defaults measured on ANT
    (benchmarks/bench_topics.py)."""

    analyzer: str = field(default="word", metadata={"help": "'word' (light stems) or 'char_wb' (3-5 grams); word measured better"})
    sector_weight: float = field(default=0.5, metadata={"help": "weight of the sector block against the (unit) text block"})
    country_weight: float = field(default=0.1, metadata={"help": "weight of the country block against the (unit) text block"})
    n_components: int = field(default=50, metadata={"help": "LSA dimensions of the text block (used when there are > 2x as many units)"})
    n_init: int = field(default=30, metadata={"help": "k-means restarts for the final clustering"})
    k_min: int = field(default=2, metadata={"help": "automatic k: smallest number of topics tried"})
    k_max: int = field(default=16, metadata={"help": "automatic k: largest number of topics tried"})
    k_sample: int = field(default=2000, metadata={"help": "automatic k: units sampled for the silhouette"})
    k_tolerance: float = field(default=0.9, metadata={"help": "automatic k: smallest k scoring this share of the best silhouette"})
    min_articles: int = field(default=6, metadata={"help": "fewer articles with content -> cluster their paragraphs instead"})
    large: int = field(default=50_000, metadata={"help": "more units -> fit on a sample, then assign in chunks"})
    fit_sample: int = field(default=20_000, metadata={"help": "units fitted on in the large-corpus path"})
    chunk: int = field(default=5_000, metadata={"help": "rows vectorised at a time when assigning"})
    n_terms: int = field(default=10, metadata={"help": "terms kept per topic (`terms` column); the label shows the first 3"})
    max_topics_per_article: int = field(default=3, metadata={"help": "rows per article in article_topics (rank 1..n)"})
    min_weight: float = field(default=0.05, metadata={"help": "weaker secondary topics are not listed"})
    temperature: float = field(default=0.05, metadata={"help": "softmax temperature turning cosine similarities into weights"})

    @classmethod
    def help(cls) -> dict[str, str]:
        """Return {setting: one-line help}."""
        return {f.name: f.metadata.get("help", "") for f in fields(cls)}


@dataclass
class TopicModel:
    """A fitted topic model: the pipeline, unit-length centroids in topic-id order and the
    2-D projection. Picklable; :func:`assign_topics` uses it without refitting."""

    pipeline: Pipeline  # features -> embedding steps -> KMeans
    centroids: np.ndarray  # (k, d), rows in topic-id order, unit length
    projection: tuple[np.ndarray, np.ndarray]  # (mean (d,), components (2, d))
    unit: str  # "article" or "passage": what was clustered
    settings: TopicSettings
    topics: pd.DataFrame = field(default_factory=lambda: empty("topics"))

    @property
    def k(self) -> int:
        return len(self.centroids)


@dataclass
class TopicResult:
    """The three topic tables (schema ``topics``, ``article_topics``, ``passage_topics``) and
    the fitted model that produced them."""

    topics: pd.DataFrame
    article_topics: pd.DataFrame
    passage_topics: pd.DataFrame
    model: TopicModel | None


# --- public API ------------------------------------------------------------------------------


def fit_topics(
    articles: pd.DataFrame,
    mentions: pd.DataFrame | None = None,
    *,
    k: int | None = None,
    random_state: int = 0,
    settings: TopicSettings = TopicSettings(),
) -> TopicResult:
    """Return the topics of ``articles`` and its fitted model: one ``topics`` row per topic,
    ``article_topics`` rows per (article, topic) by rank, one ``passage_topics`` row per
    paragraph with content.

    ``mentions`` (schema ``mentions``; may be empty) adds the language-free sector and country
    features. ``k`` fixes the number of topics; by default it is chosen by silhouette. Same
    corpus and ``random_state`` -> same topics with the same ids, whatever the row order.
    """
    art, pas = _frames(articles, mentions)
    n_articles_with_content = int((art["concepts"] != "").sum()) + _count_with_words(art, settings.min_articles)
    unit = "article" if n_articles_with_content >= settings.min_articles else "passage"
    units = art if unit == "article" else pas
    fit_rows = units
    if len(units) > settings.large:
        pick = np.random.default_rng(random_state).choice(len(units), settings.fit_sample, replace=False)
        fit_rows = units.iloc[np.sort(pick)].reset_index(drop=True)

    fitted = fit_model(fit_rows, unit, k=k, random_state=random_state, settings=settings)
    if fitted is None:
        return TopicResult(empty("topics"), empty("article_topics"), empty("passage_topics"), None)
    model, X_fit, E_fit, has_fit = fitted
    k = model.k
    fit_scores = _scores_from_embedding(model, E_fit, has_fit)
    art_scores = fit_scores if (unit == "article" and fit_rows is units) else _score(model, art)
    pas_scores = fit_scores if (unit == "passage" and fit_rows is units) else _score(model, pas)
    unit_scores = art_scores if unit == "article" else pas_scores

    order = _topic_order(units, unit_scores.dominant, k)
    _reorder(model, order)
    for scores in {id(s): s for s in (fit_scores, art_scores, pas_scores)}.values():
        scores.sims = scores.sims[:, order]

    term_matrix, back, vocabulary = _label_terms(model, fit_rows, X_fit)
    model.topics = topic_table(
        k=k,
        features=top_features(term_matrix, vocabulary, fit_scores.dominant, k, settings.n_terms, back=back),
        texts=fit_rows["text"],
        units=units,
        unit_dominant=unit_scores.dominant,
        article_dominant=art_scores.dominant,
        passages=pas,
        passage_scores=pas_scores,
        text_topics=fit_scores.dominant,
    )
    return TopicResult(model.topics, *_rows(model, art, art_scores, pas, pas_scores), model)


def fit_model(fit_rows: pd.DataFrame, unit: str, *, k: int | None, random_state: int, settings: TopicSettings):
    """Return (model, feature rows, their unit embedding, which rows had features) fitted on
    ``fit_rows`` (units as :func:`article_units` or :func:`passage_units` give them), or None
    when no row has a content word or concept. ``k`` None: chosen by silhouette."""
    features = _features(fit_rows, settings, random_state)
    X_fit = _matrix(features.fit_transform(fit_rows)) if features is not None else None
    has_fit = _rows_with_features(X_fit) if X_fit is not None else np.zeros(0, bool)
    if not has_fit.any():
        return None
    E_fit = normalize(X_fit[has_fit])
    distinct = n_distinct(E_fit)
    if k is None:
        k = choose_k(
            E_fit,
            distinct,
            k_min=settings.k_min,
            k_max=settings.k_max,
            sample=settings.k_sample,
            tolerance=settings.k_tolerance,
            random_state=random_state,
        )
    k = max(1, min(int(k), distinct))
    kmeans = KMeans(n_clusters=k, n_init=settings.n_init, random_state=random_state).fit(E_fit)
    model = TopicModel(
        pipeline=Pipeline([("features", features), ("l2", Normalizer().fit(E_fit)), ("kmeans", kmeans)]),
        centroids=unit_rows(kmeans.cluster_centers_),
        projection=fit_projection(E_fit),
        unit=unit,
        settings=settings,
    )
    return model, X_fit, E_fit, has_fit


def assign_topics(
    model: TopicModel | None, articles: pd.DataFrame, mentions: pd.DataFrame | None = None
) -> TopicResult:
    """Return the three topic tables for ``articles`` scored against ``model``'s existing topics
    (no refitting; to refit, call :func:`fit_topics` again).

    ``topics`` keeps the model's labels, terms and representative; ``size`` and ``n_passages``
    count the newly assigned articles and paragraphs.
    """
    if model is None:
        return TopicResult(empty("topics"), empty("article_topics"), empty("passage_topics"), None)
    art, pas = _frames(articles, mentions)
    art_scores, pas_scores = _score(model, art), _score(model, pas)
    topics = model.topics.copy()
    topics["size"] = _counts(art_scores.dominant, model.k)
    topics["n_passages"] = _counts(pas_scores.dominant, model.k)
    return TopicResult(conform("topics", topics), *_rows(model, art, art_scores, pas, pas_scores), model)


def _rows(model, art, art_scores, pas, pas_scores) -> tuple[pd.DataFrame, pd.DataFrame]:
    settings = model.settings
    return (
        article_rows(
            art,
            art_scores,
            temperature=settings.temperature,
            max_topics=settings.max_topics_per_article,
            min_weight=settings.min_weight,
        ),
        passage_rows(pas, pas_scores, temperature=settings.temperature),
    )


# --- fitting ---------------------------------------------------------------------------------


def _frames(articles: pd.DataFrame, mentions: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (articles, paragraphs) as the units the pipeline reads: article_id, passage,
    text, concepts (+ start, end for paragraphs), sorted by article id so row order in the
    input never changes the result."""
    ordered = _sorted_texts(articles)
    return article_units(ordered, mentions), passage_table(ordered, mentions)


def _sorted_texts(articles: pd.DataFrame) -> pd.DataFrame:
    ids = articles["article_id"].astype(str)
    text = articles["text"].astype(object).where(articles["text"].notna(), "").astype(str)
    ordered = pd.DataFrame({"article_id": ids.to_numpy(), "text": text.to_numpy()})
    return ordered.sort_values("article_id", kind="stable", ignore_index=True)


def article_units(articles: pd.DataFrame, mentions: pd.DataFrame | None) -> pd.DataFrame:
    """Return one unit row per article (article_id, text, passage -1, concepts), by article id."""
    ordered = _sorted_texts(articles)
    return ordered.assign(passage=-1, concepts=article_concepts(ordered["article_id"], mentions))


def passage_units(articles: pd.DataFrame, mentions: pd.DataFrame | None) -> pd.DataFrame:
    """Return one unit row per paragraph (article_id, passage, start, end, text, concepts)."""
    return passage_table(_sorted_texts(articles), mentions)


def _count_with_words(units: pd.DataFrame, enough: int = 1 << 30) -> int:
    """Return how many units (without concepts) have a content word, stopping at ``enough``."""
    count = 0
    for text in units.loc[units["concepts"] == "", "text"]:
        if content_words(text):
            count += 1
            if count >= enough:
                break
    return count


def _features(rows: pd.DataFrame, settings: TopicSettings, random_state: int) -> ColumnTransformer | None:
    """Return the feature union for ``rows``, or None if they hold no content word or concept.

    Blocks: the text (TF-IDF, then LSA) at weight 1, and the sector and country concepts at
    their weights. LSA reduces the text alone, so the language-free concept dimensions stay
    explicit and comparable across languages.
    """
    transformers, weights = [], {}
    if any(content_words(text) for text in rows["text"]):
        text = Pipeline(
            [
                ("tfidf", text_vectorizer(len(rows), settings.analyzer)),
                ("lsa", LSA(settings.n_components, random_state=random_state)),
            ]
        )
        transformers.append(("text", text, "text"))
        weights["text"] = 1.0
    for kind, weight in (("sector", settings.sector_weight), ("country", settings.country_weight)):
        if weight > 0 and rows["concepts"].str.contains(kind + ":", regex=False).any():
            transformers.append((kind, concept_vectorizer(kind), "concepts"))
            weights[kind] = weight
    if not transformers:
        return None
    return ColumnTransformer(transformers, transformer_weights=weights, sparse_threshold=1.0)


#: Feature spaces up to this many columns are clustered as dense arrays (LSA + concepts).
_DENSE_COLUMNS = 2000


def _matrix(X):
    """Return the feature rows as a dense array when narrow (LSA), else as CSR."""
    if X.shape[1] <= _DENSE_COLUMNS:
        return X.toarray() if sparse.issparse(X) else np.asarray(X)
    return sparse.csr_matrix(X)


def _rows_with_features(X) -> np.ndarray:
    return np.asarray(abs(X).sum(axis=1)).ravel() > 0


def _scores_from_embedding(model: TopicModel, E, has: np.ndarray) -> Scores:
    n = len(has)
    sims = np.zeros((n, model.k))
    xy = np.zeros((n, 2))
    if has.any():
        mean, components = model.projection
        sims[has] = dense(E @ model.centroids.T)
        xy[has] = dense(E @ components.T) - mean @ components.T
    return Scores(sims, xy, has)


def _score(model: TopicModel, frame: pd.DataFrame) -> Scores:
    """Return the scores of every row of ``frame``, vectorised ``settings.chunk`` rows at a time."""
    features = model.pipeline.named_steps["features"]
    parts = [Scores(np.zeros((0, model.k)), np.zeros((0, 2)), np.zeros(0, bool))]
    for start in range(0, len(frame), model.settings.chunk):
        X = _matrix(features.transform(frame.iloc[start : start + model.settings.chunk]))
        has = _rows_with_features(X)
        E = normalize(X[has]) if has.any() else None
        parts.append(_scores_from_embedding(model, E, has))
    return Scores(
        np.vstack([p.sims for p in parts]), np.vstack([p.xy for p in parts]), np.concatenate([p.has for p in parts])
    )


def _counts(dominant: np.ndarray, k: int) -> np.ndarray:
    return np.bincount(dominant[dominant >= 0], minlength=k)[:k]


def _topic_order(units: pd.DataFrame, dominant: np.ndarray, k: int) -> np.ndarray:
    """Return cluster indices in topic-id order: most units first, then by first unit key."""
    keys = (units["article_id"].astype(str) + "\x00" + units["passage"].astype(str).str.zfill(8)).to_numpy()
    counts = _counts(dominant, k)
    first = [min(keys[dominant == c], default="\uffff") for c in range(k)]
    return np.array(sorted(range(k), key=lambda c: (-counts[c], first[c])), dtype=int)


def _reorder(model: TopicModel, order: np.ndarray) -> None:
    """Put the centroids, and the pipeline's k-means, in topic-id order."""
    model.centroids = model.centroids[order]
    kmeans = model.pipeline.named_steps["kmeans"]
    inverse = np.argsort(order)
    kmeans.cluster_centers_ = kmeans.cluster_centers_[order]
    kmeans.labels_ = inverse[kmeans.labels_]


def _label_terms(model: TopicModel, fit_rows: pd.DataFrame, X_fit) -> tuple[object, np.ndarray | None, np.ndarray]:
    """Return (unit x text-dimension matrix, map back to terms or None, term names) for labels.

    With light stems the text block itself serves, its LSA dimensions mapped back to terms;
    with character n-grams a word-level vectorizer is fitted on the same units for labels.
    """
    features = model.pipeline.named_steps["features"]
    if "text" not in features.named_transformers_:
        return None, None, np.array([], dtype=object)
    text = features.named_transformers_["text"]
    if model.settings.analyzer == "word":
        matrix = X_fit[:, features.output_indices_["text"]]
        return matrix, text.named_steps["lsa"].back_projection(), text.named_steps["tfidf"].get_feature_names_out()
    vectorizer = text_vectorizer(len(fit_rows), "word")
    matrix = vectorizer.fit_transform(fit_rows["text"])
    return matrix, None, vectorizer.get_feature_names_out()
