"""Career transitions: from a worker's occupation or own skill ratings, which occupations they can
move into, what they would need to learn, and whether anyone is hiring in the region picked in the
sidebar. Renders only: the method, thresholds, numbers and the words explaining them come from
``lmi.transitions``; ``ui.transitions_data`` caches them, ``ui.transitions_view`` and
``ui.transitions_charts`` lay out the tables and charts, with "Whose numbers" beside every BLS group
figure. The ranked and stepping-stone tables are compact; the row picked (by selecting it, or by keyboard in
the selectbox under it) gets a detail panel with the rest, and the downloads keep every column. An empty
ranking says what each threshold removed and offers to relax exactly that one (``lmi.transitions.relaxation``)."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from lmi.i18n import N_, _, ngettext
from lmi.occupations.profile import UnknownOccupationError
from lmi.transitions import (
    fields_of_study,
    neighbours,
    onet_agreement,
    pathways,
    posted_signal,
    ranking,
    relaxation,
    self_assessment,
    similarity_method,
    skill_gaps,
    tables,
)
from lmi.transitions.columns import for_download
from lmi.transitions.neighbours import NoDescriptorsError
from lmi.transitions.ranking import (
    EDUCATION_LADDER,
    JOB_ZONE_RANGE,
    MAX_EDUCATION_STEP,
    MAX_JOB_ZONE_STEP,
    WAGE_RATIO_STEP,
    NoRegionalDataError,
    Thresholds,
    TransitionResult,
    explain_empty,
)
from lmi.transitions.self_assessment import QUICK_SKILLS, SelfAssessment, SelfAssessmentError, level_examples
from lmi.transitions.similarity_method import MAX_SCORE, NEIGHBOURS_KEPT
from ui import data
from ui import transitions_charts as charts
from ui import transitions_data as tdata
from ui import transitions_view as view
from ui.components import csv_download, md, render_title, source_caption
from ui.figures import show_figure
from ui.language import neutral_key
from ui.occupation_picker import render_occupation_picker
from ui.region import Region, current_region
from ui.transitions_data import Start

# widget option values are keys, shown in the visitor's language by ``format_func`` (English marked for the
# catalog), so a choice survives a language switch
FROM_OCCUPATION, FROM_SELF_ASSESSMENT = "occupation", "self_assessment"
START_WORDS = {
    FROM_OCCUPATION: N_("My current or last occupation"),
    FROM_SELF_ASSESSMENT: N_("A self-assessment of my skills"),
}
QUICK_FORM, FULL_FORM = "quick", "full"
NOT_SAYING = "not_saying"
NOT_ANSWERED = "not_answered"
SOURCES = ("onet", "oews", "projections")


def main() -> None:
    region = current_region()
    render_intro(region)
    start = render_start()
    if start is None:
        render_method()
        return
    thresholds = render_thresholds()
    with_postings = render_postings_switch()
    try:
        result = tdata.transitions(start, region.area_code, thresholds, with_postings)
    except UnknownOccupationError:
        st.error(_("“{code}” is not an O\\*NET occupation in this database. Search again above.").format(code=start))
        return
    except (NoDescriptorsError, NoRegionalDataError, SelfAssessmentError) as problem:
        st.warning(md(str(problem)))
        render_method()
        return
    render_ranked(result)
    render_target(result, start)
    render_pathways(result, start)
    if isinstance(start, str):
        render_onet_reference(start, result.origin.label)
    render_set_aside(result)
    render_method()


def render_intro(region: Region) -> None:
    render_title(_("Career transitions"))
    st.write(
        _(
            "Which occupations could you move into, what would you need to learn, and is anyone hiring in "
            "**{place}**? Start from the job you have (or had), or rate your own skills. Change the region in "
            "the sidebar."
        ).format(place=ranking.place_words(region.kind, region.label))
    )
    st.caption(
        _(
            "“A job is not just about the skills you use; it's how you do your job and who you do it with.” "
            "So occupations are compared on skills and knowledge, on what the work involves day to day, and on "
            "how people work (interests and work styles), then ranked with local jobs, openings and pay."
        )
    )


def render_start() -> Start | None:
    """Where the worker starts: an occupation picked by search, or a submitted self-assessment."""
    mode = st.radio(
        _("Start from"),
        list(START_WORDS),
        format_func=_words_now(START_WORDS),
        horizontal=True,
        key=neutral_key("tr_mode"),
    )
    if mode == FROM_OCCUPATION:
        code = render_occupation_picker("transitions", label=_("Your current or last occupation"))
        if not code:
            st.info(_("Type the job you have or had above, for example “registered nurse”, “cashier” or “machinist”."))
        return code
    assessment = render_self_assessment()
    if assessment is None:
        st.info(_("Rate your skills above and press “Find occupations”."))
    return assessment


# --------------------------------------------------------------------------- thresholds


def render_thresholds() -> Thresholds:
    default = Thresholds()
    with st.expander(_("Thresholds: which occupations are ranked (change them to see what else is possible)")):
        top, bottom = st.columns(3), st.columns(3)
        similarity = _slider(top[0], "similarity", "tr_min_similarity", int(MAX_SCORE), int(default.min_similarity))
        zone = _slider(top[1], "job_zone", "tr_max_zone", MAX_JOB_ZONE_STEP, default.max_job_zone_step)
        education = _slider(top[2], "education", "tr_max_edu", MAX_EDUCATION_STEP, default.max_education_step)
        wage_pct = _slider(
            bottom[0], "pay", "tr_min_wage", 150, round(default.min_wage_ratio * 100), round(WAGE_RATIO_STEP * 100)
        )
        jobs = bottom[1].number_input(
            _label("local_jobs"),
            0,
            100_000,
            default.min_local_jobs,
            step=50,
            key="tr_min_jobs",
            help=_tip("local_jobs"),
        )
        same = bottom[2].checkbox(
            _("Include specialties of my own occupation"),
            default.include_same_bls_occupation,
            key="tr_same",
            help=_tip("same_occupation"),
        )
    return Thresholds(float(similarity), int(zone), int(education), wage_pct / 100, int(jobs), bool(same))


def _slider(column, threshold: str, key: str, upper: int, value: int, step: int = 1) -> int:
    """A threshold's slider from 0 to ``upper``, labelled and explained in the ranking's words."""
    label = _("{threshold} (%)").format(threshold=_label(threshold)) if threshold == "pay" else _label(threshold)
    return column.slider(label, 0, upper, value, step=step, key=key, help=_tip(threshold))


def _tip(threshold: str) -> str:
    return ranking.threshold_help()[threshold]


def _label(threshold: str) -> str:
    words = ranking.threshold_words(threshold)
    return words[:1].upper() + words[1:]


def apply_thresholds(thresholds: Thresholds) -> None:
    """Put ``thresholds`` into the threshold widgets (a button callback: runs before they are drawn)."""
    st.session_state["tr_min_similarity"] = int(thresholds.min_similarity)
    st.session_state["tr_max_zone"] = int(thresholds.max_job_zone_step)
    st.session_state["tr_max_edu"] = int(thresholds.max_education_step)
    st.session_state["tr_min_wage"] = int(round(thresholds.min_wage_ratio * 100))
    st.session_state["tr_min_jobs"] = int(thresholds.min_local_jobs)
    st.session_state["tr_same"] = bool(thresholds.include_same_bls_occupation)


def render_postings_switch() -> bool:
    """Local job postings as a ranking signal, off by default; disabled, with the reason, when none are imported."""
    available = tdata.postings_available()
    on = st.toggle(
        _("Use local job postings in the ranking"),
        value=False,
        key="tr_postings",
        disabled=not available,
        help=posted_signal.method_text(),
    )
    if not available:
        st.caption(md(posted_signal.unavailable_words()))
    return bool(on and available)


# --------------------------------------------------------------------------- self-assessment form


def render_self_assessment() -> SelfAssessment | None:
    """The rating form; the submitted assessment is kept in the session so the results stay while
    the worker changes thresholds or looks at a target."""
    skills = tdata.form_elements("skill")
    sizes = {
        QUICK_FORM: _("Quick: {count} skills").format(count=len(QUICK_SKILLS)),
        FULL_FORM: _("Full: all {count} O*NET skills").format(count=len(skills)),
    }
    size = st.radio(
        _("Skills to rate"),
        list(sizes),
        format_func=lambda key: sizes.get(key, ""),
        horizontal=True,
        key=neutral_key("tr_form_size"),
    )
    if size == QUICK_FORM:
        skills = skills[skills.element_id.isin(QUICK_SKILLS)]
    with st.form("tr_self_form"):
        st.markdown(md(_("**Your skills.** {scale}").format(scale=self_assessment.skill_scale_text())))
        levels = {skill.element_id: render_skill_rating(skill) for skill in skills.itertuples()}
        with st.expander(_("Your interests (optional)")):
            st.caption(self_assessment.interest_scale_text())
            interests = render_optional_ratings("interest", self_assessment.INTEREST_RANGE, "tr_interest")
        with st.expander(_("How you like to work (optional)")):
            st.caption(self_assessment.work_style_scale_text())
            styles = render_optional_ratings("work_style", self_assessment.WORK_STYLE_RANGE, "tr_style")
        with st.expander(_("About you (optional: used for the preparation, education and pay thresholds)")):
            zone, education, pay = render_about_you()
        submitted = st.form_submit_button(_("Find occupations"), type="primary", key="tr_self_submit")
    if submitted:
        st.session_state["tr_assessment"] = SelfAssessment(
            skill_levels=levels,
            interests=interests,
            work_styles=styles,
            job_zone=zone,
            education=education,
            annual_pay_usd=float(pay) if pay else None,
        )
    return st.session_state.get("tr_assessment")


def render_skill_rating(skill) -> float:
    low, high = self_assessment.LEVEL_RANGE
    level = st.select_slider(
        skill.element_name,
        options=list(range(int(low), int(high) + 1)),
        value=int(low),
        key=f"tr_skill_{skill.element_id}",
        help=skill.description,
    )
    anchors = tdata.level_anchors(skill.element_id)
    if anchors:  # O*NET's anchors are the same for every occupation: said so, so none reads as a job's task
        st.caption(_("O*NET's examples of levels: {examples}").format(examples=level_examples(anchors)))
    return float(level)


def render_optional_ratings(domain: str, bounds: tuple[float, float], key: str) -> dict[str, float]:
    options = [NOT_ANSWERED, *range(int(bounds[0]), int(bounds[1]) + 1)]
    ratings = {}
    for element in tdata.form_elements(domain).itertuples():
        value = st.select_slider(
            element.element_name,
            options=options,
            value=NOT_ANSWERED,
            format_func=_rating_words(),
            key=neutral_key(f"{key}_{element.element_id}"),
            help=element.description,
        )
        if value != NOT_ANSWERED:
            ratings[element.element_id] = float(value)
    return ratings


def _words_now(words: dict[str, str]):
    """``format_func`` showing each key's words (English marked for the catalog), translated now, in this
    run's language (a ``format_func`` may be called again outside the run)."""
    shown = {key: _(text) for key, text in words.items()}
    return lambda key: shown.get(key, "")


