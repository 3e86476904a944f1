"""One sector across the metro and nonmetropolitan areas of a state: where would its trainees most
likely find work?

Areas are ranked by the sector's estimated local annual openings (national openings per job applied
to the area's jobs, see ``lmi.demand``): openings are what a completer competes for, and an area
with many openings absorbs more completers than a small area with the same concentration. The
table also gives the rate per 10,000 local jobs and the sector's location quotient, so a small but
specialised area stands out too. A metro area that crosses a state line is listed in each of its
states with all of its jobs (``states_count`` > 1 says so). Nonmetropolitan areas have no CBSA
centroid and are listed but cannot be mapped.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from lmi.areas import NATION_CODE
from lmi.db import query_df
from lmi.demand import ALL_OCCUPATIONS, OCCUPATION_COLUMNS, add_derived_columns
from lmi.sector_summary import summarise

AREA_COLUMNS = ["area_code", "area_name", "area_kind", "cbsa_code", "latitude_deg", "longitude_deg", "states_count"]


def sector_across_areas(con: duckdb.DuckDBPyConnection, sector_key: str, state_fips: str) -> pd.DataFrame:
    """Sector totals for every metro and nonmetropolitan area of the state, most openings first,
    with ``openings_rank`` (1 = most estimated openings; areas without any estimate come last, unranked)."""
    rows = _sector_rows_by_area(con, sector_key, state_fips)
    if rows.empty:
        return pd.DataFrame(columns=AREA_COLUMNS + ["openings_rank"])
    totals = summarise(add_derived_columns(rows), by=AREA_COLUMNS)
    totals = totals.sort_values(["local_annual_openings_est_count", "area_name"], ascending=[False, True],
                                na_position="last").reset_index(drop=True)
    ranked = totals.local_annual_openings_est_count.notna()
    totals["openings_rank"] = pd.Series(range(1, int(ranked.sum()) + 1), index=totals.index[ranked]).astype("Int64")
    return totals


def _sector_rows_by_area(con: duckdb.DuckDBPyConnection, sector_key: str, state_fips: str) -> pd.DataFrame:
    """One row per (area of the state, sector occupation), with each area's all-occupation totals."""
    return query_df(con, f"""
        WITH areas AS (
            SELECT a.area_code, a.area_name, a.area_kind, a.cbsa_code, a.latitude_deg, a.longitude_deg,
                   (SELECT count(*) FROM core_area_state x WHERE x.area_code = a.area_code) AS states_count
            FROM core_area_state s JOIN core_area a USING (area_code)
            WHERE s.state_fips = $state AND a.area_kind IN ('metro', 'nonmetro')
        )
        SELECT ar.*, {OCCUPATION_COLUMNS},
               t.employment_count       AS area_total_employment_count,
               t.annual_wage_median_usd AS area_annual_wage_median_usd,
               nt.employment_count      AS national_total_employment_count
        FROM areas ar
        CROSS JOIN core_sector_occupation so
        JOIN core_projection p ON p.soc_code = so.soc_code AND p.occupation_type = 'Line item'
        JOIN core_soc_occupation s ON s.soc_code = so.soc_code
        JOIN core_oews_estimate n ON n.area_code = $nation AND n.soc_code = so.soc_code
        JOIN core_oews_estimate nt ON nt.area_code = $nation AND nt.soc_code = $all
        LEFT JOIN core_oews_estimate t ON t.area_code = ar.area_code AND t.soc_code = $all
        LEFT JOIN core_oews_estimate l ON l.area_code = ar.area_code AND l.soc_code = so.soc_code
        WHERE so.sector_key = $sector
        ORDER BY ar.area_code, so.soc_code
    """, {"state": state_fips, "sector": sector_key, "nation": NATION_CODE, "all": ALL_OCCUPATIONS})
