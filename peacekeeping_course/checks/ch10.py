"""Checks for chapter 10's exercises (future trends). Expected values are computed from the course
data, so they stay right if the data are re-derived."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..datasets import load
from .base import Invalid, as_float, correct, excerpt, excerpts, incorrect, near, read_mapping, read_pair, register


def _un_series() -> pd.DataFrame:
    """Year-end figures from the UN's December reports (1992 onward), indexed by year."""
    frame = load("un_uniformed_personnel_by_year")
    return frame[frame["series"] == "UN December report"].set_index("year")


# ---------------------------------------------------------------- 10.1 the fall since the peak

def change_since_peak_percent(end_year: int = 2021, column: str = "uniformed_personnel",
                              start_year: int | None = None, divide_by_end: bool = False) -> float:
    series = _un_series()[column].astype(float)
    start = int(series.idxmax()) if start_year is None else start_year
    base = series.loc[end_year] if divide_by_end else series.loc[start]
    return 100 * (series.loc[end_year] - series.loc[start]) / base


@register("10.1")
def check_change_since_peak(answer) -> object:
    value = as_float(answer)
    if value is None:
        raise Invalid("give one number: the percentage change, for example -12.5.")
    expected = change_since_peak_percent()
    series = _un_series()["uniformed_personnel"]
    peak = int(series.idxmax())
    if near(value, expected, 0.051, digits=1):
        return correct(f"from its peak of {int(series.max()):,} in {peak} the force fell to "
                       f"{int(series.loc[2021]):,} in 2021, a change of {expected:.1f}%.")
    if near(value, -expected, 0.051, digits=1):
        return incorrect("right size, wrong sign: the force shrank, so the change is negative.")
    if abs(value * 100 - expected) <= 0.51 or abs(value * 100 + expected) <= 0.51:
        return incorrect("that looks like a fraction. Multiply by 100 to give a percentage.")
    fall = int(series.loc[2021] - series.max())
    if as_float(answer) in (fall, -fall):
        return incorrect("that is the change in personnel, not in per cent. Divide it by the 2015 figure "
                         "and multiply by 100.")
    if any(near(value, s * change_since_peak_percent(divide_by_end=True), 0.051, digits=1) for s in (1, -1)):
        return incorrect("you divided by the 2021 figure. A percentage change is measured against the "
                         "starting value, the 2015 peak.")
    troops_only = change_since_peak_percent(column="troops", start_year=peak)
    if any(near(value, s * troops_only, 0.051, digits=1) for s in (1, -1)):
        return incorrect("that is the change in troops only. Use uniformed_personnel, which also counts "
                         "police and military observers.")
    for year in (2014, 2016):
        if any(near(value, s * change_since_peak_percent(start_year=year), 0.051, digits=1) for s in (1, -1)):
            return incorrect(f"you started from {year}. The peak year-end figure is in {peak}: find it with "
                             "idxmax().")
    return incorrect(f"not quite. Take (2021 figure - {peak} figure) / {peak} figure x 100 and round to one "
                     "decimal place.")


# ---------------------------------------------------------------- 10.2 Africa's share, December 2016

def africa_share_percent(date: str = "2016-12-31", column: str = "total", whole_year: int | None = None) -> float:
    frame = load("un_personnel_by_mission_month")
    rows = frame[frame["date"].dt.year == whole_year] if whole_year else frame[frame["date"] == date]
    return 100 * float(rows.loc[rows["continent"] == "Africa", column].sum()) / float(rows[column].sum())


