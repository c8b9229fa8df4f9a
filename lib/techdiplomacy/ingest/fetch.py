"""Bounded, safe web fetching: one URL -> its bytes, or one URL -> its articles.

Every request is checked before it is sent, and every redirect hop is checked again:

- only ``http`` and ``https``, never credentials in the URL;
- the host is resolved once and *every* address it resolves to must be public (loopback,
  private, link-local, multicast, reserved, ``0.0.0.0``, and IPv4 hidden inside IPv6 are
  refused) unless ``Settings.fetch_allow_private``; the connection then goes to the checked
  address, with the original host in the ``Host`` header and TLS SNI, so a DNS answer cannot
  change between the check and the connection (DNS rebinding);
- connect and read timeouts, plus a total deadline over the whole exchange: every hop's
  connection, TLS handshake, status line, headers and body (a watchdog shuts the sockets when
  it passes, so a server dribbling its headers a byte at a time is cut too);
- the body is streamed and abandoned past ``Settings.fetch_max_bytes`` (a ``Content-Length``
  over the limit is refused before reading);
- only text-like content types (HTML, XHTML, RSS/Atom/XML, plain text, JSON).

Parsing is not done here: :func:`fetch_articles` hands the bytes to :func:`readers.corpus.read_bytes`.
"""

from __future__ import annotations

import dataclasses
import socket
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin

import urllib3
import urllib3.connection
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import ProtocolError, ReadTimeoutError

from techdiplomacy.ingest.addresses import FetchError, IPAddress, Target, checked_addresses, parse_url
from techdiplomacy.readers.corpus import Article, ReadError, read_bytes
from techdiplomacy.settings import Settings

#: The total time a fetch may take, as a multiple of ``Settings.fetch_timeout``.
DEADLINE_FACTOR = 3.0
#: Item pages fetched at most when following a feed's links.
DEFAULT_MAX_ITEMS = 20
_CHUNK = 65_536
_REDIRECTS = (301, 302, 303, 307, 308)

#: Accepted media types and what they are read as.
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "text/xml", "application/feed+xml",
})  # fmt: skip
OTHER_TYPES = {"text/plain": "page.txt", "application/json": "page.json"}
ACCEPTED_TYPES = PAGE_TYPES | FEED_TYPES | frozenset(OTHER_TYPES)

@dataclass(frozen=True, slots=True)
class Fetched:
    """One fetched response: where it ended up, what it is, and its body."""

    url: str
    final_url: str
    status: int
    content_type: str
    charset: str
    body: bytes


def _media_type(header: str) -> tuple[str, str]:
    """Return (media type, charset) of a Content-Type header, both lower case ('' if absent)."""
    media, _, params = header.partition(";")
    charset = ""
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower()
    return media.strip().lower(), charset


# --- requesting ------------------------------------------------------------------------------


