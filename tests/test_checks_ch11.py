"""Chapter 11 exercise checks accept the right answer, explain typical wrong ones, and never raise."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from peacekeeping_course.checks import CHECKS, Feedback, check, is_unanswered

MODEL_ANSWER = (
    "Phase 1 covers Fennick Point, Essenvale and Jessop Shoals. All three can be reached by road in the rainy "
    "season, each has a community protection committee, and they had the highest incident rates among such "
    "communities (6.4, 5.6 and 4.7 per 1,000 residents; the Lakeside data are synthetic). All three mainly speak "
    "Olvan, so the team needs an Olvan-speaking community liaison assistant recruited locally, and messages in "
    "Olvan. Fennick Point is not reached by the mission's radio: we will agree a phone alert link with its "
    "committee and visit every week. Women hold only 16.7% of committee seats in Fennick Point and 22.7% in Jessop "
    "Shoals; we will ask the committees to open seats to women and displaced families and meet women's groups "
    "separately. Every alert gets an answer: the base commits to respond, to protect the identity of callers, and "
    "to report back to the committee within a week, together with the local authorities and the national police. "
    "Caddow Reach and Hallis Ford, which have high rates but no road in the rainy season, and Dulmarsh, which has "
    "no committee, move to phase 2: we will plan dry-season or air visits and help Dulmarsh form a committee."
)

RIGHT = {
    "11.1": (23, 14),
    "11.2": (2009, 60.0),
    "11.3": 13,
    "11.4": ["Fennick Point", "Essenvale", "Jessop Shoals"],
    "11.5": MODEL_ANSWER,
}


def words(n: int, filler: str = "plan") -> str:
    return " ".join([filler] * n)


def test_every_chapter_11_check_has_a_right_answer_here():
    assert set(RIGHT) == {exercise for exercise in CHECKS if exercise.startswith("11.")}


@pytest.mark.parametrize("exercise", sorted(RIGHT))
def test_right_answer_is_accepted(exercise):
    result = check(exercise, RIGHT[exercise])
    assert result.status == ("complete" if exercise == "11.5" else "correct"), result.message


@pytest.mark.parametrize("exercise, answer", [
    ("11.1", [23, 14]), ("11.1", (np.int64(23), np.float64(14.0))), ("11.1", ("23", "14")),
    ("11.2", [2009, 60.04]), ("11.2", (np.int64(2009), "60.0%")), ("11.2", (2009.0, np.float64(59.96))),
    ("11.3", np.int64(13)), ("11.3", "13"), ("11.3", 13.0),
    ("11.4", ("jessop shoals", " Essenvale ", "FENNICK POINT")),
    ("11.4", {"Fennick Point", "Essenvale", "Jessop Shoals"}),
    ("11.4", pd.Series(["Essenvale", "Jessop Shoals", "Fennick Point"])),
    ("11.4", pd.DataFrame({"community": ["Essenvale", "Jessop  Shoals", "Fennick Point"], "x": [1, 2, 3]})),
    ("11.5", MODEL_ANSWER.replace("synthetic", "invented")),
])
def test_right_answer_in_other_reasonable_forms(exercise, answer):
    result = check(exercise, answer)
    assert result.status == ("complete" if exercise == "11.5" else "correct"), result.message


@pytest.mark.parametrize("exercise, answer, hint", [
    ("11.1", (23, 22), "more than 100 km away"),
    ("11.1", (23, 3), "hq_level 2 or 3"),
    ("11.1", (23, 9), "number within 300 km"),
    ("11.1", (23, 5), "count the distances greater than 300"),
    ("11.1", (17, 14), "count for another year"),
    ("11.1", (212, 14), "every mission's locations in 2020"),
    ("11.1", (30, 14), "count the rows for MINUSCA in 2020"),
    ("11.2", (2009, 0.6), "looks like a fraction"),
    ("11.2", (2009, 68.6), "share of *locations*"),
    ("11.2", (2010, 69.7), "share of *locations*"),
    ("11.2", (2009, 55.0), "right year"),
    ("11.2", (2015, 58.3), "not the highest year"),
    ("11.2", (2020, 60.0), "no map data for 2020"),
    ("11.2", (2010, 10.0), "not quite"),
    ("11.3", 18, "number of years *with* maps"),
    ("11.3", 31, "number of years from 1994 to 2024"),
    ("11.3", 12, "off by one"),
    ("11.3", 14, "UNTSO's figure"),
    ("11.3", 239, "number of rows"),
    ("11.3", 5, "subtract the number of distinct years"),
    ("11.4", ["Caddow Reach", "Fennick Point", "Essenvale"], "Caddow Reach cannot be reached by road"),
    ("11.4", ["Hallis Ford", "Fennick Point", "Essenvale"], "Hallis Ford cannot be reached by road"),
    ("11.4", ["Hallis Ford", "Fennick Point", "Essenvale"], "Hallis Ford has no community protection committee"),
    ("11.4", ["Dulmarsh", "Fennick Point", "Essenvale"], "Dulmarsh has no community protection committee"),
    ("11.4", ["Brevenne", "Essenvale", "Gorrowby"], "ranked by the number of incidents"),
    ("11.4", ["Lossamere", "Brevenne", "Ivrenne"], "nearest the UN base"),
    ("11.4", ["Gorrowby", "Brevenne", "Dulmarsh"], "most displaced people"),
    ("11.4", ["Gorrowby", "Fennick Point", "Essenvale"], "Gorrowby meets rules 1 and 2, but its incident rate (3.2"),
    ("11.5", "Fennick Point, Essenvale, Jessop Shoals: 6.4 per 1,000.", "too short"),
    ("11.5", words(300), "too long"),
    ("11.5", "We will work in Essenvale only, by road, in Olvan, with women, answering every alert through the "
             "committee: 5.6 per 1,000. " + words(90), "names 1 Lakeside community"),
    ("11.5", "Fennick Point, Essenvale and Jessop Shoals have road access and a committee: 6.4, 5.6 and 4.7 per "
             "1,000. " + words(90), "does not yet cover: language and communication, inclusion, early warning"),
    ("11.5", "Fennick Point, Essenvale and Jessop Shoals: reach them by road, speak Olvan, include women, answer "
             "every alert with the committee. " + words(90), "cites no figure"),
    ("11.5", MODEL_ANSWER.replace(".", ";").replace(":", ","), "write it as an argument in full sentences"),
])
def test_typical_wrong_answers_get_a_specific_hint(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == ("incomplete" if exercise == "11.5" else "incorrect"), result.message
    assert hint in result.message


def test_plan_without_saying_synthetic_is_accepted_with_a_nudge():
    result = check("11.5", MODEL_ANSWER.replace("; the Lakeside data are synthetic", ""))
    assert result.status == "complete" and "say that the Lakeside data are synthetic" in result.message


@pytest.mark.parametrize("exercise, answer, hint", [
    ("11.1", (23,), "give a pair of whole numbers"),
    ("11.1", ("twenty-three", 14), "give a pair of whole numbers"),
    ("11.2", "2009, 60", "give a pair (year, share_percent)"),
    ("11.2", (2009, "sixty"), "the year must be a whole number"),
    ("11.2", (2009.5, 60.0), "the year must be a whole number"),
    ("11.3", 13.5, "whole number"),
    ("11.4", "Fennick Point, Essenvale, Jessop Shoals", "give a list of three community names"),
    ("11.4", ["Fennick Point", "Essenvale", "Atlantis"], "'Atlantis' is not a Lakeside community"),
    ("11.4", ["Fennick Point", "Essenvale"], "choose exactly three communities (you gave 2)"),
    ("11.4", ["Fennick Point", "Essenvale", "essenvale"], "only once"),
    ("11.4", pd.DataFrame({"name": ["Essenvale"]}), "give a list of three community names"),
    ("11.5", ["a", "list"], "write your plan as text"),
])
def test_wrong_shapes_get_friendly_guidance(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == "invalid", result.message
    assert hint in result.message


