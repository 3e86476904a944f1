"""Inert user text (issue 12, item 3): downloads that no spreadsheet reads as a formula, Markdown that shows
names, file names and link values literally, PDF briefs that draw text as text, and an import log that keeps
a refused file's metadata only. The browser test (tests/browser/test_hostile_text_browser.py) checks the same
payloads on the running app; these are the fast checks of each piece."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from lmi.briefs.content import Bar, Brief, BriefFigure, Chart, Table
from lmi.briefs.render import render_pdf
from lmi.i18n import use_language
from lmi.records import queries
from lmi.records.messages import WITHHELD, Message, joined, literal, say, without_values
from lmi.records.template import TEMPLATES, template_csv, template_xlsx
from tests.records_helpers import csv_bytes, do_import, new_records, participant, program
from ui.components import WORD_JOINER, literal_markdown
from ui.downloads import FORMULA_STARTS, frame_csv_bytes, inert_cell, inert_csv_bytes, inert_frame, inert_xlsx_bytes
from ui.figures import plotly_text
from ui.links import escaped

FORMULAS = (
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
)
MARKUP = (
    "Mallory [call IT](https://evil.example/reset)",
    "**bold**",
    "<b>x</b>",
    "<script>alert(1)</script>",
    "**Session expired.** [Log in again](https://evil.example/login)",
    "https://evil.example/bare",
    "_under_ :red[hi] $x^2$ # heading | a | b | ~~gone~~ `code`",
)
SSN = "123-45-6789"


# ------------------------------------------------------------------------------------------------ downloads


@pytest.mark.parametrize("payload", FORMULAS)
def test_a_text_cell_that_would_be_a_formula_gets_a_leading_quote(payload):
    assert inert_cell(payload) == "'" + payload


@pytest.mark.parametrize("number", ["-2", "+1.5", "-3.5", "-1e3", "-.5", "2"])
def test_a_text_cell_that_is_a_plain_number_is_left_as_it_is(number):
    """A spreadsheet reads it as that number; nothing can follow it that would run (documented decision)."""
    assert inert_cell(number) == number


@pytest.mark.parametrize("value", [-3.5, 0, 7, None, float("nan"), True, "Welding", "a=b", " =1", "'=1"])
def test_numbers_other_text_and_blanks_are_unchanged(value):
    result = inert_cell(value)
    assert result is value or (result == value)


def test_a_frame_keeps_its_numbers_and_quotes_only_its_formula_text():
    frame = pd.DataFrame(
        {
            "program": [*FORMULAS, "Welding", None],
            "rate": [-3.5, 0.5, -1.0, 2.0, 3.0, 4.0, 5.0, None],
            "count": pd.array([-3, 1, 2, 3, 4, 5, 6, None], dtype="Int64"),
            "kind": pd.Categorical(["=x", "b", "=x", "b", "b", "b", "b", "b"]),
        }
    )
    frame["=header"] = "-2"
    out = inert_frame(frame)
    assert out.program.tolist()[:6] == ["'" + p for p in FORMULAS]
    assert out.program.iloc[6] == "Welding" and pd.isna(out.program.iloc[7])
    assert out["rate"].equals(frame["rate"]) and out["count"].equals(frame["count"])
    assert out.kind.tolist()[0] == "'=x"
    assert list(out.columns)[-1] == "'=header" and out.iloc[0, -1] == "-2"
    rows = list(csv.reader(io.StringIO(frame_csv_bytes(frame).decode("utf-8"), newline="")))
    assert rows[1][1] == "-3.5" and rows[1][2] == "-3"  # numbers as numbers
    for row in rows:
        for column, cell in zip(rows[0], row):
            if column in ("program", "kind", "'=header") and cell.startswith(FORMULA_STARTS):
                assert re.fullmatch(r"[+-]?[\d.]+", cell), f"formula left in {column}: {cell!r}"
    assert frame.program.iloc[0] == FORMULAS[0]  # the frame shown on the page is not changed


def test_the_templates_offered_for_download_hold_no_formula():
    for kind in TEMPLATES:
        header = list(csv.reader(io.StringIO(inert_csv_bytes(template_csv(kind)).decode(), newline="")))
        assert header == [template_csv(kind).decode().strip().split(",")]  # our own headers: nothing to quote
        book = load_workbook(io.BytesIO(inert_xlsx_bytes(template_xlsx(kind))))
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (kind, sheet.title, cell.coordinate)
                    if isinstance(cell.value, str):
                        assert inert_cell(cell.value) == cell.value


def test_a_workbook_with_formula_text_is_made_inert():
    book = Workbook()
    book.active.append(['=HYPERLINK("http://x","y")', "@SUM(1)", -3.5, "Welding"])
    data = io.BytesIO()
    book.save(data)
    sheet = load_workbook(io.BytesIO(inert_xlsx_bytes(data.getvalue()))).active
    cells = [c for c in next(sheet.iter_rows())]
    assert [c.value for c in cells] == ['\'=HYPERLINK("http://x","y")', "'@SUM(1)", -3.5, "Welding"]
    assert all(c.data_type != "f" for c in cells)


def test_csv_layout_file_quotes_formula_cells():
    assert inert_csv_bytes(b"a,=1+1,-2\n") == b"a,'=1+1,-2\r\n"


def test_a_carriage_return_inside_a_cell_cannot_start_a_row():
    """Unquoted, "x\\r=1+1" would be read as a row ending in "x" and a next row starting with a formula."""
    data = frame_csv_bytes(pd.DataFrame({"name": ["x\r=1+1", "y\n@SUM(1)"], "n": [1, 2]}))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert rows == [["name", "n"], ["x\r=1+1", "1"], ["y\n@SUM(1)", "2"]]


# ------------------------------------------------------------------------------------------------ markdown

_ACTIVE = set("\\`*_[]<>#|~$:")


def _unescaped_active(markdown: str) -> list[str]:
    """Markdown-active characters of ``markdown`` not escaped by a backslash."""
    found, index = [], 0
    while index < len(markdown):
        char = markdown[index]
        if char == "\\":
            index += 2
            continue
        if char in _ACTIVE:
            found.append(char)
        index += 1
    return found


@pytest.mark.parametrize("payload", MARKUP + FORMULAS)
def test_literal_markdown_escapes_every_active_character(payload):
    shown = literal_markdown(payload)
    assert _unescaped_active(shown) == []
    assert "\n" not in shown and "\r" not in shown
    assert re.sub(r"\\(.)", r"\1", shown).replace(WORD_JOINER, "") == " ".join(payload.split())  # on one line
    assert not re.search(r"(?i)https?:/|www\.|@\w", re.sub(r"\\(.)", r"\1", shown))  # nothing autolinks


@pytest.mark.parametrize("payload", MARKUP)
def test_link_values_are_shown_in_a_code_span(payload):
    shown = escaped(payload)
    fence = re.match(r"`+", shown).group(0)
    assert shown.startswith(fence + " ") and shown.endswith(" " + fence)
    assert fence not in shown[len(fence) : -len(fence)]


@pytest.mark.parametrize("payload", MARKUP)
def test_plotly_text_has_no_tag(payload):
    assert "<" not in plotly_text(payload) and ">" not in plotly_text(payload)


# ------------------------------------------------------------------------------------------------ PDF briefs


def test_a_pdf_brief_draws_names_as_text_and_links_nowhere():
    from pypdf import PdfReader

    name = "Mallory [call IT](https://evil.example/reset) **bold** <b>x</b> =HYPERLINK(1)"
    brief = Brief(
        kind="program",
        title=name,
        subtitle="<script>alert(1)</script>",
        figures=(BriefFigure("Provider", "**Provider**"),),
        chart=Chart("Placement", (Bar(name, 0.5, "50%", highlight=True),), "alt"),
        sources="Source: test",
        vintage="test",
        link="http://localhost/program_detail?program=X",
        file_stem="x",
        table=Table("Table", ("Employer",), (("<b>Employer</b>",),)),
        made_on=dt.date(2026, 12, 3),
        language="en",
    )
    reader = PdfReader(io.BytesIO(render_pdf(brief)))
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Mallory [call IT](https://evil.example/reset) **bold** <b>x</b>" in text
    assert "<script>alert(1)</script>" in text
    annotations = reader.pages[0].get("/Annots") or []
    assert not [a for a in annotations if "evil" in str(a.get_object())]


# ------------------------------------------------------------------------------------------------ import log


def test_without_values_keeps_our_words_and_withholds_the_files():
    message = say(
        "{where}: {problem}",
        where=say("row {row}, column {column}", row=4, column="exit_date"),
        problem=say("{value} is not a date written YYYY-MM-DD", value=repr(SSN)),
    )
    kept = without_values(message, frozenset({"row", "column", "where", "problem"}))
    assert SSN not in kept.text() and "row 4, column exit_date: … is not a date" in kept.text()
    assert SSN not in kept.to_json()
    assert Message.from_json(kept.to_json()) == kept
    assert without_values(literal(SSN), frozenset({"text"})).text() == "…"
    listed = without_values(joined([say("{n} problem(s)", n=2), literal(SSN)]), frozenset({"n"}))
    assert listed.text() == "2 problem(s); …"
    assert json.loads(kept.to_json())["v"][1][1]["v"][0][1] == {"withheld": True}
    assert format(WITHHELD, ",") == "…"


@pytest.fixture
def records(tmp_path):
    con = new_records(tmp_path)
    yield con
    con.close()


def test_a_refused_file_logs_row_column_and_kind_but_no_cell_value(records):
    """An SSN typed into a date column: the uploader sees it in the problems table (their own file), the import
    log keeps only where and what kind of problem (docs/records-model.md: metadata only)."""
    assert do_import(records, "programs", csv_bytes([program()], "programs")).outcome == "imported"
    rows = [participant(1, enrollment_date=SSN), participant(2, exit_date="=HYPERLINK(1)")]
    result = do_import(records, "participants", csv_bytes(rows, "participants"))
    assert result.outcome == "refused"
    assert SSN in result.issues_frame().value.tolist()  # shown to the uploader right then
    stored = records.execute("SELECT message, message_json FROM import_log WHERE outcome = 'refused'").fetchall()
    assert len(stored) == 1
    english, as_json = stored[0]
    assert SSN not in english and SSN not in as_json and "HYPERLINK" not in english + as_json
    assert "column enrollment_date" in english and "is not a date written YYYY-MM-DD" in english
    with use_language("es"):
        shown = queries.import_log(records).message.iloc[0]
    assert SSN not in shown and "enrollment_date" in shown


def test_a_header_cell_of_a_refused_file_is_not_logged_either(records):
    data = csv_bytes([program()], "programs").replace(b"cip_code", SSN.encode(), 1)
    result = do_import(records, "programs", data)
    assert result.outcome == "refused"
    [(english, as_json)] = records.execute("SELECT message, message_json FROM import_log").fetchall()
    assert SSN not in english and SSN not in as_json
    assert "cip_code" in english  # the missing column is ours: named


def test_a_csv_made_on_click_is_in_the_language_of_the_page_that_offered_it():
    """A download's frame may be made when clicked (``csv_download`` with a function), outside the script run:
    its headers are still in the visitor's language, and its text cells are made inert like any other."""
    from lmi.demand.area_comparison import for_csv
    from ui.components import _csv_with_source

    frame = pd.DataFrame({"area_code": ["0025540"], "area_name": ['=HYPERLINK("http://x","y")']})
    data = _csv_with_source(lambda: for_csv(frame), "fuente", "BLS OEWS May 2025", "es").decode("utf-8")
    header, row = list(csv.reader(io.StringIO(data, newline="")))
    assert header == ["Código de área OEWS", "Área", "fuente"]
    assert row == ["0025540", "'" + '=HYPERLINK("http://x","y")', "BLS OEWS May 2025"]
