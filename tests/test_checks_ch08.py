"""Chapter 8 exercise checks: right answers accepted, typical mistakes explained, odd input handled."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from peacekeeping_course.checks import CHECKS, Feedback, check
from peacekeeping_course.checks import ch08

RIGHT = {
    "8.1": (1990, 40),
    "8.2": 2.5,
    "8.3": (45.9, 12.6),
    "8.4": {"A": "chapter vi", "B": "chapter vi", "C": "chapter vii", "D": "chapter vii", "E": "poc",
            "F": "poc", "G": "ssr", "H": "ssr", "I": "electoral", "J": "electoral"},
    "8.5": {"A": "safety convention", "B": "sofa", "C": "sgb", "D": "rome statute", "E": "sofa", "F": "2719"},
}


def test_every_chapter_8_check_has_a_right_answer_here():
    assert {k for k in CHECKS if k.startswith("8.")} == set(RIGHT)


def test_expected_values_come_from_the_data():
    assert ch08.busiest_decade() == (1990, 40)
    assert round(ch08.median_years(), 1) == 2.5
    assert tuple(round(v, 1) for v in ch08.medians_by_legal_basis()) == (45.9, 12.6)


def test_legal_basis_table_matches_the_operations_list():
    legal = ch08.load("legal_basis_of_mandates")
    ops = ch08.load("un_peacekeeping_operations")
    assert 8 <= len(legal) <= 12
    assert set(legal["mission"]) <= set(ops["acronym"])
    assert legal["source"].str.len().min() > 0 and legal["source_url"].str.startswith("http").all()


@pytest.mark.parametrize("exercise", sorted(RIGHT))
def test_right_answer_is_accepted(exercise):
    result = check(exercise, RIGHT[exercise])
    assert result.status == "correct", result.message


@pytest.mark.parametrize("exercise, answer", [
    ("8.1", ["1990s", 40]), ("8.1", (np.int64(1990), np.float64(40))), ("8.1", ("1990", "40")),
    ("8.2", 2.46), ("8.2", "2.5"), ("8.2", np.float64(2.4586)), ("8.2", 2.45),
    ("8.3", [45.92, 12.62]), ("8.3", (np.float64(45.9), "12.6")), ("8.3", (46.0, 12.5)),
    ("8.4", {"a": "Chapter VI", "b": "chapter 6", "c": "Chapter VII authorisation", "d": "chapter 7",
             "e": "Protection of civilians", "f": "PoC", "g": "Security sector reform", "h": "SSR",
             "i": "elections", "j": " Electoral "}),
    ("8.5", {"a": "1994 Convention", "b": "status-of-forces agreement", "c": "ST/SGB/1999/13",
             "d": "ICC", "e": "SOFA", "f": "resolution 2719"}),
])
def test_right_answer_in_other_reasonable_forms(exercise, answer):
    assert check(exercise, answer).correct


@pytest.mark.parametrize("exercise, answer, hint", [
    ("8.1", (1990, 42), "from 1989 to 1999"),
    ("8.1", (1990, 28), "*ended*"),
    ("8.1", (1990, 78), "number of rows"),
    ("8.1", (1990, 39), "right decade"),
    ("8.1", (2000, 11), "another decade had more"),
    ("8.1", (1980, 7), "not quite"),
    ("8.2", 3.1, "includes the active operations"),
    ("8.2", 4.3, "mean"),
    ("8.2", 898, "looks like days"),
    ("8.2", 29.5, "looks like months"),
    ("8.2", 10, "not quite"),
    ("8.3", (12.6, 45.9), "swapped"),
    ("8.3", (10.6, 12.1), "only operations that have ended"),
    ("8.3", (38.8, 11.6), "means"),
    ("8.3", (30.2, 11.7), "all_necessary_means"),
    ("8.3", (20.0, 20.0), "not quite"),
    ("8.4", {**RIGHT["8.4"], "B": "chapter vii"}, "Classify the task, not the resolution"),
    ("8.4", {**RIGHT["8.4"], "E": "chapter vii"}, "separate clause"),
    ("8.4", {**RIGHT["8.4"], "F": "chapter vii"}, "no express force"),
    ("8.4", {**RIGHT["8.4"], "C": "poc"}, "sets no task"),
    ("8.4", {**RIGHT["8.4"], "A": "chapter vii"}, "request of the Government of Lebanon"),
    ("8.4", {**RIGHT["8.4"], "I": "ssr"}, "I is not ssr but electoral"),
    ("8.4", {**RIGHT["8.4"], "G": "electoral", "H": "poc"}, "8 of 10 right"),
    ("8.4", {"A": "chapter vi"}, "Still to answer: B, C, D, E, F, G, H, I, J"),
    ("8.5", {**RIGHT["8.5"], "A": "rome statute"}, "prosecute or extradite"),
    ("8.5", {**RIGHT["8.5"], "B": "sgb"}, "criminal jurisdiction"),
    ("8.5", {**RIGHT["8.5"], "C": "safety convention"}, "does not apply to Chapter VII"),
    ("8.5", {**RIGHT["8.5"], "F": "sofa"}, "resolution 2719"),
    ("8.5", {**RIGHT["8.5"], "E": "2719"}, "E is not 2719 but sofa"),
    ("8.5", {"A": "sofa"}, "Still to answer: B, C, D, E, F"),
])
def test_typical_wrong_answers_get_a_specific_hint(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == "incorrect", result.message
    assert hint in result.message


@pytest.mark.parametrize("exercise, answer, hint", [
    ("8.1", (1990,), "pair"),
    ("8.1", ("nineties", 40), "first year"),
    ("8.1", (1995, 40), "not the first year of a decade"),
    ("8.3", (45.9,), "pair"),
    ("8.3", ("long", "short"), "numbers of years"),
    ("8.4", {"K": "poc"}, "no excerpt K"),
    ("8.4", {"A": "peace enforcement"}, "not one of"),
    ("8.4", {"A": 6}, "as text"),
    ("8.5", {"G": "sofa"}, "no scenario G"),
    ("8.5", {"A": "Geneva Conventions"}, "not one of"),
    ("8.2", "two years", "give a number"),
])
def test_wrong_shapes_are_invalid_with_a_clear_message(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == "invalid", result.message
    assert hint in result.message


