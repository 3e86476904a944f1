"""One-page briefs (``lmi.briefs``): the content comes from the domain in the pages' own words and figures,
the PDF is valid, has exactly one page whatever the text, and its text (read back with pypdf) holds the
region or program name and a figure the page shows; characters the core fonts lack never break it; the
command writes many briefs at once and refuses unknown codes before writing anything."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from pypdf import PdfReader

from lmi.briefs import links
from lmi.briefs.__main__ import main as briefs_main
from lmi.briefs.content import Bar, Brief, BriefFigure, Chart, ReferenceLine, Table
from lmi.briefs.program import program_briefs
from lmi.briefs.region import occupation_brief, region_brief
from lmi.briefs.render import render_pdf
from lmi.briefs.text import ENCODING, pdf_safe
from lmi.demand import DemandModel
from lmi.demand.area_comparison import region_comparison
from lmi.demand.codes import CodeResolver
from lmi.demand.oews_values import headline_figures
from lmi.i18n import current_language, use_language
from lmi.programs import outcomes
from lmi.programs.labels import GENERATED_LABEL
from lmi.records.db import open_records
from lmi.records.example import load_example_records

HARTFORD, NURSES = "0025540", "29-1141.00"
HARTFORD_NAME = "Hartford-West Hartford-East Hartford, CT"


def pdf_text(data: bytes) -> tuple[int, str]:
    """(pages, text) of a PDF, after checking it is one."""
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def model(ref_con) -> DemandModel:
    return DemandModel(ref_con)


@pytest.fixture(scope="module")
def example_records(reference_db, tmp_path_factory):
    path = tmp_path_factory.mktemp("briefs-records") / "records.duckdb"
    results = load_example_records(path, reference_db, today=dt.date(2026, 11, 25))
    assert all(r.outcome == "imported" for r in results)
    return path


# ------------------------------------------------------------------------------------------------ text


@pytest.mark.parametrize(
    "text, kept",
    [
        ("O*NET® 29.3", "O*NET® 29.3"),
        ("10th–90th percentile", "10th–90th percentile"),
        ("“top-coded” — …", "“top-coded” — …"),
        ("≥ $239,200", ">= $239,200"),
        ("31-1121 → 31-1120", "31-1121 -> 31-1120"),
        ("Café Señor", "Café Señor"),
        ("Győr", "Gyor"),
        ("中文", "??"),
    ],
)
def test_pdf_safe_keeps_the_meaning_in_what_core_fonts_show(text, kept):
    assert pdf_safe(text) == kept
    pdf_safe(text).encode(ENCODING)  # never raises


# ------------------------------------------------------------------------------------------------ regions


def test_occupation_brief_has_the_explorers_figures_in_its_words(ref_con, model):
    brief = occupation_brief(ref_con, model, NURSES, HARTFORD)
    here = region_comparison(ref_con, model, NURSES, HARTFORD).iloc[0]
    page_figures = headline_figures(here, model.openings_method())
    assert [(f.label, f.value) for f in brief.figures] == [(f.label, f.value) for f in page_figures]
    values = {f.label: f.value for f in brief.figures}
    assert values["Jobs here"] == "13,850"
    assert values["Median annual wage here"] == "$101,470"
    assert brief.title == f"Registered Nurses in {HARTFORD_NAME}"
    assert brief.link == f"/?area={HARTFORD}&occupation={NURSES}"
    assert [bar.label for bar in brief.chart.bars][0] == f"This area: {HARTFORD_NAME}"
    assert brief.chart.bars[0].value_text == "$101,470" and brief.chart.bars[0].highlight
    assert "Source: BLS OEWS May 2025" in brief.sources
    assert "BLS OEWS May 2025" in brief.vintage and "Reference database built" in brief.vintage
    assert not brief.generated_example


def test_occupation_brief_pdf_is_one_page_with_the_region_and_its_figures(ref_con, model):
    pages, text = pdf_text(render_pdf(occupation_brief(ref_con, model, NURSES, HARTFORD)))
    assert pages == 1
    text = flat(text)
    for expected in (HARTFORD_NAME, "Registered Nurses", "13,850", "$101,470", "about 770 a year", "O*NET 29.3"):
        assert expected in text, expected
    assert "10th–90th percentile" in text  # an en dash, kept
    assert f"area={HARTFORD}&occupation={NURSES}" in text


def test_region_brief_ranks_openings_once_per_bls_code(ref_con, model):
    brief = region_brief(ref_con, model, HARTFORD)
    assert brief.title == HARTFORD_NAME
    assert brief.subtitle == f"OEWS area {HARTFORD} · metro area in Connecticut"
    values = {f.label: f.value for f in brief.figures}
    assert values["All jobs here"] == "599,770"
    assert values["Median annual wage, all occupations"] == "$59,940"
    first = brief.chart.bars[0]
    assert first.label == "Home Health and Personal Care Aides (31-1120)"
    assert first.value_text == "about 3,400 a year"
    drawn = [bar.value for bar in brief.chart.bars]
    assert drawn == sorted(drawn, reverse=True)
    assert brief.table.rows[0][:2] == ("Home Health and Personal Care Aides (31-1120)", "19,230")
    pages, text = pdf_text(render_pdf(brief))
    assert pages == 1
    assert HARTFORD_NAME in text and "599,770" in text and "19,230" in text


@pytest.mark.parametrize("area_code", ["0000000", "0900000", "0044180"])
def test_region_briefs_of_the_nation_a_state_and_a_metro_are_one_page(ref_con, model, area_code):
    brief = region_brief(ref_con, model, area_code)
    pages, text = pdf_text(render_pdf(brief))
    assert pages == 1
    assert flat(brief.title) in flat(text)


def test_unknown_region_or_occupation_raises_a_lookup_error(ref_con, model):
    with pytest.raises(LookupError):
        region_brief(ref_con, model, "9999999")
    with pytest.raises(LookupError):
        occupation_brief(ref_con, model, "99-9999.99", HARTFORD)


# ------------------------------------------------------------------------------------------------ rendering limits


def busy_brief(**changes) -> Brief:
    """A brief far fuller than any the domain makes, with characters the core fonts lack."""
    fields = dict(
        kind="region",
        title="Très long nom — “Région” ≥ 10 → 中文 " * 4,
        subtitle="O*NET® · 10th–90th · " * 20,
        figures=tuple(BriefFigure(f"Figure {i} ≥ label " * 3, f"{i:,}" * 5, "note → " * 20) for i in range(8)),
        chart=Chart(
            "Chart ≥ title",
            tuple(Bar(f"Bar {i} " * 12, float(i), f"about {i} a year", highlight=i == 3) for i in range(8))
            + (Bar("Hidden", None, "suppressed"),),
            "In words " * 200,
            (ReferenceLine(2.0, "37%"),),
        ),
        table=Table("Table", ("A", "B ≥", "C"), tuple((f"row {i} " * 20, "1,000", "≥ $239,200") for i in range(8))),
        notes=tuple("A very long note — with dashes and “quotes”. " * 30 for _ in range(10)),
        sources="Source: O*NET® 29.3 (CC BY 4.0). " * 5,
        vintage="Data vintages: BLS OEWS May 2025.",
        link="/?area=0025540&occupation=29-1141.00",
        file_stem="busy",
        generated_example=True,
    )
    fields.update(changes)
    return Brief(**fields)


def test_a_brief_stays_one_page_whatever_its_text():
    pages, text = pdf_text(render_pdf(busy_brief()))
    assert pages == 1
    text = flat(text)
    assert "O*NET®" in text and "10th–90th" in text and ">= 10" in text
    assert GENERATED_LABEL.upper() in text  # the banner
    assert f"Contains {GENERATED_LABEL}" in text  # and the footer, never cut
    assert "/?area=0025540&occupation=29-1141.00" in text


def test_an_empty_chart_and_no_table_still_render():
    brief = busy_brief(chart=Chart("Nothing", (), "none"), table=None, notes=(), figures=(), generated_example=False)
    pages, text = pdf_text(render_pdf(brief))
    assert pages == 1 and GENERATED_LABEL not in text


# ------------------------------------------------------------------------------------------------ programs


@pytest.fixture(scope="module")
def example_briefs(ref_con, example_records):
    """Every example program's brief, with the published figures they were made from."""
    records = open_records(example_records)
    try:
        briefs = program_briefs(ref_con, records, DemandModel(ref_con), CodeResolver(ref_con), 10)
        reports = outcomes.program_reports(records, 10)
        summaries = outcomes.program_summaries(records, 10, reports)
    finally:
        records.close()
    return {b.link.rsplit("program=", 1)[1]: b for b in briefs}, summaries, reports


