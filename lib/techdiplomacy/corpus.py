"""Readers: files of every format the corpus holds -> one :class:`Article` per article.

Formats: plain text and Markdown with optional YAML front matter, JSON (an object or a list),
JSON Lines, CSV/TSV, saved HTML pages and RSS/Atom feeds, in the encodings news files are
found in (UTF-8/16 with or without BOM, Windows-1256, ISO-8859-6, cp1252).

Readers never raise on bad input: a file or an item that cannot be read becomes a
:class:`ReadError` naming the file (``feed.xml#3``, ``file.jsonl:7``) and the reason, and the
rest of the corpus is read. ``Article.text`` is the text as written (newlines normalised to
``\\n``, BOM and surrounding whitespace stripped), because evidence offsets point into it.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from techdiplomacy.dates import parse_date
from techdiplomacy.text import detect_language, normalise

#: Lower-case file name endings the readers understand.
SUPPORTED_EXTENSIONS = (
    ".txt", ".md", ".markdown", ".json", ".jsonl", ".csv", ".tsv",
    ".html", ".htm", ".xml", ".rss", ".atom",
)  # fmt: skip
DEFAULT_MAX_BYTES = 20_000_000
LANGUAGES = ("ar", "fa", "en")
#: Field name synonyms (front matter keys, JSON keys, CSV headers), canonical name first.
FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article"),
    "title": ("title", "headline"),
    "published": ("published", "date", "pubdate", "pub_date", "published_at", "datetime", "time"),
    "source": ("source", "publisher", "sitename", "site"),
    "url": ("url", "link"),
    "language": ("language", "lang"),
}
_LANGUAGE_NAMES = {
    "arabic": "ar", "ara": "ar", "persian": "fa", "farsi": "fa", "fas": "fa", "per": "fa",
    "english": "en", "eng": "en",
}  # fmt: skip
_TITLE_MAX = 300

csv.field_size_limit(2**31 - 1)  # an article body is one CSV cell; the default is 128 KB


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from the corpus, text exactly as written."""

    article_id: str
    title: str
    text: str
    language: str
    published: datetime.date | None
    source: str
    url: str
    path: str


@dataclass(frozen=True, slots=True)
class ReadError:
    """A file or an item in a file that could not be read, and why."""

    path: str
    error: str


class NotTextError(ValueError):
    """The bytes are not text in any encoding the corpus uses."""


