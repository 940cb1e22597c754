"""A static file server for the built book, on 127.0.0.1 and a free port, in a thread."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import threading
from pathlib import Path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by http.server
        pass  # one line per request would drown pytest's output


class _GzipHandler(_QuietHandler):
    """Compresses text the way production web servers (Read the Docs included) do."""

    COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")

    def send_head(self):
        path = self.translate_path(self.path)
        content_type = self.guess_type(path)
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (os.path.isfile(path) and accepts_gzip and content_type.startswith(self.COMPRESSIBLE)):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class SiteServer:
    """Serves `root`; `url(path)` gives an absolute URL; `stop()` ends only this server.

    With `compress=True` text is sent gzip-compressed, as a production server sends it.
    """

    def __init__(self, root: Path, compress: bool = False):
        self.root = Path(root)
        handler_class = _GzipHandler if compress else _QuietHandler
        handler = functools.partial(handler_class, directory=str(root))
        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self.host, self.port = self._httpd.server_address[:2]

    def start(self) -> "SiteServer":
        self._thread.start()
        return self

    def url(self, path: str = "") -> str:
        return f"http://{self.host}:{self.port}/{path.lstrip('/')}"

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=10)
