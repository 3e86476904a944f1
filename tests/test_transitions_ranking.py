"""Ranking targets for a region (lmi.transitions.ranking) and the demand model behind it (lmi.demand), on
the real reference database."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from lmi.areas import NATION_CODE
from lmi.demand import DemandModel, describe_openings
from lmi.occupations.profile import UnknownOccupationError
from lmi.transitions.neighbours import NoDescriptorsError
from lmi.transitions.ranking import (
    EDUCATION_RANK,
    NoRegionalDataError,
    Origin,
    Thresholds,
    TransitionEngine,
    explain_empty,
)

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
    assert not ranked[[c for c in ranked.columns if c.startswith("fails_")]].any(axis=None)


def test_set_aside_targets_say_why(nurses_hartford):
    aside = nurses_hartford.set_aside.set_index("target_title").reasons_set_aside
    assert "specialty BLS counts within your own occupation" in aside["Acute Care Nurses"]
    assert "doctoral or professional degree" in aside["Family Medicine Physicians"]
    assert "median pay" in aside["Licensed Practical and Licensed Vocational Nurses"]
    assert (aside != "").all()
    failing = nurses_hartford.set_aside.set_index("target_title")
    assert failing.loc["Acute Care Nurses", "fails_same_occupation"]
    assert failing.loc["Family Medicine Physicians", "fails_education"]


def test_each_result_says_in_a_sentence_why_it_ranks_there(nurses_hartford):
    first = nurses_hartford.ranked.iloc[0]
    assert first.why.startswith("#1 mainly for ")
    assert "Hartford-West Hartford-East Hartford, CT" in first.why
    assert "similarity" in first.why and "median pay" in first.why and "(estimate)" in first.why


def test_thresholds_are_adjustable(engine, nurses_hartford):
    loose_thresholds = replace(Thresholds(), max_education_step=2, min_wage_ratio=0.5, include_same_bls_occupation=True)
    loose = engine.from_occupation("29-1141.00", HARTFORD, loose_thresholds)
    assert len(loose.ranked) > len(nurses_hartford.ranked)
    assert "Acute Care Nurses" in set(loose.ranked.target_title)
    strict = engine.from_occupation("29-1141.00", HARTFORD, replace(Thresholds(), min_local_jobs=1000))
    assert (strict.ranked.local_employment_count >= 1000).all()


def test_pay_is_compared_with_the_regions_medians(ref_con, nurses_hartford):
    origin_wage = ref_con.execute(
        """SELECT annual_wage_median_usd FROM core_oews_estimate
                                     WHERE area_code = $a AND soc_code = '29-1141'""",
        {"a": HARTFORD},
    ).fetchone()[0]
    assert nurses_hartford.origin.local_wage_usd == origin_wage
    row = nurses_hartford.ranked.set_index("target_title").loc["Nurse Practitioners"]
    np_wage = ref_con.execute(
        """SELECT annual_wage_median_usd FROM core_oews_estimate
                                 WHERE area_code = $a AND soc_code = '29-1171'""",
        {"a": HARTFORD},
    ).fetchone()[0]
    assert row.wage_ratio_basis == "region"
    assert row.wage_ratio == pytest.approx(np_wage / origin_wage)


def test_openings_allocation_on_a_real_region(ref_con):
    """Hartford's estimated openings for Registered Nurses = national openings x Hartford's OEWS jobs /
    the projections' 2024 national employment."""
    local_jobs = ref_con.execute(
        """SELECT employment_count FROM core_oews_estimate
                                    WHERE area_code = $a AND soc_code = '29-1141'""",
        {"a": HARTFORD},
    ).fetchone()[0]
    openings_k, base_k = ref_con.execute("""SELECT annual_openings_thousands, employment_2024_thousands
                                            FROM core_projection WHERE soc_code = '29-1141'""").fetchone()
    frame = DemandModel(ref_con).occupations(HARTFORD, ["29-1141.00"]).iloc[0]
    assert local_jobs == 13_850
    assert frame.local_annual_openings_est_count == pytest.approx(openings_k * 1000 * local_jobs / (base_k * 1000))
    assert 700 < frame.local_annual_openings_est_count < 850
    assert describe_openings(frame.local_annual_openings_est_count) == "about 770 a year"


