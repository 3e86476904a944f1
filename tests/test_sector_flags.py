"""Flags on real cases: national hype against local demand in named metro areas (OEWS May 2025,
BLS projections 2024-34), with adjustable thresholds and sentences an official can read aloud that
name what carries each verdict."""

from __future__ import annotations

import pytest

from lmi.demand import DemandModel, describe_openings
from lmi.sectors import definitions as sectors
from lmi.sectors.flags import (
    BALANCED,
    FLAG_LABELS,
    HIDDEN,
    NO_ESTIMATE,
    SECTOR_FLAGS,
    STRENGTH,
    THIN,
    THIN_NOT_GROWING,
    THRESHOLD_FIELDS,
    FlagThresholds,
    ThresholdError,
    classify,
    default_thresholds,
    flag_rules,
    join_titles,
    rules_text,
)
from lmi.sectors.reality_check import default_thresholds_for, reality_check, reality_check_for_area

BAKERSFIELD, HARTFORD, RALEIGH, SPRINGFIELD_MO = "0012540", "0025540", "0039580", "0044180"


@pytest.fixture(scope="module")
def model(ref_con):
    return DemandModel(ref_con)


@pytest.fixture(scope="module")
def inputs(ref_con, model):
    return sectors.sector_membership(ref_con), sectors.list_sectors(ref_con), sectors.group_labels(ref_con), model


def check_for(ref_con, inputs, area_code, area_name, thresholds=None, chosen=None):
    membership, listed, groups, model = inputs
    thresholds = thresholds or default_thresholds(model.baseline(area_code).national_growth_2024_34_pct)
    return reality_check(
        model.bls_codes(area_code),
        membership,
        listed,
        chosen or listed.sector_key.tolist(),
        thresholds,
        area_name,
        groups,
    )


def occupation(check, soc_code, sector_key):
    rows = check.occupations[(check.occupations.soc_code == soc_code) & (check.occupations.sector_key == sector_key)]
    return rows.iloc[0]


def test_default_growth_threshold_is_the_all_occupation_projection(model):
    assert default_thresholds(model.baseline(HARTFORD).national_growth_2024_34_pct) == FlagThresholds(
        national_growth_min_pct=3.1,
        thin_lq_below=0.75,
        strength_lq_min=1.25,
        hidden_openings_per_10k_min=5.0,
        min_local_coverage_pct=50.0,
    )


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
        "(below 0.75): 740 jobs and estimated openings of about 50 a year."
    )
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
        "BLS projects Information technology and cybersecurity to grow 9.4% nationally from 2024 to 2034"
    )
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
    assert solar.flag_reason.startswith(
        "BLS released no employment estimate for Solar Photovoltaic Installers in Hartford"
    )


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
        "Bakersfield-Delano, CA jobs as Farmworkers and Laborers, Crop, Nursery, and Greenhouse are 56.27 times"
    )
    membership = inputs[0]
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
    assert (
        developers.flag == THIN
        and "(threshold 10%)" in developers.flag_reason
        and "(below 0.5)" in developers.flag_reason
    )
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


def test_openings_are_worded_as_on_every_other_page(ref_con, inputs):
    """One wording everywhere (``describe_openings``, two significant digits): Hartford healthcare's 8,820.3
    estimated openings read "about 8,800 a year" here as on every other page (the page used to say "about 8,820")."""
    healthcare = check_for(ref_con, inputs, HARTFORD, "Hartford").sectors.set_index("sector_key").loc["healthcare"]
    assert healthcare.local_annual_openings_est_count == pytest.approx(8820.26, abs=0.01)
    assert describe_openings(healthcare.local_annual_openings_est_count) == "about 8,800 a year"
    assert "81,850 jobs and estimated openings of about 8,800 a year" in healthcare.flag_reason
    assert "8,820" not in healthcare.flag_reason


