"""A state's own long-term projections in the one demand model, on the real reference database: for the
state and its areas they replace the national-rate openings estimate and add the state's growth, labelled
as the state's; other states' areas, and codes the state file lacks, keep the national rate.

State files are written here in the official layout with made-up figures and imported by the staff
importer (tests/official_formats.py); the OEWS and national figures are the shipped real data."""

from __future__ import annotations

import io
import shutil

import duckdb
import pandas as pd
import pytest

from lmi.demand import DemandModel
from lmi.demand.codes import CodeResolver
from lmi.demand.openings import OPENINGS_BASIS_WORDS
from lmi.demand.state_projections import NATIONAL_BASIS, STATE_BASIS, combine, downloaded_states, reference_projections
from lmi.records.db import open_records
from lmi.records.state_projections import import_state_projections, projection_reference, stored_projections
from tests import official_formats as official

CONNECTICUT, HARTFORD, MASSACHUSETTS, BOSTON = "0900000", "0025540", "2500000", "0014460"
GEORGIA, SOUTH_CAROLINA, AUGUSTA = "1300000", "4500000", "0012260"  # Augusta-Richmond County, GA-SC
CODES = ["29-1141", "11-1011", "29-1211", "31-1120", "15-1252"]
STATE_ROWS = tuple(row for row in official.STATE_PROJECTION_ROWS if row[0] != "0")
COLUMNS = [
    "soc_code",
    "local_employment_count",
    "local_annual_openings_est_count",
    "openings_basis",
    "local_growth_pct",
    "local_growth_period",
    "local_growth_basis",
    "local_projection_source",
]


def state_file(fips: str, name: str, rows=STATE_ROWS) -> bytes:
    return official.state_projections_csv(rows=tuple((fips, name) + row[2:] for row in rows))


def imported(tmp_path, ref_con, *files: tuple[str, bytes]) -> pd.DataFrame:
    """Import each (name, data) through the staff importer; the stored rows, as the model takes them."""
    records = open_records(tmp_path / "records.duckdb")
    try:
        reference = projection_reference(ref_con, CodeResolver(ref_con))
        for name, data in files:
            result = import_state_projections(records, reference, name, io.BytesIO(data), "Dana")
            assert result.outcome == "imported", result.message
        return stored_projections(records)
    finally:
        records.close()


@pytest.fixture(scope="module")
def national(ref_con) -> DemandModel:
    return DemandModel(ref_con)


@pytest.fixture(scope="module")
def connecticut(ref_con, tmp_path_factory) -> DemandModel:
    rows = imported(tmp_path_factory.mktemp("ct"), ref_con, ("connecticut.csv", state_file("9", "Connecticut")))
    return DemandModel(ref_con, state_projections=rows)


def row(frame: pd.DataFrame, code: str, key: str = "soc_code") -> pd.Series:
    return frame.set_index(key).loc[code]


def test_the_state_shows_its_own_openings_and_growth(connecticut):
    rn = row(connecticut.bls_codes(CONNECTICUT, CODES), "29-1141")
    assert rn.local_annual_openings_est_count == official.CT_RN_OPENINGS
    assert rn.openings_basis == "state_projections"
    assert (rn.local_growth_pct, rn.local_growth_period, rn.local_growth_basis) == (
        official.CT_RN_CHANGE_PCT,
        "2022-2032",
        STATE_BASIS,
    )
    assert rn.local_projection_source.startswith(
        "Connecticut long-term projections 2022-2032 (imported by staff: connecticut.csv"
    )
    assert rn.national_growth_2024_34_pct == 4.9  # the national columns stay as they are
    assert rn.local_openings_per_10k_jobs == pytest.approx(
        10_000 * official.CT_RN_OPENINGS / rn.area_total_employment_count
    )
    assert connecticut.state_projection_states == ("09",)
    assert "state's own long-term projections" in OPENINGS_BASIS_WORDS[rn.openings_basis]


def test_an_area_of_the_state_gets_the_states_openings_per_oews_job(connecticut):
    state = row(connecticut.bls_codes(CONNECTICUT, CODES), "29-1141")
    hartford = row(connecticut.bls_codes(HARTFORD, CODES), "29-1141")
    expected = official.CT_RN_OPENINGS * hartford.local_employment_count / state.local_employment_count
    assert (hartford.local_employment_count, state.local_employment_count) == (13850, 40110)
    assert hartford.local_annual_openings_est_count == pytest.approx(expected)
    assert hartford.openings_basis == "state_projections"
    assert (hartford.local_growth_pct, hartford.local_growth_basis) == (official.CT_RN_CHANGE_PCT, STATE_BASIS)


