"""The :class:`Article` record, and how one is built from a reader's canonical fields.

Every reader (:mod:`techdiplomacy.readers.corpus`, :mod:`techdiplomacy.readers.webpages`,
:mod:`techdiplomacy.readers.feeds`) maps what it found to the canonical field names of :data:`FIELDS`
and hands them to :func:`make_article`; what cannot be read becomes a :class:`ReadError`.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass

from techdiplomacy.readers.dates import parse_date
from techdiplomacy.text.language import detect_language
from techdiplomacy.text.normalisation import normalise

LANGUAGES = ("ar", "fa", "en")
#: Field name synonyms (front matter keys, JSON keys, CSV headers), canonical name first.
#: Keys are compared lower-cased, so ``pubDate`` is ``pubdate``; the names are those of common
#: news exports (Media Cloud, news-please, GDELT-derived dumps, CMS exports).
FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "story_text", "article_text", "maintext", "full_text"),
    "title": ("title", "headline"),
    "published": (
        "published", "date", "pubdate", "pub_date", "published_at", "publish_date", "date_publish",
        "publication_date", "datetime", "time",
    ),
    "source": ("source", "publisher", "sitename", "site", "media_name", "outlet", "domain"),
    "url": ("url", "link"),
    "language": ("language", "lang"),
}  # fmt: skip
_LANGUAGE_NAMES = {
    "arabic": "ar", "ara": "ar", "persian": "fa", "farsi": "fa", "fas": "fa", "per": "fa",
    "english": "en", "eng": "en",
}  # fmt: skip
_TITLE_MAX = 300


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


def article_id_for(text: str) -> str:
    """Return the stable id of an article: sha256 of its whitespace-collapsed matching form."""
    key = " ".join(normalise(text).split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


NEWLINES = re.compile(r"\r\n?|\u2028|\u2029")


def clean(text: str) -> str:
    """Return ``text`` with newlines normalised to ``\\n``, BOM and surrounding whitespace stripped."""
    return NEWLINES.sub("\n", text.lstrip("\ufeff")).strip()


_SURROGATES = re.compile(r"[\ud800-\udfff]")


def sanitised(value: str) -> str:
    """Return ``value`` with lone surrogates (JSON ``"\\udfff"``, which no UTF-8 store can hold) as U+FFFD."""
    return _SURROGATES.sub("\ufffd", value)


def printable_path(path: str) -> str:
    """Return a path as text a store can hold: bytes of a non-UTF-8 file name as ``\\xff``."""
    if not _SURROGATES.search(path):
        return path
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that is not an escaped byte
        return sanitised(path)


def make_article(fields: dict[str, object], path: str) -> Article | ReadError:
    """Build an article from canonical fields; text is required and kept as written.

    Lone surrogates in any field become U+FFFD: the record is kept, and nothing downstream
    (ids, the store, CSV export) meets a string that cannot be written as UTF-8.
    """
    fields = {k: sanitised(v) if isinstance(v, str) else v for k, v in fields.items()}
    path = printable_path(path)
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        return ReadError(path, "empty text" if isinstance(text, str) else "missing 'text' field")
    text = clean(text)
    title = field_str(fields.get("title"))
    if not title:
        title = _first_line(text)
    language = _language(fields.get("language")) or detect_language(text)
    return Article(
        article_id=article_id_for(text),
        title=title,
        text=text,
        language=language,
        published=_date(fields.get("published")),
        source=field_str(fields.get("source")),
        url=field_str(fields.get("url")),
        path=path,
    )


def field_str(value: object) -> str:
    """Return a scalar field value as one line of text ("" for anything else)."""
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


#: Values a header line gives when its field is unknown ("title: (none)", "date: unknown").
_NO_VALUE = frozenset({"", "none", "(none)", "unknown", "(unknown)", "n/a", "na", "-", "null", "nil"})
_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z_]*)[ \t]*:[ \t]*(.*)")
_HEADER_KEYS = frozenset(name for field, names in FIELDS.items() if field != "text" for name in names)


def header_fields(text: str, columns: dict[str, str] | None = None) -> tuple[dict[str, str], str]:
    """Return a plain-text file's header fields (raw key -> value) and the text after them.

    A header is one or more ``key: value`` lines at the very top, every key a field name of
    :data:`FIELDS` other than the text's (``url:``, ``title:``, ``date:``, ``source:``,
    ``language:``… in any case, or a key that ``columns`` names), ended by a blank line. Anything
    else (a first line "Tehran: …", a header without the blank line) is no header and the text
    comes back unchanged. A value such as ``(none)`` or ``unknown`` gives no field.
    """
    keys = _HEADER_KEYS | {v.strip().lower() for f, v in (columns or {}).items() if f != "text"}
    fields: dict[str, str] = {}
    position = 0
    while True:
        end = text.find("\n", position)
        if end < 0:
            return {}, text
        line = text[position:end].rstrip("\r")
        if not line.strip():
            break
        match = _HEADER_LINE.fullmatch(line.strip().lstrip("\ufeff"))
        if not match or match.group(1).lower() not in keys:
            return {}, text
        value = match.group(2).strip()
        if value.lower() not in _NO_VALUE:
            fields.setdefault(match.group(1), value)
        position = end + 1
    if position == 0:
        return {}, text
    return fields, text[end + 1:]


def canonical(record: dict, columns: dict[str, str] | None = None) -> dict[str, object]:
    """Map a record's keys (any case, any synonym) to canonical field names.

    ``columns`` ({field: key}, e.g. from ``--map text=story``) names a field's key explicitly;
    it wins over the synonyms of :data:`FIELDS`.
    """
    keyed = {str(k).strip().lstrip("\ufeff").lower(): v for k, v in record.items() if k is not None}
    out = {}
    for field, names in FIELDS.items():
        if columns and field in columns:
            names = (columns[field].strip().lower(), *names)
        for name in names:
            if name in keyed and keyed[name] not in (None, ""):
                out[field] = keyed[name]
                break
    return out


def record_article(record: object, path: str, what: str, columns: dict[str, str] | None = None) -> Article | ReadError:
    """Return the article of one JSON/JSONL/Parquet record (``what`` names it in errors: "line 7")."""
    if not isinstance(record, dict):
        return ReadError(path, f"{what} is not an object")
    fields = canonical(record, columns)
    if "text" not in fields:
        named = set(FIELDS["text"]) | ({columns["text"].strip().lower()} if columns and "text" in columns else set())
        if any(str(k).strip().lower() in named for k in record):
            return ReadError(path, f"empty text in {what}")
        return ReadError(path, f"missing 'text' field in {what}")
    if not isinstance(fields["text"], str):
        return ReadError(path, f"'text' field in {what} is not a string")
    if not fields["text"].strip():
        return ReadError(path, f"empty text in {what}")
    return make_article(fields, path)


def parse_columns(spec: str) -> dict[str, str]:
    """Return {field: column} from ``"text=story_body,title=head"`` (the ``--map`` option).

    Raises :class:`ValueError` naming the problem: a part without ``=``, an unknown field, an
    empty column name.
    """
    columns: dict[str, str] = {}
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        field, sep, column = (x.strip() for x in part.partition("="))
        if not sep or not column:
            raise ValueError(f"--map expects FIELD=COLUMN pairs separated by commas, got {part!r}")
        if field.lower() not in FIELDS:
            raise ValueError(f"--map: unknown field {field!r} (fields: {', '.join(FIELDS)})")
        columns[field.lower()] = column
    return columns
