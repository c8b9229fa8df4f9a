"""The store: incremental builds, transactions, mirror of the corpus folder."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

from techdiplomacy import schema
from techdiplomacy.store.builder import build
from techdiplomacy.store.database import Store, load_tables

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "articles" / "al-vefagh-224281-iran-armenia-ict.md"

ENGLISH = """---
title: Iran and Iraq discuss data transit
date: 2024-08-12
source: Tehran Times
---
Iran's ICT Minister Sattar Hashemi met Iraq's Minister of Communications in Baghdad on Monday.
The two sides discussed internet transit and a joint data centre.
"""


@pytest.fixture()
def corpus(tmp_path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    return folder


def test_build_then_rebuild_is_incremental(tmp_path, corpus):
    store = tmp_path / "store.duckdb"
    first = build([corpus], store, topics_k=None)
    assert (first.read, first.added, first.unchanged) == (1, 1, 0)
    assert first.counts["articles"] == 1 and first.counts["mentions"] > 0
    second = build([corpus], store)
    assert (second.added, second.unchanged, second.removed) == (0, 1, 0)
    assert second.counts == first.counts


def test_new_file_added_and_deleted_file_removed(tmp_path, corpus):
    store = tmp_path / "store.duckdb"
    build([corpus], store)
    (corpus / "iraq.md").write_text(ENGLISH, encoding="utf-8")
    added = build([corpus], store)
    assert (added.added, added.unchanged) == (1, 1)
    tables = load_tables(store)
    iraq = tables["articles"][tables["articles"]["title"] == "Iran and Iraq discuss data transit"]
    assert str(iraq["published"].iloc[0].date()) == "2024-08-12"
    (corpus / "iraq.md").unlink()
    removed = build([corpus], store)
    assert removed.removed == 1
    after = load_tables(store)
    assert len(after["articles"]) == 1
    assert set(after["mentions"]["article_id"]) == set(after["articles"]["article_id"])


def test_bad_file_is_an_error_row_and_the_rest_is_read(tmp_path, corpus):
    (corpus / "broken.json").write_text("{not json", encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    store = tmp_path / "store.duckdb"
    summary = build([corpus], store)
    assert summary.counts["articles"] == 1
    errors = load_tables(store)["errors"]
    assert sorted(Path(p).name for p in errors["path"]) == ["broken.json", "empty.txt"]
    assert all(errors["error"].str.len() > 0)


def test_failed_batch_rolls_back_and_store_stays_readable(tmp_path, corpus, monkeypatch):
    store_path = tmp_path / "store.duckdb"
    build([corpus], store_path)
    before = load_tables(store_path)
    (corpus / "iraq.md").write_text(ENGLISH, encoding="utf-8")

    def explode(self, table, frame):
        if table == "figures":
            raise RuntimeError("disk full")
        return original(self, table, frame)

    original = Store._insert
    monkeypatch.setattr(Store, "_insert", explode)
    with pytest.raises(RuntimeError, match="disk full"):
        build([corpus], store_path)
    monkeypatch.setattr(Store, "_insert", original)
    after = load_tables(store_path)
    assert len(after["articles"]) == len(before["articles"]) == 1
    assert len(after["mentions"]) == len(before["mentions"])


def test_load_tables_without_store_gives_empty_schema_tables(tmp_path):
    tables = load_tables(tmp_path / "missing.duckdb")
    assert set(tables) == set(schema.TABLES)
    assert all(frame.empty for frame in tables.values())


def test_tables_round_trip_in_schema_form(tmp_path, corpus):
    store = tmp_path / "store.duckdb"
    build([corpus], store)
    for name, frame in load_tables(store).items():
        assert list(frame.columns) == schema.columns(name)


def test_parallel_build_gives_the_same_tables(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8").split("---", 2)[2] for p in (ROOT / "tests" / "fixtures" / "articles").glob("*.md")]
    for i in range(90):
        (folder / f"a{i:03d}.txt").write_text(f"خبر رقم {i}\n\n" + texts[i % len(texts)] + f"\n\nItem {i}.", encoding="utf-8")
    one = build([folder], tmp_path / "one.duckdb", workers=1)
    two = build([folder], tmp_path / "two.duckdb", workers=2)
    assert one.counts == two.counts and one.counts["articles"] == 90
    a, b = load_tables(tmp_path / "one.duckdb"), load_tables(tmp_path / "two.duckdb")
    for name in schema.TABLES:
        left = a[name].sort_values(list(a[name].columns)).reset_index(drop=True)
        right = b[name].sort_values(list(b[name].columns)).reset_index(drop=True)
        pd.testing.assert_frame_equal(left, right)
