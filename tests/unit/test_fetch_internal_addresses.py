"""Team mode refuses to fetch internal addresses, however they are written, and wherever a
redirect leads (security review: URL ingestion, see SECURITY.md)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from claimdesk.ingest import IngestError, fetch_url
from tests.unit.filemakers import make_html_article

PAGE = make_html_article().encode("utf-8")
REFUSED = "private or local network"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        parts = urlsplit(self.path)
        if parts.path == "/go":  # a redirect to wherever ?to= says
            self.send_response(302)
            self.send_header("Location", parse_qs(parts.query)["to"][0])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)


@pytest.fixture(scope="module")
def port():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


#: 127.0.0.1 as it may be written in a URL: short, decimal, hex, octal, with a trailing dot,
#: by a name, and the IPv4 forms the resolver accepts ...
LOOPBACK_V4 = [
    "127.0.0.1",
    "127.1",
    "2130706433",
    "0x7f000001",
    "0x7f.0.0.1",
    "0177.0.0.1",
    "0177.0.0.01",
    "127.000.000.001",
    "127.0.0.1.",
    "localhost",
    "LOCALHOST",
    "localhost.",
    "desk.localhost",
    "a.b.LocalHost.",
    "0",
    "0.0.0.0",
]
#: ... and IPv6 forms of loopback (or of 127.0.0.1), which the server here does not listen on
LOOPBACK_V6 = ["[::1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:0:0:1]", "[::]"]


@pytest.mark.parametrize("host", LOOPBACK_V4 + LOOPBACK_V6)
def test_internal_address_forms_are_refused_in_team_mode(port, host):
    with pytest.raises(IngestError, match=REFUSED):
        fetch_url(f"http://{host}:{port}/article", allow_private=False)


@pytest.mark.parametrize("host", ["127.1", "2130706433", "0x7f000001", "0177.0.0.1", "localhost"])
def test_the_same_forms_do_reach_this_machine(port, host):
    """The refusals above are the check's, not a form the resolver cannot read: on a laptop
    (private addresses allowed) the same URLs fetch the page."""
    article = fetch_url(f"http://{host}:{port}/article", allow_private=True)
    assert article.text


@pytest.mark.parametrize("target", ["127.1", "2130706433", "[::ffff:127.0.0.1]", "localhost"])
def test_a_redirect_to_an_internal_address_is_refused(port, target, monkeypatch):
    """A public page that redirects inward: the first hop is let through as if public (this
    machine has no public server), the redirect's destination is checked and refused."""
    import claimdesk.ingest.fetch as fetch_mod

    first = f"http://127.0.0.1:{port}/go?to=http://{target}:{port}/article"
    real = fetch_mod._resolve

    def resolve(url, host, port_, allow_private):
        return real(url, host, port_, allow_private or url == first)

    monkeypatch.setattr(fetch_mod, "_resolve", resolve)
    with pytest.raises(IngestError, match=REFUSED) as refused:
        fetch_url(first, allow_private=False)
    assert refused.value.filename == f"http://{target}:{port}/article"  # names where it led
