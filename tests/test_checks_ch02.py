"""Chapter 2's exercise checks accept the right answer, explain typical wrong ones, and never raise."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from peacekeeping_course.checks import CHECKS, Feedback, check

ACTORS_RIGHT = {
    "A": "core security providers", "B": "core security providers", "C": "core security providers",
    "D": "management and oversight", "E": "management and oversight", "F": "management and oversight",
    "G": "justice and rule of law", "H": "justice and rule of law",
    "I": "non-statutory actors", "J": "non-statutory actors",
    "K": "civil society", "L": "civil society",
}
SHARES_RIGHT = {"troops": 2.8, "formed police units": 6.2, "individual police": 16.3, "experts on mission": 4.5}
TASKS_RIGHT = {"A": "DDR", "B": "DDR", "C": "SSR", "D": "SSR", "E": "both", "F": "DDR", "G": "SSR", "H": "both"}

RIGHT = {
    "2.1": ACTORS_RIGHT,
    "2.2": 3.8,
    "2.3": SHARES_RIGHT,
    "2.4": ("UNOCI", "UNISFA"),
    "2.5": TASKS_RIGHT,
}


def test_every_chapter_2_check_is_registered_and_has_a_right_answer_here():
    assert set(RIGHT) == {k for k in CHECKS if k.startswith("2.")}


@pytest.mark.parametrize("exercise", sorted(RIGHT))
def test_right_answer_is_accepted(exercise):
    result = check(exercise, RIGHT[exercise])
    assert result.status == "correct", result.message


@pytest.mark.parametrize("exercise, answer", [
    ("2.1", {k.lower(): v.upper() for k, v in ACTORS_RIGHT.items()}),
    ("2.1", {**ACTORS_RIGHT, "A": "core", "D": "oversight", "G": "justice", "I": "non statutory",
             "J": "Non-statutory security forces", "K": "CSO", "E": "management & oversight"}),
    ("2.2", "3.8"), ("2.2", "3.8%"), ("2.2", np.float64(3.82)), ("2.2", 3.82),
    ("2.3", {"Troops": 2.8, "FPU": "6.2", "IPO": np.float64(16.3), "experts": 4.5}),
    ("2.3", pd.Series(SHARES_RIGHT)),
    ("2.3", {"troops": 2.81, "formed_police_units": 6.16, "individual-police": 16.32, "Experts on mission": 4.5}),
    ("2.4", ["UNOCI", "UNISFA"]), ("2.4", (" unoci ", "unisfa")), ("2.4", (np.str_("UNOCI"), np.str_("UNISFA"))),
    ("2.5", {k.lower(): v.lower() for k, v in TASKS_RIGHT.items()}),
    ("2.5", {**TASKS_RIGHT, "E": "DDR and SSR", "H": "ssr/ddr"}),
])
def test_right_answer_in_other_reasonable_forms(exercise, answer):
    result = check(exercise, answer)
    assert result.correct, result.message


@pytest.mark.parametrize("exercise, answer, hint", [
    ("2.1", {**ACTORS_RIGHT, "K": "management and oversight"}, "counts civil society organisations among oversight"),
    ("2.1", {**ACTORS_RIGHT, "L": "management and oversight"}, "this course lists civil society as its own family"),
    ("2.1", {**ACTORS_RIGHT, "J": "core security providers"}, "private security companies with non-statutory"),
    ("2.1", {**ACTORS_RIGHT, "I": "core security providers"}, "not (yet) part of the state's forces"),
    ("2.1", {**ACTORS_RIGHT, "H": "core security providers"}, "part of the justice chain"),
    ("2.1", {**ACTORS_RIGHT, "F": "core security providers"}, "does not itself patrol"),
    ("2.1", {**ACTORS_RIGHT, "D": "civil society"}, "D is not civil society: a parliamentary committee"),
    ("2.1", {**ACTORS_RIGHT, "E": "justice and rule of law", "G": "management and oversight"}, "10 of 12 right"),
    ("2.1", {"A": "core security providers"}, "Still to answer: B, C, D, E, F, G, H, I, J, K, L"),
    ("2.2", 0.038, "looks like a fraction"),
    ("2.2", 96.2, "share of men"),
    ("2.2", 4.0, "divides women by men"),
    ("2.2", 3.1, "November 2009"),
    ("2.2", 3.6, "all 52 months"),
    ("2.2", 5.1, "averages the missions' shares"),
    ("2.2", 16.3, "individual police only"),
    ("2.2", 7.5, "round to one decimal place"),
    ("2.3", {"troops": 0.028, "formed police units": 0.062, "individual police": 0.163,
             "experts on mission": 0.045}, "look like fractions"),
    ("2.3", {"troops": 2348, "formed police units": 489, "individual police": 837, "experts on mission": 84},
     "numbers of women, not shares"),
    ("2.3", {"troops": 62.5, "formed police units": 13.0, "individual police": 22.3, "experts on mission": 2.2},
     "how all women are spread over the four types"),
    ("2.3", {"troops": 2.5, "formed police units": 4.8, "individual police": 8.6, "experts on mission": 3.9},
     "November 2009"),
    ("2.3", {"troops": 2.8, "individual police": 16.3}, "missing: formed police units, experts on mission"),
    ("2.3", {**SHARES_RIGHT, "troops": 3.0}, "3 of 4 right"),
    ("2.4", ("UNISFA", "UNOCI"), "wrong order"),
    ("2.4", ("UNOCI", "UNMIK"), "below the 1,000 threshold"),
    ("2.4", ("UNOCI", "UNFICYP"), "UNFICYP had only 924"),
    ("2.4", ("UNOCI", "UNAMID"), "most women in number"),
    ("2.4", ("MINUSMA", "UNISFA"), "MINUSMA had 1.4%"),
    ("2.4", ("UNMIT", "UNISFA"), "no uniformed personnel in February 2014"),
    ("2.5", {**TASKS_RIGHT, "E": "SSR"}, "E is not SSR: screening former fighters"),
    ("2.5", {**TASKS_RIGHT, "H": "DDR"}, "H is not DDR"),
    ("2.5", {**TASKS_RIGHT, "D": "DDR", "G": "both"}, "6 of 8 right"),
    ("2.5", {"A": "DDR"}, "Still to answer: B, C, D, E, F, G, H"),
])
def test_typical_wrong_answers_get_a_specific_hint(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == "incorrect", result.message
    assert hint in result.message


@pytest.mark.parametrize("exercise, answer, hint", [
    ("2.1", {**ACTORS_RIGHT, "M": "civil society"}, "there is no actor M"),
    ("2.1", {**ACTORS_RIGHT, "A": "the army"}, "not one of the five categories"),
    ("2.1", {**ACTORS_RIGHT, "A": 3}, "give the category as text"),
    ("2.3", {"police": 10.0}, "not a personnel type"),
    ("2.3", {**SHARES_RIGHT, "troops": "lots"}, "must be a number"),
    ("2.4", ("UNOCI", "XYZ"), "not a mission in the table"),
    ("2.4", ("UNOCI", 5), "mission acronyms as text"),
    ("2.4", "UNOCI", "pair of mission acronyms"),
    ("2.5", {**TASKS_RIGHT, "Z": "DDR"}, "there is no task Z"),
    ("2.5", {**TASKS_RIGHT, "A": "disarmament"}, 'answer "DDR", "SSR" or "both"'),
])
def test_wrong_shapes_get_a_friendly_explanation(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == "invalid", result.message
    assert hint in result.message


