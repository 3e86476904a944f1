"""AppTests of the Funding view's budget scenario on the real reference database and generated example records:
moving seats changes the projected placements by what the domain computes, the absorption warning appears
exactly when the added completers exceed the openings (the programs and seats are worked out from the data), a
change that cannot happen is refused naming its field, a new program stands on its type's average record, and
staff save and reload a named scenario (the public view cannot)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lmi.db import open_reference
from lmi.demand import DemandModel
from lmi.demand.codes import CodeResolver
from lmi.programs import local_fit, outcomes
from lmi.programs import scenario as budget
from lmi.records import queries
from lmi.records.db import open_records
from lmi.records.example import load_example_records
from tests.test_budget_scenario import overflowing_move

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery staple"
PAGE = "app_pages/funding_view.py"


@pytest.fixture(scope="module")
def example_records(reference_db, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("records") / "records.duckdb"
    results = load_example_records(path, reference_db, today=dt.date(2026, 11, 25))
    assert all(r.outcome == "imported" for r in results)
    return path


@pytest.fixture(scope="module")
def published(example_records, reference_db):
    """The example programs' published summaries and local-fit targets, as the page reads them."""
    con, ref = open_records(example_records), open_reference(reference_db)
    try:
        fit = local_fit.programs_local_fit(ref, DemandModel(ref), CodeResolver(ref), queries.programs(con))
        return outcomes.program_summaries(con, 10), fit.targets
    finally:
        con.close()
        ref.close()


def start(monkeypatch, reference_db, records: Path, password: str | None = None) -> AppTest:
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(records))
    monkeypatch.delenv("LMI_SMALL_CELL_THRESHOLD", raising=False)
    if password:
        monkeypatch.setenv("LMI_STAFF_PASSWORD", password)
    else:
        monkeypatch.delenv("LMI_STAFF_PASSWORD", raising=False)
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120).run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def move_seats(at: AppTest, giver: str, taker: str, seats: int) -> None:
    at.radio(key="scenario_kind").set_value(budget.MOVE_SEATS).run()
    at.selectbox(key="scenario_from").select(giver).run()
    at.selectbox(key="scenario_to").select(taker).run()
    at.number_input(key="scenario_seats").set_value(seats).run()
    at.button(key="scenario_add").click().run()
    assert not at.exception, at.exception


