"""Shared fixtures. The reference database is built once per test session from the shipped
snapshot (real data, a few seconds), into a temporary folder: tests never touch var/."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, settings

from etl.build import build_database

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Hypothesis: a quick profile for the inner loop, a thorough one in CI (CI=true) or on request
# (HYPOTHESIS_PROFILE=thorough). Tests set no example counts of their own, so the profile decides.
_SLOW_DATA = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("quick", max_examples=20, deadline=None, suppress_health_check=_SLOW_DATA)
settings.register_profile("thorough", max_examples=200, deadline=None, suppress_health_check=_SLOW_DATA)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("thorough" if os.environ.get("CI") else "quick"))


@pytest.fixture(scope="session", autouse=True)
def records_store_outside_the_project(tmp_path_factory):
    """Pages read states' imported projections from the records store; tests that do not choose one get
    an empty store in a temporary folder, so no test creates var/records.duckdb."""
    if "LMI_RECORDS_DB" not in os.environ:
        os.environ["LMI_RECORDS_DB"] = str(tmp_path_factory.mktemp("records") / "records.duckdb")


@pytest.fixture(scope="session", autouse=True)
def postings_store_outside_the_project(tmp_path_factory):
    """``./dev.sh start`` fills var/postings with generated example postings; tests that do not choose a
    postings store get an empty one in a temporary folder, so no page test reads (or writes) var/postings."""
    if "LMI_POSTINGS_DIR" not in os.environ:
        os.environ["LMI_POSTINGS_DIR"] = str(tmp_path_factory.mktemp("postings"))


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
