"""The Sector reality check's charts: a state's postings trend and national growth against local
concentration (the quadrant chart); the map of a sector across a state's areas is drawn by ``ui.area_maps``. Each
builder takes frames from ``lmi`` and returns a Plotly figure, with a ``*_summary`` beside it: the
sentence, computed from the same frame, that ``ui.figures.show_figure`` writes under the chart as its text
alternative; the quadrant's caption says in words how it is drawn. Guide lines, colours and marker shapes
follow the flag thresholds and flags of ``lmi.sectors.flags``; nothing is restated here."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from lmi.demand.postings_trend import index_base_words, short_date
from lmi.i18n import _, ngettext
from lmi.sectors.flags import (
    BALANCED,
    FLAG_LABELS,
    FLAG_ORDER,
    HIDDEN,
    NO_ESTIMATE,
    STRENGTH,
    THIN,
    THIN_NOT_GROWING,
    TOO_LITTLE_DATA,
    FlagThresholds,
)
from lmi.sectors.reality_check import SectorView
from ui.figures import (
    OKABE_ITO,
    Style,
    bubble_sizes,
    category_marker,
    chart_figure,
    hover_template,
    reference_line,
)

# Each flag's colour (Okabe-Ito) and marker shape, so a flag reads without colour too.
FLAG_STYLES = {
    THIN: Style("#D55E00", "triangle-up", "/"),
    STRENGTH: Style("#0072B2", "circle", ""),
    HIDDEN: Style("#CC79A7", "star", "x"),
    BALANCED: Style("#7F7F7F", "square", "."),
    THIN_NOT_GROWING: Style("#E69F00", "triangle-down", "\\"),
    NO_ESTIMATE: Style("#BBBBBB", "cross", "+"),
    TOO_LITTLE_DATA: Style("#BBBBBB", "x", "+"),
}
SERIES_DASHES = ("solid", "dash")
QUADRANT_PAD_DECADES = 0.05  # the least room beside the outermost point or guide, in log10 units
LQ_TICKS = (0.05, 0.1, 0.2, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 5, 10, 20, 50)  # location quotients marked on the log axis
QUADRANT_COLUMNS = [
    "label",
    "flag",
    "flag_label",
    "location_quotient",
    "national_growth_2024_34_pct",
    "local_employment_count",
    "local_annual_openings_est_count",
]


# ---------------------------------------------------------------- postings trend


def postings_chart(series: pd.DataFrame, state_name: str) -> go.Figure:
    """The state's and the nation's postings index (``lmi.demand.postings_trend.postings_series``), one line
    each, told apart by colour and dash; hovering a week shows both values."""
    traces = []
    names = [state_name, *[name for name in series.series.unique() if name != state_name]]
    for i, name in enumerate(names):
        rows = series[series.series == name].sort_values("posted_on")
        if rows.empty:
            continue
        traces.append(
            dict(
                type="scatter",
                name=name,
                x=rows.posted_on,
                y=rows.postings_index,
                mode="lines",
                line={
                    "color": OKABE_ITO[i % len(OKABE_ITO)],
                    "dash": SERIES_DASHES[i % len(SERIES_DASHES)],
                    "width": 2.5,
                },
                hovertemplate=f"{name}: %{{y:.1f}}<extra></extra>",
            )
        )
    return chart_figure(
        traces,
        _("Job postings on Indeed: {state} and the United States").format(state=state_name),
        None,
        _("Index, {base}").format(base=index_base_words()),
        height_px=380,
        layout={"hovermode": "x unified", "xaxis": {"tickformat": "%Y", "dtick": "M12", "hoverformat": "%Y-%m-%d"}},
    )


def postings_summary(series: pd.DataFrame, state_name: str) -> str:
    """ "On 27 Sep 2024, California's postings index stood at 96.2, against 104.5 for the United States." """
    latest = series[series.posted_on == series.posted_on.max()]
    state = latest[latest.series == state_name].postings_index
    nation = latest[latest.series != state_name].postings_index
    return _(
        "On {date}, {state}'s postings index stood at {state_index}, against {us_index} for the United States."
    ).format(
        date=short_date(pd.Timestamp(latest.posted_on.iloc[0]).date()),
        state=state_name,
        state_index=f"{state.iloc[0]:.1f}",
        us_index=f"{nation.iloc[0]:.1f}",
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


def quadrant_chart(points: pd.DataFrame, thresholds: FlagThresholds, named: bool) -> go.Figure:
    """Points by location quotient (log) and national growth, sized by local jobs, the flag told by colour
    and marker shape, with the thresholds as dashed guides; ``named`` writes each point's name beside it
    (few points only)."""
    sizes = pd.Series(bubble_sizes(points.local_employment_count, largest_px=44), index=points.index)
    shown = points.assign(flag_words=[_(FLAG_LABELS[flag]) for flag in points.flag])
    quotients = points.location_quotient
    middle = math.sqrt(quotients.min() * quotients.max())  # names point away from the nearer edge (log axis)
    fields = ["label", "flag_words", "local_employment_count", "local_annual_openings_est_count"]
    lines = [
        (_("Flag"), "%{customdata[1]}"),
        (_("Location quotient"), "%{x:.2f}"),
        (_("National growth 2024–34"), "%{y:.1f}%"),
        (_("Local jobs"), "%{customdata[2]:,.0f}"),
        (_("Est. openings a year"), "%{customdata[3]:,.0f}"),
    ]
    traces = []
    for flag in [f for f in FLAG_ORDER if f in set(points.flag)]:
        rows = shown[shown.flag == flag]
        style = FLAG_STYLES[flag]
        left_of_middle = rows.location_quotient < middle
        traces.append(
            dict(
                type="scatter",
                name=_(FLAG_LABELS[flag]),
                x=rows.location_quotient,
                y=rows.national_growth_2024_34_pct,
                mode="markers+text" if named else "markers",
                text=rows.label if named else None,
                textposition=["middle right" if left else "middle left" for left in left_of_middle],
                customdata=rows[fields],
                marker=category_marker(style, sizes[rows.index]),
                hovertemplate=hover_template("%{customdata[0]}", lines),
            )
        )
    ticks = [q for q in LQ_TICKS if quotients.min() / 1.5 <= q <= quotients.max() * 1.5]
    fig = chart_figure(
        traces,
        _("National growth against local concentration"),
        _("Local concentration (location quotient, log scale)"),
        _("Projected national growth 2024–34 (%)"),
        height_px=520,
        legend_title=_("Flag"),
        layout={
            "xaxis": {
                "type": "log",
                "tickvals": ticks,
                "ticktext": [f"{q:g}" for q in ticks],
                "range": _padded_log_range(quotients, thresholds),
            },
            "yaxis": {"ticksuffix": "%"},
        },
    )
    reference_line(fig, "x", thresholds.thin_lq_below, _("LQ {value}").format(value=f"{thresholds.thin_lq_below:g}"))
    reference_line(
        fig, "x", thresholds.strength_lq_min, _("LQ {value}").format(value=f"{thresholds.strength_lq_min:g}")
    )
    reference_line(fig, "y", thresholds.national_growth_min_pct, f"{thresholds.national_growth_min_pct:g}%")
    return fig


def _padded_log_range(quotients: pd.Series, thresholds: FlagThresholds) -> list[float]:
    """The x range (log10 units) holding every point and both location-quotient guides with room beside them:
    left to Plotly, the range ends at the guides and their labels ("LQ 0.75") are cut at the chart's edges."""
    low = math.log10(min(float(quotients.min()), thresholds.thin_lq_below))
    high = math.log10(max(float(quotients.max()), thresholds.strength_lq_min))
    pad = max(QUADRANT_PAD_DECADES, 0.08 * (high - low))
    return [low - pad, high + pad]


