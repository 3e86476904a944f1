"""Charts of the training-program pages (Plotly figures), each against the placement reference lines of
``lmi.programs.outcomes`` (drawn from its constants, never restated): placement rate by program, cohort
trends, and cost per placement against placement rate. Each builder has a ``*_summary`` beside it: the
sentence, computed from the same frame, that ``ui.figures.show_figure`` writes under the chart as its text
alternative. Data frames come from ``lmi.programs.tables``."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lmi.i18n import _, ngettext
from lmi.programs.labels import data_label, funding_label
from lmi.programs.outcomes import INDICATOR_LABELS, REFERENCE_PLACEMENT_RATES, percent_words
from lmi.records import vocab
from ui.figures import (
    MARKER_OUTLINE,
    bubble_sizes,
    category_marker,
    category_styles,
    chart_figure,
    hover_template,
    percent,
    plotly_text,
    reference_line,
    usd,
)

RATE_RANGE = (0.0, 1.0)
BAR_HEIGHT_PX = 30


def add_reference_lines(fig: go.Figure, axis: str) -> None:
    """The placement reference rates as dashed lines across the rate axis (``axis`` "x" or "y"), each with
    its rate at the line and its words in the legend."""
    for rate, words in REFERENCE_PLACEMENT_RATES:
        reference_line(fig, axis, rate, percent_words(rate), legend_name=_(words))


def rate_axis(upper: float = RATE_RANGE[1]) -> dict:
    """A 0-100% axis: rates are shares, drawn on the whole scale so programs compare at a glance."""
    return {"range": [RATE_RANGE[0], upper], "tickformat": ".0%"}


# ---------------------------------------------------------------- placement rate by program


def placement_bars(points: pd.DataFrame) -> go.Figure:
    """One bar per program (``tables.placement_points``), highest on top, its rate written beside it; bars of
    generated example data are hatched as well as coloured; with the labelled reference lines."""
    ordered = points.sort_values("placement_rate", ascending=True)
    styles = category_styles([data_label(False), data_label(True), *ordered.data])
    traces = []
    for kind, rows in ordered.groupby("data", sort=False):
        style = styles[kind]
        traces.append(
            dict(
                type="bar",
                name=kind,
                orientation="h",
                x=rows.placement_rate,
                y=rows.program_name.map(plotly_text),
                customdata=rows[["data"]],
                marker={"color": style.color, "pattern": {"shape": style.pattern}, "line": MARKER_OUTLINE},
                text=[percent(r, 1) for r in rows.placement_rate],
                textposition="outside",
                cliponaxis=False,
                hovertemplate=hover_template(
                    "%{y}", [(_("Placement rate"), "%{x:.1%}"), (_("Data"), "%{customdata[0]}")]
                ),
            )
        )
    fig = chart_figure(
        traces,
        _("Placement rate by program"),
        _("Placement rate (of exiters)"),
        None,
        height_px=220 + BAR_HEIGHT_PX * len(ordered),
        legend_title=_("Data"),
        layout={
            "xaxis": rate_axis(upper=1.08),  # room for the rate written beside a full bar
            "yaxis": {"categoryorder": "array", "categoryarray": ordered.program_name.map(plotly_text).tolist()},
        },
    )
    add_reference_lines(fig, "x")
    return fig


def placement_summary(points: pd.DataFrame) -> str:
    """ "Welding Technology places 82% of exiters, the highest of 12 programs; 9 of them are at or above
    the 37% reference." """
    best = points.loc[points.placement_rate.idxmax()]
    if len(points) == 1:
        return _("{program} places {rate} of its exiters; it is the only program with a published rate.").format(
            program=best.program_name, rate=percent(best.placement_rate)
        )
    lowest_reference = min(rate for rate, _words in REFERENCE_PLACEMENT_RATES)
    above = int((points.placement_rate >= lowest_reference).sum())
    return ngettext(
        "{program} places {rate} of exiters, the highest of {n} programs; {above} of them is at or above the "
        "{reference} reference.",
        "{program} places {rate} of exiters, the highest of {n} programs; {above} of them are at or above the "
        "{reference} reference.",
        above,
    ).format(
        program=best.program_name,
        rate=percent(best.placement_rate),
        n=len(points),
        above=above,
        reference=percent_words(lowest_reference),
    )


# ---------------------------------------------------------------- one program's cohorts