def test_program_briefs_show_published_figures_and_label_generated_data(example_briefs):
    by_id, summaries, _ = example_briefs
    assert sorted(by_id) == sorted(summaries.program_id) and len(by_id) == 9
    coop = by_id["EX-CNC-COOP"]
    row = summaries[summaries.program_id == "EX-CNC-COOP"].iloc[0]
    values = {f.label: f.value for f in coop.figures}
    assert values["Placement rate (of exiters)"] == f"{100 * row.placement_rate:.1f}%"
    assert values["Exiters with complete follow-up"] == f"{int(row.exiters_count):,}"
    assert coop.generated_example and "generated example data" in coop.sources
    assert coop.link == "/program?area=0025540&program=EX-CNC-COOP"
    assert [line.label for line in coop.chart.reference_lines] == ["37%", "89.3%"]
    pages, text = pdf_text(render_pdf(coop))
    text = flat(text)
    assert pages == 1
    assert "CNC Machinist Co-op" in text and HARTFORD_NAME in text
    assert values["Placement rate (of exiters)"] in text
    assert GENERATED_LABEL.upper() in text


def test_suppressed_figures_read_suppressed_never_a_number(example_briefs):
    by_id, _, reports = example_briefs
    words = {v: k for k, v in outcomes.INDICATOR_LABELS.items()}
    for program_id, brief in by_id.items():
        overall = reports[program_id].overall
        for bar in brief.chart.bars:
            if pd.isna(overall.get(words[bar.label], pd.NA)):
                assert bar.value is None and bar.value_text in ("suppressed", "n/a (excluded by DOL)")
            else:
                assert bar.value == pytest.approx(float(overall[words[bar.label]]))


