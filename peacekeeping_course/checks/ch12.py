"""Checks for chapter 12's exercises (global partnerships). Expected values are computed from the
course data, so they stay right if the data are re-derived."""

from __future__ import annotations

import pandas as pd

from ..datasets import load
from .base import Feedback, Invalid, as_float, as_int, correct, excerpt, incorrect, near, read_pair, register


def _contributions() -> pd.DataFrame:
    return load("un_contributions_by_country_year")


def _year(year: int) -> pd.DataFrame:
    frame = _contributions()
    return frame[frame["year"] == year]


def largest_contributor(year: int = 1995, column: str = "total") -> tuple[str, int]:
    rows = _year(year)
    row = rows.loc[rows[column].idxmax()]
    return str(row["country"]), int(row[column])


def continent_share_percent(year: int, continent: str = "Africa", column: str = "total") -> float:
    rows = _year(year)
    return float(100 * rows.loc[rows["continent"] == continent, column].sum() / rows[column].sum())


def africa_share_change(first: int = 1993, last: int = 2013, column: str = "total") -> float:
    """Change in Africa's share of UN uniformed personnel, in percentage points."""
    return continent_share_percent(last, column=column) - continent_share_percent(first, column=column)


def top_share_percent(year: int = 2013, n: int = 10, column: str = "total") -> float:
    rows = _year(year)
    return float(100 * rows.nlargest(n, column)[column].sum() / rows[column].sum())


# ---------------------------------------------------------------- 12.1 the largest contributor in 1995

_COUNTRY_ALIASES = {"united states": "USA", "usa": "USA", "us": "USA", "u.s.": "USA", "u.s.a.": "USA",
                    "united states of america": "USA", "america": "USA", "the united states": "USA",
                    "uk": "GBR", "britain": "GBR", "great britain": "GBR", "russia": "RUS"}


def _iso_of(name: str) -> str | None:
    """ISO code of a country given by name, alias or code; None if it is not a contributor."""
    text = name.strip()
    frame = _contributions()
    by_name = {str(n).lower(): str(c) for n, c in zip(frame["country"], frame["iso3"])}
    codes = set(frame["iso3"].astype(str))
    key = text.lower()
    if key in by_name:
        return by_name[key]
    if key in _COUNTRY_ALIASES:
        return _COUNTRY_ALIASES[key]
    if text.upper() in codes:
        return text.upper()
    return None


@register("12.1")
def check_largest_1995(answer) -> Feedback:
    pair = read_pair(answer, 'give a pair (country, personnel), for example ("Ghana", 1061).')
    name, number = pair
    if not isinstance(name, str) or not name.strip():
        raise Invalid('the first part must be the country\'s name as text, for example "Ghana".')
    personnel = as_int(number)
    if personnel is None:
        raise Invalid("the second part must be a whole number of personnel, for example 1061.")
    iso = _iso_of(name)
    if iso is None:
        return incorrect(f"{excerpt(name.strip())} is not a country in the contributions table. Copy the name "
                         "from the country column (or use its ISO code).")
    want_country, want_people = largest_contributor(1995)
    rows = _year(1995).set_index("iso3")
    want_iso = str(_year(1995).set_index("country").loc[want_country, "iso3"])
    if iso == want_iso and personnel == want_people:
        runner_up = _year(1995).nlargest(2, "total").iloc[1]
        next_year = _year(1996).set_index("iso3")["total"]
        later = f" A year later it had {int(next_year.get(iso, 0)):,}." if iso in next_year.index else ""
        return correct(f"in December 1995 the largest contributor was {want_country}, with "
                       f"{want_people:,} uniformed personnel, ahead of {runner_up['country']} "
                       f"({int(runner_up['total']):,}).{later}")
    if iso == want_iso:
        if personnel == int(rows.loc[iso, "troops"]):
            return incorrect("right country, but that number is troops only. Use the total column, which "
                             "also counts police and experts on mission.")
        return incorrect("right country; now read its total for December 1995 exactly.")
    for year in (1994, 1996):
        if (iso, personnel) == (str(_year(year).set_index("country").loc[largest_contributor(year)[0], "iso3"]),
                                largest_contributor(year)[1]):
            return incorrect(f"that is the largest contributor in December {year}. Keep only the rows "
                             "where year == 1995.")
    all_time = _contributions().loc[_contributions()["total"].idxmax()]
    if iso == str(all_time["iso3"]) and personnel == int(all_time["total"]):
        return incorrect(f"that is the largest figure in the whole table ({int(all_time['year'])}). Filter "
                         "the rows to 1995 first.")
    if iso in rows.index and personnel == int(rows.loc[iso, "total"]):
        return incorrect(f"{rows.loc[iso, 'country']} did send {personnel:,} people in 1995, but it was "
                         "not the largest contributor. Sort the 1995 rows by total, largest first.")
    if iso not in rows.index:
        return incorrect("that country had no personnel in UN operations in December 1995. Keep the 1995 "
                         "rows and find the largest total.")
    return incorrect("not the largest contributor. Keep the rows for 1995 and find the row with the "
                     "largest total.")


