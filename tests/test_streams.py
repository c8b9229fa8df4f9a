"""JSON Lines, CSV and large JSON lists read record by record: any file size, one record's memory (#15)."""

import csv
import gzip
import io
import json
import tracemalloc

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from techdiplomacy.readers.corpus import Article, ReadError, iter_file, read_bytes, read_file
from techdiplomacy.readers.streams import csv_records, json_line, lines

EN = "Iran and Armenia signed an agreement on information technology in Tehran."
AR = "وقعت إيران وأرمينيا اتفاقية للتعاون في مجال تقنية المعلومات في طهران."
FA = "ایران و ارمنستان تفاهم‌نامه همکاری در حوزه فناوری اطلاعات امضا کردند."


def test_lines_skips_a_line_past_the_limit_without_holding_it():
    stream = io.BytesIO(b"short\n" + b"x" * 5000 + b"\nlast")
    got = [(n, line, size) for n, line, size, _ in lines(stream, 100)]
    assert got == [(1, b"short\n", 6), (2, None, 5001), (3, b"last", 4)]


def test_a_jsonl_line_past_the_record_limit_is_one_error_naming_file_and_line(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps({"text": t}) for t in (EN, "x " * 2000, AR)), encoding="utf-8")
    first, second, third = read_file(path, max_record_bytes=1000)
    assert (first.text, third.text) == (EN, AR)
    assert second == ReadError(f"{path}:2", "line 2 too large: 0.0 MB > 0.001 MB per-article limit")


def test_a_jsonl_file_larger_than_the_file_limit_is_read_whole(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(json.dumps({"text": f"{EN} {i}"}) for i in range(200)), encoding="utf-8")
    results = read_file(path, max_bytes=1000)
    assert len(results) == 200 and all(isinstance(r, Article) for r in results)


def test_a_csv_row_with_a_10_mb_cell_is_rejected_by_name_and_the_rest_read(tmp_path):
    path = tmp_path / "export.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["title", "body"])
        writer.writerow(["one", EN])
        writer.writerow(["huge", "متن, \"مقتبس\"\n" * 440_000])  # 10 MB, with quotes and newlines inside
        writer.writerow(["three", AR])
    assert path.stat().st_size > 10_000_000
    first, second, third = read_file(path)  # the default per-article limit: 5 MB
    assert (first.title, first.text, third.title, third.text, third.path) == ("one", EN, "three", AR, f"{path}#3")
    assert second.path == f"{path}#2"
    assert second.error.startswith("row 2 (line 3) too large: 10.") and "5 MB per-article limit" in second.error


def test_csv_records_end_at_newlines_outside_quotes():
    data = b'a,b\n1,"x\n""y""\nz"\n2,w\n'
    assert [(first, rec) for first, rec, _ in csv_records(io.BytesIO(data), 1000)] == [
        (1, b"a,b\n"), (2, b'1,"x\n""y""\nz"\n'), (5, b"2,w\n"),
    ]  # fmt: skip


def test_a_csv_with_a_malformed_row_reads_the_others():
    content = f'title,text\nا,"{AR}"\nب,"{FA}" زائد\nج,{EN}\n'
    results = read_bytes(content.encode(), "m.csv")
    assert [type(r).__name__ for r in results] == ["Article", "ReadError", "Article"]
    assert results[1] == ReadError("m.csv#2", "malformed CSV at line 3: ',' expected after '\"'")
    assert results[2].path == "m.csv#3"


def test_utf16_jsonl_and_csv_stream():
    jsonl = "\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in (AR, FA)).encode("utf-16")
    assert [a.text for a in read_bytes(jsonl, "w.jsonl")] == [AR, FA]
    tsv = f"title\ttext\nt\t{FA}\n".encode("utf-16-le")
    assert [a.text for a in read_bytes(tsv, "w.tsv")] == [FA]


