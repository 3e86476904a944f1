"""Read-only views of the records that are public (providers, programs, employer partners) or
staff-only (the import log). Participant rows are never returned from here: participant data leaves
the domain package only as suppressed counts (``lmi.programs.outcomes``).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from lmi.db import query_df, query_rows
from lmi.records.import_log import shown_messages


def programs(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every program with its provider, type, funding, CIP, target SOC codes (a list), region, cost,
    seats, supportive services and whether it is generated example data."""
    frame = query_df(
        con,
        """
        SELECT g.program_id, g.program_name, g.provider_id, v.provider_name, g.program_type, g.funding_stream,
               g.cip_code, g.region_area_code, g.cost_per_participant_usd, g.seats_count,
               g.work_experience_hours, g.offers_childcare, g.offers_transportation, g.offers_career_advising,
               g.offers_case_management, g.is_generated_example
        FROM program g JOIN provider v USING (provider_id)
        ORDER BY v.provider_name, g.program_name
    """,
    )
    # The target codes as a list per program, gathered here rather than by a list aggregate (portable SQL:
    # the same query runs on DuckDB and PostgreSQL).
    targets = query_df(con, "SELECT program_id, soc_code FROM program_target_occupation ORDER BY soc_code")
    by_program = targets.groupby("program_id").soc_code.apply(list).to_dict() if len(targets) else {}
    frame["target_soc_codes"] = [by_program.get(pid, []) for pid in frame.program_id]
    return frame


def employer_partners(con: duckdb.DuckDBPyConnection, program_id: str | None = None) -> pd.DataFrame:
    """Employers committed to hire from a program: hires committed and made (counts of hires, not of
    participants' outcomes, reported by the employer partnership)."""
    return query_df(
        con,
        """
        SELECT e.program_id, g.program_name, e.employer_name, e.hires_committed_count, e.hires_made_count,
               e.is_generated_example
        FROM employer_partner e JOIN program g USING (program_id)
        WHERE $program IS NULL OR e.program_id = $program
        ORDER BY g.program_name, e.employer_name
    """,
        {"program": program_id},
    )


def import_log(con: duckdb.DuckDBPyConnection, limit: int = 200) -> pd.DataFrame:
    """Staff only: the most recent import attempts, newest first, each message in the current language."""
    log = query_df(
        con,
        """
        SELECT import_id, imported_utc, imported_by, import_kind, file_name, file_size_bytes, file_sha256,
               rows_in_file_count, rows_added_count, rows_updated_count, rows_unchanged_count, outcome, message,
               message_json, is_generated_example
        FROM import_log ORDER BY import_id DESC LIMIT $limit
    """,
        {"limit": int(limit)},
    )
    return shown_messages(log)


def records_status(con: duckdb.DuckDBPyConnection) -> dict:
    """What the pages say about the records: how many programs, whether any are generated examples,
    and when the last import that stored anything happened."""
    [(programs_count, generated_count)] = query_rows(
        con, "SELECT count(*), count(*) FILTER (WHERE is_generated_example) FROM program"
    )
    last = query_df(con, "SELECT max(imported_utc) AS t FROM import_log WHERE outcome = 'imported'").t.iloc[0]
    return {
        "programs_count": int(programs_count),
        "generated_programs_count": int(generated_count),
        "last_import_utc": None if pd.isna(last) else pd.Timestamp(last).strftime("%Y-%m-%d %H:%M UTC"),
    }
