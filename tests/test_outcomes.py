"""The outcome indicators on hand-made records whose answers are worked out by hand: exit cohorts,
employment in the 2nd and 4th quarter after exit, median earnings among those employed, credential
attainment within a year with OJT and customized training excluded, placement, costs, and the
consistency between a program's overall figures and its tables."""

from __future__ import annotations

import pandas as pd
import pytest

from lmi.i18n import _ as i18n_text
from lmi.i18n import use_language
from lmi.programs import outcomes
from tests.records_helpers import csv_bytes, do_import, new_records, participant, program

pytestmark = pytest.mark.usefixtures("records_backend")  # every test on DuckDB and PostgreSQL


@pytest.fixture
def con(tmp_path):
    con = new_records(tmp_path)
    yield con
    con.close()


def load(con, programs: list[dict], participants: list[dict]) -> None:
    assert do_import(con, "programs", csv_bytes(programs, "programs")).outcome == "imported"
    result = do_import(con, "participants", csv_bytes(participants, "participants"))
    assert result.outcome == "imported", result.issues


def cohort_of_40() -> list[dict]:
    """40 exiters with complete follow-up, 5 still enrolled and 5 awaiting follow-up:
    completed 30; employed Q2 24 (20 completers + 4 non-completers); employed Q4 22; credentials 20 of
    which 2 more than a year after exit; training-related 15 of the 20 placements."""
    rows = []
    for i in range(40):
        completed = i < 30
        employed_q2 = i < 20 or 30 <= i < 34
        rows.append(
            participant(
                i,
                completed="yes" if completed else "no",
                employed_q2="yes" if employed_q2 else "no",
                employed_q4="yes" if i < 22 else "no",
                earnings_q2_usd=str(1000 * (i + 1)) if employed_q2 else "",
                training_related_employment=("yes" if i < 15 else "no") if employed_q2 else "",
                credential_attained="yes" if i < 20 else "no",
                credential_date=("2025-06-01" if i < 2 else "2024-04-01") if i < 20 else "",
                sex="female" if i % 2 else "male",
            )
        )
    for i in range(40, 45):  # still enrolled
        rows.append(
            participant(
                i,
                exit_date="",
                completed="",
                credential_attained="",
                credential_date="",
                employed_q2="",
                employed_q4="",
                earnings_q2_usd="",
                training_related_employment="",
            )
        )
    for i in range(45, 50):  # exited 2026-05: neither quarter has ended on 2026-11-25
        rows.append(
            participant(
                i,
                exit_date="2026-05-10",
                employed_q2="",
                employed_q4="",
                earnings_q2_usd="",
                training_related_employment="",
                credential_attained="",
                credential_date="",
            )
        )
    return rows


def test_indicators_match_hand_counts(con):
    load(con, [program()], cohort_of_40())
    overall = outcomes.program_report(con, "PRG-1").overall
    assert overall["exiters_count"] == 40  # still enrolled and awaiting follow-up are not in the cohort
    assert overall["completed_count"] == 30 and overall["completed_count_rate"] == pytest.approx(0.75)
    assert overall["employed_q2_count"] == 24 and overall["employed_q2_count_rate"] == pytest.approx(0.6)
    assert overall["employed_q4_count"] == 22
    assert overall["credential_count"] == 18  # 2 of the 20 attained more than one year after exit
    assert overall["placed_count"] == 20 and overall["placement_rate"] == pytest.approx(0.5)
    assert overall["training_related_count"] == 15
    assert overall["training_related_rate"] == pytest.approx(15 / 20)
    # median of 2nd-quarter earnings of the 24 employed: 1000 * (1..20, 31..34) -> middle of 12th and 13th
    earnings = sorted([1000 * (i + 1) for i in range(20)] + [1000 * (i + 1) for i in range(30, 34)])
    assert overall["earnings_q2_median_usd"] == pytest.approx((earnings[11] + earnings[12]) / 2)
    assert overall["cost_per_placement_usd"] == pytest.approx(5000 * 40 / 20)
    assert overall["cost_per_credential_usd"] == pytest.approx(5000 * 40 / 18)


def test_ojt_and_customized_training_have_no_credential_indicator(con):
    load(
        con,
        [program("OJT", program_type="on_the_job_training"), program("CUST", program_type="employer_based_customized")],
        [
            participant(i, program_id=pid, credential_attained="", credential_date="")
            for pid in ("OJT", "CUST")
            for i in range(20)
        ],
    )
    for pid in ("OJT", "CUST"):
        report = outcomes.program_report(con, pid)
        assert not report.credential_indicator
        assert "credential_count" not in report.overall
        assert report.overall["exiters_count"] == 20  # in the cohort without a credential answer
    totals = outcomes.aggregate_outcomes(con, "funding_stream")
    assert pd.isna(totals.credential_count_rate.iloc[0])  # nothing to add up: both excluded by DOL


