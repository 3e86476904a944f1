"""Career ladders (lmi.transitions.ladder, lmi.transitions.pathways) on the real reference database: education
rungs read from O*NET's required-education distribution, and stepping stones that sit between two rungs."""

from __future__ import annotations

import re

import pytest

from lmi.db import query_df
from lmi.transitions import ladder, pathways
from lmi.transitions.ranking import EDUCATION_RANK, TransitionEngine, thresholds_text

NURSING_ASSISTANTS, PRACTICAL_NURSES, NURSES = "31-1131.00", "29-2061.00", "29-1141.00"
PT_ASSISTANTS = "31-2021.00"
HARTFORD = "0025540"


@pytest.fixture(scope="module")
def engine(ref_con):
    return TransitionEngine(ref_con)


@pytest.fixture(scope="module")
def levels(ref_con):
    return ladder.onet_education_levels(ref_con)


def test_the_distribution_table_is_o_nets_required_level_of_education(ref_con):
    """core_occupation_required_education holds O*NET's RL shares, 12 levels per occupation, with running sums."""
    nurses = ladder.required_education_shares(ref_con, NURSES)
    assert nurses.education_category.tolist() == list(range(1, 13))
    shares = dict(zip(nurses.education_category, nurses.respondents_pct))
    assert (shares[2], shares[3], shares[5], shares[6], shares[8]) == (0.76, 22.5, 19.39, 55.92, 1.43)
    assert nurses.cumulative_pct.iloc[-1] == pytest.approx(100, abs=0.05)
    assert nurses.cumulative_pct.is_monotonic_increasing
    checks = query_df(ref_con, "SELECT check_name, passed FROM meta_data_check WHERE check_name LIKE 'required_%'")
    assert len(checks) == 2 and checks.passed.all()


def test_the_rule_reads_a_quarter_for_entry_and_half_for_where_you_start(levels):
    """The numbers the rule was chosen with (ladder docstring): RNs 23.3% up to a certificate and 42.7% up to an
    associate's, so 25% gives an associate's (20% would give a certificate, the median a bachelor's)."""
    assert (ladder.ENTRY_SHARE_PCT, ladder.TYPICAL_SHARE_PCT) == (25.0, 50.0)
    expected = {
        NURSES: ("Associate's degree", 42.7, "Bachelor's degree", 98.6),
        PRACTICAL_NURSES: ("Postsecondary nondegree award", 34.8, "Some college, no degree", 73.0),
        NURSING_ASSISTANTS: ("High school diploma or equivalent", 41.4, "Postsecondary nondegree award", 65.3),
        PT_ASSISTANTS: ("Associate's degree", 84.2, "Associate's degree", 84.2),
    }
    for code, (entry, entry_pct, typical, typical_pct) in expected.items():
        row = levels.loc[code]
        assert (row.entry_education, row.typical_education) == (entry, typical), code
        assert (row.entry_education_covered_pct, row.typical_education_covered_pct) == (entry_pct, typical_pct), code


def test_an_occupation_is_never_an_education_step_above_itself(levels):
    entry = levels.entry_education.map(EDUCATION_RANK)
    typical = levels.typical_education.map(EDUCATION_RANK)
    assert (entry <= typical).all()


def test_occupations_without_an_o_net_survey_fall_back_to_bls(engine):
    facts = engine.national
    bls = facts[facts.education_basis == "bls"]
    assert len(bls) > 0
    assert (bls.entry_education == bls.typical_entry_education).all()
    assert (bls.typical_education == bls.typical_entry_education).all()
    assert facts.loc[NURSES, "education_basis"] == "onet"


