"""Checks for chapter 12's exercises (global partnerships). Expected values are computed from the
course data, so they stay right if the data are re-derived."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from ..datasets import load
from .base import Feedback, as_float, as_int, correct, excerpt, excerpts, incorrect, invalid, near, read_pair, register


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
    ex = "12.1"
    pair = read_pair(ex, answer, 'give a pair (country, personnel), for example ("Ghana", 1061).')
    if isinstance(pair, Feedback):
        return pair
    name, number = pair
    if not isinstance(name, str) or not name.strip():
        return invalid(ex, 'the first part must be the country\'s name as text, for example "Ghana".')
    personnel = as_int(number)
    if personnel is None:
        return invalid(ex, "the second part must be a whole number of personnel, for example 1061.")
    iso = _iso_of(name)
    if iso is None:
        return incorrect(ex, f"{excerpt(name.strip())} is not a country in the contributions table. Copy the name "
                             "from the country column (or use its ISO code).")
    want_country, want_people = largest_contributor(1995)
    rows = _year(1995).set_index("iso3")
    want_iso = str(_year(1995).set_index("country").loc[want_country, "iso3"])
    if iso == want_iso and personnel == want_people:
        runner_up = _year(1995).nlargest(2, "total").iloc[1]
        next_year = _year(1996).set_index("iso3")["total"]
        later = f" A year later it had {int(next_year.get(iso, 0)):,}." if iso in next_year.index else ""
        return correct(ex, f"in December 1995 the largest contributor was {want_country}, with "
                           f"{want_people:,} uniformed personnel, ahead of {runner_up['country']} "
                           f"({int(runner_up['total']):,}).{later}")
    if iso == want_iso:
        if personnel == int(rows.loc[iso, "troops"]):
            return incorrect(ex, "right country, but that number is troops only. Use the total column, which "
                                 "also counts police and experts on mission.")
        return incorrect(ex, "right country; now read its total for December 1995 exactly.")
    for year in (1994, 1996):
        if (iso, personnel) == (str(_year(year).set_index("country").loc[largest_contributor(year)[0], "iso3"]),
                                largest_contributor(year)[1]):
            return incorrect(ex, f"that is the largest contributor in December {year}. Keep only the rows "
                                 "where year == 1995.")
    all_time = _contributions().loc[_contributions()["total"].idxmax()]
    if iso == str(all_time["iso3"]) and personnel == int(all_time["total"]):
        return incorrect(ex, f"that is the largest figure in the whole table ({int(all_time['year'])}). Filter "
                             "the rows to 1995 first.")
    if iso in rows.index and personnel == int(rows.loc[iso, "total"]):
        return incorrect(ex, f"{rows.loc[iso, 'country']} did send {personnel:,} people in 1995, but it was "
                             "not the largest contributor. Sort the 1995 rows by total, largest first.")
    if iso not in rows.index:
        return incorrect(ex, "that country had no personnel in UN operations in December 1995. Keep the 1995 "
                             "rows and find the largest total.")
    return incorrect(ex, "not the largest contributor. Keep the rows for 1995 and find the row with the "
                         "largest total.")


# ---------------------------------------------------------------- 12.2 Africa's share, 1993 to 2013

@register("12.2")
def check_africa_change(answer) -> Feedback:
    ex = "12.2"
    value = as_float(answer)
    if value is None:
        return invalid(ex, "give one number: the change in percentage points, for example 12.3.")
    expected = africa_share_change()
    start, end = continent_share_percent(1993), continent_share_percent(2013)
    if near(value, expected, 0.051, digits=1):
        return correct(ex, f"Africa's share rose from {start:.1f}% in 1993 to {end:.1f}% in 2013, a change of "
                           f"{expected:.1f} percentage points.")
    if near(value, -expected, 0.051, digits=1):
        return incorrect(ex, "right size, wrong sign: you subtracted 2013 from 1993. The share went up, so "
                             "the change is positive.")
    if abs(value * 100 - expected) <= 0.51:
        return incorrect(ex, "that looks like a difference of fractions. Multiply the shares by 100 first, so "
                             "that the answer is in percentage points.")
    if near(value, end, 0.051, digits=1):
        return incorrect(ex, "that is Africa's share in 2013. Subtract its share in 1993 to get the change.")
    if near(value, start, 0.051, digits=1):
        return incorrect(ex, "that is Africa's share in 1993. The question asks how much it changed by 2013.")
    if near(value, end / start, 0.051, digits=1) or near(value, end / start, 0.051):
        return incorrect(ex, "that is how many times larger the 2013 share is (a ratio). The question asks for "
                             "the difference in percentage points: 2013 share minus 1993 share.")
    if abs(value - 100 * (end / start - 1)) <= 0.51:
        return incorrect(ex, "that is the relative change in per cent. The question asks for the difference in "
                             "percentage points: subtract the 1993 share from the 2013 share.")
    if near(value, africa_share_change(1990), 0.051, digits=1):
        return incorrect(ex, "that starts from 1990. The question compares 1993 with 2013.")
    if near(value, africa_share_change(column="troops"), 0.051, digits=1):
        return incorrect(ex, "that uses troops only. Use the total column, which includes police and experts "
                             "on mission.")
    return incorrect(ex, "not quite. For each year, divide Africa's total by the total of all countries and "
                         "multiply by 100; then subtract the 1993 share from the 2013 share and round to one "
                         "decimal place.")


# ---------------------------------------------------------------- 12.3 concentration in 2013

@register("12.3")
def check_top10_share(answer) -> Feedback:
    ex = "12.3"
    value = as_float(answer)
    if value is None:
        return invalid(ex, "give one number: the share in per cent, for example 48.2.")
    expected = top_share_percent()
    if near(value, expected, 0.051, digits=1):
        return correct(ex, f"the ten largest contributors supplied {expected:.1f}% of UN uniformed personnel in "
                           f"December 2013, against {top_share_percent(1990):.1f}% in 1990.")
    if abs(value * 100 - expected) <= 0.51:
        return incorrect(ex, "that looks like a fraction. Multiply by 100 to give a percentage.")
    if near(value, top_share_percent(1990), 0.051, digits=1):
        return incorrect(ex, "that is the share in 1990. Use the rows for 2013.")
    for n in (3, 5):
        if near(value, top_share_percent(n=n), 0.051, digits=1):
            return incorrect(ex, f"that is the share of the {n} largest contributors. Take the 10 largest.")
    if near(value, top_share_percent(column="troops"), 0.051, digits=1):
        return incorrect(ex, "that uses troops only. Rank and add up the total column.")
    countries = len(_year(2013))
    if near(value, 100 * 10 / countries, 0.051, digits=1):
        return incorrect(ex, f"that is the share of countries (10 of {countries}). The question asks for their "
                             "share of personnel.")
    return incorrect(ex, "not quite. Take the 2013 rows, add up the 10 largest totals, divide by the sum of all "
                         "totals, multiply by 100 and round to one decimal place.")


# ---------------------------------------------------------------- matching tasks (12.4, 12.5)

def _read_matching(ex: str, answer, keys: Sequence[str], parse, example: str, item: str = "question"):
    """Read {key: choice}; returns (choices by key, missing keys) or an invalid Feedback."""
    if not isinstance(answer, Mapping):
        return invalid(ex, f"give a dictionary, for example {example}.")
    given = {str(k).strip().upper(): v for k, v in answer.items()}
    unknown = [k for k in given if k not in keys]
    if unknown:
        return invalid(ex, f"there is no {item} {excerpts(unknown)}; the {item}s are {keys[0]} to {keys[-1]}.")
    chosen, missing = {}, []
    for key in keys:
        value = given.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            missing.append(key)
            continue
        label = parse(value)
        if label is None:
            return invalid(ex, f"{item} {key}: {excerpt(value)} is not one of the allowed answers.")
        chosen[key] = label
    return chosen, missing


def _letter(options: Mapping[str, str]):
    def parse(value):
        if not isinstance(value, str):
            return None
        letter = value.strip().lower().strip("()").strip()
        return letter if letter in options else None
    return parse


HARMONISATION = {
    "A": ("b", "the two tables spell the country differently (\"United States\" and \"United States of "
               "America\"), so a join on names finds no match; the ISO code USA is the same in both."),
    "B": ("a", "IPI's continent label \"South America\" stands for Latin America and the Caribbean as a "
               "whole, so Mexico, Central America and the Caribbean are included."),
    "C": ("d", "the region column (UN M49 sub-regions) separates the Caribbean, Central America and South "
               "America; group them under a label that says what they are and explain it in the caption."),
    "D": ("c", "agreement shows that nothing was lost in processing, but both tables come from the same UN "
               "reports, so it cannot show that the UN's counts are right."),
}
HARMONISATION_OPTIONS = {
    "A": {"a": "the United States had no personnel in UN operations that year",
          "b": "the two tables spell the name differently",
          "c": "the contributions table leaves out permanent members of the Security Council",
          "d": "pandas cannot join tables on text columns"},
    "B": {"a": "IPI's label covers Latin America and the Caribbean",
          "b": "a data-entry error for Mexico alone",
          "c": "Mexico's troops served in South American missions",
          "d": "the UN M49 classification puts Mexico in South America"},
    "C": {"a": "keep the continent column and its label as they are",
          "b": "drop Mexico and the Caribbean countries",
          "c": "retype the country names by hand",
          "d": "build the groups from the region column and say how in the caption"},
    "D": {"a": "both tables are certainly correct",
          "b": "one of the two tables is redundant and can be deleted",
          "c": "nothing was lost in processing, but a shared source cannot prove the counts",
          "d": "the UN checked IPI's work"},
}


@register("12.4")
def check_harmonisation(answer) -> Feedback:
    ex = "12.4"
    keys = list(HARMONISATION)
    letters = {"a": "", "b": "", "c": "", "d": ""}
    parsed = _read_matching(ex, answer, keys, _letter(letters), '{"A": "a", "B": "c", ...}')
    if isinstance(parsed, Feedback):
        return parsed
    chosen, missing = parsed
    wrong = [k for k, letter in chosen.items() if letter != HARMONISATION[k][0]]
    if not wrong and not missing:
        return correct(ex, "all four diagnoses are right. " + " ".join(
            f"{k}: {why}" for k, (_, why) in HARMONISATION.items()))
    parts = [f"{k} is not ({chosen[k]}) \"{HARMONISATION_OPTIONS[k][chosen[k]]}\": {HARMONISATION[k][1]}"
             for k in wrong]
    if missing:
        parts.append(f"Still to answer: {', '.join(missing)}.")
    right = len(keys) - len(wrong) - len(missing)
    return incorrect(ex, f"{right} of {len(keys)} right. " + " ".join(parts))


MECHANISMS = ("2719", "epf", "tpp", "1353", "bridging", "elsie")
_MECHANISM_ALIASES = {
    "2719": "2719", "resolution 2719": "2719", "res 2719": "2719", "res. 2719": "2719", "unscr 2719": "2719",
    "epf": "epf", "european peace facility": "epf", "the european peace facility": "epf",
    "tpp": "tpp", "triangular partnership programme": "tpp", "triangular partnership program": "tpp",
    "triangular partnership project": "tpp",
    "1353": "1353", "resolution 1353": "1353", "res 1353": "1353", "res. 1353": "1353",
    "tcc meeting": "1353", "tcc meetings": "1353", "tcc consultation": "1353", "consultation": "1353",
    "triangular cooperation": "1353",
    "bridging": "bridging", "bridging operation": "bridging", "bridging force": "bridging",
    "elsie": "elsie", "elsie initiative": "elsie", "elsie fund": "elsie", "elsie initiative fund": "elsie",
}
PARTNERSHIP_SCENARIOS = {
    "A": ("2719", "predictable money for a Council-authorised AU-led operation is what resolution 2719 is "
                  "for: UN assessed funding, case by case, up to 75 per cent of the budget."),
    "B": ("tpp", "training contributors' engineers on heavy equipment, with a donor providing instructors, is "
                 "how the Triangular Partnership Programme began in Nairobi in 2015."),
    "C": ("1353", "contributors left out of a mandate change is the triangular-cooperation problem; resolution "
                  "1353 set out formats, including private meetings, for consulting them."),
    "D": ("bridging", "a short, Council-authorised force holding a town until a UN mission reinforces is a "
                      "bridging operation, like the EU's Operation Artemis in Bunia in 2003."),
    "E": ("elsie", "money to help a contributing country deploy trained women is what the Elsie Initiative "
                   "Fund provides."),
    "F": ("epf", "the EU treaties bar military spending from the EU budget; the off-budget European Peace "
                 "Facility exists to pay for such support."),
}


def _mechanism(value):
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    return _MECHANISM_ALIASES.get(str(value).strip().lower())


@register("12.5")
def check_partnership_mechanisms(answer) -> Feedback:
    ex = "12.5"
    keys = list(PARTNERSHIP_SCENARIOS)
    parsed = _read_matching(ex, answer, keys, _mechanism, '{"A": "2719", "B": "tpp", ...}', item="scenario")
    if isinstance(parsed, Feedback):
        if parsed.message.startswith("scenario"):
            return invalid(ex, parsed.message.rstrip(".") + f" ({', '.join(MECHANISMS)}).")
        return parsed
    chosen, missing = parsed
    wrong = [k for k, label in chosen.items() if label != PARTNERSHIP_SCENARIOS[k][0]]
    if not wrong and not missing:
        return correct(ex, "all six problems are matched to the mechanism designed for them.")
    parts = [f"{k} is not {chosen[k]}: {PARTNERSHIP_SCENARIOS[k][1]}" for k in wrong]
    if missing:
        parts.append(f"Still to answer: {', '.join(missing)}.")
    right = len(keys) - len(wrong) - len(missing)
    return incorrect(ex, f"{right} of {len(keys)} right. " + " ".join(parts))
