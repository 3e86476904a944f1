"""AppTest smoke test of every page: each file in app_pages/ is registered in app.py, is written as
``main()`` plus functions, and renders its title without an exception, on the real reference database,
for the nation and for a metro area; the frame around the pages shows the region picker and the data
vintages."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lmi import provenance
from lmi.areas import NATION_CODE
from lmi.demand import oews_values
from lmi.i18n import use_language
from lmi.occupations import coverage
from ui.components import md

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PAGE_FILES = sorted(p.relative_to(PROJECT_ROOT).as_posix() for p in (PROJECT_ROOT / "app_pages").glob("*.py"))
REGISTERED = re.findall(r'st\.Page\(\s*"([^"]+)"', (PROJECT_ROOT / "app.py").read_text())


@pytest.fixture
def app(reference_db, tmp_path, monkeypatch) -> AppTest:
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(tmp_path / "records.duckdb"))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def test_every_page_file_is_registered_in_app():
    assert sorted(REGISTERED) == PAGE_FILES


def top_level_statements(path: str) -> list[ast.stmt]:
    """A module's statements other than its docstring, imports, constants and definitions."""
    tree = ast.parse((PROJECT_ROOT / path).read_text())
    allowed = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef, ast.Assign, ast.AnnAssign)
    return [
        node
        for node in tree.body
        if not isinstance(node, allowed) and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
    ]


def calls_at_import(path: str) -> list[str]:
    """Top-level assignments that render or query (an st., data. or ui *_data. call) when the module is imported."""
    tree = ast.parse((PROJECT_ROOT / path).read_text())
    calls = []
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            for call in (n for n in ast.walk(node.value) if isinstance(n, ast.Call)):
                name = ast.unparse(call.func)
                if name.startswith("st.") or name.startswith("data.") or "_data." in name:
                    calls.append(f"line {node.lineno}: {name}")
    return calls


@pytest.mark.parametrize("page", PAGE_FILES)
def test_page_is_main_plus_functions(page):
    """A page's top level defines things and ends by calling main(): nothing renders or queries at import."""
    rest = top_level_statements(page)
    assert [ast.unparse(node) for node in rest] == ["main()"], page
    assert not calls_at_import(page), page


@pytest.mark.parametrize("page", PAGE_FILES)
def test_page_renders_for_the_nation(app, page):
    app.switch_page(page).run()
    assert not app.exception, app.exception
    assert app.title, f"{page} shows no title"


@pytest.mark.parametrize("page", PAGE_FILES)
def test_page_renders_for_a_metro_area(app, page):
    app.sidebar.selectbox(key="region_state").select("Connecticut").run()
    app.sidebar.selectbox(key="region_area").select("Hartford-West Hartford-East Hartford, CT").run()
    app.switch_page(page).run()
    assert not app.exception, app.exception
    assert app.title, f"{page} shows no title"


def test_frame_shows_the_region_picker_and_the_data_vintages(app):
    state = app.sidebar.selectbox(key="region_state")
    assert state.value == NATION_CODE and state.options[state.index] == "United States"  # a code, shown by name
    vintages = " ".join(c.value for c in app.sidebar.caption)
    assert "Data vintages:" in vintages
    assert "BLS OEWS May 2025" in vintages
    assert "Database built" in vintages


def test_region_choice_carries_over_to_every_page(app):
    app.sidebar.selectbox(key="region_state").select("Connecticut").run()
    for page in PAGE_FILES:
        app.switch_page(page).run()
        assert app.sidebar.selectbox(key="region_state").value == "0900000", page  # Connecticut's area code


def test_missing_database_shows_instructions_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("LMI_REFERENCE_DB", str(tmp_path / "absent.duckdb"))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert "has not been built yet" in at.error[0].value


def test_data_and_methods_shows_the_domains_own_method_texts(app, ref_con):
    app.switch_page("app_pages/data_methods.py").run()
    assert not app.exception, app.exception
    shown = " ".join(m.value for m in app.markdown)
    for text in (
        coverage.crosswalk_method(ref_con),
        coverage.demand_method(ref_con),
        oews_values.top_coding_note(ref_con),
        *provenance.snapshot_gaps(ref_con),
    ):
        assert md(text) in shown, text[:60]
    assert [h.value for h in app.header][:3] == [
        "Sources and licenses",
        "The project's own data files",
        "What this snapshot does not contain",
    ]


SPANISH_TITLES = {  # the worker and region pages, and Data & methods, as ?lang=es opens them
    "app_pages/occupation_explorer.py": "Explorador de ocupaciones",
    "app_pages/career_transitions.py": "Cambios de carrera",
    "app_pages/sector_check.py": "Sectores: verificación con datos locales",
    "app_pages/data_methods.py": "Datos y métodos",
}


@pytest.fixture
def app_in_spanish(reference_db, tmp_path, monkeypatch) -> AppTest:
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(tmp_path / "records.duckdb"))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "es"
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("page", sorted(SPANISH_TITLES))
def test_page_title_and_data_note_are_in_spanish(app_in_spanish, page):
    with use_language("es"):  # AppTest formats the shown widgets' values again in the test's own thread
        app_in_spanish.switch_page(page).run()
    assert not app_in_spanish.exception, app_in_spanish.exception
    assert [t.value for t in app_in_spanish.title] == [SPANISH_TITLES[page]]
    notes = [c.value for c in app_in_spanish.main.caption if c.value.startswith("Los títulos de ocupaciones (O*NET)")]
    assert len(notes) == 1, page  # said once per page


def test_frame_and_data_and_methods_in_spanish(app_in_spanish):
    with use_language("es"):
        app_in_spanish.switch_page("app_pages/data_methods.py").run()
    assert not app_in_spanish.exception, app_in_spanish.exception
    assert [h.value for h in app_in_spanish.header][:3] == [
        "Fuentes y licencias",
        "Los archivos de datos propios del proyecto",
        "Lo que esta instantánea no contiene",
    ]
    assert "Verificaciones de datos" in [h.value for h in app_in_spanish.header]
    state = app_in_spanish.sidebar.selectbox(key="region_state")
    assert (state.value, state.options[state.index], state.label) == (NATION_CODE, "Estados Unidos", "Estado")
    vintages = " ".join(c.value for c in app_in_spanish.sidebar.caption)
    assert "**Fechas de los datos:**" in vintages and "Base de datos creada el" in vintages
