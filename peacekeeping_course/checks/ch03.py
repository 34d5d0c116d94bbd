"""Checks for chapter 3's exercises. Expected values are computed from the course data,
so they stay right if the data are re-derived."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import pandas as pd

from ..datasets import load
from .base import Invalid, as_float, as_int, correct, excerpts, incorrect, register

# ---------------------------------------------------------------- expected values from the data


def _monthly() -> pd.DataFrame:
    return load("un_personnel_monthly")


def police_peak() -> tuple[pd.Period, int]:
    """The month with the most UN police deployed system-wide, and that number."""
    frame = _monthly()
    row = frame.loc[frame["police"].idxmax()]
    return row["date"].to_period("M"), int(row["police"])


def police_share_peak() -> tuple[pd.Period, int]:
    """The month with the highest police share of uniformed personnel, and its police count."""
    frame = _monthly()
    row = frame.loc[(frame["police"] / frame["total"]).idxmax()]
    return row["date"].to_period("M"), int(row["police"])


def police_types(month: str) -> dict[str, int]:
    """System-wide UN police in formed units and as individuals, plus troops, in one month."""
    frame = load("un_personnel_by_sex_mission_month")
    rows = frame[frame["date"].dt.to_period("M") == pd.Period(month, "M")]
    totals = rows.groupby("personnel_type")["total"].sum()
    return {"fpu": int(totals["formed police units"]), "individual": int(totals["individual police"]),
            "troops": int(totals["troops"]), "experts": int(totals["experts on mission"])}


def fpu_share_percent(month: str) -> float:
    counts = police_types(month)
    return 100 * counts["fpu"] / (counts["fpu"] + counts["individual"])


def mission_police_shares(min_months: int = 12, min_peak: int = 1000) -> pd.DataFrame:
    """Police share of each mission's uniformed person-months, with the size filters of 3.3."""
    frame = load("un_personnel_by_mission_month")
    missions = frame.groupby("mission").agg(months=("date", "nunique"), police=("police", "sum"),
                                            total=("total", "sum"), peak_total=("total", "max"))
    missions["share"] = 100 * missions["police"] / missions["total"]
    missions["kept"] = (missions["months"] >= min_months) & (missions["peak_total"] >= min_peak)
    return missions


def police_heavy_missions(threshold: float = 50) -> set[str]:
    missions = mission_police_shares()
    return set(missions.index[missions["kept"] & (missions["share"] >= threshold)])


# ---------------------------------------------------------------- 3.1 peak of UN police

