"""The Articles list: each article's search hit in context (cut from the original text, found
on the normalised one), its countries and topic by name, as safe HTML."""

import pandas as pd
import pytest

from techdiplomacy.i18n.listing import card_html, cards_html
from techdiplomacy.text.search import hit_snippet, query_terms
from techdiplomacy.warehouse import query as wh
from techdiplomacy.warehouse import rows as wr
from techdiplomacy.warehouse.filters import Filters
from tests.test_filters import sample_tables

LONG = ("Iran and Armenia signed a memorandum on cyber security. The ministers of ICT met in Yerevan on Monday "
        "and discussed data centres, e-government and startups in both countries over a long day of talks.")


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        (LONG, "yerevan", ("…signed a memorandum on cyber security. The ministers of ICT met in ", "Yerevan",
                           " on Monday and discussed data centres, e-government and startups in…")),
        # a quoted phrase across a run of spaces in the text; the hit keeps the text's letters
        ("They toured the data   centres of Tehran.", '"data centres"', ("They toured the ", "data centres", " of Tehran.")),
        # Arabic yeh/kaf in the query find the Persian letters; the hit is the original Persian
        ("همکاری ایران و ارمنستان", "همكاري", ("", "همکاری", " ایران و ارمنستان")),
        # harakat in the text do not hide it, and stay in the hit
        ("وقّع الوزيرُ مذكرةً في يريفان", "الوزير", ("وقّع ", "الوزيرُ", " مذكرةً في يريفان")),
        # the earliest hit of any term
        ("Tehran first, then Yerevan.", "yerevan tehran", ("", "Tehran", " first, then Yerevan.")),
        # no term (or none found): the opening, no hit
        ("A short text.", "", ("", "", "A short text.")),
        ("A short text.", "absent", ("", "", "A short text.")),
    ],
)
def test_hit_snippet(text, query, expected):
    assert hit_snippet(text, query_terms(query)) == expected


def test_a_long_opening_is_cut_at_a_word():
    before, hit, after = hit_snippet(LONG * 3, [], width=40)
    assert (before, hit) == ("", "") and after.endswith("…") and len(after) <= 81
    assert LONG.startswith(after[:-1])


def test_the_list_gives_countries_topic_and_hit_of_a_page_of_articles():
    con = wh.connect(sample_tables())
    shown = wr.article_list(con, wh.selection(Filters(query='"data centre"')), query='"data centre"')
    assert list(shown["article_id"]) == ["a4"]
    row = shown.iloc[0]
    # a4: "A data centre in Yerevan", a place in Armenia, dominant topic 1
    assert (row["countries"], row["topic_id"]) == ("ARM", 1)
    assert (row["before"], row["hit"], row["after"]) == ("A ", "data centre", " in Yerevan")
    everything = wr.article_list(con, wh.ALL, limit=2, offset=1)
    ordered = wr.page(con, wh.ALL, "articles", limit=5)["article_id"].tolist()
    assert everything["article_id"].tolist() == ordered[1:3]  # the articles page's order
    first = wr.article_list(con, wh.ALL)
    assert first.set_index("article_id").loc["a1", "countries"] == "ARM|IRN"  # by mentions, then code
    assert pd.isna(first.set_index("article_id").loc["a5", "countries"])  # a figure's country is no mention


def test_a_card_escapes_the_article_and_names_its_keys():
    article = {
        "title": "<script>alert(1)</script>", "source": "Evil & Co", "published": pd.Timestamp("2024-01-15"),
        "language": "en", "countries": "ARM|TUR", "topic_id": 1, "before": "a <b>", "hit": "<img src=x>", "after": " c",
    }
    html = card_html(article, "en", topics={1: "AI & data"})
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;img src=x&gt;</mark>" in html and "Armenia, Türkiye" in html and "AI &amp; data" in html
    assert "2024-01-15" in html and "ARM" not in html
    arabic = card_html(dict(article, language="ar"), "ar", topics={})
    assert 'dir="rtl"' in arabic and "أرمينيا" in arabic and "Armenia" not in arabic


def test_cards_of_no_articles_are_empty():
    assert cards_html(pd.DataFrame(columns=list(wr.LIST_COLUMNS))) == ""
