"""Pinned source releases, read from ``releases.toml`` (the one data file that pins them)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

RELEASES_PATH = Path(__file__).with_name("releases.toml")


@dataclass(frozen=True)
class PinnedFile:
    name: str
    url: str
    sha256: str  # empty when the official file's checksum is not known yet


@dataclass(frozen=True)
class Release:
    key: str
    title: str
    version: str
    published: str
    license: str
    license_url: str
    attribution: str
    homepage: str
    files: tuple[PinnedFile, ...]

    def file(self, name: str) -> PinnedFile:
        for pinned in self.files:
            if pinned.name == name:
                return pinned
        raise KeyError(f"{self.key}: no pinned file named {name!r}")


def load_releases(path: Path = RELEASES_PATH) -> dict[str, Release]:
    """Read every pinned release; keys are the source keys used across the ETL."""
    with open(path, "rb") as handle:
        document = tomllib.load(handle)
    return {key: _release_from_table(key, table) for key, table in document["sources"].items()}


def _release_from_table(key: str, table: dict) -> Release:
    files = tuple(PinnedFile(f["name"], f["url"], f.get("sha256", "")) for f in table["files"])
    return Release(
        key=key,
        title=table["title"],
        version=str(table["version"]),
        published=str(table.get("published", "")),
        license=table["license"],
        license_url=table.get("license_url", ""),
        attribution=table["attribution"],
        homepage=table["homepage"],
        files=files,
    )
