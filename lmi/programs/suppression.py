"""Small-cell suppression for equity breakdowns (outcomes of a training program by sex, race/ethnicity,
age band, veteran, disability, justice-involved, English learner, long-term unemployed, displaced worker).

Every page that shows a breakdown goes through `suppress_breakdown` (or `suppress_counts`), so no page
can show a cell these rules hide. The input is one row per group with whole-number counts: the group's
people (the denominator) and how many of them reached each outcome (the numerators). The output is the
table to show, with a rate `<numerator>_rate` next to each numerator and a final "All" row.

The rules, and why each exists (t is the threshold, 10 unless configured):

1. Primary suppression.
   - A group (or the All row) with fewer than t people is hidden entirely: its size, its counts and its
     rates. Why: every number about a handful of people is about identifiable people.
   - An outcome count is hidden, with its rate, when fewer than t people reached the outcome OR fewer
     than t did not (the complement, denominator - numerator). Why: "97% of 35 people found work" tells
     that at most one person did not, which is as telling as a count of 1.
   - Zero is a count of fewer than t people and is hidden like any other small count. Why: "0 of 40
     people in this group got a credential" is a statement about every one of the 40; showing zeros would
     also tell readers that every other hidden cell is between 1 and t-1.
   - A threshold of 0 or 1 switches suppression off (t = 1 would hide only zeros, and a zero has nobody
     in it to protect, so the only effect would be to mislead). A rate whose denominator is 0 is then
     undefined and shown as missing, without being "hidden".
2. Rates are tied to counts (rate = numerator / denominator). A rate is shown only when both of its
   counts are shown. Why: a shown rate with a shown denominator gives the numerator back, and a shown
   rate with a shown numerator gives the denominator back. For the same reason a group whose size is
   hidden is hidden in every column ("complementary: group size hidden"): a shown outcome count under a
   hidden group size bounds that size and, with the All row, the other hidden sizes.
3. Complementary suppression. A reader who sees the All row can subtract the shown cells of a column
   from its total, and knows the arithmetic of the table (totals are sums of groups, 0 <= numerator <=
   denominator, whole people) and what the reasons say (a cell hidden as small is below t; a cell hidden
   to protect another is not). More cells are hidden, one at a time, until a fixed point where, in every
   column whose total is shown:
   a. no group cell, or at least two, are hidden (one hidden cell is just total minus shown);
   b. the hidden cells together (which anyone can compute as total minus shown) hold at least t people,
      and, in an outcome column, at least t people without the outcome: the merged group of hidden cells
      must itself be publishable, or suppression would publish a small group after all;
   and, in every column: c. every cell hidden as small (and every count of a group hidden as small) can be
   moved by at least one person without contradicting anything shown. This is checked by building the
   alternative table: move one outcome between two hidden cells of a column, or one person (with any
   set of outcomes) between two hidden groups, or into or out of a hidden total, and check every
   constraint above, including what the reasons reveal.
   The cell hidden to fix a column is the smallest shown group cell in that column that fixes it (the
   least information lost), else the smallest one (and the loop goes on), and the column's total only
   when no group cell is left or none helps (e.g. a 0 next to a 10 whose total is 10: a reader who knows
   the 10 is not small knows it is 10 and the 0 is 0, so only hiding the total protects them). When a
   cell still cannot be protected that way, other shown cells are hidden, smallest first, up to the whole
   table; and if even then the reasons would pin a cell (two groups of 1 with t = 2: "each below 2, the
   total not below 2" means both are 1), every cell gets the same neutral reason.
4. Totals are computed from the groups given, and are assumed published: the rules above hold even with
   include_total=False, which only leaves the All row out of the returned frames. A total can itself be
   hidden (too small, or rule 3 as a last resort); anything that shows program totals elsewhere must
   take them from the All row of this result (`SuppressedBreakdown.total`) to keep the guarantee.

The guarantee, for a reader who sees every shown count and rate and the All row, knows t and these rules,
reads the reasons, and uses the arithmetic above: no hidden cell can be worked out as total minus shown;
every cell hidden as small has at least two whole-number values consistent with everything shown (we
construct the second one); and no column's hidden cells add up, in people or in people without the
outcome, to fewer than t. Not promised: a reader may still narrow a hidden cell (e.g. learn it is at
least 3); a cell hidden only to protect others is not small, so it gets rules 3a-b but not 3c; differencing this table against another one (the same program filtered differently, another
period) is not prevented here; and a reader who replays the order in which complementary cells are
chosen (smallest first) may learn more than the arithmetic alone gives.
"""

