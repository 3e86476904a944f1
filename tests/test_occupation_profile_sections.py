"""The full O*NET profile on the shipped data (O*NET 29.3, Work Activities 28.2): Registered Nurses' work
activities, work styles, interests, tasks and technology skills, and what the shipped snapshot lacks."""

from __future__ import annotations

from lmi.i18n import use_language
from lmi.occupations import profile_sections as sections

RN = "29-1141.00"


def test_rn_tasks_put_every_core_task_before_the_supplemental_ones(ref_con):
    tasks = sections.tasks(ref_con, RN)
    assert len(tasks) > 20 and tasks.task_id.is_unique
    kinds = tasks.task_type.tolist()
    core = kinds.count("Core")
    assert core >= 10 and kinds[:core] == ["Core"] * core
    assert set(kinds[core:]) <= {"Supplemental", None}
    assert set(tasks.task_type_words.iloc[:core]) == {"Core"}
    assert any("medication" in text.lower() for text in tasks.task_text.iloc[:core])


def test_without_task_ratings_tasks_keep_o_nets_order_and_say_they_are_not_rated(ref_con):
    assert not sections.has_task_ratings(ref_con)
    tasks = sections.tasks(ref_con, RN)
    core = tasks[tasks.task_type == "Core"]
    assert core.task_id.is_monotonic_increasing
    assert tasks.importance.isna().all() and set(tasks.importance_words) == {"not rated"}


def test_rn_technology_includes_hot_technologies_flagged_in_words(ref_con):
    technology = sections.technology_skills(ref_con, RN)
    hot = technology[technology.is_hot_technology]
    assert "Epic Systems" in set(hot.technology) and "MEDITECH software" in set(hot.technology)
    assert technology.is_hot_technology.iloc[: len(hot)].all()  # hot technologies first
    assert set(hot.flag_words) <= {"Hot technology", "Hot technology, in demand"}
    assert set(technology[~technology.is_hot_technology].flag_words) == {""}


def test_rn_interest_code_is_social_investigative_conventional(ref_con):
    assert sections.high_point_code(ref_con, RN) == "SIC"
    interests = sections.interest_profile(ref_con, RN)
    assert len(interests) == 6 and set(interests.interest) == set(sections.RIASEC)
    high = interests.dropna(subset=["high_point_rank"]).sort_values("high_point_rank")
    assert high.interest.tolist() == ["Social", "Investigative", "Conventional"]
    assert interests.score_1_to_7.between(1, 7).all()


def test_rn_work_activities_and_styles_on_onets_scales(ref_con):
    activities = sections.work_activities(ref_con, RN)
    assert len(activities) == 10
    assert activities.element_name.iloc[0] == "Assisting and Caring for Others"
    assert activities.importance.between(1, 5).all() and activities.level.between(0, 7).all()
    assert activities.importance.is_monotonic_decreasing
    styles = sections.work_styles(ref_con, RN)
    assert "level" not in styles.columns  # O*NET rates only the importance of work styles
    assert "Dependability" in set(styles.element_name) and styles.importance.between(1, 5).all()


def test_shipped_snapshot_lacks_task_ratings_abilities_and_work_context(ref_con):
    assert sections.loaded_parts(ref_con) == set()
    assert sections.missing_parts(ref_con) == ("Task Ratings", "Abilities", "Work Context")
    assert sections.abilities(ref_con, RN).empty and sections.work_context(ref_con, RN).empty
    with use_language("es"):
        assert sections.tasks(ref_con, RN).task_type_words.iloc[0] != "Core"


def test_unrated_occupation_has_empty_rating_sections(ref_con):
    code = ref_con.execute("SELECT onet_soc_code FROM core_occupation WHERE NOT has_ratings LIMIT 1").fetchone()[0]
    assert sections.work_activities(ref_con, code).empty
