"""core_sector, core_sector_citation, core_sector_occupation and meta_sector_file: the project's
sector definitions (data/sectors/*.toml), checked against the SOC codes BLS publishes.

A sector file with a malformed line or a code BLS does not publish fails the build with a message
naming the file and line (see etl/sector_file.py). ``meta_sector_file`` records each file's version
and SHA-256 so every sector number can say which definition it used. Rows are written with one
``INSERT ... SELECT unnest(...)`` per table: a few hundred rows take milliseconds.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl.sector_file import SECTOR_DIR, SectorFile, SectorFileError, check_soc_codes, read_sector_files, sector_files

SCHEMA = """
CREATE TABLE meta_sector_file (
    file_name VARCHAR PRIMARY KEY, version VARCHAR NOT NULL, title VARCHAR NOT NULL, sha256 VARCHAR NOT NULL,
    sectors_count INTEGER NOT NULL, sector_occupations_count INTEGER NOT NULL);
CREATE TABLE core_sector (
    sector_key VARCHAR PRIMARY KEY, sector_name VARCHAR NOT NULL, description VARCHAR NOT NULL,
    basis VARCHAR NOT NULL, selection VARCHAR NOT NULL, sector_order INTEGER NOT NULL,
    file_name VARCHAR NOT NULL, file_version VARCHAR NOT NULL);
CREATE TABLE core_sector_citation (
    sector_key VARCHAR NOT NULL, citation_order INTEGER NOT NULL, title VARCHAR NOT NULL,
    publisher VARCHAR NOT NULL, url VARCHAR NOT NULL, PRIMARY KEY (sector_key, citation_order));
CREATE TABLE core_sector_occupation (
    sector_key VARCHAR NOT NULL, soc_code VARCHAR NOT NULL, file_line INTEGER,
    PRIMARY KEY (sector_key, soc_code));
"""


def run(con: duckdb.DuckDBPyConnection, folder: Path = SECTOR_DIR) -> None:
    files = read_sector_files(sector_files(folder))
    oews_levels = dict(con.execute("SELECT soc_code, soc_level FROM core_soc_occupation").fetchall())
    projected = {row[0] for row in con.execute(
        "SELECT soc_code FROM core_projection WHERE occupation_type = 'Line item'").fetchall()}
    problems = [problem for sector_file in files for problem in check_soc_codes(sector_file, oews_levels, projected)]
    if problems:
        raise SectorFileError(problems)
    con.execute(SCHEMA)
    _write(con, files)


def _write(con: duckdb.DuckDBPyConnection, files: list[SectorFile]) -> None:
    metas, sectors, citations, occupations = [], [], [], []
    order = 0
    for sector_file in files:
        metas.append((sector_file.file_name, sector_file.version, sector_file.title, sector_file.sha256,
                      len(sector_file.sectors), sum(len(s.occupations) for s in sector_file.sectors)))
        for sector in sector_file.sectors:
            order += 1
            sectors.append((sector.key, sector.name, sector.description, sector.basis, sector.selection, order,
                            sector_file.file_name, sector_file.version))
            citations += [(sector.key, n, c.title, c.publisher, c.url) for n, c in enumerate(sector.citations, 1)]
            occupations += [(sector.key, o.soc_code, o.line) for o in sector.occupations]
    for table, rows in (("meta_sector_file", metas), ("core_sector", sectors),
                        ("core_sector_citation", citations), ("core_sector_occupation", occupations)):
        _insert_columns(con, table, rows)


def _insert_columns(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    """One statement per table: the rows go in as parallel lists (``unnest``), not row by row."""
    columns = list(zip(*rows))
    params = {f"c{i}": list(values) for i, values in enumerate(columns)}
    selects = ", ".join(f"unnest($c{i})" for i in range(len(columns)))
    con.execute(f"INSERT INTO {table} SELECT {selects}", params)
