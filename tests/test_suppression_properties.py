"""Property-based attacks on small-cell suppression (lmi.programs.suppression).

Hypothesis draws random breakdowns; an attacker who sees only the published table (counts, rates and
the All row), knows the threshold and the rules, and reads the reasons tries to recover hidden cells:

(a) total minus shown: no column shows its total with exactly one hidden group cell, and the hidden
    cells of a column never add up to fewer than t people, or to everyone in the hidden groups;
(b) exact search: for every hidden cell (hidden as small, or to protect one), a second whole-number
    table is searched for that differs in that cell and agrees with everything shown (shown values,
    totals = sums of groups, 0 <= outcome <= group size, and what each reason says about its cell). The search below is this
    file's own: it enumerates hidden group sizes and decides each outcome column with a subset-sum over
    the hidden cells, so it does not reuse the module's move-based check;
(c) no shown count is small (or is everyone in its group) and no shown rate comes from a hidden count;
(d) the input is not mutated and the output is deterministic;
(e) with the All row published elsewhere (``total_published``, a program's overall figures), the same
    attacks fail, and the All row is hidden only where the primary rules hide it;
(f) reasons are plain words: no reason names a count column.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from lmi.programs.suppression import suppress_breakdown

SIZE, GROUP = "people", "group"


# ----------------------------------------------------------------------------------------------------
# Random breakdowns


@st.composite
def breakdowns(draw, max_groups: int = 8, max_count: int = 200, max_outcomes: int = 3):
    """(counts frame, outcome column names, threshold): sizes and outcomes lean towards the interesting
    region around the threshold (small counts and counts just below the group size)."""
    groups = draw(st.integers(2, max_groups))
    outcomes = [f"outcome_{j}" for j in range(draw(st.integers(1, max_outcomes)))]
    threshold = draw(st.integers(1, 20))
    small = st.integers(0, min(max_count, 25))
    sizes = draw(st.lists(st.one_of(small, st.integers(0, max_count)), min_size=groups, max_size=groups))
    frame = {GROUP: [f"g{i}" for i in range(groups)], SIZE: sizes}
    for name in outcomes:
        frame[name] = [draw(_outcome(size)) for size in sizes]
    return pd.DataFrame(frame), outcomes, threshold


def _outcome(size: int):
    near_top = st.integers(max(0, size - 12), size)
    return st.one_of(st.integers(0, min(size, 12)), near_top, st.integers(0, size))


# ----------------------------------------------------------------------------------------------------
# What the attacker sees


@dataclass
class View:
    """The published table as the attacker reads it: shown values and, per hidden cell, what its reason
    implies about it. Rows 0..g-1 are groups, row g is the All row."""

    t: int
    outcomes: list[str]
    groups: int
    shown: dict[tuple[str, int], int]
    knows: dict[tuple[str, int], str]  # hidden cell -> "size<t", "either<t", "none", "not small"

    @property
    def total(self) -> int:
        return self.groups

    def columns(self) -> list[str]:
        return [SIZE, *self.outcomes]


LABELS = {SIZE: "people who exited", "outcome_0": "people who found work", "outcome_1": "people who completed"}


def read_view(result, outcomes: list[str]) -> View:
    """What each reason tells the attacker (the reasons are read as words, as a reader reads them)."""
    t = result.threshold
    groups = len(result.table) - 1
    shown, knows = {}, {}
    for column in [SIZE, *outcomes]:
        for row in range(groups + 1):
            reason = result.reasons[column].iloc[row]
            if not result.hidden[column].iloc[row]:
                shown[(column, row)] = int(result.table[column].iloc[row])
            elif reason.startswith(("hidden so that", "total hidden so that")) or reason == (
                "hidden with the size of this group"
            ):
                knows[(column, row)] = "not small"
            elif reason == f"fewer than {t} people in this group":
                knows[(column, row)] = "size<t"
            elif reason.startswith(f"fewer than {t} ") and reason.endswith(", or the whole group"):
                knows[(column, row)] = "small or all"
            elif (
                reason == f"this group has fewer than {t} people"
                or reason.startswith("too few people")
                or reason.startswith("every group is hidden for ")
            ):
                knows[(column, row)] = "none"
            else:
                raise AssertionError(f"unknown reason {reason!r}")
    return View(t, outcomes, groups, shown, knows)


def allowed(view: View, cell, value: int, size: int) -> bool:
    """Whether `value` in `cell` (with its group's size `size`) agrees with what the reader knows."""
    t = view.t
    what = view.knows.get(cell, "not small")  # shown cells passed the primary rule
    is_size = cell[0] == SIZE
    if what == "none" or t <= 1:  # a threshold of 0 or 1 hides nothing and so implies nothing
        return True
    if what == "size<t":
        return value < t
    if what == "small or all":
        return value < t or value == size
    return value >= t if is_size else (value >= t and value < size)


# ----------------------------------------------------------------------------------------------------
# The exact search (attack b)


class SearchTooLong(Exception):
    pass


def table_exists(view: View, fixed: dict, truth: dict, cap: int, budget: list[int]) -> bool:
    """Whether some whole-number table agrees with the view and has the values in `fixed`. Hidden group
    sizes are enumerated (nearest the truth first, so an answer usually comes fast; the order does not
    change the answer); outcome columns are then decided by subset-sum over their hidden cells."""
    rows = [r for r in range(view.groups) if (SIZE, r) not in view.shown]
    shown_sum = sum(view.shown[(SIZE, r)] for r in range(view.groups) if (SIZE, r) in view.shown)
    total_shown = (SIZE, view.total) in view.shown
    remaining = view.shown[(SIZE, view.total)] - shown_sum if total_shown else None

    sizes = {r: view.shown[(SIZE, r)] for r in range(view.groups) if (SIZE, r) in view.shown}

    def domain(row: int, left: int | None) -> list[int]:
        cell = (SIZE, row)
        hi = left if left is not None else cap
        values = [fixed[cell]] if cell in fixed else range(0, hi + 1)
        good = [v for v in values if 0 <= v <= hi and allowed(view, cell, v, v) and row_fits(row, v)]
        return sorted(good, key=lambda v: abs(v - truth[cell]))

    def row_fits(row: int, size: int) -> bool:
        """Pruning only: every outcome cell of the row has some value it may take with this size."""
        for column in view.outcomes:
            cell = (column, row)
            values = [view.shown[cell]] if cell in view.shown else [fixed[cell]] if cell in fixed else range(size + 1)
            if not any(0 <= v <= size and allowed(view, cell, v, size) for v in values):
                return False
        return True

    def leaf() -> bool:
        budget[0] -= 1
        if budget[0] < 0:
            raise SearchTooLong
        total = sum(sizes[r] for r in range(view.groups))
        sizes[view.total] = total
        total_cell = (SIZE, view.total)
        if total_cell in fixed and fixed[total_cell] != total:
            return False
        if not allowed(view, total_cell, total, total):
            return False
        return all(column_exists(view, column, sizes, fixed) for column in view.outcomes)

    def assign(i: int, left: int | None) -> bool:
        if i == len(rows):
            return (left is None or left == 0) and leaf()
        row = rows[i]
        if (
            view.knows.get((SIZE, view.total)) == "size<t"
            and sum(v for r, v in sizes.items() if r != view.total) >= view.t
        ):
            return False  # pruning only: the All row is known to hold fewer than t people
        if left is not None and i == len(rows) - 1:
            options = [left] if left in domain(row, left) else []
        else:
            options = domain(row, left)
        for value in options:
            sizes[row] = value
            if assign(i + 1, None if left is None else left - value):
                return True
        sizes.pop(row, None)
        return False

    return assign(0, remaining)


def column_exists(view: View, column: str, sizes: dict[int, int], fixed: dict) -> bool:
    """Whether the outcome column can be filled in: a bitset of reachable sums of its hidden cells."""
    reach, base = 1, 0
    for row in range(view.groups):
        cell, size = (column, row), sizes[row]
        if cell in view.shown:
            value = view.shown[cell]
            if value > size or not allowed(view, cell, value, size):
                return False
            base += value
            continue
        values = [fixed[cell]] if cell in fixed else range(size + 1)
        values = [v for v in values if 0 <= v <= size and allowed(view, cell, v, size)]
        if not values:
            return False
        new = 0
        for value in values:
            new |= reach << value
        reach = new
    total_size, total_cell = sizes[view.total], (column, view.total)
    if total_cell in view.shown:
        candidates = [view.shown[total_cell]]
    else:
        candidates = [fixed[total_cell]] if total_cell in fixed else range(total_size + 1)
    for total in candidates:
        if (
            total <= total_size
            and allowed(view, total_cell, total, total_size)
            and total >= base
            and (reach >> (total - base)) & 1
        ):
            return True
    return False


def second_value(view: View, cell, truth: dict, cap: int) -> int | None:
    """Another value of `cell` that some table agreeing with the view has, or None if it is pinned.
    Raises SearchTooLong if a candidate value could be neither confirmed nor ruled out."""
    if cell[0] != SIZE:  # quick answer: the other outcome values the true group sizes allow
        sizes = {r: truth[(SIZE, r)] for r in range(view.groups + 1)}
        for value in _near(truth[cell], cap):
            if column_exists(view, cell[0], sizes, {cell: value}):
                return value
    inconclusive = False
    for value in _near(truth[cell], cap):
        try:
            if table_exists(view, {cell: value}, truth, cap, [20_000]):
                return value
        except SearchTooLong:
            inconclusive = True
    if inconclusive:
        raise SearchTooLong(cell)
    return None


def _near(value: int, cap: int) -> list[int]:
    """0..cap without `value`, nearest first."""
    return sorted((v for v in range(cap + 1) if v != value), key=lambda v: (abs(v - value), v))


def truth_of(counts: pd.DataFrame, outcomes: list[str]) -> dict:
    truth = {}
    groups = len(counts)
    for column in [SIZE, *outcomes]:
        values = [int(v) for v in counts[column]]
        for row, value in enumerate(values):
            truth[(column, row)] = value
        truth[(column, groups)] = sum(values)
    return truth


# ----------------------------------------------------------------------------------------------------
# The properties


@given(breakdowns())
def test_total_minus_shown_recovers_nothing(case):
    """(a) Per column with a shown total: zero or at least two hidden group cells, and the hidden
    cells together hold at least t people, and not everyone in the hidden groups."""
    counts, outcomes, t = case
    result = suppress_breakdown(counts, GROUP, SIZE, outcomes, t)
    check_total_minus_shown(result, counts, outcomes, t)


def check_total_minus_shown(result, counts, outcomes, t) -> None:
    view = read_view(result, outcomes)
    truth = truth_of(counts, outcomes)
    for column in view.columns():
        if (column, view.total) not in view.shown:
            continue
        hidden = [r for r in range(view.groups) if (column, r) not in view.shown]
        assert len(hidden) != 1, f"{column}: the only hidden cell is total minus shown"
        if not hidden:
            continue
        pooled = view.shown[(column, view.total)] - sum(
            view.shown[(column, r)] for r in range(view.groups) if r not in hidden
        )
        assert pooled == sum(truth[(column, r)] for r in hidden)
        assert pooled >= t, f"{column}: hidden cells add up to {pooled}"
        if column != SIZE and (SIZE, view.total) in view.shown:
            sizes = view.shown[(SIZE, view.total)] - sum(
                view.shown[(SIZE, r)] for r in range(view.groups) if r not in hidden
            )
            assert sizes - pooled >= 1, f"{column}: the hidden cells are everyone in their groups"


@given(breakdowns())
def test_every_small_hidden_cell_has_a_second_consistent_value(case):
    """(b) For each hidden cell, the exact search finds another table that agrees with everything shown
    and differs in that cell."""
    counts, outcomes, t = case
    result = suppress_breakdown(counts, GROUP, SIZE, outcomes, t)
    check_second_values(result, counts, outcomes)


def check_second_values(result, counts, outcomes) -> None:
    view = read_view(result, outcomes)
    truth = truth_of(counts, outcomes)
    cap = truth[(SIZE, view.total)] + 2 * view.t + 2
    assert table_exists(view, {}, truth, cap, [10**6]), "the true table must agree with its own view"
    for cell in view.knows:  # cells hidden as small, and the cells hidden to protect them
        assert second_value(view, cell, truth, cap) is not None, f"{cell} (true {truth[cell]}) is pinned"


@given(breakdowns())
def test_shown_cells_are_publishable_and_rates_follow_counts(case):
    """(c) Shown counts pass the primary rule, shown rates are exact and only come with both counts."""
    counts, outcomes, t = case
    result = suppress_breakdown(counts, GROUP, SIZE, outcomes, t)
    check_shown_cells(result, counts, outcomes, t)


def check_shown_cells(result, counts, outcomes, t) -> None:
    table, hidden = result.table, result.hidden
    truth = truth_of(counts, outcomes)
    for row in range(len(table)):
        size = truth[(SIZE, row)]
        if not hidden[SIZE].iloc[row]:
            assert table[SIZE].iloc[row] == size and (t <= 1 or size >= t)
        for name in outcomes:
            reached, rate = truth[(name, row)], f"{name}_rate"
            if not hidden[name].iloc[row]:
                assert table[name].iloc[row] == reached
                assert t <= 1 or (reached >= t and reached < size)
            if not hidden[rate].iloc[row] and size:
                assert not hidden[name].iloc[row] and not hidden[SIZE].iloc[row]
                assert math.isclose(table[rate].iloc[row], reached / size)
            if hidden[name].iloc[row] or hidden[SIZE].iloc[row]:
                assert hidden[rate].iloc[row] and pd.isna(table[rate].iloc[row])
    if t <= 1:
        assert not hidden.to_numpy().any()


@given(breakdowns())
def test_input_untouched_and_output_deterministic(case):
    """(d) Pages call this on frames they keep using, and must get the same table every time."""
    counts, outcomes, t = case
    before = counts.copy(deep=True)
    first = suppress_breakdown(counts, GROUP, SIZE, outcomes, t)
    pd.testing.assert_frame_equal(counts, before)
    second = suppress_breakdown(counts.copy(), GROUP, SIZE, outcomes, t)
    for name in ("table", "hidden", "reasons"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name))
    assert first.total == second.total