def test_springfield_clean_energy_names_its_carriers_and_missing_signature_occupations(ref_con, inputs):
    """Springfield, MO (0044180): clean energy is balanced, carried by electricians, HVAC mechanics and plumbers;
    BLS released nothing there for solar PV installers or wind turbine technicians."""
    check = check_for(ref_con, inputs, SPRINGFIELD_MO, "Springfield, MO")
    clean = check.sectors.set_index("sector_key").loc["clean_energy"]
    assert clean.flag == BALANCED
    assert (
        "Carried by Electricians (1,040 jobs), Heating, Air Conditioning, and Refrigeration Mechanics and "
        "Installers (690 jobs) and Plumbers, Pipefitters, and Steamfitters (660 jobs): 74% of its local jobs and "
        "78% of its estimated openings."
    ) in clean.flag_reason
    assert clean.flag_reason.endswith(
        "BLS released no local estimate here for Solar Photovoltaic Installers or Wind Turbine Service Technicians, "
        "the sector's signature occupations."
    )
    assert clean.flag_reason.startswith("In Springfield, MO Clean and green energy jobs are about as concentrated")


def test_a_spread_out_sector_says_so_and_partly_missing_signatures_are_counted(ref_con, inputs):
    """Springfield construction: its three largest occupations are only a third of its jobs. Springfield
    transportation: three of its seven signature occupations (pilots, locomotive engineers, ship captains)
    have no local estimate."""
    check = check_for(ref_con, inputs, SPRINGFIELD_MO, "Springfield, MO").sectors.set_index("sector_key")
    assert (
        "Its jobs are spread out: its three largest occupations here, Electricians (1,040 jobs), Construction "
        "Laborers (1,020 jobs) and Carpenters (920 jobs), are only 34% of its local jobs"
    ) in check.loc["construction_infrastructure", "flag_reason"]
    assert check.loc["transportation_logistics", "flag_reason"].endswith(
        "BLS released no local estimate here for Airline Pilots, Copilots, and Flight Engineers; Locomotive Engineers; "
        "or Captains, Mates, and Pilots of Water Vessels, three of its 7 signature occupations."
    )


def test_group_figures_say_so_on_their_rows(ref_con, inputs):
    """Hartford healthcare: 31-1120 is BLS's one figure for home health aides and personal care aides, and
    29-1299 an "All Other" residual; each row says whose figure it is, and each code is one row per sector."""
    check = check_for(ref_con, inputs, HARTFORD, "Hartford", chosen=["healthcare"])
    rows = check.occupations.set_index("soc_code")
    assert rows.index.is_unique
    assert rows.loc["31-1120", "group_label"] == (
        "Group figure (a BLS group published only as a whole) for 2 O*NET "
        "occupations: Home Health Aides; Personal Care Aides"
    )
    assert rows.loc["29-1299", "group_label"].startswith('Group figure (a BLS "All Other" group) for 3 O*NET')
    assert rows.loc["29-1051", "group_label"] == ""  # pharmacists: BLS's own figure
    assert rows.loc["31-1120", "local_employment_count"] == 19_230
    hidden = check_for(ref_con, inputs, HARTFORD, "Hartford").hidden.set_index("soc_code")
    assert hidden.loc["25-9045", "group_label"].startswith("Group figure (a BLS code combining several occupations)")


def test_titles_with_commas_stay_whole_in_a_list():
    assert join_titles(["Electricians", "Plumbers, Pipefitters, and Steamfitters", "Roofers"], "or") == (
        "Electricians; Plumbers, Pipefitters, and Steamfitters; or Roofers"
    )
    assert join_titles(["Solar Photovoltaic Installers", "Wind Turbine Service Technicians"], "or") == (
        "Solar Photovoltaic Installers or Wind Turbine Service Technicians"
    )


