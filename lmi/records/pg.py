"""The records store on PostgreSQL (``LMI_RECORDS_URL=postgresql://...``), behind the small DuckDB-like surface
``lmi.db`` uses, so the records code keeps ONE copy of its SQL for both backends.

Why an adapter and not two copies of the SQL: every function in ``lmi`` takes a connection and runs its SQL
through ``lmi.db.query_df`` / ``query_rows`` / ``open_cursor`` / ``transaction`` with DuckDB's ``$name``
parameters. ``PgStore`` is such a connection: ``cursor()`` lends one pooled PostgreSQL session per cursor (as a
DuckDB cursor is its own connection, so Streamlit's script threads never share a session), and each cursor
translates what differs between the two dialects as the statement is sent:

- parameters: ``$name`` -> ``%(name)s`` (values bound client-side by psycopg, literal ``%`` doubled; a list of
  text typed ``text[]``);
- ``DOUBLE`` -> ``DOUBLE PRECISION``; ``INTERVAL 1 YEAR`` -> ``INTERVAL '1 YEAR'``;
- ``GROUP BY ALL`` is not used in shared SQL (PostgreSQL has none): group by position instead;
- DuckDB functions the records SQL uses and PostgreSQL lacks (``list_contains``, ``median``, ``range``,
  ``year``, ``month``, ``any_value``) are created once per database by ``install_compatibility``,
  as small SQL functions with DuckDB's meaning.

Results come back as DuckDB's do: ``fetchall`` / ``fetchone`` tuples and ``df()`` pandas frames (NUMERIC as
float, DATE and TIMESTAMP columns as datetime64, as DuckDB's ``df()`` gives them).
"""

from __future__ import annotations

import queue
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
import psycopg
from psycopg import ClientCursor
from psycopg.pq import TransactionStatus

MAX_IDLE_SESSIONS = 8
WRITER_LOCK_KEY = 0x4C4D4952  # "LMIR": pg_advisory_lock key every records writer takes (see lmi.records.db.writer)

_NAMED = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_DOUBLE = re.compile(r"\bDOUBLE\b(?!\s+PRECISION)", re.IGNORECASE)
_INTERVAL = re.compile(r"\bINTERVAL\s+(\d+)\s+(YEAR|MONTH|DAY|HOUR|MINUTE|SECOND)S?\b", re.IGNORECASE)
_DATE_TYPES = {"date", "timestamp", "timestamptz"}

# DuckDB functions the shared SQL uses, with DuckDB's meaning, for PostgreSQL (idempotent).
COMPATIBILITY_SQL = """
CREATE OR REPLACE FUNCTION list_contains(text[], text) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS 'SELECT $2 = ANY($1)';
CREATE OR REPLACE FUNCTION list_contains(bigint[], bigint) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS 'SELECT $2 = ANY($1)';
CREATE OR REPLACE FUNCTION range(integer, integer) RETURNS integer[]
    LANGUAGE sql IMMUTABLE AS 'SELECT coalesce(array_agg(g), ''{}'') FROM generate_series($1, $2 - 1) g';
CREATE OR REPLACE FUNCTION year(date) RETURNS integer
    LANGUAGE sql IMMUTABLE AS 'SELECT CAST(extract(year FROM $1) AS integer)';
CREATE OR REPLACE FUNCTION month(date) RETURNS integer
    LANGUAGE sql IMMUTABLE AS 'SELECT CAST(extract(month FROM $1) AS integer)';
CREATE OR REPLACE FUNCTION lmi_median_final(double precision[]) RETURNS double precision
    LANGUAGE sql IMMUTABLE AS
    'SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) FROM unnest($1) v WHERE v IS NOT NULL';
CREATE OR REPLACE FUNCTION lmi_first(anyelement, anyelement) RETURNS anyelement
    LANGUAGE sql IMMUTABLE AS 'SELECT coalesce($1, $2)';
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'median' AND prokind = 'a') THEN
        CREATE AGGREGATE median(double precision) (
            SFUNC = array_append, STYPE = double precision[], FINALFUNC = lmi_median_final, INITCOND = '{}');
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'any_value' AND prokind = 'a') THEN
        CREATE AGGREGATE any_value(anyelement) (SFUNC = lmi_first, STYPE = anyelement);
    END IF;
END $$;
"""


def translate(sql: str, params: dict | list | tuple | None) -> tuple[str, dict | list | None]:
    """DuckDB SQL and parameters -> PostgreSQL SQL and psycopg parameters (see the module's list)."""
    sql = _INTERVAL.sub(lambda m: f"INTERVAL '{m.group(1)} {m.group(2).upper()}'", _DOUBLE.sub("DOUBLE PRECISION", sql))
    if not params:
        return sql, None
    sql = sql.replace("%", "%%")
    if isinstance(params, dict):
        values = {k: _plain(v) for k, v in params.items()}
        return _NAMED.sub(lambda m: _placeholder(m.group(1), values.get(m.group(1))), sql), values
    return sql.replace("?", "%s"), [_plain(v) for v in params]


