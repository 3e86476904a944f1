"""Budget scenarios in the domain (``lmi.programs.scenario``) and their store (``lmi.records.scenarios``): moving
seats or dollars changes expected placements by seats x rates; Wilson ranges contain the point and widen for small
records; added completers above the openings of the target occupations raise a warning (and only then); a new
program stands on the average record of its type; every bad change or file names its field; saving is
all-or-nothing. The figures in the hand-made frames are made up for these tests; the last tests run on the
generated example data and the real reference database."""

from __future__ import annotations

import datetime as dt
import json
import math

import duckdb
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lmi.db import open_reference
from lmi.demand import DemandModel
from lmi.demand.codes import CodeResolver
from lmi.i18n import use_language
from lmi.programs import local_fit, outcomes
from lmi.programs import scenario as budget
from lmi.records import queries
from lmi.records import scenarios as store
from lmi.records.db import open_records
from lmi.records.example import load_example_records
from lmi.records.schema import MIGRATIONS, migrate, schema_version
from tests.records_helpers import new_records, occupation_codes

HARTFORD, NEW_HAVEN = "0025540", "0035300"
EXAMPLE_DAY = dt.date(2026, 11, 25)


def record(program_id: str, exiters, completed, placed, credentials, **facts) -> dict:
    """One row as ``outcomes.program_summaries`` gives it (None = suppressed)."""
    row = {
        "program_id": program_id,
        "program_name": f"Program {program_id}",
        "provider_name": "Test College",
        "program_type": "classroom_occupational_skills",
        "region_area_code": HARTFORD,
        "cost_per_participant_usd": 5000.0,
        "seats_count": 40,
        "exiters_count": exiters,
        "completed_count": completed,
        "placed_count": placed,
        "credential_count": credentials,
        "credential_indicator": True,
        "is_generated_example": False,
    }
    row.update(facts)
    return row


def summaries(*rows: dict) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows))
    for column in ("exiters_count", "completed_count", "placed_count", "credential_count"):
        frame[column] = pd.array(frame[column], dtype="Int64")
    return frame


def targets(*rows: tuple[str, str, float | None], region: str = HARTFORD) -> pd.DataFrame:
    """(program, BLS code, estimated openings a year) as ``local_fit`` target rows."""
    return pd.DataFrame(
        [
            {
                "program_id": program,
                "region_area_code": region,
                "soc_code": code,
                "soc_title": f"Occupation {code}",
                "local_employment_count": 1000.0 if openings is not None else None,
                "local_annual_openings_est_count": float("nan") if openings is None else openings,
            }
            for program, code, openings in rows
        ]
    )


# A: 100 exiters, 70 completers, 40 placements, 50 credentials; B: 200 exiters, 160 completers, 150 placements.
A_AND_B = summaries(record("A", 100, 70, 40, 50), record("B", 200, 160, 150, 120, cost_per_participant_usd=3000.0))
PLENTY = targets(("A", "11-1111", 500.0), ("B", "22-2222", 500.0))


def row_of(result: budget.ScenarioResult, program_id: str) -> pd.Series:
    return result.programs.set_index("program_id").loc[program_id]


# ------------------------------------------------------------------------------------------------ projection


def test_moving_seats_changes_placements_by_the_seats_times_each_programs_rate():
    result = budget.project(budget.Scenario((budget.MoveSeats("A", "B", 10),)), A_AND_B, PLENTY)
    a, b = row_of(result, "A"), row_of(result, "B")
    assert (a.seats_before_count, a.seats_after_count, b.seats_after_count) == (40, 30, 50)
    assert a.placements_change_count == pytest.approx(-10 * 0.40)
    assert b.placements_change_count == pytest.approx(10 * 0.75)
    assert result.totals["placements_change_count"] == pytest.approx(10 * (0.75 - 0.40))
    assert b.completers_after_count == pytest.approx(50 * 0.80)
    assert b.credentials_change_count == pytest.approx(10 * 0.60)
    assert (a.budget_change_usd, b.budget_change_usd) == (-50_000, 30_000)
    # cost per placement = cost per participant / placement rate: unchanged for a program, lower for the two
    assert a.cost_per_placement_usd == pytest.approx(5000 / 0.40)
    before = (40 * 5000 + 40 * 3000) / (40 * 0.40 + 40 * 0.75)
    after = (30 * 5000 + 50 * 3000) / (30 * 0.40 + 50 * 0.75)
    assert result.totals["cost_per_placement_before_usd"] == pytest.approx(before)
    assert result.totals["cost_per_placement_after_usd"] == pytest.approx(after)


