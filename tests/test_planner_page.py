"""The Layoff response page (AppTest) on the real reference database: the issue's St. Louis layoff planned, its
numbers adding up, downloads offered, the link keeping the inputs and restoring them, bad input named by line and
column, and the page in Spanish."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lmi.i18n import use_language

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PAGE = "app_pages/layoff_planner.py"
ISSUE_TEXT = "51-2092, 400\n51-4041, 60"


@pytest.fixture
def app(reference_db, tmp_path, monkeypatch) -> AppTest:
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(tmp_path / "records.duckdb"))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120).run()
    at.sidebar.selectbox(key="region_state").select("Missouri").run()
    at.sidebar.selectbox(key="region_area").select("St. Louis, MO-IL").run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def metrics(at: AppTest) -> dict[str, int]:
    return {m.label: int(m.value.replace(",", "")) for m in at.metric}


def test_the_issue_layoff_adds_up_and_downloads(app):
    assert app.info, "without workers the page asks for them"
    app.text_area(key="planner_workforce").input(ISSUE_TEXT).run()
    assert not app.exception, app.exception
    shown = metrics(app)
    assert sum(shown.values()) == 460
    labels = {b.label for b in app.get("download_button")}
    assert {"Download the plan (CSV)", "Download the one-page brief (PDF)"} <= labels
    assert app.query_params["layoff"] == "51-2092:400,51-4041:60"
    app.slider(key="planner_share").set_value(10).run()
    app.checkbox(key="planner_same").uncheck().run()
    shown = metrics(app)
    assert sum(shown.values()) == 460 and shown["Not absorbable locally"] > 0
    assert "Not absorbable locally" in [h.value for h in app.header]


def test_bad_lines_are_named_by_line_and_column(app):
    app.text_area(key="planner_workforce").input("51-2092, 400\n12-3456, many").run()
    assert not app.exception, app.exception
    message = app.error[0].value
    assert "line 2, column occupation" in message and "line 2, column workers" in message
    assert not app.metric


def test_a_link_restores_the_plan(reference_db, tmp_path, monkeypatch):
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(tmp_path / "records.duckdb"))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    at.query_params.update({"area": "0041180", "layoff": "51-2092:400,51-4041:60", "months": "6", "share": "30"})
    at.run().switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert at.text_area(key="planner_workforce").value == ISSUE_TEXT
    assert at.selectbox(key="planner_months").value == 6 and at.slider(key="planner_share").value == 30
    assert sum(metrics(at).values()) == 460


@pytest.mark.slow
def test_the_page_speaks_spanish(reference_db, tmp_path, monkeypatch):
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(tmp_path / "records.duckdb"))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    at.query_params.update({"lang": "es", "area": "0041180", "layoff": "51-2092:400,51-4041:60"})
    with use_language("es"):
        at.run().switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Respuesta a despidos"
    assert "El plan" in [h.value for h in at.header]
    assert "Colocados sin capacitación" in {m.label for m in at.metric}


def test_staff_save_and_load_a_plan(reference_db, tmp_path, monkeypatch):
    """Staff save a plan's inputs under a name (a name used twice is refused, nothing stored) and load them back into
    the form, region included; visitors who are not signed in see no save button."""
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(tmp_path / "records.duckdb"))
    monkeypatch.setenv("LMI_STAFF_PASSWORD", "planner-test-password")
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    at.query_params.update({"area": "0041180", "layoff": "51-2092:400,51-4041:60", "months": "6", "share": "30"})
    at.run().switch_page(PAGE).run()
    assert "planner_save" not in [b.key for b in at.button]
    at.text_input(key="staff_name").input("Dana")
    at.text_input(key="staff_password_input").input("planner-test-password")
    at.button(key="staff_sign_in_submit").click().run()
    at.text_input(key="planner_save_name").input("Plant closure, option A").run()
    at.button(key="planner_save").click().run()
    assert not at.exception, at.exception
    assert any("Saved “Plant closure, option A”" in s.value for s in at.success)
    at.button(key="planner_save").click().run()
    assert any("is already saved" in e.value for e in at.error)
    at.text_area(key="planner_workforce").input("51-4041, 5").run()
    at.slider(key="planner_share").set_value(80).run()
    at.button(key="planner_load").click().run()
    assert not at.exception, at.exception
    assert at.text_area(key="planner_workforce").value == ISSUE_TEXT
    assert at.slider(key="planner_share").value == 30 and at.selectbox(key="planner_months").value == 6
    assert sum(metrics(at).values()) == 460


def test_industry_prefill_is_labelled_an_estimate(app):
    app.selectbox(key="planner_industry").select("336000").run()
    app.number_input(key="planner_industry_n").set_value(460).run()
    app.button(key="planner_prefill").click().run()
    assert not app.exception, app.exception
    assert app.text_area(key="planner_workforce").value.startswith("51-2090, ")
    assert any(
        "Estimate: the usual staffing pattern of Transportation Equipment Manufacturing" in i.value for i in app.info
    )
    assert sum(metrics(app).values()) == 460
