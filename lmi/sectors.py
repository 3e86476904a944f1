"""The project's sector definitions as loaded by the ETL (``core_sector*``, from data/sectors/*.toml):
which sectors exist, exactly which SOC occupations each holds, what public documents each list
follows, and which version of the file the database was built from."""

from __future__ import annotations

import duckdb
import pandas as pd

from lmi.db import query_df, query_rows


def list_sectors(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per sector, in the file's order, with its occupation count."""
    return query_df(con, """
        SELECT s.sector_key, s.sector_name, s.description, s.basis, s.selection, s.file_name, s.file_version,
               (SELECT count(*) FROM core_sector_occupation o WHERE o.sector_key = s.sector_key) AS occupations_count
        FROM core_sector s
        ORDER BY s.sector_order
    """)


def sector_membership(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """(sector_key, soc_code) for every sector occupation: the join key for every sector analysis."""
    return query_df(con, "SELECT sector_key, soc_code FROM core_sector_occupation ORDER BY sector_key, soc_code")


def sector_occupations(con: duckdb.DuckDBPyConnection, sector_keys: list[str]) -> pd.DataFrame:
    """The occupations of the given sectors with their OEWS titles, so a user sees exactly what is in a sector."""
    return query_df(con, """
        SELECT s.sector_key, s.sector_name, o.soc_code, c.title AS occupation_title, o.file_line
        FROM core_sector_occupation o
        JOIN core_sector s USING (sector_key)
        JOIN core_soc_occupation c USING (soc_code)
        WHERE list_contains($keys, o.sector_key)
        ORDER BY s.sector_order, o.soc_code
    """, {"keys": list(sector_keys)})


def sector_citations(con: duckdb.DuckDBPyConnection, sector_keys: list[str]) -> pd.DataFrame:
    return query_df(con, """
        SELECT c.sector_key, c.citation_order, c.title, c.publisher, c.url
        FROM core_sector_citation c JOIN core_sector s USING (sector_key)
        WHERE list_contains($keys, c.sector_key)
        ORDER BY s.sector_order, c.citation_order
    """, {"keys": list(sector_keys)})


def sector_file_note(con: duckdb.DuckDBPyConnection) -> str:
    """"Sector definitions: data/sectors/sectors-v1.toml, version 1 (SHA-256 d5c9…)." for captions and CSVs."""
    rows = query_rows(con, "SELECT file_name, version, sha256 FROM meta_sector_file ORDER BY file_name")
    parts = [f"data/sectors/{name}, version {version} (SHA-256 {sha[:12]}…)" for name, version, sha in rows]
    return "Sector definitions: " + "; ".join(parts) + " — the project's own lists, each citing its sources." if parts else ""
