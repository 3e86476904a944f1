"""The staff-only "Import state projections" page (AppTest, real reference database) and the cached demand
model behind every page, which picks up a state's imported projections as soon as they are stored."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lmi.demand.codes import CodeResolver
from lmi.i18n import LANGUAGE_PARAM, _, use_language
from lmi.records.db import open_records
from lmi.records.state_projections import import_state_projections, projection_reference
from tests import official_formats as official
from tests.test_program_pages import in_spanish  # noqa: F401 (a fixture)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PAGE = "app_pages/state_projections_import.py"
PASSWORD = "correct horse battery staple"
STATE_ROWS = tuple(row for row in official.STATE_PROJECTION_ROWS if row[0] != "0")


def import_connecticut(records_path: Path, ref_con, name: str = "connecticut.csv"):
    records = open_records(records_path)
    try:
        reference = projection_reference(ref_con, CodeResolver(ref_con))
        return import_state_projections(
            records, reference, name, io.BytesIO(official.state_projections_csv(rows=STATE_ROWS)), "Dana"
        )
    finally:
        records.close()


def start(
    monkeypatch, reference_db, records: Path, password: str | None = None, language: str | None = None
) -> AppTest:
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(records))
    if password:
        monkeypatch.setenv("LMI_STAFF_PASSWORD", password)
    else:
        monkeypatch.delenv("LMI_STAFF_PASSWORD", raising=False)
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    if language:
        at.query_params[LANGUAGE_PARAM] = language  # as a shared link brings it (?lang=es)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    parts = [
        e.value
        for kind in ("markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader")
        for e in getattr(at, kind)
    ]
    return "\n".join(str(p) for p in parts)


def test_without_a_password_the_page_explains_the_layout_and_is_read_only(monkeypatch, reference_db, tmp_path):
    at = start(monkeypatch, reference_db, tmp_path / "records.duckdb")
    shown = texts(at)
    assert at.title[0].value == "Import state projections"
    assert [s.value for s in at.main.header] == ["The file", "States with their own projections", "Upload"]
    assert "No state's own projections are loaded" in shown
    assert "Uploads are disabled on this deployment" in shown
    assert not at.get("file_uploader")
    layout = at.dataframe[0].value
    assert layout.column.tolist() == list(official.STATE_PROJECTION_HEADERS)
    assert "Projections Central (projectionscentral.org)" in shown
    assert len(at.get("download_button")) == 1  # the layout stays downloadable


def test_signed_in_staff_see_the_imported_state_the_uploader_and_the_log(monkeypatch, reference_db, ref_con, tmp_path):
    records = tmp_path / "records.duckdb"
    assert import_connecticut(records, ref_con).outcome == "imported"
    at = start(monkeypatch, reference_db, records, PASSWORD)
    imported = at.dataframe[1].value
    assert imported[["state_name", "projection_period", "rows_count"]].values.tolist() == [
        ["Connecticut", "2022-2032", 4]
    ]
    at.text_input(key="staff_name").input("Dana")
    at.text_input(key="staff_password_input").input(PASSWORD)
    at.button(key="staff_sign_in_submit").click().run()
    assert "Signed in as staff: **Dana (shared password)**" in texts(at)
    assert at.get("file_uploader")
    log = at.dataframe[-1].value
    assert log[["outcome", "file_name", "rows_stored_count"]].values.tolist() == [["imported", "connecticut.csv", 4]]


def test_the_cached_demand_model_picks_up_an_import_at_once(monkeypatch, reference_db, ref_con, tmp_path):
    from ui import cache

    records = tmp_path / "records.duckdb"
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(records))
    before = cache.demand_model()
    assert before.state_projection_states == ()
    assert cache.demand_model() is before  # cached while nothing changes
    records_con = cache.records_connection()
    reference = projection_reference(ref_con, CodeResolver(ref_con))
    result = import_state_projections(
        records_con, reference, "connecticut.csv", io.BytesIO(official.state_projections_csv(rows=STATE_ROWS)), "Dana"
    )
    assert result.outcome == "imported"
    after = cache.demand_model()
    assert after.state_projection_states == ("09",)
    rn = after.bls_codes("0900000", ["29-1141"]).iloc[0]
    assert (rn.local_annual_openings_est_count, rn.openings_basis) == (official.CT_RN_OPENINGS, "state_projections")


def headers(table) -> dict[str, str]:
    """Column id -> the header people read, as the page configured it."""
    return {column: config.get("label", column) for column, config in json.loads(table.proto.columns).items()}


@pytest.mark.usefixtures("in_spanish")
def test_the_page_reads_in_spanish_with_state_and_file_names_as_they_are(monkeypatch, reference_db, ref_con, tmp_path):
    records = tmp_path / "records.duckdb"
    assert import_connecticut(records, ref_con).outcome == "imported"
    at = start(monkeypatch, reference_db, records, language="es")
    with use_language("es"):
        title = _("Import state projections")
        expected_sections = [_(words) for words in ("The file", "States with their own projections", "Upload")]
        state = _("State")
    assert at.title[0].value == title != "Import state projections"
    assert [s.value for s in at.main.header] == expected_sections
    imported = at.dataframe[1]  # column ids stay in the table; the headers read in Spanish
    assert imported.value[["state_name", "projection_period"]].values.tolist() == [["Connecticut", "2022-2032"]]
    assert headers(imported)["state_name"] == state != "State"


@pytest.fixture(autouse=True)
def clear_streamlit_caches():
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
    yield