def _rating_words():
    """``format_func`` of a rating option: the number, or "not answered"."""
    not_answered = _("not answered")
    return lambda value: not_answered if value == NOT_ANSWERED else str(value)


def _not_saying_or(names: dict):
    """``format_func`` for an optional choice: "Prefer not to say" or the option's name (as published)."""
    not_saying = _("Prefer not to say")
    return lambda value: not_saying if value == NOT_SAYING else names.get(value, value)


def render_about_you() -> tuple[int | None, str | None, int]:
    """Preparation (job zone), education and pay, each optional; the options are job zone numbers and BLS's
    education categories (named as O*NET and BLS publish them)."""
    zones = {int(z.job_zone): f"{z.name} — {z.education}" for z in tdata.job_zones().itertuples()}
    zone = st.selectbox(
        _("Preparation you have (O*NET job zone)"),
        [NOT_SAYING, *zones],
        format_func=_not_saying_or(zones),
        key=neutral_key("tr_self_zone"),
    )
    education = st.selectbox(
        _("Your highest education"),
        [NOT_SAYING, *EDUCATION_LADDER],
        format_func=_not_saying_or({}),
        key=neutral_key("tr_self_edu"),
    )
    pay = st.number_input(
        _("Your current or last yearly pay, in dollars (0 = prefer not to say)"),
        0,
        2_000_000,
        0,
        step=1000,
        key="tr_self_pay",
    )
    return None if zone == NOT_SAYING else zone, None if education == NOT_SAYING else education, pay


