"""The plan as tables: the headline figures with their source, grain and uncertainty, the pathways, the pools of
openings, and the one CSV that holds every row (placements and the workers not absorbable locally)."""

from __future__ import annotations

import pandas as pd

from lmi.demand.openings import basis_words
from lmi.i18n import N_, _
from lmi.planner.plan import Plan, tier_words

SOURCE_KEYS = ("oews", "projections", "onet", "cip_soc")
OPENINGS_SOURCE = N_("BLS Employment Projections 2024-34 openings x BLS OEWS May 2025 local jobs (estimate)")
WAGE_SOURCE = N_("BLS OEWS May 2025 median annual wages here")
REGISTRY_SOURCE = N_("the program registry's recorded costs (staff records)")
GRAIN_WORDS = N_("workers counted once; openings read at the BLS code they are measured at (a group's figure once)")
COLUMN_WORDS = {
    "group_title": N_("Laid-off occupation"),
    "group_code": N_("O*NET-SOC code"),
    "workers_count": N_("Workers"),
    "outcome": N_("Outcome"),
    "target_title": N_("Moves into"),
    "target_onet_soc_code": N_("Target O*NET-SOC code"),
    "demand_basis": N_("Whose numbers (openings)"),
    "pool_soc_code": N_("BLS code of the openings"),
    "annual_openings_est_count": N_("Estimated openings a year here"),
    "capacity_count": N_("Openings over the horizon open to these workers"),
    "placed_count": N_("Placed in this BLS code (all groups)"),
    "capacity_range": N_("Range (95%, OEWS sampling error)"),
    "origin_annual_wage_median_usd": N_("Median pay now (USD a year)"),
    "target_annual_wage_median_usd": N_("Median pay of the target (USD a year)"),
    "wage_replacement_pct": N_("Wage replacement (%)"),
    "similarity_score": N_("Similarity"),
    "education_step": N_("Education steps up"),
    "skill_gaps": N_("Skill gaps"),
    "cip_programs": N_("CIP programs (crosswalk)"),
    "registry_programs": N_("Registry programs here"),
    "registry_placement_rate": N_("Registry programs' placement rate (median)"),
    "training_duration": N_("Expected training duration"),
    "training_cost_per_worker_usd": N_("Training cost per worker (USD)"),
    "training_cost_usd": N_("Training cost (USD)"),
    "funding_stream_words": N_("Charged to"),
    "funding_streams_fitting": N_("Funding streams that fit"),
    "openings_basis_words": N_("How the openings were estimated"),
    "nearest_areas": N_("Nearest areas that could absorb them"),
}
PATHWAY_COLUMNS = [
    "group_title",
    "group_code",
    "workers_count",
    "outcome",
    "target_title",
    "target_onet_soc_code",
    "demand_basis",
    "pool_soc_code",
    "annual_openings_est_count",
    "capacity_count",
    "placed_count",
    "capacity_range",
    "origin_annual_wage_median_usd",
    "target_annual_wage_median_usd",
    "wage_replacement_pct",
    "similarity_score",
    "education_step",
    "skill_gaps",
    "cip_programs",
    "registry_programs",
    "registry_placement_rate",
    "training_duration",
    "training_cost_per_worker_usd",
    "training_cost_usd",
    "funding_stream_words",
    "funding_streams_fitting",
    "openings_basis_words",
    "nearest_areas",
]


def column_words(column: str) -> str:
    return _(COLUMN_WORDS[column]) if column in COLUMN_WORDS else column


def plan_rows(plan: Plan) -> pd.DataFrame:
    """Every placement, then each group's workers not absorbable locally (with the nearest areas that could take
    them): the rows add up to the layoff's head count. Codes and numbers as columns (``PATHWAY_COLUMNS``)."""
    from lmi.records.vocab import FUNDING_STREAMS, label  # noqa: PLC0415

    paths = plan.pathways.merge(plan.groups[["group_code", "origin_annual_wage_median_usd"]], on="group_code")
    paths = paths.merge(
        plan.pools[
            [
                "pool_soc_code",
                "annual_openings_est_count",
                "capacity_count",
                "capacity_low_count",
                "capacity_high_count",
                "placed_count",
                "openings_basis",
            ]
        ],
        on="pool_soc_code",
        how="left",
    )
    paths["outcome"] = paths.training_tier.map(tier_words)
    paths["wage_replacement_pct"] = 100 * paths.target_annual_wage_median_usd / paths.origin_annual_wage_median_usd
    paths["capacity_range"] = [f"{lo}-{hi}" for lo, hi in zip(paths.capacity_low_count, paths.capacity_high_count)]
    paths["funding_stream_words"] = [label(FUNDING_STREAMS, s) if s else "" for s in paths.funding_stream]
    paths["openings_basis_words"] = paths.openings_basis.map(basis_words)
    paths["nearest_areas"] = ""
    left = plan.groups[plan.groups.not_absorbable_count > 0]
    rest = pd.DataFrame(
        {
            "group_title": left.group_title,
            "group_code": left.group_code,
            "workers_count": left.not_absorbable_count,
            "outcome": _("not absorbable locally"),
            "origin_annual_wage_median_usd": left.origin_annual_wage_median_usd,
            "nearest_areas": [_nearest_words(plan, code) for code in left.group_code],
        }
    )
    frame = pd.concat([paths, rest], ignore_index=True) if len(rest) else paths
    return frame.reindex(columns=PATHWAY_COLUMNS)


