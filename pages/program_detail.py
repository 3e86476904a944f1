"""One training program: what it is, its WIOA indicators and program measures, trends by exit
cohort, outcomes by participant group (small cells suppressed), its employer partners, and its local
fit: local demand for the occupations it trains for, read from the one demand model at the BLS codes
its target occupations lead to, with a verdict per occupation and for the program."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from lmi.programs import local_fit as program_fit
from lmi.programs import outcomes
from lmi.programs.labels import (
    NOT_APPLICABLE,
    SUPPRESSED,
    data_label,
    format_outcomes,
    format_value,
    group_label,
    program_type_label,
    services_label,
)
from lmi.programs.local_fit import column_words
from lmi.records import vocab
from ui import data, records_data
from ui.components import csv_download, md
from ui.records_view import (
    FIT_TARGET_DOWNLOAD,
    FIT_TARGET_SHOWN,
    fit_column_config,
    fit_target_table,
    generated_badge,
    jobs_text,
    no_programs_message,
    pick_program,
    records_source,
)

LABELS = outcomes.INDICATOR_LABELS
TABLE_COLUMNS = [
    "exiters_count",
    "completed_count",
    "completed_count_rate",
    "employed_q2_count",
    "employed_q2_count_rate",
    "employed_q4_count",
    "employed_q4_count_rate",
    "credential_count",
    "credential_count_rate",
    "placed_count",
    "placement_rate",
    "training_related_rate",
]

st.title("Program detail")
key = records_data.key()
summaries = records_data.summaries(key)
if summaries.empty:
    no_programs_message()
    st.stop()

program_id = pick_program(summaries)
program = summaries[summaries.program_id == program_id].iloc[0]
report = records_data.reports(key)[program_id]
status = records_data.status(key)
threshold = records_data.threshold()
ref_stamp = data.stamp()
generated = bool(program.is_generated_example)
generated_badge(generated)

st.header(program.program_name)
areas = records_data.area_names(key, ref_stamp)
cips = records_data.cip_titles(key, ref_stamp)
facts = {
    "Provider": program.provider_name,
    "Type": program_type_label(program.program_type, program.work_experience_hours),
    "Funding stream": vocab.FUNDING_STREAMS.get(program.funding_stream, program.funding_stream),
    "Training category (CIP 2020)": f"{program.cip_code} {cips.get(program.cip_code, '')}",
    "Region": areas.get(program.region_area_code, program.region_area_code),
    "Cost per participant": f"${program.cost_per_participant_usd:,.0f}",
    "Seats per year": f"{int(program.seats_count):,}",
    "Supportive services": services_label(program),
    "Data": data_label(generated),
}
st.dataframe(
    pd.DataFrame({"About the program": list(facts), "": list(facts.values())}), hide_index=True, width="stretch"
)
note = records_source(status, threshold, generated)

# ---------------------------------------------------------------------------------------------- indicators
st.subheader("WIOA indicators and program measures")
overall = report.overall
cols = st.columns(4)
cols[0].metric("Employment rate, 2nd quarter after exit", format_value(overall.get("employed_q2_count_rate"), "rate"))
cols[1].metric("Employment rate, 4th quarter after exit", format_value(overall.get("employed_q4_count_rate"), "rate"))
cols[2].metric("Median earnings, 2nd quarter after exit", format_value(overall.get("earnings_q2_median_usd"), "usd"))
cols[3].metric(
    "Credential attainment rate",
    format_value(overall.get("credential_count_rate"), "rate") if report.credential_indicator else "n/a",
    help=None if report.credential_indicator else NOT_APPLICABLE,
)
cols = st.columns(4)
placement = overall.get("placement_rate")
delta = None if pd.isna(placement) else f"{100 * (placement - 0.37):+.1f} points vs 37%"
cols[0].metric("Placement rate (of exiters)", format_value(placement, "rate"), delta=delta, delta_color="normal")
cols[1].metric("Training-related share of placements", format_value(overall.get("training_related_rate"), "rate"))
cols[2].metric("Cost per placement", format_value(overall.get("cost_per_placement_usd"), "usd"))
cols[3].metric(
    "Cost per credential",
    format_value(overall.get("cost_per_credential_usd"), "usd") if report.credential_indicator else "n/a",
)
enrolled = program.enrolled_count
st.caption(
    f"Participants enrolled: {format_value(enrolled, 'count')}; exiters with complete follow-up (the cohort "
    f"behind every indicator): {format_value(overall.get('exiters_count'), 'count')}. {outcomes.REFERENCE_NOTE}"
)

# ---------------------------------------------------------------------------------------------- cohorts
st.subheader("Trend by exit cohort (WIOA program year)")
cohort = outcomes.with_placement_rates(report.by_cohort)
if len(cohort) <= 1:
    st.info("No exiter of this program has complete follow-up yet, so there is no cohort to show.")
else:
    cohort_table = format_outcomes(
        cohort, TABLE_COLUMNS, LABELS, pd.Series(report.credential_indicator, index=cohort.index)
    )
    cohort_table.insert(0, "Exit cohort", [group_label("exit_program_year", g) for g in cohort["group"]])
    st.dataframe(cohort_table, hide_index=True, width="stretch")
    long = cohort.iloc[:-1].melt(
        id_vars="group",
        value_vars=["employed_q2_count_rate", "employed_q4_count_rate", "placement_rate"],
        var_name="measure",
        value_name="rate",
    )
    long = long[long.rate.notna()].assign(
        rate=lambda f: f.rate.astype(float),
        measure=lambda f: f.measure.map(LABELS),
        cohort=lambda f: "PY" + f.group.astype(str),
    )
    if long.empty:
        st.caption("Every cohort rate of this program is suppressed, so there is no trend to draw.")
    else:
        chart = (
            alt.Chart(long)
            .mark_line(point=True)
            .encode(
                x=alt.X("cohort:O", title="Exit cohort"),
                y=alt.Y("rate:Q", title="Rate", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
                color=alt.Color("measure:N", title=None),
                tooltip=["cohort", "measure", alt.Tooltip("rate:Q", format=".1%")],
            )
        )
        rules = (
            alt.Chart(pd.DataFrame({"rate": [r for r, _ in outcomes.REFERENCE_PLACEMENT_RATES]}))
            .mark_rule(strokeDash=[6, 4], color="gray")
            .encode(y="rate:Q")
        )
        st.altair_chart(chart + rules, width="stretch")
        st.caption("Only published cohort rates are drawn; dashed lines: the 37% and 89.3% placement references.")
    st.caption(note)
    csv_download(
        cohort_table,
        "Download the cohort table (CSV)",
        f"{program.program_name}-cohorts",
        note,
        key="dl_detail_cohorts",
    )

# ---------------------------------------------------------------------------------------------- equity
st.subheader("Outcomes by participant group")
st.write(
    f"Who the program serves well. Cells about fewer than {threshold} people — and cells that would let "
    "such a cell be worked out from the totals — read “suppressed”."
)
dimension = st.selectbox(
    "Group participants by",
    outcomes.EQUITY_DIMENSIONS,
    format_func=lambda d: vocab.DIMENSIONS[d][1],
    key="detail_dimension",
)
breakdown = report.breakdowns[dimension]
frame = report.equity_table(dimension)
equity_table = format_outcomes(
    frame, [*TABLE_COLUMNS, "earnings_q2_median_usd"], LABELS, pd.Series(report.credential_indicator, index=frame.index)
)
equity_table.insert(0, vocab.DIMENSIONS[dimension][1], [group_label(dimension, g) for g in frame["group"]])
st.dataframe(equity_table, hide_index=True, width="stretch")
reasons = sorted({r for r in breakdown.reasons.to_numpy().ravel() if r})
if reasons:
    with st.expander("Why cells are suppressed"):
        st.markdown("\n".join(f"- {r}" for r in reasons))
st.caption(note)
csv_download(
    equity_table,
    "Download this breakdown (CSV)",
    f"{program.program_name}-by-{dimension}",
    note,
    key="dl_detail_equity",
)

# ---------------------------------------------------------------------------------------------- partners
partners = records_data.partners(key)
partners = partners[partners.program_id == program_id]
st.subheader("Employer partners")
if partners.empty:
    st.caption("No employer has a recorded hiring commitment with this program.")
else:
    shown = pd.DataFrame(
        {
            "Employer": partners.employer_name.values,
            "Hires committed": partners.hires_committed_count.values,
            "Hires made": partners.hires_made_count.values,
            "Data": [data_label(g) for g in partners.is_generated_example],
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch")
    committed, made = int(partners.hires_committed_count.sum()), int(partners.hires_made_count.sum())
    st.caption(
        f"{made:,} hires made of {committed:,} committed ({made / committed:.0%}) — employer-reported counts of "
        "hires, the co-op model's commitment. " + note
        if committed
        else note
    )
    csv_download(
        shown,
        "Download employer partners (CSV)",
        f"{program.program_name}-employer-partners",
        note,
        key="dl_detail_partners",
    )

# ---------------------------------------------------------------------------------------------- local fit
st.subheader("Local fit: demand for its target occupations")
region = areas.get(program.region_area_code, program.region_area_code)
targets, fit = records_data.local_fit(key, ref_stamp).of(program_id)
if targets.empty:
    st.info(fit.fit_note if fit is not None else "No target occupation is recorded for this program.")
else:
    st.write(
        f"Employer demand in **{region}** for the occupations the program trains for "
        f"({fit.target_basis}), at the codes BLS publishes numbers for."
    )
    cols = st.columns(3)
    cols[0].metric(
        column_words("local_employment_count", summary=True)[0],
        jobs_text(fit.local_employment_count, "none released here"),
        help=column_words("local_employment_count", summary=True)[1],
    )
    cols[1].metric(
        "Estimated openings a year here",
        fit.local_annual_openings_words,
        help=column_words("local_annual_openings_est_count", summary=True)[1],
    )
    cols[2].metric("Local fit", fit.fit_verdict, help=column_words("fit_verdict")[1])
    st.caption(fit.fit_note)
    st.dataframe(
        fit_target_table(targets), hide_index=True, width="stretch", column_config=fit_column_config(FIT_TARGET_SHOWN)
    )
    fit_note = records_data.fit_source(ref_stamp)
    with st.expander("How local fit is worked out"):
        st.markdown(md(f"{program_fit.READ_AT_BLS_CODES}\n\n{data.openings_method()}"))
    st.caption(
        md(f"{program_fit.VERDICT_RULES} " + data.source_note(("oews", "projections", "onet", "cip_soc"), ref_stamp))
    )
    csv_download(
        program_fit.for_download(targets, FIT_TARGET_DOWNLOAD),
        "Download local fit (CSV)",
        f"{program.program_name}-local-fit",
        f"{fit_note} {note}",
        key="dl_detail_fit",
    )
st.caption(f"Suppressed figures read “{SUPPRESSED}”.")
