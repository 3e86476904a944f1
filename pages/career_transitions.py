"""Career transitions: from a worker's occupation or own skill ratings, which occupations they can
move into, what they would need to learn, and whether anyone is hiring in the region picked in the
sidebar. Renders only: the method, thresholds and numbers come from ``lmi`` (similarity,
transitions, demand, self_assessment, skill_gaps, training_programs, pathways); the tables are
formatted in ``ui.transitions_data``, with "Whose numbers" beside every BLS group figure."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from lmi.occupations.profile import UnknownOccupationError
from lmi.transitions.pathways import DESIRABLE_WAGE_RATIO
from lmi.transitions.ranking import (
    EDUCATION_LADDER,
    MAX_EDUCATION_STEP,
    MAX_JOB_ZONE_STEP,
    RANKING_WEIGHTS,
    NoRegionalDataError,
    Relaxation,
    Thresholds,
    explain_empty,
)
from lmi.transitions.self_assessment import (
    INTEREST_RANGE,
    MIN_RATED_SKILLS,
    QUICK_SKILLS,
    SELF_WEIGHTS,
    WORK_STYLE_RANGE,
    SelfAssessment,
    SelfAssessmentError,
    level_examples,
)
from lmi.transitions.similarity import COMPONENTS, NoDescriptorsError, describe_score
from lmi.transitions.skill_gaps import MIN_GAP_LEVELS, MIN_TARGET_IMPORTANCE
from ui import data
from ui import transitions_data as tdata
from ui.components import csv_download, md, source_caption
from ui.demand_view import mark_shared_figures
from ui.occupation_picker import render_occupation_picker
from ui.region import current_region

FROM_OCCUPATION = "My current or last occupation"
FROM_SELF_ASSESSMENT = "A self-assessment of my skills"
NOT_SAYING = "Prefer not to say"
NOT_ANSWERED = "not answered"
SOURCES = ("onet", "oews", "projections")

stamp = data.stamp()
region = current_region()

st.title("Career transitions")
st.write(
    "Which occupations could you move into, what would you need to learn, and is anyone hiring "
    f"in **{'the United States' if region.kind == 'national' else region.label}**? Start from the job you have "
    "(or had), or rate your own skills. Change the region in the sidebar."
)
st.caption(
    "“A job is not just about the skills you use; it's how you do your job and who you do it with.” "
    "So occupations are compared on skills and knowledge, on what the work involves day to day, and on "
    "how people work (interests and work styles), then ranked with local jobs, openings and pay."
)


# --------------------------------------------------------------------------- thresholds


def render_thresholds() -> Thresholds:
    default = Thresholds()
    with st.expander("Thresholds: which occupations are ranked (change them to see what else is possible)"):
        cols = st.columns(3)
        min_similarity = cols[0].slider(
            "Lowest similarity",
            0,
            100,
            int(default.min_similarity),
            key="tr_min_similarity",
            help="0-100; 20 = only 1 in 10 pairs of occupations is more alike, 40 = 1 in 100, 60 = 1 in 1,000.",
        )
        max_zone = cols[1].slider(
            "Largest job zone step up",
            0,
            MAX_JOB_ZONE_STEP,
            default.max_job_zone_step,
            key="tr_max_zone",
            help="O*NET job zones 1-5 say how much preparation an occupation needs.",
        )
        max_education = cols[2].slider(
            "Largest education step up",
            0,
            MAX_EDUCATION_STEP,
            default.max_education_step,
            key="tr_max_edu",
            help="Steps on BLS's typical entry education ladder: no credential, high "
            "school, certificate or some college, associate's, bachelor's, "
            "master's, then a doctoral or professional degree two steps above a "
            "master's.",
        )
        cols = st.columns(3)
        min_wage = cols[0].slider(
            "Lowest pay compared with now (%)",
            0,
            150,
            int(default.min_wage_ratio * 100),
            step=5,
            key="tr_min_wage",
            help="The target's median pay as a share of the current one.",
        )
        min_jobs = cols[1].number_input(
            "Fewest jobs in the region",
            0,
            100_000,
            default.min_local_jobs,
            step=50,
            key="tr_min_jobs",
            help="BLS OEWS employment in the region.",
        )
        same = cols[2].checkbox(
            "Include specialties of my own occupation",
            default.include_same_bls_occupation,
            key="tr_same",
            help="O*NET specialties (Acute Care Nurses for Registered Nurses) that "
            "BLS counts within the same occupation: same jobs and pay figures.",
        )
    return Thresholds(
        float(min_similarity), int(max_zone), int(max_education), min_wage / 100, int(min_jobs), bool(same)
    )


def apply_thresholds(thresholds: Thresholds) -> None:
    """Put ``thresholds`` into the threshold widgets (a button callback: runs before they are drawn)."""
    st.session_state["tr_min_similarity"] = int(thresholds.min_similarity)
    st.session_state["tr_max_zone"] = int(thresholds.max_job_zone_step)
    st.session_state["tr_max_edu"] = int(thresholds.max_education_step)
    st.session_state["tr_min_wage"] = int(round(thresholds.min_wage_ratio * 100))
    st.session_state["tr_min_jobs"] = int(thresholds.min_local_jobs)
    st.session_state["tr_same"] = bool(thresholds.include_same_bls_occupation)


# --------------------------------------------------------------------------- self-assessment form


def render_self_assessment() -> SelfAssessment | None:
    """The rating form; the submitted assessment is kept in the session so the results stay while
    the worker changes thresholds or looks at a target."""
    full = (
        st.radio(
            "Skills to rate", ["Quick: 12 skills", "Full: all 35 O*NET skills"], horizontal=True, key="tr_form_size"
        )
        != "Quick: 12 skills"
    )
    skills = tdata.form_elements("skill", stamp)
    if not full:
        skills = skills[skills.element_id.isin(QUICK_SKILLS)]
    with st.form("tr_self_form"):
        st.markdown(
            "**Your skills.** For each skill, pick the level you use it at, on O\\*NET's 0-7 scale "
            "(0 = not at all). The examples are O\\*NET's own for that skill."
        )
        levels = {}
        for skill in skills.itertuples():
            levels[skill.element_id] = st.select_slider(
                skill.element_name,
                options=list(range(8)),
                value=0,
                key=f"tr_skill_{skill.element_id}",
                help=skill.description,
            )
            st.caption(level_examples(tdata.level_anchors(skill.element_id, stamp)))
        with st.expander("Your interests (optional)"):
            st.caption("How much would you like work like this? 1 = not at all, 7 = very much.")
            interests = _optional_ratings("interest", INTEREST_RANGE, "tr_interest")
        with st.expander("How you like to work (optional)"):
            st.caption("How well does this describe you at work? 1 = not at all, 5 = extremely well.")
            styles = _optional_ratings("work_style", WORK_STYLE_RANGE, "tr_style")
        with st.expander("About you (optional: used for the preparation, education and pay thresholds)"):
            zones = tdata.self_assessment_model(stamp).job_zones
            zone_labels = [NOT_SAYING] + [f"{z.name} — {z.education}" for z in zones.itertuples()]
            zone = st.selectbox("Preparation you have (O*NET job zone)", zone_labels, key="tr_self_zone")
            education = st.selectbox("Your highest education", [NOT_SAYING, *EDUCATION_LADDER], key="tr_self_edu")
            pay = st.number_input(
                "Your current or last yearly pay, in dollars (0 = prefer not to say)",
                0,
                2_000_000,
                0,
                step=1000,
                key="tr_self_pay",
            )
        submitted = st.form_submit_button("Find occupations", type="primary", key="tr_self_submit")
    if submitted:
        st.session_state["tr_assessment"] = SelfAssessment(
            skill_levels={k: float(v) for k, v in levels.items()},
            interests=interests,
            work_styles=styles,
            job_zone=None if zone == NOT_SAYING else zone_labels.index(zone),
            education=None if education == NOT_SAYING else education,
            annual_pay_usd=float(pay) if pay else None,
        )
    return st.session_state.get("tr_assessment")


def _optional_ratings(domain: str, bounds: tuple[float, float], key: str) -> dict[str, float]:
    options = [NOT_ANSWERED, *range(int(bounds[0]), int(bounds[1]) + 1)]
    ratings = {}
    for element in tdata.form_elements(domain, stamp).itertuples():
        value = st.select_slider(
            element.element_name,
            options=options,
            value=NOT_ANSWERED,
            key=f"{key}_{element.element_id}",
            help=element.description,
        )
        if value != NOT_ANSWERED:
            ratings[element.element_id] = float(value)
    return ratings


# --------------------------------------------------------------------------- results


def render_ranked(result) -> None:
    st.subheader(f"Where {result.origin.label} can lead in {result.area_label}")
    for note in result.notes:
        st.info(md(note))
    if result.ranked.empty:
        render_empty(result)
        return
    aside = (
        f"{len(result.set_aside)} more similar occupations are set aside below, each with the reason."
        if len(result.set_aside)
        else "none of the similar occupations is set aside."
    )
    st.write(f"{len(result.ranked)} occupations pass the thresholds ({result.thresholds.describe()}); {aside}")
    table = tdata.ranked_table(result)
    st.dataframe(
        table, hide_index=True, width="stretch", key="tr_ranked_table", column_config=tdata.column_config(table)
    )
    note = source_caption(*SOURCES)
    st.caption(
        "Jobs, location quotient and pay: BLS OEWS for the region (wage-and-salary jobs). Openings a year "
        "here is an estimate: BLS's national openings per job (Employment Projections 2024-34) applied to "
        "the region's jobs; it assumes the region's growth and turnover match the nation's. "
        "Pay is compared in the region when BLS published both medians, otherwise nationally. "
        "“Whose numbers” names the BLS group when a figure is a group's, shared with other occupations; "
        "such a figure counts once in the ranking (“Demand counted once”)."
    )
    csv_download(
        tdata.for_csv(table),
        "Download the ranked occupations (CSV)",
        f"transitions-{result.origin.label}-{result.area_label}",
        note,
        key="tr_dl_ranked",
    )
    render_chart(result)


def render_empty(result) -> None:
    """Nothing passes: which threshold emptied the list, and the nearest relaxation in one click."""
    explanation = explain_empty(result)
    st.warning(md(explanation.sentence))
    relaxation: Relaxation | None = explanation.relaxation
    if relaxation is None:
        st.info(
            "No change of the thresholds ranks an occupation here: BLS publishes no jobs figure in this region "
            "for the similar occupations. Pick a larger region in the sidebar."
        )
        return
    ranked = f"{relaxation.ranked_count} occupation{'s' if relaxation.ranked_count != 1 else ''}"
    st.button(
        f"Rank with the nearest thresholds: {relaxation.words}",
        key="tr_relax",
        type="primary",
        on_click=apply_thresholds,
        args=(relaxation.thresholds,),
        help=f"The smallest change that ranks at least one occupation here ({ranked}).",
    )
    st.caption(
        "Or loosen the thresholds yourself above, pick a larger region in the sidebar, or look at the "
        "occupations set aside below."
    )


def render_chart(result) -> None:
    ranked = result.ranked.dropna(subset=["local_annual_openings_est_count"])
    ranked = ranked[ranked.local_annual_openings_est_count > 0]
    if ranked.empty:
        st.info("No openings estimate is available for the ranked occupations here, so there is no chart.")
        return
    st.markdown("**Similarity against local demand**")
    marked = mark_shared_figures(ranked)
    plot = ranked[
        [
            "transition_rank",
            "target_title",
            "similarity_score",
            "local_employment_count",
            "local_annual_openings_est_count",
            "same_figure_note",
        ]
    ].assign(
        pay_vs_now_pct=100 * ranked.wage_ratio,
        label=ranked.transition_rank.astype(str),
        demand_basis=marked.demand_basis.fillna(""),
    )
    base = alt.Chart(plot).encode(
        x=alt.X("similarity_score:Q", title="Similarity to where you start (0-100)", scale=alt.Scale(zero=False)),
        y=alt.Y(
            "local_annual_openings_est_count:Q",
            title="Estimated openings a year here (log scale)",
            scale=alt.Scale(type="log"),
        ),
    )
    pay_known = plot.pay_vs_now_pct.notna().any()
    color = (
        alt.Color("pay_vs_now_pct:Q", title="Pay vs now (%)", scale=alt.Scale(scheme="blueorange", domainMid=100))
        if pay_known
        else alt.value("#4c78a8")
    )
    points = base.mark_circle(opacity=0.8, stroke="black", strokeWidth=0.5).encode(
        size=alt.Size("local_employment_count:Q", title="Jobs here", scale=alt.Scale(range=[40, 900])),
        color=color,
        tooltip=[
            alt.Tooltip("transition_rank:Q", title="Rank"),
            alt.Tooltip("target_title:N", title="Occupation"),
            alt.Tooltip("similarity_score:Q", title="Similarity", format=".0f"),
            alt.Tooltip("local_employment_count:Q", title="Jobs here", format=","),
            alt.Tooltip("local_annual_openings_est_count:Q", title="Openings a year (estimate)", format=",.2r"),
            alt.Tooltip("demand_basis:N", title="Whose numbers"),
            alt.Tooltip("same_figure_note:N", title="Demand counted once"),
            alt.Tooltip("pay_vs_now_pct:Q", title="Pay vs now (%)", format=".0f"),
        ],
    )
    labels = base.mark_text(dy=-10, fontSize=11).encode(text="label:N")
    st.altair_chart((points + labels).properties(height=380), width="stretch")
    st.caption(
        "Each circle is a ranked occupation, numbered by rank: further right is closer to where you start, "
        "higher has more estimated openings here (log scale), larger has more jobs now"
        + (", colour shows pay compared with now. " if pay_known else ". ")
        + "Occupations showing one BLS group's figure sit at the same height; the tooltip names the group. "
        + data.source_note(SOURCES, stamp)
    )


def render_target(result, assessment: SelfAssessment | None) -> None:
    options = result.ranked.target_onet_soc_code.tolist() + result.set_aside.target_onet_soc_code.tolist()
    if not options:
        return
    labels = [f"#{r} {t}" for r, t in zip(result.ranked.transition_rank, result.ranked.target_title)]
    labels += [f"{t} (set aside)" for t in result.set_aside.target_title]
    st.subheader("What it would take")
    target = options[labels.index(st.selectbox("Look closer at", labels, key="tr_target"))]
    row = pd.concat([result.ranked, result.set_aside]).set_index("target_onet_soc_code").loc[target]
    render_demand_here(row, result.area_label)
    render_breakdown(row)
    render_gaps(result, target, row, assessment)
    render_preparation(result, target)
    render_programs(target, row.target_title)


def render_demand_here(row, place: str) -> None:
    """The target's jobs and openings here, naming the BLS group when the figures are a group's."""
    if isinstance(row.get("why"), str):
        st.markdown(md(f"**Where it stands:** {row.why}").replace("$", "\\$"))
    elif isinstance(row.get("reasons_set_aside"), str):
        st.markdown(md(f"**Set aside:** {row.reasons_set_aside}."))
    if bool(row.demand_is_shared):
        st.caption(
            md(
                f"{row.target_title}: the jobs, pay and openings figures for {place} are those of "
                f"{row.demand_basis}; BLS does not publish {row.target_title} on its own."
            )
        )


def render_breakdown(row) -> None:
    st.markdown(
        f"**Why {row.target_title} is similar**: similarity {row.similarity_score:.0f} — "
        f"{describe_score(row.similarity_score)}."
    )
    parts = pd.DataFrame(
        [
            {"Component": c.label, "Group": c.group, "Weight": c.weight, "Score": getattr(row, f"{c.key}_score")}
            for c in COMPONENTS
        ]
    )
    shown = parts.dropna(subset=["Score"])
    if shown.empty:
        return
    chart = (
        alt.Chart(shown)
        .mark_bar()
        .encode(
            x=alt.X("Score:Q", title="Component score (0-100)", scale=alt.Scale(domain=[0, 100])),
            y=alt.Y("Component:N", sort=None, title=None, axis=alt.Axis(labelLimit=260)),
            color=alt.Color("Group:N"),
            tooltip=["Component", "Group", "Weight", alt.Tooltip("Score:Q", format=".0f")],
        )
    )
    st.altair_chart(chart.properties(height=34 * len(shown) + 40), width="stretch")
    missing = parts[parts.Score.isna()].Component.tolist()
    st.caption(
        "Each component is scored 0-100 by how rare it is for two occupations to be this alike on it "
        "(20 = only 1 in 10 pairs is more alike, 40 = 1 in 100, 60 = 1 in 1,000). The similarity takes their "
        f"weighted mean ({row.weighted_component_mean:.0f} here; weights in “How this works”) and puts it on "
        "the same scale: the share of occupation pairs with a higher weighted mean."
        + (
            f" Not compared (not rated by O\\*NET or not in a self-assessment): {', '.join(missing)}."
            if missing
            else ""
        )
    )


def render_gaps(result, target: str, row, assessment: SelfAssessment | None) -> None:
    if result.origin.kind == "occupation":
        gaps = tdata.occupation_gaps(result.origin.onet_soc_code, target, stamp)
        now = "Level now"
    else:
        gaps = tdata.self_assessment_gaps(tuple(sorted(assessment.skill_levels.items())), target, stamp)
        now = "Your level"
    st.markdown(f"**Skills and knowledge to build for {row.target_title}**")
    if gaps.empty:
        st.success(
            f"No skill{' or knowledge area' if result.origin.kind == 'occupation' else ''} that "
            f"{row.target_title} rates at least somewhat important needs a level "
            f"{MIN_GAP_LEVELS} or more above "
            f"{'the level now' if result.origin.kind == 'occupation' else 'yours'}."
        )
        return
    top = gaps.head(12)
    long = pd.concat(
        [
            pd.DataFrame({"Element": top.element_name, "Level": top.current_level, "Which": now}),
            pd.DataFrame({"Element": top.element_name, "Level": top.target_level, "Which": "Level needed"}),
        ]
    )
    chart = (
        alt.Chart(long)
        .mark_bar(opacity=0.85)
        .encode(
            x=alt.X("Level:Q", title="O*NET level (0-7)", scale=alt.Scale(domain=[0, 7])),
            y=alt.Y("Element:N", sort=top.element_name.tolist(), title=None, axis=alt.Axis(labelLimit=260)),
            yOffset="Which:N",
            color=alt.Color("Which:N", title=None, sort=[now, "Level needed"]),
            tooltip=["Element", "Which", alt.Tooltip("Level:Q", format=".1f")],
        )
    )
    st.altair_chart(chart.properties(height=44 * len(top) + 40), width="stretch")
    table = pd.DataFrame(
        {
            "Skill or knowledge": gaps.element_name,
            "Type": gaps.domain,
            "Importance in target (1-5)": gaps.target_importance.round(2),
            now: gaps.current_level.round(2),
            "Level needed": gaps.target_level.round(2),
            "Gap": gaps.gap_levels.round(2),
            "Priority (importance x gap)": gaps.priority.round(2),
            "What the needed level looks like": gaps.target_level_example,
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", key="tr_gap_table")
    note = source_caption("onet")
    st.caption(
        "Listed: elements the target rates at least somewhat important "
        f"(importance ≥ {MIN_TARGET_IMPORTANCE:g}) "
        f"and needs at least {MIN_GAP_LEVELS} level above {now.lower()}, largest importance x gap first. Levels "
        "O\\*NET recommends suppressing (imprecise) are left out."
        + (" Only the skills you rated are compared." if result.origin.kind == "self_assessment" else "")
    )
    csv_download(table, "Download the skill gaps (CSV)", f"skill-gaps-{row.target_title}", note, key="tr_dl_gaps")


def render_preparation(result, target: str) -> None:
    step = tdata.preparation(target, result.origin.job_zone, stamp)
    st.markdown("**Preparation**")
    cols = st.columns(2) + st.columns(2)
    zone = step["target_job_zone"]
    if zone is None:
        cols[0].metric("Job zone", "not rated")
    else:
        delta = None if step["job_zone_step"] is None else f"{step['job_zone_step']:+d} from now"
        cols[0].metric("Job zone", f"{zone} of 5", delta=delta, delta_color="off", help=step["job_zone_name"])
    cols[1].metric("Typical entry education (BLS)", step["bls_typical_entry_education"] or "not published")
    cols[2].metric("On-the-job training (BLS)", step["bls_on_the_job_training"] or "not published")
    cols[3].metric("Work experience (BLS)", step["bls_work_experience"] or "not published")
    if step["job_zone_name"]:
        st.caption(f"{step['job_zone_name']}. {step['job_zone_education'] or ''} {step['job_zone_training'] or ''}")
    source_caption("onet", "projections")


def render_programs(target: str, title: str) -> None:
    programs = tdata.programs(target, stamp)
    st.markdown(f"**Training programs that lead to {title}**")
    if programs.empty:
        st.info(f"The CIP-SOC crosswalk links no instructional program to {title}.")
        return
    table = programs.rename(
        columns={
            "cip_code": "CIP code",
            "cip_title": "Program",
            "cip_definition": "What it covers",
            "soc_code": "Linked to SOC",
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", key="tr_program_table")
    note = source_caption("cip_soc")
    st.caption(
        "Fields of study the NCES CIP-SOC crosswalk links to this occupation; it does not say where a program "
        "is offered or how its graduates fare."
    )
    csv_download(table, "Download the programs (CSV)", f"programs-{title}", note, key="tr_dl_programs")


def render_pathways(result) -> None:
    st.subheader("Stepping stones")
    st.write(
        f"Occupations that pay at least {DESIRABLE_WAGE_RATIO:.0%} of now (without your pay: of the first "
        "step) and are hiring here, but are too far for a direct move, reached through one of the ranked "
        "occupations (itself hiring here). Both steps must pass the similarity, job zone and education "
        "thresholds; a path is as strong as its weaker step."
    )
    paths = tdata.stepping_stones(result, stamp)
    if paths.empty:
        st.info("No two-step path passes the thresholds here. Loosening them, or a larger region, may find some.")
        return
    table = tdata.stepping_stone_table(paths)
    st.dataframe(table, hide_index=True, width="stretch", key="tr_path_table", column_config=tdata.column_config(table))
    note = source_caption(*SOURCES)
    st.caption(
        "Jobs, openings and location quotient are the target's in the region; “Whose numbers” names the BLS "
        "group when they are a group's. The path names the group for the first step too."
    )
    csv_download(
        tdata.for_csv(table),
        "Download the stepping stones (CSV)",
        f"stepping-stones-{result.origin.label}",
        note,
        key="tr_dl_paths",
    )


def render_onet_reference(code: str, title: str) -> None:
    st.subheader("Beside O\\*NET's own list of related occupations")
    theirs = tdata.onet_related(code, stamp)
    if theirs.empty:
        st.info(f"O\\*NET publishes no related occupations for {title}.")
        return
    ours = tdata.most_similar(code, 10, stamp)
    primary = theirs[theirs.relatedness_tier.isin(["Primary-Short", "Primary-Long"])]
    found = int(primary.in_our_top_k.sum())
    overall = tdata.agreement(stamp)
    st.write(
        f"O\\*NET's experts list related occupations independently of our method (it never reads their list). "
        f"Of their {len(primary)} primary related occupations for {title}, **{found}** are among our 10 most "
        f"similar. Across all {overall['occupations']} occupations our top 10 hold on average "
        f"**{overall['recall_at_k']:.0%}** of O\\*NET's primary list."
    )
    left, right = st.columns(2)
    left.markdown("**Our 10 most similar** (any region)")
    left.dataframe(
        pd.DataFrame(
            {
                "#": ours.similarity_rank,
                "Occupation": ours.target_title,
                "Similarity": ours.similarity_score.round(0),
                "In O*NET's list": ours.target_onet_soc_code.isin(set(theirs.related_onet_soc_code)),
            }
        ),
        hide_index=True,
        width="stretch",
        key="tr_ours_table",
        column_config={"Occupation": st.column_config.TextColumn(width="medium")},
    )
    right.markdown("**O\\*NET Related Occupations**")
    shown = pd.DataFrame(
        {
            "#": theirs.related_index,
            "Occupation": theirs.title,
            "O*NET tier": theirs.relatedness_tier,
            "Our rank": theirs.our_rank.astype("float64"),
        }
    )
    right.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        key="tr_onet_table",
        column_config={
            "Our rank": st.column_config.NumberColumn(
                help="Our similarity rank (1-50); empty: not in our 50 most similar."
            )
        },
    )
    note = source_caption("onet")
    csv_download(shown, "Download O*NET's list with our ranks (CSV)", f"onet-related-{title}", note, key="tr_dl_onet")


def render_set_aside(result) -> None:
    if result.set_aside.empty:
        return
    with st.expander(f"Similar occupations set aside by the thresholds ({len(result.set_aside)})"):
        table = tdata.set_aside_table(result)
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            key="tr_aside_table",
            column_config=tdata.column_config(table, wide=("reasons_set_aside",)),
        )
        csv_download(
            tdata.for_csv(table),
            "Download the set-aside list (CSV)",
            f"set-aside-{result.origin.label}",
            data.source_note(SOURCES, stamp),
            key="tr_dl_aside",
        )


def render_method() -> None:
    with st.expander("How this works: method, weights and data"):
        st.markdown(
            "**Similarity.** Two occupations are compared on seven components of their O\\*NET descriptions. "
            "Each component is scored 0-100 by rarity: among all pairs of O\\*NET occupations, the share that is "
            "more alike on it (20 = 1 in 10, 40 = 1 in 100, 60 = 1 in 1,000, 100 = 1 in 100,000 or fewer). "
            "The components are combined by their weighted mean over the components both occupations have, and "
            "that mean is put back on the same scale: similarity 40 means only 1 in 100 pairs of occupations has a "
            "higher weighted mean. Profiles are compared by their shape (correlation), so an occupation rated "
            "higher across the board is not closer to everything."
        )
        st.dataframe(
            pd.DataFrame(
                [
                    {"Component": c.label, "Group": c.group, "Compares": c.compares, "Weight": c.weight}
                    for c in COMPONENTS
                ]
            ),
            hide_index=True,
            width="stretch",
            key="tr_method_table",
        )
        overall = tdata.agreement(stamp)
        st.markdown(
            "The weights were tuned (a coordinate search over a few values per weight, starting from equal weights) "
            "to agree with O\\*NET's expert list of related occupations on a random half of the occupations; the "
            "other half is held out to check the agreement is not overfitted (see `bench/bench_transitions.py`). "
            f"Our top 10 currently hold {overall['recall_at_k']:.0%} of O\\*NET's primary related occupations on "
            "average. O\\*NET's list is never read by the score."
        )
        st.markdown(
            f"**Self-assessment.** Your ratings are compared with each occupation's skill levels (and, if given, "
            f"interests and work styles) by how both differ from the average occupation, scored on the same 0-100 "
            f"rarity scale; weights skills {SELF_WEIGHTS['skills']:g}, interests {SELF_WEIGHTS['interests']:g}, "
            f"work styles {SELF_WEIGHTS['work_styles']:g} (a judgement: there is no expert list to tune against). "
            f"At least {MIN_RATED_SKILLS} rated skills are needed."
        )
        weights = ", ".join(f"{part} {weight:.0%}" for part, weight in RANKING_WEIGHTS.items())
        st.markdown(
            f"**Ranking in the region.** Transition score = {weights} of: similarity (0-100); openings points "
            "(20 x log10 of estimated openings a year here: 10 → 20, 100 → 40, 1,000 → 60); concentration points "
            "(50 x location quotient, capped at 100); pay points (50 x pay ratio to now, capped at 100). A location "
            "quotient or pay ratio BLS did not release counts as neutral (50). Occupations that miss a threshold "
            "are set aside with the reason; when none is left, the page says which threshold removed the most and "
            "offers the smallest change that ranks at least one."
        )
        default = Thresholds()
        st.markdown(
            f"**Thresholds (defaults, adjustable above).** {default.describe().capitalize()}. Job zones are O\\*NET's "
            "five levels of preparation. Education steps are rungs of BLS's typical entry education: no credential; "
            "high school; a certificate or some college; associate's; bachelor's; master's; and a doctoral or "
            "professional degree two rungs above a master's (three to eight more years, and a residency for "
            "physicians). Specialties BLS counts within your own occupation are set aside unless you include them."
        )
        st.markdown(
            f"**Stepping stones.** Targets paying at least {DESIRABLE_WAGE_RATIO:.0%} of now (without your pay: of "
            "the first step), with enough jobs here, that are not ranked directly; reached through a ranked "
            "occupation from which they pass the similarity, job zone and education thresholds. A path is as "
            "strong as its weaker step."
        )
        st.markdown(f"**Openings estimate.** {data.openings_method()} Rounded on the page (it is an estimate).")
        st.markdown(
            "**Numbers for groups.** BLS publishes some O\\*NET occupations only inside a wider code (an O\\*NET "
            "specialty of one SOC occupation, an “All Other” group, or a group BLS publishes only as a whole); their "
            "jobs, openings and pay are then the group's, and “Whose numbers” names the group beside them. Such a "
            "figure is one piece of evidence, so it counts once per ranking: the group's own SOC occupation (an "
            "O\\*NET code ending in .00) or else the most similar occupation showing it carries its openings and "
            "concentration points; the others get neutral points (50, or the figure's own points where lower, so a "
            "shared figure never lifts a row) and say “same BLS figure as …”."
        )


# --------------------------------------------------------------------------- page flow

mode = st.radio("Start from", [FROM_OCCUPATION, FROM_SELF_ASSESSMENT], horizontal=True, key="tr_mode")
assessment = None
if mode == FROM_OCCUPATION:
    code = render_occupation_picker("transitions", label="Your current or last occupation")
    if not code:
        st.info("Type the job you have or had above, for example “registered nurse”, “cashier” or “machinist”.")
        render_method()
        st.stop()
else:
    code = None
    assessment = render_self_assessment()
    if assessment is None:
        st.info("Rate your skills above and press “Find occupations”.")
        render_method()
        st.stop()

thresholds = render_thresholds()
try:
    if code:
        result = tdata.from_occupation(code, region.area_code, thresholds, stamp)
    else:
        result = tdata.from_self_assessment(assessment, region.area_code, thresholds, stamp)
except UnknownOccupationError:
    st.error(f"“{code}” is not an O\\*NET occupation in this database. Search again above.")
    st.stop()
except (NoDescriptorsError, NoRegionalDataError, SelfAssessmentError) as problem:
    st.warning(md(str(problem)))
    render_method()
    st.stop()

render_ranked(result)
render_target(result, assessment)
render_pathways(result)
if code:
    render_onet_reference(code, result.origin.label)
render_set_aside(result)
render_method()
