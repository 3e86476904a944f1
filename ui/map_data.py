"""The maps' shapes through the one cache layer (``ui.cache``): a state's areas with their outlines and
every state's outline, decoded once per database (``lmi.geography.shapes``)."""

from __future__ import annotations

from lmi.geography import shapes
from ui.cache import reference_query

state_area_shapes = reference_query(shapes.state_area_shapes, max_entries=64)
state_shapes = reference_query(shapes.state_shapes, max_entries=4)
