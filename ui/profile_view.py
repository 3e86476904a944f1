"""The explorer's full O*NET profile sections: work activities, work styles, interests, tasks, technology skills,
and (from a downloaded full release) abilities and work context, each a table with its source and a CSV download;
a section the database lacks says so and how to add it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lmi.i18n import _
from lmi.occupations.profile_sections import IMPORTANCE_SCALE, INTEREST_SCALE, LEVEL_SCALE
from ui import data, profile_data
from ui.components import csv_download, md

ONET = ("onet",)
ONET_WORK_ACTIVITIES = ("onet_work_activities",)


def render_full_profile(onet_soc_code: str, title: str) -> None:
    """Every section in order, under the profile's "What the work takes"."""
    render_work_activities(onet_soc_code, title)
    render_work_styles(onet_soc_code, title)
    render_interests(onet_soc_code, title)
    render_tasks(onet_soc_code, title)
    render_technology_skills(onet_soc_code, title)
    render_abilities(onet_soc_code, title)
    render_work_context(onet_soc_code, title)


def _scales_note(with_level: bool = True) -> str:
    if with_level:
        return _("Importance on O*NET's {low}–{high} scale; level on its {level_low}–{level_high} scale.").format(
            low=IMPORTANCE_SCALE[0], high=IMPORTANCE_SCALE[1], level_low=LEVEL_SCALE[0], level_high=LEVEL_SCALE[1]
        )
    return _("Importance on O*NET's {low}–{high} scale.").format(low=IMPORTANCE_SCALE[0], high=IMPORTANCE_SCALE[1])


def _show(frame: pd.DataFrame, columns: dict[str, str]) -> None:
    """The frame's chosen columns under headers in the visitor's language."""
    st.dataframe(frame.rename(columns=columns)[list(columns.values())], hide_index=True, width="stretch")


def _download(frame: pd.DataFrame, label: str, file_stem: str, sources: tuple[str, ...], key: str) -> None:
    """The source line (with its version) under the table, and the same frame as CSV carrying it."""
    note = data.source_note(sources)
    st.caption(md(note))
    csv_download(frame, label, file_stem, note, key=key)


def _rating_columns(name: str, with_level: bool = True) -> dict[str, str]:
    columns = {
        "element_name": name,
        "importance": _("Importance (1–5)"),
        "importance_words": _("Importance"),
    }
    if with_level:
        columns.update({"level": _("Level (0–7)"), "level_words": _("Level needed")})
    return columns


def render_work_activities(onet_soc_code: str, title: str) -> None:
    """The most important generalized work activities (what people in the occupation do)."""
    st.subheader(_("Work activities"))
    frame = profile_data.work_activities(onet_soc_code)
    if frame.empty:
        st.info(md(_("O*NET has not rated work activities for this occupation.")))
        return
    _show(frame, _rating_columns(_("Work activity")))
    st.caption(md(_scales_note()))
    _download(
        frame,
        _("Download work activities (CSV)"),
        _("{title}-work-activities").format(title=title),
        ONET_WORK_ACTIVITIES,
        "dl_work_activities",
    )


def render_work_styles(onet_soc_code: str, title: str) -> None:
    """The most important work styles (personal characteristics that affect how well someone does the job)."""
    st.subheader(_("Work styles"))
    frame = profile_data.work_styles(onet_soc_code)
    if frame.empty:
        st.info(md(_("O*NET has not rated work styles for this occupation.")))
        return
    _show(frame, _rating_columns(_("Work style"), with_level=False))
    st.caption(md(_scales_note(with_level=False)))
    _download(
        frame, _("Download work styles (CSV)"), _("{title}-work-styles").format(title=title), ONET, "dl_work_styles"
    )


def render_interests(onet_soc_code: str, title: str) -> None:
    """The six RIASEC interests and O*NET's high-point code (up to three letters)."""
    st.subheader(_("Interests"))
    frame = profile_data.interest_profile(onet_soc_code)
    if frame.empty:
        st.info(md(_("O*NET has not rated interests for this occupation.")))
        return
    code = profile_data.high_point_code(onet_soc_code)
    high = frame.dropna(subset=["high_point_rank"]).sort_values("high_point_rank")
    if code:
        st.markdown(
            md(
                _("**Interest code: {code}** ({names}), O*NET's high-point interests in order.").format(
                    code=code, names=", ".join(high.interest)
                )
            )
        )
    columns = {
        "interest": _("Interest"),
        "score_1_to_7": _("Score ({low}–{high})").format(low=INTEREST_SCALE[0], high=INTEREST_SCALE[1]),
        "high_point_rank": _("High point (1 = first)"),
    }
    _show(frame, columns)
    _download(frame, _("Download interests (CSV)"), _("{title}-interests").format(title=title), ONET, "dl_interests")


