"""Declared shape of every ``raw_`` table and the one function that makes a source frame fit it.

A source frame arrives with the publisher's own headers. ``conform_frame`` checks that every
expected header is there (schema drift in a new release fails loudly, naming the file and the
missing column), renames to snake_case, and types the values; a value that cannot be typed is
reported with its file, row and column. Extra columns in a new release are dropped and reported
so a maintainer can decide whether they matter.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from etl.errors import SchemaDriftError, SourceValueError

KINDS = ("text", "double", "integer")


@dataclass(frozen=True)
class Column:
    header: str  # as the publisher writes it
    name: str  # our snake_case name
    kind: str = "text"


@dataclass(frozen=True)
class RawTable:
    name: str  # raw_... table in DuckDB and file stem in the snapshot
    source: str  # key in releases.toml
    official_file: str  # where the publisher puts it (file, or file and sheet)
    columns: tuple[Column, ...]
    description: str = ""
    # True for a table a snapshot may lack: a source the shipped snapshot does not carry (the state
    # projections, which only ``python -m etl download`` fetches). The build loads it when present.
    optional: bool = False

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def conform_frame(
    frame: pd.DataFrame, table: RawTable, label: str, first_row: int = 2, null_markers: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Return ``frame`` with exactly ``table``'s columns, renamed and typed.

    ``label`` names the file for messages; ``first_row`` is the file row number of the frame's
    first data row (2 for a text file with one header line), so messages point at real rows.
    ``null_markers`` are the publisher's own "no value" marks (BLS projections use an em dash).
    """
    headers = {_clean_header(h): h for h in frame.columns}
    missing = [c.header for c in table.columns if _clean_header(c.header) not in headers]
    if missing:
        found = ", ".join(repr(h) for h in headers) or "no columns"
        raise SchemaDriftError(
            f"{label}: expected column(s) {', '.join(repr(m) for m in missing)} are missing "
            f"(found {found}). The source layout changed; update etl for this release."
        )
    out = pd.DataFrame(index=frame.index)
    for column in table.columns:
        values = frame[headers[_clean_header(column.header)]]
        out[column.name] = _typed(values, column, label, first_row, null_markers)
    return out.reset_index(drop=True)


def _clean_header(header: object) -> str:
    return str(header).replace("\ufeff", "").strip().lower()


def _typed(values: pd.Series, column: Column, label: str, first_row: int, null_markers: tuple[str, ...]) -> pd.Series:
    text = values.astype("string").str.strip()
    text = text.mask((text == "") | text.isin(null_markers), pd.NA)
    if column.kind == "text":
        return text
    numbers = pd.to_numeric(text.str.replace(",", "", regex=False), errors="coerce")
    bad = text.notna() & numbers.isna()
    if bad.any():
        position = int(bad.to_numpy().nonzero()[0][0])
        raise SourceValueError(
            f"{label}: row {_row_number(text, position, first_row)}, column {column.header!r}: "
            f"{text.iloc[position]!r} is not a number ({int(bad.sum())} bad value(s) in this column)"
        )
    if column.kind == "integer":
        fractional = numbers.notna() & (numbers != numbers.round())
        if fractional.any():
            position = int(fractional.to_numpy().nonzero()[0][0])
            raise SourceValueError(
                f"{label}: row {_row_number(text, position, first_row)}, column {column.header!r}: "
                f"{text.iloc[position]!r} is not a whole number"
            )
        return numbers.astype("Int64")
    return numbers.astype("Float64")


def _row_number(values: pd.Series, position: int, first_row: int) -> int:
    """File row of a value: frames keep the reader's 0-based row index, even after filtering."""
    return first_row + int(values.index[position])
