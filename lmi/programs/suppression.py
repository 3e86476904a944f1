"""Small-cell suppression for outcome tables (a program's outcomes by sex, race/ethnicity, age band, veteran,
disability, justice-involved, English learner, long-term unemployed, displaced worker, exit cohort).

Every page that shows a breakdown goes through `suppress_breakdown` (or `suppress_counts`), so no page can
show a cell these rules hide. The input is one row per group with whole-number counts: the group's people
(the denominator) and how many of them reached each outcome (the numerators). The output is the table to
show, with a rate `<numerator>_rate` next to each numerator and a final "All" row. The aim is to protect
every small cell while hiding as little as possible: a figure that is safe to publish is published.

The rules, and why each exists (t is the threshold, 10 unless configured):

1. Primary suppression (what is a small cell).
   - A group (or the All row) with fewer than t people is hidden entirely: its size, its counts and its
     rates. Why: every number about a handful of people is about identifiable people.
   - An outcome count is hidden, with its rate, when fewer than t people reached the outcome, or when
     everyone in the group did. Why: "3 people got a credential" is about 3 identifiable people; "all 40
     found work" (a rate of 100%) tells the outcome of every one of the 40, as "0 of 40" does. A group
     in which most but not all reached the outcome is published: "99 of 108 found work" tells no one's
     outcome (the 9 who did not are not named by it), and hiding it would hide the figure a program is
     judged on. Zero is a count of fewer than t people and is hidden like any other small count.
   - A threshold of 0 or 1 switches suppression off (t = 1 would hide only zeros and 100%s, which is
     not protection). A rate whose denominator is 0 is then undefined and shown as missing, without
     being "hidden".
2. Rates are tied to counts (rate = numerator / denominator). A rate is shown only when both of its
   counts are shown. Why: a shown rate with a shown denominator gives the numerator back, and a shown
   rate with a shown numerator gives the denominator back. For the same reason a group whose size is
   hidden is hidden in every column: a shown outcome count under a hidden group size bounds that size
   and, with the All row, the other hidden sizes.
3. Complementary suppression. A reader who sees the All row can subtract the shown cells of a column
   from its total, and knows the arithmetic of the table (totals are sums of groups, 0 <= numerator <=
   denominator, whole people) and what the reasons say (a cell hidden as small is below t or the whole
   group; a cell hidden to protect another is neither). More cells are hidden, one at a time, until a
   fixed point where, in every column whose total is shown:
   a. no group cell, or at least two, are hidden (one hidden cell is just total minus shown);
   b. the hidden cells together (which anyone can compute as total minus shown) hold at least t people
      and, in an outcome column, are not everyone in the hidden groups: the merged group of hidden cells
      must itself be publishable, or suppression would publish a small cell after all;
   and, in every column: c. every hidden cell (first those hidden as small, and the counts of a group hidden
   as small; then those hidden to protect them, which must not be worked out either) has a second value
   consistent with everything shown. This is checked by building the alternative table:
   in its column, any other value its reason allows, with the column's other hidden cells and its hidden
   total taking any values theirs allow (an exact subset-sum over the column, group sizes as they are);
   or one person (with any set of outcomes) moved between two hidden groups, or into or out of a hidden
   total; checking every constraint above, including what the reasons reveal.
   The cell hidden next is the one that hides least: among the shown group cells of the column, the
   one whose hiding fixes the column, fewest figures lost first (a group size takes its row with it),
   then the smallest; else the cheapest one (and the loop goes on). A column's total is hidden only when
   no group cell is left or none helps (e.g. a 0 next to a 10 whose total is 10: a reader who knows the
   10 is not small knows it is 10 and the 0 is 0, so only hiding the total protects them) and the total
   is not published elsewhere (see 4). When a cell still cannot be protected that way, other shown
   cells are hidden, cheapest first, up to the whole table; and if even then the reasons would pin a
   cell (two groups of 1 with t = 2: "each below 2, the total not below 2" means both are 1), every cell
   gets the same neutral reason.
4. Totals are computed from the groups given. With total_published=True the All row is a figure shown
   elsewhere (a program's overall figures, published when they are not small cells): it is then hidden
   only by the primary rules, never to protect a group, and where a small cell of a column cannot be
   protected by hiding other group cells, every group cell of that column is hidden with one reason that
   says nothing about any of them (with all group cells hidden, the published total gives only their
   sum). Without it, a total can itself be hidden (rule 3, as a last resort), and anything that shows
   the total elsewhere must take it from the All row of this result (`SuppressedBreakdown.total`).
   include_total=False only leaves the All row out of the returned frames; the rules are the same.

Reasons are plain words for the reader; ``labels`` maps a count column to what it counts ("people who
exited", an English message id), so no reason shows a column's name. A result keeps each reason as a message in
no language (``SuppressedBreakdown.reason_keys``: ``lmi.records.messages.Message`` as JSON) and gives it in the
reader's language (``SuppressedBreakdown.reasons``), since programs' published tables are computed once per
import and stored (``lmi.programs.published``) for readers of either language. A change to these rules must bump
``published.METHOD`` so that tables made under the old rules are made again.

The guarantee, for a reader who sees every shown count and rate and the All row, knows t and these rules,
reads the reasons, and uses the arithmetic above: no hidden cell can be worked out as total minus shown;
every cell hidden as small has at least two whole-number values consistent with everything shown (we
construct the second one), and so has every other hidden cell unless even the last resort of rule 3 could
not manage it; no column's hidden cells add up to fewer than t people, or to everyone in the hidden groups;
no shown count is a small cell. Not promised: a reader may still narrow a hidden cell (e.g. learn it is at
least 3); relations between outcome columns (a placement is a completion) are not used to hide more;
differencing this table against another one (the same program filtered differently, another period) is
not prevented here; and a reader who replays the order in which complementary cells are chosen may learn
more than the arithmetic alone gives.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lmi.i18n import N_
from lmi.records.messages import Message, say

DEFAULT_THRESHOLD = 10
TOTAL_LABEL = "All"
RATE_SUFFIX = "_rate"

# How a hidden cell is classified; this is what its reason tells a reader about its value.
PRIMARY = "primary"  # below the threshold (a size); below it or the whole group (an outcome)
GROUP_SMALL = "group_small"  # an outcome count of a group hidden as small: bounded by the group's size
COMPLEMENTARY = "complementary"  # hidden to protect others: the cell itself passes the primary rule
NEUTRAL = "neutral"  # hidden with its whole column or table: the reason says nothing about the value

# The reasons a reader sees ({t}: the threshold, {what}: what the column counts, e.g. "people who exited").
REASON_SMALL_GROUP = N_("fewer than {t} people in this group")
REASON_SMALL_OUTCOME = N_("fewer than {t} {what}, or the whole group")
REASON_IN_SMALL_GROUP = N_("this group has fewer than {t} people")
REASON_ROW = N_("hidden with the size of this group")
REASON_PROTECTS = N_("hidden so that small numbers of {what} cannot be worked out from the total")
REASON_PROTECTS_TOTAL = N_("total hidden so that small numbers of {what} cannot be worked out from it")
REASON_COLUMN = N_("every group is hidden for {what}: hiding fewer could not protect a small one")
REASON_TABLE = N_("too few people to show any figure of this table safely (threshold {t})")

Cell = tuple[str, int]  # (count column, row position); the last row position is the All row
Intervals = list[tuple[int, int]]  # allowed values of a cell: inclusive (low, high) ranges


@dataclass(frozen=True)
class SuppressedBreakdown:
    """The table to show and, cell by cell, whether it is hidden and why.

    `table` has one row per group and, when include_total, a final "All" row; count columns are nullable
    Int64 and rate columns Float64, pd.NA where hidden. `hidden` and `reason_keys` have the same shape: True
    where hidden, and "" or the reason as a message in no language (``reason_key``); `reasons` gives the
    reasons in plain words, in the current language.
    """

    table: pd.DataFrame
    hidden: pd.DataFrame
    reason_keys: pd.DataFrame
    threshold: int
    total: dict[str, object] = field(default_factory=dict)
    """The All row as it may be shown (pd.NA where hidden), also with include_total=False: pages that
    show program totals elsewhere must take them from here to keep the guarantee (rule 4)."""

    @property
    def reasons(self) -> pd.DataFrame:
        """Why each cell is hidden, in plain words in the current language ("" where shown)."""
        keys = self.reason_keys
        words = {key: reason_words(key) for key in set(keys.to_numpy().ravel().tolist())}
        block = _object_block([[words[key] for key in keys[column].tolist()] for column in keys.columns])
        return pd.DataFrame(block, index=keys.index, columns=keys.columns, dtype=object)


def reason_key(reason: str, **values) -> str:
    """A reason (one of the ``REASON_*`` message ids, or another marked with ``N_``) with its values, as kept in
    ``reason_keys``. A value that is itself words (what a column counts) is given as a message id and translated
    with the reason."""
    return Message(reason, tuple((name, say(v) if name == "what" else v) for name, v in values.items())).to_json()


def reason_words(key: str) -> str:
    """A kept reason in the current language; text that is not a kept message (words given directly) as it is."""
    if not key or not key.startswith("{"):
        return key
    return Message.from_json(key).text()


def is_publishable(n: int, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """Whether a count of n people may be shown on its own (n >= threshold; everything when the
    threshold is 0 or 1, which switches suppression off). Zero is not publishable: see the module
    docstring."""
    t = _check_threshold(threshold)
    count = _whole_number(n, "n")
    return t <= 1 or count >= t


def is_outcome_publishable(numerator: int, denominator: int, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """Whether an outcome count (and so its rate) may be shown on its own: the group and the people who
    reached it number at least the threshold, and not everyone in the group reached it."""
    t = _check_threshold(threshold)
    n, d = _whole_number(numerator, "numerator"), _whole_number(denominator, "denominator")
    if n > d:
        raise ValueError(f"numerator {n} exceeds denominator {d}")
    return t <= 1 or (d >= t and n >= t and n < d)


def suppress_breakdown(
    counts: pd.DataFrame,
    group_column: str,
    denominator_column: str,
    numerator_columns: Sequence[str],
    threshold: int = DEFAULT_THRESHOLD,
    include_total: bool = True,
    *,
    total_published: bool = False,
    labels: Mapping[str, str] | None = None,
) -> SuppressedBreakdown:
    """counts: one row per group with non-negative integer counts: the group's people (denominator) and
    how many of them reached each outcome (numerators, each <= denominator). Returns the table to show:
    group, denominator, then each numerator followed by its rate column '<numerator>_rate' =
    numerator/denominator, with the rules of the module docstring applied. ``total_published``: the All
    row is shown elsewhere, so it is hidden only by the primary rules (rule 4). ``labels``: what each count
    column counts, in words, for the reasons. Raises ValueError naming the group and column of the first
    bad count. The input frame is not modified. A single numerator may be given as a plain string."""
    t = _check_threshold(threshold)
    numerators = [numerator_columns] if isinstance(numerator_columns, str) else list(numerator_columns)
    _check_columns(counts, group_column, denominator_column, numerators)
    groups = _read_groups(counts, group_column)
    values = _read_counts(counts, groups, denominator_column, numerators)
    grid = _Grid(denominator_column, numerators, values, t, total_published, dict(labels or {}))
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
    total_published: bool = False,
    labels: Mapping[str, str] | None = None,
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
    return suppress_breakdown(
        frame,
        group_column,
        count_column,
        [],
        threshold,
        include_total,
        total_published=total_published,
        labels=labels,
    )


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
    columns = {column: counts[column].tolist() for column in values}
    for position, group in enumerate(groups):
        d = _whole_number(columns[denominator][position], f"group {group!r}, column {denominator!r}")
        values[denominator].append(d)
        for column in numerators:
            n = _whole_number(columns[column][position], f"group {group!r}, column {column!r}")
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

    def __init__(
        self,
        denominator: str,
        numerators: list[str],
        values: dict[str, list[int]],
        threshold: int,
        locked_total: bool = False,
        labels: dict[str, str] | None = None,
    ) -> None:
        self.denominator = denominator
        self.numerators = numerators
        self.values = values
        self.threshold = threshold
        self.locked_total = locked_total
        self.labels = labels or {}
        self.reasons: dict[Cell, str] = {}
        self.kinds: dict[Cell, str] = {}
        self.small: set[Cell] = set()  # cells hidden as small (or in a small group): the ones rule 3c protects

    @property
    def total(self) -> int:
        """Row position of the All row."""
        return len(self.values[self.denominator]) - 1

    @property
    def columns(self) -> list[str]:
        return [self.denominator, *self.numerators]

    def what(self, column: str) -> str:
        """What a column counts, in words ("people who exited": a message id, translated with the reason)."""
        return self.labels.get(column) or column.replace("_", " ")

    def value(self, cell: Cell) -> int:
        return self.values[cell[0]][cell[1]]

    def size(self, row: int) -> int:
        return self.values[self.denominator][row]

    def is_hidden(self, cell: Cell) -> bool:
        return cell in self.kinds

    def hide(self, cell: Cell, kind: str, reason: str) -> None:
        """Hide a cell unless already hidden (the first reason is the one that counts)."""
        if cell not in self.kinds:
            self.kinds[cell] = kind
            self.reasons[cell] = reason
            if kind in (PRIMARY, GROUP_SMALL):
                self.small.add(cell)

    def copy(self) -> _Grid:
        """A copy sharing the (never modified) counts, for trying out one more hidden cell."""
        other = _Grid(self.denominator, self.numerators, self.values, self.threshold, self.locked_total, self.labels)
        other.reasons = dict(self.reasons)
        other.kinds = dict(self.kinds)
        other.small = set(self.small)
        return other

    def shown_cells(self) -> list[Cell]:
        return [(c, r) for c in self.columns for r in range(self.total + 1) if (c, r) not in self.kinds]


def _apply_primary(grid: _Grid) -> None:
    """Rule 1: small groups entirely, small outcome counts (zeros included) and outcomes of everyone."""
    t, d = grid.threshold, grid.denominator
    for row in range(grid.total + 1):
        size = grid.values[d][row]
        if size < t:
            grid.hide((d, row), PRIMARY, reason_key(REASON_SMALL_GROUP, t=t))
            for column in grid.numerators:
                grid.hide((column, row), GROUP_SMALL, reason_key(REASON_IN_SMALL_GROUP, t=t))
            continue
        for column in grid.numerators:
            reached = grid.values[column][row]
            if reached < t or reached == size:
                grid.hide((column, row), PRIMARY, reason_key(REASON_SMALL_OUTCOME, t=t, what=grid.what(column)))


# ----------------------------------------------------------------------------------------------------
# Complementary suppression


def _apply_complementary(grid: _Grid) -> None:
    """Rules 2-4: hide one more cell (or column) at a time until nothing is recoverable (a fixed point)."""
    while True:
        _complete_rows(grid)
        if not _next_fix(grid):
            break
    if _unprotected_cells(grid):
        _neutral_reasons(grid)


def _neutral_reasons(grid: _Grid) -> None:
    """Last resort: the reasons themselves would pin a cell (two groups of 1 with t = 2: "each below 2,
    the total not below 2" means both are 1), so every hidden cell gets the same reason, which says
    nothing about any one of them."""
    for cell in grid.kinds:
        grid.kinds[cell] = NEUTRAL
        grid.reasons[cell] = reason_key(REASON_TABLE, t=grid.threshold)


def _complete_rows(grid: _Grid) -> None:
    """A group whose size is hidden is hidden in every column (rule 2)."""
    for row in range(grid.total):
        if grid.is_hidden((grid.denominator, row)):
            for column in grid.numerators:
                grid.hide((column, row), COMPLEMENTARY, _ROW_KEY)


_ROW_KEY = reason_key(REASON_ROW)  # kept in no language, made once: rows are completed on every trial


def _with_hidden(grid: _Grid, cell: Cell) -> _Grid:
    """The grid as it would be with one more complementary cell (and its row completed)."""
    trial = grid.copy()
    trial.hide(cell, COMPLEMENTARY, "trial")
    _complete_rows(trial)
    return trial


def _complement_reason(grid: _Grid, cell: Cell, column: str) -> str:
    if cell[1] == grid.total:
        return reason_key(REASON_PROTECTS_TOTAL, what=grid.what(column))
    return reason_key(REASON_PROTECTS, what=grid.what(column))


def _next_fix(grid: _Grid) -> bool:
    """Hide the next cell (or column) and return True, or False at the fixed point. Column sums first
    (rules 3a-b), then cells that could be pinned down (rule 3c)."""
    for column in grid.columns:
        if _column_problem(grid, column):
            cell = _fix_for_column(grid, column)
            if cell is not None:
                grid.hide(cell, COMPLEMENTARY, _complement_reason(grid, cell, column))
                return True
            if _hide_column(grid, column):
                return True
    for target in _unprotected_cells(grid):
        cell = _fix_for_cell(grid, target)
        if cell is not None:
            grid.hide(cell, COMPLEMENTARY, _complement_reason(grid, cell, target[0]))
            return True
        if grid.locked_total and _hide_column(grid, target[0]):
            return True
        rest = _other_candidates(grid, target[0])
        if rest:
            grid.hide(rest[0], COMPLEMENTARY, _complement_reason(grid, rest[0], target[0]))
            return True
    return False


def _hide_column(grid: _Grid, column: str) -> bool:
    """Rule 4: every group cell of the column hidden with one reason that says nothing about any of them
    (the published total then gives only their sum). Returns whether anything changed."""
    changed = False
    reason = reason_key(REASON_COLUMN, what=grid.what(column))
    for row in range(grid.total):
        cell = (column, row)
        if grid.kinds.get(cell) != NEUTRAL:
            grid.kinds[cell] = NEUTRAL
            grid.reasons[cell] = reason
            changed = True
    return changed


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
        if sum(grid.size(row) for row in rows) == pooled:
            return "hidden cells add up to everyone in the hidden groups"
    return None


def _pooled_size_known(grid: _Grid, rows: list[int]) -> bool:
    """Whether a reader can add up the group sizes of these rows: each is shown, or the All-row size is
    shown (the rows outside them all show their size, since a hidden size hides the whole row)."""
    d = grid.denominator
    return not grid.is_hidden((d, grid.total)) or all(not grid.is_hidden((d, row)) for row in rows)


def _cost(grid: _Grid, cell: Cell) -> tuple[bool, int, int, int]:
    """What hiding a cell loses: the figures hidden with it (a group size takes its row), then its value. A
    cell that its reason alone would give away (t of a shown group of t + 1: "not small, not everyone")
    comes last, since hiding it protects nothing."""
    column, row = cell
    lost = 1
    if column == grid.denominator and row != grid.total:
        lost += sum(1 for c in grid.numerators if not grid.is_hidden((c, row)))
    given_away = (
        column != grid.denominator
        and not grid.is_hidden((grid.denominator, row))
        and grid.size(row) == grid.threshold + 1
    )
    return given_away, lost, grid.value(cell), row


def _shown_group_cells(grid: _Grid, column: str) -> list[Cell]:
    """Shown group cells of a column, cheapest to hide first."""
    cells = [(column, row) for row in range(grid.total) if not grid.is_hidden((column, row))]
    return sorted(cells, key=lambda cell: _cost(grid, cell))


def _total_candidates(grid: _Grid, column: str) -> list[Cell]:
    """The column's total, when it may be hidden to protect others (not when it is published elsewhere)."""
    cell = (column, grid.total)
    return [] if grid.locked_total or grid.is_hidden(cell) else [cell]


def _other_candidates(grid: _Grid, column: str) -> list[Cell]:
    """Shown cells of the rest of the table, cheapest first (totals last, and never a published one)."""
    same = set(_shown_group_cells(grid, column)) | set(_total_candidates(grid, column))
    cells = [
        cell for cell in grid.shown_cells() if cell not in same and not (grid.locked_total and cell[1] == grid.total)
    ]
    return sorted(cells, key=lambda cell: (cell[1] == grid.total, *_cost(grid, cell), cell[0]))


def _fix_for_column(grid: _Grid, column: str) -> Cell | None:
    """The cheapest shown group cell whose hiding fixes the column and leaves its small cells protected,
    else the cheapest that fixes the column, else the cheapest, else the total (None when the total is
    published: the column is then hidden whole)."""
    candidates = _shown_group_cells(grid, column)
    trials = [(cell, _with_hidden(grid, cell)) for cell in candidates]
    fixing = [(cell, trial) for cell, trial in trials if not _column_problem(trial, column)]
    for cell, trial in fixing:
        if all(_is_protected(trial, small) for small in trial.small if small[0] == column):
            return cell
    if fixing:
        return fixing[0][0]
    if candidates:
        return candidates[0]
    totals = _total_candidates(grid, column)
    return totals[0] if totals else None


def _fix_for_cell(grid: _Grid, target: Cell) -> Cell | None:
    """A shown cell whose hiding lets the target take another value: the same column's groups (cheapest
    first), then its total, then the rest of the table. If none does it alone, the cheapest of the
    column's own cells (the loop continues); None when the column has none left."""
    column = target[0]
    own = [*_shown_group_cells(grid, column), *_total_candidates(grid, column)]
    for cell in [*own, *_other_candidates(grid, column)]:
        if _is_protected(_with_hidden(grid, cell), target):
            return cell
    return own[0] if own else None


# ----------------------------------------------------------------------------------------------------
# Protection check: build an alternative table that differs in the cell and matches everything shown


def _unprotected_cells(grid: _Grid) -> list[Cell]:
    """Hidden cells that no alternative table changes: cells hidden as small first (rule 3c), then cells
    hidden to protect them (a hidden figure that can be worked out would only pretend to be hidden, and
    could pin the cells it stands beside)."""
    ordered = sorted(grid.kinds, key=lambda c: (c not in grid.small, c[1], grid.columns.index(c[0])))
    return [cell for cell in ordered if not _is_protected(grid, cell)]


def _is_protected(grid: _Grid, cell: Cell) -> bool:
    """Whether some other table, agreeing with everything shown and every reason, differs in this cell:
    another value within its column (group sizes as they are), or one person moved between groups."""
    column, row = cell
    if column != grid.denominator and _column_alternative(grid, cell):
        return True
    return _person_move_exists(grid, row, None if column == grid.denominator else column)


def _intervals(grid: _Grid, cell: Cell, size: int) -> Intervals:
    """The values a reader allows this cell, given its group's size: what being shown, or its reason,
    tells (the true value is always among them)."""
    t, kind = grid.threshold, grid.kinds.get(cell)
    if cell[0] == grid.denominator:
        top = grid.values[grid.denominator][grid.total] + 2 * t  # no size is ever larger
        if kind == PRIMARY:
            return [(0, t - 1)]
        if kind in (GROUP_SMALL, NEUTRAL):
            return [(0, top)]
        return [(t, top)]
    if kind in (GROUP_SMALL, NEUTRAL):
        return [(0, size)]
    if kind == PRIMARY:
        return [(0, min(t - 1, size))] + ([(size, size)] if size >= t else [])
    return [(t, size - 1)] if size - 1 >= t else []  # shown or complementary: passes the primary rule


def _class_allows(grid: _Grid, cell: Cell, value: int, size: int) -> bool:
    """What a reader knows about a cell from whether it is shown and from its reason."""
    return any(low <= value <= high for low, high in _intervals(grid, cell, size))


def _shifts(bits: int, intervals: Intervals) -> int:
    """The set {s + v : s in bits, v in intervals} as a bitset (bit k set = sum k is reachable)."""
    out = 0
    for low, high in intervals:
        if high < low:
            continue
        spread, span, offset, cover, n = 0, 1, 0, bits, high - low + 1
        while n:  # OR of bits << k for k in [0, n), by doubling
            if n & 1:
                spread |= cover << offset
                offset += span
            cover |= cover << span
            span *= 2
            n >>= 1
        out |= spread << low
    return out


def _mask(intervals: Intervals) -> int:
    out = 0
    for low, high in intervals:
        if high >= low:
            out |= ((1 << (high - low + 1)) - 1) << low
    return out


def _without(intervals: Intervals, value: int) -> Intervals:
    """The intervals less one value."""
    out = []
    for low, high in intervals:
        if low <= value <= high:
            out += [(low, value - 1), (value + 1, high)]
        else:
            out.append((low, high))
    return [(low, high) for low, high in out if low <= high]


def _column_alternative(grid: _Grid, target: Cell) -> bool:
    """Whether the target outcome cell can take another value its reason allows, with the other hidden
    cells of its column (and its total, if hidden) taking values theirs allow, every group size as it is:
    an exact subset-sum over the column, as bitsets."""
    column, target_row = target
    total = grid.total
    limit = grid.size(total)
    keep = (1 << (limit + 1)) - 1
    base, reach = 0, 1
    for row in range(total):
        cell = (column, row)
        if row == target_row:
            continue
        if not grid.is_hidden(cell):
            base += grid.value(cell)
            continue
        reach = _shifts(reach, _intervals(grid, cell, grid.size(row))) & keep
    total_cell = (column, total)
    if grid.is_hidden(total_cell):
        totals = _intervals(grid, total_cell, limit)
    else:
        totals = [(grid.value(total_cell), grid.value(total_cell))]
    true = grid.value(target)
    if target_row == total:
        return bool((reach << base) & _mask(_without(totals, true)))
    options = _without(_intervals(grid, target, grid.size(target_row)), true)
    return bool((_shifts(reach, options) << base) & _mask(totals))


def _person_move_exists(grid: _Grid, row: int, required: str | None) -> bool:
    """Whether one person, with some set J of outcomes (containing ``required`` if given), can be moved
    into or out of ``row`` from another hidden group (or the hidden All row) so that the table agrees
    with everything shown. Only hidden cells change: every group size and every column total stays as a
    reader sees it. Each outcome column is decided on its own (in J or not), so J is never enumerated."""
    d, total = grid.denominator, grid.total
    if not grid.is_hidden((d, row)):
        return False
    hidden_rows = [r for r in range(total) if grid.is_hidden((d, r))]
    if row == total:
        pairs = [(other, +1) for other in hidden_rows]  # the All row changes with the group
    else:
        pairs = [(other, -1) for other in hidden_rows if other != row]
        if grid.is_hidden((d, total)):
            pairs.append((total, +1))
    for sign in (1, -1):
        for other, direction in pairs:
            if _person_move_fits(grid, {row: sign, other: sign * direction}, required):
                return True
    return False


def _person_move_fits(grid: _Grid, change: dict[int, int], required: str | None) -> bool:
    """Whether sizes changed by ``change`` (row -> +1/-1) fit every reason, and every outcome column can
    take the person's outcome (its cells in both rows hidden) or not, consistently with both rows."""
    d = grid.denominator
    sizes = {r: grid.size(r) + delta for r, delta in change.items()}
    if any(size < 0 or not _class_allows(grid, (d, r), size, size) for r, size in sizes.items()):
        return False
    for column in grid.numerators:
        movable = all(grid.is_hidden((column, r)) for r in change)
        options = (True,) if column == required else (False, True) if movable else (False,)
        if column == required and not movable:
            return False
        if not any(
            all(
                0 <= (value := grid.value((column, r)) + (delta if moved else 0)) <= sizes[r]
                and _class_allows(grid, (column, r), value, sizes[r])
                for r, delta in change.items()
            )
            for moved in options
        ):
            return False
    return True


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
    index = pd.RangeIndex(len(rows))
    frame = pd.DataFrame(
        {name: _column_array(values, name, group_column, rate_names, index) for name, values in table.items()},
        copy=False,
    )
    return SuppressedBreakdown(
        table=frame,
        hidden=pd.DataFrame(np.array(list(hidden.values()), dtype=bool).T, index=index, columns=list(hidden)),
        reason_keys=pd.DataFrame(
            _object_block(list(reasons.values())), index=index, columns=list(reasons), dtype=object
        ),
        threshold=grid.threshold,
        total=_total_values(grid),
    )


def _column_array(values: list, name: str, group_column: str, rate_names: set[str], index: pd.Index):
    """Labels as objects, counts as Int64 and rates as Float64 (pd.NA where hidden), built from numpy arrays
    (the fast constructors: a program's report holds a few dozen small tables)."""
    if name == group_column:
        return _objects(values, index)
    mask = np.array([v is pd.NA for v in values], dtype=bool)
    if name in rate_names:
        return pd.arrays.FloatingArray(np.array([0.0 if m else v for v, m in zip(values, mask)], dtype=float), mask)
    return pd.arrays.IntegerArray(np.array([0 if m else v for v, m in zip(values, mask)], dtype=np.int64), mask)


def _object_block(columns: list[list]) -> np.ndarray:
    """Columns of Python objects as one 2-D object array (one block: the fast way to build a text frame)."""
    block = np.empty((len(columns[0]) if columns else 0, len(columns)), dtype=object)
    for position, values in enumerate(columns):
        block[:, position] = values
    return block


def _objects(values: list, index: pd.Index) -> pd.Series:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return pd.Series(out, index=index, dtype=object, copy=False)


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
