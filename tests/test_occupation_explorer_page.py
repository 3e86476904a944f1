"""The Occupation explorer page shows the published numbers for the chosen region, the projected
growth and estimated openings beside them, whose numbers they are, and a way out of dead ends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lmi.areas import AREA_KIND_WORDS
from lmi.demand.oews_values import figures_note
from lmi.demand.openings import OPENINGS_METHOD
from lmi.demand.posted import GENERATED_NOTE, NO_POSTINGS_HOW
from lmi.i18n import _, use_language
from lmi.occupations.levels import level_bands_in_words
from lmi.postings.example import GENERATED_SOURCE
from tests.posted_helpers import AIDES_LAST_12, NURSES_LAST_12, hartford_store
from ui.components import md
from ui.maps import MAP_HEIGHT_PX, short_area_name

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PLUMBERS_GROUP = "BLS group 47-2152 Plumbers, Pipefitters, and Steamfitters, shared by 2 occupations"


@pytest.fixture(autouse=True)
def no_postings(tmp_path, monkeypatch):
    """Every test reads an empty postings store of its own unless it chooses one (never var/postings)."""
    monkeypatch.setenv("LMI_POSTINGS_DIR", str(tmp_path / "no-postings"))


@pytest.fixture
def app(reference_db, monkeypatch) -> AppTest:
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def metric_help(at: AppTest) -> dict[str, str]:
    return {m.label: m.help for m in at.metric}


def pick_region(at: AppTest, state: str, area: str | None = None) -> None:
    at.sidebar.selectbox(key="region_state").select(state).run()
    if area:
        at.sidebar.selectbox(key="region_area").select(area).run()


def test_hartford_registered_nurses_match_oews_may_2025(app):
    pick_region(app, "Connecticut", "Hartford-West Hartford-East Hartford, CT")
    app.text_input(key="explorer_query").input("registerd nurse").run()
    shown = metrics(app)
    assert shown["Jobs here"] == "13,850"
    assert shown["Median annual wage here"] == "$101,470"
    assert shown["Location quotient"] == "1.06"
    assert any("Source: BLS OEWS May 2025" in c.value for c in app.caption)


def test_explorer_shows_projected_growth_and_estimated_openings(app):
    pick_region(app, "Connecticut", "Hartford-West Hartford-East Hartford, CT")
    app.text_input(key="explorer_query").input("registerd nurse").run()
    shown = metrics(app)
    # BLS Projections 2024-34: 29-1141 grows 4.9%; 13,850 Hartford jobs x national openings per job.
    assert shown["Projected growth 2024-34 (nation)"] == "+4.9%"
    assert shown["Est. annual openings here"] == "about 770 a year"
    assert OPENINGS_METHOD in metric_help(app)["Est. annual openings here"]
    assert "national openings rate applied to local jobs" in metric_help(app)["Est. annual openings here"]
    table = app.dataframe[0].value
    assert table["Est. annual openings here"].tolist() == [
        "about 770 a year",
        "about 2,200 a year",
        "about 190,000 a year",
    ]
    assert set(table["Projected growth 2024-34 (nation)"]) == {"+4.9%"}
    assert any(OPENINGS_METHOD in c.value for c in app.caption)
    assert any("BLS Employment Projections 2024-34" in c.value for c in app.caption)


def test_nation_shows_national_numbers_and_definition_of_lq(app):
    app.text_input(key="explorer_query").input("RN").run()
    shown = metrics(app)
    assert shown["Jobs here"] == "3,379,720"
    assert shown["Location quotient"] == "1.00 (by definition)"
    assert shown["Est. annual openings here"] == "about 190,000 a year"


def test_solar_thermal_installers_in_springfield_show_the_plumbers_group_beside_the_jobs(app):
    pick_region(app, "Missouri", "Springfield, MO")
    app.text_input(key="explorer_query").input("47-2152.04").run()
    assert app.header[0].value == "Solar Thermal Installers and Technicians"
    assert metrics(app)["Jobs here"] == "660"
    helps = metric_help(app)
    for name in ("Jobs here", "Median annual wage here", "Location quotient", "Est. annual openings here"):
        assert PLUMBERS_GROUP in helps[name], name
    assert any(c.value == f"Whose numbers: {PLUMBERS_GROUP}" for c in app.caption)
    comparison = app.dataframe[0].value
    assert comparison["Whose numbers"].tolist() == [PLUMBERS_GROUP] * 3
    assert comparison["Jobs here"].iloc[0] == "660"
    areas = app.dataframe[1].value
    assert set(areas["Whose numbers"]) == {PLUMBERS_GROUP}


def test_own_figures_leave_whose_numbers_blank(app):
    pick_region(app, "Connecticut", "Hartford-West Hartford-East Hartford, CT")
    app.text_input(key="explorer_query").input("29-1215.00").run()
    assert set(app.dataframe[0].value["Whose numbers"]) == {""}
    assert not any(c.value.startswith("Whose numbers:") for c in app.caption)


def test_missing_figure_says_why_never_zero(app):
    # Wind turbine service technicians are not published for the Hartford metro area.
    pick_region(app, "Connecticut", "Hartford-West Hartford-East Hartford, CT")
    app.text_input(key="explorer_query").input("49-9081.00").run()
    assert metrics(app)["Jobs here"] == "no estimate"
    assert any(c.value == "Why: BLS published no estimate for it in this area" for c in app.caption)
    assert metrics(app)["Est. annual openings here"] == "not estimated"
    first = app.dataframe[0].value.iloc[0]
    assert first["Jobs here"] == "BLS published no estimate for it in this area"
    assert first["Est. annual openings here"] == "not estimated: BLS released no local employment for it here"


def test_coal_miner_in_kentucky_leads_to_the_mining_machine_operators(app):
    pick_region(app, "Kentucky")
    app.text_input(key="explorer_query").input("coal miner").run()
    assert app.header[0].value == "Underground Mining Machine Operators, All Other"
    assert "Occupations to look at instead" in [s.value for s in app.subheader]
    offered = {b.key: b.label for b in app.button if b.key and b.key.startswith("alternative_")}
    assert {"alternative_47-5041.00", "alternative_47-5043.00", "alternative_47-5044.00"} <= set(offered)
    assert all("All Other" not in label for label in offered.values())
    app.button(key="alternative_47-5043.00").click().run()
    assert not app.exception
    assert app.header[0].value == "Roof Bolters, Mining"
    assert app.text_input(key="explorer_query").value == ""
    assert app.query_params["occupation"] == "47-5043.00"
    assert metrics(app)["Jobs here"] == "120"
    assert "Occupations to look at instead" not in [s.value for s in app.subheader]


def test_unrated_occupation_offers_rated_ones_in_its_group(app):
    app.text_input(key="explorer_query").input("53-3054.00").run()
    assert app.header[0].value == "Taxi Drivers"
    assert any("has not rated its skills and knowledge" in m.value for m in app.markdown)
    labels = [b.label for b in app.button if b.key and b.key.startswith("alternative_")]
    assert labels[0] == "Bus Drivers, Transit and Intercity (53-3052.00)"


def test_unknown_title_explains_instead_of_failing(app):
    app.text_input(key="explorer_query").input("qqqqzzzz").run()
    assert not app.exception
    assert "No occupation matches" in app.warning[0].value


def test_breakout_occupation_says_which_soc_numbers_are_shown(app):
    app.text_input(key="explorer_query").input("29-1141.03").run()
    assert any("Registered Nurses" in i.value and "29-1141" in i.value for i in app.info)


def test_military_occupation_says_bls_publishes_nothing(app):
    app.text_input(key="explorer_query").input("55-3016.00").run()
    assert not app.exception
    assert any("BLS does not publish" in w.value for w in app.warning)
    assert metrics(app)["Jobs here"] == "no estimate"
    assert any(c.value == "Why: BLS publishes no estimates for this occupation" for c in app.caption)


def test_unknown_occupation_in_a_shared_link_gets_a_message(reference_db, monkeypatch):
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.query_params["occupation"] = "99-9999.99"
    at.run()
    assert not at.exception
    assert "names the occupation ` 99-9999.99 `, which is not an O\\*NET-SOC occupation" in at.warning[0].value


def test_method_texts_and_kinds_of_area_come_from_the_domain(app):
    pick_region(app, "Connecticut", "Hartford-West Hartford-East Hartford, CT")
    app.text_input(key="explorer_query").input("registerd nurse").run()
    captions = [c.value for c in app.caption]
    assert figures_note() in captions
    assert md(level_bands_in_words()) in captions
    assert any("Census cartographic boundaries 2017 (us-atlas)" in c for c in captions)
    areas = app.dataframe[1].value
    assert set(areas["Kind"]) == {AREA_KIND_WORDS["metro"], AREA_KIND_WORDS["nonmetro"]}
    assert areas["Area"].iloc[0] == "Hartford-West Hartford-East Hartford, CT"  # most jobs first


def plotly_figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def test_state_map_is_the_shared_one(app):
    """Connecticut's metro areas have no true outline in the 2017 boundaries: the map shows them as labelled
    points and says why under it; the figure's colour can be switched to the median wage."""
    pick_region(app, "Connecticut")
    app.text_input(key="explorer_query").input("29-1141.00").run()
    (figure,) = plotly_figures(app)
    assert figure["layout"]["height"] == MAP_HEIGHT_PX
    assert {"Hartford", "New Haven"} <= {a["text"] for a in figure["layout"]["annotations"]}
    assert not [t for t in figure["data"] if t.get("hoveron") == "fills"]
    notes = next(m.value for m in app.markdown if "Not drawn as outlines" in m.value)
    assert "Connecticut's planning regions" in notes
    assert any(
        m.value.startswith("**Chart summary:**") and "5 more are shown as points" in m.value for m in app.markdown
    )
    app.radio(key="explorer_map_measure").set_value("local_annual_wage_median_usd").run()
    (figure,) = plotly_figures(app)
    assert figure["layout"]["legend"]["title"]["text"] == "Median annual wage here"