def metrics(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def texts(at: AppTest, *kinds: str) -> str:
    """The elements' text as a reader sees it: names and problems are written as literal Markdown (backslash
    escapes, ``ui.components.literal_markdown``), which the browser shows without the backslashes."""
    return re.sub(r"\\(.)", r"\1", "\n".join(str(e.value) for kind in kinds for e in getattr(at, kind)))


def test_moving_seats_changes_placements_and_warns_past_the_openings(
    monkeypatch, reference_db, example_records, published
):
    summary, targets = published
    giver, taker, seats, fewer = overflowing_move(summary, targets)
    at = start(monkeypatch, reference_db, example_records)
    assert any(h.value == "Budget scenario" for h in at.header)
    move_seats(at, giver, taker, fewer)
    under = budget.project(budget.Scenario((budget.MoveSeats(giver, taker, fewer),)), summary, targets)
    value, delta = metrics(at)["Projected placements a year"]
    assert value == budget.count_words(under.totals["placements_after_count"])
    assert delta == f"{budget.signed_words(under.totals['placements_change_count'])} vs now"
    assert not at.warning and "stay within the estimated openings" in texts(at, "success")

    at.button(key="scenario_clear").click().run()
    assert "Add a change above" in texts(at, "info")
    move_seats(at, giver, taker, seats)
    over = budget.project(budget.Scenario((budget.MoveSeats(giver, taker, seats),)), summary, targets)
    assert metrics(at)["Projected placements a year"][0] == budget.count_words(over.totals["placements_after_count"])
    [warning] = [w.value for w in at.warning]
    taker_name = summary.set_index("program_id").program_name[taker]
    assert taker_name in warning and "may not absorb them" in warning
    assert budget.count_words(over.absorption.added_completers_count.iloc[0]) in warning
    changes = next(d.value for d in at.dataframe if "Change" in d.value.columns)
    assert changes.Change.tolist()[0].startswith(f"Move {seats} seats a year from")
    table = next(d.value for d in at.dataframe if "Projection based on" in d.value.columns)
    assert set(table.Data) == {"generated example data"} and table.Program.iloc[-1] == budget.TOTAL_LABEL
    captions = texts(at, "caption")
    assert budget.INTERVAL_METHOD in captions and budget.PROJECTION_METHOD in captions
    assert "Includes generated example data" in captions
    assert budget.ABSORPTION_METHOD in captions
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download the scenario's results (CSV)" in labels and "Download the scenario's changes (JSON)" in labels


def test_a_change_that_cannot_happen_is_refused_naming_its_field(monkeypatch, reference_db, example_records, published):
    summary, _ = published
    giver = summary.sort_values("seats_count").program_id.iloc[0]
    has = int(summary.set_index("program_id").seats_count[giver])
    taker = next(p for p in summary.program_id if p != giver)
    at = start(monkeypatch, reference_db, example_records)
    move_seats(at, giver, taker, has + 1)
    [error] = [re.sub(r"\\(.)", r"\1", e.value) for e in at.error]  # as a reader sees it (literal Markdown)
    assert f"changes[0].seats: {has + 1} seats is more than {giver} has at this point ({has})" in error
    assert "Add a change above" in texts(at, "info")  # nothing was added


def test_a_new_program_stands_on_the_average_record_of_its_type(monkeypatch, reference_db, example_records):
    at = start(monkeypatch, reference_db, example_records)
    at.radio(key="scenario_kind").set_value(budget.NEW_PROGRAM).run()
    at.text_input(key="scenario_new_name").input("Nursing Assistant Certificate").run()
    at.selectbox(key="scenario_new_type").select("classroom_occupational_skills").run()
    at.selectbox(key="scenario_new_region").select("0025540").run()
    at.text_input(key="scenario_new_codes").input("31-1131; 99-9999").run()
    at.button(key="scenario_add").click().run()
    assert budget.NEW_PROGRAM_NOTE in texts(at, "caption")
    assert "changes[0].target_soc_codes: 99-9999 is not a code BLS publishes numbers for" in texts(at, "error")
    at.text_input(key="scenario_new_codes").input("31-1131.00").run()
    at.button(key="scenario_add").click().run()
    assert not at.error
    table = next(d.value for d in at.dataframe if "Projection based on" in d.value.columns)
    row = table[table.Program == "Nursing Assistant Certificate (new)"].iloc[0]
    assert row["Projection based on"].startswith("average record of its type (Classroom occupational skills training")
    assert row["Seats a year (now → scenario)"] == "0 → 20"
    absorption = next(d.value for d in at.dataframe if "Absorption" in d.value.columns)
    assert "31-1131 Nursing Assistants" in absorption.iloc[0, 2]


@pytest.mark.slow
def test_staff_save_and_reload_a_named_scenario(monkeypatch, reference_db, tmp_path, published, example_records):
    records = tmp_path / "records.duckdb"
    records.write_bytes(example_records.read_bytes())  # saving writes to the store: a copy for this test
    summary, targets = published
    giver, taker, seats, _ = overflowing_move(summary, targets)
    at = start(monkeypatch, reference_db, records, PASSWORD)
    assert "scenario_save" not in [b.key for b in at.button]  # staff only
    at.text_input(key="staff_name").input("Dana")
    at.text_input(key="staff_password_input").input(PASSWORD)
    at.button(key="staff_sign_in_submit").click().run()
    move_seats(at, giver, taker, seats)
    at.text_input(key="scenario_save_name").input("Board option A").run()
    at.button(key="scenario_save").click().run()
    assert "Saved “Board option A” (1 change) as Dana (shared password)." in texts(at, "success")
    saved = next(d.value for d in at.dataframe if "Saved by" in d.value.columns)
    assert saved[["Scenario", "Saved by"]].values.tolist() == [["Board option A", "Dana (shared password)"]]

    at.button(key="scenario_save").click().run()  # the same name again: refused, nothing stored
    assert "name: a scenario named “Board option A” is already saved" in texts(at, "error")

    at.button(key="scenario_clear").click().run()
    assert not at.warning
    at.selectbox(key="scenario_saved_pick").select("Board option A").run()
    at.button(key="scenario_load_saved").click().run()
    assert "Loaded “Board option A”: 1 change." in texts(at, "success")
    assert len(at.warning) == 1  # the absorption warning is back with the scenario


def test_the_public_view_projects_but_cannot_save(monkeypatch, reference_db, example_records, published):
    summary, targets = published
    giver, taker, seats, _ = overflowing_move(summary, targets)
    at = start(monkeypatch, reference_db, example_records)
    move_seats(at, giver, taker, seats)
    assert "Uploads are disabled on this deployment" in texts(at, "info")
    assert "scenario_save" not in [b.key for b in at.button]
    assert "scenario_saved_pick" not in [s.key for s in at.selectbox]
