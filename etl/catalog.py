"""The catalogue of sources: for each, its raw tables and how to read it from an official download
or from the project's shared copy of the same release (used to make the shipped snapshot).

Adding a source means: pin it in ``releases.toml``, write ``etl/sources/<source>.py`` with its raw
tables and readers, and add one ``SourceSpec`` here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import requests

from etl.raw_tables import RawTable
from etl.releases import load_releases
from etl.sources import (
    cip,
    geo,
    indeed,
    nj_etpl,
    oews,
    oews_industry,
    onet,
    projections,
    state_projections,
    us_atlas,
)

Frames = dict[str, pd.DataFrame]


@dataclass(frozen=True)
class SourceSpec:
    key: str
    tables: tuple[RawTable, ...]
    read_downloaded: Callable[[Path], Frames]  # folder holding the pinned official files
    read_shared: Callable[[Path], Frames]  # the shared data folder (../shared/data)
    shared_files: tuple[str, ...]  # files under the shared folder that the snapshot is made from
    # False for a source whose publisher offers no stable file URLs: ``python -m etl download`` then
    # keeps its tables from the shipped snapshot, and asking for it by name fails with this note.
    automated_download: bool = True
    manual_download_note: str = ""
    # For a pinned URL that answers with a link to the file rather than the file (Projections Central's
    # bulk download): (session, pinned URL) -> the URL to fetch. The pinned URL is what provenance records.
    resolve_url: Callable[[requests.Session, str], str] | None = None


def _oews_downloaded(folder: Path) -> Frames:
    """The data year and period come from releases.toml, so a new BLS release needs a reviewed pin."""
    release = load_releases()["oews"]
    return oews.read_flat_files(folder, year=release.setting("data_year"), period=release.setting("period"))


def _oews_shared(root: Path) -> Frames:
    import gzip
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        extracted = Path(tmp) / "oews.sqlite"
        with gzip.open(root / "bls_oews/oews-2025.sqlite.gz", "rb") as src, open(extracted, "wb") as dst:
            shutil.copyfileobj(src, dst)
        return oews.read_sqlite_extract(extracted)


def _oews_industry_shared(root: Path) -> Frames:
    import gzip
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        extracted = Path(tmp) / "oews.sqlite"
        with gzip.open(root / "bls_oews/oews-2025.sqlite.gz", "rb") as src, open(extracted, "wb") as dst:
            shutil.copyfileobj(src, dst)
        return oews_industry.read_sqlite_extract(extracted)


def _cip_downloaded(folder: Path) -> Frames:
    return {
        "raw_cip_soc_crosswalk": cip.read_crosswalk_workbook(folder / "CIP2020_SOC2018_Crosswalk.xlsx"),
        "raw_cip_codes": cip.read_cip_codes(folder / "CIPCode2020.csv"),
    }


def _cip_shared(root: Path) -> Frames:
    return _cip_downloaded(root / "cip_soc")


def _geo_downloaded(folder: Path) -> Frames:
    return {
        "raw_cbsa_gazetteer": geo.read_gazetteer(folder / "2024_Gaz_cbsa_national.zip"),
        "raw_cbsa_delineation": geo.read_delineation(folder / "list1_2023.xlsx"),
    }


def _geo_shared(root: Path) -> Frames:
    return {
        "raw_cbsa_gazetteer": geo.read_gazetteer(root / "geo/2024_Gaz_cbsa_national.txt"),
        "raw_cbsa_delineation": geo.read_delineation(root / "geo/list1_2023_cbsa_county_delineation.xlsx"),
    }


_INDEED_SHARED_NAMES = {
    "state_job_postings_us.csv": "state_job_postings_us.csv",
    "aggregate_job_postings_US.csv": "aggregate_job_postings_US.csv",
    "job_postings_by_sector_US.csv": "job_postings_by_sector_US_asof_2024-10-03.csv",
}


def _indeed_downloaded(folder: Path) -> Frames:
    return {t.name: indeed.read_postings_csv(folder / t.official_file, t.official_file) for t in indeed.INDEED_TABLES}


def _indeed_shared(root: Path) -> Frames:
    return {
        t.name: indeed.read_postings_csv(
            root / "indeed_hiring_lab" / _INDEED_SHARED_NAMES[t.official_file], t.official_file
        )
        for t in indeed.INDEED_TABLES
    }


# O*NET tables in the shipped snapshot; the full release's Task Ratings, Abilities and Work Context come only
# with ``python -m etl download`` (the shared copy lacks them).
_ONET_SHIPPED = onet.ONET_TABLES + onet.ONET_PROFILE_TABLES

SOURCES: tuple[SourceSpec, ...] = (
    SourceSpec(
        "onet",
        _ONET_SHIPPED + onet.ONET_FULL_RELEASE_TABLES,
        lambda folder: onet.read_text_zip(folder / "db_29_3_text.zip", _ONET_SHIPPED + onet.ONET_FULL_RELEASE_TABLES),
        lambda root: onet.read_excel_dir(root / "onet/29.3", _ONET_SHIPPED),
        tuple(f"onet/29.3/{t.official_file}.xlsx" for t in _ONET_SHIPPED),
    ),
    SourceSpec(
        "onet_work_activities",
        onet.ONET_WORK_ACTIVITIES_TABLES,
        lambda folder: onet.read_text_zip(folder / "db_28_2_text.zip", onet.ONET_WORK_ACTIVITIES_TABLES),
        lambda root: onet.read_excel_dir(root / "onet/28.2", onet.ONET_WORK_ACTIVITIES_TABLES),
        ("onet/28.2/Work Activities.xlsx",),
    ),
    SourceSpec("oews", oews.OEWS_TABLES, _oews_downloaded, _oews_shared, ("bls_oews/oews-2025.sqlite.gz",)),
    SourceSpec(
        "oews_industry",
        oews_industry.OEWS_INDUSTRY_TABLES,
        oews_industry.read_downloaded,
        _oews_industry_shared,
        ("bls_oews/oews-2025.sqlite.gz",),
        automated_download=False,
        manual_download_note=oews_industry.DOWNLOAD_NOTE,
    ),
    SourceSpec(
        "projections",
        projections.PROJECTIONS_TABLES,
        lambda folder: projections.read_workbook(folder / "occupation.xlsx"),
        lambda root: projections.read_workbook(root / "bls_projections/occupation_2024_34_bls_ep.xlsx"),
        ("bls_projections/occupation_2024_34_bls_ep.xlsx",),
    ),
    SourceSpec(
        "cip_soc",
        cip.CIP_TABLES,
        _cip_downloaded,
        _cip_shared,
        ("cip_soc/CIP2020_SOC2018_Crosswalk.xlsx", "cip_soc/CIPCode2020.csv"),
    ),
    SourceSpec(
        "geo",
        geo.GEO_TABLES,
        _geo_downloaded,
        _geo_shared,
        ("geo/2024_Gaz_cbsa_national.txt", "geo/list1_2023_cbsa_county_delineation.xlsx"),
    ),
    SourceSpec(
        "indeed",
        indeed.INDEED_TABLES,
        _indeed_downloaded,
        _indeed_shared,
        tuple(f"indeed_hiring_lab/{n}" for n in _INDEED_SHARED_NAMES.values()),
    ),
    SourceSpec(
        "nj_etpl",
        nj_etpl.NJ_ETPL_TABLES,
        nj_etpl.read_downloaded,
        lambda root: nj_etpl.read_folder(root / "nj_etpl"),
        tuple(f"nj_etpl/{t.official_file}" for t in nj_etpl.NJ_ETPL_TABLES),
        automated_download=False,
        manual_download_note=nj_etpl.DOWNLOAD_NOTE,
    ),
    SourceSpec(
        "state_projections",
        state_projections.STATE_PROJECTIONS_TABLES,
        state_projections.read_downloaded,
        state_projections.read_shared,
        (),
        resolve_url=state_projections.resolve_download_url,
    ),
    SourceSpec(
        "us_atlas",
        us_atlas.US_ATLAS_TABLES,
        us_atlas.read_downloaded,
        us_atlas.read_shared,
        (us_atlas.shared_file(load_releases()["us_atlas"].version),),
    ),
)


def source_by_key(key: str) -> SourceSpec:
    for spec in SOURCES:
        if spec.key == key:
            return spec
    raise KeyError(f"unknown source {key!r}; known: {', '.join(s.key for s in SOURCES)}")


def all_raw_tables() -> dict[str, RawTable]:
    """The raw tables every snapshot holds (the build refuses a snapshot without one of them)."""
    return {t.name: t for spec in SOURCES for t in spec.tables if not t.optional}


def optional_raw_tables() -> dict[str, RawTable]:
    """Raw tables a snapshot may hold or lack: sources the shipped snapshot does not carry."""
    return {t.name: t for spec in SOURCES for t in spec.tables if t.optional}


def declared_raw_tables() -> dict[str, RawTable]:
    """Every declared raw table, required or optional: what a build loads when a snapshot has it."""
    return {**all_raw_tables(), **optional_raw_tables()}
