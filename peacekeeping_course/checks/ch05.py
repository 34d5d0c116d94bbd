"""Checks for chapter 5's exercises (UNMIL). Expected values for the data tasks are computed
from the course data, so they stay right if the data are re-derived. The disarmament figures in
exercise 5.4 are published figures, not course data; their sources are given beside them."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import pandas as pd

from ..datasets import load
from .base import (Invalid, as_float, as_int, as_text, check_choice, correct, excerpt, excerpts, incorrect, read_pair,
                   register)

# ---------------------------------------------------------------- course data helpers


def _unmil() -> pd.DataFrame:
    frame = load("un_personnel_by_mission_month")
    return frame[frame["mission"] == "UNMIL"].set_index("date")


def peak_month() -> tuple[int, int, int]:
    """(year, month, total) of UNMIL's largest month-end uniformed strength."""
    unmil = _unmil()
    when = unmil["total"].idxmax()
    return int(when.year), int(when.month), int(unmil["total"].max())


def top_police_contributor(day: str = "2014-02-28") -> tuple[str, int]:
    frame = load("unmil_contributors_by_month")
    rows = frame[frame["date"] == pd.Timestamp(day)]
    top = rows.loc[rows["police"].idxmax()]
    return str(top["contributor"]), int(top["police"])


def map_summary(year: int = 2006, month: int = 3) -> tuple[int, int]:
    """(locations, sum of estimated troops) on the UNMIL deployment map of that month."""
    frame = load("unmil_deployment_locations")
    rows = frame[(frame["year"] == year) & (frame["month"] == month)]
    return len(rows), int(rows["troops_estimate"].sum())


# ---------------------------------------------------------------- 5.1 peak month

_PEAK_FORM = "give (year, month, personnel) as whole numbers, for example (2010, 4, 9345)."


def _year_month_total(answer) -> tuple[int, int, int]:
    """Accept (year, month, total) or (date, total) with a date such as '2005-12' or a Timestamp; else
    raise `Invalid`."""
    if isinstance(answer, (str, bytes)) or not isinstance(answer, Sequence):
        raise Invalid(_PEAK_FORM)
    if len(answer) == 3:
        parts = [as_int(p) for p in answer]
        if None in parts or not 1000 <= parts[0] <= 9999:  # a year of four digits (16112 is a total)
            raise Invalid(_PEAK_FORM)
        return tuple(parts)
    if len(answer) == 2:
        when, total = answer[0], as_int(answer[1])
        if total is None:
            raise Invalid(_PEAK_FORM)
        if isinstance(when, str):
            text = when.strip()
            if not any(sep in text for sep in "-/ "):  # a year alone is not a month
                raise Invalid(_PEAK_FORM)
        elif not isinstance(when, (pd.Timestamp, datetime.date)):
            raise Invalid(_PEAK_FORM)
        try:
            stamp = pd.Timestamp(when)
        except (ValueError, TypeError, OverflowError):
            raise Invalid(_PEAK_FORM) from None
        if pd.isna(stamp):
            raise Invalid(_PEAK_FORM)
        return int(stamp.year), int(stamp.month), total
    raise Invalid(_PEAK_FORM)


