"""Checks for chapter 2's exercises. Expected values for the data tasks are computed from the course
data, so they stay right if the data are re-derived."""

from __future__ import annotations

import re

import pandas as pd

from ..datasets import load
from .base import Invalid, as_float, as_text, correct, excerpt, incorrect, read_numbers, read_pair, register

# ---------------------------------------------------------------- shared helpers

PERSONNEL_TYPES = ("troops", "formed police units", "individual police", "experts on mission")
_TYPE_ALIASES = {
    "troops": "troops", "troop": "troops", "military contingents": "troops", "contingents": "troops",
    "formed police units": "formed police units", "formed police unit": "formed police units",
    "fpu": "formed police units", "fpus": "formed police units",
    "individual police": "individual police", "individual police officers": "individual police",
    "individual police officer": "individual police", "ipo": "individual police", "ipos": "individual police",
    "experts on mission": "experts on mission", "expert on mission": "experts on mission",
    "experts": "experts on mission", "military observers": "experts on mission",
}


def _norm(text: object) -> str:
    """Lower-case text with hyphens, underscores and repeated spaces turned into single spaces."""
    return re.sub(r"[\s_\-]+", " ", str(text)).strip().lower()


def _by_sex() -> pd.DataFrame:
    return load("un_personnel_by_sex_mission_month")


def _last_month(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["date"] == frame["date"].max()]


def _share(female, total) -> float:
    return 100 * float(female) / float(total)


def overall_share_last_month() -> float:
    rows = _last_month(_by_sex())
    return _share(rows["female"].sum(), rows["total"].sum())


def shares_by_type(month: str = "last") -> dict[str, float]:
    frame = _by_sex()
    rows = _last_month(frame) if month == "last" else frame[frame["date"] == frame["date"].min()]
    sums = rows.groupby("personnel_type")[["female", "total"]].sum()
    return {kind: _share(sums.loc[kind, "female"], sums.loc[kind, "total"]) for kind in PERSONNEL_TYPES}


def mission_shares_last_month(min_size: int = 0) -> pd.Series:
    sums = _last_month(_by_sex()).groupby("mission")[["female", "total"]].sum()
    sums = sums[sums["total"] >= max(min_size, 1)]
    return (100 * sums["female"].astype(float) / sums["total"].astype(float)).sort_values()


# 2.1 (matching task) is data: the check-spec cell in exercises/solutions/02-understanding-ssr.ipynb


# ---------------------------------------------------------------- 2.2 overall share

@register("2.2")
def check_overall_share(answer) -> object:
    value = as_float(answer)
    if value is None:
        raise Invalid("give a number: the share of women as a percentage, for example 4.2.")
    expected = overall_share_last_month()
    if abs(value - round(expected, 1)) <= 0.051:
        return correct(f"women were {expected:.1f}% of all UN uniformed personnel in February 2014.")
    if abs(value * 100 - expected) <= 0.51:
        return incorrect("that looks like a fraction. Multiply by 100 to give a percentage.")
    if abs(value - (100 - expected)) <= 0.1:
        return incorrect("that is the share of men. Divide the number of women by the total.")
    frame = _by_sex()
    last = _last_month(frame)
    women, total = float(last["female"].sum()), float(last["total"].sum())
    if abs(value - 100 * women / (total - women)) <= 0.051:
        return incorrect("that divides women by men. A share divides women by everyone (the total column).")
    first = frame[frame["date"] == frame["date"].min()]
    if abs(value - _share(first["female"].sum(), first["total"].sum())) <= 0.051:
        return incorrect("that is November 2009, the first month in the table. Use the last month, "
                         "February 2014.")
    if abs(value - _share(frame["female"].sum(), frame["total"].sum())) <= 0.051:
        return incorrect("that adds up all 52 months. Keep only the rows for the last month, February 2014.")
    if abs(value - float(mission_shares_last_month().mean())) <= 0.051:
        return incorrect("that averages the missions' shares, so a mission of 15 people counts as much as "
                         "one of 20,000. Add up women and totals over all missions first, then divide.")
    if abs(value - shares_by_type()["individual police"]) <= 0.051:
        return incorrect("that is individual police only. The question asks about all uniformed personnel.")
    return incorrect("not quite. Keep the rows for February 2014, add up the female and total columns, "
                     "divide, multiply by 100 and round to one decimal place.")


# ---------------------------------------------------------------- 2.3 shares by type