def test_the_nation_gets_a_map_of_the_states(app):
    app.text_input(key="explorer_query").input("29-1141.00").run()
    assert not app.exception, app.exception
    (figure,) = plotly_figures(app)
    assert len([t for t in figure["data"] if t.get("hoveron") == "fills"]) == 54
    assert {"CA", "TX"} <= {a["text"] for a in figure["layout"]["annotations"]}
    states = next(d.value for d in app.dataframe if "California" in d.value.iloc[:, 0].tolist())
    assert states.iloc[0, 0] == "California"  # most jobs first


def test_short_area_names():
    assert short_area_name("Hartford-West Hartford-East Hartford, CT") == "Hartford"
    assert short_area_name("Norwich-New London-Willimantic, CT") == "Norwich"


# ------------------------------------------------------------------------------------------------ in Spanish


def open_in_spanish(reference_db, monkeypatch, **params) -> AppTest:
    """The app opened on a link in Spanish (``?lang=es`` and any other parameters), as a visitor would."""
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    for name, value in {"lang": "es", **params}.items():
        at.query_params[name] = value
    return at.run()


def shown_option(box) -> str:
    """What a selectbox shows (its values are codes; only the names are in a language)."""
    return box.options[box.index]


def test_the_explorer_speaks_spanish_and_keeps_data_values_as_published(reference_db, monkeypatch):
    app = open_in_spanish(reference_db, monkeypatch, area="0025540", occupation="29-1141.00")
    assert not app.exception, app.exception
    assert app.title[0].value == "Explorador de ocupaciones"
    assert app.header[0].value == "Registered Nurses"  # an O*NET title, shown as published
    subheaders = [s.value for s in app.subheader]
    assert subheaders[0] == "Empleos, salarios y vacantes — Hartford-West Hartford-East Hartford, CT"
    assert {"En las áreas metropolitanas y no metropolitanas del estado", "Lo que exige el trabajo"} <= set(subheaders)
    captions = [c.value for c in app.caption]
    assert captions[0].startswith("Los títulos de ocupaciones (O*NET)")  # the data-values note, once, under the title
    assert sum("se muestran tal como se publicaron" in c for c in captions) == 1
    assert "Educación típica de entrada (BLS)" in {m.label for m in app.metric}
    state, area = app.sidebar.selectbox(key="region_state"), app.sidebar.selectbox(key="region_area")
    assert (state.value, area.value) == ("0900000", "0025540")  # codes, whatever the language
    assert (shown_option(state), shown_option(area)) == ("Connecticut", "Hartford-West Hartford-East Hartford, CT")
    assert state.options[0] == "Estados Unidos" and area.options[0] == "Todo el estado"
    assert [b.label for b in app.get("download_button")][0] == "Descargar estas cifras (CSV)"


