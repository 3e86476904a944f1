"""Cached calls and table formatting for the Career transitions page. Like ``ui.data``: the shared
read-only connection; the in-memory engines (neighbour lists, national facts, every occupation's
skill levels) are built once per database file (``st.cache_resource`` keyed by its stamp) on the
app's one demand model, and results are cached by small arguments plus the stamp, so a rebuilt
database is never mixed with the old one.

The tables keep the domain's column names (one vocabulary: ``lmi.demand.columns``), with the
"Whose numbers" column (``demand_basis``) filled exactly where a figure is a BLS group's
(``ui.demand_view.mark_shared_figures``); ``column_config`` gives their labels and tooltips and
``for_csv`` the CSV headers ("Jobs here [local_employment_count]")."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lmi.demand.columns import COLUMN_WORDS, label
from lmi.demand.oews_values import format_usd
from lmi.demand.openings import round_openings
from lmi.transitions import fields_of_study as training_programs
from lmi.transitions import pathways, similarity, skill_gaps
from lmi.transitions.ranking import Origin, Thresholds, TransitionEngine, TransitionResult
from lmi.transitions.self_assessment import LABEL, SelfAssessment, SelfAssessmentModel
from ui.data import Stamp, connection, demand_model
from ui.demand_view import demand_column_config, mark_shared_figures

# the page's own columns: (label, tooltip); demand columns take theirs from lmi.demand.columns
TABLE_WORDS = {
    "transition_rank": ("Rank", "Order by transition score"),
    "target_title": ("Occupation", "O*NET 29.3 title"),
    "target_onet_soc_code": ("O*NET-SOC", "O*NET 29.3 occupation code"),
    "transition_score": (
        "Score",
        "Transition score 0-100: similarity, openings, concentration and pay combined (see “How this works”)",
    ),
    "similarity_score": ("Similarity", "0-100: 20 = only 1 in 10 pairs of occupations is more alike, 40 = 1 in 100"),
    "same_figure_note": (
        "Demand counted once",
        "A BLS group figure counts once in a ranking: the row named here "
        "carries its openings and concentration points, this row gets neutral "
        "points",
    ),
    "median_pay": (
        "Median pay",
        "BLS OEWS May 2025 median annual wage: the region's, or the nation's where it says so",
    ),
    "pay_vs_now_pct": ("Pay vs now (%)", "The median as a share of the pay now"),
    "target_job_zone": ("Job zone", "O*NET job zone 1-5: how much preparation the work needs"),
    "typical_entry_education": ("Entry education (BLS)", "BLS typical entry-level education"),
    "why": ("Why it ranks here", "What lifts it to this rank, and the facts behind each part"),
    "reasons_set_aside": ("Why set aside", "The thresholds it misses"),
    "via_title": ("First step", "A ranked occupation, itself hiring here"),
    "first_similarity": ("Similarity (first step)", "Similarity of the first step to where you start"),
    "second_similarity": ("Similarity (second step)", "Similarity of the target to the first step"),
    "wage_ratio_pct": ("Pay (%)", "The target's median as a share of now (or of the first step's, where it says so)"),
    "pay_compared_with": ("Pay compared with", "now: your pay now; first step: the first step's median"),
    "why_not_direct": ("Why not directly", "The thresholds the target misses from where you start"),
    "path": ("Path", "Both steps, with their numbers and whose they are"),
}
DEMAND_FIGURES = (
    "local_employment_count",
    "local_annual_openings_est_count",
    "location_quotient",
    "demand_basis",
    "demand_soc_code",
)


@st.cache_resource(max_entries=1, show_spinner="Loading occupation profiles…")
def engine(stamp: Stamp) -> TransitionEngine:
    return TransitionEngine(connection(), demand_model())


@st.cache_resource(max_entries=1, show_spinner="Loading skill profiles…")
def self_assessment_model(stamp: Stamp) -> SelfAssessmentModel:
    return SelfAssessmentModel(connection())


@st.cache_data(max_entries=128, show_spinner=False)
def from_occupation(onet_soc_code: str, area_code: str, thresholds: Thresholds, stamp: Stamp) -> TransitionResult:
    return engine(stamp).from_occupation(onet_soc_code, area_code, thresholds)


@st.cache_data(max_entries=64, show_spinner=False)
def from_self_assessment(
    assessment: SelfAssessment, area_code: str, thresholds: Thresholds, stamp: Stamp
) -> TransitionResult:
    candidates, notes = self_assessment_model(stamp).match(assessment)
    pay = assessment.annual_pay_usd
    origin = Origin(
        "self_assessment", LABEL, None, None, assessment.job_zone, assessment.education, pay, pay, "the pay you entered"
    )
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


# --------------------------------------------------------------------------- tables


def ranked_table(result: TransitionResult) -> pd.DataFrame:
    """The ranked targets as shown and downloaded (numbers stay numbers for sorting)."""
    ranked = mark_shared_figures(result.ranked)
    return pd.DataFrame(
        {
            "transition_rank": ranked.transition_rank,
            "target_title": ranked.target_title,
            "transition_score": ranked.transition_score.round(1),
            "similarity_score": ranked.similarity_score.round(1),
            **_figures(ranked),
            "same_figure_note": ranked.same_figure_note,
            "median_pay": [_median_pay(row) for row in ranked.itertuples()],
            "pay_vs_now_pct": (100 * ranked.wage_ratio).round(0),
            "target_job_zone": ranked.target_job_zone,
            "typical_entry_education": ranked.typical_entry_education,
            "why": ranked.why,
            "target_onet_soc_code": ranked.target_onet_soc_code,
        }
    )


def set_aside_table(result: TransitionResult) -> pd.DataFrame:
    aside = mark_shared_figures(result.set_aside)
    return pd.DataFrame(
        {
            "target_title": aside.target_title,
            "target_onet_soc_code": aside.target_onet_soc_code,
            "similarity_score": aside.similarity_score.round(0),
            "local_employment_count": aside.local_employment_count,
            "demand_basis": aside.demand_basis,
            "demand_soc_code": aside.demand_soc_code,
            "reasons_set_aside": aside.reasons_set_aside,
        }
    )


def stepping_stone_table(paths: pd.DataFrame) -> pd.DataFrame:
    marked = mark_shared_figures(paths)
    return pd.DataFrame(
        {
            "via_title": marked.via_title,
            "first_similarity": marked.first_similarity.astype("float64").round(0),
            "target_title": marked.target_title,
            "target_onet_soc_code": marked.target_onet_soc_code,
            "second_similarity": marked.second_similarity.astype("float64").round(0),
            **_figures(marked),
            "wage_ratio_pct": (100 * marked.wage_ratio.astype("float64")).round(0),
            "pay_compared_with": marked.pay_compared_with,
            "why_not_direct": marked.why_not_direct,
            "path": marked.path,
        }
    )


def _figures(frame: pd.DataFrame) -> dict[str, pd.Series]:
    """Jobs, openings (at honest precision) and location quotient, with whose numbers they are beside them."""
    return {
        "local_employment_count": frame.local_employment_count,
        "local_annual_openings_est_count": frame.local_annual_openings_est_count.map(round_openings).astype("float64"),
        "location_quotient": frame.location_quotient,
        "demand_basis": frame.demand_basis,
        "demand_soc_code": frame.demand_soc_code,
    }


def _median_pay(row) -> str:
    if row.wage_ratio_basis == "nation":
        return f"{format_usd(row.national_annual_wage_median_usd, row.national_annual_wage_median_footnote)} (nation)"
    return format_usd(row.local_annual_wage_median_usd, row.local_annual_wage_median_footnote)


def column_config(table: pd.DataFrame, wide: tuple[str, ...] = ("why", "path")) -> dict:
    """Labels, tooltips and formats for a transitions table: the demand model's words for demand
    columns (``ui.demand_view``), the page's own for the rest."""
    config = demand_column_config([c for c in table.columns if c in COLUMN_WORDS])
    if "demand_basis" in config:  # the group label is long: room to read it beside the figures
        config["demand_basis"] = {**config["demand_basis"], "width": "large"}
    for column in table.columns:
        if column in config or column not in TABLE_WORDS:
            continue
        name, tip = TABLE_WORDS[column]
        if column in wide:
            config[column] = st.column_config.TextColumn(name, help=tip, width="large")
        elif column == "same_figure_note":
            config[column] = st.column_config.TextColumn(name, help=tip, width="medium")
        elif column.endswith("_pct"):
            config[column] = st.column_config.NumberColumn(name, help=tip, format="%.0f%%")
        elif column in (
            "similarity_score",
            "first_similarity",
            "second_similarity",
            "target_job_zone",
            "transition_rank",
        ):
            config[column] = st.column_config.NumberColumn(name, help=tip, format="%.0f")
        elif column == "transition_score":
            config[column] = st.column_config.NumberColumn(name, help=tip, format="%.1f")
        else:
            config[column] = st.column_config.TextColumn(name, help=tip)
    return config


def for_csv(table: pd.DataFrame) -> pd.DataFrame:
    """The table with the page's labels as CSV headers, the exact field kept in brackets
    ("Jobs here [local_employment_count]", "Whose numbers [demand_basis]")."""
    return table.rename(columns={c: f"{_label(c)} [{c}]" for c in table.columns})


def _label(column: str) -> str:
    return label(column) if column in COLUMN_WORDS else TABLE_WORDS.get(column, (column, ""))[0]
