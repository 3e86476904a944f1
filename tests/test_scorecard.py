"""The full WIOA scorecard on hand-counted records: measurable skill gains by program year of
participation, retention with the same employer, repeat business customers and employer penetration,
the scoring against entered levels as DOL scores it (actual / level; overall below 90% or any primary
indicator below 50% is not met; effectiveness in serving employers never decides it), and the
suppression of the new cells."""

from __future__ import annotations

import pandas as pd
import pytest

from lmi.i18n import use_language
from lmi.programs import counts, outcomes, scorecard, scorecard_tables
from lmi.programs.scorecard import FAILURE_INDIVIDUAL_SCORE, FAILURE_OVERALL_SCORE, MET, NOT_MET, OTHER_YEARS
from tests.records_helpers import csv_bytes, do_import, new_records, participant, program

pytestmark = pytest.mark.usefixtures("records_backend")  # every test on DuckDB and PostgreSQL

OFF = 1  # a threshold of 1 switches suppression off: the definitions are checked on the raw figures


@pytest.fixture
def con(tmp_path):
    con = new_records(tmp_path)
    yield con
    con.close()


def load(con, programs: list[dict], participants: list[dict], kind_rows: dict | None = None) -> None:
    assert do_import(con, "programs", csv_bytes(programs, "programs")).outcome == "imported"
    if participants:
        result = do_import(con, "participants", csv_bytes(participants, "participants"))
        assert result.outcome == "imported", result.issues
    for kind, rows in (kind_rows or {}).items():
        result = do_import(con, kind, csv_bytes(rows, kind))
        assert result.outcome == "imported", result.issues


def cards(con, threshold: int = OFF) -> dict[str, scorecard.Scorecard]:
    return scorecard.program_scorecards(con, outcomes.program_reports(con, threshold), threshold)


def rows_of(table) -> dict:
    frame = table.table.set_index("group")
    return {g: tuple(frame.loc[g]) for g in frame.index}


# ------------------------------------------------------------------------------------------ measurable skill gains

NOT_EXITED = {
    "exit_date": "",
    "completed": "",
    "credential_attained": "",
    "credential_date": "",
    "employed_q2": "",
    "employed_q4": "",
    "earnings_q2_usd": "",
    "training_related_employment": "",
}


def gain_people() -> list[dict]:
    """Worked out by hand (PY N = 1 July N - 30 June N+1):
    A in training PY2023 only, gain in PY2023;            B in PY2022 and PY2023, first gain in PY2023;
    C in PY2022 and PY2023, first gain in PY2022 (PY2023 not known: a later gain is not recorded);
    D in PY2022 and PY2023, exited without a gain;        E still enrolled, nothing known yet;
    F enrolled in PY2025, gain in PY2025."""
    return [
        participant(1, measurable_skill_gain="yes", measurable_skill_gain_date="2023-12-01"),
        participant(
            2, enrollment_date="2023-05-01", measurable_skill_gain="yes", measurable_skill_gain_date="2024-01-10"
        ),
        participant(
            3, enrollment_date="2023-05-01", measurable_skill_gain="yes", measurable_skill_gain_date="2023-06-01"
        ),
        participant(4, enrollment_date="2023-05-01", measurable_skill_gain="no"),
        participant(5, enrollment_date="2025-09-01", **NOT_EXITED),
        participant(
            6,
            enrollment_date="2025-09-01",
            measurable_skill_gain="yes",
            measurable_skill_gain_date="2025-10-01",
            **NOT_EXITED,
        ),
    ]


def test_measurable_skill_gains_count_participants_in_training_each_program_year(con):
    load(con, [program()], gain_people())
    raw = counts.skill_gain_counts(con, ["PRG-1"]).set_index("group")
    assert raw.in_training_count.to_dict() == {"2022": 3, "2023": 3, "2025": 1}
    assert raw.skill_gain_count.to_dict() == {"2022": 1, "2023": 2, "2025": 1}
    table = cards(con)["PRG-1"].tables["measurable_skill_gains"]
    assert rows_of(table)["2023"] == (3, 2, pytest.approx(2 / 3))
    assert rows_of(table)["All"][:2] == (7, 4)  # participant-years


