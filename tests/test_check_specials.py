"""Tests of single exercise checks that are more than a row of the case tables in `check_cases.py`:
expected values computed from the course data, the learner's own computation, the rubric-graded
comparison 6.5 and the data behind the capstone (chapter 13), chapter by chapter."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from peacekeeping_course import load
from peacekeeping_course.checks import check, check_form

# ---------------------------------------------------------------- chapter 6


def test_ch06_expected_values_come_from_the_course_data():
    from peacekeeping_course.checks.ch06 import largest_increase, lowest_share

    assert largest_increase() == (2012, 7493)
    assert lowest_share() == (2010, 66.2)


def test_ch06_the_contested_cells_are_ownership_in_liberia_and_the_mission_model_in_somalia():
    """A contested cell accepts any rating and explains why (see ACCEPTED_WITH_NOTE for 6.4)."""
    from peacekeeping_course.checks.ch06 import ASSESSMENT

    contested = [key for key, (expected, _) in ASSESSMENT.items() if expected is None]
    assert contested == [("ownership", "Liberia"), ("mission_model", "Somalia")]


SALAD_WORDS = ("Liberia Somalia consent peace agreement ceasefire budget funding donor al-Shabaab insurgency "
               "ownership contractor coordination UNMIL AMISOM mandate 2003 1509 2007 2012 2016 however "
               "contested limited uncertain").split()


@pytest.mark.parametrize("salad", [
    " ".join((SALAD_WORDS * 10)[:204]),                                   # the reported 204-word salad
    ". ".join(" ".join((SALAD_WORDS * 10)[i:i + 6]) for i in range(0, 204, 6)) + ".",  # with full stops
    ". ".join(SALAD_WORDS * 9) + ".",                                     # one word per "sentence"
], ids=["no-sentences", "six-word-fragments", "one-word-sentences"])
def test_ch06_a_keyword_salad_is_never_called_correct(salad):
    """Written task 6.5 is graded with the rubric: its check confirms the length and the parts asked
    for and never says "correct", however many keywords an answer piles up."""
    for result in (check("6.5", salad), check_form("6.5", salad)):
        assert result.status in ("complete", "incomplete") and not result.correct
        assert "✅" not in repr(result) and "correct" not in result.message.casefold().replace("incorrect", "")
    assert check("6.5", " ".join((SALAD_WORDS * 10)[:204])).status == "incomplete"


# ---------------------------------------------------------------- chapter 8


def test_ch08_expected_values_come_from_the_data():
    from peacekeeping_course.checks import ch08

    assert ch08.busiest_decade() == (1990, 40)
    assert round(ch08.median_years(), 1) == 2.5
    assert tuple(round(v, 1) for v in ch08.medians_by_legal_basis()) == (45.9, 12.6)


def test_ch08_legal_basis_table_matches_the_operations_list():
    legal = load("legal_basis_of_mandates")
    ops = load("un_peacekeeping_operations")
    assert 8 <= len(legal) <= 12
    assert set(legal["mission"]) <= set(ops["acronym"])
    assert legal["source"].str.len().min() > 0 and legal["source_url"].str.startswith("http").all()


# ---------------------------------------------------------------- chapter 9


def test_ch09_the_solution_computation_is_accepted():
    allegations = load("un_sea_allegations")
    finished = allegations.dropna(subset=["investigation_days"])
    finished = finished[finished["investigating_entity"].isin(["UN OIOS", "TCC", "TCC/OIOS", "UN Mission"])]
    medians = finished.groupby("investigating_entity")["investigation_days"].median()
    assert check("9.1", medians).correct
    assert check("9.1", medians.to_dict()).correct


def test_ch09_wrong_answers_are_computed_from_the_data():
    """The hints for 9.2 and 9.3 use figures that must match the course data, not just the check's own logic."""
    from peacekeeping_course.checks import ch09

    assert round(ch09.pending_share_percent(2019), 1) == 13.8
    assert round(ch09.nio_share_percent(2022), 1) == 46.6
    assert round(ch09.nio_share_percent(2022, exclude_missing=True), 1) == 58.7
    assert round(ch09.nio_share_percent(2022, all_personnel=True), 1) == 34.2


# ---------------------------------------------------------------- chapter 10


def test_ch10_the_solution_computations_are_accepted():
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


# ---------------------------------------------------------------- chapter 13 (fictional Meridia, synthetic data)


def test_ch13_data_files_are_what_the_generator_writes():
    from peacekeeping_course.datasets import DATA_DIR
    from peacekeeping_course.synthetic import meridia

    for name, make in (("fictional_meridia_indicators", meridia.meridia_indicators),
                       ("fictional_meridia_armed_actors", meridia.meridia_armed_actors)):
        text = make().to_csv(index=False, lineterminator="\n")
        assert (DATA_DIR / f"{name}.csv").read_text(encoding="utf-8") == text
        load(name)  # and the file passes its description in datapackage.json


def test_ch13_generator_is_deterministic_and_labelled_synthetic():
    from peacekeeping_course.synthetic import meridia

    pd.testing.assert_frame_equal(meridia.meridia_indicators(), meridia.meridia_indicators())
    pd.testing.assert_frame_equal(meridia.meridia_armed_actors(), meridia.meridia_armed_actors())
    doc = meridia.__doc__
    assert "SYNTHETIC" in doc and "FICTIONAL" in doc
