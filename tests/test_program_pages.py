"""AppTests of the training-program pages on the real reference database and generated example
records: labels, suppression as text, reference lines, filters, the program picker, the New Jersey
published section, the empty-records message and staff sign-in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lmi.demand.posted import NO_POSTINGS_HOW
from lmi.i18n import LANGUAGE_PARAM, _, use_language
from lmi.programs.labels import GENERATED_NOTE
from lmi.records.example import load_example_records
from tests.posted_helpers import AIDES_LAST_12, HARTFORD_AIDES_JOBS, hartford_store
from ui.components import md
from ui.language import data_values_note
from ui.staff import ACCOUNTS_COMMAND, PASSWORD_ENV, SECRET_KEY

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def example_records(reference_db, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("records") / "records.duckdb"
    results = load_example_records(path, reference_db, today=dt.date(2026, 11, 25))
    assert all(r.outcome == "imported" for r in results)
    return path


def start(
    monkeypatch,
    reference_db,
    records: Path,
    page: str,
    password: str | None = None,
    language: str | None = None,
    postings: Path | None = None,
) -> AppTest:
    """The app on ``page``; ``language`` comes in the link (``?lang=es``) as a shared link brings it. ``postings``:
    the postings store's folder (default: an empty one beside the records, never var/postings)."""
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(records))
    monkeypatch.setenv("LMI_POSTINGS_DIR", str(postings or records.parent / "no-postings"))
    monkeypatch.delenv("LMI_SMALL_CELL_THRESHOLD", raising=False)
    if password:
        monkeypatch.setenv("LMI_STAFF_PASSWORD", password)
    else:
        monkeypatch.delenv("LMI_STAFF_PASSWORD", raising=False)
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    if language:
        at.query_params[LANGUAGE_PARAM] = language
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    parts = [
        e.value
        for kind in ("markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader")
        for e in getattr(at, kind)
    ]
    parts += [str(m.value) for m in at.metric] + [m.label for m in at.metric]
    return "\n".join(str(p) for p in parts)


def frames(at: AppTest) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe]


def all_cells(at: AppTest) -> str:
    return "\n".join(frame.to_csv(index=False) for frame in frames(at))


def test_program_list_labels_generated_data_and_suppresses(monkeypatch, reference_db, example_records):
    at = start(monkeypatch, reference_db, example_records, "app_pages/program_list.py")
    shown = texts(at)
    assert "Rows marked “generated example data”" in shown
    programs = frames(at)[0]
    assert len(programs) == 9 and set(programs.Data) == {"generated example data"}
    pilot = programs[programs.Program == "Pharmacy Technician (pilot cohort)"].iloc[0]
    assert pilot["Exiters with complete follow-up"] == "suppressed"  # 14 enrolled, fewer than 10 exiters
    assert "37%" in shown and "89.3%" in shown
    (chart,) = at.get("plotly_chart")
    assert chart.proto.alt == "Placement rate by program" and "**Chart summary:** Placement rate by program." in shown
    assert "fewer than 10 people are suppressed" in shown
    assert "EX-WELD-0" not in all_cells(at)  # no participant identifier on a public page


def test_program_list_filters_and_sorts(monkeypatch, reference_db, example_records):
    at = start(monkeypatch, reference_db, example_records, "app_pages/program_list.py")
    at.multiselect(key="list_funding").select("wioa_youth").run()
    programs = frames(at)[0]
    assert list(programs.Program) == ["Summer Work Experience"]
    assert programs.Type.iloc[0] == "Internship / work experience (160 hours)"
    at.multiselect(key="list_funding").unselect("wioa_youth").run()
    at.selectbox(key="list_sort").select("cost_per_placement_usd").run()
    order = frames(at)[0]["Cost per placement"].tolist()
    shown = [float(v.strip("$").replace(",", "")) for v in order if v != "suppressed"]
    assert shown == sorted(shown, reverse=True) and order[-1] == "suppressed"


