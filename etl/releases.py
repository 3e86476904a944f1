"""Pinned source releases, read from ``releases.toml`` (the one data file that pins them)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
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
    # Source-specific keys (e.g. the OEWS data year and period a reader must insist on), as text.
    extra: dict[str, str] = field(default_factory=dict, hash=False)

    def file(self, name: str) -> PinnedFile:
        for pinned in self.files:
            if pinned.name == name:
                return pinned
        raise KeyError(f"{self.key}: no pinned file named {name!r}")

    def setting(self, name: str) -> str:
        """A source-specific key from releases.toml; a missing one names the file and the table."""
        try:
            return self.extra[name]
        except KeyError:
            raise KeyError(f"{RELEASES_PATH.name}: [sources.{self.key}] has no {name!r} key") from None


def load_releases(path: Path = RELEASES_PATH) -> dict[str, Release]:
    """Read every pinned release; keys are the source keys used across the ETL."""
    with open(path, "rb") as handle:
        document = tomllib.load(handle)
    return {key: _release_from_table(key, table) for key, table in document["sources"].items()}


_COMMON_KEYS = {"title", "version", "published", "license", "license_url", "attribution", "homepage", "files"}


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
        extra={name: str(value) for name, value in table.items() if name not in _COMMON_KEYS},
    )
