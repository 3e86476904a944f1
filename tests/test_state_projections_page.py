"""The staff-only "Import state projections" page (AppTest, real reference database) and the cached demand
model behind every page, which picks up a state's imported projections as soon as they are stored."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lmi.demand.codes import CodeResolver
from lmi.records.db import open_records
from lmi.records.state_projections import import_state_projections, projection_reference
from tests import official_formats as official

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PAGE = "pages/state_projections_import.py"
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


def start(monkeypatch, reference_db, records: Path, password: str | None = None) -> AppTest:
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(records))
    if password:
        monkeypatch.setenv("LMI_STAFF_PASSWORD", password)
    else:
        monkeypatch.delenv("LMI_STAFF_PASSWORD", raising=False)
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120).run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    parts = [
        e.value
        for kind in ("markdown", "caption", "info", "warning", "error", "success", "title", "subheader")
        for e in getattr(at, kind)
    ]
    return "\n".join(str(p) for p in parts)


def test_without_a_password_the_page_explains_the_layout_and_is_read_only(monkeypatch, reference_db, tmp_path):
    at = start(monkeypatch, reference_db, tmp_path / "records.duckdb")
    shown = texts(at)
    assert at.title[0].value == "Import state projections"
    assert [s.value for s in at.subheader] == ["The file", "States with their own projections", "Upload"]
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
    at.button(key="FormSubmitter:staff_sign_in-Sign in").click().run()
    assert "Signed in as staff: **Dana**" in texts(at)
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


@pytest.fixture(autouse=True)
def clear_streamlit_caches():
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
    yield
