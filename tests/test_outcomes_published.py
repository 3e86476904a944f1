"""Published outcome tables: what suppression publishes for the co-op example program (its Q2 employment rate
among them), and their storage once per import in the records store (``lmi.programs.published``): computed
after every import that stores something, read back equal to the computed tables, never served when made
from other records, another threshold or another method, and holding only published figures."""

from __future__ import annotations

import datetime as dt
import inspect
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from lmi.i18n import use_language
from lmi.programs import outcomes, published
from lmi.programs.suppression import suppress_breakdown
from lmi.records.db import open_records
from lmi.records.example import load_example_records
from lmi.records.schema import MIGRATIONS
from tests.records_helpers import csv_bytes, do_import, new_records, participant, program

pytestmark = pytest.mark.usefixtures("records_backend")  # every test on DuckDB and PostgreSQL

COOP = "EX-CNC-COOP"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def example_store(reference_db, tmp_path_factory):
    """The generated example records, loaded through the ordinary importer (which stores the tables)."""
    path = tmp_path_factory.mktemp("records") / "records.duckdb"
    results = load_example_records(path, reference_db, today=dt.date(2026, 11, 25))
    assert all(r.outcome == "imported" for r in results)
    return path


@pytest.fixture
def con(tmp_path):
    con = new_records(tmp_path)
    yield con
    con.close()


def load(con, participants: list[dict]) -> None:
    assert do_import(con, "programs", csv_bytes([program()], "programs")).outcome == "imported"
    result = do_import(con, "participants", csv_bytes(participants, "participants"))
    assert result.outcome == "imported", result.issues


def cohort(n: int = 40) -> list[dict]:
    """n exiters, a few of them without each outcome, every other one female."""
    return [
        participant(
            i,
            completed="no" if i < 3 else "yes",
            employed_q2="no" if i % 10 == 0 else "yes",
            earnings_q2_usd="" if i % 10 == 0 else str(1000 + 10 * i),
            training_related_employment="" if i % 10 == 0 else "yes",
            sex="female" if i % 2 else "male",
        )
        for i in range(n)
    ]


def stored_rows(con) -> list[tuple]:
    return con.execute(
        f"SELECT program_id, small_cell_threshold, records_revision, method_version FROM {published.TABLE}"
    ).fetchall()


def assert_same_report(a: outcomes.ProgramReport, b: outcomes.ProgramReport) -> None:
    assert (a.program_id, a.credential_indicator, a.threshold) == (b.program_id, b.credential_indicator, b.threshold)
    assert a.overall.keys() == b.overall.keys()
    for key, value in a.overall.items():
        assert (pd.isna(value) and pd.isna(b.overall[key])) or value == b.overall[key], key
    for name in [*a.breakdowns, "cohort"]:
        left = a.by_cohort if name == "cohort" else a.breakdowns[name]
        right = b.by_cohort if name == "cohort" else b.breakdowns[name]
        for part in ("table", "hidden", "reasons"):
            pd.testing.assert_frame_equal(getattr(left, part), getattr(right, part))
        assert left.total.keys() == right.total.keys()
    for name, frame in a.medians.items():
        pd.testing.assert_frame_equal(frame, b.medians[name])


# ------------------------------------------------------------------------------------------------ what is published


def test_the_coop_example_program_publishes_its_q2_employment_rate(example_store):
    """The issue's case: a co-op program with over a hundred exiters, most of them employed, publishes its
    employment rate in the 2nd quarter after exit, completion rate, median earnings and placement rate,
    with every table's All row the same published figures."""
    con = open_records(example_store)
    try:
        report = published.report(con, COOP, outcomes.threshold_from_env())
    finally:
        con.close()
    overall = report.overall
    assert overall["exiters_count"] >= 100
    for figure in ("employed_q2_count_rate", "completed_count_rate", "earnings_q2_median_usd", "placement_rate"):
        assert not pd.isna(overall[figure]), figure
    assert overall["employed_q2_count_rate"] == overall["employed_q2_count"] / overall["exiters_count"]
    assert overall["employed_q2_count_rate"] >= overall["placement_rate"]  # a placement is an employed completer
    for table in [*report.breakdowns.values(), report.by_cohort]:
        assert table.table["employed_q2_count_rate"].iloc[-1] == overall["employed_q2_count_rate"]
    shown_cohorts = report.by_cohort.table.iloc[:-1]
    assert shown_cohorts["employed_q2_count_rate"].notna().sum() >= 2  # most cohorts are not small


