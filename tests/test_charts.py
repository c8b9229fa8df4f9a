import pandas as pd
import pytest

from techdiplomacy import charts, reference, schema
from techdiplomacy.charts.style import DISTINCT, IRAN_COLOUR, OTHER_COLOUR, PALETTE, country_colour, distinct_colours
from techdiplomacy.i18n.labels import PDI, RLI
from techdiplomacy.warehouse import counts as wc
from techdiplomacy.warehouse import query as wh
from techdiplomacy.warehouse import rows as wr
from techdiplomacy.warehouse.selection import selection_filters

ARM_AR = f"{RLI}أرمينيا{PDI}"
TUR_AR = f"{RLI}تركيا{PDI}"


@pytest.fixture(autouse=True)
def tiny_reference(tmp_path, monkeypatch):
    """Reference names the assertions can rely on, whatever data/reference holds."""
    pd.DataFrame(
        [
            {"iso3": "ARM", "iso2": "AM", "name_en": "Armenia", "name_ar": "أرمينيا", "name_fa": "ارمنستان", "aliases": ""},
            {"iso3": "TUR", "iso2": "TR", "name_en": "Türkiye", "name_ar": "تركيا", "name_fa": "ترکیه", "aliases": ""},
            {"iso3": "IRN", "iso2": "IR", "name_en": "Iran", "name_ar": "إيران", "name_fa": "ایران", "aliases": ""},
        ]
    ).to_csv(tmp_path / "countries.csv", index=False)
    pd.DataFrame(
        [
            {"sector": "cybersecurity", "name_en": "Cybersecurity", "name_ar": "الأمن السيبراني", "name_fa": "امنیت سایبری", "aliases": ""},
            {"sector": "data_centres", "name_en": "Data centres", "name_ar": "مراكز البيانات", "name_fa": "مرکز داده", "aliases": ""},
            {"sector": "ai", "name_en": "AI", "name_ar": "الذكاء الاصطناعي", "name_fa": "هوش مصنوعی", "aliases": ""},
        ]
    ).to_csv(tmp_path / "sectors.csv", index=False)
    monkeypatch.setenv("TECHDIPLOMACY_REFERENCE", str(tmp_path))
    from techdiplomacy.charts import style

    caches = (reference.load, reference.labels, reference.aliases, style._sector_order)
    for cached in caches:
        cached.cache_clear()
    yield
    for cached in caches:
        cached.cache_clear()


def tables() -> dict[str, pd.DataFrame]:
    """a1: ARM + cyber + data centres (Jan 2024); a2: ARM + TUR + data centres (Mar 2024);
    a3: TUR + AI (Mar 2024); a4: a place in ARM, undated; a5: only Iran (Feb 2024)."""
    articles = schema.conform(
        "articles",
        [
            {"article_id": "a1", "title": "تعاون إيران وأرمينيا", "language": "ar", "published": pd.Timestamp("2024-01-10")},
            {"article_id": "a2", "title": "همکاری", "language": "fa", "published": pd.Timestamp("2024-03-05")},
            {"article_id": "a3", "title": "AI with Türkiye", "language": "en", "published": pd.Timestamp("2024-03-20")},
            {"article_id": "a4", "title": "Yerevan", "language": "en", "published": None},
            {"article_id": "a5", "title": "Tehran", "language": "en", "published": pd.Timestamp("2024-02-01")},
        ],
    )
    m = [
        ("a1", "country", "IRN", "IRN"), ("a1", "country", "ARM", "ARM"), ("a1", "country", "ARM", "ARM"),
        ("a1", "sector", "cybersecurity", None), ("a1", "sector", "data_centres", None),
        ("a2", "country", "ARM", "ARM"), ("a2", "country", "TUR", "TUR"), ("a2", "sector", "data_centres", None),
        ("a3", "country", "TUR", "TUR"), ("a3", "sector", "ai", None),
        ("a4", "place", "yerevan", "ARM"),
        ("a5", "country", "IRN", "IRN"),
    ]
    mentions = schema.conform(
        "mentions", [{"article_id": a, "kind": k, "key": key, "country": c, "label": key} for a, k, key, c in m]
    )
    officials = schema.conform(
        "officials",
        [
            {"article_id": "a1", "official_id": "hashemi", "name": "ستار هاشمي", "role": "minister", "country": "IRN"},
            {"article_id": "a1", "official_id": "hakobyan", "name": "غريغور هاكوبيان", "role": "ambassador", "country": "ARM"},
            {"article_id": "a2", "official_id": "hashemi", "name": "ستار هاشمی", "role": "minister", "country": "IRN"},
            {"article_id": "a2", "official_id": "hakobyan", "name": "گریگور هاکوبیان", "role": "ambassador", "country": "ARM"},
            {"article_id": "a3", "official_id": None, "name": "Mehmet Demir", "role": "minister", "country": "TUR"},
            {"article_id": "a3", "official_id": "hashemi", "name": "Sattar Hashemi", "role": "minister", "country": "IRN"},
        ],
    )
    figures = schema.conform(
        "figures",
        [
            {"article_id": "a1", "value": 25.0, "unit": "percent", "measure": "startups", "country": "IRN", "sector": "ai", "start": 10, "end": 20, "sentence": "نحو 25 بالمئة من الشركات الناشئة"},
            {"article_id": "a2", "value": 5e6, "unit": "USD", "measure": "trade", "country": "ARM", "start": 3, "end": 9, "sentence": "$5 million"},
            {"article_id": "a3", "value": 2e10, "unit": "USD", "measure": "deal", "country": "TUR", "start": 0, "end": 5, "sentence": "$20 billion"},
        ],
    )
    topics = schema.conform(
        "topics",
        [
            {"topic_id": 0, "label": "مراكز البيانات", "size": 2, "representative_article_id": "a1"},
            {"topic_id": 1, "label": "AI", "size": 1, "representative_article_id": "a3"},
            {"topic_id": 2, "label": "", "size": 0},
        ],
    )
    article_topics = schema.conform(
        "article_topics",
        [
            {"article_id": "a1", "topic_id": 0, "rank": 1, "x": 0.1, "y": 0.2},
            {"article_id": "a1", "topic_id": 1, "rank": 2, "x": 0.1, "y": 0.2},
            {"article_id": "a2", "topic_id": 0, "rank": 1, "x": 0.2, "y": 0.1},
            {"article_id": "a3", "topic_id": 1, "rank": 1, "x": -0.5, "y": 0.4},
        ],
    )
    return {"articles": articles, "mentions": mentions, "officials": officials, "figures": figures,
            "topics": topics, "article_topics": article_topics}


