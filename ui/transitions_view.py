"""How the Career transitions tables look: column labels, tooltips and number formats for the ranked,
set-aside and stepping-stone tables (words from ``lmi.transitions.columns``, demand columns formatted
by ``ui.demand_view``), and the small reference tables (skill gaps, programs, the method's components,
our list beside O*NET's) with their display headers.

The ranked and stepping-stone tables are shown compact (``RANKED_SHOWN``, ``STONES_SHOWN``: the columns
that fit a page) and the selected row's other figures in a detail panel (``detail_table``: one figure a
line, with whose numbers they are), so nothing needs sideways scrolling; the downloads keep every column."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from lmi.demand.columns import COLUMN_WORDS
from lmi.i18n import N_, _
from lmi.transitions import columns as transitions_columns
from lmi.transitions.onet_agreement import PRIMARY_TIERS
from lmi.transitions.similarity_method import COMPONENTS
from ui.demand_view import demand_column_config

WIDE = ("why", "path")
# the columns the compact tables show (the download and the detail panel carry the rest)
RANKED_SHOWN = (
    "transition_rank",
    "target_title",
    "transition_score",
    "local_employment_count",
    "local_annual_openings_est_count",
    "median_pay",
    "demand_basis",
)
STONES_SHOWN = (
    "via_title",
    "target_title",
    "first_similarity",
    "second_similarity",
    "local_employment_count",
    "wage_ratio_pct",
    "demand_basis",
)
# widths of the compact tables' wider columns, so they fit a 1280 px window beside the sidebar (the full text is in
# the cell's tooltip, the accessible table and the detail panel)
SHOWN_WIDTHS_PX = {
    "transition_rank": "small",
    "target_title": 220,
    "via_title": 180,
    "demand_basis": 180,
    "first_similarity": "small",
    "second_similarity": "small",
}
# the figures the detail panel lists for a ranked target, a set-aside one and a path (in this order, when present)
RANKED_DETAIL = (
    "transition_score",
    "similarity_score",
    "local_employment_count",
    "local_annual_openings_est_count",
    "location_quotient",
    "median_pay",
    "pay_vs_now_pct",
    "target_job_zone",
    "entry_education",
    "typical_entry_education",
    "postings_count",
    "postings_per_1000_jobs",
    "postings_trend_pct",
    "postings_adjustment_points",
    "transition_score_without_postings",
    "postings_period_start",
    "postings_period_end",
    "postings_source",
    "demand_soc_code",
    "demand_basis",
    "same_figure_note",
)
ASIDE_DETAIL = ("similarity_score", "local_employment_count", "demand_soc_code", "demand_basis")
STONES_DETAIL = (
    "via_title",
    "first_similarity",
    "target_title",
    "second_similarity",
    "local_employment_count",
    "local_annual_openings_est_count",
    "location_quotient",
    "wage_ratio_pct",
    "pay_compared_with",
    "why_via",
    "stone_between",
    "target_is_direct",
    "demand_soc_code",
    "demand_basis",
)
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


def shown(table: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """The compact table: ``columns`` of ``table`` that it has, in that order."""
    return table[[column for column in columns if column in table.columns]]


def shown_config(table: pd.DataFrame) -> dict:
    """``column_config`` of a compact table: the long text columns get fixed widths (``SHOWN_WIDTHS_PX``), so the
    table fits the page."""
    config = column_config(table)
    for column, width in SHOWN_WIDTHS_PX.items():
        if column in config:
            config[column] = {**config[column], "width": width}
    return config


def detail_table(row: pd.Series, columns: tuple[str, ...]) -> pd.DataFrame:
    """One figure a line (label and value as the page writes it) for the detail panel of a row of a ranked,
    set-aside or stepping-stone table; "Whose numbers" says the figures are the occupation's own when they are
    not a BLS group's."""
    lines = []
    for column in columns:
        if column not in row.index:
            continue
        value = _detail_value(column, row[column])
        if column == "demand_basis" and not value:
            value = _("its own figures, not a BLS group's")
        if value:
            lines.append({_("Figure"): transitions_columns.label(column), _("Value"): value})
    return pd.DataFrame(lines, columns=[_("Figure"), _("Value")])


def _detail_value(column: str, value) -> str:
    """A cell as text: counts with separators, shares with %, scores to one decimal; blank when unknown."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, np.bool_)):
        return _("yes") if value else _("no")
    if not isinstance(
        value, (int, float, np.integer, np.floating)
    ):  # a date (postings period) or another value: as it prints
        return str(value)
    number = float(value)
    if column.endswith("_pct"):
        return f"{number:.0f}%"
    if column == "location_quotient":
        return f"{number:.2f}"
    if column == "postings_adjustment_points":
        return f"{number:+.1f}"
    if column in ("transition_score", "transition_score_without_postings", "postings_per_1000_jobs"):
        return f"{number:.1f}"
    return f"{number:,.0f}"


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


GAP_EXAMPLE = N_("O*NET's generic example of the level needed")


def gap_table(gaps: pd.DataFrame, now: str) -> pd.DataFrame:
    """Skill gaps (``lmi.transitions.skill_gaps``) with their headers; ``now`` names the current level. The last
    column is O*NET's anchor nearest the level needed: O*NET's example of that level of the skill, the same for
    every occupation (so a nurse may read a banker's task), and headed so."""
    return pd.DataFrame(
        {
            _("Skill or knowledge"): gaps.element_name,
            _("Type"): gaps.domain.map(domain_words),
            _("Importance in target (1-5)"): gaps.target_importance.round(2),
            now: gaps.current_level.round(2),
            _("Level needed"): gaps.target_level.round(2),
            _("Gap"): gaps.gap_levels.round(2),
            _("Priority (importance x gap)"): gaps.priority.round(2),
            _(GAP_EXAMPLE): gaps.target_level_example,
        }
    )


def gap_table_shown(table: pd.DataFrame) -> pd.DataFrame:
    """The gap table without O*NET's examples (listed under it, labelled as O*NET's), so it fits the page."""
    return table.drop(columns=[_(GAP_EXAMPLE)])


def gap_examples(gaps: pd.DataFrame) -> list[str]:
    """ "Biology, level 5.7 needed. O*NET's example of a level near it: “…”" for each gap O*NET gives an
    example for (O*NET's anchors are written once per skill for all occupations, so they are labelled as
    O*NET's examples of a level, not as this occupation's tasks)."""
    return [
        _("**{element}**, level {level:.1f} needed. O*NET's example of a level near it: “{example}”").format(
            element=name, level=level, example=example
        )
        for name, level, example in zip(gaps.element_name, gaps.target_level, gaps.target_level_example)
        if isinstance(example, str) and example
    ]


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
    """Our most similar occupations, each with the tier O*NET lists it in (blank: not listed) and ticked
    exactly when it counts in the agreement sentence: when O*NET lists it as a primary related occupation."""
    tiers = dict(zip(theirs.related_onet_soc_code, theirs.relatedness_tier))
    tier = ours.target_onet_soc_code.map(tiers)
    return pd.DataFrame(
        {
            "#": ours.similarity_rank,
            _("Occupation"): ours.target_title,
            _("Similarity"): ours.similarity_score.round(0),
            _("O*NET tier"): tier.fillna(""),
            _("In O*NET's primary list"): tier.isin(PRIMARY_TIERS),
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
