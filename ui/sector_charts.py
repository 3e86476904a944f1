"""The Sector reality check's charts: a state's postings trend, national growth against local
concentration (the quadrant chart) and one sector across a state's metro areas (the map). Each builder
takes frames from ``lmi`` and returns an Altair chart, drawn offline (no tiles, no remote datasets); each
caption says in words what the chart shows, for readers who cannot see it. Guide lines and colours follow
the flag thresholds and flags of ``lmi.sectors.flags``; nothing is restated here."""

from __future__ import annotations

import altair as alt
import pandas as pd

from lmi.demand.postings_trend import INDEX_BASE_WORDS
from lmi.sectors.flags import (
    BALANCED,
    FLAG_LABELS,
    HIDDEN,
    NO_ESTIMATE,
    STRENGTH,
    THIN,
    THIN_NOT_GROWING,
    TOO_LITTLE_DATA,
    FlagThresholds,
    count_words,
)
from lmi.sectors.reality_check import SectorView

FLAG_COLORS = {
    THIN: "#d62728",
    STRENGTH: "#2ca02c",
    BALANCED: "#7f7f7f",
    THIN_NOT_GROWING: "#ff9896",
    NO_ESTIMATE: "#c7c7c7",
    TOO_LITTLE_DATA: "#c7c7c7",
    HIDDEN: "#1f77b4",
}
GUIDE = {"strokeDash": [4, 4], "color": "#555"}
MAP_NAMED_AREAS = 5  # the areas with the most openings are numbered and named on the map
QUADRANT_COLUMNS = [
    "label",
    "flag_label",
    "location_quotient",
    "national_growth_2024_34_pct",
    "local_employment_count",
    "local_annual_openings_est_count",
]


# ---------------------------------------------------------------- postings trend


def postings_chart(series: pd.DataFrame) -> alt.Chart:
    """The state's and the nation's postings index, one line each (``lmi.demand.postings_trend.postings_series``)."""
    return (
        alt.Chart(series)
        .mark_line()
        .encode(
            x=alt.X("posted_on:T", title=None),
            y=alt.Y("postings_index:Q", title=f"Index, {INDEX_BASE_WORDS}"),
            color=alt.Color("series:N", title=None, legend=alt.Legend(orient="top")),
        )
        .properties(height=200)
    )


# ---------------------------------------------------------------- national growth against local concentration


def quadrant_points(view: SectorView, occupations: bool) -> pd.DataFrame:
    """The sectors (or the chosen sectors' occupations, each once) that can be placed on a log scale: those
    with a published location quotient above zero and a national projection."""
    if occupations:
        points = view.occupations.drop_duplicates("soc_code").rename(columns={"soc_title": "label"})
    else:
        points = view.sectors.rename(columns={"sector_name": "label"})
    if points.empty:
        return pd.DataFrame(columns=QUADRANT_COLUMNS)
    points = points.dropna(subset=["location_quotient", "national_growth_2024_34_pct"])
    return points[points.location_quotient > 0][QUADRANT_COLUMNS]


def quadrant_chart(points: pd.DataFrame, thresholds: FlagThresholds, named: bool) -> alt.LayerChart:
    """Points by location quotient (log) and national growth, sized by local jobs and coloured by flag, with
    the thresholds as dashed guides; ``named`` writes each point's name beside it (few points only)."""
    x = alt.X(
        "location_quotient:Q", title="Local concentration (location quotient, log scale)", scale=alt.Scale(type="log")
    )
    y = alt.Y("national_growth_2024_34_pct:Q", title="Projected national growth 2024–34 (%)")
    dots = (
        alt.Chart(points)
        .mark_circle(opacity=0.8, stroke="black", strokeWidth=0.4)
        .encode(
            x=x,
            y=y,
            size=alt.Size("local_employment_count:Q", title="Local jobs", scale=alt.Scale(range=[30, 1500])),
            color=alt.Color(
                "flag_label:N",
                title="Flag",
                scale=alt.Scale(domain=[FLAG_LABELS[f] for f in FLAG_COLORS], range=list(FLAG_COLORS.values())),
            ),
            tooltip=[
                alt.Tooltip("label:N", title="Name"),
                alt.Tooltip("flag_label:N", title="Flag"),
                alt.Tooltip("location_quotient:Q", title="Location quotient", format=".2f"),
                alt.Tooltip("national_growth_2024_34_pct:Q", title="National growth (%)", format=".1f"),
                alt.Tooltip("local_employment_count:Q", title="Local jobs", format=","),
                alt.Tooltip("local_annual_openings_est_count:Q", title="Est. openings a year", format=",.0f"),
            ],
        )
    )
    quotients = pd.DataFrame({"location_quotient": [thresholds.thin_lq_below, thresholds.strength_lq_min]})
    growth = pd.DataFrame({"national_growth_2024_34_pct": [thresholds.national_growth_min_pct]})
    layers = [
        dots,
        alt.Chart(quotients).mark_rule(**GUIDE).encode(x="location_quotient:Q"),
        alt.Chart(growth).mark_rule(**GUIDE).encode(y="national_growth_2024_34_pct:Q"),
    ]
    if named:
        layers.append(alt.Chart(points).mark_text(align="left", dx=8, fontSize=11).encode(x=x, y=y, text="label:N"))
    return alt.layer(*layers).properties(height=440)


