"""Generated example postings from the start command (``python -m lmi.postings example-store --if-empty``):
imported and counted once into an empty store, marked generated example data in the log and in the counts'
description, never again once the store holds an import, and no file left behind."""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import pytest

from lmi.postings.__main__ import main
from lmi.postings.example import GENERATED_SOURCE
from lmi.postings.example_store import EXAMPLE_FILE_NAME, IMPORTED_BY, load_example_postings
from lmi.postings.importer import import_postings
from lmi.postings.store import PostingsStore
from tests.postings_helpers import RULE_ROWS, write_csv

ROWS = 1500


@pytest.fixture()
def store(tmp_path) -> PostingsStore:
    return PostingsStore(tmp_path / "store")


def example_folders() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("lmi-example-postings-*")}


def test_an_empty_store_gets_generated_example_postings_once(ref_con, store):
    before = example_folders()
    loaded = load_example_postings(ref_con, store, rows=ROWS, if_empty=True)
    assert loaded is not None and loaded.result.outcome == "imported", loaded.result.message
    assert 0 < loaded.result.rows_stored <= ROWS and loaded.result.is_generated_example
    [entry] = store.log_entries()
    assert (entry["outcome"], entry["file_name"], entry["imported_by"]) == ("imported", EXAMPLE_FILE_NAME, IMPORTED_BY)
    assert entry["is_generated_example"] is True
    meta = store.aggregate_meta()
    assert meta["includes_generated_example_data"] and meta["generated_example_import_ids"] == [entry["import_id"]]
    assert meta["postings_count"] == loaded.aggregate["postings_count"] > 0
    assert example_folders() <= before  # the generated file was written to a temporary folder and removed

    assert load_example_postings(ref_con, store, rows=ROWS, if_empty=True) is None  # the second call does nothing
    assert len(store.log_entries()) == 1


@pytest.mark.slow
def test_the_same_example_again_changes_nothing(ref_con, store):
    load_example_postings(ref_con, store, rows=ROWS)
    again = load_example_postings(ref_con, store, rows=ROWS)  # without --if-empty: the same seeded file
    assert again.result.outcome == "unchanged" and again.aggregate is None
    assert len(store.stored_imports()) == 1


def test_a_store_with_real_postings_is_left_alone(ref_con, store, tmp_path):
    real = import_postings(write_csv(tmp_path / "job-bank.csv", RULE_ROWS), ref_con, store)
    assert real.outcome == "imported" and not real.is_generated_example
    assert load_example_postings(ref_con, store, rows=ROWS, if_empty=True) is None
    assert [e["file_name"] for e in store.log_entries()] == ["job-bank.csv"]


@pytest.mark.slow
def test_a_refused_attempt_does_not_count_as_an_import(ref_con, store, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert import_postings(empty, ref_con, store).outcome == "refused"
    assert load_example_postings(ref_con, store, rows=ROWS, if_empty=True) is not None
    assert [e["outcome"] for e in store.log_entries()] == ["refused", "imported"]


@pytest.mark.slow
def test_the_command_runs_once(reference_db, store, capsys):
    command = ["--store", str(store.root), "--db", str(reference_db), "example-store", "--if-empty", "--rows", "1200"]
    assert main(command) == 0
    assert "(generated example data)" in capsys.readouterr().err
    assert main(command) == 0
    assert "already holds an import" in capsys.readouterr().err
    [entry] = store.log_entries()
    assert entry["is_generated_example"] and entry["rows_in_file_count"] == 1200
    sources = duckdb.sql(f"SELECT DISTINCT source FROM read_parquet({[str(p) for p in store.postings_files()]})")
    assert sources.fetchall() == [(GENERATED_SOURCE,)]  # every stored row says it is generated example data
