"""Stepping stones: when a desirable occupation is too far to move into directly, a two-step
path through an intermediate occupation that is itself hiring locally.

- A **desirable target** pays at least ``DESIRABLE_WAGE_RATIO`` (110%) of now (from a
  self-assessment without pay: 110% of the stepping stone's median, so the path climbs), has at
  least the threshold number of jobs in the region, and is *not* reachable directly: it is not among the
  ranked transitions, because it is less alike than the similarity threshold, needs a larger job
  zone or education step than allowed, or is not among the 50 occupations most like the origin.
- A **stepping stone** is one of the ranked transitions (so it passes every threshold from the
  origin, including local jobs and pay), from which the target passes the similarity, job zone
  and education thresholds.
- A path is as strong as its weaker step: paths are ordered by the smaller of the two
  similarities, then by the target's estimated openings here. For each target the strongest path
  is kept.
- Jobs, pay and openings come from the one demand model (``lmi.demand``), at the BLS code they are
  published at; where a figure is a BLS group's (``demand_is_shared``) the path names the group
  (``demand_basis``) beside the number, for the first step and for the target alike.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lmi.demand import describe_openings
from lmi.i18n import N_, _
from lmi.transitions.ranking import EDUCATION_RANK, TransitionEngine, TransitionResult, compare_to_origin
from lmi.transitions.similarity_method import NEIGHBOURS_KEPT

DESIRABLE_WAGE_RATIO = 1.10
# ``pay_compared_with`` keys -> English words, marked for the catalog (shown through ``compared_with_words``)
COMPARED_WITH_WORDS = {"now": N_("now"), "first step": N_("first step")}
# the target's demand figures a path carries, with whose numbers they are (lmi.demand.columns)
TARGET_DEMAND_COLUMNS = (
    "demand_soc_code",
    "demand_title",
    "demand_grain",
    "demand_is_shared",
    "demand_basis",
    "local_employment_count",
    "location_quotient",
    "local_annual_openings_est_count",
)


def stepping_stones(engine: TransitionEngine, result: TransitionResult, limit: int = 10) -> pd.DataFrame:
    """Best two-step paths to desirable targets that are too far for a direct move."""
    t = result.thresholds
    stones = result.ranked[
        [
            "target_onet_soc_code",
            "target_title",
            "similarity_score",
            "target_job_zone",
            "typical_entry_education",
            "local_employment_count",
            "local_annual_wage_median_usd",
            "national_annual_wage_median_usd",
            "demand_is_shared",
            "demand_basis",
        ]
    ]
    if stones.empty:
        return _empty()
    steps = pd.concat([_second_steps(engine, stone) for stone in stones.itertuples()], ignore_index=True)
    steps = steps[
        (steps.second_similarity >= t.min_similarity)
        & ~steps.target_onet_soc_code.isin(set(result.ranked.target_onet_soc_code))
        & (steps.target_onet_soc_code != (result.origin.onet_soc_code or ""))
    ]
    steps = steps[_within_steps(steps, t.max_job_zone_step)]
    if steps.empty:
        return _empty()
    targets = engine.facts(result.area_code, steps.target_onet_soc_code.unique().tolist())
    targets = compare_to_origin(targets.rename(columns={"job_zone": "target_job_zone"}), result.origin)
    steps = steps.merge(
        targets[
            [
                "onet_soc_code",
                *TARGET_DEMAND_COLUMNS,
                "wage_ratio",
                "wage_ratio_basis",
                "same_bls_occupation",
                "typical_entry_education",
                "local_annual_wage_median_usd",
                "national_annual_wage_median_usd",
            ]
        ].rename(
            columns={"onet_soc_code": "target_onet_soc_code", "typical_entry_education": "target_entry_education"}
        ),
        on="target_onet_soc_code",
    )
    second_education = [education_step(a, b) for a, b in zip(steps.via_entry_education, steps.target_entry_education)]
    education_ok = pd.Series([e is None or e <= t.max_education_step for e in second_education], index=steps.index)
    steps["pay_compared_with"] = np.where(steps.wage_ratio.notna(), "now", "first step")
    steps["wage_ratio"] = steps.wage_ratio.fillna(_ratio_to_stone(steps))
    desirable = (
        (steps.wage_ratio >= DESIRABLE_WAGE_RATIO)
        & (steps.local_employment_count >= t.min_local_jobs)
        & ~steps.same_bls_occupation
        & education_ok
    )
    steps = steps[desirable].copy()
    if steps.empty:
        return _empty()
    steps["path_strength"] = np.minimum(steps.first_similarity, steps.second_similarity)
    steps = (
        steps.sort_values(["path_strength", "local_annual_openings_est_count"], ascending=False)
        .drop_duplicates("target_onet_soc_code")
        .head(limit)
        .reset_index(drop=True)
    )
    steps["why_not_direct"] = [_why_not_direct(code, result) for code in steps.target_onet_soc_code]
    steps["path"] = [_sentence(row, result) for row in steps.itertuples()]
    return steps


def _second_steps(engine: TransitionEngine, stone) -> pd.DataFrame:
    """Occupations most like one stepping stone, with both steps' similarities."""
    frame = engine.neighbours.neighbours(stone.target_onet_soc_code)
    return pd.DataFrame(
        {
            "via_onet_soc_code": stone.target_onet_soc_code,
            "via_title": stone.target_title,
            "via_job_zone": stone.target_job_zone,
            "via_entry_education": stone.typical_entry_education,
            "via_local_employment_count": stone.local_employment_count,
            "via_demand_is_shared": stone.demand_is_shared,
            "via_demand_basis": stone.demand_basis,
            "via_local_annual_wage_median_usd": stone.local_annual_wage_median_usd,
            "via_national_annual_wage_median_usd": stone.national_annual_wage_median_usd,
            "first_similarity": stone.similarity_score,
            "target_onet_soc_code": frame.target_onet_soc_code.to_numpy(),
            "target_title": frame.target_title.to_numpy(),
            "target_job_zone": frame.target_job_zone.to_numpy(),
            "second_similarity": frame.similarity_score.to_numpy(),
        }
    )


