"""Records read one at a time from a byte stream: JSON Lines, CSV/TSV and large JSON lists.

Memory is bounded by one record, never by the file: a line (or CSV row) longer than
``max_record_bytes`` is skipped without being held and reported with its line number, and a bad
record is one :class:`ReadError` while the rest of the file is read. Bytes are decoded record by
record (:class:`~techdiplomacy.readers.encodings.LineDecoder`), so a file mixing UTF-8 and
Windows-1256 lines reads each right; UTF-16/32 files are re-encoded to UTF-8 as they stream.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from typing import BinaryIO

from techdiplomacy.readers.article import FIELDS, Article, ReadError, canonical, make_article, record_article
from techdiplomacy.readers.encodings import LineDecoder, NotTextError, stream_encoding

CHUNK = 1 << 20
_SAMPLE = 65_536
_UTF8_BOM = b"\xef\xbb\xbf"


def head_of(stream: BinaryIO, size: int = _SAMPLE) -> tuple[bytes, BinaryIO]:
    """Return the first ``size`` bytes of ``stream`` (or fewer) and a stream that still starts with them."""
    if stream.seekable():
        start = stream.tell()
        head = stream.read(size)
        stream.seek(start)
        return head, stream
    buffered = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream, max(size, CHUNK))
    return buffered.peek(size)[:size], buffered


def lines(stream: BinaryIO, limit: int, quote: bytes | None = None) -> Iterator[tuple[int, bytes | None, int, int]]:
    """Yield (line number, the line's bytes, its size, quotes in it) for each line of ``stream``.

    A line longer than ``limit`` is read past in chunks and yielded as ``None``: it is never
    held whole. ``quote`` (a byte) is counted in every line, held or not.
    """
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        quotes = line.count(quote) if quote else 0
        if len(line) <= limit or line.endswith(b"\n"):
            yield number, line, len(line), quotes
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = stream.readline(CHUNK)
            if not line:
                break
            size += len(line)
            quotes += line.count(quote) if quote else 0
        yield number, None, size, quotes


def _too_large(what: str, size: int, limit: int) -> str:
    return f"{what} too large: {size / 1e6:.1f} MB > {limit / 1e6:g} MB per-article limit"


class _Transcoded(io.RawIOBase):
    """A UTF-16/32 stream re-encoded as UTF-8, so that records split on newline bytes."""

    def __init__(self, raw: BinaryIO, encoding: str):
        self.text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self.pending:
            chunk = self.text.read(CHUNK // 4)
            if not chunk:
                return 0
            self.pending = chunk.encode("utf-8")
        n = min(len(buffer), len(self.pending))
        buffer[:n], self.pending = self.pending[:n], self.pending[n:]
        return n


def text_stream(stream: BinaryIO) -> tuple[BinaryIO, Callable[[bytes], str]]:
    """Return a stream of 8-bit or UTF-8 lines and the function that decodes one of its records.

    Raises :class:`NotTextError` when the stream starts like a binary file.
    """
    head, stream = head_of(stream)
    encoding = stream_encoding(head)
    if encoding is not None:
        return io.BufferedReader(_Transcoded(stream, encoding), CHUNK), _utf8
    if head.startswith(_UTF8_BOM):
        stream.read(len(_UTF8_BOM))
    return stream, LineDecoder()


def _utf8(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _empty(path: str, any_bytes: bool) -> ReadError:
    return ReadError(path, "empty file (only whitespace)" if any_bytes else "empty file")


# --- JSON Lines ------------------------------------------------------------------------------


def json_line(line: str, path: str, number: int, columns: dict[str, str] | None = None) -> Article | ReadError:
    """Return the article of line ``number`` of a JSONL file (its error as ``path:number``)."""
    where = f"{path}:{number}"
    try:
        loaded = json.loads(line)
    except ValueError as exc:
        reason = f"{exc.msg} (column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else str(exc)
        return ReadError(where, f"malformed JSON at line {number}: {reason}")
    except (RecursionError, MemoryError) as exc:
        return ReadError(where, f"line {number} too deeply nested to parse: {type(exc).__name__}")
    result = record_article(loaded, f"{path}#{number}", f"line {number}", columns)
    return result if isinstance(result, Article) else ReadError(where, result.error)


def read_jsonl(
    stream: BinaryIO, path: str, *, max_record_bytes: int, columns: dict[str, str] | None = None
) -> Iterator[Article | ReadError]:
    """Yield one article (or read error) per non-blank line of the JSON Lines ``stream``."""
    try:
        stream, decode = text_stream(stream)
    except NotTextError as exc:
        yield ReadError(path, str(exc))
        return
    any_bytes = found = False
    for number, line, size, _ in lines(stream, max_record_bytes):
        any_bytes = True
        if line is None:
            found = True
            yield ReadError(f"{path}:{number}", _too_large(f"line {number}", size, max_record_bytes))
            continue
        text = decode(line[:-2] if line.endswith(b"\r\n") else line.removesuffix(b"\n"))
        if not text.strip():
            continue
        found = True
        yield json_line(text, path, number, columns)
    if not found:
        yield _empty(path, any_bytes)


# --- CSV and TSV -----------------------------------------------------------------------------


def csv_records(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """Yield (first line number, bytes or None when larger than ``limit``, size) per CSV record.

    A record ends at a newline outside quotes: with CSV's doubled quotes, where the record so
    far holds an even number of quote characters. An unbalanced quote makes one long record,
    which is cut at ``limit`` like any other.
    """
    held: list[bytes] = []
    first, size, quotes, over = 0, 0, 0, False
    for number, line, n, q in lines(stream, limit, b'"'):
        if not first:
            first = number
        size += n
        quotes += q
        if line is None or size > limit:
            over, held = True, []
        elif not over:
            held.append(line)
        if quotes % 2 == 0:
            yield first, None if over else b"".join(held), size
            held, first, size, quotes, over = [], 0, 0, 0, False
    if first:
        yield first, None if over else b"".join(held), size


def read_csv(
    stream: BinaryIO, path: str, ext: str, *, max_record_bytes: int, columns: dict[str, str] | None = None
) -> Iterator[Article | ReadError]:
    """Yield one article (or read error) per row of the CSV or TSV ``stream``; the header names the fields."""
    try:
        stream, decode = text_stream(stream)
    except NotTextError as exc:
        yield ReadError(path, str(exc))
        return
    records = csv_records(stream, max_record_bytes)
    header = next(records, None)
    if header is None:
        yield _empty(path, False)
        return
    first, data, size = header
    if data is None:
        yield ReadError(path, _too_large("CSV header", size, max_record_bytes))
        return
    text = decode(data).lstrip("\ufeff")
    if not text.strip():
        yield _empty(path, True)
        return
    delimiter = "\t" if ext == ".tsv" else max(",;\t|", key=text.split("\n", 1)[0].count)
    try:
        given = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True), [])
    except csv.Error as exc:
        yield ReadError(path, f"malformed CSV header: {exc}")
        return
    names = [name.strip().lstrip("\ufeff").lower() for name in given]
    text_names = set(FIELDS["text"]) | ({columns["text"].strip().lower()} if columns and "text" in columns else set())
    if not text_names & set(names):
        yield ReadError(path, f"no 'text' column (or body/content) in the CSV header: {', '.join(given) or '(none)'}")
        return
    row, found = 0, False
    for first, data, size in records:
        found = True
        if data is None:
            row += 1
            yield ReadError(f"{path}#{row}", _too_large(f"row {row} (line {first})", size, max_record_bytes))
            continue
        reader = csv.reader(io.StringIO(decode(data), newline=""), delimiter=delimiter, strict=True)
        try:
            parsed = list(reader)
        except csv.Error as exc:
            row += 1
            yield ReadError(f"{path}#{row}", f"malformed CSV at line {first + max(reader.line_num, 1) - 1}: {exc}")
            continue
        for cells in parsed:
            row += 1
            if not any(cell.strip() for cell in cells):
                continue
            fields = canonical(dict(zip(names, cells, strict=False)), columns)
            if not str(fields.get("text", "")).strip():
                yield ReadError(f"{path}#{row}", f"empty text in row {row}")
                continue
            yield make_article(fields, f"{path}#{row}")
    if not found:
        yield ReadError(path, "no rows after the CSV header")


# --- JSON lists too large to read whole ------------------------------------------------------


def read_json_list(
    stream: BinaryIO, path: str, *, max_record_bytes: int, columns: dict[str, str] | None = None
) -> Iterator[Article | ReadError]:
    """Yield one article (or read error) per item of a JSON list, parsed item by item (ijson).

    An item whose keys and strings come to more than ``max_record_bytes`` (UTF-8) is one error
    naming the file and the item's number, as a JSONL line past the limit is: what it held is
    dropped as soon as it passes the limit (the rest of it is parsed, not kept), and the next
    items are read.
    """
    import ijson

    head, stream = head_of(stream, 4096)
    if head.startswith(_UTF8_BOM):
        stream.read(len(_UTF8_BOM))
    number = 0
    try:
        for number, item, size in _json_items(ijson.parse(stream, use_float=True), max_record_bytes):
            if item is _DROPPED:
                yield ReadError(f"{path}#{number}", _too_large(f"item {number}", size, max_record_bytes))
            else:
                yield record_article(item, f"{path}#{number}", f"item {number}", columns)
    except (ijson.JSONError, UnicodeDecodeError, RecursionError) as exc:
        yield ReadError(f"{path}#{number + 1}", f"malformed JSON in item {number + 1}: {exc}")


#: What :func:`_json_items` yields in place of an item past the record limit.
_DROPPED = object()
_STARTS = frozenset({"start_map", "start_array"})
_ENDS = frozenset({"end_map", "end_array"})


def _json_items(events: Iterator[tuple[str, str, object]], limit: int) -> Iterator[tuple[int, object, int]]:
    """Yield (number, item or ``_DROPPED``, its size) per item of a top-level JSON list, from
    ijson ``parse`` events; the size counts the UTF-8 bytes of keys and strings (8 a number)."""
    import ijson

    number, depth, size, builder = 0, 0, 0, None
    for prefix, event, value in events:
        if depth == 0:
            if prefix != "item":
                continue  # the list's own start and end
            number += 1
            if event not in _STARTS:  # a bare value as an item
                yield number, value, _size(value)
                continue
            builder, size = ijson.ObjectBuilder(), 0
        depth += (event in _STARTS) - (event in _ENDS)
        size += _size(value)
        if builder is not None:
            if size > limit:
                builder = None  # drop what the item held; count the rest of it
            else:
                builder.event(event, value)
        if depth == 0:
            yield number, builder.value if builder is not None else _DROPPED, size
            builder = None


def _size(value: object) -> int:
    if isinstance(value, str):
        return len(value) if value.isascii() else len(value.encode("utf-8", "surrogatepass"))
    return 0 if value is None or isinstance(value, bool) else 8