def test_a_program_brief_reads_in_spanish_with_its_figures_and_accents(ref_con, example_records, example_briefs):
    """Made in Spanish, a program brief's own words, labels and notes are Spanish (the program's name and the
    area's stay as recorded and published); the core fonts print the accents; the PDF says it is Spanish; and it
    stays Spanish when drawn from an English run."""
    records = open_records(example_records)
    try:
        with use_language("es"):
            [brief] = program_briefs(ref_con, records, DemandModel(ref_con), CodeResolver(ref_con), 10, ["EX-CNC-COOP"])
    finally:
        records.close()
    english = example_briefs[0]["EX-CNC-COOP"]
    assert brief.language == "es" and english.language == "en"
    values = {f.label: f.value for f in brief.figures}
    assert (
        values["Tasa de colocación (de los egresados)"]
        == {f.label: f.value for f in english.figures}["Placement rate (of exiters)"]
    )
    assert brief.chart.title == "Tasas de resultados publicadas de los egresados del programa"
    assert brief.notes[0].startswith("Líneas de referencia: alrededor del 37%")
    assert "datos de ejemplo generados" in brief.sources
    pages, text = pdf_text(render_pdf(brief))  # drawn in an English run: the brief keeps its language
    text = flat(text)
    assert pages == 1
    for expected in (
        "RESUMEN DEL PROGRAMA DE CAPACITACIÓN",
        "CNC Machinist Co-op",
        "Tasa de colocación (de los egresados)",
        "En palabras:",
        "Abra esta vista en el tablero",
        "DATOS DE EJEMPLO GENERADOS",
        "Contiene datos de ejemplo generados",
    ):
        assert expected in text, expected
    assert "Placement rate" not in text and "In words" not in text
    assert b"/Lang (es-US)" in render_pdf(brief)


