"""The state's job-postings trend from the Indeed Hiring Lab index (1 February 2020 = 100), beside the
nation's: a current, if rough, check on whether employers in the state are hiring more or less.

The index covers all postings on Indeed in the state, not any one sector (Indeed publishes sector
series for the nation only, in its own sector scheme), so the page shows it as context for the
region, never as evidence about a sector. Indeed publishes no index for Puerto Rico, Guam or the
Virgin Islands; for them ``state_postings_trend`` returns None. The national series shown is
Indeed's seasonally adjusted one; the state series is the one Indeed publishes for states.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from lmi.db import query_df, query_rows

YEAR_DAYS = 365


@dataclass(frozen=True)
class PostingsTrend:
    state_postal: str
    state_name: str
    latest_on: date
    latest_index: float
    year_earlier_on: date
    year_earlier_index: float
    national_latest_index: float
    national_year_earlier_index: float

    @property
    def change_12m_pct(self) -> float:
        return 100 * (self.latest_index / self.year_earlier_index - 1)

    @property
    def national_change_12m_pct(self) -> float:
        return 100 * (self.national_latest_index / self.national_year_earlier_index - 1)


def state_postings_trend(con: duckdb.DuckDBPyConnection, state_fips: str) -> PostingsTrend | None:
    """Latest state and national index values and their values a year earlier (same day or the
    closest earlier day published)."""
    rows = query_rows(con, """
        WITH st AS (SELECT s.state_postal, s.state_name FROM core_state s WHERE s.state_fips = $state),
        latest AS (SELECT max(p.posted_on) AS on_day FROM core_indeed_state_postings p JOIN st USING (state_postal)),
        earlier AS (SELECT max(p.posted_on) AS on_day FROM core_indeed_state_postings p JOIN st USING (state_postal), latest
                    WHERE p.posted_on <= latest.on_day - INTERVAL 365 DAY)
        SELECT st.state_postal, st.state_name, latest.on_day, sl.postings_index, earlier.on_day, se.postings_index,
               nl.postings_index_sa, ne.postings_index_sa
        FROM st, latest, earlier
        JOIN core_indeed_state_postings sl ON sl.state_postal = st.state_postal AND sl.posted_on = latest.on_day
        JOIN core_indeed_state_postings se ON se.state_postal = st.state_postal AND se.posted_on = earlier.on_day
        JOIN core_indeed_national_postings nl ON nl.posted_on = latest.on_day
        JOIN core_indeed_national_postings ne ON ne.posted_on = earlier.on_day
    """, {"state": state_fips})
    return PostingsTrend(*rows[0]) if rows else None


def postings_series(con: duckdb.DuckDBPyConnection, state_fips: str) -> pd.DataFrame:
    """Weekly points (every 7th day from 1 February 2020) of the state and national index, long format
    for a line chart: posted_on, series, postings_index. Empty where Indeed publishes no state index."""
    return query_df(con, """
        WITH st AS (SELECT state_postal, state_name FROM core_state WHERE state_fips = $state)
        SELECT p.posted_on, st.state_name AS series, p.postings_index
        FROM core_indeed_state_postings p JOIN st USING (state_postal)
        WHERE (p.posted_on - DATE '2020-02-01') % 7 = 0
        UNION ALL
        SELECT n.posted_on, 'United States (seasonally adjusted)', n.postings_index_sa
        FROM core_indeed_national_postings n
        WHERE (n.posted_on - DATE '2020-02-01') % 7 = 0
          AND EXISTS (SELECT 1 FROM core_indeed_state_postings p JOIN st USING (state_postal))
        ORDER BY 1, 2
    """, {"state": state_fips})
