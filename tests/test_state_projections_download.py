"""State long-term projections from Projections Central: the parser on small files in the official layout
(written here, made-up figures), the download against a local HTTP server (pytest-httpserver; nothing
reaches the internet), the optional raw table and ``core_state_projection``."""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import json
from pathlib import Path

import duckdb
import pytest

from etl import build as build_module
from etl.catalog import all_raw_tables, declared_raw_tables, optional_raw_tables, source_by_key
from etl.download import ORIGIN_NOT_SHIPPED, download_and_build, download_source, read_shipped_source
from etl.errors import DownloadError, SchemaDriftError, SourceValueError
from etl.http import make_session
from etl.releases import PinnedFile, load_releases
from etl.sources.state_projections import OFFICIAL_FILE, STATE_PROJECTIONS, read_projections_csv
from tests import official_formats as official

CONTACT = "tests@example.org"
SQL_FILE = Path(build_module.SQL_DIR) / "70_core_state_projection.sql"
BUILD_LOADS_OPTIONAL_TABLES = "declared_raw_tables" in inspect.getsource(build_module)


def write_csv(tmp_path: Path, data: bytes, name: str = OFFICIAL_FILE) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.fixture
def session():
    return make_session(CONTACT, sleep=lambda seconds: None, timeout=(2, 10))


# ---------------------------------------------------------------------------------------------
# the parser
# ---------------------------------------------------------------------------------------------


def test_parser_reads_the_bulk_csv_as_the_declared_raw_table(tmp_path):
    table = read_projections_csv(write_csv(tmp_path, official.state_projections_csv()), "2022-2032")
    assert list(table.columns) == STATE_PROJECTIONS.column_names
    assert len(table) == len(official.STATE_PROJECTION_ROWS)  # every published row, the national one too
    rn = table[(table.state_fips == "9") & (table.soc_code == "29-1141")].iloc[0]
    assert (rn.base_employment_count, rn.projected_employment_count) == (official.CT_RN_BASE, official.CT_RN_PROJECTED)
    assert (rn.employment_change_pct, rn.annual_openings_count) == (official.CT_RN_CHANGE_PCT, official.CT_RN_OPENINGS)
    assert (rn.base_year, rn.projected_year) == (2022, 2032)
    unpublished = table[table.soc_code == "29-1211"].iloc[0]
    assert unpublished[["base_employment_count", "annual_openings_count", "employment_change_pct"]].isna().all()
    assert table.loc[table.soc_code == "11-1011", "employment_change_count"].iloc[0] == -50


@pytest.mark.parametrize(
    "headers",
    [
        (
            "STFIPS",
            "Area",
            "OccCode",
            "Title",
            "BaseYear",
            "Base",
            "ProjYear",
            "Projected",
            "Change",
            "PercentChange",
            "AvgAnnualOpenings",
        ),
        (
            "State FIPS",
            "Area Name",
            "Occupation Code",
            "Occupation Name",
            "Base Year",
            "Base",
            "Projected Year",
            "Projection",
            "Change",
            "Percent Change",
            "Average Annual Openings",
        ),
        tuple(h.lower() for h in official.STATE_PROJECTION_HEADERS),
    ],
    ids=["rest-names", "older-excel-names", "lower-case"],
)
def test_parser_accepts_the_other_spellings_projections_central_has_used(tmp_path, headers):
    table = read_projections_csv(write_csv(tmp_path, official.state_projections_csv(headers)), "2022-2032")
    connecticut_rn = (table.state_fips == "9") & (table.soc_code == "29-1141")
    assert table.loc[connecticut_rn, "annual_openings_count"].tolist() == [official.CT_RN_OPENINGS]
    assert table.loc[connecticut_rn, "area_name"].tolist() == ["Connecticut"]


def test_a_missing_column_fails_naming_it_and_the_columns_found(tmp_path):
    headers = tuple(h for h in official.STATE_PROJECTION_HEADERS if h != "AVGANNUALOPENINGS")
    rows = tuple(row[:-1] for row in official.STATE_PROJECTION_ROWS)
    with pytest.raises(SchemaDriftError, match=r"ltprojections\.csv: expected column\(s\) AVGANNUALOPENINGS") as error:
        read_projections_csv(write_csv(tmp_path, official.state_projections_csv(headers, rows)))
    assert "'PERCENTCHANGE'" in str(error.value)


