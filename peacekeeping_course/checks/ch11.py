"""Checks for chapter 11's exercises: how far missions reach (Geo-PKO) and community-engagement planning
for Lakeside, a FICTIONAL district of the FICTIONAL Republic of Valdoria.

Expected values are computed from the course data files, so they stay right if the data are re-derived.
The Lakeside table is SYNTHETIC (see `peacekeeping_course/synthetic/valdoria.py`).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from ..datasets import DATA_DIR, load
from .base import (Invalid, as_finite, as_int, complete, correct, incomplete, incorrect, length_feedback, match_names,
                   read_pair, register, sentence_problem, written_answer)

EARTH_RADIUS_KM = 6371.0


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle (haversine) distance in km between points given in degrees; works on arrays."""
    lat1, lon1, lat2, lon2 = (np.radians(np.asarray(v, dtype=float)) for v in (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a))


@lru_cache(maxsize=4)
def _load_version(name: str, modified_ns: int) -> pd.DataFrame:
    return load(name)


def _cached(name: str) -> pd.DataFrame:
    """Load a course table once per version of its file (the checks call it many times)."""
    return _load_version(name, (DATA_DIR / f"{name}.csv").stat().st_mtime_ns)


def _sites() -> pd.DataFrame:
    return _cached("geopko_locations_by_year")


def _mission_year(mission: str, year: int) -> pd.DataFrame:
    sites = _sites()
    return sites[(sites["mission"] == mission) & (sites["year"] == year)]


def _hq_rows(mission: str, year: int, min_level: int = 3) -> pd.DataFrame:
    """Headquarters rows (hq_level >= min_level) for the year; if none, those of the nearest year."""
    sites = _sites()
    rows = sites[(sites["mission"] == mission) & (sites["hq_level"] >= min_level)]
    if rows.empty or (rows["year"] == year).any():
        return rows[rows["year"] == year]
    nearest = min(rows["year"].unique(), key=lambda y: (abs(int(y) - year), int(y)))
    return rows[rows["year"] == nearest]


def km_from_hq(mission: str, year: int, min_level: int = 3) -> pd.Series:
    """Distance (km) of each location to the nearest mission headquarters (rows with hq_level >= min_level)."""
    here = _mission_year(mission, year)
    hq = _hq_rows(mission, year, min_level)
    if hq.empty:
        return pd.Series(np.nan, index=here.index)
    each = [distance_km(here["latitude"], here["longitude"], hlat, hlon)
            for hlat, hlon in zip(hq["latitude"], hq["longitude"])]
    return pd.Series(np.min(np.vstack(each), axis=0), index=here.index)


# ---------------------------------------------------------------- 11.1 locations far from HQ

EX1_MISSION, EX1_YEAR, EX1_KM = "MINUSCA", 2020, 300


def far_locations(mission=EX1_MISSION, year=EX1_YEAR, threshold=EX1_KM, **kw) -> tuple[int, int]:
    km = km_from_hq(mission, year, **kw)
    return len(km), int((km > threshold).sum())


@register("11.1")
def check_far_locations(answer) -> object:
    pair = read_pair(answer, "give a pair of whole numbers (locations, locations_far_away), for example "
                                 "(20, 9).", as_int, as_int)
    locations, far = pair
    want_locations, want_far = far_locations()
    if (locations, far) == (want_locations, want_far):
        return correct(f"MINUSCA's maps show {want_locations} locations in 2020, and {want_far} of them are "
                       "more than 300 km from the mission headquarters in Bangui, as the crow flies. By road "
                       "they are further still.")
    hints = []
    if locations != want_locations:
        other_years = {int(y): n for y, n in _sites()[_sites()["mission"] == EX1_MISSION].groupby("year").size().items()}
        if locations in other_years.values() and locations != want_locations:
            hints.append(f"{locations} locations is the count for another year; keep only year == 2020")
        elif locations == int((_sites()["year"] == EX1_YEAR).sum()):
            hints.append("that counts every mission's locations in 2020; keep only MINUSCA")
        else:
            hints.append("count the rows for MINUSCA in 2020 (one row per location)")
    if far != want_far:
        if far == far_locations(threshold=100)[1]:
            hints.append(f"{far} is the number more than 100 km away; the question asks for more than 300 km")
        elif far == far_locations(min_level=2)[1]:
            hints.append("you measured distance to the nearest place with hq_level 2 or 3; use only the mission "
                         "headquarters, hq_level == 3")
        elif far == locations - want_far or far == want_locations - want_far:
            hints.append("that is the number within 300 km; count those more than 300 km away")
        else:
            hints.append("compute each location's distance to the row with hq_level == 3 with distance_km, "
                         "then count the distances greater than 300")
    return incorrect("not quite: " + "; ".join(hints) + ".")


