"""Chapter 4 exercise checks: right answers accepted, typical mistakes explained, odd input handled."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from peacekeeping_course.checks import CHECKS, Feedback, check

RIGHT = {
    "4.1": (2017, 62),
    "4.2": 25.6,
    "4.3": 3.2,
    "4.4": {"A": "d", "B": "f", "C": "e"},
    "4.5": {"A": "brahimi", "B": "a4p", "C": "cruz", "D": "hippo", "E": "brahimi", "F": "hippo",
            "G": "a4p"},
}


def test_every_chapter_4_check_has_a_right_answer_here():
    assert {k for k in CHECKS if k.startswith("4.")} == set(RIGHT)


@pytest.mark.parametrize("exercise", sorted(RIGHT))
def test_right_answer_is_accepted(exercise):
    result = check(exercise, RIGHT[exercise])
    assert result.status == "correct", result.message


@pytest.mark.parametrize("exercise, answer", [
    ("4.1", [2017, 62]), ("4.1", (np.int64(2017), np.float64(62))), ("4.1", ("2017", "62")),
    ("4.2", "25.6%"), ("4.2", np.float64(25.64)), ("4.2", 25.61),
    ("4.3", 3.19), ("4.3", "3.2"), ("4.3", np.float64(3.2)),
    ("4.4", {"a": "D", "b": " f ", "c": "(e)"}),
    ("4.5", {"a": "Brahimi Report", "b": "A4P+", "c": "Santos Cruz", "d": "HIPPO", "e": "the Brahimi report",
             "f": "hippo report", "g": "Action for Peacekeeping"}),
])
def test_right_answer_in_other_reasonable_forms(exercise, answer):
    assert check(exercise, answer).correct


@pytest.mark.parametrize("exercise, answer, hint", [
    ("4.1", (2017, 139), "from all causes"),
    ("4.1", (2017, 56), "Santos Cruz report"),
    ("4.1", (2017, 7), "number of rows"),
    ("4.1", (2017, 60), "right year"),
    ("4.1", (2010, 11), "deadliest year overall"),
    ("4.1", (2014, 39), "not the maximum"),
    ("4.1", (1993, 127), "2000 to 2024 only"),
    ("4.1", (2005, 99), "not quite"),
    ("4.2", 0.256, "looks like a fraction"),
    ("4.2", 15.9, "share of rows"),
    ("4.2", 34.5, "deaths from other causes"),
    ("4.2", 37.1, "share of illness"),
    ("4.2", 31.9, "share of accident"),
    ("4.2", 29.6, "uniformed personnel only"),
    ("4.2", 50, "not quite"),
    ("4.3", 0.0032, "deaths per person"),
    ("4.3", 3.4, "civilian and local staff"),
    ("4.3", 9.6, "three years together"),
    ("4.3", 2.8, "largest monthly strength"),
    ("4.3", 2.7, "2014, 2015 and 2016 only"),
    ("4.3", 1.0, "not quite"),
    ("4.4", {"A": "b", "B": "f", "C": "e"}, "A is not (b)"),
    ("4.4", {"A": "b", "B": "f", "C": "e"}, "counted once, like any other death"),
    ("4.4", {"A": "d", "B": "a", "C": "c"}, "1 of 3 right"),
    ("4.4", {"A": "d"}, "Still to answer: B, C"),
    ("4.5", {**RIGHT["4.5"], "C": "hippo"}, "C is not hippo: attacks on passive"),
    ("4.5", {**RIGHT["4.5"], "A": "a4p", "E": "cruz"}, "5 of 7 right"),
    ("4.5", {"A": "brahimi"}, "Still to answer: B, C, D, E, F, G"),
])
def test_typical_wrong_answers_get_a_specific_hint(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == "incorrect", result.message
    assert hint in result.message


@pytest.mark.parametrize("exercise, answer, hint", [
    ("4.4", {"D": "a"}, "no question D"),
    ("4.4", {"A": "z"}, "not one of the letters"),
    ("4.5", {"H": "a4p"}, "no scenario H"),
    ("4.5", {"A": "capstone"}, "not one of"),
    ("4.1", (2017,), "pair"),
    ("4.1", ("twenty", 62), "whole numbers"),
])
def test_wrong_shapes_are_invalid_with_a_clear_message(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == "invalid"
    assert hint in result.message


