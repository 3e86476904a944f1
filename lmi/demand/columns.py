"""The one set of words for demand columns: what each column of ``lmi.demand`` frames is called on a
page and in a CSV header, and what its tooltip says. Pages and downloads take labels from here so a
figure reads the same everywhere.

``COLUMN_WORDS`` holds the English (marked for the message catalog); ``label`` and ``help_text`` return
them in the visitor's language, so a caller never shows ``COLUMN_WORDS`` directly."""

from __future__ import annotations

import pandas as pd

from lmi.i18n import N_, _

COLUMN_WORDS: dict[str, tuple[str, str]] = {
    "onet_soc_code": (N_("O*NET-SOC code"), N_("O*NET 29.3 occupation code")),
    "occupation_title": (N_("Occupation"), N_("O*NET 29.3 title")),
    "soc_code": (N_("BLS code"), N_("The SOC code BLS publishes these numbers at")),
    "soc_title": (N_("BLS occupation"), N_("The title BLS publishes these numbers under")),
    "demand_soc_code": (
        N_("BLS code of the figures"),
        N_(
            "The BLS code whose numbers these are: the occupation's own "
            'SOC code, an OEWS group such as 31-1120, or an "All Other" residual'
        ),
    ),
    "demand_basis": (
        N_("Whose numbers"),
        N_("Says when a figure is a BLS group's, shared with other occupations"),
    ),
    "shared_with_count": (
        N_("Occupations sharing the figure"),
        N_("How many O*NET occupations show these same numbers"),
    ),
    "local_employment_count": (N_("Jobs here"), N_("BLS OEWS May 2025 employment (wage and salary jobs)")),
    "local_employment_missing_words": (N_("Why no jobs figure"), N_("Why BLS has no employment estimate here")),
    "location_quotient": (
        N_("Location quotient"),
        N_("Share of local jobs in it / share of national jobs (BLS OEWS)"),
    ),
    "local_annual_wage_median_usd": (N_("Median annual wage here"), N_("BLS OEWS May 2025")),
    "national_growth_2024_34_pct": (
        N_("Projected growth 2024-34 (nation)"),
        N_("BLS Employment Projections 2024-34"),
    ),
    "national_annual_openings_count": (N_("Annual openings (nation)"), N_("BLS Employment Projections 2024-34")),
    "local_annual_openings_est_count": (
        N_("Est. annual openings here"),
        N_(
            "National openings per job x local jobs, or the state's own projected openings where loaded; see the method"
        ),
    ),
    "openings_basis": (N_("Openings basis"), N_("How the local openings figure was estimated")),
    "local_growth_pct": (
        N_("Projected growth here"),
        N_("The state's own long-term projection where loaded, else BLS's national 2024-34 projection"),
    ),
    "local_growth_period": (N_("Projection period"), N_("The years the projected growth spans")),
    "local_growth_basis": (
        N_("Growth basis"),
        N_("Whether growth is the state's own projection or the nation's"),
    ),
    "local_projection_source": (
        N_("Projection source"),
        N_("Which projections the openings and growth come from"),
    ),
    "local_annual_wage_p10_usd": (N_("10th percentile annual wage here"), N_("BLS OEWS May 2025")),
    "local_annual_wage_p90_usd": (N_("90th percentile annual wage here"), N_("BLS OEWS May 2025")),
    # Posted demand (``lmi.demand.posted``): employers' job postings beside the OEWS jobs of the same BLS code
    "postings_count": (
        N_("Job postings"),
        N_("Postings in the period shown, reposts removed, added up over the detailed SOC codes in the BLS code"),
    ),
    "postings_per_month_avg": (N_("Postings a month (average)"), N_("Postings in the period / its months")),
    "postings_trend_pct": (
        N_("Postings trend (last 3 months)"),
        N_(
            "Postings of the last 3 months against the 3 months before; empty with under 6 months of postings or "
            "too few postings to compare"
        ),
    ),
    "postings_per_1000_jobs": (
        N_("Postings per 1,000 jobs"),
        N_("Postings in the period per 1,000 BLS OEWS May 2025 jobs here at the same BLS code"),
    ),
    "postings_soc_codes": (
        N_("Postings of SOC codes"),
        N_("The detailed SOC codes whose postings are added up to sit beside the BLS code's jobs"),
    ),
    "postings_soc_codes_count": (N_("SOC codes added up"), N_("How many detailed SOC codes the postings add up")),
    "postings_is_group_sum": (
        N_("Postings of a BLS group"),
        N_("True when the postings of several detailed occupations are added up for a BLS group"),
    ),
    "postings_basis": (N_("Whose postings"), N_("Which occupations' postings the figure adds up")),
    "postings_months_count": (N_("Months of postings"), N_("How many months the postings figure covers")),
    "postings_period_start": (N_("Postings from"), N_("The first posted month counted")),
    "postings_period_end": (N_("Postings to"), N_("The last posted month counted")),
    "postings_missing_words": (N_("Why no postings figure"), N_("Why there is no postings figure here")),
    "postings_source": (N_("Postings source"), N_("The files and imports the postings come from, and their months")),
    "postings_includes_generated_example": (
        N_("Generated example postings"),
        N_("True when the postings include generated example data, which are not real postings"),
    ),
    "posted_month": (N_("Posted month"), N_("The month the postings were posted in")),
    "reposts_removed_count": (N_("Reposts removed"), N_("Postings not counted again because they were reposts")),
}


def words(column: str) -> tuple[str, str] | None:
    """(label, tooltip) of a demand column in the visitor's language; None for a column this module
    does not name."""
    found = COLUMN_WORDS.get(column)
    return (_(found[0]), _(found[1])) if found else None


def label(column: str) -> str:
    found = COLUMN_WORDS.get(column)
    return _(found[0]) if found else column


def help_text(column: str) -> str:
    found = COLUMN_WORDS.get(column)
    return _(found[1]) if found else ""


def for_download(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The chosen columns with their plain headers (the code stays in the header: "Jobs here
    [local_employment_count]") so a CSV reads the same as the page and keeps the exact field."""
    present = [c for c in columns if c in frame.columns]
    return frame[present].rename(columns={c: f"{label(c)} [{c}]" for c in present})
