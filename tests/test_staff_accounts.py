"""Named staff accounts (lmi.records.accounts, ui/staff.py): scrypt hashes with their parameters and salt, a
lockout counted in the records store (so it holds across sessions and processes), every attempt logged without
the password, the account name as "imported by", the management command, and the shared development password
(recorded as such, refused once accounts exist)."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lmi.db import query_rows
from lmi.records import accounts
from lmi.records.db import open_records
from tests.records_helpers import new_records

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "a long enough passphrase"
T0 = datetime(2026, 12, 1, 9, 0, 0)


@pytest.fixture
def con(tmp_path, records_backend):
    """A fresh records store, once on DuckDB and once on PostgreSQL (tests/conftest.py ``records_backend``)."""
    con = new_records(tmp_path)
    yield con
    con.close()


def test_hash_is_scrypt_with_parameters_and_a_salt_of_its_own():
    first, second = accounts.hash_password(PASSWORD), accounts.hash_password(PASSWORD)
    kind, n, r, p, salt, digest = first.split("$")
    assert (kind, int(n), int(r), int(p)) == ("scrypt", 2**14, 8, 1)
    assert first != second and salt != second.split("$")[4]  # a fresh salt each time
    assert PASSWORD not in first
    assert accounts.verify_password(PASSWORD, first) and accounts.verify_password(PASSWORD, second)
    assert not accounts.verify_password(PASSWORD + " ", first)
    assert not accounts.verify_password(PASSWORD, "not a hash") and not accounts.verify_password(PASSWORD, "")


def test_hash_with_other_parameters_still_verifies():
    """Parameters are read from the stored hash, so raising them later keeps old accounts working."""
    import base64
    import hashlib

    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(PASSWORD.encode(), salt=salt, n=2**10, r=8, p=1, dklen=32)
    stored = f"scrypt$1024$8$1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"
    assert accounts.verify_password(PASSWORD, stored)


def test_account_names_and_passwords_are_checked(con):
    with pytest.raises(accounts.AccountError, match="at least 12"):
        accounts.add_account(con, "dana", "short")
    for bad in ("", "-dana", "da na", "dana**", "x" * 65, "[call IT](https://evil.example)"):
        with pytest.raises(accounts.AccountError, match="account name"):
            accounts.add_account(con, bad, PASSWORD)
    assert accounts.add_account(con, " Dana.Lopez ", PASSWORD) == "dana.lopez"
    with pytest.raises(accounts.AccountError, match="exists"):
        accounts.add_account(con, "dana.lopez", PASSWORD)
    [(stored,)] = query_rows(con, "SELECT password_hash FROM staff_account")
    assert stored.startswith("scrypt$") and PASSWORD not in stored


def test_sign_in_logs_every_attempt_without_the_password(con):
    accounts.add_account(con, "dana", PASSWORD, now=T0)
    assert accounts.sign_in(con, "Dana", PASSWORD, now=T0) == accounts.SignIn("dana", accounts.OK)
    assert accounts.sign_in(con, "dana", "guess-1", now=T0).reason == accounts.WRONG_PASSWORD
    assert accounts.sign_in(con, "mallory", "guess-2", now=T0).reason == accounts.UNKNOWN_ACCOUNT
    assert accounts.sign_in(con, "", "x", now=T0).reason == accounts.EMPTY  # nothing tried, nothing logged
    rows = query_rows(
        con, "SELECT account_name, succeeded, reason, attempted_utc FROM staff_sign_in_log ORDER BY attempt_id"
    )
    assert rows == [
        ("dana", True, "ok", T0),
        ("dana", False, "wrong_password", T0),
        ("mallory", False, "unknown_account", T0),
    ]
    everything = " ".join(str(v) for row in query_rows(con, "SELECT * FROM staff_sign_in_log") for v in row)
    assert "guess" not in everything and PASSWORD not in everything


def test_five_failures_lock_the_account_for_fifteen_minutes(con):
    accounts.add_account(con, "dana", PASSWORD, now=T0)
    for minute in range(5):
        result = accounts.sign_in(con, "dana", "wrong", now=T0 + timedelta(minutes=minute))
    last = T0 + timedelta(minutes=4)
    assert result.locked_until == last + timedelta(minutes=15)
    # the right password does not help while locked, and the refusal is logged but does not extend the lock
    assert accounts.sign_in(con, "dana", PASSWORD, now=last + timedelta(minutes=5)).reason == accounts.LOCKED
    assert accounts.locked_until(con, "dana", last + timedelta(minutes=14)) == last + timedelta(minutes=15)
    assert accounts.sign_in(con, "dana", PASSWORD, now=last + timedelta(minutes=15, seconds=1)).succeeded
    # failures spread wider than the window never lock
    for minute in range(0, 50, 10):
        accounts.sign_in(con, "dana", "wrong", now=T0 + timedelta(hours=1, minutes=minute))
    assert accounts.locked_until(con, "dana", T0 + timedelta(hours=1, minutes=41)) is None


def test_unknown_names_lock_too_and_reset_lockout_unlocks(con):
    for _ in range(5):
        accounts.sign_in(con, "ghost", "wrong", now=T0)
    assert accounts.sign_in(con, "ghost", "wrong", now=T0).reason == accounts.LOCKED  # same answer as a real name
    accounts.add_account(con, "dana", PASSWORD, now=T0)
    for _ in range(5):
        accounts.sign_in(con, "dana", "wrong", now=T0)
    assert accounts.locked_until(con, "dana", T0) is not None
    accounts.reset_lockout(con, "dana", now=T0 + timedelta(seconds=1))
    assert accounts.sign_in(con, "dana", PASSWORD, now=T0 + timedelta(seconds=2)).succeeded


def test_disabled_account_cannot_sign_in(con):
    accounts.add_account(con, "dana", PASSWORD, now=T0)
    accounts.set_disabled(con, "dana", True)
    assert not accounts.is_enabled(con, "dana") and not accounts.has_accounts(con)
    assert accounts.sign_in(con, "dana", PASSWORD, now=T0).reason == accounts.DISABLED
    accounts.set_disabled(con, "dana", False)
    assert accounts.sign_in(con, "dana", PASSWORD, now=T0).succeeded


def test_lockout_holds_across_processes(tmp_path):
    """Failures made by another process (another app replica, or a restarted one) count here."""
    path = tmp_path / "records.duckdb"
    con = open_records(path)
    accounts.add_account(con, "dana", PASSWORD)
    con.close()
    script = (
        "import sys; from lmi.records.db import open_records; from lmi.records import accounts\n"
        "con = open_records(sys.argv[1])\n"
        "print([accounts.sign_in(con, 'dana', 'wrong').reason for _ in range(5)])\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(path)], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    con = open_records(path)
    try:
        result = accounts.sign_in(con, "dana", PASSWORD)
        assert result.reason == accounts.LOCKED and result.locked_until is not None
    finally:
        con.close()


def test_shared_password_is_recorded_as_shared_and_counted_under_one_name(con):
    result = accounts.shared_sign_in(con, "  Mallory  [call IT] ", "dev-password", "dev-password", now=T0)
    assert result.account == "Mallory [call IT] (shared password)"
    for name in ("a", "b", "c", "d", "e"):  # a new name per guess does not escape the count
        accounts.shared_sign_in(con, name, "wrong", "dev-password", now=T0 + timedelta(seconds=1))
    later = T0 + timedelta(seconds=2)
    assert accounts.shared_sign_in(con, "f", "dev-password", "dev-password", now=later).reason == accounts.LOCKED


def run_cli(path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lmi.records.accounts", "--records", str(path), *args],
        cwd=PROJECT_ROOT,
        input=stdin,
        capture_output=True,
        text=True,
    )


@pytest.mark.slow
def test_command_adds_lists_disables_and_resets(tmp_path):
    path = tmp_path / "records.duckdb"
    added = run_cli(path, "add", "Dana", "--password-stdin", stdin=PASSWORD + "\n")
    assert added.returncode == 0 and "added dana" in added.stdout, added.stderr
    assert run_cli(path, "add", "dana", "--password-stdin", stdin=PASSWORD + "\n").returncode == 1
    short = run_cli(path, "add", "lee", "--password-stdin", stdin="short\n")
    assert short.returncode == 1 and "at least 12 characters" in short.stderr
    listed = run_cli(path, "list")
    assert listed.returncode == 0 and listed.stdout.startswith("dana\tenabled")
    assert run_cli(path, "disable", "dana").returncode == 0
    assert "dana\tdisabled" in run_cli(path, "list").stdout
    assert run_cli(path, "reset-lockout", "dana").returncode == 0
    missing = run_cli(path, "disable", "nobody")
    assert missing.returncode == 1 and "no such account" in missing.stderr
    assert run_cli(path, "set-password", "dana", "--password-stdin", stdin="another long passphrase\n").returncode == 0
    con = open_records(path)
    try:
        accounts.set_disabled(con, "dana", False)
        assert accounts.sign_in(con, "dana", "another long passphrase").succeeded
    finally:
        con.close()


# --- the sign-in form (AppTest) ----------------------------------------------------------------------------


def start(monkeypatch, reference_db, records: Path, shared_password: str | None = None) -> AppTest:
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(records))
    monkeypatch.setenv("LMI_POSTINGS_DIR", str(records.parent / "no-postings"))
    if shared_password:
        monkeypatch.setenv("LMI_STAFF_PASSWORD", shared_password)
    else:
        monkeypatch.delenv("LMI_STAFF_PASSWORD", raising=False)
    monkeypatch.setattr("ui.staff.FAILURE_DELAY_S", 0.0)
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("app_pages/program_import.py").run()
    assert not at.exception, at.exception
    return at


def submit(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="staff_name").input(name)
    at.text_input(key="staff_password_input").input(password)
    at.button(key="staff_sign_in_submit").click().run()
    assert not at.exception, at.exception
    return at


def shown(at: AppTest) -> str:
    return "\n".join(e.value for kind in ("error", "success", "info", "caption") for e in getattr(at, kind))


@pytest.fixture
def records_with_account(tmp_path) -> Path:
    path = tmp_path / "records.duckdb"
    con = open_records(path)
    accounts.add_account(con, "dana", PASSWORD)
    con.close()
    return path


def test_named_account_signs_in_and_the_shared_password_is_refused(monkeypatch, reference_db, records_with_account):
    at = start(monkeypatch, reference_db, records_with_account, shared_password="dev-password")
    assert [t.label for t in at.text_input][:2] == ["Account name", "Password"]
    submit(at, "dana", "dev-password")  # accounts exist: the shared password is no way in
    assert "Wrong account name or password." in shown(at) and not at.get("file_uploader")
    submit(at, "Dana", PASSWORD)
    assert "Signed in as staff: **dana**" in shown(at) and at.get("file_uploader")
    at.number_input(key="level_year").set_value(2024)  # an entry (refused or not) is logged with its account
    at.selectbox(key="level_stream").select("wioa_adult")
    at.selectbox(key="level_indicator").select("ese_penetration")
    at.text_input(key="level_value").input("150")
    at.text_input(key="level_source").input("a test entry")
    at.button(key="level_submit").click().run()
    assert not at.exception, at.exception
    assert query_rows(open_records_shared(), "SELECT DISTINCT imported_by FROM import_log") == [("dana",)]


def test_lockout_survives_a_new_session(monkeypatch, reference_db, records_with_account):
    """A reload (a new session) does not give five more guesses: the count is in the records store."""
    first = start(monkeypatch, reference_db, records_with_account)
    for _ in range(3):
        submit(first, "dana", "wrong")
    second = start(monkeypatch, reference_db, records_with_account)
    submit(second, "dana", "wrong")
    submit(second, "dana", "wrong")
    assert "it is locked for 15 min" in shown(second)
    third = start(monkeypatch, reference_db, records_with_account)
    submit(third, "dana", PASSWORD)
    assert "locked" in shown(third) and not third.get("file_uploader")


def test_the_session_ends_when_its_account_is_disabled(monkeypatch, reference_db, records_with_account):
    at = submit(start(monkeypatch, reference_db, records_with_account), "dana", PASSWORD)
    assert at.get("file_uploader")
    accounts.set_disabled(open_records_shared(), "dana", True)
    at.run()
    assert not at.get("file_uploader")


def open_records_shared():
    """The app's own records connection (DuckDB lets one process hold a file once)."""
    from ui.cache import records_connection

    return records_connection()


def test_command_says_plainly_when_the_app_holds_the_embedded_file(tmp_path):
    path = tmp_path / "records.duckdb"
    held = open_records(path)  # as a running app process holds it
    try:
        done = run_cli(path, "list")
    finally:
        held.close()
    assert done.returncode == 1 and done.stderr.startswith("error: ") and "Traceback" not in done.stderr


def test_sign_in_says_plainly_when_another_process_holds_the_records(monkeypatch, reference_db, tmp_path):
    """A second app process on the same embedded file: the sign-in says it is unavailable, no traceback."""
    path = tmp_path / "records.duckdb"
    open_records(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, duckdb; c = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(120)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        at = start(monkeypatch, reference_db, path, shared_password="dev-password")
        assert not at.exception
        assert not at.get("file_uploader") and "staff_name" not in [t.key for t in at.text_input]
        words = shown(at) + "\n".join(w.value for w in at.warning)
        assert "unavailable" in words and "Traceback" not in words
    finally:
        holder.kill()
        holder.wait()
