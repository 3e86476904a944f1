"""Flags on real cases: national hype against local demand in named metro areas (OEWS May 2025,
BLS projections 2024-34), with adjustable thresholds and sentences an official can read aloud."""

from __future__ import annotations

import pytest

from lmi import demand, sectors
from lmi.sector_check import reality_check
from lmi.sector_flags import (BALANCED, HIDDEN, NO_ESTIMATE, STRENGTH, THIN, THIN_NOT_GROWING, FlagThresholds,
                              ThresholdError, about, classify, default_thresholds)

BAKERSFIELD, HARTFORD, RALEIGH = "0012540", "0025540", "0039580"


@pytest.fixture(scope="module")
def inputs(ref_con):
    return sectors.sector_membership(ref_con), sectors.list_sectors(ref_con)


def check_for(ref_con, inputs, area_code, area_name, thresholds=None, chosen=None):
    membership, listed = inputs
    thresholds = thresholds or default_thresholds(demand.area_baseline(ref_con, area_code).national_growth_2024_34_pct)
    return reality_check(demand.occupation_demand(ref_con, area_code), membership, listed,
                         chosen or listed.sector_key.tolist(), thresholds, area_name)


def occupation(check, soc_code, sector_key):
    rows = check.occupations[(check.occupations.soc_code == soc_code) & (check.occupations.sector_key == sector_key)]
    return rows.iloc[0]


def test_default_growth_threshold_is_the_all_occupation_projection(ref_con):
    assert default_thresholds(demand.area_baseline(ref_con, HARTFORD).national_growth_2024_34_pct) == FlagThresholds(
        national_growth_min_pct=3.1, thin_lq_below=0.75, strength_lq_min=1.25, hidden_openings_per_10k_min=5.0,
        min_local_coverage_pct=50.0)


def test_growing_occupation_thin_in_bakersfield_is_flagged_and_a_concentrated_one_is_not(ref_con, inputs):
    """Software developers: +15.8% nationally, location quotient 0.20 in Bakersfield-Delano (740 jobs).
    Solar photovoltaic installers: +42.1% nationally and 5.43 in Bakersfield-Delano: a local strength."""
    check = check_for(ref_con, inputs, BAKERSFIELD, "Bakersfield-Delano, CA")
    developers = occupation(check, "15-1252", "it_cybersecurity")
    assert developers.location_quotient == pytest.approx(0.20)
    assert developers.flag == THIN and developers.flag_label == "Popular nationally, thin locally"
    assert developers.flag_reason == (
        "BLS projects Software Developers to grow 15.8% nationally from 2024 to 2034 (threshold 3.1%), but in "
        "Bakersfield-Delano, CA jobs as Software Developers are only 0.20 times as concentrated as in the nation "
        "(below 0.75): 740 jobs and about 50 estimated openings a year.")
    solar = occupation(check, "47-2231", "clean_energy")
    assert solar.location_quotient == pytest.approx(5.43) and solar.flag == STRENGTH
    assert "5.43 times as concentrated" in solar.flag_reason and "to grow 42.1%" in solar.flag_reason


def test_same_occupation_is_a_strength_in_raleigh(ref_con, inputs):
    check = check_for(ref_con, inputs, RALEIGH, "Raleigh-Cary, NC")
    assert occupation(check, "15-1252", "it_cybersecurity").flag == STRENGTH  # LQ 1.56


def test_it_sector_is_thin_in_bakersfield_and_a_strength_in_raleigh(ref_con, inputs):
    bakersfield = check_for(ref_con, inputs, BAKERSFIELD, "Bakersfield-Delano, CA").sectors.set_index("sector_key")
    raleigh = check_for(ref_con, inputs, RALEIGH, "Raleigh-Cary, NC").sectors.set_index("sector_key")
    assert bakersfield.loc["it_cybersecurity", "flag"] == THIN
    assert bakersfield.loc["it_cybersecurity", "location_quotient"] == pytest.approx(0.443, abs=0.001)
    assert bakersfield.loc["it_cybersecurity", "flag_reason"].startswith(
        "BLS projects Information technology and cybersecurity to grow 9.4% nationally from 2024 to 2034")
    assert raleigh.loc["it_cybersecurity", "flag"] == STRENGTH
    assert raleigh.loc["it_cybersecurity", "location_quotient"] > 1.25


