import time
from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from techdiplomacy import schema
from techdiplomacy.warehouse import counts as wc
from techdiplomacy.warehouse import query as wh
from techdiplomacy.warehouse import rows as wr
from techdiplomacy.warehouse.filters import Filters, query_terms


def sample_tables() -> dict[str, pd.DataFrame]:
    """Five articles: a1 Armenia/cyber (ar), a2 Armenia via an official (fa), a3 Turkey/AI (en),
    a4 Yerevan (a place in Armenia) undated, a5 China via a figure only."""
    articles = schema.conform(
        "articles",
        [
            {"article_id": "a1", "title": "تعاون إيران وأرمينيا", "text": "الأمن السيبراني ومراكز البيانات", "language": "ar", "published": pd.Timestamp("2024-01-15"), "source": "الوفاق"},
            {"article_id": "a2", "title": "همکاری ایران و ارمنستان", "text": "سفیر ارمنستان در تهران با وزیر ارتباطات دیدار کرد", "language": "fa", "published": pd.Timestamp("2024-03-02"), "source": "ایرنا"},
            {"article_id": "a3", "title": "Iran and Türkiye on AI", "text": "Artificial intelligence cooperation", "language": "en", "published": pd.Timestamp("2024-12-31 18:30"), "source": "Tehran Times"},
            {"article_id": "a4", "title": "Yerevan data centre", "text": "A data centre in Yerevan", "language": "en", "published": None, "source": "Tehran Times"},
            {"article_id": "a5", "title": "China deal", "text": "A $5 billion deal", "language": "en", "published": pd.Timestamp("2025-02-01"), "source": "Press TV"},
        ],
    )
    mentions = schema.conform(
        "mentions",
        [
            {"article_id": "a1", "kind": "country", "key": "IRN", "label": "Iran", "country": "IRN"},
            {"article_id": "a1", "kind": "country", "key": "ARM", "label": "Armenia", "country": "ARM"},
            {"article_id": "a1", "kind": "sector", "key": "cybersecurity", "label": "Cybersecurity"},
            {"article_id": "a1", "kind": "sector", "key": "data_centres", "label": "Data centres"},
            {"article_id": "a2", "kind": "country", "key": "IRN", "label": "Iran", "country": "IRN"},
            {"article_id": "a3", "kind": "country", "key": "TUR", "label": "Türkiye", "country": "TUR"},
            {"article_id": "a3", "kind": "sector", "key": "ai", "label": "AI"},
            {"article_id": "a3", "kind": "organisation", "key": "huawei", "label": "Huawei", "country": "CHN"},
            {"article_id": "a4", "kind": "place", "key": "yerevan", "label": "Yerevan", "country": "ARM"},
            {"article_id": "a4", "kind": "sector", "key": "data_centres", "label": "Data centres"},
        ],
    )
    officials = schema.conform(
        "officials",
        [{"article_id": "a2", "official_id": "hakobyan", "name": "گریگور هاکوبیان", "role": "ambassador", "country": "ARM"}],
    )
    figures = schema.conform(
        "figures", [{"article_id": "a5", "value": 5e9, "unit": "USD", "measure": "deal", "country": "CHN"}]
    )
    topics = schema.conform(
        "topics",
        [
            {"topic_id": 0, "label": "الأمن السيبراني", "size": 2, "n_passages": 3},
            {"topic_id": 1, "label": "AI", "size": 2, "n_passages": 2},
            {"topic_id": 2, "label": "deals", "size": 1, "n_passages": 1},
        ],
    )
    article_topics = schema.conform(
        "article_topics",
        [
            {"article_id": "a1", "topic_id": 0, "weight": 0.9, "rank": 1},
            {"article_id": "a1", "topic_id": 1, "weight": 0.1, "rank": 2},
            {"article_id": "a2", "topic_id": 0, "weight": 0.8, "rank": 1},
            {"article_id": "a3", "topic_id": 1, "weight": 0.7, "rank": 1},
            {"article_id": "a4", "topic_id": 1, "weight": 0.6, "rank": 1},
            {"article_id": "a5", "topic_id": 2, "weight": 0.9, "rank": 1},
        ],
    )
    passage_topics = schema.conform(
        "passage_topics",
        [
            {"article_id": "a1", "passage": 0, "topic_id": 0},
            {"article_id": "a1", "passage": 1, "topic_id": 0},
            {"article_id": "a2", "passage": 0, "topic_id": 0},
            {"article_id": "a3", "passage": 0, "topic_id": 1},
            {"article_id": "a4", "passage": 0, "topic_id": 1},
            {"article_id": "a5", "passage": 0, "topic_id": 2},
        ],
    )
    errors = schema.conform("errors", [{"path": "bad.html", "error": "unreadable"}])
    return {
        "articles": articles, "mentions": mentions, "officials": officials, "figures": figures,
        "topics": topics, "article_topics": article_topics, "passage_topics": passage_topics, "errors": errors,
    }


