"""Streamlit glue for the one demand model with the states' own long-term projections.

``demand_model()`` is the model every page reads demand from: the reference database plus the state
projections staff imported into the records database (which win, for a state they cover, over any the
reference database holds). It is kept across reruns and sessions and rebuilt when either database changes:
the cache key is the reference file's stamp and the records file's path and revision (which changes with
every import that stores something), so a new import is seen at once.

The import functions are for the staff-only page (``pages/state_projections_import.py``), which checks
sign-in before calling them.
"""

from __future__ import annotations

from typing import BinaryIO

import duckdb
import pandas as pd
import streamlit as st

from lmi.demand import DemandModel
from lmi.demand.state_projections import downloaded_states
from lmi.records import state_projections as records_projections
from ui import data, records_data


@st.cache_resource(max_entries=2)
def _demand_model(ref_stamp: data.Stamp, records_key: tuple) -> DemandModel:
    if records_key[1] is None:  # records store unavailable: the reference database's projections only
        return DemandModel(data.connection())
    imported = records_projections.stored_projections(records_data.connection())
    return DemandModel(data.connection(), state_projections=imported)


def records_key() -> tuple:
    """What the model depends on in the records database: its file and its revision. When the records
    file cannot be opened (another process holds it), the revision is None and public pages still serve
    the reference figures rather than fail."""
    try:
        return (records_data.path(), records_data.revision())
    except duckdb.Error:
        return (records_data.path(), None)


def demand_model() -> DemandModel:
    """The one demand model for the databases now being served, states' own projections included."""
    return _demand_model(data.stamp(), records_key())


@st.cache_resource(max_entries=2)
def _projection_reference(ref_stamp: data.Stamp) -> records_projections.ProjectionReference:
    return records_projections.projection_reference(data.connection(), data.code_resolver())


def run_import(file_name: str, stream: BinaryIO, imported_by: str) -> records_projections.ProjectionImportResult:
    """Staff only (the page checks): validate one state's file and store it in place of the state's rows."""
    return records_projections.import_state_projections(
        records_data.connection(), _projection_reference(data.stamp()), file_name, stream, imported_by
    )


@st.cache_data(max_entries=4, show_spinner=False)
def _imported_states(records_key: tuple) -> pd.DataFrame:
    return records_projections.imported_states(records_data.connection())


def imported_states() -> pd.DataFrame:
    """States whose projections staff imported: period, rows, and the import that brought them."""
    return _imported_states(records_key())


@st.cache_data(max_entries=4, show_spinner=False)
def _reference_states(ref_stamp: data.Stamp) -> pd.DataFrame:
    return downloaded_states(data.connection())


def reference_states() -> pd.DataFrame:
    """States whose projections the reference database holds (downloaded by ``python -m etl download``)."""
    return _reference_states(data.stamp())


def import_history() -> pd.DataFrame:
    """Staff only; never cached (it is the audit trail)."""
    return records_projections.import_history(records_data.connection())
