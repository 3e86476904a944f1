"""The Career transitions tables as shown and downloaded: the ranked occupations, those set aside,
the stepping stones and the points of the similarity-vs-demand chart, each a frame with the
domain's column names (labels in ``lmi.transitions.columns``).

Numbers stay numbers (for sorting); openings are rounded to the precision an estimate deserves
(``lmi.demand.openings.round_openings``); "Whose numbers" (``demand_basis``) is filled exactly where a
figure is a BLS group's and blank where it is the occupation's own, so a reader sees the group label
on the rows that need it, in the table and the CSV alike."""

from __future__ import annotations

import pandas as pd

from lmi.demand.oews_values import format_usd
from lmi.demand.openings import round_openings
from lmi.i18n import _
from lmi.transitions.pathways import compared_with_words
from lmi.transitions.ranking import TransitionResult


def ranked_table(result: TransitionResult) -> pd.DataFrame:
    """The ranked targets, best first, with the sentence saying why each ranks where it does; with the
    postings columns (at each row's BLS code, with their source and period) when postings joined the ranking."""
    ranked = result.ranked
    return pd.DataFrame(
        {
            "transition_rank": ranked.transition_rank,
            "target_title": ranked.target_title,
            "transition_score": ranked.transition_score.round(1),
            "similarity_score": ranked.similarity_score.round(1),
            **_figures(ranked),
            **(_postings(ranked) if result.postings is not None else {}),
            "same_figure_note": ranked.same_figure_note,
            "median_pay": [_median_pay(row) for row in ranked.itertuples()],
            "pay_vs_now_pct": (100 * ranked.wage_ratio).round(0),
            "target_job_zone": ranked.target_job_zone,
            "entry_education": ranked.entry_education,
            "typical_entry_education": ranked.typical_entry_education,
            "why": ranked.why,
            "target_onet_soc_code": ranked.target_onet_soc_code,
        }
    )


def _postings(ranked: pd.DataFrame) -> dict[str, pd.Series]:
    """Postings here at the row's BLS code (``demand_soc_code``, named beside them), what they did to the
    score, and where and when they were counted (``lmi.transitions.posted_signal``)."""
    return {
        "postings_per_1000_jobs": pd.to_numeric(ranked.postings_per_1000_jobs, errors="coerce").round(1),
        "postings_count": pd.to_numeric(ranked.postings_count, errors="coerce"),
        "postings_trend_pct": pd.to_numeric(ranked.postings_trend_pct, errors="coerce").round(0),
        "postings_adjustment_points": ranked.postings_adjustment_points.round(1),
        "transition_score_without_postings": ranked.transition_score_without_postings.round(1),
        "postings_period_start": ranked.postings_period_start,
        "postings_period_end": ranked.postings_period_end,
        "postings_source": ranked.postings_source,
        "postings_includes_generated_example": ranked.postings_includes_generated_example,
    }


def set_aside_table(result: TransitionResult) -> pd.DataFrame:
    """Similar occupations a threshold set aside, most similar first, with the thresholds each misses."""
    aside = result.set_aside
    return pd.DataFrame(
        {
            "target_title": aside.target_title,
            "target_onet_soc_code": aside.target_onet_soc_code,
            "similarity_score": aside.similarity_score.round(0),
            "local_employment_count": aside.local_employment_count,
            "demand_basis": whose_numbers(aside),
            "demand_soc_code": aside.demand_soc_code,
            "reasons_set_aside": aside.reasons_set_aside,
        }
    )


def stepping_stone_table(paths: pd.DataFrame) -> pd.DataFrame:
    """Two-step paths (``lmi.transitions.pathways.stepping_stones``) with both steps' similarities."""
    return pd.DataFrame(
        {
            "via_title": paths.via_title,
            "first_similarity": paths.first_similarity.astype("float64").round(0),
            "target_title": paths.target_title,
            "target_onet_soc_code": paths.target_onet_soc_code,
            "second_similarity": paths.second_similarity.astype("float64").round(0),
            **_figures(paths),
            "wage_ratio_pct": (100 * paths.wage_ratio.astype("float64")).round(0),
            "pay_compared_with": paths.pay_compared_with.map(compared_with_words),
            "why_not_direct": paths.why_not_direct,
            "why_via": paths.why_via,
            "stone_between": paths.stone_between.astype(bool),
            "target_is_direct": paths.target_is_direct.astype(bool),
            "path": paths.path,
        }
    )


def chart_points(result: TransitionResult) -> pd.DataFrame:
    """The ranked targets that have an openings estimate here (the chart's log scale needs one above 0),
    with their similarity, jobs, openings, pay against now and whose numbers they are."""
    ranked = result.ranked
    openings = pd.to_numeric(ranked.local_annual_openings_est_count, errors="coerce")
    shown = ranked[openings.notna() & (openings > 0)]
    return pd.DataFrame(
        {
            "transition_rank": shown.transition_rank,
            "target_title": shown.target_title,
            "similarity_score": shown.similarity_score,
            "local_employment_count": shown.local_employment_count,
            "local_annual_openings_est_count": shown.local_annual_openings_est_count,
            "same_figure_note": shown.same_figure_note,
            "pay_vs_now_pct": 100 * shown.wage_ratio,
            "demand_basis": whose_numbers(shown).fillna(""),
        }
    ).reset_index(drop=True)


def whose_numbers(frame: pd.DataFrame) -> pd.Series:
    """``demand_basis`` where the figure is a BLS group's (``demand_is_shared``), blank where it is the
    occupation's own."""
    return frame.demand_basis.where(frame.demand_is_shared.astype(bool), "")


def _figures(frame: pd.DataFrame) -> dict[str, pd.Series]:
    """Jobs, openings (at honest precision) and location quotient, with whose numbers they are beside them."""
    return {
        "local_employment_count": frame.local_employment_count,
        "local_annual_openings_est_count": frame.local_annual_openings_est_count.map(round_openings).astype("float64"),
        "location_quotient": frame.location_quotient,
        "demand_basis": whose_numbers(frame),
        "demand_soc_code": frame.demand_soc_code,
    }


def _median_pay(row) -> str:
    """The median the pay ratio was computed on: the region's, or the nation's (said so) where BLS released no
    regional one."""
    if row.wage_ratio_basis == "nation":
        return _("{wage} (nation)").format(
            wage=format_usd(row.national_annual_wage_median_usd, row.national_annual_wage_median_footnote)
        )
    return format_usd(row.local_annual_wage_median_usd, row.local_annual_wage_median_footnote)
