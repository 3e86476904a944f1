"""The Sector reality check page (AppTest, real reference database): flags with reasons that name what
carries them for a named metro, group figures labelled on their rows, the Indeed sector postings
trend, seats refused or compared, thresholds, sector definitions, the method in the domain's words, sources
and downloads; and the page's shape: ``main()`` and short ``render_*`` sections, nothing restated from the domain."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lmi.areas import AREA_KIND_WORDS
from lmi.demand import DemandModel
from lmi.i18n import use_language
from lmi.sectors.flags import FLAG_LABELS
from lmi.sectors.method import method_items
from lmi.sectors.reality_check import default_thresholds_for

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PAGE = "app_pages/sector_check.py"


@pytest.fixture
def app(reference_db, tmp_path, monkeypatch) -> AppTest:
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(tmp_path / "records.duckdb"))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def pick_area(app: AppTest, state: str, area: str) -> AppTest:
    app.sidebar.selectbox(key="region_state").select(state).run()
    app.sidebar.selectbox(key="region_area").select(area).run()
    assert not app.exception, app.exception
    return app


@pytest.fixture
def bakersfield(app) -> AppTest:
    return pick_area(app, "California", "Bakersfield-Delano, CA")


def table_with(at: AppTest, *columns: str) -> pd.DataFrame:
    """The first table on the page that has all these columns."""
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def test_nation_explains_that_a_region_is_needed_and_shows_the_national_signal(app):
    assert "Pick a state" in app.info[0].value
    national = table_with(app, "Projected growth 2024-34 (nation)", "Occupations").set_index("Sector")
    assert national.loc["Healthcare", "Projected growth 2024-34 (nation)"] == pytest.approx(9.70, abs=0.01)
    assert national.loc["Healthcare", "Indeed postings, nation (index, 12-month change)"].startswith(
        "Nursing 123.5 (−18.2% in 12 months to 27 Sep 2024)"
    )
    assert table_with(app, "Line in sector file")["BLS code"].tolist()[:2] == ["11-9111", "29-1011"]


def test_bakersfield_it_is_popular_nationally_and_thin_locally(bakersfield):
    flags = table_with(bakersfield, "Flag").set_index("Sector")
    it = flags.loc["Information technology and cybersecurity"]
    assert it["Flag"] == "Popular nationally, thin locally"
    assert it["Location quotient"] == pytest.approx(0.443, abs=0.001)
    assert it["Why"].startswith("BLS projects Information technology and cybersecurity to grow 9.4% nationally")
    assert "its three largest occupations here, Computer Occupations, All Other (1,080 jobs)" in it["Why"]
    assert flags.loc["Clean and green energy", "Flag"] == "Balanced"
    metrics = {m.label: m.value for m in bakersfield.metric}
    assert metrics["Popular nationally, thin locally"] == "3"
    assert metrics["Change over 12 months"].endswith("%")
    captions = " ".join(c.value for c in bakersfield.caption)
    assert "Source: BLS OEWS May 2025" in captions and "BLS Employment Projections 2024-34" in captions
    assert "Sector definitions: data/sectors/sectors-v2.toml, version 2" in captions
    assert "Indeed Hiring Lab" in captions


def test_occupation_table_flags_software_developers_and_not_solar_installers(bakersfield):
    occupations = table_with(bakersfield, "BLS occupation", "Flag")
    by_code = occupations.drop_duplicates("BLS code").set_index("BLS code")
    assert by_code.loc["15-1252", "Flag"] == "Popular nationally, thin locally"
    assert by_code.loc["47-2231", "Flag"] == "Local strength"
    assert by_code.loc["47-2231", "Signature occupation"] == "Signature"


def test_group_figures_are_labelled_on_their_rows(bakersfield):
    """31-1120 is BLS's one figure for home health aides and personal care aides: the row says so."""
    occupations = table_with(bakersfield, "BLS occupation", "Flag").set_index("BLS code")
    assert occupations.loc["31-1120", "Whose numbers"] == (
        "Group figure (a BLS group published only as a whole) for 2 O*NET occupations: Home Health Aides; "
        "Personal Care Aides"
    )
    assert occupations.loc["15-1252", "Whose numbers"] == ""
    hidden = table_with(bakersfield, "Est. openings per 10,000 local jobs", "BLS occupation").set_index("BLS code")
    assert hidden.loc["25-9045", "Whose numbers"].startswith("Group figure (a BLS code combining several occupations)")


