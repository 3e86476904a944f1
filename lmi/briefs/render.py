"""Draw a ``Brief`` on one US Letter page with fpdf2 and return the PDF's bytes.

Only fpdf2's core fonts (Helvetica) are used, so no font file or system font is needed; every string goes
through ``text.pdf_safe`` first (Windows-1252 holds Spanish's accents, ñ, ü, ¿ and ¡). The renderer's own words
(banner, "In words", footer) and the PDF's language tag are in the brief's language (``Brief.language``). The chart is drawn with fpdf2's own rectangles and lines. Page breaks are
off and each part is measured before it is drawn: the notes are cut (ending in "…") where they would run
into the footer, so the brief is always exactly one page, and the footer (sources, vintage, link, the
generated-example label) is always whole."""

from __future__ import annotations

import math

from fpdf import FPDF
from fpdf.enums import MethodReturnValue

from lmi.briefs.content import PRINT_NOTE, Brief, BriefFigure, Chart, Table, generated_banner
from lmi.briefs.text import ENCODING, pdf_safe
from lmi.i18n import N_, _, use_language
from lmi.programs.labels import GENERATED_LABEL

FONT = "Helvetica"
MARGIN_MM = 12.0
GAP_MM = 3.0
FIGURES_PER_ROW = 4
FIGURE_BOX_MM = 22.0
BAR_ROW_MM = 8.0
BAR_LABEL_MM = 68.0
BAR_VALUE_MM = 40.0
TABLE_ROW_MM = 4.8
ELLIPSIS = "…"
DASHBOARD_NAME = N_("Local Labor Market Dashboard")

INK = (33, 37, 41)
MUTED = (90, 96, 104)
RULE = (190, 196, 204)
BOX = (244, 246, 249)
BAR = (126, 163, 204)
BAR_HIGHLIGHT = (31, 78, 121)
REFERENCE = (178, 34, 34)
BANNER = (255, 214, 153)
PDF_LANGUAGE_TAGS = {"en": "en-US", "es": "es-US"}  # the PDF's /Lang, for screen readers


def render_pdf(brief: Brief) -> bytes:
    """The brief as a one-page PDF, in the brief's language."""
    with use_language(brief.language):
        return _render(brief)


def _render(brief: Brief) -> bytes:
    pdf = _new_pdf(brief)
    width = pdf.w - 2 * MARGIN_MM
    footer_top = pdf.h - MARGIN_MM - _footer_height(pdf, brief, width)
    if brief.generated_example:
        _banner(pdf, width)
    _header(pdf, brief, width)
    _figures(pdf, brief.figures, width)
    _chart(pdf, brief.chart, width)
    if brief.table is not None:
        _table(pdf, brief.table, width)
    _notes(pdf, brief.notes, width, footer_top - 2)
    _footer(pdf, brief, width, footer_top)
    return bytes(pdf.output())


def _new_pdf(brief: Brief) -> FPDF:
    pdf = FPDF(orientation="portrait", unit="mm", format="Letter")
    pdf.core_fonts_encoding = ENCODING
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_title(pdf_safe(f"{brief.kicker}: {brief.title}"))
    pdf.set_subject(pdf_safe(brief.subtitle))
    pdf.set_author(pdf_safe(_(DASHBOARD_NAME)))
    pdf.set_creator(pdf_safe(_("{dashboard} (lmi.briefs, fpdf2)").format(dashboard=_(DASHBOARD_NAME))))
    pdf.set_lang(PDF_LANGUAGE_TAGS.get(brief.language, "en-US"))
    pdf.add_page()
    pdf.set_text_color(*INK)
    return pdf


# ------------------------------------------------------------------------------------------------ text helpers


def _font(pdf: FPDF, size: float, style: str = "", color: tuple[int, int, int] = INK) -> None:
    pdf.set_font(FONT, style, size)
    pdf.set_text_color(*color)


