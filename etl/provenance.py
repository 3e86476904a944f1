"""Provenance: what every table in the database was made from, so every number can say so.

``meta_source``: one row per source (title, version, license, attribution, official URL).
``meta_provenance``: one row per raw table (source, version, snapshot file and its SHA-256, the
files it was made from, when the snapshot was made, when the build ran, rows).
``meta_build``: one row per build (id, time, snapshot folder, duration).
"""

from __future__ import annotations

import json
import uuid

import duckdb

from etl.releases import Release
from etl.snapshot import Snapshot


def new_build_id() -> str:
    return uuid.uuid4().hex[:12]


def record_sources(con: duckdb.DuckDBPyConnection, releases: dict[str, Release]) -> None:
    con.execute("""CREATE TABLE meta_source (source_key VARCHAR PRIMARY KEY, title VARCHAR, version VARCHAR,
                   published VARCHAR, license VARCHAR, license_url VARCHAR, attribution VARCHAR,
                   homepage VARCHAR, official_urls VARCHAR[])""")
    con.executemany(
        "INSERT INTO meta_source VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                r.key,
                r.title,
                r.version,
                r.published,
                r.license,
                r.license_url,
                r.attribution,
                r.homepage,
                [f.url for f in r.files],
            )
            for r in releases.values()
        ],
    )


def record_provenance(con: duckdb.DuckDBPyConnection, snapshot: Snapshot, built_utc: str, build_id: str) -> None:
    con.execute("""CREATE TABLE meta_provenance (raw_table VARCHAR PRIMARY KEY, source_key VARCHAR,
                   version VARCHAR, origin VARCHAR, snapshot_file VARCHAR, snapshot_sha256 VARCHAR,
                   made_from VARCHAR, retrieved_utc VARCHAR, built_utc VARCHAR, build_id VARCHAR,
                   row_count BIGINT)""")
    rows = []
    for table in snapshot.tables.values():
        source = snapshot.sources.get(table.source, {})
        loaded = con.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0]
        rows.append(
            (
                table.name,
                table.source,
                source.get("version"),
                source.get("origin"),
                str(table.path),
                table.sha256,
                json.dumps(source.get("made_from", [])),
                source.get("retrieved_utc", snapshot.created_utc),
                built_utc,
                build_id,
                loaded,
            )
        )
    con.executemany("INSERT INTO meta_provenance VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def record_build(
    con: duckdb.DuckDBPyConnection, build_id: str, built_utc: str, snapshot: Snapshot, seconds: float
) -> None:
    con.execute("""CREATE TABLE meta_build (build_id VARCHAR, built_utc VARCHAR, snapshot_folder VARCHAR,
                   snapshot_created_utc VARCHAR, duration_s DOUBLE)""")
    con.execute(
        "INSERT INTO meta_build VALUES (?, ?, ?, ?, ?)",
        [build_id, built_utc, str(snapshot.folder), snapshot.created_utc, seconds],
    )
