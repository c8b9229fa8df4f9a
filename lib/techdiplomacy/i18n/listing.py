"""The Articles list as a reader sees it: one card per article, its search hit in context.

Every value comes from articles (untrusted) and is escaped; only our own tags and styles are
markup. The hit is marked with ``<mark>``; Arabic and Persian cards run right-to-left, each
part isolated (``dir="auto"``) so mixed-direction text reads in order.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from techdiplomacy.escape import html as escaped
from techdiplomacy.i18n import labels
from techdiplomacy.i18n.display import MISSING, article_line
from techdiplomacy.i18n.phrases import t

#: The hit's highlight (the reader's search colour).
HIT_STYLE = "background:#fff3b0;padding:0 2px;border-radius:3px"


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value) or str(value) == ""


def card_html(article: Mapping, lang: str = "en", *, topics: Mapping | None = None) -> str:
    """Return one article of :func:`techdiplomacy.warehouse.rows.article_list` as a safe
    HTML card: title, "source · date", its countries and topic by name, the hit in context."""
    title = MISSING if _missing(article.get("title")) else str(article["title"])
    countries = [] if _missing(article.get("countries")) else str(article["countries"]).split("|")
    names = labels.message("comma", lang).join(labels.name("country", c, lang) for c in countries)
    topic = article.get("topic_id")
    topic_name = None if _missing(topic) else (topics or {}).get(int(topic), f"{t('topic', lang)} {int(topic)}")
    facts = []
    if names:
        facts.append(f"{escaped(t('col_countries', lang))}: <bdi>{escaped(names)}</bdi>")
    if topic_name:
        facts.append(f"{escaped(t('topic', lang))}: <bdi>{escaped(labels.strip_isolates(str(topic_name)))}</bdi>")
    before, hit, after = (("" if _missing(article.get(k)) else str(article[k])) for k in ("before", "hit", "after"))
    snippet = escaped(before) + (f'<mark style="{HIT_STYLE}">{escaped(hit)}</mark>' if hit else "") + escaped(after)
    text_dir = "rtl" if article.get("language") in labels.RTL_LANGUAGES else "auto"
    ui_dir = "rtl" if labels.is_rtl(lang) else "ltr"
    return (
        f'<div class="td-article" dir="{ui_dir}" style="margin:0 0 .9rem 0;padding:.4rem .6rem;border-inline-start:3px solid #ddd">'
        f'<div dir="auto" style="font-weight:600">{escaped(title)}</div>'
        f'<div style="font-size:.85rem;color:#555">{escaped(labels.strip_isolates(article_line(article, lang)))}</div>'
        + (f'<div style="font-size:.85rem;color:#555">{" · ".join(facts)}</div>' if facts else "")
        + f'<div dir="{text_dir}" style="margin-top:.2rem">{snippet}</div></div>'
    )


def cards_html(articles: pd.DataFrame, lang: str = "en", *, topics: Mapping | None = None) -> str:
    """Return the cards of every row of ``articles`` (one HTML fragment)."""
    return "".join(card_html(row, lang, topics=topics) for row in articles.to_dict("records"))
