"""The build from the shipped snapshot: refusing damaged input without touching the serving database,
replacing it atomically, and holding the values BLS, O*NET and the crosswalk publish.

Damage is done to a copy of data/snapshot in tmp_path; data/ itself is only ever read.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from etl.build import build_database
from etl.errors import DataCheckError, SchemaDriftError, SnapshotError
from etl.snapshot import MANIFEST_NAME, SHIPPED_SNAPSHOT

QUIET = {"progress": lambda message: None}


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def snapshot(tmp_path) -> Path:
    """A private copy of the shipped snapshot that a test may damage."""
    return Path(shutil.copytree(SHIPPED_SNAPSHOT, tmp_path / "snapshot"))


@pytest.fixture
def existing_db(tmp_path, reference_db) -> Path:
    """A good database where the failing build would have to put its result."""
    path = tmp_path / "var" / "lmi.duckdb"
    path.parent.mkdir()
    shutil.copyfile(reference_db, path)
    return path


def rewrite_table(snapshot: Path, name: str, frame: pd.DataFrame) -> None:
    """Replace one snapshot table and bring the manifest's checksum and row count up to date."""
    path = snapshot / f"{name}.parquet"
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path, compression="zstd")
    manifest_path = snapshot / MANIFEST_NAME
    manifest = json.loads(manifest_path.read_text())
    manifest["tables"][name].update(sha256=file_sha256(path), rows=len(frame))
    manifest_path.write_text(json.dumps(manifest, indent=2))


def assert_untouched(db: Path, before: str) -> None:
    assert file_sha256(db) == before, "a failed build must leave the existing database byte-for-byte as it was"
    assert not list(db.parent.glob(f".{db.name}.building-*")), "a failed build left its partial file behind"


# ---------------------------------------------------------------------------------------------
# Damaged snapshots are refused by name; the serving database stays as it was
# ---------------------------------------------------------------------------------------------


def test_corrupted_parquet_is_refused_by_name(snapshot, existing_db):
    before = file_sha256(existing_db)
    path = snapshot / "raw_oews_area.parquet"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(SnapshotError, match="raw_oews_area.parquet: checksum .* does not match the manifest"):
        build_database(existing_db, snapshot, **QUIET)
    assert_untouched(existing_db, before)


def test_unreadable_parquet_with_a_matching_manifest_is_refused_by_name(snapshot, existing_db):
    before = file_sha256(existing_db)
    path = snapshot / "raw_oews_footnote.parquet"
    path.write_bytes(path.read_bytes()[:-12] + b"not parquet!")  # footer gone, manifest then updated
    manifest = json.loads((snapshot / MANIFEST_NAME).read_text())
    manifest["tables"]["raw_oews_footnote"]["sha256"] = file_sha256(path)
    (snapshot / MANIFEST_NAME).write_text(json.dumps(manifest))
    with pytest.raises(SnapshotError, match="raw_oews_footnote.parquet: cannot be read as Parquet"):
        build_database(existing_db, snapshot, **QUIET)
    assert_untouched(existing_db, before)


def test_missing_snapshot_file_is_named(snapshot, existing_db):
    before = file_sha256(existing_db)
    (snapshot / "raw_ep_separations.parquet").unlink()
    with pytest.raises(SnapshotError, match="raw_ep_separations.parquet: snapshot file is missing"):
        build_database(existing_db, snapshot, **QUIET)
    assert_untouched(existing_db, before)


def test_missing_manifest_is_named(snapshot, existing_db):
    (snapshot / MANIFEST_NAME).unlink()
    with pytest.raises(SnapshotError, match="manifest.json: snapshot manifest is missing"):
        build_database(existing_db, snapshot, **QUIET)


def test_table_without_a_declared_column_is_schema_drift_naming_it(snapshot, existing_db):
    before = file_sha256(existing_db)
    areas = pd.read_parquet(snapshot / "raw_oews_area.parquet").drop(columns=["area_name"])
    rewrite_table(snapshot, "raw_oews_area", areas)
    with pytest.raises(SchemaDriftError, match="column\\(s\\) area_name missing from raw_oews_area"):
        build_database(existing_db, snapshot, **QUIET)
    assert_untouched(existing_db, before)


@pytest.mark.slow
def test_failing_data_check_is_named_and_the_database_kept(snapshot, existing_db):
    before = file_sha256(existing_db)
    cells = pd.read_parquet(snapshot / "raw_oews_cell.parquet")
    row = cells.index[cells.series_key == "OEUM0025540000000291141"][0]
    cells.loc[row, "v17"] = "-1.0"  # a negative location quotient for Hartford registered nurses
    rewrite_table(snapshot, "raw_oews_cell", cells)
    with pytest.raises(DataCheckError, match="oews_location_quotient_not_negative") as error:
        build_database(existing_db, snapshot, **QUIET)
    assert "('0025540', '29-1141')" in str(error.value)  # the offending row is shown
    assert_untouched(existing_db, before)


@pytest.mark.slow
def test_successful_rebuild_replaces_the_database_atomically(existing_db):
    con = duckdb.connect(str(existing_db), read_only=True)
    old_build = con.execute("SELECT build_id FROM meta_build").fetchone()[0]
    con.close()
    old_inode = existing_db.stat().st_ino
    report = build_database(existing_db, SHIPPED_SNAPSHOT, **QUIET)
    con = duckdb.connect(str(existing_db), read_only=True)
    try:
        new_build = con.execute("SELECT build_id FROM meta_build").fetchone()[0]
    finally:
        con.close()
    assert new_build == report.build_id != old_build
    assert existing_db.stat().st_ino != old_inode  # a new file renamed into place, not rewritten in place
    assert sorted(p.name for p in existing_db.parent.iterdir()) == ["lmi.duckdb"]


