"""Funding view: compare programs on outcomes, cost per placement and local fit, by funding stream,
against the placement reference lines; a budget scenario (move dollars or seats between programs, or add a new
one, and see projected completers, placements, credentials, cost per placement and whether the local labour market
can absorb the added completers; staff save and reload scenarios); and New Jersey's published ETPL program sample,
whose costs and credentials sit beside New Jersey's published outcomes for the same provider and CIP code."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lmi.i18n import _, ngettext
from lmi.programs import local_fit as program_fit
from lmi.programs import nj_etpl, outcomes, tables
from lmi.programs import scenario as budget
from lmi.programs.filters import filter_programs
from lmi.programs.labels import funding_label, program_choice_label
from lmi.records import vocab
from lmi.records.scenarios import SaveProblem
from ui import data, nj_etpl_data, program_charts, records_data, scenario_data
from ui.components import csv_download, literal_markdown, md, render_title, source_caption
from ui.figures import show_figure
from ui.records_view import generated_badge, no_programs_message, records_source
from ui.region import current_region
from ui.staff import StaffUser, render_sign_in

SCENARIO_KEY = "budget_scenario"  # session state: the scenario being built (``lmi.programs.scenario.Scenario``)
SCENARIO_MESSAGE_KEY = "budget_scenario_message"  # session state: what the last load or save did, shown once


def main() -> None:
    render_title(_("Funding view"))
    st.write(
        _(
            "Which programs turn funding into jobs: outcomes and cost per placement side by side with local "
            "demand for the occupations each program trains for."
        )
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
        _("Funding streams"),
        sorted(summaries.funding_stream.unique()),
        format_func=funding_label,
        key="funding_streams",
    )
    fit = records_data.local_fit()
    chosen = tables.with_local_fit(filter_programs(summaries, fit.targets, funding_streams=streams), fit.summary)
    note = records_source(threshold, any_generated, write=False)
    render_comparison(chosen, note)
    render_cost_chart(chosen, note)
    render_stream_totals(chosen, threshold, note)


def render_comparison(chosen: pd.DataFrame, note: str) -> None:
    st.header(_("Programs compared"))
    table = tables.funding_table(chosen, records_data.area_names())
    st.dataframe(table, hide_index=True, width="stretch")
    source_line = data.source_note(program_fit.FIT_SOURCE_KEYS)
    st.caption(f"{_(program_fit.SUMMARY_NOTE)} {_(program_fit.VERDICT_RULES)} {md(source_line)} {note}")
    csv_download(
        table,
        _("Download the comparison (CSV)"),
        "funding-view-programs",
        f"{note} {records_data.fit_source()}",
        key="dl_funding_programs",
    )


def render_cost_chart(chosen: pd.DataFrame, note: str) -> None:
    st.header(_("Cost per placement and placement rate"))
    points = tables.cost_placement_points(chosen)
    if points.empty:
        st.info(_("No program in this selection has both figures published."))
        return
    show_figure(program_charts.cost_placement_scatter(points), program_charts.cost_placement_summary(points))
    st.caption(f"{_(outcomes.REFERENCE_NOTE)} {program_charts.cost_placement_caption()} {note}")


def render_stream_totals(chosen: pd.DataFrame, threshold: int, note: str) -> None:
    st.header(_("By funding stream"))
    totals = records_data.aggregates("funding_stream", tuple(sorted(chosen.program_id)), threshold)
    shown = tables.totals_table(totals, "funding_stream", tables.FUNDING_TOTALS_COLUMNS)
    st.dataframe(shown, hide_index=True, width="stretch")
    rule = _(
        "Each total adds up only the figures published for its programs, so it reveals nothing the program rows do not."
    )
    st.caption(f"{rule} {note}")
    csv_download(
        shown, _("Download totals by funding stream (CSV)"), "funding-stream-totals", note, key="dl_funding_totals"
    )


def render_budget_scenario(summaries: pd.DataFrame, threshold: int) -> None:
    """Build a scenario change by change, see what it does, download, save and reload it."""
    st.divider()
    st.header(_("Budget scenario"))
    st.write(
        _(
            "What if the board moved dollars or seats from one program to another, or funded a new one? Each "
            "change is projected from the programs' own published records, with a range that is wider where a "
            "record is small, and the added completers are set against the estimated openings in the occupations "
            "each program trains for."
        )
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
            _("The scenario no longer fits the program records, so it was cleared:") + "\n\n" + problem_list(problems)
        )
        scenario = st.session_state[SCENARIO_KEY] = budget.Scenario()
    if scenario.changes:
        result = scenario_data.projection(scenario, threshold)
        render_scenario_steps(result)
        render_scenario_results(scenario, result, threshold)
        render_scenario_absorption(scenario, result, threshold)
    else:
        st.info(_("Add a change above to see its projection."))
    render_saved_scenarios(scenario, threshold)


def markdown_text(text: str) -> str:
    """Domain text shown as Markdown, literally: it names programs and regions as staff typed them (and scenario
    files name whatever they like), dollar amounts must not start formulas, O*NET must not start italics."""
    return literal_markdown(text)


def problem_list(problems) -> str:
    """Problems (each naming its field) as a Markdown list."""
    return "\n".join(f"- {markdown_text(str(p))}" for p in problems)


def adopt_scenario(candidate: budget.Scenario, threshold: int, what: str) -> bool:
    """Make ``candidate`` the scenario shown when it has no problem against the records; else list every problem."""
    problems = scenario_data.problems(candidate, threshold)
    if problems:
        st.error(_("{what} was not used; nothing changed:").format(what=what) + "\n\n" + problem_list(problems))
        return False
    st.session_state[SCENARIO_KEY] = candidate
    return True


def render_scenario_file(threshold: int) -> None:
    """Load a scenario from a JSON file downloaded from this page (checked; every problem names its field)."""
    with st.expander(_("Load a scenario from a file (JSON)")):
        upload = st.file_uploader(
            _("Scenario file (JSON, as downloaded from this page)"), type=["json"], key="scenario_upload"
        )
        if upload is None or not st.button(_("Load this scenario file"), key="scenario_load_file"):
            return
        try:
            candidate = budget.scenario_from_json(upload.getvalue())
        except budget.ScenarioError as error:
            st.error(
                _("{file} is not a scenario this page can use:").format(file=literal_markdown(upload.name))
                + "\n\n"
                + problem_list(error.problems)
            )
            return
        if adopt_scenario(candidate, threshold, literal_markdown(upload.name)):
            st.session_state[SCENARIO_MESSAGE_KEY] = loaded_words(literal_markdown(upload.name), candidate)
            st.rerun()


def loaded_words(name: str, scenario: budget.Scenario) -> str:
    """What loading a scenario did (``name`` as it should read, as Markdown: a file name or a quoted saved name,
    made literal by the caller)."""
    count = len(scenario.changes)
    return ngettext("Loaded {name}: {n} change.", "Loaded {name}: {n} changes.", count).format(name=name, n=count)


def render_scenario_change(scenario: budget.Scenario, summaries: pd.DataFrame, threshold: int) -> None:
    """One change at a time: move seats, move dollars, or add a new program of a registry type."""
    st.subheader(_("Add a change"))
    kind = st.radio(
        _("Change"),
        list(budget.CHANGE_KIND_WORDS),
        format_func=lambda change_kind: _(budget.CHANGE_KIND_WORDS[change_kind]),
        horizontal=True,
        key="scenario_kind",
    )
    if kind == budget.NEW_PROGRAM:
        change = new_program_inputs(scenario)
    else:
        change = move_inputs(kind, scenario, summaries)
    if st.button(_("Add this change"), type="primary", key="scenario_add"):
        adopt_scenario(scenario.with_change(change), threshold, _("This change"))


def program_names(scenario: budget.Scenario, summaries: pd.DataFrame) -> dict[str, str]:
    """How the recorded programs and the scenario's new programs read in the pickers."""
    names = {
        r.program_id: program_choice_label(r.program_name, r.provider_name, r.is_generated_example)
        for r in summaries.itertuples()
    }
    new = {c.program_id: _("{name} (new program)").format(name=c.program_name) for c in scenario.new_programs()}
    return names | new


