"""Albers equal-area conic projection, and the layout of a map of the whole United States.

Maps are drawn from longitude/latitude shapes projected here, in plain Python, so a page never asks a
map server or a CDN for a base map. Albers equal-area is the projection the Census Bureau and USGS use
for maps of the United States: areas keep their true proportions (a choropleth's colours cover the
land they describe) and shapes distort little across a state or the lower 48.

Formulas (sphere): Snyder, *Map Projections: A Working Manual* (USGS Professional Paper 1395, 1987),
pp. 98-103. Coordinates are in kilometres on a sphere of the Earth's mean radius.

A state map uses a projection fitted to the state (standard parallels one sixth of its latitude span in
from each edge, centred on it). The national map uses the classic lower-48 projection (standard
parallels 29.5 and 45.5 N, central meridian 96 W) with Alaska, Hawaii and the territories OEWS
publishes drawn as insets below it, each in its own projection and scale, as atlases do.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius


@dataclass(frozen=True)
class Albers:
    """An Albers equal-area conic projection (standard parallels, origin) with an optional scale and shift
    applied after projecting (how an inset is placed on the national map)."""

    parallel_1_deg: float
    parallel_2_deg: float
    origin_lon_deg: float
    origin_lat_deg: float
    scale: float = 1.0
    shift_x_km: float = 0.0
    shift_y_km: float = 0.0

    def project(self, lon_deg, lat_deg) -> tuple[np.ndarray, np.ndarray]:
        """Projected x, y (km) of longitudes and latitudes (arrays or numbers). A longitude more than 180
        degrees from the central meridian is taken the short way round (the Aleutians past 180, Guam)."""
        lon = np.radians(_wrapped(np.asarray(lon_deg, dtype=float) - self.origin_lon_deg))
        lat = np.radians(np.asarray(lat_deg, dtype=float))
        phi1, phi2, phi0 = (math.radians(v) for v in (self.parallel_1_deg, self.parallel_2_deg, self.origin_lat_deg))
        n = (math.sin(phi1) + math.sin(phi2)) / 2
        c = math.cos(phi1) ** 2 + 2 * n * math.sin(phi1)
        rho0 = EARTH_RADIUS_KM * math.sqrt(c - 2 * n * math.sin(phi0)) / n
        rho = EARTH_RADIUS_KM * np.sqrt(c - 2 * n * np.sin(lat)) / n
        theta = n * lon
        x = rho * np.sin(theta)
        y = rho0 - rho * np.cos(theta)
        return x * self.scale + self.shift_x_km, y * self.scale + self.shift_y_km

    def shape(self, geometry: BaseGeometry) -> BaseGeometry:
        """The geometry with every coordinate projected."""

        def transform(coords: np.ndarray) -> np.ndarray:
            x, y = self.project(coords[:, 0], coords[:, 1])
            return np.column_stack([x, y])

        return shapely.transform(geometry, transform)

    def moved(self, scale: float, shift_x_km: float, shift_y_km: float) -> Albers:
        return Albers(
            self.parallel_1_deg,
            self.parallel_2_deg,
            self.origin_lon_deg,
            self.origin_lat_deg,
            scale,
            shift_x_km,
            shift_y_km,
        )


def _wrapped(delta_deg: np.ndarray) -> np.ndarray:
    return (delta_deg + 180.0) % 360.0 - 180.0


def fitted_albers(lon_min_deg: float, lat_min_deg: float, lon_max_deg: float, lat_max_deg: float) -> Albers:
    """The projection for a map of one region: standard parallels one sixth of the latitude span in from
    each edge (the usual rule of thumb for a conic), centred on the region. Longitudes may run past 180
    (``lon_max_deg`` < ``lon_min_deg`` means the box crosses the antimeridian)."""
    span_lat = max(lat_max_deg - lat_min_deg, 0.5)
    width = (lon_max_deg - lon_min_deg) % 360.0 or 360.0
    centre_lon = _wrapped(np.asarray(lon_min_deg + width / 2))
    centre_lat = (lat_min_deg + lat_max_deg) / 2
    if abs(centre_lat) < 1.0:
        raise ValueError("an Albers conic needs its standard parallels off the equator; this region straddles it")
    return Albers(lat_min_deg + span_lat / 6, lat_max_deg - span_lat / 6, float(centre_lon), centre_lat)


def equal_area_km2(geometry: BaseGeometry) -> float:
    """The geometry's area in square kilometres, measured in an Albers projection fitted to it."""
    lon_min, lat_min, lon_max, lat_max = lon_lat_bounds(geometry)
    return float(fitted_albers(lon_min, lat_min, lon_max, lat_max).shape(geometry).area)


def lon_lat_bounds(geometry: BaseGeometry) -> tuple[float, float, float, float]:
    """Bounds of a shape; one with parts on both sides of 180 degrees (the Aleutians) is measured the short
    way round, its longitudes past 180 taken as negative."""
    lon_min, lat_min, lon_max, lat_max = geometry.bounds
    if lon_max - lon_min > 180:
        coords = shapely.get_coordinates(geometry)
        lons = np.where(coords[:, 0] > 0, coords[:, 0] - 360.0, coords[:, 0])
        return float(lons.min()), lat_min, float(lons.max()), lat_max
    return lon_min, lat_min, lon_max, lat_max


# ---------------------------------------------------------------- the national map

LOWER_48 = Albers(29.5, 45.5, -96.0, 37.5)


@dataclass(frozen=True)
class Inset:
    """A state or territory drawn below the lower 48 in its own projection: ``scale`` of true size, its
    centre placed at (``centre_x_km``, ``centre_y_km``) of the lower-48 map."""

    state_fips: str
    projection: Albers
    scale: float
    centre_x_km: float
    centre_y_km: float


INSETS = (
    Inset("02", Albers(55.0, 65.0, -154.0, 60.0), 0.35, -1750.0, -1650.0),  # Alaska
    Inset("15", Albers(8.0, 18.0, -157.0, 20.5), 1.0, -700.0, -1600.0),  # Hawaii
    Inset("66", Albers(12.0, 15.0, 144.8, 13.45), 3.0, -250.0, -1600.0),  # Guam
    Inset("72", Albers(17.0, 19.0, -66.4, 18.2), 1.5, 1550.0, -1500.0),  # Puerto Rico
    Inset("78", Albers(17.5, 18.5, -64.8, 18.0), 3.0, 2050.0, -1500.0),  # U.S. Virgin Islands
)


def national_projection(state_fips: str) -> Albers:
    """How a state is projected on the national map: its inset's projection, or the lower 48's."""
    for inset in INSETS:
        if inset.state_fips == state_fips:
            return inset.projection.moved(inset.scale, inset.centre_x_km, inset.centre_y_km)
    return LOWER_48


def has_inset(state_fips: str) -> bool:
    return any(inset.state_fips == state_fips for inset in INSETS)
