"""Charts of the training-program pages, each against the placement reference lines of
``lmi.programs.outcomes`` (drawn from its constants, never restated): placement rate by program, cohort
trends, and cost per placement against placement rate. Data frames come from ``lmi.programs.tables``."""

from __future__ import annotations

import altair as alt
import pandas as pd

from lmi.programs.outcomes import REFERENCE_PLACEMENT_RATES

RATE_AXIS = alt.Axis(format="%")
RATE_SCALE = alt.Scale(domain=[0, 1])
PLACEMENT_TITLE = "Placement rate (of exiters)"


def _reference_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "rate": [rate for rate, _ in REFERENCE_PLACEMENT_RATES],
            "label": [label for _, label in REFERENCE_PLACEMENT_RATES],
        }
    )


def reference_rules(channel: str = "x", color: str = "gray") -> alt.Chart:
    """The placement reference rates as dashed rules across a rate axis on ``channel`` ("x" or "y")."""
    return alt.Chart(_reference_frame()).mark_rule(strokeDash=[6, 4], color=color).encode(**{channel: "rate:Q"})


def reference_labels() -> alt.Chart:
    """The reference rates' words beside their rules on an x rate axis."""
    return (
        alt.Chart(_reference_frame())
        .mark_text(align="left", dx=4, dy=-6, color="black")
        .encode(x="rate:Q", text="label:N", y=alt.value(0))
    )


def placement_bars(points: pd.DataFrame) -> alt.LayerChart:
    """One bar per program (``tables.placement_points``), coloured by whether it is generated example data,
    with the labelled reference lines."""
    bars = (
        alt.Chart(points)
        .mark_bar()
        .encode(
            x=alt.X("placement_rate:Q", title=PLACEMENT_TITLE, axis=RATE_AXIS, scale=RATE_SCALE),
            y=alt.Y("program_name:N", title=None, sort="-x", axis=alt.Axis(labelLimit=320)),
            color=alt.Color("data:N", title="Data"),
            tooltip=[
                alt.Tooltip("program_name:N", title="Program"),
                alt.Tooltip("placement_rate:Q", title="Placement rate", format=".1%"),
                alt.Tooltip("data:N", title="Data"),
            ],
        )
    )
    return bars + reference_rules("x", color="black") + reference_labels()


def cohort_trend(rates: pd.DataFrame) -> alt.LayerChart:
    """Published rates by exit cohort (``tables.cohort_rates``), one line per measure, with the reference
    lines."""
    lines = (
        alt.Chart(rates)
        .mark_line(point=True)
        .encode(
            x=alt.X("cohort:O", title="Exit cohort"),
            y=alt.Y("rate:Q", title="Rate", axis=RATE_AXIS, scale=RATE_SCALE),
            color=alt.Color("measure:N", title=None),
            tooltip=["cohort", "measure", alt.Tooltip("rate:Q", format=".1%")],
        )
    )
    return lines + reference_rules("y")


def cost_placement_scatter(points: pd.DataFrame) -> alt.LayerChart:
    """Cost per placement against placement rate (``tables.cost_placement_points``), sized by local jobs in
    the target occupations and coloured by funding stream, with the reference lines."""
    scatter = (
        alt.Chart(points)
        .mark_circle(opacity=0.8, stroke="black", strokeWidth=0.5)
        .encode(
            x=alt.X("placement_rate:Q", title=PLACEMENT_TITLE, axis=RATE_AXIS, scale=RATE_SCALE),
            y=alt.Y("cost_per_placement_usd:Q", title="Cost per placement (USD)", axis=alt.Axis(format="$,.0f")),
            size=alt.Size("local_jobs:Q", title="Local jobs in target occupations", scale=alt.Scale(range=[60, 1200])),
            color=alt.Color("funding:N", title="Funding stream"),
            tooltip=[
                "program",
                "funding",
                alt.Tooltip("placement_rate:Q", format=".1%"),
                alt.Tooltip("cost_per_placement_usd:Q", format="$,.0f"),
                alt.Tooltip("local_jobs_text:N", title="Local jobs in target occupations"),
                alt.Tooltip("local_fit:N", title="Local fit"),
                "data",
            ],
        )
    )
    return scatter + reference_rules("x")
