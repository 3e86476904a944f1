"""Funding view: compare programs on outcomes, cost per placement and local fit, by funding stream,
against the placement reference lines; a budget scenario (move dollars or seats between programs, or add a new
one, and see projected completers, placements, credentials, cost per placement and whether the local labour market
can absorb the added completers; staff save and reload scenarios); and New Jersey's published ETPL program sample,
whose costs and credentials sit beside New Jersey's published outcomes for the same provider and CIP code."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lmi.programs import local_fit as program_fit
from lmi.programs import nj_etpl, outcomes, tables
from lmi.programs import scenario as budget
from lmi.programs.filters import filter_programs
from lmi.programs.labels import funding_label, program_choice_label
from lmi.records import vocab
from lmi.records.scenarios import SaveProblem
from ui import data, nj_etpl_data, program_charts, records_data, scenario_data
from ui.components import csv_download, md, source_caption
from ui.records_view import generated_badge, no_programs_message, records_source
from ui.region import current_region
from ui.staff import StaffUser, render_sign_in

SCENARIO_KEY = "budget_scenario"  # session state: the scenario being built (``lmi.programs.scenario.Scenario``)
SCENARIO_MESSAGE_KEY = "budget_scenario_message"  # session state: what the last load or save did, shown once


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
        render_budget_scenario(summaries, threshold)
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
    st.header("Programs compared")
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
    st.header("Cost per placement and placement rate")
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
    st.header("By funding stream")
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


def render_budget_scenario(summaries: pd.DataFrame, threshold: int) -> None:
    """Build a scenario change by change, see what it does, download, save and reload it."""
    st.divider()
    st.header("Budget scenario")
    st.write(
        "What if the board moved dollars or seats from one program to another, or funded a new one? Each change is "
        "projected from the programs' own published records, with a range that is wider where a record is small, "
        "and the added completers are set against the estimated openings in the occupations each program trains for."
    )
    message = st.session_state.pop(SCENARIO_MESSAGE_KEY, None)
    if message:
        st.success(message)
    render_scenario_file(threshold)
    scenario = st.session_state.get(SCENARIO_KEY, budget.Scenario())
    render_scenario_change(scenario, summaries, threshold)
    scenario = st.session_state.get(SCENARIO_KEY, budget.Scenario())
    problems = scenario_data.problems(scenario, threshold)
    if problems:  # the records changed under the scenario (an import since it was built)
        st.error(
            "The scenario no longer fits the program records, so it was cleared:\n\n"
            + "\n".join(f"- {markdown_text(str(p))}" for p in problems)
        )
        scenario = st.session_state[SCENARIO_KEY] = budget.Scenario()
    if scenario.changes:
        result = scenario_data.projection(scenario, threshold)
        render_scenario_steps(result)
        render_scenario_results(scenario, result, threshold)
        render_scenario_absorption(scenario, result, threshold)
    else:
        st.info("Add a change above to see its projection.")
    render_saved_scenarios(scenario, threshold)


def markdown_text(text: str) -> str:
    """Domain text shown as Markdown: dollar amounts must not start formulas, O*NET must not start italics."""
    return md(text).replace("$", "\\$")


def adopt_scenario(candidate: budget.Scenario, threshold: int, what: str) -> bool:
    """Make ``candidate`` the scenario shown when it has no problem against the records; else list every problem."""
    problems = scenario_data.problems(candidate, threshold)
    if problems:
        st.error(
            f"{what} was not used; nothing changed:\n\n" + "\n".join(f"- {markdown_text(str(p))}" for p in problems)
        )
        return False
    st.session_state[SCENARIO_KEY] = candidate
    return True


def render_scenario_file(threshold: int) -> None:
    """Load a scenario from a JSON file downloaded from this page (checked; every problem names its field)."""
    with st.expander("Load a scenario from a file (JSON)"):
        upload = st.file_uploader(
            "Scenario file (JSON, as downloaded from this page)", type=["json"], key="scenario_upload"
        )
        if upload is None or not st.button("Load this scenario file", key="scenario_load_file"):
            return
        try:
            candidate = budget.scenario_from_json(upload.getvalue())
        except budget.ScenarioError as error:
            st.error(
                f"{upload.name} is not a scenario this page can use:\n\n"
                + "\n".join(f"- {markdown_text(str(p))}" for p in error.problems)
            )
            return
        if adopt_scenario(candidate, threshold, upload.name):
            st.session_state[SCENARIO_MESSAGE_KEY] = f"Loaded {upload.name}: {len(candidate.changes)} change(s)."
            st.rerun()


def render_scenario_change(scenario: budget.Scenario, summaries: pd.DataFrame, threshold: int) -> None:
    """One change at a time: move seats, move dollars, or add a new program of a registry type."""
    st.subheader("Add a change")
    kind = st.radio(
        "Change",
        list(budget.CHANGE_KIND_WORDS),
        format_func=budget.CHANGE_KIND_WORDS.get,
        horizontal=True,
        key="scenario_kind",
    )
    if kind == budget.NEW_PROGRAM:
        change = new_program_inputs(scenario)
    else:
        change = move_inputs(kind, scenario, summaries)
    if st.button("Add this change", type="primary", key="scenario_add"):
        adopt_scenario(scenario.with_change(change), threshold, "This change")


def program_names(scenario: budget.Scenario, summaries: pd.DataFrame) -> dict[str, str]:
    """How the recorded programs and the scenario's new programs read in the pickers."""
    names = {
        r.program_id: program_choice_label(r.program_name, r.provider_name, r.is_generated_example)
        for r in summaries.itertuples()
    }
    return names | {c.program_id: f"{c.program_name} (new program)" for c in scenario.new_programs()}


