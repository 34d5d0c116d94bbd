"""The built book in a real headless Chromium: quizzes, solutions, progress and handouts."""

from __future__ import annotations

import re

import pytest

from peacekeeping_course.pagecheck import open_page
from peacekeeping_course.quiz import BANK_DIR, load_bank

pytestmark = pytest.mark.browser

QUIZZES = sorted(p.stem for p in BANK_DIR.glob("*.yml"))


def question_box(page, question_id):
    return page.locator(f"section.pk-quiz fieldset[data-qid='{question_id}']").first


def first_of_type(quiz_id, kind):
    return next(q for q in load_bank(quiz_id).questions if q.type == kind)


def questions_of_type(quiz_id, kind):
    return [q for q in load_bank(quiz_id).questions if q.type == kind]


def option(box, index: int):
    """The input of the bank's option `index`, wherever the learner's shuffled order shows it."""
    return box.locator(f"input[value='{index}']")


def score(page) -> int:
    return int(page.locator("section.pk-quiz .pk-score-value").first.inner_text())


def wrong_answer_explains_itself_then_right_answer_scores(page, question):
    wrong = next(i for i, o in enumerate(question.options) if not o.correct)
    right = next(i for i, o in enumerate(question.options) if o.correct)
    box, before = question_box(page, question.id), score(page)
    option(box, wrong).check()
    box.locator(".pk-check").click()
    feedback = box.locator(".pk-feedback")
    assert "pk-wrong" in feedback.get_attribute("class")
    assert question.options[wrong].feedback[:60] in feedback.inner_text()
    assert score(page) == before

    retry = box.locator(".pk-retry")
    assert retry.is_visible()
    retry.click()
    assert feedback.inner_text() == "" and not option(box, wrong).is_checked()

    option(box, right).check()
    box.locator(".pk-check").click()
    assert "pk-right" in feedback.get_attribute("class")
    assert question.options[right].feedback[:60] in feedback.inner_text()
    assert score(page) == before + 1 and not retry.is_visible()


def keyboard_alone_answers_a_question(page, question):
    right = next(i for i, o in enumerate(question.options) if o.correct)
    box = question_box(page, question.id)
    shown = [int(v) for v in box.locator("input").evaluate_all("inputs => inputs.map(i => i.value)")]
    box.locator("input").first.focus()
    page.keyboard.press("Space")  # select the first option shown
    for _ in range(shown.index(right)):
        page.keyboard.press("ArrowDown")  # arrow keys move the choice within the group
    assert option(box, right).is_checked()
    page.keyboard.press("Tab")  # leaves the radio group for the Check button
    assert page.evaluate("document.activeElement.className") == "pk-check"
    page.keyboard.press("Enter")
    assert "pk-right" in box.locator(".pk-feedback").get_attribute("class")


def numeric_question_explains_bad_input_then_accepts_the_answer(page, question):
    box, before = question_box(page, question.id), score(page)
    field = box.locator("input.pk-number")
    field.fill("")
    box.locator(".pk-check").click()
    assert "Type a number first" in box.locator(".pk-feedback").inner_text()
    field.fill("a lot")
    field.press("Enter")
    assert "is not a number" in box.locator(".pk-feedback").inner_text()
    assert score(page) == before
    field.fill(f"{question.answer:,}")
    box.locator(".pk-check").click()
    assert "pk-right" in box.locator(".pk-feedback").get_attribute("class")


def multiple_select_needs_every_right_option(page, question):
    box = question_box(page, question.id)
    right = [i for i, o in enumerate(question.options) if o.correct]
    option(box, right[0]).check()
    box.locator(".pk-check").click()
    if len(right) > 1:
        assert "missed" in box.locator(".pk-feedback").inner_text()
        assert "pk-wrong" in box.locator(".pk-feedback").get_attribute("class")
        box.locator(".pk-retry").click()
    for i in right:
        option(box, i).check()
    box.locator(".pk-check").click()
    assert "pk-right" in box.locator(".pk-feedback").get_attribute("class")


@pytest.mark.parametrize("quiz_id", QUIZZES)
def test_chapter_quiz_in_the_book(site, quiz_id):
    """One page load per chapter, four behaviours checked on four different questions."""
    base, chromium = site
    page, record = open_page(chromium, f"{base}/book/{quiz_id}.html", settle=False)
    singles = questions_of_type(quiz_id, "single")
    wrong_answer_explains_itself_then_right_answer_scores(page, singles[0])
    keyboard_alone_answers_a_question(page, singles[1])
    answered = 2
    for kind, behaviour in (("numeric", numeric_question_explains_bad_input_then_accepts_the_answer),
                            ("multiple", multiple_select_needs_every_right_option)):
        if questions_of_type(quiz_id, kind):  # not every chapter has every type; see the test below
            behaviour(page, questions_of_type(quiz_id, kind)[0])
            answered += 1
    assert score(page) == answered
    assert record.console_errors == [] and record.page_errors == [] and record.off_host == []
    page.context.close()