def test_every_area_of_the_state_is_covered(ref_con, connecticut):
    areas = [
        code
        for (code,) in ref_con.execute(
            "SELECT area_code FROM core_area WHERE state_fips = '09' AND area_kind <> 'state'"
        ).fetchall()
    ]
    frame = connecticut.areas(areas, ["11-1011"])
    published = frame[frame.local_employment_count.notna()]
    assert len(published) and set(published.openings_basis) == {"state_projections"}
    assert set(frame.local_growth_basis) == {STATE_BASIS}


def test_other_states_and_codes_the_file_lacks_keep_the_national_rate(connecticut, national):
    for area in (MASSACHUSETTS, BOSTON):
        overlaid, plain = connecticut.bls_codes(area, CODES), national.bls_codes(area, CODES)
        pd.testing.assert_frame_equal(overlaid[COLUMNS], plain[COLUMNS])
        assert set(overlaid.openings_basis) <= {"national_rate", "no_local_employment"}
        assert set(overlaid.local_growth_basis) == {NATIONAL_BASIS}
    for area in (CONNECTICUT, HARTFORD):
        overlaid, plain = connecticut.bls_codes(area, CODES), national.bls_codes(area, CODES)
        for code in ("31-1120", "15-1252", "29-1211"):  # not in the file, or (NA) in it
            assert row(overlaid, code)[COLUMNS[1:]].equals(row(plain, code)[COLUMNS[1:]]), (area, code)
            assert row(overlaid, code).local_projection_source == "BLS Employment Projections 2024-34 (national)"


def test_the_nation_is_never_overlaid(connecticut, national):
    pd.testing.assert_frame_equal(
        connecticut.bls_codes("0000000", CODES)[COLUMNS], national.bls_codes("0000000", CODES)[COLUMNS]
    )


def test_occupations_show_the_state_figure_of_their_bls_code_and_say_whose_it_is(connecticut):
    frame = connecticut.occupations(HARTFORD, ["29-1141.00", "29-1141.01", "11-1011.00", "31-1122.00"])
    by_code = frame.set_index("onet_soc_code")
    for code in ("29-1141.00", "29-1141.01"):
        assert by_code.at[code, "openings_basis"] == "state_projections"
        assert by_code.at[code, "demand_soc_code"] == "29-1141"
    assert by_code.at["29-1141.01", "demand_basis"].startswith("BLS group 29-1141 Registered Nurses")
    assert by_code.at["11-1011.00", "local_growth_pct"] == -2.9
    assert by_code.at["31-1122.00", "openings_basis"] == "national_rate"  # 31-1120 is not in the file


def test_a_group_is_summed_only_when_the_state_published_all_its_members(ref_con, tmp_path, national):
    members = (
        ("9", "Connecticut", "31-1121", "Home Health Aides", "2022", "20000", "2032", "24000", "4000", "20.0", "3400"),
        (
            "9",
            "Connecticut",
            "31-1122",
            "Personal Care Aides",
            "2022",
            "30000",
            "2032",
            "33000",
            "3000",
            "10.0",
            "4600",
        ),
    )
    whole = DemandModel(
        ref_con,
        state_projections=imported(
            tmp_path / "whole", ref_con, ("ct.csv", official.state_projections_csv(rows=members))
        ),
    )
    aides = row(whole.bls_codes(CONNECTICUT, ["31-1120"]), "31-1120")
    assert aides.local_annual_openings_est_count == 3400 + 4600
    assert aides.local_growth_pct == pytest.approx(100 * (57000 - 50000) / 50000)
    one_member = official.state_projections_csv(rows=members[:1])
    part = DemandModel(ref_con, state_projections=imported(tmp_path / "part", ref_con, ("ct.csv", one_member)))
    assert row(part.bls_codes(CONNECTICUT, ["31-1120"]), "31-1120").openings_basis == "national_rate"