def test_moving_dollars_buys_whole_seats_at_each_programs_cost():
    scenario = budget.Scenario((budget.MoveDollars("A", "B", 21_000),))
    result = budget.project(scenario, A_AND_B, PLENTY)
    [step] = result.steps
    assert (step.seats_out, step.seats_in) == (5, 7)  # A gives up ceil(21,000 / 5,000), B gains floor(21,000 / 3,000)
    assert row_of(result, "A").seats_after_count == 35 and row_of(result, "B").seats_after_count == 47
    assert "5 fewer seats" in budget.step_words(step, result.names) and "$0 unspent" in budget.step_words(step, {})
    exact = budget.project(budget.Scenario((budget.MoveDollars("A", "B", 20_000),)), A_AND_B, PLENTY)
    assert (exact.steps[0].seats_out, exact.steps[0].seats_in) == (4, 6)
    assert "$2,000 unspent" in budget.step_words(exact.steps[0], {})


def test_changes_apply_in_order():
    scenario = budget.Scenario((budget.MoveSeats("A", "B", 30), budget.MoveSeats("B", "A", 70)))
    result = budget.project(scenario, A_AND_B, PLENTY)
    assert row_of(result, "A").seats_after_count == 80 and row_of(result, "B").seats_after_count == 0
    assert budget.results_table(result).iloc[1]["Cost per placement in scenario"] == "no seats"


@given(
    n=st.integers(min_value=1, max_value=5000),
    share=st.floats(min_value=0, max_value=1),
    confidence=st.sampled_from([0.8, 0.9, 0.95]),
)
def test_wilson_interval_contains_the_rate_and_stays_within_0_and_1(n, share, confidence):
    successes = round(share * n)
    low, high = budget.wilson_interval(successes, n, confidence)
    assert 0 <= low <= successes / n <= high <= 1
    assert high > low


@given(n=st.integers(min_value=1, max_value=1000), share=st.floats(min_value=0, max_value=1))
def test_wilson_interval_widens_for_smaller_records(n, share):
    small = budget.wilson_interval(share * n, n)
    large = budget.wilson_interval(share * 4 * n, 4 * n)
    assert small[1] - small[0] > large[1] - large[0]


def test_wilson_interval_agrees_with_its_closed_form_at_zero():
    """With no successes the upper end is z² / (n + z²): 0.2775 for 10 trials at 95%."""
    low, high = budget.wilson_interval(0, 10, 0.95)
    assert low == 0 and high == pytest.approx(0.2775, abs=1e-4)


def test_projected_ranges_contain_the_point_and_widen_for_small_cohorts():
    """The same rates over 20 and over 400 exiters: the same expected placements, a wider range for 20."""
    frame = summaries(
        record("SMALL", 20, 15, 10, 12), record("LARGE", 400, 300, 200, 240), record("GIVER", 300, 200, 100, 100)
    )
    scenario = budget.Scenario((budget.MoveSeats("GIVER", "SMALL", 20), budget.MoveSeats("GIVER", "LARGE", 20)))
    result = budget.project(scenario, frame, targets(("SMALL", "1", 1e6), ("LARGE", "2", 1e6), ("GIVER", "3", 1e6)))
    small, large = row_of(result, "SMALL"), row_of(result, "LARGE")
    assert small.placements_change_count == large.placements_change_count == pytest.approx(10)
    for row in (small, large, row_of(result, "GIVER")):
        for outcome in budget.OUTCOMES:
            for stage in budget.STAGES:
                point = row[f"{outcome}_{stage}_count"]
                assert row[f"{outcome}_{stage}_low_count"] <= point <= row[f"{outcome}_{stage}_high_count"]
    width = {r.name: r.placements_after_high_count - r.placements_after_low_count for r in (small, large)}
    assert width["SMALL"] > 2 * width["LARGE"]
    totals = result.totals
    assert (
        totals["placements_change_low_count"]
        <= totals["placements_change_count"]
        <= totals["placements_change_high_count"]
    )


