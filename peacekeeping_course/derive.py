"""Derive the course tables in `data/` from the raw public files.

    python -m peacekeeping_course.derive [RAW_DIR] [--out DATA_DIR]

RAW_DIR defaults to ../shared/reference-data (the folder beside the course). Raw files are read,
never copied: only the derived tables and datapackage.json are written.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import pandas as pd

from .datasets import DATA_DIR, DATASETS, DataError, check_frame, write_datapackage
from .paths import REPO_ROOT
from .synthetic import meridia, valdoria

DEFAULT_RAW_DIR = REPO_ROOT.parent / "shared" / "reference-data"

# Rows of DPPADPOSS-PKO whose longitude and latitude are stored the wrong way round.
SWAPPED_COORDINATES = {"UNOSOM I", "UNOSOM II", "UNAVEM I", "UNAVEM II", "MINUSMA", "UNSCOB"}
COMBINED_ROWS = {"UNOSOM", "UNEF", "UNAVEM"}


def _raw(raw_dir: Path, relative: str) -> Path:
    path = raw_dir / relative
    if not path.exists():
        raise DataError(f"Raw file not found: {path}. Pass the reference-data folder as the first argument.")
    return path


def derive_uniformed_personnel_by_year(raw_dir: Path) -> pd.DataFrame:
    src = pd.read_csv(_raw(raw_dir, "owid-un-peacekeeping-force/United Nations Peacekeeping.csv"))
    out = pd.DataFrame({
        "year": src["Year"],
        "missions_reported": src["Number of peacekeeping missions (United Nations Peacekeeping)"],
        "uniformed_personnel": src["Size of total peacekeeping force (United Nations Peacekeeping)"],
        "troops": src["Troops (peacekeepers) (United Nations Peacekeeping)"],
        "police": src["Civilian police (peacekeepers) (United Nations Peacekeeping)"],
        "military_observers": src["Military Observers and staff officers (peacekeepers) (United Nations Peacekeeping)"],
    })
    before_breakdown = out["year"] < 1992
    for col in ("troops", "police", "military_observers"):
        out[col] = out[col].astype("Int64").mask(before_breakdown)
    out["series"] = before_breakdown.map({True: "GPF estimate", False: "UN December report"})
    return out


def derive_peacekeeping_operations(raw_dir: Path) -> pd.DataFrame:
    src = pd.read_csv(_raw(raw_dir, "un-missions-list/DPPADPOSS-PKO.csv"), dtype=str)
    src = src[~src["mission_acronym"].isin(COMBINED_ROWS)].copy()

    def coord(col):
        return pd.to_numeric(src[col].str.replace(",", ".", regex=False), errors="coerce")

    lon, lat = coord("mission_longitude"), coord("mission_latitude")
    swapped = src["mission_acronym"].isin(SWAPPED_COORDINATES)
    out = pd.DataFrame({
        "acronym": src["mission_acronym"].str.strip(),
        "name": src["mission_name"].str.strip().str.strip('"').str.strip(),
        "start_date": src["start_date"],
        "end_date": src["end_date"],
        "active": src["mission_isactive"].str.strip().str.lower().eq("yes"),
        "hq_location": src["mission_location"].str.strip(),
        "hq_longitude": lon.where(~swapped, lat),
        "hq_latitude": lat.where(~swapped, lon),
        "correction": swapped.map({True: "longitude and latitude swapped back", False: ""}),
    })
    domrep = out["acronym"].eq("DOMREP")
    out.loc[domrep, "name"] = ("Mission of the Representative of the Secretary-General "
                               "in the Dominican Republic")
    out.loc[domrep, "correction"] = "truncated name completed"
    minusma = out["acronym"].eq("MINUSMA")
    out.loc[minusma, "end_date"] = "2023-12-31"
    out.loc[minusma, "active"] = False
    out.loc[minusma, "correction"] = ("longitude and latitude swapped back; withdrawal completed "
                                      "31 Dec 2023, after the extract")
    out = out.sort_values(["start_date", "acronym"], na_position="last").reset_index(drop=True)
    return out


def _counts(src: pd.DataFrame, troops: str, police: str, observers: str) -> dict[str, pd.Series]:
    """IPI writes a count of zero as an empty cell: write 0."""
    return {"troops": src[troops].fillna(0).astype(int), "police": src[police].fillna(0).astype(int),
            "military_observers": src[observers].fillna(0).astype(int)}


def derive_personnel_by_mission_month(raw_dir: Path) -> pd.DataFrame:
    src = pd.read_csv(_raw(raw_dir, "ipi-peacekeeping-database/data_mission.csv"))
    out = pd.DataFrame({
        "date": src["Date"],
        "mission": src["Mission"].str.strip().replace({"ONUCI": "UNOCI"}),
        "host_country": src["Country of Mission"],
        "host_iso3": src["Country of Mission ISO-3"],
        "continent": src["Mission Continent"],
        "contributors": src["Number of Contributors"],
        **_counts(src, "Troops", "Police", "Observers"),
        "total": src["Total"],
    })
    return out.sort_values(["date", "mission"]).reset_index(drop=True)


def derive_personnel_monthly(raw_dir: Path) -> pd.DataFrame:
    src = pd.read_csv(_raw(raw_dir, "ipi-peacekeeping-database/data_monthly.csv"))
    return pd.DataFrame({
        "date": src["Date"],
        "contributors": src["Number of Contributors"],
        **_counts(src, "Troop Contributions", "Police Contributions", "EOM Contributions"),
        "total": src["Total Contributions"],
    }).sort_values("date").reset_index(drop=True)


GENDER_TYPES = {"Troops": "troops", "Formed Police Units": "formed police units",
                "Individual Police": "individual police", "Experts on Mission": "experts on mission"}


def derive_personnel_by_sex(raw_dir: Path) -> pd.DataFrame:
    src = pd.read_csv(_raw(raw_dir, "ipi-peacekeeping-database/Gender.Full.csv"))
    parts = []
    for label, personnel_type in GENDER_TYPES.items():
        part = src.groupby(["Date", "Mission"], as_index=False)[
            [f"{label} Male", f"{label} Female", f"{label} Total"]].sum()
        part.columns = ["date", "mission", "male", "female", "total"]
        part.insert(2, "personnel_type", personnel_type)
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    for col in ("male", "female", "total"):
        out[col] = out[col].astype(int)
    return out.sort_values(["date", "mission", "personnel_type"]).reset_index(drop=True)


def _fatality_records(raw_dir: Path) -> pd.DataFrame:
    src = pd.read_csv(_raw(raw_dir, "un-fatalities/DPPADPOSS-FATALITIES.csv"), dtype=str)
    src["casualty_personnel_type"] = src["casualty_personnel_type"].str.strip()
    src["duplicate"] = src["casualty_id"].duplicated(keep=False)
    src["kept"] = ~src["casualty_id"].duplicated(keep="first")
    return src


def derive_fatalities_by_year(raw_dir: Path) -> pd.DataFrame:
    src = _fatality_records(raw_dir)
    src = src[src["kept"]].assign(
        year=lambda d: d["incident_date"].str[:4].astype(int),
        undetermined=lambda d: d["casualty_nationality"].str.startswith("ZZ").fillna(False).astype(int))
    out = (src.groupby(["year", "mission_acronym", "type_of_incident", "casualty_personnel_type"])
           .agg(fatalities=("casualty_id", "size"), undetermined_nationality=("undetermined", "sum"))
           .reset_index())
    out.columns = ["year", "mission", "incident_type", "personnel_type", "fatalities", "undetermined_nationality"]
    return out.sort_values(["year", "mission", "incident_type", "personnel_type"]).reset_index(drop=True)


def derive_fatality_duplicates(raw_dir: Path) -> pd.DataFrame:
    src = _fatality_records(raw_dir)
    dup = src[src["duplicate"]]
    return pd.DataFrame({
        "casualty_id": dup["casualty_id"], "incident_date": dup["incident_date"],
        "mission": dup["mission_acronym"], "nationality": dup["casualty_nationality"],
        "personnel_type": dup["casualty_personnel_type"], "kept": dup["kept"],
    }).sort_values(["casualty_id", "kept"], ascending=[True, False]).reset_index(drop=True)


def derive_unmil_contributors(raw_dir: Path) -> pd.DataFrame:
    src = pd.read_csv(_raw(raw_dir, "ipi-peacekeeping-database/Gender.Full.csv"))
    src = src[src["Mission"] == "UNMIL"]
    return pd.DataFrame({
        "date": src["Date"], "contributor": src["Contributor"], "contributor_iso3": src["Contributor ISO-3"],
        "troops": src["Troops Total"].astype(int),
        "police": (src["Individual Police Total"] + src["Formed Police Units Total"]).astype(int),
        "experts_on_mission": src["Experts on Mission Total"].astype(int),
        "total": src["Total Total"].astype(int), "female": src["Total Female"].astype(int),
    }).sort_values(["date", "contributor"]).reset_index(drop=True)


def derive_unmil_locations(raw_dir: Path) -> pd.DataFrame:
    src = pd.read_csv(_raw(raw_dir, "geo-pko/geopko.csv"), low_memory=False)
    src = src[src["Mission"] == "UNMIL"]
    return pd.DataFrame({
        "map": src["Source"].str.strip(), "year": src["year"], "month": src["month"],
        "location": src["location"].str.strip(), "county": src["ADM1_name"],
        "latitude": src["latitude"], "longitude": src["longitude"],
        "troops_estimate": pd.to_numeric(src["No.troops"], errors="coerce").astype("Int64"),
        "contributor_count": pd.to_numeric(src["No.TCC"], errors="coerce").astype("Int64"),
        "hq_level": pd.to_numeric(src["HQ"], errors="coerce").astype("Int64"),
        "un_police": src["UNPOL..dummy."].fillna(0).astype(int).astype(bool),
        "military_observers": src["UNMO..dummy."].fillna(0).astype(int).astype(bool),
    }).sort_values(["year", "month", "map", "location"]).reset_index(drop=True)


def derive_amisom_personnel(raw_dir: Path) -> pd.DataFrame:
    src = pd.read_csv(_raw(raw_dir, "peace-operations-personnel-pko/pko.csv"), low_memory=False)
    src = src[(src["mission"].str.strip() == "AMISOM") & src["SIPRI_totals"].notna()
              & src["date"].str.endswith("m12")]
    out = pd.DataFrame({
        "year": src["year"].astype(int), "troops": src["SIPRI_troops"].astype(int),
        "police": src["SIPRI_police"].fillna(0).astype(int), "total": src["SIPRI_totals"].astype(int),
    }).drop_duplicates()
    if out["year"].duplicated().any():
        raise DataError("pko.csv: AMISOM has two different December figures for one year")
    return out.sort_values("year").reset_index(drop=True)


def _parts(cell) -> list[str]:
    return [p.strip() for p in str(cell).split("\n\n") if p.strip() and str(cell) != "nan"]


def _count_of(cell, label: str):
    """Sum of 'Label (n)' counts in a cell; None if the label appears without a number; 0 if absent."""
    total, seen = 0, False
    for part in _parts(cell):
        match = re.match(rf"{label}\s*(?:\((\d+)\))?$", part)
        if match:
            seen = True
            if match.group(1) is None:
                return None
            total += int(match.group(1))
    return total if seen else 0


def derive_sea_allegations(raw_dir: Path) -> pd.DataFrame:
    src = pd.read_csv(_raw(raw_dir, "un-sea-allegations/table_of_allegations_as_of_july_2024.csv"))
    month_year = src["Date"].str.split("/", expand=True).astype(int)

    def personnel(cell):
        categories = sorted({p.split(" ")[0] for p in _parts(cell)})
        counts = [int(m.group(1)) for p in _parts(cell) for m in [re.search(r",\s*(\d+)$", p)] if m]
        return "; ".join(categories), (sum(counts) if counts else None)

    def first(cell) -> str:
        parts = _parts(cell)
        return parts[0] if parts else ""

    people = src["Personnel Type"].map(personnel)
    investigation = src["Investigation (days)"].map(first)
    days = investigation.str.extract(r"\((\d+)\)")[0]
    out = pd.DataFrame({
        "record": range(1, len(src) + 1),
        "reported_year": month_year[1], "reported_month": month_year[0],
        "mission": src["Mission"].str.strip(),
        "personnel_category": people.map(lambda p: p[0]),
        "alleged_perpetrators": people.map(lambda p: p[1]).astype("Int64"),
        "adult_victims": src["Victim"].map(lambda c: _count_of(c, "Adult")).astype("Int64"),
        "child_victims": src["Victim"].map(lambda c: _count_of(c, "Child")).astype("Int64"),
        "any_child_victim": src["Victim"].map(lambda c: any(p.startswith("Child") for p in _parts(c))),
        "allegation_category": src["Allegation"].map(
            lambda c: "; ".join(sorted({p[:2] for p in _parts(c)}, key=["SE", "SA"].index))),
        "investigating_entity": investigation.str.replace(r"\s*\(.*$", "", regex=True).replace("", None),
        "investigation_days": pd.to_numeric(days, errors="coerce").astype("Int64"),
        "result": src["Result"].map(lambda c: first(c).split(" ")[0].split("(")[0]),
        "national_investigation_officer": src["NIO appointed"].str.split(" ").str[0],
        "criminal_referral": src["Referral for criminal accountability"],
    })
    return out


def derive_geopko_locations(raw_dir: Path) -> pd.DataFrame:
    src = pd.read_csv(_raw(raw_dir, "geo-pko/FrontMap_v.2.3.csv"))
    out = (src.groupby(["mission", "year", "country", "location"], as_index=False)
           .agg(latitude=("latitude", "first"), longitude=("longitude", "first"),
                troops_estimate=("ave.no.troops", "first"), hq_level=("hq", "max"),
                un_police=("UNPOL", "max"), medical_unit=("Med", "max"), aviation_unit=("Av", "max"),
                military_observers=("UNMO", "max")))
    for col in ("un_police", "medical_unit", "aviation_unit", "military_observers"):
        out[col] = out[col].fillna(0).astype(int).astype(bool)
    out["hq_level"] = out["hq_level"].fillna(0).astype(int)
    out["troops_estimate"] = out["troops_estimate"].round(1)
    return out.sort_values(["mission", "year", "location"]).reset_index(drop=True)


# ISO 3166 codes and UN M49 sub-regions for contributors missing from IPI's attribute file
EXTRA_CONTRIBUTORS = {
    "Antigua and Barbuda": ("ATG", "South America", "Caribbean"),
    "Bahamas": ("BHS", "South America", "Caribbean"),
    "Barbados": ("BRB", "South America", "Caribbean"),
    "Botswana": ("BWA", "Africa", "Southern Africa"),
    "Cape Verde": ("CPV", "Africa", "Western Africa"),
    "Cuba": ("CUB", "South America", "Caribbean"),
    "Dominica": ("DMA", "South America", "Caribbean"),
    "Guyana": ("GUY", "South America", "South America"),
    "Kuwait": ("KWT", "Asia", "Western Asia"),
    "Lebanon": ("LBN", "Asia", "Western Asia"),
    "Mauritius": ("MUS", "Africa", "Eastern Africa"),
    "Mexico": ("MEX", "South America", "Central America"),
    "Saudi Arabia": ("SAU", "Asia", "Western Asia"),
    "Suriname": ("SUR", "South America", "South America"),
    "Trinidad and Tobago": ("TTO", "South America", "Caribbean"),
    "United Arab Emirates": ("ARE", "Asia", "Western Asia"),
    "Venezuela": ("VEN", "South America", "South America"),
    "Congo": ("COG", "Africa", "Middle Africa"),
    "Gabon": ("GAB", "Africa", "Middle Africa"),
    "Iceland": ("ISL", "Europe", "Northern Europe"),
    "Israel": ("ISR", "Asia", "Western Asia"),
    "Kazakhstan": ("KAZ", "Asia", "Central Asia"),
    "Libya": ("LBY", "Africa", "Northern Africa"),
    "Luxembourg": ("LUX", "Europe", "Western Europe"),
    "Macedonia": ("MKD", "Europe", "Southern Europe"),
    "Singapore": ("SGP", "Asia", "South-Eastern Asia"),
}


def derive_contributions_by_country(raw_dir: Path) -> pd.DataFrame:
    folder = _raw(raw_dir, "ipi-peacekeeping-database/countries")
    attrs = pd.read_csv(_raw(raw_dir, "ipi-peacekeeping-database/current_month.csv"))
    attrs = {r["Contributor"]: (r["Contributor_ISO-3"], r["Contributor_Continent"], r["Contributor_Region"])
             for _, r in attrs.drop_duplicates("Contributor").iterrows()}
    attrs.update(EXTRA_CONTRIBUTORS)
    frames = []
    for path in sorted(folder.glob("*.csv")):
        country = path.stem
        if not country:
            continue
        if country not in attrs:
            raise DataError(f"countries/{path.name}: no ISO code or region known for {country!r}")
        monthly = pd.read_csv(path)
        december = monthly[monthly["Date"].str[5:7] == "12"].copy()
        if december.empty:
            continue
        iso3, continent, region = attrs[country]
        counts = {k: december[c].fillna(0).astype(int) for k, c in
                  (("troops", "Troops"), ("police", "Police"), ("experts_on_mission", "Experts"))}
        frames.append(pd.DataFrame({
            "year": december["Date"].str[:4].astype(int), "country": country, "iso3": iso3,
            "continent": continent, "region": region, **counts,
            "total": counts["troops"] + counts["police"] + counts["experts_on_mission"]}))
    out = pd.concat(frames, ignore_index=True)
    out = out[out["total"] > 0]
    return out.sort_values(["year", "country"]).reset_index(drop=True)


def _synthetic(table):
    """Synthetic tables for fictional training countries come from `synthetic/`, not raw files."""
    def make(raw_dir: Path) -> pd.DataFrame:
        return table()
    return make


DERIVATIONS = {
    "un_uniformed_personnel_by_year": derive_uniformed_personnel_by_year,
    "un_peacekeeping_operations": derive_peacekeeping_operations,
    "un_personnel_by_mission_month": derive_personnel_by_mission_month,
    "un_personnel_monthly": derive_personnel_monthly,
    "un_personnel_by_sex_mission_month": derive_personnel_by_sex,
    "un_fatalities_by_year": derive_fatalities_by_year,
    "un_fatalities_duplicate_records": derive_fatality_duplicates,
    "unmil_contributors_by_month": derive_unmil_contributors,
    "unmil_deployment_locations": derive_unmil_locations,
    "amisom_personnel_by_year": derive_amisom_personnel,
    "un_sea_allegations": derive_sea_allegations,
    "geopko_locations_by_year": derive_geopko_locations,
    "un_contributions_by_country_year": derive_contributions_by_country,
    "fictional_valdoria_districts": _synthetic(valdoria.valdoria_districts),
    "fictional_valdoria_oversight_bodies": _synthetic(valdoria.valdoria_oversight_bodies),
    "fictional_valdoria_lakeside_communities": _synthetic(valdoria.valdoria_lakeside_communities),
    "fictional_meridia_indicators": _synthetic(meridia.meridia_indicators),
    "fictional_meridia_armed_actors": _synthetic(meridia.meridia_armed_actors),
}


def derive_all(raw_dir: Path, out_dir: Path) -> list[Path]:
    """Derive every table, check it against its description, write it; return the written paths."""
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    if not raw_dir.is_dir():
        raise DataError(f"Raw data folder not found: {raw_dir}")
    out_dir.mkdir(parents=True, exist_ok=True)
    assert set(DERIVATIONS) == {n for n, ds in DATASETS.items() if not ds.hand_made}, \
        "every derived dataset needs a derivation"
    written = []
    for name, derive in DERIVATIONS.items():
        frame = derive(raw_dir)
        ds = DATASETS[name]
        frame = frame[[f.name for f in ds.fields]]
        check_frame(frame.astype("string").fillna(""), ds, ds.filename)
        path = out_dir / ds.filename
        frame.to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    written.append(write_datapackage(out_dir))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw_dir", nargs="?", default=str(DEFAULT_RAW_DIR),
                        help="folder of raw public files (default: ../shared/reference-data)")
    parser.add_argument("--out", default=str(DATA_DIR), help="where to write the derived tables")
    args = parser.parse_args(argv)
    try:
        for path in derive_all(Path(args.raw_dir), Path(args.out)):
            print(f"wrote {path}")
    except DataError as err:
        print(f"make data: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
