"""Phone navigation (390x844, touch) in Chromium: both sidebar buttons open and close their
dialogs by tap and by keyboard, and a reader reaches chapter 9 from the menu.

The themes wire only a hidden copy of each button (upstream pydata/pydata-sphinx-theme#2451,
executablebooks/sphinx-book-theme#988); peacekeeping_course/static/sidebar-toggles.js wires the
visible ones."""

from __future__ import annotations

import pytest
from browser_pages import PHONE, axe_clean

pytestmark = pytest.mark.browser

CHAPTER_1 = "book/01-peacekeeping-role.html"
CHAPTER_9 = "09-accountability-human-rights.html"
SIDEBARS = {"primary": "#pst-primary-sidebar-modal", "secondary": "#pst-secondary-sidebar-modal"}


@pytest.fixture
def phone(site):
    """A chapter page on a 390x844 touch screen (fresh context); yields the page."""
    base, chromium = site
    context = chromium.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/{CHAPTER_1}", wait_until="load")
    yield page
    assert errors == []
    context.close()


def button(page, kind: str):
    toggles = page.locator(f".{kind}-toggle:visible")
    assert toggles.count() == 1, f"expected one visible {kind} sidebar button at 390 px"
    return toggles.first


def is_open(page, kind: str) -> bool:
    return page.locator(SIDEBARS[kind]).evaluate("dialog => dialog.open")


def focused_is(page, locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def test_menu_button_opens_the_sidebar_and_reaches_chapter_9(phone):
    button(phone, "primary").tap()
    assert is_open(phone, "primary")
    link = phone.locator(f"{SIDEBARS['primary']} a[href$='{CHAPTER_9}']:visible").first
    assert link.is_visible()
    link.tap()
    phone.wait_for_url(f"**/book/{CHAPTER_9}")
    assert "Accountability" in phone.locator("h1").first.inner_text()


@pytest.mark.parametrize("kind", ["primary", "secondary"])
def test_sidebar_opens_and_closes_by_tap(phone, kind):
    dialog = phone.locator(SIDEBARS[kind])
    button(phone, kind).tap()
    assert is_open(phone, kind)
    assert dialog.locator("a:visible").count() > 0  # the sidebar's contents moved into the dialog
    box = dialog.bounding_box()
    outside_x = box["x"] + box["width"] + 20 if box["x"] < 50 else box["x"] - 20
    phone.touchscreen.tap(outside_x, PHONE["height"] / 2)  # on the backdrop
    phone.wait_for_timeout(100)
    assert not is_open(phone, kind)
    button(phone, kind).tap()  # and again: the button still works after a close
    assert is_open(phone, kind)


@pytest.mark.parametrize("kind", ["primary", "secondary"])
@pytest.mark.parametrize("key", ["Enter", " "])
def test_sidebar_opens_by_keyboard_and_escape_returns_focus(phone, kind, key):
    toggle = button(phone, kind)
    toggle.focus()
    phone.keyboard.press(key)
    assert is_open(phone, kind)
    assert phone.evaluate(f"document.querySelector('{SIDEBARS[kind]}').contains(document.activeElement)")
    phone.keyboard.press("Escape")
    phone.wait_for_timeout(100)
    assert not is_open(phone, kind)
    assert focused_is(phone, toggle)


@pytest.mark.parametrize("kind", ["primary", "secondary"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_open_sidebar_passes_axe(phone, kind, theme):
    phone.evaluate("theme => { document.documentElement.dataset.theme = theme; }", theme)
    button(phone, kind).tap()
    assert is_open(phone, kind)
    axe_clean(phone, f"{CHAPTER_1} with the {kind} sidebar open ({theme}, 390x844)")


def test_desktop_menu_button_still_collapses_the_sidebar(site):
    """On a wide window the visible button hides and shows the sidebar in place (no dialog)."""
    base, chromium = site
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/{CHAPTER_1}", wait_until="load")
    sidebar = page.locator("#pst-primary-sidebar")
    button(page, "primary").click()
    assert "pst-sidebar-hidden" in sidebar.get_attribute("class")
    assert not is_open(page, "primary")
    button(page, "primary").click()
    assert "pst-sidebar-hidden" not in sidebar.get_attribute("class")
    context.close()
