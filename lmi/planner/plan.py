"""The layoff response plan: for every affected occupation, the transitions that pass the thresholds
(``lmi.transitions.ranking``), one shared allocation of the workers to them within each BLS code's local openings
over the horizon (``lmi.planner.allocation``), what each pathway takes (``lmi.planner.needs``), where what the
region cannot absorb could go (``lmi.planner.nearby``), and the plan's numbers with their source, grain and
uncertainty.

Openings are read at the BLS code they are measured at, from the one demand model (``DemandModel.bls_codes``): a
group figure is one pool, whichever O*NET occupations show it. Each group's own occupation is an option too (the
same work with another employer: no training), first in its tier.

Uncertainty: BLS publishes a relative standard error (RSE) for each OEWS employment estimate; the openings estimate
is proportional to it, so the plan is also allocated with every pool's openings at their low and high ends
(estimate x (1 -/+ 1.96 x RSE)): the "placed" figure comes with that range. The national-rate assumption itself
(``lmi.demand.openings``) is not in the range and is stated beside it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import duckdb
import numpy as np
import pandas as pd

from lmi.demand import DemandModel
from lmi.demand.codes import UnknownOccupationCodeError
from lmi.i18n import N_, _, ngettext
from lmi.planner.allocation import TIERS, Allocation, Option, allocate, horizon_capacity
from lmi.planner.inputs import Layoff, LayoffInputError, ResolvedGroup, Resolver
from lmi.transitions.neighbours import NoDescriptorsError
from lmi.transitions.ranking import EDUCATION_RANK, NoRegionalDataError, TransitionEngine

Z_95 = 1.96  # a 95% interval of a survey estimate: +/- 1.96 standard errors
SAME_OCCUPATION_SCORE = 100.0  # the same work with another employer is taken first among moves needing no training
LONG_TRAINING_FROM = "Associate's degree"  # an entry rung from here up takes a degree program: long training
TIER_WORDS = {
    "none": N_("placed without training"),
    "short": N_("short training"),
    "long": N_("long training"),
}
TIER_RULE = N_(
    "Training needed: none where the target asks no more education and no more preparation (O*NET job zone) than "
    "the workers have now; short training where it asks more preparation, a certificate or some college (a rung "
    "of the education ladder below an associate's degree), or where O*NET or BLS gives no education or job zone "
    "to compare; long training where its entry education is an associate's degree or more, above the workers' own."
)
ALLOCATION_RULE = N_(
    "Allocation: each BLS code's estimated openings over the horizon (annual openings x {months} / 12, as openings "
    "arrive evenly through the year, x {share:.0%} assumed open to these workers, rounded down) are one pool shared "
    "by every affected group and by every O*NET occupation that shows that code's figure. Moves are taken in order: "
    "no training first, then short, then long; within that, the best transition score (similarity, local openings, "
    "concentration and pay), the same occupation with another employer first; ties by code. Each move takes as "
    "many of its group's remaining workers as its pool still has room for. Workers left are not absorbable locally."
)
UNCERTAINTY_RULE = N_(
    "Range: the plan allocated again with every pool's openings at the low and high ends of a 95% interval of "
    "the OEWS employment estimate they rest on (estimate x (1 -/+ 1.96 x relative standard error)). It does not "
    "cover the assumption that openings per job here equal the nation's."
)


@dataclass(frozen=True)
class Plan:
    layoff: Layoff
    area_label: str
    groups: pd.DataFrame  # one row per affected occupation
    pathways: pd.DataFrame  # one row per placement (group -> target), with what it takes
    pools: pd.DataFrame  # one row per BLS code drawn on: openings, capacity over the horizon, placed
    options: pd.DataFrame  # every passing move considered, placed or not
    summary: dict
    costs: pd.DataFrame  # training cost by funding stream
    nearby: pd.DataFrame  # nearest areas that could absorb what is not absorbable here
    notes: list[str] = field(default_factory=list)


def training_tier(education_step, job_zone_step, entry_education) -> str:
    """``TIER_RULE``: "none", "short" or "long"."""
    education = _number(education_step)
    zone = _number(job_zone_step)
    if education is not None and education >= 1:
        long_from = EDUCATION_RANK[LONG_TRAINING_FROM]
        return "long" if EDUCATION_RANK.get(str(entry_education), 0) >= long_from else "short"
    if education is None or zone is None or zone >= 1:
        return "short"
    return "none"


def tier_words(tier: str) -> str:
    return _(TIER_WORDS[tier]) if tier in TIER_WORDS else _("not absorbable locally")


def allocation_rule(layoff: Layoff) -> str:
    return _(ALLOCATION_RULE).format(months=layoff.horizon_months, share=layoff.openings_share)


class PlanEngine:
    """What every plan reads, held in memory: the transitions engine (neighbour lists, national facts, the demand
    model's rows per region), the code resolver, and what each pathway takes once worked out. Build one per
    reference database."""

    def __init__(self, con: duckdb.DuckDBPyConnection, transitions: TransitionEngine | None = None):
        self.con = con
        self.transitions = transitions if transitions is not None else TransitionEngine(con)
        self.demand: DemandModel = self.transitions.demand
        self.resolver = Resolver(con)
        self.ranking = lru_cache(maxsize=512)(self.transitions.from_occupation)
        self.memo: dict[tuple, object] = {}  # what each pathway takes, nearest areas: worked out once per engine

    def resolve(self, layoff: Layoff) -> list[ResolvedGroup]:
        """Each group's codes; every unknown code named at once in a ``LayoffInputError``."""
        resolved, problems = [], []
        for number, group in enumerate(layoff.groups, start=1):
            try:
                resolved.append(self.resolver.resolve(group))
            except UnknownOccupationCodeError as error:
                problems.append(_("occupation {n}: {reason}").format(n=number, reason=error))
        if problems:
            raise LayoffInputError(problems)
        resolved = _merged_by_origin(resolved)
        if not resolved:
            raise LayoffInputError([_("no affected occupations: give at least one occupation code and its head count")])
        return resolved


def _merged_by_origin(groups: list[ResolvedGroup]) -> list[ResolvedGroup]:
    """One group per O*NET occupation (51-2092 and 51-2092.00 are the same workers' occupation), head counts added."""
    merged: dict[str, ResolvedGroup] = {}
    for group in groups:
        if group.onet_soc_code in merged:
            first = merged[group.onet_soc_code]
            group = ResolvedGroup(
                first.code, first.workers + group.workers, first.bls_soc_code, first.bls_title, first.onet_soc_code
            )
        merged[group.onet_soc_code] = group
    return list(merged.values())


def make_plan(engine: PlanEngine, layoff: Layoff, programs: pd.DataFrame | None = None) -> Plan:
    """The plan for ``layoff``; ``programs`` are the registry's programs (``lmi.records.queries.programs`` with
    published outcomes where there are any), None when the records store is not in use."""
    from lmi.planner import nearby, needs  # noqa: PLC0415 (they import this module's words)

    groups = engine.resolve(layoff)
    area = layoff.area_code
    place = engine.transitions.place(area)
    notes: list[str] = []
    options, origin_rows = [], []
    for group in groups:
        origin_rows.append(_origin_row(engine, group, area))
        options.extend(_group_options(engine, group, layoff, notes))
    option_frame = pd.DataFrame(options)
    pools = _pools(engine, area, option_frame, layoff)
    capacity = dict(zip(pools.pool_soc_code, pools.capacity_count))
    workers = {g.onet_soc_code: g.workers for g in groups}
    moves = [_option(row) for row in option_frame.itertuples()] if len(option_frame) else []
    allocation = allocate(workers, moves, capacity)
    low = allocate(workers, moves, dict(zip(pools.pool_soc_code, pools.capacity_low_count)))
    high = allocate(workers, moves, dict(zip(pools.pool_soc_code, pools.capacity_high_count)))
    pathways = _pathways(allocation, option_frame)
    pathways = needs.with_needs(engine, pathways, layoff, programs, area)
    pools = pools.assign(placed_count=pools.pool_soc_code.map(allocation.used).fillna(0).astype(int))
    group_frame = _groups(pd.DataFrame(origin_rows), allocation, pathways)
    near = nearby.nearest_absorbing(engine, layoff, group_frame, option_frame)
    summary = _summary(layoff, group_frame, pathways, low, high)
    costs = needs.costs_by_stream(pathways)
    if summary["not_absorbable_count"]:
        notes.append(
            ngettext(
                "{n:,} worker cannot be absorbed by the openings here over {months} months.",
                "{n:,} workers cannot be absorbed by the openings here over {months} months.",
                summary["not_absorbable_count"],
            ).format(n=summary["not_absorbable_count"], months=layoff.horizon_months)
        )
    return Plan(layoff, place, group_frame, pathways, pools, option_frame, summary, costs, near, notes)


def _origin_row(engine: PlanEngine, group: ResolvedGroup, area: str) -> dict:
    fact = {k: v[0] for k, v in engine.transitions.fact_arrays(area, [group.onet_soc_code]).items()}
    return {
        "group_code": group.onet_soc_code,
        "given_code": group.code,
        "group_title": engine.transitions.neighbours.titles.get(group.onet_soc_code, fact["occupation_title"]),
        "group_bls_soc_code": group.bls_soc_code,
        "group_demand_basis": fact["demand_basis"],
        "workers_count": group.workers,
        "origin_annual_wage_median_usd": _number(fact["local_annual_wage_median_usd"]),
    }


def _group_options(engine: PlanEngine, group: ResolvedGroup, layoff: Layoff, notes: list[str]) -> list[dict]:
    """The group's own occupation (another employer) and every target that passes the thresholds; worked out once
    per (occupation, region, thresholds) by the engine (head counts do not change them)."""
    key = ("options", group.onet_soc_code, group.bls_soc_code, layoff.area_code, layoff.thresholds)
    if key not in engine.memo:
        engine.memo[key] = _options_of(engine, group, layoff.area_code, layoff.thresholds)
    rows, found_notes = engine.memo[key]
    notes.extend(found_notes)
    if not layoff.include_same_occupation:
        rows = [row for row in rows if not row["same_occupation"]]
    return [dict(row) for row in rows]


_RANKED_COLUMNS = {
    "target_onet_soc_code": "target_onet_soc_code",
    "target_title": "target_title",
    "demand_soc_code": "pool_soc_code",
    "demand_basis": "demand_basis",
    "similarity_score": "similarity_score",
    "transition_score": "transition_score",
    "education_step": "education_step",
    "job_zone_step": "job_zone_step",
    "entry_education": "entry_education",
    "local_annual_wage_median_usd": "target_annual_wage_median_usd",
    "wage_ratio": "wage_ratio",
}


def _options_of(engine: PlanEngine, group: ResolvedGroup, area: str, thresholds) -> tuple[list[dict], list[str]]:
    notes: list[str] = []
    try:
        result = engine.ranking(group.onet_soc_code, area, thresholds)
    except (NoRegionalDataError, NoDescriptorsError, LookupError) as error:
        notes.append(str(error))
        return [_same_occupation(engine, group, area, None)], notes
    rows = [_same_occupation(engine, group, area, result.origin.label)]
    ranked = result.ranked
    if not len(ranked):
        notes.append(
            _("No occupation passes the thresholds from {title} here; only the same occupation is considered.").format(
                title=result.origin.label
            )
        )
    records = ranked[list(_RANKED_COLUMNS)].rename(columns=_RANKED_COLUMNS).astype(object).to_dict("records")
    for r in records:
        for column in ("similarity_score", "transition_score"):
            r[column] = float(r[column])
        for column in ("education_step", "job_zone_step", "target_annual_wage_median_usd", "wage_ratio"):
            r[column] = _number(r[column])
        r.update(
            group_code=group.onet_soc_code,
            group_title=result.origin.label,
            same_occupation=False,
            training_tier=training_tier(r["education_step"], r["job_zone_step"], r["entry_education"]),
        )
        rows.append(r)
    return [row for row in rows if row["pool_soc_code"] is not None], notes


def _same_occupation(engine: PlanEngine, group: ResolvedGroup, area: str, title: str | None) -> dict:
    fact = {k: v[0] for k, v in engine.transitions.fact_arrays(area, [group.onet_soc_code]).items()}
    title = title or fact["occupation_title"]
    return {
        "group_code": group.onet_soc_code,
        "group_title": title,
        "target_onet_soc_code": group.onet_soc_code,
        "target_title": _("{title} (same occupation, another employer)").format(title=title),
        "pool_soc_code": fact["demand_soc_code"] or group.bls_soc_code,
        "demand_basis": fact["demand_basis"],
        "same_occupation": True,
        "similarity_score": float("nan"),
        "transition_score": SAME_OCCUPATION_SCORE,
        "education_step": 0.0,
        "job_zone_step": 0.0,
        "entry_education": fact["entry_education"],
        "target_annual_wage_median_usd": _number(fact["local_annual_wage_median_usd"]),
        "wage_ratio": 1.0,
        "training_tier": "none",
    }


def _option(row) -> Option:
    return Option(row.group_code, row.target_onet_soc_code, row.pool_soc_code, row.training_tier, row.transition_score)


def _pools(engine: PlanEngine, area: str, options: pd.DataFrame, layoff: Layoff) -> pd.DataFrame:
    """One row per BLS code any option draws on, read at that code (a group figure once)."""
    codes = sorted(set(options.pool_soc_code)) if len(options) else []
    frame = engine.demand.bls_codes(area, codes)
    annual = frame.local_annual_openings_est_count.to_numpy(dtype=float)
    rse = frame.local_employment_rse_pct.to_numpy(dtype=float) if "local_employment_rse_pct" in frame else annual * 0
    spread = np.where(np.isnan(rse), 0.0, Z_95 * rse / 100.0)
    months, share = layoff.horizon_months, layoff.openings_share
    return pd.DataFrame(
        {
            "pool_soc_code": frame.soc_code.to_numpy(),
            "pool_title": frame.soc_title.to_numpy(),
            "annual_openings_est_count": annual,
            "openings_basis": frame.openings_basis.to_numpy() if "openings_basis" in frame else None,
            "local_employment_count": frame.local_employment_count.to_numpy(dtype=float),
            "local_employment_rse_pct": rse,
            "horizon_openings_est_count": annual * months / 12.0,
            "capacity_count": [horizon_capacity(a, months, share) for a in annual],
            "capacity_low_count": [
                horizon_capacity(a * max(0.0, 1 - s), months, share) for a, s in zip(annual, spread)
            ],
            "capacity_high_count": [horizon_capacity(a * (1 + s), months, share) for a, s in zip(annual, spread)],
        }
    )


def _pathways(allocation: Allocation, options: pd.DataFrame) -> pd.DataFrame:
    rows = pd.DataFrame(
        [p.__dict__ for p in allocation.placements], columns=["group", "target", "pool", "tier", "workers"]
    )
    rows = rows.rename(columns={"group": "group_code", "target": "target_onet_soc_code", "workers": "workers_count"})
    merged = rows[["group_code", "target_onet_soc_code", "workers_count"]].merge(
        options.drop_duplicates(["group_code", "target_onet_soc_code"]), on=["group_code", "target_onet_soc_code"]
    )
    return merged.reset_index(drop=True)


def _groups(origins: pd.DataFrame, allocation: Allocation, pathways: pd.DataFrame) -> pd.DataFrame:
    frame = origins.copy()
    for tier in TIERS:
        part = pathways[pathways.training_tier == tier].groupby("group_code").workers_count.sum()
        frame[f"{tier}_training_count"] = frame.group_code.map(part).fillna(0).astype(int)
    frame["not_absorbable_count"] = frame.group_code.map(allocation.unplaced).fillna(0).astype(int)
    wages = pathways.assign(paid=pathways.workers_count * pathways.target_annual_wage_median_usd)
    known = wages[wages.target_annual_wage_median_usd.notna()].groupby("group_code")
    frame["placed_target_wage_mean_usd"] = frame.group_code.map(known.paid.sum() / known.workers_count.sum())
    frame["wage_replacement_pct"] = 100 * frame.placed_target_wage_mean_usd / frame.origin_annual_wage_median_usd
    return frame


def _summary(layoff: Layoff, groups: pd.DataFrame, pathways: pd.DataFrame, low: Allocation, high: Allocation) -> dict:
    placed = {tier: int(groups[f"{tier}_training_count"].sum()) for tier in TIERS}
    known = groups.dropna(subset=["placed_target_wage_mean_usd", "origin_annual_wage_median_usd"])
    placed_known = known[[f"{t}_training_count" for t in TIERS]].sum(axis=1)
    before = float((placed_known * known.origin_annual_wage_median_usd).sum())
    after = float((placed_known * known.placed_target_wage_mean_usd).sum())
    return {
        "workers_count": layoff.workers,
        "placed_without_training_count": placed["none"],
        "short_training_count": placed["short"],
        "long_training_count": placed["long"],
        "placed_count": sum(placed.values()),
        "not_absorbable_count": int(groups.not_absorbable_count.sum()),
        "placed_low_count": low.placed(),
        "placed_high_count": high.placed(),
        "wage_replacement_pct": 100 * after / before if before > 0 else None,
        "horizon_months": layoff.horizon_months,
    }


def _number(value) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number
