"""The Sector reality check's charts (ui/sector_charts.py) on the real reference database: California's
postings trend against the nation's, and national growth against local concentration in Bakersfield, with
the flag thresholds as dashed guides and each flag told by marker shape as well as colour; titles, trace
types, formatted hover labels, and the summary sentence computed from the data in English and Spanish."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from lmi.demand import DemandModel
from lmi.demand.postings_trend import postings_series
from lmi.i18n import use_language
from lmi.sectors.definitions import load_definitions
from lmi.sectors.flags import FLAG_LABELS
from lmi.sectors.reality_check import default_thresholds_for, reality_check_for_area
from ui import sector_charts

BAKERSFIELD, CALIFORNIA_FIPS = "0012540", "06"


@pytest.fixture(scope="module")
def view(ref_con):
    model = DemandModel(ref_con)
    definitions = load_definitions(ref_con)
    thresholds = default_thresholds_for(model, BAKERSFIELD)
    keys = tuple(definitions.sectors.sector_key)
    return reality_check_for_area(ref_con, model, BAKERSFIELD, "Bakersfield-Delano, CA", keys, thresholds, definitions)


def test_postings_chart_draws_the_state_and_the_nation_told_apart_by_dash(ref_con):
    series = postings_series(ref_con, CALIFORNIA_FIPS)
    fig = sector_charts.postings_chart(series, "California")
    assert fig.layout.title.text == "Job postings on Indeed: California and the United States"
    assert [trace.type for trace in fig.data] == ["scatter", "scatter"]
    assert fig.data[0].name == "California" and fig.data[0].line.dash != fig.data[1].line.dash
    assert fig.layout.yaxis.title.text == "Index, 1 Feb 2020 = 100"
    assert fig.layout.hovermode == "x unified" and fig.data[0].hovertemplate.endswith("%{y:.1f}<extra></extra>")
    latest = series[series.posted_on == series.posted_on.max()].set_index("series").postings_index
    state, nation = latest["California"], latest.drop("California").iloc[0]
    day = pd.Timestamp(series.posted_on.max())
    assert sector_charts.postings_summary(series, "California") == (
        f"On {day.day} {day:%b %Y}, California's postings index stood at {state:.1f}, against {nation:.1f} for the "
        "United States."
    )
    with use_language("es"):
        assert sector_charts.postings_summary(series, "California").endswith(
            f"el índice de ofertas de empleo publicadas de California estaba en {state:.1f}, frente a {nation:.1f} "
            "en Estados Unidos."
        )


def test_quadrant_chart_draws_the_thresholds_and_tells_flags_by_shape(view):
    points = sector_charts.quadrant_points(view, occupations=False)
    fig = sector_charts.quadrant_chart(points, view.thresholds, named=True)
    assert fig.layout.title.text == "National growth against local concentration"
    assert {trace.type for trace in fig.data} == {"scatter"} and fig.layout.xaxis.type == "log"
    assert sorted(trace.name for trace in fig.data) == sorted(FLAG_LABELS[f] for f in points.flag.unique())
    assert len({trace.marker.symbol for trace in fig.data}) == len(fig.data)
    vertical = sorted(shape.x0 for shape in fig.layout.shapes if shape.yref == "paper")
    horizontal = [shape.y0 for shape in fig.layout.shapes if shape.xref == "paper"]
    assert vertical == [view.thresholds.thin_lq_below, view.thresholds.strength_lq_min]
    assert horizontal == [view.thresholds.national_growth_min_pct]
    # room beside the outermost guides and points, so the guides' labels ("LQ 0.75") are not cut at the edges
    low, high = fig.layout.xaxis.range
    outermost = (min(points.location_quotient.min(), vertical[0]), max(points.location_quotient.max(), vertical[1]))
    assert low <= math.log10(outermost[0]) - 0.05 and high >= math.log10(outermost[1]) + 0.05
    assert sorted(label for trace in fig.data for label in trace.text) == sorted(points.label)  # named
    assert "%{x:.2f}" in fig.data[0].hovertemplate and "%{customdata[2]:,.0f}" in fig.data[0].hovertemplate


def test_quadrant_summary_counts_the_flags_in_both_languages(view):
    points = sector_charts.quadrant_points(view, occupations=True)
    fig = sector_charts.quadrant_chart(points, view.thresholds, named=False)
    assert all(trace.text is None for trace in fig.data)  # many occupations: names only on hover
    top = points.loc[points.location_quotient.idxmax()]
    summary = sector_charts.quadrant_summary(points)
    assert summary.startswith(f"{len(points)} points are drawn (")
    assert summary.endswith(
        f"the most concentrated here is {top.label} (location quotient {top.location_quotient:.2f})."
    )
    for flag, count in points.flag.value_counts().items():
        assert f"{FLAG_LABELS[flag]}: {count}" in summary
    with use_language("es"):
        assert sector_charts.quadrant_summary(points).startswith(f"Se muestran {len(points)} puntos (")
        assert sector_charts.quadrant_chart(points, view.thresholds, named=False).layout.title.text == (
            "Crecimiento nacional frente a concentración local"
        )