def test_a_region_brief_reads_in_spanish(ref_con, model):
    with use_language("es"):
        brief = region_brief(ref_con, model, HARTFORD)
    assert brief.kicker == "Resumen del mercado laboral"
    assert brief.subtitle == f"Área OEWS {HARTFORD} · área metropolitana en Connecticut"
    assert {f.label: f.value for f in brief.figures}["Todos los empleos aquí"] == "599,770"  # US number format
    assert brief.chart.title == f"Ocupaciones con más vacantes anuales estimadas en {HARTFORD_NAME}"
    assert brief.chart.bars[0].label == "Home Health and Personal Care Aides (31-1120)"  # BLS titles as published
    pages, text = pdf_text(render_pdf(brief))
    assert pages == 1 and "RESUMEN DEL MERCADO LABORAL" in flat(text)


def test_unknown_program_is_refused(ref_con, example_records):
    records = open_records(example_records)
    try:
        with pytest.raises(LookupError, match="NOPE"):
            program_briefs(ref_con, records, DemandModel(ref_con), CodeResolver(ref_con), 10, ["NOPE"])
    finally:
        records.close()


# ------------------------------------------------------------------------------------------------ the command


def test_command_writes_region_briefs(reference_db, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    out = tmp_path / "briefs"
    assert briefs_main(["regions", HARTFORD, "0044180", "--out", str(out)]) == 0
    written = sorted(out.glob("*.pdf"))
    assert [p.name for p in written] == [
        "brief-0025540-hartford-west-hartford-east-hartford-ct.pdf",
        "brief-0044180-springfield-mo.pdf",
    ]
    for path in written:
        assert pdf_text(path.read_bytes())[0] == 1
    assert str(written[0]) in capsys.readouterr().out


def test_command_writes_an_occupation_in_each_region(reference_db, tmp_path, monkeypatch):
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    assert briefs_main(["regions", HARTFORD, "--occupation", NURSES, "--out", str(tmp_path)]) == 0
    [path] = tmp_path.glob("*.pdf")
    assert "13,850" in pdf_text(path.read_bytes())[1]


def test_command_writes_every_programs_brief(reference_db, example_records, tmp_path, monkeypatch):
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(example_records))
    monkeypatch.delenv("LMI_SMALL_CELL_THRESHOLD", raising=False)
    assert briefs_main(["programs", "--all", "--out", str(tmp_path)]) == 0
    written = sorted(tmp_path.glob("*.pdf"))
    assert len(written) == 9
    assert all(p.name.endswith("-generated-example-data.pdf") for p in written)
    assert all(GENERATED_LABEL in flat(pdf_text(p.read_bytes())[1]) for p in written)


def test_command_writes_briefs_in_spanish(reference_db, example_records, tmp_path, monkeypatch):
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(example_records))
    monkeypatch.delenv("LMI_SMALL_CELL_THRESHOLD", raising=False)
    assert briefs_main(["programs", "EX-CNC-COOP", "--lang", "es", "--out", str(tmp_path)]) == 0
    [path] = tmp_path.glob("*.pdf")
    text = flat(pdf_text(path.read_bytes())[1])
    assert "RESUMEN DEL PROGRAMA DE CAPACITACIÓN" in text and "Tasa de colocación" in text
    assert current_language() == "en"  # the command's language does not outlive it


def test_command_refuses_an_unknown_code_before_writing(reference_db, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    assert briefs_main(["regions", HARTFORD, "9999999", "--out", str(tmp_path / "out")]) == 2
    assert "9999999" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_links_name_the_view():
    assert links.link(links.EXPLORER_PATH, area=HARTFORD, occupation=NURSES) == (
        f"/?area={HARTFORD}&occupation={NURSES}"
    )  # the explorer is the default page: Streamlit serves it at the root, not at /occupations
    assert links.link("program", area=None, program="EX 1&2") == "/program?program=EX+1%262"
