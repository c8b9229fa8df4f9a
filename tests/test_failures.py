"""Failures end in one line naming the store or file and what to do (issue 18, item 16)."""

import errno
from pathlib import Path

import duckdb
import pytest

from techdiplomacy.cli import main
from techdiplomacy.store.database import Store, load_tables
from techdiplomacy.store.failures import describe
from techdiplomacy.store.lock import StoreLockedError

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "articles"
#: What DuckDB raised when ``add`` filled a 3 MB tmpfs (its COMMIT could not grow the WAL).
DISK_FULL = 'TransactionContext Error: Failed to commit: Could not write file "{wal}": No space left on device'


def _one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.startswith("error:") or "Traceback" in line]
    assert "Traceback" not in err
    assert len(lines) == 1, err
    return lines[0]


def _commit_fails_after(monkeypatch, store: Path, n: int) -> None:
    """Make every COMMIT of ``Store.add_tables`` after the first ``n`` fail as a full disk does:
    DuckDB ends the transaction, then raises (so a ROLLBACK after it fails too)."""
    real = Store.add_tables
    calls = {"n": 0}

    def add_tables(self, tables, *, replace=True):
        calls["n"] += 1
        if calls["n"] <= n:
            return real(self, tables, replace=replace)
        con = self.con

        class Full:
            def execute(self, sql, *args):
                if sql == "COMMIT":
                    con.execute("ROLLBACK")
                    raise duckdb.TransactionException(DISK_FULL.format(wal=f"{store}.wal"))
                return con.execute(sql, *args)

            def __getattr__(self, name):
                return getattr(con, name)

        self.con = Full()
        try:
            return real(self, tables, replace=replace)
        finally:
            self.con = con

    monkeypatch.setattr(Store, "add_tables", add_tables)


def test_a_full_disk_ends_add_in_one_line_and_keeps_what_was_committed(tmp_path, capsys, monkeypatch):
    store = tmp_path / "s.duckdb"
    _commit_fails_after(monkeypatch, store, 1)
    paths = [str(FIXTURES / "russia-ai-en.md"), str(FIXTURES / "oman-space-ar.md")]
    assert main(["add", *paths, "--store", str(store)]) == 1
    line = _one_line(capsys.readouterr().err)
    assert line.startswith(f"error: store {store}: the disk is full")
    assert "No space left on device" in line and "free space" in line and "committed before is kept" in line
    monkeypatch.undo()
    assert len(load_tables(store)["articles"]) == 1  # the first article, committed before the disk filled


def test_a_failed_commit_is_the_error_raised_not_the_rollback_after_it(tmp_path, monkeypatch):
    store = tmp_path / "s.duckdb"
    _commit_fails_after(monkeypatch, store, 0)
    with pytest.raises(duckdb.TransactionException, match="No space left on device"):
        main(["add", str(FIXTURES / "russia-ai-en.md"), "--store", str(store), "--debug"])  # --debug: raised as is


def test_a_file_that_is_no_store_is_named_as_such_not_as_busy(tmp_path, capsys):
    store = tmp_path / "s.duckdb"
    store.write_bytes(b"garbage" * 1000)
    assert main(["info", "--store", str(store)]) == 1
    line = _one_line(capsys.readouterr().err)
    assert line.startswith(f"error: store {store} is damaged and cannot be read")
    assert "in use" not in line and "import" in line


def test_a_backup_folder_that_is_missing_names_the_file(tmp_path, capsys):
    assert main(["import", str(tmp_path / "nowhere"), "--store", str(tmp_path / "s.duckdb")]) == 1
    assert "nowhere/manifest.json: no such file or folder" in _one_line(capsys.readouterr().err)


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (StoreLockedError("store S is being written by another program (process 7): try again when it has finished"),
         "store S is being written by another program (process 7): try again when it has finished"),
        (OSError(errno.ENOSPC, "No space left on device", "/data/s.duckdb.wal"),
         "store S: the disk is full ([Errno 28] No space left on device: '/data/s.duckdb.wal'): free space on the disk holding /data"),
        (duckdb.IOException('IO Error: Could not write file "S.wal": No space left on device'), "store S: the disk is full"),
        (duckdb.FatalException("FATAL Error: database has been invalidated because of a previous fatal error"),
         "store S: DuckDB stopped after a failed write"),
        (duckdb.IOException('IO Error: The file "S" exists, but it is not a valid DuckDB database file!'),
         "store S is damaged and cannot be read"),
        (PermissionError(errno.EACCES, "Permission denied", "/data/x.json"), "/data/x.json: permission denied"),
        (MemoryError(), "store S: out of memory: lower the batch_size or workers settings"),
        (ValueError("backup lacks articles.csv"), "backup lacks articles.csv (store S)"),
        (KeyError("surprise"), "unexpected KeyError: 'surprise' (store S); run it again with --debug"),
    ],
)
def test_every_failure_is_one_line_saying_where_and_what_to_do(exc, expected):
    line = describe(exc, "S")
    assert "\n" not in line
    assert line.startswith(expected)
