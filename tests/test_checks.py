"""Exercise checks accept the right answer, explain typical wrong ones, and never raise."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from peacekeeping_course import progress
from peacekeeping_course import store as progress_store
from peacekeeping_course.checks import CHECKS, FORM_OK, RUBRIC_POINTS, Feedback, check, check_form, evaluate

RIGHT = {
    "1.1": (2015, 107088),
    "1.2": 12,
    "1.3": 10.2,
    "1.4": {"A": "consent", "B": "impartiality", "C": "use of force", "D": "impartiality",
            "E": "use of force", "F": "consent"},
    "1.5": "b",
}


def test_every_chapter_1_check_has_a_right_answer_here():
    assert set(RIGHT) == {exercise for exercise in CHECKS if exercise.startswith("1.")}


@pytest.mark.parametrize("exercise", sorted(RIGHT))
def test_right_answer_is_accepted(exercise):
    result = check(exercise, RIGHT[exercise])
    assert result.status == "correct", result.message


@pytest.mark.parametrize("exercise, answer", [
    ("1.1", [2015, 107088]), ("1.1", (np.int64(2015), np.float64(107088))), ("1.1", ("2015", "107,088")),
    ("1.2", np.int64(12)), ("1.2", "12"), ("1.2", 12.0),
    ("1.3", 10.22), ("1.3", "10.2%"), ("1.3", np.float64(10.2)),
    ("1.4", {"a": "Consent", "b": "impartial", "c": "force", "d": "Impartiality", "e": "non-use of force",
             "f": "consent of the parties"}),
    ("1.5", " B "), ("1.5", "(b)"),
])
def test_right_answer_in_other_reasonable_forms(exercise, answer):
    assert check(exercise, answer).correct


@pytest.mark.parametrize("exercise, answer, hint", [
    ("1.1", (1993, 69961), "early-1990s peak"),
    ("1.1", (2015, 107805), "highest *monthly* figure"),
    ("1.1", (2015, 91383), "troops only"),
    ("1.1", (2015, 100000), "right year"),
    ("1.1", (2014, 104062), "not the maximum"),
    ("1.1", (2030, 5), "not in the table"),
    ("1.2", 23, "missions_reported"),
    ("1.2", 11, "flagged active in the 2024 extract"),
    ("1.2", 14, "too many"),
    ("1.2", 9, "too few"),
    ("1.3", 0.102, "looks like a fraction"),
    ("1.3", 85.7, "share of troops"),
    ("1.3", 89.8, "everyone except police"),
    ("1.3", 12.5, "round to one decimal place"),
    ("1.4", {**RIGHT["1.4"], "D": "consent"}, "D is not consent: reporting violations by every side"),
    ("1.4", {**RIGHT["1.4"], "B": "use of force", "F": "impartiality"}, "4 of 6 right"),
    ("1.4", {"A": "consent"}, "Still to answer: B, C, D, E, F"),
    ("1.5", "a", "does not double-count"),
    ("1.5", "d", "African Union"),
])
def test_typical_wrong_answers_get_a_specific_hint(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == "incorrect"
    assert hint in result.message


WEIRD = [None, "", "   ", [], {}, (), object(), float("nan"), True, False, "twelve", [1, 2, 3], {"x": 1},
         b"bytes", pd.DataFrame(), pd.Series([1, 2]), np.array([1, 2]), ..., -1, 0, 1e308, -1e308, "€",
         {"A": None}, [None, None], ("a",)]


@pytest.mark.parametrize("exercise", sorted(CHECKS))
@pytest.mark.parametrize("answer", WEIRD, ids=lambda a: type(a).__name__)
def test_any_input_to_any_check_gets_friendly_feedback_never_a_traceback(exercise, answer):
    result = check(exercise, answer)
    assert isinstance(result, Feedback)
    verdict = "incomplete" if exercise in RUBRIC_POINTS else "incorrect"
    assert result.status in {verdict, "invalid", "unanswered"}
    assert result.message and "Traceback" not in result.message
    assert "could not be checked" not in result.message, "the check itself raised an exception"


@pytest.mark.parametrize("exercise", sorted(CHECKS))
@pytest.mark.parametrize("answer", [None, "", "  ", [], {}], ids=repr)
def test_every_unanswered_exercise_says_not_answered_yet(exercise, answer):
    assert "not answered yet" in check(exercise, answer).message


def test_unknown_exercise_lists_the_known_ones():
    result = check("99.9", 1)
    assert result.status == "invalid" and "1.1, 1.2, 1.3, 1.4, 1.5" in result.message


def test_feedback_renders_as_escaped_html_and_text():
    result = check("1.4", {"A": "<b>"})
    assert "<b>" not in result._repr_html_() and "&lt;b&gt;" in result._repr_html_()
    assert repr(result).startswith("⚠️ Exercise 1.4:")


# ---------------------------------------------------------------- what a graded notebook may show

@pytest.mark.parametrize("exercise", sorted(CHECKS))
@pytest.mark.parametrize("answer", WEIRD, ids=lambda a: type(a).__name__)
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


# Matching tasks answered with option letters (every spec with `options`) or with labels.
LETTER_MATCHING = sorted((ex for ex, spec in _matching_specs().items() if "options" in spec),
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
