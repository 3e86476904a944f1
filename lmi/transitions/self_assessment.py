"""A worker's own ratings instead of a job title: skills on O*NET's level scale, and optionally
interests (RIASEC) and work styles, matched against every occupation.

The worker rates each skill on O*NET's 0-7 level scale, shown with O*NET's own anchors ("2: Read
step-by-step instructions for completing a form"). Quick mode rates ``QUICK_SKILLS``: two or three
skills from each O*NET skill group, preferring those whose levels differ most between
occupations (so they tell occupations apart); full mode rates all 35.

Matching uses the method of lmi.transitions.similarity_method on the components a worker can rate:

- skills: the worker's levels against the occupation's levels, over the skills the worker rated
  (so a quick assessment is compared on those skills only);
- interests (optional): against the occupation's RIASEC profile (1-7);
- work styles (optional): against the occupation's work style importance (1-5).

Each comparison is the cosine similarity of the two profiles' differences from the average
occupation (see ``_component``), turned into the same rarity score (0-100) as
lmi.transitions.similarity_method by calibrating it against the same measure between occupations
themselves on the same elements; the scores are combined with ``SELF_WEIGHTS`` and, as in
lmi.transitions.similarity_method, the weighted mean is put back on the rarity scale against the
same mean between occupations. These weights are a judgement (skills first, since the engine is
about skills), not tuned: there is no expert list to tune a person's match against.

Occupations O*NET has not rated for skills are left out (there is nothing to compare the skills
with). Ratings that cannot be matched are refused with a clear message: none, all zero, or all equal
(a profile with no ups and downs has no shape to compare).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd

from lmi.db import query_df
from lmi.i18n import N_, _
from lmi.transitions.ranking import Origin, Thresholds, TransitionEngine, TransitionResult
from lmi.transitions.similarity_method import COMPONENT_KEYS, MAX_SCORE, Calibration, cosine, upper_pairs

QUICK_SKILLS = (
    "2.A.1.a",  # Reading Comprehension
    "2.A.1.c",  # Writing
    "2.A.1.d",  # Speaking
    "2.A.1.e",  # Mathematics
    "2.A.1.f",  # Science
    "2.B.1.f",  # Service Orientation
    "2.B.1.e",  # Instructing
    "2.B.1.c",  # Persuasion
    "2.B.3.h",  # Operation and Control
    "2.B.3.l",  # Repairing
    "2.B.3.e",  # Programming
    "2.B.5.d",  # Management of Personnel Resources
)
MIN_RATED_SKILLS = 5
LEVEL_RANGE = (0.0, 7.0)
INTEREST_RANGE = (1.0, 7.0)
WORK_STYLE_RANGE = (1.0, 5.0)
SELF_WEIGHTS = {"skills": 2.0, "interests": 1.0, "work_styles": 0.5}
SELF_WEIGHT_WORDS = {"skills": N_("skills"), "interests": N_("interests"), "work_styles": N_("work styles")}
LABEL = N_("your self-assessment")  # English, marked for the catalog: ``origin`` gives them translated
PAY_WORDS = N_("the pay you entered")


class SelfAssessmentError(ValueError):
    """The ratings cannot be matched; the message says what to change."""


@dataclass(frozen=True)
class SelfAssessment:
    """What the worker rated and told us. Hashable (by its ratings as sorted pairs), so a cache can be
    keyed on it."""

    skill_levels: dict[str, float]  # O*NET skill element id -> level 0-7
    interests: dict[str, float] = field(default_factory=dict)  # RIASEC element id -> 1-7
    work_styles: dict[str, float] = field(default_factory=dict)  # work style element id -> 1-5
    job_zone: int | None = None  # the worker's preparation, if they say
    education: str | None = None  # BLS education category, if they say
    annual_pay_usd: float | None = None  # current or last pay, if they say

    def __hash__(self) -> int:
        ratings = (self.skill_levels, self.interests, self.work_styles)
        return hash((*(tuple(sorted(r.items())) for r in ratings), self.job_zone, self.education, self.annual_pay_usd))

    def origin(self) -> Origin:
        """Where this worker starts, for the ranking: their preparation, education and pay, if given."""
        pay = self.annual_pay_usd
        return Origin("self_assessment", _(LABEL), None, None, self.job_zone, self.education, pay, pay, _(PAY_WORDS))


def validate(assessment: SelfAssessment) -> list[str]:
    """Refuse ratings that cannot be matched; return notes on optional parts that are ignored."""
    levels = {k: v for k, v in assessment.skill_levels.items() if v is not None and not pd.isna(v)}
    if len(levels) < MIN_RATED_SKILLS:
        raise SelfAssessmentError(
            _("Rate at least {fewest} skills (you rated {rated}).").format(fewest=MIN_RATED_SKILLS, rated=len(levels))
        )
    _require_range(levels, LEVEL_RANGE, _("Skill levels must lie between {low:g} and {high:g}."))
    if all(v == 0 for v in levels.values()):
        raise SelfAssessmentError(
            _(
                "All your skill ratings are 0. Rate the skills you use at the level you use them: "
                "the examples beside each scale show what a level means."
            )
        )
    if len(set(levels.values())) == 1:
        raise SelfAssessmentError(
            _(
                "All your skill ratings are the same. Rate your stronger skills higher than the "
                "others, so we can see what you are good at."
            )
        )
    notes = []
    for ratings, bounds, outside, same in (
        (
            assessment.interests,
            INTEREST_RANGE,
            _("Interests must lie between {low:g} and {high:g}."),
            _("Your interests ratings are all the same, so they were not used."),
        ),
        (
            assessment.work_styles,
            WORK_STYLE_RANGE,
            _("Work styles must lie between {low:g} and {high:g}."),
            _("Your work styles ratings are all the same, so they were not used."),
        ),
    ):
        given = {k: v for k, v in ratings.items() if v is not None}
        _require_range(given, bounds, outside)
        if given and len(set(given.values())) == 1:
            notes.append(same)
    if assessment.annual_pay_usd is not None and assessment.annual_pay_usd <= 0:
        raise SelfAssessmentError(_("Your pay must be a positive yearly amount in dollars, or left empty."))
    return notes


def _require_range(ratings: dict[str, float], bounds: tuple[float, float], message: str) -> None:
    """Refuse ratings outside ``bounds``; ``message`` (translated) says so with ``{low}`` and ``{high}``."""
    outside = [k for k, v in ratings.items() if not bounds[0] <= v <= bounds[1]]
    if outside:
        raise SelfAssessmentError(message.format(low=bounds[0], high=bounds[1]))


class SelfAssessmentModel:
    """Every occupation's skill levels, interests and work styles in memory, with element names
    and O*NET's level anchors for the rating form."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.occupations = query_df(
            con,
            """
            SELECT onet_soc_code, title, job_zone FROM core_occupation
            WHERE onet_soc_code IN (SELECT onet_soc_code FROM out_occupation_similarity) ORDER BY onet_soc_code
        """,
        )
        codes = self.occupations.onet_soc_code.tolist()
        self.skills = _wide(
            query_df(
                con,
                """
            SELECT onet_soc_code, element_id, level AS value FROM core_occupation_rating WHERE domain = 'skill'
        """,
            ),
            codes,
        )
        self.work_styles = _wide(
            query_df(
                con,
                """
            SELECT onet_soc_code, element_id, importance AS value FROM core_occupation_rating WHERE domain = 'work_style'
        """,
            ),
            codes,
        )
        self.interests = _wide(
            query_df(
                con,
                """
            SELECT onet_soc_code, element_id, score_1_to_7 AS value FROM core_occupation_interest
        """,
            ),
            codes,
        )
        self.elements = query_df(
            con,
            """
            SELECT e.element_id, e.element_name, e.description, e.domain FROM core_element e
            WHERE e.element_id IN (SELECT DISTINCT element_id FROM core_occupation_rating WHERE domain IN ('skill', 'work_style'))
               OR e.element_id IN (SELECT DISTINCT element_id FROM core_occupation_interest)
            ORDER BY e.element_id
        """,
        )
        anchors = query_df(
            con,
            """
            SELECT element_id, anchor_value, anchor_description FROM core_level_anchor
            WHERE scale_id = 'LV' ORDER BY element_id, anchor_value
        """,
        )
        self.anchors = {
            element: list(zip(group.anchor_value, group.anchor_description))
            for element, group in anchors.groupby("element_id")
        }
        self.job_zones = query_df(
            con, "SELECT job_zone, name, education, experience FROM core_job_zone ORDER BY job_zone"
        )

    def elements_of(self, domain: str) -> pd.DataFrame:
        """Skills, interests or work styles the form asks about (id, name, description)."""
        return self.elements[self.elements.domain == domain].reset_index(drop=True)

    def match(self, assessment: SelfAssessment, limit: int = 50) -> tuple[pd.DataFrame, list[str]]:
        """Occupations most like the worker's ratings, in the shape of NeighbourIndex.neighbours."""
        notes = validate(assessment)
        used = {"skills": (self.skills, {k: v for k, v in assessment.skill_levels.items() if v is not None})}
        for key, matrix, ratings in (
            ("interests", self.interests, assessment.interests),
            ("work_styles", self.work_styles, assessment.work_styles),
        ):
            given = {k: v for k, v in ratings.items() if v is not None}
            if len(given) >= 2 and len(set(given.values())) > 1:
                used[key] = (matrix, given)
        # occupations rated on every element the worker answered (O*NET rates no skills for some)
        population = np.logical_and.reduce(
            [
                ~matrix[[e for e in ratings if e in matrix.columns]].isna().any(axis=1).to_numpy()
                for matrix, ratings in used.values()
            ]
        )
        worker, pairs = {}, {}
        for key, (matrix, ratings) in used.items():
            worker[key], pairs[key] = _component(matrix, ratings, population)
        weights = {k: SELF_WEIGHTS[k] for k in used}
        mean = sum(w * worker[k] for k, w in weights.items()) / sum(weights.values())
        pair_mean = sum(w * pairs[k] for k, w in weights.items()) / sum(weights.values())
        frame = self.occupations.rename(
            columns={"onet_soc_code": "target_onet_soc_code", "title": "target_title", "job_zone": "target_job_zone"}
        ).copy()
        frame["similarity_score"] = np.where(population, Calibration.fit(pair_mean).score(np.nan_to_num(mean)), np.nan)
        frame["weighted_component_mean"] = mean
        for key in COMPONENT_KEYS:
            frame[f"{key}_score"] = worker.get(key, np.nan)
        frame["components_used"] = len(used)
        frame = frame[population].sort_values("weighted_component_mean", ascending=False).head(limit)
        frame.insert(3, "similarity_rank", np.arange(1, len(frame) + 1))
        frame["target_onet_soc_code"] = frame.target_onet_soc_code.astype(object)
        frame["target_title"] = frame.target_title.astype(object)
        frame["target_job_zone"] = pd.to_numeric(frame.target_job_zone, errors="coerce").astype("float64")
        return frame.reset_index(drop=True), notes


