"""The layoff plan on the real reference database (``lmi.planner``): the St. Louis layoff of the issue adds up and
never promises more than a target's openings, pools of a BLS group are shared, moves pass the thresholds, what is
not absorbable gets the nearest areas, a staffing table is read or refused naming row and column, the link restores
the inputs and the brief renders."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from lmi.briefs.planner import plan_brief
from lmi.briefs.render import render_pdf
from lmi.planner import inputs, tables
from lmi.planner.inputs import AffectedGroup, Layoff, LayoffInputError
from lmi.planner.plan import PlanEngine, make_plan
from lmi.transitions.ranking import Thresholds

ST_LOUIS = "0041180"
ISSUE_LAYOFF = (AffectedGroup("51-2092", 400), AffectedGroup("51-4041", 60))


@pytest.fixture(scope="module")
def engine(ref_con) -> PlanEngine:
    return PlanEngine(ref_con)


def _adds_up(plan) -> None:
    s = plan.summary
    trained = s["short_training_count"] + s["long_training_count"]
    assert s["placed_without_training_count"] + trained + s["not_absorbable_count"] == s["workers_count"]
    assert int(tables.plan_rows(plan).workers_count.sum()) == s["workers_count"]
    for group in plan.groups.itertuples():
        parts = group.none_training_count + group.short_training_count + group.long_training_count
        assert parts + group.not_absorbable_count == group.workers_count


def _within_openings(plan) -> None:
    """Every BLS code's placed workers (all groups, all O*NET targets reading it) within its openings."""
    placed = plan.pathways.groupby("pool_soc_code").workers_count.sum()
    pools = plan.pools.set_index("pool_soc_code")
    for code, count in placed.items():
        assert count == pools.placed_count[code]
        assert count <= pools.capacity_count[code]
        months = plan.layoff.horizon_months
        assert count <= pools.annual_openings_est_count[code] * months / 12 * plan.layoff.openings_share + 1e-9


def _passes_thresholds(engine, plan) -> None:
    for group, part in plan.pathways.groupby("group_code"):
        ranked = engine.transitions.from_occupation(group, plan.layoff.area_code, plan.layoff.thresholds).ranked
        allowed = set(ranked.target_onet_soc_code) | {group}
        assert set(part.target_onet_soc_code) <= allowed


def test_issue_layoff_in_st_louis_adds_up(engine):
    plan = make_plan(engine, Layoff(ST_LOUIS, ISSUE_LAYOFF))
    assert plan.summary["workers_count"] == 460
    _adds_up(plan)
    _within_openings(plan)
    _passes_thresholds(engine, plan)
    assert plan.summary["placed_low_count"] <= plan.summary["placed_count"] <= plan.summary["placed_high_count"]


@pytest.mark.parametrize(
    "share,thresholds",
    [
        (0.1, Thresholds()),
        (0.1, Thresholds(max_education_step=3, min_wage_ratio=0.8)),
        (0.25, Thresholds(min_similarity=35)),
        (1.0, Thresholds(min_similarity=60)),
    ],
)
def test_tight_openings_share_pools_and_pass_thresholds(engine, share, thresholds):
    layoff = Layoff(ST_LOUIS, ISSUE_LAYOFF, None, 12, share, False, False, thresholds)
    plan = make_plan(engine, layoff)
    _adds_up(plan)
    _within_openings(plan)
    _passes_thresholds(engine, plan)
    assert not plan.pathways.same_occupation.any()


def test_what_cannot_be_absorbed_gets_the_nearest_areas(engine):
    layoff = Layoff(ST_LOUIS, ISSUE_LAYOFF, None, 3, 0.1, False, False)
    plan = make_plan(engine, layoff)
    assert plan.summary["not_absorbable_count"] > 0
    assert len(plan.nearby)
    left = plan.groups.set_index("group_code").not_absorbable_count
    for row in plan.nearby.itertuples():
        assert row.area_code != ST_LOUIS
        assert row.absorbs_all == (row.capacity_count >= left[row.group_code])
    rows = tables.plan_rows(plan)
    assert rows[rows.outcome == "not absorbable locally"].nearest_areas.str.len().min() > 0


