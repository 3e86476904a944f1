"""What a move takes (lmi.transitions.skill_gaps, lmi.transitions.fields_of_study) and stepping stones (lmi.transitions.pathways), on
the real reference database."""

from __future__ import annotations

import pytest

from lmi.occupations.profile import UnknownOccupationError
from lmi.transitions import fields_of_study as training_programs
from lmi.transitions import pathways, skill_gaps
from lmi.transitions.ranking import Thresholds, TransitionEngine

NURSES, NURSE_PRACTITIONERS = "29-1141.00", "29-1171.00"
HARTFORD, CONNECTICUT = "0025540", "0900000"


@pytest.fixture(scope="module")
def engine(ref_con):
    return TransitionEngine(ref_con)


def test_gaps_are_ordered_by_importance_times_gap(ref_con):
    gaps = skill_gaps.occupation_gaps(ref_con, NURSES, NURSE_PRACTITIONERS)
    assert len(gaps) >= 5
    assert gaps.priority.is_monotonic_decreasing
    assert (gaps.priority.round(6) == (gaps.target_importance * gaps.gap_levels).round(6)).all()
    assert (gaps.gap_levels >= skill_gaps.MIN_GAP_LEVELS).all()
    assert (gaps.target_importance >= skill_gaps.MIN_TARGET_IMPORTANCE).all()
    assert set(gaps.domain) <= {"skill", "knowledge"}
    assert gaps.target_level_example.notna().all()


def test_gap_values_are_the_published_levels(ref_con):
    gaps = skill_gaps.occupation_gaps(ref_con, NURSES, NURSE_PRACTITIONERS).set_index("element_name")

    def biology(code):
        return ref_con.execute(
            """SELECT level FROM core_occupation_rating
                                  WHERE onet_soc_code = $c AND element_name = 'Biology'""",
            {"c": code},
        ).fetchone()[0]

    assert gaps.loc["Biology", "current_level"] == pytest.approx(biology(NURSES))
    assert gaps.loc["Biology", "target_level"] == pytest.approx(biology(NURSE_PRACTITIONERS))
    assert gaps.index[0] == "Biology"  # the largest importance x gap for this move


def test_no_gaps_towards_an_occupation_needing_less(ref_con):
    gaps = skill_gaps.occupation_gaps(ref_con, NURSE_PRACTITIONERS, "31-1131.00")  # to Nursing Assistants
    assert len(gaps) <= 2


def test_self_assessment_gaps_compare_only_the_rated_skills(ref_con):
    gaps = skill_gaps.self_assessment_gaps(ref_con, {"2.B.3.l": 6.0, "2.A.1.c": 1.0, "2.A.1.a": 2.0}, "49-3023.00")
    assert set(gaps.element_id) <= {"2.A.1.c", "2.A.1.a"}
    assert "Writing" in gaps.element_name.tolist()


def test_preparation_step_reads_job_zones_and_bls_education(ref_con):
    step = skill_gaps.preparation_step(ref_con, NURSE_PRACTITIONERS, origin_job_zone=4)
    assert step["target_job_zone"] == 5 and step["job_zone_step"] == 1
    assert step["bls_typical_entry_education"] == "Master's degree"
    assert step["job_zone_name"].startswith("Job Zone Five")


def test_unknown_target_raises_a_domain_error(ref_con):
    with pytest.raises(UnknownOccupationError):
        skill_gaps.occupation_gaps(ref_con, NURSES, "00-0000.00")


def test_training_programs_come_from_the_cip_soc_crosswalk(ref_con):
    programs = training_programs.programs_for(ref_con, NURSE_PRACTITIONERS)
    assert (programs.soc_code == "29-1171").all()
    assert "51.3805" in set(programs.cip_code)  # Family Practice Nurse/Nursing
    breakout = training_programs.programs_for(ref_con, "29-1141.01")  # Acute Care Nurses use SOC 29-1141
    assert (breakout.soc_code == "29-1141").all() and len(breakout) > 0


def test_stepping_stones_go_through_ranked_occupations_hiring_locally(engine):
    result = engine.from_occupation("43-4051.00", HARTFORD)  # Customer Service Representatives
    paths = pathways.stepping_stones(engine, result)
    assert len(paths) > 0
    ranked = result.ranked.set_index("target_onet_soc_code")
    t = result.thresholds
    for path in paths.itertuples():
        stone = ranked.loc[path.via_onet_soc_code]
        assert stone.local_employment_count >= t.min_local_jobs  # the stepping stone hires here
        if path.target_is_direct:  # a career ladder to a direct move: a stone between, each step a smaller jump
            assert path.target_onet_soc_code in ranked.index and path.stone_between
            assert path.path_strength > ranked.loc[path.target_onet_soc_code].similarity_score
        else:
            assert path.target_onet_soc_code not in ranked.index  # the target is not a direct move
        assert path.second_similarity >= t.min_similarity
        assert path.local_employment_count >= t.min_local_jobs
        assert path.wage_ratio >= pathways.DESIRABLE_WAGE_RATIO
        assert path.path_strength == min(path.first_similarity, path.second_similarity)
    assert paths.path_strength.is_monotonic_decreasing
    assert paths.target_onet_soc_code.is_unique