def test_every_question_type_is_tried_in_several_chapters():
    for kind in ("single", "multiple", "numeric", "truefalse"):
        assert sum(bool(questions_of_type(q, kind)) for q in QUIZZES) >= 5, kind
    assert all(len(questions_of_type(q, "single")) >= 2 for q in QUIZZES)


def test_progress_survives_a_reload_and_shows_on_my_progress(site):
    base, chromium = site
    quiz_id = QUIZZES[3]
    page, record = open_page(chromium, f"{base}/book/{quiz_id}.html", settle=False)
    question = first_of_type(quiz_id, "single")
    right = next(i for i, o in enumerate(question.options) if o.correct)
    box = question_box(page, question.id)
    option(box, right).check()
    box.locator(".pk-check").click()

    page.reload(wait_until="load")  # same browser context, so the same localStorage
    box = question_box(page, question.id)
    assert page.locator("section.pk-quiz .pk-score-value").first.inner_text() == "1"
    assert "answered this correctly" in box.locator(".pk-saved").inner_text()

    page.goto(f"{base}/book/my-progress.html", wait_until="load")
    chapter = int(load_bank(quiz_id).chapter)
    row = page.locator("section.pk-progress tbody tr").nth(chapter - 1)
    total = len(load_bank(quiz_id).questions)
    assert row.locator("td").first.inner_text() == f"1 of {total}"
    number = [q.id for q in load_bank(quiz_id).questions].index(question.id) + 1
    todo = row.locator("td").last.inner_text()
    assert not re.search(rf"\bQ{number}\b", todo) and re.search(r"\bQ\d+\b", todo)

    exercise = row.locator("input[type=checkbox]").first
    exercise.focus()
    page.keyboard.press("Space")  # the checklist works from the keyboard
    page.reload(wait_until="load")
    row = page.locator("section.pk-progress tbody tr").nth(chapter - 1)
    assert row.locator("input[type=checkbox]").first.is_checked()
    assert "Exercises marked done: 1 of" in page.locator(".pk-progress-total").inner_text()
    assert record.console_errors == [] and record.page_errors == []
    page.context.close()


def test_corrupt_saved_progress_never_breaks_a_quiz(site):
    base, chromium = site
    quiz_id = QUIZZES[0]
    page, record = open_page(chromium, f"{base}/book/{quiz_id}.html", settle=False)
    page.evaluate("localStorage.setItem('pk-course-progress-v1', '{not json')")
    page.reload(wait_until="load")
    question = first_of_type(quiz_id, "single")
    right = next(i for i, o in enumerate(question.options) if o.correct)
    box = question_box(page, question.id)
    option(box, right).check()
    box.locator(".pk-check").click()
    assert "pk-right" in box.locator(".pk-feedback").get_attribute("class")
    kept = page.evaluate("Object.keys(localStorage).filter(k => k.includes('corrupt')).length")
    saved = page.evaluate("JSON.parse(localStorage.getItem('pk-course-progress-v1'))")
    assert kept == 1 and saved["quizzes"][quiz_id][question.id]["correct"] is True
    assert record.page_errors == []
    page.context.close()


@pytest.mark.parametrize("name, quizzes", [("quiz-sheets", QUIZZES), ("answer-keys", QUIZZES[:7]),
                                           ("answer-keys-part-2", QUIZZES[7:])])
def test_handouts_print_one_chapter_per_page_or_one_chapter_alone(site, name, quizzes):
    base, chromium = site
    page, record = open_page(chromium, f"{base}/book/instructors/{name}.html")
    page.emulate_media(media="print")
    assert not page.locator(".bd-sidebar-primary").is_visible() and not page.locator(".pk-print").first.is_visible()
    sheets = page.locator("section.pk-sheet")
    assert [sheets.nth(i).get_attribute("data-quiz") for i in range(sheets.count())] == quizzes
    pages_all = _pdf_pages(page.pdf())
    assert pages_all >= len(quizzes)  # every chapter starts on a new page

    page.emulate_media(media="screen")
    page.evaluate("window.print = () => {}")  # headless: keep the classes the button sets
    page.locator(f"section.pk-sheet[data-quiz='{quizzes[4]}'] button.pk-print").click()
    page.emulate_media(media="print")
    visible = [sheets.nth(i).get_attribute("data-quiz") for i in range(sheets.count()) if sheets.nth(i).is_visible()]
    assert visible == [quizzes[4]]
    assert _pdf_pages(page.pdf()) < pages_all
    assert record.console_errors == [] and record.page_errors == []
    page.context.close()


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))
