"""The sidebar region picker every page shares: nation, a state, or a metro/nonmetro area in it.

The choice lives in ``st.session_state`` (keys ``region_state`` and ``region_area``) so it survives
page switches; pages read it with ``current_region()``. It is also kept in the URL (``?area=<OEWS area
code>``): a link opened in a new session starts on its region, and an area code this database does not
hold is reported (escaped) and the nation shown instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from lmi.areas import NATION_CODE, UnknownAreaError, get_area
from lmi.briefs.links import AREA_PARAM, is_area_code
from ui import data, links
from ui.cache import reference_query

NATION_LABEL = "United States"
WHOLE_STATE = "Whole state"


@dataclass(frozen=True)
class Region:
    area_code: str  # the OEWS area to show
    state_fips: str | None  # the state context (None for the nation)
    label: str
    kind: str  # an area kind of ``lmi.areas.AREA_KIND_WORDS``: national | state | metro | nonmetro
    state_name: str | None = None  # the state context's name (None for the nation)


NATION = Region(NATION_CODE, None, NATION_LABEL, "national")


def render_region_picker() -> Region:
    """The sidebar's state and area choice; remembers it for every page (``current_region``) and in the URL."""
    states = data.states()
    if links.once_per_session("area"):
        restore_linked_region(states)
    state_labels = [NATION_LABEL] + states.state_name.tolist()
    st.sidebar.markdown("### Region")
    state_label = st.sidebar.selectbox(
        "State", state_labels, key="region_state", help="Numbers on every page are for this region."
    )
    if state_label == NATION_LABEL:
        region = NATION
    else:
        state = states[states.state_name == state_label].iloc[0]
        areas = data.areas_in_state(state.state_fips)
        area_labels = [WHOLE_STATE] + areas.area_name.tolist()
        area_label = st.sidebar.selectbox("Metro or nonmetropolitan area", area_labels, key="region_area")
        if area_label == WHOLE_STATE:
            region = Region(state.area_code, state.state_fips, state.state_name, "state", state.state_name)
        else:
            chosen = areas.iloc[area_labels.index(area_label) - 1]
            region = Region(chosen.area_code, state.state_fips, chosen.area_name, chosen.area_kind, state.state_name)
    st.session_state["region"] = region
    links.keep(AREA_PARAM, region.area_code)
    return region


_area = reference_query(get_area, max_entries=64)


def restore_linked_region(states) -> None:
    """Set the pickers to the link's ``area`` (before they are drawn); an unknown code is reported and the
    nation kept."""
    code = links.param(AREA_PARAM)
    if code is None:
        return
    try:
        if not is_area_code(code):
            raise UnknownAreaError(code)
        area = _area(code)
    except UnknownAreaError:
        st.warning(
            f"This link names the region {links.escaped(code)}, which is not an OEWS area code in this "
            f"database (codes have 7 digits, such as 0025540 for Hartford), so figures are for the "
            f"{NATION_LABEL}. Pick a region in the sidebar."
        )
        links.drop(AREA_PARAM)
        return
    names = dict(zip(states.state_fips, states.state_name))
    if area.area_code == NATION_CODE or area.state_fips not in names:
        st.session_state["region_state"] = NATION_LABEL
        return
    st.session_state["region_state"] = names[area.state_fips]
    st.session_state["region_area"] = WHOLE_STATE if area.area_kind == "state" else area.area_name


def current_region() -> Region:
    """The region chosen in the sidebar (the nation before anything is picked)."""
    return st.session_state.get("region", NATION)