@register("2.3")
def check_shares_by_type(answer) -> object:
    read = read_numbers(
        answer, PERSONNEL_TYPES, _TYPE_ALIASES, norm=_norm,
        form='give a dictionary from personnel type to share, for example {"troops": 2.0, "formed police units": '
             '5.0, "individual police": 10.0, "experts on mission": 3.0}.',
        unknown=f"{{key}} is not a personnel type. Use: {', '.join(PERSONNEL_TYPES)}.",
        not_number="the value for {name} must be a number (a percentage such as 4.2).",
        missing="give a share for all four types; missing: {missing}.")
    given, _ = read
    expected = shares_by_type()
    wrong = [k for k in PERSONNEL_TYPES if abs(given[k] - round(expected[k], 1)) > 0.051]
    if not wrong:
        return correct("troops {troops:.1f}%, formed police units {formed police units:.1f}%, individual police "
                       "{individual police:.1f}%, experts on mission {experts on mission:.1f}%. Individual police "
                       "had by far the highest share of women.".format_map(expected))
    if all(abs(given[k] * 100 - expected[k]) <= 0.51 for k in PERSONNEL_TYPES):
        return incorrect("those look like fractions. Multiply by 100 to give percentages.")
    last = _last_month(_by_sex()).groupby("personnel_type")[["female", "total"]].sum()
    if all(abs(given[k] - float(last.loc[k, "female"])) < 0.5 for k in PERSONNEL_TYPES):
        return incorrect("those are numbers of women, not shares. Divide each by the total of that type.")
    of_all_women = {k: 100 * float(last.loc[k, "female"]) / float(last["female"].sum()) for k in PERSONNEL_TYPES}
    if all(abs(given[k] - of_all_women[k]) <= 0.1 for k in PERSONNEL_TYPES):
        return incorrect("those show how all women are spread over the four types (they add up to 100). "
                         "The question asks for the share of women *within* each type: women of that type "
                         "divided by all personnel of that type.")
    first = shares_by_type("first")
    if all(abs(given[k] - round(first[k], 1)) <= 0.051 for k in PERSONNEL_TYPES):
        return incorrect("those are for November 2009, the first month. Use February 2014, the last month.")
    notes = [f"{k}: {given[k]} is not right" for k in wrong]
    return incorrect(f"{len(PERSONNEL_TYPES) - len(wrong)} of 4 right. " + "; ".join(notes) +
                     ". For each type, add up women and totals over all missions in February 2014, then divide.")


# ---------------------------------------------------------------- 2.4 lowest and highest mission

@register("2.4")
def check_lowest_highest(answer) -> object:
    pair = read_pair(answer, 'give a pair of mission acronyms (lowest, highest), for example ("UNMIL", "UNIFIL").',
                     as_text, as_text, 'both parts must be mission acronyms as text, for example ("UNMIL", "UNIFIL").')
    low, high = (name.upper() for name in pair)
    shares = mission_shares_last_month()
    known = set(shares.index) | set(_by_sex()["mission"])
    for name in (low, high):
        if name not in known:
            raise Invalid(f"{excerpt(name, quote=False)} is not a mission in the table. Use the acronyms in "
                          "the mission column.")
    large = mission_shares_last_month(1000)
    want_low, want_high = large.idxmin(), large.idxmax()
    sizes = _last_month(_by_sex()).groupby("mission")["total"].sum()
    if (low, high) == (want_low, want_high):
        return correct(f"among missions with at least 1,000 uniformed personnel, {want_low} had the lowest "
                       f"share of women ({large.min():.1f}%) and {want_high} the highest ({large.max():.1f}%).")
    if (low, high) == (want_high, want_low):
        return incorrect("the two are the right missions but in the wrong order: give (lowest, highest).")
    notes = []
    for name, role, want in ((low, "lowest", want_low), (high, "highest", want_high)):
        if name == want:
            continue
        size = int(sizes.get(name, 0))
        if name not in sizes.index or size == 0:
            notes.append(f"{name} had no uniformed personnel in February 2014.")
        elif size < 1000:
            notes.append(f"{name} had only {size:,} uniformed personnel in February 2014, below the 1,000 "
                         "threshold; small missions give unstable shares.")
        else:
            counts = _last_month(_by_sex()).groupby("mission")["female"].sum()
            by_count = counts[sizes >= 1000]
            if role == "highest" and name == by_count.idxmax():
                notes.append(f"{name} had the most women in number, but the question asks about the share.")
            elif role == "lowest" and name == by_count.idxmin():
                notes.append(f"{name} had the fewest women in number, but the question asks about the share.")
            else:
                notes.append(f"{name} had {large[name]:.1f}%, which is not the {role} share among large missions.")
    return incorrect(" ".join(notes) + " Keep February 2014, add up women and totals by mission, keep "
                                           "missions with at least 1,000, then compare the shares.")


# 2.5 (matching task) is data: the check-spec cell in exercises/solutions/02-understanding-ssr.ipynb