class _Watchdog:
    """Shuts a fetch's sockets when its total deadline passes.

    Read timeouts are per ``recv``: a server sending one byte of its status line or headers
    every second never trips them, and ``http.client`` reads those lines inside one call that
    no check between chunks can interrupt. Shutting the socket from a timer ends any read in
    progress, whatever part of the exchange it is in.
    """

    def __init__(self, deadline: float):
        self.fired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket) -> None:
        """Shut ``sock`` at the deadline (at once if it has passed)."""
        with self._lock:
            self._sockets.append(sock)
            if self.fired:
                _shut(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            for sock in self._sockets:
                _shut(sock)

    def cancel(self) -> None:
        """Stop the timer (the fetch is over)."""
        self._timer.cancel()


def _shut(sock: socket.socket) -> None:
    try:
        # the plain socket's shutdown, also under TLS: SSLSocket.shutdown would unwrap TLS
        # while another thread reads
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass  # already closed: nothing left to cut


class _Watched:
    """A connection whose socket is handed to the fetch's :class:`_Watchdog` when made."""

    def __init__(self, *args, watchdog: _Watchdog | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._watchdog = watchdog

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        if self._watchdog is not None:
            self._watchdog.watch(sock)
        return sock


class _HTTPConnection(_Watched, urllib3.connection.HTTPConnection):
    pass


class _HTTPSConnection(_Watched, urllib3.connection.HTTPSConnection):
    pass


class _HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


def _pool(
    target: Target, address: IPAddress, settings: Settings, timeout: urllib3.Timeout, watchdog: _Watchdog
) -> urllib3.HTTPConnectionPool:
    """Return a one-connection pool to the checked ``address`` that still speaks to ``target.host``."""
    common = {"port": target.port, "timeout": timeout, "maxsize": 1, "retries": False, "watchdog": watchdog}
    if target.scheme == "https":
        return _HTTPSPool(
            str(address), server_hostname=target.host, assert_hostname=target.host,
            cert_reqs="CERT_REQUIRED", **common,
        )  # fmt: skip
    return _HTTPPool(str(address), **common)


def _host_header(target: Target) -> str:
    host = f"[{target.host}]" if ":" in target.host else target.host
    default = 443 if target.scheme == "https" else 80
    return host if target.port == default else f"{host}:{target.port}"


def _remaining(url: str, deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(url, "took longer than the total time allowed")
    return left


def _open(
    url: str, target: Target, settings: Settings, deadline: float, watchdog: _Watchdog
) -> tuple[urllib3.HTTPConnectionPool, urllib3.BaseHTTPResponse]:
    addresses = checked_addresses(url, target, settings)
    headers = {
        "Host": _host_header(target),
        "User-Agent": settings.user_agent,
        "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
        "application/xml;q=0.9,text/plain;q=0.8,application/json;q=0.8",
        # Compressed bodies could expand past the size limit inside the decoder.
        "Accept-Encoding": "identity",
    }
    last_error: Exception | None = None
    for address in addresses:
        left = _remaining(url, deadline)
        timeout = urllib3.Timeout(connect=min(settings.fetch_timeout, left), read=min(settings.fetch_timeout, left))
        pool = _pool(target, address, settings, timeout, watchdog)
        try:
            return pool, pool.urlopen(
                "GET", target.path, headers=headers, redirect=False, preload_content=False,
                assert_same_host=False, release_conn=False,
            )  # fmt: skip
        except urllib3.exceptions.NewConnectionError as exc:
            pool.close()
            last_error = exc
        except (Urllib3Error, OSError) as exc:
            pool.close()
            raise FetchError(url, _request_failure(exc, settings)) from None
    raise FetchError(url, f"could not connect to {target.host}: {last_error}")


def _request_failure(exc: Exception, settings: Settings) -> str:
    """Return a sentence for why a request failed before any response arrived."""
    if isinstance(exc, urllib3.exceptions.ConnectTimeoutError):
        return f"no connection within {settings.fetch_timeout:g} s"
    if isinstance(exc, ReadTimeoutError):
        return f"the server did not answer within {settings.fetch_timeout:g} s"
    if isinstance(exc, urllib3.exceptions.SSLError):
        return f"TLS error: {exc}"
    return f"request failed: {exc}"


def _read_body(url: str, response: urllib3.BaseHTTPResponse, settings: Settings, deadline: float) -> bytes:
    limit = settings.fetch_max_bytes
    length = response.headers.get("Content-Length")
    if length is not None and length.strip().isdigit() and int(length) > limit:
        raise FetchError(url, f"response too large: Content-Length {int(length):,} bytes > limit {limit:,}")
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            _remaining(url, deadline)
            chunk = response.read1(_CHUNK)  # returns what has arrived, so the deadline is checked
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise FetchError(url, f"response too large: more than {limit:,} bytes")
            chunks.append(chunk)
    except ReadTimeoutError:
        raise FetchError(url, f"the server stopped sending for {settings.fetch_timeout:g} s") from None
    except (ProtocolError, Urllib3Error, OSError) as exc:
        raise FetchError(url, f"the connection broke while reading: {exc}") from None
    return b"".join(chunks)


def fetch(url: str, settings: Settings | None = None) -> Fetched:
    """Return the response at ``url`` after redirects, or raise :class:`FetchError` saying why.

    The whole exchange, every hop with its headers and body, ends within
    ``DEADLINE_FACTOR * fetch_timeout`` seconds. ``settings`` defaults to ``Settings()`` read
    at call time (so the environment counts).
    """
    settings = settings if settings is not None else Settings()
    total = DEADLINE_FACTOR * settings.fetch_timeout
    deadline = time.monotonic() + total
    watchdog = _Watchdog(deadline)
    try:
        fetched = _fetch(url, settings, deadline, watchdog)
    except FetchError as exc:
        if watchdog.fired:  # whatever broke, it broke because the sockets were shut
            raise FetchError(exc.url, f"took longer than the total time allowed ({total:g} s)") from None
        raise
    finally:
        watchdog.cancel()
    if watchdog.fired:  # a shut socket reads as the end of the body: the body may be cut short
        raise FetchError(url, f"took longer than the total time allowed ({total:g} s)")
    return fetched


def _fetch(url: str, settings: Settings, deadline: float, watchdog: _Watchdog) -> Fetched:
    current = url
    for _ in range(settings.fetch_max_redirects + 1):
        target = parse_url(current)
        pool, response = _open(current, target, settings, deadline, watchdog)
        try:
            if response.status in _REDIRECTS:
                location = response.headers.get("Location")
                if not location:
                    raise FetchError(current, f"redirect {response.status} without a Location")
                current = urljoin(current, location.strip())
                continue
            if response.status >= 400:
                reason = response.reason or ""
                raise FetchError(current, f"the server answered HTTP {response.status} {reason}".rstrip())
            if response.status != 200:
                raise FetchError(current, f"unexpected HTTP status {response.status}")
            media, charset = _media_type(response.headers.get("Content-Type", ""))
            if media and media not in ACCEPTED_TYPES and not media.endswith(("+xml", "/xml")):
                raise FetchError(current, f"content type {media!r} is not a web page, feed or text")
            body = _read_body(current, response, settings, deadline)
            return Fetched(url, current, response.status, media, charset, body)
        finally:
            response.close()
            pool.close()
    raise FetchError(url, f"too many redirects (more than {settings.fetch_max_redirects}); last was {current}")


# --- articles --------------------------------------------------------------------------------


def _kind(fetched: Fetched) -> str:
    """Return the file name the body is read as: 'page.html', 'feed.xml', 'page.txt' or 'page.json'."""
    head = fetched.body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    looks_feed = head.startswith((b"<rss", b"<feed", b"<rdf")) or (
        head.startswith(b"<?xml") and any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf"))
    )
    looks_page = b"<html" in head or head.startswith(b"<!doctype html")
    media = fetched.content_type
    if media in FEED_TYPES or media.endswith("+xml") and media not in PAGE_TYPES:
        return "page.html" if looks_page and not looks_feed else "feed.xml"
    if media in PAGE_TYPES:
        return "feed.xml" if looks_feed else "page.html"
    if media in OTHER_TYPES:
        return "feed.xml" if looks_feed else OTHER_TYPES[media]
    return "feed.xml" if looks_feed else "page.html"


def _utf8(fetched: Fetched) -> bytes:
    """Return the body as UTF-8 when the header's charset reads it and UTF-8 does not."""
    body = fetched.body
    if not fetched.charset or fetched.charset in ("utf-8", "utf8"):
        return body
    try:
        body.decode("utf-8")
        return body
    except UnicodeDecodeError:
        pass
    try:
        return body.decode(fetched.charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return body


def fetch_articles(
    url: str,
    settings: Settings | None = None,
    *,
    follow_items: bool = False,
    max_items: int = DEFAULT_MAX_ITEMS,
) -> list[Article | ReadError]:
    """Return the articles at ``url``: one for a page, one per item for a feed; never raises.

    A page's article gets the final URL when the page did not name its own. With
    ``follow_items`` the first ``max_items`` feed items' links are fetched for their full
    text (feeds usually carry a summary); an item whose page cannot be read keeps its summary
    and adds a :class:`ReadError` saying why.
    """
    settings = settings if settings is not None else Settings()
    try:
        fetched = fetch(url, settings)
    except FetchError as exc:
        return [ReadError(url, exc.reason)]
    name = _kind(fetched)
    results = read_bytes(_utf8(fetched), name, path=fetched.final_url, max_bytes=settings.fetch_max_bytes)
    if name != "feed.xml":
        return [_with_url(r, fetched.final_url) for r in results]
    out: list[Article | ReadError] = []
    followed = 0
    for result in results:
        if isinstance(result, Article) and result.url:
            result = dataclasses.replace(result, url=urljoin(fetched.final_url, result.url))
        if follow_items and isinstance(result, Article) and result.url and followed < max_items:
            followed += 1
            out.extend(_follow(result, settings))
        else:
            out.append(result)
    return out


def _with_url(result: Article | ReadError, url: str) -> Article | ReadError:
    if isinstance(result, Article) and not result.url:
        return dataclasses.replace(result, url=url)
    return result


def _follow(item: Article, settings: Settings) -> list[Article | ReadError]:
    """Return the item's full article from its link, filled in from the feed; else the summary."""
    page = fetch_articles(item.url, settings)
    full = next((r for r in page if isinstance(r, Article)), None)
    if full is None:
        reason = next((r.error for r in page if isinstance(r, ReadError)), "no article found")
        return [item, ReadError(item.url, f"feed item kept as its summary; its page could not be read: {reason}")]
    return [
        dataclasses.replace(
            full,
            title=item.title or full.title,
            published=full.published or item.published,
            source=full.source or item.source,
            language=full.language or item.language,
        )
    ]
