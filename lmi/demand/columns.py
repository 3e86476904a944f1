"""The one set of words for demand columns: what each column of ``lmi.demand`` frames is called on a
page and in a CSV header, and what its tooltip says. Pages and downloads take labels from here so a
figure reads the same everywhere."""

from __future__ import annotations

import pandas as pd

COLUMN_WORDS: dict[str, tuple[str, str]] = {
    "onet_soc_code": ("O*NET-SOC code", "O*NET 29.3 occupation code"),
    "occupation_title": ("Occupation", "O*NET 29.3 title"),
    "soc_code": ("BLS code", "The SOC code BLS publishes these numbers at"),
    "soc_title": ("BLS occupation", "The title BLS publishes these numbers under"),
    "demand_soc_code": (
        "BLS code of the figures",
        "The BLS code whose numbers these are: the occupation's own "
        'SOC code, an OEWS group such as 31-1120, or an "All Other" residual',
    ),
    "demand_basis": ("Whose numbers", "Says when a figure is a BLS group's, shared with other occupations"),
    "shared_with_count": ("Occupations sharing the figure", "How many O*NET occupations show these same numbers"),
    "local_employment_count": ("Jobs here", "BLS OEWS May 2025 employment (wage and salary jobs)"),
    "local_employment_missing_words": ("Why no jobs figure", "Why BLS has no employment estimate here"),
    "location_quotient": ("Location quotient", "Share of local jobs in it / share of national jobs (BLS OEWS)"),
    "local_annual_wage_median_usd": ("Median annual wage here", "BLS OEWS May 2025"),
    "national_growth_2024_34_pct": ("Projected growth 2024-34 (nation)", "BLS Employment Projections 2024-34"),
    "national_annual_openings_count": ("Annual openings (nation)", "BLS Employment Projections 2024-34"),
    "local_annual_openings_est_count": (
        "Est. annual openings here",
        "National openings per job x local jobs, or the state's own projected openings where loaded; see the method",
    ),
    "openings_basis": ("Openings basis", "How the local openings figure was estimated"),
    "local_growth_pct": (
        "Projected growth here",
        "The state's own long-term projection where loaded, else BLS's national 2024-34 projection",
    ),
    "local_growth_period": ("Projection period", "The years the projected growth spans"),
    "local_growth_basis": ("Growth basis", "Whether growth is the state's own projection or the nation's"),
    "local_projection_source": ("Projection source", "Which projections the openings and growth come from"),
    "local_annual_wage_p10_usd": ("10th percentile annual wage here", "BLS OEWS May 2025"),
    "local_annual_wage_p90_usd": ("90th percentile annual wage here", "BLS OEWS May 2025"),
}


def label(column: str) -> str:
    return COLUMN_WORDS.get(column, (column, ""))[0]


def help_text(column: str) -> str:
    return COLUMN_WORDS.get(column, ("", ""))[1]


def for_download(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The chosen columns with their plain headers (the code stays in the header: "Jobs here
    [local_employment_count]") so a CSV reads the same as the page and keeps the exact field."""
    present = [c for c in columns if c in frame.columns]
    return frame[present].rename(columns={c: f"{label(c)} [{c}]" for c in present})