def test_hartford_nursing_assistants_reach_registered_nurses_without_an_education_set_aside(engine):
    result = engine.from_occupation(NURSING_ASSISTANTS, HARTFORD)
    assert result.origin.education == "Postsecondary nondegree award"  # the CNA median: a certificate
    assert NURSES not in set(result.set_aside.target_onet_soc_code)
    nurses = result.ranked.set_index("target_onet_soc_code").loc[NURSES]
    assert nurses.entry_education == "Associate's degree"
    assert nurses.typical_entry_education == "Bachelor's degree"  # BLS's level, kept beside
    assert nurses.education_step == 1 and not nurses.fails_education


def test_hartford_nursing_assistants_climb_to_registered_nurses_through_practical_nursing(engine):
    """Nursing Assistants -> Licensed Practical Nurses -> Registered Nurses is a stepping-stone path: LPN sits
    between the rungs (certificate, job zone 3; RN: associate's, job zone 4), is hiring in Hartford, and each step
    is a smaller jump than the direct move."""
    result = engine.from_occupation(NURSING_ASSISTANTS, HARTFORD)
    paths = pathways.stepping_stones(engine, result).set_index("target_onet_soc_code")
    path = paths.loc[NURSES]
    assert path.via_onet_soc_code == PRACTICAL_NURSES
    assert path.stone_between and path.target_is_direct
    assert path.path_strength > path.direct_similarity
    assert path.via_local_annual_openings_est_count > 0
    assert path.why_via.startswith("Licensed Practical and Licensed Vocational Nurses sits between the two rungs")
    assert "a certificate" in path.why_via and "an associate's" in path.why_via
    assert path.why_via in path.path and "Why two steps:" in path.path
    # Registered Nurses' specialties that are direct moves share its BLS figure: one ladder, not several
    assert ((paths.demand_soc_code == "29-1141") & paths.target_is_direct.astype(bool)).sum() == 1


def test_physical_therapist_assistants_are_not_a_rung_below_registered_nurses(engine):
    """PTAs are entered with an associate's degree, as RNs are: a second associate's, not a rung on the way."""
    result = engine.from_occupation(NURSING_ASSISTANTS, HARTFORD)
    paths = pathways.stepping_stones(engine, result)
    assert not ((paths.via_onet_soc_code == PT_ASSISTANTS) & (paths.target_onet_soc_code == NURSES)).any()
    pta = result.ranked.set_index("target_onet_soc_code").loc[PT_ASSISTANTS]
    assert pta.entry_education == "Associate's degree"
    steps = paths.assign(via_entry_education="Associate's degree", target_entry_education="Associate's degree")
    assert not pathways.sits_between(steps, result.origin).any()


def test_every_path_says_why_its_stone(engine):
    for code in (NURSING_ASSISTANTS, "43-4051.00"):
        result = engine.from_occupation(code, HARTFORD)
        paths = pathways.stepping_stones(engine, result)
        assert len(paths) > 0
        for row in paths.itertuples():
            lead = "sits between the two rungs" if row.stone_between else "does not sit between the two rungs"
            assert lead in row.why_via and "hiring here" in row.why_via


def test_the_method_texts_state_the_rule_from_its_constants():
    for text in (ladder.education_rule_text(), pathways.method_text(), thresholds_text()):
        shares = [float(x) for x in re.findall(r"(\d+)% of its workers", text)]
        assert shares == [ladder.ENTRY_SHARE_PCT, ladder.TYPICAL_SHARE_PCT], text


def test_a_reference_file_without_the_distribution_uses_bls_for_every_row():
    """A reference file built before core_occupation_required_education existed still ranks, on BLS's level."""
    import duckdb
    import pandas as pd

    con = duckdb.connect()
    frame = ladder.education_levels(con, pd.Series({NURSES: "Bachelor's degree", "99-9999.00": None}))
    assert frame.loc[NURSES, "entry_education"] == frame.loc[NURSES, "typical_education"] == "Bachelor's degree"
    assert frame.loc[NURSES, "education_basis"] == "bls"
    assert frame.loc["99-9999.00", "entry_education"] is None and frame.loc["99-9999.00", "education_basis"] is None
