"""Readers: files of every format the corpus holds -> one :class:`Article` per article.

Formats: plain text and Markdown with optional YAML front matter, JSON (an object or a list),
JSON Lines, CSV/TSV, saved HTML pages, RSS/Atom feeds, Parquet and WARC/ARC web archives, in
the encodings news files are found in (UTF-8/16 with or without BOM, Windows-1256,
ISO-8859-6, cp1252); any of them but Parquet compressed as ``.gz``, ``.bz2``, ``.xz`` or ``.zst``;
zips of them.

Files are streamed: JSON Lines and CSV are read one record at a time (each record up to
``max_record_bytes``, the file any size), a JSON list past ``max_bytes`` item by item, and the
formats that hold one article or one feed whole, up to ``max_bytes``.

Readers never raise on bad input: a file or an item that cannot be read becomes a
:class:`ReadError` naming the file (``feed.xml#3``, ``file.jsonl:7``) and the reason, and the
rest of the corpus is read. ``Article.text`` is the text as written (newlines normalised to
``\\n``, BOM and surrounding whitespace stripped), because evidence offsets point into it.

The pieces live by noun: :mod:`techdiplomacy.readers.article` (the :class:`Article` record and how one
is built from canonical fields), :mod:`techdiplomacy.readers.encodings` (bytes -> text),
:mod:`techdiplomacy.readers.compression` (compressed streams, bounded),
:mod:`techdiplomacy.readers.streams` (JSON Lines, CSV and large JSON lists, record by record),
:mod:`techdiplomacy.readers.archives` (Parquet, WARC/ARC), :mod:`techdiplomacy.readers.zips` (zip members, bounded),
:mod:`techdiplomacy.readers.webpages` (saved HTML) and :mod:`techdiplomacy.readers.feeds` (RSS/Atom); this
module picks the reader by extension, reads text and JSON itself, and is where the rest of the
code imports the readers from.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import yaml

from techdiplomacy.readers.archives import read_parquet, read_warc
from techdiplomacy.readers.article import (
    FIELDS,
    LANGUAGES,
    NEWLINES,
    Article,
    ReadError,
    article_id_for,
    canonical,
    header_fields,
    make_article,
    record_article,
)
from techdiplomacy.readers.compression import (
    COMPRESSIONS,
    ArchiveError,
    compression_of,
    decompressed,
    finish,
    inner_name,
)
from techdiplomacy.readers.encodings import LEGACY_ENCODINGS, NotTextError, decode, decode_for
from techdiplomacy.readers.feeds import read_feed
from techdiplomacy.readers.streams import head_of, read_csv, read_json_list, read_jsonl
from techdiplomacy.readers.webpages import html_to_text, read_html
from techdiplomacy.readers.zips import DEFAULT_ZIP_MAX_BYTES, DEFAULT_ZIP_MAX_MEMBERS, read_zip

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_RECORD_BYTES",
    "FIELDS",
    "LANGUAGES",
    "LEGACY_ENCODINGS",
    "SUPPORTED_EXTENSIONS",
    "Article",
    "NotTextError",
    "ReadError",
    "article_id_for",
    "decode",
    "file_format",
    "html_to_text",
    "iter_file",
    "read_bytes",
    "read_file",
    "read_paths",
    "read_stream",
]

#: Lower-case file name endings the readers understand (each also compressed: ``.jsonl.gz``).
SUPPORTED_EXTENSIONS = (
    ".txt", ".md", ".markdown", ".json", ".jsonl", ".csv", ".tsv",
    ".html", ".htm", ".xml", ".rss", ".atom", ".parquet", ".warc", ".arc", ".zip",
)  # fmt: skip
#: Largest file read whole (a text, a page, a feed, a JSON object), after decompression.
DEFAULT_MAX_BYTES = 20_000_000
#: Largest record (a JSON line, a CSV row) read as one article; a file of records may be any size.
DEFAULT_MAX_RECORD_BYTES = 5_000_000

csv.field_size_limit(2**31 - 1)  # an article body is one CSV cell; the default is 128 KB; rows are bounded by the reader


# --- reading ---------------------------------------------------------------------------------

Columns = dict[str, str] | None


def read_paths(
    paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
    columns: Columns = None, zip_max_members: int = DEFAULT_ZIP_MAX_MEMBERS, zip_max_bytes: int = DEFAULT_ZIP_MAX_BYTES,
) -> Iterator[Article | ReadError]:
    """Yield every article (or read error) in ``paths``: files, and folders read recursively.

    Inside folders, files are read in sorted order; hidden files and folders and files with
    unsupported extensions are skipped. A path named explicitly is always reported on. Files
    are streamed: articles come out as they are read, whatever the size of the file.
    """
    limits = {"max_bytes": max_bytes, "max_record_bytes": max_record_bytes, "columns": columns,
              "zip_max_members": zip_max_members, "zip_max_bytes": zip_max_bytes}
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            yield from iter_file(path, **limits)
            continue
        files, errors = _folder_files(path)
        yield from errors
        for file in files:
            yield from iter_file(file, **limits)


def _folder_files(folder: Path) -> tuple[list[Path], list[ReadError]]:
    """Return the readable-looking files under ``folder`` (sorted) and the folders that failed."""
    found: list[Path] = []
    errors: list[ReadError] = []

    def failed(exc: OSError) -> None:
        errors.append(ReadError(str(exc.filename or folder), f"cannot read folder: {exc.strerror or exc}"))

    for root, dirs, files in os.walk(folder, onerror=failed):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and file_format(name) in SUPPORTED_EXTENSIONS:
                found.append(Path(root) / name)
    return sorted(found, key=lambda p: p.relative_to(folder).parts), errors


def read_file(path: str | Path, **limits) -> list[Article | ReadError]:
    """Return the articles in the file at ``path`` (several for JSON lists, JSONL, CSV, feeds)."""
    return list(iter_file(path, **limits))


def iter_file(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
    columns: Columns = None, zip_max_members: int = DEFAULT_ZIP_MAX_MEMBERS, zip_max_bytes: int = DEFAULT_ZIP_MAX_BYTES,
) -> Iterator[Article | ReadError]:
    """Yield the articles in the file at ``path`` as they are read (see :func:`read_stream`)."""
    shown = str(path)
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            yield ReadError(shown, "is a folder (use read_paths to read a folder)")
            return
        if file_format(path.name) not in SUPPORTED_EXTENSIONS:
            yield ReadError(shown, _unsupported(path.name))
            return
        if not path.is_file():
            yield ReadError(shown, "not a regular file")
            return
        if size > max_bytes and _extension(path.name) in _WHOLE and _extension(path.name) != ".json":
            yield ReadError(shown, _too_large(size, max_bytes))
            return
        handle = path.open("rb")
    except OSError as exc:
        yield ReadError(shown, f"cannot read file: {exc.strerror or exc}")
        return
    except ValueError as exc:  # e.g. a NUL byte in the path
        yield ReadError(shown, f"cannot read file: {exc}")
        return
    with handle:
        yield from read_stream(handle, path.name, path=shown, max_bytes=max_bytes, max_record_bytes=max_record_bytes,
                               columns=columns, zip_max_members=zip_max_members, zip_max_bytes=zip_max_bytes)


def read_bytes(
    data: bytes, name: str, *, path: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES, columns: Columns = None,
    zip_max_members: int = DEFAULT_ZIP_MAX_MEMBERS, zip_max_bytes: int = DEFAULT_ZIP_MAX_BYTES,
) -> list[Article | ReadError]:
    """Return the articles in ``data``, a file called ``name`` (its extension picks the format).

    ``path`` is recorded on each article (default: ``name``); used for uploads.
    """
    shown = name if path is None else path
    if file_format(name) not in SUPPORTED_EXTENSIONS:
        return [ReadError(shown, _unsupported(name))]
    if len(data) > max_bytes and _extension(name) in _WHOLE and _extension(name) != ".json":
        return [ReadError(shown, _too_large(len(data), max_bytes))]
    stream = io.BytesIO(data)
    return list(read_stream(stream, name, path=shown, max_bytes=max_bytes, max_record_bytes=max_record_bytes, columns=columns,
                            zip_max_members=zip_max_members, zip_max_bytes=zip_max_bytes))


def read_stream(
    stream: BinaryIO, name: str, *, path: str, max_bytes: int = DEFAULT_MAX_BYTES,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES, columns: Columns = None,
    zip_max_members: int = DEFAULT_ZIP_MAX_MEMBERS, zip_max_bytes: int = DEFAULT_ZIP_MAX_BYTES,
) -> Iterator[Article | ReadError]:
    """Yield the articles of ``stream``, a file called ``name``, as they are read; never raises on bad input.

    A compressed stream (by name or by its first bytes) is decompressed as it is read, within
    the bounds of :mod:`techdiplomacy.readers.compression`. JSON Lines and CSV/TSV are read one
    record at a time, each up to ``max_record_bytes``; a JSON list larger than ``max_bytes`` item
    by item; the other formats (one article, or a feed) whole, up to ``max_bytes``. A zip's
    members are read as files, bounded by ``zip_max_members`` and ``zip_max_bytes``
    (:mod:`techdiplomacy.readers.zips`).
    """
    if file_format(name) == ".zip":
        yield from _read_zip(stream, name, path, max_bytes=max_bytes, max_record_bytes=max_record_bytes, columns=columns,
                             max_members=zip_max_members, max_total=zip_max_bytes)
        return
    head, stream = head_of(stream, 8)
    if not head:
        yield ReadError(path, "empty file")
        return
    compression = compression_of(name, head)
    ext = file_format(name)
    if ext == ".parquet":
        if compression is not None:
            yield ReadError(path, f"compressed Parquet ({compression}): decompress it first; Parquet compresses its own columns")
        else:
            yield from read_parquet(stream, path, max_record_bytes=max_record_bytes, columns=columns)
        return
    try:
        if compression is not None:
            stream = decompressed(stream, compression)
        if ext in (".warc", ".arc"):
            yield from read_warc(stream, path, max_bytes=max_bytes)
        elif ext in _STREAMED:
            yield from _STREAMED[ext](stream, path, ext, max_record_bytes=max_record_bytes, columns=columns)
        if ext in (".warc", ".arc") or ext in _STREAMED:
            if compression is not None:
                finish(stream)  # a truncated or corrupt stream ends first, then says so
            return
        data = stream.read(max_bytes + 1)
        if ext == ".json" and len(data) > max_bytes:
            yield from _large_json(data, stream, path, max_bytes, max_record_bytes, columns)
            if compression is not None:
                finish(stream)
            return
        if compression is not None and len(data) <= max_bytes:
            finish(stream)
        if len(data) > max_bytes:
            yield ReadError(path, f"file too large: more than {max_bytes / 1e6:g} MB once decompressed")
            return
        yield from _read_whole(data, ext, path, columns)
    except ArchiveError as exc:
        yield ReadError(path, str(exc))
    except OSError as exc:
        yield ReadError(path, f"cannot read file: {exc.strerror or exc}")


def _read_zip(stream: BinaryIO, name: str, path: str, *, max_bytes: int, max_record_bytes: int, columns: Columns,
              max_members: int, max_total: int) -> Iterator[Article | ReadError]:
    if _extension(name) != ".zip":
        yield ReadError(path, "compressed zip: decompress it first (a zip compresses its own files)")
        return
    if not stream.seekable():  # a zip's directory is at its end
        yield ReadError(path, "a zip is read from a file or an upload, not from a stream")
        return

    def member(data: bytes, base: str, where: str) -> list[Article | ReadError]:
        return read_bytes(data, base, path=where, max_bytes=max_bytes, max_record_bytes=max_record_bytes, columns=columns)

    yield from read_zip(stream, path, read_member=member, max_bytes=max_bytes, max_members=max_members, max_total=max_total)


def _read_whole(data: bytes, ext: str, shown: str, columns: Columns) -> list[Article | ReadError]:
    if not data:
        return [ReadError(shown, "empty file")]
    try:
        text = decode_for(ext, data)
    except NotTextError as exc:
        return [ReadError(shown, str(exc))]
    text = NEWLINES.sub("\n", text.lstrip("\ufeff"))
    if not text.strip():
        return [ReadError(shown, "empty file (only whitespace)")]
    reader = _WHOLE[ext]
    try:
        return reader(text, shown, ext, columns) if ext in _MAPPED else reader(text, shown, ext)
    except (RecursionError, MemoryError) as exc:
        return [ReadError(shown, f"file too deeply nested or too large to parse: {type(exc).__name__}")]
    except Exception as exc:  # noqa: BLE001 -- third-party parsers on untrusted input: report, never crash
        return [ReadError(shown, f"could not read {ext[1:]} file: {type(exc).__name__}: {exc}")]


def _large_json(
    data: bytes, rest: BinaryIO, path: str, max_bytes: int, max_record_bytes: int, columns: Columns
) -> Iterator[Article | ReadError]:
    """A JSON file past ``max_bytes``: a list is parsed item by item; anything else is refused."""
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        yield ReadError(path, f"file too large: more than {max_bytes / 1e6:g} MB of JSON that is not a list; "
                              "write one article per line (JSON Lines, .jsonl), which is read at any size")
        return
    yield from read_json_list(io.BufferedReader(_Chained(data, rest)), path, max_record_bytes=max_record_bytes, columns=columns)


class _Chained(io.RawIOBase):
    """``head`` bytes already read, then the rest of ``stream``."""

    def __init__(self, head: bytes, stream: BinaryIO):
        self.head, self.stream = head, stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n], self.head = self.head[:n], self.head[n:]
            return n
        data = self.stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def file_format(name: str) -> str:
    """Return the format extension of a file name, inside any compression (``a.jsonl.gz`` -> ``.jsonl``)."""
    return _extension(inner_name(name))


def _extension(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def _unsupported(name: str) -> str:
    ext = _extension(name) or "(none)"
    compressions = ", ".join(COMPRESSIONS)
    return f"unsupported file type {ext!r} (supported: {', '.join(SUPPORTED_EXTENSIONS)}, each optionally {compressions})"


def _too_large(size: int, limit: int) -> str:
    return f"file too large: {size / 1e6:.1f} MB > {limit / 1e6:g} MB limit"


# --- formats ---------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def _read_text(text: str, path: str, ext: str, columns: Columns = None) -> list[Article | ReadError]:
    meta: dict = {}
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1) or "")
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 2}" if mark is not None else ""
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            return [ReadError(path, f"malformed YAML front matter{where}: {problem}")]
        if loaded is not None and not isinstance(loaded, dict):
            return [ReadError(path, "malformed YAML front matter: not a mapping of keys to values")]
        meta = canonical(loaded or {}, columns)
        text = text[match.end():]
    elif ext == ".txt":
        header, text = header_fields(text, columns)
        meta = canonical(header, columns)
    meta["text"] = text
    return [make_article(meta, path)]


def _read_json(text: str, path: str, ext: str, columns: Columns = None) -> list[Article | ReadError]:
    try:
        loaded = json.loads(text)
    except json.JSONDecodeError as exc:
        return [ReadError(path, f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")]
    if isinstance(loaded, dict) and not canonical(loaded, columns).get("text"):
        lists = [loaded[k] for k in ("articles", "items") if isinstance(loaded.get(k), list)]
        loaded = lists[0] if lists else loaded
    if isinstance(loaded, dict):
        return [record_article(loaded, path, "the JSON object", columns)]
    if isinstance(loaded, list):
        return [record_article(item, f"{path}#{i}", f"item {i}", columns) for i, item in enumerate(loaded, 1)]
    return [ReadError(path, f"JSON holds a {type(loaded).__name__}, not an object or a list of objects")]


#: Formats read whole (one article, a feed, or a JSON file up to the file limit).
_WHOLE = {
    ".txt": _read_text, ".md": _read_text, ".markdown": _read_text, ".json": _read_json,
    ".html": read_html, ".htm": read_html,
    ".xml": read_feed, ".rss": read_feed, ".atom": read_feed,
}  # fmt: skip
#: Whole-file formats whose field names ``--map`` can rename.
_MAPPED = frozenset({".txt", ".md", ".markdown", ".json"})


def _read_csv(stream: BinaryIO, path: str, ext: str, **kwargs) -> Iterator[Article | ReadError]:
    return read_csv(stream, path, ext, **kwargs)


def _read_jsonl(stream: BinaryIO, path: str, ext: str, **kwargs) -> Iterator[Article | ReadError]:
    return read_jsonl(stream, path, **kwargs)


#: Formats read one record at a time, whatever the size of the file.
_STREAMED = {".jsonl": _read_jsonl, ".csv": _read_csv, ".tsv": _read_csv}