def test_small_program_is_suppressed_everywhere(con):
    load(con, [program()], [participant(i) for i in range(7)])
    summary = outcomes.program_summaries(con).iloc[0]
    assert pd.isna(summary.exiters_count) and pd.isna(summary.employed_q2_count_rate)
    assert pd.isna(summary.earnings_q2_median_usd) and pd.isna(summary.cost_per_placement_usd)
    assert pd.isna(summary.enrolled_count)


def test_overall_figures_equal_every_tables_all_row(con):
    load(con, [program()], cohort_of_40())
    report = outcomes.program_report(con, "PRG-1")
    summary = outcomes.program_summaries(con).iloc[0]
    for table in [*report.breakdowns.values(), report.by_cohort]:
        for column, value in table.total.items():
            shown = report.overall[column]
            assert (pd.isna(value) and pd.isna(shown)) or value == pytest.approx(shown), column
            all_row = table.table.iloc[-1]
            assert (pd.isna(all_row[column]) and pd.isna(shown)) or all_row[column] == pytest.approx(shown)
    for column in ("exiters_count", "employed_q2_count_rate", "placement_rate"):
        assert summary[column] == pytest.approx(report.overall[column])


def test_equity_breakdown_is_a_suppressed_breakdown_by_allowed_groups(con):
    load(con, [program()], cohort_of_40())
    result = outcomes.equity_breakdown(con, "PRG-1", "race_ethnicity")
    assert list(result.table["group"])[:-1] == list(outcomes.vocab.RACE_ETHNICITY)  # every group, zeros too
    assert result.table.exiters_count.iloc[-1] == 40  # the All row is the program's published total
    # everyone is white: showing 40 there would show every other group is empty, so it is hidden too
    assert result.hidden.exiters_count.iloc[:-1].all()
    with pytest.raises(ValueError, match="unknown group"):
        outcomes.equity_breakdown(con, "PRG-1", "zip_code")


def test_cohort_is_the_exit_program_year(con):
    rows = [participant(i, exit_date="2023-06-30", enrollment_date="2023-01-05") for i in range(12)]  # PY2022
    rows += [participant(100 + i, exit_date="2023-07-01", enrollment_date="2023-01-05") for i in range(15)]  # PY2023
    load(con, [program()], rows)
    table = outcomes.program_report(con, "PRG-1").by_cohort.table
    assert list(table["group"]) == ["2022", "2023", "All"]
    assert list(table.exiters_count) == [12, 15, 27]


def test_aggregates_add_only_published_program_cells(con):
    big = [participant(i, program_id="BIG") for i in range(30)]
    small = [
        participant(i, program_id="SMALL", employed_q2="no", earnings_q2_usd="", training_related_employment="")
        for i in range(4)
    ]
    load(con, [program("BIG"), program("SMALL")], big + small)
    totals = outcomes.aggregate_outcomes(con, "funding_stream").iloc[0]
    assert totals.programs_count == 2 and totals.programs_published_count == 1
    assert totals.exiters_count == 30  # the small program's 4 are left out, not added in


def test_threshold_is_configurable_but_not_below_the_floor(monkeypatch):
    monkeypatch.setenv(outcomes.THRESHOLD_ENV, "20")
    assert outcomes.threshold_from_env() == 20
    monkeypatch.setenv(outcomes.THRESHOLD_ENV, "2")
    with pytest.raises(ValueError, match=">= 5"):
        outcomes.threshold_from_env()
    monkeypatch.delenv(outcomes.THRESHOLD_ENV)
    assert outcomes.threshold_from_env() == 10


def test_higher_threshold_hides_more(con):
    load(con, [program()], cohort_of_40())
    assert outcomes.program_report(con, "PRG-1", threshold=10).overall["training_related_count"] == 15
    assert pd.isna(outcomes.program_report(con, "PRG-1", threshold=20).overall["training_related_count"])


def test_no_public_function_returns_participant_rows():
    import inspect

    from lmi.programs import tables
    from lmi.records import queries

    for module in (outcomes, queries, tables):
        source = inspect.getsource(module)
        assert "participant_id" not in source, module.__name__


