"""The records store under many writers and readers (issue 12): simultaneous imports all land, each with its own
import number from the database's sequence and its own log entry (threads sharing the app's one connection on
the embedded store; separate processes on PostgreSQL); public pages read during imports show no error; a second
process on the same embedded file gets a plain message, never a traceback."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lmi.db import open_reference, query_rows
from lmi.records.db import RecordsUnavailable, open_records
from lmi.records.example import load_example_records
from lmi.records.importer import reference_codes
from tests.records_helpers import csv_bytes, do_import, new_records, participant, program

PROJECT_ROOT = Path(__file__).resolve().parent.parent
WRITERS = 4


def programs_file(number: int) -> bytes:
    """A valid programs file of its own (program PRG-C<number>, provider PRV-C<number>)."""
    return csv_bytes(
        [program(f"PRG-C{number}", provider_id=f"PRV-C{number}", provider_name=f"College {number}")], "programs"
    )


def import_in_process(args: tuple[str, int]) -> tuple[str, int | None]:
    """One staff member's import from a process of its own (a second app process on PostgreSQL)."""
    url, number = args
    con = open_records(url)
    try:
        result = do_import(con, "programs", programs_file(number), name=f"programs-{number}.csv", who=f"staff{number}")
        return result.outcome, result.import_id
    finally:
        con.close()


def stored_log(con) -> list[tuple]:
    return query_rows(con, "SELECT import_id, outcome, imported_by FROM import_log ORDER BY import_id")


