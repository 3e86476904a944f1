"""Published outcomes in a real browser, on the generated example data: the co-op example program (over a
hundred exiters, most of them employed) shows its employment rate in the 2nd quarter after exit and its
placement rate as percentages, and the reasons for the cells that stay hidden are plain words."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from lmi.records.example import load_example_records
from tests.browser.conftest import serve_app
from tests.browser.helpers import open_app

pytestmark = pytest.mark.browser

COOP = "EX-CNC-COOP"


@pytest.fixture(scope="module")
def example_app(app_env, reference_db, tmp_path_factory) -> str:
    """The app on a records store holding the generated example data (its tables stored by the import)."""
    store = tmp_path_factory.mktemp("example-records") / "records.duckdb"
    results = load_example_records(store, reference_db, today=dt.date(2026, 11, 25))
    assert all(r.outcome == "imported" for r in results)
    env = {**app_env, "LMI_RECORDS_DB": str(store)}
    env.pop("LMI_SMALL_CELL_THRESHOLD", None)
    with serve_app(env, tmp_path_factory.mktemp("example-app")) as url:
        yield url


def test_the_coop_program_publishes_its_q2_employment_rate(page, example_app):
    open_app(page, f"{example_app}/program?program={COOP}")
    metrics = page.locator("[data-testid='stMetric']")
    employment = metrics.filter(has_text="Employment rate, 2nd quarter after exit").first
    expect(employment).to_contain_text("%")
    expect(employment).not_to_contain_text("suppressed")
    expect(metrics.filter(has_text="Placement rate (of exiters)").first).to_contain_text("%")
    why = page.locator("[data-testid='stExpander']").filter(has_text="Why cells are suppressed").first
    why.scroll_into_view_if_needed()
    why.get_by_text("Why cells are suppressed").click()  # opening an expander does not rerun the app
    expect(why).to_contain_text("fewer than 10 people")
    body = page.locator("body").inner_text()
    assert "exiters_count" not in body and "complementary:" not in body
