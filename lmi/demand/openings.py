"""Estimated local annual openings: the one estimate and the one way to word it.

BLS Employment Projections publish annual openings (from growth, labor-force exits and
occupational transfers) for the nation only. The build (``out_soc_demand``) allocates them::

    local annual openings ≈ national annual openings (Projections 2024-34, Table 1.10)
                          × area OEWS employment (May 2025)
                          ÷ national employment the openings were projected on (2024 base, Table 1.2)

that is, BLS's national openings per job applied to the area's jobs, computed at the BLS code both
programs publish. Where a state's own long-term projections are loaded they replace this for the
state and its areas (``lmi.demand.state_projections``), and ``openings_basis`` says so.

What the national-rate estimate assumes, and what to say when showing it:
- the area's openings per job equal the nation's: local growth and turnover are not modelled;
- OEWS counts wage-and-salary jobs only, so openings among the self-employed are not allocated:
  for occupations with much self-employment the local figure is a floor;
- national openings are published in thousands to one decimal (100 openings), so a very small
  occupation's rate carries a rounding error;
- where BLS released no local employment estimate the result is missing, never zero.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lmi.i18n import N_, _

OPENINGS_METHOD = N_(
    "Estimated annual openings here = BLS's national annual openings 2024-34 (growth, labor-force exits and "
    "occupational transfers) x this area's OEWS May 2025 jobs / national employment in 2024 (the base the "
    "openings were projected on). It assumes the area's openings per job equal the nation's and leaves out "
    "the self-employed, so it is a floor where many are self-employed."
)
OPENINGS_BASIS_WORDS = {  # ``openings_basis`` -> English, marked for the catalog: shown through ``basis_words``
    "national_rate": N_("national openings rate applied to local jobs (BLS Projections 2024-34 x OEWS May 2025)"),
    "state_projections": N_("the state's own long-term projections"),
    "no_local_employment": N_("not estimated: BLS released no local employment for it here"),
    "no_projection": N_("not estimated: BLS projects no openings for it"),
    "codes_differ": N_("not estimated: OEWS and the projections count it under different codes"),
}


def openings_method_words() -> str:
    """``OPENINGS_METHOD`` in the visitor's language."""
    return _(OPENINGS_METHOD)


def basis_words(basis) -> str:
    """How the local openings figure was made, in words ("" when there is no basis)."""
    if basis is None or (isinstance(basis, float) and pd.isna(basis)):
        return ""
    return _(OPENINGS_BASIS_WORDS[str(basis)]) if str(basis) in OPENINGS_BASIS_WORDS else str(basis)


def allocate_openings(national_annual_openings_count, area_employment_count, national_employment_count):
    """National annual openings × the area's share of national employment in the occupation.

    The same arithmetic the build uses (``out_soc_demand``), for callers that allocate other totals
    (a state's projections to its metros). Works on scalars, NumPy arrays or pandas Series. Missing
    or zero national employment, or a missing area estimate, gives NaN (no estimate), never zero.
    """
    openings, area, nation = (
        _floats(v) for v in (national_annual_openings_count, area_employment_count, national_employment_count)
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        result = np.where(nation > 0, openings * area / nation, np.nan)
    if isinstance(area_employment_count, pd.Series):
        return pd.Series(result, index=area_employment_count.index, name="local_annual_openings_est_count")
    return float(result) if result.ndim == 0 else result


def _floats(values) -> np.ndarray:
    """Numbers as a float array with NaN for missing (pandas NA, None), whatever came in."""
    if np.ndim(values) == 0:
        return np.asarray(np.nan if values is None or pd.isna(values) else values, dtype=float)
    return pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def round_openings(value: float | None) -> float | None:
    """Openings at honest precision: whole numbers under 10, two significant digits above (an estimate)."""
    if value is None or pd.isna(value):
        return None
    if value < 10:
        return float(round(value))
    digits = max(0, int(np.floor(np.log10(value))) - 1)
    return float(round(value, -digits))


def describe_openings(value: float | None) -> str:
    """ "about 1,200 a year", the one wording of an openings estimate on every page."""
    if value is None or pd.isna(value):
        return _("not estimated")
    if value < 1:
        return _("fewer than 1 a year")
    return _("about {openings:,.0f} a year").format(openings=round_openings(value))
