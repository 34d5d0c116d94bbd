"""Print handouts: each chapter reading, and the printable quiz sheets, as PDF files.

`make handouts` (python -m peacekeeping_course.handouts) prints the BUILT book's pages with Chromium,
in print media (the course's print.css: no navigation, the quiz replaced by a note pointing to the
quiz sheet), into _build/handouts/NN-slug.pdf and _build/handouts/quiz-sheets.pdf. It works offline:
the pages are served from _build/html on 127.0.0.1 only. Run `make book` first.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from . import course
from .paths import REPO_ROOT

BUILD_HTML = REPO_ROOT / "_build" / "html"
OUT_DIR = REPO_ROOT / "_build" / "handouts"
QUIZ_SHEETS = "book/instructors/quiz-sheets.html"
FORMATS = ("A4", "Letter")
EXIT_NOT_BUILT = 2

# every image is loaded before printing (the book loads charts lazily, as the reader scrolls)
LOAD_IMAGES = """async () => {
  const images = Array.from(document.images);
  images.forEach(img => { img.loading = "eager"; });
  await Promise.all(images.map(img => img.complete ? null
    : new Promise(done => { img.addEventListener("load", done); img.addEventListener("error", done); })));
  await document.fonts.ready;
}"""


def pages_to_print() -> list[tuple[str, str]]:
    """(page in the built book, PDF file name): the chapter readings in order, then the quiz sheets."""
    pages = [(f"book/{c.slug}.html", f"{c.slug}.pdf") for c in course.chapters()]
    return pages + [(QUIZ_SHEETS, "quiz-sheets.pdf")]


def pdf_page_count(data: bytes) -> int:
    """The number of pages of a PDF written by Chromium (its page objects are not compressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def missing_pages(html_dir: Path) -> list[str]:
    return [page for page, _ in pages_to_print() if not (html_dir / page).is_file()]


def print_pages(html_dir: Path, out_dir: Path, paper: str = "A4",
                pages: list[tuple[str, str]] | None = None) -> list[tuple[Path, int]]:
    """Print `pages` (default: every handout) of the built book in html_dir to PDF files in out_dir,
    serving html_dir on 127.0.0.1 to a headless Chromium; returns (file, number of pages) for each."""
    from .pagecheck import browser, serve

    with serve(html_dir) as base, browser() as chromium:
        return print_with(chromium, base, out_dir, paper, pages)


def print_with(chromium, base: str, out_dir: Path, paper: str = "A4",
               pages: list[tuple[str, str]] | None = None) -> list[tuple[Path, int]]:
    """Print with a running Playwright Chromium the book served at `base`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    page = chromium.new_page()
    try:
        page.emulate_media(media="print")
        for source, name in pages or pages_to_print():
            page.goto(f"{base}/{source}", wait_until="load")
            page.evaluate(LOAD_IMAGES)
            data = page.pdf(format=paper)
            target = out_dir / name
            target.write_bytes(data)
            written.append((target, pdf_page_count(data)))
    finally:
        page.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m peacekeeping_course.handouts",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--html", type=Path, default=BUILD_HTML, help="the built book (default: _build/html)")
    parser.add_argument("--out", type=Path, default=OUT_DIR,
                        help="where the PDF files go (default: _build/handouts)")
    parser.add_argument("--paper", choices=FORMATS, default="A4", help="paper size (default: A4)")
    args = parser.parse_args(argv)
    missing = missing_pages(args.html)
    if not (args.html / "index.html").is_file():
        print(f"The book is not built: there is no {args.html / 'index.html'}.\n"
              "Build it first with: make book (then run make handouts again).", file=sys.stderr)
        return EXIT_NOT_BUILT
    if missing:
        shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
        print(f"The book in {args.html} is not completely built: it has no {shown}.\n"
              "Build it again with: make book (then run make handouts again).", file=sys.stderr)
        return EXIT_NOT_BUILT
    written = print_pages(args.html, args.out, args.paper)
    for path, count in written:
        print(f"{path.name}: {count} page{'s' if count != 1 else ''}")
    print(f"{len(written)} handouts ({args.paper}) in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
