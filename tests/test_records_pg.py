"""The records store on PostgreSQL (``LMI_RECORDS_URL``) is the same store as the embedded one: the same
migrations, the same imports and log, idempotent re-imports, the same suppressed (published) figures, and the
pages run on it. PostgreSQL is the session's local server (``pg_server``, tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lmi.db import query_df, query_rows
from lmi.programs import outcomes, published
from lmi.records import queries
from lmi.records.db import open_records, revision
from lmi.records.example import load_example_records
from lmi.records.pg import translate
from lmi.records.schema import MIGRATIONS

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 25)


def test_duckdb_sql_is_translated_for_postgresql():
    sql, params = translate(
        "SELECT $a, x LIKE '%y' FROM t WHERE d <= e + INTERVAL 1 YEAR AND CAST(v AS DOUBLE) > $b", {"a": 1, "b": 2}
    )
    assert sql == (
        "SELECT %(a)s, x LIKE '%%y' FROM t WHERE d <= e + INTERVAL '1 YEAR' AND CAST(v AS DOUBLE PRECISION) > %(b)s"
    )
    assert params == {"a": 1, "b": 2}
    assert translate("SELECT '%' FROM t", None) == ("SELECT '%' FROM t", None)  # no parameters: % kept
    assert translate("SELECT unnest($ids)", {"ids": []})[0] == "SELECT unnest(CAST(%(ids)s AS text[]))"


@pytest.mark.usefixtures("records_backend")
def test_a_migration_missing_from_a_store_is_applied_whatever_its_number(tmp_path):
    """Migrations are applied by the versions a store lacks, not by "newer than its last": one written beside
    another (accounts, 7; import numbers, 8) reaches a store that already has the later one."""
    from lmi.records.schema import migrate
    from tests.records_helpers import new_records

    con = new_records(tmp_path)
    con.execute("DELETE FROM schema_version WHERE version = $v", {"v": MIGRATIONS[-2][0]})
    assert migrate(con) == MIGRATIONS[-1][0]
    versions = [r[0] for r in query_rows(con, "SELECT version FROM schema_version ORDER BY version")]
    assert versions == [m[0] for m in MIGRATIONS]


@pytest.fixture(scope="module")
def both_stores(pg_server, reference_db, tmp_path_factory):
    """The generated example records loaded into an embedded file and into a PostgreSQL database."""
    embedded_path = tmp_path_factory.mktemp("parity") / "records.duckdb"
    url = pg_server.create_database("parity")
    loaded = {
        "duckdb": load_example_records(embedded_path, reference_db, today=TODAY),
        "postgres": load_example_records(url, reference_db, today=TODAY),
    }
    stores = {"duckdb": open_records(embedded_path), "postgres": open_records(url)}
    yield stores, loaded
    for con in stores.values():
        con.close()


@pytest.mark.slow  # loads the generated examples into both stores (about a minute)
def test_both_stores_have_every_migration(both_stores):
    stores, _ = both_stores
    for con in stores.values():
        assert [r[0] for r in query_rows(con, "SELECT version FROM schema_version ORDER BY version")] == [
            m[0] for m in MIGRATIONS
        ]


@pytest.mark.slow  # loads the generated examples into both stores (about a minute)
def test_the_same_files_land_the_same_way_with_the_same_log(both_stores):
    stores, loaded = both_stores
    summary = {
        backend: [(r.file_name, r.outcome, r.rows_in_file, r.added, r.updated) for r in results]
        for backend, results in loaded.items()
    }
    assert summary["duckdb"] == summary["postgres"]
    assert {outcome for _, outcome, *_ in summary["postgres"]} == {"imported"}
    logs = {
        backend: query_df(
            con,
            "SELECT import_id, import_kind, file_name, file_sha256, rows_added_count, outcome, message "
            "FROM import_log ORDER BY import_id",
        )
        for backend, con in stores.items()
    }
    pd.testing.assert_frame_equal(logs["duckdb"], logs["postgres"], check_dtype=False)
    assert revision(stores["duckdb"]) == revision(stores["postgres"])


@pytest.mark.slow  # loads the generated examples into both stores (about a minute)
def test_programs_and_published_figures_are_the_same(both_stores):
    stores, _ = both_stores
    programs = {backend: queries.programs(con) for backend, con in stores.items()}
    pd.testing.assert_frame_equal(programs["duckdb"], programs["postgres"], check_dtype=False)
    threshold = outcomes.threshold_from_env()
    summaries = {
        backend: outcomes.program_summaries(con, threshold, published.reports(con, threshold))
        for backend, con in stores.items()
    }
    assert len(summaries["postgres"]) == len(programs["postgres"]) > 0
    pd.testing.assert_frame_equal(summaries["duckdb"], summaries["postgres"], check_dtype=False)
    reports = {backend: published.reports(con, threshold) for backend, con in stores.items()}
    assert published.encode(reports["duckdb"][min(reports["duckdb"])]) == published.encode(
        reports["postgres"][min(reports["postgres"])]
    )


@pytest.mark.slow  # loads the generated examples into both stores (about a minute)
def test_reimporting_the_same_files_changes_nothing(both_stores, reference_db, pg_server):
    stores, _ = both_stores
    before = {backend: revision(con)[0] for backend, con in stores.items()}
    again = load_example_records(pg_server.url("parity"), reference_db, today=TODAY)
    assert {r.outcome for r in again} == {"unchanged"}
    assert revision(stores["postgres"])[0] == before["postgres"]


@pytest.mark.slow  # loads the generated examples into both stores (about a minute)
def test_pages_run_on_postgresql(monkeypatch, reference_db, both_stores, pg_server, tmp_path):
    """LMI_RECORDS_URL set: the program pages read the PostgreSQL store (its example programs), no error."""
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_URL", pg_server.url("parity"))
    monkeypatch.setenv("LMI_POSTINGS_DIR", str(tmp_path / "no-postings"))
    monkeypatch.delenv("LMI_SMALL_CELL_THRESHOLD", raising=False)
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    at.run()
    pages = ("program_list", "program_detail", "funding_view", "program_import", "state_projections_import")
    for page in (f"app_pages/{name}.py" for name in pages):
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
    at.switch_page("app_pages/program_list.py").run()
    shown = "\n".join(d.value.to_csv() for d in at.dataframe)
    first = queries.programs(both_stores[0]["postgres"]).program_name.iloc[0]
    assert first in shown
