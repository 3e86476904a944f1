"""The budget scenario in a real browser, on the generated example data: moving seats from one program to another
changes the projected placements, and the absorption warning appears once the added completers exceed the
estimated openings of the receiving program's target occupations (one seat fewer and it does not). Which programs
and how many seats are worked out from the data (``overflowing_move``), not guessed. The scenario downloads as
JSON and loads again from the file; a bad file is refused naming its field.

The app runs here on its own records store holding the generated example data (the session's app serves the
store other browser tests upload into)."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lmi.db import open_reference
from lmi.demand import DemandModel
from lmi.demand.codes import CodeResolver
from lmi.programs import local_fit, outcomes
from lmi.programs import scenario as budget
from lmi.programs.labels import program_choice_label
from lmi.records import queries
from lmi.records.db import open_records
from lmi.records.example import load_example_records
from tests.browser.conftest import serve_app
from tests.browser.helpers import choose_in_selectbox, click_and_wait, download, open_app, type_into, upload_file
from tests.test_budget_scenario import overflowing_move

pytestmark = pytest.mark.browser

EXAMPLE_DAY = dt.date(2026, 11, 25)
WARNING_WORDS = "may not absorb them"


@pytest.fixture(scope="module")
def example_store(reference_db, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("scenario-records") / "records.duckdb"
    results = load_example_records(path, reference_db, today=EXAMPLE_DAY)
    assert all(r.outcome == "imported" for r in results)
    return path


@pytest.fixture(scope="module")
def case(example_store, reference_db) -> dict:
    """The programs, seats and expected figures, computed from the example data before the app opens the store."""
    con, ref = open_records(example_store), open_reference(reference_db)
    try:
        fit = local_fit.programs_local_fit(ref, DemandModel(ref), CodeResolver(ref), queries.programs(con))
        summary, targets = outcomes.program_summaries(con, 10), fit.targets
    finally:
        con.close()
        ref.close()
    giver, taker, seats, fewer = overflowing_move(summary, targets)
    labels = {
        r.program_id: program_choice_label(r.program_name, r.provider_name, r.is_generated_example)
        for r in summary.itertuples()
    }
    projected = {
        n: budget.project(budget.Scenario((budget.MoveSeats(giver, taker, n),)), summary, targets)
        for n in (seats, fewer)
    }
    assert projected[seats].warnings() and not projected[fewer].warnings()
    return {
        "giver": giver,
        "taker": taker,
        "seats": seats,
        "fewer": fewer,
        "labels": labels,
        "taker_name": summary.set_index("program_id").program_name[taker],
        "projected": projected,
    }


@pytest.fixture(scope="module")
def example_app(example_store, reference_db, case, tmp_path_factory) -> str:
    """The app on the example store, started for this module (after ``case`` has read the store)."""
    env = dict(os.environ, LMI_REFERENCE_DB=str(reference_db), LMI_RECORDS_DB=str(example_store))
    env.pop("LMI_STAFF_PASSWORD", None)
    env.pop("LMI_SMALL_CELL_THRESHOLD", None)
    with serve_app(env, tmp_path_factory.mktemp("scenario-app")) as url:
        yield url


def choose_program(page: Page, label: str, option: str) -> None:
    """Pick a program unless it is the one chosen already (choosing it again asks for no rerun)."""
    field = page.locator("[data-testid='stSelectbox']").filter(has_text=label).first.locator("input")
    if field.input_value() != option:
        choose_in_selectbox(page, label, option)


def add_move(page: Page, case: dict, seats: int) -> None:
    choose_program(page, "From program", case["labels"][case["giver"]])
    choose_program(page, "To program", case["labels"][case["taker"]])
    type_into(page, "Seats a year to move", str(seats))
    click_and_wait(page, page.get_by_role("button", name="Add this change"))


def placements_metric(page: Page):
    return page.locator("[data-testid='stMetric']").filter(has_text="Projected placements a year")


def test_moving_seats_changes_placements_and_warns_past_the_openings(page, example_app, case):
    open_app(page, f"{example_app}/funding")
    expect(page.get_by_role("heading", name="Budget scenario")).to_be_visible()
    expect(placements_metric(page)).to_have_count(0)

    add_move(page, case, case["fewer"])
    under = case["projected"][case["fewer"]].totals
    metric = placements_metric(page)
    expect(metric).to_contain_text(budget.count_words(under["placements_after_count"]))
    expect(metric).to_contain_text(f"{budget.signed_words(under['placements_change_count'])} vs now")
    expect(page.get_by_text("stay within the estimated openings")).to_be_visible()
    expect(page.get_by_text(WARNING_WORDS)).to_have_count(0)

    click_and_wait(page, page.get_by_role("button", name="Start over"))
    add_move(page, case, case["seats"])
    over = case["projected"][case["seats"]]
    expect(placements_metric(page)).to_contain_text(budget.count_words(over.totals["placements_after_count"]))
    warning = page.locator("[data-testid='stAlert']").filter(has_text=WARNING_WORDS)
    expect(warning).to_have_count(1)
    expect(warning).to_contain_text(case["taker_name"])
    added = budget.count_words(over.absorption.added_completers_count.iloc[0])
    expect(warning).to_contain_text(f"about {added} added completers a year")
    expect(page.get_by_text("Generated example data").first).to_be_visible()

    saved = download(page, "Download the scenario's changes (JSON)")
    document = json.loads(Path(saved.path()).read_text())
    assert budget.scenario_from_json(json.dumps(document)).changes == (
        budget.MoveSeats(case["giver"], case["taker"], case["seats"]),
    )


def test_a_scenario_file_loads_again_and_a_bad_one_names_its_field(page, example_app, case):
    open_app(page, f"{example_app}/funding")
    page.get_by_text("Load a scenario from a file (JSON)").click()  # opening an expander needs no rerun
    uploader = page.locator("[data-testid='stFileUploader']").filter(has_text="Scenario file")
    bad = budget.scenario_to_json(budget.Scenario((budget.MoveSeats(case["giver"], case["taker"], 10**6),)))
    upload_file(page, uploader, "too-many.json", bad.encode("utf-8"), "application/json")
    click_and_wait(page, page.get_by_role("button", name="Load this scenario file"))
    expect(page.get_by_text("changes[0].seats:")).to_be_visible()
    expect(placements_metric(page)).to_have_count(0)

    good = budget.scenario_to_json(budget.Scenario((budget.MoveSeats(case["giver"], case["taker"], case["seats"]),)))
    if not uploader.is_visible():
        page.get_by_text("Load a scenario from a file (JSON)").click()
    upload_file(page, uploader, "board-option.json", good.encode("utf-8"), "application/json")
    click_and_wait(page, page.get_by_role("button", name="Load this scenario file"))
    expect(page.get_by_text("Loaded board-option.json: 1 change.")).to_be_visible()
    expect(page.locator("[data-testid='stAlert']").filter(has_text=WARNING_WORDS)).to_have_count(1)