def test_a_metro_crossing_a_state_line_takes_its_home_states_projections(ref_con, tmp_path, national):
    georgia = DemandModel(
        ref_con, state_projections=imported(tmp_path / "ga", ref_con, ("georgia.csv", state_file("13", "Georgia")))
    )
    augusta = row(georgia.bls_codes(AUGUSTA, ["29-1141"]), "29-1141")
    state = row(georgia.bls_codes(GEORGIA, ["29-1141"]), "29-1141")
    assert augusta.openings_basis == "state_projections"
    assert augusta.local_annual_openings_est_count == pytest.approx(
        official.CT_RN_OPENINGS * augusta.local_employment_count / state.local_employment_count
    )
    assert "including those in South Carolina (OEWS files the area under Georgia)" in augusta.local_projection_source
    south_carolina = DemandModel(
        ref_con,
        state_projections=imported(
            tmp_path / "sc", ref_con, ("south-carolina.csv", state_file("45", "South Carolina"))
        ),
    )
    assert row(south_carolina.bls_codes(SOUTH_CAROLINA, ["29-1141"]), "29-1141").openings_basis == "state_projections"
    assert row(south_carolina.bls_codes(AUGUSTA, ["29-1141"]), "29-1141").openings_basis == "national_rate"


def test_downloaded_projections_apply_and_a_staff_import_wins_for_its_state(reference_db, tmp_path, ref_con):
    copy = tmp_path / "lmi.duckdb"
    shutil.copyfile(reference_db, copy)
    con = duckdb.connect(str(copy))
    try:
        for fips, name, openings in (("09", "Connecticut", 2500), ("13", "Georgia", 6000)):
            con.execute(
                """INSERT INTO core_state_projection VALUES ($fips, $name, '29-1141', 'Registered Nurses',
                           2022, 2032, 40000, 43000, 3000, 7.5, $openings)""",
                {"fips": fips, "name": name, "openings": openings},
            )
        downloaded = DemandModel(con)
        assert downloaded.state_projection_states == ("09", "13")
        assert downloaded_states(con).values.tolist() == [
            ["09", "Connecticut", "2022-2032", 1],
            ["13", "Georgia", "2022-2032", 1],
        ]
        rn = row(downloaded.bls_codes(CONNECTICUT, ["29-1141"]), "29-1141")
        assert (rn.local_annual_openings_est_count, rn.openings_basis) == (2500, "state_projections")
        assert (
            rn.local_projection_source == "Connecticut long-term projections 2022-2032 (Projections Central, "
            "downloaded)"
        )
        staff = imported(tmp_path, ref_con, ("connecticut.csv", state_file("9", "Connecticut")))
        both = DemandModel(con, state_projections=staff)
        assert (
            row(both.bls_codes(CONNECTICUT, ["29-1141"]), "29-1141").local_annual_openings_est_count
            == official.CT_RN_OPENINGS
        )
        assert row(both.bls_codes(GEORGIA, ["29-1141"]), "29-1141").local_annual_openings_est_count == 6000
        combined = combine(reference_projections(con), staff)
        labels = combined.loc[combined.state_fips == "09", "source_label"]
        assert labels.str.contains("imported by staff").all() and len(labels) == len(staff)
    finally:
        con.close()


def test_without_state_projections_every_growth_figure_is_the_nations(national):
    frame = national.bls_codes(HARTFORD)
    known = frame.national_growth_2024_34_pct.notna()
    assert (frame.loc[known, "local_growth_pct"] == frame.loc[known, "national_growth_2024_34_pct"]).all()
    assert set(frame.loc[known, "local_growth_basis"]) == {NATIONAL_BASIS}
    assert set(frame.loc[known, "local_growth_period"]) == {"2024-2034"}
    assert frame.loc[~known, "local_growth_basis"].isna().all()
    assert "state_projections" not in set(frame.openings_basis)


def test_several_areas_at_once_say_what_each_area_read_alone_says(connecticut):
    """The map of every state reads all areas in one pass (``DemandModel.areas``); each row must be the row the
    area's own read gives (the region comparison's), overlaid states, other states and the nation alike."""
    areas = [CONNECTICUT, HARTFORD, MASSACHUSETTS, BOSTON, GEORGIA, AUGUSTA, "0000000"]
    together = connecticut.areas(areas, CODES).set_index(["area_code", "soc_code"]).sort_index()
    alone = pd.concat([connecticut.bls_codes(area, CODES) for area in areas]).set_index(["area_code", "soc_code"])
    alone = alone.sort_index()[together.columns]
    pd.testing.assert_frame_equal(together, alone, check_dtype=False, check_index_type=False)
