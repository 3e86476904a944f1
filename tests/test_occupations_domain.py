"""Occupation profile, region comparison and formatting on the real database."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from lmi import area_stats, areas, coverage, occupations, provenance
from lmi.levels import describe_importance, describe_level, nearest_anchor
from lmi.oews_values import format_count, format_estimates, format_usd


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


def test_region_comparison_for_hartford_lists_metro_state_nation(ref_con):
    frame = area_stats.region_comparison(ref_con, "29-1141", "0025540")
    assert frame.level.tolist() == ["area", "state", "nation"]
    assert frame.area_name.tolist()[1:] == ["Connecticut", "National"]
    assert frame.employment_count.iloc[0] == 13850


def test_region_comparison_keeps_a_row_when_bls_released_nothing(ref_con):
    # Wind turbine service technicians are not published for the Hartford metro area.
    frame = area_stats.region_comparison(ref_con, "49-9081", "0025540")
    assert frame.level.tolist() == ["area", "state", "nation"]
    assert pd.isna(frame.employment_count.iloc[0])
    assert format_estimates(frame).Employment.iloc[0] == "not released"


def test_metro_crossing_a_state_line_is_listed_in_both_states(ref_con):
    new_jersey = set(areas.list_areas_in_state(ref_con, "34").area_name)
    pennsylvania = set(areas.list_areas_in_state(ref_con, "42").area_name)
    assert "Philadelphia-Camden-Wilmington, PA-NJ-DE-MD" in new_jersey & pennsylvania


def test_areas_of_state_have_centroids_for_metros_only(ref_con):
    frame = area_stats.areas_of_state(ref_con, "29-1141", "09")
    metros = frame[frame.area_kind == "metro"]
    assert metros.latitude_deg.notna().all()
    assert frame[frame.area_kind == "nonmetro"].latitude_deg.isna().all()


def test_unknown_area_raises(ref_con):
    with pytest.raises(areas.UnknownAreaError):
        area_stats.region_comparison(ref_con, "29-1141", "9999999")


def test_source_note_names_version_and_license(ref_con):
    assert provenance.source_note(ref_con, "oews", "onet") == \
        "Source: BLS OEWS May 2025 (public domain); O*NET 29.3 (CC BY 4.0)."


def test_coverage_report_lists_military_as_unmatched(ref_con):
    unmatched = coverage.unmatched_occupations(ref_con)
    assert "55-1011.00" in set(unmatched.onet_soc_code)
    summary = coverage.coverage_summary(ref_con)
    assert summary.onet_occupations.sum() == 2 * len(occupations.query_df(ref_con, "SELECT * FROM core_occupation"))


@pytest.mark.parametrize("level, words", [(0.5, "little"), (2.0, "basic"), (3.2, "intermediate"), (5.0, "advanced"),
                                          (6.5, "expert"), (None, "not rated"), (math.nan, "not rated")])
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
