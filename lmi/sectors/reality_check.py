"""The sector reality check for one area, assembled: flagged sectors (each sentence naming what
carries the verdict), flagged occupations of the chosen sectors, and hidden local demand outside
every sector. ``reality_check`` is pure over frames from ``lmi.demand`` (``DemandModel.bls_codes``: one row
per code BLS publishes, so no figure is counted twice), ``lmi.sectors.definitions`` and ``lmi.sectors.totals``;
``reality_check_for_area`` reads those frames and the sectors' national postings trends and returns the
``SectorView`` the page renders, so the page only renders and tests run the same assembly without Streamlit.

Occupation rows carry ``group_label`` (``lmi.sectors.definitions.group_labels``) wherever the figure is a
group's ("All Other" residuals, codes covering several O*NET occupations), so the table and its CSV
say so on the row.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from lmi.areas import NATION_CODE
from lmi.demand import DemandModel
from lmi.demand import postings_trend as postings
from lmi.demand.posted import PostedDemand
from lmi.sectors import posted as posted_demand
from lmi.sectors.definitions import SectorDefinitions, add_group_labels, load_definitions
from lmi.sectors.flags import (
    FLAG_LABELS,
    FLAG_ORDER,
    FlagThresholds,
    default_thresholds,
    flag_label,
    flag_occupations,
    flag_sectors,
    hidden_local_demand,
)
from lmi.sectors.posted import LocalPostings
from lmi.sectors.totals import sector_carriers, sector_occupation_rows, summarise


@dataclass(frozen=True)
class RealityCheck:
    sectors: pd.DataFrame  # one row per chosen sector: totals, carriers, flag, flag_label, flag_reason
    occupations: pd.DataFrame  # one row per (chosen sector, occupation): numbers, group_label, flag, reason
    hidden: pd.DataFrame  # occupations in no sector of the file with strong local demand
    thresholds: FlagThresholds
    area_name: str


@dataclass(frozen=True)
class SectorView:
    """Everything the Sector reality check shows for one area and one set of choices.

    ``sectors`` carries ``national_postings_words`` (each sector's Indeed trend in one line) beside its totals
    and flag; ``postings`` is one row per (chosen sector, mapped Indeed sector)
    (``lmi.demand.postings_trend.sector_postings_trends``) and ``postings_note`` says what that mapping is.
    For the nation only the national columns mean anything: there is nothing local to set them against.

    When postings are imported, ``sectors`` also carries each sector's local postings
    (``lmi.sectors.posted.SECTOR_POSTED_COLUMNS`` and ``local_postings_words``) and ``local_postings`` says where
    and when they were counted."""

    area_code: str
    area_name: str
    chosen: tuple[str, ...]
    thresholds: FlagThresholds
    sectors: pd.DataFrame
    occupations: pd.DataFrame
    hidden: pd.DataFrame
    postings: pd.DataFrame
    postings_note: str
    area_wage_median_usd: float | None
    # the local posting signal (``lmi.sectors.posted``): where the ``sectors`` frame's postings columns come from;
    # None when no postings are imported (the columns are then absent)
    local_postings: LocalPostings | None = None

    @property
    def is_nation(self) -> bool:
        return self.area_code == NATION_CODE

    def flag_count(self, flag: str) -> int:
        """How many chosen sectors carry ``flag``."""
        return int((self.sectors.flag == flag).sum()) if len(self.sectors) else 0

    def occupation_flags(self) -> list[str]:
        """The flag labels the occupation rows carry, in the order flags are listed."""
        present = set(self.occupations.flag_label) if len(self.occupations) else set()
        return [flag_label(flag) for flag in FLAG_LABELS if flag_label(flag) in present]


def reality_check_for_area(
    con: duckdb.DuckDBPyConnection,
    model: DemandModel,
    area_code: str,
    area_name: str,
    chosen_keys: list[str] | tuple[str, ...],
    thresholds: FlagThresholds,
    definitions: SectorDefinitions | None = None,
    posted: PostedDemand | None = None,
) -> SectorView:
    """The reality check of the chosen sectors in the area, with each sector's national postings trend and,
    when ``posted`` (``lmi.demand.posted.load_posted``) holds postings, its local postings beside it.

    ``definitions`` (``lmi.sectors.definitions.load_definitions``) may be passed so callers that check many
    areas read the sector file once; ``area_name`` is how the area is named in every sentence."""
    defs = definitions if definitions is not None else load_definitions(con)
    chosen = tuple(key for key in defs.sectors.sector_key if key in set(chosen_keys))
    check = reality_check(
        model.bls_codes(area_code), defs.membership, defs.sectors, list(chosen), thresholds, area_name, defs.groups
    )
    trends = postings.sector_postings_trends(con, list(chosen))
    sectors = check.sectors.assign(
        national_postings_words=postings.sector_postings_column(check.sectors.sector_key, trends)
    )
    if posted is not None and len(sectors):
        sectors = with_local_postings(
            sectors,
            posted_demand.sector_posted_demand(posted, model, area_code, defs.membership, sectors.sector_key.tolist()),
        )
    indeed_notes = dict(zip(defs.sectors.sector_key, defs.sectors.indeed_note))
    return SectorView(
        area_code=area_code,
        area_name=area_name,
        chosen=chosen,
        thresholds=thresholds,
        sectors=sectors,
        occupations=check.occupations,
        hidden=check.hidden,
        postings=trends,
        postings_note=postings.sector_mapping_note(trends, indeed_notes, defs.names),
        area_wage_median_usd=model.baseline(area_code).local_annual_wage_median_usd,
        local_postings=posted_demand.local_postings(posted) if posted is not None else None,
    )


def with_local_postings(sectors: pd.DataFrame, postings: pd.DataFrame) -> pd.DataFrame:
    """The sector rows with their local postings columns and the one-line ``local_postings_words``."""
    joined = sectors.merge(postings, on="sector_key", how="left")
    return joined.assign(local_postings_words=[posted_demand.local_postings_words(row) for row in joined.itertuples()])


def default_thresholds_for(model: DemandModel, area_code: str) -> FlagThresholds:
    """The default thresholds: "growing nationally" is faster than BLS projects for all occupations."""
    return default_thresholds(model.baseline(area_code).national_growth_2024_34_pct)


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