def test_springfield_clean_energy_names_its_carriers_and_missing_signature_occupations(app):
    pick_area(app, "Missouri", "Springfield, MO")
    flags = table_with(app, "Flag", "Why").set_index("Sector")
    why = flags.loc["Clean and green energy", "Why"]
    assert flags.loc["Clean and green energy", "Flag"] == "Balanced"
    assert (
        "Carried by Electricians (1,040 jobs), Heating, Air Conditioning, and Refrigeration Mechanics and "
        "Installers (690 jobs) and Plumbers, Pipefitters, and Steamfitters (660 jobs)" in why
    )
    assert why.endswith(
        "BLS released no local estimate here for Solar Photovoltaic Installers or Wind Turbine "
        "Service Technicians, the sector's signature occupations."
    )
    verdicts = next(m.value for m in app.markdown if m.value.startswith("**Each verdict and what it rests on**"))
    assert "- **Clean and green energy: Balanced.** In Springfield, MO Clean and green energy jobs" in verdicts


def test_indeed_sector_postings_are_shown_beside_the_projections(bakersfield):
    flags = table_with(bakersfield, "Flag", "Why").set_index("Sector")
    assert flags.loc["Healthcare", "Indeed postings, nation (index, 12-month change)"].startswith(
        "Nursing 123.5 (−18.2% in 12 months to 27 Sep 2024); Personal Care & Home Health 167.2 (−2.6%)"
    )
    postings = table_with(bakersfield, "Indeed sector", "Change over 12 months (%)")
    nursing = postings.set_index("Indeed sector").loc["Nursing"]
    assert nursing["Sector"] == "Healthcare" and nursing["Index (1 Feb 2020 = 100)"] == pytest.approx(123.53)
    assert pd.Timestamp(nursing["Latest date"]) == pd.Timestamp("2024-09-27")
    captions = " ".join(c.value for c in bakersfield.caption)
    assert "the project's mapping (in the sector file), not Indeed's" in captions
    assert "Indeed has no energy sector" in captions


def figure_titled(at: AppTest, title: str) -> dict:
    """The Plotly figure whose title (its accessible name) is ``title``."""
    return next(json.loads(c.proto.spec) for c in at.get("plotly_chart") if c.proto.alt == title)


def test_quadrant_chart_shows_sectors_or_occupations(bakersfield):
    quadrant = "National growth against local concentration"
    titles = {c.proto.alt for c in bakersfield.get("plotly_chart")}
    assert {"Job postings on Indeed: California and the United States", quadrant} <= titles
    summaries = [m.value for m in bakersfield.markdown if m.value.startswith("**Chart summary:**")]
    assert f"**Chart summary:** {quadrant}. 8 points are drawn (" in " ".join(summaries)
    sectors = figure_titled(bakersfield, quadrant)["data"]
    assert "Healthcare" in [name for trace in sectors for name in trace["text"]]  # few points: named
    bakersfield.radio(key="sector_quadrant_view").set_value("occupations").run()
    assert not bakersfield.exception, bakersfield.exception
    occupations = figure_titled(bakersfield, quadrant)["data"]
    assert all("text" not in trace for trace in occupations)  # many points: names on hover only
    assert sum(len(t["customdata"]) for t in occupations) > sum(len(t["customdata"]) for t in sectors)
    assert {c.proto.alt for c in bakersfield.get("plotly_chart")} == titles


def test_hidden_local_demand_lists_farmworkers(bakersfield):
    hidden = table_with(bakersfield, "Est. openings per 10,000 local jobs", "BLS occupation")
    assert "Farmworkers and Laborers, Crop, Nursery, and Greenhouse" in hidden["BLS occupation"].tolist()


