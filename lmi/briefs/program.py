"""Program briefs, from the published (suppressed) outcome figures of ``lmi.programs.outcomes`` and the local
fit of ``lmi.programs.local_fit``: the WIOA indicators and program measures Program detail shows, its
published rates against the 37% and 89.3% placement references (the chart), the demand for its target
occupations in its region (the table), and the records' source line, which names generated example data.

``program_brief`` builds one brief from what a page already holds; ``program_briefs`` reads everything from
the two databases for the command line. Only published figures pass through here: a suppressed figure reads
"suppressed", never a number."""

from __future__ import annotations

from collections.abc import Mapping

import duckdb
import pandas as pd

from lmi.briefs import links
from lmi.briefs.content import (
    Bar,
    Brief,
    BriefFigure,
    Chart,
    ReferenceLine,
    Table,
    slug,
    sources_line,
    vintage_line,
)
from lmi.demand import DemandModel
from lmi.demand.codes import CodeResolver
from lmi.i18n import N_, _
from lmi.programs import local_fit, outcomes, published
from lmi.programs.labels import (
    SUPPRESSED,
    format_value,
    funding_label,
    program_type_label,
    records_source_note,
    suppression_rule,
)
from lmi.programs.outcomes import indicator_label
from lmi.records import queries

FIT_TARGETS_SHOWN = 5  # rows of the local-fit table
CHART_RATES = (
    "completed_count_rate",
    "employed_q2_count_rate",
    "employed_q4_count_rate",
    "credential_count_rate",
    "placement_rate",
)
NO_CREDENTIAL_INDICATOR = N_("n/a (excluded by DOL)")
TABLE_COLUMNS = ("numbers_for", "local_employment_count", "local_annual_openings_words", "fit_verdict")


def program_file_stem(program_id: str, program_name: str, generated: bool) -> str:
    """The file name (without .pdf) of a program brief; a generated example's says so."""
    stem = f"brief-program-{slug(program_id)}-{slug(program_name)}"
    return stem + "-generated-example-data" if generated else stem


def program_brief(
    ref_con: duckdb.DuckDBPyConnection,
    program: Mapping,
    overall: Mapping,
    credential_indicator: bool,
    region_name: str,
    records_note: str,
    fit: Mapping | None,
    targets: pd.DataFrame,
    threshold: int,
) -> Brief:
    """One program's brief, in the current language. ``program``: its row of ``outcomes.program_summaries``;
    ``overall`` and ``credential_indicator``: its ``ProgramReport``; ``records_note``:
    ``labels.records_source_note``; ``fit``/``targets``: its ``local_fit.ProgramsFit.of`` (None / empty without
    target occupations), made in the same language."""
    generated = bool(program.get("is_generated_example"))
    label = {column: indicator_label(column) for column in outcomes.INDICATOR_LABELS}
    placement = overall.get("placement_rate")
    figures = (
        BriefFigure(label["exiters_count"], format_value(overall.get("exiters_count"), "count")),
        BriefFigure(label["employed_q2_count_rate"], format_value(overall.get("employed_q2_count_rate"), "rate")),
        BriefFigure(label["employed_q4_count_rate"], format_value(overall.get("employed_q4_count_rate"), "rate")),
        BriefFigure(label["earnings_q2_median_usd"], format_value(overall.get("earnings_q2_median_usd"), "usd")),
        BriefFigure(
            label["credential_count_rate"],
            format_value(overall.get("credential_count_rate"), "rate")
            if credential_indicator
            else _(NO_CREDENTIAL_INDICATOR),
        ),
        BriefFigure(
            label["placement_rate"],
            format_value(placement, "rate"),
            outcomes.against_conventional(placement) or "",
        ),
        BriefFigure(label["cost_per_placement_usd"], format_value(overall.get("cost_per_placement_usd"), "usd")),
        _fit_figure(fit),
    )
    notes = [
        _(outcomes.REFERENCE_NOTE),
        _(outcomes.PLACEMENT_DEFINITIONS),
        suppression_rule(threshold),
    ]
    if fit is not None and fit.get("fit_note"):
        notes.append(_("Local fit in {region}: {note}").format(region=region_name, note=fit["fit_note"]))
    return Brief(
        kind="program",
        title=str(program["program_name"]),
        subtitle=" · ".join(
            (
                str(program["provider_name"]),
                program_type_label(program["program_type"], program.get("work_experience_hours")),
                funding_label(program["funding_stream"]),
                region_name,
            )
        ),
        figures=figures,
        chart=_rates_chart(overall, credential_indicator),
        table=_fit_table(targets, region_name),
        notes=tuple(notes),
        sources=_("{records} Local fit: {sources}").format(
            records=records_note, sources=sources_line(ref_con, local_fit.FIT_SOURCE_KEYS)
        ),
        vintage=vintage_line(ref_con, local_fit.FIT_SOURCE_KEYS),
        link=links.link(links.PROGRAM_PATH, area=str(program["region_area_code"]), program=str(program["program_id"])),
        file_stem=program_file_stem(str(program["program_id"]), str(program["program_name"]), generated),
        generated_example=generated,
    )