def test_switching_language_keeps_the_region_and_the_occupation(reference_db, monkeypatch):
    app = open_in_spanish(reference_db, monkeypatch, area="0025540", occupation="29-1141.00")
    with use_language("es"):  # AppTest re-formats the shown (Spanish) widgets' values in the test's thread
        app.sidebar.radio(key="language").set_value("en").run()
    assert not app.exception, app.exception
    assert app.title[0].value == "Occupation explorer"
    assert app.header[0].value == "Registered Nurses"
    assert app.subheader[0].value == "Jobs, pay and openings — Hartford-West Hartford-East Hartford, CT"
    assert "lang" not in app.query_params and app.query_params["area"] == "0025540"
    assert not any("se muestran tal como se publicaron" in c.value for c in app.caption)


# ------------------------------------------------------------------------------------------------ job postings

HARTFORD_NAME = "Hartford-West Hartford-East Hartford, CT"


@pytest.fixture(scope="module")
def hartford_postings(tmp_path_factory, ref_con):
    """A store of known Hartford postings (``tests.posted_helpers``): 76 nurse postings in 2025, +50% lately."""
    return hartford_store(tmp_path_factory.mktemp("postings") / "store", ref_con)


@pytest.fixture(scope="module")
def generated_postings(tmp_path_factory, ref_con):
    """The same postings, every row marked as generated example data."""
    return hartford_store(tmp_path_factory.mktemp("generated") / "store", ref_con, source=GENERATED_SOURCE)


