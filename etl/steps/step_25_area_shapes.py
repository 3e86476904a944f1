"""core_area_shape: each state's and metro area's outline (Census 2017 cartographic boundaries from us-atlas,
counties dissolved into CBSAs with the OMB July 2023 delineation), or why it has none (see etl/area_shapes.py)."""

from etl.area_shapes import run

__all__ = ["run"]
