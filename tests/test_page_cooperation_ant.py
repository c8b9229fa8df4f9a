"""The Cooperation and Countries pages and the `cooperation` CLI on a store of ≥ 2,000 real
articles: the ANT Arabic news export (../shared/data/ant-arabic-news.jsonl.gz, 7,266 articles
once built). Skipped when the shared data is absent.

Building it takes a few minutes; ``TECHDIPLOMACY_ANT_STORE`` may name a store already built
from that file (``techdiplomacy build ../shared/data/ant-arabic-news.jsonl.gz --store PATH``).
"""

import json
from pathlib import Path

import duckdb
import pytest
from ant_store import ant_store
from test_page_cooperation import _cells, _charts
from test_pages import _app

from techdiplomacy.cli import main
from techdiplomacy.i18n.display import header
from techdiplomacy.i18n.phrases import t

ROOT = Path(__file__).resolve().parents[1]
ANT = ROOT.parent / "shared" / "data" / "ant-arabic-news.jsonl.gz"
pytestmark = pytest.mark.skipif(not ANT.exists(), reason=f"{ANT} is absent (shared evaluation data)")


@pytest.fixture(scope="module")
def ant_env(tmp_path_factory):
    store = ant_store(tmp_path_factory)  # built once per session, shared with the other ANT tests
    with duckdb.connect(str(store), read_only=True) as con:
        n_articles, n_rows = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM cooperation)").fetchone()
    assert n_articles >= 2000 and n_rows > 0
    empty = tmp_path_factory.mktemp("no-corpus")  # the store exists: nothing is built from here
    return {"TECHDIPLOMACY_DATA": str(empty), "TECHDIPLOMACY_STORE": str(store)}


NAMES = {"en": ("Signed", "Discussed"), "ar": ("موقّع", "نوقش"), "fa": ("امضا شده", "گفت‌وگو شده")}


@pytest.mark.parametrize("lang", ["en", "ar", "fa"])
def test_the_cooperation_page_on_real_articles(monkeypatch, ant_env, lang):
    at = _app(monkeypatch, ant_env, "cooperation", {"lang": lang})
    charts = _charts(at)
    assert not charts["cooperation_pipeline"]["layout"]["meta"]["empty"]
    timeline = charts["cooperation_timeline"]
    assert not timeline["layout"]["meta"]["empty"]
    ticks = timeline["layout"]["yaxis"]["ticktext"]
    assert ticks and not any(t.strip("\u2066\u2067\u2068\u2069").isupper() for t in ticks)  # names, not ISO3
    text = _cells(at)
    assert "None" not in text.split() and "nan" not in text.split()
    evidence = {t("col_sentence", lang), header("sentence", lang)}  # the articles' own words may be "DND"
    ours = " ".join(str(v) for frame in at.dataframe for c in frame.value.columns if c not in evidence for v in frame.value[c])
    assert not [w for w in ours.split() if w.isupper() and len(w) == 3 and w.isalpha()], "a raw ISO3 code in a table"
    assert any(c.value.startswith(("Partners are", "الشركاء هم", "شریکان")) for c in at.caption)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_countries_page_on_real_articles_draws_partners_from_cooperation(monkeypatch, ant_env, lang):
    at = _app(monkeypatch, ant_env, "countries", {"lang": lang})
    charts = _charts(at)
    partners = {str(c[0]) for trace in charts["partner_map"]["data"] for c in trace.get("customdata", [])}
    with duckdb.connect(ant_env["TECHDIPLOMACY_STORE"], read_only=True) as con:
        parties = {p for (ps,) in con.execute("SELECT partners FROM cooperation").fetchall() for p in (ps or "").split("|") if p}
        named = {k for (k,) in con.execute("SELECT DISTINCT key FROM mentions WHERE kind = 'country'").fetchall()}
    assert partners and partners <= parties and "IRN" not in partners
    assert len(named - {"IRN"}) > len(partners)  # the countries only named in passing are no partners


def test_the_cli_lists_real_threads_with_glosses(ant_env, capsys):
    store = ant_env["TECHDIPLOMACY_STORE"]
    assert main(["cooperation", "--store", store, "--language", "ar", "--shape", "never"]) == 0
    threads = json.loads(capsys.readouterr().out)
    assert threads and all(t["evidence"] and t["gloss"] and t["sentence"] for t in threads)
    partner = threads[0]["partners"].split("|")[0]
    assert main(["cooperation", "--store", store, "--partner", partner.lower()]) == 0
    some = json.loads(capsys.readouterr().out)
    assert some and all(partner in t["partners"].split("|") for t in some) and len(some) <= len(threads)