@pytest.mark.parametrize(
    "filters, expected",
    [
        (Filters(), ["a1", "a2", "a3", "a4", "a5"]),
        # country mention, official of the country, place inside the country
        (Filters(countries=("ARM",)), ["a1", "a2", "a4"]),
        # figure's country counts; an organisation's country (Huawei -> CHN in a3) does not
        (Filters(countries=("CHN",)), ["a5"]),
        (Filters(countries=("ARM", "TUR")), ["a1", "a2", "a3", "a4"]),
        (Filters(sectors=("data_centres",)), ["a1", "a4"]),
        (Filters(countries=("ARM",), sectors=("cybersecurity",)), ["a1"]),
        (Filters(countries=("ARM",), sectors=("ai",)), []),
        (Filters(date_from=date(2024, 3, 1)), ["a2", "a3", "a5"]),
        (Filters(date_to=date(2024, 12, 31)), ["a1", "a2", "a3"]),  # 18:30 on the last day is in
        (Filters(date_from=date(2024, 1, 15), date_to=date(2024, 1, 15)), ["a1"]),
        (Filters(languages=("en",)), ["a3", "a4", "a5"]),
        (Filters(sources=("الوفاق", "ایرنا")), ["a1", "a2"]),
        (Filters(topics=(0,)), ["a1", "a2"]),
        (Filters(topics=(1,)), ["a3", "a4"]),  # dominant topic only: a1's rank-2 topic 1 ignored
        (Filters(query="ارمنستان"), ["a2"]),
        (Filters(query="أرمينيا"), ["a1"]),
        # normalised: Arabic yeh/kaf in the query find Persian ی/ک in the text
        (Filters(query="همكاري ايران"), ["a2"]),
        (Filters(query="data CENTRE"), ["a4"]),  # all terms, any order, case folded
        (Filters(query='"centre data"'), []),  # a quoted phrase must occur as written
        (Filters(query='"data centre"'), ["a4"]),
        (Filters(query="yerevan", languages=("fa",)), []),
    ],
)
def test_selection_selects_articles(filters, expected):
    assert selected(filters) == expected


def selected(filters: Filters, tables=None) -> list[str]:
    """The ids the SQL selection of ``filters`` gives on ``tables`` (default: the sample)."""
    con = wh.connect(sample_tables() if tables is None else tables)
    return sorted(row[1] for row in con.execute(*wh.selection(filters)).fetchall())


def test_rows_of_every_table_are_those_of_the_articles():
    con = wh.connect(sample_tables())
    sel = wh.selection(Filters(countries=("ARM",), sectors=("cybersecurity",)))
    for name in ("mentions", "officials", "figures", "article_topics", "passage_topics"):
        rows = wr.page(con, sel, name, limit=1000)
        assert set(rows["article_id"]) <= {"a1"}, name
        assert list(rows.columns) == schema.columns(name)
    assert wr.total(con, sel, "mentions") == 4
    assert list(wr.page(con, sel, "errors")["path"]) == ["bad.html"]  # not keyed by article: untouched


def test_topics_are_recounted_over_the_matching_articles():
    con = wh.connect(sample_tables())
    topics = wc.topics(con, wh.selection(Filters(countries=("ARM",)))).set_index("topic_id")
    # a1, a2 have dominant topic 0 and a4 topic 1; topic 2 (a5) is gone.
    assert topics["size"].to_dict() == {0: 2, 1: 1}
    assert topics["n_passages"].to_dict() == {0: 3, 1: 1}
    assert topics["size"].dtype == schema.TABLES["topics"]["size"]


def test_no_filters_select_every_article():
    assert selected(Filters(lang="ar")) == ["a1", "a2", "a3", "a4", "a5"]


def test_selection_with_missing_tables():
    tables = {"articles": sample_tables()["articles"]}
    assert selected(Filters(countries=("ARM",)), tables) == []
    assert selected(Filters(languages=("ar",)), tables) == ["a1"]


def test_query_terms_are_normalised():
    assert query_terms('  الأمن   "مراكز البيانات" ') == ["الامن", "مراكز البيانات"]
    assert query_terms("") == []