@register("5.1")
def check_peak(answer) -> object:
    year, month, total = _year_month_total(answer)
    want_year, want_month, want_total = peak_month()
    unmil = _unmil()
    if (year, month, total) == (want_year, want_month, want_total):
        return correct(f"UNMIL peaked at {want_total:,} uniformed personnel at the end of "
                       f"{pd.Timestamp(year=want_year, month=want_month, day=1):%B %Y}.")
    stamp = pd.Timestamp(year=year, month=month if 1 <= month <= 12 else 1, day=1) + pd.offsets.MonthEnd(0)
    troops_that_month = int(unmil.loc[stamp, "troops"]) if stamp in unmil.index else None
    if total == int(unmil["troops"].max()) or total == troops_that_month:
        return incorrect("that is the peak of troops only. The question asks for all uniformed personnel: "
                         "use the total column, which adds police and military observers.")
    if total in (15000, 15250, 16115, 16365):
        return incorrect("that is an authorised ceiling, not a deployed strength. Read the total column "
                         "of the monthly data.")
    if not 1 <= month <= 12:
        raise Invalid("the month must be a number from 1 to 12.")
    in_2007 = unmil.loc["2007", "total"]
    if year == 2007 and total == int(in_2007.max()):
        return incorrect("that is the largest figure in 2007, the year a 2016 speech gave for the peak. "
                         "Look at the whole series: the peak came earlier.")
    if (year, month) == (want_year, want_month):
        return incorrect("right month; now read the total for that month exactly.")
    if total == want_total:
        return incorrect("right number, wrong month: use idxmax() to find the date of the largest total.")
    if stamp in unmil.index and total == int(unmil.loc[stamp, "total"]):
        return incorrect(f"{stamp:%B %Y} is not the peak. Find the month with the largest total, for "
                         "example with idxmax().")
    if stamp not in unmil.index:
        return incorrect("that month is not in UNMIL's data, which run from September 2003 to March 2017.")
    return incorrect("not the peak. Find the row with the largest value in the total column.")


# ---------------------------------------------------------------- 5.2 police contributor

@register("5.2")
def check_police_contributor(answer) -> object:
    if isinstance(answer, str) and answer.strip():
        raise Invalid('give a pair (country, police), for example ("Ghana", 27): the number is needed too.')
    pair = read_pair(answer, 'give a pair (country, police), for example ("Ghana", 27).', as_text, as_int)
    country, number = pair
    want_country, want_number = top_police_contributor()
    frame = load("unmil_contributors_by_month")
    feb = frame[frame["date"] == pd.Timestamp("2014-02-28")].set_index("contributor")
    named = {c.lower(): c for c in feb.index}
    key = named.get(country.lower())
    if key == want_country and number == want_number:
        return correct(f"{want_country} sent {want_number} police at the end of February 2014, more than "
                       "any other country.")
    if key == want_country:
        if number == int(feb.loc[key, "total"]):
            return incorrect(f"right country, but {number} is {key}'s total, including troops and experts. "
                             "Use the police column.")
        return incorrect(f"right country; now read {key}'s police figure for February 2014 exactly.")
    if key is None:
        return incorrect(f"{excerpt(country)} did not contribute to UNMIL in February 2014 (check the spelling "
                         "against the contributor column).")
    largest_total = feb["total"].idxmax()
    if key == largest_total:
        return incorrect(f"{key} was the largest contributor overall, mostly troops. The question asks "
                         "about police: sort by the police column.")
    top3 = feb.nlargest(3, "police").index.tolist()
    if key in top3:
        return incorrect(f"close: {key} was among the three largest police contributors that month, but "
                         "not the largest.")
    return incorrect("not the largest police contributor. Keep the rows for 2014-02-28 and sort them by "
                     "the police column.")


# ---------------------------------------------------------------- 5.3 one map

@register("5.3")
def check_map(answer) -> object:
    pair = read_pair(answer, "give a pair (locations, estimated_troops), for example (30, 12000).", as_int, as_int,
                     "both parts must be whole numbers, for example (30, 12000).")
    count, troops = pair
    want_count, want_troops = map_summary()
    if (count, troops) == (want_count, want_troops):
        return correct(f"the March 2006 map shows {want_count} locations with about {want_troops:,} "
                       "estimated troops. That is more than the UN's head count, because map symbols "
                       "assume units at full strength.")
    frame = load("unmil_deployment_locations")
    year_rows = frame[frame["year"] == 2006]
    unmil = _unmil()
    head_count = int(unmil.loc["2006-03-31", "troops"])
    if count == len(year_rows) or troops == int(year_rows["troops_estimate"].sum()):
        return incorrect("that adds up every map of 2006. Keep only the map of March 2006 "
                         "(year == 2006 and month == 3).")
    march = frame[(frame["year"] == 2006) & (frame["month"] == 3)]
    inside = march[~march["county"].isin(["Western", "Bas-Sassandra"])]
    if (count, troops) == (len(inside), int(inside["troops_estimate"].sum())):
        return incorrect("you left out the two locations coded outside Liberia (Freetown and Webo). "
                         "The question asks for every location shown on the map.")
    if troops == head_count:
        return incorrect(f"{head_count:,} is the UN head count of troops for March 2006, from the monthly "
                         "data. The question asks for Geo-PKO's estimate: sum troops_estimate on the map.")
    if count == want_count:
        return incorrect("right number of locations; now sum troops_estimate over the same rows.")
    if troops == want_troops:
        return incorrect("right troop estimate; now count the rows (locations) on that map.")
    return incorrect("not quite. Filter the rows with year == 2006 and month == 3, count them, and sum "
                     "their troops_estimate.")


