"""Import state projections (staff only): upload one state's long-term occupational projections in the
Projections Central layout (CSV or XLSX), see every problem by row and column, which states' own
projections the demand figures use, and the import log. Without a staff password configured the page
explains that uploads are disabled."""

from __future__ import annotations

import streamlit as st

from lmi.demand.openings import OPENINGS_BASIS_WORDS
from lmi.demand.state_projections import STATE_OPENINGS_METHOD
from lmi.records.parse import MAX_UPLOAD_BYTES
from lmi.records.state_projections import layout_docs, layout_template_csv
from ui import demand_data
from ui.components import csv_download
from ui.staff import render_sign_in

LIMIT_MB = MAX_UPLOAD_BYTES // (1024 * 1024)
LAYOUT_SOURCE = (
    "Layout: long-term occupational projections as Projections Central (projectionscentral.org) "
    "publishes them for all states, made by each state's labor market information agency "
    "(Projections Managing Partnership, USDOL/ETA)."
)

st.title("Import state projections")
st.write(
    "Workforce boards plan with their state's own long-term occupational projections. Import one state's "
    "file here and, for that state and its metro and nonmetropolitan areas, the estimated annual openings "
    "and projected growth on every page come from the state's projections instead of BLS's national rate; "
    f"they are labelled “{OPENINGS_BASIS_WORDS['state_projections']}”. Occupations the file lacks keep the "
    "national-rate estimate, labelled as such."
)
st.caption(STATE_OPENINGS_METHOD)

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
    f"{LAYOUT_SOURCE} Files up to {LIMIT_MB} MB, UTF-8 CSV or .xlsx (first sheet). A file with any problem "
    "stores nothing; a valid file replaces every stored row of its state; importing the same rows again "
    "changes nothing."
)

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

st.subheader("Upload")
user = render_sign_in()
if user is None:
    st.stop()

upload = st.file_uploader(
    f"State projections file (CSV or XLSX, at most {LIMIT_MB} MB)", key="upload_projections", max_upload_size=LIMIT_MB
)
if upload is not None and st.button("Check and import", type="primary", key="import_projections_button"):
    st.session_state["last_projections_import"] = demand_data.run_import(upload.name, upload, user.name)
last = st.session_state.get("last_projections_import")
if last is not None:
    if last.outcome == "imported":
        st.success(f"Imported {last.file_name}: {last.message}. (import #{last.import_id}, {last.seconds:.1f} s)")
    elif last.outcome == "unchanged":
        st.info(f"{last.file_name}: {last.message}.")
    else:
        st.error(f"{last.file_name} was not imported; nothing was stored. {len(last.issues)} problem(s) to fix:")
        problems = last.issues_frame()
        st.dataframe(problems, hide_index=True, width="stretch")
        csv_download(
            problems,
            "Download the problems (CSV)",
            f"state-projections-problems-{last.file_name}",
            f"validation of {last.file_name} (sha256 {last.file_sha256[:12]}…)",
            key="dl_projections_problems",
        )

st.subheader("Import log")
st.dataframe(demand_data.import_history(), hide_index=True, width="stretch")
st.caption(
    "Every state projections import attempt: who, when (UTC), the file's name, size and SHA-256, rows and "
    "outcome. Refused attempts are logged too; none of their rows is stored."
)
