"""``core_area_shape``: the outline of every state, metro and nonmetropolitan area OEWS publishes, or the
reason it has none.

Shapes come from the Census Bureau's cartographic boundary files (2017 edition) as the npm package
us-atlas ships them (``raw_us_atlas_topology``: its ``counties-10m.json`` TopoJSON, whose ``states``
object is the counties merged, so state and county lines coincide). A metro area's OEWS code is its CBSA
code with "00" in front; its shape is the union of the counties the OMB July 2023 delineation puts in
that CBSA (``raw_cbsa_delineation``), simplified for drawing. A state's shape is the topology's own.

Where no true shape exists, none is drawn and ``shape_missing_reason`` says why (``lmi.geography.shapes``
words each reason):

- ``ct_planning_regions``: Connecticut's metro areas are built in the 2023 delineation from its nine
  planning regions (county FIPS 09110-09190), which replaced its eight counties in 2022; the 2017 shapes
  have only the old counties, and a union of those would be some other area's outline.
- ``counties_not_in_boundaries``: any other county of the delineation that the 2017 shapes lack
  (listed in ``missing_county_fips``).
- ``not_in_delineation``: a metro area whose CBSA the delineation does not list.
- ``nonmetro_definition_not_in_snapshot``: BLS builds its nonmetropolitan areas from the counties outside
  metro areas and publishes which ones separately; that list is not in the snapshot.
- ``not_in_boundaries``: a state or territory the topology lacks.

Simplification: the topology is already quantized (about 300 m) and simplified; a union of whole counties
is exact because neighbours share their arcs. Two counties' rings collapse under us-atlas's own
simplification (Falls Church, Virginia, inside the Washington metro area, is one); a hole such a county
leaves inside its own metro area's union is filled, and nothing else is. Each union is then simplified
with a tolerance of ``SIMPLIFY_TOLERANCE_DEG`` (about half a pixel on a state map), keeping its topology.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.ops import polylabel

from etl.releases import load_releases
from etl.topojson import Topology, valid_shape
from lmi.geography.projection import equal_area_km2, lon_lat_bounds

SOURCE_KEY = "us_atlas"
SIMPLIFY_TOLERANCE_DEG = 0.005
LABEL_TOLERANCE_DEG = 0.01
CONNECTICUT_FIPS = "09"
FIRST_PLANNING_REGION = 110  # Connecticut planning regions are county-equivalents 09110-09190

CT_PLANNING_REGIONS = "ct_planning_regions"
COUNTIES_NOT_IN_BOUNDARIES = "counties_not_in_boundaries"
NOT_IN_DELINEATION = "not_in_delineation"
NONMETRO_DEFINITION_NOT_IN_SNAPSHOT = "nonmetro_definition_not_in_snapshot"
NOT_IN_BOUNDARIES = "not_in_boundaries"

COLUMNS = {
    "area_code": "VARCHAR",
    "area_kind": "VARCHAR",
    "state_fips": "VARCHAR",
    "shape_wkb": "BLOB",
    "shape_missing_reason": "VARCHAR",
    "missing_county_fips": "VARCHAR",
    "county_count": "INTEGER",
    "vertex_count": "INTEGER",
    "shape_area_km2": "DOUBLE",
    "shape_is_valid": "BOOLEAN",
    "lon_min_deg": "DOUBLE",
    "lat_min_deg": "DOUBLE",
    "lon_max_deg": "DOUBLE",
    "lat_max_deg": "DOUBLE",
    "label_longitude_deg": "DOUBLE",
    "label_latitude_deg": "DOUBLE",
    "shape_source_key": "VARCHAR",
    "shape_source_version": "VARCHAR",
    "shape_vintage": "VARCHAR",
    "delineation_vintage": "VARCHAR",
}


@dataclass(frozen=True)
class Outcome:
    """A shape, or the reason (and the delineation's counties the boundaries lack) there is none."""

    shape: Polygon | MultiPolygon | None
    reason: str | None = None
    missing_county_fips: tuple[str, ...] = ()
    county_count: int = 0


def run(con: duckdb.DuckDBPyConnection) -> None:
    """Build ``core_area_shape`` from the topology, ``core_area`` and the delineation."""
    text = con.execute("SELECT topojson_text FROM raw_us_atlas_topology").fetchone()[0]
    topology = Topology.from_text(text, "raw_us_atlas_topology")
    areas = con.execute(
        "SELECT area_code, area_kind, state_fips, cbsa_code FROM core_area WHERE area_kind <> 'national' "
        "ORDER BY area_code"
    ).df()
    delineation = con.execute(
        "SELECT cbsa_code, state_fips || county_fips AS county_fips FROM raw_cbsa_delineation"
    ).df()
    release = load_releases()[SOURCE_KEY]
    frame = area_shapes(areas, delineation, topology, release.version, release.setting("boundary_vintage"))
    write_table(con, frame)


def area_shapes(
    areas: pd.DataFrame, delineation: pd.DataFrame, topology: Topology, version: str, vintage: str
) -> pd.DataFrame:
    """One row per area of ``areas`` (area_code, area_kind, state_fips, cbsa_code): shape or reason."""
    counties = {f.id: f.shape for f in topology.features("counties")}
    states = {f.id: f.shape for f in topology.features("states")}
    members = delineation.groupby("cbsa_code").county_fips.apply(lambda s: sorted(set(s))).to_dict()
    rows = []
    for area in areas.itertuples(index=False):
        if area.area_kind == "state":
            shape = states.get(area.state_fips)
            outcome = Outcome(valid_shape(shape)) if shape is not None else Outcome(None, NOT_IN_BOUNDARIES)
        elif area.area_kind == "metro":
            outcome = metro_outcome(members.get(area.cbsa_code, []), counties)
        else:
            outcome = Outcome(None, NONMETRO_DEFINITION_NOT_IN_SNAPSHOT)
        rows.append(shape_row(area, outcome, version, vintage))
    return pd.DataFrame(rows, columns=list(COLUMNS))


def metro_outcome(member_fips: list[str], counties: dict[str, Polygon | MultiPolygon | None]) -> Outcome:
    """The union of a CBSA's counties, simplified; or why it cannot be drawn."""
    if not member_fips:
        return Outcome(None, NOT_IN_DELINEATION)
    missing = tuple(fips for fips in member_fips if fips not in counties)
    if missing:
        return Outcome(None, missing_reason(missing), missing, len(member_fips))
    present = [valid_shape(counties[fips]) for fips in member_fips if counties[fips] is not None]
    collapsed = len(present) < len(member_fips)
    union = shapely.union_all(present)
    if collapsed:
        outside = [shape for fips, shape in counties.items() if shape is not None and fips not in member_fips]
        union = fill_collapsed_holes(union, outside)
    return Outcome(simplified(union), county_count=len(member_fips))


def missing_reason(missing: tuple[str, ...]) -> str:
    """Connecticut's planning regions have their own reason: the one case the 2023 delineation brings."""
    if all(f[:2] == CONNECTICUT_FIPS and int(f[2:]) >= FIRST_PLANNING_REGION for f in missing):
        return CT_PLANNING_REGIONS
    return COUNTIES_NOT_IN_BOUNDARIES


def fill_collapsed_holes(
    union: Polygon | MultiPolygon, outside: list[Polygon | MultiPolygon]
) -> Polygon | MultiPolygon:
    """Fill the holes of ``union`` that no county outside the area covers: where a member county whose
    ring collapsed under simplification lies. A hole that is another area's county stays a hole."""
    tree = shapely.STRtree(outside)
    parts = []
    for polygon in getattr(union, "geoms", [union]):
        kept = []
        for ring in polygon.interiors:
            hole = Polygon(ring)
            covering = [outside[i] for i in tree.query(hole, predicate="intersects")]
            covered = shapely.union_all(covering).intersection(hole).area if covering else 0.0
            if covered >= hole.area / 2:
                kept.append(ring)
        parts.append(Polygon(polygon.exterior, kept))
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def simplified(shape: Polygon | MultiPolygon) -> Polygon | MultiPolygon:
    return valid_shape(shape.simplify(SIMPLIFY_TOLERANCE_DEG, preserve_topology=True))


def shape_row(area, outcome: Outcome, version: str, vintage: str) -> dict:
    """The table row of one area; measurements only where there is a shape."""
    row = {
        "area_code": area.area_code,
        "area_kind": area.area_kind,
        "state_fips": area.state_fips,
        "shape_wkb": None,
        "shape_missing_reason": outcome.reason,
        "missing_county_fips": ",".join(outcome.missing_county_fips) or None,
        "county_count": outcome.county_count or None,
        "shape_source_key": SOURCE_KEY,
        "shape_source_version": version,
        "shape_vintage": vintage,
        "delineation_vintage": "July 2023" if area.area_kind == "metro" else None,
    }
    shape = outcome.shape
    if shape is None:
        return row
    lon_min, lat_min, lon_max, lat_max = lon_lat_bounds(shape)
    label = label_point(shape)
    row.update(
        shape_wkb=shapely.to_wkb(shape),
        vertex_count=int(shapely.get_num_coordinates(shape)),
        shape_area_km2=equal_area_km2(shape),
        shape_is_valid=bool(shapely.from_wkb(shapely.to_wkb(shape)).is_valid),
        lon_min_deg=lon_min,
        lat_min_deg=lat_min,
        lon_max_deg=lon_max,
        lat_max_deg=lat_max,
        label_longitude_deg=label.x,
        label_latitude_deg=label.y,
    )
    return row


def label_point(shape: Polygon | MultiPolygon):
    """Where a name sits: the point of the largest part farthest from its edges (its visual centre)."""
    largest = max(getattr(shape, "geoms", [shape]), key=lambda part: part.area)
    return polylabel(largest, tolerance=LABEL_TOLERANCE_DEG)


def write_table(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> None:
    columns = ", ".join(f"{name} {kind}" for name, kind in COLUMNS.items())
    con.execute(f"CREATE TABLE core_area_shape ({columns}, PRIMARY KEY (area_code))")
    con.register("area_shape_frame", frame)
    try:
        con.execute(f"INSERT INTO core_area_shape SELECT {', '.join(COLUMNS)} FROM area_shape_frame")
    finally:
        con.unregister("area_shape_frame")
