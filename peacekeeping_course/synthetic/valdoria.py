"""SYNTHETIC data for the FICTIONAL Republic of Valdoria: an SSR needs assessment (chapter 7) and
community-engagement planning in its Lakeside district (chapter 11).

Valdoria does not exist. Every district, community, language, institution and number produced here
was invented by this script for teaching; none of it describes a real place, group, body or person.

The random tables are generated deterministically (``numpy.random.default_rng`` with a fixed seed per
table) from a hand-written profile of each district or community, so that the variation means
something. A few features are deliberate teaching material, not errors.

**Districts and oversight bodies (chapter 7).** The north has low trust in the police, few women
officers, long court backlogs and many people held before trial; the capital district concentrates
police officers; the centre and south sit in between.

- one remote northern district received no complaints at all, so its resolution rate is undefined
  (0 of 0), which says more about access to the complaints system than about police conduct;
- one small island district has so few complaints that its resolution rate is 100% and swings with
  every case;
- the best-funded oversight body is an internal executive inspectorate, not an independent one.

The data are valid: complaints resolved never exceed complaints received, women officers never exceed
officers, and percentages lie between 0 and 100.

**Lakeside district (chapter 11)**, its twelve communities and their languages:

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

    from peacekeeping_course.synthetic import valdoria
    valdoria.valdoria_districts()              # 14 districts
    valdoria.valdoria_oversight_bodies()       # 7 oversight bodies
    valdoria.valdoria_lakeside_communities()   # 12 communities of Lakeside district
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# ---------------------------------------------------------------- districts and oversight (chapter 7)

DISTRICTS_SEED = 7007

# name, region, population (thousands), police per 100,000, women officers (% of police),
# trust in police (%), trust in army (%), complaints per 100,000, complaints resolved (%),
# pre-trial detainees per 100,000, criminal cases waiting > 1 year per 100,000,
# residents per police station (thousands)
_DISTRICT_PROFILES = [
    ("Kharvell",    "north",   312,  96,  3.0, 24, 47, 41, 27, 205, 610, 44),
    ("Dravenmoor",  "north",   186,  88,  5.0, 21, 52, 33, 22, 231, 655, 47),
    ("Vellmark",    "north",   241, 104,  2.8, 29, 44, 46, 31, 188, 540, 40),
    ("Brannock",    "north",    97,  82,  4.2, 19, 55, 28, 18, 246, 690, 48),
    ("Quarrow",     "north",    54,  74,  3.6, 17, 58,  0,  0, 262, 720, 54),
    ("Port Aurel",  "centre", 1146, 262, 14.2, 46, 51, 72, 74, 168, 210, 22),
    ("Selvane",     "centre",  418, 151, 10.1, 49, 49, 58, 69, 121, 180, 26),
    ("Mirrowfield", "centre",  362, 142, 11.0, 52, 47, 51, 71, 112, 165, 27),
    ("Ferrowin",    "centre",  214, 137, 13.5, 44, 50, 47, 63, 131, 230, 29),
    ("Lissary",     "centre",  158, 129, 12.4, 41, 53, 44, 58, 139, 255, 30),
    ("Saltmere",    "south",   281, 146, 13.9, 55, 46, 55, 66, 102, 190, 25),
    ("Corvell",     "south",   193, 139, 10.8, 58, 44, 49, 72,  96, 170, 26),
    ("Ambrine",     "south",   139, 133, 14.2, 51, 48, 43, 61, 118, 205, 28),
    ("Tarrin Isle", "south",    38, 168, 11.0, 61, 42, 24, 100, 88, 140, 19),
]

# body, kind, legal mandate, annual budget (USD), staff, reports published, can summon officials
_OVERSIGHT_BODIES = [
    ("Parliamentary Committee on Defence and Security", "parliamentary", True, 415_000, 9, 3, True),
    ("Judicial Inspectorate of Places of Detention", "judicial", True, 610_000, 24, 4, True),
    ("Police Inspectorate-General (Ministry of the Interior)", "executive", True, 1_260_000, 86, 2, True),
    ("National Human Rights Commission", "independent", True, 880_000, 41, 6, True),
    ("Auditor-General: Security Sector Audit Unit", "independent", True, 305_000, 12, 1, True),
    ("Police Complaints Authority", "independent", False, 95_000, 5, 0, False),
    ("Valdorian Civil Society Security Forum", "civil society", False, 140_000, 8, 5, False),
]


def valdoria_districts() -> pd.DataFrame:
    """SYNTHETIC security and justice indicators for the 14 districts of the FICTIONAL Republic of
    Valdoria. Deterministic: the same call always returns the same table."""
    rng = np.random.default_rng(DISTRICTS_SEED)
    rows = []
    for (name, region, pop_k, police_rate, women_pct, trust_p, trust_a, compl_rate, resolved_pct,
         pretrial_rate, backlog_rate, per_station_k) in _DISTRICT_PROFILES:
        population = int(round(pop_k * 1000 * rng.normal(1, 0.01), -2))

        def per_capita(rate: float, spread: float = 0.04) -> int:
            return max(0, int(round(population / 100_000 * rate * rng.normal(1, spread))))

        officers = per_capita(police_rate)
        women = int(round(officers * women_pct / 100 * rng.normal(1, 0.05)))
        stations = max(1, int(round(population / (per_station_k * 1000))))
        received = per_capita(compl_rate, 0.06) if compl_rate else 0
        if resolved_pct >= 100:
            resolved = received
        else:
            resolved = int(round(received * min(0.99, resolved_pct / 100 * rng.normal(1, 0.04))))
        trust_police = float(np.clip(round(trust_p + rng.normal(0, 1.5), 1), 0, 100))
        trust_army = float(np.clip(round(trust_a + rng.normal(0, 1.5), 1), 0, 100))
        rows.append({
            "district": name,
            "region": region,
            "population": population,
            "police_officers": officers,
            "police_stations": stations,
            "women_police_officers": min(women, officers),
            "trust_police_percent": trust_police,
            "trust_army_percent": trust_army,
            "complaints_received": received,
            "complaints_resolved": min(resolved, received),
            "pretrial_detainees": per_capita(pretrial_rate),
            "court_backlog_cases": per_capita(backlog_rate),
        })
    frame = pd.DataFrame(rows)
    _check_districts(frame)
    return frame


def valdoria_oversight_bodies() -> pd.DataFrame:
    """SYNTHETIC table of the bodies that oversee the security sector of the FICTIONAL Republic of
    Valdoria. None of these institutions exists."""
    frame = pd.DataFrame(_OVERSIGHT_BODIES, columns=[
        "body", "kind", "legal_mandate", "annual_budget_usd", "staff", "reports_published",
        "can_summon_officials"])
    kinds = {"parliamentary", "judicial", "executive", "independent", "civil society"}
    assert set(frame["kind"]) <= kinds and frame["body"].is_unique
    return frame


def _check_districts(frame: pd.DataFrame) -> None:
    assert frame["district"].is_unique
    assert set(frame["region"]) == {"north", "centre", "south"}
    assert (frame["complaints_resolved"] <= frame["complaints_received"]).all()
    assert (frame["women_police_officers"] <= frame["police_officers"]).all()
    for col in ("trust_police_percent", "trust_army_percent"):
        assert frame[col].between(0, 100).all()


# ---------------------------------------------------------------- Lakeside district (chapter 11)

LAKESIDE_SEED = 1111

LAKESIDE_COLUMNS = [
    "community", "population", "displaced_persons", "distance_to_un_base_km", "road_access_rainy_season",
    "security_incidents_last_year", "community_protection_committee", "women_in_committee_percent",
    "radio_coverage", "main_language",
]

# community, population, displaced people, road distance to the nearest UN base (km),
# road access in the rainy season, security incidents last year, protection committee,
# women on the committee (%; None if no committee), mission radio coverage, main language
_LAKESIDE_PROFILES = [
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
    rng = np.random.default_rng(LAKESIDE_SEED)
    rows = []
    for (name, pop, displaced, km, road, incidents, committee, women, radio, language) in _LAKESIDE_PROFILES:
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
    frame = pd.DataFrame(rows, columns=LAKESIDE_COLUMNS)
    _check_lakeside(frame)
    return frame


def _check_lakeside(frame: pd.DataFrame) -> None:
    assert 10 <= len(frame) <= 14 and frame["community"].is_unique
    assert (frame["displaced_persons"] <= frame["population"]).all()
    assert (frame["displaced_persons"] >= 0).all() and (frame["distance_to_un_base_km"] > 0).all()
    women = frame["women_in_committee_percent"]
    assert women.isna().equals(~frame["community_protection_committee"])
    assert women.dropna().between(0, 100).all()
    # The teaching features described in the module docstring (chapter 11).
    rate = 1000 * frame["security_incidents_last_year"] / frame["population"]
    by_rate = frame.assign(rate=rate).sort_values("rate", ascending=False)
    assert not by_rate.iloc[0]["road_access_rainy_season"]
    assert frame.loc[frame["security_incidents_last_year"].idxmax(), "community"] == "Brevenne"
    assert frame.loc[frame["displaced_persons"].idxmax(), "community"] != by_rate.iloc[0]["community"]