def move_inputs(kind: str, scenario: budget.Scenario, summaries: pd.DataFrame) -> budget.Change:
    names = program_names(scenario, summaries)
    ids = list(names)
    cols = st.columns(3)
    giver = cols[0].selectbox("From program", ids, format_func=names.get, key="scenario_from")
    taker = cols[1].selectbox("To program", ids, index=min(1, len(ids) - 1), format_func=names.get, key="scenario_to")
    if kind == budget.MOVE_SEATS:
        seats = cols[2].number_input(
            "Seats a year to move", min_value=1, max_value=budget.MAX_SEATS, value=10, step=1, key="scenario_seats"
        )
        return budget.MoveSeats(giver, taker, int(seats))
    amount = cols[2].number_input(
        "Dollars a year to move",
        min_value=1.0,
        max_value=float(budget.MAX_DOLLARS_USD),
        value=100_000.0,
        step=10_000.0,
        format="%.0f",
        key="scenario_dollars",
    )
    return budget.MoveDollars(giver, taker, float(amount))


def new_program_inputs(scenario: budget.Scenario) -> budget.NewProgram:
    regions = scenario_data.region_names(scenario) | {current_region().area_code: current_region().label}
    cols = st.columns(3)
    name = cols[0].text_input("New program's name", value="New program", key="scenario_new_name")
    program_type = cols[1].selectbox(
        "Program type", list(vocab.PROGRAM_TYPES), format_func=vocab.PROGRAM_TYPES.get, key="scenario_new_type"
    )
    region = cols[2].selectbox("Region", list(regions), format_func=regions.get, key="scenario_new_region")
    cols = st.columns(3)
    cost = cols[0].number_input(
        "Cost per participant ($)", min_value=1.0, value=5_000.0, step=100.0, format="%.0f", key="scenario_new_cost"
    )
    seats = cols[1].number_input(
        "Seats a year", min_value=0, max_value=budget.MAX_SEATS, value=20, step=1, key="scenario_new_seats"
    )
    codes = cols[2].text_input(
        "Target occupations (codes)",
        key="scenario_new_codes",
        help="SOC (31-1131), O*NET-SOC (31-1131.00) or BLS codes, separated by semicolons.",
    )
    st.caption(budget.NEW_PROGRAM_NOTE)
    return budget.NewProgram(
        budget.next_new_program_id(scenario),
        name.strip(),
        program_type,
        region,
        float(cost),
        int(seats),
        budget.parse_codes(codes),
    )


def render_scenario_steps(result: budget.ScenarioResult) -> None:
    st.subheader("Changes in this scenario")
    st.dataframe(budget.steps_table(result), hide_index=True, width="stretch")
    cols = st.columns(2)
    if cols[0].button("Remove the last change", key="scenario_undo"):
        scenario = st.session_state.get(SCENARIO_KEY, budget.Scenario())
        st.session_state[SCENARIO_KEY] = budget.Scenario(scenario.changes[:-1], scenario.name)
        st.rerun()
    if cols[1].button("Start over", key="scenario_clear"):
        st.session_state[SCENARIO_KEY] = budget.Scenario()
        st.rerun()


