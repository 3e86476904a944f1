"""Property-based attack on the public outcome figures of a program (hypothesis).

Hypothesis generates participant records for one program (skewed groups, empty groups, tiny and
large programs, extreme outcome rates) and a threshold. The attacker sees exactly what the public
functions return: the program's overall figures (``program_summaries``, ``ProgramReport.overall``)
and every equity and cohort table with its reasons. The attack must fail:

1. every table's All row equals the program's overall figures, hidden where they are hidden;
2. no hidden cell is the only hidden cell of a column whose total is known (total minus shown);
3. interval attack: from each hidden cell's bounds (what its reason says: fewer than the threshold,
   passes the threshold, bounded by its group's size) and the known totals, no hidden cell is pinned
   to a single value;
4. no shown rate or derived measure can give back a hidden count;
5. every shown number is the true number (suppression never alters a value);
6. a median is shown only where at least the threshold of people have earnings behind it.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lmi.programs import outcomes
from lmi.records import vocab
from lmi.records.schema import migrate

PROGRAM = "PRG-ATTACK"
SEXES = list(vocab.SEX)
RACES = list(vocab.RACE_ETHNICITY)
AGES = list(vocab.AGE_BANDS)
EXITS = [dt.date(2022, 9, 1), dt.date(2023, 3, 1), dt.date(2023, 10, 1)]  # PY2022, PY2022, PY2023

person = st.fixed_dictionaries(
    {
        "sex": st.sampled_from([0, 0, 0, 1, 1, 2]),  # skewed: mostly female, rarely not reported
        "race": st.sampled_from([5, 5, 5, 3, 3, 0, 2, 7]),
        "age": st.sampled_from([2, 2, 1, 3, 4, 5, 0]),
        "veteran": st.sampled_from([False, False, False, True, None]),
        "disability": st.booleans(),
        "exit": st.sampled_from([0, 0, 1, 2]),
        "completed": st.sampled_from([True, True, True, False]),
        "employed_q2": st.booleans(),
        "employed_q4": st.booleans(),
        "credential": st.booleans(),
        "related": st.booleans(),
        "earnings": st.integers(min_value=0, max_value=30_000),
        "follow_up_done": st.sampled_from([True, True, True, True, False]),
    }
)


def records_db(people: list[dict], program_type: str) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    migrate(con)
    con.execute("INSERT INTO provider VALUES ('PRV', 'Attack College', false, 1)")
    con.execute(
        """INSERT INTO program VALUES ($p, 'PRV', 'Attack program', $t, NULL, 'wioa_adult', '48.0508',
                   '0025540', 4000, 30, false, false, true, true, false, 1)""",
        {"p": PROGRAM, "t": program_type},
    )
    rows = []
    for i, p in enumerate(people):
        exit_day = EXITS[p["exit"]]
        done = p["follow_up_done"]
        credential = p["credential"] and p["completed"]
        rows.append(
            {
                "program_id": PROGRAM,
                "participant_id": f"P{i}",
                "enrollment_date": exit_day - dt.timedelta(days=90),
                "exit_date": exit_day,
                "completed": p["completed"],
                "credential_attained": credential if done else None,
                "credential_date": exit_day + dt.timedelta(days=30) if credential and done else None,
                "employed_q2": p["employed_q2"] if done else None,
                "employed_q4": p["employed_q4"] if done else None,
                "earnings_q2_usd": float(p["earnings"]) if p["employed_q2"] and done and p["earnings"] else None,
                "training_related_employment": (p["related"] and p["employed_q2"]) if done else None,
                "sex": SEXES[p["sex"]],
                "race_ethnicity": RACES[p["race"]],
                "age_band": AGES[p["age"]],
                "is_veteran": p["veteran"],
                "has_disability": p["disability"],
                "is_justice_involved": False,
                "is_english_learner": None,
                "is_long_term_unemployed": True,
                "is_displaced_worker": False,
                "is_generated_example": False,
                "import_id": 1,
            }
        )
    if rows:
        frame = pd.DataFrame(rows).astype(object)
        con.register("incoming", frame.where(frame.notna(), None))
        con.execute("INSERT INTO participant BY NAME SELECT * FROM incoming")
    return con


def true_counts(con) -> dict:
    """What the attacker wants: the unsuppressed counts per table and group (the test computes them
    from the records; the public functions never return them)."""
    from lmi.programs import counts as raw

    return {
        dim: raw.group_counts(con, [PROGRAM], dim).set_index("group")
        for dim in (*outcomes.EQUITY_DIMENSIONS, outcomes.COHORT_DIMENSION)
    }


def kind_of(reason: str) -> str:
    """What a reason tells, read as words (as a reader reads it)."""
    if reason.startswith(("every group is hidden for", "too few people")):
        return "column"  # hidden with its whole column or table: says nothing about the value
    if reason.startswith(("hidden so that", "total hidden so that", "hidden with the size of this group")):
        return "passes"  # hidden to protect others: the cell itself passes the primary rule
    if reason.startswith("this group has fewer"):
        return "small_group"
    assert reason.startswith("fewer than "), reason
    return "small"


def bounds(table, reasons, row, column, threshold, size_bounds, total_size) -> tuple[int, int]:
    """What a reader knows about one hidden cell from its reason and its group's size."""
    kind = kind_of(reasons.loc[row, column])
    if column == outcomes.DENOMINATOR:
        return {
            "small": (0, threshold - 1),
            "passes": (threshold, total_size),
            "column": (0, total_size),
            "small_group": (0, threshold - 1),
        }[kind]
    low_size, high_size = size_bounds[row]
    if kind == "small_group":
        return 0, min(high_size, threshold - 1)
    if kind == "passes":
        return threshold, max(threshold, high_size - 1)  # at least t people, and not the whole group
    return 0, high_size


