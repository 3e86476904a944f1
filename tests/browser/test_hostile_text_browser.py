"""Hostile text in a real browser (issue 12, item 3): formula and markup payloads as program, provider and
employer names (written to the records store before the app starts), as the staff name typed at sign-in, as
upload file names and as URL query values. On every page they reach, and in every download those pages offer:

- no formula: every CSV cell that starts with = + - @ TAB CR is quoted (or is a plain number);
- no link: nothing in the DOM links to evil.example;
- no markup: no bold/emphasis/heading made from a payload, no injected <b> or <script>; the payload's own
  characters are on the page as text.

The records are generated example data (labelled so) for a test store only."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from lmi.records.db import open_records
from lmi.records.importer import import_file, reference_codes
from tests.browser.conftest import serve_app
from tests.browser.helpers import click_and_wait, new_page, open_app, rerun_after, wait_for_app
from tests.records_helpers import TODAY, csv_bytes, participant, program

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STAFF_PASSWORD = "hostile-text-staff-password"
FORMULAS = ('=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3+cmd|' /C calc'!A0")
MARKUP = (
    "Mallory [call IT](https://evil.example/reset)",
    "**bold**",
    "<b>x</b>",
    "<script>alert(1)</script>",
)
PAYLOADS = FORMULAS + MARKUP
URL_PAYLOAD = "**Session expired.** [Log in again](https://evil.example/login)"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
# words of the payloads -> the literal text they are part of: an element (bold, heading, ...) holding the word
# must hold the literal text around it too, else the payload's markup made that element
MARKUP_WORDS = {
    "bold": "**bold**",
    "Session expired": "**Session expired.**",
    "call IT": "[call IT](https://evil.example/reset)",
    "Log in again": "[Log in again](https://evil.example/login)",
    "alert(1)": "<script>alert(1)</script>",
}


def program_id(index: int) -> str:
    return f"HX-{index}"


def programs_file() -> bytes:
    """One program per payload: its name the payload, its provider named by a payload too."""
    rows = [
        program(
            program_id(i),
            provider_id=f"HXP-{i}",
            provider_name=f"{payload} College",
            program_name=payload,
            is_generated_example="yes",
        )
        for i, payload in enumerate(PAYLOADS)
    ]
    return csv_bytes(rows, "programs")


def participants_file() -> bytes:
    """Enough exiters for the first two programs to publish rates (so their names reach the charts)."""
    rows = [
        participant(
            n,
            program_id(i),
            participant_id=f"HXQ-{i}-{n:03d}",
            is_generated_example="yes",
            employed_q2="yes" if n % 4 else "no",
            earnings_q2_usd=str(9000 + 10 * n) if n % 4 else "",
            training_related_employment="yes" if n % 4 else "",
        )
        for i in (0, len(FORMULAS))
        for n in range(30)
    ]
    return csv_bytes(rows, "participants")


def partners_file() -> bytes:
    rows = [
        {
            "program_id": program_id(0),
            "employer_name": payload,
            "hires_committed_count": "3",
            "hires_made_count": "1",
            "is_generated_example": "yes",
        }
        for payload in PAYLOADS
    ]
    return csv_bytes(rows, "employer_partners")


@pytest.fixture(scope="module")
def hostile_app(reference_db, app_env, tmp_path_factory):
    """The app on a records store that holds the payloads, written before it starts."""
    import duckdb

    folder = tmp_path_factory.mktemp("hostile-records")
    path = folder / "records.duckdb"
    ref = duckdb.connect(str(reference_db), read_only=True)
    con = open_records(path)
    try:
        codes = reference_codes(ref)
        for kind, data in (
            ("programs", programs_file()),
            ("participants", participants_file()),
            ("employer_partners", partners_file()),
        ):
            result = import_file(con, codes, kind, f"{kind}.csv", io.BytesIO(data), "hostile-text test", TODAY)
            assert result.outcome == "imported", (kind, result.message, result.issues_frame().to_string())
    finally:
        con.close()
        ref.close()
    env = dict(app_env) | {"LMI_RECORDS_DB": str(path), "LMI_STAFF_PASSWORD": STAFF_PASSWORD}
    with serve_app(env, tmp_path_factory.mktemp("hostile-app")) as url:
        yield url


# ------------------------------------------------------------------------------------------------ checks


def shown_text(text: str) -> str:
    """Text as a reader reads it: the word joiners that keep typed URLs from becoming links are invisible."""
    return text.replace("\u2060", "").strip()


def assert_inert_page(page: Page, where: str) -> None:
    """No link to evil.example, no markup made from a payload, no injected element."""
    wait_for_app(page)
    links = page.locator("a[href*=evil]")
    shown = [
        links.nth(i).evaluate("a => a.closest('[data-testid]').outerHTML.slice(0, 600)") for i in range(links.count())
    ]
    assert not shown, f"{where}: a link to evil.example in {shown}"
    scripts = page.locator("script").all_text_contents()  # the app's own language script is one
    assert not [t for t in scripts if "alert(1)" in t], f"{where}: an injected <script>"
    for tag in ("strong", "b", "em", "h1", "h2", "h3", "h4", "h5", "h6", "code"):
        for text in page.locator(f"[data-testid='stApp'] {tag}").all_inner_texts():
            if tag == "code" and URL_PAYLOAD.split()[0] in text:
                continue  # a link's value is shown in a code span on purpose: literal text
            for word, literal in MARKUP_WORDS.items():
                assert word not in text or literal in shown_text(text), (
                    f"{where}: <{tag}> made from a payload: {text!r}"
                )
            assert text.strip() != "x", f"{where}: <{tag}>x</{tag}> rendered"
    bold_svg = page.locator("svg text[style*='bold'], svg tspan[style*='bold']").all_inner_texts()
    assert "x" not in [t.strip() for t in bold_svg], f"{where}: <b>x</b> drawn bold in a chart"


def assert_inert_csv(data: bytes, where: str) -> None:
    """Every cell starting with a formula character is quoted, unless it is a plain number."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows, f"{where}: an empty CSV"
    for row in rows:
        for cell in row:
            if cell.startswith(FORMULA_STARTS):
                assert PLAIN_NUMBER.fullmatch(cell), f"{where}: a formula cell {cell!r}"


