"""Where numbers come from: source titles, versions, licenses and the build they were loaded in.

Pages put a ``source_note`` under every block of numbers and the footer lists ``data_vintages``;
CSV downloads carry the same note in their ``source`` column.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from lmi.db import query_df, query_rows

SOURCE_SHORT_NAMES = {
    "oews": "BLS OEWS",
    "onet": "O*NET",
    "onet_work_activities": "O*NET (Work Activities)",
    "projections": "BLS Employment Projections",
    "cip_soc": "NCES CIP-SOC crosswalk",
    "geo": "Census CBSA gazetteer / OMB delineation",
    "indeed": "Indeed Hiring Lab",
    "nj_etpl": "New Jersey ETPL (published)",
    "sectors": "Sector definitions",
    "state_projections": "State projections (Projections Central)",
}


def sources(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return query_df(
        con,
        """SELECT source_key, title, version, published, license, license_url, attribution,
                            homepage, official_urls FROM meta_source ORDER BY source_key""",
    )


def source_note(con: duckdb.DuckDBPyConnection, *source_keys: str) -> str:
    """ "Source: BLS OEWS May 2025 (Public domain ...); O*NET 29.3 (CC BY 4.0)." for the given keys."""
    rows = query_rows(
        con,
        "SELECT source_key, version, license FROM meta_source WHERE list_contains($keys, source_key)",
        {"keys": list(source_keys)},
    )
    by_key = {key: (version, license) for key, version, license in rows}
    parts = [
        f"{SOURCE_SHORT_NAMES.get(k, k)} {by_key[k][0]} ({_short_license(by_key[k][1])})"
        for k in source_keys
        if k in by_key
    ]
    return "Source: " + "; ".join(parts) + "." if parts else ""


def _short_license(license_text: str) -> str:
    return "public domain" if license_text.lower().startswith("public domain") else license_text


def data_vintages(con: duckdb.DuckDBPyConnection) -> dict:
    """What the footer shows: the version of each source this database holds rows of (a pinned source
    that was not loaded, such as state projections before a download, is not claimed) and the build time."""
    build = query_rows(con, "SELECT build_id, built_utc FROM meta_build ORDER BY built_utc DESC LIMIT 1")
    versions = {
        key: version
        for key, version in query_rows(
            con,
            """
        SELECT source_key, version FROM meta_source
        WHERE source_key IN (SELECT source_key FROM meta_provenance WHERE row_count > 0)""",
        )
    }
    sector_files = query_rows(con, "SELECT string_agg('v' || version, ', ' ORDER BY file_name) FROM meta_sector_file")
    if sector_files and sector_files[0][0]:
        versions["sectors"] = sector_files[0][0]
    return {
        "build_id": build[0][0] if build else None,
        "built_utc": build[0][1] if build else None,
        "versions": versions,
    }


def provenance_table(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return query_df(
        con,
        """SELECT raw_table, source_key, version, origin, row_count, snapshot_sha256,
                            retrieved_utc, built_utc, build_id, made_from FROM meta_provenance ORDER BY raw_table""",
    )


def data_checks(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return query_df(
        con, "SELECT check_name, protects, kind, violations, passed FROM meta_data_check ORDER BY check_name"
    )
