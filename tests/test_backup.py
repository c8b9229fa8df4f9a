"""Backup: every table as formula-safe CSV plus a manifest, restored exactly."""

import csv
import io
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from techdiplomacy import schema
from techdiplomacy.cli import main
from techdiplomacy.store.backup import decode_cell, encode_cell, export_store, import_store
from techdiplomacy.store.builder import build
from techdiplomacy.store.database import load_tables

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("corpus")
    for path in (ROOT / "tests" / "fixtures" / "articles").glob("*.md"):
        shutil.copy(path, corpus / path.name)
    shutil.copy(ROOT / "data" / "articles" / "al-vefagh-224281-iran-armenia-ict.md", corpus)
    (corpus / "formula.json").write_text(
        json.dumps({"title": '=HYPERLINK("http://evil","x")', "text": "-5 percent @ Iran and Armenia\n+1 =cmd", "source": "@evil"}),
        encoding="utf-8",
    )
    path = tmp_path_factory.mktemp("store") / "store.duckdb"
    build([corpus], path)
    return path


def test_export_then_import_restores_every_table_exactly(store, tmp_path):
    manifest = export_store(store, tmp_path / "backup")
    assert set(manifest["files"]) == {f"{t}.csv" for t in schema.TABLES}
    assert manifest["schema_version"] == schema.SCHEMA_VERSION
    restored = tmp_path / "restored.duckdb"
    counts = import_store(tmp_path / "backup", restored)
    before, after = load_tables(store), load_tables(restored)
    assert counts["articles"] == len(before["articles"]) == 7
    for table in schema.TABLES:
        pd.testing.assert_frame_equal(before[table], after[table], check_exact=True)


def test_backup_csv_cells_never_start_a_formula(store, tmp_path):
    export_store(store, tmp_path / "b")
    raw = (tmp_path / "b" / "articles.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")) and not (cell.startswith("-") and not _number(cell))


def _number(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False


def test_tampered_backup_is_refused_and_the_old_store_kept(store, tmp_path):
    export_store(store, tmp_path / "b")
    target = tmp_path / "target.duckdb"
    shutil.copy(store, target)
    with open(tmp_path / "b" / "mentions.csv", "ab") as handle:
        handle.write(b"x,y\n")
    with pytest.raises(ValueError, match="checksum"):
        import_store(tmp_path / "b", target)
    assert len(load_tables(target)["articles"]) == 7


def test_cli_export_import_info(store, tmp_path, capsys):
    assert main(["export", "--store", str(store), "--out", str(tmp_path / "cli")]) == 0
    assert main(["import", str(tmp_path / "cli"), "--store", str(tmp_path / "r.duckdb")]) == 0
    capsys.readouterr()
    assert main(["info", "--store", str(tmp_path / "r.duckdb"), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["tables"]["articles"] == 7


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.none(), st.text()))
def test_cells_round_trip_and_are_formula_safe(value):
    cell = encode_cell(value)
    assert decode_cell(cell) == value
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_backup_zip_restores_like_the_folder(store, tmp_path):
    import zipfile

    from techdiplomacy.store.backup import backup_zip

    data = backup_zip(store)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "unzipped")
    assert names == {f"{t}.csv" for t in schema.TABLES} | {"manifest.json", "topics.model.pickle"}
    import_store(tmp_path / "unzipped", tmp_path / "r.duckdb")
    pd.testing.assert_frame_equal(load_tables(store)["figures"], load_tables(tmp_path / "r.duckdb")["figures"])
