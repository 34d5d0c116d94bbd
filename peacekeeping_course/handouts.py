"""Print handouts: each chapter reading, the printable quiz sheets, and the whole book, as PDF files.

`make handouts` (python -m peacekeeping_course.handouts) prints the BUILT book's pages with Chromium,
in print media (the course's print.css: no navigation, the quiz as a worksheet with a note pointing to
the quiz sheet), into _build/handouts/NN-slug.pdf and _build/handouts/quiz-sheets.pdf, and every
chapter reading in order, each from a new page, into _build/handouts/book.pdf (after a contents page;
a tagged PDF, so screen readers follow its headings). It works offline: the pages are served from
_build/html on 127.0.0.1 only, and nothing is written into the built book. Run `make book` first.

The whole book is one HTML document (`book_html`): the first chapter's page (its head, stylesheets
and scripts) with its printed part (the print title, contents and article) replaced by every
chapter's, in order. The browser is given it at an address in book/, where all the readings are, so
their links and images resolve as on their own pages; it is printed once.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Sequence
from html import escape
from pathlib import Path

from . import course
from .paths import REPO_ROOT

BUILD_HTML = REPO_ROOT / "_build" / "html"
OUT_DIR = REPO_ROOT / "_build" / "handouts"
QUIZ_SHEETS = "book/instructors/quiz-sheets.html"
BOOK_PDF = "book.pdf"
# the address the whole-book document is printed from: in book/, beside the readings (the browser is
# given the document there; no such file is written)
BOOK_PAGE = "book/whole-book-print.html"
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


# each chapter from a new page; the contents page is the first (after it, a chapter's own print title)
BOOK_STYLE = """<style>
.pk-book-chapter { break-before: page; }
.pk-book-cover h1 { display: block !important; font-size: 22pt !important; margin: 0 0 0.4em !important; }
.pk-book-cover ol { margin: 0.4em 0 0 1.4em; padding: 0; }
.pk-book-cover li { margin: 0.25em 0; }
</style>"""


def book_html(html_dir: Path, chapters: Sequence[course.Chapter] | None = None) -> str:
    """The whole book as one HTML document to print: a contents page, then each chapter reading of
    `chapters` (default: all, in order) as its own page prints it (print title, contents, article),
    each from a new page, all in the first chapter's page (its head, stylesheets and scripts). Meant
    to be shown at BOOK_PAGE, in book/ beside the readings, so that their relative links resolve."""
    from bs4 import BeautifulSoup

    chapters = list(chapters or course.chapters())
    if not chapters:
        raise ValueError("no chapter to print")
    pages = [BeautifulSoup((html_dir / f"book/{c.slug}.html").read_text(encoding="utf-8"), "html.parser")
             for c in chapters]
    doc = pages[0]
    site = doc.title.get_text().rsplit("\N{EM DASH}", 1)[-1].strip() if doc.title else ""
    site = site or "The chapter readings"
    if doc.title:
        doc.title.string = site
    doc.head.append(BeautifulSoup(BOOK_STYLE, "html.parser"))
    anchor = doc.select_one("#jb-print-docs-body") or doc.select_one("article.bd-article")
    if anchor is None:
        raise ValueError(f"book/{chapters[0].slug}.html has no article to print")
    book = doc.new_tag("div", attrs={"class": "pk-book"})
    anchor.insert_before(book)
    book.append(BeautifulSoup(
        '<article class="bd-article pk-book-cover" id="pk-book-contents">'
        f"<h1>{escape(site)}</h1><p>The chapter readings:</p><ol>"
        + "".join(f'<li value="{c.number}"><a class="reference internal" href="#pk-book-{c.slug}">'
                  f"{escape(c.title)}</a></li>" for c in chapters)
        + "</ol></article>", "html.parser"))
    for chapter, page in zip(chapters, pages):
        part = doc.new_tag("div", attrs={"class": "pk-book-chapter", "id": f"pk-book-{chapter.slug}",
                                         "data-chapter": str(chapter.number)})
        for selector in ("#jb-print-docs-body", "article.bd-article:not(.pk-book-cover)"):
            found = page.select_one(selector)
            if found is not None:
                part.append(found.extract())
        book.append(part)
    return str(doc)


def pdf_page_count(data: bytes) -> int:
    """The number of pages of a PDF written by Chromium (its page objects are not compressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def missing_pages(html_dir: Path) -> list[str]:
    return [page for page, _ in pages_to_print() if not (html_dir / page).is_file()]


def print_pages(html_dir: Path, out_dir: Path, paper: str = "A4",
                pages: list[tuple[str, str]] | None = None, whole_book: bool = False) -> list[tuple[Path, int]]:
    """Print `pages` (default: every handout) of the built book in html_dir to PDF files in out_dir,
    and with `whole_book` also the whole book (print_book), serving html_dir on 127.0.0.1 to a
    headless Chromium; returns (file, number of pages) for each."""
    from .pagecheck import browser, serve

    with serve(html_dir) as base, browser() as chromium:
        written = print_with(chromium, base, out_dir, paper, pages)
        if whole_book:
            written.append(print_book(chromium, base, html_dir, out_dir, paper))
        return written


def print_book(chromium, base: str, html_dir: Path, out_dir: Path, paper: str = "A4",
               chapters: Sequence[course.Chapter] | None = None, name: str = BOOK_PDF) -> tuple[Path, int]:
    """Print with a running Playwright Chromium the whole book (book_html of `chapters`, default all)
    of the book in html_dir, served at `base`, to out_dir/name (a tagged PDF). Chromium's PDF bookmarks
    (outline=True) are left out: version 156 doubles the text of some headings in them."""
    document = book_html(html_dir, chapters)
    address = f"{base}/{BOOK_PAGE}"
    out_dir.mkdir(parents=True, exist_ok=True)
    page = chromium.new_page()
    try:
        page.route(address, lambda route: route.fulfill(status=200, body=document,
                                                        content_type="text/html; charset=utf-8"))
        page.emulate_media(media="print")
        page.goto(address, wait_until="load")
        page.evaluate(LOAD_IMAGES)
        data = page.pdf(format=paper, tagged=True)
    finally:
        page.close()
    target = out_dir / name
    target.write_bytes(data)
    return target, pdf_page_count(data)


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
    started = time.monotonic()
    written = print_pages(args.html, args.out, args.paper, whole_book=True)
    for path, count in written:
        print(f"{path.name}: {count} page{'s' if count != 1 else ''}")
    print(f"{len(written)} PDF files ({args.paper}) in {args.out}, in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
