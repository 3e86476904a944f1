"""Stepping stones: when a desirable occupation is too far to move into directly, a two-step
path through an intermediate occupation that is itself hiring locally.

- A **desirable target** pays at least ``DESIRABLE_WAGE_RATIO`` (110%) of now (from a
  self-assessment without pay: 110% of the stepping stone's median, so the path climbs), has at
  least the threshold number of jobs in the region, and is *not* reachable directly: it is not among the
  ranked transitions, because it is less alike than the similarity threshold, needs a larger job
  zone or education step than allowed, or is not among the 50 occupations most like the origin.
- A **stepping stone** is one of the ranked transitions (so it passes every threshold from the
  origin, including local jobs and pay, and is hiring here), from which the target passes the similarity,
  job zone and education thresholds (the education step from the stone's typical rung to the target's entry
  rung, ``lmi.transitions.ladder``).
- A stone **sits between the two rungs** (``sits_between``) when its job zone lies from now's to the
  target's and its entry education from now's up to the target's, strictly below the target's when the target
  needs more education than now: a rung on the way, not a second credential at the target's own level
  (Physical Therapist Assistants, entered with an associate's degree, are not a rung below Registered Nurses,
  also entered with one; Licensed Practical Nurses, entered with a certificate, are). For each target the
  path through a stone that sits between is preferred, then the stronger path, then the stone with more
  estimated openings here; each path says in words why its stone was chosen (``why_via``).
- **A career ladder to a direct move**: a ranked target a rung up from now (more education or preparation)
  also gets a path when a stone sits between and each step is a smaller jump than the direct move (the
  path's weaker similarity above the direct one): Nursing Assistants -> Licensed Practical Nurses ->
  Registered Nurses in Hartford. ``target_is_direct`` marks these paths.
- A path is as strong as its weaker step: paths are ordered by the smaller of the two
  similarities, then by the target's estimated openings here.
- Jobs, pay and openings come from the one demand model (``lmi.demand``), at the BLS code they are
  published at; where a figure is a BLS group's (``demand_is_shared``) the path names the group
  (``demand_basis``) beside the number, for the first step and for the target alike.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lmi.demand import describe_openings
from lmi.i18n import N_, _
from lmi.transitions.ladder import education_rule_text
from lmi.transitions.ranking import (
    EDUCATION_BELOW_WORDS,
    EDUCATION_RANK,
    TransitionEngine,
    TransitionResult,
    compare_to_origin,
)
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
    """Best two-step paths to desirable targets that are too far for a direct move, and career ladders to
    direct moves a rung up through a stone that sits between (module docstring)."""
    t = result.thresholds
    stones = result.ranked[list(STONE_COLUMNS)]
    if stones.empty:
        return _empty()
    steps = _second_steps(engine, stones)
    steps = steps[
        (steps.second_similarity >= t.min_similarity)
        & (steps.target_onet_soc_code != (result.origin.onet_soc_code or ""))
    ]
    steps = steps[_within_steps(steps, t.max_job_zone_step) & (steps.target_onet_soc_code != steps.via_onet_soc_code)]
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
                "entry_education",
                "education_step",
                "local_annual_wage_median_usd",
                "national_annual_wage_median_usd",
            ]
        ].rename(
            columns={
                "onet_soc_code": "target_onet_soc_code",
                "typical_entry_education": "target_typical_entry_education",
                "entry_education": "target_entry_education",
                "education_step": "target_education_step",
            }
        ),
        on="target_onet_soc_code",
    )
    second_education = [education_step(a, b) for a, b in zip(steps.via_typical_education, steps.target_entry_education)]
    education_ok = pd.Series([e is None or e <= t.max_education_step for e in second_education], index=steps.index)
    steps["pay_compared_with"] = np.where(steps.wage_ratio.notna(), "now", "first step")
    steps["wage_ratio"] = steps.wage_ratio.fillna(_ratio_to_stone(steps))
    steps["stone_between"] = sits_between(steps, result.origin)
    steps["path_strength"] = np.minimum(steps.first_similarity, steps.second_similarity)
    direct = result.ranked.set_index("target_onet_soc_code")
    steps["target_is_direct"] = steps.target_onet_soc_code.isin(direct.index)
    steps["direct_similarity"] = steps.target_onet_soc_code.map(_direct_similarity(result)).astype("float64")
    desirable = (
        (steps.wage_ratio >= DESIRABLE_WAGE_RATIO)
        & (steps.local_employment_count >= t.min_local_jobs)
        & ~steps.same_bls_occupation
        & education_ok
        & (~steps.target_is_direct | _ladder_to_direct(steps, result))
    )
    steps = steps[desirable].copy()
    if steps.empty:
        return _empty()
    steps = (
        steps.sort_values(
            ["stone_between", "path_strength", "via_local_annual_openings_est_count"], ascending=False, kind="stable"
        )
        .drop_duplicates("target_onet_soc_code")
        .sort_values(["path_strength", "local_annual_openings_est_count"], ascending=False, kind="stable")
    )
    steps = steps[~_repeated_direct_figure(steps)].head(limit).reset_index(drop=True)
    steps["why_not_direct"] = [_why_not_direct(row, result) for row in steps.itertuples()]
    steps["why_via"] = [why_via(row, result) for row in steps.itertuples()]
    steps["path"] = [_sentence(row, result) for row in steps.itertuples()]
    return steps


# A stone's columns as its paths carry them (the first step's end is the second step's start), and a next step's.
_VIA_COLUMNS = {
    "target_onet_soc_code": "via_onet_soc_code",
    "target_title": "via_title",
    "target_job_zone": "via_job_zone",
    "typical_entry_education": "via_typical_entry_education",
    "entry_education": "via_entry_education",
    "typical_education": "via_typical_education",
    "local_annual_openings_est_count": "via_local_annual_openings_est_count",
    "local_employment_count": "via_local_employment_count",
    "demand_is_shared": "via_demand_is_shared",
    "demand_basis": "via_demand_basis",
    "local_annual_wage_median_usd": "via_local_annual_wage_median_usd",
    "national_annual_wage_median_usd": "via_national_annual_wage_median_usd",
    "similarity_score": "first_similarity",
}
_NEXT_STEP_COLUMNS = ["target_onet_soc_code", "target_title", "target_job_zone", "similarity_score"]
STONE_COLUMNS = tuple(_VIA_COLUMNS)


def _rung(education) -> float:
    """An education category's rung on ``EDUCATION_RANK`` (NaN when unknown)."""
    return float(EDUCATION_RANK.get(education, np.nan)) if isinstance(education, str) else np.nan


