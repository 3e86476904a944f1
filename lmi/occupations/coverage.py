"""Coverage of the O*NET-to-SOC mapping: which O*NET occupations get BLS numbers and which do not."""

from __future__ import annotations

import duckdb
import pandas as pd

from lmi.db import query_df


def coverage_summary(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Counts of O*NET occupations by how they were matched to OEWS and to the projections."""
    return query_df(
        con,
        """
        SELECT 'OEWS' AS dataset, oews_match_method AS match_method, count(*) AS onet_occupations
        FROM core_onet_soc_crosswalk GROUP BY ALL
        UNION ALL
        SELECT 'Employment Projections', projections_match_method, count(*)
        FROM core_onet_soc_crosswalk GROUP BY ALL
        ORDER BY dataset, onet_occupations DESC
    """,
    )


def unmatched_occupations(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """O*NET occupations without OEWS or projections numbers, and those matched to an aggregate."""
    return query_df(
        con,
        """
        SELECT x.onet_soc_code, o.title, x.oews_soc_code, x.oews_match_method,
               x.projections_soc_code, x.projections_match_method
        FROM core_onet_soc_crosswalk x JOIN core_occupation o USING (onet_soc_code)
        WHERE x.oews_match_method <> 'exact' OR x.projections_match_method <> 'exact'
        ORDER BY x.oews_match_method DESC, x.onet_soc_code
    """,
    )


def demand_grain_summary(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """How many O*NET occupations show their own BLS figure, and how many a group's (by grain)."""
    return query_df(
        con,
        """
        SELECT demand_grain, count(*) AS onet_occupations_count,
               count(DISTINCT demand_soc_code) AS bls_codes_count
        FROM out_occupation_demand WHERE area_code = '0000000'
        GROUP BY demand_grain ORDER BY onet_occupations_count DESC
    """,
    )


def shared_figures(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every BLS code whose figures several O*NET occupations show, with those occupations named."""
    return query_df(
        con,
        """
        SELECT demand_soc_code, any_value(demand_title) AS demand_title, any_value(demand_grain) AS demand_grain,
               count(*) AS shared_with_count,
               string_agg(occupation_title || ' (' || onet_soc_code || ')', '; ' ORDER BY onet_soc_code)
                   AS onet_occupations
        FROM out_occupation_demand
        WHERE area_code = '0000000' AND shared_with_count > 1
        GROUP BY demand_soc_code ORDER BY demand_soc_code
    """,
    )
