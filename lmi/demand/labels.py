"""Whose numbers a demand figure is, in words, next to the figure.

O*NET rates about 1,000 occupations; BLS publishes employment and wages for about 830 codes. When
several O*NET occupations are covered by one BLS code they show the same figure, and the user must
be told at the figure (cell, tooltip, CSV column), not only in a sentence elsewhere.
``demand_grain`` (built by the ETL) says how the BLS code relates to the occupation:

- ``own``: the BLS code covers this O*NET occupation alone; the figure is its own;
- ``shared_soc``: O*NET splits one SOC occupation into several (Registered Nurses and Acute Care
  Nurses are both 29-1141); all of them show the SOC figure;
- ``all_other``: the figure is an "All Other" residual shared by several O*NET occupations;
- ``bls_aggregate``: BLS publishes only a group (31-1120 for home health aides and personal care aides);
- ``bls_combined``: BLS publishes a combined code for several SOC codes (53-1047);
- ``none``: no BLS code covers it (military occupations; legislators, fishers in OEWS).
"""

from __future__ import annotations

import pandas as pd

GRAIN_WORDS = {
    "own": "its own BLS figure",
    "shared_soc": "a BLS occupation O*NET splits into several",
    "all_other": 'a BLS "All Other" group',
    "bls_aggregate": "a BLS group published only as a whole",
    "bls_combined": "a BLS code combining several occupations",
    "none": "no BLS estimate covers it",
}
# the columns that say whose numbers a row carries (after ``add_labels``); every frame that shows a demand
# figure keeps them beside it
WHOSE_NUMBERS_COLUMNS = (
    "demand_soc_code",
    "demand_title",
    "demand_grain",
    "shared_with_count",
    "demand_is_shared",
    "demand_basis",
)
MISSING_REASON_WORDS = {
    "not_released": "not released by BLS here (too few survey responses, or confidential)",
    "not_published_for_area": "BLS published no estimate for it in this area",
    "no_bls_code": "BLS publishes no estimates for this occupation",
    "not_surveyed": "not in the OEWS survey (BLS projects it nationally only)",
    "hourly_only": "published only as an hourly wage",
}


def is_shared(grain: str | None, shared_with_count) -> bool:
    """True when the figure is not the occupation's own (it is a group's, shared with others)."""
    return grain not in (None, "none", "own") and not pd.isna(grain)


def basis_label(demand_soc_code: str | None, demand_title: str | None, grain: str | None, shared_with_count) -> str:
    """ "BLS group 47-2152 Plumbers, Pipefitters, and Steamfitters, shared by 2 occupations"; for an
    occupation's own figure "BLS 29-1141 Registered Nurses"; "" when no BLS code covers it."""
    if not demand_soc_code or pd.isna(demand_soc_code):
        return ""
    if not is_shared(grain, shared_with_count):
        return f"BLS {demand_soc_code} {demand_title}"
    count = _count(shared_with_count)
    sharing = f", shared by {count} occupations" if count > 1 else ""
    return f"BLS group {demand_soc_code} {demand_title}{sharing}"


def missing_words(reason: str | None) -> str:
    """Why a figure is empty, in words ("" when it is not)."""
    if reason is None or (isinstance(reason, float) and pd.isna(reason)):
        return ""
    return MISSING_REASON_WORDS.get(str(reason), str(reason))


def add_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """``demand_is_shared``, ``demand_basis`` and the missing reasons in words, for an occupation frame."""
    frame["demand_is_shared"] = [is_shared(g, n) for g, n in zip(frame.demand_grain, frame.shared_with_count)]
    frame["demand_basis"] = [
        basis_label(c, t, g, n)
        for c, t, g, n in zip(frame.demand_soc_code, frame.demand_title, frame.demand_grain, frame.shared_with_count)
    ]
    frame["local_employment_missing_words"] = frame.local_employment_missing_reason.map(missing_words)
    frame["local_wage_missing_words"] = frame.local_wage_missing_reason.map(missing_words)
    return frame


def _count(value) -> int:
    return 0 if value is None or pd.isna(value) else int(value)
