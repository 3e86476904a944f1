"""The sidebar region picker every page shares: nation, a state, or a metro/nonmetro area in it.

The choice lives in ``st.session_state`` (keys ``region_state`` and ``region_area``, each holding an OEWS
area code, never a name, so it survives page switches and a language switch); pages read it with
``current_region()``. It is also kept in the URL (``?area=<OEWS area code>``): a link opened in a new
session starts on its region, and an area code this database does not hold is reported (escaped) and the
nation shown instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from lmi.areas import NATION_CODE, UnknownAreaError, get_area
from lmi.briefs.links import AREA_PARAM, is_area_code
from lmi.i18n import N_, _
from ui import data, links
from ui.cache import reference_query
from ui.language import neutral_key

NATION_LABEL = N_("United States")
WHOLE_STATE = N_("Whole state")


@dataclass(frozen=True)
class Region:
    area_code: str  # the OEWS area to show
    state_fips: str | None  # the state context (None for the nation)
    label: str
    kind: str  # an area kind of ``lmi.areas.AREA_KIND_WORDS``: national | state | metro | nonmetro
    state_name: str | None = None  # the state context's name (None for the nation)


def nation() -> Region:
    """The nation, named in the visitor's language."""
    return Region(NATION_CODE, None, _(NATION_LABEL), "national")


def render_region_picker() -> Region:
    """The sidebar's state and area choice; remembers it for every page (``current_region``) and in the URL.

    Each option's value is the OEWS area code of the region it picks (the nation's, a state's, an area's),
    the code the URL carries, so a choice survives a language switch; only the shown names are words."""
    states = data.states()
    if links.once_per_session("area"):
        restore_linked_region(states)
    state_names = dict(zip(states.area_code, states.state_name))
    state_choices = {NATION_CODE: _(NATION_LABEL), **state_names}  # names made now, in this run's language
    st.sidebar.markdown("### " + _("Region"))
    state_code = st.sidebar.selectbox(
        _("State"),
        list(state_choices),
        format_func=lambda code: state_choices.get(code, code),
        key=neutral_key("region_state"),
        help=_("Numbers on every page are for this region."),
    )
    if state_code not in state_names:
        region = nation()
    else:
        state = states[states.area_code == state_code].iloc[0]
        areas = data.areas_in_state(state.state_fips)
        area_names = dict(zip(areas.area_code, areas.area_name))
        area_choices = {state.area_code: _(WHOLE_STATE), **area_names}
        area_code = st.sidebar.selectbox(
            _("Metro or nonmetropolitan area"),
            list(area_choices),
            format_func=lambda code: area_choices.get(code, code),
            key=neutral_key("region_area"),
        )
        if area_code not in area_names:
            region = Region(state.area_code, state.state_fips, state.state_name, "state", state.state_name)
        else:
            chosen = areas[areas.area_code == area_code].iloc[0]
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
            _(
                "This link names the region {code}, which is not an OEWS area code in this database (codes have "
                "7 digits, such as 0025540 for Hartford), so figures are for the United States. Pick a region "
                "in the sidebar."
            ).format(code=links.escaped(code))
        )
        links.drop(AREA_PARAM)
        return
    state_codes = dict(zip(states.state_fips, states.area_code))
    if area.area_code == NATION_CODE or area.state_fips not in state_codes:
        st.session_state["region_state"] = NATION_CODE
        return
    st.session_state["region_state"] = state_codes[area.state_fips]
    st.session_state["region_area"] = area.area_code  # a state's own code is the "Whole state" choice


def current_region() -> Region:
    """The region chosen in the sidebar (the nation before anything is picked)."""
    return st.session_state.get("region") or nation()
