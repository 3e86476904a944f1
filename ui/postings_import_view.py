"""The glue of the *Import job postings* page: an uploaded file written to a temporary file, imported into the
postings store (``lmi.postings.importer``) and counted (``lmi.postings.aggregate``), the file then removed;
and how the outcome, the column mapping used, the rows not stored by reason, the notes, the store's state and
the import log read, each table with headers in the reader's language and a CSV download.

Large files are imported with ``python -m lmi.postings import``: an upload is held in the server's memory up to
Streamlit's ``server.maxUploadSize``.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pandas as pd
import streamlit as st

from lmi.i18n import N_, _
from lmi.postings.aggregate import refresh_aggregate
from lmi.postings.coding import TitleCoder
from lmi.postings.importer import ImportResult, import_postings
from lmi.postings.layouts import AUTO, FIELDS
from lmi.postings.reasons import note_words, problem_words
from lmi.postings.store import PostingsStore
from lmi.records.messages import shown
from ui.cache import reference_connection
from ui.components import csv_download
from ui.data import title_index
from ui.import_view import TABLE_HEADERS, outcome_words

LAST_IMPORT_KEY = "last_postings_import"
COMMAND_LINE = 'python -m lmi.postings import FILE.csv.gz --source "State job bank"'
LAYOUT_WORDS = {
    AUTO: N_("Find the columns by their usual names (auto)"),
    "standard": N_("The field names themselves (standard)"),
    "linkup": N_("LinkUp's published column names (linkup)"),
}
FIELD_WORDS = {
    "title": N_("job title"),
    "employer": N_("employer name"),
    "posted_date": N_("date the job was posted"),
    "expiry_date": N_("date the posting expired"),
    "county_fips": N_("county FIPS code"),
    "cbsa_code": N_("CBSA (metro area) code"),
    "city": N_("city, as “City, ST” or with a state column"),
    "state": N_("state (FIPS code, abbreviation or name)"),
    "occupation_code": N_("SOC or O*NET-SOC occupation code"),
    "source": N_("where the posting came from"),
}
EXAMPLE_WORDS = {
    "title": N_("job title"),
    "posted_date": N_("posted date"),
    "location": N_("location"),
    "occupation_code": N_("occupation code"),
}
# column id -> header, for the tables of this page (the import pages' own headers included)
HEADERS = {
    **TABLE_HEADERS,
    "field": N_("Field"),
    "field_meaning": N_("What it holds"),
    "file_column": N_("Column in the file"),
    "reason_code": N_("Reason code"),
    "reason": N_("Reason"),
    "examples": N_("Examples"),
    "note_code": N_("Note code"),
    "note": N_("Note"),
    "column_mapping": N_("Column mapping"),
    "rows_rejected_count": N_("Rows not stored"),
    "titles_distinct_count": N_("Distinct titles"),
    "titles_coded_new_count": N_("Titles coded for the first time"),
}
LOG_COLUMNS = (
    "import_id",
    "imported_utc",
    "imported_by",
    "file_name",
    "file_size_bytes",
    "file_sha256",
    "column_mapping",
    "rows_in_file_count",
    "rows_stored_count",
    "rows_rejected_count",
    "titles_distinct_count",
    "titles_coded_new_count",
    "is_generated_example",
    "outcome",
    "message",
)


@dataclass(frozen=True)
class PostingsUpload:
    """One upload's import and, when it stored rows, the recount's description (``posted_demand.json``)."""

    result: ImportResult
    aggregate: dict | None


def postings_store() -> PostingsStore:
    """The store the app writes (``LMI_POSTINGS_DIR``, default ``var/postings``), read anew on every call."""
    return PostingsStore.default()


def upload_limit_mb() -> int:
    """The largest upload Streamlit accepts (``server.maxUploadSize``, in MB; 200 unless configured)."""
    return int(st.get_option("server.maxUploadSize"))


def safe_file_name(name: str) -> str:
    """The uploaded file's own name, as the log keeps it, without folders or characters a path cannot hold."""
    base = re.sub(r"[^\w .()+-]", "_", Path(name or "").name).strip(" .")
    return base[:200] or "upload.csv"


