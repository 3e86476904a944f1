"""Reading an uploaded file into a table of text cells, refusing what is not a CSV or XLSX file
before any of it is parsed.

Order matters for safety: the size is checked first, from the stream's length without reading it
(a 100 MB upload is refused without being read into memory); then the first bytes say what the file
really is (an ``.xlsx`` is a ZIP archive; a CSV is text without NUL bytes; UTF-16 text, as Excel's "Unicode
Text" saves it, is named as such rather than called binary), whatever its name claims; an XLSX whose archive
would unpack to more than ``MAX_UNPACKED_BYTES`` is refused before openpyxl opens it, and one whose sheet turns
out to be damaged while it is read (a valid archive with truncated XML) is refused like any other bad file.

Sizes are decimal megabytes (1 MB = 1,000,000 bytes), as the upload widget states and checks its limit in the
browser; Streamlit's ``server.maxUploadSize`` (``.streamlit/config.toml``, in MiB) is set just above it. Every cell comes back as stripped text ("" for empty) so one validator serves both formats;
XLSX dates and whole numbers are written the way the template asks for them (``2024-01-08``, ``40``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

import pandas as pd

from lmi.i18n import N_
from lmi.records.messages import Message, say

_log = logging.getLogger(__name__)

MAX_UPLOAD_MB = 20
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1000 * 1000  # decimal MB, as every message states sizes
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ROWS = 100_000
SNIFF_BYTES = 8192
ACCEPTED_SUFFIXES = (".csv", ".xlsx")


class UploadRefused(ValueError):
    """The file cannot be read as an import file; ``problem`` (a ``Message``) says why and what to do."""

    def __init__(self, problem: Message):
        super().__init__(problem.id)
        self.problem = problem

    def __str__(self) -> str:
        return self.problem.text()


def too_large(file_name: str, size: int, max_bytes: int) -> Message:
    """Why a file over the size limit is refused (checked from its size alone, before it is read)."""
    return say(
        N_(
            "{file}: the file is {size:,.1f} MB; the limit is {limit:,.0f} MB. Split it into smaller files (each "
            "import is checked and stored on its own)."
        ),
        file=file_name,
        size=size / 1e6,
        limit=max_bytes / 1e6,
    )


@dataclass(frozen=True)
class UploadTable:
    frame: pd.DataFrame  # text cells, columns as in the file's header row
    first_row: int  # file row number of the frame's first data row (the header is row 1)
    file_format: str  # "csv" | "xlsx"


def stream_size(stream: BinaryIO) -> int:
    """Length of a seekable stream without reading it."""
    position = stream.tell()
    size = stream.seek(0, io.SEEK_END)
    stream.seek(position)
    return size


def read_upload(
    stream: BinaryIO, file_name: str, max_bytes: int = MAX_UPLOAD_BYTES, sheet: str | None = None
) -> UploadTable:
    """Check size and type, then read the first sheet named ``sheet`` (XLSX, else the first sheet) or
    the CSV into text cells."""
    size = stream_size(stream)
    if size > max_bytes:
        raise UploadRefused(too_large(file_name, size, max_bytes))
    if size == 0:
        raise UploadRefused(say(N_("{file}: the file is empty."), file=file_name))
    suffix = "." + file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if suffix not in ACCEPTED_SUFFIXES:
        raise UploadRefused(
            say(
                N_(
                    "{file}: only CSV (.csv) or Excel workbook (.xlsx) files can be imported; download the template "
                    "from this page."
                ),
                file=file_name,
            )
        )
    stream.seek(0)
    head = stream.read(SNIFF_BYTES)
    stream.seek(0)
    looks_zip = head.startswith(b"PK\x03\x04")
    if suffix == ".xlsx":
        if not looks_zip:
            raise UploadRefused(
                say(
                    N_(
                        "{file}: this is not an Excel .xlsx workbook (old .xls files and renamed files are not "
                        "accepted); save it as .xlsx or as CSV."
                    ),
                    file=file_name,
                )
            )
        return _read_xlsx(stream, file_name, sheet)
    if looks_utf16(head):
        raise UploadRefused(
            say(
                N_(
                    '{file}: this is UTF-16 text (as Excel\'s "Unicode Text" saves it), not a UTF-8 CSV file; save it '
                    'as "CSV UTF-8 (comma delimited)".'
                ),
                file=file_name,
            )
        )
    if looks_zip or b"\x00" in head or head.startswith(b"%PDF"):
        raise UploadRefused(
            say(
                N_(
                    "{file}: this is not a CSV text file (it looks like a binary file, e.g. a workbook or PDF renamed "
                    ".csv); save it as CSV (comma-separated, UTF-8)."
                ),
                file=file_name,
            )
        )
    return _read_csv(stream.read(), file_name)


def looks_utf16(head: bytes) -> bool:
    """UTF-16 text: a byte-order mark, or (no mark) every other byte NUL, as ASCII text in UTF-16 is."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = head[:512]
    if len(sample) < 4 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    return (odd.count(0) == len(odd) and even.count(0) == 0) or (even.count(0) == len(even) and odd.count(0) == 0)