def test_a_gain_needs_its_date_during_participation_and_no_waits_for_exit(con):
    load(con, [program()], [])
    bad = [
        participant(1, measurable_skill_gain="yes"),
        participant(2, measurable_skill_gain="no", **NOT_EXITED),
        participant(3, measurable_skill_gain="yes", measurable_skill_gain_date="2024-06-01"),  # after exit
        participant(4, measurable_skill_gain_date="2024-01-01"),
    ]
    result = do_import(con, "participants", csv_bytes(bad, "participants"))
    assert result.outcome == "refused"
    assert {(i.row, i.column) for i in result.issues} == {
        (2, "measurable_skill_gain_date"),
        (3, "measurable_skill_gain"),
        (4, "measurable_skill_gain_date"),
        (5, "measurable_skill_gain_date"),
    }


# ------------------------------------------------------------------------------------------ retention


def retention_people(unknown: int = 0) -> list[dict]:
    """Exit PY2023. 5 employed in both quarters with the same employer, 2 in both with another employer,
    1 employed in the 2nd quarter only (not retained), 2 not employed; ``unknown`` more employed in both
    quarters whose answer is not recorded yet."""
    rows = [participant(i, same_employer_q2_q4="yes") for i in range(5)]
    rows += [participant(5 + i, same_employer_q2_q4="no") for i in range(2)]
    rows += [participant(7, employed_q4="no")]
    rows += [
        participant(8 + i, employed_q2="no", employed_q4="no", earnings_q2_usd="", training_related_employment="")
        for i in range(2)
    ]
    rows += [participant(10 + i) for i in range(unknown)]
    return rows


def test_retention_with_the_same_employer_is_over_those_employed_in_the_2nd_quarter(con):
    load(con, [program()], retention_people())
    table = cards(con)["PRG-1"].tables["ese_retention"]
    assert rows_of(table)["2023"] == (8, 5, pytest.approx(5 / 8))


def test_retention_waits_for_every_answer_of_a_year(con):
    load(con, [program()], retention_people(unknown=1))
    card = cards(con)["PRG-1"]
    table = card.tables["ese_retention"].table
    assert "2023" not in set(table.group) and OTHER_YEARS not in set(table.group)
    assert pd.isna(table.set_index("group").loc["All", "same_employer_count"])  # an answer is missing
    assert card.actuals[card.actuals.indicator == "ese_retention"].empty


def test_retention_answers_need_employment_in_both_quarters(con):
    load(con, [program()], [])
    bad = [
        participant(1, employed_q2="no", earnings_q2_usd="", training_related_employment="", same_employer_q2_q4="no"),
        participant(2, employed_q4="no", same_employer_q2_q4="yes"),
    ]
    result = do_import(con, "participants", csv_bytes(bad, "participants"))
    assert {(i.row, i.column) for i in result.issues} == {(2, "same_employer_q2_q4"), (3, "same_employer_q2_q4")}


# ------------------------------------------------------------------------------------------ employer services


def service(establishment: str, day: str, program_id: str = "PRG-1") -> dict:
    return {"program_id": program_id, "establishment_id": establishment, "service_date": day}


SERVICES = [
    service("E1", "2021-09-01"),  # PY2021
    service("E1", "2023-10-01"),  # PY2023: served in the three years before (PY2020-2022): returning
    service("E2", "2022-08-01"),  # PY2022 only
    service("E3", "2023-11-01"),  # PY2023 only: a new customer
    service("E4", "2019-09-01"),  # PY2019: outside PY2020-2022
    service("E4", "2024-02-01"),  # PY2023: not returning by the three-year rule
    service("E4", "2024-03-01"),  # the same establishment twice in a year counts once
]


