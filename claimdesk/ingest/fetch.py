"""Fetch one article by URL (stdlib http.client), with address checks for team mode.

The connection goes to the exact IP address that was checked, so a host name cannot
resolve to a public address for the check and to a private one for the request.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass
from email.message import Message
from urllib.parse import unquote, urljoin, urlsplit

from claimdesk import settings
from claimdesk.ingest.documents import read_bytes
from claimdesk.ingest.errors import IngestError, format_megabytes
from claimdesk.ingest.sniff import sniff
from claimdesk.model import Article

MAX_REDIRECTS = 5
USER_AGENT = "ClaimDesk/0.1 (article reader)"
_REDIRECTS = {301, 302, 303, 307, 308}
_CONTENT_KINDS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}
_HTTP_WORDS = {
    400: "the server rejected the request",
    401: "the page needs a login",
    403: "access to the page is forbidden",
    404: "the page was not found",
    410: "the page has been removed",
    429: "the server is refusing requests because too many were made",
}


@dataclass
class _Response:
    url: str
    status: int
    content_type: str | None
    charset: str | None
    body: bytes


def _fail(url: str, reason: str) -> IngestError:
    return IngestError(url, reason, action="fetch")


#: IPv6 forms that carry an IPv4 address in their last 32 bits: IPv4-compatible (::a.b.c.d,
#: deprecated) and the NAT64 well-known prefix (RFC 6052), which a NAT64 gateway would forward.
_IPV4_IN_LAST_32 = (ipaddress.ip_network("::/96"), ipaddress.ip_network("64:ff9b::/96"))
#: The NAT64 local-use prefix (RFC 8215): its IPv4 part may sit anywhere, so none of it is public.
_LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")


def _embedded_ipv4(addr: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for, when it is one of the embedding forms."""
    if addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    if addr.sixtofour is not None:
        return addr.sixtofour
    if any(addr in net for net in _IPV4_IN_LAST_32) and int(addr) > 1:
        return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    return None


def _is_public(ip: str) -> bool:
    addr: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address):
        if addr in _LOCAL_NAT64:
            return False
        embedded = _embedded_ipv4(addr)
        if embedded is not None:
            addr = embedded
    return addr.is_global and not addr.is_multicast


_PRIVATE_REFUSAL = "the address points to a private or local network, which is not allowed here"


def _is_localhost_name(name: str) -> bool:
    """`localhost` and every name under it are this machine (RFC 6761), whatever DNS says."""
    name = name.lower()
    return name == "localhost" or name.endswith(".localhost")


