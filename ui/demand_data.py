"""Streamlit glue for the one demand model with the states' own long-term projections.

The demand model itself (reference database plus the projections staff imported, which win for a state
they cover) is ``ui.cache.demand_model``, rebuilt when either database changes. The import functions are
for the staff-only page (``app_pages/state_projections_import.py``), which checks sign-in before calling them.
"""

from __future__ import annotations

from typing import BinaryIO

import pandas as pd

from lmi.demand.state_projections import downloaded_states
from lmi.records import state_projections as records_projections
from ui.cache import records_connection, records_query, reference_connection, reference_query, resource, writes_records
from ui.data import code_resolver


@resource(max_entries=2)
def _projection_reference() -> records_projections.ProjectionReference:
    return records_projections.projection_reference(reference_connection(), code_resolver())


@writes_records
def run_import(file_name: str, stream: BinaryIO, imported_by: str) -> records_projections.ProjectionImportResult:
    """Staff only (the page checks): validate one state's file and store it in place of the state's rows."""
    return records_projections.import_state_projections(
        records_connection(), _projection_reference(), file_name, stream, imported_by
    )


imported_states = records_query(records_projections.imported_states, max_entries=4)
imported_states.__doc__ = "States whose projections staff imported: period, rows, and the import that brought them."
reference_states = reference_query(downloaded_states, max_entries=4)
reference_states.__doc__ = "States whose projections the reference database holds (from ``python -m etl download``)."


def import_history() -> pd.DataFrame:
    """Staff only; never cached (it is the audit trail)."""
    return records_projections.import_history(records_connection())
