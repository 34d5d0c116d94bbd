"""Checks for chapter 6's exercises (AMISOM). Expected values for the data tasks are computed from
the course data, so they stay right if the tables are corrected."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..datasets import load
from .base import Invalid, as_float, as_int, correct, excerpt, incorrect, read_pair, register


def _strength() -> pd.DataFrame:
    return load("amisom_personnel_by_year").set_index("year")


def yearly_change(column: str = "total") -> pd.Series:
    """Change in year-end strength from the previous year, labelled with the later year."""
    return _strength()[column].astype(float).diff().dropna()


def largest_increase(column: str = "total") -> tuple[int, int]:
    change = yearly_change(column)
    return int(change.idxmax()), int(change.max())


def ceiling_at_year_end() -> pd.Series:
    """Ceiling in force on 31 December of each year of the strength table (NaN before the first)."""
    ceilings = load("amisom_ceilings").sort_values("adopted")
    out = {}
    for year in _strength().index:
        in_force = ceilings[ceilings["adopted"] <= pd.Timestamp(f"{year}-12-31")]
        out[int(year)] = float(in_force["ceiling"].iloc[-1]) if len(in_force) else float("nan")
    return pd.Series(out)


def share_of_ceiling(column: str = "total") -> pd.Series:
    """Year-end strength as a percentage of the ceiling in force, for years that have a ceiling."""
    strength = _strength()[column].astype(float)
    return (100 * strength / ceiling_at_year_end()).dropna()


def lowest_share() -> tuple[int, float]:
    share = share_of_ceiling()
    return int(share.idxmin()), round(float(share.min()), 1)


def _pair(answer, example: str) -> "tuple[int, float]":
    """A (year, number) pair; else raises `Invalid`."""
    return read_pair(answer, f"give a pair (year, number), for example {example}.", as_int, as_float,
                     f"the year must be a whole number and the second part a number, for example {example}.")


# ---------------------------------------------------------------- 6.1

@register("6.1")
def check_largest_increase(answer) -> object:
    pair = _pair(answer, "(2009, 1827)")
    year, value = pair
    want_year, want_change = largest_increase()
    change = yearly_change()
    if year == want_year and abs(value - want_change) < 0.5:
        return correct(f"the largest increase came in {want_year}: {want_change:,} more personnel than a "
                       "year earlier, mostly Kenyan forces already in Somalia moving to AU command.")
    if year == want_year and abs(value - largest_increase("troops")[1]) < 0.5:
        return incorrect("right year, but that is the change in troops only. Use the total column, which "
                         "adds the police.")
    pct = (100 * _strength()["total"].astype(float).pct_change()).dropna()
    if year in pct.index and abs(value - float(pct.loc[year])) <= 0.11:
        return incorrect("that looks like a percentage change. The question asks for the increase in "
                         "personnel: use diff(), not pct_change().")
    if year == int(pct.idxmax()):
        return incorrect(f"{int(pct.idxmax())} has the largest *percentage* increase, because the force "
                         "started small. The question asks for the largest increase in personnel: use "
                         "diff(), not pct_change().")
    if abs(value - want_change) < 0.5 and year == want_year - 1:
        return incorrect(f"right number, wrong year: the change from {want_year - 1} to {want_year} "
                         f"belongs to {want_year}, the year the force reached its new size.")
    if year == want_year:
        return incorrect(f"right year; now subtract the {want_year - 1} total from the {want_year} total.")
    if year in change.index and abs(value - change.loc[year]) < 0.5:
        return incorrect(f"that is the change in {year}, but it is not the largest. Sort the changes or "
                         "use idxmax() to find the biggest.")
    if year not in _strength().index:
        return incorrect("that year is not in the table, which covers 2007-2016.")
    return incorrect("not quite. Compute total.diff() and find the year with the largest value.")


# ---------------------------------------------------------------- 6.2

@register("6.2")
def check_lowest_share(answer) -> object:
    pair = _pair(answer, "(2016, 99.0)")
    year, value = pair
    want_year, want_share = lowest_share()
    share = share_of_ceiling()
    if year == want_year and abs(value - want_share) <= 0.051:
        return correct(f"{want_year}: {want_share}% of the ceiling. The Council had raised the ceiling to "
                       "12,000 on 22 December 2010, days before the year-end count, so the low share "
                       "reflects the timing of the decision more than a failure to deploy.")
    if year == want_year and abs(value * 100 - want_share) <= 0.51:
        return incorrect("right year, but that looks like a fraction. Multiply by 100 for a percentage.")
    if year == want_year and abs(value - float(share_of_ceiling("troops").loc[want_year])) <= 0.051:
        return incorrect("right year, but you divided troops only. Use the total column (troops and "
                         "police): the ceilings cover all uniformed personnel.")
    if year == want_year and abs(value - 100 * 100 / want_share) <= 0.2:
        return incorrect("right year, but the ratio is upside down: divide the strength by the ceiling.")
    if year == want_year:
        return incorrect(f"right year; check the share: total divided by the ceiling in force on 31 "
                         f"December {want_year}, times 100, rounded to one decimal place.")
    if year == int(share.drop(want_year).idxmin()):
        return incorrect(f"{year} is the lowest if you leave out {want_year}. Resolution 1964 was adopted "
                         f"on 22 December {want_year}, so its ceiling of 12,000 was in force on 31 "
                         "December: include that year.")
    if year < want_year:
        return incorrect("the ceilings table has no UN-set ceiling before December 2010. Resolution 1744 "
                         "named no troop number, and 8,000 was the AU's plan, so 2007-2009 have no share.")
    if year == int(share.idxmax()):
        return incorrect("that is the highest share, not the lowest.")
    if year in share.index and abs(value - float(share.loc[year])) <= 0.051:
        return incorrect(f"that is the share for {year}, but it is not the lowest. Compare all years "
                         "with a ceiling.")
    if year in share.index:
        return incorrect("not the lowest share. For each year, take the last resolution adopted on or "
                         "before 31 December; pd.merge_asof does this matching.")
    return incorrect("that year is not in the strength table, which covers 2007-2016.")


# 6.3 (matching task) is data: the check-spec cell in exercises/solutions/06-amisom-somalia.ipynb


# ---------------------------------------------------------------- 6.4

RATINGS = ("helped", "hindered", "mixed")
_RATING_ALIASES = {
    "helped": "helped", "help": "helped", "helps": "helped", "+": "helped", "positive": "helped",
    "hindered": "hindered", "hinder": "hindered", "hinders": "hindered", "-": "hindered",
    "negative": "hindered",
    "mixed": "mixed", "contested": "mixed", "both": "mixed", "neutral": "mixed",
}
FACTORS = ("consent", "lead_funding", "armed_opposition", "ownership", "donor_coordination", "mission_model")
_FACTOR_ALIASES = {
    "consent": "consent", "host-state consent and a peace agreement": "consent",
    "consent and peace agreement": "consent", "peace agreement": "consent", "host consent": "consent",
    "lead_funding": "lead_funding", "who leads and funds the mission": "lead_funding",
    "lead and funding": "lead_funding", "leadership and funding": "lead_funding", "funding": "lead_funding",
    "armed_opposition": "armed_opposition", "status of the armed opposition": "armed_opposition",
    "armed opposition": "armed_opposition",
    "ownership": "ownership", "national ownership": "ownership", "national_ownership": "ownership",
    "donor_coordination": "donor_coordination", "donor coordination": "donor_coordination",
    "coordination": "donor_coordination",
    "mission_model": "mission_model", "mission model": "mission_model", "model": "mission_model",
}
CASES = ("Liberia", "Somalia")

# The assessment argued in the chapter 6 reading (Liberia side from the checked facts used there and in
# chapter 5). A rating of None marks a contested cell: any rating is accepted, with the explanation.
ASSESSMENT = {
    ("consent", "Liberia"): ("helped", "the Comprehensive Peace Agreement of August 2003 ended the war "
                             "and set up the disarmament programme and rules for vetting the new army."),
    ("consent", "Somalia"): ("hindered", "the government consented, but there was no peace agreement with "
                             "al-Shabaab: AMISOM deployed into an ongoing war."),
    ("lead_funding", "Liberia"): ("helped", "a UN mission with one assessed budget (USD 518 million in "
                                  "2012/13) and UN reimbursement of contributors."),
    ("lead_funding", "Somalia"): ("hindered", "allowances from the EU, logistics from the UN and gaps filled "
                                  "bilaterally; the EU's 20% cut in 2016 and unpaid allowances in 2025 show "
                                  "how fragile this was."),
    ("armed_opposition", "Liberia"): ("helped", "the armed groups disarmed under the agreement: over 100,000 "
                                      "people went through disarmament (though fewer than 28,000 guns were "
                                      "handed in)."),
    ("armed_opposition", "Somalia"): ("hindered", "al-Shabaab stayed outside any settlement; in 2024 the "
                                      "Council still called it a serious threat."),
    ("ownership", "Liberia"): (None, "contested: Liberian institutions took over security in 2016, but a "
                               "US-funded private contractor recruited and trained the new army. Any rating "
                               "is defensible if you can argue it."),
    ("ownership", "Somalia"): ("hindered", "clan-based units, disputes between the federal government and the "
                               "member states, and pay diverted by commanders; the 2017 security agreement "
                               "came late."),
    ("donor_coordination", "Liberia"): ("helped", "a broad division of labour: the United States paid for "
                                        "the new army and UNMIL was mandated to restructure the police."),
    ("donor_coordination", "Somalia"): ("hindered", "about a dozen states and organisations trained and "
                                        "equipped units without coordinating, one of the main reasons Williams "
                                        "gives for the army's failure."),
    ("mission_model", "Liberia"): ("helped", "a multidimensional UN mission whose mandate included national "
                                   "security reform."),
    ("mission_model", "Somalia"): (None, "contested: war-fighting recovered the cities where reform could "
                                   "start, but a combat force was not built for institution-building. Any "
                                   "rating is defensible if you can argue it."),
}


def _factor_key(name) -> str | None:
    return _FACTOR_ALIASES.get(str(name).strip().lower().replace("-", " ").replace("  ", " ")) \
        or _FACTOR_ALIASES.get(str(name).strip().lower())


def _case_key(name) -> str | None:
    text = str(name).strip().lower()
    return {"liberia": "Liberia", "somalia": "Somalia"}.get(text)


@register("6.4")
def check_comparison(answer) -> object:
    example = '{"consent": {"Liberia": "helped", "Somalia": "hindered"}, ...}'
    if isinstance(answer, pd.DataFrame):
        frame = answer if set(map(str, answer.columns)) & {"Liberia", "Somalia", "liberia", "somalia"} \
            else answer.T
        answer = frame.to_dict(orient="index")
    if not isinstance(answer, Mapping):
        raise Invalid(f"give a dictionary of dictionaries, for example {example}.")
    ratings: dict[tuple[str, str], str] = {}
    for factor_name, row in answer.items():
        factor = _factor_key(factor_name)
        if factor is None:
            raise Invalid(f"{excerpt(factor_name)} is not one of the factors: {', '.join(FACTORS)}.")
        if not isinstance(row, Mapping):
            raise Invalid(f"the value for {excerpt(factor_name)} should be a dictionary such as "
                          '{"Liberia": "helped", "Somalia": "hindered"}.')
        for case_name, value in row.items():
            case = _case_key(case_name)
            if case is None:
                raise Invalid(f"{excerpt(case_name)} is not a case; use \"Liberia\" and \"Somalia\".")
            if value in (None, ""):
                continue
            rating = _RATING_ALIASES.get(str(value).strip().lower())
            if rating is None:
                raise Invalid(f"{factor} / {case}: {excerpt(value)} is not a rating; use \"helped\", "
                              "\"hindered\" or \"mixed\".")
            ratings[(factor, case)] = rating
    missing = [f"{f} ({c})" for f in FACTORS for c in CASES if (f, c) not in ratings]
    differences, contested = [], []
    for (factor, case), (expected, why) in ASSESSMENT.items():
        given = ratings.get((factor, case))
        if given is None:
            continue
        if expected is None:
            contested.append(f"{factor} ({case}): you said {given}; {why}")
        elif given != expected:
            differences.append(f"{factor} ({case}): you said {given}, the reading argues {expected}, because "
                               f"{why}")
    agreed = sum(1 for key, (expected, _) in ASSESSMENT.items()
                 if key in ratings and (expected is None or ratings[key] == expected))
    notes = " ".join(contested)
    if not differences and not missing:
        return correct(f"your ratings match the readings' assessment in all 12 cells. {notes} Now use "
                       "them in the written comparison (exercise 6.5).")
    parts = [f"{agreed} of 12 cells agree with the readings' assessment."]
    parts += differences
    if missing:
        parts.append(f"Still to rate: {', '.join(missing)}.")
    if notes:
        parts.append(notes)
    parts.append("A difference is not automatically wrong: if you can support your rating with evidence, "
                 "say so in your written comparison.")
    return incorrect(" ".join(parts))


# 6.5 (written task) is data: the check-spec cell in exercises/solutions/06-amisom-somalia.ipynb
