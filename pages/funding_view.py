"""Funding view: compare programs on outcomes, cost per placement and local fit, by funding stream,
against the placement reference lines; and New Jersey's published ETPL program sample, whose costs and
credentials sit beside New Jersey's published outcomes for the same provider and CIP code."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lmi.programs import local_fit as program_fit
from lmi.programs import nj_etpl, outcomes, tables
from lmi.programs.filters import filter_programs
from lmi.programs.labels import funding_label
from ui import data, nj_etpl_data, program_charts, records_data
from ui.components import csv_download, md, source_caption
from ui.records_view import generated_badge, no_programs_message, records_source


def main() -> None:
    st.title("Funding view")
    st.write(
        "Which programs turn funding into jobs: outcomes and cost per placement side by side with local "
        "demand for the occupations each program trains for."
    )
    threshold = records_data.threshold()
    summaries = records_data.summaries(threshold)
    if summaries.empty:
        no_programs_message()
    else:
        render_programs(summaries, threshold)
    render_new_jersey_sample()


def render_programs(summaries: pd.DataFrame, threshold: int) -> None:
    any_generated = bool(summaries.is_generated_example.any())
    generated_badge(any_generated)
    streams = st.multiselect(
        "Funding streams", sorted(summaries.funding_stream.unique()), format_func=funding_label, key="funding_streams"
    )
    fit = records_data.local_fit()
    chosen = tables.with_local_fit(filter_programs(summaries, fit.targets, funding_streams=streams), fit.summary)
    note = records_source(threshold, any_generated, write=False)
    render_comparison(chosen, note)
    render_cost_chart(chosen, note)
    render_stream_totals(chosen, threshold, note)


def render_comparison(chosen: pd.DataFrame, note: str) -> None:
    st.subheader("Programs compared")
    table = tables.funding_table(chosen, records_data.area_names())
    st.dataframe(table, hide_index=True, width="stretch")
    source_line = data.source_note(program_fit.FIT_SOURCE_KEYS)
    st.caption(f"{program_fit.SUMMARY_NOTE} {program_fit.VERDICT_RULES} {md(source_line)} {note}")
    csv_download(
        table,
        "Download the comparison (CSV)",
        "funding-view-programs",
        f"{note} {records_data.fit_source()}",
        key="dl_funding_programs",
    )


def render_cost_chart(chosen: pd.DataFrame, note: str) -> None:
    st.subheader("Cost per placement and placement rate")
    points = tables.cost_placement_points(chosen)
    if points.empty:
        st.info("No program in this selection has both figures published.")
        return
    st.altair_chart(program_charts.cost_placement_scatter(points), width="stretch")
    st.caption(
        f"{outcomes.REFERENCE_NOTE} Bottom right is best: many placements for little money. Circle size: local "
        "jobs in the target occupations (programs whose jobs BLS did not release are drawn smallest; the table "
        f"above says which). {note}"
    )


def render_stream_totals(chosen: pd.DataFrame, threshold: int, note: str) -> None:
    st.subheader("By funding stream")
    totals = records_data.aggregates("funding_stream", tuple(sorted(chosen.program_id)), threshold)
    shown = tables.totals_table(totals, "funding_stream", tables.FUNDING_TOTALS_COLUMNS)
    st.dataframe(shown, hide_index=True, width="stretch")
    st.caption(
        "Each total adds up only the figures published for its programs, so it reveals nothing the program "
        f"rows do not. {note}"
    )
    csv_download(
        shown, "Download totals by funding stream (CSV)", "funding-stream-totals", note, key="dl_funding_totals"
    )


def render_new_jersey_sample() -> None:
    """New Jersey's ETPL program sample beside its published outcomes for the same provider and CIP code."""
    st.divider()
    st.header(f"{nj_etpl.SOURCE_LABEL}: program costs beside published outcomes")
    sample = nj_etpl_data.program_sample()
    st.write(
        f"New Jersey's ETPL program sample ({len(sample):,} programs with costs and credentials) beside the "
        "outcomes New Jersey publishes for the same provider and CIP code, and the New Jersey jobs in the "
        "occupations that CIP code leads to. Published outcomes are by provider and CIP code, so they cover all "
        "of that provider's programs in that category."
    )
    if st.toggle("Only programs with published outcomes", value=False, key="nj_only_outcomes"):
        sample = sample[sample.has_published_outcomes]
    table = nj_etpl.readable_sample(sample)
    st.dataframe(table, hide_index=True, width="stretch")
    nj_note = source_caption(nj_etpl.SOURCE_KEY)
    linked_note = data.source_note(nj_etpl.LINKED_JOBS_SOURCE_KEYS)
    st.caption(f"{nj_etpl.SAMPLE_NOTE} New Jersey jobs: {linked_note}")
    csv_download(
        table,
        "Download the New Jersey program sample (CSV)",
        "nj-etpl-program-sample",
        f"{nj_note} {linked_note}",
        key="dl_nj_sample",
    )


main()