def test_descriptive_columns_the_file_lacks_stay_empty(tmp_path):
    keep = [i for i, h in enumerate(official.STATE_PROJECTION_HEADERS) if h not in ("AREANAME", "TITLE", "CHANGE")]
    headers = tuple(official.STATE_PROJECTION_HEADERS[i] for i in keep)
    rows = tuple(tuple(row[i] for i in keep) for row in official.STATE_PROJECTION_ROWS)
    table = read_projections_csv(write_csv(tmp_path, official.state_projections_csv(headers, rows)), "2022-2032")
    assert table[["area_name", "soc_title", "employment_change_count"]].isna().all().all()
    assert table.annual_openings_count.notna().sum() == len(rows) - 1


def test_a_value_that_is_not_a_number_names_row_and_column(tmp_path):
    rows = list(official.STATE_PROJECTION_ROWS)
    rows[3] = rows[3][:5] + ("about 1,700",) + rows[3][6:]
    with pytest.raises(SourceValueError, match=r"row 5, column 'BASE': 'about 1,700' is not a number"):
        read_projections_csv(write_csv(tmp_path, official.state_projections_csv(rows=rows)))


def test_a_file_of_another_period_needs_a_reviewed_pin(tmp_path):
    path = write_csv(tmp_path, official.state_projections_csv())
    with pytest.raises(
        SourceValueError,
        match=r"row 2 covers 2022-2032, but etl/releases.toml pins "
        r"projection_period = '2024-2034'",
    ) as error:
        read_projections_csv(path, "2024-2034")
    assert "reviewed change" in str(error.value)


def test_the_source_is_pinned_and_its_table_is_optional():
    release = load_releases()["state_projections"]
    assert release.file(OFFICIAL_FILE).url == "https://public.projectionscentral.org/projections/file/longterm/csv"
    assert release.setting("projection_period") == release.version
    assert release.license.lower().startswith("public domain")
    assert "raw_state_projection" in optional_raw_tables() and "raw_state_projection" in declared_raw_tables()
    assert "raw_state_projection" not in all_raw_tables()  # a snapshot without it still builds
    assert source_by_key("state_projections").automated_download


# ---------------------------------------------------------------------------------------------
# the download: the pinned URL answers a JSON link to the CSV, or the CSV itself
# ---------------------------------------------------------------------------------------------


def local_release(httpserver):
    release = load_releases()["state_projections"]
    pinned = PinnedFile(OFFICIAL_FILE, httpserver.url_for("/projections/file/longterm/csv"), "")
    return dataclasses.replace(release, files=(pinned,))


def test_download_follows_the_json_link_to_the_csv(httpserver, session, tmp_path):
    data = official.state_projections_csv()
    link = httpserver.url_for("/presigned/ltprojections.csv") + "?X-Amz-Signature=abc"
    httpserver.expect_request("/projections/file/longterm/csv").respond_with_json({"content": link})
    httpserver.expect_request("/presigned/ltprojections.csv").respond_with_data(data, content_type="text/csv")
    release = local_release(httpserver)
    messages: list[str] = []
    frames, meta = download_source(source_by_key("state_projections"), release, tmp_path, session, messages.append)
    table = frames["raw_state_projection"]
    assert len(table) == len(official.STATE_PROJECTION_ROWS)
    assert [entry[0].path for entry in httpserver.log] == [
        "/projections/file/longterm/csv",
        "/presigned/ltprojections.csv",
    ]
    assert meta["made_from"][0]["url"] == release.files[0].url  # the pinned URL, never the signed link
    assert "Signature" not in json.dumps(meta)
    assert meta["made_from"][0]["sha256"] == hashlib.sha256(data).hexdigest()
    assert "lmi-dashboard" in httpserver.log[1][0].headers["User-Agent"]


def test_a_server_answering_with_the_csv_itself_is_read_directly(httpserver, session, tmp_path):
    httpserver.expect_request("/projections/file/longterm/csv").respond_with_data(
        official.state_projections_csv(), content_type="text/csv"
    )
    frames, _ = download_source(
        source_by_key("state_projections"), local_release(httpserver), tmp_path, session, lambda message: None
    )
    assert len(frames["raw_state_projection"]) == len(official.STATE_PROJECTION_ROWS)


