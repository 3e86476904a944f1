"""How the outcome of a staff import reads, on both import pages: stored (with the import number and
time), unchanged, or refused with every problem by row and column as a table and a CSV (file names and messages
shown literally: they quote the uploaded file); and the headers of
the import pages' tables (problems, import logs, states with projections, file layouts), whose frames keep
their column ids while people read the headers in their language."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lmi.i18n import N_, _, ngettext
from lmi.records.importer import ImportResult
from lmi.records.state_projections import ProjectionImportResult
from ui.components import csv_download, literal_markdown

# column id -> header, for every id-keyed table the import pages show
TABLE_HEADERS = {
    # a refused file's problems (lmi.records.validate.issues_frame)
    "row": N_("Row"),
    "column": N_("Column"),
    "value": N_("Value"),
    "problem": N_("Problem"),
    # a file layout (lmi.records.state_projections.layout_docs)
    "also read as": N_("Also read as"),
    "required": N_("Required"),
    "meaning": N_("Meaning"),
    # the import logs (lmi.records.queries.import_log, lmi.records.state_projections.import_history)
    "import_id": N_("Import"),
    "imported_utc": N_("When (UTC)"),
    "imported_by": N_("By"),
    "import_kind": N_("What was imported"),
    "file_name": N_("File"),
    "file_size_bytes": N_("Size (bytes)"),
    "file_sha256": N_("SHA-256"),
    "rows_in_file_count": N_("Rows in the file"),
    "rows_added_count": N_("Rows added"),
    "rows_updated_count": N_("Rows updated"),
    "rows_unchanged_count": N_("Rows unchanged"),
    "rows_stored_count": N_("Rows stored"),
    "rows_replaced_count": N_("Rows replaced"),
    "outcome": N_("Outcome"),
    "message": N_("Message"),
    "is_generated_example": N_("Generated example data"),
    # states with their own projections (imported or downloaded)
    "state_fips": N_("State FIPS code"),
    "state_name": N_("State"),
    "projection_period": N_("Projection period"),
    "rows_count": N_("Rows"),
    "occupation_rows_count": N_("Occupation rows"),
}
OUTCOME_WORDS = {"imported": N_("imported"), "unchanged": N_("unchanged"), "refused": N_("refused")}


def outcome_words(outcome: str) -> str:
    """An import's outcome code in the visitor's language."""
    return _(OUTCOME_WORDS[outcome]) if outcome in OUTCOME_WORDS else outcome


def column_config(frame: pd.DataFrame) -> dict:
    """Headers of an import page's table in the visitor's language (the frame keeps its column ids)."""
    return {c: st.column_config.Column(_(TABLE_HEADERS[c])) for c in frame.columns if c in TABLE_HEADERS}


def for_download(frame: pd.DataFrame) -> pd.DataFrame:
    """A table as its CSV carries it: each header in the visitor's language with the column id it carries."""
    return frame.rename(columns={c: f"{_(TABLE_HEADERS[c])} [{c}]" for c in frame.columns if c in TABLE_HEADERS})


def render_table(frame: pd.DataFrame) -> None:
    """An id-keyed table of the import pages, with headers people read."""
    st.dataframe(frame, hide_index=True, width="stretch", column_config=column_config(frame))


def render_import_result(result: ImportResult | ProjectionImportResult, problems_stem: str, key: str) -> None:
    """``problems_stem`` starts the problems CSV's file name; ``key`` is its download button's key."""
    if result.outcome == "imported":
        st.success(
            _("Imported {file}: {message}. (import #{number}, {seconds:.1f} s)").format(
                file=literal_markdown(result.file_name),
                message=literal_markdown(result.message),
                number=result.import_id,
                seconds=result.seconds,
            )
        )
    elif result.outcome == "unchanged":
        st.info(
            _("{file}: {message}.").format(
                file=literal_markdown(result.file_name), message=literal_markdown(result.message)
            )
        )
    else:
        render_problems(result, problems_stem, key)


def render_problems(result: ImportResult | ProjectionImportResult, problems_stem: str, key: str) -> None:
    """A refused file: every problem by row and column, on the page and as a CSV."""
    count = len(result.issues)
    st.error(
        ngettext(
            "{file} was not imported; nothing was stored. {n} problem to fix:",
            "{file} was not imported; nothing was stored. {n} problems to fix:",
            count,
        ).format(file=literal_markdown(result.file_name), n=count)
    )
    problems = result.issues_frame()
    render_table(problems)
    csv_download(
        for_download(problems),
        _("Download the problems (CSV)"),
        f"{problems_stem}-{result.file_name}",
        _("validation of {file} (sha256 {digest}…)").format(file=result.file_name, digest=result.file_sha256[:12]),
        key=key,
    )
