"""Property tests of the layoff plan's allocation (``lmi.planner.allocation``): it never gives a pool more workers
than its openings, never uses a move that fails the thresholds, places or counts every worker, and gives the same
result whatever order the moves come in."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lmi.planner.allocation import TIERS, Option, allocate, horizon_capacity

GROUPS = ("51-2092.00", "51-4041.00", "51-9061.00", "49-9041.00")
TARGETS = ("51-1011.00", "51-4081.00", "51-2022.00", "51-2023.00", "49-9043.00", "51-9111.00")
POOLS = ("51-1011", "51-4081", "51-2028", "49-9043", "51-9111")

options = st.lists(
    st.builds(
        Option,
        group=st.sampled_from(GROUPS),
        target=st.sampled_from(TARGETS),
        pool=st.sampled_from(POOLS),
        tier=st.sampled_from(TIERS),
        score=st.floats(min_value=0, max_value=100, allow_nan=False),
        passes=st.booleans(),
    ),
    max_size=30,
)
workers = st.dictionaries(st.sampled_from(GROUPS), st.integers(min_value=0, max_value=2_000), min_size=1)
capacity = st.dictionaries(st.sampled_from(POOLS), st.integers(min_value=0, max_value=1_000))


@settings(max_examples=300, deadline=None)
@given(workers, options, capacity)
def test_never_over_allocates_an_opening(workers, options, capacity):
    result = allocate(workers, options, capacity)
    placed: dict[str, int] = {}
    for p in result.placements:
        placed[p.pool] = placed.get(p.pool, 0) + p.workers
        assert p.workers > 0
    for pool, count in placed.items():
        assert count <= capacity.get(pool, 0)
    assert placed == result.used


@settings(max_examples=300, deadline=None)
@given(workers, options, capacity)
def test_never_allocates_to_a_move_failing_the_thresholds(workers, options, capacity):
    passing = {(o.group, o.target, o.pool, o.tier) for o in options if o.passes}
    for p in allocate(workers, options, capacity).placements:
        assert (p.group, p.target, p.pool, p.tier) in passing


@settings(max_examples=300, deadline=None)
@given(workers, options, capacity)
def test_conserves_workers(workers, options, capacity):
    result = allocate(workers, options, capacity)
    for group, count in workers.items():
        assert result.placed(group) + result.unplaced.get(group, 0) == count
    assert set(result.unplaced) <= set(workers)


@settings(max_examples=200, deadline=None)
@given(workers, options, capacity, st.randoms(use_true_random=False))
def test_deterministic_whatever_the_order(workers, options, capacity, rnd):
    first = allocate(workers, options, capacity)
    shuffled = list(options)
    rnd.shuffle(shuffled)
    again = allocate(dict(reversed(list(workers.items()))), shuffled, dict(reversed(list(capacity.items()))))
    assert sorted(first.placements, key=repr) == sorted(again.placements, key=repr)
    assert first.unplaced == again.unplaced
    assert first == allocate(workers, options, capacity)


def test_fewest_trained_first_then_best_score():
    moves = [
        Option("a", "t_long", "p1", "long", 99.0),
        Option("a", "t_short", "p1", "short", 50.0),
        Option("a", "t_none_low", "p2", "none", 10.0),
        Option("a", "t_none_high", "p3", "none", 40.0),
    ]
    result = allocate({"a": 10}, moves, {"p1": 5, "p2": 2, "p3": 1})
    assert [(p.target, p.workers) for p in result.placements] == [("t_none_high", 1), ("t_none_low", 2), ("t_short", 5)]
    assert result.unplaced == {"a": 2}


def test_two_groups_share_one_pool():
    moves = [Option("a", "x.00", "pool", "none", 60.0), Option("b", "x.01", "pool", "none", 50.0)]
    result = allocate({"a": 8, "b": 8}, moves, {"pool": 10})
    assert result.used == {"pool": 10}
    assert result.placed("a") == 8 and result.placed("b") == 2 and result.unplaced == {"b": 6}


def test_horizon_capacity_rounds_down_and_needs_an_estimate():
    assert horizon_capacity(100.0, 12, 0.5) == 50
    assert horizon_capacity(100.0, 6, 1.0) == 50
    assert horizon_capacity(9.99, 12, 1.0) == 9
    assert horizon_capacity(float("nan"), 12, 1.0) == 0
    assert horizon_capacity(None, 12, 1.0) == 0