def test_negative_and_non_numeric_seats_are_refused(bakersfield):
    bakersfield.text_area(key="sector_seats").input("healthcare, -3\nit_cybersecurity, lots").run()
    assert not bakersfield.exception
    message = bakersfield.error[0].value
    assert "line 1: seats cannot be negative; got -3" in message
    assert "line 2: “lots” is not a number of seats" in message
    assert not any("Seats a year" in d.value.columns for d in bakersfield.dataframe)


def test_seats_above_openings_are_flagged(bakersfield):
    bakersfield.text_area(key="sector_seats").input("it_cybersecurity, 900\n15-1252, 10\n31-1121, 20").run()
    seats = table_with(bakersfield, "Seats a year").set_index("Code")
    assert seats.loc["it_cybersecurity", "Flag"] == "Oversupply"
    assert seats.loc["it_cybersecurity", "Which occupations the openings are"].startswith(
        "47% of them for Computer Occupations, All Other"
    )
    assert seats.loc["15-1252", "Flag"] == "Within estimated openings"
    aides = seats.loc["31-1120"]  # typed as 31-1121 Home Health Aides
    assert aides["Entered as"] == "31-1121" and aides["Sector or occupation"] == "Home Health and Personal Care Aides"
    assert aides["Whose numbers"].startswith("Group figure (a BLS group published only as a whole)")


def test_metro_ranking_for_the_state(bakersfield):
    bakersfield.selectbox(key="sector_ranking_pick").select("it_cybersecurity").run()
    ranking = table_with(bakersfield, "Rank")
    assert ranking.Area.tolist()[:3] == [
        "Los Angeles-Long Beach-Anaheim, CA",
        "San Francisco-Oakland-Fremont, CA",
        "San Jose-Sunnyvale-Santa Clara, CA",
    ]
    assert set(ranking.Kind) == {AREA_KIND_WORDS["metro"], AREA_KIND_WORDS["nonmetro"]}


def test_thresholds_can_be_changed_and_impossible_ones_are_refused(bakersfield):
    bakersfield.number_input(key="sector_growth_min").set_value(10.0).run()
    flags = table_with(bakersfield, "Flag").set_index("Sector")
    assert flags.loc["Information technology and cybersecurity", "Flag"] == "Thin locally, not growing fast nationally"
    bakersfield.number_input(key="sector_thin_lq").set_value(2.0).run()
    assert "These thresholds cannot be used" in bakersfield.error[0].value


def test_sector_definitions_show_exactly_which_occupations_and_citations(bakersfield):
    bakersfield.selectbox(key="sector_definition").select("clean_energy").run()
    members = table_with(bakersfield, "Line in sector file").set_index("BLS code")
    assert members.loc["47-2231", "BLS occupation"] == "Solar Photovoltaic Installers"
    assert members.loc["47-2231", "Signature occupation"] == "Signature"
    assert members.loc["47-2111", "Signature occupation"] == ""
    assert members.loc["47-2152", "Whose numbers"].endswith(
        "Plumbers, Pipefitters, and Steamfitters; Solar Thermal Installers and Technicians"
    )
    assert len(members) == 22
    text = " ".join(m.value for m in bakersfield.markdown)
    assert "https://www.bls.gov/green/solar_power/home.htm" in text
    assert "The project's own selection" in text


def test_every_table_can_be_downloaded(bakersfield):
    bakersfield.text_area(key="sector_seats").input("healthcare, 10").run()
    keys = {b.key for b in bakersfield.get("download_button")}
    assert {
        "dl_sector_flags",
        "dl_sector_postings",
        "dl_sector_occupations",
        "dl_hidden",
        "dl_seats",
        "dl_sector_ranking",
        "dl_sector_defs",
    } <= keys


def test_a_state_and_a_territory_without_postings_render(app):
    app.sidebar.selectbox(key="region_state").select("Puerto Rico").run()
    assert not app.exception, app.exception
    assert any("publishes no job-postings index" in c.value for c in app.caption)


