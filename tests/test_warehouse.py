"""The SQL query layer gives exactly what the pandas definitions give, on the same tables.

The pandas reference (tests/reference_frames.py: filters over frames, the chart
aggregates, near-duplicate collapsing) is the executable spec; the SQL runs on the same frames
copied into an in-memory DuckDB connection.
"""

import random
from datetime import date

import pandas as pd
import pytest
from reference_frames import options, reference
from test_filters import sample_tables

from techdiplomacy import schema
from techdiplomacy.warehouse import counts as wc
from techdiplomacy.warehouse import query as wh
from techdiplomacy.warehouse.filters import Filters

COUNTRIES = ["IRN", "ARM", "TUR", "CHN", "IRQ", "OMN"]
SECTORS = ["ai", "cybersecurity", "data_centres", "space", "telecom"]
ROLES = ["minister", "ambassador", "leader", None, "executive"]
WORDS = ["همکاری", "ایران", "الذكاء", "إيران", "data", "centre", "فضا", "۱۴۰۳", "Cyber", "كهربا"]


def random_tables(seed: int, n: int = 120) -> dict[str, pd.DataFrame]:
    """``n`` articles with random mentions, officials, figures, topics and near-duplicates."""
    rng = random.Random(seed)
    articles, mentions, officials, figures, assigned, passages, groups = [], [], [], [], [], [], []
    for i in range(n):
        aid = f"a{i:03d}"
        day = None if rng.random() < 0.1 else pd.Timestamp(2023, rng.randint(1, 12), rng.randint(1, 28))
        articles.append({
            "article_id": aid, "title": " ".join(rng.sample(WORDS, 2)), "text": " ".join(rng.choices(WORDS, k=8)),
            "language": rng.choice(["ar", "fa", "en", None]), "published": day, "source": rng.choice(["S1", "S2", "منبع", None]),
        })
        for _ in range(rng.randint(0, 6)):
            kind = rng.choice(["country", "place", "sector", "organisation"])
            key = rng.choice(SECTORS) if kind == "sector" else (rng.choice(COUNTRIES) if kind == "country" else f"k{rng.randint(0, 4)}")
            country = key if kind == "country" else (rng.choice(COUNTRIES + [None]) if kind != "sector" else None)
            start = rng.randint(0, 50)
            mentions.append({"article_id": aid, "kind": kind, "key": key, "label": key.upper(), "country": country,
                             "start": start, "end": start + 3, "surface": "abc", "sentence": f"s{i}"})
        for _ in range(rng.randint(0, 3)):
            who = rng.randint(0, 7)
            officials.append({"article_id": aid, "official_id": None if who > 5 else f"o{who}", "name": f"name{who % 6}{rng.choice('xy')}",
                              "role": rng.choice(ROLES), "country": rng.choice(COUNTRIES + [None]), "start": 1, "end": 4, "sentence": "x"})
        for _ in range(rng.randint(0, 2)):
            figures.append({"article_id": aid, "value": rng.choice([1.0, 5e6, 2.5e9]), "unit": rng.choice(["USD", "percent"]),
                            "measure": "m", "country": rng.choice(COUNTRIES + [None]), "sector": rng.choice(SECTORS), "start": 0, "end": 2})
        for rank, topic in enumerate(rng.sample(range(5), rng.randint(0, 2)), start=1):
            assigned.append({"article_id": aid, "topic_id": topic, "weight": 0.5, "rank": rank, "x": rng.random(), "y": rng.random()})
            passages.append({"article_id": aid, "passage": rank, "start": 0, "end": 5, "topic_id": topic, "weight": rng.random()})
        if i % 10 == 3:
            groups += [{"article_id": f"a{i - 1:03d}", "group_id": f"a{i - 1:03d}", "similarity": 1.0},
                       {"article_id": aid, "group_id": f"a{i - 1:03d}", "similarity": 0.9}]
    topics = [{"topic_id": t, "label": f"topic {t}", "size": 0, "n_passages": 0} for t in range(5)]
    rows = {"articles": articles, "mentions": mentions, "officials": officials, "figures": figures, "topics": topics,
            "article_topics": assigned, "passage_topics": passages, "near_duplicates": groups}
    return {name: schema.conform(name, r) for name, r in rows.items()}


