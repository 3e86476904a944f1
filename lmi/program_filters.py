"""Choosing and ordering programs for the list and funding views: filters by type, funding stream,
region and target occupation, and a sort that keeps suppressed values last (never as zero)."""

from __future__ import annotations

import pandas as pd

SORTABLE = ("placement_rate", "employed_q2_count_rate", "employed_q4_count_rate", "earnings_q2_median_usd",
            "credential_count_rate", "completed_count_rate", "cost_per_placement_usd", "cost_per_credential_usd",
            "exiters_count", "enrolled_count", "local_jobs_count", "program_name")


def filter_programs(summaries: pd.DataFrame, demand: pd.DataFrame, program_types=(), funding_streams=(),
                    regions=(), soc_codes=()) -> pd.DataFrame:
    """Programs matching every non-empty filter; ``soc_codes`` keeps programs with any of those target
    occupations (listed, or linked through the CIP code when none is listed)."""
    keep = pd.Series(True, index=summaries.index)
    if program_types:
        keep &= summaries.program_type.isin(program_types)
    if funding_streams:
        keep &= summaries.funding_stream.isin(funding_streams)
    if regions:
        keep &= summaries.region_area_code.isin(regions)
    if soc_codes:
        with_occupation = set(demand.program_id[demand.soc_code.isin(soc_codes)])
        keep &= summaries.program_id.isin(with_occupation)
    return summaries[keep]


def sort_programs(frame: pd.DataFrame, column: str, descending: bool = True) -> pd.DataFrame:
    """Sorted by ``column`` (an allow-listed measure); suppressed values go last whatever the order."""
    if column not in SORTABLE:
        raise ValueError(f"cannot sort by {column!r}; choose one of {', '.join(SORTABLE)}")
    if column not in frame:
        return frame
    return frame.sort_values(column, ascending=not descending, na_position="last", kind="stable")
