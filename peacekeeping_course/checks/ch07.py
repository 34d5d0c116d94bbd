"""Checks for chapter 7's exercises: an SSR needs assessment for the FICTIONAL Republic of Valdoria.

The district and oversight tables are SYNTHETIC (see `peacekeeping_course/synthetic/valdoria.py`). Expected
values are computed from the course data files, so they stay right if the data are regenerated.
"""

from __future__ import annotations

import re

import pandas as pd

from ..datasets import load
from .base import (Invalid, as_finite, correct, excerpt, incorrect, match_names, near, read_names,
                   read_numbers, register)

REGIONS = ("north", "centre", "south")
_REGION_SPELLINGS = {**{region: region for region in REGIONS}, "center": "centre"}


def _districts() -> pd.DataFrame:
    return load("fictional_valdoria_districts")


def _bodies() -> pd.DataFrame:
    return load("fictional_valdoria_oversight_bodies")


def regional_police_per_100k() -> dict[str, float]:
    """Police officers per 100,000 residents in each region: total officers / total population."""
    totals = _districts().groupby("region")[["police_officers", "population"]].sum()
    rate = 100_000 * totals["police_officers"].astype(float) / totals["population"].astype(float)
    return {region: float(rate[region]) for region in REGIONS}


def mean_of_district_rates() -> dict[str, float]:
    """The usual mistake: the simple average of the district rates in each region."""
    frame = _districts()
    rate = 100_000 * frame["police_officers"].astype(float) / frame["population"].astype(float)
    means = rate.groupby(frame["region"]).mean()
    return {region: float(means[region]) for region in REGIONS}


def resolution_rates() -> pd.Series:
    """Complaints resolved as a % of complaints received, by district; NaN where none were received."""
    frame = _districts().set_index("district")
    received = frame["complaints_received"].astype(float)
    resolved = frame["complaints_resolved"].astype(float)
    rate = 100 * resolved / received.where(received > 0)
    rate.index = rate.index.astype(str)
    return rate


def low_resolution_districts(threshold: float = 50.0) -> list[str]:
    rates = resolution_rates()
    return sorted(rates[rates < threshold].index)


def weakest_oversight_body() -> str:
    """Among the bodies meant to hold the security sector to account on the state's behalf (all but civil
    society), the one with the fewest formal powers, then the fewest reports, then the smallest budget."""
    bodies = _bodies()
    state = bodies[bodies["kind"] != "civil society"].copy()
    state["powers"] = state["legal_mandate"].astype(int) + state["can_summon_officials"].astype(int)
    state = state.sort_values(["powers", "reports_published", "annual_budget_usd"])
    return str(state.iloc[0]["body"])


# ---------------------------------------------------------------- 7.1 police per 100,000 by region

def _all_close(values: dict[str, float], expected: dict[str, float], tol: float) -> bool:
    return all(near(values[r], expected[r], tol) for r in REGIONS)


@register("7.1")
def check_regional_police_rate(answer) -> object:
    read = read_numbers(
        answer, REGIONS, _REGION_SPELLINGS, read=as_finite, missing_status="invalid",
        form='give a dictionary from region to rate, for example {"north": 90.1, "centre": 150.2, "south": 130.3}.',
        unknown="{key} is not a region; use the keys north, centre and south.",
        not_number="the value for {name} must be a number, for example 123.4.",
        missing="give a rate for every region; missing: {missing}.")
    values, _ = read
    expected = regional_police_per_100k()
    summary = ", ".join(f"{r} {expected[r]:.1f}" for r in REGIONS)
    if _all_close(values, expected, 0.051):
        return correct(f"police officers per 100,000 residents: {summary}. The centre's figure is "
                       "pulled up by the capital district, where most of its officers serve.")
    if _all_close(values, mean_of_district_rates(), 0.1):
        return incorrect("these are the averages of the district rates. A simple average gives a district "
                         "of about 40,000 people the same weight as one of over a million. Add up the officers and "
                         "the population of each region first, then divide and multiply by 100,000.")
    if _all_close({r: values[r] * 100 for r in REGIONS}, expected, 0.2):
        return incorrect("these look like rates per 1,000 residents. The exercise asks for officers per "
                         "100,000 residents: multiply by 100,000, not 1,000.")
    if _all_close({r: values[r] * 10 for r in REGIONS}, expected, 0.2):
        return incorrect("these look like rates per 10,000 residents. Multiply by 100,000 instead.")
    if _all_close({r: values[r] * 100_000 for r in REGIONS}, expected, 0.2):
        return incorrect("these are officers per resident. Multiply by 100,000 to get officers per 100,000 "
                         "residents.")
    if all(values[r] > 0 for r in REGIONS) and _all_close(
            {r: 100_000 / values[r] for r in REGIONS}, expected, 0.5):
        return incorrect("the division is upside down: these are residents per officer. Divide officers by "
                         "population, then multiply by 100,000.")
    wrong = [r for r in REGIONS if abs(values[r] - expected[r]) > 0.051]
    return incorrect(f"not quite for {', '.join(wrong)}. For each region, divide the total number of police "
                     "officers by the total population, multiply by 100,000 and round to one decimal place.")


