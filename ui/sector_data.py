"""Cached queries for the Sector reality check page. Like ``ui.data``: the shared read-only
connection and demand model, results keyed by small scalars plus the database stamp so a rebuilt
database (or a rebuilt sector file) is never mixed with the old one. Threshold-dependent results are
keyed by the threshold values themselves, so changing a threshold recomputes only the cheap flagging
step."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lmi.demand import AreaBaseline, postings_trend
from lmi.sectors import across_areas as metro_ranking
from lmi.sectors import definitions as sectors
from lmi.sectors import reality_check as sector_check
from lmi.sectors.flags import FlagThresholds
from lmi.sectors.seats import Targets
from ui.data import Stamp, code_resolver, connection, demand_model


@st.cache_data(max_entries=4, show_spinner=False)
def sector_list(stamp: Stamp) -> pd.DataFrame:
    return sectors.list_sectors(connection())


@st.cache_data(max_entries=4, show_spinner=False)
def membership(stamp: Stamp) -> pd.DataFrame:
    return sectors.sector_membership(connection())


@st.cache_data(max_entries=4, show_spinner=False)
def group_labels(stamp: Stamp) -> pd.DataFrame:
    return sectors.group_labels(connection())


@st.cache_data(max_entries=16, show_spinner=False)
def sector_occupations(keys: tuple[str, ...], stamp: Stamp) -> pd.DataFrame:
    return sectors.sector_occupations(connection(), list(keys))


@st.cache_data(max_entries=16, show_spinner=False)
def sector_citations(keys: tuple[str, ...], stamp: Stamp) -> pd.DataFrame:
    return sectors.sector_citations(connection(), list(keys))


@st.cache_data(max_entries=4, show_spinner=False)
def sector_file_note(stamp: Stamp) -> str:
    return sectors.sector_file_note(connection())


@st.cache_data(max_entries=64, show_spinner=False)
def area_baseline(area_code: str, stamp: Stamp) -> AreaBaseline:
    return demand_model().baseline(area_code)


def bls_demand(area_code: str) -> pd.DataFrame:
    """The area's demand at the grain BLS publishes (the demand model caches it per area)."""
    return demand_model().bls_codes(area_code)


@st.cache_data(max_entries=128, show_spinner=False)
def reality_check(
    area_code: str, area_name: str, chosen: tuple[str, ...], thresholds: FlagThresholds, stamp: Stamp
) -> sector_check.RealityCheck:
    return sector_check.reality_check(
        bls_demand(area_code),
        membership(stamp),
        sector_list(stamp),
        list(chosen),
        thresholds,
        area_name,
        group_labels(stamp),
    )


@st.cache_resource(max_entries=1)
def _seat_targets(stamp: Stamp) -> Targets:
    listed = sector_list(stamp)
    return Targets(dict(zip(listed.sector_key, listed.sector_name)), code_resolver())


def seat_targets(stamp: Stamp) -> Targets:
    return _seat_targets(stamp)


@st.cache_data(max_entries=64, show_spinner=False)
def sector_across_areas(sector_key: str, state_fips: str, stamp: Stamp) -> pd.DataFrame:
    return metro_ranking.sector_across_areas(connection(), demand_model(), sector_key, state_fips)


@st.cache_data(max_entries=64, show_spinner=False)
def postings_trend_for(state_fips: str, stamp: Stamp) -> postings_trend.PostingsTrend | None:
    return postings_trend.state_postings_trend(connection(), state_fips)


@st.cache_data(max_entries=64, show_spinner=False)
def postings_series(state_fips: str, stamp: Stamp) -> pd.DataFrame:
    return postings_trend.postings_series(connection(), state_fips)


@st.cache_data(max_entries=16, show_spinner=False)
def sector_postings(keys: tuple[str, ...], stamp: Stamp) -> pd.DataFrame:
    return postings_trend.sector_postings_trends(connection(), list(keys))
