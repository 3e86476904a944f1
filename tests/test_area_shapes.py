"""The map shapes' ETL: the TopoJSON decoder on small topologies in the package's official layout, the
dissolve of counties into a metro area, the reasons an area has no outline (Connecticut's planning regions,
nonmetropolitan areas), reading the npm tarball, and its download from a local server (never the internet)."""

from __future__ import annotations

import dataclasses
import hashlib

import pandas as pd
import pytest
from shapely.geometry import Point, box

from etl import area_shapes
from etl.catalog import source_by_key
from etl.download import download_source
from etl.errors import DownloadError, SchemaDriftError, SourceValueError
from etl.http import make_session
from etl.releases import PinnedFile, load_releases
from etl.sources import us_atlas
from etl.topojson import Topology, decode_arcs
from lmi.geography.projection import equal_area_km2
from tests import official_formats as official

# ---------------------------------------------------------------- the decoder


def test_quantized_arcs_are_delta_decoded_and_scaled():
    arcs = decode_arcs([[[500, 0], [0, 500]], [[10, 20], [5, -5], [-15, -15]]], official.US_ATLAS_TRANSFORM)
    assert arcs[0].ravel().tolist() == pytest.approx([-72.5, 41.5, -72.5, 42.0])
    assert arcs[1].ravel().tolist() == pytest.approx([-72.99, 41.52, -72.985, 41.515, -73.0, 41.5])


def test_counties_share_their_common_arc_one_walked_backwards():
    topology = Topology(official.us_atlas_topology(), "test")
    counties = {f.id: f for f in topology.features("counties")}
    hartford, tolland = counties["09003"].shape, counties["09013"].shape
    assert counties["09003"].name == "Hartford"
    assert hartford.equals(box(-73.0, 41.5, -72.5, 42.0))
    assert tolland.equals(box(-72.5, 41.5, -72.0, 42.0))
    assert hartford.intersection(tolland).length == pytest.approx(0.5)  # the county line, exactly shared
    (state,) = topology.features("states")
    assert state.id == "09" and state.shape.equals(box(-73.0, 41.5, -72.0, 42.0))


def test_holes_null_geometries_and_collapsed_rings():
    """A polygon's second ring is a hole; a geometry of type null and a ring simplified to a line have no
    shape; a ring one quantization step short of closing is closed (us-atlas's merged states do this)."""
    document = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "objects": {
            "things": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0], [1]], "id": "donut"},
                    {"type": None, "id": "nothing"},
                    {"type": "Polygon", "arcs": [[2]], "id": "sliver"},
                    {"type": "Polygon", "arcs": [[3]], "id": "almost-closed"},
                ],
            }
        },
        "arcs": [
            official.delta_encoded([(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]),
            official.delta_encoded([(4, 4), (4, 6), (6, 6), (6, 4), (4, 4)]),
            official.delta_encoded([(20, 20), (21, 20), (20, 20)]),
            official.delta_encoded([(30, 30), (40, 30), (40, 40), (30, 40), (30, 31)]),
        ],
    }
    things = {f.id: f.shape for f in Topology(document, "test").features("things")}
    assert things["donut"].area == 100 - 4 and len(things["donut"].interiors) == 1
    assert things["nothing"] is None and things["sliver"] is None
    assert things["almost-closed"].is_valid and things["almost-closed"].area > 0


def test_a_ring_that_does_not_close_and_a_missing_object_are_refused_by_name():
    document = official.us_atlas_topology()
    document["arcs"][2] = official.delta_encoded([(500, 0), (1000, 0), (1000, 500), (500, 400)])  # 100 steps short
    with pytest.raises(SourceValueError, match="states 09: ring of arcs \\[1, 2\\] is not closed"):
        Topology(document, "test").features("states")
    with pytest.raises(SourceValueError, match="no object 'tracts'"):
        Topology(official.us_atlas_topology(), "test").features("tracts")


# ---------------------------------------------------------------- dissolve and reasons


def areas_frame(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["area_code", "area_kind", "state_fips", "cbsa_code"])


def delineation(*pairs) -> pd.DataFrame:
    return pd.DataFrame(pairs, columns=["cbsa_code", "county_fips"])


def test_a_metro_area_is_the_union_of_its_delineation_counties():
    """Two counties of one CBSA (as if the delineation still named Connecticut's old counties) dissolve into
    one polygon without the county line between them; the state keeps the topology's own shape."""
    frame = area_shapes.area_shapes(
        areas_frame(("0099999", "metro", "09", "99999"), ("0900000", "state", "09", None)),
        delineation(("99999", "09003"), ("99999", "09013")),
        Topology(official.us_atlas_topology(), "test"),
        "3.0.1",
        "2017",
    ).set_index("area_code")
    metro = frame.loc["0099999"]
    assert metro.shape_missing_reason is None and metro.county_count == 2
    shape = area_shapes.shapely.from_wkb(metro.shape_wkb)
    assert shape.geom_type == "Polygon" and shape.equals(box(-73.0, 41.5, -72.0, 42.0))
    assert metro.shape_area_km2 == pytest.approx(equal_area_km2(box(-73.0, 41.5, -72.0, 42.0)))
    assert metro.shape_area_km2 == pytest.approx(4_600, rel=0.02)  # 1 degree by half a degree at 41.75 N
    assert Point(metro.label_longitude_deg, metro.label_latitude_deg).within(shape)
    assert (metro.shape_source_key, metro.shape_source_version, metro.shape_vintage) == ("us_atlas", "3.0.1", "2017")
    assert metro.delineation_vintage == "July 2023" and frame.loc["0900000"].shape_is_valid


