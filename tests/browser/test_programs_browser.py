"""Training programs in a real browser: a staff member signs in, uploads a bad file (refused, nothing
stored) and template CSV files of programs and participant records (generated example data, labelled
so), sees the program appear in the public list; a home health aide program listed under SOC 31-1121
shows its local fit in Hartford at the BLS code 31-1120 (19,230 jobs); the public view shows no
participant rows, shows "suppressed" cells, and offers no upload without signing in."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import choose_radio, click_and_wait, new_page, open_app, upload_file
from tests.records_helpers import csv_bytes, participant, program

pytestmark = pytest.mark.browser

STAFF_PASSWORD = "browser-test-staff-password"  # set for the app under test in tests/browser/conftest.py
PROGRAM_NAME = "Browser Test Welding Program"
SMALL_PROGRAM_NAME = "Browser Test Small Cohort"
HHA_PROGRAM_NAME = "Browser Test Home Health Aide Program"


def programs_file() -> bytes:
    rows = [
        program(
            "BT-WELD",
            provider_id="BT-PRV",
            provider_name="Example — Browser Test College",
            program_name=PROGRAM_NAME,
            is_generated_example="yes",
        ),
        program(
            "BT-SMALL",
            provider_id="BT-PRV",
            provider_name="Example — Browser Test College",
            program_name=SMALL_PROGRAM_NAME,
            is_generated_example="yes",
        ),
        program(
            "BT-HHA",
            provider_id="BT-PRV",
            provider_name="Example — Browser Test College",
            program_name=HHA_PROGRAM_NAME,
            cip_code="51.2602",
            target_soc_codes="31-1121",
            region_area_code="0025540",
            is_generated_example="yes",
        ),
    ]
    return csv_bytes(rows, "programs")


def participants_file() -> bytes:
    rows = [
        participant(
            i,
            "BT-WELD",
            participant_id=f"BTP-{i:04d}",
            is_generated_example="yes",
            employed_q2="yes" if i < 22 else "no",
            earnings_q2_usd=str(9000 + 100 * i) if i < 22 else "",
            training_related_employment=("yes" if i < 15 else "no") if i < 22 else "",
            completed="yes" if i < 30 else "no",
            credential_attained="yes" if i < 25 else "no",
            credential_date="2024-04-01" if i < 25 else "",
            sex="female" if i % 3 else "male",
        )
        for i in range(40)
    ]
    rows += [
        participant(100 + i, "BT-SMALL", participant_id=f"BTS-{i:04d}", is_generated_example="yes") for i in range(6)
    ]
    return csv_bytes(rows, "participants")


def sign_in(page: Page, app_url: str) -> None:
    open_app(page, f"{app_url}/import")
    page.get_by_label("Your name (recorded in the import log)").fill("Browser Tester")  # a form: no rerun
    page.get_by_label("Staff password").fill(STAFF_PASSWORD)
    click_and_wait(page, page.get_by_role("button", name="Sign in"))
    expect(page.get_by_text("Signed in as staff: Browser Tester")).to_be_visible()


def upload(page: Page, kind_label: str, name: str, data: bytes) -> None:
    choose_radio(page, kind_label)
    uploader = page.locator("[data-testid='stFileUploader']").filter(has_text=f"{kind_label} file")
    upload_file(page, uploader, name, data)
    click_and_wait(page, page.get_by_role("button", name="Check and import"))


@pytest.fixture(scope="module")
def uploaded(browser, app_url) -> str:
    """Staff upload once for this module; returns the app URL."""
    with new_page(browser) as page:
        sign_in(page, app_url)
        upload(page, "Programs (with providers)", "programs.csv", programs_file())
        imported = page.get_by_text("Imported programs.csv: 3 program(s) added")
        expect(imported).to_be_visible()
        expect(imported).to_contain_text("31-1121 → 31-1120")  # kept as given, read at the BLS code
        bad = csv_bytes(
            [participant(1, "BT-WELD", participant_id="BTX-1", exit_date="2023-01-01", is_generated_example="yes")],
            "participants",
        )
        upload(page, "Participant records", "bad-participants.csv", bad)
        expect(page.get_by_text("bad-participants.csv was not imported; nothing was stored")).to_be_visible()
        upload(page, "Participant records", "participants.csv", participants_file())
        expect(page.get_by_text("Imported participants.csv: 46 participant record(s) added")).to_be_visible()
        # the import log, staff only, shows who imported which file
        expect(page.locator("[data-testid='stDataFrame']").last).to_be_visible()
        upload(page, "Participant records", "participants.csv", participants_file())
        expect(page.get_by_text("this file was already imported")).to_be_visible(timeout=20_000)
    return app_url


def test_staff_upload_shows_the_program_in_the_list(page, uploaded):
    open_app(page, f"{uploaded}/programs")
    table = page.locator("[data-testid='stDataFrame']").first
    expect(table).to_contain_text(PROGRAM_NAME)
    expect(page.locator("text=Generated example data >> visible=true").first).to_be_visible()
    open_app(page, f"{uploaded}/program?program=BT-WELD")
    metrics = page.locator("[data-testid='stMetric']")
    expect(metrics.filter(has_text="Employment rate, 2nd quarter after exit").first).to_contain_text("55.0%")
    expect(metrics.filter(has_text="Placement rate").first).to_contain_text("55.0%")


def test_home_health_aide_program_local_fit_shows_19230_jobs_under_31_1120(page, uploaded):
    open_app(page, f"{uploaded}/program?program=BT-HHA")
    expect(page.get_by_role("heading", name="Local fit: demand for its target occupations")).to_be_visible()
    metrics = page.locator("[data-testid='stMetric']")
    expect(metrics.filter(has_text="Local jobs in target occupations").first).to_contain_text("19,230")
    expect(metrics.filter(has_text="Estimated openings a year here").first).to_contain_text("about 3,400 a year")
    expect(metrics.filter(has_text="Local fit").first).to_contain_text("hiring here")
    fit = page.locator("[data-testid='stDataFrame']").last
    fit.scroll_into_view_if_needed()
    expect(fit).to_contain_text("31-1121 → BLS group 31-1120 Home Health and Personal Care Aides")
    expect(fit).to_contain_text("19,230")
    expect(page.get_by_text("about 100 or more estimated openings a year").first).to_be_visible()


def test_public_view_has_no_participant_rows_and_shows_suppressed_cells(page, uploaded):
    open_app(page, f"{uploaded}/programs")
    expect(page.locator("[data-testid='stDataFrame']").first).to_contain_text(SMALL_PROGRAM_NAME)
    open_app(page, f"{uploaded}/program?program=BT-SMALL")  # 6 participants: fewer than 10
    metrics = page.locator("[data-testid='stMetric']")
    expect(metrics.filter(has_text="Employment rate, 2nd quarter after exit").first).to_contain_text("suppressed")
    expect(metrics.filter(has_text="Cost per placement").first).to_contain_text("suppressed")
    for path in ("/programs", "/program?program=BT-WELD", "/funding"):
        open_app(page, f"{uploaded}{path}")
        body = page.locator("body").inner_text()
        assert "BTP-0" not in body and "BTS-0" not in body, path
    open_app(page, f"{uploaded}/import")
    expect(page.get_by_label("Staff password")).to_be_visible()
    expect(page.locator("[data-testid='stFileUploader']")).to_have_count(0)