def _placeholder(name: str, value: Any) -> str:
    """``%(name)s``, typed ``text[]`` for a list of text (psycopg leaves such a list untyped, and PostgreSQL cannot
    choose between ``unnest(anyarray)`` and ``unnest(tsvector)`` or our ``list_contains`` variants for it)."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return f"CAST(%({name})s AS text[])"
    return f"%({name})s"


def _plain(value: Any) -> Any:
    """numpy scalars and pandas' missing values as the Python values psycopg adapts."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class PgCursor:
    """One pooled PostgreSQL session used as a DuckDB cursor: ``execute`` returns the cursor, results are read
    at once (so the session can go back to the pool on ``close``)."""

    def __init__(self, store: PgStore):
        self.store = store
        self.session = store._checkout()
        self.rows: list[tuple] = []
        self.description: list | None = None

    def execute(self, sql: str, params: dict | list | None = None) -> PgCursor:
        text, values = translate(sql, params)
        with self.session.execute(text, values) as cur:  # a psycopg cursor of this session, closed at once
            self.description = cur.description
            self.rows = cur.fetchall() if cur.description is not None else []
        return self

    def fetchall(self) -> list[tuple]:
        rows, self.rows = self.rows, []
        return [tuple(_from_pg(v) for v in row) for row in rows]

    def fetchone(self) -> tuple | None:
        if not self.rows:
            return None
        row = self.rows.pop(0)
        return tuple(_from_pg(v) for v in row)

    def df(self) -> pd.DataFrame:
        names = [c.name for c in self.description or []]
        frame = pd.DataFrame([tuple(_from_pg(v) for v in row) for row in self.rows], columns=names)
        self.rows = []
        for column in self.description or []:
            type_name = self.store.type_name(column.type_code)
            if type_name in _DATE_TYPES:
                frame[column.name] = pd.to_datetime(frame[column.name])
            elif type_name in {"float8", "float4", "numeric"}:
                frame[column.name] = pd.to_numeric(frame[column.name]).astype("float64")
        return frame

    fetchdf = df

    def insert_frame(self, table: str, frame: pd.DataFrame, constants: dict[str, Any]) -> None:
        """INSERT the frame's rows (``lmi.db.insert_frame``), in the session's transaction."""
        names = [*frame.columns, *constants]
        placeholders = ", ".join(["%s"] * len(names))
        rows = [[_plain(v) for v in (*row, *constants.values())] for row in frame.itertuples(index=False)]
        with ClientCursor(self.session) as cur:
            cur.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({placeholders})", rows)

    def close(self) -> None:
        if self.session is not None:
            self.store._checkin(self.session)
            self.session = None

    def __del__(self) -> None:  # a cursor dropped without close still gives its session back
        try:
            self.close()
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass


def _from_pg(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


class PgStore:
    """A records store on PostgreSQL, used where the code expects a DuckDB connection: ``cursor()``,
    ``execute(sql, params)`` (a one-statement cursor, closed at once), ``close()``."""

    def __init__(self, url: str):
        self.url = url
        self._idle: queue.LifoQueue = queue.LifoQueue()
        self._types: dict[int, str] = {}
        self._lock = threading.Lock()
        self.closed = False

    def _connect(self) -> psycopg.Connection:
        return psycopg.connect(self.url, autocommit=True, cursor_factory=ClientCursor)

    def _checkout(self) -> psycopg.Connection:
        while True:
            try:
                session = self._idle.get_nowait()
            except queue.Empty:
                return self._connect()
            if not session.closed and session.info.transaction_status == TransactionStatus.IDLE:
                return session
            session.close()

    def _checkin(self, session: psycopg.Connection) -> None:
        if session.closed:
            return
        if session.info.transaction_status != TransactionStatus.IDLE:
            try:
                session.execute("ROLLBACK")
            except psycopg.Error:
                session.close()
                return
        if self.closed or self._idle.qsize() >= MAX_IDLE_SESSIONS:
            session.close()
        else:
            self._idle.put(session)

    def type_name(self, oid: int) -> str:
        """PostgreSQL's name of a column type (cached), to read dates and numbers as DuckDB gives them."""
        if oid not in self._types:
            with self._lock:
                session = self._checkout()
                try:
                    row = session.execute("SELECT typname FROM pg_type WHERE oid = %s", [oid]).fetchone()
                finally:
                    self._checkin(session)
                self._types[oid] = row[0] if row else ""
        return self._types[oid]

    def cursor(self) -> PgCursor:
        return PgCursor(self)

    def execute(self, sql: str, params: dict | list | None = None) -> PgCursor:
        cursor = PgCursor(self)
        try:
            return cursor.execute(sql, params)
        finally:
            cursor.close()

    @contextmanager
    def advisory_lock(self, key: int = WRITER_LOCK_KEY) -> Iterator[None]:
        """Hold PostgreSQL's session advisory lock ``key`` (every process's records writers take the same one)."""
        session = self._checkout()
        try:
            session.execute("SELECT pg_advisory_lock(%s)", [key])
            try:
                yield
            finally:
                session.execute("SELECT pg_advisory_unlock(%s)", [key])
        finally:
            self._checkin(session)

    def install_compatibility(self) -> None:
        """Create the DuckDB functions the shared SQL uses (``COMPATIBILITY_SQL``); safe to run again."""
        session = self._checkout()
        try:
            session.execute(COMPATIBILITY_SQL)
        finally:
            self._checkin(session)

    def close(self) -> None:
        self.closed = True
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
