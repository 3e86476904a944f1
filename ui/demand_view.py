"""How demand figures look in a table: the column labels and tooltips of ``lmi.demand.columns``, and a
"Whose numbers" column beside any figure that is a BLS group's rather than the occupation's own.

Pages call ``demand_column_config`` for ``st.dataframe`` of figures, ``shown_column_config`` for a table of
figures already in words (``lmi.demand.oews_values.format_estimates``), and ``mark_shared_figures`` before
showing or downloading a frame, so the group label sits in the row, its tooltip and the CSV alike."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lmi.demand.columns import help_text, label
from lmi.demand.oews_values import shown_help

COUNT_COLUMNS = (
    "local_employment_count",
    "national_annual_openings_count",
    "local_annual_openings_est_count",
    "shared_with_count",
)
USD_COLUMNS = ("local_annual_wage_median_usd",)
PCT_COLUMNS = ("national_growth_2024_34_pct",)
RATIO_COLUMNS = ("location_quotient",)


def demand_column_config(columns: list[str]) -> dict:
    """``st.column_config`` entries (label, tooltip, number format) for the demand columns given."""
    config = {}
    for column in columns:
        name, tip = label(column), help_text(column)
        if column in COUNT_COLUMNS:
            config[column] = st.column_config.NumberColumn(name, help=tip, format="%,.0f")
        elif column in USD_COLUMNS:
            config[column] = st.column_config.NumberColumn(name, help=tip, format="$%,.0f")
        elif column in PCT_COLUMNS:
            config[column] = st.column_config.NumberColumn(name, help=tip, format="%.1f%%")
        elif column in RATIO_COLUMNS:
            config[column] = st.column_config.NumberColumn(name, help=tip, format="%.2f")
        else:
            config[column] = st.column_config.TextColumn(name, help=tip)
    return config


def shown_column_config(headings) -> dict:
    """Tooltips for the headings of a table of figures in words (the words of ``lmi.demand.columns``)."""
    tips = shown_help()
    return {name: st.column_config.TextColumn(name, help=tips[name]) for name in headings if name in tips}


def mark_shared_figures(frame: pd.DataFrame) -> pd.DataFrame:
    """``demand_basis`` kept only where the figure is not the occupation's own (blank otherwise), so
    a reader sees the group label exactly on the rows that need it."""
    out = frame.copy()
    if "demand_is_shared" in out.columns:
        out["demand_basis"] = out.demand_basis.where(out.demand_is_shared.astype(bool), "")
    return out
