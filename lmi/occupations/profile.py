"""An occupation's profile from O*NET: description, job zone, top skills and knowledge in plain
words, typical education, interests, and how it maps to the SOC codes BLS publishes numbers for."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from lmi.db import query_df, query_rows
from lmi.i18n import _
from lmi.occupations.levels import describe_importance, describe_level, nearest_anchor

RATING_DOMAINS = ("skill", "knowledge", "work_activity", "work_style")
JOB_ZONE_COUNT = 5  # O*NET sorts occupations into five job zones, from little to extensive preparation


class UnknownOccupationError(LookupError):
    """The O*NET-SOC code is not in the database."""


@dataclass(frozen=True)
class OccupationProfile:
    onet_soc_code: str
    title: str
    description: str
    soc_code: str
    job_zone: int | None
    job_zone_name: str | None
    job_zone_education: str | None
    job_zone_experience: str | None
    oews_soc_code: str | None
    oews_soc_title: str | None
    oews_match_method: str
    projections_soc_code: str | None
    projections_match_method: str
    has_ratings: bool

    @property
    def job_zone_words(self) -> str:
        """ "4 of 5", or "not rated" when O*NET has not placed the occupation in a job zone."""
        if not self.job_zone:
            return _("not rated")
        return _("{zone} of {zones}").format(zone=self.job_zone, zones=JOB_ZONE_COUNT)


def get_profile(con: duckdb.DuckDBPyConnection, onet_soc_code: str) -> OccupationProfile:
    rows = query_rows(
        con,
        """
        SELECT o.onet_soc_code, o.title, o.description, o.soc_code, o.job_zone, z.name, z.education, z.experience,
               x.oews_soc_code, s.title, x.oews_match_method, x.projections_soc_code, x.projections_match_method,
               o.has_ratings
        FROM core_occupation o
        LEFT JOIN core_job_zone z USING (job_zone)
        LEFT JOIN core_onet_soc_crosswalk x USING (onet_soc_code)
        LEFT JOIN core_soc_occupation s ON s.soc_code = x.oews_soc_code
        WHERE o.onet_soc_code = $code
    """,
        {"code": onet_soc_code},
    )
    if not rows:
        raise UnknownOccupationError(_("no occupation with O*NET-SOC code {code}").format(code=repr(onet_soc_code)))
    r = rows[0]
    return OccupationProfile(
        r[0],
        r[1],
        r[2],
        r[3],
        None if pd.isna(r[4]) else int(r[4]),
        r[5],
        r[6],
        r[7],
        r[8],
        r[9],
        r[10],
        r[11],
        r[12],
        bool(r[13]),
    )


def top_ratings(con: duckdb.DuckDBPyConnection, onet_soc_code: str, domain: str, limit: int = 10) -> pd.DataFrame:
    """The ``limit`` most important elements of one domain, with level and importance in words and
    O*NET's closest anchor example of what that level means."""
    if domain not in RATING_DOMAINS:
        raise ValueError(f"domain must be one of {RATING_DOMAINS}")
    frame = query_df(
        con,
        """
        SELECT r.element_id, r.element_name, e.description AS element_description, r.importance, r.level,
               r.level_suppress_recommended
        FROM core_occupation_rating r
        LEFT JOIN core_element e USING (element_id)
        WHERE r.onet_soc_code = $code AND r.domain = $domain AND r.importance IS NOT NULL
        ORDER BY r.importance DESC, r.level DESC NULLS LAST, r.element_name
        LIMIT $limit
    """,
        {"code": onet_soc_code, "domain": domain, "limit": limit},
    )
    anchors = level_anchors(con, frame.element_id.tolist())
    frame["importance_words"] = frame.importance.map(describe_importance)
    frame["level_words"] = frame.level.map(describe_level)
    frame["level_example"] = [
        nearest_anchor(level, anchors.get(element, [])) for element, level in zip(frame.element_id, frame.level)
    ]
    return frame


def level_anchors(con: duckdb.DuckDBPyConnection, element_ids: list[str]) -> dict[str, list[tuple[float, str]]]:
    """O*NET's level anchors (value, example) per element, for ``lmi.occupations.levels.nearest_anchor``."""
    if not element_ids:
        return {}
    rows = query_rows(
        con,
        """
        SELECT element_id, anchor_value, anchor_description FROM core_level_anchor
        WHERE scale_id = 'LV' AND list_contains($ids, element_id)
    """,
        {"ids": element_ids},
    )
    anchors: dict[str, list[tuple[float, str]]] = {}
    for element_id, value, description in rows:
        anchors.setdefault(element_id, []).append((value, description))
    return anchors


def education_distribution(con: duckdb.DuckDBPyConnection, onet_soc_code: str) -> pd.DataFrame:
    """Share of incumbents saying each education level is required (O*NET 'RL' scale), high to low."""
    return query_df(
        con,
        """
        SELECT category, category_description, respondents_pct
        FROM core_occupation_ete
        WHERE onet_soc_code = $code AND scale_id = 'RL' AND respondents_pct > 0
        ORDER BY respondents_pct DESC, category
    """,
        {"code": onet_soc_code},
    )


def typical_education(con: duckdb.DuckDBPyConnection, onet_soc_code: str) -> dict:
    """The most-reported required education (O*NET) beside BLS's typical entry-level education."""
    distribution = education_distribution(con, onet_soc_code)
    rows = query_rows(
        con,
        """
        SELECT p.typical_entry_education, p.related_work_experience, p.typical_on_the_job_training
        FROM core_onet_soc_crosswalk x JOIN core_projection p ON p.soc_code = x.projections_soc_code
        WHERE x.onet_soc_code = $code
    """,
        {"code": onet_soc_code},
    )
    bls = rows[0] if rows else (None, None, None)
    top = distribution.iloc[0] if len(distribution) else None
    return {
        "onet_most_reported": None if top is None else _short_education(top.category_description),
        "onet_most_reported_pct": None if top is None else float(top.respondents_pct),
        "bls_typical_entry_education": bls[0],
        "bls_work_experience": bls[1],
        "bls_on_the_job_training": bls[2],
    }


def _short_education(description: str) -> str:
    """O*NET category texts carry long explanations after " - "; keep the name."""
    return description.split(" - ")[0].strip()


def interests(con: duckdb.DuckDBPyConnection, onet_soc_code: str) -> pd.DataFrame:
    return query_df(
        con,
        """
        SELECT interest, score_1_to_7 FROM core_occupation_interest
        WHERE onet_soc_code = $code ORDER BY score_1_to_7 DESC
    """,
        {"code": onet_soc_code},
    )