def article_id_for(text: str) -> str:
    """Return the stable id of an article: sha256 of its whitespace-collapsed matching form."""
    key = " ".join(normalise(text).split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


# --- decoding ------------------------------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
#: Legacy encodings tried in order when the bytes are not UTF-8; ties go to the first.
LEGACY_ENCODINGS = ("cp1256", "iso8859_6", "cp1252", "latin_1")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\x1b") + b"\x7f"
_SAMPLE = 65_536


def decode(data: bytes) -> str:
    """Return ``data`` decoded (BOM removed), or raise :class:`NotTextError` saying why.

    BOM first, then strict UTF-8, then the legacy encoding whose result reads as one script
    (Arabic cp1256 bytes read as cp1252 give a soup of accented Latin letters; ISO-8859-6 read
    as cp1256 mixes Arabic with Latin), then charset-normalizer's guess under the same check.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise NotTextError(f"invalid {encoding} text after byte-order mark: {exc.reason}") from None
            if _junk_ratio(text[:_SAMPLE]) > 0.05:  # binary that happens to start like a BOM
                raise NotTextError("binary file (not text)")
            return text
    if b"\x00" in data:
        text = _bomless_utf16(data)
        if text is None:
            raise NotTextError("binary file (not text)")
        return text
    head = data[:_SAMPLE]
    if sum(head.count(b) for b in _CONTROL_BYTES) > 0.05 * len(head):
        raise NotTextError("binary file (not text)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = _mostly_utf8(data)
    if text is not None:
        return text
    candidates = [(_suspect_ratio(head.decode(enc, "replace")), i, enc) for i, enc in enumerate(LEGACY_ENCODINGS)]
    for ratio, _, encoding in sorted(candidates):
        if ratio > 0.15:
            break
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    guess = _charset_normalizer_guess(data)
    if guess is not None:
        return guess
    raise NotTextError("unknown text encoding (not UTF-8, UTF-16, Windows-1256, ISO-8859-6 or cp1252)")


def _mostly_utf8(data: bytes) -> str | None:
    """Return UTF-8 text with a few damaged bytes (a file cut mid-character) as U+FFFD.

    Read as Windows-1256, UTF-8 Arabic turns into Arabic-looking mojibake (ط§ظ„) that no
    script check catches; legacy Arabic bytes, in turn, are almost never valid UTF-8.
    """
    text = data.decode("utf-8", "replace")
    damaged = text.count("\ufffd")
    multibyte = sum(1 for ch in text[:_SAMPLE] if ord(ch) > 0x7F and ch != "\ufffd")
    if damaged <= max(1, len(text) // 1000) and multibyte >= 10 * damaged:
        return text
    return None


def _bomless_utf16(data: bytes) -> str | None:
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and _suspect_ratio(text[:_SAMPLE]) <= 0.05:
            return text
    return None


def _charset_normalizer_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 4 * _SAMPLE]).best()
    if best is None:
        return None
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return text if _suspect_ratio(text[:_SAMPLE]) <= 0.15 else None


def _junk_ratio(text: str) -> float:
    """Return the share of control, unassigned, private-use and replacement characters."""
    junk = sum(1 for ch in text if _is_junk(ch))
    return junk / max(1, len(text))


def _is_junk(ch: str) -> bool:
    return ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") and ch not in "\t\n\r\f")


def _script(ch: str) -> str:
    code = ord(ch)
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
        return "arabic"
    if ch.isascii():
        return "ascii"
    if 0x00C0 <= code <= 0x024F or 0x1E00 <= code <= 0x1EFF:
        return "latin"
    return unicodedata.name(ch, "UNKNOWN").split()[0]


def _suspect_ratio(text: str) -> float:
    """Return the share of characters that would not be there if ``text`` were decoded right.

    Counts letters outside the dominant script (ASCII letters never count: names and URLs
    occur in every language), control characters and replacement characters, per letter.
    """
    counts: dict[str, int] = {}
    bad = 0
    for ch in text:
        if ch.isalpha():
            script = _script(ch)
            counts[script] = counts.get(script, 0) + 1
        elif _is_junk(ch):
            bad += 1
    letters = sum(counts.values())
    if letters == 0:
        return 0.0 if bad == 0 else 1.0
    scripts = {s: n for s, n in counts.items() if s != "ascii"}
    dominant = max(scripts, key=scripts.__getitem__) if scripts else "ascii"
    if dominant == "arabic" or dominant == "ascii":
        foreign = letters - counts.get("ascii", 0) - counts.get(dominant, 0)
    else:
        # Accented Latin letters in mostly-ASCII text are normal (é, ñ); read as a dominant
        # script they are fine too, unless nearly every letter is one (mojibake of Arabic).
        foreign = letters - counts.get("ascii", 0) - counts[dominant]
        if dominant == "latin" and counts[dominant] > counts.get("ascii", 0):
            foreign += counts[dominant]
    return (foreign + bad) / letters


_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029")


def _clean(text: str) -> str:
    return _NEWLINES.sub("\n", text.lstrip("\ufeff")).strip()


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
        text = _decode_for(ext, data)
    except NotTextError as exc:
        return [ReadError(shown, str(exc))]
    text = _NEWLINES.sub("\n", text.lstrip("\ufeff"))
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


_XML_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_HTML_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._-]+)""", re.IGNORECASE)