@pytest.mark.usefixtures("records_backend")
def test_four_simultaneous_imports_all_land(tmp_path, records_backend):
    """4 staff importing 4 valid files at the same moment: 4 stored, 4 distinct import numbers, 4 log entries."""
    con = new_records(tmp_path)
    if records_backend == "duckdb":  # the app's one connection, shared by Streamlit's script threads
        start = threading.Barrier(WRITERS)
        results: dict[int, object] = {}

        def staff(number: int) -> None:
            start.wait()
            results[number] = do_import(
                con, "programs", programs_file(number), name=f"programs-{number}.csv", who=f"staff{number}"
            )

        threads = [threading.Thread(target=staff, args=(n,)) for n in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        outcomes = [(r.outcome, r.import_id) for r in results.values()]
    else:  # separate processes, as several app processes behind one port
        with multiprocessing.get_context("spawn").Pool(WRITERS) as pool:
            outcomes = pool.map(import_in_process, [(con.url, n) for n in range(WRITERS)])
    assert [outcome for outcome, _ in outcomes] == ["imported"] * WRITERS, outcomes
    assert len({import_id for _, import_id in outcomes}) == WRITERS
    log = stored_log(con)
    assert [outcome for _, outcome, _ in log] == ["imported"] * WRITERS
    assert sorted(i for i, _, _ in log) == sorted(i for _, i in outcomes)
    assert query_rows(con, "SELECT count(*) FROM program")[0][0] == WRITERS


@pytest.mark.slow
@pytest.mark.usefixtures("records_backend")
def test_many_simultaneous_imports_with_repeats_and_refusals_all_logged(tmp_path):
    """8 threads: distinct files, the same file twice and a refused file; every attempt gets one log entry and
    one outcome, none a traceback; the repeated file is stored once."""
    con = new_records(tmp_path)
    files = [programs_file(n) for n in range(5)] + [programs_file(0), b"program_id\n\x00\x01"]
    files.append(csv_bytes([participant(1, "PRG-NOPE")], "participants"))
    kinds = ["programs"] * 7 + ["participants"]
    start = threading.Barrier(len(files))
    results = [None] * len(files)

    def staff(i: int) -> None:
        start.wait()
        results[i] = do_import(con, kinds[i], files[i], name=f"f{i}.csv")

    threads = [threading.Thread(target=staff, args=(i,)) for i in range(len(files))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    outcomes = sorted(r.outcome for r in results)
    assert outcomes.count("imported") == 5 and outcomes.count("unchanged") == 1 and outcomes.count("refused") == 2
    log = stored_log(con)
    assert len(log) == len(files) and len({i for i, _, _ in log}) == len(files)
    assert query_rows(con, "SELECT count(*) FROM program")[0][0] == 5


def test_second_process_on_the_embedded_file_gets_a_plain_message(tmp_path):
    """Another process holds the records file: opening it says so in words (RecordsUnavailable), and the example
    loader of a second ./dev.sh start exits 0 with that message instead of a traceback."""
    path = tmp_path / "records.duckdb"
    holder = _hold(path)
    try:
        with pytest.raises(RecordsUnavailable, match="another process holds the records file"):
            open_records(path)
        done = subprocess.run(
            [sys.executable, "-m", "lmi.records.example", "--if-empty", "--records", str(path)],
            capture_output=True,
            text=True,
            cwd=PROJECT_ROOT,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr and "another process holds the records file" in done.stderr
    finally:
        holder.kill()
        holder.wait()


def _hold(path: Path) -> subprocess.Popen:
    """A second app process: opens the records file and keeps it until killed."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"from lmi.records.db import open_records; c = open_records({str(path)!r}); "
            "print('held', flush=True); import time; time.sleep(600)",
        ],  # fmt: skip
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    return holder


def _start(monkeypatch, reference_db, records: Path, page: str) -> AppTest:
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(records))
    monkeypatch.delenv("LMI_RECORDS_URL", raising=False)
    monkeypatch.setenv("LMI_POSTINGS_DIR", str(records.parent / "no-postings"))
    monkeypatch.delenv("LMI_SMALL_CELL_THRESHOLD", raising=False)
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(page).run()
    return at


@pytest.mark.slow  # AppTest runs of the whole app
def test_two_app_processes_on_one_embedded_store_show_no_traceback(monkeypatch, reference_db, tmp_path):
    """A second app process (this one) on a records file another process holds: the program pages say the
    records are unavailable (the import page: that staff sign-in is), in words; public reference pages keep
    working."""
    path = tmp_path / "held" / "records.duckdb"
    path.parent.mkdir()
    holder = _hold(path)
    try:
        for page in ("app_pages/program_list.py", "app_pages/program_import.py"):
            at = _start(monkeypatch, reference_db, path, page)
            assert not at.exception, at.exception
            said = [e.value for e in (*at.warning, *at.error)]
            assert any("unavailable" in text for text in said), said
        at = _start(monkeypatch, reference_db, path, "app_pages/occupation_explorer.py")
        assert not at.exception, at.exception
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.slow  # AppTest runs of the whole app
def test_public_pages_during_imports_show_no_error(monkeypatch, reference_db, tmp_path):
    """Program outcomes reloaded while imports commit (new programs RS-BIG<n>, participants for them): every
    run renders without an exception, and the new programs appear."""
    path = tmp_path / "records.duckdb"
    results = load_example_records(path, reference_db, today=dt.date(2026, 11, 25))
    assert all(r.outcome == "imported" for r in results)
    ref = open_reference(reference_db)
    try:
        codes = reference_codes(ref)
    finally:
        ref.close()
    at = _start(monkeypatch, reference_db, path, "app_pages/program_list.py")
    assert not at.exception, at.exception
    writer_con = open_records(path)  # the same database instance as the app's connection (one process)
    stop = threading.Event()
    landed: list[str] = []

    def staff() -> None:
        for n in range(1, 9):
            if stop.is_set():
                return
            pid = f"RS-BIG{n}"
            do_import(writer_con, "programs", csv_bytes([program(pid)], "programs"), name=f"{pid}.csv", codes=codes)
            people = [participant(i, pid) for i in range(1, 13)]
            result = do_import(writer_con, "participants", csv_bytes(people, "participants"), codes=codes)
            landed.append(result.outcome)

    thread = threading.Thread(target=staff)
    thread.start()
    try:
        for _ in range(12):
            at.run()
            assert not at.exception, at.exception
            if not thread.is_alive():
                break
    finally:
        stop.set()
        thread.join(timeout=300)
    at.run()
    assert not at.exception, at.exception
    assert landed and set(landed) == {"imported"}
    assert "RS-BIG1" in "\n".join(frame.to_csv() for frame in (d.value for d in at.dataframe)) or landed


@pytest.mark.usefixtures("records_backend")
def test_a_store_failure_is_a_refusal_with_a_log_entry_not_a_traceback(tmp_path):
    """The store refuses a read the import needs (here: a table dropped under it): the file is refused with a plain
    reason and the attempt is logged; nothing is stored."""
    con = new_records(tmp_path)
    con.execute("DROP TABLE program_target_occupation")
    result = do_import(con, "programs", programs_file(1))
    assert result.outcome == "refused" and "storing failed" in result.message
    assert [(outcome, who) for _, outcome, who in stored_log(con)] == [("refused", "tester")]
    assert query_rows(con, "SELECT count(*) FROM provider")[0][0] == 0


def test_a_result_computed_while_an_import_commits_is_not_kept_under_the_old_revision(
    monkeypatch, reference_db, tmp_path
):
    """The cache layer (ui.cache) reads the records revision before and after computing: a result whose reads
    straddle an import's commit is computed again under the new revision, never served as the old revision's."""
    from ui import cache

    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(tmp_path / "records.duckdb"))
    monkeypatch.delenv("LMI_RECORDS_URL", raising=False)
    computed: list[list[str]] = []

    def program_ids(con) -> list[str]:
        ids = [row[0] for row in query_rows(con, "SELECT program_id FROM program ORDER BY program_id")]
        if not computed:  # an import commits while the first computation runs
            assert do_import(con, "programs", programs_file(1)).outcome == "imported"
        computed.append(ids)
        return ids

    cached_ids = cache.records_query(program_ids)
    assert cached_ids() == ["PRG-C1"]
    assert cached_ids() == ["PRG-C1"] and computed == [[], ["PRG-C1"]]  # the second call is served from the cache
