"""Is anyone hiring here? Local jobs, concentration, pay and estimated yearly openings for
occupations in one region.

- Local jobs, location quotient and median annual wage are BLS OEWS estimates for the region
  (wage-and-salary jobs; the self-employed are not counted). A value BLS did not release stays
  empty and is said to be "not released".
- **Estimated annual openings in the region** are an allocation, not a published number:
  BLS Employment Projections publish annual openings (from growth, people leaving the labor force
  and people changing occupations) for the nation only. We apply BLS's national openings per job
  to the region's jobs, with the same function the Sector reality check uses
  (``lmi.demand.allocate_openings``, where the assumptions are written out):

      regional openings = national annual openings x regional OEWS employment
                          / national employment the openings were projected on (2024 base)

  This assumes openings arise where the jobs are now, at the nation's rate: it ignores regions
  growing faster or slower than the nation and regional differences in turnover, and it does not
  allocate openings among the self-employed (OEWS counts wage-and-salary jobs), so for
  occupations with much self-employment the figure is a floor.

O*NET occupations are mapped to the SOC codes BLS publishes through ``core_onet_soc_crosswalk``;
several O*NET occupations can share one BLS occupation (Acute Care Nurses and Registered Nurses are
both SOC 29-1141), and then share its numbers.

``DemandTables`` keeps the national facts of every occupation in memory (about a thousand rows)
and reads a region's OEWS rows once per region, so a ranking costs one small query or none.
"""

from __future__ import annotations

from functools import lru_cache

import duckdb
import numpy as np
import pandas as pd

from lmi.areas import NATION_CODE
from lmi.db import query_df
from lmi.demand import allocate_openings

REGIONAL_COLUMNS = ("local_employment_count", "local_employment_footnote", "location_quotient",
                    "local_wage_median_usd", "local_wage_median_footnote")
NUMERIC_COLUMNS = ("job_zone", "national_employment_count", "national_wage_median_usd",
                   "national_annual_openings_count", "projected_employment_2024_count",
                   "employment_change_2024_34_pct", "local_employment_count",
                   "location_quotient", "local_wage_median_usd")


class DemandTables:
    """National facts per O*NET occupation, and each region's OEWS rows on first use."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self._con = con
        self.facts = _plain(query_df(con, """
            SELECT o.onet_soc_code, o.title, o.job_zone, x.oews_soc_code, s.title AS bls_title,
                   n.employment_count AS national_employment_count,
                   n.annual_wage_median_usd AS national_wage_median_usd,
                   n.annual_wage_median_footnote AS national_wage_median_footnote,
                   p.annual_openings_thousands * 1000 AS national_annual_openings_count,
                   p.employment_2024_thousands * 1000 AS projected_employment_2024_count,
                   p.employment_change_pct AS employment_change_2024_34_pct,
                   p.typical_entry_education, p.related_work_experience, p.typical_on_the_job_training
            FROM core_occupation o
            LEFT JOIN core_onet_soc_crosswalk x USING (onet_soc_code)
            LEFT JOIN core_soc_occupation s ON s.soc_code = x.oews_soc_code
            LEFT JOIN core_oews_estimate n ON n.soc_code = x.oews_soc_code AND n.area_code = $nation
            LEFT JOIN core_projection p ON p.soc_code = x.projections_soc_code
        """, {"nation": NATION_CODE})).set_index("onet_soc_code")
        self.regional = lru_cache(maxsize=64)(self._regional)

    def _regional(self, area_code: str) -> pd.DataFrame:
        """The region's OEWS numbers by published SOC code (read once per region)."""
        frame = _plain(query_df(self._con, """
            SELECT soc_code, employment_count AS local_employment_count,
                   employment_footnote AS local_employment_footnote, location_quotient,
                   annual_wage_median_usd AS local_wage_median_usd,
                   annual_wage_median_footnote AS local_wage_median_footnote
            FROM core_oews_estimate WHERE area_code = $area
        """, {"area": area_code})).set_index("soc_code")
        if area_code == NATION_CODE:
            frame["location_quotient"] = 1.0  # by definition; OEWS leaves it empty for the nation
        return frame

    def for_area(self, area_code: str, onet_soc_codes: list[str]) -> pd.DataFrame:
        """One row per O*NET occupation (in the given order): national facts, the region's numbers
        and the allocated openings estimate. Unknown codes get empty rows."""
        frame = self.facts.reindex(list(onet_soc_codes))
        regional = self.regional(area_code).reindex(frame.oews_soc_code.to_numpy())
        for column in REGIONAL_COLUMNS:
            frame[column] = regional[column].to_numpy()
        frame = add_openings_estimate(frame)
        return frame.rename_axis("onet_soc_code").reset_index()


def regional_demand(con: duckdb.DuckDBPyConnection, area_code: str, onet_soc_codes: list[str]) -> pd.DataFrame:
    """``DemandTables(con).for_area(...)`` for one-off use (the app keeps a DemandTables)."""
    return DemandTables(con).for_area(area_code, onet_soc_codes)


def add_openings_estimate(frame: pd.DataFrame) -> pd.DataFrame:
    """Allocate national annual openings to the region (see module docstring)."""
    frame["local_annual_openings_estimate"] = allocate_openings(
        frame.national_annual_openings_count, frame.local_employment_count, frame.projected_employment_2024_count)
    return frame


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Numbers as float64 (NaN for missing) and text as Python objects: cheap to read row by row."""
    for column in frame.columns:
        if column in NUMERIC_COLUMNS:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
        elif frame[column].dtype != "float64":
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def describe_openings(value: float | None) -> str:
    """"about 1,200 a year", rounded to two significant digits (it is an estimate)."""
    if value is None or pd.isna(value):
        return "not estimated"
    if value < 1:
        return "fewer than 1 a year"
    if value < 10:
        return f"about {value:.0f} a year"
    digits = max(0, int(np.floor(np.log10(value))) - 1)
    return f"about {round(value, -digits):,.0f} a year"
