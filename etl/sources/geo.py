"""Census CBSA gazetteer (centroids) and the OMB CBSA-to-county delineation."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd

from etl.errors import SchemaDriftError, SnapshotError
from etl.raw_tables import Column, RawTable, conform_frame

C = Column
GEO_TABLES: tuple[RawTable, ...] = (
    RawTable(
        "raw_cbsa_gazetteer",
        "geo",
        "2024_Gaz_cbsa_national.txt",
        (
            C("CSAFP", "csa_code"),
            C("GEOID", "cbsa_code"),
            C("NAME", "name"),
            C("CBSA_TYPE", "cbsa_type"),
            C("ALAND", "land_area_m2", "double"),
            C("AWATER", "water_area_m2", "double"),
            C("ALAND_SQMI", "land_area_sqmi", "double"),
            C("AWATER_SQMI", "water_area_sqmi", "double"),
            C("INTPTLAT", "latitude_deg", "double"),
            C("INTPTLONG", "longitude_deg", "double"),
        ),
    ),
    RawTable(
        "raw_cbsa_delineation",
        "geo",
        "list1_2023.xlsx",
        (
            C("CBSA Code", "cbsa_code"),
            C("Metropolitan Division Code", "metro_division_code"),
            C("CSA Code", "csa_code"),
            C("CBSA Title", "cbsa_title"),
            C("Metropolitan/Micropolitan Statistical Area", "cbsa_kind"),
            C("Metropolitan Division Title", "metro_division_title"),
            C("CSA Title", "csa_title"),
            C("County/County Equivalent", "county_name"),
            C("State Name", "state_name"),
            C("FIPS State Code", "state_fips"),
            C("FIPS County Code", "county_fips"),
            C("Central/Outlying County", "central_or_outlying"),
        ),
    ),
)
GAZETTEER_MEMBER = "2024_Gaz_cbsa_national.txt"


def parse_gazetteer(raw: bytes, label: str) -> pd.DataFrame:
    """Tab-separated with space-padded headers and values (the README's "strip header whitespace")."""
    frame = pd.read_csv(io.BytesIO(raw), sep="\t", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return conform_frame(frame, GEO_TABLES[0], label)


def read_gazetteer(path: Path) -> pd.DataFrame:
    """Read the gazetteer from its official zip or from the extracted text file."""
    if path.suffix == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                names = [n for n in archive.namelist() if n.endswith(".txt")]
                if not names:
                    raise SnapshotError(f"{path.name}: no .txt gazetteer file inside the archive")
                return parse_gazetteer(archive.read(names[0]), f"{path.name}:{names[0]}")
        except zipfile.BadZipFile as exc:
            raise SnapshotError(f"{path.name}: not a readable zip archive ({exc})") from exc
    return parse_gazetteer(path.read_bytes(), path.name)


def read_delineation(path: Path) -> pd.DataFrame:
    """The official workbook has title lines above the header; find the header row by its text."""
    try:
        grid = pd.read_excel(path, header=None, dtype=str, keep_default_na=False, engine="calamine")
    except Exception as exc:
        raise SnapshotError(f"{path.name}: cannot be read as an Excel workbook ({exc})") from exc
    header_rows = grid.index[grid.iloc[:, 0].str.strip() == "CBSA Code"]
    if len(header_rows) == 0:
        raise SchemaDriftError(f"{path.name}: no header row starting with 'CBSA Code' in the first sheet")
    start = int(header_rows[0])
    frame = grid.iloc[start + 1 :].copy()
    frame.columns = grid.iloc[start].tolist()
    frame = frame[frame["CBSA Code"].str.strip().str.fullmatch(r"\d{5}")]
    frame.index = frame.index - (start + 1)
    return conform_frame(frame, GEO_TABLES[1], path.name, first_row=start + 2)
