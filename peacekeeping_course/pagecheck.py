"""Load built book pages in headless Chromium and record what they fetch.

Used by the browser tests and by `make bench`. Pages are served from a local HTTP server on
127.0.0.1; every request is recorded so a test can prove nothing leaves the machine.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from .paths import download_cache
from . import npm, webserver

serve = webserver.serve  # the tests and the bench serve pages with it (uncompressed by default)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


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


AXE_VERSION = "4.14.1"
AXE_URL = f"https://registry.npmjs.org/axe-core/-/axe-core-{AXE_VERSION}.tgz"
AXE_INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="


class AxeUnavailable(RuntimeError):
    """axe-core could not be had (no network on first use, or the download did not verify)."""


def axe_script(cache: Path | None = None) -> Path:
    """axe-core's browser script (`package/axe.min.js` of the npm package axe-core@AXE_VERSION),
    from the verified package (see npm.py) in the cache."""
    cache = cache or download_cache("axe")
    script = cache / f"axe-{AXE_VERSION}.min.js"
    try:
        tgz = npm.package("axe-core", AXE_VERSION, AXE_INTEGRITY, cache, url=AXE_URL)
    except npm.NpmUnavailable as err:
        raise AxeUnavailable(f"could not download axe-core {AXE_VERSION} ({err}); the accessibility checks "
                             f"need it once: connect to the network, or put {AXE_URL} in {cache}") from None
    except npm.NpmMismatch as err:
        script.unlink(missing_ok=True)
        raise AxeUnavailable(str(err)) from None
    if not script.exists():
        script.write_bytes(npm.files(tgz)["package/axe.min.js"])
    return script


# every WCAG 2.0, 2.1 and 2.2 rule at levels A and AA (axe-core 4.14.1 has no rule tagged wcag22a)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# and axe's best practices, as before; of those only serious and critical ones fail (see `failures`)
AXE_TAGS = WCAG_TAGS + ["best-practice"]


def run_axe(page, exclude: tuple[str, ...] = ()) -> list[dict]:
    """Run axe-core AXE_VERSION (all WCAG 2.0/2.1/2.2 A and AA rules, and its best practices) on
    the whole page, shared parts (header, sidebars) included; return the violations, of any impact."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script()))
    context = {"exclude": [[selector] for selector in exclude]} if exclude else "document"
    # first let running CSS animations and transitions end (a block fading in after a click would
    # be measured half-transparent: false colour-contrast failures); at most 2 s
    result = page.evaluate("""async ([context, tags]) => {
        const finite = document.getAnimations().filter(a => Number.isFinite(a.effect?.getComputedTiming().endTime));
        await Promise.race([Promise.all(finite.map(a => a.finished.catch(() => null))),
                            new Promise(resolve => setTimeout(resolve, 2000))]);
        return await axe.run(context === "document" ? document : context,
                             {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    }""", [context, AXE_TAGS])
    return result["violations"]


def describe(violations: list[dict]) -> list[tuple]:
    """(rule, impact, first target, number of nodes) of each violation, for assertion messages."""
    return [(v["id"], v["impact"], v["nodes"][0]["target"], len(v["nodes"])) for v in violations]


def failures(violations: list[dict]) -> list[dict]:
    """The violations a page must not have: any of a WCAG A/AA rule, whatever its impact, and the
    serious or critical ones of a best-practice rule (the minor `empty-table-header` of pandas'
    table outputs, whose index column has no heading, is left)."""
    return [v for v in violations
            if set(v["tags"]) & set(WCAG_TAGS) or v["impact"] in ("serious", "critical")]


# A weak link, as the course's budget defines it: 400 kbit/s down and up, 400 ms of latency.
WEAK_LINK = {"kbit": 400, "latency_ms": 400}


def time_to_text(b, url: str, kbit: int = WEAK_LINK["kbit"], latency_ms: int = WEAK_LINK["latency_ms"]) -> float:
    """Seconds from navigation until the page first paints its text (Chromium's first contentful
    paint), on a cold cache over a link throttled by Chromium's network emulation."""
    context = b.new_context()
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": latency_ms,
            "downloadThroughput": kbit * 1000 / 8, "uploadThroughput": kbit * 1000 / 8})
        page.goto(url, wait_until="commit", timeout=120_000)
        page.wait_for_function("performance.getEntriesByName('first-contentful-paint').length > 0",
                               timeout=120_000, polling=50)
        if not page.evaluate("document.querySelector('main p, article p') !== null"):
            raise ValueError(f"{url} has no paragraph of text")
        return page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime") / 1000
    finally:
        context.close()
