"""Cached calls for the Career transitions page. Like ``ui.data``: the shared read-only connection;
the in-memory engines (neighbour lists, national facts, every occupation's skill levels) are built
once per database file (``st.cache_resource`` keyed by its stamp), and results are cached by small
arguments plus the stamp, so a rebuilt database is never mixed with the old one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lmi import pathways, similarity, skill_gaps, training_programs
from lmi.self_assessment import LABEL, SelfAssessment, SelfAssessmentModel
from lmi.transitions import Origin, Thresholds, TransitionEngine, TransitionResult
from ui.data import Stamp, connection


@st.cache_resource(max_entries=1, show_spinner="Loading occupation profiles…")
def engine(stamp: Stamp) -> TransitionEngine:
    return TransitionEngine(connection())


@st.cache_resource(max_entries=1, show_spinner="Loading skill profiles…")
def self_assessment_model(stamp: Stamp) -> SelfAssessmentModel:
    return SelfAssessmentModel(connection())


@st.cache_data(max_entries=128, show_spinner=False)
def from_occupation(onet_soc_code: str, area_code: str, thresholds: Thresholds, stamp: Stamp) -> TransitionResult:
    return engine(stamp).from_occupation(onet_soc_code, area_code, thresholds)


@st.cache_data(max_entries=64, show_spinner=False)
def from_self_assessment(assessment: SelfAssessment, area_code: str, thresholds: Thresholds,
                         stamp: Stamp) -> TransitionResult:
    candidates, notes = self_assessment_model(stamp).match(assessment)
    pay = assessment.annual_pay_usd
    origin = Origin("self_assessment", LABEL, None, None, assessment.job_zone, assessment.education, pay, pay,
                    "the pay you entered")
    return engine(stamp).rank(origin, candidates, area_code, thresholds, notes)


@st.cache_data(max_entries=64, show_spinner=False)
def stepping_stones(result: TransitionResult, stamp: Stamp) -> pd.DataFrame:
    return pathways.stepping_stones(engine(stamp), result)


@st.cache_data(max_entries=256, show_spinner=False)
def occupation_gaps(origin_code: str, target_code: str, stamp: Stamp) -> pd.DataFrame:
    return skill_gaps.occupation_gaps(connection(), origin_code, target_code)


@st.cache_data(max_entries=256, show_spinner=False)
def self_assessment_gaps(skill_levels: tuple[tuple[str, float], ...], target_code: str, stamp: Stamp) -> pd.DataFrame:
    return skill_gaps.self_assessment_gaps(connection(), dict(skill_levels), target_code)


@st.cache_data(max_entries=256, show_spinner=False)
def preparation(target_code: str, origin_job_zone: int | None, stamp: Stamp) -> dict:
    return skill_gaps.preparation_step(connection(), target_code, origin_job_zone)


@st.cache_data(max_entries=256, show_spinner=False)
def programs(target_code: str, stamp: Stamp) -> pd.DataFrame:
    return training_programs.programs_for(connection(), target_code)


@st.cache_data(max_entries=128, show_spinner=False)
def onet_related(onet_soc_code: str, stamp: Stamp) -> pd.DataFrame:
    return similarity.onet_agreement_for(connection(), onet_soc_code)


@st.cache_data(max_entries=128, show_spinner=False)
def most_similar(onet_soc_code: str, limit: int, stamp: Stamp) -> pd.DataFrame:
    return engine(stamp).neighbours.neighbours(onet_soc_code, limit)


@st.cache_data(max_entries=4, show_spinner=False)
def agreement(stamp: Stamp) -> dict:
    return similarity.agreement_with_onet(connection())


def form_elements(domain: str, stamp: Stamp) -> pd.DataFrame:
    """Skills, interests or work styles for the self-assessment form (from the cached model)."""
    return self_assessment_model(stamp).elements_of(domain)


def level_anchors(element_id: str, stamp: Stamp) -> list[tuple[float, str]]:
    return self_assessment_model(stamp).anchors.get(element_id, [])
