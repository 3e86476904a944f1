"""The app keeps serving while the ETL rebuilds, and picks up the new database after the swap."""

from __future__ import annotations

import shutil

import pytest

from etl.build import build_database
from lmi.db import query_rows
from ui import cache, data


def build_id(con) -> str:
    return query_rows(con, "SELECT build_id FROM meta_build")[0][0]


@pytest.mark.slow
def test_rebuild_while_app_reads_then_app_reopens_the_new_file(reference_db, tmp_path, monkeypatch):
    path = tmp_path / "lmi.duckdb"
    shutil.copy(reference_db, path)
    monkeypatch.setenv("LMI_REFERENCE_DB", str(path))
    cache._reference_connection.clear()
    before = data.connection()
    old_build = build_id(before)

    build_database(path, progress=lambda message: None)  # the app's read-only connection stays open

    assert build_id(before) == old_build  # the open connection still reads the file it opened
    after = data.connection()
    assert after is not before
    assert build_id(after) != old_build
    assert query_rows(after, "SELECT count(*) FROM core_oews_estimate")[0][0] > 200_000
    cache._reference_connection.clear()
