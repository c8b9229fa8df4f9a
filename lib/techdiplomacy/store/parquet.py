"""The store's tables as a folder of Parquet files that DuckDB, Spark or Trino can read.

Layout (hive-style partitions, one folder per table)::

    OUT/articles/language=ar/year=2024/data_0.parquet
    OUT/mentions/language=fa/year=2023/data_0.parquet
    ...
    OUT/topics/data_0.parquet

Tables with one row per article or per article's evidence (``articles``, ``mentions``,
``officials``, ``figures``, ``article_topics``, ``passage_topics``, ``near_duplicates``) are
partitioned by the article's ``language`` and publication ``year``: the two filters every view
of the dashboard starts from, and few enough values (3 languages x a few years) that the files
stay large. An undated article's year is ``__HIVE_DEFAULT_PARTITION__`` (read back as null).
The partition columns live in the folder names; reading with ``hive_partitioning=true`` adds
``language`` and ``year`` to every row (``articles`` had ``language`` already). The other tables
(``topics``, ``feeds``, ``errors``) are one file each. Read a table back with::

    SELECT * FROM read_parquet('OUT/mentions/**/*.parquet', hive_partitioning = true)
"""

from __future__ import annotations

import shutil
from pathlib import Path

from techdiplomacy import schema

#: Tables partitioned by their article's language and year.
PARTITIONED = ("articles", "mentions", "officials", "figures", "cooperation", "article_topics", "passage_topics", "near_duplicates")
PARTITION_BY = ("language", "year")


def write_parquet(con, out_dir: str | Path) -> dict[str, int]:
    """Write every schema table of the store behind ``con`` under ``out_dir`` (replacing what
    was there) and return {table: rows written}."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for table in schema.TABLES:
        target = out / table
        shutil.rmtree(target, ignore_errors=True)
        cols = ", ".join(f't."{c}"' for c in schema.TABLES[table])
        written[table] = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        if table == "articles":
            query = f"SELECT {cols}, year(t.published) AS year FROM articles t"
        elif table in PARTITIONED:
            # LEFT JOIN: a row whose article is gone still comes out (language and year null)
            query = f"SELECT {cols}, a.language, year(a.published) AS year FROM {table} t LEFT JOIN articles a USING (article_id)"
        else:
            query = f'SELECT {cols} FROM "{table}" t'
        if table in PARTITIONED and written[table]:
            partitions = ", ".join(PARTITION_BY)
            con.execute(f"COPY ({query}) TO '{_quoted(target)}' (FORMAT PARQUET, PARTITION_BY ({partitions}))")
            continue
        # One file; an empty partitioned table keeps its partition columns in it, so a reader
        # sees the same columns either way.
        if table in PARTITIONED:
            query = f"SELECT {cols}, NULL::VARCHAR AS language, NULL::BIGINT AS year FROM {table} t"
            if table == "articles":
                query = f"SELECT {cols}, NULL::BIGINT AS year FROM articles t"
        target.mkdir(parents=True)
        con.execute(f"COPY ({query}) TO '{_quoted(target / 'data_0.parquet')}' (FORMAT PARQUET)")
    return written


def read_parquet_table(con, out_dir: str | Path, table: str):
    """Return one table written by :func:`write_parquet` as a DuckDB relation (partition
    columns included)."""
    pattern = _quoted(Path(out_dir) / table / "**" / "*.parquet")
    return con.sql(f"SELECT * FROM read_parquet('{pattern}', hive_partitioning = true)")


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