# --------------------------------------------------------------------------- results


def render_ranked(result: TransitionResult) -> None:
    label = result.origin.label
    st.header(label[:1].upper() + label[1:])  # the starting point, as the explorer names its occupation
    st.subheader(_("Where {origin} can lead in {area}").format(origin=result.origin.label, area=result.area_label))
    for note in result.notes:
        st.info(md(note))
    if result.ranked.empty:
        render_empty(result)
        return
    st.write(ranking.summary_sentence(result))
    render_chart(result)
    table = tables.ranked_table(result)
    shown = view.shown(table, view.RANKED_SHOWN)
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        key="tr_ranked_table",
        column_config=view.shown_config(shown),
        on_select=partial(_select_row, "tr_ranked_table", shown_codes(table), "tr_target"),
        selection_mode="single-row",
    )
    st.caption(
        _(
            "Select a row, or pick an occupation under “What it would take” below, to see why it ranks there, its "
            "pay, jobs and openings, whose numbers they are, and the skills to build. The download has every column."
        )
    )
    note = source_caption(*SOURCES)
    st.caption(md(ranking.figures_note(data.openings_method())))
    if result.postings is not None:
        st.caption(md(result.postings.caption()))
        note = f"{note} {result.postings.caption()}"
    csv_download(
        lambda: for_download(table),
        _("Download the ranked occupations (CSV)"),
        _("transitions-{origin}-{area}").format(origin=result.origin.label, area=result.area_label),
        note,
        key="tr_dl_ranked",
    )
    with st.expander(_("Every column of the ranked occupations (as in the download)")):
        st.dataframe(
            table, hide_index=True, width="stretch", key="tr_ranked_all", column_config=view.column_config(table)
        )


