"""Each source parser on tiny files in the publisher's own format (made by tests/official_formats.py)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from etl.catalog import source_by_key
from etl.errors import SchemaDriftError, SnapshotError, SourceValueError
from etl.raw_tables import Column, RawTable, conform_frame
from etl.releases import load_releases
from etl.sources import cip, geo, indeed, oews, onet, projections
from tests import official_formats as official


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------------------------------------
# conform_frame: what every parser relies on for its error messages
# ---------------------------------------------------------------------------------------------

TABLE = RawTable(
    "raw_example",
    "example",
    "example.csv",
    (Column("Code", "code"), Column("Employment", "employment", "integer"), Column("Wage", "wage", "double")),
)


def test_bad_number_names_file_row_and_column():
    frame = pd.DataFrame({"Code": ["a", "b", "c"], "Employment": ["1", "2", "3"], "Wage": ["1.5", "n.a.", "2"]})
    with pytest.raises(SourceValueError, match=r"example\.csv: row 3, column 'Wage': 'n\.a\.' is not a number"):
        conform_frame(frame, TABLE, "example.csv")


def test_fractional_integer_names_its_row():
    frame = pd.DataFrame({"Code": ["a", "b"], "Employment": ["1,200", "2.5"], "Wage": ["1", "2"]})
    with pytest.raises(SourceValueError, match=r"example\.csv: row 3, column 'Employment': '2\.5' is not a whole"):
        conform_frame(frame, TABLE, "example.csv")


def test_missing_column_is_schema_drift_listing_what_was_found():
    frame = pd.DataFrame({"Code": ["a"], "Employed": ["1"], "Wage": ["2"]})
    with pytest.raises(SchemaDriftError) as error:
        conform_frame(frame, TABLE, "example.csv")
    message = str(error.value)
    assert message.startswith("example.csv: expected column(s) 'Employment' are missing")
    assert "'employed'" in message and "'code'" in message  # what was found instead


def test_conform_strips_headers_types_values_and_keeps_thousands():
    frame = pd.DataFrame({" Code ": [" a "], "\ufeffEmployment": ["1,234"], "Wage": [""], "Extra": ["x"]})
    out = conform_frame(frame, TABLE, "example.csv")
    assert list(out.columns) == ["code", "employment", "wage"]
    assert out.iloc[0].code == "a" and out.iloc[0].employment == 1234 and pd.isna(out.iloc[0].wage)


# ---------------------------------------------------------------------------------------------
# O*NET text edition
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def onet_frames(tmp_path_factory):
    path = write(tmp_path_factory.mktemp("onet"), "db_29_3_text.zip", official.onet_text_zip())
    return onet.read_text_zip(path, onet.ONET_TABLES + onet.ONET_WORK_ACTIVITIES_TABLES)


def test_onet_text_edition_parses_every_declared_table(onet_frames):
    for table in onet.ONET_TABLES + onet.ONET_WORK_ACTIVITIES_TABLES:
        assert list(onet_frames[table.name].columns) == table.column_names
        assert len(onet_frames[table.name]) > 0
    skills = onet_frames["raw_onet_skills"].set_index(["onet_soc_code", "element_id", "scale_id"])
    assert skills.loc[("29-1141.00", "2.A.1.a", "IM"), "data_value"] == official.RN_READING_IMPORTANCE


def test_onet_columns_only_the_excel_edition_carries_are_looked_up(onet_frames):
    skills = onet_frames["raw_onet_skills"]
    rn = skills[skills.onet_soc_code == "29-1141.00"].iloc[0]
    assert rn.title == "Registered Nurses" and rn.scale_name == "Importance"
    related = onet_frames["raw_onet_related_occupations"].set_index("onet_soc_code")
    assert related.loc["29-1141.00", "related_title"] == "Critical Care Nurses"
    tasks = onet_frames["raw_onet_tasks_to_dwas"].set_index("task_id")
    assert tasks.loc[15203, "task"].startswith("Monitor, record, and report")
    assert tasks.loc[15203, "dwa_title"] == "Review records of patient care."
    dwa = onet_frames["raw_onet_dwa_reference"].iloc[0]
    assert dwa.element_name == "Getting Information" and dwa.iwa_title == "Study details of operations or records."


def test_onet_na_marks_become_null(onet_frames):
    skills = onet_frames["raw_onet_skills"]
    assert skills[skills.scale_id == "IM"].not_relevant.isna().all()
    assert (skills[skills.scale_id == "LV"].not_relevant == "N").all()
    ete = onet_frames["raw_onet_education_training_experience"]
    assert ete[ete.data_value == 0].lower_ci_bound.isna().all()
    titles = onet_frames["raw_onet_alternate_titles"].set_index("alternate_title")
    assert pd.isna(titles.loc["Staff Nurse", "short_title"])


def test_onet_file_with_excel_edition_headers_also_parses():
    table = onet.ONET_TABLES[5]  # Job Zones: the Excel edition adds Title
    raw = official.text_table(
        [c.header for c in table.columns], [["29-1141.00", "Registered Nurses", "3", "08/2024", "Analyst"]]
    )
    frame = conform_frame(
        onet.read_text_frame(raw), table, "Job Zones.txt", first_row=2, null_markers=onet.TEXT_NULL_MARKERS
    )
    assert frame.iloc[0].job_zone == 3 and frame.iloc[0].title == "Registered Nurses"


def test_onet_archive_without_a_table_names_the_missing_file(tmp_path):
    rows = official.onet_rows()
    members = {
        f"db_29_3_text/{name}.txt": official.text_table(official.TEXT_HEADERS[name], rows[name])
        for name in ("Occupation Data", "Skills", "Scales Reference")
    }
    path = write(tmp_path, "db_29_3_text.zip", official.zip_bytes(members))
    with pytest.raises(SnapshotError, match=r"db_29_3_text\.zip: 'Knowledge\.txt' is missing from the archive"):
        onet.read_text_zip(path, onet.ONET_TABLES[:3])


def test_onet_bad_rating_names_member_row_and_column(tmp_path):
    rows = official.onet_rows()
    rows["Skills"][3][4] = "high"  # Data Value of the 4th data row (file row 5)
    members = {
        f"db_29_3_text/{name}.txt": official.text_table(official.TEXT_HEADERS[name], rows[name])
        for name in official.TEXT_HEADERS
    }
    path = write(tmp_path, "db_29_3_text.zip", official.zip_bytes(members))
    expected = "db_29_3_text.zip:db_29_3_text/Skills.txt: row 5, column 'Data Value': 'high' is not a number"
    with pytest.raises(SourceValueError, match=re.escape(expected)):
        onet.read_text_zip(path, onet.ONET_TABLES)


# ---------------------------------------------------------------------------------------------
# BLS OEWS flat files
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def oews_folder(tmp_path_factory):
    return official.write_files(tmp_path_factory.mktemp("oews"), official.oews_flat_files())


def test_oews_lookup_files_are_parsed_and_stripped(oews_folder):
    areas = oews.read_lookup_file(oews_folder / "oe.area")
    assert areas.to_dict("records")[2] == {
        "area_code": "0025540",
        "areatype_code": "M",
        "state_code": "09",
        "area_name": "Hartford-West Hartford-East Hartford, CT",
    }
    occupations = oews.read_lookup_file(oews_folder / "oe.occupation")
    assert list(occupations.columns) == ["occupation_code", "occupation_name", "display_level"]
    assert occupations.set_index("occupation_code").loc["291141", "display_level"] == 3
    release = oews.read_lookup_file(oews_folder / "oe.release")
    assert release.to_dict("records") == [{"release_code": "2025A01", "description": "May 2025"}]


def test_oews_lookup_file_is_read_as_windows_1252(tmp_path):
    data = official.labstat_table(
        ["state_code", "area_code", "areatype_code", "area_name"], [("72", "0032420", "M", "Mayagüez, PR")]
    )
    assert "ü".encode("cp1252") in data
    areas = oews.read_lookup_file(write(tmp_path, "oe.area", data))
    assert areas.iloc[0].area_name == "Mayagüez, PR"


def test_oews_bad_display_level_names_file_row_and_column(tmp_path):
    data = official.labstat_table(
        ["occupation_code", "occupation_name", "display_level"],
        [("000000", "All Occupations", "0"), ("291141", "Registered Nurses", "three")],
    )
    with pytest.raises(SourceValueError, match=r"oe\.occupation: row 3, column 'display_level': 'three'"):
        oews.read_lookup_file(write(tmp_path, "oe.occupation", data))


def test_oews_data_file_is_pivoted_to_one_row_per_cross_industry_cell(oews_folder):
    cells = oews.read_data_file(oews_folder / "oe.data.0.Current", "2025", "A01").set_index("series_key")
    assert len(cells) == len(official.OEWS_CELLS)  # the industry-specific row is left out
    assert all(key[11:17] == "000000" for key in cells.index)
    hartford_rn = cells.loc["OEUM0025540000000291141"]
    assert (hartford_rn.v01, hartford_rn.v13, hartford_rn.v17) == ("13850", "101470", "1.06")
    assert pd.isna(cells.loc["OEUN0000000000000291141"].v16)  # no row for that data type nationally


def test_oews_footnotes_and_dashes_are_kept_as_published(oews_folder):
    cells = oews.read_data_file(oews_folder / "oe.data.0.Current", "2025", "A01").set_index("series_key")
    not_released = cells.loc["OEUS0900000000000291211"]  # Connecticut anesthesiologists
    assert (not_released.v01, not_released.f01) == ("-", "8")
    assert (not_released.v13, not_released.f13) == ("-", "5")
    assert not_released.v11 == "75050" and pd.isna(not_released.f11)  # a published value has no footnote


def test_oews_data_file_for_another_year_is_refused_naming_both(tmp_path):
    data = official.oews_flat_files(year="2024")["oe.data.0.Current"]
    path = write(tmp_path, "oe.data.0.Current", data)
    with pytest.raises(SchemaDriftError) as error:
        oews.read_data_file(path, "2025", "A01")
    message = str(error.value)
    assert "oe.data.0.Current" in message and "2024 A01" in message and "2025 A01" in message


def test_oews_data_file_with_other_headers_is_schema_drift(tmp_path):
    path = write(tmp_path, "oe.data.0.Current", b"series\tyr\tperiod\tvalue\tfootnote_codes\nOEU\t2025\tA01\t1\t\n")
    with pytest.raises(SchemaDriftError, match="oe.data.0.Current: expected columns"):
        oews.read_data_file(path, "2025", "A01")


def test_oews_year_and_period_come_from_releases_toml(oews_folder):
    release = load_releases()["oews"]
    assert (release.setting("data_year"), release.setting("period")) == ("2025", "A01")
    frames = source_by_key("oews").read_downloaded(oews_folder)
    assert set(frames) == {t.name for t in oews.OEWS_TABLES}
    with pytest.raises(KeyError, match=r"\[sources\.oews\] has no 'missing' key"):
        release.setting("missing")


# ---------------------------------------------------------------------------------------------
# BLS Employment Projections workbook
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def projection_frames(tmp_path_factory):
    path = write(tmp_path_factory.mktemp("ep"), "occupation.xlsx", official.projections_workbook())
    return projections.read_workbook(path)


def test_projections_keep_data_rows_and_drop_title_and_notes(projection_frames):
    table = projection_frames["raw_ep_occupation"]
    assert len(table) == 3 + len(official.PROJECTION_LINES)
    assert not table.title.str.contains("Footnotes|Note:|Source:").any()
    assert set(projection_frames["raw_ep_separations"].soc_code) == set(table.soc_code)


def test_projections_em_dash_is_null_and_top_coded_wage_stays_text(projection_frames):
    table = projection_frames["raw_ep_occupation"].set_index("soc_code")
    assert pd.isna(table.loc["29-1211", "self_employed_2024_pct"])
    assert pd.isna(table.loc["00-0000", "typical_entry_education"])
    assert table.loc["29-1211", "median_annual_wage_2024_text"] == ">=$239,200"
    assert table.loc["29-1141", "employment_2024_thousands"] == official.RN_EMPLOYMENT_2024_THOUSANDS


def test_projections_bad_number_names_sheet_row_and_column(tmp_path):
    table_1_2, table_1_10 = official.projection_rows()
    table_1_2[4][3] = "n.a."  # 5th data row: sheet row 7 (title row 1, headers row 2)
    data = official.workbook_bytes(
        {
            "Table 1.2": [["title"], official.TABLE_1_2_HEADERS, *table_1_2],
            "Table 1.10": [["title"], official.TABLE_1_10_HEADERS, *table_1_10],
        }
    )
    expected = "occupation.xlsx, sheet 'Table 1.2': row 7, column 'Employment, 2024': 'n.a.' is not a number"
    with pytest.raises(SourceValueError, match=re.escape(expected)):
        projections.read_workbook(write(tmp_path, "occupation.xlsx", data))


def test_projections_missing_sheet_is_schema_drift(tmp_path):
    data = official.workbook_bytes({"Table 1.2": [["title"], official.TABLE_1_2_HEADERS]})
    with pytest.raises(SchemaDriftError, match=r"occupation\.xlsx: sheet 'Table 1\.10' not found"):
        projections.read_workbook(write(tmp_path, "occupation.xlsx", data))


# ---------------------------------------------------------------------------------------------
# NCES CIP
# ---------------------------------------------------------------------------------------------


def test_cip_codes_are_unwrapped_from_excel_formulas(tmp_path):
    codes = cip.read_cip_codes(write(tmp_path, "CIPCode2020.csv", official.cip_codes_csv()))
    assert list(codes.cip_code) == [code for _, code, _ in official.CIP_CODES]
    assert codes.set_index("cip_code").loc["01.0104", "cip_family"] == "01"


def test_cip_soc_crosswalk_sheet_is_read(tmp_path):
    crosswalk = cip.read_crosswalk_workbook(
        write(tmp_path, "CIP2020_SOC2018_Crosswalk.xlsx", official.cip_soc_workbook())
    )
    assert crosswalk.iloc[1].to_dict() == {
        "cip_code": "51.3801",
        "cip_title": "Registered Nursing/Registered Nurse.",
        "soc_code": "29-1141",
        "soc_title": "Registered Nurses",
    }


def test_cip_workbook_without_the_sheet_is_schema_drift(tmp_path):
    data = official.workbook_bytes({"Introduction": [["CIP 2020 to SOC 2018 Crosswalk"]]})
    with pytest.raises(SchemaDriftError, match="sheet 'CIP-SOC' not found"):
        cip.read_crosswalk_workbook(write(tmp_path, "CIP2020_SOC2018_Crosswalk.xlsx", data))


# ---------------------------------------------------------------------------------------------
# Census gazetteer and OMB delineation
# ---------------------------------------------------------------------------------------------


def test_delineation_header_is_found_on_row_three(tmp_path):
    frame = geo.read_delineation(write(tmp_path, "list1_2023.xlsx", official.delineation_workbook()))
    assert len(frame) == len(official.DELINEATION_ROWS)  # title rows and notes are left out
    first = frame.iloc[0]
    assert (first.cbsa_code, first.state_fips, first.county_fips) == ("25540", "09", "110")
    assert pd.isna(first.metro_division_code)


def test_delineation_without_header_row_is_schema_drift(tmp_path):
    data = official.workbook_bytes({"List 1": [["List 1"], ["July 2023"], ["Code", "Title"]]})
    with pytest.raises(SchemaDriftError, match="no header row starting with 'CBSA Code'"):
        geo.read_delineation(write(tmp_path, "list1_2023.xlsx", data))


def test_gazetteer_is_read_from_its_zip_with_padded_headers(tmp_path):
    frame = geo.read_gazetteer(write(tmp_path, "2024_Gaz_cbsa_national.zip", official.gazetteer_zip()))
    hartford = frame.set_index("cbsa_code").loc["25540"]
    assert hartford.latitude_deg == pytest.approx(41.688038) and hartford.longitude_deg == pytest.approx(-72.545112)
    assert pd.isna(frame.set_index("cbsa_code").loc["45860", "csa_code"])


def test_gazetteer_cut_short_is_refused(tmp_path):
    data = official.gazetteer_zip()
    with pytest.raises(SnapshotError, match=r"2024_Gaz_cbsa_national\.zip: not a readable zip archive"):
        geo.read_gazetteer(write(tmp_path, "2024_Gaz_cbsa_national.zip", data[: len(data) // 2]))


# ---------------------------------------------------------------------------------------------
# Indeed Hiring Lab
# ---------------------------------------------------------------------------------------------


def test_indeed_csvs_are_read(tmp_path):
    files = official.indeed_csvs()
    for table in indeed.INDEED_TABLES:
        frame = indeed.read_postings_csv(
            write(tmp_path, table.official_file, files[table.official_file]), table.official_file
        )
        assert list(frame.columns) == table.column_names and len(frame) == 6
