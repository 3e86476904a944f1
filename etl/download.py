"""``python -m etl download``: fetch the pinned releases from their official URLs, snapshot, build.

Steps, each reported through ``progress``:

1. For each chosen source, fetch every file pinned in ``etl/releases.toml`` into the raw cache
   ``<cache>/<source>/<version>/<file>``. A cached file is reused only when its SHA-256 matches
   the pin, or, for a file with no pin yet, the ``<file>.sha256`` sidecar written after a verified
   download; anything else is fetched again.
2. Parse the files with the source's own reader (the same declared raw tables as the shipped
   snapshot). Sources not chosen with ``only`` keep the tables of the shipped snapshot.
3. Write a snapshot to ``<cache>/snapshot`` whose manifest says, per source, where it came from,
   when, and the SHA-256 and URL of every file it was made from.
4. Build the database from that snapshot (atomically: until the final swap, and on any failure
   before it, an existing database file stays exactly as it was).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import requests

from etl.build import DEFAULT_DB, BuildReport, build_database
from etl.catalog import SOURCES, SourceSpec
from etl.checksums import sha256_file
from etl.errors import DownloadError, EtlError, SnapshotError
from etl.http import fetch_file, make_session, require_contact_email, resolve_contact_email
from etl.releases import PinnedFile, Release, load_releases
from etl.snapshot import PROJECT_ROOT, SHIPPED_SNAPSHOT, read_snapshot, write_snapshot

DEFAULT_CACHE = PROJECT_ROOT / "var" / "cache"
SNAPSHOT_FOLDER = "snapshot"
ORIGIN_DOWNLOADED = "downloaded from the official URL"
ORIGIN_SHIPPED = "shipped snapshot"
ORIGIN_NOT_SHIPPED = "not in the shipped snapshot"
SIDECAR_SUFFIX = ".sha256"

Progress = Callable[[str], None]
Frames = dict[str, pd.DataFrame]


def download_and_build(
    db_path: Path = DEFAULT_DB,
    cache_dir: Path | None = None,
    contact_email: str | None = None,
    only: list[str] | None = None,
    progress: Progress = print,
    releases: dict[str, Release] | None = None,
    check_row_counts: bool = True,
    session: requests.Session | None = None,
) -> BuildReport:
    """Download the chosen sources (all by default), snapshot them with the rest, and build ``db_path``."""
    releases = releases if releases is not None else load_releases()
    cache_dir = Path(cache_dir) if cache_dir is not None else DEFAULT_CACHE
    chosen = choose_sources(only)
    chosen_keys = {spec.key for spec in chosen}
    contact = resolve_contact_email(contact_email) or getattr(session, "contact_email", None)
    require_contact_for_all(chosen, releases, contact)
    session = session if session is not None else make_session(contact)
    frames_by_source, meta = {}, {}
    for spec in SOURCES:
        if spec.key in chosen_keys:
            frames_by_source[spec.key], meta[spec.key] = download_source(
                spec, release_for(spec, releases), cache_dir, session, progress
            )
        else:
            frames_by_source[spec.key], meta[spec.key] = read_shipped_source(spec, progress)
    snapshot_dir = cache_dir / SNAPSHOT_FOLDER
    progress(f"writing snapshot to {snapshot_dir}")
    write_snapshot(snapshot_dir, frames_by_source, meta)
    return build_database(db_path, snapshot_dir, progress, check_row_counts)


def choose_sources(only: list[str] | None) -> list[SourceSpec]:
    """The sources to download: every source with an automated download when ``only`` is None
    (the others keep the shipped snapshot's tables); unknown keys fail naming the known ones, and a
    source without an automated download, asked for by name, fails with its publisher note."""
    if only is None:
        return [spec for spec in SOURCES if spec.automated_download]
    known = {spec.key: spec for spec in SOURCES}
    if not only:
        raise EtlError(f"--only needs at least one source key; known: {', '.join(known)}")
    unknown = [key for key in only if key not in known]
    if unknown:
        raise EtlError(f"unknown source key(s) {', '.join(map(repr, unknown))}; known: {', '.join(known)}")
    manual = [known[key] for key in only if not known[key].automated_download]
    if manual:
        raise DownloadError(" ".join(spec.manual_download_note for spec in manual))
    return [spec for spec in SOURCES if spec.key in only]


def release_for(spec: SourceSpec, releases: dict[str, Release]) -> Release:
    try:
        return releases[spec.key]
    except KeyError:
        raise EtlError(
            f"etl/releases.toml: no [sources.{spec.key}] release is pinned, so it cannot be downloaded"
        ) from None


def require_contact_for_all(chosen: list[SourceSpec], releases: dict[str, Release], contact: str | None) -> None:
    """Check the contact rule for every URL first, so a missing e-mail fails before any transfer."""
    for spec in chosen:
        for pinned in release_for(spec, releases).files:
            require_contact_email(pinned.url, contact)


def download_source(
    spec: SourceSpec, release: Release, cache_dir: Path, session: requests.Session, progress: Progress
) -> tuple[Frames, dict]:
    """Fetch (or reuse) every pinned file of one release, then parse the folder with the source's reader."""
    folder = cache_folder(cache_dir, release)
    made_from = [
        fetch_or_reuse(pinned, folder, session, progress, spec.key, spec.resolve_url) for pinned in release.files
    ]
    progress(f"{spec.key}: parsing {len(made_from)} file(s) in {folder}")
    frames = spec.read_downloaded(folder)
    meta = {
        "version": release.version,
        "origin": ORIGIN_DOWNLOADED,
        "official_urls": [pinned.url for pinned in release.files],
        "retrieved_utc": min(entry["retrieved_utc"] for entry in made_from) if made_from else _now_utc(),
        "made_from": made_from,
    }
    return frames, meta


def cache_folder(cache_dir: Path, release: Release) -> Path:
    """``<cache>/<source>/<version>``; versions such as "CIP 2020 / SOC 2018" become safe folder names."""
    version = re.sub(r"[^A-Za-z0-9._-]+", "_", release.version).strip("_") or "unversioned"
    return Path(cache_dir) / release.key / version


def fetch_or_reuse(
    pinned: PinnedFile,
    folder: Path,
    session: requests.Session,
    progress: Progress,
    source_key: str,
    resolve_url: Callable[[requests.Session, str], str] | None = None,
) -> dict:
    """One pinned file in the cache, verified; returns its ``made_from`` entry for the manifest.

    ``resolve_url`` (a source's own, see ``SourceSpec``) turns a pinned URL that answers with a link into
    the file's URL; only the pinned URL is recorded, since such links are short-lived."""
    path = folder / pinned.name
    cached = verified_cached_sha256(path, pinned.sha256)
    if cached is not None:
        progress(f"{source_key}: reusing cached {pinned.name} (sha256 {cached[:12]}…)")
        sha256 = cached
    else:
        progress(f"{source_key}: downloading {pinned.name} from {pinned.url}")
        url = resolve_url(session, pinned.url) if resolve_url is not None else pinned.url
        sha256 = fetch_file(session, url, path, pinned.sha256, progress)
        write_sidecar(path, sha256)
        pin_note = "matches the pin" if pinned.sha256 else "no pin yet: recorded in the provenance"
        progress(f"{source_key}: {pinned.name}: {path.stat().st_size:,} bytes, sha256 {sha256[:12]}… ({pin_note})")
    return {"file": pinned.name, "sha256": sha256, "url": pinned.url, "retrieved_utc": _mtime_utc(path)}


def verified_cached_sha256(path: Path, pinned_sha256: str) -> str | None:
    """The cached file's SHA-256 if it may be reused: it matches the pin, or (no pin) its sidecar."""
    if not path.exists():
        return None
    expected = pinned_sha256.lower() if pinned_sha256 else read_sidecar(path)
    if not expected:
        return None
    actual = sha256_file(path)
    return actual if actual == expected else None


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def write_sidecar(path: Path, sha256: str) -> None:
    """Written only after a verified transfer: it is what lets an unpinned cached file be trusted."""
    sidecar_path(path).write_text(f"{sha256}  {path.name}\n")


def read_sidecar(path: Path) -> str | None:
    sidecar = sidecar_path(path)
    if not sidecar.exists():
        return None
    words = sidecar.read_text().split()
    return words[0].lower() if words else None


def read_shipped_source(
    spec: SourceSpec, progress: Progress, snapshot_dir: Path = SHIPPED_SNAPSHOT
) -> tuple[Frames, dict]:
    """A source not downloaded keeps the shipped snapshot's tables, checked against its manifest. An
    optional table the snapshot does not carry (state projections) stays absent."""
    snapshot = read_snapshot(snapshot_dir)
    tables = {name: table for name, table in snapshot.tables.items() if table.source == spec.key}
    missing = sorted({t.name for t in spec.tables if not t.optional} - set(tables))
    if missing:
        raise SnapshotError(f"{snapshot.folder / 'manifest.json'}: no entry for raw table(s) {', '.join(missing)}")
    if not tables and all(t.optional for t in spec.tables):
        progress(f"{spec.key}: not in the shipped snapshot; download it with --only {spec.key}")
        return {}, {"version": None, "origin": ORIGIN_NOT_SHIPPED, "official_urls": [], "made_from": []}
    progress(f"{spec.key}: taking {len(tables)} table(s) from the shipped snapshot")
    frames = {}
    for name, table in tables.items():
        if not table.path.exists():
            raise SnapshotError(f"{table.path}: snapshot file is missing")
        if sha256_file(table.path) != table.sha256:
            raise SnapshotError(f"{table.path}: checksum does not match the manifest; the file is corrupt")
        frames[name] = pd.read_parquet(table.path)
    shipped = snapshot.sources.get(spec.key, {})
    meta = {
        "version": shipped.get("version"),
        "origin": ORIGIN_SHIPPED,
        "official_urls": shipped.get("official_urls", []),
        "retrieved_utc": shipped.get("retrieved_utc", snapshot.created_utc),
        "made_from": shipped.get("made_from", []),
    }
    return frames, meta


def _mtime_utc(path: Path) -> str:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(microsecond=0).isoformat()


def _now_utc() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()
