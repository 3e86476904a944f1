"""The main flow in a real browser: open the app, pick a metro, search an occupation, see its numbers,
its projected growth and estimated openings, whose numbers they are, and a way out of a dead end."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import choose_in_selectbox, click_and_wait, download, open_app, type_into

pytestmark = pytest.mark.browser

SEARCH = "Search an occupation or job title"
PLUMBERS_GROUP = "BLS group 47-2152 Plumbers, Pipefitters, and Steamfitters, shared by 2 occupations"


def test_pick_metro_search_occupation_and_see_published_numbers(page, app_url):
    open_app(page, app_url)
    choose_in_selectbox(page, "State", "Connecticut")
    choose_in_selectbox(page, "Metro or nonmetropolitan area", "Hartford-West Hartford-East Hartford, CT")
    type_into(page, SEARCH, "registerd nurse")
    expect(page.get_by_text("Registered Nurses (29-1141.00)").first).to_be_visible()
    metrics = page.locator("[data-testid='stMetric']")
    expect(metrics.filter(has_text="Jobs here").first).to_contain_text("13,850")
    expect(metrics.filter(has_text="Median annual wage here").first).to_contain_text("$101,470")
    expect(metrics.filter(has_text="Location quotient").first).to_contain_text("1.06")
    expect(metrics.filter(has_text="Est. annual openings here").first).to_contain_text("about 770 a year")
    expect(metrics.filter(has_text="Projected growth 2024-34 (nation)").first).to_contain_text("+4.9%")
    expect(page.get_by_text("Source: BLS OEWS May 2025").first).to_be_visible()


def test_shared_figure_shows_openings_and_the_group_label_on_page_and_in_the_csv(page, app_url):
    open_app(page, app_url)
    choose_in_selectbox(page, "State", "Missouri")
    choose_in_selectbox(page, "Metro or nonmetropolitan area", "Springfield, MO")
    type_into(page, SEARCH, "solar thermal")
    expect(page.get_by_role("heading", name="Solar Thermal Installers and Technicians")).to_be_visible()
    metrics = page.locator("[data-testid='stMetric']")
    expect(metrics.filter(has_text="Jobs here").first).to_contain_text("660")
    expect(metrics.filter(has_text="Est. annual openings here").first).to_contain_text("about 58 a year")
    expect(page.get_by_text(f"Whose numbers: {PLUMBERS_GROUP}", exact=True)).to_be_visible()
    saved = download(page, "Download these numbers (CSV)")
    rows = list(csv.DictReader(io.StringIO(saved.path().read_text(encoding="utf-8"))))
    assert [row["Area"] for row in rows] == ["Springfield, MO", "Missouri", "National"]
    assert {row["Whose numbers [demand_basis]"] for row in rows} == {PLUMBERS_GROUP}
    assert {row["BLS code of the figures [demand_soc_code]"] for row in rows} == {"47-2152"}
    assert rows[0]["Jobs here [local_employment_count]"] in ("660", "660.0")


def test_coal_miner_is_offered_the_mining_machine_operators(page, app_url):
    open_app(page, app_url)
    choose_in_selectbox(page, "State", "Kentucky")
    type_into(page, SEARCH, "coal miner")
    expect(page.get_by_role("heading", name="Occupations to look at instead")).to_be_visible()
    click_and_wait(page, page.get_by_role("button", name="Roof Bolters, Mining (47-5043.00)"))
    expect(page.get_by_role("heading", name="Roof Bolters, Mining", exact=True)).to_be_visible()
    expect(page.locator("[data-testid='stMetric']").filter(has_text="Jobs here").first).to_contain_text("120")
