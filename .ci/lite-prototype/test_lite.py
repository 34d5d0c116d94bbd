#!/usr/bin/env python3
"""Browser test of the in-browser lab: serves ./site on 127.0.0.1 (python -m http.server), drives
headless Chromium (Playwright) through the lab, and proves that nothing leaves the machine.

    venv/bin/python test_lite.py [--site site] [--notebooks notebooks/01-... ...] [--all]

For each notebook: open lab/index.html?path=NB, wait until the kernel runs code (kernel-ready time),
Run All (run time), then assert: no error output, no stderr output, and (lesson notebooks) a rendered
chart. Then: answer a quiz question (widget) and get feedback; answer exercise 1.1 and get check()
feedback; reload the page, open My progress and find both recorded in the browser's storage.

Network: every request Chromium makes (pages, web workers, the service worker) is recorded by
Playwright, and Chromium is also given a "trap" proxy on 127.0.0.1 that records and refuses any
connection to a host other than the loopback (Chromium bypasses proxies for loopback only). The test
fails if either saw a request to another host.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import socket
import socketserver
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        # Chromium's own Google services (not the site): keep them quiet so that the trap proxy
        # below sees nothing at all. The last --disable-features wins, so Playwright's list is repeated.
        "--disable-client-side-phishing-detection", "--disable-domain-reliability", "--no-pings",
        "--disable-features=AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,HttpsUpgrades,"
        "HttpsFirstBalancedModeAutoEnable,LensOverlay,MediaRouter,PaintHolding,ThirdPartyStoragePartitioning,"
        "AvoidCorsURLLoaderRestartOnRedirect,OptimizationHints,NetworkTimeServiceQuerying,AimEnabled,"
        "PreconnectToSearch,AutofillServerCommunication,AccountConsistency,SigninInterceptBubble,"
        "DialMediaRouteProvider,Translate,InterestFeedContentSuggestions,SafeBrowsing"]
DEFAULT_NOTEBOOKS = ["notebooks/01-peacekeeping-role.ipynb", "notebooks/05-unmil-liberia.ipynb",
                     "exercises/01-peacekeeping-role.ipynb"]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
# Chromium's own services: Debian's Chromium contacts these even on about:blank with every flag
# above (control_trap.py shows it); they are the browser's, never the site's, and are refused.
CHROMIUM_OWN = {"accounts.google.com", "update.googleapis.com"}


def trap_host(line: str) -> str:
    target = line.split()[1] if len(line.split()) > 1 else line
    if "://" in target:
        return urllib.parse.urlsplit(target).hostname or target
    return target.rsplit(":", 1)[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Trap(socketserver.ThreadingTCPServer):
    """A 'proxy' that records the first line of every request and answers 403."""
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int):
        self.seen: list[str] = []

        trap = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                with contextlib.suppress(Exception):
                    line = self.rfile.readline(4096).decode("latin-1").strip()
                    if line:
                        trap.seen.append(line)
                    self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")

        super().__init__(("127.0.0.1", port), Handler)


@contextlib.contextmanager
def serve(site: Path):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                             "--directory", str(site)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"http://127.0.0.1:{port}/jupyter-lite.json", timeout=1)
                break
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(10)


# JS helpers run in the page -------------------------------------------------------------------
JS_WAIT_PANEL = """async (path) => {
  const sleep = (ms) => new Promise(r => setTimeout(r, ms));
  while (!window.jupyterapp) await sleep(50);
  const app = window.jupyterapp;
  let panel = null;
  for (;;) {
    const w = app.shell.currentWidget;
    if (w && w.sessionContext && w.context && w.context.path === path) { panel = w; break; }
    await sleep(50);
  }
  await panel.context.ready;
  await panel.sessionContext.ready;
  while (!panel.sessionContext.session || !panel.sessionContext.session.kernel) await sleep(50);
  return true;
}"""

JS_EXEC = """async (code) => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session.kernel;
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

JS_RUN_ALL = """async () => {
  const app = window.jupyterapp;
  const ok = await app.commands.execute('notebook:run-all-cells');
  return ok;
}"""

