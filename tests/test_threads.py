"""Cooperation threads: the same cooperation followed across articles; the `cooperation` CLI."""

import json
from pathlib import Path

import arabic_reshaper
import pandas as pd
import pytest
from bidi import get_display

from techdiplomacy import schema
from techdiplomacy.cli import main
from techdiplomacy.i18n.gloss import cooperation_gloss
from techdiplomacy.i18n.labels import strip_isolates
from techdiplomacy.store.threads import cooperation_threads, thread_evidence

ROOT = Path(__file__).resolve().parents[1]


def _row(article_id, published, partners, stage, instrument="none", sectors="", start=0):
    return {"article_id": article_id, "published": published, "partners": partners, "sectors": sectors,
            "stage": stage, "instrument": instrument, "surface": "x", "start": start, "end": start + 1,
            "sentence": f"{article_id} {stage}"}


ROWS = [
    _row("a3", "2024-09-01", "ARM", "signed", "mou", "data_centres"),
    _row("a1", "2024-01-10", "ARM", "discussed", "none", "data_centres|cybersecurity"),
    _row("a2", "2024-03-05", "ARM", "proposed", "mou", "cybersecurity"),
    _row("a4", "2024-04-01", "ARM", "agreed", "none", "space"),  # no sector in common: its own thread
    _row("a5", "2024-05-01", "ARM", "signed", "contract", "data_centres"),  # another instrument
    _row("a6", "2026-06-01", "ARM", "implemented", "mou", "data_centres"),  # beyond the window
    _row("a7", "2024-02-01", "IRQ|SYR", "signed", "agreement", "telecom_infrastructure"),
]


def test_threads_follow_partners_sectors_instrument_and_window():
    threads = cooperation_threads(schema.conform("cooperation", ROWS), window_days=365)
    assert list(threads.columns) == schema.columns("cooperation_threads")
    by_first = {t["thread_id"].split(":")[0]: t for t in threads.to_dict("records")}
    assert set(by_first) == {"a1", "a4", "a5", "a6", "a7"}
    mou = by_first["a1"]
    assert mou["article_ids"] == "a1|a2|a3" and mou["n_articles"] == 3
    assert (mou["stage"], mou["stages"], mou["instrument"]) == ("signed", "discussed|proposed|signed", "mou")
    assert mou["first_published"] == pd.Timestamp("2024-01-10") and mou["latest_published"] == pd.Timestamp("2024-09-01")
    assert mou["sentence"] == "a3 signed" and mou["article_id"] == "a3"
    assert by_first["a7"]["partners"] == "IRQ|SYR"
    evidence = thread_evidence(schema.conform("cooperation", ROWS), window_days=365)
    assert [e["stage"] for e in evidence[mou["thread_id"]]] == ["discussed", "proposed", "signed"]


def test_threads_do_not_depend_on_the_order_rows_were_stored():
    one = cooperation_threads(schema.conform("cooperation", ROWS))
    other = cooperation_threads(schema.conform("cooperation", ROWS[::-1]))
    pd.testing.assert_frame_equal(one, other)


def test_no_rows_no_threads():
    assert list(cooperation_threads(schema.empty("cooperation")).columns) == schema.columns("cooperation_threads")


