"""What a one-page brief holds, independent of how it is drawn: a title, key figures, one chart (with
its text alternative), one small table, notes, and where the numbers come from and how recent they are.

Every string is final wording (the page's own words and formats) in the language the brief is made in
(``Brief.language``, the current one when it is made); ``lmi.briefs.render`` only lays it out, and its own
words come in the brief's language too. ``generated_example`` makes the renderer print the "generated example
data" banner and footer."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import duckdb

from lmi.i18n import N_, _, current_language, use_language
from lmi.programs.labels import GENERATED_LABEL
from lmi.provenance import data_vintages, source_note, source_short_name

GENERATED_BANNER = N_(
    "{generated}: made-up programs and people, created to show how the dashboard works; not real outcomes."
)
PRINT_NOTE = N_(
    "This brief is the print version of the dashboard page: browser printing leaves its tables and charts blank."
)
KICKERS = {
    "region": N_("Labor-market brief"),
    "program": N_("Training program brief"),
    "layoff": N_("Layoff response plan"),
}


def generated_banner() -> str:
    """The banner of a brief with generated example data, in the current language."""
    return _(GENERATED_BANNER).format(generated=_(GENERATED_LABEL).upper())


@dataclass(frozen=True)
class BriefFigure:
    """One key figure: its label, its value as the page shows it, and an optional short note under it."""

    label: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class Bar:
    """One bar: its label, the value drawn (None: nothing drawn, ``value_text`` says why) and the value in
    words. ``highlight`` marks the bar the brief is about (drawn darker and named in its label too)."""

    label: str
    value: float | None
    value_text: str
    highlight: bool = False


@dataclass(frozen=True)
class ReferenceLine:
    value: float
    label: str


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart from zero; ``scale_max`` fixes the axis (1.0 for rates), otherwise the
    largest bar or reference line sets it. ``alt_text`` says what the chart shows, in words."""

    title: str
    bars: tuple[Bar, ...]
    alt_text: str
    reference_lines: tuple[ReferenceLine, ...] = ()
    scale_max: float | None = None

    def axis_max(self) -> float:
        values = [b.value for b in self.bars if b.value is not None and not math.isnan(b.value)]
        values += [line.value for line in self.reference_lines]
        if self.scale_max is not None:
            values.append(self.scale_max)
        top = max(values, default=0.0)
        return top if top > 0 else 1.0


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # relative column widths (equal when empty)


@dataclass(frozen=True)
class Brief:
    """A one-page brief ready to draw."""

    kind: str  # "region" or "program": the kicker above the title
    title: str
    subtitle: str
    figures: tuple[BriefFigure, ...]
    chart: Chart
    sources: str  # "Source: BLS OEWS May 2025 (public domain); ..."
    vintage: str  # data vintages and the database build
    link: str  # the dashboard link that opens the same view
    file_stem: str
    table: Table | None = None
    notes: tuple[str, ...] = ()
    generated_example: bool = False
    made_on: dt.date = field(default_factory=dt.date.today)
    language: str = field(default_factory=current_language)  # the language its words are in

    @property
    def kicker(self) -> str:
        """What kind of brief it is, in the brief's language."""
        with use_language(self.language):
            return _(KICKERS[self.kind]) if self.kind in KICKERS else _("Brief")


def vintage_line(con: duckdb.DuckDBPyConnection, source_keys: tuple[str, ...]) -> str:
    """ "Data vintages: BLS OEWS May 2025; ... Database built 2026-11-25 ... (build ...)." for the sources a
    brief uses, as the reference database records them."""
    vintages = data_vintages(con)
    versions = vintages["versions"]
    parts = [f"{source_short_name(k)} {versions[k]}" for k in source_keys if k in versions]
    line = _("Data vintages: {vintages}.").format(vintages="; ".join(parts)) if parts else ""
    if vintages["built_utc"]:
        line += " " + _("Reference database built {built} (build {build}).").format(
            built=vintages["built_utc"], build=vintages["build_id"]
        )
    return line.strip()


def sources_line(con: duckdb.DuckDBPyConnection, source_keys: tuple[str, ...]) -> str:
    return source_note(con, *source_keys)


def slug(text: str) -> str:
    """A file-name part: lower-case letters, digits and single hyphens."""
    out, dash = [], False
    for char in text.lower():
        if char.isascii() and char.isalnum():
            out.append(char)
            dash = False
        elif not dash:
            out.append("-")
            dash = True
    return "".join(out).strip("-")[:80] or "brief"