from __future__ import annotations

import itertools
import math
import numbers
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import pandas as pd

DEFAULT_THRESHOLD = 10
TOTAL_LABEL = "All"
RATE_SUFFIX = "_rate"

# How a hidden cell is classified; this is what its reason tells a reader about its value.
PRIMARY = "primary"  # below the threshold (a count) or below it on either side (an outcome)
GROUP_SMALL = "group_small"  # an outcome count of a group hidden as small: bounded by the group's size
COMPLEMENTARY = "complementary"  # hidden to protect others: the cell itself passes the primary rule
TABLE_HIDDEN = "too few people to show any cell of this table safely (threshold {t})"

Cell = tuple[str, int]  # (count column, row position); the last row position is the All row


@dataclass(frozen=True)
class SuppressedBreakdown:
    """The table to show and, cell by cell, whether it is hidden and why.

    `table` has one row per group and, when include_total, a final "All" row; count columns are nullable
    Int64 and rate columns Float64, pd.NA where hidden. `hidden` and `reasons` have the same shape: True
    where hidden, and "" or the reason ("fewer than 10 people", "complementary: ...").
    """

    table: pd.DataFrame
    hidden: pd.DataFrame
    reasons: pd.DataFrame
    threshold: int
    total: dict[str, object] = field(default_factory=dict)
    """The All row as it may be shown (pd.NA where hidden), also with include_total=False: pages that
    show program totals elsewhere must take them from here to keep the guarantee (rule 4)."""


