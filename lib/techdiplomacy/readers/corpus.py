"""Readers: files of every format the corpus holds -> one :class:`Article` per article.

Formats: plain text and Markdown with optional YAML front matter, JSON (an object or a list),
JSON Lines, CSV/TSV, saved HTML pages and RSS/Atom feeds, in the encodings news files are
found in (UTF-8/16 with or without BOM, Windows-1256, ISO-8859-6, cp1252).

Readers never raise on bad input: a file or an item that cannot be read becomes a
:class:`ReadError` naming the file (``feed.xml#3``, ``file.jsonl:7``) and the reason, and the
rest of the corpus is read. ``Article.text`` is the text as written (newlines normalised to
``\\n``, BOM and surrounding whitespace stripped), because evidence offsets point into it.

The pieces live by noun: :mod:`techdiplomacy.readers.article` (the :class:`Article` record and how one
is built from canonical fields), :mod:`techdiplomacy.readers.encodings` (bytes -> text),
:mod:`techdiplomacy.readers.webpages` (saved HTML) and :mod:`techdiplomacy.readers.feeds` (RSS/Atom); this
module picks the reader by extension, reads text, JSON, JSON Lines and CSV itself, and is where
the rest of the code imports the readers from.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

from techdiplomacy.readers.article import (
    FIELDS,
    LANGUAGES,
    NEWLINES,
    Article,
    ReadError,
    article_id_for,
    canonical,
    make_article,
)
from techdiplomacy.readers.encodings import LEGACY_ENCODINGS, NotTextError, decode, decode_for
from techdiplomacy.readers.feeds import read_feed
from techdiplomacy.readers.webpages import html_to_text, read_html

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FIELDS",
    "LANGUAGES",
    "LEGACY_ENCODINGS",
    "SUPPORTED_EXTENSIONS",
    "Article",
    "NotTextError",
    "ReadError",
    "article_id_for",
    "decode",
    "html_to_text",
    "read_bytes",
    "read_file",
    "read_paths",
]

#: Lower-case file name endings the readers understand.
SUPPORTED_EXTENSIONS = (
    ".txt", ".md", ".markdown", ".json", ".jsonl", ".csv", ".tsv",
    ".html", ".htm", ".xml", ".rss", ".atom",
)  # fmt: skip
DEFAULT_MAX_BYTES = 20_000_000

csv.field_size_limit(2**31 - 1)  # an article body is one CSV cell; the default is 128 KB


# --- reading ---------------------------------------------------------------------------------


def read_paths(paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | ReadError]:
    """Yield every article (or read error) in ``paths``: files, and folders read recursively.

    Inside folders, files are read in sorted order; hidden files and folders and files with
    unsupported extensions are skipped. A path named explicitly is always reported on.
    """
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            yield from read_file(path, max_bytes=max_bytes)
            continue
        files, errors = _folder_files(path)
        yield from errors
        for file in files:
            yield from read_file(file, max_bytes=max_bytes)


def _folder_files(folder: Path) -> tuple[list[Path], list[ReadError]]:
    """Return the readable-looking files under ``folder`` (sorted) and the folders that failed."""
    found: list[Path] = []
    errors: list[ReadError] = []

    def failed(exc: OSError) -> None:
        errors.append(ReadError(str(exc.filename or folder), f"cannot read folder: {exc.strerror or exc}"))

    for root, dirs, files in os.walk(folder, onerror=failed):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and _extension(name) in SUPPORTED_EXTENSIONS:
                found.append(Path(root) / name)
    return sorted(found, key=lambda p: p.relative_to(folder).parts), errors


def read_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Article | ReadError]:
    """Return the articles in the file at ``path`` (several for JSON lists, JSONL, CSV, feeds)."""
    shown = str(path)
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            return [ReadError(shown, "is a folder (use read_paths to read a folder)")]
        if _extension(path.name) not in SUPPORTED_EXTENSIONS:
            return [ReadError(shown, _unsupported(path.name))]
        if not path.is_file():
            return [ReadError(shown, "not a regular file")]
        if size > max_bytes:
            return [ReadError(shown, _too_large(size, max_bytes))]
        data = path.read_bytes()
    except OSError as exc:
        return [ReadError(shown, f"cannot read file: {exc.strerror or exc}")]
    except ValueError as exc:  # e.g. a NUL byte in the path
        return [ReadError(shown, f"cannot read file: {exc}")]
    return read_bytes(data, path.name, path=shown, max_bytes=max_bytes)


def read_bytes(data: bytes, name: str, *, path: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Article | ReadError]:
    """Return the articles in ``data``, a file called ``name`` (its extension picks the format).

    ``path`` is recorded on each article (default: ``name``); used for uploads.
    """
    shown = name if path is None else path
    ext = _extension(name)
    if ext not in SUPPORTED_EXTENSIONS:
        return [ReadError(shown, _unsupported(name))]
    if len(data) > max_bytes:
        return [ReadError(shown, _too_large(len(data), max_bytes))]
    if not data:
        return [ReadError(shown, "empty file")]
    try:
        text = decode_for(ext, data)
    except NotTextError as exc:
        return [ReadError(shown, str(exc))]
    text = NEWLINES.sub("\n", text.lstrip("\ufeff"))
    if not text.strip():
        return [ReadError(shown, "empty file (only whitespace)")]
    reader = _READERS[ext]
    try:
        return reader(text, shown, ext)
    except (RecursionError, MemoryError) as exc:
        return [ReadError(shown, f"file too deeply nested or too large to parse: {type(exc).__name__}")]
    except Exception as exc:  # noqa: BLE001 -- third-party parsers on untrusted input: report, never crash
        return [ReadError(shown, f"could not read {ext[1:]} file: {type(exc).__name__}: {exc}")]


def _extension(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def _unsupported(name: str) -> str:
    ext = _extension(name) or "(none)"
    return f"unsupported file type {ext!r} (supported: {', '.join(SUPPORTED_EXTENSIONS)})"


def _too_large(size: int, limit: int) -> str:
    return f"file too large: {size / 1e6:.1f} MB > {limit / 1e6:g} MB limit"


# --- formats ---------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def _read_text(text: str, path: str, ext: str) -> list[Article | ReadError]:
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
        meta = canonical(loaded or {})
        text = text[match.end():]
    meta["text"] = text
    return [make_article(meta, path)]


def _read_json(text: str, path: str, ext: str) -> list[Article | ReadError]:
    try:
        loaded = json.loads(text)
    except json.JSONDecodeError as exc:
        return [ReadError(path, f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")]
    if isinstance(loaded, dict) and not canonical(loaded).get("text"):
        lists = [loaded[k] for k in ("articles", "items") if isinstance(loaded.get(k), list)]
        loaded = lists[0] if lists else loaded
    if isinstance(loaded, dict):
        return [_record(loaded, path, "the JSON object")]
    if isinstance(loaded, list):
        return [_record(item, f"{path}#{i}", f"item {i}") for i, item in enumerate(loaded, 1)]
    return [ReadError(path, f"JSON holds a {type(loaded).__name__}, not an object or a list of objects")]


def _record(record: object, path: str, what: str) -> Article | ReadError:
    if not isinstance(record, dict):
        return ReadError(path, f"{what} is not an object")
    fields = canonical(record)
    if "text" not in fields:
        return ReadError(path, f"missing 'text' field in {what}")
    if not isinstance(fields["text"], str):
        return ReadError(path, f"'text' field in {what} is not a string")
    if not fields["text"].strip():
        return ReadError(path, f"empty text in {what}")
    return make_article(fields, path)


def _read_jsonl(text: str, path: str, ext: str) -> list[Article | ReadError]:
    out: list[Article | ReadError] = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            loaded = json.loads(line)
        except ValueError as exc:
            reason = f"{exc.msg} (column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else str(exc)
            out.append(ReadError(f"{path}:{number}", f"malformed JSON at line {number}: {reason}"))
            continue
        result = _record(loaded, f"{path}#{number}", f"line {number}")
        out.append(result if isinstance(result, Article) else ReadError(f"{path}:{number}", result.error))
    return out or [ReadError(path, "no JSON lines")]


def _read_csv(text: str, path: str, ext: str) -> list[Article | ReadError]:
    header = text.split("\n", 1)[0]
    delimiter = "\t" if ext == ".tsv" else max(",;\t|", key=header.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        return [ReadError(path, f"malformed CSV at line {reader.line_num}: {exc}")]
    names = [name.strip().lstrip("\ufeff").lower() for name in rows[0]]
    if not any(name in FIELDS["text"] for name in names):
        columns = ", ".join(rows[0]) or "(none)"
        return [ReadError(path, f"no 'text' column (or body/content) in the CSV header: {columns}")]
    out: list[Article | ReadError] = []
    for number, row in enumerate(rows[1:], 1):
        if not any(cell.strip() for cell in row):
            continue
        fields = canonical(dict(zip(names, row, strict=False)))
        if not fields.get("text", "").strip():
            out.append(ReadError(f"{path}#{number}", f"empty text in row {number}"))
            continue
        out.append(make_article(fields, f"{path}#{number}"))
    return out or [ReadError(path, "no rows after the CSV header")]


_READERS = {
    ".txt": _read_text, ".md": _read_text, ".markdown": _read_text,
    ".json": _read_json, ".jsonl": _read_jsonl, ".csv": _read_csv, ".tsv": _read_csv,
    ".html": read_html, ".htm": read_html,
    ".xml": read_feed, ".rss": read_feed, ".atom": read_feed,
}  # fmt: skip