def shown_codes(table: pd.DataFrame) -> list[str]:
    return table.target_onet_soc_code.tolist()


def _select_row(table_key: str, codes: list[str], choice_key: str) -> None:
    """A row selected in a compact table picks the same occupation in the detail panel's selectbox (which
    also works by keyboard)."""
    rows = st.session_state[table_key].selection.rows
    if rows and rows[0] < len(codes):
        st.session_state[choice_key] = codes[rows[0]]


def render_empty(result: TransitionResult) -> None:
    """Nothing passes: what each threshold removed, and a button per threshold that, relaxed alone, ranks
    something (the one that removed the most first); several at once when no single one does."""
    st.warning(md(relaxation.empty_reason(result)))
    offered = relaxation.offered(result)
    for number, removal in enumerate(offered):
        st.button(
            relaxation.change_words(removal, result.thresholds),
            key="tr_relax" if number == 0 else f"tr_relax_{removal.threshold}",
            type="primary" if number == 0 else "secondary",
            on_click=apply_thresholds,
            args=(removal.relaxed,),
            help=relaxation.ranked_after_words(removal),
        )
    if not offered:
        render_combined_relaxation(result)
    st.caption(
        _(
            "Or loosen the thresholds yourself above, pick a larger region in the sidebar, or look at the "
            "occupations set aside below."
        )
    )


def render_combined_relaxation(result: TransitionResult) -> None:
    """No single threshold ranks anything alone: the smallest change of several (``ranking.explain_empty``)."""
    explanation = explain_empty(result)
    combined = None if explanation is None else explanation.relaxation
    if combined is None:
        st.info(ranking.no_relaxation_words())
        return
    count = combined.ranked_count
    st.button(
        _("Rank with the nearest thresholds: {changes}").format(changes=combined.words),
        key="tr_relax",
        type="primary",
        on_click=apply_thresholds,
        args=(combined.thresholds,),
        help=ngettext(
            "The smallest change that ranks at least one occupation here ({count} occupation).",
            "The smallest change that ranks at least one occupation here ({count} occupations).",
            count,
        ).format(count=count),
    )