# ---------------------------------------------------------------- 11.2 share of troops far from HQ

EX2_MISSION, EX2_KM = "UNMIL", 100


def share_far_by_year(mission=EX2_MISSION, threshold=EX2_KM, by_locations: bool = False) -> pd.Series:
    """% of estimated troops (or of locations) more than `threshold` km from HQ, by year."""
    sites = _sites()
    out = {}
    for year in sorted(sites.loc[sites["mission"] == mission, "year"].unique()):
        here = _mission_year(mission, int(year))
        km = km_from_hq(mission, int(year))
        if km.isna().all():
            continue
        if by_locations:
            out[int(year)] = 100 * float((km > threshold).mean())
            continue
        troops = here["troops_estimate"].sum()
        if troops > 0:
            out[int(year)] = 100 * float(here.loc[km > threshold, "troops_estimate"].sum()) / float(troops)
    return pd.Series(out, dtype=float)


def highest_share() -> tuple[int, float]:
    shares = share_far_by_year()
    year = int(shares.idxmax())
    return year, round(float(shares[year]), 1)


@register("11.2")
def check_highest_share(answer) -> object:
    pair = read_pair(answer, "give a pair (year, share_percent), for example (2012, 48.5).", as_int, as_finite,
                     "the year must be a whole number and the share a number, for example (2012, 48.5).")
    year, share = pair
    want_year, want_share = highest_share()
    shares = share_far_by_year()
    if year == want_year and abs(share - want_share) <= 0.15:
        return correct(f"in {want_year} UNMIL had {want_share}% of its estimated troops more than 100 km from "
                       "Monrovia, its highest share; in most years it was about half.")
    if year == want_year and abs(share * 100 - want_share) <= 0.15:
        return incorrect("right year, but that looks like a fraction. Multiply by 100 to give a percentage.")
    by_locations = share_far_by_year(by_locations=True)
    if year in by_locations.index and abs(share - by_locations[year]) <= 0.15:
        return incorrect("that is the share of *locations* more than 100 km away. The question asks about "
                         "troops: add up troops_estimate at the far locations and divide by the year's total.")
    if year == want_year:
        return incorrect(f"right year; now compute the share for {want_year} exactly: troops more than 100 km "
                         "away divided by all estimated troops that year, times 100, rounded to one decimal.")
    if year in shares.index and abs(share - round(float(shares[year]), 1)) <= 0.15:
        return incorrect(f"that is the right share for {year}, but it is not the highest year. Compare all "
                         "years, for example with idxmax() on your yearly series or by reading your chart.")
    if year not in shares.index:
        return incorrect(f"UNMIL has no map data for {year}; its years run from {int(shares.index.min())} "
                         f"to {int(shares.index.max())}.")
    return incorrect("not quite. For each year, divide the estimated troops more than 100 km from the mission "
                     "headquarters by all estimated troops, then find the year where this share is highest.")


# ---------------------------------------------------------------- 11.3 years without maps

EX3_MISSION = "UNMOGIP"


def years_without_maps(mission: str = EX3_MISSION) -> int:
    years = _sites().loc[_sites()["mission"] == mission, "year"]
    return int(years.max() - years.min() + 1 - years.nunique())


