"""The main flow in a real browser: open the app, pick a metro, search an occupation, see its numbers."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import choose_in_selectbox, type_into, wait_for_app

pytestmark = pytest.mark.browser


def test_pick_metro_search_occupation_and_see_published_numbers(page, app_url):
    page.goto(app_url)
    wait_for_app(page)
    choose_in_selectbox(page, "State", "Connecticut")
    choose_in_selectbox(page, "Metro or nonmetropolitan area", "Hartford-West Hartford-East Hartford, CT")
    type_into(page, "Search an occupation or job title", "registerd nurse")
    expect(page.get_by_text("Registered Nurses (29-1141.00)").first).to_be_visible()
    metrics = page.locator("[data-testid='stMetric']")
    expect(metrics.filter(has_text="Employment").first).to_contain_text("13,850")
    expect(metrics.filter(has_text="Median annual wage").first).to_contain_text("$101,470")
    expect(metrics.filter(has_text="Location quotient").first).to_contain_text("1.06")
    expect(page.get_by_text("Source: BLS OEWS May 2025").first).to_be_visible()
