"""The per-page browser check, shared by the test_browser_pages_*.py files (split so that the two
test workers share the pages: pytest-xdist hands out whole files)."""

from __future__ import annotations

from peacekeeping_course.pagecheck import open_page, run_axe
from test_book import toc_files

PAGES = [f"{entry}.html" for entry in toc_files()]


def serious(violations: list[dict]) -> list[tuple]:
    return [(v["id"], v["impact"], v["nodes"][0]["target"]) for v in violations
            if v["impact"] in ("serious", "critical")]


def check_page(site, path: str, then=None) -> None:
    """Offline, no failed requests or console errors, within the 1 MB budget, axe-clean; then
    `then(page)`, if given, checks something more on the same page load."""
    base, chromium = site
    page, record = open_page(chromium, f"{base}/{path}")
    assert record.off_host == [], f"requests to other hosts: {record.off_host}"
    assert record.failed == [] and record.console_errors == [] and record.page_errors == []
    assert record.bytes <= 1_000_000, f"first load of {path} is {record.bytes:,} bytes (budget 1 MB)"
    if then is not None:
        then(page)
        assert record.console_errors == [] and record.page_errors == []
    violations = run_axe(page)  # last: axe's own stylesheet fetches can log errors of their own
    page.context.close()
    assert not serious(violations)
