"""fetch: bounded, safe fetching, against a server the tests start on 127.0.0.1 only."""

from __future__ import annotations

import ipaddress
import threading
import time
import tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from techdiplomacy.ingest import addresses
from techdiplomacy.ingest import fetch as fetch_module
from techdiplomacy.ingest.addresses import FetchError, address_problem
from techdiplomacy.ingest.fetch import Fetched, fetch, fetch_articles
from techdiplomacy.readers.corpus import Article, ReadError
from techdiplomacy.settings import Settings

LOCAL = Settings(fetch_timeout=2.0, fetch_allow_private=True, fetch_max_bytes=200_000, fetch_max_redirects=3)
GUARDED = Settings(fetch_timeout=2.0, fetch_allow_private=False, fetch_max_bytes=200_000, fetch_max_redirects=3)

ARTICLE_PARAGRAPHS = [
    "أعلنت وزارة الاتصالات وتقنية المعلومات الإيرانية توقيع مذكرة تفاهم مع أرمينيا لتطوير مراكز البيانات "
    "وشبكات الألياف الضوئية بين البلدين خلال السنوات الثلاث المقبلة.",
    "وقال الوزير في مؤتمر صحفي في طهران إن التعاون في مجال الأمن السيبراني والحكومة الذكية يحظى بأولوية "
    "لدى الجانبين، مشيرا إلى أن لجنة مشتركة ستتابع تنفيذ المشاريع.",
    "من جهته رحب السفير الأرميني بالاتفاق وأكد أن بلاده مستعدة لتسهيل عبور حركة الإنترنت والبيانات عبر "
    "أراضيها نحو أوروبا، في خطوة وصفها بأنها تاريخية للمنطقة.",
]
ARABIC_PAGE = f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>إيران وأرمينيا توقعان مذكرة تفاهم في التقنية</title>
<meta property="og:title" content="إيران وأرمينيا توقعان مذكرة تفاهم في التقنية">
</head><body>
<header><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/sport">رياضة</a></li>
<li><a href="/economy">اقتصاد</a></li><li><a href="/weather">الطقس اليوم</a></li></ul></nav></header>
<main><article><h1>إيران وأرمينيا توقعان مذكرة تفاهم في التقنية</h1>
{''.join(f'<p>{p}</p>' for p in ARTICLE_PARAGRAPHS)}
</article></main>
<aside><h3>الأكثر قراءة</h3><ul><li><a href="/a">أسعار الذهب اليوم</a></li><li><a href="/b">نتائج الدوري</a></li></ul></aside>
<footer><p>جميع الحقوق محفوظة لموقع الأخبار 2024</p><p>اتصل بنا | من نحن | سياسة الخصوصية</p></footer>
</body></html>""".encode()

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>وكالة الأنباء</title><link>http://news.test/</link><language>ar</language>
<item><title>توقيع مذكرة تفاهم</title><link>/article</link><pubDate>Mon, 12 Aug 2024 10:30:00 GMT</pubDate>
<description>وقعت إيران وأرمينيا مذكرة تفاهم لتطوير مراكز البيانات.</description></item>
<item><title>معرض التقنية في طهران</title><link>/missing</link>
<description>افتتح في طهران معرض دولي للتقنية بمشاركة شركات من عشرين دولة.</description></item>
</channel></rss>""".encode()

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>ITU News</title><id>urn:itu</id><updated>2024-08-12T10:00:00Z</updated>
<entry><title>Iran and Armenia sign ICT memorandum</title><id>urn:1</id><link href="http://news.test/itu/1"/>
<updated>2024-08-12T10:00:00Z</updated><summary>Iran and Armenia agreed to cooperate on data centres and fibre links.</summary></entry>
</feed>""".encode()

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<rss version="2.0"><channel><title>x</title><item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>"""


