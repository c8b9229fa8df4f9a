"""Tables derived from the whole stored corpus: topics and near-duplicate groups.

Both are recomputed after a build or an add changes the corpus. Up to ``TopicSettings.large``
(topics) and ``STREAM_ABOVE`` (near-duplicates) articles they are computed in memory from the
whole tables; above, in passes over chunks streamed from DuckDB
(:mod:`techdiplomacy.store.streamed_topics`, :mod:`techdiplomacy.store.streamed_duplicates`), so a build's memory does
not grow with the corpus's text.
"""

from __future__ import annotations

import gc
import hashlib
import pickle
from collections.abc import Callable, Iterable

from techdiplomacy.executors import open_executor

#: The ``meta`` key each derived stage stamps with the corpus version of the articles it covers
#: (:func:`corpus_version`): a stage whose stamp differs from the stored articles' version was
#: left behind (a killed run) or is due (an add that leaves near-duplicates to the next build).
COVERS = {"topics": "topics_covers", "near_duplicates": "duplicates_covers"}


def streamed(store) -> bool:
    """True when the store has more articles than are refitted in memory (``STREAM_ABOVE`` of
    :mod:`techdiplomacy.store.streamed_duplicates`, the same number as ``TopicSettings.large``)."""
    from techdiplomacy.store import streamed_duplicates

    return store.count("articles") > streamed_duplicates.STREAM_ABOVE


def _silent(stage: str, done: int, total: int | None) -> None:
    pass


def corpus_version(article_ids: Iterable[str]) -> str:
    """Return a short hash that changes whenever the set of articles changes."""
    digest = hashlib.sha256("\n".join(sorted(article_ids)).encode()).hexdigest()
    return digest[:12]


def stored_version(store) -> str:
    """Return the :func:`corpus_version` of the articles in ``store`` now."""
    return corpus_version(row[0] for row in store.con.execute("SELECT article_id FROM articles").fetchall())


def covered(store, stage: str, version: str) -> None:
    """Stamp ``stage`` (a key of :data:`COVERS`) as covering the articles of ``version``."""
    store.set_meta(COVERS[stage], version)


def behind(store, version: str | None = None) -> set[str]:
    """Return the derived stages (keys of :data:`COVERS`) that do not cover the stored articles.

    A store stamped before stages recorded their cover counts its last topic fit
    (``topics_version``) as the cover of both."""
    version = version or stored_version(store)
    stamps = {stage: store.get_meta(key) for stage, key in COVERS.items()}
    if all(stamp is None for stamp in stamps.values()):
        stamps = dict.fromkeys(COVERS, store.get_meta("topics_version"))
    return {stage for stage, stamp in stamps.items() if stamp != version}


def without_topics(store) -> list[str]:
    """Return the ids of stored articles that have no ``article_topics`` row (an add killed
    before it assigned them, or an article whose text scores no topic)."""
    rows = store.con.execute(
        "SELECT article_id FROM articles WHERE article_id NOT IN (SELECT article_id FROM article_topics)"
    ).fetchall()
    return [row[0] for row in rows]


def fit_topics_into(
    store, k: int | None, random_state: int, mapper: Callable = map, progress: Callable | None = None
) -> bool:
    """Fit topics over the whole stored corpus and replace the topic tables.

    A corpus above ``TopicSettings.large`` articles is never read whole: the topics are fitted
    on a sample and every article and paragraph is assigned in streamed chunks
    (:mod:`techdiplomacy.store.streamed_topics`).
    """
    from techdiplomacy.store import streamed_topics
    from techdiplomacy.topics import model as topics

    if streamed(store):
        store.con.execute("BEGIN")
        try:
            model = streamed_topics.fit_streamed(
                store, k=k, random_state=random_state, mapper=mapper, progress=progress or _silent
            )
            store.con.execute("INSERT OR REPLACE INTO models VALUES (?, ?)", ["topics", pickle.dumps(model)])
            store.con.execute("COMMIT")
        except BaseException:
            store.rollback()
            raise
        ids = [row[0] for row in store.con.execute("SELECT article_id FROM articles").fetchall()]
    else:
        articles = store.table("articles")
        mentions = store.table("mentions")
        result = topics.fit_topics(articles, mentions, k=k, random_state=random_state)
        store.replace(
            {"topics": result.topics, "article_topics": result.article_topics, "passage_topics": result.passage_topics},
            {"topics": result.model},
        )
        ids = articles["article_id"].tolist()
    store.set_meta("topics_version", corpus_version(ids))
    covered(store, "topics", corpus_version(ids))
    return True


