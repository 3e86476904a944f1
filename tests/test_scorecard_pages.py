"""AppTests of the WIOA scorecard and return on investment on the program pages (real reference database,
generated example records): Program detail shows a program year's indicators against the levels, met / not
met as DOL scores them, the new indicators by program year and the return on investment with what each
rests on; Program outcomes has the summary columns; staff enter a negotiated level and an establishment
count on the import page, checked like an import, and the scorecard uses them."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lmi.demand.codes import CodeResolver
from lmi.i18n import LANGUAGE_PARAM, ngettext, use_language
from lmi.programs import scorecard
from lmi.records.db import open_records
from lmi.records.example import load_example_records
from lmi.records.importer import import_file, reference_codes
from lmi.records.template import ENTERED_FILE_NAME, entry_csv
from tests.test_program_pages import PASSWORD, frames, in_spanish, texts  # noqa: F401 (in_spanish: a fixture)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 25)


def records(reference_db, folder: Path) -> Path:
    path = folder / "records.duckdb"
    assert all(r.outcome == "imported" for r in load_example_records(path, reference_db, today=TODAY))
    return path


@pytest.fixture(scope="module")
def example_records(reference_db, tmp_path_factory) -> Path:
    return records(reference_db, tmp_path_factory.mktemp("records"))


def start(
    monkeypatch, reference_db, path: Path, page: str, password: str | None = None, language: str | None = None
) -> AppTest:
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(path))
    monkeypatch.delenv("LMI_SMALL_CELL_THRESHOLD", raising=False)
    if password:
        monkeypatch.setenv("LMI_STAFF_PASSWORD", password)
    else:
        monkeypatch.delenv("LMI_STAFF_PASSWORD", raising=False)
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=180)
    if language:
        at.query_params[LANGUAGE_PARAM] = language  # as a shared link brings it (?lang=es)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def table_with(at: AppTest, column: str):
    return next(f for f in frames(at) if column in f.columns)


def test_program_detail_scores_a_year_against_its_levels_and_shows_roi(monkeypatch, reference_db, example_records):
    at = start(monkeypatch, reference_db, example_records, "app_pages/program_detail.py")
    at.selectbox(key="program_picker").select("EX-WELD").run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert "WIOA scorecard against the negotiated levels" in shown and "Return on investment" in shown
    year = at.selectbox(key="scorecard_year").value
    assert any(f"PY{year}: **" in m.value for m in at.markdown)  # met or not met, in words
    card = table_with(at, "Individual score")
    assert "Measurable skill gains rate" in card.Indicator.tolist()
    assert set(card.Data) == {"generated example data"}
    assert "below 90%" in shown and "below 50%" in shown  # DOL's failure rules are stated
    assert "no establishment count entered for Hartford-West Hartford-East Hartford, CT" in shown
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Earnings gain per quarter"].startswith("$") and "quarters" in metrics["Payback period"]
    roi_table = table_with(at, "Measure")
    assert roi_table.Measure.tolist()[0] == "Earnings gain per quarter"
    assert "EX-WELD-0" not in "\n".join(f.to_csv() for f in frames(at))  # no participant row


def test_a_program_without_levels_says_so(monkeypatch, reference_db, example_records):
    at = start(monkeypatch, reference_db, example_records, "app_pages/program_detail.py")
    at.selectbox(key="program_picker").select("EX-CNC-COOP").run()
    assert "is not scored: no level is entered for Employer-funded" in texts(at)
    assert "the board's own targets" in texts(at)
    assert {m.label: m.value for m in at.metric}["Earnings gain per quarter"].startswith("$")


def test_program_outcomes_lists_gain_payback_and_scorecard(monkeypatch, reference_db, example_records):
    at = start(monkeypatch, reference_db, example_records, "app_pages/program_list.py")
    programs = frames(at)[0].set_index("Program")
    column = "WIOA scorecard (latest scored year)"
    assert {"Earnings gain per quarter", "Payback period", column} <= set(programs.columns)
    assert programs.loc["CNC Machinist Co-op", column] == "no level entered"
    assert programs.loc["Welding Technology Certificate", column].startswith("PY")
    assert programs.loc["Pharmacy Technician (pilot cohort)", "Earnings gain per quarter"] == "suppressed"


@pytest.mark.slow
def test_staff_enter_a_level_and_a_count_and_the_scorecard_uses_them(monkeypatch, reference_db, tmp_path):
    path = records(reference_db, tmp_path)
    at = start(monkeypatch, reference_db, path, "app_pages/program_import.py", PASSWORD)
    at.text_input(key="staff_name").input("Dana")
    at.text_input(key="staff_password_input").input(PASSWORD)
    at.button(key="staff_sign_in_submit").click().run()
    assert not at.exception, at.exception
    at.number_input(key="level_year").set_value(2024)
    at.selectbox(key="level_stream").select("wioa_adult")
    at.selectbox(key="level_indicator").select("ese_penetration")
    at.text_input(key="level_value").input("150")  # not a percentage
    at.text_input(key="level_source").input("board letter of 2024-09-01")
    at.checkbox(key="level_generated").check()  # the example programs take example levels only
    at.button(key="level_submit").click().run()
    problems = table_with(at, "problem")
    assert problems[["row", "column"]].values.tolist() == [[2, "level"]]
    at.text_input(key="level_value").input("0.5")
    at.button(key="level_submit").click().run()
    assert any("Imported entered on the import page.csv" in s.value for s in at.success)
    levels = table_with(at, "Basis")
    assert "board letter of 2024-09-01" in levels.Source.tolist()
    at.selectbox(key="count_region").select("0025540")
    at.number_input(key="count_year").set_value(2024)
    at.text_input(key="count_value").input("1000")
    at.text_input(key="count_source").input("a count for this test, not a real figure")
    at.checkbox(key="count_generated").check()
    at.button(key="count_submit").click().run()
    assert not at.exception, at.exception
    counts = table_with(at, "Establishments")
    assert counts.Establishments.tolist() == ["1,000"]
    log = frames(at)[-1]
    assert {"negotiated_levels", "establishment_counts"} <= set(log.import_kind) and set(log.imported_by) >= {
        "Dana (shared password)"
    }
    at.switch_page("app_pages/program_detail.py").run()
    at.selectbox(key="program_picker").select("EX-WELD").run()
    at.selectbox(key="scorecard_year").select(2024).run()
    assert not at.exception, at.exception
    penetration = (
        table_with(at, "Individual score")
        .set_index("Indicator")
        .loc[scorecard.vocab.SCORED_INDICATORS["ese_penetration"][0]]
    )
    assert penetration["Actual"] != "suppressed" or "establishments" in penetration["Rests on"]
    assert penetration["Level"] == "0.5% (negotiated)"


# ------------------------------------------------------------------------------------------ in Spanish

LEVEL_ENTRY = {  # what the level form stores when staff type a level of 150 (not a percentage)
    "program_year": 2024,
    "funding_stream": "wioa_adult",
    "indicator": "ese_penetration",
    "level": "150",
    "level_basis": "negotiated",
    "source": "board letter of 2024-09-01",
    "is_generated_example": "",
}


def importer_problems(ref_con, folder: Path, language: str):
    """The problems the ordinary importer finds in ``LEVEL_ENTRY``, worded in ``language``."""
    con = open_records(folder / f"importer-{language}.duckdb")
    try:
        with use_language(language):
            result = import_file(
                con,
                reference_codes(ref_con, CodeResolver(ref_con)),
                "negotiated_levels",
                ENTERED_FILE_NAME,
                io.BytesIO(entry_csv("negotiated_levels", [LEVEL_ENTRY])),
                "Dana",
            )
            return result.issues_frame()
    finally:
        con.close()


@pytest.mark.usefixtures("in_spanish")
def test_a_refused_entry_reads_in_spanish_and_still_names_its_row_and_column(
    monkeypatch, reference_db, ref_con, tmp_path
):
    english, spanish = importer_problems(ref_con, tmp_path, "en"), importer_problems(ref_con, tmp_path, "es")
    at = start(monkeypatch, reference_db, tmp_path / "records.duckdb", "app_pages/program_import.py", PASSWORD, "es")
    at.text_input(key="staff_name").input("Dana")
    at.text_input(key="staff_password_input").input(PASSWORD)
    at.button(key="staff_sign_in_submit").click().run()
    at.number_input(key="level_year").set_value(LEVEL_ENTRY["program_year"])
    at.selectbox(key="level_stream").select(LEVEL_ENTRY["funding_stream"])
    at.selectbox(key="level_indicator").select(LEVEL_ENTRY["indicator"])
    at.text_input(key="level_value").input(LEVEL_ENTRY["level"])
    at.text_input(key="level_source").input(LEVEL_ENTRY["source"])
    at.button(key="level_submit").click().run()
    assert not at.exception, at.exception
    problems = table_with(at, "problem")
    assert problems[["row", "column"]].values.tolist() == [[2, "level"]]  # the row and the column, as in the file
    assert problems.problem.tolist() == spanish.problem.tolist() != english.problem.tolist()
    with use_language("es"):
        refused = ngettext(
            "{file} was not imported; nothing was stored. {n} problem to fix:",
            "{file} was not imported; nothing was stored. {n} problems to fix:",
            1,
        ).format(file=ENTERED_FILE_NAME, n=1)
    assert refused in [e.value for e in at.error]
