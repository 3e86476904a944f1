"""The rest of an occupation's O*NET profile: what people do (work activities, tasks), how they work (work
styles, interests, and, from a downloaded full release, abilities and work context: "how and with whom you
work"), and the technology they use (hot technologies flagged in words).

People compare jobs by these, so each section is one frame a page can show and offer as CSV. The shipped
snapshot lacks O*NET's Task Ratings, Abilities and Work Context (the project's copy of 29.3 does not carry
them); ``missing_parts`` names what this database lacks so the page can say so, and ``tasks`` ranks by
importance only when Task Ratings were loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from lmi.db import query_df, query_rows
from lmi.i18n import N_, _
from lmi.occupations.levels import describe_importance, describe_level
from lmi.occupations.profile import top_ratings

# O*NET's importance scale (IM) and level scale (LV), as the sections state them beside the numbers
IMPORTANCE_SCALE = (1, 5)
LEVEL_SCALE = (0, 7)
INTEREST_SCALE = (1, 7)
RIASEC = ("Realistic", "Investigative", "Artistic", "Social", "Enterprising", "Conventional")
# Task types as O*NET publishes them; a task without a type has not been rated yet (English, for the catalog)
TASK_TYPE_WORDS = {"Core": N_("Core"), "Supplemental": N_("Supplemental"), None: N_("Not yet rated")}
TASK_TYPE_ORDER = {"Core": 0, "Supplemental": 1, None: 2}
# Work context groups: the first three levels of O*NET's element ids (English, for the catalog)
WORK_CONTEXT_GROUPS = {
    "4.C.1": N_("Working with others"),
    "4.C.2": N_("Physical conditions"),
    "4.C.3": N_("Schedule and structure of the job"),
}


@dataclass(frozen=True)
class ProfilePart:
    """One part of a full O*NET release the database may lack: its key and its name in English (catalog)."""

    key: str
    name: str
    table: str
    column: str


FULL_RELEASE_PARTS = (
    ProfilePart("task_ratings", N_("Task Ratings"), "core_occupation_task", "importance"),
    ProfilePart("abilities", N_("Abilities"), "core_occupation_ability", "element_id"),
    ProfilePart("work_context", N_("Work Context"), "core_occupation_work_context", "element_id"),
)


def loaded_parts(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Keys of the full-release parts this database holds rows of (none for the shipped snapshot)."""
    loaded = set()
    for part in FULL_RELEASE_PARTS:
        rows = query_rows(con, f"SELECT EXISTS (SELECT 1 FROM {part.table} WHERE {part.column} IS NOT NULL)")
        if rows and rows[0][0]:
            loaded.add(part.key)
    return loaded


def missing_parts(con: duckdb.DuckDBPyConnection) -> tuple[str, ...]:
    """Names (in the visitor's language) of the full-release parts this database lacks."""
    loaded = loaded_parts(con)
    return tuple(_(part.name) for part in FULL_RELEASE_PARTS if part.key not in loaded)


def has_task_ratings(con: duckdb.DuckDBPyConnection) -> bool:
    return "task_ratings" in loaded_parts(con)


def work_activities(con: duckdb.DuckDBPyConnection, onet_soc_code: str, limit: int = 10) -> pd.DataFrame:
    """The most important generalized work activities, importance (1-5) and level (0-7) with words."""
    return _rated(top_ratings(con, onet_soc_code, "work_activity", limit))


def work_styles(con: duckdb.DuckDBPyConnection, onet_soc_code: str, limit: int = 10) -> pd.DataFrame:
    """The most important work styles (O*NET rates only their importance, 1-5)."""
    frame = _rated(top_ratings(con, onet_soc_code, "work_style", limit))
    return frame.drop(columns=["level", "level_words"])


