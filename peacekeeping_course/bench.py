"""`make bench`: build times, notebook run times and page weights, against the course budgets.

    python -m peacekeeping_course.bench [--with-tests]

Budgets: clean build <= 90 s, cached rebuild <= 15 s (both as `make book`: the in-browser lab, then
the book), full test run <= 6 min, each first page load <= 500 KB uncompressed with no request to
another host (the search page, never a first page, is weighed as reached from the home page), and on a weak link (400 kbit/s, 400 ms latency, Chromium's network emulation, served
compressed as `make serve` and a configured web server do) the text of the home page and of every
chapter reading painted within 3 s of a cold first visit.
The in-browser lab: at most 60 MB; every notebook runs top to bottom with no error, its kernel ready
within 15 s of opening, and no request to another host.

Everything the bench runs (the book build, the notebooks' kernels, the tests) runs with
PEACEKEEPING_PROGRESS=off, so a bench never writes into the developer's own progress file.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from .browser_lab.labcheck import lab_session
from .browser_lab.site import folder_bytes
from .paths import REPO_ROOT
from .notebooks import NOTEBOOKS, kernel_env, run
from .pagecheck import WEAK_LINK, browser, open_page, serve, time_to_text

BUDGET = {"clean build": 90.0, "cached rebuild": 15.0, "tests": 360.0, "page bytes": 500_000,
          "time to text": 3.0, "lab MB": 60.0, "lab kernel ready": 15.0}
BUILD = REPO_ROOT / "_build"


def _timed(*cmds: list[str]) -> float:
    start = time.perf_counter()
    for cmd in cmds:
        subprocess.run(cmd, cwd=REPO_ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=kernel_env())
    return time.perf_counter() - start


def _lab_cmd() -> list[str]:
    return [sys.executable, "-m", "peacekeeping_course.browser_lab"]


def _book_cmd() -> list[str]:
    return [str(Path(sys.executable).parent / "jupyter-book"), "build", ".", "--warningiserror",
            "--nitpick", "--keep-going"]


def _toc_pages() -> list[str]:
    toc = yaml.safe_load((REPO_ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]
    for part in toc["parts"]:
        for chapter in part["chapters"]:
            pages += [chapter["file"]] + [section["file"] for section in chapter.get("sections", [])]
    return [f"{p}.html" for p in pages]


def weigh_next(chromium, first: str, then: str) -> int:
    """Bytes a page adds when a reader goes to it from `first` (in one browser, with its cache)."""
    page, _ = open_page(chromium, first)
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(then, wait_until="load")
    page.wait_for_timeout(1000)
    added = sum(r.sizes()["responseBodySize"] for r in finished)
    page.context.close()
    return added


def run_notebook(path: Path) -> float:
    """Run one notebook on a fresh kernel, with progress recording off; returns the seconds taken."""
    start = time.perf_counter()
    run(path, timeout=600)
    return time.perf_counter() - start


def bench_weak_link(html: Path) -> int:
    """Time to text of the home page and each chapter reading on a throttled link; returns failures."""
    pages = ["book/index.html", *(p for p in _toc_pages() if p.startswith("book/") and p[5:7].isdigit()
                             and not p.startswith("book/00"))]
    print(f"\nweak link ({WEAK_LINK['kbit']} kbit/s, {WEAK_LINK['latency_ms']} ms; compressed)     "
          f"time to text   budget {BUDGET['time to text']:.0f} s")
    failures = 0
    with serve(html, compress=True) as base, browser() as chromium:
        for page_path in pages:
            seconds = time_to_text(chromium, f"{base}/{page_path}")
            failures += seconds > BUDGET["time to text"]
            print(f"  {page_path:<48}{seconds:8.1f} s   {_verdict(seconds <= BUDGET['time to text'])}")
    return failures


def bench_lab(html: Path) -> int:
    """Run every notebook of the in-browser lab top to bottom in Chromium; returns budgets missed."""
    lab = html / "lab"
    if not (lab / "jupyter-lite.json").is_file():
        print("\nin-browser lab: NOT BUILT (see _build/lab-status.json)")
        return 1
    size = folder_bytes(lab) / 1e6
    failures = size > BUDGET["lab MB"]
    print(f"\nin-browser lab {size:6.1f} MB   budget {BUDGET['lab MB']:.0f} MB   {_verdict(not failures)}")
    print("  notebook                                          kernel ready   run all   problems")
    with serve(html) as base, lab_session(f"{base}/lab") as session:
        for path in sorted(p.relative_to(lab / "files").as_posix() for p in (lab / "files").glob("*/*.ipynb")):
            try:
                ready = session.open(path)
                seconds, outputs = session.run_all()
                problems = [f"{len(outputs[k])} {k}" for k in ("errors", "stderr") if outputs[k]]
                problems += [f"{outputs['unexecuted']} cells not run"] if outputs["unexecuted"] else []
            except Exception as err:  # noqa: BLE001 - a bench reports every notebook
                ready, seconds, problems = float("nan"), float("nan"), [f"{type(err).__name__}: {err}"[:80]]
            bad = bool(problems) or not ready <= BUDGET["lab kernel ready"]
            failures += bad
            print(f"  {path:<50}{ready:9.1f} s{seconds:9.1f} s   {'; '.join(problems) or _verdict(not bad)}")
        foreign = session.foreign_requests()
    print(f"  requests to other hosts: {len(foreign)}   {_verdict(not foreign)}")
    return failures + bool(foreign)


def _verdict(ok: bool) -> str:
    return "ok" if ok else "OVER BUDGET"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the course build and pages.")
    parser.add_argument("--with-tests", action="store_true", help="also time the full test run")
    args = parser.parse_args(argv)
    os.environ["PEACEKEEPING_PROGRESS"] = "off"  # and for anything else started from here
    failures = 0

    shutil.rmtree(BUILD, ignore_errors=True)
    clean = _timed(_lab_cmd(), _book_cmd())
    cached = _timed(_lab_cmd(), _book_cmd())
    print(f"{'clean build':<24}{clean:8.1f} s   budget {BUDGET['clean build']:.0f} s   {_verdict(clean <= 90)}")
    print(f"{'cached rebuild':<24}{cached:8.1f} s   budget {BUDGET['cached rebuild']:.0f} s   {_verdict(cached <= 15)}")
    failures += (clean > 90) + (cached > 15)

    print("\nnotebook execution (fresh kernel)")
    for path in sorted(p for pattern in NOTEBOOKS for p in REPO_ROOT.glob(pattern)):
        print(f"  {str(path.relative_to(REPO_ROOT)):<52}{run_notebook(path):6.1f} s")

    print("\npages (cold cache)                                     bytes  requests  off-host")
    with serve(BUILD / "html") as base, browser() as chromium:
        for page_path in _toc_pages():
            page, record = open_page(chromium, f"{base}/{page_path}")
            page.context.close()
            over = record.bytes > BUDGET["page bytes"] or record.off_host
            failures += bool(over)
            print(f"  {page_path:<48}{record.bytes:>11,}{len(record.requests):>10}{len(record.off_host):>10}"
                  f"   {_verdict(not over)}")

        # the search page is never a first page: a reader searches from another page, whose theme
        # files the browser already has; what it adds is the search index and its own HTML (each
        # result then fetches its page for an excerpt, as Sphinx's search does: not counted here)
        added = weigh_next(chromium, f"{base}/index.html", f"{base}/search.html")
        over = added > BUDGET["page bytes"]
        failures += over
        print(f"  {'search.html (after the home page)':<48}{added:>11,}{'':>20}   {_verdict(not over)}")

    failures += bench_weak_link(BUILD / "html")
    failures += bench_lab(BUILD / "html")

    if args.with_tests:
        tests = _timed([sys.executable, "-m", "pytest", "-q"])
        print(f"\n{'full test run':<24}{tests:8.1f} s   budget 360 s   {_verdict(tests <= 360)}")
        failures += tests > 360
    print("\nall budgets met" if not failures else f"\n{failures} budget(s) exceeded")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