@register("10.2")
def check_africa_share(answer) -> object:
    value = as_float(answer)
    if value is None:
        raise Invalid("give one number: Africa's share as a percentage, for example 55.5.")
    expected = africa_share_percent()
    if near(value, expected, 0.051, digits=1):
        return correct(f"in December 2016 missions in Africa held {expected:.1f}% of the UN's uniformed "
                       "personnel.")
    if abs(value * 100 - expected) <= 0.51:
        return incorrect("that looks like a fraction. Multiply by 100 to give a percentage.")
    if near(value, 100 - expected, 0.051, digits=1):
        return incorrect("that is the share outside Africa. Divide Africa's total by the total of all "
                         "missions.")
    if near(value, africa_share_percent(column="troops"), 0.051, digits=1):
        return incorrect("that is Africa's share of troops only. Use the total column, which also counts "
                         "police and military observers.")
    if near(value, africa_share_percent(whole_year=2016), 0.051, digits=1):
        return incorrect("that uses every month of 2016. Keep only the rows dated 2016-12-31.")
    return incorrect("not quite. Keep the rows for 31 December 2016, add up total for the rows whose "
                     "continent is Africa, divide by the total of all rows, multiply by 100 and round to "
                     "one decimal place.")


# ---------------------------------------------------------------- 10.3 a naive forecast and its error

def trend_forecast(first: int = 2005, last: int = 2015, target: int = 2021,
                   column: str = "uniformed_personnel") -> float:
    series = _un_series()[column].astype(float).loc[first:last]
    slope, intercept = np.polyfit(series.index.astype(float), series.values, 1)
    return float(slope * target + intercept)


def _closed_between(start: str, end: str) -> list[str]:
    ops = load("un_peacekeeping_operations")
    rows = ops[(ops["end_date"] > start) & (ops["end_date"] <= end)].sort_values("end_date")
    return list(rows["acronym"])


_OTHER_WINDOWS = {
    (2005, 2014): "you left out 2015. The window is 2005 to 2015, both included (.loc[2005:2015]).",
    (2004, 2015): "you started in 2004. The window is 2005 to 2015.",
    (2006, 2015): "you started in 2006. The window is 2005 to 2015, both included.",
    (1992, 2015): "you fitted the line to every year from 1992. The exercise uses 2005 to 2015 only. (The "
                  "result is almost the same, which shows that more past data does not rescue the forecast.)",
    (2005, 2016): "your window includes 2016, which the planner in early 2016 could not yet know.",
    (2005, 2021): "your line was fitted to years up to 2021, the very years it is meant to forecast.",
    (1992, 2021): "your line was fitted to every year, including the ones it is meant to forecast.",
}


@register("10.3")
def check_naive_forecast(answer) -> object:
    pair = read_pair(answer, "give a pair (forecast, error), for example (110000, 20000).", as_float, as_float,
                     "both parts must be numbers, for example (110000, 20000).")
    forecast, error = pair
    series = _un_series()["uniformed_personnel"]
    actual = float(series.loc[2021])
    expected = trend_forecast()
    if abs(forecast - expected) > 100:
        for window, hint in _OTHER_WINDOWS.items():
            if abs(forecast - trend_forecast(*window)) <= 100:
                return incorrect(hint)
        if abs(forecast - trend_forecast(column="troops")) <= 100:
            return incorrect("that line was fitted to troops only. Use uniformed_personnel.")
        if abs(forecast - actual) <= 100:
            return incorrect("that is the actual 2021 figure. The forecast is what the straight line through "
                             "2005-2015 says for 2021.")
        return incorrect("the forecast is not right yet. Fit np.polyfit(years, values, 1) to 2005-2015 and "
                         "read the line at 2021 with np.polyval.")
    want_error = expected - actual
    if abs(error + want_error) <= 100:
        return incorrect("the forecast is right, but the error has the wrong sign: use forecast minus actual, "
                         "so a forecast that is too high gives a positive error.")
    if abs(error - 100 * want_error / actual) <= 0.6:
        return incorrect("the forecast is right, but the error should be in personnel, not per cent: "
                         "forecast minus the actual 2021 figure.")
    if abs(error - want_error) > 100:
        return incorrect(f"the forecast is right; now subtract the actual 2021 figure ({int(actual):,}).")
    closed = _closed_between("2016-01-01", "2021-12-31")
    slope = (trend_forecast(target=2016) - trend_forecast(target=2015))
    return correct(f"the line forecast about {expected:,.0f} for 2021, {want_error:,.0f} personnel "
                   f"({100 * want_error / actual:.0f}%) more than the real {int(actual):,}. It assumed the growth "
                   f"of 2005-2015, about {slope:,.0f} a year, would go on. Instead 2015 was a turning point: "
                   f"{', '.join(closed[:-1])} and {closed[-1]} closed between 2016 and 2021. Those were political decisions, and "
                   "no series of past numbers contains them.")


