"""Topics of a store too large to hold in memory: fitted on a sample, assigned in streamed chunks.

:func:`techdiplomacy.topics.model.fit_topics` reads the whole corpus as frames. Above
``TopicSettings.large`` articles the store does this instead, and its memory no longer grows
with the texts (a million articles are about 2 GB of text and 5 million paragraphs):

1. the article ids, sorted, and a fixed random sample of ``fit_sample`` of them (the same
   sample ``fit_topics`` draws); only the sample's texts and mentions are read to fit;
2. every article is scored against the centroids in chunks read from DuckDB by ``rowid``
   range; only its k similarities, map position and concept tokens stay in memory;
3. topic ids are ordered as ``fit_topics`` orders them (most articles first), then
   ``article_topics`` is written from memory and every paragraph is scored, chunk by chunk,
   straight into ``passage_topics``, keeping only counts and each topic's best paragraph.

The clustering unit is the article (a corpus this large has far more than ``min_articles``).
The tables have the same columns and meaning as ``fit_topics``'s; they differ from it only
where two similarities tie exactly (the earlier row in the store, not by id, then wins).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

import numpy as np
import pandas as pd

from techdiplomacy.topics import model as tp
from techdiplomacy.topics.features import surface_forms
from techdiplomacy.topics.phrases import phrase_forms
from techdiplomacy.topics.tables import Scores, article_rows, dominant_concepts, passage_rows, top_features, topic_rows

#: Articles read from the store at a time (their paragraphs are scored together): a task of a
#: refit worker or of the build process, whose peak memory grows with it (issue #15).
CHUNK = 5_000
_MENTION_COLUMNS = 'article_id, kind, "key", country, "start"'


def fit_streamed(
    store,
    *,
    k: int | None,
    random_state: int,
    settings=tp.TopicSettings(),
    chunk: int = CHUNK,
    mapper: Callable = map,
    progress: Callable = lambda stage, done, total: None,
):
    """Fit topics on a sample of the store's articles and write ``topics``, ``article_topics``
    and ``passage_topics`` in the store's open transaction; return the model (None: no topic).

    ``mapper(fn, chunks)`` scores the chunks (the build passes its executor's ordered
    ``imap``, so both cores score while this process reads and writes the store)."""
    con = store.con
    ids = np.array([row[0] for row in con.execute("SELECT article_id FROM articles ORDER BY article_id").fetchall()], dtype=object)
    pick = np.random.default_rng(random_state).choice(len(ids), min(settings.fit_sample, len(ids)), replace=False)
    sample = _read_ids(con, ids[np.sort(pick)])
    fit_rows = tp.article_units(*sample)
    fitted = tp.fit_model(fit_rows, "article", k=k, random_state=random_state, settings=settings)
    if fitted is None:
        return None
    model, X_fit, E_fit, has_fit = fitted

    art_ids, sims, xy, has, concepts = _score_articles(con, model, chunk, mapper, progress)
    units = pd.DataFrame({"article_id": art_ids, "passage": -1, "concepts": concepts})
    order = tp._topic_order(units, Scores(sims, xy, has).dominant, model.k)
    tp._reorder(model, order)
    art_scores = Scores(sims[:, order], xy, has)
    del sims
    fit_scores = tp._scores_from_embedding(model, E_fit, has_fit)
    term_matrix, back, vocabulary = tp._label_terms(model, fit_rows, X_fit)
    features = top_features(term_matrix, vocabulary, fit_scores.dominant, model.k, settings.n_terms, back=back)

    for table in ("topics", "article_topics", "passage_topics"):
        con.execute(f'DELETE FROM "{table}"')
    for start in range(0, len(art_ids), 100_000):
        part = slice(start, start + 100_000)
        scores = Scores(art_scores.sims[part], art_scores.xy[part], art_scores.has[part])
        rows = article_rows(
            units.iloc[part].reset_index(drop=True),
            scores,
            temperature=settings.temperature,
            max_topics=settings.max_topics_per_article,
            min_weight=settings.min_weight,
        )
        store._insert("article_topics", rows)
    n_passages, reps = _score_passages(store, model, chunk, mapper, progress)

    dominant = art_scores.dominant
    surfaces = surface_forms(fit_rows["text"], {f for fs in features for f in fs})
    written = [list(dict.fromkeys(surfaces.get(f, f) for f in fs)) for fs in features]
    model.topics = topic_rows(
        k=model.k,
        features=features,
        surfaces=surfaces,
        phrases=phrase_forms(fit_rows["text"], written, fit_scores.dominant),
        concepts=dominant_concepts(units, dominant, model.k),
        reps=reps,
        sizes=np.bincount(dominant[dominant >= 0], minlength=model.k)[: model.k],
        n_passages=n_passages,
    )
    store._insert("topics", model.topics)
    return model


def _read_ids(con, ids: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (articles: article_id, text; their concept mentions) of the given ids."""
    con.register("_wanted", pd.DataFrame({"article_id": ids.astype(str)}))
    try:
        articles = con.execute("SELECT article_id, text FROM articles SEMI JOIN _wanted USING (article_id)").df()
        mentions = con.execute(
            f"SELECT {_MENTION_COLUMNS} FROM mentions SEMI JOIN _wanted USING (article_id) "
            "WHERE kind IN ('sector', 'country', 'place')"
        ).df()
    finally:
        con.unregister("_wanted")
    return articles, mentions


