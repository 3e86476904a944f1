"""Import state projections (staff only): upload one state's long-term occupational projections in the
Projections Central layout (CSV or XLSX), see every problem by row and column, which states' own
projections the demand figures use, and the import log. Without a staff password configured the page
explains that uploads are disabled."""

from __future__ import annotations

import streamlit as st

from lmi.demand.openings import OPENINGS_BASIS_WORDS
from lmi.demand.state_projections import STATE_OPENINGS_METHOD
from lmi.records.parse import MAX_UPLOAD_MB
from lmi.records.state_projections import LAYOUT_SOURCE, layout_docs, layout_template_csv
from ui import demand_data
from ui.components import csv_download
from ui.import_view import render_import_result
from ui.staff import StaffUser, render_sign_in

LAST_IMPORT_KEY = "last_projections_import"


def main() -> None:
    st.title("Import state projections")
    st.write(
        "Workforce boards plan with their state's own long-term occupational projections. Import one state's "
        "file here and, for that state and its metro and nonmetropolitan areas, the estimated annual openings "
        "and projected growth on every page come from the state's projections instead of BLS's national rate; "
        f"they are labelled “{OPENINGS_BASIS_WORDS['state_projections']}”. Occupations the file lacks keep the "
        "national-rate estimate, labelled as such."
    )
    st.caption(STATE_OPENINGS_METHOD)
    render_layout()
    render_states()
    st.subheader("Upload")
    user = render_sign_in()
    if user is None:
        return  # staff only: nothing below is shown without signing in
    render_upload(user)
    render_import_log()


def render_layout() -> None:
    st.subheader("The file")
    st.write(
        "One state per file, one row per occupation, in the layout below (the names Projections Central uses; "
        "the other spellings shown are read too, in any case). Codes are SOC 2018 codes or the aggregate codes BLS "
        "publishes (such as 31-1120); summary rows such as 00-0000 are kept but never shown as an occupation's "
        "figure. Write (NA) or leave a cell blank where the state published no figure."
    )
    st.dataframe(layout_docs(), hide_index=True, width="stretch")
    st.download_button(
        "Download the layout (header row, CSV)",
        layout_template_csv(),
        file_name="state-projections-layout.csv",
        mime="text/csv",
        key="dl_projections_layout",
    )
    st.caption(
        f"{LAYOUT_SOURCE} Files up to {MAX_UPLOAD_MB} MB, UTF-8 CSV or .xlsx (first sheet). A file with any problem "
        "stores nothing; a valid file replaces every stored row of its state; importing the same rows again "
        "changes nothing."
    )


def render_states() -> None:
    """Which states' own projections the demand figures use: imported by staff, or downloaded."""
    st.subheader("States with their own projections")
    imported = demand_data.imported_states()
    downloaded = demand_data.reference_states()
    if imported.empty and downloaded.empty:
        st.info("No state's own projections are loaded: every openings estimate uses BLS's national rate.")
    if not imported.empty:
        st.write("Imported by staff (these win over downloaded projections for the same state):")
        st.dataframe(imported, hide_index=True, width="stretch")
        csv_download(
            imported,
            "Download the imported states (CSV)",
            "state-projections-imported",
            "state long-term projections imported by staff (records database)",
            key="dl_projections_imported",
        )
    if not downloaded.empty:
        st.write("Downloaded from Projections Central into the reference database:")
        st.dataframe(downloaded, hide_index=True, width="stretch")
        csv_download(
            downloaded,
            "Download the downloaded states (CSV)",
            "state-projections-downloaded",
            "Projections Central, downloaded by python -m etl download",
            key="dl_projections_downloaded",
        )


def render_upload(user: StaffUser) -> None:
    """Staff only: the uploader and the outcome of the last import."""
    upload = st.file_uploader(
        f"State projections file (CSV or XLSX, at most {MAX_UPLOAD_MB} MB)",
        key="upload_projections",
        max_upload_size=MAX_UPLOAD_MB,
    )
    if upload is not None and st.button("Check and import", type="primary", key="import_projections_button"):
        st.session_state[LAST_IMPORT_KEY] = demand_data.run_import(upload.name, upload, user.name)
    last = st.session_state.get(LAST_IMPORT_KEY)
    if last is not None:
        render_import_result(last, "state-projections-problems", key="dl_projections_problems")


def render_import_log() -> None:
    """Staff only: every state projections import attempt (the audit trail)."""
    st.subheader("Import log")
    st.dataframe(demand_data.import_history(), hide_index=True, width="stretch")
    st.caption(
        "Every state projections import attempt: who, when (UTC), the file's name, size and SHA-256, rows and "
        "outcome. Refused attempts are logged too; none of their rows is stored."
    )


main()