def empty(name):
    return schema.empty(name)


def agg(function, t=None, *args, **kwargs):
    """The aggregate ``function`` (techdiplomacy.warehouse.counts) of tables ``t`` (default:
    the test tables), all articles selected: what the pages hand to the charts."""
    con = wh.connect(tables() if t is None else t)
    return function(con, wh.ALL, *args, **kwargs)


def no_tables():
    return {name: schema.empty(name) for name in schema.TABLES}


def trace_types(fig):
    return [t["type"] for t in fig.to_dict()["data"]]


def title(fig):
    return fig.to_dict()["layout"]["title"]["text"]


def is_empty_figure(fig):
    d = fig.to_dict()
    return d["data"] == [] and d["layout"]["meta"]["empty"] and "No data for these filters" in d["layout"]["annotations"][0]["text"]


# --- style -------------------------------------------------------------------------------------


def test_template_font_has_arabic_glyphs_and_colour_blind_palette():
    d = charts.mentions_by_country(agg(wc.country_counts)).to_dict()
    font = d["layout"]["template"]["layout"]["font"]["family"]
    assert font.startswith("Noto Sans Arabic") and "DejaVu Sans" in font
    assert d["layout"]["font"]["family"] == font  # also outside the template (Streamlit's theme)
    assert d["layout"]["template"]["layout"]["colorway"] == list(PALETTE)


def test_country_colours_are_pinned():
    assert country_colour("ARM") == PALETTE[0]
    assert country_colour("IRN") == IRAN_COLOUR
    assert country_colour("XYZ") == country_colour("XYZ") in PALETTE
    assert country_colour(None) == OTHER_COLOUR
    # Armenia keeps its colour when a filter removes Türkiye (Plotly would reassign it).
    t = tables()
    both = charts.mentions_by_country(agg(wc.country_counts, t)).to_dict()["data"][0]
    only_arm = charts.mentions_by_country(agg(wc.country_counts, {**t, "mentions": t["mentions"][t["mentions"]["key"].ne("TUR")]})).to_dict()["data"][0]
    colours = {c[0]: colour for c, colour in zip(both["customdata"], both["marker"]["color"])}
    assert colours == {"ARM": PALETTE[0], "TUR": PALETTE[1]}
    assert only_arm["customdata"][0][0] == "ARM" and only_arm["marker"]["color"] == [PALETTE[0]]
    lines = charts.articles_over_time(agg(wc.counts_over_time, t, "country", top_n=8)).to_dict()["data"]
    assert {tr["customdata"][0][0]: tr["line"]["color"] for tr in lines}["ARM"] == PALETTE[0]


# --- countries ---------------------------------------------------------------------------------


def test_mentions_by_country_counts_articles_and_leaves_iran_out():
    fig = charts.mentions_by_country(agg(wc.country_counts))
    bar = fig.to_dict()["data"][0]
    assert trace_types(fig) == ["bar"] and bar["orientation"] == "h"
    assert list(bar["y"]) == ["Armenia", "Türkiye"]
    assert list(bar["x"]) == [3, 2]  # a1, a2, a4 (a place in Armenia); a2, a3
    assert [list(c) for c in bar["customdata"]] == [["ARM", 3, 4], ["TUR", 2, 2]]
    assert title(fig) == "Articles mentioning each country"
    assert fig.layout.yaxis.autorange == "reversed"  # largest at the top


