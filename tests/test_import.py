"""Imports of program records: templates, every bad row and column reported, all or nothing,
idempotent re-imports, follow-up, the import log, size and type refusals before parsing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from lmi.i18n import use_language
from lmi.records import importer, queries, vocab
from lmi.records.importer import reference_codes
from lmi.records.parse import MAX_UPLOAD_BYTES
from lmi.records.schema import RECORD_TABLES
from lmi.records.template import (
    SERVICE_QUESTIONS,
    TEMPLATES,
    column_docs,
    column_docs_headers,
    template_csv,
    template_xlsx,
)
from tests.records_helpers import CODES, TODAY, csv_bytes, do_import, new_records, participant, program, table_counts

pytestmark = pytest.mark.usefixtures("records_backend")  # every test on DuckDB and PostgreSQL


@pytest.fixture
def con(tmp_path):
    con = new_records(tmp_path)
    yield con
    con.close()


def issues_at(result) -> set[tuple]:
    return {(i.row, i.column) for i in result.issues}


def log_rows(con) -> list[tuple]:
    return con.execute(
        "SELECT import_id, imported_by, import_kind, file_name, file_sha256, rows_in_file_count, "
        "rows_added_count, outcome FROM import_log ORDER BY import_id"
    ).fetchall()


def with_programs(con, *programs) -> None:
    assert do_import(con, "programs", csv_bytes(list(programs) or [program()], "programs")).outcome == "imported"


# ------------------------------------------------------------------------------------------- templates


@pytest.mark.parametrize("kind", list(TEMPLATES))
def test_templates_are_the_validated_columns(kind):
    header = template_csv(kind).decode().strip().split(",")
    assert header == TEMPLATES[kind].column_names
    book = load_workbook(io.BytesIO(template_xlsx(kind)))
    assert [c.value for c in book[kind][1]] == header
    assert list(column_docs(kind).column) == header


def test_empty_template_is_refused_as_having_no_rows(con):
    result = do_import(con, "programs", template_csv("programs"))
    assert result.outcome == "refused" and "no data rows" in result.issues[0].message


# ------------------------------------------------------------------------------------------- good files


def test_programs_then_participants_are_stored_and_logged(con):
    result = do_import(
        con,
        "programs",
        csv_bytes([program("A"), program("B", target_soc_codes="51-4121;47-2111")], "programs"),
        name="programs.csv",
        who="Dana",
    )
    assert (result.outcome, result.added) == ("imported", 2)
    result = do_import(con, "participants", csv_bytes([participant(i, "A") for i in range(12)], "participants"))
    assert (result.outcome, result.added) == ("imported", 12)
    assert table_counts(con) == {
        "provider": 1,
        "program": 2,
        "program_target_occupation": 3,
        "participant": 12,
        "employer_partner": 0,
    }
    log = log_rows(con)
    assert [(r[1], r[2], r[5], r[6], r[7]) for r in log] == [
        ("Dana", "programs", 2, 2, "imported"),
        ("tester", "participants", 12, 12, "imported"),
    ]
    assert len(log[0][4]) == 64  # SHA-256 of the file


def test_reimporting_the_same_file_changes_nothing(con):
    data = csv_bytes([program()], "programs")
    do_import(con, "programs", data)
    before = table_counts(con)
    again = do_import(con, "programs", data)
    assert again.outcome == "unchanged" and "already imported" in again.message
    renamed = do_import(con, "programs", data + b"\n", name="copy of programs.csv")  # same rows, another file
    assert renamed.outcome == "unchanged" and renamed.unchanged == 1
    assert table_counts(con) == before


def test_xlsx_with_date_cells_imports(con):
    with_programs(con)
    book = Workbook()
    sheet = book.active
    sheet.title = "participants"
    columns = TEMPLATES["participants"].column_names
    sheet.append(columns)
    import datetime as dt

    for i in range(3):
        row = participant(i)
        row.update(
            enrollment_date=dt.datetime(2023, 9, 1),
            exit_date=dt.date(2024, 3, 15),
            credential_date=dt.datetime(2024, 4, 1),
            earnings_q2_usd=10000.0,
        )
        sheet.append([row[c] for c in columns])
    out = io.BytesIO()
    book.save(out)
    result = do_import(con, "participants", out.getvalue(), name="participants.xlsx")
    assert result.outcome == "imported", result.issues
    assert con.execute("SELECT min(exit_date) FROM participant").fetchall()[0][0].isoformat() == "2024-03-15"


def test_follow_up_fills_blanks_but_never_changes_a_recorded_value(con):
    with_programs(con)
    enrolled = participant(
        1,
        exit_date="",
        completed="",
        credential_attained="",
        credential_date="",
        employed_q2="",
        employed_q4="",
        earnings_q2_usd="",
        training_related_employment="",
    )
    do_import(con, "participants", csv_bytes([enrolled], "participants"))
    result = do_import(con, "participants", csv_bytes([participant(1)], "participants"))
    assert (result.outcome, result.updated) == ("imported", 1)
    assert con.execute("SELECT employed_q4 FROM participant").fetchall() == [(True,)]
    changed = do_import(con, "participants", csv_bytes([participant(1, employed_q4="no")], "participants"))
    assert changed.outcome == "refused"
    assert "duplicate participant" in changed.issues[0].message and changed.issues[0].column == "employed_q4"


# ------------------------------------------------------------------------------------------- bad files


def test_wrong_columns_are_named(con):
    data = b"program_id,participant,enrolled_on\nPRG-1,P1,2024-01-01\n"
    result = do_import(con, "participants", data)
    assert result.outcome == "refused"
    text = " ".join(i.message for i in result.issues)
    assert "required column(s) missing: participant_id, enrollment_date" in text
    assert {i.column for i in result.issues if i.column} == {"participant", "enrolled_on"}
    assert table_counts(con) == dict.fromkeys(RECORD_TABLES, 0)


def test_every_bad_row_and_column_is_reported(con):
    with_programs(con)
    rows = [
        participant(1, enrollment_date="2024-13-01"),  # not a date
        participant(2, enrollment_date="03/01/2024"),  # not ISO
        participant(3, exit_date="2023-01-01"),  # exit before enrollment
        participant(4, sex="unknown", completed="maybe"),  # two bad cells in one row
        participant(5, participant_id="123-45-6789"),  # shaped like an SSN
        participant(6, employed_q4="yes", exit_date="2026-06-30", enrollment_date="2026-01-05"),  # quarter not over
        participant(7, earnings_q2_usd="-5"),
        participant(8),
    ]
    result = do_import(con, "participants", csv_bytes(rows, "participants"))
    assert result.outcome == "refused"
    assert {
        (2, "enrollment_date"),
        (3, "enrollment_date"),
        (4, "exit_date"),
        (5, "sex"),
        (5, "completed"),
        (6, "participant_id"),
        (7, "employed_q4"),
        (8, "earnings_q2_usd"),
    } <= issues_at(result)
    messages = {(i.row, i.column): i.message for i in result.issues}
    assert "before enrollment" in messages[(4, "exit_date")]
    assert "YYYY-MM-DD" in messages[(3, "enrollment_date")]
    assert "Social Security" in messages[(6, "participant_id")]
    assert "has not ended yet" in messages[(7, "employed_q4")]
    assert (9, None) not in issues_at(result)
    assert table_counts(con)["participant"] == 0


def test_unknown_cip_soc_and_area_codes_are_refused_by_row_and_column(con):
    rows = [
        program("A", cip_code="99.9999"),
        program("B", target_soc_codes="51-4121;11-9999"),
        program("C", region_area_code="1234567"),
        program("D", cip_code="480508"),
    ]
    result = do_import(con, "programs", csv_bytes(rows, "programs"))
    assert {(2, "cip_code"), (3, "target_soc_codes"), (4, "region_area_code"), (5, "cip_code")} == issues_at(result)
    messages = " ".join(i.message for i in result.issues)
    assert "unknown CIP code 99.9999" in messages and "unknown occupation code(s): 11-9999" in messages
    assert table_counts(con)["program"] == 0


# ------------------------------------------------------------------------------------------- occupation codes


@pytest.fixture(scope="module")
def real_codes(ref_con):
    """The codes of the real reference database (every code BLS publishes, the O*NET-SOC crosswalk)."""
    return reference_codes(ref_con)


@pytest.mark.parametrize(
    "given, bls",
    [
        ("31-1121", "31-1120"),
        ("31-1121.00", "31-1120"),
        ("31-1120", "31-1120"),
        ("13-1020", "13-1020"),
        ("29-2010", "29-2010"),
        ("29-2099", "29-2099"),
        ("13-1022", "13-1020"),
        ("29-2011.01", "29-2010"),
    ],
)
def test_a_program_may_target_any_code_bls_publishes_or_a_code_inside_one(con, real_codes, given, bls):
    result = do_import(con, "programs", csv_bytes([program(target_soc_codes=given)], "programs"), codes=real_codes)
    assert result.outcome == "imported", result.issues
    assert con.execute("SELECT soc_code FROM program_target_occupation").fetchall() == [(given,)]  # kept as given
    assert real_codes.occupations.resolve(given).bls_soc_code == bls
    assert (f"{given} → {bls}" in result.message) == (given != bls)


def test_targets_that_share_a_bls_code_are_all_kept(con, real_codes):
    row = program(target_soc_codes="31-1122.00; 31-1121;31-1120;31-1121")
    result = do_import(con, "programs", csv_bytes([row], "programs"), codes=real_codes)
    assert result.outcome == "imported", result.issues
    stored = [r[0] for r in con.execute("SELECT soc_code FROM program_target_occupation ORDER BY soc_code").fetchall()]
    assert stored == ["31-1120", "31-1121", "31-1122.00"]
    assert "31-1121 → 31-1120, 31-1122.00 → 31-1120" in result.message
    again = do_import(con, "programs", csv_bytes([row], "programs") + b"\n", codes=real_codes)
    assert again.outcome == "unchanged"


def test_unknown_occupation_codes_are_refused_with_row_and_column(con, real_codes):
    rows = [
        program("A", target_soc_codes="31-1121"),
        program("B", target_soc_codes="31-1121;99-9999"),
        program("C", target_soc_codes="31-1121.77"),
        program("D", target_soc_codes="home health aide"),
        program("E", target_soc_codes="31-1100"),
        program("F", target_soc_codes="31-1121, 31-1122"),
    ]
    result = do_import(con, "programs", csv_bytes(rows, "programs"), codes=real_codes)
    assert result.outcome == "refused"
    assert issues_at(result) == {
        (3, "target_soc_codes"),
        (4, "target_soc_codes"),
        (5, "target_soc_codes"),
        (6, "target_soc_codes"),
        (7, "target_soc_codes"),
    }
    messages = {i.row: i.message for i in result.issues}
    assert "99-9999 is not a code BLS publishes numbers for" in messages[3] and "31-1121," not in messages[3]
    assert "31-1121.77 is not a code BLS publishes numbers for" in messages[4]
    assert "NN-NNNN" in messages[5] and "separated by ';'" in messages[7]
    assert "31-1100 is not a code BLS publishes numbers for" in messages[6]  # a SOC minor group: BLS has no such code
    assert table_counts(con) == dict.fromkeys(RECORD_TABLES, 0)  # program A was not stored either
    assert log_rows(con)[-1][7] == "refused"


def test_duplicate_participants_in_the_file_and_against_stored_records(con):
    with_programs(con)
    result = do_import(con, "participants", csv_bytes([participant(1), participant(2), participant(1)], "participants"))
    assert result.outcome == "refused"
    assert result.issues[0].row == 4 and "same program_id and participant_id as row 2" in result.issues[0].message
    do_import(con, "participants", csv_bytes([participant(1)], "participants"))
    clash = do_import(
        con, "participants", csv_bytes([participant(2), participant(1, enrollment_date="2023-10-01")], "participants")
    )
    assert clash.outcome == "refused" and clash.issues[0].row == 3
    assert "already stored" in clash.issues[0].message
    assert table_counts(con)["participant"] == 1  # participant 2 was not stored either


def test_participants_of_unknown_programs_and_mismatched_example_flags(con):
    with_programs(con)
    result = do_import(
        con,
        "participants",
        csv_bytes([participant(1, "NOPE"), participant(2, is_generated_example="yes")], "participants"),
    )
    assert issues_at(result) == {(2, "program_id"), (3, "is_generated_example")}


def test_work_experience_hours(con):
    rows = [
        program("W1", program_type="work_experience", work_experience_hours=""),
        program("W2", program_type="work_experience", work_experience_hours="1200"),
        program("C1", work_experience_hours="160"),
        program("W3", program_type="work_experience", work_experience_hours="160"),
    ]
    result = do_import(con, "programs", csv_bytes(rows, "programs"))
    assert issues_at(result) == {
        (2, "work_experience_hours"),
        (3, "work_experience_hours"),
        (4, "work_experience_hours"),
    }


def test_a_failure_while_storing_rolls_everything_back(con, monkeypatch):
    with_programs(con)
    real = importer._insert_rows

    def fail_on_participants(cursor, table, rows, import_id):
        if table == "participant":
            cursor.execute("INSERT INTO participant (program_id) VALUES ('boom')")  # violates NOT NULL
        return real(cursor, table, rows, import_id)

    monkeypatch.setattr(importer, "_insert_rows", fail_on_participants)
    result = do_import(con, "participants", csv_bytes([participant(i) for i in range(5)], "participants"))
    assert result.outcome == "refused" and "rolled back" in result.issues[0].message
    assert table_counts(con)["participant"] == 0
    assert [r[7] for r in log_rows(con)] == ["imported", "refused"]  # the attempt is logged, nothing stored


# ------------------------------------------------------------------------------------------- size and type


class CountingFile(io.FileIO):
    """A real file that counts the bytes read from it."""

    def __init__(self, path) -> None:
        super().__init__(path, "rb")
        self.bytes_read = 0

    def read(self, size=-1):
        data = super().read(size)
        self.bytes_read += len(data)
        return data

    def readinto(self, buffer):
        count = super().readinto(buffer)
        self.bytes_read += count or 0
        return count


def test_a_100_mb_file_is_refused_without_reading_it(con, tmp_path: Path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as handle:  # sparse: 100 MB on paper, nothing on disk
        handle.write(b"program_id,participant_id\n")
        handle.truncate(100 * 1024 * 1024)
    with CountingFile(path) as stream:
        result = importer.import_file(con, CODES, "participants", "huge.csv", stream, "tester", TODAY)
        assert stream.bytes_read == 0
    assert result.outcome == "refused"
    assert "104.9 MB; the limit is" in result.issues[0].message
    assert log_rows(con)[-1][7] == "refused"
    assert MAX_UPLOAD_BYTES == 20_000_000  # decimal MB, as the upload widget and the messages count them


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("report.pdf", b"%PDF-1.7\n...", "only CSV (.csv) or Excel workbook (.xlsx)"),
        ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not a CSV text file"),
        ("programs.csv", b"%PDF-1.4 renamed", "not a CSV text file"),
        ("old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old excel", "not an Excel .xlsx workbook"),
        ("latin1.csv", "provider_id,provider_name\nP1,Caf\xe9\n".encode("latin-1"), "not UTF-8"),
        ("programs.csv", b"", "empty"),
    ],
)
def test_non_csv_files_are_refused_clearly(con, name, data, words):
    result = do_import(con, "programs", data, name=name)
    assert result.outcome == "refused"
    assert words in result.issues[0].message
    assert table_counts(con) == dict.fromkeys(RECORD_TABLES, 0)


def test_employer_partner_counts_are_updated_by_a_newer_report(con):
    with_programs(con)
    rows = [{"program_id": "PRG-1", "employer_name": "Acme", "hires_committed_count": "10", "hires_made_count": "4"}]
    assert do_import(con, "employer_partners", csv_bytes(rows, "employer_partners")).added == 1
    rows[0]["hires_made_count"] = "7"
    assert do_import(con, "employer_partners", csv_bytes(rows, "employer_partners")).updated == 1
    assert con.execute("SELECT hires_made_count FROM employer_partner").fetchall() == [(7,)]


# ------------------------------------------------------------------------------------------- scorecard and ROI inputs

NEW_PARTICIPANT_COLUMNS = (
    "same_employer_q2_q4",
    "pre_enrollment_quarterly_earnings_usd",
    "measurable_skill_gain",
    "measurable_skill_gain_date",
)


def test_new_participant_columns_are_stored(con):
    with_programs(con)
    row = participant(
        1,
        same_employer_q2_q4="yes",
        pre_enrollment_quarterly_earnings_usd="$6,400",
        measurable_skill_gain="yes",
        measurable_skill_gain_date="2024-01-15",
    )
    assert do_import(con, "participants", csv_bytes([row], "participants")).outcome == "imported"
    stored = con.execute(f"SELECT {', '.join(NEW_PARTICIPANT_COLUMNS)} FROM participant").fetchall()[0]
    assert stored[:3] == (True, 6400.0, True) and stored[3].isoformat() == "2024-01-15"


def test_every_bad_new_participant_cell_is_named_by_row_and_column(con):
    with_programs(con)
    rows = [
        participant(1, pre_enrollment_quarterly_earnings_usd="-5"),
        participant(2, pre_enrollment_quarterly_earnings_usd="lots"),
        participant(3, measurable_skill_gain="maybe"),
        participant(4, measurable_skill_gain="yes", measurable_skill_gain_date="15/01/2024"),
        participant(5, same_employer_q2_q4="si"),
        participant(6, measurable_skill_gain="yes", measurable_skill_gain_date="2027-01-01"),
    ]
    result = do_import(con, "participants", csv_bytes(rows, "participants"))
    assert result.outcome == "refused" and table_counts(con)["participant"] == 0
    assert issues_at(result) >= {
        (2, "pre_enrollment_quarterly_earnings_usd"),
        (3, "pre_enrollment_quarterly_earnings_usd"),
        (4, "measurable_skill_gain"),
        (5, "measurable_skill_gain_date"),
        (6, "same_employer_q2_q4"),
        (7, "measurable_skill_gain_date"),
    }


def test_new_columns_are_follow_up_and_an_older_file_leaves_them_alone(con):
    with_programs(con)
    first = [participant(1)]
    assert do_import(con, "participants", csv_bytes(first, "participants")).outcome == "imported"
    filled = [participant(1, same_employer_q2_q4="yes", pre_enrollment_quarterly_earnings_usd="5000")]
    result = do_import(con, "participants", csv_bytes(filled, "participants"))
    assert result.outcome == "imported" and result.updated == 1
    older = [c for c in TEMPLATES["participants"].column_names if c not in NEW_PARTICIPANT_COLUMNS]
    again = do_import(con, "participants", csv_bytes(first, "participants", older), name="older-template.csv")
    assert again.outcome == "unchanged"  # columns the file does not have are neither compared nor cleared
    assert con.execute("SELECT same_employer_q2_q4 FROM participant").fetchall() == [(True,)]
    changed = [participant(1, same_employer_q2_q4="no", pre_enrollment_quarterly_earnings_usd="5000")]
    refused = do_import(con, "participants", csv_bytes(changed, "participants"), name="changed.csv")
    assert refused.outcome == "refused" and issues_at(refused) == {(2, "same_employer_q2_q4")}


def service_row(establishment: str = "EST-1", day: str = "2024-10-15", **overrides) -> dict:
    row = {"program_id": "PRG-1", "establishment_id": establishment, "service_date": day, "service_type": ""}
    row.update(overrides)
    return row


def test_employer_services_import_and_are_never_changed(con):
    with_programs(con)
    rows = [service_row(), service_row("EST-2", service_type="rapid_response"), service_row(day="2025-01-10")]
    result = do_import(con, "employer_services", csv_bytes(rows, "employer_services"))
    assert result.outcome == "imported" and result.added == 3
    again = do_import(con, "employer_services", csv_bytes(rows[:1], "employer_services"), name="again.csv")
    assert again.outcome == "unchanged"
    changed = do_import(
        con,
        "employer_services",
        csv_bytes([service_row(service_type="training_services")], "employer_services"),
        "x.csv",
    )
    assert changed.outcome == "refused" and issues_at(changed) == {(2, "service_type")}


def test_bad_employer_services_are_named_by_row_and_column(con):
    with_programs(con)
    rows = [
        service_row(program_id="NOPE"),
        service_row(day="2030-01-01"),
        service_row("EST-3", service_type="lunch"),
        service_row("123-45-6789"),
        service_row(),
        service_row(),
    ]
    result = do_import(con, "employer_services", csv_bytes(rows, "employer_services"))
    assert result.outcome == "refused"
    assert issues_at(result) == {
        (3, "service_date"),
        (4, "service_type"),
        (5, "establishment_id"),
        (7, "service_date"),  # the same service twice in the file
    }
    unknown = do_import(con, "employer_services", csv_bytes(rows[:1], "employer_services"), name="unknown.csv")
    assert issues_at(unknown) == {(2, "program_id")}


def level_row(**overrides) -> dict:
    row = {
        "program_year": "2024",
        "funding_stream": "wioa_adult",
        "indicator": "employed_q2",
        "level": "72.5",
        "level_basis": "negotiated",
        "source": "PY2024-2025 agreement of 2024-08-30",
    }
    row.update(overrides)
    return row


def test_negotiated_levels_import_replace_and_log_what_changed(con):
    rows = [level_row(), level_row(indicator="earnings_q2_median", level="$7,200")]
    result = do_import(con, "negotiated_levels", csv_bytes(rows, "negotiated_levels"))
    assert result.outcome == "imported" and result.added == 2
    revised = do_import(
        con, "negotiated_levels", csv_bytes([level_row(level="70", level_basis="adjusted")], "negotiated_levels")
    )
    assert revised.outcome == "imported" and revised.updated == 1
    assert "level 72.5 → 70.0" in revised.message and "level_basis negotiated → adjusted" in revised.message
    # the first file again: compared row by row (not skipped by its SHA-256), so the correction is applied
    back = do_import(con, "negotiated_levels", csv_bytes(rows, "negotiated_levels"), name="again.csv")
    assert back.outcome == "imported" and back.updated == 1 and back.unchanged == 1
    stored = con.execute("SELECT indicator, level, level_basis, import_id FROM negotiated_level ORDER BY 1").fetchall()
    assert stored == [("earnings_q2_median", 7200.0, "negotiated", 1), ("employed_q2", 72.5, "negotiated", 3)]
    [(message,)] = con.execute("SELECT message FROM import_log WHERE import_id = 3").fetchall()
    assert "replaced: 2024 wioa_adult employed_q2: level 70.0 → 72.5" in message  # the log says what changed


def test_bad_levels_are_named_by_row_and_column(con):
    rows = [
        level_row(level="172"),  # a rate's level is a percentage
        level_row(indicator="placement"),
        level_row(program_year="2012"),
        level_row(source="", indicator="measurable_skill_gains"),
        level_row(level="0", indicator="credential"),
        level_row(level_basis="hoped", indicator="ese_retention"),
        level_row(indicator="employed_q4"),
        level_row(indicator="employed_q4"),
    ]
    result = do_import(con, "negotiated_levels", csv_bytes(rows, "negotiated_levels"))
    assert result.outcome == "refused" and con.execute("SELECT count(*) FROM negotiated_level").fetchall() == [(0,)]
    assert issues_at(result) == {
        (2, "level"),
        (3, "indicator"),
        (4, "program_year"),
        (5, "source"),
        (6, "level"),
        (7, "level_basis"),
        (9, "indicator"),  # the same program year, funding stream and indicator twice
    }


def test_establishment_counts_are_entered_with_their_source(con):
    row = {"region_area_code": "25540", "program_year": "2024", "establishments_count": "31,000", "source": "BLS QCEW"}
    result = do_import(con, "establishment_counts", csv_bytes([row], "establishment_counts"))
    assert result.outcome == "imported"
    assert con.execute("SELECT region_area_code, establishments_count FROM region_establishment_count").fetchall() == [
        ("0025540", 31000)
    ]
    bad = [
        dict(row, region_area_code="9999999"),
        dict(row, establishments_count="0"),
        dict(row, source="", program_year="2023"),
    ]
    refused = do_import(con, "establishment_counts", csv_bytes(bad, "establishment_counts"), name="bad.csv")
    assert issues_at(refused) == {(2, "region_area_code"), (3, "establishments_count"), (4, "source")}


def test_values_typed_on_the_page_go_through_the_importer(con):
    from lmi.records.template import ENTERED_FILE_NAME, entry_csv

    data = entry_csv("negotiated_levels", [level_row(program_year=2024)])
    result = do_import(con, "negotiated_levels", data, name=ENTERED_FILE_NAME, who="Dana")
    assert result.outcome == "imported"
    assert log_rows(con)[-1][1:4] == ("Dana", "negotiated_levels", ENTERED_FILE_NAME)
    bad = do_import(con, "negotiated_levels", entry_csv("negotiated_levels", [level_row(level="lots")]))
    assert bad.outcome == "refused" and issues_at(bad) == {(2, "level")}


# ------------------------------------------------------------------------------------------- in Spanish


def test_a_refused_file_reads_in_spanish_and_still_names_its_row_and_column(con):
    """The same refused import, read in Spanish: each problem in Spanish with its file row and column, the
    problems table the page shows and the summary line naming "fila 4, columna exit_date"."""
    with_programs(con)
    rows = [participant(1), participant(2), participant(3, exit_date="2023-01-01")]  # exit before enrollment
    result = do_import(con, "participants", csv_bytes(rows, "participants"))
    assert result.outcome == "refused" and (4, "exit_date") in issues_at(result)
    with use_language("es"):
        problem = next(i for i in result.issues if (i.row, i.column) == (4, "exit_date"))
        assert problem.message == "la salida 2023-01-01 es anterior a la inscripción 2023-09-01"
        frame = result.issues_frame()
        assert frame.loc[frame.column == "exit_date", "problem"].tolist() == [problem.message]
        assert result.message.startswith("rechazado, no se guardó nada: 1 problema(s): fila 4, columna exit_date: ")
    assert problem.message == "exit 2023-01-01 is before enrollment 2023-09-01"  # the same issue, in English
    # the log keeps where and what kind, never the dates themselves (metadata only)
    assert "row 4, column exit_date: exit … is before enrollment …" in result.message
    assert "2023-01-01" not in result.message


def test_the_import_log_keeps_messages_in_no_language_and_shows_them_in_the_readers(con):
    """The log row holds the English text (what a DuckDB client reads) and the message as ids and values; the
    page's log shows it in the reader's language, whoever imported."""
    with use_language("es"):
        result = do_import(con, "programs", csv_bytes([program(cip_code="99.9999")], "programs"))
    assert result.outcome == "refused"
    [(english, stored)] = con.execute("SELECT message, message_json FROM import_log").fetchall()
    assert english.startswith("refused, nothing stored: 1 problem(s): row 2, column cip_code: unknown CIP code …")
    assert "99.9999" not in english and "99.9999" not in stored  # metadata only: the code typed is withheld
    assert "rechazado" not in stored and "unknown CIP code {code}" in stored  # a message id, not words of a language
    assert queries.import_log(con).message.iloc[0] == english
    with use_language("es"):
        shown = queries.import_log(con).message.iloc[0]
    assert shown.startswith(
        "rechazado, no se guardó nada: 1 problema(s): fila 2, columna cip_code: código CIP desconocido"
    )
    assert "message_json" not in queries.import_log(con).columns


def test_a_log_row_from_before_messages_were_kept_shows_its_english(con):
    """Rows logged before migration 6 have no message_json: they show the English text they have."""
    do_import(con, "programs", csv_bytes([program()], "programs"))
    con.execute("UPDATE import_log SET message_json = NULL")
    with use_language("es"):
        assert queries.import_log(con).message.iloc[0] == "1 program(s) added; 1 new provider(s)"


def test_template_documentation_reads_in_spanish_with_the_codes_a_file_holds():
    with use_language("es"):
        docs = column_docs("programs").set_index("column")
        headers = column_docs_headers()
    assert list(docs.columns) == ["required", "type", "meaning", "example"]  # column ids stay as they are
    assert headers == ["Columna", "Obligatoria", "Tipo", "Significado", "Ejemplo"]
    assert docs.loc["program_type", "required"] == "sí"
    meaning = docs.loc["program_type", "meaning"]
    assert meaning.startswith("Tipo de capacitación. Uno de: classroom_occupational_skills = Capacitación")
    assert docs.loc["work_experience_hours", "meaning"].startswith("Horas de la pasantía")
    assert "(normalmente 160, como máximo 999)" in docs.loc["work_experience_hours", "meaning"]
    assert docs.loc["offers_childcare", "meaning"] == "¿El programa ofrece cuidado infantil? yes o no."
    assert set(SERVICE_QUESTIONS) == set(vocab.SUPPORTIVE_SERVICES)  # a question for every service
    with use_language("es"):
        book = load_workbook(io.BytesIO(template_xlsx("participants")))
    assert [c.value for c in book["columns"][1]] == headers
    meanings = {row[0]: row[3] for row in book["columns"].iter_rows(min_row=2, values_only=True)}
    assert meanings["is_veteran"] == "¿Veterano al inscribirse? yes o no; en blanco = no registrado."