def quadrant_caption(thresholds: FlagThresholds) -> str:
    """What the quadrant chart shows, in words (the guides are the thresholds in force)."""
    return (
        f"Top left: growing nationally (at least {thresholds.national_growth_min_pct:g}%, horizontal line) "
        f"but thin here (location quotient below {thresholds.thin_lq_below:g}, left dashed line). Right of "
        f"{thresholds.strength_lq_min:g}: local strengths. Circle size: local jobs; colour: flag. "
        "The same points, with their flags in words, are in the tables above and below. Occupations without a "
        "published local estimate cannot be plotted."
    )


# ---------------------------------------------------------------- one sector across a state's areas


def areas_map(ranking: pd.DataFrame) -> alt.LayerChart | None:
    """Circles at each metro area's centroid, sized by the sector's estimated openings and coloured by its
    location quotient, the ``MAP_NAMED_AREAS`` with most openings numbered; None when nothing can be mapped
    (nonmetropolitan areas have no centroid)."""
    mapped = ranking.dropna(subset=["latitude_deg", "local_annual_openings_est_count"])
    if mapped.empty:
        return None
    circles = (
        alt.Chart(mapped)
        .mark_circle(opacity=0.8, stroke="black", strokeWidth=0.5)
        .encode(
            longitude="longitude_deg:Q",
            latitude="latitude_deg:Q",
            size=alt.Size(
                "local_annual_openings_est_count:Q", title="Est. openings a year", scale=alt.Scale(range=[40, 1600])
            ),
            color=alt.Color(
                "location_quotient:Q",
                title="Location quotient",
                scale=alt.Scale(scheme="redblue", domainMid=1, reverse=True),
            ),
            tooltip=[
                alt.Tooltip("area_name:N", title="Area"),
                alt.Tooltip("openings_rank:Q", title="Rank"),
                alt.Tooltip("local_annual_openings_est_count:Q", title="Est. openings a year", format=",.0f"),
                alt.Tooltip("local_employment_count:Q", title="Jobs", format=","),
                alt.Tooltip("location_quotient:Q", title="Location quotient", format=".2f"),
            ],
        )
    )
    top = mapped[mapped.openings_rank <= MAP_NAMED_AREAS].assign(
        label=lambda f: f.openings_rank.astype(str) + " " + f.area_name.str.split(r"[-,]", regex=True).str[0]
    )
    names = (
        alt.Chart(top)
        .mark_text(align="left", dx=9, fontSize=11)
        .encode(longitude="longitude_deg:Q", latitude="latitude_deg:Q", text="label:N")
    )
    return alt.layer(circles, names).project(type="albersUsa").properties(height=420)


def areas_map_caption() -> str:
    """What the map and the ranking beside it show, in words."""
    return (
        "Ranked by estimated openings a year: the number of jobs a completer could compete for; the "
        f"{count_words(MAP_NAMED_AREAS)} highest are numbered on the map. Circles sit at each metro area's Census centroid, sized "
        "by estimated openings and coloured by the sector's location quotient (red: more concentrated than "
        "nationally); nonmetropolitan areas have no centroid and appear only in the table. A metro area crossing "
        "a state line is counted with all its jobs."
    )
