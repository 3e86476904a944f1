"""How the Career transitions tables look: column labels, tooltips and number formats for the ranked,
set-aside and stepping-stone tables (words from ``lmi.transitions.columns``, demand columns formatted
by ``ui.demand_view``), and the small reference tables (skill gaps, programs, the method's components,
our list beside O*NET's) with their display headers."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lmi.demand.columns import COLUMN_WORDS
from lmi.transitions.columns import TABLE_WORDS
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
        if column not in config and column in TABLE_WORDS:
            config[column] = _column(column, *TABLE_WORDS[column], wide)
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
    if column == "transition_score":
        return st.column_config.NumberColumn(name, help=tip, format="%.1f")
    return st.column_config.TextColumn(name, help=tip)


def gap_table(gaps: pd.DataFrame, now: str) -> pd.DataFrame:
    """Skill gaps (``lmi.transitions.skill_gaps``) with their headers; ``now`` names the current level."""
    return pd.DataFrame(
        {
            "Skill or knowledge": gaps.element_name,
            "Type": gaps.domain,
            "Importance in target (1-5)": gaps.target_importance.round(2),
            now: gaps.current_level.round(2),
            "Level needed": gaps.target_level.round(2),
            "Gap": gaps.gap_levels.round(2),
            "Priority (importance x gap)": gaps.priority.round(2),
            "What the needed level looks like": gaps.target_level_example,
        }
    )


def program_table(programs: pd.DataFrame) -> pd.DataFrame:
    """CIP programs (``lmi.transitions.fields_of_study``) with their headers."""
    return programs.rename(
        columns={
            "cip_code": "CIP code",
            "cip_title": "Program",
            "cip_definition": "What it covers",
            "soc_code": "Linked to SOC",
        }
    )


def component_table() -> pd.DataFrame:
    """The similarity's components, what each compares and its weight."""
    return pd.DataFrame(
        [{"Component": c.label, "Group": c.group, "Compares": c.compares, "Weight": c.weight} for c in COMPONENTS]
    )


def our_list_table(ours: pd.DataFrame, theirs: pd.DataFrame) -> pd.DataFrame:
    """Our most similar occupations, each marked when O*NET lists it as related."""
    return pd.DataFrame(
        {
            "#": ours.similarity_rank,
            "Occupation": ours.target_title,
            "Similarity": ours.similarity_score.round(0),
            "In O*NET's list": in_onet_list(ours, theirs),
        }
    )


def onet_list_table(theirs: pd.DataFrame) -> pd.DataFrame:
    """O*NET's related occupations with our rank for each (empty: not in our list)."""
    return pd.DataFrame(
        {
            "#": theirs.related_index,
            "Occupation": theirs.title,
            "O*NET tier": theirs.relatedness_tier,
            "Our rank": theirs.our_rank.astype("float64"),
        }
    )
