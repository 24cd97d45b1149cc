"""fetch_url against a local HTTP server started in the test."""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claimdesk.ingest import IngestError, fetch_url
from claimdesk.ingest.fetch import _is_public
from tests.unit.filemakers import DEFAULT_PARAGRAPHS, make_html_article, make_pdf

PAGE = make_html_article().encode("utf-8")
PDF = make_pdf(DEFAULT_PARAGRAPHS, title="Flood report", author="Valley Agency")
TEXT = "Flood update\n\nThe river will peak tonight, the agency said. “Stay away” – €50 fines."


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def handle(self):
        # the client gives up on purpose in the timeout and size-limit tests
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle()

    def _send(self, status, body=b"", content_type=None, headers=None):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path
        if path == "/article.html":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif path == "/report.pdf":
            self._send(200, PDF, "application/pdf")
        elif path == "/download?id=7":
            self._send(200, PDF, "application/octet-stream")
        elif path == "/update":
            self._send(200, TEXT.encode("cp1252"), "text/plain; charset=windows-1252")
        elif path == "/gzipped":
            self._send(200, gzip.compress(PAGE), "text/html", {"Content-Encoding": "gzip"})
        elif path == "/moved":
            self._send(302, headers={"Location": "/article.html"})
        elif path == "/loop":
            self._send(302, headers={"Location": "/loop"})
        elif path == "/slow":
            time.sleep(1.5)
            self._send(200, PAGE, "text/html")
        elif path == "/big":
            self._send(200, b"x" * 50_000, "text/plain")
        elif path == "/big-undeclared":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(50):
                self.wfile.write(b"y" * 1000)
        elif path == "/drip-headers":  # one header line at a time, each within the timeout
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for i in range(40):
                self.wfile.write(f"X-Drip-{i}: {i}\r\n".encode())
                self.wfile.flush()
                time.sleep(0.1)
            self.wfile.write(b"Content-Length: 0\r\n\r\n")
        elif path == "/drip-body":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"z")
                self.wfile.flush()
                time.sleep(0.1)
        elif path == "/empty-page":
            self._send(200, b"<html><body><nav>Home</nav></body></html>", "text/html")
        elif path == "/broken":
            self._send(500, b"oops", "text/plain")
        else:
            self._send(404, b"not here", "text/plain")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_html_page(server):
    art = fetch_url(f"{server}/article.html")
    assert art.url == f"{server}/article.html"
    assert art.title == "Thousands evacuated as river floods valley"
    assert art.author == "Jane Doe"
    assert DEFAULT_PARAGRAPHS[1] in art.text
    assert "Sport" not in art.text
    assert art.lang == "en"


def test_pdf(server):
    art = fetch_url(f"{server}/report.pdf")
    assert art.title == "Flood report"
    assert DEFAULT_PARAGRAPHS[0] in art.text
    assert art.url.endswith("/report.pdf")


def test_pdf_served_as_octet_stream(server):
    assert DEFAULT_PARAGRAPHS[2] in fetch_url(f"{server}/download?id=7").text


def test_text_with_declared_charset(server):
    art = fetch_url(f"{server}/update")
    assert art.text == TEXT
    assert art.title == "Flood update"


def test_gzip_encoded_page(server):
    assert DEFAULT_PARAGRAPHS[0] in fetch_url(f"{server}/gzipped").text


def test_redirect_is_followed_and_final_url_kept(server):
    assert fetch_url(f"{server}/moved").url == f"{server}/article.html"


def test_redirect_loop(server):
    with pytest.raises(IngestError, match="redirected too many times"):
        fetch_url(f"{server}/loop")


def test_404(server):
    with pytest.raises(IngestError) as err:
        fetch_url(f"{server}/missing")
    assert "the page was not found (HTTP 404 Not Found)" in str(err.value)
    assert str(err.value).startswith("Could not fetch")


def test_500(server):
    with pytest.raises(IngestError, match="server had an error"):
        fetch_url(f"{server}/broken")


def test_timeout(server):
    start = time.monotonic()
    with pytest.raises(IngestError, match="did not answer within 0.3 seconds"):
        fetch_url(f"{server}/slow", timeout=0.3)
    assert time.monotonic() - start < 1.4


@pytest.mark.parametrize("path", ["/drip-headers", "/drip-body"])
def test_a_dripping_server_meets_the_total_deadline(server, path):
    """Each line or byte arrives within the per-read timeout; the whole fetch still ends at
    four times the timeout (documented), not when the server is done."""
    start = time.monotonic()
    with pytest.raises(IngestError, match="did not answer within 0.3 seconds"):
        fetch_url(f"{server}{path}", timeout=0.3)
    assert time.monotonic() - start < 2.0


def test_oversize_declared(server):
    with pytest.raises(IngestError) as err:
        fetch_url(f"{server}/big", max_bytes=10_000)
    assert "size limit" in str(err.value) and "MB" in str(err.value)


def test_oversize_streamed_without_length(server):
    with pytest.raises(IngestError, match="size limit"):
        fetch_url(f"{server}/big-undeclared", max_bytes=10_000)


def test_page_without_article(server):
    with pytest.raises(IngestError, match="no article text found"):
        fetch_url(f"{server}/empty-page")


def test_connection_refused():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again before the fetch: nobody listens
    with pytest.raises(IngestError, match="refused the connection"):
        fetch_url(f"http://127.0.0.1:{port}/x", timeout=2)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/a.txt", "javascript:alert(1)"]
)
def test_other_schemes_refused(url):
    with pytest.raises(IngestError, match=r"only http:// and https://"):
        fetch_url(url)


def test_unknown_host():
    with pytest.raises(IngestError, match="could not be found"):
        fetch_url("http://no-such-host.invalid/article")


def test_private_addresses_refused_in_team_mode(server):
    with pytest.raises(IngestError, match="private or local network"):
        fetch_url(f"{server}/article.html", allow_private=False)
    port = server.rsplit(":", 1)[1]
    with pytest.raises(IngestError, match="private or local network"):
        fetch_url(f"http://localhost:{port}/article.html", allow_private=False)


def test_redirect_to_private_address_checked_on_every_hop(server, monkeypatch):
    import claimdesk.ingest.fetch as fetch_mod

    checked = []
    real = fetch_mod._resolve

    def spy(url, host, port, allow_private):
        checked.append(url)
        return real(url, host, port, True)  # let the first hop through, as if it were public

    monkeypatch.setattr(fetch_mod, "_resolve", spy)
    fetch_url(f"{server}/moved", allow_private=False)
    assert checked == [f"{server}/moved", f"{server}/article.html"]


@pytest.mark.parametrize(
    ("ip", "public"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("192.168.0.10", False),
        ("172.16.5.4", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("240.0.0.1", False),
        ("::1", False),
        ("fe80::1%eth0", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),
        ("::127.0.0.1", False),  # IPv4-compatible
        ("::10.0.0.1", False),
        ("64:ff9b::7f00:1", False),  # NAT64 of 127.0.0.1
        ("64:ff9b::a9fe:a9fe", False),  # NAT64 of 169.254.169.254
        ("64:ff9b:1::a00:1", False),  # NAT64 local-use prefix
        ("2002:7f00:1::", False),  # 6to4 of 127.0.0.1
        ("64:ff9b::808:808", True),  # NAT64 of a public address
        ("::", False),
        ("93.184.216.34", True),
        ("2606:4700:4700::1111", True),
    ],
)
def test_address_classification(ip, public):
    assert _is_public(ip) is public
