"""Exercise checks accept the right answer, explain typical wrong ones, and never raise."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from peacekeeping_course.checks import CHECKS, Feedback, check

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
    assert result.status in {"incorrect", "invalid", "unanswered"}
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
