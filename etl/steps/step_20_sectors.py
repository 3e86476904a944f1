"""core_sector, core_sector_citation, core_sector_occupation (with ``is_signature``), core_sector_indeed
and meta_sector_file: the project's sector definitions (data/sectors/*.toml), checked against the SOC
codes BLS publishes and the sector series Indeed Hiring Lab publishes.

A sector file with a malformed line, a code BLS does not publish or an Indeed sector Indeed does not
publish fails the build with a message naming the file and line (see etl/sector_file.py).
``meta_sector_file`` records each file's version and SHA-256 so every sector number can say which
definition it used. Rows are written with one ``INSERT ... SELECT unnest(...)`` per table: a few
hundred rows take milliseconds.

Builds from small test extracts of the official files (``check_row_counts=False``) publish only a
handful of occupations, so "not published" cannot mean "unknown" there: when the build's OEWS lists
fewer than ``FULL_RELEASE_MIN_DETAILED`` detailed occupations, codes found in neither OEWS nor the
projections are left out of ``core_sector_occupation`` and counted in
``meta_sector_file.codes_not_in_build_count``; Indeed sectors the extract lacks are likewise left out
of ``core_sector_indeed`` and counted in ``indeed_sectors_not_in_build_count`` (decided on its own: an
Indeed extract with fewer than ``FULL_INDEED_MIN_SECTORS`` series may sit beside full OEWS files). A real release lists
about 830, and the row-count checks fail any real build with a partial list, so every served
database is checked strictly.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl.sector_file import (
    SECTOR_DIR,
    SectorFile,
    SectorFileError,
    check_indeed_sectors,
    check_soc_codes,
    read_sector_files,
    sector_files,
)

SCHEMA = """
CREATE TABLE meta_sector_file (
    file_name VARCHAR PRIMARY KEY, version VARCHAR NOT NULL, title VARCHAR NOT NULL, sha256 VARCHAR NOT NULL,
    sectors_count INTEGER NOT NULL, sector_occupations_count INTEGER NOT NULL,
    codes_not_in_build_count INTEGER NOT NULL, indeed_sectors_not_in_build_count INTEGER NOT NULL);
CREATE TABLE core_sector (
    sector_key VARCHAR PRIMARY KEY, sector_name VARCHAR NOT NULL, description VARCHAR NOT NULL,
    basis VARCHAR NOT NULL, selection VARCHAR NOT NULL, sector_order INTEGER NOT NULL,
    file_name VARCHAR NOT NULL, file_version VARCHAR NOT NULL, indeed_note VARCHAR NOT NULL);
CREATE TABLE core_sector_citation (
    sector_key VARCHAR NOT NULL, citation_order INTEGER NOT NULL, title VARCHAR NOT NULL,
    publisher VARCHAR NOT NULL, url VARCHAR NOT NULL, PRIMARY KEY (sector_key, citation_order));
CREATE TABLE core_sector_occupation (
    sector_key VARCHAR NOT NULL, soc_code VARCHAR NOT NULL, file_line INTEGER, is_signature BOOLEAN NOT NULL,
    PRIMARY KEY (sector_key, soc_code));
CREATE TABLE core_sector_indeed (
    sector_key VARCHAR NOT NULL, indeed_sector VARCHAR NOT NULL, mapping_order INTEGER NOT NULL, file_line INTEGER,
    PRIMARY KEY (sector_key, indeed_sector));
"""


FULL_RELEASE_MIN_DETAILED = 700  # OEWS May 2025 publishes 830 detailed occupations; SOC 2018 has 867
FULL_INDEED_MIN_SECTORS = 30  # Indeed Hiring Lab's sector file publishes 46 sector series


def run(con: duckdb.DuckDBPyConnection, folder: Path = SECTOR_DIR) -> None:
    files = read_sector_files(sector_files(folder))
    oews_levels = dict(con.execute("SELECT soc_code, soc_level FROM core_soc_occupation").fetchall())
    projected = {
        row[0]
        for row in con.execute("SELECT soc_code FROM core_projection WHERE occupation_type = 'Line item'").fetchall()
    }
    indeed = _indeed_sector_names(con)
    partial = sum(level == "detailed" for level in oews_levels.values()) < FULL_RELEASE_MIN_DETAILED
    problems = [
        problem
        for sector_file in files
        for problem in check_soc_codes(sector_file, oews_levels, projected, skip_absent=partial)
    ]
    if len(indeed) >= FULL_INDEED_MIN_SECTORS:  # a test extract of Indeed's file may be combined with full OEWS
        problems += [problem for sector_file in files for problem in check_indeed_sectors(sector_file, indeed)]
    if problems:
        raise SectorFileError(problems)
    con.execute(SCHEMA)
    _write(con, files, published=set(oews_levels) & projected, indeed=indeed)


def _indeed_sector_names(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The sectors Indeed Hiring Lab publishes a postings series for (``core_indeed_sector_postings``)."""
    return {row[0] for row in con.execute("SELECT DISTINCT sector FROM core_indeed_sector_postings").fetchall()}


def _write(con: duckdb.DuckDBPyConnection, files: list[SectorFile], published: set[str], indeed: set[str]) -> None:
    metas, sectors, citations, occupations, mappings = [], [], [], [], []
    order = 0
    for sector_file in files:
        listed = [(s, o) for s in sector_file.sectors for o in s.occupations]
        kept = [(s.key, o.soc_code, o.line, s.is_signature(o.soc_code)) for s, o in listed if o.soc_code in published]
        named = [(s.key, i) for s in sector_file.sectors for i in s.indeed_sectors]
        mapped = [(key, i.name, n, i.line) for n, (key, i) in enumerate(named, 1) if i.name in indeed]
        metas.append(
            (
                sector_file.file_name,
                sector_file.version,
                sector_file.title,
                sector_file.sha256,
                len(sector_file.sectors),
                len(listed),
                len(listed) - len(kept),
                len(named) - len(mapped),
            )
        )
        occupations += kept
        mappings += mapped
        for sector in sector_file.sectors:
            order += 1
            sectors.append(
                (
                    sector.key,
                    sector.name,
                    sector.description,
                    sector.basis,
                    sector.selection,
                    order,
                    sector_file.file_name,
                    sector_file.version,
                    sector.indeed_note,
                )
            )
            citations += [(sector.key, n, c.title, c.publisher, c.url) for n, c in enumerate(sector.citations, 1)]
    for table, rows in (
        ("meta_sector_file", metas),
        ("core_sector", sectors),
        ("core_sector_citation", citations),
        ("core_sector_occupation", occupations),
        ("core_sector_indeed", mappings),
    ):
        _insert_columns(con, table, rows)


def _insert_columns(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    """One statement per table: the rows go in as parallel lists (``unnest``), not row by row."""
    if not rows:
        return
    columns = list(zip(*rows))
    params = {f"c{i}": list(values) for i, values in enumerate(columns)}
    selects = ", ".join(f"unnest($c{i})" for i in range(len(columns)))
    con.execute(f"INSERT INTO {table} SELECT {selects}", params)
