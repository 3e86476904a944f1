"""Render the notebooks as documentation: each notebook under notebooks/ is run top to bottom in a fresh
kernel and what it shows is written as Markdown to docs/notebooks/<name>.md, with an index (README.md).

The notebooks are run as the tests run them, so the rendered pages are reproducible and
``tests/test_notebooks.py`` can check they are current: against a reference database built from the shipped
snapshot (``data/snapshot``) in a temporary folder, with an empty temporary records store
(``LMI_RECORDS_DB``) and postings store (``LMI_POSTINGS_DIR``), the default small-cell threshold and English.
Nothing under var/ is read or written.

    python -m notebooks.render                      # every notebook
    python -m notebooks.render program_report       # only some (file names without .ipynb)

nbconvert is not a dependency: the Markdown is written here from the executed notebook (nbformat): markdown
cells as they are, code cells as fenced Python, text output fenced, tables (pandas' HTML) as HTML, which
Markdown viewers render.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import nbformat
from nbclient import NotebookClient

PROJECT_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
DOCS_DIR = PROJECT_ROOT / "docs" / "notebooks"
TIMEOUT_S = 120
COMMAND = "python -m notebooks.render"
HEADER = (
    "<!-- Rendered from notebooks/{name}.ipynb by `{command}`: do not edit by hand; "
    "tests/test_notebooks.py checks that it is current. -->\n"
)
# Settings that change what a notebook shows: left out of the environment the notebooks run in.
UNSET_VARIABLES = ("LMI_SMALL_CELL_THRESHOLD",)
# Clock times and build ids a notebook may print (when records were imported, which build the figures come from):
# they differ on every run, so the check that the rendered page is current compares the pages with these masked.
CLOCK_TIME = re.compile(r"\b\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?( ?UTC|Z)?")
BUILD_ID = re.compile(r"(build_id\W{1,4})[0-9a-f]{6,}")
STYLE_BLOCK = re.compile(r"<style[^>]*>.*?</style>\s*", re.DOTALL)


def notebook_paths() -> list[Path]:
    """Every notebook, in name order."""
    return sorted(NOTEBOOK_DIR.glob("*.ipynb"))


def rendered_path(notebook_path: Path) -> Path:
    """Where a notebook's rendered page lives: docs/notebooks/<name>.md."""
    return DOCS_DIR / f"{Path(notebook_path).stem}.md"


def execute(notebook_path: Path) -> nbformat.NotebookNode:
    """The notebook run top to bottom in a fresh kernel (started in the project folder), in the current
    environment; raises on the first cell that fails."""
    notebook = nbformat.read(notebook_path, as_version=4)
    client = NotebookClient(
        notebook, timeout=TIMEOUT_S, kernel_name="python3", resources={"metadata": {"path": str(PROJECT_ROOT)}}
    )
    client.execute()
    return notebook


@contextlib.contextmanager
def rendering_environment(reference_db: Path | None = None) -> Iterator[dict[str, str]]:
    """The environment the notebooks are rendered in (and the tests run them in): a reference database built
    from the shipped snapshot (unless ``reference_db`` is given), empty temporary records and postings stores,
    none of ``UNSET_VARIABLES``. Restores the previous environment afterwards."""
    saved = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="lmi-notebooks-") as folder:
        if reference_db is None:
            from etl.build import build_database

            reference_db = Path(folder) / "lmi.duckdb"
            build_database(reference_db, progress=lambda message: None)
        settings = {
            "LMI_REFERENCE_DB": str(reference_db),
            "LMI_RECORDS_DB": str(Path(folder) / "records.duckdb"),
            "LMI_POSTINGS_DIR": str(Path(folder) / "postings"),
            "PYTHONPATH": str(PROJECT_ROOT),
        }
        os.environ.update(settings)
        for name in UNSET_VARIABLES:
            os.environ.pop(name, None)
        try:
            yield settings
        finally:
            os.environ.clear()
            os.environ.update(saved)


def fresh_records_store(folder: Path) -> None:
    """Point ``LMI_RECORDS_DB`` at a new, empty store in ``folder`` (one per notebook: a notebook may fill it)."""
    os.environ["LMI_RECORDS_DB"] = str(Path(folder) / "records.duckdb")


