"""Ranking targets for a region (lmi.transitions) and the regional demand behind it
(lmi.regional_demand), on the real reference database."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from lmi import regional_demand
from lmi.areas import NATION_CODE
from lmi.occupations import UnknownOccupationError
from lmi.similarity import NoDescriptorsError
from lmi.transitions import EDUCATION_RANK, NoRegionalDataError, Origin, Thresholds, TransitionEngine

HARTFORD = "0025540"
CONNECTICUT = "0900000"
DURHAM = "0020500"  # BLS released no Registered Nurses estimate for Durham-Chapel Hill, NC


@pytest.fixture(scope="module")
def engine(ref_con):
    return TransitionEngine(ref_con)


@pytest.fixture(scope="module")
def nurses_hartford(engine):
    return engine.from_occupation("29-1141.00", HARTFORD)


def test_registered_nurses_in_hartford_lead_to_advanced_nursing_and_health_roles(nurses_hartford):
    top = nurses_hartford.ranked.head(5)
    assert {"Nurse Practitioners", "Physician Assistants"} <= set(top.target_title), top.target_title.tolist()
    assert top.target_onet_soc_code.str[:2].eq("29").all()
    assert nurses_hartford.ranked.transition_score.is_monotonic_decreasing
    assert nurses_hartford.ranked.transition_rank.tolist() == list(range(1, len(nurses_hartford.ranked) + 1))


def test_every_ranked_target_passes_every_threshold(nurses_hartford):
    ranked, t = nurses_hartford.ranked, nurses_hartford.thresholds
    assert (ranked.similarity_score >= t.min_similarity).all()
    assert (ranked.job_zone_step <= t.max_job_zone_step).all()
    assert (ranked.education_step <= t.max_education_step).all()
    assert (ranked.local_employment_count >= t.min_local_jobs).all()
    assert (ranked.wage_ratio >= t.min_wage_ratio).all()
    assert not ranked.same_bls_occupation.any()


def test_set_aside_targets_say_why(nurses_hartford):
    aside = nurses_hartford.set_aside.set_index("target_title").reasons_set_aside
    assert "specialty BLS counts within your own occupation" in aside["Acute Care Nurses"]
    assert "doctoral or professional degree" in aside["Family Medicine Physicians"]
    assert "median pay" in aside["Licensed Practical and Licensed Vocational Nurses"]
    assert (aside != "").all()


def test_each_result_says_in_a_sentence_why_it_ranks_there(nurses_hartford):
    first = nurses_hartford.ranked.iloc[0]
    assert first.why.startswith("#1 mainly for ")
    assert "Hartford-West Hartford-East Hartford, CT" in first.why
    assert "similarity" in first.why and "median pay" in first.why and "(estimate)" in first.why


def test_thresholds_are_adjustable(engine, nurses_hartford):
    loose = engine.from_occupation("29-1141.00", HARTFORD, replace(Thresholds(), max_education_step=2,
                                                                    min_wage_ratio=0.5, include_same_bls_occupation=True))
    assert len(loose.ranked) > len(nurses_hartford.ranked)
    assert "Acute Care Nurses" in set(loose.ranked.target_title)
    strict = engine.from_occupation("29-1141.00", HARTFORD, replace(Thresholds(), min_local_jobs=1000))
    assert (strict.ranked.local_employment_count >= 1000).all()


def test_pay_is_compared_with_the_regions_medians(ref_con, nurses_hartford):
    origin_wage = ref_con.execute("""SELECT annual_wage_median_usd FROM core_oews_estimate
                                     WHERE area_code = $a AND soc_code = '29-1141'""", {"a": HARTFORD}).fetchone()[0]
    assert nurses_hartford.origin.local_wage_usd == origin_wage
    row = nurses_hartford.ranked.set_index("target_title").loc["Nurse Practitioners"]
    np_wage = ref_con.execute("""SELECT annual_wage_median_usd FROM core_oews_estimate
                                 WHERE area_code = $a AND soc_code = '29-1171'""", {"a": HARTFORD}).fetchone()[0]
    assert row.wage_ratio_basis == "region"
    assert row.wage_ratio == pytest.approx(np_wage / origin_wage)


def test_openings_allocation_on_a_real_region(ref_con):
    """Hartford's estimated openings for Registered Nurses = national openings x Hartford's OEWS jobs /
    the projections' 2024 national employment."""
    local_jobs = ref_con.execute("""SELECT employment_count FROM core_oews_estimate
                                    WHERE area_code = $a AND soc_code = '29-1141'""", {"a": HARTFORD}).fetchone()[0]
    openings_k, base_k = ref_con.execute("""SELECT annual_openings_thousands, employment_2024_thousands
                                            FROM core_projection WHERE soc_code = '29-1141'""").fetchone()
    frame = regional_demand.regional_demand(ref_con, HARTFORD, ["29-1141.00"]).iloc[0]
    assert local_jobs == 13_850
    assert frame.local_annual_openings_estimate == pytest.approx(openings_k * 1000 * local_jobs / (base_k * 1000))
    assert 700 < frame.local_annual_openings_estimate < 850
    assert regional_demand.describe_openings(frame.local_annual_openings_estimate) == "about 770 a year"


def test_nation_has_location_quotient_one_and_openings_below_the_published_total(ref_con):
    frame = regional_demand.regional_demand(ref_con, NATION_CODE, ["29-1141.00"]).iloc[0]
    assert frame.location_quotient == 1.0
    assert frame.local_annual_openings_estimate <= frame.national_annual_openings_count


def test_occupation_not_published_in_the_region_gets_a_clear_note(engine):
    result = engine.from_occupation("29-1141.00", DURHAM)
    assert any("no employment estimate for Registered Nurses in Durham-Chapel Hill, NC" in n for n in result.notes)
    assert any("no median wage" in n and "national medians" in n for n in result.notes)
    assert set(result.ranked.wage_ratio_basis) <= {"nation"}
    assert len(result.ranked) > 0


def test_occupation_bls_does_not_publish_is_ranked_without_pay(engine):
    result = engine.from_occupation("11-1031.00", CONNECTICUT)  # Legislators: no OEWS estimates
    assert any("no employment or wage estimates for Legislators" in n for n in result.notes)
    assert result.ranked.wage_ratio.isna().all()


def test_region_without_data_for_any_candidate_raises_a_clear_error(engine):
    origin = Origin("occupation", "Legislators", "11-1031.00", None, 4, None, None, None, "not available")
    unpublished = pd.DataFrame({"target_onet_soc_code": ["11-1031.00"], "target_title": ["Legislators"],
                                "target_job_zone": [4.0], "similarity_rank": [1], "similarity_score": [50.0]})
    with pytest.raises(NoRegionalDataError, match="Try the whole state or the nation"):
        engine.rank(origin, unpublished, HARTFORD, Thresholds())


def test_unknown_and_undescribed_occupations_raise_domain_errors(engine):
    with pytest.raises(UnknownOccupationError):
        engine.from_occupation("00-0000.00", HARTFORD)
    with pytest.raises(NoDescriptorsError, match="cannot be compared"):
        engine.from_occupation("55-3016.00", HARTFORD)


def test_education_ladder_puts_certificates_one_step_above_high_school():
    assert EDUCATION_RANK["Postsecondary nondegree award"] - EDUCATION_RANK["High school diploma or equivalent"] == 1
    assert EDUCATION_RANK["Doctoral or professional degree"] - EDUCATION_RANK["Master's degree"] == 2