def test_repeat_business_customers_and_employer_penetration_by_hand(con):
    counts_entered = [
        {"region_area_code": "0025540", "program_year": "2023", "establishments_count": "1000", "source": "test"}
    ]
    load(con, [program()], [], {"employer_services": SERVICES, "establishment_counts": counts_entered})
    raw = counts.establishments_served(con, ["PRG-1"]).set_index("group")
    assert raw.loc["2023", ["served_count", "served_before_count", "returning_count"]].tolist() == [
        3,
        2,
        1,
    ]  # served E1 E3 E4; served PY2020-22: E1 E2; returning: E1
    card = cards(con)["PRG-1"]
    assert rows_of(card.tables["ese_repeat_business"])["2023"] == (2, 1, 0.5)
    penetration = card.tables["ese_penetration"].table.set_index("group")
    assert penetration.loc["2023", "served_count"] == 3
    assert penetration.loc["2023", "served_count_rate"] == pytest.approx(3 / 1000)
    assert "2022" not in penetration.index  # no count entered for PY2022: no rate


def test_employer_penetration_says_the_count_is_missing(con):
    load(con, [program()], [], {"employer_services": SERVICES})
    card = scorecard.program_scorecards(
        con, outcomes.program_reports(con, OFF), OFF, {"0025540": "Hartford-West Hartford-East Hartford, CT"}
    )["PRG-1"]
    assert "ese_penetration" not in card.tables
    assert card.missing["ese_penetration"].startswith(
        "no establishment count entered for Hartford-West Hartford-East Hartford, CT for PY2023"
    )
    assert "staff enter it with its source" in card.missing["ese_penetration"]


# ------------------------------------------------------------------------------------------ scoring


def actual(indicator: str, value: float, year: int = 2023) -> dict:
    return {"program_year": year, "indicator": indicator, "actual": value, "rests_on_count": 40, "why": ""}


def level(indicator: str, value: float, year: int = 2023) -> dict:
    return {"program_year": year, "indicator": indicator, "level": value, "level_basis": "negotiated", "source": "t"}


def test_individual_score_is_actual_over_level():
    scored = scorecard.score(
        [actual("employed_q2", 0.63), actual("earnings_q2_median", 6300.0)],
        [level("employed_q2", 70.0), level("earnings_q2_median", 7000.0)],
    )
    assert [round(r["score"], 6) for r in scored] == [0.9, 0.9]


@pytest.mark.parametrize(
    ("scores", "ese", "verdict"),
    [
        ((0.9, 0.9, 0.9), 1.0, MET),  # exactly 90% overall is met
        ((0.89, 0.89, 0.89), 1.0, NOT_MET),  # below 90% overall
        ((1.5, 1.5, 0.49), 1.0, NOT_MET),  # overall 116%, but one indicator below 50%
        ((1.0, 1.0, 1.0), 0.2, MET),  # effectiveness in serving employers never decides it
    ],
)
def test_a_year_is_met_unless_overall_below_90_or_an_indicator_below_50(scores, ese, verdict):
    indicators = ("employed_q2", "employed_q4", "credential")
    actuals = [actual(i, s * 0.5) for i, s in zip(indicators, scores)] + [actual("ese_retention", ese * 0.5)]
    levels = [level(i, 50.0) for i in (*indicators, "ese_retention")]
    year = scorecard.overall(scorecard.score(actuals, levels)).iloc[0]
    assert year.verdict == verdict
    assert year.overall_score == pytest.approx(sum(scores) / 3)
    assert FAILURE_OVERALL_SCORE == 0.9 and FAILURE_INDIVIDUAL_SCORE == 0.5


def levels_file(year: str = "2023", stream: str = "wioa_adult", generated: str = "", **values: float) -> list[dict]:
    return [
        {
            "program_year": year,
            "funding_stream": stream,
            "indicator": indicator,
            "level": str(value),
            "level_basis": "negotiated",
            "source": "test agreement",
            "is_generated_example": generated,
        }
        for indicator, value in values.items()
    ]


