"""Checks for chapter 9's exercises (accountability and human rights). Expected values are computed
from the course table of allegations, so they stay right if the data are re-derived."""

from __future__ import annotations

import pandas as pd

from ..datasets import load
from .base import Invalid, as_float, correct, excerpts, incorrect, near, read_numbers, register

MAIN_ENTITIES = ("UN OIOS", "TCC", "TCC/OIOS", "UN Mission")


def _allegations() -> pd.DataFrame:
    return load("un_sea_allegations")


def _days_by_entity(how: str = "median", zeros_for_pending: bool = False) -> dict[str, float]:
    frame = _allegations()
    frame = frame[frame["investigating_entity"].isin(MAIN_ENTITIES)]
    days = frame["investigation_days"].astype("Float64")
    if zeros_for_pending:
        days = days.fillna(0)
    stats = days.groupby(frame["investigating_entity"]).agg(how)
    return {entity: float(stats[entity]) for entity in MAIN_ENTITIES}


def median_days_by_entity() -> dict[str, float]:
    """Median investigation length in days, finished investigations only, for the four main entities."""
    return _days_by_entity("median")


def pending_share_percent(year: int) -> float:
    frame = _allegations()
    rows = frame[frame["reported_year"] == year]
    return 100 * float((rows["result"] == "Pending").mean())


def nio_share_percent(year: int, exclude_missing: bool = False, all_personnel: bool = False) -> float:
    frame = _allegations()
    rows = frame[frame["reported_year"] == year]
    if not all_personnel:
        rows = rows[rows["personnel_category"] == "Military"]
    answers = rows["national_investigation_officer"]
    if exclude_missing:
        answers = answers[answers.isin(["Yes", "No"])]
    return 100 * float((answers == "Yes").sum()) / len(answers)


# ---------------------------------------------------------------- 9.1 median days by entity

_ENTITY_ALIASES = {
    "un oios": "UN OIOS", "oios": "UN OIOS", "un-oios": "UN OIOS",
    "tcc": "TCC", "troop-contributing country": "TCC", "troop contributing country": "TCC",
    "tcc/oios": "TCC/OIOS", "tcc / oios": "TCC/OIOS", "tcc and oios": "TCC/OIOS", "joint": "TCC/OIOS",
    "un mission": "UN Mission", "mission": "UN Mission", "un-mission": "UN Mission",
}
_OTHER_ENTITIES = {"non-un", "pcc", "pending", "for information", "un review", "host state"}


@register("9.1")
def check_median_days(answer) -> object:
    read = read_numbers(
        answer, MAIN_ENTITIES, _ENTITY_ALIASES, ignore=_OTHER_ENTITIES,
        form='give a dictionary from entity to median days, for example {"UN OIOS": 300, ...}, or the Series that '
             "groupby(...).median() returns.",
        unknown=f"{{key}} is not one of the four entities asked for ({', '.join(MAIN_ENTITIES)}).",
        not_number="the value for {name} must be a number of days, not {value}.",
        missing="still to answer: {missing}. Give the median for all four entities.")
    given, ignored = read
    want = median_days_by_entity()
    means = _days_by_entity("mean")
    zeros = _days_by_entity("median", zeros_for_pending=True)
    if all(abs(given[e] - want[e]) <= 1 for e in MAIN_ENTITIES):
        note = f" (The other labels, {excerpts(ignored)}, were left out as asked.)" if ignored else ""
        text = ", ".join(f"{e} {want[e]:g}" for e in MAIN_ENTITIES)
        return correct(f"median days of finished investigations: {text}. The UN mission's own bodies were "
                       "quickest and OIOS slowest, but they handle different cases, so this is not a "
                       "league table of efficiency." + note)
    if all(abs(given[e] - means[e]) <= 1 for e in MAIN_ENTITIES):
        return incorrect("those are the means (averages). A few very long investigations pull the mean up; "
                         "the exercise asks for the median, which is the typical case.")
    if all(abs(given[e] - zeros[e]) <= 1 for e in MAIN_ENTITIES):
        return incorrect("you seem to have filled the missing days with 0. An empty investigation_days means "
                         "the investigation has not finished; leave those rows out (dropna) instead of "
                         "counting them as zero days.")
    wrong = [e for e in MAIN_ENTITIES if abs(given[e] - want[e]) > 1]
    return incorrect(f"not quite for {', '.join(wrong)}. For each entity take the rows with that "
                     "investigating_entity, drop the empty investigation_days, and take the median.")


