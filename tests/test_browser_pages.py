"""Every page of the built book in a real headless Chromium: offline, light, error-free, accessible."""

from __future__ import annotations

import pytest

from browser_pages import PAGES, PHONE, axe_clean, check_page, set_mode

from peacekeeping_course import pagecheck
from peacekeeping_course.pagecheck import AXE_VERSION, AxeUnavailable, axe_script, open_page

pytestmark = pytest.mark.browser



@pytest.mark.parametrize("path", [p for p in PAGES if p.startswith("book/") and not p.startswith("book/instructors/")
                                  and not p[5:7].isdigit()])
def test_page_loads_offline_without_errors_and_passes_axe(site, path):
    check_page(site, path)


def test_axe_is_the_pinned_current_release(site):
    base, chromium = site
    page, _ = open_page(chromium, f"{base}/book/index.html", settle=False)
    axe_clean(page, "book/index.html")
    assert page.evaluate("axe.version") == AXE_VERSION
    page.context.close()


def test_axe_that_cannot_be_downloaded_gives_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(pagecheck, "AXE_URL", "http://127.0.0.1:9/axe-core.tgz")  # nothing listens
    with pytest.raises(AxeUnavailable, match="could not download axe-core"):
        axe_script(tmp_path)


def test_axe_package_that_does_not_match_npm_integrity_is_refused(tmp_path):
    package = tmp_path / f"axe-core-{AXE_VERSION}.tgz"
    package.write_bytes(b"not the npm package")
    with pytest.raises(AxeUnavailable, match="integrity"):
        axe_script(tmp_path)
    assert not package.exists()


@pytest.mark.parametrize("path", ["book/index.html", "notebooks/05-unmil-liberia.html",
                                  "exercises/solutions/01-peacekeeping-role.html", "book/instructors/index.html"])
def test_sample_pages_pass_axe_in_the_other_two_modes(site, path):
    """Every page is checked light on a desktop window and dark on a phone (browser_pages.py);
    these sample pages (the shared header and sidebars, code, folded solutions) also dark on a
    desktop window and light on a phone."""
    base, chromium = site
    page, _ = open_page(chromium, f"{base}/{path}", settle=False)
    assert page.locator(".bd-header").count() and page.locator(".bd-sidebar-primary").count()
    set_mode(page, "dark")
    axe_clean(page, f"{path} (dark, desktop)")
    set_mode(page, "light", PHONE)
    # down, then a little up: the theme shows its "Back to top" button
    page.evaluate("window.scrollTo({top: document.documentElement.scrollHeight, behavior: 'instant'})")
    page.wait_for_timeout(100)
    page.evaluate("window.scrollTo({top: window.scrollY - 200, behavior: 'instant'})")
    page.wait_for_function("getComputedStyle(document.getElementById('pst-back-to-top')).display !== 'none'")
    axe_clean(page, f"{path} (light, 390x844, scrolled)")
    page.context.close()


def test_general_index_passes_axe(site):
    check_page(site, "genindex.html")


def test_search_page_finds_course_terms_offline(site):
    base, chromium = site
    page, record = open_page(chromium, f"{base}/search.html?q=impartiality")
    page.wait_for_selector("#search-results li", timeout=15000)
    assert page.locator("#search-results li").count() >= 1
    assert record.off_host == [] and record.page_errors == []
    axe_clean(page, "search.html with results")
    page.context.close()
