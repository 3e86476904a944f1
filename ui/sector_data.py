"""The Sector reality check's data, through the one cache layer (``ui.cache``): plain functions of small
arguments (area codes, sector keys as tuples, ``FlagThresholds``, the seats as typed text), each cached on
its arguments and on what is being served. The sector file is read once per database
(``sector_definitions``); the reality check, the seats comparison and the state ranking are assembled by
``lmi.sectors``."""

from __future__ import annotations

import pandas as pd

from lmi.demand import postings_trend
from lmi.sectors import across_areas, definitions, reality_check, seats
from lmi.sectors.flags import FlagThresholds
from ui import data, posted_data
from ui.cache import cached, demand_model, model_query, reference_connection, reference_query, resource


@resource(max_entries=1)
def sector_definitions() -> definitions.SectorDefinitions:
    """The sector file as this database holds it (sectors, members, group labels, version note)."""
    return definitions.load_definitions(reference_connection())


def sector_file_note() -> str:
    """ "Sector definitions: data/sectors/sectors-v2.toml, version 2 (SHA-256 …)" for captions and CSVs."""
    return sector_definitions().file_note


def _sector_occupations(con, keys: tuple[str, ...]) -> pd.DataFrame:
    return definitions.sector_occupations(con, list(keys))


def _sector_citations(con, keys: tuple[str, ...]) -> pd.DataFrame:
    return definitions.sector_citations(con, list(keys))


sector_occupations = reference_query(_sector_occupations, max_entries=16)
sector_citations = reference_query(_sector_citations, max_entries=16)
sector_across_areas = model_query(across_areas.sector_across_areas, max_entries=64)
postings_trend_for = reference_query(postings_trend.state_postings_trend, max_entries=64)
postings_series = reference_query(postings_trend.postings_series, max_entries=64)


@cached(max_entries=64)
def default_thresholds(area_code: str) -> FlagThresholds:
    """The flag thresholds a user starts from (growth: what BLS projects for all occupations)."""
    return reality_check.default_thresholds_for(demand_model(), area_code)


def sector_view(
    area_code: str, area_name: str, chosen: tuple[str, ...], thresholds: FlagThresholds
) -> reality_check.SectorView:
    """The reality check of the chosen sectors in the area (``lmi.sectors.reality_check.reality_check_for_area``),
    with the sectors' local postings when postings are imported: cached on the postings store's key too
    (``ui.posted_data.posted_key``), so counts remade after an import are shown at once."""
    return _sector_view(posted_data.posted_key(), area_code, area_name, chosen, thresholds)


@cached(max_entries=128)
def _sector_view(
    postings_key: tuple, area_code: str, area_name: str, chosen: tuple[str, ...], thresholds: FlagThresholds
) -> reality_check.SectorView:
    return reality_check.reality_check_for_area(
        reference_connection(),
        demand_model(),
        area_code,
        area_name,
        chosen,
        thresholds,
        sector_definitions(),
        posted=posted_data.posted(),
    )


@resource(max_entries=1)
def seat_targets() -> seats.Targets:
    """What seats may be planned for: the file's sectors and every code that leads to one BLS publishes."""
    return seats.Targets(sector_definitions().names, data.code_resolver())


@cached(max_entries=32)
def seat_comparison(
    text: str, area_code: str, area_name: str, thresholds: FlagThresholds, oversupply_ratio: float
) -> pd.DataFrame:
    """Seats typed as text against the area's estimated openings; raises ``lmi.sectors.seats.SeatsError``
    naming every bad line (an error is not cached, so a fixed line is read afresh)."""
    return seats.seats_for_area(
        reference_connection(),
        demand_model(),
        seat_targets(),
        text,
        area_code,
        area_name,
        thresholds,
        oversupply_ratio,
        sector_definitions(),
    )
