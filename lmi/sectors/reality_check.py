"""The sector reality check for one area, assembled: flagged sectors (each sentence naming what
carries the verdict), flagged occupations of the chosen sectors, and hidden local demand outside
every sector. Pure over frames from ``lmi.demand`` (``DemandModel.bls_codes``: one row per code BLS
publishes, so no figure is counted twice), ``lmi.sectors.definitions`` and ``lmi.sectors.totals``, so the page
only renders and tests can run it on the real database without Streamlit.

Occupation rows carry ``group_label`` (``lmi.sectors.definitions.group_labels``) wherever the figure is a
group's ("All Other" residuals, codes covering several O*NET occupations), so the table and its CSV
say so on the row.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lmi.sectors.definitions import add_group_labels
from lmi.sectors.flags import FLAG_ORDER, FlagThresholds, flag_occupations, flag_sectors, hidden_local_demand
from lmi.sectors.totals import sector_carriers, sector_occupation_rows, summarise


@dataclass(frozen=True)
class RealityCheck:
    sectors: pd.DataFrame  # one row per chosen sector: totals, carriers, flag, flag_label, flag_reason
    occupations: pd.DataFrame  # one row per (chosen sector, occupation): numbers, group_label, flag, reason
    hidden: pd.DataFrame  # occupations in no sector of the file with strong local demand
    thresholds: FlagThresholds
    area_name: str


def reality_check(
    demand: pd.DataFrame,
    membership: pd.DataFrame,
    sector_list: pd.DataFrame,
    chosen_keys: list[str],
    thresholds: FlagThresholds,
    area_name: str,
    groups: pd.DataFrame | None = None,
) -> RealityCheck:
    """Flag the chosen sectors and their occupations in the area of ``demand`` (``DemandModel.bls_codes``).

    ``groups`` (``lmi.sectors.definitions.group_labels``) labels group figures; without it ``group_label`` is blank.
    Hidden local demand is judged against *all* sectors of the file, not only the chosen ones: an
    occupation in a popular sector the user did not pick is still not hidden.
    """
    labels = groups if groups is not None else pd.DataFrame({"soc_code": [], "group_label": []})
    names = sector_list[["sector_key", "sector_name"]]
    order = {key: n for n, key in enumerate(sector_list.sector_key)}
    chosen = [key for key in sector_list.sector_key if key in set(chosen_keys)]
    rows = add_group_labels(sector_occupation_rows(demand, membership, chosen), labels).merge(names, on="sector_key")
    sectors = _flagged_sectors(rows, names, thresholds, area_name)
    occupations = flag_occupations(rows, thresholds, area_name) if len(rows) else rows
    if len(sectors):
        sectors = sectors.sort_values("sector_key", key=lambda k: k.map(order)).reset_index(drop=True)
    if len(occupations):
        occupations = (
            occupations.assign(
                _sector=occupations.sector_key.map(order),
                _flag=occupations.flag.map(FLAG_ORDER.index),
            )
            .sort_values(
                ["_sector", "_flag", "local_annual_openings_est_count"],
                ascending=[True, True, False],
                na_position="last",
            )
            .drop(columns=["_sector", "_flag"])
            .reset_index(drop=True)
        )
    hidden = add_group_labels(hidden_local_demand(demand, set(membership.soc_code), thresholds, area_name), labels)
    return RealityCheck(sectors, occupations, hidden, thresholds, area_name)


def _flagged_sectors(
    rows: pd.DataFrame, names: pd.DataFrame, thresholds: FlagThresholds, area_name: str
) -> pd.DataFrame:
    if not len(rows):
        return _empty_totals()
    totals = (
        summarise(rows, by=["sector_key"])
        .merge(sector_carriers(rows, by=["sector_key"]), on="sector_key")
        .merge(names, on="sector_key")
    )
    return flag_sectors(totals, thresholds, area_name)


def _empty_totals() -> pd.DataFrame:
    return pd.DataFrame(
        columns=[
            "sector_key",
            "sector_name",
            "location_quotient",
            "national_growth_2024_34_pct",
            "local_coverage_pct",
            "occupations_count",
            "occupations_with_local_estimate_count",
            "flag",
            "flag_label",
            "flag_reason",
        ]
    )
