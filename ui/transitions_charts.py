"""The Career transitions page's charts (Plotly figures): similarity against local demand, a similarity's
components, and skill gaps. Each builder has a ``*_summary`` beside it, the sentence computed from the same
frame that ``ui.figures.show_figure`` writes under the chart as its text alternative; the similarity chart
also has a caption that says how it is drawn. The frames come from ``lmi.transitions``; only the drawing
is here."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lmi.i18n import N_, _, ngettext
from lmi.transitions.self_assessment import LEVEL_RANGE
from lmi.transitions.similarity_method import MAX_SCORE
from ui.figures import (
    DIVERGING_SCALE,
    MARKER_OUTLINE,
    OKABE_ITO,
    bubble_sizes,
    category_styles,
    chart_figure,
    hover_template,
    log_ticks,
)

NEEDED = N_("Level needed")
GAP_BARS = 12  # the largest gaps drawn; the table below lists them all
PAY_MIDPOINT_PCT = 100  # pay as now: the middle of the pay colour scale
BAR_HEIGHT_PX = 34


# ---------------------------------------------------------------- similarity against local demand


def pay_known(points: pd.DataFrame) -> bool:
    return bool(points.pay_vs_now_pct.notna().any())


def similarity_demand_chart(points: pd.DataFrame) -> go.Figure:
    """Ranked targets (``lmi.transitions.tables.chart_points``): similarity across, estimated openings up
    (log scale), jobs as size, pay against now as colour when known (grey diamonds where it is not), each
    numbered by rank."""
    sizes = pd.Series(bubble_sizes(points.local_employment_count, smallest_px=8, largest_px=40), index=points.index)
    fields = ["target_title", "transition_rank", "local_employment_count", "demand_basis", "same_figure_note"]
    lines = [
        (_("Rank"), "%{customdata[1]}"),
        (_("Similarity"), "%{x:.0f}"),
        (_("Jobs here"), "%{customdata[2]:,.0f}"),
        (_("Openings a year (estimate)"), "%{y:,.2r}"),
        (_("Whose numbers"), "%{customdata[3]}"),
        (_("Demand counted once"), "%{customdata[4]}"),
    ]
    traces = []
    known = points[points.pay_vs_now_pct.notna()]
    unknown = points[points.pay_vs_now_pct.isna()]
    if len(known):
        traces.append(
            dict(
                type="scatter",
                name=_("Pay known"),
                x=known.similarity_score,
                y=known.local_annual_openings_est_count,
                mode="markers+text",
                text=known.transition_rank.astype(str),
                textposition="top center",
                customdata=known[fields],
                marker={
                    "size": sizes[known.index],
                    "color": known.pay_vs_now_pct,
                    "colorscale": [list(stop) for stop in DIVERGING_SCALE],
                    "cmid": PAY_MIDPOINT_PCT,
                    "colorbar": {"title": {"text": _("Pay vs now")}, "ticksuffix": "%"},
                    "opacity": 0.85,
                    "line": MARKER_OUTLINE,
                },
                hovertemplate=hover_template("%{customdata[0]}", [*lines, (_("Pay vs now"), "%{marker.color:.0f}%")]),
                showlegend=False,
            )
        )
    if len(unknown):
        traces.append(
            dict(
                type="scatter",
                name=_("Pay not published"),
                x=unknown.similarity_score,
                y=unknown.local_annual_openings_est_count,
                mode="markers+text",
                text=unknown.transition_rank.astype(str),
                textposition="top center",
                customdata=unknown[fields],
                marker={
                    "size": sizes[unknown.index],
                    "color": "#BBBBBB" if len(known) else OKABE_ITO[0],
                    "symbol": "diamond" if len(known) else "circle",
                    "opacity": 0.85,
                    "line": MARKER_OUTLINE,
                },
                hovertemplate=hover_template("%{customdata[0]}", lines),
                showlegend=bool(len(known)),
            )
        )
    openings = points.local_annual_openings_est_count
    ticks = log_ticks(float(openings.min()), float(openings.max()))
    return chart_figure(
        traces,
        _("Similarity against local demand"),
        _("Similarity to where you start (0-100)"),
        _("Estimated openings a year here (log scale)"),
        height_px=480,
        layout={"yaxis": {"type": "log", "tickvals": ticks, "ticktext": [f"{tick:,g}" for tick in ticks]}},
    )


def similarity_demand_caption(points: pd.DataFrame) -> str:
    """How the similarity-vs-demand chart is drawn, in words."""
    if pay_known(points):
        return _(
            "Each circle is a ranked occupation, numbered by rank: further right is closer to where you start, "
            "higher has more estimated openings here (log scale), larger has more jobs now, and colour shows pay "
            "compared with now (blue: more, vermillion: less; grey diamonds: pay not published). Occupations "
            "showing one BLS group's figure sit at the same height; the tooltip names the group."
        )
    return _(
        "Each circle is a ranked occupation, numbered by rank: further right is closer to where you start, "
        "higher has more estimated openings here (log scale), larger has more jobs now. Occupations showing one "
        "BLS group's figure sit at the same height; the tooltip names the group."
    )


def similarity_demand_summary(points: pd.DataFrame) -> str:
    """ "8 ranked occupations are drawn; Physician Assistants is the most similar (62) and Nurse Practitioners
    has the most estimated openings here, about 126 a year." """
    closest = points.loc[points.similarity_score.idxmax()]
    busiest = points.loc[points.local_annual_openings_est_count.idxmax()]
    return ngettext(
        "{n} ranked occupation is drawn; {closest} is the most similar ({score}) and {busiest} has the most "
        "estimated openings here, about {openings} a year.",
        "{n} ranked occupations are drawn; {closest} is the most similar ({score}) and {busiest} has the most "
        "estimated openings here, about {openings} a year.",
        len(points),
    ).format(
        n=len(points),
        closest=closest.target_title,
        score=f"{closest.similarity_score:.0f}",
        busiest=busiest.target_title,
        openings=f"{busiest.local_annual_openings_est_count:,.0f}",
    )


