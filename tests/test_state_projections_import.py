"""Staff import of one state's long-term projections (Projections Central layout) into the records
database: good files (CSV and XLSX), every problem by row and column with nothing stored, idempotent
re-imports, and a new file replacing the state's rows. Files are written here, in the official layout,
with made-up figures (tests/official_formats.py)."""

from __future__ import annotations

import io

import pytest

from lmi.demand.codes import CodeResolver
from lmi.records.db import revision
from lmi.records.state_projections import (
    import_history,
    import_state_projections,
    imported_states,
    layout_template_csv,
    projection_reference,
    stored_projections,
)
from tests import official_formats as official
from tests.records_helpers import new_records

STATE_ROWS = tuple(row for row in official.STATE_PROJECTION_ROWS if row[0] != "0")  # one state's file


@pytest.fixture(scope="module")
def reference(ref_con):
    return projection_reference(ref_con, CodeResolver(ref_con))


@pytest.fixture
def records(tmp_path, records_backend):
    """A fresh records store, once on DuckDB and once on PostgreSQL (``records_backend``)."""
    con = new_records(tmp_path)
    yield con
    con.close()


def run(records, reference, data: bytes, name: str = "connecticut.csv", who: str = "Dana"):
    return import_state_projections(records, reference, name, io.BytesIO(data), who)


def stored(records) -> list[tuple]:
    return records.execute(
        "SELECT state_fips, soc_code, bls_soc_code, annual_openings_count, import_id "
        "FROM state_projection ORDER BY state_fips, soc_code"
    ).fetchall()


def with_row(rows, index: int, column: str, value: str) -> tuple:
    position = official.STATE_PROJECTION_HEADERS.index(column)
    changed = list(rows)
    changed[index] = changed[index][:position] + (value,) + changed[index][position + 1 :]
    return tuple(changed)


def test_a_good_file_is_stored_and_logged(records, reference):
    result = run(records, reference, official.state_projections_csv(rows=STATE_ROWS))
    assert result.outcome == "imported", result.message
    assert (result.state_fips, result.state_name, result.period) == ("09", "Connecticut", "2022-2032")
    assert (result.rows_in_file, result.rows_stored, result.rows_replaced) == (4, 4, 0)
    assert stored(records) == [
        ("09", "00-0000", None, 200000.0, result.import_id),  # a summary row: kept, never an occupation's figure
        ("09", "11-1011", "11-1011", 110.0, result.import_id),
        ("09", "29-1141", "29-1141", float(official.CT_RN_OPENINGS), result.import_id),
        ("09", "29-1211", "29-1211", None, result.import_id),  # (NA): not published, never 0
    ]
    log = import_history(records)
    assert log[["outcome", "imported_by", "file_name", "rows_stored_count"]].values.tolist() == [
        ["imported", "Dana", "connecticut.csv", 4]
    ]
    states = imported_states(records)
    assert states[
        ["state_fips", "state_name", "projection_period", "rows_count", "occupation_rows_count"]
    ].values.tolist() == [["09", "Connecticut", "2022-2032", 4, 3]]
    label = stored_projections(records).set_index("soc_code").at["29-1141", "source_label"]
    assert label.startswith(
        "Connecticut long-term projections 2022-2032 (imported by staff: connecticut.csv, "
        f"import #{result.import_id} on "
    )


def test_an_xlsx_workbook_with_the_rest_service_names_is_read_the_same(records, reference):
    headers = (
        "STFIPS",
        "Area",
        "OccCode",
        "Title",
        "BaseYear",
        "Base",
        "ProjYear",
        "Projected",
        "Change",
        "PercentChange",
        "AvgAnnualOpenings",
        "StateURL",
    )
    rows = [list(row) + ["https://example.org/ct"] for row in STATE_ROWS]
    for row in rows:  # numbers as numbers, the way a spreadsheet holds them
        for position in (4, 6):
            row[position] = int(row[position])
    workbook = official.workbook_bytes({"Long Term": [list(headers)] + rows})
    result = run(records, reference, workbook, "connecticut.xlsx")
    assert result.outcome == "imported", result.message
    assert result.ignored_columns == ("stateurl",)
    assert "columns not in the layout were ignored: stateurl" in result.message
    assert [r[1:4] for r in stored(records)][2] == ("29-1141", "29-1141", float(official.CT_RN_OPENINGS))


