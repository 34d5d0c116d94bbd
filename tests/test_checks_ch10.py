"""Chapter 10 exercise checks: right answers accepted, typical mistakes explained, odd input handled."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from peacekeeping_course.checks import CHECKS, Feedback, check

RIGHT = {
    "10.1": -29.9,
    "10.2": 82.2,
    "10.3": (126056, 50971),
    "10.4": {"A": "c", "B": "e", "C": "b", "D": "f", "E": "a", "F": "d"},
    "10.5": {"A": "yes", "B": "no", "C": "no", "D": "yes", "E": "no", "F": "yes"},
}


def test_every_chapter_10_check_has_a_right_answer_here():
    assert {k for k in CHECKS if k.startswith("10.")} == set(RIGHT)


@pytest.mark.parametrize("exercise", sorted(RIGHT))
def test_right_answer_is_accepted(exercise):
    result = check(exercise, RIGHT[exercise])
    assert result.status == "correct", result.message


def test_the_solution_computations_are_accepted():
    from peacekeeping_course import load
    yearly = load("un_uniformed_personnel_by_year")
    force = yearly.set_index("year")["uniformed_personnel"].astype(float)
    assert check("10.1", 100 * (force.loc[2021] - force.max()) / force.max()).correct
    window = force.loc[2005:2015]
    line = np.polyfit(window.index, window.values, 1)
    forecast = np.polyval(line, 2021)
    assert check("10.3", (forecast, forecast - force.loc[2021])).correct
    by_mission = load("un_personnel_by_mission_month")
    december = by_mission[by_mission["date"] == "2016-12-31"]
    share = 100 * december.loc[december["continent"] == "Africa", "total"].sum() / december["total"].sum()
    assert check("10.2", share).correct


def test_naive_forecast_feedback_explains_the_turning_point():
    message = check("10.3", RIGHT["10.3"]).message
    assert "turning point" in message and "UNAMID" in message and "126,056" in message


@pytest.mark.parametrize("exercise, answer", [
    ("10.1", "-29.9%"), ("10.1", np.float64(-29.88)), ("10.1", "-29.9"),
    ("10.2", "82.2%"), ("10.2", np.float64(82.18)), ("10.2", 82.2),
    ("10.3", [126056.3, 50971.3]), ("10.3", (np.float64(126056.31), np.float64(50971.31))),
    ("10.3", ("126,056", "50,971")), ("10.3", (126000, 50950)),
    ("10.4", {"a": "C", "b": " e ", "c": "(b)", "d": "F", "e": "a", "f": "d"}),
    ("10.5", {"a": "Yes", "b": "NO", "c": False, "d": True, "e": "n", "f": "y"}),
    ("10.5", pd.Series(RIGHT["10.5"])),
])
def test_right_answer_in_other_reasonable_forms(exercise, answer):
    result = check(exercise, answer)
    assert result.correct, result.message


@pytest.mark.parametrize("exercise, answer, hint", [
    ("10.1", 29.9, "wrong sign"),
    ("10.1", -0.299, "looks like a fraction"),
    ("10.1", -32003, "not in per cent"),
    ("10.1", -42.6, "divided by the 2021 figure"),
    ("10.1", -29.6, "troops only"),
    ("10.1", -27.8, "started from 2014"),
    ("10.1", -20.0, "not quite"),
    ("10.2", 0.822, "looks like a fraction"),
    ("10.2", 17.8, "share outside Africa"),
    ("10.2", 82.6, "troops only"),
    ("10.2", 82.9, "every month of 2016"),
    ("10.2", 60.0, "not quite"),
    ("10.3", (126977, 51892), "left out 2015"),
    ("10.3", (125562, 50477), "every year from 1992"),
    ("10.3", (120815, 45730), "includes 2016"),
    ("10.3", (92006, 16921), "very years it is meant to forecast"),
    ("10.3", (107204, 32119), "troops only"),
    ("10.3", (75085, 0), "actual 2021 figure"),
    ("10.3", (100000, 24915), "not right yet"),
    ("10.3", (126056, -50971), "wrong sign"),
    ("10.3", (126056, 67.9), "not per cent"),
    ("10.3", (126056, 126056), "now subtract the actual 2021 figure"),
    ("10.4", {**RIGHT["10.4"], "C": "f", "D": "b"}, "4 of 6 right"),
    ("10.4", {**RIGHT["10.4"], "E": "d", "F": "a"}, "E is not (d)"),
    ("10.4", {"A": "c"}, "Still to answer: B, C, D, E, F"),
    ("10.5", {**RIGHT["10.5"], "B": "yes"}, "B is no: the tables record how many people were deployed, not why"),
    ("10.5", {**RIGHT["10.5"], "C": "yes", "E": "yes"}, "4 of 6 right"),
    ("10.5", {**RIGHT["10.5"], "F": "no"}, "21 running at the end of 1999 and 16"),
    ("10.5", {"A": "yes"}, "Still to answer: B, C, D, E, F"),
])
def test_typical_wrong_answers_get_a_specific_hint(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == "incorrect", result.message
    assert hint in result.message


@pytest.mark.parametrize("exercise, answer, hint", [
    ("10.3", 126056, "pair (forecast, error)"),
    ("10.3", (126056, 50971, 1), "pair (forecast, error)"),
    ("10.3", ("many", "few"), "both parts must be numbers"),
    ("10.4", {"G": "a"}, "there is no risk G"),
    ("10.4", {"A": "z"}, "not one of the letters"),
    ("10.4", "c, e, b", "give a dictionary"),
    ("10.5", {"A": "maybe"}, 'is not "yes" or "no"'),
    ("10.5", {"Z": "yes"}, "there is no claim Z"),
    ("10.5", ["yes", "no"], "give a dictionary"),
])
def test_wrong_forms_get_a_friendly_explanation(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == "invalid", result.message
    assert hint in result.message