def render_tasks(onet_soc_code: str, title: str) -> None:
    """Core tasks before supplemental ones; by importance only when Task Ratings were loaded (the page says so)."""
    st.subheader(_("Tasks"))
    frame = profile_data.tasks(onet_soc_code)
    if frame.empty:
        st.info(md(_("O*NET lists no tasks for this occupation.")))
        return
    core = int((frame.task_type == "Core").sum())
    st.write(_("{core} core and {other} other tasks.").format(core=core, other=len(frame) - core))
    columns = {"task_text": _("Task"), "task_type_words": _("Task type")}
    if profile_data.has_task_ratings():
        columns.update({"importance": _("Importance (1–5)"), "importance_words": _("Importance")})
        st.caption(md(_("Core tasks first, then supplemental ones, each by importance (O*NET Task Ratings).")))
    else:
        st.caption(
            md(
                _(
                    "Core tasks first, then supplemental ones, in O*NET's order: this database has no O*NET Task "
                    "Ratings (the shipped snapshot lacks them), so tasks are not ranked by importance. A full O*NET "
                    "download (`python -m etl download`) adds them."
                )
            )
        )
    _show(frame, columns)
    _download(frame, _("Download tasks (CSV)"), _("{title}-tasks").format(title=title), ONET, "dl_tasks")


def render_technology_skills(onet_soc_code: str, title: str) -> None:
    """Technology used in the occupation, hot technologies first and flagged in words."""
    st.subheader(_("Technology skills"))
    frame = profile_data.technology_skills(onet_soc_code)
    if frame.empty:
        st.info(md(_("O*NET lists no technology skills for this occupation.")))
        return
    hot = int(frame.is_hot_technology.sum())
    st.write(
        md(
            _(
                "{hot} of {total} are **hot technologies**: O*NET's name for technology employers frequently ask "
                "for in job postings."
            ).format(hot=hot, total=len(frame))
        )
    )
    columns = {"technology": _("Technology"), "commodity_title": _("Kind"), "flag_words": _("Hot technology?")}
    _show(frame, columns)
    _download(
        frame,
        _("Download technology skills (CSV)"),
        _("{title}-technology").format(title=title),
        ONET,
        "dl_technology",
    )


def _missing_note(part: str) -> None:
    st.info(
        md(
            _(
                "This database has no O*NET {part}: the shipped snapshot lacks them. A full O*NET download "
                "(`python -m etl download`) adds them."
            ).format(part=part)
        )
    )


def render_abilities(onet_soc_code: str, title: str) -> None:
    """The most important abilities, from a downloaded full release (or why there are none)."""
    st.subheader(_("Abilities"))
    if "abilities" not in profile_data.loaded_parts():
        _missing_note(_("Abilities"))
        return
    frame = profile_data.abilities(onet_soc_code)
    if frame.empty:
        st.info(md(_("O*NET has not rated abilities for this occupation.")))
        return
    _show(frame, _rating_columns(_("Ability")))
    st.caption(md(_scales_note()))
    _download(frame, _("Download abilities (CSV)"), _("{title}-abilities").format(title=title), ONET, "dl_abilities")


def render_work_context(onet_soc_code: str, title: str) -> None:
    """How and with whom the work is done (O*NET Work Context), from a downloaded full release."""
    st.subheader(_("How and with whom you work (work context)"))
    if "work_context" not in profile_data.loaded_parts():
        _missing_note(_("Work Context"))
        return
    frame = profile_data.work_context(onet_soc_code)
    if frame.empty:
        st.info(md(_("O*NET has not rated the work context of this occupation.")))
        return
    columns = {
        "element_name": _("Condition"),
        "context_group": _("About"),
        "most_common_answer": _("Most common answer"),
        "most_common_answer_pct": _("Share giving it (%)"),
        "context_score_pct": _("How much it marks the job (0–100)"),
    }
    _show(frame, columns)
    st.caption(
        md(
            _(
                "Contact with others, teamwork, physical conditions and schedules as workers describe them; "
                "the conditions highest on O*NET's own scale first."
            )
        )
    )
    _download(
        frame,
        _("Download work context (CSV)"),
        _("{title}-work-context").format(title=title),
        ONET,
        "dl_work_context",
    )