def to_markdown(notebook: nbformat.NotebookNode, name: str) -> str:
    """The executed notebook as one Markdown page."""
    parts = [HEADER.format(name=name, command=COMMAND)]
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source.strip() + "\n")
        elif cell.cell_type == "code" and cell.source.strip():
            parts.append(fenced(cell.source.strip(), "python"))
            parts.extend(_output(output) for output in merged_streams(cell.get("outputs", [])))
    return "\n".join(part for part in parts if part)


def merged_streams(outputs: list) -> list:
    """Consecutive prints to one stream as one output: the kernel splits them wherever its flush happens to
    fall, so without this the same run renders differently from one time to the next."""
    merged: list = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and output.output_type == "stream"
            and previous.output_type == "stream"
            and previous.name == output.name
        ):
            merged[-1] = nbformat.from_dict({**previous, "text": previous.text + output.text})
        else:
            merged.append(output)
    return merged


def fenced(text: str, language: str = "text") -> str:
    """``text`` as a fenced block."""
    return f"```{language}\n{text.rstrip()}\n```\n"


def _output(output: nbformat.NotebookNode) -> str:
    """One output: text fenced, a table as its HTML (without pandas' style block), markdown as is."""
    if output.output_type == "stream":
        return fenced(output.text)
    if output.output_type == "error":
        return fenced(f"{output.ename}: {output.evalue}")
    data = output.get("data", {})
    if "text/markdown" in data:
        return data["text/markdown"].strip() + "\n"
    if "text/html" in data:
        html = STYLE_BLOCK.sub("", data["text/html"]).strip()
        return "\n".join(line for line in html.splitlines() if line.strip()) + "\n"
    if "text/plain" in data:
        return fenced(data["text/plain"])
    return ""


def title_of(notebook: nbformat.NotebookNode) -> str:
    """The notebook's title: the first heading of its first markdown cell."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return ""


def index_page(paths: list[Path]) -> str:
    """docs/notebooks/README.md: each rendered notebook by its title."""
    lines = [
        HEADER.format(name="*", command=COMMAND),
        "# Notebooks",
        "",
        "Analyses written on the `lmi` library (the same code the pages use), each run top to bottom by the tests "
        "and rendered here with its output. The source notebooks are in `notebooks/`; run one yourself against "
        "your own reference database (`LMI_REFERENCE_DB`, default `var/lmi.duckdb`).",
        "",
    ]
    for path in paths:
        title = title_of(nbformat.read(path, as_version=4))
        lines.append(f"- [{title}]({path.stem}.md) (`notebooks/{path.name}`)")
    return "\n".join(lines) + "\n"


def comparable(text: str) -> str:
    """A rendered page with its clock times and build ids masked (see ``CLOCK_TIME``, ``BUILD_ID``)."""
    return BUILD_ID.sub(r"\1<build>", CLOCK_TIME.sub("<time>", text))


def render(paths: list[Path], reference_db: Path | None = None) -> list[Path]:
    """Run and render ``paths`` (each with its own empty records store), then the index; returns what was written."""
    DOCS_DIR.mkdir(parents=True, exist_ok=True)
    written = []
    with rendering_environment(reference_db):
        for path in paths:
            with tempfile.TemporaryDirectory(prefix="lmi-records-") as folder:
                fresh_records_store(Path(folder))
                notebook = execute(path)
            target = rendered_path(path)
            target.write_text(to_markdown(notebook, path.stem), encoding="utf-8")
            written.append(target)
            print(target.relative_to(PROJECT_ROOT), file=sys.stderr)
    index = DOCS_DIR / "README.md"
    index.write_text(index_page(notebook_paths()), encoding="utf-8")
    written.append(index)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("names", nargs="*", help="notebook file names without .ipynb (default: all)")
    args = parser.parse_args(argv)
    paths = notebook_paths()
    if args.names:
        known = {path.stem: path for path in paths}
        unknown = [name for name in args.names if name not in known]
        if unknown:
            parser.error(f"no notebook named {', '.join(unknown)} in notebooks/")
        paths = [known[name] for name in args.names]
    render(paths)
    return 0


if __name__ == "__main__":
    sys.exit(main())
