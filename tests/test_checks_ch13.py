"""Chapter 13 capstone checks (fictional Meridia, synthetic data): right answers are accepted in
reasonable forms, typical mistakes get their specific hint, and odd inputs never raise."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from conftest import model_answer

from peacekeeping_course.checks import CHECKS, Feedback, check, is_unanswered
from peacekeeping_course.datasets import DATA_DIR, load
from peacekeeping_course.synthetic import meridia

RIGHT = {
    "13.1": 92.0,
    "13.2": 10.2,
    "13.3": ["Coastal Unity Militia", "MLF-Renewal"],
    "13.4": ["A", "C", "E", "F", "G", "I", "K"],
    "13.5": ["A", "B", "D", "E", "C", "F", "G", "H"],
    "13.6": model_answer("13.6"),
}


@pytest.mark.parametrize("change, hint", [
    (lambda text: text.replace("### 4. Risks and safeguards", "### 4. Other matters"), "missing: risks and safeguards"),
    (lambda text: re.sub("(?i)decides", "notes", text), "Council language"),
    (lambda text: text.replace("These data are synthetic.", ""), "synthetic"),
    (lambda text: text.split("### 4.")[0] + "### 4. Risks and safeguards\n\n| Risk | Safeguard |\n|---|---|\n| a | b |\n",
     "1 risk(s) listed"),
])
def test_deliverable_check_names_the_missing_part(change, hint):
    result = check("13.6", change(RIGHT["13.6"]))
    assert result.status == "incomplete" and hint in result.message, result.message


def test_every_chapter_13_check_has_a_right_answer_here():
    assert set(RIGHT) == {exercise for exercise in CHECKS if exercise.startswith("13.")}


def test_data_files_are_what_the_generator_writes():
    for name, make in (("fictional_meridia_indicators", meridia.meridia_indicators),
                       ("fictional_meridia_armed_actors", meridia.meridia_armed_actors)):
        text = make().to_csv(index=False, lineterminator="\n")
        assert (DATA_DIR / f"{name}.csv").read_text(encoding="utf-8") == text
        load(name)  # and the file passes its description in datapackage.json


def test_generator_is_deterministic_and_labelled_synthetic():
    pd.testing.assert_frame_equal(meridia.meridia_indicators(), meridia.meridia_indicators())
    pd.testing.assert_frame_equal(meridia.meridia_armed_actors(), meridia.meridia_armed_actors())
    doc = meridia.__doc__
    assert "SYNTHETIC" in doc and "FICTIONAL" in doc


@pytest.mark.parametrize("exercise", sorted(RIGHT))
def test_right_answer_is_accepted(exercise):
    result = check(exercise, RIGHT[exercise])
    assert result.status == ("complete" if exercise == "13.6" else "correct"), result.message


@pytest.mark.parametrize("exercise, answer", [
    ("13.1", 92.04),
    ("13.1", "92.0"),
    ("13.1", np.float64(92.0408)),
    ("13.2", 10.20),
    ("13.2", "10.2%"),
    ("13.2", np.float64(10.204)),
    ("13.3", ("MLF-Renewal", "Coastal Unity Militia")),
    ("13.3", {"mlf renewal", " coastal unity militia "}),
    ("13.3", pd.Series(["Coastal Unity Militia", "MLF-Renewal"])),
    ("13.4", ("k", "i", "g", "f", "e", "c", "a")),
    ("13.4", {"A", "C", "E", "F", "G", "I", "K"}),
    ("13.5", ["A", "B", "C", "D", "E", "F", "G", "H"]),
    ("13.5", ["E", "A", "D", "B", "C", "F", "G", "H"]),
    ("13.5", (" a", "b ", "d", "e", "c", "f", "g", "h")),
])
def test_right_answer_in_other_reasonable_forms(exercise, answer):
    result = check(exercise, answer)
    assert result.correct, result.message


@pytest.mark.parametrize("exercise, answer, hint", [
    ("13.1", 104.5, "ministry's reported figure"),
    ("13.1", 104.52, "2025 census population"),
    ("13.1", 0.92, "per 1,000 residents"),
    ("13.1", 9.2, "per 10,000 residents"),
    ("13.1", 0.00092, "officers per resident"),
    ("13.1", 1086.5, "upside down"),
    ("13.1", 80.0, "not quite"),
    ("13.2", -44.9, "compares the totals"),
    ("13.2", 0.102, "as a fraction"),
    ("13.2", 1.102, "ratio of the two monthly rates"),
    ("13.2", 110.2, "ratio of the two monthly rates"),
    ("13.2", 8.33, "difference in incidents per month"),
    ("13.2", -9.26, "wrong starting point"),
    ("13.2", -58.3, "civilians killed per month"),
    ("13.2", 25.0, "not quite"),
    ("13.3", ["Coastal Unity Militia", "MLF-Renewal", "Meridian Liberation Front"], "signed the Port Seren"),
    ("13.3", ["Coastal Unity Militia", "MLF-Renewal", "Valley Self-Defence Committees"], "controls no territory"),
    ("13.3", ["MLF-Renewal"], "Missing: Coastal Unity Militia"),
    ("13.3", ["Meridian Armed Forces"], "government that commands it"),
    ("13.4", ["A", "B", "C", "E", "F", "G", "I", "K"], "resolution 2098"),
    ("13.4", ["A", "C", "D", "E", "F", "G", "I", "K"], "Minova"),
    ("13.4", ["A", "C", "E", "F", "G", "H", "I", "K"], "executive policing"),
    ("13.4", ["A", "C", "E", "F", "G", "I", "J", "K"], "Brancati"),
    ("13.4", ["C", "E", "F", "G", "I", "K"], "Protection of civilians"),
    ("13.4", ["A", "C", "F", "G", "I", "K"], "HRDDP"),
    ("13.4", ["A", "C", "E", "G", "I", "K"], "Impartiality, not neutrality"),
    ("13.4", ["A", "C", "E", "F", "I", "K"], "Inclusive national ownership"),
    ("13.4", ["A", "C", "E", "F", "G", "K"], "primacy of politics"),
    ("13.4", ["A", "C", "E", "F", "G", "I"], "zero tolerance"),
    ("13.4", ["A", "E", "F", "G", "I", "K"], "about four participants per weapon"),
    ("13.4", ["B", "D", "H", "J"], "11 choices to reconsider"),
    ("13.5", ["B", "A", "C", "D", "E", "F", "G", "H"], "A (joint security sector assessment) should come before B"),
    ("13.5", ["A", "C", "B", "D", "E", "F", "G", "H"], "nationally owned policy"),
    ("13.5", ["A", "B", "G", "C", "D", "E", "F", "H"], "Afghan police"),
    ("13.5", ["A", "B", "C", "F", "D", "E", "G", "H"], "Liberia built its new army"),
    ("13.5", ["A", "B", "C", "D", "F", "E", "G", "H"], "Disarm and demobilise before integrating"),
    ("13.5", ["A", "B", "C", "D", "H", "E", "F", "G"], "Brancati"),
    ("13.5", ["H", "G", "F", "E", "D", "C", "B", "A"], "8 dependencies are broken"),
])
def test_typical_wrong_answers_get_a_specific_hint(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == "incorrect", result.message
    assert hint in result.message


def test_correct_mandate_feedback_explains_every_element_against_the_principles():
    message = check("13.4", RIGHT["13.4"]).message
    for principle in ("Protection of civilians", "defence of the mandate", "Consent", "national ownership",
                      "HRDDP", "Impartiality", "primacy of politics", "Accountability"):
        assert principle in message, principle


@pytest.mark.parametrize("exercise, answer, hint", [
    ("13.1", [92.0], "single number"),
    ("13.1", {"rate": 92.0}, "single number"),
    ("13.1", pd.Series([92.0]), "not a table"),
    ("13.1", "about ninety", "single number"),
    ("13.1", float("inf"), "single number"),
    ("13.2", "ten per cent", "single number"),
    ("13.3", "MLF-Renewal", "even if it has one name"),
    ("13.3", ["Atlantis Guard"], "is not an actor"),
    ("13.3", [1, 2], "written as text"),
    ("13.3", 5, "give a list of actor names"),
    ("13.4", "ACEFGIK", "give a list of letters"),
    ("13.4", ["A", "Z"], "Z is not on the list"),
    ("13.4", ["A", "A", "C"], "appears more than once"),
    ("13.4", [1, 2], "letter written as text"),
    ("13.5", {"A", "B", "C", "D", "E", "F", "G", "H"}, "a set has no order"),
    ("13.5", ["A", "B"], "missing: C, D, E, F, G, H"),
    ("13.5", ["A", "B", "C", "D", "E", "F", "G", "X"], "X is not a step of the plan"),
    ("13.5", "ABCDEFGH", "give a list of the eight letters"),
])
def test_wrong_shapes_get_friendly_guidance(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == "invalid", result.message
    assert hint in result.message


