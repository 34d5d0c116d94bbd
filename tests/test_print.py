"""Print and reading order (issue 15): a chapter prints as a handout (Chromium's print media), the
handouts target and its whole-book PDF, the root page's viewport, and prev/next links that skip the
exercises-with-solutions pages going backwards."""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from peacekeeping_course import course
from peacekeeping_course.handouts import EXIT_NOT_BUILT, book_html, pdf_page_count, print_book, print_with

REPO = Path(__file__).resolve().parent.parent
CHAPTER = course.chapter(1)
READING = f"book/{CHAPTER.slug}.html"
SOLUTIONS = "exercises/solutions/"

# What a reader sees only on screen; none of it may be printed.
SCREEN_ONLY = [".bd-header", ".bd-sidebar-primary", ".bd-sidebar-secondary", ".bd-header-article",
               ".prev-next-area", "#pst-back-to-top", ".pk-quiz .pk-check", ".pk-quiz-score",
               ".pk-quiz input[type=radio]", ".pk-quiz input[type=checkbox]", ".pk-quiz .pk-feedback"]


def _visible(page, selector: str) -> bool:
    """Whether any element matching `selector` is rendered (not display:none, not inside a closed
    <details> or another content-visibility:hidden subtree, not visibility:hidden) and has a size."""
    return page.evaluate("""sel => [...document.querySelectorAll(sel)].some(el => {
        const box = el.getBoundingClientRect();
        return el.checkVisibility({visibilityProperty: true}) && box.width > 0 && box.height > 0; })""", selector)


@pytest.mark.browser
def test_a_printed_chapter_prints_its_quiz_as_a_worksheet_and_points_to_its_quiz_sheet(site):
    base, chromium = site
    page = chromium.new_page()
    page.goto(f"{base}/{READING}", wait_until="load")
    assert _visible(page, ".pk-quiz") and not _visible(page, ".pk-quiz-print-note"), \
        "on screen: the quiz, and no print note"
    page.emulate_media(media="print")
    shown = [sel for sel in SCREEN_ONLY if _visible(page, sel)]
    assert shown == [], f"printed although they only work on screen: {shown}"
    # the quiz is a worksheet: every question, its options lettered (a), (b), ... and nothing to click
    questions = page.locator(".pk-quiz fieldset.pk-question")
    assert questions.count() == len(CHAPTER.bank().questions) and _visible(page, ".pk-quiz .pk-option")
    letters = page.evaluate("""() => [...document.querySelector('.pk-quiz .pk-options').children].map(
        o => getComputedStyle(o, '::before').content)""")
    assert letters and all(c == '"(" counter(pk-option, lower-alpha) ") "' for c in letters), letters
    assert _visible(page, ".pk-quiz-print-note"), "the printed chapter must name its quiz sheet"
    note = page.locator(".pk-quiz-print-note")
    assert note.get_attribute("data-quiz") == CHAPTER.quiz_id
    assert f"Chapter {CHAPTER.number}" in note.inner_text()
    # the address printed for a reader of the paper is the same place as the link, from the book's home
    href = note.locator("a.pk-quiz-sheet-link").get_attribute("href")
    address = note.locator(".pk-quiz-print-address").inner_text().strip()
    assert address == f"book/instructors/quiz-sheets.html#sheet-{CHAPTER.quiz_id}"
    assert urljoin(f"{base}/{READING}", href) == f"{base}/{address}"
    # ... and it works: that page has the chapter's sheet, with every question of the online quiz
    sheets = chromium.new_page()
    sheets.goto(f"{base}/{address}", wait_until="load")
    sheet = sheets.locator(f"#sheet-{CHAPTER.quiz_id}")
    assert sheet.count() == 1 and sheet.get_attribute("data-quiz") == CHAPTER.quiz_id
    assert sheet.locator(".pk-sheet-question").count() == len(CHAPTER.bank().questions)
    sheets.close()
    page.close()