def open_explorer(reference_db, monkeypatch, store, occupation: str, area: str = "0025540", **params) -> AppTest:
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_POSTINGS_DIR", str(store.root))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    for name, value in {"area": area, "occupation": occupation, **params}.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, at.exception
    return at


def test_without_postings_one_line_says_how_to_import_them(app):
    pick_region(app, "Connecticut", HARTFORD_NAME)
    app.text_input(key="explorer_query").input("registerd nurse").run()
    assert f"Job postings — {HARTFORD_NAME}" in [s.value for s in app.subheader]
    assert md(NO_POSTINGS_HOW) in [c.value for c in app.caption]
    assert not any("Job postings a month" in (c.proto.alt or "") for c in app.get("plotly_chart"))


def test_nurse_postings_in_hartford_beside_the_oews_jobs(reference_db, monkeypatch, hartford_postings):
    at = open_explorer(reference_db, monkeypatch, hartford_postings, "29-1141.00")
    assert f"Job postings — {HARTFORD_NAME}" in [s.value for s in at.subheader]
    shown = metrics(at)
    assert shown["Job postings, Jan 2025 to Dec 2025"] == str(NURSES_LAST_12)
    assert shown["OEWS jobs at the same BLS code"] == "13,850"
    assert shown["Postings per 1,000 jobs"] == "5.49"  # 76 / 13.85
    assert shown["Postings trend (last 3 months)"] == "+50%"
    captions = [c.value for c in at.caption]
    source = next(c for c in captions if c.startswith("Job postings:"))
    assert "hartford-postings.csv (import #1)" in source and "posted Dec 2024 to Dec 2025" in source
    assert "generated example data" not in source
    assert any("2 could not be coded to an occupation" in c for c in captions)
    [chart] = [c for c in at.get("plotly_chart") if "Job postings a month" in (c.proto.alt or "")]
    figure = json.loads(chart.proto.spec)
    assert figure["data"][0]["y"][-3:] == [15, 15, 15] and len(figure["data"][0]["x"]) == 13
    assert any(m.value.startswith("**Chart summary:** Job postings a month") for m in at.markdown)
    assert "Download the postings by month (CSV)" in [b.label for b in at.get("download_button")]


def test_home_health_aides_show_their_groups_postings_and_say_so(reference_db, monkeypatch, hartford_postings):
    at = open_explorer(reference_db, monkeypatch, hartford_postings, "31-1121.00")
    assert metrics(at)["Job postings, Jan 2025 to Dec 2025"] == str(AIDES_LAST_12)  # 31-1120 + 31-1121 + 31-1122
    assert metrics(at)["OEWS jobs at the same BLS code"] == "19,230"
    assert any(
        "OEWS measures jobs for **31-1120 Home Health and Personal Care Aides**" in i.value
        and "31-1120, 31-1121, 31-1122 added up" in i.value
        for i in at.info
    )


def test_generated_postings_are_labelled(reference_db, monkeypatch, generated_postings):
    at = open_explorer(reference_db, monkeypatch, generated_postings, "29-1141.00")
    captions = [c.value for c in at.caption]
    assert GENERATED_NOTE in captions
    assert any(c.startswith("Job postings:") and "— generated example data;" in c for c in captions)


@pytest.mark.slow
def test_postings_in_spanish(reference_db, monkeypatch, generated_postings):
    at = open_explorer(reference_db, monkeypatch, generated_postings, "29-1141.00", lang="es")
    with use_language("es"):
        heading = _("Job postings — {region}").format(region=HARTFORD_NAME)
        note = _(GENERATED_NOTE)
        label = _("Job postings, {period}").format(period="ene 2025 a dic 2025")
    assert heading != f"Job postings — {HARTFORD_NAME}" and heading in [s.value for s in at.subheader]
    captions = [c.value for c in at.caption]
    assert note in captions and GENERATED_NOTE not in captions
    assert metrics(at)[label] == str(NURSES_LAST_12)
    assert "Descargar" in [b.label for b in at.get("download_button")][-1]