def _read_csv(data: bytes, file_name: str) -> UploadTable:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadRefused(
            say(
                N_('{file}: the file is not UTF-8 text (byte {byte}); save it as "CSV UTF-8 (comma delimited)".'),
                file=file_name,
                byte=exc.start + 1,
            )
        ) from None
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        raise UploadRefused(
            say(N_("{file}: not a well-formed CSV file ({error})."), file=file_name, error=str(exc))
        ) from None
    return _table(rows, file_name, "csv")


def _read_xlsx(stream: BinaryIO, file_name: str, sheet: str | None) -> UploadTable:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(stream) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise UploadRefused(
            say(N_("{file}: the workbook is damaged (not a readable .xlsx archive)."), file=file_name)
        ) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise UploadRefused(
            say(
                N_(
                    "{file}: the workbook unpacks to {size:,.0f} MB; the limit is {limit:,.0f} MB. Save the sheet as CSV or split it."
                ),
                file=file_name,
                size=unpacked / 1e6,
                limit=MAX_UNPACKED_BYTES / 1e6,
            )
        )
    stream.seek(0)
    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a bad workbook
        raise UploadRefused(
            say(N_("{file}: the workbook cannot be read ({error})."), file=file_name, error=type(exc).__name__)
        ) from None
    try:
        rows = _sheet_rows(book, sheet)
    except Exception as exc:  # the archive opened but a sheet's XML is damaged (truncated, bad CRC, bad XML)
        _log.warning("%s: damaged workbook sheet (%s: %s)", file_name, type(exc).__name__, exc)
        raise UploadRefused(
            say(
                N_(
                    "{file}: the workbook is damaged (its sheet cannot be read to the end: {error}); open it in Excel "
                    "and save it again, or save the sheet as CSV."
                ),
                file=file_name,
                error=type(exc).__name__,
            )
        ) from None
    finally:
        book.close()
    while rows and not any(rows[-1]):
        rows.pop()
    return _table(rows, file_name, "xlsx")


def _sheet_rows(book, sheet: str | None) -> list[list[str]]:
    """The sheet named ``sheet`` (else the first) as text cells; openpyxl reads a read-only sheet's XML lazily,
    so a damaged sheet raises here, not when the workbook is opened."""
    worksheet = book[sheet] if sheet and sheet in book.sheetnames else book.worksheets[0]
    rows = []
    for values in worksheet.iter_rows(values_only=True):
        rows.append([_cell_text(v) for v in values])
        if len(rows) > MAX_ROWS + 1:
            break
    return rows


def _cell_text(value) -> str:
    """An XLSX cell as the text the template asks for."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _table(rows: list[list[str]], file_name: str, file_format: str) -> UploadTable:
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise UploadRefused(
            say(N_("{file}: the first row must be the template's header row; it is empty."), file=file_name)
        )
    if len(rows) - 1 > MAX_ROWS:
        raise UploadRefused(say(N_("{file}: more than {n:,} data rows; split the file."), file=file_name, n=MAX_ROWS))
    header = [cell.replace("\ufeff", "").strip().lower() for cell in rows[0]]
    width = len(header)
    body = []
    for number, row in enumerate(rows[1:], start=2):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue  # blank lines are not records
        if len(cells) > width and any(cells[width:]):
            raise UploadRefused(
                say(
                    N_("{file}: row {row} has {cells} cells but the header has {width}; check for unquoted commas."),
                    file=file_name,
                    row=number,
                    cells=len(cells),
                    width=width,
                )
            )
        body.append((number, (cells + [""] * width)[:width]))
    frame = pd.DataFrame([cells for _, cells in body], columns=header, dtype="string")
    frame.index = [number for number, _ in body]  # file row numbers, for messages
    return UploadTable(frame.fillna(""), 2, file_format)
