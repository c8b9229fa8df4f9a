"""Parquet files and WARC/ARC web archives written here (pyarrow, warcio) read to the expected articles (#15)."""

import datetime
import io

import pyarrow as pa
import pyarrow.parquet as pq
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from techdiplomacy.readers.corpus import Article, ReadError, read_bytes, read_file

EN = "Iran's ICT minister met Armenia's minister in Yerevan to discuss data centres and internet transit."
AR = "التقى وزير الاتصالات الإيراني نظيره الأرمني في يريفان لبحث مراكز البيانات وعبور الإنترنت بين البلدين."


def _parquet(path, table: dict, row_group_size: int = 2) -> None:
    pq.write_table(pa.table(table), path, row_group_size=row_group_size)


def test_parquet_rows_become_articles_with_columns_mapped_like_csv(tmp_path):
    path = tmp_path / "export.parquet"
    _parquet(path, {
        "headline": ["one", "two", "three", "four", "five"],
        "maintext": [EN, AR, "", f"{EN} 4", f"{AR} 5"],
        "date_publish": [datetime.datetime(2024, 8, 12, 9, 30)] * 5,
        "domain": ["irna.ir"] * 5,
        "html": ["<html>not read</html>"] * 5,
    })  # fmt: skip
    results = read_file(path)
    assert [type(r).__name__ for r in results] == ["Article", "Article", "ReadError", "Article", "Article"]
    first = results[0]
    assert (first.title, first.text, first.published, first.source, first.path) == (
        "one", EN, datetime.date(2024, 8, 12), "irna.ir", f"{path}#1",
    )  # fmt: skip
    assert results[2] == ReadError(f"{path}#3", "empty text in row 3")
    assert results[4].path == f"{path}#5" and results[4].language == "ar"


def test_parquet_with_map_and_without_a_text_column(tmp_path):
    path = tmp_path / "odd.parquet"
    _parquet(path, {"story": [EN], "head": ["t"]})
    (error,) = read_file(path)
    assert error.error == "no 'text' column (or body/content) in the Parquet file: story, head"
    (article,) = read_file(path, columns={"text": "story", "title": "head"})
    assert (article.text, article.title) == (EN, "t")


def test_parquet_upload_and_a_broken_one():
    buffer = io.BytesIO()
    pq.write_table(pa.table({"text": [EN, AR]}), buffer)
    assert [a.text for a in read_bytes(buffer.getvalue(), "up.parquet")] == [EN, AR]
    (error,) = read_bytes(b"PAR1 not really", "bad.parquet")
    assert error.error.startswith("not a readable Parquet file")


def _warc(gzipped: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))

    def response(uri, body: bytes, content_type: str, status: str = "200 OK", date="2024-08-12T10:00:00Z"):
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers,
                                           warc_headers_dict={"WARC-Date": date})
        writer.write_record(record)

    page = f"""<html><head><title>Iran and Armenia</title></head><body><article><h1>Iran and Armenia</h1>
        <p>{EN}</p><p>{EN}</p></article></body></html>"""
    response("https://irna.ir/news/1", page.encode(), "text/html; charset=utf-8")
    arabic = f"""<html lang="ar" dir="rtl"><head><title>إيران وأرمينيا</title></head><body><article>
        <h1>إيران وأرمينيا</h1><p>{AR}</p><p>{AR}</p></article></body></html>"""
    response("https://alvefagh.ir/2", arabic.encode("cp1256"), "text/html; charset=windows-1256", date="2023-03-01T00:00:00Z")
    response("https://irna.ir/logo.png", b"\x89PNG\r\n", "image/png")
    response("https://irna.ir/old", b"", "text/html", status="301 Moved Permanently")
    return out.getvalue()


def test_warc_html_responses_become_articles_and_the_rest_is_counted(tmp_path):
    for name, gzipped in (("crawl.warc", False), ("crawl.warc.gz", True)):
        path = tmp_path / name
        path.write_bytes(_warc(gzipped))
        first, second, skipped = read_file(path)
        assert isinstance(first, Article) and isinstance(second, Article)
        assert (first.url, first.published, first.title) == ("https://irna.ir/news/1", datetime.date(2024, 8, 12), "Iran and Armenia")
        assert EN in first.text and first.path == f"{path}#2"
        assert (second.url, second.language, second.published) == ("https://alvefagh.ir/2", "ar", datetime.date(2023, 3, 1))
        assert AR in second.text  # the HTTP header's charset
        assert skipped == ReadError(str(path), "3 records skipped, not HTML responses: image/png 1, status 301 1, warcinfo 1")


def test_a_truncated_warc_gz_keeps_what_came_before():
    data = _warc(True)
    results = read_bytes(data[: len(data) - 200], "cut.warc.gz")
    assert isinstance(results[0], Article)
    assert any(isinstance(r, ReadError) and "truncated" in r.error for r in results)
