"""Every notebook in notebooks/ runs top to bottom against the session's reference database, and its page under
docs/notebooks/ (``python -m notebooks.render``) shows what it shows now: the same cells and, when run, the same
output (clock times aside). Notebooks are run as ``notebooks.render`` runs them: empty temporary records and
postings stores (a fresh records store per notebook), the default small-cell threshold."""

from __future__ import annotations

import difflib

import nbformat
import pytest

from notebooks import render

NOTEBOOKS = render.notebook_paths()
OUT_OF_DATE = "docs/notebooks/{page} is out of date: run `python -m notebooks.render {name}`\n{diff}"


def test_there_are_notebooks():
    names = {path.stem for path in NOTEBOOKS}
    assert {"occupation_profile", "sector_reality_check", "program_report", "transitions_study"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_says_what_it_answers_and_where_its_numbers_come_from(path):
    notebook = nbformat.read(path, as_version=4)
    first = notebook.cells[0]
    assert first.cell_type == "markdown" and render.title_of(notebook)
    code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    assert "provenance." in code  # sources and vintages come from lmi.provenance
    assert "import streamlit" not in code and "from ui" not in code and "SELECT" not in code.upper()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_rendered_page_has_the_notebooks_current_cells(path):
    """Fast: the page holds every cell of the notebook as it is now, in order (outputs are checked when run)."""
    page = render.rendered_path(path)
    assert page.exists(), f"docs/notebooks/{page.name} is missing: run `python -m notebooks.render {path.stem}`"
    text = page.read_text(encoding="utf-8")
    position = 0
    for chunk in _cell_chunks(nbformat.read(path, as_version=4)):
        found = text.find(chunk, position)
        assert found >= 0, OUT_OF_DATE.format(page=page.name, name=path.stem, diff=chunk[:400])
        position = found + len(chunk)


def test_index_lists_every_notebook():
    index = render.DOCS_DIR / "README.md"
    assert index.read_text(encoding="utf-8") == render.index_page(NOTEBOOKS), "run `python -m notebooks.render`"


def test_program_report_labels_generated_example_data():
    page = render.rendered_path(render.NOTEBOOK_DIR / "program_report.ipynb").read_text(encoding="utf-8")
    assert page.count("generated example data") >= 10
    assert "Generated example data." in page.split("```")[0]  # said before the first line of code


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes_and_its_page_is_current(path, reference_db, tmp_path):
    with render.rendering_environment(reference_db):
        render.fresh_records_store(tmp_path)
        notebook = render.execute(path)
    errors = [
        o for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"
    ]
    assert not errors
    page = render.rendered_path(path)
    now = render.comparable(render.to_markdown(notebook, path.stem))
    before = render.comparable(page.read_text(encoding="utf-8"))
    diff = "\n".join(list(difflib.unified_diff(before.splitlines(), now.splitlines(), lineterm="", n=1))[:40])
    assert now == before, OUT_OF_DATE.format(page=page.name, name=path.stem, diff=diff)


def _cell_chunks(notebook: nbformat.NotebookNode) -> list[str]:
    """Each cell as the page writes it (markdown as is, code fenced), without outputs."""
    chunks = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            chunks.append(cell.source.strip())
        elif cell.cell_type == "code" and cell.source.strip():
            chunks.append(render.fenced(cell.source.strip(), "python"))
    return chunks