def _within_steps(steps: pd.DataFrame, max_job_zone_step: int) -> pd.Series:
    """The second step respects the job zone threshold (education is checked once targets are known)."""
    zone_step = steps.target_job_zone - steps.via_job_zone
    return zone_step.isna() | (zone_step <= max_job_zone_step)


def _why_not_direct(target_code: str, result: TransitionResult) -> str:
    aside = result.set_aside[result.set_aside.target_onet_soc_code == target_code]
    if len(aside):
        return aside.reasons_set_aside.iloc[0]
    return _("not among the {count} occupations most like where you start").format(count=NEIGHBOURS_KEPT)


def compared_with_words(key) -> str:
    """A ``pay_compared_with`` key ("now", "first step") in words, in the visitor's language."""
    return _(COMPARED_WITH_WORDS[key]) if key in COMPARED_WITH_WORDS else str(key)


def _sentence(row, result: TransitionResult) -> str:
    first = (
        _("{title} (similarity {similarity:.0f}, {jobs:,.0f} jobs in {area} for {basis})")
        if bool(row.via_demand_is_shared)
        else _("{title} (similarity {similarity:.0f}, {jobs:,.0f} jobs in {area})")
    ).format(
        title=row.via_title,
        similarity=row.first_similarity,
        jobs=row.via_local_employment_count,
        area=result.area_label,
        basis=row.via_demand_basis,
    )
    jobs = (
        _("{jobs:,.0f} jobs here for {basis}") if bool(row.demand_is_shared) else _("{jobs:,.0f} jobs here")
    ).format(jobs=row.local_employment_count, basis=row.demand_basis)
    pay = (
        (
            _("median pay here {share:.0%} of now")
            if pd.notna(row.local_annual_wage_median_usd)
            else _("median pay nationally {share:.0%} of now")
        )
        if row.pay_compared_with == "now"
        else (
            _("median pay here {share:.0%} of {title}'s")
            if pd.notna(row.local_annual_wage_median_usd)
            else _("median pay nationally {share:.0%} of {title}'s")
        )
    ).format(share=row.wage_ratio, title=row.via_title)
    return _(
        "{first} then {target} (similarity {similarity:.0f} from there; {jobs}, openings {openings} (estimate); "
        "{pay}). Not direct: {why_not}."
    ).format(
        first=first,
        target=row.target_title,
        similarity=row.second_similarity,
        jobs=jobs,
        openings=describe_openings(row.local_annual_openings_est_count),
        pay=pay,
        why_not=row.why_not_direct,
    )


def _ratio_to_stone(steps: pd.DataFrame) -> pd.Series:
    """Target median over the stepping stone's median, in the region when both are published."""
    local = steps.local_annual_wage_median_usd / steps.via_local_annual_wage_median_usd
    national = steps.national_annual_wage_median_usd / steps.via_national_annual_wage_median_usd
    return local.where(local.notna(), national)


def _empty() -> pd.DataFrame:
    return pd.DataFrame(
        columns=[
            "via_onet_soc_code",
            "via_title",
            "first_similarity",
            "via_demand_basis",
            "via_demand_is_shared",
            "target_onet_soc_code",
            "target_title",
            "second_similarity",
            "path_strength",
            *TARGET_DEMAND_COLUMNS,
            "wage_ratio",
            "pay_compared_with",
            "why_not_direct",
            "path",
        ]
    )


def education_step(from_education: str | None, to_education: str | None) -> int | None:
    """Rungs between two BLS education categories (None when either is unknown)."""
    low, high = EDUCATION_RANK.get(from_education or ""), EDUCATION_RANK.get(to_education or "")
    return None if low is None or high is None else high - low


def method_text() -> str:
    """Stepping stones in words, from ``DESIRABLE_WAGE_RATIO`` (the page's section and its method)."""
    return _(
        "Occupations that pay at least {share:.0%} of now (without your pay: of the first step) and "
        "are hiring here, but are too far for a direct move, reached through one of the ranked occupations (itself "
        "hiring here). Both steps must pass the similarity, job zone and education thresholds; a path is as strong "
        "as its weaker step."
    ).format(share=DESIRABLE_WAGE_RATIO)


def sources_note() -> str:
    """Whose figures a path shows, under the stepping stones table."""
    return _(
        "Jobs, openings and location quotient are the target's in the region; “Whose numbers” names the BLS group "
        "when they are a group's. The path names the group for the first step too."
    )
