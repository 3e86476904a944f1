"""Streamlit glue for the program records: one cached read-write connection to the records file
(``LMI_RECORDS_DB``), and cached results keyed by the records revision (which changes with every
import that stores something), the small-cell threshold and the file path, so a new import is seen
at once and tests with different files never share results.

Only published (suppressed) outcome figures pass through here; participant rows never do.
"""

from __future__ import annotations

import datetime as dt
from typing import BinaryIO

import duckdb
import pandas as pd
import streamlit as st

from lmi.programs import local_fit as program_fit
from lmi.programs import outcomes
from lmi.records import db as records_db
from lmi.records import queries
from lmi.records.example import IMPORTED_BY as EXAMPLE_IMPORTED_BY
from lmi.records.example import example_files
from lmi.records.importer import ImportResult, import_file, reference_codes
from ui import data


@st.cache_resource(max_entries=4)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    return records_db.open_records(path)


def path() -> str:
    return str(records_db.records_db_path())


def connection() -> duckdb.DuckDBPyConnection:
    return _connection(path())


def revision() -> tuple[int, int]:
    return records_db.revision(connection())


def threshold() -> int:
    return outcomes.threshold_from_env()


def key() -> tuple:
    """What every cached records result depends on."""
    return (path(), revision(), threshold())


@st.cache_data(max_entries=8, show_spinner="Computing published outcome figures…")
def reports(cache_key: tuple) -> dict[str, outcomes.ProgramReport]:
    return outcomes.program_reports(connection(), cache_key[2])


@st.cache_data(max_entries=8, show_spinner=False)
def summaries(cache_key: tuple) -> pd.DataFrame:
    return outcomes.program_summaries(connection(), cache_key[2], reports(cache_key))


@st.cache_data(max_entries=32, show_spinner=False)
def aggregates(by: str, program_ids: tuple[str, ...] | None, cache_key: tuple) -> pd.DataFrame:
    return outcomes.aggregate_outcomes(
        connection(), by, cache_key[2], list(program_ids) if program_ids is not None else None, reports(cache_key)
    )


@st.cache_data(max_entries=8, show_spinner=False)
def status(cache_key: tuple) -> dict:
    return queries.records_status(connection())


@st.cache_data(max_entries=8, show_spinner=False)
def partners(cache_key: tuple) -> pd.DataFrame:
    return queries.employer_partners(connection())


@st.cache_data(max_entries=8, show_spinner=False)
def local_fit(cache_key: tuple, ref_stamp) -> program_fit.ProgramsFit:
    """Every program's local fit: its target occupations at the BLS codes they lead to, with the demand
    model's numbers in the program's region, verdicts, and one summary row per program."""
    programs = summaries(cache_key)[["program_id", "cip_code", "target_soc_codes", "region_area_code"]]
    return program_fit.programs_local_fit(data.connection(), data.demand_model(), data.code_resolver(), programs)


def fit_targets(cache_key: tuple, ref_stamp) -> pd.DataFrame:
    return local_fit(cache_key, ref_stamp).targets


def fit_summary(cache_key: tuple, ref_stamp) -> pd.DataFrame:
    return local_fit(cache_key, ref_stamp).summary


def fit_source(ref_stamp) -> str:
    """The source line of local-fit numbers: OEWS, projections, crosswalks, the openings method and the
    verdict thresholds."""
    return f"{data.source_note(('oews', 'projections', 'onet', 'cip_soc'), ref_stamp)} {program_fit.FIT_METHOD}"


@st.cache_data(max_entries=8, show_spinner=False)
def area_names(cache_key: tuple, ref_stamp) -> dict[str, str]:
    return program_fit.area_names(data.connection(), list(summaries(cache_key).region_area_code))


@st.cache_data(max_entries=8, show_spinner=False)
def cip_titles(cache_key: tuple, ref_stamp) -> dict[str, str]:
    return program_fit.cip_titles(data.connection(), list(summaries(cache_key).cip_code))


@st.cache_resource(max_entries=2)
def _codes(ref_stamp):
    return reference_codes(data.connection(), data.code_resolver())


def run_import(kind: str, file_name: str, stream: BinaryIO, imported_by: str) -> ImportResult:
    """Staff only (the page checks): validate and store one file."""
    return import_file(connection(), _codes(data.stamp()), kind, file_name, stream, imported_by)


def load_generated_examples(imported_by: str) -> list[ImportResult]:
    """Staff only: import the generated example data through the ordinary importer."""
    import io

    who = f"{imported_by} ({EXAMPLE_IMPORTED_BY})"
    return [
        import_file(connection(), _codes(data.stamp()), kind, name, io.BytesIO(content), who)
        for kind, (name, content) in example_files(dt.date.today()).items()
    ]


def import_log() -> pd.DataFrame:
    """Staff only; never cached (it is the audit trail)."""
    return queries.import_log(connection())
