"""Checks for chapter 8's exercises. Expected values are computed from the course data,
so they stay right if the data are re-derived or the hand-made table is extended."""

from __future__ import annotations

import pandas as pd

from ..datasets import load
from .base import Invalid, as_float, as_int, correct, incorrect, near, read_pair, register

EXTRACT = pd.Timestamp("2024-02-19")  # date of the UN extract behind un_peacekeeping_operations


def _dated_operations() -> pd.DataFrame:
    ops = load("un_peacekeeping_operations").dropna(subset=["start_date"]).copy()
    ops["end_or_extract"] = ops["end_date"].fillna(EXTRACT)
    ops["years"] = (ops["end_or_extract"] - ops["start_date"]).dt.days / 365.25
    return ops


def starts_per_decade() -> pd.Series:
    ops = _dated_operations()
    return ops.groupby(ops["start_date"].dt.year // 10 * 10).size()


def busiest_decade() -> tuple[int, int]:
    per_decade = starts_per_decade()
    return int(per_decade.idxmax()), int(per_decade.max())


def median_years(ended_only: bool = True, statistic: str = "median", unit_days: float = 365.25) -> float:
    ops = _dated_operations()
    if ended_only:
        ops = ops[ops["end_date"].notna()]
    days = (ops["end_or_extract"] - ops["start_date"]).dt.days
    values = days / unit_days
    return float(values.median() if statistic == "median" else values.mean())


def legal_join() -> pd.DataFrame:
    legal = load("legal_basis_of_mandates")
    return legal.merge(_dated_operations(), left_on="mission", right_on="acronym", how="inner")


def medians_by_legal_basis(column: str = "chapter_vii", ended_only: bool = False,
                           statistic: str = "median") -> tuple[float, float]:
    """(value for rows where `column` is False, value where it is True), in years."""
    joined = legal_join()
    if ended_only:
        joined = joined[joined["end_date"].notna()]
    groups = joined.groupby(joined[column].astype(bool))["years"]
    values = groups.median() if statistic == "median" else groups.mean()
    return float(values.get(False, float("nan"))), float(values.get(True, float("nan")))


# ---------------------------------------------------------------- 8.1

def _decade(value) -> int | None:
    if isinstance(value, str):
        value = value.strip().lower().rstrip("s").strip()
    number = as_int(value)
    return number


@register("8.1")
def check_busiest_decade(answer) -> object:
    pair = read_pair(answer, "give a pair of two values, for example (1960, 6).", _decade, as_int,
                     "give the decade as its first year (for example 1960 or \"1960s\") and the count as a whole "
                     "number.")
    decade, count = pair
    if decade % 10:
        raise Invalid(f"{decade} is not the first year of a decade. Write the decade as 1960, 1970, ... "
                      "(the year divided by 10, rounded down, times 10).")
    want_decade, want_count = busiest_decade()
    per_decade = starts_per_decade()
    if (decade, count) == (want_decade, want_count):
        others = int(per_decade.sum()) - want_count
        comparison = (f", more than in all the other decades together ({others})" if want_count > others
                      else "")
        return correct(f"{want_count} operations in the list started in the {want_decade}s{comparison}.")
    if decade == want_decade:
        ops = _dated_operations()
        era_count = int(ops["start_date"].dt.year.between(1989, 1999).sum())
        if count == era_count:
            return incorrect(f"{count} is the number that started from 1989 to 1999 (the lesson's era). "
                             f"The question asks for the calendar decade {want_decade}-{want_decade + 9}.")
        ended_decades = ops["end_date"].dropna().dt.year // 10 * 10
        if count == int((ended_decades == decade).sum()):
            return incorrect("that is the number of operations that *ended* in that decade. Group by the "
                             "year of start_date instead.")
        if count == len(load("un_peacekeeping_operations")):
            return incorrect("that is the number of rows in the whole table. Count only the operations "
                             "whose start_date falls in that decade.")
        return incorrect(f"right decade; now count again the operations whose start_date falls in "
                         f"{decade}-{decade + 9}.")
    if decade in per_decade.index and count == int(per_decade.loc[decade]):
        return incorrect(f"the {decade}s had {count} starts, but another decade had more. Use idxmax() "
                         "or sort the counts.")
    return incorrect("not quite. Take the decade of each start_date (year // 10 * 10), count the rows in "
                     "each decade with groupby(...).size(), and find the largest.")


# ---------------------------------------------------------------- 8.2

@register("8.2")
def check_median_duration(answer) -> object:
    value = as_float(answer)
    if value is None:
        raise Invalid("give a number of years, for example 3.7.")
    expected = median_years()
    if abs(value - expected) <= 0.06 or abs(value - round(expected, 1)) <= 0.051:
        return correct(f"the median ended operation lasted {expected:.1f} years: half of the operations "
                       "that have ended were over within that time.")
    if abs(value - median_years(ended_only=False)) <= 0.06:
        return incorrect("that includes the active operations, counted up to the extract date. The "
                         "question asks only about operations that have ended (both dates present).")
    if abs(value - median_years(statistic="mean")) <= 0.06:
        return incorrect("that is the mean. A few very long operations pull the mean up; the question "
                         "asks for the median.")
    if abs(value - median_years(unit_days=1)) <= 1:
        return incorrect("that looks like days. Divide the number of days by 365.25 to get years.")
    if abs(value - median_years(unit_days=365.25 / 12)) <= 0.2:
        return incorrect("that looks like months. The question asks for years.")
    if abs(value - median_years(ended_only=False, statistic="mean")) <= 0.06:
        return incorrect("that is the mean over all operations, including active ones. Use only ended "
                         "operations, and the median.")
    return incorrect("not quite. Keep rows with both start_date and end_date, compute "
                     "(end_date - start_date).dt.days / 365.25, take the median and round to one decimal.")


# ---------------------------------------------------------------- 8.3

@register("8.3")
def check_legal_basis_medians(answer) -> object:
    pair = read_pair(answer, "give a pair of two values, for example (20.5, 8.0).", as_float, as_float,
                     "both values must be numbers of years, for example (20.5, 8.0).")
    first, second = pair
    without, with_vii = medians_by_legal_basis()
    if near(first, without, 0.15) and near(second, with_vii, 0.15):
        joined = legal_join()
        older = joined[~joined["chapter_vii"].astype(bool)]
        return correct(f"median {without:.1f} years without Chapter VII against {with_vii:.1f} with it. "
                       f"But the {len(older)} operations without Chapter VII were all founded by "
                       f"{older['adopted'].max().year}: the difference reflects era and time elapsed as much "
                       "as legal basis.")
    if near(first, with_vii, 0.15) and near(second, without, 0.15):
        return incorrect("the two values are swapped. Give the median for operations founded without "
                         "Chapter VII first, then with Chapter VII.")
    ended = medians_by_legal_basis(ended_only=True)
    if near(first, ended[0], 0.15) and near(second, ended[1], 0.15):
        return incorrect("you kept only operations that have ended. Count active operations up to "
                         "19 February 2024, as the exercise says.")
    means = medians_by_legal_basis(statistic="mean")
    if near(first, means[0], 0.15) and near(second, means[1], 0.15):
        return incorrect("those are means. Use the median of each group.")
    force = medians_by_legal_basis(column="all_necessary_means")
    if near(first, force[0], 0.15) and near(second, force[1], 0.15):
        return incorrect("you grouped by all_necessary_means. The question groups by chapter_vii: UNMIL "
                         "was founded under Chapter VII without an express force clause.")
    return incorrect("not quite. Merge the two tables (left_on=\"mission\", right_on=\"acronym\"), fill "
                     "missing end dates with 2024-02-19, compute years, then take the median by "
                     "chapter_vii.")


# 8.4 (classification task) is data: the check-spec cell in exercises/solutions/08-legal-frameworks.ipynb
# 8.5 (classification task) is data: the check-spec cell in exercises/solutions/08-legal-frameworks.ipynb
