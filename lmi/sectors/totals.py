"""Sector totals from occupation numbers: national growth and openings, local employment,
concentration and estimated openings of a sector in an area.

A sector is a list of occupations (``lmi.sectors.definitions``), so its numbers are sums over them. The care is
in what BLS did not release: in a metro area many occupations have no published estimate. A sector
total over the released occupations only would make the sector look thin wherever BLS suppressed
cells, so the sector's **location quotient compares like with like**::

    sector LQ = (local employment in the released occupations / all local employment)
              ÷ (national employment in those same occupations / all national employment)

and ``local_coverage_pct`` says how much of the sector (by national employment) those released
occupations are. Local employment and openings are then "at least" figures; flags refuse to judge
a sector whose coverage is below a threshold (``lmi.sectors.flags``).

The aggregation works on any long frame of rows at the grain BLS publishes (``DemandModel.bls_codes``
or ``lmi.demand.model.areas_frame``: one row per published code, so a group figure such as 31-1120 is
counted once) plus grouping columns, so the same arithmetic serves one area's sectors and one sector
across the areas of a state (``lmi.sectors.across_areas``). The national 2024-34 change is the 2034 count
minus the 2024 count.

A total hides which occupations make it: ``sector_carriers`` names the few members that carry most
of a sector's local jobs (and how much of its openings they are), and the signature occupations BLS
released no local estimate for, so a verdict can say what it rests on.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lmi.demand import JOBS_PER_RATE_BASE

SUMMARY_COLUMNS = [
    "occupations_count",
    "occupations_with_local_estimate_count",
    "national_employment_2024_count",
    "national_employment_2034_count",
    "national_employment_change_2024_34_count",
    "national_growth_2024_34_pct",
    "national_annual_openings_count",
    "national_oews_employment_count",
    "national_employment_share_pct",
    "local_employment_count",
    "local_employment_share_pct",
    "local_coverage_pct",
    "location_quotient",
    "local_annual_openings_est_count",
    "local_openings_per_10k_jobs",
    "local_jobs_above_area_median_wage_pct",
]
CARRIER_COLUMNS = [
    "carrier_soc_codes",
    "carrier_titles",
    "carrier_jobs_counts",
    "carriers_jobs_share_pct",
    "carriers_openings_share_pct",
    "openings_carrier_soc_codes",
    "openings_carrier_titles",
    "openings_carrier_counts",
    "openings_carriers_share_pct",
    "signature_count",
    "signature_missing_titles",
]
CARRIERS_MAX = 3  # the sector's largest members named as carrying it
CARRIERS_SHARE_PCT = 50.0  # they "carry" the sector when they make up at least this share of its local jobs


def sector_occupation_rows(
    demand: pd.DataFrame, membership: pd.DataFrame, sector_keys: list[str] | None = None
) -> pd.DataFrame:
    """One row per (sector, occupation): the occupation's numbers repeated in each sector it belongs to."""
    chosen = membership if sector_keys is None else membership[membership.sector_key.isin(sector_keys)]
    return chosen.merge(demand, on="soc_code", how="inner")


