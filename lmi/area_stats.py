"""OEWS numbers for one occupation: in the chosen area beside its state and the nation, and across
the areas of a state (for the map). O*NET occupations are mapped to the SOC code BLS publishes
through ``core_onet_soc_crosswalk``; callers pass that published code."""

from __future__ import annotations

import duckdb
import pandas as pd

from lmi.areas import NATION_CODE, get_area, state_area_code
from lmi.db import query_df

ESTIMATE_COLUMNS = """
    e.employment_count, e.employment_footnote, e.employment_rse_pct,
    e.annual_wage_median_usd, e.annual_wage_median_footnote,
    e.annual_wage_p10_usd, e.annual_wage_p10_footnote,
    e.annual_wage_p25_usd, e.annual_wage_p75_usd,
    e.annual_wage_p90_usd, e.annual_wage_p90_footnote,
    e.hourly_wage_median_usd, e.hourly_wage_median_footnote,
    e.location_quotient, e.location_quotient_footnote,
    e.employment_per_1000_jobs
"""


def region_comparison(con: duckdb.DuckDBPyConnection, soc_code: str, area_code: str,
                      state_fips: str | None = None) -> pd.DataFrame:
    """One row per level, narrowest first: the area (metro or nonmetro), its state, the nation.

    A row is present even when BLS published nothing for that area, so the page can say
    "not released" rather than silently dropping it.
    """
    area = get_area(con, area_code)
    levels = []
    if area.area_kind in ("metro", "nonmetro"):
        levels.append(("area", area.area_code))
    state = state_fips or area.state_fips
    if area.area_kind != "national" and state:
        levels.append(("state", state_area_code(con, state)))
    levels.append(("nation", NATION_CODE))
    frame = query_df(con, f"""
        SELECT l.level, l.ord, a.area_code, a.area_name, a.area_kind, {ESTIMATE_COLUMNS}
        FROM (SELECT unnest($levels) AS level, unnest($codes) AS area_code, generate_subscripts($codes, 1) AS ord) l
        JOIN core_area a USING (area_code)
        LEFT JOIN core_oews_estimate e ON e.area_code = l.area_code AND e.soc_code = $soc
        ORDER BY l.ord
    """, {"levels": [lv for lv, _ in levels], "codes": [c for _, c in levels], "soc": soc_code})
    return frame.drop(columns=["ord"])


def areas_of_state(con: duckdb.DuckDBPyConnection, soc_code: str, state_fips: str) -> pd.DataFrame:
    """Every metro and nonmetro area with any part in the state, with the occupation's numbers and
    the CBSA centroid (nonmetropolitan areas have none and are listed but not mapped)."""
    return query_df(con, f"""
        SELECT a.area_code, a.area_name, a.area_kind, a.cbsa_code, a.latitude_deg, a.longitude_deg,
               {ESTIMATE_COLUMNS}
        FROM core_area_state s
        JOIN core_area a USING (area_code)
        LEFT JOIN core_oews_estimate e ON e.area_code = a.area_code AND e.soc_code = $soc
        WHERE s.state_fips = $state AND a.area_kind IN ('metro', 'nonmetro')
        ORDER BY e.employment_count DESC NULLS LAST, a.area_name
    """, {"soc": soc_code, "state": state_fips})
