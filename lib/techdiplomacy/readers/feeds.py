"""RSS and Atom feeds -> one article per item; feeds declaring a DTD or entities are refused."""

from __future__ import annotations

import io
import re

from techdiplomacy.readers.article import Article, ReadError, field_str, make_article
from techdiplomacy.readers.webpages import html_to_text

_DTD = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")


def read_feed(text: str, path: str, ext: str) -> list[Article | ReadError]:
    """Return one article (or read error) per item of the RSS or Atom feed ``text``."""
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
    source = field_str(feed.feed.get("title"))
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
        out.append(make_article(fields, item))
    return out or [ReadError(path, "feed has no items")]