# ---------------------------------------------------------------- 5.4 people per weapon

# Published figures (not course data):
PEOPLE_COMMISSION = 103018   # national DDRR commission, via Ebo (2005), DCAF
PEOPLE_PKSOI = 101449        # US Army PKSOI, SOLLIMS Sampler (May 2017)
WEAPONS_COMMISSION = 27000   # national DDRR commission, via Ebo (2005), DCAF
WEAPONS_PAES = 28000         # Paes (2005): "fewer than 28,000 guns"
WEAPONS_PKSOI = 61918        # PKSOI; probably not firearms only
PLANNED = 38000              # planning estimate, IRIN (29 October 2003)


@register("5.4")
def check_people_per_weapon(answer) -> object:
    value = as_float(answer)
    if value is None:
        raise Invalid("give a number rounded to one decimal place, for example 2.5.")
    expected = PEOPLE_COMMISSION / WEAPONS_COMMISSION
    if abs(value - round(expected, 1)) <= 0.051:
        return correct(f"about {expected:.1f} people per weapon: only about one participant in four brought "
                       "a gun. The article's '100,000' counts people, not weapons.")
    if abs(value - WEAPONS_COMMISSION / PEOPLE_COMMISSION) <= 0.011 or abs(value - 0.3) < 1e-9:
        return incorrect("that is weapons per person, the ratio upside down. Divide people by weapons.")
    if abs(value - 100 * WEAPONS_COMMISSION / PEOPLE_COMMISSION) <= 0.1:
        return incorrect("that is the percentage of participants who brought a weapon. The question asks "
                         "for people per weapon.")
    if abs(value - round(PEOPLE_PKSOI / WEAPONS_PAES, 1)) <= 0.051:
        return incorrect("that uses PKSOI's count of people and Paes's 28,000 guns. The reasoning is right, "
                         "but the question asks for the national commission's pair of figures.")
    if min(abs(value - PEOPLE_COMMISSION / WEAPONS_PKSOI), abs(value - PEOPLE_PKSOI / WEAPONS_PKSOI)) <= 0.06:
        return incorrect("that uses the PKSOI figure of 61,918 'weapons', which is more than twice every "
                         "other count and probably includes more than firearms. Use the commission's 27,000.")
    if abs(value - PLANNED / WEAPONS_COMMISSION) <= 0.051:
        return incorrect("that divides the planning estimate of combatants by the weapons. Use the number "
                         "of people actually disarmed.")
    if abs(value - PEOPLE_COMMISSION / PLANNED) <= 0.051:
        return incorrect("that compares the caseload with the plan (people disarmed / people expected). "
                         "Divide people by weapons instead.")
    return incorrect("not quite. Divide the people disarmed (103,018) by the weapons collected (27,000) "
                     "and round to one decimal place.")


# ---------------------------------------------------------------- 5.5 evaluate the claim

CLAIM_OPTIONS = {
    "a": (False, "no source supports 100,000 weapons. Some weapons may have gone to Côte d'Ivoire, where "
                 "compensation was thought to be higher; that lowers Liberia's count, it does not raise it."),
    "b": (False, "ammunition is counted separately (about 6.2 to 6.5 million rounds); rounds are not weapons, "
                 "and no source adds them to the weapons count."),
    "c": (True, "more than 100,000 people (103,018 or 101,449) went through the programme, but only about "
                "27,000 to 28,000 weapons were handed in: the article turned a count of people into a count "
                "of weapons."),
    "d": (False, "61,918 is below 100,000 in any case, and it is more than twice every other count, so it "
                 "probably includes more than firearms. Two independent sources give 27,000 to 28,000."),
}


