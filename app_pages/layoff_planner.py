"""Layoff response: a closing plant's or a mass layoff's workers (occupations and head counts, typed, found by title
or uploaded as a staffing table) in the region picked in the sidebar, planned as one: where they can go here (the
transitions that pass the thresholds, one shared allocation within each BLS code's openings over the horizon), what
it takes (skill gaps, education step, programs, cost, funding streams), and the plan's numbers with their source,
grain and uncertainty. Renders only: the plan, its rules and words come from ``lmi.planner``; ``ui.planner_data``
caches them. The link keeps the inputs; the plan downloads as CSV and as a one-page PDF brief."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from lmi.briefs.planner import plan_file_stem
from lmi.i18n import _, ngettext
from lmi.planner import inputs, tables
from lmi.planner.inputs import HORIZON_CHOICES, Layoff, LayoffInputError
from lmi.planner.nearby import AREAS_SHOWN, CANDIDATE_AREAS, NEARBY_RULE
from lmi.planner.needs import FUNDING_RULE
from lmi.planner.plan import TIER_RULE, UNCERTAINTY_RULE, Plan, allocation_rule
from lmi.planner.saved import SavePlanProblem
from lmi.planner.staffing import ESTIMATE_WORDS, PATTERN_SIZE
from lmi.transitions.ranking import Thresholds
from ui import data, links
from ui import planner_data as pdata
from ui.briefs_view import DOWNLOAD_LABEL, PRINT_WORDS
from ui.components import csv_download, literal_markdown, md, render_title, source_caption
from ui.region import Region, current_region
from ui.staff import render_sign_in

WORKFORCE_KEY = "planner_workforce"
UPLOAD_SEEN_KEY = "planner_upload_seen"
PREFILL_NOTE_KEY = "planner_prefill_note"  # the estimate label, shown while the list comes from an industry
MATCHES_SHOWN = 8


def main() -> None:
    region = current_region()
    render_title(_("Layoff response"))
    st.write(
        _(
            "A closure or mass layoff in {region}: where can the workers go here, how many can the local openings "
            "take, and what will it take? Enter the affected occupations with their head counts."
        ).format(region=region.label)
    )
    restore_link()
    render_upload()
    render_prefill()
    render_search()
    text = st.text_area(
        _("Affected workers: one occupation a line, its code and head count (e.g. 51-2092, 400)"),
        key=WORKFORCE_KEY,
        height=140,
    )
    layoff = render_settings(region, text)
    if layoff is None:
        render_method(None)
        return
    try:
        plan = pdata.plan(layoff)
    except LayoffInputError as error:
        render_problems(error)
        return
    keep_link(layoff)
    render_summary(plan)
    render_pathways(plan)
    render_not_absorbable(plan)
    render_pools(plan)
    render_brief(plan)
    render_saved_plans(plan)
    render_method(plan)


def restore_link() -> None:
    """A link's inputs fill the form once per session (later edits win); the form's defaults otherwise."""
    defaults = {
        "planner_months": inputs.DEFAULT_HORIZON_MONTHS,
        "planner_share": round(inputs.DEFAULT_OPENINGS_SHARE * 100),
        "planner_taa": False,
        "planner_same": True,
        "planner_date": None,
        "planner_similarity": int(Thresholds().min_similarity),
        "planner_steps": Thresholds().max_education_step,
        "planner_pay": round(Thresholds().min_wage_ratio * 100),
    }
    for key, value in defaults.items():
        st.session_state.setdefault(key, value)
    if not links.once_per_session("layoff"):
        return
    groups = inputs.groups_from_param(links.param("layoff"))
    if groups:
        st.session_state[WORKFORCE_KEY] = inputs.typed_text(groups)
    st.session_state["planner_months"] = inputs.months_from_param(links.param("months"))
    st.session_state["planner_share"] = round(inputs.share_from_param(links.param("share")) * 100)
    st.session_state["planner_taa"] = links.param("taa") == "1"
    st.session_state["planner_same"] = links.param("same") != "0"
    st.session_state["planner_date"] = inputs.date_from_param(links.param("date"))


def keep_link(layoff: Layoff) -> None:
    for name, value in inputs.to_params(layoff).items():
        if name != "area":  # the sidebar's region picker keeps the area
            links.keep(name, value)


def render_upload() -> None:
    """A staffing table replaces the list typed below (each problem named by row and column)."""
    upload = st.file_uploader(
        _("Or upload a staffing table (CSV or XLSX: columns occupation_code and workers)"),
        type=["csv", "xlsx"],
        key="planner_upload",
    )
    if upload is None:
        return
    seen = (upload.name, upload.size)
    try:
        groups = pdata.staffing_groups(upload.getvalue(), upload.name)
    except LayoffInputError as error:
        render_problems(error)
        return
    if st.session_state.get(UPLOAD_SEEN_KEY) != seen:
        st.session_state[UPLOAD_SEEN_KEY] = seen
        st.session_state[WORKFORCE_KEY] = inputs.typed_text(groups)
        st.session_state.pop(PREFILL_NOTE_KEY, None)
    st.success(
        ngettext("Read {n} occupation from the file.", "Read {n} occupations from the file.", len(groups)).format(
            n=len(groups)
        )
    )


def render_prefill() -> None:
    """An industry's usual staffing pattern fills the list, labelled an estimate (only where the data has one)."""
    choices = pdata.industries()
    if choices.empty:
        return
    titles = dict(zip(choices.industry_code, choices.industry_title))
    with st.expander(_("Or start from the employer's industry (an estimate of its usual staffing pattern)")):
        industry = st.selectbox(
            _("Employer's industry (NAICS)"),
            list(titles),
            format_func=lambda code: f"{code} {titles[code]}",
            key="planner_industry",
        )
        count = st.number_input(
            _("Workers laid off"), min_value=1, max_value=inputs.MAX_WORKERS, value=100, key="planner_industry_n"
        )
        st.button(
            _("Fill the list from this industry's usual staffing pattern"),
            on_click=prefill_from_industry,
            args=(industry, titles[industry], int(count)),
            key="planner_prefill",
        )
        st.caption(_(ESTIMATE_WORDS).format(industry=titles[industry], n=PATTERN_SIZE))
    if st.session_state.get(PREFILL_NOTE_KEY):
        st.info(st.session_state[PREFILL_NOTE_KEY])


