"""Cached queries of New Jersey's published ETPL data (reference data, read-only database), keyed
by the reference database's file stamp like ``ui/data.py``."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lmi.programs import nj_etpl
from ui import data


@st.cache_data(max_entries=4, show_spinner=False)
def cip_families(stamp) -> pd.DataFrame:
    return nj_etpl.cip_families(data.connection())


@st.cache_data(max_entries=64, show_spinner=False)
def outcomes(search: str, family: str | None, sort_by: str, stamp) -> pd.DataFrame:
    return nj_etpl.published_outcomes(data.connection(), search, family, sort_by)


@st.cache_data(max_entries=4, show_spinner=False)
def counts(stamp) -> dict:
    return nj_etpl.outcome_counts(data.connection())


@st.cache_data(max_entries=4, show_spinner=False)
def program_sample(stamp) -> pd.DataFrame:
    return nj_etpl.program_sample(data.connection())
