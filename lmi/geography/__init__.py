"""Where the OEWS areas are on a map: their shapes (built by the ETL from the Census cartographic
boundaries that the npm package us-atlas ships, dissolved into metro areas with the OMB July 2023
delineation; ``etl/area_shapes.py``), the areas that have no true shape and why (``shapes``), and the
Albers equal-area projection the maps are drawn in, with the national map's insets (``projection``).
Plain Python and SQL: no map server, no network."""
