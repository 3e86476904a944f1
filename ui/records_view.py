"""Rendering helpers shared by the training-program pages: the generated-example badge, the source line of
numbers from program records, the empty-records message, the program picker, the labels and tooltips of
local-fit columns (words from ``lmi.programs.local_fit``) and the scorecard and return-on-investment summary
columns of a programs table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lmi.i18n import N_, _
from lmi.programs import local_fit, roi
from lmi.programs.labels import GENERATED_NOTE, program_choice_label, records_source_note
from lmi.programs.local_fit import column_words
from ui import records_data

PROGRAM_KEY = "program"

FIT_TARGET_SHOWN = [
    "numbers_for",
    "local_employment_count",
    "local_annual_openings_words",
    "fit_verdict",
    "location_quotient",
    "local_annual_wage_median_usd",
    "national_growth_2024_34_pct",
]
# the downloaded columns: the domain's target columns less the flag the "Whose numbers" text already says and
# the two projection bases the growth figure is computed from
FIT_TARGET_DOWNLOAD = [
    c
    for c in local_fit.TARGET_COLUMNS
    if c not in ("demand_is_shared", "national_employment_2024_count", "national_employment_2034_count")
]


def generated_badge(any_generated: bool) -> None:
    """A visible badge above anything derived from generated example data."""
    if any_generated:
        st.badge(_("Generated example data"), icon=":material/science:", color="orange")
        st.caption(_(GENERATED_NOTE))


def records_source(threshold: int, any_generated: bool, write: bool = True) -> str:
    """The source line of numbers computed from program records (written as a caption unless ``write`` is
    False), returned for CSV files and later captions."""
    note = records_source_note(records_data.status(), threshold, any_generated)
    if write:
        st.caption(note)
    return note


def no_programs_message() -> None:
    st.info(
        _(
            "No training programs are recorded yet. Staff add programs and participant records on the "
            "**Import program records** page; maintainers can load clearly labelled generated example data with "
            "`python -m lmi.records.example`."
        )
    )


def pick_program(summaries: pd.DataFrame, label: str | None = None) -> str | None:
    """A program selectbox remembered in the URL (``?program=ID``) and across pages; ``label`` defaults to
    "Program" in the visitor's language."""
    if summaries.empty:
        return None
    ids = list(summaries.program_id)
    names = {
        r.program_id: program_choice_label(r.program_name, r.provider_name, r.is_generated_example)
        for r in summaries.itertuples()
    }
    wanted = st.query_params.get(PROGRAM_KEY) or st.session_state.get("program_choice")
    index = ids.index(wanted) if wanted in ids else 0
    chosen = st.selectbox(label or _("Program"), ids, index=index, format_func=names.get, key="program_picker")
    st.query_params[PROGRAM_KEY] = chosen
    st.session_state["program_choice"] = chosen
    return chosen


def fit_column_config(columns: list[str], summary: bool = False) -> dict:
    """Labels and tooltips of local-fit columns for ``st.dataframe``."""
    return {
        c: st.column_config.TextColumn(
            column_words(c, summary)[0],
            help=column_words(c, summary)[1] or None,
            width="large" if c == "numbers_for" else None,
        )
        for c in columns
    }


SCORECARD_COLUMN = N_("WIOA scorecard (latest scored year)")


def with_decision_columns(table: pd.DataFrame, program_ids, threshold: int) -> pd.DataFrame:
    """A programs table (one row per program, in ``program_ids`` order) with each program's earnings gain,
    payback period and latest scorecard verdict inserted before its "Data" column."""
    ids = list(program_ids)
    extra = roi.summary_columns(records_data.returns(threshold), ids)
    summaries = records_data.scorecard_summaries(threshold)
    extra[_(SCORECARD_COLUMN)] = [summaries[p] for p in ids]
    data_column = _("Data")
    at = table.columns.get_loc(data_column) if data_column in table.columns else len(table.columns)
    out = table.copy()
    for offset, column in enumerate(extra.columns):
        out.insert(at + offset, column, extra[column].values)
    return out