def _line_mm(size: float) -> float:
    """Line height for a font size in points (1.2 x the size, in mm)."""
    return size * 1.2 * 25.4 / 72


def _lines(pdf: FPDF, width: float, text: str) -> list[str]:
    """How ``text`` wraps at ``width`` in the current font."""
    if not text:
        return []
    lines = pdf.multi_cell(width, 4, pdf_safe(text), dry_run=True, output=MethodReturnValue.LINES)
    # fpdf2 returns the lines already encoded for the core font (Windows-1252 bytes read as Latin-1)
    return [line.encode("latin-1").decode(ENCODING) for line in lines]


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """``text`` cut to ``width`` in the current font, ending in "…" when cut."""
    text = pdf_safe(text)
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + ELLIPSIS) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def _clipped(pdf: FPDF, width: float, text: str, max_lines: int) -> list[str]:
    """The wrapped lines of ``text``, at most ``max_lines``, the last one ending in "…" when cut."""
    lines = _lines(pdf, width, text)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    kept[-1] = _fit(pdf, kept[-1] + " " + lines[max_lines], width - 1)
    if not kept[-1].endswith(ELLIPSIS):
        kept[-1] = _fit(pdf, kept[-1] + ELLIPSIS * 40, width - 1)
    return kept


def _write(pdf: FPDF, x: float, y: float, width: float, lines: list[str], height: float, align: str = "L") -> float:
    """Write ``lines`` from (x, y); returns the y under them."""
    for line in lines:
        pdf.set_xy(x, y)
        pdf.cell(width, height, pdf_safe(line), align=align)
        y += height
    return y


# ------------------------------------------------------------------------------------------------ parts


def _banner(pdf: FPDF, width: float) -> None:
    _font(pdf, 8, "B")
    lines = _lines(pdf, width - 4, generated_banner())
    top, height = pdf.get_y(), len(lines) * _line_mm(8) + 2.5
    pdf.set_fill_color(*BANNER)
    pdf.rect(MARGIN_MM, top, width, height, style="F")
    _write(pdf, MARGIN_MM + 2, top + 1.2, width - 4, lines, _line_mm(8))
    pdf.set_y(top + height + 2.5)


def _header(pdf: FPDF, brief: Brief, width: float) -> None:
    y = pdf.get_y()
    _font(pdf, 8, "B", MUTED)
    y = _write(pdf, MARGIN_MM, y, width, [brief.kicker.upper()], _line_mm(8))
    size = 17.0
    _font(pdf, size, "B")
    while size > 11 and pdf.get_string_width(pdf_safe(brief.title)) > width:
        size -= 0.5
        _font(pdf, size, "B")
    y = _write(pdf, MARGIN_MM, y + 0.5, width, _clipped(pdf, width, brief.title, 2), _line_mm(size))
    _font(pdf, 8.5, "", MUTED)
    y = _write(pdf, MARGIN_MM, y + 0.5, width, _clipped(pdf, width, brief.subtitle, 2), _line_mm(8.5))
    pdf.set_draw_color(*RULE)
    pdf.line(MARGIN_MM, y + 1.5, MARGIN_MM + width, y + 1.5)
    pdf.set_y(y + 3.5)