def _decode_for(ext: str, data: bytes) -> str:
    """Decode, honouring an XML declaration's or an HTML meta charset when it fits the bytes."""
    declared = None
    if ext in (".xml", ".rss", ".atom"):
        declared = _XML_DECLARED.match(data[:1024])
    elif ext in (".html", ".htm"):
        declared = _HTML_DECLARED.search(data[:4096])
    if declared and b"\x00" not in data and not data.startswith(tuple(bom for bom, _ in _BOMS)):
        try:
            data.decode("utf-8")  # saved pages are often re-encoded to UTF-8 under the old meta tag
        except UnicodeDecodeError:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
    return decode(data)


def _article(fields: dict[str, object], path: str) -> Article | ReadError:
    """Build an article from canonical fields; text is required and kept as written."""
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        return ReadError(path, "empty text" if isinstance(text, str) else "missing 'text' field")
    text = _clean(text)
    title = _field_str(fields.get("title"))
    if not title:
        title = _first_line(text)
    language = _language(fields.get("language")) or detect_language(text)
    return Article(
        article_id=article_id_for(text),
        title=title,
        text=text,
        language=language,
        published=_date(fields.get("published")),
        source=_field_str(fields.get("source")),
        url=_field_str(fields.get("url")),
        path=path,
    )


def _field_str(value: object) -> str:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return " ".join(str(value).split())
    return ""


def _first_line(text: str) -> str:
    line = next((ln for ln in text.split("\n") if any(ch.isalnum() for ch in ln)), "")
    line = " ".join(line.lstrip("#").split())
    if len(line) > _TITLE_MAX:
        line = line[:_TITLE_MAX].rsplit(" ", 1)[0] + "…"
    return line


def _language(value: object) -> str:
    if not isinstance(value, str):
        return ""
    code = value.strip().lower()
    code = _LANGUAGE_NAMES.get(code, re.split(r"[-_]", code)[0])
    return code if code in LANGUAGES else ""


def _date(value: object) -> datetime.date | None:
    # YAML reads `date: 1403-05-22` as a Gregorian date object: read it again as written.
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        value = value.isoformat()
    return parse_date(value) if isinstance(value, str) else None


def _canonical(record: dict) -> dict[str, object]:
    """Map a record's keys (any case, any synonym) to canonical field names."""
    keyed = {str(k).strip().lstrip("\ufeff").lower(): v for k, v in record.items() if k is not None}
    out = {}
    for field, names in FIELDS.items():
        for name in names:
            if name in keyed and keyed[name] not in (None, ""):
                out[field] = keyed[name]
                break
    return out


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
        meta = _canonical(loaded or {})
        text = text[match.end():]
    meta["text"] = text
    return [_article(meta, path)]