def test_hartford_advanced_manufacturing_is_a_local_strength(ref_con, inputs):
    sectors_ = check_for(ref_con, inputs, HARTFORD, "Hartford").sectors.set_index("sector_key")
    assert sectors_.loc["advanced_manufacturing", "flag"] == STRENGTH
    assert sectors_.loc["healthcare", "flag"] == BALANCED


def test_occupation_without_local_estimate_is_not_judged(ref_con, inputs):
    check = check_for(ref_con, inputs, HARTFORD, "Hartford")
    solar = occupation(check, "47-2231", "clean_energy")
    assert solar.flag == NO_ESTIMATE
    assert solar.flag_reason.startswith("BLS released no employment estimate for Solar Photovoltaic Installers in Hartford")


def test_thin_and_not_growing_is_not_called_hype(ref_con, inputs):
    """Computer programmers shrink 6.0% nationally; thin in Bakersfield (0.50) but not 'popular nationally'."""
    check = check_for(ref_con, inputs, BAKERSFIELD, "Bakersfield-Delano, CA")
    programmers = occupation(check, "15-1251", "it_cybersecurity")
    assert programmers.flag == THIN_NOT_GROWING
    assert "below the 3.1% threshold" in programmers.flag_reason


def test_hidden_local_demand_outside_every_sector(ref_con, inputs):
    """Crop farmworkers: in no sector of the file, 56 times as concentrated in Bakersfield-Delano as nationally."""
    hidden = check_for(ref_con, inputs, BAKERSFIELD, "Bakersfield-Delano, CA").hidden
    assert hidden.iloc[0].soc_code == "45-2092" and hidden.iloc[0].flag == HIDDEN
    assert hidden.iloc[0].flag_reason.startswith(
        "Farmworkers and Laborers, Crop, Nursery, and Greenhouse sit in none of the popular sectors, yet in "
        "Bakersfield-Delano, CA jobs as Farmworkers and Laborers, Crop, Nursery, and Greenhouse are 56.27 times")
    membership, _ = inputs
    assert not hidden.soc_code.isin(membership.soc_code).any()
    assert (hidden.location_quotient >= 1.25).all() and (hidden.local_openings_per_10k_jobs >= 5).all()


def test_hidden_demand_ignores_which_sectors_are_chosen(ref_con, inputs):
    """Choosing only healthcare must not turn software developers into 'hidden' demand in Raleigh."""
    check = check_for(ref_con, inputs, RALEIGH, "Raleigh-Cary, NC", chosen=["healthcare"])
    assert "15-1252" not in set(check.hidden.soc_code)
    assert set(check.sectors.sector_key) == {"healthcare"} and set(check.occupations.sector_key) == {"healthcare"}


def test_thresholds_change_flags_and_the_reason_quotes_them(ref_con, inputs):
    strict = FlagThresholds(national_growth_min_pct=10.0, thin_lq_below=0.5, strength_lq_min=2.0)
    check = check_for(ref_con, inputs, BAKERSFIELD, "Bakersfield-Delano, CA", thresholds=strict)
    developers = occupation(check, "15-1252", "it_cybersecurity")
    assert developers.flag == THIN and "(threshold 10%)" in developers.flag_reason and "(below 0.5)" in \
        developers.flag_reason
    # IT grows 9.4% < 10%: no longer "popular nationally" under the stricter growth threshold
    assert check.sectors.set_index("sector_key").loc["it_cybersecurity", "flag"] == THIN_NOT_GROWING


def test_impossible_thresholds_are_refused():
    with pytest.raises(ThresholdError, match="must be above 0 and not above"):
        FlagThresholds(national_growth_min_pct=3.1, thin_lq_below=1.5, strength_lq_min=1.25)
    with pytest.raises(ThresholdError, match="cannot be negative"):
        FlagThresholds(national_growth_min_pct=3.1, hidden_openings_per_10k_min=-1)


def test_classify_rules_in_order():
    t = FlagThresholds(national_growth_min_pct=3.1)
    assert classify(float("nan"), 20.0, True, t) == NO_ESTIMATE
    assert classify(1.25, -5.0, True, t) == STRENGTH
    assert classify(0.74, 3.1, True, t) == THIN
    assert classify(0.74, 3.0, True, t) == THIN_NOT_GROWING
    assert classify(0.75, 30.0, True, t) == BALANCED


def test_openings_are_worded_in_honest_precision():
    assert [about(v) for v in (3, 47.6, 313.4, 8820.26, float("nan"))] == [
        "fewer than 5", "about 50", "about 310", "about 8,820", "no"]
