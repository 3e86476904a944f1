"""Census cartographic boundaries (2017 edition) as the npm package us-atlas ships them.

The package (https://github.com/topojson/us-atlas, published on the npm registry) redistributes the
Census Bureau's cartographic boundary shapefiles as TopoJSON. The pinned release is one registry
tarball (``us-atlas-<version>.tgz``, members under ``package/``); this project reads its
``counties-10m.json``: counties (``id`` = five-digit county FIPS), and states (``id`` = state FIPS) merged
from them, unprojected longitude/latitude, quantized and simplified. Its README says which Census edition
it was built from; ``releases.toml`` pins that as ``boundary_vintage``.

The raw table keeps the topology exactly as published, as text, one row per file: decoding, the
dissolve into metro areas and simplification are build steps (``etl/topojson.py``, ``etl/area_shapes.py``).
The tarball's ``package.json`` must name the pinned version, so a different release is refused.
"""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pandas as pd

from etl.errors import SchemaDriftError, SnapshotError, SourceValueError
from etl.raw_tables import Column, RawTable, conform_frame
from etl.releases import load_releases

SOURCE_KEY = "us_atlas"
TOPOLOGY_FILE = "counties-10m.json"
PACKAGE_FOLDER = "package"
US_ATLAS_TABLES: tuple[RawTable, ...] = (
    RawTable(
        "raw_us_atlas_topology",
        SOURCE_KEY,
        f"us-atlas-<version>.tgz:{PACKAGE_FOLDER}/{TOPOLOGY_FILE}",
        (Column("file", "file_name"), Column("topojson", "topojson_text")),
        "The us-atlas counties topology (objects counties, states, nation) as published, one row per file.",
    ),
)


def read_package(path: Path, version: str) -> dict[str, pd.DataFrame]:
    """The topology from the registry tarball at ``path``, which must be release ``version``."""
    path = Path(path)
    try:
        with tarfile.open(path, "r:gz") as archive:
            manifest = _member_text(archive, "package.json", path)
            topology = _member_text(archive, TOPOLOGY_FILE, path)
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise SnapshotError(f"{path.name}: not a readable npm package tarball ({exc})") from exc
    _require_version(manifest, version, path.name)
    _require_topology(topology, f"{path.name}:{PACKAGE_FOLDER}/{TOPOLOGY_FILE}")
    frame = pd.DataFrame({"file": [TOPOLOGY_FILE], "topojson": [topology]})
    return {US_ATLAS_TABLES[0].name: conform_frame(frame, US_ATLAS_TABLES[0], path.name)}


def package_file_name(version: str) -> str:
    """The registry's tarball name for a release, e.g. ``us-atlas-3.0.1.tgz``."""
    return f"us-atlas-{version}.tgz"


def read_downloaded(folder: Path) -> dict[str, pd.DataFrame]:
    """The pinned tarball in the download folder."""
    version = load_releases()[SOURCE_KEY].version
    return read_package(Path(folder) / package_file_name(version), version)


def read_shared(root: Path) -> dict[str, pd.DataFrame]:
    """The same tarball in the shared data folder (``us_atlas/``), as ``npm pack us-atlas@<version>`` writes it."""
    version = load_releases()[SOURCE_KEY].version
    return read_package(Path(root) / shared_file(version), version)


def shared_file(version: str) -> str:
    return f"{SOURCE_KEY}/{package_file_name(version)}"


def _member_text(archive: tarfile.TarFile, name: str, path: Path) -> str:
    member_name = f"{PACKAGE_FOLDER}/{name}"
    try:
        member = archive.getmember(member_name)
    except KeyError:
        raise SchemaDriftError(
            f"{path.name}: no {member_name} in the package (found {', '.join(archive.getnames()) or 'nothing'})"
        ) from None
    handle = archive.extractfile(member)
    if handle is None:
        raise SchemaDriftError(f"{path.name}: {member_name} is not a file")
    data = handle.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceValueError(f"{path.name}: {member_name} is not UTF-8 text ({exc})") from exc


def _require_version(manifest: str, version: str, label: str) -> None:
    try:
        found = json.loads(manifest)
    except json.JSONDecodeError as exc:
        raise SourceValueError(f"{label}: package/package.json is not valid JSON ({exc})") from exc
    if found.get("name") != "us-atlas" or found.get("version") != version:
        raise SourceValueError(
            f"{label}: the package is {found.get('name')!r} {found.get('version')!r}, but etl/releases.toml pins "
            f"us-atlas {version!r}; a new release needs a reviewed change of the pin"
        )


def _require_topology(text: str, label: str) -> None:
    """A TopoJSON topology with the two objects the build reads; anything else fails here, by name."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceValueError(f"{label}: not valid JSON ({exc})") from exc
    if document.get("type") != "Topology":
        raise SchemaDriftError(f"{label}: not a TopoJSON topology (type {document.get('type')!r})")
    missing = [name for name in ("counties", "states") if name not in document.get("objects", {})]
    if missing:
        raise SchemaDriftError(
            f"{label}: object(s) {', '.join(missing)} missing (found {', '.join(document.get('objects', {}))})"
        )
