"""Zips on disk, given to ``add`` or ``build`` or found in a folder, are read member by member
within the zip limits, as uploads are (issue 18, item 6): counted while they decompress, never
read whole into memory."""

import io
import struct
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from techdiplomacy.cli import main
from techdiplomacy.ingest.add import add_records, iter_sources
from techdiplomacy.readers.corpus import Article, ReadError, read_paths, read_stream
from techdiplomacy.settings import Settings
from techdiplomacy.store.builder import build
from techdiplomacy.store.database import load_tables

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_memory import _capped, lying_zip  # noqa: E402 -- the hostile zips and the capped child of the memory tests

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "articles"


def _zip(path: Path, members: dict[str, bytes | Path]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            if isinstance(content, Path):
                archive.write(content, name)
            else:
                archive.writestr(name, content)
    return path


def _two_articles(path: Path) -> Path:
    return _zip(path, {"news/oman.md": FIXTURES / "oman-space-ar.md", "news/russia.md": FIXTURES / "russia-ai-en.md"})


def test_a_zip_in_a_built_folder_is_read_member_by_member(tmp_path):
    corpus = tmp_path / "articles"
    corpus.mkdir()
    _two_articles(corpus / "batch.zip")
    (corpus / "iraq.md").write_bytes((FIXTURES / "iraq-transit-en.md").read_bytes())
    store = tmp_path / "s.duckdb"
    summary = build([corpus], store, workers=1)
    assert summary.added == 3 and not summary.errors
    paths = sorted(load_tables(store)["articles"]["path"])
    assert paths == [str(corpus / "batch.zip/news/oman.md"), str(corpus / "batch.zip/news/russia.md"), str(corpus / "iraq.md")]


def test_build_of_a_zip_past_zip_max_bytes_stores_what_came_before_and_one_error(tmp_path):
    archive = tmp_path / "many.zip"
    archive.write_bytes(lying_zip(2, 2 * 2**20 // 1114112 * 1114112, members=4))  # members of 1.1 MB each
    summary = build([archive], tmp_path / "s.duckdb", workers=1, max_file_bytes=5 * 2**20, max_article_chars=2_000_000,
                    zip_limits=(2_000, 1_500_000))
    assert summary.added == 1
    [error] = summary.errors
    assert error["path"] == str(archive) and "zip_max_bytes" in error["error"] and "news/m1.txt on are not read" in error["error"]


def test_a_zip_of_too_many_members_is_refused_by_build_and_add(tmp_path, capsys):
    archive = tmp_path / "many.zip"
    archive.write_bytes(lying_zip(1, 10, members=30))
    [error] = read_paths([archive], zip_max_members=20)
    assert error == ReadError(str(archive), "zip holds 30 files, more than the zip_max_members limit (20): split it")
    results = add_records(tmp_path / "s.duckdb", iter_sources([str(archive)], settings=Settings(zip_max_members=20)))
    assert [(r.status, r.item) for r in results] == [("rejected", str(archive))] and "zip_max_members" in results[0].reason


def test_add_of_a_local_zip_counts_members_as_they_decompress(tmp_path):
    archive = tmp_path / "big.zip"
    archive.write_bytes(lying_zip(30, 30 * 2**20 - 1, members=2))  # the headers say 30 MB, under both limits
    settings = Settings(max_file_bytes=5_000_000)
    results = add_records(tmp_path / "s.duckdb", iter_sources([str(archive)], settings=settings), settings=settings)
    assert [r.item for r in results] == [f"{archive}/news/m0.txt", f"{archive}/news/m1.txt"]
    assert all(r.status == "rejected" and "file too large" in r.reason for r in results)


def test_add_on_the_command_line_reads_a_zip_and_names_its_members(tmp_path, capsys):
    archive = _two_articles(tmp_path / "batch.zip")
    assert main(["add", str(archive), "--store", str(tmp_path / "s.duckdb"), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert f"added      {archive}/news/oman.md" in out and f"added      {archive}/news/russia.md" in out


def _sparse_zip(path: Path, big: int) -> None:
    """Write a zip whose first member is stored, ``big`` bytes of a hole (no disk used), and
    whose second member is a real article: honest headers, so the first is refused by size."""
    small = (FIXTURES / "russia-ai-en.md").read_bytes()
    members = [(b"huge.txt", big, 0), (b"russia.md", len(small), zlib.crc32(small))]
    central, offsets = bytearray(), []
    with path.open("wb") as out:
        for (name, size, crc), data in zip(members, [None, small], strict=True):
            offsets.append(out.tell())
            out.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 0, 0, 0x21, crc, size, size, len(name), 0) + name)
            if data is None:
                out.seek(size, io.SEEK_CUR)  # the hole
            else:
                out.write(data)
        for (name, size, crc), offset in zip(members, offsets, strict=True):
            central += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 0, 0, 0x21, crc, size, size,
                                   len(name), 0, 0, 0, 0, 0, offset) + name
        at = out.tell()
        out.write(central + struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 2, 2, len(central), at, 0))


def test_a_zip_larger_than_memory_is_never_read_whole(tmp_path):
    archive = tmp_path / "huge.zip"
    _sparse_zip(archive, 1_500_000_000)  # 1.5 GB on the file system, past the child's 1 GB address space
    run = _capped(f"""
        from techdiplomacy.ingest.add import iter_sources
        from techdiplomacy.readers.corpus import Article, ReadError
        from techdiplomacy.settings import Settings
        records = [record for _, record in iter_sources([{str(archive)!r}], settings=Settings())]
        assert [type(r) for r in records] == [ReadError, Article], records
        assert "file too large" in records[0].error and records[1].title.startswith("Iran and Russia"), records
    """)
    assert run.returncode == 0, run.stderr[-2000:]


def test_a_zip_inside_a_zip_is_not_opened(tmp_path):
    inner = _two_articles(tmp_path / "inner.zip")
    outer = _zip(tmp_path / "outer.zip", {"inner.zip": inner, "news/iraq.md": FIXTURES / "iraq-transit-en.md"})
    records = list(read_paths([outer]))
    assert [type(r) for r in records] == [ReadError, Article]
    assert records[0] == ReadError(f"{outer}/inner.zip", "a zip inside a zip is not read: unpack it and add its files")


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("a.zip.gz", b"\x1f\x8b\x08\x00" + b"\x00" * 20, "compressed zip: decompress it first"),
        ("a.zip", b"PK\x03\x04 not a zip at all", "not a readable zip file"),
        ("a.zip", zipfile.ZipFile.__name__.encode(), "not a readable zip file"),
    ],
)
def test_zips_that_cannot_be_read_are_one_error(name, data, error):
    [record] = read_stream(io.BytesIO(data), name, path=name)
    assert isinstance(record, ReadError) and record.path == name and record.error.startswith(error)


def test_an_empty_zip_says_it_holds_no_articles():
    buffer = io.BytesIO()
    zipfile.ZipFile(buffer, "w").close()
    [record] = read_stream(io.BytesIO(buffer.getvalue()), "a.zip", path="a.zip")
    assert record == ReadError("a.zip", "zip holds no article files")
