"""Adding articles: files, zips, pasted text; duplicates and bad inputs; crashes; concurrency."""

import io
import json
import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from techdiplomacy.cli import main
from techdiplomacy.ingest.add import add_records, read_pasted, read_sources, read_upload
from techdiplomacy.settings import Settings
from techdiplomacy.store.builder import build
from techdiplomacy.store.database import load_tables

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
SETTINGS = Settings()


def _add(store, sources):
    return add_records(store, read_sources([str(s) for s in sources], settings=SETTINGS), settings=SETTINGS)


@pytest.fixture()
def store(tmp_path) -> Path:
    path = tmp_path / "store.duckdb"
    build([ROOT / "data" / "articles"], path)
    return path


def test_add_file_then_duplicate(store):
    first = _add(store, [FIXTURES / "iraq-transit-en.md"])
    assert [r.status for r in first] == ["added"]
    again = _add(store, [FIXTURES / "iraq-transit-en.md"])
    assert [r.status for r in again] == ["duplicate"]
    tables = load_tables(store)
    assert len(tables["articles"]) == 2
    new_id = first[0].article_id
    assert (tables["mentions"]["article_id"] == new_id).any()
    assert (tables["article_topics"]["article_id"] == new_id).any()  # assigned to a topic at once


def test_bad_inputs_are_rejected_with_reasons(store, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "broken.json").write_text('{"text": "x"', encoding="utf-8")
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    results = _add(store, [tmp_path / "empty.txt", tmp_path / "binary.txt", tmp_path / "broken.json", big])
    assert [r.status for r in results] == ["rejected"] * 4
    reasons = [r.reason for r in results]
    assert "empty" in reasons[0]
    assert "binary" in reasons[1]
    assert "JSON" in reasons[2] or "json" in reasons[2]
    assert "too large" in reasons[3] and "MB" in reasons[3]
    assert len(load_tables(store)["articles"]) == 1


def test_html_with_script_is_stored_as_text_only(store):
    page = b"""<html><head><title>Iran and Iraq</title></head><body><article><h1>Iran and Iraq</h1>
    <p>Iran's ICT minister met Iraq's minister in Baghdad to discuss internet transit and data centres.</p>
    <p>The two sides agreed to expand fibre links. <img src=x onerror="alert(1)"></p>
    <script>alert('x')</script></article></body></html>"""
    results = add_records(store, [("page.html", r) for r in read_upload("page.html", page, settings=SETTINGS)], settings=SETTINGS)
    assert [r.status for r in results] == ["added"]
    text = load_tables(store)["articles"].set_index("article_id").loc[results[0].article_id, "text"]
    assert "internet transit" in text
    assert "<script" not in text and "onerror" not in text and "<img" not in text


def test_pasted_text_keeps_markup_as_plain_text(store):
    pasted = read_pasted("<script>alert(1)</script> Iran and Armenia discussed cybersecurity.", title="Pasted", date="2024-08-12")
    results = add_records(store, [("pasted", r) for r in pasted], settings=SETTINGS)
    assert results[0].status == "added"
    row = load_tables(store)["articles"].set_index("article_id").loc[results[0].article_id]
    assert row["text"].startswith("<script>alert(1)</script>")
    assert str(row["published"].date()) == "2024-08-12"


def test_zip_upload_reads_members_and_reports_bad_ones(store):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.write(FIXTURES / "oman-space-ar.md", "news/oman.md")
        archive.write(FIXTURES / "russia-ai-en.md", "news/russia.md")
        archive.writestr("news/bad.json", "[")
        archive.writestr("__MACOSX/._oman.md", "junk")
    records = read_upload("batch.zip", buffer.getvalue(), settings=SETTINGS)
    results = add_records(store, [("batch.zip", r) for r in records], settings=SETTINGS)
    assert sorted(r.status for r in results) == ["added", "added", "rejected"]
    assert any(r.item.endswith("news/bad.json") for r in results if r.status == "rejected")


def test_cli_add_reports_each_item(store, capsys, tmp_path):
    (tmp_path / "bad.json").write_text("[", encoding="utf-8")
    assert main(["add", str(FIXTURES / "russia-ai-en.md"), str(tmp_path / "bad.json"), "--store", str(store), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["status"] for r in rows] == ["added", "rejected"]


_ADDER = """
import sys
from pathlib import Path
from techdiplomacy.readers.corpus import read_bytes
from techdiplomacy.ingest.add import add_records
store, prefix, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
records = []
for i in range(n):
    text = f"{prefix} article {i}: Iran and Armenia discussed data centres and cybersecurity in Tehran, item {i}."
    records += [(f"{prefix}{i}", r) for r in read_bytes(text.encode(), f"{prefix}{i}.txt")]
def progress(stage, done, total):
    print(done, flush=True)
add_records(store, records, progress=progress)
"""


def _adder(store: Path, prefix: str, n: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "lib")}
    return subprocess.Popen([sys.executable, "-c", _ADDER, str(store), prefix, str(n)], stdout=subprocess.PIPE, text=True, env=env)


def test_killed_ingest_leaves_a_readable_store_with_everything_added_before(store):
    proc = _adder(store, "killed", 400)
    for line in proc.stdout:
        if int(line) >= 5:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    tables = load_tables(store)
    titles = tables["articles"]["title"].tolist()
    assert "تطوير التعاون بين إيران وأرمينيا في مجال الاتصالات وتكنولوجيا المعلومات" in titles
    killed = tables["articles"][tables["articles"]["path"].str.startswith("killed")]
    assert len(killed) >= 5
    # every stored article has all its rows: no half article
    assert set(killed["article_id"]) <= set(tables["mentions"]["article_id"])


def test_two_adders_at_once_both_succeed(store):
    a, b = _adder(store, "alpha", 15), _adder(store, "beta", 15)
    assert a.wait(timeout=120) == 0 and b.wait(timeout=120) == 0
    paths = load_tables(store)["articles"]["path"]
    assert paths.str.startswith("alpha").sum() == 15
    assert paths.str.startswith("beta").sum() == 15


def test_two_sessions_in_one_process_add_at_once(store):
    """Two dashboard sessions are two threads of one server process."""
    import threading

    from techdiplomacy.readers.corpus import read_bytes

    results = {}

    def session(prefix):
        records = []
        for i in range(8):
            text = f"{prefix} {i}: Iran and Iraq discussed internet transit and fibre links in Baghdad, note {prefix}{i}."
            records += [(f"{prefix}{i}", r) for r in read_bytes(text.encode(), f"{prefix}{i}.txt")]
        results[prefix] = add_records(store, records, settings=SETTINGS)

    threads = [threading.Thread(target=session, args=(p,)) for p in ("left", "right")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(r.status == "added" for p in ("left", "right") for r in results[p])
    paths = load_tables(store)["articles"]["path"]
    assert paths.str.startswith("left").sum() == 8 and paths.str.startswith("right").sum() == 8
