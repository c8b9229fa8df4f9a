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
            store.con.execute("ROLLBACK")
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
    return True


def group_near_duplicates(store, mapper: Callable = map, progress: Callable | None = None) -> None:
    """Recompute the near-duplicate groups of the whole stored corpus (streamed when large)."""
    from techdiplomacy.store import streamed_duplicates
    from techdiplomacy.topics import duplicates as dedup

    if streamed(store):
        groups = streamed_duplicates.near_duplicates_streamed(store.con, mapper=mapper, progress=progress or _silent)
    else:
        groups = dedup.near_duplicate_groups(store.con.execute("SELECT article_id, text FROM articles").df())
    store.replace({"near_duplicates": groups})


def refit_derived(
    store,
    k: int | None,
    random_state: int,
    *,
    executor: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> bool:
    """Refit the topic tables and the near-duplicate groups of the whole store; return True.

    A large corpus is refitted in chunk passes, each on fresh worker processes: the extraction
    workers' caches (gazetteers, name matchers) and what scoring left in the topic workers are
    not carried into the next pass (at a million articles the two workers that had scored the
    topics still held 1.3 GB while the near-duplicate pass ran).
    """
    report = progress or (lambda stage, done, total: None)
    report("topics", 0, None)
    with _refit_executor(store, executor, workers, scheduler) as fresh:
        fitted = fit_topics_into(store, k, random_state, fresh.imap, report)
    gc.collect()
    report("near-duplicates", 0, None)
    with _refit_executor(store, executor, workers, scheduler) as fresh:
        group_near_duplicates(store, fresh.imap, report)
    return fitted


def _refit_executor(store, executor: str, workers: int, scheduler: str | None):
    """Return the executor for one refit pass: a new one like the build's for a corpus
    streamed in chunks, else this process alone (small corpora run in memory)."""
    if streamed(store):
        return open_executor(executor, workers=workers, scheduler=scheduler)
    return open_executor("local", workers=1)
