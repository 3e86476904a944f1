"""Importing a state's long-term projections in a real browser: a staff member signs in, uploads a file with
problems (refused, every problem by row and column, nothing stored), then a good file in the Projections
Central layout (made-up figures, written here), sees the state listed, and re-imports it (nothing
changes). Vermont is used so the other browser tests' Connecticut figures stay on the national rate."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests import official_formats as official
from tests.browser.helpers import click_and_wait, open_app, upload_file

pytestmark = pytest.mark.browser

STAFF_PASSWORD = "browser-test-staff-password"  # set for the app under test in tests/browser/conftest.py
VERMONT_ROWS = tuple(("50", "Vermont") + row[2:] for row in official.STATE_PROJECTION_ROWS if row[0] != "0")


def upload(page: Page, name: str, data: bytes) -> None:
    uploader = page.locator("[data-testid='stFileUploader']").filter(has_text="State projections file")
    upload_file(page, uploader, name, data)
    click_and_wait(page, page.get_by_role("button", name="Check and import"))


def test_staff_import_a_states_projections(page, app_url):
    open_app(page, f"{app_url}/import-projections")
    expect(page.get_by_role("heading", name="Import state projections")).to_be_visible()
    page.get_by_label("Your name (recorded in the import log)").fill("Browser Tester")
    page.get_by_label("Staff password").fill(STAFF_PASSWORD)
    click_and_wait(page, page.get_by_role("button", name="Sign in"))
    expect(page.get_by_text("Signed in as staff: Browser Tester")).to_be_visible()

    bad = VERMONT_ROWS + (
        ("50", "Vermont", "99-9999", "Not an occupation", "2022", "10", "2032", "20", "10", "100", "5"),
    )
    upload(page, "vermont-bad.csv", official.state_projections_csv(rows=bad))
    refused = page.get_by_text("vermont-bad.csv was not imported; nothing was stored. 1 problem to fix")
    expect(refused).to_be_visible()
    problems = page.locator("[data-testid='stDataFrame']").filter(has_text="99-9999")
    expect(problems).to_contain_text("is not a code BLS publishes numbers for")

    upload(page, "vermont.csv", official.state_projections_csv(rows=VERMONT_ROWS))
    expect(page.get_by_text("Imported vermont.csv: Vermont 2022-2032: 4 row(s) stored")).to_be_visible()
    expect(page.locator("[data-testid='stDataFrame']").filter(has_text="Vermont").first).to_be_visible()

    upload(page, "vermont.csv", official.state_projections_csv(rows=VERMONT_ROWS))
    expect(page.get_by_text("every row is already stored with the same values; nothing changed")).to_be_visible()