def test_licensed_practical_nurses_reach_registered_nursing_directly(engine):
    """BLS's single typical level for RNs is a bachelor's degree, but a quarter of RNs say their job requires an
    associate's degree or less (O*NET, lmi.transitions.ladder): one rung above an LPN's typical level (some
    college), so RN is a direct move from LPN, not set aside for education (it was before the O*NET rule)."""
    result = engine.from_occupation("29-2061.00", HARTFORD)
    nurses = result.ranked.set_index("target_onet_soc_code").loc[NURSES]
    assert nurses.entry_education == "Associate's degree" and nurses.typical_entry_education == "Bachelor's degree"
    assert nurses.education_step == 1


def test_stepping_stones_to_targets_set_aside_name_the_reason(engine):
    """From Licensed Practical Nurses, Nurse Practitioners (a master's, job zone 5) are reached through a ranked
    occupation; the path says why the target is not a direct move."""
    result = engine.from_occupation("29-2061.00", HARTFORD)
    assert NURSE_PRACTITIONERS in set(result.set_aside.target_onet_soc_code)
    paths = pathways.stepping_stones(engine, result).set_index("target_onet_soc_code")
    path = paths.loc[NURSE_PRACTITIONERS]
    assert not path.target_is_direct
    assert path.via_onet_soc_code in set(result.ranked.target_onet_soc_code)
    assert path.path.startswith(f"{path.via_title} (similarity")
    assert f"Not direct: {path.why_not_direct}." in path.path


def test_no_stepping_stones_when_nothing_is_ranked(engine):
    result = engine.from_occupation(NURSES, HARTFORD, Thresholds(min_similarity=99))
    assert result.ranked.empty
    assert pathways.stepping_stones(engine, result).empty


ANESTHESIOLOGIST_ASSISTANTS = "29-1071.01"
RADIATION_THERAPISTS = "29-1124.00"
PHYSICIAN_ASSISTANTS_GROUP = "BLS group 29-1071 Physician Assistants, shared by 2 occupations"


def test_a_stepping_stone_to_a_group_figure_names_the_group_beside_its_jobs(engine):
    """From Radiation Therapists in Hartford, Anesthesiologist Assistants are reached through Registered Nurses;
    their 1,460 jobs are BLS's Physician Assistants figure (29-1071), and the path says so."""
    result = engine.from_occupation(RADIATION_THERAPISTS, HARTFORD)
    paths = pathways.stepping_stones(engine, result).set_index("target_onet_soc_code")
    path = paths.loc[ANESTHESIOLOGIST_ASSISTANTS]
    assert path.local_employment_count == 1460
    assert path.demand_soc_code == "29-1071" and path.demand_is_shared
    assert path.demand_basis == PHYSICIAN_ASSISTANTS_GROUP
    assert f"1,460 jobs here for {PHYSICIAN_ASSISTANTS_GROUP}" in path.path
    own = paths[~paths.demand_is_shared.astype(bool)]
    assert not any(" for BLS group" in sentence.split(" then ")[1] for sentence in own.path)


def test_stepping_stones_from_anesthesiologist_assistants_never_show_a_group_figure_as_their_own(engine):
    """Anesthesiologist Assistants share 29-1071 with Physician Assistants: wherever that figure (1,460 jobs)
    appears in a path, as first step or as target, the group is named beside it."""
    for thresholds in (Thresholds(), Thresholds(include_same_bls_occupation=True, max_education_step=2)):
        result = engine.from_occupation(ANESTHESIOLOGIST_ASSISTANTS, HARTFORD, thresholds)
        paths = pathways.stepping_stones(engine, result)
        assert len(paths) > 0
        for sentence in paths.path:
            for at in range(len(sentence)):
                if sentence.startswith("1,460 jobs", at):
                    # the first step names the region too: "1,460 jobs in <region> for BLS group ..."
                    assert PHYSICIAN_ASSISTANTS_GROUP in sentence[at : at + 200], sentence
        shared = paths[paths.demand_is_shared.astype(bool)]
        assert all(f"for {basis}" in sentence for basis, sentence in zip(shared.demand_basis, shared.path))


def test_a_first_step_showing_a_group_figure_names_the_group(engine):
    """Labor Relations Specialists in Hartford step through Equal Opportunity Representatives and Officers,
    whose jobs are BLS's 13-1041 Compliance Officers figure."""
    result = engine.from_occupation("13-1075.00", HARTFORD)
    paths = pathways.stepping_stones(engine, result)
    via_group = paths[paths.via_demand_is_shared.astype(bool)]
    assert len(via_group) > 0
    for basis, title, sentence in zip(via_group.via_demand_basis, via_group.via_title, via_group.path):
        assert sentence.startswith(f"{title} (similarity ")
        assert f"jobs in Hartford-West Hartford-East Hartford, CT for {basis})" in sentence.split(" then ")[0]


def test_stepping_stone_figures_are_the_demand_models(engine, ref_con):
    from lmi.demand import DemandModel

    result = engine.from_occupation("43-4051.00", HARTFORD)
    paths = pathways.stepping_stones(engine, result)
    model = DemandModel(ref_con).occupations(HARTFORD, paths.target_onet_soc_code.tolist())
    for column in pathways.TARGET_DEMAND_COLUMNS:
        assert paths[column].tolist() == model[column].tolist(), column