def test_a_suppressed_record_moves_seats_but_is_not_projected():
    frame = summaries(record("A", 100, 70, 40, 50), record("TINY", None, None, None, None, seats_count=12))
    result = budget.project(budget.Scenario((budget.MoveSeats("TINY", "A", 5),)), frame, targets(("A", "1", 500.0)))
    tiny = row_of(result, "TINY")
    assert not tiny.is_projected and tiny.seats_after_count == 7 and math.isnan(tiny.placements_change_count)
    assert result.totals["placements_change_count"] == pytest.approx(5 * 0.40)  # only A's
    assert result.totals["budget_change_usd"] == 0
    assert any("TINY" in note and "not projected" in note for note in result.notes)
    assert budget.results_table(result).iloc[0]["Placements a year change"] == "not projected (record suppressed)"


def test_a_suppressed_count_is_not_projected_and_the_program_says_so():
    frame = summaries(record("A", 100, None, 90, None), record("B", 200, 160, 150, 120))
    result = budget.project(budget.Scenario((budget.MoveSeats("B", "A", 5),)), frame, PLENTY)
    a = row_of(result, "A")
    assert math.isnan(a.completers_change_count) and a.placements_change_count == pytest.approx(4.5)
    assert any("completers and credentials" in note for note in result.notes)


def test_ojt_programs_have_no_credentials_projected():
    frame = summaries(
        record("OJT", 100, 80, 60, None, program_type="on_the_job_training", credential_indicator=False),
        record("B", 200, 160, 150, 120),
    )
    result = budget.project(budget.Scenario((budget.MoveSeats("B", "OJT", 5),)), frame, PLENTY)
    assert budget.results_table(result).iloc[1]["Credentials a year change"] == "n/a (no credential indicator)"
    assert not result.notes


def test_a_new_program_stands_on_the_average_record_of_its_type():
    frame = summaries(
        record("A", 100, 70, 40, 50),
        record("C", 300, 210, 180, 150),
        record("BOOT", 50, 40, 30, 10, program_type="bootcamp"),
    )
    new = budget.NewProgram(
        "NEW-1", "Nursing assistants", "classroom_occupational_skills", HARTFORD, 2500, 0, ("31-1131",)
    )
    scenario = budget.Scenario((new, budget.MoveDollars("A", "NEW-1", 50_000)))
    result = budget.project(scenario, frame, targets(("A", "1", 500.0), ("NEW-1", "31-1131", 1000.0)))
    row = row_of(result, "NEW-1")
    assert row.is_new_program and row.seats_before_count == 0 and row.seats_after_count == 20
    assert row.placements_rate == pytest.approx((40 + 180) / 400)  # pooled over the type's records
    assert row.record_exiters_count == pytest.approx(200)  # an average program's cohort, not the pooled 400
    assert "average record of its type" in row.record_basis and "2 programs" in row.record_basis
    assert row.placements_after_count == pytest.approx(20 * 0.55)


# ------------------------------------------------------------------------------------------------ absorption


def test_absorption_warns_when_added_completers_exceed_the_openings():
    tight = targets(("A", "11-1111", 500.0), ("B", "22-2222", 7.0))
    result = budget.project(budget.Scenario((budget.MoveSeats("A", "B", 10),)), A_AND_B, tight)
    [row] = result.absorption.to_dict("records")  # only B gains completers
    assert row["added_completers_count"] == pytest.approx(8.0) and row["local_annual_openings_est_count"] == 7.0
    assert row["exceeds_openings"] and row["absorption_verdict"] == budget.EXCEEDS
    [warning] = result.warnings({HARTFORD: "Hartford"})
    assert "Program B in Hartford" in warning and "about 8 added completers a year" in warning
    assert "22-2222 Occupation 22-2222: about 7 a year" in warning


def test_no_absorption_warning_when_added_completers_stay_within_the_openings():
    roomy = targets(("A", "11-1111", 500.0), ("B", "22-2222", 8.2))
    result = budget.project(budget.Scenario((budget.MoveSeats("A", "B", 10),)), A_AND_B, roomy)
    [row] = result.absorption.to_dict("records")
    assert not row["exceeds_openings"] and result.warnings() == []
    assert row["absorption_verdict"] == budget.RANGE_TOP_EXCEEDS  # 8 expected, the range's top end above 8.2
    wide = budget.project(budget.Scenario((budget.MoveSeats("A", "B", 10),)), A_AND_B, PLENTY)
    assert wide.absorption.absorption_verdict.tolist() == [budget.WITHIN] and wide.warnings() == []