def test_connecticut_metro_areas_built_from_planning_regions_get_no_outline_and_say_why():
    frame = area_shapes.area_shapes(
        areas_frame(
            ("0025540", "metro", "09", "25540"),
            ("0900001", "nonmetro", "09", None),
            ("0011111", "metro", "01", "11111"),
            ("0012345", "metro", "01", "12345"),
        ),
        delineation(("25540", "09110"), ("25540", "09130"), ("11111", "01001")),
        Topology(official.us_atlas_topology(), "test"),
        "3.0.1",
        "2017",
    ).set_index("area_code")
    hartford = frame.loc["0025540"]
    assert hartford.shape_wkb is None  # never the old counties' outline
    assert hartford.shape_missing_reason == "ct_planning_regions"
    assert hartford.missing_county_fips == "09110,09130"
    assert frame.loc["0900001"].shape_missing_reason == "nonmetro_definition_not_in_snapshot"
    assert frame.loc["0011111"].shape_missing_reason == "counties_not_in_boundaries"
    assert frame.loc["0012345"].shape_missing_reason == "not_in_delineation"


def test_a_hole_left_by_a_collapsed_member_county_is_filled_and_another_areas_county_stays_a_hole():
    ring = box(0, 0, 10, 10).difference(box(4, 4, 6, 6))
    counties = {
        "01001": ring,
        "01003": None,
        "01005": box(20, 0, 30, 10).difference(box(24, 4, 26, 6)),
        "01007": box(24, 4, 26, 6),
    }
    filled = area_shapes.metro_outcome(["01001", "01003"], counties)
    kept = area_shapes.metro_outcome(["01005"], counties)
    assert filled.shape.equals(box(0, 0, 10, 10))
    assert len(kept.shape.interiors) == 1


# ---------------------------------------------------------------- the npm tarball and its download


def test_the_package_is_read_as_published_and_another_version_is_refused(tmp_path):
    path = tmp_path / "us-atlas-3.0.1.tgz"
    path.write_bytes(official.us_atlas_package())
    frame = us_atlas.read_package(path, "3.0.1")["raw_us_atlas_topology"]
    assert frame.file_name.tolist() == ["counties-10m.json"]
    assert Topology.from_text(frame.topojson_text[0]).document == official.us_atlas_topology()
    path.write_bytes(official.us_atlas_package(version="3.0.0"))
    with pytest.raises(SourceValueError, match="'3.0.0', but etl/releases.toml pins us-atlas '3.0.1'"):
        us_atlas.read_package(path, "3.0.1")
    without_states = official.us_atlas_topology()
    del without_states["objects"]["states"]
    path.write_bytes(official.us_atlas_package(without_states))
    with pytest.raises(SchemaDriftError, match="object\\(s\\) states missing"):
        us_atlas.read_package(path, "3.0.1")


def test_the_pinned_release_is_the_registry_tarball():
    release = load_releases()["us_atlas"]
    (pinned,) = release.files
    assert pinned.url == "https://registry.npmjs.org/us-atlas/-/us-atlas-3.0.1.tgz"
    assert pinned.name == us_atlas.package_file_name(release.version) and len(pinned.sha256) == 64
    assert release.setting("boundary_vintage") == "2017"


def local_release(httpserver, data: bytes, sha256: str):
    release = load_releases()["us_atlas"]
    (pinned,) = release.files
    httpserver.expect_request(f"/us-atlas/-/{pinned.name}").respond_with_data(
        data, content_type="application/octet-stream"
    )
    url = httpserver.url_for(f"/us-atlas/-/{pinned.name}")
    return dataclasses.replace(release, files=(PinnedFile(pinned.name, url, sha256),))


def test_download_fetches_the_tarball_checks_its_pin_and_reads_it(httpserver, tmp_path):
    data = official.us_atlas_package()
    release = local_release(httpserver, data, hashlib.sha256(data).hexdigest())
    session = make_session("tests@example.org", sleep=lambda s: None, timeout=(2, 10))
    frames, meta = download_source(source_by_key("us_atlas"), release, tmp_path, session, lambda m: None)
    assert frames["raw_us_atlas_topology"].file_name.tolist() == ["counties-10m.json"]
    assert meta["made_from"][0]["sha256"] == hashlib.sha256(data).hexdigest()
    assert [entry[0].path for entry in httpserver.log] == ["/us-atlas/-/us-atlas-3.0.1.tgz"]


def test_a_tarball_that_is_not_the_pinned_one_is_refused(httpserver, tmp_path):
    release = local_release(httpserver, official.us_atlas_package(), "0" * 64)
    session = make_session("tests@example.org", sleep=lambda s: None, timeout=(2, 10))
    with pytest.raises(DownloadError, match="does not match the pinned"):
        download_source(source_by_key("us_atlas"), release, tmp_path, session, lambda m: None)
    assert not list(tmp_path.rglob("*.tgz"))
