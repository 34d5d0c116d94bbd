"""`make slides`: one reveal.js deck per chapter, built by nbconvert, working offline."""

from __future__ import annotations

import re

import pytest

from peacekeeping_course import course

from peacekeeping_course.pagecheck import browser, open_page, serve
from peacekeeping_course.reading import plain_markdown
from peacekeeping_course.slides import build, chapters

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    out = tmp_path_factory.mktemp("slides")
    written = build(out)
    return out, written


def test_myst_roles_become_plain_text_with_author_year_citations():
    text = plain_markdown("A {term}`consent <Consent>` rule {cite:p}`un1945charter`, see {doc}`05-unmil-liberia` "
                          "and [the data](../data/x.csv).")
    assert text.startswith("A consent rule (") and re.search(r"\(\D+ 1945\)", text)
    assert "chapter 5" in text and "the data" in text and "{" not in text and "](" not in text


def test_every_chapter_gets_a_deck_and_an_index(decks):
    out, written = decks
    assert [p.name for p in written] == [f"{slug}.slides.html" for slug in chapters()]
    assert len(written) == len(course.chapters())
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(p.name in index for p in written)


def test_decks_load_nothing_from_other_hosts(decks):
    out, written = decks
    for path in written:
        page = path.read_text(encoding="utf-8")
        urls = re.findall(r'(?:src|href)="([^"#][^"]*)"', page)
        assert [u for u in urls if not u.startswith(("reveal/", "data:"))] == [], path.name
        assert "{cite" not in page and "{term}" not in page


def test_decks_run_in_chromium_offline_with_alt_text_on_every_figure(decks):
    out, written = decks
    with serve(out) as base, browser() as chromium:
        for path in written:
            page, record = open_page(chromium, f"{base}/{path.name}")
            assert record.off_host == [] and record.failed == [], path.name
            assert record.console_errors == [] and record.page_errors == [], path.name
            assert page.evaluate("Reveal.isReady()") and page.evaluate("Reveal.getTotalSlides()") >= 6
            alts = page.evaluate("Array.from(document.querySelectorAll('.slides img')).map(i => i.alt)")
            assert alts and all(len(alt) > 40 for alt in alts), path.name
            headings = page.evaluate("Array.from(document.querySelectorAll('.slides h2')).map(h => h.textContent)")
            assert any("Learning objectives" in h for h in headings) and any("Key points" in h for h in headings)
            page.keyboard.press("ArrowRight")
            assert page.evaluate("Reveal.getIndices().h") == 1  # the keyboard moves through the deck
            page.context.close()