def attack_column(result, column: str, known_total, threshold: int, size_bounds, total_size) -> list[str]:
    """Interval propagation over one column with a known total; returns what was recovered."""
    table, hidden, reasons = result.table, result.hidden, result.reasons
    groups = list(range(len(table) - 1))
    hidden_rows = [r for r in groups if hidden.loc[r, column]]
    if not hidden_rows or pd.isna(known_total):
        return []
    if len(hidden_rows) == 1:
        return [f"{column} row {hidden_rows[0]}: total minus shown"]
    remainder = int(known_total) - sum(int(table.loc[r, column]) for r in groups if not hidden.loc[r, column])
    box = {r: bounds(table, reasons, r, column, threshold, size_bounds, total_size) for r in hidden_rows}
    for _ in range(4):
        for r in hidden_rows:
            others_low = sum(box[o][0] for o in hidden_rows if o != r)
            others_high = sum(box[o][1] for o in hidden_rows if o != r)
            box[r] = (max(box[r][0], remainder - others_high), min(box[r][1], remainder - others_low))
    return [f"{column} row {r}: pinned to {box[r][0]}" for r in hidden_rows if box[r][0] >= box[r][1]]


def size_bounds_of(result, threshold: int, total_size: int) -> dict[int, tuple[int, int]]:
    table, hidden, reasons = result.table, result.hidden, result.reasons
    out = {}
    for r in range(len(table) - 1):
        if not hidden.loc[r, outcomes.DENOMINATOR]:
            value = int(table.loc[r, outcomes.DENOMINATOR])
            out[r] = (value, value)
        else:
            out[r] = bounds(table, reasons, r, outcomes.DENOMINATOR, threshold, {}, total_size)
    return out


@pytest.mark.slow
@given(
    people=st.lists(person, min_size=0, max_size=70),
    threshold=st.sampled_from([5, 10, 11]),
    program_type=st.sampled_from(["classroom_occupational_skills", "on_the_job_training"]),
)
def test_hidden_cells_cannot_be_recovered(people, threshold, program_type):
    attack(people, threshold, program_type)


# A program that places nearly everyone (the co-op model): outcomes of whole groups (100%) and a few people
# without an outcome are common, which is where publishing what is safe and hiding what is not part ways.
strong_person = person.map(
    lambda p: {**p, "completed": p["completed"] or p["employed_q4"], "employed_q2": p["employed_q2"] or p["related"]}
)