# 10.4 (matching task) is data: the check-spec cell in exercises/solutions/10-future-trends.ipynb


# ---------------------------------------------------------------- 10.5 what the data can support

def _fell_every_year(first: int, last: int) -> bool:
    series = _un_series()["uniformed_personnel"].loc[first:last]
    return bool((series.diff().dropna() < 0).all())


def _police_share(year: int) -> float:
    row = _un_series().loc[year]
    return float(row["police"]) / float(row["uniformed_personnel"])


def _running_at_year_end(year: int) -> int:
    ops = load("un_peacekeeping_operations")
    day = pd.Timestamp(year=year, month=12, day=31)
    return int(((ops["start_date"] <= day) & (ops["end_date"].isna() | (ops["end_date"] > day))).sum())


def data_claims() -> dict[str, tuple[str, str]]:
    """Each claim: whether the course data can support it ('yes'/'no') and why."""
    fell = _fell_every_year(2015, 2021)
    police_lower = _police_share(2021) < _police_share(2010)
    ops_1999, ops_2015 = _running_at_year_end(1999), _running_at_year_end(2015)
    return {
        "A": ("yes" if fell else "no",
              "the year-end series shows a fall in every year from 2015 to 2021." if fell else
              "the year-end series does not fall in every year from 2015 to 2021."),
        "B": ("no", "the tables record how many people were deployed, not why; causes need documents such as "
                    "budget resolutions and Council decisions."),
        "C": ("no", "the data stop in 2021 (2024 for Geo-PKO); a claim about 2030 is a forecast, and the lesson "
                    "notebook shows how badly trends do at turning points."),
        "D": ("yes" if police_lower else "no",
              f"police were {100 * _police_share(2021):.1f}% of uniformed personnel in 2021 against "
              f"{100 * _police_share(2010):.1f}% in 2010."),
        "E": ("no", "the course data contain no information on which missions used SAGE or on protection "
                    "outcomes, and a comparison would need to deal with selection bias."),
        "F": ("yes" if ops_1999 > ops_2015 else "no",
              f"the list of operations gives {ops_1999} running at the end of 1999 and {ops_2015} at the end "
              "of 2015."),
    }


_YES = {"yes", "y", "true", "supported", "can", "supports"}
_NO = {"no", "n", "false", "not supported", "cannot", "can't", "does not"}


@register("10.5")
def check_data_claims(answer) -> object:
    answer = read_mapping(answer, 'give a dictionary from claim letter to "yes" or "no", for example '
                                      '{"A": "yes", ...}.')
    claims = data_claims()
    given = {str(k).strip().upper(): v for k, v in answer.items()}
    unknown = [k for k in given if k not in claims]
    if unknown:
        raise Invalid(f"there is no claim {excerpts(unknown)}; the claims are A to F.")
    labels, missing = {}, []
    for key in claims:
        value = given.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            missing.append(key)
            continue
        if isinstance(value, (bool, np.bool_)):
            labels[key] = "yes" if value else "no"
            continue
        text = str(value).strip().lower()
        if text in _YES:
            labels[key] = "yes"
        elif text in _NO:
            labels[key] = "no"
        else:
            raise Invalid(f'claim {key}: {excerpt(value)} is not "yes" or "no".')
    wrong = [k for k, v in labels.items() if v != claims[k][0]]
    if not wrong and not missing:
        return correct("all six are right. " + " ".join(f"{k}: {why}" for k, (_, why) in claims.items()))
    parts = [f"{k} is {claims[k][0]}: {claims[k][1]}" for k in wrong]
    if missing:
        parts.append(f"Still to answer: {', '.join(missing)}.")
    right = len(claims) - len(wrong) - len(missing)
    return incorrect(f"{right} of 6 right. " + " ".join(parts))
