"""Adding articles to a store: files, uploads (zip too), pasted text, web pages and feeds.

Every item gets a result: added, duplicate (the same text is already stored) or rejected (with
the reason). Each article is added in one transaction with all its rows, so an interrupted add
never leaves half an article; new articles are assigned to the existing topics at once (a full
refit is `techdiplomacy build --rebuild` or the dashboard's refit button).
"""

from __future__ import annotations

import io
import json
import zipfile
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

#: Bytes decompressed at a time from a zip member (what a member may cost beyond its limit).
ZIP_CHUNK = 1 << 16


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
    return {"max_bytes": settings.max_file_bytes, "max_record_bytes": settings.max_record_bytes, "columns": columns}


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
    if not name.lower().endswith(".zip"):
        if file_format(name) not in SUPPORTED_EXTENSIONS or len(data) <= settings.max_file_bytes:
            yield from read_bytes(data, name, path=label, **_limits(settings, columns))
        else:  # a large upload is streamed: JSONL, CSV, Parquet and WARC record by record
            yield from read_stream(io.BytesIO(data), name, path=label, **_limits(settings, columns))
        return
    yield from _zip_members(label, data, settings=settings, columns=columns)


def _zip_members(label: str, data: bytes, *, settings: Settings, columns: dict[str, str] | None) -> list[Article | ReadError]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        return [ReadError(label, f"not a readable zip file: {exc}")]
    if len(members) > settings.zip_max_members:
        return [ReadError(label, f"zip holds {len(members)} files, more than the zip_max_members limit ({settings.zip_max_members}): split it")]
    out: list[Article | ReadError] = []
    budget = settings.zip_max_bytes
    for member in members:
        base = Path(member.filename).name
        if not base or base.startswith(".") or "__MACOSX" in member.filename:
            continue
        where = f"{label}/{member.filename}"
        limit = min(settings.max_file_bytes, budget)
        try:
            content = _decompressed(archive, member, limit)
        except _TooLarge:
            if limit < settings.max_file_bytes:
                out.append(ReadError(label, f"zip expands to more than the zip_max_bytes limit ({settings.zip_max_bytes / 1e6:.0f} MB): "
                                            f"the files from {member.filename} on are not read; split the zip"))
                break
            out.append(ReadError(where, f"file too large: more than the {settings.max_file_bytes / 1e6:.0f} MB limit once decompressed"))
            continue
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, ValueError) as exc:
            out.append(ReadError(where, f"cannot extract from zip: {exc}"))
            continue
        budget -= len(content)
        out.extend(read_bytes(content, base, path=where, **_limits(settings, columns)))
    return out or [ReadError(label, "zip holds no article files")]


class _TooLarge(Exception):
    """A zip member decompressed past its limit."""


def _decompressed(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limit: int) -> bytes:
    """Return a member's bytes, counted while they decompress: :class:`_TooLarge` past ``limit``.

    ``ZipFile.read`` asks the decompressor for the whole member at once, so a member whose
    header says a few bytes can expand to gigabytes before its CRC is checked.
    """
    if member.file_size > limit:
        raise _TooLarge
    chunks = []
    size = 0
    with archive.open(member) as stream:
        while chunk := stream.read(ZIP_CHUNK):
            size += len(chunk)
            if size > limit:
                raise _TooLarge
            chunks.append(chunk)
    return b"".join(chunks)


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
        elif source.lower().endswith(".zip") and Path(source).is_file():
            data = Path(source).read_bytes()
            yield from ((source, r) for r in read_upload(Path(source).name, data, settings=settings, columns=columns))
        else:
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
