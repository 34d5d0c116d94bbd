"""The derived data: described in datapackage.json, valid, re-derivable, loaded with clear errors."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest
from frictionless import validate

from peacekeeping_course.datasets import DATA_DIR, DATASETS, DataError, datapackage_descriptor, load
from peacekeeping_course.derive import DEFAULT_RAW_DIR, derive_all, main


def test_datapackage_is_valid_frictionless_package():
    report = validate(str(DATA_DIR / "datapackage.json"))
    errors = [e.message for task in report.tasks for e in task.errors]
    assert report.valid, errors


def test_datapackage_on_disk_matches_the_dataset_descriptions():
    on_disk = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert on_disk == datapackage_descriptor()


def test_every_file_in_data_is_described():
    described = {ds.filename for ds in DATASETS.values()} | {"datapackage.json"}
    assert {p.name for p in DATA_DIR.iterdir()} == described


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_each_resource_names_source_licence_access_date_and_derivation(name):
    resource = next(r for r in datapackage_descriptor()["resources"] if r["name"] == name)
    assert resource["sources"] and all(s["path"].startswith("https://") for s in resource["sources"])
    assert resource["licenses"] and resource["accessed"] and len(resource["derivation"]) > 40
    for field in resource["schema"]["fields"]:
        assert field["description"], f"{name}.{field['name']} has no description"


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_each_dataset_loads_with_typed_columns(name):
    frame = load(name)
    assert len(frame) > 0
    assert list(frame.columns) == [f.name for f in DATASETS[name].fields]


@pytest.mark.skipif(not DEFAULT_RAW_DIR.is_dir(), reason="raw reference data not beside the course")
def test_rederiving_from_the_raw_files_reproduces_data_exactly(tmp_path):
    derive_all(DEFAULT_RAW_DIR, tmp_path)
    hand_made = {ds.filename for ds in DATASETS.values() if ds.hand_made}
    for path in DATA_DIR.iterdir():
        if path.name in hand_made:
            assert not (tmp_path / path.name).exists(), "make data must not write hand-made tables"
            continue
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), f"{path.name} is stale: run make data"


def test_fatality_duplicates_are_counted_once():
    duplicates = load("un_fatalities_duplicate_records")
    assert len(duplicates) == 12 and duplicates["casualty_id"].nunique() == 6
    assert duplicates["kept"].sum() == 6
    fatalities = load("un_fatalities_by_year")
    assert fatalities["fatalities"].sum() == 4429 - 6  # rows in the UN extract minus repeated ids
    assert set(fatalities["personnel_type"]) >= {"Local", "Military", "Police"}  # 'Local ' stripped


def test_hand_made_tables_give_a_source_for_every_row():
    for name, ds in DATASETS.items():
        if ds.hand_made:
            frame = load(name)
            assert frame["source"].notna().all() and frame["source_url"].str.startswith("http").all()


def test_derivation_fixes_known_problems_in_the_sources():
    ops = load("un_peacekeeping_operations").set_index("acronym")
    assert not {"UNOSOM", "UNEF", "UNAVEM"} & set(ops.index), "combined rows must be dropped"
    # Mogadishu is about 45.3 E, 2.0 N; Bamako about 8.0 W, 12.65 N
    assert ops.loc["UNOSOM II", "hq_longitude"] == pytest.approx(45.35)
    assert ops.loc["UNOSOM II", "hq_latitude"] == pytest.approx(2.0333)
    assert ops.loc["MINUSMA", "hq_longitude"] == pytest.approx(-8.0)
    assert ops.loc["MINUSMA", "end_date"] == pd.Timestamp("2023-12-31")
    # every headquarters lies in a plausible place: latitude within +-60 degrees
    assert ops["hq_latitude"].dropna().abs().max() < 60
    by_mission = load("un_personnel_by_mission_month")
    assert "ONUCI" not in set(by_mission["mission"])
    yearly = load("un_uniformed_personnel_by_year").set_index("year")
    assert yearly.loc[:1991, "troops"].isna().all(), "no breakdown before 1992 must be missing, not zero"


def test_derive_reports_a_missing_raw_folder_clearly(tmp_path, capsys):
    assert main([str(tmp_path / "nowhere"), "--out", str(tmp_path)]) == 1
    assert "Raw data folder not found" in capsys.readouterr().err


# ------------------------------------------------------------------ loader errors

@pytest.fixture
def data_copy(tmp_path):
    for path in DATA_DIR.iterdir():
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def test_missing_file_names_the_file_and_the_fix(data_copy):
    (data_copy / "un_personnel_monthly.csv").unlink()
    with pytest.raises(DataError, match=r"un_personnel_monthly\.csv is missing.*make data"):
        load("un_personnel_monthly", data_copy)


def test_unknown_dataset_lists_the_known_ones():
    with pytest.raises(DataError, match="Known datasets: .*un_peacekeeping_operations"):
        load("un_budgets")


def test_missing_column_is_named(data_copy):
    path = data_copy / "un_personnel_monthly.csv"
    frame = pd.read_csv(path).drop(columns=["police"])
    frame.to_csv(path, index=False)
    with pytest.raises(DataError, match=r"un_personnel_monthly\.csv: column\(s\) police missing"):
        load("un_personnel_monthly", data_copy)


def set_cell(path, line_index, column, value):
    """Overwrite one cell of a CSV file (line_index 0 is the header)."""
    lines = path.read_text().splitlines()
    cells = lines[line_index].split(",")
    cells[column] = value
    lines[line_index] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n")


def test_wrong_type_names_field_and_line(data_copy):
    set_cell(data_copy / "un_uniformed_personnel_by_year.csv", 3, 1, "one")
    with pytest.raises(DataError, match=r"field 'missions_reported' should be of type integer on line 4"):
        load("un_uniformed_personnel_by_year", data_copy)


def test_empty_required_value_is_reported(data_copy):
    set_cell(data_copy / "un_personnel_monthly.csv", 5, -1, "")
    with pytest.raises(DataError, match=r"field 'total' is empty on line 6, but it is required"):
        load("un_personnel_monthly", data_copy)


def test_malformed_csv_gives_a_clear_message(data_copy):
    path = data_copy / "un_personnel_monthly.csv"
    path.write_text('date,contributors\n"2001-01-31,5\n2001-02-28,"6"x,7,8\n')
    with pytest.raises(DataError) as err:
        load("un_personnel_monthly", data_copy)
    assert "un_personnel_monthly.csv" in str(err.value)


def test_empty_file_gives_a_clear_message(data_copy):
    (data_copy / "un_personnel_monthly.csv").write_text("")
    with pytest.raises(DataError, match="un_personnel_monthly.csv could not be read as CSV"):
        load("un_personnel_monthly", data_copy)
