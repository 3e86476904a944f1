"""The Career transitions charts (ui/transitions_charts.py) for registered nurses in Hartford, on the real
reference database: each figure's title, trace types, rank labels, categories told by pattern as well as
colour, formatted hover labels, and the summary sentence computed from the data in English and Spanish."""

from __future__ import annotations

import pytest

from lmi.demand import DemandModel
from lmi.i18n import use_language
from lmi.transitions import neighbours, skill_gaps, tables
from lmi.transitions.ranking import Thresholds, TransitionEngine
from ui import transitions_charts as charts

HARTFORD, NURSES = "0025540", "29-1141.00"


@pytest.fixture(scope="module")
def result(ref_con):
    return TransitionEngine(ref_con, DemandModel(ref_con)).from_occupation(NURSES, HARTFORD, Thresholds())


@pytest.fixture(scope="module")
def first_target(result):
    return result.target(result.ranked.target_onet_soc_code.iloc[0])


def test_similarity_chart_numbers_every_ranked_target_on_a_log_scale(result):
    points = tables.chart_points(result)
    fig = charts.similarity_demand_chart(points)
    assert fig.layout.title.text == "Similarity against local demand"
    assert {trace.type for trace in fig.data} == {"scatter"}
    drawn = sorted(int(label) for trace in fig.data for label in trace.text)
    assert drawn == sorted(points.transition_rank)
    assert fig.layout.yaxis.type == "log"
    openings = points.local_annual_openings_est_count
    ticks = fig.layout.yaxis.tickvals
    assert ticks[0] <= openings.min() and ticks[-1] >= openings.max()  # round ticks cover every point
    assert fig.data[0].marker.cmid == charts.PAY_MIDPOINT_PCT  # pay known here: coloured around "as now"
    assert "%{y:,.2r}" in fig.data[0].hovertemplate and "Whose numbers" in fig.data[0].hovertemplate
    closest = points.loc[points.similarity_score.idxmax()]
    busiest = points.loc[points.local_annual_openings_est_count.idxmax()]
    openings = f"{busiest.local_annual_openings_est_count:,.0f}"
    assert charts.similarity_demand_summary(points) == (
        f"{len(points)} ranked occupations are drawn; {closest.target_title} is the most similar "
        f"({closest.similarity_score:.0f}) and {busiest.target_title} has the most estimated openings here, about "
        f"{openings} a year."
    )
    with use_language("es"):
        assert charts.similarity_demand_summary(points) == (
            f"Se muestran {len(points)} ocupaciones clasificadas; {closest.target_title} es la más similar "
            f"({closest.similarity_score:.0f}) y {busiest.target_title} tiene más vacantes estimadas aquí, unas "
            f"{openings} al año."
        )
        assert charts.similarity_demand_chart(points).layout.title.text == "Similitud frente a la demanda local"


def test_similarity_chart_without_pay_is_one_colour(result):
    points = tables.chart_points(result).assign(pay_vs_now_pct=float("nan"))
    (trace,) = charts.similarity_demand_chart(points).data
    assert isinstance(trace.marker.color, str) and not trace.showlegend
    assert "colour shows pay" not in charts.similarity_demand_caption(points)


def test_component_chart_tells_groups_by_pattern(first_target):
    breakdown = neighbours.component_breakdown(first_target)
    compared = breakdown.dropna(subset=["component_score"])
    fig = charts.component_chart(breakdown)
    assert fig.layout.title.text == "Similarity by component"
    assert {trace.type for trace in fig.data} == {"bar"}
    assert (
        len({trace.marker.pattern.shape for trace in fig.data}) == len(fig.data) == compared.component_group.nunique()
    )
    assert list(fig.layout.yaxis.categoryarray) == compared.component.tolist()
    top = compared.loc[compared.component_score.idxmax()]
    assert charts.component_summary(breakdown) == (
        f"{top.component} is the most alike component, scoring {top.component_score:.0f} of 100; "
        f"{len(compared)} of {len(breakdown)} components were compared."
    )
    with use_language("es"):
        assert charts.component_summary(breakdown).endswith(
            f"se compararon {len(compared)} de {len(breakdown)} componentes."
        )


def test_gap_chart_sets_the_level_now_beside_the_level_needed(ref_con, result):
    gaps = skill_gaps.occupation_gaps(ref_con, NURSES, result.ranked.target_onet_soc_code.iloc[0])
    fig = charts.gap_chart(gaps, "Level now")
    assert fig.layout.title.text == "Largest skill and knowledge gaps"
    assert [trace.name for trace in fig.data] == ["Level now", "Level needed"]
    assert {trace.type for trace in fig.data} == {"bar"} and fig.layout.barmode == "group"
    assert fig.data[0].marker.pattern.shape != fig.data[1].marker.pattern.shape
    assert len(fig.data[0].y) == min(len(gaps), charts.GAP_BARS)
    assert fig.layout.xaxis.title.text == "O*NET level (0-7)"
    first = gaps.iloc[0]
    drawn = min(len(gaps), charts.GAP_BARS)
    assert charts.gap_summary(gaps) == (
        f"{first.element_name} comes first: level {first.current_level:.1f} against {first.target_level:.1f} needed "
        f"on O*NET's 0-7 scale; {drawn} gaps are drawn."
    )
    with use_language("es"):
        assert [trace.name for trace in charts.gap_chart(gaps, "Nivel actual").data] == [
            "Nivel actual",
            "Nivel requerido",
        ]
        assert charts.gap_summary(gaps).startswith(f"{first.element_name} va primero: nivel {first.current_level:.1f}")
