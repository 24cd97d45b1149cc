"""A local HTTP server whose page arrives a few bytes at a time, for timeout and fairness tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def drip_server(seconds: float = 240.0, step: float = 0.1) -> Iterator[tuple[str, list[float]]]:
    """Yields (URL of a text page that takes `seconds` to arrive, times the client hung up)."""
    hung_up: list[float] = []

    class Drip(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(int(seconds / step)):
                    self.wfile.write(b"The council met. ")
                    self.wfile.flush()
                    time.sleep(step)
            except (BrokenPipeError, ConnectionResetError):
                hung_up.append(time.monotonic())

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Drip)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/report.txt", hung_up
    finally:
        httpd.shutdown()
        httpd.server_close()