def test_mentions_by_country_in_arabic_is_isolated_and_mirrored():
    fig = charts.mentions_by_country(agg(wc.country_counts), lang="ar")
    bar = fig.to_dict()["data"][0]
    assert list(bar["y"]) == [ARM_AR, TUR_AR]
    assert title(fig) == f"{RLI}المقالات التي تذكر كل بلد{PDI}"
    low, high = fig.layout.xaxis.range  # reversed: values grow leftwards, room for the labels
    assert low > 3 and high == 0 and fig.layout.yaxis.side == "right"
    assert fig.layout.title.xanchor == "right"
    # keys in customdata stay raw: no bidi marks in data
    assert bar["customdata"][0][0] == "ARM"


def test_mentions_by_country_top_n_and_include_iran():
    fig = charts.mentions_by_country(agg(wc.country_counts, exclude=()), top_n=1)
    assert list(fig.to_dict()["data"][0]["customdata"][0][:2]) == ["ARM", 3]
    assert len(fig.to_dict()["data"][0]["y"]) == 1


def test_articles_over_time_by_partner():
    t = tables()
    fig = charts.articles_over_time(agg(wc.counts_over_time, t, "country", freq="M", top_n=8), freq="M")
    data = fig.to_dict()["data"]
    assert trace_types(fig) == ["scatter", "scatter"]
    by_key = {tr["customdata"][0][0]: tr for tr in data}
    assert set(by_key) == {"ARM", "TUR"}  # a4 (ARM) is undated: left out; IRN never a partner
    assert [c[1] for c in by_key["ARM"]["customdata"]] == ["2024-01-01", "2024-02-01", "2024-03-01"]
    assert list(by_key["ARM"]["y"]) == [1, 0, 1]
    assert list(by_key["TUR"]["y"]) == [0, 0, 2]
    assert by_key["ARM"]["name"] == "Armenia"
    assert title(fig) == "Articles over time by partner country"


def test_articles_over_time_groups_the_rest_as_other():
    t = tables()
    data = charts.articles_over_time(agg(wc.counts_over_time, t, "country", freq="Q", top_n=1), freq="Q", lang="fa").to_dict()["data"]
    assert [tr["name"] for tr in data] == [f"{RLI}ارمنستان{PDI}", f"{RLI}سایر{PDI}"]
    assert data[1]["customdata"][0][0] == "__other__" and data[1]["line"]["dash"] == "dot"
    assert list(data[1]["y"]) == [2]


def test_articles_over_time_rejects_an_unknown_frequency_or_measure():
    t = tables()
    with pytest.raises(ValueError):
        agg(wc.counts_over_time, t, "country", freq="H")
    with pytest.raises(ValueError):
        charts.articles_over_time(agg(wc.counts_over_time, t, "country"), measure="ratio")


@pytest.mark.parametrize("freq, periods", [
    ("D", 71),  # 2024-01-10 .. 2024-03-20, every day
    ("W", 11),
    ("M", 3),
    ("Y", 1),
])
def test_articles_over_time_at_every_granularity(freq, periods):
    counts = agg(wc.counts_over_time, tables(), "country", freq=freq, top_n=8)
    fig = charts.articles_over_time(counts, freq=freq)
    data = fig.to_dict()["data"]
    assert {len(tr["x"]) for tr in data} == {periods}
    assert sum(sum(tr["y"]) for tr in data) == 4  # ARM in a1, a2; TUR in a2, a3
    assert fig.layout.xaxis.type == "date"


def test_articles_over_time_as_a_share_of_the_view():
    t = tables()
    counts = agg(wc.counts_over_time, t, "country", freq="M", top_n=8)
    whole = agg(wc.articles_per_period, t, freq="M")
    # dated articles: a1 (Jan), a5 (Feb, only Iran), a2 + a3 (Mar)
    assert list(whole["n_articles"]) == [1, 1, 2]
    shared = wc.with_share(counts, whole)
    fig = charts.articles_over_time(shared, freq="M", measure="share")
    by_key = {tr["customdata"][0][0]: tr for tr in fig.to_dict()["data"]}
    assert list(by_key["ARM"]["y"]) == [1.0, 0.0, 0.5]
    assert list(by_key["TUR"]["y"]) == [0.0, 0.0, 1.0]
    assert [c[2] for c in by_key["TUR"]["customdata"]] == [0, 0, 2]  # the count rides along for hover
    assert fig.layout.yaxis.tickformat == ".0%"
    assert fig.layout.yaxis.title.text == "Share of all articles in the view"


