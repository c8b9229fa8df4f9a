"""The dashboard's filter state: one frozen :class:`Filters`, kept in the URL.

The selection itself runs in DuckDB: :func:`techdiplomacy.warehouse.query.selection` turns the filters
into a parameterised query with exactly the meaning below (near-duplicates counted once).

What each filter means (values within one filter are alternatives, filters are combined with
AND):

- ``countries`` (ISO3): the article has a country mention of it (``mentions.kind == "country"``
  and ``key``), or a place mention inside it (``kind == "place"`` and ``country``), or an
  official or a figure whose ``country`` it is. Organisation mentions do not count: naming
  Huawei does not make an article about China.
- ``sectors`` (sector ids): the article has a sector mention (``kind == "sector"``) of it.
- ``date_from`` / ``date_to``: ``articles.published`` within the days, both ends included;
  undated articles drop out once either is set.
- ``languages``, ``sources``: ``articles.language`` / ``articles.source`` is one of them.
- ``topics``: the article's *dominant* topic (``article_topics.rank == 1``) is one of them. The
  dominant topic is used, not any topic, so each article counts under one topic and the topic
  charts add up to the number of articles.
- ``query``: every whitespace-separated term (or ``"quoted phrase"``) of the normalised query
  occurs in the normalised title + text (:func:`techdiplomacy.text.normalisation.normalise`), so ی/ي, ک/ك,
  hamza seats, harakat and Persian digits do not matter (:mod:`techdiplomacy.text.search`).
- ``lang`` is the display language (en, ar, fa); it never changes which articles match.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date, datetime

import pandas as pd

from techdiplomacy.i18n import labels
from techdiplomacy.text.search import query_terms

# query_terms lives in techdiplomacy.text.search and is imported from here too.
__all__ = ["MULTI", "PARAMS", "Filters", "query_terms"]

#: URL parameter of each field (st.query_params keys).
PARAMS = {
    "countries": "country",
    "sectors": "sector",
    "date_from": "from",
    "date_to": "to",
    "languages": "language",
    "sources": "source",
    "topics": "topic",
    "query": "q",
    "lang": "lang",
}
MULTI = ("countries", "sectors", "languages", "sources", "topics")

_ISO3 = re.compile(r"[A-Z]{3}")
_SECTOR = re.compile(r"[a-z0-9][a-z0-9_\-]{0,63}")
_LANGUAGE = re.compile(r"[a-z]{2,3}")
_TOPIC = re.compile(r"-?[0-9]{1,9}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
MAX_TEXT = 200  # longest query taken from a URL
MAX_SOURCE = 300  # longest source name taken from a URL
MAX_VALUES = 100  # most values of one multi-valued parameter taken from a URL


def _clean_text(value) -> str:
    """Return ``value`` as one line of at most MAX_TEXT characters, without control marks."""
    text = _CONTROL.sub("", str(value).replace("\n", " ").replace("\t", " "))
    return " ".join(text.split())[:MAX_TEXT].strip()


def _clean_source(value) -> str:
    """Return a source name from a URL without control or bidi marks, at most MAX_SOURCE
    characters; inner spaces are kept, since the name must equal ``articles.source``."""
    return _CONTROL.sub("", str(value)).strip()[:MAX_SOURCE]


def _unique(values) -> tuple:
    return tuple(dict.fromkeys(values))


def _as_date(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    text = str(value).strip()
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class Filters:
    """The dashboard's filters; an empty field means "no restriction". Build with keywords.

    Lists are stored as tuples without duplicates, in the order given; ISO3 codes upper case;
    dates as :class:`datetime.date` (swapped if ``date_from`` is after ``date_to``).
    """

    countries: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    languages: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    topics: tuple[int, ...] = ()
    query: str = ""
    lang: str = "en"

    def __post_init__(self):
        def tup(values, cast=str):
            if values is None:
                return ()
            if isinstance(values, (str, int)):
                values = (values,)
            return _unique(cast(v) for v in values)

        set_ = object.__setattr__  # frozen: normalise once, here
        set_(self, "countries", tup(self.countries, lambda v: str(v).strip().upper()))
        set_(self, "sectors", tup(self.sectors, lambda v: str(v).strip()))
        set_(self, "languages", tup(self.languages, lambda v: str(v).strip().lower()))
        set_(self, "sources", tup(self.sources, lambda v: str(v)))
        set_(self, "topics", tup(self.topics, int))
        set_(self, "query", _clean_text(self.query or "").strip())
        set_(self, "lang", labels.ui_language(self.lang))
        start, end = _as_date(self.date_from), _as_date(self.date_to)
        if start and end and start > end:
            start, end = end, start
        set_(self, "date_from", start)
        set_(self, "date_to", end)

    # --- state -------------------------------------------------------------------------------

    def is_empty(self) -> bool:
        """Return True if no filter restricts the articles (``lang`` aside)."""
        return self == Filters(lang=self.lang)

    def replace(self, **changes) -> Filters:
        """Return a copy with ``changes`` applied (a widget changed one field)."""
        return replace(self, **changes)

    # --- URL ---------------------------------------------------------------------------------

    def to_query(self) -> dict[str, str | list[str]]:
        """Return the URL parameters of these filters: only the set ones; lists for
        multi-valued fields, ``YYYY-MM-DD`` for dates. ``from_query`` reads it back exactly."""
        out: dict[str, str | list[str]] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            key = PARAMS[field.name]
            if field.name in MULTI:
                if value:
                    out[key] = [str(v) for v in value]
            elif field.name in ("date_from", "date_to"):
                if value:
                    out[key] = value.isoformat()
            elif field.name == "lang":
                if value != "en":
                    out[key] = value
            elif value:
                out[key] = value
        return out

    @classmethod
    def from_query(cls, params, *, known: Mapping | None = None) -> Filters:
        """Return the filters in URL ``params``; what is malformed or unknown is ignored.

        ``params`` is a mapping of str to str or list of str, or ``st.query_params`` (read with
        ``get_all``). Codes must look like codes (ISO3, sector id, language, topic number);
        source names and the query are cleaned of control and bidi marks and capped in length.
        With ``known`` (the output of :func:`techdiplomacy.warehouse.query.options`), values not in
        the corpus are dropped.
        Never raises for any URL content.
        """

        def values(key: str, split: bool) -> list[str]:
            try:
                raw = params.get_all(key) if hasattr(params, "get_all") else params.get(key)
            except (AttributeError, KeyError, TypeError, ValueError):  # a URL must never break the page
                return []
            if raw is None:
                return []
            if isinstance(raw, (str, bytes, int, float)):
                raw = [raw]
            try:
                raw = list(raw)[:MAX_VALUES]
            except TypeError:
                return []
            out = []
            for item in raw:
                if isinstance(item, bytes):
                    item = item.decode("utf-8", "replace")
                if isinstance(item, float) and math.isnan(item):
                    continue
                text = str(item)
                out.extend(text.split(",") if split else [text])
            return [v.strip() for v in out if v.strip()][:MAX_VALUES]

        def last(key: str) -> str:
            found = values(key, split=False)
            return found[-1] if found else ""

        def allowed(name: str, items: list) -> list:
            if known is None or name not in known:
                return items
            pool = {str(v) for v in known[name]}
            return [v for v in items if str(v) in pool]

        countries = [v.upper() for v in values("country", True) if _ISO3.fullmatch(v.upper())]
        sectors = [v for v in values("sector", True) if _SECTOR.fullmatch(v)]
        languages = [v.lower() for v in values("language", True) if _LANGUAGE.fullmatch(v.lower())]
        topics = [int(v) for v in values("topic", True) if _TOPIC.fullmatch(v)]
        sources = [s for s in (_clean_source(v) for v in values("source", False)) if s]
        lang = last("lang")
        return cls(
            countries=tuple(allowed("countries", countries)),
            sectors=tuple(allowed("sectors", sectors)),
            date_from=_as_date(last("from")),
            date_to=_as_date(last("to")),
            languages=tuple(allowed("languages", languages)),
            sources=tuple(allowed("sources", sources)),
            topics=tuple(allowed("topics", topics)),
            query=_clean_text(last("q")),
            lang=lang if lang in labels.UI_LANGUAGES else "en",
        )

    # --- widgets and captions ----------------------------------------------------------------

    def describe(self, count: int | None = None, *, names: Mapping[str, Mapping] | None = None) -> str:
        """Return a plain sentence in ``self.lang`` saying what is shown, e.g.
        "12 articles where country is Armenia and sector is cybersecurity, from 2024-01-01".

        ``count`` is the number of matching articles (left out if None). ``names`` overrides
        display names: {"country": {iso3: name}, "sector": {...}, "topic": {id: label},
        "language": {...}}; otherwise names come from :mod:`techdiplomacy.i18n.labels`.
        """
        lang = self.lang
        names = names or {}

        def shown(kind: str, key) -> str:
            given = names.get(kind, {}).get(key)
            if given is None and kind == "topic":
                given = f"{key}"
            text = given if given is not None else labels.name(kind, key, lang)
            return labels.embed(text, lang)

        if count is None:
            head = labels.message("all_articles", lang) if self.is_empty() else ""
        elif count == 1:
            head = labels.message("n_articles_one", lang)
        else:
            head = labels.message("n_articles", lang, n=f"{count:,}")
        clauses = []
        for field, kind, items in (
            ("country", "country", self.countries),
            ("sector", "sector", self.sectors),
            ("language", "language", self.languages),
            ("source", None, self.sources),
            ("topic", "topic", self.topics),
        ):
            if not items:
                continue
            joined = labels.message("or", lang).join(
                shown(kind, v) if kind else labels.embed(v, lang) for v in items
            )
            field_name = labels.message(field, lang)
            if lang == "en":
                field_name = field_name.lower()
            clauses.append(labels.message("is", lang, field=field_name, values=joined))
        if self.query:
            clauses.append(labels.message("contains", lang, query=labels.embed(self.query, lang)))
        sentence = head
        if clauses:
            body = labels.message("and", lang).join(clauses)
            sentence = f"{head}{labels.message('where', lang)}{body}" if head else body
        dates = self._describe_dates(lang)
        if dates:
            sentence = f"{sentence}{labels.message('comma', lang)}{dates}" if sentence else dates
        return sentence

    def _describe_dates(self, lang: str) -> str:
        if self.date_from and self.date_to:
            return labels.message("between", lang, start=self.date_from.isoformat(), end=self.date_to.isoformat())
        if self.date_from:
            return labels.message("from", lang, date=self.date_from.isoformat())
        if self.date_to:
            return labels.message("until", lang, date=self.date_to.isoformat())
        return ""