def test_the_ranking_reads_the_demand_model(engine, ref_con, nurses_hartford):
    """Every figure a ranked row carries is the demand model's, under its column names."""
    ranked = nurses_hartford.ranked
    model = DemandModel(ref_con).occupations(HARTFORD, ranked.target_onet_soc_code.tolist())
    for column in (
        "demand_soc_code",
        "demand_basis",
        "local_employment_count",
        "location_quotient",
        "local_annual_openings_est_count",
        "local_annual_wage_median_usd",
        "national_growth_2024_34_pct",
    ):
        assert ranked[column].tolist() == model[column].tolist(), column
    practitioners = ranked.set_index("target_title").loc["Nurse Practitioners"]
    assert practitioners.typical_entry_education == "Master's degree"
    nation = DemandModel(ref_con).occupations(NATION_CODE, ["29-1171.00"]).iloc[0]
    assert practitioners.national_annual_wage_median_usd == nation.local_annual_wage_median_usd
    assert (
        "(estimate)" in practitioners.why
        and describe_openings(practitioners.local_annual_openings_est_count) in practitioners.why
    )


def test_nation_has_location_quotient_one_and_openings_close_to_the_published_total(engine):
    """At the nation the estimate is BLS's national openings rescaled from the projections' 2024
    employment to OEWS's May 2025 employment: close to, not equal to, the published total."""
    result = engine.from_occupation("29-1141.00", NATION_CODE)
    assert (result.ranked.location_quotient == 1.0).all()
    ratio = result.ranked.local_annual_openings_est_count / result.ranked.national_annual_openings_count
    assert ratio.between(0.5, 1.5).all()
    assert not any("BLS group" in note for note in result.notes)  # Registered Nurses' figure is its own


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
    unpublished = pd.DataFrame(
        {
            "target_onet_soc_code": ["11-1031.00"],
            "target_title": ["Legislators"],
            "target_job_zone": [4.0],
            "similarity_rank": [1],
            "similarity_score": [50.0],
        }
    )
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


# --------------------------------------------------------------------------- a BLS group figure counts once

PARALEGALS = "23-2011.00"
GROUP_GRAINS = ("shared_soc", "all_other", "bls_aggregate", "bls_combined")


@pytest.mark.parametrize("area", [HARTFORD, NATION_CODE])
def test_no_two_ranked_rows_carry_demand_points_from_one_bls_figure(engine, area):
    """Paralegals: Compliance Officers (13-1041.00) and Coroners (13-1041.06), an O*NET specialty of 13-1041,
    are ranked; only the SOC occupation itself carries the group's openings and concentration points."""
    ranked = engine.from_occupation(PARALEGALS, area).ranked
    carrying = ranked[ranked.demand_counted & ranked.demand_grain.isin(GROUP_GRAINS)]
    assert carrying.demand_soc_code.is_unique
    group = ranked[ranked.demand_soc_code == "13-1041"].set_index("target_onet_soc_code")
    assert len(group) >= 2
    assert group.loc["13-1041.00", "demand_counted"]
    repeats = group[~group.demand_counted]
    assert set(repeats.index) >= {"13-1041.06"}
    carrier = group.loc["13-1041.00"]
    for part in ("openings_points", "concentration_points"):
        assert (repeats[part] <= 50).all() and (repeats[part] <= carrier[part]).all()
    assert (repeats.same_figure_note == "same BLS figure as Compliance Officers (ranked above)").all()
    assert (repeats.transition_rank > carrier.transition_rank).all()
    assert all("same BLS figure as Compliance Officers (ranked above)" in why for why in repeats.why)
    assert (ranked[ranked.demand_counted].same_figure_note == "").all()


def test_repeated_figures_never_gain_and_each_group_has_one_carrier_across_many_origins(engine):
    """Over a hundred origins in Hartford: one carrier per group figure, repeats never above neutral
    nor above their carrier's points, and the note says where the carrier is ranked."""
    codes = sorted(engine.neighbours._slices)[::10]
    for code in codes:
        ranked = engine.from_occupation(code, HARTFORD).ranked
        grouped = ranked[ranked.demand_grain.isin(GROUP_GRAINS)]
        assert grouped[grouped.demand_counted].demand_soc_code.is_unique, code
        by_code = ranked.set_index("target_onet_soc_code")
        for row in ranked[~ranked.demand_counted].itertuples():
            carrier = by_code.loc[row.same_figure_as_code]
            assert carrier.demand_counted and carrier.demand_soc_code == row.demand_soc_code
            assert row.openings_points <= min(50, carrier.openings_points)
            where = "above" if carrier.transition_rank < row.transition_rank else "below"
            assert row.same_figure_note == f"same BLS figure as {carrier.target_title} (ranked {where})"


def test_the_soc_occupation_itself_carries_its_figure_over_a_more_similar_specialty(engine):
    """From Advertising and Promotions Managers, Investment Fund Managers (11-3031.03) is more alike than
    Financial Managers (11-3031.00), but 11-3031.00 is the SOC occupation whose figure it is."""
    ranked = engine.from_occupation("11-2011.00", HARTFORD).ranked.set_index("target_onet_soc_code")
    funds, managers = ranked.loc["11-3031.03"], ranked.loc["11-3031.00"]
    assert funds.similarity_score > managers.similarity_score
    assert managers.demand_counted and not funds.demand_counted
    assert funds.same_figure_as == "Financial Managers"


