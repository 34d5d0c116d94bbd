"""The per-page browser check, shared by the test_browser_pages_*.py files (split so that the two
test workers share the pages: pytest-xdist hands out whole files)."""

from __future__ import annotations

from peacekeeping_course.pagecheck import describe, failures, open_page, run_axe
from test_book import toc_files

PAGES = [f"{entry}.html" for entry in toc_files()]
PHONE = {"width": 390, "height": 844}


def set_mode(page, theme: str, viewport: dict | None = None) -> None:
    """Switch the page to the theme's light or dark colours (as its colour-mode button does), and
    optionally to another window size."""
    if viewport:
        page.set_viewport_size(viewport)
    page.evaluate("theme => { document.documentElement.dataset.theme = theme; "
                  "document.documentElement.dataset.mode = theme; }", theme)
    # the theme re-marks scrollable code and tables (tabindex) 300 ms after a resize
    page.wait_for_timeout(400 if viewport else 50)


def axe_clean(page, where: str) -> None:
    """axe-core finds nothing on the whole page: no violation of any WCAG 2.0/2.1/2.2 A or AA rule,
    of any impact, and no serious or critical one of its best practices."""
    found = failures(run_axe(page))
    assert found == [], f"axe on {where}: {describe(found)}"


def check_page(site, path: str, then=None) -> None:
    """Offline, no failed requests or console errors, within the 1 MB budget, axe-clean on the whole
    page (header and sidebars included) in light mode on a desktop window and in dark mode on a
    390x844 phone; then `then(page)`, if given, checks something more on the same page load."""
    base, chromium = site
    page, record = open_page(chromium, f"{base}/{path}")
    assert record.off_host == [], f"requests to other hosts: {record.off_host}"
    assert record.failed == [] and record.console_errors == [] and record.page_errors == []
    assert record.bytes <= 1_000_000, f"first load of {path} is {record.bytes:,} bytes (budget 1 MB)"
    if then is not None:
        then(page)
        assert record.console_errors == [] and record.page_errors == []
    # last: axe's own stylesheet fetches can log errors of their own. From the top of the page: after
    # an interaction, a control left half under the sticky header would be reported as crowded by the
    # header's buttons (target-size), a place no reader taps it from.
    page.evaluate("window.scrollTo({top: 0, behavior: 'instant'})")
    axe_clean(page, f"{path} (light, desktop)")
    set_mode(page, "dark", PHONE)
    axe_clean(page, f"{path} (dark, 390x844)")
    page.context.close()
