"""Where the records store lives, how it is opened, and how its writers take turns.

Two backends, one API (callers get a connection and pass it to ``lmi`` functions, which run SQL through
``lmi.db``):

- embedded (the default): one DuckDB file, ``LMI_RECORDS_DB`` or ``var/records.duckdb``, for a single app
  process. DuckDB lets one process at a time open a file for writing; a second process (a replica, a restart
  overlapping the old one) gets ``RecordsUnavailable`` with a plain message instead of a traceback, and public
  pages go on serving the reference figures.
- PostgreSQL: ``LMI_RECORDS_URL=postgresql://...`` (``lmi.records.pg``), for several app processes; the same
  migrations, imports, idempotency and suppression.

Writers take turns (``writer``): an import reads what is stored, plans, and stores in one transaction while it
holds the store's writer lock (a lock in this process for the embedded file, PostgreSQL's advisory lock for all
processes), so simultaneous imports all land, one after the other, each with its own import number from the
database's sequence (``import_id_seq``) and its own log entry. Readers never wait for it.

``revision`` changes with every successful import, so cached results keyed on it are recomputed after new
records arrive.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from lmi.db import query_rows
from lmi.i18n import _
from lmi.records.schema import migrate

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_RECORDS_DB = PROJECT_ROOT / "var" / "records.duckdb"
# One writer at a time in this process (re-entrant: loading the examples imports file after file).
_PROCESS_WRITER = threading.RLock()
_writer_depth = threading.local()


class RecordsUnavailable(RuntimeError):
    """The records store cannot be opened now (another process holds the embedded file, or the database
    server cannot be reached); ``str()`` is a plain sentence for the page, in the current language."""


def records_url() -> str | None:
    """``LMI_RECORDS_URL`` (a ``postgresql://`` URL) when the records store runs on PostgreSQL, else None."""
    return os.environ.get("LMI_RECORDS_URL") or None


def records_db_path() -> Path:
    """The embedded records file; ``LMI_RECORDS_DB`` overrides it (tests, deployments)."""
    return Path(os.environ.get("LMI_RECORDS_DB", DEFAULT_RECORDS_DB))


def records_location() -> str:
    """Which store is served (for cache keys and messages): the PostgreSQL URL or the file's path."""
    return records_url() or str(records_db_path())


def is_postgres(con) -> bool:
    return not isinstance(con, duckdb.DuckDBPyConnection)


def open_records(location: Path | str | None = None):
    """Open the records store (the URL or file given, else ``LMI_RECORDS_URL``, else the embedded file, created
    if needed) and bring its schema up to date. Raises ``RecordsUnavailable`` (a plain sentence) when another
    process holds the embedded file or the server cannot be reached."""
    location = str(location) if location is not None else records_location()
    if location.startswith(("postgresql://", "postgres://")):
        return _open_postgres(location)
    path = Path(location)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path))
    except duckdb.IOException as error:
        if "lock" not in str(error).lower():
            raise
        raise RecordsUnavailable(
            _(
                "records are unavailable: another process holds the records file {path} (a second copy of the app "
                "or a restart still running). Run one app process per records file, or set LMI_RECORDS_URL to a "
                "PostgreSQL database for several."
            ).format(path=path.name)
        ) from None
    migrate(con)
    return con


def _open_postgres(url: str):
    import psycopg

    from lmi.records.pg import PgStore

    store = PgStore(url)
    try:
        with writer(store):
            store.install_compatibility()
            migrate(store)
    except psycopg.OperationalError as error:
        store.close()
        raise RecordsUnavailable(
            _("records are unavailable: the records database cannot be reached ({reason})").format(
                reason=str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            )
        ) from None
    return store


@contextmanager
def writer(con) -> Iterator[None]:
    """Hold the store's writer lock: every import, saved scenario and migration runs inside one, so two
    writers never plan against the same stored rows at once. Re-entrant within a thread."""
    with _PROCESS_WRITER:
        depth = getattr(_writer_depth, "n", 0)
        _writer_depth.n = depth + 1
        try:
            if depth == 0 and is_postgres(con):
                with con.advisory_lock():
                    yield
            else:
                yield
        finally:
            _writer_depth.n = depth


def revision(con) -> tuple[int, int]:
    """Changes whenever records change: (last import id that stored anything, number of imports that stored
    something). Refused and unchanged imports are logged but change nothing, so they leave the revision (and every
    cached result keyed on it) alone; the count catches a storing import that commits after a later-numbered one."""
    [row] = query_rows(
        con,
        "SELECT coalesce(max(import_id) FILTER (WHERE outcome = 'imported'), 0), "
        "count(*) FILTER (WHERE outcome = 'imported') FROM import_log",
    )
    return (int(row[0]), int(row[1]))
