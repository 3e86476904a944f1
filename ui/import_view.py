"""How the outcome of a staff import reads, on both import pages: stored (with the import number and
time), unchanged, or refused with every problem by row and column as a table and a CSV."""

from __future__ import annotations

import streamlit as st

from lmi.records.importer import ImportResult
from lmi.records.state_projections import ProjectionImportResult
from ui.components import csv_download


def render_import_result(result: ImportResult | ProjectionImportResult, problems_stem: str, key: str) -> None:
    """``problems_stem`` starts the problems CSV's file name; ``key`` is its download button's key."""
    if result.outcome == "imported":
        st.success(
            f"Imported {result.file_name}: {result.message}. (import #{result.import_id}, {result.seconds:.1f} s)"
        )
    elif result.outcome == "unchanged":
        st.info(f"{result.file_name}: {result.message}.")
    else:
        st.error(f"{result.file_name} was not imported; nothing was stored. {len(result.issues)} problem(s) to fix:")
        problems = result.issues_frame()
        st.dataframe(problems, hide_index=True, width="stretch")
        csv_download(
            problems,
            "Download the problems (CSV)",
            f"{problems_stem}-{result.file_name}",
            f"validation of {result.file_name} (sha256 {result.file_sha256[:12]}…)",
            key=key,
        )
