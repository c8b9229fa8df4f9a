"""The bilateral view's partners come from cooperation rows; mentions only in a store without any."""

import pandas as pd
import pytest

from techdiplomacy import schema
from techdiplomacy.warehouse import counts as wc
from techdiplomacy.warehouse import partners as wp
from techdiplomacy.warehouse import query as wh
from techdiplomacy.warehouse.filters import Filters


def _mention(aid, kind, key, country=None):
    return {"article_id": aid, "kind": kind, "key": key, "label": key, "country": country, "start": 0, "end": 3,
            "surface": "abc", "sentence": "s"}


def _tables(with_cooperation: bool) -> dict[str, pd.DataFrame]:
    articles = [
        {"article_id": "a1", "title": "t", "text": "x", "language": "en", "published": pd.Timestamp(2024, 1, 5)},
        {"article_id": "a2", "title": "t", "text": "x", "language": "ar", "published": pd.Timestamp(2024, 3, 9)},
        {"article_id": "a3", "title": "t", "text": "x", "language": "fa", "published": None},
    ]
    mentions = [
        # a1: Iran and Armenia cooperate on data centres; Yerevan, Moscow named in passing
        _mention("a1", "country", "IRN"), _mention("a1", "country", "ARM"), _mention("a1", "place", "moscow", "RUS"),
        _mention("a1", "sector", "data_centres"), _mention("a1", "sector", "space"),
        # a2: Iran and Türkiye sign on cybersecurity; China named in passing
        _mention("a2", "country", "TUR"), _mention("a2", "country", "CHN"), _mention("a2", "sector", "cybersecurity"),
        # a3: Armenia again, undated
        _mention("a3", "country", "ARM"), _mention("a3", "sector", "space"),
    ]
    cooperation = [
        {"article_id": "a1", "partners": "ARM", "sectors": "data_centres", "stage": "discussed", "instrument": "none"},
        {"article_id": "a1", "partners": "ARM", "sectors": "data_centres|ai", "stage": "proposed", "instrument": "none"},
        {"article_id": "a2", "partners": "TUR|ARM", "sectors": "cybersecurity", "stage": "signed", "instrument": "mou"},
        {"article_id": "a3", "partners": "ARM", "sectors": None, "stage": "discussed", "instrument": "none"},
    ] if with_cooperation else []
    rows = {"articles": articles, "mentions": mentions, "cooperation": cooperation}
    return {name: schema.conform(name, r) for name, r in rows.items()}


def _run(function, con, filters=Filters(), *args, **kwargs):
    return function(con, wh.selection(filters), *args, **kwargs)


def _records(frame):
    return [tuple(r) for r in frame.astype(object).itertuples(index=False)]


@pytest.fixture(scope="module", params=[True, False], ids=["cooperation", "mentions"])
def store(request):
    return request.param, wh.connect(_tables(request.param))


def test_source_says_where_partners_come_from(store):
    with_cooperation, con = store
    assert wp.source(con) == (wp.COOPERATION if with_cooperation else wp.MENTIONS)


def test_partners_are_parties_not_countries_in_passing(store):
    with_cooperation, con = store
    got = _records(_run(wp.partner_counts, con))
    if with_cooperation:  # China named in passing and Russia through Moscow are no partners
        assert got == [("ARM", 3, 4), ("TUR", 1, 1)]
    else:  # fallback: countries named, never one reached only through a city
        assert got == [("ARM", 2, 2), ("CHN", 1, 1), ("TUR", 1, 1)]
        assert "RUS" in set(_run(wc.country_counts, con)["country"])  # what the mention counts give
    assert _run(wp.partner_counts, con).dtypes.to_dict() == _run(wc.country_counts, con).dtypes.to_dict()


def test_country_sector_cells_are_the_fields_of_the_cooperation(store):
    with_cooperation, con = store
    got = _records(_run(wp.partner_sector_counts, con))
    if with_cooperation:
        assert got == [("ARM", "ai", 1), ("ARM", "cybersecurity", 1), ("ARM", "data_centres", 1), ("TUR", "cybersecurity", 1)]
    else:
        assert got == [("ARM", "space", 2), ("ARM", "data_centres", 1), ("CHN", "cybersecurity", 1), ("TUR", "cybersecurity", 1)]
    assert _run(wp.partner_sector_counts, con).dtypes.to_dict() == _run(wc.country_sector_counts, con).dtypes.to_dict()


def test_sectors_and_time_of_one_partner(store):
    with_cooperation, con = store
    sectors = _records(_run(wp.sectors_of, con, Filters(), "ARM"))
    if with_cooperation:
        assert sectors == [("ai", 1, 1), ("cybersecurity", 1, 1), ("data_centres", 1, 1)]
    else:
        assert sectors == [("space", 2, 2), ("data_centres", 1, 1)]
    time = _run(wp.over_time, con, Filters(), "ARM")
    months = [(str(p.date()), c, n) for p, c, n in _records(time)]
    if with_cooperation:  # a3 is undated: left out
        assert months == [("2024-01-01", "ARM", 1), ("2024-02-01", "ARM", 0), ("2024-03-01", "ARM", 1)]
    else:
        assert months == [("2024-01-01", "ARM", 1)]
    assert time.dtypes.to_dict() == _run(wc.counts_over_time, con, Filters(), "country").rename(columns={"kind": "country"}).dtypes.to_dict()


def test_filters_select_the_articles_first(store):
    with_cooperation, con = store
    got = _records(_run(wp.partner_counts, con, Filters(languages=("ar",))))
    assert got == ([("ARM", 1, 1), ("TUR", 1, 1)] if with_cooperation else [("CHN", 1, 1), ("TUR", 1, 1)])
    assert _run(wp.partner_counts, con, Filters(query="nothing-matches")).empty
    assert _run(wp.over_time, con, Filters(), "OMN").empty
    with pytest.raises(ValueError, match="freq"):
        _run(wp.over_time, con, Filters(), "ARM", freq="H")
