"""Shared fixtures. The reference database is built once per test session from the shipped
snapshot (real data, a few seconds), into a temporary folder: tests never touch var/."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl.build import build_database

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def reference_db(tmp_path_factory) -> Path:
    """Path of a reference database built from data/snapshot for this test session."""
    path = tmp_path_factory.mktemp("reference") / "lmi.duckdb"
    build_database(path, progress=lambda message: None)
    return path


@pytest.fixture(scope="session")
def ref_con(reference_db):
    """A read-only connection to the session's reference database."""
    con = duckdb.connect(str(reference_db), read_only=True)
    yield con
    con.close()
