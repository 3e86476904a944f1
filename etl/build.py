"""Build the reference database from a snapshot, atomically.

The build writes a new DuckDB file beside the target and only replaces the target (``os.replace``,
atomic on one filesystem) after every table is built and every data check passed. A failed build
removes its partial file and leaves the previous database serving; the app notices a replaced file
and reopens it.

A killed build cannot clean up after itself, so the partial file is named after the building process
(``.lmi.duckdb.building-<pid>``, plus DuckDB's ``.wal`` and ``.tmp`` beside it): SIGTERM (and SIGHUP) during a
build raise ``BuildInterrupted`` so the usual cleanup runs; after SIGKILL or a power cut, the next build removes
every partial file whose process is no longer running (``remove_stale_partials``) before it starts.

Steps: verify the snapshot's checksums -> load ``raw_`` tables (checking columns) -> run the
``core_`` SQL in ``etl/sql`` in file-name order -> Python steps in ``etl/steps`` (crosswalk,
``out_`` analytics) ->
data checks -> provenance -> swap.
"""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
    for stale in remove_stale_partials(db_path):
        progress(f"removed {stale.name}, left by a build that was killed")
    with _interrupted_by_signals():
        return _build(db_path, snapshot_dir, progress, check_row_counts, started)


def _build(
    db_path: Path, snapshot_dir: Path, progress: Progress, check_row_counts: bool, started: float
) -> BuildReport:
    snapshot = read_snapshot(snapshot_dir)
    progress(f"verifying {len(snapshot.tables)} snapshot files in {snapshot.folder}")
    verify_snapshot(snapshot, set(all_raw_tables()))
    partial = partial_path(db_path, os.getpid())
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


class BuildInterrupted(SystemExit):
    """The build got SIGTERM or SIGHUP: raised in the building thread so its partial file is removed; exits
    with 128 + the signal's number, as a process killed by it would."""


PARTIAL_MARK = ".building-"


def partial_path(db_path: Path, pid: int) -> Path:
    """The file a build by process ``pid`` writes before the swap."""
    return db_path.with_name(f".{db_path.name}{PARTIAL_MARK}{pid}")


def remove_stale_partials(db_path: Path) -> list[Path]:
    """Remove the partial files (and their ``.wal``/``.tmp``) of builds of ``db_path`` whose process is gone;
    return what was removed. A running build's files are left alone, whichever process runs it."""
    removed = []
    prefix = f".{db_path.name}{PARTIAL_MARK}"
    for candidate in sorted(db_path.parent.glob(f"{prefix}*")):
        pid_text = candidate.name[len(prefix) :].split(".", 1)[0]
        if not pid_text.isdigit() or _process_alive(int(pid_text)):
            continue
        if candidate.is_dir():
            shutil.rmtree(candidate, ignore_errors=True)
        else:
            candidate.unlink(missing_ok=True)
        removed.append(candidate)
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


@contextmanager
def _interrupted_by_signals() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP raise ``BuildInterrupted`` (Python's default for them is to die
    at once, skipping every ``except``/``finally``). Only the main thread can own signal handlers: a build run
    from another thread (a test, a server) keeps the handlers it has."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(number: int, frame) -> None:
        for each in previous:  # a second signal must not interrupt the cleanup the first one started
            signal.signal(each, signal.SIG_IGN)
        received.append(number)
        raise BuildInterrupted(128 + number)

    previous: dict = {}
    received: list[int] = []
    previous.update({number: signal.signal(number, interrupt) for number in (signal.SIGTERM, signal.SIGHUP)})
    try:
        yield
    except BaseException as error:
        # DuckDB turns a signal that arrives during a query into its own "Query interrupted" error: once the
        # cleanup has run, report the signal, not a traceback
        if received and not isinstance(error, BuildInterrupted):
            raise BuildInterrupted(128 + received[0]) from None
        raise
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _remove(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        if candidate.exists():
            candidate.unlink()
    spill = path.with_name(path.name + ".tmp")  # DuckDB's spill folder beside a database file
    if spill.is_dir():
        shutil.rmtree(spill, ignore_errors=True)


def _now_utc() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()
