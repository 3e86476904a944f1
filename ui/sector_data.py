"""Cached queries for the Sector reality check page. Like ``ui.data``: the shared read-only
connection, results keyed by small scalars plus the database stamp so a rebuilt database (or a
rebuilt sector file) is never mixed with the old one. Threshold-dependent results are keyed by the
threshold values themselves, so changing a threshold recomputes only the cheap flagging step."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lmi import demand, metro_ranking, postings_trend, sector_check, sectors
from lmi.areas import NATION_CODE
from lmi.sector_flags import FlagThresholds
from lmi.seats import Targets
from ui.data import Stamp, connection


@st.cache_data(max_entries=4, show_spinner=False)
def sector_list(stamp: Stamp) -> pd.DataFrame:
    return sectors.list_sectors(connection())


@st.cache_data(max_entries=4, show_spinner=False)
def membership(stamp: Stamp) -> pd.DataFrame:
    return sectors.sector_membership(connection())


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
def area_baseline(area_code: str, stamp: Stamp) -> demand.AreaBaseline:
    return demand.area_baseline(connection(), area_code)


@st.cache_data(max_entries=64, show_spinner=False)
def occupation_demand(area_code: str, stamp: Stamp) -> pd.DataFrame:
    return demand.occupation_demand(connection(), area_code)


@st.cache_data(max_entries=128, show_spinner=False)
def reality_check(area_code: str, area_name: str, chosen: tuple[str, ...], thresholds: FlagThresholds,
                  stamp: Stamp) -> sector_check.RealityCheck:
    return sector_check.reality_check(occupation_demand(area_code, stamp), membership(stamp), sector_list(stamp),
                                      list(chosen), thresholds, area_name)


@st.cache_data(max_entries=64, show_spinner=False)
def seat_targets(stamp: Stamp) -> Targets:
    listed = sector_list(stamp)
    nation = occupation_demand(NATION_CODE, stamp)
    return Targets(dict(zip(listed.sector_key, listed.sector_name)), dict(zip(nation.soc_code, nation.occupation_title)))


@st.cache_data(max_entries=64, show_spinner=False)
def sector_across_areas(sector_key: str, state_fips: str, stamp: Stamp) -> pd.DataFrame:
    return metro_ranking.sector_across_areas(connection(), sector_key, state_fips)


@st.cache_data(max_entries=64, show_spinner=False)
def postings_trend_for(state_fips: str, stamp: Stamp) -> postings_trend.PostingsTrend | None:
    return postings_trend.state_postings_trend(connection(), state_fips)


@st.cache_data(max_entries=64, show_spinner=False)
def postings_series(state_fips: str, stamp: Stamp) -> pd.DataFrame:
    return postings_trend.postings_series(connection(), state_fips)