def test_absorption_counts_a_shared_code_once_and_moves_within_it_cancel():
    # A and B both train for 11-1111 in Hartford: moving seats between them adds 10 x (0.8 - 0.7) completers net
    shared = targets(("A", "11-1111", 0.5), ("B", "11-1111", 0.5), ("B", "22-2222", None))
    result = budget.project(budget.Scenario((budget.MoveSeats("A", "B", 10),)), A_AND_B, shared)
    [row] = result.absorption.to_dict("records")
    assert row["program_ids"] == "A; B" and row["bls_codes"] == "11-1111; 22-2222"
    assert row["added_completers_count"] == pytest.approx(1.0)
    assert row["local_annual_openings_est_count"] == 0.5  # 11-1111 counted once; 22-2222 has no estimate
    assert row["openings_is_floor"] and row["exceeds_openings"]
    assert "openings are a floor" in result.warnings()[0]
    same_rates = summaries(record("A", 100, 70, 40, 50), record("B", 100, 70, 40, 50))
    cancelled = budget.project(budget.Scenario((budget.MoveSeats("A", "B", 10),)), same_rates, shared)
    assert cancelled.absorption.empty and cancelled.warnings() == []


def test_absorption_of_programs_in_different_regions_is_separate():
    frame = summaries(record("A", 100, 70, 40, 50), record("B", 200, 160, 150, 120, region_area_code=NEW_HAVEN))
    both = pd.concat([targets(("A", "11-1111", 1.0)), targets(("B", "11-1111", 1.0), region=NEW_HAVEN)])
    result = budget.project(budget.Scenario((budget.MoveSeats("A", "B", 10),)), frame, both)
    assert result.absorption.region_area_code.tolist() == [NEW_HAVEN]  # A loses completers: nothing to absorb


def test_without_an_openings_estimate_absorption_cannot_be_checked():
    result = budget.project(
        budget.Scenario((budget.MoveSeats("A", "B", 10),)), A_AND_B, targets(("A", "1", 5.0), ("B", "2", None))
    )
    assert result.absorption.absorption_verdict.tolist() == [budget.CANNOT_CHECK] and result.warnings() == []


# ------------------------------------------------------------------------------------------------ checks


def fields(problems) -> list[str]:
    return [p.field for p in problems]


def test_a_change_that_cannot_happen_is_refused_naming_its_field():
    scenario = budget.Scenario(
        (
            budget.MoveSeats("A", "NOPE", 5),
            budget.MoveSeats("A", "B", 41),
            budget.MoveSeats("A", "B", 40),
            budget.MoveSeats("A", "B", 1),  # A has no seats left after the change before
            budget.MoveDollars("B", "A", 500_000),
            budget.MoveDollars("B", "A", 1_000),
            budget.MoveSeats("B", "B", 1),
        )
    )
    problems = budget.check(scenario, A_AND_B)
    assert fields(problems) == [
        "changes[0].to_program",
        "changes[1].seats",
        "changes[3].seats",
        "changes[4].amount_usd",
        "changes[5].amount_usd",
        "changes[6].to_program",
    ]
    assert "41 seats is more than A has at this point (40)" in str(problems[1])
    assert "(0)" in str(problems[2])
    assert "$500,000 is more than B's budget" in str(problems[3])
    assert "pays for no whole seat of A" in str(problems[4])
    with pytest.raises(budget.ScenarioError) as error:
        budget.project(scenario, A_AND_B, PLENTY)
    assert error.value.problems == problems


def test_a_new_program_is_checked_against_types_areas_and_occupation_codes():
    resolver = occupation_codes()
    bad = budget.NewProgram("A", "", "nursing_school", "9999999", 0, -1, ("99-9999",))
    problems = budget.check(budget.Scenario((bad,)), A_AND_B, resolver, {HARTFORD: "Hartford"})
    assert fields(problems) == [
        "changes[0].program_id",
        "changes[0].program_name",
        "changes[0].program_type",
        "changes[0].region_area_code",
        "changes[0].cost_per_participant_usd",
        "changes[0].seats",
        "changes[0].target_soc_codes",
    ]
    assert "99-9999 is not a code BLS publishes numbers for" in str(problems[-1])
    boot = budget.NewProgram("NEW-1", "Coding", "bootcamp", HARTFORD, 9000, 10, ("31-1121",))
    [problem] = budget.check(budget.Scenario((boot,)), A_AND_B, resolver, {HARTFORD: "Hartford"})
    assert problem.field == "changes[0].program_type" and "no Bootcamp program publishes a record" in problem.message
    good = budget.NewProgram("NEW-1", "Aides", "classroom_occupational_skills", HARTFORD, 1900, 10, ("31-1121",))
    later = budget.MoveSeats("A", "NEW-1", 5)
    assert budget.check(budget.Scenario((good, later)), A_AND_B, resolver, {HARTFORD: "Hartford"}) == []
    assert fields(budget.check(budget.Scenario((later, good)), A_AND_B, resolver, {HARTFORD: "Hartford"})) == [
        "changes[0].to_program"
    ]