def test_lines_over_time_have_distinct_colours_other_grey_and_the_legend_below():
    rows = []
    for i, iso3 in enumerate(["USA", "SAU", "ARE", "QAT", "IRQ", "CHN", "RUS", "TUR"]):
        rows.append({"period": pd.Timestamp("2024-01-01"), "country": iso3, "n_articles": 10 - i})
    rows.append({"period": pd.Timestamp("2024-01-01"), "country": "__other__", "n_articles": 3})
    counts = pd.DataFrame(rows).astype({"country": "string", "n_articles": "Int64"})
    fig = charts.articles_over_time(counts, lang="ar")
    colours = [tr["line"]["color"] for tr in fig.to_dict()["data"]]
    assert len(set(colours[:8])) == 8 and colours[8] == OTHER_COLOUR
    assert set(colours[:8]) <= set(DISTINCT)
    assert fig.layout.legend.orientation == "h" and fig.layout.legend.y < 0
    assert fig.layout.legend.xanchor == "right"  # Arabic legends start on the right
    assert country_colour("TUR") in colours  # a pinned colour is kept when it is free
    assert colours[7] == country_colour("TUR")


def test_distinct_colours_keep_iran_and_other_grey():
    picked = distinct_colours("country", ["IRN", "ARM", "XKX", "__other__"])
    assert picked["IRN"] == IRAN_COLOUR and picked["__other__"] == OTHER_COLOUR
    assert picked["ARM"] == country_colour("ARM") and picked["XKX"] not in (picked["ARM"], IRAN_COLOUR, OTHER_COLOUR)


def test_partner_map():
    fig = charts.partner_map(agg(wc.country_counts), lang="ar")
    iran, partners = fig.to_dict()["data"]
    assert trace_types(fig) == ["choropleth", "choropleth"]
    assert partners["locationmode"] == "ISO-3" and iran["locationmode"] == "ISO-3"
    assert list(partners["locations"]) == ["ARM", "TUR"] and list(partners["z"]) == [3, 2]
    assert list(partners["text"]) == [ARM_AR, TUR_AR]
    assert list(iran["locations"]) == ["IRN"]
    geo = fig.to_dict()["layout"]["geo"]
    assert geo["scope"] == "world" and geo["resolution"] == 50 and geo["fitbounds"] == "locations"
    assert [list(c) for c in partners["customdata"]] == [["ARM", 3, 4], ["TUR", 2, 2]]


def test_country_sector_heatmap():
    fig = charts.country_sector_heatmap(agg(wc.country_sector_counts), agg(wc.country_counts), agg(wc.sector_counts))
    heat = fig.to_dict()["data"][0]
    assert trace_types(fig) == ["heatmap", "scatter"]
    assert list(heat["y"]) == ["Armenia", "Türkiye"]
    assert list(heat["x"]) == ["Data centres", "AI", "Cybersecurity"]
    assert [list(row) for row in heat["z"]] == [[2, 0, 1], [1, 1, 0]]
    assert list(heat["customdata"][1][1]) == ["TUR", "ai"]
    # the clickable layer: one invisible marker per non-empty cell, keyed like the cell
    cells = fig.to_dict()["data"][1]
    assert [list(c) for c in cells["customdata"]] == [["ARM", "data_centres", 2], ["ARM", "cybersecurity", 1], ["TUR", "data_centres", 1], ["TUR", "ai", 1]]
    assert list(cells["x"]) == ["Data centres", "Cybersecurity", "Data centres", "AI"]
    assert selection_filters("country_sector_heatmap", [{"customdata": cells["customdata"][3]}]) == {"countries": ("TUR",), "sectors": ("ai",)}


# --- sectors -----------------------------------------------------------------------------------


def test_sectors_by_count_in_arabic():
    fig = charts.sectors_by_count(agg(wc.sector_counts), lang="ar")
    bar = fig.to_dict()["data"][0]
    assert list(bar["y"]) == [f"{RLI}مراكز البيانات{PDI}", f"{RLI}الذكاء الاصطناعي{PDI}", f"{RLI}الأمن السيبراني{PDI}"]
    assert list(bar["x"]) == [2, 1, 1]
    assert [c[0] for c in bar["customdata"]] == ["data_centres", "ai", "cybersecurity"]


def test_sectors_over_time():
    t = tables()
    data = charts.sectors_over_time(agg(wc.counts_over_time, t, "sector", top_n=8)).to_dict()["data"]
    by_key = {tr["customdata"][0][0]: list(tr["y"]) for tr in data}
    assert by_key == {"data_centres": [1, 0, 1], "ai": [0, 0, 1], "cybersecurity": [1, 0, 0]}


def test_sector_cooccurrence_leaves_the_diagonal_out_of_the_colour_scale():
    heat, cells = charts.sector_cooccurrence(agg(wc.sector_cooccurrence_counts), agg(wc.sector_counts)["sector"].tolist()).to_dict()["data"]
    # AI is never mentioned with another sector: no row of its own
    assert list(heat["x"]) == list(heat["y"]) == ["Data centres", "Cybersecurity"]
    assert [list(r) for r in heat["z"]] == [[None, 1], [1, None]]
    assert heat["zmax"] == 1  # not 2, the articles mentioning data centres at all
    assert [list(c) for c in cells["customdata"]] == [["data_centres", "cybersecurity", 1], ["cybersecurity", "data_centres", 1]]


