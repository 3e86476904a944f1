"""The records database schema, made by versioned migrations.

Each migration is (version, description, SQL) and runs once, in its own transaction, recording itself
in ``schema_version``; ``migrate`` brings any records file up to date, so an older file keeps working
after an upgrade. Never edit a released migration: add the next one. The tables are documented in
``docs/records-model.md``.

Conventions: identifiers staff choose (provider, program, participant ids) are text; dates are DATE;
yes/no answers are BOOLEAN with NULL meaning "not recorded"; unit-suffixed columns (``_usd``,
``_count``, ``_hours``). Every row says which import brought it (``import_id``) and whether it is
generated example data (``is_generated_example``), so pages can label it wherever it appears.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import duckdb

from lmi.db import open_cursor, query_rows, transaction

_BARRIER_COLUMNS = """
    is_veteran BOOLEAN,
    has_disability BOOLEAN,
    is_justice_involved BOOLEAN,
    is_english_learner BOOLEAN,
    is_long_term_unemployed BOOLEAN,
    is_displaced_worker BOOLEAN,"""

# A migration's SQL is text, or a function of the migrating cursor returning the text (a start value read from
# the store). Every migration is plain SQL both DuckDB and PostgreSQL run (``lmi.records.pg`` translates DOUBLE).
MIGRATIONS: tuple[tuple[int, str, str | Callable], ...] = (
    (
        1,
        "providers, programs, target occupations, participants, employer partners, import log",
        f"""