# ---------------------------------------------------------------- 12.2 Africa's share, 1993 to 2013

@register("12.2")
def check_africa_change(answer) -> Feedback:
    value = as_float(answer)
    if value is None:
        raise Invalid("give one number: the change in percentage points, for example 12.3.")
    expected = africa_share_change()
    start, end = continent_share_percent(1993), continent_share_percent(2013)
    if near(value, expected, 0.051, digits=1):
        return correct(f"Africa's share rose from {start:.1f}% in 1993 to {end:.1f}% in 2013, a change of "
                       f"{expected:.1f} percentage points.")
    if near(value, -expected, 0.051, digits=1):
        return incorrect("right size, wrong sign: you subtracted 2013 from 1993. The share went up, so "
                         "the change is positive.")
    if abs(value * 100 - expected) <= 0.51:
        return incorrect("that looks like a difference of fractions. Multiply the shares by 100 first, so "
                         "that the answer is in percentage points.")
    if near(value, end, 0.051, digits=1):
        return incorrect("that is Africa's share in 2013. Subtract its share in 1993 to get the change.")
    if near(value, start, 0.051, digits=1):
        return incorrect("that is Africa's share in 1993. The question asks how much it changed by 2013.")
    if near(value, end / start, 0.051, digits=1) or near(value, end / start, 0.051):
        return incorrect("that is how many times larger the 2013 share is (a ratio). The question asks for "
                         "the difference in percentage points: 2013 share minus 1993 share.")
    if abs(value - 100 * (end / start - 1)) <= 0.51:
        return incorrect("that is the relative change in per cent. The question asks for the difference in "
                         "percentage points: subtract the 1993 share from the 2013 share.")
    if near(value, africa_share_change(1990), 0.051, digits=1):
        return incorrect("that starts from 1990. The question compares 1993 with 2013.")
    if near(value, africa_share_change(column="troops"), 0.051, digits=1):
        return incorrect("that uses troops only. Use the total column, which includes police and experts "
                         "on mission.")
    return incorrect("not quite. For each year, divide Africa's total by the total of all countries and "
                     "multiply by 100; then subtract the 1993 share from the 2013 share and round to one "
                     "decimal place.")


# ---------------------------------------------------------------- 12.3 concentration in 2013

@register("12.3")
def check_top10_share(answer) -> Feedback:
    value = as_float(answer)
    if value is None:
        raise Invalid("give one number: the share in per cent, for example 48.2.")
    expected = top_share_percent()
    if near(value, expected, 0.051, digits=1):
        return correct(f"the ten largest contributors supplied {expected:.1f}% of UN uniformed personnel in "
                       f"December 2013, against {top_share_percent(1990):.1f}% in 1990.")
    if abs(value * 100 - expected) <= 0.51:
        return incorrect("that looks like a fraction. Multiply by 100 to give a percentage.")
    if near(value, top_share_percent(1990), 0.051, digits=1):
        return incorrect("that is the share in 1990. Use the rows for 2013.")
    for n in (3, 5):
        if near(value, top_share_percent(n=n), 0.051, digits=1):
            return incorrect(f"that is the share of the {n} largest contributors. Take the 10 largest.")
    if near(value, top_share_percent(column="troops"), 0.051, digits=1):
        return incorrect("that uses troops only. Rank and add up the total column.")
    countries = len(_year(2013))
    if near(value, 100 * 10 / countries, 0.051, digits=1):
        return incorrect(f"that is the share of countries (10 of {countries}). The question asks for their "
                         "share of personnel.")
    return incorrect("not quite. Take the 2013 rows, add up the 10 largest totals, divide by the sum of all "
                     "totals, multiply by 100 and round to one decimal place.")


# 12.4 and 12.5 (matching tasks) are data: their check-spec cells in exercises/solutions/12-global-partnerships.ipynb
