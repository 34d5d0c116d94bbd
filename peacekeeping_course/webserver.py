"""Serve the built book over HTTP on this machine, compressed as a good web server would.

    python -m peacekeeping_course.webserver [--port 8000] [--bind 127.0.0.1] [folder]   (make serve)

Text files (pages, stylesheets, scripts, the search index, SVG, JSON) are sent gzip-compressed to a
browser that accepts it, which is what a trainer's nginx (`gzip on;` with `gzip_types`) or Apache
(mod_deflate) does; see the README. Everything else is sent as it is. The tests and `make bench` use
`serve()` here; `compress=False` gives the bytes as they are on disk.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import sys
import threading
from pathlib import Path

from .paths import REPO_ROOT

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".txt", ".ipynb", ".map", ".xml", ".inv"}


class Handler(http.server.SimpleHTTPRequestHandler):
    compress = True
    quiet = True
    _cache: dict[tuple[str, float], bytes] = {}

    def log_message(self, *args):
        if not self.quiet:
            super().log_message(*args)

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        if (not self.compress or path.suffix not in COMPRESSIBLE or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        key = (str(path), path.stat().st_mtime)
        body = self._cache.get(key)
        if body is None:
            body = self._cache[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)


class _Body:
    """The file-like object SimpleHTTPRequestHandler copies to the client."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self) -> None:
        pass


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)  # a browser that closed a page early is no error


@contextlib.contextmanager
def serve(directory: Path | str, compress: bool = False):
    """Serve `directory` on a free port of 127.0.0.1 in a thread; yields the base URL."""
    handler = functools.partial(type("H", (Handler,), {"compress": compress}), directory=str(directory))
    server = Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Serve the built book (compressed) on this machine.")
    parser.add_argument("folder", nargs="?", default=str(REPO_ROOT / "_build" / "html"))
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--bind", default="127.0.0.1")
    args = parser.parse_args(argv)
    folder = Path(args.folder)
    if not (folder / "index.html").is_file():
        print(f"There is no built book in {folder}. Build it first: make book", file=sys.stderr)
        return 2
    handler = functools.partial(type("H", (Handler,), {"quiet": False}), directory=str(folder))
    try:
        server = Server((args.bind, args.port), handler)
    except OSError as err:
        print(f"Could not listen on {args.bind}:{args.port} ({err.strerror}). Try another port: "
              f"make serve PORT=8001", file=sys.stderr)
        return 2
    print(f"Serving {folder} on http://{args.bind}:{args.port} (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
