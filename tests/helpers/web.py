"""A real HTTP server on 127.0.0.1 for URL import tests, serving pages written for them."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MB = 1024 * 1024
OVER_THE_CAP = 50 * MB + 256 * 1024
"""A little over reader.importing.sources.MAX_SOURCE_BYTES: the real cap, really streamed."""

MARKDOWN_PAGE = """\
---
title: Lighthouse keepers' logbooks digitised
author: Petra Solberg
---

The county archive has scanned 212 logbooks kept by lighthouse keepers between 1860 and
1962, and will publish them online in September.
"""


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.server.requests.append(self.path)
        if self.path.startswith("/fixtures/"):
            self._fixture(self.path.removeprefix("/fixtures/"))
            return
        if self.path in self.server.pages:
            status, body, content_type = self.server.pages[self.path]
            self._send(body, content_type, status)
            return
        route = getattr(self, "_" + self.path.strip("/").replace("-", "_").replace(".", "_"), None)
        if route is None:
            self.send_error(404, "Not Found")
            return
        route()

    def _send(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _fixture(self, name: str) -> None:
        path = FIXTURES / name
        if "/" in name or not path.is_file():
            self.send_error(404, "Not Found")
            return
        types = {".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8",
                 ".md": "text/markdown; charset=utf-8"}
        self._send(path.read_bytes(), types.get(path.suffix, "application/octet-stream"))

    def _news_html(self) -> None:
        self._send((FIXTURES / "news-with-comments.html").read_bytes(), "text/html; charset=utf-8")

    def _bare_html(self) -> None:
        # No metadata of its own: the URL and the accessed date come from the download.
        page = ("<html><body><article><p>Volunteers counted 311 grey seals on the sandbank "
                "this winter, the highest number since the survey began in 2009.</p>"
                "<p>The trust said disturbance from drones remained its main worry."
                "</p></article></body></html>")
        self._send(page.encode("utf-8"), "text/html")

    def _latin1_html(self) -> None:
        page = ("<html><body><article><p>La réunion du comité a duré trois heures; "
                "le trésorier a présenté un budget révisé pour l'été prochain.</p>"
                "</article></body></html>")
        self._send(page.encode("latin-1"), "text/html; charset=iso-8859-1")

    def _logbooks_md(self) -> None:
        self._send(MARKDOWN_PAGE.encode("utf-8"), "text/markdown; charset=utf-8")

    def _notes(self) -> None:
        self._send(b"Tide table notes\n\nHigh water at 06:12 and 18:40.\n", "text/plain")

    def _chart_png(self) -> None:
        self._send(b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")

    def _data_json(self) -> None:
        self._send(b'{"tides": [6.12, 18.40]}', "application/json")

    def _empty(self) -> None:
        self._send(b"", "text/html")

    def _slow(self) -> None:
        self.server.stop.wait(30)  # answers nothing until the test is over

    def _trickle(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<html><body><p>")
        while not self.server.stop.wait(0.2):
            try:
                self.wfile.write(b"word ")
                self.wfile.flush()
            except OSError:
                return

    def _huge_declared(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(OVER_THE_CAP))
        self.end_headers()
        self.wfile.write(b"<html><body>")

    def _huge_streamed(self) -> None:
        # No Content-Length: the body ends when the connection closes, so only counting
        # the bytes as they arrive can catch it.
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b"<p>" + b"lorem ipsum dolor " * 58250 + b"</p>\n"
        sent = 0
        try:
            while sent < OVER_THE_CAP:
                self.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            return  # the client gave up, as it should

    def _redirect_to_file(self) -> None:
        self._redirect("file:///etc/passwd")

    def _redirect_to_ftp(self) -> None:
        self._redirect("ftp://files.example/news.html")

    def _moved(self) -> None:
        self._redirect("/bare.html")

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[str] = []
        self.stop = threading.Event()
        self.pages: dict[str, tuple[int, bytes, str]] = {}
        """Pages a test sets and changes: path → (status, body, content type)."""

    def publish(self, path: str, body: str, status: int = 200,
                content_type: str = "text/html; charset=utf-8") -> str:
        """Serve `body` at `path` (again, changed, or as an error); returns its URL."""
        self.pages[path] = (status, body.encode("utf-8"), content_type)
        return self.base + path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@contextmanager
def serving() -> Iterator[_Server]:
    server = _Server()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(5)
