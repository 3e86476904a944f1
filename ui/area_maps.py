"""The maps the pages show, assembled from the pages' own frames and the cached shapes (``ui.map_data``),
drawn by ``ui.maps`` and written with their text alternative (``ui.figures.show_figure``) and the notes on
areas without an outline. Pages call one function per map and keep no map code.

- Occupation explorer: the occupation across a state's metro areas, coloured by the figure the visitor
  picks (jobs, median wage or location quotient); across the states when the region is the nation.
- Sector reality check: one sector's estimated annual openings across a state's metro areas.

Each area's hover label repeats its row of the table under the map, so both say the same.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lmi.demand.columns import label
from lmi.demand.oews_values import format_estimates
from lmi.i18n import _
from ui import data, map_data
from ui.cache import resource
from ui.components import md
from ui.figures import show_figure
from ui.maps import MapFigure, MapMeasure, national_map, state_map

OCCUPATION_MEASURES = ("local_employment_count", "local_annual_wage_median_usd", "location_quotient")
VALUE_WORDS = {
    "local_employment_count": lambda v: f"{v:,.0f}",
    "local_annual_wage_median_usd": lambda v: f"${v:,.0f}",
    "location_quotient": lambda v: f"{v:.2f}",
    "local_annual_openings_est_count": lambda v: f"{v:,.0f}",
}


def measure(column: str) -> MapMeasure:
    """A demand column as a map measure, named with the words of ``lmi.demand.columns``."""
    return MapMeasure(column, label(column), VALUE_WORDS[column])


def render_measure_choice(key: str) -> str:
    """The figure the occupation maps are coloured by (a column id; its label shown)."""
    return st.radio(_("Colour the map by"), OCCUPATION_MEASURES, format_func=label, horizontal=True, key=key)


def table_hover_lines(frame: pd.DataFrame) -> list[list[tuple[str, str]]]:
    """Each area's figures in words as its table row shows them ((heading, words) pairs, empty cells left
    out), for the hover labels."""
    words = format_estimates(frame)
    return [
        [(column, str(value)) for column, value in row.items() if str(value).strip()]
        for _index, row in words.iterrows()
    ]


def with_shapes(frame: pd.DataFrame, shapes: pd.DataFrame) -> pd.DataFrame:
    """The page's rows with their area's shape columns (by OEWS area code)."""
    shape_columns = [c for c in shapes.columns if c not in frame.columns or c == "area_code"]
    return frame.merge(shapes[shape_columns], on="area_code", how="left")


def occupation_state_map(
    areas: pd.DataFrame, state_fips: str, state_name: str, occupation_title: str, column: str
) -> MapFigure:
    """``areas`` (``lmi.demand.area_comparison.areas_of_state``) on a map of the state."""
    framed = areas.assign(hover_lines=table_hover_lines(areas))
    shaped = with_shapes(framed, map_data.state_area_shapes(state_fips))
    title = _("{measure}: {occupation} across the metro areas of {state}").format(
        measure=label(column), occupation=occupation_title, state=state_name
    )
    return state_map(shaped, map_data.state_shapes(), state_fips, measure(column), title)


def occupation_national_map(states: pd.DataFrame, occupation_title: str, column: str) -> MapFigure:
    """``states`` (``lmi.demand.across_states.occupation_across_states``) on a map of the United States."""
    framed = states.assign(hover_lines=table_hover_lines(states))
    shaped = with_shapes(framed, map_data.state_shapes())
    title = _("{measure}: {occupation} across the states").format(measure=label(column), occupation=occupation_title)
    return national_map(shaped, measure(column), title)


# The explorer's maps, built once per occupation, region, measure and language and shared by every visitor (the 32
# most recent of each; a map of the states is some 300 Plotly traces, about 0.2 MB as sent, and rebuilding it on
# every rerun was a quarter of a search's CPU). Shared as is: Streamlit copies a figure into a dict before sending
# it, and nothing here changes a built map.
@resource(max_entries=32)
def explorer_national_map(onet_soc_code: str, occupation_title: str, column: str) -> MapFigure:
    """``occupation_national_map`` of the occupation's figures across the states (``data.states_of_nation``)."""
    return occupation_national_map(data.states_of_nation(onet_soc_code), occupation_title, column)


@resource(max_entries=32)
def explorer_state_map(
    onet_soc_code: str, state_fips: str, state_name: str, occupation_title: str, column: str
) -> MapFigure:
    """``occupation_state_map`` of the occupation's figures across the state's areas (``data.areas_of_state``)."""
    areas = data.areas_of_state(onet_soc_code, state_fips)
    return occupation_state_map(areas, state_fips, state_name, occupation_title, column)


def sector_state_map(ranking: pd.DataFrame, state_fips: str, state_name: str, sector_name: str) -> MapFigure:
    """One sector's ranking across the state's areas (``lmi.sectors.across_areas``), coloured by estimated
    annual openings, each hover label giving the rank and the figures the ranking table shows."""
    framed = ranking.assign(hover_lines=[_sector_hover_lines(row) for _index, row in ranking.iterrows()])
    shaped = with_shapes(framed, map_data.state_area_shapes(state_fips))
    column = "local_annual_openings_est_count"
    title = _("{measure}: {sector} across the metro areas of {state}").format(
        measure=label(column), sector=sector_name, state=state_name
    )
    return state_map(shaped, map_data.state_shapes(), state_fips, measure(column), title)


def _sector_hover_lines(row: pd.Series) -> list[tuple[str, str]]:
    def shown(column: str) -> str:
        value = row.get(column)
        return _("not published") if value is None or pd.isna(value) else VALUE_WORDS[column](value)

    rank = row.get("openings_rank")
    lines = [(_("Rank by openings"), str(int(rank)) if rank is not None and not pd.isna(rank) else _("not ranked"))]
    lines += [
        (label(c), shown(c)) for c in ("local_annual_openings_est_count", "local_employment_count", "location_quotient")
    ]
    return lines


def show_map(map_figure: MapFigure, key: str) -> None:
    """The map, its text alternative, and a note on every area it shows as a point or not at all."""
    show_figure(map_figure.figure, map_figure.summary, key=key)
    if map_figure.notes:
        lines = "\n".join(f"- {note}" for note in map_figure.notes)
        st.markdown(md(_("**Not drawn as outlines:**") + "\n\n" + lines))


def sector_ranking_caption() -> str:
    """What the sector map and the ranking under it show, in words."""
    return _(
        "Ranked by estimated openings a year: the number of jobs a completer could compete for. The map colours "
        "each metro area by the sector's estimated openings; nonmetropolitan areas have no outline and appear "
        "only in the table. A metro area crossing a state line is drawn whole and counted with all its jobs."
    )
