"""Import program records (staff only): download a documented template, upload a CSV or XLSX file of
programs, participant records, employer partners, employer services, negotiated levels or establishment
counts, see every problem by row and column, enter a negotiated level or an establishment count with its
source in a form (checked and logged like an import), and the import log. Without a staff password
configured the page explains that uploads are disabled."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from lmi.i18n import N_, _
from lmi.programs import scorecard_tables
from lmi.programs.labels import GENERATED_LABEL, funding_label
from lmi.records import vocab
from lmi.records.docs import records_model_doc
from lmi.records.parse import MAX_UPLOAD_MB
from lmi.records.template import (
    TEMPLATES,
    column_docs,
    column_docs_headers,
    import_order_note,
    kind_label,
    template_csv,
    template_description,
    template_xlsx,
)
from lmi.records.validate import program_year_of
from ui import records_data
from ui.components import csv_download, literal_markdown, render_title
from ui.downloads import inert_csv_bytes, inert_xlsx_bytes
from ui.import_view import outcome_words, render_import_result, render_table
from ui.staff import StaffUser, render_sign_in

LAST_IMPORT_KEY = "last_import"
LAST_LEVEL_KEY = "last_level_entry"
LAST_COUNT_KEY = "last_establishment_entry"
LEVEL_BASIS_WORDS = {"negotiated": N_("Negotiated"), "adjusted": N_("Adjusted")}  # vocab.LEVEL_BASES, short


def generated_entry() -> str:
    """The checkbox that marks an entered value as generated example data."""
    return _(
        "{generated} (applies only to the generated example programs, as real entries apply only to real ones)"
    ).format(generated=_(GENERATED_LABEL))


def main() -> None:
    render_title(_("Import program records"))
    st.write(
        _(
            "Staff add training programs, participant records and employer partners here. An import is checked "
            "in full and stored in one step: if any row has a problem, nothing is stored and every problem is "
            "listed by row and column. Importing the same file again changes nothing. Participant identifiers "
            "must be pseudonymous; participant rows are never shown on the public pages, only suppressed counts."
        )
    )
    kind = render_templates()
    with st.expander(_("How records are stored, checked and reported")):
        st.markdown(records_model_doc())
    st.header(_("Upload"))
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
    st.header(_("Templates"))
    kind = st.radio(
        _("What do you want to import?"), list(TEMPLATES), format_func=kind_label, horizontal=True, key="import_kind"
    )
    st.write(template_description(kind))
    cols = st.columns(2)
    cols[0].download_button(
        _("Download the CSV template"),
        inert_csv_bytes(template_csv(kind)),
        file_name=f"template-{kind}.csv",
        mime="text/csv",
        key=f"dl_template_csv_{kind}",
    )
    cols[1].download_button(
        _("Download the Excel template"),
        lambda: inert_xlsx_bytes(template_xlsx(kind)),  # made when clicked: a workbook takes a moment
        file_name=f"template-{kind}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"dl_template_xlsx_{kind}",
    )
    with st.expander(_("Columns of this template"), expanded=False):
        docs = column_docs(kind)
        headers = {c: st.column_config.Column(words) for c, words in zip(docs.columns, column_docs_headers())}
        st.dataframe(docs, hide_index=True, width="stretch", column_config=headers)
    files = _(
        "Files up to {size} MB, UTF-8 CSV or .xlsx (first sheet, or the sheet named “{sheet}”). Rows of "
        "{generated} must say so in is_generated_example."
    ).format(size=MAX_UPLOAD_MB, sheet=kind, generated=_(GENERATED_LABEL))
    st.caption(f"{import_order_note()} {files}")
    return kind


def render_upload(kind: str, user: StaffUser) -> None:
    """Staff only: the uploader, and the outcome of the last import of this kind."""
    upload = st.file_uploader(
        _("{kind} file (CSV or XLSX, at most {size} MB)").format(kind=kind_label(kind), size=MAX_UPLOAD_MB),
        key=f"upload_{kind}",
        max_upload_size=MAX_UPLOAD_MB,
    )
    if upload is not None and st.button(_("Check and import"), type="primary", key="import_button"):
        st.session_state[LAST_IMPORT_KEY] = records_data.run_import(kind, upload.name, upload, user.name)
    last = st.session_state.get(LAST_IMPORT_KEY)
    if last is not None and last.kind == kind:
        render_import_result(last, "import-problems", key="dl_import_problems")


def _program_year_input(column, key: str) -> int:
    this_year = program_year_of(dt.date.today())
    return column.number_input(
        _("Program year (2024 = PY2024, Jul 2024–Jun 2025)"),
        min_value=vocab.FIRST_WIOA_PROGRAM_YEAR,
        max_value=this_year + 2,
        value=this_year,
        step=1,
        key=key,
    )


def render_levels_entry(user: StaffUser) -> None:
    """Staff only: enter one negotiated (or adjusted) level; it is checked, stored and logged like an import."""
    st.header(_("Negotiated levels of performance"))
    st.write(template_description("negotiated_levels"))
    with st.form("level_form", clear_on_submit=False):
        cols = st.columns(3)
        year = _program_year_input(cols[0], "level_year")
        stream = cols[1].selectbox(
            _("Funding stream"), list(vocab.FUNDING_STREAMS), format_func=funding_label, key="level_stream"
        )
        indicator = cols[2].selectbox(
            _("Indicator"), list(vocab.SCORED_INDICATORS), format_func=scorecard_tables.label, key="level_indicator"
        )
        cols = st.columns([1, 1, 2])
        level = cols[0].text_input(_("Level (percent for a rate, dollars for median earnings)"), key="level_value")
        basis = cols[1].radio(
            _("Which level"),
            list(vocab.LEVEL_BASES),
            format_func=lambda b: _(LEVEL_BASIS_WORDS[b]),
            key="level_basis",
            help="\n\n".join(vocab.label(vocab.LEVEL_BASES, b) for b in vocab.LEVEL_BASES),
        )
        source = cols[2].text_input(_("Source (the agreement or letter and its date)"), key="level_source")
        generated = st.checkbox(generated_entry(), key="level_generated")
        if st.form_submit_button(_("Check and save the level"), key="level_submit"):
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
        st.caption(_("No level entered yet: the scorecard shows each program's figures without met / not met."))
        return
    shown = scorecard_tables.levels_table(levels)
    st.dataframe(shown, hide_index=True, width="stretch")
    csv_download(
        shown, _("Download the levels (CSV)"), "negotiated-levels", _("levels entered by staff"), key="dl_levels"
    )


def render_establishments_entry(user: StaffUser) -> None:
    """Staff only: the number of establishments in a region, the employer penetration rate's denominator."""
    st.header(_("Establishments in a region"))
    st.write(template_description("establishment_counts"))
    areas = records_data.area_names()
    if not areas:
        st.caption(_("Import programs first: establishment counts are entered for the programs' regions."))
        return
    with st.form("establishments_form"):
        cols = st.columns([2, 1, 1])
        region = cols[0].selectbox(
            _("Region"), sorted(areas), format_func=lambda a: areas.get(a, a), key="count_region"
        )
        year = _program_year_input(cols[1], "count_year")
        count = cols[2].text_input(_("Establishments"), key="count_value")
        source = st.text_input(_("Source (publisher, table, area and period)"), key="count_source")
        generated = st.checkbox(generated_entry(), key="count_generated")
        if st.form_submit_button(_("Check and save the count"), key="count_submit"):
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
            shown,
            _("Download the counts (CSV)"),
            "establishment-counts",
            _("counts entered by staff"),
            key="dl_counts",
        )


def render_generated_examples(user: StaffUser) -> None:
    """Staff only: load the generated example data through the ordinary importer."""
    with st.expander(_("Load {generated}").format(generated=_(GENERATED_LABEL))):
        st.write(
            _(
                "Adds made-up providers, programs, participants and employer partners, every row marked as "
                "generated example data and labelled so on every page. Use it to try the dashboard, not alongside "
                "real records."
            )
        )
        if st.button(_("Load generated example data"), key="load_examples"):
            for result in records_data.load_generated_examples(user.name):
                st.write(
                    _("{file}: {outcome} — {message}").format(
                        file=literal_markdown(result.file_name),
                        outcome=outcome_words(result.outcome),
                        message=literal_markdown(result.message),
                    )
                )


def render_import_log() -> None:
    """Staff only: every import attempt (the audit trail)."""
    st.header(_("Import log"))
    render_table(records_data.import_log())
    st.caption(
        _(
            "Every import attempt: who, when (UTC), the file's name, size and SHA-256, rows and outcome. Refused "
            "attempts are logged too; none of their records is stored."
        )
    )


main()
