"""SYNTHETIC data for a FICTIONAL district: Lakeside, in the FICTIONAL Republic of Valdoria (chapter 11).

Valdoria does not exist (chapter 7 uses the same invented country). Lakeside district, its twelve
communities, their languages and every number produced here were invented by this script for a
community-engagement planning exercise; none of it describes a real place, group or person.

The table is generated deterministically (``numpy.random.default_rng`` with a fixed seed) from a
hand-written profile of each community, so that the variation means something. A few features are
deliberate teaching material, not errors:

- the largest town has the most security incidents but, for its size, one of the lowest incident
  rates, so ranking by raw counts and ranking by incidents per 1,000 residents give different answers;
- the community with the highest incident rate cannot be reached by road in the rainy season;
- another high-risk community has no community protection committee, so there is no local partner
  for early warning yet (its ``women_in_committee_percent`` is empty, not zero);
- the community with the most displaced people is not the one with the highest incident rate;
- some communities are not reached by the mission's radio, and three invented languages are spoken.

``population`` counts everyone living in the community, including the displaced people counted in
``displaced_persons``. The data are valid: displaced people never exceed the population, percentages
lie between 0 and 100, and the women's share is empty exactly where there is no committee.

    from peacekeeping_course import synthetic_ch11
    synthetic_ch11.valdoria_lakeside_communities()   # 12 communities
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SEED = 1111

COLUMNS = [
    "community", "population", "displaced_persons", "distance_to_un_base_km", "road_access_rainy_season",
    "security_incidents_last_year", "community_protection_committee", "women_in_committee_percent",
    "radio_coverage", "main_language",
]

# community, population, displaced people, road distance to the nearest UN base (km),
# road access in the rainy season, security incidents last year, protection committee,
# women on the committee (%; None if no committee), mission radio coverage, main language
_PROFILES = [
    ("Amarlo",        4200,  350, 12, True,   9, True,  40,   True,  "Velish"),
    ("Brevenne",     23500, 2100,  6, True,  41, True,  25,   True,  "Velish"),
    ("Caddow Reach",  2600,  900, 58, False, 26, True,  10,   False, "Tarnic"),
    ("Dulmarsh",      3100, 1400, 34, True,  23, False, None, True,  "Tarnic"),
    ("Essenvale",     5800,  600, 27, True,  31, True,  35,   True,  "Olvan"),
    ("Fennick Point", 1900,  150, 41, True,  12, True,  15,   False, "Olvan"),
    ("Gorrowby",      9400, 5600, 18, True,  30, True,  45,   True,  "Velish"),
    ("Hallis Ford",   2200,   80, 71, False, 17, False, None, False, "Tarnic"),
    ("Ivrenne",       6700,  300,  9, True,   8, True,  30,   True,  "Velish"),
    ("Jessop Shoals", 3600,  700, 49, True,  17, True,  20,   True,  "Olvan"),
    ("Kelloway",      4900,  200, 22, False, 22, True,  50,   True,  "Tarnic"),
    ("Lossamere",     1400,   40,  4, True,   2, False, None, True,  "Velish"),
]


def valdoria_lakeside_communities() -> pd.DataFrame:
    """SYNTHETIC profile of the 12 communities of Lakeside district in the FICTIONAL Republic of
    Valdoria. Deterministic: the same call always returns the same table."""
    rng = np.random.default_rng(SEED)
    rows = []
    for (name, pop, displaced, km, road, incidents, committee, women, radio, language) in _PROFILES:
        population = int(round(pop * rng.normal(1, 0.02), -1))
        displaced_people = min(population, int(round(displaced * rng.normal(1, 0.03))))
        distance = round(float(km + rng.normal(0, 0.8)), 1)
        women_share = float(np.clip(round(women + rng.normal(0, 1.5), 1), 0, 100)) if committee else np.nan
        rows.append({
            "community": name,
            "population": population,
            "displaced_persons": displaced_people,
            "distance_to_un_base_km": max(0.5, distance),
            "road_access_rainy_season": road,
            "security_incidents_last_year": incidents,
            "community_protection_committee": committee,
            "women_in_committee_percent": women_share,
            "radio_coverage": radio,
            "main_language": language,
        })
    frame = pd.DataFrame(rows, columns=COLUMNS)
    _check(frame)
    return frame


def _check(frame: pd.DataFrame) -> None:
    assert 10 <= len(frame) <= 14 and frame["community"].is_unique
    assert (frame["displaced_persons"] <= frame["population"]).all()
    assert (frame["displaced_persons"] >= 0).all() and (frame["distance_to_un_base_km"] > 0).all()
    women = frame["women_in_committee_percent"]
    assert women.isna().equals(~frame["community_protection_committee"])
    assert women.dropna().between(0, 100).all()
    # The teaching features described in the module docstring.
    rate = 1000 * frame["security_incidents_last_year"] / frame["population"]
    by_rate = frame.assign(rate=rate).sort_values("rate", ascending=False)
    assert not by_rate.iloc[0]["road_access_rainy_season"]
    assert frame.loc[frame["security_incidents_last_year"].idxmax(), "community"] == "Brevenne"
    assert frame.loc[frame["displaced_persons"].idxmax(), "community"] != by_rate.iloc[0]["community"]
