"""Make the shipped snapshot (``data/snapshot``) from the shared copies of the pinned releases.

Maintainers run ``python -m etl snapshot --from ../shared/data`` when a pinned release changes;
users never need the shared folder. Each source is parsed by the same declared raw tables as a
download, so the snapshot and a fresh download load through one path.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from etl.catalog import SOURCES
from etl.checksums import sha256_file
from etl.releases import load_releases
from etl.snapshot import SHIPPED_SNAPSHOT, Snapshot, write_snapshot

Progress = Callable[[str], None]


def make_snapshot_from_shared(shared_root: Path, out: Path = SHIPPED_SNAPSHOT, progress: Progress = print) -> Snapshot:
    releases = load_releases()
    frames_by_source, meta = {}, {}
    for spec in SOURCES:
        progress(f"reading {spec.key} from {shared_root}")
        frames_by_source[spec.key] = spec.read_shared(shared_root)
        release = releases[spec.key]
        meta[spec.key] = {
            "version": release.version,
            "origin": "copy of the official release in the project's shared data folder",
            "official_urls": [f.url for f in release.files],
            "made_from": [{"file": name, "sha256": sha256_file(shared_root / name)} for name in spec.shared_files],
        }
    snapshot = write_snapshot(out, frames_by_source, meta)
    total = sum(t.path.stat().st_size for t in snapshot.tables.values())
    progress(f"wrote {len(snapshot.tables)} tables, {total / 1e6:.1f} MB, to {out}")
    return snapshot
