"""The Sector reality check's map (AppTest, real reference database): for Missouri, one sector's estimated
openings across the state's metro areas as outlines, Springfield named on the map, each area's hover label
with its rank and figures, the text alternative and the note on the areas without an outline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PAGE = "app_pages/sector_check.py"


@pytest.fixture(scope="module")
def missouri(reference_db, tmp_path_factory) -> AppTest:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LMI_REFERENCE_DB", str(reference_db))
        patch.setenv("LMI_RECORDS_DB", str(tmp_path_factory.mktemp("records") / "records.duckdb"))
        at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90).run()
        at.switch_page(PAGE).run()
        at.sidebar.selectbox(key="region_state").select("Missouri").run()
    assert not at.exception, at.exception
    return at


def area_map(at: AppTest) -> dict:
    """The sector map's figure: the Plotly chart whose traces are filled areas."""
    for chart in at.get("plotly_chart"):
        figure = json.loads(chart.proto.spec)
        if any(trace.get("hoveron") == "fills" for trace in figure["data"]):
            return figure
    raise AssertionError("no map on the page")


def test_missouri_sector_map_names_springfield(missouri):
    figure = area_map(missouri)
    labels = {annotation["text"] for annotation in figure["layout"]["annotations"]}
    assert "Springfield" in labels and "St. Louis" in labels
    areas = [trace for trace in figure["data"] if trace.get("hoveron") == "fills"]
    assert len(areas) == 8  # every Missouri metro area, Kansas City and St. Louis whole across the state line
    springfield = next(trace for trace in areas if trace["text"].startswith("<b>Springfield, MO</b>"))
    assert "Rank by openings: " in springfield["text"] and "Est. annual openings here: " in springfield["text"]
    assert figure["layout"]["title"]["text"].endswith("across the metro areas of Missouri")
    assert not any(
        trace.get("type") in {"scattergeo", "choropleth", "scattermapbox", "choroplethmap"} for trace in figure["data"]
    )


def test_the_map_has_its_text_alternative_and_says_which_areas_it_cannot_draw(missouri):
    texts = [m.value for m in missouri.markdown]
    assert any(t.startswith("**Chart summary:**") and "8 metro areas are drawn as their outlines" in t for t in texts)
    notes = next(t for t in texts if "Not drawn as outlines" in t)
    assert "Southwest Missouri nonmetropolitan area" in notes
    captions = " ".join(c.value for c in missouri.caption)
    assert "Census cartographic boundaries 2017 (us-atlas) 3.0.1 (public domain)" in captions
