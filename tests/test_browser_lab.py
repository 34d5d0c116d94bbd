"""The in-browser lab (JupyterLite on Pyodide), built into the book by `make book`, in headless
Chromium against the book served on 127.0.0.1: two lesson notebooks and a student exercise notebook
run top to bottom with no error, charts render, a quiz widget and check() give feedback, progress
survives a reload, and not one request goes to another host. The whole-lab run is in `make bench`.

The tests run in order on one browser page (the progress test reads what the earlier ones recorded)."""

from __future__ import annotations

import json

import pytest

from conftest import BUILD_HTML, REPO
from peacekeeping_course.browser_lab.labcheck import CHART, lab_session
from peacekeeping_course.checks import evaluate
from peacekeeping_course.checks.ch01 import peak_year_end_force
from peacekeeping_course.pagecheck import serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LESSONS = ["notebooks/01-peacekeeping-role.ipynb", "notebooks/05-unmil-liberia.ipynb"]
EXERCISE = "exercises/01-peacekeeping-role.ipynb"


@pytest.fixture(scope="module")
def lab(built_book):
    status = REPO / "_build" / "lab-status.json"
    if not (BUILD_HTML / "lab" / "jupyter-lite.json").is_file():
        reason = status.read_text() if status.is_file() else "no status was written"
        pytest.fail(f"the in-browser lab was not built, so it cannot be tested: {reason}")
    with serve(built_book) as base, lab_session(f"{base}/lab") as session:
        yield session


def assert_ran_cleanly(path: str, outputs: dict) -> None:
    assert outputs["code_cells"] > 0, path
    assert not outputs["errors"], f"{path}: error outputs {outputs['errors']}"
    assert not outputs["stderr"], f"{path}: stderr outputs {outputs['stderr']}"
    assert outputs["unexecuted"] == 0, f"{path}: {outputs['unexecuted']} code cells did not run"


@pytest.mark.parametrize("path", LESSONS)
def test_a_lesson_notebook_runs_top_to_bottom_with_charts(lab, path):
    lab.open(path)
    _, outputs = lab.run_all()
    assert_ran_cleanly(path, outputs)
    assert outputs["charts"] > 0, f"{path}: no chart was drawn"
    # a chart the reader sees: a real PNG in the page (out-of-view cells are attached, not painted)
    lab.page.wait_for_selector(CHART, state="attached", timeout=30_000)


def test_a_widget_exploration_redraws_its_chart(lab):
    lab.open(LESSONS[0])
    lab.run_all()
    select = lab.page.locator(".widget-interact select").first
    select.wait_for(state="attached", timeout=60_000)
    select.scroll_into_view_if_needed()
    chart = lab.page.locator(".widget-interact .jp-OutputArea-output img").first
    chart.wait_for(state="attached", timeout=30_000)
    before = chart.get_attribute("src")
    options = select.locator("option").all_inner_texts()
    select.select_option(label=options[1] if select.input_value() == options[0] else options[0])
    lab.page.wait_for_function(
        "(before) => { const i = document.querySelector('.widget-interact .jp-OutputArea-output img');"
        " return i && i.src !== before && i.src.startsWith('data:image/png;base64,iVBOR'); }",
        arg=before, timeout=30_000)


def test_a_quiz_widget_answers_with_feedback(lab):
    lab.open(LESSONS[0])
    lab.run_all()
    radio = lab.page.locator(".widget-radio-box input[type=radio]").first
    radio.wait_for(timeout=60_000)
    radio.check()
    lab.page.locator("button.jupyter-button:has-text('Check')").first.click()
    feedback = lab.page.locator(".widget-html-content p[style*='color'] b").first
    feedback.wait_for(timeout=30_000)
    assert feedback.inner_text().startswith(("Correct.", "Not quite.")), feedback.inner_text()
    # the answer is recorded before the score moves (right) or "Try again" appears (wrong)
    lab.page.wait_for_function(
        "() => /Score: 1 of/.test(document.body.innerText) || [...document.querySelectorAll('button')]"
        ".some(b => b.textContent.includes('Try again') && b.offsetParent !== null)", timeout=30_000)


def test_the_student_exercise_notebook_runs_and_check_answers(lab):
    lab.open(EXERCISE)
    answer = peak_year_end_force()  # what the solution notebook computes
    lab.set_cell("answer_1_1 = None", f"answer_1_1 = {answer!r}")
    _, outputs = lab.run_all()
    assert_ran_cleanly(EXERCISE, outputs)
    expected = evaluate("1.1", answer)
    assert expected.status == "correct"
    shown = lab.page.locator(".jp-OutputArea-output:has-text('Exercise 1.1')").first
    shown.wait_for(state="attached", timeout=30_000)
    assert expected.message.split(".")[0] in " ".join(shown.text_content().split())
    lab.save()


def test_progress_is_kept_in_the_browser_after_a_reload(lab):
    lab.page.reload()
    lab.open("notebooks/my-progress.ipynb")
    _, outputs = lab.run_all()
    assert_ran_cleanly("notebooks/my-progress.ipynb", outputs)
    result = lab.execute("import json\nfrom peacekeeping_course import progress\n"
                         "print(progress.progress_path())\n"
                         "d = progress.load()\nprint(json.dumps({'q': sorted(d['quizzes']), 'e': d['exercises']}))")
    assert result["status"] == "ok", result
    path, data = result["out"].strip().split("\n")[-2:]
    assert path == "/drive/.peacekeeping-course/progress.json"
    data = json.loads(data)
    assert "01-peacekeeping-role" in data["q"], data
    assert data["e"]["1.1"]["status"] == "correct", data


def test_no_request_left_the_machine(lab):
    assert len(lab.requests) > 100  # the nets were really listening
    assert lab.foreign_requests() == []


def test_from_a_file_page_the_button_explains_that_the_lab_needs_a_server(lab, built_book):
    context = lab.page.context.browser.new_context()  # the same Chromium, its own context
    try:
        page = context.new_page()
        page.goto((built_book / "notebooks" / "01-peacekeeping-role.html").as_uri())
        messages = []
        page.on("dialog", lambda dialog: (messages.append(dialog.message), dialog.dismiss()))
        page.locator("a.btn-run-in-browser-button").click()
        page.wait_for_timeout(500)
        assert messages and "make serve" in messages[0] and "http://" in messages[0]
        assert len(context.pages) == 1  # no tab opened on a lab that cannot start
    finally:
        context.close()
