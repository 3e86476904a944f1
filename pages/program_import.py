"""Import program records (staff only): download a documented template, upload a CSV or XLSX file of
programs, participant records, employer partners, employer services, negotiated levels or establishment
counts, see every problem by row and column, enter a negotiated level or an establishment count with its
source in a form (checked and logged like an import), and the import log. Without a staff password
configured the page explains that uploads are disabled."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from lmi.programs import scorecard_tables
from lmi.programs.labels import GENERATED_LABEL, funding_label
from lmi.records import vocab
from lmi.records.docs import records_model_doc
from lmi.records.parse import MAX_UPLOAD_MB
from lmi.records.template import (
    ESTABLISHMENT_COUNTS,
    IMPORT_ORDER_NOTE,
    KIND_LABELS,
    NEGOTIATED_LEVELS,
    TEMPLATES,
    column_docs,
    template_csv,
    template_xlsx,
)
from lmi.records.validate import program_year_of
from ui import records_data
from ui.components import csv_download
from ui.import_view import render_import_result
from ui.staff import StaffUser, render_sign_in

LAST_IMPORT_KEY = "last_import"
LAST_LEVEL_KEY = "last_level_entry"
LAST_COUNT_KEY = "last_establishment_entry"
GENERATED_ENTRY = (
    f"{GENERATED_LABEL} (applies only to the generated example programs, as real entries apply only to real ones)"
)


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
    render_levels_entry(user)
    render_establishments_entry(user)
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


def _program_year_input(column, key: str) -> int:
    this_year = program_year_of(dt.date.today())
    return column.number_input(
        "Program year (2024 = PY2024, Jul 2024–Jun 2025)",
        min_value=vocab.FIRST_WIOA_PROGRAM_YEAR,
        max_value=this_year + 2,
        value=this_year,
        step=1,
        key=key,
    )


def render_levels_entry(user: StaffUser) -> None:
    """Staff only: enter one negotiated (or adjusted) level; it is checked, stored and logged like an import."""
    st.subheader("Negotiated levels of performance")
    st.write(NEGOTIATED_LEVELS.description)
    with st.form("level_form", clear_on_submit=False):
        cols = st.columns(3)
        year = _program_year_input(cols[0], "level_year")
        stream = cols[1].selectbox(
            "Funding stream", list(vocab.FUNDING_STREAMS), format_func=funding_label, key="level_stream"
        )
        indicator = cols[2].selectbox(
            "Indicator", list(vocab.SCORED_INDICATORS), format_func=scorecard_tables.label, key="level_indicator"
        )
        cols = st.columns([1, 1, 2])
        level = cols[0].text_input("Level (percent for a rate, dollars for median earnings)", key="level_value")
        basis = cols[1].radio("Which level", list(vocab.LEVEL_BASES), format_func=str.capitalize, key="level_basis")
        source = cols[2].text_input("Source (the agreement or letter and its date)", key="level_source")
        generated = st.checkbox(GENERATED_ENTRY, key="level_generated")
        if st.form_submit_button("Check and save the level"):
            row = {
                "program_year": int(year),
                "funding_stream": stream,
                "indicator": indicator,
                "level": level,
                "level_basis": basis,
                "source": source,
                "is_generated_example": "yes" if generated else "",
            }
            st.session_state[LAST_LEVEL_KEY] = records_data.enter_rows("negotiated_levels", [row], user.name)
    last = st.session_state.get(LAST_LEVEL_KEY)
    if last is not None:
        render_import_result(last, "level-problems", key="dl_level_problems")
    levels = records_data.levels()
    if levels.empty:
        st.caption("No level entered yet: the scorecard shows each program's figures without met / not met.")
        return
    shown = scorecard_tables.levels_table(levels)
    st.dataframe(shown, hide_index=True, width="stretch")
    csv_download(shown, "Download the levels (CSV)", "negotiated-levels", "levels entered by staff", key="dl_levels")


def render_establishments_entry(user: StaffUser) -> None:
    """Staff only: the number of establishments in a region, the employer penetration rate's denominator."""
    st.subheader("Establishments in a region")
    st.write(ESTABLISHMENT_COUNTS.description)
    areas = records_data.area_names()
    if not areas:
        st.caption("Import programs first: establishment counts are entered for the programs' regions.")
        return
    with st.form("establishments_form"):
        cols = st.columns([2, 1, 1])
        region = cols[0].selectbox("Region", sorted(areas), format_func=lambda a: areas.get(a, a), key="count_region")
        year = _program_year_input(cols[1], "count_year")
        count = cols[2].text_input("Establishments", key="count_value")
        source = st.text_input("Source (publisher, table, area and period)", key="count_source")
        generated = st.checkbox(GENERATED_ENTRY, key="count_generated")
        if st.form_submit_button("Check and save the count"):
            row = {
                "region_area_code": region,
                "program_year": int(year),
                "establishments_count": count,
                "source": source,
                "is_generated_example": "yes" if generated else "",
            }
            st.session_state[LAST_COUNT_KEY] = records_data.enter_rows("establishment_counts", [row], user.name)
    last = st.session_state.get(LAST_COUNT_KEY)
    if last is not None:
        render_import_result(last, "establishment-count-problems", key="dl_count_problems")
    counts = records_data.establishments()
    if not counts.empty:
        shown = scorecard_tables.establishments_table(counts, areas)
        st.dataframe(shown, hide_index=True, width="stretch")
        csv_download(
            shown, "Download the counts (CSV)", "establishment-counts", "counts entered by staff", key="dl_counts"
        )


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
