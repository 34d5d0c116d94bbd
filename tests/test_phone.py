"""Phones (390x844, touch) in Chromium. Navigation: both sidebar buttons open and close their
dialogs by tap and by keyboard, and a reader reaches chapter 9 from the menu. Charts and wide
tables: chart text is at least 9 CSS px, wide tables show that they scroll and scroll by keyboard.

The themes wire only a hidden copy of each button (upstream pydata/pydata-sphinx-theme#2451,
executablebooks/sphinx-book-theme#988); peacekeeping_course/static/sidebar-toggles.js wires the
visible ones."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest
from browser_pages import PHONE, axe_clean

from peacekeeping_course.plotting import add_source, use_course_style

pytestmark = pytest.mark.browser

CHAPTER_1 = "book/01-peacekeeping-role.html"
CHAPTER_9 = "09-accountability-human-rights.html"
SIDEBARS = {"primary": "#pst-primary-sidebar-modal", "secondary": "#pst-secondary-sidebar-modal"}


@pytest.fixture
def phone(site):
    """A chapter page on a 390x844 touch screen (fresh context); yields the page."""
    page, errors = open_at(site, CHAPTER_1, PHONE, touch=True)
    yield page
    assert errors == []
    page.context.close()


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


# --- Charts and wide tables (figure-zoom.js, course.css) -------------------------------------------

LESSON_WITH_CHARTS = "notebooks/01-peacekeeping-role.html"  # 4 charts in the plain course style
READING_WITH_WIDE_TABLE = "book/09-accountability-human-rights.html"
MIN_CHART_TEXT_PX = 9


def course_style_smallest_text_px() -> float:
    """The smallest text a chart in the course style carries, in pixels of its PNG: the smallest
    font (points) of a chart with a title, axis labels, ticks, a legend and a source line, times the
    saved dpi / 72. (8 pt at 96 dpi, the source line, when this was written.)"""
    with mpl.rc_context():
        use_course_style()
        fig, ax = plt.subplots()
        ax.plot([2000, 2010], [1, 2], label="series")
        ax.set_title("Title")
        ax.set_xlabel("Year")
        ax.set_ylabel("Value")
        ax.legend()
        add_source(fig, "a source")
        fig.canvas.draw()
        sizes = [t.get_fontsize() for t in fig.findobj(mpl.text.Text) if t.get_visible() and t.get_text().strip()]
        dpi = mpl.rcParams["savefig.dpi"]
        plt.close(fig)
    return min(sizes) * (fig.dpi if dpi == "figure" else dpi) / 72


def open_at(site, path: str, viewport: dict, touch: bool):
    base, chromium = site
    context = chromium.new_context(viewport=viewport, has_touch=touch, is_mobile=touch)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/{path}", wait_until="load")
    page.wait_for_timeout(400)  # the theme marks scrolling boxes (tabindex) after a short delay
    return page, errors  # the caller closes page.context


def charts(page) -> list[dict]:
    """Every chart image of the page, loaded (they load lazily): rendered and natural width."""
    return page.evaluate("""async () => {
        const out = [];
        for (const img of document.querySelectorAll('main .cell_output img[src*="_images/"]')) {
            img.loading = 'eager';
            await img.decode();
            out.push({src: img.getAttribute('src'), rendered: img.getBoundingClientRect().width,
                      natural: img.naturalWidth, column: img.closest('.cell_output').clientWidth});
        }
        return out; }""")


def test_chart_text_is_at_least_9_px_on_a_phone(site):
    """Text size on screen = text size in the PNG x rendered width / natural width."""
    page, errors = open_at(site, LESSON_WITH_CHARTS, PHONE, touch=True)
    font_px = course_style_smallest_text_px()
    found = charts(page)
    assert len(found) == 4
    for chart in found:
        on_screen = font_px * chart["rendered"] / chart["natural"]
        assert on_screen >= MIN_CHART_TEXT_PX, (
            f"{chart['src']}: smallest text {on_screen:.1f} px at 390 px ({chart['rendered']:.0f} of "
            f"{chart['natural']} px wide)")
    # the chart scrolls sideways, says so, links to the image alone, and scrolls by keyboard
    frame = page.locator(".pk-chart-frame").first
    frame.scroll_into_view_if_needed()
    note = page.locator(".pk-chart-frame + .pk-chart-note").first
    assert note.is_visible()
    assert note.locator("a").get_attribute("href") == found[0]["src"]
    assert frame.get_attribute("tabindex") == "0" and frame.get_attribute("aria-label")
    frame.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert frame.evaluate("e => e.scrollLeft") > 0
    page.evaluate("window.scrollTo({top: 0, behavior: 'instant'})")
    axe_clean(page, f"{LESSON_WITH_CHARTS} (light, 390x844)")
    assert errors == []
    page.context.close()


def fade(box) -> dict:
    """The scroll cue's fade (px) at the start and the end edge of a scrolling box."""
    return box.evaluate("""e => { const s = getComputedStyle(e);
        return {mask: s.maskImage, start: parseFloat(s.getPropertyValue('--pk-fade-start')) || 0,
                end: parseFloat(s.getPropertyValue('--pk-fade-end')) || 0}; }""")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_wide_table_shows_that_it_scrolls_and_scrolls_by_keyboard(site, theme):
    page, errors = open_at(site, READING_WITH_WIDE_TABLE, PHONE, touch=True)
    page.evaluate("theme => { document.documentElement.dataset.theme = theme; }", theme)
    box = page.locator(".pst-scrollable-table-container").first
    box.scroll_into_view_if_needed()
    assert box.evaluate("e => e.scrollWidth > e.clientWidth + 20"), "expected a table wider than the phone"
    cue = fade(box)
    assert "gradient" in cue["mask"] and cue["start"] == 0 and cue["end"] > 10, cue  # more to the right
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("aria-label")
    box.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert box.evaluate("e => e.scrollLeft") > 0
    box.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    page.wait_for_timeout(100)
    cue = fade(box)
    assert cue["start"] > 10 and cue["end"] == 0, cue  # at the end: more to the left only
    page.evaluate("window.scrollTo({top: 0, behavior: 'instant'})")
    axe_clean(page, f"{READING_WITH_WIDE_TABLE} ({theme}, 390x844)")
    assert errors == []
    page.context.close()


def test_desktop_charts_fit_the_column_as_before(site):
    """At 1280 px a chart is drawn as before: as wide as it is, or as the column if that is
    narrower; nothing scrolls and no phone note shows."""
    page, errors = open_at(site, LESSON_WITH_CHARTS, {"width": 1280, "height": 900}, touch=False)
    for chart in charts(page):
        assert abs(chart["rendered"] - min(chart["natural"], chart["column"])) <= 1, chart
    assert page.locator(".pk-chart-note:visible").count() == 0
    assert page.evaluate("[...document.querySelectorAll('main .cell_output')].every(e => e.scrollWidth <= e.clientWidth + 1)")
    assert errors == []
    page.context.close()
