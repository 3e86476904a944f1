"""Coverage of the O*NET-to-SOC mapping: which O*NET occupations get BLS numbers and which do not."""

from __future__ import annotations

import duckdb
import pandas as pd

from lmi.db import query_df


def coverage_summary(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Counts of O*NET occupations by how they were matched to OEWS and to the projections."""
    return query_df(con, """
        SELECT 'OEWS' AS dataset, oews_match_method AS match_method, count(*) AS onet_occupations
        FROM core_onet_soc_crosswalk GROUP BY ALL
        UNION ALL
        SELECT 'Employment Projections', projections_match_method, count(*)
        FROM core_onet_soc_crosswalk GROUP BY ALL
        ORDER BY dataset, onet_occupations DESC
    """)


def unmatched_occupations(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """O*NET occupations without OEWS or projections numbers, and those matched to an aggregate."""
    return query_df(con, """
        SELECT x.onet_soc_code, o.title, x.oews_soc_code, x.oews_match_method,
               x.projections_soc_code, x.projections_match_method
        FROM core_onet_soc_crosswalk x JOIN core_occupation o USING (onet_soc_code)
        WHERE x.oews_match_method <> 'exact' OR x.projections_match_method <> 'exact'
        ORDER BY x.oews_match_method DESC, x.onet_soc_code
    """)
