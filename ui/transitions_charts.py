"""The Career transitions page's charts (Altair specifications), each with the caption that says in words
what it shows (its text alternative): similarity against local demand, a similarity's components,
and skill gaps. The frames come from ``lmi.transitions``; only the drawing is here."""

from __future__ import annotations

import altair as alt
import pandas as pd

from lmi.transitions.self_assessment import LEVEL_RANGE
from lmi.transitions.similarity_method import MAX_SCORE

NEEDED = "Level needed"
GAP_BARS = 12  # the largest gaps drawn; the table below lists them all


def similarity_demand_chart(points: pd.DataFrame) -> alt.LayerChart:
    """Ranked targets (``lmi.transitions.tables.chart_points``): similarity across, estimated openings up
    (log scale), jobs as size, pay against now as colour when known, numbered by rank."""
    plot = points.assign(label=points.transition_rank.astype(str))
    base = alt.Chart(plot).encode(
        x=alt.X("similarity_score:Q", title="Similarity to where you start (0-100)", scale=alt.Scale(zero=False)),
        y=alt.Y(
            "local_annual_openings_est_count:Q",
            title="Estimated openings a year here (log scale)",
            scale=alt.Scale(type="log"),
        ),
    )
    color = (
        alt.Color("pay_vs_now_pct:Q", title="Pay vs now (%)", scale=alt.Scale(scheme="blueorange", domainMid=100))
        if pay_known(points)
        else alt.value("#4c78a8")
    )
    circles = base.mark_circle(opacity=0.8, stroke="black", strokeWidth=0.5).encode(
        size=alt.Size("local_employment_count:Q", title="Jobs here", scale=alt.Scale(range=[40, 900])),
        color=color,
        tooltip=[
            alt.Tooltip("transition_rank:Q", title="Rank"),
            alt.Tooltip("target_title:N", title="Occupation"),
            alt.Tooltip("similarity_score:Q", title="Similarity", format=".0f"),
            alt.Tooltip("local_employment_count:Q", title="Jobs here", format=","),
            alt.Tooltip("local_annual_openings_est_count:Q", title="Openings a year (estimate)", format=",.2r"),
            alt.Tooltip("demand_basis:N", title="Whose numbers"),
            alt.Tooltip("same_figure_note:N", title="Demand counted once"),
            alt.Tooltip("pay_vs_now_pct:Q", title="Pay vs now (%)", format=".0f"),
        ],
    )
    labels = base.mark_text(dy=-10, fontSize=11).encode(text="label:N")
    return (circles + labels).properties(height=380)


def pay_known(points: pd.DataFrame) -> bool:
    return bool(points.pay_vs_now_pct.notna().any())


def similarity_demand_caption(points: pd.DataFrame) -> str:
    """What the similarity-vs-demand chart shows, in words."""
    return (
        "Each circle is a ranked occupation, numbered by rank: further right is closer to where you start, "
        "higher has more estimated openings here (log scale), larger has more jobs now"
        + (", colour shows pay compared with now. " if pay_known(points) else ". ")
        + "Occupations showing one BLS group's figure sit at the same height; the tooltip names the group."
    )


def component_chart(breakdown: pd.DataFrame) -> alt.Chart:
    """A pair's component scores (``lmi.transitions.neighbours.component_breakdown``); components the pair
    was not compared on are left out."""
    compared = breakdown.dropna(subset=["component_score"])
    shown = pd.DataFrame(
        {
            "Component": compared.component,
            "Group": compared.component_group,
            "Weight": compared.component_weight,
            "Score": compared.component_score,
        }
    )
    chart = (
        alt.Chart(shown)
        .mark_bar()
        .encode(
            x=alt.X("Score:Q", title=f"Component score (0-{MAX_SCORE:g})", scale=alt.Scale(domain=[0, MAX_SCORE])),
            y=alt.Y("Component:N", sort=None, title=None, axis=alt.Axis(labelLimit=260)),
            color=alt.Color("Group:N"),
            tooltip=["Component", "Group", "Weight", alt.Tooltip("Score:Q", format=".0f")],
        )
    )
    return chart.properties(height=34 * len(shown) + 40)


def gap_chart(gaps: pd.DataFrame, now: str) -> alt.Chart:
    """The largest gaps (``lmi.transitions.skill_gaps``): the level now (``now`` names it) beside the level
    needed, per element."""
    top = gaps.head(GAP_BARS)
    long = pd.concat(
        [
            pd.DataFrame({"Element": top.element_name, "Level": top.current_level, "Which": now}),
            pd.DataFrame({"Element": top.element_name, "Level": top.target_level, "Which": NEEDED}),
        ]
    )
    chart = (
        alt.Chart(long)
        .mark_bar(opacity=0.85)
        .encode(
            x=alt.X(
                "Level:Q",
                title=f"O*NET level ({LEVEL_RANGE[0]:g}-{LEVEL_RANGE[1]:g})",
                scale=alt.Scale(domain=list(LEVEL_RANGE)),
            ),
            y=alt.Y("Element:N", sort=top.element_name.tolist(), title=None, axis=alt.Axis(labelLimit=260)),
            yOffset="Which:N",
            color=alt.Color("Which:N", title=None, sort=[now, NEEDED]),
            tooltip=["Element", "Which", alt.Tooltip("Level:Q", format=".1f")],
        )
    )
    return chart.properties(height=44 * len(top) + 40)
