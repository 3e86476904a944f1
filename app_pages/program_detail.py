"""One training program: what it is, its WIOA indicators and program measures, its full WIOA scorecard
against the negotiated levels staff entered, its return on investment, trends by exit cohort, outcomes
by participant group (small cells suppressed), its employer partners, and its local fit: local demand
for the occupations it trains for, read from the one demand model at the BLS codes its target
occupations lead to, with a verdict per occupation and for the program, and employers' job postings for
those codes where staff imported them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lmi.i18n import _
from lmi.programs import local_fit as program_fit
from lmi.programs import outcomes, roi, scorecard, scorecard_tables, tables
from lmi.programs.labels import NOT_APPLICABLE, SUPPRESSED, format_value, suppression_rule
from lmi.programs.local_fit import NONE_RELEASED_HERE, column_words, jobs_words, targets_as_text
from lmi.records import vocab
from ui import briefs_view, data, links, posted_view, program_charts, records_data
from ui.components import csv_download, literal_markdown, md, render_title
from ui.figures import show_figure
from ui.records_view import (
    FIT_TARGET_DOWNLOAD,
    FIT_TARGET_SHOWN,
    fit_column_config,
    generated_badge,
    no_programs_message,
    pick_program,
    records_source,
)


def main() -> None:
    render_title(_("Program detail"))
    threshold = records_data.threshold()
    summaries = records_data.summaries(threshold)
    if summaries.empty:
        no_programs_message()
        return
    render_program_link(summaries)
    program_id = pick_program(summaries)
    program = summaries[summaries.program_id == program_id].iloc[0]
    report = records_data.reports(threshold)[program_id]
    generated_badge(bool(program.is_generated_example))
    note = render_facts(program, threshold)
    render_indicators(program, report)
    render_scorecard(program, threshold, note)
    render_roi(program, threshold, note)
    render_cohorts(program, report, note)
    render_equity(program, report, threshold, note)
    render_partners(program, note)
    render_local_fit(program, note)
    render_brief(program, threshold)
    st.caption(_("Suppressed figures read “{suppressed}”.").format(suppressed=_(SUPPRESSED)))


def render_program_link(summaries: pd.DataFrame) -> None:
    """A link's ``?program=`` that is not a recorded program is reported before the picker falls back."""
    links.check_program_link(summaries.program_id)


def render_facts(program: pd.Series, threshold: int) -> str:
    """The program's name and facts; returns the records source line for the sections below."""
    # as staff typed it, never Markdown; a fixed anchor, so the heading's own link carries no typed text
    st.header(literal_markdown(program.program_name), anchor="program")
    facts = tables.facts_table(program, records_data.area_names(), records_data.cip_titles())
    st.dataframe(facts, hide_index=True, width="stretch")
    return records_source(threshold, bool(program.is_generated_example))


def render_indicators(program: pd.Series, report: outcomes.ProgramReport) -> None:
    st.subheader(_("WIOA indicators and program measures"))
    overall, credential = report.overall, report.credential_indicator
    cols = st.columns(4)
    cols[0].metric(
        _("Employment rate, 2nd quarter after exit"), format_value(overall.get("employed_q2_count_rate"), "rate")
    )
    cols[1].metric(
        _("Employment rate, 4th quarter after exit"), format_value(overall.get("employed_q4_count_rate"), "rate")
    )
    cols[2].metric(
        _("Median earnings, 2nd quarter after exit"), format_value(overall.get("earnings_q2_median_usd"), "usd")
    )
    cols[3].metric(
        _("Credential attainment rate"),
        format_value(overall.get("credential_count_rate"), "rate") if credential else _("n/a"),
        help=None if credential else _(NOT_APPLICABLE),
    )
    cols = st.columns(4)
    placement = overall.get("placement_rate")
    cols[0].metric(
        _("Placement rate (of exiters)"),
        format_value(placement, "rate"),
        delta=outcomes.against_conventional(placement),
        delta_color="normal",
    )
    cols[1].metric(
        _("Training-related share of placements"), format_value(overall.get("training_related_rate"), "rate")
    )
    cols[2].metric(_("Cost per placement"), format_value(overall.get("cost_per_placement_usd"), "usd"))
    cols[3].metric(
        _("Cost per credential"),
        format_value(overall.get("cost_per_credential_usd"), "usd") if credential else _("n/a"),
    )
    cohort = _(
        "Participants enrolled: {enrolled}; exiters with complete follow-up (the cohort behind every indicator): "
        "{exiters}."
    ).format(
        enrolled=format_value(program.enrolled_count, "count"),
        exiters=format_value(overall.get("exiters_count"), "count"),
    )
    st.caption(f"{cohort} {_(outcomes.REFERENCE_NOTE)}")


