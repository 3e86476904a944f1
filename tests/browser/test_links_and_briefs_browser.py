"""Links that keep state and one-page briefs in a real browser: ``/?area=0025540&occupation=29-1141.00``
opens the explorer on Registered Nurses in Hartford, a transitions link and a program link open those views,
the URL follows the region picked and survives a page switch, unknown codes get a message; the brief
downloads as a valid one-page PDF whose text holds the region (or program) name and a figure the page
shows; printing hides the sidebar.

The app runs here on its own records store holding the generated example data (loaded before it starts), so
these tests neither depend on nor change the records other browser tests import."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from lmi.records.example import load_example_records
from tests.browser.conftest import serve_app
from tests.browser.helpers import choose_in_selectbox, click_and_wait, download, open_app, page_menu_link

pytestmark = pytest.mark.browser

HARTFORD_NAME = "Hartford-West Hartford-East Hartford, CT"
BRIEF_BUTTON = "Download the one-page brief (PDF)"


@pytest.fixture(scope="module")
def linked_app(app_env, reference_db, tmp_path_factory) -> str:
    """The app on a records store with the generated example programs; returns its URL."""
    records = tmp_path_factory.mktemp("links-records") / "records.duckdb"
    load_example_records(records, reference_db, today=dt.date(2026, 11, 25))
    env = dict(app_env, LMI_RECORDS_DB=str(records))
    with serve_app(env, tmp_path_factory.mktemp("links-app")) as url:
        yield url


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-"), data[:20]
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())


def metric_value(page: Page, label: str) -> str:
    metric = page.locator("[data-testid='stMetric']").filter(has_text=label).first
    return metric.locator("[data-testid='stMetricValue']").inner_text().strip()


def sidebar_choice(page: Page, label: str):
    return page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text=label).locator("input")


def test_link_opens_the_explorer_on_registered_nurses_in_hartford(page, linked_app):
    open_app(page, f"{linked_app}/?area=0025540&occupation=29-1141.00")
    expect(page.get_by_role("heading", name="Registered Nurses", exact=True)).to_be_visible()
    expect(sidebar_choice(page, "State")).to_have_value("Connecticut")
    expect(sidebar_choice(page, "Metro or nonmetropolitan area")).to_have_value(HARTFORD_NAME)
    expect(page.get_by_role("heading", name=f"Jobs, pay and openings — {HARTFORD_NAME}")).to_be_visible()
    assert metric_value(page, "Jobs here") == "13,850"
    expect(page).to_have_url(re.compile(r"area=0025540"))
    expect(page).to_have_url(re.compile(r"occupation=29-1141\.00"))


def test_the_brief_downloads_as_a_one_page_pdf_with_the_region_and_a_figure_of_the_page(page, linked_app):
    open_app(page, f"{linked_app}/?area=0025540&occupation=29-1141.00")
    jobs, wage = metric_value(page, "Jobs here"), metric_value(page, "Median annual wage here")
    expect(page.get_by_text("The brief is the print version of this page").first).to_be_visible()
    saved = download(page, BRIEF_BUTTON)
    assert saved.suggested_filename.endswith(".pdf")
    text = pdf_text(saved.path().read_bytes())
    assert HARTFORD_NAME in text
    assert jobs in text and wage in text  # 13,850 and $101,470 as the page shows them


def test_the_url_follows_the_region_and_survives_a_page_switch(page, linked_app):
    open_app(page, f"{linked_app}/?area=0025540&occupation=29-1141.00")
    choose_in_selectbox(page, "State", "Missouri")
    expect(page).to_have_url(re.compile(r"area=2900000"))
    click_and_wait(page, page_menu_link(page, "Sector reality check"))
    expect(page.get_by_role("heading", name="Sector reality check")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/sectors\?.*area=2900000"))
    expect(sidebar_choice(page, "State")).to_have_value("Missouri")


def test_transitions_link_opens_the_moves_from_nurses_in_hartford(page, linked_app):
    open_app(page, f"{linked_app}/transitions?area=0025540&occupation=29-1141.00")
    expect(page.get_by_role("heading", name=f"Where Registered Nurses can lead in {HARTFORD_NAME}")).to_be_visible()
    expect(sidebar_choice(page, "Metro or nonmetropolitan area")).to_have_value(HARTFORD_NAME)


def test_program_link_opens_the_program_and_its_brief_is_labelled(page, linked_app):
    open_app(page, f"{linked_app}/program?area=0025540&program=EX-CNC-COOP")
    expect(page.get_by_role("heading", name="CNC Machinist Co-op", exact=True)).to_be_visible()
    placement = metric_value(page, "Placement rate (of exiters)")
    saved = download(page, BRIEF_BUTTON)
    assert saved.suggested_filename.endswith("-generated-example-data.pdf")
    text = pdf_text(saved.path().read_bytes())
    assert "CNC Machinist Co-op" in text and HARTFORD_NAME in text
    assert placement in text
    assert "GENERATED EXAMPLE DATA" in text


def test_unknown_codes_in_a_link_get_a_message_not_a_traceback(page, linked_app):
    open_app(page, f"{linked_app}/?area=12345&occupation=%2A%2Aboom%2A%2A%20%5Bx%5D(http://evil.example)")
    expect(page.get_by_text("which is not an OEWS area code in this database")).to_be_visible()
    occupation_warning = page.get_by_text("which is not an O*NET-SOC occupation in this database")
    expect(occupation_warning).to_be_visible()
    expect(occupation_warning).to_contain_text("**boom** [x](http://evil.example)")  # shown as typed
    expect(page.locator("[data-testid='stAlert'] a")).to_have_count(0)  # no link was made of it
    expect(sidebar_choice(page, "State")).to_have_value("United States")


def test_printing_hides_the_sidebar(page, linked_app):
    open_app(page, f"{linked_app}/?area=0025540&occupation=29-1141.00")
    expect(page.locator("[data-testid='stSidebar']")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("[data-testid='stSidebar']")).to_be_hidden()
    expect(page.get_by_role("button", name=BRIEF_BUTTON)).to_be_hidden()


def test_the_first_visitor_after_a_start_opens_a_shared_link_without_page_not_found(page, app_env, tmp_path_factory):
    """A fresh app process whose very first session is a link to another page than the default: Streamlit runs a
    process's first session through a folder named pages/ when there is one, and answered "Page not found"."""
    with serve_app(app_env, tmp_path_factory.mktemp("first-visit-app")) as url:
        open_app(page, f"{url}/transitions?area=0025540&occupation=31-1131.00")
        expect(page.get_by_role("heading", name="Career transitions", exact=True)).to_be_visible()
        expect(page.get_by_role("heading", name="Nursing Assistants", exact=True)).to_be_visible()
