"""The records database: versioned migrations, its own file that the ETL never touches, the generated
example data (labelled, seeded, valid), and the privacy boundary between pages and participant rows."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import duckdb

from lmi.records import example
from lmi.records.db import open_records, records_db_path, revision
from lmi.records.schema import MIGRATIONS, RECORD_TABLES, migrate, schema_version

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def test_migrations_run_once_and_record_their_version(tmp_path):
    path = tmp_path / "records.duckdb"
    con = open_records(path)
    assert schema_version(con) == MIGRATIONS[-1][0]
    assert migrate(con) == MIGRATIONS[-1][0]  # a second run changes nothing
    assert con.execute("SELECT count(*) FROM schema_version").fetchall()[0][0] == len(MIGRATIONS)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert set(RECORD_TABLES) | {"import_log", "schema_version"} <= tables
    con.close()


def test_records_path_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("LMI_RECORDS_DB", str(tmp_path / "x.duckdb"))
    assert records_db_path() == tmp_path / "x.duckdb"
    monkeypatch.delenv("LMI_RECORDS_DB")
    assert records_db_path() == PROJECT_ROOT / "var" / "records.duckdb"


def test_the_etl_never_opens_the_records_database():
    for path in (PROJECT_ROOT / "etl").rglob("*.py"):
        text = path.read_text()
        assert "LMI_RECORDS_DB" not in text and "lmi.records" not in text and "records.duckdb" not in text, path


def test_pages_and_ui_never_touch_participant_rows():
    for folder in ("pages", "ui"):
        for path in (PROJECT_ROOT / folder).glob("*.py"):
            text = path.read_text()
            assert "_outcome_counts" not in text, path
            assert not re.search(r"FROM\s+participant", text, re.IGNORECASE), path


def test_generated_example_data_is_valid_labelled_and_seeded(tmp_path, reference_db):
    path = tmp_path / "records.duckdb"
    today = dt.date(2026, 11, 25)
    results = example.load_example_records(path, reference_db, today=today)
    assert [r.outcome for r in results] == ["imported", "imported", "imported"], [r.issues[:3] for r in results]
    con = duckdb.connect(str(path), read_only=True)
    try:
        for table in ("provider", "program", "participant", "employer_partner"):
            flags = con.execute(f"SELECT bool_and(is_generated_example), count(*) FROM {table}").fetchall()[0]
            assert flags[0] and flags[1] > 0, table
        names = [r[0] for r in con.execute("SELECT provider_name FROM provider").fetchall()]
        assert all(name.startswith(example.PROVIDER_PREFIX) for name in names)
        assert con.execute("SELECT bool_and(is_generated_example) FROM import_log").fetchall()[0][0]
    finally:
        con.close()
    again = example.load_example_records(path, reference_db, today=today, only_if_empty=True)
    assert again == []
    assert example.participant_rows(today) == example.participant_rows(today)  # seeded


def test_example_follow_up_a_year_later_only_fills_blanks(tmp_path, reference_db):
    path = tmp_path / "records.duckdb"
    example.load_example_records(path, reference_db, today=dt.date(2025, 11, 1))
    later = example.load_example_records(path, reference_db, today=dt.date(2026, 11, 1))
    participants = later[1]
    assert participants.outcome == "imported" and participants.updated > 0 and participants.added > 0


def test_revision_changes_with_each_stored_import(tmp_path, reference_db):
    path = tmp_path / "records.duckdb"
    con = open_records(path)
    before = revision(con)
    con.close()
    example.load_example_records(path, reference_db, today=dt.date(2026, 11, 25))
    con = open_records(path)
    assert revision(con) != before
    con.close()
