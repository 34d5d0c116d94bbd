"""Chapter 6 exercise checks: right answers accepted, typical mistakes explained, odd input handled."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from conftest import model_answer

from peacekeeping_course.checks import CHECKS, Feedback, check, check_form
from peacekeeping_course.checks.ch06 import ASSESSMENT, NUANCE_WORDS, largest_increase, lowest_share

RATINGS = {
    "consent": {"Liberia": "helped", "Somalia": "hindered"},
    "lead_funding": {"Liberia": "helped", "Somalia": "hindered"},
    "armed_opposition": {"Liberia": "helped", "Somalia": "hindered"},
    "ownership": {"Liberia": "mixed", "Somalia": "hindered"},
    "donor_coordination": {"Liberia": "helped", "Somalia": "hindered"},
    "mission_model": {"Liberia": "helped", "Somalia": "mixed"},
}
RIGHT = {
    "6.1": (2012, 7493),
    "6.2": (2010, 66.2),
    "6.3": {"A": "c", "B": "g", "C": "f", "D": "a", "E": "d"},
    "6.4": RATINGS,
    "6.5": model_answer("6.5"),
}


@pytest.mark.parametrize("change, hint", [
    (lambda text: " ".join(text.split()[:120]), "the comparison should have 200 to 300"),
    (lambda text: text.replace("Somalia", "the other case"), "both Liberia and Somalia"),
    (lambda text: re.sub(r"\d", "", text), "fewer than three specific figures"),
    (lambda text: re.sub("(?i)" + "|".join(NUANCE_WORDS), "and", text), "contested or limited"),
])
def test_written_comparison_names_what_is_missing(change, hint):
    result = check("6.5", change(RIGHT["6.5"]))
    assert result.status == "incomplete" and hint in result.message


def test_every_chapter_6_check_has_a_right_answer_here():
    assert {k for k in CHECKS if k.startswith("6.")} == set(RIGHT)


def test_expected_values_come_from_the_course_data():
    assert largest_increase() == (2012, 7493)
    assert lowest_share() == (2010, 66.2)


@pytest.mark.parametrize("exercise", sorted(RIGHT))
def test_right_answer_is_accepted(exercise):
    result = check(exercise, RIGHT[exercise])
    assert result.status == ("complete" if exercise == "6.5" else "correct"), result.message


SALAD_WORDS = ("Liberia Somalia consent peace agreement ceasefire budget funding donor al-Shabaab insurgency "
               "ownership contractor coordination UNMIL AMISOM mandate 2003 1509 2007 2012 2016 however "
               "contested limited uncertain").split()


@pytest.mark.parametrize("salad", [
    " ".join((SALAD_WORDS * 10)[:204]),                                   # the reported 204-word salad
    ". ".join(" ".join((SALAD_WORDS * 10)[i:i + 6]) for i in range(0, 204, 6)) + ".",  # with full stops
    ". ".join(SALAD_WORDS * 9) + ".",                                     # one word per "sentence"
], ids=["no-sentences", "six-word-fragments", "one-word-sentences"])
def test_a_keyword_salad_is_never_called_correct(salad):
    """Written task 6.5 is graded with the rubric: its check confirms the length and the parts asked
    for and never says "correct", however many keywords an answer piles up."""
    for result in (check("6.5", salad), check_form("6.5", salad)):
        assert result.status in ("complete", "incomplete") and not result.correct
        assert "✅" not in repr(result) and "correct" not in result.message.casefold().replace("incorrect", "")
    assert check("6.5", " ".join((SALAD_WORDS * 10)[:204])).status == "incomplete"


def test_the_written_comparison_is_never_correct_even_when_complete():
    result = check("6.5", RIGHT["6.5"])
    assert result.status == "complete" and not result.correct
    assert "cannot judge your reasoning" in result.message and "rubric" in result.message


@pytest.mark.parametrize("exercise, answer", [
    ("6.1", [2012, 7493]), ("6.1", (np.int64(2012), np.float64(7493))), ("6.1", ("2012", "7,493")),
    ("6.2", [2010, 66.2]), ("6.2", (np.int64(2010), np.float64(66.22))), ("6.2", ("2010", "66.2%")),
    ("6.3", {"a": "C", "b": " g ", "c": "(f)", "d": "A", "e": "d"}),
    ("6.4", {**RATINGS, "ownership": {"Liberia": "helped", "Somalia": "hindered"}}),
    ("6.4", {**RATINGS, "mission_model": {"liberia": "Helped", "SOMALIA": "hindered"}}),
    ("6.4", {"Host-state consent and a peace agreement": {"Liberia": "helped", "Somalia": "hindered"},
             "Who leads and funds the mission": {"Liberia": "help", "Somalia": "hinders"},
             "Status of the armed opposition": {"Liberia": "positive", "Somalia": "negative"},
             "National ownership": {"Liberia": "contested", "Somalia": "hindered"},
             "Donor coordination": {"Liberia": "helped", "Somalia": "hindered"},
             "Mission model": {"Liberia": "helped", "Somalia": "helped"}}),
    ("6.4", pd.DataFrame(RATINGS).T),
    ("6.4", pd.DataFrame(RATINGS)),
])
def test_right_answer_in_other_reasonable_forms(exercise, answer):
    result = check(exercise, answer)
    assert result.correct, result.message


def test_contested_cells_are_explained_not_marked_wrong():
    result = check("6.4", {**RATINGS, "mission_model": {"Liberia": "helped", "Somalia": "hindered"}})
    assert result.correct
    assert "contested" in result.message
    contested = [key for key, (expected, _) in ASSESSMENT.items() if expected is None]
    assert contested == [("ownership", "Liberia"), ("mission_model", "Somalia")]


@pytest.mark.parametrize("exercise, answer, hint", [
    ("6.1", (2012, 7174), "troops only"),
    ("6.1", (2008, 89.7), "percentage change"),
    ("6.1", (2012, 76.1), "percentage change"),
    ("6.1", (2008, 1608), "largest *percentage* increase"),
    ("6.1", (2011, 7493), "right number, wrong year"),
    ("6.1", (2012, 7000), "right year"),
    ("6.1", (2014, 3573), "not the largest"),
    ("6.1", (2030, 5), "not in the table"),
    ("6.1", (2010, 1), "not quite"),
    ("6.2", (2010, 0.662), "looks like a fraction"),
    ("6.2", (2010, 65.9), "troops only"),
    ("6.2", (2010, 151.0), "upside down"),
    ("6.2", (2010, 70.0), "right year"),
    ("6.2", (2013, 79.7), "leave out 2010"),
    ("6.2", (2008, 42.5), "no UN-set ceiling before December 2010"),
    ("6.2", (2015, 100.0), "highest share"),
    ("6.2", (2011, 82.0), "not the lowest"),
    ("6.2", (2014, 50.0), "not the lowest share"),
    ("6.2", (2030, 50.0), "not in the strength table"),
    ("6.3", {**RIGHT["6.3"], "B": "b"}, "(b) is not a real problem"),
    ("6.3", {**RIGHT["6.3"], "E": "e"}, "(e) is not a real problem: no source suggests that SIPRI counts police"),
    ("6.3", {**RIGHT["6.3"], "A": "d"}, "A: (d) is a real problem, but not this one"),
    ("6.3", {**RIGHT["6.3"], "B": "f", "C": "g"}, "3 of 5 right"),
    ("6.3", {"A": "c"}, "Still to answer: B, C, D, E"),
    ("6.4", {**RATINGS, "consent": {"Liberia": "helped", "Somalia": "helped"}},
     "consent (Somalia): you said helped, the reading argues hindered"),
    ("6.4", {**RATINGS, "lead_funding": {"Liberia": "hindered", "Somalia": "hindered"}},
     "one assessed budget"),
    ("6.4", {**RATINGS, "donor_coordination": {"Liberia": "helped", "Somalia": "mixed"}},
     "about a dozen states"),
    ("6.4", {**RATINGS, "armed_opposition": {"Liberia": "mixed", "Somalia": "helped"}}, "10 of 12"),
    ("6.4", {"consent": {"Liberia": "helped"}}, "Still to rate: consent (Somalia)"),
])
def test_typical_wrong_answers_get_a_specific_hint(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == "incorrect", result.message
    assert hint in result.message


@pytest.mark.parametrize("exercise, answer, hint", [
    ("6.1", (2012,), "pair"),
    ("6.1", ("twenty twelve", 7493), "whole number"),
    ("6.2", (2010, "most"), "whole number"),
    ("6.3", {"F": "a"}, "no statement F"),
    ("6.3", {"A": "z"}, "not one of the letters"),
    ("6.4", {"weather": {"Liberia": "helped"}}, "not one of the factors"),
    ("6.4", {"consent": "helped"}, "should be a dictionary"),
    ("6.4", {"consent": {"Sierra Leone": "helped"}}, "not a case"),
    ("6.4", {"consent": {"Liberia": "great"}}, "not a rating"),
    ("6.4", ["helped", "hindered"], "dictionary of dictionaries"),
])
def test_wrong_shapes_are_invalid_with_a_clear_message(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == "invalid", result.message
    assert hint in result.message


