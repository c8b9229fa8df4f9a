"""Empty, missing, truncated and corrupt stores are named as such (issue 18, item 17): every
command that opens one ends in one line naming the store and what to do, exit status 1, no
traceback; never "in use by another process", never a half-truncated store passing ``info``."""

import shutil
from pathlib import Path

import duckdb
import pytest

from techdiplomacy.cli import main
from techdiplomacy.store.builder import build
from techdiplomacy.store.database import Store
from techdiplomacy.store.integrity import HEADER_BYTES, StoreDamagedError, StoreMissingError

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
ARTICLE = str(ROOT / "data" / "articles" / "al-vefagh-224281-iran-armenia-ict.md")
REMEDY = "restore it from a backup (`techdiplomacy import BACKUP_FOLDER --store"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("built") / "store.duckdb"
    build([FIXTURES], path, workers=1)
    return path


@pytest.fixture()
def copy(built, tmp_path) -> Path:
    path = tmp_path / "store.duckdb"
    shutil.copy(built, path)
    return path


def _one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, err
    assert "in use by another process" not in lines[0] and "transaction is aborted" not in lines[0].lower()
    return lines[0]


def _truncate(path: Path, size: int) -> None:
    with path.open("r+b") as handle:
        handle.truncate(size)


def _overwrite(path: Path, offset: int, data: bytes) -> None:
    with path.open("r+b") as handle:
        handle.seek(offset)
        handle.write(data)


def _block_of(path: Path, table: str) -> int:
    """Return the file offset of the first data block of ``table``."""
    with duckdb.connect(str(path), read_only=True) as con:
        block_size = con.execute("SELECT block_size FROM pragma_database_size()").fetchall()[0][0]
        block = con.execute(f"SELECT min(block_id) FROM pragma_storage_info('{table}') WHERE block_id >= 0").fetchall()[0][0]
    return HEADER_BYTES + block * block_size


def test_a_whole_store_passes_info(built, capsys):
    assert main(["info", "--store", str(built)]) == 0
    assert "'articles': 5" in capsys.readouterr().out


@pytest.mark.parametrize("fraction", [1 / 2, 1 / 4, 3 / 4, 0.999])
def test_a_truncated_store_fails_info_in_one_line(copy, capsys, fraction):
    size = copy.stat().st_size
    _truncate(copy, int(size * fraction))
    assert main(["info", "--store", str(copy)]) == 1
    line = _one_line(capsys.readouterr().err)
    assert line.startswith(f"error: store {copy} is truncated: the file has {int(size * fraction):,} bytes, its blocks in use need {size:,}")
    assert REMEDY in line


@pytest.mark.parametrize("cut", [1, 4096, HEADER_BYTES - 1])
def test_a_store_cut_by_a_few_bytes_or_down_to_its_headers_fails_info(copy, capsys, cut):
    size = copy.stat().st_size
    _truncate(copy, size - cut if cut == 1 else cut)
    assert main(["info", "--store", str(copy)]) == 1
    line = _one_line(capsys.readouterr().err)
    assert line.startswith(f"error: store {copy} is ") and ("truncated" in line or "damaged" in line)
    assert REMEDY in line


@pytest.mark.parametrize("command", [["add", ARTICLE], ["build", ARTICLE], ["report"], ["export", "--out", "OUT"],
                                     ["cooperation"], ["parquet", "OUT"], ["feeds", "list"]])
def test_every_command_refuses_a_half_truncated_store_before_writing(copy, tmp_path, capsys, command):
    _truncate(copy, copy.stat().st_size // 2)
    argv = [str(tmp_path / "out") if arg == "OUT" else arg for arg in command]
    assert main([*argv, "--store", str(copy)]) == 1
    assert _one_line(capsys.readouterr().err).startswith(f"error: store {copy} is truncated")


@pytest.mark.parametrize("table", ["articles", "mentions", "cooperation"])
def test_a_corrupt_block_fails_info_naming_the_table(copy, capsys, table):
    _overwrite(copy, _block_of(copy, table) + 100, b"\xff" * 64)
    assert main(["info", "--store", str(copy)]) == 1
    line = _one_line(capsys.readouterr().err)
    assert line.startswith(f"error: store {copy} is damaged: table ") and "checksum" in line and REMEDY in line


@pytest.mark.parametrize("offset", [100, 4096 + 10, 8192 + 10, HEADER_BYTES + 10])
def test_corrupt_headers_fail_every_command_in_one_line(copy, capsys, offset):
    _overwrite(copy, offset, b"\x00\xff" * 32)
    for command in (["info"], ["add", ARTICLE]):
        assert main([*command, "--store", str(copy)]) == 1
        line = _one_line(capsys.readouterr().err)
        assert line.startswith(f"error: store {copy} is damaged and cannot be read (") and REMEDY in line


@pytest.mark.parametrize("command", [["info"], ["add", ARTICLE], ["build", ARTICLE]])
def test_an_empty_file_is_named_empty_and_not_made_a_new_store(tmp_path, capsys, command):
    store = tmp_path / "store.duckdb"
    store.touch()
    assert main([*command, "--store", str(store)]) == 1
    line = _one_line(capsys.readouterr().err)
    assert line.startswith(f"error: store {store} is an empty file (0 bytes), not a store")
    assert store.stat().st_size == 0  # nothing written into it


@pytest.mark.parametrize("command", [["info"], ["report"], ["export", "--out", "OUT"], ["cooperation"], ["parquet", "OUT"]])
def test_a_missing_store_says_so_and_what_to_run(tmp_path, capsys, command):
    store = tmp_path / "none.duckdb"
    argv = [str(tmp_path / "out") if arg == "OUT" else arg for arg in command]
    assert main([*argv, "--store", str(store)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and f"no store at {store}: run `techdiplomacy build` first" in err
    assert not store.exists()


def test_a_damaged_store_is_raised_at_once_not_waited_on_as_locked(copy):
    _truncate(copy, 4096)  # DuckDB's message then names a "block": no lock
    with pytest.raises(StoreDamagedError, match="is damaged and cannot be read"):
        Store(copy, read_only=True, wait_seconds=600)
    with pytest.raises(StoreMissingError):
        Store(copy.parent / "none.duckdb", read_only=True)


def test_debug_lets_the_error_through(copy):
    _truncate(copy, copy.stat().st_size // 2)
    with pytest.raises(StoreDamagedError, match="truncated"):
        main(["info", "--store", str(copy), "--debug"])


def test_a_store_whose_free_blocks_duckdb_cut_off_is_whole(tmp_path, capsys):
    """A checkpoint after removals shortens the file below the header's block count: no damage."""
    corpus = tmp_path / "articles"
    shutil.copytree(FIXTURES, corpus)
    store = tmp_path / "store.duckdb"
    build([corpus], store, workers=1)
    for path in sorted(corpus.iterdir())[1:]:
        path.unlink()
    assert build([corpus], store, workers=1).removed == 4
    assert main(["info", "--store", str(store)]) == 0
    assert "'articles': 1," in capsys.readouterr().out
