"""AppTest smoke test of every page: each file in pages/ is registered in app.py and renders
without an exception, on the real reference database, for the nation and for a metro area."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PAGE_FILES = sorted(p.relative_to(PROJECT_ROOT).as_posix() for p in (PROJECT_ROOT / "pages").glob("*.py"))
REGISTERED = re.findall(r'st\.Page\(\s*"([^"]+)"', (PROJECT_ROOT / "app.py").read_text())


@pytest.fixture
def app(reference_db, tmp_path, monkeypatch) -> AppTest:
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(tmp_path / "records.duckdb"))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def test_every_page_file_is_registered_in_app():
    assert sorted(REGISTERED) == PAGE_FILES


@pytest.mark.parametrize("page", PAGE_FILES)
def test_page_renders_for_the_nation(app, page):
    app.switch_page(page).run()
    assert not app.exception, app.exception


@pytest.mark.parametrize("page", PAGE_FILES)
def test_page_renders_for_a_metro_area(app, page):
    app.sidebar.selectbox(key="region_state").select("Connecticut").run()
    app.sidebar.selectbox(key="region_area").select("Hartford-West Hartford-East Hartford, CT").run()
    app.switch_page(page).run()
    assert not app.exception, app.exception


def test_missing_database_shows_instructions_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("LMI_REFERENCE_DB", str(tmp_path / "absent.duckdb"))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert "has not been built yet" in at.error[0].value