# ---------------------------------------------------------------------------------------------
# Published values (OEWS May 2025, Employment Projections 2024-34), checked against the raw snapshot
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def raw_cells() -> pd.DataFrame:
    return pd.read_parquet(SHIPPED_SNAPSHOT / "raw_oews_cell.parquet").set_index("series_key")


def estimate(con, area: str, soc: str, *columns: str) -> tuple:
    return con.execute(
        f"SELECT {', '.join(columns)} FROM core_oews_estimate WHERE area_code = ? AND soc_code = ?", [area, soc]
    ).fetchone()


def test_hartford_registered_nurses(ref_con, raw_cells):
    assert estimate(
        ref_con, "0025540", "29-1141", "employment_count", "annual_wage_median_usd", "location_quotient"
    ) == (13850, 101470.0, 1.06)
    raw = raw_cells.loc["OEUM0025540000000291141"]
    assert (raw.v01, raw.v13, raw.v17) == ("13850", "101470", "1.06")


def test_national_employment_all_occupations(ref_con, raw_cells):
    assert estimate(ref_con, "0000000", "00-0000", "employment_count") == (155_495_730,)
    assert raw_cells.loc["OEUN0000000000000000000"].v01 == "155495730"


def test_connecticut_registered_nurses(ref_con, raw_cells):
    assert estimate(
        ref_con, "0900000", "29-1141", "employment_count", "annual_wage_median_usd", "hourly_wage_mean_usd"
    ) == (40110, 102740.0, 50.60)
    raw = raw_cells.loc["OEUS0900000000000291141"]
    assert (raw.v01, raw.v13, raw.v03) == ("40110", "102740", "50.60")


def test_top_coded_wage_is_stored_as_the_footnotes_bound(ref_con, raw_cells):
    # Family medicine physicians, Albany-Lebanon, OR: BLS publishes "-" with footnote 5 (">= $239,200").
    assert estimate(
        ref_con,
        "0010540",
        "29-1215",
        "annual_wage_median_usd",
        "annual_wage_median_footnote",
        "hourly_wage_median_usd",
        "employment_count",
    ) == (239200.0, "5", 115.0, 50)
    raw = raw_cells.loc["OEUM0010540000000291215"]
    assert (raw.v13, raw.f13, raw.v08, raw.f08) == ("-", "5", "-", "5")


def test_not_released_value_is_null_with_its_footnote(ref_con, raw_cells):
    # Anesthesiologists in Connecticut: employment not released (footnote 8), wages published.
    assert estimate(
        ref_con,
        "0900000",
        "29-1211",
        "employment_count",
        "employment_footnote",
        "location_quotient",
        "annual_wage_median_usd",
    ) == (None, "8", None, 481820.0)
    raw = raw_cells.loc["OEUS0900000000000291211"]
    assert (raw.v01, raw.f01, raw.v13) == ("-", "8", "481820")


def test_registered_nurses_projection(ref_con):
    row = ref_con.execute(
        "SELECT employment_2024_thousands, employment_2034_thousands, annual_openings_thousands, "
        "annual_wage_median_2024_usd FROM core_projection WHERE soc_code = '29-1141'"
    ).fetchone()
    assert row == (3391.0, 3557.1, 189.1, 93600.0)
    raw = pd.read_parquet(SHIPPED_SNAPSHOT / "raw_ep_occupation.parquet").set_index("soc_code").loc["29-1141"]
    assert (raw.employment_2024_thousands, raw.annual_openings_thousands) == (3391.0, 189.1)


def test_top_coded_projection_wage_keeps_bound_and_flag(ref_con):
    assert ref_con.execute(
        "SELECT annual_wage_median_2024_usd, annual_wage_median_2024_is_top_coded "
        "FROM core_projection WHERE soc_code = '29-1211'"
    ).fetchone() == (239200.0, True)


@pytest.mark.parametrize(
    "onet_code, soc, method",
    [
        ("29-1141.03", "29-1141", "exact"),
        ("13-1021.00", "13-1020", "broad_group"),
        ("53-1042.00", "53-1047", "residual_in_broad_group"),
        ("55-1011.00", None, "none"),
    ],
)
def test_onet_to_oews_crosswalk(ref_con, onet_code, soc, method):
    assert ref_con.execute(
        "SELECT oews_soc_code, oews_match_method FROM core_onet_soc_crosswalk WHERE onet_soc_code = ?", [onet_code]
    ).fetchone() == (soc, method)


def test_build_writes_where_the_app_reads_unless_told_otherwise(monkeypatch, tmp_path):
    from etl.__main__ import _parser

    monkeypatch.setenv("LMI_REFERENCE_DB", str(tmp_path / "app.duckdb"))
    assert _parser().parse_args(["build"]).db == tmp_path / "app.duckdb"
    assert _parser().parse_args([]).db == tmp_path / "app.duckdb"
    assert _parser().parse_args(["build", "--db", str(tmp_path / "other.duckdb")]).db == tmp_path / "other.duckdb"
    monkeypatch.delenv("LMI_REFERENCE_DB")
    assert _parser().parse_args(["build"]).db.name == "lmi.duckdb"
