"""Chapter 12 exercise checks: right answers accepted, typical mistakes explained, odd input handled."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from peacekeeping_course.checks import CHECKS, Feedback, check

RIGHT = {
    "12.1": ("United States of America", 2851),
    "12.2": 30.6,
    "12.3": 55.1,
    "12.4": {"A": "b", "B": "a", "C": "d", "D": "c"},
    "12.5": {"A": "2719", "B": "tpp", "C": "1353", "D": "bridging", "E": "elsie", "F": "epf"},
}


def test_every_chapter_12_check_has_a_right_answer_here():
    assert {k for k in CHECKS if k.startswith("12.")} == set(RIGHT)


@pytest.mark.parametrize("exercise", sorted(RIGHT))
def test_right_answer_is_accepted(exercise):
    result = check(exercise, RIGHT[exercise])
    assert result.status == "correct", result.message


@pytest.mark.parametrize("exercise, answer", [
    ("12.1", ["United States of America", 2851]), ("12.1", ("United States", "2,851")),
    ("12.1", ("USA", np.int64(2851))), ("12.1", (" united states of america ", 2851.0)),
    ("12.1", ("US", np.float64(2851))),
    ("12.2", "30.6"), ("12.2", np.float64(30.64)), ("12.2", 30.64), ("12.2", "30.6%"),
    ("12.3", 55.07), ("12.3", "55.1%"), ("12.3", np.float64(55.1)),
    ("12.4", {"a": "B", "b": " a ", "c": "(d)", "d": "c"}),
    ("12.5", {"a": "Resolution 2719", "b": "Triangular Partnership Programme", "c": "resolution 1353",
              "d": "Bridging operation", "e": "Elsie Initiative Fund", "f": "European Peace Facility"}),
    ("12.5", {"A": 2719, "B": "TPP", "C": 1353, "D": "bridging", "E": "Elsie", "F": "EPF"}),
])
def test_right_answer_in_other_reasonable_forms(exercise, answer):
    result = check(exercise, answer)
    assert result.correct, result.message


@pytest.mark.parametrize("exercise, answer, hint", [
    ("12.1", ("United States of America", 2792), "troops only"),
    ("12.1", ("United States", 2800), "right country"),
    ("12.1", ("India", 2078), "not the largest contributor. Sort"),
    ("12.1", ("Pakistan", 9110), "December 1994"),
    ("12.1", ("Pakistan", 1712), "December 1996"),
    ("12.1", ("Pakistan", 11135), "whole table"),
    ("12.1", ("Narnia", 100), "not a country in the contributions table"),
    ("12.1", ("Ghana", 5000), "not the largest contributor. Keep the rows"),
    ("12.1", ("Estonia", 10), "no personnel in UN operations in December 1995"),
    ("12.2", 44.2, "share in 2013"),
    ("12.2", 13.6, "share in 1993"),
    ("12.2", 3.26, "ratio"),
    ("12.2", 225.6, "relative change"),
    ("12.2", 35.3, "starts from 1990"),
    ("12.2", 31.1, "troops only"),
    ("12.2", -30.6, "wrong sign"),
    ("12.2", 0.306, "difference of fractions"),
    ("12.2", 10.0, "not quite"),
    ("12.3", 0.551, "looks like a fraction"),
    ("12.3", 83.9, "share in 1990"),
    ("12.3", 24.5, "3 largest"),
    ("12.3", 36.1, "5 largest"),
    ("12.3", 55.5, "troops only"),
    ("12.3", 8.2, "share of countries"),
    ("12.3", 70.0, "not quite"),
    ("12.4", {**RIGHT["12.4"], "A": "a"}, "A is not (a)"),
    ("12.4", {**RIGHT["12.4"], "B": "d", "C": "a"}, "2 of 4 right"),
    ("12.4", {"A": "b"}, "Still to answer: B, C, D"),
    ("12.5", {**RIGHT["12.5"], "A": "epf", "F": "2719"}, "4 of 6 right"),
    ("12.5", {**RIGHT["12.5"], "D": "1353"}, "D is not 1353: a short, Council-authorised force"),
    ("12.5", {"A": "2719"}, "Still to answer: B, C, D, E, F"),
])
def test_typical_wrong_answers_get_a_specific_hint(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == "incorrect", result.message
    assert hint in result.message, result.message


@pytest.mark.parametrize("exercise, answer, hint", [
    ("12.1", ("United States",), "pair"),
    ("12.1", "United States, 2851", "pair"),
    ("12.1", (2851, "United States"), "name as text"),
    ("12.1", ("United States", "many"), "whole number"),
    ("12.2", "thirty", "one number"),
    ("12.3", [55.1], "one number"),
    ("12.4", ["b", "a", "d", "c"], "dictionary"),
    ("12.4", {"E": "a"}, "no question E"),
    ("12.4", {"A": "z"}, "not one of the allowed answers"),
    ("12.4", {"A": 2}, "not one of the allowed answers"),
    ("12.5", {"G": "epf"}, "no scenario G"),
    ("12.5", {"A": "nato"}, "not one of the allowed answers (2719, epf, tpp, 1353, bridging, elsie)"),
    ("12.5", {"A": True}, "not one of the allowed answers"),
])
def test_wrong_shapes_are_invalid_with_a_clear_message(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == "invalid", result.message
    assert hint in result.message, result.message