def sits_between(steps: pd.DataFrame, origin) -> pd.Series:
    """Whether each path's stone sits between now and the target: job zone from now's to the target's, entry
    education from now's up to the target's entry rung, strictly below it when the target needs more education
    than now. What is not known from now (a self-assessment without education) sets no lower bound; a stone or
    target without a rung or job zone is not between (we cannot say)."""
    now_rung = _rung(origin.education)
    now_zone = float(origin.job_zone) if origin.job_zone is not None else np.nan
    stone_rung = steps.via_entry_education.map(_rung).astype("float64")
    target_rung = steps.target_entry_education.map(_rung).astype("float64")
    stone_zone = pd.to_numeric(steps.via_job_zone, errors="coerce").astype("float64")
    target_zone = pd.to_numeric(steps.target_job_zone, errors="coerce").astype("float64")
    above_now_zone = (stone_zone >= now_zone) if not np.isnan(now_zone) else stone_zone.notna()
    above_now_rung = (stone_rung >= now_rung) if not np.isnan(now_rung) else stone_rung.notna()
    climbs = (target_rung > now_rung) if not np.isnan(now_rung) else pd.Series(True, index=steps.index)
    below_target_rung = np.where(climbs, stone_rung < target_rung, stone_rung <= target_rung)
    return pd.Series(
        above_now_zone & (stone_zone <= target_zone) & above_now_rung & below_target_rung, index=steps.index
    )


