"""Raw outcome counts per group, straight from participant records. PRIVATE to ``lmi.programs.outcomes``
(and to ``scorecard`` and ``roi`` beside it, which suppress the counts at the end of this module).

Nothing outside ``lmi/programs/outcomes.py`` may import this module (a test enforces it for ``ui/`` and
``app_pages/``): its frames hold unsuppressed small cells. ``lmi.programs.outcomes`` passes every frame through
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
        GROUP BY 1, 2
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
        GROUP BY 1, 2
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


def pooled_median_earnings_by_set(
    con: duckdb.DuckDBPyConnection, sets: dict[object, list[str]]
) -> dict[object, tuple[int, float | None]]:
    """``pooled_median_earnings`` for several sets of programs at once (one query): set key -> (cohort
    members employed in the 2nd quarter after exit with earnings, their median earnings). Empty sets are left
    out."""
    pairs = [(position, program_id) for position, ids in enumerate(sets.values()) for program_id in ids]
    if not pairs:
        return {}
    frame = query_df(
        con,
        f"""
        WITH wanted AS (SELECT unnest($positions) AS set_position, unnest($programs) AS program_id)
        SELECT w.set_position, count(*) AS n, median(p.earnings_q2_usd) AS m
        FROM wanted w JOIN participant p ON p.program_id = w.program_id JOIN program g ON g.program_id = p.program_id
        WHERE {_COHORT} AND p.employed_q2 AND p.earnings_q2_usd > 0
        GROUP BY w.set_position
    """,
        {"positions": [p for p, _ in pairs], "programs": [i for _, i in pairs], "excluded": _EXCLUDED_TYPES},
    )
    keys = list(sets)
    found = {int(r.set_position): (int(r.n), None if pd.isna(r.m) else float(r.m)) for r in frame.itertuples()}
    return {keys[position]: found.get(position, (0, None)) for position, ids in enumerate(sets.values()) if ids}


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


# ------------------------------------------------------------------------------------------------ scorecard, ROI
# Counted for ``lmi.programs.scorecard`` and ``lmi.programs.roi`` (definitions and reasons there).

_PROGRAM_YEAR = "CASE WHEN month({d}) >= 7 THEN year({d}) ELSE year({d}) - 1 END"


def skill_gain_counts(con: duckdb.DuckDBPyConnection, program_ids: list[str]) -> pd.DataFrame:
    """Per program and program year of participation (``group``): participants in training that year whose
    result for the year is known (``in_training_count``) and of them those whose first measurable skill gain
    is dated in the year (``skill_gain_count``). A participant counts in every year from the enrollment year
    to the exit year; a year after the first gain's year is not known (a later gain is not recorded) and is
    left out; "no gain" (recorded once exited) is known for every year of participation."""
    return query_df(
        con,
        f"""
        WITH known AS (
            SELECT program_id, measurable_skill_gain AS gained,
                   {_PROGRAM_YEAR.format(d="enrollment_date")} AS first_year,
                   {_PROGRAM_YEAR.format(d="coalesce(exit_date, measurable_skill_gain_date)")} AS last_year,
                   {_PROGRAM_YEAR.format(d="measurable_skill_gain_date")} AS gain_year
            FROM participant
            WHERE list_contains($programs, program_id) AND measurable_skill_gain IS NOT NULL
        ), years AS (
            SELECT program_id, gained, gain_year, unnest(range(first_year, last_year + 1)) AS year FROM known
        )
        SELECT program_id, CAST(year AS VARCHAR) AS "group", count(*) AS in_training_count,
               count(*) FILTER (WHERE gained AND year = gain_year) AS skill_gain_count
        FROM years
        WHERE NOT gained OR year <= gain_year
        GROUP BY 1, 2 ORDER BY program_id, "group"
    """,
        {"programs": list(program_ids)},
    )


def same_employer_counts(con: duckdb.DuckDBPyConnection, program_ids: list[str]) -> pd.DataFrame:
    """Per program and exit program year: outcome-cohort members employed in the 2nd quarter after exit
    (``employed_q2_count``, the same people as the outcome tables'), of them those whose same-employer answer
    is known (``retention_known_count``: recorded, or not employed in the 4th quarter) and those employed
    by the same employer in the 2nd and 4th quarters (``same_employer_count``)."""
    return query_df(
        con,
        f"""
        SELECT p.program_id, {_GROUP_SQL["exit_program_year"]} AS "group", count(*) AS employed_q2_count,
               count(*) FILTER (WHERE p.same_employer_q2_q4 IS NOT NULL OR NOT p.employed_q4) AS retention_known_count,
               count(*) FILTER (WHERE p.same_employer_q2_q4 AND p.employed_q4) AS same_employer_count
        FROM participant p JOIN program g USING (program_id)
        WHERE list_contains($programs, p.program_id) AND {_COHORT} AND p.employed_q2
        GROUP BY 1, 2 ORDER BY p.program_id, "group"
    """,
        {"programs": list(program_ids), "excluded": _EXCLUDED_TYPES},
    )


def earnings_before_after(con: duckdb.DuckDBPyConnection, program_ids: list[str]) -> pd.DataFrame:
    """Per program: outcome-cohort members employed in the 2nd quarter after exit with earnings then and
    pre-enrollment earnings both recorded (``both_recorded_count``), the medians of the two over those same
    people, and how many cohort members have pre-enrollment earnings recorded at all (to say what is
    missing; never shown as a number)."""
    return query_df(
        con,
        f"""
        SELECT p.program_id,
               count(*) FILTER (WHERE p.pre_enrollment_quarterly_earnings_usd IS NOT NULL) AS pre_recorded_count,
               count(*) FILTER (WHERE {_BOTH}) AS both_recorded_count,
               median(p.earnings_q2_usd) FILTER (WHERE {_BOTH}) AS earnings_q2_median_usd,
               median(p.pre_enrollment_quarterly_earnings_usd) FILTER (WHERE {_BOTH}) AS pre_enrollment_median_usd
        FROM participant p JOIN program g USING (program_id)
        WHERE list_contains($programs, p.program_id) AND {_COHORT}
        GROUP BY p.program_id ORDER BY p.program_id
    """,
        {"programs": list(program_ids), "excluded": _EXCLUDED_TYPES},
    )


_BOTH = "p.employed_q2 AND p.earnings_q2_usd > 0 AND p.pre_enrollment_quarterly_earnings_usd IS NOT NULL"


def establishments_served(con: duckdb.DuckDBPyConnection, program_ids: list[str]) -> pd.DataFrame:
    """Per program and program year of service: distinct establishments served that year
    (``served_count``), those served in the three program years before it (``served_before_count``) and, of
    those, the ones served again that year (``returning_count``)."""
    return query_df(
        con,
        f"""
        WITH served AS (
            SELECT DISTINCT program_id, establishment_id, {_PROGRAM_YEAR.format(d="service_date")} AS year
            FROM employer_service WHERE list_contains($programs, program_id)
        ), years AS (
            SELECT DISTINCT program_id, year FROM served
        )
        SELECT y.program_id, CAST(y.year AS VARCHAR) AS "group",
               (SELECT count(*) FROM served s WHERE s.program_id = y.program_id AND s.year = y.year) AS served_count,
               (SELECT count(DISTINCT s.establishment_id) FROM served s
                 WHERE s.program_id = y.program_id AND s.year BETWEEN y.year - 3 AND y.year - 1) AS served_before_count,
               (SELECT count(DISTINCT s.establishment_id) FROM served s
                 WHERE s.program_id = y.program_id AND s.year BETWEEN y.year - 3 AND y.year - 1
                   AND s.establishment_id IN (SELECT t.establishment_id FROM served t
                                              WHERE t.program_id = y.program_id AND t.year = y.year))
                 AS returning_count
        FROM years y ORDER BY y.program_id, "group"
    """,
        {"programs": list(program_ids)},
    )