def test_one_group_figure_is_one_pool(engine):
    """Team assemblers read 51-2090, a BLS group: with the same occupation counted, the group's openings are one
    pool, never more than its capacity however many groups read it."""
    groups = (AffectedGroup("51-2092", 100), AffectedGroup("51-2099", 5000))
    plan = make_plan(engine, Layoff(ST_LOUIS, groups))
    _adds_up(plan)
    _within_openings(plan)
    both = plan.pathways[plan.pathways.pool_soc_code == "51-2090"]
    assert set(both.group_code) == {"51-2092.00", "51-2099.00"}
    assert both.workers_count.sum() == plan.pools.set_index("pool_soc_code").capacity_count["51-2090"]


def test_codes_resolve_and_unknown_codes_are_named(engine):
    plan = make_plan(engine, Layoff(ST_LOUIS, (AffectedGroup("51-4041.00", 30), AffectedGroup("51-4041", 30))))
    assert list(plan.groups.workers_count) == [60]
    with pytest.raises(LayoffInputError, match="99-9999"):
        make_plan(engine, Layoff(ST_LOUIS, (AffectedGroup("99-9999", 3),)))


def test_typed_lines_name_line_and_column(engine):
    rows = inputs.typed_rows("51-2092, 400\n\nnot-a-code, 3\n51-4041 Machinists 6x")
    with pytest.raises(LayoffInputError) as error:
        inputs.check_groups(rows, engine.resolver)
    problems = error.value.problems
    assert any(p.startswith("line 3, column occupation_code") for p in problems)
    assert any(p.startswith("line 4, column workers") for p in problems)
    assert inputs.check_groups(inputs.typed_rows("51-2092, 400\n51-2092 100"), engine.resolver) == (
        AffectedGroup("51-2092", 500),
    )


def test_staffing_table_csv_and_xlsx(engine):
    good = b"occupation_code,title,workers\n51-2092,Team Assemblers,400\n51-4041,Machinists,60\n"
    assert inputs.read_staffing_table(good, "staff.csv", engine.resolver) == ISSUE_LAYOFF
    bad = b"soc_code,head_count\n51-2092,400\n51-9999,ten\n"
    with pytest.raises(LayoffInputError) as error:
        inputs.read_staffing_table(bad, "staff.csv", engine.resolver)
    assert any("row 3, column soc_code" in p for p in error.value.problems)
    assert any("row 3, column head_count" in p for p in error.value.problems)
    with pytest.raises(LayoffInputError, match="row 1: no head-count column"):
        inputs.read_staffing_table(b"occupation_code\n51-2092\n", "staff.csv", engine.resolver)
    book = Workbook()
    sheet = book.active
    sheet.append(["occupation_code", "workers"])
    sheet.append(["51-2092", 400])
    sheet.append(["51-4041", 60])
    out = io.BytesIO()
    book.save(out)
    assert inputs.read_staffing_table(out.getvalue(), "staff.xlsx", engine.resolver) == ISSUE_LAYOFF


def test_link_restores_the_inputs():
    import datetime as dt

    layoff = Layoff(ST_LOUIS, ISSUE_LAYOFF, dt.date(2027, 1, 15), 6, 0.35, True, False)
    params = inputs.to_params(layoff)
    assert inputs.groups_from_param(params["layoff"]) == ISSUE_LAYOFF
    assert inputs.date_from_param(params["date"]) == dt.date(2027, 1, 15)
    assert inputs.months_from_param(params["months"]) == 6
    assert inputs.share_from_param(params["share"]) == pytest.approx(0.35)
    assert params["taa"] == "1" and params["same"] == "0"
    assert inputs.groups_from_param("51-2092:400,<script>:1,51-4041:0") == (AffectedGroup("51-2092", 400),)


def test_brief_and_csv(engine, ref_con):
    plan = make_plan(engine, Layoff(ST_LOUIS, ISSUE_LAYOFF, None, 12, 0.2, True, True))
    brief = plan_brief(ref_con, plan)
    assert brief.link.startswith("/layoff?area=0041180&layoff=51-2092%3A400%2C51-4041%3A60")
    assert render_pdf(brief).startswith(b"%PDF")
    frame = tables.for_download(plan)
    assert "Whose numbers (openings)" in frame.columns and len(frame) >= 2
    trained = plan.pathways[plan.pathways.training_tier != "none"]
    assert (trained.funding_stream == "trade_adjustment_assistance").all()


