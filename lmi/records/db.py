"""Where the records database lives and how it is opened.

One file, written only by the app (imports) and the generated-example loader; the ETL never opens
it. The app keeps one read-write connection (``ui.cache.records_connection``) and runs every query on its
own cursor (``lmi.db.query_df``, ``open_cursor``). ``revision`` changes with every successful import, so cached results keyed on it are
recomputed after new records arrive.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from lmi.db import query_rows
from lmi.records.schema import migrate

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_RECORDS_DB = PROJECT_ROOT / "var" / "records.duckdb"


def records_db_path() -> Path:
    """The records file; ``LMI_RECORDS_DB`` overrides it (tests, deployments)."""
    return Path(os.environ.get("LMI_RECORDS_DB", DEFAULT_RECORDS_DB))


def open_records(path: Path | str | None = None) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the records file read-write and bring its schema up to date."""
    path = Path(path) if path is not None else records_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    migrate(con)
    return con


def revision(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """Changes whenever records change: (last import id that stored anything, number of log rows)."""
    [row] = query_rows(
        con, "SELECT coalesce(max(import_id) FILTER (WHERE outcome = 'imported'), 0), count(*) FROM import_log"
    )
    return tuple(row)