@pytest.mark.browser
def test_solutions_print_open(site):
    """The exercises page prints its folded solutions (a trainer's answer sheet), without the toggle."""
    base, chromium = site
    page = chromium.new_page()
    page.goto(f"{base}/{SOLUTIONS}{CHAPTER.slug}.html", wait_until="load")
    assert page.locator("details.hide").count() > 0
    assert not _visible(page, "details.hide .cell_input")
    page.emulate_media(media="print")
    assert page.evaluate("""() => [...document.querySelectorAll('details.hide .cell_input')].every(
        el => el.checkVisibility() && el.getBoundingClientRect().height > 0)""")
    assert not _visible(page, "details.hide > summary")
    page.close()


def _printed_words(html: Path) -> int:
    """Words of the chapter's printed text: the article, with the quiz as a worksheet (no buttons, score
    or feedback)."""
    article = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one("article.bd-article")
    for hidden in article.select(".pk-quiz-score, .pk-actions, .pk-feedback, script, .headerlink"):
        hidden.decompose()
    return len(article.get_text(" ").split())


# A handout page (10.5 pt text on A4, 15-18 mm margins) holds 470-540 words of a reading, tables and
# headings included (measured on chapters 1, 2, 5, 9 and 13); 450 leaves room. One page more for the
# title, contents and the quiz note. The quiz worksheet's words count like the rest. The quiz as a
# screen widget (radio boxes, buttons, score) took about 5 pages of chapter 1 alone.
WORDS_PER_PAGE = 450


@pytest.mark.browser
def test_chapter_1_prints_as_a_short_handout(site, built_book, tmp_path):
    base, chromium = site
    [(pdf, pages)] = print_with(chromium, base, tmp_path, "A4", [(READING, f"{CHAPTER.slug}.pdf")])
    bound = math.ceil(_printed_words(built_book / READING) / WORDS_PER_PAGE) + 1
    assert pdf.read_bytes().startswith(b"%PDF")
    assert 1 < pages <= bound, f"chapter 1 prints on {pages} A4 pages; at most {bound} expected"


def test_the_whole_book_holds_every_chapter_reading_in_order(built_book):
    """book.pdf is printed from this document: a contents page, then every chapter reading (its print
    title, contents and article, quiz worksheet included) in the course's order, each from a new page,
    in a chapter page's head (the same stylesheets, print.css included)."""
    chapters = course.chapters()
    soup = BeautifulSoup(book_html(built_book), "html.parser")
    parts = soup.select(".pk-book > .pk-book-chapter")
    assert [part["id"] for part in parts] == [f"pk-book-{c.slug}" for c in chapters]
    titles = [part.select_one("article.bd-article h1").get_text().removesuffix("#").strip() for part in parts]
    assert titles == [c.title for c in chapters]
    contents = soup.select_one(".pk-book > .pk-book-cover")
    assert contents is soup.select_one(".pk-book").find(recursive=False), "the contents page comes first"
    assert [li.get_text(strip=True) for li in contents.select("li")] == [c.title for c in chapters]
    assert [a["href"] for a in contents.select("a")] == [f"#{part['id']}" for part in parts]
    for chapter, part in zip(chapters, parts):
        assert part.select_one(f'.pk-quiz[data-quiz="{chapter.quiz_id}"]'), f"chapter {chapter.number}: no quiz"
        assert part.select_one("#jb-print-docs-body h1").get_text(strip=True) == chapter.title
    assert len(soup.select("article.bd-article")) == len(chapters) + 1
    assert soup.select_one('head link[media="print"][href*="print.css"]')
    assert any(".pk-book-chapter { break-before: page; }" in (style.string or "") for style in soup.head("style"))