def test_a_program_year_is_scored_against_the_levels_of_its_funding_stream(con):
    people = retention_people()  # exit PY2023: 8 of 10 employed in the 2nd quarter, 7 in the 4th
    levels = levels_file(employed_q2=80.0, employed_q4=100.0, ese_retention=100.0)
    levels += levels_file(stream="wioa_youth", employed_q2=10.0)  # another stream's level does not apply
    load(con, [program()], people, {"negotiated_levels": levels})
    card = cards(con)["PRG-1"]
    scores = card.scores.set_index("indicator").score
    assert scores["employed_q2"] == pytest.approx(1.0) and scores["employed_q4"] == pytest.approx(0.7)
    assert scores["ese_retention"] == pytest.approx(5 / 8)
    year = card.years.iloc[0]
    assert (year.program_year, year.verdict, year.overall_score) == (2023, NOT_MET, pytest.approx(0.85))
    assert "below 90%" in year.reason
    table = scorecard_tables.year_table(card, 2023).set_index("Indicator")
    assert table.loc["Employment rate, 2nd quarter after exit", "Individual score"] == "100.0%"
    assert table.loc["Credential attainment rate", "Level"] == "no level entered"
    assert scorecard_tables.summary_words(card) == "PY2023: not met (85%)"


def test_an_adjusted_level_replaces_the_negotiated_one(con):
    load(con, [program()], retention_people(), {"negotiated_levels": levels_file(employed_q2=100.0)})
    adjusted = [dict(r, level="80", level_basis="adjusted") for r in levels_file(employed_q2=100.0)]
    result = do_import(con, "negotiated_levels", csv_bytes(adjusted, "negotiated_levels"))
    assert result.outcome == "imported" and result.updated == 1 and "level 100.0 → 80.0" in result.message
    card = cards(con)["PRG-1"]
    assert card.scores.score.tolist() == [pytest.approx(1.0)]
    assert card.levels.level_basis.tolist() == ["adjusted"]


def test_generated_example_levels_never_score_a_real_program(con):
    load(con, [program()], retention_people(), {"negotiated_levels": levels_file(generated="yes", employed_q2=80.0)})
    card = cards(con)["PRG-1"]
    assert card.levels.empty and card.years.empty
    assert scorecard_tables.summary_words(card) == "no level entered"
    assert "not scored: no level is entered for WIOA Adult PY2023" in scorecard_tables.year_verdict(card, 2023)


def test_a_suppressed_figure_is_not_scored(con):
    load(con, [program()], retention_people(), {"negotiated_levels": levels_file(employed_q2=80.0)})
    card = cards(con, threshold=10)["PRG-1"]  # 10 exiters: every outcome count is about fewer than 10 people
    assert card.scores.empty and card.years.empty
    row = scorecard_tables.year_table(card, 2023).set_index("Indicator").loc["Employment rate, 2nd quarter after exit"]
    assert (row["Actual"], row["Verdict"]) == ("suppressed", "not scored: suppressed")


# ------------------------------------------------------------------------------------------ suppression


def big_cohort(program_id: str, start: int, exit_date: str, employed: int, same: int, size: int) -> list[dict]:
    rows = []
    for i in range(size):
        works = i < employed
        rows.append(
            participant(
                start + i,
                program_id=program_id,
                exit_date=exit_date,
                employed_q2="yes" if works else "no",
                employed_q4="yes" if works else "no",
                earnings_q2_usd="10000" if works else "",
                training_related_employment="yes" if works else "",
                same_employer_q2_q4=("yes" if i < same else "no") if works else "",
                measurable_skill_gain="yes" if i % 3 else "no",
                measurable_skill_gain_date="2023-10-01" if i % 3 else "",
            )
        )
    return rows


