"""The maps' shapes on the real reference database (built from the shipped snapshot), the projection, and the
map builders of ``ui.maps``: Missouri's metro areas all have outlines (Springfield among them), Connecticut's
have none and say why, the states have theirs, and a map's figure names, colours and notes what it should."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from shapely.geometry import Point, box

from lmi.demand import DemandModel
from lmi.demand.across_states import occupation_across_states
from lmi.demand.area_comparison import areas_of_state
from lmi.geography import shapes
from lmi.geography.projection import LOWER_48, Albers, equal_area_km2, fitted_albers, national_projection
from ui import maps

MISSOURI, CONNECTICUT = "29", "09"
SPRINGFIELD_MO = "0044180"
MISSOURI_METROS = {
    "0016020": "Cape Girardeau, MO-IL",
    "0017860": "Columbia, MO",
    "0027620": "Jefferson City, MO",
    "0027900": "Joplin, MO-KS",
    "0028140": "Kansas City, MO-KS",
    "0041140": "St. Joseph, MO-KS",
    "0041180": "St. Louis, MO-IL",
    SPRINGFIELD_MO: "Springfield, MO",
}


@pytest.fixture(scope="module")
def missouri(ref_con) -> pd.DataFrame:
    return shapes.state_area_shapes(ref_con, MISSOURI).set_index("area_code")


@pytest.fixture(scope="module")
def states(ref_con) -> pd.DataFrame:
    return shapes.state_shapes(ref_con)


# ---------------------------------------------------------------- the domain on the built database


def test_every_missouri_metro_area_has_its_outline(missouri):
    metros = missouri[missouri.area_kind == "metro"]
    assert dict(zip(metros.index, metros.area_name)) == MISSOURI_METROS
    assert all(g is not None and g.is_valid and not g.is_empty for g in metros.geometry)
    assert metros.shape_missing_reason.isna().all()
    assert set(metros.shape_vintage) == {"2017"} and set(metros.shape_source_version) == {"3.0.1"}


def test_springfield_mo_is_drawn_around_its_census_point(missouri):
    springfield = missouri.loc[SPRINGFIELD_MO]
    point = Point(springfield.point_longitude_deg, springfield.point_latitude_deg)
    assert springfield.geometry.contains(point)  # the gazetteer's internal point of CBSA 44180
    assert springfield.shape_area_km2 == pytest.approx(7_770, rel=0.05)  # five counties, about 3,000 sq mi
    assert springfield.delineation_vintage == "July 2023"


def test_missouri_nonmetropolitan_areas_have_no_outline_and_say_why(missouri):
    nonmetro = missouri[missouri.area_kind == "nonmetro"]
    assert len(nonmetro) == 4 and all(g is None for g in nonmetro.geometry)
    assert set(nonmetro.shape_missing_reason) == {"nonmetro_definition_not_in_snapshot"}
    assert all(
        "BLS lists the counties of each nonmetropolitan area separately" in w for w in nonmetro.shape_missing_words
    )


def test_connecticut_metro_areas_keep_a_point_and_the_planning_region_reason(ref_con):
    connecticut = shapes.state_area_shapes(ref_con, CONNECTICUT).set_index("area_code")
    metros = connecticut[connecticut.area_kind == "metro"]
    assert len(metros) == 5 and all(g is None for g in metros.geometry)
    assert set(metros.shape_missing_reason) == {"ct_planning_regions"}
    assert metros.point_longitude_deg.notna().all()
    hartford = metros.loc["0025540"]
    assert hartford.missing_county_fips == "09110,09130"
    assert "planning regions (09110, 09130)" in hartford.shape_missing_words


def test_every_state_has_its_outline(states):
    assert len(states) == 54
    assert all(g is not None and g.is_valid for g in states.geometry)
    by_postal = states.set_index("state_postal")
    assert by_postal.loc["MO", "shape_area_km2"] == pytest.approx(180_500, rel=0.02)  # Missouri, land and water
    assert by_postal.loc["AK", "lon_min_deg"] < -180  # the Aleutians past 180 are measured the short way round


def test_each_metro_area_is_checked_against_the_gazetteer(ref_con):
    """The build's size check held: every outline covers roughly its CBSA's published land area."""
    ratios = ref_con.execute(
        "SELECT s.shape_area_km2 / (g.land_area_m2 / 1e6) FROM core_area_shape s JOIN core_area a USING (area_code) "
        "JOIN raw_cbsa_gazetteer g ON g.cbsa_code = a.cbsa_code WHERE s.shape_wkb IS NOT NULL"
    ).fetchall()
    assert len(ratios) == 388 and all(0.8 <= r <= 2 for (r,) in ratios)


# ---------------------------------------------------------------- the projection


def test_albers_keeps_areas():
    """Equal-area: one degree squares at different latitudes keep their true areas' ratio (cos latitude)."""
    south, north = box(-90, 30, -89, 31), box(-90, 45, -89, 46)
    ratio = LOWER_48.shape(north).area / LOWER_48.shape(south).area
    assert ratio == pytest.approx(np.cos(np.radians(45.5)) / np.cos(np.radians(30.5)), rel=0.01)
    assert equal_area_km2(box(-93, 40, -92, 41)) == pytest.approx(111.2 * 111.2 * np.cos(np.radians(40.5)), rel=0.01)


