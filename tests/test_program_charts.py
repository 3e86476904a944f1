"""The training-program charts (ui/program_charts.py) on the generated example records and the real
reference database: each figure's title, trace types, the placement reference lines (from
``lmi.programs.outcomes``, never restated), categories told by pattern or marker shape as well as colour,
formatted hover labels, and the summary sentence computed from the data in English and Spanish."""

from __future__ import annotations

import datetime as dt

import pytest

from lmi.demand import DemandModel
from lmi.demand.codes import CodeResolver
from lmi.i18n import use_language
from lmi.programs import local_fit, outcomes, tables
from lmi.programs.outcomes import REFERENCE_PLACEMENT_RATES
from lmi.records import queries
from lmi.records.db import open_records
from lmi.records.example import load_example_records
from ui import program_charts

THRESHOLD = 10
REFERENCE_RATES = [rate for rate, _words in REFERENCE_PLACEMENT_RATES]


@pytest.fixture(scope="module")
def programs(ref_con, reference_db, tmp_path_factory):
    """Every example program's published figures with its local fit, as the program pages show them."""
    path = tmp_path_factory.mktemp("chart-records") / "records.duckdb"
    assert all(r.outcome == "imported" for r in load_example_records(path, reference_db, today=dt.date(2026, 11, 25)))
    records = open_records(path)
    try:
        reports = outcomes.program_reports(records, THRESHOLD)
        summaries = outcomes.program_summaries(records, THRESHOLD, reports)
        fit = local_fit.programs_local_fit(
            ref_con, DemandModel(ref_con), CodeResolver(ref_con), queries.programs(records)
        )
    finally:
        records.close()
    return tables.with_local_fit(summaries, fit.summary), reports


def shapes_at(fig, axis: str) -> list[float]:
    return sorted(getattr(shape, f"{axis}0") for shape in fig.layout.shapes)


def test_placement_bars_draw_every_published_rate_against_the_reference_lines(programs):
    chosen, _reports = programs
    points = tables.placement_points(chosen)
    fig = program_charts.placement_bars(points)
    assert fig.layout.title.text == "Placement rate by program"
    assert {trace.type for trace in fig.data} == {"bar"}
    drawn = {name: rate for trace in fig.data for name, rate in zip(trace.y, trace.x)}
    assert drawn == dict(zip(points.program_name, points.placement_rate))
    assert shapes_at(fig, "x") == REFERENCE_RATES
    assert [shape.label.text for shape in fig.layout.shapes] == ["37%", "89.3%"]
    assert all(shape.line.dash == "dash" and shape.showlegend for shape in fig.layout.shapes)
    assert "%{x:.1%}" in fig.data[0].hovertemplate
    # generated example data is hatched, so it reads without colour
    generated = next(trace for trace in fig.data if trace.name == "generated example data")
    assert generated.marker.pattern.shape
    assert list(fig.layout.yaxis.categoryarray)[-1] == points.loc[points.placement_rate.idxmax(), "program_name"]


def test_placement_summary_names_the_best_program_in_both_languages(programs):
    points = tables.placement_points(programs[0])
    best = points.loc[points.placement_rate.idxmax()]
    above = int((points.placement_rate >= min(REFERENCE_RATES)).sum())
    rate = f"{100 * best.placement_rate:.0f}%"
    assert program_charts.placement_summary(points) == (
        f"{best.program_name} places {rate} of exiters, the highest of {len(points)} programs; {above} of them are at "
        "or above the 37% reference."
    )
    with use_language("es"):
        assert program_charts.placement_summary(points) == (
            f"{best.program_name} coloca al {rate} de los egresados, la tasa más alta de {len(points)} programas; "
            f"{above} de ellos están en la referencia de 37% o por encima."
        )
        assert program_charts.placement_bars(points).layout.title.text == "Tasa de colocación por programa"


def test_placement_summary_of_one_program(programs):
    points = tables.placement_points(programs[0]).head(1)
    assert program_charts.placement_summary(points).endswith("it is the only program with a published rate.")


def test_cohort_trend_draws_one_line_per_measure_with_marker_shapes(programs):
    chosen, reports = programs
    rates = next(r for r in (tables.cohort_rates(reports[p]) for p in chosen.program_id) if r.cohort.nunique() >= 2)
    fig = program_charts.cohort_trend(rates)
    assert fig.layout.title.text == "Published rates by exit cohort"
    assert {trace.type for trace in fig.data} == {"scatter"} and len(fig.data) == rates.measure.nunique()
    assert len({trace.marker.symbol for trace in fig.data}) == len(fig.data)
    assert len({trace.line.dash for trace in fig.data}) == len(fig.data)
    assert shapes_at(fig, "y") == REFERENCE_RATES
    assert fig.layout.yaxis.tickformat == ".0%"
    placement = rates[rates.measure == outcomes.INDICATOR_LABELS["placement_rate"]].sort_values("cohort")
    first, last = placement.iloc[0], placement.iloc[-1]
    assert program_charts.cohort_summary(rates) == (
        f"Placement rate (of exiters) went from {100 * first.rate:.0f}% in {first.cohort} to "
        f"{100 * last.rate:.0f}% in {last.cohort}."
    )
    with use_language("es"):
        assert program_charts.cohort_summary(rates).endswith(
            f"pasó de {100 * first.rate:.0f}% en {first.cohort} a {100 * last.rate:.0f}% en {last.cohort}."
        )


def test_cost_scatter_tells_funding_streams_by_shape_and_formats_dollars(programs):
    points = tables.cost_placement_points(programs[0])
    fig = program_charts.cost_placement_scatter(points)
    assert fig.layout.title.text == "Cost per placement against placement rate"
    assert {trace.type for trace in fig.data} == {"scatter"}
    assert sorted(trace.name for trace in fig.data) == sorted(points.funding.unique())
    assert len({trace.marker.symbol for trace in fig.data}) == len(fig.data)
    assert shapes_at(fig, "x") == REFERENCE_RATES
    assert fig.layout.yaxis.tickprefix == "$" and "$%{y:,.0f}" in fig.data[0].hovertemplate
    assert fig.layout.legend.title.text == "Funding stream"
    cheapest = points.loc[points.cost_per_placement_usd.idxmin()]
    cost = f"${cheapest.cost_per_placement_usd:,.0f}"
    assert program_charts.cost_placement_summary(points) == (
        f"{cheapest.program} costs the least per placement, {cost}, and places "
        f"{100 * cheapest.placement_rate:.0f}% of exiters; {len(points)} programs are drawn."
    )
    with use_language("es"):
        assert program_charts.cost_placement_summary(points) == (
            f"{cheapest.program} tiene el menor costo por colocación, {cost}, y coloca al "
            f"{100 * cheapest.placement_rate:.0f}% de los egresados; se muestran {len(points)} programas."
        )