@register("5.5")
def check_claim(answer) -> object:
    return check_choice(answer, CLAIM_OPTIONS, strip="().")


# ---------------------------------------------------------------- 5.6 sequence

# Dates as given in the reading and the course timeline (data/liberia_timeline.csv).
SEQUENCE_EVENTS = {
    "A": ("2016-06-30", "the security transition"),
    "B": ("2003-09-19", "resolution 1509"),
    "C": ("2004-04-15", "the restart of disarmament"),
    "D": ("2005-11-08", "Sirleaf's runoff victory"),
    "E": ("2018-03-30", "the end of UNMIL's mandate"),
    "F": ("2003-08-18", "the Accra peace agreement"),
    "G": ("2015-05-09", "WHO's first Ebola-free declaration"),
    "H": ("2018-01-22", "Weah's inauguration"),
}
SEQUENCE_HINTS = {
    ("B", "F"): "the peace agreement came first (18 August 2003); the Council built UNMIL on it a month later.",
    ("E", "A"): "the security transition (30 June 2016) came long before the mission closed; a small force "
                "stayed until March 2018.",
    ("E", "H"): "Weah was sworn in (22 January 2018) while UNMIL was still there; the mission closed two "
                "months later.",
    ("D", "C"): "disarmament restarted in April 2004, well before the 2005 elections.",
    ("A", "G"): "WHO's first Ebola-free declaration (May 2015) came more than a year before the security "
                "transition of June 2016.",
    ("H", "A"): "the security transition (June 2016) came before the 2017 elections and Weah's inauguration "
                "in January 2018.",
    ("G", "D"): "the 2005 elections came long before the Ebola epidemic of 2014-2015.",
}


def expected_sequence() -> list[str]:
    return sorted(SEQUENCE_EVENTS, key=lambda k: SEQUENCE_EVENTS[k][0])


@register("5.6")
def check_sequence(answer) -> object:
    if isinstance(answer, str):
        letters = [ch for ch in answer.upper() if ch.isalpha()]
    elif isinstance(answer, Sequence) and not isinstance(answer, bytes):
        if not all(isinstance(item, str) for item in answer):
            raise Invalid('give the letters as text, for example ["F", "B", ...] or "FB...".')
        letters = [item.strip().upper().strip("().") for item in answer]
    else:
        raise Invalid('give the eight letters in order, as a list such as ["A", "B", ...] or a text such '
                      'as "ABCDEFGH".')
    unknown = [x for x in letters if x not in SEQUENCE_EVENTS]
    if unknown:
        raise Invalid(f"there is no event {excerpts(sorted(set(unknown)))}; the events are A to H.")
    if len(letters) != len(set(letters)):
        raise Invalid("each letter should appear once.")
    missing = [x for x in SEQUENCE_EVENTS if x not in letters]
    if missing:
        raise Invalid(f"put all eight events in order; missing: {', '.join(missing)}.")
    want = expected_sequence()
    if letters == want:
        return correct("right order: " + " → ".join(f"{k} ({SEQUENCE_EVENTS[k][0][:4]})" for k in want) + ".")
    place = {k: i for i, k in enumerate(letters)}
    hints = [text for (later, earlier), text in SEQUENCE_HINTS.items() if place[later] < place[earlier]]
    in_place = sum(a == b for a, b in zip(letters, want))
    message = f"{in_place} of 8 in the right position."
    if hints:
        message += " For example: " + hints[0]
    else:
        first = next(i for i, (a, b) in enumerate(zip(letters, want)) if a != b)
        message += (f" Position {first + 1} should be {want[first]} ({SEQUENCE_EVENTS[want[first]][1]}, "
                    f"{SEQUENCE_EVENTS[want[first]][0]}).")
    return incorrect(message)
