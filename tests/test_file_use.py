"""The book opened from disk (file://), as trainers do from a USB stick, in Chromium.

- Search shows an excerpt under each result. searchtools.js fetches each result's page for its
  excerpt, which a browser blocks on file://; peacekeeping_course/search_excerpts.py writes the
  excerpts at build time and static/search-excerpts.js answers those fetches from them.
- Quiz progress saved on one page is read on another page (chapter 00 tells trainers which
  browsers do this)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from peacekeeping_course.pagecheck import browser, serve
from peacekeeping_course.quiz import load_bank
from peacekeeping_course.search_excerpts import DATA, MAX_BYTES, SCRIPT

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
CHAPTER_9 = "book/09-accountability-human-rights"
WORD = "jurisdiction"  # a word of chapter 9's reading


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


def plain(text: str) -> str:
    return " ".join(text.split())


def search(page, url: str):
    """Open the search page at `url` and wait until every result has been displayed."""
    page.goto(url, wait_until="load")
    page.wait_for_function("document.querySelector('.search-summary')?.innerText.startsWith('Search finished')",
                           timeout=30_000)
    page.wait_for_timeout(300)  # the last result's excerpt is added just after the status line


def chapter_9_result(page):
    results = page.locator("ul.search > li").filter(has=page.locator(f"a[href^='{CHAPTER_9}.html']"))
    assert results.count() >= 1, f"searching for {WORD!r} does not list chapter 9"
    return results.first


def test_search_from_disk_shows_chapter_9_with_an_excerpt(built_book, chromium):
    assert WORD in (REPO / f"{CHAPTER_9}.md").read_text(encoding="utf-8").lower()
    context = chromium.new_context()
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    search(page, (built_book / "search.html").as_uri() + f"?q={WORD}")

    excerpt = chapter_9_result(page).locator("p.context")
    assert excerpt.count() == 1, "the chapter 9 result has no excerpt"
    text = plain(excerpt.inner_text())
    assert len(text) > 40
    # the excerpt is the chapter's own text (pieces of it, cut with "…" or "...")
    chapter = plain(html.unescape(re.sub(r"<[^>]+>", "", (built_book / f"{CHAPTER_9}.html").read_text(encoding="utf-8"))))
    pieces = [p.strip() for p in re.split(r"…|\.\.\.", text) if len(p.strip()) >= 20]
    assert any(piece[:30] in chapter for piece in pieces), text
    # every result has its excerpt, and the blocked fetch was never tried (it logs an error)
    assert page.locator("ul.search > li").count() == page.locator("ul.search > li p.context").count()
    assert errors == []
    context.close()


def test_search_served_fetches_the_pages_and_not_the_excerpt_file(built_book, chromium):
    with serve(built_book) as base:
        context = chromium.new_context()
        page = context.new_page()
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        search(page, f"{base}/search.html?q={WORD}")
        assert plain(chapter_9_result(page).locator("p.context").inner_text())
        assert any(u.split("?")[0].endswith(f"/{CHAPTER_9}.html") for u in requests)
        assert not any(DATA in u for u in requests)
        assert page.locator(".pk-search-note").count() == 0
        context.close()


def test_excerpt_file_is_capped_and_only_the_search_page_loads_it(built_book):
    assert 10_000 < (built_book / DATA).stat().st_size <= MAX_BYTES
    assert (built_book / SCRIPT).is_file()
    pages = [p for p in built_book.rglob("*.html") if p.relative_to(built_book).parts[0] not in ("lab", ".venv-lab")]
    loading = sorted(str(p.relative_to(built_book)) for p in pages
                     if "search-excerpts.js" in p.read_text(encoding="utf-8"))
    assert loading == ["search.html"]


def test_progress_from_disk_is_shared_between_pages_in_chromium(built_book, chromium):
    """One browser (one context), two pages opened from disk: a quiz answered on the chapter page is
    read on the My progress page."""
    quiz_id = CHAPTER_9.split("/")[1]
    bank = load_bank(quiz_id)
    question = next(q for q in bank.questions if q.type == "single")
    right = next(i for i, o in enumerate(question.options) if o.correct)
    context = chromium.new_context()
    chapter = context.new_page()
    chapter.goto((built_book / f"{CHAPTER_9}.html").as_uri(), wait_until="load")
    assert chapter.evaluate("location.protocol") == "file:"
    box = chapter.locator(f"section.pk-quiz fieldset[data-qid='{question.id}']").first
    box.locator(f"input[value='{right}']").check()
    box.locator(".pk-check").click()
    assert "pk-right" in box.locator(".pk-feedback").get_attribute("class")

    progress = context.new_page()  # a second page, another file
    progress.goto((built_book / "book" / "my-progress.html").as_uri(), wait_until="load")
    row = progress.locator("section.pk-progress tbody tr").nth(int(bank.chapter) - 1)
    assert row.locator("td").first.inner_text() == f"1 of {len(bank.questions)}"
    context.close()