def check_downloads(page: Page, where: str) -> int:
    """Click every download button on the page and check each CSV (PDFs: no link to evil.example)."""
    buttons = page.locator("[data-testid='stDownloadButton'] button")
    count = buttons.count()
    checked = 0
    for index in range(count):
        button = page.locator("[data-testid='stDownloadButton'] button").nth(index)
        if not button.is_visible() or not button.is_enabled():
            continue
        with page.expect_download() as started:
            rerun_after(page, button.click, expect_rerun=False)
        wait_for_app(page)
        download = started.value
        data = Path(download.path()).read_bytes()
        name = download.suggested_filename
        if name.endswith(".csv"):
            assert_inert_csv(data, f"{where}: {name}")
        elif name.endswith(".pdf"):
            assert b"evil.example" not in data or b"/URI" not in data, f"{where}: {name} links out"
        checked += 1
    return checked


def open_all_expanders(page: Page) -> None:
    """Open closed expanders (their content is already on the page; opening changes nothing on the server)."""
    for summary in page.locator("[data-testid='stExpander'] summary").all():
        if summary.is_visible():
            summary.click()


# ------------------------------------------------------------------------------------------------ tests


def test_program_pages_show_hostile_names_as_text_and_download_them_inert(browser, hostile_app):
    downloads = 0
    with new_page(browser) as page:
        open_app(page, f"{hostile_app}/programs")
        open_all_expanders(page)
        assert_inert_page(page, "Program outcomes")
        expect(page.get_by_text("**bold**", exact=False).first).to_be_attached()
        downloads += check_downloads(page, "Program outcomes")
        for i in range(len(PAYLOADS)):
            open_app(page, f"{hostile_app}/program?program={program_id(i)}")
            open_all_expanders(page)
            assert_inert_page(page, f"Program detail {PAYLOADS[i]!r}")
            heading = page.locator("h2#program").inner_text()
            assert shown_text(heading) == PAYLOADS[i], f"the program's heading reads {heading!r}"
            if i in (0, len(FORMULAS)):  # the programs with participants and partners: every download
                downloads += check_downloads(page, f"Program detail {PAYLOADS[i]!r}")
        open_app(page, f"{hostile_app}/funding")
        open_all_expanders(page)
        assert_inert_page(page, "Funding view")
        downloads += check_downloads(page, "Funding view")
    assert downloads >= 10


@pytest.mark.parametrize("path", ["", "transitions"], ids=["explorer", "transitions"])  # the explorer is at /
def test_a_crafted_link_shows_its_value_as_literal_text(browser, hostile_app, path):
    with new_page(browser) as page:
        open_app(page, f"{hostile_app}/{path}?{urlencode({'occupation': URL_PAYLOAD, 'area': URL_PAYLOAD})}")
        assert_inert_page(page, path or "explorer")
        alert = page.locator("[data-testid='stAlert']").filter(has_text="Session expired")
        expect(alert.first).to_be_visible()
        for index in range(alert.count()):  # the region's and the occupation's message (each cut to a length)
            assert "**Session expired.** [Log in again](https://evil.example/lo" in alert.nth(index).inner_text()
            assert alert.nth(index).locator("a, strong").count() == 0


def test_staff_name_and_upload_file_names_are_shown_literally(browser, hostile_app):
    staff_name = "Mallory [call IT](https://evil.example/reset) **bold** <b>x</b>"
    with new_page(browser) as page:
        open_app(page, f"{hostile_app}/import")
        page.get_by_label("Your name (recorded in the import log)").fill(staff_name)  # a form: no rerun
        page.get_by_label("Staff password").fill(STAFF_PASSWORD)
        click_and_wait(page, page.get_by_role("button", name="Sign in"))
        signed_in = page.locator("[data-testid='stAlert']").filter(has_text="Signed in as staff")
        expect(signed_in.first).to_be_visible()
        assert "[call IT](https://evil.example/reset) **bold** <b>x</b>" in shown_text(signed_in.first.inner_text())
        assert_inert_page(page, "Import (signed in)")
        # a refused file whose name and cells are payloads: the problems table, its CSV, the log
        bad_rows = [program("HX-BAD", provider_name=FORMULAS[0], program_name=MARKUP[0], cip_code="=1+1")]
        uploader = page.locator("[data-testid='stFileUploader']").first
        dropzone = uploader.locator("[data-testid='stFileUploaderDropzoneInput']")  # the uploader shortens
        file = {"name": "**bold** [x](https://evil.example) =1+1.csv", "mimeType": "text/csv"}  # long names
        rerun_after(page, lambda: dropzone.set_input_files(files=[file | {"buffer": csv_bytes(bad_rows, "programs")}]))
        wait_for_app(page)
        click_and_wait(page, page.get_by_role("button", name="Check and import"))
        problems = page.locator("[data-testid='stAlert']").filter(has_text="was not imported")
        expect(problems.first).to_be_visible()
        assert "**bold** [x](https://evil.example) =1+1.csv" in shown_text(problems.first.inner_text())
        open_all_expanders(page)
        assert_inert_page(page, "Import (refused file)")
        assert check_downloads(page, "Import (refused file)") >= 1
