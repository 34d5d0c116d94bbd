"""Chapter 9 exercise checks: right answers accepted, typical mistakes explained, odd input handled."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from peacekeeping_course.checks import CHECKS, Feedback, check

RIGHT = {
    "9.1": {"UN OIOS": 308.5, "TCC": 232.0, "TCC/OIOS": 214.5, "UN Mission": 104.0},
    "9.2": 13.8,
    "9.3": 46.6,
    "9.4": {"A": "d", "B": "e", "C": "b", "D": "f", "E": "a"},
    "9.5": {"A": "c", "B": "e", "C": "d", "D": "e", "E": "a"},
    "9.6": {"A": "c", "B": "e", "C": "a", "D": "b", "E": "a"},
}


def test_every_chapter_9_check_has_a_right_answer_here():
    assert {k for k in CHECKS if k.startswith("9.")} == set(RIGHT)


@pytest.mark.parametrize("exercise", sorted(RIGHT))
def test_right_answer_is_accepted(exercise):
    result = check(exercise, RIGHT[exercise])
    assert result.status == "correct", result.message


def test_the_solution_computation_is_accepted():
    from peacekeeping_course import load
    allegations = load("un_sea_allegations")
    finished = allegations.dropna(subset=["investigation_days"])
    finished = finished[finished["investigating_entity"].isin(["UN OIOS", "TCC", "TCC/OIOS", "UN Mission"])]
    medians = finished.groupby("investigating_entity")["investigation_days"].median()
    assert check("9.1", medians).correct
    assert check("9.1", medians.to_dict()).correct


@pytest.mark.parametrize("exercise, answer", [
    ("9.1", {"un oios": 309, "tcc": 232, "tcc/oios": 215, "un mission": 104}),
    ("9.1", {"OIOS": "308.5", "TCC": np.float64(232), "TCC/OIOS": 214, "UN Mission": np.int64(104)}),
    ("9.1", {**RIGHT["9.1"], "Non-UN": 116, "PCC": 1383}),
    ("9.1", pd.Series(RIGHT["9.1"])),
    ("9.2", "13.8%"), ("9.2", np.float64(13.75)), ("9.2", 13.8),
    ("9.3", 46.55), ("9.3", "46.6"), ("9.3", np.float64(46.6)),
    ("9.4", {"a": "D", "b": " e ", "c": "(b)", "d": "F", "e": "a"}),
    ("9.5", {"a": "C", "b": "(e)", "c": " d", "d": "E", "e": "A"}),
    ("9.6", {"a": "C", "b": " e", "c": "(a)", "d": "B", "e": "A"}),
])
def test_right_answer_in_other_reasonable_forms(exercise, answer):
    result = check(exercise, answer)
    assert result.correct, result.message


@pytest.mark.parametrize("exercise, answer, hint", [
    ("9.1", {"UN OIOS": 358.6, "TCC": 398.1, "TCC/OIOS": 305.6, "UN Mission": 154.6}, "those are the means"),
    ("9.1", {"UN OIOS": 300, "TCC": 232, "TCC/OIOS": 214.5, "UN Mission": 104}, "not quite for UN OIOS"),
    ("9.1", {"UN OIOS": 308.5, "TCC": 232}, "still to answer: TCC/OIOS, UN Mission"),
    ("9.2", 0.138, "looks like a fraction"),
    ("9.2", 11, "number of pending allegations"),
    ("9.2", 58.8, "share substantiated"),
    ("9.2", 27.5, "share unsubstantiated"),
    ("9.2", 39.2, "all years together"),
    ("9.2", 3.7, "share of all pending"),
    ("9.2", 34.8, "pending share for 2020"),
    ("9.2", 50, "not quite"),
    ("9.3", 0.466, "looks like a fraction"),
    ("9.3", 58.7, "Yes and No answers only"),
    ("9.3", 34.2, "divided by all 2022 allegations"),
    ("9.3", 32.8, "answered 'No'"),
    ("9.3", 76.1, "share for 2023"),
    ("9.3", 10, "not quite"),
    ("9.4", {**RIGHT["9.4"], "A": "g"}, "A is not (g): (g) is not true: the table keeps unsubstantiated"),
    ("9.4", {**RIGHT["9.4"], "B": "c"}, "B is not (c): (c) is not true: the table covers military, police"),
    ("9.4", {**RIGHT["9.4"], "D": "e"}, "D is not (e): (e) is a real limit"),
    ("9.4", {**RIGHT["9.4"], "A": "a", "E": "d"}, "3 of 5 right"),
    ("9.4", {"A": "d"}, "Still to answer: B, C, D, E"),
    ("9.5", {**RIGHT["9.5"], "A": "b"}, "host-State courts have no automatic jurisdiction"),
    ("9.5", {**RIGHT["9.5"], "C": "f"}, "immunity is not impunity"),
    ("9.5", {**RIGHT["9.5"], "D": "c"}, "expert on mission"),
    ("9.5", {**RIGHT["9.5"], "E": "c"}, "declines to investigate"),
    ("9.5", {**RIGHT["9.5"], "B": "d", "C": "e"}, "3 of 5 right"),
    ("9.5", {"A": "c"}, "Still to answer: B, C, D, E"),
    ("9.6", {**RIGHT["9.6"], "A": "e"}, "the bulletin binds UN personnel, not fighters"),
    ("9.6", {**RIGHT["9.6"], "A": "b"}, "the victim is an adult"),
    ("9.6", {**RIGHT["9.6"], "B": "b"}, "the person accused decides the route"),
    ("9.6", {**RIGHT["9.6"], "B": "c"}, "not a party to the conflict"),
    ("9.6", {**RIGHT["9.6"], "D": "a"}, "MARA applies as well"),
    ("9.6", {**RIGHT["9.6"], "D": "c"}, "also a grave violation under the MRM"),
    ("9.6", {**RIGHT["9.6"], "E": "d"}, "attacks on schools or hospitals are one of the six"),
    ("9.6", {**RIGHT["9.6"], "C": "d"}, "C is not (d): Here recruiting and using children"),
    ("9.6", {**RIGHT["9.6"], "A": "e", "B": "c"}, "3 of 5 right"),
    ("9.6", {"A": "c"}, "Still to answer: B, C, D, E"),
])
def test_typical_wrong_answers_get_a_specific_hint(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == "incorrect", result.message
    assert hint in result.message


def test_wrong_answers_are_computed_from_the_data():
    """The hints above use figures that must match the course data, not just the check's own logic."""
    from peacekeeping_course.checks import ch09
    assert round(ch09.pending_share_percent(2019), 1) == 13.8
    assert round(ch09.nio_share_percent(2022), 1) == 46.6
    assert round(ch09.nio_share_percent(2022, exclude_missing=True), 1) == 58.7
    assert round(ch09.nio_share_percent(2022, all_personnel=True), 1) == 34.2


@pytest.mark.parametrize("exercise, answer, hint", [
    ("9.1", {"UN OIOS": 308.5, "Headquarters": 10}, "not one of the four entities"),
    ("9.1", {"UN OIOS": "long", "TCC": 232, "TCC/OIOS": 214.5, "UN Mission": 104}, "must be a number of days"),
    ("9.1", [308.5, 232, 214.5, 104], "give a dictionary"),
    ("9.2", "about a seventh", "give a number"),
    ("9.3", [46.6], "give a number"),
    ("9.4", {"F": "a"}, "no claim F"),
    ("9.4", {"A": "z"}, "not one of the letters a to g"),
    ("9.4", "a, b, c, d, e", "give a dictionary"),
    ("9.5", {"G": "a"}, "no scenario G"),
    ("9.5", {"A": "host state"}, "not one of the letters a to f"),
    ("9.6", {"F": "a"}, "no incident F"),
    ("9.6", {"A": "f"}, "not one of the letters a to e"),
    ("9.6", ["a", "b", "c", "d", "c"], "give a dictionary"),
])
def test_wrong_shapes_are_invalid_with_a_clear_message(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == "invalid"
    assert hint in result.message