def _direct_similarity(result: TransitionResult) -> pd.Series:
    """Each candidate target's similarity to where the worker starts (ranked or set aside)."""
    frames = [result.ranked, result.set_aside]
    both = pd.concat([f[["target_onet_soc_code", "similarity_score"]] for f in frames if len(f)], ignore_index=True)
    if both.empty:
        return pd.Series(dtype="float64")
    return both.drop_duplicates("target_onet_soc_code").set_index("target_onet_soc_code").similarity_score


def _repeated_direct_figure(steps: pd.DataFrame) -> pd.Series:
    """Career ladders to direct moves showing one BLS group's figure (Registered Nurses and its specialties) are
    one ladder: only the first (strongest) is kept, so one figure is not offered as several destinations."""
    shared = steps.target_is_direct & steps.demand_is_shared.astype(bool)
    return shared & steps.demand_soc_code.where(shared).duplicated() & steps.demand_soc_code.notna()


def _ladder_to_direct(steps: pd.DataFrame, result: TransitionResult) -> pd.Series:
    """A direct move gets a path only as a career ladder: it is a rung up from now (education or job zone), the
    stone sits between, and each step is a smaller jump than the direct move."""
    zone_up = (steps.target_job_zone - result.origin.job_zone) > 0 if result.origin.job_zone is not None else False
    rung_up = pd.to_numeric(steps.target_education_step, errors="coerce") > 0
    return steps.stone_between & (rung_up | zone_up) & (steps.path_strength > steps.direct_similarity)


def _second_steps(engine: TransitionEngine, stones: pd.DataFrame) -> pd.DataFrame:
    """Each stepping stone's closest occupations, with both steps' similarities: one row per (stone, next
    occupation), built in one piece (a frame per stone cost more than the ranking itself)."""
    rows, owners = engine.neighbours.neighbours_of_many(stones.target_onet_soc_code)
    via = stones[list(_VIA_COLUMNS)].rename(columns=_VIA_COLUMNS).iloc[owners].reset_index(drop=True)
    second = rows[_NEXT_STEP_COLUMNS].rename(columns={"similarity_score": "second_similarity"})
    return pd.concat([via, second], axis=1)


def _within_steps(steps: pd.DataFrame, max_job_zone_step: int) -> pd.Series:
    """The second step respects the job zone threshold (education is checked once targets are known)."""
    zone_step = steps.target_job_zone - steps.via_job_zone
    return zone_step.isna() | (zone_step <= max_job_zone_step)


def _why_not_direct(row, result: TransitionResult) -> str:
    if bool(row.target_is_direct):
        rank = result.ranked.set_index("target_onet_soc_code").transition_rank.get(row.target_onet_soc_code)
        return _(
            "it is also a direct move (rank {rank}), but a bigger jump (similarity {direct:.0f}) than either step of "
            "this path"
        ).format(rank=rank, direct=row.direct_similarity)
    aside = result.set_aside[result.set_aside.target_onet_soc_code == row.target_onet_soc_code]
    if len(aside):
        return aside.reasons_set_aside.iloc[0]
    return _("not among the {count} occupations most like where you start").format(count=NEIGHBOURS_KEPT)


def _education_words(education) -> str:
    """An education category as the ladder names it ("an associate's"), or "not published"."""
    return _(EDUCATION_BELOW_WORDS[education]) if education in EDUCATION_BELOW_WORDS else _("not published")


def _zone_words(zone) -> str:
    return _("not rated") if zone is None or pd.isna(zone) else f"{float(zone):.0f}"