def _wide(long: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    """Occupations (rows, in ``codes`` order) x elements (columns); NaN where not rated."""
    return long.pivot_table(index="onet_soc_code", columns="element_id", values="value", aggfunc="first").reindex(codes)


def _component(
    matrix: pd.DataFrame, ratings: dict[str, float], population: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Rarity scores (0-100) of how alike the worker's ratings and each occupation's are (NaN
    outside ``population``), and the same scores for every pair of occupations in it.

    Both are compared by how they differ from the average occupation (the mean of each element
    over the population): cosine similarity of those differences. Skills everyone uses at about
    the same level then count little, and a worker who is above average at repairing and below at
    writing matches occupations that are too. The cosine is calibrated on the same measure between
    occupations themselves, over the same elements."""
    elements = [e for e in ratings if e in matrix.columns]
    values = matrix[elements].to_numpy(dtype=np.float64)[population]
    average = values.mean(axis=0)
    occupations = values - average
    worker = np.array([ratings[e] for e in elements], dtype=np.float64) - average
    norms = np.linalg.norm(occupations, axis=1) * np.linalg.norm(worker)
    with np.errstate(invalid="ignore", divide="ignore"):
        similarity = np.where(norms > 0, occupations @ worker / np.where(norms > 0, norms, 1.0), 0.0)
    between = upper_pairs(cosine(occupations))
    calibration = Calibration.fit(between)
    scores = np.full(len(matrix), np.nan)
    scores[population] = calibration.score(similarity)
    return scores, calibration.score(between)


def level_examples(anchors: list[tuple[float, str]]) -> str:
    """ "2: Read step-by-step instructions · 4: … · 6: …" for the rating form."""
    return " · ".join(f"{value:g}: {text}" for value, text in anchors)


def transitions(
    engine: TransitionEngine,
    model: SelfAssessmentModel,
    assessment: SelfAssessment,
    area_code: str,
    thresholds: Thresholds,
) -> TransitionResult:
    """The occupations most like the worker's ratings, ranked for the region like a move from an occupation."""
    candidates, notes = model.match(assessment)
    return engine.rank(assessment.origin(), candidates, area_code, thresholds, notes)


# --------------------------------------------------------------------------- the method and the form in words


def method_text() -> str:
    """How ratings are matched, from ``SELF_WEIGHTS`` and ``MIN_RATED_SKILLS``."""
    weights = ", ".join(
        _("{part} {weight:g}").format(part=_(SELF_WEIGHT_WORDS[key]), weight=weight)
        for key, weight in SELF_WEIGHTS.items()
    )
    return _(
        "Your ratings are compared with each occupation's skill levels (and, if given, interests and work styles) "
        "by how both differ from the average occupation, scored on the same 0-{max_score:g} rarity scale; weights "
        "{weights} (a judgement: there is no expert list to tune against). At least {fewest} rated "
        "skills are needed."
    ).format(max_score=MAX_SCORE, weights=weights, fewest=MIN_RATED_SKILLS)


def skill_scale_text() -> str:
    """How to rate a skill, above the form."""
    low, high = LEVEL_RANGE
    return _(
        "For each skill, pick the level you use it at, on O*NET's {low:g}-{high:g} scale ({low:g} = not at all). "
        "The examples are O*NET's own for that skill."
    ).format(low=low, high=high)


def interest_scale_text() -> str:
    low, high = INTEREST_RANGE
    return _("How much would you like work like this? {low:g} = not at all, {high:g} = very much.").format(
        low=low, high=high
    )


def work_style_scale_text() -> str:
    low, high = WORK_STYLE_RANGE
    return _("How well does this describe you at work? {low:g} = not at all, {high:g} = extremely well.").format(
        low=low, high=high
    )
