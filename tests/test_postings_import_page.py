"""The staff-only *Import job postings* page (AppTest, real reference database, a temporary postings store):
read-only without a password; a staff member imports a generated file and sees the mapping, the rows not stored
by reason, the counts and the log; a bad file (wrong columns, 0 bytes) is refused with its reason and nothing
stored; the uploaded file is never left behind; the page reads in Spanish, generated example data labelled."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lmi.i18n import LANGUAGE_PARAM, use_language
from lmi.postings.example import GENERATED_SOURCE, ExampleSpec, generate_postings, write_example
from lmi.postings.importer import import_postings
from lmi.postings.layouts import FIELDS
from lmi.postings.store import PostingsStore
from tests.test_program_pages import in_spanish, spanish  # noqa: F401 (a fixture)
from ui.postings_import_view import FIELD_WORDS, LAYOUT_WORDS, mapping_frame, safe_file_name

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PAGE = "app_pages/postings_import.py"
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def example_csv(tmp_path_factory, ref_con) -> Path:
    """A small generated file in the standard layout (a few rows without a date or a place among them)."""
    folder = tmp_path_factory.mktemp("postings_page")
    return write_example(generate_postings(ref_con, ExampleSpec(rows=400, seed=5)), folder / "job-bank.csv")


def start(monkeypatch, reference_db, store: Path, password: str | None = None, language: str | None = None):
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_POSTINGS_DIR", str(store))
    monkeypatch.setenv("LMI_RECORDS_DB", str(store.parent / f"{store.name}-records.duckdb"))  # staff sign-in's log
    if password:
        monkeypatch.setenv("LMI_STAFF_PASSWORD", password)
    else:
        monkeypatch.delenv("LMI_STAFF_PASSWORD", raising=False)
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=180)
    if language:
        at.query_params[LANGUAGE_PARAM] = language
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def sign_in(at: AppTest) -> AppTest:
    at.text_input(key="staff_name").input("Dana")
    at.text_input(key="staff_password_input").input(PASSWORD)
    at.button(key="staff_sign_in_submit").click().run()
    assert not at.exception, at.exception
    return at


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader(key="postings_upload").set_value((name, content, "text/csv"))
    at.run()
    at.button(key="postings_import_button").click().run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    kinds = ("markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader")
    return "\n".join(str(e.value) for kind in kinds for e in getattr(at, kind))


@pytest.fixture(autouse=True)
def own_temporary_folder(tmp_path, monkeypatch):
    """Each test's uploads go to its own temporary folder, so a test run beside it (pytest-xdist) cannot leave
    a folder this test would take for its own."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))


def upload_folders() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("lmi-postings-upload-*")}


def test_without_a_password_the_page_explains_the_file_and_is_read_only(monkeypatch, reference_db, tmp_path):
    at = start(monkeypatch, reference_db, tmp_path / "store")
    shown = texts(at)
    assert at.title[0].value == "Import job postings"
    assert [h.value for h in at.main.header] == ["The file", "The postings store", "Upload"]
    assert "No postings are stored yet" in shown
    # the command line for larger files, and the limit .streamlit/config.toml sets (server.maxUploadSize)
    assert "python -m lmi.postings import" in shown and "Uploads up to 20 MB" in shown
    assert "Uploads are disabled on this deployment" in shown
    assert not at.get("file_uploader")


def test_staff_import_a_generated_file_and_see_what_was_stored(monkeypatch, reference_db, tmp_path, example_csv):
    store = PostingsStore(tmp_path / "store")
    before = upload_folders()
    at = upload(
        sign_in(start(monkeypatch, reference_db, store.root, PASSWORD)), "job-bank.csv", example_csv.read_bytes()
    )
    [entry] = store.stored_imports()
    assert (
        entry["file_name"] == "job-bank.csv"
        and entry["imported_by"] == "Dana (shared password)"
        and entry["is_generated_example"]
    )
    assert store.aggregate_meta()["includes_generated_example_data"]
    assert upload_folders() <= before  # the uploaded file was removed; the store keeps its own copy
    shown = texts(at)
    assert f"**Imported** (import #{entry['import_id']}" in shown
    assert f"{entry['rows_stored_count']:,} postings stored" in shown
    assert "Every row of this file is **generated example data**." in shown
    assert "The store holds **generated example data** (import #1)" in shown
    assert [s.value for s in at.subheader][:2] == ["Columns used", "Rows not stored, by reason"]
    mapping = at.dataframe[0].value
    assert mapping.field.tolist() == list(FIELDS) and mapping.file_column.tolist() == list(FIELDS)
    rejected = at.dataframe[1].value
    assert dict(zip(rejected.reason_code, rejected.rows_count)) == entry["rejected_by_reason"]
    assert rejected.examples.str.len().gt(0).all()
    log = at.dataframe[-1].value
    assert log[["outcome", "file_name", "rows_stored_count"]].values.tolist() == [
        ["imported", "job-bank.csv", entry["rows_stored_count"]]
    ]
    assert at.get("download_button")  # every table can be downloaded