def why_via(row, result: TransitionResult) -> str:
    """Why this path goes through its stone, in words: it sits between the two rungs (with both rungs' education
    and job zones) and is hiring here, or why no ranked occupation between them was closer."""
    origin = result.origin
    facts = {
        "stone": row.via_title,
        "target": row.target_title,
        "stone_education": _education_words(row.via_entry_education),
        "now_education": _education_words(origin.education),
        "target_education": _education_words(row.target_entry_education),
        "stone_zone": _zone_words(row.via_job_zone),
        "now_zone": _zone_words(origin.job_zone),
        "target_zone": _zone_words(row.target_job_zone),
        "openings": describe_openings(row.via_local_annual_openings_est_count),
    }
    if bool(row.stone_between):
        return _(
            "{stone} sits between the two rungs: it is entered with {stone_education} (now: {now_education}; "
            "{target}: {target_education}) at job zone {stone_zone} (now {now_zone}; {target}: {target_zone}), "
            "and it is hiring here: openings {openings} (estimate)."
        ).format(**facts)
    return _(
        "{stone} is the closest ranked occupation to {target}, but it does not sit between the two rungs: {reason}. "
        "It is hiring here: openings {openings} (estimate)."
    ).format(reason=_not_between_reason(row, origin), **facts)


def _not_between_reason(row, origin) -> str:
    """Which bound the stone misses (the first that applies)."""
    stone, target, now = _rung(row.via_entry_education), _rung(row.target_entry_education), _rung(origin.education)
    facts = {"education": _education_words(row.via_entry_education), "target": row.target_title}
    if not np.isnan(stone) and not np.isnan(target) and stone >= target:
        return _("it is entered with {education}, as much as {target} itself").format(**facts)
    if not np.isnan(stone) and not np.isnan(now) and stone < now:
        return _("it is entered with {education}, less than now").format(**facts)
    if pd.notna(row.via_job_zone) and pd.notna(row.target_job_zone) and row.via_job_zone > row.target_job_zone:
        return _("it needs more preparation (job zone {zone}) than {target}").format(
            zone=_zone_words(row.via_job_zone), target=row.target_title
        )
    if pd.notna(row.via_job_zone) and origin.job_zone is not None and row.via_job_zone < origin.job_zone:
        return _("it needs less preparation (job zone {zone}) than now").format(zone=_zone_words(row.via_job_zone))
    return _("its education or preparation is not published")


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
    return (
        _(
            "{first} then {target} (similarity {similarity:.0f} from there; {jobs}, openings {openings} (estimate); "
            "{pay}). Why two steps: {why_not}."
        )
        if bool(getattr(row, "target_is_direct", False))
        else _(
            "{first} then {target} (similarity {similarity:.0f} from there; {jobs}, openings {openings} (estimate); "
            "{pay}). Not direct: {why_not}."
        )
    ).format(
        first=first,
        target=row.target_title,
        similarity=row.second_similarity,
        jobs=jobs,
        openings=describe_openings(row.local_annual_openings_est_count),
        pay=pay,
        why_not=row.why_not_direct,
    ) + (" " + row.why_via if getattr(row, "why_via", "") else "")


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
            "stone_between",
            "target_is_direct",
            "direct_similarity",
            "why_not_direct",
            "why_via",
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
        "as its weaker step. A first step that sits between the two rungs is preferred: its job zone lies from now's "
        "to the target's and it is entered with at least your education but less than the target needs (not a "
        "second credential at the target's own level). A direct move a rung up also gets a path (a career ladder) "
        "when such a first step makes each step a smaller jump than the direct move. {rule}"
    ).format(share=DESIRABLE_WAGE_RATIO, rule=education_rule_text())


def sources_note() -> str:
    """Whose figures a path shows, under the stepping stones table."""
    return _(
        "Jobs, openings and location quotient are the target's in the region; “Whose numbers” names the BLS group "
        "when they are a group's. The path names the group for the first step too."
    )