def test_sector_cooccurrence_scale_is_set_by_pairs_not_totals():
    pairs = [("a", "a", 500), ("b", "b", 300), ("c", "c", 40), ("a", "b", 12), ("b", "a", 12), ("a", "c", 3), ("c", "a", 3)]
    counts = pd.DataFrame(pairs, columns=["sector_a", "sector_b", "n_articles"]).astype({"n_articles": "Int64"})
    heat = charts.sector_cooccurrence(counts, ["a", "b", "c"]).to_dict()["data"][0]
    assert heat["zmax"] == 12
    assert all(heat["z"][i][i] is None for i in range(3))


def test_partners_by_sector_with_a_mixed_script_title():
    fig = charts.partners_by_sector(agg(wc.partners_in_sector, None, "data_centres"), "data_centres", lang="ar")
    bar = fig.to_dict()["data"][0]
    assert list(bar["y"]) == [ARM_AR, TUR_AR]
    assert list(bar["x"]) == [2, 1]
    assert [list(c) for c in bar["customdata"]] == [["ARM", 2, 3, "data_centres"], ["TUR", 1, 1, "data_centres"]]
    assert title(fig) == f"{RLI}البلدان الشريكة في مراكز البيانات{PDI}"
    # an English sector name inside an Arabic title: the whole title is isolated
    mixed = charts.partners_by_sector(agg(wc.partners_in_sector, None, "quantum_x"), "quantum_x", lang="ar")
    assert title(mixed) == f"{RLI}البلدان الشريكة في quantum x{PDI}"
    assert mixed.layout.meta["empty"]


# --- officials and figures ---------------------------------------------------------------------


def test_officials_by_role_groups_bars_by_country():
    fig = charts.officials_by_role(agg(wc.officials_role_counts))
    data = fig.to_dict()["data"]
    assert fig.layout.barmode == "group"
    assert all(list(tr["x"]) == ["Minister", "Ambassador"] for tr in data)
    by_country = {tr["customdata"][0][1]: list(tr["y"]) for tr in data}
    assert by_country == {"IRN": [1, 0], "ARM": [0, 1], "TUR": [1, 0]}
    assert [list(c) for c in data[0]["customdata"]] == [["minister", data[0]["customdata"][0][1]], ["ambassador", data[0]["customdata"][0][1]]]
    assert fig.layout.legend.orientation == "h"


def test_officials_by_role_keeps_the_top_countries_and_groups_the_rest():
    rows = [("minister", iso3, n) for iso3, n in [("IRN", 30), ("IRQ", 9), ("SAU", 8), ("ARE", 7), ("QAT", 6), ("OMN", 5), ("KWT", 4), ("BHR", 3)]]
    rows += [("ambassador", "IRN", 5), ("ambassador", "BHR", 2), ("ambassador", None, 4)]
    counts = pd.DataFrame(rows, columns=["role", "country", "n_officials"]).astype({"role": "string", "country": "string", "n_officials": "Int64"})
    data = charts.officials_by_role(counts, top_n=3).to_dict()["data"]
    assert [tr["customdata"][0][1] for tr in data] == ["IRN", "IRQ", "SAU", "__other__"]
    other = data[-1]
    assert list(other["y"]) == [7 + 6 + 5 + 4 + 3, 2 + 4]  # four countries, and officials of no known country
    colours = [tr["marker"]["color"] for tr in data]
    assert colours[0] == IRAN_COLOUR and colours[-1] == OTHER_COLOUR and len(set(colours)) == 4
    assert other["name"] == "Other"


def network_tables(n_people: int = 30):
    """Person p0 shares articles with everyone; p1..p5 with each other too; the rest only with p0."""
    nodes = pd.DataFrame({
        "official": [f"p{i}" for i in range(n_people)], "name": [f"Person {i}" for i in range(n_people)],
        "role": "minister", "country": ["IRN" if i % 2 else "IRQ" for i in range(n_people)],
        "n_articles": [n_people - i for i in range(n_people)], "article_ids": "a",
    }).astype({"official": "string", "name": "string", "role": "string", "country": "string", "n_articles": "Int64", "article_ids": "string"})
    edges = [("p0", f"p{i}", 1) for i in range(1, n_people)]
    edges += [(f"p{i}", f"p{j}", 3) for i in range(1, 6) for j in range(i + 1, 6)]
    return nodes, pd.DataFrame(edges, columns=["source", "target", "n_articles"]).astype({"n_articles": "Int64"})


