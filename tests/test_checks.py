"""The machinery of the exercise checks: unknown exercises, how feedback renders, what check_form may
show before grading, what is recorded, and matching keys that give no cue. The cases of every check
(right answers, typical mistakes, wrong forms, odd inputs) are in check_cases.py and test_check_cases.py."""

from __future__ import annotations

import pytest
from check_cases import ODD_INPUTS, RIGHT

from peacekeeping_course import progress
from peacekeeping_course import store as progress_store
from peacekeeping_course.checks import CHECKS, FORM_OK, RUBRIC_POINTS, check, check_form, evaluate


def test_unknown_exercise_lists_the_known_ones():
    result = check("99.9", 1)
    assert result.status == "invalid" and "1.1, 1.2, 1.3, 1.4, 1.5" in result.message


def test_feedback_renders_as_escaped_html_and_text():
    result = check("1.4", {"A": "<b>"})
    assert "<b>" not in result._repr_html_() and "&lt;b&gt;" in result._repr_html_()
    assert repr(result).startswith("⚠️ Exercise 1.4:")


# ---------------------------------------------------------------- what a graded notebook may show

@pytest.mark.parametrize("exercise", sorted(CHECKS))
@pytest.mark.parametrize("answer", ODD_INPUTS, ids=lambda a: type(a).__name__)
def test_check_form_never_gives_a_verdict(exercise, answer):
    """check_form is all a learner sees before submitting an nbgrader assignment: a form message, or
    one fixed reply whatever the answer; written tasks get their self-check, never "correct"."""
    form = check_form(exercise, answer)
    if exercise in RUBRIC_POINTS:
        assert form.status in {"incomplete", "complete", "invalid", "unanswered"}
    else:
        assert form.status in {"answered", "invalid", "unanswered"}
        assert form.status != "answered" or form.message == FORM_OK


@pytest.mark.parametrize("answer", [RIGHT["1.4"], {**RIGHT["1.4"], "D": "consent"}, {"A": "consent"}],
                         ids=["right", "wrong", "partial"])
def test_check_form_replies_the_same_to_right_wrong_and_partial_answers(answer):
    assert repr(check_form("1.4", answer)) == repr(check_form("1.4", RIGHT["1.4"])) == f"📨 Exercise 1.4: {FORM_OK}"
    assert check_form("1.4", answer)._repr_html_() == check_form("1.4", RIGHT["1.4"])._repr_html_()


def test_check_form_passes_form_problems_through():
    assert check_form("1.1", None).status == "unanswered"
    assert check_form("1.1", "2015").message == check("1.1", "2015").message


def test_written_tasks_are_the_rubric_graded_ones():
    assert RUBRIC_POINTS == {"6.5": 15, "7.5": 15, "11.5": 15, "13.6": 100}


def test_only_check_records_progress_and_complete_counts_as_done(tmp_path, monkeypatch):
    from conftest import model_answer

    store = tmp_path / "progress.json"
    monkeypatch.setenv("PEACEKEEPING_PROGRESS", str(store))
    check_form("1.1", RIGHT["1.1"])
    evaluate("1.1", RIGHT["1.1"])
    assert not store.exists(), "check_form and evaluate must not record anything"
    assert check("6.5", model_answer("6.5")).status == "complete"
    check("1.1", RIGHT["1.1"])
    data = progress_store.load(store)
    assert data["exercises"]["6.5"]["status"] == "complete"
    chapter6 = next(row for row in progress.summary(data) if row.chapter == "06")
    assert "6.5" not in chapter6.exercises_left


# ---------------------------------------------------------------- matching keys give no cue

def _matching_specs() -> dict:
    from peacekeeping_course.checks.kinds import read_specs

    return {exercise: spec for exercise, (spec, _) in read_specs().items() if spec["kind"] == "matching"}


def _matching_keys():
    return {exercise: {item: (entry["answer"], entry["why"]) for item, entry in spec["key"].items()}
            for exercise, spec in _matching_specs().items()}


def _solution_dict(exercise: str) -> dict:
    """The dictionary the exercise's solution cell assigns (in exercises/solutions)."""
    import ast

    import nbformat

    from peacekeeping_course.course import chapter as course_chapter

    path = course_chapter(int(exercise.split('.')[0])).source
    cell = next(c for c in nbformat.read(path, as_version=4).cells
                if c.metadata.get("nbgrader", {}).get("grade_id") == "answer-" + exercise.replace(".", "-"))
    return next(ast.literal_eval(node.value) for node in ast.walk(ast.parse(cell.source))
                if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict))


# Matching tasks answered with option letters (`options`, shared or each item's own) or with labels.
LETTER_MATCHING = sorted((ex for ex, spec in _matching_specs().items() if "labels" not in spec),
                         key=lambda ex: [int(p) for p in ex.split(".")])
LABEL_MATCHING = sorted((ex for ex, spec in _matching_specs().items() if "labels" in spec),
                        key=lambda ex: [int(p) for p in ex.split(".")])


@pytest.mark.parametrize("exercise", LETTER_MATCHING)
def test_matching_keys_are_not_the_letters_in_order(exercise):
    keys = {key: letter for key, (letter, _) in _matching_keys()[exercise].items()}
    assert all(letter != key.lower() for key, letter in keys.items()), keys
    shifts = {ord(letter) - ord(key.lower()) for key, letter in keys.items()}
    assert len(shifts) > 1, f"the keys of {exercise} are a simple shift: {keys}"
    assert list(keys.values()) != sorted(keys.values()), f"the keys of {exercise} are in alphabetical order"
    assert _solution_dict(exercise) == keys, "the solution notebook and the check disagree"
    assert check(exercise, keys).correct


@pytest.mark.parametrize("exercise", LABEL_MATCHING)
def test_label_matching_keys_agree_with_the_solution(exercise):
    keys = {key: label for key, (label, _) in _matching_keys()[exercise].items()}
    assert check(exercise, _solution_dict(exercise)).correct, "the solution notebook and the check disagree"
    assert check(exercise, keys).correct
