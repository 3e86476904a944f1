"""Helpers for records tests: small CSV files in the import templates' layout, reference codes
without the reference database (a real ``CodeResolver`` over a few rows copied from the shipped data),
and a fresh records database. Tests of occupation codes themselves use the real reference database
(``reference_codes(ref_con)``)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import duckdb

from lmi.demand.codes import CodeResolver
from lmi.records.db import open_records
from lmi.records.importer import ImportResult, import_file
from lmi.records.template import template_for
from lmi.records.validate import ReferenceCodes

TODAY = dt.date(2026, 11, 25)
# Rows of the shipped reference data (BLS OEWS May 2025 titles; O*NET 29.3 to SOC crosswalk).
PUBLISHED = {
    "51-4121": "Welders, Cutters, Solderers, and Brazers",
    "31-9092": "Medical Assistants",
    "53-3032": "Heavy and Tractor-Trailer Truck Drivers",
    "47-2111": "Electricians",
    "31-1120": "Home Health and Personal Care Aides",
}
CROSSWALK = [
    ("51-4121.00", "51-4121", "51-4121"),
    ("31-9092.00", "31-9092", "31-9092"),
    ("53-3032.00", "53-3032", "53-3032"),
    ("47-2111.00", "47-2111", "47-2111"),
    ("31-1121.00", "31-1121", "31-1120"),
    ("31-1122.00", "31-1122", "31-1120"),
]


def occupation_codes() -> CodeResolver:
    """The real resolver, reading the rows above instead of the whole reference database."""
    con = duckdb.connect(":memory:")
    try:
        con.execute("CREATE TABLE out_soc_demand (soc_code VARCHAR, soc_title VARCHAR)")
        con.executemany("INSERT INTO out_soc_demand VALUES (?, ?)", list(PUBLISHED.items()))
        con.execute(
            "CREATE TABLE core_onet_soc_crosswalk (onet_soc_code VARCHAR, soc_code VARCHAR, oews_soc_code VARCHAR)"
        )
        con.executemany("INSERT INTO core_onet_soc_crosswalk VALUES (?, ?, ?)", CROSSWALK)
        return CodeResolver(con)
    finally:
        con.close()


CODES = ReferenceCodes(
    cip_codes=frozenset({"48.0508", "51.0801", "49.0205", "46.0302"}),
    occupations=occupation_codes(),
    area_codes=frozenset({"0000000", "0900000", "0025540"}),
)


def program(program_id: str = "PRG-1", **overrides) -> dict:
    row = {
        "provider_id": "PRV-1",
        "provider_name": "Test College",
        "program_id": program_id,
        "program_name": f"Program {program_id}",
        "program_type": "classroom_occupational_skills",
        "work_experience_hours": "",
        "funding_stream": "wioa_adult",
        "cip_code": "48.0508",
        "target_soc_codes": "51-4121",
        "region_area_code": "0025540",
        "cost_per_participant_usd": "5000",
        "seats_count": "30",
        "offers_childcare": "no",
        "offers_transportation": "yes",
        "offers_career_advising": "yes",
        "offers_case_management": "no",
        "is_generated_example": "",
    }
    row.update(overrides)
    return row


def participant(number: int, program_id: str = "PRG-1", **overrides) -> dict:
    """An exiter with complete follow-up (exit 2024-03-15: 2nd and 4th quarters after exit ended)."""
    row = {
        "program_id": program_id,
        "participant_id": f"P-{number:05d}",
        "enrollment_date": "2023-09-01",
        "exit_date": "2024-03-15",
        "completed": "yes",
        "credential_attained": "yes",
        "credential_date": "2024-04-01",
        "employed_q2": "yes",
        "employed_q4": "yes",
        "earnings_q2_usd": "10000",
        "training_related_employment": "yes",
        "sex": "female",
        "race_ethnicity": "white",
        "age_band": "25-44",
        "is_veteran": "no",
        "has_disability": "no",
        "is_justice_involved": "no",
        "is_english_learner": "no",
        "is_long_term_unemployed": "no",
        "is_displaced_worker": "no",
        "same_employer_q2_q4": "",
        "pre_enrollment_quarterly_earnings_usd": "",
        "measurable_skill_gain": "",
        "measurable_skill_gain_date": "",
        "is_generated_example": "",
    }
    row.update(overrides)
    return row


def csv_bytes(rows: list[dict], kind: str, columns: list[str] | None = None) -> bytes:
    columns = columns or template_for(kind).column_names
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def do_import(
    con,
    kind: str,
    data: bytes,
    name: str | None = None,
    who: str = "tester",
    today: dt.date = TODAY,
    codes: ReferenceCodes = CODES,
) -> ImportResult:
    return import_file(con, codes, kind, name or f"{kind}.csv", io.BytesIO(data), who, today)


# Set by the ``records_backend`` fixture (tests/conftest.py) while a test runs against PostgreSQL: a function of a
# name returning a fresh, migrated PostgreSQL records store. None: the embedded DuckDB file.
STORE_FACTORY = None


def new_records(tmp_path: Path, name: str = "records.duckdb"):
    """A fresh records store: an embedded file in ``tmp_path``, or a new PostgreSQL database when the test runs
    on the ``postgres`` backend (``records_backend``)."""
    if STORE_FACTORY is not None:
        return STORE_FACTORY(name)
    return open_records(tmp_path / name)


def table_counts(con) -> dict[str, int]:
    return {
        t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
        for t in ("provider", "program", "program_target_occupation", "participant", "employer_partner")
    }
