"""A small TopoJSON decoder: the part of the format the us-atlas topology uses, turned into shapely shapes.

TopoJSON (https://github.com/topojson/topojson-specification) stores each boundary line once, as an
*arc*, and describes every polygon as a list of rings, each ring a list of arc indexes; neighbouring
counties share their common arcs, which is what keeps the file small and a dissolve exact. A
*quantized* topology (one with a ``transform``) stores positions as integers, and each arc's positions
after the first as differences from the one before (delta encoding):

    x_k = (dx_1 + ... + dx_k) * scale_x + translate_x   (likewise y)

A negative arc index ``~i`` (= ``-1 - i``) means arc ``i`` walked backwards. Consecutive arcs of a ring
share their joining position, so it is kept once. Only polygonal geometries are read (``Polygon``,
``MultiPolygon``; a geometry with ``type`` null has no shape): boundaries are all this project maps.

A ring whose last position misses its first by at most a couple of quantization steps (seen in the
merged ``states`` object of us-atlas) is closed, as every renderer closes it; a wider gap is an error.
Simplification can leave a ring of a tiny island with fewer than four positions (a point or a line, no
area); it is dropped, as a renderer draws nothing for it, and a polygon whose outer ring is such a ring is
dropped with it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon

from etl.errors import SourceValueError

CLOSING_STEPS = 2  # a ring may miss closing by this many quantization steps (see the module's docstring)


@dataclass(frozen=True)
class TopoFeature:
    """One geometry of a topology object: its ``id`` (a FIPS code in us-atlas), its ``properties.name``
    and its shape in longitude/latitude degrees (None for a geometry of type null)."""

    id: str
    name: str | None
    shape: Polygon | MultiPolygon | None


class Topology:
    """A parsed topology whose arcs are decoded once and shared by every object read from it."""

    def __init__(self, document: dict, label: str = "topology") -> None:
        if document.get("type") != "Topology":
            raise SourceValueError(f"{label}: not a TopoJSON topology (type is {document.get('type')!r})")
        self.label = label
        self.document = document
        transform = document.get("transform")
        self.arcs = decode_arcs(document.get("arcs", []), transform)
        steps = np.asarray(transform["scale"], dtype=float) if transform else np.zeros(2)
        self.closing_tolerance = CLOSING_STEPS * steps + 1e-9

    @classmethod
    def from_text(cls, text: str, label: str = "topology") -> Topology:
        try:
            return cls(json.loads(text), label)
        except json.JSONDecodeError as exc:
            raise SourceValueError(f"{label}: not valid JSON ({exc})") from exc

    def object_names(self) -> list[str]:
        return list(self.document.get("objects", {}))

    def features(self, object_name: str) -> list[TopoFeature]:
        """Every geometry of the named object (a GeometryCollection or a single geometry)."""
        objects = self.document.get("objects", {})
        if object_name not in objects:
            raise SourceValueError(f"{self.label}: no object {object_name!r} (objects: {', '.join(objects) or 'none'})")
        top = objects[object_name]
        geometries = top.get("geometries", []) if top.get("type") == "GeometryCollection" else [top]
        return [self._feature(geometry, object_name) for geometry in geometries]

    def _feature(self, geometry: dict, object_name: str) -> TopoFeature:
        properties = geometry.get("properties") or {}
        return TopoFeature(
            id=str(geometry.get("id", "")),
            name=properties.get("name"),
            shape=self.shape(geometry, f"{self.label}: {object_name} {geometry.get('id', '?')}"),
        )

    def shape(self, geometry: dict, label: str) -> Polygon | MultiPolygon | None:
        kind = geometry.get("type")
        if kind is None:
            return None
        if kind == "Polygon":
            polygons = [self._polygon(geometry["arcs"], label)]
        elif kind == "MultiPolygon":
            polygons = [self._polygon(rings, label) for rings in geometry["arcs"]]
        else:
            raise SourceValueError(f"{label}: geometry type {kind!r} is not a polygon; only boundaries are read")
        kept = [polygon for polygon in polygons if polygon is not None]
        if not kept:
            return None
        return kept[0] if kind == "Polygon" else MultiPolygon(kept)

    def _polygon(self, rings: list[list[int]], label: str) -> Polygon | None:
        if not rings:
            raise SourceValueError(f"{label}: a polygon without rings")
        exterior, *holes = (self.ring(indexes, label) for indexes in rings)
        if exterior is None:
            return None
        return Polygon(exterior, [hole for hole in holes if hole is not None])

    def ring(self, indexes: list[int], label: str) -> np.ndarray | None:
        """The positions of a ring: its arcs joined end to start, each shared joining position kept once
        (None for a ring simplified to fewer than four positions)."""
        parts = []
        for position, index in enumerate(indexes):
            arc = self._arc(index, label)
            parts.append(arc if position == 0 else arc[1:])
        points = np.concatenate(parts) if parts else np.empty((0, 2))
        if not len(points):
            raise SourceValueError(f"{label}: a ring without positions")
        if not np.array_equal(points[0], points[-1]):
            if np.any(np.abs(points[0] - points[-1]) > self.closing_tolerance):
                raise SourceValueError(f"{label}: ring of arcs {indexes} is not closed ({len(points)} positions)")
            points = np.vstack([points, points[:1]])
        return points if len(points) >= 4 else None

    def _arc(self, index: int, label: str) -> np.ndarray:
        real = index if index >= 0 else ~index
        if real >= len(self.arcs):
            raise SourceValueError(f"{label}: arc {index} does not exist ({len(self.arcs)} arcs)")
        return self.arcs[real] if index >= 0 else self.arcs[real][::-1]


def decode_arcs(arcs: list[list[list[float]]], transform: dict | None) -> list[np.ndarray]:
    """Absolute longitude/latitude positions of every arc; delta-decoded and scaled when quantized."""
    if transform is None:
        return [np.asarray(arc, dtype=float)[:, :2] for arc in arcs]
    scale = np.asarray(transform["scale"], dtype=float)
    translate = np.asarray(transform["translate"], dtype=float)
    return [np.cumsum(np.asarray(arc, dtype=np.int64)[:, :2], axis=0) * scale + translate for arc in arcs]


def valid_shape(shape: Polygon | MultiPolygon) -> Polygon | MultiPolygon:
    """The shape itself when valid, else shapely's repair of it (quantizing can make a ring touch itself);
    only the polygonal part of a repair is kept."""
    if shape.is_valid:
        return shape
    repaired = shapely.make_valid(shape)
    polygons = [g for g in getattr(repaired, "geoms", [repaired]) if isinstance(g, Polygon | MultiPolygon)]
    return shapely.union_all(polygons) if polygons else repaired