def test_the_view_for_an_area_is_the_reality_check_with_postings_beside_it(ref_con, inputs):
    """``reality_check_for_area`` (what the page renders) reads the area and the sector file itself: the same
    flags as the check assembled step by step, the chosen sectors in the file's order, and each sector's
    national Indeed trend in words beside its flag."""
    model = inputs[3]
    thresholds = default_thresholds_for(model, BAKERSFIELD)
    view = reality_check_for_area(
        ref_con, model, BAKERSFIELD, "Bakersfield-Delano, CA", ["it_cybersecurity", "healthcare"], thresholds
    )
    by_steps = check_for(
        ref_con, inputs, BAKERSFIELD, "Bakersfield-Delano, CA", chosen=["healthcare", "it_cybersecurity"]
    )
    assert view.chosen == ("healthcare", "it_cybersecurity")
    assert view.sectors.flag_reason.tolist() == by_steps.sectors.flag_reason.tolist()
    assert view.occupations.flag_reason.tolist() == by_steps.occupations.flag_reason.tolist()
    assert view.hidden.soc_code.tolist() == by_steps.hidden.soc_code.tolist()
    words = view.sectors.set_index("sector_key").national_postings_words
    assert words["healthcare"].startswith("Nursing 123.5 (−18.2% in 12 months to 27 Sep 2024)")
    assert set(view.postings.sector_key) == {"healthcare", "it_cybersecurity"}
    assert view.postings_note.startswith("Which Indeed sectors match each of ours is the project's mapping")
    assert view.flag_count(THIN) == 1 and view.flag_count(STRENGTH) == 0
    assert view.occupation_flags()[0] == FLAG_LABELS[THIN]
    assert view.area_wage_median_usd == model.baseline(BAKERSFIELD).local_annual_wage_median_usd
    assert not view.is_nation


def test_a_view_of_no_sectors_is_empty_but_still_lists_hidden_demand(ref_con, inputs):
    model = inputs[3]
    view = reality_check_for_area(ref_con, model, BAKERSFIELD, "Bakersfield-Delano, CA", [], default_thresholds(3.1))
    assert view.sectors.empty and view.occupations.empty and view.postings.empty
    assert view.flag_count(THIN) == 0 and view.occupation_flags() == []
    assert "45-2092" in set(view.hidden.soc_code)


def test_threshold_fields_are_the_thresholds_and_their_ranges_are_accepted():
    """The form offers exactly the fields of ``FlagThresholds``, in its order, and every bound it offers is
    one ``FlagThresholds`` accepts."""
    defaults = default_thresholds(3.1)
    assert list(THRESHOLD_FIELDS) == list(defaults.as_dict())
    for field, setting in THRESHOLD_FIELDS.items():
        for bound in (setting.minimum, setting.maximum):
            if bound is None:
                continue
            values = defaults.as_dict() | {field: bound}
            if field == "thin_lq_below":
                values["strength_lq_min"] = max(bound, values["strength_lq_min"])
            if field == "strength_lq_min":
                values["thin_lq_below"] = min(bound, values["thin_lq_below"])
            assert getattr(FlagThresholds(**values), field) == bound
    assert "10,000" in THRESHOLD_FIELDS["hidden_openings_per_10k_min"].words


def test_the_sector_legend_lists_the_flags_a_sector_can_get_with_the_rules_in_force():
    strict = FlagThresholds(national_growth_min_pct=10.0, thin_lq_below=0.5, strength_lq_min=2.0)
    legend = flag_rules(strict, SECTOR_FLAGS)
    assert [label for label, _ in legend] == [FLAG_LABELS[flag] for flag in SECTOR_FLAGS]
    assert dict(legend)[FLAG_LABELS[THIN]] == rules_text(strict)[THIN]
    assert "below 0.5" in dict(legend)[FLAG_LABELS[THIN]] and "at least 10%" in dict(legend)[FLAG_LABELS[THIN]]
    assert NO_ESTIMATE not in SECTOR_FLAGS and HIDDEN not in SECTOR_FLAGS  # occupations' flags only
