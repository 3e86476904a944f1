"""The map of a state's metro areas, drawn the same way wherever a page shows one (Occupation explorer,
Sector reality check): a circle at each metro area's Census centroid, sized by the page's figure and
coloured by location quotient around 1 (the nation's concentration), on the Albers USA projection.

Nonmetropolitan areas have no centroid, so a map never shows them; ``map_note`` says so, and pages put
the full table under the map as its text alternative."""

from __future__ import annotations

import re

import altair as alt
import pandas as pd

from lmi.demand.columns import label

MAP_HEIGHT_PX = 420
CIRCLE_AREA_RANGE_PX = (40, 1600)
NATIONAL_CONCENTRATION = 1.0  # a location quotient of 1: as concentrated here as nationally


def short_area_name(area_name: str) -> str:
    """ "Hartford" for "Hartford-West Hartford-East Hartford, CT": the first place an area is named after,
    short enough to sit beside its circle."""
    return re.split(r"[-,]", str(area_name))[0].strip()


def state_area_map(
    points: pd.DataFrame, size_field: str, size_title: str, tooltip: list[alt.Tooltip], label_field: str | None = None
) -> alt.LayerChart:
    """Circles at ``latitude_deg``/``longitude_deg`` sized by ``size_field`` and coloured by
    ``location_quotient`` (red: more concentrated than nationally), with ``label_field`` written beside
    each circle when given (an empty label writes nothing)."""
    position = {"longitude": "longitude_deg:Q", "latitude": "latitude_deg:Q"}
    circles = (
        alt.Chart(points)
        .mark_circle(opacity=0.8, stroke="black", strokeWidth=0.5)
        .encode(
            **position,
            size=alt.Size(f"{size_field}:Q", title=size_title, scale=alt.Scale(range=list(CIRCLE_AREA_RANGE_PX))),
            color=alt.Color(
                "location_quotient:Q",
                title=label("location_quotient"),
                scale=alt.Scale(scheme="redblue", domainMid=NATIONAL_CONCENTRATION, reverse=True),
            ),
            tooltip=tooltip,
        )
    )
    layers = [circles]
    if label_field:
        layers.append(
            alt.Chart(points).mark_text(align="left", dx=10, fontSize=11).encode(**position, text=f"{label_field}:N")
        )
    return alt.layer(*layers).project(type="albersUsa").properties(height=MAP_HEIGHT_PX)


def map_note(sized_by: str) -> str:
    """What the map shows, in words (its text alternative beside the table under it)."""
    return (
        f"Circles sit at each metro area's Census centroid, sized by {sized_by} and coloured by location quotient "
        "(red: more concentrated than nationally). Nonmetropolitan areas have no centroid and appear only in the "
        "table."
    )
