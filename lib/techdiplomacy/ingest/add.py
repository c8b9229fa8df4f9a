"""Adding articles to a store: files, uploads (zip too), pasted text, web pages and feeds.

Every item gets a result: added, duplicate (the same text is already stored) or rejected (with
the reason). Each article is added in one transaction with all its rows, so an interrupted add
never leaves half an article; new articles are assigned to the existing topics at once (a full
refit is `techdiplomacy build --rebuild` or the dashboard's refit button).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator, Sized
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from techdiplomacy.readers.corpus import (
    SUPPORTED_EXTENSIONS,
    Article,
    ReadError,
    file_format,
    read_bytes,
    read_paths,
    read_stream,
)
from techdiplomacy.settings import Settings
from techdiplomacy.store import derived
from techdiplomacy.store.dashboard import current as dashboard_current
from techdiplomacy.store.database import Progress, Store, writing
from techdiplomacy.tables import extract_article, within_limits

@dataclass(frozen=True)
class ItemResult:
    """What happened to one item offered to the store."""

    item: str
    status: str  # added | duplicate | rejected
    article_id: str = ""
    title: str = ""
    reason: str = ""

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("item", "status", "article_id", "title", "reason")}


#: What the Add page's uploader says it takes.
UPLOAD_TYPES = "txt, md, json, jsonl, csv, tsv, parquet, warc, html, xml, zip; also .gz .bz2 .xz .zst"


def upload_limits(settings: Settings) -> str:
    """Return the sentence stating the upload limits, as the Add page shows it."""
    return (
        f"Up to {settings.max_upload_mb} MB per file. JSON Lines, CSV, Parquet and WARC files are read record by "
        f"record, each article up to {settings.max_record_bytes / 1e6:g} MB; other files are read whole, up to "
        f"{settings.max_file_bytes / 1e6:g} MB once decompressed."
    )


def is_url(value: str) -> bool:
    """True when ``value`` looks like a web address rather than a path."""
    return value.lower().startswith(("http://", "https://"))


def _limits(settings: Settings, columns: dict[str, str] | None) -> dict:
    return {"max_bytes": settings.max_file_bytes, "max_record_bytes": settings.max_record_bytes, "columns": columns,
            "zip_max_members": settings.zip_max_members, "zip_max_bytes": settings.zip_max_bytes}


def read_upload(
    name: str, data: bytes, *, settings: Settings, columns: dict[str, str] | None = None
) -> list[Article | ReadError]:
    """Return the articles of one uploaded file; a ``.zip`` yields those of its members.

    A zip's headers are not trusted: members are counted as they decompress, each stopped at
    ``max_file_bytes`` and all together at ``zip_max_bytes``; a zip of more than
    ``zip_max_members`` files is refused before any is read.
    """
    return list(iter_upload(name, data, settings=settings, columns=columns))


def iter_upload(
    name: str, data: bytes, *, settings: Settings, columns: dict[str, str] | None = None
) -> Iterator[Article | ReadError]:
    """Yield the articles of one uploaded file as they are read; a ``.zip`` yields those of its members."""
    label = f"upload:{name}"
    small = len(data) <= settings.max_file_bytes and file_format(name) != ".zip"
    if file_format(name) not in SUPPORTED_EXTENSIONS or small:
        yield from read_bytes(data, name, path=label, **_limits(settings, columns))
    else:  # a large upload is streamed: JSONL, CSV, Parquet and WARC record by record, a zip member by member
        yield from read_stream(io.BytesIO(data), name, path=label, **_limits(settings, columns))


def read_pasted(text: str, *, title: str = "", date: str = "", source: str = "", url: str = "") -> list[Article | ReadError]:
    """Return the article of pasted text with optional metadata."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    record = {"text": text, "title": title, "published": date, "source": source, "url": url}
    return read_bytes(json.dumps(record, ensure_ascii=False).encode("utf-8"), "pasted.json", path=f"pasted:{stamp}")


def read_sources(
    sources: Iterable[str], *, settings: Settings, columns: dict[str, str] | None = None
) -> list[tuple[str, Article | ReadError]]:
    """Return (item, record) pairs for paths and URLs given on the command line."""
    return list(iter_sources(sources, settings=settings, columns=columns))


def iter_sources(
    sources: Iterable[str], *, settings: Settings, columns: dict[str, str] | None = None
) -> Iterator[tuple[str, Article | ReadError]]:
    """Yield (item, record) pairs for paths and URLs as they are read: files are streamed."""
    from techdiplomacy.ingest.fetch import fetch_articles

    for source in sources:
        if is_url(source):
            yield from ((source, record) for record in fetch_articles(source, settings))
        else:  # a zip among them too, member by member, within the zip limits
            yield from ((source, record) for record in read_paths([source], **_limits(settings, columns)))


def add_records(
    store_path: str | Path,
    records: Iterable[tuple[str, Article | ReadError]],
    *,
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> list[ItemResult]:
    """Add (item, record) pairs to the store; return one result per record, in order.

    Articles a killed add committed without their topics are assigned with the new ones, and
    dashboard tables a killed run left out of date are stored again, so an add leaves every
    derived table whole whatever the run before it did."""
    settings = settings or Settings()
    total = len(records) if isinstance(records, Sized) else None  # a stream of records is read as it comes
    report = progress or (lambda stage, done, total: None)
    results: list[ItemResult] = []
    added: list[str] = []
    with writing(store_path), Store(store_path, wait_seconds=settings.lock_wait) as store:
        known = set(store.article_paths())
        due = derived.behind(store)
        orphans = derived.without_topics(store) if "topics" in due and store.model("topics") is not None else []
        for i, (item, record) in enumerate(records, 1):
            record = within_limits(record, max_chars=settings.max_article_chars)
            if isinstance(record, ReadError):
                results.append(ItemResult(record.path or item, "rejected", reason=record.error))
            elif record.article_id in known:
                results.append(ItemResult(record.path or item, "duplicate", record.article_id, record.title, "the same text is already in the store"))
            else:
                store.add([extract_article(record)])  # one transaction: the article and all its rows
                known.add(record.article_id)
                added.append(record.article_id)
                results.append(ItemResult(record.path or item, "added", record.article_id, record.title))
            report("add", i, total)
        touched = added + [a for a in orphans if a not in set(added)]
        if known and (touched or (due - ({"near_duplicates"} if derived.streamed(store) else set())) or not dashboard_current(store)):
            derived.extend(store, touched, settings.topics_k, settings.random_state)
            # fresh dashboard tables at once: the narrow ones derived again (seconds at a
            # million articles), the search text given the rows it lacks
            store.store_dashboard_tables(added=touched)
    return results
