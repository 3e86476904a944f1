"""BLS OEWS national industry-specific estimates: the usual staffing pattern of an industry (employment by
occupation), for the Layoff response planner's prefill. Only the national cells (industry-by-occupation detail is
published for the nation only), only NAICS sectors and 3-digit subsectors (display levels 2 and 3: an employer's
industry as a rapid-response team knows it), only the employment data type (``v01``) and its footnote, exactly as
published (``-`` stays ``-``).

The files are the same May 2025 release as ``oews`` (``oe.industry`` and ``oe.data.0.Current``); the shipped
snapshot was made from the project's shared SQLite copy of them. ``python -m etl download`` keeps these tables from
the snapshot (``DOWNLOAD_NOTE``).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd

from etl.errors import DownloadError
from etl.raw_tables import Column, RawTable, conform_frame

C = Column
NATIONAL_AREA = "N0000000"  # area type N + the nation's 7-digit area code, as in the series key
INDUSTRY_LEVELS = (2, 3)  # NAICS sectors and 3-digit subsectors
DOWNLOAD_NOTE = (
    "BLS OEWS industry staffing patterns: not downloaded separately. They come from the same oe.industry and "
    "oe.data.0.Current files as oews (May 2025); python -m etl download keeps them from the shipped snapshot."
)

OEWS_INDUSTRY_TABLES: tuple[RawTable, ...] = (
    RawTable(
        "raw_oews_industry",
        "oews_industry",
        "oe.industry (NAICS sectors and 3-digit subsectors)",
        (
            C("industry_code", "industry_code"),
            C("industry_name", "industry_name"),
            C("display_level", "display_level", "integer"),
        ),
    ),
    RawTable(
        "raw_oews_industry_cell",
        "oews_industry",
        "oe.data.0.Current (national industry-specific cells, employment only)",
        (C("key", "series_key"), C("v01", "v01"), C("f01", "f01")),
    ),
)


def read_downloaded(folder: Path) -> dict[str, pd.DataFrame]:
    """Not downloaded on its own; see ``DOWNLOAD_NOTE``."""
    raise DownloadError(DOWNLOAD_NOTE)


def read_sqlite_extract(path: Path) -> dict[str, pd.DataFrame]:
    """The shared SQLite copy of the OEWS flat files -> both raw tables."""
    levels = ",".join(str(level) for level in INDUSTRY_LEVELS)
    con = sqlite3.connect(path)
    try:
        industries = pd.read_sql(
            f"SELECT industry_code, industry_name, display_level FROM industry WHERE display_level IN ({levels}) "
            "ORDER BY industry_code",
            con,
        )
        cells = pd.read_sql(
            f"""SELECT c.key, c.v01, c.f01 FROM cell c
                JOIN industry i ON i.industry_code = substr(c.key, 12, 6)
                WHERE substr(c.key, 4, 8) = ? AND i.display_level IN ({levels}) ORDER BY c.key""",
            con,
            params=(NATIONAL_AREA,),
        )
    finally:
        con.close()
    industry_table, cell_table = OEWS_INDUSTRY_TABLES
    return {
        industry_table.name: conform_frame(industries, industry_table, f"{path.name}:industry"),
        cell_table.name: conform_frame(cells, cell_table, f"{path.name}:cell"),
    }