def test_reference_line_texts_are_made_from_the_reference_constants():
    conventional, coop = outcomes.CONVENTIONAL_PLACEMENT_RATE, outcomes.COOP_PLACEMENT_RATE
    assert [rate for rate, _ in outcomes.REFERENCE_PLACEMENT_RATES] == [conventional, coop]
    assert (outcomes.percent_words(conventional), outcomes.percent_words(coop)) == ("37%", "89.3%")
    for text in (outcomes.REFERENCE_NOTE, outcomes.REFERENCE_LINES_DRAWN):
        assert outcomes.percent_words(conventional) in text and outcomes.percent_words(coop) in text
    for rate, label in outcomes.REFERENCE_PLACEMENT_RATES:
        assert outcomes.percent_words(rate) in label
    assert outcomes.against_conventional(0.55) == "+18.0 points vs 37%"
    assert outcomes.against_conventional(pd.NA) is None


def test_aggregate_labels_cover_every_way_to_add_up():
    assert set(outcomes.AGGREGATE_LABELS) == set(outcomes.AGGREGATE_BY)


def test_the_records_source_line_names_the_threshold_and_generated_data():
    from lmi.programs.labels import GENERATED_LABEL, records_source_note

    status = {"last_import_utc": "2026-11-25 10:00 UTC"}
    note = records_source_note(status, 12, any_generated=True)
    assert "last import 2026-11-25 10:00 UTC" in note and "fewer than 12 people are suppressed" in note
    assert GENERATED_LABEL in note
    assert "no import yet" in records_source_note({"last_import_utc": None}, 10, any_generated=False)
    assert GENERATED_LABEL not in records_source_note({"last_import_utc": None}, 10, any_generated=False)


def test_program_tables_read_suppressed_cells_as_words(con):
    from lmi.programs import tables

    unplaced = {"employed_q2": "no", "earnings_q2_usd": "", "training_related_employment": ""}
    big = [participant(i, program_id="BIG", **(unplaced if i >= 15 else {})) for i in range(30)]
    small = [participant(100 + i, program_id="SMALL") for i in range(4)]
    load(con, [program("BIG"), program("SMALL")], big + small)
    reports = outcomes.program_reports(con)
    summaries = outcomes.program_summaries(con, reports=reports).assign(
        local_employment_count=float("nan"), local_annual_openings_words="", fit_verdict=""
    )
    listed = tables.program_list_table(summaries, {}).set_index("Program")
    assert listed.loc["Program SMALL", "Exiters with complete follow-up"] == "suppressed"
    assert listed.loc["Program BIG", "Exiters with complete follow-up"] == "30"
    assert listed.loc["Program SMALL", tables.LOCAL_JOBS] == "none released here"
    assert tables.cohort_table(reports["BIG"])["Exit cohort"].tolist() == ["PY2023 (exits Jul 2023–Jun 2024)", "All"]
    points = tables.placement_points(summaries)
    assert (points.program_name.tolist(), points.placement_rate.tolist()) == (["Program BIG"], [0.5])


def test_texts_that_name_the_reference_rates_say_the_two_constants():
    """The reference texts are whole sentences for translators, with the rates written out: they must say
    ``percent_words`` of the two constants (in both languages)."""
    conventional = outcomes.percent_words(outcomes.CONVENTIONAL_PLACEMENT_RATE)
    coop = outcomes.percent_words(outcomes.COOP_PLACEMENT_RATE)
    assert (conventional, coop) == ("37%", "89.3%")
    for text in (outcomes.REFERENCE_NOTE, outcomes.REFERENCE_LINES_DRAWN):
        assert conventional in text and coop in text
    assert [rate for rate, _words in outcomes.REFERENCE_PLACEMENT_RATES] == [
        outcomes.CONVENTIONAL_PLACEMENT_RATE,
        outcomes.COOP_PLACEMENT_RATE,
    ]
    assert conventional in outcomes.REFERENCE_PLACEMENT_RATES[0][1] and coop in outcomes.REFERENCE_PLACEMENT_RATES[1][1]
    with use_language("es"):
        note = i18n_text(outcomes.REFERENCE_NOTE)
        assert note.startswith("Líneas de referencia") and conventional in note and coop in note
        assert outcomes.against_conventional(0.55) == "+18.0 puntos frente a 37%"
        assert outcomes.indicator_label("placement_rate") == "Tasa de colocación (de los egresados)"
        assert outcomes.aggregate_label("funding_stream") == "Fuente de financiamiento"
    assert outcomes.against_conventional(0.55) == "+18.0 points vs 37%"
