"""Building a store from a corpus: read, extract in batches on an executor, write, derive.

A build is incremental: articles already stored (same id, same extractor version) are not
re-processed, articles whose file is gone are removed, and the derived tables (topics,
near-duplicates, the dashboard's narrow tables) are recomputed when anything changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from techdiplomacy.executors import Executor, Pending, open_executor
from techdiplomacy.readers.corpus import Article, ReadError, read_paths
from techdiplomacy.settings import Settings
from techdiplomacy.store import derived
from techdiplomacy.store.database import BUILD_MEMORY, Progress, Store, writing
from techdiplomacy.store.derived import corpus_version, refit_derived
from techdiplomacy.tables import EXTRACTOR_VERSION, within_limits

#: The ``meta`` key a build sets before its first write and clears once its derived tables are
#: refitted: found by the next build, it means a killed build's refit is still owed.
REFIT_DUE = "refit_due"


@dataclass
class BuildSummary:
    """What a build did."""

    read: int = 0
    duplicates: int = 0
    added: int = 0
    unchanged: int = 0
    removed: int = 0
    errors: list[dict] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    topics: bool = False

    def as_dict(self) -> dict:
        return {
            "read": self.read,
            "duplicates": self.duplicates,
            "added": self.added,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "errors": len(self.errors),
            "rows": self.counts,
            "topics": self.topics,
        }


def build(
    paths: Iterable[str | Path],
    store_path: str | Path,
    *,
    batch_size: int = 500,
    max_file_bytes: int = 20_000_000,
    max_article_chars: int = Settings.max_article_chars,
    max_record_bytes: int = 5_000_000,
    zip_limits: tuple[int, int] = (Settings.zip_max_members, Settings.zip_max_bytes),
    columns: dict[str, str] | None = None,
    topics_k: int | None = None,
    random_state: int = 0,
    rebuild: bool = False,
    workers: int = 1,
    executor: str = "local",
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> BuildSummary:
    """Read ``paths`` into the store at ``store_path`` incrementally and return a summary.

    Articles already stored (same id, same extractor version) are not re-processed; articles
    whose file under a scanned folder is gone are removed; topics are refitted when anything
    changed. Each batch is one transaction. Extraction runs on ``executor``: ``"local"``, with
    ``workers`` processes (0: one per core) on large batches, or ``"dask"``, on the cluster at
    ``scheduler`` (None: a local cluster started and closed here); the tables are the same
    whichever runs it. An article longer than ``max_article_chars`` is an error, not stored; a zip
    is read within ``zip_limits`` (most members, most bytes decompressed). Files are streamed (:func:`~techdiplomacy.readers.corpus.read_paths`):
    memory holds a batch of articles and the ids seen, never a whole file. ``columns`` names
    the fields of an export ({"text": "story"}). The same text read twice counts as a duplicate.
    """
    paths = [Path(p) for p in paths]
    summary = BuildSummary()
    report = progress or (lambda stage, done, total: None)
    with writing(store_path), Store(store_path, memory_limit=BUILD_MEMORY) as store:
        stale = rebuild or store.get_meta("extractor_version") != EXTRACTOR_VERSION
        stored = store.article_paths()
        # a build killed after writing left this mark: its refit is still owed
        owed = store.get_meta(REFIT_DUE) is not None
        seen: set[str] = set()
        with open_executor(executor, workers=workers, scheduler=scheduler) as extractor:
            if stale and stored:
                _reextract(store, batch_size, report, extractor)
            batch: list[Article] = []
            writer = _PipelinedWriter(store, extractor, owe=lambda: store.set_meta(REFIT_DUE, "1"))
            records = read_paths(paths, max_bytes=max_file_bytes, max_record_bytes=max_record_bytes, columns=columns,
                                 zip_max_members=zip_limits[0], zip_max_bytes=zip_limits[1])
            for record in records:
                record = within_limits(record, max_chars=max_article_chars)
                if isinstance(record, ReadError):
                    summary.errors.append({"path": record.path, "error": record.error})
                    continue
                summary.read += 1
                if record.article_id in seen:
                    summary.duplicates += 1
                    continue
                seen.add(record.article_id)
                if record.article_id in stored:
                    summary.unchanged += 1
                    continue
                batch.append(record)
                if len(batch) >= batch_size:
                    writer.push(batch)
                    summary.added += len(batch)
                    batch = []
                report("extract", summary.read, None)
            writer.push(batch)
            writer.push([])  # writes the last batch
            summary.added += len(batch)
        gone = [aid for aid, path in stored.items() if aid not in seen and _under(path, paths)]
        if gone:
            store.set_meta(REFIT_DUE, "1")
        store.remove(gone)
        summary.removed = len(gone)
        store.replace({"errors": pd.DataFrame(summary.errors, columns=["path", "error"])})
        store.set_meta("extractor_version", EXTRACTOR_VERSION)
        changed = bool(summary.added or summary.removed or stale)
        # what a killed run left behind is repaired as that run would have finished it: a build's
        # refit (``owed``) for the stages it had not reached, an add's assignment to the stored topics
        due = set(derived.COVERS) if changed or store.get_meta("topics_version") is None else derived.behind(store)
        if "topics" in due and not changed and not owed and store.model("topics") is not None:
            derived.extend(store, derived.without_topics(store), topics_k, random_state)
            due = derived.behind(store)
        if due:
            del seen
            summary.topics = refit_derived(
                store, topics_k, random_state, executor=executor, workers=workers, scheduler=scheduler, progress=report,
                stages=due,
            )
        store.con.execute("DELETE FROM meta WHERE key = ?", [REFIT_DUE])
        ids = store.article_paths()
        store.set_meta("corpus_version", corpus_version(ids))
        report("dashboard tables", 0, None)
        store.store_dashboard_tables(built_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
        summary.counts = store.counts()
    return summary


class _PipelinedWriter:
    """Writes batch N while the executor extracts batch N+1, so the cores never wait on the store.

    Only for articles known not to be stored (the build checked): nothing to delete first.
    """

    def __init__(self, store: Store, extractor: Executor, owe=lambda: None):
        self.store = store
        self.extractor = extractor
        self.pending: Pending | None = None
        self.owe = owe  # called once, before the first write

    def push(self, batch: list[Article]) -> None:
        """Start extracting ``batch`` (empty: none), then write the batch started before it."""
        upcoming = self.extractor.submit(batch) if batch else None
        if self.pending is not None:
            if self.owe is not None:
                self.owe()
                self.owe = None
            self.store.add_tables(self.pending.result(), replace=False)
        self.pending = upcoming


def _under(path: str, roots: list[Path]) -> bool:
    """True when a stored article's path lies under one of the scanned folders or files."""
    file_path = Path(str(path).split("#", 1)[0])
    for root in roots:
        if file_path == root or (root.is_dir() and root in file_path.parents):
            return True
    return False


def _reextract(store: Store, batch_size: int, report: Progress, extractor: Executor) -> None:
    """Re-extract every stored article from its stored text (extractors changed)."""
    articles = store.table("articles")
    records = [
        Article(
            article_id=r.article_id,
            title=r.title or "",
            text=r.text or "",
            language=r.language or "",
            published=None if pd.isna(r.published) else r.published.date(),
            source=r.source or "",
            url=r.url or "",
            path=r.path or "",
        )
        for r in articles.itertuples(index=False)
    ]
    for i in range(0, len(records), batch_size):
        store.add(extractor.extract(records[i : i + batch_size]))
        report("re-extract", min(i + batch_size, len(records)), len(records))
