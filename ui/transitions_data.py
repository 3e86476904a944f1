"""The Career transitions page's data, through the one cache layer (``ui.cache``): plain functions of
plain, hashable arguments (codes, ``Thresholds``, ``SelfAssessment``), each cached on them and on what is
being served, so a rebuilt database or a new import is never mixed with old results.

The in-memory engines (the neighbour lists, national facts and the demand model's rows per region;
every occupation's skill levels for the self-assessment) are resources, one per data key. A worker
starts from an occupation (its O*NET-SOC code) or from a ``SelfAssessment``: ``transitions`` and
``stepping_stones`` take either."""

from __future__ import annotations

import pandas as pd

from lmi.i18n import N_
from lmi.transitions import fields_of_study, onet_agreement, pathways, posted_signal, skill_gaps
from lmi.transitions import self_assessment as self_assessed
from lmi.transitions.ranking import Thresholds, TransitionEngine, TransitionResult
from lmi.transitions.self_assessment import SelfAssessment, SelfAssessmentModel
from ui import posted_data
from ui.cache import cached, demand_model, reference_connection, reference_query, resource

Start = str | SelfAssessment  # an O*NET-SOC code, or the worker's own ratings


@resource(max_entries=1, spinner=N_("Loading occupation profiles…"))
def engine() -> TransitionEngine:
    """Neighbour lists, national facts and the app's demand model, held for every ranking."""
    return TransitionEngine(reference_connection(), demand_model())


@resource(max_entries=1, spinner=N_("Loading skill profiles…"))
def self_assessment_model() -> SelfAssessmentModel:
    """Every occupation's skills, interests and work styles, with the form's elements and level anchors."""
    return SelfAssessmentModel(reference_connection())


def transitions(start: Start, area_code: str, thresholds: Thresholds, with_postings: bool = False) -> TransitionResult:
    """Where a worker starting from ``start`` could move in the region, ranked; the rest set aside. With
    ``with_postings`` (and postings imported), local postings join the ranking (``lmi.transitions.posted_signal``),
    cached on the postings store's key too, so a recount is never mixed with old results."""
    if with_postings and postings_available():
        return _with_postings(posted_data.posted_key(), start, area_code, thresholds)
    return _transitions(start, area_code, thresholds)


@cached(max_entries=128)
def _transitions(start: Start, area_code: str, thresholds: Thresholds) -> TransitionResult:
    if isinstance(start, SelfAssessment):
        return self_assessed.transitions(engine(), self_assessment_model(), start, area_code, thresholds)
    return engine().from_occupation(start, area_code, thresholds)


@cached(max_entries=64)
def _with_postings(key: tuple, start: Start, area_code: str, thresholds: Thresholds) -> TransitionResult:
    """The ranking re-ranked with the postings of the store ``key`` names (``ui.posted_data.posted_key``)."""
    posted = posted_data.posted()
    result = _transitions(start, area_code, thresholds)
    if posted is None:
        return result
    return posted_signal.with_posted_demand(
        result, posted_data.for_codes(area_code), posted_signal.postings_use(posted)
    )


def postings_available() -> bool:
    """True when postings are imported and counted (the ranking's postings switch is offered)."""
    return posted_data.posted() is not None


@cached(max_entries=64)
def stepping_stones(start: Start, area_code: str, thresholds: Thresholds) -> pd.DataFrame:
    """Two-step paths to desirable occupations too far for a direct move (``lmi.transitions.pathways``)."""
    return pathways.stepping_stones(engine(), transitions(start, area_code, thresholds))


@cached(max_entries=128)
def most_similar(onet_soc_code: str, limit: int) -> pd.DataFrame:
    return engine().neighbours.neighbours(onet_soc_code, limit)


def _self_assessment_gaps(con, assessment: SelfAssessment, target_code: str) -> pd.DataFrame:
    return skill_gaps.self_assessment_gaps(con, assessment.skill_levels, target_code)


occupation_gaps = reference_query(skill_gaps.occupation_gaps, max_entries=256)
self_assessment_gaps = reference_query(_self_assessment_gaps, max_entries=256)
preparation = reference_query(skill_gaps.preparation_step, max_entries=256)
programs = reference_query(fields_of_study.programs_for, max_entries=256)
onet_related = reference_query(onet_agreement.onet_agreement_for)
agreement = reference_query(onet_agreement.agreement_with_onet, max_entries=4)


def form_elements(domain: str) -> pd.DataFrame:
    """Skills, interests or work styles for the self-assessment form (from the model held in memory)."""
    return self_assessment_model().elements_of(domain)


def level_anchors(element_id: str) -> list[tuple[float, str]]:
    """O*NET's examples of what each level of a skill looks like."""
    return self_assessment_model().anchors.get(element_id, [])


def job_zones() -> pd.DataFrame:
    """O*NET's job zones (number, name, education), for the form's preparation question."""
    return self_assessment_model().job_zones