def _rated(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns a rating section shows and downloads, numbers beside their words."""
    return frame[["element_id", "element_name", "importance", "importance_words", "level", "level_words"]]


def interest_profile(con: duckdb.DuckDBPyConnection, onet_soc_code: str) -> pd.DataFrame:
    """All six RIASEC interests with O*NET's score (1-7) and, for the three high points, their rank (1-3)."""
    return query_df(
        con,
        """
        SELECT i.interest, i.score_1_to_7, c.rank AS high_point_rank
        FROM core_occupation_interest i
        LEFT JOIN core_occupation_interest_code c USING (onet_soc_code, interest)
        WHERE i.onet_soc_code = $code
        ORDER BY i.score_1_to_7 DESC, i.interest
    """,
        {"code": onet_soc_code},
    )


def high_point_code(con: duckdb.DuckDBPyConnection, onet_soc_code: str) -> str:
    """O*NET's interest code: the first letters of the (up to three) high-point interests, "SIC" for registered
    nurses (Social, Investigative, Conventional); empty when O*NET has none."""
    rows = query_rows(
        con,
        "SELECT interest FROM core_occupation_interest_code WHERE onet_soc_code = $code ORDER BY rank",
        {"code": onet_soc_code},
    )
    return "".join(interest[0] for (interest,) in rows if interest)


def tasks(con: duckdb.DuckDBPyConnection, onet_soc_code: str) -> pd.DataFrame:
    """The occupation's tasks, core before supplemental before not yet rated; within each, by importance
    (Task Ratings) when the database has them, else in O*NET's own order (task id)."""
    frame = query_df(
        con,
        """
        SELECT task_id, task_text, task_type, importance, relevance_pct, incumbents_responding_pct, rated_month
        FROM core_occupation_task WHERE onet_soc_code = $code
    """,
        {"code": onet_soc_code},
    )
    frame["task_type"] = frame.task_type.astype(object).where(frame.task_type.notna(), None)
    frame["type_order"] = frame.task_type.map(TASK_TYPE_ORDER)
    frame = frame.sort_values(
        ["type_order", "importance", "task_id"], ascending=[True, False, True], na_position="last"
    )
    frame["task_type_words"] = frame.task_type.map(lambda kind: _(TASK_TYPE_WORDS[kind]))
    frame["importance_words"] = frame.importance.map(describe_importance)
    return frame.drop(columns="type_order").reset_index(drop=True)


def technology_skills(con: duckdb.DuckDBPyConnection, onet_soc_code: str) -> pd.DataFrame:
    """Technology the occupation uses; hot technologies (frequently named in employers' job postings) first,
    each flag also in words."""
    frame = query_df(
        con,
        """
        SELECT technology, commodity_title, is_hot_technology, is_in_demand
        FROM core_occupation_technology WHERE onet_soc_code = $code
        ORDER BY is_hot_technology DESC, is_in_demand DESC, technology
    """,
        {"code": onet_soc_code},
    )
    frame["flag_words"] = [_flag_words(hot, demand) for hot, demand in zip(frame.is_hot_technology, frame.is_in_demand)]
    return frame


def _flag_words(hot: bool, in_demand: bool) -> str:
    if hot and in_demand:
        return _("Hot technology, in demand")
    return _("Hot technology") if hot else ""


def abilities(con: duckdb.DuckDBPyConnection, onet_soc_code: str, limit: int = 10) -> pd.DataFrame:
    """The most important abilities (full release only; empty for the shipped snapshot)."""
    frame = query_df(
        con,
        """
        SELECT element_id, element_name, importance, level
        FROM core_occupation_ability
        WHERE onet_soc_code = $code AND importance IS NOT NULL
        ORDER BY importance DESC, level DESC NULLS LAST, element_name
        LIMIT $limit
    """,
        {"code": onet_soc_code, "limit": limit},
    )
    frame["importance_words"] = frame.importance.map(describe_importance)
    frame["level_words"] = frame.level.map(describe_level)
    return frame[["element_id", "element_name", "importance", "importance_words", "level", "level_words"]]


def work_context(con: duckdb.DuckDBPyConnection, onet_soc_code: str, limit: int = 12) -> pd.DataFrame:
    """How and with whom the work is done (full release only): the conditions that most mark the occupation,
    highest on their own scale first, with the answer most workers gave and its share."""
    frame = query_df(
        con,
        """
        SELECT element_id, element_name, context_score, context_scale_max, context_score_pct,
               most_common_answer, most_common_answer_pct
        FROM core_occupation_work_context
        WHERE onet_soc_code = $code AND context_score IS NOT NULL
        ORDER BY context_score_pct DESC, element_name
        LIMIT $limit
    """,
        {"code": onet_soc_code, "limit": limit},
    )
    frame.insert(1, "context_group", frame.element_id.map(_context_group))
    return frame


def _context_group(element_id: str) -> str:
    group = WORK_CONTEXT_GROUPS.get(".".join(str(element_id).split(".")[:3]))
    return _(group) if group else ""
