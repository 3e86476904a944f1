"""Raw outcome counts per group, straight from participant records. PRIVATE to ``lmi.programs.outcomes``.

Nothing outside ``lmi/programs/outcomes.py`` may import this module (a test enforces it for ``ui/`` and
``pages/``): its frames hold unsuppressed small cells. ``lmi.programs.outcomes`` passes every frame through
``lmi.programs.suppression`` before anything leaves the domain package.

Definitions (the reasons are in ``lmi/programs/outcomes.py``):

* outcome cohort = participants who exited and whose follow-up is complete in the records: completion,
  employment in the 2nd and 4th quarter after exit and (for programs with a credential indicator) the
  credential answer are all recorded;
* ``exiters_count``: people in the outcome cohort (the denominator of every indicator);
* ``completed_count``: of them, completed the program;
* ``credential_count``: attained a credential during participation or within one year after exit;
* ``employed_q2_count`` / ``employed_q4_count``: employed in the 2nd / 4th quarter after the exit quarter;
* ``placed_count``: completed and employed in the 2nd quarter after exit;
* ``training_related_count``: completed, employed in the 2nd quarter after exit, in a job related to
  the training.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from lmi.db import query_df
from lmi.records import vocab

NUMERATORS = (
    "completed_count",
    "credential_count",
    "employed_q2_count",
    "employed_q4_count",
    "placed_count",
    "training_related_count",
)
DENOMINATOR = "exiters_count"
GROUP = "group"
NOT_RECORDED = "not_reported"
_EXCLUDED_TYPES = sorted(vocab.CREDENTIAL_EXCLUDED_TYPES)

# The cohort and the counted outcomes as SQL over participant p joined to program g.
_COHORT = """
    p.exit_date IS NOT NULL AND p.completed IS NOT NULL AND p.employed_q2 IS NOT NULL
    AND p.employed_q4 IS NOT NULL
    AND (p.credential_attained IS NOT NULL OR list_contains($excluded, g.program_type))
"""
_COUNTS = """
    count(*)                                                                       AS exiters_count,
    count(*) FILTER (WHERE p.completed)                                            AS completed_count,
    count(*) FILTER (WHERE p.credential_attained
                       AND p.credential_date <= p.exit_date + INTERVAL 1 YEAR)      AS credential_count,
    count(*) FILTER (WHERE p.employed_q2)                                          AS employed_q2_count,
    count(*) FILTER (WHERE p.employed_q4)                                          AS employed_q4_count,
    count(*) FILTER (WHERE p.completed AND p.employed_q2)                          AS placed_count,
    count(*) FILTER (WHERE p.completed AND p.employed_q2
                       AND p.training_related_employment)                          AS training_related_count
"""
# SQL for each dimension's group value (identifiers only from this allow-list).
_GROUP_SQL = {
    "sex": f"coalesce(p.sex, '{NOT_RECORDED}')",
    "race_ethnicity": f"coalesce(p.race_ethnicity, '{NOT_RECORDED}')",
    "age_band": f"coalesce(p.age_band, '{NOT_RECORDED}')",
    **{
        column: f"CASE WHEN p.{column} THEN 'yes' WHEN NOT p.{column} THEN 'no' ELSE '{NOT_RECORDED}' END"
        for column in vocab.BARRIERS
    },
    "exit_program_year": "CAST(CASE WHEN month(p.exit_date) >= 7 THEN year(p.exit_date) "
    "ELSE year(p.exit_date) - 1 END AS VARCHAR)",
}
DIMENSION_VALUES = {
    "sex": tuple(vocab.SEX),
    "race_ethnicity": tuple(vocab.RACE_ETHNICITY),
    "age_band": (*vocab.AGE_BANDS, NOT_RECORDED),
    **{column: ("yes", "no", NOT_RECORDED) for column in vocab.BARRIERS},
}


def group_counts(con: duckdb.DuckDBPyConnection, program_ids: list[str], dimension: str) -> pd.DataFrame:
    """One row per program and group of ``dimension`` with the cohort counts. Every allowed value is a
    row, zeros included, so the rows shown never depend on the data; for ``exit_program_year`` the
    program years present in the program's cohort."""
    expression = _GROUP_SQL[dimension]
    frame = query_df(
        con,
        f"""
        SELECT p.program_id, {expression} AS "group", {_COUNTS}
        FROM participant p JOIN program g USING (program_id)
        WHERE list_contains($programs, p.program_id) AND {_COHORT}
        GROUP BY ALL
    """,
        {"programs": list(program_ids), "excluded": _EXCLUDED_TYPES},
    )
    values = DIMENSION_VALUES.get(dimension)
    if values is None:
        grid = frame[["program_id", GROUP]]
    else:
        grid = pd.DataFrame([(pid, v) for pid in program_ids for v in values], columns=["program_id", GROUP])
    full = grid.merge(frame, on=["program_id", GROUP], how="left")
    count_columns = [DENOMINATOR, *NUMERATORS]
    full[count_columns] = full[count_columns].fillna(0).astype("int64")
    return full.sort_values(["program_id", GROUP] if values is None else ["program_id"], kind="stable")


def cohort_earnings(
    con: duckdb.DuckDBPyConnection, program_ids: list[str], dimension: str | None = None
) -> pd.DataFrame:
    """Per program (and group), how many cohort members employed in the 2nd quarter after exit have
    earnings recorded, and the median of those earnings."""
    expression = _GROUP_SQL[dimension] if dimension else "'All'"
    return query_df(
        con,
        f"""
        SELECT p.program_id, {expression} AS "group", count(*) AS earnings_q2_count,
               median(p.earnings_q2_usd) AS earnings_q2_median_usd
        FROM participant p JOIN program g USING (program_id)
        WHERE list_contains($programs, p.program_id) AND {_COHORT} AND p.employed_q2 AND p.earnings_q2_usd > 0
        GROUP BY ALL
    """,
        {"programs": list(program_ids), "excluded": _EXCLUDED_TYPES},
    )


def pooled_median_earnings(con: duckdb.DuckDBPyConnection, program_ids: list[str]) -> tuple[int, float | None]:
    """Median 2nd-quarter earnings over the pooled cohort members of several programs."""
    frame = query_df(
        con,
        f"""
        SELECT count(*) AS n, median(p.earnings_q2_usd) AS m
        FROM participant p JOIN program g USING (program_id)
        WHERE list_contains($programs, p.program_id) AND {_COHORT} AND p.employed_q2 AND p.earnings_q2_usd > 0
    """,
        {"programs": list(program_ids), "excluded": _EXCLUDED_TYPES},
    )
    n, m = frame.iloc[0]
    return int(n), (None if pd.isna(m) else float(m))


def enrolled_counts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per program: participants recorded, and of them still enrolled (no exit date)."""
    return query_df(
        con,
        """
        SELECT program_id, count(*) AS enrolled_count, count(*) FILTER (WHERE exit_date IS NULL) AS in_training_count
        FROM participant GROUP BY program_id
    """,
        {},
    )
