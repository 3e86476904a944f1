"""The allocation of displaced workers to target occupations: deterministic, shared capacity, nothing promised twice.

Openings are a capacity at the BLS code they are measured at (a "pool"): several O*NET target occupations that
show one BLS group's figure (51-2090 Miscellaneous Assemblers and Fabricators for Team Assemblers and "All Other"
assemblers) draw on ONE pool, and every affected group draws on the same pools, so two groups are never both
promised the same openings.

The rule (greedy, stated on the page by ``lmi.planner.plan.allocation_rule``): every (group, target) option that
passes the thresholds is taken in order of training needed first (none, then short, then long: the fewest workers
sent to training), then best score (the transition score: similarity, local openings, concentration and pay), then
by codes (so ties never depend on input order). Each option takes as many of its group's remaining workers as its
pool has room for. Workers left when the options run out are "not absorbable locally".

Guarantees (property-tested in tests/test_planner_allocation.py): a pool never gives more than its capacity; an
option failing the thresholds is never used; every worker is either placed or counted as not absorbable; the same
input gives the same output whatever its order.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

TIERS = ("none", "short", "long")  # training needed, in the order options are taken
TIER_ORDER = {tier: i for i, tier in enumerate(TIERS)}


@dataclass(frozen=True)
class Option:
    """One move a group of workers could make: to ``target`` (an O*NET-SOC code), drawing on ``pool`` (the BLS code
    whose openings it reads), needing ``tier`` training, ranked by ``score`` (higher first)."""

    group: str
    target: str
    pool: str
    tier: str
    score: float
    passes: bool = True  # False: fails a threshold, never used (kept so the page can say why)


@dataclass(frozen=True)
class Placement:
    group: str
    target: str
    pool: str
    tier: str
    workers: int


@dataclass(frozen=True)
class Allocation:
    placements: tuple[Placement, ...]
    unplaced: dict[str, int]  # group -> workers not absorbable locally
    used: dict[str, int]  # pool -> workers placed on it

    def placed(self, group: str | None = None) -> int:
        return sum(p.workers for p in self.placements if group is None or p.group == group)


def horizon_capacity(annual_openings: float | None, horizon_months: int, openings_share: float) -> int:
    """Openings a pool offers the displaced workers over the horizon: annual openings x months / 12 (openings arrive
    evenly through the year) x the share assumed open to them, rounded DOWN (never promise a part of an opening);
    0 when there is no estimate."""
    if annual_openings is None or (isinstance(annual_openings, float) and math.isnan(annual_openings)):
        return 0
    value = float(annual_openings) * horizon_months / 12.0 * openings_share
    return max(0, int(math.floor(value + 1e-9)))


def option_order(option: Option) -> tuple:
    """Fewest trained first, then best score, then codes: a total order, so the result never depends on input
    order."""
    score = option.score if option.score is not None and not math.isnan(option.score) else -math.inf
    return (TIER_ORDER[option.tier], -score, option.group, option.target, option.pool)


def allocate(workers: Mapping[str, int], options: Sequence[Option], capacity: Mapping[str, int]) -> Allocation:
    """Place ``workers`` (group -> head count) on ``options`` within ``capacity`` (pool -> openings over the
    horizon; a pool not named has none)."""
    remaining = {group: int(count) for group, count in sorted(workers.items())}
    room = {pool: max(0, int(value)) for pool, value in capacity.items()}
    used: dict[str, int] = {}
    placements: list[Placement] = []
    seen: set[tuple[str, str]] = set()
    for option in sorted(options, key=option_order):
        key = (option.group, option.target)
        if not option.passes or key in seen or remaining.get(option.group, 0) <= 0:
            continue
        seen.add(key)  # one placement per (group, target): a repeated option adds nothing
        take = min(remaining[option.group], room.get(option.pool, 0))
        if take <= 0:
            continue
        remaining[option.group] -= take
        room[option.pool] -= take
        used[option.pool] = used.get(option.pool, 0) + take
        placements.append(Placement(option.group, option.target, option.pool, option.tier, take))
    return Allocation(tuple(placements), {g: n for g, n in remaining.items() if n > 0}, used)