def group_near_duplicates(store, mapper: Callable = map, progress: Callable | None = None) -> None:
    """Recompute the near-duplicate groups of the whole stored corpus (streamed when large)."""
    from techdiplomacy.store import streamed_duplicates
    from techdiplomacy.topics import duplicates as dedup

    version = stored_version(store)
    if streamed(store):
        groups = streamed_duplicates.near_duplicates_streamed(store.con, mapper=mapper, progress=progress or _silent)
    else:
        groups = dedup.near_duplicate_groups(store.con.execute("SELECT article_id, text FROM articles").df())
    store.replace({"near_duplicates": groups})
    covered(store, "near_duplicates", version)


def refit_derived(
    store,
    k: int | None,
    random_state: int,
    *,
    executor: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    progress: Callable[[str, int, int | None], None] | None = None,
    stages: Iterable[str] = tuple(COVERS),
) -> bool:
    """Refit the topic tables and the near-duplicate groups (``stages``: both by default) of the
    whole store; return True when the topics were refitted.

    A large corpus is refitted in chunk passes, each on fresh worker processes: the extraction
    workers' caches (gazetteers, name matchers) and what scoring left in the topic workers are
    not carried into the next pass (at a million articles the two workers that had scored the
    topics still held 1.3 GB while the near-duplicate pass ran).
    """
    report = progress or (lambda stage, done, total: None)
    stages = set(stages)
    fitted = False
    if "topics" in stages:
        report("topics", 0, None)
        with _refit_executor(store, executor, workers, scheduler) as fresh:
            fitted = fit_topics_into(store, k, random_state, fresh.imap, report)
        gc.collect()
    if "near_duplicates" in stages:
        report("near-duplicates", 0, None)
        with _refit_executor(store, executor, workers, scheduler) as fresh:
            group_near_duplicates(store, fresh.imap, report)
    return fitted


def _refit_executor(store, executor: str, workers: int, scheduler: str | None):
    """Return the executor for one refit pass: a new one like the build's for a corpus
    streamed in chunks, this process taking its share of the chunks (a local pool of
    ``workers`` - 1: one process fewer holding libraries and chunks), else this process alone
    (small corpora run in memory)."""
    if streamed(store):
        return open_executor(executor, workers=workers, scheduler=scheduler, sharing=True)
    return open_executor("local", workers=1)


def extend(store, ids: list[str], k: int | None, random_state: int) -> None:
    """Bring the derived tables up to the stored articles after ``ids`` were added (or found
    without topics): assign them to the stored topics without a refit (fitting topics if the
    store has none), regroup near-duplicates, stamp what each stage covers.

    Up to :func:`streamed` size everything is read in memory and the near-duplicate groups are
    recomputed; above, only the new articles' rows are read, the topic sizes are recounted in
    SQL, and near-duplicates are left to the next ``build`` (a new article counts as its own
    group meanwhile; the stage's stamp says it is due)."""
    from techdiplomacy.topics import duplicates as dedup
    from techdiplomacy.topics import model as topics

    version = stored_version(store)
    model = store.model("topics")
    if model is None:
        fit_topics_into(store, k, random_state)
    elif ids:
        new = "article_id IN (SELECT unnest(?::VARCHAR[]))"  # the ids as one bound list
        new_articles = store.con.execute(f"SELECT * FROM articles WHERE {new}", [ids]).df()
        new_mentions = store.con.execute(f"SELECT * FROM mentions WHERE {new}", [ids]).df()
        result = topics.assign_topics(model, new_articles, new_mentions)
        store.replace_rows(
            ids, {"article_topics": result.article_topics, "passage_topics": result.passage_topics},
            then="UPDATE topics SET size = coalesce((SELECT count(DISTINCT a.article_id) FROM article_topics a "
                 "WHERE a.rank = 1 AND a.topic_id = topics.topic_id), 0)",
        )
    covered(store, "topics", version)
    if not streamed(store):
        store.replace({"near_duplicates": dedup.near_duplicate_groups(store.con.execute("SELECT article_id, text FROM articles").df())})
        covered(store, "near_duplicates", version)
    store.set_meta("corpus_version", version)