# ---------------------------------------------------------------- 9.2 share of 2019 allegations pending

@register("9.2")
def check_pending_2019(answer) -> object:
    value = as_float(answer)
    if value is None:
        raise Invalid("give a number: the percentage of 2019 allegations still pending, for example 12.5.")
    expected = pending_share_percent(2019)
    frame = _allegations()
    rows = frame[frame["reported_year"] == 2019]
    pending_2019 = int((rows["result"] == "Pending").sum())
    if near(value, expected, 0.051, digits=1):
        return correct(f"{pending_2019} of the {len(rows)} allegations recorded in 2019 ({expected:.1f}%) "
                       "were still pending in July 2024, four and a half to five and a half years after they were recorded.")
    if near(value * 100, expected, 0.51, digits=1):
        return incorrect("that looks like a fraction. Multiply by 100 to give a percentage.")
    if value == pending_2019:
        return incorrect(f"{pending_2019} is the number of pending allegations. Divide it by the number of "
                         "allegations recorded in 2019 and multiply by 100.")
    shares = (100 * rows["result"].value_counts(normalize=True)).to_dict()
    if near(value, shares.get("Substantiated", -1), 0.051, digits=1):
        return incorrect("that is the share substantiated. The question asks for the share still pending.")
    if near(value, shares.get("Unsubstantiated", -1), 0.051, digits=1):
        return incorrect("that is the share unsubstantiated. The question asks for the share still pending.")
    if near(value, 100 * float((frame["result"] == "Pending").mean()), 0.051, digits=1):
        return incorrect("that is the pending share for all years together. Keep only the allegations "
                         "with reported_year 2019.")
    all_pending = int((frame["result"] == "Pending").sum())
    if near(value, 100 * pending_2019 / all_pending, 0.051, digits=1):
        return incorrect("that is the 2019 allegations' share of all pending allegations. Divide by the "
                         "number of allegations recorded in 2019 instead.")
    for year in range(2015, 2025):
        if year != 2019 and near(value, pending_share_percent(year), 0.051, digits=1):
            return incorrect(f"that is the pending share for {year}. Use reported_year 2019.")
    return incorrect("not quite. Keep the rows with reported_year 2019, count those whose result is "
                     "'Pending', divide by the number of rows, multiply by 100 and round to one decimal.")


# ---------------------------------------------------------------- 9.3 national investigation officers, 2022

@register("9.3")
def check_nio_2022(answer) -> object:
    value = as_float(answer)
    if value is None:
        raise Invalid("give a number: the percentage of 2022 military allegations with an NIO, for example 50.0.")
    expected = nio_share_percent(2022)
    if near(value, expected, 0.051, digits=1):
        return correct(f"an NIO was appointed for {expected:.1f}% of the 2022 allegations against military "
                       "personnel. Counting all of them in the denominator keeps the empty answers visible: "
                       "for those the table does not say that an NIO was appointed.")
    if near(value * 100, expected, 0.51, digits=1):
        return incorrect("that looks like a fraction. Multiply by 100 to give a percentage.")
    if near(value, nio_share_percent(2022, exclude_missing=True), 0.051, digits=1):
        return incorrect("you divided by the Yes and No answers only. The exercise asks for the share of "
                         "all 2022 allegations against military personnel, including those where the "
                         "column is empty.")
    if near(value, nio_share_percent(2022, all_personnel=True), 0.051, digits=1):
        return incorrect("you divided by all 2022 allegations. NIOs concern military contingents, so keep "
                         "only personnel_category 'Military'.")
    frame = _allegations()
    military = frame[(frame["reported_year"] == 2022) & (frame["personnel_category"] == "Military")]
    without_nio = 100 * float((military["national_investigation_officer"] == "No").sum()) / len(military)
    if near(value, without_nio, 0.051, digits=1):
        return incorrect("that is the share answered 'No'. The question asks for 'Yes'.")
    for year in range(2015, 2025):
        if year != 2022 and near(value, nio_share_percent(year), 0.051, digits=1):
            return incorrect(f"that is the share for {year}. Use reported_year 2022.")
    return incorrect("not quite. Keep the 2022 rows with personnel_category 'Military', count those whose "
                     "national_investigation_officer is 'Yes', divide by the number of those rows and "
                     "multiply by 100.")

# 9.4, 9.5 and 9.6 (matching tasks) are data: their check-spec cells in exercises/solutions/09-accountability-human-rights.ipynb
