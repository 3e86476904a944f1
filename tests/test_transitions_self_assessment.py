"""Matching a worker's own ratings (lmi.transitions.self_assessment) on the real reference database."""

from __future__ import annotations

import pytest

from lmi.transitions.ranking import Origin, Thresholds, TransitionEngine
from lmi.transitions.self_assessment import (
    QUICK_SKILLS,
    SelfAssessment,
    SelfAssessmentError,
    SelfAssessmentModel,
    transitions,
    validate,
)

MECHANIC = {
    "Repairing": 6,
    "Equipment Maintenance": 6,
    "Troubleshooting": 5,
    "Operation and Control": 4,
    "Operations Monitoring": 4,
    "Equipment Selection": 4,
    "Quality Control Analysis": 3,
    "Critical Thinking": 3,
    "Reading Comprehension": 3,
    "Active Listening": 3,
    "Speaking": 2,
    "Writing": 2,
    "Mathematics": 2,
    "Science": 1,
    "Programming": 0,
    "Persuasion": 1,
    "Negotiation": 1,
    "Instructing": 2,
    "Service Orientation": 2,
}


@pytest.fixture(scope="module")
def model(ref_con):
    return SelfAssessmentModel(ref_con)


@pytest.fixture(scope="module")
def skill_ids(model):
    skills = model.elements_of("skill")
    return dict(zip(skills.element_name, skills.element_id))


def test_form_offers_the_35_skills_with_level_anchors_and_a_quick_list(model):
    skills = model.elements_of("skill")
    assert len(skills) == 35
    assert set(QUICK_SKILLS) <= set(skills.element_id) and len(QUICK_SKILLS) == 12
    assert all(len(model.anchors[e]) >= 3 for e in skills.element_id)
    assert model.elements_of("interest").element_name.tolist() == [
        "Realistic",
        "Investigative",
        "Artistic",
        "Social",
        "Enterprising",
        "Conventional",
    ]
    assert len(model.elements_of("work_style")) == 16


def test_high_mechanical_skills_surface_mechanics_and_repairers(model, skill_ids):
    matches, notes = model.match(SelfAssessment({skill_ids[k]: v for k, v in MECHANIC.items()}))
    top = matches.head(10).target_title.tolist()
    assert sum(("Mechanic" in t or "Repairer" in t or "Maintenance" in t) for t in top) >= 7, top
    assert matches.similarity_score.is_monotonic_decreasing
    assert notes == []


def test_quick_mode_compares_only_the_rated_skills(model, skill_ids):
    quick = {skill_ids[k]: v for k, v in MECHANIC.items() if skill_ids[k] in QUICK_SKILLS}
    matches, _ = model.match(SelfAssessment(quick))
    top = matches.head(10).target_title.tolist()
    assert sum(("Mechanic" in t or "Repairer" in t or "Machin" in t) for t in top) >= 5, top
    assert matches.interests_score.isna().all() and matches.tasks_score.isna().all()


def test_interests_move_a_caring_profile_towards_social_occupations(model, skill_ids):
    caring = {
        skill_ids[k]: v
        for k, v in {
            "Service Orientation": 5,
            "Social Perceptiveness": 5,
            "Active Listening": 5,
            "Speaking": 4,
            "Reading Comprehension": 4,
            "Repairing": 0,
            "Programming": 0,
            "Mathematics": 2,
        }.items()
    }
    social = {"1.B.1.d": 7, "1.B.1.a": 1, "1.B.1.b": 3, "1.B.1.c": 2, "1.B.1.e": 3, "1.B.1.f": 2}
    matches, _ = model.match(SelfAssessment(caring, interests=social))
    assert matches.interests_score.notna().all() and (matches.components_used == 2).all()
    assert matches.head(10).target_onet_soc_code.str[:2].isin(["21", "25", "29", "31", "39"]).sum() >= 7


@pytest.mark.parametrize(
    "levels, message",
    [
        ({}, "Rate at least 5 skills"),
        ({s: 0 for s in QUICK_SKILLS}, "All your skill ratings are 0"),
        ({s: 3 for s in QUICK_SKILLS}, "All your skill ratings are the same"),
        ({s: 9 for s in QUICK_SKILLS}, "between 0 and 7"),
    ],
)
def test_ratings_that_cannot_be_matched_are_refused_with_a_clear_message(model, levels, message):
    with pytest.raises(SelfAssessmentError, match=message):
        model.match(SelfAssessment(levels))


def test_flat_optional_ratings_are_ignored_with_a_note(skill_ids):
    levels = {
        skill_ids["Repairing"]: 6,
        skill_ids["Writing"]: 1,
        skill_ids["Speaking"]: 2,
        skill_ids["Science"]: 0,
        skill_ids["Mathematics"]: 3,
    }
    notes = validate(SelfAssessment(levels, interests={"1.B.1.a": 4, "1.B.1.b": 4}))
    assert notes == ["Your interests ratings are all the same, so they were not used."]


def test_self_assessment_ranks_in_a_region_with_the_pay_the_worker_entered(ref_con, model, skill_ids):
    levels = {skill_ids[k]: v for k, v in MECHANIC.items()}
    matches, notes = model.match(SelfAssessment(levels))
    origin = Origin(
        "self_assessment",
        "your self-assessment",
        None,
        None,
        2,
        "High school diploma or equivalent",
        50_000.0,
        50_000.0,
        "the pay you entered",
    )
    result = TransitionEngine(ref_con).rank(origin, matches, "0900000", Thresholds(), notes)
    assert len(result.ranked) > 0
    assert (result.ranked.wage_ratio >= 0.9).all()
    assert (result.ranked.job_zone_step <= 1).all()
    first = result.ranked.iloc[0]
    assert first.wage_ratio == pytest.approx(first.local_annual_wage_median_usd / 50_000)
    assert "of the pay you entered" in first.why


def test_self_assessment_ranks_through_its_own_origin(ref_con, model, skill_ids):
    """The path the page takes: the assessment says where the worker starts (pay, education, preparation)."""
    levels = {skill_ids[k]: v for k, v in MECHANIC.items()}
    assessment = SelfAssessment(
        levels, job_zone=2, education="High school diploma or equivalent", annual_pay_usd=50_000.0
    )
    result = transitions(TransitionEngine(ref_con), model, assessment, "0900000", Thresholds())
    assert result.origin.kind == "self_assessment" and result.origin.local_wage_usd == 50_000.0
    assert (result.ranked.wage_ratio >= 0.9).all() and (result.ranked.job_zone_step <= 1).all()
    assert "of the pay you entered" in result.ranked.iloc[0].why
    without_pay = transitions(TransitionEngine(ref_con), model, SelfAssessment(levels), "0900000", Thresholds())
    assert any("did not enter your pay" in note for note in without_pay.notes)


def test_equal_assessments_hash_alike_whatever_the_order_of_ratings():
    """A cache keyed on an assessment finds it again however the form listed the ratings."""
    first = SelfAssessment({"2.A.1.a": 3.0, "2.B.3.l": 6.0}, interests={"1.B.1.a": 5.0})
    second = SelfAssessment({"2.B.3.l": 6.0, "2.A.1.a": 3.0}, interests={"1.B.1.a": 5.0})
    assert first == second and hash(first) == hash(second)
    assert hash(first) != hash(SelfAssessment({"2.A.1.a": 3.0, "2.B.3.l": 5.0}, interests={"1.B.1.a": 5.0}))
