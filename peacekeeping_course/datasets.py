"""The course's derived datasets: one description used to write `data/datapackage.json`,
to derive the tables (see `derive.py`) and to check every table when it is loaded."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd


from .paths import DATA_DIR

ACCESS_DATE = "2026-11-24"


class DataError(Exception):
    """A data file is missing or does not match its description in datapackage.json."""


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # frictionless type: string, integer, number, date, boolean
    description: str
    unit: str | None = None
    required: bool = True


@dataclass(frozen=True)
class Source:
    title: str
    path: str  # URL
    publisher: str
    licence: str


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    description: str
    sources: tuple[Source, ...]
    derivation: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = field(default_factory=tuple)
    hand_made: bool = False  # compiled by hand, one source per row; not written by `make data`

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"


UN_DATA_LICENCE = (
    "United Nations terms of use (https://www.un.org/en/about-us/terms-of-use): "
    "free to reproduce for non-commercial and educational use with attribution"
)

OWID = Source(
    title="Our World in Data: United Nations Peacekeeping (owid-datasets, compiled 2022-02-24) "
    "from UN Peacekeeping monthly summaries (1992 onward) and Global Policy Forum (1947-1991)",
    path="https://github.com/owid/owid-datasets/tree/master/datasets/United%20Nations%20Peacekeeping",
    publisher="Our World in Data; United Nations Peacekeeping; Global Policy Forum",
    licence="CC-BY-4.0 (Our World in Data compilation)",
)
UN_PKO_LIST = Source(
    title="United Nations Peace and Security Data Hub, dataset DPPADPOSS-PKO "
    "(list of peacekeeping operations, extract of 2024-02-19)",
    path="https://psdata.un.org/dataset/DPPADPOSS-PKO",
    publisher="United Nations, Department of Political and Peacebuilding Affairs / Department of Peace Operations",
    licence=UN_DATA_LICENCE,
)
IPI = Source(
    title="International Peace Institute, Providing for Peacekeeping database "
    "(IPIDataLab/PPP_Loader, ppp_files), built from UN monthly contribution reports",
    path="https://github.com/IPIDataLab/PPP_Loader",
    publisher="International Peace Institute (counts: UN Department of Peace Operations)",
    licence="Published openly by IPI for research and teaching; no licence file in the repository "
    "(underlying UN counts: " + UN_DATA_LICENCE + ")",
)


UN_FATALITIES = Source(
    title="United Nations Peace and Security Data Hub, dataset DPPADPOSS-FATALITIES "
    "(peacekeeping fatalities, extract of 2025-04-04)",
    path="https://psdata.un.org/dataset/DPPADPOSS-FATALITIES",
    publisher="United Nations, Department of Political and Peacebuilding Affairs / Department of Peace Operations",
    licence=UN_DATA_LICENCE,
)
IPI_GENDER = Source(
    title="International Peace Institute, TCC-DataScraper (tcc_files/Gender.Full.csv), from UN monthly "
    "reports of uniformed personnel by contributor, mission and sex",
    path="https://github.com/IPIDataLab/TCC-DataScraper",
    publisher="International Peace Institute (counts: UN Department of Peace Operations)",
    licence=IPI.licence,
)

GEO_PKO = Source(
    title="Geo-PKO: Geocoded Peacekeeping Operations dataset, Africa release (Cil, Fjelde, Hultman & "
    "Nilsson 2020, Journal of Peace Research 57(2): 360-370), file geopko.csv",
    path="https://github.com/thaonguyen-ha/GeoPKO",
    publisher="Department of Peace and Conflict Research, Uppsala University (Geo-PKO project)",
    licence="Free for research and teaching with citation of Cil et al. (2020), as the project asks",
)
PKO_CONFLICT_MONTHS = Source(
    title="Peace-operation personnel by conflict-month, UN and non-UN, 1993-2016 (pko.csv in the "
    "tdballesteros/conflict-relapse repository); year-end figures from SIPRI's Multilateral Peace "
    "Operations Database as carried in that file",
    path="https://github.com/tdballesteros/conflict-relapse",
    publisher="Original compiler not stated in the repository (structure matches SIPRI-based research "
    "data); counts: Stockholm International Peace Research Institute (SIPRI)",
    licence="No licence stated in the repository; used here for teaching, with the provenance caveat",
)

UN_SEA = Source(
    title="United Nations, Conduct in UN Field Missions: table of allegations of sexual exploitation and "
    "abuse in peacekeeping operations and special political missions, as of July 2024",
    path="https://conduct.unmissions.org/table-of-allegations",
    publisher="United Nations, Conduct and Discipline Service (Department of Management Strategy, Policy "
    "and Compliance)",
    licence=UN_DATA_LICENCE,
)


DATASETS: dict[str, Dataset] = {}


def _register(ds: Dataset) -> Dataset:
    DATASETS[ds.name] = ds
    return ds


_register(Dataset(
    name="un_uniformed_personnel_by_year",
    title="UN peacekeeping: uniformed personnel and missions reported, by year, 1947-2021",
    description=(
        "Year-end size of the UN's uniformed peacekeeping force (troops, police, military observers "
        "and staff officers). 1947-1991 are rounded estimates with no breakdown; from 1992 the figures "
        "are the UN's December monthly summary (November for 1998)."
    ),
    sources=(OWID,),
    derivation=(
        "From 'United Nations Peacekeeping.csv': columns renamed; the troop, police and observer "
        "breakdowns, published as 0 for 1947-1991 where no breakdown exists, are set to empty (missing); "
        "a column records which underlying source covers each year."
    ),
    fields=(
        Field("year", "integer", "Calendar year", "year"),
        Field("missions_reported", "integer",
              "Missions with uniformed UN personnel in the source's count for that year. From 1992 this "
              "follows the UN's monthly contribution reports, which also list political missions with "
              "uniformed staff, so it is higher than the number of peacekeeping operations.", "missions"),
        Field("uniformed_personnel", "integer", "All uniformed personnel", "persons"),
        Field("troops", "integer", "Troops (formed military contingents)", "persons", required=False),
        Field("police", "integer", "Police (individual officers and formed police units)", "persons",
              required=False),
        Field("military_observers", "integer", "Military observers and staff officers", "persons",
              required=False),
        Field("series", "string",
              "Which underlying source covers the year: 'GPF estimate' (1947-1991) or "
              "'UN December report' (1992 onward)"),
    ),
    primary_key=("year",),
))

_register(Dataset(
    name="un_peacekeeping_operations",
    title="UN peacekeeping operations since 1948: dates and headquarters",
    description=(
        "One row per UN peacekeeping operation led by the Department of Peace Operations (and its "
        "predecessors), with start and end dates and headquarters location, as listed by the UN in "
        "February 2024."
    ),
    sources=(UN_PKO_LIST,),
    derivation=(
        "From 'DPPADPOSS-PKO.csv': the three combined rows (UNOSOM, UNEF, UNAVEM), which repeat other "
        "rows, are dropped; decimal-comma coordinates are converted; longitude and latitude are swapped "
        "back where the source has them reversed (UNOSOM I, UNOSOM II, UNAVEM I, UNAVEM II, MINUSMA, UNSCOB); "
        "MINUSMA, whose withdrawal ended on 31 Dec 2023, is given that end date and marked inactive; "
        "the truncated DOMREP name is completed; sorted by start date."
    ),
    fields=(
        Field("acronym", "string", "Mission acronym"),
        Field("name", "string", "Full mission name"),
        Field("start_date", "date", "Start of the operation (as recorded by the UN)", required=False),
        Field("end_date", "date", "End of the operation; empty while active", required=False),
        Field("active", "boolean", "Active at the time of the extract (corrected for MINUSMA)"),
        Field("hq_location", "string", "Headquarters city", required=False),
        Field("hq_longitude", "number", "Headquarters longitude", "degrees east", required=False),
        Field("hq_latitude", "number", "Headquarters latitude", "degrees north", required=False),
        Field("correction", "string", "What the derivation corrected in this row, if anything",
              required=False),
    ),
    primary_key=("acronym",),
))

_register(Dataset(
    name="un_personnel_by_mission_month",
    title="UN uniformed personnel by mission and month, Nov 1990 - Mar 2017",
    description=(
        "Troops, police and military observers deployed in each UN mission at the end of each month, "
        "from the UN's monthly contribution reports as compiled by IPI. Includes political missions "
        "with uniformed staff (e.g. UNAMA, UNSOM). November 2016 is missing in the source."
    ),
    sources=(IPI,),
    derivation=(
        "From 'data_mission.csv': the variables used in the course are kept; the label ONUCI "
        "(May 2005 - Jun 2006) is merged into UNOCI; empty troop, police and observer cells, which IPI "
        "uses for zero, are written as 0."
    ),
    fields=(
        Field("date", "date", "Last day of the month"),
        Field("mission", "string", "Mission acronym as in the UN report"),
        Field("host_country", "string", "Country where the mission is deployed"),
        Field("host_iso3", "string", "ISO 3166 alpha-3 code of the host country"),
        Field("continent", "string", "Continent of the host country (IPI)"),
        Field("contributors", "integer", "Countries contributing uniformed personnel that month",
              "countries"),
        Field("troops", "integer", "Troops", "persons"),
        Field("police", "integer", "Police", "persons"),
        Field("military_observers", "integer", "Military observers (experts on mission)", "persons"),
        Field("total", "integer", "All uniformed personnel", "persons"),
    ),
    primary_key=("date", "mission"),
))

_register(Dataset(
    name="un_personnel_monthly",
    title="UN uniformed personnel, all missions, monthly, Nov 1990 - Mar 2017",
    description=(
        "System-wide uniformed personnel at the end of each month and the number of contributing "
        "countries. November 2016 is missing in the source."
    ),
    sources=(IPI,),
    derivation="From 'data_monthly.csv': the system-wide sums and the number of contributors are kept.",
    fields=(
        Field("date", "date", "Last day of the month"),
        Field("contributors", "integer", "Countries contributing uniformed personnel", "countries"),
        Field("troops", "integer", "Troops", "persons"),
        Field("police", "integer", "Police", "persons"),
        Field("military_observers", "integer", "Military observers (experts on mission)", "persons"),
        Field("total", "integer", "All uniformed personnel", "persons"),
    ),
    primary_key=("date",),
))


_register(Dataset(
    name="un_personnel_by_sex_mission_month",
    title="UN uniformed personnel by mission, personnel type and sex, monthly, Nov 2009 - Feb 2014",
    description=(
        "Men and women among the uniformed personnel of each UN mission at the end of each month, by "
        "type of personnel, summed over all contributing countries."
    ),
    sources=(IPI_GENDER,),
    derivation=(
        "From 'Gender.Full.csv' (one row per contributor, mission and month): the male, female and total "
        "counts of each personnel type are summed over contributors and reshaped to one row per date, "
        "mission and personnel type."
    ),
    fields=(
        Field("date", "date", "Last day of the month"),
        Field("mission", "string", "Mission acronym as in the UN report"),
        Field("personnel_type", "string",
              "One of: troops, formed police units, individual police, experts on mission"),
        Field("male", "integer", "Men", "persons"),
        Field("female", "integer", "Women", "persons"),
        Field("total", "integer", "All personnel of this type", "persons"),
    ),
    primary_key=("date", "mission", "personnel_type"),
))

_register(Dataset(
    name="un_fatalities_by_year",
    title="UN peacekeeping fatalities by year, mission, type of incident and type of personnel, 1948 - Feb 2025",
    description=(
        "Deaths of UN peacekeeping personnel, counted from the UN's record of each fatality. 2025 is "
        "partial: the extract of 4 April 2025 has incidents up to 18 February 2025."
    ),
    sources=(UN_FATALITIES,),
    derivation=(
        "From 'DPPADPOSS-FATALITIES.csv' (one row per fatality): six casualty ids that appear twice (the "
        "same death listed under two nationalities) are counted once, keeping the first row; the "
        "trailing space in the personnel type 'Local ' is removed; rows are counted by incident year, "
        "mission, type of incident and type of personnel. The rows removed are listed in "
        "un_fatalities_duplicate_records."
    ),
    fields=(
        Field("year", "integer", "Year of the incident", "year"),
        Field("mission", "string", "Mission acronym (UNOSOM and UNEF are not split into phases)"),
        Field("incident_type", "string",
              "Illness, Accident, Malicious Act, Self-Inflicted, To Be Determined or Unknown"),
        Field("personnel_type", "string",
              "Military, Police, Military Observer, International Civilian, Local or Other"),
        Field("fatalities", "integer", "Deaths", "persons"),
        Field("undetermined_nationality", "integer",
              "Of those deaths, how many have the nationality 'ZZ [Undetermined]'", "persons"),
    ),
    primary_key=("year", "mission", "incident_type", "personnel_type"),
))

_register(Dataset(
    name="un_fatalities_duplicate_records",
    title="UN peacekeeping fatalities: records whose casualty id appears twice",
    description=(
        "The rows of the UN fatalities extract that share a casualty id with another row, kept so that "
        "learners can inspect the problem. Each pair is one death listed under two nationalities."
    ),
    sources=(UN_FATALITIES,),
    derivation="From 'DPPADPOSS-FATALITIES.csv': every row whose casualty_id occurs more than once.",
    fields=(
        Field("casualty_id", "string", "UN record id (MISSION-YYYY-MM-NNNNN)"),
        Field("incident_date", "date", "Date of the incident"),
        Field("mission", "string", "Mission acronym"),
        Field("nationality", "string", "Nationality as recorded"),
        Field("personnel_type", "string", "Type of personnel"),
        Field("kept", "boolean", "Whether un_fatalities_by_year counts this row (the first of each pair)"),
    ),
    primary_key=("casualty_id", "nationality"),
))

_register(Dataset(
    name="unmil_contributors_by_month",
    title="UNMIL: uniformed personnel by contributing country and month, Nov 2009 - Feb 2014",
    description=(
        "Troops, police and experts on mission that each country contributed to the UN Mission in "
        "Liberia at the end of each month, with the number of women. Only this window of the mission's "
        "life is covered by the source."
    ),
    sources=(IPI_GENDER,),
    derivation=(
        "From 'Gender.Full.csv': the UNMIL rows; individual police and formed police units are added "
        "together as police."
    ),
    fields=(
        Field("date", "date", "Last day of the month"),
        Field("contributor", "string", "Contributing country"),
        Field("contributor_iso3", "string", "ISO 3166 alpha-3 code of the contributing country"),
        Field("troops", "integer", "Troops", "persons"),
        Field("police", "integer", "Police (individual officers and formed police units)", "persons"),
        Field("experts_on_mission", "integer", "Experts on mission (military observers)", "persons"),
        Field("total", "integer", "All uniformed personnel from this country", "persons"),
        Field("female", "integer", "Women among them", "persons"),
    ),
    primary_key=("date", "contributor"),
))

_register(Dataset(
    name="unmil_deployment_locations",
    title="UNMIL deployment locations from UN deployment maps, Dec 2003 - 2018 (Geo-PKO)",
    description=(
        "Where UNMIL's units were, one row per location shown on each UN deployment map of the mission. "
        "Troop numbers are Geo-PKO's ESTIMATES from the unit symbols on the maps (e.g. a battalion "
        "counted as about 650), not official head counts."
    ),
    sources=(GEO_PKO,),
    derivation=(
        "From 'geopko.csv': the UNMIL rows; the map number, date, location, county (ADM1), coordinates, "
        "estimated troops, number of contributing countries ('unknown' written as empty), headquarters "
        "code and the flags for UN police and military observers are kept."
    ),
    fields=(
        Field("map", "string", "UN map number and revision the row was coded from"),
        Field("year", "integer", "Year of the map", "year"),
        Field("month", "integer", "Month of the map", "month"),
        Field("location", "string", "Place name"),
        Field("county", "string", "Liberian county (first-level administrative unit)", required=False),
        Field("latitude", "number", "Latitude", "degrees north"),
        Field("longitude", "number", "Longitude", "degrees east"),
        Field("troops_estimate", "integer", "Estimated troops at the location (0 for headquarters-only "
              "or police/observer-only sites)", "persons", required=False),
        Field("contributor_count", "integer", "Number of troop-contributing countries at the location; "
              "empty where the map does not say", "countries", required=False),
        Field("hq_level", "integer", "0 = no headquarters; 1-3 = headquarters of increasing level "
              "(Geo-PKO codebook)", required=False),
        Field("un_police", "boolean", "UN police shown at the location"),
        Field("military_observers", "boolean", "UN military observers shown at the location"),
    ),
    primary_key=("map", "location"),
))

_register(Dataset(
    name="amisom_personnel_by_year",
    title="AMISOM uniformed personnel at year end, 2007-2016 (SIPRI figures)",
    description=(
        "Troops and police of the African Union Mission in Somalia at the end of each year, as carried "
        "in a research file built from SIPRI's Multilateral Peace Operations Database. Provenance is not "
        "fully documented (see sources); the 2015 figure equals the authorised ceiling of 22,126 and may "
        "be an authorised rather than a deployed strength."
    ),
    sources=(PKO_CONFLICT_MONTHS,),
    derivation=(
        "From 'pko.csv': the AMISOM rows for December of each year (where SIPRI figures are filled); "
        "troops, police and total kept. The file has no military observers for AMISOM."
    ),
    fields=(
        Field("year", "integer", "Year (figure for December)", "year"),
        Field("troops", "integer", "Troops", "persons"),
        Field("police", "integer", "Police", "persons"),
        Field("total", "integer", "All uniformed personnel", "persons"),
    ),
    primary_key=("year",),
))

_register(Dataset(
    name="un_sea_allegations",
    title="Allegations of sexual exploitation and abuse in UN field missions, recorded Jan 2015 - Jul 2024",
    description=(
        "One row per allegation recorded by the UN, with the process that followed: who investigated, how "
        "long it took, the result and the actions reported. These are allegations, not proven cases; one "
        "allegation can involve several alleged perpetrators and victims. Only the top-level category is "
        "kept (SE = sexual exploitation, SA = sexual abuse); the UN's sub-types are left out."
    ),
    sources=(UN_SEA,),
    derivation=(
        "From the UN table (one sheet; cells with several values separated by blank lines): the month and "
        "year recorded are split; counts in parentheses are parsed (alleged perpetrators, adult, child "
        "and unknown victims; empty where the table names a group without a number); the personnel "
        "category, the top-level allegation category, the investigating entity, the investigation length "
        "in days (empty while pending), the first word of the result, and the answers on national "
        "investigation officers and criminal referral are kept."
    ),
    fields=(
        Field("record", "integer", "Row number in the UN table (1 = most recent)"),
        Field("reported_year", "integer", "Year the allegation was recorded", "year"),
        Field("reported_month", "integer", "Month the allegation was recorded", "month"),
        Field("mission", "string", "Mission acronym"),
        Field("personnel_category", "string", "Military, Police or Civilian (several joined by '; ')"),
        Field("alleged_perpetrators", "integer", "Number of alleged perpetrators", "persons", required=False),
        Field("adult_victims", "integer", "Adult victims (empty where not counted)", "persons", required=False),
        Field("child_victims", "integer", "Child victims (empty where not counted)", "persons", required=False),
        Field("any_child_victim", "boolean", "Whether the record names any child victim"),
        Field("allegation_category", "string", "SE, SA, or 'SE; SA' for both"),
        Field("investigating_entity", "string", "Who investigated, as in the table (e.g. UN OIOS, TCC, "
              "TCC/OIOS, UN Mission)", required=False),
        Field("investigation_days", "integer", "Days the investigation took, as stated in the table; "
              "empty where the table gives no number (e.g. still pending). A record can have days "
              "stated and still be pending, for instance awaiting UN review", "days", required=False),
        Field("result", "string", "Pending, Substantiated, Unsubstantiated, Incomplete or N/A: the FIRST "
              "result in the UN cell; a few records list different results for different alleged "
              "perpetrators"),
        Field("national_investigation_officer", "string",
              "Whether the contributing country appointed a national investigation officer: Yes, No, "
              "Pending, or empty where not applicable", required=False),
        Field("criminal_referral", "string", "Referral for criminal accountability: Yes, No, Pending or "
              "empty", required=False),
    ),
    primary_key=("record",),
))

FICTIONAL = Source(
    title="SYNTHETIC training data for the fictional Republic of Valdoria, generated by "
    "peacekeeping_course/synthetic/valdoria.py (fixed random seed). Valdoria does not exist.",
    path="https://en.wikipedia.org/wiki/Synthetic_data",
    publisher="The course authors (synthetic data)",
    licence="CC0 (synthetic data made for this course)",
)

_register(Dataset(
    name="fictional_valdoria_districts",
    title="FICTIONAL country (Republic of Valdoria): security and justice indicators by district (synthetic)",
    description=(
        "Synthetic data for an SSR needs-assessment exercise. Valdoria is an invented country; every "
        "number here was generated by a script and describes no real place."
    ),
    sources=(FICTIONAL,),
    derivation="Generated by peacekeeping_course/synthetic/valdoria.py with a fixed seed; rewritten by `make data`.",
    fields=(
        Field("district", "string", "District name (invented)"),
        Field("region", "string", "Region: north, centre or south (invented)"),
        Field("population", "integer", "Population", "persons"),
        Field("police_officers", "integer", "Police officers posted in the district", "persons"),
        Field("police_stations", "integer", "Police stations", "stations"),
        Field("women_police_officers", "integer", "Women among the police officers", "persons"),
        Field("trust_police_percent", "number", "Survey: share of residents who trust the police", "percent"),
        Field("trust_army_percent", "number", "Survey: share of residents who trust the army", "percent"),
        Field("complaints_received", "integer", "Complaints against police received in the year", "complaints"),
        Field("complaints_resolved", "integer", "Of those, complaints resolved in the year", "complaints"),
        Field("pretrial_detainees", "integer", "People held in pre-trial detention", "persons"),
        Field("court_backlog_cases", "integer", "Criminal cases waiting more than a year", "cases"),
    ),
    primary_key=("district",),
))

_register(Dataset(
    name="fictional_valdoria_oversight_bodies",
    title="FICTIONAL country (Republic of Valdoria): security oversight bodies (synthetic)",
    description=(
        "Synthetic data for an SSR needs-assessment exercise: the bodies that oversee Valdoria's security "
        "sector. Valdoria is an invented country; nothing here describes a real institution."
    ),
    sources=(FICTIONAL,),
    derivation="Generated by peacekeeping_course/synthetic/valdoria.py with a fixed seed; rewritten by `make data`.",
    fields=(
        Field("body", "string", "Name of the body (invented)"),
        Field("kind", "string", "parliamentary, judicial, executive, independent or civil society"),
        Field("legal_mandate", "boolean", "Whether a law gives the body its oversight role"),
        Field("annual_budget_usd", "integer", "Annual budget", "US dollars"),
        Field("staff", "integer", "Staff", "persons"),
        Field("reports_published", "integer", "Reports published in the last year", "reports"),
        Field("can_summon_officials", "boolean", "Whether it can compel security officials to testify"),
    ),
    primary_key=("body",),
))

_register(Dataset(
    name="legal_basis_of_mandates",
    title="Legal basis of selected UN peacekeeping mandates",
    description="A hand-compiled table: for selected UN peacekeeping operations, the founding resolution, "
                "whether it was adopted (in whole or in part) under Chapter VII of the UN Charter, whether "
                "it authorises 'all necessary means', and whether it mandates protection of civilians; "
                "one source per row.",
    sources=(Source(
        title="UN Security Council resolutions (one per row; see source_url)",
        path="https://www.un.org/securitycouncil/content/resolutions",
        publisher="United Nations Security Council", licence=UN_DATA_LICENCE),),
    derivation="Compiled by hand from each resolution or its UN press release. Not produced by `make data`.",
    fields=(
        Field("mission", "string", "Mission acronym"),
        Field("resolution", "string", "Founding resolution, e.g. S/RES/1270 (1999)"),
        Field("adopted", "date", "Date the resolution was adopted"),
        Field("chapter_vii", "boolean", "Adopted wholly or partly under Chapter VII"),
        Field("all_necessary_means", "boolean", "Authorises the use of all necessary means (force)"),
        Field("protection_of_civilians", "boolean", "Mandates the protection of civilians"),
        Field("note", "string", "Short note on the legal basis"),
        Field("source", "string", "Title of the document the row was checked against"),
        Field("source_url", "string", "Where that document can be read"),
    ),
    primary_key=("mission",),
    hand_made=True,
))

GEO_PKO_V23 = Source(
    title="Geo-PKO v2.3 location-year table (FrontMap_v.2.3.csv) from the official Geo-PKO dashboard "
    "repository; Cil, Fjelde, Hultman & Nilsson (2020), Journal of Peace Research 57(2): 360-370",
    path="https://github.com/geopko/Geo-PKO-Shiny-Dashboard",
    publisher="Department of Peace and Conflict Research, Uppsala University (Geo-PKO project)",
    licence=GEO_PKO.licence,
)

_register(Dataset(
    name="geopko_locations_by_year",
    title="UN peacekeeping deployment locations by mission and year, 1994-2024 (Geo-PKO v2.3)",
    description=(
        "One row per location where a UN peacekeeping operation had personnel in a year, as shown on "
        "the UN's deployment maps. Troop numbers are Geo-PKO's ESTIMATES from map symbols, averaged "
        "over that year's maps. Years with no map have no rows."
    ),
    sources=(GEO_PKO_V23,),
    derivation=(
        "From 'FrontMap_v.2.3.csv', whose rows repeat once per map: one row is kept per mission, year, "
        "country and location, with the yearly average troops ('ave.no.troops') and the highest value "
        "of the headquarters code and of the flags for UN police, medical and aviation units and "
        "military observers over the year's maps."
    ),
    fields=(
        Field("mission", "string", "Mission acronym"),
        Field("year", "integer", "Year", "year"),
        Field("country", "string", "Country of the location"),
        Field("location", "string", "Place name"),
        Field("latitude", "number", "Latitude", "degrees north"),
        Field("longitude", "number", "Longitude", "degrees east"),
        Field("troops_estimate", "number", "Estimated troops, averaged over the year's maps; empty where the maps give no figure", "persons", required=False),
        Field("hq_level", "integer", "0 = no headquarters; 1-3 = headquarters of increasing level "
              "(3 = mission headquarters)"),
        Field("un_police", "boolean", "UN police shown at the location"),
        Field("medical_unit", "boolean", "A medical unit shown at the location"),
        Field("aviation_unit", "boolean", "An aviation unit shown at the location"),
        Field("military_observers", "boolean", "UN military observers shown at the location"),
    ),
    primary_key=("mission", "year", "country", "location"),
))

_register(Dataset(
    name="un_contributions_by_country_year",
    title="Uniformed personnel contributed to UN operations by each country, December 1990 - 2013",
    description=(
        "Troops, police and experts on mission that each country had deployed in all UN operations at "
        "the end of each year, with the country's ISO code, continent and UN sub-region."
    ),
    sources=(IPI,),
    derivation=(
        "From the 148 files 'countries/<Country>.csv' (one per contributor, monthly): the December "
        "figures of each year (empty cells, which IPI uses for zero, written as 0; countries with no "
        "personnel that December dropped). ISO codes, continents and sub-regions come from IPI's own "
        "country attributes ('current_month.csv'), completed by hand with the ISO 3166 code and UN M49 "
        "sub-region for the 26 countries not in that file; names follow IPI's files."
    ),
    fields=(
        Field("year", "integer", "Year (December figure)", "year"),
        Field("country", "string", "Contributing country (IPI's name)"),
        Field("iso3", "string", "ISO 3166 alpha-3 code"),
        Field("continent", "string", "Continent (IPI's grouping: Latin America and the Caribbean is "
              "'South America')"),
        Field("region", "string", "UN M49 sub-region"),
        Field("troops", "integer", "Troops", "persons"),
        Field("police", "integer", "Police", "persons"),
        Field("experts_on_mission", "integer", "Experts on mission (military observers)", "persons"),
        Field("total", "integer", "All uniformed personnel", "persons"),
    ),
    primary_key=("year", "country"),
))

_register(Dataset(
    name="fictional_valdoria_lakeside_communities",
    title="FICTIONAL district (Lakeside, Republic of Valdoria): communities for engagement planning (synthetic)",
    description="Synthetic data for a community-engagement planning exercise. Lakeside district and "
                "Valdoria are invented; every number was generated by a script and describes no real place.",
    sources=(Source(title="SYNTHETIC training data generated by peacekeeping_course/synthetic/valdoria.py "
                          "(fixed random seed). Valdoria does not exist.",
                    path=FICTIONAL.path, publisher=FICTIONAL.publisher, licence=FICTIONAL.licence),),
    derivation="Generated by peacekeeping_course/synthetic/valdoria.py with a fixed seed; rewritten by `make data`.",
    fields=(
        Field("community", "string", "Community name (invented)"),
        Field("population", "integer", "Population", "persons"),
        Field("displaced_persons", "integer", "Internally displaced people living there", "persons"),
        Field("distance_to_un_base_km", "number", "Road distance to the nearest UN base", "km"),
        Field("road_access_rainy_season", "boolean", "Reachable by road in the rainy season"),
        Field("security_incidents_last_year", "integer", "Security incidents reported last year", "incidents"),
        Field("community_protection_committee", "boolean", "Has a functioning community protection committee"),
        Field("women_in_committee_percent", "number", "Share of women on that committee (empty if none)",
              "percent", required=False),
        Field("radio_coverage", "boolean", "Receives the mission's radio broadcasts"),
        Field("main_language", "string", "Main language spoken (invented)"),
    ),
    primary_key=("community",),
))

_register(Dataset(
    name="fictional_meridia_indicators",
    title="FICTIONAL country (Republic of Meridia): capstone scenario indicators (synthetic)",
    description="Synthetic data for the capstone simulation. Meridia is an invented country; every number "
                "was generated or written for the exercise and describes no real place.",
    sources=(Source(title="SYNTHETIC training data from peacekeeping_course/synthetic/meridia.py. Meridia "
                          "does not exist.", path=FICTIONAL.path, publisher=FICTIONAL.publisher,
                    licence=FICTIONAL.licence),),
    derivation="Generated by peacekeeping_course/synthetic/meridia.py; rewritten by `make data`.",
    fields=(
        Field("indicator", "string", "What is measured"),
        Field("value", "number", "Value"),
        Field("unit", "string", "Unit of the value"),
        Field("year", "integer", "Year the value refers to (fictional timeline)", "year"),
        Field("note", "string", "How to read it", required=False),
    ),
    primary_key=("indicator", "year"),
))

_register(Dataset(
    name="fictional_meridia_armed_actors",
    title="FICTIONAL country (Republic of Meridia): armed and security actors (synthetic)",
    description="Synthetic data for the capstone simulation: the armed and security actors of an invented "
                "country. Nothing here describes a real group.",
    sources=(Source(title="SYNTHETIC training data from peacekeeping_course/synthetic/meridia.py. Meridia "
                          "does not exist.", path=FICTIONAL.path, publisher=FICTIONAL.publisher,
                    licence=FICTIONAL.licence),),
    derivation="Generated by peacekeeping_course/synthetic/meridia.py; rewritten by `make data`.",
    fields=(
        Field("actor", "string", "Name (invented)"),
        Field("kind", "string", "state security force, armed opposition, militia, community defence group "
              "or private security"),
        Field("estimated_personnel", "integer", "Estimated personnel", "persons"),
        Field("signed_peace_agreement", "boolean", "Signed the (fictional) peace agreement"),
        Field("controls_territory", "boolean", "Controls territory"),
        Field("credible_abuse_reports", "boolean", "Credible reports of serious human rights violations"),
        Field("under_civilian_oversight", "boolean", "Answers to a civilian oversight body"),
    ),
    primary_key=("actor",),
))

_register(Dataset(
    name="liberia_timeline",
    title="Liberia and UNMIL: key events, 2003-2018",
    description="A hand-compiled timeline of the peace process, UNMIL and security sector reform in "
                "Liberia, one source per row.",
    sources=(Source(
        title="UN Security Council resolutions, UN reports and other documents (one per row; see source_url)",
        path="https://peacekeeping.un.org/en/mission/unmil", publisher="Various (see each row)",
        licence="Facts compiled by the course authors from the sources named in each row"),),
    derivation="Compiled by hand; the source of each row is in its own columns. Not produced by `make data`.",
    fields=(
        Field("date", "date", "Date of the event"),
        Field("category", "string", "One of: peace process, mandate, DDR, security sector, elections, "
              "health, transition"),
        Field("event", "string", "What happened, in one sentence"),
        Field("source", "string", "Title of the document the row was checked against"),
        Field("source_url", "string", "Where that document can be read"),
    ),
    primary_key=("date", "event"),
    hand_made=True,
))

_register(Dataset(
    name="amisom_ceilings",
    title="AU operations in Somalia: authorised uniformed strength by Security Council resolution, 2010-2024",
    description="A hand-compiled table of the ceilings on uniformed personnel set or endorsed by the "
                "UN Security Council for AMISOM, ATMIS and AUSSOM, one source per row.",
    sources=(Source(
        title="UN Security Council resolutions and press releases (one per row; see source_url)",
        path="https://press.un.org/en/content/security-council", publisher="United Nations Security Council",
        licence=UN_DATA_LICENCE),),
    derivation="Compiled by hand; the source of each row is in its own columns. Not produced by `make data`.",
    fields=(
        Field("resolution", "string", "Resolution, e.g. S/RES/2036 (2012)"),
        Field("adopted", "date", "Date the resolution was adopted"),
        Field("operation", "string", "AMISOM, ATMIS or AUSSOM"),
        Field("ceiling", "integer", "Authorised uniformed personnel after the resolution", "persons"),
        Field("note", "string", "What the resolution changed"),
        Field("source", "string", "Title of the document the row was checked against"),
        Field("source_url", "string", "Where that document can be read"),
    ),
    primary_key=("resolution",),
    hand_made=True,
))

_register(Dataset(
    name="ssr_mandates",
    title="UN peacekeeping operations whose founding resolution gives them security sector reform tasks",
    description=(
        "A hand-compiled table: for selected UN peacekeeping operations, the founding Security Council "
        "resolution and the security sector reform tasks it gives, paraphrased, with one source per row."
    ),
    sources=(Source(
        title="United Nations Security Council resolutions (one per row; see the source_url column)",
        path="https://www.un.org/securitycouncil/content/resolutions",
        publisher="United Nations Security Council",
        licence=UN_DATA_LICENCE,
    ),),
    derivation="Compiled by hand from each resolution or the UN's mission page; the source of each row "
               "is in its own columns. Not produced by `make data`.",
    fields=(
        Field("mission", "string", "Mission acronym"),
        Field("host_country", "string", "Country where the mission deployed"),
        Field("resolution", "string", "Founding resolution, e.g. S/RES/1509 (2003)"),
        Field("adopted", "date", "Date the resolution was adopted"),
        Field("ssr_tasks", "string", "The security sector reform tasks in the mandate, paraphrased"),
        Field("source", "string", "Title of the document the row was checked against"),
        Field("source_url", "string", "Where that document can be read"),
    ),
    primary_key=("mission",),
    hand_made=True,
))


_register(Dataset(
    name="protection_resolutions",
    title="Security Council resolutions on conflict-related sexual violence and on children and armed conflict",
    description=(
        "A hand-compiled table: selected Security Council resolutions of the two thematic frameworks that "
        "chapter 9 describes, conflict-related sexual violence (crsv) and children and armed conflict "
        "(children), with the date of adoption and what each did, paraphrased; one source per row."
    ),
    sources=(Source(
        title="UN Security Council press releases and UN offices' pages on each resolution (one per row; "
              "see the source_url column)",
        path="https://press.un.org/en/content/security-council",
        publisher="United Nations",
        licence=UN_DATA_LICENCE,
    ),),
    derivation="Compiled by hand from the UN press release on each resolution's adoption or, for resolutions "
               "1261 and 1612, from a UN office's release; adoption dates agree with the dates the resolutions "
               "themselves give (for example in the preamble of S/RES/2427 (2018)). Not produced by `make data`.",
    fields=(
        Field("resolution", "string", "Document symbol, e.g. S/RES/1820 (2008)"),
        Field("number", "integer", "Resolution number"),
        Field("year", "integer", "Year of adoption"),
        Field("adopted", "date", "Date the resolution was adopted"),
        Field("theme", "string", "Framework: crsv (conflict-related sexual violence) or children (children and "
                                 "armed conflict)"),
        Field("what_it_did", "string", "What the resolution did, paraphrased from the source"),
        Field("source", "string", "Title of the document the row was checked against"),
        Field("source_url", "string", "Where that document can be read"),
    ),
    primary_key=("resolution",),
    hand_made=True,
))


def datapackage_descriptor() -> dict:
    """The frictionless Data Package descriptor for everything in `data/`."""
    resources = []
    for ds in DATASETS.values():
        schema = {
            "fields": [
                {k: v for k, v in {
                    "name": f.name, "type": f.type, "description": f.description, "unit": f.unit,
                    "constraints": {"required": True} if f.required else None,
                }.items() if v is not None}
                for f in ds.fields
            ],
            "missingValues": [""],
        }
        if ds.primary_key:
            schema["primaryKey"] = list(ds.primary_key)
        resources.append({
            "name": ds.name,
            "path": ds.filename,
            "title": ds.title,
            "description": ds.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "sources": [{"title": s.title, "path": s.path, "publisher": s.publisher} for s in ds.sources],
            "licenses": [{"name": "source-terms", "title": s.licence} for s in ds.sources],
            "derivation": ds.derivation,
            "accessed": ACCESS_DATE,
            "schema": schema,
        })
    return {
        "name": "peacekeeping-ssr-course-data",
        "title": "Derived data for the Peacekeeping & Security Sector Reform course",
        "description": (
            "Tables derived by `make data` (peacekeeping_course/derive.py) from public raw files. "
            "Each resource names its original publisher, URL, licence, access date and derivation."
        ),
        "licenses": [{"name": "see-resources", "title": "Each resource keeps its source's terms"}],
        "resources": resources,
    }


def write_datapackage(data_dir: Path = DATA_DIR) -> Path:
    path = Path(data_dir) / "datapackage.json"
    path.write_text(json.dumps(datapackage_descriptor(), indent=2, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    return path


_PANDAS_TYPES = {"integer": "Int64", "number": "float64", "string": "string", "boolean": "boolean"}


def load(name: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Load a course table, checked against its description; raises DataError with a clear message."""
    if name not in DATASETS:
        known = ", ".join(sorted(DATASETS))
        raise DataError(f"There is no course dataset called {name!r}. Known datasets: {known}.")
    ds = DATASETS[name]
    path = Path(data_dir or DATA_DIR) / ds.filename
    if not path.exists():
        raise DataError(f"The data file {path} is missing. Run `make data` to derive it "
                        f"(or restore it with `git checkout -- data/{ds.filename}`).")
    stat = path.stat()
    return _load_checked(name, str(path), stat.st_mtime_ns, stat.st_size).copy()