# ---------------------------------------------------------------- a similarity's components


def compared_components(breakdown: pd.DataFrame) -> pd.DataFrame:
    """The components the pair was compared on (the others have no score)."""
    return breakdown.dropna(subset=["component_score"])


def component_chart(breakdown: pd.DataFrame) -> go.Figure:
    """A pair's component scores (``lmi.transitions.neighbours.component_breakdown``), one bar each in the
    given order, the component's group told by colour and pattern; components the pair was not compared on
    are left out."""
    compared = compared_components(breakdown)
    styles = category_styles(breakdown.component_group)
    traces = []
    for group, rows in compared.groupby("component_group", sort=False):
        style = styles[group]
        traces.append(
            dict(
                type="bar",
                name=group,
                orientation="h",
                x=rows.component_score,
                y=rows.component,
                customdata=rows[["component_group", "component_weight"]],
                text=[f"{score:.0f}" for score in rows.component_score],
                textposition="outside",
                cliponaxis=False,
                marker={"color": style.color, "pattern": {"shape": style.pattern}, "line": MARKER_OUTLINE},
                hovertemplate=hover_template(
                    "%{y}",
                    [(_("Group"), "%{customdata[0]}"), (_("Weight"), "%{customdata[1]:g}"), (_("Score"), "%{x:.0f}")],
                ),
            )
        )
    return chart_figure(
        traces,
        _("Similarity by component"),
        _("Component score (0-{max})").format(max=f"{MAX_SCORE:g}"),
        None,
        height_px=220 + BAR_HEIGHT_PX * len(compared),
        legend_title=_("Group"),
        layout={
            "xaxis": {"range": [0, MAX_SCORE * 1.06]},
            "yaxis": {"categoryorder": "array", "categoryarray": compared.component.tolist(), "autorange": "reversed"},
        },
    )


def component_summary(breakdown: pd.DataFrame) -> str:
    """ "Interests is the most alike component, scoring 65 of 100; 7 of 7 components were compared." """
    compared = compared_components(breakdown)
    top = compared.loc[compared.component_score.idxmax()]
    return ngettext(
        "{component} is the most alike component, scoring {score} of {max}; {n} of {total} component was compared.",
        "{component} is the most alike component, scoring {score} of {max}; {n} of {total} components were compared.",
        len(compared),
    ).format(
        component=top.component,
        score=f"{top.component_score:.0f}",
        max=f"{MAX_SCORE:g}",
        n=len(compared),
        total=len(breakdown),
    )


# ---------------------------------------------------------------- skill gaps


def gap_chart(gaps: pd.DataFrame, now: str) -> go.Figure:
    """The largest gaps (``lmi.transitions.skill_gaps``), first on top: the level now (``now`` names it)
    beside the level needed, per element, told apart by colour and pattern."""
    top = gaps.head(GAP_BARS)
    needed = _(NEEDED)
    styles = category_styles([now, needed])
    traces = []
    for which, levels in ((now, top.current_level), (needed, top.target_level)):
        style = styles[which]
        traces.append(
            dict(
                type="bar",
                name=which,
                orientation="h",
                x=levels,
                y=top.element_name,
                marker={"color": style.color, "pattern": {"shape": style.pattern}, "line": MARKER_OUTLINE},
                hovertemplate=hover_template("%{y}", [(which, "%{x:.1f}")]),
            )
        )
    low, high = LEVEL_RANGE
    return chart_figure(
        traces,
        _("Largest skill and knowledge gaps"),
        _("O*NET level ({low}-{high})").format(low=f"{low:g}", high=f"{high:g}"),
        None,
        height_px=200 + 2 * 22 * len(top),
        layout={
            "barmode": "group",
            "xaxis": {"range": [low, high]},
            "yaxis": {"categoryorder": "array", "categoryarray": top.element_name.tolist(), "autorange": "reversed"},
        },
    )


def gap_summary(gaps: pd.DataFrame) -> str:
    """ "Biology comes first: level 2.6 against 5.7 needed on O*NET's 0-7 scale; 12 gaps are drawn." """
    first = gaps.iloc[0]
    drawn = min(len(gaps), GAP_BARS)
    low, high = LEVEL_RANGE
    return ngettext(
        "{element} comes first: level {current} against {needed} needed on O*NET's {low}-{high} scale; {n} gap "
        "is drawn.",
        "{element} comes first: level {current} against {needed} needed on O*NET's {low}-{high} scale; {n} gaps "
        "are drawn.",
        drawn,
    ).format(
        element=first.element_name,
        current=f"{first.current_level:.1f}",
        needed=f"{first.target_level:.1f}",
        low=f"{low:g}",
        high=f"{high:g}",
        n=drawn,
    )
