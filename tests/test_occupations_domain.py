"""Occupation profile, region comparison and formatting on the real database."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from lmi import areas, provenance
from lmi.demand import DemandModel, describe_openings
from lmi.demand import area_comparison as area_stats
from lmi.demand.labels import GRAIN_WORDS
from lmi.demand.oews_values import (
    NO_ESTIMATE,
    NOT_RELEASED,
    NOT_RELEASED_FOOTNOTE,
    TOP_CODED_FOOTNOTE,
    TOP_CODED_WORDS,
    figures_note,
    format_count,
    format_estimates,
    format_growth,
    format_usd,
    headline_figures,
    top_coding_bounds,
    top_coding_note,
)
from lmi.occupations import alternatives as occupation_alternatives
from lmi.occupations import coverage, search
from lmi.occupations import profile as occupations
from lmi.occupations.levels import (
    LEVEL_BANDS,
    describe_importance,
    describe_level,
    level_bands_in_words,
    nearest_anchor,
)

PLUMBERS_GROUP = "BLS group 47-2152 Plumbers, Pipefitters, and Steamfitters, shared by 2 occupations"


def test_profile_of_registered_nurses(ref_con):
    profile = occupations.get_profile(ref_con, "29-1141.00")
    assert profile.title == "Registered Nurses"
    assert profile.job_zone == 4
    assert profile.job_zone_words == f"4 of {occupations.JOB_ZONE_COUNT}"
    assert occupations.JOB_ZONE_COUNT == ref_con.execute("SELECT count(*) FROM core_job_zone").fetchone()[0]
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


# ---------------------------------------------------------------- method texts agree with the constants behind them
def test_level_bands_text_states_exactly_the_bands_used():
    text = level_bands_in_words()
    stated = re.findall(r"(?:below ([\d.]+)|([\d.]+)–([\d.]+)|([\d.]+)\+) “([a-z]+)”", text)
    bands, lower = [], 0.0
    for below, low, high, open_low, word in stated:
        assert float(low or open_low or 0.0) == lower, word  # each band starts where the one before ends
        upper = float(below or high) if (below or high) else math.inf
        assert describe_level(lower) == word
        bands.append((upper, word))
        lower = upper
    assert tuple(bands) == LEVEL_BANDS


def test_figures_note_names_the_footnotes_the_formatting_uses():
    note = figures_note()
    assert format_count(None, NOT_RELEASED_FOOTNOTE) == NOT_RELEASED
    assert f"“{NOT_RELEASED}”: BLS did not publish the estimate (footnote {NOT_RELEASED_FOOTNOTE})" in note
    assert format_usd(1.0, TOP_CODED_FOOTNOTE).endswith(f"({TOP_CODED_WORDS})")
    assert f"({TOP_CODED_WORDS})”" in note and f"(footnote {TOP_CODED_FOOTNOTE})" in note
    assert "“Whose numbers”" in note


def test_top_coding_note_states_the_bound_of_the_release_in_the_database(ref_con):
    annual, hourly = top_coding_bounds(ref_con)
    assert (annual, hourly) == (239200.0, 115.0)  # OEWS May 2025 footnote 5
    note = top_coding_note(ref_con)
    assert "at least $239,200 a year ($115.00 an hour)" in note
    assert f"shown as “{format_usd(annual, TOP_CODED_FOOTNOTE)}”" in note


def test_headline_figures_of_hartford_nurses(ref_con, model):
    here = area_stats.region_comparison(ref_con, model, "29-1141.00", "0025540").iloc[0]
    figures = {f.key: f for f in headline_figures(here, model.openings_method())}
    assert [f.value for f in figures.values()] == ["13,850", "$101,470", "1.06", "about 770 a year", "+4.9%"]
    assert figures["openings"].help.startswith(model.openings_method())
    assert figures["openings"].notes == (f"Basis: {here.openings_basis_words}",)
    assert figures["wage"].notes[0].startswith("10th–90th percentile: $")
    assert "at BLS code 29-1141" in figures["growth"].help
    # O*NET splits Registered Nurses into five occupations: the figures are the SOC code's, and say so
    assert "Whose numbers: BLS group 29-1141 Registered Nurses, shared by 5 occupations." in figures["jobs"].help


def test_headline_figures_that_are_the_occupations_own_name_no_group(ref_con, model):
    here = area_stats.region_comparison(ref_con, model, "29-1215.00", "0025540").iloc[0]
    figures = headline_figures(here, model.openings_method())
    assert not any("Whose numbers" in f.help or any("Whose numbers" in n for n in f.notes) for f in figures)


def test_headline_figures_of_a_shared_figure_say_whose_they_are(ref_con, model):
    here = area_stats.region_comparison(ref_con, model, "47-2152.04", "0044180").iloc[0]
    figures = {f.key: f for f in headline_figures(here, model.openings_method())}
    assert all(f"Whose numbers: {PLUMBERS_GROUP}." in f.help for f in figures.values())
    assert f"Whose numbers: {PLUMBERS_GROUP}" in figures["jobs"].notes


def test_headline_figures_where_bls_has_no_jobs_figure_say_why(ref_con, model):
    here = area_stats.region_comparison(ref_con, model, "49-9081.00", "0025540").iloc[0]
    jobs, *_, openings, _ = headline_figures(here, model.openings_method())
    assert jobs.value == NO_ESTIMATE
    assert jobs.notes == ("Why: BLS published no estimate for it in this area",)
    assert openings.value == "not estimated"


def test_shown_comparison_and_areas_name_levels_and_kinds_of_area(ref_con, model):
    comparison = area_stats.shown_comparison(area_stats.region_comparison(ref_con, model, "29-1141.00", "0025540"))
    assert comparison["Area"].tolist() == [
        "This area: Hartford-West Hartford-East Hartford, CT",
        "State: Connecticut",
        "Nation: National",
    ]
    frame = area_stats.areas_of_state(ref_con, model, "29-1141.00", "09")
    shown = area_stats.shown_areas(frame)
    assert list(shown.columns[:2]) == ["Area", "Kind"]
    assert set(shown.Kind) == {areas.AREA_KIND_WORDS["metro"], areas.AREA_KIND_WORDS["nonmetro"]}


def test_mappable_areas_are_the_metros_with_a_centroid_and_a_jobs_figure(ref_con, model):
    frame = area_stats.areas_of_state(ref_con, model, "47-2152.04", "29")
    placed = area_stats.mappable_areas(frame)
    assert set(placed.area_kind) == {"metro"}
    assert placed.latitude_deg.notna().all() and placed.local_employment_count.notna().all()
    springfield = placed[placed.area_code == "0044180"].iloc[0]
    assert springfield.openings_words == describe_openings(springfield.local_annual_openings_est_count)
    assert springfield.whose_numbers == PLUMBERS_GROUP


def test_crosswalk_method_counts_and_examples_come_from_the_database(ref_con):
    text = coverage.crosswalk_method(ref_con)
    onet = ref_con.execute("SELECT count(*) FROM core_occupation").fetchone()[0]
    assert f"O*NET describes {onet:,} occupations" in text
    for method in ("exact", "broad_group", "residual_in_broad_group", "none"):
        assert coverage.MATCH_METHOD_WORDS[method] in text
    for method, example in re.findall(r"\*(broad group|residual)\*, e\.g\. (\d\d-\d{4})", text):
        kind = "broad_group" if method == "broad group" else "residual_in_broad_group"
        matched = ref_con.execute(
            "SELECT count(*) FROM core_onet_soc_crosswalk WHERE oews_match_method = ? AND oews_soc_code = ?",
            [kind, example],
        ).fetchone()[0]
        assert matched > 0, (method, example)
    summary = coverage.coverage_summary(ref_con)
    assert (summary.what_it_means == summary.match_method.map(coverage.MATCH_METHOD_WORDS)).all()


def test_demand_method_names_the_versions_and_a_real_shared_figure(ref_con):
    text = coverage.demand_method(ref_con)
    versions = provenance.source_versions(ref_con)
    assert f"OEWS {versions['oews']} employment" in text and f"national {versions['projections']} projections" in text
    aggregate = coverage.largest_shared_figure(ref_con, "bls_aggregate")
    assert aggregate["demand_soc_code"] == "31-1120"
    assert f"“{aggregate['basis']}”" in text
    assert aggregate["basis"] == "BLS group 31-1120 Home Health and Personal Care Aides, shared by 2 occupations"
    assert aggregate["demand_soc_code"] in set(coverage.shared_figures(ref_con).demand_soc_code)


def test_demand_grain_summary_uses_the_words_beside_the_figures(ref_con):
    summary = coverage.demand_grain_summary(ref_con)
    assert set(summary.demand_grain) <= set(GRAIN_WORDS)
    assert (summary.what_it_means == summary.demand_grain.map(GRAIN_WORDS)).all()


def test_snapshot_gaps_name_the_versions_in_the_database(ref_con):
    gaps = "\n".join(provenance.snapshot_gaps(ref_con))
    versions = provenance.source_versions(ref_con)
    assert f"come from O*NET {versions['onet_work_activities']} (February 2024;" in gaps
    assert f"the {versions['onet']} copy available to the project lacks them" in gaps
    assert "state_projections" not in provenance.loaded_sources(ref_con)
    assert "state long-term projections (Projections Central) are not shipped" in gaps
