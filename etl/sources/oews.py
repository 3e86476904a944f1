"""BLS OEWS: raw table shapes and readers for the official ``oe.*`` LABSTAT flat files.

``oe.data.0.Current`` is long (one row per series and data type); we keep only cross-industry
cells (industry ``000000``: nation, states, metro and nonmetro areas) and pivot them wide into
``raw_oews_cell`` with the 17 data types as ``v01``..``v17`` and their footnote codes as
``f01``..``f17``, exactly as published: ``-`` stays ``-``, nothing is computed here.

The series id is ``OEU`` + area type (1) + area code (7) + industry (6) + SOC without dash (6)
+ data type (2); the first 23 characters are the cell key.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import duckdb
import pandas as pd

from etl.errors import SchemaDriftError, SnapshotError
from etl.raw_tables import Column, RawTable, conform_frame

C = Column
CROSS_INDUSTRY = "000000"
DATATYPES = tuple(f"{n:02d}" for n in range(1, 18))
CELL_COLUMNS = (
    (C("key", "series_key"),)
    + tuple(C(f"v{d}", f"v{d}") for d in DATATYPES)
    + tuple(C(f"f{d}", f"f{d}") for d in DATATYPES)
)

OEWS_TABLES: tuple[RawTable, ...] = (
    RawTable(
        "raw_oews_area",
        "oews",
        "oe.area",
        (
            C("area_code", "area_code"),
            C("areatype_code", "areatype_code"),
            C("state_code", "state_code"),
            C("area_name", "area_name"),
        ),
    ),
    RawTable(
        "raw_oews_occupation",
        "oews",
        "oe.occupation",
        (
            C("occupation_code", "occupation_code"),
            C("occupation_name", "occupation_name"),
            C("display_level", "display_level", "integer"),
        ),
    ),
    RawTable(
        "raw_oews_datatype",
        "oews",
        "oe.datatype",
        (C("datatype_code", "datatype_code"), C("datatype_name", "datatype_name")),
    ),
    RawTable(
        "raw_oews_footnote",
        "oews",
        "oe.footnote",
        (C("footnote_code", "footnote_code"), C("footnote_text", "footnote_text")),
    ),
    RawTable(
        "raw_oews_release", "oews", "oe.release", (C("release_date", "release_code"), C("description", "description"))
    ),
    RawTable("raw_oews_cell", "oews", "oe.data.0.Current (cross-industry cells, pivoted wide)", CELL_COLUMNS),
)
_BY_FILE = {t.official_file: t for t in OEWS_TABLES}
DATA_FILE = "oe.data.0.Current"
DATA_HEADERS = ("series_id", "year", "period", "value", "footnote_codes")


def read_lookup_file(path: Path) -> pd.DataFrame:
    """Parse one ``oe.*`` lookup file (tab-separated, header row, padded, Windows-1252)."""
    table = _BY_FILE[path.name]
    try:
        frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, encoding="cp1252")
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise SnapshotError(f"{path.name}: cannot be parsed as a BLS tab-separated file ({exc})") from exc
    frame = frame.loc[:, [c for c in frame.columns if str(c).strip() and not str(c).startswith("Unnamed")]]
    return conform_frame(frame, table, path.name)


def read_data_file(path: Path, year: str, period: str) -> pd.DataFrame:
    """Pivot ``oe.data.0.Current`` to one row per cross-industry cell; refuse another release."""
    con = duckdb.connect()
    try:
        header = con.execute(
            "SELECT * FROM read_csv($path, delim='\t', header=false, all_varchar=true, max_line_size=4096) LIMIT 1",
            {"path": str(path)},
        ).fetchone()
        found = tuple((h or "").strip() for h in header)
        if found[: len(DATA_HEADERS)] != DATA_HEADERS:
            raise SchemaDriftError(f"{path.name}: expected columns {DATA_HEADERS}, found {found}")
        long = con.execute(
            f"""
            WITH rows AS (
                SELECT trim(series_id) AS series_id, trim(year) AS year, trim(period) AS period,
                       trim(value) AS value, nullif(trim(footnote_codes), '') AS footnote
                FROM read_csv($path, delim='\t', header=true, all_varchar=true,
                              columns={{'series_id':'VARCHAR','year':'VARCHAR','period':'VARCHAR',
                                        'value':'VARCHAR','footnote_codes':'VARCHAR'}})
            )
            SELECT * FROM rows WHERE substr(series_id, 12, 6) = '{CROSS_INDUSTRY}'
        """,
            {"path": str(path)},
        ).df()
    except duckdb.Error as exc:
        raise SnapshotError(f"{path.name}: cannot be parsed as a BLS time-series data file ({exc})") from exc
    finally:
        con.close()
    _require_release(long, path.name, year, period)
    return pivot_cells(long, path.name)


def _require_release(long: pd.DataFrame, label: str, year: str, period: str) -> None:
    releases = long[["year", "period"]].drop_duplicates()
    unexpected = releases[(releases.year != year) | (releases.period != period)]
    if len(unexpected):
        first = unexpected.iloc[0]
        raise SchemaDriftError(
            f"{label}: holds estimates for {first.year} {first.period}, but releases.toml pins "
            f"{year} {period}; review the new release before loading it"
        )


def pivot_cells(long: pd.DataFrame, label: str) -> pd.DataFrame:
    """Long (series_id, value, footnote) rows -> one wide row per 23-character cell key."""
    bad = long.series_id.str.len() != 25
    if bad.any():
        position = int(bad.to_numpy().nonzero()[0][0])
        raise SchemaDriftError(
            f"{label}: row {position + 2}, column 'series_id': "
            f"{long.series_id.iloc[position]!r} is not a 25-character OEWS series id"
        )
    long = long.assign(series_key=long.series_id.str[:23], datatype=long.series_id.str[23:])
    unknown = sorted(set(long.datatype) - set(DATATYPES))
    if unknown:
        raise SchemaDriftError(f"{label}: unknown OEWS data type code(s) {unknown}")
    values = long.pivot(index="series_key", columns="datatype", values="value")
    notes = long.pivot(index="series_key", columns="datatype", values="footnote")
    wide = pd.DataFrame(index=values.index)
    for d in DATATYPES:
        wide[f"v{d}"] = values[d] if d in values else None
    for d in DATATYPES:
        wide[f"f{d}"] = notes[d] if d in notes else None
    wide = wide.reset_index().rename(columns={"series_key": "key"})
    return conform_frame(wide, _BY_FILE[OEWS_TABLES[-1].official_file], label)


def read_sqlite_extract(path: Path) -> dict[str, pd.DataFrame]:
    """Read the project's shared SQLite copy of the same flat files (used to make the snapshot)."""
    con = sqlite3.connect(path)
    try:
        frames = {
            "raw_oews_area": pd.read_sql("SELECT area_code, areatype_code, state_code, area_name FROM area", con),
            "raw_oews_occupation": pd.read_sql(
                "SELECT occupation_code, occupation_name, display_level FROM occupation", con
            ),
            "raw_oews_datatype": pd.read_sql("SELECT datatype_code, datatype_name FROM datatype", con),
            "raw_oews_footnote": pd.read_sql("SELECT footnote_code, footnote_text FROM footnote", con),
            "raw_oews_release": pd.read_sql(
                "SELECT (SELECT value FROM meta WHERE name='release_code') AS release_date, "
                "(SELECT value FROM meta WHERE name='release') AS description",
                con,
            ),
            "raw_oews_cell": pd.read_sql(
                "SELECT * FROM cell WHERE substr(key, 12, 6) = ? ORDER BY key", con, params=(CROSS_INDUSTRY,)
            ),
        }
    finally:
        con.close()
    by_name = {t.name: t for t in OEWS_TABLES}
    return {name: conform_frame(frame, by_name[name], f"{path.name}:{name}") for name, frame in frames.items()}


def read_flat_files(folder: Path, year: str, period: str) -> dict[str, pd.DataFrame]:
    """Parse a folder holding the downloaded official ``oe.*`` files into all OEWS raw tables."""
    frames = {}
    for table in OEWS_TABLES[:-1]:
        path = folder / table.official_file
        if not path.exists():
            raise SnapshotError(f"{path}: missing OEWS file")
        frames[table.name] = read_lookup_file(path)
    frames["raw_oews_cell"] = read_data_file(folder / DATA_FILE, year, period)
    return frames
