"""Chapter 7 exercise checks (fictional Valdoria, synthetic data): right answers are accepted in
reasonable forms, typical mistakes get their specific hint, and odd inputs never raise."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from peacekeeping_course.checks import CHECKS, Feedback, check, is_unanswered

MODEL_ANSWER = (
    "My order is A, B, D, C, E. First, a joint needs assessment (A): without it we would not know that the "
    "north resolves only 27.2% of complaints, has 3.5% women officers and the lowest trust in the police "
    "(16.3% to 28.0% by district). These figures are synthetic, but they show where to look. The national "
    "dialogue (B) comes next, so that northern communities, women's groups and parliament shape the policy: "
    "inclusive ownership, not a plan written by donors. Before the police grow, the Police Complaints "
    "Authority needs a law, a budget and the power to summon officers (D); today it has 5 staff and "
    "published 0 reports. Donors then align behind the national policy in one board (C), avoiding the "
    "lead-nation silos of Afghanistan. Only then do we recruit and train 600 officers for the north (E), "
    "with a target for women and a working complaints body, unlike the Afghan police trained and sent back "
    "to stations run by militia leaders."
)

RIGHT = {
    "7.1": {"north": 93.2, "centre": 200.2, "south": 136.5},
    "7.2": ["Brannock", "Dravenmoor", "Kharvell", "Vellmark"],
    "7.3": "Police Complaints Authority",
    "7.4": ["A", "B", "D", "C", "E"],
    "7.5": MODEL_ANSWER,
}


def words(n: int, filler: str = "reform") -> str:
    return " ".join([filler] * n)


def test_every_chapter_7_check_has_a_right_answer_here():
    assert set(RIGHT) == {exercise for exercise in CHECKS if exercise.startswith("7.")}


@pytest.mark.parametrize("exercise", sorted(RIGHT))
def test_right_answer_is_accepted(exercise):
    result = check(exercise, RIGHT[exercise])
    assert result.status == ("complete" if exercise == "7.5" else "correct"), result.message


@pytest.mark.parametrize("exercise, answer", [
    ("7.1", pd.Series({"north": 93.16, "centre": 200.2, "south": 136.48})),
    ("7.1", {"North": "93.2", " Center ": 200.2, "SOUTH": np.float64(136.5)}),
    ("7.1", {"north": 93.1608, "centre": 200.2019, "south": 136.4757}),
    ("7.2", ("Kharvell", "Dravenmoor", "Vellmark", "Brannock")),
    ("7.2", {"kharvell", " dravenmoor ", "VELLMARK", "brannock"}),
    ("7.2", pd.Series(["Kharvell", "Dravenmoor", "Vellmark", "Brannock"])),
    ("7.2", pd.Index(["Kharvell", "Dravenmoor", "Vellmark", "Brannock"])),
    ("7.3", "police complaints authority"),
    ("7.3", "  Complaints Authority "),
    ("7.4", ("a", "b", "c", "d", "e")),
    ("7.4", ["A", "D", "B", "C", "E"]),
    ("7.4", [" A", "B ", "D", "C", "E"]),
])
def test_right_answer_in_other_reasonable_forms(exercise, answer):
    result = check(exercise, answer)
    assert result.correct, result.message


@pytest.mark.parametrize("exercise, answer, hint", [
    ("7.1", {"north": 88.0, "centre": 162.5, "south": 141.0}, "averages of the district rates"),
    ("7.1", {"north": 0.932, "centre": 2.002, "south": 1.365}, "per 1,000 residents"),
    ("7.1", {"north": 9.32, "centre": 20.02, "south": 13.65}, "per 10,000 residents"),
    ("7.1", {"north": 0.000932, "centre": 0.002002, "south": 0.001365}, "officers per resident"),
    ("7.1", {"north": 1073.4, "centre": 499.5, "south": 732.7}, "upside down"),
    ("7.1", {"north": 93.2, "centre": 162.5, "south": 136.5}, "not quite for centre"),
    ("7.2", ["Brannock", "Dravenmoor", "Kharvell", "Vellmark", "Quarrow"], "undefined (0 of 0)"),
    ("7.2", ["Brannock", "Dravenmoor", "Kharvell"], "Missing: Vellmark (31.3%)"),
    ("7.2", ["Brannock", "Dravenmoor", "Kharvell", "Vellmark", "Lissary"], "Check the threshold"),
    ("7.2", ["Brannock", "Dravenmoor", "Kharvell", "Vellmark", "Port Aurel"], "Not below 50%: Port Aurel (75.5%)"),
    ("7.3", "Valdorian Civil Society Security Forum", "civil society groups are not expected"),
    ("7.3", "Police Inspectorate-General (Ministry of the Interior)", "not independent"),
    ("7.3", "Auditor-General: Security Sector Audit Unit", "lacks both a legal mandate"),
    ("7.4", ["E", "D", "C", "B", "A"], "6 dependencies are broken"),
    ("7.4", ["A", "B", "C", "E", "D"], "1 dependency is broken. D (law, budget and powers"),
    ("7.4", ["B", "A", "C", "D", "E"], "A (joint needs assessment) should come before B"),
    ("7.4", ["A", "C", "B", "D", "E"], "lead-nation silos"),
    ("7.4", ["A", "B", "E", "C", "D"], "as happened in the Congo"),
    ("7.5", "First assess, then consult women and donors; 27% resolved.", "too short"),
    ("7.5", words(260), "too long"),
    ("7.5", "First we assess, then consult communities, then coordinate donors and strengthen oversight. "
            + words(80), "cites no figure"),
    ("7.5", "First we assess the 14 districts, then we recruit. " + words(80), "draws on 1 of"),
    ("7.5", "The assessment, donor coordination and oversight matter: 27.2% of complaints resolved. "
            + words(80), "does not say what comes before what"),
])
def test_typical_wrong_answers_get_a_specific_hint(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == ("incomplete" if exercise == "7.5" else "incorrect"), result.message
    assert hint in result.message


@pytest.mark.parametrize("exercise, answer, hint", [
    ("7.1", {"north": 93.2}, "missing: centre, south"),
    ("7.1", {"north": 93.2, "centre": 200.2, "east": 1}, "is not a region"),
    ("7.1", {"north": "many", "centre": 200.2, "south": 136.5}, "must be a number"),
    ("7.1", {"north": float("inf"), "centre": 200.2, "south": 136.5}, "must be a number"),
    ("7.1", [93.2, 200.2, 136.5], "give a dictionary"),
    ("7.2", "Kharvell", "even if it has one name"),
    ("7.2", ["Atlantis"], "is not a district"),
    ("7.2", [1, 2], "written as text"),
    ("7.3", "Ministry of Magic", "does not match a body"),
    ("7.3", "Police", "matches more than one body"),
    ("7.3", 5, "give the name of one body as text"),
    ("7.4", ["A", "B"], "missing: C, D, E"),
    ("7.4", ["A", "A", "B", "C", "D"], "appears more than once"),
    ("7.4", ["A", "B", "C", "D", "F"], "F is not an intervention"),
    ("7.4", "ABDCE", "give a list of the five letters"),
    ("7.5", ["a", "list"], "write your justification as text"),
])
def test_wrong_shapes_get_friendly_guidance(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == "invalid", result.message
    assert hint in result.message


