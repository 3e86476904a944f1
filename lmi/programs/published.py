"""Every program's published outcome tables, computed once per import and stored in the records store.

Records change only when staff import a file, but suppression (``lmi.programs.suppression``) is a search:
working out which cells to hide takes far longer than reading the answer. So the answer is stored:
after every import that stores something (``lmi.records.importer``), every program's report
(``lmi.programs.outcomes.ProgramReport``: its overall figures, equity and cohort tables, medians, all
already suppressed) is computed and written to ``published_program_report`` (records schema migration 5),
one row per program, keyed by the small-cell threshold and stamped with the records revision it rests on
and the version of the method that made it. Pages read these rows (``reports``, ``report``); a row made
from other records, under another threshold or by another method version is never served: it is
recomputed and stored again (which is also how a store from before migration 5 gets its rows).

Only published figures are stored: the tables exactly as pages receive them (hidden cells as missing, with
their reasons kept in no language, as message ids and values: ``SuppressedBreakdown.reason_keys``; readers get
them in their own language). No participant row, and no count that suppression hid, is ever written here.

The rows are JSON (pandas frames with their column types, the reports' dataclasses by name), so they can be
inspected with any DuckDB client and are read back without running code from the file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import importlib
import json
import math
import numbers
from collections.abc import Mapping

import duckdb
import numpy as np
import pandas as pd

from lmi.db import DATABASE_ERRORS, insert_frame, query_rows, transaction
from lmi.programs import outcomes
from lmi.programs.suppression import SuppressedBreakdown
from lmi.records.state_projections import KIND as STATE_PROJECTIONS_KIND

TABLE = "published_program_report"
METHOD = "suppression-2"
"""Bumped whenever the suppression rules change: rows made under other rules are recomputed, never served."""


def _shape() -> str:
    """The fields of what is stored (a report and its tables): a field added to a report makes older rows
    out of date without anyone having to remember to bump ``METHOD``."""
    kinds = (outcomes.ProgramReport, SuppressedBreakdown)
    names = [f"{kind.__name__}({','.join(f.name for f in dataclasses.fields(kind))})" for kind in kinds]
    return hashlib.sha256(";".join(names).encode()).hexdigest()[:12]


METHOD_VERSION = f"{METHOD}/{_shape()}"


# ------------------------------------------------------------------------------------------------ reading


_REVISION_SQL = """SELECT coalesce(max(import_id), 0) FROM import_log
                   WHERE outcome = 'imported' AND import_kind <> $projections"""


def records_revision(con: duckdb.DuckDBPyConnection) -> int:
    """The last import that stored program records (anything but states' projections, which no outcome
    figure reads): published tables made at another revision are out of date."""
    [(revision,)] = query_rows(con, _REVISION_SQL, {"projections": STATE_PROJECTIONS_KIND})
    return int(revision)


def reports(
    con: duckdb.DuckDBPyConnection, threshold: int, program_ids: list[str] | None = None
) -> dict[str, outcomes.ProgramReport]:
    """The published reports of every (or the given) program, as stored for the records now held; when any
    is missing or out of date, all programs' reports are computed and stored first. Programs not in the
    records are left out."""
    stored = _stored_json(con, threshold, program_ids)
    if all(text is not None for text in stored.values()):
        try:
            return {pid: decode(text) for pid, text in stored.items()}
        except (TypeError, ValueError, KeyError):
            pass  # a row this code cannot read back: made over again below
    fresh = store_all(con, threshold)
    return {pid: fresh[pid] for pid in stored if pid in fresh}


def report(con: duckdb.DuckDBPyConnection, program_id: str, threshold: int) -> outcomes.ProgramReport:
    """One program's published report (see ``reports``); LookupError when there is no such program."""
    found = reports(con, threshold, [program_id])
    if program_id not in found:
        raise LookupError(f"no program {program_id!r} in the records")
    return found[program_id]


