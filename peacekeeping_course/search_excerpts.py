"""Search excerpts for the book opened from disk (file://), e.g. from a USB stick.

Sphinx 7.4's search page (basic theme's `searchtools.js`) lists each result, then fetches the result's
page to cut a short excerpt from it. A browser blocks `fetch()` on `file://` pages, so a book opened
from disk showed titles with no excerpt. After each build this step writes, next to `searchindex.js`,
`searchexcerpts.js`: for every page of the search index, the opening words of each of its sections as
plain text, and the definition of each glossary term (SECTION_CHARS characters at most; the whole
file at most MAX_BYTES). A file loaded with `<script src>` works on `file://`. The search page (and only it) gets `_static/search-excerpts.js`,
which answers the search's page fetches from that file when the book is opened from disk or when a
fetch fails; `searchtools.js` itself is not edited. Over http(s) (`make serve`, a web server) the
search fetches the pages as before and the excerpt file is not loaded.

Left out of the excerpts: the quiz (its options and feedback), code cells and their outputs, folded
content (solutions), scripts and hidden elements.

Called at build-finished (`setup`), or by hand on a built book: `python -m
peacekeeping_course.search_excerpts _build/html`.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup, Comment, Doctype
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)

SCRIPT = "_static/search-excerpts.js"  # copied from static/ by sphinx_ext._refresh_static
DATA = "searchexcerpts.js"             # written here, next to searchindex.js (not in _static)
SECTION_CHARS = 180                    # the opening of each section, cut at a word
MIN_SECTION_CHARS = 80                 # never shorter than this, whatever MAX_BYTES
MAX_BYTES = 200_000                    # the cap on the data file (the search index is ~380 KB)
GLOBAL = "pkSearchExcerpts"            # the data file sets window[GLOBAL]

# left out of the excerpts (CSS selectors, applied inside the article)
DROPPED = ("script", "style", "template", "noscript", "button", "form", "details", "[hidden]",
           ".headerlink", ".pk-quiz", ".pk-quiz-print-note", ".pk-progress", ".pk-record",
           "div.cell_input", "div.cell_output", "pre", ".toctree-wrapper", "nav")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
TAG = re.compile(r'\n?[ \t]*<script src="_static/search-excerpts\.js[^"]*"[^>]*></script>')
INDEX_SCRIPT = re.compile(r'<script src="searchindex\.js[^"]*"[^>]*></script>')


class ExcerptError(RuntimeError):
    """The built book cannot carry excerpts (no search index or no search page)."""


def docnames(html: Path) -> list[str]:
    """The pages the search index knows, in its order (`Search.setIndex({...})` in searchindex.js)."""
    index = html / "searchindex.js"
    if not index.is_file():
        raise ExcerptError(f"{index} is missing")
    text = index.read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1:text.rindex(")")])["docnames"]


def _plain(text: str) -> str:
    return " ".join(text.split())


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    head = text[:limit + 1]
    head = head[:head.rfind(" ")] if " " in head else text[:limit]
    return head.rstrip(" ,;:.–—-(") + " …"


def _words(node, skip_subsections: bool) -> str:
    """The text of `node` as one line, without headings (and without nested sections if asked)."""
    words = []
    for piece in node.find_all(string=True):
        if isinstance(piece, (Comment, Doctype)):
            continue
        chain = []
        for parent in piece.parents:
            if parent is node:
                break
            chain.append(parent.name)
        if any(name in HEADINGS for name in chain) or (skip_subsections and "section" in chain):
            continue
        words.append(str(piece))
    return _plain("".join(words))


def page_sections(page: Path) -> list[tuple[str, str]]:
    """[(section id, its own text as one line)] in page order; the id of the page's first section
    (its title) is given as "" (a whole-page result of the search has no anchor). A section made only
    of subsections gets their text."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.bd-article") or soup.select_one('[role="main"]')
    if article is None:
        return []
    for selector in DROPPED:
        for element in article.select(selector):
            element.decompose()
    for strong in article.select("p > strong:first-child"):  # the chapter's "Time: ..." line
        if strong.get_text().strip() == "Time:" and strong.parent is not None:
            strong.parent.decompose()
    found = [(section["id"], _words(section, True) or _words(section, False))
             for section in article.find_all("section", id=True)]
    if not found:  # a page without sections: its whole article
        found.append(("", _words(article, False)))
    else:
        found[0] = ("", found[0][1])
    # glossary terms: the search links a term to its id; the excerpt is its definition
    for term in article.select("dt[id]"):
        definition = term.find_next_sibling("dd")
        if definition is not None:
            found.append((term["id"], _words(definition, False)))
    return [(anchor, text) for anchor, text in found if text]


def collect(html: Path) -> dict[str, list[tuple[str, str]]]:
    """Every indexed page's sections, uncut."""
    pages = {}
    for name in docnames(html):
        page = html / f"{name}.html"
        if page.is_file():
            pages[name] = page_sections(page)
    return pages


def render(pages: dict[str, list[tuple[str, str]]], limit: int) -> str:
    data = {name: [[anchor, _cut(text, limit)] for anchor, text in sections]
            for name, sections in pages.items() if sections}
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # safe inside a <script> file: no "</script" and no line separators that older parsers reject
    body = body.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.{GLOBAL}={body};\n"


def write(html: Path) -> int:
    """Write the excerpt file and put the excerpt script on the search page (idempotent).
    Returns the excerpt file's size in bytes (at most MAX_BYTES; sections are cut shorter if needed)."""
    html = Path(html)
    search = html / "search.html"
    if not search.is_file():
        raise ExcerptError(f"{search} is missing")
    pages = collect(html)
    limit = SECTION_CHARS
    text = render(pages, limit)
    while len(text.encode("utf-8")) > MAX_BYTES and limit > MIN_SECTION_CHARS:
        limit -= 20
        text = render(pages, limit)
    data = text.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise ExcerptError(f"{DATA} would be {len(data):,} bytes (cap {MAX_BYTES:,}) even at "
                           f"{MIN_SECTION_CHARS} characters a section")
    (html / DATA).write_bytes(data)

    script = html / SCRIPT
    version = hashlib.sha256(data + (script.read_bytes() if script.is_file() else b"")).hexdigest()[:8]
    tag = (f'\n  <script src="{SCRIPT}?v={version}" data-excerpts="{DATA}?v={version}"></script>')
    page = TAG.sub("", search.read_text(encoding="utf-8"))
    match = INDEX_SCRIPT.search(page)
    if match is None:
        raise ExcerptError(f"{search} does not load searchindex.js")
    search.write_text(page[:match.end()] + tag + page[match.end():], encoding="utf-8")
    return len(data)


def _build_finished(app, exception) -> None:
    if exception is not None or app.builder.format != "html" or not getattr(app.builder, "search", True):
        return  # no search page (a build with search turned off, such as the scaffold test's) needs none
    size = write(Path(app.outdir))
    LOGGER.info(f"[course] search excerpts for file:// use: {DATA}, {size:,} bytes")


def setup(app):
    """A Sphinx extension of its own, so sphinx_ext needs one line: app.setup_extension(__name__).
    Priority 900: after sphinx_ext's build-finished handlers (static files copied, pages fixed)."""
    app.connect("build-finished", _build_finished, priority=900)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html")
    print(f"{target / DATA}: {write(target):,} bytes")
