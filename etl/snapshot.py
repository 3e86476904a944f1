"""A snapshot is a folder of raw-table Parquet files plus ``manifest.json``: what the build reads.

The project ships one in ``data/snapshot`` (made from the shared copies of the official releases
by ``python -m etl snapshot``); ``python -m etl download`` makes another from the official URLs.
The manifest records, per raw table, its file, row count and SHA-256, and per source its version
and the files it was made from, so a build can refuse a corrupt or tampered file by name.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from etl.checksums import sha256_file
from etl.errors import SnapshotError

MANIFEST_NAME = "manifest.json"
FORMAT_VERSION = 1
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHIPPED_SNAPSHOT = PROJECT_ROOT / "data" / "snapshot"


@dataclass(frozen=True)
class SnapshotTable:
    name: str
    path: Path
    source: str
    rows: int
    sha256: str


@dataclass(frozen=True)
class Snapshot:
    folder: Path
    tables: dict[str, SnapshotTable]
    sources: dict[str, dict]
    created_utc: str


def write_snapshot(
    folder: Path, frames_by_source: dict[str, dict[str, pd.DataFrame]], source_meta: dict[str, dict]
) -> Snapshot:
    """Write every frame as zstd Parquet and the manifest; replace ``folder`` only when all is written."""
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        tables = {}
        for source, frames in frames_by_source.items():
            for name, frame in frames.items():
                path = staging / f"{name}.parquet"
                pq.write_table(
                    pa.Table.from_pandas(frame, preserve_index=False), path, compression="zstd", compression_level=9
                )
                tables[name] = {"file": path.name, "source": source, "rows": len(frame), "sha256": sha256_file(path)}
        manifest = {
            "format": FORMAT_VERSION,
            "created_utc": _now_utc(),
            "sources": source_meta,
            "tables": dict(sorted(tables.items())),
        }
        (staging / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2, sort_keys=False) + "\n")
        _replace_folder(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return read_snapshot(folder)


def _replace_folder(staging: Path, folder: Path) -> None:
    backup = folder.with_name(f".{folder.name}.old")
    shutil.rmtree(backup, ignore_errors=True)
    if folder.exists():
        os.replace(folder, backup)
    os.replace(staging, folder)
    shutil.rmtree(backup, ignore_errors=True)


def read_snapshot(folder: Path) -> Snapshot:
    """Read the manifest; fail with the file's name when it is missing or unreadable."""
    folder = Path(folder)
    manifest_path = folder / MANIFEST_NAME
    if not manifest_path.exists():
        raise SnapshotError(f"{manifest_path}: snapshot manifest is missing")
    try:
        manifest = json.loads(manifest_path.read_text())
    except json.JSONDecodeError as exc:
        raise SnapshotError(f"{manifest_path}: not valid JSON ({exc})") from exc
    if manifest.get("format") != FORMAT_VERSION:
        raise SnapshotError(f"{manifest_path}: snapshot format {manifest.get('format')!r}, expected {FORMAT_VERSION}")
    tables = {
        name: SnapshotTable(name, folder / t["file"], t["source"], int(t["rows"]), t["sha256"])
        for name, t in manifest["tables"].items()
    }
    return Snapshot(folder, tables, manifest["sources"], manifest["created_utc"])


def verify_snapshot(snapshot: Snapshot, expected_tables: set[str]) -> None:
    """Every expected raw table is present and its file's checksum matches the manifest."""
    missing = sorted(expected_tables - set(snapshot.tables))
    if missing:
        raise SnapshotError(f"{snapshot.folder / MANIFEST_NAME}: no entry for raw table(s) {', '.join(missing)}")
    for table in snapshot.tables.values():
        if not table.path.exists():
            raise SnapshotError(f"{table.path}: snapshot file is missing")
        actual = sha256_file(table.path)
        if actual != table.sha256:
            raise SnapshotError(
                f"{table.path}: checksum {actual[:12]}… does not match the manifest ({table.sha256[:12]}…); "
                "the file is corrupt or was changed outside the ETL"
            )


def _now_utc() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()
