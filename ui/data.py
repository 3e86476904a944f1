"""Caching: one read-only connection per database file (``st.cache_resource``), query results keyed
by small scalar arguments plus the database's file stamp (``st.cache_data``), so a rebuilt
database (new stamp) is reopened and its results recomputed, never mixed with the old ones."""

from __future__ import annotations

import duckdb
import pandas as pd
import streamlit as st

from lmi import areas, provenance
from lmi.db import file_stamp, open_reference, reference_db_path
from lmi.demand import DemandModel
from lmi.demand import area_comparison as area_stats
from lmi.demand.codes import CodeResolver
from lmi.occupations import alternatives as occupation_alternatives
from lmi.occupations import coverage, search
from lmi.occupations import profile as occupations

Stamp = tuple


@st.cache_resource(max_entries=1)
def _connection(path: str, stamp: Stamp) -> duckdb.DuckDBPyConnection:
    return open_reference(path)


def connection() -> duckdb.DuckDBPyConnection:
    path = reference_db_path()
    return _connection(str(path), file_stamp(path))


def stamp() -> Stamp:
    """What every cached reference result depends on: the reference file's identity and, because demand
    figures include states' projections that staff import, the records store's revision."""
    from ui import demand_data

    return (*file_stamp(reference_db_path()), demand_data.records_key())


def openings_method() -> str:
    """The openings method in words for the model now served (names states whose own projections apply)."""
    return demand_model().openings_method()


def demand_model() -> DemandModel:
    """The one demand model for the databases now being served, states' own projections included
    (``ui.demand_data``; imported here lazily because that module reads the records store)."""
    from ui import demand_data

    return demand_data.demand_model()


@st.cache_resource(max_entries=1)
def _code_resolver(stamp: Stamp) -> CodeResolver:
    return CodeResolver(connection())


def code_resolver() -> CodeResolver:
    """Resolves any O*NET-SOC, SOC or published BLS code to the code BLS publishes numbers for."""
    return _code_resolver(stamp())


@st.cache_resource(max_entries=1)
def _title_index(stamp: Stamp) -> search.TitleIndex:
    return search.load_title_index(connection())


@st.cache_data(max_entries=256, show_spinner=False)
def search_occupations(query: str, stamp: Stamp, limit: int = 15) -> pd.DataFrame:
    return search.search_occupations(_title_index(stamp), query, limit)


@st.cache_data(max_entries=64, show_spinner=False)
def profile(onet_soc_code: str, stamp: Stamp) -> occupations.OccupationProfile:
    return occupations.get_profile(connection(), onet_soc_code)


@st.cache_data(max_entries=128, show_spinner=False)
def top_ratings(onet_soc_code: str, domain: str, limit: int, stamp: Stamp) -> pd.DataFrame:
    return occupations.top_ratings(connection(), onet_soc_code, domain, limit)


@st.cache_data(max_entries=64, show_spinner=False)
def typical_education(onet_soc_code: str, stamp: Stamp) -> dict:
    return occupations.typical_education(connection(), onet_soc_code)


@st.cache_data(max_entries=64, show_spinner=False)
def education_distribution(onet_soc_code: str, stamp: Stamp) -> pd.DataFrame:
    return occupations.education_distribution(connection(), onet_soc_code)


@st.cache_data(max_entries=64, show_spinner=False)
def interests(onet_soc_code: str, stamp: Stamp) -> pd.DataFrame:
    return occupations.interests(connection(), onet_soc_code)


@st.cache_data(max_entries=256, show_spinner=False)
def region_comparison(onet_soc_code: str, area_code: str, state_fips: str | None, stamp: Stamp) -> pd.DataFrame:
    return area_stats.region_comparison(connection(), demand_model(), onet_soc_code, area_code, state_fips)


@st.cache_data(max_entries=256, show_spinner=False)
def areas_of_state(onet_soc_code: str, state_fips: str, stamp: Stamp) -> pd.DataFrame:
    return area_stats.areas_of_state(connection(), demand_model(), onet_soc_code, state_fips)


@st.cache_data(max_entries=128, show_spinner=False)
def alternatives(
    onet_soc_code: str, area_code: str, area_name: str, searched: str | None, stamp: Stamp
) -> occupation_alternatives.AlternativesOffer:
    """Why the occupation is a dead end, if it is one, and the ranked occupations to offer instead."""
    return occupation_alternatives.offer_alternatives(
        connection(), demand_model(), profile(onet_soc_code, stamp), area_code, area_name, searched
    )


@st.cache_data(max_entries=4, show_spinner=False)
def states(stamp: Stamp) -> pd.DataFrame:
    return areas.list_states(connection())


@st.cache_data(max_entries=64, show_spinner=False)
def areas_in_state(state_fips: str, stamp: Stamp) -> pd.DataFrame:
    return areas.list_areas_in_state(connection(), state_fips)


@st.cache_data(max_entries=64, show_spinner=False)
def source_note(keys: tuple[str, ...], stamp: Stamp) -> str:
    return provenance.source_note(connection(), *keys)


@st.cache_data(max_entries=4, show_spinner=False)
def data_vintages(stamp: Stamp) -> dict:
    return provenance.data_vintages(connection())


@st.cache_data(max_entries=4, show_spinner=False)
def sources(stamp: Stamp) -> pd.DataFrame:
    return provenance.sources(connection())


@st.cache_data(max_entries=4, show_spinner=False)
def provenance_table(stamp: Stamp) -> pd.DataFrame:
    return provenance.provenance_table(connection())


@st.cache_data(max_entries=4, show_spinner=False)
def data_checks(stamp: Stamp) -> pd.DataFrame:
    return provenance.data_checks(connection())


@st.cache_data(max_entries=4, show_spinner=False)
def coverage_summary(stamp: Stamp) -> pd.DataFrame:
    return coverage.coverage_summary(connection())


@st.cache_data(max_entries=4, show_spinner=False)
def unmatched_occupations(stamp: Stamp) -> pd.DataFrame:
    return coverage.unmatched_occupations(connection())


@st.cache_data(max_entries=4, show_spinner=False)
def demand_grain_summary(stamp: Stamp) -> pd.DataFrame:
    return coverage.demand_grain_summary(connection())


@st.cache_data(max_entries=4, show_spinner=False)
def shared_figures(stamp: Stamp) -> pd.DataFrame:
    return coverage.shared_figures(connection())
