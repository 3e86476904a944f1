"""Occupation profile, region comparison and formatting on the real database."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from lmi import areas, provenance
from lmi.demand import DemandModel, describe_openings
from lmi.demand import area_comparison as area_stats
from lmi.demand.oews_values import format_count, format_estimates, format_growth, format_usd
from lmi.occupations import alternatives as occupation_alternatives
from lmi.occupations import coverage, search
from lmi.occupations import profile as occupations
from lmi.occupations.levels import describe_importance, describe_level, nearest_anchor

PLUMBERS_GROUP = "BLS group 47-2152 Plumbers, Pipefitters, and Steamfitters, shared by 2 occupations"


def test_profile_of_registered_nurses(ref_con):
    profile = occupations.get_profile(ref_con, "29-1141.00")
    assert profile.title == "Registered Nurses"
    assert profile.job_zone == 4
    assert (profile.oews_soc_code, profile.oews_match_method) == ("29-1141", "exact")


def test_unknown_occupation_raises_a_domain_error(ref_con):
    with pytest.raises(occupations.UnknownOccupationError, match="99-9999.99"):
        occupations.get_profile(ref_con, "99-9999.99")


def test_top_skills_are_ordered_by_importance_and_described(ref_con):
    skills = occupations.top_ratings(ref_con, "29-1141.00", "skill", 8)
    assert len(skills) == 8
    assert skills.importance.is_monotonic_decreasing
    assert set(skills.level_words) <= {"little", "basic", "intermediate", "advanced", "expert"}
    assert skills.level_example.notna().all()


def test_rating_domain_comes_from_an_allow_list(ref_con):
    with pytest.raises(ValueError):
        occupations.top_ratings(ref_con, "29-1141.00", "skill; DROP TABLE core_occupation", 5)


def test_typical_education_beside_bls(ref_con):
    education = occupations.typical_education(ref_con, "29-1141.00")
    assert education["bls_typical_entry_education"] == "Bachelor's degree"
    assert education["onet_most_reported"] == "Bachelor's Degree"


@pytest.fixture(scope="module")
def model(ref_con):
    return DemandModel(ref_con)


def test_region_comparison_for_hartford_lists_metro_state_nation(ref_con, model):
    frame = area_stats.region_comparison(ref_con, model, "29-1141.00", "0025540")
    assert frame.level.tolist() == ["area", "state", "nation"]
    assert frame.area_name.tolist()[1:] == ["Connecticut", "National"]
    assert frame.local_employment_count.iloc[0] == 13850
    assert set(frame.demand_soc_code) == {"29-1141"}


def test_region_comparison_carries_the_demand_models_openings_and_growth(ref_con, model):
    frame = area_stats.region_comparison(ref_con, model, "29-1141.00", "0025540")
    hartford = frame.iloc[0]
    # BLS's national openings per job (Projections 2024-34) applied to the area's OEWS jobs.
    expected = hartford.national_annual_openings_count * 13850 / hartford.national_employment_2024_count
    assert hartford.local_annual_openings_est_count == pytest.approx(expected)
    assert hartford.national_growth_2024_34_pct == pytest.approx(4.9)
    assert hartford.openings_basis == "national_rate"
    shown = format_estimates(frame)
    assert shown["Est. annual openings here"].iloc[0] == describe_openings(expected) == "about 770 a year"
    assert shown["Projected growth 2024-34 (nation)"].iloc[0] == "+4.9%"


def test_region_comparison_keeps_a_row_when_bls_released_nothing(ref_con, model):
    # Wind turbine service technicians are not published for the Hartford metro area.
    frame = area_stats.region_comparison(ref_con, model, "49-9081.00", "0025540")
    assert frame.level.tolist() == ["area", "state", "nation"]
    assert pd.isna(frame.local_employment_count.iloc[0])
    shown = format_estimates(frame).iloc[0]
    assert shown["Jobs here"] == "BLS published no estimate for it in this area"
    assert shown["Est. annual openings here"] == "not estimated: BLS released no local employment for it here"
    assert "0" not in (shown["Jobs here"], shown["Est. annual openings here"])


def test_shared_figures_say_whose_they_are_in_cell_and_csv(ref_con, model):
    frame = area_stats.region_comparison(ref_con, model, "47-2152.04", "0044180")
    assert frame.area_name.tolist() == ["Springfield, MO", "Missouri", "National"]
    assert frame.local_employment_count.iloc[0] == 660
    assert set(frame.demand_basis) == {PLUMBERS_GROUP}
    assert set(format_estimates(frame)["Whose numbers"]) == {PLUMBERS_GROUP}
    csv = area_stats.for_csv(frame)
    assert set(csv["Whose numbers [demand_basis]"]) == {PLUMBERS_GROUP}
    assert set(csv["BLS code of the figures [demand_soc_code]"]) == {"47-2152"}
    assert csv["Area"].tolist() == ["Springfield, MO", "Missouri", "National"]


def test_own_figures_have_no_group_label_in_the_cell(ref_con, model):
    frame = area_stats.region_comparison(ref_con, model, "29-1215.00", "0025540")
    assert not frame.demand_is_shared.any()
    assert set(format_estimates(frame)["Whose numbers"]) == {""}


def test_metro_crossing_a_state_line_is_listed_in_both_states(ref_con):
    new_jersey = set(areas.list_areas_in_state(ref_con, "34").area_name)
    pennsylvania = set(areas.list_areas_in_state(ref_con, "42").area_name)
    assert "Philadelphia-Camden-Wilmington, PA-NJ-DE-MD" in new_jersey & pennsylvania


def test_areas_of_state_have_centroids_for_metros_only(ref_con, model):
    frame = area_stats.areas_of_state(ref_con, model, "29-1141.00", "09")
    metros = frame[frame.area_kind == "metro"]
    assert metros.latitude_deg.notna().all()
    assert frame[frame.area_kind == "nonmetro"].latitude_deg.isna().all()
    assert frame.local_employment_count.dropna().is_monotonic_decreasing


def test_areas_of_state_carry_the_group_label_and_openings(ref_con, model):
    frame = area_stats.areas_of_state(ref_con, model, "47-2152.04", "29")
    springfield = frame[frame.area_code == "0044180"].iloc[0]
    assert springfield.local_employment_count == 660
    assert springfield.local_annual_openings_est_count == pytest.approx(
        area_stats.region_comparison(ref_con, model, "47-2152.04", "0044180").local_annual_openings_est_count.iloc[0]
    )
    assert set(frame.demand_basis) == {PLUMBERS_GROUP}
    assert set(area_stats.for_csv(frame)["BLS code of the figures [demand_soc_code]"]) == {"47-2152"}


def test_areas_of_state_for_an_occupation_bls_does_not_publish(ref_con, model):
    frame = area_stats.areas_of_state(ref_con, model, "55-3016.00", "29")
    assert frame.local_employment_count.isna().all()
    assert set(format_estimates(frame)["Jobs here"]) == {"BLS publishes no estimates for this occupation"}


def test_unknown_area_raises(ref_con, model):
    with pytest.raises(areas.UnknownAreaError):
        area_stats.region_comparison(ref_con, model, "29-1141.00", "9999999")


def test_source_note_names_version_and_license(ref_con):
    assert (
        provenance.source_note(ref_con, "oews", "onet")
        == "Source: BLS OEWS May 2025 (public domain); O*NET 29.3 (CC BY 4.0)."
    )


def test_coverage_report_lists_military_as_unmatched(ref_con):
    unmatched = coverage.unmatched_occupations(ref_con)
    assert "55-1011.00" in set(unmatched.onet_soc_code)
    summary = coverage.coverage_summary(ref_con)
    assert summary.onet_occupations.sum() == 2 * len(occupations.query_df(ref_con, "SELECT * FROM core_occupation"))


@pytest.mark.parametrize(
    "level, words",
    [
        (0.5, "little"),
        (2.0, "basic"),
        (3.2, "intermediate"),
        (5.0, "advanced"),
        (6.5, "expert"),
        (None, "not rated"),
        (math.nan, "not rated"),
    ],
)
def test_level_words(level, words):
    assert describe_level(level) == words


def test_importance_words():
    assert describe_importance(4.2) == "very important"
    assert describe_importance(1.2) == "not important"


def test_nearest_anchor_picks_the_closest_example():
    anchors = [(2.0, "form"), (4.0, "email"), (6.0, "journal")]
    assert nearest_anchor(4.6, anchors) == "email"
    assert nearest_anchor(None, anchors) is None


def test_footnotes_keep_their_meaning():
    assert format_count(None, "8") == "not released"
    assert format_usd(239200.0, "5") == "≥ $239,200 (top-coded)"
    assert format_usd(239200.0, "5", floor=384800.0) == "≥ $384,800 (top-coded)"
    assert format_usd(None, "4") == "not published for this wage basis"
    assert format_usd(48.78, None, hourly=True) == "$48.78"
    assert format_growth(-34.2) == "-34.2%"
    assert format_growth(None) == "not projected by BLS"


# ---------------------------------------------------------------- no dead ends: alternatives
KENTUCKY = "2100000"


def offer(ref_con, model, code, area, searched=None):
    profile = occupations.get_profile(ref_con, code)
    return occupation_alternatives.offer_alternatives(ref_con, model, profile, area, "Kentucky", searched)


def test_coal_miner_in_kentucky_leads_to_the_underground_mining_machine_operators(ref_con, model):
    index = search.load_title_index(ref_con)
    found = search.search_occupations(index, "coal miner").onet_soc_code.iloc[0]
    assert found == "47-5049.00"  # Underground Mining Machine Operators, All Other: a dead end
    result = offer(ref_con, model, found, KENTUCKY, "coal miner")
    assert result.is_dead_end
    assert any("“All Other” group" in reason for reason in result.reasons)
    assert any("not rated" in reason for reason in result.reasons)
    offered = result.alternatives
    # continuous miner operators and roof bolters, both called "... Coal Miner" by O*NET, lead
    assert offered.onet_soc_code.tolist()[:2] == ["47-5041.00", "47-5043.00"]
    assert "47-5044.00" in set(offered.onet_soc_code)  # loading and moving machine operators
    assert offered.onet_soc_code.str.startswith("47-50").all()  # the 47-5000 Extraction Workers group
    assert not offered.title.str.contains("All Other").any()
    roof_bolters = offered[offered.onet_soc_code == "47-5043.00"].iloc[0]
    assert roof_bolters.local_employment_count == 120
    assert roof_bolters.reason == (
        "O*NET also calls it “Roof Bolting Coal Miner”; same SOC group (47-5040 "
        "Underground Mining Machine Operators); 120 jobs here, openings about 5 a year"
    )
    assert all("\n" not in reason for reason in offered.reason)


def test_only_rated_specific_occupations_are_offered(ref_con, model):
    offered = offer(ref_con, model, "47-5049.00", KENTUCKY, "coal miner").alternatives
    rated = occupations.query_df(ref_con, "SELECT onet_soc_code FROM core_occupation WHERE has_ratings")
    assert set(offered.onet_soc_code) <= set(rated.onet_soc_code)


def test_without_a_search_the_occupations_own_title_words_rank(ref_con, model):
    offered = offer(ref_con, model, "47-5049.00", KENTUCKY).alternatives
    # "Underground Mining Machine Operators": all four words in 47-5044's title
    assert offered.onet_soc_code.iloc[0] == "47-5044.00"
    assert offered.title_match_share.iloc[0] == 1.0
    assert "no jobs figure here: BLS published no estimate for it in this area" in offered.reason.iloc[0]


def test_unrated_occupation_is_offered_rated_ones_in_its_soc_group(ref_con, model):
    result = offer(ref_con, model, "53-3054.00", "0000000")  # Taxi Drivers: O*NET has not rated them
    assert result.reasons == ("O*NET has not rated its skills and knowledge.",)
    offered = result.alternatives
    assert offered.onet_soc_code.iloc[0] == "53-3052.00"  # Bus Drivers, Transit and Intercity: same broad group
    assert offered.kinship.iloc[0] == "broad"
    assert set(offered.kinship.iloc[1:]) == {"minor"}
    minor = offered[offered.kinship == "minor"]
    assert minor.local_employment_count.is_monotonic_decreasing  # equal title match: more local jobs first


def test_a_shared_figure_in_an_alternative_names_its_group(ref_con, model):
    offered = offer(ref_con, model, "15-1252.00", "0025540", "software developer").alternatives
    games = offered[offered.onet_soc_code == "15-1255.01"].iloc[0]
    assert games.demand_is_shared
    assert "(BLS group 15-1255 Web and Digital Interface Designers, shared by 2 occupations)" in games.reason


def test_occupation_with_its_own_figures_and_ratings_is_not_a_dead_end(ref_con, model):
    result = offer(ref_con, model, "29-1141.00", "0025540")
    assert not result.is_dead_end
    assert result.alternatives.empty


def test_military_occupation_explains_even_with_nothing_to_offer(ref_con, model):
    result = offer(ref_con, model, "55-3016.00", "0000000", "infantry")
    assert "No jobs figure: BLS publishes no estimates for this occupation." in result.reasons
    assert result.alternatives.empty


@pytest.mark.parametrize(
    "words, stem",
    [
        ("miner", "min"),
        ("mining", "min"),
        ("miners", "min"),
        ("mine", "min"),
        ("drivers", "driv"),
        ("driving", "driv"),
        ("nurse", "nurs"),
        ("nursing", "nurs"),
        ("coal", "coal"),
        ("bolters", "bolt"),
    ],
)
def test_light_stemmer_meets_word_forms(words, stem):
    assert occupation_alternatives.stem(words) == stem


def test_title_match_ignores_all_other_and_codes():
    wanted = occupation_alternatives.stems("Extraction Workers, All Other")
    assert wanted == {"extraction", "work"}
    assert occupation_alternatives.stems("47-5049.00") == frozenset()
    assert (
        occupation_alternatives.match_share(occupation_alternatives.stems("coal miner"), "Roof Bolting Coal Miner")
        == 1.0
    )