FILTERS = [
    Filters(),
    Filters(countries=("ARM",)),
    Filters(countries=("TUR", "CHN"), sectors=("ai",)),
    Filters(sectors=("space", "telecom")),
    Filters(date_from=date(2023, 3, 1), date_to=date(2023, 8, 31)),
    Filters(languages=("fa",), sources=("منبع",)),
    Filters(topics=(1, 3)),
    Filters(query="ايران"),
    Filters(query='"data centre" همكاري', countries=("IRN",)),
]


def frames(con, filters: Filters):
    sel = wh.selection(filters)
    return con, sel


def equal(got: pd.DataFrame, want: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True), check_dtype=True)


@pytest.fixture(scope="module", params=[0, 1, 2])
def case(request):
    tables = random_tables(request.param)
    return tables, wh.connect(tables)


@pytest.mark.parametrize("filters", FILTERS, ids=[str(f.to_query()) for f in FILTERS])
def test_selection_and_aggregates_equal_pandas(case, filters):
    tables, con = case
    ref = reference(tables, filters)
    sel = wh.selection(filters)
    assert sorted(r[1] for r in con.execute(*sel).fetchall()) == sorted(ref.view["articles"]["article_id"])
    assert wh.count(con, sel) == len(ref.view["articles"])
    equal(wc.country_counts(con, sel), ref.country_counts())
    equal(wc.country_counts(con, sel, exclude=(), top_n=3), ref.country_counts(exclude=()).head(3))
    equal(wc.sector_counts(con, sel), ref.sector_counts())
    equal(wc.country_sector_counts(con, sel), ref.country_sector_counts())
    equal(wc.sector_cooccurrence_counts(con, sel), ref.sector_cooccurrence_counts())
    for sector in ("ai", "space"):
        equal(wc.partners_in_sector(con, sel, sector), ref.partners_in_sector(sector))
    for kind in ("country", "sector"):
        for top_n in (None, 2):
            got = wc.counts_over_time(con, sel, kind, top_n=top_n)
            equal(got, ref.counts_over_time(kind, top_n=top_n))
    equal(wc.counts_over_time(con, sel, "country", freq="Q", named=("ARM",)),
          ref.counts_over_time("country", freq="Q", named=("ARM",)))
    equal(wc.officials_role_counts(con, sel), ref.officials_role_counts())
    equal(wc.official_nodes(con, sel), ref.official_nodes())
    nodes = wc.official_nodes(con, sel, top_n=4)
    equal(nodes, ref.official_nodes(top_n=4))
    equal(wc.official_edges(con, sel, nodes["official"]), ref.official_edges(nodes["official"]))
    equal(wc.official_edges(con, sel), ref.official_edges())
    assert wc.official_count(con, sel) == len(ref.official_nodes())
    equal(wc.topic_counts_over_time(con, sel), ref.topic_counts_over_time())
    equal(wc.topic_counts_by_country(con, sel), ref.topic_counts_by_country())
    if not filters.is_empty():
        equal(wc.topics(con, sel), ref.view["topics"])
    assert wc.headline_counts(con, sel) == ref.headline_counts()


def test_options_equal_pandas(case):
    tables, con = case
    assert wh.options(con) == options(reference(tables, Filters()).view)


def test_sample_tables_select_as_documented():
    """The documented cases of test_filters.py hold in SQL too (no near-duplicates there)."""
    con = wh.connect(sample_tables())
    assert sorted(r[1] for r in con.execute(*wh.selection(Filters(countries=("ARM",)))).fetchall()) == ["a1", "a2", "a4"]
    assert sorted(r[1] for r in con.execute(*wh.selection(Filters(query="همكاري ايران"))).fetchall()) == ["a2"]
    assert sorted(r[1] for r in con.execute(*wh.selection(Filters(date_to=date(2024, 12, 31)))).fetchall()) == ["a1", "a2", "a3"]