def prefill_from_industry(industry: str, title: str, count: int) -> None:
    """Button callback: the staffing pattern into the list (before the text area is drawn again)."""
    st.session_state[WORKFORCE_KEY] = inputs.typed_text(pdata.staffing_pattern(industry, count))
    st.session_state[PREFILL_NOTE_KEY] = _(ESTIMATE_WORDS).format(industry=title, n=PATTERN_SIZE)


def render_search() -> None:
    """Find an occupation by title and add it to the list with its head count."""
    with st.expander(_("Find an occupation by title")):
        query = st.text_input(_("Search an occupation or job title"), key="planner_search")
        if not query.strip():
            return
        matches = data.search_occupations(query, MATCHES_SHOWN)
        if matches.empty:
            st.warning(_("No occupation matches {query}.").format(query=links.escaped(query)))
            return
        labels = dict(zip(matches.onet_soc_code, matches.onet_soc_code + " " + matches.title))
        code = st.selectbox(_("Matching occupations"), list(labels), format_func=labels.get, key="planner_match")
        count = st.number_input(_("Workers"), min_value=1, max_value=inputs.MAX_WORKERS, value=10, key="planner_n")
        st.button(_("Add to the list"), on_click=_add_line, args=(code, int(count)), key="planner_add")


def _add_line(code: str, count: int) -> None:
    now = st.session_state.get(WORKFORCE_KEY, "").rstrip()
    st.session_state[WORKFORCE_KEY] = f"{now}\n{code}, {count}".strip()
    st.session_state.pop(PREFILL_NOTE_KEY, None)