@pytest.mark.slow
@given(
    people=st.lists(strong_person, min_size=10, max_size=90),
    threshold=st.sampled_from([5, 10]),
    program_type=st.sampled_from(["classroom_occupational_skills", "employer_based_customized"]),
)
def test_hidden_cells_of_a_strong_program_cannot_be_recovered(people, threshold, program_type):
    attack(people, threshold, program_type)


def attack(people: list[dict], threshold: int, program_type: str) -> None:
    """Everything the attacker tries (module docstring), on one program's published figures."""
    con = records_db(people, program_type)
    report = outcomes.program_report(con, PROGRAM, threshold)
    summary = outcomes.program_summaries(con, threshold).iloc[0]
    truth = true_counts(con)
    overall = report.overall
    columns = [c for c in [outcomes.DENOMINATOR, *outcomes.NUMERATORS] if c in overall]
    total_size = int(truth["sex"][outcomes.DENOMINATOR].sum())

    # 1. one set of overall figures, everywhere
    for column in columns:
        assert _same(summary[column], overall[column]), column
    tables = {**report.breakdowns, "cohort": report.by_cohort}
    for name, result in tables.items():
        all_row = result.table.iloc[-1]
        for column in columns:
            assert _same(all_row[column], overall[column]), (name, column)
            if column != outcomes.DENOMINATOR:
                assert _same(all_row[column + "_rate"], overall[column + "_rate"]), (name, column)

    recovered = []
    for name, result in tables.items():
        dimension = "exit_program_year" if name == "cohort" else name
        true = truth[dimension]
        for row in range(len(result.table) - 1):
            group = result.table.loc[row, "group"]
            for column in columns:
                shown = result.table.loc[row, column]
                # 5. shown numbers are the true numbers
                if not pd.isna(shown):
                    assert int(shown) == int(true.loc[group, column]), (name, group, column)
                # 4. a shown rate never sits on a hidden count
                if column != outcomes.DENOMINATOR and not pd.isna(result.table.loc[row, column + "_rate"]):
                    assert not pd.isna(shown) and not pd.isna(result.table.loc[row, outcomes.DENOMINATOR])
        # 2 and 3. total minus shown, then intervals
        sizes = size_bounds_of(result, threshold, total_size)
        for column in columns:
            recovered += [
                f"{name}: {hit}" for hit in attack_column(result, column, overall[column], threshold, sizes, total_size)
            ]
        # 6. medians only over enough earners
        medians = report.medians.get(name if name != "cohort" else "exit_program_year")
        if medians is not None:
            for row in medians.itertuples():
                if not pd.isna(row.earnings_q2_median_usd):
                    assert not pd.isna(result.table.loc[result.table.group == row.group, "employed_q2_count"].iloc[0])
    assert not recovered, recovered

    # 4. derived overall measures only from shown counts
    for derived, inputs in {
        "placement_rate": ("placed_count", "exiters_count"),
        "training_related_rate": ("training_related_count", "placed_count"),
        "cost_per_placement_usd": ("placed_count", "exiters_count"),
        "cost_per_credential_usd": ("credential_count", "exiters_count"),
    }.items():
        if not pd.isna(overall.get(derived, pd.NA)):
            assert all(not pd.isna(overall[i]) for i in inputs), derived
    con.close()


def _same(a, b) -> bool:
    if pd.isna(a) or pd.isna(b):
        return pd.isna(a) and pd.isna(b)
    return a == pytest.approx(b)


def test_the_attacker_does_recover_an_unprotected_table():
    """The attack is not toothless: on a table with one small cell and nothing else hidden, it wins."""
    from lmi.programs.suppression import SuppressedBreakdown

    table = pd.DataFrame({"group": ["a", "b", "All"], "exiters_count": pd.array([pd.NA, 30, 33], dtype="Int64")})
    hidden = pd.DataFrame({"group": [False] * 3, "exiters_count": [True, False, False]})
    reasons = pd.DataFrame({"group": [""] * 3, "exiters_count": ["fewer than 10 people", "", ""]})
    result = SuppressedBreakdown(table, hidden, reasons, 10)
    assert attack_column(result, "exiters_count", 33, 10, {}, 33)
