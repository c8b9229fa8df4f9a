"""Memory per article and per uploaded zip is bounded (issue 18, items 5 and 6): runs under an
address-space cap.

Each case runs in a subprocess with ``RLIMIT_AS`` set, so a regression fails with a memory
error there instead of taking the test machine down.
"""

import struct
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest

resource = pytest.importorskip("resource")

LIB = Path(__file__).resolve().parents[1] / "lib"
#: Address space allowed to the child: the imports take some 500 MB of it; before the evidence
#: windows the text below needed more than 6 GB.
CAP_MB = 1000


def _capped(code: str) -> subprocess.CompletedProcess:
    script = f"import resource\nresource.setrlimit(resource.RLIMIT_AS, ({CAP_MB} << 20, {CAP_MB} << 20))\n"
    script += textwrap.dedent(code)
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=False,
        env={"PYTHONPATH": str(LIB), "PATH": "/usr/bin:/bin", "TECHDIPLOMACY_WORKERS": "1"},
    )


def test_text_without_full_stops_extracts_within_the_cap():
    run = _capped("""
        from techdiplomacy import schema
        from techdiplomacy.readers.article import make_article
        from techdiplomacy.tables import extract_articles
        article = make_article({"text": "Iran Armenia ICT " * 8000, "title": "t"}, "p")
        parts = extract_articles([article])
        mentions = schema.arrow_table("mentions", parts[0]["mentions"])  # what the build writes
        assert mentions.num_rows == 24000, mentions.num_rows
        assert max(len(row["sentence"]) for row in parts[0]["mentions"]) <= 1100
    """)
    assert run.returncode == 0, run.stderr[-2000:]


def test_an_article_above_the_limit_is_one_error_and_the_rest_is_read():
    from techdiplomacy.readers.article import make_article
    from techdiplomacy.tables import build_tables

    big = make_article({"text": "Iran Armenia ICT " * 200, "title": "big"}, "big.txt")
    small = make_article({"text": "Iran and Armenia signed an ICT deal.", "title": "small"}, "small.txt")
    tables = build_tables([big, small], max_article_chars=1000)
    assert tables["articles"]["path"].tolist() == ["small.txt"]
    [error] = tables["errors"].to_dict("records")
    assert error["path"] == "big.txt"
    assert "max_article_chars" in error["error"] and "3,399 characters" in error["error"]


def test_add_refuses_an_article_above_the_limit_and_adds_the_others(tmp_path):
    from techdiplomacy.ingest.add import add_records
    from techdiplomacy.readers.article import make_article
    from techdiplomacy.settings import Settings

    big = make_article({"text": "Iran Armenia ICT " * 200, "title": "big"}, "big.txt")
    small = make_article({"text": "Iran and Armenia signed an ICT deal.", "title": "small"}, "small.txt")
    results = add_records(tmp_path / "s.duckdb", [("big.txt", big), ("small.txt", small)],
                          settings=Settings(max_article_chars=1000, store_path=tmp_path / "s.duckdb"))
    assert [r.status for r in results] == ["rejected", "added"]
    assert "max_article_chars" in results[0].reason


# -- zip members are counted while they decompress (issue 18, item 6) ---------------------------


def lying_zip(real_mb: int, said: int, members: int = 1) -> bytes:
    """Return a zip of ``members`` files that each expand to ``real_mb`` MB of text while their
    headers (local and central) say ``said`` bytes: the deflate stream is one compressed
    megabyte repeated (a full flush resets the compressor, so each repeat is byte-identical)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"Iran Armenia ICT " * (1 << 16)
    piece = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeats = real_mb * 2**20 // len(chunk)
    stream = piece * repeats + compressor.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(repeats if said == repeats * len(chunk) else 0):  # honest headers: a true CRC too
        crc = zlib.crc32(chunk, crc)
    out, central = bytearray(), bytearray()
    for i in range(members):
        name, offset = f"news/m{i}.txt".encode(), len(out)
        out += struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(stream), said, len(name), 0)
        out += name + stream
        central += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, crc, len(stream), said,
                               len(name), 0, 0, 0, 0, 0, offset) + name
    at = len(out)
    out += central + struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, members, members, len(central), at, 0)
    return bytes(out)


def test_a_zip_whose_headers_lie_is_read_within_the_cap(tmp_path):
    bomb = tmp_path / "bomb.zip"
    bomb.write_bytes(lying_zip(1500, 100, members=3))  # 4.5 GB said to be 300 bytes
    run = _capped(f"""
        from techdiplomacy.ingest.add import read_upload
        from techdiplomacy.settings import Settings
        records = read_upload("bomb.zip", open({str(bomb)!r}, "rb").read(), settings=Settings())
        assert len(records) == 3 and all("cannot extract" in r.error for r in records), records
    """)
    assert run.returncode == 0, run.stderr[-2000:]


def test_zip_members_are_stopped_at_the_file_limit_as_they_decompress():
    from techdiplomacy.ingest.add import read_upload
    from techdiplomacy.settings import Settings

    # honest headers would be refused at once; these say 30 MB, under neither limit's check alone
    records = read_upload("big.zip", lying_zip(30, 30 * 2**20 - 1, members=2), settings=Settings(max_file_bytes=5_000_000))
    assert [r.path for r in records] == ["upload:big.zip/news/m0.txt", "upload:big.zip/news/m1.txt"]
    assert all("file too large" in r.error for r in records)


def test_a_zip_past_its_total_is_one_error_naming_where_reading_stopped():
    from techdiplomacy.ingest.add import read_upload
    from techdiplomacy.settings import Settings

    settings = Settings(max_file_bytes=5 * 2**20, zip_max_bytes=1_500_000)  # members of 1.1 MB each
    records = read_upload("many.zip", lying_zip(2, 2 * 2**20 // 1114112 * 1114112, members=4), settings=settings)
    assert [type(r).__name__ for r in records] == ["Article", "ReadError"]
    assert "zip_max_bytes" in records[-1].error and "news/m1.txt" in records[-1].error


def test_a_zip_of_too_many_members_is_refused_before_reading():
    from techdiplomacy.ingest.add import read_upload
    from techdiplomacy.settings import Settings

    [error] = read_upload("many.zip", lying_zip(1, 10, members=30), settings=Settings(zip_max_members=20))
    assert "30 files" in error.error and "zip_max_members" in error.error
