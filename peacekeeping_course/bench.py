"""`make bench`: build times, notebook run times and page weights, against the course budgets.

    python -m peacekeeping_course.bench [--with-tests]

Budgets: clean build <= 90 s, cached rebuild <= 15 s, full test run <= 6 min, each first page load
<= 1 MB with no request to another host.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import yaml
from nbclient import NotebookClient

from .datasets import REPO_ROOT
from .notebooks import NOTEBOOKS
from .pagecheck import browser, open_page, serve

BUDGET = {"clean build": 90.0, "cached rebuild": 15.0, "tests": 360.0, "page bytes": 1_000_000}
BUILD = REPO_ROOT / "_build"


def _timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=REPO_ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


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


def _verdict(ok: bool) -> str:
    return "ok" if ok else "OVER BUDGET"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the course build and pages.")
    parser.add_argument("--with-tests", action="store_true", help="also time the full test run")
    args = parser.parse_args(argv)
    failures = 0

    shutil.rmtree(BUILD, ignore_errors=True)
    clean = _timed(_book_cmd())
    cached = _timed(_book_cmd())
    print(f"{'clean build':<24}{clean:8.1f} s   budget {BUDGET['clean build']:.0f} s   {_verdict(clean <= 90)}")
    print(f"{'cached rebuild':<24}{cached:8.1f} s   budget {BUDGET['cached rebuild']:.0f} s   {_verdict(cached <= 15)}")
    failures += (clean > 90) + (cached > 15)

    print("\nnotebook execution (fresh kernel)")
    for path in sorted(p for pattern in NOTEBOOKS for p in REPO_ROOT.glob(pattern)):
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        print(f"  {str(path.relative_to(REPO_ROOT)):<52}{time.perf_counter() - start:6.1f} s")

    print("\npages (cold cache)                                     bytes  requests  off-host")
    with serve(BUILD / "html") as base, browser() as chromium:
        for page_path in _toc_pages():
            page, record = open_page(chromium, f"{base}/{page_path}")
            page.context.close()
            over = record.bytes > BUDGET["page bytes"] or record.off_host
            failures += bool(over)
            print(f"  {page_path:<48}{record.bytes:>11,}{len(record.requests):>10}{len(record.off_host):>10}"
                  f"   {_verdict(not over)}")

    if args.with_tests:
        tests = _timed([sys.executable, "-m", "pytest", "-q"])
        print(f"\n{'full test run':<24}{tests:8.1f} s   budget 360 s   {_verdict(tests <= 360)}")
        failures += tests > 360
    print("\nall budgets met" if not failures else f"\n{failures} budget(s) exceeded")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