def test_reasons_are_plain_words(example_store):
    con = open_records(example_store)
    try:
        reports = published.reports(con, outcomes.threshold_from_env())
    finally:
        con.close()
    reasons = {
        r
        for report in reports.values()
        for table in [*report.breakdowns.values(), report.by_cohort]
        for r in table.reasons.to_numpy().ravel()
        if r
    }
    assert any("people who exited" in r for r in reasons)
    internal = [outcomes.DENOMINATOR, *outcomes.NUMERATORS, "complementary", "_count", "_rate"]
    assert not [r for r in reasons if any(name in r for name in internal)]
    assert set(outcomes.COUNT_WORDS) >= {outcomes.DENOMINATOR, *outcomes.NUMERATORS}


def test_stored_tables_hold_no_words_of_one_language_and_read_in_either(example_store):
    """An import made by a Spanish reader stores the same tables as an English one: reasons as message ids and
    values; each reader gets them in their own language."""
    con = open_records(example_store)
    try:
        threshold = outcomes.threshold_from_env()
        with use_language("es"):
            published.store_all(con, threshold)
            spanish = published.report(con, COOP, threshold)
            spanish_reasons = {r for t in spanish.breakdowns.values() for r in t.reasons.to_numpy().ravel() if r}
        stored = " ".join(text for (text,) in con.execute(f"SELECT report_json FROM {published.TABLE}").fetchall())
        english = published.report(con, COOP, threshold)
    finally:
        con.close()
    assert "people who exited" in stored and "personas" not in stored and "fewer than {t}" in stored
    english_reasons = {r for t in english.breakdowns.values() for r in t.reasons.to_numpy().ravel() if r}
    assert any(r.startswith("fewer than") for r in english_reasons)
    assert any(r.startswith("menos de") for r in spanish_reasons)
    assert not [r for r in spanish_reasons if "fewer than" in r or "hidden" in r]
    assert len(spanish_reasons) == len(english_reasons)


def test_a_program_total_is_published_next_to_a_small_group():
    """Figures about many people are published even when some of their groups are small: the small group
    and one partner are hidden, the program's total and the other groups are not."""
    frame = pd.DataFrame(
        {
            "group": ["female", "male", "not_reported"],
            "exiters_count": [51, 55, 2],
            "completed_count": [49, 53, 2],
            "employed_q2_count": [48, 49, 2],
        }
    )
    result = suppress_breakdown(
        frame,
        "group",
        "exiters_count",
        ["completed_count", "employed_q2_count"],
        10,
        total_published=True,
        labels=outcomes.COUNT_WORDS,
    )
    assert result.total["employed_q2_count"] == 99 and result.total["completed_count"] == 104
    male = result.table.iloc[1]
    assert male.exiters_count == 55 and male.employed_q2_count == 49
    assert result.hidden.iloc[2].drop("group").all()  # the group of 2
    assert result.reasons.exiters_count.iloc[2] == "fewer than 10 people in this group"


# ------------------------------------------------------------------------------------------------ stored once per import


def test_an_import_stores_every_programs_published_tables(con):
    load(con, cohort())
    revision = published.records_revision(con)
    assert stored_rows(con) == [("PRG-1", outcomes.threshold_from_env(), revision, published.METHOD_VERSION)]
    stored = published.reports(con, 10)
    assert_same_report(stored["PRG-1"], outcomes.program_reports(con, 10)["PRG-1"])


def test_stored_tables_hold_only_published_figures(con):
    load(con, cohort())
    [(text,)] = con.execute(f"SELECT report_json FROM {published.TABLE}").fetchall()
    assert "P-0" not in text  # no participant identifier
    report = published.decode(text)
    for table in [*report.breakdowns.values(), report.by_cohort]:
        for column in table.table.columns[1:]:
            hidden = table.hidden[column]
            assert table.table[column][hidden].isna().all(), column  # a hidden figure is not stored


def test_tables_made_from_other_records_are_not_served(con):
    load(con, cohort())
    con.execute(f"UPDATE {published.TABLE} SET records_revision = -1, report_json = 'not read'")
    report = published.report(con, "PRG-1", 10)  # recomputed and stored again
    assert report.overall["exiters_count"] == 40
    assert stored_rows(con)[0][2] == published.records_revision(con)


