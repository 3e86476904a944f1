"""One sector across a state's areas (where trainees would most likely find work), the state's Indeed
job-postings trend, and each sector's national Indeed postings trend (the second national signal), on
the real reference database."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lmi.areas import AREA_KIND_WORDS
from lmi.demand import DemandModel
from lmi.demand.postings_trend import (
    INDEX_BASE_DATE,
    NO_MATCHING_SECTOR,
    postings_series,
    sector_mapping_note,
    sector_postings_column,
    sector_postings_trends,
    sector_postings_words,
    state_postings_trend,
)
from lmi.sectors import definitions as sectors
from lmi.sectors.across_areas import sector_across_areas
from lmi.sectors.totals import sector_occupation_rows, summarise

CALIFORNIA, CONNECTICUT, DC, PUERTO_RICO = "06", "09", "11", "72"


def test_california_it_openings_rank_los_angeles_san_francisco_san_jose(ref_con):
    ranking = sector_across_areas(ref_con, DemandModel(ref_con), "it_cybersecurity", CALIFORNIA)
    assert ranking.area_name.head(3).tolist() == [
        "Los Angeles-Long Beach-Anaheim, CA",
        "San Francisco-Oakland-Fremont, CA",
        "San Jose-Sunnyvale-Santa Clara, CA",
    ]
    assert ranking.openings_rank.head(3).tolist() == [1, 2, 3]
    ranked = ranking.dropna(subset=["local_annual_openings_est_count"])
    assert ranked.local_annual_openings_est_count.is_monotonic_decreasing
    # San Jose: fewer openings than Los Angeles but by far the most concentrated
    assert ranking.set_index("area_name").location_quotient.idxmax() == "San Jose-Sunnyvale-Santa Clara, CA"


def test_an_area_in_the_ranking_matches_the_same_area_analysed_alone(ref_con):
    ranking = sector_across_areas(ref_con, DemandModel(ref_con), "healthcare", CONNECTICUT).set_index("area_code")
    alone = summarise(
        sector_occupation_rows(
            DemandModel(ref_con).bls_codes("0025540"), sectors.sector_membership(ref_con), ["healthcare"]
        ),
        ["sector_key"],
    )
    for column in (
        "local_employment_count",
        "location_quotient",
        "local_annual_openings_est_count",
        "local_coverage_pct",
        "local_jobs_above_area_median_wage_pct",
    ):
        assert ranking.loc["0025540", column] == pytest.approx(alone[column].item()), column


def test_nonmetro_areas_are_listed_without_a_centroid(ref_con):
    ranking = sector_across_areas(ref_con, DemandModel(ref_con), "healthcare", CONNECTICUT)
    assert len(ranking) == 6
    nonmetro = ranking[ranking.area_kind == "nonmetro"]
    assert nonmetro.area_name.tolist() == ["Connecticut nonmetropolitan area"]
    assert nonmetro.area_kind_words.tolist() == [AREA_KIND_WORDS["nonmetro"]]
    assert nonmetro.latitude_deg.isna().all()
    assert ranking[ranking.area_kind == "metro"].latitude_deg.notna().all()


def test_a_metro_crossing_state_lines_says_so(ref_con):
    ranking = sector_across_areas(ref_con, DemandModel(ref_con), "clean_energy", DC)
    assert ranking.area_name.tolist() == ["Washington-Arlington-Alexandria, DC-VA-MD-WV"]
    assert ranking.states_count.item() == 4


def test_connecticut_postings_trend_matches_indeed(ref_con):
    trend = state_postings_trend(ref_con, CONNECTICUT)
    assert (trend.state_postal, trend.latest_on, trend.latest_index) == ("CT", date(2026, 8, 14), 109.55)
    assert (trend.year_earlier_on, trend.year_earlier_index) == (date(2025, 8, 14), 116.04)
    assert trend.change_12m_pct == pytest.approx(100 * (109.55 / 116.04 - 1))
    assert trend.national_change_12m_pct == pytest.approx(100 * (101.79 / 104.79 - 1))
    series = postings_series(ref_con, CONNECTICUT)
    assert set(series.series) == {"Connecticut", "United States (seasonally adjusted)"}
    assert series.posted_on.min() == pd.Timestamp(INDEX_BASE_DATE) == pd.Timestamp("2020-02-01")
    assert (series.posted_on.diff().dropna().dt.days % 7 == 0).all()  # weekly points from the base day


def test_no_postings_index_for_puerto_rico(ref_con):
    assert state_postings_trend(ref_con, PUERTO_RICO) is None
    assert postings_series(ref_con, PUERTO_RICO).empty


def test_healthcare_postings_trend_is_shown_per_mapped_indeed_sector(ref_con):
    """The sector file maps healthcare to nine Indeed sectors, Nursing first; Indeed's sector file ends on
    27 Sep 2024, when Nursing stood at 123.53 against 150.98 a year earlier (28 Sep 2023)."""
    trends = sector_postings_trends(ref_con, ["healthcare"])
    assert trends.indeed_sector.tolist()[:2] == ["Nursing", "Personal Care & Home Health"]
    assert len(trends) == 9 and set(trends.sector_key) == {"healthcare"}
    nursing = trends.iloc[0]
    assert (nursing.latest_on, nursing.latest_index) == (pd.Timestamp("2024-09-27"), 123.53)
    assert (nursing.year_earlier_on, nursing.year_earlier_index) == (pd.Timestamp("2023-09-28"), 150.98)
    assert nursing.change_12m_pct == pytest.approx(100 * (123.53 / 150.98 - 1))
    words = sector_postings_words(trends)["healthcare"]
    assert words.startswith("Nursing 123.5 (−18.2% in 12 months to 27 Sep 2024); Personal Care & Home Health 167.2")


def test_every_sector_is_mapped_to_indeed_sectors_that_exist(ref_con):
    mapped = ref_con.execute("SELECT sector_key, count(*) FROM core_sector_indeed GROUP BY 1").fetchall()
    assert {key for key, _ in mapped} == set(sectors.list_sectors(ref_con).sector_key)
    trends = sector_postings_trends(ref_con, sectors.list_sectors(ref_con).sector_key.tolist())
    assert len(trends) == sum(n for _, n in mapped) and trends.latest_index.notna().all()


def test_sector_trends_name_their_sector_and_say_when_a_sector_has_none(ref_con):
    trends = sector_postings_trends(ref_con, ["healthcare"])
    assert set(trends.sector_name) == {"Healthcare"}
    column = sector_postings_column(pd.Series(["healthcare", "not_mapped"]), trends)
    assert column[0].startswith("Nursing 123.5") and column[1] == NO_MATCHING_SECTOR
    assert sector_postings_trends(ref_con, []).empty


def test_the_mapping_note_adds_the_sector_files_note_for_shown_sectors_only(ref_con):
    listed = sectors.list_sectors(ref_con)
    notes = dict(zip(listed.sector_key, listed.indeed_note))
    names = dict(zip(listed.sector_key, listed.sector_name))
    with_energy = sector_mapping_note(sector_postings_trends(ref_con, ["clean_energy"]), notes, names)
    assert "Clean and green energy: Indeed has no energy sector" in with_energy
    without = sector_mapping_note(sector_postings_trends(ref_con, ["healthcare"]), notes, names)
    assert "energy" not in without and "the project's mapping (in the sector file), not Indeed's" in without