def run_upload(
    file_name: str,
    stream: BinaryIO,
    imported_by: str,
    layout: str = AUTO,
    overrides: Mapping[str, str] | None = None,
    source: str | None = None,
) -> PostingsUpload:
    """Staff only (the page checks): write the upload to a temporary file under its own name, import it and,
    when stored, recount; the temporary file is removed whatever happens (the store keeps its own copy)."""
    store = postings_store()
    with tempfile.TemporaryDirectory(prefix="lmi-postings-upload-") as folder:
        path = Path(folder) / safe_file_name(file_name)
        with open(path, "wb") as out:
            shutil.copyfileobj(stream, out, 1 << 22)
        result = import_postings(
            path,
            reference_connection(),
            store,
            layout=layout,
            overrides=dict(overrides or {}),
            imported_by=imported_by,
            default_source=(source or "").strip() or None,
            coder=TitleCoder(reference_connection(), title_index()),
        )
    aggregate = refresh_aggregate(store) if result.outcome == "imported" else None
    return PostingsUpload(result, aggregate)


def layout_words(layout: str) -> str:
    return _(LAYOUT_WORDS[layout]) if layout in LAYOUT_WORDS else layout


def field_words(field: str) -> str:
    return _(FIELD_WORDS[field]) if field in FIELD_WORDS else field


def mapping_frame(mapping: str) -> pd.DataFrame:
    """The mapping an import used (``field=column, ...``, as the log keeps it) as a table, field by field."""
    fields = "|".join(FIELDS)
    pairs = [part.partition("=") for part in re.split(rf", (?=(?:{fields})=)", mapping) if part]
    return pd.DataFrame(
        [(field, field_words(field), column) for field, _sep, column in pairs],
        columns=["field", "field_meaning", "file_column"],
    )


def describe_example(example: Mapping[str, object]) -> str:
    """One row kept apart, as its title, posted date, location and code were written in the file."""
    parts = [
        _("{what} “{value}”").format(what=_(EXAMPLE_WORDS.get(name, name)), value=value)
        for name, value in example.items()
        if value not in (None, "")
    ]
    return ", ".join(parts) or _("(all empty)")


def rejected_frame(result: ImportResult) -> pd.DataFrame:
    """Rows not stored, by reason (most first), with a few examples of each."""
    rows = [
        (
            problem,
            problem_words(problem),
            int(count),
            "; ".join(describe_example(e) for e in result.examples.get(problem, [])),
        )
        for problem, count in sorted(result.rejected.items(), key=lambda item: -item[1])
    ]
    return pd.DataFrame(rows, columns=["reason_code", "reason", "rows_count", "examples"])


def notes_frame(result: ImportResult) -> pd.DataFrame:
    """What the import noticed about rows it stored (most first)."""
    rows = [(note, note_words(note), int(count)) for note, count in sorted(result.notes.items(), key=lambda i: -i[1])]
    return pd.DataFrame(rows, columns=["note_code", "note", "rows_count"])


def import_log_frame() -> pd.DataFrame:
    """Every import attempt in the store's log, newest first, outcome and message in the reader's language."""
    entries = list(reversed(postings_store().log_entries()))
    log = pd.DataFrame([{column: entry.get(column) for column in LOG_COLUMNS} for entry in entries])
    if log.empty:
        return pd.DataFrame(columns=list(LOG_COLUMNS))
    log["outcome"] = log.outcome.map(outcome_words)
    log["message"] = [shown(entry.get("message_json"), entry.get("message", "")) for entry in entries]
    log["is_generated_example"] = log.is_generated_example.fillna(False).astype(bool)
    return log


@dataclass(frozen=True)
class StoreStatus:
    """What the page says about the store: imports stored, which are generated example data, the counts."""

    imports_count: int
    generated_import_ids: tuple[int, ...]
    postings_count: int | None
    computed_utc: str | None


def store_status() -> StoreStatus:
    store = postings_store()
    imports = store.stored_imports()
    meta = store.aggregate_meta() or {}
    return StoreStatus(
        imports_count=len(imports),
        generated_import_ids=tuple(e["import_id"] for e in imports if e.get("is_generated_example")),
        postings_count=meta.get("postings_count"),
        computed_utc=meta.get("computed_utc"),
    )


def column_config(frame: pd.DataFrame) -> dict:
    return {c: st.column_config.Column(_(HEADERS[c])) for c in frame.columns if c in HEADERS}


def for_download(frame: pd.DataFrame) -> pd.DataFrame:
    """Each header in the reader's language with the column id it carries, as the other import pages' CSVs."""
    return frame.rename(columns={c: f"{_(HEADERS[c])} [{c}]" for c in frame.columns if c in HEADERS})


def render_table(frame: pd.DataFrame, label: str, file_stem: str, source: str, key: str) -> None:
    """A table of this page with headers people read, and the same as CSV."""
    st.dataframe(frame, hide_index=True, width="stretch", column_config=column_config(frame))
    csv_download(for_download(frame), label, file_stem, source, key=key)
