"""Saved HTML pages -> one article (via trafilatura), and HTML fragments -> plain text.

:func:`html_to_text` is also how feed items (:mod:`techdiplomacy.readers.feeds`) get their text.
"""

from __future__ import annotations

import re

from techdiplomacy.readers.article import Article, ReadError, clean, make_article

_ZWNJ_HTML = re.compile(r"\u200c|&zwnj;|&#8204;|&#x0*200c;", re.IGNORECASE)
#: Printable characters news never contains; the first one absent from a page is used.
_ZWNJ_STAND_INS = tuple(chr(c) for c in range(0x2E3C, 0x2E50)) + tuple(chr(c) for c in range(0xA4D0, 0xA500))


def read_html(text: str, path: str, ext: str) -> list[Article | ReadError]:
    """Return the article of the saved HTML page ``text`` (its main text, via trafilatura)."""
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
    return [make_article(fields, path)]


_BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote tr table section article header footer pre hr figcaption".split()
)


def html_to_text(html: str) -> str:
    """Return the plain text of an HTML fragment, one paragraph per block element."""
    if "<" not in html:
        return clean(html)
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return clean(html)
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
