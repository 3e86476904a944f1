"""The words for the Career transitions tables' own columns: what each is called on the page and in a
CSV header, and what its tooltip says. Demand columns keep theirs from ``lmi.demand.columns`` (one
vocabulary), so a figure reads the same on every page; the tooltips that explain a scale are made
from the scale's constants."""

from __future__ import annotations

import pandas as pd

from lmi.demand.columns import COLUMN_WORDS
from lmi.transitions.ranking import score_help
from lmi.transitions.similarity_method import MAX_SCORE, SCALE_EXAMPLES, scale_words

TABLE_WORDS: dict[str, tuple[str, str]] = {
    "transition_rank": ("Rank", "Order by transition score"),
    "target_title": ("Occupation", "O*NET 29.3 title"),
    "target_onet_soc_code": ("O*NET-SOC", "O*NET 29.3 occupation code"),
    "transition_score": ("Score", score_help()),
    "similarity_score": ("Similarity", f"0-{MAX_SCORE:g}: {scale_words(SCALE_EXAMPLES[:2])}"),
    "same_figure_note": (
        "Demand counted once",
        "A BLS group figure counts once in a ranking: the row named here carries its openings and concentration "
        "points, this row gets neutral points",
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


def label(column: str) -> str:
    """The column's name on the page (the demand model's words for demand columns)."""
    words = COLUMN_WORDS.get(column) or TABLE_WORDS.get(column)
    return words[0] if words else column


def help_text(column: str) -> str:
    words = COLUMN_WORDS.get(column) or TABLE_WORDS.get(column)
    return words[1] if words else ""


def for_download(table: pd.DataFrame) -> pd.DataFrame:
    """The table with the page's labels as CSV headers, the exact field kept in brackets
    ("Jobs here [local_employment_count]", "Whose numbers [demand_basis]")."""
    return table.rename(columns={column: f"{label(column)} [{column}]" for column in table.columns})
