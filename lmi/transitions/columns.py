"""The words for the Career transitions tables' own columns: what each is called on the page and in a
CSV header, and what its tooltip says. Demand columns keep theirs from ``lmi.demand.columns`` (one
vocabulary), so a figure reads the same on every page; the tooltips that explain a scale are made
from the scale's constants.

``TABLE_WORDS`` holds the English (marked for the message catalog); ``label``, ``help_text`` and ``words``
return them in the visitor's language, with the scale tooltips made afresh in it."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from lmi.demand import columns as demand_columns
from lmi.i18n import DEFAULT_LANGUAGE, N_, _, use_language
from lmi.transitions.ladder import ENTRY_SHARE_PCT
from lmi.transitions.ranking import score_help
from lmi.transitions.similarity_method import MAX_SCORE, SCALE_EXAMPLES, scale_words


def similarity_help() -> str:
    """The tooltip of the similarity column: the 0-100 rarity scale with its first examples."""
    return _("0-{max_score:g}: {scale}").format(max_score=MAX_SCORE, scale=scale_words(SCALE_EXAMPLES[:2]))


def entry_education_help() -> str:
    """The tooltip of the entry education column, from ``lmi.transitions.ladder.ENTRY_SHARE_PCT``."""
    return _(
        "The lowest level of education that at least {share:.0f}% of its workers say the job requires (O*NET); "
        "BLS's typical level where O*NET has no survey"
    ).format(share=ENTRY_SHARE_PCT)


# tooltips made from a scale's constants, in the visitor's language when asked for
MADE_HELP: dict[str, Callable[[], str]] = {
    "transition_score": score_help,
    "similarity_score": similarity_help,
    "entry_education": entry_education_help,
}
with use_language(DEFAULT_LANGUAGE):  # the constant is English whichever visitor's run first imports this module
    _ENGLISH_HELP = {column: made() for column, made in MADE_HELP.items()}

TABLE_WORDS: dict[str, tuple[str, str]] = {
    "transition_rank": (N_("Rank"), N_("Order by transition score")),
    "target_title": (N_("Occupation"), N_("O*NET 29.3 title")),
    "target_onet_soc_code": (N_("O*NET-SOC"), N_("O*NET 29.3 occupation code")),
    "transition_score": (N_("Score"), _ENGLISH_HELP["transition_score"]),
    "similarity_score": (N_("Similarity"), _ENGLISH_HELP["similarity_score"]),
    "same_figure_note": (
        N_("Demand counted once"),
        N_(
            "A BLS group figure counts once in a ranking: the row named here carries its openings and "
            "concentration points, this row gets neutral points"
        ),
    ),
    "median_pay": (
        N_("Median pay"),
        N_("BLS OEWS May 2025 median annual wage: the region's, or the nation's where it says so"),
    ),
    "pay_vs_now_pct": (N_("Pay vs now (%)"), N_("The median as a share of the pay now")),
    "target_job_zone": (N_("Job zone"), N_("O*NET job zone 1-5: how much preparation the work needs")),
    "entry_education": (N_("Entry education (O*NET)"), _ENGLISH_HELP["entry_education"]),
    "typical_entry_education": (N_("Entry education (BLS)"), N_("BLS typical entry-level education")),
    "why": (N_("Why it ranks here"), N_("What lifts it to this rank, and the facts behind each part")),
    "reasons_set_aside": (N_("Why set aside"), N_("The thresholds it misses")),
    "via_title": (N_("First step"), N_("A ranked occupation, itself hiring here")),
    "first_similarity": (N_("Similarity (first step)"), N_("Similarity of the first step to where you start")),
    "second_similarity": (N_("Similarity (second step)"), N_("Similarity of the target to the first step")),
    "wage_ratio_pct": (
        N_("Pay (%)"),
        N_("The target's median as a share of now (or of the first step's, where it says so)"),
    ),
    "pay_compared_with": (
        N_("Pay compared with"),
        N_("now: your pay now; first step: the first step's median"),
    ),
    "why_not_direct": (
        N_("Why not directly"),
        N_("The thresholds the target misses from where you start, or why two smaller steps beat a direct move"),
    ),
    "why_via": (N_("Why this first step"), N_("Whether it sits between the two rungs, and whether it is hiring here")),
    "stone_between": (
        N_("Between the rungs"),
        N_("The first step's job zone and entry education lie between now and the target"),
    ),
    "target_is_direct": (N_("Also a direct move"), N_("The target is also ranked as a direct move: a career ladder")),
    "path": (N_("Path"), N_("Both steps, with their numbers and whose they are")),
    # postings, when the worker switches them on (lmi.transitions.posted_signal); the postings figures themselves
    # keep the demand model's words (lmi.demand.columns)
    "postings_adjustment_points": (
        N_("Postings adjustment"),
        N_("Points the postings signal added to or took from the score (see “How this works”)"),
    ),
    "transition_score_without_postings": (N_("Score without postings"), N_("The transition score before postings")),
}


def words(column: str) -> tuple[str, str] | None:
    """(label, tooltip) of a column in the visitor's language (the demand model's words for demand
    columns); None for a column neither vocabulary names."""
    found = demand_columns.words(column)
    if found:
        return found
    if column not in TABLE_WORDS:
        return None
    name, tip = TABLE_WORDS[column]
    return _(name), MADE_HELP[column]() if column in MADE_HELP else _(tip)


def label(column: str) -> str:
    """The column's name on the page (the demand model's words for demand columns)."""
    found = words(column)
    return found[0] if found else column


def help_text(column: str) -> str:
    found = words(column)
    return found[1] if found else ""


def for_download(table: pd.DataFrame) -> pd.DataFrame:
    """The table with the page's labels as CSV headers, the exact field kept in brackets
    ("Jobs here [local_employment_count]", "Whose numbers [demand_basis]")."""
    return table.rename(columns={column: f"{label(column)} [{column}]" for column in table.columns})
