"""The sector reality check for one area, assembled: flagged sectors, flagged occupations of the
chosen sectors, and hidden local demand outside every sector. Pure over frames from
``lmi.demand``, ``lmi.sectors`` and ``lmi.sector_summary``, so the page only renders and tests can
run it on the real database without Streamlit."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lmi.sector_flags import FLAG_ORDER, FlagThresholds, flag_occupations, flag_sectors, hidden_local_demand
from lmi.sector_summary import sector_occupation_rows, summarise


@dataclass(frozen=True)
class RealityCheck:
    sectors: pd.DataFrame  # one row per chosen sector: totals, flag, flag_label, flag_reason
    occupations: pd.DataFrame  # one row per (chosen sector, occupation): numbers, flag, reason
    hidden: pd.DataFrame  # occupations in no sector of the file with strong local demand
    thresholds: FlagThresholds
    area_name: str


def reality_check(demand: pd.DataFrame, membership: pd.DataFrame, sector_list: pd.DataFrame,
                  chosen_keys: list[str], thresholds: FlagThresholds, area_name: str) -> RealityCheck:
    """Flag the chosen sectors and their occupations in the area of ``demand``.

    Hidden local demand is judged against *all* sectors of the file, not only the chosen ones: an
    occupation in a popular sector the user did not pick is still not hidden.
    """
    names = sector_list[["sector_key", "sector_name"]]
    order = {key: n for n, key in enumerate(sector_list.sector_key)}
    chosen = [key for key in sector_list.sector_key if key in set(chosen_keys)]
    rows = sector_occupation_rows(demand, membership, chosen).merge(names, on="sector_key")
    totals = summarise(rows, by=["sector_key"]).merge(names, on="sector_key") if len(rows) else _empty_totals()
    sectors = flag_sectors(totals, thresholds, area_name) if len(totals) else totals
    occupations = flag_occupations(rows, thresholds, area_name) if len(rows) else rows
    if len(sectors):
        sectors = sectors.sort_values("sector_key", key=lambda k: k.map(order)).reset_index(drop=True)
    if len(occupations):
        occupations = occupations.assign(
            _sector=occupations.sector_key.map(order), _flag=occupations.flag.map(FLAG_ORDER.index),
        ).sort_values(["_sector", "_flag", "local_annual_openings_est_count"], ascending=[True, True, False],
                      na_position="last").drop(columns=["_sector", "_flag"]).reset_index(drop=True)
    hidden = hidden_local_demand(demand, set(membership.soc_code), thresholds, area_name)
    return RealityCheck(sectors, occupations, hidden, thresholds, area_name)


def _empty_totals() -> pd.DataFrame:
    return pd.DataFrame(columns=["sector_key", "sector_name", "location_quotient", "national_growth_2024_34_pct",
                                 "local_coverage_pct", "occupations_count", "occupations_with_local_estimate_count"])