def test_a_json_list_larger_than_the_file_limit_is_read_item_by_item():
    items = [{"title": f"t{i}", "content": f"{EN} {i}"} for i in range(50)]
    data = json.dumps(items).encode()
    results = read_bytes(data, "list.json", max_bytes=500)
    assert [a.title for a in results] == [f"t{i}" for i in range(50)]
    assert results[3].path == "list.json#4"
    broken = read_bytes(data[: len(data) // 2], "cut.json", max_bytes=500)
    assert all(isinstance(r, Article) for r in broken[:-1]) and len(broken) > 10
    assert isinstance(broken[-1], ReadError) and broken[-1].error.startswith(f"malformed JSON in item {len(broken)}")


def test_a_json_list_item_past_the_record_limit_is_one_error_naming_file_and_item(tmp_path):
    items = [
        {"title": "one", "text": EN, "tags": ["a", {"b": 1}]},
        {"title": "huge", "text": AR, "paragraphs": [FA * 20] * 40},  # ~120 KB of keys and strings
        {"title": "three", "text": FA},
        "not an object",
        {"title": "five", "text": AR * 60},  # ~8 KB of Arabic: under the limit in UTF-8
    ]
    data = json.dumps(items, ensure_ascii=False).encode()
    first, second, third, fourth, fifth = read_bytes(data, "list.json", max_bytes=500, max_record_bytes=50_000)
    assert (first.title, third.title, third.text, third.path, fifth.title) == ("one", "three", FA, "list.json#3", "five")
    assert second == ReadError("list.json#2", "item 2 too large: 0.1 MB > 0.05 MB per-article limit")
    assert isinstance(fourth, ReadError) and fourth.path == "list.json#4"
    # the limit counts UTF-8 bytes, as a JSONL line's does: the same items one per line agree
    lines_ = "\n".join(json.dumps(item, ensure_ascii=False) for item in items).encode()
    by_line = read_bytes(lines_, "list.jsonl", max_record_bytes=50_000)
    assert [type(r) for r in by_line] == [type(r) for r in (first, second, third, fourth, fifth)]


def test_a_json_list_item_past_the_limit_is_dropped_as_it_is_parsed_not_held(tmp_path):
    path = tmp_path / "export.json"
    paragraph = "x" * 500
    with path.open("w", encoding="utf-8") as f:  # 2 articles around one 12 MB item of 24,000 paragraphs
        f.write(json.dumps([{"title": "a", "text": EN}])[:-1] + ", ")
        f.write(json.dumps({"title": "huge", "text": EN, "paragraphs": [paragraph] * 24_000}) + ", ")
        f.write(json.dumps({"title": "c", "text": AR}) + "]")
    tracemalloc.start()
    try:
        first, second, third = read_file(path, max_bytes=1_000_000)  # the default 5 MB per article
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (first.title, third.title, third.text) == ("a", "c", AR)
    assert second.path == f"{path}#2" and second.error.startswith("item 2 too large: 12.")
    assert peak < 8_000_000, f"peak {peak / 1e6:.1f} MB reading past a 12 MB item"  # the item's first 5 MB at most


def test_a_large_json_object_is_refused_with_a_pointer_to_jsonl():
    data = json.dumps({"text": EN * 100}).encode()
    (error,) = read_bytes(data, "one.json", max_bytes=500)
    assert "not a list" in error.error and "JSON Lines" in error.error


def test_reading_a_large_jsonl_gz_holds_one_record_not_the_file(tmp_path):
    path = tmp_path / "many.jsonl.gz"
    body = " ".join([EN] * 25)  # ~1.9 KB an article
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for i in range(6000):
            f.write(json.dumps({"title": f"t{i}", "text": f"{i} {body}"}) + "\n")
    tracemalloc.start()
    try:
        count = sum(isinstance(r, Article) for r in iter_file(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 6000
    assert peak < 6_000_000, f"peak {peak / 1e6:.1f} MB while streaming 11.5 MB of JSONL"  # buffers, not the file


# --- property: the streamed reader yields what reading the whole text line by line yields ---------

_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30)
_VALUES = st.one_of(_TEXT, st.integers(), st.none(), st.lists(st.integers(), max_size=2))
_OBJECTS = st.dictionaries(st.sampled_from(["text", "title", "content", "date", "url", "x"]), _VALUES, max_size=4)
_LINES = st.one_of(
    _OBJECTS.map(lambda o: json.dumps(o, ensure_ascii=False)),
    _OBJECTS.map(json.dumps),
    st.lists(st.sampled_from(list('{}[]":, \t\rtext1ای') + ["\u2028", "\\u", '"\\udfff"']), max_size=12).map("".join),
)


def _whole_file(text: str, path: str) -> list[Article | ReadError]:
    lines_ = [line.removesuffix("\r") for line in text.split("\n")]
    out = [json_line(line, path, n) for n, line in enumerate(lines_, 1) if line.strip()]
    return out or [ReadError(path, "empty file (only whitespace)" if text else "empty file")]


@given(lines_=st.lists(_LINES, max_size=12), end=st.sampled_from(["", "\n", "\r\n"]))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_streamed_jsonl_yields_the_records_of_the_whole_text(tmp_path, lines_, end):
    text = "\n".join(lines_) + (end if lines_ else "")
    plain, packed = tmp_path / "p.jsonl", tmp_path / "p.jsonl.gz"
    plain.write_bytes(text.encode("utf-8", "surrogatepass"))
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    expected = _whole_file(text, "p.jsonl")
    assert read_bytes(plain.read_bytes(), "p.jsonl") == expected
    assert [_renamed(r, str(packed), "p.jsonl") for r in read_file(packed)] == expected


def _renamed(record, old: str, new: str):
    path = record.path.replace(old, new)
    if isinstance(record, ReadError):
        return ReadError(path, record.error)
    return Article(**{**{k: getattr(record, k) for k in record.__slots__}, "path": path})


def test_build_pulls_articles_as_it_writes_them_not_the_whole_file_first(tmp_path, monkeypatch):
    from techdiplomacy.store import builder
    from techdiplomacy.store.database import Store

    path = tmp_path / "many.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        words = ("satellite", "fibre", "cybersecurity", "datacentre", "telecom", "startup", "software", "cloud", "AI")
        for i in range(60):
            topic = " ".join(words[(i + k) % len(words)] for k in range(4))
            f.write(json.dumps({"text": f"Iran and Armenia discussed {topic} cooperation in Tehran, meeting {i}."}) + "\n")
    pulled, at_first_write = [], []
    reader = builder.read_paths

    def counting(*args, **kwargs):
        for record in reader(*args, **kwargs):
            pulled.append(record)
            yield record

    def add_tables(self, tables, **kwargs):
        if not at_first_write:
            at_first_write.append(len(pulled))
        return original(self, tables, **kwargs)

    original = Store.add_tables
    monkeypatch.setattr(builder, "read_paths", counting)
    monkeypatch.setattr(Store, "add_tables", add_tables)
    summary = builder.build([path], tmp_path / "s.duckdb", batch_size=10, workers=1)
    assert summary.added == 60 and len(pulled) == 60
    assert at_first_write[0] <= 21  # two batches read ahead at most: the file was not read whole first


# --- column names as exports name them -------------------------------------------------------

_EXPORT_NAMES = {  # the names issue #15 lists, as exports spell them
    "text": ["content", "body", "story_text", "article_text", "maintext"],
    "title": ["headline"],
    "published": ["publish_date", "date_publish", "pubDate", "published_at"],
    "source": ["media_name", "domain", "outlet"],
}
_VALUES_BY_FIELD = {"text": EN, "title": "A headline", "published": "2024-08-12", "source": "irna.ir"}


def test_every_export_column_name_reads_to_its_field_in_jsonl_and_csv():
    import datetime

    for field, names in _EXPORT_NAMES.items():
        for name in names:
            record = {"text": AR, **{name: _VALUES_BY_FIELD[field]}} if field != "text" else {name: EN}
            jsonl = json.dumps(record).encode()
            header, row = ",".join(record), ",".join(record.values())
            for article in (read_bytes(jsonl, "e.jsonl")[0], read_bytes(f"{header}\n{row}\n".encode(), "e.csv")[0]):
                got = {"text": article.text, "title": article.title, "source": article.source, "published": article.published}
                want = datetime.date(2024, 8, 12) if field == "published" else _VALUES_BY_FIELD[field]
                assert got[field] == want, (name, article)


def test_the_readme_documents_the_column_names_the_readers_know():
    from pathlib import Path

    from techdiplomacy.readers.article import FIELDS

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    table = readme.split("**Column names as exports name them.**", 1)[1].split("\n\n", 2)[1]
    documented = {}
    for line in table.splitlines()[2:]:
        field, names = (cell.strip() for cell in line.strip("|").split("|"))
        documented[field.strip("`")] = (field.strip("`"), *(n.strip(" `").lower() for n in names.split(",")))
    assert documented == {field: tuple(names) for field, names in FIELDS.items()}