@pytest.mark.browser
def test_the_whole_book_prints(site, built_book, tmp_path):
    """Printed (two chapters here, to save time): a PDF whose contents page links to each chapter,
    and each chapter starts on a new page (so at least the contents page and one page each)."""
    base, chromium = site
    two = course.chapters()[:2]
    pdf, pages = print_book(chromium, base, built_book, tmp_path, "A4", two, name="two.pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and pages == pdf_page_count(data)
    assert pages >= 1 + len(two)
    for chapter in two:
        assert f"/Dest /pk-book-{chapter.slug}".encode() in data, f"no link to chapter {chapter.number}"


def test_handouts_says_when_the_book_is_not_built(tmp_path):
    out = tmp_path / "handouts"
    result = subprocess.run([sys.executable, "-m", "peacekeeping_course.handouts", "--html",
                             str(tmp_path / "_build" / "html"), "--out", str(out)],
                            capture_output=True, text=True, cwd=tmp_path, env={**os.environ})
    assert result.returncode == EXIT_NOT_BUILT
    assert "make book" in result.stderr and "not built" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not out.exists()


def test_root_index_has_a_viewport(built_book):
    soup = BeautifulSoup((built_book / "index.html").read_text(encoding="utf-8"), "html.parser")
    viewport = soup.find("meta", attrs={"name": "viewport"})
    assert viewport and "width=device-width" in viewport["content"]
    assert soup.html and soup.html.get("lang") and soup.title and soup.title.string.strip()
    refresh = soup.find("meta", attrs={"http-equiv": "Refresh"})
    target = re.search(r"url=(\S+)", refresh["content"]).group(1)
    assert (built_book / target).is_file()
    assert soup.find("a", href=target), "a link for browsers that do not follow the redirect"


def _relations(page: Path) -> dict[str, str | None]:
    """prev/next of a built page, from the <link rel> in its head and the prev/next buttons, as
    paths from the book's root; the two must agree."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    root = page.parent
    found = {}
    for rel, button in (("prev", "a.left-prev"), ("next", "a.right-next")):
        link, anchor = soup.find("link", rel=rel), soup.select_one(f".prev-next-area {button}")
        assert (link is None) == (anchor is None), f"{page.name}: <link rel={rel}> and the button disagree"
        if link is not None:
            assert link["href"] == anchor["href"]
            found[rel] = (root / link["href"]).resolve().as_posix()
        else:
            found[rel] = None
    return found


def test_previous_never_lands_on_a_solutions_page(built_book):
    def doc(name: str) -> str:
        return (built_book / name).resolve().as_posix()

    for page in built_book.rglob("*.html"):
        if "lab" in page.relative_to(built_book).parts[:1] or page.name in ("search.html", "genindex.html"):
            continue
        prev = _relations(page)["prev"] if "prev-next-area" in page.read_text(encoding="utf-8") else None
        assert not prev or f"/{SOLUTIONS}" not in prev, f"{page.relative_to(built_book)}: previous is {prev}"
    chapters = course.chapters()
    for before, chapter in zip(chapters, chapters[1:]):
        reading, lesson, exercises = (f"book/{chapter.slug}.html", f"notebooks/{chapter.slug}.html",
                                      f"{SOLUTIONS}{chapter.slug}.html")
        # forward: reading -> lesson -> exercises -> next reading
        assert _relations(built_book / reading)["next"] == doc(lesson)
        assert _relations(built_book / lesson)["next"] == doc(exercises)
        assert _relations(built_book / f"{SOLUTIONS}{before.slug}.html")["next"] == doc(reading)
        # back: reading -> previous lesson (not its exercises-with-solutions page)
        assert _relations(built_book / reading)["prev"] == doc(f"notebooks/{before.slug}.html")
        assert _relations(built_book / exercises)["prev"] == doc(lesson)
        # the sidebar keeps every exercises page, in the _toc.yml order
        sidebar = BeautifulSoup((built_book / reading).read_text(encoding="utf-8"), "html.parser").select_one(
            "nav.bd-docs-nav")
        hrefs = [a["href"] for a in sidebar.select("a.reference")]
        assert any(h.endswith(f"{SOLUTIONS}{chapter.slug}.html") for h in hrefs)


@pytest.mark.browser
def test_the_dark_theme_prints_black_on_white(site):
    base, chromium = site
    context = chromium.new_context(color_scheme="dark")
    context.add_init_script("try { localStorage.setItem('theme', 'dark'); localStorage.setItem('mode', 'dark'); }"
                            " catch (e) {}")
    page = context.new_page()
    page.goto(f"{base}/{SOLUTIONS}{CHAPTER.slug}.html", wait_until="load")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    page.emulate_media(media="print")
    colours = page.evaluate("""() => [...document.querySelectorAll('.bd-article p, .bd-article .highlight span')]
        .map(el => getComputedStyle(el).color)""")
    assert colours and set(colours) == {"rgb(0, 0, 0)"}
    context.close()