@pytest.mark.slow
def test_the_same_file_again_changes_nothing(monkeypatch, reference_db, tmp_path, example_csv, ref_con):
    store = PostingsStore(tmp_path / "store")
    import_postings(example_csv, ref_con, store)
    at = upload(sign_in(start(monkeypatch, reference_db, store.root, PASSWORD)), "again.csv", example_csv.read_bytes())
    assert "this file was already imported" in at.info[0].value
    assert len(store.stored_imports()) == 1


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("wrong-columns.csv", b"a,b,c\n1,2,3\n", "the file's columns do not give"),
        ("empty.csv", b"", "the file is empty (0 bytes)"),
    ],
)
def test_a_bad_file_is_refused_with_its_reason_and_nothing_stored(
    monkeypatch, reference_db, tmp_path, name, content, reason
):
    store = PostingsStore(tmp_path / "store")
    before = upload_folders()
    at = upload(sign_in(start(monkeypatch, reference_db, store.root, PASSWORD)), name, content)
    [error] = [e.value for e in at.error]
    assert error.startswith("**Not imported: nothing was stored.**") and reason in error
    assert store.stored_imports() == [] and store.postings_files() == [] and store.aggregate_meta() is None
    assert [(e["outcome"], e["file_name"]) for e in store.log_entries()] == [("refused", name)]
    assert at.dataframe[-1].value.outcome.tolist() == ["refused"]
    assert upload_folders() <= before


@pytest.mark.slow
def test_a_column_named_by_hand_is_used(monkeypatch, reference_db, tmp_path):
    store = PostingsStore(tmp_path / "store")
    content = b"Job,POSTED,MSA\nRegistered Nurse,2025-01-05,44180\nCashier,2025-02-03,44180\n"
    at = sign_in(start(monkeypatch, reference_db, store.root, PASSWORD))
    at.text_input(key="postings_map_title").input("Job")
    at.text_input(key="postings_map_posted_date").input("POSTED")
    at = upload(at, "vendor.csv", content)
    assert store.stored_imports()[0]["column_mapping"] == "title=Job, posted_date=POSTED, cbsa_code=MSA"
    assert at.dataframe[0].value.file_column.tolist() == ["Job", "POSTED", "MSA"]


@pytest.mark.slow
@pytest.mark.usefixtures("in_spanish")
def test_the_page_reads_in_spanish_with_generated_data_labelled(
    monkeypatch, reference_db, tmp_path, example_csv, ref_con
):
    store = PostingsStore(tmp_path / "store")
    import_postings(example_csv, ref_con, store, default_source=GENERATED_SOURCE)
    at = sign_in(start(monkeypatch, reference_db, store.root, PASSWORD, language="es"))
    assert at.title[0].value == spanish("Import job postings")
    assert [h.value for h in at.main.header] == [
        spanish("The file"),
        spanish("The postings store"),
        spanish("Upload"),
        spanish("Import log"),
    ]
    assert "datos de ejemplo generados" in at.warning[0].value
    log = at.dataframe[-1].value
    assert log.outcome.tolist() == [spanish("imported")]
    assert "ofertas" in log.message[0] and "stored" not in log.message[0]  # the logged message, in Spanish
    at = upload(at, "vacio.csv", b"")
    assert "0 bytes" in at.error[0].value and at.error[0].value.startswith("**No se importó")


def test_every_field_and_layout_has_words():
    from lmi.postings.layouts import LAYOUT_NAMES

    assert set(FIELD_WORDS) == set(FIELDS) and set(LAYOUT_WORDS) == set(LAYOUT_NAMES)
    with use_language("es"):
        assert mapping_frame("title=Job Title, city=City, State").values.tolist() == [
            ["title", spanish("job title"), "Job Title"],
            ["city", spanish(FIELD_WORDS["city"]), "City, State"],
        ]


def test_an_uploaded_name_stays_a_file_name():
    assert safe_file_name("../../etc/passwd") == "passwd"
    assert safe_file_name("C:\\exports\\bank.csv.gz").endswith("bank.csv.gz")
    assert safe_file_name("") == "upload.csv"
    assert safe_file_name("ofertas año 2025.csv") == "ofertas año 2025.csv"
