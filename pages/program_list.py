"""Program outcomes: every recorded training program with its WIOA indicators and program measures and
its local fit (jobs, estimated openings and verdict over the BLS codes of its target occupations),
filtered and sorted, against the 37% and 89.3% placement reference lines; totals by provider, type,
funding stream or exit year; and New Jersey's published ETPL outcomes as a separate, labelled table."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from lmi.programs import local_fit as program_fit
from lmi.programs import nj_etpl, outcomes
from lmi.programs.filters import SORTABLE, filter_programs, sort_programs
from lmi.programs.labels import data_label, format_outcomes, program_type_label
from lmi.programs.local_fit import column_words
from lmi.records import vocab
from lmi.records.docs import records_model_doc
from ui import data, nj_etpl_data, records_data
from ui.components import csv_download, source_caption
from ui.records_view import generated_badge, jobs_text, no_programs_message, records_source

LABELS = outcomes.INDICATOR_LABELS
SHOWN = [
    "enrolled_count",
    "exiters_count",
    "completed_count_rate",
    "employed_q2_count_rate",
    "employed_q4_count_rate",
    "earnings_q2_median_usd",
    "credential_count_rate",
    "placement_rate",
    "training_related_rate",
    "cost_per_placement_usd",
    "cost_per_credential_usd",
]
SORT_LABELS = {
    **LABELS,
    "local_employment_count": column_words("local_employment_count", summary=True)[0],
    "local_annual_openings_est_count": column_words("local_annual_openings_est_count", summary=True)[0],
    "program_name": "Program name",
}

st.title("Program outcomes")
st.write(
    "Where each training program stands: employment and earnings after exit, credentials, placement and "
    "cost, as the Department of Labor defines the WIOA indicators. Figures about fewer than "
    f"{records_data.threshold()} people are suppressed to protect participants."
)

with st.expander("Definitions, cohorts and how small cells are protected"):
    st.markdown(records_model_doc())

key = records_data.key()
status = records_data.status(key)
summaries = records_data.summaries(key)

if summaries.empty:
    no_programs_message()
else:
    any_generated = bool(summaries.is_generated_example.any())
    generated_badge(any_generated)
    ref_stamp = data.stamp()
    targets = records_data.fit_targets(key, ref_stamp)
    areas = records_data.area_names(key, ref_stamp)
    fit = records_data.fit_summary(key, ref_stamp)

    st.subheader("Filters")
    cols = st.columns(4)
    types = cols[0].multiselect(
        "Program type",
        sorted(summaries.program_type.unique()),
        format_func=lambda c: vocab.PROGRAM_TYPES.get(c, c),
        key="list_types",
    )
    funding = cols[1].multiselect(
        "Funding stream",
        sorted(summaries.funding_stream.unique()),
        format_func=lambda c: vocab.FUNDING_STREAMS.get(c, c),
        key="list_funding",
    )
    regions = cols[2].multiselect(
        "Region", sorted(summaries.region_area_code.unique()), format_func=lambda c: areas.get(c, c), key="list_regions"
    )
    occupations = (
        targets[targets.soc_code.notna()][["soc_code", "soc_title"]].drop_duplicates().sort_values("soc_title")
    )
    titles = dict(zip(occupations.soc_code, occupations.soc_title))
    socs = cols[3].multiselect(
        "Target occupation (BLS code)",
        list(occupations.soc_code),
        format_func=lambda c: f"{titles.get(c) or c} (BLS {c})",
        key="list_occupations",
        help="Programs whose target occupations lead to this BLS code: a program listing "
        "31-1121 Home Health Aides is found under 31-1120.",
    )
    chosen = filter_programs(summaries, targets, types, funding, regions, socs).merge(
        fit[
            [
                "program_id",
                "local_employment_count",
                "local_annual_openings_est_count",
                "local_annual_openings_words",
                "fit_verdict",
            ]
        ],
        on="program_id",
        how="left",
    )

    sort_cols = st.columns([3, 1])
    sort_by = sort_cols[0].selectbox("Sort by", SORTABLE, format_func=SORT_LABELS.get, key="list_sort")
    descending = sort_cols[1].toggle("Highest first", value=True, key="list_descending")
    chosen = sort_programs(chosen, sort_by, descending)

    st.subheader(f"Programs ({len(chosen)} of {len(summaries)})")
    if chosen.empty:
        st.info("No program matches these filters.")
    else:
        table = format_outcomes(chosen, SHOWN, LABELS, chosen.credential_indicator)
        table.insert(0, "Program", chosen.program_name.values)
        table.insert(1, "Provider", chosen.provider_name.values)
        table.insert(
            2, "Type", [program_type_label(t, h) for t, h in zip(chosen.program_type, chosen.work_experience_hours)]
        )
        table.insert(3, "Funding", [vocab.FUNDING_STREAMS.get(f, f) for f in chosen.funding_stream])
        table.insert(4, "Region", [areas.get(a, a) for a in chosen.region_area_code])
        table[SORT_LABELS["local_employment_count"]] = [
            jobs_text(v, "none released here") for v in chosen.local_employment_count
        ]
        table[SORT_LABELS["local_annual_openings_est_count"]] = chosen.local_annual_openings_words.values
        table["Local fit"] = chosen.fit_verdict.values
        table["Data"] = [data_label(g) for g in chosen.is_generated_example]
        st.dataframe(table, hide_index=True, width="stretch")
        note = records_source(status, records_data.threshold(), any_generated)
        fit_note = records_data.fit_source(ref_stamp)
        st.caption(
            "“suppressed”: fewer than the threshold of people in the cell, or hidden so that another small "
            "cell cannot be worked out. Placement rate = completers employed in the 2nd quarter after exit / "
            "exiters; training-related share = training-related placements / placements. Local jobs and "
            "openings: in the program's region, over the BLS codes its target occupations lead to, each "
            f"counted once (details on Program detail). {program_fit.VERDICT_RULES}"
        )
        csv_download(
            table, "Download this table (CSV)", "program-outcomes", f"{note} {fit_note}", key="dl_program_list"
        )

        st.subheader("Placement rate against the reference lines")
        chart_data = chosen[chosen.placement_rate.notna()][["program_name", "placement_rate", "is_generated_example"]]
        chart_data = chart_data.assign(
            placement_rate=chart_data.placement_rate.astype(float),
            data=[data_label(g) for g in chart_data.is_generated_example],
        )
        if chart_data.empty:
            st.info("No program in this selection has a published placement rate yet.")
        else:
            bars = (
                alt.Chart(chart_data)
                .mark_bar()
                .encode(
                    x=alt.X(
                        "placement_rate:Q",
                        title="Placement rate (of exiters)",
                        axis=alt.Axis(format="%"),
                        scale=alt.Scale(domain=[0, 1]),
                    ),
                    y=alt.Y("program_name:N", title=None, sort="-x", axis=alt.Axis(labelLimit=320)),
                    color=alt.Color("data:N", title="Data"),
                    tooltip=[
                        alt.Tooltip("program_name:N", title="Program"),
                        alt.Tooltip("placement_rate:Q", title="Placement rate", format=".1%"),
                        alt.Tooltip("data:N", title="Data"),
                    ],
                )
            )
            lines = pd.DataFrame(
                {
                    "rate": [r for r, _ in outcomes.REFERENCE_PLACEMENT_RATES],
                    "label": [label for _, label in outcomes.REFERENCE_PLACEMENT_RATES],
                }
            )
            rules = alt.Chart(lines).mark_rule(strokeDash=[6, 4], color="black").encode(x="rate:Q")
            text = (
                alt.Chart(lines)
                .mark_text(align="left", dx=4, dy=-6, color="black")
                .encode(x="rate:Q", text="label:N", y=alt.value(0))
            )
            st.altair_chart(bars + rules + text, width="stretch")
            hidden = int(chosen.placement_rate.isna().sum())
            st.caption(
                outcomes.REFERENCE_NOTE
                + (f" {hidden} program(s) with a suppressed placement rate are not drawn." if hidden else "")
                + " "
                + note
            )

        st.subheader("Totals")
        by = st.radio(
            "Add up by",
            list(outcomes.AGGREGATE_BY),
            horizontal=True,
            key="list_aggregate",
            format_func={
                "provider": "Provider",
                "program_type": "Program type",
                "funding_stream": "Funding stream",
                "exit_program_year": "Exit program year",
            }.get,
        )
        totals = records_data.aggregates(by, tuple(sorted(chosen.program_id)), key)
        column = outcomes.AGGREGATE_BY[by]
        names = {"program_type": vocab.PROGRAM_TYPES, "funding_stream": vocab.FUNDING_STREAMS}.get(by, {})
        shown = format_outcomes(
            totals,
            [
                "exiters_count",
                "employed_q2_count_rate",
                "employed_q4_count_rate",
                "earnings_q2_median_usd",
                "credential_count_rate",
                "placement_rate",
                "cost_per_placement_usd",
            ],
            LABELS,
        )
        first = [names.get(v, f"PY{v}" if by == "exit_program_year" else v) for v in totals[column]]
        shown.insert(
            0,
            {
                "provider_name": "Provider",
                "program_type": "Program type",
                "funding_stream": "Funding stream",
                "exit_program_year": "Exit program year",
            }[column],
            first,
        )
        shown.insert(1, "Programs", totals.programs_count.values)
        shown.insert(2, "Programs with published figures", totals.programs_published_count.values)
        st.dataframe(shown, hide_index=True, width="stretch")
        st.caption(
            "Totals add up only the figures published for each program (a program's suppressed figures are "
            "left out, and the rates are over the programs whose figures are shown), so they reveal nothing "
            "the program rows do not. " + note
        )
        csv_download(shown, "Download the totals (CSV)", f"program-totals-by-{by}", note, key="dl_program_totals")

# -------------------------------------------------------------------------------------------- NJ ETPL
st.divider()
st.header("New Jersey ETPL (published)")
st.write(
    "Outcomes New Jersey publishes for its Eligible Training Provider List, by provider and CIP code "
    "(training category): share employed and average quarterly wage 2, 4 and 8 quarters after exit. These are "
    "New Jersey's own published figures (reference data), not records entered here. New Jersey suppressed "
    "some values; they read “suppressed”."
)
stamp = data.stamp()
nj_cols = st.columns([2, 2, 1])
search = nj_cols[0].text_input("Search provider or training category", key="nj_search")
families = nj_etpl_data.cip_families(stamp)
family = nj_cols[1].selectbox(
    "CIP family",
    [None, *families.cip_family],
    format_func=lambda f: (
        "All" if f is None else f"{f} — {families.set_index('cip_family').family_title.get(f, '')}".title()
    ),
    key="nj_family",
)
nj_sort = nj_cols[2].selectbox(
    "Sort by",
    nj_etpl.SORTABLE,
    format_func=lambda c: {"completers_q2_count": "Completers", **nj_etpl.OUTCOME_LABELS}.get(c, c),
    key="nj_sort",
)
published = nj_etpl_data.outcomes(search, family, nj_sort, stamp)
summary = nj_etpl_data.counts(stamp)
st.caption(
    f"{summary['rows']:,} provider × CIP rows from {summary['providers']:,} providers; New Jersey suppressed "
    f"the 2nd-quarter employment rate of {summary['employed_q2_suppressed']:,} of them. Showing up to 500 rows."
)
shown_nj = nj_etpl.format_published(published).rename(
    columns={
        "provider_id": "Provider ID",
        "provider_name": "Provider",
        "county": "County",
        "cip_code": "CIP",
        "cip_title": "Training category",
        "completers_q2_count": "Completers (2nd quarter)",
        "completers_q4_count": "Completers (4th quarter)",
        "completers_q8_count": "Completers (8th quarter)",
        "wage_calc_q2_count": "In wage calculation (2nd quarter)",
        "wage_calc_q4_count": "In wage calculation (4th quarter)",
        **nj_etpl.OUTCOME_LABELS,
    }
)
st.dataframe(shown_nj, hide_index=True, width="stretch")
nj_note = source_caption("nj_etpl")
csv_download(
    shown_nj,
    "Download New Jersey's published outcomes (CSV)",
    "nj-etpl-published-outcomes",
    nj_note,
    key="dl_nj_outcomes",
)