def test_officials_network_keeps_the_most_connected_people_named_on_a_circle():
    nodes, edges = network_tables()
    fig = charts.officials_network(nodes, edges, top_n=8)
    d = fig.to_dict()
    people = [tr for tr in d["data"] if tr["mode"] == "markers+text"]
    keys = [c[0] for tr in people for c in tr["customdata"]]
    assert len(keys) == 8 and set(keys) >= {"p0", "p1", "p2", "p3", "p4", "p5"}
    xs = [x for tr in people for x in tr["x"]]
    ys = [y for tr in people for y in tr["y"]]
    assert all(abs(x * x + y * y - 1) < 1e-9 for x, y in zip(xs, ys))  # on the unit circle: no overlap
    # every name is written, outward from the circle
    for tr in people:
        assert len(tr["text"]) == len(tr["x"])
        for x, where in zip(tr["x"], tr["textposition"]):
            assert where == ("middle right" if x > 0.05 else "middle left" if x < -0.05 else where)
    # one trace per country, so the legend says what the colours mean
    assert {tr["customdata"][0][1] for tr in people} == {"IRN", "IRQ"}
    assert len({tr["marker"]["color"] for tr in people}) == 2 and fig.layout.legend.orientation == "h"
    edges_drawn = [tr for tr in d["data"] if tr["mode"] == "lines"]
    assert {tr["line"]["width"] for tr in edges_drawn} == {0.8, 1.8}
    again = charts.officials_network(nodes, edges, top_n=8).to_dict()["data"]
    assert [tr.get("x") for tr in again] == [tr.get("x") for tr in d["data"]]  # deterministic


def test_officials_network_from_the_warehouse():
    people = agg(wc.official_nodes, top_n=40)
    links = agg(wc.official_edges, None, people["official"])
    fig = charts.officials_network(people, links, lang="ar")
    nodes = [tr for tr in fig.to_dict()["data"] if tr["mode"] == "markers+text"]
    by_key = {c[0]: (c, text) for tr in nodes for c, text in zip(tr["customdata"], tr["text"])}
    assert set(by_key) == {"hashemi", "hakobyan", "Mehmet Demir"}  # no id -> name
    assert by_key["hashemi"][0][3] == 3 and by_key["hashemi"][0][4] == "a1|a2|a3" and by_key["hashemi"][0][5] == 2
    assert by_key["hashemi"][1] == "Sattar Hashemi"  # the most frequent spelling; a tie goes to the smallest
    assert by_key["Mehmet Demir"][1] == "Mehmet Demir"
    assert fig.layout.legend.xanchor == "right"


def test_figures_by_unit_keeps_one_unit_and_traces_the_evidence():
    fig = charts.figures_by_unit(tables()["figures"], "USD")
    data = fig.to_dict()["data"]
    assert [tr["name"] for tr in data] == ["Armenia", "Türkiye"]  # most figures first, ties by code
    assert [list(tr["x"]) for tr in data] == [[5e6], [2e10]]
    assert list(data[1]["customdata"][0]) == ["a3", 0, 5, "TUR", None, "deal"]
    assert fig.layout.xaxis.type == "log"  # 5e6 .. 2e10 spans more than 1000x
    assert title(fig) == "Figures in US Dollar"
    percent = charts.figures_by_unit(tables()["figures"], "percent", lang="ar").to_dict()["data"][0]
    assert percent["text"][0] == f"{RLI}نحو 25 بالمئة من الشركات الناشئة{PDI}"
    assert percent["name"] == f"{RLI}إيران{PDI}"


def figure_rows(n_countries: int, measure_of=lambda i: "trade"):
    rows = [{"article_id": f"a{1 + i % 5}", "value": float(100 + i), "unit": "USD", "measure": measure_of(i), "country": f"C{i % n_countries:02d}",
             "start": 0, "end": 3, "sentence": "s"} for i in range(4 * n_countries)]
    return schema.conform("figures", rows)


def test_figures_by_unit_compares_one_measure_and_stays_short():
    figures = figure_rows(40, measure_of=lambda i: "trade" if i % 2 else "investment")
    fig = charts.figures_by_unit(figures, "USD", measure="trade", top_n=15)
    data = fig.to_dict()["data"]
    assert {m for tr in data for m in (c[5] for c in tr["customdata"])} == {"trade"}
    assert len(data) == 16 and data[-1]["name"] == "Other"  # 15 countries, the rest in one row
    assert fig.layout.height <= 750  # not 2,500 px
    assert title(fig) == "Figures of “trade” (US Dollar), by country"
    colours = [tr["marker"]["color"] for tr in data]
    assert colours[-1] == OTHER_COLOUR
    unnamed = charts.figures_by_unit(schema.conform("figures", [{"article_id": "a", "value": 3.0, "unit": "count", "measure": None}]),
                                     "count", measure="", lang="fa")
    assert len(unnamed.data) == 1 and "سنجه" in title(unnamed)


def test_figure_measures_and_rows_of_one_measure():
    t = tables()
    t["figures"] = figure_rows(3, measure_of=lambda i: "trade" if i < 8 else ("" if i < 10 else None))
    assert agg(wr.measures, t, "USD") == [("trade", 8), ("", 4)]
    assert len(agg(wr.figures_in_unit, t, "USD", measure="trade")) == 8
    assert len(agg(wr.figures_in_unit, t, "USD", measure="")) == 4
    assert len(agg(wr.figures_in_unit, t, "USD")) == 12


# --- topics ------------------------------------------------------------------------------------


def test_topic_sizes():
    fig = charts.topic_sizes(tables()["topics"], lang="fa")
    bar = fig.to_dict()["data"][0]
    assert list(bar["y"]) == [f"{RLI}مراكز البيانات{PDI}", "AI"]  # size 0 topic left out
    assert list(bar["x"]) == [2, 1]
    assert [list(c) for c in bar["customdata"]] == [[0, "a1"], [1, "a3"]]