# ------------------------------------------------------------------------------------------------ JSON


SCENARIO = budget.Scenario(
    (
        budget.NewProgram(
            "NEW-1", "Aides", "classroom_occupational_skills", HARTFORD, 1900.0, 0, ("31-1121", "31-1122.00")
        ),
        budget.MoveSeats("A", "B", 10),
        budget.MoveDollars("B", "NEW-1", 19_000.0),
    ),
    "Shift to care careers",
)


def test_a_scenario_survives_its_json():
    text = budget.scenario_to_json(SCENARIO)
    assert budget.scenario_from_json(text) == SCENARIO
    assert budget.scenario_from_json(text.encode("utf-8")) == SCENARIO
    assert json.loads(text)["format"] == budget.SCENARIO_FORMAT


def bad_file(**edits) -> str:
    document = json.loads(budget.scenario_to_json(SCENARIO))
    for path, value in edits.items():
        target, *keys = path.split("__")
        holder = document
        if keys:
            holder = document["changes"][int(target)]
            target = keys[0]
        if value is KeyError:
            del holder[target]
        else:
            holder[target] = value
    return json.dumps(document)


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        ("not json", "file", "not a JSON document"),
        ("[1, 2]", "file", "expected a JSON object"),
        (bad_file(format="something else"), "format", "must be 'lmi-budget-scenario'"),
        (bad_file(format_version=2), "format_version", "must be 1"),
        (bad_file(changes=[]), "changes", "non-empty list"),
        (bad_file(colour="red"), "colour", "unknown field"),
        (bad_file(**{"1__kind": "close_program"}), "changes[1].kind", "must be one of"),
        (bad_file(**{"1__seats": 2.5}), "changes[1].seats", "whole number"),
        (bad_file(**{"1__seats": "10"}), "changes[1].seats", "whole number"),
        (bad_file(**{"1__seats": KeyError}), "changes[1].seats", "missing"),
        (bad_file(**{"1__color": 1}), "changes[1].color", "unknown field for move_seats"),
        (bad_file(**{"2__amount_usd": "lots"}), "changes[2].amount_usd", "number of dollars"),
        (bad_file(**{"2__from_program": ""}), "changes[2].from_program", "non-empty text"),
        (bad_file(**{"0__target_soc_codes": "31-1121"}), "changes[0].target_soc_codes", "list of occupation codes"),
        (bad_file(**{"0__cost_per_participant_usd": True}), "changes[0].cost_per_participant_usd", "number of dollars"),
    ],
)
def test_a_bad_scenario_file_names_the_field(text, field, words):
    with pytest.raises(budget.ScenarioError) as error:
        budget.scenario_from_json(text)
    assert field in [p.field for p in error.value.problems], error.value
    assert any(words in p.message for p in error.value.problems if p.field == field), error.value


def test_every_problem_of_a_file_is_reported_at_once():
    text = bad_file(format_version=9, **{"1__seats": "x", "2__amount_usd": None})
    with pytest.raises(budget.ScenarioError) as error:
        budget.scenario_from_json(text)
    assert fields(error.value.problems) == ["format_version", "changes[1].seats", "changes[2].amount_usd"]


def test_codes_typed_in_any_separator_are_read_once_each():
    assert budget.parse_codes("31-1121; 31-1122.00,31-1121  29-1141") == ("31-1121", "31-1122.00", "29-1141")


# ------------------------------------------------------------------------------------------------ texts