def _nearest_words(plan: Plan, group_code: str) -> str:
    rows = plan.nearby[plan.nearby.group_code == group_code]
    return "; ".join(
        _("{area} ({miles:,} miles, room for {room:,})").format(
            area=r.area_name, miles=int(r.distance_miles), room=int(r.capacity_count)
        )
        for r in rows.itertuples(index=False)
    )


def for_download(plan: Plan) -> pd.DataFrame:
    """``plan_rows`` headed in the visitor's language (the CSV)."""
    frame = plan_rows(plan)
    return frame.rename(columns={c: column_words(c) for c in frame.columns})


def summary_rows(plan: Plan) -> pd.DataFrame:
    """The plan's headline figures, each with its source, grain and uncertainty."""
    s = plan.summary
    months = s["horizon_months"]
    openings = _(OPENINGS_SOURCE)
    grain = _(GRAIN_WORDS)
    placed_range = _("placed {low:,}-{high:,} with openings at the low and high ends of their 95% range").format(
        low=s["placed_low_count"], high=s["placed_high_count"]
    )
    rows = [
        (_("Workers laid off"), f"{s['workers_count']:,}", _("the layoff as entered"), grain, _("as entered")),
        (_("Placed without training"), f"{s['placed_without_training_count']:,}", openings, grain, placed_range),
        (_("Placed after short training"), f"{s['short_training_count']:,}", openings, grain, placed_range),
        (_("Placed after long training"), f"{s['long_training_count']:,}", openings, grain, placed_range),
        (
            _("Not absorbable locally in {months} months").format(months=months),
            f"{s['not_absorbable_count']:,}",
            openings,
            grain,
            placed_range,
        ),
        (
            _("Expected wage replacement"),
            "—" if s["wage_replacement_pct"] is None else f"{s['wage_replacement_pct']:.0f}%",
            _(WAGE_SOURCE),
            _("targets' median pay against the laid-off occupations' median, weighted by workers placed"),
            _("medians: half earn more, half less; a new hire often starts below the median"),
        ),
    ]
    for row in plan.costs.itertuples(index=False):
        rows.append(
            (
                _("Training cost: {stream}").format(stream=row.funding_stream_words),
                f"${row.training_cost_usd:,.0f}",
                _(REGISTRY_SOURCE),
                _("{n:,} workers trained").format(n=row.trained_count),
                _("cost not known for {n:,} workers (no registry program)").format(n=row.cost_unknown_count)
                if row.cost_unknown_count
                else _("recorded average costs per participant"),
            )
        )
    return pd.DataFrame(rows, columns=[_("Figure"), _("Value"), _("Source"), _("Grain"), _("Uncertainty")])


def pools_table(plan: Plan) -> pd.DataFrame:
    """The pools drawn on, most placed first: each BLS code's openings and how many the plan places there."""
    pools = plan.pools[plan.pools.placed_count > 0].sort_values(
        ["placed_count", "pool_soc_code"], ascending=[False, True]
    )
    return pd.DataFrame(
        {
            column_words("pool_soc_code"): pools.pool_soc_code,
            _("BLS title"): pools.pool_title,
            column_words("annual_openings_est_count"): pools.annual_openings_est_count.round(0),
            column_words("capacity_count"): pools.capacity_count,
            column_words("placed_count"): pools.placed_count,
            column_words("capacity_range"): [
                f"{lo}-{hi}" for lo, hi in zip(pools.capacity_low_count, pools.capacity_high_count)
            ],
        }
    )