def quadrant_caption(thresholds: FlagThresholds) -> str:
    """How the quadrant chart is drawn, in words (the guides are the thresholds in force)."""
    return _(
        "Top left: growing nationally (at least {growth}%, horizontal line) but thin here (location quotient "
        "below {thin}, left dashed line). Right of {strength}: local strengths. Marker size: local jobs; colour "
        "and shape: flag. The same points, with their flags in words, are in the tables above and below. "
        "Occupations without a published local estimate cannot be plotted."
    ).format(
        growth=f"{thresholds.national_growth_min_pct:g}",
        thin=f"{thresholds.thin_lq_below:g}",
        strength=f"{thresholds.strength_lq_min:g}",
    )


def quadrant_summary(points: pd.DataFrame) -> str:
    """ "5 points are drawn (Local strength: 2; Balanced: 3); the most concentrated here is Energy (location
    quotient 1.84)." """
    counts = "; ".join(
        f"{_(FLAG_LABELS[flag])}: {int((points.flag == flag).sum())}" for flag in FLAG_ORDER if flag in set(points.flag)
    )
    top = points.loc[points.location_quotient.idxmax()]
    return ngettext(
        "{n} point is drawn ({counts}); the most concentrated here is {top} (location quotient {lq}).",
        "{n} points are drawn ({counts}); the most concentrated here is {top} (location quotient {lq}).",
        len(points),
    ).format(n=len(points), counts=counts, top=top.label, lq=f"{top.location_quotient:.2f}")
