"""Drive the built lab in headless Chromium: open a notebook, time the kernel, run all cells, read
the outputs, and record every request. Used by the lab's browser test and by `make bench`.

Two nets catch traffic to other hosts: Playwright records every request of the pages, web workers
and the service worker; and Chromium is pointed at a "trap" proxy on 127.0.0.1 that records and
refuses every connection (Chromium bypasses a proxy only for the loopback), so anything that
escapes Playwright's view still shows up.
"""

from __future__ import annotations

import contextlib
import socketserver
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

from ..pagecheck import CHROMIUM_ARGS, LOCAL_HOSTS, chromium_path

# Debian's Chromium contacts these by itself, even on about:blank with every flag below; they are
# the browser's own traffic (refused by the trap), never the site's.
CHROMIUM_OWN_HOSTS = {"accounts.google.com", "update.googleapis.com"}
QUIET_ARGS = [
    "--disable-client-side-phishing-detection", "--disable-domain-reliability", "--no-pings",
    # the last --disable-features wins, so Playwright's own list is repeated here
    "--disable-features=AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,HttpsUpgrades,"
    "HttpsFirstBalancedModeAutoEnable,LensOverlay,MediaRouter,PaintHolding,ThirdPartyStoragePartitioning,"
    "AvoidCorsURLLoaderRestartOnRedirect,OptimizationHints,NetworkTimeServiceQuerying,AimEnabled,"
    "PreconnectToSearch,AutofillServerCommunication,AccountConsistency,SigninInterceptBubble,"
    "DialMediaRouteProvider,Translate,InterestFeedContentSuggestions,SafeBrowsing",
]
CHART = ".jp-OutputArea-output img[src^='data:image/png;base64,iVBOR']"

WAIT_FOR_NOTEBOOK = """async (path) => {
  const sleep = (ms) => new Promise(r => setTimeout(r, ms));
  while (!window.jupyterapp) await sleep(50);
  let panel = null;
  while (!panel) {
    const w = window.jupyterapp.shell.currentWidget;
    if (w && w.sessionContext && w.context && w.context.path === path) panel = w; else await sleep(50);
  }
  await panel.context.ready;
  await panel.sessionContext.ready;
  while (!panel.sessionContext.session || !panel.sessionContext.session.kernel) await sleep(50);
  return true;
}"""
EXECUTE = """async (code) => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const out = [];
  const future = kernel.requestExecute({code, store_history: false, silent: false});
  future.onIOPub = (msg) => {
    const t = msg.header.msg_type;
    if (t === 'stream') out.push(msg.content.text);
    if (t === 'error') out.push('ERROR ' + msg.content.ename + ': ' + msg.content.evalue);
    if (t === 'execute_result' || t === 'display_data') out.push(msg.content.data['text/plain'] || '');
  };
  const reply = await future.done;
  return {status: reply.content.status, out: out.join('')};
}"""
RUN_ALL = "async () => await window.jupyterapp.commands.execute('notebook:run-all-cells')"
SAVE = "async () => await window.jupyterapp.commands.execute('docmanager:save')"
OUTPUTS = """() => {
  const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
  const res = {errors: [], stderr: [], unexecuted: 0, code_cells: 0, charts: 0};
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type !== 'code') continue;
    res.code_cells++;
    if (c.executionCount === null) res.unexecuted++;
    for (const o of c.outputs.toJSON()) {
      if (o.output_type === 'error') res.errors.push([i, o.ename + ': ' + o.evalue]);
      if (o.output_type === 'stream' && o.name === 'stderr') res.stderr.push([i, String(o.text).slice(0, 300)]);
      if (o.data && o.data['image/png']) res.charts++;
    }
  }
  return res;
}"""
SET_SOURCE = """([start, source]) => {
  const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type === 'code' && c.sharedModel.getSource().startsWith(start)) { c.sharedModel.setSource(source); return i; }
  }
  return -1;
}"""


class TrapProxy(socketserver.ThreadingTCPServer):
    """A 'proxy' on 127.0.0.1 that records the first line of every request and refuses it."""
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        self.seen: list[str] = []
        trap = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                with contextlib.suppress(OSError, UnicodeDecodeError):
                    line = self.rfile.readline(4096).decode("latin-1").strip()
                    if line:
                        trap.seen.append(line)
                    self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")

        super().__init__(("127.0.0.1", 0), Handler)

    def foreign(self) -> list[str]:
        """Connections the trap saw, except Chromium's own services."""
        return [line for line in self.seen if _trap_host(line) not in CHROMIUM_OWN_HOSTS]


def _trap_host(line: str) -> str:
    target = line.split()[1] if len(line.split()) > 1 else line
    if "://" in target:
        return urllib.parse.urlsplit(target).hostname or target
    return target.rsplit(":", 1)[0]


@dataclass
class LabSession:
    """One Chromium page on the lab, with every request it and its workers made."""
    page: object
    base: str
    requests: list[str] = field(default_factory=list)
    trap: TrapProxy | None = None

    def foreign_requests(self) -> list[str]:
        off = [u for u in self.requests if not u.startswith(("data:", "blob:", "about:"))
               and (urllib.parse.urlsplit(u).hostname or "") not in LOCAL_HOSTS]
        return sorted(set(off)) + (self.trap.foreign() if self.trap else [])

    def open(self, path: str) -> float:
        """Open a notebook (path in the lab, e.g. notebooks/01-….ipynb); seconds until its kernel runs code."""
        started = time.perf_counter()
        self.page.goto(f"{self.base}/lab/index.html?path={urllib.parse.quote(path)}")
        self.page.evaluate(WAIT_FOR_NOTEBOOK, path)
        result = self.execute("1 + 1")
        if result["status"] != "ok":
            raise AssertionError(f"{path}: the kernel did not run 1 + 1: {result}")
        return time.perf_counter() - started

    def execute(self, code: str) -> dict:
        return self.page.evaluate(EXECUTE, code)

    def run_all(self) -> tuple[float, dict]:
        """Run every cell; (seconds, {errors, stderr, unexecuted, code_cells, charts})."""
        started = time.perf_counter()
        self.page.evaluate(RUN_ALL)
        return time.perf_counter() - started, self.page.evaluate(OUTPUTS)

    def set_cell(self, starts_with: str, source: str) -> None:
        if self.page.evaluate(SET_SOURCE, [starts_with, source]) < 0:
            raise AssertionError(f"no code cell starts with {starts_with!r}")

    def save(self) -> None:
        self.page.evaluate(SAVE)


@contextlib.contextmanager
def lab_session(base: str):
    """A headless Chromium on the lab served at `base` (…/lab), with both request nets."""
    from playwright.sync_api import sync_playwright

    trap = TrapProxy()
    threading.Thread(target=trap.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(
                executable_path=chromium_path(), headless=True,
                args=CHROMIUM_ARGS + QUIET_ARGS + [f"--proxy-server=http://127.0.0.1:{trap.server_address[1]}"])
            try:
                context = chromium.new_context(viewport={"width": 1400, "height": 1000}, service_workers="allow")
                session = LabSession(context.new_page(), base, trap=trap)
                context.on("request", lambda request: session.requests.append(request.url))
                yield session
            finally:
                chromium.close()
    finally:
        trap.shutdown()
        trap.server_close()
