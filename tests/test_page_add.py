"""The Add articles page, driven through AppTest: uploads (several files, a zip, bad inputs),
pasted text, a web page and a feed from a local server, duplicates; new articles show at once."""

import io
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "articles"

PAGE = """<html><head><title>Iran and Iraq sign a data transit deal</title></head><body>
<nav>Home | World | Contact</nav><article><h1>Iran and Iraq sign a data transit deal</h1>
<p>Iran's ICT minister met Iraq's minister of communications in Baghdad on Monday and signed a
memorandum on internet transit, fibre links and a joint data centre near Basra.</p>
<p>The two sides also agreed to train ICT specialists and to cooperate on cybersecurity.</p>
</article><footer>Copyright 2024</footer></body></html>"""
FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>ICT news</title>
<item><title>Iran and Oman discuss satellites</title><link>http://example.org/1</link>
<description>Iran and Oman discussed satellite launches and the space industry in Muscat.</description>
<pubDate>Mon, 12 Aug 2024 10:00:00 GMT</pubDate></item>
<item><title>Iran and China discuss AI</title><link>http://example.org/2</link>
<description>Iran and China discussed artificial intelligence and data centres in Beijing.</description></item>
</channel></rss>"""

LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    + b']><rss version="2.0"><channel><title>x</title><item><title>&lol9;</title></item></channel></rss>'
)


@pytest.fixture()
def site():
    routes = {"/page": (PAGE, "text/html; charset=utf-8"), "/feed": (FEED, "application/rss+xml")}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body, kind = routes.get(self.path, ("missing", "text/plain"))
            data = body.encode("utf-8")
            self.send_response(200 if self.path in routes else 404)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture()
def app(monkeypatch, tmp_path):
    empty = tmp_path / "corpus"
    empty.mkdir()
    monkeypatch.setenv("TECHDIPLOMACY_DATA", str(empty))
    monkeypatch.setenv("TECHDIPLOMACY_STORE", str(tmp_path / "store.duckdb"))
    monkeypatch.setenv("TECHDIPLOMACY_ALLOW_PRIVATE", "1")  # the test server is on loopback
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/add.py")
    at.run()
    assert not at.exception
    return at


def _button(at, label):
    return next(b for b in at.button if b.label == label)


def _results(at) -> list[dict]:
    """The per-item results table of the last action on the page."""
    # the screen shows headers and statuses as words of the display language (English here)
    frames = [d.value for d in at.dataframe if "Result" in d.value.columns]
    columns = {"Item": "item", "Result": "status", "Title": "title", "Reason": "reason"}
    return frames[-1].rename(columns=columns).replace({"—": ""}).to_dict("records")


def _articles(at) -> int:
    at.switch_page("pages/overview.py").run()
    return int(next(m.value for m in at.metric if m.label == "Articles"))


def test_upload_files_zip_and_bad_inputs(app):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(FIXTURES / "oman-space-ar.md", "oman.md")
        zf.write(FIXTURES / "russia-ai-en.md", "russia.md")
    files = [
        ("iraq.md", (FIXTURES / "iraq-transit-en.md").read_bytes(), "text/markdown"),
        ("batch.zip", archive.getvalue(), "application/zip"),
        ("empty.txt", b"", "text/plain"),
        ("binary.txt", bytes(range(256)) * 4, "text/plain"),
        ("broken.json", b'{"text": ', "application/json"),
        ("big.txt", b"a" * (50 * 1024 * 1024), "text/plain"),
        ("laughs.xml", LAUGHS, "application/rss+xml"),
        ("script.html", PAGE.replace("</article>", "<script>alert(1)</script><img src=x onerror=alert(2)></article>").encode(), "text/html"),
    ]
    app.file_uploader[0].set_value(files).run()
    _button(app, "Add files").click().run()
    assert not app.exception
    rows = _results(app)
    statuses = {Path(r["item"]).name.split("/")[-1]: r["status"] for r in rows}
    assert statuses == {
        "upload:iraq.md": "added", "oman.md": "added", "russia.md": "added", "upload:empty.txt": "rejected",
        "upload:binary.txt": "rejected", "upload:broken.json": "rejected", "upload:big.txt": "rejected",
        "upload:script.html": "added", "upload:laughs.xml": "rejected",
    }
    reasons = {r["item"]: r["reason"] for r in rows if r["status"] == "rejected"}
    assert "too large" in reasons["upload:big.txt"]
    assert "entit" in reasons["upload:laughs.xml"].lower() or "dtd" in reasons["upload:laughs.xml"].lower()
    assert app.caption[0].value == "4 articles"  # the count under the title is the new one at once
    assert _articles(app) == 4
    # the same files again are duplicates, nothing is added twice
    app.switch_page("pages/add.py").run()
    app.file_uploader[0].set_value(files[:1]).run()
    _button(app, "Add files").click().run()
    assert [r["status"] for r in _results(app)] == ["duplicate"]


def test_compressed_jsonl_and_parquet_uploads_and_the_stated_limit(app):
    import gzip
    import json
    import tomllib

    import pyarrow as pa
    import pyarrow.parquet as pq

    from techdiplomacy.settings import Settings

    configured = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert configured["server"]["maxUploadSize"] == Settings().max_upload_mb  # what the uploader takes
    assert any(f"Up to {Settings().max_upload_mb} MB per file" in c.value for c in app.caption)  # what the page says
    lines = [{"headline": f"Iran and Oman {i}", "content": f"Iran and Oman discussed satellite launch number {i} in Muscat."}
             for i in range(3)]
    packed = gzip.compress("\n".join(json.dumps(x) for x in lines).encode())
    table = io.BytesIO()
    pq.write_table(pa.table({"maintext": ["Iran and China discussed artificial intelligence and data centres in Beijing."]}), table)
    app.file_uploader[0].set_value([
        ("ant.jsonl.gz", packed, "application/gzip"), ("export.parquet", table.getvalue(), "application/octet-stream"),
    ]).run()
    _button(app, "Add files").click().run()
    assert not app.exception
    assert [r["status"] for r in _results(app)] == ["added"] * 4


def test_paste_text(app):
    form = app.text_area[0]
    form.set_value("قال وزير الاتصالات الإيراني إن التعاون مع العراق في الأمن السيبراني سيتوسع.")
    next(t for t in app.text_input if t.label.startswith("Title")).set_value("نص ملصق")
    next(t for t in app.text_input if t.label.startswith("Date")).set_value("۲۲ مرداد ۱۴۰۳")
    next(b for b in app.button if b.label == "Add text").click().run()
    rows = _results(app)
    assert rows[0]["status"] == "added" and rows[0]["title"] == "نص ملصق"
    assert _articles(app) == 1


def test_web_page_and_feed_from_a_local_server(app, site):
    next(t for t in app.text_input if t.label.startswith("Web page URL")).set_value(f"{site}/page").run()
    _button(app, "Fetch and add").click().run()
    rows = _results(app)
    assert [r["status"] for r in rows] == ["added"]
    assert rows[0]["title"] == "Iran and Iraq sign a data transit deal"
    next(t for t in app.text_input if t.label.startswith("Feed URL")).set_value(f"{site}/feed").run()
    _button(app, "Follow feed and fetch it now").click().run()
    assert [r["status"] for r in _results(app)] == ["added", "added"]
    assert f"{site}/feed" in app.dataframe[-1].value["Address"].tolist()
    _button(app, "Refresh feeds").click().run()
    assert [r["status"] for r in _results(app)] == ["duplicate", "duplicate"]
    assert _articles(app) == 3


def test_private_addresses_are_refused_unless_allowed(app, site, monkeypatch):
    monkeypatch.setenv("TECHDIPLOMACY_ALLOW_PRIVATE", "0")
    next(t for t in app.text_input if t.label.startswith("Web page URL")).set_value(f"{site}/page").run()
    _button(app, "Fetch and add").click().run()
    rows = _results(app)
    assert rows[0]["status"] == "rejected" and "private" in rows[0]["reason"]


@pytest.mark.parametrize("lang", ["en", "ar", "fa"])
def test_the_uploader_speaks_the_display_language(monkeypatch, tmp_path, lang):
    from techdiplomacy.i18n.phrases import t
    from techdiplomacy.settings import Settings

    monkeypatch.setenv("TECHDIPLOMACY_DATA", str(tmp_path))
    monkeypatch.setenv("TECHDIPLOMACY_STORE", str(tmp_path / "store.duckdb"))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/add.py").run()
    assert not at.exception
    style = next(h.proto.body for h in at.get("html") if "stFileUploaderDropzone" in h.proto.body)
    for phrase in (t("upload_button", lang), t("upload_hint", lang, upload_mb=Settings().max_upload_mb), t("upload_dragging", lang)):
        assert f'content: "{phrase}"' in style
    assert at.file_uploader[0].label == t("upload_label", lang)
