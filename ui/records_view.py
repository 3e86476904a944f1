"""Rendering helpers shared by the training-program pages: the generated-example badge, the source
line for numbers from program records, the empty-records message and the program picker."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lmi.outcome_format import GENERATED_LABEL
from ui import records_data

PROGRAM_KEY = "program"


def generated_badge(any_generated: bool) -> None:
    """A visible badge above anything derived from generated example data."""
    if any_generated:
        st.badge("Generated example data", icon=":material/science:", color="orange")
        st.caption("Rows marked “generated example data” describe made-up programs and people, created to show "
                   "how this page works; they are not real outcomes.")


def records_source(status: dict, threshold: int, any_generated: bool, write: bool = True) -> str:
    """The source line of numbers computed from program records (written as a caption unless
    ``write`` is False), returned for CSV files and later captions."""
    when = f"last import {status['last_import_utc']}" if status.get("last_import_utc") else "no import yet"
    note = (f"Source: program records entered by staff in this dashboard ({when}); outcomes of exiters with "
            f"complete follow-up, WIOA definitions (see “Definitions” on Program outcomes); counts and rates of fewer than {threshold} "
            "people are suppressed.")
    if any_generated:
        note += f" Includes {GENERATED_LABEL} (not real programs or people)."
    if write:
        st.caption(note)
    return note


def no_programs_message() -> None:
    st.info("No training programs are recorded yet. Staff add programs and participant records on the "
            "**Import program records** page; maintainers can load clearly labelled generated example data with "
            "`python -m lmi.records.example`.")


def pick_program(summaries: pd.DataFrame, label: str = "Program") -> str | None:
    """A program selectbox remembered in the URL (``?program=ID``) and across pages."""
    if summaries.empty:
        return None
    ids = list(summaries.program_id)
    names = {r.program_id: f"{r.program_name} — {r.provider_name}" + (" (generated example data)"
                                                                     if r.is_generated_example else "")
             for r in summaries.itertuples()}
    wanted = st.query_params.get(PROGRAM_KEY) or st.session_state.get("program_choice")
    index = ids.index(wanted) if wanted in ids else 0
    chosen = st.selectbox(label, ids, index=index, format_func=names.get, key="program_picker")
    st.query_params[PROGRAM_KEY] = chosen
    st.session_state["program_choice"] = chosen
    return chosen


def records_key() -> tuple:
    return records_data.key()
