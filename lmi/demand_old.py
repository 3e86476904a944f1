"""Local demand for occupations: the national signal (BLS projections 2024-34) beside the local
reality (OEWS May 2025) for one area, and estimated local annual openings.

**Allocating national openings to an area** (``allocate_openings``; reusable by any analysis that
needs local openings, e.g. career transitions)::

    local annual openings ≈ national annual openings of the occupation
                            (BLS Employment Projections 2024-34, Table 1.10: openings from growth,
                            labor-force exits and occupational transfers)
                          × the area's share of national employment in the occupation
                            = area employment (OEWS May 2025)
                              ÷ national employment (the projections' 2024 base, Table 1.2)

Equivalently: BLS's national openings per job, applied to the area's jobs. The national base is the
one the openings were projected on, so the rate is BLS's own. (Dividing by OEWS national employment
instead would hand an area the openings of the nation's self-employed: OEWS counts 130 wage-and-
salary farm managers in Bakersfield against about 6,500 nationally, while the projections count
836,000 farmers and ranchers, most of them self-employed.)

What this assumes, and what to say when showing it:
- the area's openings per job equal the nation's: local growth and turnover are not modelled
  (BLS projects for the nation only; state projections are a separate program);
- OEWS counts wage-and-salary jobs only, so openings among the self-employed are not allocated:
  for occupations with much self-employment the local figure is a floor;
- national openings are published in thousands to one decimal (100 openings), so a very small
  occupation's rate carries a rounding error;
- where BLS released no local employment estimate (footnote 8, or no row for the area) the result
  is missing (NaN), never zero: a suppressed cell is not an empty labor market.

``occupation_demand`` returns one row per detailed occupation that has both a projection and
OEWS estimates (830 in the 2024-34 / May 2025 vintages), for the nation or any OEWS area.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from lmi.areas import NATION_CODE
from lmi.db import query_df, query_rows

ALL_OCCUPATIONS = "00-0000"
JOBS_PER_RATE_BASE = 10_000  # openings are also shown "per 10,000 local jobs" so areas of any size compare


@dataclass(frozen=True)
class AreaBaseline:
    """The all-occupation numbers every per-occupation comparison is made against."""

    area_code: str
    area_name: str
    area_kind: str
    local_total_employment_count: float | None
    local_annual_wage_median_usd: float | None
    national_total_employment_count: float
    national_growth_2024_34_pct: float  # projected growth of all occupations, the "average" an official quotes


def allocate_openings(national_annual_openings_count, area_employment_count, national_employment_count):
    """National annual openings × the area's share of national employment in the occupation.

    ``national_employment_count`` should be the employment the openings were projected on (the
    projections' 2024 base, in jobs, not thousands), so the result is BLS's openings per job applied
    to the area's jobs. Works on scalars, NumPy arrays or pandas Series alike. Missing or zero
    national employment, or a missing area estimate, gives NaN (no estimate), never zero. See the
    module docstring for what the allocation assumes.
    """
    openings, area, nation = (_floats(v) for v in (national_annual_openings_count, area_employment_count,
                                                   national_employment_count))
    with np.errstate(divide="ignore", invalid="ignore"):
        result = np.where(nation > 0, openings * area / nation, np.nan)
    if isinstance(area_employment_count, pd.Series):
        return pd.Series(result, index=area_employment_count.index, name="local_annual_openings_est_count")
    return float(result) if result.ndim == 0 else result


def _floats(values) -> np.ndarray:
    """Numbers as a float array with NaN for missing (pandas NA, None), whatever came in."""
    if np.ndim(values) == 0:
        return np.asarray(np.nan if values is None or pd.isna(values) else values, dtype=float)
    return pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def area_baseline(con: duckdb.DuckDBPyConnection, area_code: str) -> AreaBaseline:
    rows = query_rows(con, """
        SELECT a.area_code, a.area_name, a.area_kind, l.employment_count, l.annual_wage_median_usd,
               n.employment_count, p.employment_change_pct
        FROM core_area a
        LEFT JOIN core_oews_estimate l ON l.area_code = a.area_code AND l.soc_code = $all
        JOIN core_oews_estimate n ON n.area_code = $nation AND n.soc_code = $all
        JOIN core_projection p ON p.soc_code = $all
        WHERE a.area_code = $area
    """, {"area": area_code, "all": ALL_OCCUPATIONS, "nation": NATION_CODE})
    if not rows:
        raise LookupError(f"no OEWS area with code {area_code!r}")
    return AreaBaseline(*rows[0])


def occupation_demand(con: duckdb.DuckDBPyConnection, area_code: str) -> pd.DataFrame:
    """National signal and local reality for every detailed occupation, for one area.

    Columns: soc_code, occupation_title; national_employment_2024_thousands,
    national_employment_change_2024_34_thousands, national_growth_2024_34_pct,
    national_annual_openings_count (projections); national_employment_count,
    national_employment_share_pct (OEWS); local_employment_count, local_employment_footnote,
    local_employment_share_pct, location_quotient, local_annual_wage_median_usd,
    local_annual_wage_median_footnote, area_annual_wage_median_usd, local_wage_to_area_median_ratio,
    has_local_estimate, local_annual_openings_est_count, local_openings_per_10k_jobs,
    area_total_employment_count, national_total_employment_count (all occupations, OEWS).
    For the nation the location quotient is 1 by definition.
    """
    baseline = area_baseline(con, area_code)
    frame = query_df(con, f"""
        SELECT {OCCUPATION_COLUMNS},
               CASE WHEN $area = $nation THEN 1.0 ELSE l.location_quotient END AS location_quotient
        FROM core_projection p
        JOIN core_soc_occupation s ON s.soc_code = p.soc_code AND s.soc_level = 'detailed'
        JOIN core_oews_estimate n ON n.area_code = $nation AND n.soc_code = p.soc_code
        LEFT JOIN core_oews_estimate l ON l.area_code = $area AND l.soc_code = p.soc_code
        WHERE p.occupation_type = 'Line item'
        ORDER BY p.soc_code
    """, {"area": area_code, "nation": NATION_CODE})
    frame["area_total_employment_count"] = baseline.local_total_employment_count
    frame["area_annual_wage_median_usd"] = baseline.local_annual_wage_median_usd
    frame["national_total_employment_count"] = baseline.national_total_employment_count
    return add_derived_columns(frame)


# The per-occupation columns every local-demand query selects (aliases: p projection, s SOC title,
# n national OEWS, l local OEWS); callers add the area's totals and then ``add_derived_columns``.
OCCUPATION_COLUMNS = """
    p.soc_code,
    s.title                                 AS occupation_title,
    p.employment_2024_thousands             AS national_employment_2024_thousands,
    p.employment_change_thousands           AS national_employment_change_2024_34_thousands,
    p.employment_change_pct                 AS national_growth_2024_34_pct,
    p.annual_openings_thousands * 1000      AS national_annual_openings_count,
    n.employment_count                      AS national_employment_count,
    l.employment_count                      AS local_employment_count,
    l.employment_footnote                   AS local_employment_footnote,
    l.annual_wage_median_usd                AS local_annual_wage_median_usd,
    l.annual_wage_median_footnote           AS local_annual_wage_median_footnote
"""


def add_derived_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Shares, wage ratio and allocated openings, computed once here so every caller agrees.

    Needs, per row, ``area_total_employment_count``, ``area_annual_wage_median_usd`` and
    ``national_total_employment_count`` besides ``OCCUPATION_COLUMNS``.
    """
    area_total = frame.area_total_employment_count.astype(float)
    frame["local_employment_count"] = frame.local_employment_count.astype(float)  # NaN, not pd.NA, for arithmetic
    with np.errstate(divide="ignore", invalid="ignore"):
        frame["national_employment_share_pct"] = (100 * frame.national_employment_count
                                                  / frame.national_total_employment_count.astype(float))
        frame["local_employment_share_pct"] = 100 * frame.local_employment_count / area_total
        frame["local_wage_to_area_median_ratio"] = (frame.local_annual_wage_median_usd
                                                    / frame.area_annual_wage_median_usd.astype(float))
        frame["has_local_estimate"] = frame.local_employment_count.notna()
        frame["local_annual_openings_est_count"] = allocate_openings(
            frame.national_annual_openings_count, frame.local_employment_count,
            frame.national_employment_2024_thousands * 1000)
        frame["local_openings_per_10k_jobs"] = JOBS_PER_RATE_BASE * frame.local_annual_openings_est_count / area_total
    return frame
