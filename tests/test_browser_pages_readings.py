"""The chapter readings of the built book in Chromium (see browser_pages.py)."""

from __future__ import annotations

import pytest
from browser_pages import PAGES, check_page

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", [p for p in PAGES if p.startswith("book/") and p[5:7].isdigit()])
def test_page_loads_offline_without_errors_and_passes_axe(site, path):
    check_page(site, path)