def test_the_why_sentence_names_the_group_when_the_figure_is_a_groups(engine):
    ranked = engine.from_occupation(PARALEGALS, HARTFORD).ranked.set_index("target_onet_soc_code")
    officers = ranked.loc["13-1041.00"]
    assert officers.demand_is_shared
    assert (
        f"{officers.local_employment_count:,.0f} jobs in Hartford-West Hartford-East Hartford, CT now for "
        f"{officers.demand_basis}"
    ) in officers.why
    assert officers.demand_basis.startswith("BLS group 13-1041 Compliance Officers, shared by ")
    own = ranked.loc["43-6012.00"]  # Legal Secretaries: its own BLS figure
    assert not own.demand_is_shared and "BLS group" not in own.why


def test_an_origin_with_a_group_figure_says_its_pay_is_the_groups(engine):
    result = engine.from_occupation("29-1071.01", HARTFORD)  # Anesthesiologist Assistants
    assert any("BLS group 29-1071 Physician Assistants, shared by 2 occupations" in n for n in result.notes)
    assert "BLS group 29-1071 Physician Assistants" in result.origin.wage_words
    assert result.origin.demand_soc_code == "29-1071"


# --------------------------------------------------------------------------- no dead ends


def test_an_empty_ranking_names_the_threshold_that_emptied_it_and_the_nearest_relaxation(engine):
    result = engine.from_occupation("29-1141.00", HARTFORD, Thresholds(min_similarity=99))
    assert result.ranked.empty
    explanation = explain_empty(result)
    assert explanation.main_threshold == "similarity"
    assert explanation.removed_counts["similarity"] == len(result.set_aside) == 50
    assert max(explanation.removed_counts, key=explanation.removed_counts.get) == "similarity"
    assert "The threshold that removed the most is the lowest similarity (99)" in explanation.sentence
    relaxation = explanation.relaxation
    assert relaxation.thresholds == replace(result.thresholds, min_similarity=57.0)
    assert relaxation.changes == ("lowest similarity 99 → 57",)
    relaxed = engine.from_occupation("29-1141.00", HARTFORD, relaxation.thresholds)
    assert len(relaxed.ranked) == relaxation.ranked_count >= 1
    one_step_further = engine.from_occupation(
        "29-1141.00", HARTFORD, replace(relaxation.thresholds, min_similarity=58.0)
    )
    assert one_step_further.ranked.empty  # the smallest relaxation, not just any


def test_the_relaxation_follows_the_threshold_that_removed_the_most(engine):
    result = engine.from_occupation("29-1141.00", HARTFORD, Thresholds(min_local_jobs=100_000))
    explanation = explain_empty(result)
    assert explanation.main_threshold == "local_jobs"
    assert explanation.relaxation.changes == ("fewest jobs in the region 100,000 → 1,460",)
    relaxed = engine.from_occupation("29-1141.00", HARTFORD, explanation.relaxation.thresholds)
    assert relaxed.ranked.local_employment_count.min() == 1460 and len(relaxed.ranked) >= 1


def test_when_no_single_threshold_suffices_several_are_relaxed_just_enough(engine):
    result = engine.from_occupation("29-1141.00", HARTFORD, Thresholds(min_similarity=99, min_local_jobs=100_000))
    explanation = explain_empty(result)
    assert explanation.main_threshold == "similarity"
    relaxation = explanation.relaxation
    assert len(relaxation.changes) == 2
    relaxed = engine.from_occupation("29-1141.00", HARTFORD, relaxation.thresholds)
    assert len(relaxed.ranked) >= 1


def test_pay_relaxation_moves_in_five_percent_steps(engine):
    """Customer Service Representatives asking for twice their pay: the pay threshold removes the most;
    the nearest relaxation is the highest 5% step that still ranks one occupation."""
    strict = Thresholds(min_wage_ratio=2.0, min_similarity=0)
    explanation = explain_empty(engine.from_occupation("43-4051.00", HARTFORD, strict))
    assert explanation.main_threshold == "pay"
    ratio = explanation.relaxation.thresholds.min_wage_ratio
    assert explanation.relaxation.changes == (f"lowest pay compared with now 200% → {ratio:.0%}",)
    assert round(ratio * 100) % 5 == 0
    assert len(engine.from_occupation("43-4051.00", HARTFORD, explanation.relaxation.thresholds).ranked) >= 1
    assert engine.from_occupation("43-4051.00", HARTFORD, replace(strict, min_wage_ratio=ratio + 0.05)).ranked.empty


def test_a_ranking_with_results_needs_no_explanation(nurses_hartford):
    assert explain_empty(nurses_hartford) is None
