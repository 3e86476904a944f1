"""Where numbers come from: source titles, versions, licenses and the build they were loaded in.

Pages put a ``source_note`` under every block of numbers and the footer lists ``data_vintages``;
CSV downloads carry the same note in their ``source`` column.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
from babel.dates import format_skeleton

from lmi.db import query_df, query_rows
from lmi.i18n import N_, _, current_language

# English, marked for the catalog: shown through ``source_short_name`` (source names stay as published;
# the words around them are translated)
SOURCE_SHORT_NAMES = {
    "oews": N_("BLS OEWS"),
    "oews_industry": N_("BLS OEWS industry staffing patterns"),
    "onet": N_("O*NET"),
    "onet_work_activities": N_("O*NET (Work Activities)"),
    "projections": N_("BLS Employment Projections"),
    "cip_soc": N_("NCES CIP-SOC crosswalk"),
    "geo": N_("Census CBSA gazetteer / OMB delineation"),
    "indeed": N_("Indeed Hiring Lab"),
    "nj_etpl": N_("New Jersey ETPL (published)"),
    "sectors": N_("Sector definitions"),
    "state_projections": N_("State projections (Projections Central)"),
    "us_atlas": N_("Census cartographic boundaries 2017 (us-atlas)"),
}
DATE_LOCALES = {"en": "en_US", "es": "es_US"}  # the CLDR locale a month is written in, per language


def source_short_name(source_key: str) -> str:
    """The short name of a source in captions ("BLS OEWS"), in the visitor's language; unknown keys as given."""
    return _(SOURCE_SHORT_NAMES[source_key]) if source_key in SOURCE_SHORT_NAMES else source_key


def sources(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return query_df(
        con,
        """SELECT source_key, title, version, published, license, license_url, attribution,
                            homepage, official_urls FROM meta_source ORDER BY source_key""",
    )


def source_versions(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Each source's version as this database records it ({"oews": "May 2025", ...})."""
    return dict(query_rows(con, "SELECT source_key, version FROM meta_source"))


def loaded_sources(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The sources this database holds rows of (a pinned source may be absent until it is downloaded)."""
    rows = query_rows(con, "SELECT DISTINCT source_key FROM meta_provenance WHERE row_count > 0")
    return {key for (key,) in rows}


def snapshot_gaps(con: duckdb.DuckDBPyConnection) -> tuple[str, ...]:
    """What this database does not contain, one sentence each (markdown), naming the versions it was built
    from so the text follows the data: what O*NET parts are missing or older, what OEWS and the projections
    leave out, which Indeed files are used."""
    rows = query_rows(con, "SELECT source_key, version, published FROM meta_source")
    version = {key: v for key, v, _published in rows}
    published = {key: p for key, _version, p in rows}
    activities = version.get("onet_work_activities")
    if activities and activities != version.get("onet"):
        onet_gap = _(
            "- **O*NET Abilities, Work Context and Task Ratings** are not in the shipped snapshot (so tasks are listed "
            "core first but not ranked by importance), and **Work Activities** come from O*NET {activities} "
            "({month}; same content model) because the {onet} copy available to the project lacks them. A full "
            "O*NET download (`python -m etl download`) adds and refreshes them."
        ).format(activities=activities, month=_month(published.get("onet_work_activities")), onet=version.get("onet"))
    else:
        onet_gap = _(
            "- **O*NET Abilities, Work Context and Task Ratings** are not in the shipped snapshot (so tasks are listed "
            "core first but not ranked by importance). A full O*NET download (`python -m etl download`) adds them."
        )
    if "state_projections" in loaded_sources(con):
        projections = _(
            "- **BLS projections** are national; states' own long-term projections (Projections Central, "
            "{version}) replace the national rate for the states they cover, and staff can "
            "import others. Each local openings figure says which it is."
        ).format(version=version["state_projections"])
    else:
        projections = _(
            "- **BLS projections** are national; state long-term projections (Projections Central) are not shipped. "
            "Local openings are allocations of national openings unless staff import a state's projections; each "
            "figure says which."
        )
    return (
        onet_gap,
        _(
            "- **OEWS** is kept for all industries combined (nation, states, metro and nonmetropolitan areas); "
            "industry-by-occupation detail (national only) is not shipped. OEWS excludes the self-employed."
        ),
        projections,
        _(
            "- **Indeed Hiring Lab** indexes are national, by state and by Indeed's own sectors; the metro file "
            "stopped in 2022 and is not used."
        ),
    )


def _month(published: str | None) -> str:
    """ "2024-02" as "February 2024" ("febrero de 2024" in Spanish; anything else as given)."""
    try:
        month = date.fromisoformat(f"{published}-01")
    except (TypeError, ValueError):
        return str(published or "")
    return format_skeleton("yMMMM", month, locale=DATE_LOCALES.get(current_language(), "en_US"))


def source_note(con: duckdb.DuckDBPyConnection, *source_keys: str) -> str:
    """ "Source: BLS OEWS May 2025 (Public domain ...); O*NET 29.3 (CC BY 4.0)." for the given keys."""
    rows = query_rows(
        con,
        "SELECT source_key, version, license FROM meta_source WHERE list_contains($keys, source_key)",
        {"keys": list(source_keys)},
    )
    by_key = {key: (version, license) for key, version, license in rows}
    parts = [
        f"{source_short_name(k)} {by_key[k][0]} ({_short_license(by_key[k][1])})" for k in source_keys if k in by_key
    ]
    return _("Source: {sources}.").format(sources="; ".join(parts)) if parts else ""


def _short_license(license_text: str) -> str:
    return _("public domain") if license_text.lower().startswith("public domain") else license_text


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