def render_chart(result: TransitionResult) -> None:
    points = tables.chart_points(result)
    if points.empty:
        st.info(_("No openings estimate is available for the ranked occupations here, so there is no chart."))
        return
    show_figure(charts.similarity_demand_chart(points), charts.similarity_demand_summary(points))
    st.caption(f"{charts.similarity_demand_caption(points)} {data.source_note(SOURCES)}")


def render_target(result: TransitionResult, start: Start) -> None:
    options = result.ranked.target_onet_soc_code.tolist() + result.set_aside.target_onet_soc_code.tolist()
    if not options:
        return
    ranked, aside = result.ranked, result.set_aside
    labels = {
        code: f"#{rank} {title}"
        for code, rank, title in zip(ranked.target_onet_soc_code, ranked.transition_rank, ranked.target_title)
    }
    labels |= {
        code: _("{title} (set aside)").format(title=title)
        for code, title in zip(aside.target_onet_soc_code, aside.target_title)
    }
    st.subheader(_("What it would take"))
    target = st.selectbox(
        _("Look closer at"),
        options,
        format_func=lambda code: labels.get(code, ""),
        key=neutral_key("tr_target"),
        help=_("Selecting a row in the table above picks it here too."),
    )
    row = result.target(target)
    render_demand_here(row, result.area_label)
    render_figures(result, target, row.target_title)
    render_breakdown(row)
    render_gaps(result, target, row, start)
    render_preparation(result, target)
    render_programs(target, row.target_title)


def render_demand_here(row, place: str) -> None:
    """Why the target ranks where it does (or is set aside), naming the BLS group when the figures are a group's."""
    if isinstance(row.get("why"), str):
        st.markdown(md(_("**Where it stands:** {why}").format(why=row.why)).replace("$", "\\$"))
    elif isinstance(row.get("reasons_set_aside"), str):
        st.markdown(md(_("**Set aside:** {reasons}.").format(reasons=row.reasons_set_aside)))
    if bool(row.demand_is_shared):
        st.caption(md(ranking.shared_figures_sentence(row.target_title, row.demand_basis, place)))


def render_figures(result: TransitionResult, target: str, title: str) -> None:
    """The selected target's figures, one a line, with whose numbers they are (the columns the compact table
    leaves out)."""
    ranked = tables.ranked_table(result)
    if target in set(ranked.target_onet_soc_code):
        row, columns = ranked.set_index("target_onet_soc_code").loc[target], view.RANKED_DETAIL
    else:
        aside = tables.set_aside_table(result).set_index("target_onet_soc_code")
        row, columns = aside.loc[target], view.ASIDE_DETAIL
    st.markdown(_("**Figures for {title} in {area}**").format(title=title, area=result.area_label))
    st.table(view.detail_table(row, columns), hide_index=True)


def render_breakdown(row) -> None:
    st.markdown(
        _("**Why {title} is similar**: {words}.").format(
            title=row.target_title, words=neighbours.similarity_words(row.similarity_score)
        )
    )
    breakdown = neighbours.component_breakdown(row)
    if breakdown.component_score.isna().all():
        return
    show_figure(charts.component_chart(breakdown), charts.component_summary(breakdown))
    missing = breakdown[breakdown.component_score.isna()].component.tolist()
    st.caption(md(neighbours.breakdown_note(row.weighted_component_mean, missing)))


def render_gaps(result: TransitionResult, target: str, row, start: Start) -> None:
    from_self = isinstance(start, SelfAssessment)
    if from_self:
        gaps, now = tdata.self_assessment_gaps(start, target), _("Your level")
    else:
        gaps, now = tdata.occupation_gaps(result.origin.onet_soc_code, target), _("Level now")
    st.markdown(_("**Skills and knowledge to build for {title}**").format(title=row.target_title))
    if gaps.empty:
        st.success(skill_gaps.no_gaps_sentence(row.target_title, from_self))
        return
    show_figure(charts.gap_chart(gaps, now), charts.gap_summary(gaps))
    table = view.gap_table(gaps, now)
    st.dataframe(view.gap_table_shown(table), hide_index=True, width="stretch", key="tr_gap_table")
    note = source_caption("onet")
    st.caption(md(skill_gaps.method_note(now.lower(), from_self)))
    render_level_examples(gaps)
    csv_download(
        table,
        _("Download the skill gaps (CSV)"),
        _("skill-gaps-{title}").format(title=row.target_title),
        note,
        key="tr_dl_gaps",
    )