def _as_month(value) -> pd.Period | None:
    """A month from '2011-03', 'March 2011', '2011-03-31', a Timestamp, a date or a Period."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        if isinstance(value, pd.Period):
            return value.asfreq("M")
        if isinstance(value, (pd.Timestamp, dt.date, dt.datetime)):
            return pd.Timestamp(value).to_period("M")
        if isinstance(value, str) and value.strip():
            return pd.Timestamp(value.strip()).to_period("M")
    except (ValueError, TypeError, OverflowError):
        return None
    return None


@register("3.1")
def check_police_peak(answer) -> object:
    if isinstance(answer, (str, bytes)) or not isinstance(answer, Sequence) or len(answer) != 2:
        raise Invalid('give a pair (month, police), for example ("1999-11", 4238).')
    month, police = _as_month(answer[0]), as_int(answer[1])
    if month is None:
        raise Invalid('the first part must be a month, for example "1999-11" or "November 1999".')
    if police is None:
        raise Invalid("the second part must be a whole number of police officers, for example 4238.")
    want_month, want_police = police_peak()
    frame = _monthly()
    by_month = frame.assign(month=frame["date"].dt.to_period("M")).set_index("month")
    if (month, police) == (want_month, want_police):
        return correct(f"UN police peaked at {want_police:,} officers at the end of "
                       f"{want_month.strftime('%B %Y')}.")
    if month == police_share_peak()[0]:
        return incorrect("that is the month with the highest police *share* of the uniformed force, "
                         "when few troops were deployed. The question asks for the largest number of "
                         "police: use idxmax() on the police column.")
    if month == want_month:
        row = by_month.loc[month]
        if police == int(row["total"]):
            return incorrect("right month, but that number is all uniformed personnel. Read the police "
                             "column.")
        if police == int(row["troops"]):
            return incorrect("right month, but that number is troops. Read the police column.")
        return incorrect(f"right month; now read the police value for {month.strftime('%B %Y')} exactly.")
    december = by_month[by_month.index.month == 12]
    if month in december.index and police == int(december.loc[month, "police"]) and \
            police == int(december["police"].max()):
        return incorrect("that is the highest December (year-end) figure. Look at every month: the "
                         "monthly peak is higher and falls in another month.")
    by_mission = load("un_personnel_by_mission_month")
    if police == int(by_mission["police"].max()):
        return incorrect("that is the largest police component of a single mission. Use the "
                         "system-wide table un_personnel_monthly.")
    if police == want_police:
        return incorrect("the number is right, but the month is not. Give the month in which that "
                         "number was reported.")
    if month in by_month.index and police == int(by_month.loc[month, "police"]):
        return incorrect(f"{month.strftime('%B %Y')} is not the peak. Sort by police or use idxmax() to "
                         "find the largest value.")
    if month not in by_month.index:
        return incorrect(f"{month.strftime('%B %Y')} is not in the table (it covers November 1990 to "
                         "March 2017, with November 2016 missing).")
    return incorrect("not the peak. Find the row of un_personnel_monthly with the largest police value "
                     "and give its month and police count.")


# ---------------------------------------------------------------- 3.2 formed police units

@register("3.2")
def check_fpu_share(answer) -> object:
    value = as_float(answer)
    if value is None:
        raise Invalid("give a number: the share of formed police units as a percentage, for example 45.2.")
    expected = fpu_share_percent("2014-02")
    if abs(value - round(expected, 1)) <= 0.051:
        return correct(f"formed police units were {expected:.1f}% of UN police in February 2014.")
    if abs(value * 100 - expected) <= 0.51:
        return incorrect("that looks like a fraction. Multiply by 100 to give a percentage.")
    if abs(value - (100 - expected)) <= 0.1:
        return incorrect("that is the share of individual police officers. Divide the formed police "
                         "units by all police (formed units plus individual officers).")
    if abs(value - fpu_share_percent("2009-11")) <= 0.1:
        return incorrect("that is the share in November 2009, the first month of the table. The question "
                         "asks about February 2014, the last month.")
    counts = police_types("2014-02")
    uniformed = counts["fpu"] + counts["individual"] + counts["troops"] + counts["experts"]
    if abs(value - 100 * counts["fpu"] / uniformed) <= 0.1:
        return incorrect("that divides by all uniformed personnel. The question asks for the share of "
                         "the police only: formed units plus individual officers.")
    if abs(value - 100 * counts["fpu"] / counts["individual"]) <= 0.2:
        return incorrect("that divides formed units by individual officers. Divide by all police "
                         "(formed units plus individual officers) instead.")
    return incorrect("not quite. Add formed police units and individual police for February 2014 across "
                     "all missions, divide the formed units by that total, multiply by 100 and round to "
                     "one decimal place.")


# ---------------------------------------------------------------- 3.3 police-heavy missions

@register("3.3")
def check_police_heavy(answer) -> object:
    if isinstance(answer, (str, bytes, Mapping)) or not isinstance(answer, (Sequence, set, frozenset, pd.Index,
                                                                            pd.Series)):
        raise Invalid('give a list of mission acronyms, for example ["ONUSAL", "UNTAC"].')
    items = list(answer)
    if not items:
        raise Invalid('give a list of mission acronyms, for example ["ONUSAL", "UNTAC"].')
    if not all(isinstance(item, str) and item.strip() for item in items):
        raise Invalid("every item must be a mission acronym written as text, such as \"UNMIK\".")
    given = {item.strip().upper() for item in items}
    missions = mission_police_shares()
    unknown = sorted(given - set(missions.index))
    if unknown:
        raise Invalid(f"{excerpts(unknown)} is not a mission label in un_personnel_by_mission_month.")
    expected = police_heavy_missions()
    if given == expected:
        return correct(f"{', '.join(sorted(expected))} are the only missions of the required size with at "
                       "least half their uniformed person-months made up of police.")
    parts = []
    too_small = sorted(m for m in given - expected if not missions.loc[m, "kept"])
    if too_small:
        parts.append(f"{', '.join(too_small)} did not pass the size filter (at least 12 months of data and "
                     "1,000 uniformed personnel at peak); apply it before ranking.")
    below = sorted(m for m in given - expected if missions.loc[m, "kept"])
    if below:
        detail = ", ".join(f"{m} ({missions.loc[m, 'share']:.1f}%)" for m in below)
        verb = "is" if len(below) == 1 else "are"
        parts.append(f"{detail} {verb} below 50% over the mission's whole life. Add up police and total over "
                     "all months before dividing; a single month can be misleading.")
    missing = expected - given
    if missing:
        parts.append(f"{len(missing)} mission(s) that meet both conditions are missing.")
    return incorrect(" ".join(parts))


# ---------------------------------------------------------------- 3.4 kinds of support

# 3.4 (matching task) is data: the check-spec cell in exercises/solutions/03-peacekeeping-and-ssr.ipynb
# 3.5 (ordering task) is data: the check-spec cell in exercises/solutions/03-peacekeeping-and-ssr.ipynb