@register("11.3")
def check_years_without_maps(answer) -> object:
    value = as_int(answer)
    if value is None:
        raise Invalid("give the number of years as a whole number, for example 7.")
    years = _sites().loc[_sites()["mission"] == EX3_MISSION, "year"]
    first, last, with_maps = int(years.min()), int(years.max()), int(years.nunique())
    want = years_without_maps()
    if value == want:
        return correct(f"UNMOGIP has maps for {with_maps} of the {last - first + 1} years from {first} to "
                       f"{last}, so {want} years have no map. Those are gaps in the maps, not years when the "
                       "mission was absent: count the gaps before you draw a line through them.")
    if value == with_maps:
        return incorrect(f"{value} is the number of years *with* maps. Subtract it from the number of years "
                         "between the first and last year.")
    if value == last - first + 1:
        return incorrect(f"{value} is the number of years from {first} to {last}. Now subtract the years that "
                         "do have maps.")
    if value == last - first - with_maps:
        return incorrect(f"off by one: from {first} to {last} there are {last - first + 1} years, not "
                         f"{last - first} (count both the first and the last year).")
    if value == years_without_maps("UNTSO"):
        return incorrect("that is UNTSO's figure. Filter the rows for UNMOGIP.")
    if value == len(years):
        return incorrect("that is the number of rows (locations) for UNMOGIP. Count distinct years instead, "
                         "for example with nunique().")
    return incorrect("not quite. Find UNMOGIP's first and last year, count the years in between (both "
                     "included), and subtract the number of distinct years that have rows.")


# ---------------------------------------------------------------- 11.4 Lakeside priorities (applied)

def _lakeside() -> pd.DataFrame:
    frame = _cached("fictional_valdoria_lakeside_communities").copy()
    frame["rate"] = 1000 * frame["security_incidents_last_year"].astype(float) / frame["population"].astype(float)
    return frame


