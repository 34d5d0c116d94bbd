"""Checks for chapter 4's exercises. Expected values are computed from the course data,
so they stay right if the data are re-derived."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..datasets import load
from .base import Invalid, as_float, as_int, correct, incorrect, near, read_pair, register

UNIFORMED = ("Military", "Police", "Military Observer")


def _deaths() -> pd.DataFrame:
    return load("un_fatalities_by_year")


def malicious_by_year(first: int = 2000, last: int = 2024) -> pd.Series:
    frame = _deaths()
    rows = frame[(frame["incident_type"] == "Malicious Act") & frame["year"].between(first, last)]
    return rows.groupby("year")["fatalities"].sum().reindex(range(first, last + 1), fill_value=0)


def deadliest_malicious_year(first: int = 2000, last: int = 2024) -> tuple[int, int]:
    per_year = malicious_by_year(first, last)
    return int(per_year.idxmax()), int(per_year.max())


def cause_share_percent(cause: str = "Malicious Act") -> float:
    by_cause = _deaths().groupby("incident_type")["fatalities"].sum()
    return float(100 * by_cause[cause] / by_cause.sum())


def mission_rate(mission: str = "MINUSMA", first: int = 2014, last: int = 2016,
                 types: Sequence[str] | None = UNIFORMED, strength: str = "mean") -> float:
    """Deaths per 1,000 personnel per year, as exercise 4.3 defines it (variants for the hints)."""
    frame = _deaths()
    rows = frame[(frame["mission"] == mission) & frame["year"].between(first, last)]
    if types is not None:
        rows = rows[rows["personnel_type"].isin(types)]
    months = load("un_personnel_by_mission_month")
    months = months[(months["mission"] == mission) & months["date"].dt.year.between(first, last)]
    size = months["total"].mean() if strength == "mean" else months["total"].max()
    years = last - first + 1
    return float(1000 * rows["fatalities"].sum() / (size * years))


@register("4.1")
def check_deadliest_attack_year(answer) -> object:
    pair = read_pair(answer, "give a pair (year, deaths), for example (2003, 30).", as_int, as_int,
                     "both parts must be whole numbers, for example (2003, 30).")
    year, count = pair
    want_year, want_count = deadliest_malicious_year()
    if (year, count) == (want_year, want_count):
        return correct(f"{want_year} was the deadliest year since 2000 for attacks on UN personnel, with "
                       f"{want_count} deaths from malicious acts.")
    if not 2000 <= year <= 2024:
        return incorrect("the question asks about the years 2000 to 2024 only. Filter the year column "
                         "before looking for the maximum.")
    frame = _deaths()
    all_causes = frame.groupby("year")["fatalities"].sum()
    if count == int(all_causes.get(year, -1)):
        return incorrect(f"{count} is the number of deaths from all causes in {year}. Keep only rows whose "
                         "incident_type is 'Malicious Act'.")
    if year == want_year and count == 56:
        return incorrect("56 is the figure the Santos Cruz report gave in December 2017, before the year "
                         "ended. Use the course data, which cover the whole year.")
    if year == want_year:
        rows = len(frame[(frame["incident_type"] == "Malicious Act") & (frame["year"] == year)])
        if count == rows:
            return incorrect("right year, but that is the number of rows, not deaths. Each row is a group "
                             "of deaths: add up the fatalities column.")
        return incorrect(f"right year; now add up the fatalities column for malicious acts in {year}.")
    per_year = malicious_by_year()
    if year == int(all_causes.loc[2000:2024].idxmax()):
        return incorrect(f"{year} was the deadliest year overall since 2000, mostly because of accidents. "
                         "The question is about malicious acts only.")
    if count == int(per_year.get(year, -1)):
        return incorrect(f"{year} had {count} malicious-act deaths, but it is not the maximum. Use "
                         "idxmax() or sort the yearly totals.")
    return incorrect("not quite. Keep malicious acts from 2000 to 2024, add up fatalities by year and find "
                     "the largest total.")


@register("4.2")
def check_malicious_share(answer) -> object:
    value = as_float(answer)
    if value is None:
        raise Invalid("give a number: the percentage to one decimal place, for example 12.5.")
    expected = cause_share_percent()
    if near(value, expected, 0.051, digits=1):
        return correct(f"malicious acts caused {expected:.1f}% of the deaths recorded; illness "
                       f"({cause_share_percent('Illness'):.1f}%) and accidents "
                       f"({cause_share_percent('Accident'):.1f}%) caused more.")
    if abs(value * 100 - expected) <= 0.51:
        return incorrect("that looks like a fraction. Multiply by 100 to give a percentage.")
    frame = _deaths()
    row_share = 100 * (frame["incident_type"] == "Malicious Act").mean()
    if abs(value - row_share) <= 0.1:
        return incorrect("that is the share of rows, not of deaths. Each row groups several deaths: add up "
                         "the fatalities column for each incident type.")
    by_cause = frame.groupby("incident_type")["fatalities"].sum()
    ratio_to_rest = 100 * by_cause["Malicious Act"] / (by_cause.sum() - by_cause["Malicious Act"])
    if abs(value - ratio_to_rest) <= 0.1:
        return incorrect("you divided by the deaths from other causes. Divide by all deaths, including the "
                         "malicious acts themselves.")
    for cause in ("Illness", "Accident"):
        if abs(value - cause_share_percent(cause)) <= 0.1:
            return incorrect(f"that is the share of {cause.lower()}. Use the 'Malicious Act' rows.")
    uniformed = frame[frame["personnel_type"].isin(UNIFORMED)]
    by_cause_u = uniformed.groupby("incident_type")["fatalities"].sum()
    if abs(value - 100 * by_cause_u["Malicious Act"] / by_cause_u.sum()) <= 0.1:
        return incorrect("that is the share among uniformed personnel only. The question asks about all "
                         "deaths, including civilian and local staff.")
    return incorrect("not quite. Add up fatalities for 'Malicious Act', divide by all fatalities, multiply "
                     "by 100 and round to one decimal place.")


@register("4.3")
def check_minusma_rate(answer) -> object:
    value = as_float(answer)
    if value is None:
        raise Invalid("give a number: deaths per 1,000 personnel per year, for example 1.5.")
    expected = mission_rate()
    if near(value, expected, 0.051, digits=1):
        return correct(f"about {expected:.1f} uniformed personnel died per 1,000 deployed per year in "
                       "MINUSMA in 2014-2016, roughly three times the UN-wide rate in those years.")
    if abs(value * 1000 - expected) <= 0.06:
        return incorrect("that is deaths per person. Multiply by 1,000 to give deaths per 1,000 personnel.")
    if near(value, mission_rate(types=None), 0.051, digits=1):
        return incorrect("you included civilian and local staff. The deployment data count only uniformed "
                         "personnel, so keep only Military, Police and Military Observer deaths.")
    if near(value, 3 * expected, 0.051, digits=1):
        return incorrect("that is the rate for the three years together. Divide by 3 to give a rate per "
                         "year.")
    if near(value, mission_rate(strength="max"), 0.051, digits=1):
        return incorrect("you used MINUSMA's largest monthly strength. Use the average over the months, "
                         "because the mission was smaller for much of the period.")
    four_years = mission_rate(first=2013, last=2016)
    if near(value, four_years, 0.051, digits=1) or near(value, four_years * 4 / 3, 0.051, digits=1):
        return incorrect("the question covers 2014, 2015 and 2016 only. MINUSMA's first months in 2013 are "
                         "left out.")
    return incorrect("not quite. Uniformed deaths in 2014-2016, divided by (average monthly strength x 3), "
                     "times 1,000, rounded to one decimal place.")


# 4.4 and 4.5 (matching tasks) are data: their check-spec cells in exercises/solutions/04-challenges.ipynb
