"""Running the postings pipeline (``lmi.postings.pipeline``) on DuckDB: the engine for one machine.

This module only reads files into ``source_rows``, registers the lookup tables and runs the shared SQL;
what a row becomes is decided in that SQL. The file's distinct values are kept as small temporary tables
(real tables, so DuckDB plans the staging joins knowing they are small); DuckDB then streams the file
through the staging query into Parquet without holding it in memory. The repost rule's window is the one
step that sorts, and it spills to the store's work folder past ``MEMORY_LIMIT``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd

from lmi.postings.layouts import ColumnMapping
from lmi.postings.pipeline import (
    ACCEPTED,
    AGGREGATE_COLUMNS,
    FILE_DICTIONARIES,
    SOURCE_COLUMNS,
    cells_sql,
    dictionary_sql,
    rollup_sql,
    stage_sql,
)

MEMORY_LIMIT = "1500MB"
PARQUET = "parquet"
CSV = "csv"
CSV_GZ = "csv.gz"


class UnreadableFileError(ValueError):
    """DuckDB could not read the file as the format it claims; the message is DuckDB's."""


def connect(work_dir: Path | None = None, threads: int | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the pipeline's settings (UTC, memory limit, spill folder)."""
    con = duckdb.connect(":memory:")
    con.execute("SET TimeZone = 'UTC'")
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")
    if work_dir is not None:
        con.execute(f"SET temp_directory = '{_text(str(work_dir))}'")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    return con


def detect_format(path: Path) -> str | None:
    """``parquet``, ``csv.gz`` or ``csv`` from the file's first bytes (whatever its name says); None for an
    empty file or one with NUL bytes in its first kilobytes that is neither Parquet nor gzip."""
    with open(path, "rb") as stream:
        head = stream.read(4096)
    if not head:
        return None
    if head[:4] == b"PAR1":
        return PARQUET
    if head[:2] == b"\x1f\x8b":
        return CSV_GZ
    if b"\x00" in head:
        return None
    return CSV


def _reader(path: Path, file_format: str) -> str:
    quoted = _text(str(path))
    if file_format == PARQUET:
        return f"read_parquet('{quoted}')"
    compression = "gzip" if file_format == CSV_GZ else "none"
    return f"read_csv('{quoted}', header = true, all_varchar = true, compression = '{compression}')"


def file_columns(con: duckdb.DuckDBPyConnection, path: Path, file_format: str) -> list[str]:
    """The file's column names (reads the header or the Parquet schema only)."""
    try:
        return [row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {_reader(path, file_format)}").fetchall()]
    except duckdb.Error as exc:
        raise UnreadableFileError(str(exc).splitlines()[0]) from exc


def create_source_rows(
    con: duckdb.DuckDBPyConnection, path: Path, file_format: str, mapping: ColumnMapping, default_source: str
) -> None:
    """The view ``source_rows``: every field as text, from the column the mapping names (NULL without one)."""
    selected = [
        f"CAST({_identifier(mapping.columns[field])} AS VARCHAR) AS {field}"
        if field in mapping.columns
        else f"CAST(NULL AS VARCHAR) AS {field}"
        for field in SOURCE_COLUMNS
    ]
    selected.append(f"'{_text(default_source)}' AS default_source")
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW source_rows AS SELECT {', '.join(selected)} FROM {_reader(path, file_format)}"
    )


def register_frames(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]) -> None:
    """Lookup tables (places, valid codes, title codes) as tables of text columns."""
    for name, frame in frames.items():
        con.register(f"{name}_frame", frame)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {name}_frame")
        con.unregister(f"{name}_frame")


def stage(con: duckdb.DuckDBPyConnection, out_dir: Path) -> None:
    """Make the file's distinct-value tables (``FILE_DICTIONARIES``, kept in ``con`` for later questions about
    the file, such as its titles), then run the staging SQL over ``source_rows`` into Parquet files under
    ``out_dir`` (one per thread)."""
    try:
        for name in FILE_DICTIONARIES:
            con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {dictionary_sql(name, 'duckdb')}")
        con.execute(
            f"COPY ({stage_sql('duckdb')}) TO '{_text(str(out_dir))}' "
            "(FORMAT parquet, PER_THREAD_OUTPUT true, COMPRESSION zstd, OVERWRITE_OR_IGNORE)"
        )
    except duckdb.Error as exc:
        raise UnreadableFileError(str(exc).splitlines()[0]) from exc


def parquet_list(paths: Sequence[Path]) -> str:
    return "[" + ", ".join(f"'{_text(str(path))}'" for path in paths) + "]"


def aggregate(
    con: duckdb.DuckDBPyConnection,
    postings_files: Sequence[Path],
    title_code_files: Sequence[Path],
    window_days: int,
    min_confidence: float,
    out_file: Path | None = None,
) -> pd.DataFrame | None:
    """Counts by area, occupation and month (``AGGREGATE_COLUMNS``) over the stored postings: returned as a
    frame, or written to ``out_file`` (Parquet) when given."""
    if not postings_files:
        empty = pd.DataFrame({column: pd.Series(dtype=object) for column in AGGREGATE_COLUMNS})
        if out_file is not None:
            con.register("empty_frame", empty)
            con.execute(f"COPY empty_frame TO '{_text(str(out_file))}' (FORMAT parquet)")
            return None
        return empty
    con.execute(
        "CREATE OR REPLACE TEMP VIEW postings AS "
        # By name: an import staged by an earlier version has columns since dropped (``title_key``).
        f"SELECT * FROM read_parquet({parquet_list(postings_files)}, union_by_name = true) WHERE problem = '{ACCEPTED}'"
    )
    if title_code_files:
        con.execute(
            "CREATE OR REPLACE TEMP VIEW title_codes AS SELECT title_hash, soc_code, confidence "
            f"FROM read_parquet({parquet_list(title_code_files)})"
        )
    else:
        con.execute(
            "CREATE OR REPLACE TEMP VIEW title_codes AS SELECT CAST(NULL AS UBIGINT) AS title_hash, "
            "CAST(NULL AS VARCHAR) AS soc_code, CAST(NULL AS DOUBLE) AS confidence WHERE false"
        )
    ordered = (
        f"WITH cells AS MATERIALIZED ({cells_sql(window_days, min_confidence)}) "
        f"SELECT * FROM ({rollup_sql()}) ORDER BY area_kind, area_code, soc_code NULLS LAST, posted_month"
    )
    if out_file is not None:
        con.execute(f"COPY ({ordered}) TO '{_text(str(out_file))}' (FORMAT parquet, COMPRESSION zstd)")
        return None
    return con.execute(ordered).df()


def _text(value: str) -> str:
    """A value written into SQL text as a string literal's contents."""
    return value.replace("'", "''")


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