def _resolve(url: str, host: str, port: int, allow_private: bool) -> list[str]:
    # A trailing dot ("127.0.0.1.", "localhost.") is the same host, written absolute; without
    # it the resolver reads the IP forms and the hosts file instead of asking DNS.
    name = host.rstrip(".") or host
    if not allow_private and _is_localhost_name(name):
        raise _fail(url, _PRIVATE_REFUSAL)
    try:
        infos = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise _fail(url, f"the host name “{host}” could not be found") from exc
    ips = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not ips:
        raise _fail(url, f"the host name “{host}” could not be found")
    if not allow_private and not all(_is_public(ip) for ip in ips):
        raise _fail(url, _PRIVATE_REFUSAL)
    return ips


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to pre-resolved addresses, keeping the host name for the Host header."""

    def __init__(self, host: str, port: int, *, ips: list[str], timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._ips = ips

    def _open_socket(self) -> socket.socket:
        last: OSError | None = None
        for ip in self._ips:
            try:
                return socket.create_connection((ip, self.port), self.timeout)
            except OSError as exc:
                last = exc
        assert last is not None
        raise last

    def connect(self) -> None:
        self.sock = self._open_socket()


class _PinnedHTTPSConnection(_PinnedHTTPConnection):
    default_port = 443

    def __init__(self, host: str, port: int, *, ips: list[str], timeout: float) -> None:
        super().__init__(host, port, ips=ips, timeout=timeout)
        self._ssl_context = ssl.create_default_context()

    def connect(self) -> None:
        sock = self._open_socket()
        self.sock = self._ssl_context.wrap_socket(sock, server_hostname=self.host)


def _check_url(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, request target) or IngestError for what we do not fetch."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise _fail(url, "the address is malformed") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise _fail(url, "only http:// and https:// addresses can be fetched")
    host = parts.hostname
    if not host:
        raise _fail(url, "the address has no host name")
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return scheme, host, port or (443 if scheme == "https" else 80), target


def _decompress(url: str, body: bytes, encoding: str, limit: int) -> bytes:
    if encoding in ("", "identity"):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise _fail(url, f"the server used an unsupported compression ({encoding})")
    wbits = 47 if "gzip" in encoding else zlib.MAX_WBITS
    try:
        d = zlib.decompressobj(wbits)
        out = d.decompress(body, limit + 1)
    except zlib.error:
        try:  # some servers send raw deflate
            d = zlib.decompressobj(-zlib.MAX_WBITS)
            out = d.decompress(body, limit + 1)
        except zlib.error as exc:
            raise _fail(url, "the server sent a damaged compressed answer") from exc
    if len(out) > limit:
        raise _fail(url, f"the document is over the {format_megabytes(limit)} size limit")
    return out


class _Watchdog:
    """Shuts the connection's socket down at the deadline.

    Socket timeouts bound each wait, not the whole exchange: a server that sends one header
    line or one byte per second never trips them. Shutting the socket down from a timer thread
    makes the blocked read return at once, whatever phase the exchange is in."""

    def __init__(self, conn: http.client.HTTPConnection, deadline: float) -> None:
        self.conn = conn
        self.fired = False
        self.timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._fire)
        self.timer.daemon = True

    def _fire(self) -> None:
        self.fired = True
        sock = self.conn.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> _Watchdog:
        self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timer.cancel()


def _get_once(
    url: str, *, timeout: float, max_bytes: int, allow_private: bool, deadline: float
) -> _Response:
    scheme, host, port, target = _check_url(url)
    ips = _resolve(url, host, port, allow_private)
    cls = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError
    conn = cls(host, port, ips=ips, timeout=min(timeout, remaining))
    with _Watchdog(conn, deadline) as watchdog:
        try:
            response = _exchange(url, conn, target, max_bytes=max_bytes, deadline=deadline)
        except (OSError, http.client.HTTPException) as exc:
            if watchdog.fired:
                raise TimeoutError from exc
            raise
        finally:
            conn.close()
    if watchdog.fired:  # a body cut short by the shutdown reads as a clean end: it is not
        raise TimeoutError
    return response


def _exchange(
    url: str, conn: http.client.HTTPConnection, target: str, *, max_bytes: int, deadline: float
) -> _Response:
    """One GET on an open connection: status, headers and a size-checked body."""
    conn.request(
        "GET",
        target,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.5",
            "Accept-Encoding": "gzip, deflate",
        },
    )
    resp = conn.getresponse()
    headers: Message = resp.headers
    if resp.status in _REDIRECTS:
        location = (headers.get("Location") or "").strip()
        if not location:
            raise _fail(url, "the server sent a redirect without a destination")
        return _Response(urljoin(url, location), resp.status, None, None, b"")
    if resp.status >= 400:
        words = _HTTP_WORDS.get(resp.status) or (
            "the server had an error" if resp.status >= 500 else "the server refused it"
        )
        raise _fail(url, f"{words} (HTTP {resp.status} {resp.reason})".replace(" )", ")"))
    length = headers.get("Content-Length")
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise _fail(
            url,
            f"the document is {format_megabytes(int(length))}, over the "
            f"{format_megabytes(max_bytes)} size limit",
        )
    chunks: list[bytes] = []
    total = 0
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError
        chunk = resp.read1(65536) if hasattr(resp, "read1") else resp.read(65536)
        if not chunk:
            break
        total += len(chunk)
        if total > max_bytes:
            raise _fail(url, f"the document is over the {format_megabytes(max_bytes)} size limit")
        chunks.append(chunk)
    body = _decompress(
        url,
        b"".join(chunks),
        (headers.get("Content-Encoding") or "").strip().lower(),
        max_bytes,
    )
    has_type = headers.get("Content-Type") is not None
    return _Response(
        url,
        resp.status,
        headers.get_content_type() if has_type else None,
        headers.get_content_charset() if has_type else None,
        body,
    )


def _name_from_url(url: str) -> str:
    parts = urlsplit(url)
    segment = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
    return segment or parts.hostname or url


def fetch_url(
    url: str,
    *,
    timeout: float | None = None,
    max_bytes: int | None = None,
    allow_private: bool = True,
) -> Article:
    """Download one page or document and read it like an upload; sets `Article.url`.

    `timeout` (default: the `fetch_timeout` setting, 8 s) bounds each network wait; the whole
    exchange, redirects included, ends at four times that whatever the server does.
    `allow_private=False` (team mode) refuses loopback, private, link-local and reserved
    addresses after DNS resolution, on every redirect hop.
    """
    url = (url or "").strip()
    if not url:
        raise _fail("the address", "no address was given")
    if timeout is None:
        timeout = settings.limits().fetch_timeout
    limit = settings.max_upload_bytes() if max_bytes is None else max_bytes
    deadline = time.monotonic() + 4 * timeout
    current = url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            resp = _get_once(
                current,
                timeout=timeout,
                max_bytes=limit,
                allow_private=allow_private,
                deadline=deadline,
            )
            if resp.status in _REDIRECTS:
                current = resp.url
                continue
            break
        else:
            raise _fail(url, "the server redirected too many times")
    except IngestError:
        raise
    except TimeoutError as exc:
        raise _fail(url, f"the server did not answer within {timeout:g} seconds") from exc
    except ConnectionRefusedError as exc:
        raise _fail(url, "the server refused the connection") from exc
    except ssl.SSLCertVerificationError as exc:
        raise _fail(url, "the site's security certificate could not be verified") from exc
    except ssl.SSLError as exc:
        raise _fail(url, "the secure connection failed") from exc
    except http.client.HTTPException as exc:
        raise _fail(url, "the server sent a broken or incomplete answer") from exc
    except OSError as exc:
        words = (exc.strerror or "network error").rstrip(".").lower()
        raise _fail(url, f"the server could not be reached ({words})") from exc

    kind = _CONTENT_KINDS.get(resp.content_type or "")
    sniffed, _ = sniff(resp.body)
    if sniffed in ("pdf", "docx"):
        kind = sniffed  # servers mislabel documents; the bytes do not lie
    try:
        article = read_bytes(
            _name_from_url(resp.url),
            resp.body,
            kind=kind,
            charset=resp.charset,
            url=resp.url,
            max_bytes=limit,
        )
    except IngestError as exc:
        raise IngestError(resp.url, exc.reason) from exc
    article.url = resp.url
    article.filename = None
    return article
