"""Which URLs may be fetched: http(s) only, no credentials, and only public addresses.

The host is resolved once and *every* address it resolves to must be public (loopback,
private, link-local, multicast, reserved, ``0.0.0.0``, and IPv4 hidden inside IPv6 are
refused) unless ``Settings.fetch_allow_private``; IP literals are read in every spelling
resolvers accept (``2130706433``, ``0x7f.1``). :mod:`techdiplomacy.ingest.fetch` connects to
the checked address only, so a DNS answer cannot change between the check and the connection.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from techdiplomacy.settings import Settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchError(ValueError):
    """A URL that could not be fetched, and why (``str(error)`` is a sentence for a person)."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"cannot fetch {url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str  # path and query, never the fragment


def parse_url(url: str) -> Target:
    """Return the parts of ``url`` to request, or raise FetchError for a URL that may not be."""
    if any(ord(ch) < 33 or ch == "\x7f" for ch in url.strip()):
        raise FetchError(url, "the URL contains spaces or control characters")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise FetchError(url, f"malformed URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"{scheme}:" if scheme else "no scheme"
        raise FetchError(url, f"only http and https URLs are fetched, not {shown}")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise FetchError(url, "URLs with a user name or password are refused")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise FetchError(url, "the URL has no host")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    # Non-ASCII paths (Arabic slugs) go on the wire percent-encoded; existing escapes stay.
    path = quote(path, safe="/%?=&;:@!$'()*+,~-._[]")
    return Target(scheme, host, port or (443 if scheme == "https" else 80), path)


def literal_address(host: str) -> IPAddress | None:
    """Return the address a host written as an IP literal means, in any spelling.

    ``inet_aton`` reads the spellings browsers and resolvers accept (``2130706433``,
    ``0x7f.1``, ``0177.0.0.1``), so they cannot slip past the check as "names".
    """
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if all(ch in "0123456789abcdefxABCDEFX." for ch in host) and host[0].isdigit():
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def resolve(host: str, port: int) -> list[IPAddress]:
    """Return every address ``host`` resolves to (a literal IP resolves to itself)."""
    literal = literal_address(host)
    if literal is not None:
        return [literal]
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    out: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = ipaddress.ip_address(sockaddr[0].split("%", 1)[0])
        if address not in out:
            out.append(address)
    return out


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """Return the IPv4 address an IPv6 address carries (mapped, 6to4, Teredo, NAT64), if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in ipaddress.IPv6Network("64:ff9b::/96") or address in ipaddress.IPv6Network("::/96"):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def address_problem(address: IPAddress) -> str | None:
    """Return why ``address`` may not be contacted from a shared server, or None if public."""
    checked = [address]
    if isinstance(address, ipaddress.IPv6Address):
        inner = embedded_ipv4(address)
        if inner is not None:
            checked.insert(0, inner)  # name the IPv4 address it really reaches
    for one in checked:
        if one.is_unspecified:
            return f"unspecified address {one}"
        if one.is_loopback or one.is_private or one.is_link_local:
            return f"private/loopback address {one}"
        if one.is_multicast:
            return f"multicast address {one}"
        if one.is_reserved or not one.is_global:
            return f"reserved (non-public) address {one}"
    return None


def checked_addresses(url: str, target: Target, settings: Settings) -> list[IPAddress]:
    try:
        addresses = resolve(target.host, target.port)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchError(url, f"the host {target.host!r} could not be resolved ({exc})") from None
    if not addresses:
        raise FetchError(url, f"the host {target.host!r} resolves to no address")
    if not settings.fetch_allow_private:
        for address in addresses:
            problem = address_problem(address)
            if problem is not None:
                raise FetchError(
                    url,
                    f"refused: {target.host} resolves to a {problem} (set TECHDIPLOMACY_ALLOW_PRIVATE=1 "
                    "to allow requests to your own network)",
                )
    return addresses
