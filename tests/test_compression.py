"""Compressed corpora (.gz .bz2 .xz .zst) read as streams, bombs and truncated files refused clearly (#15)."""

import bz2
import gzip
import json
import lzma

import pytest
import zstandard

from techdiplomacy.readers import compression
from techdiplomacy.readers.corpus import Article, ReadError, read_bytes, read_file, read_paths

EN = "Iran and Armenia signed an agreement on information technology in Tehran."
AR = "وقعت إيران وأرمينيا اتفاقية للتعاون في مجال تقنية المعلومات في طهران."
JSONL = "\n".join(json.dumps({"title": f"t{i}", "text": f"{AR} {i}"}, ensure_ascii=False) for i in range(40)).encode()
FEED = f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Vefagh</title>
<item><title>one</title><description>{EN}</description></item></channel></rss>""".encode()

PACK = {
    ".gz": gzip.compress,
    ".bz2": bz2.compress,
    ".xz": lzma.compress,
    ".zst": lambda data: zstandard.ZstdCompressor().compress(data),
}


@pytest.mark.parametrize("suffix", list(PACK))
def test_every_compression_around_jsonl_reads_the_same_articles(tmp_path, suffix):
    plain = [(a.title, a.text) for a in read_bytes(JSONL, "ant.jsonl")]
    path = tmp_path / f"ant.jsonl{suffix}"
    path.write_bytes(PACK[suffix](JSONL))
    results = read_file(path)
    assert [(a.title, a.text) for a in results] == plain and len(plain) == 40
    assert results[0].path == f"{path}#1"


@pytest.mark.parametrize(("name", "data", "texts"), [
    ("feed.xml.gz", FEED, [EN]),
    ("note.txt.bz2", AR.encode(), [AR]),
    ("rows.csv.xz", f"headline,story_text\nt,{EN}\n".encode(), [EN]),
    ("list.json.zst", json.dumps([{"text": AR}, {"text": EN}]).encode(), [AR, EN]),
])  # fmt: skip
def test_compression_around_any_format(name, data, texts):
    suffix = "." + name.rsplit(".", 1)[1]
    assert [a.text for a in read_bytes(PACK[suffix](data), name)] == texts


def test_compression_is_recognised_by_its_magic_bytes_under_a_plain_name():
    assert len(read_bytes(gzip.compress(JSONL), "ant.jsonl")) == 40
    assert len(read_bytes(zstandard.ZstdCompressor().compress(JSONL), "ant.jsonl")) == 40


def test_a_folder_finds_compressed_files(tmp_path):
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(JSONL))
    (tmp_path / "b.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "c.pdf.gz").write_bytes(gzip.compress(b"%PDF"))
    results = list(read_paths([tmp_path]))
    assert len(results) == 41 and all(isinstance(r, Article) for r in results)


def test_a_truncated_gz_gives_its_articles_then_a_clear_error_and_the_folder_goes_on(tmp_path):
    packed = gzip.compress((JSONL + b"\n") * 50)  # 2,000 lines
    (tmp_path / "a.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    (tmp_path / "b.txt").write_text(EN, encoding="utf-8")
    results = list(read_paths([tmp_path]))
    *articles, cut, error, last = results
    assert len(articles) > 800 and all(isinstance(a, Article) for a in articles)
    assert cut.path == f"{tmp_path / 'a.jsonl.gz'}:{len(articles) + 1}" and "malformed JSON" in cut.error  # the line cut
    assert error == ReadError(str(tmp_path / "a.jsonl.gz"), "truncated .gz file: it ends before its end-of-stream marker")
    assert last.text == EN


@pytest.mark.parametrize("suffix", list(PACK))
def test_truncated_streams_of_every_compression_say_so(suffix):
    packed = PACK[suffix]((JSONL + b"\n") * 50)
    results = read_bytes(packed[: len(packed) // 2], f"a.jsonl{suffix}")
    assert results[-1].error.startswith(f"truncated {suffix} file")


def test_corrupt_compressed_data_is_an_error_not_a_crash():
    (error,) = read_bytes(b"\x1f\x8b" + b"\xff" * 100, "a.jsonl.gz")
    assert error.error.startswith("corrupt .gz data")


def test_a_gzip_bomb_is_refused_after_the_articles_before_it(monkeypatch):
    monkeypatch.setattr(compression, "RATIO_AFTER", 2_000_000)
    data = JSONL + b"\n" + b"0" * 50_000_000  # 50 MB of one byte compress ~1000:1
    results = read_bytes(gzip.compress(data, compresslevel=1), "bomb.jsonl.gz")
    assert sum(isinstance(r, Article) for r in results) == 40
    assert results[-1].path == "bomb.jsonl.gz"
    assert "expands more than 200:1" in results[-1].error and "decompression bomb" in results[-1].error


def test_a_total_cap_bounds_what_any_stream_may_expand_to(monkeypatch):
    monkeypatch.setattr(compression, "MAX_TOTAL", 1_000_000)
    (error,) = read_bytes(bz2.compress(b" " * 3_000_000), "spaces.jsonl.bz2")
    assert error.error == ".bz2 file expands past 1 MB; refused as a decompression bomb"


def test_a_compressed_whole_file_format_is_bounded_by_the_file_limit():
    (error,) = read_bytes(gzip.compress(EN.encode() * 1000), "long.txt.gz", max_bytes=10_000)
    assert error == ReadError("long.txt.gz", "file too large: more than 0.01 MB once decompressed")