def test_topic_map():
    t = tables()
    fig = charts.topic_map(agg(wc.topic_points, t), t["topics"], lang="ar")
    data = fig.to_dict()["data"]
    assert trace_types(fig) == ["scatter", "scatter"]
    assert [list(c) for c in data[0]["customdata"]] == [["a1", 0], ["a2", 0]]
    assert list(data[0]["x"]) == [0.1, 0.2]  # the rank-2 row of a1 is not drawn
    assert data[0]["name"] == f"{RLI}مراكز البيانات{PDI}"
    assert data[0]["text"][0] == f"{RLI}تعاون إيران وأرمينيا{PDI}"


def test_topics_over_time_from_its_frame():
    t = tables()
    over_time = agg(wc.topic_counts_over_time, t)
    assert list(over_time.columns) == ["period", "topic_id", "n_articles"]
    data = charts.topics_over_time(over_time, topics=t["topics"]).to_dict()["data"]
    assert [tr["name"] for tr in data] == [f"{RLI}مراكز البيانات{PDI}", "AI"]
    assert list(data[0]["y"]) == [1, 0, 1]
    assert list(data[1]["customdata"][2]) == [1, "2024-03-01", 1]


def test_topics_per_country_from_its_frame():
    t = tables()
    frame = agg(wc.topic_counts_by_country, t)
    fig = charts.topics_per_country(frame, topics=t["topics"])
    data = fig.to_dict()["data"]
    assert fig.layout.barmode == "stack"
    assert list(data[0]["y"]) == ["Armenia", "Türkiye"]
    assert {tr["customdata"][0][1]: list(tr["x"]) for tr in data} == {0: [2, 1], 1: [0, 1]}


def test_topic_labels_fall_back_when_missing():
    topics = schema.conform("topics", [{"topic_id": 4, "label": None, "size": 3}])
    assert list(charts.topic_sizes(topics).to_dict()["data"][0]["y"]) == ["Topic 4"]


# --- empty inputs ------------------------------------------------------------------------------

EMPTY_CHARTS = {
    "articles_over_time": lambda: charts.articles_over_time(agg(wc.counts_over_time, no_tables(), "country", top_n=8)),
    "mentions_by_country": lambda: charts.mentions_by_country(agg(wc.country_counts, no_tables())),
    "partner_map": lambda: charts.partner_map(agg(wc.country_counts, no_tables())),
    "country_sector_heatmap": lambda: charts.country_sector_heatmap(
        agg(wc.country_sector_counts, no_tables()), agg(wc.country_counts, no_tables()), agg(wc.sector_counts, no_tables())),
    "sectors_by_count": lambda: charts.sectors_by_count(agg(wc.sector_counts, no_tables())),
    "sectors_over_time": lambda: charts.sectors_over_time(agg(wc.counts_over_time, no_tables(), "sector", top_n=8)),
    "sector_cooccurrence": lambda: charts.sector_cooccurrence(agg(wc.sector_cooccurrence_counts, no_tables()), []),
    "partners_by_sector": lambda: charts.partners_by_sector(agg(wc.partners_in_sector, no_tables(), "ai"), "ai"),
    "officials_by_role": lambda: charts.officials_by_role(agg(wc.officials_role_counts, no_tables())),
    "officials_network": lambda: charts.officials_network(agg(wc.official_nodes, no_tables()), agg(wc.official_edges, no_tables())),
    "figures_by_unit": lambda: charts.figures_by_unit(empty("figures"), "USD"),
    "topic_sizes": lambda: charts.topic_sizes(empty("topics")),
    "topic_map": lambda: charts.topic_map(agg(wc.topic_points, no_tables()), empty("topics")),
    "topics_over_time": lambda: charts.topics_over_time(agg(wc.topic_counts_over_time, no_tables())),
    "topics_per_country": lambda: charts.topics_per_country(agg(wc.topic_counts_by_country, no_tables())),
}


@pytest.mark.parametrize("name", sorted(EMPTY_CHARTS))
def test_empty_input_gives_a_no_data_figure(name):
    fig = EMPTY_CHARTS[name]()
    assert is_empty_figure(fig)
    assert fig.layout.meta["chart"] == name
    assert title(fig)


def test_undated_articles_only_give_an_empty_time_chart():
    t = tables()
    undated = {**t, "articles": t["articles"].assign(published=pd.NaT)}
    assert is_empty_figure(charts.articles_over_time(agg(wc.counts_over_time, undated, "country")))


def test_no_data_note_is_translated_and_isolated():
    fig = charts.partner_map(agg(wc.country_counts, no_tables()), lang="fa")
    assert fig.layout.annotations[0].text == f"{RLI}برای این فیلترها داده‌ای نیست{PDI}"