def _figures(pdf: FPDF, figures: tuple[BriefFigure, ...], width: float) -> None:
    if not figures:
        return
    per_row = len(figures) if len(figures) <= FIGURES_PER_ROW + 1 else FIGURES_PER_ROW
    box = (width - (per_row - 1) * GAP_MM) / per_row
    top = pdf.get_y()
    for index, figure in enumerate(figures):
        row, column = divmod(index, per_row)
        x, y = MARGIN_MM + column * (box + GAP_MM), top + row * (FIGURE_BOX_MM + GAP_MM)
        pdf.set_fill_color(*BOX)
        pdf.rect(x, y, box, FIGURE_BOX_MM, style="F")
        inner = box - 4
        _font(pdf, 7, "", MUTED)
        after = _write(pdf, x + 2, y + 1.5, inner, _clipped(pdf, inner, figure.label, 2), _line_mm(7))
        size = 12.5
        _font(pdf, size, "B")
        while size > 8 and pdf.get_string_width(pdf_safe(figure.value)) > inner:
            size -= 0.5
            _font(pdf, size, "B")
        value_y = max(after, y + 1.5 + 2 * _line_mm(7)) + 0.3
        after = _write(pdf, x + 2, value_y, inner, [_fit(pdf, figure.value, inner)], _line_mm(size))
        if figure.note:
            _font(pdf, 6.3, "", MUTED)
            room = max(1, int((y + FIGURE_BOX_MM - 0.8 - after) // _line_mm(6.3)))
            _write(pdf, x + 2, after, inner, _clipped(pdf, inner, figure.note, min(2, room)), _line_mm(6.3))
    rows = math.ceil(len(figures) / per_row)
    pdf.set_y(top + rows * FIGURE_BOX_MM + (rows - 1) * GAP_MM + 4)


def _chart(pdf: FPDF, chart: Chart, width: float) -> None:
    y = pdf.get_y()
    _font(pdf, 9.5, "B")
    y = _write(pdf, MARGIN_MM, y, width, _clipped(pdf, width, chart.title, 2), _line_mm(9.5))
    bar_left = MARGIN_MM + BAR_LABEL_MM + 2
    bar_width = width - BAR_LABEL_MM - BAR_VALUE_MM - 4
    axis_max = chart.axis_max()
    top = y + (4.0 if chart.reference_lines else 1.0)
    for index, bar in enumerate(chart.bars):
        row_y = top + index * BAR_ROW_MM
        _font(pdf, 7.2, "B" if bar.highlight else "", INK)
        label_lines = _clipped(pdf, BAR_LABEL_MM, bar.label, 2)
        line_h = _line_mm(7.2)
        _write(pdf, MARGIN_MM, row_y + (BAR_ROW_MM - len(label_lines) * line_h) / 2, BAR_LABEL_MM, label_lines, line_h)
        if bar.value is not None and not math.isnan(bar.value):
            length = max(0.4, bar_width * max(0.0, bar.value) / axis_max)
            pdf.set_fill_color(*(BAR_HIGHLIGHT if bar.highlight else BAR))
            pdf.rect(bar_left, row_y + 1.2, min(length, bar_width), BAR_ROW_MM - 2.4, style="F")
            _font(pdf, 7.5, "B" if bar.highlight else "", INK)
        else:
            _font(pdf, 7.5, "I", MUTED)
        value_lines = _clipped(pdf, BAR_VALUE_MM, bar.value_text, 2)
        _write(
            pdf,
            bar_left + bar_width + 2,
            row_y + (BAR_ROW_MM - len(value_lines) * _line_mm(7.5)) / 2,
            BAR_VALUE_MM,
            value_lines,
            _line_mm(7.5),
        )
    bottom = top + len(chart.bars) * BAR_ROW_MM
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.3)
    pdf.line(bar_left, top, bar_left, bottom)
    for line in chart.reference_lines:
        x = bar_left + bar_width * min(line.value, axis_max) / axis_max
        pdf.set_draw_color(*REFERENCE)
        pdf.set_dash_pattern(dash=1.2, gap=1.0)
        pdf.line(x, top - 0.5, x, bottom)
        pdf.set_dash_pattern()
        _font(pdf, 6.5, "B", REFERENCE)
        text = pdf_safe(line.label)
        pdf.set_xy(x - pdf.get_string_width(text) / 2 - 0.5, top - 3.6)
        pdf.cell(pdf.get_string_width(text) + 1, 3, text)
    pdf.set_line_width(0.2)
    _font(pdf, 6.6, "", MUTED)
    y = _write(
        pdf,
        MARGIN_MM,
        bottom + 1.2,
        width,
        _clipped(pdf, width, _("In words: {text}").format(text=chart.alt_text), 4),
        _line_mm(6.6),
    )
    pdf.set_y(y + 2.5)


def _table(pdf: FPDF, table: Table, width: float) -> None:
    y = pdf.get_y()
    _font(pdf, 8.5, "B")
    y = _write(pdf, MARGIN_MM, y, width, [_fit(pdf, table.title, width)], _line_mm(8.5)) + 0.5
    weights = table.widths or tuple(1.0 for _column in table.columns)
    widths = [width * w / sum(weights) for w in weights]
    _font(pdf, 6.8, "B")
    heads = [_clipped(pdf, w - 1.5, c, 2) for w, c in zip(widths, table.columns)]
    head_h = max(len(h) for h in heads) * _line_mm(6.8) + 1
    pdf.set_fill_color(*BOX)
    pdf.rect(MARGIN_MM, y, width, head_h, style="F")
    x = MARGIN_MM
    for w, lines in zip(widths, heads):
        _write(pdf, x + 0.7, y + 0.5, w - 1.4, lines, _line_mm(6.8))
        x += w
    y += head_h
    _font(pdf, 7.5, "")
    pdf.set_draw_color(*RULE)
    for row in table.rows:
        x = MARGIN_MM
        for w, cell in zip(widths, row):
            pdf.set_xy(x + 0.7, y)
            pdf.cell(w - 1.4, TABLE_ROW_MM, _fit(pdf, cell, w - 1.6))
            x += w
        y += TABLE_ROW_MM
        pdf.line(MARGIN_MM, y, MARGIN_MM + width, y)
    pdf.set_y(y + 3)


def _notes(pdf: FPDF, notes: tuple[str, ...], width: float, bottom: float) -> None:
    """The notes, each a paragraph; cut where they would reach ``bottom``."""
    y = pdf.get_y()
    size = 7.2
    line_h = _line_mm(size)
    _font(pdf, size, "", MUTED)
    for note in notes:
        room = int((bottom - y) // line_h)
        if room < 1:
            return
        lines = _clipped(pdf, width, note, room)
        y = _write(pdf, MARGIN_MM, y, width, lines, line_h) + 0.8


def _footer_lines(pdf: FPDF, brief: Brief, width: float) -> list[tuple[str, list[str]]]:
    """(style, wrapped lines) of the footer, in the footer's font size."""
    _font(pdf, 6.5, "B")
    parts = []
    if brief.generated_example:
        contains = _("Contains {generated}: not real programs, people or outcomes.").format(
            generated=_(GENERATED_LABEL)
        )
        parts.append(("B", _lines(pdf, width, contains)))
    _font(pdf, 6.5, "")
    parts.append(("", _lines(pdf, width, brief.sources)))
    parts.append(("", _lines(pdf, width, brief.vintage)))
    parts.append(
        (
            "",
            _lines(
                pdf,
                width,
                _("Open this view in the dashboard: {link} · Made {day} by the {dashboard}. {note}").format(
                    link=brief.link, day=brief.made_on.isoformat(), dashboard=_(DASHBOARD_NAME), note=_(PRINT_NOTE)
                ),
            ),
        )
    )
    return parts


def _footer_height(pdf: FPDF, brief: Brief, width: float) -> float:
    lines = sum(len(lines) for _style, lines in _footer_lines(pdf, brief, width))
    return lines * _line_mm(6.5) + 2.5


def _footer(pdf: FPDF, brief: Brief, width: float, top: float) -> None:
    pdf.set_draw_color(*RULE)
    pdf.line(MARGIN_MM, top, MARGIN_MM + width, top)
    y = top + 1.5
    for style, lines in _footer_lines(pdf, brief, width):
        _font(pdf, 6.5, style, INK if style else MUTED)
        y = _write(pdf, MARGIN_MM, y, width, lines, _line_mm(6.5))
