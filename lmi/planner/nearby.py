"""Where workers the region cannot absorb could go: the nearest metro areas whose openings over the horizon in the
same occupations (each group's own occupation and the targets that passed the thresholds here, read at their BLS
codes through ``DemandModel.areas``) could take the group's remainder.

Distance is between the areas' centres (the CBSA gazetteer's internal points, ``core_area``), great-circle, in
miles. Only metro areas have centres in the reference database, so a state, nonmetro or national region gets no
list (the page says so). Each group's remainder is checked against an area on its own, with the same horizon and
share of openings as the plan; the thresholds (pay above all) were applied here, not there.
"""

from __future__ import annotations

import math

import pandas as pd

from lmi.db import query_df
from lmi.i18n import N_
from lmi.planner.allocation import horizon_capacity

CANDIDATE_AREAS = 40  # the nearest metros looked at
AREAS_SHOWN = 3
EARTH_RADIUS_MILES = 3958.8
NEARBY_RULE = N_(
    "Nearest areas that could absorb the rest: the closest metro areas (distance between their centres) whose "
    "estimated openings over the same horizon, at the same share, in the group's own occupation and the targets "
    "that passed the thresholds here could take every worker left; where none of the {n} nearest could, the ones "
    "that could take most. Each group is checked on its own; pay and other thresholds were checked here, not there."
)
COLUMNS = [
    "group_code",
    "group_title",
    "not_absorbable_count",
    "area_code",
    "area_name",
    "distance_miles",
    "capacity_count",
    "absorbs_all",
]


def miles_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in miles."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(min(1.0, a)))


def nearest_metros(con, area_code: str, limit: int = CANDIDATE_AREAS) -> pd.DataFrame:
    """The ``limit`` metro areas nearest the region's centre (none when the region has no centre)."""
    areas = query_df(
        con,
        """SELECT area_code, area_name, latitude_deg, longitude_deg FROM core_area
           WHERE area_kind = 'metro' AND latitude_deg IS NOT NULL ORDER BY area_code""",
    )
    here = areas[areas.area_code == area_code]
    if not len(here):
        return areas.iloc[0:0].assign(distance_miles=pd.Series(dtype=float))
    lat, lon = float(here.latitude_deg.iloc[0]), float(here.longitude_deg.iloc[0])
    others = areas[areas.area_code != area_code].copy()
    others["distance_miles"] = [
        miles_between(lat, lon, a, b) for a, b in zip(others.latitude_deg, others.longitude_deg)
    ]
    return others.sort_values(["distance_miles", "area_code"]).head(limit).reset_index(drop=True)


def nearest_absorbing(engine, layoff, groups: pd.DataFrame, options: pd.DataFrame) -> pd.DataFrame:
    """For every group with workers not absorbable here, up to ``AREAS_SHOWN`` nearest metros that could take them."""
    short = groups[groups.not_absorbable_count > 0]
    if not len(short) or not len(options):
        return pd.DataFrame(columns=COLUMNS)
    key = ("nearest", layoff.area_code)
    if key not in engine.memo:
        engine.memo[key] = nearest_metros(engine.con, layoff.area_code)
    near = engine.memo[key]
    if not len(near):
        return pd.DataFrame(columns=COLUMNS)
    codes = tuple(sorted(set(options.pool_soc_code)))
    demand_key = ("nearby_demand", layoff.area_code, codes)
    if demand_key not in engine.memo:
        engine.memo[demand_key] = engine.demand.areas(list(near.area_code), list(codes))
    demand = engine.memo[demand_key]
    openings = {(a, s): v for a, s, v in zip(demand.area_code, demand.soc_code, demand.local_annual_openings_est_count)}
    rows = []
    for group in short.itertuples(index=False):
        pools = sorted(set(options[options.group_code == group.group_code].pool_soc_code))
        found = []
        for area in near.itertuples(index=False):
            room = sum(
                horizon_capacity(openings.get((area.area_code, p)), layoff.horizon_months, layoff.openings_share)
                for p in pools
            )
            found.append((area, room))
        enough = [(a, r) for a, r in found if r >= group.not_absorbable_count][:AREAS_SHOWN]
        shown = enough or sorted(found, key=lambda item: (-item[1], item[0].distance_miles))[:AREAS_SHOWN]
        for area, room in shown:
            rows.append(
                [
                    group.group_code,
                    group.group_title,
                    group.not_absorbable_count,
                    area.area_code,
                    area.area_name,
                    round(area.distance_miles),
                    room,
                    room >= group.not_absorbable_count,
                ]
            )
    return pd.DataFrame(rows, columns=COLUMNS)
