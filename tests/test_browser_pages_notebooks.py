"""The lesson notebook pages of the built book in Chromium (see browser_pages.py)."""

from __future__ import annotations

import pytest
from browser_pages import PAGES, check_page

from peacekeeping_course.quiz import load_bank

pytestmark = pytest.mark.browser


def quiz_works_in_the_notebook_page(page):
    """The quiz that the notebook displays works in the book too (no kernel)."""
    quiz_id = page.url.rsplit("/", 1)[-1].removesuffix(".html")
    question = next(q for q in load_bank(quiz_id).questions if q.type in ("truefalse", "single"))
    right = next(i for i, o in enumerate(question.choices()) if o.correct)
    box = page.locator(f"section.pk-quiz fieldset[data-qid='{question.id}']").first
    box.locator(f"input[value='{right}']").check()
    box.locator(".pk-check").click()
    assert "pk-right" in box.locator(".pk-feedback").get_attribute("class")


@pytest.mark.parametrize("path", [p for p in PAGES if p.startswith("notebooks/")])
def test_page_loads_offline_passes_axe_and_its_quiz_works(site, path):
    check_page(site, path, then=quiz_works_in_the_notebook_page)
