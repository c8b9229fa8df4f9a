"""Facet counts: each filter option's number of articles in the view, with the filter's own
values left out, exactly the articles choosing the option would select."""

from datetime import date

import pytest

from techdiplomacy.i18n.display import counted
from techdiplomacy.warehouse import facets
from techdiplomacy.warehouse import query as wh
from techdiplomacy.warehouse.filters import Filters

from tests.test_filters import sample_tables


def _counts(filters: Filters, field: str) -> dict:
    con = wh.connect(sample_tables())
    return facets.facet_counts(con, wh.selection(facets.facet_view(filters, field)), field)


@pytest.mark.parametrize(
    ("filters", "field", "expected"),
    [
        # a1 names ARM, a2 has an Armenian official, a4 a place in Armenia; a5 China by a figure
        (Filters(), "countries", {"IRN": 2, "ARM": 3, "TUR": 1, "CHN": 1}),
        (Filters(languages=("en",)), "countries", {"TUR": 1, "ARM": 1, "CHN": 1}),
        # the country filter's own values do not narrow its counts (alternatives: OR)
        (Filters(countries=("TUR",)), "countries", {"IRN": 2, "ARM": 3, "TUR": 1, "CHN": 1}),
        (Filters(countries=("ARM",)), "sectors", {"cybersecurity": 1, "data_centres": 2}),
        (Filters(countries=("ARM",)), "languages", {"ar": 1, "fa": 1, "en": 1}),
        (Filters(), "sources", {"الوفاق": 1, "ایرنا": 1, "Tehran Times": 2, "Press TV": 1}),
        # dominant topics only (a1's second topic does not count)
        (Filters(), "topics", {0: 2, 1: 2, 2: 1}),
        (Filters(date_from=date(2024, 3, 1)), "topics", {0: 1, 1: 1, 2: 1}),
        (Filters(query="yerevan"), "countries", {"ARM": 1}),
    ],
)
def test_facet_counts(filters, field, expected):
    assert _counts(filters, field) == expected


@pytest.mark.parametrize("field", list(facets.FACETS))
@pytest.mark.parametrize(
    "filters",
    [Filters(), Filters(countries=("ARM",)), Filters(sectors=("data_centres",), languages=("en",)),
     Filters(topics=(1,), countries=("ARM", "TUR")), Filters(date_to=date(2024, 12, 31))],
)
def test_each_count_is_what_choosing_the_option_selects(filters, field):
    con = wh.connect(sample_tables())
    found = facets.facet_counts(con, wh.selection(facets.facet_view(filters, field)), field)
    for value in wh.options(con)[field]:
        only = facets.facet_view(filters, field).replace(**{field: (value,)})
        assert found.get(value, 0) == wh.count(con, wh.selection(only)), (field, value)


def test_blank_values_are_no_option():
    tables = sample_tables()
    tables["officials"] = tables["officials"].assign(country="")  # an official of no known country
    con = wh.connect(tables)
    assert "" not in facets.facet_counts(con, wh.ALL, "countries")


def test_options_rank_by_count_and_keep_the_chosen_ones():
    options = ["IRN", "ARM", "TUR", "CHN"]
    assert facets.ranked_options(options, {"ARM": 3, "IRN": 2, "CHN": 2}) == ["ARM", "IRN", "CHN", "TUR"]
    # a chosen option with no article in the view stays (last), as does its order
    assert facets.ranked_options(options, {"TUR": 1}, ("CHN",)) == ["TUR", "IRN", "ARM", "CHN"]


def test_unknown_field_is_refused():
    with pytest.raises(KeyError):
        facets.facet_view(Filters(), "query")


@pytest.mark.parametrize(
    ("option", "n", "lang", "expected"),
    [
        ("Armenia (ARM)", 1234, "en", "Armenia (ARM) — 1,234"),
        ("أرمينيا (ARM)", 3, "ar", "\u2067أرمينيا (ARM)\u2069 — 3"),
        ("ارمنستان (ARM)", 0, "fa", "\u2067ارمنستان (ARM)\u2069 — 0"),
    ],
)
def test_an_option_shows_its_count(option, n, lang, expected):
    assert counted(option, n, lang) == expected


@pytest.mark.parametrize("filters", [
    Filters(query="data centre"), Filters(query='"data centre"', countries=("ARM",)),
    Filters(query="ارمنستان", languages=("fa",)), Filters(query="absent"),
])
def test_a_selection_over_kept_search_hits_is_the_same(filters):
    """The reader keeps each query's hits as a table; selecting over it changes nothing."""
    con = wh.connect(sample_tables())
    con.execute(f"CREATE TABLE hits AS {wh.search_hits(filters.query)[0]}", wh.search_hits(filters.query)[1])
    over_hits = sorted(r[1] for r in con.execute(*wh.selection(filters, hits="hits")).fetchall())
    assert over_hits == sorted(r[1] for r in con.execute(*wh.selection(filters)).fetchall())
