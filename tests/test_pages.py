"""Every page runs (shipped data, fixtures, empty corpus); filters change what pages show; the
URL holds the filters and round-trips."""

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["overview", "countries", "sectors", "officials", "figures", "topics", "articles", "data", "add"]


def _corpus(folder: Path, *, fixtures: bool) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "data" / "articles" / "al-vefagh-224281-iran-armenia-ict.md", folder)
    if fixtures:
        for path in (ROOT / "tests" / "fixtures" / "articles").glob("*.md"):
            shutil.copy(path, folder)
    return folder


@pytest.fixture(scope="module")
def corpus_env(tmp_path_factory):
    base = tmp_path_factory.mktemp("pages")
    return {"TECHDIPLOMACY_DATA": str(_corpus(base / "articles", fixtures=True)), "TECHDIPLOMACY_STORE": str(base / "store.duckdb")}


def _app(monkeypatch, env: dict, page: str = "overview", params: dict | None = None) -> AppTest:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _param(at: AppTest, key: str) -> list[str]:
    value = at.query_params[key]
    return [value] if isinstance(value, str) else list(value)


def _metrics(at: AppTest) -> dict:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_corpus(monkeypatch, corpus_env, page):
    at = _app(monkeypatch, corpus_env, page)
    assert at.title[0].value


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_shipped_data(monkeypatch, tmp_path, page):
    env = {"TECHDIPLOMACY_DATA": str(ROOT / "data" / "articles"), "TECHDIPLOMACY_STORE": str(tmp_path / "s.duckdb")}
    _app(monkeypatch, env, page)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_an_empty_corpus(monkeypatch, tmp_path, page):
    (tmp_path / "empty").mkdir()
    env = {"TECHDIPLOMACY_DATA": str(tmp_path / "empty"), "TECHDIPLOMACY_STORE": str(tmp_path / "e.duckdb")}
    at = _app(monkeypatch, env, page)
    if page != "add":
        assert any("No articles yet" in i.value for i in at.info)


@pytest.mark.parametrize(
    ("params", "expected_articles"),
    [
        ({}, 6),
        ({"country": "TUR"}, 1),
        ({"country": ["IRQ", "RUS"]}, 2),
        ({"sector": "space"}, 2),  # Oman and the sample (الصناعة الفضائية)
        ({"language": "fa"}, 2),
        ({"source": "Tehran Times"}, 1),
        ({"from": "2024-08-01"}, 4),
        ({"from": "2024-08-01", "to": "2024-08-31"}, 3),  # two Solar Hijri dates among them
        ({"q": "Zarepour"}, 1),
        ({"q": "هاشمی"}, 2),  # Persian spelling finds the Arabic هاشمي too
    ],
)
def test_each_filter_changes_the_overview(monkeypatch, corpus_env, params, expected_articles):
    at = _app(monkeypatch, corpus_env, params=params)
    assert _metrics(at)["Articles"] == str(expected_articles)


def test_topic_filter_changes_the_topics_page(monkeypatch, corpus_env):
    at = _app(monkeypatch, corpus_env, "overview")
    all_articles = int(_metrics(at)["Articles"])
    topic = _top_option(corpus_env, "topics")
    at.sidebar.multiselect[-1].select(topic).run()
    assert 0 < int(_metrics(at)["Articles"]) < all_articles
    assert _param(at, "topic") == [str(at.sidebar.multiselect[-1].value[0])]


def _top_option(env: dict, field: str):
    """The option of ``field`` with most articles in the whole corpus (the widget's first)."""
    from techdiplomacy.warehouse import query as wh

    con = wh.open_store(env["TECHDIPLOMACY_STORE"])
    try:
        return wh.options(wh.cursor(con))[field][0]
    finally:
        con.close()


def _option_counts(widget) -> dict[str, int]:
    """{option name: count} of a sidebar multiselect whose options read "name — n"."""
    return {o.rsplit(" — ", 1)[0].replace("\u2067", "").replace("\u2069", ""): int(o.rsplit(" — ", 1)[1].replace(",", ""))
            for o in widget.options}


def test_filter_options_show_their_counts_in_the_view(monkeypatch, corpus_env):
    at = _app(monkeypatch, corpus_env)
    countries, sectors = _option_counts(at.sidebar.multiselect[0]), _option_counts(at.sidebar.multiselect[1])
    assert countries["Iran (IRN)"] == 6 and countries["Armenia (ARM)"] == 1
    assert list(countries.values()) == sorted(countries.values(), reverse=True)  # most articles first
    assert sectors["Space industry and satellites"] == 2  # Oman and the sample (as the sector filter selects: 2 articles)
    at.sidebar.multiselect[0].set_value(["ARM"]).run()
    assert _param(at, "country") == ["ARM"]
    within = _option_counts(at.sidebar.multiselect[1])
    assert within["Space industry and satellites"] == 1 and max(within.values()) == 1  # counted among Armenia's 1 article
    # the country filter's own options are counted without it: choosing one adds its articles
    assert _option_counts(at.sidebar.multiselect[0]) == countries
    again = _app(monkeypatch, corpus_env, params={"country": "ARM", "lang": "ar"})
    names = _option_counts(again.sidebar.multiselect[1])
    assert names["الصناعة الفضائية"] == 1


