"""Choosing and ordering programs for the list and funding views: filters by type, funding stream,
region and target occupation (at the BLS code its figures are read at), and a sort that keeps suppressed
or unreleased values last (never as zero)."""

from __future__ import annotations

import pandas as pd

from lmi.i18n import _
from lmi.programs.local_fit import column_words
from lmi.programs.outcomes import INDICATOR_LABELS, indicator_label

SORTABLE = (
    "placement_rate",
    "employed_q2_count_rate",
    "employed_q4_count_rate",
    "earnings_q2_median_usd",
    "credential_count_rate",
    "completed_count_rate",
    "cost_per_placement_usd",
    "cost_per_credential_usd",
    "exiters_count",
    "enrolled_count",
    "local_employment_count",
    "local_annual_openings_est_count",
    "program_name",
)


def filter_programs(
    summaries: pd.DataFrame, targets: pd.DataFrame, program_types=(), funding_streams=(), regions=(), soc_codes=()
) -> pd.DataFrame:
    """Programs matching every non-empty filter; ``soc_codes`` (BLS codes) keeps programs whose target
    occupations (listed, or linked through the CIP code when none is listed) lead to any of them, as
    ``targets`` (``lmi.programs.local_fit.ProgramsFit.targets``) says: a program listing 31-1121 is found under
    31-1120, the code BLS publishes its numbers at."""
    keep = pd.Series(True, index=summaries.index)
    if program_types:
        keep &= summaries.program_type.isin(program_types)
    if funding_streams:
        keep &= summaries.funding_stream.isin(funding_streams)
    if regions:
        keep &= summaries.region_area_code.isin(regions)
    if soc_codes:
        with_occupation = set(targets.program_id[targets.soc_code.isin(list(soc_codes))])
        keep &= summaries.program_id.isin(with_occupation)
    return summaries[keep]


def sort_programs(frame: pd.DataFrame, column: str, descending: bool = True) -> pd.DataFrame:
    """Sorted by ``column`` (an allow-listed measure); suppressed values go last whatever the order."""
    if column not in SORTABLE:
        raise ValueError(f"cannot sort by {column!r}; choose one of {', '.join(SORTABLE)}")
    if column not in frame:
        return frame
    return frame.sort_values(column, ascending=not descending, na_position="last", kind="stable")


def sort_label(column: str) -> str:
    """The words of a sortable measure in the current language: the indicator's label, or the local-fit total's."""
    if column == "program_name":
        return _("Program name")
    if column in INDICATOR_LABELS:
        return indicator_label(column)
    return column_words(column, summary=True)[0]


def occupation_choices(targets: pd.DataFrame) -> dict[str, str]:
    """BLS code -> title of every code the programs' targets lead to, ordered by title: the choices of the
    list's occupation filter (``targets`` as for ``filter_programs``)."""
    occupations = targets[targets.soc_code.notna()][["soc_code", "soc_title"]].drop_duplicates()
    occupations = occupations.sort_values("soc_title")
    return dict(zip(occupations.soc_code, occupations.soc_title))