def test_every_problem_is_named_by_row_and_column_and_nothing_is_stored(records, reference):
    rows = STATE_ROWS + (
        ("9", "Connecticut", "99-9999", "Not an occupation", "2022", "10", "2032", "20", "10", "100", "5"),
        ("9", "Connecticut", "2029-11-41", "Mangled by a spreadsheet", "2022", "10", "2032", "20", "10", "100", "5"),
        ("9", "Connecticut", "13-1020", "Buyers", "2022", "about 5,000", "2032", "5000", "0", "0", "-4"),
        ("9", "Connecticut", "47-2152", "Plumbers", "2032", "4000", "2022", "4100", "100", "2.5", "300"),
        ("9", "Connecticut", "29-1141", "Registered Nurses again", "2022", "1", "2032", "1", "0", "0", "1"),
        (
            "25",
            "Massachusetts",
            "29-1141",
            "Registered Nurses",
            "2022",
            "90000",
            "2032",
            "95000",
            "5000",
            "5.6",
            "6000",
        ),
        ("0", "United States", "11-1011", "Chief Executives", "2022", "1", "2032", "1", "0", "0", "1"),
        ("9", "Connecticut", "53-7062", "Laborers", "2024", "9000", "2034", "9100", "100", "1.1", "1200"),
    )
    result = run(records, reference, official.state_projections_csv(rows=rows))
    assert result.outcome == "refused"
    found = {(issue.row, issue.column): issue.message for issue in result.issues}
    assert len(result.issues_frame()) == len(result.issues) == 9
    assert "99-9999 is not a code BLS publishes numbers for" in found[(6, "code")]
    assert "not a SOC code" in found[(7, "code")]
    assert "not a number" in found[(8, "base")]
    assert "must not be negative" in found[(8, "avgannualopenings")]
    assert "must come after the base year (2032)" in found[(9, "projyear")]
    assert "code 29-1141 repeats row 3" in found[(10, "code")]
    assert "United States row" in found[(12, "stfips")]
    assert "more than one state" in found[(None, "stfips")] and "25: 1 row(s), first row 11" in found[(None, "stfips")]
    assert (
        "more than one projection period (2022-2032: 10 row(s), first row 2; 2024-2034: 1 row(s), first row 13)"
        in found[(None, "baseyear")]
    )
    assert stored(records) == []
    assert import_history(records).outcome.tolist() == ["refused"]
    assert "refused, nothing stored: 9 problem(s)" in import_history(records).message.iloc[0]


def test_a_file_in_another_layout_is_refused_naming_the_missing_columns(records, reference):
    data = official.csv_bytes([["program_id", "soc_code", "openings"], ["P1", "29-1141", "10"]])
    result = run(records, reference, data)
    assert result.outcome == "refused"
    message = result.issues[0].message
    for column in ("STFIPS", "BASEYEAR", "BASE", "PROJYEAR", "PROJ", "PERCENTCHANGE", "AVGANNUALOPENINGS"):
        assert column in message
    assert "Projections Central layout" in message
    assert "CODE (" not in message  # soc_code is read as CODE ("SOC Code")
    assert stored(records) == []


def test_a_state_oews_does_not_publish_and_a_binary_file_are_refused(records, reference):
    result = run(records, reference, official.state_projections_csv(rows=with_row(STATE_ROWS, 1, "STFIPS", "3")))
    assert result.outcome == "refused" and "FIPS 03 is not a state" in result.issues[0].message
    result = run(records, reference, b"PK\x03\x04 not really a workbook", "connecticut.csv")
    assert result.outcome == "refused" and "not a CSV text file" in result.issues[0].message
    assert stored(records) == []


def test_the_same_rows_again_change_nothing(records, reference):
    data = official.state_projections_csv(rows=STATE_ROWS)
    first = run(records, reference, data)
    before = revision(records)
    again = run(records, reference, data)
    renamed = run(records, reference, data.replace(b"\n", b"\r\n"), "ct-resaved.csv")
    assert first.outcome == "imported"
    assert (again.outcome, renamed.outcome) == ("unchanged", "unchanged")
    assert "every row is already stored with the same values; nothing changed" in again.message
    assert {r[4] for r in stored(records)} == {first.import_id}
    assert revision(records)[0] == before[0]  # no new stored import: cached models stay valid


def test_a_new_file_for_the_state_replaces_its_rows_and_leaves_other_states(records, reference):
    georgia = tuple(("13", "Georgia") + row[2:] for row in STATE_ROWS)
    run(records, reference, official.state_projections_csv(rows=georgia), "georgia.csv")
    first = run(records, reference, official.state_projections_csv(rows=STATE_ROWS))
    newer = with_row(STATE_ROWS[:3], 1, "AVGANNUALOPENINGS", "3,100")  # 29-1211 dropped, RN openings revised
    second = run(records, reference, official.state_projections_csv(rows=newer), "connecticut-2.csv")
    assert second.outcome == "imported" and (second.rows_stored, second.rows_replaced) == (3, 4)
    assert f"replacing 4 row(s) of import #{first.import_id}" in second.message
    connecticut = [r for r in stored(records) if r[0] == "09"]
    assert [(r[1], r[3], r[4]) for r in connecticut] == [
        ("00-0000", 200000.0, second.import_id),
        ("11-1011", 110.0, second.import_id),
        ("29-1141", 3100.0, second.import_id),
    ]
    assert len([r for r in stored(records) if r[0] == "13"]) == 4
    back = run(records, reference, official.state_projections_csv(rows=STATE_ROWS), "connecticut.csv")
    assert back.outcome == "imported"  # the older file again restores its rows: content decides, not checksums
    assert len([r for r in stored(records) if r[0] == "09"]) == 4


def test_the_layout_template_is_a_header_row_without_figures():
    assert layout_template_csv().decode() == ",".join(official.STATE_PROJECTION_HEADERS) + "\n"
