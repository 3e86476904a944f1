"""An industry's usual staffing pattern, to prefill a layoff's affected workers when the notice gives only the
employer's industry and a head count: BLS OEWS national industry-specific estimates (employment by occupation in a
NAICS sector or 3-digit subsector, ``core_industry_staffing``), the ``PATTERN_SIZE`` largest occupations, the head
count spread over them in proportion to their national employment (largest remainders, so it adds up exactly).

It is an estimate of the usual pattern across the nation's employers in that industry, never this employer's own,
and every place it is shown says so (``ESTIMATE_WORDS``); staff edit the list to match the notice. These are
national employment counts used as shares, not a local demand figure (local demand is read only through
``lmi.demand.DemandModel``).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from lmi.db import query_df
from lmi.i18n import N_
from lmi.planner.inputs import AffectedGroup

PATTERN_SIZE = 15
ESTIMATE_WORDS = N_(
    "Estimate: the usual staffing pattern of {industry} across the nation (BLS OEWS national industry-specific "
    "estimates, May 2025; its {n} largest occupations, head count spread in proportion), not this employer's own. "
    "Edit the list to match the notice."
)


def industries(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Industries with a staffing pattern (code, title), by code; empty in a database built before there was one."""
    tables = query_df(
        con, "SELECT table_name FROM information_schema.tables WHERE table_name = 'core_industry_staffing'"
    )
    if tables.empty:
        return pd.DataFrame({"industry_code": pd.Series(dtype=object), "industry_title": pd.Series(dtype=object)})
    return query_df(
        con,
        """SELECT i.industry_code, i.industry_title FROM core_industry i
           WHERE EXISTS (SELECT 1 FROM core_industry_staffing s WHERE s.industry_code = i.industry_code
                         AND s.national_employment_count > 0)
           ORDER BY i.industry_code""",
    )


def staffing_pattern(
    con: duckdb.DuckDBPyConnection, industry_code: str, workers: int, size: int = PATTERN_SIZE
) -> tuple[AffectedGroup, ...]:
    """``workers`` spread over the industry's ``size`` largest occupations (BLS codes), largest first."""
    top = query_df(
        con,
        """SELECT soc_code, national_employment_count FROM core_industry_staffing
           WHERE industry_code = $industry AND national_employment_count > 0
           ORDER BY national_employment_count DESC, soc_code LIMIT $size""",
        {"industry": industry_code, "size": int(size)},
    )
    if top.empty or workers <= 0:
        return ()
    shares = top.national_employment_count.astype(float) / float(top.national_employment_count.sum())
    exact = shares * int(workers)
    counts = exact.astype(int)
    left = int(workers) - int(counts.sum())
    order = sorted(range(len(top)), key=lambda i: (-(exact.iloc[i] - counts.iloc[i]), i))
    for i in order[:left]:
        counts.iloc[i] += 1
    return tuple(AffectedGroup(code, int(n)) for code, n in zip(top.soc_code, counts) if n > 0)
