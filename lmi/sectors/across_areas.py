"""One sector across the metro and nonmetropolitan areas of a state: where would its trainees most
likely find work?

Areas are ranked by the sector's estimated local annual openings (national openings per job applied
to the area's jobs, from the one demand model: ``lmi.demand.DemandModel.areas``): openings are what a
completer competes for, and an area with many openings absorbs more completers than a small area with
the same concentration. The table also gives the rate per 10,000 local jobs and the sector's
location quotient, so a small but specialised area stands out too. A metro area that crosses a
state line is listed in each of its states with all of its jobs (``states_count`` > 1 says so).
Nonmetropolitan areas have no CBSA centroid and are listed but cannot be mapped.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from lmi.areas import area_kind_words
from lmi.db import query_df
from lmi.demand import DemandModel
from lmi.sectors.totals import SUMMARY_COLUMNS, summarise

AREA_COLUMNS = ["area_code", "area_name", "area_kind", "cbsa_code", "latitude_deg", "longitude_deg", "states_count"]


def sector_across_areas(
    con: duckdb.DuckDBPyConnection, model: DemandModel, sector_key: str, state_fips: str
) -> pd.DataFrame:
    """Sector totals for every metro and nonmetropolitan area of the state, most openings first,
    with ``openings_rank`` (1 = most estimated openings; areas without any estimate come last, unranked)
    and ``area_kind_words`` ("metro area", "nonmetropolitan area")."""
    areas = state_areas(con, state_fips)
    members = query_df(
        con,
        "SELECT soc_code FROM core_sector_occupation WHERE sector_key = $sector ORDER BY soc_code",
        {"sector": sector_key},
    ).soc_code.tolist()
    if areas.empty or not members:
        return pd.DataFrame(columns=AREA_COLUMNS + SUMMARY_COLUMNS + ["openings_rank", "area_kind_words"])
    rows = areas.merge(model.areas(areas.area_code.tolist(), members), on="area_code")
    totals = summarise(rows, by=AREA_COLUMNS)
    totals = totals.sort_values(
        ["local_annual_openings_est_count", "area_name"], ascending=[False, True], na_position="last"
    ).reset_index(drop=True)
    ranked = totals.local_annual_openings_est_count.notna()
    totals["openings_rank"] = pd.Series(range(1, int(ranked.sum()) + 1), index=totals.index[ranked]).astype("Int64")
    totals["area_kind_words"] = totals.area_kind.map(area_kind_words)
    return totals


def state_areas(con: duckdb.DuckDBPyConnection, state_fips: str) -> pd.DataFrame:
    """The metro and nonmetropolitan areas of a state, with their centroid and how many states each spans."""
    return query_df(
        con,
        """
        SELECT a.area_code, a.area_name, a.area_kind, a.cbsa_code, a.latitude_deg, a.longitude_deg,
               (SELECT count(*) FROM core_area_state x WHERE x.area_code = a.area_code) AS states_count
        FROM core_area_state s JOIN core_area a USING (area_code)
        WHERE s.state_fips = $state AND a.area_kind IN ('metro', 'nonmetro')
        ORDER BY a.area_code
    """,
        {"state": state_fips},
    )