def _read_json(text: str, path: str, ext: str) -> list[Article | ReadError]:
    try:
        loaded = json.loads(text)
    except json.JSONDecodeError as exc:
        return [ReadError(path, f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")]
    if isinstance(loaded, dict) and not _canonical(loaded).get("text"):
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
    fields = _canonical(record)
    if "text" not in fields:
        return ReadError(path, f"missing 'text' field in {what}")
    if not isinstance(fields["text"], str):
        return ReadError(path, f"'text' field in {what} is not a string")
    if not fields["text"].strip():
        return ReadError(path, f"empty text in {what}")
    return _article(fields, path)


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
        fields = _canonical(dict(zip(names, row, strict=False)))
        if not fields.get("text", "").strip():
            out.append(ReadError(f"{path}#{number}", f"empty text in row {number}"))
            continue
        out.append(_article(fields, f"{path}#{number}"))
    return out or [ReadError(path, "no rows after the CSV header")]


_ZWNJ_HTML = re.compile(r"\u200c|&zwnj;|&#8204;|&#x0*200c;", re.IGNORECASE)
#: Printable characters news never contains; the first one absent from a page is used.
_ZWNJ_STAND_INS = tuple(chr(c) for c in range(0x2E3C, 0x2E50)) + tuple(chr(c) for c in range(0xA4D0, 0xA500))


def _read_html(text: str, path: str, ext: str) -> list[Article | ReadError]:
    import trafilatura

    # trafilatura drops non-printable characters, among them the zero-width non-joiner that
    # Persian spelling needs (همکاری‌ها): carry it through as a printable stand-in.
    stand_in = next(ch for ch in _ZWNJ_STAND_INS if ch not in text)
    text = _ZWNJ_HTML.sub(stand_in, text)
    document = trafilatura.bare_extraction(
        text,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = getattr(document, "text", None) if document is not None else None
    if not body or not body.strip():
        return [ReadError(path, "no article text found in the HTML page")]
    fields = {
        "text": body,
        "title": document.title,
        "published": document.date,
        "source": document.sitename,
        "url": document.url,
        "language": document.language,
    }
    fields = {k: v.replace(stand_in, "\u200c") if isinstance(v, str) else v for k, v in fields.items()}
    return [_article(fields, path)]


_DTD = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")


def _read_feed(text: str, path: str, ext: str) -> list[Article | ReadError]:
    # Refuse DTDs before any XML parser sees them: entity expansion (billion laughs) and
    # external entities are the classic attacks on feed readers.
    if _DTD.search(text):
        return [ReadError(path, "feed declares a DTD or entities (<!DOCTYPE>/<!ENTITY>); refused for safety")]
    import defusedxml.ElementTree as SafeET
    import feedparser

    data = _XML_DECLARATION.sub("", text, count=1).encode("utf-8")
    try:
        SafeET.fromstring(data, forbid_dtd=True)
    except SafeET.ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        return [ReadError(path, f"malformed XML at line {line} column {column}: {str(exc).split(':')[0]}")]
    except (SafeET.DTDForbidden, SafeET.EntitiesForbidden, SafeET.ExternalReferenceForbidden):
        return [ReadError(path, "feed declares a DTD or entities; refused for safety")]
    feed = feedparser.parse(io.BytesIO(b'<?xml version="1.0" encoding="utf-8"?>' + data))
    if not feed.version:
        return [ReadError(path, "not an RSS or Atom feed")]
    source = _field_str(feed.feed.get("title"))
    language = feed.feed.get("language")
    out: list[Article | ReadError] = []
    for i, entry in enumerate(feed.entries, 1):
        contents = entry.get("content") or []
        html = contents[0].get("value", "") if contents else entry.get("summary", "")
        body = html_to_text(html)
        item = f"{path}#{i}"
        if not body.strip():
            out.append(ReadError(item, f"item {i} has no text (no content or summary)"))
            continue
        fields = {
            "text": body,
            "title": entry.get("title"),
            "published": entry.get("published") or entry.get("updated"),
            "source": source,
            "url": entry.get("link"),
            "language": entry.get("language") or language,
        }
        out.append(_article(fields, item))
    return out or [ReadError(path, "feed has no items")]


_BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote tr table section article header footer pre hr figcaption".split()
)


def html_to_text(html: str) -> str:
    """Return the plain text of an HTML fragment, one paragraph per block element."""
    if "<" not in html:
        return _clean(html)
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return _clean(html)
    for bad in root.xpath("//script|//style|//noscript|//iframe"):
        bad.drop_tree()
    pieces: list[str] = []

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _BLOCKS:
            pieces.append("\n\n" if tag not in ("br", "li", "tr") else "\n")
        if element.text and tag:
            pieces.append(element.text.replace("\n", " "))  # a source line break is a space in HTML
        for child in element:
            walk(child)
        if tag in _BLOCKS and tag not in ("br", "li", "tr"):
            pieces.append("\n\n")
        if element.tail:
            pieces.append(element.tail.replace("\n", " "))

    walk(root)
    lines = [" ".join(line.split()) for line in "".join(pieces).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


_READERS = {
    ".txt": _read_text, ".md": _read_text, ".markdown": _read_text,
    ".json": _read_json, ".jsonl": _read_jsonl, ".csv": _read_csv, ".tsv": _read_csv,
    ".html": _read_html, ".htm": _read_html,
    ".xml": _read_feed, ".rss": _read_feed, ".atom": _read_feed,
}  # fmt: skip