JS_OUTPUTS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = panel.content.model.cells;
  const res = {errors: [], stderr: [], unexecuted: 0, code: 0, images: 0};
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type !== 'code') continue;
    res.code++;
    if (c.executionCount === null) res.unexecuted++;
    const outs = c.outputs.toJSON();
    for (const o of outs) {
      if (o.output_type === 'error') res.errors.push([i, o.ename + ': ' + o.evalue]);
      if (o.output_type === 'stream' && o.name === 'stderr') res.stderr.push([i, String(o.text).slice(0, 300)]);
      if (o.data && o.data['image/png']) res.images++;
    }
  }
  return res;
}"""

JS_SET_SOURCE = """([match, source]) => {
  const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type === 'code' && c.sharedModel.getSource().startsWith(match)) { c.sharedModel.setSource(source); return i; }
  }
  return -1;
}"""


def open_notebook(page, base: str, nb: str, timings: dict) -> None:
    t0 = time.perf_counter()
    page.goto(f"{base}/lab/index.html?path={urllib.parse.quote(nb)}")
    page.evaluate(JS_WAIT_PANEL, nb)
    t_panel = time.perf_counter()
    r = page.evaluate(JS_EXEC, "1 + 1")
    assert r["status"] == "ok", r
    timings["kernel_ready_s"] = round(time.perf_counter() - t0, 1)
    timings["page_to_panel_s"] = round(t_panel - t0, 1)


def run_all(page, timings: dict, expect_chart: bool) -> dict:
    t0 = time.perf_counter()
    page.evaluate(JS_RUN_ALL)
    timings["run_all_s"] = round(time.perf_counter() - t0, 1)
    res = page.evaluate(JS_OUTPUTS)
    if expect_chart:
        # cells out of view are not painted (windowed notebook), so: attached, and a real PNG
        page.wait_for_selector(".jp-OutputArea-output img[src^='data:image/png;base64,iVBOR']",
                               state="attached", timeout=30_000)
        res["charts_in_dom"] = page.locator(".jp-OutputArea-output img[src^='data:image/png;base64,iVBOR']").count()
    return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", default=HERE / "site", type=Path)
    ap.add_argument("--notebooks", nargs="*", default=DEFAULT_NOTEBOOKS)
    ap.add_argument("--all", action="store_true", help="every notebook of the lab (bench)")
    ap.add_argument("--no-interaction", action="store_true")
    ap.add_argument("--screenshots", default=HERE / "shots", type=Path)
    args = ap.parse_args(argv)
    notebooks = args.notebooks
    if args.all:
        files = args.site / "files"
        notebooks = sorted(str(p.relative_to(files)) for p in files.glob("*/*.ipynb"))
    args.screenshots.mkdir(exist_ok=True)

    trap = Trap(free_port())
    threading.Thread(target=trap.serve_forever, daemon=True).start()
    requests: list[str] = []
    report: dict = {"notebooks": {}, "failures": []}
    fail = report["failures"].append

    with serve(args.site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=ARGS + [f"--proxy-server=http://127.0.0.1:{trap.server_address[1]}"])
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="allow")
        context.on("request", lambda r: requests.append(r.url))
        not_found: list[str] = []
        context.on("response", lambda r: not_found.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page = context.new_page()
        console_errors: list[str] = []
        page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)

        for nb in notebooks:
            timings: dict = {}
            try:
                open_notebook(page, base, nb, timings)
                res = run_all(page, timings, expect_chart=nb.startswith("notebooks/0") or nb.startswith("notebooks/1"))
            except Exception as err:  # noqa: BLE001
                fail(f"{nb}: {type(err).__name__}: {str(err)[:500]}")
                page.screenshot(path=str(args.screenshots / (nb.replace("/", "_") + ".png")))
                report["notebooks"][nb] = timings
                continue
            report["notebooks"][nb] = {**timings, **res}
            if res["errors"]:
                fail(f"{nb}: error output {res['errors']}")
            if res["stderr"]:
                fail(f"{nb}: stderr output {res['stderr']}")
            if res["unexecuted"]:
                fail(f"{nb}: {res['unexecuted']} code cells not executed")
            print(nb, json.dumps(report["notebooks"][nb]), flush=True)
            page.screenshot(path=str(args.screenshots / (nb.replace("/", "_") + ".png")))

        if not args.no_interaction:
            try:
                interact(page, base, report)
            except Exception as err:  # noqa: BLE001
                fail(f"interaction: {type(err).__name__}: {str(err)[:800]}")
                page.screenshot(path=str(args.screenshots / "interaction-failure.png"))
        report["console_errors"] = sorted({e[:200] for e in console_errors})[:20]
        report["http_errors"] = sorted(set(not_found))
        browser.close()
    trap.shutdown()

    hosts = sorted({urllib.parse.urlsplit(u).hostname or u.split(":")[0] for u in requests})
    foreign = sorted({u for u in requests if (urllib.parse.urlsplit(u).hostname or "") not in LOCAL_HOSTS
                      and not u.startswith(("data:", "blob:", "about:"))})
    report["requests"] = {"total": len(requests), "hosts": hosts, "foreign": foreign[:50],
                          "trap_proxy_other": [l for l in trap.seen if trap_host(l) not in CHROMIUM_OWN][:50]}
    if foreign:
        fail(f"requests to other hosts: {foreign[:10]}")
    site_traffic = [l for l in trap.seen if trap_host(l) not in CHROMIUM_OWN]
    report["requests"]["trap_proxy_chromium_own_hosts"] = sorted({trap_host(l) for l in trap.seen} & CHROMIUM_OWN)
    if site_traffic:
        fail(f"the trap proxy saw connections to other hosts: {site_traffic[:10]}")
    (HERE / "test-report.json").write_text(json.dumps(report, indent=1))
    print(json.dumps({k: v for k, v in report.items() if k != "notebooks"}, indent=1))
    print(f"{len(notebooks) + (0 if args.no_interaction else 1) - len(report['failures'])} passed, "
          f"{len(report['failures'])} failed")
    return 1 if report["failures"] else 0


def interact(page, base: str, report: dict) -> None:
    """Quiz widget feedback, check() feedback, progress kept across a reload."""
    out = report["interaction"] = {}
    # 1. the quiz of lesson 1: choose the first option of question 1, Check, read the feedback
    nb = "notebooks/01-peacekeeping-role.ipynb"
    open_notebook(page, base, nb, {})
    page.evaluate(JS_RUN_ALL)
    radio = page.locator(".widget-radio-box input[type=radio]").first
    radio.wait_for(timeout=60_000)
    radio.check()
    page.locator("button.jupyter-button:has-text('Check')").first.click()
    feedback = page.locator(".widget-html-content p[style*='color'] b").first
    feedback.wait_for(timeout=30_000)
    out["quiz_feedback"] = feedback.inner_text()
    time.sleep(1)  # the score line is updated after the answer is recorded
    out["quiz_score"] = page.locator(".widget-html-content:has-text('Score:')").first.text_content()

    # 2. exercise 1.1: write an answer, run, read check() feedback
    nb = "exercises/01-peacekeeping-role.ipynb"
    open_notebook(page, base, nb, {})
    i = page.evaluate(JS_SET_SOURCE, ["answer_1_1 = None", "answer_1_1 = (1999, 18460)"])
    assert i >= 0, "answer cell of exercise 1.1 not found"
    page.evaluate(JS_RUN_ALL)
    fb = page.locator(".jp-OutputArea-output:has-text('1.1')").first
    fb.wait_for(state="attached", timeout=30_000)
    out["check_feedback"] = " ".join(fb.text_content().split())[:300]
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    time.sleep(1)

    # 3. reload, open My progress, find both recorded
    page.reload()
    nb = "notebooks/my-progress.ipynb"
    open_notebook(page, base, nb, {})
    page.evaluate(JS_RUN_ALL)
    r = page.evaluate(JS_EXEC, "import json\nfrom peacekeeping_course import progress\n"
                               "print(progress.progress_path())\nd = progress.load()\n"
                               "print(json.dumps({'quizzes': d['quizzes'], 'exercises': d['exercises']}))")
    out["progress_raw"] = r["out"][-800:]
    path, data = r["out"].strip().split("\n", 1)
    data = json.loads(data.strip().splitlines()[-1])
    out["progress_path"] = path
    if "01-peacekeeping-role" not in data["quizzes"]:
        raise AssertionError(f"quiz answer not kept after reload: {data}")
    if "1.1" not in data["exercises"]:
        raise AssertionError(f"exercise check not kept after reload: {data}")
    out["my_progress_text"] = " ".join(page.locator(".pk-progress").first.text_content().split())[:300]
    page.screenshot(path=str(HERE / "shots" / "my-progress.png"))


if __name__ == "__main__":
    sys.exit(main())