def render_settings(region: Region, text: str) -> Layoff | None:
    """The layoff's date, horizon, assumptions and thresholds; the ``Layoff`` once any workers are entered."""
    left, middle, right = st.columns(3)
    date = left.date_input(_("Layoff date"), key="planner_date")
    months = middle.selectbox(_("Horizon (months after the layoff)"), HORIZON_CHOICES, key="planner_months")
    share = right.slider(
        _("Share of the openings open to these workers (%)"),
        min_value=10,
        max_value=100,
        step=5,
        key="planner_share",
        help=_("They compete with every other job seeker for the same openings; 100% is the ceiling."),
    )
    trade = st.checkbox(_("Trade-affected (TAA-certified) workers"), key="planner_taa")
    same = st.checkbox(_("Count openings in the same occupation with other employers"), key="planner_same")
    thresholds = render_thresholds()
    if not text.strip():
        st.info(_("Enter at least one occupation and its head count to see the plan."))
        return None
    try:
        groups = pdata.typed_groups(inputs.typed_rows(text))
    except LayoffInputError as error:
        render_problems(error)
        return None
    return Layoff(
        region.area_code,
        groups,
        date if isinstance(date, dt.date) else None,
        int(months),
        share / 100,
        bool(trade),
        bool(same),
        thresholds,
    )


def render_thresholds() -> Thresholds:
    with st.expander(_("Thresholds a move must pass")):
        first, second, third = st.columns(3)
        similarity = first.slider(_("Similarity at least"), 0, 100, step=5, key="planner_similarity")
        steps = second.slider(_("Education steps up at most"), 0, 7, key="planner_steps")
        pay = third.slider(_("Median pay at least (% of now)"), 50, 150, step=5, key="planner_pay")
    return Thresholds(min_similarity=float(similarity), max_education_step=int(steps), min_wage_ratio=pay / 100)


def render_problems(error: LayoffInputError) -> None:
    shown = error.problems[: inputs.MAX_PROBLEMS_SHOWN]
    more = len(error.problems) - len(shown)
    lines = [f"- {literal_markdown(p)}" for p in shown]
    if more:
        lines.append("- " + _("and {n} more").format(n=more))
    st.error(_("The affected workers cannot be read:") + "\n" + "\n".join(lines))


def render_summary(plan: Plan) -> None:
    st.header(_("The plan"))
    s = plan.summary
    cols = st.columns(4)
    cols[0].metric(_("Placed without training"), f"{s['placed_without_training_count']:,}")
    cols[1].metric(_("After short training"), f"{s['short_training_count']:,}")
    cols[2].metric(_("After long training"), f"{s['long_training_count']:,}")
    cols[3].metric(_("Not absorbable locally"), f"{s['not_absorbable_count']:,}")
    st.write(
        _(
            "{placed:,} of {n:,} workers placed in {area} within {months} months (range {low:,}-{high:,}); "
            "{left:,} not absorbable locally."
        ).format(
            placed=s["placed_count"],
            n=s["workers_count"],
            area=plan.area_label,
            months=s["horizon_months"],
            low=s["placed_low_count"],
            high=s["placed_high_count"],
            left=s["not_absorbable_count"],
        )
    )
    for note in plan.notes:
        st.caption(md(note))
    st.dataframe(tables.summary_rows(plan), hide_index=True, width="stretch")
    source_caption(*tables.SOURCE_KEYS)


def render_pathways(plan: Plan) -> None:
    st.header(_("Where they go and what it takes"))
    frame = tables.for_download(plan)
    st.dataframe(frame, hide_index=True, width="stretch")
    source = source_caption(*tables.SOURCE_KEYS)
    csv_download(frame, _("Download the plan (CSV)"), plan_file_stem(plan), source, "dl_layoff_plan")


def render_not_absorbable(plan: Plan) -> None:
    if not plan.summary["not_absorbable_count"]:
        return
    st.header(_("Not absorbable locally"))
    if not len(plan.nearby):
        st.write(_("Nearest areas are listed for a metro region only (the reference data has metro centres)."))
        return
    st.write(_(NEARBY_RULE).format(n=CANDIDATE_AREAS))
    shown = plan.nearby.rename(
        columns={
            "group_title": _("Laid-off occupation"),
            "not_absorbable_count": _("Workers left"),
            "area_name": _("Area"),
            "distance_miles": _("Miles"),
            "capacity_count": _("Openings over the horizon open to them"),
            "absorbs_all": _("Could take them all"),
        }
    ).drop(columns=["group_code", "area_code"])
    st.dataframe(shown, hide_index=True, width="stretch")
    st.caption(_("Up to {n} areas per occupation.").format(n=AREAS_SHOWN))