def test_json_without_a_link_is_refused_naming_the_url(httpserver, session, tmp_path):
    httpserver.expect_request("/projections/file/longterm/csv").respond_with_json({"message": "maintenance"})
    release = local_release(httpserver)
    with pytest.raises(DownloadError, match="without a 'content' link") as error:
        download_source(source_by_key("state_projections"), release, tmp_path, session, lambda message: None)
    assert release.files[0].url in str(error.value)
    assert not list(tmp_path.rglob(OFFICIAL_FILE))


def test_an_expired_link_fails_naming_it(httpserver, session, tmp_path):
    link = httpserver.url_for("/presigned/ltprojections.csv")
    httpserver.expect_request("/projections/file/longterm/csv").respond_with_json({"content": link})
    httpserver.expect_request("/presigned/ltprojections.csv").respond_with_data("expired", status=403)
    with pytest.raises(DownloadError, match="403"):
        download_source(
            source_by_key("state_projections"), local_release(httpserver), tmp_path, session, lambda message: None
        )


def test_the_shipped_snapshot_has_no_state_projections():
    messages: list[str] = []
    frames, meta = read_shipped_source(source_by_key("state_projections"), messages.append)
    assert frames == {} and meta["origin"] == ORIGIN_NOT_SHIPPED
    assert messages == ["state_projections: not in the shipped snapshot; download it with --only state_projections"]


def test_the_reference_database_without_state_projections_has_an_empty_core_table(ref_con):
    assert ref_con.execute("SELECT count(*) FROM core_state_projection").fetchone()[0] == 0


# ---------------------------------------------------------------------------------------------
# core_state_projection
# ---------------------------------------------------------------------------------------------


def test_core_table_keeps_the_states_rows_and_leaves_the_united_states_to_bls(tmp_path):
    raw = read_projections_csv(write_csv(tmp_path, official.state_projections_csv()), "2022-2032")
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE core_state AS SELECT * FROM (VALUES ('09', 'CT', 'Connecticut')) "
        "s(state_fips, state_postal, state_name)"
    )
    con.register("raw_frame", raw)
    con.execute("CREATE TABLE raw_state_projection AS SELECT * FROM raw_frame")
    con.execute(SQL_FILE.read_text())
    rows = con.execute(
        "SELECT state_fips, state_name, soc_code, annual_openings_count, employment_change_pct "
        "FROM core_state_projection ORDER BY soc_code"
    ).fetchall()
    assert [r[:3] for r in rows] == [
        ("09", "Connecticut", code) for code in ("00-0000", "11-1011", "29-1141", "29-1211")
    ]
    assert rows[2][3:] == (official.CT_RN_OPENINGS, official.CT_RN_CHANGE_PCT)
    assert rows[3][3] is None  # (NA) stays unknown, never 0


@pytest.mark.slow
@pytest.mark.skipif(
    not BUILD_LOADS_OPTIONAL_TABLES,
    reason="etl/build.py loads only all_raw_tables(); it must load declared_raw_tables() "
    "for an optional table a snapshot carries (see the state projections report)",
)
def test_download_only_state_projections_builds_them_into_the_database(httpserver, session, tmp_path):
    release = local_release(httpserver)
    httpserver.expect_request("/projections/file/longterm/csv").respond_with_data(official.state_projections_csv())
    releases = {**load_releases(), "state_projections": release}
    download_and_build(
        tmp_path / "lmi.duckdb",
        cache_dir=tmp_path / "cache",
        only=["state_projections"],
        releases=releases,
        session=session,
        progress=lambda message: None,
    )
    con = duckdb.connect(str(tmp_path / "lmi.duckdb"), read_only=True)
    try:
        openings = con.execute(
            "SELECT annual_openings_count FROM core_state_projection WHERE state_fips = '09' AND soc_code = '29-1141'"
        ).fetchone()[0]
        origin = con.execute("SELECT origin FROM meta_provenance WHERE raw_table = 'raw_state_projection'").fetchone()
    finally:
        con.close()
    assert openings == official.CT_RN_OPENINGS
    assert origin == ("downloaded from the official URL",)
