"""Chapter 5 exercise checks: right answers accepted, typical mistakes explained, odd input handled."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from peacekeeping_course.checks import CHECKS, Feedback, check

RIGHT = {
    "5.1": (2005, 12, 16112),
    "5.2": ("Nepal", 396),
    "5.3": (42, 15705),
    "5.4": 3.8,
    "5.5": "c",
    "5.6": ["F", "B", "C", "D", "G", "A", "H", "E"],
}


def test_every_chapter_5_check_has_a_right_answer_here():
    assert {k for k in CHECKS if k.startswith("5.")} == set(RIGHT)


@pytest.mark.parametrize("exercise", sorted(RIGHT))
def test_right_answer_is_accepted(exercise):
    result = check(exercise, RIGHT[exercise])
    assert result.status == "correct", result.message


@pytest.mark.parametrize("exercise, answer", [
    ("5.1", [2005, 12, 16112]), ("5.1", (np.int64(2005), np.int64(12), np.float64(16112))),
    ("5.1", ("2005", "12", "16,112")), ("5.1", ("2005-12", 16112)), ("5.1", (pd.Timestamp("2005-12-31"), 16112)),
    ("5.2", ["Nepal", 396]), ("5.2", (" nepal ", "396")), ("5.2", ("NEPAL", np.int64(396))),
    ("5.3", [42, 15705]), ("5.3", (np.int64(42), np.float64(15705))), ("5.3", ("42", "15,705")),
    ("5.4", "3.8"), ("5.4", np.float64(3.815)), ("5.4", 3.82),
    ("5.5", " C "), ("5.5", "(c)"),
    ("5.6", "FBCDGAHE"), ("5.6", "f, b, c, d, g, a, h, e"), ("5.6", ("F", "B", "C", "D", "G", "A", "H", "E")),
])
def test_right_answer_in_other_reasonable_forms(exercise, answer):
    assert check(exercise, answer).correct


@pytest.mark.parametrize("exercise, answer, hint", [
    ("5.1", (2006, 2, 14867), "troops only"),
    ("5.1", (2007, 6, 15327), "largest figure in 2007"),
    ("5.1", (2003, 9, 15000), "authorised ceiling"),
    ("5.1", (2005, 12, 16000), "right month"),
    ("5.1", (2006, 1, 16112), "wrong month"),
    ("5.1", (2004, 5, 15624), "is not the peak"),
    ("5.1", (2020, 1, 5), "not in UNMIL's data"),
    ("5.1", (2005, 11, 99), "not the peak"),
    ("5.2", ("Nepal", 416), "Nepal's total"),
    ("5.2", ("Nepal", 255), "right country"),
    ("5.2", ("Pakistan", 10), "largest contributor overall"),
    ("5.2", ("India", 252), "among the three largest"),
    ("5.2", ("Jordan", 251), "among the three largest"),
    ("5.2", ("Atlantis", 3), "did not contribute"),
    ("5.2", ("Ghana", 27), "sort them by the police column"),
    ("5.3", (168, 62820), "every map of 2006"),
    ("5.3", (40, 15405), "outside Liberia"),
    ("5.3", (42, 14614), "UN head count"),
    ("5.3", (42, 1), "right number of locations"),
    ("5.3", (3, 15705), "right troop estimate"),
    ("5.3", (1, 2), "not quite"),
    ("5.4", 0.26, "upside down"),
    ("5.4", 26.2, "percentage"),
    ("5.4", 3.6, "PKSOI's count of people"),
    ("5.4", 1.7, "61,918"),
    ("5.4", 1.6, "61,918"),
    ("5.4", 1.4, "planning estimate"),
    ("5.4", 2.7, "caseload"),
    ("5.4", 9, "not quite"),
    ("5.5", "a", "Côte d'Ivoire"),
    ("5.5", "b", "ammunition"),
    ("5.5", "d", "61,918"),
    ("5.6", ["B", "F", "C", "D", "G", "A", "H", "E"], "peace agreement came first"),
    ("5.6", "FBCDGAEH", "while UNMIL was still there"),
    ("5.6", "FBDCGAHE", "well before the 2005 elections"),
    ("5.6", "FBCDAGHE", "more than a year before"),
    ("5.6", "FBCDGHAE", "before the 2017 elections"),
    ("5.6", "FBCDGAHE"[::-1], "of 8 in the right position"),
])
def test_typical_wrong_answers_get_a_specific_hint(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == "incorrect", result.message
    assert hint in result.message


@pytest.mark.parametrize("exercise, answer, hint", [
    ("5.1", (2005, 12), "(year, month, personnel)"),
    ("5.1", ("twelve", 16112), "(year, month, personnel)"),
    ("5.1", (2005, 13, 16112), "from 1 to 12"),
    ("5.2", "Nepal", "the number is needed too"),
    ("5.2", ("Nepal",), "pair"),
    ("5.2", (396, "Nepal"), "pair"),
    ("5.3", (42,), "pair"),
    ("5.3", ("many", 15705), "whole numbers"),
    ("5.4", "three point eight", "rounded to one decimal"),
    ("5.5", "e", "a, b, c or d"),
    ("5.5", 3, "one letter"),
    ("5.6", "FBC", "missing"),
    ("5.6", "FBCDGAHX", "no event X"),
    ("5.6", "FFCDGAHE", "once"),
    ("5.6", [1, 2, 3], "letters as text"),
])
def test_wrong_shapes_are_invalid_with_a_clear_message(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == "invalid", result.message
    assert hint in result.message