def test_method_texts_are_built_from_the_constants():
    assert f"{budget.percent(budget.CONFIDENCE)} Wilson score interval" in budget.INTERVAL_METHOD
    assert f"z = {budget.Z_SCORE:.3f}" in budget.INTERVAL_METHOD and budget.percent(0.9) == "90%"
    assert "average record of its type" in budget.PROJECTION_METHOD
    assert "each code counted once" in budget.ABSORPTION_METHOD
    assert budget.ABSORPTION_HEADERS["added"] == f"Added completers a year ({budget.percent(budget.CONFIDENCE)} range)"


def test_results_label_generated_example_data():
    frame = summaries(record("A", 100, 70, 40, 50, is_generated_example=True), record("B", 200, 160, 150, 120))
    result = budget.project(budget.Scenario((budget.MoveSeats("A", "B", 10),)), frame, PLENTY)
    table = budget.results_table(result)
    assert result.rests_on_generated
    assert table.Data.tolist() == ["generated example data", "program records", "generated example data"]
    assert budget.absorption_table(result, {}).Data.tolist() == ["program records"]  # only B gains completers
    flipped = budget.project(budget.Scenario((budget.MoveSeats("B", "A", 10),)), frame, PLENTY)
    assert budget.absorption_table(flipped, {HARTFORD: "Hartford"}).to_dict("records")[0] == {
        "Region": "Hartford",
        "Programs": "Program A",
        "Target occupations (BLS codes, each once): est. openings": "11-1111 Occupation 11-1111: about 500 a year",
        "Added completers a year (90% range)": "7 (6–8)",
        "Est. annual openings here": "about 500 a year",
        "Absorption": budget.WITHIN,
        "Data": "generated example data",
    }
    plain = budget.project(budget.Scenario((budget.MoveSeats("A", "B", 10),)), A_AND_B, PLENTY)
    assert not plain.rests_on_generated and "generated example data" not in budget.results_table(plain).to_csv()


def test_new_programs_get_the_first_free_id():
    assert budget.next_new_program_id(budget.Scenario()) == "NEW-1"
    assert budget.next_new_program_id(SCENARIO) == "NEW-2"


# ------------------------------------------------------------------------------------------------ store


def test_migration_3_adds_the_scenario_table_to_an_older_store(tmp_path):
    con = duckdb.connect(str(tmp_path / "old.duckdb"))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR, applied_utc TIMESTAMP)")
    for version, description, sql in MIGRATIONS[:2]:
        con.execute(sql)
        con.execute("INSERT INTO schema_version VALUES (?, ?, now())", [version, description])
    assert schema_version(con) == 2
    assert migrate(con) >= 3
    assert con.execute("SELECT count(*) FROM budget_scenario").fetchall() == [(0,)]
    assert [m[0] for m in MIGRATIONS][:3] == [1, 2, 3]
    con.close()


@pytest.mark.usefixtures("records_backend")
def test_staff_save_list_and_reload_a_scenario(tmp_path):
    con = new_records(tmp_path)
    text = budget.scenario_to_json(SCENARIO)
    when = dt.datetime(2026, 11, 25, 14, 30, tzinfo=dt.UTC)
    assert store.save_scenario(con, "  Shift to care careers ", "Dana", text, now=when) == "Shift to care careers"
    saved = store.saved_scenarios(con)
    assert saved.to_dict("records") == [
        {
            "scenario_name": "Shift to care careers",
            "created_by": "Dana",
            "created_utc": pd.Timestamp(2026, 11, 25, 14, 30),
        }
    ]
    assert budget.scenario_from_json(store.saved_scenario_json(con, "Shift to care careers")) == SCENARIO
    with pytest.raises(LookupError):
        store.saved_scenario_json(con, "nothing")
    con.close()


@pytest.mark.usefixtures("records_backend")
@pytest.mark.parametrize(
    ("name", "by", "text", "field"),
    [
        ("Shift to care careers", "Lee", None, "name"),  # already saved
        ("   ", "Lee", None, "name"),
        ("x" * 121, "Lee", None, "name"),
        ("Another", " ", None, "created_by"),
        ("Another", "Lee", "{not json", "changes"),
        ("Another", "Lee", '{"changes": 3}', "changes"),
    ],
)
def test_saving_is_all_or_nothing_and_names_the_field(tmp_path, name, by, text, field):
    con = new_records(tmp_path)
    store.save_scenario(con, "Shift to care careers", "Dana", budget.scenario_to_json(SCENARIO))
    with pytest.raises(store.SaveProblem) as problem:
        store.save_scenario(con, name, by, text if text is not None else budget.scenario_to_json(SCENARIO))
    assert problem.value.field == field
    assert store.saved_scenarios(con).scenario_name.tolist() == ["Shift to care careers"]
    assert store.saved_scenario_json(con, "Shift to care careers") == budget.scenario_to_json(SCENARIO)
    con.close()