def test_tables_made_by_another_method_are_not_served(con):
    load(con, cohort())
    con.execute(f"UPDATE {published.TABLE} SET method_version = 'older', report_json = 'not read'")
    assert published.report(con, "PRG-1", 10).overall["exiters_count"] == 40
    assert stored_rows(con)[0][3] == published.METHOD_VERSION


def test_each_threshold_has_its_own_tables(con):
    load(con, cohort())
    strict = published.report(con, "PRG-1", 37)
    assert pd.isna(strict.overall["employed_q2_count"])  # 36 employed: fewer than 37
    assert not pd.isna(published.report(con, "PRG-1", 10).overall["employed_q2_count"])
    assert sorted(r[1] for r in stored_rows(con)) == [10, 37]


def test_a_refused_import_changes_nothing_stored(con):
    load(con, cohort())
    before = stored_rows(con)
    bad = csv_bytes([participant(99, exit_date="not a date")], "participants")
    assert do_import(con, "participants", bad).outcome == "refused"
    assert stored_rows(con) == before
    assert published.reports(con, 10)["PRG-1"].overall["exiters_count"] == 40


def test_a_later_import_replaces_the_stored_tables(con):
    load(con, cohort())
    more = csv_bytes([participant(100 + i) for i in range(10)], "participants", None)
    assert do_import(con, "participants", more, name="more.csv").outcome == "imported"
    [row] = stored_rows(con)
    assert row[2] == published.records_revision(con)
    assert published.report(con, "PRG-1", 10).overall["exiters_count"] == 50


def test_a_store_from_before_migration_5_gets_its_tables_on_first_read(tmp_path):
    """A records file made before the published tables existed: opening it adds the table, and the first
    read computes and stores every program's tables."""
    path = tmp_path / "old.duckdb"
    con = open_records(path)
    load(con, cohort())
    con.execute(f"DROP TABLE {published.TABLE}")
    con.execute("DELETE FROM schema_version WHERE version >= 5")
    con.close()
    con = open_records(path)
    try:
        assert con.execute("SELECT max(version) FROM schema_version").fetchall()[0][0] == MIGRATIONS[-1][0]
        assert stored_rows(con) == []
        assert published.report(con, "PRG-1", 10).overall["exiters_count"] == 40
        assert len(stored_rows(con)) == 1
    finally:
        con.close()


def test_unknown_program_is_a_lookup_error(con):
    load(con, cohort())
    with pytest.raises(LookupError, match="NOPE"):
        published.report(con, "NOPE", 10)


def test_a_read_only_store_is_served_from_memory(tmp_path):
    path = tmp_path / "records.duckdb"
    con = open_records(path)
    load(con, cohort())
    con.execute(f"DELETE FROM {published.TABLE}")
    con.close()
    read_only = duckdb.connect(str(path), read_only=True)
    try:
        assert published.report(read_only, "PRG-1", 10).overall["exiters_count"] == 40
    finally:
        read_only.close()


def test_stored_values_only_rebuild_types_of_the_programs_package(con):
    load(con, cohort())
    text = published.encode(outcomes.program_report(con, "PRG-1", 10))
    assert published.decode(text).program_id == "PRG-1"
    with pytest.raises(ValueError, match="refusing"):
        published.decode(text.replace("lmi.programs.outcomes:ProgramReport", "subprocess:Popen"))


def test_published_module_never_names_participant_rows():
    assert "participant_id" not in inspect.getsource(published)


# ------------------------------------------------------------------------------------------------ on the page


def test_program_detail_shows_the_coop_programs_q2_employment_rate(monkeypatch, reference_db, example_store):
    """Program detail, as the public sees it: the co-op program's employment rate in the 2nd quarter after
    exit is a percentage, read from the tables the import stored."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(example_store))
    monkeypatch.delenv("LMI_SMALL_CELL_THRESHOLD", raising=False)
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120).run()
    at.switch_page("app_pages/program_detail.py").run()
    at.selectbox(key="program_picker").select(COOP).run()
    assert not at.exception, at.exception
    metrics = {m.label: str(m.value) for m in at.metric}
    rate = metrics["Employment rate, 2nd quarter after exit"]
    assert rate.endswith("%") and rate != "suppressed", rate
    assert metrics["Placement rate (of exiters)"].endswith("%")
    expanders = "\n".join(e.value for e in at.markdown)
    assert "exiters_count" not in expanders and "complementary" not in expanders
