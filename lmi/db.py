"""Where the reference database lives, how to open it read-only, and how to notice a rebuild.

The ETL replaces the database file atomically; an open connection keeps reading the old file.
``file_stamp`` changes when the file is replaced, so a cache keyed on it reopens the new one.

Why ATTACH: ``duckdb.connect(path)`` returns the already-open database instance for a path while
any connection to it is alive, so after a swap it would keep serving the old file. Each
``open_reference`` therefore makes its own in-memory instance and attaches the file read-only as
catalog ``ref``; cursors select that catalog before running a query.

The query helpers here (``query_df``, ``query_rows``, ``open_cursor``) are the only way ``lmi`` runs SQL,
on the reference database and on the read-write records store alike (where ``ref`` does not exist and
the cursor simply stays in the file's own catalog).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

try:  # the records store may run on PostgreSQL (lmi.records.pg); the reference database is always DuckDB
    import psycopg

    DATABASE_ERRORS: tuple[type[Exception], ...] = (duckdb.Error, psycopg.Error)
except ImportError:  # pragma: no cover - psycopg is in requirements.txt
    DATABASE_ERRORS = (duckdb.Error,)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE_DB = PROJECT_ROOT / "var" / "lmi.duckdb"


class MissingDatabaseError(RuntimeError):
    """The reference database has not been built yet."""


def reference_db_path() -> Path:
    """The reference database file; ``LMI_REFERENCE_DB`` overrides it (tests, deployments)."""
    return Path(os.environ.get("LMI_REFERENCE_DB", DEFAULT_REFERENCE_DB))


def file_stamp(path: Path) -> tuple[int, int, int]:
    """Identity of the file now at ``path``: a rebuilt database gets a new inode and mtime."""
    stat = Path(path).stat()
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


REFERENCE_CATALOG = "ref"


def open_reference(path: Path) -> duckdb.DuckDBPyConnection:
    """Open the file read-only (any number of readers while the ETL builds a new file), as the
    catalog ``ref`` of a fresh in-memory instance so a replaced file is really reopened."""
    if not Path(path).exists():
        raise MissingDatabaseError(f"{path} does not exist; build it with `python -m etl build`")
    con = duckdb.connect(":memory:")
    con.execute(f"ATTACH $path AS {REFERENCE_CATALOG} (READ_ONLY)", {"path": str(path)})
    con.execute(f"USE {REFERENCE_CATALOG}")
    return con


def cursor_for(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor of ``con`` that sees the reference tables (cursors start in the default catalog). A records store
    on PostgreSQL (``lmi.records.pg.PgStore``) hands out its own cursors, which need no catalog."""
    cursor = con.cursor()
    if not isinstance(cursor, duckdb.DuckDBPyConnection):
        return cursor
    try:
        cursor.execute(f"USE {REFERENCE_CATALOG}")
    except duckdb.CatalogException:
        pass  # a plain connection to the file (tests, notebooks): its default catalog is the file
    return cursor


@contextmanager
def open_cursor(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of ``con`` (seeing the reference tables, see ``cursor_for``) for several statements, closed
    when the block ends: a transaction on the read-write records store, a registered frame, a read of a value
    just written. One cursor per block keeps Streamlit's script threads off each other's statements."""
    cursor = cursor_for(con)
    try:
        yield cursor
    finally:
        cursor.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor (as ``open_cursor``) whose statements land together: committed when the block ends, rolled
    back if anything in it raises, so a store is never left half-written."""
    with open_cursor(con) as cursor:
        cursor.execute("BEGIN TRANSACTION")
        try:
            yield cursor
        except BaseException:
            _roll_back(cursor)
            raise
        try:
            cursor.execute("COMMIT")
        except BaseException:
            _roll_back(cursor)  # a refused COMMIT (a write-write conflict) may leave the transaction open
            raise


def _roll_back(cursor) -> None:
    """ROLLBACK, when there is still a transaction to roll back: DuckDB ends a transaction itself when a
    statement or COMMIT in it fails, and a second ROLLBACK would hide the real error behind "cannot rollback"."""
    try:
        cursor.execute("ROLLBACK")
    except DATABASE_ERRORS:
        pass


def insert_frame(cursor, table: str, frame: pd.DataFrame, constants: dict[str, Any] | None = None) -> None:
    """INSERT every row of ``frame`` into ``table`` (columns named as the frame's; ``table`` and the column names
    come from the caller's allow-list), plus ``constants`` (e.g. the import number) in every row, inside the
    cursor's transaction. DuckDB reads the frame directly; other stores (PostgreSQL) take the rows as parameters."""
    if not len(frame):
        return
    constants = constants or {}
    names = [*frame.columns, *constants]
    if not isinstance(cursor, duckdb.DuckDBPyConnection):
        cursor.insert_frame(table, frame, constants)
        return
    view = f"incoming_{table}"
    cursor.register(view, frame)
    try:
        selected = ", ".join([*frame.columns, *(f"${c}" for c in constants)])
        cursor.execute(f"INSERT INTO {table} ({', '.join(names)}) SELECT {selected} FROM {view}", constants)
    finally:
        cursor.unregister(view)


def query_df(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any] | list | None = None) -> pd.DataFrame:
    """Run one query on its own cursor (safe across Streamlit's script threads) and return a frame."""
    with open_cursor(con) as cursor:
        return cursor.execute(sql, params or {}).df()


def query_rows(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any] | list | None = None) -> list[tuple]:
    """Run one query on its own cursor and return its rows as tuples."""
    with open_cursor(con) as cursor:
        return cursor.execute(sql, params or {}).fetchall()
