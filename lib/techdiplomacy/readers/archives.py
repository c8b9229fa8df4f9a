"""Data-pipeline and crawl archives: Parquet files (row groups in batches) and WARC/ARC web archives.

A Parquet row is a record like a JSON line: its columns are mapped to fields as CSV headers
are (:func:`~techdiplomacy.readers.article.canonical`, ``--map``). A WARC (or ARC) file holds
crawled pages: every HTML response becomes an article through the same extractor as a saved
HTML page (:func:`~techdiplomacy.readers.webpages.read_html`), with the record's target URI as
``url`` and its crawl date as ``published`` when the page gives none; other records (requests,
metadata, images, redirects) are skipped and counted in one line per file.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections import Counter
from collections.abc import Iterator
from typing import BinaryIO

from techdiplomacy.readers.article import FIELDS, Article, ReadError, record_article
from techdiplomacy.readers.encodings import NotTextError, decode_for
from techdiplomacy.readers.webpages import read_html

#: Rows converted to Python at a time: memory holds one batch of one row group.
PARQUET_BATCH = 256


def read_parquet(
    stream: BinaryIO, path: str, *, max_record_bytes: int, columns: dict[str, str] | None = None
) -> Iterator[Article | ReadError]:
    """Yield one article (or read error) per row of the Parquet file ``stream`` (seekable)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(stream)
    except (pa.ArrowException, OSError, ValueError) as exc:
        yield ReadError(path, f"not a readable Parquet file: {exc}")
        return
    known = {name for names in FIELDS.values() for name in names}
    known |= {c.strip().lower() for c in (columns or {}).values()}
    names = parquet.schema_arrow.names
    wanted = [n for n in names if n.strip().lower() in known]  # read only the columns that become fields
    text_names = set(FIELDS["text"]) | ({columns["text"].strip().lower()} if columns and "text" in columns else set())
    if not any(n.strip().lower() in text_names for n in wanted):
        yield ReadError(path, f"no 'text' column (or body/content) in the Parquet file: {', '.join(names) or '(none)'}")
        return
    row = 0
    try:
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH, columns=wanted):
            for record in batch.to_pylist():
                row += 1
                size = sum(len(v) for v in record.values() if isinstance(v, (str, bytes)))
                if size > max_record_bytes:
                    yield ReadError(f"{path}#{row}", f"row {row} too large: {size / 1e6:.1f} MB > "
                                                     f"{max_record_bytes / 1e6:g} MB per-article limit")
                    continue
                yield record_article(record, f"{path}#{row}", f"row {row}", columns)
    except (pa.ArrowException, OSError, ValueError) as exc:
        yield ReadError(f"{path}#{row + 1}", f"cannot read Parquet row group after row {row}: {exc}")
    if row == 0:
        yield ReadError(path, "no rows in the Parquet file")


_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._-]+)", re.IGNORECASE)


def read_warc(stream: BinaryIO, path: str, *, max_bytes: int) -> Iterator[Article | ReadError]:
    """Yield one article (or read error) per HTML response record of the WARC or ARC ``stream``.

    Each page is read up to ``max_bytes`` (the limit of a saved HTML file). Records that are
    not HTML responses are counted and reported in one :class:`ReadError` at the end.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    skipped: Counter[str] = Counter()
    number = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            number += 1
            kind = _html_response(record)
            if kind is not None:
                skipped[kind] += 1
                continue
            where = f"{path}#{number}"
            body = record.content_stream().read(max_bytes + 1)
            if len(body) > max_bytes:
                yield ReadError(where, f"page too large: more than {max_bytes / 1e6:g} MB")
                continue
            yield from _page(record, body, where)
    except (ArchiveLoadFailed, ValueError, EOFError) as exc:
        yield ReadError(f"{path}#{number + 1}", f"cannot read WARC record after record {number}: {exc}")
    if not number:
        yield ReadError(path, "no records in the WARC file")
    if skipped:
        kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(skipped.items()))
        yield ReadError(path, f"{sum(skipped.values())} records skipped, not HTML responses: {kinds}")


def _html_response(record) -> str | None:
    """None for an HTML page with status 200; else what the record is, for the skipped count."""
    if record.rec_type != "response":
        return record.rec_type or "unknown"
    headers = record.http_headers
    status = headers.get_statuscode() if headers is not None else "200"
    content_type = (headers.get_header("Content-Type") if headers is not None else "") or ""
    mime = content_type.split(";")[0].strip().lower() or "no content type"
    if status != "200":
        return f"status {status}"
    if mime not in ("text/html", "application/xhtml+xml"):
        return mime
    return None


def _page(record, body: bytes, where: str) -> list[Article | ReadError]:
    content_type = record.http_headers.get_header("Content-Type") or ""
    declared = _CHARSET.search(content_type)
    try:
        text = _decode(body, declared.group(1) if declared else None)
    except NotTextError as exc:
        return [ReadError(where, str(exc))]
    results = read_html(text, where, ".html")
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    crawled = _crawl_date(record.rec_headers.get_header("WARC-Date") or "")
    out: list[Article | ReadError] = []
    for result in results:
        if isinstance(result, Article):
            result = dataclasses.replace(result, url=url or result.url, published=result.published or crawled)
        out.append(result)
    return out


def _decode(body: bytes, charset: str | None) -> str:
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_for(".html", body)


def _crawl_date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None
