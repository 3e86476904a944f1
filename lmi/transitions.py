"""Which occupations can this worker move into here? Similar occupations ranked by similarity AND
local demand, with adjustable thresholds and a sentence saying why each ranks where it does.

Ranking (all parts on 0-100 scales, stated on the page):

    transition score = 0.55 x similarity                      (lmi.similarity: rarity of a pair this alike)
                     + 0.25 x openings points                 (20 x log10(estimated yearly openings here): 10 -> 20,
                                                               100 -> 40, 1,000 -> 60; see lmi.regional_demand)
                     + 0.10 x concentration points            (50 x location quotient, capped at 2 -> 100)
                     + 0.10 x pay points                      (50 x pay ratio to now, capped at 2 -> 100)

Similarity counts most: moving into an occupation one cannot do is no option however many jobs
it has. Openings use the same "ten times more = 20 points" scale as similarity. A location
quotient or pay ratio BLS did not release counts as neutral (50) and the sentence says so.

Thresholds (defaults; all adjustable): similarity at least 25; job zone at most 1 above now;
BLS typical entry education at most 1 step above now (on the ladder in ``EDUCATION_RANK``, so a
nurse's bachelor's degree does not lead straight to a physician's doctorate); median pay here at
least 90% of now; at least 100 jobs in the region. Specialties that BLS counts within the same
occupation as the origin (Acute Care Nurses for Registered Nurses) are listed apart: their jobs and
pay are the origin's own figures. Occupations that miss a threshold are set aside with the
reason, not silently dropped; lmi.pathways looks for stepping stones to them.

Pay is compared within one geography: the region's medians when BLS published both, otherwise
the national medians (each row says which). In a self-assessment the worker may enter their pay,
education and preparation (job zone); without them those thresholds are not applied, and we say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import duckdb
import numpy as np
import pandas as pd

from lmi.areas import get_area
from lmi.regional_demand import DemandTables, describe_openings
from lmi.similarity import NeighbourIndex, describe_score, strongest_components

# BLS typical entry-level education as rungs of a ladder, each roughly one to two years of study; a
# step is one rung. "Some college" and a postsecondary nondegree award (a certificate) share a rung:
# both are short programs after school. A doctoral or professional degree (three to eight years
# beyond a bachelor's, and a residency for physicians) sits two rungs above a master's degree.
EDUCATION_RANK = {"No formal educational credential": 0, "High school diploma or equivalent": 1,
                  "Some college, no degree": 2, "Postsecondary nondegree award": 2, "Associate's degree": 3,
                  "Bachelor's degree": 4, "Master's degree": 5, "Doctoral or professional degree": 7}
EDUCATION_LADDER = tuple(EDUCATION_RANK)
RANKING_WEIGHTS = {"similarity": 0.55, "openings": 0.25, "concentration": 0.10, "pay": 0.10}
PART_WORDS = {"similarity": "how close it is to your skills and work", "openings": "its estimated openings here",
              "concentration": "how concentrated it is here", "pay": "its pay"}
NEUTRAL_POINTS = 50.0


@dataclass(frozen=True)
class Thresholds:
    """Which targets to rank; the rest are set aside with the reason."""
    min_similarity: float = 25.0
    max_job_zone_step: int = 1
    max_education_step: int = 1
    min_wage_ratio: float = 0.90
    min_local_jobs: int = 100
    include_same_bls_occupation: bool = False

    def describe(self) -> str:
        return (f"similarity at least {self.min_similarity:.0f}; at most {self.max_job_zone_step} job zone(s) and "
                f"{self.max_education_step} education step(s) above now; median pay at least "
                f"{self.min_wage_ratio:.0%} of now; at least {self.min_local_jobs:,} jobs in the region")


@dataclass(frozen=True)
class Origin:
    """Where the worker starts: an occupation or a self-assessment."""
    kind: str  # "occupation" | "self_assessment"
    label: str  # "Registered Nurses" / "your self-assessment"
    onet_soc_code: str | None
    oews_soc_code: str | None
    job_zone: int | None
    education: str | None  # BLS typical entry education (occupation) or the worker's own
    local_wage_usd: float | None  # current pay in the region (occupation median, or what the worker entered)
    national_wage_usd: float | None
    wage_words: str  # where the pay to compare with comes from


@dataclass(frozen=True)
class TransitionResult:
    origin: Origin
    area_code: str
    area_label: str
    thresholds: Thresholds
    ranked: pd.DataFrame
    set_aside: pd.DataFrame
    notes: list[str] = field(default_factory=list)


class NoRegionalDataError(LookupError):
    """BLS publishes nothing for the candidate occupations in the region."""


# --------------------------------------------------------------------------- engine

class TransitionEngine:
    """What every ranking reads, held in memory (the neighbour lists, national facts, each
    region's OEWS rows once read), so one ranking costs no query or one. Build one per database."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        self.neighbours = NeighbourIndex(con)
        self.demand = DemandTables(con)
        self.area = lru_cache(maxsize=256)(lambda area_code: get_area(con, area_code))

    def place(self, area_code: str) -> str:
        return area_label(self.area(area_code))

    def occupation_origin(self, onet_soc_code: str, area_code: str) -> tuple[Origin, list[str]]:
        """The starting occupation with its job zone, education and pay here (or nationally), and
        notes on what BLS did not publish."""
        title = self.neighbours.require(onet_soc_code)
        place = self.place(area_code)
        fact = self.demand.for_area(area_code, [onet_soc_code]).iloc[0]
        notes = []
        local_wage, national_wage = _number(fact.local_wage_median_usd), _number(fact.national_wage_median_usd)
        if fact.oews_soc_code is None:
            notes.append(f"BLS publishes no employment or wage estimates for {title}, so pay cannot be compared and "
                         "the pay threshold is not applied.")
        else:
            if local_wage is None:
                notes.append(f"BLS released no median wage for {title} in {place}; pay is compared with "
                             "national medians instead.")
            if pd.isna(fact.local_employment_count):
                notes.append(f"BLS released no employment estimate for {title} in {place} (too few survey "
                             "responses or confidential); the targets are still ranked on their own local numbers.")
        job_zone = None if pd.isna(fact.job_zone) else int(fact.job_zone)
        if job_zone is None:
            notes.append(f"O*NET gives no job zone for {title}, so the job zone threshold is not applied.")
        education = fact.typical_entry_education
        if education is None:
            notes.append(f"BLS publishes no typical entry education for {title}, so the education threshold is "
                         "not applied.")
        wage_words = (f"the median for {title} in {place}" if local_wage is not None else
                      f"the national median for {title}" if national_wage is not None else "not available")
        origin = Origin("occupation", title, onet_soc_code, fact.oews_soc_code, job_zone, education,
                        local_wage, national_wage, wage_words)
        return origin, notes

    def from_occupation(self, onet_soc_code: str, area_code: str,
                        thresholds: Thresholds = Thresholds()) -> TransitionResult:
        """Rank the occupations most similar to ``onet_soc_code`` for the region ``area_code``."""
        origin, notes = self.occupation_origin(onet_soc_code, area_code)
        return self.rank(origin, self.neighbours.neighbours(onet_soc_code), area_code, thresholds, notes)

    def rank(self, origin: Origin, candidates: pd.DataFrame, area_code: str, thresholds: Thresholds,
             notes: list[str] | None = None) -> TransitionResult:
        """Join candidates (from lmi.similarity or lmi.self_assessment) to the region's numbers,
        apply the thresholds, score and explain."""
        place = self.place(area_code)
        notes = list(notes or [])
        demand = self.demand.for_area(area_code, candidates.target_onet_soc_code.tolist())
        frame = candidates.reset_index(drop=True).join(
            demand.drop(columns=["onet_soc_code", "title", "job_zone"]))
        if frame.local_employment_count.isna().all():
            raise NoRegionalDataError(
                f"BLS publishes no employment estimates in {place} for any of the occupations similar to "
                f"{origin.label}. Try the whole state or the nation in the sidebar.")
        frame = compare_to_origin(frame, origin)
        frame["reasons_set_aside"] = _reasons_set_aside(frame, thresholds, place)
        frame = _add_scores(frame)
        kept = frame[frame.reasons_set_aside == ""].sort_values(
            ["transition_score", "similarity_score"], ascending=False).reset_index(drop=True)
        kept.insert(0, "transition_rank", np.arange(1, len(kept) + 1))
        means = {part: kept[f"{part}_points"].mean() for part in RANKING_WEIGHTS}
        kept["why"] = [_why(row, means, origin, place) for row in kept.itertuples()]
        set_aside = frame[frame.reasons_set_aside != ""].sort_values("similarity_score", ascending=False)
        if origin.kind == "self_assessment":
            notes.extend(_self_assessment_notes(origin))
        return TransitionResult(origin, area_code, place, thresholds, kept, set_aside.reset_index(drop=True), notes)


def transitions_from_occupation(con: duckdb.DuckDBPyConnection, onet_soc_code: str, area_code: str,
                                thresholds: Thresholds = Thresholds()) -> TransitionResult:
    """One-off ranking (builds a TransitionEngine; the app keeps one per database)."""
    return TransitionEngine(con).from_occupation(onet_soc_code, area_code, thresholds)


def _self_assessment_notes(origin: Origin) -> list[str]:
    notes = []
    if origin.job_zone is None:
        notes.append("You did not say how much preparation you have, so the job zone threshold is not applied.")
    if origin.education is None:
        notes.append("You did not give your education, so the education threshold is not applied.")
    if origin.local_wage_usd is None:
        notes.append("You did not enter your pay, so pay is not compared and the pay threshold is not applied.")
    return notes


def compare_to_origin(frame: pd.DataFrame, origin: Origin) -> pd.DataFrame:
    """Job zone step, education step and pay ratio to the origin (pay compared within one
    geography), and whether BLS counts the target within the origin's own occupation."""
    frame["job_zone_step"] = (frame.target_job_zone - origin.job_zone) if origin.job_zone is not None else np.nan
    origin_rung = EDUCATION_RANK.get(origin.education) if origin.education else None
    target_rung = frame.typical_entry_education.map(EDUCATION_RANK).astype("float64")
    frame["education_step"] = target_rung - origin_rung if origin_rung is not None else np.nan
    local, national = frame.local_wage_median_usd, frame.national_wage_median_usd
    ratio = pd.Series(np.nan, index=frame.index)
    basis = pd.Series("", index=frame.index, dtype=object)
    if origin.local_wage_usd:
        use_local = local.notna()
        ratio[use_local] = local[use_local] / origin.local_wage_usd
        basis[use_local] = "region"
    if origin.national_wage_usd:
        use_national = ratio.isna() & national.notna()
        ratio[use_national] = national[use_national] / origin.national_wage_usd
        basis[use_national] = "nation"
    frame["wage_ratio"] = ratio
    frame["wage_ratio_basis"] = basis
    frame["same_bls_occupation"] = (frame.oews_soc_code == origin.oews_soc_code) if origin.oews_soc_code else False
    frame["same_bls_occupation"] = frame.same_bls_occupation.fillna(False).astype(bool)
    return frame


def _reasons_set_aside(frame: pd.DataFrame, t: Thresholds, area_name: str) -> list[str]:
    reasons = []
    for row in frame.itertuples():
        why = []
        if row.similarity_score < t.min_similarity:
            why.append(f"less alike than the threshold (similarity {_below(row.similarity_score, t.min_similarity)} "
                       f"< {t.min_similarity:g})")
        if not pd.isna(row.job_zone_step) and row.job_zone_step > t.max_job_zone_step:
            why.append(f"needs more preparation (job zone {row.target_job_zone:.0f}, {row.job_zone_step:.0f} above now)")
        if not pd.isna(row.education_step) and row.education_step > t.max_education_step:
            why.append(f"typically needs a {str(row.typical_entry_education).lower()} to start "
                       f"({row.education_step:.0f} education steps above now)")
        if bool(row.same_bls_occupation) and not t.include_same_bls_occupation:
            why.append("a specialty BLS counts within your own occupation (same jobs and pay figures)")
        if row.oews_soc_code is None:
            why.append("BLS publishes no employment numbers for it")
        elif pd.isna(row.local_employment_count):
            why.append(f"BLS released no employment estimate for it in {area_name}")
        elif row.local_employment_count < t.min_local_jobs:
            why.append(f"only {row.local_employment_count:,.0f} jobs in {area_name} (< {t.min_local_jobs:,})")
        if not pd.isna(row.wage_ratio) and row.wage_ratio < t.min_wage_ratio:
            why.append(f"median pay {row.wage_ratio:.0%} of now (< {t.min_wage_ratio:.0%})")
        reasons.append("; ".join(why))
    return reasons


def _add_scores(frame: pd.DataFrame) -> pd.DataFrame:
    openings = frame.local_annual_openings_estimate
    with np.errstate(divide="ignore", invalid="ignore"):
        frame["openings_points"] = np.clip(20 * np.log10(openings.where(openings > 0)), 0, 100).fillna(0.0)
    frame["concentration_points"] = (50 * frame.location_quotient.clip(0, 2)).fillna(NEUTRAL_POINTS)
    frame["pay_points"] = (50 * frame.wage_ratio.clip(0, 2)).fillna(NEUTRAL_POINTS)
    frame["similarity_points"] = frame.similarity_score.astype("float64")
    frame["transition_score"] = sum(weight * frame[f"{part}_points"] for part, weight in RANKING_WEIGHTS.items())
    return frame


# --------------------------------------------------------------------------- explanations

def _why(row, means: dict[str, float], origin: Origin, area_name: str) -> str:
    """One sentence: what lifts it to this rank, then the facts behind each part."""
    lead = _leading_part(row, means)
    strongest = strongest_components(row)
    alike = f"similarity {row.similarity_score:.0f} ({describe_score(row.similarity_score)}"
    alike += f"; closest on {' and '.join(strongest)})" if strongest else ")"
    jobs = (f"{row.local_employment_count:,.0f} jobs in {area_name} now, openings {describe_openings(row.local_annual_openings_estimate)} (estimate)"
            if not pd.isna(row.local_employment_count) else f"no employment estimate released in {area_name}")
    lq = (f"location quotient {row.location_quotient:.2f}" if not pd.isna(row.location_quotient)
          else "location quotient not released (counted as neutral)")
    pay = _pay_words(row, origin)
    step = _step_words(row)
    same = (" It is a specialty within your own BLS occupation, so its jobs and pay are the same figures."
            if bool(row.same_bls_occupation) else "")
    counted = (f" BLS counts it within “{row.bls_title}” (SOC {row.oews_soc_code}); the jobs, openings and pay are "
               "for that whole group." if _counted_in_group(row) and not same else "")
    return (f"#{row.transition_rank} mainly for {PART_WORDS[lead]}: {alike}; {jobs}; {lq}; {pay}; {step}.{same}{counted}")


def _counted_in_group(row) -> bool:
    """True when BLS publishes the target only inside a wider occupation (an O*NET breakout or an
    'All Other' group), so its numbers describe more than the target."""
    code = str(row.target_onet_soc_code)
    return (not code.endswith(".00")) or (row.oews_soc_code is not None and str(row.oews_soc_code) != code[:7])


def _leading_part(row, means: dict[str, float]) -> str:
    """The part that lifts this target most above the list's average."""
    lifts = {part: weight * (getattr(row, f"{part}_points") - means[part]) for part, weight in RANKING_WEIGHTS.items()}
    return max(lifts, key=lifts.get)


def _pay_words(row, origin: Origin) -> str:
    if pd.isna(row.wage_ratio):
        if pd.isna(row.local_wage_median_usd) and pd.isna(row.national_wage_median_usd):
            return "median pay not published"
        return "pay not compared (your current pay is unknown)"
    local = row.wage_ratio_basis == "region"
    where = "here" if local else "nationally"
    wage = row.local_wage_median_usd if local else row.national_wage_median_usd
    footnote = row.local_wage_median_footnote if local else row.national_wage_median_footnote
    top = " or more (top-coded)" if str(footnote) == "5" else ""
    return f"median pay {where} ${wage:,.0f}{top}, {row.wage_ratio:.0%} of {origin.wage_words}"


def _step_words(row) -> str:
    if pd.isna(row.job_zone_step):
        zone = f"job zone {row.target_job_zone:.0f}" if not pd.isna(row.target_job_zone) else "job zone not rated"
    else:
        step = int(row.job_zone_step)
        zone = ("same job zone (preparation) as now" if step == 0 else
                f"{abs(step)} job zone{'s' if abs(step) > 1 else ''} {'above' if step > 0 else 'below'} now")
    if pd.isna(row.typical_entry_education):
        return zone
    return f"{zone}; typical entry education: {str(row.typical_entry_education).lower()}"


def _below(value: float, threshold: float) -> str:
    """A value just under a threshold, shown with enough digits not to read as equal to it."""
    text = f"{value:.0f}"
    return text if float(text) < threshold else f"{value:.1f}" if float(f"{value:.1f}") < threshold else f"{value:.2f}"


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def area_label(area) -> str:
    """How a region reads in a sentence ("the United States", "Connecticut", "Hartford-...")."""
    return "the United States" if area.area_kind == "national" else area.area_name