def render_scorecard(program: pd.Series, threshold: int, note: str) -> None:
    """The six WIOA primary indicators of a program year against the levels staff entered, scored as DOL
    scores them, and the new indicators by program year."""
    st.subheader(_("WIOA scorecard against the negotiated levels"))
    card = records_data.scorecards(threshold)[program.program_id]
    years = scorecard_tables.years_with_figures(card)
    if not years:
        st.info(_("No published figure and no level for this program yet, so there is no scorecard to show."))
        return
    year = st.selectbox(
        _("Program year"),
        years,
        index=years.index(scorecard_tables.default_year(card)),
        format_func=lambda y: _("PY{year} (Jul {year}–Jun {next_year})").format(year=y, next_year=y + 1),
        key="scorecard_year",
    )
    st.markdown(scorecard_tables.year_verdict(card, year))
    table = scorecard_tables.year_table(card, year)
    st.dataframe(table, hide_index=True, width="stretch")
    st.caption(md(_(scorecard.SCORING_RULES)))
    st.caption(" ".join(scorecard_tables.notes(card)) + f" {note}")
    csv_download(
        table,
        _("Download this scorecard (CSV)"),
        f"{program.program_name}-scorecard-PY{year}",
        note,
        key="dl_scorecard",
    )
    with st.expander(_("Overall program score by program year")):
        st.dataframe(scorecard_tables.years_table(card), hide_index=True, width="stretch")
    with st.expander(_("Definitions of the indicators")):
        st.markdown("\n".join(f"- **{scorecard_tables.label(k)}**: {_(v)}" for k, v in scorecard.DEFINITIONS.items()))
    render_new_indicators(program, card, note)


def render_new_indicators(program: pd.Series, card: scorecard.Scorecard, note: str) -> None:
    """Measurable skill gains and effectiveness in serving employers by program year, suppressed."""
    st.markdown("#### " + _("Measurable skill gains and effectiveness in serving employers, by program year"))
    for indicator in scorecard_tables.NEW_INDICATORS:
        shown = scorecard_tables.new_indicator_table(card, indicator)
        if shown is None:
            st.caption(
                _("{indicator}: not shown — {reason}.").format(
                    indicator=scorecard_tables.label(indicator), reason=card.missing.get(indicator, "")
                )
            )
            continue
        st.dataframe(shown, hide_index=True, width="stretch")
        reasons = scorecard_tables.hidden_reasons(card, indicator)
        if reasons:
            st.caption(_("Suppressed: {reasons}.").format(reasons="; ".join(reasons)))
        csv_download(
            shown,
            _("Download {indicator} (CSV)").format(indicator=scorecard_tables.label(indicator).lower()),
            f"{program.program_name}-{indicator}",
            note,
            key=f"dl_{indicator}",
        )


def render_roi(program: pd.Series, threshold: int, note: str) -> None:
    """Earnings gain, payback, cost per placement and per credential, each with its definition and the records
    it rests on; a measure lacking an input says which."""
    st.subheader(_("Return on investment"))
    measures = records_data.returns(threshold)[program.program_id]
    cols = st.columns(2)
    for col, key in zip(cols, (roi.EARNINGS_GAIN, roi.PAYBACK)):
        measure = measures.measure(key)
        col.metric(measure.label, roi.short_words(measure), help=measure.definition)
    table = roi.roi_table(measures, bool(program.is_generated_example))
    st.dataframe(table, hide_index=True, width="stretch")
    st.caption(f"{_(roi.CAVEAT)} {note}")
    csv_download(table, _("Download return on investment (CSV)"), f"{program.program_name}-roi", note, key="dl_roi")


def render_cohorts(program: pd.Series, report: outcomes.ProgramReport, note: str) -> None:
    st.subheader(_("Trend by exit cohort (WIOA program year)"))
    table = tables.cohort_table(report)
    if len(table) <= 1:
        st.info(_("No exiter of this program has complete follow-up yet, so there is no cohort to show."))
        return
    st.dataframe(table, hide_index=True, width="stretch")
    rates = tables.cohort_rates(report)
    if rates.empty:
        st.caption(_("Every cohort rate of this program is suppressed, so there is no trend to draw."))
    else:
        show_figure(program_charts.cohort_trend(rates), program_charts.cohort_summary(rates))
        st.caption(
            _("Only published cohort rates are drawn; {reference_lines}.").format(
                reference_lines=_(outcomes.REFERENCE_LINES_DRAWN)
            )
        )
    st.caption(note)
    csv_download(
        table, _("Download the cohort table (CSV)"), f"{program.program_name}-cohorts", note, key="dl_detail_cohorts"
    )


