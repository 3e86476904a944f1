"""What must the worker learn to move into a target occupation: the skills and knowledge the
target needs at a higher level than now, and the step in preparation (job zone, education,
training).

A gap is an element (O*NET skill or knowledge area) where the target's level exceeds the current
level by at least ``MIN_GAP_LEVELS`` (half a point on O*NET's 0-7 scale; O*NET's level estimates
carry about that much uncertainty) and that the target rates at least "somewhat important"
(importance >= 2 of 5). Gaps are ordered by importance x gap, so a large gap in something
essential comes before a large gap in something peripheral. Target levels O*NET itself
recommends suppressing (imprecise estimates) are left out. From a self-assessment, only the skills
the worker rated can be compared.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from lmi.db import query_df, query_rows
from lmi.i18n import _
from lmi.occupations.levels import describe_level, nearest_anchor
from lmi.occupations.profile import UnknownOccupationError, level_anchors, typical_education

MIN_GAP_LEVELS = 0.5
MIN_TARGET_IMPORTANCE = 2.0
GAP_DOMAINS = ("skill", "knowledge")


def occupation_gaps(
    con: duckdb.DuckDBPyConnection,
    origin_code: str,
    target_code: str,
    min_gap: float = MIN_GAP_LEVELS,
    min_importance: float = MIN_TARGET_IMPORTANCE,
) -> pd.DataFrame:
    """Skills and knowledge the target needs at a higher level than the origin occupation."""
    _require(con, origin_code)
    current = query_df(
        con,
        """
        SELECT element_id, level AS current_level FROM core_occupation_rating
        WHERE onet_soc_code = $code AND list_contains($domains, domain)
    """,
        {"code": origin_code, "domains": list(GAP_DOMAINS)},
    )
    return _gaps(con, target_code, current, min_gap, min_importance)


def self_assessment_gaps(
    con: duckdb.DuckDBPyConnection,
    skill_levels: dict[str, float],
    target_code: str,
    min_gap: float = MIN_GAP_LEVELS,
    min_importance: float = MIN_TARGET_IMPORTANCE,
) -> pd.DataFrame:
    """Skills the target needs at a higher level than the worker rated themselves (rated skills only)."""
    current = pd.DataFrame(
        {"element_id": list(skill_levels), "current_level": [float(v) for v in skill_levels.values()]}
    )
    return _gaps(con, target_code, current, min_gap, min_importance)


def _gaps(
    con: duckdb.DuckDBPyConnection, target_code: str, current: pd.DataFrame, min_gap: float, min_importance: float
) -> pd.DataFrame:
    _require(con, target_code)
    frame = query_df(
        con,
        """
        SELECT t.domain, t.element_id, t.element_name, t.importance AS target_importance,
               t.level AS target_level, c.current_level,
               t.level - c.current_level AS gap_levels,
               t.importance * (t.level - c.current_level) AS priority
        FROM core_occupation_rating t
        JOIN (SELECT unnest($ids) AS element_id, unnest($levels) AS current_level) c USING (element_id)
        WHERE t.onet_soc_code = $target AND list_contains($domains, t.domain)
          AND NOT t.level_suppress_recommended AND NOT t.level_not_relevant
          AND t.importance >= $importance AND t.level - c.current_level >= $gap
        ORDER BY priority DESC, t.element_name
    """,
        {
            "target": target_code,
            "domains": list(GAP_DOMAINS),
            "importance": min_importance,
            "gap": min_gap,
            "ids": current.element_id.astype(str).tolist(),
            "levels": [float(v) for v in current.current_level],
        },
    )
    anchors = level_anchors(con, frame.element_id.tolist())
    frame["target_level_words"] = frame.target_level.map(describe_level)
    frame["current_level_words"] = frame.current_level.map(describe_level)
    frame["target_level_example"] = [
        nearest_anchor(level, anchors.get(element, [])) for element, level in zip(frame.element_id, frame.target_level)
    ]
    return frame


def _require(con: duckdb.DuckDBPyConnection, onet_soc_code: str) -> None:
    if not query_rows(con, "SELECT 1 FROM core_occupation WHERE onet_soc_code = $c", {"c": onet_soc_code}):
        raise UnknownOccupationError(_("no occupation with O*NET-SOC code {code}").format(code=repr(onet_soc_code)))


def preparation_step(con: duckdb.DuckDBPyConnection, target_code: str, origin_job_zone: int | None = None) -> dict:
    """The target's preparation: O*NET job zone (and the step from ``origin_job_zone``), what the
    job zone means, BLS typical entry education, work experience and on-the-job training, and the
    education most incumbents report (O*NET)."""
    _require(con, target_code)
    rows = query_rows(
        con,
        """
        SELECT o.job_zone, z.name, z.education, z.experience, z.job_training
        FROM core_occupation o LEFT JOIN core_job_zone z USING (job_zone) WHERE o.onet_soc_code = $c
    """,
        {"c": target_code},
    )
    zone, name, education, experience, training = rows[0]
    zone = None if zone is None or pd.isna(zone) else int(zone)
    bls = typical_education(con, target_code)
    return {
        "target_job_zone": zone,
        "job_zone_step": None if zone is None or origin_job_zone is None else zone - origin_job_zone,
        "job_zone_name": name,
        "job_zone_education": education,
        "job_zone_experience": experience,
        "job_zone_training": training,
        "bls_typical_entry_education": bls["bls_typical_entry_education"],
        "bls_work_experience": bls["bls_work_experience"],
        "bls_on_the_job_training": bls["bls_on_the_job_training"],
        "onet_most_reported_education": bls["onet_most_reported"],
        "onet_most_reported_education_pct": bls["onet_most_reported_pct"],
    }


def method_note(now_words: str, from_self_assessment: bool) -> str:
    """Which gaps are listed and in what order (under the gap table); ``now_words``: "level now" or "your level"
    (in the visitor's language)."""
    note = _(
        "Listed: elements the target rates at least somewhat important (importance ≥ {importance:g}) and "
        "needs at least {gap:g} level above {now}, largest importance x gap first. Levels O*NET "
        "recommends suppressing (imprecise) are left out."
    ).format(importance=MIN_TARGET_IMPORTANCE, gap=MIN_GAP_LEVELS, now=now_words)
    return note + (" " + _("Only the skills you rated are compared.") if from_self_assessment else "")


def no_gaps_sentence(target_title: str, from_self_assessment: bool) -> str:
    """When no element needs a higher level."""
    if from_self_assessment:
        return _(
            "No skill that {title} rates at least somewhat important needs a level {gap:g} or more above yours."
        ).format(title=target_title, gap=MIN_GAP_LEVELS)
    return _(
        "No skill or knowledge area that {title} rates at least somewhat important needs a level {gap:g} or more "
        "above the level now."
    ).format(title=target_title, gap=MIN_GAP_LEVELS)