def render_level_examples(gaps) -> None:
    """O*NET's anchors for the levels needed, said to be O*NET's generic examples of a level (written once per
    skill for every occupation), not tasks of this occupation."""
    examples = view.gap_examples(gaps)
    if not examples:
        return
    with st.expander(_("O*NET's examples of the levels needed")):
        st.caption(
            _(
                "O*NET illustrates each level of a skill with one example, the same for every occupation, so an "
                "example may come from other work (a nurse may read “Evaluate a loan application”). It shows how "
                "demanding the level is, not a task of this occupation."
            )
        )
        st.markdown(md("\n".join(f"- {example}" for example in examples)))


def render_preparation(result: TransitionResult, target: str) -> None:
    step = tdata.preparation(target, result.origin.job_zone)
    st.markdown(_("**Preparation**"))
    cols = st.columns(2) + st.columns(2)
    zone = step["target_job_zone"]
    if zone is None:
        cols[0].metric(_("Job zone"), _("not rated"))
    else:
        delta = None if step["job_zone_step"] is None else _("{step:+d} from now").format(step=step["job_zone_step"])
        cols[0].metric(
            _("Job zone"),
            _("{zone} of {highest}").format(zone=zone, highest=JOB_ZONE_RANGE[1]),
            delta=delta,
            delta_color="off",
            help=step["job_zone_name"],
        )
    unpublished = _("not published")
    cols[1].metric(_("Typical entry education (BLS)"), step["bls_typical_entry_education"] or unpublished)
    cols[2].metric(_("On-the-job training (BLS)"), step["bls_on_the_job_training"] or unpublished)
    cols[3].metric(_("Work experience (BLS)"), step["bls_work_experience"] or unpublished)
    if step["job_zone_name"]:
        st.caption(f"{step['job_zone_name']}. {step['job_zone_education'] or ''} {step['job_zone_training'] or ''}")
    source_caption("onet", "projections")


def render_programs(target: str, title: str) -> None:
    programs = tdata.programs(target)
    st.markdown(_("**Training programs that lead to {title}**").format(title=title))
    if programs.empty:
        st.info(fields_of_study.none_linked_sentence(title))
        return
    table = view.program_table(programs)
    st.dataframe(table, hide_index=True, width="stretch", key="tr_program_table")
    note = source_caption("cip_soc")
    st.caption(fields_of_study.crosswalk_caveat())
    csv_download(
        table, _("Download the programs (CSV)"), _("programs-{title}").format(title=title), note, key="tr_dl_programs"
    )


def render_pathways(result: TransitionResult, start: Start) -> None:
    st.subheader(_("Stepping stones"))
    st.markdown(md(pathways.method_text()))
    paths = tdata.stepping_stones(start, result.area_code, result.thresholds)
    if paths.empty:
        render_no_paths(result)
        return
    table = tables.stepping_stone_table(paths)
    shown = view.shown(table, view.STONES_SHOWN)
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        key="tr_path_table",
        column_config=view.shown_config(shown),
        on_select=partial(_select_row, "tr_path_table", shown_codes(table), "tr_path_target"),
        selection_mode="single-row",
    )
    note = source_caption(*SOURCES)
    st.caption(pathways.sources_note())
    csv_download(
        lambda: for_download(table),
        _("Download the stepping stones (CSV)"),
        _("stepping-stones-{origin}").format(origin=result.origin.label),
        note,
        key="tr_dl_paths",
    )
    render_path_detail(result, table)


def render_no_paths(result: TransitionResult) -> None:
    """No two-step path: the reason (nothing ranked to step through, or none passes) and where to loosen."""
    if result.ranked.empty:
        st.info(
            _(
                "No stepping stones: they go through the ranked occupations, and none is ranked here. Relax a "
                "threshold above to rank some."
            )
        )
        return
    st.info(_("No two-step path passes the thresholds here. Loosening them, or a larger region, may find some."))