def test_only_iran_is_no_partner_data():
    t = tables()
    only_iran = {**t, "mentions": t["mentions"][t["mentions"]["article_id"].eq("a5")]}
    assert is_empty_figure(charts.mentions_by_country(agg(wc.country_counts, only_iran)))


# --- frames and headline -----------------------------------------------------------------------


def test_country_pairs_count_places_and_drop_iran():
    con = wh.connect(tables())
    sql, params = wc.country_pairs_sql()
    pairs = con.execute(
        f"WITH sel AS ({wh.ALL[0]}) SELECT t.article_id, p.country, p.n_mentions FROM ({sql}) p "
        "JOIN td_articles t USING (aid) ORDER BY t.article_id, p.country", params
    ).df()
    assert pairs[["article_id", "country", "n_mentions"]].values.tolist() == [
        ["a1", "ARM", 2], ["a2", "ARM", 1], ["a2", "TUR", 1], ["a3", "TUR", 1], ["a4", "ARM", 1]
    ]


def test_headline_counts():
    assert agg(wc.headline_counts) == {
        "articles": 5, "partners": 2, "sectors": 3, "officials": 3, "figures": 3, "topics": 2, "sources": 0,
        "languages": {"en": 3, "ar": 1, "fa": 1}, "date_min": "2024-01-10", "date_max": "2024-03-20",
    }
    assert agg(wc.headline_counts, no_tables())["articles"] == 0


def test_no_chart_puts_bidi_marks_in_customdata():
    t = tables()
    figs = [
        charts.mentions_by_country(agg(wc.country_counts, t), lang="ar"),
        charts.country_sector_heatmap(agg(wc.country_sector_counts, t), agg(wc.country_counts, t), agg(wc.sector_counts, t), lang="ar"),
        charts.officials_network(agg(wc.official_nodes, t), agg(wc.official_edges, t), lang="fa"),
        charts.topic_map(agg(wc.topic_points, t), t["topics"], lang="ar"),
    ]
    for fig in figs:
        for trace in fig.to_dict()["data"]:
            assert RLI not in repr(trace.get("customdata", "")), fig.layout.meta["chart"]


def test_time_axes_use_numeric_dates_in_every_language():
    t = tables()
    fig = charts.articles_over_time(agg(wc.counts_over_time, t, "country", freq="M"), freq="M", lang="ar")
    assert fig.layout.xaxis.tickformat == "%Y-%m" and fig.layout.xaxis.dtick == "M1"
    assert "%{x|%Y-%m}" in fig.data[0].hovertemplate
    yearly = charts.sectors_over_time(agg(wc.counts_over_time, t, "sector", freq="Y"), freq="Y")
    assert yearly.layout.xaxis.tickformat == "%Y" and yearly.layout.xaxis.dtick == "M12"
    assert fig.layout.yaxis.dtick == 1  # small counts: whole-number ticks


def test_a_chart_over_time_of_undated_articles_says_so():
    empty = agg(wc.counts_over_time, tables(), "country").iloc[0:0]
    fig = charts.articles_over_time(empty, undated=1)
    assert fig.layout.annotations[0].text == "1 article without a date"
    assert charts.sectors_over_time(empty.rename(columns={}), undated=3, lang="en").layout.annotations[0].text == "3 articles without a date"
    assert charts.articles_over_time(empty).layout.annotations[0].text == "No data for these filters"


def test_a_blank_country_code_is_no_country():
    counts = pd.DataFrame([("minister", "", 5), ("minister", "TUR", 2)], columns=["role", "country", "n_officials"]).astype(
        {"role": "string", "country": "string", "n_officials": "Int64"})
    data = charts.officials_by_role(counts).to_dict()["data"]
    assert [tr["customdata"][0][1] for tr in data] == ["TUR", "__other__"] and all(tr["name"] for tr in data)
    figures = schema.conform("figures", [{"article_id": "a", "value": 3.0, "unit": "count", "measure": "x", "country": ""}])
    assert charts.figures_by_unit(figures, "count").to_dict()["data"][0]["name"] == "Other"


def test_heatmap_cells_without_articles_show_no_number():
    heat = charts.country_sector_heatmap(agg(wc.country_sector_counts), agg(wc.country_counts), agg(wc.sector_counts)).to_dict()["data"][0]
    for z_row, text_row in zip(heat["z"], heat["text"]):
        assert [t for z, t in zip(z_row, text_row) if not z] == [""] * sum(1 for z in z_row if not z)
        assert [t for z, t in zip(z_row, text_row) if z] == [str(z) for z in z_row if z]


def test_officials_network_colours_at_most_eight_countries():
    nodes, edges = network_tables(30)
    nodes["country"] = pd.array([f"C{i:02d}" for i in range(30)], dtype="string")
    people = [tr for tr in charts.officials_network(nodes, edges, top_n=20).to_dict()["data"] if tr["mode"] == "markers+text"]
    colours = [tr["marker"]["color"] for tr in people]
    assert len(people) == 9 and colours[-1] == OTHER_COLOUR and len(set(colours)) == 9
    assert sum(len(tr["x"]) for tr in people) == 20
