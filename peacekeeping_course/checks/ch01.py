"""Checks for chapter 1's exercises. Expected values are computed from the course data,
so they stay right if the data are re-derived."""

from __future__ import annotations

import pandas as pd

from ..datasets import load
from .base import Invalid, as_float, as_int, check_choice, correct, incorrect, read_pair, register


def _by_year() -> pd.DataFrame:
    return load("un_uniformed_personnel_by_year")


def peak_year_end_force() -> tuple[int, int]:
    frame = _by_year()
    row = frame.loc[frame["uniformed_personnel"].idxmax()]
    return int(row["year"]), int(row["uniformed_personnel"])


def operations_active_on(day: str) -> list[str]:
    ops = load("un_peacekeeping_operations")
    when = pd.Timestamp(day)
    running = (ops["start_date"] <= when) & (ops["end_date"].isna() | (ops["end_date"] > when))
    return sorted(ops.loc[running, "acronym"])


def police_share_percent(year: int) -> float:
    row = _by_year().set_index("year").loc[year]
    return 100 * row["police"] / row["uniformed_personnel"]


@register("1.1")
def check_peak(answer) -> object:
    pair = read_pair(answer, "give a pair (year, personnel), for example (1999, 18460).", as_int, as_int,
                     "both parts must be whole numbers, for example (1999, 18460).")
    year, personnel = pair
    want_year, want_people = peak_year_end_force()
    frame = _by_year().set_index("year")
    if (year, personnel) == (want_year, want_people):
        return correct(f"the year-end force peaked in {want_year} at {want_people:,} uniformed "
                       "personnel.")
    if year in (1993, 1994):
        return incorrect("that is the early-1990s peak. Look at the whole series: the force grew "
                         "much larger after 2000.")
    monthly = load("un_personnel_monthly")
    if personnel == int(monthly["total"].max()):
        return incorrect("that is the highest *monthly* figure (IPI data). The question asks about "
                         "the year-end (December) series in un_uniformed_personnel_by_year.")
    if year == want_year:
        if personnel == int(frame.loc[year, "troops"]):
            return incorrect("right year, but that number is troops only. Use uniformed_personnel, "
                             "which also counts police and military observers.")
        return incorrect(f"right year; now read the uniformed_personnel value for {year} exactly.")
    if year in frame.index and personnel == int(frame.loc[year, "uniformed_personnel"]):
        return incorrect(f"{year} is not the maximum. Sort by uniformed_personnel or use idxmax() "
                         "to find the largest value.")
    if year not in frame.index:
        return incorrect(f"{year} is not in the table (it covers 1947-2021).")
    return incorrect("not the peak. Find the row with the largest uniformed_personnel value.")


@register("1.2")
def check_active_2021(answer) -> object:
    count = as_int(answer)
    if count is None:
        raise Invalid("give the number of operations as a whole number, for example 7.")
    expected = operations_active_on("2021-12-31")
    if count == len(expected):
        return correct(f"{count} operations were running on 31 December 2021: {', '.join(expected)}.")
    reported = _by_year().set_index("year").loc[2021, "missions_reported"]
    if count == reported:
        return incorrect(f"{count} is the missions_reported value for 2021. That count comes from the "
                         "UN's monthly personnel reports and includes political missions with "
                         "uniformed staff. Count peacekeeping operations from their dates instead.")
    ops = load("un_peacekeeping_operations")
    if count == int(ops["active"].sum()):
        return incorrect("that is the number flagged active in the 2024 extract. Use start_date and "
                         "end_date to find the operations running on 31 December 2021.")
    if count > len(expected):
        return incorrect("too many. An operation counts only if it started on or before 31 Dec 2021 "
                         "and had not ended by then (an empty end_date means still running).")
    return incorrect("too few. Remember that an empty end_date means the operation is still running.")


@register("1.3")
def check_police_share(answer) -> object:
    value = as_float(answer)
    if value is None:
        raise Invalid("give a number: the police share as a percentage, for example 12.5.")
    expected = police_share_percent(2021)
    if abs(value - round(expected, 1)) <= 0.051:
        return correct(f"police were {expected:.1f}% of uniformed personnel at the end of 2021.")
    if abs(value * 100 - expected) <= 0.51:
        return incorrect("that looks like a fraction. Multiply by 100 to give a percentage.")
    frame = _by_year().set_index("year")
    troops = 100 * frame.loc[2021, "troops"] / frame.loc[2021, "uniformed_personnel"]
    if abs(value - troops) <= 0.1:
        return incorrect("that is the share of troops. Use the police column.")
    if abs(value - (100 - expected)) <= 0.1:
        return incorrect("that is everyone except police. Divide police by uniformed_personnel.")
    return incorrect("not quite. Divide police by uniformed_personnel for 2021, multiply by 100 and "
                     "round to one decimal place.")


# 1.4 (matching task) is data: the check-spec cell in exercises/solutions/01-peacekeeping-role.ipynb


DATA_PROBLEM_OPTIONS = {
    "a": (False, "OWID does not double-count: each mission appears once in the December report."),
    "b": (True, "the count follows the UN's monthly reports on uniformed personnel, which also list "
                "missions that are not peacekeeping operations, such as political missions and support "
                "offices with uniformed staff."),
    "c": (False, "the UN's list of operations is complete for this period; the difference comes from "
                 "what the other count includes."),
    "d": (False, "neither source includes African Union operations: both count UN missions only."),
}


@register("1.5")
def check_data_problem(answer) -> object:
    return check_choice(answer, DATA_PROBLEM_OPTIONS)