def test_batched_needs_agree_with_the_transitions_page(ref_con):
    """What each pathway takes is read in two batched queries; they give what the Career transitions page shows."""
    from lmi.planner import needs
    from lmi.transitions import fields_of_study, skill_gaps

    pairs = [("51-2092.00", "51-1011.00"), ("51-4041.00", "17-2141.00"), ("29-1141.00", "29-1171.00")]
    gaps = needs.gaps_for_pairs(ref_con, pairs)
    for pair in pairs:
        assert gaps.get(pair, []) == list(skill_gaps.occupation_gaps(ref_con, *pair).element_name)
    targets = [t for _o, t in pairs] + ["51-2092.00"]
    cips = needs.cips_for_targets(ref_con, targets)
    for target in targets:
        expected = list(fields_of_study.programs_for(ref_con, target).cip_code)
        assert (list(cips[target].cip_code) if target in cips else []) == expected


@pytest.fixture(scope="module")
def registry(reference_db, tmp_path_factory):
    """The generated example records' programs with their published outcomes (``program_summaries``)."""
    import datetime as dt

    from lmi.programs.outcomes import program_summaries
    from lmi.records.db import open_records
    from lmi.records.example import load_example_records

    path = tmp_path_factory.mktemp("planner-records") / "records.duckdb"
    load_example_records(path, reference_db, today=dt.date(2026, 11, 25))
    return program_summaries(open_records(path), 10)


def test_registry_programs_costs_and_funding_streams(engine, registry):
    """Hartford machinists: the registry's CNC co-op (employer-funded, $7,600) is found for CNC tool operators; its
    cost is charged to WIOA Dislocated Worker, or to TAA for trade-affected workers, and totals by stream add up."""
    import pandas as pd

    from lmi.planner import needs

    plan = make_plan(
        engine, Layoff("0025540", (AffectedGroup("51-4041", 60),), include_same_occupation=False), registry
    )
    cnc = plan.pathways[plan.pathways.target_onet_soc_code == "51-9161.00"]
    assert "CNC Machinist Co-op" in cnc.registry_programs.iloc[0]
    moved = pd.DataFrame(
        [
            {
                **cnc.iloc[0][["group_code", "target_onet_soc_code", "pool_soc_code"]].to_dict(),
                "workers_count": 10,
                "training_tier": "short",
                "same_occupation": False,
            },
            {
                "group_code": "51-4041.00",
                "target_onet_soc_code": "17-2141.00",
                "pool_soc_code": "17-2141",
                "workers_count": 4,
                "training_tier": "long",
                "same_occupation": False,
            },
        ]
    )
    for trade, stream in ((False, "wioa_dislocated_worker"), (True, "trade_adjustment_assistance")):
        layoff = Layoff("0025540", (AffectedGroup("51-4041", 14),), trade_affected=trade)
        with_needs = needs.with_needs(engine, moved, layoff, registry, "0025540")
        first, second = with_needs.iloc[0], with_needs.iloc[1]
        assert first.training_cost_per_worker_usd == 7600 and first.training_cost_usd == 76_000
        assert first.funding_stream == stream and "Employer-funded" in first.funding_streams_fitting
        assert first.registry_placement_rate is not None
        assert pd.isna(second.training_cost_usd) and second.registry_programs_count == 0
        costs = needs.costs_by_stream(with_needs).iloc[0]
        assert (costs.funding_stream, costs.trained_count, costs.training_cost_usd, costs.cost_unknown_count) == (
            stream,
            14,
            76_000,
            4,
        )


def test_industry_staffing_pattern_prefill(ref_con, engine):
    """Transportation equipment manufacturing (NAICS 336): its usual staffing pattern, the head count spread over its
    largest occupations, adds up exactly, largest first, every code planned."""
    from lmi.planner import staffing

    industries = staffing.industries(ref_con)
    assert "336000" in set(industries.industry_code)
    groups = staffing.staffing_pattern(ref_con, "336000", 460)
    assert sum(g.workers for g in groups) == 460 and len(groups) <= staffing.PATTERN_SIZE
    assert groups[0].code == "51-2090" and groups[0].workers == max(g.workers for g in groups)
    plan = make_plan(engine, Layoff(ST_LOUIS, groups))
    _adds_up(plan)
    _within_openings(plan)
    assert staffing.staffing_pattern(ref_con, "999999", 10) == ()