def test_small_cells_of_the_new_indicators_are_suppressed(con):
    people = big_cohort("PRG-1", 0, "2024-03-15", employed=30, same=25, size=40)  # PY2023
    people += big_cohort("PRG-1", 100, "2025-03-14", employed=14, same=4, size=20)  # PY2024: 4 retained
    services = [service(f"E{i}", "2022-09-01") for i in range(30)]
    services += [service(f"E{i}", "2023-09-01") for i in range(3)]  # 3 returning customers in PY2023
    load(con, [program()], people, {"employer_services": services})
    card = cards(con, threshold=10)["PRG-1"]
    retention = card.tables["ese_retention"].table.set_index("group")
    assert pd.isna(retention.loc["2024", "same_employer_count"])  # 4 people: suppressed ...
    assert pd.isna(retention.loc["2023", "same_employer_count"])  # ... and its complement, or 4 = All - 25
    repeat = card.tables["ese_repeat_business"].table.set_index("group")
    assert pd.isna(repeat.loc["2023", "returning_count"]) and pd.isna(repeat.loc["2023", "returning_count_rate"])
    penetration = counts.establishments_served(con, ["PRG-1"]).set_index("group")
    assert penetration.loc["2023", "served_count"] == 3  # the raw count the tables must not show
    shown = "\n".join(
        scorecard_tables.new_indicator_table(card, i).to_csv() for i in ("ese_retention", "ese_repeat_business")
    )
    assert "suppressed" in shown
    reasons = scorecard_tables.hidden_reasons(card, "ese_repeat_business")
    assert reasons and all("establishments" in r for r in reasons)  # plain words, no column names
    assert not any("_count" in r for i in card.tables for r in scorecard_tables.hidden_reasons(card, i))


def test_retention_never_shows_a_year_the_outcome_table_hides(con):
    """A year whose employment count the cohort table suppresses is pooled and never shown, so the
    retention table cannot give that count back (its denominator is the same people)."""
    people = big_cohort("PRG-1", 0, "2024-03-15", employed=30, same=20, size=40)  # PY2023
    people += big_cohort("PRG-1", 100, "2025-03-14", employed=6, same=3, size=12)  # PY2024: 6 employed
    load(con, [program()], people)
    reports = outcomes.program_reports(con, 10)
    hidden_years = {
        g
        for g, n in zip(reports["PRG-1"].by_cohort.table.group, reports["PRG-1"].by_cohort.table.employed_q2_count)
        if pd.isna(n)
    }
    assert "2024" in hidden_years
    retention = scorecard.program_scorecards(con, reports, 10)["PRG-1"].tables["ese_retention"].table
    assert not set(retention.group) & hidden_years
    total = retention.set_index("group").loc["All"]
    shown = retention[retention.group != "All"]
    if not pd.isna(total.same_employer_count):  # what All minus shown gives is a pool of at least 10 people
        rest = total.same_employer_count - shown.same_employer_count.fillna(0).sum()
        assert rest == 0 or rest >= 10


def test_the_scoring_rules_text_is_made_from_the_thresholds():
    for threshold in (FAILURE_OVERALL_SCORE, FAILURE_INDIVIDUAL_SCORE):
        assert f"below {threshold:.0%}" in scorecard.SCORING_RULES
    assert "20 CFR 677.190(c)(1)" in scorecard.SCORING_RULES and "TEGL 11-19" in scorecard.SCORING_RULES
    assert set(scorecard.DEFINITIONS) == set(scorecard.vocab.SCORED_INDICATORS)


def test_the_scoring_rules_say_the_failure_thresholds_and_read_in_spanish():
    assert f"below {FAILURE_OVERALL_SCORE:.0%} or any individual indicator score is below " in scorecard.SCORING_RULES
    assert f"{FAILURE_INDIVIDUAL_SCORE:.0%}, and **met** otherwise" in scorecard.SCORING_RULES
    with use_language("es"):
        assert scorecard_tables.verdict_words(NOT_MET) == "no se cumple"
        assert scorecard.individual_verdict(0.4) == "por debajo del 50% del nivel: un incumplimiento del desempeño"
        [year] = scorecard.overall(
            [{"program_year": 2024, "indicator": "employed_q2", "score": 0.85, "in_overall": True}]
        ).to_dict("records")
        assert year["verdict"] == NOT_MET  # a code, compared in code; worded where shown
        assert year["reason"] == "el puntaje general de 85.0% es menor del 90%"
