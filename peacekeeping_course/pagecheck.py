"""Load built book pages in headless Chromium and record what they fetch.

Used by the browser tests and by `make bench`. Pages are served from a local HTTP server on
127.0.0.1; every request is recorded so a test can prove nothing leaves the machine.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path | str):
    """Serve `directory` on a free port of 127.0.0.1; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def chromium_path() -> str:
    if not Path(CHROMIUM).exists():
        found = shutil.which("chromium")
        if not found:
            raise RuntimeError("Debian's chromium is needed for the browser tests: "
                               "run `sudo apt-get install chromium` (CI does this in .ci/run).")
        return found
    return CHROMIUM


@contextlib.contextmanager
def browser():
    """A headless Debian Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@dataclass
class PageLoad:
    url: str
    requests: list[str] = field(default_factory=list)
    bytes: int = 0
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # responses with status >= 400

    @property
    def off_host(self) -> list[str]:
        return [u for u in self.requests
                if urlparse(u).scheme in ("http", "https", "ws", "wss")
                and urlparse(u).hostname not in LOCAL_HOSTS]


def open_page(b, url: str, settle: bool = True):
    """Open `url` in a fresh context (cold cache). Returns (page, PageLoad) with the page loaded.
    With `settle`, also wait until no request has been open for 200 ms, so that the record holds
    every request the page makes (needed to weigh a page; interaction tests can skip it)."""
    context = b.new_context()
    page = context.new_page()
    record = PageLoad(url)

    finished = []
    page.on("request", lambda request: record.requests.append(request.url))
    page.on("requestfinished", lambda request: finished.append(request))
    page.on("response", lambda r: record.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("console", lambda m: record.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: record.page_errors.append(str(e)))
    inflight: set = set()
    page.on("request", lambda request: inflight.add(request))
    page.on("requestfinished", lambda request: inflight.discard(request))
    page.on("requestfailed", lambda request: inflight.discard(request))
    page.goto(url, wait_until="load")
    if settle:  # until no request has been open for 200 ms (at most 10 s)
        quiet_since, deadline = time.monotonic(), time.monotonic() + 10
        while time.monotonic() < deadline:
            page.wait_for_timeout(50)
            if inflight:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= 0.2:
                break
    record.bytes = sum(r.sizes()["responseBodySize"] for r in finished)
    return page, record


def axe_script() -> Path:
    """axe-core's browser script, as shipped inside the axe-playwright-python wheel."""
    import axe_playwright_python

    return Path(axe_playwright_python.__file__).parent / "axe.min.js"


AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']


SHARED_PARTS = (".highlight", ".bd-header", ".bd-sidebar-primary", ".bd-sidebar-secondary")


def run_axe(page, exclude: tuple[str, ...] = SHARED_PARTS) -> list[dict]:
    """Run axe-core (WCAG 2.1 A/AA rules) on the page; return the violations.

    By default the parts every page shares are left out: syntax-highlighted code (one theme, but
    thousands of token spans that make the colour-contrast rule slow), the header and the two
    sidebars (one template). The tests check them in full on sample pages (`exclude=()`)."""
    page.add_script_tag(path=str(axe_script()))
    context = {"exclude": [[selector] for selector in exclude]} if exclude else "document"
    result = page.evaluate("""async ([context, tags]) => await axe.run(
        context === "document" ? document : context,
        {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""", [context, AXE_TAGS])
    return result["violations"]
