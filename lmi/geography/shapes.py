"""The outlines maps draw: a state's metro and nonmetropolitan areas with their shapes, the states, and
why an area has no shape (``core_area_shape``, built by ``etl/area_shapes.py``).

An area without a true outline is never given a borrowed one. A metro area without a shape (Connecticut's,
built from planning regions the 2017 boundaries predate) keeps the Census gazetteer's internal point
(``point_longitude_deg``, ``point_latitude_deg``) so a map can show it as a labelled point;
``shape_missing_words`` says why in the visitor's language. Nonmetropolitan areas have neither.
"""

from __future__ import annotations

import duckdb
import pandas as pd
import shapely

from lmi.db import query_df
from lmi.i18n import N_, _

SHAPE_COLUMNS = """
    s.shape_wkb, s.shape_missing_reason, s.missing_county_fips, s.label_longitude_deg, s.label_latitude_deg,
    s.lon_min_deg, s.lat_min_deg, s.lon_max_deg, s.lat_max_deg, s.shape_area_km2, s.shape_source_key,
    s.shape_source_version, s.shape_vintage, s.delineation_vintage
"""
MISSING_SHAPE_WORDS = {  # core_area_shape.shape_missing_reason -> why, marked for the catalog
    "ct_planning_regions": N_(
        "No outline: the July 2023 delineation builds this area from Connecticut's planning regions "
        "({counties}), which replaced its counties in 2022, and the 2017 Census boundaries the maps use "
        "have only the old counties. Shown as a point at the Census internal point."
    ),
    "counties_not_in_boundaries": N_(
        "No outline: the 2017 Census boundaries the maps use lack county equivalents ({counties}) that the "
        "July 2023 delineation puts in this area. Shown as a point at the Census internal point."
    ),
    "not_in_delineation": N_("No outline: the July 2023 delineation does not list this metro area's counties."),
    "nonmetro_definition_not_in_snapshot": N_(
        "No outline: BLS lists the counties of each nonmetropolitan area separately, and that list is not in "
        "this dashboard's data."
    ),
    "not_in_boundaries": N_("No outline: the 2017 Census boundaries the maps use do not include it."),
}


def state_area_shapes(con: duckdb.DuckDBPyConnection, state_fips: str) -> pd.DataFrame:
    """Every metro and nonmetropolitan area with any part in the state (metro areas crossing a state line
    whole), with ``geometry`` (a shapely geometry in longitude/latitude, or None), the reason there is none in
    words, and the gazetteer point of a metro area."""
    frame = query_df(
        con,
        f"""
        SELECT a.area_code, a.area_name, a.area_kind, a.cbsa_code,
               a.longitude_deg AS point_longitude_deg, a.latitude_deg AS point_latitude_deg, {SHAPE_COLUMNS}
        FROM core_area_state x JOIN core_area a USING (area_code) JOIN core_area_shape s USING (area_code)
        WHERE x.state_fips = $state AND a.area_kind IN ('metro', 'nonmetro')
        ORDER BY a.area_kind, a.area_name
    """,
        {"state": state_fips},
    )
    return _with_shapes(frame)


def state_shapes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every state, D.C. and territory OEWS publishes, with its outline (or why it has none)."""
    frame = query_df(
        con,
        f"""
        SELECT a.area_code, a.area_name, a.area_kind, a.state_fips, st.state_postal, {SHAPE_COLUMNS}
        FROM core_area a JOIN core_area_shape s USING (area_code) JOIN core_state st ON st.state_fips = a.state_fips
        WHERE a.area_kind = 'state'
        ORDER BY a.state_fips
    """,
    )
    return _with_shapes(frame)


def _with_shapes(frame: pd.DataFrame) -> pd.DataFrame:
    """Decode the stored WKB into shapely shapes and word each missing shape's reason."""
    shapes = [shapely.from_wkb(bytes(wkb)) if wkb is not None and not pd.isna(wkb) else None for wkb in frame.shape_wkb]
    out = frame.drop(columns=["shape_wkb"])
    out["geometry"] = pd.Series(shapes, index=frame.index, dtype=object)
    out["shape_missing_words"] = [
        shape_missing_words(reason, counties)
        for reason, counties in zip(out.shape_missing_reason, out.missing_county_fips)
    ]
    return out


def shape_missing_words(reason, missing_county_fips=None) -> str:
    """Why an area has no outline, in the visitor's language ("" when it has one)."""
    if reason is None or (isinstance(reason, float) and pd.isna(reason)):
        return ""
    template = MISSING_SHAPE_WORDS.get(str(reason))
    if template is None:
        return str(reason)
    counties = ", ".join(str(missing_county_fips).split(",")) if isinstance(missing_county_fips, str) else ""
    return _(template).format(counties=counties)