def _stored_json(con, threshold: int, program_ids: list[str] | None) -> dict[str, str | None]:
    """Program -> its stored report (JSON text), or None where none is stored for the records now held,
    this threshold and this method; one query."""
    rows = query_rows(
        con,
        f"""SELECT g.program_id, r.report_json
            FROM program g LEFT JOIN {TABLE} r
              ON r.program_id = g.program_id AND r.small_cell_threshold = $t AND r.method_version = $method
             AND r.records_revision = ({_REVISION_SQL})
            WHERE $ids IS NULL OR list_contains($ids, g.program_id)
            ORDER BY g.program_id""",
        {
            "t": threshold,
            "method": METHOD_VERSION,
            "projections": STATE_PROJECTIONS_KIND,
            "ids": None if program_ids is None else list(program_ids),
        },
    )
    return dict(rows)


# ------------------------------------------------------------------------------------------------ storing


def store_all(con: duckdb.DuckDBPyConnection, threshold: int | None = None) -> dict[str, outcomes.ProgramReport]:
    """Compute every program's report under ``threshold`` (default: the configured one) and store them,
    replacing the rows stored under that threshold, in one transaction. Returns the reports. If the store
    cannot be written (another process holds it), the reports are returned all the same."""
    threshold = outcomes.threshold_from_env() if threshold is None else threshold
    revision = records_revision(con)
    computed = outcomes.program_reports(con, threshold)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows = pd.DataFrame(
        {
            "program_id": list(computed),
            "small_cell_threshold": threshold,
            "records_revision": revision,
            "method_version": METHOD_VERSION,
            "computed_utc": now,
            "report_json": [encode(r) for r in computed.values()],
        }
    )
    try:
        _replace_rows(con, threshold, rows)
    except DATABASE_ERRORS:
        pass  # served from memory this time; the next reader computes and tries again
    return computed


def refresh_after_import(con: duckdb.DuckDBPyConnection) -> int | None:
    """Recompute and store every program's published tables after an import stored records (called by
    ``lmi.records.importer``). Returns how many were stored, or None when the configured threshold is
    invalid (pages then say so, and nothing is published under it)."""
    try:
        threshold = outcomes.threshold_from_env()
    except ValueError:
        return None
    return len(store_all(con, threshold))


def _replace_rows(con, threshold: int, rows: pd.DataFrame) -> None:
    with transaction(con) as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE small_cell_threshold = $t", {"t": threshold})
        insert_frame(cursor, TABLE, rows)


# ------------------------------------------------------------------------------------------------ JSON
# Reports are dataclasses holding frames, dicts and scalars (pd.NA where hidden). Frames keep their column
# types (Int64 counts, Float64 rates, bool masks, text reasons), so a stored report reads back equal to
# the computed one. Dataclasses are rebuilt only from ``lmi.programs`` modules.

_PACKAGE = "lmi.programs."


def encode(value) -> str:
    """A report (or any value built of dataclasses, frames, dicts, lists and scalars) as JSON text."""
    return json.dumps(_encode(value), separators=(",", ":"), allow_nan=False)


def decode(text: str):
    """The value ``encode`` wrote."""
    return _decode(json.loads(text))


