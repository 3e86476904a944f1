"""The records database: versioned migrations, its own file that the ETL never touches, the generated
example data (labelled, seeded, valid), the privacy boundary between pages and participant rows, and the
local fit of programs' target occupations read from the demand model at BLS codes (real reference data)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from lmi.demand import DemandModel
from lmi.demand.codes import CodeResolver
from lmi.i18n import _, use_language
from lmi.programs import labels, scorecard_tables
from lmi.programs import local_fit as program_fit
from lmi.programs.filters import filter_programs
from lmi.records import example, queries, vocab
from lmi.records.db import open_records, records_db_path, revision
from lmi.records.docs import doc_path, records_model_doc
from lmi.records.schema import MIGRATIONS, RECORD_TABLES, migrate, schema_version

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def test_migrations_run_once_and_record_their_version(tmp_path):
    path = tmp_path / "records.duckdb"
    con = open_records(path)
    assert schema_version(con) == MIGRATIONS[-1][0]
    assert migrate(con) == MIGRATIONS[-1][0]  # a second run changes nothing
    assert con.execute("SELECT count(*) FROM schema_version").fetchall()[0][0] == len(MIGRATIONS)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert set(RECORD_TABLES) | {"import_log", "schema_version"} <= tables
    con.close()


def test_records_path_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("LMI_RECORDS_DB", str(tmp_path / "x.duckdb"))
    assert records_db_path() == tmp_path / "x.duckdb"
    monkeypatch.delenv("LMI_RECORDS_DB")
    assert records_db_path() == PROJECT_ROOT / "var" / "records.duckdb"


def test_the_etl_never_opens_the_records_database():
    for path in (PROJECT_ROOT / "etl").rglob("*.py"):
        text = path.read_text()
        assert "LMI_RECORDS_DB" not in text and "lmi.records" not in text and "records.duckdb" not in text, path


def test_pages_and_ui_never_touch_participant_rows():
    for folder in ("app_pages", "ui"):
        for path in (PROJECT_ROOT / folder).glob("*.py"):
            text = path.read_text()
            assert "_outcome_counts" not in text, path
            assert not re.search(r"FROM\s+participant", text, re.IGNORECASE), path


def test_records_and_programs_run_sql_only_through_the_one_query_helper():
    """lmi.db.query_df / query_rows / open_cursor: no private copies with a bare ``con.cursor()``."""
    for folder in ("lmi/records", "lmi/programs"):
        for path in (PROJECT_ROOT / folder).glob("*.py"):
            assert ".cursor()" not in path.read_text(), path


@pytest.mark.slow
def test_generated_example_data_is_valid_labelled_and_seeded(tmp_path, reference_db):
    path = tmp_path / "records.duckdb"
    today = dt.date(2026, 11, 25)
    results = example.load_example_records(path, reference_db, today=today)
    expected = ["imported"] * len(example.example_files(today))
    assert [r.outcome for r in results] == expected, [r.issues[:3] for r in results]
    con = duckdb.connect(str(path), read_only=True)
    try:
        for table in ("provider", "program", "participant", "employer_partner"):
            flags = con.execute(f"SELECT bool_and(is_generated_example), count(*) FROM {table}").fetchall()[0]
            assert flags[0] and flags[1] > 0, table
        names = [r[0] for r in con.execute("SELECT provider_name FROM provider").fetchall()]
        assert all(name.startswith(example.PROVIDER_PREFIX) for name in names)
        assert con.execute("SELECT bool_and(is_generated_example) FROM import_log").fetchall()[0][0]
    finally:
        con.close()
    again = example.load_example_records(path, reference_db, today=today, only_if_empty=True)
    assert again == []
    assert example.participant_rows(today) == example.participant_rows(today)  # seeded


@pytest.mark.slow
def test_example_follow_up_a_year_later_only_fills_blanks(tmp_path, reference_db):
    path = tmp_path / "records.duckdb"
    example.load_example_records(path, reference_db, today=dt.date(2025, 11, 1))
    later = example.load_example_records(path, reference_db, today=dt.date(2026, 11, 1))
    participants = later[1]
    assert participants.outcome == "imported" and participants.updated > 0 and participants.added > 0


@pytest.mark.slow
def test_revision_changes_with_each_stored_import(tmp_path, reference_db):
    path = tmp_path / "records.duckdb"
    con = open_records(path)
    before = revision(con)
    con.close()
    example.load_example_records(path, reference_db, today=dt.date(2026, 11, 25))
    con = open_records(path)
    assert revision(con) != before
    con.close()


def test_generated_examples_include_a_home_health_aide_program_in_hartford():
    hha = next(p for p in example.PROGRAMS_TO_MAKE if p.program_id == "EX-HHA")
    assert hha.region_area_code == example.HARTFORD == "0025540"
    assert "31-1121" in hha.target_soc_codes  # a SOC code inside the BLS group 31-1120
    row = next(r for r in example.program_rows() if r["program_id"] == "EX-HHA")
    assert row["is_generated_example"] == "yes" and row["provider_name"].startswith(example.PROVIDER_PREFIX)


# ------------------------------------------------------------------------------------------ local fit

HARTFORD = "0025540"


def programs_frame(*programs: tuple[str, str, list[str]], region: str = HARTFORD) -> pd.DataFrame:
    """Programs as the records give them: (program_id, cip_code, target codes as stored)."""
    return pd.DataFrame(
        [
            {"program_id": p, "cip_code": cip, "target_soc_codes": codes, "region_area_code": region}
            for p, cip, codes in programs
        ]
    )


@pytest.fixture(scope="module")
def fit_of(ref_con):
    model, resolver = DemandModel(ref_con), CodeResolver(ref_con)
    return lambda programs: program_fit.programs_local_fit(ref_con, model, resolver, programs)


def test_home_health_aide_program_in_hartford_shows_19230_jobs_under_31_1120(fit_of):
    targets, summary = fit_of(programs_frame(("HHA", "51.2602", ["31-1121"]))).of("HHA")
    [row] = targets.to_dict("records")
    assert (row["soc_code"], row["soc_title"]) == ("31-1120", "Home Health and Personal Care Aides")
    assert row["local_employment_count"] == 19_230
    assert row["numbers_for"] == (
        "31-1121 → BLS group 31-1120 Home Health and Personal Care Aides, shared by 2 occupations"
    )
    assert row["demand_is_shared"] and row["listed_codes"] == "31-1121"
    assert row["local_annual_openings_words"] == "about 3,400 a year" and row["fit_verdict"] == program_fit.HIRING
    assert summary.local_employment_count == 19_230 and summary.bls_codes == "31-1120"
    assert summary.fit_verdict == program_fit.HIRING
    assert summary.fit_note == "19,230 jobs here, est. openings about 3,400 a year, over 1 BLS code."


def test_figures_are_the_demand_models_own(fit_of, ref_con):
    codes = ["31-1121.00", "13-1022", "29-2011", "29-2099", "51-4121", "29-1141.01"]
    targets, _ = fit_of(programs_frame(("MIX", "51.0801", codes))).of("MIX")
    model = DemandModel(ref_con).bls_codes(HARTFORD, list(targets.soc_code)).set_index("soc_code")
    for row in targets.itertuples():
        expected = model.loc[row.soc_code]
        for column in (
            "local_employment_count",
            "local_annual_openings_est_count",
            "location_quotient",
            "local_annual_wage_median_usd",
            "national_growth_2024_34_pct",
        ):
            assert getattr(row, column) == expected[column] or (
                pd.isna(getattr(row, column)) and pd.isna(expected[column])
            ), (row.soc_code, column)
    assert list(targets.soc_code) == ["31-1120", "13-1020", "29-2010", "29-2099", "51-4121", "29-1141"]
    own = targets.set_index("soc_code")
    assert own.loc["51-4121", "numbers_for"] == "BLS 51-4121 Welders, Cutters, Solderers, and Brazers"  # its own
    assert not own.loc["51-4121", "demand_is_shared"] and own.loc["29-1141", "demand_is_shared"]
    assert own.loc["29-2099", "numbers_for"] == "BLS 29-2099 Health Technologists and Technicians, All Other"


def test_a_bls_code_counts_once_however_many_targets_lead_to_it(fit_of):
    fit = fit_of(
        programs_frame(
            ("HHA", "51.2602", ["31-1120", "31-1121", "31-1122.00"]), ("TWO", "51.2602", ["31-1121", "51-4121"])
        )
    )
    targets, summary = fit.of("HHA")
    assert len(targets) == 1 and targets.listed_codes.iloc[0] == "31-1120; 31-1121; 31-1122.00"
    assert (summary.listed_codes_count, summary.bls_codes_count) == (3, 1)
    assert summary.local_employment_count == 19_230  # not 3 x 19,230
    _targets, two = fit.of("TWO")
    assert two.local_employment_count == 19_230 + 670 and two.bls_codes_count == 2


def test_nothing_released_is_said_and_never_counted_as_zero(fit_of):
    targets, summary = fit_of(programs_frame(("WEB", "11.0801", ["15-1254", "15-1255"]))).of("WEB")
    web = targets.set_index("soc_code")
    assert pd.isna(web.loc["15-1254", "local_employment_count"])
    assert web.loc["15-1254", "fit_verdict"] == program_fit.NOTHING_RELEASED
    assert "not released by BLS here" in web.loc["15-1254", "local_employment_missing_words"]
    assert web.loc["15-1255", "fit_verdict"] == program_fit.FEW_OPENINGS
    assert summary.local_employment_count == 310 and summary.bls_codes_with_local_jobs_count == 1
    assert "BLS released nothing here for 1 of 2 codes, so these totals are a floor" in summary.fit_note


def test_without_listed_targets_the_cip_code_leads_to_bls_codes(fit_of):
    targets, summary = fit_of(programs_frame(("CIP", "51.2602", []))).of("CIP")
    assert set(targets.target_basis) == {program_fit.VIA_CIP}
    hha = targets[targets.soc_code == "31-1120"].iloc[0]
    assert hha.listed_codes == "31-1121; 31-1122" and hha.local_employment_count == 19_230
    assert summary.target_basis == program_fit.VIA_CIP


def test_an_occupation_no_bls_code_covers_keeps_its_row_and_is_said(fit_of):
    fit = fit_of(programs_frame(("MIL", "28.0505", []), ("OLD", "51.2602", ["31-1121", "55-1011"])))
    targets, summary = fit.of("MIL")  # CIP 28.0505 leads to 55-1019, a military occupation OEWS does not survey
    assert targets.listed_codes.tolist() == ["55-1019"] and targets.soc_code.isna().all()
    assert targets.fit_verdict.tolist() == [program_fit.NO_BLS_CODE]
    assert targets.numbers_for.tolist() == ["55-1019: no code BLS publishes numbers for covers it"]
    assert pd.isna(summary.local_employment_count) and summary.fit_verdict == program_fit.NO_BLS_CODE
    targets, summary = fit.of("OLD")  # a stored code the reference data no longer covers
    assert len(targets) == 2 and summary.local_employment_count == 19_230
    assert "no code BLS publishes numbers for covers 1 of its target occupations" in summary.fit_note


def test_verdict_thresholds():
    assert program_fit.verdict(True, 2020, 201.9) == program_fit.HIRING
    assert program_fit.verdict(True, 670, 66.8) == program_fit.FEW_OPENINGS
    assert program_fit.verdict(True, 1000, 99.6) == program_fit.HIRING  # reads "about 100 a year"
    assert program_fit.verdict(True, 1000, 94) == program_fit.FEW_OPENINGS
    assert program_fit.verdict(True, None, None) == program_fit.NOTHING_RELEASED
    assert program_fit.verdict(True, 500, float("nan")) == program_fit.NO_OPENINGS_ESTIMATE
    assert program_fit.verdict(False, None, None) == program_fit.NO_BLS_CODE
    assert f"about {program_fit.HIRING_MIN_OPENINGS:,} or more" in program_fit.VERDICT_RULES


def test_filtering_by_a_bls_code_finds_programs_that_listed_a_code_inside_it(fit_of):
    programs = programs_frame(("HHA", "51.2602", ["31-1121.00"]), ("WELD", "48.0508", ["51-4121"]))
    fit = fit_of(programs)
    assert list(filter_programs(programs, fit.targets, soc_codes=["31-1120"]).program_id) == ["HHA"]


def test_no_programs_no_rows(fit_of):
    fit = fit_of(programs_frame())
    assert fit.targets.empty and fit.summary.empty
    assert list(fit.targets.columns) == program_fit.TARGET_COLUMNS


@pytest.mark.slow
def test_generated_home_health_program_reads_31_1120_in_hartford(tmp_path, reference_db, fit_of):
    path = tmp_path / "records.duckdb"
    example.load_example_records(path, reference_db, today=dt.date(2026, 11, 25))
    con = open_records(path)
    try:
        programs = queries.programs(con)
    finally:
        con.close()
    targets, summary = fit_of(programs[["program_id", "cip_code", "target_soc_codes", "region_area_code"]]).of("EX-HHA")
    assert list(targets.soc_code) == ["31-1120"] and targets.listed_codes.iloc[0] == "31-1121; 31-1122.00"
    assert summary.local_employment_count == 19_230


def test_the_verdict_rules_name_every_verdict_and_read_in_spanish():
    for words in (
        program_fit.HIRING,
        program_fit.FEW_OPENINGS,
        program_fit.NOTHING_RELEASED,
        program_fit.NO_OPENINGS_ESTIMATE,
        program_fit.NO_BLS_CODE,
    ):
        assert f"“{words}”" in program_fit.VERDICT_RULES, words
    assert f"fewer than {program_fit.HIRING_MIN_OPENINGS:,} a year" in program_fit.VERDICT_RULES
    with use_language("es"):
        assert program_fit.verdict(True, 2020, 201.9) == "se contrata aquí"
        assert program_fit.verdict(True, None, None) == "BLS no publicó nada aquí"
        assert _(program_fit.VERDICT_RULES).startswith("Ajuste local: “se contrata aquí” = unas 100 o más")
        assert program_fit.column_words("fit_verdict")[0] == "Ajuste local"
        assert program_fit.fit_method().startswith("Las ocupaciones objetivo se leen en el código")


def test_labels_of_codes_read_in_spanish_and_codes_stay_as_stored():
    with use_language("es"):
        assert labels.funding_label("wioa_dislocated_worker") == "WIOA Dislocated Worker (trabajadores desplazados)"
        assert labels.program_type_label("work_experience", 160) == "Pasantía / experiencia laboral (160 horas)"
        assert labels.group_label("race_ethnicity", "hispanic_latino") == "Hispano o latino"
        assert labels.group_label("exit_program_year", "2024") == "PY2024 (salidas jul 2024–jun 2025)"
        assert labels.group_label("sex", "All") == "Todos"
        assert labels.dimension_label("age_band") == "Edad al inscribirse"
        assert labels.data_label(True) == "datos de ejemplo generados"
        assert labels.format_value(None, labels.RATE) == "suprimido"
        assert labels.format_value(12345.6, labels.USD) == "$12,346"  # US number formats in both languages
        assert labels.funding_label("not_a_code") == "not_a_code"
        assert scorecard_tables.label("ese_retention").startswith("Eficacia en el servicio a los empleadores")
        assert labels.level_basis_label("negotiated").startswith("Nivel negociado")
    assert labels.funding_label("wioa_adult") == "WIOA Adult"
    assert vocab.FUNDING_STREAMS["wioa_adult"] == "WIOA Adult"  # the tables keep English message ids


def test_the_records_documentation_has_a_spanish_version_with_the_same_sections_and_names():
    english, spanish = (doc_path(language).read_text(encoding="utf-8") for language in ("en", "es"))
    assert doc_path("es").name == "records-model.es.md" and doc_path("en").name == "records-model.md"

    def headings(text):
        return [line.split(" ")[0] for line in text.splitlines() if line.startswith("#")]

    def code_names(text):
        return set(re.findall(r"`([^`]+)`", text))

    def table_keys(text):
        return [line.split("|")[1].strip() for line in text.splitlines() if line.startswith("| `")]

    assert headings(spanish) == headings(english)
    assert table_keys(spanish) == table_keys(english)
    assert code_names(spanish) == code_names(english)
    with use_language("es"):
        shown = records_model_doc()
    assert shown.startswith("\nLos registros de programas") and "## Tablas" in shown and "O\\*NET" in shown
    assert "## Tables" in records_model_doc()
