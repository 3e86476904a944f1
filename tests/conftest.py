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


# ---------------------------------------------------------------------------------------------- records backends
# The records suite runs against both stores: the embedded DuckDB file and PostgreSQL (a local server started and
# stopped by the test session itself, on a unix socket in a temporary folder: lmi.records.pg_local). A module opts
# in with ``pytestmark = pytest.mark.usefixtures("records_backend")``; its tests then run once per backend and
# ``tests.records_helpers.new_records`` returns a fresh store of that backend (a new database per call, copied
# from a migrated template). Without Debian's postgresql package the postgres runs are skipped, except under CI
# (CI=true) and in ``./dev.sh test`` (LMI_REQUIRE_POSTGRES=1), where they fail: it installs the package.

PG_TEMPLATE = "records_template"


@pytest.fixture(scope="session")
def pg_server():
    """A local PostgreSQL server for the session, with a migrated records template database."""
    from lmi.records.db import open_records
    from lmi.records.pg_local import LocalPostgres, postgres_available

    if not postgres_available():
        if os.environ.get("CI") or os.environ.get("LMI_REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL is not installed (Debian's postgresql package): the records suite needs it")
        pytest.skip("PostgreSQL is not installed (Debian's postgresql package)")
    server = LocalPostgres().start()
    template = open_records(server.create_database(PG_TEMPLATE))
    template.close()
    yield server
    server.stop()


# The PostgreSQL runs are marked slow: the inner loop (./dev.sh test-fast) runs the records suite on the embedded
# store only; ./dev.sh test and CI run both.
@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.slow)])
def records_backend(request):
    """Which records store the test runs on ("duckdb" or "postgres"); see the section comment."""
    from tests import records_helpers

    if request.param == "duckdb":
        yield "duckdb"
        return
    server = request.getfixturevalue("pg_server")
    from lmi.records.db import open_records

    opened, names = [], []

    def factory(name: str):
        database = f"t{os.getpid()}_{len(names)}_{abs(hash(request.node.nodeid)) % 10**9}"
        names.append(database)
        store = open_records(server.create_database(database, template=PG_TEMPLATE))
        opened.append(store)
        return store

    records_helpers.STORE_FACTORY = factory
    try:
        yield "postgres"
    finally:
        records_helpers.STORE_FACTORY = None
        for store in opened:
            store.close()
        for database in names:
            server.drop_database(database)