class Server:
    """A ThreadingHTTPServer on 127.0.0.1 whose routes the tests fill in."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.routes: dict[str, object] = {}
        self.seen_headers: list[dict[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 -- http.server's naming
                server.seen_headers.append(dict(self.headers))
                route = server.routes.get(self.path.split("?")[0])
                if route is None:
                    self.send_error(404, "Not Found")
                    return
                route(self)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


def respond(body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200, length: bool = True):
    def handle(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        if length:
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return handle


def redirect(location: str, status: int = 302):
    def handle(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return handle


@pytest.fixture
def server():
    srv = Server()
    srv.routes.update({
        "/article": respond(ARABIC_PAGE),
        "/rss": respond(RSS, "application/rss+xml; charset=utf-8"),
        "/atom": respond(ATOM, "application/atom+xml"),
        "/rss-as-html": respond(RSS, "text/html"),
        "/itu/1": respond(ARABIC_PAGE),
        "/png": respond(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png"),
        "/pdf": respond(b"%PDF-1.4", "application/pdf"),
        "/binary": respond(b"\x00\x01", "application/octet-stream"),
        "/error": respond(b"boom", "text/plain", status=500),
        "/laughs": respond(BILLION_LAUGHS, "application/rss+xml"),
        "/hop1": redirect("/hop2"),
        "/hop2": redirect("/hop3", 301),
        "/hop3": redirect("/article", 307),
        "/loop-a": redirect("/loop-b"),
        "/loop-b": redirect("/loop-a"),
    })  # fmt: skip
    srv.thread.start()
    yield srv
    srv.release.set()
    srv.httpd.shutdown()
    srv.httpd.server_close()
    srv.thread.join()


# --- fetching --------------------------------------------------------------------------------


def test_fetches_a_page_with_its_type_and_charset(server):
    got = fetch(server.url("/article"), LOCAL)
    assert isinstance(got, Fetched)
    assert (got.status, got.content_type, got.charset) == (200, "text/html", "utf-8")
    assert got.body == ARABIC_PAGE
    assert got.final_url == got.url == server.url("/article")
    assert server.seen_headers[-1]["User-Agent"] == LOCAL.user_agent
    assert server.seen_headers[-1]["Host"] == f"127.0.0.1:{server.port}"


def test_follows_a_redirect_chain_within_the_limit(server):
    got = fetch(server.url("/hop1"), LOCAL)
    assert got.final_url == server.url("/article")
    assert got.url == server.url("/hop1")
    assert got.body == ARABIC_PAGE


def test_a_chain_longer_than_the_limit_is_refused(server):
    short = Settings(fetch_allow_private=True, fetch_timeout=2.0, fetch_max_redirects=2)
    with pytest.raises(FetchError, match="too many redirects"):
        fetch(server.url("/hop1"), short)


def test_a_redirect_loop_is_refused(server):
    with pytest.raises(FetchError, match=r"too many redirects \(more than 3\)"):
        fetch(server.url("/loop-a"), LOCAL)


@pytest.mark.parametrize(
    ("location", "reason"),
    [("file:///etc/passwd", "not file:"), ("gopher://127.0.0.1/", "not gopher:"), ("http://u:p@127.0.0.1/", "password")],
)
def test_a_redirect_to_a_forbidden_url_is_refused(server, location, reason):
    server.routes["/bad-redirect"] = redirect(location)
    with pytest.raises(FetchError, match=reason) as caught:
        fetch(server.url("/bad-redirect"), LOCAL)
    assert caught.value.url == location


def test_arabic_paths_are_sent_percent_encoded(server):
    server.routes["/%D8%AE%D8%A8%D8%B1"] = respond(ARABIC_PAGE)
    assert fetch(server.url("/خبر"), LOCAL).body == ARABIC_PAGE


@pytest.mark.parametrize(
    ("path", "media"),
    [("/png", "image/png"), ("/pdf", "application/pdf"), ("/binary", "application/octet-stream")],
)
def test_content_types_that_are_not_text_are_refused_by_name(server, path, media):
    with pytest.raises(FetchError, match=f"content type '{media}'"):
        fetch(server.url(path), LOCAL)


@pytest.mark.parametrize(("path", "status"), [("/missing", "404"), ("/error", "500")])
def test_http_errors_name_the_status(server, path, status):
    with pytest.raises(FetchError, match=f"HTTP {status}"):
        fetch(server.url(path), LOCAL)


@pytest.mark.parametrize("with_length", [True, False])
def test_an_oversized_body_is_refused(server, with_length):
    server.routes["/big"] = respond(b"<p>" + b"x" * 300_000 + b"</p>", length=with_length)
    with pytest.raises(FetchError, match="too large"):
        fetch(server.url("/big"), LOCAL)


def test_content_length_over_the_limit_is_refused_before_reading(server):
    def lying(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "999999999")
        handler.end_headers()
        handler.wfile.write(b"<p>short</p>")

    server.routes["/lying"] = lying
    with pytest.raises(FetchError, match="Content-Length 999,999,999 bytes > limit"):
        fetch(server.url("/lying"), LOCAL)


def test_a_server_that_never_answers_times_out(server):
    def stall(handler):
        server.release.wait()  # released at teardown

    server.routes["/slow"] = stall
    quick = Settings(fetch_allow_private=True, fetch_timeout=0.5)
    start = time.monotonic()
    with pytest.raises(FetchError, match="did not answer within 0.5 s"):
        fetch(server.url("/slow"), quick)
    assert time.monotonic() - start < 3


def test_a_server_that_stalls_mid_body_times_out(server):
    def half(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        handler.wfile.write(b"<p>start")
        handler.wfile.flush()
        server.release.wait()

    server.routes["/half"] = half
    with pytest.raises(FetchError, match="stopped sending for 0.5 s"):
        fetch(server.url("/half"), Settings(fetch_allow_private=True, fetch_timeout=0.5))


def test_a_trickling_server_hits_the_total_deadline(server):
    def trickle(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        # One byte well within the read timeout each time, for ever (until teardown).
        while not server.release.wait(0.05):
            try:
                handler.wfile.write(b"x")
                handler.wfile.flush()
            except OSError:
                return

    server.routes["/trickle"] = trickle
    monkey = Settings(fetch_allow_private=True, fetch_timeout=0.3)
    with pytest.raises(FetchError, match="longer than the total time allowed"):
        fetch(server.url("/trickle"), monkey)


def _dribble(server, head: bytes):
    """A route that sends ``head`` one byte every 50 ms (well within any read timeout), then
    one body byte every 50 ms, for ever (until teardown)."""

    def handle(handler):
        handler.wfile.flush()
        for part in [head[i : i + 1] for i in range(len(head))] + [b"x"] * 10_000:
            if server.release.wait(0.05):
                return
            try:
                handler.wfile.write(part)
                handler.wfile.flush()
            except OSError:
                return

    return handle


@pytest.mark.parametrize(
    "head",
    [
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Padding: " + b"p" * 500 + b"\r\n\r\n",  # headers
        b"HTTP/1.1 200 OK" + b" " * 500,  # the status line itself
        b"HTTP/1.1 302 Found\r\nLocation: /article\r\n" + b"X-Padding: " + b"p" * 500 + b"\r\n\r\n",  # a redirect's
    ],
    ids=["headers", "status-line", "redirect-headers"],
)
def test_a_server_dribbling_its_head_is_cut_at_the_total_deadline(server, head):
    server.routes["/dribble"] = _dribble(server, head)
    quick = Settings(fetch_allow_private=True, fetch_timeout=0.3)  # total: 3 x 0.3 s
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"longer than the total time allowed \(0.9 s\)"):
        fetch(server.url("/dribble"), quick)
    assert time.monotonic() - start < 1.5


def test_a_fetch_within_its_deadline_leaves_no_timer_running(server):
    before = threading.active_count()
    fetch(server.url("/article"), LOCAL)
    deadline = time.monotonic() + 2
    while threading.active_count() > before and time.monotonic() < deadline:
        time.sleep(0.01)  # the server's handler thread ends on its own
    assert not [t for t in threading.enumerate() if isinstance(t, threading.Timer) and t.is_alive()]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "only http and https URLs are fetched, not file:"),
        ("ftp://example.org/a", "not ftp:"),
        ("data:text/html,<p>x</p>", "not data:"),
        ("javascript:alert(1)", "not javascript:"),
        ("gopher://example.org/", "not gopher:"),
        ("example.org/page", "not no scheme"),
        ("http://user:secret@127.0.0.1/", "user name or password"),
        ("http://user@127.0.0.1/", "user name or password"),
        ("http:///nohost", "no host"),
        ("http://exa mple.org/", "spaces or control characters"),
        ("http://127.0.0.1:99999/", "malformed URL"),
    ],
)
def test_urls_that_may_not_be_fetched(url, reason):
    with pytest.raises(FetchError, match=reason.replace("(", r"\(")) as caught:
        fetch(url, LOCAL)
    assert isinstance(caught.value, ValueError)
    assert str(caught.value).startswith(f"cannot fetch {url}: ")


# --- the private-address guard ---------------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "localhost", "[::1]", "2130706433", "0x7f.1", "0177.0.0.1", "127.1", "[::ffff:127.0.0.1]"],
)
def test_guard_refuses_loopback_in_any_spelling(server, host):
    with pytest.raises(FetchError, match="private/loopback address") as caught:
        fetch(server.url("/article", host=host), GUARDED)
    assert "TECHDIPLOMACY_ALLOW_PRIVATE" in caught.value.reason
    assert server.seen_headers == []  # nothing reached the server


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("0.0.0.0", "unspecified"),
        ("10.1.2.3", "private/loopback"),
        ("192.168.0.1", "private/loopback"),
        ("172.16.5.4", "private/loopback"),
        ("169.254.169.254", "private/loopback"),  # cloud metadata
        ("fe80::1", "private/loopback"),
        ("fc00::1", "private/loopback"),
        ("::ffff:10.0.0.1", "private/loopback"),
        ("2002:7f00:1::", "private/loopback"),  # 6to4 around 127.0.0.1
        ("64:ff9b::a00:1", "private/loopback"),  # NAT64 around 10.0.0.1
        ("224.0.0.1", "multicast"),
        ("100.64.0.1", "non-public"),
        ("240.0.0.1", "address 240.0.0.1"),  # reserved; Python versions differ on which flag
        ("8.8.8.8", None),
        ("2001:4860:4860::8888", None),
    ],
)
def test_address_problem(address, problem):
    found = address_problem(ipaddress.ip_address(address))
    assert (found is None) if problem is None else (problem in found)


def test_guard_off_allows_the_local_server(server):
    assert fetch(server.url("/article", host="localhost"), LOCAL).body == ARABIC_PAGE


PUBLIC = ipaddress.ip_address("93.184.215.14")  # looks public; never contacted


@pytest.fixture
def public_host(server, monkeypatch):
    """'news.test' resolves to a public address; the test network delivers it to our server."""
    real_resolve, real_pool = addresses.resolve, fetch_module._pool

    def resolve(host, port):
        return [PUBLIC] if host == "news.test" else real_resolve(host, port)

    def pool(target, address, settings, timeout, watchdog):
        local = ipaddress.ip_address("127.0.0.1") if address == PUBLIC else address
        return real_pool(target, local, settings, timeout, watchdog)

    monkeypatch.setattr(addresses, "resolve", resolve)
    monkeypatch.setattr(fetch_module, "_pool", pool)
    return f"http://news.test:{server.port}"


def test_guard_allows_a_public_host_and_keeps_its_host_header(server, public_host):
    got = fetch(public_host + "/article", GUARDED)
    assert got.body == ARABIC_PAGE
    assert server.seen_headers[-1]["Host"] == f"news.test:{server.port}"


def test_guard_checks_every_redirect_hop(server, public_host):
    server.routes["/to-local"] = redirect(server.url("/article"))
    with pytest.raises(FetchError, match="private/loopback address 127.0.0.1") as caught:
        fetch(public_host + "/to-local", GUARDED)
    assert caught.value.url == server.url("/article")
    assert len(server.seen_headers) == 1  # the first hop only


def test_guard_refuses_a_host_with_any_private_address(monkeypatch):
    monkeypatch.setattr(addresses, "resolve", lambda host, port: [PUBLIC, ipaddress.ip_address("10.0.0.7")])
    with pytest.raises(FetchError, match="private/loopback address 10.0.0.7"):
        fetch("http://mixed.test/", GUARDED)


def test_unresolvable_host(monkeypatch):
    def fail(host, port):
        raise OSError("Name or service not known")

    monkeypatch.setattr(addresses, "resolve", fail)
    with pytest.raises(FetchError, match="could not be resolved"):
        fetch("http://nowhere.test/", GUARDED)


# --- articles --------------------------------------------------------------------------------


def test_page_article_is_the_article_text_not_menus(server):
    [article] = fetch_articles(server.url("/article"), LOCAL)
    assert isinstance(article, Article)
    assert article.language == "ar"
    assert article.title == "إيران وأرمينيا توقعان مذكرة تفاهم في التقنية"
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in article.text
    for chrome in ("الرئيسية", "أسعار الذهب", "جميع الحقوق محفوظة", "سياسة الخصوصية"):
        assert chrome not in article.text
    assert article.url == server.url("/article")  # the page named none
    assert article.path == server.url("/article")


def test_rss_feed_gives_one_article_per_item(server):
    results = fetch_articles(server.url("/rss"), LOCAL)
    assert [type(r) for r in results] == [Article, Article]
    first, second = results
    assert first.title == "توقيع مذكرة تفاهم"
    assert first.text == "وقعت إيران وأرمينيا مذكرة تفاهم لتطوير مراكز البيانات."
    assert first.source == "وكالة الأنباء"
    assert str(first.published) == "2024-08-12"
    assert first.path == server.url("/rss") + "#1"
    assert second.title == "معرض التقنية في طهران"


def test_atom_feed(server):
    [entry] = fetch_articles(server.url("/atom"), LOCAL)
    assert isinstance(entry, Article)
    assert entry.title == "Iran and Armenia sign ICT memorandum"
    assert entry.language == "en"
    assert entry.url == "http://news.test/itu/1"


def test_a_feed_served_as_html_is_sniffed(server):
    assert len([r for r in fetch_articles(server.url("/rss-as-html"), LOCAL) if isinstance(r, Article)]) == 2


def test_follow_items_fetches_item_pages_and_keeps_summaries_that_fail(server):
    results = fetch_articles(server.url("/rss"), LOCAL, follow_items=True)
    full, summary, error = results
    assert isinstance(full, Article) and ARTICLE_PARAGRAPHS[1] in full.text
    assert full.title == "توقيع مذكرة تفاهم"  # the feed's title
    assert full.url == server.url("/article")
    assert isinstance(summary, Article) and summary.title == "معرض التقنية في طهران"
    assert isinstance(error, ReadError)
    assert error.path == server.url("/missing")
    assert "HTTP 404" in error.error


def test_follow_items_is_bounded(server):
    results = fetch_articles(server.url("/rss"), LOCAL, follow_items=True, max_items=1)
    assert [type(r) for r in results] == [Article, Article]
    assert ARTICLE_PARAGRAPHS[0] in results[0].text
    assert results[1].text.startswith("افتتح في طهران")


@pytest.mark.parametrize("path", ["/png", "/missing", "/loop-a"])
def test_fetch_failures_become_read_errors(server, path):
    [error] = fetch_articles(server.url(path), LOCAL)
    assert isinstance(error, ReadError)
    assert error.path == server.url(path)


def test_guard_failure_becomes_a_read_error(server):
    [error] = fetch_articles(server.url("/article"), GUARDED)
    assert isinstance(error, ReadError) and "private/loopback" in error.error


def test_billion_laughs_feed_is_refused_quickly_without_memory_blowup(server):
    tracemalloc.start()
    start = time.monotonic()
    try:
        [error] = fetch_articles(server.url("/laughs"), LOCAL)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(error, ReadError)
    assert "refused for safety" in error.error
    assert peak < 20_000_000
    assert time.monotonic() - start < 5


def test_declared_legacy_charset_is_honoured(server):
    body = "<html><body><article><p>{}</p></article></body></html>".format(
        " ".join(ARTICLE_PARAGRAPHS)
    ).encode("cp1256")
    server.routes["/cp1256"] = respond(body, "text/html; charset=windows-1256")
    [article] = fetch_articles(server.url("/cp1256"), LOCAL)
    assert isinstance(article, Article)
    assert ARTICLE_PARAGRAPHS[0] in article.text


def test_plain_text_and_json(server):
    server.routes["/txt"] = respond("عنوان\n\nنص الخبر عن التعاون التقني.".encode(), "text/plain; charset=utf-8")
    server.routes["/json"] = respond(b'{"title": "T", "text": "Iran signs a deal."}', "application/json")
    [txt] = fetch_articles(server.url("/txt"), LOCAL)
    [js] = fetch_articles(server.url("/json"), LOCAL)
    assert txt.text.endswith("نص الخبر عن التعاون التقني.")
    assert (js.title, js.text, js.url) == ("T", "Iran signs a deal.", server.url("/json"))


# --- TLS: the pinned address still speaks to the host by name ---------------------------------


@pytest.fixture
def tls_server(tmp_path, monkeypatch):
    """An HTTPS server on 127.0.0.1 with a self-signed certificate for 'news.test'."""
    import shutil
    import ssl
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=news.test",
         "-addext", "subjectAltName=DNS:news.test"],
        check=True, capture_output=True, timeout=30,
    )  # fmt: skip
    srv = Server()
    srv.routes["/article"] = respond(ARABIC_PAGE)
    srv.sni: list[str | None] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: srv.sni.append(name)
    srv.httpd.socket = context.wrap_socket(srv.httpd.socket, server_side=True)
    srv.thread.start()
    real_resolve, real_pool = addresses.resolve, fetch_module._pool
    monkeypatch.setattr(addresses, "resolve", lambda host, port: [PUBLIC] if host == "news.test" else real_resolve(host, port))
    monkeypatch.setattr(
        fetch_module, "_pool",
        lambda target, address, settings, timeout, watchdog: real_pool(
            target, ipaddress.ip_address("127.0.0.1") if address == PUBLIC else address, settings, timeout, watchdog
        ),
    )  # fmt: skip
    srv.cert = cert
    yield srv
    srv.release.set()
    srv.httpd.shutdown()
    srv.httpd.server_close()
    srv.thread.join()


def test_https_verifies_the_certificate(tls_server):
    with pytest.raises(FetchError, match="TLS error"):
        fetch(f"https://news.test:{tls_server.port}/article", GUARDED)
    assert tls_server.sni == ["news.test"]  # SNI names the host, not the pinned address


def test_https_to_the_pinned_address_checks_the_host_name(tls_server, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_server.cert))  # trust the test certificate
    got = fetch(f"https://news.test:{tls_server.port}/article", GUARDED)
    assert got.body == ARABIC_PAGE
    assert tls_server.seen_headers[-1]["Host"] == f"news.test:{tls_server.port}"
    assert tls_server.sni[-1] == "news.test"
