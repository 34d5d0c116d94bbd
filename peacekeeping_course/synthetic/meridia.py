"""SYNTHETIC data for the FICTIONAL Republic of Meridia, the scenario of the chapter 13 capstone.

Meridia does not exist. Its regions, armed groups, institutions, peace agreement and every number
below were written for this course as a training scenario; none of it describes a real country,
group, body or person. The timeline (2031-2035) is fictional too.

The scenario: after a civil war between the government and the Meridian Liberation Front, the parties
signed the (fictional) Port Seren Agreement in 2034. A splinter group and a pro-government militia
stayed outside it. The government has asked the United Nations for a peace operation, and learners
design its mandate and a plan for security sector reform.

The tables are hand-written and deterministic (no random numbers). A few features are deliberate
teaching material, not errors:

- the 2035 rows for security incidents and civilians killed cover January to June only, so they must
  not be compared with full years without converting them to a monthly rate;
- the reported number of police officers per 100,000 residents was computed with the 2025 census
  population, not the current one, so it overstates police coverage;
- the figures for the state security forces count people on the payroll; the figures for non-state
  groups are estimates.

In the armed-actors table, `signed_peace_agreement` is True for the state security forces because the
government that commands them signed the agreement.

    from peacekeeping_course.synthetic import meridia
    meridia.meridia_indicators()     # 29 indicator-year rows
    meridia.meridia_armed_actors()   # 8 armed and security actors
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..paths import DATA_DIR

KINDS = ("state security force", "armed opposition", "militia", "community defence group", "private security")

JAN_JUN = "January to June only (first half of the year)"

# indicator, value, unit, year, note
_INDICATORS = [
    ("population", 9_800_000, "persons", 2035,
     "Projection from the 2025 census, which counted 8.63 million people"),
    ("internally displaced people", 420_000, "persons", 2033, ""),
    ("internally displaced people", 465_000, "persons", 2034, ""),
    ("internally displaced people", 390_000, "persons", 2035, "As of 30 June"),
    ("security incidents recorded", 410, "incidents", 2031, ""),
    ("security incidents recorded", 760, "incidents", 2032, ""),
    ("security incidents recorded", 1_120, "incidents", 2033, ""),
    ("security incidents recorded", 980, "incidents", 2034, "Port Seren Agreement signed in November"),
    ("security incidents recorded", 540, "incidents", 2035, JAN_JUN),
    ("civilians killed in security incidents", 290, "persons", 2031, ""),
    ("civilians killed in security incidents", 640, "persons", 2032, ""),
    ("civilians killed in security incidents", 1_050, "persons", 2033, ""),
    ("civilians killed in security incidents", 720, "persons", 2034, ""),
    ("civilians killed in security incidents", 150, "persons", 2035, JAN_JUN),
    ("police officers", 9_020, "persons", 2035, "Officers on the payroll of the Meridian National Police"),
    ("police officers per 100,000 residents (as reported)", 104.5, "officers per 100,000 residents", 2035,
     "Ministry of the Interior figure, computed with the 2025 census population of 8.63 million"),
    ("women among police officers", 7.5, "percent", 2035, ""),
    ("women among armed forces personnel", 3.2, "percent", 2035, ""),
    ("trust in the police", 31.0, "percent of survey respondents", 2033, "National survey, 2,400 respondents"),
    ("trust in the police", 27.0, "percent of survey respondents", 2035, "National survey, 2,400 respondents"),
    ("trust in the armed forces", 48.0, "percent of survey respondents", 2035, "National survey, 2,400 respondents"),
    ("security budget: defence", 310.0, "million US dollars", 2035, "Approved budget"),
    ("security budget: police", 95.0, "million US dollars", 2035, "Approved budget"),
    ("security budget: justice, prisons and oversight bodies", 15.0, "million US dollars", 2035,
     "Approved budget; includes the courts, the prison service and the parliamentary security committee"),
    ("pre-trial detainees among prisoners", 68.0, "percent", 2035, ""),
    ("combatants expected to enter DDR", 16_000, "persons", 2035,
     "Declared by the armed group that signed the Port Seren Agreement; not yet verified"),
    ("months until the scheduled national elections", 14, "months", 2035,
     "Elections set by the Port Seren Agreement"),
    ("women among the negotiators of the peace agreement", 10.0, "percent", 2034, "3 of 30 negotiators"),
    ("population living in areas held by armed groups outside the agreement", 11.0, "percent", 2035,
     "Estimate by the humanitarian country team"),
]

# actor, kind, estimated personnel, signed peace agreement, controls territory,
# credible abuse reports, under civilian oversight
_ARMED_ACTORS = [
    ("Meridian Armed Forces", "state security force", 38_000, True, True, True, True),
    ("Meridian National Police", "state security force", 9_020, True, False, False, True),
    ("Presidential Guard Brigade", "state security force", 3_500, True, False, True, False),
    ("Meridian Liberation Front", "armed opposition", 14_000, True, True, True, False),
    ("MLF-Renewal", "armed opposition", 2_500, False, True, True, False),
    ("Coastal Unity Militia", "militia", 4_000, False, True, True, False),
    ("Valley Self-Defence Committees", "community defence group", 6_000, False, False, False, False),
    ("Harbour Shield Security Ltd", "private security", 1_800, False, False, False, True),
]


def meridia_indicators() -> pd.DataFrame:
    """SYNTHETIC indicators for the FICTIONAL Republic of Meridia (fictional years 2031-2035).
    Deterministic: the same call always returns the same table."""
    frame = pd.DataFrame(_INDICATORS, columns=["indicator", "value", "unit", "year", "note"])
    frame["value"] = frame["value"].astype(float)
    frame["year"] = frame["year"].astype(int)
    frame["note"] = frame["note"].fillna("").astype(str)
    assert not frame.duplicated(["indicator", "year"]).any()
    assert 15 <= len(frame) <= 30
    return frame


def meridia_armed_actors() -> pd.DataFrame:
    """SYNTHETIC table of the armed and security actors of the FICTIONAL Republic of Meridia.
    Every name is invented. Deterministic: the same call always returns the same table."""
    frame = pd.DataFrame(_ARMED_ACTORS, columns=[
        "actor", "kind", "estimated_personnel", "signed_peace_agreement", "controls_territory",
        "credible_abuse_reports", "under_civilian_oversight"])
    frame["estimated_personnel"] = frame["estimated_personnel"].astype(int)
    for column in ("signed_peace_agreement", "controls_territory", "credible_abuse_reports",
                   "under_civilian_oversight"):
        frame[column] = frame[column].astype(bool)
    assert frame["actor"].is_unique and set(frame["kind"]) <= set(KINDS)
    assert 6 <= len(frame) <= 9
    return frame


def write_csvs(data_dir=None) -> list:
    """Write both tables to data/ exactly as `make data` does (index=False, '\\n' line ends)."""
    folder = Path(data_dir or DATA_DIR)
    written = []
    for name, frame in (("fictional_meridia_indicators", meridia_indicators()),
                        ("fictional_meridia_armed_actors", meridia_armed_actors())):
        path = folder / f"{name}.csv"
        frame.to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    return written


if __name__ == "__main__":
    for p in write_csvs():
        print("wrote", p)
