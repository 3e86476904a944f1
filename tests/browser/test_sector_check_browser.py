"""The Sector reality check in a real browser: pick a metro, see the flags, what carries each verdict,
group figures labelled on their rows and the charts (drawn offline: no request leaves the app's own
server), refuse bad seats, flag oversupply and download it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import choose_in_selectbox, download, open_page_in_sidebar, press_and_wait

pytestmark = pytest.mark.browser


def enter_seats(page: Page, text: str) -> None:
    box = page.get_by_label("Planned seats a year", exact=True)
    box.fill(text)
    press_and_wait(page, box, "Control+Enter")  # a text area submits on Ctrl+Enter (Enter adds a line)


def test_bakersfield_reality_check_flags_seats_and_map(page, app_url, tmp_path):
    outside = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(app_url) or request.url.startswith("data:") else outside.append(request.url)
        ),
    )
    # through the menu, as a visitor goes (a direct link works too: docs/CONVENTIONS.md, "app_pages/")
    open_page_in_sidebar(page, app_url, "Sector reality check")
    expect(page.get_by_role("heading", name="Sector reality check")).to_be_visible()
    choose_in_selectbox(page, "State", "California")
    choose_in_selectbox(page, "Metro or nonmetropolitan area", "Bakersfield-Delano, CA")

    metrics = page.locator("[data-testid='stMetric']")
    expect(metrics.filter(has_text="Popular nationally, thin locally").first).to_contain_text("3")
    expect(metrics.filter(has_text="Change over 12 months").first).to_contain_text("%")
    expect(page.get_by_text("Source: BLS OEWS May 2025").first).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"Sector definitions: data/sectors/sectors-v2\.toml, version 2")).first
    ).to_be_visible()
    # each verdict names what carries it
    expect(
        page.get_by_test_id("stMarkdownContainer")
        .filter(
            has_text=re.compile(
                r"Carried by Home Health and Personal Care Aides \(17,270 jobs\), "
                r"Registered Nurses \(5,620 jobs\) and Medical Assistants"
            )
        )
        .first
    ).to_be_visible()
    # a group figure says so on its row (the grid is drawn on a canvas; the cells in view are also in an
    # accessible table): hidden local demand lists teaching assistants, a code BLS combines from several
    page.get_by_role("heading", name=re.compile("Hidden local demand")).scroll_into_view_if_needed()
    hidden = page.locator("[data-testid='stDataFrame']").filter(
        has=page.get_by_role("columnheader", name="Whose numbers", include_hidden=True)
    )
    assistants = hidden.get_by_role("row", include_hidden=True).filter(
        has=page.get_by_role(
            "gridcell", name="Teaching Assistants, Except Postsecondary", exact=True, include_hidden=True
        )
    )
    expect(
        assistants.get_by_role(
            "gridcell", name=re.compile(r"^Group figure \(a BLS code combining several"), include_hidden=True
        )
    ).to_have_count(1)
    # postings trend, quadrant chart and the state's map are all drawn
    charts = page.locator("[data-testid='stPlotlyChart']")
    expect(charts).to_have_count(3, timeout=30_000)
    expect(charts.nth(1).locator("svg text.gtitle")).to_have_text("National growth against local concentration")
    charts.last.scroll_into_view_if_needed()
    expect(charts.last.locator("svg.main-svg").first).to_be_visible()

    enter_seats(page, "healthcare, -3\nit_cybersecurity, lots")
    alert = page.locator("[data-testid='stAlert']").filter(has_text="These seats were not accepted")
    expect(alert).to_contain_text("line 1: seats cannot be negative; got -3")
    expect(alert).to_contain_text("line 2: “lots” is not a number of seats")

    enter_seats(page, "it_cybersecurity, 900")
    expect(page.get_by_text("These seats were not accepted")).to_have_count(0)
    saved = tmp_path / "seats.csv"
    download(page, "Download the seat comparison (CSV)").save_as(saved)
    content = saved.read_text()
    assert "Oversupply" in content and "Information technology and cybersecurity" in content
    assert "Source: BLS OEWS May 2025" in content
    assert "47% of them for Computer Occupations, All Other" in content  # which occupations the openings are

    # Springfield, MO: clean energy is balanced, carried by its trades; its signature occupations have no estimate
    choose_in_selectbox(page, "State", "Missouri")
    choose_in_selectbox(page, "Metro or nonmetropolitan area", "Springfield, MO")
    verdict = (
        page.get_by_test_id("stMarkdownContainer")
        .filter(has_text=re.compile(r"Clean and green energy: Balanced\."))
        .first
    )
    expect(verdict).to_be_visible()
    expect(
        page.get_by_test_id("stMarkdownContainer")
        .filter(
            has_text=re.compile(
                r"Carried by Electricians \(1,040 jobs\), Heating, Air Conditioning, and "
                r"Refrigeration Mechanics and Installers \(690 jobs\) and Plumbers, "
                r"Pipefitters, and Steamfitters \(660 jobs\)"
            )
        )
        .first
    ).to_be_visible()
    expect(
        page.get_by_test_id("stMarkdownContainer")
        .filter(
            has_text=re.compile(
                r"BLS released no local estimate here for Solar Photovoltaic Installers or "
                r"Wind Turbine Service Technicians, the sector's signature occupations"
            )
        )
        .first
    ).to_be_visible()

    # Only the browser-tab icon (app.py's page_icon ":material/work:", which Streamlit's frontend fetches from
    # Google's font CDN) leaves the app; the charts and the map load nothing: no tiles, no CDN, no datasets.
    fetched = [url for url in outside if "materialsymbolsrounded/work/" not in url]
    assert fetched == [], f"the page fetched from outside the app: {fetched[:5]}"
