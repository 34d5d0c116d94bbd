"""In Chromium: options shuffled per learner but stable, the same rules as Python (orders, draws,
numbers), the pre-test and final exam in the book, My progress and the record of completion."""

from __future__ import annotations

import re

import pytest

from peacekeeping_course.exam import questions_for
from peacekeeping_course.numeric import read_number
from peacekeeping_course.pagecheck import open_page
from peacekeeping_course.quiz import load_bank, load_exam
from peacekeeping_course.shuffle import draw, permutation

pytestmark = pytest.mark.browser

QUIZ = "03-peacekeeping-and-ssr"


def open_as(site, path: str, seed: str):
    """A page in a fresh browser context whose learner seed is `seed`."""
    base, chromium = site
    context = chromium.new_context()
    context.add_init_script(f"try {{ localStorage.getItem('pk-learner-seed') || "
                            f"localStorage.setItem('pk-learner-seed', '{seed}'); }} catch (e) {{}}")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{base}/{path}", wait_until="load")
    return page, errors


def shown_orders(page) -> dict[str, list[int]]:
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        "section.pk-quiz fieldset[data-type='single'], section.pk-quiz fieldset[data-type='multiple']")].map(
        f => [f.dataset.qid, [...f.querySelectorAll('input')].map(i => +i.value)]))""")


def right_index(q):
    return next(i for i, o in enumerate(q.choices()) if o.correct)


def test_python_and_the_book_share_the_order_draw_and_number_rules(site):
    page, errors = open_as(site, f"book/{QUIZ}.html", "alice")
    keys = [(f"seed-{k}", f"{QUIZ}/q{k}", 2 + k % 5) for k in range(40)]
    assert page.evaluate("keys => keys.map(([s, k, n]) => window.pkQuiz.permutation(s, k, n))", keys) == \
        [permutation(*key) for key in keys]
    pools = {f"{c:02d}": [f"q{c}-{k}" for k in range(3 + c % 3)] for c in range(1, 14)}
    for seed, attempt in (("alice", 1), ("alice", 2), ("bob", 1), ("ünïcode-☃", 3)):
        assert page.evaluate("([p, s, a]) => window.pkQuiz.draw(p, 30, s, a)", [pools, seed, attempt]) == \
            draw(pools, 30, seed, attempt)
    texts = ["25,6", "0,75", "1,115", "12,345,678", "1.234,5", "1,234.5", "50%", "a lot", "1,2,3", " 71 "]
    js = page.evaluate("texts => texts.map(t => window.pkQuiz.readNumber(t))", texts)
    for text, reading in zip(texts, js):
        python = read_number(text)
        assert (reading["value"], bool(reading["hint"])) == (python.value, bool(python.hint)), text
    assert errors == []
    page.context.close()


def test_the_book_grades_a_decimal_comma_and_hints_when_ambiguous(site):
    page, errors = open_as(site, f"book/{QUIZ}.html", "alice")
    q = {"type": "numeric", "answer": 25.6, "tolerance": 0.05,
         "feedback": {"correct": "right", "low": "low", "high": "high"}}
    assert page.evaluate("q => window.pkQuiz.grade(q, '25,6').correct", q) is True
    q["answer"] = 1.115
    message = page.evaluate("q => window.pkQuiz.grade(q, '1,115').message", q)
    assert "thousands separator" in message and "1.115" in message
    assert errors == []
    page.context.close()


def test_two_learners_see_different_orders_a_reload_keeps_one_and_grading_follows_the_option(site):
    bank = {q.id: q for q in load_bank(QUIZ).questions}
    alice, errors_a = open_as(site, f"book/{QUIZ}.html", "alice")
    bob, errors_b = open_as(site, f"book/{QUIZ}.html", "bob")
    orders_a, orders_b = shown_orders(alice), shown_orders(bob)
    assert orders_a and orders_a != orders_b
    for qid, order in orders_a.items():
        assert order == permutation("alice", f"{QUIZ}/{qid}", len(order))
    alice.reload(wait_until="load")
    assert shown_orders(alice) == orders_a

    for page, orders in ((alice, orders_a), (bob, orders_b)):
        qid = next(qid for qid in orders if bank[qid].type == "single")
        box = page.locator(f"section.pk-quiz fieldset[data-qid='{qid}']")
        box.locator(f"input[value='{right_index(bank[qid])}']").check()
        box.locator(".pk-check").click()
        assert "pk-right" in box.locator(".pk-feedback").get_attribute("class")
        assert page.locator("section.pk-quiz .pk-score-value").first.inner_text() == "1"
    assert errors_a == [] and errors_b == []
    alice.context.close()
    bob.context.close()


def answer_correctly(page, q) -> None:
    box = page.locator(f"section.pk-exam fieldset[data-qid='{q.id}']")
    if q.type == "numeric":
        box.locator("input.pk-number").fill(f"{q.answer}".replace(".", ","))  # a decimal comma is fine
    else:
        for i, o in enumerate(q.choices()):
            if o.correct:
                box.locator(f"input[value='{i}']").check()


def test_final_exam_draws_for_the_learner_passes_fails_and_records(site):
    final = load_exam("final")
    page, errors = open_as(site, "book/final-exam.html", "alice")
    shown = page.locator("section.pk-exam fieldset.pk-question:not([hidden])")
    ids = shown.evaluate_all("fs => fs.map(f => f.dataset.qid)")
    expected = questions_for(final, "alice", 1)
    assert ids == [q.id for q in expected] and len(ids) == 30
    for q in expected:
        answer_correctly(page, q)
    page.locator(".pk-exam-submit").click()
    result = page.locator(".pk-exam-result").inner_text()
    assert "You answered 30 of 30 correctly (100%). You passed" in result
    assert page.locator("section.pk-exam .pk-feedback.pk-right").count() == 30

    page.locator(".pk-exam-new").click()  # a second attempt draws again
    ids2 = shown.evaluate_all("fs => fs.map(f => f.dataset.qid)")
    assert ids2 == [q.id for q in questions_for(final, "alice", 2)] and ids2 != ids
    page.locator(".pk-exam-submit").click()
    assert "not answered yet" in page.locator(".pk-exam-status").inner_text()
    page.locator(".pk-exam-submit").click()
    assert "below the pass mark of 70%" in page.locator(".pk-exam-result").inner_text()
    saved = page.evaluate("JSON.parse(localStorage.getItem('pk-course-progress-v1')).exams.final")
    assert [(a["score"], a["total"], a["passed"]) for a in saved] == [(30, 30, True), (0, 30, False)]
    assert errors == []
    page.context.close()


def test_pretest_advice_my_progress_and_the_printed_record(site):
    pretest = load_exam("pretest")
    page, errors = open_as(site, "book/pre-test.html", "carol")
    assert page.locator("section.pk-exam fieldset.pk-question:not([hidden])").count() == len(pretest.questions)
    missed = pretest.questions[2]
    for q in pretest.questions:
        if q is not missed:
            answer_correctly(page, q)
    page.locator(".pk-exam-submit").click()
    page.locator(".pk-exam-submit").click()  # one left blank: confirm
    result = page.locator(".pk-exam-result").inner_text()
    n = len(pretest.questions)
    assert f"You answered {n - 1} of {n} correctly" in result
    assert f"Start with chapter {int(missed.chapter)}." in result and "You may skim" in result

    base = site[0]
    page.goto(f"{base}/book/my-progress.html", wait_until="load")
    assert page.locator(".pk-progress-exams").inner_text().startswith(f"Pre-test: {n - 1} of {n}")
    assert "Final exam: not taken yet." in page.locator(".pk-progress-exams").inner_text()

    page.goto(f"{base}/book/completion-record.html", wait_until="load")
    page.locator(".pk-record-name").fill("Amina Diallo")
    sheet = page.locator(".pk-record-sheet")
    assert "Learner: Amina Diallo" in sheet.inner_text() and "not a certificate" in sheet.inner_text()
    assert f"Pre-test: {n - 1} of {n}" in sheet.inner_text()
    page.emulate_media(media="print")
    assert sheet.is_visible() and not page.locator(".pk-record-form").is_visible()
    assert not page.locator(".bd-sidebar-primary").is_visible()
    pdf = page.pdf()
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 1
    assert errors == []
    page.context.close()


def test_the_exam_key_loads_only_once_answering_starts_and_a_failed_load_keeps_the_answers(site):
    """The marking data is not part of the page's first load (weak links); when it cannot be had, the
    learner is told, nothing is marked or lost, and Submit tries again."""
    final = load_exam("final")
    base, chromium = site
    context = chromium.new_context()
    context.add_init_script("localStorage.setItem('pk-learner-seed', 'dana')")
    page = context.new_page()
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.route(re.compile(r".*/_static/exam-final\.[0-9a-f]{12}\.js$"), lambda route: route.abort())
    page.goto(f"{base}/book/final-exam.html", wait_until="load")
    page.wait_for_timeout(300)
    assert not [u for u in requested if "/exam-final." in u]
    expected = questions_for(final, "dana", 1)
    for q in expected:
        answer_correctly(page, q)
    page.wait_for_timeout(300)
    assert len([u for u in requested if "/exam-final." in u]) == 1  # fetched once answering started
    page.locator(".pk-exam-submit").click()
    status = page.locator(".pk-exam-status")
    status.filter(has_text="could not be loaded").wait_for()
    assert "Your answers stay on this page" in status.inner_text()
    assert page.locator(".pk-exam-result").inner_text() == ""
    assert page.evaluate("localStorage.getItem('pk-course-progress-v1')") in (None, "") or \
        not page.evaluate("(JSON.parse(localStorage.getItem('pk-course-progress-v1')).exams || {}).final")
    page.unroute(re.compile(r".*/_static/exam-final\.[0-9a-f]{12}\.js$"))
    page.locator(".pk-exam-submit").click()  # online again: the same answers are marked
    page.locator(".pk-exam-result").filter(has_text="You answered 30 of 30 correctly").wait_for()
    context.close()