def render_pools(plan: Plan) -> None:
    st.header(_("Openings drawn on"))
    st.write(
        _(
            "Each BLS code's openings are one pool, shared by every affected occupation: the plan never places more "
            "workers in a code than its openings over the horizon."
        )
    )
    st.dataframe(tables.pools_table(plan), hide_index=True, width="stretch")


def render_brief(plan: Plan) -> None:
    st.header(_("One-page brief (PDF)"))
    st.download_button(
        _(DOWNLOAD_LABEL),
        data=lambda: pdata.plan_pdf(plan.layoff),
        file_name=f"{plan_file_stem(plan)}.pdf",
        mime="application/pdf",
        key="dl_brief_layoff",
        icon=":material/picture_as_pdf:",
    )
    st.caption(_(PRINT_WORDS))
    st.caption(_("This page's address keeps the plan's inputs: share it to open the same plan."))


def render_saved_plans(plan: Plan) -> None:
    """Staff only: save this plan's inputs under a name, and load a saved plan's inputs into the form."""
    st.header(_("Saved plans (staff)"))
    user = render_sign_in()
    if user is None:
        return
    name = st.text_input(_("Name of this plan"), key="planner_save_name")
    if st.button(_("Save this plan"), key="planner_save"):
        try:
            pdata.save(plan.layoff, name, user.name)
            st.success(
                _("Saved “{name}” as {user}.").format(
                    name=literal_markdown(name.strip()), user=literal_markdown(user.name)
                )
            )
        except SavePlanProblem as problem:
            st.error(
                _("The plan was not saved; nothing was stored. {problem}").format(
                    problem=literal_markdown(str(problem))
                )
            )
    saved = pdata.saved()
    if saved.empty:
        st.caption(_("No plan saved yet."))
        return
    headers = {"plan_name": _("Plan"), "created_by": _("Saved by"), "created_utc": _("Saved (UTC)")}
    st.dataframe(saved.rename(columns=headers), hide_index=True, width="stretch")
    chosen = st.selectbox(_("Saved plan"), list(saved.plan_name), key="planner_saved_pick")
    st.button(_("Load the saved plan"), key="planner_load", on_click=load_saved, args=(chosen,))
    st.caption(_("Loading fills the form with the saved inputs; the plan is made again on today's data."))


def load_saved(name: str) -> None:
    """Button callback: the saved plan's inputs into the form (before the widgets are drawn again)."""
    layoff = pdata.load(name)
    st.session_state[WORKFORCE_KEY] = inputs.typed_text(layoff.groups)
    st.session_state["planner_months"] = layoff.horizon_months
    st.session_state["planner_share"] = round(layoff.openings_share * 100)
    st.session_state["planner_taa"] = layoff.trade_affected
    st.session_state["planner_same"] = layoff.include_same_occupation
    st.session_state["planner_date"] = layoff.layoff_date
    st.session_state["planner_similarity"] = int(layoff.thresholds.min_similarity)
    st.session_state["planner_steps"] = layoff.thresholds.max_education_step
    st.session_state["planner_pay"] = round(layoff.thresholds.min_wage_ratio * 100)
    state, area = pdata.region_choice(layoff.area_code)
    st.session_state["region_state"] = state
    if area is not None:
        st.session_state["region_area"] = area


def render_method(plan: Plan | None) -> None:
    with st.expander(_("How the plan is made")):
        layoff = plan.layoff if plan is not None else Layoff("", ())
        for text in (allocation_rule(layoff), _(TIER_RULE), _(UNCERTAINTY_RULE), _(FUNDING_RULE)):
            st.write(md(text))
        st.write(md(_(NEARBY_RULE).format(n=CANDIDATE_AREAS)))


main()
