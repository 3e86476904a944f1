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

from lmi.i18n import N_, _

GRAIN_WORDS = {  # English, marked for the catalog: shown through ``grain_words``
    "own": N_("its own BLS figure"),
    "shared_soc": N_("a BLS occupation O*NET splits into several"),
    "all_other": N_('a BLS "All Other" group'),
    "bls_aggregate": N_("a BLS group published only as a whole"),
    "bls_combined": N_("a BLS code combining several occupations"),
    "none": N_("no BLS estimate covers it"),
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
MISSING_REASON_WORDS = {  # English, marked for the catalog: shown through ``missing_words``
    "not_released": N_("not released by BLS here (too few survey responses, or confidential)"),
    "not_published_for_area": N_("BLS published no estimate for it in this area"),
    "no_bls_code": N_("BLS publishes no estimates for this occupation"),
    "not_surveyed": N_("not in the OEWS survey (BLS projects it nationally only)"),
    "hourly_only": N_("published only as an hourly wage"),
}
# the columns ``add_labels`` writes in words (the visitor's language): never kept in a cache shared
# by visitors; ``demand_is_shared`` is a plain flag
WORDS_COLUMNS = ("demand_basis", "local_employment_missing_words", "local_wage_missing_words")


def is_shared(grain: str | None, shared_with_count) -> bool:
    """True when the figure is not the occupation's own (it is a group's, shared with others)."""
    return grain not in (None, "none", "own") and not pd.isna(grain)


def basis_label(demand_soc_code: str | None, demand_title: str | None, grain: str | None, shared_with_count) -> str:
    """ "BLS group 47-2152 Plumbers, Pipefitters, and Steamfitters, shared by 2 occupations"; for an
    occupation's own figure "BLS 29-1141 Registered Nurses"; "" when no BLS code covers it."""
    if not demand_soc_code or pd.isna(demand_soc_code):
        return ""
    if not is_shared(grain, shared_with_count):
        return _("BLS {code} {title}").format(code=demand_soc_code, title=demand_title)
    count = _count(shared_with_count)
    if count > 1:
        return _("BLS group {code} {title}, shared by {count} occupations").format(
            code=demand_soc_code, title=demand_title, count=count
        )
    return _("BLS group {code} {title}").format(code=demand_soc_code, title=demand_title)


def grain_words(grain: str) -> str:
    """How a BLS code relates to the occupation (``GRAIN_WORDS``), in the visitor's language."""
    return _(GRAIN_WORDS[grain]) if grain in GRAIN_WORDS else str(grain)


def missing_words(reason: str | None) -> str:
    """Why a figure is empty, in words ("" when it is not)."""
    if reason is None or (isinstance(reason, float) and pd.isna(reason)):
        return ""
    return _(MISSING_REASON_WORDS[str(reason)]) if str(reason) in MISSING_REASON_WORDS else str(reason)


def add_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """``demand_is_shared``, ``demand_basis`` and the missing reasons in words, for an occupation frame."""
    frame = add_shared_flag(frame)
    for column, values in label_words(frame).items():
        frame[column] = values
    return frame


def add_shared_flag(frame: pd.DataFrame) -> pd.DataFrame:
    """``demand_is_shared``: a flag, the same in every language (a cache may hold it)."""
    frame["demand_is_shared"] = [is_shared(g, n) for g, n in zip(frame.demand_grain, frame.shared_with_count)]
    return frame


def label_words(frame: pd.DataFrame) -> dict[str, list[str]]:
    """The ``WORDS_COLUMNS`` of an occupation frame, in the visitor's language: each distinct group and
    reason is worded once (an area has about a thousand rows but a few hundred BLS codes)."""
    basis: dict[tuple, str] = {}
    keys = [
        (_text(code), _text(title), _text(grain), _count(shared))
        for code, title, grain, shared in zip(
            frame.demand_soc_code, frame.demand_title, frame.demand_grain, frame.shared_with_count
        )
    ]
    for key in keys:
        if key not in basis:
            basis[key] = basis_label(*key)
    employment = [_text(reason) for reason in frame.local_employment_missing_reason]
    wage = [_text(reason) for reason in frame.local_wage_missing_reason]
    reasons = {reason: missing_words(reason) for reason in {*employment, *wage}}
    return {
        "demand_basis": [basis[key] for key in keys],
        "local_employment_missing_words": [reasons[reason] for reason in employment],
        "local_wage_missing_words": [reasons[reason] for reason in wage],
    }


def _text(value) -> str | None:
    """A text cell as a dictionary key: missing (None, NaN, NA) is None."""
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def _count(value) -> int:
    return 0 if value is None or pd.isna(value) else int(value)
