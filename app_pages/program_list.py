"""Program outcomes: every recorded training program with its WIOA indicators and program measures and
its local fit (jobs, estimated openings and verdict over the BLS codes of its target occupations),
filtered and sorted, against the placement reference lines; totals by provider, type, funding stream or
exit year; and New Jersey's published ETPL outcomes as a separate, labelled table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lmi.i18n import _, ngettext
from lmi.programs import local_fit as program_fit
from lmi.programs import nj_etpl, outcomes, roi, tables
from lmi.programs.filters import SORTABLE, filter_programs, occupation_choices, sort_label, sort_programs
from lmi.programs.labels import SUPPRESSED_MEANING, funding_label, program_type_label
from lmi.records.docs import records_model_doc
from ui import nj_etpl_data, program_charts, records_data
from ui.components import csv_download, render_title, source_caption
from ui.figures import show_figure
from ui.records_view import generated_badge, no_programs_message, records_source, with_decision_columns


def main() -> None:
    render_title(_("Program outcomes"))
    threshold = records_data.threshold()
    render_intro(threshold)
    summaries = records_data.summaries(threshold)
    if summaries.empty:
        no_programs_message()
    else:
        render_programs(summaries, threshold)
    render_new_jersey()


def render_intro(threshold: int) -> None:
    st.write(
        _(
            "Where each training program stands: employment and earnings after exit, credentials, placement and "
            "cost, as the Department of Labor defines the WIOA indicators, with each program's earnings gain, "
            "payback period and WIOA scorecard against the negotiated levels. Figures about fewer than "
            "{threshold} people are suppressed to protect participants."
        ).format(threshold=threshold)
    )
    with st.expander(_("Definitions, cohorts and how small cells are protected")):
        st.markdown(records_model_doc())


def render_programs(summaries: pd.DataFrame, threshold: int) -> None:
    any_generated = bool(summaries.is_generated_example.any())
    generated_badge(any_generated)
    fit = records_data.local_fit()
    areas = records_data.area_names()
    chosen = tables.with_local_fit(render_filters(summaries, fit.targets, areas), fit.summary)
    chosen = render_sort(chosen)
    st.header(_("Programs ({shown} of {total})").format(shown=len(chosen), total=len(summaries)))
    if chosen.empty:
        st.info(_("No program matches these filters."))
        return
    note = render_program_table(chosen, areas, threshold, any_generated)
    render_placement_chart(chosen, note)
    render_totals(chosen, threshold, note)


def render_filters(summaries: pd.DataFrame, targets: pd.DataFrame, areas: dict[str, str]) -> pd.DataFrame:
    """Type, funding stream, region and target occupation (at its BLS code); returns the matching programs."""
    st.header(_("Filters"))
    cols = st.columns(4)
    types = cols[0].multiselect(
        _("Program type"),
        sorted(summaries.program_type.unique()),
        format_func=program_type_label,
        key="list_types",
    )
    funding = cols[1].multiselect(
        _("Funding stream"), sorted(summaries.funding_stream.unique()), format_func=funding_label, key="list_funding"
    )
    regions = cols[2].multiselect(
        _("Region"),
        sorted(summaries.region_area_code.unique()),
        format_func=lambda c: areas.get(c, c),
        key="list_regions",
    )
    titles = occupation_choices(targets)
    socs = cols[3].multiselect(
        _("Target occupation (BLS code)"),
        list(titles),
        format_func=lambda c: _("{title} (BLS {code})").format(title=titles.get(c) or c, code=c),
        key="list_occupations",
        help=_(
            "Programs whose target occupations lead to this BLS code: a program listing "
            "31-1121 Home Health Aides is found under 31-1120."
        ),
    )
    return filter_programs(summaries, targets, types, funding, regions, socs)


def render_sort(chosen: pd.DataFrame) -> pd.DataFrame:
    cols = st.columns([3, 1])
    sort_by = cols[0].selectbox(_("Sort by"), SORTABLE, format_func=sort_label, key="list_sort")
    descending = cols[1].toggle(_("Highest first"), value=True, key="list_descending")
    return sort_programs(chosen, sort_by, descending)


def render_program_table(chosen: pd.DataFrame, areas: dict[str, str], threshold: int, any_generated: bool) -> str:
    """The programs table with its source lines and CSV; returns the records source line for later captions."""
    table = with_decision_columns(tables.program_list_table(chosen, areas), chosen.program_id, threshold)
    st.dataframe(table, hide_index=True, width="stretch")
    note = records_source(threshold, any_generated)
    sentences = (
        _(SUPPRESSED_MEANING),
        _(outcomes.PLACEMENT_DEFINITIONS),
        _(roi.DEFINITIONS[roi.EARNINGS_GAIN]),
        _(roi.DEFINITIONS[roi.PAYBACK]),
        _(program_fit.PROGRAM_TOTALS_NOTE),
        _("Scorecard, return on investment and other details on Program detail."),
        _(program_fit.VERDICT_RULES),
    )
    st.caption(" ".join(sentences))
    csv_download(
        table,
        _("Download this table (CSV)"),
        "program-outcomes",
        f"{note} {records_data.fit_source()}",
        key="dl_program_list",
    )
    return note


def render_placement_chart(chosen: pd.DataFrame, note: str) -> None:
    st.header(_("Placement rate against the reference lines"))
    points = tables.placement_points(chosen)
    if points.empty:
        st.info(_("No program in this selection has a published placement rate yet."))
        return
    show_figure(program_charts.placement_bars(points), program_charts.placement_summary(points))
    hidden = len(chosen) - len(points)
    not_drawn = (
        ngettext(
            "{n} program with a suppressed placement rate is not drawn.",
            "{n} programs with a suppressed placement rate are not drawn.",
            hidden,
        ).format(n=hidden)
        if hidden
        else ""
    )
    st.caption(" ".join(part for part in (_(outcomes.REFERENCE_NOTE), not_drawn, note) if part))


def render_totals(chosen: pd.DataFrame, threshold: int, note: str) -> None:
    st.header(_("Totals"))
    by = st.radio(
        _("Add up by"),
        list(outcomes.AGGREGATE_BY),
        horizontal=True,
        key="list_aggregate",
        format_func=lambda key: _(outcomes.AGGREGATE_LABELS[key]),
    )
    totals = records_data.aggregates(by, tuple(sorted(chosen.program_id)), threshold)
    shown = tables.totals_table(totals, by)
    st.dataframe(shown, hide_index=True, width="stretch")
    st.caption(f"{_(outcomes.AGGREGATE_NOTE)} {note}")
    csv_download(shown, _("Download the totals (CSV)"), f"program-totals-by-{by}", note, key="dl_program_totals")


def render_new_jersey() -> None:
    """New Jersey's published provider x CIP outcomes: reference data, not records entered here."""
    st.divider()
    st.header(_(nj_etpl.SOURCE_LABEL))
    st.write(
        _(
            "Outcomes New Jersey publishes for its Eligible Training Provider List, by provider and CIP code "
            "(training category): share employed and average quarterly wage 2, 4 and 8 quarters after exit. These "
            "are New Jersey's own published figures (reference data), not records entered here. New Jersey "
            "suppressed some values; they read “{suppressed}”."
        ).format(suppressed=_(nj_etpl.SUPPRESSED))
    )
    cols = st.columns([2, 2, 1])
    search = cols[0].text_input(_("Search provider or training category"), key="nj_search")
    families = nj_etpl_data.cip_families()
    family = cols[1].selectbox(
        _("CIP family"),
        [None, *families.cip_family],
        format_func=lambda f: nj_etpl.family_label(families, f),
        key="nj_family",
    )
    sort_by = cols[2].selectbox(
        _("Sort by"), nj_etpl.SORTABLE, format_func=lambda c: _(nj_etpl.SORT_LABELS.get(c, c)), key="nj_sort"
    )
    counts = nj_etpl_data.counts()
    st.caption(
        _(
            "{rows:,} provider × CIP rows from {providers:,} providers; New Jersey suppressed the 2nd-quarter "
            "employment rate of {suppressed:,} of them. Showing up to {limit:,} rows."
        ).format(
            rows=counts["rows"],
            providers=counts["providers"],
            suppressed=counts["employed_q2_suppressed"],
            limit=nj_etpl.PUBLISHED_ROWS_LIMIT,
        )
    )
    shown = nj_etpl.readable_outcomes(nj_etpl_data.outcomes(search, family, sort_by))
    st.dataframe(shown, hide_index=True, width="stretch")
    note = source_caption(nj_etpl.SOURCE_KEY)
    csv_download(
        shown,
        _("Download New Jersey's published outcomes (CSV)"),
        "nj-etpl-published-outcomes",
        note,
        key="dl_nj_outcomes",
    )


main()