def summarise(rows: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Sector totals per group of ``by`` columns (e.g. ["sector_key"] or ["area_code"]).

    ``rows`` needs the columns of ``DemandModel.bls_codes`` (which include ``area_total_employment_count``
    and ``national_total_employment_count``, constant within a group).
    """
    work = rows.assign(
        _released_national=rows.national_oews_employment_count.where(rows.has_local_estimate),
        _local_above_median=rows.local_employment_count.where(rows.local_wage_to_area_median_ratio > 1, 0.0).where(
            rows.local_wage_to_area_median_ratio.notna()
        ),
        _local_wage_known=rows.local_employment_count.where(rows.local_wage_to_area_median_ratio.notna()),
    )
    grouped = work.groupby(by, sort=False, dropna=False)  # nonmetro areas have no CBSA code or centroid
    out = pd.DataFrame(
        {
            "occupations_count": grouped.soc_code.count(),
            "occupations_with_local_estimate_count": grouped.has_local_estimate.sum(),
            "national_employment_2024_count": grouped.national_employment_2024_count.sum(),
            "national_employment_2034_count": grouped.national_employment_2034_count.sum(),
            "national_annual_openings_count": grouped.national_annual_openings_count.sum(),
            "national_oews_employment_count": grouped.national_oews_employment_count.sum(),
            "local_employment_count": grouped.local_employment_count.sum(min_count=1),
            "local_annual_openings_est_count": grouped.local_annual_openings_est_count.sum(min_count=1),
            "_released_national": grouped._released_national.sum(min_count=1),
            "_local_above_median": grouped._local_above_median.sum(min_count=1),
            "_local_wage_known": grouped._local_wage_known.sum(min_count=1),
            "area_total_employment_count": grouped.area_total_employment_count.first(),
            "national_total_employment_count": grouped.national_total_employment_count.first(),
        }
    )
    return _ratios(out).reset_index()


def _ratios(out: pd.DataFrame) -> pd.DataFrame:
    with np.errstate(divide="ignore", invalid="ignore"):
        area_total = out.area_total_employment_count.astype(float)
        nation_total = out.national_total_employment_count.astype(float)
        out["national_employment_change_2024_34_count"] = (
            out.national_employment_2034_count - out.national_employment_2024_count
        )
        out["national_growth_2024_34_pct"] = (
            100 * out.national_employment_change_2024_34_count / out.national_employment_2024_count
        )
        out["national_employment_share_pct"] = 100 * out.national_oews_employment_count / nation_total
        out["local_employment_share_pct"] = 100 * out.local_employment_count / area_total
        out["local_coverage_pct"] = (100 * out._released_national / out.national_oews_employment_count).fillna(0.0)
        out["location_quotient"] = (out.local_employment_count / area_total) / (out._released_national / nation_total)
        out["local_openings_per_10k_jobs"] = JOBS_PER_RATE_BASE * out.local_annual_openings_est_count / area_total
        out["local_jobs_above_area_median_wage_pct"] = 100 * out._local_above_median / out._local_wage_known
    return out.drop(columns=["_released_national", "_local_above_median", "_local_wage_known"])


# ---------------------------------------------------------------- what carries a sector


def sector_carriers(rows: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Per group of ``by`` columns, what a sector total rests on:

    - ``carrier_soc_codes`` / ``carrier_titles`` / ``carrier_jobs_counts``: the ``CARRIERS_MAX`` members
      with the most local jobs; ``carriers_jobs_share_pct`` and ``carriers_openings_share_pct`` say how
      much of the sector's local jobs and estimated openings they are (they carry the sector when that
      is at least ``CARRIERS_SHARE_PCT``);
    - ``openings_carrier_titles`` / ``openings_carrier_counts`` and ``openings_carriers_share_pct``: the
      same, ranked by estimated openings (what a seat plan competes for);
    - ``signature_count`` and ``signature_missing_titles``: the sector's signature occupations, and
      those BLS released no local estimate for.

    ``rows`` are sector member rows (``sector_occupation_rows``) with ``soc_title`` and ``is_signature``.
    """
    if rows.empty:
        return pd.DataFrame(columns=by + CARRIER_COLUMNS)
    # Every group at once (a sort and a few group-bys), where a loop over the groups made each sector's frames on
    # its own: the carriers were a tenth of the sector check's CPU.
    keyed = rows.assign(_group=rows.groupby(by, sort=False, dropna=False).ngroup())
    out = keyed.drop_duplicates("_group").set_index("_group")[by].sort_index()
    jobs = _leaders(keyed, "local_employment_count")
    openings = _leaders(keyed, "local_annual_openings_est_count")
    signature = keyed[keyed.is_signature.astype(bool)]
    missing = signature[~signature.has_local_estimate.astype(bool)]
    out["carrier_soc_codes"] = _lists(jobs, "soc_code", out.index)
    out["carrier_titles"] = _lists(jobs, "soc_title", out.index)
    out["carrier_jobs_counts"] = _lists(jobs, "local_employment_count", out.index)
    out["carriers_jobs_share_pct"] = _shares(jobs, keyed, "local_employment_count", out.index)
    out["carriers_openings_share_pct"] = _shares(jobs, keyed, "local_annual_openings_est_count", out.index)
    out["openings_carrier_soc_codes"] = _lists(openings, "soc_code", out.index)
    out["openings_carrier_titles"] = _lists(openings, "soc_title", out.index)
    out["openings_carrier_counts"] = _lists(openings, "local_annual_openings_est_count", out.index)
    out["openings_carriers_share_pct"] = _shares(openings, keyed, "local_annual_openings_est_count", out.index)
    out["signature_count"] = signature.groupby("_group").size().reindex(out.index, fill_value=0).astype(int)
    out["signature_missing_titles"] = _lists(missing, "soc_title", out.index)
    return out.reset_index(drop=True)[by + CARRIER_COLUMNS]


def _leaders(rows: pd.DataFrame, column: str) -> pd.DataFrame:
    """Each group's ``CARRIERS_MAX`` largest members by ``column`` (ties broken by code, so the choice is
    stable), largest first."""
    known = rows[rows[column].notna() & (rows[column] > 0)]
    ordered = known.sort_values(["_group", column, "soc_code"], ascending=[True, False, True])
    return ordered.groupby("_group", sort=False).head(CARRIERS_MAX)


def _lists(rows: pd.DataFrame, column: str, groups: pd.Index) -> list[list]:
    """Each group's values of ``column`` as a plain list, in the rows' order ([] for a group without rows)."""
    found = {group: values.tolist() for group, values in rows.groupby("_group", sort=False)[column]}
    return [found.get(group, []) for group in groups]


def _shares(part: pd.DataFrame, whole: pd.DataFrame, column: str, groups: pd.Index) -> list[float]:
    """Per group, the percentage of the group's total of ``column`` that ``part``'s rows hold (NaN when the
    total is not positive or the group has no such rows)."""
    totals = whole.groupby("_group")[column].sum(min_count=1)
    held = part.groupby("_group")[column].sum()
    return [
        float(100 * held[group] / totals[group])
        if group in held.index and not pd.isna(totals[group]) and totals[group] > 0
        else float("nan")
        for group in groups
    ]
