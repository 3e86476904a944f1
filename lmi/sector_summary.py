"""Sector totals from occupation numbers: national growth and openings, local employment,
concentration and estimated openings of a sector in an area.

A sector is a list of occupations (``lmi.sectors``), so its numbers are sums over them. The care is
in what BLS did not release: in a metro area many occupations have no published estimate. A sector
total over the released occupations only would make the sector look thin wherever BLS suppressed
cells, so the sector's **location quotient compares like with like**::

    sector LQ = (local employment in the released occupations / all local employment)
              ÷ (national employment in those same occupations / all national employment)

and ``local_coverage_pct`` says how much of the sector (by national employment) those released
occupations are. Local employment and openings are then "at least" figures; flags refuse to judge
a sector whose coverage is below a threshold (``lmi.sector_flags``).

The aggregation works on any long frame of occupation rows with the columns of
``lmi.demand.occupation_demand`` plus grouping columns, so the same arithmetic serves one area's
sectors and one sector across the areas of a state (``lmi.metro_ranking``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lmi.demand import JOBS_PER_RATE_BASE

SUMMARY_COLUMNS = [
    "occupations_count", "occupations_with_local_estimate_count",
    "national_employment_2024_thousands", "national_employment_change_2024_34_thousands",
    "national_growth_2024_34_pct", "national_annual_openings_count", "national_employment_count",
    "national_employment_share_pct", "local_employment_count", "local_employment_share_pct",
    "local_coverage_pct", "location_quotient", "local_annual_openings_est_count", "local_openings_per_10k_jobs",
    "local_jobs_above_area_median_wage_pct",
]


def sector_occupation_rows(demand: pd.DataFrame, membership: pd.DataFrame, sector_keys: list[str] | None = None
                           ) -> pd.DataFrame:
    """One row per (sector, occupation): the occupation's numbers repeated in each sector it belongs to."""
    chosen = membership if sector_keys is None else membership[membership.sector_key.isin(sector_keys)]
    return chosen.merge(demand, on="soc_code", how="inner")


def summarise(rows: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Sector totals per group of ``by`` columns (e.g. ["sector_key"] or ["area_code"]).

    ``rows`` needs the occupation columns of ``occupation_demand`` plus ``area_total_employment_count``
    and ``national_total_employment_count`` (constant within a group).
    """
    work = rows.assign(
        _released_national=rows.national_employment_count.where(rows.has_local_estimate),
        _local_above_median=rows.local_employment_count.where(rows.local_wage_to_area_median_ratio > 1, 0.0)
        .where(rows.local_wage_to_area_median_ratio.notna()),
        _local_wage_known=rows.local_employment_count.where(rows.local_wage_to_area_median_ratio.notna()),
    )
    grouped = work.groupby(by, sort=False, dropna=False)  # nonmetro areas have no CBSA code or centroid
    out = pd.DataFrame({
        "occupations_count": grouped.soc_code.count(),
        "occupations_with_local_estimate_count": grouped.has_local_estimate.sum(),
        "national_employment_2024_thousands": grouped.national_employment_2024_thousands.sum(),
        "national_employment_change_2024_34_thousands": grouped.national_employment_change_2024_34_thousands.sum(),
        "national_annual_openings_count": grouped.national_annual_openings_count.sum(),
        "national_employment_count": grouped.national_employment_count.sum(),
        "local_employment_count": grouped.local_employment_count.sum(min_count=1),
        "local_annual_openings_est_count": grouped.local_annual_openings_est_count.sum(min_count=1),
        "_released_national": grouped._released_national.sum(min_count=1),
        "_local_above_median": grouped._local_above_median.sum(min_count=1),
        "_local_wage_known": grouped._local_wage_known.sum(min_count=1),
        "area_total_employment_count": grouped.area_total_employment_count.first(),
        "national_total_employment_count": grouped.national_total_employment_count.first(),
    })
    return _ratios(out).reset_index()


def _ratios(out: pd.DataFrame) -> pd.DataFrame:
    with np.errstate(divide="ignore", invalid="ignore"):
        area_total = out.area_total_employment_count.astype(float)
        nation_total = out.national_total_employment_count.astype(float)
        out["national_growth_2024_34_pct"] = (100 * out.national_employment_change_2024_34_thousands
                                              / out.national_employment_2024_thousands)
        out["national_employment_share_pct"] = 100 * out.national_employment_count / nation_total
        out["local_employment_share_pct"] = 100 * out.local_employment_count / area_total
        out["local_coverage_pct"] = (100 * out._released_national / out.national_employment_count).fillna(0.0)
        out["location_quotient"] = ((out.local_employment_count / area_total)
                                    / (out._released_national / nation_total))
        out["local_openings_per_10k_jobs"] = JOBS_PER_RATE_BASE * out.local_annual_openings_est_count / area_total
        out["local_jobs_above_area_median_wage_pct"] = 100 * out._local_above_median / out._local_wage_known
    return out.drop(columns=["_released_national", "_local_above_median", "_local_wage_known"])
