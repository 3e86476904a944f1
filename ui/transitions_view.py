"""How the Career transitions tables look: column labels, tooltips and number formats for the ranked,
set-aside and stepping-stone tables (words from ``lmi.transitions.columns``, demand columns formatted
by ``ui.demand_view``), and the small reference tables (skill gaps, programs, the method's components,
our list beside O*NET's) with their display headers."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lmi.demand.columns import COLUMN_WORDS
from lmi.i18n import _
from lmi.transitions import columns as transitions_columns
from lmi.transitions.onet_agreement import in_onet_list
from lmi.transitions.similarity_method import COMPONENTS
from ui.demand_view import demand_column_config

WIDE = ("why", "path")
WHOLE_NUMBERS = ("similarity_score", "first_similarity", "second_similarity", "target_job_zone", "transition_rank")


def column_config(table: pd.DataFrame, wide: tuple[str, ...] = WIDE) -> dict:
    """Labels, tooltips and formats for a transitions table: the demand model's words for demand
    columns, the transitions' own for the rest."""
    config = demand_column_config([c for c in table.columns if c in COLUMN_WORDS])
    if "demand_basis" in config:  # the group label is long: room to read it beside the figures
        config["demand_basis"] = {**config["demand_basis"], "width": "large"}
    for column in table.columns:
        found = None if column in config else transitions_columns.words(column)
        if found:
            config[column] = _column(column, *found, wide)
    return config


def _column(column: str, name: str, tip: str, wide: tuple[str, ...]):
    if column in wide:
        return st.column_config.TextColumn(name, help=tip, width="large")
    if column == "same_figure_note":
        return st.column_config.TextColumn(name, help=tip, width="medium")
    if column.endswith("_pct"):
        return st.column_config.NumberColumn(name, help=tip, format="%.0f%%")
    if column in WHOLE_NUMBERS:
        return st.column_config.NumberColumn(name, help=tip, format="%.0f")
    if column in ("transition_score", "transition_score_without_postings", "postings_per_1000_jobs"):
        return st.column_config.NumberColumn(name, help=tip, format="%.1f")
    if column == "postings_adjustment_points":
        return st.column_config.NumberColumn(name, help=tip, format="%+.1f")
    if column == "postings_count":
        return st.column_config.NumberColumn(name, help=tip, format="localized")
    if column == "postings_includes_generated_example":
        return st.column_config.CheckboxColumn(name, help=tip)
    return st.column_config.TextColumn(name, help=tip)


def gap_table(gaps: pd.DataFrame, now: str) -> pd.DataFrame:
    """Skill gaps (``lmi.transitions.skill_gaps``) with their headers; ``now`` names the current level."""
    return pd.DataFrame(
        {
            _("Skill or knowledge"): gaps.element_name,
            _("Type"): gaps.domain.map(domain_words),
            _("Importance in target (1-5)"): gaps.target_importance.round(2),
            now: gaps.current_level.round(2),
            _("Level needed"): gaps.target_level.round(2),
            _("Gap"): gaps.gap_levels.round(2),
            _("Priority (importance x gap)"): gaps.priority.round(2),
            _("What the needed level looks like"): gaps.target_level_example,
        }
    )


def domain_words(domain: str) -> str:
    """O*NET's domain of a rated element ("skill", "knowledge") in the visitor's language."""
    return {"skill": _("skill"), "knowledge": _("knowledge")}.get(domain, domain)


def program_table(programs: pd.DataFrame) -> pd.DataFrame:
    """CIP programs (``lmi.transitions.fields_of_study``) with their headers."""
    return programs.rename(
        columns={
            "cip_code": _("CIP code"),
            "cip_title": _("Program"),
            "cip_definition": _("What it covers"),
            "soc_code": _("Linked to SOC"),
        }
    )


def component_table() -> pd.DataFrame:
    """The similarity's components, what each compares and its weight."""
    rows = []
    for component in COMPONENTS:
        words = component.words()
        rows.append(
            {
                _("Component"): words["label"],
                _("Group"): words["group"],
                _("Compares"): words["compares"],
                _("Weight"): component.weight,
            }
        )
    return pd.DataFrame(rows)


def our_list_table(ours: pd.DataFrame, theirs: pd.DataFrame) -> pd.DataFrame:
    """Our most similar occupations, each marked when O*NET lists it as related."""
    return pd.DataFrame(
        {
            "#": ours.similarity_rank,
            _("Occupation"): ours.target_title,
            _("Similarity"): ours.similarity_score.round(0),
            _("In O*NET's list"): in_onet_list(ours, theirs),
        }
    )


def onet_list_table(theirs: pd.DataFrame) -> pd.DataFrame:
    """O*NET's related occupations with our rank for each (empty: not in our list)."""
    return pd.DataFrame(
        {
            "#": theirs.related_index,
            _("Occupation"): theirs.title,
            _("O*NET tier"): theirs.relatedness_tier,
            _("Our rank"): theirs.our_rank.astype("float64"),
        }
    )