def cohort_trend(rates: pd.DataFrame) -> go.Figure:
    """Published rates by exit cohort (``tables.cohort_rates``), one line per measure told by colour, marker
    shape and dash, with the reference lines."""
    cohorts = sorted(rates.cohort.unique())
    styles = category_styles(rates.measure)
    dashes = ("solid", "dash", "dot", "dashdot")
    traces = []
    for i, (measure, rows) in enumerate(rates.groupby("measure", sort=False)):
        style = styles[measure]
        rows = rows.sort_values("cohort")
        traces.append(
            dict(
                type="scatter",
                name=measure,
                x=rows.cohort,
                y=rows.rate,
                mode="lines+markers",
                line={"color": style.color, "dash": dashes[i % len(dashes)], "width": 2.5},
                marker={"symbol": style.symbol, "size": 10, "color": style.color, "line": MARKER_OUTLINE},
                hovertemplate=hover_template(measure, [(_("Exit cohort"), "%{x}"), (_("Rate"), "%{y:.1%}")]),
            )
        )
    fig = chart_figure(
        traces,
        _("Published rates by exit cohort"),
        _("Exit cohort (WIOA program year)"),
        _("Rate"),
        layout={
            "xaxis": {"type": "category", "categoryorder": "array", "categoryarray": cohorts},
            "yaxis": rate_axis(upper=1.02),
        },
    )
    add_reference_lines(fig, "y")
    return fig


def cohort_summary(rates: pd.DataFrame) -> str:
    """ "Placement rate went from 64% in PY2021 to 71% in PY2023." The placement rate is summed up when it
    is published for some cohort, otherwise the first measure drawn."""
    placement = {INDICATOR_LABELS["placement_rate"], _(INDICATOR_LABELS["placement_rate"])}
    chosen = rates[rates.measure.isin(placement)]
    if chosen.empty:
        chosen = rates[rates.measure == rates.measure.iloc[0]]
    chosen = chosen.sort_values("cohort")
    first, last = chosen.iloc[0], chosen.iloc[-1]
    if len(chosen) == 1:
        return _("{measure} was {rate} in {cohort}, the only cohort with this rate published.").format(
            measure=first.measure, rate=percent(first.rate), cohort=first.cohort
        )
    return _("{measure} went from {first_rate} in {first_cohort} to {last_rate} in {last_cohort}.").format(
        measure=first.measure,
        first_rate=percent(first.rate),
        first_cohort=first.cohort,
        last_rate=percent(last.rate),
        last_cohort=last.cohort,
    )


# ---------------------------------------------------------------- cost per placement against placement rate


def cost_placement_scatter(points: pd.DataFrame) -> go.Figure:
    """Cost per placement against placement rate (``tables.cost_placement_points``), sized by local jobs in
    the target occupations, funding stream told by colour and marker shape, with the reference lines."""
    streams = [funding_label(code) for code in vocab.FUNDING_STREAMS]
    styles = category_styles([*streams, *points.funding])
    sizes = pd.Series(bubble_sizes(points.local_jobs, largest_px=46), index=points.index)
    fields = ["program", "funding", "local_jobs_text", "local_fit", "data"]
    lines = [
        (_("Funding stream"), "%{customdata[1]}"),
        (_("Placement rate"), "%{x:.1%}"),
        (_("Cost per placement"), "$%{y:,.0f}"),
        (_("Local jobs in target occupations"), "%{customdata[2]}"),
        (_("Local fit"), "%{customdata[3]}"),
        (_("Data"), "%{customdata[4]}"),
    ]
    traces = []
    for stream in [s for s in styles if s in set(points.funding)]:
        rows = points[points.funding == stream]
        style = styles[stream]
        traces.append(
            dict(
                type="scatter",
                name=stream,
                x=rows.placement_rate,
                y=rows.cost_per_placement_usd,
                mode="markers",
                customdata=rows[fields].assign(program=rows.program.map(plotly_text)),
                marker=category_marker(style, sizes[rows.index]),
                hovertemplate=hover_template("%{customdata[0]}", lines),
            )
        )
    fig = chart_figure(
        traces,
        _("Cost per placement against placement rate"),
        _("Placement rate (of exiters)"),
        _("Cost per placement (USD)"),
        height_px=480,
        legend_title=_("Funding stream"),
        layout={
            "xaxis": rate_axis(upper=1.02),
            "yaxis": {"tickprefix": "$", "tickformat": ",.0f", "rangemode": "tozero"},
        },
    )
    add_reference_lines(fig, "x")
    return fig


def cost_placement_caption() -> str:
    """How the cost scatter is drawn, in words."""
    return _(
        "Bottom right is best: many placements for little money. Marker size: local jobs in the target occupations "
        "(programs whose jobs BLS did not release are drawn smallest; the table above says which); colour and "
        "shape: funding stream."
    )


def cost_placement_summary(points: pd.DataFrame) -> str:
    """ "Welding Technology costs the least per placement, $4,200, and places 82% of exiters; 12 programs
    are drawn." """
    cheapest = points.loc[points.cost_per_placement_usd.idxmin()]
    return ngettext(
        "{program} costs the least per placement, {cost}, and places {rate} of exiters; {n} program is drawn.",
        "{program} costs the least per placement, {cost}, and places {rate} of exiters; {n} programs are drawn.",
        len(points),
    ).format(
        program=cheapest.program,
        cost=usd(cheapest.cost_per_placement_usd),
        rate=percent(cheapest.placement_rate),
        n=len(points),
    )