# ---------------------------------------------------------------- 7.2 districts resolving < 50% of complaints

@register("7.2")
def check_low_resolution(answer) -> object:
    names = read_names(answer, "district names", '["Kharvell", "Brannock"]', "a district name")
    rates = resolution_rates()
    names = match_names(names, rates.index,
                        f"is not a district. The districts are: {', '.join(sorted(rates.index))}.")
    given = set(names)
    expected = set(low_resolution_districts())
    if given == expected:
        return correct(f"{len(expected)} districts resolved fewer than half of the complaints they received: "
                       f"{', '.join(sorted(expected))}, all in the north. "
                       + _undefined_note(rates))
    undefined = sorted(d for d in given if pd.isna(rates[d]))
    if undefined:
        return incorrect(f"{', '.join(undefined)} received no complaints, so its resolution rate is undefined "
                         "(0 of 0): it is neither below nor above 50%. Leave it out, and note it separately: "
                         "zero complaints in a district with low trust may mean nobody can reach the "
                         "complaints system.")
    parts = []
    missing = sorted(expected - given)
    if missing:
        parts.append("Missing: " + ", ".join(f"{d} ({rates[d]:.1f}%)" for d in missing) + ".")
    extra = sorted(given - expected)
    if extra:
        parts.append("Not below 50%: " + ", ".join(f"{d} ({rates[d]:.1f}%)" for d in extra) + ".")
        if all(rates[d] < 60 for d in extra):
            parts.append("Check the threshold: the exercise asks for rates below 50%.")
    return incorrect("not quite. " + " ".join(parts)
                     + " Compute 100 * complaints_resolved / complaints_received for each district.")


def _undefined_note(rates: pd.Series) -> str:
    undefined = sorted(rates[rates.isna()].index)
    if not undefined:
        return ""
    return (f"{', '.join(undefined)} received no complaints, so its rate is undefined, not 0%: that gap is a "
            "finding in itself.")


# ---------------------------------------------------------------- 7.3 weakest oversight body

BODY_HINTS = {
    "civil society": "civil society groups are not expected to hold a legal oversight mandate or to summon "
                     "officials; they watch, publish and advocate. This forum published {reports} reports last "
                     "year, more than most state bodies. Judge it on what it is meant to do.",
    "executive": "this is the best-funded body, with {staff} staff. It has a legal mandate and can summon officers. "
                 "Its weakness is different: it sits inside the Ministry of the Interior, so it is not independent "
                 "of the police it inspects. It is not the weakest, but keep that point for your justification.",
}


def _match_body(text: str, bodies: list[str]) -> list[str]:
    key = re.sub(r"\s+", " ", text.strip().casefold())
    exact = [b for b in bodies if b.casefold() == key]
    if exact:
        return exact
    if len(key) < 6:
        return []
    return [b for b in bodies if key in b.casefold()]


@register("7.3")
def check_weakest_body(answer) -> object:
    if not isinstance(answer, str):
        raise Invalid('give the name of one body as text, for example "National Human Rights Commission".')
    bodies = _bodies().set_index("body")
    names = [str(b) for b in bodies.index]
    matches = _match_body(answer, names)
    if not matches:
        raise Invalid(f"{excerpt(answer)} does not match a body in the table. The bodies are: {'; '.join(names)}.")
    if len(matches) > 1:
        raise Invalid(f"{excerpt(answer)} matches more than one body ({'; '.join(matches)}). Give the full name.")
    chosen = matches[0]
    row = bodies.loc[chosen]
    expected = weakest_oversight_body()
    if chosen == expected:
        return correct(f"the {chosen} has no legal mandate and cannot summon officials; it has "
                       f"{int(row['staff'])} staff, a budget of {int(row['annual_budget_usd']):,} US dollars and "
                       f"published {int(row['reports_published'])} reports. It exists mostly on paper: the "
                       "first step is a law that gives it a mandate and powers, then money and staff.")
    kind = str(row["kind"])
    if kind in BODY_HINTS:
        return incorrect(BODY_HINTS[kind].format(reports=int(row["reports_published"]), staff=int(row["staff"])))
    powers = [p for p, ok in (("a legal mandate", row["legal_mandate"]),
                              ("the power to summon officials", row["can_summon_officials"])) if ok]
    return incorrect(f"the {chosen} has {' and '.join(powers) or 'few powers'}, {int(row['staff'])} staff and "
                     f"published {int(row['reports_published'])} report(s). Look for a state body that lacks "
                     "both a legal mandate and the power to summon officials.")


# 7.4 (ordering task) is data: the check-spec cell in exercises/solutions/07-ssr-best-practices.ipynb


# 7.5 (written task) is data: the check-spec cell in exercises/solutions/07-ssr-best-practices.ipynb
