"""Spreadsheet files that stay inert when opened: every CSV and XLSX the dashboard offers goes through here.

Program, provider and employer names, uploaded file names and staff text reach downloads as they were typed.
A spreadsheet program reads a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return before one) as a formula, so ``=HYPERLINK("http://x","y")`` or ``+cmd|' /C calc'!A0`` in a program's
name would run when staff open the file. Following OWASP's CSV-injection guidance such a text cell is written
with a single quote in front (``'=HYPERLINK(...)``), which spreadsheets show as the text itself.

What is left as it is, and why:
- numbers: a column of numbers (``-3.5``) is not text, so it is never touched;
- a text cell that is a plain number (``-2``, ``+1.5``, ``-1e3``): a spreadsheet reads it as that number and
  nothing can follow it that would run, so quoting it would only turn a number into text;
- a cell that starts with anything else, or has a formula character later on (only the first character makes
  a formula).
Headers are text too and are treated the same way."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
LINE_END = "\r\n"
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def inert_cell(value: object) -> object:
    """``value`` as a spreadsheet cell that cannot be a formula: text starting with a formula character gets a
    leading single quote, unless it is a plain number; anything that is not text is returned unchanged."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    return QUOTE + value


def _is_text_column(series: pd.Series) -> bool:
    """Numbers, booleans, dates and times are written by pandas as such: only other columns can hold text."""
    dtype = series.dtype
    return not (
        pd.api.types.is_numeric_dtype(dtype)
        or pd.api.types.is_bool_dtype(dtype)
        or pd.api.types.is_datetime64_any_dtype(dtype)
        or pd.api.types.is_timedelta64_dtype(dtype)
    )


def inert_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and headers are inert (``inert_cell``); numbers stay numbers."""
    out = frame.copy()
    for position in range(out.shape[1]):
        column = out.iloc[:, position]
        if _is_text_column(column) and _may_hold_formulas(column):
            out.isetitem(position, column.map(inert_cell, na_action="ignore"))
    out.columns = [inert_cell(c) for c in out.columns]
    return out


def _may_hold_formulas(column: pd.Series) -> bool:
    """Whether any text cell starts with a formula character: checked at once, so the common column (none
    does) is not mapped cell by cell (that was most of the cost of a page's downloads, made on every rerun)."""
    try:
        return bool(column.str.startswith(FORMULA_STARTS, na=False).any())
    except (AttributeError, TypeError):  # not a column of text (lists, mixed objects): check cell by cell
        return True


def frame_csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as the UTF-8 CSV a download carries (no index), its text cells inert. Lines end in CRLF
    (RFC 4180): Python's CSV writer quotes a cell holding a character of the line ending only, and a bare
    carriage return left unquoted would start a new row whose first cell could be a formula."""
    return inert_frame(frame).to_csv(index=False, lineterminator=LINE_END).encode("utf-8")


def inert_csv_bytes(data: bytes) -> bytes:
    """A CSV file made elsewhere (a template's header row) with every cell made inert."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    out = io.StringIO()
    csv.writer(out, lineterminator=LINE_END).writerows([[inert_cell(cell) for cell in row] for row in rows])
    return out.getvalue().encode("utf-8")


def inert_xlsx_bytes(data: bytes) -> bytes:
    """A workbook made elsewhere (a template) with every text cell made inert and no formula left: openpyxl
    writes a string that starts with ``=`` as a formula, so such a cell is turned back into its quoted text."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    text = inert_cell(cell.value)
                    if text != cell.value:
                        cell.value = text
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
