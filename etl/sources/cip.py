"""NCES CIP 2020 codes and the CIP 2020 to SOC 2018 crosswalk (links programs to occupations)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.errors import SchemaDriftError, SnapshotError
from etl.raw_tables import Column, RawTable, conform_frame

C = Column
CIP_TABLES: tuple[RawTable, ...] = (
    RawTable(
        "raw_cip_soc_crosswalk",
        "cip_soc",
        "CIP2020_SOC2018_Crosswalk.xlsx, sheet CIP-SOC",
        (
            C("CIP2020Code", "cip_code"),
            C("CIP2020Title", "cip_title"),
            C("SOC2018Code", "soc_code"),
            C("SOC2018Title", "soc_title"),
        ),
    ),
    RawTable(
        "raw_cip_codes",
        "cip_soc",
        "CIPCode2020.csv",
        (
            C("CIPFamily", "cip_family"),
            C("CIPCode", "cip_code"),
            C("Action", "action"),
            C("TextChange", "text_change"),
            C("CIPTitle", "cip_title"),
            C("CIPDefinition", "cip_definition"),
            C("CrossReferences", "cross_references"),
            C("Examples", "examples"),
        ),
    ),
)
CROSSWALK_SHEET = "CIP-SOC"


def read_crosswalk_workbook(path: Path) -> pd.DataFrame:
    try:
        frame = pd.read_excel(path, sheet_name=CROSSWALK_SHEET, dtype=str, keep_default_na=False, engine="calamine")
    except ValueError as exc:
        raise SchemaDriftError(f"{path.name}: sheet {CROSSWALK_SHEET!r} not found ({exc})") from exc
    except Exception as exc:
        raise SnapshotError(f"{path.name}: cannot be read as an Excel workbook ({exc})") from exc
    return conform_frame(frame, CIP_TABLES[0], f"{path.name}, sheet {CROSSWALK_SHEET!r}")


def read_cip_codes(path: Path) -> pd.DataFrame:
    """NCES writes codes as Excel formulas (``="01.0101"``) to keep leading zeros; unwrap them."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for column in ("CIPFamily", "CIPCode"):
        if column in frame:
            frame[column] = frame[column].str.replace(r'^="(.*)"$', r"\1", regex=True)
    return conform_frame(frame, CIP_TABLES[1], path.name)
