"""Return on investment on hand-counted records: the earnings gain over the same people, the payback
period, cost per placement and per credential with the records they rest on, and nothing shown (with
the missing input named) where an input is missing or a figure would be about too few people."""

from __future__ import annotations

import pytest

from lmi.i18n import use_language
from lmi.programs import outcomes, roi
from tests.records_helpers import csv_bytes, do_import, new_records, participant, program

pytestmark = pytest.mark.usefixtures("records_backend")  # every test on DuckDB and PostgreSQL

OFF = 1


@pytest.fixture
def con(tmp_path):
    con = new_records(tmp_path)
    yield con
    con.close()


def load(con, programs: list[dict], participants: list[dict]) -> None:
    assert do_import(con, "programs", csv_bytes(programs, "programs")).outcome == "imported"
    result = do_import(con, "participants", csv_bytes(participants, "participants"))
    assert result.outcome == "imported", result.issues


def returns(con, threshold: int = OFF) -> dict[str, roi.ReturnOnInvestment]:
    reports = outcomes.program_reports(con, threshold)
    costs = dict(con.execute("SELECT program_id, cost_per_participant_usd FROM program").fetchall())
    return roi.program_roi(con, reports, costs, threshold)


def people(n_employed: int = 12, pre: bool = True, extra_unemployed: int = 12) -> list[dict]:
    """``n_employed`` completers employed in the 2nd quarter, earning 1,000 x (i + 1) after exit and
    500 x (i + 1) before enrollment (so both medians are over the same people), credentials for the first
    half; then ``extra_unemployed`` completers not employed (their pre-enrollment earnings of 9,999 are
    left out of the gain: they have no earnings after exit)."""
    rows = [
        participant(
            i,
            earnings_q2_usd=str(1000 * (i + 1)),
            pre_enrollment_quarterly_earnings_usd=str(500 * (i + 1)) if pre else "",
            credential_attained="yes" if i < n_employed // 2 else "no",
            credential_date="2024-04-01" if i < n_employed // 2 else "",
        )
        for i in range(n_employed)
    ]
    rows += [
        participant(
            100 + i,
            employed_q2="no",
            employed_q4="no",
            earnings_q2_usd="",
            training_related_employment="",
            credential_attained="no",
            credential_date="",
            pre_enrollment_quarterly_earnings_usd="9999" if pre else "",
        )
        for i in range(extra_unemployed)
    ]
    return rows


def test_earnings_gain_and_payback_over_the_same_people(con):
    load(con, [program(cost_per_participant_usd="6000")], people())
    result = returns(con)["PRG-1"]
    gain = result.measure(roi.EARNINGS_GAIN)
    # medians of 1,000..12,000 and of 500..6,000: 6,500 and 3,250
    assert (result.earnings_after_median_usd, result.earnings_before_median_usd) == (6500.0, 3250.0)
    assert gain.value == 3250.0
    assert gain.rests_on.startswith("12 exiters employed in the 2nd quarter after exit with both earnings recorded")
    payback = result.measure(roi.PAYBACK)
    assert payback.value == pytest.approx(6000 / 3250)
    assert roi.value_words(payback) == "1.8 quarters (about 6 months)"


def test_cost_per_placement_and_per_credential_rest_on_the_cohort(con):
    load(con, [program(cost_per_participant_usd="6000")], people())
    result = returns(con)["PRG-1"]
    placement, credential = result.measure(roi.COST_PER_PLACEMENT), result.measure(roi.COST_PER_CREDENTIAL)
    assert placement.value == pytest.approx(6000 * 24 / 12)  # 24 exiters, 12 placements
    assert placement.rests_on == "24 exiters with complete follow-up; 12 placements"
    assert credential.value == pytest.approx(6000 * 24 / 6)
    table = roi.roi_table(result, is_generated_example=False)
    assert set(table.Data) == {"program records"}
    assert list(table.Measure) == [
        "Earnings gain per quarter",
        "Payback period",
        "Cost per placement",
        "Cost per credential",
    ]
    assert table.Definition.str.len().min() > 40  # every measure says what it is


