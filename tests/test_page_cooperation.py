"""The Cooperation page runs (shipped sample, a store with dated cooperation threads, an empty
corpus) in en/ar/fa; its frames come from the selected articles and the filters."""

import json
from pathlib import Path

import pytest
from test_pages import _app

ROOT = Path(__file__).resolve().parents[1]

#: Articles whose cooperation rows make three threads: Russia signed then implemented (one
#: thread), Armenia discussed (Persian), Türkiye signed (Arabic, with markup in the evidence).
ARTICLES = {
    "ru-signed.md": ("Iran and Russia sign cybersecurity memorandum", "2024-03-01", "en",
                     "Iran and Russia signed a memorandum of understanding on cybersecurity and data centres in Tehran on Friday."),
    "ru-implemented.md": ("Iran Russia memorandum implemented", "2024-09-15", "en",
                          "Iran and Russia began implementing the memorandum of understanding on cybersecurity, the ICT ministry said."),
    "am-discussed.md": ("ایران و ارمنستان", "2024-05-12", "fa",
                        "ایران و ارمنستان درباره همکاری در زمینه مراکز داده و امنیت سایبری گفت‌وگو کردند."),
    "tr-signed.md": ("إيران وتركيا", "2024-06-20", "ar",
                     "وقعت إيران وتركيا اتفاقية للتعاون في مجال الأمن السيبراني والذكاء الاصطناعي <script>alert(1)</script>."),
}


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (title, date, lang, text) in ARTICLES.items():
        (folder / name).write_text(f"---\ntitle: {title}\nsource: Test Wire\ndate: {date}\nlanguage: {lang}\n---\n{text}\n",
                                   encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def threads_env(tmp_path_factory):
    base = tmp_path_factory.mktemp("coop")
    folder = write_corpus(base / "articles")
    from techdiplomacy.store.builder import build

    build([folder], base / "store.duckdb")
    return {"TECHDIPLOMACY_DATA": str(folder), "TECHDIPLOMACY_STORE": str(base / "store.duckdb")}


def _charts(at) -> dict:
    out = {}
    for el in at.get("plotly_chart"):
        spec = json.loads(el.proto.spec)
        out[spec["layout"]["meta"]["chart"]] = spec
    return out


def _cells(at) -> str:
    return " ".join(str(v) for frame in at.dataframe for v in frame.value.astype(str).to_numpy().ravel())


@pytest.mark.parametrize("lang", ["en", "ar", "fa"])
def test_the_page_runs_on_the_shipped_sample(monkeypatch, tmp_path, lang):
    env = {"TECHDIPLOMACY_DATA": str(ROOT / "data" / "articles"), "TECHDIPLOMACY_STORE": str(tmp_path / "s.duckdb")}
    at = _app(monkeypatch, env, "cooperation", {"lang": lang})
    charts = _charts(at)
    assert {"cooperation_pipeline", "cooperation_timeline"} <= set(charts)
    assert not charts["cooperation_pipeline"]["layout"]["meta"]["empty"]  # Armenia: discussed, proposed
    # the bilateral view of Armenia: the fields of the cooperation rows
    assert not charts["sectors_by_count"]["layout"]["meta"]["empty"]
    names = {"en": "Armenia", "ar": "أرمينيا", "fa": "ارمنستان"}
    assert names[lang] in _cells(at)
    assert "ARM" not in _cells(at).split()


@pytest.mark.parametrize("lang", ["en", "ar", "fa"])
def test_the_page_shows_threads_timeline_and_signings(monkeypatch, threads_env, lang):
    at = _app(monkeypatch, threads_env, "cooperation", {"lang": lang})
    charts = _charts(at)
    timeline = charts["cooperation_timeline"]
    assert not timeline["layout"]["meta"]["empty"]
    assert len(timeline["layout"]["yaxis"]["ticktext"]) == 3
    stages = {"en": ("Signed", "Implemented"), "ar": ("موقّع", "منفّذ"), "fa": ("امضا شده", "اجرا شده")}[lang]
    text = _cells(at)
    assert all(s in text for s in stages)
    assert "RUS" not in text.split() and "TUR" not in text.split()
    hover = " ".join(" ".join(map(str, t.get("text", []))) for t in timeline["data"])
    assert "<script>" not in hover and "&lt;script&gt;" in hover


def test_a_partner_filter_keeps_its_threads(monkeypatch, threads_env):
    at = _app(monkeypatch, threads_env, "cooperation", {"country": "RUS"})
    timeline = _charts(at)["cooperation_timeline"]
    assert timeline["layout"]["yaxis"]["ticktext"] == ["Russia · Cybersecurity…"]
    marks = [p for t in timeline["data"] if t.get("mode") == "markers" for p in t["x"]]
    assert sorted(m[:10] for m in marks) == ["2024-03-01", "2024-09-15"]


def test_the_page_runs_on_an_empty_corpus(monkeypatch, tmp_path):
    (tmp_path / "empty").mkdir()
    env = {"TECHDIPLOMACY_DATA": str(tmp_path / "empty"), "TECHDIPLOMACY_STORE": str(tmp_path / "e.duckdb")}
    at = _app(monkeypatch, env, "cooperation", {"lang": "fa"})
    assert all(c["layout"]["meta"]["empty"] for c in _charts(at).values())


def _bilateral_corpus(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(f"---\ntitle: {name}\ndate: 2024-05-12\nlanguage: en\n---\n{text}\n", encoding="utf-8")
    return folder


def _map_countries(at) -> list[str]:
    spec = _charts(at)["partner_map"]
    return sorted(str(c[0]) for trace in spec["data"] for c in trace.get("customdata", []))


def test_partners_are_parties_on_the_countries_page(monkeypatch, tmp_path):
    folder = _bilateral_corpus(tmp_path / "a", {
        "am.md": "Iran and Armenia signed a memorandum of understanding on data centres in Tehran. "
                 "The minister had visited Beijing and Moscow last year.",
        "tr.md": "Iran and Turkey discussed cooperation in cybersecurity. China was also mentioned by analysts.",
    })
    env = {"TECHDIPLOMACY_DATA": str(folder), "TECHDIPLOMACY_STORE": str(tmp_path / "a.duckdb")}
    at = _app(monkeypatch, env, "countries", {"lang": "en"})
    assert _map_countries(at) == ["ARM", "TUR"]  # China named in passing, Russia through a city: no partners
    heat = _charts(at)["country_sector_heatmap"]
    grid = next(trace for trace in heat["data"] if trace["type"] == "heatmap")
    cells = sorted((c[0], c[1]) for keys, counts in zip(grid["customdata"], grid["z"]) for c, n in zip(keys, counts) if n)
    assert {c[0] for c in cells} <= {"ARM", "TUR"}
    assert ("ARM", "data_centres") in cells and ("TUR", "cybersecurity") in cells and ("ARM", "cybersecurity") not in cells
    assert any("party to a cooperation" in c.value for c in at.caption)
    assert at.selectbox[0].options == ["Armenia", "Turkey"] or at.selectbox[0].options == ["Armenia", "Türkiye"]


def test_without_cooperation_rows_partners_are_named_countries_and_the_page_says_so(monkeypatch, tmp_path):
    folder = _bilateral_corpus(tmp_path / "b", {"tr.md": "Turkey's telecom market grew; Istanbul and Baku hosted fairs."})
    env = {"TECHDIPLOMACY_DATA": str(folder), "TECHDIPLOMACY_STORE": str(tmp_path / "b.duckdb")}
    for lang in ("en", "fa"):
        at = _app(monkeypatch, env, "countries", {"lang": lang})
        assert _map_countries(at) == ["TUR"]  # Azerbaijan only through Baku
        said = {"en": "no cooperation rows", "fa": "هیچ ردیف همکاری ندارد"}[lang]
        assert any(said in c.value for c in at.caption)
