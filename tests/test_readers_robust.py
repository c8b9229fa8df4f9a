"""Bad bytes in one record or one name cost that record only (issue #18, items 11-15)."""

import json
import os

import pytest

from techdiplomacy.readers.corpus import Article, read_bytes, read_paths
from techdiplomacy.tables import build_tables

EN = "Iran and Armenia signed an agreement on information technology in Tehran."
AR = "وقعت إيران وأرمينيا اتفاقية للتعاون في مجال تقنية المعلومات في طهران."


@pytest.mark.parametrize("field", ["title", "source", "url", "text"])
def test_a_lone_surrogate_in_a_json_field_is_replaced_and_the_article_kept(field):
    record = {"text": EN, "title": "t", "source": "s", "url": "https://x.ir/1"}
    record[field] = record[field] + "\udfff"
    (article,) = read_bytes(json.dumps(record).encode(), "a.json")
    assert getattr(article, field).endswith("\ufffd")
    tables = build_tables([article])  # the store and exports encode every field as UTF-8
    assert len(tables["articles"]) == 1
    tables["articles"].to_csv(index=False).encode("utf-8")


def test_a_folder_with_a_surrogate_file_stores_its_articles(tmp_path):
    from techdiplomacy.store.builder import build

    (tmp_path / "a.json").write_text(json.dumps({"text": EN, "title": "\udfff"}), encoding="utf-8")
    summary = build([tmp_path], tmp_path / "s.duckdb", workers=1)
    assert summary.counts["articles"] == 1


def test_one_bad_jsonl_line_is_one_error_and_the_rest_is_read():
    lines = [
        json.dumps({"text": EN}),
        "[" * 100_000 + "]" * 100_000,
        '{"text": "' + AR + '", "title": "\\udfff"}',
        json.dumps({"text": AR + " 2"}),
    ]
    results = read_bytes("\n".join(lines).encode(), "a.jsonl")
    assert [type(r).__name__ for r in results] == ["Article", "ReadError", "Article", "Article"]
    assert results[1].path == "a.jsonl:2" and "nested" in results[1].error
    assert results[2].title == "\ufffd"


@pytest.mark.skipif(os.name != "posix", reason="POSIX file names are bytes")
def test_a_file_name_that_is_not_utf8_does_not_stop_its_folder(tmp_path):
    from techdiplomacy.store.builder import build

    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as f:
        f.write(EN.encode())
    (tmp_path / "b.txt").write_text(AR, encoding="utf-8")
    results = list(read_paths([tmp_path]))
    assert sorted(r.path for r in results) == sorted([str(tmp_path / "b.txt"), str(tmp_path / "caf\\xe9.txt")])
    assert all(isinstance(r, Article) for r in results)
    summary = build([tmp_path], tmp_path / "s.duckdb", workers=1)
    assert summary.counts["articles"] == 2


def test_ascii_with_stray_nul_bytes_is_read_as_ascii_not_utf16():
    text = ("Iran and Armenia discussed cooperation in cybersecurity and data centres. " * 4).strip()
    data = text.encode().replace(b"cyber", b"cyber\x00", 1)  # one stray NUL
    (article,) = read_bytes(data, "a.txt")
    assert article.text == text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_bomless_utf16_is_still_read(encoding):
    assert read_bytes(EN.encode(encoding), "a.txt")[0].text == EN
    assert read_bytes(AR.encode(encoding), "b.txt")[0].text == AR


def test_a_file_mixing_utf8_and_cp1256_lines_is_decoded_line_by_line():
    second = "تعاون في مجال الاتصالات بين البلدين الجارين"
    data = AR.encode("utf-8") + b"\n" + second.encode("cp1256")
    assert read_bytes(data, "a.txt")[0].text == f"{AR}\n{second}"


def test_jsonl_mixing_utf8_and_cp1256_lines_reads_each_line_right():
    second = "تعاون في مجال الاتصالات بين البلدين الجارين"
    data = json.dumps({"text": AR}, ensure_ascii=False).encode() + b"\n"
    data += json.dumps({"text": second}, ensure_ascii=False).encode("cp1256") + b"\n"
    assert [r.text for r in read_bytes(data, "a.jsonl")] == [AR, second]