def eligible(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    frame = _lakeside() if frame is None else frame
    ok = frame["road_access_rainy_season"].astype(bool) & frame["community_protection_committee"].astype(bool)
    return frame[ok]


def priority_communities(n: int = 3) -> list[str]:
    """Rules 1 and 2 (rainy-season road access, a protection committee), then the highest incident rate."""
    return [str(c) for c in eligible().sort_values("rate", ascending=False)["community"].head(n)]


_NAMES_FORM = 'give a list of three community names, for example ["Amarlo", "Brevenne", "Ivrenne"].'


def _names(answer) -> list[str]:
    """A list of community names from a list, tuple, set, Series, Index or DataFrame; else raises `Invalid`."""
    if isinstance(answer, pd.DataFrame):
        if "community" not in answer.columns:
            raise Invalid(_NAMES_FORM)
        answer = answer["community"]
    if isinstance(answer, (pd.Series, pd.Index)):
        answer = list(answer)
    if isinstance(answer, (set, frozenset)):
        answer = list(answer)
    if isinstance(answer, (str, bytes)) or not isinstance(answer, (list, tuple)):
        raise Invalid(_NAMES_FORM)
    if not all(isinstance(item, str) for item in answer):
        raise Invalid(_NAMES_FORM)
    return [" ".join(item.split()) for item in answer]


@register("11.4")
def check_priorities(answer) -> object:
    names = _names(answer)
    frame = _lakeside()
    communities = sorted({str(c) for c in frame["community"]})
    chosen = match_names(names, communities,
                         f"is not a Lakeside community. The communities are: {', '.join(communities)}.")
    if len(set(chosen)) != len(chosen):
        raise Invalid("each community should appear only once.")
    if len(chosen) != 3:
        raise Invalid(f"choose exactly three communities (you gave {len(chosen)}).")
    want = priority_communities()
    if set(chosen) == set(want):
        rates = frame.set_index("community")["rate"]
        detail = ", ".join(f"{c} ({rates[c]:.1f} per 1,000)" for c in want)
        return correct(f"{detail}. All three can be reached by road in the rainy season and have a protection "
                       "committee to work with. Note for your plan: all three mainly speak Olvan, Fennick Point "
                       "is not reached by the mission's radio, and women hold fewer than a quarter of the seats "
                       "on two of the three committees.")
    row = frame.set_index("community")
    problems = []
    no_road = [c for c in chosen if not bool(row.loc[c, "road_access_rainy_season"])]
    if no_road:
        problems.append(f"{' and '.join(no_road)} cannot be reached by road in the rainy season (rule 1). A high "
                        "rate there is real, but a plan that promises weekly visits the team cannot make will "
                        "fail; put it in phase 2 with another way of reaching it")
    no_committee = [c for c in chosen if not bool(row.loc[c, "community_protection_committee"])]
    if no_committee:
        problems.append(f"{' and '.join(no_committee)} has no community protection committee (rule 2), so there "
                        "is no local partner for early warning yet; helping to form one is phase 2 work")
    ok = eligible(frame)
    by_count = [str(c) for c in ok.sort_values("security_incidents_last_year", ascending=False)["community"].head(3)]
    by_count_all = [str(c) for c in frame.sort_values("security_incidents_last_year", ascending=False)["community"].head(3)]
    nearest = [str(c) for c in frame.sort_values("distance_to_un_base_km")["community"].head(3)]
    displaced = [str(c) for c in frame.sort_values("displaced_persons", ascending=False)["community"].head(3)]
    if set(chosen) in (set(by_count), set(by_count_all)):
        problems.append("you ranked by the number of incidents. Large places have more incidents simply because "
                        "more people live there; divide by population to get incidents per 1,000 residents (rule 3)")
    elif set(chosen) == set(nearest):
        problems.append("these are the three communities nearest the UN base. Distance matters for access, but "
                        "the rules rank communities by need (incidents per 1,000 residents) once they are reachable")
    elif set(chosen) == set(displaced):
        problems.append("these are the communities with the most displaced people. That is an important "
                        "vulnerability to address in your plan, but rule 3 ranks by incidents per 1,000 residents")
    if not problems:
        lower = [c for c in chosen if c not in want]
        rates = row["rate"]
        cut = min(rates[c] for c in want)
        problems.append(f"{' and '.join(lower)} meets rules 1 and 2, but its incident rate "
                        f"({', '.join(f'{rates[c]:.1f}' for c in lower)} per 1,000) is below that of the third "
                        f"priority ({cut:.1f}); rank the eligible communities by rate")
    return incorrect("not yet: " + "; ".join(problems) + ".")


# ---------------------------------------------------------------- 11.5 written engagement plan (rubric)

RUBRIC_ELEMENTS = {
    "access": ("road", "rainy", "access", "reach", "travel", "visit"),
    "language and communication": ("olvan", "velish", "tarnic", "language", "radio", "interpret"),
    "inclusion": ("women", "gender", "displaced", "youth", "young"),
    "early warning and response": ("alert", "early warning", "respond", "response", "report back", "feedback"),
    "local partners and ownership": ("committee", "local authorit", "chief", "leaders", "police", "ownership"),
}
MIN_WORDS, MAX_WORDS = 100, 280


@register("11.5", rubric_points=15)
def check_plan(answer) -> object:
    answer = written_answer(answer, "plan", "Phase 1 covers")
    text = answer.casefold()
    words = len(answer.split())
    wrong_length = length_feedback(
        words, MIN_WORDS, MAX_WORDS,
        " for an engagement plan. Aim for 150 to 250 words: which communities, why, how you will reach and talk "
        "to them, who you will include, and what happens when an alert comes in.",
        " for a one-page plan. Cut to 250 words or fewer: keep the choices, the reasons and the commitments.")
    if wrong_length:
        return wrong_length
    names = [str(c) for c in _cached("fictional_valdoria_lakeside_communities")["community"]]
    named = [c for c in names if c.casefold() in text]
    covered = [k for k, keys in RUBRIC_ELEMENTS.items() if any(key in text for key in keys)]
    missing = [k for k in RUBRIC_ELEMENTS if k not in covered]
    has_number = bool(re.search(r"\d", answer))
    problems = []
    if len(named) < 3:
        problems.append(f"it names {len(named)} Lakeside communit{'y' if len(named) == 1 else 'ies'}; name the three "
                        "you chose and say what happens to at least one community you left for later")
    if missing:
        problems.append(f"it does not yet cover: {', '.join(missing)}")
    if not has_number:
        problems.append("it cites no figure from the data (for example an incident rate or the share of women "
                        "on a committee)")
    not_sentences = sentence_problem(answer, words)
    if not_sentences:
        problems.append(not_sentences)
    if problems:
        return incomplete(f"{words} words. Not yet: " + "; ".join(problems) + ". Then score it with the rubric.")
    synthetic = "synthetic" in text or "fictional" in text
    extra = "" if synthetic else " To reach the top band, say that the Lakeside data are synthetic."
    return complete(f"{words} words, naming {', '.join(named)}, with figures and all five elements of the "
                    "rubric: the parts the task asks for are there. This check only looks for the "
                    "ingredients; it cannot judge your reasoning. Score your plan with the rubric table and "
                    "compare it with the model answer; in a class, your instructor grades it with the "
                    "rubric." + extra)