def test_build_stores_threads_and_the_cli_lists_them(tmp_path, capsys):
    store = tmp_path / "s.duckdb"
    assert main(["build", str(ROOT / "data" / "articles"), "--store", str(store), "--k", "2"]) == 0
    capsys.readouterr()
    assert main(["cooperation", "--store", str(store), "--partner", "arm"]) == 0
    (thread,) = json.loads(capsys.readouterr().out)
    assert thread["partners"] == "ARM" and thread["stage"] == "proposed"
    assert thread["evidence"][0]["stage"] == "discussed"
    assert all(e["sentence"] for e in thread["evidence"])
    assert thread["gloss"].startswith("Iran and Armenia proposed a joint committee")
    assert main(["cooperation", "--store", str(store), "--language", "ar"]) == 0
    (thread,) = json.loads(capsys.readouterr().out)
    assert thread["evidence"][0]["gloss"].startswith("إيران وأرمينيا: بحث التعاون")
    assert main(["cooperation", "--store", str(store), "--stage", "signed"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["cooperation", "--store", str(store), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.lstrip("\ufeff").startswith(",".join(schema.columns("cooperation_threads")))
    assert main(["cooperation", "--store", str(tmp_path / "missing.duckdb")]) == 1


def test_add_updates_the_threads(tmp_path, capsys):
    store = tmp_path / "s.duckdb"
    assert main(["build", str(ROOT / "data" / "articles"), "--store", str(store), "--k", "2"]) == 0
    later = tmp_path / "later.txt"
    later.write_text("Iran and Armenia sign MoU on data centres\n\nIran and Armenia signed a memorandum of "
                     "understanding on data centres and cybersecurity in Yerevan.\n", encoding="utf-8")
    assert main(["add", str(later), "--store", str(store)]) == 0
    capsys.readouterr()
    assert main(["cooperation", "--store", str(store), "--partner", "ARM"]) == 0
    threads = json.loads(capsys.readouterr().out)
    assert "signed" in {t["stage"] for t in threads}
    assert {e["article_id"] for t in threads for e in t["evidence"]} >= {t["article_id"] for t in threads}


def _iso(text: str) -> str:
    return f"\u2068{text}\u2069"


@pytest.mark.parametrize("lang, expected", [
    ("en", "Iran and Armenia discussed cooperation on data centres and cybersecurity — "
           f"{_iso('ستار هاشمي')}, {_iso('غريغور هاكوبيان')}, {_iso('2024-05-12')}"),
    ("ar", "إيران وأرمينيا: بحث التعاون في مجال مراكز البيانات والأمن السيبراني — "
           f"{_iso('ستار هاشمي')}، {_iso('غريغور هاكوبيان')}، {_iso('2024-05-12')}"),
    ("fa", "ایران و ارمنستان: گفت‌وگو درباره همکاری در حوزه مرکز داده و امنیت سایبری — "
           f"{_iso('ستار هاشمي')}، {_iso('غريغور هاكوبيان')}، {_iso('2024-05-12')}"),
])
def test_gloss_in_the_reader_s_language(lang, expected):
    row = {"partners": "ARM", "stage": "discussed", "instrument": "none", "sectors": "data_centres|cybersecurity",
           "iranian_officials": "ستار هاشمي", "partner_officials": "غريغور هاكوبيان", "published": pd.Timestamp("2024-05-12")}
    assert cooperation_gloss(row, lang) == expected


@pytest.mark.parametrize("lang", ["en", "ar", "fa"])
def test_the_gloss_date_reads_left_to_right_after_an_arabic_name(lang):
    # the bug: in visual order (python-bidi, as a terminal or a browser shows it) the date came
    # out 12-05-2024, its digits read as Arabic numbers after the Arabic name
    row = {"partners": "ARM", "stage": "signed", "instrument": "mou", "iranian_officials": "ستار هاشمي",
           "published": pd.Timestamp("2024-05-12")}
    shown = strip_isolates(get_display(cooperation_gloss(row, lang)))
    assert "2024-05-12" in shown and "12-05-2024" not in shown
    bare = strip_isolates(cooperation_gloss(row, lang))
    assert "12-05-2024" in get_display(bare)  # what it was without the isolates


def test_the_cli_shapes_glosses_only_for_a_terminal(tmp_path, capsys):
    store = tmp_path / "s.duckdb"
    assert main(["build", str(ROOT / "data" / "articles"), "--store", str(store), "--k", "2"]) == 0
    capsys.readouterr()
    assert main(["cooperation", "--store", str(store), "--language", "ar", "--shape", "never"]) == 0
    (logical,) = json.loads(capsys.readouterr().out)
    assert logical["gloss"].startswith("إيران وأرمينيا")
    assert main(["cooperation", "--store", str(store), "--language", "ar", "--shape", "always"]) == 0
    (shown,) = json.loads(capsys.readouterr().out)
    assert shown["gloss"] == strip_isolates(get_display(arabic_reshaper.reshape(logical["gloss"])))
    assert "\u2068" not in shown["gloss"] and shown["sentence"] != logical["sentence"]
    assert shown["article_id"] == logical["article_id"] and shown["evidence"][0]["start"] == logical["evidence"][0]["start"]


def test_gloss_of_every_stage_and_instrument():
    for stage in schema.COOPERATION_STAGES:
        for instrument in schema.COOPERATION_INSTRUMENTS:
            for lang in ("en", "ar", "fa"):
                text = cooperation_gloss({"partners": "IRQ|SYR", "stage": stage, "instrument": instrument}, lang)
                assert "{" not in text and text.count("—") == 0
    assert cooperation_gloss({"partners": "IRQ|SYR", "stage": "signed", "instrument": "mou"}) == (
        "Iran, Iraq and Syria signed a memorandum of understanding")
