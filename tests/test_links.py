"""Links that keep state (AppTest on the real reference database): ``?area=...&occupation=...`` opens the
explorer on that occupation in that region, ``&program=...`` opens Program detail on that program, the URL
follows the user's choices, and an unknown code gets a clear message, shown escaped, never a traceback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lmi.briefs import links
from lmi.records.example import load_example_records
from ui.links import escaped

PROJECT_ROOT = Path(__file__).resolve().parent.parent
HARTFORD, NURSES = "0025540", "29-1141.00"
HARTFORD_NAME = "Hartford-West Hartford-East Hartford, CT"


@pytest.fixture(scope="module")
def example_records(reference_db, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("links-records") / "records.duckdb"
    load_example_records(path, reference_db, today=dt.date(2026, 11, 25))
    return path


def open_link(monkeypatch, reference_db, records: Path | None = None, page: str | None = None, **params) -> AppTest:
    """The app opened on a link with ``params`` (and on ``page`` when given, as its URL path would)."""
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    if records is not None:
        monkeypatch.setenv("LMI_RECORDS_DB", str(records))
    monkeypatch.delenv("LMI_SMALL_CELL_THRESHOLD", raising=False)
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()  # the frame reads the link on the session's first run (AppTest runs the frame from the default page)
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def shown(box) -> str:
    """The option a selectbox shows (its values are area codes; the names are what a reader sees)."""
    return box.options[box.index]


def region_choice(at: AppTest) -> tuple[str, str | None]:
    area = [shown(box) for box in at.sidebar.selectbox if box.key == "region_area"]
    return shown(at.sidebar.selectbox(key="region_state")), (area[0] if area else None)


def messages(at: AppTest) -> str:
    return "\n".join(m.value for m in [*at.warning, *at.error, *at.info])


# ------------------------------------------------------------------------------------------------ pure parts


def test_occupation_codes_in_links():
    assert links.occupation_code(" 29-1141.00 ") == NURSES
    assert links.occupation_code("29-1141") == NURSES
    for text in ("29-1141.0", "RN", "29-1141.00; DROP", ""):
        assert links.occupation_code(text) is None
    assert links.is_area_code(HARTFORD) and not links.is_area_code("25540")


def test_text_from_a_link_is_shown_literally():
    """A code span: markdown, HTML, bare URLs and directives inside it are shown as typed."""
    hostile = "**bold** [x](http://evil.example) <b>:red[hi]</b> $x$"
    assert escaped(hostile) == f"` {hostile} `"
    assert escaped("a `b` c ``d``") == "``` a `b` c ``d`` ```"  # a fence longer than any backtick run
    assert len(escaped("9" * 500)) < 80  # cut to a readable length
    assert escaped("a\n\n# heading") == "` a # heading `"


# ------------------------------------------------------------------------------------------------ the app


def test_link_opens_the_explorer_on_nurses_in_hartford(monkeypatch, reference_db):
    at = open_link(monkeypatch, reference_db, area=HARTFORD, occupation=NURSES)
    assert region_choice(at) == ("Connecticut", HARTFORD_NAME)
    assert at.header[0].value == "Registered Nurses"
    assert at.subheader[0].value == f"Jobs, pay and openings — {HARTFORD_NAME}"
    jobs = [m for m in at.metric if m.label == "Jobs here"]
    assert jobs and jobs[0].value == "13,850"
    assert at.query_params["area"] == HARTFORD and at.query_params["occupation"] == NURSES


def test_a_soc_code_in_a_link_opens_its_main_occupation(monkeypatch, reference_db):
    at = open_link(monkeypatch, reference_db, area="0900000", occupation="29-1141")
    assert region_choice(at) == ("Connecticut", "Whole state")
    assert at.header[0].value == "Registered Nurses"


def test_the_url_follows_the_region_picked(monkeypatch, reference_db):
    at = open_link(monkeypatch, reference_db)
    assert at.query_params["area"] == "0000000"
    at.sidebar.selectbox(key="region_state").select("Connecticut").run()
    assert at.query_params["area"] == "0900000"
    at.sidebar.selectbox(key="region_area").select(HARTFORD_NAME).run()
    assert at.query_params["area"] == HARTFORD


def test_the_link_is_read_once_so_later_choices_stand(monkeypatch, reference_db):
    at = open_link(monkeypatch, reference_db, area=HARTFORD)
    at.sidebar.selectbox(key="region_state").select("Missouri").run()
    at.run()
    assert region_choice(at)[0] == "Missouri"
    assert at.query_params["area"] == "2900000"


def test_unknown_area_falls_back_to_the_nation_with_a_message(monkeypatch, reference_db):
    at = open_link(monkeypatch, reference_db, area="9999999", occupation=NURSES)
    assert region_choice(at) == ("United States", None)
    assert "not an OEWS area code" in messages(at) and "9999999" in messages(at)
    assert at.query_params["area"] == "0000000"
    assert at.header[0].value == "Registered Nurses"


def test_unknown_occupation_is_reported_escaped_without_a_traceback(monkeypatch, reference_db):
    hostile = "**boom** [click](http://evil.example) <script>x</script>"
    at = open_link(monkeypatch, reference_db, area=HARTFORD, occupation=hostile)
    shown = messages(at)
    assert "not an O\\*NET-SOC occupation" in shown
    assert f"names the occupation {escaped(hostile)}, which" in shown
    assert "occupation" not in at.query_params
    assert not at.header  # no occupation chosen: the explorer asks for a search
    assert region_choice(at) == ("Connecticut", HARTFORD_NAME)


def test_transitions_link_starts_from_the_linked_occupation(monkeypatch, reference_db):
    at = open_link(monkeypatch, reference_db, page="app_pages/career_transitions.py", area=HARTFORD, occupation=NURSES)
    assert region_choice(at) == ("Connecticut", HARTFORD_NAME)
    assert at.subheader[0].value.startswith("Where Registered Nurses can lead in")
    assert HARTFORD_NAME in at.subheader[0].value


def test_program_link_opens_program_detail_on_that_program(monkeypatch, reference_db, example_records):
    at = open_link(
        monkeypatch, reference_db, example_records, page="app_pages/program_detail.py", area=HARTFORD, program="EX-MEDA"
    )
    assert at.header[0].value == "Medical Assistant Certificate"
    assert at.query_params["program"] == "EX-MEDA" and at.query_params["area"] == HARTFORD
    assert any(b.label == "Download the one-page brief (PDF)" for b in at.get("download_button"))


def test_unknown_program_in_a_link_is_reported(monkeypatch, reference_db, example_records):
    at = open_link(monkeypatch, reference_db, example_records, page="app_pages/program_detail.py", program="_NOPE_*")
    assert "This link names the program ` _NOPE_* `, which is not recorded" in messages(at)
    assert at.header  # the picker's program is shown
    assert "program" in at.query_params and at.query_params["program"] != "_NOPE_*"