def _encode(value):
    if value is None or isinstance(value, (str, bool)):
        return value
    if value is pd.NA:
        return {"__na__": 1}
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return {"__nan__": 1} if math.isnan(number) else number
    if isinstance(value, pd.DataFrame):
        return {"__frame__": _encode_frame(value)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        kind = type(value)
        fields = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"__dataclass__": f"{kind.__module__}:{kind.__qualname__}", "fields": fields}
    if isinstance(value, Mapping):
        return {"__dict__": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, tuple):
        return {"__tuple__": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    raise TypeError(f"cannot store a {type(value).__name__} in a published report")


def _encode_frame(frame: pd.DataFrame) -> dict:
    if frame.columns.has_duplicates:
        raise ValueError("cannot store a frame whose column names repeat")
    lists = frame.to_dict("list")  # one pass over the frame (a column at a time is far slower)
    columns = [
        {
            "name": _encode(name),
            "dtype": str(dtype),
            "values": [None if _missing(v) else _encode(v) for v in lists[name]],
        }
        for name, dtype in frame.dtypes.items()
    ]
    index = None if frame.index.equals(pd.RangeIndex(len(frame))) else [_encode(v) for v in frame.index]
    return {"columns": columns, "index": index, "rows": len(frame)}


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _decode(value):
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "__na__" in value:
        return pd.NA
    if "__nan__" in value:
        return float("nan")
    if "__frame__" in value:
        return _decode_frame(value["__frame__"])
    if "__dataclass__" in value:
        kind = _dataclass(value["__dataclass__"])
        return kind(**{name: _decode(v) for name, v in value["fields"].items()})
    if "__dict__" in value:
        items = [(_decode(k), v) for k, v in value["__dict__"]]
        if any(isinstance(v, dict) and ("__frame__" in v or "__dataclass__" in v) for _, v in items):
            return LazyTables(items)
        return {k: _decode(v) for k, v in items}
    if "__tuple__" in value:
        return tuple(_decode(v) for v in value["__tuple__"])
    raise ValueError(f"unknown stored value {sorted(value)}")


class LazyTables(Mapping):
    """A read-only mapping of tables (a report's equity breakdowns, its medians) that builds each table the
    first time it is looked up: a page needs one or two of a report's dozen tables, and building frames is
    most of the cost of reading a stored report."""

    def __init__(self, items: list[tuple]) -> None:
        self._stored = dict(items)
        self._built: dict = {}

    def __getitem__(self, key):
        if key not in self._built:
            self._built[key] = _decode(self._stored[key])
        return self._built[key]

    def __iter__(self):
        return iter(self._stored)

    def __len__(self) -> int:
        return len(self._stored)

    def __repr__(self) -> str:
        return f"LazyTables({list(self._stored)})"


def _decode_frame(stored: dict) -> pd.DataFrame:
    """A frame from its stored columns, built from numpy arrays (the fast constructors: a report holds a
    few dozen small frames, and pages read reports often)."""
    index = (
        pd.RangeIndex(stored["rows"]) if stored["index"] is None else pd.Index([_decode(v) for v in stored["index"]])
    )
    columns = stored["columns"]
    names = [_decode(column["name"]) for column in columns]
    dtypes = {column["dtype"] for column in columns}
    if columns and len(dtypes) == 1 and dtypes <= {"bool", "object"}:  # a mask or reasons: one 2-D block
        dtype = dtypes.pop()
        block = np.empty((len(index), len(columns)), dtype=bool if dtype == "bool" else object)
        for position, column in enumerate(columns):
            block[:, position] = [None if v is None else _decode(v) for v in column["values"]]
        return pd.DataFrame(block, index=index, columns=names, dtype=block.dtype)
    data = {name: _decode_column(column, index) for name, column in zip(names, columns)}
    return pd.DataFrame(data, index=index, copy=False) if data else pd.DataFrame(index=index)


def _decode_column(column: dict, index: pd.Index):
    values, dtype = column["values"], column["dtype"]
    if dtype in _MASKED:
        mask = np.array([v is None for v in values], dtype=bool)
        numbers_ = np.array([0 if v is None else _decode(v) for v in values], dtype=_MASKED[dtype][1])
        return _MASKED[dtype][0](numbers_, mask)
    decoded = [None if v is None else _decode(v) for v in values]
    if dtype == "bool":
        return np.array(decoded, dtype=bool)
    if dtype == "object":
        out = np.empty(len(decoded), dtype=object)
        out[:] = decoded
        return pd.Series(out, index=index, dtype=object, copy=False)  # a bare array would be read as text
    return pd.array(decoded, dtype=dtype)


_MASKED = {
    "Int64": (pd.arrays.IntegerArray, np.int64),
    "Float64": (pd.arrays.FloatingArray, np.float64),
}


def _dataclass(name: str) -> type:
    """A dataclass of ``lmi.programs`` by "module:qualname"; anything else is refused (a stored row never
    makes the reader import or build an arbitrary type)."""
    module, _, qualname = name.partition(":")
    if not module.startswith(_PACKAGE):
        raise ValueError(f"refusing to rebuild {name!r}: not a type of {_PACKAGE.rstrip('.')}")
    kind = importlib.import_module(module)
    for part in qualname.split("."):
        kind = getattr(kind, part)
    if not (isinstance(kind, type) and dataclasses.is_dataclass(kind)):
        raise ValueError(f"refusing to rebuild {name!r}: not a dataclass")
    return kind
