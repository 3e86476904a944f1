"""Import state projections (staff only): upload one state's long-term occupational projections in the
Projections Central layout (CSV or XLSX), see every problem by row and column, which states' own
projections the demand figures use, and the import log. Without a staff password configured the page
explains that uploads are disabled."""

from __future__ import annotations

import streamlit as st

from lmi.demand.openings import OPENINGS_BASIS_WORDS
from lmi.demand.state_projections import STATE_OPENINGS_METHOD
from lmi.i18n import _
from lmi.records.parse import MAX_UPLOAD_MB
from lmi.records.state_projections import LAYOUT_SOURCE, layout_docs, layout_template_csv
from ui import demand_data
from ui.components import csv_download, render_title
from ui.downloads import inert_csv_bytes
from ui.import_view import for_download, render_import_result, render_table
from ui.staff import StaffUser, render_sign_in

LAST_IMPORT_KEY = "last_projections_import"


def main() -> None:
    render_title(_("Import state projections"))
    st.write(
        _(
            "Workforce boards plan with their state's own long-term occupational projections. Import one state's "
            "file here and, for that state and its metro and nonmetropolitan areas, the estimated annual openings "
            "and projected growth on every page come from the state's projections instead of BLS's national "
            "rate; they are labelled “{label}”. Occupations the file lacks keep the national-rate estimate, "
            "labelled as such."
        ).format(label=_(OPENINGS_BASIS_WORDS["state_projections"]))
    )
    st.caption(_(STATE_OPENINGS_METHOD))
    render_layout()
    render_states()
    st.header(_("Upload"))
    user = render_sign_in()
    if user is None:
        return  # staff only: nothing below is shown without signing in
    render_upload(user)
    render_import_log()


def render_layout() -> None:
    st.header(_("The file"))
    st.write(
        _(
            "One state per file, one row per occupation, in the layout below (the names Projections Central "
            "uses; the other spellings shown are read too, in any case). Codes are SOC 2018 codes or the aggregate "
            "codes BLS publishes (such as 31-1120); summary rows such as 00-0000 are kept but never shown as an "
            "occupation's figure. Write (NA) or leave a cell blank where the state published no figure."
        )
    )
    render_table(layout_docs())
    st.download_button(
        _("Download the layout (header row, CSV)"),
        inert_csv_bytes(layout_template_csv()),
        file_name="state-projections-layout.csv",
        mime="text/csv",
        key="dl_projections_layout",
    )
    files = _(
        "Files up to {size} MB, UTF-8 CSV or .xlsx (first sheet). A file with any problem stores nothing; a valid "
        "file replaces every stored row of its state; importing the same rows again changes nothing."
    ).format(size=MAX_UPLOAD_MB)
    st.caption(f"{_(LAYOUT_SOURCE)} {files}")


def render_states() -> None:
    """Which states' own projections the demand figures use: imported by staff, or downloaded."""
    st.header(_("States with their own projections"))
    imported = demand_data.imported_states()
    downloaded = demand_data.reference_states()
    if imported.empty and downloaded.empty:
        st.info(_("No state's own projections are loaded: every openings estimate uses BLS's national rate."))
    if not imported.empty:
        st.write(_("Imported by staff (these win over downloaded projections for the same state):"))
        render_table(imported)
        csv_download(
            for_download(imported),
            _("Download the imported states (CSV)"),
            "state-projections-imported",
            _("state long-term projections imported by staff (records database)"),
            key="dl_projections_imported",
        )
    if not downloaded.empty:
        st.write(_("Downloaded from Projections Central into the reference database:"))
        render_table(downloaded)
        csv_download(
            for_download(downloaded),
            _("Download the downloaded states (CSV)"),
            "state-projections-downloaded",
            _("Projections Central, downloaded by python -m etl download"),
            key="dl_projections_downloaded",
        )


def render_upload(user: StaffUser) -> None:
    """Staff only: the uploader and the outcome of the last import."""
    upload = st.file_uploader(
        _("State projections file (CSV or XLSX, at most {size} MB)").format(size=MAX_UPLOAD_MB),
        key="upload_projections",
        max_upload_size=MAX_UPLOAD_MB,
    )
    if upload is not None and st.button(_("Check and import"), type="primary", key="import_projections_button"):
        st.session_state[LAST_IMPORT_KEY] = demand_data.run_import(upload.name, upload, user.name)
    last = st.session_state.get(LAST_IMPORT_KEY)
    if last is not None:
        render_import_result(last, "state-projections-problems", key="dl_projections_problems")


def render_import_log() -> None:
    """Staff only: every state projections import attempt (the audit trail)."""
    st.header(_("Import log"))
    render_table(demand_data.import_history())
    st.caption(
        _(
            "Every state projections import attempt: who, when (UTC), the file's name, size and SHA-256, rows and "
            "outcome. Refused attempts are logged too; none of their rows is stored."
        )
    )


main()
