"""The embedded store: one DuckDB file holding every table, built incrementally.

Every change is a transaction, so a crash or a killed process mid-build leaves the store as it
was after the last committed batch: readable, with everything added before.
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

from techdiplomacy import schema
from techdiplomacy.executors import parts_to_arrow
from techdiplomacy.store import dashboard, integrity
from techdiplomacy.store.integrity import StoreDamagedError, StoreMissingError
from techdiplomacy.store.lock import StoreLockedError, reading, writing

__all__ = ["BUILD_MEMORY", "PER_ARTICLE", "TOPIC_TABLES", "Progress", "Store", "StoreDamagedError", "StoreLockedError",
           "StoreMissingError", "load_tables", "reading", "writing"]

_SQL_TYPES = {schema.STRING: "VARCHAR", schema.INT: "BIGINT", schema.FLOAT: "DOUBLE", schema.DATE: "DATE"}
#: Tables that hold one article's rows (deleted together with the article).
PER_ARTICLE = ("articles", "mentions", "officials", "figures", "cooperation")
TOPIC_TABLES = ("topics", "article_topics", "passage_topics")

Progress = Callable[[str, int, int | None], None]
#: DuckDB's own memory cap in a build (its default is 80% of RAM); beyond it DuckDB spills to disk.
BUILD_MEMORY = "512MB"


def _ddl(table: str) -> str:
    cols = ", ".join(f'"{c}" {_SQL_TYPES[t]}' for c, t in schema.TABLES[table].items())
    return f'CREATE TABLE IF NOT EXISTS "{table}" ({cols})'


class Store:
    """A DuckDB file with the schema's tables plus ``meta`` (key/value) and ``models`` (blobs)."""

    def __init__(
        self, path: str | Path, *, read_only: bool = False, wait_seconds: float = 30.0, memory_limit: str | None = None
    ):
        self.path = Path(path)
        self.read_only = read_only
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        if read_only and not self.path.exists():
            raise StoreMissingError(f"no store at {self.path}: run `techdiplomacy build` first, or give --store")
        integrity.check_file(self.path)
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                self.con = duckdb.connect(str(self.path), read_only=read_only)
                break
            except duckdb.Error as exc:
                if integrity.is_damage(str(exc)):
                    raise integrity.damaged(self.path, integrity.first_line(exc)) from exc
                if not integrity.is_held(exc):
                    raise  # not another process's lock: a disk error, a permission
                if time.monotonic() > deadline:  # another process holds DuckDB's write lock
                    raise StoreLockedError(f"store {self.path} is in use by another process: {exc}") from exc
                time.sleep(0.2)
        try:
            integrity.check_length(self.con, self.path)
        except BaseException:
            self.con.close()
            raise
        if memory_limit:
            self.con.execute(f"SET memory_limit = '{memory_limit}'")
        if not read_only:
            self._ensure_schema()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # --- schema and metadata ----------------------------------------------------------------

    def _ensure_schema(self) -> None:
        self.con.execute("BEGIN")
        for table in schema.TABLES:
            self.con.execute(_ddl(table))
        self.con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        self.con.execute("CREATE TABLE IF NOT EXISTS models (name VARCHAR PRIMARY KEY, blob BLOB)")
        self.con.execute("COMMIT")
        version = self.get_meta("schema_version")
        if version is None:
            self.set_meta("schema_version", str(schema.SCHEMA_VERSION))
        elif version != str(schema.SCHEMA_VERSION):
            raise RuntimeError(
                f"store {self.path} has schema version {version}, this tool writes "
                f"{schema.SCHEMA_VERSION}: export it with the old version or rebuild it"
            )

    def get_meta(self, key: str) -> str | None:
        """Return a metadata value, or None."""
        if not self._has_table("meta"):
            return None
        # fetchall, not fetchone: a result left open makes DuckDB refuse create_function later
        row = next(iter(self.con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchall()), None)
        return None if row is None else row[0]

    def set_meta(self, key: str, value: str) -> None:
        """Set a metadata value."""
        self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    def _has_table(self, table: str) -> bool:
        return bool(
            self.con.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]
            ).fetchall()[0][0]
        )

    # --- reading --------------------------------------------------------------------------------

    def table(self, name: str) -> pd.DataFrame:
        """Return a whole table in schema form (empty frame if the store lacks it)."""
        if not self._has_table(name):
            return schema.empty(name)
        frame = self.con.execute(f'SELECT * FROM "{name}"').df()
        return schema.conform(name, frame)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Return every schema table."""
        return {name: self.table(name) for name in schema.TABLES}

    def counts(self) -> dict[str, int]:
        """Return {table: row count}."""
        return {
            name: (self.con.execute(f'SELECT count(*) FROM "{name}"').fetchall()[0][0] if self._has_table(name) else 0)
            for name in schema.TABLES
        }

    def count(self, table: str) -> int:
        """Return the number of rows of ``table``."""
        return self.con.execute(f'SELECT count(*) FROM "{table}"').fetchall()[0][0]

    def article_paths(self) -> dict[str, str]:
        """Return {article_id: path} of stored articles."""
        rows = self.con.execute("SELECT article_id, path FROM articles").fetchall()
        return {aid: path for aid, path in rows}

    def model(self, name: str):
        """Return a pickled model stored under ``name``, or None."""
        if not self._has_table("models"):
            return None
        row = next(iter(self.con.execute("SELECT blob FROM models WHERE name = ?", [name]).fetchall()), None)
        return None if row is None else pickle.loads(row[0])

    # --- writing ----------------------------------------------------------------------------

    def add(self, parts: list[dict[str, list[dict]]]) -> None:
        """Add the rows of several articles in one transaction (all or nothing)."""
        if parts:
            self.add_tables(parts_to_arrow(parts))

    def add_tables(self, tables: dict, *, replace: bool = True) -> None:
        """Add {table: pyarrow.Table} of extracted rows in one transaction (all or nothing).

        ``replace`` first deletes the stored rows of these articles; a build passes False for
        articles it knows are not stored (deleting nothing still scans four tables).
        """
        articles = tables.get("articles")
        if articles is None or articles.num_rows == 0:
            return
        self.con.execute("BEGIN")
        try:
            if replace:
                self._delete(articles.column("article_id").to_pylist())
            for table, rows in tables.items():
                self._insert(table, rows)
            self.con.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise

    def rollback(self) -> None:
        """Roll back the open transaction, if DuckDB still has one: a COMMIT that failed (a
        full disk) has ended it already, and that failure, not this one, is the news."""
        try:
            self.con.execute("ROLLBACK")
        except duckdb.Error:
            pass  # no transaction left to roll back (or no connection): the first error says why

    def remove(self, article_ids: Iterable[str]) -> None:
        """Delete articles and all their rows in one transaction."""
        ids = list(article_ids)
        if not ids:
            return
        self.con.execute("BEGIN")
        try:
            self._delete(ids)
            self.con.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise

    def replace(self, tables: dict[str, pd.DataFrame], models: dict[str, object] | None = None) -> None:
        """Replace whole tables (and models) in one transaction."""
        self.con.execute("BEGIN")
        try:
            for name, frame in tables.items():
                self._stale()
                self.con.execute(f'DELETE FROM "{name}"')
                self._insert(name, schema.conform(name, frame))
            for name, model in (models or {}).items():
                self.con.execute("INSERT OR REPLACE INTO models VALUES (?, ?)", [name, pickle.dumps(model)])
            self.con.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise

    def replace_rows(self, article_ids: list[str], tables: dict[str, pd.DataFrame], *, then: str = "") -> None:
        """Replace the rows of ``article_ids`` in each of ``tables`` by the given frames, then
        run the SQL statement ``then`` (if any), all in one transaction."""
        self.con.execute("BEGIN")
        try:
            for name, frame in tables.items():
                self._stale()
                self.con.execute(f'DELETE FROM "{name}" WHERE article_id IN (SELECT unnest(?::VARCHAR[]))', [list(article_ids)])
                self._insert(name, schema.conform(name, frame))
            if then:
                self.con.execute(then)
            self.con.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise

    def store_dashboard_tables(self, *, built_at: str | None = None, added: list[str] | None = None) -> None:
        """Store the cooperation threads and the dashboard's tables stamped with ``built_at`` (a
        build's new time; else the store's, or now): :func:`dashboard.materialise`, with
        ``added`` for an add."""
        stamp = built_at or self.get_meta("built_at") or datetime.now(timezone.utc).isoformat(timespec="seconds")
        self.store_threads(added=added)
        self.set_meta("built_at", stamp)
        dashboard.materialise(self.con, stamp, added=added)

    def store_threads(self, *, added: list[str] | None = None) -> None:
        """Derive the cooperation threads again and store them: of the whole store, or after an
        add (``added``: the new article ids) of the partner sets the new rows name only (a thread
        holds rows of one partner set, so the others' threads cannot change)."""
        from techdiplomacy.settings import Settings
        from techdiplomacy.store.threads import cooperation_threads

        window = Settings().thread_window_days
        if added is None or not self._has_table("cooperation_threads"):
            self.replace({"cooperation_threads": cooperation_threads(self.table("cooperation"), window_days=window)})
            return
        ids = list(added)
        touched = "SELECT DISTINCT partners FROM cooperation WHERE article_id IN (SELECT unnest(?::VARCHAR[]))"
        rows = schema.conform("cooperation", self.con.execute(
            f"SELECT * FROM cooperation WHERE partners IN ({touched})", [ids]).df())
        if rows.empty:
            return
        threads = cooperation_threads(rows, window_days=window)
        self.con.execute("BEGIN")
        try:
            self._stale()
            self.con.execute(f"DELETE FROM cooperation_threads WHERE partners IN ({touched})", [ids])
            self._insert("cooperation_threads", schema.conform("cooperation_threads", threads))
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def _stale(self) -> None:
        """Mark the stored dashboard tables out of date (every data write does, in its
        transaction): readers derive their own until :func:`dashboard.materialise` runs again."""
        self.con.execute("DELETE FROM meta WHERE key = ?", [dashboard.DERIVED_STAMP])

    def _delete(self, ids: list[str]) -> None:
        if not ids:
            return
        self._stale()
        id_frame = pd.DataFrame({"article_id": ids})
        self.con.register("_ids", id_frame)
        try:
            for table in PER_ARTICLE:
                self.con.execute(f'DELETE FROM "{table}" WHERE article_id IN (SELECT article_id FROM _ids)')
        finally:
            self.con.unregister("_ids")

    def _insert(self, table: str, rows) -> None:
        """Insert a schema frame, or a pyarrow.Table of the schema (dates as dates)."""
        if len(rows) == 0:
            return
        self._stale()
        if isinstance(rows, pd.DataFrame):
            rows = rows.copy()
            for col, dtype in schema.TABLES[table].items():
                if dtype == schema.DATE:
                    rows[col] = pd.to_datetime(rows[col]).dt.date
        self.con.register("_rows", rows)
        try:
            cols = ", ".join(f'"{c}"' for c in schema.TABLES[table])
            self.con.execute(f'INSERT INTO "{table}" ({cols}) SELECT {cols} FROM _rows')
        finally:
            self.con.unregister("_rows")


def load_tables(store_path: str | Path) -> dict[str, pd.DataFrame]:
    """Return every table of the store at ``store_path`` (empty tables if it does not exist)."""
    path = Path(store_path)
    if not path.exists():
        return {name: schema.empty(name) for name in schema.TABLES}
    # a reader waits for a writer at work (DuckDB refuses a read-only connection beside it)
    with reading(path, wait_seconds=60), Store(path, read_only=True) as store:
        return store.tables()
