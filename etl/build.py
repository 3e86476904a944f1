"""Build the reference database from a snapshot, atomically.

The build writes a new DuckDB file beside the target and only replaces the target (``os.replace``,
atomic on one filesystem) after every table is built and every data check passed. A failed build
removes its partial file and leaves the previous database serving; the app notices a replaced file
and reopens it.

Steps: verify the snapshot's checksums -> load ``raw_`` tables (checking columns) -> run the
``core_`` SQL in ``etl/sql`` in file-name order -> Python steps in ``etl/steps`` (crosswalk,
``out_`` analytics) ->
data checks -> provenance -> swap.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from etl import checks, provenance
from etl.catalog import all_raw_tables, declared_raw_tables
from etl.errors import EtlError, SchemaDriftError, SnapshotError
from etl.releases import load_releases
from etl.snapshot import SHIPPED_SNAPSHOT, Snapshot, read_snapshot, verify_snapshot
from etl.steps import discover_steps

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "var" / "lmi.duckdb"
REFERENCE_DB_VARIABLE = "LMI_REFERENCE_DB"  # the app reads the same variable (lmi.db.reference_db_path)
SQL_DIR = Path(__file__).with_name("sql")
REFERENCE_DIR = Path(__file__).with_name("reference")
REFERENCE_TABLES = {"raw_ref_us_state_codes": "us_state_codes.csv"}

Progress = Callable[[str], None]


def target_db_path() -> Path:
    """Where a build writes by default: ``LMI_REFERENCE_DB`` when set, so a user who points the app at
    a database rebuilds that same file, else ``var/lmi.duckdb``."""
    return Path(os.environ.get(REFERENCE_DB_VARIABLE) or DEFAULT_DB)


@dataclass(frozen=True)
class BuildReport:
    db_path: Path
    build_id: str
    seconds: float
    check_results: list[checks.CheckResult]


def build_database(
    db_path: Path = DEFAULT_DB,
    snapshot_dir: Path = SHIPPED_SNAPSHOT,
    progress: Progress = print,
    check_row_counts: bool = True,
) -> BuildReport:
    """Build ``db_path`` from ``snapshot_dir``; on any failure the existing ``db_path`` is untouched."""
    started = time.perf_counter()
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    snapshot = read_snapshot(snapshot_dir)
    progress(f"verifying {len(snapshot.tables)} snapshot files in {snapshot.folder}")
    verify_snapshot(snapshot, set(all_raw_tables()))
    partial = db_path.with_name(f".{db_path.name}.building-{os.getpid()}")
    _remove(partial)
    con = duckdb.connect(str(partial))
    try:
        build_id, built_utc = provenance.new_build_id(), _now_utc()
        _load_raw_tables(con, snapshot, progress)
        _run_sql_steps(con, progress)
        for step in discover_steps():
            progress(f"running {step.__name__.rsplit('.', 1)[-1]}")
            step.run(con)
        progress("running data checks")
        results = checks.run_checks(con, include_row_counts=check_row_counts)
        checks.require_passing(results)
        checks.record_results(con, results)
        provenance.record_sources(con, load_releases())
        provenance.record_provenance(con, snapshot, built_utc, build_id)
        seconds = time.perf_counter() - started
        provenance.record_build(con, build_id, built_utc, snapshot, seconds)
        con.execute("CHECKPOINT")
        con.close()
        os.replace(partial, db_path)
    except BaseException:
        con.close()
        _remove(partial)
        raise
    progress(f"built {db_path} in {seconds:.1f} s (build {build_id})")
    return BuildReport(db_path, build_id, seconds, results)


def _load_raw_tables(con: duckdb.DuckDBPyConnection, snapshot: Snapshot, progress: Progress) -> None:
    declared = declared_raw_tables()
    for index, (name, table) in enumerate(sorted(snapshot.tables.items()), start=1):
        if name not in declared:
            continue  # a snapshot may carry tables a newer ETL declared; this one ignores them
        progress(f"[{index}/{len(snapshot.tables)}] loading {name} ({table.rows:,} rows)")
        try:
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet($path)", {"path": str(table.path)})
        except duckdb.Error as exc:
            raise SnapshotError(f"{table.path}: cannot be read as Parquet ({exc})") from exc
        _require_columns(con, name, declared[name].column_names, table.path)
        loaded = con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        if loaded != table.rows:
            raise SnapshotError(f"{table.path}: holds {loaded} rows, the manifest says {table.rows}")
    for name, file in REFERENCE_TABLES.items():
        con.execute(
            f"CREATE TABLE {name} AS SELECT * FROM read_csv($path, header=true, all_varchar=true)",
            {"path": str(REFERENCE_DIR / file)},
        )


def _require_columns(con: duckdb.DuckDBPyConnection, name: str, expected: list[str], path: Path) -> None:
    actual = [
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = $t ORDER BY ordinal_position",
            {"t": name},
        ).fetchall()
    ]
    missing = [c for c in expected if c not in actual]
    if missing:
        raise SchemaDriftError(
            f"{path}: column(s) {', '.join(missing)} missing from {name} (found {', '.join(actual)})"
        )


def _run_sql_steps(con: duckdb.DuckDBPyConnection, progress: Progress) -> None:
    for path in sorted(SQL_DIR.glob("*.sql")):
        progress(f"running {path.name}")
        try:
            con.execute(path.read_text())
        except duckdb.Error as exc:
            raise EtlError(f"{path.name}: {exc}") from exc


def _remove(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        if candidate.exists():
            candidate.unlink()


def _now_utc() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()