@pytest.mark.parametrize("value", [
    "x' OR '1'='1", "'); DROP TABLE articles; --", '" OR 1=1 --', "ARM' UNION SELECT article_id FROM articles --",
])
def test_injection_looking_values_are_bound_not_run(value):
    tables = sample_tables()
    con = wh.connect(tables)
    for filters in (Filters(sources=(value,)), Filters(query=value), Filters(sectors=(value,)), Filters(countries=(value,))):
        sql, params = wh.selection(filters)
        assert value not in sql and value.upper() not in sql
        assert wh.count(con, (sql, params)) == 0 or filters.query
    assert wh.count(con, wh.ALL) == 5  # nothing dropped


@pytest.mark.parametrize("filters", FILTERS[:4], ids=[str(f.to_query()) for f in FILTERS[:4]])
def test_pages_cover_the_filtered_tables_once_and_csv_is_the_whole_table(case, filters):
    from techdiplomacy import export
    from techdiplomacy.warehouse import rows as wr

    tables, con = case
    ref = reference(tables, filters)
    sel = wh.selection(filters)
    for table in ("articles", "mentions", "officials", "figures"):
        n = wr.total(con, sel, table)
        assert n == len(ref.view[table])
        pages = [wr.page(con, sel, table, offset=o, limit=7) for o in range(0, n + 7, 7)]
        rows = pd.concat(pages, ignore_index=True)
        assert len(rows) == n  # every row once, none twice
        cells = lambda f: sorted(tuple(str(v) for v in row) for row in f.astype(object).itertuples(index=False))
        assert cells(rows) == cells(ref.view[table])
        assert wr.page(con, sel, table, offset=0, limit=7).equals(pages[0])  # the same page twice
        csv = wr.table_csv(con, sel, table)
        assert csv.startswith(export.BOM) and csv.count(b"\r\n") == n + 1
        assert sorted(csv.split(b"\r\n")[1:]) == sorted(export.table_csv(rows, table).split(b"\r\n")[1:])


def test_evidence_equals_pandas_evidence(case):
    from reference_frames import evidence

    from techdiplomacy.warehouse import rows as wr

    tables, con = case
    ref = reference(tables, Filters(countries=("ARM",)))
    sel = wh.selection(Filters(countries=("ARM",)))
    keys = dict(countries=["ARM", "TUR"], sectors=["ai"], official_ids=["o1", "name7y"], topics=[1])
    got = wr.evidence(con, sel, limit=None, **keys)
    want = evidence(ref.view, limit=10**6, **keys)
    as_set = lambda f: sorted(map(tuple, f.astype(str).to_numpy().tolist()))
    assert as_set(got) == as_set(want)
    assert as_set(wr.evidence(con, sel, limit=10**6, **keys)) == as_set(want)
    first = wr.evidence(con, sel, limit=3, **keys)
    assert len(first) == min(3, len(want)) and set(map(tuple, first.astype(str).to_numpy().tolist())) <= set(as_set(want))


def test_csv_export_neutralises_formulas_in_chunks():
    from techdiplomacy import export
    from techdiplomacy.warehouse import rows as wr

    tables = sample_tables()
    tables["articles"].loc[0, "title"] = "=HYPERLINK(\"http://x\")"
    con = wh.connect(tables)
    csv = b"".join(export.csv_chunks(wr.chunks(con, wh.ALL, "articles", rows=2), "articles"))
    assert csv == export.table_csv(wr.page(con, wh.ALL, "articles", limit=100), "articles")
    assert b"'=HYPERLINK" in csv and csv.count(export.BOM) == 1


def test_the_ui_materialised_selection_keeps_both_keys():
    """Derived tables match on ``aid``: a selection without it would turn ``aid IN (SELECT aid
    FROM sel)`` into a correlated test that is always true (and very slow)."""
    from collections import OrderedDict

    from techdiplomacy.ui import data

    con = wh.connect(sample_tables())
    sel = data._selection(con, OrderedDict(), data._filters_key(Filters(countries=("ARM",))))
    columns = [d[0] for d in con.execute(*sel).description]
    assert columns == ["aid", "article_id"]
    assert wc.headline_counts(con, sel)["articles"] == 3