def test_selection_is_fast_on_fifty_thousand_articles():
    rng = np.random.default_rng(0)
    n = 50_000
    article_ids = [f"a{i}" for i in range(n)]
    articles = schema.conform(
        "articles",
        pd.DataFrame(
            {
                "article_id": article_ids,
                "title": "title",
                "text": "some text about data centres",
                "language": rng.choice(["ar", "fa", "en"], n),
                "published": pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 2000, n), unit="D"),
                "source": rng.choice(["s1", "s2", "s3"], n),
            }
        ),
    )
    rows = 5 * n
    mentions = schema.conform(
        "mentions",
        pd.DataFrame(
            {
                "article_id": rng.choice(article_ids, rows),
                "kind": rng.choice(["country", "sector"], rows),
                "key": rng.choice(["ARM", "TUR", "CHN", "ai", "cybersecurity"], rows),
            }
        ),
    )
    article_topics = schema.conform(
        "article_topics", pd.DataFrame({"article_id": article_ids, "topic_id": rng.integers(0, 20, n), "rank": 1})
    )
    con = wh.connect({"articles": articles, "mentions": mentions, "article_topics": article_topics})
    filters = Filters(countries=("ARM", "TUR"), sectors=("ai",), date_from=date(2021, 1, 1), languages=("ar", "fa"), topics=(1, 2, 3))
    started = time.perf_counter()
    n_selected = wh.count(con, wh.selection(filters))
    elapsed = time.perf_counter() - started
    assert 0 < n_selected < n
    assert elapsed < 2.0, elapsed


# --- URL ---------------------------------------------------------------------------------------

ROUND_TRIPS = [
    Filters(),
    Filters(lang="fa"),
    Filters(countries=("ARM", "TUR"), sectors=("cybersecurity",), date_from=date(2024, 1, 1), date_to=date(2024, 12, 31)),
    Filters(languages=("ar", "fa"), sources=("الوفاق", "Tehran Times", "a,b"), topics=(3, 0, -1), query='أمن "data centre"', lang="ar"),
]


@pytest.mark.parametrize("filters", ROUND_TRIPS)
def test_query_round_trip_is_exact(filters):
    params = filters.to_query()
    assert Filters.from_query(params) == filters
    assert all(isinstance(k, str) and isinstance(v, (str, list)) for k, v in params.items())


def test_to_query_shape():
    params = Filters(countries=("arm",), date_from=date(2024, 1, 1), lang="ar", topics=(2,)).to_query()
    assert params == {"country": ["ARM"], "from": "2024-01-01", "topic": ["2"], "lang": "ar"}
    assert Filters().to_query() == {}


class FakeQueryParams:
    """Like st.query_params: get() gives the last value, get_all() every value."""

    def __init__(self, pairs):
        self.pairs = pairs

    def get(self, key, default=None):
        values = self.get_all(key)
        return values[-1] if values else default

    def get_all(self, key):
        return [v for k, v in self.pairs if k == key]


def test_from_query_reads_repeated_and_comma_separated_keys():
    params = FakeQueryParams([("country", "ARM"), ("country", "tur,CHN"), ("sector", "ai"), ("lang", "fa")])
    assert Filters.from_query(params) == Filters(countries=("ARM", "TUR", "CHN"), sectors=("ai",), lang="fa")


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"from": "2024-13-45", "to": "yesterday"}, Filters()),
        ({"from": "2024-02-30"}, Filters()),
        ({"country": ["ARM", "Armenia", "<script>", "AR", "ARM'; DROP TABLE articles;--"]}, Filters(countries=("ARM",))),
        ({"sector": ["ai", "../../etc/passwd", "Cyber Security", "=cmd|'/C calc'!A0"]}, Filters(sectors=("ai",))),
        ({"topic": ["1", "x", "1e9", "99999999999", "2"]}, Filters(topics=(1, 2))),
        ({"language": ["ar", "arabic", "<b>"]}, Filters(languages=("ar",))),
        ({"lang": "de"}, Filters()),
        ({"lang": ["fa", "<script>"]}, Filters()),
        ({"q": "a\x00b\u202ec\n" + "x" * 500}, Filters(query="abc " + "x" * 196)),
        ({"source": ["\u2067الوفاق\u2069", ""]}, Filters(sources=("الوفاق",))),
        ({"unknown": "1", "country": None}, Filters()),
        ({"country": 12, "topic": 3.5, "from": ["2024-01-01", "2024-02-01"]}, Filters(date_from=date(2024, 2, 1))),
        ({"to": "2024-01-01", "from": "2024-06-30"}, Filters(date_from=date(2024, 1, 1), date_to=date(2024, 6, 30))),
    ],
)
def test_from_query_ignores_bad_values(params, expected):
    assert Filters.from_query(params) == expected


def test_from_query_drops_values_not_in_the_corpus():
    known = wh.options(wh.connect(sample_tables()))
    params = {"country": ["ARM", "FRA"], "sector": ["ai", "quantum"], "source": ["الوفاق", "Unknown"], "topic": ["1", "7"]}
    assert Filters.from_query(params, known=known) == Filters(countries=("ARM",), sectors=("ai",), sources=("الوفاق",), topics=(1,))


url_values = st.one_of(st.text(max_size=40), st.lists(st.text(max_size=20), max_size=4), st.none(), st.integers())


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["country", "sector", "from", "to", "language", "source", "topic", "q", "lang", "x"]), url_values))
def test_from_query_never_crashes_and_round_trips(params):
    filters = Filters.from_query(params)
    assert Filters.from_query(filters.to_query()) == filters


