"""Chapter 3 exercise checks accept the right answer, explain typical wrong ones, and never raise."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from peacekeeping_course.checks import CHECKS, Feedback, check

RIGHT = {
    "3.1": ("2011-03", 14703),
    "3.2": 60.7,
    "3.3": ["UNMIBH", "UNMIK", "UNMIT"],
    "3.4": {"A": "advise", "B": "train", "C": "mentor", "D": "vet", "E": "co-locate", "F": "vet",
            "G": "mentor", "H": "advise"},
    "3.5": ["A", "G", "B", "F", "C", "E", "D"],
}


def test_every_chapter_3_check_has_a_right_answer_here():
    assert set(RIGHT) == {exercise for exercise in CHECKS if exercise.startswith("3.")}


@pytest.mark.parametrize("exercise", sorted(RIGHT))
def test_right_answer_is_accepted(exercise):
    result = check(exercise, RIGHT[exercise])
    assert result.status == "correct", result.message


@pytest.mark.parametrize("exercise, answer", [
    ("3.1", ["2011-03", 14703]), ("3.1", ("March 2011", "14,703")), ("3.1", ("2011-03-31", 14703.0)),
    ("3.1", (pd.Timestamp("2011-03-31"), np.int64(14703))), ("3.1", (pd.Period("2011-03", "M"), 14703)),
    ("3.1", (dt.date(2011, 3, 31), 14703)),
    ("3.2", 60.73), ("3.2", "60.7%"), ("3.2", np.float64(60.7)), ("3.2", 61 - 0.3),
    ("3.3", ("UNMIT", "UNMIK", "UNMIBH")), ("3.3", {"unmibh", " UNMIK ", "Unmit"}),
    ("3.3", pd.Index(["UNMIBH", "UNMIK", "UNMIT"])), ("3.3", pd.Series(["UNMIBH", "UNMIK", "UNMIT"])),
    ("3.4", {"a": "Advice", "b": "training", "c": "Mentoring", "d": "vetting", "e": "co-location",
             "f": "screening", "g": "mentor", "h": "advisory"}),
    ("3.5", ("a", "f", "g", "b", "c", "d", "e")), ("3.5", [" A ", "G", "B", "C", "F", "E", "D"]),
    ("3.5", ["G", "A", "F", "B", "C", "D", "E"]),
])
def test_right_answer_in_other_reasonable_forms(exercise, answer):
    result = check(exercise, answer)
    assert result.correct, result.message


@pytest.mark.parametrize("exercise, answer, hint", [
    ("3.1", ("1999-11", 4238), "highest police *share*"),
    ("3.1", ("2011-03", 99221), "all uniformed personnel"),
    ("3.1", ("2011-03", 82290), "that number is troops"),
    ("3.1", ("2011-03", 14000), "right month; now read"),
    ("3.1", ("2010-12", 14322), "highest December"),
    ("3.1", ("2013-04", 5511), "single mission"),
    ("3.1", ("2012-05", 14703), "the month is not"),
    ("3.1", ("2005-05", 7163), "not the peak"),
    ("3.1", ("2030-01", 1), "not in the table"),
    ("3.2", 0.607, "looks like a fraction"),
    ("3.2", 39.3, "individual police officers"),
    ("3.2", 45.2, "November 2009"),
    ("3.2", 8.1, "all uniformed personnel"),
    ("3.2", 154.7, "divides formed units by individual officers"),
    ("3.2", 50.0, "round to one decimal place"),
    ("3.3", ["UNMIBH", "UNMIK", "UNMIT", "IPTF", "MIPONUH"], "IPTF, MIPONUH did not pass the size filter"),
    ("3.3", ["UNMIBH", "UNMIK", "UNMIT", "ONUSAL"], "ONUSAL (45.4%) is below 50%"),
    ("3.3", ["UNMIBH", "UNMIK", "UNMIT", "ONUSAL", "MINUSTAH"], "are below 50%"),
    ("3.3", ["UNMIK"], "2 mission(s) that meet both conditions are missing"),
    ("3.4", {**RIGHT["3.4"], "C": "train"}, "C is not train: a long one-to-one relationship"),
    ("3.4", {**RIGHT["3.4"], "E": "mentor"}, "E is not mentor: posting UN officers"),
    ("3.4", {**RIGHT["3.4"], "F": "advise", "H": "train"}, "6 of 8 right"),
    ("3.4", {"A": "advise"}, "Still to answer: B, C, D, E, F, G, H"),
    ("3.5", ["A", "G", "B", "F", "D", "C", "E"], "C (basic and refresher training) should come before D"),
    ("3.5", ["A", "G", "C", "B", "F", "E", "D"], "Vet before you train"),
    ("3.5", ["A", "G", "B", "C", "D", "F", "E"], "Put oversight in place before you arm"),
    ("3.5", ["B", "A", "G", "F", "C", "E", "D"], "2 dependencies are broken"),
    ("3.5", ["A", "B", "G", "F", "C", "E", "D"], "Demobilise before you vet"),
    ("3.5", ["A", "G", "B", "F", "E", "C", "D"], "Train before you mentor"),
])
def test_typical_wrong_answers_get_a_specific_hint(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == "incorrect", result.message
    assert hint in result.message


@pytest.mark.parametrize("exercise, answer, hint", [
    ("3.1", ("soon", 14703), "must be a month"),
    ("3.1", ("2011-03", "many"), "whole number"),
    ("3.1", ("2011-03", 14703, 1), "give a pair"),
    ("3.3", ["UNMIK", 3], "mission acronym written as text"),
    ("3.3", ["UNMIK", "NOTAMISSION"], "NOTAMISSION is not a mission label"),
    ("3.4", {"Z": "advise"}, "there is no activity Z"),
    ("3.4", {"A": "inspect"}, "is not one of advise, train, mentor, vet, co-locate"),
    ("3.4", {"A": 3}, "is not one of"),
    ("3.5", ["A", "B", "C"], "missing: D, E, F, G"),
    ("3.5", ["A", "A", "B", "C", "D", "E", "F"], "A appears more than once"),
    ("3.5", ["A", "X", "B", "C", "D", "E", "F"], "X is not an activity"),
    ("3.5", "AGBFCED", "give a list of the seven letters"),
    ("3.5", [1, 2, 3, 4, 5, 6, 7], "letters A to G"),
])
def test_malformed_answers_get_a_friendly_explanation(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == "invalid"
    assert hint in result.message


