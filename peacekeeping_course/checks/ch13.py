"""Checks for chapter 13's capstone exercises on the FICTIONAL Republic of Meridia.

The Meridia tables are SYNTHETIC (see `peacekeeping_course/synthetic/meridia.py`). Expected values for
the data tasks are computed from the course data files, so they stay right if the data are rewritten.
Exercises 13.4 and 13.5 are applied tasks: the checks explain each choice against the principles
taught in chapters 1-9. The final deliverable (13.6) is assessed with a rubric, not by a check.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..datasets import load
from .base import (Invalid, as_finite, complete, correct, incomplete, incorrect, match_names, near, read_names,
                   register, written_answer)

CENSUS_2025 = 8_630_000  # the population the Ministry of the Interior used (stated in the table's note)


def _indicators() -> pd.DataFrame:
    return load("fictional_meridia_indicators")


def _actors() -> pd.DataFrame:
    return load("fictional_meridia_armed_actors")


def indicator(name: str, year: int = 2035) -> float:
    frame = _indicators()
    row = frame[(frame["indicator"] == name) & (frame["year"] == year)]
    return float(row["value"].iloc[0])


def police_per_100k() -> float:
    """Police officers per 100,000 residents, with the current (2035) population."""
    return 100_000 * indicator("police officers") / indicator("population")


def monthly_incident_change() -> float:
    """Percentage change in security incidents per month, 2034 (12 months) to 2035 (6 months)."""
    per_month_2034 = indicator("security incidents recorded", 2034) / 12
    per_month_2035 = indicator("security incidents recorded", 2035) / 6
    return 100 * (per_month_2035 - per_month_2034) / per_month_2034


def outside_agreement_with_territory() -> list[str]:
    frame = _actors()
    rows = frame[frame["controls_territory"] & ~frame["signed_peace_agreement"]]
    return sorted(str(a) for a in rows["actor"])


def _number(answer, example: str) -> float:
    """A finite number from the answer; else raises `Invalid`."""
    if isinstance(answer, (bool, np.bool_)) or isinstance(answer, (list, tuple, set, dict, Mapping)):
        raise Invalid(f"give a single number, for example {example}.")
    if isinstance(answer, (pd.Series, pd.DataFrame, np.ndarray)):
        raise Invalid(f"give a single number, not a table or a column, for example {example}.")
    number = as_finite(answer)
    if number is None:
        raise Invalid(f"give a single number, for example {example}.")
    return number


# ---------------------------------------------------------------- 13.1 police per 100,000 residents

@register("13.1")
def check_police_rate(answer) -> object:
    value = _number(answer, "95.3")
    expected = police_per_100k()
    reported = indicator("police officers per 100,000 residents (as reported)")
    old_census = 100_000 * indicator("police officers") / CENSUS_2025
    if near(value, expected, 0.06):
        return correct(f"{expected:.1f} police officers per 100,000 residents, not the {reported:.1f} the "
                       "ministry reported. Its figure divides by the 2025 census population (8.63 million); "
                       "the population has grown to 9.8 million since, so coverage is lower than it looks. "
                       "Always check which denominator a published rate uses.")
    if near(value, reported, 0.001):
        return incorrect("this is the ministry's reported figure, copied from the table. Read its note: it was "
                         "computed with the 2025 census population. Recompute it from the number of police "
                         "officers and the 2035 population.")
    if near(value, old_census, 0.06):
        return incorrect("you divided by the 2025 census population (8.63 million), as the ministry did. The "
                         "exercise asks for the rate with the current population, the 'population' row for 2035.")
    if near(value * 100, expected, 0.1):
        return incorrect("this looks like a rate per 1,000 residents. Multiply by 100,000, not 1,000.")
    if near(value * 10, expected, 0.1):
        return incorrect("this looks like a rate per 10,000 residents. Multiply by 100,000 instead.")
    if near(value * 100_000, expected, 0.1):
        return incorrect("this is officers per resident. Multiply by 100,000 to get officers per 100,000 "
                         "residents.")
    if value > 0 and near(100_000 / value, expected, 0.5):
        return incorrect("the division is upside down: this is residents per officer. Divide the "
                         "number of officers by the population, then multiply by 100,000.")
    return incorrect("not quite. Divide the 2035 'police officers' value by the 2035 'population' value, "
                     "multiply by 100,000 and round to one decimal place.")


# ---------------------------------------------------------------- 13.2 incidents per month

@register("13.2")
def check_incident_change(answer) -> object:
    value = _number(answer, "-12.5 (a percentage)")
    expected = monthly_incident_change()
    total_2034 = indicator("security incidents recorded", 2034)
    total_2035 = indicator("security incidents recorded", 2035)
    raw = 100 * (total_2035 - total_2034) / total_2034
    m34, m35 = total_2034 / 12, total_2035 / 6
    reverse = 100 * (m34 - m35) / m35
    killed = 100 * ((indicator("civilians killed in security incidents", 2035) / 6)
                    - (indicator("civilians killed in security incidents", 2034) / 12)) \
        / (indicator("civilians killed in security incidents", 2034) / 12)
    if near(value, expected, 0.15):
        return correct(f"incidents rose from {m34:.1f} a month in 2034 to {m35:.1f} a month in the first half of "
                       f"2035, an increase of {expected:.1f}%. The raw totals ({total_2034:.0f} and "
                       f"{total_2035:.0f}) seem to show a fall of {abs(raw):.0f}%, but 2035 covers only six "
                       "months. The peace agreement has not yet reduced the number of incidents.")
    if near(value, raw, 0.15):
        return incorrect(f"this compares the totals ({total_2034:.0f} in 2034 with {total_2035:.0f} in 2035). Read "
                         "the note on the 2035 row: it covers January to June only. Convert both years to "
                         "incidents per month first (divide 2034 by 12 and 2035 by 6).")
    if near(value, expected / 100, 0.002):
        return incorrect("this is the change as a fraction. Multiply by 100 to give it as a percentage.")
    if near(value, m35 / m34, 0.002) or near(value, 100 * m35 / m34, 0.15):
        return incorrect("this is the ratio of the two monthly rates. The exercise asks for the percentage "
                         "change: (2035 rate - 2034 rate) / 2034 rate x 100.")
    if near(value, m35 - m34, 0.05):
        return incorrect("this is the difference in incidents per month. Divide it by the 2034 monthly rate and "
                         "multiply by 100 to turn it into a percentage change.")
    if near(value, reverse, 0.15):
        return incorrect("the change is measured from the wrong starting point. Use 2034 as the base: "
                         "(2035 rate - 2034 rate) / 2034 rate x 100.")
    if near(value, killed, 0.15):
        return incorrect("this is the change in civilians killed per month. The exercise asks about security "
                         "incidents recorded. (The contrast between the two is worth a sentence in your brief.)")
    return incorrect("not quite. Divide the 2034 total by 12 and the 2035 total by 6, then compute "
                     "(2035 rate - 2034 rate) / 2034 rate x 100.")


# ---------------------------------------------------------------- 13.3 actors outside the agreement

def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.casefold())


ACTOR_HINTS = {
    "signed": "{actor} signed the Port Seren Agreement. It is bound by the agreement, so it belongs in the DDR "
              "and SSR plan, not on the list of actors outside it.",
    "state": "{actor} is a state force: the government that commands it signed the Port Seren Agreement. It "
             "belongs in the SSR plan, not on the list of actors outside the agreement.",
    "no territory": "{actor} did not sign, but it controls no territory. It still matters for protection and "
                    "for local security arrangements, but it is not one of the groups that hold ground outside "
                    "the agreement.",
}


@register("13.3")
def check_outside_actors(answer) -> object:
    names = read_names(answer, "actor names", '["Meridian National Police"]', "an actor's name")
    frame = _actors().set_index("actor")
    actors = [str(a) for a in frame.index]
    names = match_names(names, actors, f"is not an actor in the table. The actors are: {', '.join(actors)}.",
                        key=_key)
    given = set(names)
    expected = set(outside_agreement_with_territory())
    if given == expected:
        people = int(frame.loc[sorted(expected), "estimated_personnel"].sum())
        return correct(f"{' and '.join(sorted(expected))}: about {people:,} armed people who hold territory and "
                       "are not bound by the agreement. They are potential spoilers. A mandate must protect "
                       "civilians from them and leave political room to bring them in, without making the "
                       "mission a party to the war.")
    parts = []
    for actor in sorted(given - expected):
        row = frame.loc[actor]
        if str(row["kind"]) == "state security force":
            hint = ACTOR_HINTS["state"]
        elif bool(row["signed_peace_agreement"]):
            hint = ACTOR_HINTS["signed"]
        else:
            hint = ACTOR_HINTS["no territory"]
        parts.append(hint.format(actor=actor))
    missing = sorted(expected - given)
    if missing:
        parts.append(f"Missing: {', '.join(missing)}, which control{'s' if len(missing) == 1 else ''} territory and "
                     "did not sign.")
    return incorrect("not quite. " + " ".join(parts) + " Filter the table on controls_territory == True and "
                     "signed_peace_agreement == False.")


# 13.4 (select task) is data: the check-spec cell in exercises/solutions/13-conclusion-capstone.ipynb
# 13.5 (ordering task) is data: the check-spec cell in exercises/solutions/13-conclusion-capstone.ipynb


# ---------------------------------------------------------------- 13.6 the deliverable (rubric)

DELIVERABLE_SECTIONS = ("mandate paragraph", "ssr plan", "justification", "risks and safeguards")


def _table_rows(section: str) -> int:
    """Body rows of the first Markdown table in a section (header and separator rows excluded)."""
    rows = [line for line in section.splitlines() if line.strip().startswith("|")]
    return max(0, len(rows) - 2)


# Graded by the instructor with the capstone rubric (book/instructors/capstone.md): six criteria,
# 100 points. Learners score themselves on the exercise's 24-point scale with the same criteria.
@register("13.6", rubric_points=100)
def check_deliverable(answer) -> object:
    answer = written_answer(answer, "deliverable", "## Meridia: draft mandate and SSR plan")
    text = answer.casefold()
    missing = [s for s in DELIVERABLE_SECTIONS if s not in text]
    if missing:
        return incomplete("keep the template's four headings; missing: " + ", ".join(missing) + ".")
    parts = re.split(r"(?m)^#+\s*\d\.", answer)
    sections = dict(zip(DELIVERABLE_SECTIONS, parts[1:5])) if len(parts) >= 5 else {}
    if not sections:
        return incomplete('number the headings as in the template ("### 1. Mandate paragraph", ...).')
    problems = []
    mandate = sections["mandate paragraph"].casefold()
    verbs = [v for v in ("decides", "requests") if v in mandate]
    if len(verbs) < 2 or not re.search(r"authori[sz]es", mandate):
        problems.append('the mandate should use Council language ("Decides", "Authorizes", "Requests")')
    steps = _table_rows(sections["ssr plan"])
    if not 6 <= steps <= 8:
        problems.append(f"the SSR plan table has {steps} step(s); it needs 6 to 8")
    risks = _table_rows(sections["risks and safeguards"])
    if risks < 3:
        problems.append(f"{risks} risk(s) listed; name at least three, each with a safeguard")
    justification = sections["justification"]
    if len(set(re.findall(r"\d+(?:[.,]\d+)?", justification))) < 3:
        problems.append("the justification should use at least three figures from the Meridia data")
    if "synthetic" not in justification.casefold() and "fictional" not in justification.casefold():
        problems.append("say in the justification that the Meridia data are synthetic")
    if problems:
        return incomplete("Not yet: " + "; ".join(problems) + ".")
    return complete(f"all four parts are there: a mandate in Council language, {steps} SSR steps, a "
                    f"justification with figures and {risks} risks with safeguards. This check only looks "
                    "for these ingredients; the quality of your choices is assessed with the rubric, by you, "
                    "a classmate or your instructor.")
