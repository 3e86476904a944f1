"""Import program records (staff only): download a documented template, upload a CSV or XLSX file of
programs, participant records or employer partners, see every problem by row and column, and the
import log. Without a staff password configured the page explains that uploads are disabled."""

from __future__ import annotations

import streamlit as st

from lmi.programs.labels import GENERATED_LABEL
from lmi.records.docs import records_model_doc
from lmi.records.parse import MAX_UPLOAD_MB
from lmi.records.template import IMPORT_ORDER_NOTE, KIND_LABELS, TEMPLATES, column_docs, template_csv, template_xlsx
from ui import records_data
from ui.import_view import render_import_result
from ui.staff import StaffUser, render_sign_in

LAST_IMPORT_KEY = "last_import"


def main() -> None:
    st.title("Import program records")
    st.write(
        "Staff add training programs, participant records and employer partners here. An import is checked in "
        "full and stored in one step: if any row has a problem, nothing is stored and every problem is listed by "
        "row and column. Importing the same file again changes nothing. Participant identifiers must be "
        "pseudonymous; participant rows are never shown on the public pages, only suppressed counts."
    )
    kind = render_templates()
    with st.expander("How records are stored, checked and reported"):
        st.markdown(records_model_doc())
    st.subheader("Upload")
    user = render_sign_in()
    if user is None:
        return  # staff only: nothing below is shown without signing in
    render_upload(kind, user)
    render_generated_examples(user)
    render_import_log()


def render_templates() -> str:
    """The template chooser and downloads; returns the kind of file chosen."""
    st.subheader("Templates")
    kind = st.radio(
        "What do you want to import?", list(TEMPLATES), format_func=KIND_LABELS.get, horizontal=True, key="import_kind"
    )
    st.write(TEMPLATES[kind].description)
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
        f"{IMPORT_ORDER_NOTE} Files up to {MAX_UPLOAD_MB} MB, UTF-8 CSV or .xlsx (first sheet, or the sheet named "
        f"“{kind}”). Rows of {GENERATED_LABEL} must say so in is_generated_example."
    )
    return kind


def render_upload(kind: str, user: StaffUser) -> None:
    """Staff only: the uploader, and the outcome of the last import of this kind."""
    upload = st.file_uploader(
        f"{KIND_LABELS[kind]} file (CSV or XLSX, at most {MAX_UPLOAD_MB} MB)",
        key=f"upload_{kind}",
        max_upload_size=MAX_UPLOAD_MB,
    )
    if upload is not None and st.button("Check and import", type="primary", key="import_button"):
        st.session_state[LAST_IMPORT_KEY] = records_data.run_import(kind, upload.name, upload, user.name)
    last = st.session_state.get(LAST_IMPORT_KEY)
    if last is not None and last.kind == kind:
        render_import_result(last, "import-problems", key="dl_import_problems")


def render_generated_examples(user: StaffUser) -> None:
    """Staff only: load the generated example data through the ordinary importer."""
    with st.expander(f"Load {GENERATED_LABEL}"):
        st.write(
            "Adds made-up providers, programs, participants and employer partners, every row marked as generated "
            "example data and labelled so on every page. Use it to try the dashboard, not alongside real records."
        )
        if st.button("Load generated example data", key="load_examples"):
            for result in records_data.load_generated_examples(user.name):
                st.write(f"{result.file_name}: {result.outcome} — {result.message}")


def render_import_log() -> None:
    """Staff only: every import attempt (the audit trail)."""
    st.subheader("Import log")
    st.dataframe(records_data.import_log(), hide_index=True, width="stretch")
    st.caption(
        "Every import attempt: who, when (UTC), the file's name, size and SHA-256, rows and outcome. Refused "
        "attempts are logged too; none of their records is stored."
    )


main()