def test_nothing_is_shown_without_pre_enrollment_earnings_and_the_reason_says_so(con):
    load(con, [program()], people(pre=False))
    result = returns(con)["PRG-1"]
    gain, payback = result.measure(roi.EARNINGS_GAIN), result.measure(roi.PAYBACK)
    assert not gain.shown and "no pre-enrollment earnings are recorded" in gain.missing
    assert not payback.shown and payback.missing.startswith("needs the earnings gain")
    assert roi.short_words(gain) == "not available"
    assert result.measure(roi.COST_PER_PLACEMENT).shown  # the other measures do not need it


def test_no_payback_when_earnings_did_not_rise(con):
    rows = people(extra_unemployed=0)
    for row in rows:
        row["pre_enrollment_quarterly_earnings_usd"] = str(float(row["earnings_q2_usd"]) * 2)
    load(con, [program()], rows)
    result = returns(con)["PRG-1"]
    assert result.measure(roi.EARNINGS_GAIN).value == -6500.0
    assert roi.value_words(result.measure(roi.EARNINGS_GAIN)) == "−$6,500"
    assert "no payback" in result.measure(roi.PAYBACK).missing


def test_on_the_job_training_has_no_cost_per_credential(con):
    rows = [dict(r, credential_attained="", credential_date="") for r in people()]
    load(con, [program(program_type="on_the_job_training")], rows)
    credential = returns(con)["PRG-1"].measure(roi.COST_PER_CREDENTIAL)
    assert not credential.shown and credential.missing.startswith("n/a")


def test_a_gain_about_too_few_people_is_suppressed(con):
    load(con, [program()], people(n_employed=9, extra_unemployed=15))  # 9 employed: fewer than 10
    gain = returns(con, threshold=10)["PRG-1"].measure(roi.EARNINGS_GAIN)
    assert not gain.shown and gain.missing.startswith("suppressed")
    assert roi.short_words(gain) == "suppressed"


def test_the_number_of_people_is_withheld_when_it_would_give_back_a_hidden_count(con):
    rows = people(n_employed=25, extra_unemployed=15)
    for row in rows[:3]:  # 3 employed exiters without pre-enrollment earnings: 22 of 25 have both
        row["pre_enrollment_quarterly_earnings_usd"] = ""
    load(con, [program()], rows)
    gain = returns(con, threshold=10)["PRG-1"].measure(roi.EARNINGS_GAIN)
    assert gain.shown and gain.rests_on.startswith("at least 10 exiters (the exact number is withheld")
    assert "22" not in gain.rests_on


def test_summary_columns_for_the_program_list(con):
    load(
        con,
        [program("A", cost_per_participant_usd="6000"), program("B")],
        [dict(r, program_id="A") for r in people()] + [dict(r, program_id="B") for r in people(pre=False)],
    )
    columns = roi.summary_columns(returns(con), ["A", "B"])
    assert columns["Earnings gain per quarter"].tolist() == ["$3,250", "not available"]
    assert columns["Payback period"].tolist() == ["1.8 quarters", "not available"]


@pytest.mark.slow
def test_return_on_investment_reads_in_spanish(con):
    load(
        con,
        [program("A", cost_per_participant_usd="6000"), program("B")],
        [dict(r, program_id="A") for r in people()] + [dict(r, program_id="B") for r in people(pre=False)],
    )
    with use_language("es"):
        results = returns(con)
        columns = roi.summary_columns(results, ["A", "B"])
        payback = results["A"].measure(roi.PAYBACK)
        assert roi.value_words(payback) == "1.8 trimestres (unos 6 meses)"
        assert payback.label == "Período de recuperación"
        table = roi.roi_table(results["A"], False)
    assert columns["Aumento de ingresos por trimestre"].tolist() == ["$3,250", "no disponible"]
    assert columns["Período de recuperación"].tolist() == ["1.8 trimestres", "no disponible"]
    assert list(table.columns) == ["Medida", "Valor", "Se basa en", "Definición", "Datos"]
    assert table["Se basa en"].iloc[0].startswith("12 egresados con empleo en el 2.º trimestre después de la salida")
