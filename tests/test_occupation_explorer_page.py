"""The Occupation explorer page shows the published numbers for the chosen region."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def app(reference_db, monkeypatch) -> AppTest:
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_hartford_registered_nurses_match_oews_may_2025(app):
    app.sidebar.selectbox(key="region_state").select("Connecticut").run()
    app.sidebar.selectbox(key="region_area").select("Hartford-West Hartford-East Hartford, CT").run()
    app.text_input(key="explorer_query").input("registerd nurse").run()
    shown = metrics(app)
    assert shown["Employment"] == "13,850"
    assert shown["Median annual wage"] == "$101,470"
    assert shown["Location quotient"] == "1.06"
    assert any("Source: BLS OEWS May 2025" in c.value for c in app.caption)


def test_nation_shows_national_numbers_and_definition_of_lq(app):
    app.text_input(key="explorer_query").input("RN").run()
    shown = metrics(app)
    assert shown["Employment"] == "3,379,720"
    assert shown["Location quotient"] == "1.00 (by definition)"


def test_unknown_title_explains_instead_of_failing(app):
    app.text_input(key="explorer_query").input("qqqqzzzz").run()
    assert not app.exception
    assert "No occupation matches" in app.warning[0].value


def test_breakout_occupation_says_which_soc_numbers_are_shown(app):
    app.text_input(key="explorer_query").input("29-1141.03").run()
    assert any("Registered Nurses" in i.value and "29-1141" in i.value for i in app.info)


def test_unknown_occupation_in_a_shared_link_gets_a_message(reference_db, monkeypatch):
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.query_params["occupation"] = "99-9999.99"
    at.run()
    assert not at.exception
    assert "99-9999.99 is not an O*NET occupation" in at.error[0].value