def render_equity(program: pd.Series, report: outcomes.ProgramReport, threshold: int, note: str) -> None:
    st.subheader(_("Outcomes by participant group"))
    st.write(f"{_('Who the program serves well.')} {suppression_rule(threshold)}")
    dimension = st.selectbox(
        _("Group participants by"),
        outcomes.EQUITY_DIMENSIONS,
        format_func=lambda d: _(vocab.DIMENSIONS[d][1]),
        key="detail_dimension",
    )
    table = tables.equity_table(report, dimension)
    st.dataframe(table, hide_index=True, width="stretch")
    reasons = tables.suppression_reasons(report, dimension)
    if reasons:
        with st.expander(_("Why cells are suppressed")):
            st.markdown("\n".join(f"- {r}" for r in reasons))
    st.caption(note)
    csv_download(
        table,
        _("Download this breakdown (CSV)"),
        f"{program.program_name}-by-{dimension}",
        note,
        key="dl_detail_equity",
    )


def render_partners(program: pd.Series, note: str) -> None:
    partners = records_data.partners(program.program_id)
    st.subheader(_("Employer partners"))
    if partners.empty:
        st.caption(_("No employer has a recorded hiring commitment with this program."))
        return
    shown = tables.partners_table(partners)
    st.dataframe(shown, hide_index=True, width="stretch")
    hires = tables.partners_note(partners)
    st.caption(f"{hires} {note}" if hires else note)
    csv_download(
        shown,
        _("Download employer partners (CSV)"),
        f"{program.program_name}-employer-partners",
        note,
        key="dl_detail_partners",
    )


def render_local_fit(program: pd.Series, note: str) -> None:
    st.subheader(_("Local fit: demand for its target occupations"))
    region = records_data.area_names().get(program.region_area_code, program.region_area_code)
    targets, fit = records_data.local_fit().of(program.program_id)
    if targets.empty:
        st.info(fit.fit_note if fit is not None else _("No target occupation is recorded for this program."))
        return
    st.write(
        _(
            "Employer demand in **{region}** for the occupations the program trains for ({basis}), at the codes "
            "BLS publishes numbers for."
        ).format(region=region, basis=fit.target_basis)
    )
    render_fit_metrics(fit)
    st.caption(fit.fit_note)
    st.dataframe(
        targets_as_text(targets), hide_index=True, width="stretch", column_config=fit_column_config(FIT_TARGET_SHOWN)
    )
    with st.expander(_("How local fit is worked out")):
        st.markdown(md(f"{_(program_fit.READ_AT_BLS_CODES)}\n\n{data.openings_method()}"))
    st.caption(md(f"{_(program_fit.VERDICT_RULES)} {data.source_note(program_fit.FIT_SOURCE_KEYS)}"))
    csv_download(
        lambda: program_fit.for_download(targets, FIT_TARGET_DOWNLOAD),
        _("Download local fit (CSV)"),
        f"{program.program_name}-local-fit",
        f"{records_data.fit_source()} {note}",
        key="dl_detail_fit",
    )
    render_fit_postings(program, targets)


def render_fit_postings(program: pd.Series, targets: pd.DataFrame) -> None:
    """Employers' job postings for the BLS codes the targets lead to, beside the OEWS figures above (or one line
    saying how to import postings)."""
    codes = tuple(dict.fromkeys(code for code in targets.soc_code if isinstance(code, str)))
    posted_view.render_codes_postings(
        program.region_area_code, codes, f"{program.program_name}-postings", key="dl_detail_postings"
    )


def render_brief(program: pd.Series, threshold: int) -> None:
    """The program's one-page PDF brief (the page's print version)."""
    briefs_view.render_program_brief(
        program.program_id, program.program_name, bool(program.is_generated_example), threshold
    )


def render_fit_metrics(fit: pd.Series) -> None:
    """The program's local jobs, estimated openings and verdict over its target occupations' BLS codes."""
    jobs_label, jobs_help = column_words("local_employment_count", summary=True)
    cols = st.columns(3)
    cols[0].metric(jobs_label, jobs_words(fit.local_employment_count, NONE_RELEASED_HERE), help=jobs_help)
    cols[1].metric(
        _("Estimated openings a year here"),
        fit.local_annual_openings_words,
        help=column_words("local_annual_openings_est_count", summary=True)[1],
    )
    cols[2].metric(_("Local fit"), fit.fit_verdict, help=column_words("fit_verdict")[1])


main()
