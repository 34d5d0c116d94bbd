"""Every page of the built book in a real headless Chromium: offline, light, error-free, accessible."""

from __future__ import annotations

import pytest

from browser_pages import PAGES, check_page, serious

from peacekeeping_course.pagecheck import SHARED_PARTS, open_page, run_axe

pytestmark = pytest.mark.browser



@pytest.mark.parametrize("path", [p for p in PAGES if p.startswith("book/") and not p.startswith("book/instructors/")
                                  and not p[5:7].isdigit()])
def test_page_loads_offline_without_errors_and_passes_axe(site, path):
    check_page(site, path)


@pytest.mark.parametrize("path", ["book/index.html", "notebooks/05-unmil-liberia.html", "book/instructors/index.html"])
def test_parts_every_page_shares_pass_axe_on_sample_pages(site, path):
    """The page tests leave out of axe what every page shares (header, sidebars, highlighted
    code: one template, one theme); these sample pages check them in full, contrast included."""
    base, chromium = site
    page, _ = open_page(chromium, f"{base}/{path}", settle=False)
    assert page.locator(".bd-header").count() and page.locator(".bd-sidebar-primary").count()
    violations = run_axe(page, exclude=())
    page.context.close()
    assert not serious(violations)


def test_search_page_finds_course_terms_offline(site):
    base, chromium = site
    page, record = open_page(chromium, f"{base}/search.html?q=impartiality")
    page.wait_for_selector("#search-results li", timeout=15000)
    assert page.locator("#search-results li").count() >= 1
    assert record.off_host == [] and record.page_errors == []
    page.context.close()