# ----------------------------------------------------------------------------------------------------
# (e) The All row published elsewhere, (f) plain-language reasons


@given(breakdowns())
def test_a_published_total_is_hidden_only_by_the_primary_rules_and_attacks_still_fail(case):
    """(e) With total_published, the All row is what the group-less rules give it (a program's overall
    figures), and attacks (a)-(c) recover nothing."""
    counts, outcomes, t = case
    result = suppress_breakdown(counts, GROUP, SIZE, outcomes, t, total_published=True, labels=LABELS)
    truth = truth_of(counts, outcomes)
    groups = len(counts)
    size = truth[(SIZE, groups)]
    for column in [SIZE, *outcomes]:
        value = truth[(column, groups)]
        small = size < t or (column != SIZE and (value < t or value == size))
        assert bool(result.hidden[column].iloc[groups]) == (t > 1 and small), column
    check_total_minus_shown(result, counts, outcomes, t)
    check_second_values(result, counts, outcomes)
    check_shown_cells(result, counts, outcomes, t)


@given(breakdowns())
def test_reasons_are_plain_words_without_column_names(case):
    """(f) Every reason reads as words; with labels, none names a count column."""
    counts, outcomes, t = case
    for published in (False, True):
        result = suppress_breakdown(counts, GROUP, SIZE, outcomes, t, total_published=published, labels=LABELS)
        read_view(result, outcomes)  # every reason is one a reader can interpret
        for reason in set(result.reasons.to_numpy().ravel()) - {""}:
            assert not any(name in reason for name in [*outcomes, "_count", "_rate"]), reason