def render_scenario_results(scenario: budget.Scenario, result: budget.ScenarioResult, threshold: int) -> None:
    st.subheader("Projected outcomes a year")
    generated_badge(result.rests_on_generated)
    totals = result.totals
    cols = st.columns(3)
    cols[0].metric(
        "Projected placements a year",
        budget.count_words(totals["placements_after_count"]),
        delta=f"{budget.signed_words(totals['placements_change_count'])} vs now",
    )
    cost_change = totals["cost_per_placement_after_usd"] - totals["cost_per_placement_before_usd"]
    cols[1].metric(
        "Cost per placement, programs in this scenario",
        budget.usd_words(totals["cost_per_placement_after_usd"]),
        delta=f"{budget.signed_usd_words(cost_change)} vs now",
        delta_color="inverse",
    )
    cols[2].metric("Budget change a year", budget.signed_usd_words(totals["budget_change_usd"]))
    table = budget.results_table(result)
    st.dataframe(table, hide_index=True, width="stretch")
    for note in result.notes:
        st.caption(note)
    note = records_source(threshold, result.rests_on_generated, write=False)
    st.caption(f"{budget.PROJECTION_METHOD} {budget.INTERVAL_METHOD} {note}")
    csv_download(
        table,
        "Download the scenario's results (CSV)",
        "budget-scenario-results",
        f"{note} {budget.PROJECTION_METHOD} {budget.INTERVAL_METHOD}",
        key="dl_scenario_results",
    )
    st.download_button(
        "Download the scenario's changes (JSON)",
        budget.scenario_to_json(scenario).encode("utf-8"),
        file_name="budget-scenario.json",
        mime="application/json",
        key="dl_scenario_json",
        help="The changes only: load the file here again (or share it) and the results are recomputed.",
    )


def render_scenario_absorption(scenario: budget.Scenario, result: budget.ScenarioResult, threshold: int) -> None:
    st.subheader("Can the local labour market absorb the added completers?")
    names = scenario_data.region_names(scenario)
    warnings = result.warnings(names)
    for warning in warnings:
        st.warning(markdown_text(warning), icon=":material/warning:")
    table = budget.absorption_table(result, names)
    if table.empty:
        st.info("No program in this scenario adds completers, so there is nothing to absorb.")
    else:
        if not warnings:
            st.success("In every region, the added completers stay within the estimated openings of their occupations.")
        st.dataframe(table, hide_index=True, width="stretch")
    source = f"{budget.ABSORPTION_METHOD} {records_data.fit_source()}"
    st.caption(md(source))
    if not table.empty:
        source += " " + records_source(threshold, result.rests_on_generated, write=False)
        csv_download(
            table,
            "Download the absorption check (CSV)",
            "budget-scenario-absorption",
            source,
            key="dl_scenario_absorption",
        )


def render_saved_scenarios(scenario: budget.Scenario, threshold: int) -> None:
    """Staff only: save the scenario under a name, and load a saved one."""
    st.subheader("Saved scenarios (staff)")
    user = render_sign_in()
    if user is None:
        return
    render_save_scenario(scenario, user)
    saved = scenario_data.saved()
    if saved.empty:
        st.caption("No scenario saved yet.")
        return
    st.dataframe(
        saved.rename(columns={"scenario_name": "Scenario", "created_by": "Saved by", "created_utc": "Saved (UTC)"}),
        hide_index=True,
        width="stretch",
    )
    name = st.selectbox("Saved scenario", list(saved.scenario_name), key="scenario_saved_pick")
    if st.button("Load the saved scenario", key="scenario_load_saved"):
        try:
            candidate = scenario_data.load(name)
        except budget.ScenarioError as error:
            st.error(f"“{name}” no longer reads as a scenario: {markdown_text(str(error))}")
            return
        if adopt_scenario(candidate, threshold, f"“{name}”"):
            st.session_state[SCENARIO_MESSAGE_KEY] = f"Loaded “{name}”: {len(candidate.changes)} change(s)."
            st.rerun()


def render_save_scenario(scenario: budget.Scenario, user: StaffUser) -> None:
    name = st.text_input("Name of this scenario", value=scenario.name, key="scenario_save_name")
    if st.button("Save this scenario", key="scenario_save", disabled=not scenario.changes):
        try:
            saved = scenario_data.save(scenario, name, user.name)
        except SaveProblem as problem:
            st.error(f"The scenario was not saved; nothing was stored. {problem}")
            return
        st.session_state[SCENARIO_KEY] = budget.Scenario(scenario.changes, saved)
        st.session_state[SCENARIO_MESSAGE_KEY] = f"Saved “{saved}” ({len(scenario.changes)} change(s)) as {user.name}."
        st.rerun()


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