def move_inputs(kind: str, scenario: budget.Scenario, summaries: pd.DataFrame) -> budget.Change:
    names = program_names(scenario, summaries)
    ids = list(names)
    cols = st.columns(3)
    giver = cols[0].selectbox(_("From program"), ids, format_func=names.get, key="scenario_from")
    taker = cols[1].selectbox(
        _("To program"), ids, index=min(1, len(ids) - 1), format_func=names.get, key="scenario_to"
    )
    if kind == budget.MOVE_SEATS:
        seats = cols[2].number_input(
            _("Seats a year to move"), min_value=1, max_value=budget.MAX_SEATS, value=10, step=1, key="scenario_seats"
        )
        return budget.MoveSeats(giver, taker, int(seats))
    amount = cols[2].number_input(
        _("Dollars a year to move"),
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
    name = cols[0].text_input(_("New program's name"), value=_("New program"), key="scenario_new_name")
    program_type = cols[1].selectbox(
        _("Program type"),
        list(vocab.PROGRAM_TYPES),
        format_func=lambda code: _(vocab.PROGRAM_TYPES[code]),
        key="scenario_new_type",
    )
    region = cols[2].selectbox(_("Region"), list(regions), format_func=regions.get, key="scenario_new_region")
    cols = st.columns(3)
    cost = cols[0].number_input(
        _("Cost per participant ($)"), min_value=1.0, value=5_000.0, step=100.0, format="%.0f", key="scenario_new_cost"
    )
    seats = cols[1].number_input(
        _("Seats a year"), min_value=0, max_value=budget.MAX_SEATS, value=20, step=1, key="scenario_new_seats"
    )
    codes = cols[2].text_input(
        _("Target occupations (codes)"),
        key="scenario_new_codes",
        help=_("SOC (31-1131), O*NET-SOC (31-1131.00) or BLS codes, separated by semicolons."),
    )
    st.caption(_(budget.NEW_PROGRAM_NOTE))
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
    st.subheader(_("Changes in this scenario"))
    st.dataframe(budget.steps_table(result), hide_index=True, width="stretch")
    cols = st.columns(2)
    if cols[0].button(_("Remove the last change"), key="scenario_undo"):
        scenario = st.session_state.get(SCENARIO_KEY, budget.Scenario())
        st.session_state[SCENARIO_KEY] = budget.Scenario(scenario.changes[:-1], scenario.name)
        st.rerun()
    if cols[1].button(_("Start over"), key="scenario_clear"):
        st.session_state[SCENARIO_KEY] = budget.Scenario()
        st.rerun()


def render_scenario_results(scenario: budget.Scenario, result: budget.ScenarioResult, threshold: int) -> None:
    st.subheader(_("Projected outcomes a year"))
    generated_badge(result.rests_on_generated)
    totals = result.totals
    cols = st.columns(3)
    cols[0].metric(
        _("Projected placements a year"),
        budget.count_words(totals["placements_after_count"]),
        delta=_("{change} vs now").format(change=budget.signed_words(totals["placements_change_count"])),
    )
    cost_change = totals["cost_per_placement_after_usd"] - totals["cost_per_placement_before_usd"]
    cols[1].metric(
        _("Cost per placement, programs in this scenario"),
        budget.usd_words(totals["cost_per_placement_after_usd"]),
        delta=_("{change} vs now").format(change=budget.signed_usd_words(cost_change)),
        delta_color="inverse",
    )
    cols[2].metric(_("Budget change a year"), budget.signed_usd_words(totals["budget_change_usd"]))
    table = budget.results_table(result)
    st.dataframe(table, hide_index=True, width="stretch")
    for note in result.notes:
        st.caption(markdown_text(note))
    note = records_source(threshold, result.rests_on_generated, write=False)
    method = f"{_(budget.PROJECTION_METHOD)} {_(budget.INTERVAL_METHOD)}"
    st.caption(f"{method} {note}")
    csv_download(
        table,
        _("Download the scenario's results (CSV)"),
        "budget-scenario-results",
        f"{note} {method}",
        key="dl_scenario_results",
    )
    st.download_button(
        _("Download the scenario's changes (JSON)"),
        budget.scenario_to_json(scenario).encode("utf-8"),
        file_name="budget-scenario.json",
        mime="application/json",
        key="dl_scenario_json",
        help=_("The changes only: load the file here again (or share it) and the results are recomputed."),
    )


def render_scenario_absorption(scenario: budget.Scenario, result: budget.ScenarioResult, threshold: int) -> None:
    st.subheader(_("Can the local labour market absorb the added completers?"))
    names = scenario_data.region_names(scenario)
    warnings = result.warnings(names)
    for warning in warnings:
        st.warning(markdown_text(warning), icon=":material/warning:")
    table = budget.absorption_table(result, names)
    if table.empty:
        st.info(_("No program in this scenario adds completers, so there is nothing to absorb."))
    else:
        if not warnings:
            st.success(
                _("In every region, the added completers stay within the estimated openings of their occupations.")
            )
        st.dataframe(table, hide_index=True, width="stretch")
    source = f"{_(budget.ABSORPTION_METHOD)} {records_data.fit_source()}"
    st.caption(md(source))
    if not table.empty:
        source += " " + records_source(threshold, result.rests_on_generated, write=False)
        csv_download(
            table,
            _("Download the absorption check (CSV)"),
            "budget-scenario-absorption",
            source,
            key="dl_scenario_absorption",
        )


def render_saved_scenarios(scenario: budget.Scenario, threshold: int) -> None:
    """Staff only: save the scenario under a name, and load a saved one."""
    st.subheader(_("Saved scenarios (staff)"))
    user = render_sign_in()
    if user is None:
        return
    render_save_scenario(scenario, user)
    saved = scenario_data.saved()
    if saved.empty:
        st.caption(_("No scenario saved yet."))
        return
    headers = {"scenario_name": _("Scenario"), "created_by": _("Saved by"), "created_utc": _("Saved (UTC)")}
    st.dataframe(saved.rename(columns=headers), hide_index=True, width="stretch")
    name = st.selectbox(_("Saved scenario"), list(saved.scenario_name), key="scenario_saved_pick")
    if st.button(_("Load the saved scenario"), key="scenario_load_saved"):
        try:
            candidate = scenario_data.load(name)
        except budget.ScenarioError as error:
            st.error(
                _("“{name}” no longer reads as a scenario: {problem}").format(
                    name=literal_markdown(name), problem=markdown_text(str(error))
                )
            )
            return
        quoted = _("“{name}”").format(name=literal_markdown(name))
        if adopt_scenario(candidate, threshold, quoted):
            st.session_state[SCENARIO_MESSAGE_KEY] = loaded_words(quoted, candidate)
            st.rerun()


def render_save_scenario(scenario: budget.Scenario, user: StaffUser) -> None:
    name = st.text_input(_("Name of this scenario"), value=scenario.name, key="scenario_save_name")
    if st.button(_("Save this scenario"), key="scenario_save", disabled=not scenario.changes):
        try:
            saved = scenario_data.save(scenario, name, user.name)
        except SaveProblem as problem:
            st.error(
                _("The scenario was not saved; nothing was stored. {problem}").format(
                    problem=literal_markdown(str(problem))
                )
            )
            return
        st.session_state[SCENARIO_KEY] = budget.Scenario(scenario.changes, saved)
        count = len(scenario.changes)
        st.session_state[SCENARIO_MESSAGE_KEY] = ngettext(
            "Saved “{name}” ({n} change) as {user}.", "Saved “{name}” ({n} changes) as {user}.", count
        ).format(name=literal_markdown(saved), n=count, user=literal_markdown(user.name))
        st.rerun()


def render_new_jersey_sample() -> None:
    """New Jersey's ETPL program sample beside its published outcomes for the same provider and CIP code."""
    st.divider()
    st.header(_("{source}: program costs beside published outcomes").format(source=_(nj_etpl.SOURCE_LABEL)))
    sample = nj_etpl_data.program_sample()
    st.write(
        ngettext(
            "New Jersey's ETPL program sample ({count:,} program with costs and credentials) beside the outcomes "
            "New Jersey publishes for the same provider and CIP code, and the New Jersey jobs in the occupations "
            "that CIP code leads to. Published outcomes are by provider and CIP code, so they cover all of that "
            "provider's programs in that category.",
            "New Jersey's ETPL program sample ({count:,} programs with costs and credentials) beside the outcomes "
            "New Jersey publishes for the same provider and CIP code, and the New Jersey jobs in the occupations "
            "that CIP code leads to. Published outcomes are by provider and CIP code, so they cover all of that "
            "provider's programs in that category.",
            len(sample),
        ).format(count=len(sample))
    )
    if st.toggle(_("Only programs with published outcomes"), value=False, key="nj_only_outcomes"):
        sample = sample[sample.has_published_outcomes]
    table = nj_etpl.readable_sample(sample)
    st.dataframe(table, hide_index=True, width="stretch")
    nj_note = source_caption(nj_etpl.SOURCE_KEY)
    linked_note = data.source_note(nj_etpl.LINKED_JOBS_SOURCE_KEYS)
    jobs_note = _("New Jersey jobs: {source}").format(source=linked_note)
    st.caption(f"{_(nj_etpl.SAMPLE_NOTE)} {jobs_note}")
    csv_download(
        table,
        _("Download the New Jersey program sample (CSV)"),
        "nj-etpl-program-sample",
        f"{nj_note} {linked_note}",
        key="dl_nj_sample",
    )


main()