def test_program_list_shows_new_jersey_published_outcomes(monkeypatch, reference_db, example_records):
    at = start(monkeypatch, reference_db, example_records, "app_pages/program_list.py")
    assert any("New Jersey ETPL (published)" in h.value for h in at.header)
    assert any("ETPL as of 2023-05-04; providers 2021-03-05" in c.value for c in at.caption)
    at.text_input(key="nj_search").input("Rowan College of South Jersey").run()
    nj = frames(at)[-1]
    row = nj[nj.CIP == "51.1020"].iloc[0]
    assert row["Average quarterly wage, 2nd quarter"] == "suppressed"
    assert "-99999" not in nj.to_csv()


def test_program_detail_shows_indicators_cohorts_and_groups(monkeypatch, reference_db, example_records):
    at = start(monkeypatch, reference_db, example_records, "app_pages/program_detail.py")
    at.selectbox(key="program_picker").select("EX-WELD").run()
    assert [c.proto.alt for c in at.get("plotly_chart")] == ["Published rates by exit cohort"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Employment rate, 2nd quarter after exit"].endswith("%")
    assert metrics["Median earnings, 2nd quarter after exit"].startswith("$")
    at.selectbox(key="detail_dimension").select("race_ethnicity").run()
    groups = next(f for f in frames(at) if "Race / ethnicity" in f.columns)
    assert groups.iloc[-1, 0] == "All" and "suppressed" in groups.to_csv()
    assert "Black or African American" in groups["Race / ethnicity"].tolist()
    assert any("Local fit" in s.value for s in at.subheader)
    fit = frames(at)[-1]
    assert fit.numbers_for.tolist() == ["BLS 51-4121 Welders, Cutters, Solderers, and Brazers"]
    assert fit.fit_verdict.tolist() == ["few openings here"]  # about 67 openings a year in Hartford


def test_program_detail_local_fit_of_a_home_health_aide_program_in_hartford(monkeypatch, reference_db, example_records):
    at = start(monkeypatch, reference_db, example_records, "app_pages/program_detail.py")
    at.selectbox(key="program_picker").select("EX-HHA").run()
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Local jobs in target occupations"] == "19,230"
    assert metrics["Estimated openings a year here"] == "about 3,400 a year"
    assert metrics["Local fit"] == "hiring here"
    fit = frames(at)[-1]
    [row] = fit.to_dict("records")  # 31-1121 and 31-1122.00 lead to one BLS code: one row, counted once
    assert row["numbers_for"] == (
        "31-1121; 31-1122.00 → BLS group 31-1120 Home Health and Personal Care Aides, shared by 2 occupations"
    )
    assert (row["local_employment_count"], row["fit_verdict"]) == ("19,230", "hiring here")
    shown = texts(at)
    assert "Hartford-West Hartford-East Hartford, CT" in shown
    assert "about 100 or more estimated openings a year" in shown  # the verdict thresholds are stated
    assert "BLS OEWS May 2025" in shown
    download = next(b for b in at.get("download_button") if "local fit" in b.proto.label.lower())
    assert download is not None


@pytest.fixture(scope="module")
def hartford_postings(tmp_path_factory, ref_con) -> Path:
    """A postings store of known Hartford postings (``tests.posted_helpers``); its folder."""
    return hartford_store(tmp_path_factory.mktemp("postings") / "store", ref_con).root


def test_program_detail_shows_postings_beside_local_fit(monkeypatch, reference_db, example_records, hartford_postings):
    at = start(monkeypatch, reference_db, example_records, "app_pages/program_detail.py", postings=hartford_postings)
    at.selectbox(key="program_picker").select("EX-HHA").run()
    assert not at.exception, at.exception
    assert "#### Job postings for these occupations" in [m.value for m in at.markdown]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Local jobs in target occupations"] == "19,230"  # the OEWS figures stay as they were
    assert metrics["Job postings, Jan 2025 to Dec 2025"] == str(AIDES_LAST_12)  # 31-1120, 31-1121 and 31-1122
    assert metrics["Postings per 1,000 jobs"] == f"{1000 * AIDES_LAST_12 / HARTFORD_AIDES_JOBS:.2f}"
    [row] = frames(at)[-1].to_dict("records")
    assert (row["BLS code"], row["Postings of SOC codes"], row["Job postings"]) == (
        "31-1120",
        "31-1120; 31-1121; 31-1122",
        str(AIDES_LAST_12),
    )
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Job postings:") and "(import #1)" in c for c in captions)
    assert any("could not be coded to an occupation" in c for c in captions)
    assert "Download the postings (CSV)" in [b.proto.label for b in at.get("download_button")]


def test_program_detail_without_postings_says_how_to_import_them(monkeypatch, reference_db, example_records):
    at = start(monkeypatch, reference_db, example_records, "app_pages/program_detail.py")
    at.selectbox(key="program_picker").select("EX-HHA").run()
    assert md(NO_POSTINGS_HOW) in [c.value for c in at.caption]
    assert not any(m.label.startswith("Job postings") for m in at.metric)


def test_program_detail_of_a_small_program_is_all_suppressed(monkeypatch, reference_db, example_records):
    at = start(monkeypatch, reference_db, example_records, "app_pages/program_detail.py")
    at.selectbox(key="program_picker").select("EX-PHARM").run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Employment rate, 2nd quarter after exit"] == "suppressed"
    assert metrics["Cost per placement"] == "suppressed"


def test_ojt_program_has_no_credential_indicator(monkeypatch, reference_db, example_records):
    at = start(monkeypatch, reference_db, example_records, "app_pages/program_detail.py")
    at.selectbox(key="program_picker").select("EX-CDL-OJT").run()
    assert {m.label: m.value for m in at.metric}["Credential attainment rate"] == "n/a"


def test_program_list_finds_programs_by_the_bls_code_their_targets_lead_to(monkeypatch, reference_db, example_records):
    at = start(monkeypatch, reference_db, example_records, "app_pages/program_list.py")
    at.multiselect(key="list_occupations").select("31-1120").run()
    programs = frames(at)[0]
    assert list(programs.Program) == ["Home Health and Personal Care Aide Certificate"]
    assert programs["Local jobs in target occupations"].tolist() == ["19,230"]
    assert programs["Local fit"].tolist() == ["hiring here"]


def test_funding_view_compares_programs_and_new_jersey_sample(monkeypatch, reference_db, example_records):
    at = start(monkeypatch, reference_db, example_records, "app_pages/funding_view.py")
    programs = frames(at)[0]
    assert len(programs) == 9 and "Local jobs in target occupations" in programs.columns
    web = programs[programs.Program == "Full-Stack Web Development Bootcamp"].iloc[0]
    assert web["Local jobs in target occupations"] == "310"  # 15-1254 not released in Hartford: left out, not 0
    assert web["BLS codes of its target occupations"] == "15-1254; 15-1255"
    assert [c.proto.alt for c in at.get("plotly_chart")][0] == "Cost per placement against placement rate"
    nj = frames(at)[-1]
    assert len(nj) == 128
    massage = nj[(nj.Program == "Massage Therapy") & (nj.Provider == "Fortis Institute - Wayne - PCS")].iloc[0]
    assert massage["Total cost"] == "$15,578"


@pytest.mark.parametrize(
    "page", ["app_pages/program_list.py", "app_pages/program_detail.py", "app_pages/funding_view.py"]
)
def test_pages_explain_empty_records(monkeypatch, reference_db, tmp_path, page):
    at = start(monkeypatch, reference_db, tmp_path / "empty.duckdb", page)
    assert "No training programs are recorded yet" in texts(at)


def test_import_page_without_password_is_read_only(monkeypatch, reference_db, tmp_path):
    at = start(monkeypatch, reference_db, tmp_path / "records.duckdb", "app_pages/program_import.py")
    assert "Uploads are disabled on this deployment" in texts(at)
    assert not at.get("file_uploader")
    assert len(at.get("download_button")) >= 2  # the templates stay downloadable


def test_staff_sign_in(monkeypatch, reference_db, tmp_path):
    at = start(monkeypatch, reference_db, tmp_path / "records.duckdb", "app_pages/program_import.py", PASSWORD)
    assert not at.get("file_uploader")
    at.text_input(key="staff_name").input("Dana")
    at.text_input(key="staff_password_input").input("wrong")
    at.button(key="staff_sign_in_submit").click().run()
    assert "Wrong staff password." in texts(at) and not at.get("file_uploader")
    at.text_input(key="staff_name").input("Dana")
    at.text_input(key="staff_password_input").input(PASSWORD)
    at.button(key="staff_sign_in_submit").click().run()
    assert "Signed in as staff: **Dana (shared password)**" in texts(at)
    assert at.get("file_uploader")
    assert frames(at)[-1].empty  # the (staff-only) import log, empty so far


@pytest.mark.parametrize(
    "page", ["app_pages/program_list.py", "app_pages/program_detail.py", "app_pages/funding_view.py"]
)
def test_pages_take_the_reference_rates_from_the_domain(page):
    """The 37% and 89.3% placement references live in lmi.programs.outcomes; pages never restate them."""
    text = (PROJECT_ROOT / page).read_text()
    for restated in ("0.37", "0.893", "37%", "89.3"):
        assert restated not in text, (page, restated)


# ------------------------------------------------------------------------------------------ in Spanish


@pytest.fixture
def in_spanish():
    """AppTest formats a widget's value with the widget's ``format_func`` in the test's own thread too, where the
    app never set the language: the test thread reads Spanish like the app's runs (as a browser only ever sees
    the app's)."""
    with use_language("es"):
        yield


def spanish(english: str) -> str:
    """The Spanish the catalog has for ``english`` (a test fails when there is none)."""
    with use_language("es"):
        words = _(english)
    assert words != english, f"no Spanish for {english!r}"
    return words


def spanish_note() -> str:
    with use_language("es"):
        return data_values_note()


def headings(at: AppTest) -> list[str]:
    """The page's title and section headings (the sidebar's are not the page's)."""
    return [h.value for kind in ("title", "header", "subheader") for h in getattr(at.main, kind)]


@pytest.mark.slow
@pytest.mark.usefixtures("in_spanish")
def test_program_list_in_spanish(monkeypatch, reference_db, example_records):
    at = start(monkeypatch, reference_db, example_records, "app_pages/program_list.py", language="es")
    assert at.title[0].value == spanish("Program outcomes")
    shown = headings(at)
    for heading in ("Filters", "Placement rate against the reference lines", "Totals"):
        assert spanish(heading) in shown
    assert spanish("Programs ({shown} of {total})").format(shown=9, total=9) in shown
    assert spanish_note() in [c.value for c in at.caption]  # data values are shown as published, and it says so
    programs = frames(at)[0]
    assert "Pharmacy Technician (pilot cohort)" in programs.iloc[:, 0].tolist()  # program names stay as entered
    assert at.multiselect(key="list_funding").label == spanish("Funding stream")
    assert [c.proto.alt for c in at.get("plotly_chart")] == [spanish("Placement rate by program")]
    assert "Download this table (CSV)" not in [b.proto.label for b in at.get("download_button")]


def test_a_filter_survives_a_language_switch(monkeypatch, reference_db, example_records):
    at = start(monkeypatch, reference_db, example_records, "app_pages/program_list.py")
    at.multiselect(key="list_funding").select("wioa_youth").run()
    assert "Programs (1 of 9)" in headings(at)
    at.sidebar.radio(key="language").set_value("es").run()
    assert not at.exception, at.exception
    with use_language("es"):  # the widgets now read in Spanish (see ``in_spanish``)
        assert at.multiselect(key="list_funding").value == ["wioa_youth"]  # the choice is a code, not words
        assert spanish("Programs ({shown} of {total})").format(shown=1, total=9) in headings(at)
        assert list(frames(at)[0].iloc[:, 0]) == ["Summer Work Experience"]
        at.multiselect(key="list_funding").unselect("wioa_youth").run()
        assert not at.exception, at.exception
        assert spanish("Programs ({shown} of {total})").format(shown=9, total=9) in headings(at)


@pytest.mark.slow
@pytest.mark.usefixtures("in_spanish")
def test_program_detail_in_spanish(monkeypatch, reference_db, example_records):
    at = start(monkeypatch, reference_db, example_records, "app_pages/program_detail.py", language="es")
    at.selectbox(key="program_picker").select("EX-WELD").run()
    assert not at.exception, at.exception
    assert at.title[0].value == spanish("Program detail")
    shown = headings(at)
    for heading in (
        "WIOA indicators and program measures",
        "WIOA scorecard against the negotiated levels",
        "Return on investment",
        "Outcomes by participant group",
        "Local fit: demand for its target occupations",
        "One-page brief (PDF)",
    ):
        assert spanish(heading) in shown, heading
    labels = [m.label for m in at.metric]
    assert spanish("Employment rate, 2nd quarter after exit") in labels and spanish("Local fit") in labels
    assert "Welding Technology Certificate" in shown  # the program's name, as entered
    captions = [c.value for c in at.caption]
    assert spanish(GENERATED_NOTE) in captions and GENERATED_NOTE not in captions


@pytest.mark.slow
@pytest.mark.usefixtures("in_spanish")
def test_program_postings_in_spanish(monkeypatch, reference_db, example_records, hartford_postings):
    at = start(
        monkeypatch,
        reference_db,
        example_records,
        "app_pages/program_detail.py",
        language="es",
        postings=hartford_postings,
    )
    at.selectbox(key="program_picker").select("EX-HHA").run()
    assert not at.exception, at.exception
    assert "#### " + spanish("Job postings for these occupations") in [m.value for m in at.markdown]
    labels = [m.label for m in at.metric]
    assert spanish("Job postings, {period}").format(period="ene 2025 a dic 2025") in labels
    assert spanish("Download the postings (CSV)") in [b.proto.label for b in at.get("download_button")]


@pytest.mark.usefixtures("in_spanish")
def test_funding_view_in_spanish(monkeypatch, reference_db, example_records):
    at = start(monkeypatch, reference_db, example_records, "app_pages/funding_view.py", language="es")
    assert at.title[0].value == spanish("Funding view")
    shown = headings(at)
    for heading in ("Programs compared", "By funding stream", "Budget scenario", "Add a change"):
        assert spanish(heading) in shown, heading
    assert spanish("Add a change above to see its projection.") in [i.value for i in at.info]


@pytest.mark.parametrize(
    "page", ["app_pages/program_list.py", "app_pages/program_detail.py", "app_pages/funding_view.py"]
)
@pytest.mark.slow
@pytest.mark.usefixtures("in_spanish")
def test_pages_explain_empty_records_in_spanish(monkeypatch, reference_db, tmp_path, page):
    at = start(monkeypatch, reference_db, tmp_path / "empty.duckdb", page, language="es")
    assert spanish(
        "No training programs are recorded yet. Staff add programs and participant records on the "
        "**Import program records** page; maintainers can load clearly labelled generated example data with "
        "`python -m lmi.records.example`."
    ) in [i.value for i in at.info]


@pytest.mark.slow
@pytest.mark.usefixtures("in_spanish")
def test_import_page_in_spanish_signs_staff_in(monkeypatch, reference_db, tmp_path):
    at = start(
        monkeypatch, reference_db, tmp_path / "records.duckdb", "app_pages/program_import.py", PASSWORD, language="es"
    )
    assert at.title[0].value == spanish("Import program records")
    assert [s.value for s in at.main.header][:2] == [spanish("Templates"), spanish("Upload")]
    at.text_input(key="staff_name").input("Dana")
    at.text_input(key="staff_password_input").input("wrong")
    at.button(key="staff_sign_in_submit").click().run()
    assert spanish("Wrong staff password.") in [e.value for e in at.error]
    at.text_input(key="staff_password_input").input(PASSWORD)
    at.button(key="staff_sign_in_submit").click().run()
    assert spanish("Signed in as staff: **{name}**").format(name="Dana (shared password)") in texts(at)
    assert spanish("Import log") in headings(at)


@pytest.mark.usefixtures("in_spanish")
def test_import_page_without_password_in_spanish(monkeypatch, reference_db, tmp_path):
    at = start(monkeypatch, reference_db, tmp_path / "records.duckdb", "app_pages/program_import.py", language="es")
    disabled = spanish(
        "**Uploads are disabled on this deployment**: no staff account exists, so this is the public, read-only "
        "dashboard. An administrator enables uploads by creating a staff account with `{command}` (for development "
        "only, a shared password in the `{variable}` environment variable or `{secret}` in `.streamlit/secrets.toml` "
        "also works)."
    )
    shown = disabled.format(command=ACCOUNTS_COMMAND, variable=PASSWORD_ENV, secret=SECRET_KEY)
    assert shown in [i.value for i in at.info]
    assert len(at.get("download_button")) >= 2  # the templates stay downloadable