CREATE TABLE IF NOT EXISTS import_log (
    import_id INTEGER PRIMARY KEY,
    imported_by VARCHAR NOT NULL,
    imported_utc TIMESTAMP NOT NULL,
    import_kind VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    file_sha256 VARCHAR NOT NULL,
    file_size_bytes BIGINT NOT NULL,
    rows_in_file_count INTEGER,
    rows_added_count INTEGER NOT NULL DEFAULT 0,
    rows_updated_count INTEGER NOT NULL DEFAULT 0,
    rows_unchanged_count INTEGER NOT NULL DEFAULT 0,
    outcome VARCHAR NOT NULL CHECK (outcome IN ('imported', 'unchanged', 'refused')),
    message VARCHAR,
    is_generated_example BOOLEAN NOT NULL DEFAULT false
);
CREATE TABLE IF NOT EXISTS provider (
    provider_id VARCHAR PRIMARY KEY,
    provider_name VARCHAR NOT NULL,
    is_generated_example BOOLEAN NOT NULL,
    import_id INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS program (
    program_id VARCHAR PRIMARY KEY,
    provider_id VARCHAR NOT NULL REFERENCES provider (provider_id),
    program_name VARCHAR NOT NULL,
    program_type VARCHAR NOT NULL,
    work_experience_hours INTEGER CHECK (work_experience_hours BETWEEN 1 AND 999),
    funding_stream VARCHAR NOT NULL,
    cip_code VARCHAR NOT NULL,
    region_area_code VARCHAR NOT NULL,
    cost_per_participant_usd DOUBLE NOT NULL CHECK (cost_per_participant_usd >= 0),
    seats_count INTEGER NOT NULL CHECK (seats_count >= 0),
    offers_childcare BOOLEAN NOT NULL,
    offers_transportation BOOLEAN NOT NULL,
    offers_career_advising BOOLEAN NOT NULL,
    offers_case_management BOOLEAN NOT NULL,
    is_generated_example BOOLEAN NOT NULL,
    import_id INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS program_target_occupation (
    program_id VARCHAR NOT NULL REFERENCES program (program_id),
    soc_code VARCHAR NOT NULL,
    PRIMARY KEY (program_id, soc_code)
);
CREATE TABLE IF NOT EXISTS participant (
    program_id VARCHAR NOT NULL REFERENCES program (program_id),
    participant_id VARCHAR NOT NULL,
    enrollment_date DATE NOT NULL,
    exit_date DATE CHECK (exit_date >= enrollment_date),
    completed BOOLEAN,
    credential_attained BOOLEAN,
    credential_date DATE,
    employed_q2 BOOLEAN,
    employed_q4 BOOLEAN,
    earnings_q2_usd DOUBLE CHECK (earnings_q2_usd >= 0),
    training_related_employment BOOLEAN,
    sex VARCHAR,
    race_ethnicity VARCHAR,
    age_band VARCHAR,{_BARRIER_COLUMNS}
    is_generated_example BOOLEAN NOT NULL,
    import_id INTEGER NOT NULL,
    PRIMARY KEY (program_id, participant_id)
);
CREATE TABLE IF NOT EXISTS employer_partner (
    program_id VARCHAR NOT NULL REFERENCES program (program_id),
    employer_name VARCHAR NOT NULL,
    hires_committed_count INTEGER NOT NULL CHECK (hires_committed_count >= 0),
    hires_made_count INTEGER NOT NULL CHECK (hires_made_count >= 0),
    is_generated_example BOOLEAN NOT NULL,
    import_id INTEGER NOT NULL,
    PRIMARY KEY (program_id, employer_name)
);
""",
    ),
    (
        2,
        "state long-term occupational projections imported by staff",
        """
CREATE TABLE IF NOT EXISTS state_projection (
    state_fips VARCHAR NOT NULL,
    soc_code VARCHAR NOT NULL,
    area_name VARCHAR,
    soc_title VARCHAR,
    bls_soc_code VARCHAR,
    base_year INTEGER NOT NULL,
    projected_year INTEGER NOT NULL CHECK (projected_year > base_year),
    base_employment_count DOUBLE CHECK (base_employment_count >= 0),
    projected_employment_count DOUBLE CHECK (projected_employment_count >= 0),
    employment_change_count DOUBLE,
    employment_change_pct DOUBLE,
    annual_openings_count DOUBLE CHECK (annual_openings_count >= 0),
    import_id INTEGER NOT NULL,
    PRIMARY KEY (state_fips, soc_code)
);
""",
    ),
    (
        3,
        "budget scenarios saved by staff",
        """
CREATE TABLE IF NOT EXISTS budget_scenario (
    scenario_name VARCHAR PRIMARY KEY CHECK (length(trim(scenario_name)) > 0),
    created_by VARCHAR NOT NULL CHECK (length(trim(created_by)) > 0),
    created_utc TIMESTAMP NOT NULL,
    changes_json VARCHAR NOT NULL
);
""",
    ),
    (
        4,
        "the full WIOA scorecard and return on investment: participants' same-employer retention, measurable "
        "skill gain and pre-enrollment earnings; employer services; negotiated levels; establishments per region",
        # DuckDB cannot add a column with a CHECK constraint: the importer validates these values instead.
        # Negotiated levels and establishment counts are keyed with is_generated_example, so generated
        # example levels apply only to generated example programs and real ones only to real programs.
        """
ALTER TABLE participant ADD COLUMN same_employer_q2_q4 BOOLEAN;
ALTER TABLE participant ADD COLUMN pre_enrollment_quarterly_earnings_usd DOUBLE;
ALTER TABLE participant ADD COLUMN measurable_skill_gain BOOLEAN;
ALTER TABLE participant ADD COLUMN measurable_skill_gain_date DATE;
CREATE TABLE IF NOT EXISTS employer_service (
    program_id VARCHAR NOT NULL REFERENCES program (program_id),
    establishment_id VARCHAR NOT NULL,
    service_date DATE NOT NULL,
    service_type VARCHAR,
    is_generated_example BOOLEAN NOT NULL,
    import_id INTEGER NOT NULL,
    PRIMARY KEY (program_id, establishment_id, service_date)
);
CREATE TABLE IF NOT EXISTS negotiated_level (
    program_year INTEGER NOT NULL,
    funding_stream VARCHAR NOT NULL,
    indicator VARCHAR NOT NULL,
    level DOUBLE NOT NULL CHECK (level > 0),
    level_basis VARCHAR NOT NULL,
    source VARCHAR NOT NULL CHECK (length(trim(source)) > 0),
    is_generated_example BOOLEAN NOT NULL,
    import_id INTEGER NOT NULL,
    PRIMARY KEY (program_year, funding_stream, indicator, is_generated_example)
);
CREATE TABLE IF NOT EXISTS region_establishment_count (
    region_area_code VARCHAR NOT NULL,
    program_year INTEGER NOT NULL,
    establishments_count INTEGER NOT NULL CHECK (establishments_count >= 1),
    source VARCHAR NOT NULL CHECK (length(trim(source)) > 0),
    is_generated_example BOOLEAN NOT NULL,
    import_id INTEGER NOT NULL,
    PRIMARY KEY (region_area_code, program_year, is_generated_example)
);
""",
    ),
    (
        5,
        "published (suppressed) outcome tables of every program, computed once per import",
        # lmi/programs/published.py: one row per program and small-cell threshold, stamped with the records
        # revision (last storing import) and method version it was made at; only suppressed figures, as JSON.
        """
CREATE TABLE IF NOT EXISTS published_program_report (
    program_id VARCHAR NOT NULL,
    small_cell_threshold INTEGER NOT NULL CHECK (small_cell_threshold >= 0),
    records_revision INTEGER NOT NULL,
    method_version VARCHAR NOT NULL,
    computed_utc TIMESTAMP NOT NULL,
    report_json VARCHAR NOT NULL,
    PRIMARY KEY (program_id, small_cell_threshold)
);
""",
    ),
    (
        6,
        "import-log messages kept as message ids and values, shown in the reader's language",
        # lmi/records/import_log.py: ``message`` stays the English text; ``message_json`` is the same message in no
        # language (lmi/records/messages.py). Rows logged before this migration have none and show their English.
        """
ALTER TABLE import_log ADD COLUMN IF NOT EXISTS message_json VARCHAR;
""",
    ),
    (
        7,
        "named staff accounts (scrypt password hashes) and the log of every sign-in attempt",
        # lmi/records/accounts.py. Portable SQL (DuckDB and PostgreSQL): plain types, a sequence for the log's ids.
        # ``password_hash`` holds the KDF's name, parameters, salt and hash (never the password); failed attempts
        # are counted from the log, so a lockout holds across sessions and processes. ``account_name`` in the log
        # is the name as typed (lower-cased, at most 100 characters), whether or not such an account exists.
        """
CREATE TABLE IF NOT EXISTS staff_account (
    account_name VARCHAR(64) PRIMARY KEY,
    password_hash VARCHAR NOT NULL,
    is_disabled BOOLEAN NOT NULL DEFAULT false,
    created_utc TIMESTAMP NOT NULL,
    password_set_utc TIMESTAMP NOT NULL,
    lockout_reset_utc TIMESTAMP
);
CREATE SEQUENCE IF NOT EXISTS staff_sign_in_log_seq;
CREATE TABLE IF NOT EXISTS staff_sign_in_log (
    attempt_id BIGINT PRIMARY KEY DEFAULT nextval('staff_sign_in_log_seq'),
    attempted_utc TIMESTAMP NOT NULL,
    account_name VARCHAR(100) NOT NULL,
    succeeded BOOLEAN NOT NULL,
    reason VARCHAR(32) NOT NULL
);
CREATE INDEX IF NOT EXISTS staff_sign_in_log_by_account ON staff_sign_in_log (account_name, attempted_utc);
""",
    ),
    (
        8,
        "import numbers from the database's own sequence, so simultaneous imports never take the same number",
        # lmi/records/import_log.py next_import_id: nextval('import_id_seq'), started after the largest number
        # already logged (a callable: the start is read from the store being migrated).
        lambda cursor: (
            "CREATE SEQUENCE IF NOT EXISTS import_id_seq START "
            + str(int(cursor.execute("SELECT coalesce(max(import_id), 0) + 1 FROM import_log").fetchall()[0][0]))
        ),
    ),
    (
        9,
        "layoff response plans saved by staff",
        # lmi/planner/saved.py: a plan's inputs (region, occupations and head counts, date, horizon, share,
        # thresholds) as JSON, under a name; the plan is made again from them when loaded. Portable SQL.
        """
CREATE TABLE IF NOT EXISTS layoff_plan (
    plan_name VARCHAR(120) PRIMARY KEY CHECK (length(trim(plan_name)) > 0),
    created_by VARCHAR NOT NULL CHECK (length(trim(created_by)) > 0),
    created_utc TIMESTAMP NOT NULL,
    inputs_json VARCHAR NOT NULL
);
""",
    ),
)

RECORD_TABLES = ("provider", "program", "program_target_occupation", "participant", "employer_partner")
# A state's long-term projections in the Projections Central layout (``lmi/records/state_projections.py``):
# one row per state x SOC code as the file gives it; ``bls_soc_code`` is the code BLS publishes numbers for
# (NULL for summary rows such as 00-0000). A new file for a state replaces all of that state's rows.
STATE_PROJECTION_TABLES = ("state_projection",)


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply every migration the file has not seen, each in its own transaction; return the version."""
    with open_cursor(con) as cursor:
        cursor.execute("""CREATE TABLE IF NOT EXISTS schema_version (
                       version INTEGER PRIMARY KEY, description VARCHAR NOT NULL, applied_utc TIMESTAMP NOT NULL)""")
    applied = {row[0] for row in query_rows(con, "SELECT version FROM schema_version")}
    current = max(applied, default=0)
    for version, description, sql in MIGRATIONS:
        if version in applied:  # by set, not by "newer than the last": migrations written side by side
            continue  # may reach a store in any order
        with transaction(con) as cursor:
            cursor.execute(sql(cursor) if callable(sql) else sql)
            cursor.execute(
                "INSERT INTO schema_version VALUES ($v, $d, $t)",
                {"v": version, "d": description, "t": datetime.now(UTC).replace(tzinfo=None)},
            )
        current = max(current, version)
    return current


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    return query_rows(con, "SELECT coalesce(max(version), 0) FROM schema_version")[0][0]