# ------------------------------------------------------------------------------------------------ example data


def overflowing_move(summary: pd.DataFrame, fit_targets: pd.DataFrame) -> tuple[str, str, int, int]:
    """From the data: (giver, taker, seats, fewer seats) where moving ``seats`` from giver to taker adds more
    completers a year than the taker's target occupations have estimated openings, and ``fewer seats`` (one
    less) does not. The taker is the program that needs the fewest seats for it; the giver, the program with
    the most seats in another region (so nothing cancels) whose placements are published."""
    records = budget.records_from_summaries(summary)
    cases = []
    for taker in records.values():
        rate = taker.rate("completers")
        rows = fit_targets[fit_targets.program_id == taker.program_id].drop_duplicates("soc_code")
        openings = rows.local_annual_openings_est_count.dropna()
        if not rate or openings.empty:
            continue
        seats = math.floor(openings.sum() / rate) + 1
        givers = [
            g
            for g in records.values()
            if g.region_area_code != taker.region_area_code and g.rate("placements") and g.seats_count >= seats
        ]
        if givers and seats > 1:
            giver = max(givers, key=lambda g: (g.seats_count, g.program_id))
            cases.append((seats, taker.program_id, giver.program_id))
    assert cases, "no example program's openings can be exceeded by moving seats"
    seats, taker, giver = min(cases)
    return giver, taker, seats, seats - 1


@pytest.fixture(scope="module")
def example(reference_db, tmp_path_factory):
    """Generated example records, their published summaries and every program's local fit."""
    path = tmp_path_factory.mktemp("records") / "records.duckdb"
    load_example_records(path, reference_db, today=EXAMPLE_DAY)
    con = open_records(path)
    ref = open_reference(reference_db)
    fit = local_fit.programs_local_fit(ref, DemandModel(ref), CodeResolver(ref), queries.programs(con))
    yield outcomes.program_summaries(con, 10), fit.targets
    con.close()
    ref.close()


def test_on_the_example_data_moving_seats_past_the_openings_warns(example):
    summary, fit_targets = example
    giver, taker, seats, fewer = overflowing_move(summary, fit_targets)
    over = budget.project(budget.Scenario((budget.MoveSeats(giver, taker, seats),)), summary, fit_targets)
    under = budget.project(budget.Scenario((budget.MoveSeats(giver, taker, fewer),)), summary, fit_targets)
    assert over.absorption.program_ids.tolist() == [taker] and over.absorption.exceeds_openings.tolist() == [True]
    assert len(over.warnings()) == 1 and under.warnings() == []
    assert over.rests_on_generated
    rates = budget.records_from_summaries(summary)
    expected = seats * (rates[taker].rate("placements") - rates[giver].rate("placements"))
    assert over.totals["placements_change_count"] == pytest.approx(expected)


def test_a_scenario_reads_in_spanish_and_keeps_its_verdict_codes():
    frame = summaries(record("A", 100, 70, 40, 50, is_generated_example=True), record("B", 200, 160, 150, 120))
    with use_language("es"):
        result = budget.project(budget.Scenario((budget.MoveSeats("B", "A", 10),)), frame, PLENTY)
        table = budget.results_table(result)
        absorption = budget.absorption_table(result, {HARTFORD: "Hartford"})
        step = budget.steps_table(result)
    assert result.absorption.absorption_verdict.tolist() == [budget.WITHIN]  # the id, compared in code
    assert table["Programa"].iloc[-1] == "Todos los programas de este escenario"
    assert "Colocaciones al año en el escenario" in table.columns
    assert absorption["Absorción"].tolist() == ["dentro de las vacantes estimadas"]
    assert absorption["Personas adicionales que completan al año (rango del 90%)"].tolist() == ["7 (6–8)"]
    assert step.iloc[0, 1] == "Mover 10 cupos al año de Program B a Program A"
    with use_language("es"):
        problems = budget.check(budget.Scenario((budget.MoveSeats("A", "B", 999),)), frame)
    assert [(p.field, p.message) for p in problems] == [
        ("changes[0].seats", "999 cupos son más de los que A tiene en este punto (40)")
    ]
