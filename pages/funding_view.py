"""Funding view: compare programs on outcomes, cost per placement and local fit, by funding stream,
with the 37% and 89.3% placement references; and New Jersey's published ETPL program sample, whose
costs and credentials sit beside New Jersey's published outcomes for the same provider and CIP code."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from lmi.programs import local_fit as program_fit
from lmi.programs import nj_etpl, outcomes
from lmi.programs.filters import filter_programs
from lmi.programs.labels import data_label, format_outcomes, program_type_label
from lmi.programs.local_fit import column_words
from lmi.records import vocab
from ui import data, nj_etpl_data, records_data
from ui.components import csv_download, md, source_caption
from ui.records_view import generated_badge, jobs_text, no_programs_message, records_source

LABELS = outcomes.INDICATOR_LABELS


def summary_label(column: str) -> str:
    return column_words(column, summary=True)[0]


st.title("Funding view")
st.write(
    "Which programs turn funding into jobs: outcomes and cost per placement side by side with local "
    "demand for the occupations each program trains for."
)

key = records_data.key()
summaries = records_data.summaries(key)
if summaries.empty:
    no_programs_message()
else:
    ref_stamp = data.stamp()
    status = records_data.status(key)
    any_generated = bool(summaries.is_generated_example.any())
    generated_badge(any_generated)
    streams = st.multiselect(
        "Funding streams",
        sorted(summaries.funding_stream.unique()),
        format_func=lambda c: vocab.FUNDING_STREAMS.get(c, c),
        key="funding_streams",
    )
    targets = records_data.fit_targets(key, ref_stamp)
    chosen = filter_programs(summaries, targets, funding_streams=streams)
    fit = records_data.fit_summary(key, ref_stamp)
    chosen = chosen.merge(fit.drop(columns=["region_area_code"]), on="program_id", how="left")
    areas = records_data.area_names(key, ref_stamp)
    note = records_source(status, records_data.threshold(), any_generated, write=False)
    fit_note = records_data.fit_source(ref_stamp)
    source_line = data.source_note(("oews", "projections", "onet", "cip_soc"), ref_stamp)

    st.subheader("Programs compared")
    table = format_outcomes(
        chosen,
        [
            "cost_per_participant_usd",
            "exiters_count",
            "placement_rate",
            "employed_q2_count_rate",
            "earnings_q2_median_usd",
            "credential_count_rate",
            "cost_per_placement_usd",
            "cost_per_credential_usd",
        ],
        {**LABELS, "cost_per_participant_usd": "Cost per participant"},
        chosen.credential_indicator,
    )
    table.insert(0, "Program", chosen.program_name.values)
    table.insert(1, "Funding", [vocab.FUNDING_STREAMS.get(f, f) for f in chosen.funding_stream])
    table.insert(
        2, "Type", [program_type_label(t, h) for t, h in zip(chosen.program_type, chosen.work_experience_hours)]
    )
    table["Region"] = [areas.get(a, a) for a in chosen.region_area_code]
    table[summary_label("local_employment_count")] = [
        jobs_text(v, "none released here") for v in chosen.local_employment_count
    ]
    table[summary_label("local_annual_openings_est_count")] = chosen.local_annual_openings_words.values
    table["Local fit"] = chosen.fit_verdict.values
    table["BLS codes of its target occupations"] = chosen.bls_codes.values
    table[summary_label("national_growth_2024_34_pct")] = [
        "not projected" if pd.isna(v) else f"{v:+.1f}%" for v in chosen.national_growth_2024_34_pct
    ]
    table["Data"] = [data_label(g) for g in chosen.is_generated_example]
    st.dataframe(table, hide_index=True, width="stretch")
    st.caption(
        "Local jobs and estimated openings: in the program's region, added up over the BLS codes its target "
        "occupations lead to, each counted once, where BLS released a figure; projected growth: national, "
        f"over the same codes. {program_fit.VERDICT_RULES} {md(source_line)} {note}"
    )
    csv_download(
        table, "Download the comparison (CSV)", "funding-view-programs", f"{note} {fit_note}", key="dl_funding_programs"
    )

    st.subheader("Cost per placement and placement rate")
    points = chosen[chosen.placement_rate.notna() & chosen.cost_per_placement_usd.notna()]
    if points.empty:
        st.info("No program in this selection has both figures published.")
    else:
        points = pd.DataFrame(
            {
                "program": points.program_name.values,
                "funding": [vocab.FUNDING_STREAMS.get(f, f) for f in points.funding_stream],
                "placement_rate": points.placement_rate.astype(float).values,
                "cost_per_placement_usd": points.cost_per_placement_usd.astype(float).values,
                "local_jobs": points.local_employment_count.fillna(0).astype(float).values,
                "local_jobs_text": [jobs_text(v, "none released here") for v in points.local_employment_count],
                "local_fit": points.fit_verdict.values,
                "data": [data_label(g) for g in points.is_generated_example],
            }
        )
        scatter = (
            alt.Chart(points)
            .mark_circle(opacity=0.8, stroke="black", strokeWidth=0.5)
            .encode(
                x=alt.X(
                    "placement_rate:Q",
                    title="Placement rate (of exiters)",
                    axis=alt.Axis(format="%"),
                    scale=alt.Scale(domain=[0, 1]),
                ),
                y=alt.Y("cost_per_placement_usd:Q", title="Cost per placement (USD)", axis=alt.Axis(format="$,.0f")),
                size=alt.Size(
                    "local_jobs:Q", title="Local jobs in target occupations", scale=alt.Scale(range=[60, 1200])
                ),
                color=alt.Color("funding:N", title="Funding stream"),
                tooltip=[
                    "program",
                    "funding",
                    alt.Tooltip("placement_rate:Q", format=".1%"),
                    alt.Tooltip("cost_per_placement_usd:Q", format="$,.0f"),
                    alt.Tooltip("local_jobs_text:N", title="Local jobs in target occupations"),
                    alt.Tooltip("local_fit:N", title="Local fit"),
                    "data",
                ],
            )
        )
        rules = (
            alt.Chart(pd.DataFrame({"rate": [r for r, _ in outcomes.REFERENCE_PLACEMENT_RATES]}))
            .mark_rule(strokeDash=[6, 4], color="gray")
            .encode(x="rate:Q")
        )
        st.altair_chart(scatter + rules, width="stretch")
        st.caption(
            outcomes.REFERENCE_NOTE + " Bottom right is best: many placements for little money. Circle size: "
            "local jobs in the target occupations (programs whose jobs BLS did not release are drawn smallest; "
            "the table above says which). " + note
        )

    st.subheader("By funding stream")
    totals = records_data.aggregates("funding_stream", tuple(sorted(chosen.program_id)), key)
    shown = format_outcomes(
        totals,
        [
            "exiters_count",
            "placement_rate",
            "employed_q2_count_rate",
            "employed_q4_count_rate",
            "earnings_q2_median_usd",
            "credential_count_rate",
            "cost_per_placement_usd",
        ],
        LABELS,
    )
    shown.insert(0, "Funding stream", [vocab.FUNDING_STREAMS.get(f, f) for f in totals.funding_stream])
    shown.insert(1, "Programs", totals.programs_count.values)
    shown.insert(2, "Programs with published figures", totals.programs_published_count.values)
    st.dataframe(shown, hide_index=True, width="stretch")
    st.caption(
        "Each total adds up only the figures published for its programs, so it reveals nothing the program "
        "rows do not. " + note
    )
    csv_download(
        shown, "Download totals by funding stream (CSV)", "funding-stream-totals", note, key="dl_funding_totals"
    )

# -------------------------------------------------------------------------------------------- NJ ETPL
st.divider()
st.header("New Jersey ETPL (published): program costs beside published outcomes")
st.write(
    "New Jersey's ETPL program sample (128 programs with costs and credentials) beside the outcomes New Jersey "
    "publishes for the same provider and CIP code, and the New Jersey jobs in the occupations that CIP code leads "
    "to. Published outcomes are by provider and CIP code, so they cover all of that provider's programs in "
    "that category."
)
stamp = data.stamp()
sample = nj_etpl_data.program_sample(stamp)
with_outcomes = st.toggle("Only programs with published outcomes", value=False, key="nj_only_outcomes")
if with_outcomes:
    sample = sample[sample.has_published_outcomes]
nj_table = (
    nj_etpl.format_published(sample)
    .assign(
        total_cost_usd=lambda f: [f"${v:,.0f}" if pd.notna(v) else "not published" for v in f.total_cost_usd],
        nj_jobs_in_linked_occupations_count=lambda f: [
            f"{int(v):,}" if pd.notna(v) else "not released" for v in f.nj_jobs_in_linked_occupations_count
        ],
        completers_q2_count=lambda f: [
            f"{int(v):,}" if pd.notna(v) else "no published outcome" for v in f.completers_q2_count
        ],
        employed_q2_pct=lambda f: [
            v if h else "no published outcome" for v, h in zip(f.employed_q2_pct, sample.has_published_outcomes)
        ],
        quarterly_wage_avg_q2_usd=lambda f: [
            v if h else "no published outcome"
            for v, h in zip(f.quarterly_wage_avg_q2_usd, sample.has_published_outcomes)
        ],
    )[
        [
            "program_name",
            "provider_name",
            "county",
            "cip_code",
            "cip_title",
            "total_cost_usd",
            "clock_hours",
            "credential_type",
            "license_name",
            "industry_credential",
            "employed_q2_pct",
            "quarterly_wage_avg_q2_usd",
            "completers_q2_count",
            "nj_jobs_in_linked_occupations_count",
        ]
    ]
    .rename(
        columns={
            "program_name": "Program",
            "provider_name": "Provider",
            "county": "County",
            "cip_code": "CIP",
            "cip_title": "Training category",
            "total_cost_usd": "Total cost",
            "clock_hours": "Clock hours",
            "credential_type": "Credential type",
            "license_name": "License",
            "industry_credential": "Industry credential",
            "employed_q2_pct": "Employed 2nd quarter after exit (provider × CIP)",
            "quarterly_wage_avg_q2_usd": "Average quarterly wage, 2nd quarter (provider × CIP)",
            "completers_q2_count": "Completers (provider × CIP)",
            "nj_jobs_in_linked_occupations_count": "New Jersey jobs in linked occupations (OEWS)",
        }
    )
)
st.dataframe(nj_table, hide_index=True, width="stretch")
nj_note = source_caption("nj_etpl")
linked_note = data.source_note(("oews", "cip_soc"), stamp)
st.caption(
    "“suppressed”: New Jersey suppressed the value; “no published outcome”: New Jersey publishes no outcome "
    f"row for this provider and CIP code. New Jersey jobs: {linked_note}"
)
csv_download(
    nj_table,
    "Download the New Jersey program sample (CSV)",
    "nj-etpl-program-sample",
    f"{nj_note} {linked_note}",
    key="dl_nj_sample",
)
