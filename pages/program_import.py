"""Import program records (staff only): download a documented template, upload a CSV or XLSX file of
programs, participant records or employer partners, see every problem by row and column, and the
import log. Without a staff password configured the page explains that uploads are disabled."""

from __future__ import annotations

import streamlit as st

from lmi.programs.labels import GENERATED_LABEL
from lmi.records.docs import records_model_doc
from lmi.records.parse import MAX_UPLOAD_BYTES
from lmi.records.template import TEMPLATES, column_docs, template_csv, template_xlsx
from ui import records_data
from ui.components import csv_download
from ui.staff import render_sign_in

KIND_LABELS = {
    "programs": "Programs (with providers)",
    "participants": "Participant records",
    "employer_partners": "Employer partners",
}
LIMIT_MB = MAX_UPLOAD_BYTES // (1024 * 1024)

st.title("Import program records")
st.write(
    "Staff add training programs, participant records and employer partners here. An import is checked in "
    "full and stored in one step: if any row has a problem, nothing is stored and every problem is listed by "
    "row and column. Importing the same file again changes nothing. Participant identifiers must be "
    "pseudonymous; participant rows are never shown on the public pages, only suppressed counts."
)

st.subheader("Templates")
kind = st.radio(
    "What do you want to import?", list(TEMPLATES), format_func=KIND_LABELS.get, horizontal=True, key="import_kind"
)
template = TEMPLATES[kind]
st.write(template.description)
cols = st.columns(2)
cols[0].download_button(
    "Download the CSV template",
    template_csv(kind),
    file_name=f"template-{kind}.csv",
    mime="text/csv",
    key=f"dl_template_csv_{kind}",
)
cols[1].download_button(
    "Download the Excel template",
    template_xlsx(kind),
    file_name=f"template-{kind}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key=f"dl_template_xlsx_{kind}",
)
with st.expander("Columns of this template", expanded=False):
    st.dataframe(column_docs(kind), hide_index=True, width="stretch")
st.caption(
    f"Import order: programs first, then participant records and employer partners of those programs. "
    f"Files up to {LIMIT_MB} MB, UTF-8 CSV or .xlsx (first sheet, or the sheet named “{kind}”). Rows of "
    f"{GENERATED_LABEL} must say so in is_generated_example."
)

with st.expander("How records are stored, checked and reported"):
    st.markdown(records_model_doc())

st.subheader("Upload")
user = render_sign_in()
if user is None:
    st.stop()

upload = st.file_uploader(
    f"{KIND_LABELS[kind]} file (CSV or XLSX, at most {LIMIT_MB} MB)", key=f"upload_{kind}", max_upload_size=LIMIT_MB
)
if upload is not None and st.button("Check and import", type="primary", key="import_button"):
    result = records_data.run_import(kind, upload.name, upload, user.name)
    st.session_state["last_import"] = result
last = st.session_state.get("last_import")
if last is not None and last.kind == kind:
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
            f"import-problems-{last.file_name}",
            f"validation of {last.file_name} (sha256 {last.file_sha256[:12]}…)",
            key="dl_import_problems",
        )

with st.expander(f"Load {GENERATED_LABEL}"):
    st.write(
        "Adds made-up providers, programs, participants and employer partners, every row marked as generated "
        "example data and labelled so on every page. Use it to try the dashboard, not alongside real records."
    )
    if st.button("Load generated example data", key="load_examples"):
        results = records_data.load_generated_examples(user.name)
        for r in results:
            st.write(f"{r.file_name}: {r.outcome} — {r.message}")

st.subheader("Import log")
log = records_data.import_log()
st.dataframe(log, hide_index=True, width="stretch")
st.caption(
    "Every import attempt: who, when (UTC), the file's name, size and SHA-256, rows and outcome. Refused "
    "attempts are logged too; none of their records is stored."
)
