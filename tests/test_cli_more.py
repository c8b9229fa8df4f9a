"""CLI: topics without a store, adding from a URL, following feeds (local server only)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from techdiplomacy.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "articles"

PAGE = b"""<html><head><title>Iran and Armenia discuss data centres</title></head><body><nav>Home</nav>
<article><h1>Iran and Armenia discuss data centres</h1><p>Iran's ICT minister met Armenia's
ambassador in Tehran to discuss data centres, internet transit and cybersecurity cooperation
between the two neighbours.</p></article><footer>(c) 2024</footer></body></html>"""
FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Iran and Iraq on fibre</title><link>http://example.org/a</link>
<description>Iran and Iraq agreed to expand fibre links and internet transit.</description></item>
</channel></rss>"""


@pytest.fixture()
def site(monkeypatch):
    monkeypatch.setenv("TECHDIPLOMACY_ALLOW_PRIVATE", "1")  # the server below is on loopback
    routes = {"/page": (PAGE, "text/html"), "/feed": (FEED, "application/rss+xml")}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body, kind = routes.get(self.path, (b"missing", "text/plain"))
            self.send_response(200 if self.path in routes else 404)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_topics_json_without_a_store(capsys, tmp_path):
    assert main(["topics", str(FIXTURES), str(ROOT / "data" / "articles"), "--format", "json", "--k", "3"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert set(payload) == {"topics", "article_topics", "passage_topics"}
    assert len(payload["topics"]) == 3
    assert {"topic_id", "label", "terms", "size"} <= set(payload["topics"][0])
    rows = payload["article_topics"]
    assert {"article_id", "topic_id", "weight"} <= set(rows[0])
    first = {}
    for row in rows:  # the dominant topic comes first for each article
        first.setdefault(row["article_id"], row)
        assert row["weight"] <= first[row["article_id"]]["weight"]
    assert len(first) == 6
    assert not (tmp_path / "store.duckdb").exists()


def test_add_url_and_follow_a_feed(site, tmp_path, capsys):
    store = str(tmp_path / "s.duckdb")
    assert main(["add", f"{site}/page", "--store", store, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["status"] for r in rows] == ["added"]
    assert rows[0]["title"] == "Iran and Armenia discuss data centres"
    assert main(["feeds", "add", f"{site}/feed", "--store", store, "--format", "json"]) == 0
    assert [r["status"] for r in json.loads(capsys.readouterr().out)] == ["added"]
    assert main(["feeds", "list", "--store", store, "--format", "json"]) == 0
    feeds = json.loads(capsys.readouterr().out)
    assert feeds[0]["url"] == f"{site}/feed" and feeds[0]["items_added"] == 1
    assert main(["feeds", "refresh", "--store", store, "--format", "json"]) == 0
    assert [r["status"] for r in json.loads(capsys.readouterr().out)] == ["duplicate"]


def test_add_refuses_loopback_unless_allowed(site, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TECHDIPLOMACY_ALLOW_PRIVATE", "0")
    assert main(["add", f"{site}/page", "--store", str(tmp_path / "s.duckdb"), "--format", "json"]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["status"] == "rejected" and "private" in rows[0]["reason"]