def render_path_detail(result: TransitionResult, table: pd.DataFrame) -> None:
    """The selected path in full: both steps with their numbers and whose they are, why not directly, pay."""
    rows = table.set_index("target_onet_soc_code")
    labels = {
        code: _("{first} → {target}").format(first=r.via_title, target=r.target_title) for code, r in rows.iterrows()
    }
    target = st.selectbox(
        _("Look closer at a path"),
        list(labels),
        format_func=lambda code: labels.get(code, ""),
        key=neutral_key("tr_path_target"),
        help=_("Selecting a row in the table above picks it here too."),
    )
    row = rows.loc[target]
    st.markdown(md(_("**Path:** {path}").format(path=row.path)).replace("$", "\\$"))
    st.table(view.detail_table(row, view.STONES_DETAIL), hide_index=True)


def render_onet_reference(code: str, title: str) -> None:
    st.subheader(_("Beside O\\*NET's own list of related occupations"))
    theirs = tdata.onet_related(code)
    if theirs.empty:
        st.info(md(onet_agreement.no_list_sentence(title)))
        return
    top_k = onet_agreement.TOP_K
    ours = tdata.most_similar(code, top_k)
    st.write(md(onet_agreement.agreement_sentence(title, theirs, tdata.agreement())))
    st.caption(
        _(
            "Only O*NET's primary related occupations (tiers Primary-Short and Primary-Long) are counted: on the "
            "left, those are ticked “In O*NET's primary list”; O*NET's supplemental ones show their tier but are "
            "not counted."
        )
    )
    left, right = st.columns(2)
    left.markdown(_("**Our {count} most similar** (any region)").format(count=top_k))
    left.dataframe(
        view.our_list_table(ours, theirs),
        hide_index=True,
        width="stretch",
        key="tr_ours_table",
        column_config={
            _("Occupation"): st.column_config.TextColumn(width="medium"),
            _("In O*NET's primary list"): st.column_config.CheckboxColumn(
                help=_("Counted in the sentence above: O*NET lists it as a primary related occupation.")
            ),
        },
    )
    right.markdown(_("**O\\*NET Related Occupations**"))
    shown = view.onet_list_table(theirs)
    our_rank_help = _("Our similarity rank (1-{kept}); empty: not in our {kept} most similar.").format(
        kept=NEIGHBOURS_KEPT
    )
    right.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        key="tr_onet_table",
        column_config={_("Our rank"): st.column_config.NumberColumn(help=our_rank_help)},
    )
    note = source_caption("onet")
    csv_download(
        shown,
        _("Download O*NET's list with our ranks (CSV)"),
        _("onet-related-{title}").format(title=title),
        note,
        key="tr_dl_onet",
    )


def render_set_aside(result: TransitionResult) -> None:
    if result.set_aside.empty:
        return
    with st.expander(
        _("Similar occupations set aside by the thresholds ({count})").format(count=len(result.set_aside))
    ):
        table = tables.set_aside_table(result)
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            key="tr_aside_table",
            column_config=view.column_config(table, wide=("reasons_set_aside",)),
        )
        csv_download(
            lambda: for_download(table),
            _("Download the set-aside list (CSV)"),
            _("set-aside-{origin}").format(origin=result.origin.label),
            data.source_note(SOURCES),
            key="tr_dl_aside",
        )


def render_method() -> None:
    """The whole method in words, each part written by the domain module that applies it."""
    with st.expander(_("How this works: method, weights and data")):
        st.markdown(md(_("**Similarity.** {text}").format(text=similarity_method.method_text())))
        st.dataframe(view.component_table(), hide_index=True, width="stretch", key="tr_method_table")
        overall = tdata.agreement()
        st.markdown(md(similarity_method.tuning_text(overall["recall_at_k"], overall["k"])))
        for heading, text in (
            (_("Self-assessment"), self_assessment.method_text()),
            (_("Ranking in the region"), ranking.method_text()),
            (_("Thresholds (defaults, adjustable above)"), ranking.thresholds_text()),
            (_("Stepping stones"), pathways.method_text()),
            (
                _("Openings estimate"),
                _("{method} Rounded on the page (it is an estimate).").format(method=data.openings_method()),
            ),
            (_("Numbers for groups"), ranking.group_figures_text()),
            (_("Job postings (optional)"), posted_signal.method_text()),
        ):
            st.markdown(md(f"**{heading}.** {text}"))


main()