def test_the_origin_projects_to_zero_and_insets_move_alaska():
    projection = fitted_albers(-95.8, 36.0, -89.1, 40.6)
    x, y = projection.project(-92.45, 38.3)
    assert abs(x) < 1e-6 and abs(y) < 1e-6
    ax, ay = national_projection("02").project(-150.0, 61.2)  # Anchorage, drawn below the lower 48
    lx, ly = LOWER_48.project(-97.4, 25.9)  # Brownsville, the lower 48's southern tip
    assert ay < ly and isinstance(national_projection("29"), Albers)


# ---------------------------------------------------------------- the map builders


def jobs() -> maps.MapMeasure:
    return maps.MapMeasure("local_employment_count", "Jobs here", lambda v: f"{v:,.0f}")


def test_bins_hold_quantiles_with_readable_edges_and_a_light_to_dark_palette():
    bins = maps.class_breaks(pd.Series([120, 480, 1_234, 5_678, 35_200, None]), lambda v: f"{v:,.0f}")
    assert bins.edges[0] == 120 and bins.edges[-1] == 35_200
    assert all(a < b for a, b in zip(bins.edges, bins.edges[1:]))
    assert bins.labels[0].startswith("120 to ")
    assert [bins.index(v) for v in (120, 35_200)] == [0, len(bins.colors) - 1] and bins.index(None) is None
    assert maps.label_color(bins.colors[0]) == "#000000" and maps.label_color(bins.colors[-1]) == "#FFFFFF"
    assert maps.class_breaks(pd.Series([7.0, 7.0]), str).labels == ("7.0 to 7.0",)
    assert maps.class_breaks(pd.Series([None], dtype=float), str).colors == ()


def test_labels_that_would_overlap_are_left_off_the_larger_first():
    labels = [maps.Label("Big", 0, 0, 10), maps.Label("Small", 1, 0, 1), maps.Label("Far", 500, 0, 2)]
    assert [label.text for label in maps.place_labels(labels, km_per_px=1.0)] == ["Big", "Far"]


def test_rings_are_drawn_outer_counter_clockwise_holes_clockwise():
    xs, ys = maps.ring_xy(box(0, 0, 10, 10).difference(box(4, 4, 6, 6)))
    breaks = [i for i, x in enumerate(xs) if x is None]
    outer = list(zip(xs[: breaks[0]], ys[: breaks[0]]))
    hole = list(zip(xs[breaks[0] + 1 : breaks[1]], ys[breaks[0] + 1 : breaks[1]]))
    assert _signed_area(outer) > 0 > _signed_area(hole)


def _signed_area(points) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:])) / 2


def annotation_texts(fig: go.Figure) -> set[str]:
    return {a.text for a in fig.layout.annotations}


def test_missouri_map_draws_every_metro_and_names_springfield(ref_con):
    model = DemandModel(ref_con)
    areas = areas_of_state(ref_con, model, "29-1141.00", MISSOURI)
    shaped = areas.merge(
        shapes.state_area_shapes(ref_con, MISSOURI).drop(columns=["area_name", "area_kind", "cbsa_code"]),
        on="area_code",
    )
    figure = maps.state_map(shaped, shapes.state_shapes(ref_con), MISSOURI, jobs(), "Registered nurses in Missouri")
    filled = [t for t in figure.figure.data if t.fill == "toself" and t.hoveron == "fills"]
    assert len(filled) == 8
    assert {"Springfield", "St. Louis", "Kansas City"} <= annotation_texts(figure.figure)
    assert any(t.text.startswith("<b>Springfield, MO</b><br>Jobs here: ") for t in filled)
    assert "8 metro areas are drawn as their outlines" in figure.summary
    assert "Highest: St. Louis, MO-IL" in figure.summary
    assert len(figure.notes) == 1 and "North Missouri nonmetropolitan area" in figure.notes[0]
    assert figure.figure.layout.yaxis.scaleanchor == "x" and figure.figure.layout.xaxis.visible is False


def test_connecticut_map_draws_points_not_borrowed_outlines(ref_con):
    model = DemandModel(ref_con)
    areas = areas_of_state(ref_con, model, "29-1141.00", CONNECTICUT)
    shaped = areas.merge(
        shapes.state_area_shapes(ref_con, CONNECTICUT).drop(columns=["area_name", "area_kind", "cbsa_code"]),
        on="area_code",
    )
    figure = maps.state_map(shaped, shapes.state_shapes(ref_con), CONNECTICUT, jobs(), "Registered nurses")
    assert not [t for t in figure.figure.data if t.hoveron == "fills"]  # no metro outline at all
    (points,) = [t for t in figure.figure.data if t.mode == "markers" and t.x is not None and t.x[0] is not None]
    assert len(points.x) == 5 and points.marker.symbol == "diamond"
    assert {"Hartford", "New Haven", "Bridgeport"} <= annotation_texts(figure.figure)
    assert sum("planning regions" in note for note in figure.notes) == 5
    assert "5 more are shown as points" in figure.summary


def test_national_map_colours_every_state_with_insets(ref_con):
    model = DemandModel(ref_con)
    states = occupation_across_states(ref_con, model, "29-1141.00")
    assert len(states) == 54 and states.area_name.iloc[0] == "California"
    shaped = states.merge(
        shapes.state_shapes(ref_con).drop(columns=["area_name", "area_kind", "state_postal"]),
        on=["area_code", "state_fips"],
    )
    figure = maps.national_map(shaped, jobs(), "Registered nurses across the states")
    assert len([t for t in figure.figure.data if t.hoveron == "fills"]) == 54
    assert {"CA", "TX", "MO"} <= annotation_texts(figure.figure)
    assert len(figure.figure.layout.shapes) == 5  # Alaska, Hawaii, Guam, Puerto Rico, Virgin Islands framed
    assert "Highest: California (338,940)" in figure.summary
