"""Example-based tests of small-cell suppression (lmi.programs.suppression) on hand-made tables: each rule of
the module docstring, with the cells it must hide."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from lmi.i18n import use_language
from lmi.programs.suppression import (
    DEFAULT_THRESHOLD,
    SuppressedBreakdown,
    is_outcome_publishable,
    is_publishable,
    suppress_breakdown,
    suppress_counts,
)


def breakdown(sizes, employed, groups=None, **outcomes) -> pd.DataFrame:
    groups = groups or [chr(ord("A") + i) for i in range(len(sizes))]
    return pd.DataFrame({"group": groups, "people": sizes, "employed": employed, **outcomes})


def run(frame: pd.DataFrame, threshold: int = DEFAULT_THRESHOLD, outcomes=None, **kwargs) -> SuppressedBreakdown:
    outcomes = outcomes or [c for c in frame.columns if c not in ("group", "people")]
    result = suppress_breakdown(frame, "group", "people", outcomes, threshold, **kwargs)
    assert_consistent(result, outcomes)
    return result


def hidden_counts(result: SuppressedBreakdown) -> set[tuple[str, str]]:
    """(group, count column) of every hidden count cell."""
    cells = set()
    for column in result.table.columns:
        if column == "group" or column.endswith("_rate"):
            continue
        for row, is_hidden in enumerate(result.hidden[column]):
            if is_hidden:
                cells.add((result.table["group"].iloc[row], column))
    return cells


def assert_consistent(result: SuppressedBreakdown, outcomes) -> None:
    """What every result must satisfy: same shapes, NA exactly where hidden, reasons exactly where
    hidden, and a rate hidden exactly when one of its counts is."""
    table, hidden, reasons = result.table, result.hidden, result.reasons
    assert list(hidden.columns) == list(table.columns) == list(reasons.columns)
    assert hidden.shape == table.shape == reasons.shape
    assert not hidden["group"].any()
    for column in table.columns[1:]:
        assert all(pd.isna(v) for v in table[column][hidden[column]])
        assert all(bool(r) == h for r, h in zip(reasons[column], hidden[column]))
    for name in outcomes:
        either = hidden[name] | hidden["people"]
        assert list(hidden[f"{name}_rate"]) == list(either)
        assert str(table[name].dtype) == "Int64" and str(table[f"{name}_rate"].dtype) == "Float64"
    assert str(table["people"].dtype) == "Int64"


# ----------------------------------------------------------------------------------------------------
# Nothing to hide


def test_large_cells_are_all_shown_with_rates_and_an_all_row():
    result = run(breakdown([100, 80, 60, 40], [50, 40, 30, 20]))
    assert hidden_counts(result) == set()
    assert list(result.table.columns) == ["group", "people", "employed", "employed_rate"]
    assert list(result.table["group"]) == ["A", "B", "C", "D", "All"]
    assert list(result.table["people"]) == [100, 80, 60, 40, 280]
    assert list(result.table["employed"]) == [50, 40, 30, 20, 140]
    assert list(result.table["employed_rate"]) == [0.5] * 5
    assert result.threshold == 10
    assert result.total == {"people": 280, "employed": 140, "employed_rate": 0.5}


def test_each_numerator_is_followed_by_its_rate():
    frame = breakdown([100, 80], [50, 40], credential=[20, 60])
    result = run(frame)
    assert list(result.table.columns) == [
        "group",
        "people",
        "employed",
        "employed_rate",
        "credential",
        "credential_rate",
    ]
    assert result.table["credential_rate"].iloc[1] == pytest.approx(0.75)


# ----------------------------------------------------------------------------------------------------
# Rule 1: primary suppression


def test_small_group_is_hidden_entirely_and_a_second_group_protects_it():
    result = run(breakdown([100, 80, 60, 4], [50, 40, 30, 2]))
    assert hidden_counts(result) == {("C", "people"), ("C", "employed"), ("D", "people"), ("D", "employed")}
    reasons = result.reasons.set_index(result.table["group"])
    assert reasons.loc["D", "people"] == "fewer than 10 people in this group"
    assert reasons.loc["D", "employed"] == "this group has fewer than 10 people"
    assert reasons.loc["D", "employed_rate"] == "this group has fewer than 10 people"
    assert reasons.loc["C", "people"] == "hidden so that small numbers of people cannot be worked out from the total"
    assert reasons.loc["C", "employed"] == "hidden with the size of this group"
    assert list(result.table["people"].iloc[[0, 1, 4]]) == [100, 80, 244]


def test_small_outcome_count_is_hidden_with_its_rate_but_not_its_group():
    result = run(breakdown([100, 80, 60, 40], [50, 40, 30, 5]))
    assert hidden_counts(result) == {("D", "employed"), ("C", "employed")}  # C: smallest shown count
    assert result.table["people"].iloc[3] == 40
    assert result.reasons["employed"].iloc[3] == "fewer than 10 employed, or the whole group"
    assert pd.isna(result.table["employed_rate"].iloc[3])


def test_most_but_not_all_of_a_group_is_published_because_it_tells_no_ones_outcome():
    # 99 of 108 employed: the 9 who were not are not named by it (the co-op example program's Q2 figure)
    result = run(breakdown([60, 48], [55, 44]))
    assert hidden_counts(result) == set()
    assert result.total == {"people": 108, "employed": 99, "employed_rate": 99 / 108}
    result = run(breakdown([100, 80, 60, 35], [50, 40, 30, 34]))
    assert hidden_counts(result) == set()


def test_a_hundred_percent_rate_is_hidden_because_it_tells_everyones_outcome():
    result = run(breakdown([100, 80, 60, 40], [50, 40, 30, 40]))
    # D is 40 or below 10: C (30 of 60) alone could not absorb the difference, B (40 of 80) can
    assert hidden_counts(result) == {("D", "employed"), ("B", "employed")}
    assert result.reasons["employed"].iloc[3] == "fewer than 10 employed, or the whole group"
    assert pd.isna(result.table["employed_rate"].iloc[3])


def test_zero_counts_are_small_counts():
    result = run(breakdown([100, 80, 60, 40], [50, 40, 30, 0]))
    assert ("D", "employed") in hidden_counts(result)
    result = run(breakdown([100, 80, 60, 0], [50, 40, 30, 0]))
    assert {("D", "people"), ("D", "employed")} <= hidden_counts(result)
    assert result.reasons["people"].iloc[3] == "fewer than 10 people in this group"


def test_exactly_the_threshold_is_shown():
    result = run(breakdown([100, 80, 60, 20], [50, 40, 30, 10]))
    assert hidden_counts(result) == set()


def test_small_all_row_hides_the_whole_table():
    result = run(breakdown([3, 4], [1, 2]))
    assert result.hidden.drop(columns="group").to_numpy().all()
    assert result.reasons["people"].iloc[2] == "fewer than 10 people in this group"
    assert all(pd.isna(v) for v in result.total.values())


def test_small_outcome_total_hides_its_whole_column():
    result = run(breakdown([50, 60], [2, 3]))
    assert hidden_counts(result) == {("A", "employed"), ("B", "employed"), ("All", "employed")}
    assert list(result.table["people"]) == [50, 60, 110]


# ----------------------------------------------------------------------------------------------------
# Rules 2-3: rates, rows and complementary suppression


def test_one_hidden_cell_in_a_column_gets_the_smallest_shown_partner():
    result = run(breakdown([100, 25, 60, 40], [50, 12, 30, 5]))
    assert hidden_counts(result) == {("D", "employed"), ("B", "employed")}


def test_hidden_cells_that_add_up_to_a_small_group_get_a_third():
    # the two small groups hold 7 people together, which total minus shown would publish
    result = run(breakdown([100, 80, 4, 3], [50, 40, 2, 1]))
    assert hidden_counts(result) == {(g, c) for g in "BCD" for c in ("people", "employed")}
    assert result.table["people"].iloc[0] == 100


def test_hidden_cells_that_add_up_to_everyone_in_their_groups_get_a_third():
    # 20/20 and 30/30: together 50 of 50, which total minus shown would publish as a 100% group
    result = run(breakdown([20, 30, 100, 100], [20, 30, 50, 50]))
    assert hidden_counts(result) == {("A", "employed"), ("B", "employed"), ("C", "employed")}


def test_a_zero_next_to_a_count_equal_to_the_total_hides_the_total():
    # shown total 10, and the other hidden cell is known not to be small: it is 10 and the 0 is 0
    result = run(breakdown([50, 40], [0, 10]))
    assert hidden_counts(result) == {("A", "employed"), ("B", "employed"), ("All", "employed")}
    assert result.reasons["employed"].iloc[2] == (
        "total hidden so that small numbers of employed cannot be worked out from it"
    )
    assert pd.isna(result.total["employed"]) and result.total["people"] == 90


def test_two_small_groups_filling_their_pooled_total_are_not_pinned():
    # 9 + 9 = 18 hidden with each known to be below 10: both would be exactly 9
    result = run(breakdown([9, 9, 50, 60], [4, 5, 25, 30]))
    assert {("A", "people"), ("B", "people")} < hidden_counts(result)
    assert len({g for g, c in hidden_counts(result) if c == "people"}) >= 3


def test_when_even_the_reasons_would_pin_a_cell_every_cell_gets_one_neutral_reason():
    # t = 2, groups of 1 and 1: "each group below 2, the All row not below 2" would mean both are 1
    result = run(breakdown([1, 1], [0, 1]), 2)
    assert result.hidden.drop(columns="group").to_numpy().all()
    reasons = set(result.reasons.drop(columns="group").to_numpy().ravel())
    assert reasons == {"too few people to show any figure of this table safely (threshold 2)"}


def test_hidden_group_size_hides_its_outcomes_and_rates():
    frame = breakdown([100, 80, 60, 4], [50, 40, 30, 2], credential=[20, 40, 30, 1])
    result = run(frame)
    row = result.hidden.iloc[2]
    assert row[["people", "employed", "employed_rate", "credential", "credential_rate"]].all()


def test_several_outcomes_and_small_groups_reach_a_fixed_point():
    frame = pd.DataFrame(
        {"group": ["F", "M", "X"], "people": [50, 40, 5], "employed": [0, 10, 3], "credential": [45, 30, 2]}
    )
    result = run(frame)
    # X's size needs a partner: F (its 0 employed already hidden) loses fewer figures than M; M keeps its
    # size and its 30 credentials, and hides only its employed count, the one partner the 0 and the 3 need
    assert hidden_counts(result) == {
        ("M", "employed"),
        *{(g, c) for g in "FX" for c in ("people", "employed", "credential")},
    }
    assert list(result.table.iloc[3][["people", "employed", "credential"]]) == [95, 13, 77]


def test_shown_rates_are_exact():
    result = run(breakdown([100, 80, 60, 40], [50, 40, 30, 5]))
    assert math.isclose(result.table["employed_rate"].iloc[4], 125 / 280)


# ----------------------------------------------------------------------------------------------------
# Threshold


def test_threshold_is_configurable():
    frame = breakdown([100, 80, 60, 40], [50, 40, 30, 7])
    assert ("D", "employed") in hidden_counts(run(frame, 10))
    assert hidden_counts(run(frame, 5)) == set()
    assert ("A", "people") in hidden_counts(run(frame, 101))


@pytest.mark.parametrize("threshold", [0, 1])
def test_threshold_zero_or_one_hides_nothing(threshold):
    result = run(breakdown([0, 3, 2], [0, 3, 0]), threshold)
    assert not result.hidden.to_numpy().any()
    assert list(result.table["employed"]) == [0, 3, 0, 3]
    assert pd.isna(result.table["employed_rate"].iloc[0])  # 0 of 0: undefined, not hidden
    assert result.reasons["employed_rate"].iloc[0] == ""
    assert list(result.table["employed_rate"].iloc[1:]) == [1.0, 0.0, 0.6]


@pytest.mark.parametrize("threshold", [-1, 2.5, True, "10", None])
def test_bad_threshold_is_refused(threshold):
    with pytest.raises(ValueError, match="threshold"):
        run(breakdown([100, 80], [50, 40]), threshold)


# ----------------------------------------------------------------------------------------------------
# Input checks


@pytest.mark.parametrize(
    "sizes, employed, message",
    [
        ([100, -1], [50, 0], "group 'B', column 'people'"),
        ([100, 80], [50, -2], "group 'B', column 'employed'"),
        ([100, 80.5], [50, 40], "group 'B', column 'people'"),
        ([100, 80], [float("nan"), 40], "group 'A', column 'employed'"),
        ([100, 80], [50, None], "group 'B', column 'employed'"),
        ([100, 80], [50, 81], "group 'B', column 'employed': 81 exceeds"),
    ],
)
def test_bad_counts_are_refused_naming_group_and_column(sizes, employed, message):
    with pytest.raises(ValueError, match=message):
        suppress_breakdown(breakdown(sizes, employed), "group", "people", ["employed"])


def test_whole_floats_and_numpy_integers_are_accepted():
    result = run(breakdown([100.0, 80.0], [50.0, 40.0]))
    assert list(result.table["people"]) == [100, 80, 180]


@pytest.mark.parametrize(
    "groups, message",
    [
        (["A", "A"], "repeat"),
        (["A", "All"], "'All'"),
        (["A", None], "missing"),
    ],
)
def test_ambiguous_groups_are_refused(groups, message):
    with pytest.raises(ValueError, match=message):
        suppress_breakdown(breakdown([100, 80], [50, 40], groups=groups), "group", "people", ["employed"])


def test_unknown_or_colliding_columns_are_refused():
    frame = breakdown([100, 80], [50, 40])
    with pytest.raises(ValueError, match="'hired' not in counts"):
        suppress_breakdown(frame, "group", "people", ["hired"])
    with pytest.raises(ValueError, match="collide"):
        suppress_breakdown(frame, "group", "people", ["people"])
    with pytest.raises(ValueError, match="collide"):
        suppress_breakdown(frame.assign(employed_rate=0), "group", "people", ["employed", "employed_rate"])


def test_a_single_numerator_may_be_a_plain_string():
    result = suppress_breakdown(breakdown([100, 80], [50, 40]), "group", "people", "employed")
    assert list(result.table.columns) == ["group", "people", "employed", "employed_rate"]


def test_input_is_not_modified():
    frame = breakdown([100, 80, 60, 4], [50, 40, 30, 2])
    before = frame.copy(deep=True)
    run(frame)
    pd.testing.assert_frame_equal(frame, before)


def test_extra_columns_and_categorical_groups_are_fine():
    frame = breakdown([100, 80], [50, 40]).assign(note="x")
    frame["group"] = frame["group"].astype("category")
    result = run(frame, outcomes=["employed"])
    assert list(result.table["group"]) == ["A", "B", "All"]


# ----------------------------------------------------------------------------------------------------
# include_total, suppress_counts, helpers


def test_leaving_out_the_all_row_hides_the_same_group_cells():
    frame = breakdown([50, 40], [0, 10])
    with_total, without = run(frame), run(frame, include_total=False)
    assert list(without.table["group"]) == ["A", "B"]
    pd.testing.assert_frame_equal(with_total.hidden.iloc[:2], without.hidden)
    assert without.total == with_total.total
    assert pd.isna(without.total["employed"])


def test_suppress_counts_on_a_series():
    enrollment = pd.Series({"Female": 120, "Male": 95, "Another": 4}, name="enrolled")
    enrollment.index.name = "sex"
    result = suppress_counts(enrollment)
    assert list(result.table.columns) == ["sex", "enrolled"]
    assert list(result.hidden["enrolled"]) == [False, True, True, False]
    assert result.table["enrolled"].iloc[3] == 219
    assert result.reasons["enrolled"].iloc[2] == "fewer than 10 people in this group"


def test_suppress_counts_on_a_frame():
    frame = pd.DataFrame({"age_band": ["16-24", "25-54", "55+"], "n": [30, 200, 12]})
    result = suppress_counts(frame, 15)
    assert list(result.hidden["n"]) == [True, False, True, False]
    assert result.threshold == 15


def test_is_publishable():
    assert is_publishable(10) and not is_publishable(9) and not is_publishable(0)
    assert is_publishable(5, 5) and not is_publishable(4, 5)
    assert is_publishable(0, 0) and is_publishable(0, 1)
    with pytest.raises(ValueError):
        is_publishable(-1)
    with pytest.raises(ValueError):
        is_publishable(3, -1)


def test_is_outcome_publishable():
    assert is_outcome_publishable(20, 40)
    assert not is_outcome_publishable(5, 40)
    assert is_outcome_publishable(34, 35) and is_outcome_publishable(99, 108)
    assert not is_outcome_publishable(35, 35)
    assert not is_outcome_publishable(9, 9)
    assert is_outcome_publishable(0, 0, 1)
    with pytest.raises(ValueError):
        is_outcome_publishable(41, 40)


def test_reasons_are_kept_in_no_language_and_read_in_the_readers():
    """A result is computed once (and stored after each import) for readers of either language: each reason is
    kept as a message id with its values, and read in the current language, what the column counts included."""
    result = run(
        breakdown([100, 80, 60, 40], [50, 40, 30, 5]),
        labels={"employed": "people employed in the 2nd quarter after exit"},
    )
    key = result.reason_keys["employed"].iloc[3]
    assert "fewer than {t} {what}, or the whole group" in key and "menos" not in key
    assert result.reasons["employed"].iloc[3] == (
        "fewer than 10 people employed in the 2nd quarter after exit, or the whole group"
    )
    with use_language("es"):
        assert result.reasons["employed"].iloc[3] == (
            "menos de 10 personas empleadas en el 2.º trimestre después de la salida, o el grupo completo"
        )
        assert result.reasons["employed_rate"].iloc[3] == result.reasons["employed"].iloc[3]
        assert result.reasons["group"].tolist() == [""] * 5
