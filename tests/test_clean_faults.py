"""Clean faults and limits (issue 12): a killed build leaves nothing a later build does not remove; a damaged
workbook and UTF-16 text are refused with a plain reason and a log entry; the upload limit means the same 20 MB
everywhere; production settings hide error details; a client's Clear cache is ignored outside developer mode."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
import tomllib
import zipfile
from pathlib import Path

import pytest
import streamlit as st
from openpyxl import Workbook
from streamlit import config
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.runtime import app_session

from etl.build import build_database, partial_path, remove_stale_partials
from etl.errors import SnapshotError
from lmi.records import importer
from lmi.records.db import revision
from lmi.records.parse import MAX_UPLOAD_BYTES, MAX_UPLOAD_MB, UploadRefused, looks_utf16, read_upload
from lmi.records.schema import RECORD_TABLES
from tests.records_helpers import CODES, TODAY, csv_bytes, new_records, program, table_counts
from ui.server_guards import install_clear_cache_guard

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())


# --- killed builds -----------------------------------------------------------------------------------------


def start_build(db: Path) -> tuple[subprocess.Popen, Path]:
    """A real ``python -m etl build`` into ``db``, once its partial file has data in it."""
    process = subprocess.Popen(
        [sys.executable, "-m", "etl", "build", "--db", str(db)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    partial = partial_path(db, process.pid)
    deadline = time.monotonic() + 120
    while not (partial.exists() and partial.stat().st_size > 1_000_000):
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "the build never wrote its partial file"
        time.sleep(0.05)
    return process, partial


def leftovers(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if p.name != db.name)


@pytest.mark.slow
def test_sigterm_during_a_build_removes_its_partial_file_and_keeps_the_old_database(tmp_path):
    db = tmp_path / "lmi.duckdb"
    db.write_bytes(b"the database being served")
    process, partial = start_build(db)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=120) == 128 + signal.SIGTERM
    assert leftovers(db) == [], "a terminated build left files behind"
    assert db.read_bytes() == b"the database being served"


def test_the_next_build_removes_what_a_sigkilled_build_left(tmp_path):
    db = tmp_path / "lmi.duckdb"
    process, partial = start_build(db)
    process.kill()
    process.wait(timeout=60)
    assert partial.exists()  # SIGKILL cannot be caught: the file stays until the next build
    running = partial_path(db, os.getpid())  # a build still running (this process): never touched
    running.write_bytes(b"in progress")
    messages = []
    with pytest.raises(SnapshotError):  # the next build, here failing at once on a missing snapshot
        build_database(db, snapshot_dir=tmp_path / "no-snapshot", progress=messages.append)
    assert not partial.exists() and not Path(f"{partial}.wal").exists()
    assert running.exists() and f"removed {partial.name}, left by a build that was killed" in messages
    assert remove_stale_partials(db) == []


# --- damaged and mis-encoded files -------------------------------------------------------------------------


def damaged_workbook() -> bytes:
    """A valid .xlsx archive whose sheet XML is cut off halfway: it opens, and fails only when its rows are read."""
    book = Workbook()
    sheet = book.active
    sheet.title = "programs"
    for row in range(200):
        sheet.append([f"P{row}", f"Provider {row}", "x" * 30])
    good = io.BytesIO()
    book.save(good)
    damaged = io.BytesIO()
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    return damaged.getvalue()


@pytest.fixture
def con(tmp_path, records_backend):
    con = new_records(tmp_path)
    yield con
    con.close()


def log_outcomes(con) -> list[tuple]:
    return con.execute("SELECT outcome, file_name FROM import_log ORDER BY import_id").fetchall()


def test_a_damaged_workbook_is_refused_with_a_log_entry(con, caplog):
    result = importer.import_file(
        con, CODES, "programs", "damaged.xlsx", io.BytesIO(damaged_workbook()), "tester", TODAY
    )
    assert result.outcome == "refused"
    assert "the workbook is damaged" in result.issues[0].message
    assert "Traceback" not in result.issues[0].message and "/" not in result.issues[0].message.split(":", 1)[1]
    assert log_outcomes(con) == [("refused", "damaged.xlsx")]
    assert table_counts(con) == dict.fromkeys(RECORD_TABLES, 0)
    assert "damaged workbook sheet" in caplog.text  # the server's log says what openpyxl raised


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_is_named_as_such(con, encoding):
    data = csv_bytes([program()], "programs").decode("utf-8").encode(encoding)
    result = importer.import_file(con, CODES, "programs", "programs.csv", io.BytesIO(data), "tester", TODAY)
    assert result.outcome == "refused"
    message = result.issues[0].message
    assert "UTF-16 text" in message and "CSV UTF-8" in message and "binary" not in message
    assert log_outcomes(con) == [("refused", "programs.csv")]


def test_utf16_detection_leaves_other_files_to_their_own_checks():
    assert looks_utf16("a,b\n".encode("utf-16"))
    assert not looks_utf16(b"provider_id,provider_name\n")
    assert not looks_utf16(b"\x89PNG\r\n\x1a\n\x00\x00\x00")  # still "not a CSV text file"
    with pytest.raises(UploadRefused, match="not a CSV text file"):
        read_upload(io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00\x00"), "photo.csv")


# --- limits and production settings ------------------------------------------------------------------------


@pytest.mark.slow
def test_the_upload_limit_is_20_mb_everywhere():
    """The pages, the refusal message and the upload widget all say 20 MB, meaning 20,000,000 bytes (the widget
    converts and shows megabytes in decimal); Streamlit's own cap (MiB) is just above it, so the server never
    holds much more than the pages accept."""
    assert MAX_UPLOAD_MB == 20 and MAX_UPLOAD_BYTES == 20_000_000
    server_cap = CONFIG["server"]["maxUploadSize"] * 1024 * 1024
    assert MAX_UPLOAD_BYTES <= server_cap < MAX_UPLOAD_BYTES * 1.05
    with pytest.raises(UploadRefused) as refused:
        read_upload(io.BytesIO(b"x" * (MAX_UPLOAD_BYTES + 1)), "big.csv")
    assert "the limit is 20 MB" in str(refused.value)
    with pytest.raises(UploadRefused) as at_limit:  # exactly 20 MB: refused for its rows, not for its size
        read_upload(io.BytesIO(b"a,b\n" + b"1,2\n" * ((MAX_UPLOAD_BYTES - 4) // 4)), "at-limit.csv")
    assert "data rows" in str(at_limit.value)


def test_production_settings_hide_error_details_and_bind_an_address():
    assert CONFIG["client"]["showErrorDetails"] == "none"
    script = (PROJECT_ROOT / "dev.sh").read_text()
    assert '--server.address "${ADDRESS:-127.0.0.1}"' in script
    assert "STREAMLIT_CLIENT_SHOW_ERROR_DETAILS=full" in script  # ./dev.sh dev only


# --- Clear cache from a client -------------------------------------------------------------------------------

CALLS: list[int] = []


@st.cache_data
def counted(value: int) -> int:
    CALLS.append(value)
    return value


def send_clear_cache() -> None:
    session = object.__new__(app_session.AppSession)  # only what the handler touches
    session._session_state = type("State", (), {"clear": lambda self: None})()
    session._state = app_session.AppSessionState.SHUTDOWN_REQUESTED  # nothing to shut down when collected
    session.handle_backmsg(BackMsg(clear_cache=True))


@pytest.fixture
def toolbar_mode():
    before = config.get_option("client.toolbarMode")
    yield lambda mode: config.set_option("client.toolbarMode", mode)
    config.set_option("client.toolbarMode", before)


def test_a_clients_clear_cache_is_ignored_in_public_mode(toolbar_mode, caplog):
    assert install_clear_cache_guard() and install_clear_cache_guard()  # idempotent
    CALLS.clear()
    counted(1)
    toolbar_mode("viewer")
    send_clear_cache()
    counted(1)
    assert CALLS == [1], "a client's Clear cache emptied the shared caches"
    assert "ignored a Clear cache request" in caplog.text
    toolbar_mode("developer")  # ./dev.sh dev: the developer's own button works
    send_clear_cache()
    counted(1)
    assert CALLS == [1, 1]


def test_the_app_installs_the_guard():
    source = (PROJECT_ROOT / "app.py").read_text()
    assert "install_clear_cache_guard()" in source


def test_a_refused_import_leaves_every_cached_result_valid(con):
    """Cached results are keyed on the records revision: a refused file stores nothing, so it must not change the
    revision (that recomputed every page for everyone), while a stored import must."""
    before = revision(con)
    damaged = importer.import_file(con, CODES, "programs", "bad.xlsx", io.BytesIO(damaged_workbook()), "t", TODAY)
    assert damaged.outcome == "refused" and revision(con) == before
    stored = importer.import_file(
        con, CODES, "programs", "programs.csv", io.BytesIO(csv_bytes([program()], "programs")), "t", TODAY
    )
    assert stored.outcome == "imported" and revision(con) != before
