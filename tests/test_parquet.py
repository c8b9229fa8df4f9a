"""Parquet output: every table written partitioned, read back equal to the store's tables."""

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from techdiplomacy import schema
from techdiplomacy.cli import main
from techdiplomacy.store.database import load_tables
from techdiplomacy.store.parquet import PARTITIONED, read_parquet_table

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "articles"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """A store of the fixtures (ar, fa, en; one undated) built with ``build --parquet``."""
    folder = tmp_path_factory.mktemp("corpus")
    for fixture in sorted(FIXTURES.glob("*.md")):
        (folder / fixture.name).write_text(fixture.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "undated.txt").write_text("Iran and Armenia signed a cybersecurity memorandum in Yerevan.\n", encoding="utf-8")
    store = tmp_path_factory.mktemp("store") / "store.duckdb"
    out = store.parent / "parquet"
    assert main(["build", str(folder), "--store", str(store), "--workers", "1", "--parquet", str(out)]) == 0
    return store, out


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(list(frame.columns), na_position="last").reset_index(drop=True)


@pytest.mark.parametrize("table", list(schema.TABLES))
def test_parquet_reads_back_as_the_store_table(built, table):
    store, out = built
    expected = load_tables(store)[table]
    with duckdb.connect() as con:
        frame = read_parquet_table(con, out, table).df()
    extra = {"language", "year"} - set(schema.TABLES[table]) if table in PARTITIONED else set()
    assert set(frame.columns) == set(schema.TABLES[table]) | extra
    got = schema.conform(table, frame.drop(columns=sorted(extra)))
    pd.testing.assert_frame_equal(_sorted(got), _sorted(expected), obj=table)


def test_per_article_tables_are_partitioned_by_language_and_year(built):
    store, out = built
    tables = load_tables(store)
    with_mentions = tables["articles"][tables["articles"]["article_id"].isin(tables["mentions"]["article_id"])]
    expected = {
        f"language={lang}/year={'__HIVE_DEFAULT_PARTITION__' if pd.isna(day) else day.year}"
        for lang, day in zip(with_mentions["language"], with_mentions["published"])
    }
    folders = {p.relative_to(out / "mentions").as_posix() for p in (out / "mentions").glob("*/*")}
    assert folders == expected and len(folders) >= 3
    articles = {p.relative_to(out / "articles").parts[0] for p in (out / "articles").glob("*/*/*.parquet")}
    assert articles == {"language=ar", "language=fa", "language=en"}
    assert list((out / "articles").glob("*/year=__HIVE_DEFAULT_PARTITION__/*.parquet"))  # the undated article
    with duckdb.connect() as con:
        years = read_parquet_table(con, out, "mentions").df().dropna(subset=["year"])
        dated = load_tables(store)["articles"].dropna(subset=["published"])
    by_article = dict(zip(dated["article_id"], dated["published"].dt.year))
    assert all(by_article[a] == y for a, y in zip(years["article_id"], years["year"]))


def test_parquet_command_needs_a_store(tmp_path, capsys):
    assert main(["parquet", str(tmp_path / "out"), "--store", str(tmp_path / "missing.duckdb")]) == 1
    assert "no store" in capsys.readouterr().err
