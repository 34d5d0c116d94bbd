"""The exercise pages of the built book in Chromium (see browser_pages.py)."""

from __future__ import annotations

import pytest
from browser_pages import PAGES, check_page

pytestmark = pytest.mark.browser


def solutions_start_closed_and_open_on_request(page):
    first = page.locator("details.hide").first
    assert first.get_attribute("open") is None
    assert not first.locator("pre").first.is_visible()
    first.locator("summary").click()
    assert first.locator("pre").first.is_visible()
    assert "answer_" in first.inner_text()


@pytest.mark.parametrize("path", [p for p in PAGES if p.startswith("exercises/")])
def test_page_loads_offline_passes_axe_and_folds_its_solutions(site, path):
    check_page(site, path, then=solutions_start_closed_and_open_on_request)