@functools.lru_cache(maxsize=64)
def _load_checked(name: str, path: str, mtime_ns: int, size: int) -> pd.DataFrame:
    """Read and check a table once per version of the file (exercise checks load often)."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as err:
        raise DataError(f"{Path(path).name} could not be read as CSV ({type(err).__name__}: {err}).") from None
    return check_frame(frame, DATASETS[name], Path(path).name)


def check_frame(frame: pd.DataFrame, ds: Dataset, label: str) -> pd.DataFrame:
    """Check columns, required values and types; return the frame with typed columns."""
    expected = [f.name for f in ds.fields]
    missing = [c for c in expected if c not in frame.columns]
    if missing:
        raise DataError(f"{label}: column(s) {', '.join(missing)} missing "
                        f"(expected columns: {', '.join(expected)}).")
    frame = frame[expected].copy()
    for f in ds.fields:
        col = frame[f.name].astype(str).str.strip()
        empty = col.eq("") | col.str.lower().isin(["nan", "<na>", "none"])
        if f.required and empty.any():
            row = int(empty.idxmax()) + 2  # header is line 1
            raise DataError(f"{label}: field '{f.name}' is empty on line {row}, but it is required.")
        values = col.mask(empty)
        try:
            if f.type == "date":
                typed = pd.to_datetime(values, format="%Y-%m-%d", errors="raise")
            elif f.type == "integer":
                typed = pd.to_numeric(values, errors="raise")
                if (typed.dropna() % 1 != 0).any():
                    raise ValueError("not a whole number")
                typed = typed.astype("Int64")
            elif f.type == "number":
                typed = pd.to_numeric(values, errors="raise").astype("float64")
            elif f.type == "boolean":
                lowered = values.str.lower()
                bad = ~lowered.isin(["true", "false"]) & lowered.notna()
                if bad.any():
                    raise ValueError(f"{values[bad].iloc[0]!r} is not true/false")
                typed = lowered.map({"true": True, "false": False}).astype("boolean")
            else:
                typed = values.astype("string")
        except (ValueError, TypeError) as err:
            bad_rows = _first_bad_row(values, f.type)
            where = f" on line {bad_rows}" if bad_rows else ""
            raise DataError(f"{label}: field '{f.name}' should be of type {f.type}{where} ({err}).") from None
        frame[f.name] = typed
    return frame


def _first_bad_row(values: pd.Series, ftype: str) -> int | None:
    for i, v in values.items():
        if pd.isna(v):
            continue
        try:
            if ftype == "date":
                pd.to_datetime(v, format="%Y-%m-%d")
            elif ftype in ("integer", "number"):
                x = float(v)
                if ftype == "integer" and x % 1:
                    raise ValueError
        except (ValueError, TypeError):
            return int(i) + 2
    return None