def is_publishable(n: int, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """Whether a count of n people may be shown on its own (n >= threshold; everything when the
    threshold is 0 or 1, which switches suppression off). Zero is not publishable: see the module
    docstring."""
    t = _check_threshold(threshold)
    count = _whole_number(n, "n")
    return t <= 1 or count >= t


def is_outcome_publishable(numerator: int, denominator: int, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """Whether an outcome count (and so its rate) may be shown on its own: the group, the people who
    reached it and the people who did not all number at least the threshold."""
    t = _check_threshold(threshold)
    n, d = _whole_number(numerator, "numerator"), _whole_number(denominator, "denominator")
    if n > d:
        raise ValueError(f"numerator {n} exceeds denominator {d}")
    return t <= 1 or (d >= t and n >= t and d - n >= t)


def suppress_breakdown(
    counts: pd.DataFrame,
    group_column: str,
    denominator_column: str,
    numerator_columns: Sequence[str],
    threshold: int = DEFAULT_THRESHOLD,
    include_total: bool = True,
) -> SuppressedBreakdown:
    """counts: one row per group with non-negative integer counts: the group's people (denominator) and
    how many of them reached each outcome (numerators, each <= denominator). Returns the table to show:
    group, denominator, then each numerator followed by its rate column '<numerator>_rate' =
    numerator/denominator, with the rules of the module docstring applied. Raises ValueError naming the
    group and column of the first bad count. The input frame is not modified. A single numerator may be
    given as a plain string."""
    t = _check_threshold(threshold)
    numerators = [numerator_columns] if isinstance(numerator_columns, str) else list(numerator_columns)
    _check_columns(counts, group_column, denominator_column, numerators)
    groups = _read_groups(counts, group_column)
    values = _read_counts(counts, groups, denominator_column, numerators)
    grid = _Grid(denominator_column, numerators, values, t)
    if t > 1:
        _apply_primary(grid)
        _apply_complementary(grid)
    return _publish(grid, groups, group_column, include_total)


def suppress_counts(
    counts: pd.Series | pd.DataFrame,
    threshold: int = DEFAULT_THRESHOLD,
    *,
    group_column: str | None = None,
    count_column: str | None = None,
    include_total: bool = True,
) -> SuppressedBreakdown:
    """Suppression for a single column of counts with a total (e.g. enrollment by group): a Series
    indexed by group, or a frame with a group column and a count column (the first two columns unless
    named). The same rules as `suppress_breakdown` with no outcomes."""
    if isinstance(counts, pd.Series):
        group_column = group_column or (counts.index.name if isinstance(counts.index.name, str) else "group")
        count_column = count_column or (counts.name if isinstance(counts.name, str) else "count")
        frame = pd.DataFrame({group_column: list(counts.index), count_column: list(counts.array)})
    else:
        frame = counts
        if group_column is None or count_column is None:
            if len(frame.columns) < 2:
                raise ValueError("suppress_counts needs a group column and a count column")
            group_column = group_column or frame.columns[0]
            count_column = count_column or frame.columns[1]
    return suppress_breakdown(frame, group_column, count_column, [], threshold, include_total)


# ----------------------------------------------------------------------------------------------------
# Reading and checking the input


def _check_threshold(threshold: object) -> int:
    """Thresholds are whole numbers >= 0; anything else is a caller bug we refuse to guess about."""
    if isinstance(threshold, bool) or not isinstance(threshold, numbers.Integral):
        raise ValueError(f"threshold must be a whole number, got {threshold!r}")
    if threshold < 0:
        raise ValueError(f"threshold must be >= 0, got {threshold}")
    return int(threshold)


def _whole_number(value: object, where: str) -> int:
    """A count as a Python int: non-negative and whole (3.0 is accepted, 3.5, NaN, True and '3' are not),
    because a fractional or missing count means the caller's aggregation went wrong."""
    if isinstance(value, bool) or value is None or value is pd.NA:
        raise ValueError(f"{where}: count must be a non-negative whole number, got {value!r}")
    if isinstance(value, numbers.Integral):
        number = int(value)
    elif isinstance(value, numbers.Real) and math.isfinite(value) and float(value).is_integer():
        number = int(value)
    else:
        raise ValueError(f"{where}: count must be a non-negative whole number, got {value!r}")
    if number < 0:
        raise ValueError(f"{where}: count must be a non-negative whole number, got {number}")
    return number


def _check_columns(counts: pd.DataFrame, group_column: str, denominator_column: str, numerators: list[str]) -> None:
    """Every named column exists, and the output column names (group, counts, rates) do not collide."""
    if not isinstance(counts, pd.DataFrame):
        raise ValueError("counts must be a pandas DataFrame")
    for column in [group_column, denominator_column, *numerators]:
        if column not in counts.columns:
            raise ValueError(f"column {column!r} not in counts")
    output = [group_column, denominator_column, *numerators, *(n + RATE_SUFFIX for n in numerators)]
    if len(set(output)) != len(output):
        raise ValueError(f"column names collide in the output: {output}")


def _read_groups(counts: pd.DataFrame, group_column: str) -> list[object]:
    """Group labels, in input order; missing, repeated or "All" labels are refused because the table
    (and the total computed from it) would be ambiguous, e.g. a total row passed in as a group."""
    groups = list(counts[group_column])
    for label in groups:
        if label is None or label is pd.NA or (isinstance(label, float) and math.isnan(label)):
            raise ValueError(f"column {group_column!r}: a group label is missing")
    if len(set(groups)) != len(groups):
        raise ValueError(f"column {group_column!r}: group labels repeat")
    if TOTAL_LABEL in groups:
        raise ValueError(f"group {TOTAL_LABEL!r}: pass groups only, the total row is computed here")
    return groups


def _read_counts(
    counts: pd.DataFrame, groups: list[object], denominator: str, numerators: list[str]
) -> dict[str, list[int]]:
    """Counts per column, group rows then the All row (their sum), checked row by row so the error
    names the group and column."""
    values: dict[str, list[int]] = {column: [] for column in [denominator, *numerators]}
    for position, group in enumerate(groups):
        row = counts.iloc[position]
        d = _whole_number(row[denominator], f"group {group!r}, column {denominator!r}")
        values[denominator].append(d)
        for column in numerators:
            n = _whole_number(row[column], f"group {group!r}, column {column!r}")
            if n > d:
                raise ValueError(f"group {group!r}, column {column!r}: {n} exceeds the group's {denominator!r} ({d})")
            values[column].append(n)
    for column in values:
        values[column].append(sum(values[column]))
    return values


# ----------------------------------------------------------------------------------------------------
# The grid of counts and what is hidden


class _Grid:
    """The counts (group rows, then the All row) with the hidden cells, their reasons and classes."""

    def __init__(self, denominator: str, numerators: list[str], values: dict[str, list[int]], threshold: int) -> None:
        self.denominator = denominator
        self.numerators = numerators
        self.values = values
        self.threshold = threshold
        self.reasons: dict[Cell, str] = {}
        self.kinds: dict[Cell, str] = {}

    @property
    def total(self) -> int:
        """Row position of the All row."""
        return len(self.values[self.denominator]) - 1

    @property
    def columns(self) -> list[str]:
        return [self.denominator, *self.numerators]

    def value(self, cell: Cell) -> int:
        return self.values[cell[0]][cell[1]]

    def is_hidden(self, cell: Cell) -> bool:
        return cell in self.kinds

    def hide(self, cell: Cell, kind: str, reason: str) -> None:
        """Hide a cell unless already hidden (the first reason is the one that counts)."""
        if cell not in self.kinds:
            self.kinds[cell] = kind
            self.reasons[cell] = reason

    def copy(self) -> _Grid:
        """A copy sharing the (never modified) counts, for trying out one more hidden cell."""
        other = _Grid(self.denominator, self.numerators, self.values, self.threshold)
        other.reasons = dict(self.reasons)
        other.kinds = dict(self.kinds)
        return other

    def shown_cells(self) -> list[Cell]:
        return [(c, r) for c in self.columns for r in range(self.total + 1) if (c, r) not in self.kinds]


def _primary_reason(grid: _Grid, column: str) -> str:
    t = grid.threshold
    if column == grid.denominator:
        return f"fewer than {t} people"
    return f"fewer than {t} people with or without this outcome"


def _apply_primary(grid: _Grid) -> None:
    """Rule 1: small groups entirely, small outcome counts and small complements (zeros included)."""
    t, d = grid.threshold, grid.denominator
    for row in range(grid.total + 1):
        size = grid.values[d][row]
        if size < t:
            grid.hide((d, row), PRIMARY, _primary_reason(grid, d))
            for column in grid.numerators:
                grid.hide((column, row), GROUP_SMALL, f"group has fewer than {t} people")
            continue
        for column in grid.numerators:
            reached = grid.values[column][row]
            if reached < t or size - reached < t:
                grid.hide((column, row), PRIMARY, _primary_reason(grid, column))


# ----------------------------------------------------------------------------------------------------
# Complementary suppression


def _apply_complementary(grid: _Grid) -> None:
    """Rules 2-3: hide one more cell at a time until nothing is recoverable (a fixed point)."""
    while True:
        _complete_rows(grid)
        fix = _next_fix(grid)
        if fix is None:
            break
        cell, reason = fix
        grid.hide(cell, COMPLEMENTARY, reason)
    if _unprotected_cells(grid):
        _neutral_reasons(grid)


def _neutral_reasons(grid: _Grid) -> None:
    """Last resort, reached only with every cell hidden: the reasons themselves would pin a cell (two
    groups of 1 with t = 2: "each below 2, the total not below 2" means both are 1), so every cell gets
    the same reason, which says nothing about any one of them."""
    for cell in grid.kinds:
        grid.kinds[cell] = GROUP_SMALL
        grid.reasons[cell] = TABLE_HIDDEN.format(t=grid.threshold)


def _complete_rows(grid: _Grid) -> None:
    """A group whose size is hidden is hidden in every column (rule 2)."""
    for row in range(grid.total):
        if grid.is_hidden((grid.denominator, row)):
            for column in grid.numerators:
                grid.hide((column, row), COMPLEMENTARY, "complementary: group size hidden")


def _with_hidden(grid: _Grid, cell: Cell) -> _Grid:
    """The grid as it would be with one more complementary cell (and its row completed)."""
    trial = grid.copy()
    trial.hide(cell, COMPLEMENTARY, "trial")
    _complete_rows(trial)
    return trial


def _complement_reason(grid: _Grid, cell: Cell, column: str) -> str:
    if cell[1] == grid.total:
        return f"complementary: total hidden to protect hidden cells in {column}"
    return f"complementary: protects hidden cells in {column}"


def _next_fix(grid: _Grid) -> tuple[Cell, str] | None:
    """The next cell to hide and why, or None at the fixed point. Column sums first (rules 3a-b), then
    cells that could be pinned down (rule 3c)."""
    for column in grid.columns:
        if _column_problem(grid, column):
            cell = _fix_for_column(grid, column)
            return cell, _complement_reason(grid, cell, column)
    for target in _unprotected_cells(grid):
        cell = _fix_for_cell(grid, target)
        if cell is not None:
            return cell, _complement_reason(grid, cell, target[0])
    return None


def _hidden_group_rows(grid: _Grid, column: str) -> list[int]:
    return [row for row in range(grid.total) if grid.is_hidden((column, row))]


def _column_problem(grid: _Grid, column: str) -> str | None:
    """Why total-minus-shown gives something away in this column (rules 3a-b), or None."""
    if grid.is_hidden((column, grid.total)):
        return None
    rows = _hidden_group_rows(grid, column)
    if not rows:
        return None
    if len(rows) == 1:
        return "one hidden cell is total minus shown"
    t = grid.threshold
    pooled = sum(grid.values[column][row] for row in rows)
    if pooled < t:
        return f"hidden cells add up to fewer than {t}"
    if column != grid.denominator and _pooled_size_known(grid, rows):
        without = sum(grid.values[grid.denominator][row] for row in rows) - pooled
        if without < t:
            return f"hidden cells add up to fewer than {t} people without the outcome"
    return None


def _pooled_size_known(grid: _Grid, rows: list[int]) -> bool:
    """Whether a reader can add up the group sizes of these rows: each is shown, or the All-row size is
    shown (the rows outside them all show their size, since a hidden size hides the whole row)."""
    d = grid.denominator
    return not grid.is_hidden((d, grid.total)) or all(not grid.is_hidden((d, row)) for row in rows)


def _shown_group_cells(grid: _Grid, column: str) -> list[Cell]:
    """Shown group cells of a column, smallest first: the cheapest ones to hide."""
    cells = [(column, row) for row in range(grid.total) if not grid.is_hidden((column, row))]
    return sorted(cells, key=lambda cell: (grid.value(cell), cell[1]))


def _fix_for_column(grid: _Grid, column: str) -> Cell:
    """The smallest shown group cell whose hiding fixes the column, else the smallest, else the total."""
    candidates = _shown_group_cells(grid, column)
    for cell in candidates:
        if not _column_problem(_with_hidden(grid, cell), column):
            return cell
    return candidates[0] if candidates else (column, grid.total)


def _fix_for_cell(grid: _Grid, target: Cell) -> Cell | None:
    """A shown cell whose hiding lets the target move: the same column's groups (smallest first), then
    its total, then the rest of the table (smallest first). If none does it alone, the first candidate,
    and the loop continues; None only when the whole table is hidden."""
    column = target[0]
    candidates = _shown_group_cells(grid, column)
    if not grid.is_hidden((column, grid.total)):
        candidates.append((column, grid.total))
    rest = sorted(
        (cell for cell in grid.shown_cells() if cell not in candidates),
        key=lambda cell: (cell[1] == grid.total, grid.value(cell), cell[1], cell[0]),
    )
    candidates.extend(rest)
    for cell in candidates:
        if _is_protected(_with_hidden(grid, cell), target):
            return cell
    return candidates[0] if candidates else None


# ----------------------------------------------------------------------------------------------------
# Protection check: build an alternative table that differs in the cell and matches everything shown


def _unprotected_cells(grid: _Grid) -> list[Cell]:
    """Cells hidden as small (or counts of a small group) that no alternative table moves."""
    cells = [cell for cell, kind in grid.kinds.items() if kind != COMPLEMENTARY]
    return [
        cell for cell in sorted(cells, key=lambda c: (c[1], grid.columns.index(c[0]))) if not _is_protected(grid, cell)
    ]


def _is_protected(grid: _Grid, cell: Cell) -> bool:
    """Whether some one-person or one-outcome move changes this cell and contradicts nothing shown."""
    return any(_move_is_consistent(grid, move) for move in _moves_touching(grid, cell))


def _moves_touching(grid: _Grid, cell: Cell) -> Iterator[dict[Cell, int]]:
    """Changes (cell -> +1/-1) that keep every column total: one outcome moved between two hidden cells
    of a column or into a hidden total, or one person (with any set J of outcomes) moved between two
    hidden groups or into a hidden All row. Only hidden cells change."""
    column, row = cell
    for sign in (1, -1):
        if column == grid.denominator:
            yield from _person_moves(grid, row, sign, required=None)
        else:
            yield from _outcome_moves(grid, column, row, sign)
            yield from _person_moves(grid, row, sign, required=column)


def _outcome_moves(grid: _Grid, column: str, row: int, sign: int) -> Iterator[dict[Cell, int]]:
    total = grid.total
    if row == total:
        for other in _hidden_group_rows(grid, column):
            yield {(column, other): sign, (column, total): sign}
        return
    for other in _hidden_group_rows(grid, column):
        if other != row:
            yield {(column, row): sign, (column, other): -sign}
    if grid.is_hidden((column, total)):
        yield {(column, row): sign, (column, total): sign}


def _person_moves(grid: _Grid, row: int, sign: int, required: str | None) -> Iterator[dict[Cell, int]]:
    """Moves of one person with outcomes J (containing `required` if given) that change `row`."""
    d, total = grid.denominator, grid.total
    if not grid.is_hidden((d, row)):
        return
    hidden_rows = [r for r in range(total) if grid.is_hidden((d, r))]
    if row == total:
        pairs = [(other, +1) for other in hidden_rows]  # the All row changes with the group
    else:
        pairs = [(other, -1) for other in hidden_rows if other != row]
        if grid.is_hidden((d, total)):
            pairs.append((total, +1))
    for other, direction in pairs:
        usable = [c for c in grid.numerators if all(grid.is_hidden((c, r)) for r in (row, other))]
        for size in range(len(usable) + 1):
            for outcomes in itertools.combinations(usable, size):
                if required is not None and required not in outcomes:
                    continue
                move = {(d, row): sign, (d, other): sign * direction}
                for c in outcomes:
                    move[(c, row)] = sign
                    move[(c, other)] = sign * direction
                yield move


def _move_is_consistent(grid: _Grid, move: dict[Cell, int]) -> bool:
    """Whether the table with this change satisfies everything a reader knows about every row it
    touches: whole non-negative counts, outcome <= group size, and each cell's class."""
    if any(not grid.is_hidden(cell) for cell in move):
        return False
    rows = {row for _, row in move}
    return all(_row_is_consistent(grid, row, move) for row in rows)


def _row_is_consistent(grid: _Grid, row: int, move: dict[Cell, int]) -> bool:
    d = grid.denominator
    size = grid.values[d][row] + move.get((d, row), 0)
    if size < 0 or not _class_allows(grid, (d, row), size, size):
        return False
    for column in grid.numerators:
        reached = grid.values[column][row] + move.get((column, row), 0)
        if reached < 0 or reached > size or not _class_allows(grid, (column, row), reached, size):
            return False
    return True


def _class_allows(grid: _Grid, cell: Cell, value: int, size: int) -> bool:
    """What a reader knows about a cell from whether it is shown and from its reason."""
    t = grid.threshold
    kind = grid.kinds.get(cell)
    is_size = cell[0] == grid.denominator
    if kind == GROUP_SMALL:
        return True  # bounded by its group's size, itself known to be small
    if kind == PRIMARY:
        return value < t if is_size else (value < t or size - value < t)
    # shown, or hidden only to protect others: the cell passes the primary rule
    return value >= t if is_size else (value >= t and size - value >= t)


# ----------------------------------------------------------------------------------------------------
# Output


def _publish(grid: _Grid, groups: list[object], group_column: str, include_total: bool) -> SuppressedBreakdown:
    """The table, hidden mask and reasons as frames; counts Int64 and rates Float64, pd.NA if hidden."""
    rows = list(range(grid.total + 1 if include_total else grid.total))
    labels = [groups[r] if r < grid.total else TOTAL_LABEL for r in rows]
    table: dict[str, list] = {group_column: labels}
    hidden: dict[str, list] = {group_column: [False] * len(rows)}
    reasons: dict[str, list] = {group_column: [""] * len(rows)}
    d = grid.denominator
    _publish_count(grid, d, rows, table, hidden, reasons)
    for column in grid.numerators:
        _publish_count(grid, column, rows, table, hidden, reasons)
        _publish_rate(grid, column, rows, table, hidden, reasons)
    rate_names = {column + RATE_SUFFIX for column in grid.numerators}
    frame = pd.DataFrame(
        {name: _column_array(values, name, group_column, rate_names) for name, values in table.items()}
    )
    return SuppressedBreakdown(
        table=frame,
        hidden=pd.DataFrame(hidden).astype(bool),
        reasons=pd.DataFrame(reasons).astype(object),
        threshold=grid.threshold,
        total=_total_values(grid),
    )


def _column_array(values: list, name: str, group_column: str, rate_names: set[str]):
    if name == group_column:
        return pd.Series(values, dtype=object)
    return pd.array(values, dtype="Float64" if name in rate_names else "Int64")


def _publish_count(grid, column, rows, table, hidden, reasons) -> None:
    cells = [(column, r) for r in rows]
    table[column] = [pd.NA if grid.is_hidden(c) else grid.value(c) for c in cells]
    hidden[column] = [grid.is_hidden(c) for c in cells]
    reasons[column] = [grid.reasons.get(c, "") for c in cells]


def _publish_rate(grid, column, rows, table, hidden, reasons) -> None:
    """A rate is shown only with both of its counts (rule 2); it carries the reason of the hidden one."""
    d, name = grid.denominator, column + RATE_SUFFIX
    table[name], hidden[name], reasons[name] = [], [], []
    for r in rows:
        why = grid.reasons.get((column, r)) or grid.reasons.get((d, r)) or ""
        size = grid.values[d][r]
        table[name].append(pd.NA if why or size == 0 else grid.values[column][r] / size)
        hidden[name].append(bool(why))
        reasons[name].append(why)


def _total_values(grid: _Grid) -> dict[str, object]:
    total, d = grid.total, grid.denominator
    out: dict[str, object] = {}
    for column in grid.columns:
        out[column] = pd.NA if grid.is_hidden((column, total)) else grid.values[column][total]
    for column in grid.numerators:
        shown = not grid.is_hidden((column, total)) and not grid.is_hidden((d, total))
        size = grid.values[d][total]
        out[column + RATE_SUFFIX] = grid.values[column][total] / size if shown and size else pd.NA
    return out