def test_the_method_is_the_domains_text_for_the_thresholds_in_force(bakersfield, ref_con):
    model = DemandModel(ref_con)
    expected = method_items(default_thresholds_for(model, "0012540"), model.openings_method())
    method = next(m.value for m in bakersfield.markdown if m.value.startswith("- **National signal**"))
    assert [line.split("** — ", 1)[0].removeprefix("- **") for line in method.splitlines()] == [t for t, _ in expected]
    assert "at least 3.1%" in method
    bakersfield.number_input(key="sector_growth_min").set_value(10.0).run()
    method = next(m.value for m in bakersfield.markdown if m.value.startswith("- **National signal**"))
    assert "at least 10%" in method and "at least 3.1%" not in method


@pytest.mark.slow
def test_the_page_speaks_spanish_with_keys_as_choices(reference_db, tmp_path, monkeypatch):
    """?lang=es for Springfield, MO: title, headings, metrics, table headers and widgets in Spanish; sector and
    area names as published; the flag and view choices are keys, so they survive the language."""
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(tmp_path / "records.duckdb"))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"], at.query_params["area"] = "es", "0044180"
    # AppTest formats the shown widgets' values again in the test's own thread: in the language they are shown in
    with use_language("es"):
        at.run().switch_page(PAGE).run()  # the frame reads the link on the session's first run
    assert not at.exception, at.exception
    assert at.title[0].value == "Sectores: verificación con datos locales"
    assert at.caption[0].value.startswith("Los títulos de ocupaciones (O*NET)")  # the data-values note
    headers = [h.value for h in at.header]
    assert {
        "Clima de contratación: ofertas de empleo publicadas en Missouri",
        "Sectores populares en Springfield, MO",
        "Qué hay en cada sector",
        "Demanda local oculta: ocupaciones locales fuertes que no están en ningún sector popular",
    } <= set(headers)
    assert {"Fortalezas locales", "Cambio en 12 meses"} <= {m.label for m in at.metric}
    flags = table_with(at, "Sector", "Indicador", "Por qué")
    assert "Clean and green energy" in set(flags["Sector"])
    shown_flags = at.multiselect(key="sector_occupation_flags")
    assert set(shown_flags.value) <= set(FLAG_LABELS) and shown_flags.value  # keys, shown in Spanish
    assert at.radio(key="sector_quadrant_view").options == ["Sectores", "Ocupaciones de los sectores elegidos"]
    with use_language("es"):
        at.radio(key="sector_quadrant_view").set_value("occupations").run()
    assert not at.exception, at.exception
    assert "Descargar los indicadores de los sectores (CSV)" in {b.label for b in at.get("download_button")}


def _module(path: str) -> ast.Module:
    return ast.parse((PROJECT_ROOT / path).read_text())


def test_the_page_is_main_and_render_sections_only():
    """Top level: the docstring, imports, function definitions and the closing ``main()``; every function is
    ``main`` or a ``render_*`` section, and the page builds no chart or frame of its own."""
    tree = _module(PAGE)
    body = tree.body[1:]  # after the docstring
    *definitions, last = body
    assert ast.unparse(last) == "main()"
    assert all(isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef)) for node in definitions)
    names = [node.name for node in definitions if isinstance(node, ast.FunctionDef)]
    assert names[0] == "main" and all(name.startswith("render_") for name in names[1:])
    imported = {alias.name for node in definitions if isinstance(node, ast.Import) for alias in node.names}
    modules = {node.module for node in definitions if isinstance(node, ast.ImportFrom)}
    assert not {"plotly", "pandas"} & {name.split(".")[0] for name in imported | modules}


def test_the_page_restates_no_threshold_or_flag_words():
    """Thresholds, flag labels and area-kind words come from the domain: none is written into the page (its only
    numbers are the steps of its inputs)."""
    text = (PROJECT_ROOT / PAGE).read_text()
    numbers = {node.value for node in ast.walk(_module(PAGE)) if isinstance(node, ast.Constant)}
    assert not {0.75, 1.25, 3.1, 50.0} & numbers
    for words in ("Popular nationally, thin locally", "Thin locally, not growing", 'nonmetropolitan area"', "10,000"):
        assert words not in text, words


def test_sector_data_uses_the_one_cache_layer():
    text = (PROJECT_ROOT / "ui/sector_data.py").read_text()
    assert "st.cache_" not in text and "stamp" not in text.lower()
