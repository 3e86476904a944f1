"""BLS Employment Projections: Tables 1.2 and 1.10 of the official ``occupation.xlsx`` workbook.

The workbook is parsed once, at download or snapshot time; the build reads the resulting Parquet.
Employment and openings are in thousands, as published. The em dash means "data unavailable" and
becomes NULL; the median wage column stays text in the raw table because BLS writes top-coded
wages as ``>=$239,200`` (the core layer turns that into the bound plus a flag).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.errors import SchemaDriftError, SnapshotError
from etl.raw_tables import Column, RawTable, conform_frame

C = Column
_SPAN = "2024–34"
_KEY = (
    C("2024 National Employment Matrix title", "title"),
    C("2024 National Employment Matrix code", "soc_code"),
    C("Occupation type", "occupation_type"),
)

PROJECTIONS_TABLES: tuple[RawTable, ...] = (
    RawTable(
        "raw_ep_occupation",
        "projections",
        "occupation.xlsx, Table 1.2",
        (
            *_KEY,
            C("Employment, 2024", "employment_2024_thousands", "double"),
            C("Employment, 2034", "employment_2034_thousands", "double"),
            C("Employment distribution, percent, 2024", "employment_share_2024_pct", "double"),
            C("Employment distribution, percent, 2034", "employment_share_2034_pct", "double"),
            C(f"Employment change, numeric, {_SPAN}", "employment_change_thousands", "double"),
            C(f"Employment change, percent, {_SPAN}", "employment_change_pct", "double"),
            C("Percent self employed, 2024", "self_employed_2024_pct", "double"),
            C(f"Occupational openings, {_SPAN} annual average", "annual_openings_thousands", "double"),
            C("Median annual wage, dollars, 2024[1]", "median_annual_wage_2024_text"),
            C("Typical education needed for entry", "typical_entry_education"),
            C("Work experience in a related occupation", "related_work_experience"),
            C(
                "Typical on-the-job training needed to attain competency in the occupation",
                "typical_on_the_job_training",
            ),
        ),
    ),
    RawTable(
        "raw_ep_separations",
        "projections",
        "occupation.xlsx, Table 1.10",
        (
            *_KEY,
            C(f"Labor force exit rate, {_SPAN} annual average", "labor_force_exit_rate_pct", "double"),
            C(f"Occupational transfer rate, {_SPAN} annual average", "occupational_transfer_rate_pct", "double"),
            C(f"Total occupational separations rate, {_SPAN} annual average", "separations_rate_pct", "double"),
            C(f"Labor force exits, {_SPAN} annual average", "labor_force_exits_thousands", "double"),
            C(f"Occupational transfers, {_SPAN} annual average", "occupational_transfers_thousands", "double"),
            C(f"Total occupational separations, {_SPAN} annual average", "separations_thousands", "double"),
            C(f"Occupational openings, {_SPAN} annual average", "annual_openings_thousands", "double"),
        ),
    ),
)
_SHEETS = {"raw_ep_occupation": "Table 1.2", "raw_ep_separations": "Table 1.10"}
HEADER_ROW = 2  # the sheet's title is row 1, the column headers row 2


def read_workbook(path: Path) -> dict[str, pd.DataFrame]:
    """Parse Tables 1.2 and 1.10; drop the title, footnote and source lines around the data."""
    frames = {}
    for table in PROJECTIONS_TABLES:
        sheet = _SHEETS[table.name]
        try:
            frame = pd.read_excel(
                path, sheet_name=sheet, header=HEADER_ROW - 1, dtype=str, keep_default_na=False, engine="calamine"
            )
        except ValueError as exc:
            raise SchemaDriftError(f"{path.name}: sheet {sheet!r} not found ({exc})") from exc
        except Exception as exc:  # calamine raises its own error types for corrupt files
            raise SnapshotError(f"{path.name}: cannot be read as an Excel workbook ({exc})") from exc
        code_header = _KEY[1].header
        if code_header not in frame.columns:
            raise SchemaDriftError(
                f"{path.name}, sheet {sheet!r}: expected column {code_header!r} is missing "
                f"(found {list(frame.columns)})"
            )
        is_data = frame[code_header].str.strip().str.fullmatch(r"\d{2}-\d{4}")
        label = f"{path.name}, sheet {sheet!r}"
        frames[table.name] = conform_frame(frame[is_data], table, label, first_row=HEADER_ROW + 1, null_markers=("—",))
    return frames