plain_text = st.text(st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp")), max_size=30)


@settings(max_examples=200, deadline=None)
@given(
    countries=st.lists(st.from_regex(r"[A-Z]{3}", fullmatch=True), max_size=3),
    sectors=st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,15}", fullmatch=True), max_size=3),
    dates=st.tuples(st.none() | st.dates(), st.none() | st.dates()),
    languages=st.lists(st.sampled_from(["ar", "fa", "en", "hy", "tr"]), max_size=3),
    sources=st.lists(plain_text.map(str.strip).filter(bool), max_size=3),
    topics=st.lists(st.integers(-1, 10**6), max_size=3),
    query=plain_text | st.text(min_size=190, max_size=260),
    lang=st.sampled_from(["en", "ar", "fa"]),
)
def test_any_filters_round_trip_through_the_url(countries, sectors, dates, languages, sources, topics, query, lang):
    filters = Filters(countries=countries, sectors=sectors, date_from=dates[0], date_to=dates[1], languages=languages,
                      sources=sources, topics=topics, query=query, lang=lang)
    assert Filters.from_query(filters.to_query()) == filters


def test_source_names_keep_their_inner_spaces():
    assert Filters.from_query({"source": "Tehran  Times "}).sources == ("Tehran  Times",)


# --- options and describe ----------------------------------------------------------------------


def test_options():
    options = wh.options(wh.connect(sample_tables()))
    assert options["countries"][0] == "ARM"  # a1, a2 (official), a4 (place)
    assert set(options["countries"]) == {"ARM", "IRN", "TUR", "CHN"}
    assert options["sectors"] == ["data_centres", "ai", "cybersecurity"]
    assert options["languages"] == ["en", "ar", "fa"]
    assert options["sources"][0] == "Tehran Times"
    assert options["topics"] == [0, 1, 2]  # 0 and 1 tie on two articles: by value
    assert options["date_min"] == date(2024, 1, 15)
    assert options["date_max"] == date(2025, 2, 1)
    assert options["lang"] == ["en", "ar", "fa"]


def test_options_of_empty_tables():
    options = wh.options(wh.connect({}))
    assert options["countries"] == [] and options["date_min"] is None


NAMES = {"country": {"ARM": "Armenia", "TUR": "Türkiye"}, "sector": {"cybersecurity": "cybersecurity"}}


@pytest.mark.parametrize(
    "filters, count, expected",
    [
        (Filters(countries=("ARM",), sectors=("cybersecurity",), date_from=date(2024, 1, 1)), 12,
         "12 articles where country is Armenia and sector is cybersecurity, from 2024-01-01"),
        (Filters(countries=("ARM", "TUR")), 1, "1 article where country is Armenia or Türkiye"),
        (Filters(), 1234, "1,234 articles"),
        (Filters(), None, "All articles"),
        (Filters(date_from=date(2024, 1, 1), date_to=date(2024, 6, 30)), 3, "3 articles, from 2024-01-01 to 2024-06-30"),
        (Filters(date_to=date(2024, 6, 30)), 0, "0 articles, until 2024-06-30"),
        (Filters(languages=("fa",), query="data centre"), 2, "2 articles where language is Persian and text contains \u201cdata centre\u201d"),
        (Filters(sources=("الوفاق",)), 2, "2 articles where source is \u2068الوفاق\u2069"),
        (Filters(countries=("ARM",), lang="ar"), 12, "عدد المقالات: 12؛ البلد: أرمينيا"),
        (Filters(countries=("ARM",), sectors=("cybersecurity",), date_from=date(2024, 1, 1), lang="fa"), 12,
         "12 مقاله؛ کشور: ارمنستان؛ بخش: امنیت سایبری، از 2024-01-01"),
    ],
)
def test_describe(filters, count, expected):
    names = {
        "en": NAMES,
        "ar": {"country": {"ARM": "أرمينيا"}},
        "fa": {"country": {"ARM": "ارمنستان"}, "sector": {"cybersecurity": "امنیت سایبری"}},
    }[filters.lang]
    assert filters.describe(count, names=names) == expected


def test_describe_uses_reference_names_by_default():
    assert Filters(countries=("TUR",), lang="ar").describe(2) == "عدد المقالات: 2؛ البلد: تركيا"


def test_filters_are_normalised_and_hashable():
    f = Filters(countries=["arm", "ARM", "tur"], topics=["2"], query="  a   b ", lang="xx")
    assert f == Filters(countries=("ARM", "TUR"), topics=(2,), query="a b", lang="en")
    assert hash(f) == hash(Filters(countries=("ARM", "TUR"), topics=(2,), query="a b"))
    assert f.replace(countries=()).countries == ()
