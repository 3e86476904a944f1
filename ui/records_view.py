"""Rendering helpers shared by the training-program pages: the generated-example badge, the source
line for numbers from program records, the empty-records message, the program picker, and how local-fit
figures read (text cells that say why a figure is missing, labels and tooltips from ``lmi.programs.local_fit``)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lmi.programs.labels import GENERATED_LABEL
from lmi.programs.local_fit import column_words
from ui import records_data

PROGRAM_KEY = "program"


def generated_badge(any_generated: bool) -> None:
    """A visible badge above anything derived from generated example data."""
    if any_generated:
        st.badge("Generated example data", icon=":material/science:", color="orange")
        st.caption(
            "Rows marked “generated example data” describe made-up programs and people, created to show "
            "how this page works; they are not real outcomes."
        )


def records_source(status: dict, threshold: int, any_generated: bool, write: bool = True) -> str:
    """The source line of numbers computed from program records (written as a caption unless
    ``write`` is False), returned for CSV files and later captions."""
    when = f"last import {status['last_import_utc']}" if status.get("last_import_utc") else "no import yet"
    note = (
        f"Source: program records entered by staff in this dashboard ({when}); outcomes of exiters with "
        f"complete follow-up, WIOA definitions (see “Definitions” on Program outcomes); counts and rates of fewer than {threshold} "
        "people are suppressed."
    )
    if any_generated:
        note += f" Includes {GENERATED_LABEL} (not real programs or people)."
    if write:
        st.caption(note)
    return note


def no_programs_message() -> None:
    st.info(
        "No training programs are recorded yet. Staff add programs and participant records on the "
        "**Import program records** page; maintainers can load clearly labelled generated example data with "
        "`python -m lmi.records.example`."
    )


def pick_program(summaries: pd.DataFrame, label: str = "Program") -> str | None:
    """A program selectbox remembered in the URL (``?program=ID``) and across pages."""
    if summaries.empty:
        return None
    ids = list(summaries.program_id)
    names = {
        r.program_id: f"{r.program_name} — {r.provider_name}"
        + (" (generated example data)" if r.is_generated_example else "")
        for r in summaries.itertuples()
    }
    wanted = st.query_params.get(PROGRAM_KEY) or st.session_state.get("program_choice")
    index = ids.index(wanted) if wanted in ids else 0
    chosen = st.selectbox(label, ids, index=index, format_func=names.get, key="program_picker")
    st.query_params[PROGRAM_KEY] = chosen
    st.session_state["program_choice"] = chosen
    return chosen


def records_key() -> tuple:
    return records_data.key()


FIT_TARGET_SHOWN = [
    "numbers_for",
    "local_employment_count",
    "local_annual_openings_words",
    "fit_verdict",
    "location_quotient",
    "local_annual_wage_median_usd",
    "national_growth_2024_34_pct",
]
FIT_TARGET_DOWNLOAD = [
    "program_id",
    "region_area_code",
    "target_basis",
    "listed_codes",
    "soc_code",
    "soc_title",
    "numbers_for",
    "demand_basis",
    "local_employment_count",
    "local_employment_missing_words",
    "local_annual_openings_est_count",
    "local_annual_openings_words",
    "openings_basis",
    "fit_verdict",
    "location_quotient",
    "local_annual_wage_median_usd",
    "national_growth_2024_34_pct",
    "national_annual_openings_count",
]


def jobs_text(value, missing_words: str = "") -> str:
    """Local jobs as text; a missing figure says why (never a blank that reads as zero)."""
    return f"{value:,.0f}" if pd.notna(value) else (missing_words or "not released")


def fit_target_table(targets: pd.DataFrame) -> pd.DataFrame:
    """One program's target rows as the text a person reads: every empty figure says why. "Figures are
    for" starts with the codes the program listed when they differ from the BLS code."""
    return pd.DataFrame(
        {
            "numbers_for": targets.numbers_for.values,
            "local_employment_count": [
                jobs_text(v, w) for v, w in zip(targets.local_employment_count, targets.local_employment_missing_words)
            ],
            "local_annual_openings_words": targets.local_annual_openings_words.values,
            "fit_verdict": targets.fit_verdict.values,
            "location_quotient": [f"{v:.2f}" if pd.notna(v) else "not released" for v in targets.location_quotient],
            "local_annual_wage_median_usd": [
                f"${v:,.0f}" if pd.notna(v) else "not released" for v in targets.local_annual_wage_median_usd
            ],
            "national_growth_2024_34_pct": [
                f"{v:+.1f}%" if pd.notna(v) else "not projected" for v in targets.national_growth_2024_34_pct
            ],
        }
    )


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