def _chunks(con, chunk: int) -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
    """Yield (articles, their concept mentions) ``chunk`` rowids at a time, in storage order."""
    top = con.execute("SELECT max(rowid) FROM articles").fetchone()[0]
    for low in range(0, (top if top is not None else -1) + 1, chunk):
        where = f"rowid >= {low} AND rowid < {low + chunk}"
        articles = con.execute(f"SELECT article_id, text FROM articles WHERE {where}").df()
        if articles.empty:
            continue
        mentions = con.execute(
            f"SELECT {_MENTION_COLUMNS} FROM mentions WHERE kind IN ('sector', 'country', 'place') "
            f"AND article_id IN (SELECT article_id FROM articles WHERE {where})"
        ).df()
        yield articles, mentions


def article_chunk_scores(model, chunk: tuple[pd.DataFrame, pd.DataFrame]):
    """Return (ids, concepts, similarities, map positions, has-features) of one chunk's
    articles (a task: runs in any process)."""
    units = tp.article_units(*chunk)
    scores = tp._score(model, units)
    return units["article_id"].to_numpy(dtype=object), units["concepts"].to_numpy(dtype=object), scores.sims, scores.xy, scores.has


def passage_chunk_scores(model, chunk: tuple[pd.DataFrame, pd.DataFrame]):
    """Return (``passage_topics`` rows, paragraphs per topic, each topic's best paragraph among
    those it dominates and among all, as (similarity, article_id, text), articles with a
    paragraph) of one chunk."""
    k = model.k
    units = tp.passage_units(*chunk)
    scores = tp._score(model, units)  # the model's centroids are in topic-id order already
    rows = passage_rows(units, scores, temperature=model.settings.temperature)
    dominant = scores.dominant
    counts = np.bincount(dominant[dominant >= 0], minlength=k)[:k]
    best = []
    for pool in ([np.flatnonzero(dominant == c) for c in range(k)], [np.flatnonzero(scores.has)] * k):
        found = []
        for c in range(k):
            if len(pool[c]) == 0:
                found.append((-np.inf, None, None))
                continue
            i = pool[c][np.argmax(scores.sims[pool[c], c])]
            found.append((float(scores.sims[i, c]), units["article_id"].iat[i], units["text"].iat[i]))
        best.append(found)
    return rows, counts, best[0], best[1], units["article_id"].nunique()


def _score_articles(con, model, chunk: int, mapper: Callable, progress: Callable):
    """Return (ids, similarities, map positions, has-features, concepts) of every article,
    sorted by article id."""
    ids, concepts, sims, xy, has = [], [], [], [], []
    for part in mapper(partial(article_chunk_scores, model), _chunks(con, chunk)):
        for kept, value in zip((ids, concepts, sims, xy, has), part):
            kept.append(value)
        progress("topics: articles scored", sum(map(len, ids)), None)
    ids_all = np.concatenate(ids)
    by_id = np.argsort(ids_all, kind="stable")
    return (
        ids_all[by_id],
        np.concatenate(sims)[by_id],
        np.concatenate(xy)[by_id],
        np.concatenate(has)[by_id],
        np.concatenate(concepts)[by_id],
    )


def _score_passages(store, model, chunk: int, mapper: Callable, progress: Callable) -> tuple[np.ndarray, list]:
    """Score every paragraph into ``passage_topics``; return (paragraphs per topic, each
    topic's representative (article_id, text))."""
    k = model.k
    n_passages = np.zeros(k, dtype=np.int64)
    best_own = [(-np.inf, None, None)] * k  # among the paragraphs a topic dominates
    best_any = [(-np.inf, None, None)] * k  # fallback: among all paragraphs with content
    done = 0
    for rows, counts, own, other, n_articles in mapper(partial(passage_chunk_scores, model), _chunks(store.con, chunk)):
        store._insert("passage_topics", rows)
        n_passages += counts
        done += n_articles
        progress("topics: articles with paragraphs scored", done, None)
        # Strictly greater: on a tie the earlier chunk's paragraph stays, as argmax keeps the first.
        best_own = [new if new[0] > old[0] else old for old, new in zip(best_own, own)]
        best_any = [new if new[0] > old[0] else old for old, new in zip(best_any, other)]
    reps = [(own[1], own[2]) if own[1] is not None else (other[1], other[2]) for own, other in zip(best_own, best_any)]
    return n_passages, reps