def test_widget_choice_goes_to_the_url_and_back(monkeypatch, corpus_env):
    at = _app(monkeypatch, corpus_env)
    countries = at.sidebar.multiselect[0]
    assert "ARM" in countries.options[0] or "ARM" in " ".join(countries.options)
    countries.set_value(["ARM"]).run()
    assert _param(at, "country") == ["ARM"]
    assert _metrics(at)["Articles"] == "1"
    again = _app(monkeypatch, corpus_env, params={"country": "ARM", "lang": "ar"})
    assert _param(again, "country") == ["ARM"] and _param(again, "lang") == ["ar"]
    assert _metrics(again)["المقالات"] == "1"


def test_bad_url_values_are_ignored(monkeypatch, corpus_env):
    at = _app(monkeypatch, corpus_env, params={"country": "<script>", "from": "not-a-date", "topic": "x"})
    assert _metrics(at)["Articles"] == "6"


def test_display_language_switches_names_and_direction(monkeypatch, corpus_env):
    at = _app(monkeypatch, corpus_env, params={"lang": "fa"})
    assert at.title[0].value == "نمای کلی"
    assert any("direction: rtl" in h.proto.body for h in at.get("html"))


def test_articles_page_escapes_untrusted_text(monkeypatch, tmp_path):
    folder = _corpus(tmp_path / "a", fixtures=False)
    (folder / "evil.txt").write_text('Evil <script>alert(1)</script> <img src=x onerror="alert(2)"> Iran and Iraq\n', encoding="utf-8")
    env = {"TECHDIPLOMACY_DATA": str(folder), "TECHDIPLOMACY_STORE": str(tmp_path / "x.duckdb")}
    at = _app(monkeypatch, env, "articles")
    at.selectbox[0].select(at.selectbox[0].options[-1]).run() if len(at.selectbox[0].options) > 1 else None
    bodies = [h.proto.body for h in at.get("html")]
    # the page's own history scripts are st.html too; the article's markup must never be
    assert not any("<script>alert" in b or "<img" in b for b in bodies)


def test_articles_list_shows_the_hit_in_context_with_countries_and_topic(monkeypatch, corpus_env):
    at = _app(monkeypatch, corpus_env, "articles", params={"q": "Zarepour"})
    cards = [h.proto.body for h in at.get("html") if "td-article" in h.proto.body]
    assert len(cards) == 1 and cards[0].count("<mark") == 1
    assert ">Zarepour</mark>" in cards[0] and "Countries: " in cards[0] and "Topic: " in cards[0]
    arabic = _app(monkeypatch, corpus_env, "articles", params={"q": "هاشمی", "lang": "ar"})
    cards = [h.proto.body for h in arabic.get("html") if "td-article" in h.proto.body][0]
    assert cards.count("<mark") == 2 and "البلدان: " in cards  # two articles, each with its hit
    assert "Countries" not in cards and "IRN" not in cards


def test_near_duplicates_count_once_and_show_as_a_group(monkeypatch, tmp_path):
    folder = _corpus(tmp_path / "dup", fixtures=False)
    original = (folder / "al-vefagh-224281-iran-armenia-ict.md").read_text(encoding="utf-8")
    body = original.split("---", 2)[2]
    (folder / "republished.md").write_text(
        "---\ntitle: إيران وأرمينيا تبحثان التعاون الرقمي\nsource: وكالة أخرى\n---\n" + body + "\nتابعونا على تويتر\n",
        encoding="utf-8",
    )
    env = {"TECHDIPLOMACY_DATA": str(folder), "TECHDIPLOMACY_STORE": str(tmp_path / "d.duckdb")}
    at = _app(monkeypatch, env)
    assert _metrics(at)["Articles"] == "1"
    at = _app(monkeypatch, env, "articles")
    assert any("Near-duplicates" in h.value for h in at.subheader)
    assert len(at.dataframe[-1].value) == 2


def test_without_a_browser_the_page_says_how_to_get_png_and_svg(monkeypatch, corpus_env):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    at = _app(monkeypatch, corpus_env, "sectors")
    warnings = [w.value for w in at.warning]
    assert any("apt-get install chromium" in w and "BROWSER_PATH" in w for w in warnings), warnings
    labels = [b.label for b in at.get("download_button")]
    assert not any("PNG" in label or "SVG" in label for label in labels) and any("Evidence bundle" in label for label in labels)