def _fit_figure(fit: Mapping | None) -> BriefFigure:
    words = local_fit.column_words("fit_verdict")[0]
    if fit is None:
        return BriefFigure(words, _(local_fit.NO_TARGETS))
    return BriefFigure(
        words,
        str(fit["fit_verdict"]),
        _("est. openings {openings}").format(openings=fit["local_annual_openings_words"]),
    )


def _rates_chart(overall: Mapping, credential_indicator: bool) -> Chart:
    """The program's published rates as bars (a suppressed rate is named, not drawn), with the two placement
    references as dashed lines."""
    bars = []
    for column in CHART_RATES:
        words = indicator_label(column)
        if column == "credential_count_rate" and not credential_indicator:
            bars.append(Bar(words, None, _(NO_CREDENTIAL_INDICATOR)))
            continue
        value = overall.get(column)
        shown = value is not None and not pd.isna(value)
        bars.append(
            Bar(
                words,
                float(value) if shown else None,
                format_value(value if shown else None, "rate"),
                highlight=column == "placement_rate",
            )
        )
    lines = tuple(
        ReferenceLine(rate, outcomes.percent_words(rate)) for rate, _words in outcomes.REFERENCE_PLACEMENT_RATES
    )
    in_words = "; ".join(f"{b.label}: {b.value_text}" for b in bars)
    return Chart(
        title=_("Published outcome rates of the program's exiters"),
        bars=tuple(bars),
        alt_text=_("{bars}. {reference_lines}; a bar reading “{suppressed}” is hidden to protect small groups.").format(
            bars=in_words, reference_lines=_(REFERENCE_LINES_SENTENCE), suppressed=_(SUPPRESSED)
        ),
        reference_lines=lines,
        scale_max=1.0,
    )


# ``outcomes.REFERENCE_LINES_DRAWN`` as the start of a sentence (the reference rates written out, as there)
REFERENCE_LINES_SENTENCE = N_("Dashed lines: the 37% and 89.3% placement references")


def _fit_table(targets: pd.DataFrame, region_name: str) -> Table | None:
    if targets is None or targets.empty:
        return None
    shown = local_fit.targets_as_text(targets.head(FIT_TARGETS_SHOWN))
    columns = tuple(local_fit.column_words(c)[0] for c in TABLE_COLUMNS)
    rows = tuple(tuple(str(v) for v in row) for row in shown[list(TABLE_COLUMNS)].itertuples(index=False))
    if len(targets) > FIT_TARGETS_SHOWN:
        title = _("Demand for its target occupations in {region} (first {shown} of {total})").format(
            region=region_name, shown=FIT_TARGETS_SHOWN, total=len(targets)
        )
    else:
        title = _("Demand for its target occupations in {region}").format(region=region_name)
    return Table(title, columns, rows, widths=(4.4, 1.4, 1.6, 1.6))


# ------------------------------------------------------------------------------------------------ from the databases


def program_briefs(
    ref_con: duckdb.DuckDBPyConnection,
    records_con: duckdb.DuckDBPyConnection,
    model: DemandModel,
    resolver: CodeResolver,
    threshold: int,
    program_ids: list[str] | None = None,
) -> list[Brief]:
    """Briefs of the given programs (all when None), read from the records store (its stored published
    tables, ``lmi.programs.published``, as the pages read them) and the reference database. Raises ``LookupError`` naming program IDs the records lack."""
    stored = queries.programs(records_con)
    wanted = list(stored.program_id) if program_ids is None else list(program_ids)
    unknown = [p for p in wanted if p not in set(stored.program_id)]
    if unknown:
        raise LookupError(_("no program {programs} in the records").format(programs=", ".join(map(repr, unknown))))
    reports = published.reports(records_con, threshold)  # the tables the pages read, stored per import
    summaries = outcomes.program_summaries(records_con, threshold, reports)
    fits = local_fit.programs_local_fit(ref_con, model, resolver, stored)
    names = local_fit.area_names(ref_con, list(summaries.region_area_code))
    status = queries.records_status(records_con)
    briefs = []
    for program_id in wanted:
        program = summaries[summaries.program_id == program_id].iloc[0].to_dict()
        report = reports[program_id]
        targets, fit = fits.of(program_id)
        generated = bool(program["is_generated_example"])
        briefs.append(
            program_brief(
                ref_con,
                program,
                report.overall,
                report.credential_indicator,
                names.get(program["region_area_code"], program["region_area_code"]),
                records_source_note(status, threshold, generated),
                None if fit is None else fit.to_dict(),
                targets,
                threshold,
            )
        )
    return briefs
